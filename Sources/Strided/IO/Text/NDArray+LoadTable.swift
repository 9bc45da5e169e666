import Foundation

extension NDArray {
  /// Reads a table of numbers with missing values, one row a line: NumPy's
  /// `np.genfromtxt` with a plain `dtype`.
  ///
  /// ```swift
  /// // 1,,3 / 4,N/A,6 → [[1, nan, 3], [4, nan, 6]]
  /// let m = try NDArray<Double>.loadTable(from: url, delimiter: ",", missingValues: ["N/A"])
  /// let n = try NDArray<Int64>.loadTable(from: url, delimiter: ",", skipHeader: 1, fillingValue: 0)
  /// ```
  ///
  /// Fields, numbers, comments, shapes and errors are as in
  /// ``loadText(from:delimiter:comments:skipRows:columns:maxRows:minimumDimensions:converters:)``,
  /// with what `genfromtxt` adds:
  /// - A field is *missing* when, stripped of whitespace, it is empty or one
  ///   of `missingValues`. It becomes the column's filling value:
  ///   `fillingValues[column]`, else `fillingValue`, else NumPy's default:
  ///   NaN for floating-point numbers (NaN + 0i for complex ones), -1 for
  ///   signed integers, `false`. An unsigned column has no default (NumPy's
  ///   -1 fails there too): a missing field in it throws
  ///   ``TextFileError/Reason/missingValue(type:)``.
  /// - A line of spaces is blank even with a delimiter, as NumPy strips it.
  /// - `Bool` reads `true` and `false` in any case (NumPy's `genfromtxt`)
  ///   as well as integers (NumPy's `loadtxt`; `genfromtxt` reads `1` as
  ///   `false`).
  /// - A field that is not a number is an error, where NumPy's default
  ///   (`loose=True`) silently fills it; `invalidAsMissing: true` fills it.
  ///   An integer out of range is an error either way, as in NumPy.
  ///
  /// The result is squeezed as NumPy's (`ndmin=0`): one row or one column
  /// gives a 1-D array, one value a 0-d array, no data shape `[0]`.
  ///
  /// NumPy: `np.genfromtxt(path, dtype=…, comments="#", delimiter=None,
  /// skip_header=0, skip_footer=0, converters=None, missing_values=None,
  /// filling_values=None, usecols=None, invalid_raise=True, max_rows=None,
  /// ndmin=0, loose=False)`. Not supported: `names` (see
  /// ``NDView/loadTable(from:types:names:namesFromHeader:delimiter:comments:skipHeader:skipFooter:columns:maxRows:minimumDimensions:missingValues:fillingValue:fillingValues:skipInvalidRows:invalidAsMissing:)``
  /// for records), `dtype=None` (types found from the data), `autostrip`,
  /// `replace_space`, `deletechars`, `case_sensitive`, `defaultfmt`,
  /// `unpack`, `usemask`, fixed-width fields (an integer `delimiter`),
  /// encodings other than UTF-8, compressed files. The file is parsed on
  /// one thread.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - delimiter: The one character between fields; `nil` splits at runs
  ///     of whitespace.
  ///   - comments: The marker that starts a comment; `nil` for none.
  ///   - skipHeader: Lines skipped at the start of the file, comments and
  ///     blank lines included.
  ///   - skipFooter: Data rows dropped at the end (blank and comment lines
  ///     do not count); a row with a wrong number of fields among them is
  ///     no error.
  ///   - columns: The columns to read, in this order; negative ones count
  ///     from the end of the first data row. NumPy's `usecols`.
  ///   - maxRows: At most this many rows.
  ///   - minimumDimensions: 0, 1 or 2, NumPy's `ndmin`.
  ///   - missingValues: Strings that mark a missing field, besides the
  ///     empty field.
  ///   - fillingValue: What a missing field becomes; `nil` for NumPy's
  ///     default.
  ///   - fillingValues: Per column of the file, what a missing field
  ///     becomes, before `fillingValue`.
  ///   - converters: Functions that read the fields of some columns (keyed
  ///     by column in the file, negative from the end); they see missing
  ///     fields too, as NumPy's do.
  ///   - skipInvalidRows: Leave out rows with another number of fields
  ///     (or without a requested column) instead of throwing: NumPy's
  ///     `invalid_raise=False`.
  ///   - invalidAsMissing: Fill fields that do not parse instead of
  ///     throwing: NumPy's `loose=True`.
  /// - Throws: ``TextFileError`` naming the file, and the line and column
  ///   where a row has another number of fields than the first, a field
  ///   does not parse, an integer is out of range, a missing field has no
  ///   filling value, a row lacks a requested column, or a converter
  ///   throws; or when the file cannot be read. Nothing is returned
  ///   half-filled.
  /// - Precondition: `skipHeader` and `skipFooter` are not negative,
  ///   `maxRows` is at least 1 and not given with `skipFooter`,
  ///   `minimumDimensions` is 0, 1 or 2; the delimiter and comment marker
  ///   are as ``loadText(from:delimiter:comments:skipRows:columns:maxRows:minimumDimensions:converters:)``
  ///   requires.
  /// - Complexity: O(*n*) in the file's length.
  public static func loadTable(
    from url: URL,
    delimiter: String? = nil,
    comments: String? = "#",
    skipHeader: Int = 0,
    skipFooter: Int = 0,
    columns: [Int]? = nil,
    maxRows: Int? = nil,
    minimumDimensions: Int = 0,
    missingValues: [String] = [],
    fillingValue: Element? = nil,
    fillingValues: [Int: Element] = [:],
    converters: [Int: (Substring) throws -> Element]? = nil,
    skipInvalidRows: Bool = false,
    invalidAsMissing: Bool = false
  ) throws(TextFileError) -> NDArray {
    let options = TableReadOptions(
      api: "NDArray.loadTable(from:)", delimiter: delimiter, comments: comments, skipHeader: skipHeader,
      skipFooter: skipFooter, columns: columns, maxRows: maxRows, minimumDimensions: minimumDimensions,
      missingValues: missingValues, namesFromHeader: false, skipInvalidRows: skipInvalidRows,
      invalidAsMissing: invalidAsMissing)
    let path = url.path
    return try withTextFile(path) { (bytes) throws(TextFileError) in
      try readTable(
        bytes, name: path, options: options, fillingValue: fillingValue, fillingValues: fillingValues,
        converters: converters)
    }
  }

