import CStrided
import ComplexModule
import Foundation
import RealModule

/// The elementary functions, dispatched once on the element type.
///
/// `exp`, `log`, `sin`, `cos` and `tanh` of contiguous `Float` and `Double`
/// runs use glibc's vector math library (libmvec's AVX-512 variants where the
/// processor has AVX-512, else its AVX2 ones; at most 4 ulp by glibc's
/// documentation), on two threads from 2¹⁶ elements; every other case calls
/// swift-numerics' scalar function per element.
enum ElementaryFunction: Sendable {
  case exp, expMinusOne, log, logOnePlus
  case sin, cos, tan, asin, acos, atan
  case sinh, cosh, tanh, asinh, acosh, atanh
  case sqrt
  case power(Int)
  case root(Int)

  var name: StaticString {
    switch self {
    case .exp: "exp"
    case .expMinusOne: "expMinusOne"
    case .log: "log"
    case .logOnePlus: "log(onePlus:)"
    case .sin: "sin"
    case .cos: "cos"
    case .tan: "tan"
    case .asin: "asin"
    case .acos: "acos"
    case .atan: "atan"
    case .sinh: "sinh"
    case .cosh: "cosh"
    case .tanh: "tanh"
    case .asinh: "asinh"
    case .acosh: "acosh"
    case .atanh: "atanh"
    case .sqrt: "sqrt"
    case .power: "pow"
    case .root: "root"
    }
  }

  /// `f(a)` into new storage.
  func apply(_ a: NDView, kind: ScalarKind) -> NDView {
    let out = Operands.result(shape: a.shape, format: a.format, like: [a], name)
    switch kind {
    case .float16: scalar(Float16.self, a, out)
    case .float32: if !vector(Float.self, a, out) { scalar(Float.self, a, out) }
    case .float64: if !vector(Double.self, a, out) { scalar(Double.self, a, out) }
    case .complex64: complex(Float.self, a, out)
    case .complex128: complex(Double.self, a, out)
    default: preconditionFailure("\(name): \(kind) elements are not floating point")
    }
    return out
  }

  /// Complex elements through the C library's C99 functions (see
  /// ``ComplexMath``); `root` through swift-numerics.
  func complex<R: NDComplexComponent>(_: R.Type, _ a: NDView, _ out: NDView) {
    guard let f = ComplexMath.function(self, R.self) else {
      scalar(Complex<R>.self, a, out)
      return
    }
    Elementwise.unary(a, into: out, f)
  }

  @inline(__always)
  func function<T: ElementaryFunctions>(_: T.Type) -> (T) -> T {
    switch self {
    case .exp: T.exp
    case .expMinusOne: T.expMinusOne
    case .log: { T.log($0) }
    case .logOnePlus: { T.log(onePlus: $0) }
    case .sin: T.sin
    case .cos: T.cos
    case .tan: T.tan
    case .asin: T.asin
    case .acos: T.acos
    case .atan: T.atan
    case .sinh: T.sinh
    case .cosh: T.cosh
    case .tanh: T.tanh
    case .asinh: T.asinh
    case .acosh: T.acosh
    case .atanh: T.atanh
    case .sqrt: T.sqrt
    case .power(let n): { Self.realPower($0, n) }
    case .root(let n): { T.root($0, n) }
    }
  }

  /// `xⁿ` through the C library's `pow`, as NumPy's `x ** n` computes it
  /// for floating point (`(-2)² = 4`, `0⁰ = 1`, `NaN⁰ = 1`, `(-∞)² = ∞`).
  @inline(__always)
  static func realPower<T: ElementaryFunctions>(_ x: T, _ n: Int) -> T {
    if T.self == Double.self { return unsafeBitCast(Foundation.pow(unsafeBitCast(x, to: Double.self), Double(n)), to: T.self) }
    if T.self == Float.self { return unsafeBitCast(Foundation.pow(unsafeBitCast(x, to: Float.self), Float(n)), to: T.self) }
    if T.self == Float16.self {
      return unsafeBitCast(Float16(Foundation.pow(Float(unsafeBitCast(x, to: Float16.self)), Float(n))), to: T.self)
    }
    return T.pow(x, n)
  }

  func scalar<T: ElementaryFunctions>(_: T.Type, _ a: NDView, _ out: NDView) {
    switch self {
    case .exp: Elementwise.unary(a, into: out) { (x: T) in T.exp(x) }
    case .log: Elementwise.unary(a, into: out) { (x: T) in T.log(x) }
    case .sin: Elementwise.unary(a, into: out) { (x: T) in T.sin(x) }
    case .cos: Elementwise.unary(a, into: out) { (x: T) in T.cos(x) }
    case .tanh: Elementwise.unary(a, into: out) { (x: T) in T.tanh(x) }
    case .sqrt: Elementwise.unary(a, into: out) { (x: T) in T.sqrt(x) }
    default:
      let f = function(T.self)
      Elementwise.unary(a, into: out, f)
    }
  }

