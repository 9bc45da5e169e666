import CStrided

/// A row format for ``NDArray/saveText(to:format:delimiter:newline:header:footer:comments:)``:
/// the literal text around each conversion, and the conversions, in the
/// subset of Python's `%` formatting (printf's) that NumPy users write.
///
/// Supported: the conversions `d i u` (decimal), `x X o` (hexadecimal and
/// octal, integers only), `e E f F g G`, `s` (Python's `str()` of the
/// value: strings, dates and durations as NumPy prints them, numbers as
/// NumPy's scalars print), and `%%`; the flags `-` (left align), `+`,
/// space, `0` (zero padding) and `#`; a width and a precision (for `%s`,
/// at most that many characters); the length modifiers `h l L` are read
/// and ignored, as Python ignores them. Not supported: `%r`, `%a`, `%c`,
/// `*` widths and mapping keys. The output is Python's, so NumPy's: floating-point
/// conversions are printf's (correctly rounded), NaN is `nan` (never
/// `-nan`), `%d` of a float truncates it as `int()` does, `%x` of a
/// negative integer is `-` and the magnitude, and `%#o` writes `0o`.
struct TextRowFormat {
  /// One conversion.
  struct Conversion {
    var leftAlign = false
    var plus = false
    var space = false
    var zero = false
    var alternate = false
    var width = 0
    var precision: Int?
    /// The conversion character's byte.
    var kind: UInt8 = 0
    /// `%<flags><width>.<precision><kind>` for snprintf, NUL-terminated.
    var cFormat: [CChar] = []

    /// Whether the conversion is `d i u x X o`.
    var isInteger = false
    /// Whether the conversion is `E F G` (`INF`, `NAN`).
    var isUppercase = false
    /// Whether the conversion is `s`.
    var isText: Bool { kind == UInt8(ascii: "s") }
  }

  /// `literals[k]` comes before conversion `k`; the last after them all.
  var literals: [[UInt8]]
  var conversions: [Conversion]

  /// Parses a format.
  ///
  /// - Throws: ``TextFileError/Reason/invalidFormat(_:)`` naming what is
  ///   not supported.
  init(_ format: String) throws(TextFileError.Reason) {
    let bytes = Array(format.utf8)
    literals = [[]]
    conversions = []
    var i = 0
    func unsupported(_ what: String) -> TextFileError.Reason {
      .invalidFormat(
        "\(what) in \(format.debugDescription); supported: %d %i %u %x %X %o %e %E %f %F %g %G %s and %%, "
          + "with the flags - + space 0 #, a width and a precision")
    }
    while i < bytes.count {
      let byte = bytes[i]
      i += 1
      guard byte == UInt8(ascii: "%") else {
        literals[literals.count - 1].append(byte)
        continue
      }
      guard i < bytes.count else { throw unsupported("a % at the end") }
      if bytes[i] == UInt8(ascii: "%") {
        literals[literals.count - 1].append(byte)
        i += 1
        continue
      }
      var conversion = Conversion()
      var c = "%"
      flags: while i < bytes.count {
        switch bytes[i] {
        case UInt8(ascii: "-"): conversion.leftAlign = true
        case UInt8(ascii: "+"): conversion.plus = true
        case UInt8(ascii: " "): conversion.space = true
        case UInt8(ascii: "0"): conversion.zero = true
        case UInt8(ascii: "#"): conversion.alternate = true
        default: break flags
        }
        c.append(Character(Unicode.Scalar(bytes[i])))
        i += 1
      }
      var digits = 0
      while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57, digits < 6 {
        conversion.width = conversion.width * 10 + Int(bytes[i] - 48)
        i += 1
        digits += 1
      }
      if conversion.width > 0 { c += String(conversion.width) }
      if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
        i += 1
        var precision = 0
        digits = 0
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57, digits < 6 {
          precision = precision * 10 + Int(bytes[i] - 48)
          i += 1
          digits += 1
        }
        conversion.precision = precision
        c += "." + String(precision)
      }
      while i < bytes.count, [UInt8(ascii: "h"), UInt8(ascii: "l"), UInt8(ascii: "L")].contains(bytes[i]) { i += 1 }
      guard i < bytes.count else { throw unsupported("an unfinished conversion") }
      let kind = bytes[i]
      i += 1
      guard "diuxXoeEfFgGs".utf8.contains(kind) else {
        throw unsupported("the conversion %\(Character(Unicode.Scalar(kind)))")
      }
      conversion.kind = kind
      conversion.isInteger = "diuxXo".utf8.contains(kind)
      conversion.isUppercase = "EFG".utf8.contains(kind)
      c.append(Character(Unicode.Scalar(kind)))
      conversion.cFormat = c.utf8CString.map { $0 }
      conversions.append(conversion)
      literals.append([])
    }
  }
}

