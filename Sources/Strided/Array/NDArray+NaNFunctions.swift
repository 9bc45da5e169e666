// NaN-ignoring products and running sums and products: NumPy's `nanprod`,
// `nancumsum` and `nancumprod`. As NumPy defines them, a NaN counts as the
// operation's identity (1 for products, 0 for sums), and the ordinary
// reduction or scan runs on the result, so rounding and widening are those
// of `product` and `cumulativeSum`/`cumulativeProduct`. (`nanSum`,
// `nanMean` and the other NaN-ignoring statistics are in
// `NDArray+Statistics.swift`.)

extension NDArray where Element: BinaryFloatingPoint, Element.Sum == Element {
  /// The product of the elements that are not NaN; 1 when there are none.
  ///
  /// NumPy: `np.nanprod(a)`.
  ///
  /// - Complexity: O(*n*).
  public func nanProduct() -> Element { replacingNaN(with: 1).product() }

  /// The products along `axes` of the elements that are not NaN (1 for a
  /// lane of only NaN, or of none). With `keepingDimensions`, each reduced
  /// axis stays with length 1.
  ///
  /// NumPy: `np.nanprod(a, axis=axes, keepdims=…)`.
  ///
  /// - Precondition: The axes are in range and distinct.
  /// - Complexity: O(*n*).
  public func nanProduct(axes: [Int], keepingDimensions: Bool = false) -> NDArray {
    replacingNaN(with: 1).product(axes: axes, keepingDimensions: keepingDimensions)
  }

  /// The running sums along `axis` (of the flattened array when `axis` is
  /// `nil`), with each NaN counted as 0: a lane starting with NaN starts
  /// at 0, and one of only NaN is all zeros.
  ///
  /// ```swift
  /// NDArray<Double>([.nan, 2, 3, .nan]).nanCumulativeSum()   // [0, 2, 5, 5]
  /// ```
  ///
  /// NumPy: `np.nancumsum(a, axis=axis)`.
  ///
  /// - Precondition: `axis` is in range.
  /// - Complexity: O(*n*).
  public func nanCumulativeSum(axis: Int? = nil) -> NDArray {
    replacingNaN(with: 0).cumulativeSum(axis: axis)
  }

  /// The running products along `axis` (of the flattened array when
  /// `axis` is `nil`), with each NaN counted as 1.
  ///
  /// NumPy: `np.nancumprod(a, axis=axis)`.
  ///
  /// - Precondition: `axis` is in range.
  /// - Complexity: O(*n*).
  public func nanCumulativeProduct(axis: Int? = nil) -> NDArray {
    replacingNaN(with: 1).cumulativeProduct(axis: axis)
  }
}

// MARK: - NumPy's spellings

extension NDArray where Element: BinaryFloatingPoint, Element.Sum == Element {
  @available(*, unavailable, renamed: "nanProduct()")
  public func nanprod() -> Element { fatalError("unavailable") }

  @available(*, unavailable, renamed: "nanCumulativeSum(axis:)")
  public func nancumsum(axis: Int? = nil) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "nanCumulativeProduct(axis:)")
  public func nancumprod(axis: Int? = nil) -> NDArray { fatalError("unavailable") }
}
