// Statistics of integer arrays. Medians, quantiles, histograms, weighted
// averages, covariances and correlations of integers run on the elements
// converted to `Double` (as NumPy converts them to float64) and give
// `Double` results; the algorithms are those of the floating-point
// versions in `NDArray+Statistics.swift`. `nanSum` of integers is their
// sum, in the widened `NDElement.Sum`, as NumPy's `nansum` of integers.
//
// NumPy keeps the integer dtype for the quantile methods that pick an
// element (`inverted_cdf`, `closest_observation`, `lower`, `higher`,
// `nearest`); Strided gives `Double` for every method (the same values,
// exact up to 2⁵³), since a Swift function has one result type.

extension NDArray where Element: BinaryInteger {
  /// The median of every element, as a `Double`: the middle one, or the
  /// mean of the two middle ones.
  ///
  /// NumPy: `np.median(a)` of an integer array.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` for an empty
  ///   array.
  /// - Complexity: O(*n*) expected.
  public func median() throws(StatisticsError) -> Double { try asDouble.median() }

  /// The medians along `axes` (all axes for `nil`), as `Double`s.
  ///
  /// NumPy: `np.median(a, axis=axes, keepdims=…)` of an integer array.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` for lanes of no
  ///   elements.
  /// - Precondition: The axes are in range and distinct.
  public func median(axes: [Int]?, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Double> {
    try asDouble.median(axes: axes, keepingDimensions: keepingDimensions)
  }

  /// The `q`-th quantile (0 ≤ `q` ≤ 1) along `axes`, as `Double`s.
  ///
  /// NumPy: `np.quantile(a, q, axis=axes, method=…, keepdims=…)` of an
  /// integer array (computed in `Double`, so the interpolation of narrow
  /// integers never wraps, where NumPy's subtracts in the integer type).
  ///
  /// - Throws: ``StatisticsError/quantileOutOfRange(_:)``, and
  ///   ``StatisticsError/emptyInput(operation:)`` for lanes of no elements.
  /// - Precondition: The axes are in range and distinct.
  /// - Complexity: O(*n*) expected.
  public func quantile(_ q: Double, axes: [Int]? = nil, method: QuantileMethod = .linear,
                       keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Double>
  {
    try asDouble.quantile(q, axes: axes, method: method, keepingDimensions: keepingDimensions)
  }

  /// Several quantiles at once, as `Double`s: the result's first axis runs
  /// over `qs`.
  ///
  /// NumPy: `np.quantile(a, qs, axis=axes, method=…)` of an integer array.
  ///
  /// - Throws: As `quantile(_:axes:method:keepingDimensions:)`.
  public func quantiles(_ qs: [Double], axes: [Int]? = nil, method: QuantileMethod = .linear,
                        keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Double>
  {
    try asDouble.quantiles(qs, axes: axes, method: method, keepingDimensions: keepingDimensions)
  }

  /// The `p`-th percentile (0 ≤ `p` ≤ 100), as `Double`s.
  ///
  /// NumPy: `np.percentile(a, p, axis=axes, method=…, keepdims=…)` of an
  /// integer array.
  ///
  /// - Throws: As `quantile(_:axes:method:keepingDimensions:)`.
  public func percentile(_ p: Double, axes: [Int]? = nil, method: QuantileMethod = .linear,
                         keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Double>
  {
    try asDouble.percentile(p, axes: axes, method: method, keepingDimensions: keepingDimensions)
  }

  /// Several percentiles, as `Double`s: the result's first axis runs over
  /// `ps`.
  ///
  /// NumPy: `np.percentile(a, ps, axis=axes, method=…)` of an integer array.
  ///
  /// - Throws: As `quantile(_:axes:method:keepingDimensions:)`.
  public func percentiles(_ ps: [Double], axes: [Int]? = nil, method: QuantileMethod = .linear,
                          keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Double>
  {
    try asDouble.percentiles(ps, axes: axes, method: method, keepingDimensions: keepingDimensions)
  }

  /// The `q`-th weighted quantile along `axes`, as `Double`s, by the
  /// inverted CDF (the only method NumPy weights).
  ///
  /// NumPy: `np.quantile(a, q, axis=axes, method="inverted_cdf", weights=w,
  /// keepdims=…)` of an integer array.
  ///
  /// - Throws: As the floating-point
  ///   `quantile(_:axes:method:weights:keepingDimensions:)`.
  /// - Precondition: The axes are in range and distinct.
  public func quantile(_ q: Double, axes: [Int]? = nil, method: QuantileMethod, weights: NDArray<Double>,
                       keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Double>
  {
    try asDouble.quantile(q, axes: axes, method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// Several weighted quantiles, as `Double`s: the result's first axis
  /// runs over `qs`.
  ///
  /// NumPy: `np.quantile(a, qs, axis=axes, method="inverted_cdf", weights=w)`.
  ///
  /// - Throws: As `quantile(_:axes:method:weights:keepingDimensions:)`.
  public func quantiles(_ qs: [Double], axes: [Int]? = nil, method: QuantileMethod, weights: NDArray<Double>,
                        keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Double>
  {
    try asDouble.quantiles(qs, axes: axes, method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// The `p`-th weighted percentile, as `Double`s.
  ///
  /// NumPy: `np.percentile(a, p, axis=axes, method="inverted_cdf", weights=w, keepdims=…)`.
  ///
  /// - Throws: As `quantile(_:axes:method:weights:keepingDimensions:)`.
  public func percentile(_ p: Double, axes: [Int]? = nil, method: QuantileMethod, weights: NDArray<Double>,
                         keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Double>
  {
    try asDouble.percentile(p, axes: axes, method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// Several weighted percentiles, as `Double`s.
  ///
  /// NumPy: `np.percentile(a, ps, axis=axes, method="inverted_cdf", weights=w)`.
  ///
  /// - Throws: As `quantile(_:axes:method:weights:keepingDimensions:)`.
  public func percentiles(_ ps: [Double], axes: [Int]? = nil, method: QuantileMethod, weights: NDArray<Double>,
                          keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Double>
  {
    try asDouble.percentiles(ps, axes: axes, method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// The number of elements in each bin, and the bin edges.
  ///
  /// NumPy: `np.histogram(a, bins, range)` of an integer array (whose
  /// edges NumPy also computes in float64).
  ///
  /// - Throws: As the floating-point `histogram(_:)`.
  /// - Complexity: O(*n*) for equal bins, O(*n* log *n*) for edges.
  public func histogram(_ bins: HistogramBins = .count(10)) throws(StatisticsError)
    -> (counts: NDArray<Int>, edges: NDArray<Double>)
  {
    try asDouble.histogram(bins)
  }

  /// The weight (or the density) in each bin, and the bin edges.
  ///
  /// NumPy: `np.histogram(a, bins, range, weights=…, density=…)` of an
  /// integer array.
  ///
  /// - Throws: As the floating-point `histogram(_:weights:density:)`.
  public func histogram(_ bins: HistogramBins = .count(10), weights: NDArray<Double>? = nil, density: Bool)
    throws(StatisticsError) -> (values: NDArray<Double>, edges: NDArray<Double>)
  {
    try asDouble.histogram(bins, weights: weights, density: density)
  }

  /// The weighted mean along `axes` (all for `nil`), as `Double`s.
  ///
  /// NumPy: `np.average(a, axis=axes, weights=w, keepdims=…)` of an
  /// integer array.
  ///
  /// - Throws: As the floating-point
  ///   `average(weights:axes:keepingDimensions:)`.
  /// - Precondition: The axes are in range and distinct.
  public func average(weights: NDArray<Double>, axes: [Int]? = nil, keepingDimensions: Bool = false)
    throws(StatisticsError) -> NDArray<Double>
  {
    try asDouble.average(weights: weights, axes: axes, keepingDimensions: keepingDimensions)
  }

  /// The weighted mean along `axes` and the sum of the weights behind
  /// each (without weights, the mean and the number of elements averaged),
  /// as `Double`s.
  ///
  /// NumPy: `np.average(a, axis=axes, weights=w, returned=True, keepdims=…)`
  /// of an integer array.
  ///
  /// - Throws: As the floating-point
  ///   `averageAndSumOfWeights(weights:axes:keepingDimensions:)`.
  /// - Precondition: The axes are in range and distinct.
  public func averageAndSumOfWeights(weights: NDArray<Double>? = nil, axes: [Int]? = nil,
                                     keepingDimensions: Bool = false) throws(StatisticsError)
    -> (average: NDArray<Double>, sumOfWeights: NDArray<Double>)
  {
    try asDouble.averageAndSumOfWeights(weights: weights, axes: axes, keepingDimensions: keepingDimensions)
  }

  /// The covariance matrix of integer variables, as `Double`s.
  ///
  /// NumPy: `np.cov(a, y, rowvar=…, bias=…, ddof=…, fweights=…, aweights=…)`
  /// of an integer array.
  ///
  /// - Throws: As the floating-point
  ///   `covariance(with:rowVariables:bias:degreesOfFreedom:frequencyWeights:analyticWeights:)`.
  public func covariance(with y: NDArray? = nil, rowVariables: Bool = true, bias: Bool = false,
                         degreesOfFreedom: Int? = nil, frequencyWeights: NDArray<Int>? = nil,
                         analyticWeights: NDArray<Double>? = nil) throws(StatisticsError) -> NDArray<Double>
  {
    try asDouble.covariance(
      with: y?.asDouble, rowVariables: rowVariables, bias: bias, degreesOfFreedom: degreesOfFreedom,
      frequencyWeights: frequencyWeights, analyticWeights: analyticWeights)
  }

  /// The Pearson correlation coefficients of integer variables, as
  /// `Double`s.
  ///
  /// NumPy: `np.corrcoef(a, y, rowvar=…)` of an integer array.
  ///
  /// - Throws: As the floating-point
  ///   `correlationCoefficients(with:rowVariables:)`.
  public func correlationCoefficients(with y: NDArray? = nil, rowVariables: Bool = true) throws(StatisticsError)
    -> NDArray<Double>
  {
    try asDouble.correlationCoefficients(with: y?.asDouble, rowVariables: rowVariables)
  }
}

extension NDArray where Element: BinaryInteger, Element.Sum: Numeric {
  /// The sum of an integer array: no integer is NaN. In
  /// ``NDElement/Sum``, as ``sum()``.
  ///
  /// NumPy: `np.nansum(a)` of an integer array (int64 or uint64 for the
  /// narrow types, as `sum`).
  ///
  /// - Complexity: O(*n*).
  public func nanSum() -> Element.Sum { sum() }

  /// The sums along `axes` of an integer array, in ``NDElement/Sum``.
  ///
  /// NumPy: `np.nansum(a, axis=axes, keepdims=…)` of an integer array.
  ///
  /// - Precondition: The axes are in range and distinct.
  public func nanSum(axes: [Int], keepingDimensions: Bool = false) -> NDArray<Element.Sum> {
    sum(axes: axes, keepingDimensions: keepingDimensions)
  }
}
