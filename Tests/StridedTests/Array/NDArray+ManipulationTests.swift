import ComplexModule
import Foundation
import Testing

@testable import Strided

/// Random operands for the differential tests: values with NaN, ±0 and
/// infinities among them, laid out in every way `OperandLayout` knows.
struct RandomOperands {
  var rng: Generator

  init(seed: Int) { rng = Generator(seed: seed) }

  mutating func shape(maxRank: Int = 3, maxSize: Int = 5, allowEmpty: Bool = true) -> [Int] {
    let rank = rng.integers(in: 0...maxRank)
    return (0..<rank).map { _ in rng.integers(in: (allowEmpty ? 0 : 1)...maxSize) }
  }

  mutating func layout() -> OperandLayout { OperandLayout.allCases[try! rng.integers(in: 0..<OperandLayout.allCases.count)] }

  mutating func doubles(_ count: Int, specials: Bool = true) -> [Double] {
    (0..<count).map { _ in
      let roll = try! rng.integers(in: 0..<20)
      if specials {
        switch roll {
        case 0: return .nan
        case 1: return -0.0
        case 2: return .infinity
        case 3: return 0
        default: break
        }
      }
      // Repeats are likely, so ties and equal keys are exercised.
      return roll < 8 ? Double(rng.integers(in: -3...3)) : (rng.random() - 0.5) * 20
    }
  }

  /// An array of the shape in a random layout; one in six is a broadcast
  /// view (stride 0 along its first axis), whose rows repeat.
  mutating func array(_ shape: [Int], specials: Bool = true) -> NDArray<Double> {
    if let first = shape.first, first > 1, try! rng.integers(in: 0..<6) == 0 {
      let row = Array(shape.dropFirst())
      let base = layout().make(doubles(row.reduce(1, *), specials: specials), shape: Dimensions([1] + row))
      return try! base.broadcast(to: Dimensions(shape))
    }
    return layout().make(doubles(shape.reduce(1, *), specials: specials), shape: Dimensions(shape))
  }

  mutating func ints(_ shape: [Int], in range: ClosedRange<Int64> = -5...5) -> NDArray<Int64> {
    let values = (0..<shape.reduce(1, *)).map { _ in rng.integers(in: range) }
    return layout().make(values, shape: Dimensions(shape))
  }

  mutating func axis(_ rank: Int) -> Int { try! rng.integers(in: -rank..<rank) }
}

