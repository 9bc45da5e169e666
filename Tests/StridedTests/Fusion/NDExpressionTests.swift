import Foundation
import Testing

@testable import Strided

/// Fused expressions against the eager operators: element-wise results bit
/// for bit, over random expressions, shapes, broadcasts and layouts, at 1,
/// 2 and 8 threads; reductions against the eager reduction of the result
/// laid out in the order the fused reduction walks.
@Suite("NDExpression: fused evaluation", .serialized)
struct NDExpressionTests {
  static let threadCounts = [1, 2, 8]

  /// A fused expression and the same expression computed eagerly.
  struct Pair {
    var fused: NDExpression
    var eager: NDArray<Double>
  }

  /// A small deterministic generator for the tests' choices.
  struct Choices {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
  }

  static func bits(_ a: NDArray<Double>) -> [UInt64] { a.elements.map(\.bitPattern) }

  /// A leaf of `shape` (or of a shape that broadcasts to it), laid out at
  /// random: C, Fortran, transposed, negative strides, stepped, or a
  /// stride-0 broadcast view.
  static func leaf(_ shape: Dimensions, _ choices: inout Choices, _ g: inout Generator) -> NDArray<Double> {
    var own = shape.array
    if !own.isEmpty && choices.next(3) == 0 { own[choices.next(own.count)] = 1 }
    if !own.isEmpty && choices.next(5) == 0 { own.removeFirst() }
    let dims = Dimensions(array: own)
    let count = own.reduce(1, *)
    let values = (0..<count).map { _ in g.standardNormal() * 3 }
    if choices.next(6) == 0 && count > 0 {
      // A stride-0 view: one row broadcast to `dims`.
      let row = NDArray(Array(values.prefix(Swift.max(own.last ?? 1, 1))), shape: [Swift.max(own.last ?? 1, 1)])
      if let view = try? row.broadcast(to: dims) { return view }
    }
    let layouts = OperandLayout.allCases
    return layouts[choices.next(layouts.count)].make(values, shape: dims)
  }

  /// A random expression of at most `depth` levels over `leaves`.
  static func expression(_ depth: Int, _ leaves: [NDArray<Double>], _ choices: inout Choices) -> Pair {
    expression(depth, leaves.map { Pair(fused: $0.fused, eager: $0) }, &choices)
  }

  /// A random expression of at most `depth` levels over leaves given as
  /// pairs (a `Float` leaf: its fused form and its eager `Double` copy).
  static func expression(_ depth: Int, _ leaves: [Pair], _ choices: inout Choices) -> Pair {
    if depth == 0 || choices.next(4) == 0 {
      if choices.next(5) == 0 {
        let value = Double(choices.next(9)) * 0.5 - 2
        return Pair(fused: NDExpression(constant: value), eager: NDArray(scalar: value))
      }
      return leaves[choices.next(leaves.count)]
    }
    let x = expression(depth - 1, leaves, &choices)
    switch choices.next(13) {
    case 0:
      let y = expression(depth - 1, leaves, &choices)
      return Pair(fused: x.fused + y.fused, eager: x.eager + y.eager)
    case 1:
      let y = expression(depth - 1, leaves, &choices)
      return Pair(fused: x.fused - y.fused, eager: x.eager - y.eager)
    case 2:
      let y = expression(depth - 1, leaves, &choices)
      return Pair(fused: x.fused * y.fused, eager: x.eager * y.eager)
    case 3:
      let y = expression(depth - 1, leaves, &choices)
      return Pair(fused: x.fused / y.fused, eager: x.eager / y.eager)
    case 4:
      return Pair(fused: 2.5 * x.fused, eager: 2.5 * x.eager)
    case 5:
      return Pair(fused: -x.fused, eager: -x.eager)
    case 6:
      // The eager function of a contiguous copy takes libmvec, as every
      // fused block does.
      return Pair(fused: sin(x.fused), eager: sin(x.eager.copy()))
    case 7:
      return Pair(fused: exp(x.fused * 0.1), eager: exp((x.eager * 0.1).copy()))
    case 8:
      return Pair(fused: sqrt(abs(x.fused)), eager: sqrt(abs(x.eager)))
    case 9:
      return Pair(fused: x.fused ** 2, eager: x.eager ** 2)
    case 10:
      return Pair(fused: x.fused ** 0.5, eager: x.eager ** 0.5)
    case 11:
      let y = expression(depth - 1, leaves, &choices)
      let fused = NDExpression.where(x.fused .> y.fused, x.fused, y.fused)
      return Pair(fused: fused, eager: NDArray.where(x.eager .> y.eager, x.eager, y.eager))
    default:
      return Pair(fused: cos(x.fused) - 1, eager: cos(x.eager.copy()) - 1)
    }
  }