  /// Runs the libmvec loop over every run that is contiguous on both sides;
  /// `false` when this function or processor has none.
  func vector<T: BinaryFloatingPoint>(_: T.Type, _ a: NDView, _ out: NDView) -> Bool {
    guard strided_vector_math_available() != 0 else { return false }
    typealias Loop = (UnsafePointer<T>, UnsafeMutablePointer<T>, Int) -> Void
    let loop: Loop
    switch (self, MemoryLayout<T>.size) {
    case (.exp, 8): loop = { _ = strided_exp_f64(rebound($0), rebound($1), $2) }
    case (.log, 8): loop = { _ = strided_log_f64(rebound($0), rebound($1), $2) }
    case (.sin, 8): loop = { _ = strided_sin_f64(rebound($0), rebound($1), $2) }
    case (.cos, 8): loop = { _ = strided_cos_f64(rebound($0), rebound($1), $2) }
    case (.tanh, 8): loop = { _ = strided_tanh_f64(rebound($0), rebound($1), $2) }
    case (.exp, 4): loop = { _ = strided_exp_f32(rebound($0), rebound($1), $2) }
    case (.log, 4): loop = { _ = strided_log_f32(rebound($0), rebound($1), $2) }
    case (.sin, 4): loop = { _ = strided_sin_f32(rebound($0), rebound($1), $2) }
    case (.cos, 4): loop = { _ = strided_cos_f32(rebound($0), rebound($1), $2) }
    case (.tanh, 4): loop = { _ = strided_tanh_f32(rebound($0), rebound($1), $2) }
    default: return false
    }
    let plan = IterationPlan(shape: out.shape, strides: [out.strides, a.strides])
    let e = MemoryLayout<T>.stride
    let scalarFunction = scalarFallback(T.self)
    // A vector exp or sin costs about 1 ns an item: two threads pay from
    // 2^16 items, a sixteenth of the threshold for additions.
    plan.forEachRun(
      IterationPlan.Strides(Elementwise.address(out), Elementwise.address(a), 0, 0), parallel: true,
      outputItemSize: out.itemSize, threshold: IterationPlan.parallelThreshold / 16
    ) { n, p, s in
      if s[0] == e && s[1] == e && p[0] % e == 0 && p[1] % e == 0 {
        loop(UnsafePointer(bitPattern: p[1])!, UnsafeMutablePointer(bitPattern: p[0])!, n)
      } else {
        var (o, x) = (UnsafeMutableRawPointer(bitPattern: p[0])!, UnsafeRawPointer(bitPattern: p[1])!)
        for _ in 0..<n {
          o.storeBytes(of: scalarFunction(x.loadUnaligned(as: T.self)), as: T.self)
          o += s[0]
          x += s[1]
        }
      }
    }
    withExtendedLifetime((a, out)) {}
    return true
  }

  /// The scalar function for `Float` or `Double`, for runs the vector loop
  /// cannot take.
  func scalarFallback<T: BinaryFloatingPoint>(_: T.Type) -> (T) -> T {
    if T.self == Double.self {
      let f = function(Double.self)
      return { unsafeBitCast(f(unsafeBitCast($0, to: Double.self)), to: T.self) }
    }
    let f = function(Float.self)
    return { unsafeBitCast(f(unsafeBitCast($0, to: Float.self)), to: T.self) }
  }
}

@inline(__always)
private func rebound<T, U>(_ p: UnsafePointer<T>) -> UnsafePointer<U> { UnsafeRawPointer(p).assumingMemoryBound(to: U.self) }
@inline(__always)
private func rebound<T, U>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<U> {
  UnsafeMutableRawPointer(p).assumingMemoryBound(to: U.self)
}

extension ElementaryFunction {
  /// `pow(a, b)` element-wise, broadcasting, into new storage.
  static func power(_ a: NDView, _ b: NDView, kind: ScalarKind) -> NDView {
    let shape = Operands.broadcastShape([a.shape, b.shape], "pow")
    let out = Operands.result(shape: shape, format: a.format, like: [a, b], "pow")
    switch kind {
    case .float16: Elementwise.binary(a, b, into: out) { (x: Float16, y: Float16) in Float16(Foundation.pow(Float(x), Float(y))) }
    case .float32: Elementwise.binary(a, b, into: out) { (x: Float, y: Float) in Foundation.pow(x, y) }
    case .float64: Elementwise.binary(a, b, into: out) { (x: Double, y: Double) in Foundation.pow(x, y) }
    case .complex64: Elementwise.binary(a, b, into: out) { (x: Complex<Float>, y: Complex<Float>) in ComplexMath.power(x, y) }
    case .complex128: Elementwise.binary(a, b, into: out) { (x: Complex<Double>, y: Complex<Double>) in ComplexMath.power(x, y) }
    default: preconditionFailure("pow: \(kind) elements are not floating point")
    }
    return out
  }
}
