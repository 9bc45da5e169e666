/// An N-dimensional strided view of shared bytes, described by a PEP 3118
/// format: a `Py_buffer` you can slice.
///
/// A view holds its ``storage``, the ``byteOffset`` of its first element,
/// a ``shape``, byte ``strides`` (negative and zero included), the
/// ``format`` of one item, the ``itemSize`` and whether it is read-only.
/// Slicing, transposing, reshaping, broadcasting and reinterpreting make new
/// views of the same bytes in constant time; none of them copies.
///
/// ```swift
/// let storage = ByteStorage(count: 6 * 8)
/// let m = try NDView(storage: storage, format: "d", shape: [2, 3])
/// m.strides                      // [24, 8]
/// m.transposed().strides         // [8, 24]
/// m[.all, .slice(by: -1)].strides  // [24, -8]
/// ```
///
/// Every initializer validates before the view exists: sizes are
/// non-negative, counts and byte extents do not overflow, and every
/// reachable byte, negative strides counted, lies inside the storage.
/// Operations that depend on data throw ``ViewError``; misuse that is a
/// programmer error, such as an index out of range, traps with a message.
///
/// For typed element access and numeric work, wrap a view in ``NDArray``.
public struct NDView: Sendable {
  /// The most dimensions a view can have (NumPy's and CPython's limit).
  public static let maximumRank = 64

  /// The shared bytes this view looks into.
  public let storage: ByteStorage
  /// The layout of one item.
  public let format: Format
  // The rest is plain data, so that making, copying and dropping a view of up
  // to four dimensions costs no more than a reference to `storage` (and one
  // to a record format's node), which the optimizer removes when the source
  // view outlives the new one:
  // - `header`: the byte offset, the item size, the rank and the read-only flag;
  // - `axes`: the sizes and strides of up to four axes (see `Layout`);
  // - `large`: the sizes and strides of more axes, `nil` otherwise.
  // Keep these five stored properties: with more, the compiler no longer
  // handles a view as a plain value, and every view costs several times more.
  @usableFromInline let header: SIMD4<Int>
  @usableFromInline let axes: SIMD8<Int>
  @usableFromInline let large: Layout.Large?

  /// Makes a view from its stored parts without checking it.
  @inlinable @inline(__always)
  init(storage: ByteStorage, format: Format, header: SIMD4<Int>, axes: SIMD8<Int>, large: Layout.Large?) {
    self.storage = storage
    self.format = format
    self.header = header
    self.axes = axes
    self.large = large
  }

  /// Makes a view without checking it.
  ///
  /// - Precondition: The caller derived `layout` and `byteOffset` from a
  ///   validated view by an operation that cannot leave its reach.
  @inlinable @inline(__always)
  init(
    unchecked storage: ByteStorage, format: Format, itemSize: Int, byteOffset: Int,
    layout: Layout, isReadOnly: Bool
  ) {
    self.init(
      storage: storage, format: format,
      header: SIMD4(byteOffset, itemSize, layout.rank, isReadOnly ? 1 : 0),
      axes: layout.axes, large: layout.large)
  }

  /// The offset in bytes, from the start of the storage, of the element
  /// whose indices are all zero.
  @inlinable public var byteOffset: Int { header[0] }

  /// The number of bytes from one item to the next along a contiguous
  /// axis. At least `format.itemSize`; an exporter may leave trailing
  /// padding out of the format.
  @inlinable public var itemSize: Int { header[1] }

  /// Whether writing through this view is forbidden.
  @inlinable public var isReadOnly: Bool { header[3] != 0 }

  /// The shape and strides.
  @inlinable var layout: Layout { Layout(axes: axes, rank: header[2], large: large) }

  /// Makes a view of existing storage.
  ///
  /// - Parameters:
  ///   - storage: The bytes to view.
  ///   - format: The layout of one item.
  ///   - shape: The size of each axis.
  ///   - strides: The byte step along each axis; `nil` for C order.
  ///   - byteOffset: The offset of the first element in the storage.
  ///   - itemSize: The size of one item; `nil` for `format.itemSize`.
  ///   - readOnly: `true` for a read-only view, `false` for a writable
  ///     one, `nil` (the default) to follow the storage.
  /// - Throws: ``ViewError`` when the shape is negative or too large, the
  ///   ranks differ, the item size is smaller than the format's, a
  ///   reachable byte lies outside the storage, or a writable view is asked
  ///   of read-only storage.
  /// - Complexity: O(*rank*).
  public init(
    storage: ByteStorage, format: Format, shape: Dimensions, strides: Dimensions? = nil,
    byteOffset: Int = 0, itemSize: Int? = nil, readOnly: Bool? = nil
  ) throws(ViewError) {
    let itemSize = itemSize ?? format.itemSize
    guard itemSize > 0, itemSize >= format.itemSize else {
      throw .invalidItemSize(itemSize, formatSize: format.itemSize)
    }
    guard shape.count <= Self.maximumRank else { throw .tooManyDimensions(shape.count) }
    if let strides, strides.count != shape.count {
      throw .rankMismatch(shape: shape.count, strides: strides.count)
    }
    if readOnly == false && storage.isReadOnly { throw .readOnlyStorage }
    let layout = Layout(shape: shape, strides: strides ?? Layout.cStrides(for: shape, itemSize: itemSize))
    try layout.validate(itemSize: itemSize, byteOffset: byteOffset, storageCount: storage.count)
    self.init(
      unchecked: storage, format: format, itemSize: itemSize, byteOffset: byteOffset,
      layout: layout, isReadOnly: readOnly ?? storage.isReadOnly)
  }

