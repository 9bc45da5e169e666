import ComplexModule
import RealModule

// NumPy's two-operand element-wise functions, broadcasting, on any layout.

private func binary<E: NDElement>(_ op: MathFunction.Binary, _ a: NDArray<E>, _ b: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: MathFunction.apply(op, a.view, b.view, kind: E.scalarKind))
}

/// The larger of each pair; a NaN in either gives NaN, as NumPy's
/// `maximum` propagates it.
///
/// NumPy: `np.maximum(a, b)`.
///
/// - Precondition: The shapes broadcast.
/// - Complexity: O(*n*).
public func maximum<E: NDElement & Comparable>(_ a: NDArray<E>, _ b: NDArray<E>) -> NDArray<E> { binary(.maximum, a, b) }

/// The smaller of each pair; NaN propagates. NumPy: `np.minimum(a, b)`.
public func minimum<E: NDElement & Comparable>(_ a: NDArray<E>, _ b: NDArray<E>) -> NDArray<E> { binary(.minimum, a, b) }

/// The larger of each pair, ignoring a NaN (NaN only when both are).
/// NumPy: `np.fmax(a, b)`.
public func fmax<E: NDElement & Comparable>(_ a: NDArray<E>, _ b: NDArray<E>) -> NDArray<E> { binary(.fmax, a, b) }

/// The smaller of each pair, ignoring a NaN. NumPy: `np.fmin(a, b)`.
public func fmin<E: NDElement & Comparable>(_ a: NDArray<E>, _ b: NDArray<E>) -> NDArray<E> { binary(.fmin, a, b) }

/// The larger of each pair of complex numbers in NumPy's lexicographic
/// order (by real part, then by imaginary part); a number with a NaN part
/// propagates (the first operand's, when both have one), and a tie gives
/// the first operand.
///
/// NumPy: `np.maximum(a, b)` of complex arrays.
///
/// - Precondition: The shapes broadcast.
/// - Complexity: O(*n*).
public func maximum<R: NDComplexComponent>(_ a: NDArray<Complex<R>>, _ b: NDArray<Complex<R>>) -> NDArray<Complex<R>> {
  binary(.maximum, a, b)
}

/// The smaller of each pair of complex numbers in NumPy's lexicographic
/// order; NaN propagates as in ``maximum(_:_:)-(NDArray<Complex<R>>,NDArray<Complex<R>>)``.
///
/// NumPy: `np.minimum(a, b)` of complex arrays.
///
/// - Precondition: The shapes broadcast.
public func minimum<R: NDComplexComponent>(_ a: NDArray<Complex<R>>, _ b: NDArray<Complex<R>>) -> NDArray<Complex<R>> {
  binary(.minimum, a, b)
}

/// The larger of each pair of complex numbers in NumPy's lexicographic
/// order, ignoring a number with a NaN part (the first operand when both
/// have one).
///
/// NumPy: `np.fmax(a, b)` of complex arrays.
///
/// - Precondition: The shapes broadcast.
public func fmax<R: NDComplexComponent>(_ a: NDArray<Complex<R>>, _ b: NDArray<Complex<R>>) -> NDArray<Complex<R>> {
  binary(.fmax, a, b)
}

/// The smaller of each pair of complex numbers in NumPy's lexicographic
/// order, ignoring a number with a NaN part.
///
/// NumPy: `np.fmin(a, b)` of complex arrays.
///
/// - Precondition: The shapes broadcast.
public func fmin<R: NDComplexComponent>(_ a: NDArray<Complex<R>>, _ b: NDArray<Complex<R>>) -> NDArray<Complex<R>> {
  binary(.fmin, a, b)
}

/// The remainder with the divisor's sign, as Python's and NumPy's `%`:
/// `-7 % 3` is 2. An integer divided by 0 gives 0; a floating-point one NaN.
///
/// NumPy: `np.remainder(a, b)`, `a % b`.
///
/// - Precondition: The shapes broadcast.
public func remainder<E: NDElement & Numeric & Comparable>(_ a: NDArray<E>, _ b: NDArray<E>) -> NDArray<E> {
  binary(.remainder, a, b)
}

/// The remainder with the dividend's sign, as C's `fmod`: `-7 fmod 3` is
/// -1. An integer divided by 0 gives 0. NumPy: `np.fmod(a, b)`.
public func fmod<E: NDElement & Numeric & Comparable>(_ a: NDArray<E>, _ b: NDArray<E>) -> NDArray<E> { binary(.fmod, a, b) }

