import ComplexModule
import Foundation
import Testing

@testable import Strided

@Suite("numpy.linalg on integer arrays")
struct IntegerLinalgTests {
  /// A diagonally dominant (so well-conditioned) integer matrix, or stack,
  /// in a random layout.
  func dominant(_ r: inout RandomOperands, _ shape: [Int]) -> NDArray<Int64> {
    let n = shape[shape.count - 1]
    let values = r.ints(shape, in: -3...3) + NDArray<Int64>.identity(n) * 20
    return r.layout().make(values.elements, shape: values.shape)
  }

  @Test("solve, inverse, det, slogdet and norm convert to Double as NumPy does")
  func floatingResultsMatchNumPy() throws {
    var r = RandomOperands(seed: 41)
    var check = LinalgOracleCheck<Int64>(tolerance: 1e-10)
    for round in 0..<8 {
      let n = r.rng.integers(in: 1...4)
      let a = dominant(&r, [n, n])
      check.add("det \(n)", "det", [a], result: NDArray(scalar: try a.determinant()))
      check.add("inv \(n)", "inv", [a], result: try a.inverse())
      let slogdet = try a.signedLogDeterminant()
      check.add("slogdet sign \(n)", "slogdet_part", [a], result: NDArray(scalar: slogdet.sign), keywords: ["part": 0])
      check.add("slogdet log \(n)", "slogdet_part", [a], result: NDArray(scalar: slogdet.logAbsoluteValue),
                keywords: ["part": 1])
      let vector = r.ints([n])
      check.add("solve vector \(n)", "solve", [a, vector], result: try a.solve(vector))
      let rhs = r.ints([n, 2])
      check.add("solve matrix \(n)", "solve", [a, rhs], result: try a.solve(rhs))

      let stack = dominant(&r, [2, 3, n, n])
      check.add("det stack \(n)", "det", [stack], result: try stack.determinants())
      check.add("inv stack \(n)", "inv", [stack], result: try stack.inverse())
      let signs = try stack.signedLogDeterminants()
      check.add("slogdet signs \(n)", "slogdet_part", [stack], result: signs.signs, keywords: ["part": 0])
      check.add("slogdet logs \(n)", "slogdet_part", [stack], result: signs.logAbsoluteValues, keywords: ["part": 1])
      let stackedRHS = r.ints([2, 3, n, 2])
      check.add("solve stack \(n)", "solve", [stack, stackedRHS], result: try stack.solve(stackedRHS))
      check.add("solve stack, one vector \(n)", "solve", [stack, vector], result: try stack.solve(vector))

      let columns = r.rng.integers(in: 1...4)
      let m = r.ints([n, columns])
      check.add("norm \(m.shape)", "norm", [m], result: try m.norm())
      for order in [NormOrder.frobenius, .nuclear, .order(1), .order(-1), .order(2), .order(-2), .order(.infinity), .order(-.infinity)] {
        check.add("norm \(order)", "norm", [m], result: try m.norm(order, axes: [0, 1], keepingDimensions: round % 2 == 0),
                  keywords: ["ord": order.numpy, "axis": [0, 1], "keepdims": round % 2 == 0])
      }
      for p in [1.0, 2, 3, 0, .infinity, -.infinity] {
        check.add("vector norm \(p)", "norm", [m], result: try m.norm(.order(p), axes: [1]),
                  keywords: ["ord": NormOrder.order(p).numpy, "axis": [1]])
      }
    }
    let empty = NDArray<Int64>.zeros([0, 0])
    check.add("det 0 × 0", "det", [empty], result: NDArray(scalar: try empty.determinant()))
    check.add("det of a stack of 0 × 0", "det", [NDArray<Int64>.zeros([2, 0, 0])],
              result: try NDArray<Int64>.zeros([2, 0, 0]).determinants())
    check.add("norm of nothing", "norm", [NDArray<Int64>.zeros([0])], result: try NDArray<Int64>.zeros([0]).norm())
    check.add("norm of 0-d", "norm", [NDArray<Int64>(scalar: -3)], result: try NDArray<Int64>(scalar: -3).norm())
    try check.verify()
  }

  /// `matrix_power` with n ≥ 0 keeps the integer type (wrapping) in
  /// NumPy, and `kron` always does.
  func checkIntegerResults<T: OracleScalar & BinaryInteger>(_: T.Type) throws {
    var check = LinalgOracleCheck<T>(tolerance: 0)
    for (index, shape) in [[1, 1], [3, 3], [2, 2, 2], [0, 0], [2, 0, 0]].enumerated() {
      let plain = sampleMatrix(T.self, shape, seed: index)
      for layout in OperandLayout.allCases {
        let a = layout.make(plain.elements, shape: Dimensions(shape))
        for power in [0, 1, 2, 3, 5] {
          check.add("matrix_power \(T.self) \(shape) \(layout) \(power)", "matrix_power", [a],
                    result: try a.matrixPower(power), keywords: ["n": power])
        }
      }
    }
    for (index, (left, right)) in [([2, 3], [3, 2]), ([3], [2, 2]), ([], [2]), ([2, 0], [3]), ([2, 1, 2], [2, 2])].enumerated() {
      for layout in OperandLayout.allCases {
        let a = layout.make(sampleValues(T.self, count: left.reduce(1, *), seed: index), shape: Dimensions(left))
        let b = OperandLayout.negative.make(sampleValues(T.self, count: right.reduce(1, *), seed: index + 7), shape: Dimensions(right))
        check.add("kron \(T.self) \(left) \(right) \(layout)", "kron", [a, b], result: a.kron(b))
      }
    }
    try check.verify()
  }

