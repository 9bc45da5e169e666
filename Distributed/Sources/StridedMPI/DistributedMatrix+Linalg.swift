import CMPI
import Strided

/// How ``DistributedMatrix/matmul(_:transposingSelf:transposingOther:)``
/// takes an operand.
public enum DistributedTranspose: Sendable, Hashable {
  /// As it is.
  case none
  /// Transposed: `a.T`.
  case transpose
  /// Conjugate-transposed: `a.conj().T` (the same as `.transpose` for
  /// real elements).
  case adjoint

  var code: UInt8 {
    switch self {
    case .none: UInt8(ascii: "N")
    case .transpose: UInt8(ascii: "T")
    case .adjoint: UInt8(ascii: "C")
    }
  }
}

// The factorizations copy their input's local blocks once (ScaLAPACK works
// in place); the inputs are left as they were. Their errors: a
// `DistributedError` for distributions that do not fit, a `LinalgError`,
// the same as the local call's, for the numbers (a singular matrix, one
// that is not positive definite, no convergence), thrown on every process.

extension DistributedMatrix {
  /// The matrix product `op(self) · op(other)` (PBLAS's `p?gemm`). The
  /// result has `self`'s row blocks and `other`'s column blocks.
  ///
  /// NumPy: `a @ b` (`a.T @ b`, … with the transposes).
  ///
  /// - Throws: ``DistributedError/mismatchedDistributions(_:)`` when the
  ///   grids differ or the inner sizes do not agree.
  /// - Complexity: O(*mnk*) over the grid.
  public func matmul(
    _ other: DistributedMatrix, transposingSelf opA: DistributedTranspose = .none,
    transposingOther opB: DistributedTranspose = .none
  ) throws(DistributedError) -> DistributedMatrix {
    guard grid === other.grid else { throw .mismatchedDistributions("matmul: the matrices are on different grids") }
    let (m, k) = opA == .none ? (rows, columns) : (columns, rows)
    let (k2, n) = opB == .none ? (other.rows, other.columns) : (other.columns, other.rows)
    guard k == k2 else {
      throw .mismatchedDistributions("matmul: inner sizes \(k) and \(k2) differ (shapes \(shape) and \(other.shape))")
    }
    let result = try DistributedMatrix(
      rows: m, columns: n, rowBlock: opA == .none ? rowBlock : columnBlock,
      columnBlock: opB == .none ? other.columnBlock : other.rowBlock, grid: grid)
    guard m > 0 && n > 0 else { return result }
    if k == 0 { return result }
    withLocal { a in
      other.withLocal { b in
        result.withLocal { c in
          ScaLAPACK.gemm(
            Element.self, opA.code, opB.code, m: m, n: n, k: k, alpha: 1, a: a, descriptor, b: b,
            other.descriptor, beta: 0, c: c, result.descriptor)
        }
      }
    }
    return result
  }

  /// Solves `self · x = b` by LU factorization with partial pivoting
  /// (ScaLAPACK's `p?gesv`). `x` has `b`'s distribution.
  ///
  /// NumPy: `np.linalg.solve(a, b)`.
  ///
  /// - Throws: `LinalgError.singularMatrix(info:)`, as the local `solve`;
  ///   ``DistributedError/mismatchedDistributions(_:)`` when `self` is not
  ///   square, the grids differ, or `b`'s rows do not match;
  ///   ``DistributedError/invalidBlockSize(_:)`` unless `self`'s blocks are
  ///   square and `b`'s row blocks equal them.
  /// - Complexity: O(*n³*) over the grid.
  public func solve(_ b: DistributedMatrix) throws -> DistributedMatrix {
    try checkSquare("solve")
    guard grid === b.grid else { throw DistributedError.mismatchedDistributions("solve: the matrices are on different grids") }
    guard b.rows == rows else {
      throw DistributedError.mismatchedDistributions("solve: shapes \(shape) and \(b.shape) do not align")
    }
    guard b.rowBlock == rowBlock else {
      throw DistributedError.invalidBlockSize("solve: b's row blocks (\(b.rowBlock)) must equal a's (\(rowBlock))")
    }
    guard rows > 0 && b.columns > 0 else { return b.with(local: b.local.copy(order: .fortran)) }
    // One process holds the whole system: LAPACK's own `gesv` (blocked and
    // threaded as the local solve is) is faster there than ScaLAPACK's
    // panel factorization.
    if grid.count == 1 { return b.with(local: b.fortranOrdered(try local.solve(b.local), "solve")) }
    let a = with(local: local.copy(order: .fortran))
    let x = b.with(local: b.local.copy(order: .fortran))
    let info = a.withLocal { pa in
      x.withLocal { px in
        ScaLAPACK.gesv(
          Element.self, n: rows, nrhs: b.columns, a: pa, a.descriptor, pivots: localRows + rowBlock, b: px,
          x.descriptor)
      }
    }
    try Self.check(info, "p?gesv") { .singularMatrix(info: $0) }
    return x
  }

