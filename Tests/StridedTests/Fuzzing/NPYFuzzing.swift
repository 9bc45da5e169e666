import Foundation
import Strided

/// The `.npy` reader's fuzz harness: any bytes either throw an ``NPYError``
/// or give a view whose every byte can be read, which writes back to the
/// same bytes, and which the file and memory-mapping readers agree on.
enum NPYFuzzing {
  static func run(_ data: [UInt8], throughFiles: Bool = true) throws(FuzzFailure) {
    let view: NDView
    do {
      view = try NDView(npyData: Data(data), name: "fuzz.npy")
    } catch {
      // A typed error is the expected outcome for damaged bytes; it names
      // the input and says something.
      try fuzzCheck(!error.description.isEmpty, "an NPYError without a description")
      if throughFiles { try checkFileReadersRefuse(data) }
      return
    }
    try fuzzCheck(view.nbytes <= data.count, "a \(view.nbytes)-byte view from \(data.count) bytes")

    // Every element can be read, in both orders, and the two orders hold
    // the same bytes.
    let c = view.bytes(order: .c)
    let f = view.bytes(order: .fortran)
    try fuzzCheck(c.count == view.nbytes && f.count == view.nbytes, "bytes(order:) of \(view) has the wrong length")
    try fuzzCheck(
      view.copy(order: .fortran).bytes(order: .c) == c, "a Fortran-ordered copy of \(view) reads differently")

    // Written back, the view reads back the same.
    let written: Data
    do {
      written = try view.npyData()
    } catch {
      throw FuzzFailure(description: "\(view) read from .npy bytes cannot be written: \(error)")
    }
    do {
      let again = try NDView(npyData: written)
      try fuzzCheck(
        again.shape == view.shape && again.format == view.format && again.bytes() == c,
        "\(view) does not survive a write and a read: \(again)")
    } catch let error as FuzzFailure {
      throw error
    } catch {
      throw FuzzFailure(description: "\(view), written, does not read back: \(error)")
    }

    if throughFiles { try checkFileReadersAgree(data, with: view) }
  }

  /// The file readers (read and mapped) give the same view as the memory
  /// reader.
  static func checkFileReadersAgree(_ data: [UInt8], with view: NDView) throws(FuzzFailure) {
    try withTemporaryFile(data) { url throws(FuzzFailure) in
      for read in [{ try NDView(contentsOfNPY: url) }, { try NDView(mappingNPY: url) }] {
        do {
          let other = try read()
          try fuzzCheck(
            other.shape == view.shape && other.strides == view.strides && other.format == view.format
              && other.bytes() == view.bytes(),
            "a file reader gives \(other), memory gives \(view)")
        } catch let error as FuzzFailure {
          throw error
        } catch {
          throw FuzzFailure(description: "memory gives \(view), a file reader throws \(error)")
        }
      }
    }
  }

  /// The file readers refuse what the memory reader refused.
  static func checkFileReadersRefuse(_ data: [UInt8]) throws(FuzzFailure) {
    try withTemporaryFile(data) { url throws(FuzzFailure) in
      if let view = try? NDView(contentsOfNPY: url) {
        throw FuzzFailure(description: "memory refuses these bytes, the file reader gives \(view)")
      }
      if let view = try? NDView(mappingNPY: url) {
        throw FuzzFailure(description: "memory refuses these bytes, the mapping reader gives \(view)")
      }
    }
  }

  static func withTemporaryFile(_ data: [UInt8], _ body: (URL) throws(FuzzFailure) -> Void) throws(FuzzFailure) {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("strided-fuzz-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).npy")
    guard FileManager.default.createFile(atPath: url.path, contents: Data(data)) else {
      throw FuzzFailure(description: "cannot write a temporary file at \(url.path)")
    }
    defer { try? FileManager.default.removeItem(at: url) }
    try body(url)
  }
}
