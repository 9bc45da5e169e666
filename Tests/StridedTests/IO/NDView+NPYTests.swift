import Foundation
import Testing

import Strided

/// Files NumPy wrote, read by Strided; files Strided wrote, read by NumPy.
@Suite("NPY files")
struct NPYTests {
  struct Entry: Decodable {
    let name: String
    let shape: [Int]
    let fortran: Bool
    let native: String
    let itemsize: Int
  }

  /// A fresh directory of NumPy-written files, or `nil` without NumPy.
  static func numpyFiles() throws -> (URL, [Entry])? {
    guard Python.hasNumPy else { return nil }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strided-npy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    _ = try Python.run([Fixtures.directory.appendingPathComponent("npy.py").path, "write", directory.path])
    let manifest = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
    return (directory, manifest)
  }

  static func check(_ view: NDView, against entry: Entry) {
    #expect(Array(view.shape) == entry.shape, "\(entry.name): shape")
    #expect(view.itemSize == entry.itemsize, "\(entry.name): item size")
    #expect((view.isFContiguous && !view.isCContiguous) == entry.fortran, "\(entry.name): order")
    let native = view.format.isNativeByteOrder ? view : view.nativeByteOrderCopy()
    #expect(native.bytes(order: .c).hex == entry.native, "\(entry.name): values")
  }

  @Test func readsEveryDTypeOrderAndVersionNumPyWrites() throws {
    guard let (directory, manifest) = try Self.numpyFiles() else { return }
    defer { try? FileManager.default.removeItem(at: directory) }
    for entry in manifest where !entry.name.hasPrefix("npz:") {
      let url = directory.appendingPathComponent(entry.name + ".npy")
      let loaded = try NDView(contentsOfNPY: url)
      Self.check(loaded, against: entry)
      #expect(!loaded.isReadOnly)
      let mapped = try NDView(mappingNPY: url)
      Self.check(mapped, against: entry)
      #expect(mapped.isReadOnly)
      let fromData = try NDView(npyData: Data(contentsOf: url))
      Self.check(fromData, against: entry)
    }
  }

  @Test func numpyReadsWhatStridedWrites() throws {
    guard let (directory, manifest) = try Self.numpyFiles() else { return }
    defer { try? FileManager.default.removeItem(at: directory) }
    var forArchive: [String: NDView] = [:]
    for entry in manifest where !entry.name.hasPrefix("npz:") {
      let view = try NDView(contentsOfNPY: directory.appendingPathComponent(entry.name + ".npy"))
      try view.writeNPY(to: directory.appendingPathComponent(entry.name + ".strided.npy"))
      if ["f8_le_c", "i4_empty", "record_packed"].contains(entry.name) { forArchive[entry.name] = view }
    }
    try NPZ.write(forArchive, to: directory.appendingPathComponent("strided_stored.npz"))
    try NPZ.write(forArchive, to: directory.appendingPathComponent("strided_deflated.npz"), compression: .deflate)
    let differ = try JSONDecoder().decode(
      [String].self, from: Python.run([Fixtures.directory.appendingPathComponent("npy.py").path, "check", directory.path]))
    #expect(differ.isEmpty, "NumPy read these differently: \(differ)")
  }

  @Test func readsArchivesStoredAndDeflated() throws {
    guard let (directory, manifest) = try Self.numpyFiles() else { return }
    defer { try? FileManager.default.removeItem(at: directory) }
    for archive in ["stored.npz", "deflated.npz"] {
      let arrays = try NPZ.arrays(contentsOf: directory.appendingPathComponent(archive))
      #expect(arrays.keys.sorted() == ["flags", "m", "x"])
      for entry in manifest where entry.name.hasPrefix("npz:") {
        Self.check(arrays[String(entry.name.dropFirst(4))]!, against: entry)
      }
    }
  }

