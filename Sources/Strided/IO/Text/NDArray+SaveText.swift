import Foundation

extension NDArray {
  /// Writes a 1-D or 2-D array to a text file, one row a line: NumPy's
  /// `np.savetxt`, byte for byte.
  ///
  /// ```swift
  /// try m.saveText(to: url, delimiter: ",")                  // 1.000000000000000000e+00,…
  /// try counts.saveText(to: url, format: "%d")
  /// try m.saveText(to: url, format: "%d,%.3f", header: "id,value", comments: "")
  /// try days.saveText(to: url, format: "%s")                 // 2020-01-01, NaT, …
  /// ```
  ///
  /// A 1-D array is written one element a line. `format` is one conversion,
  /// used for every column and joined by `delimiter`, or one conversion per
  /// column (NumPy's rule: the number of `%` signs is 1 or the number of
  /// columns; for complex arrays, twice the columns, real and imaginary
  /// parts). A complex array with one conversion writes each element as
  /// ` (re+imj)`, as NumPy does. Supported formats: see ``TextRowFormat``'s
  /// subset of printf (`%.18e`, `%d`, `%.6f`, `%g`, `%5.2f`, `%x`, `%s`,
  /// `%-10s`, …; not `%r`). `%s` writes what Python's `str()` writes:
  /// `True`, `3`, `0.1` (NumPy's scalars' shortest digits). Dates and
  /// durations take `%s` only, as in NumPy (`2020-01-01T00:00:00`,
  /// `90 seconds`, `NaT`); another conversion is NumPy's "Mismatch between
  /// array dtype … and format specifier" error. The header and the footer
  /// are written before and after the rows when not empty, `comments`
  /// before each of their lines.
  ///
  /// The write either completes or leaves the file that was at the path as
  /// it was: the text goes to a new file beside it, renamed over it once
  /// complete, as ``NDView/writeNPY(to:)`` does. Rows are formatted in
  /// blocks on ``Parallelism``'s threads.
  ///
  /// NumPy: `np.savetxt(path, a, fmt="%.18e", delimiter=" ", newline="\n",
  /// header="", footer="", comments="# ")`. Not supported: a list of
  /// formats (join them with the delimiter into one), `encoding`.
  ///
  /// - Throws: ``TextFileError``: an array of other than one or two
  ///   dimensions, a format outside the subset or with the wrong number of
  ///   conversions, NaN or an infinity written with `%d`, or a file that
  ///   cannot be written (the old file is then left as it was).
  /// - Complexity: O(*n*).
  public func saveText(
    to url: URL, format: String = "%.18e", delimiter: String = " ", newline: String = "\n", header: String = "",
    footer: String = "", comments: String = "# "
  ) throws(TextFileError) {
    _ = try TextWriter.output(
      view, time: Element.self as? any NDTimeElement.Type, to: url, format: format, delimiter: delimiter,
      newline: newline, header: header, footer: footer, comments: comments)
  }

  /// The text ``saveText(to:format:delimiter:newline:header:footer:comments:)``
  /// writes, as a string.
  ///
  /// NumPy: `np.savetxt(io.StringIO(), a, …)` and its value.
  ///
  /// - Throws: ``TextFileError``, as `saveText`, naming `<string>`.
  public func text(
    format: String = "%.18e", delimiter: String = " ", newline: String = "\n", header: String = "",
    footer: String = "", comments: String = "# "
  ) throws(TextFileError) -> String {
    try TextWriter.output(
      view, time: Element.self as? any NDTimeElement.Type, to: nil, format: format, delimiter: delimiter,
      newline: newline, header: header, footer: footer, comments: comments)
  }
}

extension NDView {
  /// Writes a 1-D or 2-D view of numbers or strings, or a 1-D view of
  /// records (one field a column), to a text file: NumPy's `np.savetxt`.
  ///
  /// ```swift
  /// let names = try NDView(strings: ["ada", "bob"])
  /// try names.saveText(to: url, format: "%s")                // ada, bob
  /// try table.saveText(to: url, format: "%d,%s,%.2f")        // records: 1,ada,1.50
  /// ```
  ///
  /// Formats, headers, footers and the replacing write are those of
  /// ``NDArray/saveText(to:format:delimiter:newline:header:footer:comments:)``.
  /// Strings take `%s` only: unicode strings are written as they are, byte
  /// strings as Python writes a bytes object (`b'ab'`), as NumPy does.
  /// Record fields are columns in order; complex, sub-array and nested
  /// fields are not supported.
  ///
  /// NumPy: `np.savetxt(path, a, fmt="%s")`.
  ///
  /// - Throws: ``TextFileError``: a view of other than one or two
  ///   dimensions (records: one), items that are not numbers, strings or
  ///   records of them (``TextFileError/Reason/invalidFormat(_:)``), and
  ///   what `NDArray`'s `saveText` throws.
  /// - Complexity: O(*n*).
  public func saveText(
    to url: URL, format: String = "%.18e", delimiter: String = " ", newline: String = "\n", header: String = "",
    footer: String = "", comments: String = "# "
  ) throws(TextFileError) {
    _ = try TextWriter.output(
      self, time: nil, to: url, format: format, delimiter: delimiter, newline: newline, header: header,
      footer: footer, comments: comments)
  }

