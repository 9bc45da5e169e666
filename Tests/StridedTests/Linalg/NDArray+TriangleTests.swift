import ComplexModule
import Foundation
import Testing

@testable import Strided

/// Oracle cases whose results must match NumPy's dtype and shape exactly,
/// and its values within `tolerance` (relative, and absolute below 1): a
/// ``SetOracleCheck`` with one tolerance and one argument type.
struct LinalgOracleCheck<T: OracleScalar> {
  var tolerance: Double
  var check = SetOracleCheck()

  init(tolerance: Double) { self.tolerance = tolerance }

  mutating func add<R: OracleScalar>(
    _ label: String, _ op: String, _ arguments: [NDArray<T>], result: NDArray<R>, keywords: [String: Any] = [:]
  ) {
    check.add(label, op, arguments, result: result, keywords: keywords, tolerance: tolerance)
  }

  /// Runs the oracle (when NumPy is on the machine) and records a failure
  /// for each disagreement.
  func verify(sourceLocation: SourceLocation = #_sourceLocation) throws {
    try check.verify(sourceLocation: sourceLocation)
  }
}

/// A Hermitian (symmetric, if real) positive definite matrix of size n, or a
/// stack of them: M·Mᴴ + n·I from sample values, made exactly Hermitian
/// off the diagonal (the upper triangle is the conjugate of the lower one).
func positiveDefinite<T: OracleScalar & BLASElement & TestScalar>(
  _: T.Type, _ n: Int, batch: [Int] = [], seed: Int
) -> NDArray<T> {
  let shape = batch + [n, n]
  let m = NDArray(sampleValues(T.self, count: shape.reduce(1, *), seed: seed, specials: false), shape: Dimensions(shape))
  let adjoint = m.swappingAxes(shape.count - 2, shape.count - 1).conjugatedIfComplex()
  let shift = NDArray<T>.identity(n) * T.real(n)
  return hermitianFromLower(m.matmul(adjoint) + shift)
}

/// The Hermitian matrix (or stack) whose strict lower triangle is `a`'s,
/// with the real parts of `a`'s diagonal.
func hermitianFromLower<T: TestScalar & BLASElement>(_ a: NDArray<T>) -> NDArray<T> {
  let n = a.shape[a.ndim - 1]
  let values = a.elements
  let conjugates = a.conjugatedIfComplex().elements
  var result = values
  for index in values.indices {
    let (start, i, j) = (index - index % (n * n), (index / n) % n, index % n)
    if i < j { result[index] = conjugates[start + j * n + i] }
    if i == j { result[index] = T.lift(NDArray<T>.parts(values[index]).0) }
  }
  return NDArray(result, shape: a.shape)
}

/// `a` (a square matrix or a stack) with the elements strictly inside
/// `triangle` replaced by `value`.
func garbled<T: NDElement>(_ a: NDArray<T>, _ triangle: Triangle, with value: T) -> NDArray<T> {
  let n = a.shape[a.ndim - 1]
  var values = a.elements
  for index in values.indices {
    let (i, j) = ((index / n) % n, index % n)
    let inside = triangle == .upper ? i < j : i > j
    if inside { values[index] = value }
  }
  return NDArray(values, shape: a.shape)
}

/// The shapes of the Cholesky and eigenvalue cases: a size and a stack.
let triangleCases: [(n: Int, batch: [Int])] = [(1, []), (4, []), (3, [2]), (2, [2, 3]), (0, []), (3, [0])]

