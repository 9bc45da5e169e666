import CStrided
import ComplexModule
import Foundation
import RealModule

/// NumPy's element-wise functions beyond the elementary ones: rounding,
/// signs, remainders, extrema, two-argument functions and predicates, each
/// dispatched once on the element type onto a specialized loop.
enum MathFunction {
  // MARK: Rounding

  enum Rounding {
    case floor, ceil, trunc, rint

    var name: StaticString {
      switch self {
      case .floor: "floor"
      case .ceil: "ceil"
      case .trunc: "trunc"
      case .rint: "rounded"
      }
    }

    var rule: FloatingPointRoundingRule {
      switch self {
      case .floor: .down
      case .ceil: .up
      case .trunc: .towardZero
      case .rint: .toNearestOrEven
      }
    }
  }

  /// Floating point rounded by `rule`; integers are already whole (NumPy
  /// keeps their type).
  static func round(_ op: Rounding, _ a: NDView, kind: ScalarKind) -> NDView {
    let out = Operands.result(shape: a.shape, format: a.format, like: [a], op.name)
    let rule = op.rule
    switch kind {
    case .float16: Elementwise.unary(a, into: out) { (x: Float16) in x.rounded(rule) }
    case .float32: roundFloating(Float.self, op, a, out)
    case .float64: roundFloating(Double.self, op, a, out)
    case .complex64: Elementwise.unary(a, into: out) { (z: Complex<Float>) in roundParts(z, rule) }
    case .complex128: Elementwise.unary(a, into: out) { (z: Complex<Double>) in roundParts(z, rule) }
    case .bool, .pointer: preconditionFailure("\(op.name): \(kind) elements cannot be rounded")
    default: try! a.copy(into: out)
    }
    return out
  }

  @inline(__always)
  static func roundParts<R: NDComplexComponent>(_ z: Complex<R>, _ rule: FloatingPointRoundingRule) -> Complex<R> {
    Complex(z.rawStorage.x.rounded(rule), z.rawStorage.y.rounded(rule))
  }

  // MARK: Sign and friends

  /// -1, 0 or 1 (NaN for NaN); for complex numbers `z / |z|` (0 for 0), as
  /// NumPy 2 defines it.
  static func sign(_ a: NDView, kind: ScalarKind) -> NDView {
    let out = Operands.result(shape: a.shape, format: a.format, like: [a], "sign")
    switch kind {
    case .int8: Elementwise.unary(a, into: out) { (x: Int8) in x.signum() }
    case .int16: Elementwise.unary(a, into: out) { (x: Int16) in x.signum() }
    case .int32: Elementwise.unary(a, into: out) { (x: Int32) in x.signum() }
    case .int64: Elementwise.unary(a, into: out) { (x: Int64) in x.signum() }
    case .uint8, .char: Elementwise.unary(a, into: out) { (x: UInt8) -> UInt8 in x == 0 ? 0 : 1 }
    case .uint16: Elementwise.unary(a, into: out) { (x: UInt16) -> UInt16 in x == 0 ? 0 : 1 }
    case .uint32: Elementwise.unary(a, into: out) { (x: UInt32) -> UInt32 in x == 0 ? 0 : 1 }
    case .uint64: Elementwise.unary(a, into: out) { (x: UInt64) -> UInt64 in x == 0 ? 0 : 1 }
    case .float16: Elementwise.unary(a, into: out) { (x: Float16) in floatSign(x) }
    case .float32: Elementwise.unary(a, into: out) { (x: Float) in floatSign(x) }
    case .float64: Elementwise.unary(a, into: out) { (x: Double) in floatSign(x) }
    case .complex64: Elementwise.unary(a, into: out) { (z: Complex<Float>) in complexSign(z) }
    case .complex128: Elementwise.unary(a, into: out) { (z: Complex<Double>) in complexSign(z) }
    default: preconditionFailure("sign: \(kind) elements have no sign")
    }
    return out
  }

