import COpenBLAS

/// The LAPACK Fortran routines Strided calls, for a runtime element type.
///
/// Every argument goes by address, in column-major workspaces the callers
/// own. Each function returns LAPACK's `info`. Workspace sizes are asked
/// of LAPACK first (`lwork = -1`).
enum LAPACK {
  typealias Pointer = UnsafeMutableRawPointer

  @inline(__always) static func f(_ p: Pointer) -> UnsafeMutablePointer<Float> { p.assumingMemoryBound(to: Float.self) }
  @inline(__always) static func d(_ p: Pointer) -> UnsafeMutablePointer<Double> { p.assumingMemoryBound(to: Double.self) }

  /// Zeroed scratch memory of `count` elements of `E`, at least one.
  static func scratch<E: NDElement>(_: E.Type, _ count: Int) -> ByteStorage {
    ByteStorage(count: Swift.max(1, count) * MemoryLayout<E>.stride)
  }

  /// The workspace size LAPACK wrote into the first element of a query.
  static func querySize<E: NDElement>(_: E.Type, _ storage: ByteStorage) -> Int {
    switch E.scalarKind {
    case .float32, .complex64: Int(storage.load(Float.self, at: 0).rounded(.up))
    default: Int(storage.load(Double.self, at: 0).rounded(.up))
    }
  }

  /// LAPACK's two-step workspace protocol: `call` once with `lwork` = -1
  /// and a one-element workspace (LAPACK writes the size it wants there),
  /// then again with a workspace of that size. Returns `info`.
  static func withWorkspace<E: NDElement>(
    _: E.Type, size: (blasint) -> Void, info: () -> blasint, _ call: (Pointer) -> Void
  ) -> Int {
    let query = scratch(E.self, 1)
    size(-1)
    call(query.base)
    guard info() == 0 else { return Int(info()) }
    let lwork = blasInt(querySize(E.self, query), "lwork")
    let work = scratch(E.self, Int(lwork))
    size(lwork)
    call(work.base)
    withExtendedLifetime((query, work)) {}
    return Int(info())
  }

  static func gesv<E: BLASElement>(
    _: E.Type, n: Int, nrhs: Int, a: Pointer, ipiv: UnsafeMutablePointer<blasint>, b: Pointer
  ) -> Int {
    var (n, nrhs) = (blasInt(n, "n"), blasInt(nrhs, "nrhs"))
    var (lda, ldb, info) = (Swift.max(1, n), Swift.max(1, n), blasint(0))
    switch BLASType.of(E.self) {
    case .float: sgesv_(&n, &nrhs, f(a), &lda, ipiv, f(b), &ldb, &info)
    case .double: dgesv_(&n, &nrhs, d(a), &lda, ipiv, d(b), &ldb, &info)
    case .complexFloat: cgesv_(&n, &nrhs, a, &lda, ipiv, b, &ldb, &info)
    case .complexDouble: zgesv_(&n, &nrhs, a, &lda, ipiv, b, &ldb, &info)
    }
    return Int(info)
  }

  static func getrf<E: BLASElement>(_: E.Type, n: Int, a: Pointer, ipiv: UnsafeMutablePointer<blasint>) -> Int {
    var n = blasInt(n, "n")
    var (m, lda, info) = (n, Swift.max(1, n), blasint(0))
    switch BLASType.of(E.self) {
    case .float: sgetrf_(&m, &n, f(a), &lda, ipiv, &info)
    case .double: dgetrf_(&m, &n, d(a), &lda, ipiv, &info)
    case .complexFloat: cgetrf_(&m, &n, a, &lda, ipiv, &info)
    case .complexDouble: zgetrf_(&m, &n, a, &lda, ipiv, &info)
    }
    return Int(info)
  }

