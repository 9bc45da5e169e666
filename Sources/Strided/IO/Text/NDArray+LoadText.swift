#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Foundation

extension NDArray {
  /// Reads a text file of numbers, one row a line: NumPy's `np.loadtxt`.
  ///
  /// ```swift
  /// let m = try NDArray<Double>.loadText(from: url, delimiter: ",")  // a CSV
  /// let ids = try NDArray<Int32>.loadText(from: url, skipRows: 1, columns: [0])
  /// ```
  ///
  /// The result has NumPy's shape: rows × columns, with axes of length 1
  /// removed (NumPy's `ndmin=0`), so one row or one column gives a 1-D
  /// array and a single value a 0-d array; `minimumDimensions` keeps at
  /// least 1 or 2 axes. A file with no data gives an empty array (shape
  /// `[0]`, or `[0, columns.count]`).
  ///
  /// Fields are read as NumPy reads the element type: floating-point
  /// numbers correctly rounded (bit for bit as `strtod`, and as NumPy),
  /// with `nan`, `inf`, `infinity` in any case, leading and trailing
  /// whitespace, no hexadecimal; `Float` and `Float16` through a `Double`
  /// as NumPy does; integers in decimal with an optional sign, refusing
  /// `1.5` and `1e3` as NumPy 2 does; `Bool` as an integer (non-zero is
  /// `true`); complex numbers as `1+2j`, `2j` or `(1+2j)`.
  ///
  /// Large files are parsed in line-aligned blocks on ``Parallelism``'s
  /// threads; the result does not depend on the thread count.
  ///
  /// NumPy: `np.loadtxt(path, dtype=…, comments="#", delimiter=None,
  /// converters=None, skiprows=0, usecols=None, ndmin=0, max_rows=None)`.
  /// Not supported: `quotechar`, `unpack`, `encoding` other than UTF-8,
  /// structured dtypes, compressed (`.gz`) files.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - delimiter: The one character between fields; `nil` splits at runs
  ///     of whitespace.
  ///   - comments: The marker that starts a comment, which runs to the end
  ///     of the line; `nil` for none.
  ///   - skipRows: Lines skipped at the start of the file, comments and
  ///     blank lines included.
  ///   - columns: The columns to read, in this order (repeats allowed);
  ///     negative ones count from the end of each row. With columns, rows
  ///     may have different numbers of fields. NumPy's `usecols`.
  ///   - maxRows: At most this many data rows (comment and blank lines do
  ///     not count); lines after them are not read.
  ///   - minimumDimensions: 0, 1 or 2, NumPy's `ndmin`.
  ///   - converters: Functions that read the fields of some columns (keyed
  ///     by column in the file, negative from the end) instead of the
  ///     element type's parser. With converters the file is parsed on one
  ///     thread.
  /// - Throws: ``TextFileError`` naming the file, and the line and column
  ///   where a row has another number of fields than the first
  ///   (``TextFileError/Reason/columnCountChanged(expected:found:)``), a
  ///   field does not parse (``TextFileError/Reason/invalidValue(text:type:)``),
  ///   an integer is out of range (``TextFileError/Reason/outOfRange(text:type:)``),
  ///   a row lacks a requested column, or a converter throws; or when the
  ///   file cannot be read. Nothing is returned half-filled.
  /// - Precondition: `skipRows` and `maxRows` are not negative,
  ///   `minimumDimensions` is 0, 1 or 2, the delimiter is one character
  ///   and no line end, the comment marker is not empty, holds no line end
  ///   and differs from the delimiter.
  /// - Complexity: O(*n*) in the file's length.
  public static func loadText(
    from url: URL,
    delimiter: String? = nil,
    comments: String? = "#",
    skipRows: Int = 0,
    columns: [Int]? = nil,
    maxRows: Int? = nil,
    minimumDimensions: Int = 0,
    converters: [Int: (Substring) throws -> Element]? = nil
  ) throws(TextFileError) -> NDArray {
    let options = TextReadOptions(
      api: "NDArray.loadText(from:)", delimiter: delimiter, comments: comments, skipRows: skipRows,
      columns: columns, maxRows: maxRows, minimumDimensions: minimumDimensions)
    let path = url.path
    return try withTextFile(path) { (bytes) throws(TextFileError) in
      try readText(bytes, name: path, options: options, converters: converters)
    }
  }

