/// The loop order for walking two strided operands of the same shape
/// together: axes of length 1 dropped, axes sorted so the smallest strides
/// are innermost, and neighbouring axes that are contiguous together merged
/// into one.
///
/// The plan is pure arithmetic on sizes and strides; kernels walk it.
struct LoopPlan {
  struct Axis {
    var size: Int
    /// Byte strides of the operands: `strides.0` is the destination's.
    var strides: (Int, Int)
  }

  /// The axes, outermost first. Empty for a single element.
  var axes: [Axis]
  /// Whether some axis has length 0 (nothing to do).
  var isEmpty: Bool

  /// Plans a walk over `shape` with the destination's strides first.
  init(shape: Dimensions, destination: Dimensions, source: Dimensions) {
    var axes: [Axis] = []
    axes.reserveCapacity(shape.count)
    var empty = false
    for axis in 0..<shape.count {
      let size = shape[axis]
      if size == 0 { empty = true }
      if size > 1 { axes.append(Axis(size: size, strides: (destination[axis], source[axis]))) }
    }
    isEmpty = empty
    // Sort outermost first: by the destination's stride magnitude, then the
    // source's (insertion sort: ranks are small, and it is stable).
    func outer(_ a: Axis, _ b: Axis) -> Bool {
      let (da, db) = (a.strides.0.magnitude, b.strides.0.magnitude)
      if da != db { return da > db }
      return a.strides.1.magnitude > b.strides.1.magnitude
    }
    for i in axes.indices.dropFirst() {
      var j = i
      let moving = axes[i]
      while j > 0 && outer(moving, axes[j - 1]) {
        axes[j] = axes[j - 1]
        j -= 1
      }
      axes[j] = moving
    }
    // Merge an axis into the next inner one when both operands chain evenly.
    var merged: [Axis] = []
    merged.reserveCapacity(axes.count)
    for axis in axes {
      if let last = merged.last,
        last.strides.0 == axis.size &* axis.strides.0,
        last.strides.1 == axis.size &* axis.strides.1
      {
        merged[merged.count - 1] = Axis(size: last.size &* axis.size, strides: axis.strides)
      } else {
        merged.append(axis)
      }
    }
    self.axes = merged
  }
}
