import Dispatch
import Foundation

/// The walk over up to four strided operands of one shape: the engine under
/// every element-wise kernel and reduction in Strided.
///
/// Operand 0 is the output. Planning:
/// - drops axes of length 1;
/// - orders the axes so the *leader* operand's smallest stride is innermost
///   (the output for element-wise work; the input for reductions);
/// - merges neighbouring axes that are contiguous together for every operand;
/// - when another operand's fastest axis is not the innermost one (as in
///   `m.T + m`), walks that axis and the innermost in cache-sized tiles, so
///   every operand reads whole cache lines.
///
/// Kernels then see only runs: a count, one address per operand and one
/// byte stride per operand for the innermost axis.
///
/// Work of at least ``parallelThreshold`` items (or a lower threshold the
/// caller gives, for costly items such as libmvec's `exp`) may be split in
/// two along the outermost axis and run on two threads, when the caller says
/// its runs may run concurrently (they write disjoint elements).
struct IterationPlan {
  typealias Strides = SIMD4<Int>

  struct Axis {
    var size: Int
    var strides: Strides
  }

  /// Axes, outermost first; the last is the inner run. Empty for one element.
  var axes: [Axis]
  /// Some axis has length 0: nothing to do.
  var isEmpty = false

  /// Plans a walk over `shape` for operands with these per-axis strides.
  /// Unused operand slots must have zero strides.
  init(shape: Dimensions, strides: [Dimensions], leader: Int = 0) {
    var axes: [Axis] = []
    axes.reserveCapacity(shape.count)
    for axis in 0..<shape.count {
      let size = shape[axis]
      if size == 0 { isEmpty = true }
      guard size > 1 else { continue }
      var s = Strides()
      for (k, operand) in strides.enumerated() { s[k] = operand[axis] }
      axes.append(Axis(size: size, strides: s))
    }
    // Outermost first: by the leader's stride magnitude, then the others'.
    func outer(_ a: Axis, _ b: Axis) -> Bool {
      let (x, y) = (a.strides[leader].magnitude, b.strides[leader].magnitude)
      if x != y { return x > y }
      for k in 0..<4 where a.strides[k].magnitude != b.strides[k].magnitude {
        return a.strides[k].magnitude > b.strides[k].magnitude
      }
      return false
    }
    for i in axes.indices.dropFirst() {
      var j = i
      let moving = axes[i]
      while j > 0 && outer(moving, axes[j - 1]) {
        axes[j] = axes[j - 1]
        j -= 1
      }
      axes[j] = moving
    }
    var merged: [Axis] = []
    merged.reserveCapacity(axes.count)
    for axis in axes {
      if let last = merged.last, last.strides == axis.strides &* axis.size {
        merged[merged.count - 1] = Axis(size: last.size &* axis.size, strides: axis.strides)
      } else {
        merged.append(axis)
      }
    }
    self.axes = merged
  }

  /// Rows per tile along the crossing axis, and items per tile along the
  /// inner run, when operands disagree on their fastest axis.
  static let tileRows = 8
  static let tileColumns = 256

  /// The outer axis that some operand walks fastest, when it is not the
  /// inner one and tiling pays (both axes long enough).
  var crossingAxis: Int? {
    guard axes.count >= 2, let inner = axes.last, inner.size >= 32 else { return nil }
    for k in 0..<4 {
      let innerStride = inner.strides[k].magnitude
      var fastest = axes.count - 1
      var fastestStride = innerStride
      for a in 0..<(axes.count - 1) {
        let s = axes[a].strides[k].magnitude
        if s != 0 && (fastestStride == 0 || s < fastestStride) {
          fastest = a
          fastestStride = s
        }
      }
      if fastest != axes.count - 1 && axes[fastest].size >= 32 && innerStride > 64 { return fastest }
    }
    return nil
  }

  /// Work below this many items stays on the calling thread: splitting it
  /// costs more than it saves.
  static let parallelThreshold = 1 << 20

  /// The processors available to split work over (at most two are used).
  static let processorCount = ProcessInfo.processInfo.activeProcessorCount

  /// The number of items the plan walks.
  var itemCount: Int { isEmpty ? 0 : axes.reduce(1) { $0 &* $1.size } }

  /// Whether splitting this plan over two threads should pay.
  var isWorthSplitting: Bool { isWorthSplitting(threshold: Self.parallelThreshold) }

  /// Whether splitting should pay for work of at least `threshold` items;
  /// the libmvec loops, whose items cost about a nanosecond, pass a lower
  /// threshold than the default.
  func isWorthSplitting(threshold: Int) -> Bool { Self.processorCount >= 2 && itemCount >= threshold }

