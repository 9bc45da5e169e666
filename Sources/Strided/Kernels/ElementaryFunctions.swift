import CStrided
import ComplexModule
import Foundation
import RealModule

/// The elementary functions, dispatched once on the element type.
///
/// Contiguous `Float` and `Double` runs of every function libmvec has (all
/// but `sqrt` and the powers) use glibc's vector math library (its AVX-512
/// variants where the processor has AVX-512, else its AVX2 ones; at most 4
/// ulp by glibc's documentation), on the thread pool from 2¹⁶ elements; other
/// runs call the scalar function per element.
enum ElementaryFunction: Sendable {
  case exp, expMinusOne, log, logOnePlus
  case sin, cos, tan, asin, acos, atan
  case sinh, cosh, tanh, asinh, acosh, atanh
  case log2, log10, exp2, cbrt
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
    case .log2: "log2"
    case .log10: "log10"
    case .exp2: "exp2"
    case .cbrt: "cbrt"
    case .sqrt: "sqrt"
    case .power: "pow"
    case .root: "root"
    }
  }

  /// `f(a)` into new storage.
  func apply(_ a: NDView, kind: ScalarKind) -> NDView {
    if case .power(let n) = self, kind == .float64 || kind == .float32 || (kind == .float16 && n.magnitude <= 2048) {
      return Self.power(a, exponent: Double(n), kind: kind)
    }
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
    case .log2: { Self.realFunction($0, Foundation.log2, Foundation.log2) ?? Self.notReal("log2") }
    case .log10: { Self.realFunction($0, Foundation.log10, Foundation.log10) ?? Self.notReal("log10") }
    case .exp2: { Self.realFunction($0, Foundation.exp2, Foundation.exp2) ?? Self.notReal("exp2") }
    case .cbrt: { Self.realFunction($0, Foundation.cbrt, Foundation.cbrt) ?? Self.notReal("cbrt") }
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
    guard let (double, float) = vectorLoops else { return false }
    let loop: Loop
    if MemoryLayout<T>.size == 8 {
      loop = { _ = double(rebound($0), rebound($1), $2) }
    } else {
      loop = { _ = float(rebound($0), rebound($1), $2) }
    }
    let plan = IterationPlan(shape: out.shape, strides: [out.strides, a.strides])
    let e = MemoryLayout<T>.stride
    let scalarFunction = scalarFallback(T.self)
    // A vector exp or sin costs about 1 ns an item: threads pay from
    // 2^16 items, a sixteenth of the threshold for additions.
    plan.forEachRun(
      IterationPlan.Strides(Elementwise.address(out), Elementwise.address(a), 0, 0), parallel: true,
      outputItemSize: out.itemSize, threshold: IterationPlan.parallelThreshold / 16
    ) { n, p, s in
      // A run of one item (a 0-d array's) takes the vector loop too, so a
      // value gives the same bits whatever the shape it sits in.
      if (n == 1 || (s[0] == e && s[1] == e)) && p[0] % e == 0 && p[1] % e == 0 {
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

  /// libmvec's loops for this function, `Double` and `Float`; `nil` where it
  /// has none (or Strided computes the function another way).
  var vectorLoops: (
    (UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Int32,
    (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Int32
  )? {
    switch self {
    case .exp: (strided_exp_f64, strided_exp_f32)
    case .log: (strided_log_f64, strided_log_f32)
    case .sin: (strided_sin_f64, strided_sin_f32)
    case .cos: (strided_cos_f64, strided_cos_f32)
    case .tanh: (strided_tanh_f64, strided_tanh_f32)
    case .log2: (strided_log2_f64, strided_log2_f32)
    case .log10: (strided_log10_f64, strided_log10_f32)
    case .exp2: (strided_exp2_f64, strided_exp2_f32)
    case .expMinusOne: (strided_expm1_f64, strided_expm1_f32)
    case .logOnePlus: (strided_log1p_f64, strided_log1p_f32)
    case .cbrt: (strided_cbrt_f64, strided_cbrt_f32)
    case .tan: (strided_tan_f64, strided_tan_f32)
    case .asin: (strided_asin_f64, strided_asin_f32)
    case .acos: (strided_acos_f64, strided_acos_f32)
    case .atan: (strided_atan_f64, strided_atan_f32)
    case .sinh: (strided_sinh_f64, strided_sinh_f32)
    case .cosh: (strided_cosh_f64, strided_cosh_f32)
    case .asinh: (strided_asinh_f64, strided_asinh_f32)
    case .acosh: (strided_acosh_f64, strided_acosh_f32)
    case .atanh: (strided_atanh_f64, strided_atanh_f32)
    case .sqrt, .power, .root: nil
    }
  }

  /// A function that only real types reach here (complex numbers go
  /// through ``ComplexMath``).
  static func notReal<T>(_ name: StaticString) -> T { preconditionFailure("\(name): not defined for this element type") }

  /// The C library's function for `Double` or `Float` (and `Float16`
  /// through `Float`); `nil` for other types.
  @inline(__always)
  static func realFunction<T>(_ x: T, _ double: (Double) -> Double, _ float: (Float) -> Float) -> T? {
    if T.self == Double.self { return unsafeBitCast(double(unsafeBitCast(x, to: Double.self)), to: T.self) }
    if T.self == Float.self { return unsafeBitCast(float(unsafeBitCast(x, to: Float.self)), to: T.self) }
    if T.self == Float16.self { return unsafeBitCast(Float16(float(Float(unsafeBitCast(x, to: Float16.self)))), to: T.self) }
    return nil
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
  /// `pow(a, b)` element-wise, broadcasting, into new storage: one
  /// exponent for every base goes to ``power(_:exponent:kind:)``;
  /// contiguous `Float` and `Double` runs to libmvec's vector `pow`.
  static func power(_ a: NDView, _ b: NDView, kind: ScalarKind) -> NDView {
    let shape = Operands.broadcastShape([a.shape, b.shape], "pow")
    if b.count == 1 && shape == a.shape {
      switch kind {
      case .float64: return power(a, exponent: b.storage.load(Double.self, at: b.byteOffset), kind: kind)
      case .float32: return power(a, exponent: Double(b.storage.load(Float.self, at: b.byteOffset)), kind: kind)
      case .float16: return power(a, exponent: Double(b.storage.load(Float16.self, at: b.byteOffset)), kind: kind)
      default: break
      }
    }
    let out = Operands.result(shape: shape, format: a.format, like: [a, b], "pow")
    switch kind {
    case .float16: Elementwise.binary(a, b, into: out) { (x: Float16, y: Float16) in Float16(Foundation.pow(Float(x), Float(y))) }
    case .float32: vectorBinary(Float.self, a, b, out, strided_pow_f32) { Foundation.pow($0, $1) }
    case .float64: vectorBinary(Double.self, a, b, out, strided_pow_f64) { Foundation.pow($0, $1) }
    case .complex64: Elementwise.binary(a, b, into: out) { (x: Complex<Float>, y: Complex<Float>) in ComplexMath.power(x, y) }
    case .complex128: Elementwise.binary(a, b, into: out) { (x: Complex<Double>, y: Complex<Double>) in ComplexMath.power(x, y) }
    default: preconditionFailure("pow: \(kind) elements are not floating point")
    }
    return out
  }

  /// `pow(a, e)` for one exponent, as NumPy computes `a ** e`: 2 is a
  /// square, 1 a copy, 0 ones (`NaN⁰ = 1`), −1 a reciprocal, ½ a square
  /// root (so `(-0)^½ = -0` and `(-∞)^½` is NaN, as NumPy gives); other
  /// exponents go through libmvec's vector `pow` on contiguous runs.
  ///
  /// - Precondition: `kind` is `.float16`, `.float32` or `.float64`.
  static func power(_ a: NDView, exponent e: Double, kind: ScalarKind) -> NDView {
    let out = Operands.result(shape: a.shape, format: a.format, like: [a], "pow")
    switch kind {
    case .float64: power(Double.self, a, e, out, strided_pow_scalar_f64)
    case .float32: power(Float.self, a, Float(e), out, strided_pow_scalar_f32)
    default: power(Float16.self, a, Float16(e), out, nil)
    }
    return out
  }

  static func power<T: BinaryFloatingPoint & ElementaryFunctions>(
    _: T.Type, _ a: NDView, _ e: T, _ out: NDView, _ loop: ((UnsafePointer<T>?, T, UnsafeMutablePointer<T>?, Int) -> Int32)?
  ) {
    switch e {
    case 2: Elementwise.unary(a, into: out) { (x: T) in x * x }
    case 1: Elementwise.unary(a, into: out) { (x: T) in x }
    case 0: Elementwise.unary(a, into: out) { (_: T) -> T in 1 }
    case -1: Elementwise.unary(a, into: out) { (x: T) in 1 / x }
    case 0.5: Elementwise.unary(a, into: out) { (x: T) in x.squareRoot() }
    default:
      let elementSize = MemoryLayout<T>.stride
      let available = loop != nil && strided_vector_math_available() != 0
      let plan = IterationPlan(shape: out.shape, strides: [out.strides, a.strides])
      plan.forEachRun(
        IterationPlan.Strides(Elementwise.address(out), Elementwise.address(a), 0, 0), parallel: true,
        outputItemSize: out.itemSize, threshold: IterationPlan.parallelThreshold / 16
      ) { n, p, s in
        if available && (n == 1 || (s[0] == elementSize && s[1] == elementSize)) && p[0] % elementSize == 0
          && p[1] % elementSize == 0
        {
          _ = loop!(UnsafePointer(bitPattern: p[1]), e, UnsafeMutablePointer(bitPattern: p[0]), n)
        } else {
          var (o, x) = (UnsafeMutableRawPointer(bitPattern: p[0])!, UnsafeRawPointer(bitPattern: p[1])!)
          for _ in 0..<n {
            o.storeBytes(of: realPower(x.loadUnaligned(as: T.self), e), as: T.self)
            o += s[0]
            x += s[1]
          }
        }
      }
      withExtendedLifetime((a, out)) {}
    }
  }

  /// `xʸ` through the C library, for `Float` and `Double` (and `Float16`
  /// through `Float`).
  @inline(__always)
  static func realPower<T: BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
    if T.self == Double.self {
      return unsafeBitCast(Foundation.pow(unsafeBitCast(x, to: Double.self), unsafeBitCast(y, to: Double.self)), to: T.self)
    }
    return T(Foundation.pow(Float(x), Float(y)))
  }
}

extension ElementaryFunction {
  /// The two-argument elementary functions.
  enum Binary {
    case atan2, hypot

    var name: StaticString { self == .atan2 ? "atan2" : "hypot" }

    /// libmvec's loop over contiguous `Double` runs, and the C library's
    /// scalar function for the others (and where libmvec is missing).
    var doubleLoops: (vector: DoubleLoop, scalar: (Double, Double) -> Double) {
      switch self {
      case .atan2: (strided_atan2_f64, { y, x in Foundation.atan2(y, x) })
      case .hypot: (strided_hypot_f64, { x, y in Foundation.hypot(x, y) })
      }
    }

    typealias DoubleLoop = (UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Int32
  }

  /// `f(a, b)` broadcast into new storage; contiguous `Float` and `Double`
  /// runs through libmvec, others through the C library's scalar function.
  static func binary(_ f: Binary, _ a: NDView, _ b: NDView, kind: ScalarKind) -> NDView {
    let shape = Operands.broadcastShape([a.shape, b.shape], f.name)
    let out = Operands.result(shape: shape, format: a.format, like: [a, b], f.name)
    switch kind {
    case .float64:
      vectorBinary(Double.self, a, b, out, f.doubleLoops.vector, f.doubleLoops.scalar)
    case .float32:
      vectorBinary(Float.self, a, b, out, f == .atan2 ? strided_atan2_f32 : strided_hypot_f32) {
        f == .atan2 ? Foundation.atan2($0, $1) : Foundation.hypot($0, $1)
      }
    case .float16:
      Elementwise.binary(a, b, into: out) { (x: Float16, y: Float16) in
        Float16(f == .atan2 ? Foundation.atan2(Float(x), Float(y)) : Foundation.hypot(Float(x), Float(y)))
      }
    default: preconditionFailure("\(f.name): \(kind) elements are not floating point")
    }
    return out
  }

  static func vectorBinary<T: BinaryFloatingPoint>(
    _: T.Type, _ a: NDView, _ b: NDView, _ out: NDView,
    _ loop: (UnsafePointer<T>?, UnsafePointer<T>?, UnsafeMutablePointer<T>?, Int) -> Int32,
    _ scalar: @escaping (T, T) -> T
  ) {
    let sa = try! a.layout.broadcast(to: out.shape, itemSize: a.itemSize).strides
    let sb = try! b.layout.broadcast(to: out.shape, itemSize: b.itemSize).strides
    let plan = IterationPlan(shape: out.shape, strides: [out.strides, sa, sb])
    let e = MemoryLayout<T>.stride
    let available = strided_vector_math_available() != 0
    plan.forEachRun(
      IterationPlan.Strides(Elementwise.address(out), Elementwise.address(a), Elementwise.address(b), 0), parallel: true,
      outputItemSize: out.itemSize, threshold: IterationPlan.parallelThreshold / 16
    ) { n, p, s in
      if available && (n == 1 || (s[0] == e && s[1] == e && s[2] == e)) && p[0] % e == 0 && p[1] % e == 0
        && p[2] % e == 0
      {
        _ = loop(UnsafePointer(bitPattern: p[1]), UnsafePointer(bitPattern: p[2]), UnsafeMutablePointer(bitPattern: p[0]), n)
      } else {
        var (o, x, y) = (UnsafeMutableRawPointer(bitPattern: p[0])!, UnsafeRawPointer(bitPattern: p[1])!, UnsafeRawPointer(bitPattern: p[2])!)
        for _ in 0..<n {
          o.storeBytes(of: scalar(x.loadUnaligned(as: T.self), y.loadUnaligned(as: T.self)), as: T.self)
          o += s[0]
          x += s[1]
          y += s[2]
        }
      }
    }
    withExtendedLifetime((a, b, out)) {}
  }
}
