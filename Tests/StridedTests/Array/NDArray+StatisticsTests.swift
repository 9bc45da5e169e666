import ComplexModule
import Foundation
import Testing

import Strided

/// Weights for the differential tests: small positive values, a zero now
/// and then (never a whole lane of them), and fractions when `fractions`.
func sampleWeights(_ count: Int, fractions: Bool) -> [Double] {
  (0..<count).map { (i: Int) -> Double in
    if i % 7 == 3 { return 0 }
    let whole = Double(1 + (i * 5) % 4)
    return fractions ? whole + Double(i % 3) / 4 : whole
  }
}

@Suite("Statistics options against NumPy: dtype=, prepend and append, weights, returned, cov and corrcoef")
struct StatisticsOptionsTests {
  static let shapes: [[Int]] = [[7], [3, 4], [2, 3, 2], [], [0, 3], [3, 0]]

  @Test("cumsum and cumprod with dtype=: converted first, then accumulated (and wrapped) in that type")
  func cumulativeInAnotherType() throws {
    var check = SetOracleCheck()
    for shape in Self.shapes {
      let n = shape.reduce(1, *)
      for layout in OperandLayout.allCases {
        let bytes = layout.make(sampleValues(Int8.self, count: n, seed: 3), shape: Dimensions(shape))
        let halves = layout.make(sampleValues(UInt16.self, count: n, seed: 4), shape: Dimensions(shape))
        let reals = layout.make(sampleValues(Double.self, count: n, seed: 5, specials: false), shape: Dimensions(shape))
        let flags = layout.make(sampleValues(Bool.self, count: n, seed: 6), shape: Dimensions(shape))
        let axes: [Int?] = [nil] + Array(0..<shape.count) + (shape.isEmpty ? [] : [-1])
        for axis in axes {
          let label = "\(shape) \(layout) axis \(String(describing: axis))"
          func keywords(_ dtype: String) -> [String: Any] { ["axis": axis.map { $0 as Any } ?? NSNull(), "dtype": dtype] }
          check.add("int8 cumsum as int8 \(label)", "cumsum_dtype", [bytes],
                    result: bytes.cumulativeSum(axis: axis, as: Int8.self), keywords: keywords("int8"))
          check.add("int8 cumsum as int64 \(label)", "cumsum_dtype", [bytes],
                    result: bytes.cumulativeSum(axis: axis, as: Int64.self), keywords: keywords("int64"))
          check.add("int8 cumsum as float64 \(label)", "cumsum_dtype", [bytes],
                    result: bytes.cumulativeSum(axis: axis, as: Double.self), keywords: keywords("float64"))
          check.add("int8 cumprod as int16 \(label)", "cumprod_dtype", [bytes],
                    result: bytes.cumulativeProduct(axis: axis, as: Int16.self), keywords: keywords("int16"))
          check.add("uint16 cumsum as uint8 \(label)", "cumsum_dtype", [halves],
                    result: halves.cumulativeSum(axis: axis, as: UInt8.self), keywords: keywords("uint8"))
          check.add("float64 cumsum as int64 \(label)", "cumsum_dtype", [reals],
                    result: reals.cumulativeSum(axis: axis, as: Int64.self), keywords: keywords("int64"))
          check.add("float64 cumsum as float32 \(label)", "cumsum_dtype", [reals],
                    result: reals.cumulativeSum(axis: axis, as: Float.self), keywords: keywords("float32"))
          check.add("float64 cumprod as float32 \(label)", "cumprod_dtype", [reals],
                    result: reals.cumulativeProduct(axis: axis, as: Float.self), keywords: keywords("float32"))
          check.add("bool cumsum as int8 \(label)", "cumsum_dtype", [flags],
                    result: flags.cumulativeSum(axis: axis, as: Int8.self), keywords: keywords("int8"))
          check.add("bool cumsum as float64 \(label)", "cumsum_dtype", [flags],
                    result: flags.cumulativeSum(axis: axis, as: Double.self), keywords: keywords("float64"))
          // Without dtype=, NumPy 2.4 widens narrow integers and bools to
          // the 64-bit int of their sign, as Strided's ``NDElement/Sum``.
          let plain: [String: Any] = ["axis": axis.map { $0 as Any } ?? NSNull()]
          check.add("int8 cumsum \(label)", "cumsum", [bytes], result: bytes.cumulativeSum(axis: axis), keywords: plain)
          check.add("uint16 cumsum \(label)", "cumsum", [halves], result: halves.cumulativeSum(axis: axis), keywords: plain)
          check.add("bool cumsum \(label)", "cumsum", [flags], result: flags.cumulativeSum(axis: axis), keywords: plain)
          check.add("int8 cumprod \(label)", "cumprod", [bytes], result: bytes.cumulativeProduct(axis: axis), keywords: plain)
        }
      }
    }
    try check.verify()
  }