  /// Reads numbers from text in memory, as
  /// ``loadText(from:delimiter:comments:skipRows:columns:maxRows:minimumDimensions:converters:)``
  /// reads a file's. Errors name the text `<string>`.
  ///
  /// NumPy: `np.loadtxt(io.StringIO(text), …)`.
  public static func loadText(
    fromString text: String,
    delimiter: String? = nil,
    comments: String? = "#",
    skipRows: Int = 0,
    columns: [Int]? = nil,
    maxRows: Int? = nil,
    minimumDimensions: Int = 0,
    converters: [Int: (Substring) throws -> Element]? = nil
  ) throws(TextFileError) -> NDArray {
    let options = TextReadOptions(
      api: "NDArray.loadText(fromString:)", delimiter: delimiter, comments: comments, skipRows: skipRows,
      columns: columns, maxRows: maxRows, minimumDimensions: minimumDimensions)
    var text = text
    let result: Result<NDArray, TextFileError> = text.withUTF8 { bytes in
      Result { () throws(TextFileError) in
        try readText(UnsafeRawBufferPointer(bytes), name: "<string>", options: options, converters: converters)
      }
    }
    return try result.get()
  }

  /// The array in `bytes`, through the non-generic reader.
  static func readText(
    _ bytes: UnsafeRawBufferPointer, name: String, options: TextReadOptions,
    converters: [Int: (Substring) throws -> Element]?
  ) throws(TextFileError) -> NDArray {
    var converter: TextConverter?
    if let converters, !converters.isEmpty {
      converter = { column, fieldCount, start, end, destination in
        guard let convert = converters[column] ?? converters[column - fieldCount] else { return .notHandled }
        let text = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        do {
          let value = try convert(text[...])
          destination.storeBytes(of: value, as: Element.self)
          return .stored
        } catch {
          return .failed("\(error)")
        }
      }
    }
    let reader = TextReader(
      bytes: bytes, name: name, options: options, scalar: TextScalar(Element.scalarKind), format: Element.format,
      itemSize: MemoryLayout<Element>.size, converter: converter)
    return NDArray(unchecked: try reader.read())
  }
}

/// The reader's options, checked.
struct TextReadOptions {
  var delimiter: [UInt8]?
  var comment: [UInt8]?
  var skipRows: Int
  var columns: [Int]?
  var maxRows: Int?
  var minimumDimensions: Int

  init(
    api: String, delimiter: String?, comments: String?, skipRows: Int, columns: [Int]?, maxRows: Int?,
    minimumDimensions: Int
  ) {
    precondition(skipRows >= 0, "\(api): skipRows must not be negative, not \(skipRows)")
    if let maxRows { precondition(maxRows >= 0, "\(api): maxRows must not be negative, not \(maxRows)") }
    precondition(
      (0...2).contains(minimumDimensions), "\(api): minimumDimensions must be 0, 1 or 2, not \(minimumDimensions)")
    func hasLineEnd(_ text: String) -> Bool { text.utf8.contains(10) || text.utf8.contains(13) }
    if let delimiter {
      precondition(
        delimiter.count == 1 && !hasLineEnd(delimiter),
        "\(api): the delimiter must be one character and no line end, not \(delimiter.debugDescription)")
    }
    if let comments {
      precondition(!comments.isEmpty, "\(api): comments cannot be empty; pass nil for no comments")
      precondition(!hasLineEnd(comments), "\(api): comments cannot hold a line end")
      precondition(comments != delimiter, "\(api): the comment marker and the delimiter must differ")
    }
    self.delimiter = delimiter.map { Array($0.utf8) }
    self.comment = comments.map { Array($0.utf8) }
    self.skipRows = skipRows
    self.columns = columns
    self.maxRows = maxRows
    self.minimumDimensions = minimumDimensions
  }
}

/// What a converter did with a field.
enum ConversionOutcome {
  /// No converter for this column: parse the field as the element type.
  case notHandled
  /// The converter's value is in the destination.
  case stored
  /// The converter threw; its message.
  case failed(String)
}

/// A converter over raw field bytes: column in the file, the row's number
/// of fields, the field, and where the element goes.
typealias TextConverter = (
  _ column: Int, _ fieldCount: Int, _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
  _ destination: UnsafeMutableRawPointer
) -> ConversionOutcome

