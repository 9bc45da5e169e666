import ComplexModule
import RealModule

/// Reductions over all elements or over chosen axes, on the same
/// ``IterationPlan`` as the element-wise kernels.
///
/// The output has stride 0 along each reduced axis, and the input leads the
/// plan, so the input is read in memory order. An inner run along a reduced
/// axis folds into one value (sums pairwise, as NumPy's); an inner run along
/// a kept axis combines into the output element by element (a loop the
/// compiler vectorizes).
enum Reduction {
  enum Operation {
    case sum, product, minimum, maximum, all, any

    var name: StaticString {
      switch self {
      case .sum: "sum"
      case .product: "product"
      case .minimum: "min"
      case .maximum: "max"
      case .all: "all"
      case .any: "any"
      }
    }
  }

  /// Sorted, distinct, in-range axes.
  ///
  /// - Precondition: Every axis is in `-rank..<rank`, and none repeats.
  static func normalize(_ axes: [Int], rank: Int, _ operation: StaticString) -> [Int] {
    let normalized = axes.map { axis in
      precondition(axis >= -rank && axis < rank, "\(operation): axis \(axis) is out of range for \(rank) dimensions")
      return axis < 0 ? axis + rank : axis
    }
    precondition(Set(normalized).count == normalized.count, "\(operation): axis repeated in \(axes)")
    return normalized.sorted()
  }

  /// The result's shape: the kept axes, with 1 for each reduced axis when
  /// `keepDimensions`.
  static func resultShape(_ shape: Dimensions, reducing axes: [Int], keepDimensions: Bool) -> Dimensions {
    var result = Dimensions()
    for axis in 0..<shape.count {
      if !axes.contains(axis) {
        result.append(shape[axis])
      } else if keepDimensions {
        result.append(1)
      }
    }
    return result
  }

  /// Reduces `a` over `axes` into new storage.
  static func reduce(
    _ op: Operation, _ a: NDView, axes: [Int], keepDimensions: Bool, kind: ScalarKind, format: Format
  ) -> NDView {
    let shape = resultShape(a.shape, reducing: axes, keepDimensions: keepDimensions)
    let out = try! NDView(format: format, shape: shape)
    // The output's strides in the input's axes: 0 along each reduced one.
    let keptShape = resultShape(a.shape, reducing: axes, keepDimensions: true)
    var strides = Layout.cStrides(for: keptShape, itemSize: out.itemSize)
    for axis in axes { strides[axis] = 0 }
    let target = NDView(
      unchecked: out.storage, format: out.format, itemSize: out.itemSize, byteOffset: 0,
      layout: Layout(shape: a.shape, strides: strides), isReadOnly: false)
    run(op, a, into: target, kind: kind)
    return out
  }

  static func run(_ op: Operation, _ a: NDView, into out: NDView, kind: ScalarKind) {
    switch kind {
    case .bool: logical(op, a, out)
    case .int8: integer(Int8.self, op, a, out)
    case .uint8, .char: integer(UInt8.self, op, a, out)
    case .int16: integer(Int16.self, op, a, out)
    case .uint16: integer(UInt16.self, op, a, out)
    case .int32: integer(Int32.self, op, a, out)
    case .uint32: integer(UInt32.self, op, a, out)
    case .int64: integer(Int64.self, op, a, out)
    case .uint64: integer(UInt64.self, op, a, out)
    case .float16: floating(Float16.self, op, a, out)
    case .float32: floating(Float.self, op, a, out)
    case .float64: floating(Double.self, op, a, out)
    case .complex64: complex(Complex<Float>.self, op, a, out)
    case .complex128: complex(Complex<Double>.self, op, a, out)
    case .pointer: preconditionFailure("\(op.name): pointers are not numbers")
    }
  }

