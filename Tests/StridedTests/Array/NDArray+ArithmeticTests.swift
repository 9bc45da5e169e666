import CStrided
import ComplexModule
import Foundation
import RealModule
import Testing

import Strided

/// Shape pairs that exercise broadcasting, 0-d and empty operands.
let binaryShapes: [([Int], [Int])] = [
  ([3, 4], [3, 4]), ([3, 4], [4]), ([3, 1], [1, 4]), ([], [3, 4]), ([2, 3, 4], [3, 1]), ([0, 4], [4]), ([5], []),
]

/// Checks operations against NumPy on every pair of shapes above, with
/// each operand in every memory layout (C, F, transposed, negative strides,
/// stepped).
struct OracleCheck<T: OracleScalar> {
  var tolerance: Double = 0
  var cases: [NumPyOracle.Case] = []
  var ours: [(label: String, shape: [Int], values: [Any], agrees: (Any, Any) -> Bool)] = []

  mutating func add<R: OracleScalar>(
    _ label: String, _ op: String, _ arguments: [NDArray<T>], result: NDArray<R>, keywords: [String: Any] = [:],
    bools: Int = 0
  ) {
    cases.append(
      NumPyOracle.Case(
        op: op, dtype: T.dtype, arguments: arguments.map { (($0).elements.map(\.json), Array($0.shape)) },
        keywords: keywords, typedFrom: bools))
    let tolerance = self.tolerance
    ours.append((label, Array(result.shape), result.elements.map { $0 as Any }, { R(json: ($1 as! R).json).agrees(with: R(json: $0), tolerance: tolerance) }))
  }

  /// Runs the oracle and records a failure for each disagreement.
  func verify(sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard let results = try NumPyOracle.evaluate(cases) else { return }
    for (result, mine) in zip(results, ours) {
      #expect(result.shape == mine.shape, "\(mine.label): shape", sourceLocation: sourceLocation)
      guard result.shape == mine.shape else { continue }
      let bad = zip(result.values, mine.values).enumerated().filter { !mine.agrees($0.element.0, $0.element.1) }
      #expect(bad.isEmpty, "\(mine.label): \(bad.count) of \(mine.values.count) differ; first at \(bad.first?.offset ?? 0): NumPy \(bad.first.map { "\($0.element.0)" } ?? "") vs \(bad.first.map { "\($0.element.1)" } ?? "")", sourceLocation: sourceLocation)
    }
  }
}

/// Operands for every shape pair and layout pair.
func operandPairs<T: OracleScalar>(_: T.Type, specials: Bool = true) -> [(String, NDArray<T>, NDArray<T>)] {
  var pairs: [(String, NDArray<T>, NDArray<T>)] = []
  for (sa, sb) in binaryShapes {
    for la in OperandLayout.allCases {
      for lb in [OperandLayout.c, .negative, .transposed] {
        let a = la.make(sampleValues(T.self, count: sa.reduce(1, *), seed: 1, specials: specials), shape: Dimensions(sa))
        let b = lb.make(sampleValues(T.self, count: sb.reduce(1, *), seed: 2, specials: specials), shape: Dimensions(sb))
        pairs.append(("\(T.self) \(sa)/\(la) \(sb)/\(lb)", a, b))
      }
    }
  }
  return pairs
}

@Suite("Arithmetic")
struct ArithmeticTests {
  func checkArithmetic<T: OracleScalar & Numeric>(_: T.Type, tolerance: Double = 0) throws {
    var check = OracleCheck<T>(tolerance: tolerance)
    // Complex operands include NaN and infinities: products and quotients
    // follow NumPy's loops, not swift-numerics' single point at infinity.
    for (label, a, b) in operandPairs(T.self) {
      check.add("\(label) +", "add", [a, b], result: a + b)
      check.add("\(label) -", "subtract", [a, b], result: a - b)
      check.add("\(label) *", "multiply", [a, b], result: a * b)
      check.add("\(label) /", "divide", [a, b], result: a / b)
    }
    for layout in OperandLayout.allCases {
      let a = layout.make(sampleValues(T.self, count: 12, seed: 3), shape: [3, 4])
      check.add("-\(layout)", "negative", [a], result: -a)
    }
    try check.verify()
  }

  @Test func integersWrapAndDivideAsDocumented() throws {
    try checkArithmetic(Int8.self)
    try checkArithmetic(UInt8.self)
    try checkArithmetic(Int16.self)
    try checkArithmetic(Int32.self)
    try checkArithmetic(Int64.self)
    try checkArithmetic(UInt64.self)
  }

  @Test func floatingPointMatchesNumPy() throws {
    try checkArithmetic(Float16.self, tolerance: 1e-3)
    try checkArithmetic(Float.self, tolerance: 1e-6)
    try checkArithmetic(Double.self)
    try checkArithmetic(Complex<Float>.self, tolerance: 1e-6)
    try checkArithmetic(Complex<Double>.self, tolerance: 1e-15)
  }

