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

  /// Weighted quantiles of each lane by NumPy's `inverted_cdf` rule: the
  /// lane is sorted with its weights, and each quantile is the first
  /// element whose share of the running weight reaches it. NaN for lanes
  /// holding NaN.
  func laneWeightedQuantiles(_ qs: [Double], axes: [Int]?, method: QuantileMethod, weights: NDArray<Double>,
                             keepingDimensions: Bool) throws(StatisticsError) -> NDArray
  {
    for q in qs where !(q >= 0 && q <= 1) { throw .quantileOutOfRange(q) }
    guard method == .invertedCDF else { throw .weightedMethod(method) }
    let lifted = try weights.weightsLifted(to: shape, axes: axes, "quantile")
    if let negative = weights.flat.first(where: { $0 < 0 }) { throw .negativeWeight(negative) }
    let (lanes, kept, length) = reductionLanes(axes, "quantile")
    let laneCount = kept.reduce(1, *)
    if length == 0 && laneCount > 0 { throw .emptyInput(operation: "quantile") }
    let weightLanes = lifted.reductionLanes(axes, "quantile").lanes
    // NumPy's check: the running weight of every lane must end positive
    // and finite, so that it can be normalized.
    for total in weightLanes.sum(axes: [-1]).flat where !(total > 0 && total.isFinite) {
      throw total == 0 ? StatisticsError.zeroWeights : .nonFiniteWeights
    }
    var results = [Double](repeating: .nan, count: qs.count * laneCount)
    withExtendedLifetime((lanes, weightLanes)) {
      results.withUnsafeMutableBufferPointer { out in
        guard let o = out.baseAddress else { return }
        let base = lanes.contiguousBase
        let w = UnsafePointer(weightLanes.contiguousBase.assumingMemoryBound(to: Double.self))
        switch Element.scalarKind {
        case .float16:
          OrderStatistics.weightedQuantiles(
            Float16.self, base, weights: w, lanes: laneCount, length: length, qs: qs, into: o)
        case .float32:
          OrderStatistics.weightedQuantiles(
            Float.self, base, weights: w, lanes: laneCount, length: length, qs: qs, into: o)
        default:
          OrderStatistics.weightedQuantiles(
            Double.self, base, weights: w, lanes: laneCount, length: length, qs: qs, into: o)
        }
      }
    }
    let resultShape = reducedShape(axes, keepingDimensions: keepingDimensions)
    return NDArray<Double>(results, shape: Dimensions([qs.count] + resultShape)).converted(to: Element.self)
  }

  /// The `q`-th weighted quantile (0 ≤ `q` ≤ 1) of the elements along
  /// `axes` (all elements for `nil`): the first element, in sorted order,
  /// at which the running share of the weight reaches `q`. NaN for lanes
  /// holding NaN. Only ``QuantileMethod/invertedCDF`` takes weights, as in
  /// NumPy; the method is asked for so that the call says so.
  ///
  /// ```swift
  /// let a: NDArray<Double> = [1, 2, 3, 4]
  /// try a.quantile(0.5, method: .invertedCDF, weights: [1, 1, 1, 5])   // 4.0
  /// ```
  ///
  /// NumPy: `np.quantile(a, q, axis=axes, method="inverted_cdf",
  /// weights=w, keepdims=…)`.
  ///
  /// The weights have the array's shape, or the shape of the array along
  /// `axes` (in the order `axes` gives them), and then apply along those
  /// axes alike in every lane.
  ///
  /// - Throws: ``StatisticsError/quantileOutOfRange(_:)``;
  ///   ``StatisticsError/weightedMethod(_:)`` for any other method;
  ///   ``StatisticsError/weightsMismatch(weights:data:)`` for weights of
  ///   another shape; ``StatisticsError/negativeWeight(_:)``;
  ///   ``StatisticsError/emptyInput(operation:)`` for lanes of no
  ///   elements; ``StatisticsError/zeroWeights`` and
  ///   ``StatisticsError/nonFiniteWeights`` when a lane's weights sum to
  ///   zero, or to infinity or NaN (NumPy's `ValueError` for each).
  /// - Precondition: The axes are in range and distinct.
  /// - Complexity: O(*n* log *n*) (each lane is sorted).
  public func quantile(_ q: Double, axes: [Int]? = nil, method: QuantileMethod, weights: NDArray<Double>,
                       keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray
  {
    let all = try laneWeightedQuantiles(
      [q], axes: axes, method: method, weights: weights, keepingDimensions: keepingDimensions)
    return all[0]
  }

  /// Several weighted quantiles at once: the result's first axis runs
  /// over `qs`.
  ///
  /// NumPy: `np.quantile(a, qs, axis=axes, method="inverted_cdf", weights=w)`.
  ///
  /// - Throws: As `quantile(_:axes:method:weights:keepingDimensions:)`.
  public func quantiles(_ qs: [Double], axes: [Int]? = nil, method: QuantileMethod, weights: NDArray<Double>,
                        keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray
  {
    try laneWeightedQuantiles(qs, axes: axes, method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// The `p`-th weighted percentile (0 ≤ `p` ≤ 100): the weighted
  /// quantile `p / 100`.
  ///
  /// NumPy: `np.percentile(a, p, axis=axes, method="inverted_cdf", weights=w, keepdims=…)`.
  ///
  /// - Throws: As `quantile(_:axes:method:weights:keepingDimensions:)`.
  public func percentile(_ p: Double, axes: [Int]? = nil, method: QuantileMethod, weights: NDArray<Double>,
                         keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray
  {
    try quantile(p / 100, axes: axes, method: method, weights: weights, keepingDimensions: keepingDimensions)
  }

  /// Several weighted percentiles: the result's first axis runs over `ps`.
  ///
  /// NumPy: `np.percentile(a, ps, axis=axes, method="inverted_cdf", weights=w)`.
  ///
  /// - Throws: As `quantile(_:axes:method:weights:keepingDimensions:)`.
  public func percentiles(_ ps: [Double], axes: [Int]? = nil, method: QuantileMethod, weights: NDArray<Double>,
                          keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray
  {
    try quantiles(
      ps.map { $0 / 100 }, axes: axes, method: method, weights: weights, keepingDimensions: keepingDimensions)
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
  ///
  /// ```swift
  /// let a: NDArray<Double> = [[1, 2], [3, 4]]
  /// try a.average(weights: [1, 3], axes: [1])   // [1.75, 3.75]
  /// ```
  ///
  /// NumPy: `np.average(a, axis=axes, weights=w, keepdims=…)`.
  ///
  /// The weights have the array's shape, or the shape of the array along
  /// `axes` (in the order `axes` gives them), and then apply along those
  /// axes alike everywhere else.
  ///
  /// - Throws: ``StatisticsError/weightsMismatch(weights:data:)`` for
  ///   weights of another shape (NumPy's `TypeError` or `ValueError`) and
  ///   ``StatisticsError/zeroWeights`` when a lane's weights sum to zero
  ///   (NumPy's `ZeroDivisionError`).
  /// - Precondition: The axes are in range and distinct.
  public func average(weights: NDArray, axes: [Int]? = nil, keepingDimensions: Bool = false) throws(StatisticsError)
    -> NDArray
  {
    try averageAndSumOfWeights(weights: weights, axes: axes, keepingDimensions: keepingDimensions).average
  }

  /// The weighted mean along `axes` (all for `nil`) and the sum of the
  /// weights behind each mean, both of the mean's shape. Without weights,
  /// the mean and the number of elements averaged.
  ///
  /// ```swift
  /// let a: NDArray<Double> = [[1, 2], [3, 4]]
  /// try a.averageAndSumOfWeights(axes: [0])                        // ([2, 3], [2, 2])
  /// try a.averageAndSumOfWeights(weights: [1, 3], axes: [1]).sumOfWeights   // [4, 4]
  /// ```
  ///
  /// NumPy: `np.average(a, axis=axes, weights=w, returned=True, keepdims=…)`.
  ///
  /// - Throws: As `average(weights:axes:keepingDimensions:)`.
  /// - Precondition: The axes are in range and distinct.
  public func averageAndSumOfWeights(weights: NDArray? = nil, axes: [Int]? = nil, keepingDimensions: Bool = false)
    throws(StatisticsError) -> (average: NDArray, sumOfWeights: NDArray)
  {
    let allAxes = axes ?? Array(0..<ndim)
    guard let weights else {
      let average = mean(axes: allAxes, keepingDimensions: keepingDimensions)
      let counted = Reduction.normalize(allAxes, rank: ndim, "average").reduce(1) { $0 * shape[$1] }
      return (average, NDArray(repeating: Element(counted), shape: average.shape))
    }
    let w = try weights.weightsLifted(to: shape, axes: axes, "average")
    let scale = w.sum(axes: allAxes, keepingDimensions: keepingDimensions)
    if scale.flat.contains(0) { throw .zeroWeights }
    return ((self * w).sum(axes: allAxes, keepingDimensions: keepingDimensions) / scale, scale)
  }
}

extension NDArray {
  /// Weights for data of shape `data`, broadcast to it by NumPy's rule for
  /// `average` and weighted quantiles: weights of the data's shape stay as
  /// they are; others must have the data's lengths along `axes`, in the
  /// order `axes` lists them, and are laid along those axes (a view).
  func weightsLifted(to data: Dimensions, axes: [Int]?, _ operation: StaticString) throws(StatisticsError) -> NDArray {
    if shape == data { return self }
    let mismatch = StatisticsError.weightsMismatch(weights: shape.array, data: data.array)
    guard let axes else { throw mismatch }
    let rank = data.count
    let listed = axes.map { axis in
      precondition(axis >= -rank && axis < rank, "\(operation): axis \(axis) is out of range for \(rank) dimensions")
      return axis < 0 ? axis + rank : axis
    }
    let increasing = Reduction.normalize(listed, rank: rank, operation)
    guard shape.array == listed.map({ data[$0] }) else { throw mismatch }
    // The weights' axes in the data's order, then a length-1 axis for
    // every axis the weights do not run along.
    var lifted = permuted(Dimensions(listed.indices.sorted { listed[$0] < listed[$1] }))
    for d in 0..<rank where !increasing.contains(d) { lifted = lifted.expandingDimensions(at: d) }
    return try! lifted.broadcast(to: data)
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

extension NDArray {
  /// The variables of `self`, and of `y` after them, as the rows of one
  /// matrix, by NumPy's `cov`; `nil` when `self` has no variables (the
  /// covariance is then an empty 0 × 0 matrix, whatever `y` holds).
  func covarianceVariables(_ y: NDArray?, rowVariables: Bool) throws(StatisticsError) -> NDArray? {
    guard ndim <= 2 else { throw .invalidRank(operation: "covariance", rank: ndim) }
    if let y, y.ndim > 2 { throw .invalidRank(operation: "covariance", rank: y.ndim) }
    var x = atLeast2D()
    if !rowVariables && ndim != 1 { x = x.transposed() }
    if x.shape[0] == 0 { return nil }
    guard let y else { return x }
    // As NumPy: `y` is turned unless it is one row.
    var other = y.atLeast2D()
    if !rowVariables && other.shape[0] != 1 { other = other.transposed() }
    guard other.shape[1] == x.shape[1] else { throw .observationCountMismatch(x: x.shape[1], y: other.shape[1]) }
    return try! Self.concatenate([x, other], axis: 0)
  }
}

extension NDArray where Element == Double {
  /// The weight of each observation for `cov` (the frequency weights times
  /// the analytic weights), their sum, and the divisor for
  /// `degreesOfFreedom`, by NumPy's formulas; `nil` without weights.
  static func covarianceWeights(frequency: NDArray<Int>?, analytic: NDArray<Double>?, observations: Int,
                                degreesOfFreedom ddof: Int) throws(StatisticsError)
    -> (weights: NDArray<Double>, sum: Double, divisor: Double)?
  {
    var combined: NDArray<Double>?
    if let frequency {
      guard frequency.ndim == 1, frequency.count == observations else {
        throw .weightsMismatch(weights: frequency.shape.array, data: [observations])
      }
      if let negative = frequency.flat.first(where: { $0 < 0 }) { throw .negativeWeight(Double(negative)) }
      combined = frequency.converted(to: Double.self)
    }
    if let analytic {
      guard analytic.ndim == 1, analytic.count == observations else {
        throw .weightsMismatch(weights: analytic.shape.array, data: [observations])
      }
      if let negative = analytic.flat.first(where: { $0 < 0 }) { throw .negativeWeight(negative) }
      combined = combined.map { $0 * analytic } ?? analytic
    }
    guard let weights = combined else { return nil }
    let sum = weights.sum()
    // NumPy's weighted mean raises `ZeroDivisionError` here.
    if sum == 0 { throw .zeroWeights }
    let divisor: Double
    if ddof == 0 {
      divisor = sum
    } else if let analytic {
      divisor = sum - Double(ddof) * (weights * analytic).sum() / sum
    } else {
      divisor = sum - Double(ddof)
    }
    return (weights, sum, divisor)
  }
}

extension NDArray where Element: BinaryFloatingPoint, Element.Sum == Element {
  /// The covariance matrix of the variables in the rows (or, with
  /// `rowVariables: false`, the columns), with `y`'s variables after
  /// `self`'s, and divisor `n − 1`, `n` when `bias`, or
  /// `n − degreesOfFreedom` when given.
  ///
  /// ```swift
  /// let x: NDArray<Double> = [1, 2, 4]
  /// try x.covariance()                        // 2.333… (a 0-d array)
  /// try x.covariance(with: [3, 1, 2])         // [[2.333…, -0.5], [-0.5, 1.0]]
  /// try x.covariance(frequencyWeights: [1, 2, 0])   // 0.333…
  /// ```
  ///
  /// NumPy: `np.cov(a, y, rowvar=…, bias=…, ddof=…, fweights=…,
  /// aweights=…)`; one variable in all gives a 0-d result, as NumPy's
  /// squeeze does, and an array of no variables an empty 0 × 0 matrix.
  ///
  /// With weights, the observations' weights are the frequency weights
  /// (how often each observation counts) times the analytic weights
  /// (their relative importance); the means are weighted, and the divisor
  /// is NumPy's: the sum of the weights `v₁`, less `degreesOfFreedom` (times
  /// `Σ wᵢaᵢ / v₁` when there are analytic weights). A divisor that is not
  /// positive counts as 0 (NumPy warns there), giving infinities or NaN.
  ///
  /// - Throws: ``StatisticsError/invalidRank(operation:rank:)`` for more
  ///   than two dimensions in `self` or `y`;
  ///   ``StatisticsError/observationCountMismatch(x:y:)`` when `y` has
  ///   another number of observations;
  ///   ``StatisticsError/weightsMismatch(weights:data:)`` for weights that
  ///   are not 1-D with one per observation,
  ///   ``StatisticsError/negativeWeight(_:)``, and
  ///   ``StatisticsError/zeroWeights`` when the weights sum to zero (NumPy's
  ///   `ValueError`, `RuntimeError` and `ZeroDivisionError`).
  /// - Complexity: O(*v*² *n*) for *v* variables and *n* observations (one
  ///   matrix product).
  public func covariance(with y: NDArray? = nil, rowVariables: Bool = true, bias: Bool = false,
                         degreesOfFreedom: Int? = nil, frequencyWeights: NDArray<Int>? = nil,
                         analyticWeights: NDArray<Double>? = nil) throws(StatisticsError) -> NDArray
  {
    guard let x = try covarianceVariables(y, rowVariables: rowVariables) else { return .zeros([0, 0]) }
    let ddof = degreesOfFreedom ?? (bias ? 0 : 1)
    let centred: NDArray
    let weighted: NDArray
    let divisor: Double
    if let weights = try NDArray<Double>.covarianceWeights(
      frequency: frequencyWeights, analytic: analyticWeights, observations: x.shape[1], degreesOfFreedom: ddof)
    {
      let w = weights.weights.converted(to: Element.self)
      let means = (x * w).sum(axes: [1], keepingDimensions: true) / Element(weights.sum)
      centred = x - means
      weighted = centred * w
      divisor = weights.divisor
    } else {
      centred = x - x.mean(axes: [1], keepingDimensions: true)
      weighted = centred
      divisor = Double(x.shape[1] - ddof)
    }
    // Σ over observations of wₖ(xᵢₖ − x̄ᵢ)(xⱼₖ − x̄ⱼ) for every pair of
    // variables, times the reciprocal of the divisor, as NumPy scales it.
    let scale = Element(1 / (divisor <= 0 ? 0 : divisor))
    let c = centred.matmul(weighted.transposed()) * scale
    // NumPy squeezes the result: one variable gives a 0-d array.
    return c.shape[0] == 1 ? c.reshapedUnchecked(to: []) : c
  }

  /// The Pearson correlation coefficients of the variables in the rows
  /// (or columns), with `y`'s variables after `self`'s: the covariance
  /// scaled to [−1, 1].
  ///
  /// ```swift
  /// let x: NDArray<Double> = [1, 2, 4]
  /// try x.correlationCoefficients(with: [3, 1, 2])   // [[1.0, -0.327…], [-0.327…, 1.0]]
  /// ```
  ///
  /// NumPy: `np.corrcoef(a, y, rowvar=…)`.
  ///
  /// - Throws: As `covariance(with:rowVariables:bias:degreesOfFreedom:frequencyWeights:analyticWeights:)`.
  public func correlationCoefficients(with y: NDArray? = nil, rowVariables: Bool = true) throws(StatisticsError)
    -> NDArray
  {
    let c = try covariance(with: y, rowVariables: rowVariables)
    if c.ndim == 0 { return c / c }
    let d = c.diagonal().mapElements { $0.squareRoot() }
    let n = d.count
    let scaled = c / d.reshapedUnchecked(to: [n, 1]) / d.reshapedUnchecked(to: [1, n])
    return scaled.mapElements { Swift.min(Swift.max($0, -1), 1) }
  }
}

extension NDArray {
  /// The covariance matrix of complex variables: the weighted sums of
  /// (xᵢ − x̄ᵢ)·conj(xⱼ − x̄ⱼ), with the rules and divisors of the real
  /// `covariance(with:rowVariables:bias:degreesOfFreedom:frequencyWeights:analyticWeights:)`.
  /// The diagonal holds the (real) variances.
  ///
  /// NumPy: `np.cov(z, y, rowvar=…, bias=…, ddof=…, fweights=…, aweights=…)`
  /// of a complex array.
  ///
  /// - Throws: As the real
  ///   `covariance(with:rowVariables:bias:degreesOfFreedom:frequencyWeights:analyticWeights:)`.
  /// - Complexity: O(*v*² *n*).
  public func covariance<R: NDComplexComponent>(
    with y: NDArray? = nil, rowVariables: Bool = true, bias: Bool = false, degreesOfFreedom: Int? = nil,
    frequencyWeights: NDArray<Int>? = nil, analyticWeights: NDArray<Double>? = nil
  ) throws(StatisticsError) -> NDArray where Element == Complex<R> {
    guard let x = try covarianceVariables(y, rowVariables: rowVariables) else { return .zeros([0, 0]) }
    let ddof = degreesOfFreedom ?? (bias ? 0 : 1)
    let centred: NDArray
    let weighted: NDArray
    let divisor: Double
    if let weights = try NDArray<Double>.covarianceWeights(
      frequency: frequencyWeights, analytic: analyticWeights, observations: x.shape[1], degreesOfFreedom: ddof)
    {
      let w = weights.weights.mapElements { Complex<R>(R($0), 0) }
      let means = (x * w).sum(axes: [1], keepingDimensions: true) / Complex<R>(R(weights.sum), 0)
      centred = x - means
      weighted = centred * w
      divisor = weights.divisor
    } else {
      centred = x - x.mean(axes: [1], keepingDimensions: true)
      weighted = centred
      divisor = Double(x.shape[1] - ddof)
    }
    let scale = Complex<R>(R(1 / (divisor <= 0 ? 0 : divisor)), 0)
    let c = centred.matmul(weighted.conjugated().transposed()) * scale
    return c.shape[0] == 1 ? c.reshapedUnchecked(to: []) : c
  }

  /// The correlation coefficients of complex variables: the covariance
  /// divided by the standard deviations of both variables, with the real
  /// and imaginary parts each clipped to [−1, 1] (as NumPy clips them; the
  /// modulus may still exceed 1).
  ///
  /// NumPy: `np.corrcoef(z, y, rowvar=…)` of a complex array.
  ///
  /// - Throws: As the real
  ///   `covariance(with:rowVariables:bias:degreesOfFreedom:frequencyWeights:analyticWeights:)`.
  public func correlationCoefficients<R: NDComplexComponent>(with y: NDArray? = nil, rowVariables: Bool = true)
    throws(StatisticsError) -> NDArray where Element == Complex<R>
  {
    let c = try covariance(with: y, rowVariables: rowVariables)
    if c.ndim == 0 { return c / c }
    let d = c.diagonal().mapElements { Complex<R>($0.realPart.squareRoot(), 0) }
    let n = d.count
    let scaled = c / d.reshapedUnchecked(to: [n, 1]) / d.reshapedUnchecked(to: [1, n])
    return scaled.mapElements { z in
      Complex<R>(Swift.min(Swift.max(z.realPart, -1), 1), Swift.min(Swift.max(z.imaginaryPart, -1), 1))
    }
  }
}