  /// The plan cut in two along one axis (the outermost by default): the
  /// first half walks from the same addresses, the second from `offset`
  /// further.
  func halves(along axis: Int = 0) -> (first: IterationPlan, second: IterationPlan, offset: Strides) {
    var first = self
    var second = self
    let size = axes[axis].size
    first.axes[axis].size = size / 2
    second.axes[axis].size = size - size / 2
    return (first, second, axes[axis].strides &* (size / 2))
  }

  /// Whether operand 0 (the output) writes every item at its own bytes:
  /// sorted by stride magnitude, each axis steps past everything the
  /// smaller ones reach. A view made by `asStrided` can fail this.
  func outputIsDisjoint(itemSize: Int) -> Bool {
    var reach = itemSize
    for axis in axes.sorted(by: { $0.strides[0].magnitude < $1.strides[0].magnitude }) {
      let stride = Int(axis.strides[0].magnitude)
      guard stride >= reach else { return false }
      reach += stride * (axis.size - 1)
    }
    return true
  }

  /// Calls `run` for every inner run, on two threads when `parallel` is
  /// true, the work is large enough, and the output's items do not share
  /// bytes. `run` must then be safe to call concurrently on disjoint runs.
  @inline(__always)
  func forEachRun(
    _ base: Strides, parallel: Bool, outputItemSize: Int, threshold: Int = parallelThreshold,
    _ run: (Int, Strides, Strides) -> Void
  ) {
    guard parallel, isWorthSplitting(threshold: threshold), !axes.isEmpty, outputIsDisjoint(itemSize: outputItemSize)
    else {
      forEachRun(base, run)
      return
    }
    let (first, second, offset) = halves()
    Self.concurrently(
      { first.forEachRun(base, run) },
      { second.forEachRun(base &+ offset, run) })
  }

  /// Runs two closures at once, one on another thread, and returns when
  /// both are done.
  static func concurrently(_ a: () -> Void, _ b: () -> Void) {
    withoutActuallyEscaping(a) { a in
      withoutActuallyEscaping(b) { b in
        let work = UncheckedSendable((a, b))
        DispatchQueue.concurrentPerform(iterations: 2) { i in
          if i == 0 { work.value.0() } else { work.value.1() }
        }
      }
    }
  }

  /// Calls `run(count, addresses, innerStrides)` for every inner run, from
  /// the operands' first-element addresses.
  @inline(__always)
  func forEachRun(_ base: Strides, _ run: (Int, Strides, Strides) -> Void) {
    if isEmpty { return }
    guard let inner = axes.last else {
      run(1, base, Strides())
      return
    }
    var outer = axes
    outer.removeLast()
    if let k = crossingAxis {
      let crossing = outer.remove(at: k)
      Self.walk(outer, base) { start in
        var r0 = 0
        while r0 < crossing.size {
          let r1 = Swift.min(r0 + Self.tileRows, crossing.size)
          var c0 = 0
          while c0 < inner.size {
            let c1 = Swift.min(c0 + Self.tileColumns, inner.size)
            for r in r0..<r1 {
              run(c1 - c0, start &+ crossing.strides &* r &+ inner.strides &* c0, inner.strides)
            }
            c0 = c1
          }
          r0 = r1
        }
      }
      return
    }
    Self.walk(outer, base) { start in run(inner.size, start, inner.strides) }
  }

  /// Calls `body` with the addresses of every index of `axes` (an odometer,
  /// the last axis fastest).
  @inline(__always)
  static func walk(_ axes: [Axis], _ base: Strides, _ body: (Strides) -> Void) {
    switch axes.count {
    case 0:
      body(base)
    case 1:
      var p = base
      for _ in 0..<axes[0].size {
        body(p)
        p &+= axes[0].strides
      }
    default:
      var index = [Int](repeating: 0, count: axes.count)
      var p = base
      let last = axes.count - 1
      outer: while true {
        body(p)
        var axis = last
        while true {
          index[axis] += 1
          p &+= axes[axis].strides
          if index[axis] < axes[axis].size { continue outer }
          p &-= axes[axis].strides &* axes[axis].size
          index[axis] = 0
          if axis == 0 { break outer }
          axis -= 1
        }
      }
    }
  }
}

/// A value handed to another thread by a caller that guarantees the access
/// is safe (the threads touch disjoint memory and are joined before return).
struct UncheckedSendable<Value>: @unchecked Sendable {
  var value: Value
  init(_ value: Value) { self.value = value }
}
