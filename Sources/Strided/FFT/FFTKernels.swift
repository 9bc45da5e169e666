import ComplexModule

/// Transforms of contiguous lanes, in place or between lane buffers: the
/// loops under ``FFT``. Lanes run on the thread pool when there are several
/// and enough work.
enum FFTKernel {
  /// Transforms `lanes` contiguous lanes of `n` complex values in place
  /// and multiplies them by `scale`.
  static func complexLanes<R: BinaryFloatingPoint>(
    _ base: UnsafeMutableRawPointer, lanes: Int, n: Int, forward: Bool, scale: R
  ) {
    let plan = FFTPlans.plan(n)
    let data = base.assumingMemoryBound(to: FFTComplex<R>.self)
    forEachLane(lanes, n: n, scratch: plan.workCount, R.self) { lane, work in
      let x = data + lane * n
      plan.execute(x, work, forward: forward)
      if scale != 1 { for k in 0..<n { x[k] = x[k].scaled(scale) } }
    }
  }

  /// The first `n / 2 + 1` coefficients of the transforms of real lanes of
  /// `n` values (`input`, `lanes` × `n`) into complex lanes (`output`,
  /// `lanes` × (`n / 2 + 1`)). An even length is one complex transform of
  /// half the length, of the even samples as real parts and the odd as
  /// imaginary ones (the input read as complex numbers, in place), then
  /// untangled.
  static func realForward<R: BinaryFloatingPoint>(
    _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, lanes: Int, n: Int, scale: R
  ) {
    let x = input.assumingMemoryBound(to: R.self)
    let y = output.assumingMemoryBound(to: FFTComplex<R>.self)
    let width = n / 2 + 1
    let (plan, real) = realPlans(n)
    let m = plan.n
    forEachLane(lanes, n: n, scratch: m + plan.workCount, R.self) { lane, buffer in
      let work = buffer + m
      let source = x + lane * n
      let out = y + lane * width
      if let real {
        let pairs = UnsafeRawPointer(source).assumingMemoryBound(to: FFTComplex<R>.self)
        plan.execute(from: pairs, into: buffer, work, forward: true)
        let half = scale / 2
        for k in 0...m {
          // z[k] and conj(z[m − k]), indices taken mod m without dividing.
          let zk = buffer[k == m ? 0 : k]
          let zc = buffer[k == 0 ? 0 : m - k].conjugate
          let e = zk + zc
          let o = (zk - zc).timesI(-1)  // −i·(zk − zc)
          let w = k < m ? real.root(k, R.self) : FFTComplex(-1, 0)
          out[k] = (e + o * w).scaled(half)
        }
      } else {
        for k in 0..<n { buffer[k] = FFTComplex(source[k], 0) }
        plan.execute(buffer, work, forward: true)
        for k in 0..<width { out[k] = buffer[k].scaled(scale) }
      }
    }
  }

  /// Real lanes of `n` values from the first `n / 2 + 1` coefficients of
  /// each (the inverse of ``realForward``, unnormalized but for `scale`);
  /// the imaginary parts of the first coefficient, and of the last for an
  /// even `n`, are ignored, as NumPy's `irfft` ignores them.
  static func realInverse<R: BinaryFloatingPoint>(
    _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, lanes: Int, n: Int, scale: R
  ) {
    let x = input.assumingMemoryBound(to: FFTComplex<R>.self)
    let y = output.assumingMemoryBound(to: R.self)
    let width = n / 2 + 1
    let (plan, real) = realPlans(n)
    let even = real != nil
    let m = plan.n
    forEachLane(lanes, n: n, scratch: m + plan.workCount, R.self) { lane, buffer in
      let work = buffer + m
      let source = x + lane * width
      let out = y + lane * n
      func coefficient(_ k: Int) -> FFTComplex<R> {
        k == 0 || (even && k == m) ? FFTComplex(source[k].re, 0) : source[k]
      }
      if let real {
        for k in 0..<m {
          let xk = coefficient(k)
          let xc = coefficient(m - k).conjugate
          buffer[k] = ((xk + xc) + ((xk - xc) * real.root(k, R.self).conjugate).timesI(1)).scaled(scale)
        }
        // The result's real and imaginary parts are the even and odd
        // samples: the output lane read as complex numbers.
        let pairs = UnsafeMutableRawPointer(out).assumingMemoryBound(to: FFTComplex<R>.self)
        plan.execute(from: buffer, into: pairs, work, forward: false)
      } else {
        buffer[0] = coefficient(0)
        if n > 1 {
          for k in 1..<width {
            buffer[k] = coefficient(k)
            buffer[n - k] = coefficient(k).conjugate
          }
        }
        plan.execute(buffer, work, forward: false)
        for k in 0..<n { out[k] = buffer[k].re * scale }
      }
    }
  }

  /// The plans of a real transform of length `n`: for an even length, the
  /// complex plan of half the length and the untangling twiddles; for an
  /// odd one, the complex plan of the length.
  static func realPlans(_ n: Int) -> (plan: FFTPlan, real: FFTRealPlan?) {
    let real = n % 2 == 0 && n >= 2 ? FFTPlans.realPlan(n) : nil
    return (real?.half ?? FFTPlans.plan(n), real)
  }

  /// Calls `body(lane, scratch)` for every lane of `n` values, spread over
  /// the pool's threads, each thread with `scratch` complex values of its
  /// own.
  @inline(__always)
  static func forEachLane<R: BinaryFloatingPoint>(
    _ lanes: Int, n: Int, scratch: Int, _: R.Type, _ body: (Int, UnsafeMutablePointer<FFTComplex<R>>) -> Void
  ) {
    Sorting.forEachLanes(lanes, length: n * 8) { range in
      withScratch(scratch, R.self) { buffer in
        for lane in range { body(lane, buffer) }
      }
    }
  }

  /// Runs `body` with scratch for `count` complex values, from the
  /// allocator behind arrays (which keeps large blocks for reuse, so a
  /// transform in a loop does not fault its scratch in every time).
  static func withScratch<R: BinaryFloatingPoint>(
    _ count: Int, _: R.Type, _ body: (UnsafeMutablePointer<FFTComplex<R>>) -> Void
  ) {
    let bytes = Swift.max(count, 1) * MemoryLayout<FFTComplex<R>>.stride
    guard let block = StorageAllocator.allocate(byteCount: bytes, zeroed: false) else {
      preconditionFailure("FFT: out of memory allocating \(bytes) bytes of scratch (\(OutOfMemory.size(bytes)))")
    }
    defer { StorageAllocator.release(block) }
    body(block.base.bindMemory(to: FFTComplex<R>.self, capacity: Swift.max(count, 1)))
  }
}
