#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import CStrided
import Foundation

/// How ``NDView/init(mappingNPY:mode:)`` maps a file: NumPy's `mmap_mode`.
public enum NPYMapMode: Sendable {
  /// `"r"`: a read-only view of the file.
  case readOnly
  /// `"r+"`: writes through the view go to the file.
  case readWrite
  /// `"c"`: writes through the view stay in this process (copy on write).
  case copyOnWrite
}

extension NDView {
  /// Reads a `.npy` file (format 1.0, 2.0 or 3.0) into new memory.
  ///
  /// The view has the file's dtype as a PEP 3118 format, its byte order
  /// included (convert big-endian data with ``nativeByteOrderCopy(order:)``
  /// or ``converted(to:)``), and its memory order: a `fortran_order` file
  /// gives an F-contiguous view, without a transposing copy.
  ///
  /// NumPy: `np.load(path)`.
  ///
  /// - Throws: ``NPYError`` naming the file and the problem: not a regular
  ///   file, not a `.npy` file, a damaged or oversized header, a dtype
  ///   Strided does not read (objects and pickles are refused), fewer data
  ///   bytes than the header promises, or no memory for the data
  ///   (``NPYError/Reason/outOfMemory(byteCount:)``). Nothing is allocated
  ///   before the header is checked against the file's length.
  /// - Complexity: O(*n*): one read into new storage.
  public init(contentsOfNPY url: URL) throws(NPYError) {
    let file = try OpenFile(path: url.path)
    let (header, dataOffset) = try file.npyHeader()
    guard let storage = ByteStorage(tryingUninitializedCount: header.dataCount) else {
      throw NPYError(file: url.path, reason: .outOfMemory(byteCount: header.dataCount))
    }
    try file.read(into: storage.base, count: header.dataCount, at: dataOffset)
    self = header.view(of: storage, byteOffset: 0, readOnly: false)
  }

  /// Maps a `.npy` file into memory instead of reading it: the view's
  /// storage is the mapping, kept alive by the views, and nothing is
  /// copied. The file's length is checked against the header first.
  ///
  /// Writing a `.npy` file with ``writeNPY(to:)`` replaces the file rather
  /// than truncating it, so a mapping keeps reading the bytes it mapped.
  ///
  /// NumPy: `np.load(path, mmap_mode="r" | "r+" | "c")`.
  ///
  /// - Throws: ``NPYError``, as ``init(contentsOfNPY:)``, or when the file
  ///   cannot be opened or mapped in the requested mode.
  /// - Complexity: O(1) beyond reading the header; pages are read when
  ///   they are first touched.
  public init(mappingNPY url: URL, mode: NPYMapMode = .readOnly) throws(NPYError) {
    let file = try OpenFile(path: url.path, writable: mode == .readWrite)
    let (header, dataOffset) = try file.npyHeader()
    let storage = try file.map(length: dataOffset + header.dataCount, mode: mode)
    self = header.view(of: storage, byteOffset: dataOffset, readOnly: mode == .readOnly)
  }