  @Test func archivesRoundTripAndDamagedArchivesAreErrors() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strided-npz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let a = NDArray<Double>([1, 2, 3, 4, 5, 6], shape: [2, 3])
    let url = directory.appendingPathComponent("pair.npz")
    try NPZ.write(["a": a.view, "t": a.transposed().view, "s": NDArray<Int8>(scalar: -3).view], to: url, compression: .deflate)
    let back = try NPZ.arrays(contentsOf: url)
    #expect(try NDArray<Double>(back["a"]!) == a && NDArray<Double>(back["t"]!) == a.transposed())
    #expect(try NDArray<Int8>(back["s"]!)[] == -3)
    // Not a zip file.
    let garbage = directory.appendingPathComponent("garbage.npz")
    try Data("not a zip archive at all".utf8).write(to: garbage)
    do {
      _ = try NPZ.arrays(contentsOf: garbage)
      Issue.record("garbage was read")
    } catch {
      guard case .archive = error.reason else { Issue.record("\(error)"); return }
      #expect(error.file == garbage.path)
    }
  }

  @Test func headersArePaddedToSixtyFourBytes() throws {
    let a = NDArray<Double>([1, 2, 3, 4, 5, 6], shape: [2, 3])
    for view in [a.view, a.transposed().view, a[.all, .slice(by: 2)].view, NDArray<Int16>(scalar: 7).view] {
      let data = try view.npyData()
      let headerLength = Int(data[8]) | Int(data[9]) << 8
      #expect((10 + headerLength) % 64 == 0)
      #expect(data[10 + headerLength - 1] == 0x0A)
      let back = try NDView(npyData: data)
      #expect(back.shape == view.shape && back.bytes() == view.bytes())
    }
    // F-contiguous views are written as they are, with fortran_order.
    let text = String(decoding: try a.transposed().view.npyData().prefix(128), as: UTF8.self)
    #expect(text.contains("'fortran_order': True") && text.contains("'shape': (3, 2)"))
    let scalarText = String(decoding: try NDArray<Int16>(scalar: 7).view.npyData().prefix(80), as: UTF8.self)
    #expect(scalarText.contains("'descr': '<i2'") && scalarText.contains("'shape': ()"))
  }

  @Test func mappedFilesShareTheirBytes() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("strided-map-\(UUID().uuidString).npy")
    defer { try? FileManager.default.removeItem(at: url) }
    try NDArray<Double>([1, 2, 3, 4], shape: [2, 2]).writeNPY(to: url)
    // r+: writes reach the file.
    let shared = try NDArray<Double>(NDView(mappingNPY: url, mode: .readWrite))
    shared[item: 0, 1] = 20
    #expect(try NDArray<Double>(contentsOfNPY: url)[item: 0, 1] == 20)
    // c: writes stay private.
    let private_ = try NDArray<Double>(NDView(mappingNPY: url, mode: .copyOnWrite))
    private_[item: 1, 1] = 40
    #expect(private_[item: 1, 1] == 40)
    #expect(try NDArray<Double>(contentsOfNPY: url)[item: 1, 1] == 4)
    // r: read-only, and views keep the mapping alive.
    var view: NDView? = try NDView(mappingNPY: url)
    let column = try NDArray<Double>(view!)[.all, 1]
    view = nil
    #expect(column == [20, 4] && column.isReadOnly)
  }

  @Test func createdFilesAreZeroMappingsNumPyReads() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strided-create-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let cases: [(String, Format, Dimensions, MemoryOrder)] = [
      ("f", Format(.float64), [3, 4], .fortran), ("c", Format(.int16, byteOrder: .big), [2, 3, 2], .c),
      ("scalar", Format(.float32), [], .c), ("empty", Format(.float64), [0, 5], .c),
      ("records", try Format(parsing: "T{<d:x:>i:n:}"), [3], .c),
    ]
    for (name, format, shape, order) in cases {
      let url = folder.appendingPathComponent("\(name).npy")
      let view = try NDView(creatingNPY: url, format: format, shape: shape, order: order)
      #expect(view.shape == shape && !view.isReadOnly && view.bytes().allSatisfy { $0 == 0 })
      #expect(order == .fortran ? view.isFContiguous : view.isCContiguous)
      if view.count > 0 {
        view.withUnsafeMutableBytes { $0[$0.count - 1] = 7 }  // reaches the file
      }
      let back = try NDView(contentsOfNPY: url)
      #expect(back.shape == shape && back.format == view.format && back.bytes() == view.bytes())
    }
    // An existing file is replaced; a folder that does not exist is an error.
    let url = folder.appendingPathComponent("f.npy")
    #expect(try NDView(creatingNPY: url, format: Format(.uint8), shape: [2]).bytes() == [0, 0])
    #expect(throws: NPYError.self) {
      _ = try NDView(creatingNPY: folder.appendingPathComponent("no/such.npy"), format: Format(.uint8), shape: [2])
    }
    #expect(throws: NPYError.self) {
      _ = try NDView(creatingNPY: url, format: Format(.uint8), shape: [Int.max, 2])
    }
    guard Python.hasNumPy else { return }
    let text = String(
      decoding: try Python.run([
        "-c",
        "import numpy as np, sys; d = sys.argv[1]\n"
          + "for n in ['f', 'c', 'scalar', 'empty', 'records']:\n"
          + "    a = np.load(d + '/' + n + '.npy'); print(n, a.dtype.str if a.dtype.names is None else a.dtype.descr, a.shape, a.flags.f_contiguous and a.ndim > 1, a.tobytes()[-1:].hex())",
        folder.path,
      ]), as: UTF8.self)
    #expect(text.contains("f |u1 (2,) False 00"))
    #expect(text.contains("c >i2 (2, 3, 2) False 07"))
    #expect(text.contains("scalar <f4 () False 07"))
    #expect(text.contains("empty <f8 (0, 5) True "))  // NumPy calls empty arrays F-contiguous too
    #expect(text.contains("records [('x', '<f8'), ('n', '>i4')] (3,) False 07"))
  }

  @Test func typedReadsConvertByteOrderAndCheckTheType() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("strided-typed-\(UUID().uuidString).npy")
    defer { try? FileManager.default.removeItem(at: url) }
    let big = try NDView(storage: ByteStorage(copying: [UInt8(0), 0, 1, 0]), format: ">i", shape: [1])
    try big.writeNPY(to: url)
    #expect(try NDArray<Int32>(contentsOfNPY: url) == [256])
    #expect(throws: NPYError.self) { try NDArray<Double>(contentsOfNPY: url) }
  }

  @Test func refusedDTypesSayWhy() throws {
    guard let (directory, _) = try Self.numpyFiles() else { return }
    defer { try? FileManager.default.removeItem(at: directory) }
    // NumPy's unicode strings (`<U3`) read as UCS-4 strings.
    let unicode = try NDView(contentsOfNPY: directory.appendingPathComponent("refused_unicode.npy"))
    #expect(unicode.format == Format.unicodeString(length: 3, byteOrder: .little))
    #expect(try unicode.strings() == ["abc"])
    for (name, word) in [("refused_object", "object")] {
      let url = directory.appendingPathComponent(name + ".npy")
      do {
        _ = try NDView(contentsOfNPY: url)
        Issue.record("\(name) was read")
      } catch {
        guard case .unsupportedDType(let message) = error.reason else {
          Issue.record("\(name): \(error)")
          continue
        }
        #expect(message.contains(word) && error.file == url.path && error.description.contains(url.path))
      }
    }
  }
}

