import ComplexModule

// The loops behind NumPy's set routines (`isin`, `intersect1d`,
// `setdiff1d`, `setxor1d`): binary search in, and merges of, sorted
// contiguous buffers, on the sort keys of `Sorting.swift`. Elements are
// compared as NumPy's `==` compares them: −0.0 equals 0.0 (their keys are
// one key), and NaN, or a complex number with a NaN part, equals nothing,
// itself included.

/// A computation on sorted buffers that needs NumPy's `==`: `run` gets
/// each element's order-preserving key, and whether two keys stand for
/// equal elements (equal keys do, unless they are NaN's).
protocol MatchingVisitor: SortingVisitor {
  func run<T, K: Comparable>(_: T.Type, key: (T) -> K, matches: (K, K) -> Bool) -> Result
}

extension MatchingVisitor {
  func visit<T: RadixSortable>(_: T.Type) -> Result {
    // A floating-point key is the largest only for NaN; for integers the
    // largest key is an ordinary value (`Int.max`, `UInt8.max`).
    let floating = T.self == Double.self || T.self == Float.self || T.self == Float16.self
    let nanKey = T.Key.max
    return run(
      T.self, key: { T.sortKey($0) },
      matches: { (x: T.Key, y: T.Key) -> Bool in x == y && !(floating && x == nanKey) })
  }

  func visitComplex<R: NDComplexComponent & RadixSortable>(_: R.Type) -> Result {
    run(
      Complex<R>.self, key: { Sorting.complexKey($0) },
      matches: { (x: ComplexKey<R.Key>, y: ComplexKey<R.Key>) -> Bool in x == y && x.group == 0 })
  }
}

/// For each query, whether it equals an element of a sorted buffer of
/// distinct values (NumPy's `isin`), or with `inverted` whether it equals
/// none.
struct Membership: MatchingVisitor {
  typealias Result = Void
  let sorted: UnsafeRawPointer
  let count: Int
  let queries: UnsafeRawPointer
  let queryCount: Int
  let inverted: Bool
  let out: UnsafeMutableRawPointer

  func run<T, K: Comparable>(_: T.Type, key: (T) -> K, matches: (K, K) -> Bool) {
    let a = sorted.assumingMemoryBound(to: T.self)
    let q = queries.assumingMemoryBound(to: T.self)
    let count = self.count
    let inverted = self.inverted
    let out = self.out.assumingMemoryBound(to: Bool.self)
    // A search costs about log2(count) probes per query.
    let cost = Swift.max(1, Int.bitWidth - count.leadingZeroBitCount)
    let chunk = 4096
    Sorting.forEachLanes(queryCount, length: cost) { range in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.min(chunk, range.count)) { positions in
        let position = positions.baseAddress!
        var start = range.lowerBound
        while start < range.upperBound {
          let n = Swift.min(chunk, range.upperBound - start)
          let first = start
          Sorting.searchSorted(
            count, key: { key(a[$0]) }, queries: n, query: { key(q[first + $0]) }, right: false, into: position)
          for j in 0..<n {
            let p = position[j]
            let found = p < count && matches(key(a[p]), key(q[first + j]))
            out[first + j] = found != inverted
          }
          start += n
        }
      }
    }
  }
}

/// What a merge of two sorted buffers keeps.
enum SetMergeKind {
  /// The elements of the first buffer that equal one of the second, each
  /// paired with it (`intersect1d`).
  case intersection
  /// The elements of the first buffer that equal none of the second
  /// (`setdiff1d`).
  case difference
  /// The elements of either buffer that equal neither neighbour in the
  /// merged order (`setxor1d`).
  case symmetricDifference
}

/// The positions a merge keeps, in sorted order: positions in the first
/// buffer followed by the second (`first ++ second`), and for an
/// intersection the position in the second buffer of each one's match.
struct MergePicks {
  var positions: [Int] = []
  var partners: [Int] = []
}

/// Merges two sorted buffers in one pass. With distinct elements in each
/// (the results of `unique`), each kind is its set operation. With
/// repeats, `symmetricDifference` is NumPy's rule for `assume_unique=True`
/// (neighbours in the merged order, where equal elements of the first
/// buffer come before those of the second, as in a stable sort of the
/// concatenation); `intersection` pairs equal elements one to one, and
/// `difference` drops every element that has a match.
struct SortedMerge: MatchingVisitor {
  typealias Result = MergePicks
  let first: UnsafeRawPointer
  let firstCount: Int
  let second: UnsafeRawPointer
  let secondCount: Int
  let kind: SetMergeKind

