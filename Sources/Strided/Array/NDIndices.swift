/// Every index of a shape, one `[Int]` per element, in C order (the last
/// axis fastest).
///
/// ```swift
/// for index in try NDIndices([2, 3]) {
///   print(index)  // [0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]
/// }
/// ```
///
/// A shape of no axes has one index, `[]`; a shape with a size of 0 has
/// none. The indices are computed as they are read: each step allocates at
/// most the array it returns, and nothing when the caller has let the
/// previous one go. To walk an array's elements with their indices, use
/// ``NDArray/enumeratedElements()``.
///
/// NumPy: `np.ndindex(*shape)`.
public struct NDIndices: Sequence, Sendable {
  /// The shape whose indices these are.
  public let shape: Dimensions

  /// The indices of `shape`.
  ///
  /// - Throws: ``ShapeError/negativeDimension(_:)`` for a negative size, as
  ///   NumPy raises `ValueError`.
  @inlinable
  public init(_ shape: Dimensions) throws(ShapeError) {
    guard !shape.contains(where: { $0 < 0 }) else { throw .negativeDimension(Array(shape)) }
    self.shape = shape
  }

  @inlinable
  public func makeIterator() -> Iterator { Iterator(shape) }

  /// The number of indices, or 0 when that number overflows `Int`.
  @inlinable
  public var underestimatedCount: Int {
    var product = 1
    for size in shape {
      let (next, overflow) = product.multipliedReportingOverflow(by: size)
      if overflow { return 0 }
      product = next
    }
    return product
  }

  /// Steps through the indices of a shape.
  public struct Iterator: IteratorProtocol, Sendable {
    @usableFromInline let shape: Dimensions
    /// The index last returned (all zeros before the first).
    @usableFromInline var index: [Int]
    @usableFromInline var started = false
    @usableFromInline var finished: Bool

    /// The indices of a shape already checked to have no negative size.
    @inlinable
    init(_ shape: Dimensions) {
      self.shape = shape
      index = [Int](repeating: 0, count: shape.count)
      finished = shape.contains(0)
    }

    /// The next index, or `nil` after the last.
    ///
    /// - Complexity: Amortized O(1).
    @inlinable
    public mutating func next() -> [Int]? {
      if finished { return nil }
      guard started else {
        started = true
        return index
      }
      // The last axis steps; a wrap carries into the axis before it.
      var axis = shape.count - 1
      while axis >= 0 {
        index[axis] += 1
        if index[axis] < shape[axis] { return index }
        index[axis] = 0
        axis -= 1
      }
      finished = true
      return nil
    }
  }
}
