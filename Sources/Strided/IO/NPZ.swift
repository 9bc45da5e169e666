import Foundation
import ZIPFoundation

/// NumPy's `.npz` archives: a zip file of `.npy` files, one per named array.
public enum NPZ {
  /// How ``write(_:to:compression:)`` stores each array.
  public enum Compression: Sendable {
    /// Stored as they are, as `np.savez` writes them.
    case none
    /// Deflated, as `np.savez_compressed` writes them.
    case deflate
  }

  /// Every array of a `.npz` archive, by name (the entry's path without
  /// `.npy`). Each is read into new memory; entries that are not `.npy`
  /// files are skipped.
  ///
  /// NumPy: `dict(np.load(path))`.
  ///
  /// - Throws: ``NPYError`` naming the archive (and the entry, for a
  ///   damaged `.npy` inside it), with ``NPYError/Reason/archive(_:)`` when
  ///   the zip file itself cannot be read.
  /// - Complexity: O(*n*) in the archive's uncompressed size.
  public static func arrays(contentsOf url: URL) throws(NPYError) -> [String: NDView] {
    let archive: Archive
    do { archive = try Archive(url: url, accessMode: .read) } catch {
      throw NPYError(file: url.path, reason: .archive("cannot open the zip archive: \(error)"))
    }
    var result: [String: NDView] = [:]
    for entry in archive where entry.type == .file && entry.path.hasSuffix(".npy") {
      var data = Data()
      do {
        _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
      } catch {
        throw NPYError(file: url.path, reason: .archive("cannot extract \(entry.path): \(error)"))
      }
      let name = String(entry.path.dropLast(4))
      result[name] = try NDView(npyData: data, name: "\(url.path):\(entry.path)")
    }
    return result
  }

  /// Writes arrays as a `.npz` archive, each as the `.npy` file
  /// ``NDView/npyData()`` makes, replacing any file at the path.
  ///
  /// NumPy: `np.savez(path, **arrays)`, or `np.savez_compressed` with
  /// ``Compression/deflate``.
  ///
  /// - Throws: ``NPYError`` when a format has no NumPy dtype or the archive
  ///   cannot be written.
  public static func write(_ arrays: [String: NDView], to url: URL, compression: Compression = .none) throws(NPYError) {
    try? FileManager.default.removeItem(at: url)
    let archive: Archive
    do { archive = try Archive(url: url, accessMode: .create) } catch {
      throw NPYError(file: url.path, reason: .archive("cannot create the zip archive: \(error)"))
    }
    for name in arrays.keys.sorted() {
      let data = try arrays[name]!.npyData()
      do {
        try archive.addEntry(
          with: name + ".npy", type: .file, uncompressedSize: Int64(data.count),
          compressionMethod: compression == .deflate ? .deflate : .none
        ) { position, size in
          data.subdata(in: Int(position)..<Int(position) + size)
        }
      } catch {
        throw NPYError(file: url.path, reason: .archive("cannot add \(name).npy: \(error)"))
      }
    }
  }
}
