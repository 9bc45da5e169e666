import Foundation

extension NDView {
  /// Reads a table into records, one a row, with a named field per column:
  /// NumPy's `np.genfromtxt` with `names=` or a structured `dtype`.
  ///
  /// ```swift
  /// // "# id value\n1 2.5\n2 \n" → [(1, 2.5), (2, nan)], fields id (Int64) and value (Double)
  /// let t = try NDView.loadTable(from: url, types: [.int64, .float64], namesFromHeader: true)
  /// let ids = try NDArray<Int64>(t.field("id"))
  /// ```
  ///
  /// The records are packed, as NumPy's: each field follows the one before
  /// it with no padding (`T{q:id:d:value:}` in the unaligned mode, NumPy's
  /// `[('id', '<i8'), ('value', '<f8')]`), so the view saves to `.npy` as
  /// NumPy's array. Each field is one column read; ``field(_:)`` gives a
  /// column as a view.
  ///
  /// Fields, missing values, errors and options are those of
  /// ``NDArray/loadTable(from:delimiter:comments:skipHeader:skipFooter:columns:maxRows:minimumDimensions:missingValues:fillingValue:fillingValues:converters:skipInvalidRows:invalidAsMissing:)``,
  /// with the filling values given as text that each column's type parses.
  /// The result is 1-D, one record a row, squeezed as NumPy's: one row
  /// gives a 0-d view; `minimumDimensions: 1` keeps the axis.
  ///
  /// Names are made valid as NumPy's do: stripped, inner spaces made `_`,
  /// the characters `` ~!@#$%^&*()-=+\|]}[{';:/?.>,< `` removed, `return`,
  /// `file`, `print` given a trailing `_`, empty names made `f0`, `f1`, …,
  /// repeats given `_1`, `_2`, …. With `namesFromHeader`, the first line
  /// after `skipHeader` that is not blank holds the names; when it holds
  /// the comment marker, only the text after its first marker does (as in
  /// NumPy, so `# a b` names two fields, and `a b # c` one). With neither
  /// names nor a header, fields are `f0`, `f1`, ….
  ///
  /// String fields (``TableFieldType/string``, ``TableFieldType/byteString``)
  /// hold the field's text but the spaces at the line's ends, as NumPy's;
  /// a missing one is empty. With ``TableFieldType/guessed`` (NumPy's
  /// `dtype=None`) each column's type is found from its fields; when every
  /// type is guessed, no names are given and every column with a field
  /// present reads as one type, the result is NumPy's plain array of that
  /// type (rows × columns, squeezed as ``NDArray`` tables are), not records.
  ///
  /// NumPy: `np.genfromtxt(path, dtype=[("a", "i8"), ("b", "f8")])`,
  /// `np.genfromtxt(path, names=True)`, `np.genfromtxt(path,
  /// dtype=[int, float], names="a,b")`, `dtype=[("s", "U8")]`,
  /// `dtype=None`. Not supported: sub-array fields, `converters`,
  /// `usemask`, the `deletechars`, `excludelist`, `replace_space`,
  /// `case_sensitive` and `defaultfmt` options, column names in `usecols`
  /// and `filling_values`.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - types: The fields' types: one for every column, or one per column
  ///     read. Any scalar kind but ``ScalarKind/pointer`` and
  ///     ``ScalarKind/char``, strings, or ``TableFieldType/guessed``.
  ///   - names: The fields' names, padded with `f0`, `f1`, … or cut to the
  ///     number of columns read; NumPy's `names=[…]`.
  ///   - namesFromHeader: Read the names from the first line after
  ///     `skipHeader` that is not blank (NumPy's `names=True`); `names`
  ///     must then be `nil`. With `columns`, the names of those columns.
  ///   - delimiter: The one character between fields; `nil` splits at runs
  ///     of whitespace.
  ///   - comments: The marker that starts a comment; `nil` for none.
  ///   - skipHeader: Lines skipped at the start of the file.
  ///   - skipFooter: Data rows dropped at the end.
  ///   - columns: The columns to read, in this order. NumPy's `usecols`.
  ///   - maxRows: At most this many rows.
  ///   - minimumDimensions: 0, 1 or 2, NumPy's `ndmin` (2 gives rows × 1).
  ///   - missingValues: Strings that mark a missing field, besides the
  ///     empty field.
  ///   - fillingValue: What a missing field becomes, as text the column's
  ///     type parses; `nil` for NumPy's default (NaN, -1, `false`; none for
  ///     unsigned integers).
  ///   - fillingValues: Per column of the file, before `fillingValue`.
  ///   - skipInvalidRows: Leave out rows with another number of fields:
  ///     NumPy's `invalid_raise=False`.
  ///   - invalidAsMissing: Fill fields that do not parse: NumPy's
  ///     `loose=True`.
  /// - Throws: ``TextFileError`` as ``NDArray/loadTable(from:delimiter:comments:skipHeader:skipFooter:columns:maxRows:minimumDimensions:missingValues:fillingValue:fillingValues:converters:skipInvalidRows:invalidAsMissing:)``
  ///   does, ``TextFileError/Reason/columnCountChanged(expected:found:)``
  ///   naming the first row's line when `types` has more than one type and
  ///   not one per column read,
  ///   ``TextFileError/Reason/stringTooLong(text:length:)`` naming the line
  ///   and column of a field longer than its string field, and
  ///   ``TextFileError/Reason/invalidValue(text:type:)`` for a filling value
  ///   that the type guessed for its column does not read.
  /// - Precondition: as ``NDArray/loadTable(from:delimiter:comments:skipHeader:skipFooter:columns:maxRows:minimumDimensions:missingValues:fillingValue:fillingValues:converters:skipInvalidRows:invalidAsMissing:)``;
  ///   `types` is not empty and holds no pointer or `char`; `names` is `nil`
  ///   when `namesFromHeader` is true; each filling value parses as its
  ///   column's type.
  /// - Complexity: O(*n*) in the file's length.
  public static func loadTable(
    from url: URL,
    types: [TableFieldType] = [.float64],
    names: [String]? = nil,
    namesFromHeader: Bool = false,
    delimiter: String? = nil,
    comments: String? = "#",
    skipHeader: Int = 0,
    skipFooter: Int = 0,
    columns: [Int]? = nil,
    maxRows: Int? = nil,
    minimumDimensions: Int = 0,
    missingValues: [String] = [],
    fillingValue: String? = nil,
    fillingValues: [Int: String] = [:],
    skipInvalidRows: Bool = false,
    invalidAsMissing: Bool = false
  ) throws(TextFileError) -> NDView {
    let options = TableReadOptions(
      api: "NDView.loadTable(from:)", delimiter: delimiter, comments: comments, skipHeader: skipHeader,
      skipFooter: skipFooter, columns: columns, maxRows: maxRows, minimumDimensions: minimumDimensions,
      missingValues: missingValues, namesFromHeader: namesFromHeader, skipInvalidRows: skipInvalidRows,
      invalidAsMissing: invalidAsMissing)
    let path = url.path
    return try withTextFile(path) { (bytes) throws(TextFileError) in
      try readRecords(
        bytes, name: path, options: options, api: "NDView.loadTable(from:)", types: types, names: names,
        fillingValue: fillingValue, fillingValues: fillingValues)
    }
  }

