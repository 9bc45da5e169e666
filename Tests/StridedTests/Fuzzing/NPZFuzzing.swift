import Foundation
import Strided

/// The `.npz` reader's fuzz harness: any bytes, as an archive, either throw
/// an ``NPYError`` or give arrays whose every byte reads and which write
/// back, as an archive, to the same arrays. Members that lie about their
/// sizes must not make the reader allocate or inflate past what the file
/// can hold.
enum NPZFuzzing {
  static func run(_ data: [UInt8]) throws(FuzzFailure) {
    try NPYFuzzing.withTemporaryFile(data) { url throws(FuzzFailure) in
      let archive: NPZArchive
      do throws(NPYError) {
        archive = try NPZArchive(contentsOf: url)
      } catch {
        try fuzzCheck(error.file == url.path && !error.description.isEmpty, "an archive error that does not name the file: \(error)")
        return
      }
      var arrays: [String: NDView] = [:]
      for key in archive.keys {
        let view: NDView
        do throws(NPYError) {
          view = try archive.view(named: key)
        } catch {
          try fuzzCheck(error.file.hasPrefix(url.path), "a member error that does not name the archive: \(error)")
          continue
        }
        // Deflate expands at most 1032 times: a member cannot hold more.
        try fuzzCheck(view.nbytes <= data.count * 1032 + 64, "a \(view.nbytes)-byte array from a \(data.count)-byte archive")
        try fuzzCheck(view.bytes(order: .fortran).count == view.nbytes, "\(key): bytes(order:) has the wrong length")
        arrays[key] = view
      }
      guard !arrays.isEmpty, arrays.keys.allSatisfy({ !$0.utf8.contains(0) }) else { return }
      // What was read writes back, and reads back the same.
      let copy = url.deletingPathExtension().appendingPathExtension("copy.npz")
      defer { try? FileManager.default.removeItem(at: copy) }
      do {
        try NPZ.write(arrays, to: copy, compression: data.count % 2 == 0 ? .none : .deflate)
        let again = try NPZ.arrays(contentsOf: copy)
        for (key, view) in arrays {
          try fuzzCheck(again[key]?.bytes() == view.bytes() && again[key]?.shape == view.shape, "\(key) does not survive a write and a read")
        }
      } catch let error as FuzzFailure {
        throw error
      } catch {
        throw FuzzFailure(description: "arrays read from an archive cannot be written back: \(error)")
      }
    }
  }
}
