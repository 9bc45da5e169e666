#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import CStrided

/// How a text file's lines split into fields: the delimiter (or runs of
/// whitespace) and the comment marker. The tokenizer behind
/// ``NDArray/loadText(from:delimiter:comments:skipRows:columns:maxRows:minimumDimensions:converters:)``.
///
/// - A line ends at `\n`, `\r\n` or a lone `\r` (Python's universal
///   newlines, with which NumPy opens text files).
/// - A comment runs from the marker to the end of the line, wherever the
///   marker appears, inside a field too.
/// - With a delimiter, every delimiter separates two fields, so `1,2,`
///   has an empty third field. A line is blank only when nothing comes
///   before its end or its comment; a line of spaces is one (bad) field,
///   as in NumPy.
/// - Without one, fields are runs of anything but ASCII whitespace
///   (space, `\t`, `\v`, `\f`, and `\x1c`–`\x1f`), and a line of
///   whitespace is blank.
final class TextSyntax {
  /// Per byte value, which roles it may start: the bits below.
  private let classes: UnsafeMutablePointer<UInt8>
  /// The delimiter's bytes, or `nil` for whitespace.
  private let delimiter: UnsafeMutablePointer<UInt8>?
  private let delimiterCount: Int
  private let comment: UnsafeMutablePointer<UInt8>?
  private let commentCount: Int

  static let delimiterStart: UInt8 = 1
  static let commentStart: UInt8 = 2
  static let lineEnd: UInt8 = 4
  static let space: UInt8 = 8

  init(delimiter: [UInt8]?, comment: [UInt8]?) {
    classes = .allocate(capacity: 256)
    classes.initialize(repeating: 0, count: 256)
    classes[10] = Self.lineEnd
    classes[13] = Self.lineEnd
    func copy(_ bytes: [UInt8]?) -> UnsafeMutablePointer<UInt8>? {
      guard let bytes, !bytes.isEmpty else { return nil }
      let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
      pointer.initialize(from: bytes, count: bytes.count)
      return pointer
    }
    self.delimiter = copy(delimiter)
    delimiterCount = delimiter?.count ?? 0
    self.comment = copy(comment)
    commentCount = comment?.count ?? 0
    if let first = delimiter?.first {
      classes[Int(first)] |= Self.delimiterStart
    } else {
      for byte in [32, 9, 11, 12, 28, 29, 30, 31] { classes[byte] |= Self.space }
    }
    if let first = comment?.first { classes[Int(first)] |= Self.commentStart }
  }

  deinit {
    classes.deallocate()
    delimiter?.deallocate()
    comment?.deallocate()
  }

  @inline(__always)
  private func matches(
    _ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ word: UnsafeMutablePointer<UInt8>?, _ count: Int
  ) -> Bool {
    guard let word else { return false }
    if count == 1 { return true }  // the class table already matched the one byte
    guard end - p >= count else { return false }
    return memcmp(p, word, count) == 0
  }

  /// The start of the next line: past the end of the line that `p` is in,
  /// and its terminator.
  @inline(__always)
  func nextLine(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
    var p = p
    while p < end && p.pointee != 10 && p.pointee != 13 { p += 1 }
    if p < end {
      if p.pointee == 13 && p + 1 < end && p[1] == 10 { return p + 2 }
      return p + 1
    }
    return p
  }

