import Foundation
import Testing

@testable import Strided

struct FormatFixtures: Decodable {
  struct StructRow: Decodable, CustomTestStringConvertible {
    let format: String
    let size: Int
    let offsets: [Int]
    var testDescription: String { "\"\(format)\"" }
  }
  struct Leaf: Decodable {
    let path: String
    /// The offset in NumPy's dtype.
    let offset: Int
    /// The offset NumPy's PEP 3118 reader gives the exported format.
    let reader_offset: Int
    let kind: String
    let order: String
    let shape: [Int]
  }
  struct FieldView: Decodable {
    let path: String
    let shape: [Int]
    let strides: [Int]
    let offset: Int
    let bytes: String
  }
  struct NumPyRow: Decodable, CustomTestStringConvertible {
    let format: String
    /// The item size of NumPy's buffer, which may include trailing padding
    /// that the format leaves out.
    let itemsize: Int
    /// The item size NumPy's own PEP 3118 reader gives the format.
    let reader_itemsize: Int
    /// Whether NumPy's reader places every field where the dtype has it.
    let consistent: Bool
    let numpy: String
    let fields: [Leaf]
    let shape: [Int]
    let data: String
    let views: [FieldView]
    let native: String
    var testDescription: String { "\"\(format)\" (\(numpy))" }
  }
  struct SliceRow: Decodable {
    let start: Int?
    let stop: Int?
    let step: Int
    let length: Int
    let first: Int?
    let count: Int
  }
  let `struct`: [StructRow]
  let numpy: [NumPyRow]
  let slices: [SliceRow]

  static let shared: FormatFixtures = try! Fixtures.load("formats.json", as: FormatFixtures.self)
}

/// The leaf of a format at a path: its offset and format, descending into
/// sub-arrays' elements.
func leafDescription(_ format: Format) -> (kind: String, order: String, shape: [Int]) {
  var shape: [Int] = []
  var format = format
  if case .array(let s, let element) = format.kind {
    shape = s
    format = element
  }
  switch format.kind {
  case .scalar(let kind, let order):
    let names: [ScalarKind: String] = [
      .bool: "bool", .int8: "int8", .uint8: "uint8", .int16: "int16", .uint16: "uint16",
      .int32: "int32", .uint32: "uint32", .int64: "int64", .uint64: "uint64", .float16: "float16",
      .float32: "float32", .float64: "float64", .complex64: "complex64", .complex128: "complex128",
      .char: "bytes1",
    ]
    return (names[kind] ?? "\(kind)", kind.size == 1 ? "none" : (order == .big ? "big" : "little"), shape)
  case .bytes(let n): return ("bytes\(n)", "none", shape)
  case .padding(let n): return ("padding\(n)", "none", shape)
  default: return ("\(format)", "none", shape)
  }
}

@Suite("Format: PEP 3118 parsing")
struct FormatTests {
  @Test("sizes agree with CPython's struct.calcsize", arguments: FormatFixtures.shared.struct)
  func structSizes(_ row: FormatFixtures.StructRow) throws {
    let format = try Format(parsing: row.format)
    #expect(format.itemSize == row.size, "\(row.format)")
    if format.isRecord {
      #expect(format.fields.map(\.offset) == row.offsets, "\(row.format)")
    } else {
      #expect(row.offsets.count <= 1 && row.offsets.allSatisfy { $0 == 0 }, "\(row.format)")
    }
    // The canonical description parses back to the same layout.
    #expect(try Format(parsing: format.description) == format, "\(row.format) -> \(format.description)")
  }

  @Test("there are enough struct and NumPy fixtures")
  func fixtureCounts() {
    #expect(FormatFixtures.shared.struct.count >= 300)
    #expect(FormatFixtures.shared.numpy.count >= 100)
  }

