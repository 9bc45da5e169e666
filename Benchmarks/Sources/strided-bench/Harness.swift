#if canImport(Glibc)
  import Glibc
#endif
import BenchmarkSupport
import Foundation
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

extension Harness {
  /// The process's resident-memory figure `field` of /proc/self/status
  /// ("VmRSS", "VmHWM"), in bytes; nil where the file is not there.
  static func residentBytes(_ field: String) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
      return Int(String(line.dropFirst(field.count + 1).filter(\.isNumber))).map { $0 * 1024 }
    }
    return nil
  }

  /// The peak resident memory one call of `body` adds to the process:
  /// the peak is reset (`/proc/self/clear_refs`), then the peak after the
  /// call less the resident size before it. nil where Linux's files are
  /// not there.
  static func peakAbove(_ body: () -> Void) -> Int? {
    guard let clear = fopen("/proc/self/clear_refs", "w") else { return nil }
    fputs("5", clear)
    fclose(clear)
    guard let before = residentBytes("VmRSS") else { return nil }
    body()
    guard let peak = residentBytes("VmHWM") else { return nil }
    return peak - before
  }

  /// Prints the memory line of a workload (`"impl": "memory"`): the peak
  /// resident memory one call of the fused form and one of the eager form
  /// add above the inputs, and the output's size, in bytes. Each is
  /// measured in a fresh run of this program (`--peak-memory FORM`), so
  /// that no block an earlier call freed (Strided keeps freed large blocks
  /// for reuse) hides the allocation.
  func memory(_ name: String, outputBytes: Int) {
    guard wants(name) else { return }
    func child(_ form: String) -> Int? {
      guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
        return nil
      }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = ["--peak-memory", form]
      let pipe = Pipe()
      process.standardOutput = pipe
      guard (try? process.run()) != nil else { return nil }
      let output = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return Int(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
    guard let fused = child("fused"), let eager = child("eager"), fused >= 0, eager >= 0 else { return }
    print(
      "{\"name\": \"\(name)\", \"impl\": \"memory\", \"peak_above_inputs_bytes\": \(fused), "
        + "\"eager_peak_above_inputs_bytes\": \(eager), \"output_bytes\": \(outputBytes)}")
    fflush(nil)
  }
}
