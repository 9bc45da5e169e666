extension NDArray {
  /// Element-wise equality, broadcasting, as a `Bool` array.
  ///
  /// Use ``==(_:_:)`` to compare whole arrays. NumPy: `a == b`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .== (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    NDArray<Bool>(unchecked: Comparison.compare(.equal, lhs.view, rhs.view, kind: Element.scalarKind))
  }

  /// Element-wise inequality, broadcasting, as a `Bool` array.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .!= (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    NDArray<Bool>(unchecked: Comparison.compare(.notEqual, lhs.view, rhs.view, kind: Element.scalarKind))
  }

  /// Element-wise equality with a scalar.
  public static func .== (lhs: NDArray, rhs: Element) -> NDArray<Bool> { lhs .== NDArray(scalar: rhs) }
  /// Element-wise inequality with a scalar.
  public static func .!= (lhs: NDArray, rhs: Element) -> NDArray<Bool> { lhs .!= NDArray(scalar: rhs) }

  /// `condition ? a : b` element by element, broadcasting all three.
  ///
  /// NumPy: `np.where(condition, a, b)`.
  ///
  /// - Precondition: The shapes broadcast.
  /// - Complexity: O(*n*).
  public static func `where`(_ condition: NDArray<Bool>, _ a: NDArray, _ b: NDArray) -> NDArray {
    NDArray(unchecked: Comparison.select(condition.view, a.view, b.view))
  }

  // The scalar forms are disfavoured so that a literal branch
  // (`where(mask, 0.0, a)`) keeps meaning a 0-d array, as it did before
  // they existed; a variable of the element type picks them.

  /// `condition ? a : b` element by element, with one value for the `true`
  /// branch: NumPy's `np.where(condition, x, b)` with a scalar `x`.
  ///
  /// ```swift
  /// let fill = 0.0
  /// NDArray.where(a .< 0, fill, a)  // the negative elements replaced
  /// ```
  ///
  /// - Precondition: The shapes of `condition` and `b` broadcast.
  /// - Complexity: O(*n*).
  @_disfavoredOverload
  public static func `where`(_ condition: NDArray<Bool>, _ a: Element, _ b: NDArray) -> NDArray {
    NDArray.where(condition, NDArray(scalar: a), b)
  }

  /// `condition ? a : b` element by element, with one value for the
  /// `false` branch: NumPy's `np.where(condition, a, y)` with a scalar `y`.
  ///
  /// - Precondition: The shapes of `condition` and `a` broadcast.
  /// - Complexity: O(*n*).
  @_disfavoredOverload
  public static func `where`(_ condition: NDArray<Bool>, _ a: NDArray, _ b: Element) -> NDArray {
    NDArray.where(condition, a, NDArray(scalar: b))
  }

  /// `condition ? a : b` for two values, in the shape of `condition`:
  /// NumPy's `np.where(condition, x, y)` with scalars.
  ///
  /// - Complexity: O(*n*).
  @_disfavoredOverload
  public static func `where`(_ condition: NDArray<Bool>, _ a: Element, _ b: Element) -> NDArray {
    NDArray.where(condition, NDArray(scalar: a), NDArray(scalar: b))
  }
}

