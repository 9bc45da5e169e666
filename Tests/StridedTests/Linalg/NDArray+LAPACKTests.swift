import ComplexModule
import Foundation
import Testing

import Strided

/// LAPACK results checked by reconstruction, on inputs that are strided
/// views, for all four BLAS element types.
@Suite("LAPACK")
struct LAPACKTests {
  typealias Scalar = BLASElement & TestScalar

  func tolerance<E: Scalar>(_: E.Type) -> Double { MemoryLayout<E.Magnitude>.size == 4 ? 2e-4 : 1e-11 }

  func double<M>(_ x: M) -> Double { (x as? Double) ?? Double(x as! Float) }

  func scalar<E: Scalar>(_ x: E.Magnitude, as _: E.Type) -> E {
    var e = E.zero
    withUnsafeMutableBytes(of: &e) { $0.storeBytes(of: x, as: E.Magnitude.self) }
    return e
  }

  /// `op(a) · b`.
  func product<E: Scalar>(_ a: NDArray<E>, _ b: NDArray<E>, adjoint: Bool = false) -> NDArray<E> {
    let result = NDArray<E>.zeros([adjoint ? a.shape[1] : a.shape[0], b.shape[1]])
    a.gemm(b, into: result, operations: (adjoint ? .adjoint : .identity, .identity))
    return result
  }

  /// A matrix with entries in [-1, 1], as a transposed view (not C order).
  func matrix<E: Scalar>(_ rows: Int, _ columns: Int, _: E.Type, seed: Int = 0) -> NDArray<E> {
    MatrixLayout.transposed.make(rows, columns, E.self) { i, j in (i * 7 + j * 3 + seed) % 9 - 4 }
  }

  /// A well-conditioned square matrix: diagonally dominant, as a negative-stride view.
  func wellConditioned<E: Scalar>(_ n: Int, _: E.Type) -> NDArray<E> {
    MatrixLayout.negative.make(n, n, E.self) { i, j in i == j ? 40 : (i * 5 + j * 2) % 7 - 3 }
  }

  func snapshot<E: NDElement>(_ a: NDArray<E>) -> [E] { a.elements }

  func checkSolveInverseDeterminant<E: Scalar>(_: E.Type) throws {
    let n = 6
    let a = wellConditioned(n, E.self)
    let before = snapshot(a)
    let b = MatrixLayout.sliced.make(n, 2, E.self) { i, j in i - 2 * j }
    let x = try a.solve(b)
    #expect(maxDistance(product(a, x), b.copy()) < tolerance(E.self) * 50)
    let v = try a.solve(b[.all, 0])
    #expect(v.shape == [n])
    #expect(maxDistance(v, x[.all, 0].copy()) < tolerance(E.self) * 50)
    let inverse = try a.inverse()
    #expect(maxDistance(product(a, inverse), .identity(n)) < tolerance(E.self))
    #expect(snapshot(a) == before, "the input was modified")

    let triangular = MatrixLayout.fortran.make(3, 3, E.self, real: true) { i, j in i > j ? 0 : i + j + 1 }  // 1·3·5
    #expect((try triangular.determinant().complex - Complex(15, 0)).length < 1e-3)
    let swap = MatrixLayout.c.make(2, 2, E.self, real: true) { i, j in i == j ? 0 : 1 }
    #expect(try swap.determinant() == -E.multiplicativeIdentity)
    let singular = MatrixLayout.c.make(3, 3, E.self, real: true) { i, j in i + j }
    #expect(try singular.determinant() == .zero || (try singular.determinant()).complex.length < 1e-4)
    #expect(try NDArray<E>.zeros([0, 0]).determinant() == E.multiplicativeIdentity)
    #expect(throws: LinalgError.self) { try MatrixLayout.c.make(2, 2, E.self, real: true) { _, _ in 1 }.solve(b[0..<2]) }
    #expect(try NDArray<E>.zeros([0, 0]).solve(NDArray<E>.zeros([0])).shape == [0])
  }

  func checkLeastSquares<E: Scalar>(_: E.Type) throws {
    let a = matrix(8, 3, E.self)
    let b = MatrixLayout.stepped.make(8, 2, E.self) { i, j in (i * i + j) % 5 - 2 }
    let fit = try a.leastSquares(b)
    #expect(fit.rank == 3)
    #expect(fit.singularValues.shape == [3])
    #expect(fit.solution.shape == [3, 2])
    // The residual is orthogonal to a's columns.
    let residual = product(a, fit.solution.copy())
    let r = NDArray<E>(zip((residual.copy()).elements, (b.copy()).elements).map { $0 - $1 }, shape: [8, 2])
    #expect(maxDistance(product(a, r, adjoint: true), .zeros([3, 2])) < tolerance(E.self) * 100)
    for j in 0..<2 {
      let norm = (0..<8).reduce(0.0) { $0 + pow(r[item: $1, j].complex.length, 2) }
      #expect(abs(double(fit.residuals[item: j]) - norm) < tolerance(E.self) * 1000)
    }
    // Rank-deficient: no residuals, as NumPy.
    let deficient = MatrixLayout.c.make(4, 3, E.self, real: true) { i, j in j == 2 ? i : i + j * 0 }
    let lowRank = try deficient.leastSquares(b[0..<4, 0])
    #expect(lowRank.rank == 1 && lowRank.residuals.shape == [0] && lowRank.solution.shape == [3])
  }

