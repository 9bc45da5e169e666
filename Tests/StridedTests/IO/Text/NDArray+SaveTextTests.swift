import ComplexModule
import Foundation
import Testing

@testable import Strided

/// `NDArray.saveText`: NumPy's savetxt, byte for byte.
@Suite("Writing text files")
struct SaveTextTests {
  @Test("NumPy's output for 1-D and 2-D arrays, headers, footers and newlines (checked with python3)")
  func knownOutputs() throws {
    let v = NDArray<Double>([1.5, 2])
    #expect(try v.text() == "1.500000000000000000e+00\n2.000000000000000000e+00\n")
    let m = NDArray<Double>([1.5, 2, 3, 4], shape: [2, 2])
    #expect(try m.text() == "1.500000000000000000e+00 2.000000000000000000e+00\n3.000000000000000000e+00 4.000000000000000000e+00\n")
    #expect(try NDArray<Int64>([1, 2, 3, 4], shape: [2, 2]).text(format: "%d", delimiter: ",") == "1,2\n3,4\n")
    let row = NDArray<Double>([1.5, 2], shape: [1, 2])
    #expect(
      try row.text(header: "a b\nc", footer: "end")
        == "# a b\n# c\n1.500000000000000000e+00 2.000000000000000000e+00\n# end\n")
    #expect(
      try row.text(newline: "\r\n", header: "h\nh2", footer: "f")
        == "# h\n# h2\r\n1.500000000000000000e+00 2.000000000000000000e+00\r\n# f\r\n")
    #expect(try row.text(format: "%d|%.2f") == "1|2.00\n")
    #expect(try NDArray<Double>.zeros([3, 0]).text() == "\n\n\n")
    #expect(try NDArray<Double>.zeros([0, 3]).text() == "")
    let specials = NDArray<Double>([.nan, .infinity, -.infinity, -0.0])
    #expect(try specials.text() == "nan\ninf\n-inf\n-0.000000000000000000e+00\n")
    #expect(try specials.text(format: "%g") == "nan\ninf\n-inf\n-0\n")
    #expect(try NDArray<Double>([1.5, -2.5, 1e300]).text(format: "%d").hasPrefix("1\n-2\n1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160\n"))
    #expect(try NDArray<Bool>([true, false]).text() == "1.000000000000000000e+00\n0.000000000000000000e+00\n")
    #expect(try NDArray<Int8>([-1]).text(format: "%x") == "-1\n")
    #expect(try NDArray<UInt64>([1 << 63 + 5]).text(format: "%d") == "9223372036854775813\n")
    #expect(try NDArray<Float>([0.1]).text() == "1.000000014901161194e-01\n")
    #expect(
      try NDArray<Complex<Double>>([Complex(1, 2), Complex(3, -4)]).text()
        == " (1.000000000000000000e+00+2.000000000000000000e+00j)\n (3.000000000000000000e+00-4.000000000000000000e+00j)\n")
  }

  @Test("formats NumPy refuses, and ones outside the subset, throw")
  func refusedFormats() {
    let row = NDArray<Double>([1.5, 2], shape: [1, 2])
    for format in ["%d|%.2f|%d", "abc", "%%%.1f"] {
      #expect(throws: TextFileError(file: "<string>", reason: .invalidFormat("fmt has wrong number of % formats:  \(format)"))) {
        _ = try row.text(format: format)
      }
    }
    for format in ["%a", "%r", "%c", "%*d", "%"] {
      #expect(throws: TextFileError.self, "\(format)") { _ = try NDArray<Double>([1]).text(format: format) }
    }
    #expect(throws: TextFileError(file: "<string>", reason: .unsupportedDimensions(0))) {
      _ = try NDArray<Double>(scalar: 5).text()
    }
    #expect(throws: TextFileError(file: "<string>", reason: .unsupportedDimensions(3))) {
      _ = try NDArray<Double>.zeros([2, 2, 2]).text()
    }
    #expect(throws: TextFileError(file: "<string>", reason: .unformattableValue("cannot convert float NaN to integer"))) {
      _ = try NDArray<Double>([1, .nan]).text(format: "%d")
    }
  }

  /// A case for NumPy: values, shape, dtype and savetxt's arguments.
  struct OracleCase {
    var dtype: String
    var values: [Double]
    var shape: [Int]
    var format: String
    var delimiter = " "
    var newline = "\n"
    var header = ""
    var footer = ""
    var comments = "# "
  }

  @Test("the same bytes as np.savetxt for a table of printf formats, flags, widths and element types")
  func againstNumPy() throws {
    guard Python.hasNumPy else { return }
    var cases: [OracleCase] = []
    let reals: [Double] = [0, -0.0, 1, -1, 0.1, -2.5, 123456.789, 1e-300, .leastNonzeroMagnitude, 1.7976931348623157e308, 1e22, .nan, .infinity, -.infinity, 3.14159, -1e15]
    let floatFormats = [
      "%.18e", "%e", "%.3e", "%E", "%f", "%.6f", "%.0f", "%#.0f", "%g", "%.3g", "%#g", "%G", "%+.2f", "% .2f", "%010.3f",
      "%-12.4e", "%12g", "%.17g", "%5.1f", "%+08.2e", "%lf", "%d", "%i", "%u", "%5d", "%-5d", "%+d",
    ]
    for format in floatFormats {
      cases.append(OracleCase(dtype: "float64", values: reals.filter { format.contains("d") || format.contains("i") || format.contains("u") ? $0.isFinite : true }, shape: [-1], format: format))
    }
    let ints: [Double] = [0, 1, -1, 42, -42, 255, -128, 65535, 1e9, -1e9, 9007199254740991]
    for format in ["%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%05.3d", "%x", "%X", "%#x", "%#X", "%o", "%#o", "%08x", "%.18e", "%g", "%.2f"] {
      cases.append(OracleCase(dtype: "int64", values: ints, shape: [-1], format: format))
    }
    cases.append(OracleCase(dtype: "int8", values: [-128, 127, 0], shape: [-1], format: "%d"))
    cases.append(OracleCase(dtype: "uint8", values: [0, 255], shape: [-1], format: "%x"))
    cases.append(OracleCase(dtype: "float32", values: [0.1, 1e30, -3.5, .nan], shape: [-1], format: "%.18e"))
    cases.append(OracleCase(dtype: "float16", values: [0.1, 65504, -3.5], shape: [-1], format: "%.10g"))
    cases.append(OracleCase(dtype: "bool", values: [1, 0, 1], shape: [-1], format: "%d"))
    cases.append(OracleCase(dtype: "bool", values: [1, 0, 1], shape: [-1], format: "%.18e"))
    cases.append(
      OracleCase(
        dtype: "float64", values: (0..<12).map { Double($0) * 1.25 - 3 }, shape: [4, 3], format: "%.3f",
        delimiter: ",", newline: "\r\n", header: "x,y,z\nunits", footer: "done\n2", comments: "// "))
    cases.append(OracleCase(dtype: "float64", values: (0..<6).map { Double($0) / 7 }, shape: [2, 3], format: "%d;%.2f;%g", delimiter: ";"))
    cases.append(OracleCase(dtype: "complex128", values: [1, -2, 3.5, 0, -0.0, -1e-5, .nan, .infinity], shape: [2, 2], format: "%.4e"))
    cases.append(OracleCase(dtype: "complex128", values: [1, -2, 3.5, 4], shape: [1, 2], format: "%.1f|%.1f,%.2f|%.2f"))

    let json: [[String: Any]] = cases.map { c in
      [
        // Swift's shortest round-trip spelling, which Python's float() reads
        // back exactly (-0.0, inf and nan included).
        "dtype": c.dtype, "values": c.values.map { "\($0)" },
        "shape": c.shape, "fmt": c.format, "delimiter": c.delimiter, "newline": c.newline, "header": c.header,
        "footer": c.footer, "comments": c.comments,
      ]
    }
    let folder = try temporaryFolder("savetext-numpy")
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("cases.json")
    try JSONSerialization.data(withJSONObject: json).write(to: input)
    let output = try Python.run([
      "-c",
      """
      import io, json, sys, numpy as np
      out = []
      for c in json.load(open(sys.argv[1])):
          vals = [float(v) for v in c['values']]
          if c['dtype'].startswith('complex'):
              a = np.empty(len(vals) // 2, dtype=c['dtype'])
              a.real = vals[0::2]
              a.imag = vals[1::2]
          else:
              a = np.array(vals).astype(c['dtype'])
          a = a.reshape(c['shape'])
          f = io.BytesIO()
          np.savetxt(f, a, fmt=c['fmt'], delimiter=c['delimiter'], newline=c['newline'], header=c['header'],
                     footer=c['footer'], comments=c['comments'])
          out.append(f.getvalue().decode())
      print(json.dumps(out))
      """,
      input.path,
    ])
    let expected = try JSONSerialization.jsonObject(with: output) as! [String]
    for (c, numpy) in zip(cases, expected) {
      let written: String
      switch c.dtype {
      case "float64": written = try Self.array(c, Double.self).text(format: c.format, delimiter: c.delimiter, newline: c.newline, header: c.header, footer: c.footer, comments: c.comments)
      case "float32": written = try Self.array(c, Float.self).text(format: c.format)
      case "float16": written = try Self.array(c, Float16.self).text(format: c.format)
      case "int64": written = try NDArray<Int64>(c.values.map { Int64($0) }).text(format: c.format)
      case "int8": written = try NDArray<Int8>(c.values.map { Int8($0) }).text(format: c.format)
      case "uint8": written = try NDArray<UInt8>(c.values.map { UInt8($0) }).text(format: c.format)
      case "bool": written = try NDArray<Bool>(c.values.map { $0 != 0 }).text(format: c.format)
      default:
        let z = stride(from: 0, to: c.values.count, by: 2).map { Complex(c.values[$0], c.values[$0 + 1]) }
        let rows = c.shape[0]
        written = try NDArray<Complex<Double>>(z, shape: [rows, z.count / rows]).text(format: c.format, delimiter: c.delimiter)
      }
      #expect(written == numpy, "\(c.dtype) \(c.format.debugDescription)")
    }
  }

  static func array<T: BinaryFloatingPoint & NDElement>(_ c: OracleCase, _: T.Type) -> NDArray<T> {
    let values = c.values.map { T($0) }
    return c.shape == [-1] ? NDArray(values) : NDArray(values, shape: Dimensions(c.shape))
  }

  @Test("text written by saveText reads back the same, through NumPy too")
  func roundTrip() throws {
    let folder = try temporaryFolder("savetext-roundtrip")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("m.csv")
    let m = NDArray<Double>((0..<40_000).map { Double($0).squareRoot() * (($0 % 3 == 0) ? -1e-7 : 1e9) }, shape: [10_000, 4])
    try m.saveText(to: url, delimiter: ",")
    #expect(try NDArray<Double>.loadText(from: url, delimiter: ",") == m)
    try m.saveText(to: url, format: "%.17g", delimiter: ",", header: "a,b,c,d")
    #expect(try NDArray<Double>.loadText(from: url, delimiter: ",") == m)
    guard Python.hasNumPy else { return }
    let check = try Python.run([
      "-c", "import numpy as np, sys; a = np.loadtxt(sys.argv[1], delimiter=','); print(a.shape)",
      url.path,
    ])
    #expect(String(decoding: check, as: UTF8.self).hasPrefix("(10000, 4)"))
  }

  @Test("a write cut off at any point leaves the old file as it was; a complete one replaces it")
  func atomicReplacement() throws {
    let folder = try temporaryFolder("savetext-atomic")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("data.txt")
    try NDArray<Double>([1, 2, 3]).saveText(to: url)
    let before = try Data(contentsOf: url)
    let new = NDArray<Double>((0..<3000).map { Double($0) }, shape: [1000, 3])
    let total = try new.text().utf8.count
    for budget in [0, 1, 100, total / 2, total - 1] {
      #expect(throws: TextFileError.self) {
        try WriteFaults.$budget.withValue(budget) { try new.saveText(to: url) }
      }
      #expect(try Data(contentsOf: url) == before, "cut at \(budget) of \(total)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["data.txt"])
    // A format error is found before the file is touched.
    #expect(throws: TextFileError.self) { try new.saveText(to: url, format: "%r") }
    #expect(try Data(contentsOf: url) == before)
    try new.saveText(to: url, format: "%d")
    #expect(try String(contentsOf: url, encoding: .utf8) == (try new.text(format: "%d")))
    #expect(try NDArray<Int64>.loadText(from: url) == NDArray<Int64>((0..<3000).map { Int64($0) }, shape: [1000, 3]))
  }
}