  /// Splits the line that starts at `start` into fields, recorded in
  /// `fields`. Returns the start of the next line and the number of fields:
  /// 0 for a blank or comment line.
  @inline(__always)
  func split(
    _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, into fields: FieldList
  ) -> (next: UnsafePointer<UInt8>, count: Int) {
    fields.count = 0
    var p = start
    if delimiter != nil {
      var fieldStart = start
      while p < end {
        let role = classes[Int(p.pointee)]
        if role == 0 {
          p += 1
          continue
        }
        if role & Self.lineEnd != 0 { break }
        if role & Self.delimiterStart != 0 && matches(p, end, delimiter, delimiterCount) {
          fields.append(fieldStart, p)
          p += delimiterCount
          fieldStart = p
          continue
        }
        if role & Self.commentStart != 0 && matches(p, end, comment, commentCount) { break }
        p += 1
      }
      if p == start { return (nextLine(p, end), 0) }
      fields.append(fieldStart, p)
      return (nextLine(p, end), fields.count)
    }
    while true {
      while p < end && classes[Int(p.pointee)] & Self.space != 0 { p += 1 }
      if p >= end { break }
      let role = classes[Int(p.pointee)]
      if role & Self.lineEnd != 0 { break }
      if role & Self.commentStart != 0 && matches(p, end, comment, commentCount) { break }
      let fieldStart = p
      p += 1
      while p < end {
        let role = classes[Int(p.pointee)]
        if role == 0 {
          p += 1
          continue
        }
        if role & (Self.space | Self.lineEnd) != 0 { break }
        if role & Self.commentStart != 0 && matches(p, end, comment, commentCount) { break }
        p += 1
      }
      fields.append(fieldStart, p)
    }
    return (nextLine(p, end), fields.count)
  }
}

/// The fields of one line: where each starts and ends. Grows as needed and
/// is reused line after line.
final class FieldList {
  private(set) var starts: UnsafeMutablePointer<UnsafePointer<UInt8>>
  private(set) var ends: UnsafeMutablePointer<UnsafePointer<UInt8>>
  private var capacity: Int
  var count = 0

  init() {
    capacity = 64
    starts = .allocate(capacity: capacity)
    ends = .allocate(capacity: capacity)
  }

  deinit {
    starts.deallocate()
    ends.deallocate()
  }

  @inline(__always)
  func append(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) {
    if count == capacity { grow() }
    starts[count] = start
    ends[count] = end
    count += 1
  }

  private func grow() {
    let newCapacity = capacity * 2
    let newStarts = UnsafeMutablePointer<UnsafePointer<UInt8>>.allocate(capacity: newCapacity)
    let newEnds = UnsafeMutablePointer<UnsafePointer<UInt8>>.allocate(capacity: newCapacity)
    newStarts.moveInitialize(from: starts, count: count)
    newEnds.moveInitialize(from: ends, count: count)
    starts.deallocate()
    ends.deallocate()
    starts = newStarts
    ends = newEnds
    capacity = newCapacity
  }

  /// Field `i`'s text, for messages.
  func text(_ i: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: starts[i], count: ends[i] - starts[i]), as: UTF8.self)
  }
}

/// An element type as the text reader parses it, and NumPy's name for it.
enum TextScalar {
  case bool
  case signed(minimum: Int64, maximum: Int64, size: Int)
  case unsigned(maximum: UInt64, size: Int)
  case float16, float32, float64, complex64, complex128
  /// Strings of `length` units of `unit` bytes: 4, UCS-4 (`w`); 1, the
  /// field's UTF-8 bytes (`s`). NUL-padded.
  case string(length: Int, unit: Int)

  /// What one field parsed to: `tooLong` is a string longer than its
  /// length.
  enum Status { case ok, invalid, outOfRange, tooLong }

  init(_ kind: ScalarKind) {
    switch kind {
    case .bool: self = .bool
    case .int8: self = .signed(minimum: Int64(Int8.min), maximum: Int64(Int8.max), size: 1)
    case .int16: self = .signed(minimum: Int64(Int16.min), maximum: Int64(Int16.max), size: 2)
    case .int32: self = .signed(minimum: Int64(Int32.min), maximum: Int64(Int32.max), size: 4)
    case .int64: self = .signed(minimum: .min, maximum: .max, size: 8)
    case .uint8, .char: self = .unsigned(maximum: UInt64(UInt8.max), size: 1)
    case .uint16: self = .unsigned(maximum: UInt64(UInt16.max), size: 2)
    case .uint32: self = .unsigned(maximum: UInt64(UInt32.max), size: 4)
    case .uint64: self = .unsigned(maximum: .max, size: 8)
    case .float16: self = .float16
    case .float32: self = .float32
    case .float64: self = .float64
    case .complex64: self = .complex64
    case .complex128: self = .complex128
    case .pointer: preconditionFailure("loadText: pointers are not an element type")
    }
  }