/// The quotient rounded down, as NumPy's `//` (for floating point too:
/// `7.5 // 2` is 3.0, `-7.5 // 2` is -4.0). An integer divided by 0 gives
/// 0; `min // -1` wraps to `min`.
///
/// NumPy: `np.floor_divide(a, b)`, `a // b`.
public func floorDivide<E: NDElement & Numeric & Comparable>(_ a: NDArray<E>, _ b: NDArray<E>) -> NDArray<E> {
  binary(.floorDivide, a, b)
}

/// The angle of each point `(x, y)` in radians, in `[-π, π]`, with C's
/// signed zeros and infinities. NumPy: `np.arctan2(y, x)`.
public func atan2<E: NDElement & BinaryFloatingPoint>(y: NDArray<E>, x: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: ElementaryFunction.binary(.atan2, y.view, x.view, kind: E.scalarKind))
}

/// `√(x² + y²)` without overflow. NumPy: `np.hypot(x, y)`.
public func hypot<E: NDElement & BinaryFloatingPoint>(_ x: NDArray<E>, _ y: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: ElementaryFunction.binary(.hypot, x.view, y.view, kind: E.scalarKind))
}

/// The magnitude of `magnitude` with the sign of `sign`. NumPy: `np.copysign(a, b)`.
public func copysign<E: NDElement & BinaryFloatingPoint>(_ magnitude: NDArray<E>, _ sign: NDArray<E>) -> NDArray<E> {
  binary(.copysign, magnitude, sign)
}

/// Element-wise `xʸ` of integers, by repeated squaring, wrapping on
/// overflow as NumPy's do. A negative exponent gives the truncated
/// quotient `1 / xⁿ` (1 for 1, ±1 for -1, 0 otherwise), where NumPy raises
/// `ValueError`.
///
/// NumPy: `np.power(a, b)`, `a ** b`.
///
/// - Precondition: The shapes broadcast.
public func pow<E: NDElement & FixedWidthInteger>(_ x: NDArray<E>, _ y: NDArray<E>) -> NDArray<E> { binary(.power, x, y) }

/// Element-wise `xⁿ` of integers. NumPy: `a ** n`.
public func pow<E: NDElement & FixedWidthInteger>(_ x: NDArray<E>, _ n: E) -> NDArray<E> {
  binary(.power, x, NDArray(scalar: n))
}

/// Element-wise `x²`, in the element type (integers wrap). NumPy: `np.square(x)`.
public func square<E: NDElement & Numeric>(_ x: NDArray<E>) -> NDArray<E> { x * x }

/// Element-wise `1 / x`. For integers, the truncated quotient: 1 for 1, -1
/// for -1, 0 otherwise, and 0 for 0 (NumPy's result there depends on the
/// processor). NumPy: `np.reciprocal(x)`.
public func reciprocal<E: NDElement & Numeric>(_ x: NDArray<E>) -> NDArray<E> { NDArray(scalar: 1) / x }

/// Element-wise base-2 logarithm. NumPy: `np.log2(x)`.
public func log2<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: ElementaryFunction.log2.apply(x.view, kind: E.scalarKind))
}

/// Element-wise base-10 logarithm. NumPy: `np.log10(x)`.
public func log10<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: ElementaryFunction.log10.apply(x.view, kind: E.scalarKind))
}

/// Element-wise `2ˣ`. NumPy: `np.exp2(x)`.
public func exp2<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: ElementaryFunction.exp2.apply(x.view, kind: E.scalarKind))
}

/// Element-wise cube root, real for negative numbers. NumPy: `np.cbrt(x)`.
public func cbrt<E: NDElement & BinaryFloatingPoint & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: ElementaryFunction.cbrt.apply(x.view, kind: E.scalarKind))
}

// MARK: Operators

extension NDArray where Element: Numeric & Comparable {
  /// The remainder with the divisor's sign (``remainder(_:_:)``), NumPy's `%`.
  public static func % (lhs: NDArray, rhs: NDArray) -> NDArray { remainder(lhs, rhs) }
  /// The remainder of every element by a scalar. NumPy: `a % x`.
  public static func % (lhs: NDArray, rhs: Element) -> NDArray { remainder(lhs, NDArray(scalar: rhs)) }
  /// The remainder of a scalar by every element. NumPy: `x % a`.
  public static func % (lhs: Element, rhs: NDArray) -> NDArray { remainder(NDArray(scalar: lhs), rhs) }
  /// In place: `a %= b`.
  public static func %= (lhs: inout NDArray, rhs: NDArray) { remainder(lhs, rhs).copy(into: lhs) }
  /// `b %= x` on a constant: in place, through the shared storage
  /// (disfavoured: a variable takes the `inout` form).
  @_disfavoredOverload public static func %= (lhs: NDArray, rhs: NDArray) { remainder(lhs, rhs).copy(into: lhs) }
}

