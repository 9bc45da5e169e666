// NumPy's `np.diag`: a matrix built around a diagonal, or a diagonal taken
// out of a matrix. The diagonal itself is the view `diagonal(offset:)`;
// this file only allocates and copies through it.

extension NDArray {
  /// For a 1-D `v`, a new square matrix with `v` on diagonal `offset`
  /// (above the main one when positive, below when negative) and zeros
  /// elsewhere; for a 2-D `v`, a new 1-D copy of its diagonal `offset`
  /// (empty when the offset lies outside the matrix).
  ///
  /// ```swift
  /// try NDArray.diag([1, 2] as NDArray<Int>, offset: -1)   // [[0, 0, 0], [1, 0, 0], [0, 2, 0]]
  /// try NDArray.diag([[1, 2], [3, 4]] as NDArray<Int>)     // [1, 4]
  /// ```
  ///
  /// NumPy: `np.diag(v, k=offset)`. NumPy returns a read-only view for a
  /// 2-D `v`; this is a copy (``diagonal(offset:axis1:axis2:)`` is the view).
  ///
  /// - Throws: ``ShapeError/sizeOverflow(operation:)`` or
  ///   ``ShapeError/outOfMemory(byteCount:)`` when the matrix of side
  ///   `v.count + |offset|` is too large.
  /// - Precondition: `v` is 1-D or 2-D (NumPy raises `ValueError`).
  /// - Complexity: O((*n* + |`offset`|)²) for a 1-D `v` of *n* elements (the
  ///   zeros); O(*n*) for a 2-D `v`.
  public static func diag(_ v: NDArray, offset: Int = 0) throws(ShapeError) -> NDArray {
    switch v.ndim {
    case 1:
      // offset.magnitude is at most 2⁶³, which does not fit in Int.
      let shift = offset.magnitude
      guard shift <= UInt(Int.max) else { throw .sizeOverflow(operation: "diag") }
      let side = try ShapeError.checkedSum(v.count, Int(shift), "diag")
      _ = try ShapeError.checkedProduct(side, side, "diag")
      let result = try allocated([side, side], zeroed: true, "diag", ShapeError.self)
      if v.count > 0 { v.copy(into: result.diagonal(offset: offset)) }
      return result
    case 2:
      return v.diagonal(offset: offset).copy()
    default:
      preconditionFailure("NDArray.diag: the input must be 1-D or 2-D, not \(v.ndim)-D")
    }
  }
}
