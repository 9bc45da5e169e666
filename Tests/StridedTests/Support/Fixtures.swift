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
  /// The first `python3` on the search path (or in the usual places) that
  /// can import NumPy, if any.
  static let executable: String? = {
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
    for candidate in path + ["/usr/local/bin/python3", "/usr/bin/python3"]
    where FileManager.default.isExecutableFile(atPath: candidate) {
      if (try? run(candidate, ["-c", "import numpy"])) != nil { return candidate }
    }
    return nil
  }()

  static var hasNumPy: Bool { executable != nil }

  static func run(_ arguments: [String]) throws -> Data {
    guard let executable else { throw CocoaError(.executableNotLoadable) }
    return try run(executable, arguments)
  }

  /// A failed run of python3, with the end of what it wrote to standard
  /// error.
  struct Failure: Error, CustomStringConvertible {
    var status: Int32
    var message: String
    var description: String { "python3 exited with status \(status): \(message)" }
  }

  /// Runs python3 and returns its standard output; throws on failure.
  static func run(_ executable: String, _ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    let errors = FileManager.default.temporaryDirectory.appendingPathComponent("strided-python-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    let errorHandle = try FileHandle(forWritingTo: errors)
    defer { try? FileManager.default.removeItem(at: errors) }
    process.standardOutput = pipe
    process.standardError = errorHandle
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try? errorHandle.close()
    guard process.terminationStatus == 0 else {
      let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
      throw Failure(status: process.terminationStatus, message: String(text.suffix(1500)))
    }
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
