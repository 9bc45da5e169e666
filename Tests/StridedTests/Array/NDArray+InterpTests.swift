import Foundation
import Testing

import Strided

/// NumPy's `arr_interp`, written out once more with a linear search: the
/// reference the search-based kernel must equal bit for bit (for sample
/// points that do not decrease).
func referenceInterp(_ v: Double, _ xp: [Double], _ fp: [Double], left: Double? = nil, right: Double? = nil) -> Double {
  let m = xp.count
  let low = left ?? fp[0]
  let high = right ?? fp[m - 1]
  if m == 1 { return v < xp[0] ? low : (v > xp[0] ? high : fp[0]) }
  if v.isNaN { return v }
  if v > xp[m - 1] { return high }
  if v < xp[0] { return low }
  var j = 0
  while j + 1 < m && xp[j + 1] <= v { j += 1 }
  if j == m - 1 || xp[j] == v { return fp[j] }
  let slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
  var r = slope * (v - xp[j]) + fp[j]
  if r.isNaN {
    r = slope * (v - xp[j + 1]) + fp[j + 1]
    if r.isNaN && fp[j] == fp[j + 1] { r = fp[j] }
  }
  return r
}

/// The same bits, or both NaN.
func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
}

@Suite("interp")
struct InterpTests {
  @Test("NumPy's documented examples")
  func documentedExamples() throws {
    let xp: NDArray<Double> = [1, 2, 3]
    let fp: NDArray<Double> = [3, 2, 0]
    #expect(try interp([2.5], xp, fp).elements == [1])
    let at = try interp([0, 1, 1.5, 2.72, 3.14], xp, fp)
    let between: Double = -2 * (2.72 - 2) + 2
    let expected: [Double] = [3, 3, 2.5, between, 0]
    #expect(at.elements == expected)
    #expect(try interp([3.14], xp, fp, right: -99).elements == [-99])
    #expect(try interp([0], xp, fp, left: -99).elements == [-99])
    // The periodic example.
    let x: NDArray<Double> = [-180, -170, -185, 185, -10, -5, 0, 365]
    let periodic = try interp(x, [190, -190, 350, -350], [5, 10, 3, 4], period: 360)
    #expect(periodic.elements == [7.5, 5, 8.75, 6.25, 3, 3.25, 3.5, 3.75])
    // A negative period is its magnitude; left and right are ignored.
    #expect(try interp(x, [190, -190, 350, -350], [5, 10, 3, 4], left: 1e9, right: 1e9, period: -360).elements
            == periodic.elements)
  }

  @Test("NaN, infinities, repeated points and a single point, as NumPy")
  func specialValues() throws {
    let xp: NDArray<Double> = [0, 1, 2]
    let fp: NDArray<Double> = [0, 10, 20]
    let edges = try interp(NDArray<Double>([.nan, -.infinity, .infinity, 2, 0, -0.0]), xp, fp)
    #expect(sameBits(edges.elements, [.nan, 0, 20, 20, 0, 0]))
    // NaN keeps its sign and payload.
    let quiet = -Double(nan: 5, signaling: false)
    #expect(try interp(NDArray<Double>([quiet]), xp, fp)[item: 0].bitPattern == quiet.bitPattern)
    // One point: NaN takes its value, as in NumPy.
    #expect(try interp(NDArray<Double>([.nan, 0, 1, 2]), [1], [5], left: -1, right: 9).elements == [5, -1, 5, 9])
    // Repeated points: the later value at the point, its segment after it.
    #expect(try interp([0.5, 1, 1.5], [0, 1, 1, 2], [0, 1, 5, 6]).elements == [0.5, 5, 5.5])
    // Infinite values: NumPy's second try from the other end.
    #expect(try interp([0.5], [0, 1], NDArray<Double>([.infinity, 1])).elements == [.infinity])
    #expect(try interp([0.5], [0, 1], NDArray<Double>([.infinity, .infinity])).elements == [.infinity])
    #expect(try interp([0.5], [0, 1], NDArray<Double>([-.infinity, .infinity]))[item: 0].isNaN)
    #expect(try interp([0.5], NDArray<Double>([0, .infinity]), [0, 1]).elements == [0])
    // NaN fill values.
    let filled = try interp([-1, 5], [0, 1], [1, 2], left: .nan, right: -7)
    #expect(filled[item: 0].isNaN && filled[item: 1] == -7)
  }

  @Test("errors, in NumPy's order of checks")
  func errors() {
    let x: NDArray<Double> = [1]
    #expect(throws: InterpolationError.noSamplePoints) { try interp(x, [], []) }
    #expect(throws: InterpolationError.noSamplePoints) { try interp(x, [], [1]) }
    #expect(throws: InterpolationError.lengthMismatch(points: 2, values: 1)) { try interp(x, [1, 2], [1]) }
    #expect(throws: InterpolationError.notOneDimensional(argument: "xp", rank: 2)) { try interp(x, [[1, 2]], [1, 2]) }
    #expect(throws: InterpolationError.notOneDimensional(argument: "fp", rank: 0)) {
      try interp(x, [1], NDArray(scalar: 1))
    }
    #expect(throws: InterpolationError.zeroPeriod) { try interp(x, [], [], period: 0) }
    #expect(throws: InterpolationError.zeroPeriod) { try interp(x, [1, 2], [1, 2], period: -0.0) }
    // With a period, the lengths are compared before emptiness.
    #expect(throws: InterpolationError.lengthMismatch(points: 0, values: 1)) { try interp(x, [], [1], period: 1) }
    #expect(throws: InterpolationError.noSamplePoints) { try interp(x, [], [], period: 1) }
    #expect(throws: InterpolationError.notOneDimensional(argument: "xp", rank: 2)) {
      try interp(x, [[1]], [1], period: 2)
    }
    #expect(InterpolationError.zeroPeriod.description == "interp: the period must not be zero")
  }

  @Test("shapes and layouts: 0-d, empty, every layout of x; the result is a new C-ordered array of x's shape")
  func shapesAndLayouts() throws {
    let xp: NDArray<Double> = [-1, 0, 0.5, 2, 3]
    let fp: NDArray<Double> = [4, -2, 1, 7, 0]
    let scalar = try interp(NDArray(scalar: 0.25), xp, fp)
    #expect(scalar.shape == [] && scalar[] == referenceInterp(0.25, xp.elements, fp.elements))
    #expect(try interp(NDArray<Double>([]), xp, fp).shape == [0])
    #expect(try interp(NDArray<Double>.zeros([2, 0, 3]), xp, fp).shape == [2, 0, 3])
    let values = (0..<24).map { Double($0) / 5 - 1.5 }
    for layout in OperandLayout.allCases {
      let x = layout.make(values, shape: [4, 6])
      let result = try interp(x, xp, fp)
      #expect(result.shape == [4, 6] && result.isCContiguous, "\(layout)")
      #expect(sameBits(result.elements, x.elements.map { referenceInterp($0, xp.elements, fp.elements) }), "\(layout)")
    }
    // Sample points and values through views: reversed and stepped.
    let backwards = NDArray<Double>([3, 2, 0.5, 0, -1]).flipped()
    let stepped = NDArray<Double>([4, 9, -2, 9, 1, 9, 7, 9, 0, 9])[.slice(by: 2)]
    #expect(try interp(NDArray(values), backwards, stepped).elements == (try interp(NDArray(values), xp, fp)).elements)
    // A broadcast x (stride 0).
    let spread = try NDArray<Double>(scalar: 1).broadcast(to: [3, 2])
    #expect(try interp(spread, xp, fp).elements == [Double](repeating: referenceInterp(1, xp.elements, fp.elements), count: 6))
  }

  @Test("sorted and random keys, every count of keys 0…70, 1 to 1000 knots: the reference, bit for bit")
  func searchPaths() throws {
    var rng = Generator(seed: 41)
    for knotCount in [1, 2, 3, 4, 5, 8, 17, 1000] {
      var points = (0..<knotCount).map { _ in rng.standardNormal() }.sorted()
      if knotCount > 4 { points[2] = points[1] }  // a repeated point
      let values = (0..<knotCount).map { _ in rng.standardNormal() }
      let xp = NDArray(points)
      let fp = NDArray(values)
      for n in 0...70 {
        var keys = (0..<n).map { _ in 1.5 * rng.standardNormal() }
        if n > 3 { keys[3] = points[0] }
        if n > 5 { keys[5] = points[knotCount - 1] }
        if n > 7 { keys[7] = .nan }
        let expected = keys.map { referenceInterp($0, points, values) }
        #expect(sameBits(try interp(NDArray(keys), xp, fp).elements, expected), "\(knotCount) knots, \(n) keys")
        let sortedKeys = keys.filter { !$0.isNaN }.sorted()
        #expect(sameBits(try interp(NDArray(sortedKeys), xp, fp).elements, sortedKeys.map { referenceInterp($0, points, values) }),
                "\(knotCount) knots, \(n) sorted keys")
      }
    }
    // Dense sorted keys (many per segment) and sparse ones (many segments
    // per key), and descending keys.
    let points = (0..<300).map { Double($0) * 0.5 + (Double($0 % 7) * 0.01) }
    let values = (0..<300).map { sin(Double($0)) }
    let dense = (0..<20_000).map { Double($0) * 0.0075 - 1 }
    let sparse = (0..<100).map { Double($0) * 1.6 - 2 }
    for keys in [dense, sparse, Array(dense.reversed()), Array(sparse.reversed())] {
      #expect(sameBits(try interp(NDArray(keys), NDArray(points), NDArray(values)).elements,
                       keys.map { referenceInterp($0, points, values) }))
    }
  }

  @Test("results do not depend on the thread count")
  func threadCounts() throws {
    var rng = Generator(seed: 42)
    let xp = rng.standardNormal([10_000]).sorted()
    let fp = rng.standardNormal([10_000])
    let x = rng.standardNormal([300_001])
    let sortedX = x.sorted()
    let saved = Parallelism.threadCount
    defer { Parallelism.threadCount = saved }
    var results: [[UInt8]] = []
    for count in [1, 2, 3, 8] {
      Parallelism.threadCount = count
      results.append(try interp(x, xp, fp).view.bytes() + interp(sortedX, xp, fp).view.bytes())
    }
    #expect(results.allSatisfy { $0 == results[0] })
    let (xs, points, values) = (x.elements, xp.elements, fp.elements)
    let sample = stride(from: 0, to: xs.count, by: 997).map { xs[$0] }
    #expect(sameBits(try interp(NDArray(sample), xp, fp).elements, sample.map { referenceInterp($0, points, values) }))
  }

  @Test("random cases against NumPy: layouts, fill values, periods, special values")
  func matchesNumPy() throws {
    var check = SetOracleCheck()
    var rng = Generator(seed: 43)
    let specials: [Double] = [.nan, .infinity, -.infinity, 0, -0.0]
    for round in 0..<120 {
      let knotCount = [1, 2, 3, 5, 9, 40, 200][round % 7]
      var points = (0..<knotCount).map { _ in (rng.standardNormal() * 4).rounded() / 2 }.sorted()
      if round % 5 == 0 && knotCount > 2 { points[1] = points[0] }
      var values = (0..<knotCount).map { _ in rng.standardNormal() }
      if round % 9 == 0 { values[rng.integers(in: 0...(knotCount - 1))] = specials[round % 3] }
      let n = rng.integers(in: 0...40)
      var keys = (0..<n).map { _ in (rng.standardNormal() * 8).rounded() / 4 }
      for k in 0..<n where k % 11 == 3 { keys[k] = specials[(k + round) % specials.count] }
      let layout = OperandLayout.allCases[round % OperandLayout.allCases.count]
      let x = n % 4 == 0 && n > 0 ? layout.make(keys, shape: [4, n / 4]) : layout.make(keys, shape: [n])
      let xp = NDArray(points)
      let fp = OperandLayout.negative.make(values, shape: [knotCount])
      let label = "round \(round): \(knotCount) knots, x \(x.shape) \(layout)"
      check.add(label, "interp", [x, xp, fp], result: try interp(x, xp, fp))
      let (left, right) = (rng.standardNormal(), round % 4 == 0 ? Double.nan : -3.5)
      check.add("\(label) left/right", "interp", [x, xp, fp], result: try interp(x, xp, fp, left: left, right: right),
                keywords: ["left": encodeReal(left), "right": encodeReal(right)])
      if round % 3 == 0 {
        // Distinct points within a period, as NumPy's unstable sort may
        // order equal ones otherwise.
        let period = [2.0, 360, -7.5][round % 9 / 3]
        let distinct = Array(Set(points)).sorted()
        let shuffled = try rng.permutation(distinct.count).elements.map { distinct[$0] }
        let periodic = NDArray(shuffled)
        let heights = NDArray((0..<distinct.count).map { _ in rng.standardNormal() })
        let wrapped = shuffled.map { ($0.truncatingRemainder(dividingBy: period.magnitude) + period.magnitude)
          .truncatingRemainder(dividingBy: period.magnitude) }
        guard Set(wrapped).count == wrapped.count else { continue }
        check.add("\(label) period \(period)", "interp", [x, periodic, heights],
                  result: try interp(x, periodic, heights, period: period), keywords: ["period": period])
      }
    }
    // The benchmark's shape, smaller: random keys into sorted knots.
    let xp = rng.standardNormal([1000]).sorted()
    let fp = rng.standardNormal([1000])
    let x = rng.standardNormal([5000])
    check.add("1000 knots, 5000 keys", "interp", [x, xp, fp], result: try interp(x, xp, fp))
    try check.verify()
  }
}
