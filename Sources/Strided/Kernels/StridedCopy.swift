#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one strided copy kernel: every copy in Strided goes through it.
///
/// It plans the walk with ``IterationPlan`` (merging contiguous axes, smallest
/// strides innermost), then:
/// - copies runs that are contiguous on both sides with `memcpy`;
/// - when the destination's fastest axis is not the source's fastest axis
///   (a transpose), walks both in cache-sized tiles, with 4×4 register
///   tiles for 8-byte items;
/// - otherwise runs a strided loop typed by the item size.
enum StridedCopy {
  /// Items per side of a cache tile in the transposing walk.
  static let tile = 64
  /// Below this many items along either tile axis, tiling does not pay.
  static let minimumTiledSize = 16

  /// Copies `shape` items of `itemSize` bytes.
  ///
  /// - Precondition: Both layouts have been validated for their memory, and
  ///   the two regions do not overlap (callers stage overlapping copies).
  static func copy(
    shape: Dimensions, itemSize: Int,
    from source: UnsafeRawPointer, strides sourceStrides: Dimensions,
    to destination: UnsafeMutableRawPointer, strides destinationStrides: Dimensions
  ) {
    let plan = IterationPlan(shape: shape, strides: [destinationStrides, sourceStrides])
    if plan.isEmpty { return }
    // Large copies: blocks along an axis, over the pool's threads.
    let bytes = plan.itemCount &* itemSize
    if bytes >= parallelBytes, !plan.axes.isEmpty, WorkPool.shared.canSplit {
      let wanted = Swift.min(bytes / (parallelBytes / 2), 4 * WorkPool.shared.threadCount)
      let (axis, parts) = plan.split(into: wanted)
      WorkPool.shared.run(parts) { i in
        let (part, offset) = plan.part(i, of: parts, along: axis)
        copy(part, itemSize: itemSize, from: source + offset[1], to: destination + offset[0])
      }
      return
    }
    copy(plan, itemSize: itemSize, from: source, to: destination)
  }

  /// Copies at or above this many bytes are split over the pool's threads.
  static let parallelBytes = 4 << 20

  /// Copies the items `plan` walks (operand 0 the destination, 1 the
  /// source), on the calling thread.
  static func copy(
    _ plan: IterationPlan, itemSize: Int, from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer
  ) {
    var axes = plan.axes
    guard let inner = axes.last else {
      destination.copyMemory(from: source, byteCount: itemSize)
      return
    }

    // A transpose: some outer axis is the source's fastest. Tile over it and
    // the destination's fastest axis.
    if axes.count >= 2 {
      var fastest = axes.count - 1
      for k in 0..<(axes.count - 1) where axes[k].strides[1].magnitude < axes[fastest].strides[1].magnitude {
        fastest = k
      }
      if fastest != axes.count - 1 && inner.size >= minimumTiledSize
        && axes[fastest].size >= minimumTiledSize
      {
        let k = axes.remove(at: fastest)
        let i = axes.removeLast()
        forEachOuter(axes, source, destination) { s, d in
          copyTiled(
            rows: k.size, columns: i.size, itemSize: itemSize,
            source: s, rowStride: k.strides[1], columnStride: i.strides[1],
            destination: d, destinationRowStride: k.strides[0], destinationColumnStride: i.strides[0])
        }
        return
      }
    }

    axes.removeLast()
    let (ds, ss) = (inner.strides[0], inner.strides[1])
    if ds == itemSize && ss == itemSize {
      let bytes = inner.size * itemSize
      forEachOuter(axes, source, destination) { s, d in d.copyMemory(from: s, byteCount: bytes) }
      return
    }
    forEachOuter(axes, source, destination) { s, d in
      copyRun(count: inner.size, itemSize: itemSize, source: s, sourceStride: ss, destination: d, destinationStride: ds)
    }
  }

  /// Calls `body` with the source and destination address of every
  /// combination of indices along `axes` (an odometer, last axis fastest).
  @inline(__always)
  static func forEachOuter(
    _ axes: [IterationPlan.Axis], _ source: UnsafeRawPointer, _ destination: UnsafeMutableRawPointer,
    _ body: (UnsafeRawPointer, UnsafeMutableRawPointer) -> Void
  ) {
    if axes.isEmpty {
      body(source, destination)
      return
    }
    if axes.count == 1 {
      let axis = axes[0]
      var s = source
      var d = destination
      for _ in 0..<axis.size {
        body(s, d)
        s += axis.strides[1]
        d += axis.strides[0]
      }
      return
    }
    withUnsafeTemporaryAllocation(of: Int.self, capacity: axes.count) { counters in
      counters.initialize(repeating: 0)
      var s = source
      var d = destination
      let last = axes.count - 1
      outer: while true {
        body(s, d)
        var axis = last
        while true {
          counters[axis] += 1
          s += axes[axis].strides[1]
          d += axes[axis].strides[0]
          if counters[axis] < axes[axis].size { continue outer }
          s -= axes[axis].strides[1] &* axes[axis].size
          d -= axes[axis].strides[0] &* axes[axis].size
          counters[axis] = 0
          if axis == 0 { break outer }
          axis -= 1
        }
      }
    }
  }

