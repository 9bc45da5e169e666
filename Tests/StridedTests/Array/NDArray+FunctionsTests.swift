import ComplexModule
import Foundation
import RealModule
import Testing

import Strided

/// Special values of every kind, for the element-wise functions.
func specialValues<T: BinaryFloatingPoint>(_: T.Type) -> [T] {
  [0, -0.0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 7.25, -7.25, 3, -3, .infinity, -.infinity, .nan,
   T.leastNonzeroMagnitude, -T.leastNonzeroMagnitude, T.greatestFiniteMagnitude, 1e-3, 123.456, -0.75]
    + roundingEdges(T.self)
}

/// Values where rounding without a rounding instruction could go wrong:
/// just below ½ and 1, and around 2^(significand bits), where every value
/// is already whole.
func roundingEdges<T: BinaryFloatingPoint>(_: T.Type) -> [T] {
  let big = T(sign: .plus, exponent: T.Exponent(T.significandBitCount), significand: 1)
  return [T(0.5).nextDown, -T(0.5).nextDown, T(1).nextDown, -T(1).nextDown, big - 0.5, -(big - 0.5), big, -big,
          big + 1, -(big + 1), big.nextDown, -big.nextDown, 2 * big + 2]
}

func integerValues<T: FixedWidthInteger>(_: T.Type) -> [T] {
  var values: [T] = [0, 1, 2, 3, 5, 7, 100, .max, .max - 1, .min, .min + 1]
  if T.isSigned { values += [0 &- 1, 0 &- 2, 0 &- 3, 0 &- 7, 0 &- 100] }
  return values
}

@Suite("NumPy's element-wise functions")
struct FunctionTests {
  /// Every layout of the values as one axis, and as a 2-D outer pairing.
  func layouts<T: NDElement>(_ values: [T]) -> [(String, NDArray<T>)] {
    OperandLayout.allCases.map { ("\($0)", $0.make(values, shape: [values.count])) }
  }

  func checkFloating<T: OracleScalar & BinaryFloatingPoint & ElementaryFunctions>(_: T.Type, tolerance: Double) throws {
    let values = specialValues(T.self)
    var check = OracleCheck<T>(tolerance: tolerance)
    var exact = OracleCheck<T>()
    for (layout, a) in layouts(values) {
      exact.add("floor \(layout)", "floor", [a], result: floor(a))
      exact.add("ceil \(layout)", "ceil", [a], result: ceil(a))
      exact.add("trunc \(layout)", "trunc", [a], result: trunc(a))
      exact.add("round \(layout)", "round", [a], result: a.rounded())
      exact.add("sign \(layout)", "sign", [a], result: sign(a))
      exact.add("square \(layout)", "square", [a], result: square(a))
      exact.add("nan_to_num \(layout)", "nan_to_num", [a], result: nanToNum(a))
      check.add("log2 \(layout)", "log2", [a], result: log2(a))
      check.add("log10 \(layout)", "log10", [a], result: log10(a))
      check.add("exp2 \(layout)", "exp2", [a], result: exp2(a))
      check.add("cbrt \(layout)", "cbrt", [a], result: cbrt(a))
    }
    for decimals in [1, 2, -1, -2] {
      let a = NDArray(values)
      check.add("round \(decimals)", "round", [a], result: a.rounded(decimals: decimals), keywords: ["decimals": decimals])
    }
    // Every pair of special values, as NumPy's ufunc.outer pairs them.
    let x = try NDArray(values).reshaped(to: [values.count, 1])
    let y = NDArray(values)
    for (name, f) in [
      ("remainder", { remainder($0, $1) }), ("fmod", { fmod($0, $1) }), ("floor_divide", { floorDivide($0, $1) }),
      ("maximum", { maximum($0, $1) }), ("minimum", { minimum($0, $1) }), ("fmax", { fmax($0, $1) }),
      ("fmin", { fmin($0, $1) }), ("copysign", { copysign($0, $1) }),
    ] as [(String, (NDArray<T>, NDArray<T>) -> NDArray<T>)] {
      exact.add("\(name) outer", name, [x, y], result: f(x, y))
    }
    check.add("arctan2 outer", "arctan2", [x, y], result: atan2(y: x, x: y))
    check.add("hypot outer", "hypot", [x, y], result: hypot(x, y))
    try exact.verify()
    try check.verify()
    var flags = OracleCheck<T>()
    for (layout, a) in layouts(values) {
      flags.add("isnan \(layout)", "isnan", [a], result: isnan(a))
      flags.add("isinf \(layout)", "isinf", [a], result: isinf(a))
      flags.add("isfinite \(layout)", "isfinite", [a], result: isfinite(a))
    }
    try flags.verify()
  }

