// Sliding windows: NumPy's `np.lib.stride_tricks.sliding_window_view`.
// The window axes are appended after the array's own axes; each windowed
// axis shrinks to the number of window positions. Every window element is
// an element of the view, so the result reaches exactly the view's bytes
// and is made without a copy and without a bounds check of its own.

extension NDView {
  /// A read-only view of every window of `windowShape` sliding along
  /// `axes`: the view's axes (each windowed one shortened to the number of
  /// window positions, `size − window + 1`), followed by one axis per
  /// window size. Windows overlap: neighbouring windows share elements.
  ///
  /// ```swift
  /// let x = try NDView(format: "d", shape: [6])
  /// try x.slidingWindowView(windowShape: [3], axes: [0]).shape   // [4, 3]
  /// ```
  ///
  /// NumPy: `np.lib.stride_tricks.sliding_window_view(x, window_shape,
  /// axis=axes)`, with NumPy's default `writeable=False`. An axis may be
  /// named more than once, as NumPy allows: each window shortens it again.
  ///
  /// - Parameters:
  ///   - windowShape: The window's size along each axis of `axes`.
  ///   - axes: The axes the window slides along (negative ones count from
  ///     the end); `nil` for every axis, in order, when `windowShape` has
  ///     one size per axis.
  /// - Throws: ``ShapeError/negativeWindow(_:)`` for a negative size,
  ///   ``ShapeError/axisOutOfRange(axis:rank:)`` for an axis out of range,
  ///   ``ShapeError/windowCountMismatch(windows:axes:)`` when the sizes and
  ///   the axes differ in number, ``ShapeError/windowTooLarge(axis:window:size:)``
  ///   when a window is longer than what is left of its axis, and
  ///   ``ShapeError/tooManyDimensions(operation:rank:)`` when the result
  ///   would have more than ``maximumRank`` axes. NumPy raises
  ///   `ValueError` (`AxisError` for the axes).
  /// - Complexity: O(*rank*); no copy.
  public func slidingWindowView(windowShape: [Int], axes: [Int]? = nil) throws(ShapeError) -> NDView {
    if let negative = windowShape.first(where: { $0 < 0 }) { throw .negativeWindow(negative) }
    let rank = ndim
    let windowAxes: [Int]
    if let axes {
      var normalized: [Int] = []
      normalized.reserveCapacity(axes.count)
      for axis in axes {
        guard axis >= -rank && axis < rank else { throw .axisOutOfRange(axis: axis, rank: rank) }
        normalized.append(axis < 0 ? axis + rank : axis)
      }
      windowAxes = normalized
    } else {
      windowAxes = Array(0..<rank)
    }
    guard windowShape.count == windowAxes.count else {
      throw .windowCountMismatch(windows: windowShape.count, axes: windowAxes.count)
    }
    guard rank + windowShape.count <= Self.maximumRank else {
      throw .tooManyDimensions(operation: "slidingWindowView", rank: rank + windowShape.count)
    }
    let layout = self.layout
    var shape = layout.shape
    var strides = layout.strides
    for (axis, window) in zip(windowAxes, windowShape) {
      guard shape[axis] >= window else { throw .windowTooLarge(axis: axis, window: window, size: shape[axis]) }
      // `window <= shape[axis]`, so neither step overflows.
      shape[axis] -= window - 1
    }
    for (axis, window) in zip(windowAxes, windowShape) {
      shape.append(window)
      strides.append(layout.stride(axis))
    }
    // Along each axis the result reaches index (size − Σ(w − 1) − 1) +
    // Σ(w − 1) = size − 1 at most: the view's own reach.
    return NDView(
      unchecked: storage, format: format, itemSize: itemSize, byteOffset: byteOffset,
      layout: Layout(shape: shape, strides: strides), isReadOnly: true)
  }
}
