import ComplexModule
import Foundation
import Testing

@testable import Strided

/// Sample values (no NaN or infinities) in a shape.
func sampleMatrix<T: OracleScalar>(_: T.Type, _ shape: [Int], seed: Int) -> NDArray<T> {
  NDArray(sampleValues(T.self, count: shape.reduce(1, *), seed: seed, specials: false), shape: Dimensions(shape))
}

/// Operands whose singular values are all at least 0.17 times the largest,
/// and none within 0.005 of 0.2 or 0.5 times it, or of 1, for real and
/// complex sample values (checked with NumPy): no threshold below is near
/// one of them.
let conditionedCases: [(shape: [Int], seed: Int)] = [([3, 4], 1), ([4, 3], 2), ([1, 1], 3), ([2, 3, 3], 4), ([2, 2, 4, 2], 5)]

/// Hermitian operands (from the lower triangle of sample values): the
/// magnitudes of the eigenvalues are at least 0.03 times the largest, none
/// near 0.5 times it or near 1.
let hermitianCases: [(shape: [Int], seed: Int)] = [([4, 4], 8), ([2, 3, 3], 9), ([1, 1], 10)]

/// Matrices with no elements, and stacks of them.
let emptyCases: [[Int]] = [[0, 3], [3, 0], [2, 0, 2], [0, 3, 3]]

/// Products B·C of rank r (the batch, m, n, r and the two seeds): their
/// other singular values are rounding noise, many orders below 1e-8 times
/// the largest, and the rest above 0.19 times it.
let lowRankCases: [(batch: [Int], m: Int, n: Int, r: Int, seeds: (Int, Int))] = [
  ([2], 4, 3, 2, (11, 12)), ([], 3, 5, 1, (13, 14)),
]

func lowRank<T: OracleScalar & BLASElement>(_: T.Type, _ c: (batch: [Int], m: Int, n: Int, r: Int, seeds: (Int, Int))) -> NDArray<T> {
  let b = sampleMatrix(T.self, c.batch + [c.m, c.r], seed: c.seeds.0)
  return b.matmul(sampleMatrix(T.self, c.batch + [c.r, c.n], seed: c.seeds.1))
}

/// Matrices of exact rank (scaled permutations, zero, twice the identity) whose
/// singular values LAPACK computes exactly, so any threshold gives NumPy's
/// rank.
func exactRankMatrices<T: TestScalar>(_: T.Type) -> [NDArray<T>] {
  func matrix(_ rows: [[Int]]) -> NDArray<T> {
    NDArray(rows.flatMap { $0.map { T.real($0) } }, shape: [rows.count, rows[0].count])
  }
  let p = matrix([[0, 3, 0], [0, 0, 0], [2, 0, 0]])
  let q = matrix([[0, 0, 2, 0], [0, 0, 0, 0], [5, 0, 0, 0]])
  let zero = matrix([[0, 0, 0], [0, 0, 0], [0, 0, 0]])
  let identity = matrix([[2, 0, 0], [0, 2, 0], [0, 0, 2]])
  return [p, q, zero, identity, try! NDArray.stack([p, identity, zero])]
}