  func checkCholeskyAndQR<E: Scalar>(_: E.Type) throws {
    let m = matrix(6, 4, E.self, seed: 2)
    let spd = product(m, m, adjoint: true)  // 4 × 4, mᴴm
    for i in 0..<4 { spd[i, i] = spd[i, i] + E.real(3) }
    let l = try spd.transposed().transposed().cholesky()
    #expect(maxDistance(product(l, l.copy().transposed().copy().conjugatedIfComplex()), spd) < tolerance(E.self) * 100)
    #expect((0..<4).allSatisfy { i in (i + 1..<4).allSatisfy { l[item: i, $0] == .zero } })
    let indefinite = MatrixLayout.c.make(2, 2, E.self, real: true) { i, j in i == j ? 1 : 2 }
    #expect(throws: LinalgError.notPositiveDefinite(info: 2)) { try indefinite.cholesky() }

    for (rows, columns) in [(6, 4), (4, 6), (5, 5)] {
      let a = matrix(rows, columns, E.self, seed: rows)
      let before = snapshot(a)
      let (q, r) = try a.qr()
      let k = min(rows, columns)
      #expect(q.shape == [rows, k] && r.shape == [k, columns])
      #expect(maxDistance(product(q, r), a.copy()) < tolerance(E.self) * 50)
      #expect(maxDistance(product(q, q, adjoint: true), .identity(k)) < tolerance(E.self) * 50)
      #expect((0..<k).allSatisfy { i in (0..<i).allSatisfy { r[item: i, $0] == .zero } })
      #expect(snapshot(a) == before)
    }
  }

  func checkSVD<E: Scalar>(_: E.Type) throws {
    for (rows, columns) in [(6, 4), (4, 6)] {
      let a = matrix(rows, columns, E.self, seed: 1)
      let k = min(rows, columns)
      for full in [true, false] {
        let (u, s, vt) = try a.svd(fullMatrices: full)
        #expect(u.shape == [rows, full ? rows : k] && s.shape == [k] && vt.shape == [full ? columns : k, columns])
        let values = s.elements.map(double)
        #expect(values == values.sorted(by: >) && values.allSatisfy { $0 >= 0 })
        // U[:, :k] · diag(s) · Vᴴ[:k, :]
        let us = NDArray<E>.zeros([rows, k])
        for i in 0..<rows { for j in 0..<k { us[item: i, j] = u[item: i, j] * scalar(s[item: j], as: E.self) } }
        #expect(maxDistance(product(us, vt[0..<k].copy()), a.copy()) < tolerance(E.self) * 50)
        #expect(maxDistance(product(u, u, adjoint: true), .identity(u.shape[1])) < tolerance(E.self) * 50)
      }
    }
    let (u, s, vt) = try NDArray<E>.zeros([3, 0]).svd()
    #expect(u == .identity(3) && s.shape == [0] && vt.shape == [0, 0])
  }

  func checkEigen<E: Scalar>(_: E.Type) throws {
    let m = matrix(5, 5, E.self, seed: 3)
    let hermitian = NDArray<E>.zeros([5, 5])
    m.gemm(m, into: hermitian, operations: (.adjoint, .identity))
    let (values, vectors) = try hermitian.flipped().flipped().eigh()
    let lambdas = values.elements.map(double)
    #expect(lambdas == lambdas.sorted())
    for j in 0..<5 {
      let v = vectors[.all, j..<j + 1].copy()
      let av = product(hermitian, v)
      let lv = NDArray<E>(v.elements.map { $0 * scalar(values[item: j], as: E.self) }, shape: [5, 1])
      #expect(maxDistance(av, lv) < tolerance(E.self) * 100)
    }

    // A rotation-like matrix has complex eigenvalues even when real.
    let general = MatrixLayout.sliced.make(4, 4, E.self) { i, j in (i == 0 && j == 1) ? -3 : (i == 1 && j == 0) ? 3 : (i * 3 + j) % 5 - 2 }
    let (lambda, v) = try general.eig()
    for j in 0..<4 {
      for i in 0..<4 {
        var av = Complex<Double>.zero
        for p in 0..<4 { av += general[item: i, p].complex * Complex(double(v[item: p, j].real), double(v[item: p, j].imaginary)) }
        let lv = Complex(double(lambda[item: j].real), double(lambda[item: j].imaginary)) * Complex(double(v[item: i, j].real), double(v[item: i, j].imaginary))
        #expect((av - lv).length < tolerance(E.self) * 100, "\(E.self) eigenpair \(j)")
      }
    }
  }

