// Printing any view's values as NumPy's `str` does: numbers, strings, and
// records field by field.

extension NDView {
  /// The values as NumPy's `str(a)` prints them, with `options` in force
  /// (``PrintOptions/current`` by default): numbers as
  /// ``NDArray/description(options:)`` prints them, strings as Python's
  /// `repr` writes them (`['ab' 'c']`, `[b'ab' b'c']`), and records field
  /// by field, each field's column aligned over the shown records and a
  /// sub-array field in brackets:
  ///
  /// ```
  /// [(1, 2. , [0.1, 2. ]) (3, 4.5, [3. , 4. ])]
  /// ```
  ///
  /// A 0-d view prints as NumPy prints its scalar: a number at full
  /// precision, a unicode string without quotes, and a record with its
  /// floating-point fields at full precision, `(1, 2.0)`. Padding bytes do
  /// not print; a Pascal string prints as the bytes its length byte
  /// counts, a `c` item as a byte string of one byte and a pointer as an
  /// unsigned integer.
  ///
  /// NumPy: `str(a)`, `print(a)`, `np.array2string(a)`.
  ///
  /// - Throws: ``StringError/Reason/invalidCodePoint(index:value:)`` when a
  ///   unicode string holds a value that is no Unicode scalar (`index`
  ///   counts the shown items in C order).
  /// - Precondition: `options.precision >= 0` and `options.edgeItems >= 0`.
  /// - Complexity: O(*m* · *s*) for the *m* items shown, of *s* bytes each.
  public func valuesDescription(options: PrintOptions = .current) throws(StringError) -> String {
    options.check("NDView.valuesDescription(options:)")
    if ndim > 0 && count == 0 { return "[]" }
    let summarize = ndim > 0 && count > options.threshold
    let items = shownItems(summarize: summarize, edge: options.edgeItems)
    let mode: ValuePrinter.Mode
    switch format.kind {
    case .record: mode = ndim == 0 ? .recordScalar : .array
    default: mode = ndim == 0 ? .scalar : .array
    }
    let printer = ValuePrinter(options: options, mode: mode)
    let offsets = (0..<items.count).map { $0 * itemSize }
    if ndim == 0, case .unicode = format.kind {
      // `str` of a NumPy string scalar is the string itself.
      let units = try ValuePrinter.unicodeUnits(format, items.storage.base, offsets)
      return String(String.UnicodeScalarView(units[0].compactMap { Unicode.Scalar($0) }))
    }
    let words = try printer.words(format, UnsafeRawPointer(items.storage.base), offsets, shaped: ndim > 0)
    if ndim == 0 { return words[0] }
    return ArrayPrinter.grid(words, shape: Array(shape), summarize: summarize, options: options)
  }

  /// The items whose values print (all, or the first and last `edge` along
  /// each summarised axis: ``ArrayPrinter/kept(_:summarize:edge:)``),
  /// copied in C order into new storage, `itemSize` apart, in the
  /// machine's byte order.
  func shownItems(summarize: Bool, edge: Int) -> (storage: ByteStorage, count: Int) {
    let offsets = ArrayPrinter.keptOffsets(
      shape: Array(shape), strides: Array(strides), start: byteOffset, summarize: summarize, edge: edge)
    let result = ByteStorage(count: max(offsets.count * itemSize, 1))
    for (k, offset) in offsets.enumerated() {
      (result.base + k * itemSize).copyMemory(from: storage.base + offset, byteCount: itemSize)
    }
    ByteSwap.swapItems(ByteSwap.targets(of: format), in: result.base, count: offsets.count, itemSize: itemSize)
    return (result, offsets.count)
  }
}

/// The words of items of any format, as NumPy's format functions write
/// them: `FloatingFormat` and its kin for scalars, `repr` for strings,
/// `SubArrayFormat` and `StructuredVoidFormat` for sub-arrays and records.
struct ValuePrinter {
  enum Mode {
    /// Items of an array: each column formatted over its shown values.
    case array
    /// The item of a 0-d view of a scalar format: NumPy's scalar `str`.
    case scalar
    /// The item of a 0-d record view: NumPy's `str` of a record scalar,
    /// whose floating-point values print as scalars do.
    case recordScalar
  }

  let options: PrintOptions
  let mode: Mode

  /// The word of each item of `format` at `offsets` from `base` (in the
  /// machine's byte order). `shaped` is false for values of a 0-d record,
  /// whose `Bool`s print unpadded.
  func words(_ format: Format, _ base: UnsafeRawPointer, _ offsets: [Int], shaped: Bool) throws(StringError)
    -> [String]
  {
    switch format.kind {
    case .scalar(let kind, _):
      return scalarWords(kind, base, offsets, shaped: shaped)
    case .bytes(let count):
      return offsets.map { StringPrinting.repr(StringKernels.itemUnits(base + $0, width: count, unit: 1), bytes: true) }
    case .unicode:
      return try Self.unicodeUnits(format, base, offsets).map { StringPrinting.repr($0, bytes: false) }
    case .pascalString(let count):
      return offsets.map { (offset: Int) -> String in
        let length = min(Int(base.load(fromByteOffset: offset, as: UInt8.self)), count - 1)
        let units = (0..<length).map { UInt32(base.load(fromByteOffset: offset + 1 + $0, as: UInt8.self)) }
        return StringPrinting.repr(units, bytes: true)
      }
    case .padding:
      return offsets.map { _ in "" }
    case .array(let subshape, let element):
      let n = subshape.reduce(1, *)
      var inner: [Int] = []
      inner.reserveCapacity(offsets.count * n)
      for offset in offsets {
        for k in 0..<n { inner.append(offset + k * element.itemSize) }
      }
      let innerWords = try words(element, base, inner, shaped: true)
      let summarize = n > options.threshold
      return (0..<offsets.count).map { (i: Int) -> String in
        subArray(innerWords[(i * n)..<(i * n + n)], shape: subshape[...], summarize: summarize)
      }
    case .record(let fields):
      var columns: [[String]] = []
      for field in fields {
        if case .padding = field.format.kind { continue }
        columns.append(try words(field.format, base, offsets.map { $0 + field.offset }, shaped: shaped))
      }
      let closing = columns.count == 1 ? ",)" : ")"
      return (0..<offsets.count).map { (i: Int) -> String in
        "(" + columns.map { $0[i] }.joined(separator: ", ") + closing
      }
    }
  }