  /// Allocates zero-filled storage and views it in the given order.
  ///
  /// NumPy: `np.zeros(shape, dtype)`.
  ///
  /// - Throws: ``ViewError`` when the shape is negative or too large, or
  ///   ``ViewError/outOfMemory(byteCount:)`` when the system cannot provide
  ///   the memory.
  /// - Complexity: O(*n*) for the allocation.
  public init(format: Format, shape: Dimensions, order: MemoryOrder = .c) throws(ViewError) {
    let itemSize = format.itemSize
    guard itemSize > 0 else { throw .invalidItemSize(itemSize, formatSize: itemSize) }
    let layout = try Layout.contiguous(shape: shape, itemSize: itemSize, order: order)
    let byteCount = layout.count * itemSize
    let storage: ByteStorage
    do { storage = try ByteStorage(zeroedCount: byteCount) } catch { throw .outOfMemory(byteCount: byteCount) }
    self.init(
      unchecked: storage, format: format, itemSize: itemSize, byteOffset: 0, layout: layout, isReadOnly: false)
  }

  /// A view over new storage with undefined contents, for results that are
  /// written in full at once. The shape is checked first.
  ///
  /// - Throws: ``ViewError`` for a bad shape, or
  ///   ``ViewError/outOfMemory(byteCount:)``.
  @usableFromInline
  static func uninitialized(
    shape: Dimensions, format: Format, itemSize: Int? = nil, order: MemoryOrder
  ) throws(ViewError) -> NDView {
    let itemSize = itemSize ?? format.itemSize
    let layout = try Layout.contiguous(shape: shape, itemSize: itemSize, order: order)
    let byteCount = layout.count * itemSize
    guard let storage = ByteStorage(tryingUninitializedCount: byteCount) else { throw .outOfMemory(byteCount: byteCount) }
    return NDView(
      unchecked: storage, format: format, itemSize: itemSize, byteOffset: 0, layout: layout, isReadOnly: false)
  }

  /// The same view with another layout and offset, checked against the
  /// storage.
  func checked(layout: Layout, byteOffset: Int, isReadOnly: Bool? = nil) throws(ViewError) -> NDView {
    try layout.validate(itemSize: itemSize, byteOffset: byteOffset, storageCount: storage.count)
    return NDView(
      unchecked: storage, format: format, itemSize: itemSize, byteOffset: byteOffset,
      layout: layout, isReadOnly: isReadOnly ?? self.isReadOnly)
  }

  /// The same view with another layout and offset that the caller derived
  /// so that it cannot reach outside this view's bytes.
  @inlinable @inline(__always)
  func derived(layout: Layout, byteOffset: Int) -> NDView {
    derived(axes: layout.axes, rank: layout.rank, large: layout.large, byteOffset: byteOffset)
  }

  /// The same view with another layout, given as its parts, and offset.
  @inlinable @inline(__always)
  func derived(axes: SIMD8<Int>, rank: Int, large: Layout.Large?, byteOffset: Int) -> NDView {
    var header = self.header
    header[2] = rank
    if !Layout.isEmpty(axes: axes, rank: rank, large: large) { header[0] = byteOffset }
    return NDView(storage: storage, format: format, header: header, axes: axes, large: large)
  }
}

// MARK: - Properties

extension NDView {
  /// The size of each axis.
  @inlinable public var shape: Dimensions { layout.shape }

  /// The number of bytes from one element to the next along each axis.
  /// Negative strides walk backwards; a zero stride repeats one element.
  @inlinable public var strides: Dimensions { layout.strides }

  /// The number of dimensions (axes).
  @inlinable public var ndim: Int { header[2] }

  /// The number of elements: the product of the shape, 1 for a 0-d view.
  @inlinable public var count: Int { layout.count }

  /// The number of bytes the elements would take if stored contiguously:
  /// `count * itemSize`.
  @inlinable public var nbytes: Int { layout.count * itemSize }

  /// Whether the elements lie in C order with no gaps (CPython's rule: axes
  /// of length 1 are ignored, and an empty view is contiguous).
  public var isCContiguous: Bool { layout.isCContiguous(itemSize: itemSize) }

  /// Whether the elements lie in Fortran order with no gaps.
  public var isFContiguous: Bool { layout.isFContiguous(itemSize: itemSize) }

  /// Whether the view is C- or Fortran-contiguous.
  public var isContiguous: Bool { isCContiguous || isFContiguous }

  /// Whether every element starts at an address that is a multiple of
  /// `format.alignment`: the first element's address and every stride of an
  /// axis longer than 1 (NumPy's rule).
  public var isAligned: Bool {
    let alignment = format.alignment
    guard alignment > 1 else { return true }
    return (storage.address &+ byteOffset) % alignment == 0 && layout.stridesAreAligned(to: alignment)
  }
}

extension NDView: CustomStringConvertible {
  public var description: String {
    "NDView(format: \(format), shape: \(shape), strides: \(strides), byteOffset: \(byteOffset)"
      + (itemSize != format.itemSize ? ", itemSize: \(itemSize)" : "")
      + (isReadOnly ? ", read-only)" : ")")
  }
}
