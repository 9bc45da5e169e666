/// NumPy dtype descriptions (`descr` in a `.npy` header) to PEP 3118
/// formats and back.
///
/// | NumPy | format | | NumPy | format |
/// |---|---|---|---|---|
/// | `b1` | `?` | | `f2` `f4` `f8` | `e` `f` `d` |
/// | `i1` `u1` | `b` `B` | | `c8` `c16` | `Zf` `Zd` |
/// | `i2` `u2` | `h` `H` | | `S`*n* | *n*`s` |
/// | | | | `U`*n* | *n*`w` |
/// | `i4` `u4` | `i` `I` | | `V`*n* | *n*`x` |
/// | `i8` `u8` | `q` `Q` | | records | `T{…}` |
///
/// Byte orders carry over (`<`, `>`; `|` and `=` are the machine's).
/// Objects (`O`, which need pickle), datetimes and
/// the dict form of record descriptions are refused.
enum DType {
  static func format(of descr: PythonLiteral) throws(NPYError.Reason) -> (Format, Int) {
    let text = try formatText(of: descr)
    do {
      let format = try Format(parsing: text)
      guard format.itemSize > 0 else { throw NPYError.Reason.unsupportedDType("\(descr) has items of 0 bytes") }
      return (format, format.itemSize)
    } catch let error as NPYError.Reason {
      throw error
    } catch {
      throw .unsupportedDType("\(descr) (as the format \"\(text)\": \(error))")
    }
  }

  static func formatText(of descr: PythonLiteral, depth: Int = 0) throws(NPYError.Reason) -> String {
    guard depth < 16 else { throw .unsupportedDType("records nested deeper than 16 levels") }
    switch descr {
    case .string(let text): return try scalar(text)
    case .list(let fields):
      guard !fields.isEmpty else { throw .unsupportedDType("a record with no fields") }
      var body = ""
      for field in fields {
        guard case .tuple(let parts) = field, parts.count == 2 || parts.count == 3 else {
          throw .unsupportedDType("a record field is not (name, dtype) or (name, dtype, shape)")
        }
        var name: String
        switch parts[0] {
        case .string(let n): name = n
        case .tuple(let titled) where titled.count == 2:
          guard case .string(let n) = titled[1] else { throw .unsupportedDType("a field name is not a string") }
          name = n
        default: throw .unsupportedDType("a field name is not a string")
        }
        var item = try formatText(of: parts[1], depth: depth + 1)
        if case .list = parts[1] { item = "T{\(item)}" }
        if parts.count == 3 {
          guard case .tuple(let sizes) = parts[2] else { throw .unsupportedDType("a field shape is not a tuple") }
          var dims: [Int] = []
          for size in sizes {
            guard case .integer(let n) = size, n >= 0 else { throw .unsupportedDType("a field shape holds \(size)") }
            dims.append(n)
          }
          if !dims.isEmpty { item = "(" + dims.map(String.init).joined(separator: ",") + ")" + item }
        }
        if name.isEmpty, case .string(let t) = parts[1], t.dropFirst().hasPrefix("V") {
          body += item  // unnamed padding
          continue
        }
        guard !name.isEmpty, !name.contains(":") else {
          throw .unsupportedDType("the field name \"\(name)\" cannot be written in a format")
        }
        body += item + ":" + name + ":"
      }
      return depth == 0 ? "T{\(body)}" : body
    case .dict:
      throw .unsupportedDType("the dict form of a record dtype (names, formats, offsets) is not supported")
    default:
      throw .unsupportedDType("descr is \(descr), not a string or a list of fields")
    }
  }

  /// `"<f8"` → `"<d"`.
  static func scalar(_ text: String) throws(NPYError.Reason) -> String {
    var rest = Substring(text)
    var order = "<"
    if let first = rest.first, "<>|=".contains(first) {
      order = first == ">" ? ">" : first == "<" ? "<" : ByteOrder.native.description
      rest = rest.dropFirst()
    }
    guard let kind = rest.first else { throw .unsupportedDType("empty descr") }
    let sizeText = rest.dropFirst()
    if kind == "O" { throw .unsupportedDType("object arrays (O) need pickle and are refused") }
    if kind == "M" || kind == "m" { throw .unsupportedDType("datetimes (\(text)) are not supported") }
    guard let size = Int(sizeText), size >= 0, size <= 1 << 30 else { throw .unsupportedDType("\"\(text)\" has no valid size") }
    switch (kind, size) {
    case ("b", 1): return "?"
    case ("i", 1): return "b"
    case ("u", 1): return "B"
    case ("i", 2): return order + "h"
    case ("u", 2): return order + "H"
    case ("i", 4): return order + "i"
    case ("u", 4): return order + "I"
    case ("i", 8): return order + "q"
    case ("u", 8): return order + "Q"
    case ("f", 2): return order + "e"
    case ("f", 4): return order + "f"
    case ("f", 8): return order + "d"
    case ("c", 8): return order + "Zf"
    case ("c", 16): return order + "Zd"
    case ("S", _), ("a", _): return "\(size)s"
    case ("U", _): return order + "\(size)w"
    case ("V", _): return "\(size)x"
    default: throw .unsupportedDType("\"\(text)\" is not a dtype Strided reads")
    }
  }

