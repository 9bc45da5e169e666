// NumPy's index functions beyond the subscripts: `take` and `put` with a
// rule for indices outside the axis (`mode=`), flat and multi-dimensional
// indices (`unravel_index`, `ravel_multi_index`) and the grid of indices
// (`indices`). The index arithmetic runs in `Kernels/IndexArithmetic.swift`;
// the gathers and scatters are those of `take(_:axis:)` and `put(_:at:)`.
//
// Index arrays are data, so every problem with them is a thrown
// ``IndexError``, found before anything is written.

/// What an index outside its axis means: NumPy's `mode=` argument of
/// `np.take`, `np.put` and `np.ravel_multi_index`.
public enum IndexMode: Sendable, Hashable {
  /// An index outside the axis is an error (NumPy's `"raise"`, the
  /// default). `take` and `put` count negative indices from the end, as
  /// subscripts do; `ravelMultiIndex` accepts none, as NumPy's does.
  case raise
  /// Indices wrap around the axis (NumPy's `"wrap"`): `i` becomes `i mod n`,
  /// so -1 is the last index and `n` the first.
  case wrap
  /// Indices are clipped into the axis (NumPy's `"clip"`): a negative one
  /// becomes 0 and one past the end `n − 1`. Negative indices no longer
  /// count from the end.
  case clip
}

extension NDArray {
  /// The elements at `indices` along `axis` (of the flattened array, in C
  /// order, when `axis` is `nil`), with `mode` deciding what an index
  /// outside the axis selects. The result has the indices' shape in place
  /// of the axis.
  ///
  /// ```swift
  /// let a: NDArray<Double> = [10, 20, 30]
  /// try a.take([-1, 3, 5], mode: .wrap)   // [30, 10, 30]
  /// try a.take([-1, 3, 5], mode: .clip)   // [10, 30, 30]
  /// ```
  ///
  /// NumPy: `np.take(a, indices, axis=axis, mode=…)`.
  ///
  /// - Throws: ``IndexError/axisOutOfRange(axis:rank:)`` for a bad axis;
  ///   with `.raise`, ``IndexError/outOfRange(index:axis:size:)`` for an
  ///   index outside the axis; with `.wrap` or `.clip`,
  ///   ``IndexError/emptyAxis(axis:)`` for indices into an empty axis (no
  ///   rule brings them into it).
  /// - Complexity: O(*k*) for *k* indices, times the elements each selects.
  public func take(_ indices: NDArray<Int>, axis: Int? = nil, mode: IndexMode) throws(IndexError) -> NDArray {
    guard mode != .raise else { return try take(indices, axis: axis) }
    var size = count
    var reported = 0
    if let axis {
      reported = try Self.normalize(axis, rank: ndim)
      size = shape[reported]
    }
    return try take(IndexArithmetic.inRange(indices, size: size, mode: mode, axis: reported), axis: axis)
  }

  /// Writes `values` at the flat (C-order) positions `indices`, with
  /// `mode` deciding where an index outside the array writes; the values
  /// repeat cyclically when there are fewer of them than indices, and the
  /// last write to a position wins.
  ///
  /// ```swift
  /// let a = NDArray<Double>.zeros([2, 3])
  /// try a.put([7, 8], at: [-1, 9], mode: .clip)   // a is [[7, 0, 0], [0, 0, 8]]
  /// ```
  ///
  /// NumPy: `np.put(a, indices, values, mode=…)`.
  ///
  /// - Throws: ``IndexError/readOnly``; with `.raise`,
  ///   ``IndexError/outOfRange(index:axis:size:)``; with `.wrap` or
  ///   `.clip`, ``IndexError/emptyAxis(axis:)`` for indices into an empty
  ///   array; ``IndexError/valueShapeMismatch(value:selection:)`` for no
  ///   values and some indices. Nothing is written when it throws (NumPy's
  ///   `"raise"` may have written some values before it raises).
  /// - Complexity: O(*k*) for *k* indices.
  public func put(_ values: NDArray, at indices: NDArray<Int>, mode: IndexMode) throws(IndexError) {
    guard mode != .raise else { return try put(values, at: indices) }
    guard !isReadOnly else { throw .readOnly }
    guard indices.count > 0 else { return }
    try put(values, at: IndexArithmetic.inRange(indices, size: count, mode: mode, axis: 0))
  }
}

