// Shared by the test target and the fuzz targets in Tests/Fuzz, which link
// this file: it uses Strided's public API only.

/// Reads choices from a fuzzer's bytes. Each choice consumes one or more
/// bytes; once the bytes run out, every choice is the smallest one, so any
/// input, however short, describes a complete run.
struct FuzzInput {
  private let bytes: [UInt8]
  private var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Whether every byte has been read.
  var isExhausted: Bool { position >= bytes.count }

  /// The next byte, or 0 past the end.
  mutating func byte() -> UInt8 {
    guard position < bytes.count else { return 0 }
    defer { position += 1 }
    return bytes[position]
  }

  /// An integer in `range`, read from as many bytes as the range needs.
  mutating func int(in range: ClosedRange<Int>) -> Int {
    let width = UInt64(bitPattern: Int64(range.upperBound) &- Int64(range.lowerBound)) &+ 1
    var raw: UInt64 = 0
    var covered: UInt64 = 1
    repeat {
      raw = raw << 8 | UInt64(byte())
      covered = covered << 8
    } while covered != 0 && covered < width && covered <= UInt64.max >> 8
    let offset = width == 0 ? raw : raw % width
    return Int(truncatingIfNeeded: Int64(range.lowerBound) &+ Int64(bitPattern: offset))
  }

  /// `true` or `false`.
  mutating func bool() -> Bool { byte() & 1 == 1 }

  /// `true` once in `n` choices, about.
  mutating func oneIn(_ n: Int) -> Bool { int(in: 0...(n - 1)) == 0 }

  /// One of the choices.
  mutating func pick<T>(_ choices: [T]) -> T { choices[int(in: 0...(choices.count - 1))] }
}

/// A broken invariant found by a fuzz harness: what was checked, on what.
struct FuzzFailure: Error, CustomStringConvertible {
  let description: String
}

/// Throws a ``FuzzFailure`` with `message` unless `condition` holds.
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) throws(FuzzFailure) {
  if !condition { throw FuzzFailure(description: message()) }
}