@Suite("pinv and matrix_rank: rtol, hermitian and stacks")
struct PseudoInverseAndRankTests {
  func checkPseudoInverse<T: OracleScalar & BLASElement & TestScalar>(
    _: T.Type, tolerance: Double, lowRanks: Bool
  ) throws {
    var check = LinalgOracleCheck<T>(tolerance: tolerance)
    var operands: [(String, NDArray<T>)] = conditionedCases.map { ("\($0.shape)", sampleMatrix(T.self, $0.shape, seed: $0.seed)) }
    operands += emptyCases.map { ("empty \($0)", NDArray<T>.zeros(Dimensions($0))) }
    for (label, plain) in operands {
      for layout in OperandLayout.allCases {
        let a = layout.make(plain.elements, shape: plain.shape)
        let name = "pinv \(T.self) \(label) \(layout)"
        check.add(name, "pinv", [a], result: try a.pseudoInverse())
        check.add("\(name) rcond 0.2", "pinv", [a], result: try a.pseudoInverse(rcond: 0.2), keywords: ["rcond": 0.2])
        check.add("\(name) rtol None", "pinv", [a], result: try a.pseudoInverse(rtol: nil), keywords: ["rtol": NSNull()])
        check.add("\(name) rtol 0.5", "pinv", [a], result: try a.pseudoInverse(rtol: 0.5), keywords: ["rtol": 0.5])
        // A matrix with no elements is not checked for squareness.
        if plain.count == 0 {
          check.add("\(name) hermitian", "pinv", [a], result: try a.pseudoInverse(hermitian: true),
                    keywords: ["hermitian": true])
        }
      }
    }
    if lowRanks {
      for c in lowRankCases {
        let plain = lowRank(T.self, c)
        for layout in OperandLayout.allCases {
          let a = layout.make(plain.elements, shape: plain.shape)
          let name = "pinv \(T.self) rank \(c.r) \(c.batch + [c.m, c.n]) \(layout)"
          let inverse = try a.pseudoInverse(rcond: 1e-8)
          check.add("\(name) rcond 1e-8", "pinv", [a], result: inverse, keywords: ["rcond": 1e-8])
          check.add("\(name) rtol 1e-8", "pinv", [a], result: try a.pseudoInverse(rtol: 1e-8), keywords: ["rtol": 1e-8])
          // a · a⁺ · a = a.
          #expect(maxDistance(a.matmul(inverse).matmul(a).copy(), plain) < tolerance * 1000, "\(name)")
        }
      }
    }
    for (shape, seed) in hermitianCases {
      let h = hermitianFromLower(sampleMatrix(T.self, shape, seed: seed))
      // Neither NumPy nor Strided reads the upper triangle.
      let input = garbled(h, .upper, with: T.real(1000))
      for layout in OperandLayout.allCases {
        let a = layout.make(input.elements, shape: input.shape)
        let name = "pinv \(T.self) hermitian \(shape) \(layout)"
        let inverse = try a.pseudoInverse(hermitian: true)
        check.add(name, "pinv", [a], result: inverse, keywords: ["hermitian": true])
        check.add("\(name) rtol None", "pinv", [a], result: try a.pseudoInverse(rtol: nil, hermitian: true),
                  keywords: ["rtol": NSNull(), "hermitian": true])
        check.add("\(name) rtol 0.5", "pinv", [a], result: try a.pseudoInverse(rtol: 0.5, hermitian: true),
                  keywords: ["rtol": 0.5, "hermitian": true])
        // The same as the SVD's pseudo-inverse of the Hermitian matrix.
        #expect(try maxDistance(inverse.copy(), h.pseudoInverse()) < tolerance * 100, "\(name)")
      }
    }
    try check.verify()
  }

  @Test("pseudoInverse(rcond:hermitian:) and pseudoInverse(rtol:hermitian:) match NumPy's pinv")
  func pseudoInverseMatchesNumPy() throws {
    try checkPseudoInverse(Double.self, tolerance: 1e-10, lowRanks: true)
    try checkPseudoInverse(Complex<Double>.self, tolerance: 1e-10, lowRanks: true)
    // Single precision: its rounding noise is not far enough below 1e-8
    // for the rank-deficient products.
    try checkPseudoInverse(Float.self, tolerance: 1e-4, lowRanks: false)
  }

