import COpenBLAS
import ComplexModule

/// The result of ``NDArray/leastSquares(_:rcond:)``.
public struct LeastSquaresSolution<Element: BLASElement>: Sendable {
  /// The `x` that minimizes `‖b − a·x‖₂` (the one of least norm when `a`
  /// is rank-deficient): *n*, or *n × k* when `b` is *m × k*.
  public let solution: NDArray<Element>
  /// The squared residual norm of each column of `b`, when `a` has full
  /// column rank and more rows than columns; otherwise empty (as NumPy).
  public let residuals: NDArray<Element.Magnitude>
  /// The effective rank of `a`.
  public let rank: Int
  /// The singular values of `a`, largest first.
  public let singularValues: NDArray<Element.Magnitude>
}

extension NDArray where Element: BLASElement {
  /// Solves `self · x = b` for a square `self`, by LU factorization with
  /// partial pivoting (LAPACK's `gesv`).
  ///
  /// NumPy: `np.linalg.solve(a, b)`. Neither input is modified: each is
  /// copied once into the column-major workspace LAPACK needs.
  ///
  /// - Parameter b: A vector of *n* elements or an *n × k* matrix.
  /// - Returns: `x`, of `b`'s shape, in Fortran order.
  /// - Throws: ``LinalgError/singularMatrix(info:)``.
  /// A stack of matrices (`self` of shape (…, *n*, *n*)) solves each
  /// system: `b` is then one vector for all, or a stack (…, *n*, *k*)
  /// whose leading axes broadcast with `self`'s.
  ///
  /// As in NumPy 2, `b` is a vector only when it is 1-D; otherwise it is a
  /// matrix or a stack of matrices (…, *n*, *k*).
  ///
  /// - Throws: ``LinalgError/notSquare(operation:shape:)`` unless `self` is
  ///   *n × n* (or a stack of them), ``LinalgError/wrongRank(operation:shape:expected:atMost:)``
  ///   for fewer than two axes, and ``LinalgError/shapeMismatch(operation:shapes:)``
  ///   when `b`'s first axis (its second-to-last, for a matrix) is not *n*
  ///   or the stacks do not broadcast.
  /// - Complexity: O(*n³ + n²k*) per matrix.
  public func solve(_ b: NDArray) throws(LinalgError) -> NDArray {
    let n = try squareSize("solve")
    if ndim > 2 || b.ndim > 2 { return try batchedSolve(b) }
    guard b.ndim >= 1, b.shape[0] == n else { throw .shapeMismatch(operation: "solve", shapes: [shape.array, b.shape.array]) }
    let rhs = (b.ndim == 1 ? b.expandingDimensions(at: 1) : b).copy(order: .fortran)
    try solve(into: rhs)
    return b.ndim == 1 ? try! rhs.reshaped(to: [n]) : rhs
  }

  /// The inverse of a square matrix (LAPACK's `gesv` on the identity).
  ///
  /// NumPy: `np.linalg.inv(a)`. Prefer ``solve(_:)`` for solving systems.
  ///
  /// - Returns: A new matrix in Fortran order.
  /// - Throws: ``LinalgError/singularMatrix(info:)``; ``LinalgError/notSquare(operation:shape:)``
  ///   or ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless
  ///   `self` is square, or a stack (…, *n*, *n*) of square matrices, which
  ///   gives a stack of results.
  /// - Complexity: O(*n³*).
  public func inverse() throws(LinalgError) -> NDArray {
    let n = try squareSize("inverse")
    if ndim > 2 { return try eachMatrix { (m) throws(LinalgError) in try m.inverse() } }
    let identity = NDArray.identity(n).copy(order: .fortran)
    try solve(into: identity)
    return identity
  }

  /// Overwrites the Fortran-ordered `rhs` with the solution of
  /// `self · x = rhs`.
  ///
  /// A matrix in C order is copied as it lies, which LAPACK reads as its
  /// transpose: factored by `getrf`, then solved by `getrs` with the
  /// transpose of the factors, which spares the transposing copy (a tenth of
  /// a 512 × 512 solve). Other layouts are copied to Fortran order for `gesv`.
  private func solve(into rhs: NDArray) throws(LinalgError) {
    let n = shape[0]
    if n == 0 || rhs.shape[1] == 0 { return }
    let pivots = LAPACK.scratch(blasint.self, n)
    let ipiv = pivots.base.assumingMemoryBound(to: blasint.self)
    defer { withExtendedLifetime((pivots, rhs)) {} }
    if isCContiguous && !isFContiguous {
      let transposed = copy(order: .c)
      defer { withExtendedLifetime(transposed) {} }
      try check(LAPACK.getrf(Element.self, n: n, a: transposed.address, ipiv: ipiv), "getrf", singular: true)
      let info = LAPACK.getrs(
        Element.self, n: n, nrhs: rhs.shape[1], a: transposed.address, ipiv: ipiv, b: rhs.address, transposed: true)
      try check(info, "getrs", singular: false)
      return
    }
    let a = copy(order: .fortran)
    let info = LAPACK.gesv(Element.self, n: n, nrhs: rhs.shape[1], a: a.address, ipiv: ipiv, b: rhs.address)
    withExtendedLifetime(a) {}
    try check(info, "gesv", singular: true)
  }

