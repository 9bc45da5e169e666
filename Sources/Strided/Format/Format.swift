/// A parsed PEP 3118 format string: the layout of one item of a buffer.
///
/// A format describes what one item holds: a scalar (`"d"`, `">i"`), a byte
/// string (`"5s"`), a UCS-4 string (`"5w"`), a fixed-shape sub-array (`"(2,3)f"`), or a record of named
/// fields (`"T{d:x:d:y:}"`). Parsing resolves every size, offset, padding byte
/// and byte order once, so a view never parses again.
///
/// ```swift
/// let point = try Format(parsing: "T{d:x:d:y:}")
/// point.itemSize                  // 16
/// point.field("y")?.offset        // 8
/// let short: Format = "<H"        // a literal; traps if malformed
/// short.byteOrder                 // .little
/// (try Format(parsing: "=l")).scalarKind  // .int32 (standard size)
/// ```
///
/// Sizes and padding follow the de facto rules:
/// - A bare sequence such as `"di"` follows CPython's `struct`: items read in
///   the native `@` mode are aligned, and nothing is added at the end
///   (`"di"` is 12 bytes).
/// - Inside `T{…}`, NumPy's PEP 3118 reader: the byte-order and size mode is one
///   sticky state across the whole string, braces included; only items read in
///   `@` mode are aligned and count toward their record's alignment; a record
///   closed while `@` is in force is padded to that alignment.
/// - `^` means native sizes and order with no alignment.
///
/// Two formats are equal when they describe the same layout: the same kinds,
/// byte orders, sizes, offsets, field names and alignment. `"<d"`, `"=d"` and
/// `"d"` are equal on a little-endian machine; `"l"` and `"=l"` are not.
public struct Format: Sendable, Hashable {
  /// What one item of a format holds.
  public enum Kind: Sendable, Hashable {
    /// One scalar value, with its byte order resolved.
    case scalar(ScalarKind, ByteOrder)
    /// `Ns`: a fixed-length byte string of `count` bytes.
    case bytes(count: Int)
    /// `Nw`: a fixed-length string of `count` UCS-4 code points, 4 bytes
    /// each in the given byte order (NumPy's `<U`*N*, `>U`*N*).
    case unicode(count: Int, ByteOrder)
    /// `Np`: a Pascal string: a length byte and `count - 1` bytes.
    case pascalString(count: Int)
    /// `Nx` given a field name: `count` bytes of opaque padding.
    case padding(count: Int)
    /// `(d1,d2,…)` or a repeat count: a C-ordered sub-array of `element`.
    indirect case array(shape: [Int], element: Format)
    /// `T{…}`, or a sequence of several items: fields at fixed offsets.
    case record([Field])
  }

  /// One field of a record format.
  public struct Field: Sendable, Hashable, CustomStringConvertible {
    /// The field's name, or `nil` for an unnamed item such as each one of `"di"`.
    public let name: String?
    /// The byte offset of the field from the start of its record.
    public let offset: Int
    /// The field's own format.
    public let format: Format
    /// Whether the field was read in the aligning `@` mode. It decides how the
    /// canonical description is written; it is not part of the layout.
    let isAligned: Bool

    init(name: String?, offset: Int, format: Format, isAligned: Bool) {
      self.name = name
      self.offset = offset
      self.format = format
      self.isAligned = isAligned
    }

    public static func == (a: Field, b: Field) -> Bool {
      a.name == b.name && a.offset == b.offset && a.format == b.format
    }

    public func hash(into hasher: inout Hasher) {
      hasher.combine(name)
      hasher.combine(offset)
      hasher.combine(format)
    }

    public var description: String {
      "\(name ?? "<unnamed>") at \(offset): \(format)"
    }
  }

  /// A scalar is stored inline; anything else in a shared node, so a copy
  /// of a format is at most one reference.
  @usableFromInline
  enum Storage: Sendable, Hashable {
    case scalar(ScalarKind, ByteOrder)
    case node(Node)
  }

  /// The parts of a format that is not a single scalar.
  @usableFromInline
  final class Node: Sendable, Hashable {
    let kind: Kind
    @usableFromInline let itemSize: Int
    let alignment: Int

    init(kind: Kind, itemSize: Int, alignment: Int) {
      self.kind = kind
      self.itemSize = itemSize
      self.alignment = alignment
    }

    @usableFromInline
    static func == (a: Node, b: Node) -> Bool {
      a === b || (a.kind == b.kind && a.itemSize == b.itemSize && a.alignment == b.alignment)
    }

