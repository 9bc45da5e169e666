/// Medians and quantiles of contiguous lanes by partial selection, one
/// loop per floating-point type (picked once from the scalar kind, so that
/// callers from other modules run specialized code). The lanes are the
/// caller's own copy and are rearranged in place.
enum OrderStatistics {
  /// Moves a lane's values that are not NaN to its front, when NaN are
  /// dropped; `nil` when the lane has NaN and they are kept (the result is
  /// then NaN), else the number of values at the front.
  @inline(__always)
  static func compact<T: BinaryFloatingPoint>(_ lane: UnsafeMutablePointer<T>, _ length: Int, dropNaN: Bool) -> Int? {
    var n = 0
    for i in 0..<length {
      let x = lane[i]
      if x.isNaN {
        if !dropNaN { return nil }
        continue
      }
      lane[n] = x
      n += 1
    }
    return n
  }

  /// The median of each lane: the middle element, or the mean of the two
  /// middle ones (in `Float` for `Float16`, as NumPy's mean).
  static func medians<T: BinaryFloatingPoint>(
    _: T.Type, _ base: UnsafeMutableRawPointer, lanes: Int, length: Int, dropNaN: Bool, into out: UnsafeMutablePointer<T>
  ) {
    let data = base.assumingMemoryBound(to: T.self)
    Sorting.forEachLanes(lanes, length: length) { range in
      for lane in range {
        out[lane] = .nan
        let scratch = data + lane * length
        guard let n = compact(scratch, length, dropNaN: dropNaN), n > 0 else { continue }
        let half = n / 2
        // No NaN is left, so the values compare as they are.
        Sorting.select(scratch, n, half) { $0 }
        if n % 2 == 1 {
          out[lane] = scratch[half]
        } else {
          var below = scratch[0]
          for i in 1..<half where scratch[i] > below { below = scratch[i] }
          out[lane] = T.self == Float16.self ? T((Float(below) + Float(scratch[half])) / 2) : (below + scratch[half]) / 2
        }
      }
    }
  }

  /// The quantiles `qs` of each lane, quantile-major: `out[j * lanes + lane]`.
  static func quantiles<T: BinaryFloatingPoint>(
    _: T.Type, _ base: UnsafeMutableRawPointer, lanes: Int, length: Int, qs: [Double], method: QuantileMethod,
    dropNaN: Bool, into out: UnsafeMutablePointer<Double>
  ) {
    let data = base.assumingMemoryBound(to: T.self)
    Sorting.forEachLanes(lanes, length: length) { range in
      for lane in range {
        for j in qs.indices { out[j * lanes + lane] = .nan }
        let scratch = data + lane * length
        guard let n = compact(scratch, length, dropNaN: dropNaN), n > 0 else { continue }
        let needed = qs.map { method.positions(n, $0) }
        var start = 0
        for k in Set(needed.flatMap { [$0.low, $0.high] }).sorted() where k >= start {
          Sorting.select(scratch + start, n - start, k - start) { $0 }
          start = k + 1
        }
        for (j, p) in needed.enumerated() {
          let (a, b) = (Double(scratch[p.low]), Double(scratch[p.high]))
          out[j * lanes + lane] = p.interpolate ? quantileLerp(a, b, p.gamma) : a
        }
      }
    }
  }
}