  @inline(__always)
  static func floatSign<T: BinaryFloatingPoint>(_ x: T) -> T { x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : x }

  static func complexSign<R: NDComplexComponent>(_ z: Complex<R>) -> Complex<R> {
    let (x, y) = z.rawStorage
    if x == 0 && y == 0 { return Complex(0, 0) }
    let length = R.hypot(x, y)
    if length.isInfinite && !(x.isNaN || y.isNaN) {
      // An infinite part: its direction, as NumPy computes it.
      let (u, v) = (x.isInfinite ? (x > 0 ? 1 : -1) : 0 as R, y.isInfinite ? (y > 0 ? 1 : -1) : 0 as R)
      let norm = R.hypot(u, v)
      return Complex(u / norm, v / norm)
    }
    return Complex(x / length, y / length)
  }

  // MARK: Predicates

  enum Predicate {
    case isNaN, isInfinite, isFinite

    var name: StaticString {
      switch self {
      case .isNaN: "isnan"
      case .isInfinite: "isinf"
      case .isFinite: "isfinite"
      }
    }
  }

  /// `NDArray<Bool>` of the predicate; integers are finite and never NaN.
  static func test(_ op: Predicate, _ a: NDView, kind: ScalarKind) -> NDView {
    let out = Operands.result(shape: a.shape, format: Bool.format, like: [a], op.name)
    switch kind {
    case .float16: floatTest(Float16.self, op, a, out)
    case .float32: floatTest(Float.self, op, a, out)
    case .float64: floatTest(Double.self, op, a, out)
    case .complex64: complexTest(Float.self, op, a, out)
    case .complex128: complexTest(Double.self, op, a, out)
    case .pointer: preconditionFailure("\(op.name): pointers are not numbers")
    default:
      let value = op == .isFinite
      Elementwise.unary(a, into: out) { (_: UInt8) in value }
    }
    return out
  }

  static func floatTest<T: BinaryFloatingPoint>(_: T.Type, _ op: Predicate, _ a: NDView, _ out: NDView) {
    if T.self == Double.self || T.self == Float.self, vectorTest(T.self, op, a, out) { return }
    switch op {
    case .isNaN: Elementwise.unary(a, into: out) { (x: T) in x != x }
    case .isInfinite: Elementwise.unary(a, into: out) { (x: T) in x.magnitude == .infinity }
    case .isFinite: Elementwise.unary(a, into: out) { (x: T) in x.magnitude < .infinity }
    }
  }

  /// The AVX2 classification loop over every run contiguous on both sides
  /// (16 or 8 elements a step, bytes out); `false` without AVX2.
  static func vectorTest<T: BinaryFloatingPoint>(_: T.Type, _ op: Predicate, _ a: NDView, _ out: NDView) -> Bool {
    guard strided_vector_math_available() != 0 else { return false }
    let which: Int32 = op == .isNaN ? 0 : op == .isInfinite ? 1 : 2
    let e = MemoryLayout<T>.stride
    let plan = IterationPlan(shape: out.shape, strides: [out.strides, a.strides])
    plan.forEachRun(
      IterationPlan.Strides(Elementwise.address(out), Elementwise.address(a), 0, 0), parallel: true,
      outputItemSize: out.itemSize
    ) { n, p, s in
      let y = UnsafeMutablePointer<UInt8>(bitPattern: p[0])!
      if s[0] == 1 && s[1] == e && p[1] % e == 0 {
        if e == 8 {
          _ = strided_classify_f64(which, UnsafePointer(bitPattern: p[1])!, y, n)
        } else {
          _ = strided_classify_f32(which, UnsafePointer(bitPattern: p[1])!, y, n)
        }
      } else {
        var (o, x) = (UnsafeMutableRawPointer(y), UnsafeRawPointer(bitPattern: p[1])!)
        for _ in 0..<n {
          let v = x.loadUnaligned(as: T.self)
          let result = which == 0 ? v != v : which == 1 ? v.magnitude == .infinity : v.magnitude < .infinity
          o.storeBytes(of: result, as: Bool.self)
          o += s[0]
          x += s[1]
        }
      }
    }
    withExtendedLifetime((a, out)) {}
    return true
  }