/// Damaged files: each gives its typed error, none crashes, and none
/// allocates what the header merely claims.
@Suite("Damaged NPY files")
struct DamagedNPYTests {
  static func header(_ dict: String, version: UInt8 = 1) -> [UInt8] {
    let body = Array(dict.utf8) + [0x0A]
    var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
    if version == 1 {
      bytes += [UInt8(body.count & 0xFF), UInt8(body.count >> 8)]
    } else {
      bytes += [UInt8(body.count & 0xFF), UInt8(body.count >> 8 & 0xFF), 0, 0]
    }
    return bytes + body
  }

  static let good = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"

  static let cases: [(String, [UInt8], @Sendable (NPYError.Reason) -> Bool)] = [
    ("empty file", [], { $0 == .truncatedHeader }),
    ("bad magic", Array("PK\u{03}\u{04}whatever".utf8), { $0 == .badMagic }),
    ("truncated preamble", [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1], { $0 == .truncatedHeader }),
    ("truncated header", Array(header(good).prefix(30)), { $0 == .truncatedHeader }),
    ("header over 10000 bytes", [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 2, 0, 0x30, 0x75, 0, 0] + [UInt8](repeating: 0x20, count: 64),
     { $0 == .headerTooLarge(30000) }),
    ("unknown version", header(good, version: 4), { $0 == .unsupportedVersion(major: 4, minor: 0) }),
    ("not a dict", header("[1, 2, 3]"), { if case .malformedHeader = $0 { true } else { false } }),
    ("missing key", header("{'descr': '<f8', 'shape': (2,), }"), { if case .malformedHeader = $0 { true } else { false } }),
    ("syntax error", header("{'descr': '<f8', 'fortran_order': False, 'shape': (2,"), { if case .malformedHeader = $0 { true } else { false } }),
    ("deep nesting", header("{'descr': " + String(repeating: "[", count: 5000) + "}"), { if case .malformedHeader = $0 { true } else { false } }),
    ("garbage descr", header("{'descr': '<x9', 'fortran_order': False, 'shape': (2,), }"),
     { if case .unsupportedDType = $0 { true } else { false } }),
    ("descr not a string", header("{'descr': 5, 'fortran_order': False, 'shape': (2,), }"),
     { if case .unsupportedDType = $0 { true } else { false } }),
    ("object", header("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }"),
     { if case .unsupportedDType(let m) = $0 { m.contains("pickle") } else { false } }),
    ("negative shape", header("{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }"),
     { if case .invalidShape = $0 { true } else { false } }),
    ("overflowing shape", header("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }"),
     { if case .invalidShape = $0 { true } else { false } }),
    ("integer beyond 64 bits", header("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }"),
     { if case .malformedHeader = $0 { true } else { false } }),
    ("huge claimed size, little data", header("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }"),
     { if case .truncatedData(expected: 8_000_000_000_000, available: 0) = $0 { true } else { false } }),
    ("truncated data", header(good) + [UInt8](repeating: 0, count: 12),
     { $0 == .truncatedData(expected: 16, available: 12) }),
    ("fortran_order not a bool", header("{'descr': '<f8', 'fortran_order': 1, 'shape': (2,), }"),
     { if case .malformedHeader = $0 { true } else { false } }),
  ]

  @Test(arguments: 0..<cases.count)
  func damagedFile(_ index: Int) throws {
    let (name, bytes, matches) = Self.cases[index]
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("strided-damaged-\(UUID().uuidString).npy")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data(bytes).write(to: url)
    for mode in 0..<3 {
      do {
        switch mode {
        case 0: _ = try NDView(contentsOfNPY: url)
        case 1: _ = try NDView(mappingNPY: url)
        default: _ = try NDView(npyData: Data(bytes), name: url.path)
        }
        Issue.record("\(name): read without an error")
      } catch {
        #expect(matches(error.reason), "\(name): \(error)")
        #expect(error.file == url.path)
      }
    }
  }

  @Test func missingFilesAndBadFormatsAreErrors() throws {
    let missing = URL(fileURLWithPath: "/nonexistent/strided.npy")
    #expect(throws: NPYError.self) { try NDView(contentsOfNPY: missing) }
    let pointers = try NDView(format: "P", shape: [2])
    #expect(throws: NPYError.self) { try pointers.npyData() }
  }
}
