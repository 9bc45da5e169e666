// Running sums and products, differences, traces and counts.

extension NDArray where Element.Sum: Numeric {
  /// The running sums along `axis` (of the flattened array when `axis`
  /// is `nil`), accumulated in ``NDElement/Sum`` as NumPy widens them:
  /// narrow integers in `Int` or `UInt`, `Bool` in `Int`.
  ///
  /// NumPy: `np.cumsum(a, axis=axis)`.
  ///
  /// - Precondition: `axis` is in range.
  /// - Complexity: O(*n*).
  public func cumulativeSum(axis: Int? = nil) -> NDArray<Element.Sum> {
    cumulative(.sum, axis: axis, "NDArray.cumulativeSum")
  }

  /// The running products along `axis` (of the flattened array when
  /// `axis` is `nil`), in ``NDElement/Sum``.
  ///
  /// NumPy: `np.cumprod(a, axis=axis)`.
  ///
  /// - Precondition: `axis` is in range.
  /// - Complexity: O(*n*).
  public func cumulativeProduct(axis: Int? = nil) -> NDArray<Element.Sum> {
    cumulative(.product, axis: axis, "NDArray.cumulativeProduct")
  }

  func cumulative(_ op: Cumulative.Operation, axis: Int?, _ operation: StaticString) -> NDArray<Element.Sum> {
    cumulative(op, axis: axis, as: Element.Sum.self, operation)
  }
}

extension NDArray {
  /// The running sums along `axis` (of the flattened array when `axis`
  /// is `nil`), with every element first converted to `T` and the sums
  /// accumulated in `T` (integers wrap there, as NumPy's do).
  ///
  /// ```swift
  /// let bytes: NDArray<Int8> = [100, 100, 100]
  /// bytes.cumulativeSum(as: Int8.self)     // [100, -56, 44]
  /// bytes.cumulativeSum(as: Double.self)   // [100.0, 200.0, 300.0]
  /// ```
  ///
  /// NumPy: `np.cumsum(a, axis=axis, dtype=T)`. The conversion is
  /// ``converted(to:)``'s: floating-point values truncate toward zero into
  /// an integer `T` (NumPy casts the same way), and complex elements keep
  /// their real part for a real `T`.
  ///
  /// - Precondition: `axis` is in range.
  /// - Complexity: O(*n*).
  public func cumulativeSum<T: NDElement & Numeric>(axis: Int? = nil, as _: T.Type) -> NDArray<T> {
    cumulative(.sum, axis: axis, as: T.self, "NDArray.cumulativeSum")
  }

  /// The running products along `axis` (of the flattened array when
  /// `axis` is `nil`), with every element first converted to `T` and the
  /// products accumulated in `T`.
  ///
  /// NumPy: `np.cumprod(a, axis=axis, dtype=T)`.
  ///
  /// - Precondition: `axis` is in range.
  /// - Complexity: O(*n*).
  public func cumulativeProduct<T: NDElement & Numeric>(axis: Int? = nil, as _: T.Type) -> NDArray<T> {
    cumulative(.product, axis: axis, as: T.self, "NDArray.cumulativeProduct")
  }

  /// The running sums or products in `A`: the lanes are converted (or
  /// copied, when `A` is the element type) into a C-ordered buffer with
  /// the axis last and scanned in place.
  func cumulative<A: NDElement>(_ op: Cumulative.Operation, axis: Int?, as _: A.Type, _ operation: StaticString)
    -> NDArray<A>
  {
    guard let axis else { return flattened().cumulative(op, axis: 0, as: A.self, operation) }
    let a = normalizedSortAxis(axis, operation)
    // The lanes, C-ordered with the axis last, in the accumulator's type.
    let moved = movingAxis(from: a, to: ndim - 1)
    let lanes: NDArray<A>
    if A.self == Element.self {
      lanes = NDArray<A>(unchecked: moved.copy(order: .c).view)
    } else {
      lanes = moved.converted(to: A.self).copy(order: .c)
    }
    let length = shape[a]
    if length > 1 {
      Cumulative.apply(op, lanes.contiguousBase, lanes: lanes.count / length, length: length, kind: A.scalarKind)
    }
    return lanes.movingAxis(from: ndim - 1, to: a)
  }
}