@Suite("Joining, splitting, repeating and padding against NumPy")
struct JoiningTests {
  @Test func joinsMatchNumPy() throws {
    var r = RandomOperands(seed: 15)
    var check = OracleCheck<Double>()
    for _ in 0..<40 {
      var shape = r.shape(maxRank: 3)
      if shape.isEmpty { shape = [3] }
      let axis = r.axis(shape.count)
      let a = r.array(shape)
      var otherShape = shape
      otherShape[(axis + shape.count) % shape.count] = r.rng.integers(in: 0...3)
      let b = r.array(otherShape)
      check.add("concatenate \(shape) \(otherShape) axis \(axis)", "concatenate", [a, b],
                result: try NDArray.concatenate([a, b], axis: axis), keywords: ["axis": axis])
      check.add("concatenate flat", "concatenate", [a, b], result: try NDArray.concatenate([a, b], axis: nil),
                keywords: ["axis": NSNull()])
      let c = r.array(shape)
      let stackAxis = r.rng.integers(in: -(shape.count + 1)...shape.count)
      check.add("stack \(shape) axis \(stackAxis)", "stack", [a, c], result: try NDArray.stack([a, c], axis: stackAxis),
                keywords: ["axis": stackAxis])
      if shape.count <= 2 || shape[0] == c.shape[0] {
        check.add("vstack \(shape)", "vstack", [a, c], result: try NDArray.vstack([a, c]))
        check.add("hstack \(shape)", "hstack", [a, c], result: try NDArray.hstack([a, c]))
        check.add("dstack \(shape)", "dstack", [a, c], result: try NDArray.dstack([a, c]))
      }
      let splitAxis = r.axis(shape.count)
      let size = shape[(splitAxis + shape.count) % shape.count]
      let sections = r.rng.integers(in: 1...4)
      for (part, piece) in try a.arraySplit(into: sections, axis: splitAxis).enumerated() {
        check.add("array_split \(shape) \(sections)", "array_split_part", [a], result: piece,
                  keywords: ["part": part, "sections": sections, "axis": splitAxis])
      }
      if size > 0 && size % sections == 0 {
        for (part, piece) in try a.split(into: sections, axis: splitAxis).enumerated() {
          check.add("split \(shape)", "split_part", [a], result: piece,
                    keywords: ["part": part, "sections": sections, "axis": splitAxis])
        }
      }
      let cut = [r.rng.integers(in: 0...size + 1), size + 2].sorted()
      for (part, piece) in try a.split(at: cut, axis: splitAxis).enumerated() {
        check.add("split at \(cut)", "split_part", [a], result: piece, keywords: ["part": part, "indices": cut, "axis": splitAxis])
      }
      let reps = (0..<(r.rng.integers(in: 1...3))).map { _ in r.rng.integers(in: 0...2) }
      check.add("tile \(shape) \(reps)", "tile", [a], result: try a.tiled(reps), keywords: ["reps": reps])
      let count = r.rng.integers(in: 0...3)
      check.add("repeat \(count)", "repeat", [a], result: try a.repeated(count, axis: splitAxis),
                keywords: ["repeats": count, "axis": splitAxis])
      check.add("repeat flat", "repeat", [a], result: try a.repeated(count), keywords: ["repeats": count])
      let counts = (0..<size).map { _ in r.rng.integers(in: 0...3) }
      check.add("repeat counts \(counts)", "repeat", [a], result: try a.repeated(counts, axis: splitAxis),
                keywords: ["repeats": counts, "axis": splitAxis])
      let widths = shape.map { _ in (r.rng.integers(in: 0...3), r.rng.integers(in: 0...3)) }
      let nonEmpty = !shape.contains(0)
      var modes: [(String, PadMode<Double>)] = [("constant", .constant(7.5))]
      if nonEmpty { modes += [("edge", .edge), ("reflect", .reflect), ("symmetric", .symmetric), ("wrap", .wrap)] }
      for (name, mode) in modes {
        var keywords: [String: Any] = ["width": widths.map { [$0.0, $0.1] }, "mode": name]
        if name == "constant" { keywords["value"] = 7.5 }
        check.add("pad \(name) \(shape) \(widths)", "pad", [a], result: try a.padded(widths, mode: mode), keywords: keywords)
      }
      let shift = r.rng.integers(in: -7...7)
      check.add("roll \(shift)", "roll", [a], result: try a.rolled(by: shift, axis: splitAxis), keywords: ["shift": shift, "axis": splitAxis])
      check.add("roll flat \(shift)", "roll", [a], result: try a.rolled(by: shift), keywords: ["shift": shift])
    }
    let x = NDArray<Double>([1, 2, 3])
    let y = NDArray<Double>([4, 5])
    let z = NDArray<Double>([6, 7, 8, 9])
    for indexing in [MeshIndexing.xy, .ij] {
      for (part, grid) in NDArray.meshgrid([x, y, z], indexing: indexing).enumerated() {
        check.add("meshgrid \(indexing)", "meshgrid_part", [x, y, z], result: grid,
                  keywords: ["part": part, "indexing": indexing == .xy ? "xy" : "ij"])
      }
    }
    for (n, m, k) in [(3, nil, 0), (3, 5, 1), (4, 2, -1), (0, 3, 0), (3, 3, 5)] as [(Int, Int?, Int)] {
      check.add("eye \(n) \(String(describing: m)) \(k)", "eye", [x], result: NDArray<Double>.eye(n, m, diagonal: k),
                keywords: ["n": n, "m": m.map { $0 as Any } ?? NSNull(), "k": k])
    }
    #expect(check.cases.count >= 400)
    try check.verify()
  }

