import Foundation

extension NDArray {
  /// Writes a 1-D or 2-D array to a text file, one row a line: NumPy's
  /// `np.savetxt`, byte for byte.
  ///
  /// ```swift
  /// try m.saveText(to: url, delimiter: ",")                  // 1.000000000000000000e+00,…
  /// try counts.saveText(to: url, format: "%d")
  /// try m.saveText(to: url, format: "%d,%.3f", header: "id,value", comments: "")
  /// ```
  ///
  /// A 1-D array is written one element a line. `format` is one conversion,
  /// used for every column and joined by `delimiter`, or one conversion per
  /// column (NumPy's rule: the number of `%` signs is 1 or the number of
  /// columns; for complex arrays, twice the columns, real and imaginary
  /// parts). A complex array with one conversion writes each element as
  /// ` (re+imj)`, as NumPy does. Supported formats: see ``TextRowFormat``'s
  /// subset of printf (`%.18e`, `%d`, `%.6f`, `%g`, `%5.2f`, `%x`, …;
  /// not `%s` or `%r`). The header and the footer are written before and
  /// after the rows when not empty, `comments` before each of their lines.
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
    let path = url.path
    let writer = try TextWriter(
      view: view, name: path, format: format, delimiter: delimiter, newline: newline, header: header,
      footer: footer, comments: comments)
    let file: ReplacingFile
    do throws(NPYError) { file = try ReplacingFile(replacing: url) } catch { throw TextFileError(error) }
    try writer.write { bytes throws(TextFileError) in
      do throws(NPYError) { try file.write(bytes) } catch { throw TextFileError(error) }
    }
    do throws(NPYError) { try file.commit() } catch { throw TextFileError(error) }
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
    let writer = try TextWriter(
      view: view, name: "<string>", format: format, delimiter: delimiter, newline: newline, header: header,
      footer: footer, comments: comments)
    var text: [UInt8] = []
    try writer.write { bytes throws(TextFileError) in text += bytes }
    return String(decoding: text, as: UTF8.self)
  }
}

/// Formats a 1-D or 2-D view as text, block by block.
struct TextWriter {
  let source: NDView
  let name: String
  let rows: Int
  let columns: Int
  let rowFormat: TextRowFormat
  let newline: [UInt8]
  let header: [UInt8]
  let footer: [UInt8]
  let isComplex: Bool
  let kind: ScalarKind

  init(
    view: NDView, name: String, format: String, delimiter: String, newline: String, header: String,
    footer: String, comments: String
  ) throws(TextFileError) {
    self.name = name
    guard view.ndim == 1 || view.ndim == 2 else {
      throw TextFileError(file: name, reason: .unsupportedDimensions(view.ndim))
    }
    rows = view.shape[0]
    columns = view.ndim == 2 ? view.shape[1] : 1
    source = view.isCContiguous ? view : view.copy(order: .c)
    guard case .scalar(let kind, _) = view.format.kind else {
      preconditionFailure("saveText: an NDArray's format is a scalar")
    }
    self.kind = kind
    isComplex = kind == .complex64 || kind == .complex128
    // NumPy's rule, on the number of % signs.
    let percents = format.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "%") ? 1 : 0) }
    let row: String
    if percents == 1 {
      let one = isComplex ? " (" + format + "+" + format + "j)" : format
      row = Array(repeating: one, count: columns).joined(separator: delimiter)
    } else if percents != (isComplex ? 2 * columns : columns) {
      throw TextFileError(file: name, reason: .invalidFormat("fmt has wrong number of % formats:  \(format)"))
    } else {
      row = format
    }
    do throws(TextFileError.Reason) {
      rowFormat = try TextRowFormat(row)
    } catch {
      throw TextFileError(file: name, reason: error)
    }
    guard rowFormat.conversions.count == (isComplex ? 2 : 1) * columns else {
      throw TextFileError(
        file: name,
        reason: .invalidFormat("\(format.debugDescription) has \(rowFormat.conversions.count) conversions for \(columns) columns"))
    }
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
    let itemSize = source.itemSize
    let base = UnsafeRawPointer(source.storage.base + source.byteOffset)
    let conversions = rowFormat.conversions
    let literals = rowFormat.literals
    for row in range {
      let lineStart = output.count
      let rowBase = base + row * columns * itemSize
      for k in 0..<conversions.count {
        output += literals[k]
        let (column, part) = isComplex ? (k / 2, k % 2) : (k, 0)
        let value = TextValue(at: rowBase + column * itemSize, kind: kind, part: part)
        try formatter.append(value, conversions[k], to: &output)
      }
      output += literals[conversions.count]
      output += newline
      if isComplex { Self.replacePlusMinus(&output, from: lineStart) }
    }
    withExtendedLifetime(source) {}
    return output
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
