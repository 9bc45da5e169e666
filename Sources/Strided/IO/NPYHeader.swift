/// The header of a `.npy` file: its dtype as a PEP 3118 format, its shape
/// and its memory order, read from and written as NumPy's Python dict
/// literal.
struct NPYHeader: Equatable {
  var format: Format
  var itemSize: Int
  var shape: [Int]
  var fortranOrder: Bool
  /// The `datetime64` or `timedelta64` dtype of the data, whose bytes the
  /// format describes as `Int64`s; `nil` for every other dtype.
  var time: TimeDType? = nil

  /// NumPy's limit on the header's length.
  static let maximumLength = 10_000
  static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

  // MARK: Reading

  /// The length of the preamble and header, and the header, from the first
  /// bytes of a file (at least the preamble and the header).
  ///
  /// - Throws: ``NPYError/Reason`` for the first problem found. Dates and
  ///   durations (`<M8[s]`) are read only when `time` names the element
  ///   type the header must hold; then any other dtype throws.
  static func parse(
    _ bytes: UnsafeRawBufferPointer, time expected: (any NDTimeElement.Type)? = nil
  ) throws(NPYError.Reason) -> (header: NPYHeader, dataOffset: Int) {
    let prefix = Array(bytes.prefix(6))
    guard prefix == Array(magic.prefix(prefix.count)) else { throw .badMagic }
    guard bytes.count >= 8 else { throw .truncatedHeader }
    let (major, minor) = (Int(bytes[6]), Int(bytes[7]))
    guard (1...3).contains(major), minor == 0 else { throw .unsupportedVersion(major: major, minor: minor) }
    let lengthSize = major == 1 ? 2 : 4
    guard bytes.count >= 8 + lengthSize else { throw .truncatedHeader }
    var length = 0
    for i in 0..<lengthSize { length |= Int(bytes[8 + i]) << (8 * i) }
    guard length <= maximumLength else { throw .headerTooLarge(length) }
    let start = 8 + lengthSize
    guard bytes.count >= start + length else { throw .truncatedHeader }
    let text: String
    let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)])
    if major == 3 {
      guard let decoded = String(validating: raw, as: UTF8.self) else { throw .malformedHeader("the header is not UTF-8") }
      text = decoded
    } else {
      var scalars = String.UnicodeScalarView()  // Latin-1: each byte is its code point
      for byte in raw { scalars.append(Unicode.Scalar(byte)) }
      text = String(scalars)
    }
    return (try parse(text: text, time: expected), start + length)
  }

  static func parse(text: String, time expected: (any NDTimeElement.Type)? = nil) throws(NPYError.Reason) -> NPYHeader {
    var parser = PythonLiteral.Parser(text)
    let value: PythonLiteral
    do { value = try parser.parseAll() } catch { throw .malformedHeader(error.message) }
    guard case .dict(let entries) = value else { throw .malformedHeader("the header is not a dict") }
    var dict: [String: PythonLiteral] = [:]
    for (key, value) in entries {
      guard case .string(let name) = key else { throw .malformedHeader("a key is not a string") }
      dict[name] = value
    }
    guard Set(dict.keys) == ["descr", "fortran_order", "shape"] else {
      throw .malformedHeader("expected the keys descr, fortran_order and shape; got \(dict.keys.sorted())")
    }
    guard case .bool(let fortran) = dict["fortran_order"]! else { throw .malformedHeader("fortran_order is not True or False") }
    guard case .tuple(let sizes) = dict["shape"]! else { throw .malformedHeader("shape is not a tuple") }
    var shape: [Int] = []
    for size in sizes {
      guard case .integer(let n) = size else { throw .malformedHeader("shape holds something other than integers") }
      guard n >= 0 else { throw .invalidShape("size \(n) is negative") }
      shape.append(n)
    }
    guard shape.count <= NDView.maximumRank else { throw .invalidShape("\(shape.count) dimensions") }
    let descr = dict["descr"]!
    var time: TimeDType?
    if case .string(let text) = descr { time = TimeDType(descr: text) }
    if time != nil && expected == nil {
      throw .unsupportedDType("\(descr) holds dates or durations; read it as an NDArray of DateTime64 or TimeDelta64")
    }
    var format = Format.int64
    var itemSize = 8
    if let time {
      format = Format(.int64, byteOrder: time.byteOrder)
    } else {
      (format, itemSize) = try DType.format(of: descr)
    }
    if let expected { try TimeDType.check(time, format: format, expected: expected) }
    var count = 1
    for n in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: n)
      guard !overflow else { throw .invalidShape("\(shape) overflows") }
      count = product
    }
    guard !count.multipliedReportingOverflow(by: itemSize).overflow else { throw .invalidShape("\(shape) overflows") }
    return NPYHeader(format: format, itemSize: itemSize, shape: shape, fortranOrder: fortran, time: time)
  }

  /// The number of data bytes.
  var dataCount: Int { shape.reduce(1, *) * itemSize }

  // MARK: Writing

  /// The preamble and header, padded with spaces and a newline so the data
  /// starts on a 64-byte boundary, as NumPy writes them.
  func encoded() throws(NPYError.Reason) -> [UInt8] {
    let descr: String
    if let time {
      descr = "'\(time.descr)'"
    } else {
      descr = try DType.descr(of: format, itemSize: itemSize)
    }
    let shapeText = shape.isEmpty ? "()" : shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    let text = "{'descr': \(descr), 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
    let isLatin1 = text.unicodeScalars.allSatisfy { $0.value < 256 }
    let body: [UInt8] = isLatin1 ? text.unicodeScalars.map { UInt8($0.value) } : Array(text.utf8)
    // Version 1.0 when the header is Latin-1 and short enough, 2.0 when it
    // is longer, 3.0 when it needs UTF-8 (field names), as NumPy chooses.
    func layout(_ lengthSize: Int) -> (total: Int, length: Int) {
      let unpadded = 8 + lengthSize + body.count + 1
      let total = (unpadded + 63) / 64 * 64
      return (total, total - 8 - lengthSize)
    }
    let major = !isLatin1 ? 3 : layout(2).length <= 0xFFFF ? 1 : 2
    let lengthSize = major == 1 ? 2 : 4
    let (total, length) = layout(lengthSize)
    // NumPy, and Strided, refuse to read longer headers.
    guard length <= Self.maximumLength else {
      throw .unsupportedFormat("its header would be \(length) bytes, over NumPy's limit of 10000 (too many fields)")
    }
    var bytes = Self.magic + [UInt8(major), 0]
    for i in 0..<lengthSize { bytes.append(UInt8(truncatingIfNeeded: length >> (8 * i))) }
    bytes += body
    bytes += [UInt8](repeating: 0x20, count: total - bytes.count - 1)
    bytes.append(0x0A)
    return bytes
  }
}

