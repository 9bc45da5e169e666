// `axis:` for one axis wherever a reduction takes `axes:`, as NumPy's
// `axis=` takes an integer or a tuple: `a.nanMean(axis: 0)` is
// `a.nanMean(axes: [0])`. Each forwards to the `axes:` form, so the
// results, throws and traps are that form's. The `axes:` forms that
// default to every axis keep that default: a call without `axis:` is
// theirs.

import ComplexModule

extension NDArray {
  /// The number of non-zero (or `true`) elements along one axis.
  ///
  /// NumPy: `np.count_nonzero(a, axis=axis, keepdims=…)`.
  ///
  /// - Precondition: `axis` is in range (negative counts from the end).
  public func countNonzero(axis: Int, keepingDimensions: Bool = false) -> NDArray<Int> {
    countNonzero(axes: [axis], keepingDimensions: keepingDimensions)
  }
}

extension NDArray where Element: BinaryFloatingPoint {
  /// The `q`-th quantile along one axis. See
  /// ``quantile(_:axes:method:keepingDimensions:)``.
  ///
  /// NumPy: `np.quantile(a, q, axis=axis, method=…, keepdims=…)`.
  ///
  /// - Throws: As ``quantile(_:axes:method:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func quantile(_ q: Double, axis: Int, method: QuantileMethod = .linear, keepingDimensions: Bool = false)
    throws(StatisticsError) -> NDArray
  {
    try quantile(q, axes: [axis], method: method, keepingDimensions: keepingDimensions)
  }

  /// Several quantiles along one axis: the result's first axis runs over
  /// `qs`.
  ///
  /// NumPy: `np.quantile(a, qs, axis=axis, method=…, keepdims=…)`.
  ///
  /// - Throws: As ``quantile(_:axes:method:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func quantiles(_ qs: [Double], axis: Int, method: QuantileMethod = .linear, keepingDimensions: Bool = false)
    throws(StatisticsError) -> NDArray
  {
    try quantiles(qs, axes: [axis], method: method, keepingDimensions: keepingDimensions)
  }

  /// The `p`-th percentile along one axis.
  ///
  /// NumPy: `np.percentile(a, p, axis=axis, method=…, keepdims=…)`.
  ///
  /// - Throws: As ``quantile(_:axes:method:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func percentile(_ p: Double, axis: Int, method: QuantileMethod = .linear, keepingDimensions: Bool = false)
    throws(StatisticsError) -> NDArray
  {
    try percentile(p, axes: [axis], method: method, keepingDimensions: keepingDimensions)
  }

  /// Several percentiles along one axis.
  ///
  /// NumPy: `np.percentile(a, ps, axis=axis, method=…, keepdims=…)`.
  ///
  /// - Throws: As ``quantile(_:axes:method:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func percentiles(_ ps: [Double], axis: Int, method: QuantileMethod = .linear, keepingDimensions: Bool = false)
    throws(StatisticsError) -> NDArray
  {
    try percentiles(ps, axes: [axis], method: method, keepingDimensions: keepingDimensions)
  }

