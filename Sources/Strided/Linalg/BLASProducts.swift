import COpenBLAS

/// The level-2 and level-3 drivers: they take 2-D (and 1-D) views whose
/// shapes the caller has checked, decide for each operand how BLAS sees it
/// (``BLASOperand``), and make one call.
enum BLASProducts {
  /// `c = alpha · op(a) · op(b) + beta · c`.
  ///
  /// - Parameter isNew: `c` is new C-order memory: it cannot overlap an
  ///   operand, and BLAS addresses it as it is (row-major, `ld` = *n*).
  /// - Precondition: The shapes agree, `c` is writable, and every view holds
  ///   `E`s in the machine's byte order.
  static func gemm<E: BLASElement>(
    _: E.Type, _ a: NDView, _ opA: MatrixOperation, _ b: NDView, _ opB: MatrixOperation,
    alpha: E, beta: E, into c: NDView, isNew: Bool = false
  ) {
    let m = c.layout.size(0)
    let n = c.layout.size(1)
    let k = opA == .identity ? a.layout.size(1) : a.layout.size(0)
    if m == 0 || n == 0 { return }
    let (bm, bn, bk) = (blasInt(m, "rows"), blasInt(n, "columns"), blasInt(k, "inner dimension"))
    let isComplex = BLASType.of(E.self).isComplex
    let opA = !isComplex && opA == .adjoint ? .transpose : opA
    let opB = !isComplex && opB == .adjoint ? .transpose : opB

    // The output decides the storage order. An output BLAS cannot address,
    // or one that shares bytes with an operand, is staged.
    var target = c
    var order = CblasRowMajor
    var ldc: blasint
    if isNew {
      ldc = bn
    } else if !(c.overlaps(a) ?? true) && !(c.overlaps(b) ?? true),
      let (flipped, ld) = BLASOperand.matrix(c, order: CblasRowMajor)
    {
      order = flipped ? CblasColMajor : CblasRowMajor
      ldc = ld
    } else {
      target = BLASOperand.packed(c, order: .c)
      ldc = blasint(exactly: Swift.max(1, n))!
    }

    if k == 0 {
      scale(E.self, target, by: beta)
    } else {
      let (pa, ta, lda) = operand(a, opA, order: order)
      let (pb, tb, ldb) = operand(b, opB, order: order)
      RawBLAS.gemm(
        E.self, order: order, ta, tb, m: bm, n: bn, k: bk, alpha: alpha,
        a: pa.storage.base + pa.byteOffset, lda: lda, b: pb.storage.base + pb.byteOffset, ldb: ldb,
        beta: beta, c: target.storage.base + target.byteOffset, ldc: ldc)
      withExtendedLifetime((pa, pb)) {}
    }
    if target.storage !== c.storage { try! target.copy(into: c) }
    withExtendedLifetime((a, b, c)) {}
  }

  /// The view BLAS reads for `op(view)` in `order`, its `trans` flag and its
  /// leading dimension; packed when BLAS cannot address it, or when an
  /// adjoint of a flipped matrix would need a conjugate without transpose.
  static func operand(
    _ view: NDView, _ op: MatrixOperation, order: CBLAS_ORDER
  ) -> (NDView, CBLAS_TRANSPOSE, blasint) {
    if let (flipped, ld) = BLASOperand.matrix(view, order: order), !(flipped && op == .adjoint) {
      return (view, op.cblas(flipped: flipped), ld)
    }
    let row = order == CblasRowMajor
    let packed = BLASOperand.packed(view, order: row ? .c : .fortran)
    let ld = Swift.max(1, view.layout.size(row ? 1 : 0))
    return (packed, op.cblas(flipped: false), blasInt(ld, "leading dimension"))
  }

  /// `y = alpha · op(a) · x + beta · y`, with `a` 2-D and `x`, `y` 1-D.
  ///
  /// - Precondition: As for ``gemm(_:_:_:_:_:alpha:beta:into:)``.
  static func gemv<E: BLASElement>(
    _: E.Type, _ a: NDView, _ opA: MatrixOperation, _ x: NDView, alpha: E, beta: E, into y: NDView,
    isNew: Bool = false
  ) {
    let m = a.layout.size(0)
    let n = a.layout.size(1)
    let outputs = y.layout.size(0)
    if outputs == 0 { return }
    let isComplex = BLASType.of(E.self).isComplex
    let opA = !isComplex && opA == .adjoint ? .transpose : opA

    var target = y
    if !isNew && ((y.overlaps(a) ?? true) || (y.overlaps(x) ?? true)) || BLASOperand.vector(y) == nil {
      target = BLASOperand.packed(y, order: .c)
    }
    if (opA == .identity ? n : m) == 0 {
      // Nothing to accumulate: y = beta · y, as BLAS defines it.
      scale(E.self, target, by: beta)
    } else {
      if beta == .additiveIdentity {
        // beta = 0 must not read y: some OpenBLAS versions scale it by 0,
        // which keeps a NaN. Zeros first, then accumulate.
        scale(E.self, target, by: .additiveIdentity)
      }
      let (pa, ta, lda) = operand(a, opA, order: CblasRowMajor)
      // A packed matrix is C order: not flipped, so rows and columns stay.
      let source = BLASOperand.vector(x) != nil ? x : BLASOperand.packed(x, order: .c)
      let (px, incx) = BLASOperand.vector(source)!
      let (py, incy) = BLASOperand.vector(target)!
      // In row-major terms: `Trans` means BLAS reads the stored matrix as
      // n × m. The stored matrix's shape is what BLAS is told.
      let flipped = ta == CblasTrans && opA == .identity || ta == CblasNoTrans && opA != .identity
      let (rows, columns) = flipped ? (n, m) : (m, n)
      RawBLAS.gemv(
        E.self, order: CblasRowMajor, ta, m: blasInt(rows, "rows"), n: blasInt(columns, "columns"),
        alpha: alpha, a: pa.storage.base + pa.byteOffset, lda: lda, x: px, incx: incx,
        beta: beta, y: py, incy: incy)
      withExtendedLifetime((pa, source)) {}
    }
    if target.storage !== y.storage { try! target.copy(into: y) }
    withExtendedLifetime((a, x, y)) {}
  }

  /// `view = beta · view`, with BLAS's rule that a zero `beta` writes zeros
  /// (whatever was there, NaN included).
  static func scale<E: BLASElement>(_: E.Type, _ view: NDView, by beta: E) {
    let rows = view.ndim == 2 ? view.layout.size(0) : 1
    let columns = view.layout.size(view.ndim - 1)
    let rowStride = view.ndim == 2 ? view.layout.stride(0) : 0
    let columnStride = view.layout.stride(view.ndim - 1)
    let storage = view.storage
    for i in 0..<rows {
      for j in 0..<columns {
        let offset = view.byteOffset + i * rowStride + j * columnStride
        let value = beta == .additiveIdentity ? E.additiveIdentity : beta * storage.load(E.self, at: offset)
        storage.store(value, at: offset)
      }
    }
  }
}
