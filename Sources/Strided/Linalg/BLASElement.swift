import COpenBLAS
import ComplexModule
import RealModule

/// An element type that BLAS and LAPACK compute with: `Float`, `Double`,
/// `Complex<Float>` and `Complex<Double>`.
///
/// Strided provides every conformance; other types cannot be added, because
/// the routines behind them are OpenBLAS's. Matrix products of other
/// element types (``NDArray/matmul(_:)``) use Strided's own kernel.
public protocol BLASElement: NDElement, AlgebraicField where Magnitude: NDComplexComponent {}

extension Float: BLASElement {}
extension Double: BLASElement {}
extension Complex: BLASElement where RealType: NDComplexComponent {}

/// The four BLAS element types, for dispatching on a runtime scalar kind.
enum BLASType {
  case float, double, complexFloat, complexDouble

  init?(_ kind: ScalarKind) {
    switch kind {
    case .float32: self = .float
    case .float64: self = .double
    case .complex64: self = .complexFloat
    case .complex128: self = .complexDouble
    default: return nil
    }
  }

  /// The type of `E`, which must be one of the four.
  static func of<E: NDElement>(_: E.Type) -> BLASType {
    guard let type = BLASType(E.scalarKind) else {
      preconditionFailure("\(E.self) is not one of BLAS's element types")
    }
    return type
  }

  var isComplex: Bool { self == .complexFloat || self == .complexDouble }
}

/// Converts a size or increment to BLAS's 32-bit integer.
///
/// - Precondition: `value` fits in 32 bits.
@inline(__always)
func blasInt(_ value: Int, _ what: @autoclosure () -> String) -> blasint {
  guard let result = blasint(exactly: value) else {
    preconditionFailure("\(what()) = \(value) is outside BLAS's 32-bit index range")
  }
  return result
}

/// The level-1, 2 and 3 CBLAS calls, on raw addresses, for a runtime
/// element type. Scalars are passed as values of the element type `E`.
enum RawBLAS {
  @inline(__always)
  static func scalar<E, R>(_ value: E, _ body: (UnsafeRawPointer) -> R) -> R {
    withUnsafeBytes(of: value) { body($0.baseAddress!) }
  }

  static func gemm<E: BLASElement>(
    _: E.Type, order: CBLAS_ORDER, _ transA: CBLAS_TRANSPOSE, _ transB: CBLAS_TRANSPOSE,
    m: blasint, n: blasint, k: blasint, alpha: E,
    a: UnsafeRawPointer, lda: blasint, b: UnsafeRawPointer, ldb: blasint,
    beta: E, c: UnsafeMutableRawPointer, ldc: blasint
  ) {
    scalar(alpha) { pa in
      scalar(beta) { pb in
        switch BLASType.of(E.self) {
        case .float:
          cblas_sgemm(
            order, transA, transB, m, n, k, pa.load(as: Float.self), a.assumingMemoryBound(to: Float.self), lda,
            b.assumingMemoryBound(to: Float.self), ldb, pb.load(as: Float.self),
            c.assumingMemoryBound(to: Float.self), ldc)
        case .double:
          cblas_dgemm(
            order, transA, transB, m, n, k, pa.load(as: Double.self), a.assumingMemoryBound(to: Double.self),
            lda, b.assumingMemoryBound(to: Double.self), ldb, pb.load(as: Double.self),
            c.assumingMemoryBound(to: Double.self), ldc)
        case .complexFloat:
          cblas_cgemm(order, transA, transB, m, n, k, pa, a, lda, b, ldb, pb, c, ldc)
        case .complexDouble:
          cblas_zgemm(order, transA, transB, m, n, k, pa, a, lda, b, ldb, pb, c, ldc)
        }
      }
    }
  }

  static func gemv<E: BLASElement>(
    _: E.Type, order: CBLAS_ORDER, _ trans: CBLAS_TRANSPOSE, m: blasint, n: blasint, alpha: E,
    a: UnsafeRawPointer, lda: blasint, x: UnsafeRawPointer, incx: blasint,
    beta: E, y: UnsafeMutableRawPointer, incy: blasint
  ) {
    scalar(alpha) { pa in
      scalar(beta) { pb in
        switch BLASType.of(E.self) {
        case .float:
          cblas_sgemv(
            order, trans, m, n, pa.load(as: Float.self), a.assumingMemoryBound(to: Float.self), lda,
            x.assumingMemoryBound(to: Float.self), incx, pb.load(as: Float.self),
            y.assumingMemoryBound(to: Float.self), incy)
        case .double:
          cblas_dgemv(
            order, trans, m, n, pa.load(as: Double.self), a.assumingMemoryBound(to: Double.self), lda,
            x.assumingMemoryBound(to: Double.self), incx, pb.load(as: Double.self),
            y.assumingMemoryBound(to: Double.self), incy)
        case .complexFloat: cblas_cgemv(order, trans, m, n, pa, a, lda, x, incx, pb, y, incy)
        case .complexDouble: cblas_zgemv(order, trans, m, n, pa, a, lda, x, incx, pb, y, incy)
        }
      }
    }
  }