  @Test func integerEdgeCases() {
    let a: NDArray<Int8> = [-128, 127, 7, -7, 5]
    let b: NDArray<Int8> = [-1, 1, 0, 2, -2]
    #expect(a / b == [-128, 127, 0, -3, -2])  // min / -1 wraps; x / 0 is 0
    #expect(a + b == [127, -128, 7, -5, 3])
    #expect(-a == [-128, -127, -7, 7, -5])
    #expect(abs(a) == [-128, 127, 7, 7, 5])
    let u: NDArray<UInt8> = [0, 1, 255]
    #expect(-u == [0, 255, 1])
  }

  @Test func scalarsBroadcast() {
    let a: NDArray<Double> = [[1, 2], [3, 4]]
    #expect(a * 2 == [[2, 4], [6, 8]])
    #expect(10 - a == [[9, 8], [7, 6]])
    #expect(a / 2 + 1 == [[1.5, 2], [2.5, 3]])
    let f = NDArray<Float>.zeros([0])
    #expect((f * 2.5).shape == [0])
    let s = NDArray<Int32>(scalar: 3)
    #expect((s + s)[] == 6 && (s + s).ndim == 0)
  }

  @Test func inPlaceOperationsWriteThroughViews() {
    var m = NDArray<Double>.zeros([3, 4])
    var row = m[1, .all]
    row += NDArray<Double>([1, 2, 3, 4])
    #expect(m[item: 1, 3] == 4 && m[item: 0, 3] == 0)
    m *= 2
    #expect(m[1, .all] == [2, 4, 6, 8])
    var column = m[.all, 0]
    column -= 1
    #expect((m[.all, 0]).elements == [-1, 1, -1])
    var ints: NDArray<Int32> = [7, 8, 9]
    ints /= NDArray<Int32>([2, 0, -3])
    #expect(ints == [3, 0, -3])
  }

  @Test func overlappingOperandsGiveNumPysResults() {
    // a += a.T reads a as it was before.
    var a = NDArray<Double>((0..<16).map(Double.init), shape: [4, 4])
    let original = a.copy()
    a += a.transposed()
    #expect(a == original + original.transposed())
    // A shifted view of the same bytes.
    let data = NDArray<Int64>([1, 2, 3, 4, 5, 6])
    var tail = data[1...]
    tail += data[..<5]
    #expect(data == [1, 3, 5, 7, 9, 11])
    // A broadcast row of the target itself.
    var m = NDArray<Double>([1, 2, 3, 4], shape: [2, 2])
    m -= m[0, .all]
    #expect(m == [[0, 0], [2, 2]])
    // The very same elements are not copied: a += a doubles.
    var same = NDArray<Float>([1, 2])
    same += same
    #expect(same == [2, 4])
  }

  @Test func badShapesAndReadOnlyTargetsTrap() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<Double>.zeros([2, 3]) + NDArray<Double>.zeros([4])
    } .map { result in
      let message = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(message.contains("[2, 3]") && message.contains("[4]"))
    }
    await #expect(processExitsWith: .failure) {
      var a = NDArray<Double>.zeros([2]).asReadOnly()
      a += 1
    }
    await #expect(processExitsWith: .failure) {
      var a = NDArray<Double>.zeros([2])
      a += NDArray<Double>.zeros([2, 2])  // would have to grow the target
    }
  }

  @Test func broadcastShapeCanBeCheckedFirst() throws {
    #expect(try NDView.broadcastShape([3, 1], [4]) == [3, 4])
    #expect(throws: ViewError.self) { try NDView.broadcastShape([2, 3], [4]) }
  }
}

@Suite("Element-wise functions")
struct ElementwiseFunctionTests {
  func checkFunctions<T: OracleScalar & ElementaryFunctions>(_: T.Type, tolerance: Double) throws {
    var check = OracleCheck<T>(tolerance: tolerance)
    let functions: [(String, (NDArray<T>) -> NDArray<T>)] = [
      ("exp", { exp($0) }), ("expm1", { expMinusOne($0) }), ("log", { log($0) }), ("log1p", { log(onePlus: $0) }),
      ("sin", { sin($0) }), ("cos", { cos($0) }), ("tan", { tan($0) }), ("arcsin", { asin($0) }),
      ("arccos", { acos($0) }), ("arctan", { atan($0) }), ("sinh", { sinh($0) }), ("cosh", { cosh($0) }),
      ("tanh", { tanh($0) }), ("arcsinh", { asinh($0) }), ("arccosh", { acosh($0) }), ("arctanh", { atanh($0) }),
      ("sqrt", { sqrt($0) }),
    ]
    for layout in OperandLayout.allCases {
      // Values in (-3, 3), with NaN and infinities, plus a 0-d and an empty operand.
      for shape in [[5, 7] as [Int], [], [0, 3]] {
        let count = shape.reduce(1, *)
        let a = layout.make(sampleValues(T.self, count: count, seed: 5), shape: Dimensions(shape))
        for (name, f) in functions where !(T.self is Float16.Type && ["tan", "arcsinh"].contains(name)) {
          check.add("\(T.self) \(name) \(shape) \(layout)", name, [a], result: f(a))
        }
      }
    }
    // Long contiguous runs take the vector path; its tails are padded.
    let long = NDArray<T>(sampleValues(T.self, count: 1003, seed: 6, specials: false), shape: [1003])
    for (name, f) in functions.prefix(8) {
      check.add("\(T.self) \(name) long", name, [long], result: f(long))
    }
    try check.verify()
  }

