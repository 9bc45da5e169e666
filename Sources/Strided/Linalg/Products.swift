import COpenBLAS
import CStrided
import ComplexModule

/// NumPy's matrix-product rules over untyped views, dispatched once on the
/// element type: BLAS for `Float`, `Double` and their complex numbers,
/// ``MatrixProduct`` for every other numeric type.
enum Products {
  /// `a @ b`, as NumPy's `matmul`.
  ///
  /// - Precondition: Both views hold the same numeric scalar kind in the
  ///   machine's byte order; neither is 0-d; the inner dimensions agree and
  ///   the batch dimensions broadcast.
  static func matmul(_ a: NDView, _ b: NDView, kind: ScalarKind) throws(LinalgError) -> NDView {
    // The common case first, with nothing between the checks and BLAS but
    // the result's allocation.
    if a.ndim == 2 && b.ndim == 2 {
      let (m, k, n) = (a.layout.size(0), a.layout.size(1), b.layout.size(1))
      guard k == b.layout.size(0) else { throw .shapeMismatch(operation: "matmul", shapes: [a.shape.array, b.shape.array]) }
      try checkBLASRange(m, n, k, kind: kind)
      let bytes: Int = try LinalgError.checkedProduct(LinalgError.checkedProduct(m, n, "matmul"), a.itemSize, "matmul")
      guard let storage = ByteStorage(tryingUninitializedCount: bytes) else { throw .outOfMemory(byteCount: bytes) }
      let result = NDView(
        unchecked: storage, format: a.format, itemSize: a.itemSize, byteOffset: 0,
        layout: Layout(axes: Layout.contiguousAxes(rank: 2, sizes: [m, n, 0, 0], itemSize: a.itemSize, order: .c), rank: 2, large: nil),
        isReadOnly: false)
      product(a, b, into: result, kind: kind)
      return result
    }
    for operand in [a, b] where operand.ndim == 0 {
      throw .wrongRank(operation: "matmul", shape: [], expected: 1, atMost: false)
    }
    let a2 = a.ndim == 1 ? a.expandingDimensions(at: 0) : a
    let b2 = b.ndim == 1 ? b.expandingDimensions(at: 1) : b
    let m = a2.layout.size(a2.ndim - 2)
    let k = a2.layout.size(a2.ndim - 1)
    let n = b2.layout.size(b2.ndim - 1)
    guard k == b2.layout.size(b2.ndim - 2) else {
      throw .shapeMismatch(operation: "matmul", shapes: [a.shape.array, b.shape.array])
    }
    try checkBLASRange(m, n, k, kind: kind)
    let batchA = Dimensions(a2.shape.prefix(a2.ndim - 2))
    let batchB = Dimensions(b2.shape.prefix(b2.ndim - 2))
    let batch: Dimensions
    do { batch = try Layout.broadcastShape(batchA, batchB) } catch {
      throw .shapeMismatch(operation: "matmul", shapes: [a.shape.array, b.shape.array])
    }
    var shape = batch
    shape.append(m)
    shape.append(n)
    let result: NDView
    do {
      result = try NDView.uninitialized(shape: shape, format: a.format, itemSize: a.itemSize, order: .c)
    } catch {
      if case .outOfMemory(let byteCount) = error { throw .outOfMemory(byteCount: byteCount) }
      throw .sizeOverflow(operation: "matmul")
    }

    if result.count == 0 {
      // Nothing to write, however many (empty) matrices the batch holds.
    } else if batch.isEmpty {
      product(a2, b2, into: result, kind: kind)
    } else {
      var shapeA = batch
      shapeA.append(m)
      shapeA.append(k)
      var shapeB = batch
      shapeB.append(k)
      shapeB.append(n)
      let sa = try! a2.broadcast(to: shapeA)
      let sb = try! b2.broadcast(to: shapeB)
      var offsets: [(Int, Int, Int)] = []
      forEachBatch(batch, sa.layout, sb.layout, result.layout) { offsets.append(($0, $1, $2)) }
      let direct = kind == .float64 && m > 1 && n > 1 && Self.kernelTakes(
        m: m, n: n, k: k, a: (sa.layout.stride(shapeA.count - 2), sa.layout.stride(shapeA.count - 1)),
        b: (sb.layout.stride(shapeB.count - 2), sb.layout.stride(shapeB.count - 1)))
      func multiply(_ range: Range<Int>) {
        // Every product for the small kernel: straight to it, with no view
        // made per product (a third of the time at 32 × 32).
        if direct, smallProducts(sa, sb, result, offsets[range], m: m, n: n, k: k, ranks: (shapeA.count, shapeB.count, shape.count)) {
          return
        }
        for (oa, ob, oc) in offsets[range] {
          product(
            matrix(sa, offset: sa.byteOffset + oa, rank: shapeA.count),
            matrix(sb, offset: sb.byteOffset + ob, rank: shapeB.count),
            into: matrix(result, offset: oc, rank: shape.count), kind: kind)
        }
      }
      // Many small products: the stack spread over the pool's threads
      // (each output matrix is its own memory), with BLAS on one thread
      // inside them. Large products are left to BLAS's own threads.
      let (flops, overflow) = m.multipliedReportingOverflow(by: n &* k)
      if offsets.count >= 4 && !overflow && flops <= 1 << 18 && flops &* offsets.count >= 1 << 20
        && WorkPool.shared.canSplit
      {
        BLAS.withOneThread {
          IterationPlan.forEachBlock(offsets.count, cost: flops, threshold: 1 << 20) { multiply($0) }
        }
      } else {
        multiply(0..<offsets.count)
      }
    }

    if b.ndim == 1 { shape.removeLast() }
    if a.ndim == 1 { shape.remove(at: shape.count - (b.ndim == 1 ? 1 : 2)) }
    return try! result.reshaped(to: shape)
  }