  /// Creates a `.npy` file for an array of `format` and `shape`, its data
  /// all zero bytes, and maps it read-write: writes through the view go to
  /// the file.
  ///
  /// NumPy: `np.lib.format.open_memmap(path, mode="w+", dtype=…,
  /// shape=…, fortran_order=…)`. As there, the file at the path is replaced
  /// in place, not atomically: to replace a file that must stay whole,
  /// create a new path and rename it over the old one when done. The data
  /// is a hole the file system fills on first write where it supports
  /// sparse files.
  ///
  /// - Throws: ``NPYError``: the format has no NumPy dtype, the size
  ///   overflows, or the file cannot be created, sized or mapped.
  /// - Complexity: O(1) beyond writing the header.
  public init(creatingNPY url: URL, format: Format, shape: Dimensions, order: MemoryOrder = .c) throws(NPYError) {
    let path = url.path
    let itemSize = format.itemSize
    var count = itemSize
    for length in shape.array {
      let (product, overflow) = count.multipliedReportingOverflow(by: length)
      guard length >= 0, !overflow else {
        throw NPYError(file: path, reason: .invalidShape("\(shape.array) of \(itemSize)-byte items is too large"))
      }
      count = product
    }
    let header: [UInt8]
    do {
      header = try NPYHeader(format: format, itemSize: itemSize, shape: shape.array, fortranOrder: order == .fortran)
        .encoded()
    } catch {
      throw NPYError(file: path, reason: error)
    }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw OpenFile.systemError(path, "cannot create") }
    let written = header.withUnsafeBytes { writeDescriptor(descriptor, $0.baseAddress!, $0.count) }
    let sized = written == header.count && ftruncate(descriptor, off_t(header.count + count)) == 0
    let failure = sized ? nil : OpenFile.systemError(path, "cannot write")
    _ = closeDescriptor(descriptor)
    if let failure { throw failure }
    try self.init(mappingNPY: url, mode: .readWrite)
  }

  /// Reads `.npy` bytes held in memory (a file's whole contents), copying
  /// the data into new storage.
  ///
  /// - Parameters:
  ///   - data: The bytes of a whole `.npy` file.
  ///   - name: How errors name the bytes.
  /// - Throws: ``NPYError``, as ``init(contentsOfNPY:)``.
  public init(npyData data: Data, name: String = "<memory>") throws(NPYError) {
    self = try Self.npyView(data, name: name, time: nil)
  }

  /// The view of `.npy` bytes, copied into new storage. A header with a
  /// date or duration dtype is read only when `time` names the element
  /// type it must be (the view then holds the counts).
  static func npyView(_ data: Data, name: String, time: (any NDTimeElement.Type)?) throws(NPYError) -> NDView {
    let result: Result<NDView, NPYError> = data.withUnsafeBytes { bytes in
      do throws(NPYError.Reason) {
        let prefix = UnsafeRawBufferPointer(rebasing: bytes.prefix(12 + NPYHeader.maximumLength))
        let (header, dataOffset) = try NPYHeader.parse(prefix, time: time)
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
    return try result.get()
  }

  /// The view as the bytes of a `.npy` file: the header NumPy would write
  /// (padded so the data starts on a 64-byte boundary), then the elements.
  ///
  /// A C-contiguous view is written as it is; an F-contiguous one as it is,
  /// with `fortran_order` true; any other view in C order, through the copy
  /// kernel.
  ///
  /// - Throws: ``NPYError`` with ``NPYError/Reason/unsupportedFormat(_:)``
  ///   when the format has no NumPy dtype (pointers, Pascal strings).
  public func npyData() throws(NPYError) -> Data {
    Self.npyData(try npyParts(name: "<memory>"))
  }

  /// Writes the view to a `.npy` file, as ``npyData()`` lays it out.
  ///
  /// The write either completes or leaves the file that was at the path as
  /// it was: the bytes go to a new file in the same folder, renamed over
  /// the path once complete (see the notes on replacing files in the
  /// guide). A path that is a symbolic link is written through; a path
  /// that is a directory is an error.
  ///
  /// NumPy: `np.save(path, a)`.
  ///
  /// - Throws: ``NPYError`` when the format has no NumPy dtype, the path is
  ///   a directory, or the file cannot be written (the disk is full, the
  ///   folder is not writable).
  /// - Complexity: O(*n*).
  public func writeNPY(to url: URL) throws(NPYError) {
    try Self.writeNPY(try npyParts(name: url.path), to: url)
  }

  /// The bytes of a `.npy` file: the header, then the elements.
  static func npyData(_ parts: (header: [UInt8], source: NDView)) -> Data {
    var data = Data(parts.header)
    parts.source.withUnsafeElementBytes { data.append(contentsOf: $0) }
    return data
  }

  /// Writes the header and the elements to `url`, replacing the file whole.
  static func writeNPY(_ parts: (header: [UInt8], source: NDView), to url: URL) throws(NPYError) {
    let file = try ReplacingFile(replacing: url)
    file.reserve(parts.header.count + parts.source.nbytes)
    try file.write(parts.header)
    try parts.source.withUnsafeElementBytes { bytes throws(NPYError) in try file.write(bytes) }
    try file.commit()
  }

  /// The header, and a contiguous view of the elements in the order the
  /// header states; `time` gives the header a date or duration dtype for
  /// the `Int64` counts.
  func npyParts(name: String, time: TimeDType? = nil) throws(NPYError) -> (header: [UInt8], source: NDView) {
    let fortran = isFContiguous && !isCContiguous
    let source = isCContiguous || fortran ? self : copy(order: .c)
    var header = NPYHeader(format: format, itemSize: itemSize, shape: shape.array, fortranOrder: fortran)
    header.time = time
    do {
      return (try header.encoded(), source)
    } catch {
      throw NPYError(file: name, reason: error)
    }
  }

  /// Calls `body` with the bytes of a contiguous view's elements.
  func withUnsafeElementBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    let result = try body(UnsafeRawBufferPointer(start: storage.base + byteOffset, count: nbytes))
    withExtendedLifetime(self) {}
    return result
  }
}