    @usableFromInline
    func hash(into hasher: inout Hasher) {
      hasher.combine(kind)
      hasher.combine(itemSize)
      hasher.combine(alignment)
    }
  }

  @usableFromInline let storage: Storage

  /// What one item holds.
  public var kind: Kind {
    switch storage {
    case .scalar(let scalar, let order): .scalar(scalar, order)
    case .node(let node): node.kind
    }
  }

  /// The size of one item in bytes, padding included.
  @inlinable
  public var itemSize: Int {
    switch storage {
    case .scalar(let scalar, _): scalar.size
    case .node(let node): node.itemSize
    }
  }

  /// The alignment one item needs: the natural alignment of a scalar, that of
  /// the element for a sub-array, and for a record the least common multiple
  /// of the alignments of its fields read in `@` mode (1 when there are none).
  public var alignment: Int {
    switch storage {
    case .scalar(let scalar, _): scalar.alignment
    case .node(let node): node.alignment
    }
  }

  init(kind: Kind, itemSize: Int, alignment: Int) {
    if case .scalar(let scalar, let order) = kind {
      storage = .scalar(scalar, scalar.hasByteOrder && scalar != .pointer ? order : .native)
    } else {
      storage = .node(Node(kind: kind, itemSize: itemSize, alignment: alignment))
    }
  }

  /// The format of one scalar in the given byte order.
  ///
  /// ```swift
  /// Format(.float64) == Format("d")
  /// Format(.int32, byteOrder: .big) == Format(">i")
  /// ```
  /// A one-byte kind has no byte order; it is recorded as native.
  /// A one-byte kind has no byte order, and a pointer exists only in the
  /// machine's order: both are recorded as native.
  @inlinable
  public init(_ kind: ScalarKind, byteOrder: ByteOrder = .native) {
    storage = .scalar(kind, kind.hasByteOrder && kind != .pointer ? byteOrder : .native)
  }

  /// Parses a PEP 3118 format string.
  ///
  /// - Throws: ``FormatError`` naming the character position and the reason
  ///   when the string is malformed, or when it uses a code Strided does not
  ///   support (`g`, `Zg`, `O`, `u`, `w`, `&`, `t`, `X{}`).
  /// - Complexity: O(*n*) in the length of the string.
  public init(parsing string: String) throws(FormatError) {
    self = try FormatParser.parse(string)
  }
}

// MARK: - Queries

extension Format {
  /// The kind of the scalar this format holds, or `nil` when it holds
  /// anything else (a record, a sub-array, a byte string).
  ///
  /// The kind names the Swift type behind the code: native `l` is
  /// ``ScalarKind/int64``, `=l` is ``ScalarKind/int32``.
  @inlinable
  public var scalarKind: ScalarKind? {
    if case .scalar(let kind, _) = storage { return kind }
    return nil
  }

  /// The byte order shared by every multi-byte scalar in the format, or `nil`
  /// when there is none (`"B"`, `"5s"`) or when they disagree.
  public var byteOrder: ByteOrder? {
    var found: ByteOrder?
    var mixed = false
    forEachScalarKind { kind, order in
      guard kind.hasByteOrder else { return }
      if let known = found, known != order { mixed = true }
      found = order
    }
    return mixed ? nil : found
  }

  /// Whether every multi-byte scalar in the format is in the machine's order.
  public var isNativeByteOrder: Bool {
    var native = true
    forEachScalarKind { kind, order in
      if kind.hasByteOrder && !order.isNative { native = false }
    }
    return native
  }

  /// The fields of a record format, in the order they were written; empty for
  /// any other format. Unnamed padding (`x` without a name) is not a field.
  public var fields: [Field] {
    if case .record(let fields) = kind { return fields }
    return []
  }

  /// Whether the format is a record.
  public var isRecord: Bool {
    if case .record = kind { return true }
    return false
  }

  /// The field at a name, or at a dotted path into nested records
  /// (`"position.x"`), with its offset counted from the start of this format.
  ///
  /// A name that itself contains dots is found too: at each level the
  /// longest field name that the rest of the path starts with (followed by
  /// a dot, or ending the path) is taken. Names are compared as UTF-8 bytes,
  /// as a format string holds them.
  ///
  /// - Complexity: O(*p* · *f*) for a path of *p* bytes and at most *f*
  ///   fields per record along it: linear in the path's length.
  public func field(_ path: String) -> Field? {
    let dot = UInt8(ascii: ".")
    var path = Array(path.utf8)[...]
    var format = self
    var base = 0
    while true {
      var best: Field?
      var bestLength = -1
      for field in format.fields {
        guard let name = field.name?.utf8, name.count > bestLength, name.count <= path.count,
          path.starts(with: name),
          name.count == path.count || path[path.startIndex + name.count] == dot
        else { continue }
        best = field
        bestLength = name.count
      }
      guard let best else { return nil }
      if bestLength == path.count {
        return Field(name: best.name, offset: base + best.offset, format: best.format, isAligned: best.isAligned)
      }
      base += best.offset
      format = best.format
      path = path.dropFirst(bestLength + 1)
    }
  }