  /// The determinant, from the LU factorization (LAPACK's `getrf`). A
  /// singular matrix has determinant 0; no error is thrown.
  ///
  /// NumPy: `np.linalg.det(a)`. The determinant of a 0 × 0 matrix is 1.
  ///
  /// - Throws: ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless
  ///   `self` is a square matrix (see ``determinants()`` for stacks).
  /// - Complexity: O(*n³*).
  public func determinant() throws(LinalgError) -> Element {
    let n = try squareSize("determinant")
    guard ndim == 2 else { throw .wrongRank(operation: "determinant", shape: shape.array, expected: 2, atMost: true) }
    if n == 0 { return .multiplicativeIdentity }
    // Fortran order of the transpose (whose determinant is the same): the
    // bytes of a C-ordered copy, which a C-ordered matrix gives by memcpy.
    let a = transposed().copy(order: .fortran)
    let pivots = LAPACK.scratch(blasint.self, n)
    let ipiv = pivots.base.assumingMemoryBound(to: blasint.self)
    defer { withExtendedLifetime(pivots) {} }
    let info = LAPACK.getrf(Element.self, n: n, a: a.address, ipiv: ipiv)
    if info > 0 { return .zero }
    precondition(info == 0, "getrf rejected argument \(-info)")
    var result = Element.multiplicativeIdentity
    for i in 0..<n {
      result *= a[item: i, i]
      if ipiv[i] != blasint(i + 1) { result = -result }
    }
    return result
  }

  /// The least-squares solution of `self · x ≈ b`, by a divide-and-conquer
  /// SVD (LAPACK's `gelsd`).
  ///
  /// NumPy: `np.linalg.lstsq(a, b, rcond=None)`.
  ///
  /// - Parameters:
  ///   - b: A vector of *m* elements or an *m × k* matrix.
  ///   - rcond: Singular values at most `rcond` times the largest are
  ///     treated as zero; `nil` (the default) is NumPy's
  ///     machine epsilon × max(*m*, *n*).
  /// - Throws: ``LinalgError/didNotConverge(routine:info:)``;
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless
  ///   `self` is 2-D, ``LinalgError/shapeMismatch(operation:shapes:)``
  ///   unless `b` is 1-D or 2-D with `self`'s row count.
  /// - Complexity: O(*mn·min(m, n)*).
  public func leastSquares(_ b: NDArray, rcond: Element.Magnitude? = nil) throws(LinalgError)
    -> LeastSquaresSolution<Element>
  {
    guard ndim == 2 else { throw .wrongRank(operation: "leastSquares", shape: shape.array, expected: 2, atMost: ndim > 2) }
    let (m, n) = (shape[0], shape[1])
    guard (b.ndim == 1 || b.ndim == 2) && b.shape[0] == m else {
      throw .shapeMismatch(operation: "leastSquares", shapes: [shape.array, b.shape.array])
    }
    let nrhs = b.ndim == 1 ? 1 : b.shape[1]
    let workspace = NDArray.zeros([Swift.max(m, n), nrhs], order: .fortran)
    (b.ndim == 1 ? b.expandingDimensions(at: 1) : b).copy(into: workspace[0..<m, NDIndex.all])
    let singularValues = NDArray<Element.Magnitude>.zeros([Swift.min(m, n)])
    var rank = 0
    if m > 0 && n > 0 && nrhs > 0 {
      let a = copy(order: .fortran)
      let limit = rcond ?? Element.Magnitude.ulpOfOne * Element.Magnitude(Swift.max(m, n))
      let info = LAPACK.gelsd(
        Element.self, m: m, n: n, nrhs: nrhs, a: a.address, b: workspace.address,
        s: singularValues.address, rcond: limit, rank: &rank)
      withExtendedLifetime(a) {}
      try check(info, "gelsd")
    }
    var solution = workspace[0..<n, NDIndex.all]
    if b.ndim == 1 { solution = solution.squeezed(axis: 1) }
    var residuals = NDArray<Element.Magnitude>.zeros([0])
    if rank == n && m > n {
      residuals = NDArray<Element.Magnitude>.zeros([nrhs])
      for j in 0..<nrhs {
        var sum = Element.Magnitude.zero
        for i in n..<m { sum += Self.squaredMagnitude(workspace[item: i, j]) }
        residuals[item: j] = sum
      }
    }
    return LeastSquaresSolution(solution: solution, residuals: residuals, rank: rank, singularValues: singularValues)
  }

