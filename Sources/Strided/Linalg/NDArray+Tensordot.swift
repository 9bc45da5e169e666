// NumPy's `tensordot`: sums of products over chosen axis pairs, by one
// matrix product. As NumPy does, each operand is permuted so its summed
// axes meet (last for `self`, first for `other`), viewed as a matrix
// (copied only when its strides cannot express that), multiplied by
// `matmul` (BLAS for `Float`, `Double` and complex elements), and the
// product is viewed in the kept axes' shape.

extension NDArray {
  /// The sum of products over the last `axes` axes of `self` and the
  /// first `axes` axes of `other`: for matrices, `axes: 1` is the matrix
  /// product, `axes: 2` the sum of the element-wise product, `axes: 0` the
  /// outer product. The result's shape is `self`'s kept axes followed by
  /// `other`'s.
  ///
  /// ```swift
  /// let a = try NDArray<Double>.arange(to: 60).reshaped(to: [3, 4, 5])
  /// let b = try NDArray<Double>.arange(to: 24).reshaped(to: [4, 3, 2])
  /// try a.tensordot(b, axes: ([1, 0], [0, 1])).shape   // [5, 2]
  /// try a.tensordot(a, axes: 3).shape                   // []
  /// ```
  ///
  /// NumPy: `np.tensordot(a, b, axes=axes)`. A negative count sums over no
  /// axes (the outer product), as NumPy's `range(-n, 0)` does.
  ///
  /// - Throws: As `tensordot(_:axes:)` with axis lists: `axes` more
  ///   than either operand's rank gives ``LinalgError/invalidAxes(operation:axes:rank:)``.
  /// - Complexity: O(*m*·*n*·*k*) for *k* summed elements, plus a copy of
  ///   an operand whose permuted strides cannot be viewed as a matrix.
  public func tensordot(_ other: NDArray, axes: Int = 2) throws(LinalgError) -> NDArray {
    let n = Swift.max(axes, 0)
    return try tensordot(other, axes: ((0..<n).map { $0 - n }, Array(0..<n)))
  }

  /// The sum of products over pairs of axes: `axes.0[k]` of `self` with
  /// `axes.1[k]` of `other` (negative axes count from the end). The
  /// result's shape is `self`'s other axes followed by `other`'s, each in
  /// their order.
  ///
  /// NumPy: `np.tensordot(a, b, axes=(axes_a, axes_b))`.
  ///
  /// - Throws: ``LinalgError/invalidAxes(operation:axes:rank:)`` for an
  ///   axis out of range or named twice (NumPy's `IndexError` and
  ///   `ValueError`); ``LinalgError/shapeMismatch(operation:shapes:)`` when
  ///   the lists differ in length or paired axes differ in size (NumPy's
  ///   "shape-mismatch for sum"); ``LinalgError/sizeOverflow(operation:)``
  ///   or ``LinalgError/outOfMemory(byteCount:)`` for a result too large.
  /// - Complexity: As `tensordot(_:axes:)` with a count.
  public func tensordot(_ other: NDArray, axes: ([Int], [Int])) throws(LinalgError) -> NDArray {
    let mismatch = LinalgError.shapeMismatch(operation: "tensordot", shapes: [shape.array, other.shape.array])
    guard axes.0.count == axes.1.count else { throw mismatch }
    let summedA = try Self.tensordotAxes(axes.0, rank: ndim)
    let summedB = try Self.tensordotAxes(axes.1, rank: other.ndim)
    for (x, y) in zip(summedA, summedB) where shape[x] != other.shape[y] { throw mismatch }
    let keptA = (0..<ndim).filter { !summedA.contains($0) }
    let keptB = (0..<other.ndim).filter { !summedB.contains($0) }
    // Products of some of an existing array's sizes: none overflows.
    let inner = summedA.reduce(1) { $0 * shape[$1] }
    let rows = keptA.reduce(1) { $0 * shape[$1] }
    let columns = keptB.reduce(1) { $0 * other.shape[$1] }
    let left = Self.matrixView(permuted(Dimensions(keptA + summedA)), rows, inner)
    let right = Self.matrixView(other.permuted(Dimensions(summedB + keptB)), inner, columns)
    let product = try Self.matmul(left, right)
    return Self.matrixView(product, keptA.map { shape[$0] } + keptB.map { other.shape[$0] })
  }

  /// Normalized axes for `tensordot`: in range and distinct.
  static func tensordotAxes(_ axes: [Int], rank: Int) throws(LinalgError) -> [Int] {
    var normalized: [Int] = []
    for axis in axes {
      guard axis >= -rank && axis < rank else { throw .invalidAxes(operation: "tensordot", axes: axes, rank: rank) }
      let resolved = axis < 0 ? axis + rank : axis
      guard !normalized.contains(resolved) else { throw .invalidAxes(operation: "tensordot", axes: axes, rank: rank) }
      normalized.append(resolved)
    }
    return normalized
  }

  /// `array` in a new shape (C order) with the same element count: a view
  /// when its strides allow, else a copy.
  static func matrixView(_ array: NDArray, _ shape: Int...) -> NDArray { matrixView(array, shape) }

  static func matrixView(_ array: NDArray, _ shape: [Int]) -> NDArray {
    let target = Dimensions(shape)
    return (try? array.reshaped(to: target)) ?? (try! array.reshapedCopy(to: target))
  }
}
