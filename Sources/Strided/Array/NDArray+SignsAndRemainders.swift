// NumPy's `divmod` (the floor quotient and the remainder, in one pass) and
// `signbit`. The loops run in `Kernels/SignsAndRemainders.swift`.

/// The quotient rounded down and the remainder with the divisor's sign, as
/// two new arrays computed together in one pass over the operands:
/// element for element, `(floorDivide(a, b), remainder(a, b))`.
///
/// ```swift
/// let (q, r) = divmod([7, -7, 7, -7] as NDArray<Int>, [2, 2, -2, -2])
/// q  // [3, -4, -4, 3]
/// r  // [1, 1, -1, -1]
/// let (fq, fr) = divmod([7.5, -0.0] as NDArray<Double>, [2, 3])
/// fq  // [3.0, -0.0]
/// fr  // [1.5, 0.0]
/// ```
///
/// Integers: a division by 0 gives 0 and 0, and the minimum divided by -1
/// wraps to the minimum with remainder 0 (NumPy's results, without its
/// warnings). Floating point: Python's rules, as NumPy's: the quotient is
/// snapped to the nearest whole number; a division by 0 gives a NaN
/// remainder and a ±∞ or NaN quotient. `Float16` is computed in `Float`.
///
/// NumPy: `np.divmod(a, b)`.
///
/// - Precondition: The shapes broadcast.
/// - Complexity: O(*n*): one pass that writes both results.
public func divmod<E: NDElement & Numeric & Comparable>(_ a: NDArray<E>, _ b: NDArray<E>)
  -> (quotient: NDArray<E>, remainder: NDArray<E>)
{
  let (q, r) = DivisionWithRemainder.apply(a.view, b.view, kind: E.scalarKind)
  return (NDArray(unchecked: q), NDArray(unchecked: r))
}

/// Whether each element's sign bit is set, as a new `Bool` array of its
/// shape. For floating point that counts -0.0, -∞ and NaNs whose sign bit
/// is set (`-Double.nan`), which `a .< 0` misses; for integers it is
/// `x < 0` (never, for unsigned types).
///
/// ```swift
/// signbit(NDArray<Double>([-0.0, 0, -.infinity, -.nan, .nan, -1]))
/// // [true, false, true, true, false, true]
/// ```
///
/// NumPy: `np.signbit(a)`.
///
/// - Complexity: O(*n*).
public func signbit<E: NDElement & Numeric & Comparable>(_ a: NDArray<E>) -> NDArray<Bool> {
  NDArray(unchecked: SignBit.apply(a.view, kind: E.scalarKind))
}