  @Test("matrixPower(n >= 0) and kron keep the integer type, wrapping as NumPy's")
  func integerResultsMatchNumPy() throws {
    try checkIntegerResults(Int64.self)
    try checkIntegerResults(Int32.self)
    try checkIntegerResults(Int8.self)
    try checkIntegerResults(UInt8.self)
  }

  @Test("values and types by hand")
  func byHand() throws {
    let a: NDArray<Int> = [[3, 1, -2], [1, 4, 0], [2, -1, 5]]
    let determinant: Double = try a.determinant()
    #expect(abs(determinant - 73) < 1e-12)
    let inverse: NDArray<Double> = try a.inverse()
    let product = a.asDouble.matmul(inverse)
    #expect(maxDistance(product, .identity(3)) < 1e-14)
    let x: NDArray<Double> = try a.solve([1, 2, 3])
    let residual = a.asDouble.matmul(x.expandingDimensions(at: 1))
    #expect(maxDistance(residual, [[1], [2], [3]]) < 1e-14)
    let slogdet: SignedLogDeterminant<Double> = try a.signedLogDeterminant()
    #expect(slogdet.sign == 1 && abs(slogdet.logAbsoluteValue - 4.290459441148391) < 1e-14)  // log 73
    let small: NDArray<UInt8> = [[2, 1], [1, 3]]
    #expect(try abs(small.determinant() - 5) < 1e-14)

    let m: NDArray<Int32> = [[3, 4], [0, 0]]
    #expect(try m.norm() == NDArray(scalar: 5.0))
    #expect(try m.norm(.order(1), axes: [1]) == [7, 0])

    let fibonacci: NDArray<Int> = [[1, 1], [1, 0]]
    #expect(try fibonacci.matrixPower(10) == [[89, 55], [55, 34]])
    #expect(try fibonacci.matrixPower(0) == .identity(2))
    let wrapping: NDArray<Int8> = [[1, 1], [1, 0]]
    #expect(try wrapping.matrixPower(12) == [[-23, -112], [-112, 89]])  // 233, 144 and 89 modulo 256
    #expect(try maxDistance(fibonacci.asDouble.matrixPower(-1), [[0, 1], [1, -1]]) < 1e-15)

    let k: NDArray<Int16> = [[1, 2], [3, 4]]
    #expect(k.kron([1, -1]) == [[1, -1, 2, -2], [3, -3, 4, -4]])
  }

  @Test("integer input throws the errors of the floating-point routines")
  func errors() throws {
    let wide = NDArray<Int>.zeros([2, 3])
    #expect(throws: LinalgError.notSquare(operation: "determinant", shape: [2, 3])) { try wide.determinant() }
    #expect(throws: LinalgError.notSquare(operation: "determinants", shape: [2, 3])) { try wide.determinants() }
    #expect(throws: LinalgError.notSquare(operation: "inverse", shape: [2, 3])) { try wide.inverse() }
    #expect(throws: LinalgError.notSquare(operation: "matrixPower", shape: [2, 3])) { try wide.matrixPower(2) }
    #expect(throws: LinalgError.notSquare(operation: "signedLogDeterminant", shape: [2, 3])) {
      try wide.signedLogDeterminant()
    }
    #expect(throws: LinalgError.wrongRank(operation: "matrixPower", shape: [3], expected: 2, atMost: false)) {
      try NDArray<Int>([1, 2, 3]).matrixPower(2)
    }
    let singular: NDArray<Int> = [[1, 2], [2, 4]]
    #expect(throws: LinalgError.singularMatrix(info: 2)) { try singular.solve([1, 1]) }
    #expect(throws: LinalgError.singularMatrix(info: 2)) { try singular.inverse() }
    let singularDeterminant: Double = try singular.determinant()
    #expect(singularDeterminant == 0)
    #expect(throws: LinalgError.shapeMismatch(operation: "solve", shapes: [[2, 2], [3]])) {
      try NDArray<Int>.identity(2).solve(.zeros([3]))
    }
    #expect(throws: LinalgError.invalidNorm("'fro' is not a vector norm")) { try wide.norm(.frobenius, axes: [0]) }
  }

  @Test("a negative power of an integer matrix traps, naming the Double spelling")
  func negativeIntegerPowerTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let a: NDArray<Int> = [[1, 1], [1, 0]]
      _ = try? a.matrixPower(-1)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("a.asDouble.matrixPower(-1)"))
  }
}