  /// Sums and products of integers narrower than the output (64 bits, as
  /// NumPy widens them) accumulate in the output's type; everything else
  /// folds in the element type, wrapping on overflow.
  static func integer<T: FixedWidthInteger>(_: T.Type, _ op: Operation, _ a: NDView, _ out: NDView) {
    if (op == .sum || op == .product) && out.itemSize > MemoryLayout<T>.size {
      if T.isSigned {
        op == .sum ? fold(WideningSum<T, Int64>.self, a, out) : fold(WideningProduct<T, Int64>.self, a, out)
      } else {
        op == .sum ? fold(WideningSum<T, UInt64>.self, a, out) : fold(WideningProduct<T, UInt64>.self, a, out)
      }
      return
    }
    switch op {
    case .sum: fold(WrappingSum<T>.self, a, out)
    case .product: fold(WrappingProduct<T>.self, a, out)
    case .minimum: fold(Least<T>.self, a, out)
    case .maximum: fold(Greatest<T>.self, a, out)
    default: preconditionFailure("\(op.name): integers are not truth values")
    }
  }

  /// Sums are pairwise, as NumPy's; minimum and maximum propagate NaN.
  /// Contiguous runs go through vectorized loops.
  static func floating<T: BinaryFloatingPoint & SIMDScalar>(_: T.Type, _ op: Operation, _ a: NDView, _ out: NDView) {
    switch op {
    case .sum: fold(FloatingSum<T>.self, a, out)
    case .product: fold(FieldProduct<T>.self, a, out)
    case .minimum: fold(FloatingLeast<T>.self, a, out)
    case .maximum: fold(FloatingGreatest<T>.self, a, out)
    default: preconditionFailure("\(op.name): floating-point values are not truth values")
    }
  }

  static func complex<T: AlgebraicField>(_: T.Type, _ op: Operation, _ a: NDView, _ out: NDView) {
    switch op {
    case .sum: fold(FieldSum<T>.self, a, out)
    case .product: fold(FieldProduct<T>.self, a, out)
    default: preconditionFailure("\(op.name): complex numbers are not ordered")
    }
  }

  static func logical(_ op: Operation, _ a: NDView, _ out: NDView) {
    switch op {
    case .all: fold(AllTrue.self, a, out)
    case .any: fold(AnyTrue.self, a, out)
    case .sum: fold(TrueCount.self, a, out)
    case .product: fold(TrueProduct.self, a, out)
    default: preconditionFailure("\(op.name): Bool elements are not ordered")
    }
  }

