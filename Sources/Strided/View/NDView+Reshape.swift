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
  @inlinable
  public func reshaped(to shape: Dimensions, order: MemoryOrder = .c) throws(ViewError) -> NDView {
    if let fast = layout.contiguousReshape(to: shape, itemSize: itemSize, order: order) {
      return derived(layout: fast, byteOffset: byteOffset)
    }
    return derived(layout: try layout.reshaped(to: shape, itemSize: itemSize, order: order), byteOffset: byteOffset)
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
