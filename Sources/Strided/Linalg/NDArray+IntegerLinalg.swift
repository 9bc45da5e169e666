// numpy.linalg on integer arrays. NumPy converts integers to float64 before
// LAPACK, so these convert to `Double` (with `asDouble`) and call
// the floating-point routines; the results, and the errors, are theirs.
// `matrix_power` with n ≥ 0 and `kron` keep the integer type in NumPy, and
// so here (`kron(_:)` is generic over `Numeric` elements).

extension NDArray where Element: BinaryInteger {
  /// Solves `self · x = b` for integer arrays, in `Double`.
  ///
  /// NumPy: `np.linalg.solve(a, b)` of integer arrays, which gives float64.
  /// See the floating-point `solve(_:)` for the shapes.
  ///
  /// - Throws: As the floating-point `solve`: ``LinalgError/singularMatrix(info:)``,
  ///   ``LinalgError/notSquare(operation:shape:)``,
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` and
  ///   ``LinalgError/shapeMismatch(operation:shapes:)``.
  /// - Complexity: O(*n³ + n²k*) per matrix, after an O(*n²*) conversion.
  public func solve(_ b: NDArray) throws(LinalgError) -> NDArray<Double> {
    try asDouble.solve(b.asDouble)
  }

  /// The inverse of a square integer matrix (or of each of a stack), in
  /// `Double`.
  ///
  /// NumPy: `np.linalg.inv(a)` of an integer array, which gives float64.
  ///
  /// - Throws: ``LinalgError/singularMatrix(info:)``;
  ///   ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless
  ///   `self` is square, or a stack of square matrices.
  /// - Complexity: O(*n³*).
  public func inverse() throws(LinalgError) -> NDArray<Double> {
    try asDouble.inverse()
  }

  /// The determinant of a square integer matrix, in `Double` (from the LU
  /// factorization, so not always an exact integer).
  ///
  /// NumPy: `np.linalg.det(a)` of an integer array, which gives float64.
  ///
  /// - Throws: ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless
  ///   `self` is a square matrix (see `determinants()` for stacks).
  /// - Complexity: O(*n³*).
  public func determinant() throws(LinalgError) -> Double {
    try asDouble.determinant()
  }

  /// The determinant of each matrix of a stack (…, *n*, *n*) of integers,
  /// in `Double`.
  ///
  /// NumPy: `np.linalg.det(a)` for a stacked integer `a`.
  ///
  /// - Throws: ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless the
  ///   last two axes exist and have the same length.
  /// - Complexity: O(*n³*) per matrix.
  public func determinants() throws(LinalgError) -> NDArray<Double> {
    try asDouble.determinants()
  }

  /// The sign and the natural logarithm of the magnitude of the determinant
  /// of a square integer matrix, in `Double`.
  ///
  /// NumPy: `np.linalg.slogdet(a)` of an integer array, which gives
  /// float64.
  ///
  /// - Throws: ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless
  ///   `self` is a square matrix (see `signedLogDeterminants()` for
  ///   stacks).
  /// - Complexity: O(*n³*).
  public func signedLogDeterminant() throws(LinalgError) -> SignedLogDeterminant<Double> {
    try asDouble.signedLogDeterminant()
  }

  /// The sign and log-magnitude of the determinant of each matrix of a
  /// stack of integers, in `Double`.
  ///
  /// NumPy: `np.linalg.slogdet(a)` for a stacked integer `a`.
  ///
  /// - Throws: ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless
  ///   the last two axes exist and have the same length.
  /// - Complexity: O(*n³*) per matrix.
  public func signedLogDeterminants() throws(LinalgError) -> SignedLogDeterminants<Double> {
    try asDouble.signedLogDeterminants()
  }

  /// A vector or matrix norm of an integer array, in `Double`, with
  /// NumPy's `ord` rules (see the floating-point `norm`).
  ///
  /// NumPy: `np.linalg.norm(x, ord, axis=axes, keepdims=…)` of an integer
  /// array, which gives float64.
  ///
  /// - Throws: ``LinalgError/invalidNorm(_:)`` for an order the shape does
  ///   not have, or more than two axes;
  ///   ``LinalgError/didNotConverge(routine:info:)`` for the SVD.
  /// - Precondition: The axes are in range and distinct.
  /// - Complexity: O(*n*) for vector norms, an SVD per matrix for 2, −2 and
  ///   `"nuc"`.
  public func norm(_ order: NormOrder? = nil, axes: [Int]? = nil, keepingDimensions: Bool = false) throws(LinalgError)
    -> NDArray<Double>
  {
    try asDouble.norm(order, axes: axes, keepingDimensions: keepingDimensions)
  }

  /// The `n`-th power of a square integer matrix (or of each of a stack),
  /// by repeated squaring, in the integer type: products wrap on overflow,
  /// as in NumPy. `n = 0` gives the identity.
  ///
  /// ```swift
  /// let a: NDArray<Int> = [[1, 1], [1, 0]]
  /// try a.matrixPower(10)   // [[89, 55], [55, 34]]
  /// ```
  ///
  /// NumPy: `np.linalg.matrix_power(a, n)` of an integer array with
  /// `n >= 0`. NumPy gives float64 for a negative `n`; here, write
  /// `try a.asDouble.matrixPower(n)`.
  ///
  /// - Throws: ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless the
  ///   last two axes exist and have the same length.
  /// - Precondition: `n >= 0`.
  /// - Complexity: O(*n³* log `n`).
  public func matrixPower(_ n: Int) throws(LinalgError) -> NDArray {
    _ = try squareSize("matrixPower")
    precondition(
      n >= 0,
      "matrixPower: negative power \(n) of an integer matrix; NumPy's result is float64: write try a.asDouble.matrixPower(\(n))")
    return matrixPowerBySquaring(n.magnitude)
  }
}
