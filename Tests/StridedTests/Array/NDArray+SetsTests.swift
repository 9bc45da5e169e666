import ComplexModule
import Foundation
import Testing

import Strided

/// Oracle cases whose results must match NumPy's in dtype, shape and every
/// value (NaN matches NaN; −0.0 matches 0.0, since NumPy's own sorts may
/// keep either of a pair).
struct SetOracleCheck {
  var cases: [NumPyOracle.Case] = []
  var ours: [(label: String, dtype: String, shape: [Int], values: [Any], agrees: (Any, Any) -> Bool)] = []

  /// A case whose dtype and shape must be NumPy's exactly, and whose
  /// values must agree within a relative `tolerance` (0: exactly).
  mutating func add<T: OracleScalar, R: OracleScalar>(
    _ label: String, _ op: String, _ arguments: [NDArray<T>], result: NDArray<R>, keywords: [String: Any] = [:],
    tolerance: Double = 0
  ) {
    cases.append(
      NumPyOracle.Case(
        op: op, dtype: T.dtype, arguments: arguments.map { ($0.elements.map(\.json), Array($0.shape)) },
        keywords: keywords))
    ours.append(
      (label, R.dtype, Array(result.shape), result.elements.map { $0 as Any },
       { R(json: ($1 as! R).json).agrees(with: R(json: $0), tolerance: tolerance) }))
  }

  /// Runs the oracle (when NumPy is on the machine) and records a failure
  /// for each disagreement.
  func verify(sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard let results = try NumPyOracle.evaluate(cases) else { return }
    #expect(results.count == ours.count, sourceLocation: sourceLocation)
    for (result, mine) in zip(results, ours) {
      #expect(result.dtype == mine.dtype, "\(mine.label): dtype \(mine.dtype), NumPy \(result.dtype)",
              sourceLocation: sourceLocation)
      #expect(result.shape == mine.shape, "\(mine.label): shape \(mine.shape), NumPy \(result.shape)",
              sourceLocation: sourceLocation)
      // Values of another dtype cannot be compared (nor decoded as ours).
      guard result.shape == mine.shape, result.dtype == mine.dtype else { continue }
      let bad = zip(result.values, mine.values).enumerated().filter { !mine.agrees($0.element.0, $0.element.1) }
      #expect(
        bad.isEmpty,
        "\(mine.label): \(bad.count) of \(mine.values.count) differ; first at \(bad.first?.offset ?? 0): NumPy \(bad.first.map { "\($0.element.0)" } ?? "") vs \(bad.first.map { "\($0.element.1)" } ?? "")",
        sourceLocation: sourceLocation)
    }
  }
}

/// Random set operands: values drawn from a small pool (so that repeats,
/// and values both operands hold, are common), in every layout: C and
/// Fortran order, transposed, negative strides, steps, 0-d, and broadcast
/// rows (stride 0), flattened by the set functions as NumPy flattens.
struct SetOperands {
  var rng: Generator

  init(seed: Int) { rng = Generator(seed: seed) }

  mutating func pick(_ count: Int) -> Int { rng.integers(in: 0...(count - 1)) }

  mutating func draws<T>(_ pool: [T], count: Int) -> [T] { (0..<count).map { _ in pool[pick(pool.count)] } }

  /// An operand of `count` elements (0…40 when `nil`) as 1-D, 2-D or 0-d.
  mutating func operand<T: NDElement>(_ pool: [T], count: Int? = nil) -> NDArray<T> {
    let n = count ?? rng.integers(in: 0...40)
    let layout = OperandLayout.allCases[pick(OperandLayout.allCases.count)]
    let form = pick(6)
    if n == 1 && form == 0 { return layout.make(draws(pool, count: 1), shape: []) }
    guard form >= 3 else { return layout.make(draws(pool, count: n), shape: [n]) }
    let divisors = (1...Swift.max(n, 1)).filter { n % $0 == 0 }
    let rows = divisors[pick(divisors.count)]
    let columns = n / rows
    if form == 5 && rows > 1 {
      let row = layout.make(draws(pool, count: columns), shape: [1, columns])
      return try! row.broadcast(to: [rows, columns])
    }
    return layout.make(draws(pool, count: n), shape: [rows, columns])
  }

  /// The distinct values of `a` in a random order, read backwards through
  /// a negative stride: an input that `assumingUnique` holds for.
  mutating func distinctShuffled<T: NDElement>(_ a: NDArray<T>) -> NDArray<T> {
    let values = a.unique()
    let order = try! rng.permutation(values.count)
    return try! values.take(order)[.slice(by: -1)]
  }
}

