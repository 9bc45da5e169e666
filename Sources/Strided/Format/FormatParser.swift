/// Reads PEP 3118 format strings.
///
/// The grammar, as Strided accepts it:
///
/// ```
/// format := item*                          (whitespace allowed between items)
/// item   := prefix* ['(' dims ')'] prefix* [count] code [':' name ':']
/// prefix := '@' | '=' | '<' | '>' | '!' | '^'   (sticky; allowed anywhere)
/// code   := one of  x c b B ? h H i I l L q Q n N e f d s p P Zf Zd
///         | 'T{' format '}'
/// ```
///
/// The sizing rules are described on ``Format``.
enum FormatParser {
  /// The deepest nesting of `T{…}` records accepted.
  static let maximumDepth = 64

  static func parse(_ string: String) throws(FormatError) -> Format {
    try parse(string, placement: .asWritten).format
  }

  /// Parses `string`, placing items as `placement` says; also tells
  /// whether the string is a single `T{…}` record.
  static func parse(_ string: String, placement: Placement) throws(FormatError) -> (
    format: Format, isOneRecord: Bool, prefixesEveryScalar: Bool
  ) {
    var reader = Reader(string: string)
    reader.placement = placement
    let format = try reader.parseTop()
    return (format, reader.isOneRecord, reader.prefixesEveryScalar)
  }

  /// Where items go, for the readings of ``Format/parse(_:exporterItemSize:)``.
  enum Placement {
    /// Items read in `@` mode are aligned, and records closed in `@` mode
    /// padded: the rules described on ``Format``.
    case asWritten
    /// No implicit alignment or padding anywhere, as if every `@` were `^`.
    case packed
    /// Every item aligned to its natural alignment and every record padded
    /// to its largest one, whatever the mode: a C compiler's struct layout.
    case natural
  }

}

extension FormatParser {
  /// The sticky byte-order and size mode.
  enum Mode: Equatable {
    /// `@`: native order, native sizes, items aligned.
    case aligned
    /// `^`: native order, native sizes, no alignment.
    case unaligned
    /// `=`, `<`, `>`, `!`: standard sizes, no alignment, in the given order.
    case standard(ByteOrder)

    var byteOrder: ByteOrder {
      if case .standard(let order) = self { return order }
      return .native
    }

    var usesNativeSizes: Bool {
      if case .standard = self { return false }
      return true
    }
  }

  struct Reader {
    let string: String
    let bytes: [UInt8]
    var position = 0
    var mode = Mode.aligned
    /// Where items go.
    var placement = Placement.asWritten
    /// Whether the string is a single `T{…}` record.
    var isOneRecord = false
    /// Whether every scalar item so far had a byte-order prefix of its own
    /// directly before its code, as `ctypes` writes them.
    var prefixesEveryScalar = true
    /// Whether the last call of `skipSpaceAndPrefixes` read a prefix.
    var readPrefix = false
    /// The deepest record nesting reached, and where that record opened.
    var deepest = (depth: 0, position: 0)

    init(string: String) {
      self.string = string
      self.bytes = Array(string.utf8)
    }

    // MARK: Errors

    func error(_ reason: FormatError.Reason, at byteOffset: Int? = nil) -> FormatError {
      let offset = min(byteOffset ?? position, bytes.count)
      let characters = String(decoding: bytes[..<offset], as: UTF8.self).count
      return FormatError(format: string, position: characters, reason: reason)
    }

    func character(at offset: Int) -> Character {
      // Decode one full character starting at a byte offset (names may be UTF-8).
      let tail = String(decoding: bytes[offset...], as: UTF8.self)
      return tail.first ?? "?"
    }

    // MARK: Lexing

    var atEnd: Bool { position >= bytes.count }
    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    static func isSpace(_ b: UInt8) -> Bool {
      b == 0x20 || (0x09...0x0D).contains(b)
    }

    static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }

    /// Skips whitespace and byte-order prefixes, applying each prefix.
    ///
    /// A prefix applies to what follows it, so two prefixes in a row, or a
    /// prefix that ends a string with items before it, are errors (as in
    /// CPython's `struct` and NumPy's reader). A prefix may close a record
    /// (`^}`): the mode at the brace decides the record's trailing padding.
    mutating func skipSpaceAndPrefixes(emptySoFar: Bool = false) throws(FormatError) {
      var prefix: Int?
      // `ctypes` writes `<` or `>` before every scalar; NumPy writes `@`
      // and `=` too, and only where the order changes.
      defer { readPrefix = prefix.map { bytes[$0] == UInt8(ascii: "<") || bytes[$0] == UInt8(ascii: ">") } ?? false }
      while let b = current {
        let next: Mode
        switch b {
        case UInt8(ascii: "@"): next = .aligned
        case UInt8(ascii: "^"): next = .unaligned
        case UInt8(ascii: "="): next = .standard(.native)
        case UInt8(ascii: "<"): next = .standard(.little)
        case UInt8(ascii: ">"), UInt8(ascii: "!"): next = .standard(.big)
        default:
          guard Self.isSpace(b) else { return }
          position += 1
          continue
        }
        if prefix != nil { throw error(.repeatedPrefix, at: position) }
        prefix = position
        mode = next
        position += 1
      }
      // A lone prefix is an empty format in that mode, as CPython's
      // `struct` reads it.
      if let prefix, !emptySoFar {
        throw error(.unexpectedEnd(expected: "an item after the byte-order prefix"), at: prefix + 1)
      }
    }

