import ComplexModule
import Foundation
import Testing

import Strided

@Suite("Truth of numeric arrays: all, any, allclose")
struct TruthTests {
  /// `allTrue` and `anyTrue` of every shape and layout against NumPy's
  /// `all` and `any`: zeros among the values (every fifth), and for
  /// floating point NaN (non-zero) and infinities.
  func checkTruth<T: OracleScalar & Numeric>(_: T.Type) throws {
    var check = OracleCheck<T>()
    for shape in [[3, 4], [2, 3, 4], [5], [], [0, 3]] as [[Int]] {
      let count = shape.reduce(1, *)
      let mixed = sampleValues(T.self, count: count, seed: 4).enumerated().map { $0.offset % 5 == 2 ? 0 : $0.element }
      let nonzero = sampleValues(T.self, count: count, seed: 4).map { $0 == 0 ? 1 : $0 }
      for layout in OperandLayout.allCases {
        for (name, values) in [("mixed", mixed), ("non-zero", nonzero)] {
          let a = layout.make(values, shape: Dimensions(shape))
          let label = "\(T.self) \(shape) \(layout) \(name)"
          check.add("\(label) all", "all", [a], result: NDArray(scalar: a.allTrue()))
          check.add("\(label) any", "any", [a], result: NDArray(scalar: a.anyTrue()))
          for axis in -shape.count..<shape.count {
            for keep in [false, true] {
              let keywords: [String: Any] = ["axis": [axis], "keepdims": keep]
              check.add("\(label) all \(axis)", "all", [a], result: a.allTrue(axis: axis, keepingDimensions: keep), keywords: keywords)
              check.add("\(label) any \(axis)", "any", [a], result: a.anyTrue(axes: [axis], keepingDimensions: keep), keywords: keywords)
            }
          }
        }
      }
    }
    try check.verify()
  }

  @Test("allTrue and anyTrue of numbers match NumPy's all and any")
  func numericTypesMatchNumPy() throws {
    try checkTruth(Int8.self)
    try checkTruth(UInt32.self)
    try checkTruth(Int.self)
    try checkTruth(Float.self)
    try checkTruth(Double.self)
    try checkTruth(Complex<Double>.self)
  }

  @Test func truthByHand() {
    #expect(!NDArray<Int>([1, 0, 3]).allTrue() && NDArray<Int>([1, 0, 3]).anyTrue())
    #expect(NDArray<UInt8>([1, 2]).allTrue() && !NDArray<UInt8>([0, 0]).anyTrue())
    #expect(NDArray<Double>([.nan]).allTrue())
    #expect(!NDArray<Double>([-0.0]).anyTrue())
    #expect(NDArray<Int>.zeros([0]).allTrue() && !NDArray<Int>.zeros([0]).anyTrue())
    #expect(NDArray<Int>(scalar: 0).anyTrue() == false)
    #expect(NDArray<Int>([[1, 0], [2, 3]]).allTrue(axis: 1) == [false, true])
    #expect(NDArray<Int>([[1, 0], [2, 3]]).anyTrue(axes: [0], keepingDimensions: true) == [[true, true]])
    #expect(NDArray<Complex<Double>>([Complex(0, 1), Complex(0, 0)]).anyTrue(axis: 0) == NDArray(scalar: true))
  }

  @Test("allclose of integer arrays, compared as NumPy compares them")
  func allcloseOfIntegers() throws {
    #expect(try allclose(NDArray<Int>([1, 2, 3]), NDArray<Int>([1, 2, 3])))
    #expect(try !allclose(NDArray<Int>([1, 2, 3]), NDArray<Int>([1, 2, 4])))
    // |a - b| <= 1e-8 + 1e-5 · |b|: 1 <= 1.00001, but 2 > 1.00002.
    #expect(try allclose(NDArray<Int32>([100_000, 7]), NDArray<Int32>([100_001, 7])))
    #expect(try !allclose(NDArray<Int32>([100_000]), NDArray<Int32>([100_002])))
    #expect(try allclose(NDArray<UInt8>([0, 250]), NDArray<UInt8>([1, 255]), absoluteTolerance: 5))
    #expect(try allclose(NDArray<Int>([[1, 2]]), NDArray<Int>([1, 2])))
    #expect(try allclose(NDArray<Int>.zeros([0]), NDArray<Int>.zeros([0])))
    #expect(throws: ShapeError.notBroadcastable([[2], [3]])) {
      try allclose(NDArray<Int>([1, 2]), NDArray<Int>([1, 2, 3]))
    }
  }
}
