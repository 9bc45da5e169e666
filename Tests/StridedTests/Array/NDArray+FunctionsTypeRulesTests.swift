import ComplexModule
import Foundation
import Testing

import Strided

@Suite("Complex extrema and nanToNum, and copysign of integers, by NumPy's type rules")
struct FunctionsTypeRulesTests {
  /// Every complex number with parts among zeros of both signs, ±1, 2, ±∞
  /// and NaN.
  static func complexSpecials<R: NDComplexComponent>(_: R.Type) -> [Complex<R>] {
    let parts: [R] = [0, -0.0, 1, -1, 2, .infinity, -.infinity, .nan]
    return parts.flatMap { re in parts.map { im in Complex(re, im) } }
  }

  func checkComplex<R: NDComplexComponent & OracleScalar>(_: R.Type) throws {
    var check = SetOracleCheck()
    // Every pair of special values, as NumPy's ufunc.outer pairs them.
    let values = Self.complexSpecials(R.self)
    let x = try NDArray(values).reshaped(to: [values.count, 1])
    let y = NDArray(values)
    for (name, f) in [
      ("maximum", { maximum($0, $1) }), ("minimum", { minimum($0, $1) }), ("fmax", { fmax($0, $1) }),
      ("fmin", { fmin($0, $1) }),
    ] as [(String, (NDArray<Complex<R>>, NDArray<Complex<R>>) -> NDArray<Complex<R>>)] {
      check.add("\(R.self) \(name) outer", name, [x, y], result: f(x, y))
      for (label, a, b) in operandPairs(Complex<R>.self) {
        check.add("\(label) \(name)", name, [a, b], result: f(a, b))
      }
    }
    for layout in OperandLayout.allCases {
      let a = layout.make(values, shape: [8, 8])
      check.add("\(R.self) nan_to_num \(layout)", "nan_to_num", [a], result: nanToNum(a))
      check.add("\(R.self) nan_to_num values \(layout)", "nan_to_num", [a],
                result: nanToNum(a, nan: 5, positiveInfinity: 7, negativeInfinity: -7),
                keywords: ["nan": 5, "posinf": 7, "neginf": -7])
    }
    try check.verify()
  }

  @Test("complex maximum, minimum, fmax, fmin and nan_to_num against NumPy: every special pair, layouts, broadcasting")
  func complexMatchesNumPy() throws {
    try checkComplex(Double.self)
    try checkComplex(Float.self)
  }

  @Test("complex extrema by hand: lexicographic order, NaN and ties as NumPy's loops give them")
  func complexByHand() {
    typealias C = Complex<Double>
    let a = NDArray<C>([C(1, 2), C(1, 3), C(2, 0), C(.nan, 0), C(1, 1), C(0, 0), C(-0.0, 0)])
    let b = NDArray<C>([C(1, 1), C(1, 5), C(1, 5), C(1, 1), C(0, .nan), C(-0.0, 0), C(0, 0)])
    let high = maximum(a, b).elements
    #expect(high[0] == C(1, 2) && high[1] == C(1, 5) && high[2] == C(2, 0))
    #expect(high[3].rawStorage.x.isNaN && high[4].rawStorage.y.isNaN)
    // Ties keep the first operand, signed zero and all.
    #expect(high[5].rawStorage.x.sign == .plus && high[6].rawStorage.x.sign == .minus)
    let low = minimum(a, b).elements
    #expect(low[0] == C(1, 1) && low[1] == C(1, 3) && low[2] == C(1, 5))
    let ignoring = fmax(a, b).elements
    #expect(ignoring[3] == C(1, 1) && ignoring[4] == C(1, 1))
    let both = fmin(NDArray<C>([C(.nan, 1)]), NDArray<C>([C(0, .nan)])).elements
    #expect(both[0].rawStorage.x.isNaN && both[0].rawStorage.y == 1)
    let cleaned = nanToNum(NDArray<C>([C(.nan, .infinity), C(-.infinity, .nan), C(1, 2)])).elements
    #expect(cleaned.map { $0.rawStorage.x } == [0, -.greatestFiniteMagnitude, 1])
    #expect(cleaned.map { $0.rawStorage.y } == [.greatestFiniteMagnitude, 0, 2])
  }

  func checkCopysign<T: OracleScalar & FixedWidthInteger>(_: T.Type) throws {
    var check = SetOracleCheck()
    let values = integerValues(T.self)
    let x = try NDArray(values).reshaped(to: [values.count, 1])
    let y = NDArray(values)
    // NumPy gives float64 for 32- and 64-bit integers; float16 and float32
    // for narrower ones, whose values are compared as float64.
    let op = T.bitWidth >= 32 ? "copysign" : "copysign_as_f64"
    check.add("\(T.self) copysign outer", op, [x, y], result: copysign(x, y))
    for layout in OperandLayout.allCases {
      let a = layout.make(values, shape: [values.count])
      let b = OperandLayout.negative.make(values, shape: [values.count])
      check.add("\(T.self) copysign \(layout)", op, [a, b], result: copysign(a, b))
    }
    try check.verify()
  }

  @Test("copysign of integer arrays gives Doubles, as NumPy gives floats")
  func integerCopysignMatchesNumPy() throws {
    try checkCopysign(Int8.self)
    try checkCopysign(UInt8.self)
    try checkCopysign(Int16.self)
    try checkCopysign(UInt16.self)
    try checkCopysign(Int32.self)
    try checkCopysign(UInt32.self)
    try checkCopysign(Int64.self)
    try checkCopysign(UInt64.self)
    let signs = copysign(NDArray<Int>([3, 0, -2, 0]), NDArray([-1, -5, 4, 0]))
    #expect(signs.elements == [-3, 0, 2, 0] && signs.elements[1].sign == .minus && signs.elements[3].sign == .plus)
  }
}
