import Foundation

/// NumPy's `.npz` archives: a zip file of `.npy` files, one per named array.
///
/// Reading checks everything the archive claims before trusting it: a
/// member's `.npy` header is read before its data, and its size must match
/// the member's declared size, so a small archive cannot make Strided
/// allocate or inflate more than the arrays it really holds; every member's
/// CRC-32 is verified, as NumPy's `zipfile` does. Writing replaces the
/// archive only once every member is written.
public enum NPZ {
  /// How ``write(_:to:compression:)`` stores each array.
  public enum Compression: Sendable {
    /// Stored as they are, as `np.savez` writes them.
    case none
    /// Deflated, as `np.savez_compressed` writes them.
    case deflate
  }

  /// Every array of a `.npz` archive, by name (the member's path without
  /// `.npy`), each read into new memory, one at a time. Members that are
  /// not `.npy` files are skipped. To read only some arrays, or one at a
  /// time, open an ``NPZArchive``.
  ///
  /// NumPy: `dict(np.load(path))`.
  ///
  /// - Throws: ``NPYError`` naming the archive (and the member, for a
  ///   damaged member), with ``NPYError/Reason/archive(_:)`` when the zip
  ///   file itself is damaged, ``NPYError/Reason/checksumMismatch(expected:actual:)``
  ///   for a damaged member, ``NPYError/Reason/notRegularFile(_:)``
  ///   for a directory or a FIFO, and
  ///   ``NPYError/Reason/inflatedSizeOverLimit(byteCount:limit:)``, before
  ///   anything is read, when the arrays' declared sizes add up to more
  ///   than `inflatedByteLimit` (by default the machine's memory: a small
  ///   deflated archive can claim terabytes).
  /// - Complexity: O(*n*) in the archive's uncompressed size.
  public static func arrays(contentsOf url: URL, inflatedByteLimit: Int = defaultInflatedByteLimit) throws(NPYError)
    -> [String: NDView]
  {
    let archive = try NPZArchive(contentsOf: url, inflatedByteLimit: inflatedByteLimit)
    try archive.checkLimit(archive.keys)
    var result: [String: NDView] = [:]
    for key in archive.keys { result[key] = try archive.view(named: key) }
    return result
  }

  /// The most bytes one load reads out of an archive unless told
  /// otherwise: the machine's physical memory. The check uses the sizes the
  /// archive declares, before anything is inflated; each member is then
  /// inflated only up to its declared size.
  public static var defaultInflatedByteLimit: Int {
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let pageSize = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, pageSize > 0 else { return Int.max }
    return pages.multipliedReportingOverflow(by: pageSize).overflow ? Int.max : pages * pageSize
  }

  /// Writes arrays as a `.npz` archive, each as the `.npy` file
  /// ``NDView/npyData()`` makes, in the order of their sorted names.
  ///
  /// Every key and every format is checked before anything is written; the
  /// archive then goes to a new file beside the path, renamed over it once
  /// complete, so a failure leaves the file that was there as it was. A
  /// path that is a directory is an error.
  ///
  /// NumPy: `np.savez(path, **arrays)`, or `np.savez_compressed` with
  /// ``Compression/deflate``.
  ///
  /// - Throws: ``NPYError`` with ``NPYError/Reason/invalidKey(_:)`` for a
  ///   key longer than a zip member's name allows or holding a NUL
  ///   character, ``NPYError/Reason/unsupportedFormat(_:)`` when a format
  ///   has no NumPy dtype, or when the archive cannot be written.
  /// - Complexity: O(*n*) in the arrays' size.
  // Disfavoured only so that an empty literal, `NPZ.write([:], to: url)`,
  // picks the other spelling, which writes the same empty archive.
  @_disfavoredOverload
  public static func write(_ arrays: [String: NDView], to url: URL, compression: Compression = .none) throws(NPYError) {
    try write(arrays.mapValues { Member($0) }, to: url, compression: compression)
  }

  /// Writes arrays as a `.npz` archive, as `write(_:to:compression:)` of
  /// views does, where each member may also be an array of dates or
  /// durations, which keeps NumPy's dtype:
  ///
  /// ```swift
  /// try NPZ.write(["when": .init(dates), "x": .init(x)], to: url)
  /// ```
  ///
  /// NumPy: `np.savez(path, when=dates, x=x)`.
  ///
  /// - Throws: ``NPYError``, as `write(_:to:compression:)` of views.
  /// - Complexity: O(*n*) in the arrays' size.
  public static func write(_ arrays: [String: Member], to url: URL, compression: Compression = .none) throws(NPYError) {
    var members: [(name: String, header: [UInt8], source: NDView)] = []
    for key in arrays.keys.sorted() {
      let name = key + ".npy"
      guard name.utf8.count <= 0xFFFF else {
        throw NPYError(file: url.path, reason: .invalidKey("a key of \(key.utf8.count) bytes is longer than a zip member's name allows (65,531)"))
      }
      guard !key.utf8.contains(0) else {
        throw NPYError(file: url.path, reason: .invalidKey("\(key.debugDescription) holds a NUL character"))
      }
      let member = arrays[key]!
      let (header, source) = try member.view.npyParts(name: "\(url.path):\(name)", time: member.time)
      members.append((name, header, source))
    }
    let file = try ReplacingFile(replacing: url)
    var writer = ZipWriter(file: file)
    for member in members {
      try member.header.withBytes { header throws(NPYError) in
        try member.source.withUnsafeElementBytes { data throws(NPYError) in
          try writer.add(name: member.name, parts: [header, data], deflate: compression == .deflate)
        }
      }
    }
    try writer.finish()
    try file.commit()
  }
}

