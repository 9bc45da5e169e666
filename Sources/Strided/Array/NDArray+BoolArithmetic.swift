// NumPy's arithmetic on Bool arrays: `+` is logical or and `*` logical
// and (NumPy's `add` and `multiply` loops for `bool`), `abs` and the
// extrema keep `Bool`, and the means and variances are `Double`s. NumPy
// raises `TypeError` for `-` of Bool arrays; here it does not compile, and
// the compiler's message names the operator to write.

extension NDArray where Element == Bool {
  /// Element-wise logical or, broadcasting, as NumPy adds Bool arrays.
  ///
  /// NumPy: `a + b` of Bool arrays (`np.logical_or`).
  ///
  /// - Precondition: The shapes broadcast.
  public static func + (lhs: NDArray, rhs: NDArray) -> NDArray { lhs .| rhs }

  /// Element-wise logical and, broadcasting, as NumPy multiplies Bool
  /// arrays.
  ///
  /// NumPy: `a * b` of Bool arrays (`np.logical_and`).
  ///
  /// - Precondition: The shapes broadcast.
  public static func * (lhs: NDArray, rhs: NDArray) -> NDArray { lhs .& rhs }

  /// Logical or with a scalar. NumPy: `a + True`.
  public static func + (lhs: NDArray, rhs: Bool) -> NDArray { lhs .| NDArray(scalar: rhs) }
  /// Logical or of a scalar with every element. NumPy: `True + a`.
  public static func + (lhs: Bool, rhs: NDArray) -> NDArray { NDArray(scalar: lhs) .| rhs }
  /// Logical and with a scalar. NumPy: `a * True`.
  public static func * (lhs: NDArray, rhs: Bool) -> NDArray { lhs .& NDArray(scalar: rhs) }
  /// Logical and of a scalar with every element. NumPy: `True * a`.
  public static func * (lhs: Bool, rhs: NDArray) -> NDArray { NDArray(scalar: lhs) .& rhs }

  /// Logical or in place, through the view. NumPy: `a += b`.
  ///
  /// - Precondition: `lhs` is writable and `rhs` broadcasts to its shape.
  public static func += (lhs: inout NDArray, rhs: NDArray) {
    Operands.checkInPlace(lhs.view, [rhs.view], "+")
    (lhs .| rhs).copy(into: lhs)
  }

  /// Logical and in place, through the view. NumPy: `a *= b`.
  ///
  /// - Precondition: `lhs` is writable and `rhs` broadcasts to its shape.
  public static func *= (lhs: inout NDArray, rhs: NDArray) {
    Operands.checkInPlace(lhs.view, [rhs.view], "*")
    (lhs .& rhs).copy(into: lhs)
  }

  /// `b += x` on a constant: logical or in place, through the shared
  /// storage (disfavoured: a variable takes the `inout` form).
  @_disfavoredOverload public static func += (lhs: NDArray, rhs: NDArray) {
    var target = lhs
    target += rhs
  }

  /// `b *= x` on a constant: logical and in place, through the shared
  /// storage (disfavoured: a variable takes the `inout` form).
  @_disfavoredOverload public static func *= (lhs: NDArray, rhs: NDArray) {
    var target = lhs
    target *= rhs
  }

  /// Not available: NumPy raises `TypeError` for `-` of Bool arrays.
  @available(*, unavailable, message: "Bool arrays have no subtraction (NumPy raises TypeError): use .^ for exclusive or")
  public static func - (lhs: NDArray, rhs: NDArray) -> NDArray { fatalError("unavailable") }

  /// Not available: NumPy raises `TypeError` for `-a` of a Bool array.
  @available(*, unavailable, message: "Bool arrays have no negation (NumPy raises TypeError): use .! for logical not")
  public static prefix func - (operand: NDArray) -> NDArray { fatalError("unavailable") }
}

/// The elements themselves, as NumPy's `abs` of a Bool array gives them:
/// a new array.
///
/// NumPy: `np.abs(a)` of a Bool array.
///
/// - Complexity: O(*n*).
public func abs(_ x: NDArray<Bool>) -> NDArray<Bool> { x.copy() }

/// `true` where either element is: NumPy's `maximum` of Bool arrays.
///
/// NumPy: `np.maximum(a, b)`, `np.fmax(a, b)` of Bool arrays.
///
/// - Precondition: The shapes broadcast.
public func maximum(_ a: NDArray<Bool>, _ b: NDArray<Bool>) -> NDArray<Bool> {
  NDArray(unchecked: MathFunction.apply(.maximum, a.view, b.view, kind: Bool.scalarKind))
}

/// `true` where both elements are: NumPy's `minimum` of Bool arrays.
///
/// NumPy: `np.minimum(a, b)`, `np.fmin(a, b)` of Bool arrays.
///
/// - Precondition: The shapes broadcast.
public func minimum(_ a: NDArray<Bool>, _ b: NDArray<Bool>) -> NDArray<Bool> {
  NDArray(unchecked: MathFunction.apply(.minimum, a.view, b.view, kind: Bool.scalarKind))
}

/// The same as ``maximum(_:_:)-(NDArray<Bool>,NDArray<Bool>)``: Bool has no
/// NaN. NumPy: `np.fmax(a, b)`.
public func fmax(_ a: NDArray<Bool>, _ b: NDArray<Bool>) -> NDArray<Bool> {
  NDArray(unchecked: MathFunction.apply(.fmax, a.view, b.view, kind: Bool.scalarKind))
}

/// The same as ``minimum(_:_:)-(NDArray<Bool>,NDArray<Bool>)``: Bool has no
/// NaN. NumPy: `np.fmin(a, b)`.
public func fmin(_ a: NDArray<Bool>, _ b: NDArray<Bool>) -> NDArray<Bool> {
  NDArray(unchecked: MathFunction.apply(.fmin, a.view, b.view, kind: Bool.scalarKind))
}
