/// An N-dimensional strided array of one element type: the typed view used
/// for numeric work.
///
/// An `NDArray` is a typed ``NDView``: it shares its storage with every
/// other view of the same bytes, and its view operations (slicing,
/// transposing, reshaping, broadcasting) make new arrays of the same
/// elements in constant time without copying. Writing an element through
/// any view is seen through all of them, as in NumPy.
///
/// ```swift
/// let m: NDArray<Double> = [[1, 2, 3], [4, 5, 6]]
/// m[1]                       // [4. 5. 6.]: row 1, a view
/// m[item: 1, 2]              // 6.0: one element
/// m.transposed().shape       // [3, 2]
/// m[.all, .slice(by: -1)]    // [[3. 2. 1.]
///                            //  [6. 5. 4.]]
/// m[item: 0, 0] = 10         // visible through every view of m
/// m[0] = [7, 8, 9]           // writes row 0
/// for row in m { print(row) }  // the rows, as NumPy iterates
/// ```
///
/// Subscripts select as NumPy's do: integers, ranges, slices,
/// ``NDIndex/newAxis`` and ``NDIndex/ellipsis`` give views (fewer integers
/// than axes select a sub-array), index arrays and masks give copies, and
/// every subscript can be assigned. One element is read or written with
/// `item:` and one integer per axis (negative ones count from the end), as
/// fast as a pointer. An index out of range, or the wrong number of
/// indices for `item:`, traps with a message, as `Array` does.
public struct NDArray<Element: NDElement>: Sendable {
  /// The untyped view of the same elements.
  public let view: NDView

  /// Wraps a view the caller knows to hold `Element`s.
  @inlinable
  init(unchecked view: NDView) {
    self.view = view
  }

  /// Wraps a view whose format holds `Element`s in the machine's byte order.
  ///
  /// - Throws: ``ViewError/elementTypeMismatch(expected:format:itemSize:)``
  ///   when the format is not the element's scalar kind (a `c` view is
  ///   accepted as `UInt8`), is in the other byte order (convert it with
  ///   ``NDView/nativeByteOrderCopy(order:)``), or the item size differs
  ///   from the element's size.
  public init(_ view: NDView) throws(ViewError) {
    guard case .scalar(let kind, let order) = view.format.kind, Element.accepts(kind),
      order.isNative || !kind.hasByteOrder,
      view.itemSize == MemoryLayout<Element>.size
    else {
      throw .elementTypeMismatch(
        expected: "\(Element.self)", format: view.format.description, itemSize: view.itemSize)
    }
    self.view = view
  }

  /// The size of each axis.
  @inlinable public var shape: Dimensions { view.shape }
  /// The number of bytes from one element to the next along each axis.
  @inlinable public var strides: Dimensions { view.strides }
  /// The number of dimensions.
  @inlinable public var ndim: Int { view.ndim }
  /// The number of elements.
  @inlinable public var count: Int { view.count }
  /// Whether writing through this array is forbidden.
  @inlinable public var isReadOnly: Bool { view.isReadOnly }
  /// Whether the elements lie in C order with no gaps.
  public var isCContiguous: Bool { view.isCContiguous }
  /// Whether the elements lie in Fortran order with no gaps.
  public var isFContiguous: Bool { view.isFContiguous }
  /// Whether the array is C- or Fortran-contiguous.
  public var isContiguous: Bool { view.isContiguous }
  /// The shared bytes.
  public var storage: ByteStorage { view.storage }
}

// MARK: - Element access

extension NDArray {
  /// The byte offset in the storage of the element at `i` along `axis`
  /// (negative `i` counts from the end), after a bounds check.
  @inlinable
  func offset(_ i: Int, axis: Int) -> Int {
    let size = view.layout.size(axis)
    let index = i < 0 ? i &+ size : i
    precondition(
      index >= 0 && index < size,
      "NDArray subscript: index \(i) is out of range for axis \(axis) of size \(size)")
    return index &* view.layout.stride(axis)
  }

