import Strided

/// The format parser's fuzz harness: any string either throws a
/// ``FormatError`` or parses to a format whose invariants hold.
enum FormatFuzzing {
  static func run(_ data: [UInt8]) throws(FuzzFailure) {
    let text = String(decoding: data, as: UTF8.self)
    let format: Format
    do {
      format = try Format(parsing: text)
    } catch {
      try fuzzCheck(
        error.position >= 0 && error.position <= text.count,
        "error position \(error.position) outside \(text.debugDescription)")
      return
    }
    try checkInvariants(format, source: text)

    // The canonical description reads back to the same layout, and is a
    // fixed point.
    let canonical = format.description
    let again: Format
    do {
      again = try Format(parsing: canonical)
    } catch {
      throw FuzzFailure(description: "\(canonical.debugDescription), from \(text.debugDescription), does not parse: \(error)")
    }
    try fuzzCheck(again == format, "\(text.debugDescription) → \(canonical.debugDescription) reads back as \(again)")
    try fuzzCheck(
      again.description == canonical,
      "\(canonical.debugDescription) describes itself as \(again.description.debugDescription)")

    // Items of the format can be stored, copied and read back.
    if format.itemSize > 0 && format.itemSize <= 1 << 12 {
      do {
        let view = try NDView(format: format, shape: [3])
        let bytes = view.bytes()
        try fuzzCheck(bytes.count == 3 * format.itemSize, "\(text.debugDescription): \(bytes.count) bytes")
        try fuzzCheck(view.copy(order: .fortran).bytes() == bytes, "\(text.debugDescription): copy differs")
      } catch let error as FuzzFailure {
        throw error
      } catch {
        throw FuzzFailure(description: "\(text.debugDescription): a view of 3 items throws \(error)")
      }
    }
  }

  /// Sizes are non-negative, alignments are powers of two, and every field
  /// lies inside its record, recursively.
  static func checkInvariants(_ format: Format, source: String, depth: Int = 0) throws(FuzzFailure) {
    try fuzzCheck(format.itemSize >= 0, "\(source.debugDescription): item size \(format.itemSize)")
    let alignment = format.alignment
    try fuzzCheck(
      alignment >= 1 && alignment & (alignment - 1) == 0,
      "\(source.debugDescription): alignment \(alignment)")
    try fuzzCheck(depth <= 200, "\(source.debugDescription): nested more than 200 deep")
    for field in format.fields {
      try fuzzCheck(
        field.offset >= 0 && field.offset + field.format.itemSize <= format.itemSize,
        "\(source.debugDescription): field \(field) outside the \(format.itemSize)-byte item")
      if let name = field.name {
        try fuzzCheck(format.field(name) != nil, "\(source.debugDescription): field \(name) not found by name")
      }
      try checkInvariants(field.format, source: source, depth: depth + 1)
    }
  }
}
