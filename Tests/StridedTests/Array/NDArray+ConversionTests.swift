import ComplexModule
import Foundation
import Testing

import Strided

@Suite("Element type conversion")
struct ConversionTests {
  /// Converts `values` of `S` to `T` and checks NumPy's `astype` when the
  /// conversion is defined there (no NaN or out-of-range float → int).
  func check<S: OracleScalar, T: OracleScalar>(_ values: [S], to _: T.Type, _ check: inout OracleCheck<S>) {
    for layout in [OperandLayout.c, .negative, .stepped] {
      let a = layout.make(values, shape: [values.count])
      check.add("\(S.self) → \(T.self) \(layout)", "astype", [a], result: a.converted(to: T.self), keywords: ["dtype": T.dtype])
    }
  }

  @Test func everyPairOfTypesMatchesNumPy() throws {
    func run<S: OracleScalar>(_ values: [S]) throws {
      var oracle = OracleCheck<S>(tolerance: 0)
      check(values, to: Bool.self, &oracle)
      check(values, to: Int8.self, &oracle)
      check(values, to: UInt8.self, &oracle)
      check(values, to: Int32.self, &oracle)
      check(values, to: Int64.self, &oracle)
      check(values, to: UInt64.self, &oracle)
      check(values, to: Float16.self, &oracle)
      check(values, to: Float.self, &oracle)
      check(values, to: Double.self, &oracle)
      check(values, to: Complex<Float>.self, &oracle)
      check(values, to: Complex<Double>.self, &oracle)
      try oracle.verify()
    }
    try run([Int8(-128), -1, 0, 1, 127])
    try run([UInt8(0), 1, 200, 255])
    try run([Int64(-3_000_000_000), -1, 0, 70_000, 1 << 53 + 1])
    try run([UInt64(0), 1, 1 << 40, UInt64.max])
    try run([false, true])
    // Floating point within every integer type's range, 0 to 127 (NumPy
    // leaves the rest undefined), including fractions that truncate.
    try run([0, 0.5, 1.5, 99.9, 127.75] as [Double])
    try run([0.25, 100] as [Float])
    try run([Float16(0), 3.25, 120])
    try run([Complex<Double>(1.5, -2), Complex(0, 0), Complex(3, 0.25)])
  }

  @Test func documentedBehaviourBeyondNumPy() {
    let a = NDArray<Double>([.nan, 1e300, -1e300, -0.9, .infinity])
    #expect((a.converted(to: Int32.self)).elements == [0, .max, .min, 0, .max])
    #expect((NDArray<Double>([-1.75, 1.75]).converted(to: Int8.self)).elements == [-1, 1])
    #expect((a.converted(to: UInt8.self)).elements == [0, 255, 0, 0, 255])
    #expect((a.converted(to: Bool.self)).elements == [true, true, true, true, true])
    #expect(NDArray<Int32>.zeros([0, 2]).converted(to: Double.self).shape == [0, 2])
    #expect(NDArray<Int32>(scalar: 7).converted(to: Float.self)[] == 7)
  }

  @Test func bigEndianViewsConvert() throws {
    let storage = ByteStorage(copying: [UInt8(0), 0, 1, 0, 0xFF, 0xFF, 0xFF, 0xFE])
    let view = try NDView(storage: storage, format: ">i", shape: [2])
    #expect(try view.converted(to: Int64.self) == [256, -2])
    #expect(try view.converted(to: Double.self) == [256, -2])
    let records = try NDView(format: "T{i:x:}", shape: [1])
    #expect(throws: ViewError.self) { try records.converted(to: Double.self) }
  }

  @Test func fortranInputsKeepFortranOrder() {
    let f = NDArray<Int32>([1, 2, 3, 4, 5, 6], shape: [2, 3]).copy(order: .fortran)
    let d = f.converted(to: Double.self)
    #expect(d.isFContiguous && d == [[1, 2, 3], [4, 5, 6]])
  }
}
