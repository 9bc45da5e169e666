/// A comparison of fixed-width strings, element by element.
public enum StringComparison: Sendable, Hashable {
  /// NumPy: `a == b`.
  case equal
  /// NumPy: `a != b`.
  case notEqual
  /// NumPy: `a < b`.
  case less
  /// NumPy: `a <= b`.
  case lessOrEqual
  /// NumPy: `a > b`.
  case greater
  /// NumPy: `a >= b`.
  case greaterOrEqual

  func holds(_ order: Int) -> Bool {
    switch self {
    case .equal: order == 0
    case .notEqual: order != 0
    case .less: order < 0
    case .lessOrEqual: order <= 0
    case .greater: order > 0
    case .greaterOrEqual: order >= 0
    }
  }
}

/// Views of fixed-width strings: NumPy's byte strings (`S`*n*, PEP 3118
/// *n*`s`) and unicode strings (`<U`*n*, PEP 3118 *n*`w`, UCS-4 code
/// points). A string shorter than its format ends in NULs, and trailing
/// NULs are dropped on reading, as NumPy does. Record fields of these
/// formats are string views too (``field(_:)``).
extension NDView {
  /// The length in units and the unit size (1 or 4) of a string format.
  var stringLayout: (width: Int, unit: Int)? {
    switch format.kind {
    case .bytes(let count): (count, 1)
    case .unicode(let count, _): (count, 4)
    default: nil
    }
  }

  func requireStrings() throws(StringError) -> (width: Int, unit: Int) {
    guard let layout = stringLayout else { throw StringError(.notStrings(format: format.description)) }
    return layout
  }

  /// Whether the format is a byte string (`Ns`) or a UCS-4 string (`Nw`).
  public var holdsStrings: Bool { stringLayout != nil }

  /// A C-ordered view over new storage holding items of `width` units.
  static func makeStrings(_ units: [[UInt32]], width: Int, unit: Int, shape: Dimensions?) throws(StringError) -> NDView {
    let shape = shape ?? [units.count]
    let product = shape.reduce(1) { (a: Int, b: Int) -> Int in b < 0 ? -1 : a &* b }
    guard product == units.count else { throw StringError(.countMismatch(count: units.count, shape: shape)) }
    let format = unit == 1 ? Format.byteString(length: width) : Format.unicodeString(length: width)
    let bytes = StringKernels.items(units, width: width, unit: unit)
    do {
      return try NDView(storage: ByteStorage(copyingBytesOf: bytes), format: format, shape: shape)
    } catch {
      throw StringError(.outOfMemory(byteCount: bytes.count))
    }
  }

  static func fitted(_ units: [[UInt32]], length: Int?, unit: Int) throws(StringError) -> Int {
    let longest = units.reduce(0) { (m: Int, s: [UInt32]) -> Int in Swift.max(m, s.count) }
    guard let length else { return Swift.max(longest, 1) }
    precondition(length >= 1, "NDView strings: a length of \(length) is less than 1")
    if let index = units.firstIndex(where: { $0.count > length }) {
      throw StringError(.tooLong(index: index, length: units[index].count, limit: length))
    }
    return length
  }

  /// A view of unicode strings (`Nw`, NumPy's `<U`*n*), in C order.
  ///
  /// NumPy: `np.array(strings, dtype=f"<U{length}").reshape(shape)`.
  ///
  /// - Parameters:
  ///   - strings: The strings, in C order.
  ///   - shape: The shape; `nil` for one axis.
  ///   - length: The length in code points; `nil` for the longest string's
  ///     (at least 1), as NumPy infers it.
  /// - Throws: ``StringError/Reason/tooLong(index:length:limit:)`` naming the
  ///   first string longer than `length` (NumPy cuts it silently; nothing is
  ///   made here), ``StringError/Reason/countMismatch(count:shape:)``.
  /// - Precondition: `length`, when given, is at least 1.
  /// - Complexity: O(*n* · *w*).
  public init(strings: [String], shape: Dimensions? = nil, length: Int? = nil) throws(StringError) {
    let units: [[UInt32]] = strings.map { (s: String) -> [UInt32] in s.unicodeScalars.map { $0.value } }
    let width = try Self.fitted(units, length: length, unit: 4)
    self = try Self.makeStrings(units, width: width, unit: 4, shape: shape)
  }