  @Test func solveInverseDeterminant() throws {
    try checkSolveInverseDeterminant(Float.self)
    try checkSolveInverseDeterminant(Double.self)
    try checkSolveInverseDeterminant(Complex<Float>.self)
    try checkSolveInverseDeterminant(Complex<Double>.self)
  }

  @Test func leastSquares() throws {
    try checkLeastSquares(Float.self)
    try checkLeastSquares(Double.self)
    try checkLeastSquares(Complex<Float>.self)
    try checkLeastSquares(Complex<Double>.self)
  }

  @Test func choleskyAndQR() throws {
    try checkCholeskyAndQR(Float.self)
    try checkCholeskyAndQR(Double.self)
    try checkCholeskyAndQR(Complex<Float>.self)
    try checkCholeskyAndQR(Complex<Double>.self)
  }

  @Test func singularValueDecomposition() throws {
    try checkSVD(Float.self)
    try checkSVD(Double.self)
    try checkSVD(Complex<Float>.self)
    try checkSVD(Complex<Double>.self)
  }

  @Test func eigenvaluesAndEigenvectors() throws {
    try checkEigen(Float.self)
    try checkEigen(Double.self)
    try checkEigen(Complex<Float>.self)
    try checkEigen(Complex<Double>.self)
  }

  @Test func singularSystemsThrowWithLAPACKsInfo() {
    let a: NDArray<Double> = [[1, 2], [2, 4]]
    #expect(throws: LinalgError.singularMatrix(info: 2)) { try a.solve([1, 1]) }
    #expect(throws: LinalgError.singularMatrix(info: 2)) { try a.inverse() }
    #expect(LinalgError.singularMatrix(info: 2).description.contains("U[1, 1]"))
  }

  @Test func resultsMatchNumPy() throws {
    guard Python.hasNumPy else { return }
    let a = wellConditioned(5, Double.self)
    let b = MatrixLayout.c.make(5, 1, Double.self) { i, _ in i - 1 }
    let script = """
      import json, numpy as np
      a = np.array([[40 if i == j else (i * 5 + j * 2) % 7 - 3 for j in range(5)] for i in range(5)], dtype=float)
      b = np.arange(5.0) - 1
      x, res, rank, sv = np.linalg.lstsq(a[:, :3], b, rcond=None)
      print(json.dumps({"det": np.linalg.det(a), "solve": np.linalg.solve(a, b).tolist(),
        "lstsq": x.tolist(), "residuals": res.tolist(), "sv": sv.tolist(),
        "eigh": np.linalg.eigvalsh(a + a.T).tolist(), "svd": np.linalg.svd(a, compute_uv=False).tolist()}))
      """
    struct Expected: Decodable {
      let det: Double
      let solve, lstsq, residuals, sv, eigh, svd: [Double]
    }
    let expected = try JSONDecoder().decode(Expected.self, from: Python.run(["-c", script]))
    func close(_ x: [Double], _ y: [Double]) -> Bool {
      x.count == y.count && zip(x, y).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) }
    }
    #expect(close([try a.determinant()], [expected.det]))
    #expect(close((try a.solve(b[.all, 0])).elements, expected.solve))
    let fit = try a[.all, 0..<3].leastSquares(b[.all, 0])
    #expect(close(fit.solution.elements, expected.lstsq))
    #expect(close(fit.residuals.elements, expected.residuals))
    #expect(close(fit.singularValues.elements, expected.sv))
    let symmetric = NDArray<Double>((0..<25).map { a[item: $0 / 5, $0 % 5] + a[item: $0 % 5, $0 / 5] }, shape: [5, 5])
    #expect(close((try symmetric.eigh().eigenvalues).elements, expected.eigh))
    #expect(close((try a.svd().s).elements, expected.svd))
  }

  @Test func nonSquareInputsThrow() {
    let wide = NDArray<Double>.zeros([2, 3])
    #expect(throws: LinalgError.notSquare(operation: "inverse", shape: [2, 3])) { try wide.inverse() }
    #expect(throws: LinalgError.notSquare(operation: "determinant", shape: [2, 3])) { try wide.determinant() }
    #expect(throws: LinalgError.shapeMismatch(operation: "solve", shapes: [[2, 2], [3]])) {
      try NDArray<Double>.identity(2).solve(.zeros([3]))
    }
  }
}

extension NDArray where Element: TestScalar {
  /// The complex conjugate of every element (the same array for real types).
  func conjugatedIfComplex() -> NDArray {
    NDArray(elements.map { x in
      if let c = x as? Complex<Double> { return c.conjugate as! Element }
      if let c = x as? Complex<Float> { return c.conjugate as! Element }
      return x
    }, shape: shape)
  }
}