@Suite("cholesky(upper:) and eigh(uplo:)")
struct TriangleTests {
  func checkCholesky<T: OracleScalar & BLASElement & TestScalar>(_: T.Type, tolerance: Double) throws {
    var check = LinalgOracleCheck<T>(tolerance: tolerance)
    for (index, (n, batch)) in triangleCases.enumerated() {
      let clean = positiveDefinite(T.self, n, batch: batch, seed: index)
      for upper in [false, true] {
        // The triangle that is not read holds values that would make the
        // matrix indefinite.
        let input = garbled(clean, upper ? .lower : .upper, with: T.real(-50))
        for layout in OperandLayout.allCases {
          let a = layout.make(input.elements, shape: input.shape)
          let factor = try a.cholesky(upper: upper)
          check.add("cholesky \(T.self) \(batch + [n, n]) \(layout) upper \(upper)", "cholesky", [a], result: factor,
                    keywords: ["upper": upper])
          // Reconstruction: Uᴴ·U or L·Lᴴ is the clean matrix.
          guard n > 0, !batch.contains(0) else { continue }
          let adjoint = factor.swappingAxes(factor.ndim - 2, factor.ndim - 1).conjugatedIfComplex()
          let product = upper ? adjoint.matmul(factor) : factor.matmul(adjoint)
          #expect(maxDistance(product.copy(), clean) < tolerance * 100 * Double(n), "\(T.self) \(layout) upper \(upper)")
        }
      }
    }
    try check.verify()
  }

  @Test("cholesky(upper:) matches NumPy for each type, layout and stack")
  func choleskyMatchesNumPy() throws {
    try checkCholesky(Double.self, tolerance: 1e-12)
    try checkCholesky(Complex<Double>.self, tolerance: 1e-12)
    try checkCholesky(Float.self, tolerance: 1e-4)
    try checkCholesky(Complex<Float>.self, tolerance: 1e-4)
  }

  @Test("the upper factor is the adjoint of the lower one, zero below the diagonal")
  func upperFactor() throws {
    let a: NDArray<Double> = [[4, 2], [2, 5]]
    #expect(try a.cholesky() == [[2, 0], [1, 2]])
    #expect(try a.cholesky(upper: true) == [[2, 1], [0, 2]])
    #expect(try a.cholesky(upper: false) == a.cholesky())
    let z = positiveDefinite(Complex<Double>.self, 5, seed: 9)
    let lower = try z.cholesky()
    let upper = try z.cholesky(upper: true)
    #expect(maxDistance(upper, lower.adjoint().copy()) < 1e-12)
    #expect((0..<5).allSatisfy { i in (0..<i).allSatisfy { upper[item: i, $0] == .zero } })
    #expect(z == positiveDefinite(Complex<Double>.self, 5, seed: 9), "the input was modified")
  }

