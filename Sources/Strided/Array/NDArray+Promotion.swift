import ComplexModule
import RealModule

// Integer arrays into floating point: means, variances and elementary
// functions give Double, as NumPy's give float64. Arithmetic between an
// integer array and a floating-point value does not compile: Strided does
// not promote behind the caller's back, and the message names the
// conversion to write.

extension NDArray where Element: BinaryInteger {
  /// The elements as `Double`s (NumPy: `a.astype(np.float64)`).
  @inlinable
  public var asDouble: NDArray<Double> { converted(to: Double.self) }

  /// The mean as a `Double`, as NumPy's `mean` of integers (NaN for an
  /// empty array). Narrower integers are summed exactly in 64 bits;
  /// 64-bit ones in `Double`, pairwise.
  ///
  /// NumPy: `a.mean()`.
  ///
  /// - Complexity: O(*n*).
  public func mean() -> Double {
    if MemoryLayout<Element>.size < 8 {
      return Double(integerSum()) / Double(count)
    }
    return asDouble.mean()
  }

  /// The exact sum of narrower integers in 64 bits.
  func integerSum() -> Int64 {
    let total = NDArray<Int64>(unchecked: reduced(.sum, axes: nil, keepingDimensions: false, format: Element.isSigned ? Int64.format : UInt64.format))
    return Element.isSigned ? total[] : Int64(bitPattern: UInt64(bitPattern: total[]))
  }

  /// The means along `axes`, as `Double`s.
  ///
  /// - Precondition: The axes are in range and distinct.
  public func mean(axes: [Int], keepingDimensions: Bool = false) -> NDArray<Double> {
    asDouble.mean(axes: axes, keepingDimensions: keepingDimensions)
  }

