extension NDView {
  /// The view stretched to a larger shape: new leading axes, and axes of
  /// length 1 that grow, get stride 0 and repeat their elements. The result
  /// is read-only, because its elements alias each other.
  ///
  /// NumPy: `np.broadcast_to(a, shape)`.
  ///
  /// - Throws: ``ViewError/notBroadcastable(_:_:)`` when an axis is neither
  ///   of the same size nor of length 1, or the target has fewer axes;
  ///   ``ViewError/sizeOverflow(shape:)`` when the target's size in bytes
  ///   overflows.
  /// - Complexity: O(*rank*); no copy.
  public func broadcast(to shape: Dimensions) throws(ViewError) -> NDView {
    let layout = try self.layout.broadcast(to: shape, itemSize: itemSize)
    return NDView(
      unchecked: storage, format: format, itemSize: itemSize,
      byteOffset: byteOffset, layout: layout, isReadOnly: true)
  }

  /// The shape that two shapes broadcast to under NumPy's rules.
  ///
  /// NumPy: `np.broadcast_shapes(a, b)`.
  ///
  /// - Throws: ``ViewError/notBroadcastable(_:_:)``, or
  ///   ``ViewError/negativeDimension(axis:size:)`` for a negative size.
  public static func broadcastShape(_ a: Dimensions, _ b: Dimensions) throws(ViewError) -> Dimensions {
    try Layout.broadcastShape(a, b)
  }

  /// The view without its axes of length 1.
  ///
  /// NumPy: `np.squeeze(a)`.
  ///
  /// - Complexity: O(*rank*); no copy.
  public func squeezed() -> NDView {
    var layout = Layout()
    for axis in 0..<ndim where self.layout.size(axis) != 1 {
      layout.append(size: self.layout.size(axis), stride: self.layout.stride(axis))
    }
    return derived(layout: layout, byteOffset: byteOffset)
  }

  /// The view without one axis of length 1.
  ///
  /// NumPy: `np.squeeze(a, axis)`.
  ///
  /// - Precondition: The axis is in range and has length 1.
  /// - Complexity: O(*rank*); no copy.
  public func squeezed(axis: Int) -> NDView {
    let axis = Layout.normalizeAxis(axis, rank: ndim, in: "NDView.squeezed")
    precondition(
      shape[axis] == 1, "NDView.squeezed: axis \(axis) has size \(shape[axis]), not 1")
    return derived(layout: layout.removing(axis), byteOffset: byteOffset)
  }

  /// The view with a new axis of length 1 inserted at `axis`, which counts
  /// positions in the result (negative ones from its end).
  ///
  /// NumPy: `np.expand_dims(a, axis)`.
  ///
  /// - Precondition: `-(ndim + 1) <= axis <= ndim`, and the view has fewer
  ///   than ``maximumRank`` axes.
  /// - Complexity: O(*rank*); no copy.
  public func expandingDimensions(at axis: Int) -> NDView {
    precondition(ndim < Self.maximumRank, "NDView.expandingDimensions: the view already has \(ndim) dimensions")
    let axis = Layout.normalizeAxis(axis, rank: ndim + 1, in: "NDView.expandingDimensions")
    return derived(layout: layout.inserting(size: 1, stride: 0, at: axis), byteOffset: byteOffset)
  }

  /// The diagonal of the plane of `axis1` and `axis2`, as a view. The two
  /// axes are removed and the diagonal becomes the last axis. A positive
  /// `offset` takes a diagonal above the main one, a negative one below.
  ///
  /// NumPy: `np.diagonal(a, offset, axis1, axis2)`. NumPy returns a
  /// read-only view; this one is writable when the view is.
  ///
  /// - Precondition: The view has at least two axes, and `axis1` and
  ///   `axis2` are distinct axes.
  /// - Complexity: O(*rank*); no copy.
  public func diagonal(offset: Int = 0, axis1: Int = 0, axis2: Int = 1) -> NDView {
    precondition(ndim >= 2, "NDView.diagonal: the view has \(ndim) dimensions; it needs at least 2")
    let a = Layout.normalizeAxis(axis1, rank: ndim, in: "NDView.diagonal")
    let b = Layout.normalizeAxis(axis2, rank: ndim, in: "NDView.diagonal")
    precondition(a != b, "NDView.diagonal: axis1 and axis2 are both axis \(a)")
    let rows = shape[a]
    let columns = shape[b]
    var start = byteOffset
    var length: Int
    if offset >= 0 {
      length = Swift.max(0, Swift.min(rows, columns &- offset))
      if length > 0 { start &+= offset &* strides[b] }
    } else {
      length = Swift.max(0, Swift.min(rows &+ offset, columns))
      if length > 0 { start &+= (0 &- offset) &* strides[a] }
    }
    var layout = Layout()
    for axis in 0..<ndim where axis != a && axis != b {
      layout.append(size: shape[axis], stride: strides[axis])
    }
    layout.append(size: length, stride: strides[a] &+ strides[b])
    return derived(layout: layout, byteOffset: start)
  }

  /// The same view, read-only.
  ///
  /// memoryview: `m.toreadonly()`; NumPy: clearing `flags.writeable`.
  ///
  /// - Complexity: O(1); no copy.
  public func asReadOnly() -> NDView {
    NDView(
      unchecked: storage, format: format, itemSize: itemSize, byteOffset: byteOffset,
      layout: layout, isReadOnly: true)
  }

  /// A view of the same storage with any shape and strides, checked so that
  /// every reachable byte lies inside the storage.
  ///
  /// NumPy: `np.lib.stride_tricks.as_strided(a, shape, strides)`, with the
  /// bounds check NumPy leaves out. Elements may alias each other; write
  /// through such a view with care.
  ///
  /// - Parameters:
  ///   - shape: The size of each axis.
  ///   - strides: The byte step along each axis.
  ///   - byteOffset: The offset of the first element in the storage; `nil`
  ///     keeps this view's.
  /// - Throws: ``ViewError`` when the layout is invalid or reaches outside
  ///   the storage.
  /// - Complexity: O(*rank*); no copy.
  public func asStrided(shape: Dimensions, strides: Dimensions, byteOffset: Int? = nil) throws(ViewError) -> NDView {
    guard shape.count == strides.count else { throw .rankMismatch(shape: shape.count, strides: strides.count) }
    guard shape.count <= Self.maximumRank else { throw .tooManyDimensions(shape.count) }
    return try checked(layout: Layout(shape: shape, strides: strides), byteOffset: byteOffset ?? self.byteOffset)
  }
}