/// NumPy-equal comparison for test expectations: NaN equals NaN.
func sameValues(_ a: [Double], _ b: [Double]) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
}

@Suite("Set routines against NumPy")
struct SetFunctionsTests {
  /// Repeated, signed-zero, non-finite and extreme values of a floating-point type.
  static func floatingPool<T: BinaryFloatingPoint>(_: T.Type) -> [T] {
    [0, -0.0, 1, -1, 2.5, -2.5, 3, 7.25, .nan, .infinity, -.infinity, .greatestFiniteMagnitude,
     -.greatestFiniteMagnitude, .leastNonzeroMagnitude]
  }

  static let doubles = floatingPool(Double.self)

  /// Every set routine on random operands of one type, and with
  /// `assume_unique=True` on distinct values in random order.
  func addCases<T: OracleScalar>(_ pool: [T], seed: Int, rounds: Int = 60, into check: inout SetOracleCheck) {
    var r = SetOperands(seed: seed)
    for round in 0..<rounds {
      // The first rounds pin the extremes of the lengths: empty against 40,
      // 40 against empty, empty against empty.
      let lengths: (Int?, Int?) = round == 0 ? (0, 40) : round == 1 ? (40, 0) : round == 2 ? (0, 0) : (nil, nil)
      let a = r.operand(pool, count: lengths.0)
      let b = r.operand(pool, count: lengths.1)
      let label = "\(T.self) \(round): \(a.shape) \(a.strides) / \(b.shape) \(b.strides)"
      check.add("\(label) isin", "isin", [a, b], result: a.isIn(b))
      check.add("\(label) isin invert", "isin", [a, b], result: a.isIn(b, inverted: true), keywords: ["invert": true])
      check.add("\(label) intersect1d", "intersect1d", [a, b], result: a.intersection(b))
      let common = a.intersectionWithIndices(b)
      check.add("\(label) intersect1d values", "intersect1d_part", [a, b], result: common.values, keywords: ["part": 0])
      check.add("\(label) intersect1d comm1", "intersect1d_part", [a, b], result: common.indices, keywords: ["part": 1])
      check.add("\(label) intersect1d comm2", "intersect1d_part", [a, b], result: common.otherIndices, keywords: ["part": 2])
      check.add("\(label) union1d", "union1d", [a, b], result: a.union(b))
      check.add("\(label) setdiff1d", "setdiff1d", [a, b], result: a.subtracting(b))
      check.add("\(label) setxor1d", "setxor1d", [a, b], result: a.symmetricDifference(b))

      let ua = r.distinctShuffled(a)
      let ub = r.distinctShuffled(b)
      let assumeUnique: [String: Any] = ["assume_unique": true]
      check.add("\(label) intersect1d unique", "intersect1d", [ua, ub], result: ua.intersection(ub, assumingUnique: true),
                keywords: assumeUnique)
      let uniqueCommon = ua.intersectionWithIndices(ub, assumingUnique: true)
      for (part, result) in [uniqueCommon.indices, uniqueCommon.otherIndices].enumerated() {
        check.add("\(label) intersect1d unique comm\(part + 1)", "intersect1d_part", [ua, ub], result: result,
                  keywords: ["part": part + 1, "assume_unique": true])
      }
      check.add("\(label) intersect1d unique values", "intersect1d_part", [ua, ub], result: uniqueCommon.values,
                keywords: ["part": 0, "assume_unique": true])
      // NumPy keeps the first array's order here: the result is not sorted.
      check.add("\(label) setdiff1d unique", "setdiff1d", [ua, ub], result: ua.subtracting(ub, assumingUnique: true),
                keywords: assumeUnique)
      check.add("\(label) setxor1d unique", "setxor1d", [ua, ub], result: ua.symmetricDifference(ub, assumingUnique: true),
                keywords: assumeUnique)
      // With repeats, NumPy's setxor1d(assume_unique=True) keeps what equals
      // neither neighbour in the sorted elements of both; so does Strided.
      check.add("\(label) setxor1d repeats", "setxor1d", [a, b], result: a.symmetricDifference(b, assumingUnique: true),
                keywords: assumeUnique)
      // A 2-D element array keeps its shape.
      if b.count > 0 {
        let grid = r.operand(pool, count: 12)
        let element = try! grid.reshapedCopy(to: [3, 4]).transposed()
        check.add("\(label) isin 2-D", "isin", [element, b], result: element.isIn(b))
      }
    }
  }