  func checkRanks<T: OracleScalar & BLASElement & TestScalar>(_: T.Type, lowRanks: Bool) throws {
    var check = LinalgOracleCheck<T>(tolerance: 0)
    var operands: [(String, NDArray<T>)] = conditionedCases.map { ("\($0.shape)", sampleMatrix(T.self, $0.shape, seed: $0.seed)) }
    operands += emptyCases.map { ("empty \($0)", NDArray<T>.zeros(Dimensions($0))) }
    operands += exactRankMatrices(T.self).map { ("exact \($0.shape)", $0) }
    // Vectors and 0-d arrays: rank 1 unless every element is 0.
    operands += [
      ("zero vector", NDArray<T>.zeros([3])), ("empty vector", NDArray<T>.zeros([0])),
      ("vector", sampleMatrix(T.self, [4], seed: 3)), ("0-d zero", NDArray<T>(scalar: .zero)),
      ("0-d", NDArray<T>(scalar: T.real(3))),
    ]
    for (label, plain) in operands {
      for layout in OperandLayout.allCases {
        let a = layout.make(plain.elements, shape: plain.shape)
        let name = "matrix_rank \(T.self) \(label) \(layout)"
        let ranks = try a.matrixRanks()
        check.add(name, "matrix_rank", [a], result: ranks)
        check.add("\(name) tol 1", "matrix_rank", [a], result: try a.matrixRanks(tolerance: 1), keywords: ["tol": 1.0])
        check.add("\(name) rtol 0.5", "matrix_rank", [a], result: try a.matrixRanks(rtol: 0.5), keywords: ["rtol": 0.5])
        if a.ndim <= 2 {
          #expect(try a.matrixRank() == ranks[], "\(name)")
          #expect(try a.matrixRank(rtol: 0.5) == a.matrixRanks(rtol: 0.5)[], "\(name)")
        }
      }
    }
    for c in lowRankCases where lowRanks {
      let plain = lowRank(T.self, c)
      for layout in OperandLayout.allCases {
        let a = layout.make(plain.elements, shape: plain.shape)
        let name = "matrix_rank \(T.self) rank \(c.r) \(layout)"
        let ranks = try a.matrixRanks(rtol: 1e-8)
        #expect(ranks.elements.allSatisfy { $0 == c.r }, "\(name)")
        check.add("\(name) rtol 1e-8", "matrix_rank", [a], result: ranks, keywords: ["rtol": 1e-8])
        check.add("\(name) tol 1e-6", "matrix_rank", [a], result: try a.matrixRanks(tolerance: 1e-6), keywords: ["tol": 1e-6])
      }
    }
    for (shape, seed) in hermitianCases {
      let input = garbled(hermitianFromLower(sampleMatrix(T.self, shape, seed: seed)), .upper, with: T.real(1000))
      for layout in OperandLayout.allCases {
        let a = layout.make(input.elements, shape: input.shape)
        let name = "matrix_rank \(T.self) hermitian \(shape) \(layout)"
        check.add(name, "matrix_rank", [a], result: try a.matrixRanks(hermitian: true), keywords: ["hermitian": true])
        check.add("\(name) rtol 0.5", "matrix_rank", [a], result: try a.matrixRanks(rtol: 0.5, hermitian: true),
                  keywords: ["rtol": 0.5, "hermitian": true])
        check.add("\(name) tol 1", "matrix_rank", [a], result: try a.matrixRanks(tolerance: 1, hermitian: true),
                  keywords: ["tol": 1.0, "hermitian": true])
      }
    }
    if lowRanks {
      // B·Bᴴ of rank 2, read from its lower triangle.
      let b = sampleMatrix(T.self, [4, 2], seed: 15)
      let gram = garbled(b.matmul(b.conjugatedIfComplex().transposed()), .upper, with: T.real(1000))
      #expect(try gram.matrixRank(rtol: 1e-8, hermitian: true) == 2)
      check.add("matrix_rank \(T.self) hermitian rank 2", "matrix_rank", [gram],
                result: try gram.matrixRanks(rtol: 1e-8, hermitian: true), keywords: ["rtol": 1e-8, "hermitian": true])
    }
    try check.verify()
  }

  @Test("matrixRank(tolerance:hermitian:), matrixRank(rtol:hermitian:) and matrixRanks match NumPy's matrix_rank")
  func ranksMatchNumPy() throws {
    try checkRanks(Double.self, lowRanks: true)
    try checkRanks(Complex<Double>.self, lowRanks: true)
    // Single precision: its rounding noise is not far enough below 1e-8.
    try checkRanks(Float.self, lowRanks: false)
  }