  /// The means along one axis, as `Double`s.
  public func mean(axis: Int, keepingDimensions: Bool = false) -> NDArray<Double> {
    mean(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The variance as a `Double`. NumPy: `a.var(ddof=…)`.
  public func variance(degreesOfFreedom: Int = 0) -> Double { asDouble.variance(degreesOfFreedom: degreesOfFreedom) }

  /// The variances along `axes`, as `Double`s.
  public func variance(axes: [Int], degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray<Double> {
    asDouble.variance(axes: axes, degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
  }

  /// The variances along one axis, as `Double`s.
  public func variance(axis: Int, degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray<Double> {
    variance(axes: [axis], degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
  }

  /// The standard deviation as a `Double`. NumPy: `a.std(ddof=…)`.
  public func standardDeviation(degreesOfFreedom: Int = 0) -> Double {
    asDouble.standardDeviation(degreesOfFreedom: degreesOfFreedom)
  }

  /// The standard deviations along `axes`, as `Double`s.
  public func standardDeviation(axes: [Int], degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray<Double> {
    asDouble.standardDeviation(axes: axes, degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
  }

  /// The standard deviations along one axis, as `Double`s.
  public func standardDeviation(axis: Int, degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray<Double> {
    standardDeviation(axes: [axis], degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
  }
}

extension NDArray where Element == Bool {
  /// The fraction of `true` elements, as NumPy's `mean` of a Bool array.
  public func mean() -> Double { Double(sum()) / Double(count) }

  /// The fractions of `true` along `axes`.
  public func mean(axes: [Int], keepingDimensions: Bool = false) -> NDArray<Double> {
    converted(to: Double.self).mean(axes: axes, keepingDimensions: keepingDimensions)
  }

  /// The fractions of `true` along one axis.
  ///
  /// - Precondition: The axis is in range.
  public func mean(axis: Int, keepingDimensions: Bool = false) -> NDArray<Double> {
    mean(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// The variance of the elements read as 0 and 1, as a `Double`.
  ///
  /// NumPy: `a.var(ddof=…)` of a Bool array.
  ///
  /// - Complexity: O(*n*).
  public func variance(degreesOfFreedom: Int = 0) -> Double {
    converted(to: Double.self).variance(degreesOfFreedom: degreesOfFreedom)
  }

  /// The variances along `axes`, as `Double`s.
  ///
  /// - Precondition: The axes are in range and distinct.
  public func variance(axes: [Int], degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray<Double> {
    converted(to: Double.self).variance(axes: axes, degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
  }

  /// The variances along one axis, as `Double`s.
  public func variance(axis: Int, degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray<Double> {
    variance(axes: [axis], degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
  }

  /// The standard deviation of the elements read as 0 and 1, as a
  /// `Double`. NumPy: `a.std(ddof=…)` of a Bool array.
  public func standardDeviation(degreesOfFreedom: Int = 0) -> Double {
    converted(to: Double.self).standardDeviation(degreesOfFreedom: degreesOfFreedom)
  }

  /// The standard deviations along `axes`, as `Double`s.
  ///
  /// - Precondition: The axes are in range and distinct.
  public func standardDeviation(axes: [Int], degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray<Double> {
    converted(to: Double.self)
      .standardDeviation(axes: axes, degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
  }

  /// The standard deviations along one axis, as `Double`s.
  public func standardDeviation(axis: Int, degreesOfFreedom: Int = 0, keepingDimensions: Bool = false) -> NDArray<Double> {
    standardDeviation(axes: [axis], degreesOfFreedom: degreesOfFreedom, keepingDimensions: keepingDimensions)
  }
}

// MARK: Elementary functions of integer arrays give Double

/// `eˣ` of an integer array, as `Double`s (NumPy gives float64 for 32- and
/// 64-bit integers, and narrower floats for narrower ones; Strided gives
/// `Double` for all). NumPy: `np.exp(a)`.
public func exp<E: NDElement & BinaryInteger>(_ x: NDArray<E>) -> NDArray<Double> { exp(x.asDouble) }
/// `log x` of an integer array, as `Double`s. NumPy: `np.log(a)`.
public func log<E: NDElement & BinaryInteger>(_ x: NDArray<E>) -> NDArray<Double> { log(x.asDouble) }
/// `log₂ x` of an integer array, as `Double`s. NumPy: `np.log2(a)`.
public func log2<E: NDElement & BinaryInteger>(_ x: NDArray<E>) -> NDArray<Double> { log2(x.asDouble) }
/// `log₁₀ x` of an integer array, as `Double`s. NumPy: `np.log10(a)`.
public func log10<E: NDElement & BinaryInteger>(_ x: NDArray<E>) -> NDArray<Double> { log10(x.asDouble) }
/// `√x` of an integer array, as `Double`s. NumPy: `np.sqrt(a)`.
public func sqrt<E: NDElement & BinaryInteger>(_ x: NDArray<E>) -> NDArray<Double> { sqrt(x.asDouble) }
/// `∛x` of an integer array, as `Double`s. NumPy: `np.cbrt(a)`.
public func cbrt<E: NDElement & BinaryInteger>(_ x: NDArray<E>) -> NDArray<Double> { cbrt(x.asDouble) }
/// `sin x` of an integer array, as `Double`s. NumPy: `np.sin(a)`.
public func sin<E: NDElement & BinaryInteger>(_ x: NDArray<E>) -> NDArray<Double> { sin(x.asDouble) }
/// `cos x` of an integer array, as `Double`s. NumPy: `np.cos(a)`.
public func cos<E: NDElement & BinaryInteger>(_ x: NDArray<E>) -> NDArray<Double> { cos(x.asDouble) }
/// `tan x` of an integer array, as `Double`s. NumPy: `np.tan(a)`.
public func tan<E: NDElement & BinaryInteger>(_ x: NDArray<E>) -> NDArray<Double> { tan(x.asDouble) }
/// `tanh x` of an integer array, as `Double`s. NumPy: `np.tanh(a)`.
public func tanh<E: NDElement & BinaryInteger>(_ x: NDArray<E>) -> NDArray<Double> { tanh(x.asDouble) }
/// `2ˣ` of an integer array, as `Double`s. NumPy: `np.exp2(a)`.
public func exp2<E: NDElement & BinaryInteger>(_ x: NDArray<E>) -> NDArray<Double> { exp2(x.asDouble) }
/// `atan2(y, x)` of integer arrays, as `Double`s. NumPy: `np.arctan2(y, x)`.
public func atan2<E: NDElement & BinaryInteger>(y: NDArray<E>, x: NDArray<E>) -> NDArray<Double> {
  atan2(y: y.asDouble, x: x.asDouble)
}
/// `√(x² + y²)` of integer arrays, as `Double`s. NumPy: `np.hypot(x, y)`.
public func hypot<E: NDElement & BinaryInteger>(_ x: NDArray<E>, _ y: NDArray<E>) -> NDArray<Double> {
  hypot(x.asDouble, y.asDouble)
}
/// The magnitude of `magnitude` with the sign of `sign`, of integer arrays,
/// as `Double`s (a zero with a negative sign is -0.0). NumPy:
/// `np.copysign(a, b)`, which gives float16 for 8-bit integers and float32
/// for 16-bit ones; Strided gives `Double` for every width.
public func copysign<E: NDElement & BinaryInteger>(_ magnitude: NDArray<E>, _ sign: NDArray<E>) -> NDArray<Double> {
  copysign(magnitude.asDouble, sign.asDouble)
}

// MARK: No silent promotion

extension NDArray where Element: BinaryInteger {
  /// Not available: Strided does not promote. NumPy's `ints * 0.5` gives
  /// float64; write the conversion: `a.asDouble * 0.5`.
  @available(*, unavailable, message: "Strided does not promote integer arrays: write a.asDouble * x (NumPy's int array * float gives float64)")
  public static func * (lhs: NDArray, rhs: Double) -> NDArray<Double> { fatalError() }
  @available(*, unavailable, message: "Strided does not promote integer arrays: write x * a.asDouble")
  public static func * (lhs: Double, rhs: NDArray) -> NDArray<Double> { fatalError() }
  @available(*, unavailable, message: "Strided does not promote integer arrays: write a.asDouble + x")
  public static func + (lhs: NDArray, rhs: Double) -> NDArray<Double> { fatalError() }
  @available(*, unavailable, message: "Strided does not promote integer arrays: write x + a.asDouble")
  public static func + (lhs: Double, rhs: NDArray) -> NDArray<Double> { fatalError() }
  @available(*, unavailable, message: "Strided does not promote integer arrays: write a.asDouble - x")
  public static func - (lhs: NDArray, rhs: Double) -> NDArray<Double> { fatalError() }
  @available(*, unavailable, message: "Strided does not promote integer arrays: write x - a.asDouble")
  public static func - (lhs: Double, rhs: NDArray) -> NDArray<Double> { fatalError() }
  @available(*, unavailable, message: "Strided does not promote integer arrays: write a.asDouble / x (NumPy's / of integers gives float64)")
  public static func / (lhs: NDArray, rhs: Double) -> NDArray<Double> { fatalError() }
  @available(*, unavailable, message: "Strided does not promote integer arrays: write x / a.asDouble")
  public static func / (lhs: Double, rhs: NDArray) -> NDArray<Double> { fatalError() }
}

// MARK: Closeness

/// `true` where `|a − b| ≤ absoluteTolerance + relativeTolerance·|b|`, NumPy's
/// test (not symmetric in `a` and `b`); infinities are close only to
/// themselves, and NaN to nothing unless `equalNaN`.
///
/// NumPy: `np.isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)`.
///
/// - Throws: ``ShapeError/notBroadcastable(_:)`` when the shapes do not
///   broadcast (NumPy's `ValueError`).
public func isclose<E: NDElement & BinaryFloatingPoint>(
  _ a: NDArray<E>, _ b: NDArray<E>, relativeTolerance: Double = 1e-5, absoluteTolerance: Double = 1e-8,
  equalNaN: Bool = false
) throws(ShapeError) -> NDArray<Bool> {
  try checkBroadcast(a.shape, b.shape)
  return a.zipElements(with: b) { x, y in
    close(Double(x), Double(y), relativeTolerance, absoluteTolerance, equalNaN)
  }
}

/// `isclose` of complex numbers: `|a − b|` and `|b|` are complex moduli.
public func isclose<R: NDComplexComponent>(
  _ a: NDArray<Complex<R>>, _ b: NDArray<Complex<R>>, relativeTolerance: Double = 1e-5,
  absoluteTolerance: Double = 1e-8, equalNaN: Bool = false
) throws(ShapeError) -> NDArray<Bool> {
  try checkBroadcast(a.shape, b.shape)
  return a.zipElements(with: b) { x, y in
    let (xr, xi) = (Double(x.rawStorage.x), Double(x.rawStorage.y))
    let (yr, yi) = (Double(y.rawStorage.x), Double(y.rawStorage.y))
    if xr.isNaN || xi.isNaN || yr.isNaN || yi.isNaN {
      return equalNaN && (xr.isNaN || xi.isNaN) && (yr.isNaN || yi.isNaN)
    }
    if !(xr.isFinite && xi.isFinite && yr.isFinite && yi.isFinite) { return xr == yr && xi == yi }
    return Double.hypot(xr - yr, xi - yi) <= absoluteTolerance + relativeTolerance * Double.hypot(yr, yi)
  }
}

/// `isclose` of integer arrays, compared as `Double`s.
public func isclose<E: NDElement & BinaryInteger>(
  _ a: NDArray<E>, _ b: NDArray<E>, relativeTolerance: Double = 1e-5, absoluteTolerance: Double = 1e-8
) throws(ShapeError) -> NDArray<Bool> {
  try isclose(a.asDouble, b.asDouble, relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance)
}

/// Throws unless the shapes broadcast together.
func checkBroadcast(_ a: Dimensions, _ b: Dimensions) throws(ShapeError) {
  guard (try? NDView.broadcastShape(a, b)) != nil else { throw .notBroadcastable([a.array, b.array]) }
}

@inline(__always)
func close(_ x: Double, _ y: Double, _ rtol: Double, _ atol: Double, _ equalNaN: Bool) -> Bool {
  if x.isNaN || y.isNaN { return equalNaN && x.isNaN && y.isNaN }
  if x.isInfinite || y.isInfinite { return x == y }
  return Swift.abs(x - y) <= atol + rtol * Swift.abs(y)
}

/// Whether every pair is close, by ``isclose(_:_:relativeTolerance:absoluteTolerance:equalNaN:)-(NDArray<E>,NDArray<E>,_,_,_)``.
///
/// NumPy: `np.allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)`.
///
/// - Throws: ``ShapeError/notBroadcastable(_:)`` when the shapes do not
///   broadcast (NumPy's `ValueError`).
public func allclose<E: NDElement & BinaryFloatingPoint>(
  _ a: NDArray<E>, _ b: NDArray<E>, relativeTolerance: Double = 1e-5, absoluteTolerance: Double = 1e-8,
  equalNaN: Bool = false
) throws(ShapeError) -> Bool {
  try isclose(a, b, relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance, equalNaN: equalNaN).allTrue()
}

/// Whether every pair of complex numbers is close.
public func allclose<R: NDComplexComponent>(
  _ a: NDArray<Complex<R>>, _ b: NDArray<Complex<R>>, relativeTolerance: Double = 1e-5,
  absoluteTolerance: Double = 1e-8, equalNaN: Bool = false
) throws(ShapeError) -> Bool {
  try isclose(a, b, relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance, equalNaN: equalNaN).allTrue()
}

/// Whether two arrays have the same shape and equal elements; with
/// `equalNaN`, NaN equals NaN (as a floating-point value, or in either
/// part of a complex number).
///
/// NumPy: `np.array_equal(a, b, equal_nan=…)`.
public func arrayEqual<E: NDElement>(_ a: NDArray<E>, _ b: NDArray<E>, equalNaN: Bool = false) -> Bool {
  guard a.shape == b.shape else { return false }
  let equal = NDArray<Bool>(unchecked: Comparison.compare(.equal, a.view, b.view, kind: E.scalarKind))
  guard equalNaN else { return equal.allTrue() }
  return (equal .| (isnan(a) .& isnan(b))).allTrue()
}
