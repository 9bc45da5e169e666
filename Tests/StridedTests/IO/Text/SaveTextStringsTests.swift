import Foundation
import Testing

@testable import Strided

/// `saveText` with `%s`: dates, durations, strings, records and numbers
/// written as NumPy's savetxt writes them.
@Suite("Writing dates, strings and records as text")
struct SaveTextStringsTests {
  @Test("known outputs of %s (checked with python3)")
  func knownOutputs() throws {
    let days = try NDArray<DateTime64<Days>>(parsing: ["2020-01-01", "NaT", "1969-12-31"])
    #expect(try days.text(format: "%s") == "2020-01-01\nNaT\n1969-12-31\n")
    #expect(try days.text(format: "%12s|") == "  2020-01-01|\n         NaT|\n  1969-12-31|\n")
    #expect(try days.text(format: "%.4s") == "2020\nNaT\n1969\n")
    let seconds = NDArray<TimeDelta64<Seconds>>(counts: NDArray<Int64>([5, -3, .min]))
    #expect(try seconds.text(format: "%s") == "5 seconds\n-3 seconds\nNaT\n")
    #expect(throws: TextFileError(file: "<string>", reason: .invalidFormat(
      "Mismatch between array dtype ('datetime64[D]') and format specifier ('%.18e')"))) {
      _ = try days.text()
    }
    let words = try NDView(strings: ["ab", "é日", ""])
    #expect(try words.text(format: "%s") == "ab\né日\n\n")
    #expect(try words.text(format: "%3s|") == " ab|\n é日|\n   |\n")
    let bytes = try NDView(byteStrings: [Array("ab".utf8), [39, 92, 0x7F], Array("c\"'".utf8)], shape: [1, 3])
    #expect(try bytes.text(format: "%s") == #"b'ab' b"'\\\x7f" b'c"\''"# + "\n")
    #expect(try NDArray<Double>([1.5, 1e16, 1e-5, 0.0001, -0.0, .nan, -.infinity]).text(format: "%s")
      == "1.5\n1e+16\n1e-05\n0.0001\n-0.0\nnan\n-inf\n")
    #expect(try NDArray<Float>([1e-4, 999999, 1e6, 0.1]).text(format: "%s") == "1e-04\n999999.0\n1e+06\n0.1\n")
    #expect(try NDArray<Float16>([999, 1000, 0.0001]).text(format: "%s") == "999.0\n1e+03\n0.0001\n")
    #expect(try NDArray<Bool>([true, false]).text(format: "%s") == "True\nFalse\n")
    #expect(try NDArray<Int64>([1, -2], shape: [1, 2]).text(format: "%s") == "1 -2\n")
  }

  @Test("dates, durations, strings, numbers and records as NumPy's savetxt writes them, byte for byte")
  func numpyOutputs() throws {
    guard Python.hasNumPy else { return }
    let folder = try temporaryFolder("savetext-strings")
    defer { try? FileManager.default.removeItem(at: folder) }
    let formats = ["%s", "%30s", "%-30s|", "%.5s", "%-8.3s:"]
    _ = try Python.run([
      "-c",
      """
      import numpy as np, sys, io, warnings
      warnings.simplefilter('ignore')
      d = sys.argv[1]
      rng = np.random.default_rng(5)
      formats = \(formats)
      def save(name, a):
          np.save(f'{d}/{name}.npy', a)
          for k, fmt in enumerate(formats):
              f = io.StringIO()
              np.savetxt(f, a, fmt=fmt)
              open(f'{d}/{name}.{k}.txt', 'w', encoding='utf-8').write(f.getvalue())
      for unit in ['Y', 'M', 'D', 'h', 's', 'ms', 'us', 'ns']:
          counts = rng.integers(-10**6 if unit in 'YMDh' else -10**15, 10**6 if unit in 'YMDh' else 10**15, 40)
          counts[::7] = np.iinfo(np.int64).min
          save('M' + unit, counts.astype(f'M8[{unit}]'))
          save('m' + unit, counts.astype(f'm8[{unit}]'))
      save('U', np.array(['a', 'bc d', '', 'é日本', 'x' * 12, ' lead']).reshape(2, 3))
      save('S', np.array([b'a', b'q"uo\\'te', b'', b'\\x00mid\\x01', b'\\\\', b'\\xff\\t']).reshape(3, 2))
      x = rng.standard_normal(30) * 10.0 ** rng.integers(-8, 20, 30)
      x[:6] = [0.0, -0.0, np.nan, np.inf, -np.inf, 1e-4]
      save('f8', x)
      save('f4', x.astype(np.float32))
      save('f2', np.clip(x, -6e4, 6e4).astype(np.float16))
      save('i8', rng.integers(-2**63, 2**63 - 1, 20, dtype=np.int64, endpoint=True))
      save('u1', rng.integers(0, 255, (4, 5), dtype=np.uint8))
      save('b1', rng.random(9) < 0.5)
      """,
      folder.path,
    ])
    func check(_ name: String, _ text: (String) throws -> String) throws {
      for (k, format) in formats.enumerated() {
        let expected = try String(contentsOf: folder.appendingPathComponent("\(name).\(k).txt"), encoding: .utf8)
        #expect(try text(format) == expected, "\(name) with \(format)")
      }
    }
    func url(_ name: String) -> URL { folder.appendingPathComponent("\(name).npy") }
    func dates<U: TimeUnit>(_ code: String, _: U.Type) throws {
      let points = try NDArray<DateTime64<U>>(contentsOfNPY: url("M" + code))
      try check("M" + code) { try points.text(format: $0) }
      let durations = try NDArray<TimeDelta64<U>>(contentsOfNPY: url("m" + code))
      try check("m" + code) { try durations.text(format: $0) }
    }
    try dates("Y", Years.self)
    try dates("M", Months.self)
    try dates("D", Days.self)
    try dates("h", Hours.self)
    try dates("s", Seconds.self)
    try dates("ms", Milliseconds.self)
    try dates("us", Microseconds.self)
    try dates("ns", Nanoseconds.self)
    for name in ["U", "S", "f8", "f4", "f2", "i8", "u1", "b1"] {
      let view = try NDView(contentsOfNPY: url(name))
      try check(name) { try view.text(format: $0) }
    }
  }

  @Test("big-endian items are written by value; pointers are refused, not trapped on")
  func byteOrderAndPointers() throws {
    let bigEndian = (1.5.bitPattern.bigEndian, (-2.0).bitPattern.bigEndian)
    let bytes = withUnsafeBytes(of: bigEndian) { Array($0) }
    let view = try NDView(storage: ByteStorage(copyingBytesOf: bytes), format: ">d", shape: [2])
    #expect(try view.text(format: "%s") == "1.5\n-2.0\n")
    #expect(try view.text(format: "%.1f") == "1.5\n-2.0\n")
    let pointers = try NDView(storage: ByteStorage(copyingBytesOf: [UInt8](repeating: 0, count: 16)), format: "P", shape: [2])
    #expect(throws: TextFileError.self) { _ = try pointers.text(format: "%d") }
  }

  @Test("records: one field a column, per-field formats, as NumPy's savetxt")
  func records() throws {
    let table = try NDView.loadTable(
      fromString: "1,ada,1.5\n2,bob,-0.25\n", types: [.int64, .string, .float64], delimiter: ",")
    #expect(try table.text(format: "%d,%s,%.2f") == "1,ada,1.50\n2,bob,-0.25\n")
    #expect(try table.text(format: "%s", delimiter: ";") == "1;ada;1.5\n2;bob;-0.25\n")
    #expect(throws: TextFileError(file: "<string>", reason: .invalidFormat(
      "Mismatch between array dtype ('<U3') and format specifier ('%d,%d,%.2f')"))) {
      _ = try table.text(format: "%d,%d,%.2f")
    }
    let complex = try NDView.loadTable(fromString: "1+2j\n", types: [.complex128], names: ["z"], minimumDimensions: 1)
    #expect(throws: TextFileError.self) { _ = try complex.text(format: "%s") }
    // Round trip through loadTable.
    let folder = try temporaryFolder("savetext-records")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("t.csv")
    try table.saveText(to: path, format: "%d,%s,%s")
    let back = try NDView.loadTable(from: path, types: [.int64, .string, .float64], delimiter: ",")
    #expect(back.withUnsafeBytes { Array($0) } == table.withUnsafeBytes { Array($0) })
  }
}
