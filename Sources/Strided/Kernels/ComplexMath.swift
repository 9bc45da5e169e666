import CStrided
import ComplexModule
import RealModule

/// Complex arithmetic and functions with NumPy's results, infinities and
/// NaN included.
///
/// swift-numerics treats every infinite complex number as one point at
/// infinity and every NaN as one value, which is right for its own
/// purposes but not what NumPy computes. Strided's complex kernels instead:
/// - multiply by the textbook formula, as NumPy's loops do;
/// - divide with Smith's algorithm, NumPy's loop (`(nan+nanj)/(inf+1j)` is
///   NaN, not 0; a division by zero gives a complex infinity or NaN);
/// - compare component by component under IEEE rules (NaN equals nothing);
/// - take `|z|` as `hypot` (`|0+nan·j|` is NaN, `|inf+nan·j|` is inf);
/// - call the C library's C99 functions (Annex G) for `exp`, `log`, `sqrt`,
///   the trigonometric and hyperbolic functions and their inverses, and
///   `pow`, with NumPy's special cases for integer powers.
enum ComplexMath {
  // The parts are read from raw storage: swift-numerics' `real` and
  // `imaginary` read NaN for any number with a non-finite part.

  @inline(__always)
  static func multiply<R: Real>(_ a: Complex<R>, _ b: Complex<R>) -> Complex<R> {
    let ((ar, ai), (br, bi)) = (a.rawStorage, b.rawStorage)
    return Complex(ar * br - ai * bi, ar * bi + ai * br)
  }

  /// Smith's division, as NumPy's complex `divide` loop computes it.
  @inline(__always)
  static func divide<R: Real>(_ a: Complex<R>, _ b: Complex<R>) -> Complex<R> {
    let ((ar, ai), (br, bi)) = (a.rawStorage, b.rawStorage)
    let (absR, absI) = (Swift.abs(br), Swift.abs(bi))
    if absR >= absI {
      if absR == 0 && absI == 0 { return Complex(ar / absR, ai / absR) }
      let ratio = bi / br
      let scale = 1 / (br + bi * ratio)
      return Complex((ar + ai * ratio) * scale, (ai - ar * ratio) * scale)
    }
    let ratio = br / bi
    let scale = 1 / (bi + br * ratio)
    return Complex((ar * ratio + ai) * scale, (ai * ratio - ar) * scale)
  }

  /// IEEE equality of both parts: a NaN part makes any comparison false.
  @inline(__always)
  static func equal<R: Real>(_ a: Complex<R>, _ b: Complex<R>) -> Bool {
    a.rawStorage.x == b.rawStorage.x && a.rawStorage.y == b.rawStorage.y
  }

  /// `|z|`, as the C library's `hypot` of the parts.
  @inline(__always)
  static func magnitude<R: Real>(_ z: Complex<R>) -> R { R.hypot(z.rawStorage.x, z.rawStorage.y) }

  /// NumPy's `expm1` of a complex number.
  static func expMinusOne<R: Real>(_ z: Complex<R>) -> Complex<R> {
    let (x, y) = z.rawStorage
    let half = R.sin(y / 2)
    return Complex(R.expMinusOne(x) * R.cos(y) - 2 * half * half, R.exp(x) * R.sin(y))
  }

  /// NumPy's `log1p` of a complex number.
  static func logOnePlus<R: Real>(_ z: Complex<R>) -> Complex<R> {
    let (x, y) = z.rawStorage
    return Complex(R.log(R.hypot(x + 1, y)), R.atan2(y: y, x: x + 1))
  }

  /// `a ** b` as NumPy computes it: 1 for a zero exponent, special zeros,
  /// repeated multiplication for integer exponents of magnitude below 100,
  /// and the C library's `cpow` otherwise.
  static func power<R: NDComplexComponent>(_ a: Complex<R>, _ b: Complex<R>) -> Complex<R> {
    let ((ar, ai), (br, bi)) = (a.rawStorage, b.rawStorage)
    if br == 0 && bi == 0 { return Complex(1, 0) }
    if ar == 0 && ai == 0 { return br > 0 ? Complex(0, 0) : Complex(.nan, .nan) }
    if bi == 0 && br > -100 && br < 100, let n = Int(exactly: br) {
      switch n {
      case 1: return a
      case 2: return multiply(a, a)
      case 3: return multiply(a, multiply(a, a))
      default:
        var result = Complex<R>(1, 0)
        var base = a
        var remaining = Swift.abs(n)
        while true {
          if remaining & 1 == 1 { result = multiply(result, base) }
          remaining >>= 1
          if remaining == 0 { break }
          base = multiply(base, base)
        }
        return n < 0 ? divide(Complex(1, 0), result) : result
      }
    }
    return call(a, b, strided_cpow, strided_cpowf)
  }

