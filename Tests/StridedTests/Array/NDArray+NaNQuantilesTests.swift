import Foundation
import Testing

import Strided

@Suite("NaN-ignoring quantiles against NumPy")
struct NaNQuantilesTests {
  @Test("nanQuantile and nanPercentile match NumPy for every method, axis and layout")
  func matchNumPy() throws {
    var check = SetOracleCheck()
    var r = SetOperands(seed: 3)
    let pool: [Double] = [0, -0.0, 1, -1, 2.5, 7, .nan, .nan, .infinity, -.infinity, 1e300]
    for round in 0..<12 {
      let layout = OperandLayout.allCases[round % OperandLayout.allCases.count]
      let a = layout.make(r.draws(pool, count: 24), shape: [4, 6])
      let methods: [(QuantileMethod, String)] = [
        (.linear, "linear"), (.lower, "lower"), (.higher, "higher"), (.midpoint, "midpoint"), (.nearest, "nearest"),
        (.hazen, "hazen"), (.invertedCDF, "inverted_cdf"), (.medianUnbiased, "median_unbiased"),
      ]
      for (method, numpyMethod) in methods {
        for q in [0.0, 0.3, 0.5, 1.0] {
          check.add("\(round) \(method) q\(q)", "nanquantile", [a], result: try a.nanQuantile(q, method: method),
                    keywords: ["q": q, "method": numpyMethod])
          check.add("\(round) \(method) q\(q) axis 1", "nanquantile", [a],
                    result: try a.nanQuantile(q, axes: [1], method: method, keepingDimensions: true),
                    keywords: ["q": q, "method": numpyMethod, "axis": [1], "keepdims": true])
        }
      }
      check.add("\(round) percentiles", "nanpercentile", [a], result: try a.nanPercentiles([10, 90], axes: [0]),
                keywords: ["q": [10, 90], "axis": [0]])
    }
    let floats = NDArray<Float>([.nan, 1, 2, .nan, 4])
    check.add("float32", "nanquantile", [floats], result: try floats.nanQuantile(0.4), keywords: ["q": 0.4])
    try check.verify()
  }

  @Test("all-NaN lanes give NaN; empty lanes and bad quantiles throw")
  func edges() throws {
    let a: NDArray<Double> = [[.nan, .nan], [1, 3]]
    let medians = try a.nanQuantile(0.5, axes: [1])
    #expect(medians[item: 0].isNaN && medians[item: 1] == 2)
    #expect(try a.nanPercentile(50)[] == 2)
    #expect(try NDArray<Double>([1, 2, 3]).nanQuantile(0.5) == NDArray<Double>([1, 2, 3]).quantile(0.5))
    #expect(throws: StatisticsError.emptyInput(operation: "nanQuantile")) { try NDArray<Double>.zeros([0]).nanQuantile(0.5) }
    #expect(throws: StatisticsError.quantileOutOfRange(1.5)) { try a.nanQuantile(1.5) }
    #expect(throws: StatisticsError.quantileOutOfRange(-0.01)) { try a.nanPercentile(-1) }
    #expect(throws: StatisticsError.self) { try a.nanQuantile(.nan) }
  }
}