  @Test("NumPy's exported structured formats parse to NumPy's layout", arguments: FormatFixtures.shared.numpy)
  func numpyStructs(_ row: FormatFixtures.NumPyRow) throws {
    let format = try Format(parsing: row.format)
    #expect(format.itemSize == row.reader_itemsize, "\(row.format) for \(row.numpy)")
    if row.consistent { #expect(format.itemSize <= row.itemsize) }
    for leaf in row.fields {
      let field = try #require(format.field(leaf.path), "\(leaf.path) in \(row.format)")
      #expect(field.offset == leaf.reader_offset, "\(leaf.path) in \(row.format)")
      let described = leafDescription(field.format)
      #expect(described.kind == leaf.kind, "\(leaf.path) in \(row.format)")
      #expect(described.order == leaf.order, "\(leaf.path) in \(row.format)")
      #expect(described.shape == leaf.shape, "\(leaf.path) in \(row.format)")
    }
    #expect(try Format(parsing: format.description) == format, "\(row.format) -> \(format.description)")
  }

  @Test("most NumPy exports read back at the dtype's own offsets")
  func numpyExportsAreMostlyConsistent() {
    let rows = FormatFixtures.shared.numpy
    let consistent = rows.filter(\.consistent).count
    #expect(consistent * 10 >= rows.count * 9)
  }

  @Test func scalarCodes() throws {
    let expected: [(String, ScalarKind, Int)] = [
      ("?", .bool, 1), ("c", .char, 1), ("b", .int8, 1), ("B", .uint8, 1), ("h", .int16, 2),
      ("H", .uint16, 2), ("i", .int32, 4), ("I", .uint32, 4), ("l", .int64, 8), ("L", .uint64, 8),
      ("=l", .int32, 4), ("<L", .uint32, 4), ("q", .int64, 8), ("Q", .uint64, 8), ("n", .int64, 8),
      ("N", .uint64, 8), ("e", .float16, 2), ("f", .float32, 4), ("d", .float64, 8),
      ("Zf", .complex64, 8), ("Zd", .complex128, 16), ("P", .pointer, 8), ("^l", .int64, 8),
    ]
    for (text, kind, size) in expected {
      let format = try Format(parsing: text)
      #expect(format.scalarKind == kind, "\(text)")
      #expect(format.itemSize == size, "\(text)")
    }
    #expect(ObjectIdentifier(ScalarKind.int64.swiftType) == ObjectIdentifier(Int64.self))
    #expect(try Format(parsing: "=l").scalarKind.map { ObjectIdentifier($0.swiftType) } == ObjectIdentifier(Int32.self))
  }

  @Test func byteOrders() throws {
    #expect(try Format(parsing: "<H").byteOrder == .little)
    #expect(try Format(parsing: ">H").byteOrder == .big)
    #expect(try Format(parsing: "!i").byteOrder == .big)
    #expect(try Format(parsing: "=d").byteOrder == .native)
    #expect(try Format(parsing: "B").byteOrder == nil)
    #expect(try Format(parsing: "T{<i:a:>i:b:}").byteOrder == nil)
    #expect(try Format(parsing: "T{>i:a:>d:b:}").byteOrder == .big)
    #expect(try Format(parsing: "T{>i:a:>d:b:}").isNativeByteOrder == false)
    #expect(try Format(parsing: "T{>i:a:>d:b:}").withNativeByteOrder == Format(parsing: "T{^i:a:d:b:}"))
    #expect(try Format(parsing: "<d") == Format(parsing: "d"))
    #expect(try Format(parsing: "l") != Format(parsing: "=l"))
  }

  @Test("prefixes are sticky across items and braces")
  func stickyPrefixes() throws {
    // '=' set inside the record stays in force after it.
    let format = try Format(parsing: "T{b:a:=i:b:}d:c:")
    #expect(format.fields.map(\.offset) == [0, 5])
    #expect(format.itemSize == 13)
    // '@' at the close pads the record to its alignment.
    #expect(try Format(parsing: "T{i:a:b:b:}").itemSize == 8)
    #expect(try Format(parsing: "T{i:a:=b:b:}").itemSize == 5)
    #expect(try Format(parsing: "T{i:a:=b:b:@}").itemSize == 8)
    // Only '@' items count toward a record's alignment.
    #expect(try Format(parsing: "T{=d:x:}").alignment == 1)
    #expect(try Format(parsing: "T{d:x:}").alignment == 8)
    #expect(try Format(parsing: "bT{d:x:}").fields.map(\.offset) == [0, 8])
    #expect(try Format(parsing: "b=T{d:x:}").fields.map(\.offset) == [0, 1])
    // A bare sequence adds no trailing padding; a record does.
    #expect(try Format(parsing: "di").itemSize == 12)
    #expect(try Format(parsing: "T{di}").itemSize == 16)
    #expect(try Format(parsing: "^di").itemSize == 12)
    #expect(try Format(parsing: "^id").itemSize == 12)
  }

  @Test func subArraysAndRepeats() throws {
    let format = try Format(parsing: "(2,3)f")
    guard case .array(let shape, let element) = format.kind else {
      Issue.record("not an array")
      return
    }
    #expect(shape == [2, 3])
    #expect(element == .float32)
    #expect(format.itemSize == 24)
    #expect(try Format(parsing: "3d").itemSize == 24)
    #expect(try Format(parsing: "(2)3d") == Format(parsing: "(2,3)d"))
    #expect(try Format(parsing: "1d") == .float64)
    #expect(try Format(parsing: "5s").kind == .bytes(count: 5))
    #expect(try Format(parsing: "4p").kind == .pascalString(count: 4))
    #expect(try Format(parsing: "(2, 2) T{b:x:}").itemSize == 4)
    #expect(try Format(parsing: "0d").itemSize == 0)
  }

  @Test func fieldsByDottedPath() throws {
    let format = try Format(parsing: "T{d:t:T{i:x:T{h:a:h:b:}:inner:}:pos:}")
    #expect(format.field("t")?.offset == 0)
    #expect(format.field("pos")?.offset == 8)
    #expect(format.field("pos.x")?.offset == 8)
    #expect(format.field("pos.inner.b")?.offset == 14)
    #expect(format.field("pos.inner.b")?.format == .int16)
    #expect(format.field("pos.y") == nil)
    #expect(format.field("") == nil)
    // A name that contains a dot is found whole.
    let dotted = try Format(parsing: "T{d:a.b:i:a:}")
    #expect(dotted.field("a.b")?.offset == 0)
  }

  @Test func canonicalDescriptions() throws {
    let cases: [(String, String)] = [
      ("d", "d"), ("<d", "d"), (">d", ">d"), ("l", "q"), ("=l", "i"), ("Zd", "Zd"),
      ("3d", "3d"), ("(2,3)f", "(2,3)f"), ("5s", "5s"),
      ("T{<i:a:xxxxd:b:}", "T{^i:a:4xd:b:}"), ("T{i:a:xxxxd:b:}", "T{i:a:d:b:}"),
      ("T{i:a:=d:b:}", "T{i:a:^d:b:}"),
      ("T{d:x:d:y:}", "T{d:x:d:y:}"), ("di", "T{di^}"), ("xi", "T{4xi}"),
    ]
    for (input, canonical) in cases {
      let format = try Format(parsing: input)
      #expect(format.description == canonical, "\(input)")
      #expect(try Format(parsing: format.description) == format, "\(input)")
    }
  }

  struct BadFormat: CustomTestStringConvertible, Sendable {
    let text: String
    let position: Int
    let reason: FormatError.Reason
    var testDescription: String { "\"\(text)\"" }
  }

  static let malformed: [BadFormat] = [
    BadFormat(text: "T{d:x", position: 3, reason: .unterminatedFieldName),
    BadFormat(text: "T{d", position: 3, reason: .unexpectedEnd(expected: "'}' to close 'T{'")),
    BadFormat(text: "d}", position: 1, reason: .unbalancedBrace),
    BadFormat(text: "3", position: 0, reason: .countWithoutCode),
    BadFormat(text: "3 d", position: 0, reason: .countWithoutCode),
    BadFormat(text: "3<d", position: 1, reason: .countWithoutCode),
    BadFormat(text: "dy", position: 1, reason: .unknownCode("y")),
    BadFormat(text: "d::", position: 1, reason: .emptyFieldName),
    BadFormat(text: "T{d:a:i:a:}", position: 7, reason: .duplicateFieldName("a")),
    BadFormat(text: "(2,)d", position: 0, reason: .invalidShape("2,")),
    BadFormat(text: "()d", position: 0, reason: .invalidShape("")),
    BadFormat(text: "(-1)d", position: 0, reason: .invalidShape("-1")),
    BadFormat(text: "(2,3", position: 4, reason: .unexpectedEnd(expected: "')' to close the sub-array shape")),
    BadFormat(text: "Zx", position: 1, reason: .unexpectedCharacter("x", expected: "'f' or 'd' after 'Z'")),
    BadFormat(text: "Z", position: 1, reason: .unexpectedEnd(expected: "'f' or 'd' after 'Z'")),
    BadFormat(text: "Tx", position: 1, reason: .unexpectedCharacter("x", expected: "'{' after 'T'")),
    BadFormat(text: "=n", position: 1, reason: .nativeOnlyCode("n")),
    BadFormat(text: "<P", position: 1, reason: .nativeOnlyCode("P")),
    BadFormat(text: "99999999999999999999d", position: 0, reason: .sizeOverflow),
    BadFormat(text: "(4611686018427387904)d", position: 21, reason: .sizeOverflow),
    BadFormat(text: "é", position: 0, reason: .unknownCode("é")),
    BadFormat(text: "T{d:é:y", position: 6, reason: .unknownCode("y")),
  ]

  @Test("malformed formats throw with position and reason", arguments: malformed)
  func malformedFormats(_ bad: BadFormat) {
    #expect(throws: FormatError(format: bad.text, position: bad.position, reason: bad.reason)) {
      try Format(parsing: bad.text)
    }
  }