  /// The unconjugated (or, with `conjugated`, conjugated) dot product.
  static func dot<E: BLASElement>(
    _: E.Type, n: blasint, x: UnsafeRawPointer, incx: blasint, y: UnsafeRawPointer, incy: blasint,
    conjugated: Bool = false
  ) -> E {
    switch BLASType.of(E.self) {
    case .float:
      let r = cblas_sdot(n, x.assumingMemoryBound(to: Float.self), incx, y.assumingMemoryBound(to: Float.self), incy)
      return unsafeBitCast(r, to: E.self)
    case .double:
      let r = cblas_ddot(
        n, x.assumingMemoryBound(to: Double.self), incx, y.assumingMemoryBound(to: Double.self), incy)
      return unsafeBitCast(r, to: E.self)
    case .complexFloat, .complexDouble:
      var result = E.additiveIdentity
      withUnsafeMutableBytes(of: &result) { r in
        switch (BLASType.of(E.self), conjugated) {
        case (.complexFloat, false): cblas_cdotu_sub(n, x, incx, y, incy, r.baseAddress)
        case (.complexFloat, true): cblas_cdotc_sub(n, x, incx, y, incy, r.baseAddress)
        case (_, false): cblas_zdotu_sub(n, x, incx, y, incy, r.baseAddress)
        case (_, true): cblas_zdotc_sub(n, x, incx, y, incy, r.baseAddress)
        }
      }
      return result
    }
  }

  static func axpy<E: BLASElement>(
    _: E.Type, n: blasint, alpha: E, x: UnsafeRawPointer, incx: blasint, y: UnsafeMutableRawPointer, incy: blasint
  ) {
    scalar(alpha) { pa in
      switch BLASType.of(E.self) {
      case .float:
        cblas_saxpy(
          n, pa.load(as: Float.self), x.assumingMemoryBound(to: Float.self), incx,
          y.assumingMemoryBound(to: Float.self), incy)
      case .double:
        cblas_daxpy(
          n, pa.load(as: Double.self), x.assumingMemoryBound(to: Double.self), incx,
          y.assumingMemoryBound(to: Double.self), incy)
      case .complexFloat: cblas_caxpy(n, pa, x, incx, y, incy)
      case .complexDouble: cblas_zaxpy(n, pa, x, incx, y, incy)
      }
    }
  }

  static func scal<E: BLASElement>(_: E.Type, n: blasint, alpha: E, x: UnsafeMutableRawPointer, incx: blasint) {
    scalar(alpha) { pa in
      switch BLASType.of(E.self) {
      case .float: cblas_sscal(n, pa.load(as: Float.self), x.assumingMemoryBound(to: Float.self), incx)
      case .double: cblas_dscal(n, pa.load(as: Double.self), x.assumingMemoryBound(to: Double.self), incx)
      case .complexFloat: cblas_cscal(n, pa, x, incx)
      case .complexDouble: cblas_zscal(n, pa, x, incx)
      }
    }
  }

  static func nrm2<E: BLASElement>(_: E.Type, n: blasint, x: UnsafeRawPointer, incx: blasint) -> E.Magnitude {
    switch BLASType.of(E.self) {
    case .float: unsafeBitCast(cblas_snrm2(n, x.assumingMemoryBound(to: Float.self), incx), to: E.Magnitude.self)
    case .double: unsafeBitCast(cblas_dnrm2(n, x.assumingMemoryBound(to: Double.self), incx), to: E.Magnitude.self)
    case .complexFloat: unsafeBitCast(cblas_scnrm2(n, x, incx), to: E.Magnitude.self)
    case .complexDouble: unsafeBitCast(cblas_dznrm2(n, x, incx), to: E.Magnitude.self)
    }
  }

  static func asum<E: BLASElement>(_: E.Type, n: blasint, x: UnsafeRawPointer, incx: blasint) -> E.Magnitude {
    switch BLASType.of(E.self) {
    case .float: unsafeBitCast(cblas_sasum(n, x.assumingMemoryBound(to: Float.self), incx), to: E.Magnitude.self)
    case .double: unsafeBitCast(cblas_dasum(n, x.assumingMemoryBound(to: Double.self), incx), to: E.Magnitude.self)
    case .complexFloat: unsafeBitCast(cblas_scasum(n, x, incx), to: E.Magnitude.self)
    case .complexDouble: unsafeBitCast(cblas_dzasum(n, x, incx), to: E.Magnitude.self)
    }
  }

  static func iamax<E: BLASElement>(_: E.Type, n: blasint, x: UnsafeRawPointer, incx: blasint) -> Int {
    switch BLASType.of(E.self) {
    case .float: Int(cblas_isamax(n, x.assumingMemoryBound(to: Float.self), incx))
    case .double: Int(cblas_idamax(n, x.assumingMemoryBound(to: Double.self), incx))
    case .complexFloat: Int(cblas_icamax(n, x, incx))
    case .complexDouble: Int(cblas_izamax(n, x, incx))
    }
  }
}
