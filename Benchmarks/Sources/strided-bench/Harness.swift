#if canImport(Glibc)
  import Glibc
#endif
import BenchmarkSupport
import Strided

/// Times workloads the way the shared NumPy reference does: one warm-up
/// call, a repetition count that fills at least 50 ms, then the median of
/// seven samples, per call.
struct Harness {
  var prefixes: [String]

  /// Whether a workload was asked for.
  func wants(_ name: String) -> Bool {
    prefixes.isEmpty || prefixes.contains { name.hasPrefix($0) }
  }

  /// Whether any workload of a group (a common name prefix) was asked for.
  func wantsGroup(_ group: String) -> Bool {
    prefixes.isEmpty || prefixes.contains { $0.hasPrefix(group) || group.hasPrefix($0) }
  }

  static func now() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
  }

  /// Runs one workload and prints its JSON line. `reportAllocations` adds
  /// the heap allocations per call.
  func run(_ name: String, impl: String = "strided", reportAllocations: Bool = false, _ body: () -> Void) {
    guard wants(name) else { return }
    body()  // warm-up
    var reps = 1
    while true {
      let start = Self.now()
      for _ in 0..<reps { body() }
      if Self.now() - start >= 50_000_000 || reps >= 1 << 24 { break }
      reps *= 2
    }
    var samples: [Double] = []
    var allocations = 0
    for _ in 0..<7 {
      let before = strided_allocation_count()
      let start = Self.now()
      for _ in 0..<reps { body() }
      samples.append(Double(Self.now() - start) / Double(reps))
      allocations = strided_allocation_count() - before
    }
    samples.sort()
    let median = (samples[3] * 10).rounded() / 10
    var line = "{\"name\": \"\(name)\", \"median_ns\": \(median), \"impl\": \"\(impl)\""
    if reportAllocations {
      let perCall = Double(allocations) / Double(reps)
      line += ", \"allocations_per_call\": \(perCall)"
    }
    print(line + "}")
    fflush(nil)
  }
}

extension Harness {
  /// Runs a workload with ``Parallelism``'s threads, then on one thread as
  /// `NAME_t1`, so that the two give the speed-up.
  func runScaling(_ name: String, _ body: () -> Void) {
    run(name, body)
    guard wants(name + "_t1") else { return }
    let threads = Parallelism.threadCount
    Parallelism.threadCount = 1
    run(name + "_t1", body)
    Parallelism.threadCount = threads
  }
}

/// Hands a value, in memory, to an opaque C function: the optimizer must
/// produce every byte of it.
@inline(__always)
func consume<T>(_ value: T) {
  withUnsafePointer(to: value) { strided_black_hole($0) }
}