  @Test("unsupported codes say so", arguments: ["g", "Zg", "O", "u", "&", "t", "X{}", "T{d:a:g:b:}"])
  func unsupportedCodes(_ text: String) throws {
    do {
      _ = try Format(parsing: text)
      Issue.record("\(text) parsed")
    } catch {
      guard case .unsupportedCode = error.reason else {
        Issue.record("\(text): \(error)")
        return
      }
      #expect(error.description.contains("not supported"))
    }
  }

  @Test func deepNestingIsRefused() throws {
    // Far deeper than any stack would hold if the parser recursed all the way.
    let deep = String(repeating: "T{", count: 200_000) + "d" + String(repeating: "}", count: 200_000)
    #expect {
      try Format(parsing: deep)
    } throws: { error in
      (error as? FormatError)?.reason == .nestingTooDeep
    }
    let fine = String(repeating: "T{", count: 60) + "d" + String(repeating: "}", count: 60)
    #expect(try Format(parsing: fine).itemSize == 8)
  }

  @Test func errorMessagesNameThePosition() {
    let error = FormatError(format: "T{d:x", position: 3, reason: .unterminatedFieldName)
    #expect(error.description == "invalid format \"T{d:x\" at position 3: field name is not closed by ':'")
  }

  @Test func emptyFormat() throws {
    let format = try Format(parsing: "")
    #expect(format.itemSize == 0)
    #expect(format.fields.isEmpty)
    #expect(try Format(parsing: "  ").itemSize == 0)
  }

  @Test func literalFormats() {
    let format: Format = "T{d:x:d:y:}"
    #expect(format.itemSize == 16)
    #expect(format.field("y")?.offset == 8)
  }

  @Test func malformedLiteralTraps() async {
    await #expect(processExitsWith: .failure) {
      let format: Format = "T{"
      _ = format
    }
  }
}

