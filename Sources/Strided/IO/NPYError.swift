/// A `.npy` or `.npz` file that Strided cannot read or write, with the file
/// and the reason.
public struct NPYError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong.
  public enum Reason: Error, Equatable, Sendable {
    /// The file does not start with `\x93NUMPY`.
    case badMagic
    /// The file ends inside its preamble or header.
    case truncatedHeader
    /// The header is longer than NumPy's limit of 10,000 bytes.
    case headerTooLarge(Int)
    /// A format version other than 1.0, 2.0 and 3.0.
    case unsupportedVersion(major: Int, minor: Int)
    /// The header is not a Python dict literal with `descr`,
    /// `fortran_order` and `shape`; the message says where it breaks.
    case malformedHeader(String)
    /// The dtype cannot be read into a PEP 3118 format: objects (pickles),
    /// unicode strings, datetimes, or a malformed `descr`.
    case unsupportedDType(String)
    /// A shape with a negative size, or whose byte count overflows.
    case invalidShape(String)
    /// The file holds fewer data bytes than the header promises.
    case truncatedData(expected: Int, available: Int)
    /// A view whose format has no NumPy dtype (pointers, Pascal strings).
    case unsupportedFormat(String)
    /// The operating system refused an operation; the message is its error.
    case system(String)
    /// A `.npz` archive that cannot be read or written.
    case archive(String)
    /// The path names something other than a regular file (a directory, a
    /// FIFO, a device), which is read or replaced as it is not.
    case notRegularFile(String)
    /// A member of a `.npz` archive whose CRC-32 does not match its bytes.
    case checksumMismatch(expected: UInt32, actual: UInt32)
    /// A key that cannot name a member of a `.npz` archive.
    case invalidKey(String)
    /// The system could not provide the memory for the data.
    case outOfMemory(byteCount: Int)
    /// The members of a `.npz` load would take more memory once read than
    /// the limit allows (``NPZ/defaultInflatedByteLimit``, or the one
    /// given), so nothing was read.
    case inflatedSizeOverLimit(byteCount: Int, limit: Int)
  }

  /// The file's path (or a description of in-memory bytes).
  public let file: String
  /// What is wrong.
  public let reason: Reason

  /// Makes an error for a file.
  public init(file: String, reason: Reason) {
    self.file = file
    self.reason = reason
  }

  public var description: String {
    let what: String
    switch reason {
    case .badMagic: what = "not a .npy file (the magic string \\x93NUMPY is missing)"
    case .truncatedHeader: what = "the file ends inside its header"
    case .headerTooLarge(let n): what = "the header is \(n) bytes, over NumPy's limit of 10000"
    case .unsupportedVersion(let major, let minor): what = "format version \(major).\(minor) is not 1.0, 2.0 or 3.0"
    case .malformedHeader(let message): what = "malformed header: \(message)"
    case .unsupportedDType(let message): what = "unsupported dtype: \(message)"
    case .invalidShape(let message): what = "invalid shape: \(message)"
    case .truncatedData(let expected, let available):
      what = "the header promises \(expected) data bytes but the file holds \(available)"
    case .unsupportedFormat(let message): what = "cannot be written as .npy: \(message)"
    case .system(let message): what = message
    case .archive(let message): what = "archive: \(message)"
    case .notRegularFile(let kind): what = "is \(kind), not a regular file"
    case .checksumMismatch(let expected, let actual):
      what = "CRC-32 mismatch: the archive records \(hex(expected)) but the bytes give \(hex(actual)); the member is damaged"
    case .invalidKey(let message): what = "invalid key: \(message)"
    case .outOfMemory(let byteCount): what = OutOfMemory(byteCount: byteCount).description
    case .inflatedSizeOverLimit(let byteCount, let limit):
      what =
        "the arrays take \(byteCount) bytes (\(OutOfMemory.size(byteCount))) once read, over the limit of "
        + "\(limit) bytes (\(OutOfMemory.size(limit))); pass a larger inflatedByteLimit to read them"
    }
    return "\(file): \(what)"
  }

  private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
  }
}
