#if canImport(Glibc)
  import Glibc
#endif
import Foundation
import Strided

extension DistributedMatrix {
  /// Reads a 2-D `.npy` file: every process maps the file and copies only
  /// its own blocks, so no process holds the whole matrix. Big-endian data
  /// is converted block by block; C- and Fortran-ordered files are read
  /// alike.
  ///
  /// NumPy: `np.load(path, mmap_mode="r")`, each process taking its part.
  /// The file must be visible to every process at the same path (a shared
  /// file system on a cluster).
  ///
  /// - Throws: On every process: ``DistributedError/file(_:)`` when a
  ///   process cannot map the file, or it is not 2-D or not of `Element`'s
  ///   type; the errors of ``init(rows:columns:rowBlock:columnBlock:grid:)``.
  public init(
    readingNPY url: URL, rowBlock: Int = 64, columnBlock: Int = 64, grid: ProcessGrid
  ) throws(DistributedError) {
    var mapped: NDView?
    var failure: String?
    do {
      let view = try NDView(mappingNPY: url, mode: .readOnly)
      if view.ndim != 2 {
        failure = "\(url.path): a \(view.ndim)-D array of shape \(view.shape.array) is not a matrix"
      } else if (try? NDArray<Element>(view[0..<0, 0..<0].nativeByteOrderCopy())) == nil {
        failure = "\(url.path): dtype \(view.format) is not \(Element.self)"
      } else {
        mapped = view
      }
    } catch {
      failure = error.description
    }
    if let failure = MPI.firstFailure(failure) { throw .file(failure) }
    let file = mapped!
    // Every process read the same header, but a shared file could change
    // between the reads: agree on the shape too.
    let shape = MPI.broadcast([Int64(file.shape[0]), Int64(file.shape[1])], count: 2, from: 0)
    guard MPI.everyone(shape == [Int64(file.shape[0]), Int64(file.shape[1])]) else {
      throw .file("\(url.path): the processes read different shapes")
    }
    try self.init(
      rows: file.shape[0], columns: file.shape[1], rowBlock: rowBlock, columnBlock: columnBlock, grid: grid)
    let local = self.local
    forEachLocalBlock { global, part in
      var block = file[global.rows, global.columns]
      if !block.format.isNativeByteOrder { block = block.nativeByteOrderCopy() }
      try! NDArray<Element>(block).copy(into: local[part.rows, part.columns])
    }
  }

  /// Writes the matrix to a `.npy` file (Fortran order): process 0 creates
  /// a new file beside the path (its space reserved), every process writes
  /// its own blocks into it with `pwrite` and flushes them, and once all
  /// have, process 0 renames it over the path. The write either completes
  /// or leaves the file that was at the path as it was. A symbolic link at
  /// the path is written through; the old file's permissions are kept.
  ///
  /// NumPy: `np.save(path, a)` of the gathered matrix, without gathering
  /// it. The folder must be visible to every process at the same path.
  /// Each process writes byte ranges of its own (one per block column), so
  /// network file systems that flush whole pages of a mapping do not mix
  /// processes' bytes.
  ///
  /// - Throws: ``DistributedError/file(_:)`` on every process when any
  ///   process cannot create, write, flush or rename the file.
  public func writeNPY(to url: URL) throws(DistributedError) {
    let target = url.resolvingSymlinksInPath()
    let tag = MPI.broadcast(Int.random(in: 0...Int.max), from: 0)
    let partial = target.deletingLastPathComponent().appendingPathComponent(
      ".\(target.lastPathComponent).partial-\(String(tag, radix: 36))")
    let itemSize = MemoryLayout<Element>.stride
    let dataBytes = rows * columns * itemSize
    func agree(_ failure: String?) throws(DistributedError) {
      if let failure = MPI.firstFailure(failure) {
        if MPI.rank == 0 { unlink(partial.path) }
        throw .file(failure)
      }
    }
    // Process 0: the header, the file's length and its space.
    var failure: String?
    var dataOffset = 0
    if MPI.rank == 0 {
      do {
        let created = try NDView(creatingNPY: partial, format: Element.format, shape: [rows, columns], order: .fortran)
        dataOffset = try FileManager.default.attributesOfItem(atPath: partial.path)[.size] as! Int - created.nbytes
        let descriptor = open(partial.path, O_WRONLY | O_CLOEXEC)
        let reserved = descriptor >= 0 && (dataBytes == 0 || posix_fallocate(descriptor, off_t(dataOffset), off_t(dataBytes)) == 0)
        if descriptor >= 0 { close(descriptor) }
        if !reserved { failure = "\(partial.path): cannot reserve \(dataBytes) bytes" }
        if var mode = try? FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int {
          mode &= 0o7777
          chmod(partial.path, mode_t(mode))
        }
      } catch {
        failure = "\(error)"
      }
    }
    try agree(failure)
    dataOffset = MPI.broadcast(dataOffset, from: 0)
    // Every process: its block columns, each a contiguous run in both the
    // file (Fortran order) and the local blocks.
    let descriptor = open(partial.path, O_WRONLY | O_CLOEXEC)
    if descriptor < 0 {
      failure = "\(partial.path): cannot open: \(String(cString: strerror(errno)))"
    } else {
      let (rows, localRows) = (self.rows, self.localRows)
      withLocal { base in
        forEachLocalBlock { global, part in
          guard failure == nil else { return }
          for j in 0..<part.columns.count {
            let source = base + ((part.columns.lowerBound + j) * localRows + part.rows.lowerBound) * itemSize
            let offset = dataOffset + ((global.columns.lowerBound + j) * rows + global.rows.lowerBound) * itemSize
            if !Self.writeAll(descriptor, source, part.rows.count * itemSize, at: offset) {
              failure = "\(partial.path): cannot write: \(String(cString: strerror(errno)))"
              return
            }
          }
        }
      }
      if failure == nil && fsync(descriptor) != 0 {
        failure = "\(partial.path): cannot flush: \(String(cString: strerror(errno)))"
      }
      close(descriptor)
    }
    try agree(failure)
    // Process 0: the new file replaces the old, and the folder records it.
    if MPI.rank == 0 {
      if rename(partial.path, target.path) != 0 {
        failure = "\(target.path): cannot replace: \(String(cString: strerror(errno)))"
      } else {
        let folder = open(target.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
          fsync(folder)
          close(folder)
        }
      }
    }
    try agree(failure)
  }

  /// `pwrite` of all `count` bytes at `offset`, through short writes and
  /// interruptions.
  static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int, at offset: Int) -> Bool {
    var done = 0
    while done < count {
      let written = pwrite(descriptor, bytes + done, count - done, off_t(offset + done))
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return false }
      done += written
    }
    return true
  }
}