  /// Fills `out` with the identity, then combines every element of `a`
  /// into the output element it maps to.
  static func fold<F: Folding>(_: F.Type, _ a: NDView, _ out: NDView) {
    typealias T = F.Value
    let e = MemoryLayout<T>.stride
    let outBase = UnsafeMutableRawPointer(bitPattern: Elementwise.address(out))!
    // `out` spans the input's shape with zero strides; its own elements are
    // the storage's first `count` items.
    let count = out.storage.count / e
    for i in 0..<count { (outBase + i * e).storeBytes(of: F.identity, as: T.self) }
    let plan = IterationPlan(shape: a.shape, strides: [out.strides, a.strides], leader: 1)
    // No elements: every output (if any) keeps the identity. The plan has
    // dropped the empty axis, so its other axes must not be walked.
    if plan.isEmpty {
      withExtendedLifetime((a, out)) {}
      return
    }
    let base = IterationPlan.Strides(Elementwise.address(out), Elementwise.address(a), 0, 0)
    guard plan.isWorthSplitting, !plan.axes.isEmpty else {
      // A narrow matrix reduced along its rows (`x.sum(axis: 0)` of
      // 1000 × 6): the outputs stay in registers for the whole walk.
      if plan.axes.count == 2 && plan.crossingAxis == nil {
        let (outer, inner) = (plan.axes[0], plan.axes[1])
        let alignment = MemoryLayout<F.Input>.alignment
        if outer.strides[0] == 0 && inner.strides[0] == e && inner.strides[1] == MemoryLayout<F.Input>.stride
          && outer.strides[1] > 0 && outer.strides[1] % alignment == 0 && base[1] % alignment == 0
          && base[0] % MemoryLayout<T>.alignment == 0
          && F.shortRows(
            UnsafeMutablePointer<T>(bitPattern: base[0])!, UnsafeRawPointer(bitPattern: base[1])!, n: inner.size,
            rows: outer.size, rowStride: outer.strides[1])
        {
          withExtendedLifetime((a, out)) {}
          return
        }
      }
      plan.forEachRun(base) { n, p, s in foldRun(F.self, n, p, s) }
      withExtendedLifetime((a, out)) {}
      return
    }
    // Results the same for every thread count. Along the outermost kept
    // axis the blocks write different outputs, each folded in the same
    // order as without blocks. With no kept axis, blocks whose bounds
    // depend on the shape only each fold into a partial result of their
    // own, and the partials are combined in block order.
    if let kept = plan.axes.firstIndex(where: { $0.strides[0] != 0 }) {
      // One block a thread: the widest runs along the kept axis. The fold
      // order of each output does not depend on where the axis is cut.
      let parts = Swift.min(plan.axes[kept].size, Swift.max(2, WorkPool.shared.threadCount))
      WorkPool.shared.run(parts) { i in
        let (part, offset) = plan.part(i, of: parts, along: kept)
        part.forEachRun(base &+ offset) { n, p, s in foldRun(F.self, n, p, s) }
      }
    } else {
      // At most `maximumBlocks` blocks, so the partials stay small however
      // many items a (broadcast) input holds.
      let blocks = Swift.min(Swift.max(2, plan.itemCount / reductionBlock), maximumBlocks)
      let (axis, parts) = plan.split(into: blocks)
      let partials = ByteStorage(count: parts * count * e)
      for i in 0..<(parts * count) { (partials.base + i * e).storeBytes(of: F.identity, as: T.self) }
      WorkPool.shared.run(parts) { i in
        let (part, offset) = plan.part(i, of: parts, along: axis)
        var start = base &+ offset
        // The partial starts its own outputs; the output strides are 0.
        start[0] = Int(bitPattern: partials.base + i * count * e)
        part.forEachRun(start) { n, p, s in foldRun(F.self, n, p, s) }
      }
      for i in 0..<count {
        let target = outBase + i * e
        var value = target.load(as: T.self)
        for block in 0..<parts {
          value = F.combine(value, (partials.base + (block * count + i) * e).load(as: T.self))
        }
        target.storeBytes(of: value, as: T.self)
      }
      withExtendedLifetime(partials) {}
    }
    withExtendedLifetime((a, out)) {}
  }

  /// The items of one block of a large reduction: blocks are cut by the
  /// shape alone, so results do not depend on the thread count.
  static let reductionBlock = 1 << 18
  /// The most blocks one reduction is cut into: past 2³⁰ items, blocks
  /// grow instead.
  static let maximumBlocks = 1 << 12

  /// One inner run: a fold into one output element (stride 0), or an
  /// element-by-element combine into a row of outputs.
  @inline(__always)
  static func foldRun<F: Folding>(_: F.Type, _ n: Int, _ p: IterationPlan.Strides, _ s: IterationPlan.Strides) {
    typealias T = F.Value
    typealias I = F.Input
    let e = MemoryLayout<T>.stride
    let ei = MemoryLayout<I>.stride
    let o = UnsafeMutableRawPointer(bitPattern: p[0])!
    let x = UnsafeRawPointer(bitPattern: p[1])!
    if s[0] == 0 {
      let value: T
      if s[1] == ei, p[1] % MemoryLayout<I>.alignment == 0, let fast = F.contiguous(x.assumingMemoryBound(to: I.self), n) {
        value = fast
      } else if F.isPairwise {
        value = sumPairwise(x, n, s[1], F.identity, F.fold, F.combine)
      } else {
        value = fold8(x, n, s[1], F.identity, F.fold, F.combine)
      }
      o.storeBytes(of: F.combine(o.load(as: T.self), value), as: T.self)
    } else if s[0] == e && s[1] == ei && p[0] % MemoryLayout<T>.alignment == 0 && p[1] % MemoryLayout<I>.alignment == 0 {
      let po = o.assumingMemoryBound(to: T.self)
      let px = x.assumingMemoryBound(to: I.self)
      for i in 0..<n { po[i] = F.fold(po[i], px[i]) }
    } else {
      var (po, px) = (o, x)
      for _ in 0..<n {
        po.storeBytes(of: F.fold(po.loadUnaligned(as: T.self), px.loadUnaligned(as: I.self)), as: T.self)
        po += s[0]
        px += s[1]
      }
    }
  }