extension NDArray where Element.Sum: Numeric {
  /// The sums along the diagonal of the planes of `axis1` and `axis2`:
  /// a 0-d array for a matrix.
  ///
  /// NumPy: `np.trace(a, offset, axis1, axis2)`.
  ///
  /// - Throws: ``ShapeError/tooFewDimensions(operation:rank:needed:)`` for
  ///   fewer than two axes, ``ShapeError/axisOutOfRange(axis:rank:)`` and
  ///   ``ShapeError/repeatedAxis(operation:axis:)`` for bad axes (NumPy's
  ///   `ValueError` and `AxisError`).
  public func trace(offset: Int = 0, axis1: Int = 0, axis2: Int = 1) throws(ShapeError) -> NDArray<Element.Sum> {
    guard ndim >= 2 else { throw .tooFewDimensions(operation: "trace", rank: ndim, needed: 2) }
    let first = try Self.normalizedAxis(axis1, rank: ndim)
    guard try Self.normalizedAxis(axis2, rank: ndim) != first else { throw .repeatedAxis(operation: "trace", axis: first) }
    return diagonal(offset: offset, axis1: axis1, axis2: axis2).sum(axes: [-1])
  }
}

extension NDArray where Element: Numeric {
  /// The `order`-th differences along `axis`: `a[1...] − a[..<(n−1)]`,
  /// repeated; with `prepend` or `append`, those values are first joined
  /// to the array along `axis` (a 0-d array, such as a literal, stands
  /// for a slab of length 1 filled with its value).
  ///
  /// ```swift
  /// let a: NDArray<Double> = [1, 2, 4, 7]
  /// try a.differences()                          // [1.0, 2.0, 3.0]
  /// try a.differences(prepend: 0)                // [1.0, 1.0, 2.0, 3.0]
  /// try a.differences(order: 2, append: [7, 7])  // [1.0, 1.0, -3.0, 0.0]
  /// ```
  ///
  /// NumPy: `np.diff(a, n=order, axis=axis, prepend=…, append=…)`.
  ///
  /// With `order: 0` the array itself is returned (a view, as NumPy's),
  /// and `prepend` and `append` are not used.
  ///
  /// - Throws: ``ShapeError/negativeCount(_:)`` for a negative order,
  ///   ``ShapeError/zeroDimensional(operation:)`` for a 0-d array,
  ///   ``ShapeError/axisOutOfRange(axis:rank:)``, and the errors of
  ///   ``concatenate(_:axis:)`` when `prepend` or `append` does not fit the
  ///   array off `axis` (NumPy's `ValueError` and `AxisError`).
  /// - Complexity: O(`order`·*n*).
  public func differences(order: Int = 1, axis: Int = -1, prepend: NDArray? = nil, append: NDArray? = nil)
    throws(ShapeError) -> NDArray
  {
    try repeatedDifferences(order: order, axis: axis, prepend: prepend, append: append) { $0 - $1 }
  }
}

extension NDArray {
  /// `step(a[1...], a[..<(n−1)])` along `axis`, `order` times, after
  /// `prepend` and `append` are joined to the array along `axis`.
  func repeatedDifferences(
    order: Int, axis: Int, prepend: NDArray?, append: NDArray?, _ step: (NDArray, NDArray) -> NDArray
  ) throws(ShapeError) -> NDArray {
    guard order >= 0 else { throw .negativeCount(order) }
    if order == 0 { return self }
    guard ndim > 0 else { throw .zeroDimensional(operation: "differences") }
    let a = try Self.normalizedAxis(axis, rank: ndim)
    var result = self
    if prepend != nil || append != nil {
      // A 0-d value becomes a slab of length 1 along the axis, as NumPy
      // broadcasts it.
      var slab = shape
      slab[a] = 1
      func lifted(_ value: NDArray) -> NDArray { value.ndim == 0 ? try! value.broadcast(to: slab) : value }
      let parts: [NDArray?] = [prepend.map(lifted), self, append.map(lifted)]
      result = try Self.concatenate(parts.compactMap { $0 }, axis: a)
    }
    for _ in 0..<order {
      let n = result.shape[a]
      if n == 0 { break }
      result = step(result.slice(1..<n, axis: a), result.slice(0..<n - 1, axis: a))
    }
    return result
  }
}

