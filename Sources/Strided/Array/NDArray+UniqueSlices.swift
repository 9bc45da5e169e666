// The distinct slices of an array along an axis (NumPy's
// `np.unique(a, axis=k)`), and `unique` that keeps every NaN
// (`equal_nan=False`).
//
// NumPy views each slice as one structured element whose fields are the
// slice's elements in C order, sorts those, and keeps a slice unless every
// field `==` the previous slice's. So the order is lexicographic by field,
// each field in NumPy's sort order (NaN last, −0.0 equal to 0.0), and
// slices holding NaN never equal anything: they are all kept, even when
// identical, whatever `equal_nan` says. Strided does the same with a
// stable radix lexsort of the columns (`lexsort`) and one element-wise
// `.!=` of neighbouring sorted rows.

extension NDArray {
  /// The distinct slices along `axis`, sorted lexicographically (by their
  /// elements in C order): the unique rows of a matrix for `axis: 0`.
  ///
  /// ```swift
  /// let a: NDArray<Int> = [[1, 0, 0], [1, 0, 0], [2, 3, 4]]
  /// try a.unique(axis: 0)   // [[1 0 0]
  ///                         //  [2 3 4]]
  /// ```
  ///
  /// Elements compare as NumPy's `==` does: −0.0 equals 0.0 (the slice
  /// first in the input is kept), and a slice holding NaN equals no other
  /// slice, so each one is kept (NaN sorts after every number within a
  /// position). A 1-D array gives ``unique()``, where NaNs are one value,
  /// as in NumPy.
  ///
  /// NumPy: `np.unique(a, axis=axis)`.
  ///
  /// - Throws: ``ShapeError/axisOutOfRange(axis:rank:)`` for an axis out of
  ///   range (every axis of a 0-d array), as NumPy raises `AxisError`.
  /// - Complexity: O(*n*) radix passes, one per element of a slice, plus
  ///   gathers: O(*n*·*m*) for *n* slices of *m* elements.
  public func unique(axis: Int) throws(ShapeError) -> NDArray {
    let a = try Self.normalizedAxis(axis, rank: ndim)
    if ndim == 1 { return unique() }
    let moved = movingAxis(from: a, to: 0)
    let n = moved.shape[0]
    var restShape = Array(moved.shape.dropFirst())
    let m = restShape.reduce(1, *)
    let distinctRows: NDArray
    if n <= 1 || m == 0 {
      // Nothing to compare: every slice of no elements equals the others.
      distinctRows = moved[0..<Swift.min(n, 1)].copy()
    } else {
      let rows = (try? moved.reshaped(to: [n, m])) ?? (try! moved.reshapedCopy(to: [n, m]))
      // `lexsort` sorts by its last key first: the first column is the
      // primary key.
      let keys = (0..<m).reversed().map { rows[NDIndex.all, $0] }
      let order = try! Self.lexsort(keys)
      let sortedRows = try! rows.take(order, axis: 0)
      let differs = (sortedRows[1..<n] .!= sortedRows[0..<(n - 1)]).anyTrue(axes: [1]).elements
      var kept = [0]
      for i in 0..<(n - 1) where differs[i] { kept.append(i + 1) }
      distinctRows = try! sortedRows.take(NDArray<Int>(kept), axis: 0)
    }
    restShape.insert(distinctRows.shape[0], at: 0)
    let slices = distinctRows.reshapedUnchecked(to: Dimensions(restShape))
    return a == 0 ? slices : slices.movingAxis(from: 0, to: a).copy()
  }

  /// The distinct elements, sorted, as a 1-D array; with `equalNaN: false`
  /// every NaN is kept (NaN equals nothing), as NumPy's `equal_nan=False`
  /// keeps them, in NumPy's sort order (complex numbers with a NaN part
  /// last). −0.0 and 0.0 stay one value either way. `equalNaN: true` is
  /// ``unique()``.
  ///
  /// NumPy: `np.unique(a, equal_nan=equalNaN)`.
  ///
  /// - Complexity: As ``unique()``.
  public func unique(equalNaN: Bool) -> NDArray {
    let kind = Element.scalarKind
    guard !equalNaN, kind.isFloatingPoint || kind.isComplex, count > 1 else { return unique() }
    let sortedValues = sorted(axis: nil, stable: true)
    // NaNs (and complex numbers with a NaN part) sort last, together.
    let isNaN = isnan(sortedValues).elements
    guard let firstNaN = isNaN.firstIndex(of: true) else { return unique() }
    let numbers = sortedValues[0..<firstNaN].unique()
    return try! Self.concatenate([numbers, sortedValues[firstNaN..<count]], axis: 0)
  }
}

// MARK: - NumPy's spelling

extension NDArray {
  @available(*, unavailable, renamed: "unique(equalNaN:)")
  public func unique(equal_nan: Bool) -> NDArray { fatalError("unavailable") }
}
