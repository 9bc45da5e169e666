import ComplexModule
import Foundation
import Testing

import Strided

/// Every case where NumPy raises that Strided once trapped on: the throwing
/// spelling throws a typed error and leaves its operands as they were; the
/// non-throwing spelling (an operator, a subscript) traps with a message
/// that names the throwing one.
@Suite("NumPy's errors are typed errors")
struct NumPyErrorsTests {
  /// The error type a case must throw.
  enum Kind: Sendable { case index, linalg, shape }

  /// One case: its name (NumPy's call that raises), the error type it must
  /// throw, and the throwing call.
  struct Case: CustomStringConvertible, Sendable {
    var description: String
    var kind: Kind
    var call: @Sendable () throws -> Void
    init(description: String, _ kind: Kind, call: @escaping @Sendable () throws -> Void) {
      self.description = description
      self.kind = kind
      self.call = call
    }
  }

  static let square = NDArray<Double>([4, 1, 1, 3], shape: [2, 2])
  static let wide = NDArray<Double>.zeros([2, 3])
  static let vector = NDArray<Double>([1, 2, 3])

  static let cases: [Case] = [
    // Compound assignment: NumPy's `a += b` raises ValueError for a
    // read-only `a` or a `b` that does not broadcast.
    Case(description: "a += b, read-only a", .index) { try vector.asReadOnly().update(.add, with: NDArray(scalar: 1)) },
    Case(description: "a -= b, b does not broadcast", .index) { try vector.copy().update(.subtract, with: .zeros([2])) },
    Case(description: "a *= b, b of more axes", .index) { try vector.copy().update(.multiply, with: .zeros([2, 3])) },
    Case(description: "a[idx] /= b, index out of range", .index) { try vector.copy().update(.divide, with: 2, at: [5]) },
    Case(description: "a[mask] += b, read-only a", .index) { try vector.asReadOnly().update(.add, with: 1, at: vector .> 1) },
    Case(description: "a[0:2] += b, b does not broadcast", .index) {
      try vector.copy().update(.add, with: .zeros([3]), at: 0..<2)
    },
    // Linear algebra: LinAlgError for non-square input, ValueError for
    // shapes that do not align under NumPy 2's rules.
    Case(description: "inv(2×3)", .linalg) { _ = try wide.inverse() },
    Case(description: "inv(1-D)", .linalg) { _ = try vector.inverse() },
    Case(description: "det(2×3)", .linalg) { _ = try wide.determinant() },
    Case(description: "det(1-D)", .linalg) { _ = try vector.determinant() },
    Case(description: "det(stack of 2×3)", .linalg) { _ = try NDArray<Double>.zeros([4, 2, 3]).determinants() },
    Case(description: "solve(2×3, b)", .linalg) { _ = try wide.solve(.zeros([2])) },
    Case(description: "solve(a, b of the wrong length)", .linalg) { _ = try square.solve(.zeros([3])) },
    Case(description: "solve(stack (2,3,3), b (2,3)): NumPy 2 reads b as one matrix", .linalg) {
      _ = try NDArray<Double>.zeros([2, 3, 3]).solve(.zeros([2, 3]))
    },
    Case(description: "solve(stacks that do not broadcast)", .linalg) {
      _ = try NDArray<Double>.zeros([2, 3, 3]).solve(.zeros([4, 3, 1]))
    },
    Case(description: "cholesky(2×3)", .linalg) { _ = try wide.cholesky() },
    Case(description: "eigh(2×3)", .linalg) { _ = try wide.eigh() },
    Case(description: "eigh(stack of 2×3)", .linalg) { _ = try NDArray<Double>.zeros([2, 2, 3]).eigh() },
    Case(description: "eig(2×3)", .linalg) { _ = try wide.eig() },
    Case(description: "qr(1-D)", .linalg) { _ = try vector.qr() },
    Case(description: "svd(1-D)", .linalg) { _ = try vector.svd() },
    Case(description: "pinv(1-D)", .linalg) { _ = try vector.pseudoInverse() },
    Case(description: "matrix_power(2×3, 2)", .linalg) { _ = try wide.matrixPower(2) },
    Case(description: "lstsq(1-D, b)", .linalg) { _ = try vector.leastSquares(.zeros([3])) },
    Case(description: "lstsq(a, b of the wrong length)", .linalg) { _ = try wide.leastSquares(.zeros([3])) },
    Case(description: "cholesky(2×3, upper=True)", .linalg) { _ = try wide.cholesky(upper: true) },
    Case(description: "cholesky(not positive definite, upper=True)", .linalg) {
      _ = try NDArray<Double>([1, 2, 2, 1], shape: [2, 2]).cholesky(upper: true)
    },
    Case(description: "eigh(2×3, UPLO='U')", .linalg) { _ = try wide.eigh(uplo: .upper) },
    Case(description: "pinv(2×3, hermitian=True)", .linalg) { _ = try wide.pseudoInverse(hermitian: true) },
    Case(description: "pinv(1-D, rtol=None)", .linalg) { _ = try vector.pseudoInverse(rtol: nil) },
    Case(description: "matrix_rank(2×3, hermitian=True)", .linalg) { _ = try wide.matrixRank(hermitian: true) },
    Case(description: "matrix_rank(stack of 2×3, hermitian=True)", .linalg) {
      _ = try NDArray<Double>.zeros([4, 2, 3]).matrixRanks(hermitian: true)
    },
    Case(description: "det(int 2×3)", .linalg) { _ = try NDArray<Int>.zeros([2, 3]).determinant() },
    Case(description: "inv(singular int)", .linalg) { _ = try NDArray<Int>([1, 2, 2, 4], shape: [2, 2]).inverse() },
    Case(description: "solve(int a, b of the wrong length)", .linalg) {
      _ = try NDArray<Int>.identity(2).solve(.zeros([3]))
    },
    Case(description: "matrix_power(int 2×3, 2)", .linalg) { _ = try NDArray<Int>.zeros([2, 3]).matrixPower(2) },
    Case(description: "norm(int, 'fro', axis=0)", .linalg) { _ = try NDArray<Int>.zeros([2, 3]).norm(.frobenius, axes: [0]) },
    // Shapes and axes.
    Case(description: "trace(1-D)", .shape) { _ = try vector.trace() },
    Case(description: "trace(axis1 == axis2)", .shape) { _ = try square.trace(axis1: 1, axis2: 1) },
    Case(description: "trace(axis out of range)", .shape) { _ = try square.trace(axis1: 0, axis2: 2) },
    Case(description: "diff(n=-1)", .shape) { _ = try vector.differences(order: -1) },
    Case(description: "diff(0-d)", .shape) { _ = try NDArray<Double>(scalar: 1).differences() },
    Case(description: "diff(axis out of range)", .shape) { _ = try vector.differences(axis: 1) },
    Case(description: "isclose of shapes that do not broadcast", .shape) { _ = try isclose(vector, .zeros([2])) },
    Case(description: "allclose of shapes that do not broadcast", .shape) { _ = try allclose(vector, .zeros([2])) },
    Case(description: "nonzero(0-d)", .shape) { _ = try NDArray<Double>(scalar: 1).nonzero() },
    Case(description: "where(0-d condition)", .shape) { _ = try NDArray<Bool>.where(NDArray(scalar: true)) },
  ]

