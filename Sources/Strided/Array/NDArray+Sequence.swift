extension NDArray: Sequence {
  /// Walks the first axis, as NumPy iterates an array: the rows of a
  /// matrix, the 0-d arrays of a vector. Each is a view. To walk the
  /// elements, use ``flat`` or ``elements``.
  public struct Iterator: IteratorProtocol {
    @usableFromInline let array: NDArray
    @usableFromInline var index = 0

    @inlinable
    init(_ array: NDArray) {
      precondition(array.ndim > 0, "NDArray: iteration over a 0-d array (use a[] for its element)")
      self.array = array
    }

    @inlinable
    public mutating func next() -> NDArray? {
      guard index < array.shape[0] else { return nil }
      defer { index += 1 }
      return array[index]
    }
  }

  /// The sub-arrays along the first axis: `for row in m`.
  ///
  /// NumPy: `for row in a`.
  ///
  /// - Precondition: The array has at least one axis.
  @inlinable
  public func makeIterator() -> Iterator { Iterator(self) }

  @inlinable
  public var underestimatedCount: Int { ndim == 0 ? 0 : shape[0] }
}

extension NDArray {
  /// The elements in logical C order (last axis fastest), whatever the
  /// memory layout, one at a time.
  public struct FlatElements: Sequence {
    @usableFromInline let array: NDArray

    @inlinable init(_ array: NDArray) { self.array = array }

    @inlinable public func makeIterator() -> FlatIterator { FlatIterator(array) }
    @inlinable public var underestimatedCount: Int { array.count }
  }

  /// Walks every element in logical C order.
  public struct FlatIterator: IteratorProtocol {
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

  /// Every element in logical C order, lazily, whatever the layout.
  ///
  /// NumPy: `a.flat`.
  @inlinable
  public var flat: FlatElements { FlatElements(self) }

  /// The elements in logical C order, as a Swift array.
  ///
  /// NumPy: `a.ravel().tolist()`.
  ///
  /// - Complexity: O(*n*).
  @inlinable
  public var elements: [Element] { Array(flat) }
}

extension NDArray {
  /// The elements with their indices in logical C order (last axis
  /// fastest), whatever the memory layout.
  public struct EnumeratedElements: Sequence {
    @usableFromInline let array: NDArray

    @inlinable init(_ array: NDArray) { self.array = array }

    @inlinable public func makeIterator() -> EnumeratedIterator { EnumeratedIterator(array) }
    @inlinable public var underestimatedCount: Int { array.count }
  }

  /// Walks every element with its index in logical C order.
  public struct EnumeratedIterator: IteratorProtocol {
    @usableFromInline var indices: NDIndices.Iterator
    @usableFromInline var elements: FlatIterator

    @inlinable
    init(_ array: NDArray) {
      indices = NDIndices.Iterator(array.shape)
      elements = FlatIterator(array)
    }

    @inlinable
    public mutating func next() -> (index: [Int], element: Element)? {
      guard let element = elements.next(), let index = indices.next() else { return nil }
      return (index, element)
    }
  }

  /// Every element with its index, lazily, in logical C order whatever the
  /// layout: a 0-d array gives one pair with the index `[]`, an empty
  /// array none.
  ///
  /// ```swift
  /// let m: NDArray<Double> = [[1, 2], [3, 4]]
  /// for (index, x) in m.transposed().enumeratedElements() {
  ///   print(index, x)  // [0, 0] 1.0, [0, 1] 3.0, [1, 0] 2.0, [1, 1] 4.0
  /// }
  /// ```
  ///
  /// NumPy: `np.ndenumerate(a)`.
  ///
  /// - Complexity: O(1) to make; O(1) amortized a step, which allocates
  ///   at most the index it returns.
  @inlinable
  public func enumeratedElements() -> EnumeratedElements { EnumeratedElements(self) }
}

extension NDArray: Equatable {
  /// Whether two arrays have the same shape and equal elements, compared in
  /// logical order (NumPy: `np.array_equal`). Layouts may differ. As with
  /// `Double`, an array holding NaN is not equal to itself.
  ///
  /// `==` is not NumPy's element-wise `==`: that is ``.==(_:_:)-(NDArray,NDArray)``.
  /// Because a literal can stand for a 0-d array (`a[mask] = 0`),
  /// `a == 5` would silently compare a whole array with one value; so
  /// comparing an array of one or more axes with a 0-d array traps.
  ///
  /// - Precondition: Both arrays are 0-d, or neither is.
  /// - Complexity: O(*n*).
  @inlinable
  public static func == (a: NDArray, b: NDArray) -> Bool {
    precondition(
      (a.ndim == 0) == (b.ndim == 0),
      "NDArray ==: comparing an array of shape \(a.shape == [] ? b.shape : a.shape) with a 0-d array or a literal; == compares whole arrays: use .== for NumPy's element-wise comparison, or a[item: …] == x for one element")
    return a.shape == b.shape && a.flat.elementsEqual(b.flat)
  }
}