  @Test("bad shapes, widths, counts and indices throw ShapeError naming the operand and axis")
  func errors() {
    let a = NDArray<Double>.zeros([2, 3])
    #expect(throws: ShapeError.sizeMismatch(operand: 1, axis: 1, size: 4, expected: 3)) {
      try NDArray.concatenate([a, .zeros([2, 4])], axis: 0)
    }
    #expect(throws: ShapeError.rankMismatch(operand: 1, rank: 1, expected: 2)) { try NDArray.concatenate([a, .zeros([3])]) }
    #expect(throws: ShapeError.noArrays(operation: "concatenate")) { try NDArray<Double>.concatenate([]) }
    #expect(throws: ShapeError.zeroDimensional(operation: "concatenate")) {
      try NDArray.concatenate([NDArray<Double>(scalar: 1)])
    }
    #expect(throws: ShapeError.axisOutOfRange(axis: 2, rank: 2)) { try NDArray.concatenate([a], axis: 2) }
    #expect(throws: ShapeError.unequalSplit(size: 3, sections: 2, axis: 1)) { try a.split(into: 2, axis: 1) }
    #expect(throws: ShapeError.splitIndicesOutOfOrder([2, 1])) { try a.split(at: [2, 1], axis: 1) }
    #expect(throws: ShapeError.negativeWidth(axis: 1, before: 0, after: -1)) {
      try a.padded([(0, 0), (0, -1)], mode: .edge)
    }
    #expect(throws: ShapeError.emptyAxis(axis: 0, operation: "padded")) {
      try NDArray<Double>.zeros([0, 3]).padded(1, mode: .reflect)
    }
    #expect(throws: ShapeError.repeatCountMismatch(counts: 2, size: 3, axis: 1)) { try a.repeated([1, 2], axis: 1) }
    #expect(throws: ShapeError.negativeCount(-1)) { try a.tiled([-1]) }
  }

  @Test("repeated with counts in an array, and one count broadcast, as NumPy's repeat")
  func repeatedWithArrayCounts() throws {
    var check = OracleCheck<Double>()
    let cases: [(axis: Int?, counts: [Int])] = [
      (0, [2, 0, 1]), (1, [1, 2, 0, 3]), (-1, [3]), (0, [2]), (nil, [2]), (nil, Array(repeating: 1, count: 12)),
    ]
    for layout in OperandLayout.allCases {
      let a = layout.make((0..<12).map { Double($0) }, shape: [3, 4])
      for (axis, counts) in cases {
        var keywords: [String: Any] = ["repeats": counts]
        if let axis { keywords["axis"] = axis }
        let label = "\(layout) axis \(String(describing: axis)) counts \(counts)"
        check.add("repeat array \(label)", "repeat", [a], result: try a.repeated(NDArray(counts), axis: axis), keywords: keywords)
        check.add("repeat list \(label)", "repeat", [a], result: try a.repeated(counts, axis: axis), keywords: keywords)
      }
      check.add("repeat 0-d \(layout)", "repeat", [a], result: try a.repeated(NDArray(scalar: 2), axis: 1),
                keywords: ["repeats": 2, "axis": 1])
    }
    try check.verify()
    let a = try NDArray<Double>.arange(to: 6).reshaped(to: [2, 3])
    #expect(try a.repeated(NDArray<Int>([2]), axis: 1) == [[0, 0, 1, 1, 2, 2], [3, 3, 4, 4, 5, 5]])
    #expect(try NDArray<Double>.zeros([0]).repeated([2]).shape == [0])
    #expect(throws: ShapeError.notBroadcastable([[1, 2], [2]])) { try a.repeated(NDArray<Int>([[1, 2]]), axis: 0) }
    #expect(throws: ShapeError.notBroadcastable([[1, 1], [6]])) { try a.repeated(NDArray<Int>([[1]])) }
    #expect(throws: ShapeError.negativeCount(-1)) { try a.repeated(NDArray<Int>([1, -1]), axis: 0) }
    #expect(throws: ShapeError.repeatCountMismatch(counts: 2, size: 3, axis: 1)) {
      try a.repeated(NDArray<Int>([1, 2]), axis: 1)
    }
    #expect(throws: ShapeError.axisOutOfRange(axis: 2, rank: 2)) { try a.repeated(NDArray<Int>([[1]]), axis: 2) }
  }

  @Test("splits are views of the array")
  func splitsAreViews() throws {
    let a = try NDArray<Double>.arange(to: 12).reshaped(to: [3, 4])
    let parts = try a.split(into: 2, axis: 1)
    parts[1][item: 0, 0] = 100
    #expect(a[item: 0, 2] == 100)
  }
}