  /// The text ``saveText(to:format:delimiter:newline:header:footer:comments:)``
  /// writes, as a string.
  ///
  /// NumPy: `np.savetxt(io.StringIO(), a, fmt="%s")` and its value.
  ///
  /// - Throws: ``TextFileError``, as `saveText`, naming `<string>`.
  public func text(
    format: String = "%.18e", delimiter: String = " ", newline: String = "\n", header: String = "",
    footer: String = "", comments: String = "# "
  ) throws(TextFileError) -> String {
    try TextWriter.output(
      self, time: nil, to: nil, format: format, delimiter: delimiter, newline: newline, header: header,
      footer: footer, comments: comments)
  }
}

/// Formats a 1-D or 2-D view (or 1-D records) as text, block by block.
struct TextWriter {
  /// What one column of a row holds.
  enum Content {
    case scalar(ScalarKind)
    /// Strings of `length` units of `unit` bytes (UCS-4 or bytes).
    case string(length: Int, unit: Int)
    /// Dates or durations, written by their description.
    case time((UnsafeRawPointer) -> String)
  }

  /// A column: where it lies in a row, what it holds, and NumPy's name for
  /// its dtype (for messages).
  struct Column {
    var offset: Int
    var content: Content
    var dtype: String
  }

  let source: NDView
  let name: String
  let rows: Int
  let columns: [Column]
  let rowStride: Int
  let rowFormat: TextRowFormat
  /// Per conversion, its column and part (0, or 1 for an imaginary part).
  let places: [(column: Int, part: Int)]
  let isComplex: Bool
  let newline: [UInt8]
  let header: [UInt8]
  let footer: [UInt8]

