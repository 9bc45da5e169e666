import Foundation
import Testing

@testable import Strided

/// `NDView.loadTable` with string fields and types found from the data:
/// NumPy's genfromtxt with `U`/`S` fields and `dtype=None`.
@Suite("Reading tables with string fields and guessed types")
struct LoadTableTypesTests {
  static func strings(_ view: NDView) throws -> [String] { try view.strings() }

  /// A format's layout: each field's name, offset and format, and the item
  /// size (the same records whichever way a format string spells them).
  static func layout(_ format: Format) -> String {
    guard case .record(let fields) = format.kind else { return format.description }
    return fields.map { "\($0.name ?? "")@\($0.offset):\($0.format)" }.joined(separator: " ") + " /\(format.itemSize)"
  }

  @Test("string fields: the longest field's length, a given length, byte strings, missing ones empty")
  func stringFields() throws {
    let text = "1,ab,x\n2,,日本語\n3, c d ,y \n"
    let t = try NDView.loadTable(fromString: text, types: [.int64, .string, .byteString], delimiter: ",")
    #expect(t.format.description == Format(kind: .record([
      Format.Field(name: "f0", offset: 0, format: Format(.int64), isAligned: false),
      Format.Field(name: "f1", offset: 8, format: .unicodeString(length: 5), isAligned: false),
      Format.Field(name: "f2", offset: 28, format: .byteString(length: 9), isAligned: false),
    ]), itemSize: 37, alignment: 1).description)
    #expect(try Self.strings(t.field("f1")) == ["ab", "", " c d "])
    #expect(try t.field("f2").byteStrings() == [Array("x".utf8), Array("日本語".utf8), Array("y".utf8)])
    let sized = try NDView.loadTable(fromString: text, types: [.int64, .string(length: 6), .string], delimiter: ",")
    #expect(try sized.field("f1").format == .unicodeString(length: 6))
    #expect(try Self.strings(sized.field("f2")) == ["x", "日本語", "y"])
    // A filling value for a string column; an empty one is the empty string.
    let filled = try NDView.loadTable(
      fromString: text, types: [.int64, .string, .string], delimiter: ",", fillingValues: [1: "?"])
    #expect(try Self.strings(filled.field("f1")) == ["ab", "?", " c d "])
  }

  @Test("filling values of string columns: a length from the data makes room; guessed columns as NumPy's")
  func stringFilling() throws {
    let t = try NDView.loadTable(fromString: "a,1\n,2\n", types: [.string, .int64], delimiter: ",", fillingValues: [0: "N/A"])
    #expect(try t.field("f0").format == .unicodeString(length: 3))
    #expect(try Self.strings(t.field("f0")) == ["a", "N/A"])
    // NumPy leaves a guessed string column's missing fields empty.
    let guessed = try NDView.loadTable(fromString: "1,a\n7,\n", types: [.guessed], delimiter: ",", fillingValue: "N/A")
    #expect(try Self.strings(guessed.field("f1")) == ["a", ""])
    // A filling value that the guessed type does not read is NumPy's
    // ValueError where a field is missing, naming it, not a trap; also for
    // a column with no field present.
    #expect(
      throws: TextFileError(file: "<string>", line: 2, column: 1, reason: .invalidValue(text: "N/A", type: "int64"))
    ) {
      _ = try NDView.loadTable(fromString: "1,a\n,b\n", types: [.guessed], delimiter: ",", fillingValue: "N/A")
    }
    #expect(
      throws: TextFileError(file: "<string>", line: 1, column: 1, reason: .invalidValue(text: "N/A", type: "bool"))
    ) {
      _ = try NDView.loadTable(
        fromString: ",a\n,b\n", types: [.guessed], names: ["p", "q"], delimiter: ",", fillingValue: "N/A")
    }
  }

  @Test("a field longer than its string field is an error naming the line and column")
  func tooLong() {
    #expect(throws: TextFileError(file: "<string>", line: 2, column: 2, reason: .stringTooLong(text: "abcd", length: 3))) {
      _ = try NDView.loadTable(fromString: "1,ab\n2,abcd\n", types: [.int64, .string(length: 3)], delimiter: ",")
    }
    #expect(throws: TextFileError(file: "<string>", line: 1, column: 1, reason: .stringTooLong(text: "é", length: 1))) {
      _ = try NDView.loadTable(fromString: "é\n", types: [.byteString(length: 1)], delimiter: ",")
    }
  }

  /// Not under the address sanitizer, as the other memory-limit tests.
  @Test(
    "huge string lengths are out-of-memory errors, never a crash, in a child process under a memory limit",
    .enabled(if: ProcessInfo.processInfo.environment["STRIDED_SANITIZER"] == nil))
  func hugeLengths() async {
    await #expect(processExitsWith: .success) {
      limitAddressSpace(extra: 1 << 30)
      var ok = true
      for length in [1 << 40, Int.max / 4] {
        let fields: [[TableFieldType]] = [
          [.string(length: length)], [.byteString(length: length)], [.string(length: length), .string(length: length)],
          [.string(length: 3), .string(length: length), .byteString(length: length)],
        ]
        for types in fields {
          let text = types.count == 1 ? "a\nbc\n" : (types.count == 2 ? "a,b\n" : "1,a,\n")
          let error = thrown { () throws(TextFileError) in
            _ = try NDView.loadTable(fromString: text, types: types, delimiter: ",", fillingValue: "z")
          }
          guard case .outOfMemory = error?.reason else {
            ok = false
            continue
          }
        }
      }
      // Memory is still there for ordinary work afterwards.
      let small = try? NDView.loadTable(fromString: "a,1\n", types: [.string(length: 3), .int64], delimiter: ",")
      exit(ok && small != nil ? 0 : 1)
    }
  }

  @Test("guessed types: bool, int64, float64, complex128, then strings, as NumPy's dtype=None")
  func guessed() throws {
    let text = "a,b,c,d,e,f\n1,2.5,x,True,1+2j,99999999999999999999\n2,,yy,false,3,1\n,3,,TRUE,,2\n"
    let t = try NDView.loadTable(fromString: text, types: [.guessed], namesFromHeader: true, delimiter: ",")
    guard case .record(let fields) = t.format.kind else {
      Issue.record("not records: \(t.format)")
      return
    }
    #expect(fields.map(\.name) == ["a", "b", "c", "d", "e", "f"])
    #expect(fields.map(\.format) == [
      Format(.int64), Format(.float64), .unicodeString(length: 2), Format(.bool), Format(.complex128), Format(.float64),
    ])
    #expect(try NDArray<Int64>(t.field("a")).elements == [1, 2, -1])
    #expect(try NDArray<Bool>(t.field("d")).elements == [true, false, true])
    #expect(try Self.strings(t.field("c")) == ["x", "yy", ""])
    // Fields that no one type reads but strings: "True" is no integer and
    // "1" no bool (NumPy 2.4 gives strings for this order, and raises for
    // the other).
    let mixed = try NDView.loadTable(fromString: "True\n1\n", types: [.guessed])
    #expect(mixed.format == .unicodeString(length: 4))
    let reversed = try NDView.loadTable(fromString: "1\nTrue\n", types: [.guessed])
    #expect(try Self.strings(reversed) == ["1", "True"])
    // A word with spaces inside the line is a string, as NumPy's
    // str2bool sees it; spaces at the line's ends are stripped.
    let spaced = try NDView.loadTable(fromString: "a, true\nb,false\n", types: [.guessed], delimiter: ",")
    #expect(spaced.format == .unicodeString(length: 5) && spaced.shape == [2, 2])
    let ends = try NDView.loadTable(fromString: "1,true \n2,false\n", types: [.guessed], delimiter: ",")
    guard case .record(let endFields) = ends.format.kind else { return }
    #expect(endFields.map(\.format) == [Format(.int64), Format(.bool)])
    // No field present at all: records of bool, as NumPy's.
    let empty = try NDView.loadTable(fromString: ",\n,\n", types: [.guessed], delimiter: ",")
    guard case .record(let emptyFields) = empty.format.kind else { return }
    #expect(emptyFields.map(\.format) == [Format(.bool), Format(.bool)] && empty.shape == [2])
  }

  @Test("guessed types that all agree, with no names, give NumPy's plain array")
  func uniform() throws {
    let ints = try NDView.loadTable(fromString: "1 2\n3 4\n", types: [.guessed])
    #expect(ints.format == Format(.int64) && ints.shape == [2, 2])
    #expect(try NDArray<Int64>(ints).elements == [1, 2, 3, 4])
    let words = try NDView.loadTable(fromString: "a bc\nd e\n", types: [.guessed])
    #expect(words.format == .unicodeString(length: 2) && words.shape == [2, 2])
    // Named columns stay records, as NumPy's.
    let named = try NDView.loadTable(fromString: "1 2\n", types: [.guessed], names: ["p", "q"])
    #expect(named.shape == [] && named.format.kind != Format(.int64).kind)
  }

  @Test("the length and the guess come from the rows read: maxRows and skipped rows leave the rest out")
  func surveyedRows() throws {
    let t = try NDView.loadTable(fromString: "a,1\nbb,2\nccc,x\n", types: [.string, .guessed], delimiter: ",", maxRows: 2)
    guard case .record(let fields) = t.format.kind else { return }
    #expect(fields.map(\.format) == [.unicodeString(length: 2), Format(.int64)])
    let skipped = try NDView.loadTable(
      fromString: "a,1\nlonger,2,3\nb,4\n", types: [.string, .guessed], delimiter: ",", skipInvalidRows: true)
    guard case .record(let skippedFields) = skipped.format.kind else { return }
    #expect(skippedFields.map(\.format) == [.unicodeString(length: 1), Format(.int64)])
  }

  @Test("rows parse in blocks on the pool: the same bytes, and the first bad row reported, at 1, 2, 3 and 8 threads")
  func threads() throws {
    var lines: [String] = []
    for i in 0..<6000 {
      let missing = i % 13 == 0
      lines.append("\(i),\(missing ? "" : String(Double(i) * 0.37)),w\(i % 97),\(i % 3 == 0 ? "true" : "false")")
    }
    let text = lines.joined(separator: "\n") + "\n"
    var bad = lines
    bad[4321] = "1,2,toolong,true"
    bad[5555] = "1,2"
    let badText = bad.joined(separator: "\n") + "\n"
    let saved = Parallelism.threadCount
    defer { Parallelism.threadCount = saved }
    var first: [UInt8]?
    var firstPlain: [UInt8]?
    for threads in [1, 2, 3, 8] {
      Parallelism.threadCount = threads
      let t = try NDView.loadTable(fromString: text, types: [.int64, .float64, .string, .bool], delimiter: ",")
      let bytes = t.withUnsafeBytes { Array($0) }
      if first == nil { first = bytes }
      #expect(bytes == first, "\(threads) threads")
      #expect(t.shape == [6000])
      let plain = try NDArray<Double>.loadTable(fromString: text, delimiter: ",", columns: [0, 1], maxRows: 5000)
      let plainBytes = plain.view.withUnsafeBytes { Array($0) }
      if firstPlain == nil { firstPlain = plainBytes }
      #expect(plainBytes == firstPlain && plain.shape == [5000, 2], "\(threads) threads")
      #expect(throws: TextFileError(file: "<string>", line: 4322, column: 3, reason: .stringTooLong(text: "toolong", length: 3))) {
        _ = try NDView.loadTable(fromString: badText, types: [.int64, .float64, .string(length: 3), .bool], delimiter: ",")
      }
      #expect(throws: TextFileError(file: "<string>", line: 5556, reason: .columnCountChanged(expected: 4, found: 2))) {
        _ = try NDView.loadTable(fromString: badText, types: [.int64, .float64, .string, .bool], delimiter: ",")
      }
    }
  }

  @Test("random tables read as NumPy's genfromtxt reads them, dtype=None and string fields, byte for byte")
  func numpyTables() throws {
    guard Python.hasNumPy else { return }
    let folder = try temporaryFolder("loadtable-types")
    defer { try? FileManager.default.removeItem(at: folder) }
    let cases = 200
    _ = try Python.run([
      "-c",
      """
      import numpy as np, sys, warnings, random
      warnings.simplefilter('ignore')
      d = sys.argv[1]
      rnd = random.Random(11)
      kinds = ['int', 'float', 'mixed', 'bool', 'complex', 'string', 'big']
      def value(kind):
          if kind == 'int': return str(rnd.randint(-10**6, 10**6))
          if kind == 'big': return rnd.choice(['99999999999999999999', str(rnd.randint(-5, 5))])
          if kind == 'float': return rnd.choice([repr(rnd.uniform(-1e3, 1e3)), 'nan', 'inf', '-inf', '1e-300'])
          if kind == 'mixed': return rnd.choice([str(rnd.randint(-9, 9)), repr(rnd.random())])
          if kind == 'bool': return rnd.choice(['True', 'false', 'TRUE', 'False'])
          if kind == 'complex': return rnd.choice(['1+2j', '-0.5-1.5j', '2.5', '(3-4j)'])
          return rnd.choice(['x', 'yy', 'a b', 'é', '日本', 'word', ' lead', 'tail '])
      for k in range(\(cases)):
          columns = [rnd.choice(kinds) for _ in range(rnd.randint(1, 5))]
          rows = rnd.randint(1, 12)
          names = rnd.random() < 0.5
          lines = []
          for r in range(rows):
              fields = []
              for j, kind in enumerate(columns):
                  # The first row has every field: NumPy leaves a column
                  # with none at its first type. Bool columns have every
                  # field: NumPy leaves one with a missing field out when
                  # it chooses a plain array (a difference in numpy.md).
                  missing = r > 0 and kind != 'bool' and rnd.random() < 0.15
                  fields.append('' if missing else value(kind))
              lines.append(','.join(fields))
          header = [','.join('h' + str(j) for j in range(len(columns)))] if names else []
          text = '\\n'.join(header + lines) + '\\n'
          open(f'{d}/c{k}.csv', 'w', encoding='utf-8').write(text)
          open(f'{d}/c{k}.names', 'w').write('1' if names else '0')
          # A case NumPy itself fails on (some non-ASCII one-column
          # tables) is left out: no .npy file.
          try:
              np.save(f'{d}/c{k}.npy', np.genfromtxt(f'{d}/c{k}.csv', dtype=None, delimiter=',',
                                                   names=names or None, encoding='utf-8'))
          except Exception:
              pass
          strings = [('s' + str(j), 'U' + str(rnd.randint(20, 24))) for j in range(len(columns))]
          open(f'{d}/c{k}.lengths', 'w').write(' '.join(t[1][1:] for t in strings))
          # NumPy 2.4 reads non-ASCII fields of a one-column table with
          # string fields as 'None': left out.
          try:
              if len(columns) == 1 and any(ord(c) > 127 for c in text):
                  raise ValueError('NumPy reads these as None')
              np.save(f'{d}/c{k}.strings.npy', np.genfromtxt(f'{d}/c{k}.csv', dtype=strings, delimiter=',',
                                                           skip_header=1 if names else 0, encoding='utf-8'))
          except Exception:
              pass
      """,
      folder.path,
    ])
    var compared = 0
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) }
    for k in 0..<cases {
      let url = folder.appendingPathComponent("c\(k).csv")
      let names = try String(contentsOf: folder.appendingPathComponent("c\(k).names"), encoding: .utf8) == "1"
      if exists("c\(k).npy") {
        let got = try NDView.loadTable(from: url, types: [.guessed], namesFromHeader: names, delimiter: ",")
        let expected = try NDView(contentsOfNPY: folder.appendingPathComponent("c\(k).npy"))
        #expect(Self.layout(got.format) == Self.layout(expected.format), "case \(k)")
        #expect(got.shape == expected.shape, "case \(k)")
        #expect(got.withUnsafeBytes { Array($0) } == expected.withUnsafeBytes { Array($0) }, "case \(k)")
        compared += 1
      }
      guard exists("c\(k).strings.npy") else { continue }
      let lengths = try String(contentsOf: folder.appendingPathComponent("c\(k).lengths"), encoding: .utf8)
        .split(separator: " ").map { TableFieldType.string(length: Int($0)!) }
      let strings = try NDView.loadTable(
        from: url, types: lengths, names: lengths.indices.map { "s\($0)" }, delimiter: ",", skipHeader: names ? 1 : 0)
      let expectedStrings = try NDView(contentsOfNPY: folder.appendingPathComponent("c\(k).strings.npy"))
      #expect(Self.layout(strings.format) == Self.layout(expectedStrings.format), "strings, case \(k)")
      #expect(
        strings.withUnsafeBytes { Array($0) } == expectedStrings.withUnsafeBytes { Array($0) }, "strings, case \(k)")
    }
    #expect(compared >= cases * 3 / 4, "NumPy read only \(compared) of \(cases) tables")
  }
}
