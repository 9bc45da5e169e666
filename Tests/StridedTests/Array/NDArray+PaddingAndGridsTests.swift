import ComplexModule
import Foundation
import Testing

import Strided

@Suite("Odd reflection padding, sparse and view grids, Bool eye")
struct PaddingAndGridsTests {
  /// Odd padding of every shape and layout, with widths up to several
  /// times the axis (NumPy reflects again and again), against `np.pad`.
  static func addPads<T: OracleScalar>(_: T.Type, to check: inout SetOracleCheck) throws {
    let shapes: [[Int]] = [[3], [2], [1], [5], [2, 3], [3, 1, 2], [4, 0], [4, 2]]
    let modes: [(String, PadMode<T>)] = [("reflect", .oddReflect), ("symmetric", .oddSymmetric)]
    for (s, shape) in shapes.enumerated() {
      for layout in OperandLayout.allCases {
        let values = sampleValues(T.self, count: shape.reduce(1, *), seed: s)
        let a = layout.make(values, shape: Dimensions(shape))
        let widths: [(before: Int, after: Int)] = shape.enumerated().map { d, n in
          n == 0
            ? (before: 0, after: 0)
            : (before: (d * 7 + s * 3 + layout.rawValue.count) % (3 * n + 4), after: (d * 5 + s + 2) % (4 * n + 3))
        }
        for (name, mode) in modes {
          check.add("\(T.self) pad \(name) odd \(shape) \(widths) \(layout)", "pad", [NDArray(values, shape: Dimensions(shape))],
                    result: try a.padded(widths, mode: mode),
                    keywords: ["width": widths.map { [$0.before, $0.after] }, "mode": name, "reflect_type": "odd"])
        }
      }
    }
    // One width for every axis, far past the axis.
    let m = NDArray(sampleValues(T.self, count: 6, seed: 9), shape: [2, 3])
    for (name, mode) in modes {
      check.add("\(T.self) pad \(name) odd 11", "pad", [m], result: try m.padded(11, mode: mode),
                keywords: ["width": [[11, 11]], "mode": name, "reflect_type": "odd"])
    }
  }

  @Test("np.pad with reflect_type=\"odd\": values and dtypes, integers wrapping, NaN, complex, Bool")
  func oddPaddingMatchesNumPy() throws {
    var check = SetOracleCheck()
    try Self.addPads(Double.self, to: &check)
    try Self.addPads(Float.self, to: &check)
    try Self.addPads(Int8.self, to: &check)
    try Self.addPads(UInt8.self, to: &check)
    try Self.addPads(Int64.self, to: &check)
    try Self.addPads(Complex<Double>.self, to: &check)
    try Self.addPads(Bool.self, to: &check)
    try check.verify()
  }

  @Test("odd padding by hand, and an empty axis that must be extended throws")
  func oddPaddingByHand() throws {
    let a = NDArray<Double>([1, 2, 4])
    #expect(try a.padded(2, mode: .oddReflect).elements == [-2, 0, 1, 2, 4, 6, 7])
    #expect(try a.padded(2, mode: .oddSymmetric).elements == [0, 1, 1, 2, 4, 4, 6])
    #expect(try a.padded([(0, 10)], mode: .oddReflect).elements == [1, 2, 4, 6, 7, 8, 10, 12, 13, 14, 16, 18, 19])
    #expect(try a.padded([(5, 7)], mode: .oddSymmetric).elements == [-4, -2, -2, 0, 1, 1, 2, 4, 4, 6, 7, 7, 8, 10, 10])
    #expect(try NDArray<Int>([3]).padded([(3, 4)], mode: .oddReflect).elements == [3, 3, 3, 3, 3, 3, 3, 3])
    #expect(try NDArray<UInt8>([1, 2, 3]).padded(4, mode: .oddReflect).elements == [253, 254, 255, 0, 1, 2, 3, 4, 5, 6, 7])
    #expect(try NDArray<Bool>([true, false]).padded(2, mode: .oddReflect).elements == [true, true, true, false, true, true])
    #expect(throws: ShapeError.emptyAxis(axis: 0, operation: "padded")) {
      try NDArray<Double>.zeros([0, 3]).padded(1, mode: .oddSymmetric)
    }
  }

  @Test("meshgrid with sparse and copy, against NumPy: every indexing, flattened and 0-d inputs, strided vectors")
  func gridsMatchNumPy() throws {
    var check = SetOracleCheck()
    let x = OperandLayout.negative.make([1.5, 2, 3], shape: [3])
    let y = OperandLayout.stepped.make([4.0, -5], shape: [2])
    let z = OperandLayout.fortran.make([6.0, 7, 8, 9, 10, 11], shape: [2, 3])
    let w = NDArray<Double>(scalar: 12)
    for vectors in [[x, y, z], [x, y], [x], [z, w, x], []] {
      for indexing in [MeshIndexing.xy, .ij] {
        for sparse in [false, true] {
          for copy in [true, false] {
            let grids = NDArray.meshgrid(vectors, indexing: indexing, sparse: sparse, copy: copy)
            #expect(grids.count == vectors.count)
            for (part, grid) in grids.enumerated() {
              check.add("meshgrid \(vectors.map(\.shape)) \(indexing) sparse \(sparse) copy \(copy)", "meshgrid_part",
                        vectors, result: grid,
                        keywords: ["part": part, "indexing": indexing == .xy ? "xy" : "ij", "sparse": sparse, "copy": copy])
            }
          }
        }
      }
    }
    try check.verify()
  }

  @Test("meshgrid views: sparse ones share the vectors' elements, full ones are read-only broadcasts")
  func gridViews() {
    let x = NDArray<Double>([1, 2, 3])
    let y = NDArray<Double>([4, 5])
    let sparse = NDArray.meshgrid([x, y], sparse: true, copy: false)
    #expect(sparse.map { $0.shape.array } == [[1, 3], [2, 1]])
    let full = NDArray.meshgrid([x, y], indexing: .ij, copy: false)
    #expect(full.map { $0.shape.array } == [[3, 2], [3, 2]])
    #expect(full.allSatisfy { $0.isReadOnly } && full[0].strides[1] == 0)
    let copies = NDArray.meshgrid([x, y], sparse: true)
    x[item: 0] = 100
    #expect(sparse[0][item: 0, 0] == 100 && full[0][item: 0, 1] == 100)
    #expect(copies[0][item: 0, 0] == 1 && !copies[0].isReadOnly)
    sparse[1][item: 1, 0] = -5
    #expect(y[item: 1] == -5)
  }

  @Test("eye of any element type: Bool and integers against NumPy")
  func eyeOfAnyType() throws {
    var check = SetOracleCheck()
    for (n, m, k) in [(3, nil, 0), (3, 5, 1), (4, 2, -1), (0, 3, 0), (3, 3, 5)] as [(Int, Int?, Int)] {
      let keywords: [String: Any] = ["n": n, "m": m.map { $0 as Any } ?? NSNull(), "k": k]
      check.add("eye bool \(n) \(String(describing: m)) \(k)", "eye", [NDArray<Bool>([true])],
                result: NDArray<Bool>.eye(n, m, diagonal: k), keywords: keywords)
      check.add("eye int8 \(n) \(String(describing: m)) \(k)", "eye", [NDArray<Int8>([1])],
                result: NDArray<Int8>.eye(n, m, diagonal: k), keywords: keywords)
    }
    try check.verify()
    #expect(NDArray<Bool>.eye(2, 3, diagonal: 1).elements == [false, true, false, false, false, true])
  }
}