extension NDArray where Element: FixedWidthInteger {
  /// Element-wise bitwise and. NumPy: `a & b`.
  public static func & (lhs: NDArray, rhs: NDArray) -> NDArray { Bitwise.apply(.and, lhs, rhs) }
  /// Element-wise bitwise or. NumPy: `a | b`.
  public static func | (lhs: NDArray, rhs: NDArray) -> NDArray { Bitwise.apply(.or, lhs, rhs) }
  /// Element-wise bitwise exclusive or. NumPy: `a ^ b`.
  public static func ^ (lhs: NDArray, rhs: NDArray) -> NDArray { Bitwise.apply(.xor, lhs, rhs) }
  /// Element-wise left shift. A shift by the bit width or more (or a
  /// negative shift) gives 0, as NumPy's `<<`.
  public static func << (lhs: NDArray, rhs: NDArray) -> NDArray { Bitwise.apply(.left, lhs, rhs) }
  /// Element-wise right shift, arithmetic for signed types. A shift by the
  /// bit width or more (or a negative shift) gives 0, or -1 for a negative
  /// signed value, as NumPy's `>>`.
  public static func >> (lhs: NDArray, rhs: NDArray) -> NDArray { Bitwise.apply(.right, lhs, rhs) }
  /// Element-wise bitwise not. NumPy: `~a`.
  public static prefix func ~ (operand: NDArray) -> NDArray { operand.mapElements { ~$0 } }

  public static func & (lhs: NDArray, rhs: Element) -> NDArray { lhs & NDArray(scalar: rhs) }
  public static func | (lhs: NDArray, rhs: Element) -> NDArray { lhs | NDArray(scalar: rhs) }
  public static func ^ (lhs: NDArray, rhs: Element) -> NDArray { lhs ^ NDArray(scalar: rhs) }
  public static func << (lhs: NDArray, rhs: Element) -> NDArray { lhs << NDArray(scalar: rhs) }
  public static func >> (lhs: NDArray, rhs: Element) -> NDArray { lhs >> NDArray(scalar: rhs) }
}

extension NDArray where Element == Bool {
  /// Element-wise logical and: NumPy's `a & b` on Bool arrays.
  public static func & (lhs: NDArray, rhs: NDArray) -> NDArray { lhs .& rhs }
  /// Element-wise logical or: NumPy's `a | b` on Bool arrays.
  public static func | (lhs: NDArray, rhs: NDArray) -> NDArray { lhs .| rhs }
  /// Element-wise exclusive or: NumPy's `a ^ b` on Bool arrays.
  public static func ^ (lhs: NDArray, rhs: NDArray) -> NDArray { lhs .^ rhs }
  /// Element-wise logical not: NumPy's `~a` on Bool arrays.
  public static prefix func ~ (operand: NDArray) -> NDArray { .!operand }
}

/// Bitwise operations of integers, with NumPy's shifts.
enum Bitwise {
  enum Operation { case and, or, xor, left, right }

  static func apply<T: NDElement & FixedWidthInteger>(_ op: Operation, _ a: NDArray<T>, _ b: NDArray<T>) -> NDArray<T> {
    let shape = Operands.broadcastShape([a.shape, b.shape], "bitwise")
    let out = Operands.result(shape: shape, format: a.view.format, like: [a.view, b.view], "bitwise")
    switch op {
    case .and: Elementwise.binary(a.view, b.view, into: out) { (x: T, y: T) in x & y }
    case .or: Elementwise.binary(a.view, b.view, into: out) { (x: T, y: T) in x | y }
    case .xor: Elementwise.binary(a.view, b.view, into: out) { (x: T, y: T) in x ^ y }
    case .left:
      Elementwise.binary(a.view, b.view, into: out) { (x: T, y: T) in
        // The amount read as unsigned: negative amounts are huge.
        T.Magnitude(truncatingIfNeeded: y) < T.Magnitude(T.bitWidth) ? x &<< y : 0
      }
    case .right:
      Elementwise.binary(a.view, b.view, into: out) { (x: T, y: T) in
        T.Magnitude(truncatingIfNeeded: y) < T.Magnitude(T.bitWidth) ? x &>> y : (x < 0 ? 0 &- 1 : 0)
      }
    }
    return NDArray(unchecked: out)
  }
}
