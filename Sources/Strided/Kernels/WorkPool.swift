#if canImport(Glibc)
  import Glibc
#endif
import COpenBLAS
import CStrided
import Dispatch
import Foundation
import Synchronization

/// How many threads Strided's own loops use, and OpenBLAS with them.
///
/// Element-wise loops, reductions, copies and conversions, sorts, cumulative
/// operations, Fourier transforms and stacks of small matrix products split
/// their work over one pool of threads. Results never depend on the thread
/// count: work is cut into blocks whose bounds depend only on the data's
/// shape, and blocks that are combined (the partial sums of a reduction)
/// are combined in one fixed order, so a sum is bit for bit the same with
/// 1 thread or 64.
///
/// ```swift
/// Parallelism.threadCount          // the processors this process may use
/// Parallelism.threadCount = 1      // everything on the calling thread
/// ```
///
/// Calls from many threads at once (a server) are safe: one call at a time
/// uses the pool, and a call that finds it busy, or that is made from
/// inside one of its blocks, runs on its own thread. So Strided never
/// starts more than `threadCount − 1` threads of its own. After a parallel
/// call, its idle threads poll for the next one for 100 µs before they
/// sleep (waking a sleeping thread costs microseconds, more when its
/// processor has gone idle), as OpenMP runtimes and OpenBLAS do.
public enum Parallelism {
  /// The number of threads Strided's work is split over (at least 1).
  ///
  /// Starts as `STRIDED_NUM_THREADS` when that is set to a positive
  /// integer, otherwise as ``availableProcessors``. Setting it also sets
  /// OpenBLAS's thread count (`openblas_set_num_threads`), so BLAS calls
  /// and Strided's loops do not oversubscribe the processors. A program
  /// that runs Strided on several threads of its own should divide the
  /// processors among them, or set this to 1.
  ///
  /// - Precondition: A new value is at least 1.
  public static var threadCount: Int {
    get { WorkPool.shared.threadCount }
    set {
      precondition(newValue >= 1, "Parallelism.threadCount must be at least 1, not \(newValue)")
      WorkPool.shared.setThreadCount(newValue)
    }
  }

  /// The processors this process may run on: those of its affinity mask
  /// (as `taskset` or a container sets it), bounded by its cgroup's CPU
  /// quota (`cpu.max`, rounded up), not the machine's total.
  public static var availableProcessors: Int { WorkPool.availableProcessors() }
}

/// The threads behind ``Parallelism``: `threadCount − 1` workers started on
/// first use, and the calling thread, which takes blocks too.
final class WorkPool: @unchecked Sendable {
  static let shared = WorkPool()

  private struct State {
    var threadCount: Int
    var busy = false
    var workers = 0
  }

  /// A batch of blocks: every thread takes the next index until none is
  /// left.
  private final class Job: @unchecked Sendable {
    let count: Int
    let body: (Int) -> Void
    let next = Atomic<Int>(0)

    init(count: Int, body: @escaping (Int) -> Void) {
      self.count = count
      self.body = body
    }

    func drain() {
      while true {
        let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
        if i >= count { return }
        body(i)
      }
    }
  }

  private let state: Mutex<State>
  /// Parked workers wait here; a wake-up is a hint to look for a job.
  private let wake = DispatchSemaphore(value: 0)
  /// Bumped for each job; idle workers watch it.
  private let generation = Atomic<Int>(0)
  /// The places left in the current job: a worker that takes one (the
  /// count after its decrement is not negative) runs the job's blocks; the
  /// caller closes the job by taking those left.
  private let seats = Atomic<Int>(0)
  /// Places taken whose worker has finished the job's blocks.
  private let finished = Atomic<Int>(0)
  /// Workers parked on `wake` (it may count one that found a job just
  /// before parking: its wake-up is then stale, and harmless).
  private let sleepers = Atomic<Int>(0)
  /// The running job: written before its seats are offered, cleared after
  /// every worker that took a seat has finished.
  private nonisolated(unsafe) var job: Job?
  /// How long an idle worker polls for the next job before it parks, so
  /// that back-to-back calls find it awake: waking a parked thread costs
  /// microseconds, and tens of them when its processor has gone idle.
  static let pollNanoseconds: UInt64 = 100_000

  private init() {
    var count = Self.availableProcessors()
    if let text = ProcessInfo.processInfo.environment["STRIDED_NUM_THREADS"],
      let requested = Int(text.trimmingCharacters(in: .whitespaces)), requested >= 1
    {
      count = requested
    }
    state = Mutex(State(threadCount: count))
    openblas_set_num_threads(Int32(clamping: count))
  }

  var threadCount: Int { state.withLock { $0.threadCount } }

  /// The worker threads started so far (for tests).
  var workerCount: Int { state.withLock { $0.workers } }

  func setThreadCount(_ count: Int) {
    state.withLock { $0.threadCount = count }
    openblas_set_num_threads(Int32(clamping: count))
  }

  /// Whether the pool is idle and has more than one thread: whether work
  /// given to ``run(_:_:)`` now would be split. Kernels that would prepare
  /// partial results only for threads ask this first.
  var canSplit: Bool { state.withLock { !$0.busy && $0.threadCount > 1 } }

