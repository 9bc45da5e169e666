/// Typed element-wise loops over an ``IterationPlan``.
///
/// Each inner run takes the first of these paths that fits:
/// - every operand contiguous: a plain indexed loop the compiler vectorizes;
/// - an input of stride 0 (a broadcast scalar): the value is hoisted out of
///   the loop and the rest is contiguous;
/// - anything else: a strided loop.
///
/// Large work runs on the thread pool unless the caller passes
/// `parallel: false` (for closures that are not safe to run concurrently).
/// Callers pass the operation as a closure; these functions are always
/// inlined, so each call site becomes one specialized loop. Element types
/// are trivial; `Bool` data is read as `UInt8` by callers, since foreign
/// bytes other than 0 and 1 are not valid `Bool`s.
enum Elementwise {
  typealias Strides = IterationPlan.Strides

  /// The address of a view's first element, as an integer.
  @inline(__always)
  static func address(_ view: NDView) -> Int {
    Int(bitPattern: view.storage.base + view.byteOffset)
  }

  /// Traps when a loop's element types are larger than the items they
  /// read and write: a closure whose result type was inferred from a
  /// literal (`Int`) would otherwise write past a smaller item.
  @inline(__always)
  static func checkTypes<R, A>(_: R.Type, _ out: NDView, _: A.Type, _ a: NDView) {
    precondition(
      MemoryLayout<R>.size <= out.itemSize && MemoryLayout<A>.size <= a.itemSize,
      "element-wise loop: \(R.self) or \(A.self) is larger than the items (\(out.itemSize), \(a.itemSize) bytes)")
  }

  @inline(__always)
  static func checkTypes<R, A, B>(_: R.Type, _ out: NDView, _: A.Type, _ a: NDView, _: B.Type, _ b: NDView) {
    checkTypes(R.self, out, A.self, a)
    checkTypes(B.self, b, B.self, b)
  }

  /// `out[i] = op(a[i])`, with `a` broadcast to `out`'s shape.
  ///
  /// - Precondition: `a` broadcasts to `out`, the element types match the
  ///   formats, and `out` does not partly overlap `a` (callers stage).
  @inline(__always)
  static func unary<A, R>(_ a: NDView, into out: NDView, parallel: Bool = true, _ op: (A) -> R) {
    checkTypes(R.self, out, A.self, a)
    if MemoryLayout<A>.stride == MemoryLayout<R>.stride, let n = smallRun(out, a, a, A.self, A.self, R.self) {
      let po = UnsafeMutablePointer<R>(bitPattern: address(out))!
      let pa = UnsafePointer<A>(bitPattern: address(a))!
      for i in 0..<n { po[i] = op(pa[i]) }
      withExtendedLifetime((a, out)) {}
      return
    }
    let sa = try! a.layout.broadcast(to: out.shape, itemSize: a.itemSize).strides
    let plan = IterationPlan(shape: out.shape, strides: [out.strides, sa])
    let (ea, er) = (MemoryLayout<A>.stride, MemoryLayout<R>.stride)
    plan.forEachRun(Strides(address(out), address(a), 0, 0), parallel: parallel, outputItemSize: out.itemSize) { n, p, s in
      let po = UnsafeMutablePointer<R>(bitPattern: p[0])!
      let pa = UnsafePointer<A>(bitPattern: p[1])!
      let aligned = p[0] % MemoryLayout<R>.alignment == 0 && p[1] % MemoryLayout<A>.alignment == 0
      if aligned && s[0] == er && s[1] == ea {
        for i in 0..<n { po[i] = op(pa[i]) }
      } else if aligned && s[0] == er && s[1] == 0 {
        let value = op(pa[0])
        for i in 0..<n { po[i] = value }
      } else {
        var (o, x) = (UnsafeMutableRawPointer(po), UnsafeRawPointer(pa))
        for _ in 0..<n {
          o.storeBytes(of: op(x.loadUnaligned(as: A.self)), as: R.self)
          o += s[0]
          x += s[1]
        }
      }
    }
    withExtendedLifetime((a, out)) {}
  }