  // MARK: Writing

  /// The `descr` literal of a format, as NumPy writes it.
  static func descr(of format: Format, itemSize: Int) throws(NPYError.Reason) -> String {
    if format.isRecord {
      return try recordDescr(format, itemSize: itemSize)
    }
    let text = try scalarDescr(format)
    guard format.itemSize == itemSize else {
      throw .unsupportedFormat("an item size of \(itemSize) for the \(format.itemSize)-byte format \(format)")
    }
    return "'\(text)'"
  }

  static func scalarDescr(_ format: Format) throws(NPYError.Reason) -> String {
    switch format.kind {
    case .scalar(let kind, let byteOrder):
      let order = !kind.hasByteOrder ? "|" : byteOrder.description
      switch kind {
      case .bool: return "|b1"
      case .int8: return "|i1"
      case .uint8: return "|u1"
      case .char: return "|S1"
      case .int16: return order + "i2"
      case .uint16: return order + "u2"
      case .int32: return order + "i4"
      case .uint32: return order + "u4"
      case .int64: return order + "i8"
      case .uint64: return order + "u8"
      case .float16: return order + "f2"
      case .float32: return order + "f4"
      case .float64: return order + "f8"
      case .complex64: return order + "c8"
      case .complex128: return order + "c16"
      case .pointer: throw .unsupportedFormat("pointers (P) have no NumPy dtype")
      }
    case .bytes(let count): return "|S\(count)"
    case .unicode(let count, let order): return order.description + "U\(count)"
    case .padding(let count): return "|V\(count)"
    case .pascalString: throw .unsupportedFormat("Pascal strings (p) have no NumPy dtype")
    case .array: throw .unsupportedFormat("a sub-array format outside a record; view it with more dimensions instead")
    case .record: throw .unsupportedFormat("a nested record")
    }
  }

  static func recordDescr(_ format: Format, itemSize: Int, depth: Int = 0) throws(NPYError.Reason) -> String {
    guard depth < 16 else { throw .unsupportedFormat("records nested deeper than 16 levels") }
    // Only padding (`16x`): NumPy's void type of that size.
    if format.fields.isEmpty { return "'|V\(itemSize)'" }
    var entries: [String] = []
    var position = 0
    for (index, field) in format.fields.sorted(by: { $0.offset < $1.offset }).enumerated() {
      guard field.offset >= position else { throw .unsupportedFormat("overlapping fields in \(format)") }
      if field.offset > position { entries.append("('', '|V\(field.offset - position)')") }
      let name = pythonEscaped(field.name ?? "f\(index)")
      var element = field.format
      var shape: [Int] = []
      if case .array(let dims, let inner) = element.kind {
        shape = dims
        element = inner
      }
      let inner = element.isRecord
        ? try recordDescr(element, itemSize: element.itemSize, depth: depth + 1)
        : "'\(try scalarDescr(element))'"
      let shapeText = shape.isEmpty ? "" : shape.count == 1 ? ", (\(shape[0]),)" : ", (" + shape.map(String.init).joined(separator: ", ") + ")"
      entries.append("('\(name)', \(inner)\(shapeText))")
      position = field.offset + field.format.itemSize
    }
    if itemSize > position { entries.append("('', '|V\(itemSize - position)')") }
    return "[" + entries.joined(separator: ", ") + "]"
  }
}

/// The body of a Python string literal in single quotes: backslashes,
/// quotes and control characters escaped as Python's `repr` would.
func pythonEscaped(_ text: String) -> String {
  var result = ""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\\": result += "\\\\"
    case "'": result += "\\'"
    case "\n": result += "\\n"
    case "\r": result += "\\r"
    case "\t": result += "\\t"
    case _ where scalar.value < 0x20 || scalar.value == 0x7F:
      result += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result
}
