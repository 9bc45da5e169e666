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
  /// a new file beside the path, every process maps it and writes its own
  /// blocks, and once all have, process 0 renames it over the path. The
  /// write either completes or leaves the file that was at the path as it
  /// was.
  ///
  /// NumPy: `np.save(path, a)` of the gathered matrix, without gathering
  /// it. The folder must be visible to every process at the same path.
  ///
  /// - Throws: ``DistributedError/file(_:)`` on every process when any
  ///   process cannot create, map, write or rename the file.
  public func writeNPY(to url: URL) throws(DistributedError) {
    let tag = MPI.broadcast([Int64.random(in: 0...Int64.max)], count: 1, from: 0)[0]
    let partial = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).partial-\(String(tag, radix: 36))")
    func removePartial() { if MPI.rank == 0 { unlink(partial.path) } }
    var file: NDView?
    var failure: String?
    if MPI.rank == 0 {
      do {
        file = try NDView(creatingNPY: partial, format: Element.format, shape: [rows, columns], order: .fortran)
      } catch {
        failure = error.description
      }
    }
    if let failure = MPI.firstFailure(failure) { throw .file(failure) }
    if MPI.rank != 0 {
      do { file = try NDView(mappingNPY: partial, mode: .readWrite) } catch { failure = error.description }
    }
    if let failure = MPI.firstFailure(failure) {
      removePartial()
      throw .file(failure)
    }
    let target = try! NDArray<Element>(file!)
    let local = self.local
    forEachLocalBlock { global, part in local[part.rows, part.columns].copy(into: target[global.rows, global.columns]) }
    failure = Self.flush(target.view) ? nil : "\(partial.path): cannot write: \(String(cString: strerror(errno)))"
    file = nil
    if let failure = MPI.firstFailure(failure) {
      removePartial()
      throw .file(failure)
    }
    if MPI.rank == 0 && rename(partial.path, url.path) != 0 {
      failure = "\(url.path): cannot replace: \(String(cString: strerror(errno)))"
    }
    if let failure = MPI.firstFailure(failure) {
      removePartial()
      throw .file(failure)
    }
  }

  /// Writes a mapped view's dirty pages to its file (`msync`), so that
  /// processes on other machines see them. The mapping starts on a page
  /// boundary at or before the view's first byte.
  static func flush(_ view: NDView) -> Bool {
    guard view.nbytes > 0 else { return true }
    return view.withUnsafeMutableBytes { bytes in
      let page = Int(sysconf(Int32(_SC_PAGESIZE)))
      let start = Int(bitPattern: bytes.baseAddress!)
      let aligned = start - start % page
      return msync(UnsafeMutableRawPointer(bitPattern: aligned), start - aligned + bytes.count, MS_SYNC) == 0
    }
  }
}