/// One value to format: integers stay exact, everything else is a double
/// (as Python's `%` sees NumPy's scalars).
enum TextValue {
  case signed(Int64)
  case unsigned(UInt64)
  case real(Double)

  /// The value at `pointer` of an element of `kind`; `part` picks the real
  /// (0) or imaginary (1) part of a complex number.
  @inline(__always)
  init(at pointer: UnsafeRawPointer, kind: ScalarKind, part: Int) {
    switch kind {
    case .bool: self = .signed(pointer.loadUnaligned(as: UInt8.self) != 0 ? 1 : 0)
    case .int8: self = .signed(Int64(pointer.loadUnaligned(as: Int8.self)))
    case .int16: self = .signed(Int64(pointer.loadUnaligned(as: Int16.self)))
    case .int32: self = .signed(Int64(pointer.loadUnaligned(as: Int32.self)))
    case .int64: self = .signed(pointer.loadUnaligned(as: Int64.self))
    case .uint8, .char: self = .unsigned(UInt64(pointer.loadUnaligned(as: UInt8.self)))
    case .uint16: self = .unsigned(UInt64(pointer.loadUnaligned(as: UInt16.self)))
    case .uint32: self = .unsigned(UInt64(pointer.loadUnaligned(as: UInt32.self)))
    case .uint64: self = .unsigned(pointer.loadUnaligned(as: UInt64.self))
    case .float16: self = .real(Double(pointer.loadUnaligned(as: Float16.self)))
    case .float32: self = .real(Double(pointer.loadUnaligned(as: Float.self)))
    case .float64: self = .real(pointer.loadUnaligned(as: Double.self))
    case .complex64: self = .real(Double(pointer.loadUnaligned(fromByteOffset: part * 4, as: Float.self)))
    case .complex128: self = .real(pointer.loadUnaligned(fromByteOffset: part * 8, as: Double.self))
    case .pointer: self = .unsigned(UInt64(UInt(bitPattern: pointer.loadUnaligned(as: Int.self))))
    }
  }
}

/// Formats values into bytes, with a reusable buffer for snprintf.
final class TextFormatter {
  private var buffer: UnsafeMutablePointer<CChar>
  private var capacity = 128

  init() { buffer = .allocate(capacity: capacity) }
  deinit { buffer.deallocate() }

  /// Appends `value` formatted by `conversion`.
  ///
  /// - Throws: ``TextFileError/Reason/unformattableValue(_:)`` for NaN or
  ///   an infinity with an integer conversion, and
  ///   ``TextFileError/Reason/invalidFormat(_:)`` for `%x` or `%o` of a
  ///   float (Python's TypeError).
  @inline(__always)
  func append(
    _ value: TextValue, _ conversion: TextRowFormat.Conversion, to output: inout [UInt8]
  ) throws(TextFileError.Reason) {
    if conversion.isInteger {
      switch value {
      case .signed(let v): appendInteger(negative: v < 0, digits: digits(v.magnitude, conversion), conversion, &output)
      case .unsigned(let v): appendInteger(negative: false, digits: digits(v, conversion), conversion, &output)
      case .real(let v):
        guard v.isFinite else {
          throw .unformattableValue("cannot convert float \(v.isNaN ? "NaN" : "infinity") to integer")
        }
        guard conversion.kind != UInt8(ascii: "x"), conversion.kind != UInt8(ascii: "X"), conversion.kind != UInt8(ascii: "o") else {
          throw .invalidFormat("%\(Character(Unicode.Scalar(conversion.kind))) format: an integer is required, not float")
        }
        let whole = v.rounded(.towardZero)
        if whole.magnitude < 9.2e18 {
          let n = Int64(whole)
          appendInteger(negative: n < 0, digits: digits(n.magnitude, conversion), conversion, &output)
        } else {
          // The exact decimal digits of a large integral double.
          let text = Array(formatDouble(whole.magnitude, "%.0f".utf8CString.map { $0 }))
          appendInteger(negative: whole < 0, digits: text, conversion, &output)
        }
      }
      return
    }
    let v: Double
    switch value {
    case .signed(let n): v = Double(n)
    case .unsigned(let n): v = Double(n)
    case .real(let x): v = x
    }
    if v.isFinite {
      output.append(contentsOf: formatDouble(v, conversion.cFormat))
      return
    }
    // Python's spelling: no sign on NaN, padding as for numbers.
    let body = Array((v.isNaN ? "nan" : "inf").utf8).map { conversion.isUppercase ? $0 - 32 : $0 }
    let negative = v.isInfinite && v < 0
    pad(sign: sign(negative, conversion), prefix: [], digits: body, conversion, &output)
  }

