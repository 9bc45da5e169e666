import ComplexModule

// Stacks of matrices (NumPy's "(..., M, N)" linalg arguments) and the rest
// of numpy.linalg: pinv, matrix_rank, matrix_power, norm, kron.

extension NDArray {
  /// The matrices of a stack (…, *m*, *n*) in C order of the leading axes,
  /// and the leading shape.
  func matrices() -> (batch: [Int], items: [NDArray]) {
    let batch = Array(shape.prefix(ndim - 2))
    let count = batch.reduce(1, *)
    let m = shape[ndim - 2]
    let n = shape[ndim - 1]
    let flat = (try? reshaped(to: [count, m, n])) ?? copy().reshapedUnchecked(to: [count, m, n])
    return (batch, (0..<count).map { flat[$0] })
  }

  /// `results`, each of one shape, stacked into an array of shape
  /// `batch + results[0].shape` (`emptyShape` when there are none).
  static func stacked<T>(_ results: [NDArray<T>], batch: [Int], emptyShape: [Int]) -> NDArray<T> {
    guard !results.isEmpty else { return NDArray<T>.zeros(Dimensions(batch + emptyShape)) }
    let joined = try! NDArray<T>.stack(results)
    return joined.reshapedUnchecked(to: Dimensions(batch + results[0].shape.array))
  }
}

extension NDArray where Element: BLASElement {
  /// `body` applied to each matrix of a stack, the results stacked.
  func eachMatrix(_ body: (NDArray) throws(LinalgError) -> NDArray) throws(LinalgError) -> NDArray {
    let (batch, items) = matrices()
    var results: [NDArray] = []
    for item in items { results.append(try body(item)) }
    return Self.stacked(results, batch: batch, emptyShape: [shape[ndim - 2], shape[ndim - 1]])
  }

  /// NumPy 2's rule: a 1-D `b` is one vector for every matrix; otherwise
  /// `b` is a stack of matrices (…, *n*, *k*) whose leading axes broadcast
  /// with `self`'s.
  func batchedSolve(_ b: NDArray) throws(LinalgError) -> NDArray {
    let n = try squareSize("solve")
    let mismatch = LinalgError.shapeMismatch(operation: "solve", shapes: [shape.array, b.shape.array])
    if b.ndim == 1 {
      guard b.count == n else { throw mismatch }
      let (batch, items) = matrices()
      var results: [NDArray] = []
      for item in items { results.append(try item.solve(b)) }
      return Self.stacked(results, batch: batch, emptyShape: [n])
    }
    guard b.ndim >= 2, b.shape[b.ndim - 2] == n,
      let batch = try? NDView.broadcastShape(Dimensions(shape.prefix(ndim - 2)), Dimensions(b.shape.prefix(b.ndim - 2)))
    else { throw mismatch }
    let k = b.shape[b.ndim - 1]
    let a = try! broadcast(to: Dimensions(batch.array + [n, n]))
    let rhs = try! b.broadcast(to: Dimensions(batch.array + [n, k]))
    let (_, left) = a.matrices()
    let (_, right) = rhs.matrices()
    var results: [NDArray] = []
    for (x, y) in zip(left, right) { results.append(try x.solve(y)) }
    return Self.stacked(results, batch: batch.array, emptyShape: [n, k])
  }

  func batchedSVD(fullMatrices: Bool) throws(LinalgError) -> (u: NDArray, s: NDArray<Element.Magnitude>, vt: NDArray) {
    let (m, n) = (shape[ndim - 2], shape[ndim - 1])
    let k = Swift.min(m, n)
    let (batch, items) = matrices()
    var us: [NDArray] = []
    var ss: [NDArray<Element.Magnitude>] = []
    var vts: [NDArray] = []
    for item in items {
      let (u, s, vt) = try item.svd(fullMatrices: fullMatrices)
      us.append(u)
      ss.append(s)
      vts.append(vt)
    }
    return (
      Self.stacked(us, batch: batch, emptyShape: [m, fullMatrices ? m : k]),
      NDArray<Element.Magnitude>.stacked(ss, batch: batch, emptyShape: [k]),
      Self.stacked(vts, batch: batch, emptyShape: [fullMatrices ? n : k, n])
    )
  }

