// The operators and functions that build fused expressions. Every overload
// takes concrete types (`NDExpression`, `NDPredicate`, `Double`, `Int`),
// never a generic parameter, so a long expression type-checks quickly.

import CStrided

extension NDExpression {
  /// `a + b` element-wise, broadcasting. NumPy: `a + b`.
  public static func + (lhs: NDExpression, rhs: NDExpression) -> NDExpression { binary(.add, lhs, rhs, "+") }
  /// `a + s`.
  public static func + (lhs: NDExpression, rhs: Double) -> NDExpression { lhs + NDExpression(constant: rhs) }
  /// `s + a`.
  public static func + (lhs: Double, rhs: NDExpression) -> NDExpression { NDExpression(constant: lhs) + rhs }

  /// `a - b` element-wise, broadcasting. NumPy: `a - b`.
  public static func - (lhs: NDExpression, rhs: NDExpression) -> NDExpression { binary(.subtract, lhs, rhs, "-") }
  /// `a - s`.
  public static func - (lhs: NDExpression, rhs: Double) -> NDExpression { lhs - NDExpression(constant: rhs) }
  /// `s - a`.
  public static func - (lhs: Double, rhs: NDExpression) -> NDExpression { NDExpression(constant: lhs) - rhs }

  /// `a * b` element-wise, broadcasting. NumPy: `a * b`.
  public static func * (lhs: NDExpression, rhs: NDExpression) -> NDExpression { binary(.multiply, lhs, rhs, "*") }
  /// `a * s`.
  public static func * (lhs: NDExpression, rhs: Double) -> NDExpression { lhs * NDExpression(constant: rhs) }
  /// `s * a`.
  public static func * (lhs: Double, rhs: NDExpression) -> NDExpression { NDExpression(constant: lhs) * rhs }

  /// `a / b` element-wise, broadcasting (IEEE: `x / 0` is ±∞ or NaN). NumPy: `a / b`.
  public static func / (lhs: NDExpression, rhs: NDExpression) -> NDExpression { binary(.divide, lhs, rhs, "/") }
  /// `a / s`.
  public static func / (lhs: NDExpression, rhs: Double) -> NDExpression { lhs / NDExpression(constant: rhs) }
  /// `s / a`.
  public static func / (lhs: Double, rhs: NDExpression) -> NDExpression { NDExpression(constant: lhs) / rhs }

  /// `-a` element-wise. NumPy: `-a`.
  public static prefix func - (operand: NDExpression) -> NDExpression { unary(.negate, operand) }

  /// `a < b` element-wise, broadcasting (false where either is NaN). NumPy: `a < b`.
  public static func .< (lhs: NDExpression, rhs: NDExpression) -> NDPredicate { NDPredicate.compare(.less, lhs, rhs, ".<") }
  /// `a < s`.
  public static func .< (lhs: NDExpression, rhs: Double) -> NDPredicate { lhs .< NDExpression(constant: rhs) }
  /// `a <= b` element-wise, broadcasting. NumPy: `a <= b`.
  public static func .<= (lhs: NDExpression, rhs: NDExpression) -> NDPredicate {
    NDPredicate.compare(.lessOrEqual, lhs, rhs, ".<=")
  }
  /// `a <= s`.
  public static func .<= (lhs: NDExpression, rhs: Double) -> NDPredicate { lhs .<= NDExpression(constant: rhs) }
  /// `a > b` element-wise, broadcasting. NumPy: `a > b`.
  public static func .> (lhs: NDExpression, rhs: NDExpression) -> NDPredicate {
    NDPredicate.compare(.greater, lhs, rhs, ".>")
  }
  /// `a > s`.
  public static func .> (lhs: NDExpression, rhs: Double) -> NDPredicate { lhs .> NDExpression(constant: rhs) }
  /// `a >= b` element-wise, broadcasting. NumPy: `a >= b`.
  public static func .>= (lhs: NDExpression, rhs: NDExpression) -> NDPredicate {
    NDPredicate.compare(.greaterOrEqual, lhs, rhs, ".>=")
  }
  /// `a >= s`.
  public static func .>= (lhs: NDExpression, rhs: Double) -> NDPredicate { lhs .>= NDExpression(constant: rhs) }
  /// `a == b` element-wise, broadcasting. NumPy: `a == b`.
  public static func .== (lhs: NDExpression, rhs: NDExpression) -> NDPredicate {
    NDPredicate.compare(.equal, lhs, rhs, ".==")
  }
  /// `a == s`.
  public static func .== (lhs: NDExpression, rhs: Double) -> NDPredicate { lhs .== NDExpression(constant: rhs) }
  /// `a != b` element-wise, broadcasting (true where either is NaN). NumPy: `a != b`.
  public static func .!= (lhs: NDExpression, rhs: NDExpression) -> NDPredicate {
    NDPredicate.compare(.notEqual, lhs, rhs, ".!=")
  }
  /// `a != s`.
  public static func .!= (lhs: NDExpression, rhs: Double) -> NDPredicate { lhs .!= NDExpression(constant: rhs) }
}

