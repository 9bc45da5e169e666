import Foundation
import Synchronization
import Testing

@testable import Strided

/// A write either completes or leaves the old file as it was.
@Suite("Replacing files")
struct FileReplacementTests {
  static let old = NDArray<Double>([1, 2, 3])
  static let new = try! NDArray<Double>.arange(to: 3000).reshaped(to: [30, 100])

  enum Kind: String, CaseIterable { case npy, stored, deflated }

  static func write(_ kind: Kind, _ array: NDArray<Double>, to url: URL) throws {
    switch kind {
    case .npy: try array.writeNPY(to: url)
    case .stored: try NPZ.write(["a": array.view, "b": array.transposed().view], to: url)
    case .deflated: try NPZ.write(["a": array.view, "b": array.transposed().view], to: url, compression: .deflate)
    }
  }

  @Test("a write cut off at any byte leaves the old file readable and unchanged", arguments: Kind.allCases)
  func faultInjection(_ kind: Kind) throws {
    let folder = try temporaryFolder("faults")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("data." + (kind == .npy ? "npy" : "npz"))
    try Self.write(kind, Self.old, to: url)
    let before = try Data(contentsOf: url)
    // The new file's full length, written once elsewhere.
    let probe = folder.appendingPathComponent("probe")
    try Self.write(kind, Self.new, to: probe)
    let total = try Data(contentsOf: probe).count
    try FileManager.default.removeItem(at: probe)
    var budgets = Array(stride(from: 0, to: total, by: Swift.max(1, total / 60)))
    budgets += [1, 7, 63, 64, 65, total - 1]
    for budget in budgets {
      #expect(throws: NPYError.self) {
        try WriteFaults.$budget.withValue(budget) { try Self.write(kind, Self.new, to: url) }
      }
      #expect(try Data(contentsOf: url) == before, "cut at \(budget) of \(total)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [url.lastPathComponent])
    // With room for every byte, it succeeds.
    try WriteFaults.$budget.withValue(total) { try Self.write(kind, Self.new, to: url) }
    if kind == .npy {
      #expect(try NDArray<Double>(contentsOfNPY: url) == Self.new)
    } else {
      #expect(try NPZArchive(contentsOf: url).array(named: "b", as: Double.self) == Self.new.transposed())
    }
  }

  @Test("links are written through; permissions are kept")
  func linksAndPermissions() throws {
    let folder = try temporaryFolder("links")
    defer { try? FileManager.default.removeItem(at: folder) }
    let sub = folder.appendingPathComponent("real")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    let target = sub.appendingPathComponent("data.npy")
    try Self.old.writeNPY(to: target)
    #expect(chmod(target.path, 0o640) == 0)
    let link = folder.appendingPathComponent("link.npy")
    #expect(symlink("real/data.npy", link.path) == 0)
    try Self.new.writeNPY(to: link)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real/data.npy")
    #expect(try NDArray<Double>(contentsOfNPY: target) == Self.new)
    #expect(try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int == 0o640)
    // A link to nothing creates its target.
    let dangling = folder.appendingPathComponent("dangling.npy")
    #expect(symlink("real/new.npy", dangling.path) == 0)
    try Self.old.writeNPY(to: dangling)
    #expect(try NDArray<Double>(contentsOfNPY: sub.appendingPathComponent("new.npy")) == Self.old)
    // A special file is written through, never replaced.
    try Self.old.writeNPY(to: URL(fileURLWithPath: "/dev/null"))
    var info = stat()
    #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
  }

  @Test("a mapping of the file survives writes of it beside its reads")
  func writesBesideMappings() throws {
    let folder = try temporaryFolder("mapped")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("shared.npy")
    let big = NDArray<Double>(repeating: 1, shape: [1 << 16])
    try big.writeNPY(to: url)
    // One thread rewrites the file while the other maps it and sums it:
    // before writes replaced files, a truncation under a mapping killed the
    // process with SIGBUS.
    let failures = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: 2) { thread in
      for _ in 0..<150 {
        if thread == 0 {
          do { try big.writeNPY(to: url) } catch { failures.withLock { $0 += 1 } }
        } else if let view = try? NDView(mappingNPY: url) {
          let sum = try! NDArray<Double>(view).sum()
          if sum != Double(1 << 16) { failures.withLock { $0 += 1 } }
        }
      }
    }
    #expect(failures.withLock { $0 } == 0)
  }

  @Test("a full disk (a file size limit) leaves the old file, in a child process")
  func fileSizeLimit() async {
    await #expect(processExitsWith: .success) {
      signal(SIGXFSZ, SIG_IGN)
      let folder = try! temporaryFolder("fsize")
      let url = folder.appendingPathComponent("data.npy")
      try! FileReplacementTests.old.writeNPY(to: url)
      let before = try! Data(contentsOf: url)
      var limit = rlimit(rlim_cur: 4096, rlim_max: rlim_t.max)
      guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 else { exit(2) }
      let failed = (try? FileReplacementTests.new.writeNPY(to: url)) == nil
      let intact = (try? Data(contentsOf: url)) == before
      let clean = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["data.npy"]
      try? FileManager.default.removeItem(at: folder)
      exit(failed && intact && clean ? 0 : 1)
    }
  }
}
