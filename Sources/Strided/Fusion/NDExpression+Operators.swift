// The operators and functions that build fused expressions. Every overload
// takes concrete types (`NDExpression`, `NDPredicate`, `Double`, `Int`),
// never a generic parameter, so a long expression type-checks quickly.

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

  /// `aⁿ` element-wise. 2 is a square, 1 the value, 0 one, −1 a
  /// reciprocal, as the eager `a ** n`; 3 through 8 multiply (`a * a * a`,
  /// as numexpr computes them, within an ulp or two of `pow`); other
  /// exponents call `pow` (libmvec's), as the eager operator does.
  /// NumPy: `a ** n`.
  public static func ** (lhs: NDExpression, rhs: Int) -> NDExpression {
    if rhs >= 3 && rhs <= 8 { return unary(.multipliedPower(rhs), lhs) }
    return unary(.power(Double(rhs)), lhs)
  }

  /// `aᵉ` for one real exponent, as the eager `a ** e` (½ is a square
  /// root). NumPy: `a ** 2.5`.
  public static func ** (lhs: NDExpression, rhs: Double) -> NDExpression { unary(.power(rhs), lhs) }

  /// `aᵇ` element-wise, broadcasting, through libmvec's `pow`. NumPy: `a ** b`.
  public static func ** (lhs: NDExpression, rhs: NDExpression) -> NDExpression { binary(.power, lhs, rhs, "**") }

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