  func batchedEigh(uplo: Triangle) throws(LinalgError) -> (eigenvalues: NDArray<Element.Magnitude>, eigenvectors: NDArray) {
    let n = try squareSize("eigh")
    let (batch, items) = matrices()
    var values: [NDArray<Element.Magnitude>] = []
    var vectors: [NDArray] = []
    for item in items {
      let (w, v) = try item.eigh(uplo: uplo)
      values.append(w)
      vectors.append(v)
    }
    return (
      NDArray<Element.Magnitude>.stacked(values, batch: batch, emptyShape: [n]),
      Self.stacked(vectors, batch: batch, emptyShape: [n, n])
    )
  }

  /// The determinant of each matrix of a stack (…, *n*, *n*).
  ///
  /// NumPy: `np.linalg.det(a)` for stacked `a`.
  ///
  /// - Throws: ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless the
  ///   last two axes exist and have the same length.
  /// - Complexity: O(*n³*) per matrix.
  public func determinants() throws(LinalgError) -> NDArray {
    _ = try squareSize("determinants")
    let (batch, items) = matrices()
    var values: [Element] = []
    for item in items { values.append(try item.determinant()) }
    return NDArray(values, shape: Dimensions(batch))
  }

  /// |x| of each element: the magnitude of reals, the Euclidean length of
  /// complex numbers.
  func absoluteValues() -> NDArray<Element.Magnitude> {
    switch Element.scalarKind {
    case .complex64: NDArray<Element.Magnitude>(unchecked: abs(NDArray<Complex<Float>>(unchecked: view)).view)
    case .complex128: NDArray<Element.Magnitude>(unchecked: abs(NDArray<Complex<Double>>(unchecked: view)).view)
    default: mapElements { $0.magnitude }
    }
  }

