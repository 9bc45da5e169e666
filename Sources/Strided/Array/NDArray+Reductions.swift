import ComplexModule

extension NDArray {
  /// Reduces over every axis (`nil`) or the given ones into a new array.
  func reduced(
    _ op: Reduction.Operation, axes: [Int]?, keepingDimensions: Bool, format: Format = Element.format
  ) -> NDView {
    let axes = axes.map { Reduction.normalize($0, rank: ndim, op.name) } ?? Array(0..<ndim)
    if Element.scalarKind == .float16 && (op == .sum || op == .product) {
      // Float16 accumulates in Float, as NumPy's does.
      let wide = view.convertedUnchecked(from: .float16, to: Float.self)
      let result = Reduction.reduce(op, wide, axes: axes, keepDimensions: keepingDimensions, kind: .float32, format: Float.format)
      return result.convertedUnchecked(from: .float32, to: Float16.self)
    }
    return Reduction.reduce(op, view, axes: axes, keepDimensions: keepingDimensions, kind: Element.scalarKind, format: format)
  }
}

extension NDArray where Element.Sum: Numeric {
  /// The sum of every element, in ``NDElement/Sum`` (NumPy's rule:
  /// integers narrower than 64 bits widen to `Int` or `UInt`, `Bool`
  /// counts in `Int`); 0 for an empty array.
  ///
  /// Floating-point sums are pairwise, as NumPy's: the rounding error grows
  /// with the logarithm of the count; `Float16` accumulates in `Float`.
  /// 64-bit integer sums wrap on overflow, as NumPy's do.
  ///
  /// NumPy: `a.sum()`.
  ///
  /// - Complexity: O(*n*).
  public func sum() -> Element.Sum {
    NDArray<Element.Sum>(unchecked: reduced(.sum, axes: nil, keepingDimensions: false, format: Element.Sum.format))[]
  }

  /// The sums along `axes`, in ``NDElement/Sum``. With
  /// `keepingDimensions`, each reduced axis stays with length 1, so the
  /// result broadcasts against `self`.
  ///
  /// NumPy: `a.sum(axis=axes, keepdims=…)`.
  ///
  /// - Precondition: Every axis is in range (negative counts from the end)
  ///   and none repeats.
  public func sum(axes: [Int], keepingDimensions: Bool = false) -> NDArray<Element.Sum> {
    NDArray<Element.Sum>(unchecked: reduced(.sum, axes: axes, keepingDimensions: keepingDimensions, format: Element.Sum.format))
  }