  /// NumPy's dtype name, for messages.
  var name: String {
    switch self {
    case .bool: "bool"
    case .signed(_, _, let size): "int\(size * 8)"
    case .unsigned(_, let size): "uint\(size * 8)"
    case .float16: "float16"
    case .float32: "float32"
    case .float64: "float64"
    case .complex64: "complex64"
    case .complex128: "complex128"
    case .string(let length, let unit): unit == 1 ? "S\(length)" : "<U\(length)"
    }
  }

  /// The format of one item.
  var format: Format {
    switch self {
    case .bool: Format(.bool)
    case .signed(_, _, let size): Format(size == 1 ? .int8 : size == 2 ? .int16 : size == 4 ? .int32 : .int64)
    case .unsigned(_, let size): Format(size == 1 ? .uint8 : size == 2 ? .uint16 : size == 4 ? .uint32 : .uint64)
    case .float16: Format(.float16)
    case .float32: Format(.float32)
    case .float64: Format(.float64)
    case .complex64: Format(.complex64)
    case .complex128: Format(.complex128)
    case .string(let length, let unit): unit == 1 ? .byteString(length: length) : .unicodeString(length: length)
    }
  }

  /// The bytes of one item.
  var size: Int {
    switch self {
    case .bool: 1
    case .signed(_, _, let size), .unsigned(_, let size): size
    case .float16: 2
    case .float32: 4
    case .float64, .complex64: 8
    case .complex128: 16
    case .string(let length, let unit): length * unit
    }
  }