  @Test("thresholds by hand: strictly above tol, above rtol times the largest")
  func thresholds() throws {
    let d: NDArray<Double> = [[1, 0], [0, 1e-3]]
    #expect(try d.matrixRank() == 2)
    #expect(try d.matrixRank(rtol: 1e-2) == 1)
    #expect(try d.matrixRank(rtol: 1e-4) == 2)
    #expect(try d.matrixRank(tolerance: 1e-3) == 1)
    #expect(try d.matrixRank(tolerance: 5e-4) == 2)
    #expect(try d.matrixRank(tolerance: 5e-4, hermitian: true) == 2)
    #expect(try d.matrixRank(rtol: 1e-2, hermitian: true) == 1)
    let singular: NDArray<Double> = [[1, 2], [2, 4]]
    #expect(try singular.matrixRank() == 1)
    let stack = try NDArray<Double>.stack([singular, .identity(2), .zeros([2, 2])])
    #expect(try stack.matrixRanks() == [1, 2, 0])
    #expect(try NDArray<Double>.zeros([2, 3, 0]).matrixRanks() == [0, 0])
    #expect(try NDArray<Double>.zeros([0, 3, 3]).matrixRanks().shape == [0])
    #expect(try NDArray<Double>([0, .nan]).matrixRank() == 1)
    #expect(try NDArray<Double>([0, 0]).matrixRanks() == NDArray(scalar: 0))

    let ones: NDArray<Double> = [[1, 1], [1, 1]]
    let expected: NDArray<Double> = [[0.25, 0.25], [0.25, 0.25]]
    #expect(try maxDistance(ones.pseudoInverse(), expected) < 1e-14)
    #expect(try maxDistance(ones.pseudoInverse(hermitian: true), expected) < 1e-14)
    let e: NDArray<Double> = [[2, 0], [0, 1e-3]]
    let inverse: NDArray<Double> = [[0.5, 0], [0, 1000]]
    let truncated: NDArray<Double> = [[0.5, 0], [0, 0]]
    #expect(try maxDistance(e.pseudoInverse(), inverse) < 1e-12)
    #expect(try maxDistance(e.pseudoInverse(rtol: nil), inverse) < 1e-12)
    #expect(try maxDistance(e.pseudoInverse(rtol: 1e-2), truncated) < 1e-14)
    #expect(try maxDistance(e.pseudoInverse(rcond: 1e-2, hermitian: true), truncated) < 1e-14)
    // Negative eigenvalues keep their sign in the Hermitian pseudo-inverse.
    let f: NDArray<Double> = [[-4, 0], [0, 2]]
    let fInverse: NDArray<Double> = [[-0.25, 0], [0, 0.5]]
    #expect(try maxDistance(f.pseudoInverse(hermitian: true), fInverse) < 1e-14)
  }

  @Test("bad shapes throw LinalgError")
  func errors() throws {
    let wide = NDArray<Double>.zeros([2, 3])
    #expect(throws: LinalgError.notSquare(operation: "pseudoInverse", shape: [2, 3])) { try wide.pseudoInverse(hermitian: true) }
    #expect(throws: LinalgError.notSquare(operation: "pseudoInverse", shape: [2, 3])) {
      try wide.pseudoInverse(rtol: nil, hermitian: true)
    }
    #expect(throws: LinalgError.wrongRank(operation: "pseudoInverse", shape: [3], expected: 2, atMost: false)) {
      try NDArray<Double>([1, 2, 3]).pseudoInverse(rtol: 0.1)
    }
    #expect(throws: LinalgError.notSquare(operation: "matrixRank", shape: [2, 3])) { try wide.matrixRank(hermitian: true) }
    #expect(throws: LinalgError.notSquare(operation: "matrixRank", shape: [2, 3])) {
      try wide.matrixRank(rtol: 0.1, hermitian: true)
    }
    #expect(throws: LinalgError.notSquare(operation: "matrixRanks", shape: [4, 2, 3])) {
      try NDArray<Double>.zeros([4, 2, 3]).matrixRanks(hermitian: true)
    }
    #expect(throws: LinalgError.wrongRank(operation: "matrixRank", shape: [2, 3, 3], expected: 2, atMost: true)) {
      try NDArray<Double>.zeros([2, 3, 3]).matrixRank(rtol: 0.1)
    }
    // LAPACK rejects NaN before the SVD; NumPy says it did not converge.
    let nan = NDArray<Double>([.nan, 1, 1, 1], shape: [2, 2])
    #expect(throws: LinalgError.didNotConverge(routine: "gesdd", info: -4)) { try nan.matrixRank() }
    #expect(throws: LinalgError.didNotConverge(routine: "gesdd", info: -4)) { try nan.pseudoInverse(rtol: nil) }
    #expect(throws: LinalgError.didNotConverge(routine: "gesdd", info: -4)) { try nan.svd() }
    // Empty matrices are not checked for squareness, as in NumPy.
    #expect(try NDArray<Double>.zeros([0, 3]).pseudoInverse(hermitian: true).shape == [3, 0])
  }
}
