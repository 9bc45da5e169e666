import ComplexModule
import Foundation
import Testing

import Strided

@Suite("axis: wherever axes: is taken")
struct AxisSpellingsTests {
  /// Values with NaN and infinities among them, in every layout.
  static func operands() -> [(String, NDArray<Double>)] {
    OperandLayout.allCases.map { layout in
      ("\(layout)", layout.make(sampleValues(Double.self, count: 24, seed: 3), shape: [2, 3, 4]))
    }
  }

  @Test("each axis: form gives its axes: form's result, in every layout")
  func axisEqualsAxes() throws {
    func same<T: NDElement>(_ x: NDArray<T>, _ y: NDArray<T>, _ label: String) {
      #expect(x.shape == y.shape && arrayEqual(x, y, equalNaN: true), "\(label)")
    }
    for (layout, a) in Self.operands() {
      for axis in [0, 1, 2, -1] {
        for keep in [false, true] {
          let label = "\(layout) axis \(axis) keep \(keep)"
          same(a.nanSum(axis: axis, keepingDimensions: keep), a.nanSum(axes: [axis], keepingDimensions: keep), label)
          same(a.nanProduct(axis: axis, keepingDimensions: keep), a.nanProduct(axes: [axis], keepingDimensions: keep), label)
          same(a.nanMean(axis: axis, keepingDimensions: keep), a.nanMean(axes: [axis], keepingDimensions: keep), label)
          same(
            a.nanVariance(axis: axis, degreesOfFreedom: 1, keepingDimensions: keep),
            a.nanVariance(axes: [axis], degreesOfFreedom: 1, keepingDimensions: keep), label)
          same(
            a.nanStandardDeviation(axis: axis, keepingDimensions: keep),
            a.nanStandardDeviation(axes: [axis], keepingDimensions: keep), label)
          same(try a.nanMin(axis: axis, keepingDimensions: keep), try a.nanMin(axes: [axis], keepingDimensions: keep), label)
          same(try a.nanMax(axis: axis, keepingDimensions: keep), try a.nanMax(axes: [axis], keepingDimensions: keep), label)
          same(try a.median(axis: axis, keepingDimensions: keep), try a.median(axes: [axis], keepingDimensions: keep), label)
          same(
            try a.nanMedian(axis: axis, keepingDimensions: keep), try a.nanMedian(axes: [axis], keepingDimensions: keep),
            label)
          same(
            try a.quantile(0.3, axis: axis, method: .nearest, keepingDimensions: keep),
            try a.quantile(0.3, axes: [axis], method: .nearest, keepingDimensions: keep), label)
          same(try a.quantiles([0.1, 0.9], axis: axis), try a.quantiles([0.1, 0.9], axes: [axis]), label)
          same(try a.percentile(40, axis: axis), try a.percentile(40, axes: [axis]), label)
          same(try a.percentiles([5, 95], axis: axis), try a.percentiles([5, 95], axes: [axis]), label)
          same(try a.nanQuantile(0.5, axis: axis), try a.nanQuantile(0.5, axes: [axis]), label)
          same(try a.nanQuantiles([0.25, 0.75], axis: axis), try a.nanQuantiles([0.25, 0.75], axes: [axis]), label)
          same(try a.nanPercentile(50, axis: axis), try a.nanPercentile(50, axes: [axis]), label)
          same(try a.nanPercentiles([10, 20], axis: axis), try a.nanPercentiles([10, 20], axes: [axis]), label)
          let weights = NDArray<Double>((0..<a.shape[axis < 0 ? axis + 3 : axis]).map { Double($0 + 1) })
          same(
            try a.average(weights: weights, axis: axis, keepingDimensions: keep),
            try a.average(weights: weights, axes: [axis], keepingDimensions: keep), label)
          same(try a.norm(axis: axis, keepingDimensions: keep), try a.norm(axes: [axis], keepingDimensions: keep), label)
          same(try a.norm(.order(1), axis: axis), try a.norm(.order(1), axes: [axis]), label)
          let flags = a .> 0
          same(flags.allTrue(axis: axis, keepingDimensions: keep), flags.allTrue(axes: [axis], keepingDimensions: keep), label)
          same(flags.anyTrue(axis: axis, keepingDimensions: keep), flags.anyTrue(axes: [axis], keepingDimensions: keep), label)
          same(flags.mean(axis: axis, keepingDimensions: keep), flags.mean(axes: [axis], keepingDimensions: keep), label)
          same(a.countNonzero(axis: axis, keepingDimensions: keep), a.countNonzero(axes: [axis], keepingDimensions: keep), label)
          same(a.allTrue(axis: axis, keepingDimensions: keep), a.allTrue(axes: [axis], keepingDimensions: keep), label)
          same(a.anyTrue(axis: axis, keepingDimensions: keep), a.anyTrue(axes: [axis], keepingDimensions: keep), label)
        }
      }
    }
    // The weighted forms, on finite values (1-D weights along the axis).
    let finite = OperandLayout.transposed.make(sampleValues(Double.self, count: 24, seed: 6, specials: false), shape: [2, 3, 4])
    for axis in [0, 1, 2, -1] {
      let w = NDArray<Double>((0..<finite.shape[axis < 0 ? axis + 3 : axis]).map { Double($0 + 1) })
      let label = "weighted axis \(axis)"
      same(
        try finite.quantile(0.5, axis: axis, method: .invertedCDF, weights: w),
        try finite.quantile(0.5, axes: [axis], method: .invertedCDF, weights: w), label)
      same(
        try finite.quantiles([0.2, 0.7], axis: axis, method: .invertedCDF, weights: w, keepingDimensions: true),
        try finite.quantiles([0.2, 0.7], axes: [axis], method: .invertedCDF, weights: w, keepingDimensions: true), label)
      same(
        try finite.percentile(30, axis: axis, method: .invertedCDF, weights: w),
        try finite.percentile(30, axes: [axis], method: .invertedCDF, weights: w), label)
      same(
        try finite.percentiles([30, 60], axis: axis, method: .invertedCDF, weights: w),
        try finite.percentiles([30, 60], axes: [axis], method: .invertedCDF, weights: w), label)
      let pair = try finite.averageAndSumOfWeights(weights: w, axis: axis)
      let pairAxes = try finite.averageAndSumOfWeights(weights: w, axes: [axis])
      same(pair.average, pairAxes.average, label)
      same(pair.sumOfWeights, pairAxes.sumOfWeights, label)
      same(
        try finite.averageAndSumOfWeights(axis: axis, keepingDimensions: true).sumOfWeights,
        try finite.averageAndSumOfWeights(axes: [axis], keepingDimensions: true).sumOfWeights, label)
    }
    let ints = NDArray<Int>([[3, 4], [6, 8]])
    #expect(try ints.norm(axis: 1) == [5, 10])
    #expect(try ints.norm(.order(1), axis: 0, keepingDimensions: true) == [[9, 12]])
    let z = OperandLayout.negative.make(sampleValues(Complex<Double>.self, count: 12, seed: 5), shape: [3, 4])
    for axis in [0, 1, -1] {
      same(z.mean(axis: axis), z.mean(axes: [axis]), "complex mean \(axis)")
      same(
        z.variance(axis: axis, degreesOfFreedom: 1, keepingDimensions: true),
        z.variance(axes: [axis], degreesOfFreedom: 1, keepingDimensions: true), "complex variance \(axis)")
    }
  }

