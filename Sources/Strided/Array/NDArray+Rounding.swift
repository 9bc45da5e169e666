import ComplexModule

/// Element-wise `⌊x⌋`. Integer arrays keep their type and values, as in
/// NumPy 2.
///
/// NumPy: `np.floor(x)`.
///
/// - Complexity: O(*n*).
public func floor<E: NDElement & Numeric>(_ x: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: MathFunction.round(.floor, x.view, kind: E.scalarKind))
}

/// Element-wise `⌈x⌉`; integers keep their type. NumPy: `np.ceil(x)`.
public func ceil<E: NDElement & Numeric>(_ x: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: MathFunction.round(.ceil, x.view, kind: E.scalarKind))
}

/// Element-wise rounding toward zero; integers keep their type.
/// NumPy: `np.trunc(x)`.
public func trunc<E: NDElement & Numeric>(_ x: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: MathFunction.round(.trunc, x.view, kind: E.scalarKind))
}

extension NDArray where Element: Numeric {
  /// Each element rounded to `decimals` decimal places, halves to even as
  /// NumPy rounds (`0.5 → 0`, `1.5 → 2`, `2.5 → 2`). With `decimals > 0`
  /// the value is scaled by 10^decimals, rounded and scaled back, as NumPy
  /// computes it, so `2.675` at 2 places gives `2.67` (its binary value is
  /// below the half). Negative `decimals` round to tens, hundreds, …,
  /// integers included (`15 → 20`, `25 → 20` at -1). Complex numbers round
  /// each part.
  ///
  /// NumPy: `np.round(a, decimals)`, `a.round(decimals)`.
  ///
  /// - Complexity: O(*n*).
  public func rounded(decimals: Int = 0) -> NDArray {
    let kind = Element.scalarKind
    if kind.isInteger {
      guard decimals < 0 else { return copy() }
      // In Double, as NumPy does, then back.
      let scale = Self.powerOfTen(-decimals, Double.self)
      let real = converted(to: Double.self)
      let result = NDArray<Double>(unchecked: MathFunction.round(.rint, (real / scale).view, kind: .float64)) * scale
      return result.converted(to: Element.self)
    }
    if decimals == 0 { return NDArray(unchecked: MathFunction.round(.rint, view, kind: kind)) }
    switch kind {
    case .float16: return scaledRound(Float16.self, decimals)
    case .float32: return scaledRound(Float.self, decimals)
    case .float64: return scaledRound(Double.self, decimals)
    case .complex64: return complexRounded(Float.self, decimals)
    case .complex128: return complexRounded(Double.self, decimals)
    default: preconditionFailure("rounded(decimals:): \(kind) elements cannot be rounded")
    }
  }

  func scaledRound<T: NDElement & BinaryFloatingPoint>(_: T.Type, _ decimals: Int) -> NDArray {
    let values = NDArray<T>(unchecked: view)
    let scale = NDArray<T>(scalar: Self.powerOfTen(Swift.abs(decimals), T.self))
    let scaled = decimals > 0 ? values * scale : values / scale
    let whole = NDArray<T>(unchecked: MathFunction.round(.rint, scaled.view, kind: T.scalarKind))
    return NDArray(unchecked: (decimals > 0 ? whole / scale : whole * scale).view)
  }

  func complexRounded<R: NDComplexComponent>(_: R.Type, _ decimals: Int) -> NDArray {
    let z = NDArray<Complex<R>>(unchecked: view)
    let real = z.real.rounded(decimals: decimals)
    let imaginary = z.imaginary.rounded(decimals: decimals)
    return NDArray(unchecked: real.zipElements(with: imaginary) { Complex($0, $1) }.view)
  }

  static func powerOfTen<T: BinaryFloatingPoint>(_ n: Int, _: T.Type) -> T {
    var result: T = 1
    for _ in 0..<Swift.min(n, 400) { result *= 10 }
    return result
  }
}

extension NDArray where Element: NDComplexElement {
  /// The real parts of complex elements, as a new array. NumPy: `a.real`.
  public var real: NDArray<Element.RealPart> { mapElements { $0.realPart } }

  /// The imaginary parts of complex elements, as a new array. NumPy: `a.imag`.
  public var imaginary: NDArray<Element.RealPart> { mapElements { $0.imaginaryPart } }
}

/// A complex element type: `Complex<Float>` and `Complex<Double>`.
public protocol NDComplexElement: NDElement {
  /// The type of each part.
  associatedtype RealPart: NDComplexComponent
  /// The real part, read from storage (NaN and infinities kept).
  var realPart: RealPart { get }
  /// The imaginary part, read from storage.
  var imaginaryPart: RealPart { get }
}

extension Complex: NDComplexElement where RealType: NDComplexComponent {
  public var realPart: RealType { rawStorage.x }
  public var imaginaryPart: RealType { rawStorage.y }
}

/// Element-wise sign: -1, 0 or 1 (NaN for NaN); `z / |z|` for complex
/// numbers, as NumPy 2 defines it.
///
/// NumPy: `np.sign(x)`.
public func sign<E: NDElement & Numeric>(_ x: NDArray<E>) -> NDArray<E> {
  NDArray(unchecked: MathFunction.sign(x.view, kind: E.scalarKind))
}

/// `true` where an element is NaN (for complex numbers: a part is).
/// NumPy: `np.isnan(x)`.
public func isnan<E: NDElement>(_ x: NDArray<E>) -> NDArray<Bool> {
  NDArray(unchecked: MathFunction.test(.isNaN, x.view, kind: E.scalarKind))
}

/// `true` where an element is ±∞ (for complex numbers: a part is).
/// NumPy: `np.isinf(x)`.
public func isinf<E: NDElement>(_ x: NDArray<E>) -> NDArray<Bool> {
  NDArray(unchecked: MathFunction.test(.isInfinite, x.view, kind: E.scalarKind))
}

/// `true` where an element is neither NaN nor ±∞ (integers always are).
/// NumPy: `np.isfinite(x)`.
public func isfinite<E: NDElement>(_ x: NDArray<E>) -> NDArray<Bool> {
  NDArray(unchecked: MathFunction.test(.isFinite, x.view, kind: E.scalarKind))
}

/// NaN replaced by `nan`, +∞ by `positiveInfinity` (the largest finite
/// value by default) and -∞ by `negativeInfinity` (the most negative).
///
/// NumPy: `np.nan_to_num(x, nan=…, posinf=…, neginf=…)`.
public func nanToNum<E: NDElement & BinaryFloatingPoint>(
  _ x: NDArray<E>, nan: E = 0, positiveInfinity: E? = nil, negativeInfinity: E? = nil
) -> NDArray<E> {
  let (p, n) = (positiveInfinity ?? .greatestFiniteMagnitude, negativeInfinity ?? -.greatestFiniteMagnitude)
  return x.mapElements { $0.isNaN ? nan : $0 == .infinity ? p : $0 == -.infinity ? n : $0 }
}
