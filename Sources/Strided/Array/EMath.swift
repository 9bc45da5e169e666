import ComplexModule
import RealModule

/// NumPy's `numpy.emath` (`np.lib.scimath`): functions of real arrays
/// whose results are complex where the real function has none, as
/// `sqrt(-4)` is `2i`.
///
/// NumPy returns a real array when no element needs a complex result and a
/// complex one otherwise; a Swift function has one result type, so these
/// always return complex arrays. Each element is NumPy's complex result
/// for `x + 0i`, the value NumPy gives when the array holds a negative
/// number: where NumPy would return a real array, the real parts are its
/// values, except that NaN gives NaN + NaN·i, and `log(-0.0)` is
/// −∞ + π·i (NumPy gives −∞ from its real path).
///
/// ```swift
/// let x: NDArray<Double> = [-4, 0, 9]
/// EMath.sqrt(x)   // [0+2i, 0+0i, 3+0i]
/// EMath.log(NDArray<Double>([-1]))   // [0+πi]
/// ```
public enum EMath {
  /// The principal square roots: `i·√|x|` for negative `x`.
  ///
  /// NumPy: `np.emath.sqrt(x)`.
  ///
  /// - Complexity: O(*n*).
  public static func sqrt<R: NDComplexComponent>(_ x: NDArray<R>) -> NDArray<Complex<R>> {
    Strided.sqrt(x.converted(to: Complex<R>.self))
  }

  /// The principal square roots of integers, in `Complex<Double>`.
  ///
  /// NumPy: `np.emath.sqrt(x)` of an integer array.
  public static func sqrt<E: NDElement & BinaryInteger>(_ x: NDArray<E>) -> NDArray<Complex<Double>> {
    sqrt(x.asDouble)
  }

  /// The principal natural logarithms: `log|x| + π·i` for negative `x`.
  ///
  /// NumPy: `np.emath.log(x)`.
  ///
  /// - Complexity: O(*n*).
  public static func log<R: NDComplexComponent>(_ x: NDArray<R>) -> NDArray<Complex<R>> {
    Strided.log(x.converted(to: Complex<R>.self))
  }

  /// The principal natural logarithms of integers, in `Complex<Double>`.
  ///
  /// NumPy: `np.emath.log(x)` of an integer array.
  public static func log<E: NDElement & BinaryInteger>(_ x: NDArray<E>) -> NDArray<Complex<Double>> {
    log(x.asDouble)
  }

  /// `x` raised to `exponent` by the principal branch: a negative base
  /// gives a complex power (`(-8) ** (1/3)` is `1 + 1.732i`).
  ///
  /// NumPy: `np.emath.power(x, p)`.
  ///
  /// - Complexity: O(*n*).
  public static func power<R: NDComplexComponent>(_ x: NDArray<R>, _ exponent: R) -> NDArray<Complex<R>> {
    Strided.pow(x.converted(to: Complex<R>.self), NDArray(scalar: Complex(exponent, 0)))
  }

  /// `x` raised to the powers in `exponents`, broadcasting, by the
  /// principal branch.
  ///
  /// NumPy: `np.emath.power(x, p)` with an array `p`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func power<R: NDComplexComponent>(_ x: NDArray<R>, _ exponents: NDArray<R>) -> NDArray<Complex<R>> {
    Strided.pow(x.converted(to: Complex<R>.self), exponents.converted(to: Complex<R>.self))
  }
}
