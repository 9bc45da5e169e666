import ComplexModule
import Foundation
import Testing

@testable import Strided

/// Exercises one element type end to end: creation, typed access, views,
/// iteration and equality.
func checkElementType<T: NDElement & ExpressibleByIntegerLiteral>(_: T.Type, values: [T]) throws {
  precondition(values.count == 6)
  let m = NDArray<T>(values, shape: [2, 3])
  #expect(m.view.format == T.format)
  #expect(m.view.itemSize == MemoryLayout<T>.size)
  #expect(m[item: 1, 2] == values[5])
  #expect(m[item: -1, -3] == values[3])
  #expect(m.transposed()[item: 2, 0] == values[2])
  #expect((m.transposed()).elements == [values[0], values[3], values[1], values[4], values[2], values[5]])
  #expect((m[.all, .slice(by: -1)]).elements == [values[2], values[1], values[0], values[5], values[4], values[3]])
  #expect(m[1].elements == Array(values[3...]))
  let copy = m.copy(order: .fortran)
  #expect(copy == m)
  copy[item: 0, 0] = values[5]
  #expect(copy != m)
  #expect(m[item: 0, 0] == values[0])
  // Round trip through the untyped view.
  #expect(try NDArray<T>(m.view) == m)
  #expect(NDArray<T>.zeros([2, 2]).elements == [0, 0, 0, 0])
  #expect(NDArray<T>.ones([3]).elements == [T.multiplicativeIdentity, .multiplicativeIdentity, .multiplicativeIdentity])
  #expect(NDArray<T>(repeating: values[4], shape: []).elements == [values[4]])
  #expect(NDArray<T>.identity(2).elements == [1, 0, 0, 1])
  #expect(try m.broadcast(to: [2, 2, 3])[item: 1, 1, 2] == values[5])
  #expect(m.count == 6 && m.ndim == 2 && m.shape == [2, 3])
}

@Suite("NDArray: typed arrays")
struct NDArrayTests {
  @Test func everyElementType() throws {
    try checkElementType(Int8.self, values: [1, -2, 3, -4, 5, -128])
    try checkElementType(Int16.self, values: [1, -2, 3, -4, 5, .min])
    try checkElementType(Int32.self, values: [1, -2, 3, -4, 5, .max])
    try checkElementType(Int64.self, values: [1, -2, 3, -4, 5, .min])
    try checkElementType(Int.self, values: [1, -2, 3, -4, 5, .max])
    try checkElementType(UInt8.self, values: [1, 2, 3, 4, 5, 255])
    try checkElementType(UInt16.self, values: [1, 2, 3, 4, 5, .max])
    try checkElementType(UInt32.self, values: [1, 2, 3, 4, 5, .max])
    try checkElementType(UInt64.self, values: [1, 2, 3, 4, 5, .max])
    try checkElementType(UInt.self, values: [1, 2, 3, 4, 5, .max])
    try checkElementType(Float16.self, values: [1, -2.5, 3, 0.25, 5, 65504])
    try checkElementType(Float.self, values: [1, -2.5, 3, .pi, 5, .greatestFiniteMagnitude])
    try checkElementType(Double.self, values: [1, -2.5, 3, .pi, 5, -.infinity])
    try checkElementType(Complex<Float>.self, values: [1, Complex(0, 2), 3, Complex(-1, -1), 5, 6])
    try checkElementType(Complex<Double>.self, values: [1, Complex(0, 2), 3, Complex(-1, -1), 5, 6])
  }

  @Test func booleans() throws {
    let b: NDArray<Bool> = [[true, false], [false, true]]
    #expect(b[item: 0, 0] && !b[item: 0, 1])
    #expect(b.transposed().elements == [true, false, false, true])
    #expect(NDArray<Bool>.ones([2]).elements == [true, true])
    #expect(NDArray<Bool>.zeros([2]).elements == [false, false])
    // Any non-zero byte reads as true.
    let raw = try NDView(storage: ByteStorage(copying: [UInt8(0), 2, 255]), format: .bool, shape: [3])
    #expect(try NDArray<Bool>(raw).elements == [false, true, true])
  }

