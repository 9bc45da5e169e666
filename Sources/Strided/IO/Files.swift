#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import CStrided
import Foundation

/// An open file descriptor for reading, closed when the last reference to
/// it goes. Errors name the file.
final class OpenFile: @unchecked Sendable {
  let descriptor: Int32
  let path: String

  /// Opens a regular file. Anything else (a directory, a FIFO, a device)
  /// is refused before a read could block or fail half-way.
  init(path: String, writable: Bool = false) throws(NPYError) {
    self.path = path
    // Non-blocking, so that opening a FIFO does not wait for a writer.
    let descriptor = open(path, (writable ? O_RDWR : O_RDONLY) | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw Self.systemError(path, "cannot open") }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      let failure = Self.systemError(path, "cannot stat")
      closeDescriptor(descriptor)
      throw failure
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      closeDescriptor(descriptor)
      throw NPYError(file: path, reason: .notRegularFile(Self.kind(of: info.st_mode)))
    }
    self.descriptor = descriptor
  }

  deinit { closeDescriptor(descriptor) }

  static func systemError(_ path: String, _ what: String) -> NPYError {
    NPYError(file: path, reason: .system("\(what): \(String(cString: strerror(errno)))"))
  }

  /// What a file that is not a regular file is, in words.
  static func kind(of mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFDIR: "a directory"
    case S_IFIFO: "a FIFO"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFSOCK: "a socket"
    default: "a special file"
    }
  }

  func size() throws(NPYError) -> Int {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw Self.systemError(path, "cannot stat") }
    return Int(info.st_size)
  }

  /// Reads exactly `count` bytes at `offset`.
  ///
  /// - Throws: ``NPYError/Reason/truncatedData(expected:available:)`` when
  ///   the file ends first, or a system error.
  func read(into base: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(NPYError) {
    var done = 0
    while done < count {
      let n = pread(descriptor, base + done, count - done, off_t(offset + done))
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        throw n == 0
          ? NPYError(file: path, reason: .truncatedData(expected: count, available: done))
          : Self.systemError(path, "cannot read")
      }
      done += n
    }
  }

  /// `count` bytes at `offset`, as an array.
  func bytes(count: Int, at offset: Int) throws(NPYError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    try bytes.withMutableBytes { buffer throws(NPYError) in
      if count > 0 { try read(into: buffer.baseAddress!, count: count, at: offset) }
    }
    return bytes
  }
}

/// A file write that either completes or leaves the file that was there
/// untouched: the bytes go to a new file beside the target, which is renamed
/// over it only once every byte is written.
///
/// - A target that is a symbolic link is written through: the file it
///   points to is replaced (NumPy's `open(path, "wb")` writes through links
///   too), and the link stays a link.
/// - A directory is an error; nothing in it is touched.
/// - A special file (a FIFO, `/dev/null`) is written directly: there is no
///   old file to keep.
/// - The new file keeps the permission bits of the file it replaces.
/// - Mappings of the old file, in this process or another, keep the old
///   bytes: the old file is never truncated.
///
/// The bytes are handed to the kernel but not flushed to the disk with
/// `fsync` (NumPy does not either): a crash of the process cannot leave a
/// half-written file, a crash of the machine can lose the newest write.
final class ReplacingFile {
  /// The path the caller named, for errors.
  let path: String
  /// The file to replace, symbolic links followed.
  let target: String
  /// The file being written: a new file beside the target, or the target
  /// itself when it is a special file.
  let temporary: String?
  let descriptor: Int32
  /// Bytes appended so far, for ``WriteFaults``.
  private var written = 0
  private var isOpen = true

  init(replacing url: URL) throws(NPYError) {
    path = url.path
    var target = path
    var existingMode: mode_t?
    var special = false
    var hops = 0
    while true {
      var info = stat()
      if lstat(target, &info) != 0 {
        guard errno == ENOENT else { throw OpenFile.systemError(path, "cannot inspect") }
        break  // a new file
      }
      switch info.st_mode & S_IFMT {
      case S_IFLNK:
        hops += 1
        guard hops <= 40 else { throw NPYError(file: path, reason: .system("too many levels of symbolic links")) }
        target = try Self.resolveLink(target, for: path)
        continue
      case S_IFDIR:
        throw NPYError(file: path, reason: .notRegularFile(OpenFile.kind(of: info.st_mode)))
      case S_IFREG:
        existingMode = info.st_mode & 0o7777
      default:
        special = true
      }
      break
    }
    self.target = target
    if special {
      temporary = nil
      descriptor = open(target, O_WRONLY | O_CLOEXEC)
      guard descriptor >= 0 else { throw OpenFile.systemError(path, "cannot open") }
      return
    }
    let directory = (target as NSString).deletingLastPathComponent
    let name = (target as NSString).lastPathComponent
    var candidate = ""
    var opened: Int32 = -1
    for _ in 0..<16 {
      candidate = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(String(UInt64.random(in: 0 ... .max), radix: 36)).tmp"
      opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if opened >= 0 || errno != EEXIST { break }
    }
    guard opened >= 0 else {
      throw OpenFile.systemError(path, "cannot create a temporary file beside it")
    }
    temporary = candidate
    descriptor = opened
    if let existingMode { _ = fchmod(opened, existingMode) }
  }