    mutating func skipSpace() {
      while let b = current, Self.isSpace(b) { position += 1 }
    }

    /// Reads a run of decimal digits, or returns `nil` when there is none.
    mutating func readNumber() throws(FormatError) -> Int? {
      let start = position
      var value = 0
      while let b = current, Self.isDigit(b) {
        let (times10, o1) = value.multipliedReportingOverflow(by: 10)
        let (next, o2) = times10.addingReportingOverflow(Int(b - 0x30))
        if o1 || o2 { throw error(.sizeOverflow, at: start) }
        value = next
        position += 1
      }
      return position == start ? nil : value
    }

    // MARK: Grammar

    mutating func parseTop() throws(FormatError) -> Format {
      let record = try parseItems(depth: 0)
      let fields = record.fields
      // One unnamed item filling the whole size stands for itself.
      if fields.count == 1, fields[0].name == nil, fields[0].offset == 0,
        fields[0].format.itemSize == record.size
      {
        isOneRecord = fields[0].format.isRecord
        return fields[0].format
      }
      // A sequence of items is a record too, one level above its items: its
      // description is written in braces, which must read back.
      if deepest.depth >= FormatParser.maximumDepth { throw error(.nestingTooDeep, at: deepest.position) }
      return Format(kind: .record(fields), itemSize: record.size, alignment: record.alignment)
    }

    struct Items {
      var fields: [Format.Field]
      var size: Int
      /// The least common multiple of the alignments of the items read in `@`
      /// mode: the record's ``Format/alignment``.
      var alignment: Int
      /// The least common multiple of every item's alignment, for the
      /// natural layout.
      var naturalAlignment: Int
    }

    /// Parses items up to the end of the string (depth 0) or up to and
    /// including the `}` that closes a record (depth > 0).
    mutating func parseItems(depth: Int) throws(FormatError) -> Items {
      var fields: [Format.Field] = []
      var names = Set<String>()
      var offset = 0
      var commonAlignment = 1
      var naturalAlignment = 1

      var itemCount = 0
      while true {
        try skipSpaceAndPrefixes(emptySoFar: depth == 0 && itemCount == 0)
        itemCount += 1
        guard let b = current else {
          if depth > 0 { throw error(.unexpectedEnd(expected: "'}' to close 'T{'")) }
          break
        }
        if b == UInt8(ascii: "}") {
          guard depth > 0 else { throw error(.unbalancedBrace) }
          position += 1
          break
        }

        // Sub-array shape, then more prefixes, a count and the code.
        var shape: [Int] = []
        if b == UInt8(ascii: "(") {
          shape = try parseShape()
          try skipSpaceAndPrefixes()
        }
        let countStart = position
        let count = try readNumber()
        guard let codeByte = current else {
          throw error(
            count == nil ? .unexpectedEnd(expected: "a type code") : .countWithoutCode,
            at: count == nil ? position : countStart)
        }
        if count != nil && (Self.isSpace(codeByte) || codeByte == UInt8(ascii: "}")) {
          throw error(.countWithoutCode, at: countStart)
        }

        let prefixed = readPrefix && count == nil
        let item = try parseCode(count: count, depth: depth)
        if !prefixed && item.format.scalarKind != nil { prefixesEveryScalar = false }
        var dims = shape
        if let repeats = item.repeats { dims.append(repeats) }
        let value = try makeArray(dims, of: item.format, at: countStart)

        // Only items read in '@' mode are aligned (for a record: '@' at its
        // close), unless another layout was asked for. `isAligned` records
        // whether a description may leave the alignment implicit.
        let isAligned = mode == .aligned && placement != .packed
        naturalAlignment = lcm(naturalAlignment, item.naturalAlignment)
        if isAligned { commonAlignment = lcm(commonAlignment, item.alignment) }
        if placement == .natural {
          offset = try roundUp(offset, to: item.naturalAlignment, at: countStart)
        } else if isAligned {
          offset = try roundUp(offset, to: item.alignment, at: countStart)
        }

        skipSpace()
        var name: String?
        if current == UInt8(ascii: ":") {
          name = try parseName(fieldNames: &names)
        }
        if !(item.isPadding && name == nil) {
          fields.append(Format.Field(name: name, offset: offset, format: value, isAligned: isAligned))
        }
        let (next, overflow) = offset.addingReportingOverflow(value.itemSize)
        if overflow { throw error(.sizeOverflow, at: countStart) }
        offset = next
      }

      var size = offset
      if depth > 0 && placement == .natural {
        size = try roundUp(offset, to: naturalAlignment, at: position)
      } else if depth > 0 && mode == .aligned && placement == .asWritten {
        size = try roundUp(offset, to: commonAlignment, at: position)
      }
      return Items(fields: fields, size: size, alignment: commonAlignment, naturalAlignment: naturalAlignment)
    }