  func run<T, K: Comparable>(_: T.Type, key: (T) -> K, matches: (K, K) -> Bool) -> MergePicks {
    let x = first.assumingMemoryBound(to: T.self)
    let y = second.assumingMemoryBound(to: T.self)
    let n = firstCount
    let m = secondCount
    var picks = MergePicks()
    var i = 0
    var j = 0
    switch kind {
    case .intersection:
      while i < n && j < m {
        let kx = key(x[i])
        let ky = key(y[j])
        if kx < ky {
          i += 1
        } else if ky < kx {
          j += 1
        } else {
          if matches(kx, ky) {
            picks.positions.append(i)
            picks.partners.append(j)
          }
          i += 1
          j += 1
        }
      }
    case .difference:
      picks.positions.reserveCapacity(n)
      while i < n {
        let kx = key(x[i])
        while j < m && key(y[j]) < kx { j += 1 }
        if !(j < m && matches(kx, key(y[j]))) { picks.positions.append(i) }
        i += 1
      }
    case .symmetricDifference:
      // Each element is kept when it matches neither the one before it nor
      // the one after it; `last` waits for its successor.
      picks.positions.reserveCapacity(n + m)
      var last: (position: Int, key: K, matchesPrevious: Bool)? = nil
      while i < n || j < m {
        let position: Int
        let k: K
        if j >= m || (i < n && !(key(y[j]) < key(x[i]))) {
          position = i
          k = key(x[i])
          i += 1
        } else {
          position = n + j
          k = key(y[j])
          j += 1
        }
        if let previous = last {
          let matched = matches(previous.key, k)
          if !previous.matchesPrevious && !matched { picks.positions.append(previous.position) }
          last = (position: position, key: k, matchesPrevious: matched)
        } else {
          last = (position: position, key: k, matchesPrevious: false)
        }
      }
      if let previous = last, !previous.matchesPrevious { picks.positions.append(previous.position) }
    }
    return picks
  }

  /// Writes the elements at `positions` of `first ++ second` to `out`, in
  /// order.
  static func gather<T>(
    _: T.Type, first: UnsafeRawPointer, firstCount: Int, second: UnsafeRawPointer, positions: [Int],
    into out: UnsafeMutableRawPointer
  ) {
    let x = first.assumingMemoryBound(to: T.self)
    let y = second.assumingMemoryBound(to: T.self)
    let o = out.assumingMemoryBound(to: T.self)
    for (k, p) in positions.enumerated() {
      (o + k).initialize(to: p < firstCount ? x[p] : y[p - firstCount])
    }
  }
}

/// Membership of integers through a table with one entry per value between
/// the least and the greatest test value (NumPy's `isin(kind="table")`),
/// used when that span is at most six times the elements of both arrays:
/// O(*n* + *m*), no sort.
enum TableMembership {
  /// Writes whether each query is among the tests (or, `inverted`, is
  /// not); `false` (and nothing written) for other element kinds or a
  /// span too wide. Both buffers are contiguous and aligned.
  static func run(
    _ kind: ScalarKind, tests: UnsafeRawPointer, count m: Int, queries: UnsafeRawPointer, queryCount n: Int,
    inverted: Bool, out: UnsafeMutablePointer<Bool>
  ) -> Bool {
    switch kind {
    case .int8: run(Int8.self, tests, m, queries, n, inverted, out)
    case .uint8: run(UInt8.self, tests, m, queries, n, inverted, out)
    case .int16: run(Int16.self, tests, m, queries, n, inverted, out)
    case .uint16: run(UInt16.self, tests, m, queries, n, inverted, out)
    case .int32: run(Int32.self, tests, m, queries, n, inverted, out)
    case .uint32: run(UInt32.self, tests, m, queries, n, inverted, out)
    case .int64: run(Int64.self, tests, m, queries, n, inverted, out)
    case .uint64: run(UInt64.self, tests, m, queries, n, inverted, out)
    default: false
    }
  }

  static func run<T: FixedWidthInteger>(
    _: T.Type, _ tests: UnsafeRawPointer, _ m: Int, _ queries: UnsafeRawPointer, _ n: Int, _ inverted: Bool,
    _ out: UnsafeMutablePointer<Bool>
  ) -> Bool {
    guard m > 0 else { return false }
    let t = tests.assumingMemoryBound(to: T.self)
    var (low, high) = (t[0], t[0])
    for i in 1..<m { (low, high) = (Swift.min(low, t[i]), Swift.max(high, t[i])) }
    let (span, overflow) = high.subtractingReportingOverflow(low)
    guard !overflow, let width = Int(exactly: span), width / 6 < n + m else { return false }
    let table = UnsafeMutablePointer<Bool>.allocate(capacity: width + 1)
    defer { table.deallocate() }
    table.initialize(repeating: false, count: width + 1)
    for i in 0..<m { table[Int(truncatingIfNeeded: t[i] &- low)] = true }
    let q = queries.assumingMemoryBound(to: T.self)
    Sorting.forEachLanes(n, length: 1) { range in
      for i in range {
        let x = q[i]
        out[i] = (x >= low && x <= high && table[Int(truncatingIfNeeded: x &- low)]) != inverted
      }
    }
    return true
  }
}
