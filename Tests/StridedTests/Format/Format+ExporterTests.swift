import Foundation
import Strided
import Testing

/// A format and item size as an exporter hands them over, with the true
/// offset of every field (NumPy's `dtype.fields`, or `ctypes`' descriptors).
struct ExportCase: Decodable, CustomTestStringConvertible, Sendable {
  let source: String
  let format: String
  let itemsize: Int
  let numpy: String
  let fields: [[PathOrOffset]]

  enum PathOrOffset: Decodable, Sendable {
    case path(String)
    case offset(Int)
    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let text = try? container.decode(String.self) { self = .path(text) } else { self = .offset(try container.decode(Int.self)) }
    }
  }

  var expectedOffsets: [(path: String, offset: Int)] {
    fields.map { pair in
      guard case .path(let path) = pair[0], case .offset(let offset) = pair[1] else { fatalError("malformed fixture") }
      return (path, offset)
    }
  }

  var testDescription: String { "\(source) \"\(format)\" itemsize \(itemsize)" }

  /// Checks that reading the format with the item size puts every field
  /// where the exporter put it, and that the result describes itself.
  func check() throws {
    let (parsed, reading) = try Format.parse(format, exporterItemSize: itemsize)
    #expect(parsed.itemSize <= itemsize, "\(self): \(reading) reading is \(parsed.itemSize) bytes")
    for (path, offset) in expectedOffsets {
      #expect(parsed.field(path)?.offset == offset, "\(self): \(path) (\(reading) reading)")
    }
    #expect(try Format(parsing: parsed.description) == parsed, "\(self) → \(parsed.description)")
    // The view exists with the exporter's item size.
    let storage = ByteStorage(count: 2 * itemsize)
    let view = try NDView(storage: storage, format: parsed, shape: [2], itemSize: itemsize)
    #expect(view.strides == [itemsize])
  }
}

@Suite("Format: exporters' item sizes")
struct FormatExporterTests {
  static let cases: [ExportCase] = try! Fixtures.load("exports.json", as: [ExportCase].self)

  @Test("fields land where NumPy and ctypes put them", arguments: cases)
  func fixtures(_ row: ExportCase) throws {
    try row.check()
  }

  @Test("the fixture covers NumPy and ctypes exports, packed and aligned")
  func coverage() throws {
    #expect(Self.cases.count >= 500)
    #expect(Self.cases.filter { $0.source == "ctypes" }.count >= 50)
    var readings: [Format.Reading: Int] = [:]
    for row in Self.cases { readings[try Format.parse(row.format, exporterItemSize: row.itemsize).reading, default: 0] += 1 }
    #expect(readings[.asWritten, default: 0] > 0 && readings[.packed, default: 0] > 0 && readings[.natural, default: 0] > 0)
  }

  @Test("fresh random exports from NumPy and ctypes, run live")
  func live() throws {
    let seed = Int.random(in: 0..<1_000_000)
    guard let cases = try Fixtures.live(["exports", "--seed", "\(seed)", "--count", "200"], as: [ExportCase].self) else { return }
    for row in cases { try row.check() }
  }

  @Test func readingsByExample() throws {
    // NumPy's packed [("a", "i8"), ("b", "i2")]: the aligned reading pads to 16.
    let (packed, reading) = try Format.parse("T{l:a:h:b:}", exporterItemSize: 10)
    #expect(reading == .packed && packed.itemSize == 10 && packed.field("b")?.offset == 8)
    // The same string with item size 16 is still NumPy's convention: packed,
    // with six bytes of trailing padding the format leaves out.
    #expect(try Format.parse("T{l:a:h:b:}", exporterItemSize: 16).reading == .packed)
    // An aligned C struct written as a bare struct-module sequence.
    let (bare, bareReading) = try Format.parse("bd", exporterItemSize: 16)
    #expect(bareReading == .asWritten && bare.fields.map(\.offset) == [0, 8])
    // ctypes writes standard sizes but lays fields out as C does.
    let (ctypes, ctypesReading) = try Format.parse("T{<b:a:<d:b:<h:c:}", exporterItemSize: 24)
    #expect(ctypesReading == .natural && ctypes.fields.map(\.offset) == [0, 8, 16] && ctypes.itemSize == 24)
    // Formats whose readings agree read as written.
    #expect(try Format.parse("T{d:x:d:y:}", exporterItemSize: 16).reading == .asWritten)
    #expect(try Format.parse("<i", exporterItemSize: 4).reading == .asWritten)
    // An item size smaller than every reading leaves the written one, which
    // a view then refuses.
    let (small, smallReading) = try Format.parse("T{d:x:d:y:}", exporterItemSize: 8)
    #expect(smallReading == .asWritten && small.itemSize == 16)
    #expect(throws: ViewError.invalidItemSize(8, formatSize: 16)) {
      try NDView(storage: ByteStorage(count: 16), format: small, shape: [2], itemSize: 8)
    }
    #expect(throws: FormatError.self) { try Format.parse("T{d", exporterItemSize: 8) }
  }
}
