import ComplexModule
import Foundation
import Testing

import Strided

@Suite("Matrix products")
struct MatrixProductTests {
  /// Every pair of operand layouts, for one element type: the product
  /// equals the definition exactly (small integer values), and BLAS types
  /// pack nothing when both operands are direct.
  func checkLayouts<T: TestScalar>(_: T.Type, blas: Bool) {
    let (m, k, n) = (5, 4, 6)
    for la in MatrixLayout.allCases {
      for lb in MatrixLayout.allCases {
        let a = la.make(m, k, T.self) { i, j in (3 * i + j) % 7 - 3 }
        let b = lb.make(k, n, T.self) { i, j in (i + 2 * j) % 5 - 2 }
        let (c, packs) = BLAS.countingPackedOperands { a.matmul(b) }
        #expect(c.shape == [m, n])
        #expect(rows(c) == referenceProduct(a, b), "\(T.self): \(la) × \(lb)")
        if blas && la.isDirect && lb.isDirect {
          #expect(packs == 0, "\(T.self): \(la) × \(lb) copied an operand")
        }
      }
    }
  }

  @Test func blasTypesOnEveryLayout() {
    checkLayouts(Float.self, blas: true)
    checkLayouts(Double.self, blas: true)
    checkLayouts(Complex<Float>.self, blas: true)
    checkLayouts(Complex<Double>.self, blas: true)
  }

  @Test func otherTypesOnEveryLayout() {
    checkLayouts(Int8.self, blas: false)
    checkLayouts(UInt8.self, blas: false)
    checkLayouts(Int32.self, blas: false)
    checkLayouts(Int64.self, blas: false)
    checkLayouts(UInt64.self, blas: false)
    checkLayouts(Bool.self, blas: false)
    checkLayouts(Float16.self, blas: false)
  }

  @Test func integerProductsWrapAsNumPyDoes() {
    let a: NDArray<Int8> = [[100, 100]]
    let b: NDArray<Int8> = [[2], [1]]
    #expect(a.matmul(b)[item: 0, 0] == 44)  // 300 wraps to 44
    let big = NDArray<Int64>([.max, 1], shape: [1, 2])
    #expect(big.matmul(NDArray([2, 1], shape: [2, 1]))[item: 0, 0] == -1)
  }

  @Test func genericKernelCrossesItsTiles() {
    // 40 × 300 × 33 crosses the 32-row and 256-column tiles.
    let a = MatrixLayout.transposed.make(40, 300, Int32.self) { i, j in (i * 7 + j) % 11 - 5 }
    let b = MatrixLayout.stepped.make(300, 270, Int32.self) { i, j in (i + j * 3) % 13 - 6 }
    #expect(rows(a.matmul(b)) == referenceProduct(a, b))
  }

  @Test func largeDoubleProductMatchesTheDefinition() {
    let a = MatrixLayout.sliced.make(70, 90, Double.self) { i, j in (i * 5 + j) % 9 - 4 }
    let b = MatrixLayout.fortran.make(90, 65, Double.self) { i, j in (i + j) % 7 - 3 }
    #expect(rows(a.matmul(b)) == referenceProduct(a, b))
  }

  @Test func vectorCases() {
    let m: NDArray<Double> = [[1, 2, 3], [4, 5, 6]]
    let x: NDArray<Double> = [1, 0, -1]
    let y: NDArray<Double> = [2, 3]
    #expect(m.matmul(x) == [-2, -2])
    #expect(y.matmul(m) == [14, 19, 24])
    let dot = x.matmul(x)
    #expect(dot.ndim == 0 && dot[] == 2)
    // Negative-stride and stepped vectors go to BLAS as they are.
    let (_, packs) = BLAS.countingPackedOperands {
      #expect(m.matmul(x.flipped()) == [2, 2])
      #expect(m[.all, 0..<2].matmul(NDArray<Double>([1, 1, 1, 1])[.slice(by: -2)]) == [3, 9])
      #expect(NDArray<Double>([1, 1, 1, 1])[.slice(by: 2)].matmul(m.transposed()[0..<2]) == [3, 9])
    }
    #expect(packs == 0)
    // A matrix with two non-unit strides is packed once.
    let (_, stepped) = BLAS.countingPackedOperands {
      #expect(m[.all, .slice(by: 2)].matmul(NDArray<Double>([1, 1])) == [4, 10])
    }
    #expect(stepped == 1)
    // Integers use the kernel for every case.
    let mi: NDArray<Int32> = [[1, 2, 3], [4, 5, 6]]
    #expect(mi.matmul(NDArray<Int32>([1, 0, -1])) == [-2, -2])
    #expect(NDArray<Int32>([1, 2]).matmul(mi) == [9, 12, 15])
    #expect(NDArray<Int32>([1, 2]).matmul(NDArray<Int32>([3, 4]))[] == 11)
  }