extension NPZ {
  /// One array to write into an archive: a view or an array, or an array
  /// of dates or durations, which keeps NumPy's dtype (`<M8[s]` for
  /// `DateTime64<Seconds>`).
  public struct Member: Sendable {
    let view: NDView
    let time: TimeDType?

    /// A view, with the dtype of its format.
    public init(_ view: NDView) {
      (self.view, time) = (view, nil)
    }

    /// An array, with NumPy's dtype for its element type: `<M8[s]` for
    /// `DateTime64<Seconds>`, also when generic code passes it as an
    /// `NDArray` of some `NDElement`.
    public init<Element: NDElement>(_ array: NDArray<Element>) {
      (view, time) = (array.view, TimeDType.of(Element.self))
    }
  }
}

/// An open `.npz` archive whose arrays are read one at a time, when asked:
/// NumPy's `NpzFile`.
///
/// Opening reads only the archive's directory, so opening a huge archive
/// costs nothing until an array is read, and the memory in use is never
/// more than the arrays asked for plus a small buffer.
///
/// ```swift
/// let archive = try NPZArchive(contentsOf: url)
/// archive.keys                                   // ["weights", "bias"]
/// let w = try archive.array(named: "weights", as: Double.self)
/// ```
///
/// The archive keeps the file open until it is released; reads may run
/// from several threads at once.
public final class NPZArchive: Sendable {
  /// The archive's location.
  public let url: URL
  /// The names of the arrays, in the archive's order (the members' paths
  /// without `.npy`; members that are not `.npy` files are left out).
  public let keys: [String]
  /// The most bytes one array read from the archive may take (see
  /// ``NPZ/defaultInflatedByteLimit``).
  public let inflatedByteLimit: Int
  private let reader: ZipReader
  private let entries: [String: ZipReader.Entry]

  /// Opens an archive and reads its directory.
  ///
  /// NumPy: `np.load(path)` of a `.npz` file.
  ///
  /// - Throws: ``NPYError`` when the path is not a regular file or not a
  ///   zip archive, or its directory is damaged.
  public init(contentsOf url: URL, inflatedByteLimit: Int = NPZ.defaultInflatedByteLimit) throws(NPYError) {
    self.url = url
    self.inflatedByteLimit = inflatedByteLimit
    reader = try ZipReader(file: OpenFile(path: url.path))
    var keys: [String] = []
    var entries: [String: ZipReader.Entry] = [:]
    for entry in reader.entries where entry.name.hasSuffix(".npy") {
      let key = String(entry.name.dropLast(4))
      // A repeated name: the last one wins, as in Python's zipfile.
      if entries.updateValue(entry, forKey: key) == nil { keys.append(key) }
    }
    self.keys = keys
    self.entries = entries
  }

  /// Reads one array into new memory.
  ///
  /// NumPy: `npz[key]`.
  ///
  /// - Throws: ``NPYError`` naming the archive and the member: no such key,
  ///   a damaged member (its header, its size, its deflate data or its
  ///   CRC-32), a member larger than ``inflatedByteLimit``, or no memory
  ///   for its data.
  public func view(named key: String) throws(NPYError) -> NDView {
    try view(named: key, time: nil)
  }

  /// The member `key`; one of dates or durations only when `time` names
  /// its element type.
  func view(named key: String, time: (any NDTimeElement.Type)?) throws(NPYError) -> NDView {
    guard let entry = entries[key] else {
      throw NPYError(file: url.path, reason: .archive("no array named \(key.debugDescription); the keys are \(keys)"))
    }
    try checkLimit([key])
    do {
      return try reader.npyView(entry, time: time)
    } catch {
      throw NPYError(file: "\(url.path):\(key).npy", reason: error)
    }
  }

  /// Throws unless the members named by `keys` declare at most
  /// ``inflatedByteLimit`` bytes in all.
  func checkLimit(_ keys: [String]) throws(NPYError) {
    var total = 0
    for key in keys {
      guard let entry = entries[key] else { continue }
      let (sum, overflow) = total.addingReportingOverflow(entry.size)
      total = overflow ? Int.max : sum
    }
    if total > inflatedByteLimit {
      throw NPYError(file: url.path, reason: .inflatedSizeOverLimit(byteCount: total, limit: inflatedByteLimit))
    }
  }

  /// Reads one array of a known element type; big-endian data is converted
  /// to the machine's order. Dates and durations are read in their unit: a
  /// member NumPy wrote as `<M8[s]` is a `DateTime64<Seconds>` array.
  ///
  /// NumPy: `npz[key]`.
  ///
  /// - Throws: ``NPYError``, as ``view(named:)``, and
  ///   ``NPYError/Reason/unsupportedDType(_:)`` when the member's dtype is
  ///   not `Element` (for dates, another unit: read it in its own unit,
  ///   then convert with `converted(to:)`).
  public func array<Element: NDElement>(named key: String, as _: Element.Type = Element.self) throws(NPYError)
    -> NDArray<Element>
  {
    let time = Element.self as? any NDTimeElement.Type
    var view = try view(named: key, time: time)
    if !view.format.isNativeByteOrder { view = view.nativeByteOrderCopy() }
    // The dtype was checked against the element's as the header was read.
    if time != nil { return NDArray(unchecked: view) }
    do {
      return try NDArray(view)
    } catch {
      throw NPYError(file: "\(url.path):\(key).npy", reason: .unsupportedDType("\(error)"))
    }
  }
}