extension NDPredicate {
  /// Element-wise logical and. NumPy: `a & b` of two conditions.
  public static func & (lhs: NDPredicate, rhs: NDPredicate) -> NDPredicate {
    NDPredicate(node: .binary(.and, lhs.node, rhs.node), shape: NDExpression.broadcast(lhs.shape, rhs.shape, "&"))
  }

  /// Element-wise logical or. NumPy: `a | b` of two conditions.
  public static func | (lhs: NDPredicate, rhs: NDPredicate) -> NDPredicate {
    NDPredicate(node: .binary(.or, lhs.node, rhs.node), shape: NDExpression.broadcast(lhs.shape, rhs.shape, "|"))
  }

  /// Element-wise logical not. NumPy: `~c` of a condition.
  public static prefix func ! (operand: NDPredicate) -> NDPredicate {
    NDPredicate(node: .unary(.not, operand.node), shape: operand.shape)
  }
}

/// Element-wise `eˣ`, fused (libmvec). NumPy: `np.exp(x)`.
public func exp(_ x: NDExpression) -> NDExpression { .unary(.function(.exp), x) }
/// Element-wise `eˣ − 1`, fused. NumPy: `np.expm1(x)`.
public func expMinusOne(_ x: NDExpression) -> NDExpression { .unary(.function(.expMinusOne), x) }
/// Element-wise natural logarithm, fused. NumPy: `np.log(x)`.
public func log(_ x: NDExpression) -> NDExpression { .unary(.function(.log), x) }
/// Element-wise `log(1 + x)`, fused. NumPy: `np.log1p(x)`.
public func log(onePlus x: NDExpression) -> NDExpression { .unary(.function(.logOnePlus), x) }
/// Element-wise sine, fused (libmvec). NumPy: `np.sin(x)`.
public func sin(_ x: NDExpression) -> NDExpression { .unary(.function(.sin), x) }
/// Element-wise cosine, fused (libmvec). NumPy: `np.cos(x)`.
public func cos(_ x: NDExpression) -> NDExpression { .unary(.function(.cos), x) }
/// Element-wise tangent, fused. NumPy: `np.tan(x)`.
public func tan(_ x: NDExpression) -> NDExpression { .unary(.function(.tan), x) }
/// Element-wise arctangent, fused. NumPy: `np.arctan(x)`.
public func atan(_ x: NDExpression) -> NDExpression { .unary(.function(.atan), x) }
/// Element-wise hyperbolic tangent, fused. NumPy: `np.tanh(x)`.
public func tanh(_ x: NDExpression) -> NDExpression { .unary(.function(.tanh), x) }
/// Element-wise square root, fused (NaN for negatives). NumPy: `np.sqrt(x)`.
public func sqrt(_ x: NDExpression) -> NDExpression { .unary(.squareRoot, x) }
/// Element-wise absolute value, fused. NumPy: `np.abs(x)`.
public func abs(_ x: NDExpression) -> NDExpression { .unary(.magnitude, x) }

