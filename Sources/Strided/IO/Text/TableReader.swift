#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Foundation
import Synchronization

/// The options of NumPy's `genfromtxt` that ``NDArray/loadTable(fromString:delimiter:comments:skipHeader:skipFooter:columns:maxRows:minimumDimensions:missingValues:fillingValue:fillingValues:converters:skipInvalidRows:invalidAsMissing:)``
/// and ``NDView/loadTable(fromString:types:names:namesFromHeader:delimiter:comments:skipHeader:skipFooter:columns:maxRows:minimumDimensions:missingValues:fillingValue:fillingValues:skipInvalidRows:invalidAsMissing:)``
/// take, checked.
struct TableReadOptions {
  var delimiter: [UInt8]?
  var comment: [UInt8]?
  var skipHeader: Int
  var skipFooter: Int
  var columns: [Int]?
  var maxRows: Int?
  var minimumDimensions: Int
  var missingValues: [[UInt8]]
  var namesFromHeader: Bool
  var skipInvalidRows: Bool
  var invalidAsMissing: Bool

  init(
    api: String, delimiter: String?, comments: String?, skipHeader: Int, skipFooter: Int, columns: [Int]?,
    maxRows: Int?, minimumDimensions: Int, missingValues: [String], namesFromHeader: Bool, skipInvalidRows: Bool,
    invalidAsMissing: Bool
  ) {
    // The delimiter, comment and dimension checks are loadText's.
    let shared = TextReadOptions(
      api: api, delimiter: delimiter, comments: comments, skipRows: skipHeader, columns: columns, maxRows: nil,
      minimumDimensions: minimumDimensions)
    precondition(skipFooter >= 0, "\(api): skipFooter must not be negative, not \(skipFooter)")
    if let maxRows {
      precondition(maxRows >= 1, "\(api): maxRows must be at least 1, not \(maxRows)")
      precondition(skipFooter == 0, "\(api): skipFooter and maxRows cannot be given together")
    }
    self.delimiter = shared.delimiter
    self.comment = shared.comment
    self.skipHeader = skipHeader
    self.skipFooter = skipFooter
    self.columns = columns
    self.maxRows = maxRows
    self.minimumDimensions = minimumDimensions
    self.missingValues = missingValues.map { Array($0.utf8) }
    self.namesFromHeader = namesFromHeader
    self.skipInvalidRows = skipInvalidRows
    self.invalidAsMissing = invalidAsMissing
  }
}

/// One column of the result's rows: where it goes in a row, how its fields
/// parse, and the first bytes a missing field becomes, the rest of the
/// item zeros (`nil`: a missing field is an error). A string's filling
/// value holds its own units only, so a long field costs no long value.
struct TableColumn {
  var offset: Int
  var scalar: TextScalar
  var fill: [UInt8]?
  /// A filling value the column's guessed type does not read: an error
  /// where a field is missing (NumPy's ValueError), not before.
  var unreadableFill: String?

  /// Writes `fill` and zeros after it, one item of the column's type.
  func store(_ fill: [UInt8], into destination: UnsafeMutableRawPointer) {
    fill.withUnsafeBytes { bytes in
      if let source = bytes.baseAddress { destination.copyMemory(from: source, byteCount: bytes.count) }
    }
    (destination + fill.count).initializeMemory(as: UInt8.self, repeating: 0, count: scalar.size - fill.count)
  }

  /// NumPy's default filling value for the type: NaN for floating-point
  /// and complex numbers (NaN + 0i), -1 for signed integers, `false`;
  /// none for unsigned integers (NumPy's -1 is out of their range).
  static func defaultFill(_ scalar: TextScalar) -> [UInt8]? {
    switch scalar {
    case .bool: return [0]
    case .signed(_, _, let size): return [UInt8](repeating: 0xFF, count: size)
    case .unsigned: return nil
    case .float16: return bytes(of: Float16.nan)
    case .float32: return bytes(of: Float.nan)
    case .float64: return bytes(of: Double.nan)
    case .complex64: return bytes(of: Float.nan) + bytes(of: Float(0))
    case .complex128: return bytes(of: Double.nan) + bytes(of: Double(0))
    case .string: return []
    }
  }