  /// A view of byte strings (`Ns`, NumPy's `S`*n*), in C order.
  ///
  /// NumPy: `np.array(byteStrings, dtype=f"S{length}").reshape(shape)`.
  ///
  /// - Parameters:
  ///   - byteStrings: The strings' bytes, in C order. Trailing NULs cannot be
  ///     told from padding, as in NumPy.
  ///   - shape: The shape; `nil` for one axis.
  ///   - length: The length in bytes; `nil` for the longest (at least 1).
  /// - Throws: ``StringError/Reason/tooLong(index:length:limit:)`` naming the
  ///   first string longer than `length`; nothing is made.
  /// - Precondition: `length`, when given, is at least 1.
  /// - Complexity: O(*n* · *w*).
  public init(byteStrings: [[UInt8]], shape: Dimensions? = nil, length: Int? = nil) throws(StringError) {
    let units: [[UInt32]] = byteStrings.map { (s: [UInt8]) -> [UInt32] in s.map { UInt32($0) } }
    let width = try Self.fitted(units, length: length, unit: 1)
    self = try Self.makeStrings(units, width: width, unit: 1, shape: shape)
  }

  /// A view of byte strings (`Ns`) from ASCII text.
  ///
  /// NumPy: `np.array(strings, dtype=f"S{length}")`.
  ///
  /// - Throws: ``StringError/Reason/notASCII(index:)`` for a string with a
  ///   character outside ASCII (NumPy's `UnicodeEncodeError`), and the
  ///   errors of ``init(byteStrings:shape:length:)``.
  /// - Complexity: O(*n* · *w*).
  public init(asciiStrings: [String], shape: Dimensions? = nil, length: Int? = nil) throws(StringError) {
    var bytes: [[UInt8]] = []
    bytes.reserveCapacity(asciiStrings.count)
    for (index, string) in asciiStrings.enumerated() {
      let utf8 = Array(string.utf8)
      if utf8.contains(where: { $0 >= 0x80 }) { throw StringError(.notASCII(index: index)) }
      bytes.append(utf8)
    }
    try self.init(byteStrings: bytes, shape: shape, length: length)
  }

  /// Each element's units with the trailing NULs removed, in C order.
  func stringUnits() throws(StringError) -> [[UInt32]] {
    let (width, unit) = try requireStrings()
    return StringKernels.units(StringKernels.nativeBytes(of: self), itemSize: itemSize, width: width, unit: unit)
  }

  /// The elements as Swift strings, in C order, trailing NULs removed.
  /// A byte string's bytes read as Latin-1 (each byte one code point), so
  /// every byte string has a string.
  ///
  /// NumPy: `a.ravel().tolist()` (for `S`, `[b.decode("latin-1") for b in …]`).
  ///
  /// - Throws: ``StringError/Reason/notStrings(format:)`` when the format is
  ///   no string; ``StringError/Reason/invalidCodePoint(index:value:)`` for a
  ///   UCS-4 unit that is no Unicode scalar (NumPy raises on reading it too).
  /// - Complexity: O(*n* · *w*).
  public func strings() throws(StringError) -> [String] {
    let all = try stringUnits()
    var result: [String] = []
    result.reserveCapacity(all.count)
    for (index, units) in all.enumerated() {
      var text = String.UnicodeScalarView()
      for value in units {
        guard let scalar = Unicode.Scalar(value) else {
          throw StringError(.invalidCodePoint(index: index, value: value))
        }
        text.append(scalar)
      }
      result.append(String(text))
    }
    return result
  }

  /// The elements of a byte-string view (`Ns`), in C order, trailing NULs
  /// removed.
  ///
  /// NumPy: `a.ravel().tolist()`.
  ///
  /// - Throws: ``StringError/Reason/notStrings(format:)`` unless the format
  ///   is `Ns`.
  /// - Complexity: O(*n* · *w*).
  public func byteStrings() throws(StringError) -> [[UInt8]] {
    guard case .bytes = format.kind else { throw StringError(.notStrings(format: format.description)) }
    return try stringUnits().map { (units: [UInt32]) -> [UInt8] in units.map { UInt8(truncatingIfNeeded: $0) } }
  }

