// Ufunc methods for the arithmetic operations: `outer` (NumPy's
// `np.add.outer(a, b)`, `np.multiply.outer`, … for any element-wise
// operation) and `addReduceAt` (NumPy's `np.add.reduceat`).

extension NDArray {
  /// `operation` applied to every pair of an element of `self` and one of
  /// `other`: the result has `self`'s axes followed by `other`'s, and
  /// `result[i…, j…] = operation(self[i…], other[j…])`. Any element-wise
  /// function of two arrays works: the operators, the comparisons,
  /// `pow`, `maximum`, `atan2`, ….
  ///
  /// ```swift
  /// let a: NDArray<Int> = [1, 2, 3], b: NDArray<Int> = [10, 20]
  /// a.outer(b, +)    // [[11 21] [12 22] [13 23]]
  /// a.outer(b, *)    // [[10 20] [20 40] [30 60]]
  /// a.outer(b, .<)   // [[true true] [true true] [true true]]
  /// ```
  ///
  /// NumPy: `np.add.outer(a, b)`, `np.multiply.outer(a, b)`,
  /// `np.less.outer(a, b)`, … (`ufunc.outer`). Unlike ``outer(_:)``
  /// (`np.outer`), neither operand is flattened.
  ///
  /// - Precondition: The two ranks together are at most
  ///   ``NDView/maximumRank``.
  /// - Complexity: O(*m*·*n*): one broadcasting pass of `operation` over a
  ///   view of each operand (no copy of either).
  public func outer<Other: NDElement, Result: NDElement>(
    _ other: NDArray<Other>, _ operation: (NDArray, NDArray<Other>) -> NDArray<Result>
  ) -> NDArray<Result> {
    precondition(
      ndim + other.ndim <= NDView.maximumRank,
      "NDArray.outer: \(ndim) + \(other.ndim) dimensions is more than \(NDView.maximumRank)")
    // `self` with one axis of length 1 per axis of `other`; `other`
    // broadcasts against it from the right.
    let left = self[entries: [NDIndex.ellipsis] + [NDIndex](repeating: .newAxis, count: other.ndim)]
    return operation(left, other)
  }
}

extension NDArray where Element.Sum: Numeric {
  /// Sums over the ranges of `axis` that start at each of `indices`: entry
  /// *j* is the sum of `indices[j]..<indices[j + 1]` (up to the end of the
  /// axis for the last index), or the element at `indices[j]` alone when
  /// the next index is not greater. The result has this array's shape with
  /// `indices.count` along `axis`, in ``NDElement/Sum`` (narrow integers
  /// widen, `Bool` counts), as NumPy's.
  ///
  /// ```swift
  /// let x = NDArray<Int>.arange(to: 8)
  /// try x.addReduceAt([0, 4, 1, 5, 2, 6, 3, 7])   // [ 6  4 10  5 14  6 18  7]
  /// ```
  ///
  /// Each sum is NumPy's: the range's first element plus the pairwise sum
  /// of the others, lane by lane, whatever the layout, so floating-point
  /// results are NumPy's bit for bit (except that a range of only −0.0
  /// sums to 0.0, as ``sum()`` does, where NumPy keeps −0.0).
  ///
  /// NumPy: `np.add.reduceat(a, indices, axis=axis)`.
  ///
  /// - Throws: ``IndexError/outOfRange(index:axis:size:)`` for an index
  ///   outside `0..<size` (negative ones included, as NumPy raises
  ///   `IndexError`), and ``IndexError/axisOutOfRange(axis:rank:)`` for an
  ///   axis out of range or a 0-d array.
  /// - Complexity: O(*n*) for *n* elements, plus O(*rank*) views per index.
  public func addReduceAt(_ indices: [Int], axis: Int = 0) throws(IndexError) -> NDArray<Element.Sum> {
    guard axis >= -ndim && axis < ndim else { throw .axisOutOfRange(axis: axis, rank: ndim) }
    let a = axis < 0 ? axis + ndim : axis
    let size = shape[a]
    for index in indices where index < 0 || index >= size {
      throw .outOfRange(index: index, axis: a, size: size)
    }
    // The lanes last and contiguous, so each sum below runs along its lane.
    let last = ndim - 1
    let moved = movingAxis(from: a, to: last)
    let lanes = moved.isCContiguous && moved.view.isAligned ? moved : moved.copy()
    var resultShape = lanes.shape
    resultShape[last] = indices.count
    let result = NDArray<Element.Sum>.uninitialized(resultShape, "NDArray.addReduceAt")
    for (j, start) in indices.enumerated() {
      let end = j + 1 < indices.count ? indices[j + 1] : size
      let first = lanes.slice(start..<start + 1, axis: last).converted(to: Element.Sum.self)
      let target = result.slice(j..<j + 1, axis: last)
      if end > start + 1 {
        let rest = lanes.slice(start + 1..<end, axis: last).sum(axes: [last], keepingDimensions: true)
        (first + rest).copy(into: target)
      } else {
        first.copy(into: target)
      }
    }
    return a == last ? result : result.movingAxis(from: last, to: a).copy()
  }
}

// MARK: - NumPy's spelling

extension NDArray where Element.Sum: Numeric {
  @available(*, unavailable, renamed: "addReduceAt(_:axis:)")
  public func reduceat(_ indices: [Int], axis: Int = 0) -> NDArray<Element.Sum> { fatalError("unavailable") }
}