  @Test("isIn, intersection, union, subtracting and symmetricDifference match NumPy for every type and layout")
  func randomOperandsMatchNumPy() throws {
    var check = SetOracleCheck()
    addCases([0, 1, -1, 2, 3, 5, -7, 100, .max, .min, .max - 1, .min + 1] as [Int], seed: 1, into: &check)
    addCases([0, 1, -1, 2, 5, 64, .max, .min, .max - 1, .min + 1] as [Int8], seed: 2, into: &check)
    addCases([0, 1, 2, 3, 5, 128, 200, .max - 1, .max] as [UInt8], seed: 3, into: &check)
    addCases(Self.doubles, seed: 4, into: &check)
    addCases(Self.floatingPool(Float.self), seed: 5, into: &check)
    addCases([true, false], seed: 6, into: &check)
    // One kind of complex NaN (see `complexNaNs` for several).
    addCases(
      [Complex(1, 2), Complex(1, -2), Complex(0, 0), Complex(-0.0, 0), Complex(0, -0.0), Complex(.infinity, 0),
       Complex(-.infinity, 1), Complex(.nan, 0.5), Complex(2.5, 0)] as [Complex<Double>],
      seed: 7, into: &check)
    // Longer operands: the radix passes (64 elements and more) and merges
    // of long runs.
    for (k, length) in [100, 257, 1000].enumerated() {
      var r = SetOperands(seed: 20 + k)
      let a = r.operand(Self.doubles + [4, 5, 6, 8, 9], count: length)
      let b = r.operand(Self.doubles + [4, 5, 10, 11], count: length / 2)
      check.add("long \(length) isin", "isin", [a, b], result: a.isIn(b))
      check.add("long \(length) union1d", "union1d", [a, b], result: a.union(b))
      check.add("long \(length) setxor1d", "setxor1d", [a, b], result: a.symmetricDifference(b))
      check.add("long \(length) setdiff1d", "setdiff1d", [a, b], result: a.subtracting(b))
      let common = a.intersectionWithIndices(b)
      check.add("long \(length) comm1", "intersect1d_part", [a, b], result: common.indices, keywords: ["part": 1])
      check.add("long \(length) comm2", "intersect1d_part", [a, b], result: common.otherIndices, keywords: ["part": 2])
    }
    #expect(check.cases.count >= 7 * 60 * 15)
    try check.verify()
  }

  @Test("NumPy's documented examples")
  func documentedExamples() {
    #expect(NDArray<Int>([1, 3, 4, 3]).intersection([3, 1, 2, 1]).elements == [1, 3])
    let common = NDArray<Int>([1, 1, 2, 3, 4]).intersectionWithIndices([2, 1, 4, 6])
    #expect(common.values.elements == [1, 2, 4])
    #expect(common.indices.elements == [0, 2, 4])
    #expect(common.otherIndices.elements == [1, 0, 2])
    #expect(NDArray<Int>([-1, 0, 1]).union([-2, 0, 2]).elements == [-2, -1, 0, 1, 2])
    #expect(NDArray<Int>([1, 2, 3, 2, 4, 1]).subtracting([3, 4, 5, 6]).elements == [1, 2])
    #expect(NDArray<Int>([1, 2, 3, 2, 4]).symmetricDifference([2, 3, 5, 7, 5]).elements == [1, 4, 5, 7])
    let element: NDArray<Int> = [[0, 2], [4, 6]]
    let mask = element.isIn([1, 2, 4, 8])
    #expect(mask.shape == [2, 2])
    #expect(mask.elements == [false, true, true, false])
    #expect(element[mask].elements == [2, 4])
    #expect(element[element.isIn([1, 2, 4, 8], inverted: true)].elements == [0, 6])
  }

