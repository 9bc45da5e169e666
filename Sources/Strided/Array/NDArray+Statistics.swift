import ComplexModule

/// How a quantile between two order statistics is computed (NumPy's
/// `method`, after Hyndman and Fan).
public enum QuantileMethod: Sendable, Hashable, CaseIterable {
  /// `"inverted_cdf"`.
  case invertedCDF
  /// `"averaged_inverted_cdf"`.
  case averagedInvertedCDF
  /// `"closest_observation"`.
  case closestObservation
  /// `"interpolated_inverted_cdf"`.
  case interpolatedInvertedCDF
  /// `"hazen"`.
  case hazen
  /// `"weibull"`.
  case weibull
  /// `"linear"`, NumPy's default.
  case linear
  /// `"median_unbiased"`.
  case medianUnbiased
  /// `"normal_unbiased"`.
  case normalUnbiased
  /// `"lower"`.
  case lower
  /// `"higher"`.
  case higher
  /// `"midpoint"`.
  case midpoint
  /// `"nearest"`.
  case nearest

  /// The positions (0-based, into the sorted sample of `n`) to read, the
  /// weight of the second, and whether the two are interpolated, by
  /// NumPy's formulas. The continuous methods always interpolate, even
  /// between one position and itself at the ends, as NumPy does (so an
  /// infinite end value gives NaN there, as in NumPy).
  func positions(_ n: Int, _ q: Double) -> (low: Int, high: Int, gamma: Double, interpolate: Bool) {
    let count = Double(n)
    func continuous(_ alpha: Double, _ beta: Double) -> Double {
      count * q + (alpha + q * (1 - alpha - beta)) - 1
    }
    func discrete(_ index: Double, _ lowerWhen: (Double, Double) -> Bool) -> (Int, Int, Double, Bool) {
      let previous = index.rounded(.down)
      let gamma = index - previous
      let chosen = Swift.max(Int(lowerWhen(gamma, index) ? previous : previous + 1), 0)
      let clipped = Swift.min(chosen, n - 1)
      return (clipped, clipped, 0, false)
    }
    func direct(_ i: Int) -> (Int, Int, Double, Bool) { (i, i, 0, false) }
    let virtual: Double
    var gammaRule: (Double, Double) -> Double = { gamma, _ in gamma }
    switch self {
    case .invertedCDF: return discrete(count * q - 1) { gamma, _ in gamma == 0 }
    case .closestObservation:
      return discrete(count * q - 1 - 0.5) { gamma, index in
        gamma == 0 && Int(index.rounded(.down)).isMultiple(of: 2) == false
      }
    case .lower: return direct(Int(((count - 1) * q).rounded(.down)))
    case .higher: return direct(Swift.min(Int(((count - 1) * q).rounded(.up)), n - 1))
    case .nearest: return direct(Int(((count - 1) * q).rounded(.toNearestOrEven)))
    case .averagedInvertedCDF:
      virtual = count * q - 1
      gammaRule = { gamma, _ in gamma == 0 ? 0.5 : 1 }
    case .interpolatedInvertedCDF: virtual = continuous(0, 1)
    case .hazen: virtual = continuous(0.5, 0.5)
    case .weibull: virtual = continuous(0, 0)
    case .linear: virtual = (count - 1) * q
    case .medianUnbiased: virtual = continuous(1 / 3.0, 1 / 3.0)
    case .normalUnbiased: virtual = continuous(3 / 8.0, 3 / 8.0)
    case .midpoint:
      let raw = (count - 1) * q
      virtual = 0.5 * (raw.rounded(.down) + raw.rounded(.up))
      gammaRule = { _, index in index.truncatingRemainder(dividingBy: 1) == 0 ? 0 : 0.5 }
    }
    // Neighbours, clamped to the sample as NumPy clamps them (its gamma is
    // then measured from the clamped index).
    var previous = virtual.rounded(.down)
    var (low, high) = (Int(previous), Int(previous) + 1)
    if virtual >= count - 1 {
      (low, high) = (n - 1, n - 1)
      previous = -1
    } else if virtual < 0 {
      (low, high) = (0, 0)
      previous = 0
    }
    return (low, high, gammaRule(virtual - previous, virtual), true)
  }
}

