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
/// caller gives, for costly items such as libmvec's `exp`) may be cut into
/// blocks along one axis and run on ``WorkPool``'s threads, when the caller
/// says its runs may run concurrently (they write disjoint elements).
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

  /// The number of items the plan walks.
  var itemCount: Int { isEmpty ? 0 : axes.reduce(1) { $0 &* $1.size } }

  /// Whether splitting this plan should pay.
  var isWorthSplitting: Bool { isWorthSplitting(threshold: Self.parallelThreshold) }

  /// Whether splitting should pay for work of at least `threshold` items;
  /// the libmvec loops, whose items cost about a nanosecond, pass a lower
  /// threshold than the default. It depends on the shape only, never on
  /// the thread count, so that results do not either.
  func isWorthSplitting(threshold: Int) -> Bool { itemCount >= threshold }

  /// How to cut the plan into about `parts` blocks: along the outermost
  /// axis that has that many indices, else along the longest axis (the
  /// inner run, when the outer axes are short), into at most its length.
  func split(into parts: Int) -> (axis: Int, parts: Int) {
    precondition(!axes.isEmpty, "IterationPlan: splitting a plan without axes")
    if let axis = axes.firstIndex(where: { $0.size >= parts }) { return (axis, parts) }
    let longest = axes.indices.max { axes[$0].size < axes[$1].size }!
    return (longest, Swift.max(1, axes[longest].size))
  }

  /// Block `index` of `parts` blocks along `axis`: the plan over its
  /// indices, and the offset of its first addresses.
  func part(_ index: Int, of parts: Int, along axis: Int) -> (plan: IterationPlan, offset: Strides) {
    var part = self
    let size = axes[axis].size
    // In 128 bits: `size × index` overflows for the sizes a broadcast
    // view can have.
    let lower = Int(Int128(size) * Int128(index) / Int128(parts))
    part.axes[axis].size = Int(Int128(size) * Int128(index + 1) / Int128(parts)) - lower
    return (part, axes[axis].strides &* lower)
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

  /// Calls `run` for every inner run, spread over ``Parallelism``'s
  /// threads when `parallel` is true, the work is large enough, and the
  /// output's items do not share bytes: in blocks of at least
  /// `threshold / 2` items. `run` must then be safe to call concurrently
  /// on disjoint runs.
  @inline(__always)
  func forEachRun(
    _ base: Strides, parallel: Bool, outputItemSize: Int, threshold: Int = parallelThreshold,
    _ run: (Int, Strides, Strides) -> Void
  ) {
    // One copy of `run`'s inlined loops, whether the work is split or not.
    @inline(never) func each(_ plan: IterationPlan, _ start: Strides) { plan.forEachRun(start, run) }
    guard parallel, isWorthSplitting(threshold: threshold), !axes.isEmpty, WorkPool.shared.canSplit,
      outputIsDisjoint(itemSize: outputItemSize)
    else {
      each(self, base)
      return
    }
    let wanted = Swift.min(itemCount / Swift.max(threshold / 2, 1), 4 * WorkPool.shared.threadCount)
    let (axis, parts) = split(into: Swift.max(wanted, 1))
    WorkPool.shared.run(parts) { i in
      let (plan, offset) = part(i, of: parts, along: axis)
      each(plan, base &+ offset)
    }
  }

  /// Calls `body` on consecutive ranges of `0..<count` that together cover
  /// it, spread over the pool's threads when `count × cost` (elements) is
  /// at least `threshold`; a range holds at least one index.
  static func forEachBlock(_ count: Int, cost: Int, threshold: Int = 1 << 15, _ body: (Range<Int>) -> Void) {
    guard count >= 2, count &* cost >= threshold, WorkPool.shared.canSplit else {
      if count > 0 { body(0..<count) }
      return
    }
    let parts = Swift.min(count, 4 * WorkPool.shared.threadCount, Swift.max(1, count &* cost / (threshold / 2)))
    WorkPool.shared.run(parts) { i in body(count * i / parts..<count * (i + 1) / parts) }
  }

  /// Calls `run(count, addresses, innerStrides)` for every inner run, from
  /// the operands' first-element addresses.
  ///
  /// `run` is called from one place only: a 0-d plan is one run of one
  /// item, the odometer is one loop, and a row without a crossing axis is
  /// one tile of the tile walk (whose steps after a tile are a few compares
  /// when there is one). So a caller's closure, inlined here with its
  /// vector loops, is compiled once per specialisation, not once per case.
  @inline(__always)
  func forEachRun(_ base: Strides, _ run: (Int, Strides, Strides) -> Void) {
    if isEmpty { return }
    var outer = axes
    let inner = outer.popLast() ?? Axis(size: 1, strides: Strides())
    let crossingIndex = crossingAxis
    let crossing = crossingIndex.map { outer.remove(at: $0) } ?? Axis(size: 1, strides: Strides())
    let tileRows = crossingIndex == nil ? 1 : Self.tileRows
    let tileColumns = crossingIndex == nil ? inner.size : Self.tileColumns
    let firstColumns = Swift.min(tileColumns, inner.size)
    let firstRows = Swift.min(tileRows, crossing.size)
    Self.walk(outer, base) { start in
      // Tiles of `tileRows` rows of the crossing axis by `tileColumns`
      // items, row by row within a tile.
      var (r0, r1, r) = (0, firstRows, 0)
      var (c0, c1) = (0, firstColumns)
      var address = start
      while true {
        run(c1 - c0, address, inner.strides)
        r += 1
        address &+= crossing.strides
        if r < r1 { continue }
        c0 = c1
        if c0 < inner.size {
          c1 = Swift.min(c0 + tileColumns, inner.size)
        } else {
          r0 = r1
          if r0 >= crossing.size { break }
          r1 = Swift.min(r0 + tileRows, crossing.size)
          (c0, c1) = (0, firstColumns)
        }
        r = r0
        address = start &+ crossing.strides &* r0 &+ inner.strides &* c0
      }
    }
  }

  /// Calls `body` with the addresses of every index of `axes` (an odometer,
  /// the last axis fastest, its index and stride in registers). `body` is
  /// called from one place, so it is inlined once; the other axes' indices
  /// live on the stack.
  @inline(__always)
  static func walk(_ axes: [Axis], _ base: Strides, _ body: (Strides) -> Void) {
    let count = axes.count
    let lastSize = count > 0 ? axes[count - 1].size : 1
    let lastStride = count > 0 ? axes[count - 1].strides : Strides()
    withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.max(count, 1)) { buffer in
      let index = buffer.baseAddress!
      index.initialize(repeating: 0, count: Swift.max(count, 1))
      axes.withUnsafeBufferPointer { axes in
        var p = base
        var i = 0
        outer: while true {
          body(p)
          i += 1
          p &+= lastStride
          if i < lastSize { continue }
          p &-= lastStride &* lastSize
          i = 0
          var axis = count - 2
          while axis >= 0 {
            index[axis] += 1
            p &+= axes[axis].strides
            if index[axis] < axes[axis].size { continue outer }
            p &-= axes[axis].strides &* axes[axis].size
            index[axis] = 0
            axis -= 1
          }
          break
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