/// A `datetime64` or `timedelta64` dtype as `.npy` writes it: `<M8[s]`,
/// `>m8[D]`.
struct TimeDType: Equatable {
  var isDuration: Bool
  var unit: DateUnit
  var byteOrder: ByteOrder

  init(isDuration: Bool, unit: DateUnit, byteOrder: ByteOrder = .native) {
    self.isDuration = isDuration
    self.unit = unit
    self.byteOrder = byteOrder
  }

  /// The dtype of a descr string, or `nil` when it is not a date or
  /// duration with one of NumPy's units (`M8` without a unit, NumPy's
  /// generic unit, is `nil` too).
  init?(descr: String) {
    var rest = Substring(descr)
    var order = ByteOrder.native
    if let first = rest.first, "<>|=".contains(first) {
      if first == "<" { order = .little }
      if first == ">" { order = .big }
      rest = rest.dropFirst()
    }
    guard rest.hasPrefix("M8[") || rest.hasPrefix("m8["), rest.hasSuffix("]") else { return nil }
    guard let unit = DateUnit(code: String(rest.dropFirst(3).dropLast())) else { return nil }
    self.init(isDuration: rest.first == "m", unit: unit, byteOrder: order)
  }

  /// The descr NumPy writes: `<M8[s]`.
  var descr: String { byteOrder.description + (isDuration ? "m8" : "M8") + "[\(unit.code)]" }
}