  /// The Moore–Penrose pseudo-inverse, from the SVD: singular values at
  /// most `rcond` times the largest count as zero.
  ///
  /// ```swift
  /// let a: NDArray<Double> = [[1, 1], [1, 1]]
  /// try a.pseudoInverse()   // [[0.25, 0.25], [0.25, 0.25]]
  /// ```
  ///
  /// NumPy: `np.linalg.pinv(a, rcond=1e-15, hermitian=False)`; stacks give
  /// stacks, and a matrix with no elements gives the empty transpose. See
  /// ``pseudoInverse(rtol:hermitian:)`` for NumPy 2's `rtol`.
  ///
  /// - Parameters:
  ///   - rcond: The cutoff relative to the largest singular value
  ///     (NumPy's default, `1e-15`).
  ///   - hermitian: `true` to take `self` as Hermitian (symmetric, if
  ///     real) and use its eigendecomposition (LAPACK's `syevd` or
  ///     `heevd`, on the lower triangle; the upper one is not read)
  ///     instead of the SVD; the singular values are then the magnitudes
  ///     of the eigenvalues.
  /// - Throws: ``LinalgError/didNotConverge(routine:info:)``;
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` for fewer
  ///   than two axes; with `hermitian`, ``LinalgError/notSquare(operation:shape:)``
  ///   unless the matrices are square (or empty).
  /// - Complexity: O(*mn·min(m, n)*) per matrix.
  public func pseudoInverse(rcond: Double = 1e-15, hermitian: Bool = false) throws(LinalgError) -> NDArray {
    try pseudoInverse(hermitian: hermitian) { largest, _ in rcond * Double(largest) }
  }

  /// The Moore–Penrose pseudo-inverse with NumPy 2's `rtol`: singular
  /// values at most `rtol` times the largest count as zero; `nil` is the
  /// array API's default, max(*m*, *n*) times the element type's epsilon.
  ///
  /// NumPy: `np.linalg.pinv(a, rtol=…, hermitian=False)`; `rtol: nil` is
  /// `rtol=None`. Leaving `rtol` out in NumPy means `rcond=1e-15`, which is
  /// ``pseudoInverse(rcond:hermitian:)`` with no arguments.
  ///
  /// - Parameter hermitian: As in ``pseudoInverse(rcond:hermitian:)``.
  /// - Throws: As ``pseudoInverse(rcond:hermitian:)``.
  /// - Complexity: O(*mn·min(m, n)*) per matrix.
  public func pseudoInverse(rtol: Double?, hermitian: Bool = false) throws(LinalgError) -> NDArray {
    try pseudoInverse(hermitian: hermitian) { largest, size in
      // NumPy: max(m, n) · eps in the element type, times the largest.
      rtol.map { $0 * Double(largest) } ?? Double(Element.Magnitude(size) * Element.Magnitude.ulpOfOne * largest)
    }
  }

  /// The pseudo-inverse keeping the singular values above
  /// `cutoff(largest, max(m, n))`.
  private func pseudoInverse(hermitian: Bool, cutoff: (Element.Magnitude, Int) -> Double) throws(LinalgError) -> NDArray {
    guard ndim >= 2 else { throw .wrongRank(operation: "pseudoInverse", shape: shape.array, expected: 2, atMost: false) }
    let (m, n) = (shape[ndim - 2], shape[ndim - 1])
    if m == 0 || n == 0 { return NDArray.zeros(Dimensions(Array(shape.prefix(ndim - 2)) + [n, m])) }
    if hermitian { _ = try squareSize("pseudoInverse") }
    if ndim > 2 {
      let (batch, items) = matrices()
      var results: [NDArray] = []
      for item in items { results.append(try item.pseudoInverse(hermitian: hermitian, cutoff: cutoff)) }
      return Self.stacked(results, batch: batch, emptyShape: [n, m])
    }
    if hermitian {
      // U · diag(1/λ) · Uᴴ over the eigenvalues λ with |λ| above the cutoff.
      let (w, v) = try eigh()
      let largest = w.flat.reduce(Element.Magnitude.zero) { Swift.max($0, $1.magnitude) }
      let limit = cutoff(largest, n)
      let inverted = w.mapElements { Double($0.magnitude) > limit ? 1 / $0 : .zero }
      let scaled = v * inverted.mapElements { Element.lift($0) }.reshapedUnchecked(to: [1, n])
      return scaled.matmul(v.conjugateTransposed())
    }
    let (u, s, vt) = try svd(fullMatrices: false)
    let largest = s.flat.reduce(Element.Magnitude.zero) { Swift.max($0, $1) }
    let limit = cutoff(largest, Swift.max(m, n))
    let inverted = s.mapElements { Double($0) > limit ? 1 / $0 : .zero }
    // V · Σ⁺ · Uᴴ
    let k = s.count
    let scaled = vt.conjugateTransposed() * inverted.mapElements { Element.lift($0) }.reshapedUnchecked(to: [1, k])
    return scaled.matmul(u.conjugateTransposed())
  }

  /// The conjugate transpose (the transpose, for reals).
  func conjugateTransposed() -> NDArray {
    switch Element.scalarKind {
    case .complex64: NDArray(unchecked: NDArray<Complex<Float>>(unchecked: view).adjoint().view)
    case .complex128: NDArray(unchecked: NDArray<Complex<Double>>(unchecked: view).adjoint().view)
    default: transposed()
    }
  }

  /// The number of singular values above `tolerance` (by default the
  /// largest times max(*m*, *n*) times the element type's epsilon); for a
  /// vector, 1 unless every element is 0.
  ///
  /// ```swift
  /// let a: NDArray<Double> = [[1, 2], [2, 4]]
  /// try a.matrixRank()   // 1
  /// ```
  ///
  /// NumPy: `np.linalg.matrix_rank(a, tol=…, hermitian=False)`. A 0-d
  /// array counts as a vector of one element, as in NumPy. For a stack of
  /// matrices, see ``matrixRanks(tolerance:hermitian:)``.
  ///
  /// - Parameters:
  ///   - tolerance: The absolute threshold; `nil` for the default.
  ///   - hermitian: `true` to take `self` as Hermitian (symmetric, if
  ///     real) and count the magnitudes of its eigenvalues (LAPACK's
  ///     `syevd` or `heevd`, on the lower triangle) instead of the
  ///     singular values.
  /// - Throws: ``LinalgError/didNotConverge(routine:info:)``;
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` for more
  ///   than two axes; with `hermitian`, ``LinalgError/notSquare(operation:shape:)``
  ///   for a matrix that is not square.
  /// - Complexity: O(*mn·min(m, n)*).
  public func matrixRank(tolerance: Double? = nil, hermitian: Bool = false) throws(LinalgError) -> Int {
    try rank(hermitian: hermitian) { largest, size in
      tolerance ?? Double(largest * (Element.Magnitude(size) * Element.Magnitude.ulpOfOne))
    }
  }

  /// The number of singular values above `rtol` times the largest (NumPy
  /// 2's relative tolerance); for a vector, 1 unless every element is 0.
  ///
  /// NumPy: `np.linalg.matrix_rank(a, rtol=…, hermitian=False)`. NumPy's
  /// `rtol=None` is the default of ``matrixRank(tolerance:hermitian:)``.
  ///
  /// - Parameter hermitian: As in ``matrixRank(tolerance:hermitian:)``.
  /// - Throws: As ``matrixRank(tolerance:hermitian:)``.
  /// - Complexity: O(*mn·min(m, n)*).
  public func matrixRank(rtol: Double, hermitian: Bool = false) throws(LinalgError) -> Int {
    try rank(hermitian: hermitian) { largest, _ in rtol * Double(largest) }
  }

  /// The rank of each matrix of a stack (…, *m*, *n*), in the stack's
  /// leading shape; a 0-d array for one matrix or a vector.
  ///
  /// NumPy: `np.linalg.matrix_rank(a, tol=…, hermitian=False)` for stacked
  /// `a`. The parameters are those of ``matrixRank(tolerance:hermitian:)``.
  ///
  /// - Throws: ``LinalgError/didNotConverge(routine:info:)``; with
  ///   `hermitian`, ``LinalgError/notSquare(operation:shape:)`` unless the
  ///   matrices are square.
  /// - Complexity: O(*mn·min(m, n)*) per matrix.
  public func matrixRanks(tolerance: Double? = nil, hermitian: Bool = false) throws(LinalgError) -> NDArray<Int> {
    try ranks(hermitian: hermitian) { (item) throws(LinalgError) in
      try item.matrixRank(tolerance: tolerance, hermitian: hermitian)
    }
  }

  /// The rank of each matrix of a stack with NumPy 2's relative tolerance
  /// (see ``matrixRank(rtol:hermitian:)``).
  ///
  /// NumPy: `np.linalg.matrix_rank(a, rtol=…, hermitian=False)` for stacked
  /// `a`.
  ///
  /// - Throws: As ``matrixRanks(tolerance:hermitian:)``.
  /// - Complexity: O(*mn·min(m, n)*) per matrix.
  public func matrixRanks(rtol: Double, hermitian: Bool = false) throws(LinalgError) -> NDArray<Int> {
    try ranks(hermitian: hermitian) { (item) throws(LinalgError) in try item.matrixRank(rtol: rtol, hermitian: hermitian) }
  }

  /// `rank` of each matrix of a stack, in the leading shape.
  private func ranks(hermitian: Bool, _ rank: (NDArray) throws(LinalgError) -> Int) throws(LinalgError)
    -> NDArray<Int>
  {
    if hermitian && ndim > 2 { _ = try squareSize("matrixRanks") }
    if ndim <= 2 {
      let value = try rank(self)
      return NDArray<Int>(scalar: value)
    }
    let (batch, items) = matrices()
    var values: [Int] = []
    for item in items { values.append(try rank(item)) }
    return NDArray<Int>(values, shape: Dimensions(batch))
  }

  /// The count of singular values (with `hermitian`, of eigenvalue
  /// magnitudes) above `threshold(largest, max(m, n))`.
  private func rank(hermitian: Bool, threshold: (Element.Magnitude, Int) -> Double) throws(LinalgError) -> Int {
    guard ndim <= 2 else { throw .wrongRank(operation: "matrixRank", shape: shape.array, expected: 2, atMost: true) }
    if ndim < 2 { return flat.allSatisfy { $0 == .zero } ? 0 : 1 }
    let values: NDArray<Element.Magnitude>
    if hermitian {
      values = try hermitianEigenvalues("matrixRank").mapElements { $0.magnitude }
    } else {
      values = try svd(fullMatrices: false).s
    }
    let largest = values.flat.reduce(Element.Magnitude.zero) { Swift.max($0, $1) }
    let cut = threshold(largest, Swift.max(shape[0], shape[1]))
    return values.flat.count { Double($0) > cut }
  }

  /// The `n`-th power of a square matrix (or of each of a stack) by
  /// repeated squaring; `n = 0` gives the identity, negative `n` powers
  /// of the inverse.
  ///
  /// NumPy: `np.linalg.matrix_power(a, n)`.
  ///
  /// - Throws: ``LinalgError/singularMatrix(info:)`` for a negative power
  ///   of a singular matrix; ``LinalgError/notSquare(operation:shape:)`` or
  ///   ``LinalgError/wrongRank(operation:shape:expected:atMost:)`` unless the
  ///   last two axes exist and have the same length.
  /// - Complexity: O(*n³* log |`n`|).
  public func matrixPower(_ n: Int) throws(LinalgError) -> NDArray {
    _ = try squareSize("matrixPower")
    let base = n < 0 ? try inverse() : self
    return base.matrixPowerBySquaring(n.magnitude)
  }
}

extension NDArray {
  /// `self` (a square matrix, or a stack of them) to the power `n` by
  /// repeated squaring with ``matmul(_:)``; the identity for 0. A new array.
  func matrixPowerBySquaring(_ n: UInt) -> NDArray {
    if n == 0 { return try! NDArray.identity(shape[ndim - 1]).broadcast(to: shape).copy() }
    var base = self
    var exponent = n
    var result: NDArray? = nil
    while exponent > 0 {
      if exponent & 1 == 1 { result = result.map { $0.matmul(base) } ?? base }
      exponent >>= 1
      if exponent > 0 { base = base.matmul(base) }
    }
    return result!.copy()
  }
}

extension NDArray where Element: Numeric {
  /// The Kronecker product: block (i, j) is `self[i, j] · other`. The
  /// operands' axes are aligned at the right, as in NumPy; integers keep
  /// their type (and wrap on overflow).
  ///
  /// NumPy: `np.kron(a, b)`.
  ///
  /// - Complexity: O(size of the result).
  public func kron(_ other: NDArray) -> NDArray {
    let rank = Swift.max(ndim, other.ndim)
    var a = self
    var b = other
    while a.ndim < rank { a = a.expandingDimensions(at: 0) }
    while b.ndim < rank { b = b.expandingDimensions(at: 0) }
    // (a0, 1, a1, 1, …) × (1, b0, 1, b1, …), then merged pairwise.
    var left = a
    var right = b
    for d in 0..<rank {
      left = left.expandingDimensions(at: 2 * d + 1)
      right = right.expandingDimensions(at: 2 * d)
    }
    let product = left * right
    return product.reshapedUnchecked(to: Dimensions((0..<rank).map { a.shape[$0] * b.shape[$0] }))
  }
}

extension BLASElement {
  /// A real value as this type (the real part, for complex numbers).
  static func lift(_ x: Magnitude) -> Self {
    switch scalarKind {
    case .complex64: unsafeBitCast(Complex<Float>(Float(x), 0), to: Self.self)
    case .complex128: unsafeBitCast(Complex<Double>(Double(x), 0), to: Self.self)
    default: unsafeBitCast(x, to: Self.self)
    }
  }
}

// MARK: - Norms

/// Which norm ``NDArray/norm(_:axes:keepingDimensions:)`` computes
/// (NumPy's `ord`).
public enum NormOrder: Sendable, Hashable {
  /// `"fro"`: the square root of the sum of squares (matrices).
  case frobenius
  /// `"nuc"`: the sum of the singular values (matrices).
  case nuclear
  /// A number: for vectors (Σ|x|ᵖ)^(1/p), with `.infinity` the largest
  /// |x|, `-.infinity` the smallest and 0 the count of non-zeros; for
  /// matrices 1, −1 (largest/smallest column sum), 2, −2 (largest/smallest
  /// singular value) and ±∞ (largest/smallest row sum).
  case order(Double)
}

extension NDArray where Element: BLASElement, Element.Magnitude.Sum == Element.Magnitude {
  /// A vector norm along one axis or a matrix norm over two, or with no
  /// axes the 2-norm of the flattened array (the Frobenius norm of a
  /// matrix), with NumPy's `ord` rules.
  ///
  /// NumPy: `np.linalg.norm(x, ord, axis=axes, keepdims=…)`.
  ///
  /// - Throws: ``LinalgError/invalidNorm(_:)`` for an order the shape does
  ///   not have (`"fro"` of a vector, 3 of a matrix), or more than two
  ///   axes; ``LinalgError/didNotConverge(routine:info:)`` for the SVD.
  /// - Precondition: The axes are in range and distinct.
  /// - Complexity: O(*n*) for vector norms, an SVD per matrix for 2, −2 and
  ///   `"nuc"`.
  public func norm(_ order: NormOrder? = nil, axes: [Int]? = nil, keepingDimensions: Bool = false) throws(LinalgError)
    -> NDArray<Element.Magnitude>
  {
    typealias M = Element.Magnitude
    let magnitudes = absoluteValues()
    guard let axes else {
      if order == nil || (order == .frobenius && ndim == 2) || (order == .order(2) && ndim == 1) {
        let total = (magnitudes * magnitudes).sum().squareRoot()
        let result = NDArray<M>(scalar: total)
        return keepingDimensions ? result.reshapedUnchecked(to: Dimensions(repeating: 1, count: ndim)) : result
      }
      return try norm(order, axes: Array(0..<ndim), keepingDimensions: keepingDimensions)
    }
    let normalized = Reduction.normalize(axes, rank: ndim, "norm")
    switch normalized.count {
    case 1:
      let p: Double
      switch order {
      case nil: p = 2
      case .order(let value): p = value
      case .frobenius, .nuclear: throw .invalidNorm("'\(order == .frobenius ? "fro" : "nuc")' is not a vector norm")
      }
      if p == .infinity { return try! magnitudes.max(axes: normalized, keepingDimensions: keepingDimensions) }
      if p == -.infinity { return try! magnitudes.min(axes: normalized, keepingDimensions: keepingDimensions) }
      if p == 0 { return magnitudes.mapElements { $0 != 0 ? M(1) : M(0) }.sum(axes: normalized, keepingDimensions: keepingDimensions) }
      if p == 1 { return magnitudes.sum(axes: normalized, keepingDimensions: keepingDimensions) }
      if p == 2 { return (magnitudes * magnitudes).sum(axes: normalized, keepingDimensions: keepingDimensions).mapElements { $0.squareRoot() } }
      let power = M(p)
      return magnitudes.mapElements { M.pow($0, power) }.sum(axes: normalized, keepingDimensions: keepingDimensions)
        .mapElements { M.pow($0, 1 / power) }
    case 2:
      let (row, column) = (Reduction.normalize([axes[0]], rank: ndim, "norm")[0], Reduction.normalize([axes[1]], rank: ndim, "norm")[0])
      let result: NDArray<M>
      switch order {
      case nil, .frobenius:
        result = (magnitudes * magnitudes).sum(axes: [row, column]).mapElements { $0.squareRoot() }
      case .nuclear:
        result = try singularValues(row, column).sum(axes: [-1])
      case .order(let p) where p == 2 || p == -2:
        let s = try singularValues(row, column)
        result = p == 2 ? try! s.max(axes: [-1]) : try! s.min(axes: [-1])
      case .order(let p) where p == 1 || p == -1 || p == .infinity || p == -.infinity:
        // Column sums (reduce the row axis) for ±1, row sums for ±∞.
        let summed = abs(p) == 1 ? row : column
        let other = abs(p) == 1 ? column : row
        let sums = magnitudes.sum(axes: [summed], keepingDimensions: true)
        let extreme = p > 0 ? try! sums.max(axes: [other], keepingDimensions: true) : try! sums.min(axes: [other], keepingDimensions: true)
        result = extreme.squeezed(axis: Swift.max(row, column)).squeezed(axis: Swift.min(row, column))
      case .order(let p):
        throw .invalidNorm("\(p) is not a matrix norm")
      }
      guard keepingDimensions else { return result }
      return result.expandingDimensions(at: Swift.min(row, column)).expandingDimensions(at: Swift.max(row, column))
    default:
      throw .invalidNorm("norms are of one axis (vectors) or two (matrices), not \(axes.count)")
    }
  }

  /// The singular values of the matrices in the planes of two axes, along
  /// a last axis.
  func singularValues(_ row: Int, _ column: Int) throws(LinalgError) -> NDArray<Element.Magnitude> {
    var moved = self
    moved = moved.permuted(Dimensions((0..<ndim).filter { $0 != row && $0 != column } + [row, column]))
    if moved.ndim == 2 { return try moved.svd(fullMatrices: false).s }
    return try moved.batchedSVD(fullMatrices: false).s
  }
}