/// Element-wise arcsine, fused. NumPy: `np.arcsin(x)`.
public func asin(_ x: NDExpression) -> NDExpression { .unary(.function(.asin), x) }
/// Element-wise arccosine, fused. NumPy: `np.arccos(x)`.
public func acos(_ x: NDExpression) -> NDExpression { .unary(.function(.acos), x) }
/// Element-wise hyperbolic sine, fused. NumPy: `np.sinh(x)`.
public func sinh(_ x: NDExpression) -> NDExpression { .unary(.function(.sinh), x) }
/// Element-wise hyperbolic cosine, fused. NumPy: `np.cosh(x)`.
public func cosh(_ x: NDExpression) -> NDExpression { .unary(.function(.cosh), x) }
/// Element-wise inverse hyperbolic sine, fused. NumPy: `np.arcsinh(x)`.
public func asinh(_ x: NDExpression) -> NDExpression { .unary(.function(.asinh), x) }
/// Element-wise inverse hyperbolic cosine, fused. NumPy: `np.arccosh(x)`.
public func acosh(_ x: NDExpression) -> NDExpression { .unary(.function(.acosh), x) }
/// Element-wise inverse hyperbolic tangent, fused. NumPy: `np.arctanh(x)`.
public func atanh(_ x: NDExpression) -> NDExpression { .unary(.function(.atanh), x) }
/// Element-wise base-2 logarithm, fused. NumPy: `np.log2(x)`.
public func log2(_ x: NDExpression) -> NDExpression { .unary(.function(.log2), x) }
/// Element-wise base-10 logarithm, fused. NumPy: `np.log10(x)`.
public func log10(_ x: NDExpression) -> NDExpression { .unary(.function(.log10), x) }
/// Element-wise `2ˣ`, fused. NumPy: `np.exp2(x)`.
public func exp2(_ x: NDExpression) -> NDExpression { .unary(.function(.exp2), x) }
/// Element-wise cube root, fused. NumPy: `np.cbrt(x)`.
public func cbrt(_ x: NDExpression) -> NDExpression { .unary(.function(.cbrt), x) }

/// Element-wise `⌊x⌋`, fused. NumPy: `np.floor(x)`.
public func floor(_ x: NDExpression) -> NDExpression { .unary(.loop(STRIDED_FUSED_FLOOR), x) }
/// Element-wise `⌈x⌉`, fused. NumPy: `np.ceil(x)`.
public func ceil(_ x: NDExpression) -> NDExpression { .unary(.loop(STRIDED_FUSED_CEIL), x) }
/// Element-wise rounding toward zero, fused. NumPy: `np.trunc(x)`.
public func trunc(_ x: NDExpression) -> NDExpression { .unary(.loop(STRIDED_FUSED_TRUNC), x) }
/// Element-wise sign: -1, 0 or 1 (NaN for NaN), fused. NumPy: `np.sign(x)`.
public func sign(_ x: NDExpression) -> NDExpression { .unary(.loop(STRIDED_FUSED_SIGN), x) }

extension NDExpression {
  /// Each value rounded to the nearest integer, halves to even, fused.
  /// NumPy: `np.rint(x)`, `np.round(x)`.
  public func rounded() -> NDExpression { .unary(.loop(STRIDED_FUSED_ROUND_EVEN), self) }
}