  /// Copies `count` items along one axis.
  @inline(__always)
  static func copyRun(
    count: Int, itemSize: Int,
    source: UnsafeRawPointer, sourceStride: Int,
    destination: UnsafeMutableRawPointer, destinationStride: Int
  ) {
    switch itemSize {
    case 1: run(UInt8.self, count, source, sourceStride, destination, destinationStride)
    case 2: run(UInt16.self, count, source, sourceStride, destination, destinationStride)
    case 4: run(UInt32.self, count, source, sourceStride, destination, destinationStride)
    case 8: run(UInt64.self, count, source, sourceStride, destination, destinationStride)
    case 16: run(SIMD2<UInt64>.self, count, source, sourceStride, destination, destinationStride)
    default:
      var s = source
      var d = destination
      for _ in 0..<count {
        d.copyMemory(from: s, byteCount: itemSize)
        s += sourceStride
        d += destinationStride
      }
    }
  }

  @inline(__always)
  static func run<T: BitwiseCopyable>(
    _: T.Type, _ count: Int, _ source: UnsafeRawPointer, _ sourceStride: Int,
    _ destination: UnsafeMutableRawPointer, _ destinationStride: Int
  ) {
    var s = source
    var d = destination
    var remaining = count
    // Unrolled by four: the loads are independent.
    while remaining >= 4 {
      let a = s.loadUnaligned(as: T.self)
      let b = (s + sourceStride).loadUnaligned(as: T.self)
      let c = (s + 2 &* sourceStride).loadUnaligned(as: T.self)
      let e = (s + 3 &* sourceStride).loadUnaligned(as: T.self)
      d.storeBytes(of: a, as: T.self)
      (d + destinationStride).storeBytes(of: b, as: T.self)
      (d + 2 &* destinationStride).storeBytes(of: c, as: T.self)
      (d + 3 &* destinationStride).storeBytes(of: e, as: T.self)
      s += 4 &* sourceStride
      d += 4 &* destinationStride
      remaining -= 4
    }
    while remaining > 0 {
      d.storeBytes(of: s.loadUnaligned(as: T.self), as: T.self)
      s += sourceStride
      d += destinationStride
      remaining -= 1
    }
  }

  /// Copies a rows × columns plane in tiles. Along `columns` the destination
  /// is fastest; along `rows` the source is.
  static func copyTiled(
    rows: Int, columns: Int, itemSize: Int,
    source: UnsafeRawPointer, rowStride: Int, columnStride: Int,
    destination: UnsafeMutableRawPointer, destinationRowStride: Int, destinationColumnStride: Int
  ) {
    let registerTiles = itemSize == 8 && rowStride == 8 && destinationColumnStride == 8
    var r0 = 0
    while r0 < rows {
      let r1 = Swift.min(r0 + tile, rows)
      var c0 = 0
      while c0 < columns {
        let c1 = Swift.min(c0 + tile, columns)
        if registerTiles {
          transpose8(
            rows: r0..<r1, columns: c0..<c1, source: source, columnStride: columnStride,
            destination: destination, destinationRowStride: destinationRowStride)
        } else {
          // The source is read down each tile column; the destination is
          // written along each tile row.
          for r in r0..<r1 {
            copyRun(
              count: c1 - c0, itemSize: itemSize,
              source: source + r &* rowStride + c0 &* columnStride, sourceStride: columnStride,
              destination: destination + r &* destinationRowStride + c0 &* destinationColumnStride,
              destinationStride: destinationColumnStride)
          }
        }
        c0 = c1
      }
      r0 = r1
    }
  }

  /// One tile of 8-byte items with contiguous source rows and contiguous
  /// destination columns, moved through 4×4 blocks held in registers.
  @inline(__always)
  static func transpose8(
    rows: Range<Int>, columns: Range<Int>,
    source: UnsafeRawPointer, columnStride: Int,
    destination: UnsafeMutableRawPointer, destinationRowStride: Int
  ) {
    typealias V = SIMD4<UInt64>
    let fullRows = rows.lowerBound + (rows.count / 4) * 4
    let fullColumns = columns.lowerBound + (columns.count / 4) * 4
    var r = rows.lowerBound
    while r < fullRows {
      var c = columns.lowerBound
      while c < fullColumns {
        let s = source + r &* 8 + c &* columnStride
        let a0 = s.loadUnaligned(as: V.self)
        let a1 = (s + columnStride).loadUnaligned(as: V.self)
        let a2 = (s + 2 &* columnStride).loadUnaligned(as: V.self)
        let a3 = (s + 3 &* columnStride).loadUnaligned(as: V.self)
        let d = destination + r &* destinationRowStride + c &* 8
        d.storeBytes(of: V(a0[0], a1[0], a2[0], a3[0]), as: V.self)
        (d + destinationRowStride).storeBytes(of: V(a0[1], a1[1], a2[1], a3[1]), as: V.self)
        (d + 2 &* destinationRowStride).storeBytes(of: V(a0[2], a1[2], a2[2], a3[2]), as: V.self)
        (d + 3 &* destinationRowStride).storeBytes(of: V(a0[3], a1[3], a2[3], a3[3]), as: V.self)
        c += 4
      }
      // Leftover columns of these four rows.
      for c in fullColumns..<columns.upperBound {
        for rr in r..<(r + 4) {
          (destination + rr &* destinationRowStride + c &* 8).storeBytes(
            of: (source + rr &* 8 + c &* columnStride).loadUnaligned(as: UInt64.self), as: UInt64.self)
        }
      }
      r += 4
    }
    // Leftover rows.
    for r in fullRows..<rows.upperBound {
      for c in columns {
        (destination + r &* destinationRowStride + c &* 8).storeBytes(
          of: (source + r &* 8 + c &* columnStride).loadUnaligned(as: UInt64.self), as: UInt64.self)
      }
    }
  }
}
