import Foundation
import Testing

import Strided

@Suite("Statistics of integer arrays against NumPy: Double results, as NumPy's float64")
struct IntegerStatisticsTests {
  static let shapes: [[Int]] = [[9], [3, 4], [2, 3, 2], [], [1, 5]]

  /// Every statistic of one integer type, in every layout, against NumPy.
  func check<T: OracleScalar & BinaryInteger>(_: T.Type, into check: inout SetOracleCheck) throws
  where T.Sum: OracleScalar & Numeric {
    for (s, shape) in Self.shapes.enumerated() {
      let n = shape.reduce(1, *)
      for layout in OperandLayout.allCases {
        let a = layout.make(sampleValues(T.self, count: n, seed: s + 1), shape: Dimensions(shape))
        let label = "\(T.self) \(shape) \(layout)"
        var axisSets: [[Int]?] = [nil]
        if shape.count >= 1 { axisSets.append([shape.count - 1]) }
        if shape.count >= 2 { axisSets.append([0, shape.count - 1]) }
        for axes in axisSets {
          let axis: Any = axes.map { $0 as Any } ?? NSNull()
          let keep = axes != nil && shape.count % 2 == 0
          let keywords: [String: Any] = ["axis": axis, "keepdims": keep]
          check.add("median \(label) \(String(describing: axes))", "median", [a],
                    result: try a.median(axes: axes, keepingDimensions: keep), keywords: keywords)
          check.add("nansum \(label) \(String(describing: axes))", "nansum", [a],
                    result: axes == nil ? NDArray(scalar: a.nanSum()) : a.nanSum(axes: axes!, keepingDimensions: keep),
                    keywords: axes == nil ? ["axis": NSNull()] : keywords)
          // NumPy gives float64 for the interpolating methods (checked here
          // with the dtype) and keeps the integer type for those that pick
          // an element (compared as float64).
          check.add("quantile \(label) \(String(describing: axes))", "quantile", [a],
                    result: try a.quantile(0.3, axes: axes, keepingDimensions: keep),
                    keywords: keywords.merging(["q": 0.3]) { $1 }, tolerance: 1e-14)
          for method in QuantileMethod.allCases {
            let qs = [0, 0.25, 0.5, 0.9, 1]
            check.add("quantiles \(method) \(label)", "quantile_as_f64", [a],
                      result: try a.quantiles(qs, axes: axes, method: method, keepingDimensions: keep),
                      keywords: keywords.merging(["q": qs, "method": method.numpyName]) { $1 }, tolerance: 1e-14)
          }
          check.add("percentile \(label)", "percentile_as_f64", [a],
                    result: try a.percentile(37.5, axes: axes, method: .hazen, keepingDimensions: keep),
                    keywords: keywords.merging(["q": 37.5, "method": "hazen"]) { $1 }, tolerance: 1e-14)
          check.add("percentiles \(label)", "percentile_as_f64", [a],
                    result: try a.percentiles([10, 50, 100], axes: axes, method: .nearest, keepingDimensions: keep),
                    keywords: keywords.merging(["q": [10, 50, 100], "method": "nearest"]) { $1 }, tolerance: 0)
        }
        // One axis for the weighted average, covariances and correlations.
        guard shape.count >= 1 else { continue }
        let axis = shape.count - 1
        let weights = NDArray(sampleWeights(shape[axis], fractions: true))
        check.add("average \(label)", "average", [a],
                  result: try a.average(weights: weights, axes: [axis]),
                  keywords: ["axis": axis, "weights": weights.elements, "wshape": [shape[axis]]], tolerance: 1e-14)
        guard shape.count <= 2 else { continue }
        check.add("cov \(label)", "cov", [a], result: try a.covariance(), tolerance: 1e-12)
        check.add("cov rowvar \(label)", "cov", [a], result: try a.covariance(rowVariables: false, bias: true),
                  keywords: ["rowvar": false, "bias": true], tolerance: 1e-12)
        check.add("corrcoef \(label)", "corrcoef", [a], result: try a.correlationCoefficients(), tolerance: 1e-12)
      }
      // Histograms of the flattened elements: counts and float64 edges.
      let a = NDArray(sampleValues(T.self, count: n, seed: s + 7), shape: Dimensions(shape))
      for bins in [1, 4, 7] {
        let (counts, edges) = try a.histogram(.count(bins))
        check.add("histogram counts \(T.self) \(shape) \(bins)", "histogram_part", [a], result: counts,
                  keywords: ["part": 0, "bins": bins])
        check.add("histogram edges \(T.self) \(shape) \(bins)", "histogram_part", [a], result: edges,
                  keywords: ["part": 1, "bins": bins], tolerance: 1e-12)
        let ranged = try a.histogram(.count(bins, range: (-50, 120)))
        check.add("histogram range \(T.self) \(shape) \(bins)", "histogram_part", [a], result: ranged.counts,
                  keywords: ["part": 0, "bins": bins, "range": [-50, 120]])
        let weights = NDArray(sampleWeights(n, fractions: true), shape: Dimensions(shape))
        check.add("histogram density \(T.self) \(shape) \(bins)", "histogram_part", [a],
                  result: try a.histogram(.edges([-100, -10, 0, 30, 300]), weights: weights, density: true).values,
                  keywords: ["part": 0, "bins": [-100, -10, 0, 30, 300], "weights": weights.elements, "density": true],
                  tolerance: 1e-14)
      }
    }
  }

