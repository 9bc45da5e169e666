import ComplexModule
import Foundation
import Testing

import Strided

@Suite("Reductions")
struct ReductionTests {
  static let shapes: [[Int]] = [[3, 4], [2, 3, 4], [5], [], [0, 3], [4, 0]]
  static let axisSets: [[Int]] = [[0], [1], [-1], [0, 2], [0, 1]]

  /// Every reduction over all axes and over each axis set, on every layout.
  func checkReductions<T: OracleScalar & Numeric>(_: T.Type, tolerance: Double, ordered: Bool, floating: Bool) throws
  where T.Sum: OracleScalar & Numeric {
    var check = OracleCheck<T>(tolerance: tolerance)
    for shape in Self.shapes {
      for layout in OperandLayout.allCases {
        let values = sampleValues(T.self, count: shape.reduce(1, *), seed: 7, specials: false)
        let a = layout.make(values, shape: Dimensions(shape))
        let label = "\(T.self) \(shape) \(layout)"
        check.add("\(label) sum", "sum", [a], result: NDArray(scalar: a.sum()))
        check.add("\(label) prod", "prod", [a], result: NDArray(scalar: a.product()))
        for axes in Self.axisSets where axes.allSatisfy({ $0 < shape.count && $0 >= -shape.count }) {
          for keep in [false, true] {
            let keywords: [String: Any] = ["axis": axes, "keepdims": keep]
            check.add("\(label) sum \(axes) \(keep)", "sum", [a], result: a.sum(axes: axes, keepingDimensions: keep), keywords: keywords)
            check.add("\(label) prod \(axes) \(keep)", "prod", [a], result: a.product(axes: axes, keepingDimensions: keep), keywords: keywords)
          }
        }
      }
    }
    try check.verify()
  }

  func checkOrdered<T: OracleScalar & Comparable>(_: T.Type, specials: Bool) throws {
    var check = OracleCheck<T>()
    for shape in Self.shapes {
      for layout in OperandLayout.allCases {
        let values = sampleValues(T.self, count: shape.reduce(1, *), seed: 8, specials: specials)
        let a = layout.make(values, shape: Dimensions(shape))
        let label = "\(T.self) \(shape) \(layout)"
        if a.count > 0 {
          check.add("\(label) min", "min", [a], result: NDArray(scalar: try a.min()))
          check.add("\(label) max", "max", [a], result: NDArray(scalar: try a.max()))
          check.add("\(label) argmin", "argmin", [a], result: NDArray<Int64>(scalar: Int64(try a.argmin())))
          check.add("\(label) argmax", "argmax", [a], result: NDArray<Int64>(scalar: Int64(try a.argmax())))
        } else {
          #expect(throws: StatisticsError.emptyInput(operation: "min")) { try a.min() }
          #expect(throws: StatisticsError.emptyInput(operation: "max")) { try a.max() }
          #expect(throws: StatisticsError.emptyInput(operation: "argmax")) { try a.argmax() }
        }
        for axes in Self.axisSets where axes.allSatisfy({ $0 < shape.count && $0 >= -shape.count }) {
          let reduced = axes.reduce(1) { $0 * shape[($1 + shape.count) % shape.count] }
          guard reduced > 0 else { continue }
          let keywords: [String: Any] = ["axis": axes, "keepdims": true]
          check.add("\(label) min \(axes)", "min", [a], result: try a.min(axes: axes, keepingDimensions: true), keywords: keywords)
          check.add("\(label) max \(axes)", "max", [a], result: try a.max(axes: axes, keepingDimensions: true), keywords: keywords)
          if axes.count == 1 {
            check.add("\(label) argmin \(axes)", "argmin", [a], result: try a.argmin(axis: axes[0]).converted(to: Int64.self), keywords: ["axis": axes[0]])
            check.add("\(label) argmax \(axes)", "argmax", [a], result: try a.argmax(axis: axes[0]).converted(to: Int64.self), keywords: ["axis": axes[0]])
          }
        }
      }
    }
    try check.verify()
  }