  @Test("cumsum in another type, by hand: wrapping, truncation, the real part")
  func cumulativeByHand() {
    let bytes = NDArray<Int8>([100, 100, 100])
    #expect(bytes.cumulativeSum(as: Int8.self).elements == [100, -56, 44])
    #expect(bytes.cumulativeSum(as: Double.self).elements == [100, 200, 300])
    #expect(bytes.cumulativeSum().elements == [100, 200, 300])
    #expect(NDArray<Double>([1.5, 2.5, -3.7]).cumulativeProduct(as: Int.self).elements == [1, 2, -6])
    let z = NDArray<Complex<Double>>([Complex(1, 2), Complex(3, -1)])
    #expect(z.cumulativeSum(as: Double.self).elements == [1, 4])
    #expect(NDArray<Double>(scalar: 3.5).cumulativeSum(as: Int8.self).elements == [3])
  }

  @Test("diff with prepend and append: 0-d values broadcast along the axis, arrays joined, every layout")
  func differencesWithEnds() throws {
    var check = SetOracleCheck()
    var r = RandomOperands(seed: 41)
    for round in 0..<90 {
      let shape = r.shape(maxRank: 3, maxSize: 4, allowEmpty: round % 5 == 0)
      guard !shape.isEmpty else { continue }
      let axis = r.axis(shape.count)
      let along = (axis + shape.count) % shape.count
      var slab = shape
      slab[along] = r.rng.integers(in: 0...2)
      let order = r.rng.integers(in: 1...3)
      let keywords: (Bool, Bool) -> [String: Any] = { hasPrepend, hasAppend in
        ["n": order, "axis": axis, "has_prepend": hasPrepend, "has_append": hasAppend]
      }
      // Doubles (NaN and infinities among them).
      let a = r.array(shape)
      let ends: [NDArray<Double>?] = [nil, NDArray(scalar: 1.5), r.array(slab)]
      let (prepend, append) = (ends[round % 3], ends[(round / 3) % 3])
      check.add("diff \(shape) axis \(axis) n \(order) \(round)", "diff_with", [a] + [prepend, append].compactMap { $0 },
                result: try a.differences(order: order, axis: axis, prepend: prepend, append: append),
                keywords: keywords(prepend != nil, append != nil))
      // Integers, which wrap as NumPy's.
      let layout = OperandLayout.allCases[round % OperandLayout.allCases.count]
      let i = layout.make(sampleValues(Int16.self, count: shape.reduce(1, *), seed: round), shape: Dimensions(shape))
      let iEnd = layout.make(sampleValues(Int16.self, count: slab.reduce(1, *), seed: round + 1), shape: Dimensions(slab))
      let iEnds: [NDArray<Int16>?] = [nil, NDArray(scalar: -7), iEnd]
      let (ip, ia) = (iEnds[(round / 3) % 3], iEnds[round % 3])
      check.add("diff int16 \(shape) \(layout) \(round)", "diff_with", [i] + [ip, ia].compactMap { $0 },
                result: try i.differences(order: order, axis: axis, prepend: ip, append: ia),
                keywords: keywords(ip != nil, ia != nil))
      // Booleans: whether neighbours differ.
      let b = layout.make(sampleValues(Bool.self, count: shape.reduce(1, *), seed: round), shape: Dimensions(shape))
      let bEnd = layout.make(sampleValues(Bool.self, count: slab.reduce(1, *), seed: 9), shape: Dimensions(slab))
      let bEnds: [NDArray<Bool>?] = [nil, NDArray(scalar: true), bEnd]
      let (bp, ba) = (bEnds[round % 3], bEnds[(round + 1) % 3])
      check.add("diff bool \(shape) \(layout) \(round)", "diff_with", [b] + [bp, ba].compactMap { $0 },
                result: try b.differences(order: order, axis: axis, prepend: bp, append: ba),
                keywords: keywords(bp != nil, ba != nil))
    }
    try check.verify()
  }