  @Test("isnan, isinf and isfinite on long arrays agree with the scalar predicates, every tail length")
  func longPredicates() throws {
    var rng = Generator(seed: 11)
    for count in [0, 1, 7, 8, 9, 15, 16, 17, 1003] {
      let codes = try rng.integers(in: 0..<6, shape: [count]).elements
      let values = codes.map { [Double.nan, .infinity, -.infinity, 1.5, -0.0, .leastNonzeroMagnitude][$0] }
      for a in [NDArray(values), NDArray(values.map(Float.init)).converted(to: Double.self)] {
        #expect(isnan(a).elements == values.map(\.isNaN))
        #expect(isinf(a).elements == values.map(\.isInfinite))
        #expect(isfinite(a).elements == values.map(\.isFinite))
        #expect(isnan(a[.slice(by: 2)]).elements == stride(from: 0, to: count, by: 2).map { values[$0].isNaN })
      }
      let f = NDArray(values.map(Float.init))
      #expect(isnan(f).elements == values.map(\.isNaN) && isfinite(f).elements == values.map(\.isFinite))
      #expect(isinf(f).elements == values.map(\.isInfinite))
    }
  }

  @Test func floatingPointMatchesNumPy() throws {
    // Transcendental functions within a few ulp (libmvec and NumPy's SIMD
    // loops round differently); the rest exactly.
    try checkFloating(Double.self, tolerance: 1e-15)
    try checkFloating(Float.self, tolerance: 5e-7)
  }

  func checkInteger<T: OracleScalar & FixedWidthInteger>(_: T.Type) throws {
    let values = integerValues(T.self)
    var check = OracleCheck<T>()
    for (layout, a) in layouts(values) {
      check.add("floor \(layout)", "floor", [a], result: floor(a))
      check.add("sign \(layout)", "sign", [a], result: sign(a))
      check.add("invert \(layout)", "invert", [a], result: ~a)
      check.add("round -1 \(layout)", "round", [a[.slice(to: 7)]], result: a[.slice(to: 7)].rounded(decimals: -1), keywords: ["decimals": -1])
    }
    let x = try NDArray(values).reshaped(to: [values.count, 1])
    let y = NDArray(values)
    // NumPy's integer division by zero is 0 with a warning, as Strided's.
    for (name, f) in [
      ("remainder", { remainder($0, $1) }), ("fmod", { fmod($0, $1) }), ("floor_divide", { floorDivide($0, $1) }),
      ("maximum", { maximum($0, $1) }), ("minimum", { minimum($0, $1) }),
      ("bitwise_and", { $0 & $1 }), ("bitwise_or", { $0 | $1 }), ("bitwise_xor", { $0 ^ $1 }),
    ] as [(String, (NDArray<T>, NDArray<T>) -> NDArray<T>)] {
      check.add("\(name) outer", name, [x, y], result: f(x, y))
    }
    let shifts = NDArray<T>(T.isSigned ? [0, 1, 3, T(T.bitWidth - 1), T(T.bitWidth), T(T.bitWidth + 3), 0 &- 1] : [0, 1, 3, T(T.bitWidth - 1), T(T.bitWidth), 200])
    check.add("left_shift", "left_shift", [x, shifts], result: x << shifts)
    check.add("right_shift", "right_shift", [x, shifts], result: x >> shifts)
    let exponents = NDArray<T>([0, 1, 2, 3, 7, 13])
    check.add("power", "power", [x, exponents], result: pow(x, exponents))
    try check.verify()
    var floats = OracleCheck<T>(tolerance: 1e-15)
    let a = NDArray(values)
    floats.add("mean", "mean_f64", [a], result: NDArray(scalar: a.mean()))
    floats.add("var", "var_f64", [a[.slice(from: 0, to: 7)]], result: NDArray(scalar: a[.slice(from: 0, to: 7)].variance()))
    floats.add("std", "std_f64", [a[.slice(from: 0, to: 7)]], result: NDArray(scalar: a[.slice(from: 0, to: 7)].standardDeviation()))
    // Strided gives Double for every integer type; NumPy narrower floats
    // for narrower integers: compared with NumPy's float64 result.
    floats.add("log2", "log2_f64", [a[1..<5]], result: log2(a[1..<5]))
    try floats.verify()
  }