  /// Calls `body(i)` for every `i` in `0..<count`, spread over the pool's
  /// threads; returns when all are done. The blocks must be safe to run
  /// concurrently. On the calling thread, in order, when the pool has one
  /// thread, is in use, or `count` is 1.
  func run(_ count: Int, _ body: (Int) -> Void) {
    guard count > 1 else {
      if count == 1 { body(0) }
      return
    }
    let helpers: Int? = state.withLock { state in
      guard !state.busy, state.threadCount > 1 else { return nil }
      state.busy = true
      let helpers = Swift.min(state.threadCount, count) - 1
      while state.workers < helpers {
        let start = generation.load(ordering: .sequentiallyConsistent)
        let thread = Thread { [self] in workerLoop(after: start) }
        thread.name = "Strided worker"
        thread.start()
        state.workers += 1
      }
      return helpers
    }
    guard let helpers else {
      for i in 0..<count { body(i) }
      return
    }
    withoutActuallyEscaping(body) { body in
      let job = Job(count: count, body: body)
      self.job = job
      finished.store(0, ordering: .relaxed)
      seats.store(helpers, ordering: .releasing)
      generation.add(1, ordering: .sequentiallyConsistent)
      // Polling workers see the new generation; wake parked ones, up to
      // the seats offered.
      var parked = sleepers.load(ordering: .sequentiallyConsistent)
      while parked > 0 {
        let woken = Swift.min(parked, helpers)
        let (exchanged, original) = sleepers.compareExchange(
          expected: parked, desired: parked - woken, ordering: .sequentiallyConsistent)
        if exchanged {
          for _ in 0..<woken { wake.signal() }
          break
        }
        parked = original
      }
      job.drain()
      // Seats not taken by now never will be: wait only for the workers
      // that took one (a late worker finds the job closed).
      let untaken = Swift.max(seats.exchange(Int.min / 2, ordering: .acquiringAndReleasing), 0)
      let joined = helpers - untaken
      var polls = 0
      while finished.load(ordering: .acquiring) < joined {
        polls += 1
        if polls < 1 << 14 { strided_spin_pause() } else { sched_yield() }
      }
      self.job = nil
    }
    state.withLock { $0.busy = false }
  }

  /// A worker: polls for the next job for ``pollNanoseconds``, then parks
  /// until woken; takes a seat in each job it sees, while seats are left.
  private func workerLoop(after start: Int) -> Never {
    var seen = start
    while true {
      var current = generation.load(ordering: .acquiring)
      var deadline = DispatchTime.now().uptimeNanoseconds + Self.pollNanoseconds
      var polls = 0
      while current == seen {
        polls &+= 1
        if polls & 63 == 0 && DispatchTime.now().uptimeNanoseconds > deadline {
          sleepers.add(1, ordering: .sequentiallyConsistent)
          if generation.load(ordering: .sequentiallyConsistent) == seen { wake.wait() }
          deadline = DispatchTime.now().uptimeNanoseconds + Self.pollNanoseconds
        } else {
          strided_spin_pause()
        }
        current = generation.load(ordering: .acquiring)
      }
      seen = current
      if seats.subtract(1, ordering: .acquiringAndReleasing).newValue >= 0 {
        drainCurrentJob()
        finished.add(1, ordering: .releasing)
      }
    }
  }

  /// Kept out of line, so that the worker lets go of the job before it
  /// signals that it is done.
  @inline(never)
  private func drainCurrentJob() {
    job?.drain()
  }

  // MARK: Processors

  static func availableProcessors() -> Int {
    var count = affinityCount() ?? ProcessInfo.processInfo.activeProcessorCount
    if let quota = cgroupQuota() { count = Swift.min(count, quota) }
    return Swift.max(count, 1)
  }

  /// The processors in this thread's affinity mask.
  static func affinityCount() -> Int? {
    let count = Int(strided_affinity_count())
    return count > 0 ? count : nil
  }

  /// The cgroup's CPU quota in processors, rounded up: `cpu.max` (cgroup
  /// v2) or `cpu.cfs_quota_us` / `cpu.cfs_period_us` (v1); `nil` when
  /// there is none.
  static func cgroupQuota() -> Int? {
    func read(_ path: String) -> String? {
      (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    if let max = read("/sys/fs/cgroup/cpu.max") {
      return quota(cpuMax: max)
    }
    if let quota = read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us").flatMap({ Int($0) }),
      let period = read("/sys/fs/cgroup/cpu/cpu.cfs_period_us").flatMap({ Int($0) }), quota > 0, period > 0
    {
      return (quota + period - 1) / period
    }
    return nil
  }

  /// Processors from a `cpu.max` line, "QUOTA PERIOD" or "max PERIOD".
  static func quota(cpuMax: String) -> Int? {
    let parts = cpuMax.split(separator: " ")
    guard parts.count == 2, let quota = Int(parts[0]), let period = Int(parts[1]), quota > 0, period > 0 else {
      return nil
    }
    return (quota + period - 1) / period
  }
}

extension BLAS {
  /// Runs `body` with OpenBLAS on one thread (for BLAS calls made from
  /// inside the pool's blocks), then gives it back ``Parallelism``'s
  /// thread count.
  static func withOneThread<R>(_ body: () -> R) -> R {
    openblas_set_num_threads(1)
    defer { openblas_set_num_threads(Int32(clamping: WorkPool.shared.threadCount)) }
    return body()
  }
}