  /// The lower-triangular Cholesky factor `l` of a Hermitian positive
  /// definite matrix, `self = l · lᴴ`, from its lower triangle (ScaLAPACK's
  /// `p?potrf`); the strict upper triangle of `l` is zero.
  ///
  /// NumPy: `np.linalg.cholesky(a)`.
  ///
  /// - Throws: `LinalgError.notPositiveDefinite(info:)`, as the local
  ///   `cholesky`; ``DistributedError`` for a matrix that is not square or
  ///   blocks that are not.
  public func cholesky() throws -> DistributedMatrix {
    try checkSquare("cholesky")
    let l = with(local: local.copy(order: .fortran))
    guard rows > 0 else { return l }
    let info = l.withLocal { ScaLAPACK.potrf(Element.self, n: rows, a: $0, l.descriptor) }
    try Self.check(info, "p?potrf") { .notPositiveDefinite(info: $0) }
    // Zero the strict upper triangle: in each local column, the rows whose
    // global index is below the column's.
    let zero = NDArray<Element>(scalar: 0)
    l.forEachLocalBlock { global, part in
      for j in 0..<part.columns.count {
        let above = Swift.min(Swift.max(global.columns.lowerBound + j - global.rows.lowerBound, 0), part.rows.count)
        if above > 0 {
          l.local[part.rows.lowerBound..<part.rows.lowerBound + above, part.columns.lowerBound + j] = zero
        }
      }
    }
    return l
  }

  /// The `x` that minimizes `‖b − self · x‖₂` for a matrix of full rank,
  /// by QR (more rows) or LQ (more columns, the least-norm solution)
  /// factorization (ScaLAPACK's `p?gels`). `x` has `b`'s blocks.
  ///
  /// NumPy: `np.linalg.lstsq(a, b)[0]`. Unlike the local
  /// `leastSquares`, which uses the SVD, a rank-deficient matrix is not
  /// detected: ScaLAPACK offers no distributed SVD-based solver.
  ///
  /// - Throws: ``DistributedError/mismatchedDistributions(_:)`` when the
  ///   grids differ or `b`'s rows do not match.
  public func leastSquares(_ b: DistributedMatrix) throws -> DistributedMatrix {
    guard grid === b.grid else {
      throw DistributedError.mismatchedDistributions("leastSquares: the matrices are on different grids")
    }
    guard b.rows == rows else {
      throw DistributedError.mismatchedDistributions("leastSquares: shapes \(shape) and \(b.shape) do not align")
    }
    let (m, n, k) = (rows, columns, b.columns)
    let x = try b.zeros(rows: n, columns: k)
    guard m > 0 && n > 0 && k > 0 else { return x }
    let a = with(local: local.copy(order: .fortran))
    // p?gels overwrites b, of max(m, n) rows, with x in its first n rows;
    // its row blocks must be a's row blocks (QR) or column blocks (LQ).
    let work = try DistributedMatrix(
      rows: Swift.max(m, n), columns: k, rowBlock: m >= n ? rowBlock : columnBlock, columnBlock: b.columnBlock,
      grid: grid)
    b.withLocal { source in
      work.withLocal { ScaLAPACK.gemr2d(Element.self, m: m, n: k, a: source, b.descriptor, b: $0, work.descriptor, context: grid.context) }
    }
    let info = a.withLocal { pa in
      work.withLocal { pw in
        ScaLAPACK.gels(Element.self, m: m, n: n, nrhs: k, a: pa, a.descriptor, b: pw, work.descriptor)
      }
    }
    try Self.check(info, "p?gels") { .singularMatrix(info: $0) }
    work.withLocal { source in
      x.withLocal { ScaLAPACK.gemr2d(Element.self, m: n, n: k, a: source, work.descriptor, b: $0, x.descriptor, context: grid.context) }
    }
    return x
  }