  @Test("diff with prepend and append by hand, and ends that do not fit throw ShapeError")
  func differencesByHand() throws {
    let a = NDArray<Double>([1, 2, 4, 7])
    #expect(try a.differences(prepend: 0).elements == [1, 1, 2, 3])
    #expect(try a.differences(order: 2, append: [7, 7]).elements == [1, 1, -3, 0])
    let m = NDArray<Double>([0, 1, 2, 3, 4, 5], shape: [2, 3])
    let both = try m.differences(prepend: 0, append: NDArray<Double>([9, 8], shape: [2, 1]))
    #expect(both == NDArray<Double>([0, 1, 1, 7, 3, 1, 1, 3], shape: [2, 4]))
    #expect(try m.differences(axis: 0, prepend: 1).elements == [-1, 0, 1, 3, 3, 3])
    // np.diff(m, prepend=[[1, 2]]): ValueError, the sizes off the axis differ.
    #expect(throws: ShapeError.self) { try m.differences(prepend: NDArray<Double>([1, 2], shape: [1, 2])) }
    // np.diff(m, prepend=[1, 2]): AxisError, a 1-D value joined along axis 1.
    #expect(throws: ShapeError.axisOutOfRange(axis: 1, rank: 1)) { try m.differences(prepend: NDArray<Double>([1, 2])) }
    #expect(throws: ShapeError.zeroDimensional(operation: "differences")) {
      try NDArray<Double>(scalar: 1).differences(prepend: 0)
    }
    // Order 0 is the array itself; NumPy returns it before it reads the ends.
    #expect(try m.differences(order: 0, prepend: NDArray<Double>([1, 2])) == m)
  }

  @Test("weighted quantiles and percentiles (inverted CDF): weights of the array's shape or along the axes")
  func weightedQuantiles() throws {
    var check = SetOracleCheck()
    var r = RandomOperands(seed: 43)
    let cases: [(shape: [Int], axes: [Int]?)] = [
      ([7], nil), ([7], [0]), ([1], nil), ([3, 5], nil), ([3, 5], [1]), ([3, 5], [0]), ([2, 3, 4], [0, 2]),
      ([2, 3, 4], [2, 0]), ([2, 3, 4], [-1]), ([2, 3, 4], nil), ([4, 3], [0, 1]),
    ]
    for round in 0..<(3 * cases.count) {
      let (shape, axes) = cases[round % cases.count]
      let alongAxes = axes != nil && round % 2 == 1
      let weightShape = alongAxes ? axes!.map { shape[($0 + shape.count) % shape.count] } : shape
      let weights = NDArray(sampleWeights(weightShape.reduce(1, *), fractions: round % 3 == 0), shape: Dimensions(weightShape))
      let keep = round % 4 == 0
      let qs = [0, 0.2, 0.5, 0.75, 1, r.rng.random()]
      var keywords: [String: Any] = [
        "q": qs, "weights": weights.elements, "wshape": weightShape, "axis": axes.map { $0 as Any } ?? NSNull(),
        "keepdims": keep,
      ]
      let label = "\(shape) axes \(String(describing: axes)) weights \(weightShape) keep \(keep)"
      // Doubles with NaN (its lanes give NaN), infinities and −0.
      let a = r.array(shape)
      check.add("quantiles \(label)", "quantile_weighted", [a],
                result: try a.quantiles(qs, axes: axes, method: .invertedCDF, weights: weights, keepingDimensions: keep),
                keywords: keywords)
      let f = a.converted(to: Float.self)
      check.add("float32 quantiles \(label)", "quantile_weighted", [f],
                result: try f.quantiles(qs, axes: axes, method: .invertedCDF, weights: weights, keepingDimensions: keep),
                keywords: keywords)
      let layout = OperandLayout.allCases[round % OperandLayout.allCases.count]
      let i = layout.make(sampleValues(Int16.self, count: shape.reduce(1, *), seed: round), shape: Dimensions(shape))
      keywords["as_f64"] = true
      check.add("int16 quantiles \(label) \(layout)", "quantile_weighted", [i],
                result: try i.quantiles(qs, axes: axes, method: .invertedCDF, weights: weights, keepingDimensions: keep),
                keywords: keywords)
      keywords["as_f64"] = false
      keywords["q"] = qs[5]
      check.add("quantile \(label)", "quantile_weighted", [a],
                result: try a.quantile(qs[5], axes: axes, method: .invertedCDF, weights: weights, keepingDimensions: keep),
                keywords: keywords)
      let ps = qs.map { $0 * 100 }
      keywords["q"] = ps
      check.add("percentiles \(label)", "percentile_weighted", [a],
                result: try a.percentiles(ps, axes: axes, method: .invertedCDF, weights: weights, keepingDimensions: keep),
                keywords: keywords)
      keywords["q"] = ps[1]
      check.add("percentile \(label)", "percentile_weighted", [a],
                result: try a.percentile(ps[1], axes: axes, method: .invertedCDF, weights: weights, keepingDimensions: keep),
                keywords: keywords)
    }
    try check.verify()
  }

  @Test("weighted quantiles by hand, and NumPy's ValueError cases as StatisticsError")
  func weightedQuantileErrors() throws {
    let a = NDArray<Double>([1, 2, 3, 4])
    #expect(try a.quantile(0.5, method: .invertedCDF, weights: [1, 1, 1, 5])[] == 4)
    #expect(try a.quantile(0, method: .invertedCDF, weights: [0, 0, 1, 1])[] == 3)
    #expect(try a.quantile(1, method: .invertedCDF, weights: [1, 1, 0, 0])[] == 2)
    #expect(try a.quantile(0.5, method: .invertedCDF, weights: [1, 1, 1, 1])[] == 2)
    #expect(try NDArray<Double>([1, .nan, 3]).quantile(0.5, method: .invertedCDF, weights: [1, 1, 1])[].isNaN)
    #expect(try NDArray<Int>([3, 1, 2]).percentile(50, method: .invertedCDF, weights: [1, 1, 1])[] == 2)
    // "Only method 'inverted_cdf' supports weights."
    #expect(throws: StatisticsError.weightedMethod(.linear)) { try a.quantile(0.5, method: .linear, weights: [1, 1, 1, 1]) }
    #expect(throws: StatisticsError.weightedMethod(.nearest)) { try a.percentiles([50], method: .nearest, weights: [1, 1, 1, 1]) }
    // "Weights must be non-negative."
    #expect(throws: StatisticsError.negativeWeight(-1)) { try a.quantile(0.5, method: .invertedCDF, weights: [1, -1, 1, 1]) }
    // "Axis must be specified when shapes of a and weights differ."
    #expect(throws: StatisticsError.weightsMismatch(weights: [2], data: [4])) {
      try a.quantile(0.5, method: .invertedCDF, weights: [1, 1])
    }
    // "Shape of weights must be consistent with shape of a along specified axis."
    let m = NDArray<Double>([1, 2, 3, 4, 5, 6], shape: [2, 3])
    #expect(throws: StatisticsError.weightsMismatch(weights: [2], data: [2, 3])) {
      try m.quantile(0.5, axes: [1], method: .invertedCDF, weights: [1, 1])
    }
    #expect(try m.quantile(0.5, axes: [1], method: .invertedCDF, weights: [1, 0, 1]).elements == [1, 4])
    // "Weights included NaN, inf or were all zero."
    #expect(throws: StatisticsError.zeroWeights) { try a.quantile(0.5, method: .invertedCDF, weights: [0, 0, 0, 0]) }
    #expect(throws: StatisticsError.nonFiniteWeights) {
      try a.quantile(0.5, method: .invertedCDF, weights: [1, .infinity, 0, 1])
    }
    #expect(throws: StatisticsError.nonFiniteWeights) { try a.quantile(0.5, method: .invertedCDF, weights: [1, .nan, 0, 1]) }
    #expect(throws: StatisticsError.quantileOutOfRange(1.5)) { try a.quantile(1.5, method: .invertedCDF, weights: [1, 1, 1, 1]) }
    // NumPy fails with IndexError on an empty lane.
    #expect(throws: StatisticsError.emptyInput(operation: "quantile")) {
      try NDArray<Double>.zeros([0]).quantile(0.5, method: .invertedCDF, weights: NDArray<Double>.zeros([0]))
    }
  }

  @Test("average with returned=: the mean and the sum of weights, with and without weights, keepdims")
  func averageWithSumOfWeights() throws {
    var check = SetOracleCheck()
    var r = RandomOperands(seed: 47)
    let cases: [(shape: [Int], axes: [Int]?)] = [
      ([6], nil), ([6], [0]), ([3, 4], nil), ([3, 4], [1]), ([3, 4], [0]), ([2, 3, 4], [0, 2]), ([2, 3, 4], [2, 1]),
      ([2, 3, 4], [-2]), ([], nil), ([3, 0], [1]),
    ]
    for round in 0..<(2 * cases.count) {
      let (shape, axes) = cases[round % cases.count]
      let keep = round >= cases.count
      let alongAxes = axes != nil && round % 2 == 0
      let weightShape = alongAxes ? axes!.map { shape[($0 + shape.count) % shape.count] } : shape
      let weights = NDArray(sampleWeights(weightShape.reduce(1, *), fractions: true), shape: Dimensions(weightShape))
      let a = r.array(shape, specials: round % 3 == 0)
      let label = "\(shape) axes \(String(describing: axes)) weights \(weightShape) keep \(keep)"
      let axis: Any = axes.map { $0 as Any } ?? NSNull()
      let lanesHaveWeight = weights.count > 0 && !shape.contains(0)
      // Without weights: the mean and the element count, of the mean's dtype.
      let plain = try a.averageAndSumOfWeights(axes: axes, keepingDimensions: keep)
      check.add("average \(label)", "average_returned_part", [a], result: plain.average,
                keywords: ["part": 0, "axis": axis, "keepdims": keep], tolerance: 1e-13)
      check.add("count \(label)", "average_returned_part", [a], result: plain.sumOfWeights,
                keywords: ["part": 1, "axis": axis, "keepdims": keep])
      let f = a.converted(to: Float.self)
      let f32 = try f.averageAndSumOfWeights(axes: axes, keepingDimensions: keep)
      check.add("float32 count \(label)", "average_returned_part", [f], result: f32.sumOfWeights,
                keywords: ["part": 1, "axis": axis, "keepdims": keep])
      guard lanesHaveWeight else { continue }
      // With weights of the data's type.
      let weighted = try a.averageAndSumOfWeights(weights: weights, axes: axes, keepingDimensions: keep)
      let keywords: [String: Any] = ["axis": axis, "keepdims": keep, "wshape": weightShape]
      check.add("weighted average \(label)", "average_returned_part", [a, weights], result: weighted.average,
                keywords: keywords.merging(["part": 0]) { $1 }, tolerance: 1e-13)
      check.add("sum of weights \(label)", "average_returned_part", [a, weights], result: weighted.sumOfWeights,
                keywords: keywords.merging(["part": 1]) { $1 }, tolerance: 1e-13)
      #expect(arrayEqual(try a.average(weights: weights, axes: axes, keepingDimensions: keep), weighted.average, equalNaN: true))
      let fw = weights.converted(to: Float.self)
      let f32w = try f.averageAndSumOfWeights(weights: fw, axes: axes, keepingDimensions: keep)
      check.add("float32 weighted average \(label)", "average_returned_part", [f, fw], result: f32w.average,
                keywords: keywords.merging(["part": 0]) { $1 }, tolerance: 1e-5)
      // Integers with Double weights: float64, as NumPy's.
      let i = r.ints(shape)
      let iw = try i.averageAndSumOfWeights(weights: weights, axes: axes, keepingDimensions: keep)
      check.add("int64 weighted average \(label)", "average_returned_part", [i], result: iw.average,
                keywords: keywords.merging(["part": 0, "weights": weights.elements]) { $1 }, tolerance: 1e-13)
      check.add("int64 sum of weights \(label)", "average_returned_part", [i], result: iw.sumOfWeights,
                keywords: keywords.merging(["part": 1, "weights": weights.elements]) { $1 }, tolerance: 1e-13)
      let iPlain = try i.averageAndSumOfWeights(axes: axes, keepingDimensions: keep)
      check.add("int64 average \(label)", "average_returned_part", [i], result: iPlain.average,
                keywords: ["part": 0, "axis": axis, "keepdims": keep], tolerance: 1e-13)
    }
    try check.verify()
  }

  @Test("average by hand: weights along several axes, returned sums, zero and mismatched weights")
  func averageByHand() throws {
    let a = NDArray<Double>([1, 2, 3, 4], shape: [2, 2])
    #expect(try a.average(weights: [1, 3], axes: [1]).elements == [1.75, 3.75])
    let (mean, counts) = try a.averageAndSumOfWeights(axes: [0])
    #expect(mean.elements == [2, 3] && counts.elements == [2, 2])
    #expect(try a.averageAndSumOfWeights(weights: [1, 3], axes: [1]).sumOfWeights.elements == [4, 4])
    let all = try a.averageAndSumOfWeights()
    #expect(all.average.shape == [] && all.average[] == 2.5 && all.sumOfWeights[] == 4)
    // Weights for axes (1, 0) have the shape (3, 2): the data's lengths in
    // that order, laid along the axes transposed.
    let b = NDArray<Double>([1, 2, 3, 4, 5, 6], shape: [2, 3])
    let w = NDArray<Double>([1, 2, 3, 4, 5, 6], shape: [3, 2])
    // (1·1 + 2·3 + 3·5 + 4·2 + 5·4 + 6·6) / 21, as np.average(b, axis=(1, 0), weights=w).
    #expect(try b.average(weights: w, axes: [1, 0])[] == 86.0 / 21)
    #expect(throws: StatisticsError.zeroWeights) { try a.average(weights: [1, -1], axes: [1]) }
    #expect(throws: StatisticsError.weightsMismatch(weights: [2], data: [2, 2])) { try a.average(weights: [1, 1]) }
    #expect(throws: StatisticsError.weightsMismatch(weights: [3], data: [2, 2])) {
      try a.averageAndSumOfWeights(weights: [1, 1, 1], axes: [0])
    }
    #expect(try NDArray<Int8>([100, 100]).averageAndSumOfWeights().average[] == 100)
  }

  @Test("cov and corrcoef: a second set of variables, frequency and analytic weights, complex numbers")
  func covarianceOptions() throws {
    var check = SetOracleCheck()
    var r = RandomOperands(seed: 53)
    var round = 0
    for (variables, observations) in [(1, 5), (3, 6), (4, 2), (2, 1), (2, 3), (3, 0)] {
      for yForm in 0..<3 {
        for weightForm in 0..<4 {
          round += 1
          let rowVariables = round % 3 != 0
          let x = r.array([variables, observations], specials: false)
          let y: NDArray<Double>? = yForm == 0 ? nil : yForm == 1 ? r.array([observations], specials: false)
            : r.array([2, observations], specials: false)
          // As given to the function: with rowVariables false, observations run down.
          let xArgument = rowVariables ? x : x.transposed()
          let yArgument = rowVariables || y?.ndim == 1 ? y : y?.transposed()
          let frequency: NDArray<Int>? = weightForm % 2 == 1
            ? NDArray((0..<observations).map { ($0 * 3 + round) % 4 + ($0 == 0 ? 1 : 0) }) : nil
          let analytic: NDArray<Double>? = weightForm >= 2
            ? NDArray(sampleWeights(observations, fractions: true).map { $0 + 0.5 }) : nil
          let options: [(bias: Bool, ddof: Int?)] = [(false, nil), (true, nil), (false, 2), (true, 0)]
          let bias = options[round % 4].bias
          // A divisor of 0 scales by infinity, where the sign of a product
          // that cancels to about 0 decides: kept to enough observations.
          let ddof = observations > 2 ? options[round % 4].ddof : nil
          if observations == 0 && (frequency != nil || analytic != nil) { continue }  // ZeroDivisionError
          // NumPy turns a 2-D y with rowvar=False unless it has one row.
          if !rowVariables && yForm == 2 && observations == 1 { continue }
          var keywords: [String: Any] = [
            "rowvar": rowVariables, "bias": bias, "ddof": ddof.map { $0 as Any } ?? NSNull(),
          ]
          if let frequency { keywords["fweights"] = frequency.elements }
          if let analytic { keywords["aweights"] = analytic.elements }
          let label = "\(variables)×\(observations) y \(yForm) weights \(weightForm) rowvar \(rowVariables)"
          let arguments = [xArgument] + [yArgument].compactMap { $0 }
          check.add("cov \(label)", "cov_full", arguments,
                    result: try xArgument.covariance(
                      with: yArgument, rowVariables: rowVariables, bias: bias, degreesOfFreedom: ddof,
                      frequencyWeights: frequency, analyticWeights: analytic),
                    keywords: keywords, tolerance: 1e-12)
          // Complex variables: x·conj(x)ᵀ, a complex128 matrix.
          let z = NDArray(sampleValues(Complex<Double>.self, count: variables * observations, seed: round, specials: false),
                          shape: [variables, observations])
          let zArgument = rowVariables ? z : z.transposed()
          check.add("complex cov \(label)", "cov_full", [zArgument],
                    result: try zArgument.covariance(
                      rowVariables: rowVariables, bias: bias, degreesOfFreedom: ddof, frequencyWeights: frequency,
                      analyticWeights: analytic),
                    keywords: keywords, tolerance: 1e-12)
          // Integers: float64, as NumPy's.
          let i = r.ints(rowVariables ? [variables, observations] : [observations, variables])
          check.add("int64 cov \(label)", "cov_full", [i],
                    result: try i.covariance(
                      rowVariables: rowVariables, bias: bias, degreesOfFreedom: ddof, frequencyWeights: frequency,
                      analyticWeights: analytic),
                    keywords: keywords, tolerance: 1e-12)
          // Float: the same values in single precision (NumPy computes in
          // float64).
          if observations > 2 {
            let f = xArgument.converted(to: Float.self)
            check.add("float32 cov \(label)", "cov_full", [xArgument],
                      result: try f.covariance(
                        rowVariables: rowVariables, bias: bias, degreesOfFreedom: ddof, frequencyWeights: frequency,
                        analyticWeights: analytic
                      ).converted(to: Double.self),
                      keywords: keywords, tolerance: 1e-4)
          }
          guard weightForm == 0, observations > 1 else { continue }
          let correlationKeywords: [String: Any] = ["rowvar": rowVariables]
          check.add("corrcoef \(label)", "corrcoef_full", arguments,
                    result: try xArgument.correlationCoefficients(with: yArgument, rowVariables: rowVariables),
                    keywords: correlationKeywords, tolerance: 1e-12)
          check.add("complex corrcoef \(label)", "corrcoef_full", [zArgument],
                    result: try zArgument.correlationCoefficients(rowVariables: rowVariables),
                    keywords: correlationKeywords, tolerance: 1e-12)
          check.add("int64 corrcoef \(label)", "corrcoef_full", [i],
                    result: try i.correlationCoefficients(rowVariables: rowVariables),
                    keywords: correlationKeywords, tolerance: 1e-12)
        }
      }
    }
    // A complex second set of variables.
    let z = NDArray(sampleValues(Complex<Double>.self, count: 8, seed: 3, specials: false), shape: [2, 4])
    let zy = NDArray(sampleValues(Complex<Double>.self, count: 4, seed: 4, specials: false))
    check.add("complex cov with y", "cov_full", [z, zy], result: try z.covariance(with: zy), tolerance: 1e-12)
    check.add("complex corrcoef with y", "corrcoef_full", [z, zy], result: try z.correlationCoefficients(with: zy),
              tolerance: 1e-12)
    try check.verify()
  }

  @Test("cov and corrcoef by hand, and NumPy's errors as StatisticsError")
  func covarianceByHand() throws {
    let x = NDArray<Double>([1, 2, 4])
    #expect(try Swift.abs(x.covariance()[] - 7.0 / 3) < 1e-15)
    #expect(try x.covariance(with: [3, 1, 2]).shape == [2, 2])
    #expect(try Swift.abs(x.covariance(frequencyWeights: [1, 2, 0])[] - 1.0 / 3) < 1e-15)
    #expect(try Swift.abs(x.correlationCoefficients(with: x).elements[1] - 1) < 1e-15)
    // No variables: an empty matrix, whatever y holds.
    #expect(try NDArray<Double>.zeros([0, 3]).covariance(with: [1, 2]).shape == [0, 0])
    // No observations: NaN, as NumPy (which warns).
    #expect(try NDArray<Double>.zeros([2, 0]).covariance().elements.allSatisfy(\.isNaN))
    // Errors, NumPy's ValueError, RuntimeError and ZeroDivisionError.
    #expect(throws: StatisticsError.invalidRank(operation: "covariance", rank: 3)) {
      try NDArray<Double>.zeros([2, 2, 2]).covariance()
    }
    #expect(throws: StatisticsError.invalidRank(operation: "covariance", rank: 3)) {
      try x.covariance(with: NDArray<Double>.zeros([1, 1, 3]))
    }
    #expect(throws: StatisticsError.observationCountMismatch(x: 3, y: 2)) { try x.covariance(with: [1, 2]) }
    #expect(throws: StatisticsError.observationCountMismatch(x: 3, y: 2)) { try x.correlationCoefficients(with: [1, 2]) }
    #expect(throws: StatisticsError.negativeWeight(-1)) { try x.covariance(frequencyWeights: [1, -1, 1]) }
    #expect(throws: StatisticsError.negativeWeight(-0.5)) { try x.covariance(analyticWeights: [1, -0.5, 1]) }
    #expect(throws: StatisticsError.weightsMismatch(weights: [2], data: [3])) { try x.covariance(frequencyWeights: [1, 1]) }
    #expect(throws: StatisticsError.weightsMismatch(weights: [1, 3], data: [3])) {
      try x.covariance(analyticWeights: NDArray<Double>([1, 1, 1], shape: [1, 3]))
    }
    #expect(throws: StatisticsError.zeroWeights) { try x.covariance(frequencyWeights: [0, 0, 0]) }
    let z = NDArray<Complex<Double>>([Complex(1, 2), Complex(3, -1), Complex(0, 0.5)])
    // np.cov(z) is 4.583… + 0j: the variance of complex values is real.
    let variance = try z.covariance()[]
    #expect(Swift.abs(variance.real - 4.583_333_333_333_333) < 1e-12 && Swift.abs(variance.imaginary) < 1e-15)
  }
}
