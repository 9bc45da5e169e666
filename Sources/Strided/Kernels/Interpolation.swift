/// NumPy's `np.interp` on `Double`s: for each key, the last knot at or
/// below it is found, and the value on the segment from there is computed
/// as NumPy's `arr_interp` (`compiled_base.c`) computes it, operation for
/// operation, so that the results agree with NumPy's bit for bit whenever
/// the knots increase (for knots that do not, NumPy documents its results
/// as meaningless; Strided's are those of the same formula).
///
/// Finding the knot:
/// - the previous key's segment, then the one after it, are tried first,
///   so a sorted run of keys costs O(1) a key (NumPy's guess);
/// - otherwise four keys are searched together by a branch-free bisection
///   over all the knots: the four chains of dependent loads overlap, and no
///   branch depends on the data, so random keys cost no mispredictions.
///
/// The keys are cut into blocks on the pool's threads; each block keeps
/// its own guess. The knot found does not depend on the guess, so neither
/// do the results on the thread count.
enum Interpolation {
  /// The knots, the values at them and the fill values, read through
  /// pointers into C-ordered arrays the caller keeps alive.
  struct Knots {
    let x: UnsafePointer<Double>
    let f: UnsafePointer<Double>
    /// Each segment's slope when precomputed (NumPy precomputes them when
    /// there are no more segments than keys); otherwise computed per key,
    /// by the same expression.
    let slopes: UnsafePointer<Double>?
    /// At least 2.
    let count: Int
    /// The value left of the first knot.
    let low: Double
    /// The value right of the last knot.
    let high: Double

    @inline(__always)
    func slope(_ j: Int) -> Double {
      if let slopes { return slopes[j] }
      return (f[j &+ 1] - f[j]) / (x[j &+ 1] - x[j])
    }

    /// The value at `v` on segment `j`, for `x[j] <= v <= x[count - 1]`
    /// and `j` the last knot at or below `v`.
    @inline(__always)
    func value(_ v: Double, segment j: Int) -> Double {
      // At a knot: its value, with no arithmetic that could give NaN.
      if j == count &- 1 || x[j] == v { return f[j] }
      let s = slope(j)
      var r = s * (v - x[j]) + f[j]
      if r.isNaN {
        // NaN from one end (an infinite value or slope): NumPy tries the
        // other end, then a flat segment's value.
        r = s * (v - x[j &+ 1]) + f[j &+ 1]
        if r.isNaN && f[j] == f[j &+ 1] { r = f[j] }
      }
      return r
    }

    /// The result for key `v`, where `j` is what ``search(_:)`` gives for
    /// it: NaN stays NaN, keys outside the knots take the fill values, in
    /// NumPy's order of tests.
    @inline(__always)
    func result(_ v: Double, segment j: Int) -> Double {
      if v.isNaN { return v }
      if v > x[count &- 1] { return high }
      if v < x[0] { return low }
      return value(v, segment: j)
    }

    /// The last knot at or below `v`, when `x[0] <= v` (0 otherwise, and
    /// for NaN): a bisection whose steps depend only on the count.
    @inline(__always)
    func search(_ v: Double) -> Int {
      var base = 0
      var length = count
      while length > 1 {
        let half = length &>> 1
        base = x[base &+ half] <= v ? base &+ half : base
        length &-= half
      }
      return base
    }
  }