  @Test("the axis: forms against NumPy's axis=")
  func matchNumPy() throws {
    var check = OracleCheck<Double>(tolerance: 1e-12)
    for (layout, a) in Self.operands() {
      for axis in [0, 2, -2] {
        let label = "\(layout) axis \(axis)"
        check.add("\(label) nansum", "nansum", [a], result: a.nanSum(axis: axis), keywords: ["axis": [axis]])
        check.add("\(label) nanmean", "nanmean", [a], result: a.nanMean(axis: axis), keywords: ["axis": [axis]])
        check.add("\(label) nanmax", "nanmax", [a], result: try a.nanMax(axis: axis), keywords: ["axis": [axis]])
        check.add(
          "\(label) nanvar", "nanvar", [a], result: a.nanVariance(axis: axis, keepingDimensions: true),
          keywords: ["axis": [axis], "keepdims": true])
        check.add("\(label) median", "median", [a], result: try a.median(axis: axis), keywords: ["axis": [axis]])
        check.add("\(label) quantile", "quantile", [a], result: try a.quantile(0.25, axis: axis), keywords: ["q": 0.25, "axis": [axis]])
        check.add("\(label) nanprod", "nanprod", [a], result: a.nanProduct(axis: axis), keywords: ["axis": axis])
        check.add("\(label) all", "all", [a], result: a.allTrue(axis: axis), keywords: ["axis": [axis]])
        check.add("\(label) any", "any", [a], result: a.anyTrue(axis: axis, keepingDimensions: true), keywords: ["axis": [axis], "keepdims": true])
      }
    }
    try check.verify()
  }

  @Test("an axis out of range traps, as the axes: form does")
  func axisOutOfRange() async {
    await #expect(processExitsWith: .failure) { _ = NDArray<Double>.zeros([2, 3]).nanSum(axis: 2) }
    await #expect(processExitsWith: .failure) { _ = NDArray<Int>.zeros([2, 3]).countNonzero(axis: -3) }
  }
}
