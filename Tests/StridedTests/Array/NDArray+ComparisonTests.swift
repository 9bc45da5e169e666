import ComplexModule
import Foundation
import Testing

import Strided

@Suite("Comparisons and selection")
struct ComparisonTests {
  func checkComparisons<T: OracleScalar & Comparable & Numeric>(_: T.Type) throws {
    var check = OracleCheck<T>()
    for (label, a, b) in operandPairs(T.self) {
      check.add("\(label) ==", "equal", [a, b], result: a .== b)
      check.add("\(label) !=", "not_equal", [a, b], result: a .!= b)
      check.add("\(label) <", "less", [a, b], result: a .< b)
      check.add("\(label) <=", "less_equal", [a, b], result: a .<= b)
      check.add("\(label) >", "greater", [a, b], result: a .> b)
      check.add("\(label) >=", "greater_equal", [a, b], result: a .>= b)
      let condition = a .> b
      check.add("\(label) where", "where", [condition.converted(to: T.self), a, b], result: NDArray.where(condition, a, b))
      check.add("\(label) clip", "clip", [a, b, b + b], result: a.clipped(min: b, max: b + b))
    }
    try check.verify()
  }

  @Test func orderedTypesMatchNumPy() throws {
    try checkComparisons(Int8.self)
    try checkComparisons(UInt32.self)
    try checkComparisons(Int64.self)
    try checkComparisons(Float16.self)
    try checkComparisons(Float.self)
    try checkComparisons(Double.self)
  }

  @Test func complexEquality() {
    let a = NDArray<Complex<Double>>([Complex(1, 2), Complex(3, 4)])
    #expect((a .== Complex(1, 2)) == [true, false])
    #expect((a .!= a.flipped()) == [true, true])
  }

  @Test func logicOnBools() {
    let a: NDArray<Bool> = [true, true, false, false]
    let b: NDArray<Bool> = [true, false, true, false]
    #expect((a .& b) == [true, false, false, false])
    #expect((a .| b) == [true, true, true, false])
    #expect((a .^ b) == [false, true, true, false])
    #expect((.!a) == [false, false, true, true])
    // Foreign bytes other than 0 and 1 read as true.
    let bytes = try! NDView(storage: ByteStorage(copying: [UInt8(0), 2, 255]), format: "?", shape: [3])
    let flags = try! NDArray<Bool>(bytes)
    #expect((.!flags) == [true, false, false])
    #expect(flags.anyTrue() && !flags.allTrue())
  }

  @Test func clipPropagatesNaNAndTakesOneSidedBounds() {
    let a = NDArray<Double>([-5, 0.5, .nan, 9])
    let clipped = a.clipped(min: 0, max: 1)
    #expect(clipped[item: 0] == 0 && clipped[item: 1] == 0.5 && clipped[item: 2].isNaN && clipped[item: 3] == 1)
    #expect(NDArray<Int32>([-3, 4]).clipped(min: NDArray(scalar: 0)) == [0, 4])
    #expect(NDArray<Int32>([-3, 4]).clipped(max: NDArray(scalar: 0)) == [-3, 0])
  }
}
