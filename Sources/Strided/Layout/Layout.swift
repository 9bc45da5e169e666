/// The shape and byte strides of a view: pure arithmetic, no memory access.
///
/// Every address Strided computes comes from ``offset(of:)`` on a layout whose
/// reach was checked against its storage by ``validate(itemSize:byteOffset:storageCount:)``.
@usableFromInline
struct Layout: Sendable, Hashable {
  @usableFromInline var shape: Dimensions
  @usableFromInline var strides: Dimensions

  @inlinable
  init(shape: Dimensions, strides: Dimensions) {
    self.shape = shape
    self.strides = strides
  }

  @inlinable var rank: Int { shape.count }

  /// The number of elements. Valid only on a checked layout.
  @inlinable var count: Int { shape.product }

  /// The C-ordered (row-major) strides of a shape. Axes of length 0 count as
  /// length 1, so the strides stay meaningful and never overflow.
  @inlinable
  static func cStrides(for shape: Dimensions, itemSize: Int) -> Dimensions {
    var strides = shape
    var step = itemSize
    var axis = shape.count - 1
    while axis >= 0 {
      strides[axis] = step
      step &*= Swift.max(shape[axis], 1)
      axis -= 1
    }
    return strides
  }

  /// The F-ordered (column-major) strides of a shape.
  @inlinable
  static func fStrides(for shape: Dimensions, itemSize: Int) -> Dimensions {
    var strides = shape
    var step = itemSize
    for axis in 0..<shape.count {
      strides[axis] = step
      step &*= Swift.max(shape[axis], 1)
    }
    return strides
  }

  /// A contiguous layout of a shape in the given order, checked for negative
  /// sizes and for a byte count that overflows.
  static func contiguous(shape: Dimensions, itemSize: Int, order: MemoryOrder) throws(ViewError) -> Layout {
    let count = try checkedCount(shape)
    if count.multipliedReportingOverflow(by: itemSize).overflow {
      throw .sizeOverflow(shape: shape.array)
    }
    let strides = order == .c ? cStrides(for: shape, itemSize: itemSize) : fStrides(for: shape, itemSize: itemSize)
    return Layout(shape: shape, strides: strides)
  }

  /// The element count of a shape, checking for negative sizes and overflow.
  static func checkedCount(_ shape: Dimensions) throws(ViewError) -> Int {
    guard shape.count <= NDView.maximumRank else { throw .tooManyDimensions(shape.count) }
    var count = 1
    var overflowed = false
    for (axis, size) in shape.enumerated() {
      guard size >= 0 else { throw .negativeDimension(axis: axis, size: size) }
      let (product, overflow) = count.multipliedReportingOverflow(by: size)
      overflowed = overflowed || overflow
      count = product
    }
    // A zero anywhere makes the count 0 even when other sizes overflow.
    if shape.contains(0) { return 0 }
    if overflowed { throw .sizeOverflow(shape: shape.array) }
    return count
  }

  /// The byte range the layout reaches from its first element, as offsets
  /// relative to that element: `low <= 0 < high`. `nil` for an empty layout.
  func reach(itemSize: Int) throws(ViewError) -> (low: Int, high: Int)? {
    var low = 0
    var high = itemSize
    for axis in 0..<rank {
      let size = shape[axis]
      if size == 0 { return nil }
      let (span, o1) = strides[axis].multipliedReportingOverflow(by: size - 1)
      if o1 { throw .sizeOverflow(shape: shape.array) }
      let (next, o2) = span < 0 ? low.addingReportingOverflow(span) : high.addingReportingOverflow(span)
      if o2 { throw .sizeOverflow(shape: shape.array) }
      if span < 0 { low = next } else { high = next }
    }
    return (low, high)
  }

  /// Checks a layout before a view over it exists: at most
  /// ``NDView/maximumRank`` axes, matching ranks, no negative sizes, no
  /// overflow, and every reachable byte inside `0..<storageCount`.
  func validate(itemSize: Int, byteOffset: Int, storageCount: Int) throws(ViewError) {
    guard shape.count == strides.count else {
      throw .rankMismatch(shape: shape.count, strides: strides.count)
    }
    let count = try Self.checkedCount(shape)
    guard itemSize > 0 else { throw .invalidItemSize(itemSize, formatSize: itemSize) }
    if itemSize.multipliedReportingOverflow(by: count).overflow {
      throw .sizeOverflow(shape: shape.array)
    }
    guard let (low, high) = try reach(itemSize: itemSize) else {
      // An empty view reaches nothing, but its offset must still be sane.
      guard byteOffset >= 0 && byteOffset <= storageCount else {
        throw .outOfBounds(low: byteOffset, high: byteOffset, storageCount: storageCount)
      }
      return
    }
    let (first, o1) = byteOffset.addingReportingOverflow(low)
    let (end, o2) = byteOffset.addingReportingOverflow(high)
    if o1 || o2 { throw .sizeOverflow(shape: shape.array) }
    guard first >= 0 && end <= storageCount else {
      throw .outOfBounds(low: first, high: end, storageCount: storageCount)
    }
  }

  /// The byte offset of an element from the first element.
  ///
  /// - Precondition: `indices` has one in-range index per axis; callers check.
  @inlinable
  func offset(of indices: Dimensions) -> Int {
    var offset = 0
    for axis in 0..<rank { offset &+= indices[axis] &* strides[axis] }
    return offset
  }

  // MARK: Contiguity (CPython's rules: axes of length 1 are ignored, and an
  // empty layout is contiguous)

  func isCContiguous(itemSize: Int) -> Bool {
    if shape.contains(0) { return true }
    var expected = itemSize
    var axis = rank - 1
    while axis >= 0 {
      let size = shape[axis]
      if size > 1 && strides[axis] != expected { return false }
      expected &*= size
      axis -= 1
    }
    return true
  }

  func isFContiguous(itemSize: Int) -> Bool {
    if shape.contains(0) { return true }
    var expected = itemSize
    for axis in 0..<rank {
      let size = shape[axis]
      if size > 1 && strides[axis] != expected { return false }
      expected &*= size
    }
    return true
  }

  /// Whether every stride of an axis longer than 1 is a multiple of
  /// `alignment` (NumPy's rule; an empty layout is aligned).
  func stridesAreAligned(to alignment: Int) -> Bool {
    guard alignment > 1 else { return true }
    if shape.contains(0) { return true }
    for axis in 0..<rank where shape[axis] > 1 && strides[axis] % alignment != 0 {
      return false
    }
    return true
  }
}
