import ComplexModule
import Foundation
import Testing

import Strided

/// Corners where Strided once disagreed with NumPy 2.4, each checked
/// against NumPy run live (and against values worked out by hand where
/// NumPy is absent).
@Suite("NumPy's corners")
struct NumPyCornerTests {
  /// Special values of a real type, for outer products of operations.
  static let reals: [Double] = [-2, -1, -0.5, -0.0, 0, 0.5, 1, 2, 3, .infinity, -.infinity, .nan]

  /// Complex numbers with every combination of special parts.
  static let complexes: [Complex<Double>] = {
    let parts: [Double] = [0, -0.0, 1, -2, .infinity, -.infinity, .nan]
    return parts.flatMap { re in parts.map { im in Complex(re, im) } }
  }()

  /// Outer operations, as NumPy's `ufunc.outer` computes them.
  static func outer<T: NDElement, R: NDElement>(_ a: NDArray<T>, _ b: NDArray<T>, _ f: (NDArray<T>, NDArray<T>) -> NDArray<R>) -> NDArray<R> {
    f(try! a.reshaped(to: [a.count, 1]), try! b.reshaped(to: [1, b.count]))
  }

  @Test("gemv with an empty inner dimension gives beta · y")
  func gemvEmptyInner() {
    let a = NDArray<Double>.zeros([3, 0])
    let x = NDArray<Double>.zeros([0])
    let y = NDArray<Double>([1, 2, .nan])
    a.gemv(x, alpha: 5, beta: 2, into: y)
    #expect(y.elements[0] == 2 && y.elements[1] == 4 && y.elements[2].isNaN)
    // beta = 0 writes zeros, NaN included, as BLAS defines it.
    a.gemv(x, beta: 0, into: y)
    #expect(y == [0, 0, 0])
    let c = NDArray<Double>([1, 2, 3, 4], shape: [2, 2])
    NDArray<Double>.zeros([2, 0]).gemm(.zeros([0, 2]), beta: 3, into: c)
    #expect(c == NDArray<Double>([3, 6, 9, 12], shape: [2, 2]))
  }

  @Test("integer sums widen to 64 bits, as NumPy's")
  func integerSumsWiden() throws {
    let image = NDArray<UInt8>(repeating: 200, shape: [256, 256, 3])
    #expect(image.sum() == 39_321_600)
    #expect(image.sum(axis: 2)[item: 0, 0] == 600)
    #expect(NDArray<Int8>([-128, -128, -128]).sum() == -384)
    #expect(NDArray<Int16>([300, 300]).product() == 90_000)
    #expect(NDArray<Bool>([true, false, true, true]).sum() == 3)
    #expect(NDArray<Bool>([true, true]).product() == 1 && NDArray<Bool>([true, false]).product() == 0)
    #expect(NDArray<Bool>.zeros([0]).sum() == 0 && NDArray<Bool>.zeros([0]).product() == 1)
    #expect(NDArray<Int64>([.max, 1]).sum() == .min)  // 64-bit sums wrap, as NumPy's
    func check<T: OracleScalar & Numeric>(_: T.Type) throws where T.Sum: OracleScalar & Numeric {
      var sums = OracleCheck<T>()
      for layout in OperandLayout.allCases {
        let values = (0..<60).map { T(exactly: ($0 * 37) % 120)! }
        let a = layout.make(values, shape: [3, 4, 5])
        sums.add("\(T.self) sum \(layout)", "sum", [a], result: NDArray(scalar: a.sum()))
        let row = a[.at(0), .at(0)]
        sums.add("\(T.self) prod \(layout)", "prod", [row], result: NDArray(scalar: row.product()))
        for axes in [[0], [1, 2], [-1]] {
          sums.add("\(T.self) sum \(axes) \(layout)", "sum", [a], result: a.sum(axes: axes), keywords: ["axis": axes])
          sums.add("\(T.self) prod \(axes) \(layout)", "prod", [a], result: a.product(axes: axes), keywords: ["axis": axes])
        }
      }
      try sums.verify()
    }
    try check(Int8.self)
    try check(UInt8.self)
    try check(Int16.self)
    try check(UInt16.self)
    try check(Int32.self)
    try check(UInt32.self)
  }

  @Test("floating-point pow follows C and NumPy")
  func power() throws {
    // Without -0: NumPy's AVX-512 power (SVML) gives (-0)⁻¹ = +∞ where C99
    // and NumPy without AVX-512 give -∞; Strided follows C99 (checked
    // below), as docs/numpy.md records.
    let x = NDArray(Self.reals.filter { !($0 == 0 && $0.sign == .minus) })
    #expect((pow(NDArray<Double>([-0.0]), NDArray<Double>([-1]))).elements == [-.infinity])
    var check = OracleCheck<Double>(tolerance: 2e-16)
    check.add("outer power", "outer_power", [x, x], result: Self.outer(x, x) { pow($0, $1) })
    try check.verify()
    // Worked by hand: (-2)² = 4, 0⁰ = 1, NaN⁰ = 1, (-∞)² = ∞, (-1)^∞ = 1.
    let bases = NDArray<Double>([-2, 0, .nan, -.infinity, -1])
    let exponents = NDArray<Double>([2, 0, 0, 2, .infinity])
    #expect(pow(bases, exponents) == NDArray<Double>([4, 1, 1, .infinity, 1]))
    let firstTwo: NDArray<Double> = bases[.slice(to: 2)]
    #expect(pow(firstTwo, 2) == NDArray<Double>([4, 0]) && (pow(NDArray<Float>([.nan]), 0)).elements == [1])
    // NumPy's AVX-512 float32 power is within an ulp of C's.
    var single = OracleCheck<Float>(tolerance: 2.5e-7)
    let f = NDArray(x.elements.map { Float($0) })
    single.add("outer power f32", "outer_power", [f, f], result: Self.outer(f, f) { pow($0, $1) })
    try single.verify()
  }