/// Parses text into a new C-contiguous array: skips rows, finds the first
/// data row (its field count is every row's), splits the rest into
/// line-aligned blocks parsed on the work pool into buffers of their own,
/// then copies the buffers into the result in order.
struct TextReader {
  let base: UnsafePointer<UInt8>?
  let count: Int
  let name: String
  let options: TextReadOptions
  let scalar: TextScalar
  let format: Format
  let itemSize: Int
  let converter: TextConverter?
  let syntax: TextSyntax
  let columnList: [Int]
  let hasColumns: Bool

  init(
    bytes: UnsafeRawBufferPointer, name: String, options: TextReadOptions, scalar: TextScalar, format: Format,
    itemSize: Int, converter: TextConverter?
  ) {
    base = bytes.count > 0 ? bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) : nil
    count = bytes.count
    self.name = name
    self.options = options
    self.scalar = scalar
    self.format = format
    self.itemSize = itemSize
    self.converter = converter
    syntax = TextSyntax(delimiter: options.delimiter, comment: options.comment)
    columnList = options.columns ?? []
    hasColumns = options.columns != nil
  }

  /// A block's problem: where its line starts (an offset in the text), the
  /// column, and the reason.
  struct Failure {
    var offset: Int?
    var column: Int?
    var reason: TextFileError.Reason
  }

  /// The lines [start, end) and what parsing them gave.
  struct Block {
    var start: UnsafePointer<UInt8>
    var end: UnsafePointer<UInt8>
    var data: UnsafeMutableRawPointer?
    var rows = 0
    var failure: Failure?
  }

  func read() throws(TextFileError) -> NDView {
    guard let base else { return try makeView(rows: 0, columns: options.columns?.count ?? 1, blocks: []) }
    let end = base + count
    var dataStart = base
    var skipped = 0
    while skipped < options.skipRows && dataStart < end {
      dataStart = syntax.nextLine(dataStart, end)
      skipped += 1
    }
    // The first data row: its number of fields, and its length for sizing
    // the blocks' buffers.
    let fields = FieldList()
    var fileColumns = 0
    var lineLength = 1
    if options.maxRows != 0 {
      var p = dataStart
      while p < end {
        let (next, found) = syntax.split(p, end, into: fields)
        if found > 0 {
          fileColumns = found
          lineLength = Swift.max(1, next - p)
          break
        }
        p = next
      }
    }
    let outColumns = options.columns?.count ?? (fileColumns > 0 ? fileColumns : 1)
    if fileColumns == 0 { return try makeView(rows: 0, columns: outColumns, blocks: []) }

    let length = end - dataStart
    let serial = converter != nil || options.maxRows != nil
    let parts = serial ? 1 : Swift.max(1, Swift.min(length >> 20, 4 * WorkPool.shared.threadCount))
    var blocks: [Block] = []
    blocks.reserveCapacity(parts)
    var cursor = dataStart
    for i in 0..<parts {
      var stop = i == parts - 1 ? end : dataStart + length / parts * (i + 1)
      if stop < cursor { stop = cursor }
      if stop < end && i < parts - 1 {
        if let newline = memchr(stop, 10, end - stop) {
          stop = UnsafePointer(newline.assumingMemoryBound(to: UInt8.self)) + 1
        } else {
          stop = end
        }
      }
      blocks.append(Block(start: cursor, end: stop))
      cursor = stop
    }
    defer { for block in blocks { free(block.data) } }
    let rowLimit = options.maxRows ?? Int.max
    blocks.withUnsafeMutableBufferPointer { buffer in
      let slots = buffer
      WorkPool.shared.run(slots.count) { i in
        parse(&slots[i], rowLimit: rowLimit, fileColumns: fileColumns, outColumns: outColumns, lineLength: lineLength)
      }
    }
    var rows = 0
    for block in blocks {
      if let failure = block.failure {
        throw TextFileError(
          file: name, line: failure.offset.map { lineNumber(at: $0) }, column: failure.column, reason: failure.reason)
      }
      rows += block.rows
    }
    return try makeView(rows: rows, columns: outColumns, blocks: blocks)
  }

  /// Parses a block's lines into a buffer of its own, stopping at the first
  /// problem or after `rowLimit` rows.
  func parse(_ block: inout Block, rowLimit: Int, fileColumns: Int, outColumns: Int, lineLength: Int) {
    let fields = FieldList()
    let rowSize = outColumns * itemSize
    var capacity = Swift.min(Swift.max(16, (block.end - block.start) / lineLength + 16), Swift.max(rowLimit, 1))
    guard var data = malloc(Swift.max(capacity * rowSize, 1)) else {
      block.failure = Failure(offset: nil, column: nil, reason: .outOfMemory(byteCount: capacity * rowSize))
      return
    }
    var rows = 0
    var p = block.start
    let end = block.end
    while p < end && rows < rowLimit {
      let lineStart = p
      let (next, found) = syntax.split(p, end, into: fields)
      p = next
      if found == 0 { continue }
      if rows == capacity {
        let grown = capacity * 2
        guard let moved = realloc(data, Swift.max(grown * rowSize, 1)) else {
          block.failure = Failure(offset: nil, column: nil, reason: .outOfMemory(byteCount: grown * rowSize))
          break
        }
        data = moved
        capacity = grown
      }
      if let failure = parseRow(fields, found: found, fileColumns: fileColumns, into: data + rows * rowSize) {
        block.failure = Failure(offset: lineStart - base!, column: failure.0, reason: failure.1)
        break
      }
      rows += 1
    }
    block.data = data
    block.rows = rows
  }

  /// Parses one row's fields into `row`; the column and reason of the first
  /// problem, if any.
  @inline(__always)
  func parseRow(
    _ fields: FieldList, found: Int, fileColumns: Int, into row: UnsafeMutableRawPointer
  ) -> (Int?, TextFileError.Reason)? {
    if hasColumns {
      for j in 0..<columnList.count {
        let requested = columnList[j]
        let index = requested < 0 ? requested + found : requested
        guard index >= 0 && index < found else {
          return (nil, .columnIndexOutOfRange(index: requested, columns: found))
        }
        if let failure = parseField(fields, index, found: found, into: row + j * itemSize) { return failure }
      }
      return nil
    }
    guard found == fileColumns else { return (nil, .columnCountChanged(expected: fileColumns, found: found)) }
    for i in 0..<found {
      if let failure = parseField(fields, i, found: found, into: row + i * itemSize) { return failure }
    }
    return nil
  }

  @inline(__always)
  func parseField(
    _ fields: FieldList, _ i: Int, found: Int, into destination: UnsafeMutableRawPointer
  ) -> (Int?, TextFileError.Reason)? {
    let start = fields.starts[i]
    let end = fields.ends[i]
    if let converter {
      switch converter(i, found, start, end, destination) {
      case .stored: return nil
      case .failed(let message): return (i + 1, .converterFailed(text: fields.text(i), message: message))
      case .notHandled: break
      }
    }
    switch scalar.parse(start, end, into: destination) {
    case .ok: return nil
    case .invalid, .tooLong: return (i + 1, .invalidValue(text: fields.text(i), type: scalar.name))
    case .outOfRange: return (i + 1, .outOfRange(text: fields.text(i), type: scalar.name))
    }
  }

  /// The line (from 1) that the byte at `offset` is in.
  func lineNumber(at offset: Int) -> Int {
    guard let base else { return 1 }
    var line = 1
    for i in 0..<offset {
      let byte = base[i]
      if byte == 10 || (byte == 13 && !(i + 1 < count && base[i + 1] == 10)) { line += 1 }
    }
    return line
  }

  /// The result: `rows` × `columns` with NumPy's `ndmin` rule applied to
  /// the shape, and the blocks' rows copied in, on the work pool.
  func makeView(rows: Int, columns: Int, blocks: [Block]) throws(TextFileError) -> NDView {
    var shape = [rows, columns]
    if options.minimumDimensions < 2 { shape = shape.filter { $0 != 1 } }
    if shape.count < options.minimumDimensions { shape = [shape.reduce(1, *)] }
    let rowSize = columns &* itemSize
    let view: NDView
    do {
      view = try NDView.uninitialized(shape: Dimensions(shape), format: format, itemSize: itemSize, order: .c)
    } catch {
      throw TextFileError(file: name, reason: .outOfMemory(byteCount: rows &* rowSize))
    }
    guard !blocks.isEmpty, rowSize > 0 else { return view }
    var offsets: [Int] = []
    var offset = 0
    for block in blocks {
      offsets.append(offset)
      offset += block.rows * rowSize
    }
    let destination = view.storage.base + view.byteOffset
    blocks.withUnsafeBufferPointer { blocks in
      offsets.withUnsafeBufferPointer { offsets in
        WorkPool.shared.run(blocks.count) { i in
          if blocks[i].rows > 0, let data = blocks[i].data {
            memcpy(destination + offsets[i], data, blocks[i].rows * rowSize)
          }
        }
      }
    }
    return view
  }
}