  /// Folds `n` items `stride` bytes apart with eight independent
  /// accumulators (lane *k* takes items *k*, *k* + 8, …), combined as
  /// `((r0 r1)(r2 r3))((r4 r5)(r6 r7))`: NumPy's inner block. Items of type
  /// `I` fold into accumulators of type `T`.
  @inline(__always)
  static func fold8<T, I>(
    _ x: UnsafeRawPointer, _ n: Int, _ stride: Int, _ identity: T, _ fold: (T, I) -> T, _ combine: (T, T) -> T
  ) -> T {
    if n < 8 {
      var r = identity
      for i in 0..<n { r = fold(r, x.loadUnaligned(fromByteOffset: i * stride, as: I.self)) }
      return r
    }
    var (r0, r1, r2, r3) = (identity, identity, identity, identity)
    var (r4, r5, r6, r7) = (identity, identity, identity, identity)
    var i = 0
    if stride == MemoryLayout<I>.stride && Int(bitPattern: x) % MemoryLayout<I>.alignment == 0 {
      let p = x.assumingMemoryBound(to: I.self)
      while i + 8 <= n {
        r0 = fold(r0, p[i])
        r1 = fold(r1, p[i + 1])
        r2 = fold(r2, p[i + 2])
        r3 = fold(r3, p[i + 3])
        r4 = fold(r4, p[i + 4])
        r5 = fold(r5, p[i + 5])
        r6 = fold(r6, p[i + 6])
        r7 = fold(r7, p[i + 7])
        i += 8
      }
    } else {
      while i + 8 <= n {
        let q = x + i * stride
        r0 = fold(r0, q.loadUnaligned(as: I.self))
        r1 = fold(r1, q.loadUnaligned(fromByteOffset: stride, as: I.self))
        r2 = fold(r2, q.loadUnaligned(fromByteOffset: 2 * stride, as: I.self))
        r3 = fold(r3, q.loadUnaligned(fromByteOffset: 3 * stride, as: I.self))
        r4 = fold(r4, q.loadUnaligned(fromByteOffset: 4 * stride, as: I.self))
        r5 = fold(r5, q.loadUnaligned(fromByteOffset: 5 * stride, as: I.self))
        r6 = fold(r6, q.loadUnaligned(fromByteOffset: 6 * stride, as: I.self))
        r7 = fold(r7, q.loadUnaligned(fromByteOffset: 7 * stride, as: I.self))
        i += 8
      }
    }
    var r = combine(combine(combine(r0, r1), combine(r2, r3)), combine(combine(r4, r5), combine(r6, r7)))
    while i < n {
      r = fold(r, x.loadUnaligned(fromByteOffset: i * stride, as: I.self))
      i += 1
    }
    return r
  }

  /// NumPy's pairwise summation: blocks of at most 128 items folded by
  /// ``fold8(_:_:_:_:_:)``, halves above that. The rounding error grows as
  /// O(log n) rather than O(n).
  static func sumPairwise<T, I>(
    _ x: UnsafeRawPointer, _ n: Int, _ stride: Int, _ identity: T, _ fold: (T, I) -> T, _ combine: (T, T) -> T
  ) -> T {
    if n <= 128 { return fold8(x, n, stride, identity, fold, combine) }
    var half = n / 2
    half -= half % 8
    return combine(
      sumPairwise(x, half, stride, identity, fold, combine),
      sumPairwise(x + half * stride, n - half, stride, identity, fold, combine))
  }
}