  /// Reads records from text in memory, as
  /// ``loadTable(from:types:names:namesFromHeader:delimiter:comments:skipHeader:skipFooter:columns:maxRows:minimumDimensions:missingValues:fillingValue:fillingValues:skipInvalidRows:invalidAsMissing:)``
  /// reads a file's. Errors name the text `<string>`.
  ///
  /// NumPy: `np.genfromtxt(io.StringIO(text), dtype=[…], names=…)`.
  public static func loadTable(
    fromString text: String,
    types: [TableFieldType] = [.float64],
    names: [String]? = nil,
    namesFromHeader: Bool = false,
    delimiter: String? = nil,
    comments: String? = "#",
    skipHeader: Int = 0,
    skipFooter: Int = 0,
    columns: [Int]? = nil,
    maxRows: Int? = nil,
    minimumDimensions: Int = 0,
    missingValues: [String] = [],
    fillingValue: String? = nil,
    fillingValues: [Int: String] = [:],
    skipInvalidRows: Bool = false,
    invalidAsMissing: Bool = false
  ) throws(TextFileError) -> NDView {
    let options = TableReadOptions(
      api: "NDView.loadTable(fromString:)", delimiter: delimiter, comments: comments, skipHeader: skipHeader,
      skipFooter: skipFooter, columns: columns, maxRows: maxRows, minimumDimensions: minimumDimensions,
      missingValues: missingValues, namesFromHeader: namesFromHeader, skipInvalidRows: skipInvalidRows,
      invalidAsMissing: invalidAsMissing)
    var text = text
    let result: Result<NDView, TextFileError> = text.withUTF8 { bytes in
      Result { () throws(TextFileError) in
        try readRecords(
          UnsafeRawBufferPointer(bytes), name: "<string>", options: options, api: "NDView.loadTable(fromString:)",
          types: types, names: names, fillingValue: fillingValue, fillingValues: fillingValues)
      }
    }
    return try result.get()
  }

