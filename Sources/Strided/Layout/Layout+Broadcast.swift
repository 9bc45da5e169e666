extension Layout {
  /// The shape two shapes broadcast to under NumPy's rules: aligned at their
  /// last axes, each pair of sizes must be equal or contain a 1.
  static func broadcastShape(_ a: Dimensions, _ b: Dimensions) throws(ViewError) -> Dimensions {
    let rank = Swift.max(a.count, b.count)
    guard rank <= NDView.maximumRank else { throw .tooManyDimensions(rank) }
    var result = Dimensions(repeating: 1, count: rank)
    for axis in 0..<rank {
      let i = a.count - rank + axis
      let j = b.count - rank + axis
      let x = i >= 0 ? a[i] : 1
      let y = j >= 0 ? b[j] : 1
      guard x >= 0 else { throw .negativeDimension(axis: i, size: x) }
      guard y >= 0 else { throw .negativeDimension(axis: j, size: y) }
      if x == y || y == 1 {
        result[axis] = x
      } else if x == 1 {
        result[axis] = y
      } else {
        throw .notBroadcastable(a.array, b.array)
      }
    }
    return result
  }

  /// This layout stretched to `target`: new leading axes and axes of length 1
  /// that grow get stride 0. The target's element count, times `itemSize`,
  /// must not overflow.
  func broadcast(to target: Dimensions, itemSize: Int) throws(ViewError) -> Layout {
    guard target.count >= rank else { throw .notBroadcastable(shape.array, target.array) }
    let count = try Self.checkedCount(target)
    if count.multipliedReportingOverflow(by: itemSize).overflow {
      throw .sizeOverflow(shape: target.array)
    }
    var newStrides = Dimensions(repeating: 0, count: target.count)
    let lead = target.count - rank
    for axis in 0..<rank {
      let size = self.size(axis)
      let wanted = target[lead + axis]
      if size == wanted {
        newStrides[lead + axis] = stride(axis)
      } else if size == 1 {
        newStrides[lead + axis] = 0
      } else {
        throw .notBroadcastable(shape.array, target.array)
      }
    }
    return Layout(shape: target, strides: newStrides)
  }
}