@Suite("Sorting and searching against NumPy")
struct SortingTests {
  @Test func sortsMatchNumPy() throws {
    var r = RandomOperands(seed: 16)
    var values = OracleCheck<Double>()
    var indices = OracleCheck<Double>()
    var integers = OracleCheck<Int64>()
    for round in 0..<40 {
      // Small arrays of every rank, then longer 1-D ones (radix passes).
      let shape = round < 30 ? r.shape(maxRank: 3, maxSize: 6) : [r.rng.integers(in: 60...3000)]
      let a = r.array(shape)
      for axis in (shape.isEmpty ? [] : [-1, 0]) {
        values.add("sort \(shape) \(axis)", "sort", [a], result: a.sorted(axis: axis), keywords: ["axis": axis])
        indices.add("argsort \(shape) \(axis)", "argsort", [a], result: a.argsort(axis: axis), keywords: ["axis": axis])
        let i = r.ints(shape)
        integers.add("sort int \(shape) \(axis)", "sort", [i], result: i.sorted(axis: axis), keywords: ["axis": axis])
        integers.add("argsort int \(shape) \(axis)", "argsort", [i], result: i.argsort(axis: axis), keywords: ["axis": axis])
      }
      values.add("sort flat \(shape)", "sort", [a], result: a.sorted(axis: nil), keywords: ["axis": NSNull()])
      indices.add("argsort flat \(shape)", "argsort", [a], result: a.argsort(axis: nil), keywords: ["axis": NSNull()])
      values.add("unique \(shape)", "unique", [a], result: a.unique())
      let details = a.uniqueValues()
      values.add("unique values", "unique_part", [a], result: details.values, keywords: ["part": 0])
      indices.add("unique first", "unique_part", [a], result: details.firstIndices, keywords: ["part": 1])
      indices.add("unique inverse", "unique_part", [a], result: details.inverse, keywords: ["part": 2])
      indices.add("unique counts", "unique_part", [a], result: details.counts, keywords: ["part": 3])
      // Searching a sorted array, with and without a sorter.
      let haystack = r.array([r.rng.integers(in: 0...40)])
      let sortedHaystack = haystack.sorted()
      let needles = r.array(r.shape(maxRank: 2))
      for side in [SearchSide.left, .right] {
        let name = side == .left ? "left" : "right"
        indices.add("searchsorted \(name)", "searchsorted", [sortedHaystack, needles],
                    result: try sortedHaystack.searchSorted(needles, side: side), keywords: ["side": name])
        let order = haystack.argsort()
        indices.add("searchsorted sorter \(name)", "searchsorted", [haystack, needles],
                    result: try haystack.searchSorted(needles, side: side, sorter: order),
                    keywords: ["side": name, "sorter": order.elements])
      }
      let keyCount = r.rng.integers(in: 0...30)
      let k1 = r.array([keyCount])
      let k2 = r.array([keyCount])
      indices.add("lexsort \(keyCount)", "lexsort", [k1, k2], result: try NDArray.lexsort([k1, k2]))
      // Partition: the property, against the sort.
      if let last = shape.last, last > 0 {
        let k = try r.rng.integers(in: 0..<last)
        let parted = try a.partitioned(at: [k])
        let sortedA = a.sorted()
        #expect(arrayEqual(parted[.ellipsis, k], sortedA[.ellipsis, k], equalNaN: true), "partition \(shape) at \(k)")
        let argParted = try a.argpartition(at: [k])
        #expect(try arrayEqual(a.takeAlongAxis(argParted, axis: -1)[.ellipsis, k], sortedA[.ellipsis, k], equalNaN: true))
        for j in 0..<last {
          let below = Sorting.Key(parted[.ellipsis, j]), pivot = Sorting.Key(parted[.ellipsis, k])
          #expect(zip(below, pivot).allSatisfy { j < k ? $0 <= $1 : j > k ? $0 >= $1 : true })
        }
      }
    }
    let bools = NDArray<Bool>([true, false, true, false, false])
    #expect(bools.sorted().elements == [false, false, false, true, true])
    #expect(bools.argsort().elements == [1, 3, 4, 0, 2])
    let complexes = NDArray<Complex<Double>>([Complex(1, 2), Complex(.nan, 0), Complex(1, .nan), Complex(1, 1), Complex(0, 5)])
    let order = complexes.argsort().elements
    #expect(order == [4, 3, 0, 2, 1])
    #expect(values.cases.count + indices.cases.count + integers.cases.count >= 400)
    try values.verify()
    try indices.verify()
    try integers.verify()
  }

  @Test("sorting never traps on NaN, and bad partition positions or sorters throw")
  func badInput() throws {
    let a = NDArray<Double>([.nan, 1, .nan, -.infinity, 0, -0.0])
    #expect(a.sorted().elements.prefix(4) == [-.infinity, 0, -0.0, 1])
    #expect(a.sorted().elements.suffix(2).allSatisfy { $0.isNaN })
    #expect(throws: IndexError.outOfRange(index: 6, axis: 0, size: 6)) { try a.partitioned(at: [6]) }
    #expect(throws: IndexError.outOfRange(index: 9, axis: 0, size: 6)) {
      try a.searchSorted(NDArray([1.0]), sorter: NDArray([0, 1, 2, 3, 4, 9]))
    }
  }
}

