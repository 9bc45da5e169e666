/// The shape and byte strides of a view: pure arithmetic, no memory access.
///
/// Every address Strided computes comes from ``offset(of:)`` on a layout whose
/// reach was checked against its storage by ``validate(itemSize:byteOffset:storageCount:)``.
///
/// Up to four axes are plain data held in one vector (sizes in lanes
/// `0..<4`, strides in lanes `4..<8`, unused lanes zero), so views of up to
/// four dimensions are made, copied and dropped without allocating; more
/// axes move to a shared heap object, ``large``, which is `nil` otherwise.
@usableFromInline
struct Layout: Sendable {
  /// The sizes and strides of up to ``inlineRank`` axes; zero when `large` is used.
  @usableFromInline var axes: SIMD8<Int>
  /// The number of axes.
  @usableFromInline var rank: Int
  /// The sizes and strides of a layout with more than ``inlineRank`` axes.
  @usableFromInline var large: Large?

  @inlinable static var inlineRank: Int { 4 }

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

    /// The same axes in reverse order.
    @usableFromInline @inline(never)
    func reversed() -> Large {
      Large(shape: shape.reversed(), strides: strides.reversed())
    }
  }

  /// A layout from its parts.
  ///
  /// - Precondition: `large` is non-`nil` exactly when `rank > 4`, and then
  ///   `axes` is zero.
  @inlinable @inline(__always)
  init(axes: SIMD8<Int>, rank: Int, large: Large?) {
    self.axes = axes
    self.rank = rank
    self.large = large
  }

  /// A layout with no axes (a single element), to be grown with ``append(size:stride:)``.
  @inlinable
  init() {
    self.init(axes: .zero, rank: 0, large: nil)
  }

  /// A layout from sizes and strides.
  ///
  /// - Precondition: `shape.count == strides.count`; callers check.
  @inlinable
  init(shape: Dimensions, strides: Dimensions) {
    let n = Swift.min(shape.count, strides.count)
    if n <= Self.inlineRank {
      var axes = SIMD8<Int>.zero
      for axis in 0..<n {
        axes[axis] = shape[axis]
        axes[4 &+ axis] = strides[axis]
      }
      self.init(axes: axes, rank: n, large: nil)
    } else {
      self.init(
        axes: .zero, rank: n, large: Large(shape: Array(shape.prefix(n)), strides: Array(strides.prefix(n))))
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
    var sizes = SIMD4<Int>.zero
    for axis in 0..<n { sizes[axis] = shape[axis] }
    return Layout(axes: contiguousAxes(rank: n, sizes: sizes, itemSize: itemSize, order: order), rank: n, large: nil)
  }

  /// The sizes and strides of a contiguous layout of at most four axes whose
  /// sizes are given in the leading lanes of `sizes` (the others zero).
  /// Axes of length 0 count as length 1 for the strides.
  ///
  /// Written lane by lane with constant lane numbers: storing to a lane
  /// picked at run time and reading the vector back stalls the processor.
  @inlinable @inline(__always)
  static func contiguousAxes(rank n: Int, sizes: SIMD4<Int>, itemSize e: Int, order: MemoryOrder) -> SIMD8<Int> {
    let m = sizes.replacing(with: 1, where: sizes .< 1)
    let strides: SIMD4<Int>
    switch (n, order) {
    case (1, _): strides = SIMD4(e, 0, 0, 0)
    case (2, .c): strides = SIMD4(e &* m[1], e, 0, 0)
    case (2, .fortran): strides = SIMD4(e, e &* m[0], 0, 0)
    case (3, .c): strides = SIMD4(e &* m[2] &* m[1], e &* m[2], e, 0)
    case (3, .fortran): strides = SIMD4(e, e &* m[0], e &* m[0] &* m[1], 0)
    case (4, .c): strides = SIMD4(e &* m[3] &* m[2] &* m[1], e &* m[3] &* m[2], e &* m[3], e)
    case (4, .fortran): strides = SIMD4(e, e &* m[0], e &* m[0] &* m[1], e &* m[0] &* m[1] &* m[2])
    default: strides = .zero
    }
    return SIMD8(lowHalf: sizes, highHalf: strides)
  }

  /// The size of an axis.
  @inlinable @inline(__always)
  func size(_ axis: Int) -> Int {
    if let large { return large.shape[axis] }
    return axes[axis]
  }

  /// The byte stride of an axis.
  @inlinable @inline(__always)
  func stride(_ axis: Int) -> Int {
    if let large { return large.strides[axis] }
    return axes[4 &+ axis]
  }

  /// Adds an axis after the last one.
  @inlinable @inline(__always)
  mutating func append(size: Int, stride: Int) {
    if rank < Self.inlineRank {
      axes[rank] = size
      axes[4 &+ rank] = stride
      rank &+= 1
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
    self = Layout(axes: .zero, rank: shape.count, large: Large(shape: shape, strides: strides))
  }

  /// Sets the size and stride of an existing axis.
  @inlinable
  mutating func set(_ axis: Int, size: Int, stride: Int) {
    if let large {
      var shape = large.shape
      var strides = large.strides
      shape[axis] = size
      strides[axis] = stride
      self.large = Large(shape: shape, strides: strides)
    } else {
      axes[axis] = size
      axes[4 &+ axis] = stride
    }
  }

  /// The sizes of the axes.
  @inlinable
  var shape: Dimensions {
    if let large { return Dimensions(array: large.shape) }
    return Dimensions(inline: axes.lowHalf, count: rank)
  }

  /// The byte strides of the axes.
  @inlinable
  var strides: Dimensions {
    if let large { return Dimensions(array: large.strides) }
    return Dimensions(inline: axes.highHalf, count: rank)
  }

  /// The number of elements. Valid only on a checked layout.
  @inlinable @inline(__always)
  var count: Int {
    if let large { return large.shape.reduce(1, &*) }
    var product = 1
    for axis in 0..<rank { product &*= axes[axis] }
    return product
  }

  /// Whether some axis has length 0.
  @inlinable @inline(__always)
  var isEmpty: Bool { Self.isEmpty(axes: axes, rank: rank, large: large) }

  /// Whether some axis of the layout with these parts has length 0.
  @inlinable @inline(__always)
  static func isEmpty(axes: SIMD8<Int>, rank: Int, large: Large?) -> Bool {
    if let large { return large.shape.contains(0) }
    let used = SIMD4<Int>(0, 1, 2, 3) .< SIMD4(repeating: rank)
    return any((axes.lowHalf .== .zero) .& used)
  }

  /// The sizes and strides of up to four axes in reverse order.
  @inlinable @inline(__always)
  static func reversedAxes(_ v: SIMD8<Int>, rank: Int) -> SIMD8<Int> {
    switch rank {
    case 2: SIMD8(v[1], v[0], 0, 0, v[5], v[4], 0, 0)
    case 3: SIMD8(v[2], v[1], v[0], 0, v[6], v[5], v[4], 0)
    case 4: SIMD8(v[3], v[2], v[1], v[0], v[7], v[6], v[5], v[4])
    default: v
    }
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

extension SIMD8 where Scalar == Int {
  /// Whether every lane equals `other`'s, in one vector comparison.
  ///
  /// `==` of SIMD types is a lane-by-lane loop that, inside a larger
  /// function, compiles to stores and loads of both vectors per lane (a
  /// third of a 16-element addition's time went to two of them).
  @inlinable @inline(__always)
  func lanesEqual(_ other: Self) -> Bool { all(self .== other) }
}
