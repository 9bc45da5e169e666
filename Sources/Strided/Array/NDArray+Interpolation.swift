// NumPy's one-dimensional linear interpolation, `np.interp`. The search
// and the arithmetic run in `Kernels/Interpolation.swift`; this file checks
// the arguments and, for a period, folds the points into one period as
// NumPy's Python wrapper does.

/// The piecewise-linear interpolant through the points (`xp[i]`, `fp[i]`),
/// evaluated at each element of `x`, in a new C-ordered array of `x`'s
/// shape (0-d for 0-d `x`).
///
/// ```swift
/// let xp: NDArray<Double> = [1, 2, 3], fp: NDArray<Double> = [3, 2, 0]
/// try interp([0, 1, 1.5, 2.72, 3.14], xp, fp)   // [3, 3, 2.5, 0.56, 0]
/// try interp([0, 4], xp, fp, left: -99, right: 99)  // [-99, 99]
/// ```
///
/// The sample points must increase (equal neighbours are allowed: at such
/// a point the later value is taken); as in NumPy this is not checked, and
/// for points that do not increase the result is meaningless. A NaN in `x`
/// gives NaN (except with a single sample point, where NumPy gives that
/// point's value, and so does Strided). Results equal NumPy's bit for bit:
/// the same expression is evaluated in the same order, including NumPy's
/// second try from the segment's other end when the first gives NaN.
///
/// NumPy: `np.interp(x, xp, fp, left=left, right=right, period=period)`
/// for real `fp`.
///
/// - Parameters:
///   - x: Where to evaluate the interpolant; any shape and layout.
///   - xp: The sample points, 1-D, increasing (unless `period` is given).
///   - fp: The values at the sample points, 1-D, as many as `xp`.
///   - left: The value for `x < xp[0]`; `fp[0]` when `nil`.
///   - right: The value for `x > xp[last]`; `fp[last]` when `nil`.
///   - period: For periodic data: `x` and `xp` are taken modulo
///     `|period|` (NumPy's `%`), `xp` is sorted (a stable sort; NumPy's
///     default sort may order equal points differently), and the points
///     wrap around. `left` and `right` are then ignored, as in NumPy.
/// - Throws: ``InterpolationError/notOneDimensional(argument:rank:)`` when
///   `xp` or `fp` is not 1-D, ``InterpolationError/noSamplePoints`` when
///   `xp` is empty, ``InterpolationError/lengthMismatch(points:values:)``
///   when the lengths differ, ``InterpolationError/zeroPeriod`` for a
///   period of 0; in NumPy's order of checks, which differs with a period.
/// - Complexity: O(*m*) to prepare the *m* points (O(*m* log *m*) with a
///   period), then O(log *m*) for each of the *n* elements of `x`, or
///   O(1) for an element in or next to the previous element's segment
///   (sorted `x`); the elements are spread over the pool's threads.
public func interp(
  _ x: NDArray<Double>, _ xp: NDArray<Double>, _ fp: NDArray<Double>,
  left: Double? = nil, right: Double? = nil, period: Double? = nil
) throws(InterpolationError) -> NDArray<Double> {
  guard let period else {
    // NumPy's compiled interp: the ranks (fp's first), then an empty xp,
    // then the lengths.
    try checkInterpolationRanks(xp, fp)
    guard xp.count > 0 else { throw .noSamplePoints }
    guard fp.count == xp.count else { throw .lengthMismatch(points: xp.count, values: fp.count) }
    return Interpolation.evaluate(
      x.contiguousAligned, points: xp.contiguousAligned, values: fp.contiguousAligned, left: left, right: right)
  }
  // NumPy's Python wrapper: the period, the ranks, the lengths; an empty
  // xp is found by the compiled interp after them.
  guard period != 0 else { throw .zeroPeriod }
  try checkInterpolationRanks(xp, fp)
  guard fp.count == xp.count else { throw .lengthMismatch(points: xp.count, values: fp.count) }
  guard xp.count > 0 else { throw .noSamplePoints }
  let p = period.magnitude
  let wrapped = remainder(x, NDArray(scalar: p))
  let points = remainder(xp, NDArray(scalar: p))
  let order = points.argsort(axis: 0)
  let sortedPoints = try! points.take(order)
  let sortedValues = try! fp.take(order)
  let m = xp.count
  // One point beyond each end, from the other end shifted by a period.
  let knots = try! NDArray.concatenate([
    NDArray([sortedPoints[item: m - 1] - p]), sortedPoints, NDArray([sortedPoints[item: 0] + p]),
  ])
  let values = try! NDArray.concatenate([
    NDArray([sortedValues[item: m - 1]]), sortedValues, NDArray([sortedValues[item: 0]]),
  ])
  return Interpolation.evaluate(wrapped.contiguousAligned, points: knots, values: values, left: nil, right: nil)
}

/// Throws unless the sample points and values are 1-D (the values are
/// checked first, as NumPy converts them first).
private func checkInterpolationRanks(_ xp: NDArray<Double>, _ fp: NDArray<Double>) throws(InterpolationError) {
  guard fp.ndim == 1 else { throw .notOneDimensional(argument: "fp", rank: fp.ndim) }
  guard xp.ndim == 1 else { throw .notOneDimensional(argument: "xp", rank: xp.ndim) }
}