  /// The weighted `q`-th quantile along one axis; `weights` has the
  /// array's shape or one weight per element along `axis`.
  ///
  /// NumPy: `np.quantile(a, q, axis=axis, method="inverted_cdf", weights=w, keepdims=…)`.
  ///
  /// - Throws: As ``quantile(_:axes:method:weights:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func quantile(
    _ q: Double, axis: Int, method: QuantileMethod, weights: NDArray<Double>, keepingDimensions: Bool = false
  ) throws(StatisticsError) -> NDArray {
    try quantile(q, axes: [axis], method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// Several weighted quantiles along one axis.
  ///
  /// NumPy: `np.quantile(a, qs, axis=axis, method="inverted_cdf", weights=w, keepdims=…)`.
  ///
  /// - Throws: As ``quantile(_:axes:method:weights:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func quantiles(
    _ qs: [Double], axis: Int, method: QuantileMethod, weights: NDArray<Double>, keepingDimensions: Bool = false
  ) throws(StatisticsError) -> NDArray {
    try quantiles(qs, axes: [axis], method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// The weighted `p`-th percentile along one axis.
  ///
  /// NumPy: `np.percentile(a, p, axis=axis, method="inverted_cdf", weights=w, keepdims=…)`.
  ///
  /// - Throws: As ``quantile(_:axes:method:weights:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func percentile(
    _ p: Double, axis: Int, method: QuantileMethod, weights: NDArray<Double>, keepingDimensions: Bool = false
  ) throws(StatisticsError) -> NDArray {
    try percentile(p, axes: [axis], method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// Several weighted percentiles along one axis.
  ///
  /// NumPy: `np.percentile(a, ps, axis=axis, method="inverted_cdf", weights=w, keepdims=…)`.
  ///
  /// - Throws: As ``quantile(_:axes:method:weights:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func percentiles(
    _ ps: [Double], axis: Int, method: QuantileMethod, weights: NDArray<Double>, keepingDimensions: Bool = false
  ) throws(StatisticsError) -> NDArray {
    try percentiles(ps, axes: [axis], method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// The medians along one axis.
  ///
  /// NumPy: `np.median(a, axis=axis, keepdims=…)`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` for lanes of no
  ///   elements.
  /// - Precondition: `axis` is in range.
  public func median(axis: Int, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray {
    try median(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The medians along one axis of the elements that are not NaN.
  ///
  /// NumPy: `np.nanmedian(a, axis=axis, keepdims=…)`.
  ///
  /// - Throws: As ``nanMedian(axes:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func nanMedian(axis: Int, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray {
    try nanMedian(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The `q`-th quantile along one axis of the elements that are not NaN.
  ///
  /// NumPy: `np.nanquantile(a, q, axis=axis, method=…, keepdims=…)`.
  ///
  /// - Throws: As ``nanQuantile(_:axes:method:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func nanQuantile(_ q: Double, axis: Int, method: QuantileMethod = .linear, keepingDimensions: Bool = false)
    throws(StatisticsError) -> NDArray
  {
    try nanQuantile(q, axes: [axis], method: method, keepingDimensions: keepingDimensions)
  }

  /// Several NaN-ignoring quantiles along one axis.
  ///
  /// NumPy: `np.nanquantile(a, qs, axis=axis, method=…, keepdims=…)`.
  ///
  /// - Throws: As ``nanQuantile(_:axes:method:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func nanQuantiles(
    _ qs: [Double], axis: Int, method: QuantileMethod = .linear, keepingDimensions: Bool = false
  ) throws(StatisticsError) -> NDArray {
    try nanQuantiles(qs, axes: [axis], method: method, keepingDimensions: keepingDimensions)
  }

  /// The NaN-ignoring `p`-th percentile along one axis.
  ///
  /// NumPy: `np.nanpercentile(a, p, axis=axis, method=…, keepdims=…)`.
  ///
  /// - Throws: As ``nanQuantile(_:axes:method:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func nanPercentile(_ p: Double, axis: Int, method: QuantileMethod = .linear, keepingDimensions: Bool = false)
    throws(StatisticsError) -> NDArray
  {
    try nanPercentile(p, axes: [axis], method: method, keepingDimensions: keepingDimensions)
  }

  /// Several NaN-ignoring percentiles along one axis.
  ///
  /// NumPy: `np.nanpercentile(a, ps, axis=axis, method=…, keepdims=…)`.
  ///
  /// - Throws: As ``nanQuantile(_:axes:method:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func nanPercentiles(
    _ ps: [Double], axis: Int, method: QuantileMethod = .linear, keepingDimensions: Bool = false
  ) throws(StatisticsError) -> NDArray {
    try nanPercentiles(ps, axes: [axis], method: method, keepingDimensions: keepingDimensions)
  }
}

extension NDArray where Element: BinaryFloatingPoint, Element.Sum == Element {
  /// The sums along one axis of the elements that are not NaN.
  ///
  /// NumPy: `np.nansum(a, axis=axis, keepdims=…)`.
  ///
  /// - Precondition: `axis` is in range.
  public func nanSum(axis: Int, keepingDimensions: Bool = false) -> NDArray {
    nanSum(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The products along one axis of the elements that are not NaN.
  ///
  /// NumPy: `np.nanprod(a, axis=axis, keepdims=…)`.
  ///
  /// - Precondition: `axis` is in range.
  public func nanProduct(axis: Int, keepingDimensions: Bool = false) -> NDArray {
    nanProduct(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The means along one axis of the elements that are not NaN.
  ///
  /// NumPy: `np.nanmean(a, axis=axis, keepdims=…)`.
  ///
  /// - Precondition: `axis` is in range.
  public func nanMean(axis: Int, keepingDimensions: Bool = false) -> NDArray {
    nanMean(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The variances along one axis of the elements that are not NaN.
  ///
  /// NumPy: `np.nanvar(a, axis=axis, ddof=…, keepdims=…)`.
  ///
  /// - Precondition: `axis` is in range.
  public func nanVariance(axis: Int, degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray {
    nanVariance(axes: [axis], degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
  }

  /// The standard deviations along one axis of the elements that are not
  /// NaN.
  ///
  /// NumPy: `np.nanstd(a, axis=axis, ddof=…, keepdims=…)`.
  ///
  /// - Precondition: `axis` is in range.
  public func nanStandardDeviation(axis: Int, degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray {
    nanStandardDeviation(axes: [axis], degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
  }

  /// The minima along one axis of the elements that are not NaN.
  ///
  /// NumPy: `np.nanmin(a, axis=axis, keepdims=…)`.
  ///
  /// - Throws: As ``nanMin(axes:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func nanMin(axis: Int, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray {
    try nanMin(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The maxima along one axis of the elements that are not NaN.
  ///
  /// NumPy: `np.nanmax(a, axis=axis, keepdims=…)`.
  ///
  /// - Throws: As ``nanMin(axes:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func nanMax(axis: Int, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray {
    try nanMax(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The weighted means along one axis; `weights` has the array's shape,
  /// or is 1-D with one weight per element along `axis`.
  ///
  /// NumPy: `np.average(a, axis=axis, weights=w, keepdims=…)`.
  ///
  /// - Throws: As ``average(weights:axes:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func average(weights: NDArray, axis: Int, keepingDimensions: Bool = false) throws(StatisticsError)
    -> NDArray
  {
    try average(weights: weights, axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The weighted means along one axis and the sums of the weights behind
  /// them; without weights, the means and the number of elements averaged.
  ///
  /// NumPy: `np.average(a, axis=axis, weights=w, returned=True, keepdims=…)`.
  ///
  /// - Throws: As ``averageAndSumOfWeights(weights:axes:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func averageAndSumOfWeights(weights: NDArray? = nil, axis: Int, keepingDimensions: Bool = false)
    throws(StatisticsError) -> (average: NDArray, sumOfWeights: NDArray)
  {
    try averageAndSumOfWeights(weights: weights, axes: [axis], keepingDimensions: keepingDimensions)
  }
}

extension NDArray {
  /// The means of complex elements along one axis.
  ///
  /// NumPy: `np.mean(a, axis=axis, keepdims=…)` of a complex array.
  ///
  /// - Precondition: `axis` is in range.
  public func mean<R: NDComplexComponent>(axis: Int, keepingDimensions: Bool = false) -> NDArray
  where Element == Complex<R> {
    mean(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The variances of complex elements along one axis: real numbers.
  ///
  /// NumPy: `np.var(a, axis=axis, ddof=…, keepdims=…)` of a complex array.
  ///
  /// - Precondition: `axis` is in range.
  public func variance<R: NDComplexComponent>(axis: Int, degreesOfFreedom: Int = 0, keepingDimensions: Bool = false)
    -> NDArray<R>
  where Element == Complex<R>, R.Sum == R {
    variance(axes: [axis], degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
  }
}

extension NDArray where Element: BLASElement, Element.Magnitude.Sum == Element.Magnitude {
  /// The vector norms along one axis.
  ///
  /// NumPy: `np.linalg.norm(x, ord, axis=axis, keepdims=…)`.
  ///
  /// - Throws: As ``norm(_:axes:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func norm(_ order: NormOrder? = nil, axis: Int, keepingDimensions: Bool = false) throws(LinalgError)
    -> NDArray<Element.Magnitude>
  {
    try norm(order, axes: [axis], keepingDimensions: keepingDimensions)
  }
}

extension NDArray where Element: BinaryInteger {
  /// The vector norms along one axis of an integer array, as `Double`s.
  ///
  /// NumPy: `np.linalg.norm(x, ord, axis=axis, keepdims=…)` of integers.
  ///
  /// - Throws: As ``norm(_:axes:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func norm(_ order: NormOrder? = nil, axis: Int, keepingDimensions: Bool = false) throws(LinalgError)
    -> NDArray<Double>
  {
    try norm(order, axes: [axis], keepingDimensions: keepingDimensions)
  }
}