  @Test("a typed array checks the view's format and item size")
  func typedViewsAreChecked() throws {
    let doubles = try NDView(format: .float64, shape: [3])
    #expect(try NDArray<Double>(doubles).count == 3)
    #expect(throws: ViewError.elementTypeMismatch(expected: "Float", format: "d", itemSize: 8)) {
      try NDArray<Float>(doubles)
    }
    #expect(throws: ViewError.self) { try NDArray<Int64>(doubles) }
    let big = try NDView(format: ">d", shape: [3])
    #expect(throws: ViewError.elementTypeMismatch(expected: "Double", format: ">d", itemSize: 8)) {
      try NDArray<Double>(big)
    }
    let padded = try NDView(storage: ByteStorage(count: 48), format: .float64, shape: [3], itemSize: 16)
    #expect(throws: ViewError.self) { try NDArray<Double>(padded) }
    let chars = try NDView(format: .char, shape: [2])
    #expect(try NDArray<UInt8>(chars).count == 2)
    #expect(throws: ViewError.self) { try NDArray<Int8>(chars) }
    let record = try NDView(format: "T{d:x:}", shape: [2])
    #expect(throws: ViewError.self) { try NDArray<Double>(record) }
    #expect(try NDArray<Double>(record.field("x")).count == 2)
    // 'l' is a 64-bit integer in native mode.
    #expect(try NDArray<Int>(NDView(format: "l", shape: [1])).count == 1)
    #expect(try NDArray<Int32>(NDView(format: "=l", shape: [1])).count == 1)
  }

  @Test func nestedLiterals() {
    let m: NDArray<Double> = [[1, 2.5], [3, 4]]
    #expect(m.shape == [2, 2])
    #expect(m.elements == [1, 2.5, 3, 4])
    let cube: NDArray<Int> = [[[1], [2]], [[3], [4]]]
    #expect(cube.shape == [2, 2, 1])
    let empty: NDArray<Float> = []
    #expect(empty.shape == [0])
    let emptyRows: NDArray<Float> = [[], []]
    #expect(emptyRows.shape == [2, 0])
    let z: NDArray<Complex<Double>> = [.element(Complex(1, 2)), 3]
    #expect(z[item: 0] == Complex(1, 2) && z[item: 1] == Complex(3, 0))
  }

  @Test func raggedLiteralsTrap() async {
    await #expect(processExitsWith: .failure) {
      let ragged: NDArray<Int> = [[1, 2], [3]]
      _ = ragged
    }
    await #expect(processExitsWith: .failure) {
      let mixed: NDArray<Int> = [[1, 2], 3]
      _ = mixed
    }
  }

  @Test func ranges() {
    #expect(NDArray<Int>.arange(to: 4).elements == [0, 1, 2, 3])
    #expect(NDArray<Int>.arange(from: 1, to: 10, by: 3).elements == [1, 4, 7])
    #expect(NDArray<Int>.arange(from: 5, to: 0, by: -2).elements == [5, 3, 1])
    #expect(NDArray<Int>.arange(from: 5, to: 5).count == 0)
    #expect(NDArray<UInt8>.arange(from: 250, to: 255, by: 2).elements == [250, 252, 254])
    #expect(NDArray<Double>.arange(from: 0, to: 1, by: 0.25).elements == [0, 0.25, 0.5, 0.75])
    #expect(NDArray<Double>.arange(from: 1, to: 0, by: -0.5).elements == [1, 0.5])
    #expect(NDArray<Float>.arange(from: 0, to: 1, by: 0.3).count == 4)
    #expect(NDArray<Double>.linspace(from: 0, to: 1, count: 5).elements == [0, 0.25, 0.5, 0.75, 1])
    #expect(NDArray<Double>.linspace(from: 0, to: 1, count: 4, includingEnd: false).elements == [0, 0.25, 0.5, 0.75])
    #expect(NDArray<Double>.linspace(from: 2, to: 3, count: 1).elements == [2])
    #expect(NDArray<Double>.linspace(from: 2, to: 3, count: 0).count == 0)
    #expect(NDArray<Double>.identity(0).shape == [0, 0])
  }

  @Test func elementsInLogicalOrder() {
    let m = NDArray<Int>.arange(to: 24).reshapedOrTrap([2, 3, 4])
    #expect((m.permuted([2, 0, 1])).elements[0..<4] == [0, 4, 8, 12])
    #expect((m.flipped()).elements.first == 23)
    #expect((m[.ellipsis, 1]).elements == [1, 5, 9, 13, 17, 21])
    #expect(Array(NDArray<Int>.zeros([0, 3])).isEmpty)
    #expect((NDArray(scalar: 5)).elements == [5])
  }

  @Test func equality() {
    let a: NDArray<Double> = [[1, 2], [3, 4]]
    let b = a.transposed().copy().transposed()
    #expect(a == b)
    #expect(a != a.transposed())
    #expect(a != NDArray<Double>([1, 2, 3, 4]))
    let nan = NDArray<Double>([.nan])
    #expect(nan != nan)
  }

  @Test(
    "descriptions match NumPy's str, with its print options, for every element type and layout",
    arguments: try! Fixtures.load("printing.json", as: [PrintCase].self))
  func descriptions(_ print: PrintCase) {
    let options = print.options?.printOptions ?? PrintOptions()
    let shape = Dimensions(print.shape)
    func check<T: NDElement>(_ values: [T]) {
      for layout in OperandLayout.allCases {
        #expect(layout.make(values, shape: shape).description(options: options) == print.str, "\(layout)")
      }
      // As print(a) sees it, under scoped options.
      withPrintOptions(options) { #expect(NDArray(values, shape: shape).description == print.str) }
    }
    let values = print.values
    switch print.dtype ?? (print.kind == "int" ? "int64" : print.kind == "float" ? "float64" : "complex128") {
    case "bool": check(values.map { $0.flag! })
    case "int8": check(values.map { Int8($0.integer) })
    case "int16": check(values.map { Int16($0.integer) })
    case "int32": check(values.map { Int32($0.integer) })
    case "int64": check(values.map { Int($0.integer) })
    case "uint8": check(values.map { UInt8($0.unsigned) })
    case "uint16": check(values.map { UInt16($0.unsigned) })
    case "uint32": check(values.map { UInt32($0.unsigned) })
    case "uint64": check(values.map { $0.unsigned })
    case "float16": check(values.map { Float16($0.real) })
    case "float32": check(values.map { Float($0.real) })
    case "float64": check(values.map { $0.real })
    case "complex64": check(values.map { Complex<Float>(Float($0.pair![0].real), Float($0.pair![1].real)) })
    case "complex128": check(values.map { Complex<Double>($0.pair![0].real, $0.pair![1].real) })
    default: Issue.record("no element type for \(print.dtype ?? print.kind)")
    }
  }

  @Test func otherDescriptions() {
    #expect(NDArray<Bool>([true, false]).description == "[ True False]")
    #expect(NDArray<Bool>(scalar: true).description == "True")
    #expect(NDArray<Float>([0.5, 1]).description == "[0.5 1. ]")
    #expect(NDArray<Double>(scalar: 0.1 + 0.2).description == "0.30000000000000004")
    #expect(NDArray<Int>([1]).debugDescription.hasPrefix("NDArray<Int>(shape: [1], strides: [8])"))
  }

  @Test("nested arrays make matrices, as np.array does (deeper nesting: an array literal)")
  func nestedArrays() {
    let m = NDArray<Int>([[0, 1], [1, 0]])
    #expect(m.shape == [2, 2] && m.elements == [0, 1, 1, 0])
    let rows: [[Double]] = [[1, 2, 3], [4, 5, 6]]
    let a = NDArray(rows)
    #expect(a.shape == [2, 3] && a == [[1, 2, 3], [4, 5, 6]])
    #expect(NDArray<Double>([]).shape == [0])
    #expect(NDArray<Double>([[]]).shape == [1, 0])
    #expect(NDArray<Bool>([[true], [false]]).elements == [true, false])
    let cube: NDArray<Double> = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]
    #expect(cube.shape == [2, 2, 2] && cube[item: 1, 0, 1] == 6)
  }

  @Test("ragged nested arrays trap, naming the row")
  func raggedNestedArrays() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<Int>([[1, 2], [3]])
    }.map { result in
      let message = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(message.contains("row 1 has 1 elements, but row 0 has 2"))
    }
  }

  @Test func writesThroughAnyView() {
    let m = NDArray<Int>.zeros([3, 3])
    m.diagonal()[item: 1] = 5
    m[.all, 2][item: 0] = 7
    let scalar = m[2, .all][.at(0)]
    scalar[] = 9
    #expect(m.elements == [0, 0, 7, 0, 5, 0, 9, 0, 0])
    m[item: [1, 1]] = 6
    #expect(m[item: [1, 1]] == 6)
  }

  @Test func reinterpretation() throws {
    let m = NDArray<Double>([1, -1])
    let bits = try m.reinterpreted(as: UInt64.self)
    #expect(bits.elements == [Double(1).bitPattern, Double(-1).bitPattern])
    let halves = try m.reinterpreted(as: UInt32.self)
    #expect(halves.shape == [4])
  }

  @Test("a negative bound in a Swift range traps, naming the slice that counts from the end")
  func negativeRangeBounds() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<Int>.arange(to: 5)[..<(-1)]
    }.map { result in
      let message = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(message.contains("range 0..<-1 is out of bounds for axis 0 of size 5"))
      #expect(message.contains(".slice(to: -1)"))
    }
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<Int>.arange(to: 5)[(-2)...]
    }.map { result in
      #expect(String(decoding: result.standardErrorContent, as: UTF8.self).contains(".slice(from: -2)"))
    }
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<Int>.zeros([2, 5])[.all, (-3)..<(-1)]
    }.map { result in
      let message = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(message.contains("axis 1 of size 5") && message.contains(".slice(from: -3, to: -1)"))
    }
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<Int>.arange(to: 5)[(-3)...(-1)]
    }.map { result in
      #expect(String(decoding: result.standardErrorContent, as: UTF8.self).contains(".slice(from: -3)"))
    }
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<Int>.arange(to: 5)[2..<9]
    }.map { result in
      let message = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(message.contains("range 2..<9 is out of bounds") && !message.contains(".slice"))
    }
  }

  @Test("traps name the array, the axis and the sizes")
  func trapMessages() async {
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let m = NDArray<Int>.zeros([2, 3])
      _ = m[1, 3]
    }.map { result in
      let message = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(message.contains("index 3 is out of range for axis 1 of size 3"))
    }
    await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<Int>.zeros([2, 3])[item: 1]
    }.map { result in
      let message = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(message.contains("1 indices for an array of 2 dimensions (a[i] selects a sub-array)"))
    }
    await #expect(processExitsWith: .failure) {
      let m = NDArray<Int>.zeros([2]).asReadOnly()
      m[item: 0] = 1
    }
    await #expect(processExitsWith: .failure) {
      _ = NDArray<Int>([1, 2, 3], shape: [2, 2])
    }
    await #expect(processExitsWith: .failure) {
      _ = NDArray<Double>.zeros([-1])
    }
    await #expect(processExitsWith: .failure) {
      NDArray<Int>([1]).copy(into: NDArray<Int>.zeros([2]).asReadOnly())
    }
  }
}

