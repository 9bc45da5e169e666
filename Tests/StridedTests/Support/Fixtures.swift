import Foundation
import Strided

/// Loads the JSON fixtures written by `Fixtures/generate.py`.
enum Fixtures {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    let data = try Data(contentsOf: directory.appendingPathComponent(name))
    return try JSONDecoder().decode(T.self, from: data)
  }

  /// Runs the generator with arguments and decodes its standard output, or
  /// returns `nil` when `python3` with NumPy is not available.
  static func live<T: Decodable>(_ arguments: [String], as type: T.Type) throws -> T? {
    guard Python.hasNumPy else { return nil }
    let output = try Python.run([directory.appendingPathComponent("generate.py").path] + arguments)
    return try JSONDecoder().decode(T.self, from: output)
  }
}

enum Python {
  static let executable: String? = {
    for path in ["/usr/bin/python3", "/usr/local/bin/python3"] + searchPath()
    where FileManager.default.isExecutableFile(atPath: path) {
      return path
    }
    return nil
  }()

  static func searchPath() -> [String] {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
  }

  static let hasNumPy: Bool = {
    guard executable != nil else { return false }
    return (try? run(["-c", "import numpy"])) != nil
  }()

  /// Runs python3 and returns its standard output; throws on failure.
  static func run(_ arguments: [String]) throws -> Data {
    guard let executable else { throw CocoaError(.executableNotLoadable) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    return data
  }
}

extension Array where Element == UInt8 {
  /// Bytes from a hexadecimal string.
  init(hex: String) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(hex.utf8.count / 2)
    var high: UInt8?
    for c in hex.utf8 {
      let nibble = c <= 57 ? c - 48 : c - 87
      if let h = high {
        bytes.append(h << 4 | nibble)
        high = nil
      } else {
        high = nibble
      }
    }
    self = bytes
  }

  var hex: String { map { String(format: "%02x", $0) }.joined() }
}