/// NumPy's interpolation between two neighbours: from the nearer end.
@inline(__always)
func quantileLerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
  let difference = b - a
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
}

extension NDArray where Element: BinaryFloatingPoint {
  /// The lanes of `axes` (all axes for `nil`): a C-ordered copy with the
  /// reduced axes last and merged, its shape without them, and the lane
  /// length.
  func reductionLanes(_ axes: [Int]?, _ operation: StaticString) -> (lanes: NDArray, kept: [Int], length: Int) {
    let reduced = axes.map { Reduction.normalize($0, rank: ndim, operation) } ?? Array(0..<ndim)
    let kept = (0..<ndim).filter { !reduced.contains($0) }
    let moved = permuted(Dimensions(kept + reduced)).copy(order: .c)
    let length = reduced.reduce(1) { $0 * shape[$1] }
    let keptShape = kept.map { shape[$0] }
    return (try! moved.reshaped(to: Dimensions(keptShape + [length])), keptShape, length)
  }

  /// The result shape of a reduction, with the reduced axes kept as 1.
  func reducedShape(_ axes: [Int]?, keepingDimensions: Bool) -> [Int] {
    let reduced = axes.map { Reduction.normalize($0, rank: ndim, "reduction") } ?? Array(0..<ndim)
    return (0..<ndim).compactMap { reduced.contains($0) ? (keepingDimensions ? 1 : nil) : shape[$0] }
  }

  /// Quantiles of each lane by partial selection: a lane holding NaN gives
  /// NaN; `dropNaN` removes NaN first (NaN only for lanes of nothing but
  /// NaN).
  func laneQuantiles(_ qs: [Double], axes: [Int]?, method: QuantileMethod, keepingDimensions: Bool, dropNaN: Bool,
                     _ operation: String) throws(StatisticsError) -> NDArray
  {
    for q in qs where !(q >= 0 && q <= 1) { throw .quantileOutOfRange(q) }
    let (lanes, kept, length) = reductionLanes(axes, "quantile")
    let laneCount = kept.reduce(1, *)
    if length == 0 && laneCount > 0 { throw .emptyInput(operation: operation) }
    var results = [Double](repeating: .nan, count: qs.count * laneCount)
    results.withUnsafeMutableBufferPointer { out in
      let base = lanes.contiguousBase
      let o = out.baseAddress!
      switch Element.scalarKind {
      case .float16:
        OrderStatistics.quantiles(Float16.self, base, lanes: laneCount, length: length, qs: qs, method: method, dropNaN: dropNaN, into: o)
      case .float32:
        OrderStatistics.quantiles(Float.self, base, lanes: laneCount, length: length, qs: qs, method: method, dropNaN: dropNaN, into: o)
      default:
        OrderStatistics.quantiles(Double.self, base, lanes: laneCount, length: length, qs: qs, method: method, dropNaN: dropNaN, into: o)
      }
    }
    let shape = reducedShape(axes, keepingDimensions: keepingDimensions)
    return NDArray<Double>(results, shape: Dimensions([qs.count] + shape)).converted(to: Element.self)
  }

