/// Element-wise loops over the `Int64` counts of dates and durations, on
/// the one iteration engine: NaT handling lives in the closures
/// (``DateArithmetic``), so each call is one vectorizable pass.
enum DateKernels {
  /// `op(a[i], b[i])` of two `Int64` views broadcast together, as a new
  /// `Int64` view.
  static func binary(_ a: NDView, _ b: NDView, _ operation: StaticString, _ op: (Int64, Int64) -> Int64) -> NDView {
    let shape = Operands.broadcastShape([a.shape, b.shape], operation)
    let out = Operands.result(shape: shape, format: .int64, like: [a, b], operation)
    Elementwise.binary(a, b, into: out, op)
    return out
  }

  /// `op(a[i], b[i])` as a new view of `R` in `format`.
  static func binary<R>(
    _ a: NDView, _ b: NDView, format: Format, _ operation: StaticString, _ op: (Int64, Int64) -> R
  ) -> NDView {
    let shape = Operands.broadcastShape([a.shape, b.shape], operation)
    let out = Operands.result(shape: shape, format: format, like: [a, b], operation)
    Elementwise.binary(a, b, into: out, op)
    return out
  }

  /// `op(a[i])` of an `Int64` view as a new view of `R` in `format`.
  static func unary<R>(_ a: NDView, format: Format, _ operation: StaticString, _ op: (Int64) -> R) -> NDView {
    let out = Operands.result(shape: a.shape, format: format, like: [a], operation)
    Elementwise.unary(a, into: out, op)
    return out
  }
}
