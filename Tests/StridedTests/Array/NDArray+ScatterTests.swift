import Foundation
import Testing

import Strided

@Suite("Unbuffered scatters: add, subtract, multiply, maximum and minimum at indices")
struct ScatterTests {
  /// The five scatters by NumPy's ufunc name.
  static func scatter<T: NDElement & Numeric & Comparable>(
    _ name: String, _ a: NDArray<T>, _ values: NDArray<T>, _ indices: NDArray<Int>
  ) throws(IndexError) {
    switch name {
    case "add": try a.add(values, at: indices)
    case "subtract": try a.subtract(values, at: indices)
    case "multiply": try a.multiply(values, at: indices)
    case "maximum": try a.maximum(values, at: indices)
    default: try a.minimum(values, at: indices)
    }
  }

  @Test("against NumPy's ufunc.at: repeated and negative indices, every layout, rows, broadcast values, NaN")
  func matchesNumPy() throws {
    var check = SetOracleCheck()
    let indices = [0, 3, 3, -1, 2, 0, 0, 5]
    func add<T: OracleScalar & Numeric & Comparable>(_: T.Type) throws {
      for name in ["add", "subtract", "multiply", "maximum", "minimum"] {
        for layout in OperandLayout.allCases {
          let original = sampleValues(T.self, count: 6, seed: 5)
          let a = layout.make(original, shape: [6])
          let values = NDArray(sampleValues(T.self, count: indices.count, seed: 6))
          try Self.scatter(name, a, values, NDArray(indices))
          check.add("\(T.self) \(name) \(layout)", "ufunc_at", [NDArray(original), values], result: a,
                    keywords: ["indices": indices, "ufunc": name])
          // Rows of a matrix, one value row broadcast to every selected row.
          let rows = sampleValues(T.self, count: 12, seed: 7)
          let m = layout.make(rows, shape: [4, 3])
          let row = NDArray(sampleValues(T.self, count: 3, seed: 8))
          try Self.scatter(name, m, row, NDArray([0, 2, 0, -1]))
          check.add("\(T.self) \(name) rows \(layout)", "ufunc_at", [NDArray(rows, shape: [4, 3]), row], result: m,
                    keywords: ["indices": [0, 2, 0, -1], "ufunc": name])
        }
      }
    }
    try add(Double.self)
    try add(Float.self)
    try add(Int64.self)
    try add(Int8.self)
    try add(UInt16.self)
    try check.verify()
  }

  @Test("values by hand: every repeat counts, NaN propagates, integers wrap")
  func byHand() throws {
    let a = NDArray<Double>([1, 2, 3])
    try a.subtract(NDArray<Double>([1, 1, 1]), at: NDArray([0, 0, 2]))
    #expect(a.elements == [-1, 2, 2])
    try a.multiply(NDArray<Double>([3, 3]), at: NDArray([1, 1]))
    #expect(a.elements == [-1, 18, 2])
    try a.maximum(NDArray<Double>([.nan, 0]), at: NDArray([2, 0]))
    #expect(a[item: 2].isNaN && a[item: 0] == 0)
    try a.minimum(NDArray<Double>([5, -4]), at: NDArray([1, 1]))
    #expect(a[item: 1] == -4)
    let bytes = NDArray<Int8>([100, 0])
    try bytes.multiply(NDArray<Int8>([2]), at: NDArray([0]))
    #expect(bytes[item: 0] == -56)
  }

  @Test("errors: out-of-range indices, unbroadcastable values and read-only arrays write nothing")
  func errors() {
    let a = NDArray<Int>([1, 2, 3])
    #expect(throws: IndexError.self) { try a.subtract(NDArray<Int>([1, 1]), at: NDArray([0, 3])) }
    #expect(throws: IndexError.self) { try a.maximum(NDArray<Int>([1, 2, 3]), at: NDArray([0, 1])) }
    #expect(a.elements == [1, 2, 3])
    let frozen = try! NDArray<Int>.zeros([3]).broadcast(to: [2, 3])
    #expect(throws: IndexError.readOnly) { try frozen.minimum(NDArray<Int>([1]), at: NDArray([0])) }
  }
}