  static let shapes: [Dimensions] = [
    [], [0], [1], [7], [1023], [1025], [2500], [3, 0, 4], [4, 5], [3, 700], [2, 1030], [6, 1, 5], [5, 4, 3], [17, 64],
  ]

  /// Runs `body` at each thread count.
  func atEveryThreadCount(_ body: (Int) throws -> Void) rethrows {
    let saved = Parallelism.threadCount
    defer { Parallelism.threadCount = saved }
    for count in Self.threadCounts {
      Parallelism.threadCount = count
      try body(count)
    }
  }

  @Test("random expressions equal the eager operators bit for bit, evaluated and assigned")
  func elementwise() throws {
    var choices = Choices(state: 12_345)
    var g = Generator(seed: 21)
    for (k, shape) in Self.shapes.enumerated() {
      for trial in 0..<6 {
        let leaves = (0..<3).map { _ in Self.leaf(shape, &choices, &g) }
        let pair = Self.expression(4, leaves, &choices)
        let expected = pair.eager
        try atEveryThreadCount { threads in
          let got = pair.fused.evaluated()
          #expect(got.shape == expected.shape, "shape \(shape), trial \(trial), \(threads) threads")
          #expect(Self.bits(got) == Self.bits(expected), "shape \(shape) #\(k), trial \(trial), \(threads) threads")
          // In place into a transposed and a C-order target.
          let target = NDArray<Double>.zeros(expected.shape)
          try target.assign(pair.fused)
          #expect(Self.bits(target) == Self.bits(expected), "assign: shape \(shape), trial \(trial)")
          let transposedTarget = NDArray<Double>.zeros(Dimensions(array: expected.shape.array.reversed())).transposed()
          try transposedTarget.assign(pair.fused)
          #expect(Self.bits(transposedTarget) == Self.bits(expected), "assign transposed: shape \(shape), trial \(trial)")
        }
      }
    }
  }

