// `**`, NumPy's power operator, for arrays, fused expressions and SIMD
// vectors.
//
// Swift's type checker ranks the overloads of an operator by its operands
// before trying them only for the operators it knows (`+ - * / %`,
// comparisons, bitwise) and for operator sets that include one declared on
// a SIMD type. Other operators' overloads are tried after all the rest, so
// in `0.25 * a ** 3 + 0.75 * a ** 2 - 1.5 * a - 2 + 4 * b - 3 * c * c` the
// checker first tried each of `*`'s forty overloads for `0.25 * (…)`, and
// so on through the line: with the eight `**` overloads Strided had, that
// line took 1.5 s to type-check, and with a few more terms the compiler
// gave up ("unable to type-check this expression in reasonable time").
// Now `**` has one declaration per operand family (arrays, expressions),
// generic in the exponent, and SIMD vectors' element-wise power makes the
// set one the checker ranks: the same line checks in a few milliseconds.
// The exponent's element type is checked when the call runs.

import RealModule

/// NumPy's exponent precedence: above multiplication, grouping from the
/// right (`2 * a ** b ** 2` is `2 * (a ** (b ** 2))`). One difference:
/// Swift binds a prefix minus tighter than any infix operator, so `-a ** 2`
/// is `(-a) ** 2`, where NumPy's `-a**2` is `-(a**2)`; write `-(a ** 2)`.
precedencegroup PowerPrecedence {
  higherThan: MultiplicationPrecedence
  associativity: right
}

/// `a ** n`: NumPy's power operator.
infix operator ** : PowerPrecedence

extension NDArray where Element: NDPowerElement {
  /// Element-wise `base ** exponent`, NumPy's power operator.
  ///
  /// - An integer exponent (`a ** 2`): for floating-point and complex
  ///   arrays as ``pow(_:_:)-(NDArray<E>,Int)`` computes it (2 is a square,
  ///   1 the value, 0 ones, −1 a reciprocal, as NumPy does); for integer
  ///   arrays by repeated squaring, wrapping on overflow.
  /// - A `Double` or `Float` exponent (`a ** 0.5`, ½ a square root), for
  ///   floating-point and complex arrays, rounded to the element type.
  /// - An array of the same element type (`a ** b`), broadcasting, as
  ///   ``pow(_:_:)-(NDArray<E>,NDArray<E>)``.
  ///
  /// NumPy: `a ** b`, `np.power(a, b)`.
  ///
  /// - Precondition: The exponent is one the array takes, and the message
  ///   names the fix otherwise: not a real number for an integer array
  ///   (Strided does not promote: write `a.asDouble ** 0.5`), not an array
  ///   of another element type (convert one with `converted(to:)`), not an
  ///   expression (write `a.fused ** e`), an integer exponent within the
  ///   integer element's range. The shapes broadcast.
  /// - Complexity: O(*n*) for *n* result elements.
  @inlinable
  public static func ** <Exponent: NDPowerExponent>(base: NDArray, exponent: Exponent) -> NDArray {
    Element.power(base, exponent)
  }
}

/// A value that `**` takes as an exponent: an integer, a `Double`, `Float`
/// or complex number, an ``NDArray`` or an ``NDExpression``.
public protocol NDPowerExponent {
  /// The exponent as one number, or `nil` for an array or an expression.
  var powerScalar: NDPowerScalar? { get }
}

/// One exponent of `**`, as the base reads it.
public enum NDPowerScalar: Sendable, Equatable {
  /// An integer exponent.
  case integer(Int)
  /// A real exponent.
  case real(Double)
}

/// An element type whose arrays `**` raises: the floating-point, complex
/// and integer types.
public protocol NDPowerElement: NDElement {
  /// `base ** exponent` for arrays of this element type.
  static func power<Exponent: NDPowerExponent>(_ base: NDArray<Self>, _ exponent: Exponent) -> NDArray<Self>
}

extension NDPowerElement where Self: ElementaryFunctions {
  /// `base ** exponent` for floating-point and complex arrays.
  @inlinable
  public static func power<Exponent: NDPowerExponent>(_ base: NDArray<Self>, _ exponent: Exponent) -> NDArray<Self> {
    if let array = exponent as? NDArray<Self> { return Strided.pow(base, array) }
    if let value = exponent as? Self { return Strided.pow(base, NDArray(scalar: value)) }
    switch exponent.powerScalar {
    case .integer(let n): return Strided.pow(base, n)
    case .real(let e): return Strided.pow(base, NDArray<Double>(scalar: e).converted(to: Self.self))
    case nil: powerOperandMismatch(NDArray<Self>.self, Exponent.self)
    }
  }
}

