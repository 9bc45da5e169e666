/// The reason strings cannot be stored in, or read from, a string view, and
/// where.
///
/// ```swift
/// do { _ = try NDView(strings: ["ab", "toolong"], length: 3) } catch {
///   print(error)  // string 1 has 7 code points, more than the 3 of its format
/// }
/// ```
public struct StringError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong.
  public enum Reason: Sendable, Equatable {
    /// The string at flat index `index` is longer than the fixed length of
    /// its format (code points for `w`, bytes for `s`). Nothing was written.
    case tooLong(index: Int, length: Int, limit: Int)
    /// The string at flat index `index` holds a character that is not ASCII,
    /// so it has no byte string (NumPy raises `UnicodeEncodeError`).
    case notASCII(index: Int)
    /// The element at flat index `index` holds a UCS-4 unit that is no
    /// Unicode scalar (a surrogate or a value above U+10FFFF).
    case invalidCodePoint(index: Int, value: UInt32)
    /// The view's format is not a byte string (`Ns`) or a UCS-4 string (`Nw`).
    case notStrings(format: String)
    /// Two views hold different kinds of strings (bytes and UCS-4).
    case mixedKinds(String, String)
    /// The number of strings is not the product of the shape asked for.
    case countMismatch(count: Int, shape: Dimensions)
    /// The shapes cannot broadcast together.
    case notBroadcastable(Dimensions, Dimensions)
    /// The axis is outside the view's dimensions.
    case invalidAxis(Int, rank: Int)
    /// The result's memory could not be had.
    case outOfMemory(byteCount: Int)
  }

  /// What is wrong.
  public let reason: Reason

  public init(_ reason: Reason) { self.reason = reason }

  public var description: String {
    switch reason {
    case .tooLong(let index, let length, let limit):
      "string \(index) has \(length) units, more than the \(limit) of its format"
    case .notASCII(let index): "string \(index) is not ASCII, so it has no byte string"
    case .invalidCodePoint(let index, let value):
      "element \(index) holds 0x\(String(value, radix: 16)), which is no Unicode scalar"
    case .notStrings(let format): "the format \"\(format)\" holds no strings (Ns or Nw)"
    case .mixedKinds(let a, let b): "cannot compare strings of the formats \"\(a)\" and \"\(b)\""
    case .countMismatch(let count, let shape): "\(count) strings do not fill the shape \(shape)"
    case .notBroadcastable(let a, let b): "the shapes \(a) and \(b) do not broadcast together"
    case .invalidAxis(let axis, let rank): "axis \(axis) is out of range for \(rank) dimensions"
    case .outOfMemory(let count): "out of memory for \(count) bytes"
    }
  }
}