  /// Solves with an LU factorization from ``getrf(_:n:a:ipiv:)``: `a · x = b`,
  /// or `aᵀ · x = b` when `transposed` (never the conjugate transpose).
  static func getrs<E: BLASElement>(
    _: E.Type, n: Int, nrhs: Int, a: Pointer, ipiv: UnsafeMutablePointer<blasint>, b: Pointer, transposed: Bool
  ) -> Int {
    var (n, nrhs) = (blasInt(n, "n"), blasInt(nrhs, "nrhs"))
    var (lda, ldb, info) = (Swift.max(1, n), Swift.max(1, n), blasint(0))
    var trans = CChar(UInt8(ascii: transposed ? "T" : "N"))
    switch BLASType.of(E.self) {
    case .float: sgetrs_(&trans, &n, &nrhs, f(a), &lda, ipiv, f(b), &ldb, &info, 1)
    case .double: dgetrs_(&trans, &n, &nrhs, d(a), &lda, ipiv, d(b), &ldb, &info, 1)
    case .complexFloat: cgetrs_(&trans, &n, &nrhs, a, &lda, ipiv, b, &ldb, &info, 1)
    case .complexDouble: zgetrs_(&trans, &n, &nrhs, a, &lda, ipiv, b, &ldb, &info, 1)
    }
    return Int(info)
  }

  /// Minimum-norm least squares by divide-and-conquer SVD. `b` has
  /// `max(m, n)` rows; `s` receives `min(m, n)` singular values.
  static func gelsd<E: BLASElement>(
    _: E.Type, m: Int, n: Int, nrhs: Int, a: Pointer, b: Pointer, s: Pointer, rcond: E.Magnitude,
    rank: inout Int
  ) -> Int {
    var (bm, bn, bnrhs) = (blasInt(m, "m"), blasInt(n, "n"), blasInt(nrhs, "nrhs"))
    var lda = Swift.max(1, bm)
    var ldb = Swift.max(1, Swift.max(bm, bn))
    var (r, info, lwork) = (blasint(0), blasint(0), blasint(-1))
    var rcond = rcond
    let type = BLASType.of(E.self)
    func call(_ work: Pointer, _ rwork: Pointer, _ iwork: UnsafeMutablePointer<blasint>) {
      withUnsafeMutableBytes(of: &rcond) { rc in
        let rc = rc.baseAddress!
        switch type {
        case .float:
          sgelsd_(&bm, &bn, &bnrhs, f(a), &lda, f(b), &ldb, f(s), f(rc), &r, f(work), &lwork, iwork, &info)
        case .double:
          dgelsd_(&bm, &bn, &bnrhs, d(a), &lda, d(b), &ldb, d(s), d(rc), &r, d(work), &lwork, iwork, &info)
        case .complexFloat:
          cgelsd_(&bm, &bn, &bnrhs, a, &lda, b, &ldb, f(s), f(rc), &r, work, &lwork, f(rwork), iwork, &info)
        case .complexDouble:
          zgelsd_(&bm, &bn, &bnrhs, a, &lda, b, &ldb, d(s), d(rc), &r, work, &lwork, d(rwork), iwork, &info)
        }
      }
    }
    let query = scratch(E.self, 1)
    let rquery = scratch(E.Magnitude.self, 1)
    var iquery = blasint(0)
    call(query.base, rquery.base, &iquery)
    guard info == 0 else { return Int(info) }
    lwork = blasInt(querySize(E.self, query), "lwork")
    let work = scratch(E.self, Int(lwork))
    let rwork = scratch(E.Magnitude.self, querySize(E.Magnitude.self, rquery))
    let iwork = scratch(blasint.self, Swift.max(1, Int(iquery)))
    call(work.base, rwork.base, iwork.base.assumingMemoryBound(to: blasint.self))
    withExtendedLifetime((query, rquery, work, rwork, iwork)) {}
    rank = Int(r)
    return Int(info)
  }

  /// Cholesky factorization of the `triangle` of `a`, in place; the other
  /// triangle is left as it was.
  static func potrf<E: BLASElement>(_: E.Type, n: Int, a: Pointer, triangle: Triangle) -> Int {
    var n = blasInt(n, "n")
    var (lda, info, uplo) = (Swift.max(1, n), blasint(0), triangle.lapackCode)
    switch BLASType.of(E.self) {
    case .float: spotrf_(&uplo, &n, f(a), &lda, &info, 1)
    case .double: dpotrf_(&uplo, &n, d(a), &lda, &info, 1)
    case .complexFloat: cpotrf_(&uplo, &n, a, &lda, &info, 1)
    case .complexDouble: zpotrf_(&uplo, &n, a, &lda, &info, 1)
    }
    return Int(info)
  }