  /// The eigenvalues (ascending, on every process) and eigenvectors (the
  /// columns of a matrix distributed as `self`) of a Hermitian matrix, from
  /// its lower triangle (ScaLAPACK's `p?syevd`/`p?heevd`).
  ///
  /// NumPy: `np.linalg.eigh(a)`.
  ///
  /// - Throws: `LinalgError.didNotConverge(routine:info:)`;
  ///   ``DistributedError`` for a matrix that is not square or blocks that
  ///   are not.
  public func eigh() throws -> (eigenvalues: NDArray<Element.Magnitude>, eigenvectors: DistributedMatrix) {
    try checkSquare("eigh")
    let n = rows
    let a = with(local: local.copy(order: .fortran))
    let z = try zeros(rows: n, columns: n)
    let w = NDArray<Element.Magnitude>.zeros([n])
    guard n > 0 else { return (w, z) }
    let info = a.withLocal { pa in
      z.withLocal { pz in
        w.view.withUnsafeMutableBytes { pw in
          ScaLAPACK.heevd(Element.self, n: n, a: pa, a.descriptor, w: pw.baseAddress!, z: pz, z.descriptor)
        }
      }
    }
    try Self.check(info, "p?syevd") { .didNotConverge(routine: "p?syevd", info: $0) }
    return (w, z)
  }

  /// The thin singular value decomposition `self = u · diag(s) · vt`: `u`
  /// *m × k*, `s` the *k* = min(*m*, *n*) singular values (descending, on
  /// every process), `vt` *k × n* (ScaLAPACK's `p?gesvd`).
  ///
  /// NumPy: `np.linalg.svd(a, full_matrices=False)`.
  ///
  /// - Throws: `LinalgError.didNotConverge(routine:info:)`;
  ///   ``DistributedError/invalidBlockSize(_:)`` unless the blocks are
  ///   square.
  public func svd() throws -> (u: DistributedMatrix, s: NDArray<Element.Magnitude>, vt: DistributedMatrix) {
    guard rowBlock == columnBlock else {
      throw DistributedError.invalidBlockSize("svd needs square blocks; these are \(rowBlock) × \(columnBlock)")
    }
    let (m, n) = (rows, columns)
    let k = Swift.min(m, n)
    let u = try zeros(rows: m, columns: k)
    let vt = try zeros(rows: k, columns: n)
    let s = NDArray<Element.Magnitude>.zeros([k])
    guard k > 0 else { return (u, s, vt) }
    let a = with(local: local.copy(order: .fortran))
    let info = a.withLocal { pa in
      u.withLocal { pu in
        vt.withLocal { pvt in
          s.view.withUnsafeMutableBytes { ps in
            ScaLAPACK.gesvd(
              Element.self, m: m, n: n, a: pa, a.descriptor, s: ps.baseAddress!, u: pu, u.descriptor, vt: pvt,
              vt.descriptor)
          }
        }
      }
    }
    try Self.check(info, "p?gesvd") { .didNotConverge(routine: "p?gesvd", info: $0) }
    return (u, s, vt)
  }

  /// Throws unless the matrix and its blocks are square.
  func checkSquare(_ operation: String) throws(DistributedError) {
    guard rows == columns else {
      throw .mismatchedDistributions("\(operation) needs a square matrix; this one is \(rows) × \(columns)")
    }
    guard rowBlock == columnBlock else {
      throw .invalidBlockSize("\(operation) needs square blocks; these are \(rowBlock) × \(columnBlock)")
    }
  }

  /// Turns a routine's `info`, agreed over the processes, into an error:
  /// negative (a rejected argument), positive (`numerical`), or none.
  static func check(_ info: Int, _ routine: String, _ numerical: (Int) -> LinalgError) throws {
    let low = MPI.reduced(info, strided_mpi_min())
    let high = MPI.reduced(info, strided_mpi_max())
    if low == ScaLAPACK.workspaceTooLarge {
      throw DistributedError.invalidShape("\(routine): the workspace is beyond ScaLAPACK's 32-bit sizes")
    }
    if low < 0 { throw DistributedError.rejectedArgument(routine: routine, info: low) }
    if high > 0 { throw numerical(high) }
  }
}
