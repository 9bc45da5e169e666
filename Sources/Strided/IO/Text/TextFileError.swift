/// A text file that Strided cannot read or write: the file, the line and
/// column where that is one place, and the reason.
///
/// Lines and columns count from 1. A line is a line of the file, every line
/// counted (skipped rows, comments and blank lines too), where NumPy counts
/// data rows; a column is a field of that line, every field counted (those
/// that `columns` leaves out too), as NumPy counts it.
public struct TextFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong.
  public enum Reason: Error, Equatable, Sendable {
    /// A row with another number of fields than the first data row. NumPy:
    /// "the number of columns changed from 2 to 3".
    case columnCountChanged(expected: Int, found: Int)
    /// A field that is not a value of the element type (`type` is NumPy's
    /// name for it: `float64`, `int32`, …). NumPy: "could not convert
    /// string 'x' to float64".
    case invalidValue(text: String, type: String)
    /// An integer field outside the element type's range (NumPy says
    /// "could not convert" here too).
    case outOfRange(text: String, type: String)
    /// A column that `columns` asks for and the row does not have.
    /// NumPy: "invalid column index 5 at row 1 with 3 columns".
    case columnIndexOutOfRange(index: Int, columns: Int)
    /// A field longer than its string field's `length` (characters for
    /// unicode strings, bytes for byte strings). NumPy cuts it silently.
    case stringTooLong(text: String, length: Int)
    /// A missing field (empty, or one of the missing-value strings) in a
    /// column with no filling value: an unsigned column, for which NumPy's
    /// default filling value -1 is out of range.
    case missingValue(type: String)
    /// A converter threw; the message is its error.
    case converterFailed(text: String, message: String)
    /// A format string outside the supported printf subset, or whose
    /// conversions do not match the columns. NumPy: "fmt has wrong number
    /// of % formats".
    case invalidFormat(String)
    /// An array of other than one or two dimensions. NumPy: "Expected 1D
    /// or 2D array, got 3D array instead".
    case unsupportedDimensions(Int)
    /// A value the format cannot write: NaN or an infinity with an integer
    /// conversion (`%d`), as Python's `int()` cannot convert them.
    case unformattableValue(String)
    /// The operating system refused an operation; the message is its error.
    case system(String)
    /// The path names something other than a regular file (a directory, a
    /// FIFO, a device).
    case notRegularFile(String)
    /// The system could not provide the memory for the text or the array.
    case outOfMemory(byteCount: Int)
  }

  /// The file's path, or `<string>` for text in memory.
  public let file: String
  /// The line of the file (from 1), where the problem is in one line.
  public let line: Int?
  /// The field of that line (from 1), where the problem is in one field.
  public let column: Int?
  /// What is wrong.
  public let reason: Reason

  /// Makes an error.
  public init(file: String, line: Int? = nil, column: Int? = nil, reason: Reason) {
    self.file = file
    self.line = line
    self.column = column
    self.reason = reason
  }

  public var description: String {
    var place = file
    if let line { place += ", line \(line)" }
    if let column { place += ", column \(column)" }
    let what: String
    switch reason {
    case .columnCountChanged(let expected, let found):
      what =
        "the number of columns changed from \(expected) to \(found); pass columns: to select a subset and avoid this error"
    case .invalidValue(let text, let type): what = "could not convert string \(Self.quoted(text)) to \(type)"
    case .outOfRange(let text, let type): what = "\(Self.quoted(text)) is out of range for \(type)"
    case .stringTooLong(let text, let length): what = "\(Self.quoted(text)) is longer than the field's length \(length)"
    case .columnIndexOutOfRange(let index, let columns): what = "invalid column index \(index) for a row of \(columns) columns"
    case .missingValue(let type): what = "a missing value in a \(type) column, which has no filling value"
    case .converterFailed(let text, let message): what = "the converter failed on \(Self.quoted(text)): \(message)"
    case .invalidFormat(let message): what = "invalid format: \(message)"
    case .unsupportedDimensions(let n): what = "expected a 1-D or 2-D array, got \(n)-D"
    case .unformattableValue(let message): what = message
    case .system(let message): what = message
    case .notRegularFile(let kind): what = "is \(kind), not a regular file"
    case .outOfMemory(let byteCount): what = OutOfMemory(byteCount: byteCount).description
    }
    return "\(place): \(what)"
  }

  /// A field as NumPy quotes it in messages: in single quotes, cut at 100
  /// characters.
  static func quoted(_ text: String) -> String {
    "'" + (text.count > 100 ? String(text.prefix(100)) + "…" : text) + "'"
  }

  /// The same problem, from the file layer's error.
  init(_ error: NPYError) {
    let reason: Reason
    switch error.reason {
    case .system(let message): reason = .system(message)
    case .notRegularFile(let kind): reason = .notRegularFile(kind)
    case .outOfMemory(let byteCount): reason = .outOfMemory(byteCount: byteCount)
    case .truncatedData: reason = .system("the file shrank while it was read")
    default: reason = .system("\(error.reason)")
    }
    self.init(file: error.file, reason: reason)
  }
}