  @Test("NaN equals nothing, NaNs within one array are one value, and −0.0 equals 0.0, as in NumPy 2.4")
  func nanAndSignedZero() {
    let nanOne = NDArray<Double>([.nan, 1])
    #expect(sameValues(nanOne.union([.nan]).elements, [1, .nan]))
    #expect(sameValues(NDArray<Double>([.nan, 1, .nan]).union([.nan, 2]).elements, [1, 2, .nan]))
    #expect(nanOne.intersection([.nan, 1]).elements == [1])
    #expect(nanOne.intersectionWithIndices([.nan, 1]).indices.elements == [1])
    #expect(sameValues(NDArray<Double>([.nan, 1, .nan]).subtracting([.nan]).elements, [1, .nan]))
    #expect(sameValues(NDArray<Double>([.nan, 1, .nan]).subtracting([.nan], assumingUnique: true).elements, [.nan, 1, .nan]))
    #expect(sameValues(nanOne.symmetricDifference([.nan]).elements, [1, .nan, .nan]))
    #expect(sameValues(NDArray<Double>([.nan, .nan, 1]).symmetricDifference([.nan, .nan]).elements, [1, .nan, .nan]))
    #expect(sameValues(
      NDArray<Double>([.nan, .nan, 1]).symmetricDifference([.nan, .nan], assumingUnique: true).elements,
      [1, .nan, .nan, .nan, .nan]))
    let probes = NDArray<Double>([.nan, 1, 0, -0.0])
    #expect(probes.isIn([.nan, 0]).elements == [false, false, true, true])
    #expect(probes.isIn([.nan, -0.0], inverted: true).elements == [true, true, false, false])
    // Of −0.0 and 0.0, the intersection holds the first array's; the union
    // the first one met.
    #expect(NDArray<Double>([0]).intersection([-0.0]).elements.map(\.sign) == [.plus])
    #expect(NDArray<Double>([-0.0]).intersection([0]).elements.map(\.sign) == [.minus])
    #expect(NDArray<Double>([0]).union([-0.0]).elements.map(\.sign) == [.plus])
    #expect(NDArray<Double>([-0.0]).union([0]).elements.map(\.sign) == [.minus])
    #expect(NDArray<Double>([0]).symmetricDifference([-0.0]).count == 0)
    #expect(NDArray<Double>([-0.0, 1]).subtracting([0]).elements == [1])
    let infinities = NDArray<Float>([-.infinity, .infinity, 3])
    #expect(infinities.intersection([.infinity, .nan]).elements == [.infinity])
    #expect(infinities.symmetricDifference(NDArray<Float>([-.infinity])).elements == [3, .infinity])
  }

  @Test("the largest integers are values, not NaN: their sort keys are the largest keys")
  func integerLimits() {
    #expect(NDArray<Int>([.min, .max, 0]).isIn(NDArray<Int>([.max])).elements == [false, true, false])
    #expect(NDArray<Int64>([.max, .max]).intersection(NDArray<Int64>([.max])).elements == [.max])
    #expect(NDArray<UInt64>([.max, 0]).isIn(NDArray<UInt64>([.max])).elements == [true, false])
    #expect(NDArray<UInt8>([255, 255, 1]).symmetricDifference([255]).elements == [1])
    #expect(NDArray<UInt8>([255, 0]).subtracting([255]).elements == [0])
    #expect(NDArray<Int8>([.max, .min]).union(NDArray<Int8>([.min + 1])).elements == [.min, .min + 1, .max])
    #expect(NDArray<Int>([.min, .max]).intersectionWithIndices(NDArray<Int>([.max, .min])).otherIndices.elements == [1, 0])
  }

  @Test("Bool and complex elements")
  func boolAndComplex() {
    let flags = NDArray<Bool>([true, false, true])
    let common = flags.intersectionWithIndices([true])
    #expect(common.values.elements == [true] && common.indices.elements == [0] && common.otherIndices.elements == [0])
    #expect(flags.symmetricDifference([true]).elements == [false])
    #expect(flags.union([false]).elements == [false, true])
    #expect(flags.isIn([false], inverted: true).elements == [true, false, true])
    typealias C = Complex<Double>
    #expect(NDArray<C>([C(1, .nan), C(2, 0)]).isIn(NDArray<C>([C(1, .nan), C(2, 0)])).elements == [false, true])
    #expect(NDArray<C>([C(0, -0.0)]).isIn(NDArray<C>([C(-0.0, 0)])).elements == [true])
    #expect(NDArray<C>([C(1, 2), C(1, -2)]).intersection(NDArray<C>([C(1, -2)])).elements.map { $0.rawStorage.y } == [-2])
    #expect(NDArray<C>([C(.nan, 1), C(2, 0)]).union(NDArray<C>([C(.nan, 1)])).count == 2)
    #expect(NDArray<C>([C(.nan, 1)]).symmetricDifference(NDArray<C>([C(.nan, 1)])).count == 2)
  }

  @Test("complex numbers with several kinds of NaN part: one value per array, never equal to anything")
  func complexNaNs() {
    // NumPy 2.4's unique keeps one of them (which one depends on its path:
    // the first met with its hash table, the first in sort order with its
    // sort); only the count and the NaN-ness are compared here.
    typealias C = Complex<Double>
    let a = NDArray<C>([C(.nan, 1), C(1, .nan), C(.nan, .nan), C(1, 1)])
    let b = NDArray<C>([C(1, .nan), C(1, 1)])
    #expect(a.union(b).count == 2)
    #expect(a.intersection(b).elements.map { $0.rawStorage.x } == [1])
    #expect(a.subtracting(b).count == 1)
    #expect(a.symmetricDifference(b).count == 2)
    #expect(a.isIn(b).elements == [false, false, false, true])
  }

  @Test("empty, 0-d and non-contiguous operands; results are new 1-D arrays")
  func shapesAndLayouts() {
    let empty = NDArray<Double>([])
    let some = NDArray<Double>([3, 1, 2])
    #expect(empty.isIn(some).shape == [0])
    #expect(some.isIn(empty).elements == [false, false, false])
    #expect(some.isIn(empty, inverted: true).elements == [true, true, true])
    #expect(empty.intersection(some).shape == [0] && some.intersection(empty).shape == [0])
    #expect(empty.union(empty).shape == [0] && empty.union(some).elements == [1, 2, 3])
    #expect(empty.subtracting(some).shape == [0] && some.subtracting(empty).elements == [1, 2, 3])
    #expect(empty.symmetricDifference(empty).shape == [0] && some.symmetricDifference(empty).elements == [1, 2, 3])
    let common = empty.intersectionWithIndices(some)
    #expect(common.values.shape == [0] && common.indices.shape == [0] && common.otherIndices.shape == [0])
    let scalar = NDArray<Int>(scalar: 5)
    #expect(scalar.isIn([5, 6]).shape == [] && scalar.isIn([5, 6])[] == true)
    #expect(scalar.union([4]).elements == [4, 5] && scalar.subtracting([4], assumingUnique: true).elements == [5])
    let grid = NDArray<Int>([5, 1, 3, 9], shape: [2, 2]).transposed()  // [[5, 3], [1, 9]]
    #expect(grid.isIn([1, 9]).elements == [false, false, true, true])
    #expect(grid.subtracting([9], assumingUnique: true).elements == [5, 3, 1])
    #expect(grid[.slice(by: -1)].union([2]).elements == [1, 2, 3, 5, 9])
    let evens = NDArray<Int>([4, 0, 3, 0, 2, 0, 1, 0])[.slice(by: 2)]  // [4, 3, 2, 1]
    #expect(evens.intersection([1, 4]).elements == [1, 4])
    #expect(evens.flipped().symmetricDifference([0, 1]).elements == [0, 2, 3, 4])
    // The result never shares storage with an operand.
    let single = NDArray<Int>([7])
    let result = single.union(NDArray<Int>([], shape: [0]))
    result[item: 0] = 8
    #expect(single.elements == [7])
  }

  @Test("long operands against a plain reference built on Swift's Set")
  func longOperandsMatchSetReference() throws {
    var rng = Generator(seed: 31)
    for (n, m) in [(5000, 4000), (70, 3), (3, 70), (20000, 65)] {
      let a = try rng.integers(in: 0..<3000, shape: [2 * n])[.slice(by: 2)]
      let b = try rng.integers(in: 1000..<6000, shape: [m]).flipped()
      let (x, y) = (a.elements, b.elements)
      let (setA, setB) = (Set(x), Set(y))
      #expect(a.isIn(b).elements == x.map { setB.contains($0) }, "isIn \(n) \(m)")
      #expect(a.isIn(b, inverted: true).elements == x.map { !setB.contains($0) })
      #expect(a.intersection(b).elements == setA.intersection(setB).sorted())
      #expect(a.union(b).elements == setA.union(setB).sorted())
      #expect(a.subtracting(b).elements == setA.subtracting(setB).sorted())
      #expect(a.symmetricDifference(b).elements == setA.symmetricDifference(setB).sorted())
      var firstA: [Int: Int] = [:]
      var firstB: [Int: Int] = [:]
      for (i, v) in x.enumerated().reversed() { firstA[v] = i }
      for (i, v) in y.enumerated().reversed() { firstB[v] = i }
      let common = a.intersectionWithIndices(b)
      #expect(common.indices.elements == common.values.elements.map { firstA[$0]! })
      #expect(common.otherIndices.elements == common.values.elements.map { firstB[$0]! })
      let distinct = a.unique().flipped()
      #expect(distinct.subtracting(b, assumingUnique: true).elements == distinct.elements.filter { !setB.contains($0) })
      #expect(distinct.symmetricDifference(b.unique(), assumingUnique: true).elements
              == setA.symmetricDifference(setB).sorted())
    }
  }
}