  static func complexTest<R: NDComplexComponent>(_: R.Type, _ op: Predicate, _ a: NDView, _ out: NDView) {
    switch op {
    case .isNaN: Elementwise.unary(a, into: out) { (z: Complex<R>) in z.rawStorage.x.isNaN || z.rawStorage.y.isNaN }
    case .isInfinite:
      Elementwise.unary(a, into: out) { (z: Complex<R>) in z.rawStorage.x.isInfinite || z.rawStorage.y.isInfinite }
    case .isFinite: Elementwise.unary(a, into: out) { (z: Complex<R>) in z.rawStorage.x.isFinite && z.rawStorage.y.isFinite }
    }
  }

  // MARK: Two operands

  enum Binary {
    case maximum, minimum, fmax, fmin
    case remainder, fmod, floorDivide
    case atan2, hypot, copysign
    case power

    var name: StaticString {
      switch self {
      case .maximum: "maximum"
      case .minimum: "minimum"
      case .fmax: "fmax"
      case .fmin: "fmin"
      case .remainder: "remainder"
      case .fmod: "fmod"
      case .floorDivide: "floorDivide"
      case .atan2: "atan2"
      case .hypot: "hypot"
      case .copysign: "copysign"
      case .power: "pow"
      }
    }

    /// `maximum`, `minimum`, `fmax` or `fmin`.
    var isExtremum: Bool { self == .maximum || self == .minimum || self == .fmax || self == .fmin }
  }

  /// Rounding without a rounding instruction: the baseline x86-64 target
  /// has none, and `rounded(_:)` becomes a libm call per element. Adding
  /// and subtracting 2^(significand bits) with `x`'s sign rounds to the
  /// nearest integer (ties to even) for every `|x|` below that, which the
  /// comparisons then step down or up; larger values, infinities and NaN
  /// are already whole. The sign is copied from `x`, so `floor(-0.0)` and
  /// `ceil(-0.5)` are -0.0 as in NumPy. Selects only: the loops vectorize.
  static func roundFloating<T: BinaryFloatingPoint>(_: T.Type, _ op: Rounding, _ a: NDView, _ out: NDView) {
    // The closures capture nothing, so that they inline into the loops.
    switch op {
    case .floor:
      Elementwise.unary(a, into: out) { (x: T) in
        let big = wholeThreshold(T.self)
        let c = T(signOf: x, magnitudeOf: big)
        let r = (x + c) - c
        return x.magnitude < big ? T(signOf: x, magnitudeOf: r > x ? r - 1 : r) : x
      }
    case .ceil:
      Elementwise.unary(a, into: out) { (x: T) in
        let big = wholeThreshold(T.self)
        let c = T(signOf: x, magnitudeOf: big)
        let r = (x + c) - c
        return x.magnitude < big ? T(signOf: x, magnitudeOf: r < x ? r + 1 : r) : x
      }
    case .trunc:
      Elementwise.unary(a, into: out) { (x: T) in
        let big = wholeThreshold(T.self)
        let m = x.magnitude
        let r = (m + big) - big
        return m < big ? T(signOf: x, magnitudeOf: r > m ? r - 1 : r) : x
      }
    case .rint:
      Elementwise.unary(a, into: out) { (x: T) in
        let big = wholeThreshold(T.self)
        let c = T(signOf: x, magnitudeOf: big)
        return x.magnitude < big ? T(signOf: x, magnitudeOf: (x + c) - c) : x
      }
    }
  }

  /// 2^(significand bits): from there on every value is whole.
  @inline(__always)
  static func wholeThreshold<T: BinaryFloatingPoint>(_: T.Type) -> T {
    T(UInt64(1) << UInt64(T.significandBitCount))
  }