  /// The interpolant at every element of `x`, in a new C-ordered array of
  /// `x`'s shape; `left` and `right` default to the first and last values.
  ///
  /// - Precondition: `x`, `xp` and `fp` are C-contiguous and aligned (the
  ///   callers pass `contiguousAligned`); `xp` and `fp` hold the same
  ///   number of values, at least one.
  static func evaluate(
    _ x: NDArray<Double>, points xp: NDArray<Double>, values fp: NDArray<Double>, left: Double?, right: Double?
  ) -> NDArray<Double> {
    let result = NDArray<Double>.uninitialized(x.shape, "interp")
    let n = x.count
    let m = xp.count
    precondition(m >= 1 && fp.count == m, "interp: \(m) sample points and \(fp.count) values")
    guard n > 0 else { return result }
    let keys = UnsafePointer(x.contiguousBase.assumingMemoryBound(to: Double.self))
    let out = result.contiguousBase.assumingMemoryBound(to: Double.self)
    let knotX = UnsafePointer(xp.contiguousBase.assumingMemoryBound(to: Double.self))
    let knotF = UnsafePointer(fp.contiguousBase.assumingMemoryBound(to: Double.self))
    let low = left ?? knotF[0]
    let high = right ?? knotF[m - 1]
    if m == 1 {
      // NumPy's rule for one knot, where even NaN takes the knot's value.
      let (k0, f0) = (knotX[0], knotF[0])
      IterationPlan.forEachBlock(n, cost: 1, threshold: 1 << 20) { range in
        for i in range {
          let v = keys[i]
          out[i] = v < k0 ? low : (v > k0 ? high : f0)
        }
      }
    } else {
      var slopes: NDArray<Double>? = nil
      if m - 1 <= n {
        let s = NDArray<Double>.uninitialized([m - 1], "interp")
        let p = s.contiguousBase.assumingMemoryBound(to: Double.self)
        for j in 0..<(m - 1) { p[j] = (knotF[j + 1] - knotF[j]) / (knotX[j + 1] - knotX[j]) }
        slopes = s
      }
      let knots = Knots(
        x: knotX, f: knotF,
        slopes: slopes.map { UnsafePointer($0.contiguousBase.assumingMemoryBound(to: Double.self)) },
        count: m, low: low, high: high)
      IterationPlan.forEachBlock(n, cost: 16) { range in interpolate(range, keys, out, knots) }
      withExtendedLifetime(slopes) {}
    }
    withExtendedLifetime((x, xp, fp, result)) {}
    return result
  }

  /// `out[i]` for the keys in `range`.
  @inline(__always)
  static func interpolate(
    _ range: Range<Int>, _ keys: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, _ k: Knots
  ) {
    let last = k.count - 1
    // A segment 0...last - 1 near the previous key.
    var guess = 0
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      let v = keys[i]
      // Sorted keys: the previous key's segment, or the next one. The
      // knots are loaded first, so that each test is one branch (rarely
      // taken for random keys, so well predicted) rather than one per
      // comparison. At the last segment `next` is the last knot again, and
      // the second test fails.
      let (low, middle) = (k.x[guess], k.x[guess &+ 1])
      let next = k.x[Swift.min(guess &+ 2, last)]
      if low <= v && v < middle {
        out[i] = k.value(v, segment: guess)
        i &+= 1
        continue
      }
      if middle <= v && v < next {
        guess &+= 1
        out[i] = k.value(v, segment: guess)
        i &+= 1
        continue
      }
      if end &- i >= 4 {
        // Four bisections in lockstep: each step depends only on the
        // count, so the four chains of loads run side by side.
        let (v0, v1, v2, v3) = (v, keys[i &+ 1], keys[i &+ 2], keys[i &+ 3])
        var (b0, b1, b2, b3) = (0, 0, 0, 0)
        var length = k.count
        while length > 1 {
          let half = length &>> 1
          b0 = k.x[b0 &+ half] <= v0 ? b0 &+ half : b0
          b1 = k.x[b1 &+ half] <= v1 ? b1 &+ half : b1
          b2 = k.x[b2 &+ half] <= v2 ? b2 &+ half : b2
          b3 = k.x[b3 &+ half] <= v3 ? b3 &+ half : b3
          length &-= half
        }
        out[i] = k.result(v0, segment: b0)
        out[i &+ 1] = k.result(v1, segment: b1)
        out[i &+ 2] = k.result(v2, segment: b2)
        out[i &+ 3] = k.result(v3, segment: b3)
        guess = Swift.min(b3, last &- 1)
        i &+= 4
      } else {
        let b = k.search(v)
        out[i] = k.result(v, segment: b)
        guess = Swift.min(b, last &- 1)
        i &+= 1
      }
    }
  }
}
