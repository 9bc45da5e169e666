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
  /// integers included (`15 → 20`, `25 → 20` at -1), computed in `Double`
  /// and wrapped back as NumPy's casts wrap (`Int8` 127 at -1 is -126).
  /// Complex numbers round each part.
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
      return NDArray(unchecked: Self.wrappingIntegers(result, kind).view)
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

  /// Rounded `Double`s back in an integer type as NumPy's scalar casts on
  /// x86-64 give them: through a 32-bit conversion for narrower types (so
  /// 130 wraps to -126 in `Int8`), the type's minimum for `Int32` and
  /// `Int64` values out of range, 0 for `UInt64` ones (2⁶³ for NaN);
  /// `UInt32` through a 64-bit conversion (NumPy's vector loop gives 0
  /// instead of 4 for 4294967295 rounded to tens: NumPy differs from
  /// itself there).
  static func wrappingIntegers(_ values: NDArray<Double>, _ kind: ScalarKind) -> NDArray {
    func wrapped<T: NDElement & FixedWidthInteger>(_: T.Type) -> NDArray {
      NDArray(unchecked: values.mapElements { (r: Double) -> T in
        if T.bitWidth == 64 && !T.isSigned {
          if r.isNaN { return T(truncatingIfNeeded: UInt64(1) << 63) }
          if r >= 0 && r < 0x1p64 { return T(truncatingIfNeeded: UInt64(r)) }
          return r > -0x1p63 && r < 0 ? T(truncatingIfNeeded: Int64(r)) : 0
        }
        if T.bitWidth == 64 || (T.bitWidth == 32 && !T.isSigned) {
          return T(truncatingIfNeeded: r >= -0x1p63 && r < 0x1p63 ? Int64(r) : Int64.min)
        }
        return T(truncatingIfNeeded: r >= -0x1p31 && r < 0x1p31 ? Int32(r) : Int32.min)
      }.view)
    }
    switch kind {
    case .int8: return wrapped(Int8.self)
    case .uint8, .char: return wrapped(UInt8.self)
    case .int16: return wrapped(Int16.self)
    case .uint16: return wrapped(UInt16.self)
    case .int32: return wrapped(Int32.self)
    case .uint32: return wrapped(UInt32.self)
    case .int64: return wrapped(Int64.self)
    default: return wrapped(UInt64.self)
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

/// Each part of each complex number with NaN replaced by `nan`, +∞ by
/// `positiveInfinity` (the largest finite value by default) and -∞ by
/// `negativeInfinity` (the most negative), as NumPy treats the real and
/// imaginary parts alike.
///
/// NumPy: `np.nan_to_num(z, nan=…, posinf=…, neginf=…)` of complex arrays.
///
/// - Complexity: O(*n*).
public func nanToNum<R: NDComplexComponent>(
  _ x: NDArray<Complex<R>>, nan: R = 0, positiveInfinity: R? = nil, negativeInfinity: R? = nil
) -> NDArray<Complex<R>> {
  let (p, n) = (positiveInfinity ?? .greatestFiniteMagnitude, negativeInfinity ?? -.greatestFiniteMagnitude)
  func replaced(_ v: R) -> R { v.isNaN ? nan : v == .infinity ? p : v == -.infinity ? n : v }
  // The parts read from storage: swift-numerics' `real` is NaN for any
  // number with a non-finite part.
  return x.mapElements { Complex(replaced($0.rawStorage.x), replaced($0.rawStorage.y)) }
}