  /// Reads a table from text in memory, as
  /// ``loadTable(from:delimiter:comments:skipHeader:skipFooter:columns:maxRows:minimumDimensions:missingValues:fillingValue:fillingValues:converters:skipInvalidRows:invalidAsMissing:)``
  /// reads a file's. Errors name the text `<string>`.
  ///
  /// NumPy: `np.genfromtxt(io.StringIO(text), …)`.
  public static func loadTable(
    fromString text: String,
    delimiter: String? = nil,
    comments: String? = "#",
    skipHeader: Int = 0,
    skipFooter: Int = 0,
    columns: [Int]? = nil,
    maxRows: Int? = nil,
    minimumDimensions: Int = 0,
    missingValues: [String] = [],
    fillingValue: Element? = nil,
    fillingValues: [Int: Element] = [:],
    converters: [Int: (Substring) throws -> Element]? = nil,
    skipInvalidRows: Bool = false,
    invalidAsMissing: Bool = false
  ) throws(TextFileError) -> NDArray {
    let options = TableReadOptions(
      api: "NDArray.loadTable(fromString:)", delimiter: delimiter, comments: comments, skipHeader: skipHeader,
      skipFooter: skipFooter, columns: columns, maxRows: maxRows, minimumDimensions: minimumDimensions,
      missingValues: missingValues, namesFromHeader: false, skipInvalidRows: skipInvalidRows,
      invalidAsMissing: invalidAsMissing)
    var text = text
    let result: Result<NDArray, TextFileError> = text.withUTF8 { bytes in
      Result { () throws(TextFileError) in
        try readTable(
          UnsafeRawBufferPointer(bytes), name: "<string>", options: options, fillingValue: fillingValue,
          fillingValues: fillingValues, converters: converters)
      }
    }
    return try result.get()
  }

  /// The table in `bytes`, through the non-generic reader.
  static func readTable(
    _ bytes: UnsafeRawBufferPointer, name: String, options: TableReadOptions, fillingValue: Element?,
    fillingValues: [Int: Element], converters: [Int: (Substring) throws -> Element]?
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
    let reader = TableReader(bytes: bytes, name: name, options: options)
    let scan = reader.scan()
    let selected = try reader.selectedColumns(scan)
    let scalar = TextScalar(Element.scalarKind)
    let itemSize = MemoryLayout<Element>.size
    let commonFill: [UInt8]? = fillingValue.map { TableColumn.bytes(of: $0) } ?? TableColumn.defaultFill(scalar)
    var plan: [TableColumn] = []
    for (j, index) in selected.enumerated() {
      let own = fillingValues[index] ?? fillingValues[index - scan.fileColumns]
      plan.append(TableColumn(offset: j * itemSize, scalar: scalar, fill: own.map { TableColumn.bytes(of: $0) } ?? commonFill))
    }
    let view = try reader.read(
      scan, selected: selected, plan: plan, rowSize: plan.count * itemSize, format: Element.format,
      itemSize: itemSize, isRecord: false, converter: converter)
    return NDArray(unchecked: view)
  }
}