extension NDArray where Element == Bool {
  /// The `order`-th differences of booleans: whether neighbours differ,
  /// after `prepend` and `append` are joined along `axis`.
  ///
  /// NumPy: `np.diff(a, n=order, axis=axis, prepend=…, append=…)` of a
  /// bool array.
  ///
  /// - Throws: As the numeric
  ///   `differences(order:axis:prepend:append:)`.
  public func differences(order: Int = 1, axis: Int = -1, prepend: NDArray? = nil, append: NDArray? = nil)
    throws(ShapeError) -> NDArray
  {
    try repeatedDifferences(order: order, axis: axis, prepend: prepend, append: append) { $0 .!= $1 }
  }
}

// MARK: - Counting

extension NDArray where Element: BinaryInteger {
  /// How often each value 0, 1, 2, … occurs, for at least `minimumLength`
  /// values.
  ///
  /// NumPy: `np.bincount(x, minlength=…)`.
  ///
  /// - Throws: ``StatisticsError/negativeValue(_:)`` for a negative
  ///   element or `minimumLength`; ``StatisticsError/invalidRank(operation:rank:)``
  ///   unless the array is 1-D; ``StatisticsError/outOfMemory(byteCount:)``
  ///   or ``StatisticsError/sizeOverflow(operation:)`` when the counts do not
  ///   fit in memory.
  /// - Complexity: O(*n* + the largest value).
  public func binCount(minimumLength: Int = 0) throws(StatisticsError) -> NDArray<Int> {
    let (values, length) = try binValues(minimumLength: minimumLength)
    return try .allocated(count: length, "binCount", StatisticsError.self) { counts in
      for v in values { counts[v] += 1 }
    }
  }

  /// The sum of `weights` at each value 0, 1, 2, …
  ///
  /// NumPy: `np.bincount(x, weights=w, minlength=…)`.
  ///
  /// - Throws: As ``binCount(minimumLength:)``, and
  ///   ``StatisticsError/weightsMismatch(weights:data:)`` when the
  ///   weights' shape differs.
  public func binCount(weights: NDArray<Double>, minimumLength: Int = 0) throws(StatisticsError) -> NDArray<Double> {
    let (values, length) = try binValues(minimumLength: minimumLength)
    guard weights.shape == shape else { throw .weightsMismatch(weights: weights.shape.array, data: shape.array) }
    return try .allocated(count: length, "binCount", StatisticsError.self) { sums in
      for (v, w) in zip(values, weights.flat) { sums[v] += w }
    }
  }

  /// The values as `Int`s and the number of bins: at least
  /// `minimumLength`, and one past the largest value.
  func binValues(minimumLength: Int) throws(StatisticsError) -> (values: [Int], length: Int) {
    guard ndim == 1 else { throw .invalidRank(operation: "binCount", rank: ndim) }
    guard minimumLength >= 0 else { throw .negativeValue(minimumLength) }
    if let negative = flat.first(where: { $0 < 0 }) { throw .negativeValue(Int(truncatingIfNeeded: negative)) }
    // A value beyond Int (a UInt64 above Int.max) needs more bins than
    // memory can hold.
    if flat.contains(where: { $0 > Int.max }) { throw .sizeOverflow(operation: "binCount") }
    let values = flat.map { Int(truncatingIfNeeded: $0) }
    let largest = values.max() ?? -1
    let length = largest == Int.max ? Int.max : Swift.max(minimumLength, largest + 1)
    _ = try StatisticsError.checkedByteCount(length, of: Double.self, "binCount")
    return (values, length)
  }
}

// MARK: - Histograms

/// The bins of a histogram (NumPy's `bins` and `range`).
public enum HistogramBins: Sendable {
  /// `count` equal bins over `range`, or over the data's minimum and
  /// maximum (widened by ½ on each side when they are equal).
  case count(Int, range: (lower: Double, upper: Double)? = nil)
  /// Bins between increasing edges; the last bin includes its upper edge.
  case edges([Double])
}

extension NDArray where Element: BinaryFloatingPoint {
  /// The number of elements in each bin, and the bin edges.
  ///
  /// NumPy: `np.histogram(a, bins, range)` (of the flattened array;
  /// elements outside the bins, NaN included, are not counted).
  ///
  /// - Throws: ``StatisticsError/invalidBinCount(_:)``,
  ///   ``StatisticsError/binsNotIncreasing``, and
  ///   ``StatisticsError/invalidRange(lower:upper:)`` for a range that is
  ///   reversed or not finite (a NaN in the data, when the range comes
  ///   from the data).
  /// - Complexity: O(*n*) for equal bins, O(*n* log *n*) for edges.
  public func histogram(_ bins: HistogramBins = .count(10)) throws(StatisticsError)
    -> (counts: NDArray<Int>, edges: NDArray<Double>)
  {
    let (sums, edges) = try histogramSums(bins, weights: nil)
    return (sums.mapElements { Int($0) }, edges)
  }