/// One array, the print options it is printed with, and the string NumPy
/// prints for it.
struct PrintCase: Decodable, Sendable, CustomTestStringConvertible {
  /// A JSON number, a Boolean, a string (an integer in decimal, or "nan",
  /// "inf", "-inf") or a [real, imaginary] pair.
  struct Value: Decodable, Sendable {
    var number: Double?
    var flag: Bool?
    var text: String?
    var pair: [Value]?

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let number = try? container.decode(Double.self) {
        self.number = number
      } else if let flag = try? container.decode(Bool.self) {
        self.flag = flag
      } else if let pair = try? container.decode([Value].self) {
        self.pair = pair
      } else {
        self.text = try container.decode(String.self)
      }
    }

    /// A floating-point value.
    var real: Double { number ?? Double(text!)! }
    /// A signed integer, exact to 64 bits.
    var integer: Int64 { text.map { Int64($0)! } ?? Int64(number!) }
    /// An unsigned integer, exact to 64 bits.
    var unsigned: UInt64 { text.map { UInt64($0)! } ?? UInt64(number!) }
  }

  /// NumPy's `np.printoptions` keywords.
  struct Options: Decodable, Sendable {
    var precision: Int?
    var threshold: Int?
    var edgeitems: Int?
    var linewidth: Int?
    var suppress: Bool?

    var printOptions: PrintOptions {
      PrintOptions(
        precision: precision ?? 8, threshold: threshold ?? 1000, edgeItems: edgeitems ?? 3, lineWidth: linewidth ?? 75,
        suppressSmall: suppress ?? false)
    }
  }

  let kind: String
  /// NumPy's dtype name; absent for the first cases (`int64`, `float64`,
  /// `complex128` by `kind`).
  let dtype: String?
  let shape: [Int]
  let values: [Value]
  let str: String
  let options: Options?
  var testDescription: String { "\(dtype ?? kind)\(shape) \(options.map { "\($0.printOptions)" } ?? "")" }
}

extension NDArray {
  func reshapedOrTrap(_ shape: Dimensions) -> NDArray {
    try! reshaped(to: shape)
  }
}
