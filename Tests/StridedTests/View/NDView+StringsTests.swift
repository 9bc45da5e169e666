import Foundation
import Strided
import Testing

/// Fixed-width strings (`Ns`, `Nw`): creation, reading, comparison, sorting,
/// unique, printing and `.npy`, against values NumPy 2 gives.
@Suite("NDView strings")
struct NDViewStringsTests {
  static let words = ["b", "a\u{0}x", "a", "", "ab", "é"]

  @Test func createAndReadBack() throws {
    let v = try NDView(strings: Self.words, length: 3)
    #expect(v.format == Format.unicodeString(length: 3))
    #expect(v.format.description == "3w")
    #expect(v.itemSize == 12 && v.shape == [6])
    #expect(try v.strings() == Self.words)
    let inferred = try NDView(strings: ["", ""])
    #expect(inferred.format == Format.unicodeString(length: 1))  // NumPy: <U1
    let b = try NDView(asciiStrings: ["ab", "c"], shape: [2, 1])
    #expect(b.format.description == "2s" && b.shape == [2, 1])
    #expect(try b.byteStrings() == [[97, 98], [99]])
    #expect(try b.strings() == ["ab", "c"])
  }

  @Test func tooLongIsATypedErrorNamingWhere() {
    #expect(throws: StringError(.tooLong(index: 1, length: 7, limit: 3))) {
      try NDView(strings: ["ab", "toolong"], length: 3)
    }
    #expect(throws: StringError(.tooLong(index: 0, length: 4, limit: 2))) {
      try NDView(byteStrings: [[1, 2, 3, 4]], length: 2)
    }
    #expect(throws: StringError(.notASCII(index: 1))) { try NDView(asciiStrings: ["a", "é"]) }
    #expect(throws: StringError(.countMismatch(count: 2, shape: [3]))) { try NDView(strings: ["a", "b"], shape: [3]) }
    #expect(throws: StringError(.notStrings(format: "d"))) { try NDArray<Double>([1]).view.strings() }
  }

  @Test func comparisonsAsNumPy() throws {
    let v = try NDView(strings: Self.words, length: 3)
    // np.array(words, '<U3') == 'a', < 'ab'
    #expect(try v.compareStrings(.equal, "a").elements == [false, false, true, false, false, false])
    #expect(try v.compareStrings(.less, "ab").elements == [false, true, true, true, false, false])
    // Different lengths compare padded with NULs.
    let wide = try NDView(strings: ["a", "ab", "b"], length: 5)
    let narrow = try NDView(strings: ["a", "a", "c"], length: 2)
    #expect(try wide.compareStrings(.equal, narrow).elements == [true, false, false])
    #expect(try wide.compareStrings(.greater, narrow).elements == [false, true, false])
    // Broadcasting a column against a row.
    let column = try NDView(strings: ["a", "b"], shape: [2, 1])
    let row = try NDView(strings: ["a", "b", "c"], shape: [3])
    let grid = try column.compareStrings(.lessOrEqual, row)
    #expect(grid.shape == [2, 3] && grid.elements == [true, true, true, false, true, true])
    #expect(throws: StringError.self) { try column.compareStrings(.equal, NDView(asciiStrings: ["a"])) }
  }

  @Test("sort along axes, in every layout, as np.sort", arguments: ["c", "fortran", "flipped", "transposed"])
  func sortLayouts(_ layout: String) throws {
    let plain = try NDView(strings: ["pear", "fig", "kiwi", "apple"], shape: [2, 2])
    var m = plain
    switch layout {
    case "fortran": m = plain.copy(order: .fortran)
    case "flipped": m = plain.flipped().copy().flipped()
    case "transposed": m = plain.transposed().copy().transposed()
    default: break
    }
    #expect(try m.sortedStrings().strings() == ["fig", "pear", "apple", "kiwi"])
    #expect(try m.sortedStrings(axis: 0).strings() == ["kiwi", "apple", "pear", "fig"])
    #expect(throws: StringError(.invalidAxis(2, rank: 2))) { try m.sortedStrings(axis: 2) }
  }

  @Test func sortUniqueEmptyAndBigEndian() throws {
    let v = try NDView(strings: Self.words, length: 3)
    let expected = ["", "a", "a\u{0}x", "ab", "b", "é"]
    #expect(try v.sortedStrings().strings() == expected)
    #expect(try NDView(strings: Self.words + Self.words, length: 3).uniqueStrings().strings() == expected)
    let empty = try NDView(strings: [], length: 2)
    #expect(try empty.sortedStrings().count == 0 && empty.uniqueStrings().count == 0)
    #expect(throws: StringError.self) { try NDView(strings: ["x"], shape: []).sortedStrings() }
    // '>U2' read from its bytes.
    let big = try NDView(
      storage: ByteStorage(copyingBytesOf: [0, 0, 0, 98, 0, 0, 0, 0, 0, 0, 0, 97, 0, 0, 0, 99] as [UInt8]),
      format: Format(parsing: ">2w"), shape: [2])
    #expect(try big.strings() == ["b", "ac"])
    #expect(try big.sortedStrings().strings() == ["ac", "b"])
  }

  @Test("sorting by keys of leading units: 8-, 16- and 21-bit code points, prefixes shared past the key, every width")
  func sortKeysAgainstCodePointOrder() throws {
    let alphabets: [[Unicode.Scalar]] = [
      ["a", "b", "z", "\u{7F}"], ["a", "\u{E9}", "\u{FF}", "\u{100}", "\u{FFFF}"], ["a", "\u{1F600}", "\u{10FFFF}", "b"],
    ]
    var state: UInt64 = 99
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    for alphabet in alphabets {
      for length in [1, 2, 3, 4, 5, 7, 8, 9, 12, 17] {
        var words: [String] = []
        for _ in 0..<300 {
          // Most words share their first units, often past a key's reach.
          var scalars = String.UnicodeScalarView()
          if next(3) != 0 {
            for _ in 0..<Swift.min(9, length) { scalars.append(alphabet[0]) }
          }
          let target = next(length + 1)
          while scalars.count < target { scalars.append(alphabet[next(alphabet.count)]) }
          words.append(String(scalars))
        }
        let codePoints = { (word: String) -> [UInt32] in word.unicodeScalars.map(\.value) }
        let expected = words.sorted { codePoints($0).lexicographicallyPrecedes(codePoints($1)) }
        let sorted = try NDView(strings: words, length: length).sortedStrings().strings()
        #expect(sorted == expected, "\(alphabet.first!) … width \(length)")
        if alphabet[0] == "a" && alphabet.allSatisfy({ $0.value < 128 }) {
          let bytes = try NDView(asciiStrings: words, length: length).sortedStrings().strings()
          #expect(bytes == expected, "bytes, width \(length)")
        }
      }
    }
  }

  @Test func printingAsNumPy() throws {
    #expect(try NDView(strings: ["ab", "c"]).stringDescription() == "['ab' 'c']")
    #expect(try NDView(asciiStrings: ["ab", "c"]).stringDescription() == "[b'ab' b'c']")
    #expect(try NDView(strings: ["it's", "a\"b", "tab\t", "é\u{85}"]).stringDescription() == #"["it's" 'a"b' 'tab\t' 'é\x85']"#)
    #expect(try NDView(byteStrings: [[0xFF, 0, 97], []]).stringDescription() == #"[b'\xff\x00a' b'']"#)
    let grid = try NDView(strings: (0..<12).map { "abcdefgh\($0)" }, shape: [3, 4])
    #expect(
      try grid.stringDescription()
        == "[['abcdefgh0' 'abcdefgh1' 'abcdefgh2' 'abcdefgh3']\n ['abcdefgh4' 'abcdefgh5' 'abcdefgh6' 'abcdefgh7']\n"
        + " ['abcdefgh8' 'abcdefgh9' 'abcdefgh10' 'abcdefgh11']]")
    let line = try NDView(strings: (0..<12).map { "abcdefgh\($0)" })
    #expect(
      try line.stringDescription()
        == "['abcdefgh0' 'abcdefgh1' 'abcdefgh2' 'abcdefgh3' 'abcdefgh4' 'abcdefgh5'\n"
        + " 'abcdefgh6' 'abcdefgh7' 'abcdefgh8' 'abcdefgh9' 'abcdefgh10' 'abcdefgh11']")
    let long = try NDView(strings: (0...1000).map { "x\($0)" })
    #expect(try long.stringDescription() == "['x0' 'x1' 'x2' ... 'x998' 'x999' 'x1000']")
    #expect(try NDView(strings: [], length: 2).stringDescription() == "[]")
    #expect(try NDView(strings: ["x"], shape: []).stringDescription() == "x")
  }

  @Test func recordsFromColumnsAndFields() throws {
    let names = try NDView(strings: ["ab", "c"])
    let counts = NDArray<Int>([1, 2]).view
    let table = try NDView(recordsFrom: [("s", names), ("n", counts)])
    #expect(table.itemSize == 16)
    #expect(try table.field("s").strings() == ["ab", "c"])
    #expect(try NDArray<Int>(table.field("n")) == [1, 2])
    // The format NumPy exports for np.rec.fromarrays of these columns.
    let numpy = try Format(parsing: "T{2w:s:l:n:}")
    #expect(numpy.field("s")?.offset == 0 && numpy.field("n")?.offset == 8 && numpy.itemSize == 16)
    #expect(throws: ViewError.self) { try NDView(recordsFrom: [("s", names), ("s", counts)]) }
  }

  @Test func npyRoundTripWithNumPy() throws {
    let v = try NDView(strings: ["ab", "", "héllo"], shape: [3], length: 5)
    let again = try NDView(npyData: v.npyData())
    #expect(try again.format == v.format && again.strings() == ["ab", "", "héllo"])
    let b = try NDView(asciiStrings: ["x", "yz"])
    #expect(try NDView(npyData: b.npyData()).byteStrings() == [[120], [121, 122]])
    guard Python.hasNumPy else { return }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("strided-strings-\(UUID().uuidString).npy")
    defer { try? FileManager.default.removeItem(at: url) }
    try v.writeNPY(to: url)
    let output = try Python.run([
      "-c", "import numpy as np, sys; a = np.load(sys.argv[1]); print(a.dtype.str, a.tolist())", url.path,
    ])
    #expect(String(decoding: output, as: UTF8.self) == "<U5 ['ab', '', 'héllo']\n")
  }
}
