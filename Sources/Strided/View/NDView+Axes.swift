extension NDView {
  /// The view with its axes in reverse order.
  ///
  /// NumPy: `a.T`; for a matrix, rows become columns.
  ///
  /// - Complexity: O(*rank*); no copy.
  @inlinable
  public func transposed() -> NDView {
    var reversed: Layout.Large? = nil
    if let large { reversed = large.reversed() }
    return NDView(
      storage: storage, format: format, header: header, axes: Layout.reversedAxes(axes, rank: ndim),
      large: reversed)
  }

  /// The view with its axes reordered: axis `i` of the result is axis
  /// `axes[i]` of this view. Negative axes count from the end.
  ///
  /// NumPy: `np.transpose(a, axes)`.
  ///
  /// - Precondition: `axes` is a permutation of the view's axes.
  /// - Complexity: O(*rank*); no copy.
  public func permuted(_ axes: Dimensions) -> NDView {
    derived(layout: layout.permuted(axes, in: "NDView.permuted"), byteOffset: byteOffset)
  }

  /// The view with two axes exchanged.
  ///
  /// NumPy: `np.swapaxes(a, first, second)`.
  ///
  /// - Precondition: Both axes are in range (negative ones count from the end).
  /// - Complexity: O(*rank*); no copy.
  public func swappingAxes(_ first: Int, _ second: Int) -> NDView {
    let i = Layout.normalizeAxis(first, rank: ndim, in: "NDView.swappingAxes")
    let j = Layout.normalizeAxis(second, rank: ndim, in: "NDView.swappingAxes")
    var layout = self.layout
    let (size, stride) = (layout.size(i), layout.stride(i))
    layout.set(i, size: layout.size(j), stride: layout.stride(j))
    layout.set(j, size: size, stride: stride)
    return derived(layout: layout, byteOffset: byteOffset)
  }

  /// The view with one axis moved to a new position, the others keeping
  /// their order.
  ///
  /// NumPy: `np.moveaxis(a, source, destination)`.
  ///
  /// - Precondition: Both axes are in range (negative ones count from the end).
  /// - Complexity: O(*rank*); no copy.
  public func movingAxis(from source: Int, to destination: Int) -> NDView {
    let from = Layout.normalizeAxis(source, rank: ndim, in: "NDView.movingAxis")
    let to = Layout.normalizeAxis(destination, rank: ndim, in: "NDView.movingAxis")
    let layout = self.layout.removing(from).inserting(size: shape[from], stride: strides[from], at: to)
    return derived(layout: layout, byteOffset: byteOffset)
  }

  /// The view with the order of the elements along one axis reversed.
  ///
  /// NumPy: `np.flip(a, axis)`, or `a[::-1]` for axis 0.
  ///
  /// - Precondition: The axis is in range (negative ones count from the end).
  /// - Complexity: O(1); no copy.
  public func flipped(axis: Int) -> NDView {
    let axis = Layout.normalizeAxis(axis, rank: ndim, in: "NDView.flipped")
    var layout = self.layout
    let offset = layout.flip(axis, byteOffset: byteOffset)
    return derived(layout: layout, byteOffset: offset)
  }

  /// The view with the order of the elements reversed along every axis.
  ///
  /// NumPy: `np.flip(a)`.
  ///
  /// - Complexity: O(*rank*); no copy.
  public func flipped() -> NDView {
    var layout = self.layout
    var offset = byteOffset
    for axis in 0..<ndim { offset = layout.flip(axis, byteOffset: offset) }
    return derived(layout: layout, byteOffset: offset)
  }
}

extension Layout {
  func permuted(_ axes: Dimensions, in operation: StaticString) -> Layout {
    precondition(
      axes.count == rank,
      "\(operation): \(axes) does not list each of the \(rank) axes once")
    var result = Layout()
    var seen: UInt64 = 0
    for position in 0..<axes.count {
      let requested = axes[position]
      let axis = Self.normalizeAxis(requested, rank: rank, in: operation)
      precondition(seen & (1 << axis) == 0, "\(operation): axis \(requested) appears twice in \(axes)")
      seen |= 1 << axis
      result.append(size: size(axis), stride: stride(axis))
    }
    return result
  }

  /// Reverses one axis in place and returns the new offset of the first element.
  mutating func flip(_ axis: Int, byteOffset: Int) -> Int {
    let length = size(axis)
    let step = stride(axis)
    set(axis, size: length, stride: 0 &- step)
    return length > 0 ? byteOffset &+ (length - 1) &* step : byteOffset
  }
}
