// NaN-ignoring quantiles and percentiles: NumPy's `nanquantile` and
// `nanpercentile`. Each lane drops its NaNs and the quantile of what is
// left is computed by the selection behind `quantile` (the same methods
// and interpolation), so a lane without NaN gives `quantile`'s result bit
// for bit. A lane of only NaN gives NaN, as NumPy's does (NumPy also
// warns). A lane of no elements throws, as every Strided reduction
// without an identity does (`StatisticsError.emptyInput`); NumPy returns
// NaN there.

extension NDArray where Element: BinaryFloatingPoint {
  /// The `q`-th quantile (0 ≤ `q` ≤ 1) of the elements along `axes` (all
  /// elements for `nil`) that are not NaN, by `method`; NaN for lanes of
  /// only NaN.
  ///
  /// ```swift
  /// let a: NDArray<Double> = [[10, .nan, 4], [3, 2, 1]]
  /// try a.nanQuantile(0.5)             // 3.0 (a 0-d array)
  /// try a.nanQuantile(0.5, axes: [1])  // [7. 2.]
  /// ```
  ///
  /// NumPy: `np.nanquantile(a, q, axis=axes, method=…, keepdims=…)`.
  ///
  /// - Throws: ``StatisticsError/quantileOutOfRange(_:)`` for `q` outside
  ///   [0, 1] or NaN, and ``StatisticsError/emptyInput(operation:)`` for
  ///   lanes of no elements.
  /// - Precondition: The axes are in range and distinct.
  /// - Complexity: O(*n*) expected (selection, not sorting).
  public func nanQuantile(_ q: Double, axes: [Int]? = nil, method: QuantileMethod = .linear,
                          keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray
  {
    let all = try laneQuantiles(
      [q], axes: axes, method: method, keepingDimensions: keepingDimensions, dropNaN: true, "nanQuantile")
    return all[0]
  }

  /// Several NaN-ignoring quantiles at once: the result's first axis runs
  /// over `qs`.
  ///
  /// NumPy: `np.nanquantile(a, qs, axis=axes, method=…, keepdims=…)`.
  ///
  /// - Throws: As ``nanQuantile(_:axes:method:keepingDimensions:)``.
  public func nanQuantiles(_ qs: [Double], axes: [Int]? = nil, method: QuantileMethod = .linear,
                           keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray
  {
    try laneQuantiles(qs, axes: axes, method: method, keepingDimensions: keepingDimensions, dropNaN: true, "nanQuantile")
  }

  /// The `p`-th percentile (0 ≤ `p` ≤ 100) of the elements that are not
  /// NaN: the NaN-ignoring quantile `p / 100`.
  ///
  /// NumPy: `np.nanpercentile(a, p, axis=axes, method=…, keepdims=…)`.
  ///
  /// - Throws: As ``nanQuantile(_:axes:method:keepingDimensions:)``.
  public func nanPercentile(_ p: Double, axes: [Int]? = nil, method: QuantileMethod = .linear,
                            keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray
  {
    try nanQuantile(p / 100, axes: axes, method: method, keepingDimensions: keepingDimensions)
  }

  /// Several NaN-ignoring percentiles: the result's first axis runs over
  /// `ps`.
  ///
  /// NumPy: `np.nanpercentile(a, ps, axis=axes, method=…, keepdims=…)`.
  ///
  /// - Throws: As ``nanQuantile(_:axes:method:keepingDimensions:)``.
  public func nanPercentiles(_ ps: [Double], axes: [Int]? = nil, method: QuantileMethod = .linear,
                             keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray
  {
    try nanQuantiles(ps.map { $0 / 100 }, axes: axes, method: method, keepingDimensions: keepingDimensions)
  }
}

// MARK: - NumPy's spellings

extension NDArray where Element: BinaryFloatingPoint {
  @available(*, unavailable, renamed: "nanQuantile(_:axes:method:keepingDimensions:)")
  public func nanquantile(_ q: Double) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "nanPercentile(_:axes:method:keepingDimensions:)")
  public func nanpercentile(_ q: Double) -> NDArray { fatalError("unavailable") }
}
