extension NDView {
  /// The same elements under a new shape, as a view; throws rather than copy.
  ///
  /// The elements are read, and placed, in `order`. One size may be `-1`;
  /// it is inferred from the others. A contiguous view always reshapes; a
  /// non-contiguous one does when each group of its axes that merges into new
  /// ones is evenly chained (NumPy's no-copy rule, so `m[:, ::2]` reshapes
  /// where `m.T` does not merge).
  ///
  /// NumPy: `a.reshape(shape, order=…, copy=False)`. Unlike NumPy's default
  /// `reshape`, this never silently returns a copy: see ``reshapedCopy(to:order:)``.
  ///
  /// - Throws: ``ViewError/reshapeRequiresCopy(shape:strides:newShape:)``
  ///   when no strides express the result, ``ViewError/reshapeCountMismatch(count:shape:)``
  ///   or ``ViewError/invalidReshape(shape:)`` for a shape that does not fit.
  /// - Complexity: O(*rank*); no copy.
  @inlinable @inline(__always)
  public func reshaped(to shape: Dimensions, order: MemoryOrder = .c) throws(ViewError) -> NDView {
    // One construction site, so that the optimizer sees the result share
    // this view's storage.
    var result: (axes: SIMD8<Int>, rank: Int)
    var large: Layout.Large? = nil
    if self.large == nil,
      let fast = Layout.contiguousReshape(axes, rank: ndim, to: shape, itemSize: itemSize, order: order)
    {
      result = fast
    } else {
      (result, large) = try reshapedLayout(to: shape, order: order)
    }
    return derived(axes: result.axes, rank: result.rank, large: large, byteOffset: byteOffset)
  }

  /// The general path of ``reshaped(to:order:)``: the new layout's parts.
  @usableFromInline
  func reshapedLayout(to shape: Dimensions, order: MemoryOrder) throws(ViewError)
    -> (small: (axes: SIMD8<Int>, rank: Int), large: Layout.Large?)
  {
    let layout = try layout.reshaped(to: shape, itemSize: itemSize, order: order)
    return ((layout.axes, layout.rank), layout.large)
  }

  /// A copy of the elements, read in `order`, laid out contiguously in
  /// `order` under a new shape. One size may be `-1`.
  ///
  /// NumPy: `a.reshape(shape, order=…, copy=True)`.
  ///
  /// - Throws: ``ViewError`` for a shape that does not fit the element count.
  /// - Complexity: O(*n*).
  public func reshapedCopy(to shape: Dimensions, order: MemoryOrder = .c) throws(ViewError) -> NDView {
    let newShape = try Layout.resolveShape(shape, count: count)
    return try copy(order: order).reshaped(to: newShape, order: order)
  }
}
