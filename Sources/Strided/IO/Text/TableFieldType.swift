/// The type of one field of the records that
/// ``NDView/loadTable(from:types:names:namesFromHeader:delimiter:comments:skipHeader:skipFooter:columns:maxRows:minimumDimensions:missingValues:fillingValue:fillingValues:skipInvalidRows:invalidAsMissing:)``
/// reads: a scalar kind, a string, or a type found from the column's text
/// (NumPy's per-field `dtype`, and `dtype=None`).
///
/// ```swift
/// let t = try NDView.loadTable(fromString: "1,ab\n2,c\n", types: [.int64, .string], delimiter: ",")
/// // t.field("f1"): strings "ab" and "c", NumPy's '<U2'
/// ```
public struct TableFieldType: Sendable, Hashable, CustomStringConvertible {
  enum Kind: Hashable {
    case scalar(ScalarKind)
    /// UCS-4 strings (`w`), of this many characters or the longest field's.
    case unicode(Int?)
    /// Byte strings (`s`), of this many bytes or the longest field's.
    case bytes(Int?)
    case guessed
  }

  let kind: Kind

  /// Whether the type is a string whose length is found from the data.
  var hasDataLength: Bool { kind == .unicode(nil) || kind == .bytes(nil) }

  /// A field of one scalar kind: any but ``ScalarKind/pointer`` and
  /// ``ScalarKind/char``.
  public static func scalar(_ kind: ScalarKind) -> TableFieldType { TableFieldType(kind: .scalar(kind)) }

  /// NumPy: `bool`, read as `true` or `false` in any case, or an integer.
  public static let bool = scalar(.bool)
  /// NumPy: `int8`.
  public static let int8 = scalar(.int8)
  /// NumPy: `int16`.
  public static let int16 = scalar(.int16)
  /// NumPy: `int32`.
  public static let int32 = scalar(.int32)
  /// NumPy: `int64`.
  public static let int64 = scalar(.int64)
  /// NumPy: `uint8`.
  public static let uint8 = scalar(.uint8)
  /// NumPy: `uint16`.
  public static let uint16 = scalar(.uint16)
  /// NumPy: `uint32`.
  public static let uint32 = scalar(.uint32)
  /// NumPy: `uint64`.
  public static let uint64 = scalar(.uint64)
  /// NumPy: `float16`.
  public static let float16 = scalar(.float16)
  /// NumPy: `float32`.
  public static let float32 = scalar(.float32)
  /// NumPy: `float64`.
  public static let float64 = scalar(.float64)
  /// NumPy: `complex64`.
  public static let complex64 = scalar(.complex64)
  /// NumPy: `complex128`.
  public static let complex128 = scalar(.complex128)

  /// Unicode strings as long as the column's longest field, in characters
  /// (Unicode scalars): NumPy's `<U`*n* with *n* found from the data.
  public static let string = TableFieldType(kind: .unicode(nil))

  /// Unicode strings of `length` characters: NumPy's `<U`*length*. A
  /// longer field is an error (NumPy cuts it silently).
  ///
  /// - Precondition: `length` is at least 1 and at most `Int.max / 4`.
  public static func string(length: Int) -> TableFieldType {
    precondition(length >= 1, "TableFieldType.string(length:): a length of \(length) is less than 1")
    precondition(length <= Int.max / 4, "TableFieldType.string(length:): a length of \(length) is too long")
    return TableFieldType(kind: .unicode(length))
  }

  /// Byte strings (the field's UTF-8 bytes) as long as the column's longest
  /// field: NumPy's `S`*n* with *n* found from the data.
  public static let byteString = TableFieldType(kind: .bytes(nil))

  /// Byte strings of `length` bytes: NumPy's `S`*length*. A longer field is
  /// an error (NumPy cuts it silently).
  ///
  /// - Precondition: `length` is at least 1 and at most `Int.max / 4`.
  public static func byteString(length: Int) -> TableFieldType {
    precondition(length >= 1, "TableFieldType.byteString(length:): a length of \(length) is less than 1")
    precondition(length <= Int.max / 4, "TableFieldType.byteString(length:): a length of \(length) is too long")
    return TableFieldType(kind: .bytes(length))
  }

  /// The type found from the column's fields, as NumPy's `dtype=None`
  /// finds it: the first of `bool` (every field `true` or `false`, in any
  /// case), `int64`, `float64`, `complex128` that reads every field that is
  /// not missing, else unicode strings as long as the longest field. A
  /// column with no field present is `bool`.
  public static let guessed = TableFieldType(kind: .guessed)

  /// NumPy's name for the type: `int64`, `<U5`, `S3`, `<U`, `S` (length
  /// from the data) or `None` (guessed).
  public var description: String {
    switch kind {
    case .scalar(let kind): TextScalar(kind).name
    case .unicode(let length): "<U\(length.map(String.init) ?? "")"
    case .bytes(let length): "S\(length.map(String.init) ?? "")"
    case .guessed: "None"
    }
  }
}