  /// The C library's function for `f`, on `Complex<R>`; `nil` for the
  /// functions Strided computes itself.
  static func function<R: NDComplexComponent>(_ f: ElementaryFunction, _: R.Type) -> ((Complex<R>) -> Complex<R>)? {
    switch f {
    case .exp: { call($0, strided_cexp, strided_cexpf) }
    case .log: { call($0, strided_clog, strided_clogf) }
    case .sqrt: { call($0, strided_csqrt, strided_csqrtf) }
    case .sin: { call($0, strided_csin, strided_csinf) }
    case .cos: { call($0, strided_ccos, strided_ccosf) }
    case .tan: { call($0, strided_ctan, strided_ctanf) }
    case .sinh: { call($0, strided_csinh, strided_csinhf) }
    case .cosh: { call($0, strided_ccosh, strided_ccoshf) }
    case .tanh: { call($0, strided_ctanh, strided_ctanhf) }
    case .asin: { call($0, strided_casin, strided_casinf) }
    case .acos: { call($0, strided_cacos, strided_cacosf) }
    case .atan: { call($0, strided_catan, strided_catanf) }
    case .asinh: { call($0, strided_casinh, strided_casinhf) }
    case .acosh: { call($0, strided_cacosh, strided_cacoshf) }
    case .atanh: { call($0, strided_catanh, strided_catanhf) }
    case .expMinusOne: { expMinusOne($0) }
    case .logOnePlus: { logOnePlus($0) }
    case .log2: { scaled(call($0, strided_clog, strided_clogf), by: 1 / R.log(2)) }
    case .log10: { scaled(call($0, strided_clog, strided_clogf), by: 1 / R.log(10)) }
    case .exp2: { call(scaled($0, by: R.log(2)), strided_cexp, strided_cexpf) }
    case .power(let n): { power($0, Complex(R(n), 0)) }
    case .cbrt: nil
    case .root: nil
    }
  }

  /// Both parts times a real number, as NumPy's `log2`, `log10` and `exp2`
  /// of complex numbers scale them.
  @inline(__always)
  static func scaled<R: Real>(_ z: Complex<R>, by factor: R) -> Complex<R> {
    Complex(z.rawStorage.x * factor, z.rawStorage.y * factor)
  }

  /// Calls the C function for `Double` or `Float` parts.
  @inline(__always)
  static func call<R: NDComplexComponent>(
    _ z: Complex<R>,
    _ double: (strided_complex128) -> strided_complex128,
    _ float: (strided_complex64) -> strided_complex64
  ) -> Complex<R> {
    if R.self == Double.self {
      let r = double(strided_complex128(re: unsafeBitCast(z.rawStorage.x, to: Double.self), im: unsafeBitCast(z.rawStorage.y, to: Double.self)))
      return Complex(unsafeBitCast(r.re, to: R.self), unsafeBitCast(r.im, to: R.self))
    }
    let r = float(strided_complex64(re: unsafeBitCast(z.rawStorage.x, to: Float.self), im: unsafeBitCast(z.rawStorage.y, to: Float.self)))
    return Complex(unsafeBitCast(r.re, to: R.self), unsafeBitCast(r.im, to: R.self))
  }

  @inline(__always)
  static func call<R: NDComplexComponent>(
    _ z: Complex<R>, _ w: Complex<R>,
    _ double: (strided_complex128, strided_complex128) -> strided_complex128,
    _ float: (strided_complex64, strided_complex64) -> strided_complex64
  ) -> Complex<R> {
    if R.self == Double.self {
      let r = double(
        strided_complex128(re: unsafeBitCast(z.rawStorage.x, to: Double.self), im: unsafeBitCast(z.rawStorage.y, to: Double.self)),
        strided_complex128(re: unsafeBitCast(w.rawStorage.x, to: Double.self), im: unsafeBitCast(w.rawStorage.y, to: Double.self)))
      return Complex(unsafeBitCast(r.re, to: R.self), unsafeBitCast(r.im, to: R.self))
    }
    let r = float(
      strided_complex64(re: unsafeBitCast(z.rawStorage.x, to: Float.self), im: unsafeBitCast(z.rawStorage.y, to: Float.self)),
      strided_complex64(re: unsafeBitCast(w.rawStorage.x, to: Float.self), im: unsafeBitCast(w.rawStorage.y, to: Float.self)))
    return Complex(unsafeBitCast(r.re, to: R.self), unsafeBitCast(r.im, to: R.self))
  }
}