  /// Throws unless a product BLAS computes has every dimension within
  /// BLAS's 32-bit index type (other element types have no such bound;
  /// an empty result has none either).
  static func checkBLASRange(_ m: Int, _ n: Int, _ k: Int, kind: ScalarKind) throws(LinalgError) {
    // An empty result computes nothing, however long the inner dimension.
    guard BLASType(kind) != nil, m > 0, n > 0, m > Int(Int32.max) || n > Int(Int32.max) || k > Int(Int32.max) else {
      return
    }
    throw .sizeOverflow(operation: "matmul of \(m) × \(k) by \(k) × \(n): a dimension beyond BLAS's 32-bit index range")
  }

  /// The 2-D matrix at the end of a batched view, at `offset`.
  @inline(__always)
  static func matrix(_ view: NDView, offset: Int, rank: Int) -> NDView {
    let layout = Layout(
      shape: [view.layout.size(rank - 2), view.layout.size(rank - 1)],
      strides: [view.layout.stride(rank - 2), view.layout.stride(rank - 1)])
    return NDView(
      unchecked: view.storage, format: view.format, itemSize: view.itemSize, byteOffset: offset,
      layout: layout, isReadOnly: view.isReadOnly)
  }

  /// A 1-D view of `count` items from `offset`, `stride` bytes apart.
  @inline(__always)
  static func vector(_ view: NDView, offset: Int, count: Int, stride: Int) -> NDView {
    NDView(
      unchecked: view.storage, format: view.format, itemSize: view.itemSize, byteOffset: offset,
      layout: Layout(shape: [count], strides: [stride]), isReadOnly: view.isReadOnly)
  }

  /// Calls `body` with the byte offsets (from each view's start) of every
  /// index of the batch dimensions, the last fastest.
  static func forEachBatch(
    _ batch: Dimensions, _ a: Layout, _ b: Layout, _ c: Layout, _ body: (Int, Int, Int) -> Void
  ) {
    let rank = batch.count
    if batch.contains(0) { return }
    var index = [Int](repeating: 0, count: rank)
    var (oa, ob, oc) = (0, 0, 0)
    while true {
      body(oa, ob, oc)
      var axis = rank - 1
      while axis >= 0 {
        index[axis] += 1
        oa += a.stride(axis)
        ob += b.stride(axis)
        oc += c.stride(axis)
        if index[axis] < batch[axis] { break }
        oa -= a.stride(axis) * batch[axis]
        ob -= b.stride(axis) * batch[axis]
        oc -= c.stride(axis) * batch[axis]
        index[axis] = 0
        axis -= 1
      }
      if axis < 0 { return }
    }
  }

  /// `c = a · b` for 2-D views; `c` is new C-order memory.
  static func product(_ a: NDView, _ b: NDView, into c: NDView, kind: ScalarKind) {
    switch BLASType(kind) {
    case .float: blas(Float.self, a, b, c)
    case .double: blas(Double.self, a, b, c)
    case .complexFloat: blas(Complex<Float>.self, a, b, c)
    case .complexDouble: blas(Complex<Double>.self, a, b, c)
    case nil: MatrixProduct.multiply(a, b, into: c, kind: kind)
    }
  }

  /// One BLAS call for `c = a · b`: a dot product for 1 × 1, a
  /// matrix-vector product for one row or column, else a matrix product.
  static func blas<E: BLASElement>(_: E.Type, _ a: NDView, _ b: NDView, _ c: NDView) {
    let (m, k, n) = (a.layout.size(0), a.layout.size(1), c.layout.size(1))
    let cs = (c.layout.stride(0), c.layout.stride(1))
    if m == 1 && n == 1 {
      let x = vector(a, offset: a.byteOffset, count: k, stride: a.layout.stride(1))
      let y = vector(b, offset: b.byteOffset, count: k, stride: b.layout.stride(0))
      c.storage.store(Level1.dot(E.self, x, y, conjugated: false), at: c.byteOffset)
    } else if n == 1 {
      let x = vector(b, offset: b.byteOffset, count: k, stride: b.layout.stride(0))
      let y = vector(c, offset: c.byteOffset, count: m, stride: cs.0)
      BLASProducts.gemv(E.self, a, .identity, x, alpha: 1, beta: 0, into: y, isNew: true)
    } else if m == 1 {
      let x = vector(a, offset: a.byteOffset, count: k, stride: a.layout.stride(1))
      let y = vector(c, offset: c.byteOffset, count: n, stride: cs.1)
      BLASProducts.gemv(E.self, b, .transpose, x, alpha: 1, beta: 0, into: y, isNew: true)
    } else if E.self == Double.self, smallProduct(a, b, c, m: m, n: n, k: k) {
      // Done in registers: cheaper than a library call at this size.
    } else {
      BLASProducts.gemm(E.self, a, .identity, b, .identity, alpha: 1, beta: 0, into: c, isNew: true)
    }
  }