  @Test func realFunctionsMatchNumPy() throws {
    try checkFunctions(Double.self, tolerance: 4e-15)
    try checkFunctions(Float.self, tolerance: 4e-7)
    try checkFunctions(Float16.self, tolerance: 2e-3)
  }

  @Test func complexFunctionsMatchNumPy() throws {
    try checkFunctions(Complex<Double>.self, tolerance: 1e-13)
    try checkFunctions(Complex<Float>.self, tolerance: 1e-5)
  }

  /// Contiguous `Float` and `Double` input takes libmvec (on two threads
  /// from 2^16 elements); an every-other-element view of the same values
  /// takes the scalar function. The two agree within 4 ulp, through
  /// libmvec's AVX-512 variants (where the processor has them) and through
  /// its AVX2 ones.
  @Test(.serialized, arguments: [(70_000, false), (999, false), (70_000, true), (999, true)])
  func vectorFunctionsAreWithinFourUlpOfTheScalarOnes(count: Int, avx2Only: Bool) {
    strided_isa_limit(Int32((avx2Only ? STRIDED_ISA_AVX2 : STRIDED_ISA_AVX512).rawValue))
    defer { strided_isa_limit(Int32(STRIDED_ISA_AVX512.rawValue)) }
    func check<T: NDElement & BinaryFloatingPoint & ElementaryFunctions>(
      _: T.Type, _ name: String, _ f: (NDArray<T>) -> NDArray<T>, domain: ClosedRange<Double>
    ) {
      let values = (0..<count).map { T(domain.lowerBound + (domain.upperBound - domain.lowerBound) * Double($0) / Double(count)) }
      var spread = [T](repeating: 0, count: 2 * count)
      for (i, v) in values.enumerated() { spread[2 * i] = v }
      let vector = f(NDArray(values))
      let scalar = f(NDArray(spread)[.slice(by: 2)])
      var worst: T = 0
      for (v, s) in zip(vector.flat, scalar.flat) where s.isFinite && s != 0 {
        worst = Swift.max(worst, Swift.abs(v - s) / s.ulp)
      }
      #expect(worst <= 4, "\(name) on \(T.self): largest difference \(worst) ulp")
    }
    func all<T: NDElement & BinaryFloatingPoint & ElementaryFunctions>(_ t: T.Type) {
      check(t, "exp", { exp($0) }, domain: -20...20)
      check(t, "log", { log($0) }, domain: 0.001...1000)
      check(t, "sin", { sin($0) }, domain: -100...100)
      check(t, "cos", { cos($0) }, domain: -100...100)
      check(t, "tanh", { tanh($0) }, domain: -10...10)
    }
    all(Double.self)
    all(Float.self)
  }

  @Test func powerAndAbsolute() throws {
    var check = OracleCheck<Double>(tolerance: 1e-14)
    for (label, a, b) in operandPairs(Double.self) {
      check.add("\(label) pow", "power", [a, b], result: pow(a, b))
    }
    try check.verify()
    #expect(pow(NDArray<Double>([2, -3]), 3) == [8, -27])
    #expect((root(NDArray<Double>([27, -8]), 3)).elements.map { ($0 * 1e12).rounded() / 1e12 } == [3, -2])
    #expect(abs(NDArray<Complex<Double>>([Complex(3, 4), Complex(-5, 12)])) == [5, 13])
    #expect(abs(NDArray<Double>([-0.0, -2, .infinity])) == NDArray<Double>([0, 2, .infinity]))
  }

  @Test func mapAndZipWithClosures() {
    let a: NDArray<Int32> = [[1, 2], [3, 4]]
    #expect(a.mapElements { Double($0) / 2 } == [[0.5, 1], [1.5, 2]])
    let flags = a.transposed().mapElements { $0 % 2 == 0 }
    #expect(flags == [[false, false], [true, true]])
    #expect(flags.mapElements { $0 ? 1 : 0 } as NDArray<UInt8> == [[0, 0], [1, 1]])
    let row: NDArray<Double> = [10, 20]
    #expect(a.zipElements(with: row) { Double($0) + $1 } == [[11, 22], [13, 24]])
  }
}