  /// The sums along one axis. See ``sum(axes:keepingDimensions:)``.
  public func sum(axis: Int, keepingDimensions: Bool = false) -> NDArray<Element.Sum> {
    sum(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The product of every element, in ``NDElement/Sum`` as for ``sum()``;
  /// 1 for an empty array. 64-bit integers wrap.
  ///
  /// NumPy: `a.prod()`.
  public func product() -> Element.Sum {
    NDArray<Element.Sum>(unchecked: reduced(.product, axes: nil, keepingDimensions: false, format: Element.Sum.format))[]
  }

  /// The products along `axes`.
  ///
  /// - Precondition: The axes are in range and distinct.
  public func product(axes: [Int], keepingDimensions: Bool = false) -> NDArray<Element.Sum> {
    NDArray<Element.Sum>(unchecked: reduced(.product, axes: axes, keepingDimensions: keepingDimensions, format: Element.Sum.format))
  }

  /// The products along one axis.
  public func product(axis: Int, keepingDimensions: Bool = false) -> NDArray<Element.Sum> {
    product(axes: [axis], keepingDimensions: keepingDimensions)
  }
}

extension NDArray where Element: Comparable {
  /// Throws when a reduction without an identity would reduce nothing:
  /// the reduced axes are empty and the result is not.
  func checkNotEmpty(_ axes: [Int]?, _ operation: String) throws(StatisticsError) {
    guard let axes else {
      if count == 0 { throw .emptyInput(operation: operation) }
      return
    }
    let reduced = Reduction.normalize(axes, rank: ndim, "reduction")
    let reducedCount = reduced.reduce(1) { $0 * shape[$1] }
    let resultCount = (0..<ndim).filter { !reduced.contains($0) }.reduce(1) { $0 * shape[$1] }
    if reducedCount == 0 && resultCount > 0 { throw .emptyInput(operation: operation) }
  }

  /// The smallest element. A NaN anywhere makes the result NaN, as in
  /// NumPy.
  ///
  /// NumPy: `a.min()`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` for an empty
  ///   array.
  /// - Complexity: O(*n*).
  public func min() throws(StatisticsError) -> Element {
    try checkNotEmpty(nil, "min")
    return NDArray(unchecked: reduced(.minimum, axes: nil, keepingDimensions: false))[]
  }

  /// The largest element. NaN propagates.
  ///
  /// NumPy: `a.max()`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` for an empty
  ///   array.
  /// - Complexity: O(*n*).
  public func max() throws(StatisticsError) -> Element {
    try checkNotEmpty(nil, "max")
    return NDArray(unchecked: reduced(.maximum, axes: nil, keepingDimensions: false))[]
  }

  /// The minima along `axes`; NaN propagates.
  ///
  /// NumPy: `a.min(axis=axes, keepdims=…)`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` when the reduced
  ///   axes are empty and the result is not.
  /// - Precondition: The axes are in range and distinct.
  public func min(axes: [Int], keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray {
    try checkNotEmpty(axes, "min")
    return NDArray(unchecked: reduced(.minimum, axes: axes, keepingDimensions: keepingDimensions))
  }

  /// The maxima along `axes`; NaN propagates.
  ///
  /// NumPy: `a.max(axis=axes, keepdims=…)`.
  ///
  /// - Throws: As ``min(axes:keepingDimensions:)``.
  /// - Precondition: The axes are in range and distinct.
  public func max(axes: [Int], keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray {
    try checkNotEmpty(axes, "max")
    return NDArray(unchecked: reduced(.maximum, axes: axes, keepingDimensions: keepingDimensions))
  }

  /// The minima along one axis.
  public func min(axis: Int, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray {
    try min(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The maxima along one axis.
  public func max(axis: Int, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray {
    try max(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The C-order index of the first smallest element (the first NaN, if
  /// any).
  ///
  /// NumPy: `a.argmin()`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` for an empty
  ///   array.
  /// - Complexity: O(*n*), plus a copy when `self` is not C-contiguous.
  public func argmin() throws(StatisticsError) -> Int {
    try checkNotEmpty(nil, "argmin")
    return argExtreme(maximum: false, axis: nil)[]
  }

  /// The C-order index of the first largest element (the first NaN, if
  /// any).
  ///
  /// NumPy: `a.argmax()`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` for an empty
  ///   array.
  public func argmax() throws(StatisticsError) -> Int {
    try checkNotEmpty(nil, "argmax")
    return argExtreme(maximum: true, axis: nil)[]
  }

  /// The index along `axis` of the first smallest element of each lane.
  ///
  /// NumPy: `a.argmin(axis=axis, keepdims=…)`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` when the axis is
  ///   empty and the result is not.
  /// - Precondition: `axis` is in range.
  public func argmin(axis: Int, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Int> {
    try checkNotEmpty([axis], "argmin")
    return kept(argExtreme(maximum: false, axis: axis), axis: axis, keepingDimensions)
  }

  /// The index along `axis` of the first largest element of each lane.
  ///
  /// NumPy: `a.argmax(axis=axis, keepdims=…)`.
  ///
  /// - Throws: As ``argmin(axis:keepingDimensions:)``.
  /// - Precondition: `axis` is in range.
  public func argmax(axis: Int, keepingDimensions: Bool = false) throws(StatisticsError) -> NDArray<Int> {
    try checkNotEmpty([axis], "argmax")
    return kept(argExtreme(maximum: true, axis: axis), axis: axis, keepingDimensions)
  }

  func argExtreme(maximum: Bool, axis: Int?) -> NDArray<Int> {
    let name: StaticString = maximum ? "argmax" : "argmin"
    if let axis {
      let a = Reduction.normalize([axis], rank: ndim, name)[0]
      let lines = view.movingAxis(from: a, to: ndim - 1).copy()
      let indices = lines.count == 0 ? [] : Reduction.argExtreme(lines, kind: Element.scalarKind, maximum: maximum)
      var resultShape = shape
      resultShape.remove(at: a)
      return NDArray<Int>(indices, shape: resultShape)
    }
    let flat = try! view.copy().reshaped(to: [count])
    return NDArray<Int>(scalar: Reduction.argExtreme(flat, kind: Element.scalarKind, maximum: maximum)[0])
  }
}

extension NDArray {
  /// A per-lane result with the reduced `axis` put back as length 1 when
  /// `keepingDimensions`.
  func kept<T>(_ result: NDArray<T>, axis: Int, _ keepingDimensions: Bool) -> NDArray<T> {
    guard keepingDimensions else { return result }
    return result.expandingDimensions(at: axis < 0 ? axis + ndim : axis)
  }
}

extension NDArray where Element: BinaryFloatingPoint, Element.Sum == Element {
  /// The mean of every element; NaN for an empty array. `Float16`
  /// arrays are averaged in `Float`, as NumPy averages them.
  ///
  /// - Complexity: O(*n*).
  public func mean() -> Element {
    if Element.self == Float16.self { return Element(converted(to: Float.self).mean()) }
    return sum() / Element(count)
  }

  /// The means along `axes` (NaN where nothing is averaged).
  ///
  /// - Precondition: The axes are in range and distinct.
  public func mean(axes: [Int], keepingDimensions: Bool = false) -> NDArray {
    if Element.self == Float16.self {
      return converted(to: Float.self).mean(axes: axes, keepingDimensions: keepingDimensions).converted(to: Element.self)
    }
    let counted = Reduction.normalize(axes, rank: ndim, "mean").reduce(1) { $0 * shape[$1] }
    return sum(axes: axes, keepingDimensions: keepingDimensions) / Element(counted)
  }

  /// The means along one axis.
  public func mean(axis: Int, keepingDimensions: Bool = false) -> NDArray {
    mean(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The variance of every element: the mean squared deviation from the
  /// mean, divided by `count − degreesOfFreedom` (NumPy's `ddof`). Two
  /// passes, as NumPy computes it. With `degreesOfFreedom >= count` the
  /// divisor is 0, so the result is infinite (or NaN when every deviation
  /// is 0), as in NumPy.
  ///
  /// - Complexity: O(*n*).
  public func variance(degreesOfFreedom: Int = 0) -> Element {
    if Element.self == Float16.self {
      return Element(converted(to: Float.self).variance(degreesOfFreedom: degreesOfFreedom))
    }
    let deviations = self - mean()
    return (deviations * deviations).sum() / Element(Swift.max(count - degreesOfFreedom, 0))
  }

  /// The variances along `axes`.
  ///
  /// - Precondition: The axes are in range and distinct.
  public func variance(axes: [Int], degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray {
    if Element.self == Float16.self {
      return converted(to: Float.self)
        .variance(axes: axes, degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
        .converted(to: Element.self)
    }
    let counted = Reduction.normalize(axes, rank: ndim, "variance").reduce(1) { $0 * shape[$1] }
    let deviations = self - mean(axes: axes, keepingDimensions: true)
    return (deviations * deviations).sum(axes: axes, keepingDimensions: keepingDimensions)
      / Element(Swift.max(counted - degreesOfFreedom, 0))
  }

  /// The variances along one axis.
  public func variance(axis: Int, degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray {
    variance(axes: [axis], degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
  }

  /// The standard deviation of every element: the square root of
  /// `variance(degreesOfFreedom:)`.
  public func standardDeviation(degreesOfFreedom: Int = 0) -> Element {
    variance(degreesOfFreedom: degreesOfFreedom).squareRoot()
  }

  /// The standard deviations along `axes`.
  ///
  /// - Precondition: The axes are in range and distinct.
  public func standardDeviation(axes: [Int], degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray {
    variance(axes: axes, degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
      .mapElements { $0.squareRoot() }
  }

  /// The standard deviations along one axis.
  public func standardDeviation(axis: Int, degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray {
    standardDeviation(axes: [axis], degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
  }
}

extension NDArray {
  /// The mean of every complex element; NaN for an empty array.
  public func mean<R: NDComplexComponent>() -> Element where Element == Complex<R> {
    ComplexMath.divide(sum(), Complex(R(count), 0))
  }
}

extension NDArray where Element == Bool {
  /// Whether every element is `true`; `true` for an empty array.
  /// NumPy: `a.all()`.
  public func allTrue() -> Bool { NDArray(unchecked: reduced(.all, axes: nil, keepingDimensions: false))[] }

  /// Whether some element is `true`; `false` for an empty array.
  /// NumPy: `a.any()`.
  public func anyTrue() -> Bool { NDArray(unchecked: reduced(.any, axes: nil, keepingDimensions: false))[] }

  /// Whether every element along `axes` is `true`.
  ///
  /// - Precondition: The axes are in range and distinct.
  public func allTrue(axes: [Int], keepingDimensions: Bool = false) -> NDArray {
    NDArray(unchecked: reduced(.all, axes: axes, keepingDimensions: keepingDimensions))
  }

  /// Whether some element along `axes` is `true`.
  ///
  /// - Precondition: The axes are in range and distinct.
  public func anyTrue(axes: [Int], keepingDimensions: Bool = false) -> NDArray {
    NDArray(unchecked: reduced(.any, axes: axes, keepingDimensions: keepingDimensions))
  }
}