  deinit { abandon() }

  /// The path a symbolic link points to, relative to the link's folder.
  private static func resolveLink(_ link: String, for path: String) throws(NPYError) -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let n = readlink(link, &buffer, buffer.count - 1)
    guard n >= 0 else { throw OpenFile.systemError(path, "cannot read the symbolic link") }
    let destination = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if destination.hasPrefix("/") { return destination }
    let folder = (link as NSString).deletingLastPathComponent
    return folder.isEmpty ? destination : folder + "/" + destination
  }

  /// Asks the file system for the file's blocks up front, as NumPy does;
  /// writing is then faster. A refusal is harmless.
  func reserve(_ count: Int) {
    if temporary != nil { _ = strided_reserve_file(descriptor, Int64(count)) }
  }

  func write(_ bytes: [UInt8]) throws(NPYError) {
    try bytes.withBytes { bytes throws(NPYError) in try write(bytes) }
  }

  /// Appends bytes.
  func write(_ bytes: UnsafeRawBufferPointer) throws(NPYError) {
    try write(bytes, at: nil)
  }

  /// Writes bytes at an offset (to patch what was written), or appends
  /// them when `offset` is `nil`.
  func write(_ bytes: UnsafeRawBufferPointer, at offset: Int?) throws(NPYError) {
    var done = 0
    while done < bytes.count {
      var count = bytes.count - done
      if offset == nil, let budget = WriteFaults.budget {
        count = Swift.min(count, budget - written)
        guard count > 0 else { throw NPYError(file: path, reason: .system("cannot write: No space left on device")) }
      }
      let n =
        offset.map { pwrite(descriptor, bytes.baseAddress! + done, count, off_t($0 + done)) }
        ?? writeDescriptor(descriptor, bytes.baseAddress! + done, count)
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw OpenFile.systemError(path, "cannot write") }
      done += n
      if offset == nil { written += n }
    }
  }

  /// Closes the file and renames it over the target.
  func commit() throws(NPYError) {
    isOpen = false
    guard closeDescriptor(descriptor) == 0 else {
      let failure = OpenFile.systemError(path, "cannot write")
      if let temporary { unlink(temporary) }
      throw failure
    }
    guard let temporary else { return }
    guard rename(temporary, target) == 0 else {
      let failure = OpenFile.systemError(path, "cannot replace")
      unlink(temporary)
      throw failure
    }
  }

  /// Closes and removes the new file, leaving the target as it was.
  func abandon() {
    guard isOpen else { return }
    isOpen = false
    closeDescriptor(descriptor)
    if let temporary { unlink(temporary) }
  }
}

/// A fault-injection hook for tests: while a budget is set (for the current
/// task), file writes fail as a full disk does once that many bytes have
/// been appended through one ``ReplacingFile`` (rewriting bytes already
/// written needs no new room).
enum WriteFaults {
  @TaskLocal static var budget: Int?
}

/// The C library's `close` and `write`, which methods of the same names
/// would otherwise hide.
@discardableResult
func closeDescriptor(_ descriptor: Int32) -> Int32 { close(descriptor) }
func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}

extension Array where Element == UInt8 {
  /// `withUnsafeBytes`, keeping the closure's typed error.
  func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    try withUnsafeBytes { bytes in Result { () throws(E) in try body(bytes) } }.get()
  }

  /// `withUnsafeMutableBytes`, keeping the closure's typed error.
  mutating func withMutableBytes<R, E: Error>(_ body: (UnsafeMutableRawBufferPointer) throws(E) -> R) throws(E) -> R {
    try withUnsafeMutableBytes { bytes in Result { () throws(E) in try body(bytes) } }.get()
  }
}