  /// Compares the strings of two views element by element, broadcasting,
  /// by code point (or byte), the shorter padded with NULs: NumPy's order.
  /// Lengths may differ (`<U2` against `<U5`).
  ///
  /// NumPy: `a == b`, `a != b`, `a < b`, `a <= b`, `a > b`, `a >= b`.
  ///
  /// - Throws: ``StringError/Reason/notStrings(format:)``,
  ///   ``StringError/Reason/mixedKinds(_:_:)`` for bytes against UCS-4 (NumPy
  ///   answers `False` for `==` there), and
  ///   ``StringError/Reason/notBroadcastable(_:_:)``.
  /// - Complexity: O(*n* · *w*) for *n* elements of the broadcast shape.
  public func compareStrings(_ operation: StringComparison, _ other: NDView) throws(StringError) -> NDArray<Bool> {
    let (widthA, unitA) = try requireStrings()
    let (widthB, unitB) = try other.requireStrings()
    guard unitA == unitB else { throw StringError(.mixedKinds(format.description, other.format.description)) }
    let shape: Dimensions
    let a: NDView
    let b: NDView
    do {
      shape = try NDView.broadcastShape(self.shape, other.shape)
      a = try broadcast(to: shape)
      b = try other.broadcast(to: shape)
    } catch {
      throw StringError(.notBroadcastable(self.shape, other.shape))
    }
    let bytesA = StringKernels.nativeBytes(of: a)
    let bytesB = StringKernels.nativeBytes(of: b)
    let pairs: [(Int, Int)] = (0..<a.count).map { (k: Int) -> (Int, Int) in (k, k) }
    let values = StringKernels.compare(
      bytesA, itemSizeA: a.itemSize, widthA: widthA, bytesB, itemSizeB: b.itemSize, widthB: widthB, unit: unitA,
      pairs: pairs, keep: { (order: Int) -> Bool in operation.holds(order) })
    return NDArray<Bool>(values, shape: shape)
  }

  /// Compares every string of the view with one string.
  ///
  /// NumPy: `a == "text"` (and the other comparisons).
  ///
  /// - Throws: ``StringError/Reason/notStrings(format:)``; for a byte-string
  ///   view, ``StringError/Reason/notASCII(index:)`` when `value` is not ASCII.
  /// - Complexity: O(*n* · *w*).
  public func compareStrings(_ operation: StringComparison, _ value: String) throws(StringError) -> NDArray<Bool> {
    let (_, unit) = try requireStrings()
    let single: NDView
    if unit == 1 {
      single = try NDView(asciiStrings: [value], shape: [])
    } else {
      single = try NDView(strings: [value], shape: [])
    }
    return try compareStrings(operation, single)
  }

  /// A sorted copy along one axis, stable, in C order: strings ordered by
  /// code point (or byte), as NumPy orders them.
  ///
  /// NumPy: `np.sort(a, axis=axis)`.
  ///
  /// The result's strings are in the machine's byte order; NumPy keeps a
  /// `>U` array's order.
  ///
  /// - Throws: ``StringError/Reason/notStrings(format:)``,
  ///   ``StringError/Reason/invalidAxis(_:rank:)`` (also for a 0-d view, as
  ///   NumPy's `axis=-1` does).
  /// - Complexity: O(*n* log *m* · *w*) for lines of *m* strings.
  public func sortedStrings(axis: Int = -1) throws(StringError) -> NDView {
    let (width, unit) = try requireStrings()
    guard axis >= -ndim, axis < ndim else { throw StringError(.invalidAxis(axis, rank: ndim)) }
    let resolved = axis < 0 ? axis + ndim : axis
    let moved = movingAxis(from: resolved, to: ndim - 1)
    var bytes = StringKernels.nativeBytes(of: moved)
    StringKernels.sortLines(&bytes, itemSize: itemSize, width: width, unit: unit, lineLength: moved.shape[ndim - 1])
    let nativeFormat = self.format.withNativeByteOrder
    let sorted: NDView
    do {
      sorted = try NDView(
        storage: ByteStorage(copyingBytesOf: bytes), format: nativeFormat, shape: moved.shape, itemSize: itemSize)
    } catch {
      throw StringError(.outOfMemory(byteCount: bytes.count))
    }
    return sorted.movingAxis(from: ndim - 1, to: resolved).copy()
  }

  /// The distinct strings, sorted, in one axis (the view flattened).
  ///
  /// NumPy: `np.unique(a)` (the length of the format is kept).
  ///
  /// - Throws: ``StringError/Reason/notStrings(format:)``.
  /// - Complexity: O(*n* log *n* · *w*).
  public func uniqueStrings() throws(StringError) -> NDView {
    let (width, unit) = try requireStrings()
    var bytes = StringKernels.nativeBytes(of: self)
    StringKernels.sortLines(&bytes, itemSize: itemSize, width: width, unit: unit, lineLength: count)
    let distinct = StringKernels.distinctSorted(bytes, itemSize: itemSize, width: width, unit: unit)
    do {
      return try NDView(
        storage: ByteStorage(copyingBytesOf: distinct), format: format.withNativeByteOrder,
        shape: [distinct.count / itemSize], itemSize: itemSize)
    } catch {
      throw StringError(.outOfMemory(byteCount: distinct.count))
    }
  }
}