extension NDArray where Element == Int {
  /// The index along each axis of an array of `shape` for each flat index
  /// in `indices`: one array per axis, each of the indices' shape.
  ///
  /// ```swift
  /// let parts = try NDArray<Int>.unravelIndex([22, 41, 37], shape: [7, 6])
  /// parts[0]  // [3, 6, 6]
  /// parts[1]  // [4, 5, 1]
  /// ```
  ///
  /// NumPy: `np.unravel_index(indices, shape, order=…)`.
  ///
  /// - Parameters:
  ///   - indices: Flat indices into an array of `shape`, each in
  ///     `0..<shape.product` (negative ones are out of range, as in NumPy).
  ///   - shape: The array's shape; `[]` gives no arrays (and accepts only
  ///     the index 0).
  ///   - order: `.c` when the last axis varies fastest, `.fortran` when the
  ///     first does.
  /// - Throws: ``IndexError/outOfRange(index:axis:size:)`` for the first
  ///   index outside the array (axis 0, the array's element count as the
  ///   size); ``IndexError/shapeMismatch(_:)`` for a negative size in
  ///   `shape`; ``IndexError/sizeOverflow(operation:)`` when its element
  ///   count overflows `Int`.
  /// - Complexity: O(*n*·*d*) for *n* indices and *d* axes.
  public static func unravelIndex(_ indices: NDArray, shape: Dimensions, order: MemoryOrder = .c)
    throws(IndexError) -> [NDArray]
  {
    let total = try IndexArithmetic.checkedTotal(shape, "unravelIndex")
    let flat = indices.contiguousAligned
    try IndexArithmetic.checkInside(flat, size: total, axis: 0)
    var parts: [NDArray] = []
    parts.reserveCapacity(shape.count)
    for _ in 0..<shape.count { parts.append(try allocated(indices.shape, "unravelIndex", IndexError.self)) }
    IndexArithmetic.unravel(flat, shape: shape, order: order, into: parts)
    return parts
  }