  @Test func emptyAndDegenerateShapes() {
    let a = NDArray<Double>.zeros([3, 0])
    let b = NDArray<Double>.zeros([0, 4])
    #expect(a.matmul(b) == NDArray.zeros([3, 4]))
    #expect(b.matmul(NDArray<Double>.zeros([4, 2])).shape == [0, 2])
    #expect(NDArray<Double>.zeros([0]).matmul(NDArray<Double>.zeros([0]))[] == 0)
    #expect(NDArray<Int32>.zeros([3, 0]).matmul(NDArray<Int32>.zeros([0, 2])) == NDArray.zeros([3, 2]))
    let one: NDArray<Float> = [[2]]
    #expect(one.matmul(one) == [[4]])
    #expect(NDArray<Double>.zeros([2, 0, 3, 4]).matmul(NDArray<Double>.zeros([4, 5])).shape == [2, 0, 3, 5])
  }

  @Test func batchedProductsBroadcast() {
    let a = NDArray<Double>((0..<24).map { Double($0 % 7 - 3) }, shape: [2, 1, 3, 4])
    let b = NDArray<Double>((0..<40).map { Double($0 % 5 - 2) }, shape: [5, 4, 2])
    let c = a.matmul(b)
    #expect(c.shape == [2, 5, 3, 2])
    for i in 0..<2 {
      for j in 0..<5 {
        let expected = referenceProduct(a[i, 0], b[j])
        #expect(rows(c[i, j]) == expected)
      }
    }
    // A 1-D operand against a stack.
    let v: NDArray<Double> = [1, 2, 3, 4]
    #expect(a.matmul(v).shape == [2, 1, 3])
    #expect(v.matmul(b).shape == [5, 2])
    #expect(v.matmul(b)[3] == NDArray(rows(v.expandingDimensions(at: 0).matmul(b[3]))[0]))
  }

  @Test func largeStacksOfSmallProductsSplitAcrossThreads() {
    // 64 products of 32 × 32: the stack is shared between two threads.
    let a = NDArray<Double>((0..<(64 * 32 * 32)).map { Double($0 % 7 - 3) }, shape: [64, 32, 32])
    let b = NDArray<Double>((0..<(64 * 32 * 32)).map { Double($0 % 5 - 2) }, shape: [64, 32, 32])
    let bt = b.swappingAxes(1, 2)  // transposed matrices: BLAS's Trans
    let c = a.matmul(bt)
    for i in [0, 31, 32, 63] {
      #expect(rows(c[i, .all, .all]) == referenceProduct(a[i, .all, .all], bt[i, .all, .all]))
    }
    let ai = a.converted(to: Int32.self)
    let ci = ai.matmul(ai)
    for i in [0, 40, 63] {
      #expect(rows(ci[i, .all, .all]) == referenceProduct(ai[i, .all, .all], ai[i, .all, .all]))
    }
  }

  @Test func stacksThroughTheSmallKernelInEveryLayout() {
    // Shapes the kernel takes (widths 16, 8, 32) and ones it leaves to
    // BLAS (24); stacks reversed, stepped, broadcast, with `a` transposed.
    for (m, n, k) in [(32, 32, 32), (12, 16, 12), (8, 8, 8), (5, 32, 7), (24, 24, 24)] {
      let a = NDArray<Double>((0..<(12 * m * k)).map { Double($0 % 7 - 3) }, shape: [12, m, k])
      let at = NDArray<Double>((0..<(12 * m * k)).map { Double($0 % 9 - 4) }, shape: [12, k, m]).swappingAxes(1, 2)
      let b = NDArray<Double>((0..<(12 * k * n)).map { Double($0 % 5 - 2) }, shape: [12, k, n])
      let cases: [(NDArray<Double>, NDArray<Double>)] = [
        (a, b), (a[.slice(by: -1)], b), (a[.slice(by: 2)], b[.slice(from: 1, by: 2)]), (at, b),
        (a, b[3]), (a[5], b),
      ]
      for (x, y) in cases {
        let c = x.matmul(y)
        let stack = c.shape[0]
        for i in [0, stack / 2, stack - 1] {
          let xi = x.ndim == 3 ? x[i, .all, .all] : x
          let yi = y.ndim == 3 ? y[i, .all, .all] : y
          #expect(rows(c[i, .all, .all]) == referenceProduct(xi, yi), "\(m) × \(n) × \(k), item \(i)")
        }
      }
    }
  }

