import Foundation
import Testing

@testable import Strided

/// `.npz` archives that lie: every claim is checked before it is trusted.
@Suite("NPZ archives")
struct NPZTests {
  static func write(_ bytes: [UInt8], in folder: URL, _ name: String = "a.npz") throws -> URL {
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
  }

  /// Reads the archive and returns the error's reason and file.
  static func failure(_ url: URL) -> NPYError? {
    do {
      _ = try NPZ.arrays(contentsOf: url)
      return nil
    } catch {
      return error
    }
  }

  @Test func readsStoredDeflatedAndZip64Members() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    let x = try TestZip.npy(count: 10)
    for (deflate, zip64) in [(false, false), (true, false), (false, true), (true, true)] {
      let url = try Self.write(
        TestZip(members: [.init(name: "x.npy", data: x, deflate: deflate), .init(name: "notes.txt", data: [1, 2])], zip64: zip64).bytes,
        in: folder)
      let archive = try NPZArchive(contentsOf: url)
      #expect(archive.keys == ["x"])
      #expect(try archive.array(named: "x", as: Double.self) == .arange(to: 10))
    }
  }

  @Test("a flipped byte is a checksum error, as in NumPy")
  func flippedByte() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("a.npz")
    try NPZ.write(["x": NDArray<Double>.arange(to: 100).view], to: url)
    var bytes = [UInt8](try Data(contentsOf: url))
    // The last data byte of the one member: the directory starts after it.
    let directory = bytes.indices.last { bytes[$0...].starts(with: [0x50, 0x4b, 0x01, 0x02]) }!
    bytes[directory - 1] ^= 0x10
    try Data(bytes).write(to: url)
    let error = try #require(Self.failure(url))
    guard case .checksumMismatch = error.reason else { Issue.record("\(error)"); return }
    #expect(error.file == url.path + ":x.npy")
  }

  @Test("a member that inflates past its declared size stops at the declared size")
  func inflatesPastItsSize() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    let x = try TestZip.npy(count: 2)
    // 64 MiB of zeros after an honest two-element array: a 64 KiB member.
    let bomb = x + [UInt8](repeating: 0, count: 64 << 20)
    let url = try Self.write(
      TestZip(members: [.init(name: "x.npy", data: bomb, deflate: true, declaredSize: x.count, declaredCRC: TestZip.crc(x))]).bytes,
      in: folder)
    #expect((try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int) < 1 << 20)
    let error = try #require(Self.failure(url))
    #expect(error.description.contains("inflates to more than its declared"), "\(error)")
  }

  @Test("sizes that cannot be true are refused before anything is allocated")
  func impossibleSizes() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    let x = try TestZip.npy(count: 4)
    // The .npy header inside describes more data than the member declares.
    let short = try Self.write(TestZip(members: [.init(name: "x.npy", data: x, declaredSize: x.count - 8)]).bytes, in: folder, "short.npz")
    #expect(Self.failure(short)?.description.contains("stored, but its sizes differ") == true)
    let claim = try Self.write(
      TestZip(members: [.init(name: "x.npy", data: x, deflate: true, declaredSize: x.count - 8)]).bytes, in: folder, "claim.npz")
    #expect(Self.failure(claim)?.description.contains("header describes") == true)
    // 3 GB claimed from a few compressed bytes: more than deflate can expand.
    let bomb = try Self.write(
      TestZip(members: [.init(name: "x.npy", data: x, deflate: true, declaredSize: 3 << 30)]).bytes, in: folder, "bomb.npz")
    #expect(Self.failure(bomb)?.description.contains("claims") == true)
    // A member whose stream ends before its declared size.
    let cut = try Self.write(
      TestZip(members: [.init(name: "x.npy", data: Array(x.prefix(x.count - 8)), deflate: true, declaredSize: x.count)]).bytes,
      in: folder, "cut.npz")
    #expect(Self.failure(cut)?.description.contains("ends before its declared") == true)
  }

  @Test("damaged directories give archive errors that name the archive")
  func damagedDirectories() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = TestZip(members: [.init(name: "x.npy", data: try TestZip.npy(count: 3))]).bytes
    var cases: [(String, [UInt8])] = [
      ("empty", []), ("garbage", Array("not a zip archive at all".utf8)),
      ("truncated", Array(good.prefix(good.count - 30))),
    ]
    var badCount = good
    badCount[good.count - 12] = 0xFF  // 65,535 entries in a tiny directory
    badCount[good.count - 11] = 0xFF
    cases.append(("entry count", badCount))
    var badOffset = good
    badOffset[good.count - 4] = 0xFF  // the directory "starts" past the end
    cases.append(("directory offset", badOffset))
    var badLocal = good
    badLocal[0] = 0  // the local header's signature
    cases.append(("local header", badLocal))
    for (name, bytes) in cases {
      let url = try Self.write(bytes, in: folder, name + ".npz")
      let error = try #require(Self.failure(url), "\(name)")
      guard case .archive = error.reason else { Issue.record("\(name): \(error)"); continue }
      #expect(error.file.hasPrefix(url.path), "\(name)")
    }
    // A damaged .npy inside a sound archive names the member.
    let junk = Array("\u{93}NUMPY\u{01}\u{00}junk".utf8)
    let url = try Self.write(TestZip(members: [.init(name: "x.npy", data: junk)]).bytes, in: folder, "junk.npz")
    #expect(Self.failure(url)?.file == url.path + ":x.npy")
  }

  @Test("directories and FIFOs are not archives, and nothing waits on them")
  func notRegularFiles() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("pipe.npz")
    #expect(mkfifo(fifo.path, 0o600) == 0)
    for url in [folder, fifo] {
      for read in [{ _ = try NPZArchive(contentsOf: url) }, { _ = try NDView(contentsOfNPY: url) }] as [() throws -> Void] {
        do {
          try read()
          Issue.record("\(url.path) was read")
        } catch let error as NPYError {
          guard case .notRegularFile = error.reason else { Issue.record("\(error)"); continue }
        }
      }
    }
  }

  @Test("opening an archive reads only its directory")
  func lazyOpening() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("two.npz")
    try NPZ.write(["a": NDArray<Int32>([1, 2, 3]).view, "b": NDArray<Double>.zeros([64, 64]).view], to: url, compression: .deflate)
    let archive = try NPZArchive(contentsOf: url)
    #expect(archive.keys == ["a", "b"])
    #expect(try archive.array(named: "a", as: Int32.self) == [1, 2, 3])
    #expect(throws: NPYError.self) { try archive.view(named: "c") }
    #expect(throws: NPYError.self) { try archive.array(named: "a", as: Double.self) }
  }

  @Test("keys are checked before the old archive is touched")
  func badKeys() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("keep.npz")
    try NPZ.write(["old": NDArray<Int8>([1]).view], to: url)
    let before = try Data(contentsOf: url)
    for key in [String(repeating: "k", count: 70_000), "a\u{0}b"] {
      #expect {
        try NPZ.write([key: NDArray<Int8>([2]).view], to: url)
      } throws: { error in
        guard let error = error as? NPYError, case .invalidKey = error.reason else { return false }
        return true
      }
      #expect(try Data(contentsOf: url) == before)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["keep.npz"])
  }

  @Test("a directory as the target is an error, and nothing in it is removed")
  func directoryTarget() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("data.npz")
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    try Data([1, 2, 3]).write(to: target.appendingPathComponent("precious.txt"))
    for write in [
      { try NPZ.write(["a": NDArray<Int8>([1]).view], to: target) },
      { try NDArray<Int8>([1]).writeNPY(to: target) },
    ] as [() throws -> Void] {
      do {
        try write()
        Issue.record("wrote over a directory")
      } catch let error as NPYError {
        #expect(error.reason == .notRegularFile("a directory"))
      }
      #expect(try Data(contentsOf: target.appendingPathComponent("precious.txt")) == Data([1, 2, 3]))
    }
  }

  @Test("archives of more than 65,535 members use zip64 end records")
  func manyMembers() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("many.npz")
    let one = NDArray<Int8>(scalar: 7).view
    var arrays: [String: NDView] = [:]
    for i in 0..<65_540 { arrays["a\(i)"] = one }
    try NPZ.write(arrays, to: url)
    let archive = try NPZArchive(contentsOf: url)
    #expect(archive.keys.count == 65_540)
    #expect(try archive.array(named: "a65539", as: Int8.self)[] == 7)
    if Python.hasNumPy {
      let count = try Python.run(["-c", "import numpy, sys; print(len(numpy.load(sys.argv[1]).files))", url.path])
      #expect(String(decoding: count, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "65540")
    }
  }

  /// The central directory's offset, from the end record.
  static func directoryOffset(_ bytes: [UInt8]) -> Int {
    let end = bytes.count - 22
    return (0..<4).reduce(0) { $0 | Int(bytes[end + 16 + $1]) << (8 * $1) }
  }

  @Test("65,537 members without zip64 records: the count wraps, every member is read, as NumPy reads them")
  func wrappedMemberCount() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    let one = try TestZip.npy(count: 1)
    let members = (0..<65_537).map { TestZip.Member(name: "a\($0).npy", data: one) }
    // The end record's 16-bit count is 65,537 mod 2^16 = 1.
    let bytes = TestZip(members: members).bytes
    #expect(bytes[bytes.count - 12] == 1 && bytes[bytes.count - 11] == 0)
    let url = try Self.write(bytes, in: folder)
    let archive = try NPZArchive(contentsOf: url)
    #expect(archive.keys.count == 65_537)
    #expect(try archive.array(named: "a65536", as: Double.self) == [0])
    // A count that disagrees even modulo 2^16 is refused.
    var wrong = TestZip(members: Array(members.prefix(3))).bytes
    wrong[wrong.count - 12] = 2
    wrong[wrong.count - 14] = 2
    let damaged = try Self.write(wrong, in: folder, "wrong.npz")
    #expect(Self.failure(damaged)?.description.contains("declares 2") == true)
  }

  @Test("members that overlap are refused when the archive is opened")
  func overlappingMembers() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    let x = try TestZip.npy(count: 100)
    var bytes = TestZip(members: [.init(name: "a.npy", data: x), .init(name: "b.npy", data: x)]).bytes
    // Point b's directory entry at a's local header.
    let second = Self.directoryOffset(bytes) + 46 + 5
    for k in 0..<4 { bytes[second + 42 + k] = 0 }
    let url = try Self.write(bytes, in: folder)
    #expect(throws: NPYError.self) { try NPZArchive(contentsOf: url) }
    #expect(Self.failure(url)?.description.contains("overlap") == true)
  }

  @Test("a local header whose name differs from the directory's is refused, as zipfile refuses it")
  func localNameMismatch() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    var bytes = TestZip(members: [.init(name: "a.npy", data: try TestZip.npy(count: 3))]).bytes
    bytes[Self.directoryOffset(bytes) + 46] = UInt8(ascii: "c")
    let url = try Self.write(bytes, in: folder)
    let archive = try NPZArchive(contentsOf: url)
    #expect(archive.keys == ["c"])
    #expect(throws: NPYError.self) { try archive.view(named: "c") }
  }

  @Test("a load whose members declare more than the limit is refused before anything is inflated")
  func inflatedSizeLimit() throws {
    let folder = try temporaryFolder("npz")
    defer { try? FileManager.default.removeItem(at: folder) }
    let x = try TestZip.npy(count: 1000)  // 8,128 bytes
    let url = try Self.write(
      TestZip(members: [.init(name: "a.npy", data: x, deflate: true), .init(name: "b.npy", data: x, deflate: true)]).bytes,
      in: folder)
    #expect(throws: NPYError(file: url.path, reason: .inflatedSizeOverLimit(byteCount: 2 * x.count, limit: 10_000))) {
      try NPZ.arrays(contentsOf: url, inflatedByteLimit: 10_000)
    }
    // One member at a time fits the same limit.
    let archive = try NPZArchive(contentsOf: url, inflatedByteLimit: 10_000)
    #expect(try archive.array(named: "b", as: Double.self) == .arange(to: 1000))
    #expect(throws: NPYError.self) { try NPZArchive(contentsOf: url, inflatedByteLimit: 8_000).view(named: "a") }
    #expect(try NPZ.arrays(contentsOf: url).count == 2)
    #expect(NPZ.defaultInflatedByteLimit > 1 << 20)

    // Refused before any member is read: a member whose checksum is wrong
    // gives the limit's error, not the checksum's.
    let damaged = try Self.write(
      TestZip(members: [.init(name: "a.npy", data: x, deflate: true, declaredCRC: 1)]).bytes, in: folder, "damaged.npz")
    let error = try #require(thrown { () throws(NPYError) in _ = try NPZ.arrays(contentsOf: damaged, inflatedByteLimit: 100) })
    guard case .inflatedSizeOverLimit = error.reason else { Issue.record("\(error)"); return }
    #expect(error.description.contains("inflatedByteLimit"))
  }
}
