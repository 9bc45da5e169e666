/// The shape and byte strides of a view: pure arithmetic, no memory access.
///
/// Every address Strided computes comes from ``offset(of:)`` on a layout whose
/// reach was checked against its storage by ``validate(itemSize:byteOffset:storageCount:)``.
///
/// Up to four axes are plain data held inline (sizes in `values[0..<4]`,
/// strides in `values[4..<8]`), so views of up to four dimensions are made,
/// copied and dropped without allocating or reference counting; more axes
/// move to a shared heap object.
@usableFromInline
struct Layout: Sendable {
  @usableFromInline
  enum Storage: Sendable {
    case small(rank: Int, values: InlineArray<8, Int>)
    case large(Large)
  }

  @usableFromInline var storage: Storage

  @usableFromInline static var inlineRank: Int { 4 }

  /// The sizes and strides of a layout with more than ``inlineRank`` axes.
  @usableFromInline
  final class Large: Sendable {
    @usableFromInline let shape: [Int]
    @usableFromInline let strides: [Int]

    @usableFromInline
    init(shape: [Int], strides: [Int]) {
      self.shape = shape
      self.strides = strides
    }
  }

  @inlinable
  init(storage: Storage) {
    self.storage = storage
  }

  /// A layout with no axes (a single element), to be grown with ``append(size:stride:)``.
  @inlinable
  init() {
    storage = .small(rank: 0, values: InlineArray(repeating: 0))
  }

  /// A layout from sizes and strides.
  ///
  /// - Precondition: `shape.count == strides.count`; callers check.
  @inlinable
  init(shape: Dimensions, strides: Dimensions) {
    let n = Swift.min(shape.count, strides.count)
    if n <= Self.inlineRank {
      var values = InlineArray<8, Int>(repeating: 0)
      for axis in 0..<n {
        values[axis] = shape[axis]
        values[4 &+ axis] = strides[axis]
      }
      storage = .small(rank: n, values: values)
    } else {
      storage = .large(Large(shape: Array(shape.prefix(n)), strides: Array(strides.prefix(n))))
    }
  }

  /// The contiguous layout of a shape in `order`. Axes of length 0 count as
  /// length 1 for the strides, so they stay meaningful and never overflow.
  @inlinable
  static func contiguousLayout(_ shape: Dimensions, itemSize: Int, order: MemoryOrder) -> Layout {
    let n = shape.count
    guard n <= inlineRank else {
      let strides = order == .c ? cStrides(for: shape, itemSize: itemSize) : fStrides(for: shape, itemSize: itemSize)
      return Layout(shape: shape, strides: strides)
    }
    var sizes = InlineArray<4, Int>(repeating: 0)
    for axis in 0..<n { sizes[axis] = shape[axis] }
    return contiguousLayout(rank: n, sizes: sizes, itemSize: itemSize, order: order)
  }

  /// The contiguous layout of at most four axes whose sizes are given inline.
  @inlinable @inline(__always)
  static func contiguousLayout(rank n: Int, sizes: InlineArray<4, Int>, itemSize: Int, order: MemoryOrder)
    -> Layout
  {
    var values = InlineArray<8, Int>(repeating: 0)
    var step = itemSize
    for i in 0..<n {
      let axis = order == .c ? n &- 1 &- i : i
      let size = sizes[axis]
      values[axis] = size
      values[4 &+ axis] = step
      step &*= Swift.max(size, 1)
    }
    return Layout(storage: .small(rank: n, values: values))
  }

  /// The number of axes.
  @inlinable @inline(__always)
  var rank: Int {
    switch storage {
    case .small(let rank, _): rank
    case .large(let large): large.shape.count
    }
  }

  /// The size of an axis.
  @inlinable @inline(__always)
  func size(_ axis: Int) -> Int {
    switch storage {
    case .small(_, let values): values[axis]
    case .large(let large): large.shape[axis]
    }
  }

  /// The byte stride of an axis.
  @inlinable @inline(__always)
  func stride(_ axis: Int) -> Int {
    switch storage {
    case .small(_, let values): values[4 &+ axis]
    case .large(let large): large.strides[axis]
    }
  }

  /// Adds an axis after the last one.
  @inlinable @inline(__always)
  mutating func append(size: Int, stride: Int) {
    if case .small(let rank, var values) = storage, rank < Self.inlineRank {
      values[rank] = size
      values[4 &+ rank] = stride
      storage = .small(rank: rank &+ 1, values: values)
    } else {
      appendLarge(size: size, stride: stride)
    }
  }

  @usableFromInline @inline(never)
  mutating func appendLarge(size: Int, stride: Int) {
    var shape = self.shape.array
    var strides = self.strides.array
    shape.append(size)
    strides.append(stride)
    storage = .large(Large(shape: shape, strides: strides))
  }

