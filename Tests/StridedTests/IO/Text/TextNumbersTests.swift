#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import Testing

@testable import Strided

/// The text reader's number parser against the C library's strtod, bit for bit.
@Suite("Text number parsing")
struct TextNumbersTests {
  /// printf of one double.
  static func printf(_ format: String, _ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 512)
    _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func expectSameAsStrtod(_ text: String) {
    let expected = strtod(text, nil)
    let parsed = TextScalar.parseDouble(text)
    #expect(parsed != nil, "\(text) was refused")
    if let parsed {
      #expect(
        parsed.bitPattern == expected.bitPattern || (parsed.isNaN && expected.isNaN),
        "\(text): \(parsed) but strtod gives \(expected)")
    }
  }

  @Test("random doubles written with %.17g, %.16g, %.15g, %.18e, %.20g, %g read back as strtod reads them")
  func randomValues() {
    var generator = SystemRandomNumberGenerator()
    let formats = ["%.17g", "%.16g", "%.15g", "%.18e", "%.20g", "%.25e", "%.3g", "%g"]
    for i in 0..<200_000 {
      let value = Double(bitPattern: generator.next())
      guard value.isFinite else { continue }
      Self.expectSameAsStrtod(Self.printf(formats[i % formats.count], value))
    }
    for i in 0..<100_000 {
      let value = Double.random(in: -1...1) * Foundation.pow(10, Double(Int.random(in: -30...30)))
      Self.expectSameAsStrtod(Self.printf(formats[i % formats.count], value))
    }
  }

  @Test("random decimal strings of 1 to 19 digits and any exponent")
  func randomDigits() {
    for _ in 0..<100_000 {
      let digits = String((0..<Int.random(in: 1...19)).map { _ in Character(String(Int.random(in: 0...9))) })
      Self.expectSameAsStrtod((Bool.random() ? "-" : "") + digits + "e\(Int.random(in: -360...320))")
    }
  }

  @Test(
    "edge cases: limits, subnormals, half-way values, long mantissas",
    arguments: [
      "0", "-0", "1", "1.", ".5", "+1.5e3", "1e308", "1.7976931348623157e308", "1.7976931348623159e308",
      "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "2.2250738585072011e-308",
      "2.2250738585072014e-308", "9007199254740993", "9007199254740992", "9007199254740993.0000000001", "1e23",
      "8.98846567431158e307", "1e-400", "1e400", "123456789012345678901234567890", "7.2057594037927933e16",
      "1.00000000000000011102230246251565404236316680908203125",
      "1.00000000000000011102230246251565404236316680908203124",
      "1.00000000000000011102230246251565404236316680908203126", "0e999999999999", "1e-99999999999",
      "9999999999999999999e-10", "18446744073709551615", "  12.5  ", "\t-3",
    ])
  func edgeCases(_ text: String) {
    Self.expectSameAsStrtod(text)
  }

  @Test("NaN and infinities in any case, with a sign; -nan keeps its sign bit as Python's float() does")
  func specials() {
    #expect(TextScalar.parseDouble("nan")?.isNaN == true)
    #expect(TextScalar.parseDouble("-nan")?.sign == .minus)
    #expect(TextScalar.parseDouble("NaN")?.isNaN == true)
    #expect(TextScalar.parseDouble("INF") == .infinity)
    #expect(TextScalar.parseDouble("-Infinity") == -.infinity)
    #expect(TextScalar.parseDouble("+iNfInItY") == .infinity)
  }

  @Test(
    "what NumPy refuses is refused",
    arguments: ["", " ", "+", "-", ".", "-.", "1e", "1e+", "0x10", "1_000", "1..2", "+-1", "nan(1)", "infx", "1d3", "e5", "--1", "1 2"])
  func refused(_ text: String) {
    #expect(TextScalar.parseDouble(text) == nil)
  }
}
