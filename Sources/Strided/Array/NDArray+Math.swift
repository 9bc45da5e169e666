import ComplexModule
import RealModule

/// Element-wise `eˣ`. `Float` and `Double` arrays use glibc's vector math
/// (libmvec) on contiguous runs when the processor has AVX2.
///
/// NumPy: `np.exp(x)`.
///
/// - Complexity: O(*n*).
public func exp<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.exp, x) }
/// Element-wise `eˣ − 1`, accurate near 0. NumPy: `np.expm1(x)`.
public func expMinusOne<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.expMinusOne, x) }
/// Element-wise natural logarithm (vectorized like ``exp(_:)->NDArray<E>``). NumPy: `np.log(x)`.
public func log<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.log, x) }
/// Element-wise `log(1 + x)`, accurate near 0. NumPy: `np.log1p(x)`.
public func log<E: NDElement & ElementaryFunctions>(onePlus x: NDArray<E>) -> NDArray<E> { apply(.logOnePlus, x) }
/// Element-wise sine (vectorized like ``exp(_:)->NDArray<E>``). NumPy: `np.sin(x)`.
public func sin<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.sin, x) }
/// Element-wise cosine (vectorized like ``exp(_:)->NDArray<E>``). NumPy: `np.cos(x)`.
public func cos<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.cos, x) }
/// Element-wise tangent. NumPy: `np.tan(x)`.
public func tan<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.tan, x) }
/// Element-wise arcsine. NumPy: `np.arcsin(x)`.
public func asin<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.asin, x) }
/// Element-wise arccosine. NumPy: `np.arccos(x)`.
public func acos<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.acos, x) }
/// Element-wise arctangent. NumPy: `np.arctan(x)`.
public func atan<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.atan, x) }
/// Element-wise hyperbolic sine. NumPy: `np.sinh(x)`.
public func sinh<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.sinh, x) }
/// Element-wise hyperbolic cosine. NumPy: `np.cosh(x)`.
public func cosh<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.cosh, x) }
/// Element-wise hyperbolic tangent (vectorized like ``exp(_:)->NDArray<E>``). NumPy: `np.tanh(x)`.
public func tanh<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.tanh, x) }
/// Element-wise inverse hyperbolic sine. NumPy: `np.arcsinh(x)`.
public func asinh<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.asinh, x) }
/// Element-wise inverse hyperbolic cosine. NumPy: `np.arccosh(x)`.
public func acosh<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.acosh, x) }
/// Element-wise inverse hyperbolic tangent. NumPy: `np.arctanh(x)`.
public func atanh<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.atanh, x) }
/// Element-wise square root (NaN for negative reals). NumPy: `np.sqrt(x)`.
public func sqrt<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>) -> NDArray<E> { apply(.sqrt, x) }
/// Element-wise `xⁿ` for an integer power, with the rules of
/// `pow(_:_:)` of two arrays. NumPy: `x ** n`.
public func pow<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>, _ n: Int) -> NDArray<E> { apply(.power(n), x) }
/// Element-wise `ⁿ√x`. NumPy: `np.cbrt(x)` for `n = 3`.
public func root<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>, _ n: Int) -> NDArray<E> { apply(.root(n), x) }

/// Element-wise `xʸ`, broadcasting, with NumPy's results: the C library's
/// `pow` for real types (`(-2)² = 4`, `0⁰ = 1`, `NaN⁰ = 1`, `(-∞)² = ∞`,
/// `(-1)^∞ = 1`; NaN for a negative base with a non-integer exponent), and
/// for complex types NumPy's `cpow` (repeated multiplication for integer
/// exponents below 100 in magnitude, then the C library's `cpow`).
///
/// NumPy: `np.power(x, y)`.
///
/// - Precondition: The shapes broadcast.
public func pow<E: NDElement & ElementaryFunctions>(_ x: NDArray<E>, _ y: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: ElementaryFunction.power(x.view, y.view, kind: E.scalarKind))
}

private func apply<E: NDElement>(_ f: ElementaryFunction, _ x: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: f.apply(x.view, kind: E.scalarKind))
}

/// Element-wise absolute value. Signed integers wrap: `abs` of
/// `Int8.min` is `Int8.min`, as in NumPy.
///
/// - Complexity: O(*n*).
public func abs<E: NDElement & Numeric & Comparable>(_ x: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: Arithmetic.magnitude(x.view, kind: E.scalarKind))
}

/// Element-wise modulus `|z|` of complex numbers, as their real type,
/// without overflow for large parts. NumPy: `np.abs(z)`.
public func abs<R: NDComplexComponent>(_ z: NDArray<Complex<R>>) -> NDArray<R> {
  NDArray(unchecked: Arithmetic.length(z.view, R.self))
}

extension NDArray {
  /// A new array of `transform` applied to every element, in the same
  /// shape (C order, or Fortran order when `self` is F-contiguous).
  ///
  /// Prefer the built-in operations where one exists: they run
  /// specialized loops, while `transform` is called once per element.
  ///
  /// NumPy: `np.vectorize(f)(a)`.
  ///
  /// - Complexity: O(*n*) calls of `transform`.
  public func mapElements<T: NDElement>(_ transform: (Element) -> T) -> NDArray<T> {
    NDArray<T>(unchecked: Closures.map(view, Element.self, transform))
  }

  /// A new array of `transform` applied to corresponding elements of
  /// `self` and `other`, broadcasting them against each other.
  ///
  /// - Precondition: The shapes broadcast.
  /// - Complexity: O(*n*) calls of `transform`.
  public func zipElements<Other: NDElement, T: NDElement>(
    with other: NDArray<Other>, _ transform: (Element, Other) -> T
  ) -> NDArray<T> {
    NDArray<T>(unchecked: Closures.zip(view, other.view, Element.self, Other.self, transform))
  }
}
