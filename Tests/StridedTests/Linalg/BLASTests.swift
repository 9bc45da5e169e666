import ComplexModule
import Foundation
import Testing

import Strided

@Suite("BLAS")
struct BLASTests {
  @Test func threadCountCanBeReadAndSet() {
    let original = BLAS.threadCount
    #expect(original >= 1)
    BLAS.threadCount = 1
    #expect(BLAS.threadCount == 1)
    BLAS.threadCount = original
    #expect(BLAS.threadCount == original)
    #expect(BLAS.configuration.contains("OpenBLAS"))
  }

  /// On a processor with AVX2 and FMA, OpenBLAS never runs its SSE3
  /// fallback kernels ("Prescott"), whatever model number it fails to
  /// know, unless the environment chose a core.
  @Test func vectorKernelsRunWhereTheProcessorHasThem() throws {
    guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil else { return }
    let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    guard flags.contains(" avx2"), flags.contains(" fma") else { return }
    #expect(!BLAS.coreName.isEmpty)
    #expect(BLAS.coreName.lowercased() != "prescott", "OpenBLAS chose \(BLAS.coreName)")
  }

  /// `gemm` into an output of every writable layout, with alpha and beta:
  /// the result is `alpha·a·b + beta·c₀`, and bytes around a sliced or
  /// stepped output are untouched.
  func checkGemmOutputs<T: TestScalar & BLASElement>(_: T.Type) {
    let (m, k, n) = (4, 3, 5)
    let outputs: [MatrixLayout] = [.c, .fortran, .transposed, .sliced, .negative, .stepped]
    for la in [MatrixLayout.c, .transposed, .negative] {
      for lc in outputs {
        let a = la.make(m, k, T.self) { i, j in (i + 2 * j) % 5 - 2 }
        let b = MatrixLayout.fortran.make(k, n, T.self) { i, j in (2 * i + j) % 3 - 1 }
        let c = lc.make(m, n, T.self) { i, j in i - j }
        let initial = rows(c)
        let storageBefore = c.storage.withUnsafeBytes { Array($0) }
        let product = referenceProduct(a, b)
        let (_, packs) = BLAS.countingPackedOperands {
          a.gemm(b, alpha: T.make(2), beta: T.make(-1), into: c)
        }
        for i in 0..<m {
          for j in 0..<n {
            let expected = T.multiplyAdd(T.make(2) * product[i][j], T.make(-1), initial[i][j])
            #expect(c[item: i, j] == expected, "\(T.self): \(la) into \(lc)")
          }
        }
        if la.isDirect && lc.isDirect { #expect(packs == 0, "\(T.self): \(la) into \(lc) copied") }
        // Only the output's own elements changed.
        let storageAfter = c.storage.withUnsafeBytes { Array($0) }
        let changed = storageBefore.indices.filter { storageBefore[$0] != storageAfter[$0] }
        let itemSize = MemoryLayout<T>.size
        let reachable = Set((0..<m).flatMap { i in
          (0..<n).map { j in (c.view.byteOffset + i * c.strides[0] + j * c.strides[1]) / itemSize }
        })
        #expect(changed.allSatisfy { reachable.contains($0 / itemSize) }, "\(T.self): into \(lc) wrote outside")
      }
    }
  }

  @Test func gemmWritesIntoEveryOutputLayout() {
    checkGemmOutputs(Float.self)
    checkGemmOutputs(Double.self)
    checkGemmOutputs(Complex<Float>.self)
    checkGemmOutputs(Complex<Double>.self)
  }

  @Test func gemmOperationsIncludingAdjoint() {
    typealias C = Complex<Double>
    let a = MatrixLayout.c.make(3, 2, C.self) { i, j in 3 * i + j }
    let b = MatrixLayout.c.make(3, 4, C.self) { i, j in i + 2 * j + 1 }
    let expected = referenceProduct(a.adjoint(), b)
    for layout in [MatrixLayout.c, .fortran, .transposed] {
      let out = layout.make(2, 4, C.self) { _, _ in 0 }
      let (_, packs) = BLAS.countingPackedOperands {
        a.gemm(b, into: out, operations: (.adjoint, .identity))
      }
      #expect(rows(out) == expected, "into \(layout)")
      // An adjoint of a matrix stored in the output's other order needs
      // one conjugating copy; every other case is direct.
      #expect(packs == (layout == .c ? 0 : 1), "into \(layout)")
    }
    // For real types an adjoint is a transpose.
    let r = MatrixLayout.c.make(3, 2, Double.self) { i, j in i - j }
    let out = NDArray<Double>.zeros([2, 2])
    r.gemm(r, into: out, operations: (.adjoint, .identity))
    #expect(rows(out) == referenceProduct(r.transposed(), r))
    let t = NDArray<Double>.zeros([3, 3])
    r.gemm(r, into: t, operations: (.identity, .transpose))
    #expect(rows(t) == referenceProduct(r, r.transposed()))
  }

  @Test func gemmIntoAnOperandGivesTheUnaliasedResult() {
    let a = MatrixLayout.c.make(4, 4, Double.self) { i, j in (i * 3 + j) % 5 - 2 }
    let b = MatrixLayout.fortran.make(4, 4, Double.self) { i, j in i == j ? 2 : 0 }
    let expected = referenceProduct(a, b)
    a.gemm(b, into: a)
    #expect(rows(a) == expected)
    // The output overlaps the operand through a transposed view.
    let s = MatrixLayout.c.make(3, 3, Double.self) { i, j in i * 3 + j }
    let sExpected = referenceProduct(s.transposed(), s)
    s.transposed().gemm(s, into: s)
    #expect(rows(s) == sExpected)
  }

  @Test func gemmWithAnEmptyInnerDimensionScalesTheOutput() {
    let c = NDArray<Double>([1, 2, 3, .nan], shape: [2, 2])
    NDArray<Double>.zeros([2, 0]).gemm(NDArray<Double>.zeros([0, 1]), beta: 3, into: c[.all, 0..<1])
    #expect(c[item: 0, 0] == 3 && c[item: 1, 0] == 9 && c[item: 0, 1] == 2)
    NDArray<Double>.zeros([2, 0]).gemm(NDArray<Double>.zeros([0, 2]), beta: 0, into: c)
    #expect(c == NDArray.zeros([2, 2]))  // beta = 0 overwrites NaN
  }

  @Test func gemvOnEveryVectorStride() {
    let m = MatrixLayout.sliced.make(3, 4, Double.self) { i, j in i * 4 + j }
    let backing = NDArray<Double>([1, 9, 2, 9, 3, 9, 4, 9])
    let vectors: [NDArray<Double>] = [
      [1, 2, 3, 4], backing[.slice(by: 2)], NDArray<Double>([4, 3, 2, 1]).flipped(),
      try! NDArray<Double>([2.5]).broadcast(to: [4]),
    ]
    for x in vectors {
      let expected = (0..<3).map { i in (0..<4).reduce(0.0) { $0 + m[item: i, $1] * x[item: $1] } }
      for y in [NDArray<Double>.zeros([3]), NDArray<Double>.zeros([9])[.slice(by: 3)], NDArray<Double>.zeros([3]).flipped()] {
        let (_, packs) = BLAS.countingPackedOperands { m.gemv(x, into: y) }
        #expect(y.elements == expected)
        #expect(packs == (x.strides[0] == 0 ? 1 : 0))
      }
    }
    // Transposed operation, alpha and beta.
    let y: NDArray<Double> = [1, 1, 1, 1]
    m.gemv([1, 0, -1], alpha: 2, beta: 10, into: y, operation: .transpose)
    #expect(y.elements == (0..<4).map { j in 10 + 2 * (m[item: 0, j] - m[item: 2, j]) })
    let z = NDArray<Complex<Float>>.zeros([2])
    let cm = NDArray<Complex<Float>>([Complex(0, 1), 1, 2, Complex(1, -1)], shape: [2, 2])
    cm.gemv(NDArray([1, Complex(0, 1)]), into: z, operation: .adjoint)
    #expect(z.elements == [Complex(0, -1) + 2 * Complex(0, 1), 1 + Complex(1, 1) * Complex(0, 1)])
  }

  @Test func levelOneRoutinesOnAnyStride() {
    let data = NDArray<Double>([3, -1, -4, 1, 5, -9, 2, 6])
    let x = data[.slice(by: 2)]  // 3, -4, 5, 2
    let y = data.flipped()[.slice(by: 2)]  // 6, -9, 1, -1 (negative stride)
    #expect(BLAS.dot(x, y) == 18 + 36 + 5 - 2)
    #expect(BLAS.conjugatedDot(x, y) == 57)
    #expect(BLAS.sumOfMagnitudes(y) == 17)
    #expect(BLAS.norm(NDArray<Double>([3, 4]).flipped()) == 5)
    #expect(BLAS.indexOfLargestMagnitude(y) == 1)
    #expect(BLAS.indexOfLargestMagnitude(NDArray<Double>([1, -7, 7]).flipped()) == 0)  // first in view order
    #expect(BLAS.indexOfLargestMagnitude(NDArray<Double>([])) == nil)
    let z = try! NDArray<Double>([2]).broadcast(to: [4])
    #expect(BLAS.dot(x, z) == 12)

    let target = NDArray<Double>([1, 2, 3, 4, 5, 6])
    BLAS.add(NDArray<Double>([1, 1, 1]), scaledBy: 2, to: target[.slice(by: -2)])
    #expect(target.elements == [1, 4, 3, 6, 5, 8])
    BLAS.scale(target[.slice(from: 4, by: -2)], by: 10)
    #expect(target.elements == [10, 4, 30, 6, 50, 8])
    // axpy from a view of y itself reads x before it is overwritten.
    let w = NDArray<Double>([1, 2, 3, 4])
    BLAS.add(w.flipped(), scaledBy: 1, to: w)
    #expect(w.elements == [5, 5, 5, 5])

    let c = NDArray<Complex<Double>>([Complex(1, 2), Complex(3, -4)])
    #expect(BLAS.dot(c, c) == Complex(1, 2) * Complex(1, 2) + Complex(3, -4) * Complex(3, -4))
    #expect(BLAS.conjugatedDot(c, c) == Complex(30, 0))
    #expect(BLAS.norm(c) == 30.0.squareRoot())
    #expect(BLAS.sumOfMagnitudes(c) == 10)
    #expect(BLAS.indexOfLargestMagnitude(c) == 1)
    let f = NDArray<Float>([1, 2, 3])
    BLAS.scale(f, by: -1)
    #expect(f.elements == [-1, -2, -3] && BLAS.sumOfMagnitudes(f) == 6)
  }

  @Test func readOnlyOutputsAndBadShapesTrap() async {
    await #expect(processExitsWith: .failure) {
      let a = NDArray<Double>.zeros([2, 2])
      a.gemm(a, into: a.asReadOnly())
    }
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let a = NDArray<Double>.zeros([2, 3])
      a.gemm(a, into: NDArray<Double>.zeros([2, 2]))
    } .map { result in
      let message = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(message.contains("[2, 3]") && message.contains("[2, 2]"))
    }
    await #expect(processExitsWith: .failure) {
      BLAS.add(NDArray<Double>.zeros([2]), scaledBy: 1, to: NDArray<Double>.zeros([3]))
    }
    await #expect(processExitsWith: .failure) {
      NDArray<Double>.zeros([2, 2]).gemv(NDArray<Double>.zeros([3]), into: NDArray<Double>.zeros([2]))
    }
  }
}
