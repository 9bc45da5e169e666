extension Format: CustomStringConvertible {
  /// The canonical format string: it parses back to an equal format.
  ///
  /// Scalars use one code per kind (`q` for every 64-bit signed integer, so
  /// native `l` reads back as `q`), records are written as `T{…}` with every
  /// padding byte that the aligning `@` mode would not add written as `x`, and
  /// a byte-order prefix appears only where the sticky mode changes.
  ///
  /// ```swift
  /// try Format(parsing: "T{i:a:xxxxd:b:}").description  // "T{i:a:d:b:}"
  /// try Format(parsing: ">l").description                // ">i"
  /// ```
  public var description: String {
    var writer = FormatWriter()
    writer.write(self, isAligned: true, closing: nil)
    return writer.output
  }
}

/// Writes formats back as strings, tracking the sticky mode as the parser does.
struct FormatWriter {
  typealias Mode = FormatParser.Mode

  var output = ""
  var mode = Mode.aligned

  mutating func switchTo(_ next: Mode) {
    guard next != mode else { return }
    switch next {
    case .aligned: output += "@"
    case .unaligned: output += "^"
    case .standard(let order): output += order.description
    }
    mode = next
  }

  /// Sets the mode an item needs: `@` when it was read aligned; otherwise one
  /// that does not align and that carries the scalar's byte order, if any.
  mutating func prepare(isAligned: Bool, order: ByteOrder?) {
    if let order, !order.isNative {
      switchTo(.standard(order))
    } else if isAligned {
      switchTo(.aligned)
    } else if order != nil || mode == .aligned {
      switchTo(.unaligned)
    }
  }

  mutating func pad(_ count: Int) {
    if count > 0 { output += "\(count)x" }
  }

  /// Writes one item. `closing` is, for a record, whether it must close in
  /// `@` mode (`true`), must not (`false`), or may do either (`nil`).
  mutating func write(_ format: Format, isAligned: Bool, closing: Bool?) {
    switch format.kind {
    case .scalar(let kind, let order):
      prepare(isAligned: isAligned, order: kind.hasByteOrder || kind == .pointer ? order : nil)
      output += kind.code
    case .bytes(let count):
      prepare(isAligned: isAligned, order: nil)
      output += "\(count)s"
    case .unicode(let count, let order):
      prepare(isAligned: isAligned, order: order)
      output += "\(count)w"
    case .pascalString(let count):
      prepare(isAligned: isAligned, order: nil)
      output += "\(count)p"
    case .padding(let count):
      prepare(isAligned: isAligned, order: nil)
      output += "\(count)x"
    case .array(let shape, let element):
      if shape.count == 1, shape[0] != 1, case .scalar(let kind, let order) = element.kind {
        prepare(isAligned: isAligned, order: kind.hasByteOrder || kind == .pointer ? order : nil)
        output += "\(shape[0])\(kind.code)"
      } else {
        output += "(" + shape.map(String.init).joined(separator: ",") + ")"
        write(element, isAligned: isAligned, closing: closing)
      }
    case .record(let fields):
      writeRecord(fields, size: format.itemSize, alignment: format.alignment, closing: closing)
    }
  }

  mutating func writeRecord(_ fields: [Format.Field], size: Int, alignment: Int, closing: Bool?) {
    output += "T{"
    var offset = 0
    for field in fields {
      let target = field.offset
      if field.isAligned {
        let automatic = roundUp(offset, field.format.alignment)
        if target != automatic { pad(target - offset) }
      } else {
        pad(target - offset)
      }
      write(field.format, isAligned: field.isAligned, closing: field.isAligned)
      if let name = field.name { output += ":\(name):" }
      offset = target + field.format.itemSize
    }
    switch closing {
    case true?:
      if roundUp(offset, alignment) != size { pad(size - offset) }
      switchTo(.aligned)
    case false?:
      if mode == .aligned { switchTo(.unaligned) }
      pad(size - offset)
    case nil:
      if mode != .aligned {
        pad(size - offset)
      } else if roundUp(offset, alignment) != size {
        // Explicit padding, and no '@' at the brace unless it would add none.
        if size % alignment != 0 { switchTo(.unaligned) }
        pad(size - offset)
      }
    }
    output += "}"
  }

  func roundUp(_ value: Int, _ alignment: Int) -> Int {
    alignment > 1 ? (value + alignment - 1) / alignment * alignment : value
  }
}