  @Test func sumsAndProducts() throws {
    try checkReductions(Int8.self, tolerance: 0, ordered: true, floating: false)
    try checkReductions(Int32.self, tolerance: 0, ordered: true, floating: false)
    try checkReductions(UInt64.self, tolerance: 0, ordered: true, floating: false)
    try checkReductions(Float16.self, tolerance: 2e-2, ordered: true, floating: true)
    try checkReductions(Float.self, tolerance: 1e-5, ordered: true, floating: true)
    try checkReductions(Double.self, tolerance: 1e-13, ordered: true, floating: true)
    try checkReductions(Complex<Double>.self, tolerance: 1e-13, ordered: false, floating: true)
    try checkReductions(Complex<Float>.self, tolerance: 1e-5, ordered: false, floating: true)
  }

  @Test func minimaMaximaAndArgumentsPropagateNaN() throws {
    try checkOrdered(Int8.self, specials: false)
    try checkOrdered(UInt16.self, specials: false)
    try checkOrdered(Int64.self, specials: false)
    try checkOrdered(Float16.self, specials: true)
    try checkOrdered(Float.self, specials: true)
    try checkOrdered(Double.self, specials: true)
    let a = NDArray<Double>([1, .nan, 3, .nan])
    #expect(try a.max().isNaN && a.min().isNaN && a.argmax() == 1 && a.argmin() == 1)
  }

  @Test func statisticsMatchNumPy() throws {
    var check = OracleCheck<Double>(tolerance: 1e-13)
    for shape in [[3, 4], [2, 3, 4], [7]] as [[Int]] {
      for layout in OperandLayout.allCases {
        let a = layout.make(sampleValues(Double.self, count: shape.reduce(1, *), seed: 9, specials: false), shape: Dimensions(shape))
        let label = "\(shape) \(layout)"
        check.add("\(label) mean", "mean", [a], result: NDArray(scalar: a.mean()))
        check.add("\(label) var", "var", [a], result: NDArray(scalar: a.variance()))
        check.add("\(label) std ddof 1", "std", [a], result: NDArray(scalar: a.standardDeviation(degreesOfFreedom: 1)), keywords: ["ddof": 1])
        check.add("\(label) mean 0", "mean", [a], result: a.mean(axis: 0), keywords: ["axis": 0])
        check.add("\(label) var -1", "var", [a], result: a.variance(axis: -1, keepingDimensions: true), keywords: ["axis": -1, "keepdims": true])
        check.add("\(label) std 0", "std", [a], result: a.standardDeviation(axes: [0]), keywords: ["axis": [0]])
      }
    }
    try check.verify()
    #expect(NDArray<Double>.zeros([0]).mean().isNaN)
    #expect(NDArray<Complex<Double>>([Complex(1, 2), Complex(3, 4)]).mean() == Complex(2, 3))
  }

  @Test func pairwiseSummationIsAccurate() {
    // 10⁶ copies of 0.1: a naive running sum drifts by about 1e-6 relative.
    let n = 1_000_000
    let a = NDArray<Double>(repeating: 0.1, shape: [n])
    #expect(Swift.abs(a.sum() - 100_000) < 1e-8)
    let f = NDArray<Float>(repeating: 0.1, shape: [n])
    #expect(Swift.abs(f.sum() - 100_000) < 2)
  }