  /// Calls `body` with the kind and byte order of every scalar the format
  /// holds, visiting the element of a sub-array once, whatever its count.
  func forEachScalarKind(_ body: (ScalarKind, ByteOrder) -> Void) {
    switch kind {
    case .scalar(let scalar, let order):
      body(scalar, order)
    case .unicode(_, let order):
      body(.uint32, order)  // code points are 4-byte units
    case .bytes, .pascalString, .padding:
      break
    case .array(_, let element):
      element.forEachScalarKind(body)
    case .record(let fields):
      for field in fields { field.format.forEachScalarKind(body) }
    }
  }

  /// The same layout with every scalar in the machine's byte order.
  public var withNativeByteOrder: Format {
    switch kind {
    case .scalar(let scalar, _):
      return Format(scalar)
    case .unicode(let count, _):
      return Format(kind: .unicode(count: count, .native), itemSize: itemSize, alignment: alignment)
    case .bytes, .pascalString, .padding:
      return self
    case .array(let shape, let element):
      return Format(
        kind: .array(shape: shape, element: element.withNativeByteOrder),
        itemSize: itemSize, alignment: alignment)
    case .record(let fields):
      let native = fields.map {
        Field(
          name: $0.name, offset: $0.offset, format: $0.format.withNativeByteOrder,
          isAligned: $0.isAligned)
      }
      return Format(kind: .record(native), itemSize: itemSize, alignment: alignment)
    }
  }
}

// MARK: - Common formats

extension Format {
  /// `?`: `Bool`.
  public static let bool = Format(.bool)
  /// `b`: `Int8`.
  public static let int8 = Format(.int8)
  /// `B`: `UInt8`.
  public static let uint8 = Format(.uint8)
  /// `h`: `Int16`.
  public static let int16 = Format(.int16)
  /// `H`: `UInt16`.
  public static let uint16 = Format(.uint16)
  /// `i`: `Int32`.
  public static let int32 = Format(.int32)
  /// `I`: `UInt32`.
  public static let uint32 = Format(.uint32)
  /// `q`: `Int64`.
  public static let int64 = Format(.int64)
  /// `Q`: `UInt64`.
  public static let uint64 = Format(.uint64)
  /// `e`: `Float16`.
  public static let float16 = Format(.float16)
  /// `f`: `Float`.
  public static let float32 = Format(.float32)
  /// `d`: `Double`.
  public static let float64 = Format(.float64)
  /// `Zf`: `Complex<Float>`.
  public static let complex64 = Format(.complex64)
  /// `Zd`: `Complex<Double>`.
  public static let complex128 = Format(.complex128)
  /// `c`: one byte of character data.
  public static let char = Format(.char)

  /// `Ns`: a fixed-length byte string of `length` bytes (NumPy's `S`*N*).
  ///
  /// - Precondition: `length` is not negative.
  public static func byteString(length: Int) -> Format {
    precondition(length >= 0, "Format.byteString(length:): negative length \(length)")
    return Format(kind: .bytes(count: length), itemSize: length, alignment: 1)
  }

  /// `Nw`: a fixed-length string of `length` UCS-4 code points (NumPy's
  /// `<U`*N*), 4 bytes each, aligned to 4.
  ///
  /// - Precondition: `length` is not negative and `4 × length` fits in `Int`.
  public static func unicodeString(length: Int, byteOrder: ByteOrder = .native) -> Format {
    let (size, overflow) = length.multipliedReportingOverflow(by: 4)
    precondition(length >= 0 && !overflow, "Format.unicodeString(length:): invalid length \(length)")
    return Format(kind: .unicode(count: length, byteOrder), itemSize: size, alignment: 4)
  }
}

extension Format: ExpressibleByStringLiteral {
  /// Parses a format written in source code: `let point: Format = "T{d:x:d:y:}"`.
  ///
  /// - Precondition: The literal is a valid format; a malformed literal is a
  ///   programmer error and traps with the parser's message. Use
  ///   ``init(parsing:)`` for strings that come from data.
  public init(stringLiteral value: String) {
    do {
      self = try Format(parsing: value)
    } catch {
      preconditionFailure("Format literal: \(error)")
    }
  }
}