  @Test("median, quantiles, percentiles, histogram, average, cov, corrcoef and nansum of integers")
  func matchesNumPy() throws {
    var oracle = SetOracleCheck()
    // Int8 is left out of the interpolating quantiles: NumPy subtracts
    // neighbours in int8 there, and wraps (see `narrowIntegersDoNotWrap`).
    try check(Int16.self, into: &oracle)
    try check(UInt8.self, into: &oracle)
    try check(Int32.self, into: &oracle)
    try check(UInt32.self, into: &oracle)
    try check(Int64.self, into: &oracle)
    try check(Int.self, into: &oracle)
    try oracle.verify()
  }

  @Test("integer statistics by hand: Double results, nansum in the widened type, errors as for Double")
  func byHand() throws {
    let a = NDArray<Int32>([3, 1, 4, 1, 5, 9, 2, 6])
    #expect(try a.median() == 3.5)
    #expect(try a.quantile(0.5)[] == 3.5)
    #expect(try a.percentile(100)[] == 9)
    #expect(try a.quantiles([0, 1], method: .lower).elements == [1, 9])
    let (counts, edges) = try a.histogram(.count(4))
    #expect(counts.elements == [3, 2, 2, 1] && edges.elements == [1, 3, 5, 7, 9])
    #expect(try a.average(weights: NDArray(repeating: 1, shape: [8]))[] == 3.875)
    let bytes = NDArray<UInt8>([200, 200, 200])
    let total: UInt = bytes.nanSum()
    #expect(total == 600)
    #expect(NDArray<Int8>([100, 100], shape: [1, 2]).nanSum(axes: [1]).elements == [200])
    #expect(try NDArray<Int>([1, 2, 3]).covariance()[] == 1)
    #expect(try NDArray<Int>([1, 2, 3]).correlationCoefficients(with: [3, 2, 1]).elements == [1, -1, -1, 1])
    #expect(throws: StatisticsError.emptyInput(operation: "median")) { try NDArray<Int>.zeros([0]).median() }
    #expect(throws: StatisticsError.quantileOutOfRange(1.5)) { try a.quantile(1.5) }
    #expect(throws: StatisticsError.invalidBinCount(0)) { try a.histogram(.count(0)) }
    #expect(throws: StatisticsError.zeroWeights) { try a.average(weights: NDArray(repeating: 0, shape: [8])) }
  }

  @Test("narrow integers do not wrap: quantiles are interpolated in Double")
  func narrowIntegersDoNotWrap() throws {
    // NumPy 2.4 gives 128.0 here (100 − (−100) wraps in int8) and 0.0 for
    // the median, which averages in float64.
    let a = NDArray<Int8>([-100, 100])
    #expect(try a.quantile(0.5)[] == 0)
    #expect(try a.median() == 0)
    #expect(try a.quantile(0.75)[] == 50)
  }
}
