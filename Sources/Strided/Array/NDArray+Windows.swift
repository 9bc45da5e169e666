// Sliding windows over an array, typed: see `NDView+Windows.swift`.

extension NDArray {
  /// A read-only view of every window of `windowShape` sliding along
  /// `axes`: this array's axes (each windowed one shortened to
  /// `size − window + 1` positions), followed by the window's axes. No
  /// element is copied; windows share their overlapping elements.
  ///
  /// ```swift
  /// let x: NDArray<Double> = [[0, 1, 2, 3], [4, 5, 6, 7]]
  /// let w = try x.slidingWindowView(windowShape: [2, 2])   // shape [1, 3, 2, 2]
  /// w[0, 1]                                               // [[1. 2.]
  ///                                                       //  [5. 6.]]
  /// ```
  ///
  /// NumPy: `np.lib.stride_tricks.sliding_window_view(x, window_shape,
  /// axis=axes)`.
  ///
  /// - Parameters:
  ///   - windowShape: The window's size along each axis of `axes`.
  ///   - axes: The axes the window slides along; `nil` for every axis, in
  ///     order. An axis may be named more than once.
  /// - Throws: ``ShapeError`` as ``NDView/slidingWindowView(windowShape:axes:)``.
  /// - Complexity: O(*rank*); no copy.
  public func slidingWindowView(windowShape: [Int], axes: [Int]? = nil) throws(ShapeError) -> NDArray {
    NDArray(unchecked: try view.slidingWindowView(windowShape: windowShape, axes: axes))
  }

  /// A read-only view of every window of `size` elements sliding along
  /// `axis` (the only axis of a 1-D array when `nil`), the window axis
  /// last. A moving average of 64 values is
  /// `x.slidingWindowView(64).mean(axis: -1)`: the means are computed
  /// from the view in place, each window summed pairwise as NumPy sums it.
  ///
  /// ```swift
  /// let x: NDArray<Double> = [1, 2, 3, 4, 5]
  /// try x.slidingWindowView(3)                  // [[1. 2. 3.] [2. 3. 4.] [3. 4. 5.]]
  /// try x.slidingWindowView(3).mean(axis: -1)   // [2. 3. 4.]
  /// ```
  ///
  /// NumPy: `np.lib.stride_tricks.sliding_window_view(x, size, axis=axis)`.
  ///
  /// - Throws: ``ShapeError`` as ``NDView/slidingWindowView(windowShape:axes:)``;
  ///   with `axis: nil`, ``ShapeError/windowCountMismatch(windows:axes:)``
  ///   unless the array is 1-D, as NumPy raises.
  /// - Complexity: O(*rank*); no copy.
  public func slidingWindowView(_ size: Int, axis: Int? = nil) throws(ShapeError) -> NDArray {
    try slidingWindowView(windowShape: [size], axes: axis.map { [$0] })
  }
}

// MARK: - NumPy's spelling

extension NDArray {
  @available(*, unavailable, renamed: "slidingWindowView(windowShape:axes:)")
  public func sliding_window_view(_ window_shape: [Int], axis: [Int]? = nil) -> NDArray { fatalError("unavailable") }
}