  @Test func productsMatchNumPy() throws {
    guard Python.hasNumPy else { return }
    let cases: [([Int], [Int])] = [
      ([3], [3]), ([2, 3], [3]), ([3], [3, 2]), ([2, 3], [3, 4]), ([2, 1, 3, 4], [5, 4, 2]),
      ([4], [2, 4, 3]), ([2, 3, 4], [4]), ([0, 2, 3], [3, 2]), ([3, 0], [0, 2]),
    ]
    for (sa, sb) in cases {
      let a = NDArray<Double>((0..<sa.reduce(1, *)).map { Double($0 % 7 - 3) }, shape: Dimensions(sa))
      let b = NDArray<Double>((0..<sb.reduce(1, *)).map { Double($0 % 5 - 2) }, shape: Dimensions(sb))
      for operation in ["matmul", "dot", "outer"] {
        let ours: NDArray<Double>
        switch operation {
        case "matmul": ours = a.matmul(b)
        case "dot": ours = a.dot(b)
        default: ours = a.outer(b)
        }
        let script = """
          import json, sys, numpy as np
          sa, sb = json.loads(sys.argv[1]), json.loads(sys.argv[2])
          a = (np.arange(int(np.prod(sa))) % 7 - 3).astype(float).reshape(sa)
          b = (np.arange(int(np.prod(sb))) % 5 - 2).astype(float).reshape(sb)
          r = getattr(np, sys.argv[3])(a, b)
          print(json.dumps({"shape": list(np.shape(r)), "values": np.ravel(r).tolist()}))
          """
        let output = try Python.run(["-c", script, "\(sa)", "\(sb)", operation])
        struct Result: Decodable { let shape: [Int]; let values: [Double] }
        let expected = try JSONDecoder().decode(Result.self, from: output)
        #expect(Array(ours.shape) == expected.shape, "\(operation) \(sa) \(sb)")
        #expect(ours.elements == expected.values, "\(operation) \(sa) \(sb)")
      }
    }
  }

  @Test func dotOfStacksSumsOverTheRightAxes() {
    let a = NDArray<Int64>((0..<24).map { Int64($0) }, shape: [2, 3, 4])
    let b = NDArray<Int64>((0..<40).map { Int64($0 % 9) }, shape: [5, 4, 2])
    let c = a.dot(b)
    #expect(c.shape == [2, 3, 5, 2])
    for i in 0..<2 {
      for j in 0..<3 {
        for p in 0..<5 {
          for q in 0..<2 {
            var sum: Int64 = 0
            for r in 0..<4 { sum += a[item: i, j, r] * b[item: p, r, q] }
            #expect(c[item: i, j, p, q] == sum)
          }
        }
      }
    }
  }

  @Test func outerOfAnyShapes() {
    let a: NDArray<Int32> = [[1, 2], [3, 4]]
    let b: NDArray<Int32> = [1, -1, 2]
    #expect(a.outer(b) == [[1, -1, 2], [2, -2, 4], [3, -3, 6], [4, -4, 8]])
    #expect(NDArray<Double>([1, 2]).outer(NDArray<Double>([3, 4])[.slice(by: -1)]) == [[4, 3], [8, 6]])
  }

  @Test func viewsDispatchOnTheirFormat() throws {
    let a: NDArray<Int16> = [[1, 2], [3, 4]]
    let product = try a.view.matmul(a.view)
    #expect(try NDArray<Int16>(product) == [[7, 10], [15, 22]])
    let d: NDArray<Double> = [[1, 2], [3, 4]]
    #expect(throws: ViewError.self) { try a.view.matmul(d.view) }
    let records = try NDView(format: "T{i:x:i:y:}", shape: [2, 2])
    #expect(throws: ViewError.self) { try records.matmul(records) }
  }

  @Test func mismatchedShapesTrapNamingBothShapes() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<Double>.zeros([2, 3]).matmul(NDArray<Double>.zeros([4, 5]))
    } .map { result in
      let message = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(message.contains("[2, 3]") && message.contains("[4, 5]"))
    }
    await #expect(processExitsWith: .failure) {
      _ = NDArray<Double>.zeros([2, 2, 3]).matmul(NDArray<Double>.zeros([3, 3, 1]))
    }
    await #expect(processExitsWith: .failure) {
      _ = NDArray<Int32>(scalar: 1).matmul(NDArray<Int32>.zeros([1]))
    }
  }
}

@Suite("Small matrix products")
struct SmallProductTests {
  /// Every size up to the small kernel's limit and just past it, with
  /// the left operand in every layout, against the definition.
  @Test func everySmallShapeAndLayout() {
    for (m, n, k) in [(1, 1, 1), (3, 5, 2), (4, 8, 3), (5, 9, 7), (8, 16, 16), (12, 17, 5), (9, 20, 3), (17, 32, 32), (24, 31, 7), (16, 16, 16), (31, 33, 2), (32, 32, 32), (33, 3, 3)] {
      for layout in [MatrixLayout.c, .fortran, .negative, .stepped, .broadcast] {
        let a = layout.make(m, k, Double.self) { i, j in (i * 3 + j * 5) % 11 - 5 }
        let b = MatrixLayout.sliced.make(k, n, Double.self) { i, j in (i + j * 7) % 9 - 4 }
        #expect(rows(a.matmul(b)) == referenceProduct(a, b), "\(m)×\(k) \(layout) · \(k)×\(n)")
      }
    }
  }
}