extension NDPowerElement where Self: FixedWidthInteger {
  /// `base ** exponent` for integer arrays, wrapping on overflow.
  @inlinable
  public static func power<Exponent: NDPowerExponent>(_ base: NDArray<Self>, _ exponent: Exponent) -> NDArray<Self> {
    if let array = exponent as? NDArray<Self> { return Strided.pow(base, array) }
    if let value = exponent as? Self { return Strided.pow(base, value) }
    switch exponent.powerScalar {
    case .integer(let n):
      guard let e = Self(exactly: n) else {
        preconditionFailure("a ** \(n): the exponent is out of range for \(Self.self) elements")
      }
      return Strided.pow(base, e)
    case .real(let e):
      preconditionFailure(
        "a ** \(e): Strided does not promote integer arrays: write a.asDouble ** \(e) (NumPy's int array ** float gives float64)")
    case nil: powerOperandMismatch(NDArray<Self>.self, Exponent.self)
    }
  }
}

@usableFromInline
func powerOperandMismatch(_ base: Any.Type, _ exponent: Any.Type) -> Never {
  let fix = exponent is NDExpression.Type ? "write a.fused ** e" : "convert one with converted(to:)"
  preconditionFailure("\(base) ** \(exponent): the operand types differ; \(fix)")
}

extension Double: NDPowerElement, NDPowerExponent {}
extension Float: NDPowerElement, NDPowerExponent {}
extension Float16: NDPowerElement, NDPowerExponent {}
extension Complex: NDPowerElement where RealType: NDComplexComponent {}
extension Int: NDPowerElement, NDPowerExponent {}
extension Int8: NDPowerElement, NDPowerExponent {}
extension Int16: NDPowerElement, NDPowerExponent {}
extension Int32: NDPowerElement, NDPowerExponent {}
extension Int64: NDPowerElement, NDPowerExponent {}
extension UInt: NDPowerElement, NDPowerExponent {}
extension UInt8: NDPowerElement, NDPowerExponent {}
extension UInt16: NDPowerElement, NDPowerExponent {}
extension UInt32: NDPowerElement, NDPowerExponent {}
extension UInt64: NDPowerElement, NDPowerExponent {}

extension NDPowerExponent where Self: BinaryInteger {
  /// The integer; beyond `Int`'s range, the nearest `Double`.
  @inlinable public var powerScalar: NDPowerScalar? { Int(exactly: self).map { .integer($0) } ?? .real(Double(self)) }
}

extension NDPowerExponent where Self: BinaryFloatingPoint {
  /// The value as a `Double`.
  @inlinable public var powerScalar: NDPowerScalar? { .real(Double(self)) }
}


extension Complex: NDPowerExponent where RealType: NDComplexComponent {
  /// `nil`: a complex exponent raises complex arrays only.
  @inlinable public var powerScalar: NDPowerScalar? { nil }
}

extension NDArray: NDPowerExponent {
  /// `nil`: an array exponent is read element by element.
  @inlinable public var powerScalar: NDPowerScalar? { nil }
}

extension NDExpression: NDPowerExponent {
  /// `nil`: an expression exponent is evaluated with its base.
  public var powerScalar: NDPowerScalar? { nil }
}

extension NDExpression {
  /// `base ** exponent`, fused: an integer from 3 through 8 multiplies
  /// (`a * a * a`, as numexpr computes it, within an ulp or two of `pow`);
  /// 2 is a square, 1 the value, 0 one, −1 a reciprocal and ½ a square
  /// root, as the eager `**`; other exponents call `pow` (libmvec's). A
  /// `Double` or `Float` array exponent joins the expression as a leaf.
  /// NumPy: `a ** b`.
  ///
  /// - Precondition: The exponent is a number, an expression, or a `Double`
  ///   or `Float` array; the message names the fix otherwise.
  public static func ** <Exponent: NDPowerExponent>(base: NDExpression, exponent: Exponent) -> NDExpression {
    if let e = exponent as? NDExpression { return binary(.power, base, e, "**") }
    if let a = exponent as? NDArray<Double> { return binary(.power, base, a.fused, "**") }
    if let a = exponent as? NDArray<Float> { return binary(.power, base, a.fused, "**") }
    switch exponent.powerScalar {
    case .integer(let n) where n >= 3 && n <= 8: return unary(.multipliedPower(n), base)
    case .integer(let n): return unary(.power(Double(n)), base)
    case .real(let e): return unary(.power(e), base)
    case nil: powerOperandMismatch(NDExpression.self, Exponent.self)
    }
  }
}

extension SIMD where Scalar: BinaryFloatingPoint {
  /// Lane-wise `baseᵉˣᵖᵒⁿᵉⁿᵗ` through the C library's `pow`, with NumPy's
  /// results (`(-2)² = 4`, `0⁰ = 1`, `NaN⁰ = 1`). NumPy: `np.power(a, b)`
  /// of two short vectors.
  ///
  /// Declared on `SIMD` also so that Swift's type checker ranks the
  /// overloads of `**` by their operands (see the top of this file).
  public static func ** (base: Self, exponent: Self) -> Self {
    var result = base
    for i in result.indices { result[i] = ElementaryFunction.realPower(base[i], exponent[i]) }
    return result
  }
}