  /// The Cholesky factor of a Hermitian (symmetric, if real) positive
  /// definite matrix: the lower-triangular `L` with `self = L · Lᴴ`, or
  /// with `upper` the upper-triangular `U = Lᴴ` with `self = Uᴴ · U`
  /// (LAPACK's `potrf`).
  ///
  /// ```swift
  /// let a: NDArray<Double> = [[4, 2], [2, 5]]
  /// try a.cholesky()              // [[2, 0], [1, 2]]
  /// try a.cholesky(upper: true)   // [[2, 1], [0, 2]]
  /// ```
  ///
  /// NumPy: `np.linalg.cholesky(a, upper=False)`. Only the triangle that
  /// holds the factor is read (the lower one by default, the upper one with
  /// `upper`), as in NumPy.
  ///
  /// - Parameter upper: `true` for `U`, `false` (the default) for `L`.
  /// - Returns: The factor in Fortran order, zero in its other triangle.
  /// - Throws: ``LinalgError/notPositiveDefinite(info:)``;
  ///   ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless
  ///   `self` is square, or a stack (…, *n*, *n*) of square matrices, which
  ///   gives a stack of results.
  /// - Complexity: O(*n³*).
  public func cholesky(upper: Bool = false) throws(LinalgError) -> NDArray {
    let n = try squareSize("cholesky")
    if ndim > 2 { return try eachMatrix { (m) throws(LinalgError) in try m.cholesky(upper: upper) } }
    let a = copy(order: .fortran)
    if n == 0 { return a }
    let info = LAPACK.potrf(Element.self, n: n, a: a.address, triangle: upper ? .upper : .lower)
    if info > 0 { throw .notPositiveDefinite(info: info) }
    try check(info, "potrf")
    a.zeroStrictTriangle(upper ? .lower : .upper)
    return a
  }

  /// The reduced QR factorization `self = Q · R` (LAPACK's `geqrf`, then
  /// `orgqr` or `ungqr`).
  ///
  /// NumPy: `np.linalg.qr(a)` (mode `"reduced"`).
  ///
  /// - Returns: `q`, *m × k* with orthonormal columns, and `r`, *k × n*
  ///   upper-triangular, where *k* = min(*m*, *n*).
  /// - Throws: ``LinalgError/wrongRank(operation:shape:expected:atMost:)``
  ///   unless `self` is 2-D.
  /// - Complexity: O(*mn·min(m, n)*).
  public func qr() throws(LinalgError) -> (q: NDArray, r: NDArray) {
    guard ndim == 2 else { throw .wrongRank(operation: "qr", shape: shape.array, expected: 2, atMost: ndim > 2) }
    let (m, n) = (shape[0], shape[1])
    let k = Swift.min(m, n)
    let a = copy(order: .fortran)
    let r = NDArray.zeros([k, n], order: .fortran)
    if k == 0 { return (NDArray.zeros([m, 0], order: .fortran), r) }
    let info = LAPACK.qr(Element.self, m: m, n: n, a: a.address) {
      for j in 0..<n {
        for i in 0...Swift.min(j, k - 1) { r[i, j] = a[i, j] }
      }
    }
    precondition(info == 0, "qr: LAPACK rejected argument \(-info)")
    return (a[NDIndex.all, 0..<k], r)
  }