  /// QR: `geqrf`, then the first `min(m, n)` columns of Q formed in place
  /// (`orgqr`/`ungqr`). Returns R's source (the factored `a`) untouched in
  /// `r` before Q overwrites `a`.
  static func qr<E: BLASElement>(_: E.Type, m: Int, n: Int, a: Pointer, copyR: () -> Void) -> Int {
    var (bm, bn) = (blasInt(m, "m"), blasInt(n, "n"))
    var k = Swift.min(bm, bn)
    var (lda, info, lwork) = (Swift.max(1, bm), blasint(0), blasint(-1))
    let tau = scratch(E.self, Int(k))
    let type = BLASType.of(E.self)
    func factor(_ work: Pointer) {
      switch type {
      case .float: sgeqrf_(&bm, &bn, f(a), &lda, f(tau.base), f(work), &lwork, &info)
      case .double: dgeqrf_(&bm, &bn, d(a), &lda, d(tau.base), d(work), &lwork, &info)
      case .complexFloat: cgeqrf_(&bm, &bn, a, &lda, tau.base, work, &lwork, &info)
      case .complexDouble: zgeqrf_(&bm, &bn, a, &lda, tau.base, work, &lwork, &info)
      }
    }
    func form(_ work: Pointer) {
      switch type {
      case .float: sorgqr_(&bm, &k, &k, f(a), &lda, f(tau.base), f(work), &lwork, &info)
      case .double: dorgqr_(&bm, &k, &k, d(a), &lda, d(tau.base), d(work), &lwork, &info)
      case .complexFloat: cungqr_(&bm, &k, &k, a, &lda, tau.base, work, &lwork, &info)
      case .complexDouble: zungqr_(&bm, &k, &k, a, &lda, tau.base, work, &lwork, &info)
      }
    }
    defer { withExtendedLifetime(tau) {} }
    let factored = withWorkspace(E.self, size: { lwork = $0 }, info: { info }, factor)
    guard factored == 0 else { return factored }
    copyR()
    if k == 0 { return 0 }
    return withWorkspace(E.self, size: { lwork = $0 }, info: { info }, form)
  }

  /// SVD by divide and conquer; `full` selects `jobz = "A"`, else `"S"`.
  static func gesdd<E: BLASElement>(
    _: E.Type, m: Int, n: Int, full: Bool, a: Pointer, s: Pointer, u: Pointer, ldu: Int, vt: Pointer, ldvt: Int
  ) -> Int {
    var (bm, bn) = (blasInt(m, "m"), blasInt(n, "n"))
    var (bldu, bldvt) = (blasInt(ldu, "ldu"), blasInt(ldvt, "ldvt"))
    var (lda, info, lwork) = (Swift.max(1, bm), blasint(0), blasint(-1))
    var jobz = CChar(UInt8(ascii: full ? "A" : "S"))
    let (small, large) = (Swift.min(m, n), Swift.max(m, n))
    let iwork = scratch(blasint.self, 8 * small)
    let rwork = scratch(
      E.Magnitude.self,
      BLASType.of(E.self).isComplex ? Swift.max(5 * small * small + 5 * small, 2 * large * small + 2 * small * small + small) : 0)
    let ip = iwork.base.assumingMemoryBound(to: blasint.self)
    func call(_ work: Pointer) {
      switch BLASType.of(E.self) {
      case .float:
        sgesdd_(&jobz, &bm, &bn, f(a), &lda, f(s), f(u), &bldu, f(vt), &bldvt, f(work), &lwork, ip, &info, 1)
      case .double:
        dgesdd_(&jobz, &bm, &bn, d(a), &lda, d(s), d(u), &bldu, d(vt), &bldvt, d(work), &lwork, ip, &info, 1)
      case .complexFloat:
        cgesdd_(&jobz, &bm, &bn, a, &lda, f(s), u, &bldu, vt, &bldvt, work, &lwork, f(rwork.base), ip, &info, 1)
      case .complexDouble:
        zgesdd_(&jobz, &bm, &bn, a, &lda, d(s), u, &bldu, vt, &bldvt, work, &lwork, d(rwork.base), ip, &info, 1)
      }
    }
    defer { withExtendedLifetime((iwork, rwork)) {} }
    return withWorkspace(E.self, size: { lwork = $0 }, info: { info }, call)
  }