  /// The element count when `out` and the operands are one small,
  /// contiguous, aligned run each, laid out alike (the same sizes and
  /// strides, as two arrays of one shape in C order and their new result
  /// are): then a single loop needs no iteration plan, which costs more
  /// than the work for a few elements. `nil` otherwise.
  @inline(__always)
  static func smallRun<A, B, R>(_ out: NDView, _ a: NDView, _ b: NDView, _: A.Type, _: B.Type, _: R.Type) -> Int? {
    // Equal byte strides mean equal layouts only for items of one size.
    guard out.itemSize == MemoryLayout<R>.stride, a.itemSize == MemoryLayout<A>.stride,
      b.itemSize == MemoryLayout<B>.stride, a.itemSize == out.itemSize, b.itemSize == out.itemSize,
      out.large == nil, a.large == nil, b.large == nil, a.axes.lanesEqual(out.axes), b.axes.lanesEqual(out.axes),
      a.ndim == out.ndim, b.ndim == out.ndim
    else { return nil }
    let layout = out.layout
    guard layout.isCContiguous(itemSize: out.itemSize) else { return nil }
    let n = layout.count
    guard n < 1 << 14, address(out) % MemoryLayout<R>.alignment == 0, address(a) % MemoryLayout<A>.alignment == 0,
      address(b) % MemoryLayout<B>.alignment == 0
    else { return nil }
    return n
  }

  /// `out[i] = f(a[i])` for a function given as a kernel over runs of
  /// raw items, `kernel(a, out, n)`: contiguous, aligned runs go to it
  /// whole; others are gathered into aligned blocks of 256 items, converted
  /// there, and scattered back. `a` is broadcast to `out`'s shape.
  ///
  /// - Precondition: As for ``unary(_:into:parallel:_:)``; the kernel reads
  ///   and writes items of the views' sizes, at most 16 bytes each, at
  ///   addresses aligned to their size.
  @inline(__always)
  static func unaryRuns(
    _ a: NDView, into out: NDView, _ kernel: (UnsafeRawPointer, UnsafeMutableRawPointer, Int) -> Void
  ) {
    let sa = try! a.layout.broadcast(to: out.shape, itemSize: a.itemSize).strides
    let plan = IterationPlan(shape: out.shape, strides: [out.strides, sa])
    let (ea, er) = (a.itemSize, out.itemSize)
    plan.forEachRun(Strides(address(out), address(a), 0, 0), parallel: true, outputItemSize: er) { n, p, s in
      let po = UnsafeMutableRawPointer(bitPattern: p[0])!
      let pa = UnsafeRawPointer(bitPattern: p[1])!
      if s[0] == er && s[1] == ea && p[0] % er == 0 && p[1] % ea == 0 {
        kernel(pa, po, n)
        return
      }
      withUnsafeTemporaryAllocation(of: SIMD2<UInt64>.self, capacity: 2 * 256) { buffer in
        let input = UnsafeMutableRawPointer(buffer.baseAddress!)
        let output = input + 256 * 16
        var done = 0
        while done < n {
          let m = Swift.min(256, n - done)
          for i in 0..<m { (input + i &* ea).copyMemory(from: pa + (done + i) &* s[1], byteCount: ea) }
          kernel(input, output, m)
          for i in 0..<m { (po + (done + i) &* s[0]).copyMemory(from: output + i &* er, byteCount: er) }
          done += m
        }
      }
    }
    withExtendedLifetime((a, out)) {}
  }