  @Test func axisSumsOfLargeMatricesInBothOrders() {
    let values = (0..<(300 * 200)).map { Double($0 % 17) }
    let c = NDArray(values, shape: [300, 200])
    let f = c.copy(order: .fortran)
    for m in [c, f, c.transposed().copy().transposed()] {
      let rows = m.sum(axis: 1)
      let columns = m.sum(axis: 0)
      #expect(rows.shape == [300] && columns.shape == [200])
      for i in [0, 17, 299] { #expect(rows[item: i] == (0..<200).reduce(0.0) { $0 + m[item: i, $1] }) }
      for j in [0, 33, 199] { #expect(columns[item: j] == (0..<300).reduce(0.0) { $0 + m[item: $1, j] }) }
    }
  }

  @Test func truthReductions() {
    let a: NDArray<Bool> = [[true, false], [true, true]]
    #expect(!a.allTrue() && a.anyTrue())
    #expect(a.allTrue(axes: [0]) == [true, false])
    #expect(a.anyTrue(axes: [1], keepingDimensions: true) == [[true], [true]])
    #expect(NDArray<Bool>.zeros([0]).allTrue() && !NDArray<Bool>.zeros([0]).anyTrue())
  }

  @Test func emptyReductions() async throws {
    #expect(NDArray<Double>.zeros([0, 3]).sum() == 0)
    #expect(NDArray<Int32>.zeros([0]).product() == 1)
    #expect(NDArray<Double>.zeros([0, 3]).sum(axis: 0) == [0, 0, 0])
    #expect(try NDArray<Double>.zeros([3, 0]).max(axis: 0).shape == [0])
    #expect(try NDArray<Double>.zeros([0, 0]).argmax(axis: 0, keepingDimensions: true).shape == [1, 0])
    #expect(throws: StatisticsError.emptyInput(operation: "max")) { try NDArray<Double>.zeros([0, 3]).max(axis: 0) }
    #expect(throws: StatisticsError.emptyInput(operation: "argmin")) { try NDArray<Double>.zeros([0, 3]).argmin(axis: 0) }
    await #expect(processExitsWith: .failure) { _ = NDArray<Double>.zeros([2, 3]).sum(axis: 2) }
    await #expect(processExitsWith: .failure) { _ = NDArray<Double>.zeros([2, 3]).sum(axes: [0, 0]) }
  }
}

@Suite("Work split across threads")
struct ParallelWorkTests {
  @Test func largeReductionsGiveExactResults() throws {
    let n = 3_000_000
    let x = NDArray<Double>.arange(to: Double(n))
    #expect(x.sum() == Double(n) * Double(n - 1) / 2)
    #expect(try x.max() == Double(n - 1) && x.min() == 0)
    #expect(try x.flipped().max() == Double(n - 1))
    x[item: n - 2] = .nan
    #expect(try x.max().isNaN && x.min().isNaN)
    let i = NDArray<Int64>.arange(to: Int64(n))
    #expect(i.sum() == Int64(n) * Int64(n - 1) / 2)
    let m = try! NDArray<Int64>.arange(to: Int64(2000 * 1500)).reshaped(to: [2000, 1500])
    let columns = m.sum(axis: 0)
    let rows = m.transposed().sum(axis: 0)
    for j in [0, 777, 1499] {
      let expected: Int64 = (0..<2000).reduce(0) { (sum: Int64, i: Int) in sum + Int64(i * 1500 + j) }
      #expect(columns[item: j] == expected)
    }
    for r in [0, 1999] {
      let expected: Int64 = (0..<1500).reduce(0) { (sum: Int64, j: Int) in sum + Int64(r * 1500 + j) }
      #expect(rows[item: r] == expected)
    }
    #expect(try m.max(axes: [0, 1])[] == Int64(2000 * 1500 - 1))
    let flags = NDArray<Bool>(repeating: true, shape: [n])
    flags[item: n - 1] = false
    #expect(!flags.allTrue() && flags.anyTrue())
  }

  @Test func largeElementwiseWorkCoversEveryElement() throws {
    let n = 2_500_001
    let x = NDArray<Double>.arange(to: Double(n))
    let y = x + x.flipped()
    #expect(try y.min() == Double(n - 1) && y.max() == Double(n - 1))
    var z = x.copy()
    z += 1
    #expect(z[item: 0] == 1 && z[item: n - 1] == Double(n) && z.sum() == Double(n) * Double(n + 1) / 2)
    let e = exp(NDArray<Double>(repeating: 0, shape: [n]))
    #expect(try e.min() == 1 && e.max() == 1)
    let t = try! x.reshaped(to: [1, n]).broadcast(to: [2, n]).transposed()
    #expect((t .== t).allTrue())
  }
}
