import ComplexModule
import Foundation
import Testing

import Strided

@Suite("takeAlongAxis on the flattened array (axis nil) and along the last axis by default")
struct TakeAlongAxisTests {
  @Test("against NumPy's take_along_axis: every layout, 0-d and empty arrays, negative indices")
  func matchesNumPy() throws {
    var check = SetOracleCheck()
    func add<T: OracleScalar>(_: T.Type) throws {
      for (s, shape) in ([[6], [2, 3], [2, 1, 3], [], [0], [2, 0]] as [[Int]]).enumerated() {
        for layout in OperandLayout.allCases {
          let values = sampleValues(T.self, count: shape.reduce(1, *), seed: s)
          let a = layout.make(values, shape: Dimensions(shape))
          let plain = NDArray(values, shape: Dimensions(shape))
          let n = a.count
          let flat = n == 0 ? [] : [0, n - 1, -1, -n, n / 2, 0, n - 1]
          check.add("\(T.self) flat \(shape) \(layout)", "take_along_axis", [plain],
                    result: try a.takeAlongAxis(NDArray(flat), axis: nil),
                    keywords: ["indices": flat, "ishape": [flat.count], "axis": NSNull()])
          guard let last = shape.last, last > 0 else { continue }
          // Along the last axis (the default), indices of the array's rank
          // that broadcast against it on the other axes.
          var ishape = shape
          ishape[ishape.count - 1] = 4
          if ishape.count > 1 { ishape[0] = 1 }
          let along = (0..<ishape.reduce(1, *)).map { ($0 * 5) % (2 * last) - last }
          check.add("\(T.self) along \(shape) \(layout)", "take_along_axis", [plain],
                    result: try a.takeAlongAxis(NDArray(along, shape: Dimensions(ishape))),
                    keywords: ["indices": along, "ishape": ishape])
        }
      }
    }
    try add(Double.self)
    try add(Int8.self)
    try add(UInt16.self)
    try add(Bool.self)
    try add(Complex<Float>.self)
    try check.verify()
  }

  @Test("by hand: the flattened array in C order whatever the layout")
  func byHand() throws {
    let a: NDArray<Int> = [[10, 30, 20], [60, 40, 50]]
    #expect(try a.takeAlongAxis([5, 0, 1], axis: nil).elements == [50, 10, 30])
    #expect(try a.transposed().takeAlongAxis([1, -1], axis: nil).elements == [60, 50])
    #expect(try NDArray<Int>(scalar: 5).takeAlongAxis([0, -1], axis: nil).elements == [5, 5])
    let order: NDArray<Int> = [[1, 0, 2], [2, 0, 1]]
    #expect(try a.takeAlongAxis(order).elements == [30, 10, 20, 50, 60, 40])
  }

  @Test("errors: indices not 1-D with axis nil, indices out of range, a 0-d array along an axis")
  func errors() {
    let a = NDArray<Int>([1, 2, 3, 4, 5, 6], shape: [2, 3])
    let rows: NDArray<Int> = [[5, 0, 1]]
    #expect(throws: IndexError.shapeMismatch("indices of 2 dimensions with axis nil: they must have one")) {
      try a.takeAlongAxis(rows, axis: nil)
    }
    #expect(throws: IndexError.shapeMismatch("indices of 0 dimensions with axis nil: they must have one")) {
      try a.takeAlongAxis(NDArray(scalar: 0), axis: nil)
    }
    #expect(throws: IndexError.outOfRange(index: 6, axis: 0, size: 6)) { try a.takeAlongAxis([0, 6], axis: nil) }
    #expect(throws: IndexError.outOfRange(index: -7, axis: 0, size: 6)) { try a.takeAlongAxis([-7], axis: nil) }
    #expect(throws: IndexError.axisOutOfRange(axis: -1, rank: 0)) { try NDArray<Int>(scalar: 1).takeAlongAxis([0]) }
  }
}