  /// Eigenvalues (ascending, into `w`) and, when `vectors` is set,
  /// eigenvectors (into `a`) of a symmetric or Hermitian matrix, read from
  /// its `triangle`. Without vectors, `a` is destroyed.
  static func heevd<E: BLASElement>(
    _: E.Type, n: Int, a: Pointer, w: Pointer, triangle: Triangle, vectors: Bool = true
  ) -> Int {
    var bn = blasInt(n, "n")
    var (lda, info) = (Swift.max(1, bn), blasint(0))
    var (lwork, lrwork, liwork) = (blasint(-1), blasint(-1), blasint(-1))
    var (jobz, uplo) = (CChar(UInt8(ascii: vectors ? "V" : "N")), triangle.lapackCode)
    func call(_ work: Pointer, _ rwork: Pointer, _ iwork: UnsafeMutablePointer<blasint>) {
      switch BLASType.of(E.self) {
      case .float:
        ssyevd_(&jobz, &uplo, &bn, f(a), &lda, f(w), f(work), &lwork, iwork, &liwork, &info, 1, 1)
      case .double:
        dsyevd_(&jobz, &uplo, &bn, d(a), &lda, d(w), d(work), &lwork, iwork, &liwork, &info, 1, 1)
      case .complexFloat:
        cheevd_(&jobz, &uplo, &bn, a, &lda, f(w), work, &lwork, f(rwork), &lrwork, iwork, &liwork, &info, 1, 1)
      case .complexDouble:
        zheevd_(&jobz, &uplo, &bn, a, &lda, d(w), work, &lwork, d(rwork), &lrwork, iwork, &liwork, &info, 1, 1)
      }
    }
    let query = scratch(E.self, 1)
    let rquery = scratch(E.Magnitude.self, 1)
    var iquery = blasint(0)
    call(query.base, rquery.base, &iquery)
    guard info == 0 else { return Int(info) }
    lwork = blasInt(querySize(E.self, query), "lwork")
    lrwork = blasInt(Swift.max(1, querySize(E.Magnitude.self, rquery)), "lrwork")
    liwork = Swift.max(1, iquery)
    let work = scratch(E.self, Int(lwork))
    let rwork = scratch(E.Magnitude.self, Int(lrwork))
    let iwork = scratch(blasint.self, Int(liwork))
    call(work.base, rwork.base, iwork.base.assumingMemoryBound(to: blasint.self))
    withExtendedLifetime((query, rquery, work, rwork, iwork)) {}
    return Int(info)
  }

  /// Eigenvalues and right eigenvectors of a general matrix. For real
  /// types, `w` receives `wr` then `wi` (2n reals) and `v` LAPACK's packed
  /// real eigenvectors; for complex types, `w` and `v` are complex.
  static func geev<E: BLASElement>(_: E.Type, n: Int, a: Pointer, w: Pointer, v: Pointer) -> Int {
    var bn = blasInt(n, "n")
    var (lda, ldvl, ldvr, info, lwork) = (Swift.max(1, bn), blasint(1), Swift.max(1, bn), blasint(0), blasint(-1))
    var (jobvl, jobvr) = (CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "V")))
    let rwork = scratch(E.Magnitude.self, 2 * n)
    let vl = scratch(E.self, 1)
    func call(_ work: Pointer) {
      switch BLASType.of(E.self) {
      case .float:
        sgeev_(&jobvl, &jobvr, &bn, f(a), &lda, f(w), f(w) + n, f(vl.base), &ldvl, f(v), &ldvr, f(work), &lwork, &info, 1, 1)
      case .double:
        dgeev_(&jobvl, &jobvr, &bn, d(a), &lda, d(w), d(w) + n, d(vl.base), &ldvl, d(v), &ldvr, d(work), &lwork, &info, 1, 1)
      case .complexFloat:
        cgeev_(&jobvl, &jobvr, &bn, a, &lda, w, vl.base, &ldvl, v, &ldvr, work, &lwork, f(rwork.base), &info, 1, 1)
      case .complexDouble:
        zgeev_(&jobvl, &jobvr, &bn, a, &lda, w, vl.base, &ldvl, v, &ldvr, work, &lwork, d(rwork.base), &info, 1, 1)
      }
    }
    defer { withExtendedLifetime((rwork, vl)) {} }
    return withWorkspace(E.self, size: { lwork = $0 }, info: { info }, call)
  }
}
