// The one checked path for sizes: every count, byte size and extent that a
// throwing API computes from its caller's numbers goes through these
// functions, and every result it allocates through `NDArray.allocated`, so
// that a size too large for `Int` or for memory becomes the API's own
// typed error instead of a trap inside Swift's arithmetic or allocator.

/// An error type that can say a result is too large: the two cases every
/// throwing API that allocates from its caller's sizes reports in its own
/// error type.
protocol SizeFailure: Error {
  /// The system could not provide the memory: NumPy's `MemoryError`.
  static func outOfMemory(byteCount: Int) -> Self
  /// The result's element count or byte size overflows `Int`: NumPy's
  /// `ValueError` ("array is too big", "Maximum allowed size exceeded").
  static func sizeOverflow(operation: String) -> Self
}

/// The descriptions of the two cases, shared by every error type.
enum CheckedSizeText {
  static func overflow(_ operation: String) -> String {
    "\(operation): the result is too large: its size in bytes overflows"
  }

  static func outOfMemory(_ byteCount: Int) -> String { OutOfMemory(byteCount: byteCount).description }
}

/// Overflow-checked arithmetic on sizes, throwing the caller's own error
/// type: `try ShapeError.checkedProduct(a, b, "tiled")`.
extension SizeFailure {
  /// `a × b`, or the error when it overflows.
  static func checkedProduct(_ a: Int, _ b: Int, _ operation: String) throws(Self) -> Int {
    let (value, overflow) = a.multipliedReportingOverflow(by: b)
    if overflow { throw .sizeOverflow(operation: operation) }
    return value
  }

  /// `a + b`, or the error when it overflows.
  static func checkedSum(_ a: Int, _ b: Int, _ operation: String) throws(Self) -> Int {
    let (value, overflow) = a.addingReportingOverflow(b)
    if overflow { throw .sizeOverflow(operation: operation) }
    return value
  }

  /// The sum of non-negative values, or the error when it overflows.
  static func checkedTotal(_ values: some Sequence<Int>, _ operation: String) throws(Self) -> Int {
    var total = 0
    for value in values { total = try checkedSum(total, value, operation) }
    return total
  }

  /// The element count of a shape of non-negative sizes, or the error when
  /// it overflows. A zero size makes the count 0 whatever the others are.
  static func checkedCount(_ shape: some Collection<Int>, _ operation: String) throws(Self) -> Int {
    if shape.contains(0) { return 0 }
    var count = 1
    for size in shape { count = try checkedProduct(count, size, operation) }
    return count
  }

  /// Checks that `byteCount` bytes can be had, for memory that code
  /// outside Strided's allocator (a Swift array, whose allocation cannot
  /// fail softly) is about to take: a block of that size is asked of the
  /// allocator and given back untouched. A large block given back is kept
  /// for reuse, so an array of the same size allocated next takes it.
  static func reserve(_ byteCount: Int) throws(Self) {
    guard let block = StorageAllocator.allocate(byteCount: byteCount, zeroed: false) else {
      throw .outOfMemory(byteCount: byteCount)
    }
    StorageAllocator.release(block)
  }

  /// `count` elements of `Element` in bytes, or the error when it overflows.
  static func checkedByteCount<Element>(_ count: Int, of _: Element.Type, _ operation: String) throws(Self) -> Int {
    try checkedProduct(count, MemoryLayout<Element>.stride, operation)
  }
}

extension NDArray {
  /// A new array whose elements the caller writes (zeros when `zeroed`),
  /// its size checked: the error says whether the shape's byte size
  /// overflows or the memory could not be had.
  ///
  /// - Precondition: No size in `shape` is negative and it has at most
  ///   ``NDView/maximumRank`` axes; the caller checks them against its own
  ///   error type.
  static func allocated<E: SizeFailure>(
    _ shape: Dimensions, order: MemoryOrder = .c, zeroed: Bool = false, _ operation: String, _: E.Type
  ) throws(E) -> NDArray {
    do {
      let view =
        zeroed
        ? try NDView(format: Element.format, shape: shape, order: order)
        : try NDView.uninitialized(shape: shape, format: Element.format, order: order)
      return NDArray(unchecked: view)
    } catch {
      if case .outOfMemory(let byteCount) = error { throw .outOfMemory(byteCount: byteCount) }
      throw .sizeOverflow(operation: operation)
    }
  }

  /// A new array of `shape` with every element `value`, its size checked
  /// as ``allocated(_:order:zeroed:_:)``'s.
  static func allocated<E: SizeFailure>(
    _ shape: Dimensions, repeating value: Element, order: MemoryOrder = .c, _ operation: String, _: E.Type
  ) throws(E) -> NDArray {
    let result = try allocated(shape, order: order, operation, E.self)
    Fill.fill(result.storage.base, count: result.count, with: value)
    return result
  }

  /// A new 1-D array of `count` elements written through a pointer by
  /// `body`: the checked replacement for a Swift array built to become an
  /// `NDArray`, whose allocation would trap on a hostile size.
  static func allocated<E: SizeFailure>(
    count: Int, zeroed: Bool = true, _ operation: String, _: E.Type,
    _ body: (UnsafeMutableBufferPointer<Element>) -> Void
  ) throws(E) -> NDArray {
    let result = try allocated([count], zeroed: zeroed, operation, E.self)
    let base = result.storage.base.bindMemory(to: Element.self, capacity: count)
    body(UnsafeMutableBufferPointer(start: base, count: count))
    return result
  }
}

// The error types of the APIs that allocate from their callers' sizes.
extension ShapeError: SizeFailure {}
extension StatisticsError: SizeFailure {}
extension IndexError: SizeFailure {}
extension RandomError: SizeFailure {}
extension LinalgError: SizeFailure {}
extension FFTError: SizeFailure {}
