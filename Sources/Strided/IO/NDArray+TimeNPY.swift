import Foundation

extension NDArray where Element: NDTimeElement {
  /// Reads `.npy` bytes of dates or durations in this element's unit
  /// (`<M8[s]` for `DateTime64<Seconds>`), big-endian data converted to the
  /// machine's order.
  ///
  /// NumPy: `np.load(path)` of a `datetime64` or `timedelta64` array.
  ///
  /// - Throws: ``NPYError``, as ``NDView/init(npyData:name:)``, and
  ///   ``NPYError/Reason/unsupportedDType(_:)`` when the file holds another
  ///   dtype or another unit (convert with `converted(to:)` after reading
  ///   it in its own unit).
  /// - Complexity: O(*n*).
  public init(npyData data: Data, name: String = "<memory>") throws(NPYError) {
    self.init(unchecked: try NDView.timeNPYView(data, name: name, expected: Element.self))
  }

  /// The array as the bytes of a `.npy` file with NumPy's dtype for the
  /// element: `'<M8[s]'` for `DateTime64<Seconds>`, `'<m8[D]'` for
  /// `TimeDelta64<Days>`.
  ///
  /// NumPy: `np.save` of a `datetime64` or `timedelta64` array.
  ///
  /// - Throws: ``NPYError`` when the header cannot be written.
  /// - Complexity: O(*n*).
  public func npyData() throws(NPYError) -> Data {
    NDView.npyData(try view.npyParts(name: "<memory>", time: TimeDType(Element.self)))
  }
}

extension NDView {
  /// The counts of a `.npy` file of dates or durations of `expected`'s
  /// dtype, in the machine's byte order.
  static func timeNPYView(_ data: Data, name: String, expected: any NDTimeElement.Type) throws(NPYError) -> NDView {
    let view = try npyView(data, name: name, time: expected)
    return view.format.isNativeByteOrder ? view : view.nativeByteOrderCopy()
  }

  /// The same, read from a file.
  static func timeNPYView(contentsOf url: URL, expected: any NDTimeElement.Type) throws(NPYError) -> NDView {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw NPYError(file: url.path, reason: .system("cannot read: \(error.localizedDescription)"))
    }
    return try timeNPYView(data, name: url.path, expected: expected)
  }
}

extension TimeDType {
  /// The dtype of an element type of dates or durations: `<M8[s]` for
  /// `DateTime64<Seconds>`.
  init(_ element: any NDTimeElement.Type) {
    self.init(isDuration: element.isDuration, unit: element.unit)
  }

  /// The dtype of `Element` when it is a date or duration type, whatever
  /// the code that names it knows of it (a generic `NDElement` included).
  static func of<Element: NDElement>(_: Element.Type) -> TimeDType? {
    (Element.self as? any NDTimeElement.Type).map { TimeDType($0) }
  }

  /// Throws unless a header's dtype (`time`, or `format` for one that is not
  /// a date or duration) is `expected`'s, in either byte order.
  static func check(_ time: TimeDType?, format: Format, expected element: any NDTimeElement.Type)
    throws(NPYError.Reason)
  {
    let expected = TimeDType(element)
    guard let time, time.isDuration == expected.isDuration, time.unit == expected.unit else {
      let found = time?.descr ?? format.description
      throw .unsupportedDType("\(found) is not \(expected.descr) (\(element))")
    }
  }
}