  @Test("cholesky(upper:) reads one triangle and throws for the errors NumPy raises")
  func choleskyErrors() {
    let s: NDArray<Double> = [[4, 2, 1], [2, 5, 3], [1, 3, 6]]
    let badUpper = garbled(s, .upper, with: 99)
    let badLower = garbled(s, .lower, with: 99)
    #expect(throws: Never.self) { try badUpper.cholesky() }
    #expect(throws: Never.self) { try badLower.cholesky(upper: true) }
    // 5 − 49.5² < 0 at the second step.
    #expect(throws: LinalgError.notPositiveDefinite(info: 2)) { try badUpper.cholesky(upper: true) }
    #expect(throws: LinalgError.notPositiveDefinite(info: 2)) { try badLower.cholesky() }
    let indefinite: NDArray<Double> = [[1, 2], [2, 1]]
    for upper in [false, true] {
      #expect(throws: LinalgError.notPositiveDefinite(info: 2)) { try indefinite.cholesky(upper: upper) }
      #expect(throws: LinalgError.notSquare(operation: "cholesky", shape: [2, 3])) {
        try NDArray<Double>.zeros([2, 3]).cholesky(upper: upper)
      }
      #expect(throws: LinalgError.wrongRank(operation: "cholesky", shape: [3], expected: 2, atMost: false)) {
        try NDArray<Double>([1, 2, 3]).cholesky(upper: upper)
      }
      // One matrix of the stack is not positive definite.
      let stack = try! NDArray<Double>.stack([s, indefinite.embeddedInIdentity(3)])
      #expect(throws: LinalgError.notPositiveDefinite(info: 2)) { try stack.cholesky(upper: upper) }
    }
  }

  func checkEigh<T: OracleScalar & BLASElement & TestScalar>(_: T.Type, tolerance: Double) throws
  where T.Magnitude: OracleScalar {
    var check = LinalgOracleCheck<T>(tolerance: tolerance)
    for (index, (n, batch)) in triangleCases.enumerated() {
      let clean = positiveDefinite(T.self, n, batch: batch, seed: index + 20) - NDArray<T>.identity(n) * T.real(2 * n)
      for uplo in Triangle.allCases {
        let input = garbled(clean, uplo == .lower ? .upper : .lower, with: T.real(1000))
        for layout in OperandLayout.allCases {
          let a = layout.make(input.elements, shape: input.shape)
          let (w, v) = try a.eigh(uplo: uplo)
          check.add("eigvalsh \(T.self) \(batch + [n, n]) \(layout) \(uplo)", "eigvalsh", [a], result: w,
                    keywords: ["UPLO": uplo == .lower ? "L" : "U"])
          #expect(w.shape.array == batch + [n] && v.shape.array == batch + [n, n])
          guard n > 0, !batch.contains(0) else { continue }
          // The clean matrix times each eigenvector is the eigenvalue times it,
          // and the eigenvectors are orthonormal.
          let lambdas = NDArray(w.elements.map { T.lift($0) }, shape: Dimensions(batch + [1, n]))
          let scale = tolerance * 100 * Double(n)
          #expect(maxDistance(clean.matmul(v).copy(), (v * lambdas).copy()) < scale, "\(T.self) \(layout) \(uplo)")
          let gram = v.swappingAxes(v.ndim - 2, v.ndim - 1).conjugatedIfComplex().matmul(v)
          let identity = try! NDArray<T>.identity(n).broadcast(to: gram.shape).copy()
          #expect(maxDistance(gram.copy(), identity) < tolerance * 100, "\(T.self) \(layout) \(uplo)")
        }
      }
    }
    try check.verify()
  }

  @Test("eigh(uplo:) matches NumPy's eigvalsh(UPLO=) and its eigenvectors reconstruct the matrix")
  func eighMatchesNumPy() throws {
    try checkEigh(Double.self, tolerance: 1e-11)
    try checkEigh(Complex<Double>.self, tolerance: 1e-11)
    try checkEigh(Float.self, tolerance: 2e-4)
    try checkEigh(Complex<Float>.self, tolerance: 2e-4)
  }

  @Test("eigh reads only the triangle it is given")
  func eighReadsOneTriangle() throws {
    let s: NDArray<Double> = [[4, 2, 1], [2, 5, 3], [1, 3, 6]]
    let expected = try s.eigh().eigenvalues.elements
    for (uplo, other) in [(Triangle.lower, Triangle.upper), (.upper, .lower)] {
      let values = try garbled(s, other, with: 99).eigh(uplo: uplo).eigenvalues.elements
      #expect(zip(values, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(uplo)")
    }
    #expect(try s.eigh(uplo: .lower).eigenvalues == s.eigh().eigenvalues)
    #expect(Triangle.allCases == [.lower, .upper])
    #expect(throws: LinalgError.notSquare(operation: "eigh", shape: [2, 3])) {
      try NDArray<Double>.zeros([2, 3]).eigh(uplo: .upper)
    }
    #expect(throws: LinalgError.wrongRank(operation: "eigh", shape: [3], expected: 2, atMost: false)) {
      try NDArray<Double>([1, 2, 3]).eigh(uplo: .upper)
    }
    let empty = try NDArray<Double>.zeros([2, 0, 0]).eigh(uplo: .upper)
    #expect(empty.eigenvalues.shape == [2, 0] && empty.eigenvectors.shape == [2, 0, 0])
  }
}

extension NDArray where Element == Double {
  /// A 2 × 2 matrix in the top-left corner of an otherwise zero n × n one,
  /// with 1s on the rest of the diagonal.
  func embeddedInIdentity(_ n: Int) -> NDArray {
    let result = NDArray<Double>.identity(n)
    result[0..<2, 0..<2] = self
    return result
  }
}
