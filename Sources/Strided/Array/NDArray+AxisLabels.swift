// The rest of the one axis-label rule: `axis:` for one axis, `axes:` for
// several, wherever NumPy's `axis=` takes an integer or a tuple. The
// floating-point reductions have theirs in `NDArray+AxisSpellings.swift`;
// here are the integer statistics (which run in `Double`), `np.flip`,
// `np.squeeze` and `np.expand_dims` with several axes, `np.roll` with one
// shift for several axes, and `fftshift` of one axis. Each forwards to an
// existing form, so results, throws and traps are that form's.

extension NDArray where Element: BinaryInteger {
  /// The medians along one axis, as `Double`s.
  ///
  /// NumPy: `np.median(a, axis=axis, keepdims=…)` of an integer array.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` for lanes of no
  ///   elements.
  /// - Precondition: `axis` is in range (negative counts from the end).
  /// - Complexity: O(*n*) expected.
  public func median(axis: Int, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Double> {
    try median(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The `q`-th quantile (0 ≤ `q` ≤ 1) along one axis, as `Double`s.
  ///
  /// NumPy: `np.quantile(a, q, axis=axis, method=…, keepdims=…)` of an
  /// integer array.
  ///
  /// - Throws: ``StatisticsError/quantileOutOfRange(_:)``, and
  ///   ``StatisticsError/emptyInput(operation:)`` for lanes of no elements.
  /// - Precondition: `axis` is in range.
  public func quantile(_ q: Double, axis: Int, method: QuantileMethod = .linear, keepingDimensions: Bool = false)
    throws(StatisticsError) -> NDArray<Double>
  {
    try quantile(q, axes: [axis], method: method, keepingDimensions: keepingDimensions)
  }

  /// Several quantiles along one axis, as `Double`s: the result's first
  /// axis runs over `qs`.
  ///
  /// NumPy: `np.quantile(a, qs, axis=axis, method=…, keepdims=…)` of an
  /// integer array.
  ///
  /// - Throws: As ``quantile(_:axis:method:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func quantiles(_ qs: [Double], axis: Int, method: QuantileMethod = .linear, keepingDimensions: Bool = false)
    throws(StatisticsError) -> NDArray<Double>
  {
    try quantiles(qs, axes: [axis], method: method, keepingDimensions: keepingDimensions)
  }

  /// The `p`-th percentile (0 ≤ `p` ≤ 100) along one axis, as `Double`s.
  ///
  /// NumPy: `np.percentile(a, p, axis=axis, method=…, keepdims=…)` of an
  /// integer array.
  ///
  /// - Throws: As ``quantile(_:axis:method:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func percentile(_ p: Double, axis: Int, method: QuantileMethod = .linear, keepingDimensions: Bool = false)
    throws(StatisticsError) -> NDArray<Double>
  {
    try percentile(p, axes: [axis], method: method, keepingDimensions: keepingDimensions)
  }

  /// Several percentiles along one axis, as `Double`s.
  ///
  /// NumPy: `np.percentile(a, ps, axis=axis, method=…, keepdims=…)` of an
  /// integer array.
  ///
  /// - Throws: As ``quantile(_:axis:method:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func percentiles(_ ps: [Double], axis: Int, method: QuantileMethod = .linear, keepingDimensions: Bool = false)
    throws(StatisticsError) -> NDArray<Double>
  {
    try percentiles(ps, axes: [axis], method: method, keepingDimensions: keepingDimensions)
  }

  /// The weighted `q`-th quantile along one axis, as `Double`s; `weights`
  /// has the array's shape or one weight per element along `axis`.
  ///
  /// NumPy: `np.quantile(a, q, axis=axis, method="inverted_cdf", weights=w, keepdims=…)`
  /// of an integer array.
  ///
  /// - Throws: As the floating-point
  ///   `quantile(_:axes:method:weights:keepingDimensions:)`.
  /// - Precondition: `axis` is in range.
  public func quantile(
    _ q: Double, axis: Int, method: QuantileMethod, weights: NDArray<Double>, keepingDimensions: Bool = false
  ) throws(StatisticsError) -> NDArray<Double> {
    try quantile(q, axes: [axis], method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// Several weighted quantiles along one axis, as `Double`s.
  ///
  /// NumPy: `np.quantile(a, qs, axis=axis, method="inverted_cdf", weights=w, keepdims=…)`
  /// of an integer array.
  ///
  /// - Throws: As the floating-point
  ///   `quantile(_:axes:method:weights:keepingDimensions:)`.
  /// - Precondition: `axis` is in range.
  public func quantiles(
    _ qs: [Double], axis: Int, method: QuantileMethod, weights: NDArray<Double>, keepingDimensions: Bool = false
  ) throws(StatisticsError) -> NDArray<Double> {
    try quantiles(qs, axes: [axis], method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// The weighted `p`-th percentile along one axis, as `Double`s.
  ///
  /// NumPy: `np.percentile(a, p, axis=axis, method="inverted_cdf", weights=w, keepdims=…)`
  /// of an integer array.
  ///
  /// - Throws: As the floating-point
  ///   `quantile(_:axes:method:weights:keepingDimensions:)`.
  /// - Precondition: `axis` is in range.
  public func percentile(
    _ p: Double, axis: Int, method: QuantileMethod, weights: NDArray<Double>, keepingDimensions: Bool = false
  ) throws(StatisticsError) -> NDArray<Double> {
    try percentile(p, axes: [axis], method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// Several weighted percentiles along one axis, as `Double`s.
  ///
  /// NumPy: `np.percentile(a, ps, axis=axis, method="inverted_cdf", weights=w, keepdims=…)`
  /// of an integer array.
  ///
  /// - Throws: As the floating-point
  ///   `quantile(_:axes:method:weights:keepingDimensions:)`.
  /// - Precondition: `axis` is in range.
  public func percentiles(
    _ ps: [Double], axis: Int, method: QuantileMethod, weights: NDArray<Double>, keepingDimensions: Bool = false
  ) throws(StatisticsError) -> NDArray<Double> {
    try percentiles(ps, axes: [axis], method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// The weighted means along one axis, as `Double`s; `weights` has the
  /// array's shape, or is 1-D with one weight per element along `axis`.
  ///
  /// NumPy: `np.average(a, axis=axis, weights=w, keepdims=…)` of an
  /// integer array.
  ///
  /// - Throws: As the floating-point
  ///   `average(weights:axes:keepingDimensions:)`.
  /// - Precondition: `axis` is in range.
  public func average(weights: NDArray<Double>, axis: Int, keepingDimensions: Bool = false)
    throws(StatisticsError) -> NDArray<Double>
  {
    try average(weights: weights, axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The weighted means along one axis and the sums of the weights behind
  /// them (without weights, the means and the number of elements
  /// averaged), as `Double`s.
  ///
  /// NumPy: `np.average(a, axis=axis, weights=w, returned=True, keepdims=…)`
  /// of an integer array.
  ///
  /// - Throws: As the floating-point
  ///   `averageAndSumOfWeights(weights:axes:keepingDimensions:)`.
  /// - Precondition: `axis` is in range.
  public func averageAndSumOfWeights(weights: NDArray<Double>? = nil, axis: Int, keepingDimensions: Bool = false)
    throws(StatisticsError) -> (average: NDArray<Double>, sumOfWeights: NDArray<Double>)
  {
    try averageAndSumOfWeights(weights: weights, axes: [axis], keepingDimensions: keepingDimensions)
  }
}

extension NDArray where Element: BinaryInteger, Element.Sum: Numeric {
  /// The sums along one axis of an integer array (no integer is NaN), in
  /// ``NDElement/Sum``.
  ///
  /// NumPy: `np.nansum(a, axis=axis, keepdims=…)` of an integer array.
  ///
  /// - Precondition: `axis` is in range.
  /// - Complexity: O(*n*).
  public func nanSum(axis: Int, keepingDimensions: Bool = false) -> NDArray<Element.Sum> {
    nanSum(axes: [axis], keepingDimensions: keepingDimensions)
  }
}

extension NDArray {
  /// The array reversed along each of `axes`, as a view.
  ///
  /// NumPy: `np.flip(a, axis=axes)` with a tuple of axes.
  ///
  /// - Precondition: Every axis is in range (negative ones count from the
  ///   end) and no axis is named twice.
  /// - Complexity: O(*rank*); no copy.
  public func flipped(axes: [Int]) -> NDArray {
    let resolved = Self.distinctAxes(axes, rank: ndim, in: "NDArray.flipped")
    var result = self
    for axis in resolved { result = result.flipped(axis: axis) }
    return result
  }

  /// The array without each of `axes`, which must have length 1, as a
  /// view.
  ///
  /// NumPy: `np.squeeze(a, axis=axes)` with a tuple of axes.
  ///
  /// - Precondition: Every axis is in range, has length 1, and is named
  ///   once.
  /// - Complexity: O(*rank*); no copy.
  public func squeezed(axes: [Int]) -> NDArray {
    let resolved = Self.distinctAxes(axes, rank: ndim, in: "NDArray.squeezed")
    var result = self
    // From the last axis back, so that the earlier positions stay valid.
    for axis in resolved.sorted(by: >) { result = result.squeezed(axis: axis) }
    return result
  }

  /// The array with a new axis of length 1 at each of `axes`, which count
  /// positions in the result (of `ndim + axes.count` axes; negative ones
  /// from its end), as a view.
  ///
  /// NumPy: `np.expand_dims(a, axis=axes)` with a tuple of axes.
  ///
  /// - Precondition: Every position is in range of the result, none is
  ///   named twice, and the result has at most ``NDView/maximumRank``
  ///   axes.
  /// - Complexity: O(*rank*); no copy.
  public func expandingDimensions(at axes: [Int]) -> NDArray {
    let resolved = Self.distinctAxes(axes, rank: ndim + axes.count, in: "NDArray.expandingDimensions")
    var result = self
    // In increasing order: each insertion leaves the positions before it
    // where they were.
    for axis in resolved.sorted() { result = result.expandingDimensions(at: axis) }
    return result
  }

  /// The elements shifted by the same `shift` along each of `axes`.
  ///
  /// NumPy: `np.roll(a, shift, axis=axes)` with one shift and a tuple of
  /// axes.
  ///
  /// - Throws: As ``rolled(by:axes:)``.
  /// - Complexity: O(*n*).
  public func rolled(by shift: Int, axes: [Int]) throws(ShapeError) -> NDArray {
    try rolled(by: [shift], axes: axes)
  }

  /// `axes` counted from the front, trapping with `operation`'s name on an
  /// axis out of range or named twice (NumPy's "repeated axis").
  static func distinctAxes(_ axes: [Int], rank: Int, in operation: StaticString) -> [Int] {
    var seen = [Bool](repeating: false, count: Swift.max(rank, 0))
    var resolved: [Int] = []
    resolved.reserveCapacity(axes.count)
    for axis in axes {
      let d = Layout.normalizeAxis(axis, rank: rank, in: operation)
      precondition(!seen[d], "\(operation): axis \(axis) is repeated")
      seen[d] = true
      resolved.append(d)
    }
    return resolved
  }
}

extension FFT {
  /// The array rolled so that frequency 0 is in the middle of one axis.
  ///
  /// NumPy: `np.fft.fftshift(x, axes=axis)` with an integer.
  ///
  /// - Throws: As ``fftshift(_:axes:)``.
  public static func fftshift<E: NDElement>(_ x: NDArray<E>, axis: Int) throws(FFTError) -> NDArray<E> {
    try fftshift(x, axes: [axis])
  }

  /// The inverse of ``fftshift(_:axis:)``.
  ///
  /// NumPy: `np.fft.ifftshift(x, axes=axis)` with an integer.
  ///
  /// - Throws: As ``ifftshift(_:axes:)``.
  public static func ifftshift<E: NDElement>(_ x: NDArray<E>, axis: Int) throws(FFTError) -> NDArray<E> {
    try ifftshift(x, axes: [axis])
  }
}
