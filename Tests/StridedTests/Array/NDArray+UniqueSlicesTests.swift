import ComplexModule
import Foundation
import Testing

import Strided

@Suite("Unique slices against NumPy")
struct UniqueSlicesTests {
  /// Random matrices whose rows repeat often: values from a small pool.
  func addCases<T: OracleScalar>(_ pool: [T], seed: Int, into check: inout SetOracleCheck) throws {
    var r = SetOperands(seed: seed)
    for round in 0..<40 {
      let rows = round == 0 ? 0 : r.pick(30) + 1
      let columns = round == 1 ? 0 : r.pick(4) + 1
      let layout = OperandLayout.allCases[r.pick(OperandLayout.allCases.count)]
      let a = layout.make(r.draws(pool, count: rows * columns), shape: [rows, columns])
      let label = "\(T.self) \(round) \(a.shape) \(layout)"
      check.add("\(label) axis 0", "unique_axis", [a], result: try a.unique(axis: 0), keywords: ["axis": 0])
      check.add("\(label) axis 1", "unique_axis", [a], result: try a.unique(axis: 1), keywords: ["axis": 1])
      check.add("\(label) axis -1", "unique_axis", [a], result: try a.unique(axis: -1), keywords: ["axis": -1])
      if rows % 2 == 0 && rows > 0 {
        let cube = try a.reshapedCopy(to: [2, rows / 2, columns])
        for axis in 0..<3 {
          check.add("\(label) 3-D axis \(axis)", "unique_axis", [cube], result: try cube.unique(axis: axis),
                    keywords: ["axis": axis])
        }
      }
    }
  }

  @Test("unique(axis:) matches np.unique(a, axis=k) for every type and layout")
  func randomMatchNumPy() throws {
    var check = SetOracleCheck()
    // NaN rows are never merged, and NaN sorts last within a column;
    // −0.0 equals 0.0.
    try addCases([0, -0.0, 1, -1, 2.5, .nan, .infinity, -.infinity] as [Double], seed: 1, into: &check)
    try addCases([0, -0.0, 1, -1, .nan] as [Float], seed: 2, into: &check)
    try addCases([0, 1, -1, 3, .max, .min] as [Int], seed: 3, into: &check)
    try addCases([0, 1, 200, 255] as [UInt8], seed: 4, into: &check)
    try addCases([0, -5, 7] as [Int8], seed: 5, into: &check)
    try addCases([true, false], seed: 6, into: &check)
    try addCases([Complex(1, 2), Complex(1, -1), Complex(0, 0), Complex(-2, 0.5)] as [Complex<Double>], seed: 7,
                 into: &check)
    // 1-D: NumPy's plain unique, NaNs as one.
    let line = NDArray<Double>([3, .nan, 1, .nan, 3])
    check.add("1-D", "unique_axis", [line], result: try line.unique(axis: 0), keywords: ["axis": 0])
    try check.verify()
  }

  @Test("the workload's shape: many rows of small integers")
  func workloadShape() throws {
    var g = Generator(seed: 11)
    let x = try g.integers(in: 0..<10, shape: [20_000, 4]).converted(to: Double.self)
    var check = SetOracleCheck()
    let u = try x.unique(axis: 0)
    #expect(u.shape[1] == 4 && u.shape[0] <= 10_000)
    check.add("20000x4", "unique_axis", [x], result: u, keywords: ["axis": 0])
    try check.verify()
  }

  @Test("NumPy's documented example, empty and degenerate shapes, errors")
  func edges() throws {
    let a: NDArray<Int> = [[1, 0, 0], [1, 0, 0], [2, 3, 4]]
    #expect(try a.unique(axis: 0) == [[1, 0, 0], [2, 3, 4]])
    #expect(try NDArray<Double>.zeros([0, 3]).unique(axis: 0).shape == [0, 3])
    #expect(try NDArray<Double>.zeros([3, 0]).unique(axis: 0).shape == [1, 0])
    #expect(try NDArray<Double>.zeros([3, 0]).unique(axis: 1).shape == [3, 0])
    let nanRows: NDArray<Double> = [[1, .nan], [1, .nan]]
    #expect(try nanRows.unique(axis: 0).shape == [2, 2])
    let zeros: NDArray<Double> = [[-0.0, 1], [0, 1]]
    let kept = try zeros.unique(axis: 0)
    #expect(kept.shape == [1, 2] && kept[item: 0, 0].sign == .minus)
    #expect(throws: ShapeError.axisOutOfRange(axis: 2, rank: 2)) { try a.unique(axis: 2) }
    #expect(throws: ShapeError.axisOutOfRange(axis: 0, rank: 0)) { try NDArray(scalar: 1.0).unique(axis: 0) }
  }

  @Test("unique(equalNaN: false) keeps every NaN, as NumPy's equal_nan=False")
  func equalNaNFalse() throws {
    var check = SetOracleCheck()
    var r = SetOperands(seed: 9)
    for round in 0..<30 {
      let a = r.operand([0, -0.0, 1, 2, .nan, .infinity] as [Double])
      check.add("\(round) false", "unique_equal_nan", [a], result: a.unique(equalNaN: false), keywords: ["equal_nan": false])
      check.add("\(round) true", "unique_equal_nan", [a], result: a.unique(equalNaN: true), keywords: ["equal_nan": true])
    }
    try check.verify()
    #expect(NDArray<Double>([.nan, 1, .nan]).unique(equalNaN: false).count == 3)
    #expect(NDArray<Int>([2, 1, 2]).unique(equalNaN: false) == [1, 2])
  }
}