extension Reduction {
  /// NumPy's pairwise sum of a contiguous run, with its eight accumulators
  /// as the lanes of one SIMD vector: the same additions in the same order.
  static func sumSIMD<T: BinaryFloatingPoint & SIMDScalar>(_ p: UnsafePointer<T>, _ n: Int) -> T {
    if n < 8 {
      var r = T.zero
      for i in 0..<n { r += p[i] }
      return r
    }
    if n <= 128 {
      let raw = UnsafeRawPointer(p)
      var acc = raw.loadUnaligned(as: SIMD8<T>.self)
      var i = 8
      while i + 8 <= n {
        acc += raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: SIMD8<T>.self)
        i += 8
      }
      var r = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
      while i < n {
        r += p[i]
        i += 1
      }
      return r
    }
    var half = n / 2
    half -= half % 8
    return sumSIMD(p, half) + sumSIMD(p + half, n - half)
  }

  /// The minimum or maximum of a contiguous run; NaN anywhere gives NaN.
  ///
  /// Eight independent lanes of selects the compiler turns into vector
  /// min/max instructions, plus a probe that sums `x − x` (NaN for NaN or
  /// an infinity). Only a run the probe flags is scanned again exactly.
  @inline(__always)
  static func extremeSIMD<T: BinaryFloatingPoint>(_ p: UnsafePointer<T>, _ n: Int, maximum: Bool) -> T {
    let start = maximum ? -T.infinity : T.infinity
    var r = (start, start, start, start, start, start, start, start)
    var q = (T.zero, T.zero, T.zero, T.zero)
    var i = 0
    @inline(__always) func pick(_ x: T, _ y: T) -> T { maximum ? (x > y ? x : y) : (x < y ? x : y) }
    while i &+ 8 <= n {
      let x = (p[i], p[i &+ 1], p[i &+ 2], p[i &+ 3], p[i &+ 4], p[i &+ 5], p[i &+ 6], p[i &+ 7])
      r = (pick(x.0, r.0), pick(x.1, r.1), pick(x.2, r.2), pick(x.3, r.3),
           pick(x.4, r.4), pick(x.5, r.5), pick(x.6, r.6), pick(x.7, r.7))
      q = (q.0 + ((x.0 - x.0) + (x.4 - x.4)), q.1 + ((x.1 - x.1) + (x.5 - x.5)),
           q.2 + ((x.2 - x.2) + (x.6 - x.6)), q.3 + ((x.3 - x.3) + (x.7 - x.7)))
      i &+= 8
    }
    var result = pick(pick(pick(r.0, r.1), pick(r.2, r.3)), pick(pick(r.4, r.5), pick(r.6, r.7)))
    if (q.0 + q.1 + q.2 + q.3).isNaN {
      // A NaN or an infinity: an exact scan decides.
      result = start
      i = 0
    }
    while i < n {
      let x = p[i]
      if x.isNaN { return x }
      result = pick(x, result)
      i &+= 1
    }
    return result
  }

  /// The index of the first minimum (or maximum) of each row of a
  /// C-contiguous view's last axis; the first NaN wins, as in NumPy.
  static func argExtreme(_ a: NDView, kind: ScalarKind, maximum: Bool) -> [Int] {
    switch kind {
    case .int8: scan(Int8.self, a, maximum, { _ in false })
    case .uint8, .char: scan(UInt8.self, a, maximum, { _ in false })
    case .int16: scan(Int16.self, a, maximum, { _ in false })
    case .uint16: scan(UInt16.self, a, maximum, { _ in false })
    case .int32: scan(Int32.self, a, maximum, { _ in false })
    case .uint32: scan(UInt32.self, a, maximum, { _ in false })
    case .int64: scan(Int64.self, a, maximum, { _ in false })
    case .uint64: scan(UInt64.self, a, maximum, { _ in false })
    case .float16: scan(Float16.self, a, maximum, { $0.isNaN })
    case .float32: scan(Float.self, a, maximum, { $0.isNaN })
    case .float64: scan(Double.self, a, maximum, { $0.isNaN })
    default: preconditionFailure("argmin/argmax: \(kind) elements are not ordered")
    }
  }

  static func scan<T: Comparable>(_: T.Type, _ a: NDView, _ maximum: Bool, _ isNaN: (T) -> Bool) -> [Int] {
    let n = a.ndim == 0 ? 1 : a.layout.size(a.ndim - 1)
    let rows = n == 0 ? 0 : a.count / n
    let base = UnsafeRawPointer(bitPattern: Elementwise.address(a))!
    let e = MemoryLayout<T>.stride
    var result: [Int] = []
    result.reserveCapacity(rows)
    for r in 0..<rows {
      let row = base + r * n * e
      var best = 0
      var value = row.loadUnaligned(as: T.self)
      if !isNaN(value) {
        for i in 1..<Swift.max(1, n) {
          let x = row.loadUnaligned(fromByteOffset: i * e, as: T.self)
          if isNaN(x) {
            best = i
            break
          }
          if maximum ? x > value : x < value {
            value = x
            best = i
          }
        }
      }
      result.append(best)
    }
    withExtendedLifetime(a) {}
    return result
  }
}