  /// `out[i] = op(a[i], b[i])`, with `a` and `b` broadcast to `out`'s shape.
  ///
  /// - Precondition: As for ``unary(_:into:_:)``.
  @inline(__always)
  static func binary<A, B, R>(_ a: NDView, _ b: NDView, into out: NDView, parallel: Bool = true, _ op: (A, B) -> R) {
    checkTypes(R.self, out, A.self, a, B.self, b)
    if let n = smallRun(out, a, b, A.self, B.self, R.self) {
      let po = UnsafeMutablePointer<R>(bitPattern: address(out))!
      let pa = UnsafePointer<A>(bitPattern: address(a))!
      let pb = UnsafePointer<B>(bitPattern: address(b))!
      if A.self == R.self && address(a) == address(out) {
        let pr = UnsafeMutableRawPointer(po).assumingMemoryBound(to: A.self)
        for i in 0..<n { po[i] = op(pr[i], pb[i]) }
      } else {
        for i in 0..<n { po[i] = op(pa[i], pb[i]) }
      }
      withExtendedLifetime((a, b, out)) {}
      return
    }
    let sa = try! a.layout.broadcast(to: out.shape, itemSize: a.itemSize).strides
    let sb = try! b.layout.broadcast(to: out.shape, itemSize: b.itemSize).strides
    let plan = IterationPlan(shape: out.shape, strides: [out.strides, sa, sb])
    let (ea, eb, er) = (MemoryLayout<A>.stride, MemoryLayout<B>.stride, MemoryLayout<R>.stride)
    plan.forEachRun(Strides(address(out), address(a), address(b), 0), parallel: parallel, outputItemSize: out.itemSize) { n, p, s in
      let po = UnsafeMutablePointer<R>(bitPattern: p[0])!
      let pa = UnsafePointer<A>(bitPattern: p[1])!
      let pb = UnsafePointer<B>(bitPattern: p[2])!
      let aligned = p[0] % MemoryLayout<R>.alignment == 0 && p[1] % MemoryLayout<A>.alignment == 0
        && p[2] % MemoryLayout<B>.alignment == 0
      if aligned && s[0] == er && s[1] == ea && s[2] == eb {
        if A.self == R.self && p[0] == p[1] {
          // In place (`a += b`): read through the output's own pointer, so
          // the compiler sees one array, not two that overlap, and keeps
          // the loop vectorized.
          let pr = UnsafeMutableRawPointer(po).assumingMemoryBound(to: A.self)
          for i in 0..<n { po[i] = op(pr[i], pb[i]) }
        } else {
          for i in 0..<n { po[i] = op(pa[i], pb[i]) }
        }
      } else if aligned && s[0] == er && s[1] == ea && s[2] == 0 {
        let y = pb[0]
        if A.self == R.self && p[0] == p[1] {
          let pr = UnsafeMutableRawPointer(po).assumingMemoryBound(to: A.self)
          for i in 0..<n { po[i] = op(pr[i], y) }
        } else {
          for i in 0..<n { po[i] = op(pa[i], y) }
        }
      } else if aligned && s[0] == er && s[1] == 0 && s[2] == eb {
        let x = pa[0]
        for i in 0..<n { po[i] = op(x, pb[i]) }
      } else {
        var (o, x, y) = (UnsafeMutableRawPointer(po), UnsafeRawPointer(pa), UnsafeRawPointer(pb))
        for _ in 0..<n {
          o.storeBytes(of: op(x.loadUnaligned(as: A.self), y.loadUnaligned(as: B.self)), as: R.self)
          o += s[0]
          x += s[1]
          y += s[2]
        }
      }
    }
    withExtendedLifetime((a, b, out)) {}
  }

  /// `out[i] = op(c[i], a[i], b[i])`, all broadcast to `out`'s shape.
  ///
  /// - Precondition: As for ``unary(_:into:_:)``.
  @inline(__always)
  static func ternary<C, A, B, R>(
    _ c: NDView, _ a: NDView, _ b: NDView, into out: NDView, parallel: Bool = true, _ op: (C, A, B) -> R
  ) {
    checkTypes(R.self, out, C.self, c, A.self, a)
    checkTypes(B.self, b, B.self, b)
    let sc = try! c.layout.broadcast(to: out.shape, itemSize: c.itemSize).strides
    let sa = try! a.layout.broadcast(to: out.shape, itemSize: a.itemSize).strides
    let sb = try! b.layout.broadcast(to: out.shape, itemSize: b.itemSize).strides
    let plan = IterationPlan(shape: out.shape, strides: [out.strides, sc, sa, sb])
    let (ec, ea, eb, er) = (MemoryLayout<C>.stride, MemoryLayout<A>.stride, MemoryLayout<B>.stride, MemoryLayout<R>.stride)
    plan.forEachRun(Strides(address(out), address(c), address(a), address(b)), parallel: parallel, outputItemSize: out.itemSize) { n, p, s in
      if s[0] == er && s[1] == ec && s[2] == ea && s[3] == eb && p[0] % MemoryLayout<R>.alignment == 0
        && p[1] % MemoryLayout<C>.alignment == 0 && p[2] % MemoryLayout<A>.alignment == 0 && p[3] % MemoryLayout<B>.alignment == 0
      {
        // Every operand contiguous: an indexed loop the compiler vectorizes.
        let po = UnsafeMutablePointer<R>(bitPattern: p[0])!
        let (pc, pa, pb) = (UnsafePointer<C>(bitPattern: p[1])!, UnsafePointer<A>(bitPattern: p[2])!, UnsafePointer<B>(bitPattern: p[3])!)
        for i in 0..<n { po[i] = op(pc[i], pa[i], pb[i]) }
        return
      }
      var o = UnsafeMutableRawPointer(bitPattern: p[0])!
      var (z, x, y) = (UnsafeRawPointer(bitPattern: p[1])!, UnsafeRawPointer(bitPattern: p[2])!, UnsafeRawPointer(bitPattern: p[3])!)
      for _ in 0..<n {
        o.storeBytes(of: op(z.loadUnaligned(as: C.self), x.loadUnaligned(as: A.self), y.loadUnaligned(as: B.self)), as: R.self)
        o += s[0]
        z += s[1]
        x += s[2]
        y += s[3]
      }
    }
    withExtendedLifetime((c, a, b, out)) {}
  }
}