  @Test("the throwing spelling throws", arguments: cases)
  func throwsTypedError(_ c: Case) {
    do {
      try c.call()
      Issue.record("\(c): did not throw")
    } catch {
      switch c.kind {
      case .index: #expect(error is IndexError, "\(c): threw \(type(of: error))")
      case .linalg: #expect(error is LinalgError, "\(c): threw \(type(of: error))")
      case .shape: #expect(error is ShapeError, "\(c): threw \(type(of: error))")
      }
    }
  }

  @Test("a throwing in-place update writes nothing when it throws")
  func updateWritesNothing() throws {
    let a = NDArray<Double>([1, 2, 3])
    #expect(throws: IndexError.self) { try a.update(.add, with: 1, at: [0, 7]) }
    #expect(throws: IndexError.self) { try a.update(.add, with: .zeros([2]), at: [0, 1, 2]) }
    #expect(a == [1, 2, 3])
    try a.update(.add, with: 10, at: [0, 0, 2])
    #expect(a == [11, 2, 13])  // buffered, as NumPy's a[[0, 0, 2]] += 10
    try a.update(.multiply, with: NDArray([2, 3, 4]))
    #expect(a == [22, 6, 52])
    try a.update(.subtract, with: 1, at: a .> 20)
    #expect(a == [21, 6, 51])
    try a.update(.divide, with: 3, at: 1..<2)
    #expect(a == [21, 2, 51])
  }