  /// The flat index into an array of `shape` of each multi-dimensional
  /// index: `multiIndex` holds one index array per axis, and they
  /// broadcast together to the result's shape.
  ///
  /// ```swift
  /// let rows: NDArray<Int> = [3, 6, 6], columns: NDArray<Int> = [4, 5, 1]
  /// try NDArray<Int>.ravelMultiIndex([rows, columns], shape: [7, 6])                 // [22, 41, 37]
  /// try NDArray<Int>.ravelMultiIndex([rows, columns], shape: [7, 6], order: .fortran)  // [31, 41, 13]
  /// try NDArray<Int>.ravelMultiIndex([rows, columns], shape: [4, 6], mode: .clip)    // [22, 23, 19]
  /// ```
  ///
  /// NumPy: `np.ravel_multi_index(multi_index, dims, mode=…, order=…)`
  /// (one mode for every axis).
  ///
  /// - Parameters:
  ///   - multiIndex: One index array per axis of `shape`.
  ///   - shape: The array's shape.
  ///   - mode: `.raise` (every index must be in its axis; negative ones
  ///     are not), `.wrap` or `.clip`.
  ///   - order: `.c` when the last axis varies fastest, `.fortran` when the
  ///     first does.
  /// - Throws: ``IndexError/shapeMismatch(_:)`` for another number of
  ///   index arrays than axes, or a negative size;
  ///   ``IndexError/indicesNotBroadcastable(_:)``;
  ///   ``IndexError/sizeOverflow(operation:)`` when the shape's element
  ///   count overflows `Int`; ``IndexError/emptyAxis(axis:)`` for indices
  ///   into a shape with an empty axis (NumPy: "cannot unravel if shape has
  ///   zero entries"); with `.raise`, ``IndexError/outOfRange(index:axis:size:)``
  ///   for an index outside its axis (NumPy: "invalid entry in coordinates
  ///   array").
  /// - Complexity: O(*n*·*d*) for *n* results and *d* axes.
  public static func ravelMultiIndex(
    _ multiIndex: [NDArray], shape: Dimensions, mode: IndexMode = .raise, order: MemoryOrder = .c
  ) throws(IndexError) -> NDArray {
    guard multiIndex.count == shape.count else {
      throw .shapeMismatch(
        "ravelMultiIndex: \(multiIndex.count) index arrays for a shape of \(shape.count) dimensions; it takes one per dimension")
    }
    let total = try IndexArithmetic.checkedTotal(shape, "ravelMultiIndex")
    var resultShape: Dimensions = []
    for index in multiIndex {
      guard let broadcast = try? Layout.broadcastShape(resultShape, index.shape) else {
        throw .indicesNotBroadcastable(multiIndex.map { $0.shape.array })
      }
      resultShape = broadcast
    }
    let result = try allocated(resultShape, zeroed: true, "ravelMultiIndex", IndexError.self)
    guard result.count > 0 else { return result }
    if total == 0 { throw .emptyAxis(axis: shape.firstIndex(of: 0) ?? 0) }
    if mode == .raise {
      for (axis, index) in multiIndex.enumerated() {
        try IndexArithmetic.checkInside(index.contiguousAligned, size: shape[axis], axis: axis)
      }
    }
    let steps = IndexArithmetic.steps(shape, order: order)
    for (axis, index) in multiIndex.enumerated() {
      IndexArithmetic.accumulate(index, size: shape[axis], step: steps[axis], mode: mode, into: result)
    }
    return result
  }

  /// The grid of indices of an array of `shape`: element `[d, i₀, i₁, …]`
  /// is `i_d`, so that `grid[d]` holds each element's index along axis
  /// `d`. The result has the shape `[shape.count] + shape`.
  ///
  /// ```swift
  /// let grid = try NDArray<Int>.indices(shape: [2, 3])
  /// grid[0]  // [[0, 0, 0], [1, 1, 1]]
  /// grid[1]  // [[0, 1, 2], [0, 1, 2]]
  /// ```
  ///
  /// NumPy: `np.indices(dimensions)` (the dense grid, `int64`).
  ///
  /// - Throws: ``ShapeError/negativeDimension(_:)`` for a negative size;
  ///   ``ShapeError/sizeOverflow(operation:)`` or
  ///   ``ShapeError/outOfMemory(byteCount:)`` when the result is too large.
  /// - Precondition: `shape` has fewer than ``NDView/maximumRank`` axes,
  ///   so that the result has at most that many.
  /// - Complexity: O(*d*·*n*) for *n* elements of `shape` and *d* axes.
  public static func indices(shape: Dimensions) throws(ShapeError) -> NDArray {
    guard !shape.contains(where: { $0 < 0 }) else { throw .negativeDimension(shape.array) }
    precondition(
      shape.count < NDView.maximumRank,
      "NDArray.indices: a shape of \(shape.count) dimensions; the result would have \(shape.count + 1), more than \(NDView.maximumRank)")
    let rank = shape.count
    let result = try allocated(Dimensions([rank] + shape.array), "indices", ShapeError.self)
    guard result.count > 0 else { return result }
    for axis in 0..<rank {
      // 0..<size along the axis, broadcast along the others.
      var along = Dimensions(repeating: 1, count: rank)
      along[axis] = shape[axis]
      let ramp = try! NDArray<Int>.arange(to: shape[axis]).reshaped(to: along)
      ramp.copy(into: result[entries: [.at(axis)]])
    }
    return result
  }
}
