import Foundation
import Testing

import Strided

/// `.npz` archives carry dates and durations with NumPy's dtypes, both ways.
@Suite("NPZ archives of dates and durations")
struct NPZDatesTests {
  static let when = try! NDArray<DateTime64<Seconds>>(parsing: ["2020-01-01T12:00:00", "NaT", "1969-12-31T23:59:59"])
  static let gaps = NDArray<TimeDelta64<Days>>(counts: NDArray<Int64>([5, -3, Int64.min]))
  static let x = NDArray<Double>([1.5, 2.5])

  @Test("a round trip keeps the units, stored and deflated", arguments: [NPZ.Compression.none, .deflate])
  func roundTrip(compression: NPZ.Compression) throws {
    let folder = try temporaryFolder("npz-dates")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("ours.npz")
    try NPZ.write(["when": .init(Self.when), "gaps": .init(Self.gaps), "x": .init(Self.x)], to: url, compression: compression)
    let archive = try NPZArchive(contentsOf: url)
    #expect(archive.keys == ["gaps", "when", "x"])
    #expect(try archive.array(named: "when", as: DateTime64<Seconds>.self).counts.elements == Self.when.counts.elements)
    #expect(try archive.array(named: "gaps", as: TimeDelta64<Days>.self).counts.elements == Self.gaps.counts.elements)
    #expect(try archive.array(named: "x", as: Double.self) == Self.x)
  }

  @Test("views, arrays and an empty literal all write archives")
  func spellings() throws {
    let folder = try temporaryFolder("npz-dates")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("spellings.npz")
    try NPZ.write([:], to: url)
    #expect(try NPZArchive(contentsOf: url).keys.isEmpty)
    try NPZ.write(["x": Self.x.view], to: url)
    #expect(try NPZ.arrays(contentsOf: url)["x"].map { try NDArray<Double>($0) } == Self.x)
    let views: [String: NDView] = ["y": Self.x.view]
    try NPZ.write(views, to: url, compression: .deflate)
    #expect(try NPZArchive(contentsOf: url).keys == ["y"])
  }

  @Test("another unit, another kind or a plain read of a dates member is a typed error naming the dtype")
  func mismatches() throws {
    let folder = try temporaryFolder("npz-dates")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("ours.npz")
    try NPZ.write(["when": .init(Self.when), "x": .init(Self.x.view)], to: url)
    let archive = try NPZArchive(contentsOf: url)
    func reason(_ body: () throws -> Void) -> String {
      do { try body() } catch { return "\(error)" }
      return "no error"
    }
    #expect(reason { _ = try archive.array(named: "when", as: DateTime64<Days>.self) }.contains("<M8[s]"))
    #expect(reason { _ = try archive.array(named: "when", as: TimeDelta64<Seconds>.self) }.contains("<M8[s]"))
    #expect(reason { _ = try archive.array(named: "x", as: DateTime64<Seconds>.self) }.contains("<M8[s]"))
    #expect(reason { _ = try archive.view(named: "when") }.contains("DateTime64"))
    #expect(reason { _ = try archive.array(named: "when", as: Int64.self) }.contains("DateTime64"))
    #expect(reason { _ = try NPZ.arrays(contentsOf: url) }.contains("DateTime64"))
    #expect(reason { _ = try archive.array(named: "missing", as: DateTime64<Seconds>.self) }.contains("no array named"))
  }

  @Test("NumPy reads Strided's archive, and Strided reads NumPy's, big-endian members included")
  func withNumPy() throws {
    guard Python.hasNumPy else { return }
    let folder = try temporaryFolder("npz-dates")
    defer { try? FileManager.default.removeItem(at: folder) }
    let ours = folder.appendingPathComponent("ours.npz")
    let theirs = folder.appendingPathComponent("theirs.npz")
    try NPZ.write(["when": .init(Self.when), "gaps": .init(Self.gaps), "x": .init(Self.x)], to: ours, compression: .deflate)
    let script = """
      import numpy as np, sys
      z = np.load(sys.argv[1])
      assert sorted(z.files) == ['gaps', 'when', 'x'], z.files
      assert z['when'].dtype == np.dtype('M8[s]'), z['when'].dtype
      assert [str(t) for t in z['when']] == ['2020-01-01T12:00:00', 'NaT', '1969-12-31T23:59:59'], z['when']
      assert z['gaps'].dtype == np.dtype('m8[D]') and z['gaps'].view('i8').tolist() == [5, -3, -2**63], z['gaps']
      assert z['x'].tolist() == [1.5, 2.5]
      b = np.array(['2020-02-03T04:05:06.789', 'NaT', '-0001-01-01'], 'M8[us]')
      d = np.array([1, -2, 3], 'm8[h]').reshape(3, 1)
      np.savez_compressed(sys.argv[2], b=b, big=b.astype('>M8[us]'), d=np.asfortranarray(np.tile(d, 2)))
      print(','.join(str(v) for v in b.view('i8')))
      """
    let output = String(decoding: try Python.run(["-c", script, ours.path, theirs.path]), as: UTF8.self)
    let expected = output.split(separator: "\n")[0].split(separator: ",").map { Int64($0)! }
    let archive = try NPZArchive(contentsOf: theirs)
    #expect(try archive.array(named: "b", as: DateTime64<Microseconds>.self).counts.elements == expected)
    #expect(try archive.array(named: "big", as: DateTime64<Microseconds>.self).counts.elements == expected)
    let d = try archive.array(named: "d", as: TimeDelta64<Hours>.self)
    #expect(d.shape == [3, 2])
    #expect(d.counts.elements == [1, 1, -2, -2, 3, 3])
  }

  /// Writes and reads `a` through generic code that knows only `NDElement`.
  static func throughGenericCode<E: NDElement>(_ a: NDArray<E>, in folder: URL) throws -> (NDArray<E>, NDArray<E>, String) {
    let npz = folder.appendingPathComponent("generic.npz")
    try NPZ.write(["a": .init(a)], to: npz)
    let fromArchive = try NPZArchive(contentsOf: npz).array(named: "a", as: E.self)
    let npy = folder.appendingPathComponent("generic.npy")
    try a.writeNPY(to: npy)
    let header = String(decoding: try Data(contentsOf: npy).prefix(80), as: UTF8.self)
    return (fromArchive, try NDArray<E>(contentsOfNPY: npy), header)
  }

  @Test("generic code over NDElement keeps the dtype of dates, in .npz and .npy files")
  func genericCode() throws {
    let folder = try temporaryFolder("npz-dates")
    defer { try? FileManager.default.removeItem(at: folder) }
    let (archived, saved, header) = try Self.throughGenericCode(Self.when, in: folder)
    #expect(archived.counts.elements == Self.when.counts.elements)
    #expect(saved.counts.elements == Self.when.counts.elements)
    #expect(header.contains("'<M8[s]'"))
    let (durations, _, durationHeader) = try Self.throughGenericCode(Self.gaps, in: folder)
    #expect(durations.counts.elements == Self.gaps.counts.elements)
    #expect(durationHeader.contains("'<m8[D]'"))
    let (numbers, _, numberHeader) = try Self.throughGenericCode(Self.x, in: folder)
    #expect(numbers == Self.x)
    #expect(numberHeader.contains("'<f8'"))
  }
}