  /// The records in `bytes`: scans the rows, finds the types that are
  /// found from the data, then lays out the packed record format (or, for
  /// guessed types that all agree and no names, NumPy's plain 2-D array)
  /// and parses into it.
  static func readRecords(
    _ bytes: UnsafeRawBufferPointer, name: String, options: TableReadOptions, api: String, types: [TableFieldType],
    names: [String]?, fillingValue: String?, fillingValues: [Int: String]
  ) throws(TextFileError) -> NDView {
    precondition(!types.isEmpty, "\(api): types cannot be empty")
    for type in types {
      if case .scalar(let kind) = type.kind {
        precondition(kind != .pointer && kind != .char, "\(api): a table field cannot be of kind \(kind)")
      }
    }
    precondition(!(options.namesFromHeader && names != nil), "\(api): give names or namesFromHeader, not both")
    let reader = TableReader(bytes: bytes, name: name, options: options)
    let scan = reader.scan()
    let selected = try reader.selectedColumns(scan)
    let count = selected.count
    guard types.count == 1 || types.count == count || (count == 0 && scan.rows.isEmpty) else {
      throw TextFileError(
        file: name, line: scan.firstLine, reason: .columnCountChanged(expected: types.count, found: count))
    }
    // With no columns at all (no data and no header), the fields that the
    // types or names give.
    let fieldCount = count > 0 ? count : types.count > 1 ? types.count : Swift.max(names?.count ?? 1, 1)
    let fieldTypes = (0..<fieldCount).map { types.count == 1 ? types[0] : types[$0] }
    var (scalars, guessed) = reader.resolve(fieldTypes, scan: scan, selected: selected)
    // NumPy's dtype=None with no names: one plain array when every column
    // with a field present reads as the same type.
    let uniform: TableReader.Guess? = {
      guard names == nil, !options.namesFromHeader, count > 0, fieldTypes.allSatisfy({ $0.kind == .guessed })
      else { return nil }
      let found = Set(guessed.compactMap { $0 })
      // A table with no field present is records of bool, as NumPy's.
      return found.count == 1 ? found.first : nil
    }()
    if let uniform {
      let longest = scalars.reduce(1) { (m: Int, scalar: TextScalar) -> Int in
        if case .string(let length, _) = scalar { return Swift.max(m, length) }
        return m
      }
      let scalar = uniform.scalar(length: longest)
      scalars = Array(repeating: scalar, count: fieldCount)
      guessed = Array(repeating: uniform, count: fieldCount)
    }
    var rawNames: [String]
    if let header = scan.names {
      rawNames = selected.map { $0 < header.count ? header[$0] : "" }
    } else {
      rawNames = names ?? []
    }
    let fieldNames = validatedFieldNames(rawNames, count: fieldCount)
    var fields: [Format.Field] = []
    var plan: [TableColumn] = []
    var offset = 0
    for j in 0..<fieldCount {
      let index = j < selected.count ? selected[j] : j
      let isGuessed = fieldTypes[j].kind == .guessed
      var fillText = fillingValues[index] ?? fillingValues[index - scan.fileColumns] ?? fillingValue
      if case .string(let length, let unit) = scalars[j], let text = fillText {
        if isGuessed {
          // NumPy leaves the missing fields of a guessed string column empty.
          fillText = nil
        } else if fieldTypes[j].hasDataLength {
          // A length found from the data makes room for the filling value.
          var text = text
          let units = text.withUTF8 { utf8 in
            utf8.baseAddress.map { TextScalar.stringLength($0, $0 + utf8.count, unit: unit) } ?? 0
          }
          scalars[j] = .string(length: Swift.max(length, units), unit: unit)
        }
      }
      let scalar = scalars[j]
      var column = TableColumn(offset: offset, scalar: scalar, fill: TableColumn.defaultFill(scalar))
      if let text = fillText {
        if let parsed = TableColumn.fill(parsing: text, as: scalar, size: scalar.size) {
          column.fill = parsed
        } else {
          // A type found from the data is the data's doing, not the
          // caller's: an error where a field is missing, not a trap.
          precondition(isGuessed, "\(api): the filling value \(text.debugDescription) is not a \(scalar.name)")
          column.fill = nil
          column.unreadableFill = text
        }
      }
      plan.append(column)
      fields.append(Format.Field(name: fieldNames[j], offset: offset, format: scalar.format, isAligned: false))
      let (next, overflow) = offset.addingReportingOverflow(scalar.size)
      guard !overflow else { throw TextFileError(file: name, reason: .outOfMemory(byteCount: .max)) }
      offset = next
    }
    let isRecord = uniform == nil
    let format = isRecord ? Format(kind: .record(fields), itemSize: offset, alignment: 1) : scalars[0].format
    let itemSize = isRecord ? offset : scalars[0].size
    if count == 0 {
      // No columns read: an empty view of the record format.
      let empty = TableReader.Scan(names: nil, rows: [], fileColumns: 0, firstLine: 1)
      return try reader.read(
        empty, selected: [], plan: [], rowSize: offset, format: format, itemSize: itemSize, isRecord: isRecord,
        converter: nil)
    }
    return try reader.read(
      scan, selected: selected, plan: plan, rowSize: offset, format: format, itemSize: itemSize, isRecord: isRecord,
      converter: nil)
  }
}
