import Foundation
import Testing

@testable import Strided

/// Limits the child process's address space to what it uses now plus
/// `extra` bytes, so that large allocations fail as they would on a
/// machine without the memory, whatever the host's overcommit policy.
func limitAddressSpace(extra: Int) {
  let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
  let line = status.split(separator: "\n").first { $0.hasPrefix("VmSize:") } ?? "VmSize: 0 kB"
  let used = Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
  var limit = rlimit(rlim_cur: rlim_t(used * 1024 + extra), rlim_max: rlim_t.max)
  guard setrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0 else { exit(2) }
}

/// The error a throwing call throws, or `nil`.
func thrown<E: Error>(_ body: () throws(E) -> Void) -> E? {
  do {
    try body()
    return nil
  } catch {
    return error
  }
}

@Suite("Out of memory")
struct OutOfMemoryTests {
  /// Runs in the child: each throwing allocation throws the sizes asked.
  static func throwingAllocationsThrow() -> Bool {
    var ok = true
    // zeros of 10^10 doubles.
    ok = ok && thrown { () throws(ViewError) in _ = try NDView(format: .float64, shape: [10_000_000_000]) }
      == .outOfMemory(byteCount: 80_000_000_000)
    // One item of a 10^9 × 10^9 sub-array of doubles.
    ok = ok && thrown { () throws(ViewError) in _ = try NDView(format: "(1000000000,1000000000)d", shape: []) }
      == .outOfMemory(byteCount: 8_000_000_000_000_000_000)
    ok = ok && thrown { () throws(OutOfMemory) in _ = try ByteStorage(zeroedCount: 4 << 30) }?.byteCount == 4 << 30
    // A valid 100 GB .npy file (sparse on disk).
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("strided-oom-\(UUID().uuidString).npy")
    let header = try! NPYHeader(format: .float64, itemSize: 8, shape: [12_500_000_000], fortranOrder: false).encoded()
    guard FileManager.default.createFile(atPath: url.path, contents: Data(header)) else { return false }
    let descriptor = open(url.path, O_WRONLY)
    _ = ftruncate(descriptor, off_t(header.count + 100_000_000_000))
    close(descriptor)
    ok = ok && thrown { () throws(NPYError) in _ = try NDView(contentsOfNPY: url) }?.reason
      == .outOfMemory(byteCount: 100_000_000_000)
    unlink(url.path)
    // Memory is still there for ordinary work afterwards.
    return ok && NDArray<Double>.arange(to: 1000).sum() == 499_500
  }

  /// Not under the address sanitizer: its shadow memory reserves terabytes
  /// of address space, so a limit on the address space cannot stand for a
  /// machine without the memory.
  @Test(
    "throwing initializers throw it, in a child process under a memory limit",
    .enabled(if: ProcessInfo.processInfo.environment["STRIDED_SANITIZER"] == nil))
  func throwsWhereTheAPIThrows() async {
    await #expect(processExitsWith: .success) {
      limitAddressSpace(extra: 1 << 30)
      exit(OutOfMemoryTests.throwingAllocationsThrow() ? 0 : 1)
    }
  }

  @Test("APIs that cannot throw trap with a message naming the size")
  func trapsWhereItCannot() async {
    await #expect(processExitsWith: .failure) {
      limitAddressSpace(extra: 1 << 30)
      _ = NDArray<Double>.zeros([10_000_000_000])
    }
    await #expect(processExitsWith: .failure) {
      limitAddressSpace(extra: 1 << 30)
      _ = ByteStorage(count: 1 << 40)
    }
  }

  @Test func messagesNameTheSize() {
    #expect(OutOfMemory(byteCount: 80_000_000_000).description == "out of memory allocating 80000000000 bytes (74.5 GiB)")
    #expect(ViewError.outOfMemory(byteCount: 512).description == "out of memory allocating 512 bytes (512 bytes)")
  }
}