    struct Item {
      var format: Format
      var alignment: Int
      /// The alignment in the natural layout (a record's largest).
      var naturalAlignment: Int
      /// The repeat count, for codes whose count repeats the item.
      var repeats: Int?
      var isPadding = false
    }

    mutating func parseCode(count: Int?, depth: Int) throws(FormatError) -> Item {
      let start = position
      let b = bytes[position]
      position += 1
      let native = mode.usesNativeSizes
      let order = mode.byteOrder

      func scalar(_ kind: ScalarKind) -> Item {
        // A count of 1 is no repetition, as in NumPy's reader.
        Item(
          format: Format(kind, byteOrder: order), alignment: kind.alignment, naturalAlignment: kind.alignment,
          repeats: count == 1 ? nil : count)
      }

      switch b {
      case UInt8(ascii: "?"): return scalar(.bool)
      case UInt8(ascii: "c"): return scalar(.char)
      case UInt8(ascii: "b"): return scalar(.int8)
      case UInt8(ascii: "B"): return scalar(.uint8)
      case UInt8(ascii: "h"): return scalar(.int16)
      case UInt8(ascii: "H"): return scalar(.uint16)
      case UInt8(ascii: "i"): return scalar(.int32)
      case UInt8(ascii: "I"): return scalar(.uint32)
      case UInt8(ascii: "l"): return scalar(native ? .int64 : .int32)
      case UInt8(ascii: "L"): return scalar(native ? .uint64 : .uint32)
      case UInt8(ascii: "q"): return scalar(.int64)
      case UInt8(ascii: "Q"): return scalar(.uint64)
      case UInt8(ascii: "e"): return scalar(.float16)
      case UInt8(ascii: "f"): return scalar(.float32)
      case UInt8(ascii: "d"): return scalar(.float64)
      case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "P"):
        guard native else { throw error(.nativeOnlyCode(Character(UnicodeScalar(b))), at: start) }
        return scalar(b == UInt8(ascii: "n") ? .int64 : b == UInt8(ascii: "N") ? .uint64 : .pointer)
      case UInt8(ascii: "s"), UInt8(ascii: "p"), UInt8(ascii: "x"):
        // The count is a length in bytes, not a repetition.
        let length = count ?? 1
        let kind: Format.Kind =
          b == UInt8(ascii: "s")
          ? .bytes(count: length) : b == UInt8(ascii: "p") ? .pascalString(count: length) : .padding(count: length)
        return Item(
          format: Format(kind: kind, itemSize: length, alignment: 1), alignment: 1, naturalAlignment: 1, repeats: nil,
          isPadding: b == UInt8(ascii: "x"))
      case UInt8(ascii: "w"):
        // NumPy's unicode strings: the count is a length in code points of
        // 4 bytes each, in the mode's byte order, aligned as UInt32.
        let length = count ?? 1
        let (size, overflow) = length.multipliedReportingOverflow(by: 4)
        guard !overflow else { throw error(.sizeOverflow, at: start) }
        return Item(
          format: Format(kind: .unicode(count: length, order), itemSize: size, alignment: 4), alignment: 4,
          naturalAlignment: 4, repeats: nil)
      case UInt8(ascii: "Z"):
        guard let next = current else { throw error(.unexpectedEnd(expected: "'f' or 'd' after 'Z'")) }
        position += 1
        switch next {
        case UInt8(ascii: "f"): return scalar(.complex64)
        case UInt8(ascii: "d"): return scalar(.complex128)
        case UInt8(ascii: "g"):
          throw error(.unsupportedCode("Zg", why: "complex long double has no Swift type"), at: start)
        default:
          throw error(
            .unexpectedCharacter(character(at: position - 1), expected: "'f' or 'd' after 'Z'"),
            at: position - 1)
        }
      case UInt8(ascii: "T"):
        guard current == UInt8(ascii: "{") else {
          if atEnd { throw error(.unexpectedEnd(expected: "'{' after 'T'")) }
          throw error(.unexpectedCharacter(character(at: position), expected: "'{' after 'T'"))
        }
        position += 1
        guard depth < FormatParser.maximumDepth else { throw error(.nestingTooDeep, at: start) }
        if depth + 1 > deepest.depth { deepest = (depth + 1, start) }
        let inner = try parseItems(depth: depth + 1)
        let record = Format(kind: .record(inner.fields), itemSize: inner.size, alignment: inner.alignment)
        return Item(
          format: record, alignment: inner.alignment, naturalAlignment: inner.naturalAlignment,
          repeats: count == 1 ? nil : count)
      case UInt8(ascii: "g"):
        throw error(.unsupportedCode("g", why: "long double has no Swift type"), at: start)
      case UInt8(ascii: "O"):
        throw error(.unsupportedCode("O", why: "Python object pointers have no meaning outside Python"), at: start)
      case UInt8(ascii: "u"):
        throw error(.unsupportedCode("u", why: "UCS-2 strings are not supported"), at: start)
      case UInt8(ascii: "&"):
        throw error(.unsupportedCode("&", why: "pointers to formats are not supported"), at: start)
      case UInt8(ascii: "t"):
        throw error(.unsupportedCode("t", why: "bit fields are not supported"), at: start)
      case UInt8(ascii: "X"):
        throw error(.unsupportedCode("X{}", why: "function pointers are not supported"), at: start)
      default:
        if count != nil { throw error(.countWithoutCode, at: start) }
        throw error(.unknownCode(character(at: start)), at: start)
      }
    }

    /// Reads `( d1, d2, … )`.
    mutating func parseShape() throws(FormatError) -> [Int] {
      let start = position
      position += 1  // '('
      var dims: [Int] = []
      var trailingComma = false
      while true {
        skipSpace()
        guard let dim = try readNumber() else { break }
        dims.append(dim)
        trailingComma = false
        skipSpace()
        if current == UInt8(ascii: ",") {
          position += 1
          trailingComma = true
          continue
        }
        break
      }
      guard current == UInt8(ascii: ")"), !dims.isEmpty, !trailingComma else {
        var end = position
        while end < bytes.count && bytes[end] != UInt8(ascii: ")") { end += 1 }
        let text = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        if end >= bytes.count && !dims.isEmpty && !trailingComma && atEnd {
          throw error(.unexpectedEnd(expected: "')' to close the sub-array shape"))
        }
        throw error(.invalidShape(text), at: start)
      }
      position += 1  // ')'
      return dims
    }

    /// Reads `:name:`, checking it against the record's other names.
    mutating func parseName(fieldNames: inout Set<String>) throws(FormatError) -> String {
      let start = position
      position += 1  // ':'
      guard let end = bytes[position...].firstIndex(of: UInt8(ascii: ":")) else {
        throw error(.unterminatedFieldName, at: start)
      }
      guard end > position else { throw error(.emptyFieldName, at: start) }
      let name = String(decoding: bytes[position..<end], as: UTF8.self)
      guard fieldNames.insert(name).inserted else {
        throw error(.duplicateFieldName(name), at: start)
      }
      position = end + 1
      return name
    }

    // MARK: Arithmetic

    /// Wraps `element` in a sub-array of `dims`, flattening nested sub-arrays
    /// into one shape as NumPy does.
    func makeArray(_ dims: [Int], of element: Format, at start: Int) throws(FormatError) -> Format {
      guard !dims.isEmpty else { return element }
      var shape = dims
      var base = element
      if case .array(let inner, let innerElement) = element.kind {
        shape += inner
        base = innerElement
      }
      var size = base.itemSize
      if shape.contains(0) {
        size = 0  // an empty sub-array, however large its other sizes
      } else {
        for d in shape {
          let (next, overflow) = size.multipliedReportingOverflow(by: d)
          if overflow { throw error(.sizeOverflow, at: start) }
          size = next
        }
      }
      return Format(kind: .array(shape: shape, element: base), itemSize: size, alignment: base.alignment)
    }

    func roundUp(_ value: Int, to alignment: Int, at start: Int) throws(FormatError) -> Int {
      guard alignment > 1 else { return value }
      let remainder = value % alignment
      guard remainder != 0 else { return value }
      let (next, overflow) = value.addingReportingOverflow(alignment - remainder)
      if overflow { throw error(.sizeOverflow, at: start) }
      return next
    }
  }
}

func gcd(_ a: Int, _ b: Int) -> Int {
  var (a, b) = (a, b)
  while b != 0 { (a, b) = (b, a % b) }
  return a
}

func lcm(_ a: Int, _ b: Int) -> Int {
  a / gcd(a, b) * b
}
