// Every view operation of NDView, typed. Each makes a new array of the same
// elements without copying; see the NDView method of the same name for the
// rules and the NumPy equivalent.

extension NDArray {
  /// A view selected by one subscript entry per leading axis, as NumPy's
  /// basic indexing selects it: `x[1]` of a matrix is row 1, `x[1, 2]` a 0-d
  /// array. Integers remove their axis, ranges and slices keep it; see
  /// ``NDView/subscript(_:)-(A)``. To read or write one element quickly,
  /// use ``subscript(item:)-(Int)``.
  ///
  /// Assigning writes through the view: an array is copied in,
  /// broadcasting (and read as it was when it shares bytes with the
  /// target), and a literal fills: `x[0, .all] = row`, `m[.slice(by: 2)] = 1`,
  /// `img[96..<160, 96..<160, .all] += 60`.
  ///
  /// NumPy: `a[i]`, `a[1:3, ::-1]`, `a[i] = b`, `a[1:3] += 1`.
  ///
  /// - Precondition: The entries are in range, as for ``NDView``; for
  ///   assignment, the array is writable and the value broadcasts to the
  ///   selection.
  /// - Complexity: O(*rank*); no copy. Assignment is O(*n*).
  @inlinable @inline(__always)
  public subscript<A: NDIndexConvertible>(_ a: A) -> NDArray {
    get { NDArray(unchecked: view[a]) }
    nonmutating set { view.assign(newValue.view, to: view[a]) }
  }

  /// A view selected by two subscript entries; see the one-entry subscript.
  @inlinable @inline(__always)
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible>(_ a: A, _ b: B) -> NDArray {
    get { NDArray(unchecked: view[a, b]) }
    nonmutating set { view.assign(newValue.view, to: view[a, b]) }
  }

  /// A view selected by three subscript entries.
  @inlinable @inline(__always)
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible, C: NDIndexConvertible>(
    _ a: A, _ b: B, _ c: C
  ) -> NDArray {
    get { NDArray(unchecked: view[a, b, c]) }
    nonmutating set { view.assign(newValue.view, to: view[a, b, c]) }
  }

  /// A view selected by four subscript entries.
  @inlinable @inline(__always)
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible, C: NDIndexConvertible, D: NDIndexConvertible>(
    _ a: A, _ b: B, _ c: C, _ d: D
  ) -> NDArray {
    get { NDArray(unchecked: view[a, b, c, d]) }
    nonmutating set { view.assign(newValue.view, to: view[a, b, c, d]) }
  }

  /// A view selected by any number of basic subscript entries.
  @inlinable
  public subscript(entries entries: [NDIndex]) -> NDArray {
    get { NDArray(unchecked: view[entries: entries]) }
    nonmutating set { view.assign(newValue.view, to: view[entries: entries]) }
  }

  /// The whole array: `a[...]`.
  @inlinable
  public subscript(_: UnboundedRange) -> NDArray { self }

  /// The array with its axes reversed: `a.T`.
  @inlinable @inline(__always)
  public func transposed() -> NDArray { NDArray(unchecked: view.transposed()) }

  /// The array with its axes reordered: `np.transpose(a, axes)`.
  @inlinable
  public func permuted(_ axes: Dimensions) -> NDArray { NDArray(unchecked: view.permuted(axes)) }

  /// The array with two axes exchanged: `np.swapaxes`.
  @inlinable
  public func swappingAxes(_ first: Int, _ second: Int) -> NDArray {
    NDArray(unchecked: view.swappingAxes(first, second))
  }

  /// The array with one axis moved: `np.moveaxis`.
  @inlinable
  public func movingAxis(from source: Int, to destination: Int) -> NDArray {
    NDArray(unchecked: view.movingAxis(from: source, to: destination))
  }

  /// The array reversed along one axis: `np.flip(a, axis)`.
  @inlinable
  public func flipped(axis: Int) -> NDArray { NDArray(unchecked: view.flipped(axis: axis)) }

  /// The array reversed along every axis: `np.flip(a)`.
  @inlinable
  public func flipped() -> NDArray { NDArray(unchecked: view.flipped()) }

  /// The same elements under a new shape, as a view; throws rather than
  /// copy. See ``NDView/reshaped(to:order:)``.
  @inlinable @inline(__always)
  public func reshaped(to shape: Dimensions, order: MemoryOrder = .c) throws(ViewError) -> NDArray {
    NDArray(unchecked: try view.reshaped(to: shape, order: order))
  }

  /// A reshaped copy. See ``NDView/reshapedCopy(to:order:)``.
  @inlinable
  public func reshapedCopy(to shape: Dimensions, order: MemoryOrder = .c) throws(ViewError) -> NDArray {
    NDArray(unchecked: try view.reshapedCopy(to: shape, order: order))
  }

  /// The array stretched to a shape, read-only: `np.broadcast_to`.
  @inlinable
  public func broadcast(to shape: Dimensions) throws(ViewError) -> NDArray {
    NDArray(unchecked: try view.broadcast(to: shape))
  }

  /// The array without its axes of length 1: `np.squeeze(a)`.
  @inlinable
  public func squeezed() -> NDArray { NDArray(unchecked: view.squeezed()) }

  /// The array without one axis of length 1: `np.squeeze(a, axis)`.
  @inlinable
  public func squeezed(axis: Int) -> NDArray { NDArray(unchecked: view.squeezed(axis: axis)) }

  /// The array with a new axis of length 1: `np.expand_dims`.
  @inlinable
  public func expandingDimensions(at axis: Int) -> NDArray {
    NDArray(unchecked: view.expandingDimensions(at: axis))
  }

  /// A diagonal as a view: `np.diagonal`.
  @inlinable
  public func diagonal(offset: Int = 0, axis1: Int = 0, axis2: Int = 1) -> NDArray {
    NDArray(unchecked: view.diagonal(offset: offset, axis1: axis1, axis2: axis2))
  }

  /// The same array, read-only.
  @inlinable
  public func asReadOnly() -> NDArray { NDArray(unchecked: view.asReadOnly()) }

  /// A view with any shape and strides inside the storage: `as_strided`.
  @inlinable
  public func asStrided(shape: Dimensions, strides: Dimensions, byteOffset: Int? = nil) throws(ViewError)
    -> NDArray
  {
    NDArray(unchecked: try view.asStrided(shape: shape, strides: strides, byteOffset: byteOffset))
  }

  /// The same bytes as elements of another type; the last axis grows or
  /// shrinks when the sizes differ. NumPy: `a.view(dtype)`.
  ///
  /// - Throws: ``ViewError/invalidCast(_:)`` as ``NDView/reinterpreted(as:)``.
  public func reinterpreted<T: NDElement>(as _: T.Type) throws(ViewError) -> NDArray<T> {
    NDArray<T>(unchecked: try view.reinterpreted(as: T.format))
  }

  /// A copy in new, writable storage, contiguous in `order`.
  ///
  /// - Complexity: O(*n*).
  public func copy(order: MemoryOrder = .c) -> NDArray {
    NDArray(unchecked: view.copy(order: order))
  }

  /// Copies the elements into another array of the same element type,
  /// broadcasting this array to its shape; overlap-safe.
  ///
  /// - Precondition: The destination is writable and this array broadcasts
  ///   to its shape.
  /// - Complexity: O(*n*).
  public func copy(into destination: NDArray) {
    do {
      try view.copy(into: destination.view)
    } catch {
      preconditionFailure("NDArray.copy(into:): \(error)")
    }
  }
}
