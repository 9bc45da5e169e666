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

  func checkScalarWhere<T: OracleScalar & Comparable & Numeric>(_: T.Type) throws {
    var check = OracleCheck<T>()
    let x = sampleValues(T.self, count: 1, seed: 9)[0]
    let y = sampleValues(T.self, count: 1, seed: 10)[0]
    for (label, a, b) in operandPairs(T.self) {
      let condition = a .> b
      let c = condition.converted(to: T.self)
      check.add("\(label) where(c, x, b)", "where", [c, NDArray(scalar: x), b], result: NDArray.where(condition, x, b))
      check.add("\(label) where(c, a, y)", "where", [c, a, NDArray(scalar: y)], result: NDArray.where(condition, a, y))
      check.add(
        "\(label) where(c, x, y)", "where", [c, NDArray(scalar: x), NDArray(scalar: y)],
        result: NDArray.where(condition, x, y))
    }
    try check.verify()
  }

  @Test("where with a scalar branch matches NumPy's")
  func scalarWhereMatchesNumPy() throws {
    try checkScalarWhere(Int8.self)
    try checkScalarWhere(UInt32.self)
    try checkScalarWhere(Float.self)
    try checkScalarWhere(Double.self)
  }

  @Test("where takes a variable of the element type for either branch")
  func whereWithScalars() {
    let a: NDArray<Double> = [-1, 2, -3]
    let fill = 0.0
    #expect(NDArray.where(a .< 0, fill, a) == [0, 2, 0])
    #expect(NDArray.where(a .< 0, a, fill) == [-1, 0, -3])
    #expect(NDArray.where(a .< 0, 0.0, a) == [0, 2, 0])
    #expect(NDArray.where(a .< 0, -1.0, 1.0) == [-1, 1, -1])
    let nine: Float = 9
    #expect(NDArray.where(NDArray<Bool>([true, false]), nine, NDArray<Float>([1, 2])) == [9, 2])
    #expect(NDArray.where(NDArray<Bool>(scalar: true), fill, fill).shape == [])
    let m = NDArray<Int>([[1, 2], [3, 4]])
    let limit = 2
    #expect(NDArray.where(m .> limit, limit, m) == [[1, 2], [2, 2]])
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