extension NDArray where Element: Comparable {
  /// Element-wise `<`, broadcasting, as a `Bool` array. Comparisons with
  /// NaN are `false`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .< (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    NDArray<Bool>(unchecked: Comparison.compare(.less, lhs.view, rhs.view, kind: Element.scalarKind))
  }

  /// Element-wise `<=`, broadcasting.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .<= (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    NDArray<Bool>(unchecked: Comparison.compare(.lessOrEqual, lhs.view, rhs.view, kind: Element.scalarKind))
  }

  /// Element-wise `>`, broadcasting.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .> (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    NDArray<Bool>(unchecked: Comparison.compare(.greater, lhs.view, rhs.view, kind: Element.scalarKind))
  }

  /// Element-wise `>=`, broadcasting.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .>= (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    NDArray<Bool>(unchecked: Comparison.compare(.greaterOrEqual, lhs.view, rhs.view, kind: Element.scalarKind))
  }

  /// Element-wise `<` against a scalar.
  public static func .< (lhs: NDArray, rhs: Element) -> NDArray<Bool> { lhs .< NDArray(scalar: rhs) }
  /// Element-wise `<=` against a scalar.
  public static func .<= (lhs: NDArray, rhs: Element) -> NDArray<Bool> { lhs .<= NDArray(scalar: rhs) }
  /// Element-wise `>` against a scalar.
  public static func .> (lhs: NDArray, rhs: Element) -> NDArray<Bool> { lhs .> NDArray(scalar: rhs) }
  /// Element-wise `>=` against a scalar.
  public static func .>= (lhs: NDArray, rhs: Element) -> NDArray<Bool> { lhs .>= NDArray(scalar: rhs) }

  /// A copy with every element limited to `[minimum, maximum]`; either
  /// bound may be omitted, and may be an array that broadcasts. A NaN
  /// element or bound gives NaN, as in NumPy.
  ///
  /// NumPy: `np.clip(a, minimum, maximum)`.
  ///
  /// - Complexity: O(*n*).
  public func clipped(min minimum: NDArray? = nil, max maximum: NDArray? = nil) -> NDArray {
    NDArray(unchecked: Comparison.clip(view, low: minimum?.view, high: maximum?.view, kind: Element.scalarKind))
  }

  /// A copy with every element limited to `[minimum, maximum]`.
  public func clipped(min minimum: Element, max maximum: Element) -> NDArray {
    clipped(min: NDArray(scalar: minimum), max: NDArray(scalar: maximum))
  }
}

extension NDArray where Element == Bool {
  /// Element-wise logical and, broadcasting. NumPy: `a & b`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .& (lhs: NDArray, rhs: NDArray) -> NDArray {
    NDArray(unchecked: Comparison.logic(.and, lhs.view, rhs.view))
  }

  /// Element-wise logical or, broadcasting. NumPy: `a | b`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .| (lhs: NDArray, rhs: NDArray) -> NDArray {
    NDArray(unchecked: Comparison.logic(.or, lhs.view, rhs.view))
  }

  /// Element-wise exclusive or, broadcasting. NumPy: `a ^ b`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .^ (lhs: NDArray, rhs: NDArray) -> NDArray {
    NDArray(unchecked: Comparison.logic(.exclusiveOr, lhs.view, rhs.view))
  }

  /// Element-wise logical not. NumPy: `~a`.
  public static prefix func .! (operand: NDArray) -> NDArray {
    NDArray(unchecked: Comparison.not(operand.view))
  }
}

extension NDArray where Element: NDComplexElement {
  /// Element-wise `<` of complex numbers in NumPy's lexicographic order: by
  /// real part, then by imaginary part (a NaN part makes it `false`).
  ///
  /// NumPy: `a < b` of complex arrays.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .< (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    NDArray<Bool>(unchecked: Comparison.compare(.less, lhs.view, rhs.view, kind: Element.scalarKind))
  }

  /// Element-wise `<=` in NumPy's lexicographic order.
  public static func .<= (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    NDArray<Bool>(unchecked: Comparison.compare(.lessOrEqual, lhs.view, rhs.view, kind: Element.scalarKind))
  }

  /// Element-wise `>` in NumPy's lexicographic order.
  public static func .> (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    NDArray<Bool>(unchecked: Comparison.compare(.greater, lhs.view, rhs.view, kind: Element.scalarKind))
  }

  /// Element-wise `>=` in NumPy's lexicographic order.
  public static func .>= (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    NDArray<Bool>(unchecked: Comparison.compare(.greaterOrEqual, lhs.view, rhs.view, kind: Element.scalarKind))
  }
}