  /// The weight (or the density) in each bin, and the bin edges. With
  /// `density`, each bin holds its share of the total divided by its
  /// width, so that the histogram integrates to 1.
  ///
  /// NumPy: `np.histogram(a, bins, range, weights=…, density=…)`.
  ///
  /// - Throws: As ``histogram(_:)``, and
  ///   ``StatisticsError/weightsMismatch(weights:data:)``.
  public func histogram(_ bins: HistogramBins = .count(10), weights: NDArray<Double>? = nil, density: Bool)
    throws(StatisticsError) -> (values: NDArray<Double>, edges: NDArray<Double>)
  {
    if let weights, weights.shape != shape {
      throw .weightsMismatch(weights: weights.shape.array, data: shape.array)
    }
    let (sums, edges) = try histogramSums(bins, weights: weights)
    guard density else { return (sums, edges) }
    let widths = edges.slice(1..<edges.count, axis: 0) - edges.slice(0..<edges.count - 1, axis: 0)
    return (sums / widths / NDArray<Double>(scalar: sums.sum()), edges)
  }

  func histogramSums(_ bins: HistogramBins, weights: NDArray<Double>?) throws(StatisticsError)
    -> (NDArray<Double>, NDArray<Double>)
  {
    let data = flat.map { Double($0) }
    let w = weights?.flat.map { $0 }
    switch bins {
    case .edges(let edges):
      guard edges.count >= 2 else { throw .invalidBinCount(edges.count - 1) }
      guard zip(edges, edges.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw .binsNotIncreasing }
      var sums = [Double](repeating: 0, count: edges.count - 1)
      let last = edges.count - 1
      for (i, x) in data.enumerated() where x >= edges[0] && x <= edges[last] {
        // The last bin holding x: the first edge above x, less one; the
        // top edge belongs to the last bin.
        var low = 0
        var high = last
        while low < high {
          let middle = (low + high) / 2
          if edges[middle] <= x { low = middle + 1 } else { high = middle }
        }
        let bin = Swift.min(low - 1, last - 1)
        sums[bin] += w?[i] ?? 1
      }
      return (NDArray<Double>(sums), NDArray<Double>(edges))
    case .count(let count, let range):
      guard count >= 1 else { throw .invalidBinCount(count) }
      // The edges and the sums, checked before they are made.
      let edgeBytes: Int = try StatisticsError.checkedByteCount(StatisticsError.checkedSum(count, 1, "histogram"), of: Double.self, "histogram")
      try StatisticsError.reserve(edgeBytes)
      var (first, last): (Double, Double)
      if let range {
        (first, last) = range
        guard first <= last, first.isFinite, last.isFinite else { throw .invalidRange(lower: first, upper: last) }
      } else if data.isEmpty {
        (first, last) = (0, 1)
      } else {
        first = data.min()!
        last = data.max()!
        if data.contains(where: \.isNaN) { (first, last) = (.nan, .nan) }
        guard first.isFinite, last.isFinite else { throw .invalidRange(lower: first, upper: last) }
      }
      if first == last {
        first -= 0.5
        last += 0.5
      }
      let edges = NDArray<Double>.linspace(from: first, to: last, count: count + 1)
      let e = edges.contiguousBase.assumingMemoryBound(to: Double.self)
      let result: NDArray<Double> = try .allocated(count: count, "histogram", StatisticsError.self) { _ in }
      let sums = result.contiguousBase.assumingMemoryBound(to: Double.self)
      // NumPy's computation: a scaled index, then corrected against the
      // edges it must lie between.
      let scale = Double(count) / (last - first)
      for (i, x) in data.enumerated() where x >= first && x <= last {
        var bin = Int((x - first) * scale)
        if bin == count { bin -= 1 }
        if x < e[bin] { bin -= 1 } else if bin != count - 1 && x >= e[bin + 1] { bin += 1 }
        sums[bin] += w?[i] ?? 1
      }
      return (result, edges)
    }
  }
}