extension Sorting {
  /// The NaN-last keys of an array's elements, for order checks.
  static func Key(_ a: NDArray<Double>) -> [UInt64] { a.elements.map(Double.sortKey) }
}

@Suite("Cumulative operations and statistics against NumPy")
struct StatisticsTests {
  @Test func statisticsMatchNumPy() throws {
    var r = RandomOperands(seed: 17)
    var exact = OracleCheck<Double>()
    var close = OracleCheck<Double>(tolerance: 1e-12)
    var integers = OracleCheck<Int64>()
    var counts = OracleCheck<Int64>()
    for round in 0..<40 {
      let shape = r.shape(maxRank: 3, maxSize: 5, allowEmpty: round % 4 == 0)
      let a = r.array(shape)
      let axisList: [Int] = shape.isEmpty ? [] : [r.axis(shape.count)]
      exact.add("cumsum flat \(shape)", "cumsum", [a], result: a.cumulativeSum(), keywords: ["axis": NSNull()])
      exact.add("cumprod flat", "cumprod", [a], result: a.cumulativeProduct(), keywords: ["axis": NSNull()])
      let i = r.ints(shape)
      integers.add("cumsum int", "cumsum", [i], result: i.cumulativeSum().converted(to: Int64.self), keywords: ["axis": NSNull()])
      for axis in axisList {
        exact.add("cumsum \(shape) \(axis)", "cumsum", [a], result: a.cumulativeSum(axis: axis), keywords: ["axis": axis])
        exact.add("cumprod \(shape) \(axis)", "cumprod", [a], result: a.cumulativeProduct(axis: axis), keywords: ["axis": axis])
        integers.add("cumprod int", "cumprod", [i], result: i.cumulativeProduct(axis: axis).converted(to: Int64.self), keywords: ["axis": axis])
        for n in [1, 2] {
          exact.add("diff \(n) \(axis)", "diff", [a], result: try a.differences(order: n, axis: axis), keywords: ["n": n, "axis": axis])
        }
      }
      if shape.count >= 2 {
        let offset = r.rng.integers(in: -2...2)
        exact.add("trace \(shape) \(offset)", "trace", [a], result: try a.trace(offset: offset), keywords: ["offset": offset])
      }
      let nonEmpty = !shape.contains(0)
      // Reductions over all axes, one axis, or two.
      var axisSets: [[Int]?] = [nil]
      if shape.count >= 1 { axisSets.append([r.axis(shape.count)]) }
      if shape.count >= 2 { axisSets.append([0, shape.count - 1]) }
      for axes in axisSets {
        let reducedEmpty = (axes ?? Array(0..<shape.count)).contains { shape[($0 + shape.count) % shape.count] == 0 }
        var keywords: [String: Any] = ["axis": axes.map { $0 as Any } ?? NSNull()]
        // Sums over several axes add in another order than NumPy's: close, not exact.
        close.add("nansum \(shape) \(String(describing: axes))", "nansum", [a],
                  result: axes == nil ? NDArray(scalar: a.nanSum()) : a.nanSum(axes: axes!), keywords: keywords)
        close.add("nanmean", "nanmean", [a], result: axes == nil ? NDArray(scalar: a.nanMean()) : a.nanMean(axes: axes!), keywords: keywords)
        close.add("nanvar", "nanvar", [a], result: a.nanVariance(axes: axes, degreesOfFreedom: 1),
                  keywords: keywords.merging(["ddof": 1]) { $1 })
        close.add("nanstd", "nanstd", [a], result: a.nanStandardDeviation(axes: axes), keywords: keywords)
        // NumPy itself fails on order statistics of empty arrays; Strided
        // throws when a lane is empty and the result is not.
        guard nonEmpty else {
          let reduced = Set((axes ?? Array(0..<shape.count)).map { ($0 + shape.count) % shape.count })
          let resultEmpty = shape.indices.contains { !reduced.contains($0) && shape[$0] == 0 }
          if reducedEmpty && !resultEmpty { #expect(throws: StatisticsError.self) { try a.median(axes: axes) } }
          continue
        }
        exact.add("median \(shape) \(String(describing: axes))", "median", [a], result: try a.median(axes: axes), keywords: keywords)
        keywords["keepdims"] = true
        exact.add("median keep", "median", [a], result: try a.median(axes: axes, keepingDimensions: true), keywords: keywords)
        exact.add("nanmedian", "nanmedian", [a], result: try a.nanMedian(axes: axes, keepingDimensions: true), keywords: keywords)
        exact.add("nanmin", "nanmin", [a], result: try a.nanMin(axes: axes, keepingDimensions: true), keywords: keywords)
        exact.add("nanmax", "nanmax", [a], result: try a.nanMax(axes: axes, keepingDimensions: true), keywords: keywords)
        keywords["keepdims"] = false
        let method = QuantileMethod.allCases[round % QuantileMethod.allCases.count]
        let q = try r.rng.uniform(low: 0, high: 1)
        keywords["q"] = q
        keywords["method"] = method.numpyName
        close.add("quantile \(method) \(q)", "quantile", [a], result: try a.quantile(q, axes: axes, method: method), keywords: keywords)
        keywords["q"] = [0, 0.25, 1]
        close.add("quantiles \(method)", "quantile", [a], result: try a.quantiles([0, 0.25, 1], axes: axes, method: method), keywords: keywords)
        keywords["q"] = 37.5
        close.add("percentile \(method)", "percentile", [a], result: try a.percentile(37.5, axes: axes, method: method), keywords: keywords)
      }
      // argmin/nanargmin with keepdims, on NaN-free data (NumPy's nanargmin
      // raises on all-NaN lanes).
      if let axis = axisList.first, nonEmpty {
        let clean = r.array(shape, specials: false)
        counts.add("argmin keep", "argmin_keep", [i], result: try i.argmin(axis: axis, keepingDimensions: true).converted(to: Int64.self),
                   keywords: ["axis": axis])
        exact.add("nanargmin", "nanargmin", [clean], result: try clean.nanArgmin(axis: axis, keepingDimensions: true).converted(to: Double.self),
                  keywords: ["axis": axis, "keepdims": true])
        let patched = a.replacingNaN(with: 1)
        exact.add("nanargmax", "nanargmax", [patched], result: try patched.nanArgmax(axis: axis).converted(to: Double.self),
                  keywords: ["axis": axis])
        let weights = r.array(shape, specials: false).mapElements { Swift.abs($0) + 0.5 }
        close.add("average", "average", [a], result: try a.average(weights: weights, axes: [axis]),
                  keywords: ["axis": axis, "weights": weights.elements, "wshape": Array(shape)])
      }
    }
    // Histograms and counts.
    for _ in 0..<12 {
      let n = r.rng.integers(in: 0...60)
      let data = r.array([n], specials: false)
      let bins = r.rng.integers(in: 1...7)
      let (histogram, edges) = try data.histogram(.count(bins, range: (-4, 6)))
      counts.add("histogram \(n) \(bins)", "histogram_part", [data.converted(to: Int64.self)], result: histogram.converted(to: Int64.self),
                 keywords: ["part": 0, "bins": bins, "range": [-4, 6], "data": data.elements])
      close.add("histogram edges", "histogram_part", [data], result: edges, keywords: ["part": 1, "bins": bins, "range": [-4, 6]])
      if n > 0 {
        let auto = try data.histogram(.count(bins))
        close.add("histogram auto", "histogram_part", [data], result: auto.counts.converted(to: Double.self), keywords: ["part": 0, "bins": bins])
        let cuts = [-5.0, -1, 0, 0.5, 7]
        let weights = r.array([n], specials: false)
        close.add("histogram edges density", "histogram_part", [data],
                  result: try data.histogram(.edges(cuts), weights: weights, density: true).values,
                  keywords: ["part": 0, "bins": cuts, "weights": weights.elements, "density": true])
      }
      let values = r.ints([n], in: 0...9)
      counts.add("bincount", "bincount", [values], result: try values.binCount(minimumLength: 4).converted(to: Int64.self),
                 keywords: ["minlength": 4])
    }
    // Covariance and correlation.
    for (variables, observations) in [(1, 5), (3, 6), (4, 2)] {
      let x = r.array([variables, observations], specials: false)
      close.add("cov", "cov", [x], result: try x.covariance(), keywords: [:])
      close.add("cov bias", "cov", [x.transposed()], result: try x.transposed().covariance(rowVariables: false, bias: true),
                keywords: ["rowvar": false, "bias": true])
      close.add("corrcoef", "corrcoef", [x], result: try x.correlationCoefficients(), keywords: [:])
    }
    let v = r.array([7], specials: false)
    close.add("cov 1-D", "cov", [v], result: try v.covariance(), keywords: [:])
    #expect(exact.cases.count + close.cases.count + integers.cases.count + counts.cases.count >= 400)
    try exact.verify()
    try close.verify()
    try integers.verify()
    try counts.verify()
  }

  @Test("long lanes (selection by sampling) agree with the sorted order")
  func longLanes() throws {
    var r = RandomOperands(seed: 19)
    for n in [601, 1000, 5001, 20_000] {
      let a = r.array([n], specials: false)
      let sorted = a.sorted().elements
      let middle = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
      #expect(try a.median() == middle)
      for q in [0.0, 0.1, 0.5, 0.99, 1] {
        let position = Double(n - 1) * q
        let low = Int(position.rounded(.down))
        let expected = low + 1 < n ? quantileLerp(sorted[low], sorted[low + 1], position - Double(low)) : sorted[low]
        #expect(try a.quantile(q)[] == expected, "n \(n) q \(q)")
      }
      for k in [0, n / 3, n - 1] {
        #expect(try a.partitioned(at: [k])[item: k] == sorted[k])
      }
    }
  }

  @Test("bad bins, counts, weights and quantiles throw StatisticsError")
  func errors() {
    let a = NDArray<Double>([1, 2, 3])
    #expect(throws: StatisticsError.binsNotIncreasing) { try a.histogram(.edges([0, 2, 1])) }
    #expect(throws: StatisticsError.invalidBinCount(0)) { try a.histogram(.count(0)) }
    #expect(throws: StatisticsError.invalidRange(lower: 2, upper: 1)) { try a.histogram(.count(3, range: (2, 1))) }
    #expect(throws: StatisticsError.self) { try NDArray<Double>([1, .nan]).histogram() }
    #expect(throws: StatisticsError.negativeValue(-1)) { try NDArray<Int>([1, -1]).binCount() }
    #expect(throws: StatisticsError.quantileOutOfRange(1.5)) { try a.quantile(1.5) }
    #expect(throws: StatisticsError.emptyInput(operation: "median")) { try NDArray<Double>.zeros([0]).median() }
    #expect(throws: StatisticsError.allNaN(operation: "nanArgmin")) { try NDArray<Double>([.nan, .nan]).nanArgmin() }
    #expect(throws: StatisticsError.zeroWeights) { try a.average(weights: NDArray([1, -1, 0])) }
  }
}

extension QuantileMethod {
  var numpyName: String {
    switch self {
    case .invertedCDF: "inverted_cdf"
    case .averagedInvertedCDF: "averaged_inverted_cdf"
    case .closestObservation: "closest_observation"
    case .interpolatedInvertedCDF: "interpolated_inverted_cdf"
    case .hazen: "hazen"
    case .weibull: "weibull"
    case .linear: "linear"
    case .medianUnbiased: "median_unbiased"
    case .normalUnbiased: "normal_unbiased"
    case .lower: "lower"
    case .higher: "higher"
    case .midpoint: "midpoint"
    case .nearest: "nearest"
    }
  }
}

@Suite("Linear-algebra additions against NumPy")
struct LinalgAdditionsTests {
  @Test func linalgMatchesNumPy() throws {
    var r = RandomOperands(seed: 18)
    var check = OracleCheck<Double>(tolerance: 1e-9)
    for round in 0..<16 {
      let n = r.rng.integers(in: 1...5)
      let m = r.rng.integers(in: 1...5)
      let a = r.array([n, m], specials: false)
      check.add("norm \(n)x\(m)", "norm", [a], result: try a.norm(), keywords: [:])
      for order in [NormOrder.frobenius, .nuclear, .order(1), .order(-1), .order(2), .order(-2), .order(.infinity), .order(-.infinity)] {
        check.add("norm \(order)", "norm", [a], result: try a.norm(order, axes: [0, 1], keepingDimensions: round % 2 == 0),
                  keywords: ["ord": order.numpy, "axis": [0, 1], "keepdims": round % 2 == 0])
      }
      for p in [1.0, 2, 3, 0, .infinity, -.infinity, 0.5] {
        check.add("vector norm \(p)", "norm", [a], result: try a.norm(.order(p), axes: [1]), keywords: ["ord": NormOrder.order(p).numpy, "axis": [1]])
      }
      check.add("pinv", "pinv", [a], result: try a.pseudoInverse(), keywords: [:])
      check.add("rank", "matrix_rank", [a], result: NDArray(scalar: Double(try a.matrixRank())), keywords: [:])
      let b = r.array([r.rng.integers(in: 1...3), r.rng.integers(in: 1...3)], specials: false)
      check.add("kron", "kron", [a, b], result: a.kron(b), keywords: [:])
      let square = r.array([n, n], specials: false) + NDArray<Double>.identity(n) * 4
      for power in [0, 1, 2, 5, -1, -3] {
        check.add("matrix_power \(power)", "matrix_power", [square], result: try square.matrixPower(power), keywords: ["n": power])
      }
      let stack = r.array([2, 3, n, n], specials: false) + NDArray<Double>.identity(n) * 4
      check.add("det stack", "det", [stack], result: try stack.determinants(), keywords: [:])
      check.add("inv stack", "inv", [stack], result: try stack.inverse(), keywords: [:])
      let rhs = r.array([2, 3, n, 2], specials: false)
      check.add("solve stack", "solve", [stack, rhs], result: try stack.solve(rhs), keywords: [:])
      let spd = stack.matmul(stack.swappingAxes(2, 3)) + NDArray<Double>.identity(n)
      check.add("cholesky stack", "cholesky", [spd], result: try spd.cholesky(), keywords: [:])
      check.add("eigvalsh stack", "eigvalsh", [spd], result: try spd.eigh().eigenvalues, keywords: [:])
      check.add("svdvals stack", "svdvals", [stack], result: try stack.svd().s, keywords: [:])
      // einsum: products, traces, transposes, broadcasting and sums.
      let c = r.array([m, 4], specials: false)
      let d = r.array([n], specials: false)
      let t = r.array([2, n, m], specials: false)
      let u = r.array([2, m, 3], specials: false)
      for (subscripts, operands) in [
        ("ij,jk->ik", [a, c]), ("ij,jk", [a, c]), ("ij->ji", [a]), ("ij->", [a]), ("ii->", [square]), ("ii->i", [square]),
        ("i,i->", [d, d]), ("i,j->ij", [d, d]), ("bij,bjk->bik", [t, u]), ("...ij,...jk->...ik", [t, u]), ("ij,i->j", [a, d]),
        ("bij->b", [t]), ("ij,ij->ij", [a, a]), ("ijk,ikl->jl", [t, u]), ("ij,jk,kl->il", [a, c, r.array([4, 2], specials: false)]),
      ] as [(String, [NDArray<Double>])] {
        check.add("einsum \(subscripts)", "einsum", operands, result: try NDArray.einsum(subscripts, operands),
                  keywords: ["subscripts": subscripts])
      }
    }
    try check.verify()
    var complexCheck = OracleCheck<Complex<Double>>(tolerance: 1e-12)
    let z = NDArray<Complex<Double>>((0..<12).map { Complex(Double($0 % 5) - 2, Double($0 % 3)) }, shape: [3, 4])
    complexCheck.add("complex mean", "mean_complex", [z], result: z.mean(axes: [1]), keywords: ["axis": [1]])
    try complexCheck.verify()
    var realCheck = OracleCheck<Complex<Double>>(tolerance: 1e-12)
    realCheck.add("complex var", "var_complex", [z], result: z.variance(axes: [0], degreesOfFreedom: 1),
                  keywords: ["axis": [0], "ddof": 1])
    try realCheck.verify()
  }

  @Test("einsum strings that do not parse or fit throw with the position")
  func einsumErrors() {
    let a = NDArray<Double>.zeros([2, 3])
    #expect(throws: EinsumError(position: 2, reason: "'1' is not a subscript letter")) { try NDArray.einsum("ij1", a) }
    #expect(throws: EinsumError(position: 4, reason: "output subscript 'k' is in no operand")) { try NDArray.einsum("ij->k", a) }
    #expect(throws: EinsumError.self) { try NDArray.einsum("ijk", a) }
    #expect(throws: EinsumError.self) { try NDArray.einsum("ij,jk", a, a) }
    #expect(throws: LinalgError.invalidNorm("'fro' is not a vector norm")) { try a.norm(.frobenius, axes: [0]) }
  }
}

extension NormOrder {
  var numpy: Any {
    switch self {
    case .frobenius: "fro"
    case .nuclear: "nuc"
    case .order(let p): p.isInfinite ? (p > 0 ? "inf" : "-inf") : p
    }
  }
}