  /// - Parameter time: The element type, when the view's items are dates
  ///   or durations (their format is `Int64`'s).
  init(
    view: NDView, time: (any NDTimeElement.Type)? = nil, name: String, format: String, delimiter: String,
    newline: String, header: String, footer: String, comments: String
  ) throws(TextFileError) {
    self.name = name
    let isRecord: Bool
    if case .record = view.format.kind { isRecord = true } else { isRecord = false }
    guard view.ndim == 2 && !isRecord || view.ndim == 1 else {
      throw TextFileError(file: name, reason: .unsupportedDimensions(view.ndim))
    }
    rows = view.shape[0]
    // Items in the machine's byte order, in C order (big-endian items from
    // a file are swapped in a copy).
    source = view.format.isNativeByteOrder && view.isCContiguous ? view : view.nativeByteOrderCopy(order: .c)
    func content(_ format: Format) throws(TextFileError) -> (Content, String) {
      switch format.kind {
      case .scalar(let kind, _) where kind != .pointer:
        if let time {
          return (.time(Self.describer(time)), (time.isDuration ? "timedelta64" : "datetime64") + "[\(time.unit.code)]")
        }
        return (.scalar(kind), TextScalar(kind).name)
      case .bytes(let count): return (.string(length: count, unit: 1), "|S\(count)")
      case .unicode(let count, _): return (.string(length: count, unit: 4), "<U\(count)")
      default:
        throw TextFileError(file: name, reason: .invalidFormat("items of format \(format) cannot be written as text"))
      }
    }
    var columns: [Column] = []
    if case .record(let fields) = view.format.kind {
      for field in fields {
        let (kind, dtype) = try content(field.format)
        if case .scalar(let scalar) = kind, scalar == .complex64 || scalar == .complex128 {
          throw TextFileError(
            file: name, reason: .invalidFormat("complex fields of records cannot be written as text"))
        }
        columns.append(Column(offset: field.offset, content: kind, dtype: dtype))
      }
      rowStride = view.itemSize
    } else {
      let (kind, dtype) = try content(view.format)
      let count = view.ndim == 2 ? view.shape[1] : 1
      for j in 0..<count { columns.append(Column(offset: j * view.itemSize, content: kind, dtype: dtype)) }
      rowStride = count * view.itemSize
    }
    self.columns = columns
    if !isRecord, case .scalar(let kind) = columns.first?.content, kind == .complex64 || kind == .complex128 {
      isComplex = true
    } else {
      isComplex = false
    }
    // NumPy's rule, on the number of % signs.
    let percents = format.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "%") ? 1 : 0) }
    let row: String
    if percents == 1 {
      let one = isComplex ? " (" + format + "+" + format + "j)" : format
      row = Array(repeating: one, count: columns.count).joined(separator: delimiter)
    } else if percents != (isComplex ? 2 * columns.count : columns.count) {
      throw TextFileError(file: name, reason: .invalidFormat("fmt has wrong number of % formats:  \(format)"))
    } else {
      row = format
    }
    do throws(TextFileError.Reason) {
      rowFormat = try TextRowFormat(row)
    } catch {
      throw TextFileError(file: name, reason: error)
    }
    guard rowFormat.conversions.count == (isComplex ? 2 : 1) * columns.count else {
      throw TextFileError(
        file: name,
        reason: .invalidFormat(
          "\(format.debugDescription) has \(rowFormat.conversions.count) conversions for \(columns.count) columns"))
    }
    let pairs = isComplex
    let places = rowFormat.conversions.indices.map { k -> (column: Int, part: Int) in pairs ? (k / 2, k % 2) : (k, 0) }
    // Strings, dates and durations take %s only, as NumPy's savetxt.
    for (k, place) in places.enumerated() where !rowFormat.conversions[k].isText {
      if case .scalar = columns[place.column].content { continue }
      throw TextFileError(
        file: name,
        reason: .invalidFormat(
          "Mismatch between array dtype ('\(columns[place.column].dtype)') and format specifier ('\(row)')"))
    }
    self.places = places
    self.newline = Array(newline.utf8)
    func commented(_ text: String) -> [UInt8] {
      guard !text.isEmpty else { return [] }
      var bytes = Array(comments.utf8)
      for byte in text.utf8 {
        bytes.append(byte)
        if byte == 10 { bytes += comments.utf8 }
      }
      return bytes + newline.utf8
    }
    self.header = commented(header)
    self.footer = commented(footer)
  }

  /// The description of an item of `T` at a pointer.
  static func describer<T: NDTimeElement>(_: T.Type) -> (UnsafeRawPointer) -> String {
    { pointer in T(count: pointer.loadUnaligned(as: Int64.self)).description }
  }

  /// Writes `view` to `url` (replacing its file once complete; the
  /// result is then empty), or, with no `url`, returns its text.
  static func output(
    _ view: NDView, time: (any NDTimeElement.Type)?, to url: URL?, format: String, delimiter: String,
    newline: String, header: String, footer: String, comments: String
  ) throws(TextFileError) -> String {
    let writer = try TextWriter(
      view: view, time: time, name: url?.path ?? "<string>", format: format, delimiter: delimiter,
      newline: newline, header: header, footer: footer, comments: comments)
    guard let url else { return try writer.text() }
    try writer.save(to: url)
    return ""
  }

  /// Writes the text to `url`, replacing its file once complete.
  func save(to url: URL) throws(TextFileError) {
    let file: ReplacingFile
    do throws(NPYError) { file = try ReplacingFile(replacing: url) } catch { throw TextFileError(error) }
    try write { bytes throws(TextFileError) in
      do throws(NPYError) { try file.write(bytes) } catch { throw TextFileError(error) }
    }
    do throws(NPYError) { try file.commit() } catch { throw TextFileError(error) }
  }

  /// The text, as a string.
  func text() throws(TextFileError) -> String {
    var text: [UInt8] = []
    try write { bytes throws(TextFileError) in text += bytes }
    return String(decoding: text, as: UTF8.self)
  }

  /// Hands the text to `emit` in order: the header, blocks of rows (each
  /// round of blocks formatted in parallel), the footer. Nothing is
  /// emitted after a problem.
  func write(_ emit: ([UInt8]) throws(TextFileError) -> Void) throws(TextFileError) {
    if !header.isEmpty { try emit(header) }
    let rowsPerBlock = Swift.max(1, (1 << 18) / Swift.max(1, rowFormat.conversions.count * 12))
    let blockCount = (rows + rowsPerBlock - 1) / rowsPerBlock
    let round = 4 * WorkPool.shared.threadCount
    var first = 0
    while first < blockCount {
      let count = Swift.min(round, blockCount - first)
      var outputs = [[UInt8]](repeating: [], count: count)
      var failures = [TextFileError.Reason?](repeating: nil, count: count)
      outputs.withUnsafeMutableBufferPointer { outputs in
        failures.withUnsafeMutableBufferPointer { failures in
          let (texts, problems) = (outputs, failures)
          WorkPool.shared.run(count) { i in
            let start = (first + i) * rowsPerBlock
            let range = start..<Swift.min(rows, start + rowsPerBlock)
            do throws(TextFileError.Reason) {
              texts[i] = try format(rows: range)
            } catch {
              problems[i] = error
            }
          }
        }
      }
      for i in 0..<count {
        if let failure = failures[i] { throw TextFileError(file: name, reason: failure) }
        try emit(outputs[i])
      }
      first += count
    }
    if !footer.isEmpty { try emit(footer) }
  }

  /// The lines of some rows.
  func format(rows range: Range<Int>) throws(TextFileError.Reason) -> [UInt8] {
    let formatter = TextFormatter()
    var output: [UInt8] = []
    output.reserveCapacity(range.count * (rowFormat.conversions.count * 26 + newline.count))
    let base = UnsafeRawPointer(source.storage.base + source.byteOffset)
    let conversions = rowFormat.conversions
    let literals = rowFormat.literals
    for row in range {
      let lineStart = output.count
      let rowBase = base + row * rowStride
      for k in 0..<conversions.count {
        output += literals[k]
        let (j, part) = places[k]
        let column = columns[j]
        let pointer = rowBase + column.offset
        switch column.content {
        case .scalar(let kind):
          if conversions[k].isText {
            formatter.appendText(TextFormatter.pythonText(at: pointer, kind: kind, part: part), conversions[k], to: &output)
          } else {
            try formatter.append(TextValue(at: pointer, kind: kind, part: part), conversions[k], to: &output)
          }
        case .string(let length, let unit):
          formatter.appendText(Self.stringText(pointer, length: length, unit: unit), conversions[k], to: &output)
        case .time(let describe):
          formatter.appendText(Array(describe(pointer).utf8), conversions[k], to: &output)
        }
      }
      output += literals[conversions.count]
      output += newline
      if isComplex { Self.replacePlusMinus(&output, from: lineStart) }
    }
    withExtendedLifetime(source) {}
    return output
  }

  /// Python's `str()` of a string item, trailing NULs dropped: the text
  /// of a unicode string (a unit that is no Unicode scalar as U+FFFD), and
  /// `b'…'` for bytes, as Python writes a bytes object.
  static func stringText(_ pointer: UnsafeRawPointer, length: Int, unit: Int) -> [UInt8] {
    var count = length
    if unit == 4 {
      while count > 0 && pointer.loadUnaligned(fromByteOffset: 4 * (count - 1), as: UInt32.self) == 0 { count -= 1 }
      var text = String.UnicodeScalarView()
      for i in 0..<count {
        text.append(Unicode.Scalar(pointer.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) ?? "\u{FFFD}")
      }
      return Array(String(text).utf8)
    }
    while count > 0 && pointer.load(fromByteOffset: count - 1, as: UInt8.self) == 0 { count -= 1 }
    let bytes = UnsafeRawBufferPointer(start: pointer, count: count)
    // Python's repr of bytes: single quotes unless the bytes hold one and
    // no double quote.
    let quote: UInt8 = bytes.contains(39) && !bytes.contains(34) ? 34 : 39
    var text: [UInt8] = [UInt8(ascii: "b"), quote]
    let hex = Array("0123456789abcdef".utf8)
    for byte in bytes {
      switch byte {
      case 92: text += [92, 92]
      case quote: text += [92, quote]
      case 9: text += [92, UInt8(ascii: "t")]
      case 10: text += [92, UInt8(ascii: "n")]
      case 13: text += [92, UInt8(ascii: "r")]
      case 32..<127: text.append(byte)
      default: text += [92, UInt8(ascii: "x"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
      }
    }
    text.append(quote)
    return text
  }

  /// NumPy's `line.replace('+-', '-')` for complex rows.
  static func replacePlusMinus(_ output: inout [UInt8], from start: Int) {
    var read = start
    var write = start
    while read < output.count {
      if output[read] == UInt8(ascii: "+") && read + 1 < output.count && output[read + 1] == UInt8(ascii: "-") {
        read += 1
        continue
      }
      output[write] = output[read]
      write += 1
      read += 1
    }
    output.removeLast(read - write)
  }
}