  @Test("the operators trap with a message naming the throwing spelling")
  func operatorsNameTheThrowingSpelling() async {
    let readOnly = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var a = NDArray<Double>([1, 2]).asReadOnly()
      a += NDArray<Double>(scalar: 1)
    }
    let readOnlyMessage = String(decoding: readOnly?.standardErrorContent ?? [], as: UTF8.self)
    #expect(readOnlyMessage.contains("try a.update(_:with:)"))
    let mismatch = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let a = NDArray<Double>([1, 2, 3])
      a[0..<2] *= NDArray<Double>([1, 2, 3])
    }
    let mismatchMessage = String(decoding: mismatch?.standardErrorContent ?? [], as: UTF8.self)
    #expect(mismatchMessage.contains("try a.update(_:with:)"))
    let subscripted = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let a = NDArray<Double>([1, 2, 3])
      a[[4]] = NDArray(scalar: 1)
    }
    let subscriptedMessage = String(decoding: subscripted?.standardErrorContent ?? [], as: UTF8.self)
    #expect(subscriptedMessage.contains("try a.assign(_:at:)"))
  }
}

/// Answers that once differed from NumPy's without a word in the docs, now
/// NumPy's (values from NumPy 2.4).
@Suite("NumPy's answers")
struct NumPyAnswersTests {
  @Test("the complex negative of zero keeps the sign of zero")
  func complexNegativeZero() {
    let z = -NDArray<Complex<Double>>([Complex(0, 0), Complex(0, -0.0)])
    let parts = z.elements.map { ($0.rawStorage.x.sign, $0.rawStorage.y.sign) }
    #expect(parts[0] == (.minus, .minus) && parts[1] == (.minus, .plus))
  }

  @Test("complex values with NaN parts sort last, in NumPy's order")
  func complexNaNOrder() {
    let nan = Double.nan
    let values = NDArray<Complex<Double>>([
      Complex(nan, 0), Complex(1, 1), Complex(0, nan), Complex(nan, nan), Complex(0, 0), Complex(1, nan), Complex(nan, -1),
    ])
    // NumPy: [0+0j, 1+1j, 0+nanj, 1+nanj, nan-1j, nan+0j, nan+nanj].
    let sorted = values.sorted().elements.map { ($0.rawStorage.x, $0.rawStorage.y) }
    let expected: [(Double, Double)] = [(0, 0), (1, 1), (0, nan), (1, nan), (nan, -1), (nan, 0), (nan, nan)]
    for (got, want) in zip(sorted, expected) {
      #expect((got.0 == want.0 || (got.0.isNaN && want.0.isNaN)) && (got.1 == want.1 || (got.1.isNaN && want.1.isNaN)))
    }
    #expect(values.argsort().elements == [4, 1, 2, 5, 6, 0, 3])
    // unique merges every value with a NaN part, as NumPy 2's.
    let distinct = values.unique().elements
    #expect(distinct.count == 3 && distinct[2].rawStorage.x == 0 && distinct[2].rawStorage.y.isNaN)
  }

  @Test("integer rounding to tens wraps as NumPy's casts do")
  func integerRoundingWraps() {
    let small = NDArray<Int8>([15, 25, 125, 127, -128, 35, -15, -25, 5, -5, 95, 96])
    #expect(small.rounded(decimals: -1).elements == [20, 20, 120, -126, 126, 40, -20, -20, 0, 0, 100, 100])
    #expect(NDArray<UInt8>([250, 255, 245, 5, 15]).rounded(decimals: -1).elements == [250, 4, 240, 0, 20])
    #expect(NDArray<Int16>([32767, -32768]).rounded(decimals: -1).elements == [-32766, 32766])
    #expect(NDArray<Int32>([Int32.max]).rounded(decimals: -1).elements == [Int32.min])
    #expect(NDArray<Int64>([Int64.max, Int64.min, (1 << 62) + 5]).rounded(decimals: -1).elements == [Int64.min, Int64.min, 1 << 62])
    #expect(NDArray<UInt64>([UInt64.max, 1 << 63, 5]).rounded(decimals: -1).elements == [0, 1 << 63, 0])
    #expect(NDArray<Int8>([127]).rounded(decimals: -3).elements == [0])
  }