  @Test("Float leaves read as Double: evaluated, evaluated(as: Float), assigned into Float views, summed")
  func floatLeaves() throws {
    var choices = Choices(state: 4_242)
    var g = Generator(seed: 23)
    for (k, shape) in Self.shapes.enumerated() {
      for trial in 0..<4 {
        // A Float leaf in a random layout, a Double leaf, and a second
        // Float leaf (a pure-Float expression when only Floats are picked).
        var leaves: [Pair] = []
        for i in 0..<3 {
          let double = Self.leaf(shape, &choices, &g)
          if i == 1 {
            leaves.append(Pair(fused: double.fused, eager: double))
          } else {
            let values = double.elements.map { Float($0) }
            let layouts = OperandLayout.allCases
            let float = layouts[choices.next(layouts.count)].make(values, shape: double.shape)
            leaves.append(Pair(fused: float.fused, eager: float.converted(to: Double.self)))
          }
        }
        let pair = Self.expression(3, leaves, &choices)
        let expected = pair.eager
        let context = "shape \(shape) #\(k), trial \(trial)"
        try atEveryThreadCount { threads in
          #expect(Self.bits(pair.fused.evaluated()) == Self.bits(expected), "\(context), \(threads) threads")
          let rounded = pair.fused.evaluated(as: Float.self)
          #expect(rounded.shape == expected.shape)
          #expect(rounded.elements.map(\.bitPattern) == expected.converted(to: Float.self).elements.map(\.bitPattern))
          let target = NDArray<Float>.zeros(Dimensions(array: expected.shape.array.reversed())).transposed()
          try target.assign(pair.fused)
          #expect(target.elements.map(\.bitPattern) == rounded.elements.map(\.bitPattern), "assign: \(context)")
          // The fused sum walks the order the eager result would have
          // (C, or Fortran when the leaves are): either order's sum.
          let full = expected.broadcastCompatible(to: pair.fused.shape)
          let sum = pair.fused.sum().bitPattern
          #expect(
            [full.copy(order: .c), full.copy(order: .fortran)].contains { $0.sum().bitPattern == sum }, "sum: \(context)")
        }
      }
    }
    // Errors of the Float assign, as for Double.
    let target = NDArray<Float>.zeros([3])
    let a = NDArray<Float>([1, 2, 3, 4], shape: [2, 2])
    #expect(throws: IndexError.valueShapeMismatch(value: [2, 2], selection: [3])) { try target.assign(a.fused + 1) }
    #expect(target.elements == [0, 0, 0])
    // In place, and the same array through a transposed view (staged).
    try a.assign(a.transposed().fused * 10 + 0.5)
    #expect(a.elements == [10.5, 30.5, 20.5, 40.5])
  }

  @Test("reductions equal the eager reductions of the laid-out result: sums and means bit for bit, extremes as values")
  func reductions() throws {
    var choices = Choices(state: 777)
    var g = Generator(seed: 22)
    for shape in Self.shapes {
      for trial in 0..<4 {
        let leaves = (0..<2).map { _ in Self.leaf(shape, &choices, &g) }
        let pair = Self.expression(3, leaves, &choices)
        let full = pair.eager.broadcastCompatible(to: pair.fused.shape)
        // The fused walk takes the order the eager result would have, which
        // depends on the leaves the expression uses: either order's eager
        // reduction must match.
        let laidOut = [full.copy(order: .c), full.copy(order: .fortran)]
        try atEveryThreadCount { threads in
          let what = "shape \(shape), trial \(trial), \(threads) threads"
          let sum = pair.fused.sum().bitPattern
          #expect(laidOut.contains { $0.sum().bitPattern == sum }, "sum: \(what)")
          if full.count > 0 {
            let mean = pair.fused.mean().bitPattern
            #expect(laidOut.contains { $0.mean().bitPattern == mean }, "mean: \(what)")
            let fusedMax = try pair.fused.max()
            let eagerMax = try full.max()
            #expect(fusedMax == eagerMax || (fusedMax.isNaN && eagerMax.isNaN), "max: \(what)")
            let fusedMin = try pair.fused.min()
            let eagerMin = try full.min()
            #expect(fusedMin == eagerMin || (fusedMin.isNaN && eagerMin.isNaN), "min: \(what)")
          }
          for axis in 0..<pair.fused.shape.count {
            let fused = pair.fused.sum(axis: axis)
            let fusedBits = Self.bits(fused)
            #expect(laidOut.contains { Self.bits($0.sum(axis: axis)) == fusedBits }, "sum(axis: \(axis)): \(what)")
            #expect(fused.shape == full.sum(axis: axis).shape, "sum(axis: \(axis)) shape: \(what)")
          }
        }
      }
    }
  }

  @Test("a full sum above 2²⁰ items takes the eager sum's parts, at every thread count")
  func largeSum() {
    var g = Generator(seed: 23)
    let a = g.standardNormal([(1 << 20) + 37])
    let b = g.standardNormal([(1 << 20) + 37])
    let expected = ((a - b) ** 2).sum()
    atEveryThreadCount { threads in
      #expect(((a.fused - b.fused) ** 2).sum().bitPattern == expected.bitPattern, "\(threads) threads")
    }
  }

  @Test("the k-means distances: a broadcast difference summed along the last axis")
  func kmeansDistances() {
    var g = Generator(seed: 24)
    let x = g.standardNormal([3000, 16])
    let c = g.standardNormal([8, 16])
    let x3 = x[.all, .newAxis, .all]
    let c3 = c[.newAxis, .all, .all]
    let expected = ((x3 - c3) ** 2).sum(axis: 2)
    atEveryThreadCount { threads in
      let got = ((x3.fused - c3.fused) ** 2).sum(axis: 2)
      #expect(got.shape == [3000, 8])
      #expect(Self.bits(got) == Self.bits(expected), "\(threads) threads")
    }
  }

  @Test("integer powers 3 to 8 multiply, within two ulp of pow")
  func multipliedPowers() {
    var g = Generator(seed: 25)
    let x = g.standardNormal([1000])
    for n in 3...8 {
      let got = (x.fused ** n).evaluated().elements
      let expected = (x ** n).elements
      for (u, v) in zip(got, expected) {
        #expect(Swift.abs(u - v) <= 2 * v.ulp.magnitude * Double(n), "x ** \(n): \(u) against \(v)")
      }
    }
    let y = (0.25 * x.fused ** 3 + 0.75 * x.fused ** 2 - 1.5 * x.fused - 2).evaluated().elements
    for (u, v) in zip(y, x.elements) {
      let reference = 0.25 * (v * v * v) + 0.75 * (v * v) - 1.5 * v - 2
      #expect(u == reference)
    }
  }

  @Test("predicates: evaluated masks, mask leaves, all and any")
  func predicates() {
    var g = Generator(seed: 26)
    let a = g.standardNormal([40, 30])
    let mask = a .> 0.5
    let fusedMask = (a.fused .> 0.5).evaluated()
    #expect(fusedMask.elements == mask.elements)
    let both = (mask.fused & (a.fused .< 1)).evaluated()
    #expect(both.elements == zip(mask.elements, a.elements).map { $0 && $1 < 1 })
    #expect((a.fused .> -100).allTrue())
    #expect(!(a.fused .> 100).anyTrue())
    #expect((a.fused .> 0).anyTrue(axis: 0).elements == (a .> 0).anyTrue(axes: [0]).elements)
    #expect((a.fused .> -3).allTrue(axis: 1).elements == (a .> -3).allTrue(axes: [1]).elements)
    #expect((!(a.fused .> 0)).evaluated().elements == (a .<= 0).elements)
  }

  @Test("empty and 0-d expressions, and where with a stride-0 operand")
  func edges() throws {
    let empty = NDArray<Double>.zeros([3, 0])
    #expect((empty.fused * 2).evaluated().shape == [3, 0])
    #expect((empty.fused * 2).sum() == 0)
    #expect((empty.fused * 2).sum(axis: 1).elements == [0, 0, 0])
    #expect(throws: StatisticsError.emptyInput(operation: "max")) { try (empty.fused * 2).max() }
    #expect(throws: StatisticsError.emptyInput(operation: "max")) { try (empty.fused * 2).max(axis: 1) }
    #expect(try (empty.fused * 2).max(axis: 0).shape == [0])
    let scalar = NDArray<Double>(scalar: 3)
    #expect((scalar.fused * 2 + 1).evaluated()[] == 7)
    #expect((scalar.fused * 2 + 1).sum() == 7)
    let row = NDArray<Double>([1, -2, 3])
    let column = NDArray<Double>([1, 2], shape: [2, 1])
    let got = NDExpression.where(row.fused .> 0, row.fused * column.fused, 0.1 * row.fused).evaluated()
    #expect(got.shape == [2, 3])
    let expected: [Double] = [1, -0.2, 3, 2, -0.2, 6]  // 0.1 · −2 is exactly −0.2
    #expect(got.elements == expected)
  }

  @Test("every fused function equals its eager twin bit for bit, specials included, in every layout")
  func functions() {
    let specials: [Double] = [
      .nan, .infinity, -.infinity, 0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 1, -1, 1e300, -Double.leastNormalMagnitude / 4,
    ]
    var g = Generator(seed: 29)
    let values = specials + (0..<(3 * 67 - specials.count)).map { _ in g.standardNormal() * 3 }
    let others = (0..<values.count).map { i in i % 5 == 0 ? specials[i % specials.count] : g.standardNormal() * 3 }
    let unary: [(String, (NDExpression) -> NDExpression, (NDArray<Double>) -> NDArray<Double>)] = [
      ("asin", { asin($0) }, { asin($0) }), ("acos", { acos($0) }, { acos($0) }),
      ("sinh", { sinh($0) }, { sinh($0) }), ("cosh", { cosh($0) }, { cosh($0) }),
      ("asinh", { asinh($0) }, { asinh($0) }), ("acosh", { acosh($0) }, { acosh($0) }),
      ("atanh", { atanh($0) }, { atanh($0) }), ("log2", { log2($0) }, { log2($0) }),
      ("log10", { log10($0) }, { log10($0) }), ("exp2", { exp2($0) }, { exp2($0) }),
      ("cbrt", { cbrt($0) }, { cbrt($0) }), ("floor", { floor($0) }, { floor($0) }),
      ("ceil", { ceil($0) }, { ceil($0) }), ("trunc", { trunc($0) }, { trunc($0) }),
      ("sign", { sign($0) }, { sign($0) }), ("rounded", { $0.rounded() }, { $0.rounded() }),
      ("exp", { exp($0) }, { exp($0) }), ("log", { log($0) }, { log($0) }), ("tan", { tan($0) }, { tan($0) }),
      ("maximum(x, 0)", { maximum($0, 0) }, { maximum($0, NDArray(scalar: 0)) }),
      ("minimum(1, x)", { minimum(1, $0) }, { minimum(NDArray(scalar: 1), $0) }),
      ("fmax(x, 0.5)", { fmax($0, 0.5) }, { fmax($0, NDArray(scalar: 0.5)) }),
      ("fmin(x, 0.5)", { fmin($0, 0.5) }, { fmin($0, NDArray(scalar: 0.5)) }),
    ]
    let binary: [(String, (NDExpression, NDExpression) -> NDExpression, (NDArray<Double>, NDArray<Double>) -> NDArray<Double>)] = [
      ("maximum", { maximum($0, $1) }, { maximum($0, $1) }), ("minimum", { minimum($0, $1) }, { minimum($0, $1) }),
      ("fmax", { fmax($0, $1) }, { fmax($0, $1) }), ("fmin", { fmin($0, $1) }, { fmin($0, $1) }),
      ("copysign", { copysign($0, $1) }, { copysign($0, $1) }),
      ("atan2", { atan2(y: $0, x: $1) }, { atan2(y: $0, x: $1) }), ("hypot", { hypot($0, $1) }, { hypot($0, $1) }),
    ]
    typealias FusedPair = (NDExpression, NDExpression) -> NDExpression
    typealias EagerPair = (NDArray<Double>, NDArray<Double>) -> NDArray<Double>
    let remainder: FusedPair = { $0 % $1 }
    let eagerRemainder: EagerPair = { $0 % $1 }
    let quotient: FusedPair = { floorDivide($0, $1) }
    let eagerQuotient: EagerPair = { floorDivide($0, $1) }
    let cRemainder: FusedPair = { fmod($0, $1) }
    let eagerCRemainder: EagerPair = { fmod($0, $1) }
    let byConstant: FusedPair = { x, _ in x % 0.75 }
    let eagerByConstant: EagerPair = { x, _ in x % 0.75 }
    let ofConstant: FusedPair = { _, y in 2.5 % y }
    let eagerOfConstant: EagerPair = { _, y in 2.5 % y }
    let remainders: [(String, FusedPair, EagerPair)] = [
      ("%", remainder, eagerRemainder), ("floorDivide", quotient, eagerQuotient), ("fmod", cRemainder, eagerCRemainder),
      ("% 0.75", byConstant, eagerByConstant), ("2.5 % y", ofConstant, eagerOfConstant),
    ]
    let predicates: [(String, (NDExpression) -> NDPredicate, (NDArray<Double>) -> NDArray<Bool>)] = [
      ("isnan", { isnan($0) }, { isnan($0) }), ("isinf", { isinf($0) }, { isinf($0) }),
      ("isfinite", { isfinite($0) }, { isfinite($0) }),
    ]
    for layout in OperandLayout.allCases {
      let x = layout.make(values, shape: [3, 67])
      let y = OperandLayout.fortran.make(others, shape: [3, 67])
      // The eager twins of contiguous copies take libmvec, as fused blocks do.
      let (cx, cy) = (x.copy(), y.copy())
      atEveryThreadCount { threads in
        for (name, fused, eager) in unary {
          #expect(Self.bits(fused(x.fused).evaluated()) == Self.bits(eager(cx)), "\(name), \(layout), \(threads) threads")
        }
        for (name, fused, eager) in binary + remainders {
          #expect(
            Self.bits(fused(x.fused, y.fused).evaluated()) == Self.bits(eager(cx, cy)),
            "\(name), \(layout), \(threads) threads")
        }
        for (name, fused, eager) in predicates {
          #expect(fused(x.fused).evaluated().elements == eager(cx).elements, "\(name), \(layout), \(threads) threads")
        }
      }
    }
  }

  @Test("sums of negative zeros are +0.0, as the eager sums, at every line length")
  func signedZeroSums() {
    for length in [1, 7, 8, 9, 16, 17, 128, 129, 1023, 1024, 1025] {
      for rows in [1, 3] {
        let zeros = NDArray<Double>.zeros([rows, length])
        let fused = (-zeros.fused).sum(axis: 1)
        let eager = (-zeros).sum(axis: 1)
        #expect(Self.bits(fused) == Self.bits(eager), "sum(axis: 1) of −0.0, \(rows) × \(length)")
        #expect((-zeros.fused).sum().bitPattern == (-zeros).sum().bitPattern, "sum() of −0.0, \(rows) × \(length)")
        let columns = (-zeros.fused).sum(axis: 0)
        #expect(Self.bits(columns) == Self.bits((-zeros).sum(axis: 0)), "sum(axis: 0) of −0.0, \(rows) × \(length)")
      }
    }
  }

  @Test("where with a constant branch on either side")
  func whereConstants() {
    let a = NDArray<Double>([-2, -0.5, 0, 3])
    #expect(NDExpression.where(a.fused .> 0, a.fused, 0).evaluated().elements == [0, 0, 0, 3])
    #expect(NDExpression.where(a.fused .> 0, -1, a.fused).evaluated().elements == [-2, -0.5, 0, -1])
  }

  @Test("assign: a mismatched target throws and is not written; overlapping operands are staged")
  func assignErrors() throws {
    let a = NDArray<Double>([1, 2, 3, 4], shape: [2, 2])
    let target = NDArray<Double>.zeros([3])
    #expect(throws: IndexError.valueShapeMismatch(value: [2, 2], selection: [3])) { try target.assign(a.fused + 1) }
    #expect(target.elements == [0, 0, 0])
    let square = NDArray<Double>([1, 2, 3, 4], shape: [2, 2])
    try square.assign(square.transposed().fused * 10)
    #expect(square.elements == [10, 30, 20, 40])
    try square.assign(square.fused + 1)
    #expect(square.elements == [11, 31, 21, 41])
  }

  @Test("evaluate with closures builds the same expression")
  func builders() {
    var g = Generator(seed: 27)
    let a = g.standardNormal([1000])
    let b = g.standardNormal([1000])
    let c = g.standardNormal([1000])
    let got = NDArray.evaluate(a, b, c) { a, b, c in 2 * a + 3 * b * c }
    #expect(Self.bits(got) == Self.bits(2 * a + 3 * b * c))
    let twelve = NDArray.evaluate(a, b) { a, b in
      1 + 2 * a - 3 * b + 4 * a * b - 5 * a / (b * b + 1) + 6 * a - 7 * b + 8 * a * a - 9 * b + 10 * a - 11 * b + 12 * a
    }
    #expect(twelve.shape == [1000])
  }
}

extension NDArray where Element == Double {
  /// This array broadcast to `shape` (as the fused result has it) and
  /// copied, so its own layout does not matter.
  fileprivate func broadcastCompatible(to shape: Dimensions) -> NDArray {
    (try? broadcast(to: shape))?.copy() ?? copy()
  }
}