  @inlinable
  func checkRank(_ n: Int) {
    precondition(
      view.layout.rank == n,
      "NDArray subscript(item:): \(n) indices for an array of \(view.layout.rank) dimensions (a[i] selects a sub-array)")
  }

  @inlinable
  func checkWritable() {
    precondition(!view.isReadOnly, "NDArray subscript: cannot write through a read-only array")
  }

  @inlinable
  func load(at offset: Int) -> Element {
    view.storage.load(Element.self, at: view.byteOffset &+ offset)
  }

  @inlinable
  func store(_ value: Element, at offset: Int) {
    checkWritable()
    view.storage.store(value, at: view.byteOffset &+ offset)
  }

  /// The element of a 0-d array.
  ///
  /// - Precondition: The array has no axes; the setter needs a writable array.
  @inlinable
  public subscript() -> Element {
    get {
      checkRank(0)
      return load(at: 0)
    }
    nonmutating set {
      checkRank(0)
      store(newValue, at: 0)
    }
  }

  /// The element at `i` of a one-dimensional array: NumPy's `a.item(i)`
  /// and `a[i] = x`.
  ///
  /// - Precondition: The array has one axis and `-count <= i < count`; the
  ///   setter needs a writable array.
  @inlinable
  public subscript(item i: Int) -> Element {
    get {
      checkRank(1)
      return load(at: offset(i, axis: 0))
    }
    nonmutating set {
      checkRank(1)
      store(newValue, at: offset(i, axis: 0))
    }
  }

  /// The element at row `i`, column `j` of a two-dimensional array:
  /// NumPy's `a.item(i, j)` and `a[i, j] = x`.
  ///
  /// - Precondition: The array has two axes and both indices are in range;
  ///   the setter needs a writable array.
  @inlinable
  public subscript(item i: Int, j: Int) -> Element {
    get {
      checkRank(2)
      return load(at: offset(i, axis: 0) &+ offset(j, axis: 1))
    }
    nonmutating set {
      checkRank(2)
      store(newValue, at: offset(i, axis: 0) &+ offset(j, axis: 1))
    }
  }

  /// The element at `(i, j, k)` of a three-dimensional array.
  ///
  /// - Precondition: The array has three axes and the indices are in range;
  ///   the setter needs a writable array.
  @inlinable
  public subscript(item i: Int, j: Int, k: Int) -> Element {
    get {
      checkRank(3)
      return load(at: offset(i, axis: 0) &+ offset(j, axis: 1) &+ offset(k, axis: 2))
    }
    nonmutating set {
      checkRank(3)
      store(newValue, at: offset(i, axis: 0) &+ offset(j, axis: 1) &+ offset(k, axis: 2))
    }
  }

  /// The element at `(i, j, k, l)` of a four-dimensional array.
  ///
  /// - Precondition: The array has four axes and the indices are in range;
  ///   the setter needs a writable array.
  @inlinable
  public subscript(item i: Int, j: Int, k: Int, l: Int) -> Element {
    get {
      checkRank(4)
      return load(at: offset(i, axis: 0) &+ offset(j, axis: 1) &+ offset(k, axis: 2) &+ offset(l, axis: 3))
    }
    nonmutating set {
      checkRank(4)
      store(newValue, at: offset(i, axis: 0) &+ offset(j, axis: 1) &+ offset(k, axis: 2) &+ offset(l, axis: 3))
    }
  }

  /// The element at one index per axis, for any number of axes: NumPy's
  /// `a.item(*indices)`.
  ///
  /// - Precondition: There is one in-range index per axis; the setter needs
  ///   a writable array.
  @inlinable
  public subscript(item indices: Dimensions) -> Element {
    get {
      checkRank(indices.count)
      var total = 0
      for axis in 0..<indices.count { total &+= offset(indices[axis], axis: axis) }
      return load(at: total)
    }
    nonmutating set {
      checkRank(indices.count)
      var total = 0
      for axis in 0..<indices.count { total &+= offset(indices[axis], axis: axis) }
      store(newValue, at: total)
    }
  }
}