  /// `op(a, b)` broadcast into new storage of `a`'s format.
  static func apply(_ op: Binary, _ a: NDView, _ b: NDView, kind: ScalarKind) -> NDView {
    let shape = Operands.broadcastShape([a.shape, b.shape], op.name)
    let out = Operands.result(shape: shape, format: a.format, like: [a, b], op.name)
    switch kind {
    case .int8: integer(Int8.self, op, a, b, out)
    case .uint8, .char: integer(UInt8.self, op, a, b, out)
    case .int16: integer(Int16.self, op, a, b, out)
    case .uint16: integer(UInt16.self, op, a, b, out)
    case .int32: integer(Int32.self, op, a, b, out)
    case .uint32: integer(UInt32.self, op, a, b, out)
    case .int64: integer(Int64.self, op, a, b, out)
    case .uint64: integer(UInt64.self, op, a, b, out)
    case .float16: halfFloat(op, a, b, out)
    case .float32: floating(Float.self, op, a, b, out)
    case .float64: floating(Double.self, op, a, b, out)
    case .bool where op == .maximum || op == .fmax:
      Elementwise.binary(a, b, into: out) { (x: UInt8, y: UInt8) in x != 0 || y != 0 }
    case .bool where op == .minimum || op == .fmin:
      Elementwise.binary(a, b, into: out) { (x: UInt8, y: UInt8) in x != 0 && y != 0 }
    case .complex64 where op.isExtremum: complexExtremum(Float.self, op, a, b, out)
    case .complex128 where op.isExtremum: complexExtremum(Double.self, op, a, b, out)
    default: preconditionFailure("\(op.name): not defined for \(kind) elements")
    }
    return out
  }

  /// NumPy's complex extrema, in its lexicographic order (by real part,
  /// then by imaginary part), as its loops compute them: `maximum` and
  /// `minimum` give the first operand when it has a NaN part, else the
  /// second when it has one; `fmax` and `fmin` give the second only when it
  /// has no NaN part and the first has one or is beyond it. Ties give the
  /// first operand.
  static func complexExtremum<R: NDComplexComponent>(_: R.Type, _ op: Binary, _ a: NDView, _ b: NDView, _ out: NDView) {
    typealias T = Complex<R>
    switch op {
    case .maximum:
      Elementwise.binary(a, b, into: out) { (x: T, y: T) in
        hasNaN(x) || lexicographicAtLeast(x, y) ? x : y
      }
    case .minimum:
      Elementwise.binary(a, b, into: out) { (x: T, y: T) in
        hasNaN(x) || lexicographicAtLeast(y, x) ? x : y
      }
    case .fmax:
      Elementwise.binary(a, b, into: out) { (x: T, y: T) in
        hasNaN(y) || lexicographicAtLeast(x, y) ? x : y
      }
    case .fmin:
      Elementwise.binary(a, b, into: out) { (x: T, y: T) in
        hasNaN(y) || lexicographicAtLeast(y, x) ? x : y
      }
    default: preconditionFailure("\(op.name): not defined for complex elements")
    }
  }

  /// Whether a part of `z` is NaN (read from storage: swift-numerics'
  /// `real` is NaN for any non-finite number).
  @inline(__always)
  static func hasNaN<R: NDComplexComponent>(_ z: Complex<R>) -> Bool { z.rawStorage.x.isNaN || z.rawStorage.y.isNaN }

  /// NumPy's `CGE(x, y)`: `x.re > y.re` with neither imaginary part NaN,
  /// or equal real parts and `x.im >= y.im`. (`CLE(x, y)` is `CGE(y, x)`.)
  @inline(__always)
  static func lexicographicAtLeast<R: NDComplexComponent>(_ x: Complex<R>, _ y: Complex<R>) -> Bool {
    let (xr, xi) = x.rawStorage
    let (yr, yi) = y.rawStorage
    return (xr > yr && !xi.isNaN && !yi.isNaN) || (xr == yr && xi >= yi)
  }