extension NDArray {
  /// Reads a `.npy` file of this element type; big-endian data is
  /// converted to the machine's order. Dates and durations are read in
  /// their unit: a file NumPy wrote as `<M8[s]` is a
  /// `DateTime64<Seconds>` array.
  ///
  /// NumPy: `np.load(path)`.
  ///
  /// - Throws: ``NPYError``, as ``NDView/init(contentsOfNPY:)``, and
  ///   ``NPYError/Reason/unsupportedDType(_:)`` when the file's dtype is
  ///   not `Element` (for dates, another unit: read it in its own unit,
  ///   then convert with `converted(to:)`).
  public init(contentsOfNPY url: URL) throws(NPYError) {
    if let time = Element.self as? any NDTimeElement.Type {
      self.init(unchecked: try NDView.timeNPYView(contentsOf: url, expected: time))
      return
    }
    var view = try NDView(contentsOfNPY: url)
    if !view.format.isNativeByteOrder { view = view.nativeByteOrderCopy() }
    do {
      self = try NDArray(view)
    } catch {
      throw NPYError(file: url.path, reason: .unsupportedDType("\(error)"))
    }
  }

  /// Writes the array to a `.npy` file, replacing the file whole, as
  /// ``NDView/writeNPY(to:)`` does. Dates and durations get NumPy's dtype
  /// for their unit: `'<M8[s]'` for `DateTime64<Seconds>`, `'<m8[D]'` for
  /// `TimeDelta64<Days>`.
  ///
  /// NumPy: `np.save(path, a)`.
  ///
  /// - Throws: ``NPYError`` when the format has no NumPy dtype, the path is
  ///   a directory or the file cannot be written.
  /// - Complexity: O(*n*).
  public func writeNPY(to url: URL) throws(NPYError) {
    try NDView.writeNPY(try view.npyParts(name: url.path, time: TimeDType.of(Element.self)), to: url)
  }
}

extension NPYHeader {
  /// A view of the data in `storage` at `byteOffset`.
  func view(of storage: ByteStorage, byteOffset: Int, readOnly: Bool) -> NDView {
    let layout = try! Layout.contiguous(shape: Dimensions(shape), itemSize: itemSize, order: fortranOrder ? .fortran : .c)
    return NDView(
      unchecked: storage, format: format, itemSize: itemSize, byteOffset: byteOffset, layout: layout,
      isReadOnly: readOnly || storage.isReadOnly)
  }
}

extension OpenFile {
  /// The header of a `.npy` file and the offset of its data, after checking
  /// that the file holds all the data the header promises.
  func npyHeader() throws(NPYError) -> (NPYHeader, Int) {
    let fileSize = try size()
    let preamble = Swift.min(fileSize, 12 + NPYHeader.maximumLength)
    let bytes: [UInt8]
    do { bytes = try self.bytes(count: preamble, at: 0) } catch {
      // The file shrank since it was measured: its header is cut short.
      if case .truncatedData = error.reason { throw NPYError(file: path, reason: .truncatedHeader) }
      throw error
    }
    do throws(NPYError.Reason) {
      let parsed = bytes.withUnsafeBytes { bytes in Result { () throws(NPYError.Reason) in try NPYHeader.parse(bytes) } }
      let (header, dataOffset) = try parsed.get()
      let available = fileSize - dataOffset
      guard available >= header.dataCount else {
        throw NPYError.Reason.truncatedData(expected: header.dataCount, available: available)
      }
      return (header, dataOffset)
    } catch {
      throw NPYError(file: path, reason: error)
    }
  }

  /// The first `length` bytes of the file (header and data), mapped, as
  /// storage that unmaps them when released. The length is checked against
  /// the file again here, so a file cut short since its header was read is
  /// an error, not a view past the mapping.
  func map(length: Int, mode: NPYMapMode) throws(NPYError) -> ByteStorage {
    let available = try size()
    guard available >= length else {
      throw NPYError(file: path, reason: .truncatedData(expected: length, available: available))
    }
    let protection = mode == .readOnly ? PROT_READ : PROT_READ | PROT_WRITE
    let flags = mode == .copyOnWrite ? MAP_PRIVATE : MAP_SHARED
    guard let address = mmap(nil, length, protection, flags, descriptor, 0), address != MAP_FAILED else {
      throw Self.systemError(path, "cannot map")
    }
    return ByteStorage(
      unsafeAdopting: UnsafeMutableRawBufferPointer(start: address, count: length), owner: nil,
      readOnly: mode == .readOnly,
      deallocator: { buffer in _ = munmap(buffer.baseAddress, buffer.count) })
  }
}
