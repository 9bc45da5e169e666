import CStrided

/// A row format for ``NDArray/saveText(to:format:delimiter:newline:header:footer:comments:)``:
/// the literal text around each conversion, and the conversions, in the
/// subset of Python's `%` formatting (printf's) that NumPy users write.
///
/// Supported: the conversions `d i u` (decimal), `x X o` (hexadecimal and
/// octal, integers only), `e E f F g G`, and `%%`; the flags `-` (left
/// align), `+`, space, `0` (zero padding) and `#`; a width and a
/// precision; the length modifiers `h l L` are read and ignored, as Python
/// ignores them. Not supported: `%s`, `%r`, `%a`, `%c`, `*` widths and
/// mapping keys. The output is Python's, so NumPy's: floating-point
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
        "\(what) in \(format.debugDescription); supported: %d %i %u %x %X %o %e %E %f %F %g %G and %%, "
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
      guard "diuxXoeEfFgG".utf8.contains(kind) else {
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
