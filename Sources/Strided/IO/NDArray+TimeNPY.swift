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
    let result: Result<NDView, NPYError> = data.withUnsafeBytes { bytes in
      do throws(NPYError.Reason) {
        let prefix = UnsafeRawBufferPointer(rebasing: bytes.prefix(12 + NPYHeader.maximumLength))
        let (header, dataOffset) = try NPYHeader.parse(prefix, allowingTime: true)
        try TimeDType.check(header.time, format: header.format, for: Element.self)
        let available = bytes.count - dataOffset
        guard available >= header.dataCount else {
          throw .truncatedData(expected: header.dataCount, available: available)
        }
        guard let storage = ByteStorage(tryingUninitializedCount: header.dataCount) else {
          throw .outOfMemory(byteCount: header.dataCount)
        }
        if header.dataCount > 0 {
          storage.base.copyMemory(from: bytes.baseAddress! + dataOffset, byteCount: header.dataCount)
        }
        return .success(header.view(of: storage, byteOffset: 0, readOnly: false))
      } catch {
        return .failure(NPYError(file: name, reason: error))
      }
    }
    var view = try result.get()
    if !view.format.isNativeByteOrder { view = view.nativeByteOrderCopy() }
    self.init(unchecked: view)
  }

  /// Reads a `.npy` file of dates or durations in this element's unit. See
  /// ``init(npyData:name:)``.
  ///
  /// NumPy: `np.load(path)`.
  ///
  /// - Throws: ``NPYError``: the file cannot be read, or as
  ///   ``init(npyData:name:)``.
  public init(contentsOfNPY url: URL) throws(NPYError) {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw NPYError(file: url.path, reason: .system("cannot read: \(error.localizedDescription)"))
    }
    try self.init(npyData: data, name: url.path)
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
    NDView.npyData(try timeNPYParts(name: "<memory>"))
  }

  /// Writes the array to a `.npy` file with NumPy's dtype for the element,
  /// replacing the file whole, as ``NDView/writeNPY(to:)`` does.
  ///
  /// NumPy: `np.save(path, a)`.
  ///
  /// - Throws: ``NPYError`` when the path is a directory or the file
  ///   cannot be written.
  /// - Complexity: O(*n*).
  public func writeNPY(to url: URL) throws(NPYError) {
    try NDView.writeNPY(try timeNPYParts(name: url.path), to: url)
  }

  /// The dtype of this element: `<M8[s]` for `DateTime64<Seconds>`.
  static var timeDType: TimeDType { TimeDType(isDuration: Element.isDuration, unit: Element.unit) }

  /// The header with the element's dtype, and a contiguous view of the
  /// counts in the order the header states.
  func timeNPYParts(name: String) throws(NPYError) -> (header: [UInt8], source: NDView) {
    try view.npyParts(name: name, time: Self.timeDType)
  }

}

extension TimeDType {
  /// Throws unless a header's dtype (`time`, or `format` for one that is not
  /// a date or duration) is `Element`'s, in either byte order.
  static func check<Element: NDTimeElement>(_ time: TimeDType?, format: Format, for _: Element.Type)
    throws(NPYError.Reason)
  {
    let expected = NDArray<Element>.timeDType
    guard let time, time.isDuration == expected.isDuration, time.unit == expected.unit else {
      let found = time?.descr ?? format.description
      throw .unsupportedDType("\(found) is not \(expected.descr) (\(Element.self))")
    }
  }
}