/// A way of folding values into one: its identity and its step, as a type,
/// so that every fold is compiled for its operation (a closure would not
/// survive the hand-off to a second thread).
protocol Folding {
  /// The accumulator's type, which is the output's.
  associatedtype Value
  /// The input elements' type.
  associatedtype Input = Value
  static var identity: Value { get }
  /// Folds one input into an accumulator.
  static func fold(_ a: Value, _ x: Input) -> Value
  /// Combines two accumulators.
  static func combine(_ a: Value, _ b: Value) -> Value
  /// Whether runs are summed pairwise, as NumPy sums.
  static var isPairwise: Bool { get }
  /// A faster fold of an aligned contiguous run, when there is one.
  static func contiguous(_ p: UnsafePointer<Input>, _ n: Int) -> Value?
  /// Folds `rows` rows of `n` contiguous inputs, `rowStride` bytes apart
  /// (a positive multiple of the alignment), into the `n` outputs at `o`,
  /// row after row, as ``Reduction/foldRun(_:_:_:_:)`` would; `false`
  /// (and nothing done) where the fold has no such loop or `n` is too
  /// wide for it.
  static func shortRows(_ o: UnsafeMutablePointer<Value>, _ x: UnsafeRawPointer, n: Int, rows: Int, rowStride: Int) -> Bool
}

extension Folding {
  static var isPairwise: Bool { false }
  @inline(__always) static func contiguous(_ p: UnsafePointer<Input>, _ n: Int) -> Value? { nil }
  @inline(__always)
  static func shortRows(_ o: UnsafeMutablePointer<Value>, _ x: UnsafeRawPointer, n: Int, rows: Int, rowStride: Int) -> Bool {
    false
  }
}

extension Folding where Input == Value {
  @inline(__always) static func fold(_ a: Value, _ x: Input) -> Value { combine(a, x) }
}

/// Integers summed in a wider type, as NumPy sums `int8`…`int32` in `int64`.
enum WideningSum<I: FixedWidthInteger, T: FixedWidthInteger>: Folding {
  static var identity: T { 0 }
  @inline(__always) static func fold(_ a: T, _ x: I) -> T { a &+ T(truncatingIfNeeded: x) }
  @inline(__always) static func combine(_ a: T, _ b: T) -> T { a &+ b }
}

enum WideningProduct<I: FixedWidthInteger, T: FixedWidthInteger>: Folding {
  static var identity: T { 1 }
  @inline(__always) static func fold(_ a: T, _ x: I) -> T { a &* T(truncatingIfNeeded: x) }
  @inline(__always) static func combine(_ a: T, _ b: T) -> T { a &* b }
}

