import Dispatch
import Foundation
import Synchronization
import Testing

@testable import Strided

/// Every parallel kernel, run with several thread counts: the results must
/// equal the single-thread results bit for bit.
@Suite("Parallelism: results do not depend on the thread count", .serialized)
struct ParallelismTests {
  static let threadCounts = [1, 2, 3, 5, 8]

  /// The bytes of every result `compute` gives, for each thread count.
  func resultsPerThreadCount(_ compute: () throws -> [[UInt8]]) rethrows -> [[[UInt8]]] {
    let saved = Parallelism.threadCount
    defer { Parallelism.threadCount = saved }
    return try Self.threadCounts.map { count in
      Parallelism.threadCount = count
      #expect(Parallelism.threadCount == count)
      return try compute()
    }
  }

  func bytes<E: NDElement>(_ a: NDArray<E>) -> [UInt8] { a.view.bytes() }

  func expectSameEverywhere(_ results: [[[UInt8]]], _ what: String) {
    for (count, result) in zip(Self.threadCounts, results).dropFirst() {
      for (k, (got, expected)) in zip(result, results[0]).enumerated() {
        #expect(got == expected, "\(what), result \(k): \(count) threads differ from 1")
      }
    }
  }

  @Test("reductions: whole arrays and along axes, contiguous, transposed, stepped, short outer axes")
  func reductions() throws {
    var rng = Generator(seed: 11)
    let flat = rng.standardNormal([(1 << 21) + 7])
    let wide = rng.standardNormal([3, 700_001])
    let matrix = rng.standardNormal([1500, 1400])
    let floats = flat.converted(to: Float.self)
    let integers = try rng.integers(in: -1000..<1000, shape: [1 << 21])
    let results = try resultsPerThreadCount {
      [
        bytes(NDArray(scalar: flat.sum())), bytes(NDArray(scalar: floats.sum())),
        bytes(NDArray(scalar: integers.sum())), bytes(NDArray(scalar: try flat.max())),
        bytes(NDArray(scalar: wide.sum())), bytes(wide.sum(axis: 0)), bytes(wide.sum(axis: 1)),
        bytes(matrix.transposed().sum(axis: 0)), bytes(matrix.transposed().sum(axis: 1)),
        bytes(NDArray(scalar: matrix[.slice(by: 2), .slice(by: -3)].sum())),
        bytes(NDArray(scalar: matrix.mean())), bytes(NDArray(scalar: matrix.variance())),
        bytes(try matrix.min(axis: 1)),
      ]
    }
    expectSameEverywhere(results, "reductions")
    // The blocks change the rounding against one pairwise sum by little.
    let exact = flat.elements.reduce(0, +)
    #expect(abs(flat.sum() - exact) < 1e-9 * Double(flat.count))
  }

  @Test("element-wise functions, arithmetic on views, conversions")
  func elementwise() throws {
    var rng = Generator(seed: 12)
    let a = rng.standardNormal([1200, 1100])
    let b = rng.standardNormal([1100, 1200])
    let short = rng.standardNormal([2, 1_500_000])
    let results = resultsPerThreadCount {
      [
        bytes(exp(a)), bytes(sin(a.transposed())), bytes(a + b.transposed()),
        bytes(a[.slice(by: -1), .slice(by: 2)] * 3.0), bytes(short * short),
        bytes(a.converted(to: Float.self)), bytes(atan2(y: a, x: b.transposed())),
        bytes(floor(short)), bytes(a .> 0.5),
      ]
    }
    expectSameEverywhere(results, "element-wise")
  }

  @Test("copies, transposes, byte swaps")
  func copies() throws {
    var rng = Generator(seed: 13)
    let a = rng.standardNormal([1500, 1300])
    let short = rng.standardNormal([2, 1_200_000])
    let swapped = ByteStorage(copying: rng.standardNormal([900_000]).view.bytes())
    let bigEndian = try NDView(storage: swapped, format: Format(parsing: ">d"), shape: [900_000], itemSize: 8)
    let results = resultsPerThreadCount {
      [
        bytes(a.transposed().copy(order: .c)), bytes(a[.slice(by: 3), .slice(by: -1)].copy(order: .c)),
        bytes(a.copy(order: .fortran)), bytes(short.transposed().copy(order: .c)),
        bigEndian.nativeByteOrderCopy().bytes(),
      ]
    }
    expectSameEverywhere(results, "copies")
  }

