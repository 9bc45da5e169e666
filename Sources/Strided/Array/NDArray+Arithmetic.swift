extension NDArray where Element: Numeric {
  /// Element-wise sum, broadcasting the operands against each other as
  /// NumPy does. Integers wrap on overflow.
  ///
  /// The result is C-ordered, or Fortran-ordered when every operand is.
  /// Operands of any layout are read in place; `m.transposed() + m` walks
  /// both in cache-sized tiles.
  ///
  /// - Precondition: The shapes broadcast; the message names both.
  /// - Complexity: O(*n*) for *n* result elements.
  public static func + (lhs: NDArray, rhs: NDArray) -> NDArray {
    NDArray(unchecked: Arithmetic.apply(.add, lhs.view, rhs.view, kind: Element.scalarKind))
  }

  /// Element-wise difference, broadcasting; integers wrap.
  ///
  /// - Precondition: The shapes broadcast.
  public static func - (lhs: NDArray, rhs: NDArray) -> NDArray {
    NDArray(unchecked: Arithmetic.apply(.subtract, lhs.view, rhs.view, kind: Element.scalarKind))
  }

  /// Element-wise product, broadcasting; integers wrap.
  ///
  /// - Precondition: The shapes broadcast.
  public static func * (lhs: NDArray, rhs: NDArray) -> NDArray {
    NDArray(unchecked: Arithmetic.apply(.multiply, lhs.view, rhs.view, kind: Element.scalarKind))
  }

  /// Element-wise quotient, broadcasting.
  ///
  /// Floating-point division follows IEEE 754 (`x / 0` is ±∞ or NaN).
  /// Integer division truncates toward zero, as Swift's `/`; dividing by
  /// zero gives 0 (as NumPy's `//` does) instead of trapping, and `min / -1`
  /// wraps to `min`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func / (lhs: NDArray, rhs: NDArray) -> NDArray {
    NDArray(unchecked: Arithmetic.apply(.divide, lhs.view, rhs.view, kind: Element.scalarKind))
  }

  /// Adds a scalar to every element.
  public static func + (lhs: NDArray, rhs: Element) -> NDArray { lhs + NDArray(scalar: rhs) }
  /// Adds every element to a scalar.
  public static func + (lhs: Element, rhs: NDArray) -> NDArray { NDArray(scalar: lhs) + rhs }
  /// Subtracts a scalar from every element.
  public static func - (lhs: NDArray, rhs: Element) -> NDArray { lhs - NDArray(scalar: rhs) }
  /// Subtracts every element from a scalar.
  public static func - (lhs: Element, rhs: NDArray) -> NDArray { NDArray(scalar: lhs) - rhs }
  /// Multiplies every element by a scalar.
  public static func * (lhs: NDArray, rhs: Element) -> NDArray { lhs * NDArray(scalar: rhs) }
  /// Multiplies a scalar by every element.
  public static func * (lhs: Element, rhs: NDArray) -> NDArray { NDArray(scalar: lhs) * rhs }
  /// Divides every element by a scalar.
  public static func / (lhs: NDArray, rhs: Element) -> NDArray { lhs / NDArray(scalar: rhs) }
  /// Divides a scalar by every element.
  public static func / (lhs: Element, rhs: NDArray) -> NDArray { NDArray(scalar: lhs) / rhs }

  /// Adds `rhs` (broadcast) to the elements of `lhs`, in place: the
  /// elements are written through the view, so every view of the same
  /// bytes sees them. When `rhs` shares bytes with `lhs` (as in
  /// `a += a.transposed()`), it is read as it was before the operation.
  ///
  /// - Precondition: `lhs` is writable and `rhs` broadcasts to its shape.
  public static func += (lhs: inout NDArray, rhs: NDArray) {
    Arithmetic.applyInPlace(.add, lhs.view, rhs.view, kind: Element.scalarKind)
  }

  /// Subtracts `rhs` (broadcast) in place. See ``+=(_:_:)-(NDArray,NDArray)``.
  ///
  /// - Precondition: `lhs` is writable and `rhs` broadcasts to its shape.
  public static func -= (lhs: inout NDArray, rhs: NDArray) {
    Arithmetic.applyInPlace(.subtract, lhs.view, rhs.view, kind: Element.scalarKind)
  }

  /// Multiplies by `rhs` (broadcast) in place.
  ///
  /// - Precondition: `lhs` is writable and `rhs` broadcasts to its shape.
  public static func *= (lhs: inout NDArray, rhs: NDArray) {
    Arithmetic.applyInPlace(.multiply, lhs.view, rhs.view, kind: Element.scalarKind)
  }

  /// Divides by `rhs` (broadcast) in place, with the rules of ``/(_:_:)-(NDArray,NDArray)``.
  ///
  /// - Precondition: `lhs` is writable and `rhs` broadcasts to its shape.
  public static func /= (lhs: inout NDArray, rhs: NDArray) {
    Arithmetic.applyInPlace(.divide, lhs.view, rhs.view, kind: Element.scalarKind)
  }

  /// Adds a scalar to every element, in place.
  public static func += (lhs: inout NDArray, rhs: Element) { lhs += NDArray(scalar: rhs) }
  /// Subtracts a scalar from every element, in place.
  public static func -= (lhs: inout NDArray, rhs: Element) { lhs -= NDArray(scalar: rhs) }
  /// Multiplies every element by a scalar, in place.
  public static func *= (lhs: inout NDArray, rhs: Element) { lhs *= NDArray(scalar: rhs) }
  /// Divides every element by a scalar, in place.
  public static func /= (lhs: inout NDArray, rhs: Element) { lhs /= NDArray(scalar: rhs) }

  // Compound assignment on a constant (`let b = …; b += x`) writes through
  // the shared storage, as `b[0..<2] += x` does: an array is a view, and its
  // elements are not part of its value (docs/design.md, "Mutation
  // through shared storage"). These forms are disfavoured, so a variable and a
  // subscript keep the `inout` ones above, and a subscript's setter still
  // runs (which is what writes a gathered selection such as `a[mask] += 1`
  // back).

  /// `b += x` on a constant: adds in place, through the shared storage.
  @_disfavoredOverload public static func += (lhs: NDArray, rhs: NDArray) {
    var target = lhs
    target += rhs
  }
  /// `b -= x` on a constant: subtracts in place, through the shared storage.
  @_disfavoredOverload public static func -= (lhs: NDArray, rhs: NDArray) {
    var target = lhs
    target -= rhs
  }
  /// `b *= x` on a constant: multiplies in place, through the shared storage.
  @_disfavoredOverload public static func *= (lhs: NDArray, rhs: NDArray) {
    var target = lhs
    target *= rhs
  }
  /// `b /= x` on a constant: divides in place, through the shared storage.
  @_disfavoredOverload public static func /= (lhs: NDArray, rhs: NDArray) {
    var target = lhs
    target /= rhs
  }
  /// `b += 1` on a constant: adds a scalar in place, through the shared storage.
  @_disfavoredOverload public static func += (lhs: NDArray, rhs: Element) {
    var target = lhs
    target += rhs
  }
  /// `b -= 1` on a constant: subtracts a scalar in place, through the shared storage.
  @_disfavoredOverload public static func -= (lhs: NDArray, rhs: Element) {
    var target = lhs
    target -= rhs
  }
  /// `b *= 2` on a constant: multiplies by a scalar in place, through the shared storage.
  @_disfavoredOverload public static func *= (lhs: NDArray, rhs: Element) {
    var target = lhs
    target *= rhs
  }
  /// `b /= 2` on a constant: divides by a scalar in place, through the shared storage.
  @_disfavoredOverload public static func /= (lhs: NDArray, rhs: Element) {
    var target = lhs
    target /= rhs
  }

  /// Element-wise negation. Integers wrap: `-Int8.min` is `Int8.min`, and
  /// unsigned values wrap modulo 2ⁿ, as in NumPy.
  public static prefix func - (operand: NDArray) -> NDArray {
    NDArray(unchecked: Arithmetic.negate(operand.view, kind: Element.scalarKind))
  }
}