  /// The bytes of a value.
  static func bytes<T>(of value: T) -> [UInt8] {
    withUnsafeBytes(of: value) { (raw: UnsafeRawBufferPointer) -> [UInt8] in Array(raw) }
  }

  /// The bytes of `text` parsed as the column's type, or `nil` when it is
  /// not one.
  static func fill(parsing text: String, as scalar: TextScalar, size: Int) -> [UInt8]? {
    var text = text
    if case .string(let length, let unit) = scalar {
      // The text's own units; the column's zeros follow.
      return text.withUTF8 { (utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? in
        guard let start = utf8.baseAddress, utf8.count > 0 else { return [] }
        let units = TextScalar.stringLength(start, start + utf8.count, unit: unit)
        guard units <= length else { return nil }
        var bytes = [UInt8](repeating: 0, count: units * unit)
        let status = bytes.withUnsafeMutableBytes { destination in
          TextScalar.store(start, start + utf8.count, length: units, unit: unit, into: destination.baseAddress!)
        }
        return status == .ok ? bytes : nil
      }
    }
    var bytes = [UInt8](repeating: 0, count: size)
    let status: TextScalar.Status = text.withUTF8 { (utf8: UnsafeBufferPointer<UInt8>) -> TextScalar.Status in
      bytes.withUnsafeMutableBytes { (destination: UnsafeMutableRawBufferPointer) -> TextScalar.Status in
        guard let out = destination.baseAddress, let start = utf8.baseAddress else { return .invalid }
        return scalar.parse(start, start + utf8.count, into: out)
      }
    }
    return status == .ok ? bytes : nil
  }
}

/// Reads a table as NumPy's `genfromtxt` does, on one thread: skips the
/// header lines, reads the field names when asked, collects the data rows
/// (blank and comment lines left out), drops the footer rows, then parses
/// each row's fields into the rows of the result, filling missing ones.
struct TableReader {
  let base: UnsafePointer<UInt8>?
  let count: Int
  let name: String
  let options: TableReadOptions
  let syntax: TextSyntax

  init(bytes: UnsafeRawBufferPointer, name: String, options: TableReadOptions) {
    base = bytes.count > 0 ? bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) : nil
    count = bytes.count
    self.name = name
    self.options = options
    syntax = TextSyntax(delimiter: options.delimiter, comment: options.comment)
  }

  /// A data row: where its line starts (an offset in the text) and its
  /// line number (from 1).
  struct Row {
    var start: Int
    var line: Int
  }

  /// What a scan found: the header's names (when asked for), the data rows,
  /// the number of fields of the header or of the first data row, and the
  /// line that number comes from.
  struct Scan {
    var names: [String]?
    var rows: [Row]
    var fileColumns: Int
    var firstLine: Int
  }

  /// Whether a split line of `found` fields is blank as NumPy's
  /// `genfromtxt` sees it: no fields, or (with a delimiter) one field of
  /// spaces only, which NumPy strips away.
  func isBlank(_ fields: FieldList, found: Int) -> Bool {
    if found == 0 { return true }
    guard found == 1, options.delimiter != nil else { return false }
    var p = fields.starts[0]
    while p < fields.ends[0] {
      if p.pointee != 32 { return false }
      p += 1
    }
    return true
  }

