/// A `Double` element-wise expression over arrays, evaluated in one pass:
/// block by block, with no full-size temporary for any operation in it.
/// `Float` arrays take part as the `Double`s they hold, so an expression
/// that mixes them with `Double` arrays gives NumPy's `float32 ⊕ float64`
/// bits; ``evaluated(as:)`` and a `Float` array's `assign` round the result
/// once to `Float` (an expression of `Float` arrays alone thus computes in
/// `Double`, where NumPy and the eager operators round every step).
///
/// Build one from arrays with ``NDArray/fused`` (or inside
/// ``NDArray/evaluate(_:_:_:_:)``) and the usual operators and functions;
/// nothing runs until it is evaluated into a new array, assigned into an
/// existing one, or reduced:
///
/// ```swift
/// let y = (2 * a.fused + 3 * b.fused * c.fused).evaluated()
/// let z = NDArray.evaluate(a, b, c) { a, b, c in 2 * a + 3 * b * c }
/// try out.assign(sin(a.fused) ** 2 + cos(b.fused) ** 2)   // in place
/// let ss = ((a.fused - b.fused) ** 2).sum()
/// let d = ((x[.all, .newAxis].fused - c.fused) ** 2).sum(axis: 2)
/// ```
///
/// Each operation gives the same bits as the eager operator on arrays
/// (`+`, `*`, `sin`, `**`, `.>`, `NDArray.where`, …), with one exception:
/// `x ** n` for an integer `n` from 3 to 8 multiplies (`x * x * x`), as
/// numexpr does, where the eager `x ** 3` calls `pow` (the two differ by
/// an ulp or two). Reductions are documented on each.
///
/// The result's shape is the operands' broadcast shape. Arrays are held
/// as they were when the expression was built; they are read when it is
/// evaluated.
///
/// numexpr: `numexpr.evaluate("2*a + 3*b*c")`.
///
/// - Complexity: O(*n*) time for *n* result items; memory beyond the result
///   is 8 KiB a register and a table of 8 KiB per operand, per thread.
public struct NDExpression: Sendable {
  let node: FusedNode
  /// The broadcast shape of the result.
  public let shape: Dimensions

  init(node: FusedNode, shape: Dimensions) {
    self.node = node
    self.shape = shape
  }

  /// An expression that reads `array`.
  public init(_ array: NDArray<Double>) {
    self.init(node: .array(array.view), shape: array.shape)
  }

  /// A constant, 0-d expression (it broadcasts to any shape).
  public init(constant value: Double) {
    self.init(node: .constant(value), shape: [])
  }

  static func broadcast(_ a: Dimensions, _ b: Dimensions, _ operation: StaticString) -> Dimensions {
    a == b ? a : Operands.broadcastShape([a, b], operation)
  }

  static func unary(_ op: FusedUnary, _ x: NDExpression) -> NDExpression {
    NDExpression(node: .unary(op, x.node), shape: x.shape)
  }

  static func binary(_ op: FusedBinary, _ a: NDExpression, _ b: NDExpression, _ name: StaticString) -> NDExpression {
    NDExpression(node: .binary(op, a.node, b.node), shape: broadcast(a.shape, b.shape, name))
  }
}

/// A `Bool` element-wise expression (a comparison of ``NDExpression``s, a
/// mask, or their logical combination), evaluated like one; the condition
/// of ``NDExpression/where(_:_:_:)``.
///
/// NumPy: `a > 0` inside `numexpr.evaluate`.
public struct NDPredicate: Sendable {
  let node: FusedNode
  /// The broadcast shape of the result.
  public let shape: Dimensions

  init(node: FusedNode, shape: Dimensions) {
    self.node = node
    self.shape = shape
  }

  /// A predicate that reads `mask`.
  public init(_ mask: NDArray<Bool>) {
    self.init(node: .mask(mask.view), shape: mask.shape)
  }

  static func compare(_ op: FusedBinary, _ a: NDExpression, _ b: NDExpression, _ name: StaticString) -> NDPredicate {
    NDPredicate(node: .binary(op, a.node, b.node), shape: NDExpression.broadcast(a.shape, b.shape, name))
  }
}

extension NDArray where Element == Double {
  /// This array as the leaf of a fused expression: `2 * a.fused + b.fused`
  /// builds an ``NDExpression`` and computes nothing yet.
  public var fused: NDExpression { NDExpression(self) }

  /// The result of `body` over these arrays, evaluated in one fused pass:
  /// NumPy's `2 * a + 3 * b * c`, as numexpr computes it.
  ///
  /// ```swift
  /// let y = NDArray.evaluate(a, b, c) { a, b, c in 2 * a + 3 * b * c }
  /// ```
  ///
  /// - Precondition: The operands' shapes broadcast.
  public static func evaluate(
    _ a: NDArray, _ b: NDArray, _ c: NDArray, _ body: (NDExpression, NDExpression, NDExpression) -> NDExpression
  ) -> NDArray {
    body(a.fused, b.fused, c.fused).evaluated()
  }