  /// The `q`-th quantile (0 ≤ `q` ≤ 1) of the elements along `axes` (all
  /// elements for `nil`), by `method`; NaN for lanes holding NaN.
  ///
  /// NumPy: `np.quantile(a, q, axis=axes, method=…, keepdims=…)`.
  ///
  /// - Throws: ``StatisticsError/quantileOutOfRange(_:)``, and
  ///   ``StatisticsError/emptyInput(operation:)`` for lanes of no elements.
  /// - Precondition: The axes are in range and distinct.
  /// - Complexity: O(*n*) expected (selection, not sorting).
  public func quantile(_ q: Double, axes: [Int]? = nil, method: QuantileMethod = .linear,
                       keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray
  {
    let all = try laneQuantiles([q], axes: axes, method: method, keepingDimensions: keepingDimensions, dropNaN: false, "quantile")
    return all[0]
  }

  /// Several quantiles at once: the result's first axis runs over `qs`.
  ///
  /// NumPy: `np.quantile(a, qs, axis=axes, method=…)`.
  ///
  /// - Throws: As ``quantile(_:axes:method:keepingDimensions:)``.
  public func quantiles(_ qs: [Double], axes: [Int]? = nil, method: QuantileMethod = .linear,
                        keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray
  {
    try laneQuantiles(qs, axes: axes, method: method, keepingDimensions: keepingDimensions, dropNaN: false, "quantile")
  }

  /// The `p`-th percentile (0 ≤ `p` ≤ 100): the quantile `p / 100`.
  ///
  /// NumPy: `np.percentile(a, p, axis=axes, method=…, keepdims=…)`.
  ///
  /// - Throws: As ``quantile(_:axes:method:keepingDimensions:)``.
  public func percentile(_ p: Double, axes: [Int]? = nil, method: QuantileMethod = .linear,
                         keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray
  {
    try quantile(p / 100, axes: axes, method: method, keepingDimensions: keepingDimensions)
  }

  /// Several percentiles: the result's first axis runs over `ps`.
  ///
  /// NumPy: `np.percentile(a, ps, axis=axes, method=…)`.
  public func percentiles(_ ps: [Double], axes: [Int]? = nil, method: QuantileMethod = .linear,
                          keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray
  {
    try quantiles(ps.map { $0 / 100 }, axes: axes, method: method, keepingDimensions: keepingDimensions)
  }

  /// The median of every element: the middle one, or the mean of the two
  /// middle ones; NaN when any element is NaN.
  ///
  /// NumPy: `np.median(a)`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` for an empty
  ///   array.
  /// - Complexity: O(*n*) expected.
  public func median() throws(StatisticsError) -> Element {
    try median(axes: nil)[]
  }

  /// The medians along `axes` (all axes for `nil`).
  ///
  /// NumPy: `np.median(a, axis=axes, keepdims=…)`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` for lanes of no
  ///   elements.
  /// - Precondition: The axes are in range and distinct.
  public func median(axes: [Int]?, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray {
    try laneMedians(axes: axes, keepingDimensions: keepingDimensions, dropNaN: false, "median")
  }

  /// The median of the elements that are not NaN (NaN for lanes holding
  /// only NaN).
  ///
  /// NumPy: `np.nanmedian(a, axis=axes, keepdims=…)`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` for lanes of no
  ///   elements.
  public func nanMedian(axes: [Int]? = nil, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray {
    try laneMedians(axes: axes, keepingDimensions: keepingDimensions, dropNaN: true, "nanMedian")
  }

  /// Medians as NumPy computes them: the mean of the two middle elements
  /// (not an interpolation), `(a + b) / 2`.
  func laneMedians(axes: [Int]?, keepingDimensions: Bool, dropNaN: Bool, _ operation: String) throws(StatisticsError)
    -> NDArray
  {
    let (lanes, kept, length) = reductionLanes(axes, "median")
    let laneCount = kept.reduce(1, *)
    if length == 0 && laneCount > 0 { throw .emptyInput(operation: operation) }
    let result = NDArray.uninitialized(Dimensions(reducedShape(axes, keepingDimensions: keepingDimensions)), "median")
    let base = lanes.contiguousBase
    let out = result.contiguousBase
    switch Element.scalarKind {
    case .float16:
      OrderStatistics.medians(Float16.self, base, lanes: laneCount, length: length, dropNaN: dropNaN,
                              into: out.assumingMemoryBound(to: Float16.self))
    case .float32:
      OrderStatistics.medians(Float.self, base, lanes: laneCount, length: length, dropNaN: dropNaN,
                              into: out.assumingMemoryBound(to: Float.self))
    default:
      OrderStatistics.medians(Double.self, base, lanes: laneCount, length: length, dropNaN: dropNaN,
                              into: out.assumingMemoryBound(to: Double.self))
    }
    return result
  }
}

// MARK: - NaN-ignoring reductions

extension NDArray where Element: BinaryFloatingPoint, Element.Sum == Element {
  /// The elements with every NaN replaced by `value`.
  func replacingNaN(with value: Element) -> NDArray { mapElements { $0.isNaN ? value : $0 } }

  /// How many elements along `axes` are not NaN.
  func countNotNaN(axes: [Int]?, keepingDimensions: Bool) -> NDArray<Int> {
    let present = mapElements { !$0.isNaN }
    guard let axes else { return NDArray<Int>(scalar: present.sum()) }
    return present.sum(axes: axes, keepingDimensions: keepingDimensions)
  }

  /// The sum of the elements that are not NaN (0 for none).
  ///
  /// NumPy: `np.nansum(a)`.
  public func nanSum() -> Element { replacingNaN(with: 0).sum() }

  /// The sums along `axes` of the elements that are not NaN.
  ///
  /// NumPy: `np.nansum(a, axis=axes, keepdims=…)`.
  public func nanSum(axes: [Int], keepingDimensions: Bool = false) -> NDArray {
    replacingNaN(with: 0).sum(axes: axes, keepingDimensions: keepingDimensions)
  }

  /// The mean of the elements that are not NaN (NaN when there are none).
  ///
  /// NumPy: `np.nanmean(a)`.
  public func nanMean() -> Element { nanSum() / Element(countNotNaN(axes: nil, keepingDimensions: false)[]) }

  /// The means along `axes` of the elements that are not NaN.
  ///
  /// NumPy: `np.nanmean(a, axis=axes, keepdims=…)`.
  public func nanMean(axes: [Int], keepingDimensions: Bool = false) -> NDArray {
    nanSum(axes: axes, keepingDimensions: keepingDimensions)
      / countNotNaN(axes: axes, keepingDimensions: keepingDimensions).mapElements { Element($0) }
  }

  /// The variance of the elements that are not NaN, divided by their
  /// count less `degreesOfFreedom`; NaN where that is not positive (as
  /// NumPy's `nanvar`).
  ///
  /// NumPy: `np.nanvar(a, axis=axes, ddof=…, keepdims=…)`.
  public func nanVariance(axes: [Int]? = nil, degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray {
    let allAxes = axes ?? Array(0..<ndim)
    let counts = countNotNaN(axes: allAxes, keepingDimensions: true)
    let means = nanSum(axes: allAxes, keepingDimensions: true) / counts.mapElements { Element($0) }
    let deviations = NDArray.where(isnan(self), NDArray(scalar: 0), self - means)
    let squares = (deviations * deviations).sum(axes: allAxes, keepingDimensions: keepingDimensions)
    let divisors = countNotNaN(axes: allAxes, keepingDimensions: keepingDimensions)
      .mapElements { $0 - degreesOfFreedom }
    let result = squares.zipElements(with: divisors) { s, d in d <= 0 ? Element.nan : s / Element(d) }
    return axes == nil && !keepingDimensions ? result.reshapedUnchecked(to: []) : result
  }

  /// The standard deviation of the elements that are not NaN.
  ///
  /// NumPy: `np.nanstd(a, axis=axes, ddof=…, keepdims=…)`.
  public func nanStandardDeviation(axes: [Int]? = nil, degreesOfFreedom: Int = 0, keepingDimensions: Bool = false)
    -> NDArray
  {
    nanVariance(axes: axes, degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
      .mapElements { $0.squareRoot() }
  }

  /// The minimum of the elements that are not NaN along `axes` (all for
  /// `nil`); NaN for lanes holding only NaN.
  ///
  /// NumPy: `np.nanmin(a, axis=axes, keepdims=…)`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` for lanes of no
  ///   elements.
  public func nanMin(axes: [Int]? = nil, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray {
    try nanExtreme(axes: axes, keepingDimensions: keepingDimensions, maximum: false)
  }

  /// The maximum of the elements that are not NaN along `axes`.
  ///
  /// NumPy: `np.nanmax(a, axis=axes, keepdims=…)`.
  ///
  /// - Throws: As ``nanMin(axes:keepingDimensions:)``.
  public func nanMax(axes: [Int]? = nil, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray {
    try nanExtreme(axes: axes, keepingDimensions: keepingDimensions, maximum: true)
  }

  func nanExtreme(axes: [Int]?, keepingDimensions: Bool, maximum: Bool) throws(StatisticsError) -> NDArray {
    let allAxes = axes ?? Array(0..<ndim)
    let filled = replacingNaN(with: maximum ? -.infinity : .infinity)
    let extreme = maximum
      ? try filled.max(axes: allAxes, keepingDimensions: keepingDimensions)
      : try filled.min(axes: allAxes, keepingDimensions: keepingDimensions)
    let counts = countNotNaN(axes: allAxes, keepingDimensions: keepingDimensions)
    return extreme.zipElements(with: counts) { value, n in n == 0 ? .nan : value }
  }

  /// The index of the smallest element that is not NaN along `axis` (the
  /// flattened array for `nil`).
  ///
  /// NumPy: `np.nanargmin(a, axis=axis, keepdims=…)`.
  ///
  /// - Throws: ``StatisticsError/allNaN(operation:)`` for a lane holding
  ///   only NaN; ``StatisticsError/emptyInput(operation:)``.
  public func nanArgmin(axis: Int? = nil, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Int> {
    try nanArgExtreme(axis: axis, keepingDimensions: keepingDimensions, maximum: false)
  }

  /// The index of the largest element that is not NaN along `axis`.
  ///
  /// NumPy: `np.nanargmax(a, axis=axis, keepdims=…)`.
  ///
  /// - Throws: As ``nanArgmin(axis:keepingDimensions:)``.
  public func nanArgmax(axis: Int? = nil, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Int> {
    try nanArgExtreme(axis: axis, keepingDimensions: keepingDimensions, maximum: true)
  }

  func nanArgExtreme(axis: Int?, keepingDimensions: Bool, maximum: Bool) throws(StatisticsError) -> NDArray<Int> {
    let name = maximum ? "nanArgmax" : "nanArgmin"
    guard let axis else {
      let flat = flattened()
      let result = try flat.nanArgExtreme(axis: 0, keepingDimensions: false, maximum: maximum)
      return keepingDimensions ? try! result.reshaped(to: Dimensions(repeating: 1, count: ndim)) : result
    }
    let counts = countNotNaN(axes: [axis], keepingDimensions: false)
    if counts.flat.contains(0) && shape[normalizedSortAxis(axis, "nanArg")] > 0 { throw .allNaN(operation: name) }
    let filled = replacingNaN(with: maximum ? -.infinity : .infinity)
    return maximum
      ? try filled.argmax(axis: axis, keepingDimensions: keepingDimensions)
      : try filled.argmin(axis: axis, keepingDimensions: keepingDimensions)
  }

  /// The weighted mean along `axes` (all for `nil`): Σ wᵢxᵢ / Σ wᵢ.
  /// Weights have the array's shape, or are 1-D along a single axis.
  ///
  /// NumPy: `np.average(a, axis=axes, weights=w, keepdims=…)`.
  ///
  /// - Throws: ``StatisticsError/weightsMismatch(weights:data:)`` and
  ///   ``StatisticsError/zeroWeights`` when a lane's weights sum to zero.
  public func average(weights: NDArray, axes: [Int]? = nil, keepingDimensions: Bool = false) throws(StatisticsError)
    -> NDArray
  {
    var w = weights
    if weights.shape != shape {
      guard let axes, axes.count == 1, weights.ndim == 1, weights.count == shape[normalizedSortAxis(axes[0], "average")]
      else { throw .weightsMismatch(weights: weights.shape.array, data: shape.array) }
      // Along the one axis, constant across the others.
      let a = normalizedSortAxis(axes[0], "average")
      var lifted = weights
      for d in 0..<ndim where d != a { lifted = lifted.expandingDimensions(at: d) }
      w = try! lifted.broadcast(to: shape)
    }
    let allAxes = axes ?? Array(0..<ndim)
    let scale = w.sum(axes: allAxes, keepingDimensions: keepingDimensions)
    if scale.flat.contains(0) { throw .zeroWeights }
    let total = (self * w).sum(axes: allAxes, keepingDimensions: keepingDimensions)
    return total / scale
  }
}

// MARK: - Complex statistics

extension NDArray {
  /// The means of complex elements along `axes`.
  ///
  /// NumPy: `np.mean(a, axis=axes, keepdims=…)` of a complex array.
  public func mean<R: NDComplexComponent>(axes: [Int], keepingDimensions: Bool = false) -> NDArray
  where Element == Complex<R> {
    let counted = Reduction.normalize(axes, rank: ndim, "mean").reduce(1) { $0 * shape[$1] }
    let sums = sum(axes: axes, keepingDimensions: keepingDimensions)
    return sums.mapElements { ComplexMath.divide($0, Complex(R(counted), 0)) }
  }

  /// The variance of complex elements along `axes` (all for `nil`): the
  /// mean of |x − mean|², a real number.
  ///
  /// NumPy: `np.var(a, axis=axes, ddof=…, keepdims=…)` of a complex array.
  public func variance<R: NDComplexComponent>(axes: [Int]? = nil, degreesOfFreedom: Int = 0,
                                              keepingDimensions: Bool = false) -> NDArray<R>
  where Element == Complex<R>, R.Sum == R {
    let allAxes = axes ?? Array(0..<ndim)
    let counted = allAxes.isEmpty ? 1 : Reduction.normalize(allAxes, rank: ndim, "variance").reduce(1) { $0 * shape[$1] }
    let means = mean(axes: allAxes, keepingDimensions: true)
    let squares = (self - means).mapElements { z -> R in
      let (x, y) = z.rawStorage
      return x * x + y * y
    }
    let result = squares.sum(axes: allAxes, keepingDimensions: keepingDimensions) / R(Swift.max(counted - degreesOfFreedom, 0))
    return axes == nil && !keepingDimensions ? result.reshapedUnchecked(to: []) : result
  }
}

// MARK: - Covariance

extension NDArray where Element: BinaryFloatingPoint, Element.Sum == Element {
  /// The covariance matrix of the variables in the rows (or, with
  /// `rowVariables: false`, the columns), with divisor `n − 1`, `n` when
  /// `bias`, or `n − degreesOfFreedom` when given.
  ///
  /// NumPy: `np.cov(a, rowvar=…, bias=…, ddof=…)`; one variable (1-D
  /// input, or one row) gives a 0-d result, as NumPy's squeeze does.
  ///
  /// - Throws: ``StatisticsError/invalidRank(operation:rank:)`` for more
  ///   than two dimensions.
  public func covariance(rowVariables: Bool = true, bias: Bool = false, degreesOfFreedom: Int? = nil)
    throws(StatisticsError) -> NDArray
  {
    guard ndim <= 2 else { throw .invalidRank(operation: "covariance", rank: ndim) }
    var x = atLeast2D()
    if !rowVariables && ndim == 2 { x = x.transposed() }
    let observations = x.shape[1]
    let ddof = degreesOfFreedom ?? (bias ? 0 : 1)
    let factor = Element(Swift.max(observations - ddof, 0))
    let centred = x - x.mean(axes: [1], keepingDimensions: true)
    // Σ over observations of (xᵢ − x̄ᵢ)(xⱼ − x̄ⱼ), for every pair of variables.
    let variables = x.shape[0]
    let rows = (0..<variables).map { centred[$0] }
    var values: [Element] = []
    values.reserveCapacity(variables * variables)
    for i in 0..<variables {
      for j in 0..<variables { values.append((rows[i] * rows[j]).sum() / factor) }
    }
    let matrix = NDArray(values, shape: [variables, variables])
    // NumPy squeezes the result: one variable gives a 0-d array.
    return variables == 1 ? matrix.reshapedUnchecked(to: []) : matrix
  }

  /// The Pearson correlation coefficients of the variables in the rows
  /// (or columns): the covariance scaled to [−1, 1].
  ///
  /// NumPy: `np.corrcoef(a, rowvar=…)`.
  ///
  /// - Throws: As ``covariance(rowVariables:bias:degreesOfFreedom:)``.
  public func correlationCoefficients(rowVariables: Bool = true) throws(StatisticsError) -> NDArray {
    let c = try covariance(rowVariables: rowVariables)
    if c.ndim == 0 { return c / c }
    let d = c.diagonal().mapElements { $0.squareRoot() }
    let n = d.count
    let scaled = c / d.reshapedUnchecked(to: [n, 1]) / d.reshapedUnchecked(to: [1, n])
    return scaled.mapElements { Swift.min(Swift.max($0, -1), 1) }
  }
}
