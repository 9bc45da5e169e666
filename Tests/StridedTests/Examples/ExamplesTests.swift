import Foundation
import Testing

/// Runs the example executables the test target depends on and checks what
/// they print.
@Suite("Examples")
struct ExamplesTests {
  /// The directory holding the built products, beside the test binary.
  static var productsDirectory: URL {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // Some runners start the tests from inside a bundle directory.
    while url.pathExtension == "xctest" || url.lastPathComponent == "Contents" || url.lastPathComponent == "MacOS" {
      url.deleteLastPathComponent()
    }
    return url
  }

  static func run(_ name: String) throws -> String {
    let process = Process()
    process.executableURL = productsDirectory.appendingPathComponent(name)
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self)
  }

  @Test func byteBuffer() throws {
    let lines = try Self.run("byte-buffer").split(separator: "\n").map(String.init)
    #expect(lines.contains("Content read from the buffer: abcdefghij"))
    #expect(lines.contains("As B:      [ 97  98  99 100 101 102 103 104 105 106]"))
    #expect(lines.contains("As <H:     [25185 25699 26213 26727 27241]"))
    #expect(lines.contains("As (2,5)c: [\"abcde\", \"fghij\"]"))
    #expect(lines.contains("After writing \"A\" through the B view: <H[0] = 25153, grid row 0 = Abcde"))
  }
}
