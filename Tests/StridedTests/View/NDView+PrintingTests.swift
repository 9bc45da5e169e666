import Foundation
import Strided
import Testing

@Suite("Printing views of any format")
struct NDViewPrintingTests {
  @Test func recordsPrintFieldByField() throws {
    let values = NDArray<Double>([2, 4.5]).view
    let counts = NDArray<Int>([1, 3]).view
    let table = try NDView(recordsFrom: [("a", counts), ("b", values)])
    #expect(try table.valuesDescription() == "[(1, 2. ) (3, 4.5)]")
    // A 0-d record prints as NumPy's record scalar: floats at full precision.
    #expect(try table[0].valuesDescription() == "(1, 2.0)")
    let single = try NDView(recordsFrom: [("x", NDArray<Double>([1.123456789]).view)])
    #expect(try single.valuesDescription() == "[(1.12345679,)]")
    #expect(try single.valuesDescription(options: PrintOptions(precision: 3)) == "[(1.123,)]")
    let empty = try NDView(recordsFrom: [("x", NDArray<Int32>.zeros([0]).view)])
    #expect(try empty.valuesDescription() == "[]")
  }

  @Test func mixedFieldsAndSubArrays() throws {
    let format = try Format(parsing: "T{<h:a:3w:s:?:f:Zd:z:(2)f:v:}")
    let view = try NDView(format: format, shape: [2])
    try NDArray<Int16>([1, -30]).view.copy(into: view.field("a"))
    try NDArray<Bool>([true, false]).view.copy(into: view.field("f"))
    try NDArray<Complex<Double>>([Complex(1, 2), Complex(0.5, 0)]).view.copy(into: view.field("z"))
    try NDArray<Float>([[1, 2.5], [3, 4]]).view.copy(into: view.field("v"))
    try NDView(strings: ["ab", "c"], length: 3).copy(into: view.field("s"))
    #expect(
      try view.valuesDescription()
        == "[(  1, 'ab',  True, 1. +2.j, [1. , 2.5])\n (-30, 'c', False, 0.5+0.j, [3. , 4. ])]")
    #expect(try view[1].valuesDescription() == "(-30, 'c', False, 0.5+0.j, [3.0, 4.0])")
  }

  @Test func stringsFollowThePrintOptions() throws {
    let words = try NDView(strings: (0..<10).map { "w\($0)" })
    let options = PrintOptions(threshold: 5, edgeItems: 2)
    #expect(try words.valuesDescription(options: options) == "['w0' 'w1' ... 'w8' 'w9']")
    #expect(try withPrintOptions(options) { try words.stringDescription() } == "['w0' 'w1' ... 'w8' 'w9']")
  }

  @Test func numbersPrintAsTheirArrays() throws {
    let a = NDArray<Double>([[0.5, 1], [2, 3e10]])
    #expect(try a.view.valuesDescription() == a.description)
    #expect(try a.transposed().view.valuesDescription() == a.transposed().description)
    let z = NDArray<Complex<Float>>(scalar: Complex(1, 2))
    #expect(try z.view.valuesDescription() == "(1+2j)")
  }

  /// NumPy writes random record arrays (nested records, sub-array fields,
  /// every scalar kind, both byte orders, strings) and prints them under
  /// random print options; Strided reads the files and prints the same
  /// words, in C order, transposed, reversed and stepped.
  @Test(arguments: [1, 2, 3, 4, 5])
  func matchesNumPy(seed: Int) throws {
    guard Python.hasNumPy else { return }
    struct Case: Decodable {
      struct Options: Decodable {
        let precision: Int
        let threshold: Int
        let edgeitems: Int
        let linewidth: Int
        let suppress: Bool
      }
      let file: String
      let layout: String
      let options: Options
      let expected: String
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strided-records-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let script = Fixtures.directory.appendingPathComponent("records_print.py").path
    let output = try Python.run([script, directory.path, "\(seed)", "40"])
    let cases = try JSONDecoder().decode([Case].self, from: output)
    for c in cases {
      var view = try NDView(contentsOfNPY: URL(fileURLWithPath: c.file))
      switch c.layout {
      case "T": view = view.transposed()
      case "F": view = view.flipped(axis: 0)
      case "S": view = view[entries: [.slice(by: 2)]]
      default: break
      }
      let options = PrintOptions(
        precision: c.options.precision, threshold: c.options.threshold, edgeItems: c.options.edgeitems,
        lineWidth: c.options.linewidth, suppressSmall: c.options.suppress)
      let printed = try view.valuesDescription(options: options)
      #expect(printed == c.expected, "\(view.format) \(c.layout)")
    }
  }

  @Test func invalidCodePointsThrow() throws {
    let storage = ByteStorage(count: 8)
    storage.withUnsafeMutableBytes { $0.storeBytes(of: UInt32(0xD800), toByteOffset: 4, as: UInt32.self) }
    let view = try NDView(storage: storage, format: Format(parsing: "1w"), shape: [2])
    #expect(throws: StringError.self) { try view.valuesDescription() }
  }
}