  /// The result of `body` over two arrays, fused. See ``evaluate(_:_:_:_:)``.
  public static func evaluate(_ a: NDArray, _ b: NDArray, _ body: (NDExpression, NDExpression) -> NDExpression) -> NDArray {
    body(a.fused, b.fused).evaluated()
  }

  /// The result of `body` over one array, fused. See ``evaluate(_:_:_:_:)``.
  public static func evaluate(_ a: NDArray, _ body: (NDExpression) -> NDExpression) -> NDArray {
    body(a.fused).evaluated()
  }

  /// Writes `expression` into this array (or view) element by element, in
  /// place, with no temporary: NumPy's `out[...] = a + b` without the
  /// intermediate, numexpr's `evaluate(…, out=out)`. An operand that shares
  /// memory with this array in another layout (`x.assign(x.transposed()…)`)
  /// is copied first; one in the same layout is read in place.
  ///
  /// - Throws: ``IndexError/readOnly`` for a read-only array, and
  ///   ``IndexError/valueShapeMismatch(value:selection:)`` when the
  ///   expression's shape does not broadcast to this shape; nothing is
  ///   written then.
  /// - Complexity: O(*n*).
  public func assign(_ expression: NDExpression) throws(IndexError) {
    try Fusion.assign(expression, into: view, output: .double)
  }
}

extension NDArray where Element == Float {
  /// This array as the leaf of a fused expression. Its items are read as
  /// the `Double`s they are exactly, so the expression computes in
  /// `Double`, as NumPy's `float32 ⊕ float64` does; ``NDExpression/evaluated(as:)``
  /// and ``assign(_:)`` round once to `Float` at the end.
  public var fused: NDExpression { NDExpression(node: .array(view), shape: shape) }

  /// Writes `expression` into this array (or view) element by element, in
  /// place, each value rounded once to `Float`. The expression computes in
  /// `Double` (see ``NDExpression``); otherwise as
  /// ``NDArray/assign(_:)`` for `Double`: numexpr's `evaluate(…, out=out)`.
  ///
  /// - Throws: ``IndexError/readOnly`` for a read-only array, and
  ///   ``IndexError/valueShapeMismatch(value:selection:)`` when the
  ///   expression's shape does not broadcast to this shape; nothing is
  ///   written then.
  /// - Complexity: O(*n*).
  public func assign(_ expression: NDExpression) throws(IndexError) {
    try Fusion.assign(expression, into: view, output: .float)
  }
}

extension NDArray where Element == Bool {
  /// This mask as the leaf of a fused predicate.
  public var fused: NDPredicate { NDPredicate(self) }
}

extension NDExpression {
  /// The expression's values as a new array (C order, or Fortran order
  /// when every operand with more than one item is Fortran-contiguous, as
  /// the eager operators choose).
  ///
  /// - Complexity: O(*n*), on the thread pool from 2¹⁵ items.
  public func evaluated() -> NDArray<Double> {
    NDArray(unchecked: Fusion.evaluate(node, shape: shape, output: .double))
  }

  /// The expression's values as a new `Float` array, each computed in
  /// `Double` and rounded once: what ``evaluated()`` gives, converted,
  /// without the `Double` temporary. NumPy: `(a + b).astype(np.float32)`.
  ///
  /// - Complexity: O(*n*), on the thread pool from 2¹⁵ items.
  public func evaluated(as _: Float.Type) -> NDArray<Float> {
    NDArray(unchecked: Fusion.evaluate(node, shape: shape, output: .float))
  }

  /// `condition ? a : b` element-wise, fused: NumPy's `np.where(c, a, b)`.
  ///
  /// - Precondition: The three shapes broadcast.
  public static func `where`(_ condition: NDPredicate, _ a: NDExpression, _ b: NDExpression) -> NDExpression {
    let ab = broadcast(a.shape, b.shape, "where")
    return NDExpression(node: .select(condition.node, a.node, b.node), shape: broadcast(condition.shape, ab, "where"))
  }

  /// `condition ? a : b` element-wise with a constant `b`, fused: NumPy's
  /// `np.where(c, a, 0)`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func `where`(_ condition: NDPredicate, _ a: NDExpression, _ b: Double) -> NDExpression {
    .where(condition, a, NDExpression(constant: b))
  }

  /// `condition ? a : b` element-wise with a constant `a`, fused: NumPy's
  /// `np.where(c, 0, b)`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func `where`(_ condition: NDPredicate, _ a: Double, _ b: NDExpression) -> NDExpression {
    .where(condition, NDExpression(constant: a), b)
  }
}

extension NDPredicate {
  /// The predicate's values as a new `Bool` array.
  public func evaluated() -> NDArray<Bool> {
    NDArray(unchecked: Fusion.evaluate(node, shape: shape, output: .bool))
  }
}