  /// Appends `text` (UTF-8) as Python's `%s` does: at most `precision`
  /// characters, padded with spaces to the width (counted in characters),
  /// before it or, with `-`, after.
  func appendText(_ text: [UInt8], _ conversion: TextRowFormat.Conversion, to output: inout [UInt8]) {
    var text = text
    var characters = text.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    if let precision = conversion.precision, characters > precision {
      var kept = 0
      var end = 0
      while end < text.count {
        if text[end] & 0xC0 != 0x80 {
          if kept == precision { break }
          kept += 1
        }
        end += 1
      }
      text.removeLast(text.count - end)
      characters = precision
    }
    let fill = Swift.max(0, conversion.width - characters)
    if !conversion.leftAlign { output.append(contentsOf: repeatElement(32, count: fill)) }
    output += text
    if conversion.leftAlign { output.append(contentsOf: repeatElement(32, count: fill)) }
  }

  /// Python's `str()` of the element at `pointer` of `kind` as NumPy's
  /// scalar gives it: `True`/`False`, integers in decimal, floating-point
  /// numbers (and each part of a complex number) in the shortest digits
  /// that read back, positional from 1e-4 up to 1e16 (`Double`), 1e6
  /// (`Float`) or 1e3 (`Float16`), scientific outside (`1e-05`, `1e+16`).
  static func pythonText(at pointer: UnsafeRawPointer, kind: ScalarKind, part: Int) -> [UInt8] {
    switch kind {
    case .bool: return Array((pointer.loadUnaligned(as: UInt8.self) != 0 ? "True" : "False").utf8)
    case .float16: return pythonFloat(pointer.loadUnaligned(as: Float16.self), positionalBelow: 3)
    case .float32: return pythonFloat(pointer.loadUnaligned(as: Float.self), positionalBelow: 6)
    case .float64: return pythonFloat(pointer.loadUnaligned(as: Double.self), positionalBelow: 16)
    case .complex64: return pythonFloat(pointer.loadUnaligned(fromByteOffset: part * 4, as: Float.self), positionalBelow: 6)
    case .complex128:
      return pythonFloat(pointer.loadUnaligned(fromByteOffset: part * 8, as: Double.self), positionalBelow: 16)
    default:
      switch TextValue(at: pointer, kind: kind, part: part) {
      case .signed(let v): return Array(String(v).utf8)
      case .unsigned(let v): return Array(String(v).utf8)
      case .real(let v): return pythonFloat(v, positionalBelow: 16)
      }
    }
  }

