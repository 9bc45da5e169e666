#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import CStrided
import Foundation
import Synchronization

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
  /// - Throws: ``NPYError`` naming the file and the problem: not a `.npy`
  ///   file, a damaged or oversized header, a dtype Strided does not read
  ///   (objects and pickles are refused), or fewer data bytes than the
  ///   header promises. Nothing is allocated before the header is checked
  ///   against the file's length.
  /// - Complexity: O(*n*): one read into new storage.
  public init(contentsOfNPY url: URL) throws(NPYError) {
    let file = try NPYFile(url: url, writable: false)
    defer { file.close() }
    let (header, dataOffset) = try file.header()
    let storage = ByteStorage(uninitializedCount: header.dataCount)
    try file.read(into: storage.base, count: header.dataCount, at: dataOffset)
    self = header.view(of: storage, byteOffset: 0, readOnly: false)
  }

  /// Maps a `.npy` file into memory instead of reading it: the view's
  /// storage is the mapping, kept alive by the views, and nothing is
  /// copied. The file's length is checked against the header first.
  ///
  /// NumPy: `np.load(path, mmap_mode="r" | "r+" | "c")`.
  ///
  /// - Throws: ``NPYError``, as ``init(contentsOfNPY:)``, or when the file
  ///   cannot be opened or mapped in the requested mode.
  /// - Complexity: O(1) beyond reading the header; pages are read when
  ///   they are first touched.
  public init(mappingNPY url: URL, mode: NPYMapMode = .readOnly) throws(NPYError) {
    let file = try NPYFile(url: url, writable: mode == .readWrite)
    defer { file.close() }
    let (header, dataOffset) = try file.header()
    let storage = try file.map(length: dataOffset + header.dataCount, mode: mode)
    self = header.view(of: storage, byteOffset: dataOffset, readOnly: mode == .readOnly)
  }

  /// Reads `.npy` bytes held in memory (a file's whole contents), copying
  /// the data into new storage.
  ///
  /// - Parameters:
  ///   - data: The bytes of a whole `.npy` file.
  ///   - name: How errors name the bytes.
  /// - Throws: ``NPYError``, as ``init(contentsOfNPY:)``.
  public init(npyData data: Data, name: String = "<memory>") throws(NPYError) {
    let result: Result<NDView, NPYError> = data.withUnsafeBytes { bytes in
      do throws(NPYError.Reason) {
        let (header, dataOffset) = try NPYHeader.parse(UnsafeRawBufferPointer(rebasing: bytes.prefix(12 + NPYHeader.maximumLength)))
        let available = bytes.count - dataOffset
        guard available >= header.dataCount else {
          return .failure(NPYError(file: name, reason: .truncatedData(expected: header.dataCount, available: available)))
        }
        let storage = ByteStorage(uninitializedCount: header.dataCount)
        if header.dataCount > 0 {
          storage.base.copyMemory(from: bytes.baseAddress! + dataOffset, byteCount: header.dataCount)
        }
        return .success(header.view(of: storage, byteOffset: 0, readOnly: false))
      } catch {
        return .failure(NPYError(file: name, reason: error))
      }
    }
    self = try result.get()
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
    let (header, source) = try npyParts(name: "<memory>")
    var data = Data(header)
    source.withUnsafeElementBytes { data.append(contentsOf: $0) }
    return data
  }

  /// Writes the view to a `.npy` file, as ``npyData()`` lays it out,
  /// replacing any file at the path.
  ///
  /// NumPy: `np.save(path, a)`.
  ///
  /// - Throws: ``NPYError`` when the format has no NumPy dtype or the file
  ///   cannot be written.
  /// - Complexity: O(*n*).
  public func writeNPY(to url: URL) throws(NPYError) {
    let (header, source) = try npyParts(name: url.path)
    guard MappedFiles.isMapped(path: url.path) else {
      // Nothing in this process maps the file: rewrite it in place, as
      // NumPy does.
      let file = try NPYFile(creating: url, replacing: true)
      defer { file.close() }
      file.reserve(header.count + source.nbytes)
      try file.write(header)
      try source.withUnsafeElementBytes { bytes throws(NPYError) in try file.write(bytes) }
      return
    }
    // The file is mapped here (perhaps by this very view): write a new file
    // and rename it over the target, so the mappings keep the old bytes.
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(UInt64.random(in: 0 ... .max)).tmp")
    let file = try NPYFile(creating: temporary, replacing: false)
    do {
      file.reserve(header.count + source.nbytes)
      try file.write(header)
      try source.withUnsafeElementBytes { bytes throws(NPYError) in try file.write(bytes) }
      file.close()
    } catch {
      file.close()
      unlink(temporary.path)
      throw NPYError(file: url.path, reason: error.reason)
    }
    guard rename(temporary.path, url.path) == 0 else {
      let failure = NPYFile.systemError(url.path, "cannot replace")
      unlink(temporary.path)
      throw failure
    }
  }

  /// The header, and a contiguous view of the elements in the order the
  /// header states.
  func npyParts(name: String) throws(NPYError) -> ([UInt8], NDView) {
    let fortran = isFContiguous && !isCContiguous
    let source = isCContiguous || fortran ? self : copy(order: .c)
    let header = NPYHeader(format: format, itemSize: itemSize, shape: shape.array, fortranOrder: fortran)
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
  /// converted to the machine's order.
  ///
  /// - Throws: ``NPYError``, as ``NDView/init(contentsOfNPY:)``, and
  ///   ``NPYError/Reason/unsupportedDType(_:)`` when the file's dtype is
  ///   not `Element`.
  public init(contentsOfNPY url: URL) throws(NPYError) {
    var view = try NDView(contentsOfNPY: url)
    if !view.format.isNativeByteOrder { view = view.nativeByteOrderCopy() }
    do {
      self = try NDArray(view)
    } catch {
      throw NPYError(file: url.path, reason: .unsupportedDType("\(error)"))
    }
  }

  /// Writes the array to a `.npy` file. See ``NDView/writeNPY(to:)``.
  public func writeNPY(to url: URL) throws(NPYError) { try view.writeNPY(to: url) }
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

/// An open file descriptor, with errors that name the file.
struct NPYFile {
  let descriptor: Int32
  let path: String

  init(url: URL, writable: Bool) throws(NPYError) {
    path = url.path
    descriptor = open(path, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC)
    guard descriptor >= 0 else { throw Self.systemError(path, "cannot open") }
  }

  /// Opens a file for writing: an existing one truncated (`replacing`), or
  /// a new one only.
  init(creating url: URL, replacing: Bool) throws(NPYError) {
    path = url.path
    descriptor = open(path, O_WRONLY | O_CREAT | (replacing ? O_TRUNC : O_EXCL) | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw Self.systemError(path, "cannot create") }
  }

  static func systemError(_ path: String, _ what: String) -> NPYError {
    NPYError(file: path, reason: .system("\(what): \(String(cString: strerror(errno)))"))
  }

  func close() { _ = closeDescriptor(descriptor) }

  func size() throws(NPYError) -> Int {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw Self.systemError(path, "cannot stat") }
    return Int(info.st_size)
  }

  /// The header and the offset of the data, after checking that the file
  /// holds all the data the header promises.
  func header() throws(NPYError) -> (NPYHeader, Int) {
    let fileSize = try size()
    let preamble = Swift.min(fileSize, 12 + NPYHeader.maximumLength)
    var bytes = [UInt8](repeating: 0, count: preamble)
    let read = bytes.withUnsafeMutableBytes { buffer in
      Result { () throws(NPYError) in
        if preamble > 0 { try self.read(into: buffer.baseAddress!, count: preamble, at: 0) }
      }
    }
    do { try read.get() } catch {
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

  func read(into base: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(NPYError) {
    var done = 0
    while done < count {
      let n = pread(descriptor, base + done, count - done, off_t(offset + done))
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        throw n == 0 ? NPYError(file: path, reason: .truncatedData(expected: count, available: done)) : Self.systemError(path, "cannot read")
      }
      done += n
    }
  }

  /// Asks the file system for the file's blocks up front, as NumPy does;
  /// writing is then faster. A refusal is harmless.
  func reserve(_ count: Int) {
    _ = strided_reserve_file(descriptor, Int64(count))
  }

  func write(_ bytes: [UInt8]) throws(NPYError) {
    try bytes.withUnsafeBytes { bytes in Result { () throws(NPYError) in try write(bytes) } }.get()
  }

  func write(_ bytes: UnsafeRawBufferPointer) throws(NPYError) {
    var done = 0
    while done < bytes.count {
      let n = writeDescriptor(descriptor, bytes.baseAddress! + done, bytes.count - done)
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw Self.systemError(path, "cannot write") }
      done += n
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
    var info = stat()
    let identity = fstat(descriptor, &info) == 0 ? MappedFiles.Identity(info) : nil
    if let identity { MappedFiles.add(identity) }
    return ByteStorage(
      unsafeAdopting: UnsafeMutableRawBufferPointer(start: address, count: length), owner: nil,
      readOnly: mode == .readOnly,
      deallocator: { buffer in
        _ = munmap(buffer.baseAddress, buffer.count)
        if let identity { MappedFiles.remove(identity) }
      })
  }
}

/// The C library's `close` and `write`, which `NPYFile`'s methods of the
/// same names would otherwise hide.
private func closeDescriptor(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}

/// The files this process has mapped, so that writing one of them replaces
/// it instead of truncating the bytes under the mappings.
enum MappedFiles {
  struct Identity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    init(_ info: stat) {
      device = UInt64(info.st_dev)
      inode = UInt64(info.st_ino)
    }
  }

  static let live = Mutex<[Identity: Int]>([:])

  static func add(_ identity: Identity) { live.withLock { $0[identity, default: 0] += 1 } }

  static func remove(_ identity: Identity) {
    live.withLock { files in
      files[identity, default: 1] -= 1
      if files[identity] == 0 { files[identity] = nil }
    }
  }

  /// Whether the file at `path` is mapped in this process now.
  static func isMapped(path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    return live.withLock { $0[Identity(info)] != nil }
  }
}