// MARK: - Printing

extension NDView {
  /// The view printed as NumPy's `str(a)` prints strings: `['ab' 'c']`
  /// for unicode, `[b'ab' b'c']` for bytes, each element as Python's
  /// `repr` writes it, rows wrapped and summarised by the print options in
  /// force (``PrintOptions/current``) and nested axes on their own lines.
  /// A 0-d unicode view prints its string. ``valuesDescription(options:)``
  /// prints views of any format.
  ///
  /// NumPy: `str(a)`, `print(a)`.
  ///
  /// - Throws: ``StringError/Reason/notStrings(format:)`` and
  ///   ``StringError/Reason/invalidCodePoint(index:value:)``.
  /// - Complexity: O(*n* · *w*).
  public func stringDescription() throws(StringError) -> String {
    _ = try requireStrings()
    return try valuesDescription()
  }
}

/// Python's `repr` of fixed-width strings.
enum StringPrinting {
  /// Python's `repr` of a `str` (or, with `bytes`, of a `bytes`).
  static func repr(_ units: [UInt32], bytes: Bool) -> String {
    let hasSingle = units.contains(0x27)
    let hasDouble = units.contains(0x22)
    let quote: UInt32 = hasSingle && !hasDouble ? 0x22 : 0x27
    var text = bytes ? "b" : ""
    text.unicodeScalars.append(Unicode.Scalar(UInt8(quote)))
    for value in units {
      switch value {
      case 0x5C: text += "\\\\"
      case 0x0A: text += "\\n"
      case 0x0D: text += "\\r"
      case 0x09: text += "\\t"
      case quote: text += value == 0x27 ? "\\'" : "\\\""
      case _ where value < 0x20 || value == 0x7F || (value >= 0x80 && (bytes || value < 0xA0)):
        text += "\\x" + (value < 16 ? "0" : "") + String(value, radix: 16)
      default:
        if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
      }
    }
    text.unicodeScalars.append(Unicode.Scalar(UInt8(quote)))
    return text
  }
}

// MARK: - Records from columns

extension NDView {
  /// A record view whose fields are the given columns, packed one after
  /// another in the order given, each column's values copied in.
  ///
  /// NumPy: `np.rec.fromarrays(columns, names=names)` (a structured array;
  /// the fields are packed, as NumPy's `align=False`).
  ///
  /// ```swift
  /// let names = try NDView(strings: ["ab", "c"])
  /// let counts = NDArray<Int>([1, 2]).view
  /// let table = try NDView(recordsFrom: [("s", names), ("n", counts)])
  /// try table.field("s").strings()  // ["ab", "c"]
  /// ```
  ///
  /// - Throws: ``ViewError/notBroadcastable(_:_:)`` when the columns'
  ///   shapes differ, ``ViewError/noSuchField(_:format:)`` for an empty or
  ///   repeated name or one holding `:`, and
  ///   ``ViewError/outOfMemory(byteCount:)``.
  /// - Complexity: O(*n* · *f*) for *n* records of *f* fields.
  public init(recordsFrom columns: [(name: String, column: NDView)]) throws(ViewError) {
    guard let first = columns.first else { throw .noSuchField("", format: "a record of no fields") }
    var fields: [Format.Field] = []
    var offset = 0
    var seen = Set<String>()
    for (name, column) in columns {
      guard !name.isEmpty, !name.contains(":"), seen.insert(name).inserted else {
        throw .noSuchField(name, format: "a record (an empty, repeated or ':' name)")
      }
      guard column.shape == first.column.shape else {
        throw .notBroadcastable(Array(first.column.shape), Array(column.shape))
      }
      fields.append(Format.Field(name: name, offset: offset, format: column.format, isAligned: false))
      offset += column.format.itemSize
    }
    let record = Format(kind: .record(fields), itemSize: offset, alignment: 1)
    let result = try NDView(format: record, shape: first.column.shape)
    for (name, column) in columns {
      let source = column.itemSize == column.format.itemSize ? column : column.copy().with(format: column.format)
      try source.copy(into: result.field(name))
    }
    self = result
  }
}
