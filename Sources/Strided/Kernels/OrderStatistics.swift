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

  /// The weighted quantiles `qs` of each lane by NumPy's `inverted_cdf`
  /// rule, quantile-major as in `quantiles`: the lane is sorted with its
  /// weights (`weights` holds one per element, lane by lane), the running
  /// weights are divided by their total, and each quantile takes the first
  /// element whose share reaches it, leading elements of zero weight left
  /// out. A lane holding NaN gives NaN. Each lane's weights are
  /// non-negative with a positive, finite total (checked by the caller).
  static func weightedQuantiles<T: BinaryFloatingPoint>(
    _: T.Type, _ base: UnsafeMutableRawPointer, weights: UnsafePointer<Double>, lanes: Int, length: Int, qs: [Double],
    into out: UnsafeMutablePointer<Double>
  ) {
    let data = base.assumingMemoryBound(to: T.self)
    Sorting.forEachLanes(lanes, length: length) { range in
      // (value, weight) pairs with the sort's scratch after them, and the
      // running shares: reused by every lane of the range.
      let capacity = Swift.max(length, 1)
      let pairs = UnsafeMutablePointer<(Double, Double)>.allocate(capacity: 2 * capacity)
      defer { pairs.deallocate() }
      let shares = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
      defer { shares.deallocate() }
      for lane in range {
        for j in qs.indices { out[j * lanes + lane] = .nan }
        let values = data + lane * length
        let w = weights + lane * length
        guard length > 0, !(0..<length).contains(where: { values[$0].isNaN }) else { continue }
        for i in 0..<length { pairs[i] = (Double(values[i]), w[i]) }
        Sorting.sort(pairs, length, scratch: pairs + length) { Double.sortKey($0.0) }
        // NumPy's steps: a running sum in order, then one division by the
        // total, so that the shares round as NumPy's do.
        var running = 0.0
        for i in 0..<length {
          running += pairs[i].1
          shares[i] = running
        }
        let total = shares[length - 1]
        for i in 0..<length { shares[i] /= total }
        for (j, q) in qs.enumerated() {
          // The first element with a positive share of at least q (the
          // shares increase, so a binary search finds it).
          var low = 0
          var high = length
          while low < high {
            let middle = (low + high) / 2
            if shares[middle] > 0 && shares[middle] >= q { high = middle } else { low = middle + 1 }
          }
          out[j * lanes + lane] = pairs[Swift.min(low, length - 1)].0
        }
      }
    }
  }
}