  @Test("sorts, cumulative sums, Fourier transforms, stacks of small products")
  func lanes() throws {
    var rng = Generator(seed: 14)
    let rows = rng.standardNormal([6, 200_000])
    let stack = rng.standardNormal([64, 32, 32])
    let signals = rng.standardNormal([48, 4096])
    let results = try resultsPerThreadCount {
      [
        bytes(rows.sorted(axis: 1)), bytes(rows.argsort(axis: 0)), bytes(rows.cumulativeSum(axis: 1)),
        bytes(rows.transposed().cumulativeSum(axis: 0)), bytes(try FFT.rfft(signals)),
        bytes(try FFT.fft(signals.transposed(), axis: 0)), bytes(stack.matmul(stack)),
        bytes(try rows.median(axes: [1])),
      ]
    }
    expectSameEverywhere(results, "lanes")
  }

  @Test("calls from many threads at once agree and start no more workers than the setting")
  func manyCallers() {
    let saved = Parallelism.threadCount
    defer { Parallelism.threadCount = saved }
    Parallelism.threadCount = 3
    var rng = Generator(seed: 15)
    let a = rng.standardNormal([1 << 21])
    let expected = a.sum()
    let sums = Mutex([Double]())
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
      let total = a.sum()
      sums.withLock { $0.append(total) }
    }
    #expect(sums.withLock { $0 }.allSatisfy { $0.bitPattern == expected.bitPattern })
    #expect(WorkPool.shared.workerCount <= 7)  // the most any count set in these tests asks for
  }

  /// Runs the `threads` example, under `taskset` when `cpus` is given,
  /// with STRIDED_NUM_THREADS only as `extra` sets it.
  func runThreadsExample(cpus: String?, environment extra: [String: String]) throws -> [String] {
    var changes: [String: String?] = ["STRIDED_NUM_THREADS": nil]
    for (key, value) in extra { changes[key] = value }
    let output = try ExamplesTests.run(
      "threads", launcher: cpus.map { ["/usr/bin/taskset", "-c", $0] } ?? [], environment: changes)
    return output.split(separator: "\n").map(String.init)
  }

  @Test("the pool follows the affinity mask and STRIDED_NUM_THREADS")
  func affinityAndEnvironment() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset") else { return }
    let pinned = try runThreadsExample(cpus: "0", environment: [:])
    #expect(pinned.contains("available processors: 1"))
    #expect(pinned.contains("threads: 1"))
    let three = try runThreadsExample(cpus: nil, environment: ["STRIDED_NUM_THREADS": "3"])
    #expect(three.contains("threads: 3"))
    // OpenBLAS has the count before the pool starts, from the first call.
    let one = try runThreadsExample(cpus: nil, environment: ["STRIDED_NUM_THREADS": "1"])
    #expect(one.contains("BLAS threads at start: 1"))
    #expect(one.contains("threads: 1"))
    let pinnedButAsked = try runThreadsExample(cpus: "0", environment: ["STRIDED_NUM_THREADS": "2"])
    #expect(pinnedButAsked.contains("threads: 2"))
    // A value that is not a positive integer is ignored.
    let ignored = try runThreadsExample(cpus: "0", environment: ["STRIDED_NUM_THREADS": "zero"])
    #expect(ignored.contains("threads: 1"))
    for lines in [pinned, three] {
      #expect(lines.contains("the same bits with 1 thread"))
    }
  }

  @Test("the CPU quota of a cgroup, in processors")
  func quota() {
    #expect(WorkPool.quota(cpuMax: "max 100000") == nil)
    #expect(WorkPool.quota(cpuMax: "150000 100000") == 2)
    #expect(WorkPool.quota(cpuMax: "50000 100000") == 1)
    #expect(WorkPool.quota(cpuMax: "400000 100000") == 4)
    #expect(WorkPool.quota(cpuMax: "garbage") == nil)
    #expect(Parallelism.availableProcessors >= 1)
  }
}