  /// The singular value decomposition `self = U · diag(S) · Vᴴ` (LAPACK's
  /// divide-and-conquer `gesdd`).
  ///
  /// NumPy: `np.linalg.svd(a, full_matrices=…)`.
  ///
  /// - Parameter fullMatrices: `true` for square `u` (*m × m*) and `vt`
  ///   (*n × n*); `false` for *m × k* and *k × n*, *k* = min(*m*, *n*).
  /// - Returns: `u`, the singular values `s` (descending), and `vt` = Vᴴ.
  /// - Throws: ``LinalgError/didNotConverge(routine:info:)``, also for a
  ///   matrix holding NaN (as NumPy);
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` for fewer
  ///   than two axes. A stack (…, *m*, *n*) gives stacked results.
  /// - Complexity: O(*mn·min(m, n)*) per matrix.
  public func svd(fullMatrices: Bool = true) throws(LinalgError)
    -> (u: NDArray, s: NDArray<Element.Magnitude>, vt: NDArray)
  {
    if ndim > 2 { return try batchedSVD(fullMatrices: fullMatrices) }
    guard ndim == 2 else { throw .wrongRank(operation: "svd", shape: shape.array, expected: 2, atMost: false) }
    let (m, n) = (shape[0], shape[1])
    let k = Swift.min(m, n)
    let s = NDArray<Element.Magnitude>.zeros([k])
    if k == 0 {
      let u = fullMatrices ? NDArray.identity(m) : NDArray.zeros([m, 0])
      let vt = fullMatrices ? NDArray.identity(n) : NDArray.zeros([0, n])
      return (u, s, vt)
    }
    let a = copy(order: .fortran)
    let u = NDArray.zeros([m, fullMatrices ? m : k], order: .fortran)
    let vt = NDArray.zeros([fullMatrices ? n : k, n], order: .fortran)
    let info = LAPACK.gesdd(
      Element.self, m: m, n: n, full: fullMatrices, a: a.address, s: s.address,
      u: u.address, ldu: m, vt: vt.address, ldvt: vt.shape[0])
    withExtendedLifetime(a) {}
    // LAPACK 3.7 and later reject a matrix holding NaN as a bad argument 4
    // (`a`); NumPy reports it as an SVD that did not converge.
    if info == -4 { throw .didNotConverge(routine: "gesdd", info: info) }
    try check(info, "gesdd")
    return (u, s, vt)
  }

  /// The eigenvalues and eigenvectors of a symmetric (or Hermitian)
  /// matrix, read from one triangle (LAPACK's `syevd` or `heevd`).
  ///
  /// NumPy: `np.linalg.eigh(a, UPLO="L")`. The other triangle is never
  /// read, and the imaginary parts of a complex diagonal are taken as 0,
  /// as in NumPy.
  ///
  /// - Parameter uplo: The triangle to read: ``Triangle/lower`` (the
  ///   default, NumPy's `"L"`) or ``Triangle/upper`` (`"U"`).
  /// - Returns: The eigenvalues in ascending order, and the orthonormal
  ///   eigenvectors as the columns of a matrix in Fortran order.
  /// - Throws: ``LinalgError/didNotConverge(routine:info:)``;
  ///   ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless
  ///   `self` is square, or a stack (…, *n*, *n*) of square matrices, which
  ///   gives a stack of results.
  /// - Complexity: O(*n³*).
  public func eigh(uplo: Triangle = .lower) throws(LinalgError)
    -> (eigenvalues: NDArray<Element.Magnitude>, eigenvectors: NDArray)
  {
    let n = try squareSize("eigh")
    if ndim > 2 { return try batchedEigh(uplo: uplo) }
    let a = copy(order: .fortran)
    let w = NDArray<Element.Magnitude>.zeros([n])
    if n == 0 { return (w, a) }
    let info = LAPACK.heevd(Element.self, n: n, a: a.address, w: w.address, triangle: uplo)
    try check(info, "syevd/heevd")
    return (w, a)
  }

  /// The eigenvalues alone (ascending) of a symmetric or Hermitian matrix,
  /// read from its lower triangle, as NumPy's `eigvalsh(a)`; eigenvectors
  /// are not computed.
  ///
  /// - Throws: As ``eigh(uplo:)``, naming `operation`; a matrix, not a stack.
  func hermitianEigenvalues(_ operation: String) throws(LinalgError) -> NDArray<Element.Magnitude> {
    let n = try squareSize(operation)
    guard ndim == 2 else { throw .wrongRank(operation: operation, shape: shape.array, expected: 2, atMost: true) }
    let w = NDArray<Element.Magnitude>.zeros([n])
    if n == 0 { return w }
    let a = copy(order: .fortran)
    let info = LAPACK.heevd(Element.self, n: n, a: a.address, w: w.address, triangle: .lower, vectors: false)
    withExtendedLifetime(a) {}
    try check(info, "syevd/heevd")
    return w
  }

  /// The eigenvalues and right eigenvectors of a general square matrix
  /// (LAPACK's `geev`). They are complex even for a real matrix.
  ///
  /// NumPy: `np.linalg.eig(a)`. Each eigenvector has unit norm.
  ///
  /// - Returns: The eigenvalues in LAPACK's order, and the eigenvectors as
  ///   the columns of a matrix: `self · v[:, j] = λ[j] · v[:, j]`.
  /// - Throws: ``LinalgError/didNotConverge(routine:info:)``;
  ///   ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless
  ///   `self` is a square matrix.
  /// - Complexity: O(*n³*).
  public func eig() throws(LinalgError)
    -> (eigenvalues: NDArray<Complex<Element.Magnitude>>, eigenvectors: NDArray<Complex<Element.Magnitude>>)
  {
    typealias C = Complex<Element.Magnitude>
    let n = try squareSize("eig")
    guard ndim == 2 else { throw .wrongRank(operation: "eig", shape: shape.array, expected: 2, atMost: true) }
    let values = NDArray<C>.zeros([n])
    let vectors = NDArray<C>.zeros([n, n], order: .fortran)
    if n == 0 { return (values, vectors) }
    let a = copy(order: .fortran)
    if BLASType.of(Element.self).isComplex {
      let info = LAPACK.geev(Element.self, n: n, a: a.address, w: values.address, v: vectors.address)
      withExtendedLifetime(a) {}
      try check(info, "geev")
      return (values, vectors)
    }
    let w = NDArray<Element.Magnitude>.zeros([2 * n])
    let v = NDArray<Element.Magnitude>.zeros([n, n], order: .fortran)
    let info = LAPACK.geev(Element.self, n: n, a: a.address, w: w.address, v: v.address)
    withExtendedLifetime(a) {}
    try check(info, "geev")
    // A complex pair λ, conj(λ) comes as columns j, j + 1: v[:, j] ± i·v[:, j + 1].
    var j = 0
    while j < n {
      let (re, im) = (w[item: j], w[item: n + j])
      values[item: j] = C(re, im)
      if im == 0 || j == n - 1 {
        for i in 0..<n { vectors[item: i, j] = C(v[item: i, j], 0) }
        j += 1
      } else {
        values[item: j + 1] = C(w[item: j + 1], w[item: n + j + 1])
        for i in 0..<n {
          vectors[item: i, j] = C(v[item: i, j], v[item: i, j + 1])
          vectors[item: i, j + 1] = C(v[item: i, j], -v[item: i, j + 1])
        }
        j += 2
      }
    }
    return (values, vectors)
  }

  // MARK: Helpers

  /// Throws for a failed routine; traps for a rejected argument, which
  /// would be a bug in Strided.
  private func check(_ info: Int, _ routine: String, singular: Bool = false) throws(LinalgError) {
    if info == 0 { return }
    precondition(info > 0, "\(routine): LAPACK rejected argument \(-info)")
    throw singular ? .singularMatrix(info: info) : .didNotConverge(routine: routine, info: info)
  }

  /// `|x|²`: `x·x` for a real number, `re² + im²` for a complex one.
  static func squaredMagnitude(_ x: Element) -> Element.Magnitude {
    withUnsafeBytes(of: x) { bytes in
      let re = bytes.load(as: Element.Magnitude.self)
      if !BLASType.of(Element.self).isComplex { return re * re }
      let im = bytes.load(fromByteOffset: MemoryLayout<Element.Magnitude>.stride, as: Element.Magnitude.self)
      return re * re + im * im
    }
  }
}

extension NDArray {
  /// The address of the first element, for LAPACK.
  var address: UnsafeMutableRawPointer { storage.base + view.byteOffset }

  /// The size of a square matrix, or of each matrix of a stack.
  ///
  /// - Throws: ``LinalgError/wrongRank(operation:shape:expected:atMost:)``
  ///   for fewer than two axes, ``LinalgError/notSquare(operation:shape:)``
  ///   when the last two differ.
  func squareSize(_ operation: String) throws(LinalgError) -> Int {
    guard ndim >= 2 else { throw .wrongRank(operation: operation, shape: shape.array, expected: 2, atMost: false) }
    guard shape[ndim - 1] == shape[ndim - 2] else { throw .notSquare(operation: operation, shape: shape.array) }
    return shape[ndim - 1]
  }
}

extension NDArray where Element: Numeric {
  /// Sets the strict `triangle` (below or above the diagonal) of this
  /// square matrix to zero, a column at a time.
  func zeroStrictTriangle(_ triangle: Triangle) {
    let n = shape[0]
    let zero = NDArray(scalar: .zero)
    for j in 0..<n {
      switch triangle {
      case .upper: self[0..<j, j] = zero
      case .lower: self[(j + 1)..<n, j] = zero
      }
    }
  }
}