  /// The product of small `Double` matrices (at most 32³ multiply-adds)
  /// into new C-order memory, by a register-blocked AVX-512 or AVX2 kernel: at these
  /// sizes a BLAS call's fixed cost (≈ 150 ns to 600 ns with OpenBLAS 0.3.21)
  /// is most of the time. `false` (nothing done) when the sizes, layouts or
  /// processor do not fit; the caller then uses BLAS.
  ///
  /// Only the shapes where the kernel is measured at least as fast as
  /// OpenBLAS (`make bench-crossover`; the table is in the performance
  /// notes) come here: `n` a multiple of 16 (whole AVX-512 blocks) or 8,
  /// and the tiniest products, where a call's cost is all there is. Other
  /// widths (24, 30, …) fall to the kernel's scalar edges, up to 3× slower
  /// than BLAS.
  static func smallProduct(_ a: NDView, _ b: NDView, _ c: NDView, m: Int, n: Int, k: Int) -> Bool {
    let e = 8
    let (ars, acs) = (a.layout.stride(0), a.layout.stride(1))
    let brs = b.layout.stride(0)
    guard kernelTakes(m: m, n: n, k: k, a: (ars, acs), b: (brs, b.layout.stride(1))),
      BLASOperand.isAligned(a), BLASOperand.isAligned(b)
    else { return false }
    let done = strided_small_dgemm(
      Int32(m), Int32(n), Int32(k),
      (a.storage.base + a.byteOffset).assumingMemoryBound(to: Double.self), ars / e, acs / e,
      (b.storage.base + b.byteOffset).assumingMemoryBound(to: Double.self), brs / e,
      (c.storage.base + c.byteOffset).assumingMemoryBound(to: Double.self), c.layout.stride(0) / e)
    withExtendedLifetime((a, b, c)) {}
    return done != 0
  }

  /// Whether the small kernel takes an *m × k* · *k × n* `Double` product
  /// with these byte strides (rows, columns) of `a` and `b`: the sizes and
  /// shapes where it is measured at least as fast as BLAS, `b`'s rows
  /// contiguous, every stride whole elements.
  static func kernelTakes(m: Int, n: Int, k: Int, a: (Int, Int), b: (Int, Int)) -> Bool {
    let e = 8
    return m > 0 && n > 0 && k > 0 && m <= 32 && n <= 32 && k <= 32 && m * n * k <= 32 * 32 * 32
      && (n % 16 == 0 || n == 8 || m * n * k <= 64)
      && (n == 1 || b.1 == e) && a.0 % e == 0 && a.1 % e == 0 && b.0 % e == 0
  }

  /// The products of a stack, each at its offsets, by the small kernel
  /// (`kernelTakes` holds for all). `false`, with nothing done, when an
  /// operand is not aligned for `Double` or the processor lacks the
  /// kernel's instructions; the caller then goes product by product.
  static func smallProducts(
    _ a: NDView, _ b: NDView, _ c: NDView, _ offsets: ArraySlice<(Int, Int, Int)>, m: Int, n: Int, k: Int,
    ranks: (Int, Int, Int)
  ) -> Bool {
    let e = 8
    let baseA = a.storage.base + a.byteOffset
    let baseB = b.storage.base + b.byteOffset
    let baseC = c.storage.base + c.byteOffset
    guard offsets.allSatisfy({ (Int(bitPattern: baseA + $0.0) | Int(bitPattern: baseB + $0.1)) % e == 0 }) else {
      return false
    }
    let (ars, acs) = (a.layout.stride(ranks.0 - 2) / e, a.layout.stride(ranks.0 - 1) / e)
    let brs = b.layout.stride(ranks.1 - 2) / e
    let crs = c.layout.stride(ranks.2 - 2) / e
    var first = true
    for (oa, ob, oc) in offsets {
      let done = strided_small_dgemm(
        Int32(m), Int32(n), Int32(k), (baseA + oa).assumingMemoryBound(to: Double.self), ars, acs,
        (baseB + ob).assumingMemoryBound(to: Double.self), brs, (baseC + oc).assumingMemoryBound(to: Double.self), crs)
      if first && done == 0 { return false }
      first = false
    }
    withExtendedLifetime((a, b, c)) {}
    return true
  }
}