  /// Sets the size and stride of an existing axis.
  @inlinable
  mutating func set(_ axis: Int, size: Int, stride: Int) {
    switch storage {
    case .small(let rank, var values):
      values[axis] = size
      values[4 &+ axis] = stride
      storage = .small(rank: rank, values: values)
    case .large(let large):
      var shape = large.shape
      var strides = large.strides
      shape[axis] = size
      strides[axis] = stride
      storage = .large(Large(shape: shape, strides: strides))
    }
  }

  /// The sizes of the axes.
  @inlinable
  var shape: Dimensions {
    switch storage {
    case .small(let rank, let values):
      var sizes = InlineArray<4, Int>(repeating: 0)
      for axis in 0..<rank { sizes[axis] = values[axis] }
      return Dimensions(_storage: .inline(count: rank, values: sizes))
    case .large(let large):
      return Dimensions(large.shape)
    }
  }

  /// The byte strides of the axes.
  @inlinable
  var strides: Dimensions {
    switch storage {
    case .small(let rank, let values):
      var steps = InlineArray<4, Int>(repeating: 0)
      for axis in 0..<rank { steps[axis] = values[4 &+ axis] }
      return Dimensions(_storage: .inline(count: rank, values: steps))
    case .large(let large):
      return Dimensions(large.strides)
    }
  }

  /// The number of elements. Valid only on a checked layout.
  @inlinable @inline(__always)
  var count: Int {
    switch storage {
    case .small(let rank, let values):
      var product = 1
      for axis in 0..<rank { product &*= values[axis] }
      return product
    case .large(let large):
      return large.shape.reduce(1, &*)
    }
  }

  /// Whether some axis has length 0.
  @inlinable @inline(__always)
  var isEmpty: Bool {
    for axis in 0..<rank where size(axis) == 0 { return true }
    return false
  }

  /// The axes in reverse order.
  @inlinable @inline(__always)
  func reversedAxes() -> Layout {
    guard case .small(let rank, let values) = storage else { return reversedLarge() }
    var reversed = values
    for axis in 0..<rank {
      reversed[axis] = values[rank &- 1 &- axis]
      reversed[4 &+ axis] = values[4 &+ rank &- 1 &- axis]
    }
    var result = self
    result.storage = .small(rank: rank, values: reversed)
    return result
  }

  @usableFromInline @inline(never)
  func reversedLarge() -> Layout {
    guard case .large(let large) = storage else { return self }
    var result = self
    result.storage = .large(Large(shape: large.shape.reversed(), strides: large.strides.reversed()))
    return result
  }

  /// The layout without one axis.
  func removing(_ removed: Int) -> Layout {
    var result = Layout()
    for axis in 0..<rank where axis != removed {
      result.append(size: size(axis), stride: stride(axis))
    }
    return result
  }

  /// The layout with a new axis inserted before `position`.
  func inserting(size: Int, stride: Int, at position: Int) -> Layout {
    precondition(position >= 0 && position <= rank, "Layout.inserting: position \(position) out of range 0...\(rank)")
    var result = Layout()
    for axis in 0...rank {
      if axis == position { result.append(size: size, stride: stride) }
      if axis < rank { result.append(size: self.size(axis), stride: self.stride(axis)) }
    }
    return result
  }

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
    return contiguousLayout(shape, itemSize: itemSize, order: order)
  }

  /// The element count of a shape, checking for negative sizes and overflow.
  static func checkedCount(_ shape: Dimensions) throws(ViewError) -> Int {
    guard shape.count <= NDView.maximumRank else { throw .tooManyDimensions(shape.count) }
    var count = 1
    var overflowed = false
    for axis in 0..<shape.count {
      let size = shape[axis]
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
    if isEmpty { return nil }
    for axis in 0..<rank {
      let size = self.size(axis)
      let (span, o1) = stride(axis).multipliedReportingOverflow(by: size - 1)
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
    for axis in 0..<rank { offset &+= indices[axis] &* stride(axis) }
    return offset
  }

  // MARK: Contiguity (CPython's rules: axes of length 1 are ignored, and an
  // empty layout is contiguous)

  func isCContiguous(itemSize: Int) -> Bool {
    if isEmpty { return true }
    var expected = itemSize
    var axis = rank - 1
    while axis >= 0 {
      let size = self.size(axis)
      if size > 1 && stride(axis) != expected { return false }
      expected &*= size
      axis -= 1
    }
    return true
  }

  func isFContiguous(itemSize: Int) -> Bool {
    if isEmpty { return true }
    var expected = itemSize
    for axis in 0..<rank {
      let size = self.size(axis)
      if size > 1 && stride(axis) != expected { return false }
      expected &*= size
    }
    return true
  }

  /// Whether every stride of an axis longer than 1 is a multiple of
  /// `alignment` (NumPy's rule; an empty layout is aligned).
  func stridesAreAligned(to alignment: Int) -> Bool {
    guard alignment > 1 else { return true }
    if isEmpty { return true }
    for axis in 0..<rank where size(axis) > 1 && stride(axis) % alignment != 0 {
      return false
    }
    return true
  }
}