  static func integer<T: FixedWidthInteger>(_: T.Type, _ op: Binary, _ a: NDView, _ b: NDView, _ out: NDView) {
    switch op {
    case .maximum, .fmax: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x > y ? x : y }
    case .minimum, .fmin: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x < y ? x : y }
    case .remainder: Elementwise.binary(a, b, into: out) { (x: T, y: T) in integerModulo(x, y) }
    case .fmod: Elementwise.binary(a, b, into: out) { (x: T, y: T) in y == 0 ? 0 : x.remainderReportingOverflow(dividingBy: y).partialValue }
    case .floorDivide: Elementwise.binary(a, b, into: out) { (x: T, y: T) in integerFloorDivide(x, y) }
    case .power: Elementwise.binary(a, b, into: out) { (x: T, y: T) in integerPower(x, y) }
    case .atan2, .hypot, .copysign: preconditionFailure("\(op.name): integer arrays convert to Double first")
    }
  }

  /// NumPy's `%` of integers: the sign of the divisor; 0 for a zero divisor.
  @inline(__always)
  static func integerModulo<T: FixedWidthInteger>(_ x: T, _ y: T) -> T {
    if y == 0 { return 0 }
    let r = x.remainderReportingOverflow(dividingBy: y).partialValue
    return r != 0 && (r < 0) != (y < 0) ? r &+ y : r
  }

  /// NumPy's `//` of integers: rounded down; 0 for a zero divisor; the
  /// minimum divided by -1 wraps to the minimum.
  @inline(__always)
  static func integerFloorDivide<T: FixedWidthInteger>(_ x: T, _ y: T) -> T {
    if y == 0 { return 0 }
    let (q, overflow) = x.dividedReportingOverflow(by: y)
    if overflow { return q }
    return (x % y != 0) && ((x < 0) != (y < 0)) ? q &- 1 : q
  }

  /// `xⁿ` by squaring, wrapping on overflow. A negative exponent gives the
  /// truncated quotient `1 / xⁿ`: 1 for 1, ±1 for -1, 0 otherwise (NumPy
  /// raises instead).
  @inline(__always)
  static func integerPower<T: FixedWidthInteger>(_ x: T, _ n: T) -> T {
    if n < 0 {
      if x == 1 { return 1 }
      if T.isSigned && x == 0 &- 1 { return n & 1 == 0 ? 1 : x }
      return 0
    }
    var result: T = 1
    var base = x
    var e = n
    while e != 0 {
      if e & 1 == 1 { result = result &* base }
      e >>= 1
      if e != 0 { base = base &* base }
    }
    return result
  }

  static func floating<T: BinaryFloatingPoint & Real>(_: T.Type, _ op: Binary, _ a: NDView, _ b: NDView, _ out: NDView) {
    switch op {
    // NaN propagates; when equal, the second operand, as NumPy's loops give
    // (maximum(0.0, -0.0) is -0.0).
    // Two selects rather than `||`, so that the loops vectorize without
    // branches.
    case .maximum: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x.isNaN ? x : (x > y ? x : y) }
    case .minimum: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x.isNaN ? x : (x < y ? x : y) }
    // NaN is ignored unless both are NaN.
    case .fmax: Elementwise.binary(a, b, into: out) { (x: T, y: T) in y.isNaN ? x : (x > y ? x : y) }
    case .fmin: Elementwise.binary(a, b, into: out) { (x: T, y: T) in y.isNaN ? x : (x < y ? x : y) }
    case .remainder: Elementwise.binary(a, b, into: out) { (x: T, y: T) in divmod(x, y).modulo }
    case .fmod: Elementwise.binary(a, b, into: out) { (x: T, y: T) in cFmod(x, y) }
    case .floorDivide: Elementwise.binary(a, b, into: out) { (x: T, y: T) in divmod(x, y).quotient }
    case .atan2: Elementwise.binary(a, b, into: out) { (y: T, x: T) in T.atan2(y: y, x: x) }
    case .hypot: Elementwise.binary(a, b, into: out) { (x: T, y: T) in T.hypot(x, y) }
    case .copysign: Elementwise.binary(a, b, into: out) { (x: T, y: T) in T(signOf: y, magnitudeOf: x) }
    case .power: Elementwise.binary(a, b, into: out) { (x: T, y: T) in cPow(x, y) }
    }
  }

  /// `Float16` computed in `Float` and rounded, as NumPy's half loops do.
  static func halfFloat(_ op: Binary, _ a: NDView, _ b: NDView, _ out: NDView) {
    func lift(_ f: @escaping (Float, Float) -> Float) -> (Float16, Float16) -> Float16 { { Float16(f(Float($0), Float($1))) } }
    let f: (Float16, Float16) -> Float16
    switch op {
    case .maximum: f = { x, y in x > y || x.isNaN ? x : y }
    case .minimum: f = { x, y in x < y || x.isNaN ? x : y }
    case .fmax: f = { x, y in x > y || y.isNaN ? x : y }
    case .fmin: f = { x, y in x < y || y.isNaN ? x : y }
    case .remainder: f = lift { divmod($0, $1).modulo }
    case .fmod: f = lift { cFmod($0, $1) }
    case .floorDivide: f = lift { divmod($0, $1).quotient }
    case .atan2: f = lift { Float.atan2(y: $0, x: $1) }
    case .hypot: f = lift { Float.hypot($0, $1) }
    case .copysign: f = { x, y in Float16(signOf: y, magnitudeOf: x) }
    case .power: f = lift { cPow($0, $1) }
    }
    Elementwise.binary(a, b, into: out, f)
  }

  /// NumPy's floating `divmod` (Python's): the remainder takes the
  /// divisor's sign, and the quotient, rounded down, is snapped to the
  /// nearest whole number.
  @inline(__always)
  static func divmod<T: BinaryFloatingPoint & Real>(_ a: T, _ b: T) -> (quotient: T, modulo: T) {
    if b == 0 {
      // Division by zero: NaN remainder, and a ±∞ or NaN quotient.
      return (a / b, cFmod(a, b))
    }
    var mod = cFmod(a, b)
    // a − mod is very nearly a multiple of b.
    var div = (a - mod) / b
    if mod != 0 {
      if (b < 0) != (mod < 0) {
        mod += b
        div -= 1
      }
    } else {
      mod = T(signOf: b, magnitudeOf: 0)
    }
    var floorDiv: T
    if div != 0 {
      floorDiv = div.rounded(.down)
      if div - floorDiv > 0.5 { floorDiv += 1 }
    } else {
      floorDiv = T(signOf: a / b, magnitudeOf: 0)
    }
    return (floorDiv, mod)
  }

  /// The C library's `fmod`.
  @inline(__always)
  static func cFmod<T: BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
    if T.self == Double.self { return unsafeBitCast(Foundation.fmod(unsafeBitCast(x, to: Double.self), unsafeBitCast(y, to: Double.self)), to: T.self) }
    if T.self == Float.self { return unsafeBitCast(Foundation.fmod(unsafeBitCast(x, to: Float.self), unsafeBitCast(y, to: Float.self)), to: T.self) }
    return T(Foundation.fmod(Double(x), Double(y)))
  }

  /// The C library's `pow`.
  @inline(__always)
  static func cPow<T: BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
    if T.self == Double.self { return unsafeBitCast(Foundation.pow(unsafeBitCast(x, to: Double.self), unsafeBitCast(y, to: Double.self)), to: T.self) }
    if T.self == Float.self { return unsafeBitCast(Foundation.pow(unsafeBitCast(x, to: Float.self), unsafeBitCast(y, to: Float.self)), to: T.self) }
    return T(Foundation.pow(Double(x), Double(y)))
  }
}