/// The larger of each pair, fused; NaN propagates, and of two equal values
/// the second is taken, as the eager `maximum`. NumPy: `np.maximum(a, b)`.
///
/// - Precondition: The shapes broadcast.
public func maximum(_ a: NDExpression, _ b: NDExpression) -> NDExpression { .binary(.maximum, a, b, "maximum") }
/// `maximum` with a constant: `maximum(x.fused, 0)` is a ReLU.
public func maximum(_ a: NDExpression, _ b: Double) -> NDExpression { maximum(a, NDExpression(constant: b)) }
/// `maximum` with a constant first operand.
public func maximum(_ a: Double, _ b: NDExpression) -> NDExpression { maximum(NDExpression(constant: a), b) }
/// The smaller of each pair, fused; NaN propagates. NumPy: `np.minimum(a, b)`.
///
/// - Precondition: The shapes broadcast.
public func minimum(_ a: NDExpression, _ b: NDExpression) -> NDExpression { .binary(.minimum, a, b, "minimum") }
/// `minimum` with a constant.
public func minimum(_ a: NDExpression, _ b: Double) -> NDExpression { minimum(a, NDExpression(constant: b)) }
/// `minimum` with a constant first operand.
public func minimum(_ a: Double, _ b: NDExpression) -> NDExpression { minimum(NDExpression(constant: a), b) }
/// The larger of each pair ignoring a NaN (NaN only when both are), fused.
/// NumPy: `np.fmax(a, b)`.
///
/// - Precondition: The shapes broadcast.
public func fmax(_ a: NDExpression, _ b: NDExpression) -> NDExpression { .binary(.fmax, a, b, "fmax") }
/// `fmax` with a constant.
public func fmax(_ a: NDExpression, _ b: Double) -> NDExpression { fmax(a, NDExpression(constant: b)) }
/// The smaller of each pair ignoring a NaN, fused. NumPy: `np.fmin(a, b)`.
///
/// - Precondition: The shapes broadcast.
public func fmin(_ a: NDExpression, _ b: NDExpression) -> NDExpression { .binary(.fmin, a, b, "fmin") }
/// `fmin` with a constant.
public func fmin(_ a: NDExpression, _ b: Double) -> NDExpression { fmin(a, NDExpression(constant: b)) }
/// The magnitude of `magnitude` with the sign of `sign`, fused.
/// NumPy: `np.copysign(a, b)`.
///
/// - Precondition: The shapes broadcast.
public func copysign(_ magnitude: NDExpression, _ sign: NDExpression) -> NDExpression {
  .binary(.copysign, magnitude, sign, "copysign")
}
/// The angle of each point `(x, y)` in `[-π, π]`, fused (libmvec, as the
/// eager `atan2` of contiguous runs). NumPy: `np.arctan2(y, x)`.
///
/// - Precondition: The shapes broadcast.
public func atan2(y: NDExpression, x: NDExpression) -> NDExpression { .binary(.elementary(.atan2), y, x, "atan2") }
/// `√(x² + y²)` without overflow, fused (libmvec). NumPy: `np.hypot(x, y)`.
///
/// - Precondition: The shapes broadcast.
public func hypot(_ x: NDExpression, _ y: NDExpression) -> NDExpression { .binary(.elementary(.hypot), x, y, "hypot") }

extension NDExpression {
  /// The remainder with the divisor's sign, fused, as the eager `%`.
  /// NumPy: `a % b`, `np.remainder(a, b)`.
  public static func % (lhs: NDExpression, rhs: NDExpression) -> NDExpression { binary(.remainder, lhs, rhs, "%") }
  /// `%` with a constant divisor.
  public static func % (lhs: NDExpression, rhs: Double) -> NDExpression { lhs % NDExpression(constant: rhs) }
  /// `%` with a constant dividend.
  public static func % (lhs: Double, rhs: NDExpression) -> NDExpression { NDExpression(constant: lhs) % rhs }
}

/// The quotient rounded down, fused, as the eager `floorDivide`.
/// NumPy: `a // b`.
///
/// - Precondition: The shapes broadcast.
public func floorDivide(_ a: NDExpression, _ b: NDExpression) -> NDExpression {
  .binary(.floorDivide, a, b, "floorDivide")
}
/// C's remainder with the dividend's sign, fused. NumPy: `np.fmod(a, b)`.
///
/// - Precondition: The shapes broadcast.
public func fmod(_ a: NDExpression, _ b: NDExpression) -> NDExpression { .binary(.fmod, a, b, "fmod") }

/// `true` where a value is NaN, fused. NumPy: `np.isnan(x)`.
public func isnan(_ x: NDExpression) -> NDPredicate {
  NDPredicate(node: .unary(.loop(STRIDED_FUSED_IS_NAN), x.node), shape: x.shape)
}
/// `true` where a value is ±∞, fused. NumPy: `np.isinf(x)`.
public func isinf(_ x: NDExpression) -> NDPredicate {
  NDPredicate(node: .unary(.loop(STRIDED_FUSED_IS_INFINITE), x.node), shape: x.shape)
}
/// `true` where a value is neither NaN nor ±∞, fused. NumPy: `np.isfinite(x)`.
public func isfinite(_ x: NDExpression) -> NDPredicate {
  NDPredicate(node: .unary(.loop(STRIDED_FUSED_IS_FINITE), x.node), shape: x.shape)
}