  @Test func integersMatchNumPy() throws {
    try checkInteger(Int8.self)
    try checkInteger(UInt8.self)
    try checkInteger(Int16.self)
    try checkInteger(Int32.self)
    try checkInteger(UInt32.self)
    try checkInteger(Int64.self)
    try checkInteger(UInt64.self)
  }

  @Test("by hand: NumPy's rules for remainders, rounding and extrema")
  func byHand() {
    #expect(remainder(NDArray<Int>([5, -5, 5, -5]), NDArray([3, 3, -3, -3])).elements == [2, 1, -1, -2])
    #expect(fmod(NDArray<Int>([5, -5, 5, -5]), NDArray([3, 3, -3, -3])).elements == [2, -2, 2, -2])
    #expect(floorDivide(NDArray<Int>([5, -5, 5, -5]), NDArray([3, 3, -3, -3])).elements == [1, -2, -2, 1])
    #expect((NDArray<Int>([7, -7]) % 3).elements == [1, 2] && (NDArray<Double>([-5.5]) % 3).elements == [0.5])
    #expect(NDArray<Double>([0.5, 1.5, 2.5, -0.5]).rounded().elements == [0, 2, 2, -0.0])
    #expect(NDArray<Int>([15, 25, -15]).rounded(decimals: -1).elements == [20, 20, -20])
    let bothNaN = maximum(NDArray<Double>([1, .nan]), NDArray([.nan, 1])).elements
    #expect(bothNaN[0].isNaN && bothNaN[1].isNaN)
    #expect(fmax(NDArray<Double>([1, .nan]), NDArray([.nan, 2])).elements == [1, 2])
    #expect((NDArray<Int8>([1]) << NDArray([7, 8, -1])).elements == [-128, 0, 0])
    #expect((NDArray<Int8>([-128]) >> NDArray([7, 8, 100])).elements == [-1, -1, -1])
    #expect(pow(NDArray<Int>([2, 1, -1, -1, 3]), NDArray([-1, -5, -1, -2, 4])).elements == [0, 1, -1, 1, 81])
    #expect(pow(NDArray<Int8>([3]), NDArray([5])).elements == [-13])  // 243 wraps
    #expect(reciprocal(NDArray<Int>([0, 2, 1, -1])).elements == [0, 0, 1, -1])
    #expect((NDArray<Bool>([true, false]) & NDArray([true, true])).elements == [true, false] && (~NDArray<Bool>([true])).elements == [false])
    #expect(NDArray<Int32>([1, 2, 3, 4]).mean() == 2.5 && NDArray<Bool>([true, false, true, true]).mean() == 0.75)
    #expect(sqrt(NDArray<Int>([4, 9])).elements == [2, 3])
    #expect(sign(NDArray([Complex<Double>(3, 4)])).elements == [Complex(0.6, 0.8)])
  }

  @Test("isclose, allclose and arrayEqual with NumPy's tolerances")
  func closeness() throws {
    let a = NDArray<Double>([1, 1e10, 1e-8, .nan, .infinity, -.infinity, 0])
    let b = NDArray<Double>([1 + 1e-6, 1.00001e10, 1e-9, .nan, .infinity, .infinity, 1e-9])
    var check = OracleCheck<Double>()
    check.add("isclose", "isclose", [a, b], result: try isclose(a, b))
    check.add("isclose equal_nan", "isclose", [a, b], result: try isclose(a, b, equalNaN: true), keywords: ["equal_nan": true])
    check.add("isclose rtol", "isclose", [a, b], result: try isclose(a, b, relativeTolerance: 0, absoluteTolerance: 1e-7), keywords: ["rtol": 0, "atol": 1e-7])
    try check.verify()
    #expect(try allclose(NDArray<Double>([1, 2]), NDArray([1 + 1e-9, 2])) && !(try allclose(NDArray<Double>([.nan]), NDArray([.nan]))))
    #expect(try allclose(NDArray<Double>([.nan]), NDArray([.nan]), equalNaN: true))
    #expect(arrayEqual(NDArray<Double>([1, .nan]), NDArray([1, .nan]), equalNaN: true))
    #expect(!arrayEqual(NDArray<Double>([1, .nan]), NDArray([1, .nan])))
    #expect(!arrayEqual(NDArray<Double>([1]), NDArray([1, 1])))
  }
}