  func scan() -> Scan {
    var result = Scan(names: nil, rows: [], fileColumns: 0, firstLine: 1)
    guard let base else { return result }
    let end = base + count
    var p = base
    var line = 1
    var skipped = 0
    while skipped < options.skipHeader && p < end {
      p = syntax.nextLine(p, end)
      line += 1
      skipped += 1
    }
    if options.namesFromHeader {
      while p < end {
        let next = syntax.nextLine(p, end)
        let names = headerNames(p, next)
        line += 1
        p = next
        if !names.isEmpty {
          result.names = names
          result.fileColumns = names.count
          result.firstLine = line - 1
          break
        }
      }
    }
    let fields = FieldList()
    let limit = options.skipInvalidRows ? Int.max : (options.maxRows ?? Int.max)
    while p < end && result.rows.count < limit {
      let (next, found) = syntax.split(p, end, into: fields)
      if !isBlank(fields, found: found) {
        if result.fileColumns == 0 {
          result.fileColumns = found
          result.firstLine = line
        }
        result.rows.append(Row(start: p - base, line: line))
      }
      p = next
      line += 1
    }
    if options.skipFooter > 0 {
      result.rows.removeLast(Swift.min(options.skipFooter, result.rows.count))
    }
    return result
  }

  /// The names in the header line [start, end), as NumPy reads them with
  /// `names=True`: when the line holds the comment marker, the text after
  /// its first one with any later markers removed (so `# a b c` names
  /// three fields, and `a b # c` one); split as the data is; each name
  /// made a valid field name. Empty for a blank line.
  func headerNames(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> [String] {
    var text: [UInt8] = []
    var p = start
    while p < end && p.pointee != 10 && p.pointee != 13 {
      text.append(p.pointee)
      p += 1
    }
    if let comment = options.comment, let first = Self.find(comment, in: text, from: 0) {
      var kept: [UInt8] = []
      var i = first + comment.count
      while i < text.count {
        if let next = Self.find(comment, in: text, from: i) {
          kept += text[i..<next]
          i = next + comment.count
        } else {
          kept += text[i...]
          break
        }
      }
      text = kept
    }
    let plain = TextSyntax(delimiter: options.delimiter, comment: nil)
    let fields = FieldList()
    // The field list points into `text`: read the names inside the closure.
    let names: [String] = text.withUnsafeBufferPointer { buffer in
      guard let first = buffer.baseAddress, buffer.count > 0 else { return [] }
      let (_, found) = plain.split(first, first + buffer.count, into: fields)
      if isBlank(fields, found: found) { return [] }
      return (0..<found).map { fields.text($0) }
    }
    return names
  }

  /// The first index at or after `from` where `word` starts in `text`.
  static func find(_ word: [UInt8], in text: [UInt8], from: Int) -> Int? {
    guard !word.isEmpty, text.count >= word.count else { return nil }
    var i = from
    while i + word.count <= text.count {
      if text[i..<(i + word.count)].elementsEqual(word) { return i }
      i += 1
    }
    return nil
  }

  /// The file columns that `options.columns` selects, negative ones counted
  /// from the end of the header or first row (as NumPy does), or every
  /// column. Throws when one is outside that row.
  func selectedColumns(_ scan: Scan) throws(TextFileError) -> [Int] {
    guard let requested = options.columns else { return Array(0..<scan.fileColumns) }
    var resolved: [Int] = []
    for column in requested {
      let index = column < 0 ? column + scan.fileColumns : column
      guard index >= 0 && (scan.fileColumns == 0 || index < scan.fileColumns) else {
        throw TextFileError(
          file: name, line: scan.firstLine, reason: .columnIndexOutOfRange(index: column, columns: scan.fileColumns))
      }
      resolved.append(index)
    }
    return resolved
  }

  /// The types NumPy's `dtype=None` chooses among, in the order it tries
  /// them.
  enum Guess: Int, Hashable {
    case bool, int64, float64, complex128, string

    /// The type as the reader parses it; strings of `length` characters.
    func scalar(length: Int) -> TextScalar {
      switch self {
      case .bool: .bool
      case .int64: TextScalar(.int64)
      case .float64: .float64
      case .complex128: .complex128
      case .string: .string(length: length, unit: 4)
      }
    }
  }

  /// What the present fields of one column hold: the guesses that read
  /// every one of them (bits by ``Guess`` raw value), and the longest as
  /// a string of `unit`-byte units.
  struct Survey {
    var readable: UInt8 = 0b1_1111
    var longest = 0
    var present = false
  }

  /// The type of each field: scalars as given, and the lengths of strings
  /// and guessed types found from the rows that ``read`` reads (with the
  /// guess per field, `nil` where the type was given).
  func resolve(_ types: [TableFieldType], scan: Scan, selected: [Int]) -> ([TextScalar], [Guess?]) {
    let units: [Int?] = types.map { type in
      switch type.kind {
      case .scalar, .unicode(.some), .bytes(.some): nil
      case .unicode(nil), .guessed: 4
      case .bytes(nil): 1
      }
    }
    let surveys = units.contains { $0 != nil } ? survey(scan, selected: selected, units: units) : []
    var scalars: [TextScalar] = []
    var guesses: [Guess?] = []
    for (j, type) in types.enumerated() {
      let found = j < surveys.count ? surveys[j] : Survey()
      let longest = Swift.max(found.longest, 1)
      switch type.kind {
      case .scalar(let kind):
        scalars.append(TextScalar(kind))
        guesses.append(nil)
      case .unicode(let length):
        scalars.append(.string(length: length ?? longest, unit: 4))
        guesses.append(nil)
      case .bytes(let length):
        scalars.append(.string(length: length ?? longest, unit: 1))
        guesses.append(nil)
      case .guessed:
        // The first guess that reads every present field; `bool` when
        // none is present, as NumPy's converters start.
        let readable = found.present ? found.readable : 1
        let guess = Guess(rawValue: readable.trailingZeroBitCount) ?? .string
        scalars.append(guess.scalar(length: longest))
        guesses.append(found.present ? guess : nil)
      }
    }
    return (scalars, guesses)
  }

  /// Walks the rows ``read`` reads, and for each column `j` with a unit
  /// in `units`, surveys its present fields (missing ones left out).
  func survey(_ scan: Scan, selected: [Int], units: [Int?]) -> [Survey] {
    var surveys = [Survey](repeating: Survey(), count: units.count)
    guard let base else { return surveys }
    let end = base + count
    let fields = FieldList()
    let rowLimit = options.maxRows ?? Int.max
    let checkCount = options.columns == nil
    var rows = 0
    var scratch = (0.0, 0.0)
    rowLoop: for row in scan.rows {
      if rows == rowLimit { break }
      let (_, found) = syntax.split(base + row.start, end, into: fields)
      // A row that read skips, or stops at with an error.
      if checkCount && found != scan.fileColumns {
        if options.skipInvalidRows { continue rowLoop }
        break
      }
      for index in selected where index >= found {
        if options.skipInvalidRows { continue rowLoop }
        break rowLoop
      }
      for (j, unit) in units.enumerated() where j < selected.count {
        guard let unit else { continue }
        let i = selected[j]
        var (first, last) = (fields.starts[i], fields.ends[i])
        if isMissing(first, last) { continue }
        surveys[j].present = true
        // As NumPy's genfromtxt and parseField's strings: spaces stripped
        // at the line's ends only.
        let (rawFirst, rawLast) = (first, last)
        if i == 0 { while first < last && first.pointee == 32 { first += 1 } }
        if i == found - 1 { while last > first && (last - 1).pointee == 32 { last -= 1 } }
        let mask = surveys[j].readable
        if mask & 0b1111 != 0 {
          var readable: UInt8 = 0b1_0000
          // NumPy's str2bool: the word itself, in any case (" true"
          // inside a line is a string).
          if mask & 1 != 0 && Self.isBoolWord(first, last) { readable |= 1 }
          withUnsafeMutableBytes(of: &scratch) { raw in
            let destination = raw.baseAddress!
            for guess in [Guess.int64, .float64, .complex128] where mask & (1 << guess.rawValue) != 0 {
              if guess.scalar(length: 1).parse(rawFirst, rawLast, into: destination) == .ok {
                readable |= 1 << guess.rawValue
              }
            }
          }
          surveys[j].readable = mask & readable
        }
        surveys[j].longest = Swift.max(surveys[j].longest, TextScalar.stringLength(first, last, unit: unit))
      }
      rows += 1
    }
    return surveys
  }

  /// Parses the scanned rows into a new C-contiguous view of `format`:
  /// shape [rows, columns] for a plain element type (`isRecord` false),
  /// [rows] for records, with NumPy's `ndmin` rule (no rows: shape [0]).
  /// The view's rows are the rows that `plan` lays out, `rowSize` bytes
  /// each; `selected[j]` is the file column that `plan[j]` reads.
  func read(
    _ scan: Scan, selected: [Int], plan: [TableColumn], rowSize: Int, format: Format, itemSize: Int,
    isRecord: Bool, converter: TextConverter?
  ) throws(TextFileError) -> NDView {
    let rowLimit = options.maxRows ?? Int.max
    if !options.skipInvalidRows && converter == nil {
      // Row i of the scan is row i of the result: the rows parse in blocks
      // on the pool, straight into the view. The first failing row is the
      // one reported, as in order.
      let rows = Swift.min(scan.rows.count, rowLimit)
      let view = try newView(rows: rows, plan: plan, rowSize: rowSize, format: format, itemSize: itemSize, isRecord: isRecord)
      guard let base, rows > 0, rowSize > 0 else { return view }
      let data = UnsafeMutableRawPointer(view.storage.base + view.byteOffset)
      let failures = Mutex<[(row: Int, error: TextFileError)]>([])
      IterationPlan.forEachBlock(rows, cost: 16 * Swift.max(plan.count, 1), threshold: 1 << 16) { range in
        let fields = FieldList()
        for i in range {
          if let error = parseRow(scan.rows[i], base: base, scan: scan, selected: selected, plan: plan, fields: fields,
            converter: nil, into: data + i * rowSize)
          {
            failures.withLock { $0.append((i, error)) }
            return
          }
        }
      }
      if let first = failures.withLock({ $0.min { $0.row < $1.row } }) { throw first.error }
      return view
    }
    let capacity = scan.rows.count
    let (bytes, overflow) = capacity.multipliedReportingOverflow(by: rowSize)
    guard !overflow, let data = malloc(Swift.max(bytes, 1)) else {
      throw TextFileError(file: name, reason: .outOfMemory(byteCount: overflow ? .max : bytes))
    }
    defer { free(data) }
    var rows = 0
    if let base {
      let fields = FieldList()
      for row in scan.rows {
        if rows == rowLimit { break }
        if let error = parseRow(
          row, base: base, scan: scan, selected: selected, plan: plan, fields: fields, converter: converter,
          into: data + rows * rowSize)
        {
          if error.column == nil && options.skipInvalidRows { continue }
          throw error
        }
        rows += 1
      }
    }
    let view = try newView(rows: rows, plan: plan, rowSize: rowSize, format: format, itemSize: itemSize, isRecord: isRecord)
    if rows > 0 && rowSize > 0 {
      memcpy(view.storage.base + view.byteOffset, data, rows * rowSize)
    }
    return view
  }

  /// A new C-ordered view for `rows` rows: shape [rows, columns] for a
  /// plain element type, [rows] for records, with NumPy's `ndmin` rule (no
  /// rows: shape [0]).
  func newView(
    rows: Int, plan: [TableColumn], rowSize: Int, format: Format, itemSize: Int, isRecord: Bool
  ) throws(TextFileError) -> NDView {
    var shape = rows == 0 ? [0] : isRecord ? [rows] : [rows, plan.count]
    if options.minimumDimensions < 2 { shape = shape.filter { $0 != 1 } }
    if shape.count < options.minimumDimensions {
      shape = options.minimumDimensions == 2 ? [rows, 1] : [shape.reduce(1, *)]
    }
    do {
      return try NDView.uninitialized(shape: Dimensions(shape), format: format, itemSize: itemSize, order: .c)
    } catch {
      throw TextFileError(file: name, reason: .outOfMemory(byteCount: rows &* rowSize))
    }
  }

  /// Parses one row into `destination`: the problem, if any. A row with
  /// another number of fields, or without a selected column, is a problem
  /// with no column (one that `skipInvalidRows` skips).
  @inline(__always)
  func parseRow(
    _ row: Row, base: UnsafePointer<UInt8>, scan: Scan, selected: [Int], plan: [TableColumn], fields: FieldList,
    converter: TextConverter?, into destination: UnsafeMutableRawPointer
  ) -> TextFileError? {
    let (_, found) = syntax.split(base + row.start, base + count, into: fields)
    if options.columns == nil && found != scan.fileColumns {
      return TextFileError(
        file: name, line: row.line, reason: .columnCountChanged(expected: scan.fileColumns, found: found))
    }
    for (j, index) in selected.enumerated() where index >= found {
      return TextFileError(
        file: name, line: row.line, reason: .columnIndexOutOfRange(index: options.columns?[j] ?? index, columns: found))
    }
    for j in 0..<plan.count {
      let index = selected[j]
      if let reason = parseField(
        fields, index, found: found, plan[j], converter: converter, into: destination + plan[j].offset)
      {
        return TextFileError(file: name, line: row.line, column: index + 1, reason: reason)
      }
    }
    return nil
  }

  /// Whether the field [start, end), stripped of ASCII whitespace, is
  /// missing: empty, or one of the missing-value strings.
  @inline(__always)
  func isMissing(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
    var first = start
    var last = end
    while first < last && Self.isSpace(first.pointee) { first += 1 }
    while last > first && Self.isSpace((last - 1).pointee) { last -= 1 }
    let length = last - first
    if length == 0 { return true }
    for word in options.missingValues where word.count == length {
      let same = word.withUnsafeBufferPointer { memcmp($0.baseAddress!, first, length) == 0 }
      if same { return true }
    }
    return false
  }

  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 32 || (byte >= 9 && byte <= 13) || (byte >= 28 && byte <= 31)
  }

