extension Format {
  /// How ``parse(_:exporterItemSize:)`` read a format string.
  public enum Reading: Sendable, Hashable {
    /// As written: items in the native `@` mode aligned, records closed in
    /// `@` mode padded (the rules described on ``Format``).
    case asWritten
    /// With no implicit alignment or padding: every `@` read as `^`.
    /// NumPy's exporter writes every gap between fields as explicit `x`
    /// padding, so this is how its records read.
    case packed
    /// Every item at its natural alignment and every record padded, in
    /// any mode: a C compiler's struct layout. `ctypes` exports structures
    /// with `<` or `>` items laid out this way.
    case natural
  }

  /// Parses a format string that came with a buffer, using the exporter's
  /// item size, and the exporters' known conventions, as evidence of where
  /// the items lie.
  ///
  /// Exporters disagree on what a format implies. NumPy writes `@` before
  /// an item whose end is aligned in the whole record, not in its own
  /// nested record, writes every gap as explicit `x` padding, and leaves
  /// trailing padding out: it exports `[("a", "i8"), ("b", "i2")]` as
  /// `T{l:a:h:b:}` with item size 10, which the rules on ``Format`` pad to
  /// 16. `ctypes` writes `T{<b:a:<d:b:}` with item size 16 for a C struct
  /// whose double is at offset 8. So, of the three ``Reading``s:
  /// - a string that is one `T{…}` record, whose `@` items would be padded
  ///   when read as written, is read ``Reading/packed`` when that fits in
  ///   `itemSize` (NumPy's convention; the format and the item size alone
  ///   cannot tell it from a C struct that relies on `@` alignment, and
  ///   NumPy is the exporter of records that Strided meets most);
  /// - otherwise the first of ``Reading/asWritten``, ``Reading/packed``
  ///   and ``Reading/natural`` whose size is `itemSize` is used, the
  ///   natural one only for a string that writes `<` or `>` directly
  ///   before every scalar, as `ctypes` does (NumPy writes `@` and `=` as
  ///   well, and a prefix only where the order changes);
  /// - otherwise the first that fits in `itemSize` (the rest is trailing
  ///   padding the format leaves out), or the written one when none fits.
  ///
  /// Tested against the field offsets and item sizes of random NumPy
  /// structured dtypes (packed, aligned, nested, with byte-order changes)
  /// and `ctypes` structures.
  ///
  /// ```swift
  /// let (format, reading) = try Format.parse("T{l:a:h:b:}", exporterItemSize: 10)
  /// format.field("b")?.offset  // 8
  /// format.itemSize            // 10
  /// reading                    // .packed
  /// ```
  ///
  /// - Throws: ``FormatError`` when the string is malformed, as
  ///   ``init(parsing:)``.
  /// - Complexity: O(*n*) in the length of the string (at most three parses).
  public static func parse(_ string: String, exporterItemSize itemSize: Int) throws(FormatError) -> (
    format: Format, reading: Reading
  ) {
    let (written, isOneRecord, prefixesEveryScalar) = try FormatParser.parse(string, placement: .asWritten)
    // The other readings parse whenever the written one does, but for a
    // size that overflows only when padded.
    let packed = (try? FormatParser.parse(string, placement: .packed).format) ?? written
    if isOneRecord && !packed.hasSamePlacement(as: written) && packed.itemSize <= itemSize { return (packed, .packed) }
    var readings: [(Format, Reading)] = [(written, .asWritten), (packed, .packed)]
    if prefixesEveryScalar, let natural = try? FormatParser.parse(string, placement: .natural).format {
      readings.append((natural, .natural))
    }
    return readings.first { $0.0.itemSize == itemSize } ?? readings.first { $0.0.itemSize <= itemSize }
      ?? (written, .asWritten)
  }
}

extension Format {
  /// Whether two formats put the same items at the same offsets, whatever
  /// their alignments.
  func hasSamePlacement(as other: Format) -> Bool {
    guard itemSize == other.itemSize else { return false }
    switch (kind, other.kind) {
    case (.array(let shape, let element), .array(let otherShape, let otherElement)):
      return shape == otherShape && element.hasSamePlacement(as: otherElement)
    case (.record(let fields), .record(let otherFields)):
      return fields.count == otherFields.count
        && zip(fields, otherFields).allSatisfy { a, b in
          a.name == b.name && a.offset == b.offset && a.format.hasSamePlacement(as: b.format)
        }
    default:
      return kind == other.kind
    }
  }
}