/// `Bool` bytes summed as integers: the count of `true`.
enum TrueCount: Folding {
  static var identity: Int64 { 0 }
  @inline(__always) static func fold(_ a: Int64, _ x: UInt8) -> Int64 { a &+ (x != 0 ? 1 : 0) }
  @inline(__always) static func combine(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
}

/// `Bool` bytes multiplied as integers: 1 when every one is `true`.
enum TrueProduct: Folding {
  static var identity: Int64 { 1 }
  @inline(__always) static func fold(_ a: Int64, _ x: UInt8) -> Int64 { x != 0 ? a : 0 }
  @inline(__always) static func combine(_ a: Int64, _ b: Int64) -> Int64 { a &* b }
}

enum WrappingSum<T: FixedWidthInteger>: Folding {
  static var identity: T { 0 }
  @inline(__always) static func combine(_ a: T, _ b: T) -> T { a &+ b }
}

enum WrappingProduct<T: FixedWidthInteger>: Folding {
  static var identity: T { 1 }
  @inline(__always) static func combine(_ a: T, _ b: T) -> T { a &* b }
}

enum Least<T: FixedWidthInteger>: Folding {
  static var identity: T { .max }
  @inline(__always) static func combine(_ a: T, _ b: T) -> T { b < a ? b : a }
}

enum Greatest<T: FixedWidthInteger>: Folding {
  static var identity: T { .min }
  @inline(__always) static func combine(_ a: T, _ b: T) -> T { b > a ? b : a }
}

enum FloatingSum<T: BinaryFloatingPoint & SIMDScalar>: Folding {
  static var identity: T { 0 }
  @inline(__always) static func combine(_ a: T, _ b: T) -> T { a + b }
  static var isPairwise: Bool { true }
  @inline(__always) static func contiguous(_ p: UnsafePointer<T>, _ n: Int) -> T? { Reduction.sumSIMD(p, n) }

  /// Up to eight columns summed in the lanes of one vector, one row a
  /// step: each lane adds its column's items in row order, as the
  /// element-by-element loop does. Rows whose eight-item load would reach
  /// past the last row's end are added item by item.
  @inline(__always)
  static func shortRows(_ o: UnsafeMutablePointer<T>, _ x: UnsafeRawPointer, n: Int, rows: Int, rowStride: Int) -> Bool {
    guard n <= 8 else { return false }
    let e = MemoryLayout<T>.stride
    var sum = SIMD8<T>(repeating: 0)
    for j in 0..<n { sum[j] = o[j] }
    let end = (rows - 1) * rowStride + n * e
    var r = 0
    var p = x
    while r < rows && r * rowStride + 8 * e <= end {
      sum += p.loadUnaligned(as: SIMD8<T>.self)
      p += rowStride
      r += 1
    }
    while r < rows {
      for j in 0..<n { sum[j] += p.load(fromByteOffset: j * e, as: T.self) }
      p += rowStride
      r += 1
    }
    for j in 0..<n { o[j] = sum[j] }
    return true
  }
}

enum FloatingLeast<T: BinaryFloatingPoint>: Folding {
  static var identity: T { .infinity }
  @inline(__always) static func combine(_ a: T, _ b: T) -> T { b < a || b.isNaN ? b : a }
  @inline(__always) static func contiguous(_ p: UnsafePointer<T>, _ n: Int) -> T? {
    Reduction.extremeSIMD(p, n, maximum: false)
  }
}

enum FloatingGreatest<T: BinaryFloatingPoint>: Folding {
  static var identity: T { -.infinity }
  @inline(__always) static func combine(_ a: T, _ b: T) -> T { b > a || b.isNaN ? b : a }
  @inline(__always) static func contiguous(_ p: UnsafePointer<T>, _ n: Int) -> T? {
    Reduction.extremeSIMD(p, n, maximum: true)
  }
}

enum FieldSum<T: AlgebraicField>: Folding {
  static var identity: T { .zero }
  @inline(__always) static func combine(_ a: T, _ b: T) -> T { a + b }
  static var isPairwise: Bool { true }
}

enum FieldProduct<T: Numeric>: Folding {
  static var identity: T { 1 }
  @inline(__always) static func combine(_ a: T, _ b: T) -> T { a * b }
}

/// `Bool` data as bytes: non-zero is `true`.
enum AllTrue: Folding {
  static var identity: UInt8 { 1 }
  @inline(__always) static func combine(_ a: UInt8, _ b: UInt8) -> UInt8 { a != 0 && b != 0 ? 1 : 0 }
}

enum AnyTrue: Folding {
  static var identity: UInt8 { 0 }
  @inline(__always) static func combine(_ a: UInt8, _ b: UInt8) -> UInt8 { a != 0 || b != 0 ? 1 : 0 }
}
