extension Layout {
  /// NumPy's slice rule (`PySlice_AdjustIndices`): resolves `start:stop:step`
  /// on an axis of `length` elements to a first index and an element count.
  /// Negative bounds count from the end; bounds beyond the axis are clipped.
  ///
  /// - Precondition: `step != 0`; callers trap first with their own message.
  @inlinable @inline(__always)
  static func resolveSlice(start: Int?, stop: Int?, step: Int, length: Int) -> (first: Int, count: Int) {
    if step > 0 {
      func clip(_ bound: Int?, default value: Int) -> Int {
        guard var bound else { return value }
        if bound < 0 { bound = Swift.max(bound &+ length, 0) }
        return Swift.min(bound, length)
      }
      let first = clip(start, default: 0)
      let end = clip(stop, default: length)
      let count = end > first ? (end - first - 1) / step + 1 : 0
      return (first, count)
    } else {
      // For a negative step, -1 stands for "before the first element".
      func clip(_ bound: Int?, default value: Int) -> Int {
        guard var bound else { return value }
        if bound < 0 {
          bound = bound &+ length
          if bound < 0 { return -1 }
        }
        return Swift.min(bound, length - 1)
      }
      let first = clip(start, default: length - 1)
      let end = clip(stop, default: -1)
      let magnitude = step == Int.min ? Int.max : -step
      let count = first > end ? (first - end - 1) / magnitude + 1 : 0
      return (first, count)
    }
  }

  /// Resolves a possibly negative axis (counting from the end) against a
  /// rank, trapping with the name of the operation when it is out of range.
  static func normalizeAxis(_ axis: Int, rank: Int, in operation: StaticString) -> Int {
    let resolved = axis < 0 ? axis &+ rank : axis
    precondition(
      resolved >= 0 && resolved < rank,
      "\(operation): axis \(axis) is out of range for a view of \(rank) dimensions")
    return resolved
  }
}
