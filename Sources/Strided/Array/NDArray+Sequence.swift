extension NDArray: Sequence {
  /// Walks the elements in logical C order (last axis fastest), whatever
  /// the memory layout.
  public struct Iterator: IteratorProtocol {
    @usableFromInline let array: NDArray
    @usableFromInline var index: Dimensions
    @usableFromInline var offset: Int
    @usableFromInline var remaining: Int

    @inlinable
    init(_ array: NDArray) {
      self.array = array
      self.index = Dimensions(repeating: 0, count: array.ndim)
      self.offset = 0
      self.remaining = array.count
    }

    @inlinable
    public mutating func next() -> Element? {
      guard remaining > 0 else { return nil }
      let value = array.load(at: offset)
      remaining -= 1
      if remaining > 0 {
        let layout = array.view.layout
        var axis = layout.rank - 1
        while axis >= 0 {
          index[axis] += 1
          offset &+= layout.stride(axis)
          if index[axis] < layout.size(axis) { break }
          offset &-= layout.stride(axis) &* layout.size(axis)
          index[axis] = 0
          axis -= 1
        }
      }
      return value
    }
  }

  @inlinable
  public func makeIterator() -> Iterator { Iterator(self) }

  @inlinable
  public var underestimatedCount: Int { count }

  /// The elements in logical C order, as a Swift array.
  ///
  /// - Complexity: O(*n*).
  @inlinable
  public var elements: [Element] { Array(self) }
}

extension NDArray: Equatable {
  /// Whether two arrays have the same shape and equal elements, compared in
  /// logical order (NumPy: `np.array_equal`). Layouts may differ. As with
  /// `Double`, an array holding NaN is not equal to itself.
  ///
  /// - Complexity: O(*n*).
  @inlinable
  public static func == (a: NDArray, b: NDArray) -> Bool {
    a.shape == b.shape && a.elementsEqual(b)
  }
}