  /// Parses the field [start, end) into `destination`, as NumPy's loadtxt
  /// parses the dtype: floats through a correctly rounded double (then
  /// rounded to `Float` or `Float16`, as NumPy does), integers in decimal
  /// with no point or exponent, `Bool` as an integer (non-zero is true),
  /// complex numbers as `1+2j` or `(1+2j)`.
  /// Strings are stored as they stand, NUL-padded.
  @inline(__always)
  func parse(
    _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, into destination: UnsafeMutableRawPointer
  ) -> Status {
    if case .string(let length, let unit) = self {
      return Self.store(start, end, length: length, unit: unit, into: destination)
    }
    let begin = UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)
    let stop = UnsafeRawPointer(end).assumingMemoryBound(to: CChar.self)
    let status: Int32
    switch self {
    case .float64:
      var value = 0.0
      status = strided_parse_double(begin, stop, &value)
      destination.storeBytes(of: value, as: Double.self)
    case .float32:
      var value = 0.0
      status = strided_parse_double(begin, stop, &value)
      destination.storeBytes(of: Float(value), as: Float.self)
    case .float16:
      var value = 0.0
      status = strided_parse_double(begin, stop, &value)
      destination.storeBytes(of: Float16(value), as: Float16.self)
    case .signed(let minimum, let maximum, let size):
      var value: Int64 = 0
      status = strided_parse_int64(begin, stop, minimum, maximum, &value)
      switch size {
      case 1: destination.storeBytes(of: Int8(truncatingIfNeeded: value), as: Int8.self)
      case 2: destination.storeBytes(of: Int16(truncatingIfNeeded: value), as: Int16.self)
      case 4: destination.storeBytes(of: Int32(truncatingIfNeeded: value), as: Int32.self)
      default: destination.storeBytes(of: value, as: Int64.self)
      }
    case .unsigned(let maximum, let size):
      var value: UInt64 = 0
      status = strided_parse_uint64(begin, stop, maximum, &value)
      switch size {
      case 1: destination.storeBytes(of: UInt8(truncatingIfNeeded: value), as: UInt8.self)
      case 2: destination.storeBytes(of: UInt16(truncatingIfNeeded: value), as: UInt16.self)
      case 4: destination.storeBytes(of: UInt32(truncatingIfNeeded: value), as: UInt32.self)
      default: destination.storeBytes(of: value, as: UInt64.self)
      }
    case .bool:
      var value: Int64 = 0
      status = strided_parse_int64(begin, stop, .min, .max, &value)
      destination.storeBytes(of: value != 0, as: Bool.self)
    case .string:
      return .invalid  // stored above
    case .complex128, .complex64:
      var real = 0.0
      var imaginary = 0.0
      status = strided_parse_complex(begin, stop, &real, &imaginary)
      if case .complex128 = self {
        destination.storeBytes(of: real, as: Double.self)
        destination.storeBytes(of: imaginary, toByteOffset: 8, as: Double.self)
      } else {
        destination.storeBytes(of: Float(real), as: Float.self)
        destination.storeBytes(of: Float(imaginary), toByteOffset: 4, as: Float.self)
      }
    }
    // STRIDED_PARSE_OK, _INVALID, _OUT_OF_RANGE.
    switch status {
    case 0: return .ok
    case 2: return .outOfRange
    default: return .invalid
    }
  }

  /// Stores the text [start, end) as a string of `length` units of `unit`
  /// bytes (UCS-4 code points, or the UTF-8 bytes), NUL-padded.
  static func store(
    _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, length: Int, unit: Int,
    into destination: UnsafeMutableRawPointer
  ) -> Status {
    let count = end - start
    if unit == 1 {
      guard count <= length else { return .tooLong }
      destination.copyMemory(from: start, byteCount: count)
      (destination + count).initializeMemory(as: UInt8.self, repeating: 0, count: length - count)
      return .ok
    }
    var ascii = true
    for i in 0..<count where start[i] >= 0x80 {
      ascii = false
      break
    }
    var written = 0
    if ascii {
      guard count <= length else { return .tooLong }
      for i in 0..<count { destination.storeBytes(of: UInt32(start[i]), toByteOffset: 4 * i, as: UInt32.self) }
      written = count
    } else {
      let scalars = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self).unicodeScalars
      guard scalars.count <= length else { return .tooLong }
      for scalar in scalars {
        destination.storeBytes(of: scalar.value, toByteOffset: 4 * written, as: UInt32.self)
        written += 1
      }
    }
    (destination + 4 * written).initializeMemory(as: UInt8.self, repeating: 0, count: 4 * (length - written))
    return .ok
  }

  /// The length of the text [start, end) as a string of `unit`-byte units:
  /// its bytes, or its Unicode scalars.
  static func stringLength(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, unit: Int) -> Int {
    if unit == 1 { return end - start }
    // UTF-8 bytes that start a scalar: all but the continuation bytes
    // (a malformed sequence decodes to one replacement scalar per byte
    // that starts one, as String(decoding:) reads it, or more).
    var p = start
    var ascii = true
    while p < end {
      if p.pointee >= 0x80 {
        ascii = false
        break
      }
      p += 1
    }
    if ascii { return end - start }
    return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self).unicodeScalars.count
  }

  /// A double parsed as ``NDArray/loadText(from:delimiter:comments:skipRows:columns:maxRows:minimumDimensions:converters:)``
  /// parses one, or `nil` (for tests).
  static func parseDouble(_ text: String) -> Double? {
    var text = text
    return text.withUTF8 { bytes -> Double? in
      var value = 0.0
      guard let base = bytes.baseAddress else { return nil }
      let begin = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
      return strided_parse_double(begin, begin + bytes.count, &value) == 0 ? value : nil
    }
  }
}