  /// `x` in its shortest round-trip digits (Swift's `description` finds
  /// them), written as NumPy writes its scalars: positional when
  /// 1e-4 ≤ |x| < 10^`positionalBelow` or x is zero, else scientific with
  /// an exponent of at least two digits. NaN is `nan`, whatever its sign.
  static func pythonFloat<F: BinaryFloatingPoint & CustomStringConvertible>(
    _ x: F, positionalBelow limit: Int
  ) -> [UInt8] {
    if x.isNaN { return Array("nan".utf8) }
    if x.isInfinite { return Array((x < 0 ? "-inf" : "inf").utf8) }
    let text = Array(x.description.utf8)
    let negative = text.first == UInt8(ascii: "-")
    // The digits without the point, and where the point was.
    var digits: [UInt8] = []
    var point: Int?
    var exponent = 0
    var i = negative ? 1 : 0
    while i < text.count {
      let c = text[i]
      if c == UInt8(ascii: ".") {
        point = digits.count
      } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
        exponent = Int(String(decoding: text[(i + 1)...], as: UTF8.self)) ?? 0
        break
      } else {
        digits.append(c)
      }
      i += 1
    }
    // value = 0.digits × 10^(point + exponent) before trimming zeros.
    var scale = (point ?? digits.count) + exponent
    while digits.count > 1 && digits.first == UInt8(ascii: "0") {
      digits.removeFirst()
      scale -= 1
    }
    while digits.count > 1 && digits.last == UInt8(ascii: "0") { digits.removeLast() }
    let zero = digits == [UInt8(ascii: "0")]
    // The exponent of the first digit: value = d.ddd × 10^e.
    let e = scale - 1
    var output: [UInt8] = negative ? [UInt8(ascii: "-")] : []
    // NumPy decides on the value, not on its digits: Float(1e-4) is below
    // 1e-4 and prints as 1e-04.
    let size = Double(x.magnitude)
    var upper = 1.0
    for _ in 0..<limit { upper *= 10 }
    if zero || (size >= 1e-4 && size < upper) {
      if zero {
        output += Array("0.0".utf8)
      } else if e >= 0 {
        let whole = digits.prefix(e + 1)
        output += whole
        output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: e + 1 - whole.count))
        output.append(UInt8(ascii: "."))
        output += digits.count > e + 1 ? Array(digits[(e + 1)...]) : [UInt8(ascii: "0")]
      } else {
        output += Array("0.".utf8)
        output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -e - 1))
        output += digits
      }
      return output
    }
    output.append(digits[0])
    if digits.count > 1 {
      output.append(UInt8(ascii: "."))
      output += digits[1...]
    }
    output += Array((e < 0 ? "e-" : "e+").utf8)
    let magnitude = String(e.magnitude)
    if magnitude.count < 2 { output.append(UInt8(ascii: "0")) }
    output += Array(magnitude.utf8)
    return output
  }

  private func digits(_ magnitude: UInt64, _ conversion: TextRowFormat.Conversion) -> [UInt8] {
    let radix: Int
    switch conversion.kind {
    case UInt8(ascii: "x"), UInt8(ascii: "X"): radix = 16
    case UInt8(ascii: "o"): radix = 8
    default: radix = 10
    }
    return Array(String(magnitude, radix: radix, uppercase: conversion.kind == UInt8(ascii: "X")).utf8)
  }

  private func sign(_ negative: Bool, _ conversion: TextRowFormat.Conversion) -> [UInt8] {
    negative ? [45] : conversion.plus ? [43] : conversion.space ? [32] : []
  }

  private func appendInteger(
    negative: Bool, digits: [UInt8], _ conversion: TextRowFormat.Conversion, _ output: inout [UInt8]
  ) {
    var digits = digits
    if let precision = conversion.precision, digits.count < precision {
      digits.insert(contentsOf: repeatElement(48, count: precision - digits.count), at: 0)
    }
    var prefix: [UInt8] = []
    if conversion.alternate {
      switch conversion.kind {
      case UInt8(ascii: "x"): prefix = Array("0x".utf8)
      case UInt8(ascii: "X"): prefix = Array("0X".utf8)
      case UInt8(ascii: "o"): prefix = Array("0o".utf8)
      default: break
      }
    }
    pad(sign: sign(negative, conversion), prefix: prefix, digits: digits, conversion, &output)
  }

  /// Sign, prefix and digits, padded to the width as Python pads them:
  /// spaces before, spaces after (`-`), or zeros after the sign (`0`).
  private func pad(
    sign: [UInt8], prefix: [UInt8], digits: [UInt8], _ conversion: TextRowFormat.Conversion, _ output: inout [UInt8]
  ) {
    let fill = Swift.max(0, conversion.width - sign.count - prefix.count - digits.count)
    if conversion.leftAlign {
      output += sign + prefix + digits
      output.append(contentsOf: repeatElement(32, count: fill))
    } else if conversion.zero {
      output += sign + prefix
      output.append(contentsOf: repeatElement(48, count: fill))
      output += digits
    } else {
      output.append(contentsOf: repeatElement(32, count: fill))
      output += sign + prefix + digits
    }
  }

  /// snprintf of one finite double.
  @inline(__always)
  func formatDouble(_ value: Double, _ format: [CChar]) -> UnsafeBufferPointer<UInt8> {
    while true {
      let n = format.withUnsafeBufferPointer { format in
        Int(strided_format_double(buffer, capacity, format.baseAddress, value))
      }
      if n < capacity {
        return UnsafeBufferPointer(
          start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Swift.max(n, 0))
      }
      buffer.deallocate()
      capacity = n + 1
      buffer = .allocate(capacity: capacity)
    }
  }
}