@Suite("Format: prefixes, depth and descriptions")
struct FormatRoundTripTests {
  @Test("a prefix must apply to something", arguments: [
    ("@@", 1), ("<<i", 1), ("@ <i", 2), ("i@", 2), ("T{i:a:}>", 8),
  ])
  func danglingPrefixes(_ text: String, _ position: Int) {
    #expect {
      try Format(parsing: text)
    } throws: { error in
      guard let error = error as? FormatError else { return false }
      return error.position == position
        && (error.reason == .repeatedPrefix || error.reason == .unexpectedEnd(expected: "an item after the byte-order prefix"))
    }
  }

  @Test func prefixesBeforeItemsAndBraces() throws {
    #expect(try Format(parsing: "<i>i").itemSize == 8)
    #expect(try Format(parsing: "T{i:a:^}").itemSize == 4)
    #expect(try Format(parsing: " < i").scalarKind == .int32)
    #expect(try Format(parsing: "<").itemSize == 0)  // CPython: struct.calcsize("<") == 0
  }

  /// A random format string: items with prefixes, counts, sub-array shapes,
  /// names and records nested up to `depth`.
  static func randomFormat(depth: Int, generator: inout some RandomNumberGenerator) -> String {
    var text = ""
    let codes = ["b", "B", "?", "h", "H", "i", "I", "l", "L", "q", "Q", "e", "f", "d", "Zf", "Zd", "3s", "2x", "c"]
    // Exactly one item of each level holds the next level down.
    let count = Int.random(in: 1...3, using: &generator)
    let nested = Int.random(in: 0..<count, using: &generator)
    for index in 0..<count {
      if Int.random(in: 0..<3, using: &generator) == 0 { text += ["@", "^", "=", "<", ">", "!"].randomElement(using: &generator)! }
      if Int.random(in: 0..<6, using: &generator) == 0 { text += "(\(Int.random(in: 1...3, using: &generator)),2)" }
      if depth > 0 && index == nested {
        text += "T{" + randomFormat(depth: depth - 1, generator: &generator) + "}"
      } else {
        var code = codes.randomElement(using: &generator)!
        if ["l", "L"].contains(code) { code = "q" }  // native-size codes read differently after '<'
        text += code
      }
      if Bool.random(using: &generator) { text += ":f\(index):" }
    }
    return text
  }

  @Test("descriptions parse back to the same format at every depth up to the limit")
  func roundTripAtEveryDepth() throws {
    var generator = SystemRandomNumberGenerator()
    for depth in 0...FormatParser_maximumDepth {
      for _ in 0..<6 {
        let text = Self.randomFormat(depth: depth, generator: &generator)
        guard let format = try? Format(parsing: text) else { continue }
        let canonical = format.description
        let again = try Format(parsing: canonical)
        #expect(again == format, "\(text) → \(canonical)")
        #expect(again.description == canonical, "\(canonical) is not a fixed point")
      }
    }
  }

  @Test("a sequence around the deepest record counts as a level")
  func sequenceAroundTheDeepestRecord() throws {
    let deepest = String(repeating: "T{", count: 64) + "i" + String(repeating: "}", count: 64)
    let format = try Format(parsing: deepest)
    #expect(try Format(parsing: format.description) == format)
    for text in [deepest + "b", "b" + deepest, deepest + ":a:"] {
      #expect(throws: FormatError.self) { try Format(parsing: text) }
    }
    let shallower = String(repeating: "T{", count: 63) + "i" + String(repeating: "}", count: 63) + "b"
    let sequence = try Format(parsing: shallower)
    #expect(try Format(parsing: sequence.description) == sequence)
  }

  @Test("field paths with dotted names, and long paths")
  func fieldPaths() throws {
    let format = try Format(parsing: "T{d:a:T{i:b:T{h:c:}:a.x:}:a.y:}")
    #expect(format.field("a")?.offset == 0)
    #expect(format.field("a.y.b")?.offset == 8)
    #expect(format.field("a.y.a.x.c")?.offset == 12)
    #expect(format.field("a.y.a.x") != nil)
    #expect(format.field("a.y.a") == nil)
    #expect(format.field("a.") == nil && format.field(".a") == nil)
    // A path of 200,000 components is rejected after the first.
    let long = Array(repeating: "a", count: 200_000).joined(separator: ".")
    #expect(format.field(long) == nil)
    // Every level of the deepest record, by path.
    let deepest = String(repeating: "T{", count: 64) + "i:a:" + String(repeating: "}:a:", count: 63) + "}"
    let nested = try Format(parsing: deepest)
    #expect(nested.field(Array(repeating: "a", count: 64).joined(separator: "."))?.format == .int32)
  }
}

/// The parser's nesting limit, as documented on `FormatError.Reason.nestingTooDeep`.
let FormatParser_maximumDepth = 64