  @Test("argwhere of a 0-d array is 1 × 0 or 0 × 0")
  func argwhereZeroDimensional() {
    #expect(NDArray<Int>(scalar: 5).argwhere().shape == [1, 0])
    #expect(NDArray<Int>(scalar: 0).argwhere().shape == [0, 0])
  }

  @Test("one shift rolls every axis given")
  func rollOneShiftSeveralAxes() throws {
    let a = try NDArray<Int>.arange(to: 6).reshaped(to: [2, 3])
    #expect(try a.rolled(by: [1], axes: [0, 1]).elements == [5, 3, 4, 2, 0, 1])
    #expect(try a.rolled(by: [1, 1], axes: [1]).elements == [1, 2, 0, 4, 5, 3])
    #expect(try a.rolled(by: [Int.max], axes: [1]) == a.rolled(by: [Int.max % 3], axes: [1]))
    #expect(throws: ShapeError.self) { try a.rolled(by: [1, 2], axes: [0, 1, 1]) }
  }

  @Test("diff with n = 0 and einsum's relabelings are views, as NumPy's")
  func viewsWhereNumPyGivesViews() throws {
    let a = try NDArray<Double>.arange(to: 9).reshaped(to: [3, 3])
    #expect(try NDArray<Double>(scalar: 5).differences(order: 0) == NDArray(scalar: 5))
    let same = try a.differences(order: 0)
    same[item: 0, 0] = 100
    #expect(a[item: 0, 0] == 100)
    let diagonal = try NDArray.einsum("ii->i", a)
    diagonal[item: 1] = -4
    #expect(a[item: 1, 1] == -4 && diagonal.shape == [3])
    let transposed = try NDArray.einsum("ij->ji", a)
    transposed[item: 0, 2] = 7
    #expect(a[item: 2, 0] == 7)
    let implicit = try NDArray.einsum("ba", a)
    #expect(implicit == a.transposed())
    implicit[item: 1, 0] = 8
    #expect(a[item: 0, 1] == 8)
  }

  @Test("einsum of element-wise products, with and without a sum")
  func einsumElementwise() throws {
    var rng = Generator(seed: 3)
    let x = rng.standardNormal([7, 5])
    let y = rng.standardNormal([7, 5])
    let z = rng.standardNormal([5, 7])
    func near(_ a: NDArray<Double>, _ b: NDArray<Double>) -> Bool { a.shape == b.shape && (try? allclose(a, b, relativeTolerance: 1e-12)) == true }
    #expect(near(try NDArray.einsum("ij,ij->ij", x, y), x * y))
    #expect(near(try NDArray.einsum("ij,ij,ij->ij", x, y, x), x * y * x))
    #expect(near(try NDArray.einsum("ij,ji->ij", x, z), x * z.transposed()))
    #expect(near(try NDArray.einsum("ij,ij->", x, y), NDArray(scalar: (x * y).sum())))
    #expect(near(try NDArray.einsum("ij,ij->i", x, y), (x * y).sum(axis: 1)))
    #expect(near(try NDArray.einsum("ij,ij->j", x, y), (x * y).sum(axis: 0)))
    #expect(near(try NDArray.einsum("ij,ij->ji", x, y), (x * y).transposed()))
    let v = x[.all, 0]
    #expect(near(try NDArray.einsum("i,i,i->i", v, v, v), v * v * v))
    #expect(near(try NDArray.einsum("i,i", v, v), NDArray(scalar: (v * v).sum())))
    // Size-1 letters broadcast, as NumPy's.
    #expect(near(try NDArray.einsum("ij,ij->ij", x, x[0..<1, .all]), x * x[0..<1, .all]))
    // A later operand may broadcast the product larger.
    #expect(near(try NDArray.einsum("ij,ij,ij->ij", x[0..<1, .all], y[0..<1, .all], x), x[0..<1, .all] * y[0..<1, .all] * x))
    #expect(throws: EinsumError.self) { try NDArray.einsum("ii->i", NDArray<Double>.zeros([1, 3])) }
    let ints = NDArray<Int8>([100, 100])
    #expect(try NDArray.einsum("i,i->i", ints, ints).elements == [16, 16])  // wraps in Int8, as NumPy's
  }
}