  @Test("variance with degrees of freedom ≥ n is infinite or NaN, as NumPy's")
  func varianceDivisor() throws {
    #expect(NDArray<Double>([1, 2]).variance(degreesOfFreedom: 2) == .infinity)
    #expect(NDArray<Double>([1, 2]).variance(degreesOfFreedom: 3) == .infinity)
    #expect(NDArray<Double>([1]).variance(degreesOfFreedom: 1).isNaN)
    #expect(NDArray<Double>([1, 3]).standardDeviation(degreesOfFreedom: 5) == .infinity)
    var check = OracleCheck<Double>(tolerance: 1e-14)
    let m = NDArray<Double>([1, 2, 4, 8, 3, 3], shape: [2, 3])
    for ddof in [0, 1, 2, 3, 4] {
      check.add("var ddof \(ddof)", "var", [m], result: NDArray(scalar: m.variance(degreesOfFreedom: ddof)), keywords: ["ddof": ddof])
      check.add("var axis 0 ddof \(ddof)", "var", [m], result: m.variance(axis: 0, degreesOfFreedom: ddof), keywords: ["axis": 0, "ddof": ddof])
      check.add("std axis 1 ddof \(ddof)", "std", [m], result: m.standardDeviation(axis: 1, degreesOfFreedom: ddof), keywords: ["axis": 1, "ddof": ddof])
    }
    try check.verify()
  }

  @Test("complex arithmetic, comparisons and functions keep NaN and infinities")
  func complexSpecials() throws {
    let z = NDArray(Self.complexes)
    var complex = OracleCheck<Complex<Double>>(tolerance: 1e-15)
    complex.add("outer divide", "outer_divide", [z, z], result: Self.outer(z, z) { $0 / $1 })
    complex.add("outer multiply", "outer_multiply", [z, z], result: Self.outer(z, z) { $0 * $1 })
    for (name, f) in [("log", { log($0) }), ("sqrt", { sqrt($0) }), ("exp", { exp($0) })] as [(String, (NDArray<Complex<Double>>) -> NDArray<Complex<Double>>)] {
      complex.add(name, name, [z], result: f(z))
    }
    try complex.verify()
    var equality = OracleCheck<Complex<Double>>()
    equality.add("outer equal", "outer_equal", [z, z], result: Self.outer(z, z) { $0 .== $1 })
    equality.add("outer not equal", "outer_not_equal", [z, z], result: Self.outer(z, z) { $0 .!= $1 })
    equality.add("abs", "abs", [z], result: abs(z))
    equality.add("outer less", "outer_less", [z, z], result: Self.outer(z, z) { $0 .< $1 })
    equality.add("outer less_equal", "outer_less_equal", [z, z], result: Self.outer(z, z) { $0 .<= $1 })
    equality.add("outer greater", "outer_greater", [z, z], result: Self.outer(z, z) { $0 .> $1 })
    try equality.verify()
    // Worked by hand, as NumPy gives them.
    let nan = Complex<Double>(.nan, 0)
    #expect((NDArray([nan]) .== NDArray([nan])).elements == [false])
    let quotient = (NDArray([Complex<Double>(.nan, .nan)]) / NDArray([Complex(.infinity, 1)])).elements[0]
    #expect(quotient.rawStorage.x.isNaN && quotient.rawStorage.y.isNaN)
    #expect(log(NDArray([Complex<Double>(0, 0)])).elements[0].rawStorage == (-.infinity, 0))
    #expect(abs(NDArray([Complex<Double>(0, .nan)])).elements[0].isNaN)
    #expect(sqrt(NDArray([Complex<Double>(0, .infinity)])).elements[0].rawStorage == (.infinity, .infinity))
  }

  @Test("a self-overlapping output is computed from the inputs as they were")
  func selfOverlappingOutput() throws {
    let x = NDArray<Double>([5, 0])
    // Four aliases of x[0]: NumPy's b += 1 adds 1 once.
    var aliases = try x[0..<1].asStrided(shape: [4], strides: [0])
    aliases += 1
    #expect(x == [6, 0])
    // Overlapping rows: each element is computed from the old values.
    let y = NDArray<Double>([1, 2, 3, 4])
    var rows = try y.asStrided(shape: [3, 2], strides: [8, 8])  // [[1,2],[2,3],[3,4]]
    rows *= 10
    #expect(y == [10, 20, 30, 40])
  }
}