  /// NumPy's `SubArrayFormat`: nested brackets, `", "` between values, and
  /// `...` for the middle of an axis longer than twice the edge items when
  /// the sub-array has more than `threshold` values.
  func subArray(_ words: ArraySlice<String>, shape: ArraySlice<Int>, summarize: Bool) -> String {
    guard let length = shape.first else { return words[words.startIndex] }
    let inner = shape.dropFirst().reduce(1, *)
    func part(_ i: Int) -> String {
      let start = words.startIndex + i * inner
      return subArray(words[start..<(start + inner)], shape: shape.dropFirst(), summarize: summarize)
    }
    let edge = options.edgeItems
    var parts: [String]
    if summarize && length - edge > edge {
      // NumPy's `a[-0:]` is the whole axis, so edge 0 keeps every value after the `...`.
      parts = (0..<edge).map(part) + ["..."]
      parts += ((edge == 0 ? 0 : length - edge)..<length).map(part)
    } else {
      parts = (0..<length).map(part)
    }
    return "[" + parts.joined(separator: ", ") + "]"
  }

  func scalarWords(_ kind: ScalarKind, _ base: UnsafeRawPointer, _ offsets: [Int], shaped: Bool) -> [String] {
    switch kind {
    case .bool: numbers(Bool.self, base, offsets, shaped: shaped)
    case .int8: numbers(Int8.self, base, offsets, shaped: shaped)
    case .uint8: numbers(UInt8.self, base, offsets, shaped: shaped)
    case .int16: numbers(Int16.self, base, offsets, shaped: shaped)
    case .uint16: numbers(UInt16.self, base, offsets, shaped: shaped)
    case .int32: numbers(Int32.self, base, offsets, shaped: shaped)
    case .uint32: numbers(UInt32.self, base, offsets, shaped: shaped)
    case .int64: numbers(Int64.self, base, offsets, shaped: shaped)
    case .uint64, .pointer: numbers(UInt64.self, base, offsets, shaped: shaped)
    case .float16: numbers(Float16.self, base, offsets, shaped: shaped)
    case .float32: numbers(Float.self, base, offsets, shaped: shaped)
    case .float64: numbers(Double.self, base, offsets, shaped: shaped)
    case .complex64: numbers(Complex<Float>.self, base, offsets, shaped: shaped)
    case .complex128: numbers(Complex<Double>.self, base, offsets, shaped: shaped)
    case .char:
      // NumPy reads a `c` item as a byte string of length 1.
      offsets.map { StringPrinting.repr(StringKernels.itemUnits(base + $0, width: 1, unit: 1), bytes: true) }
    }
  }

  func numbers<T: NDElement>(_: T.Type, _ base: UnsafeRawPointer, _ offsets: [Int], shaped: Bool) -> [String] {
    let values = offsets.map { (offset: Int) -> T in
      if T.self == Bool.self {
        return unsafeBitCast(base.load(fromByteOffset: offset, as: UInt8.self) != 0, to: T.self)
      }
      return base.loadUnaligned(fromByteOffset: offset, as: T.self)
    }
    let asScalars: Bool
    switch mode {
    case .array: asScalars = false
    case .scalar: asScalars = true
    case .recordScalar:
      // NumPy prints a record scalar's floats with `str`; a Bool of a 0-d
      // field is unpadded; the rest keep their array formats.
      asScalars = T.scalarKind.isFloatingPoint || (T.self == Bool.self && !shaped)
    }
    if asScalars { return values.map { ArrayPrinter.scalarText(element: $0) } }
    let format = ArrayPrinter.formatter(for: values, options: options)
    return values.map(format)
  }

  /// The code points of unicode items, trailing NULs dropped.
  ///
  /// - Throws: ``StringError/Reason/invalidCodePoint(index:value:)``.
  static func unicodeUnits(_ format: Format, _ base: UnsafeRawPointer, _ offsets: [Int]) throws(StringError)
    -> [[UInt32]]
  {
    guard case .unicode(let count, _) = format.kind else { return [] }
    var result: [[UInt32]] = []
    result.reserveCapacity(offsets.count)
    for (index, offset) in offsets.enumerated() {
      let units = StringKernels.itemUnits(base + offset, width: count, unit: 4)
      if let bad = units.first(where: { Unicode.Scalar($0) == nil }) {
        throw StringError(.invalidCodePoint(index: index, value: bad))
      }
      result.append(units)
    }
    return result
  }
}