  /// Whether [start, end) is `true` or `false` in any case, with nothing
  /// around it: NumPy's `str2bool`, which `dtype=None` tries first.
  static func isBoolWord(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
    let count = end - start
    guard count == 4 || count == 5 else { return false }
    let word = count == 4 ? Array("true".utf8) : Array("false".utf8)
    for i in 0..<count where start[i] | 0x20 != word[i] { return false }
    return true
  }

  /// `true` or `false` in any case, as NumPy's `genfromtxt` reads `bool`.
  static func boolWord(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool? {
    var first = start
    var last = end
    while first < last && isSpace(first.pointee) { first += 1 }
    while last > first && isSpace((last - 1).pointee) { last -= 1 }
    let word = String(decoding: UnsafeBufferPointer(start: first, count: last - first), as: UTF8.self).lowercased()
    if word == "true" { return true }
    if word == "false" { return false }
    return nil
  }

  /// Parses field `i` into `destination`: through the column's converter
  /// if it has one (which sees missing fields too, as NumPy's do), the
  /// filling value if the field is missing, otherwise the column's parser.
  /// The reason of a problem, if any.
  @inline(__always)
  func parseField(
    _ fields: FieldList, _ i: Int, found: Int, _ column: TableColumn, converter: TextConverter?,
    into destination: UnsafeMutableRawPointer
  ) -> TextFileError.Reason? {
    let start = fields.starts[i]
    let end = fields.ends[i]
    if let converter {
      switch converter(i, found, start, end, destination) {
      case .stored: return nil
      case .failed(let message): return .converterFailed(text: fields.text(i), message: message)
      case .notHandled: break
      }
    }
    if isMissing(start, end) {
      guard let fill = column.fill else {
        if let text = column.unreadableFill { return .invalidValue(text: text, type: column.scalar.name) }
        return .missingValue(type: column.scalar.name)
      }
      column.store(fill, into: destination)
      return nil
    }
    var (first, last) = (start, end)
    if case .string = column.scalar {
      // As NumPy's genfromtxt, which strips spaces from the line's ends
      // only: the first field's leading ones and the last's trailing ones.
      if i == 0 { while first < last && first.pointee == 32 { first += 1 } }
      if i == found - 1 { while last > first && (last - 1).pointee == 32 { last -= 1 } }
    }
    switch column.scalar.parse(first, last, into: destination) {
    case .ok:
      return nil
    case .tooLong:
      if case .string(let length, _) = column.scalar {
        return .stringTooLong(text: fields.text(i), length: length)
      }
      return .invalidValue(text: fields.text(i), type: column.scalar.name)
    case .outOfRange:
      return .outOfRange(text: fields.text(i), type: column.scalar.name)
    case .invalid:
      if case .bool = column.scalar, let value = Self.boolWord(start, end) {
        destination.storeBytes(of: value, as: Bool.self)
        return nil
      }
      if options.invalidAsMissing, let fill = column.fill {
        column.store(fill, into: destination)
        return nil
      }
      return .invalidValue(text: fields.text(i), type: column.scalar.name)
    }
  }
}

/// Field names as NumPy's `NameValidator` makes them: each name stripped
/// of surrounding whitespace, inner spaces replaced by `_`, the characters
/// `` ~!@#$%^&*()-=+\|]}[{';:/?.>,< `` removed, `return`, `file` and
/// `print` given a trailing `_`, an empty name replaced by `f0`, `f1`, …,
/// and a repeated name given `_1`, `_2`, …; padded with empty names or cut
/// to `count`.
func validatedFieldNames(_ names: [String], count: Int) -> [String] {
  var names = names
  if names.count < count { names += [String](repeating: "", count: count - names.count) }
  if names.count > count { names.removeLast(names.count - count) }
  let deleted = Set("~!@#$%^&*()-=+\\|]}[{';: /?.>,<".unicodeScalars)
  var result: [String] = []
  var seen: [String: Int] = [:]
  var empty = 0
  for raw in names {
    let stripped = raw.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: " ", with: "_")
    var scalars = String.UnicodeScalarView()
    for scalar in stripped.unicodeScalars where !deleted.contains(scalar) { scalars.append(scalar) }
    var item = String(scalars)
    if item.isEmpty {
      item = "f\(empty)"
      while names.contains(item) {
        empty += 1
        item = "f\(empty)"
      }
      empty += 1
    } else if ["return", "file", "print"].contains(item) {
      item += "_"
    }
    let seenCount = seen[item, default: 0]
    result.append(seenCount > 0 ? "\(item)_\(seenCount)" : item)
    seen[item] = seenCount + 1
  }
  return result
}

/// Calls `body` the bytes of the file at `path`, read whole.
func withTextFile<R>(
  _ path: String, _ body: (UnsafeRawBufferPointer) throws(TextFileError) -> R
) throws(TextFileError) -> R {
  let storage = try readTextFile(path)
  defer { withExtendedLifetime(storage) {} }
  return try body(UnsafeRawBufferPointer(start: storage.base, count: storage.count))
}

/// The bytes of a text file, read in one go.
private func readTextFile(_ path: String) throws(TextFileError) -> ByteStorage {
  do throws(NPYError) {
    let file = try OpenFile(path: path)
    let size = try file.size()
    guard let buffer = ByteStorage(tryingUninitializedCount: size) else {
      throw NPYError(file: path, reason: .outOfMemory(byteCount: size))
    }
    if size > 0 { try file.read(into: buffer.base, count: size, at: 0) }
    return buffer
  } catch {
    throw TextFileError(error)
  }
}
