#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An element type sorted through an order-preserving unsigned key:
/// `key(a) < key(b)` exactly when NumPy orders `a` before `b`. For floating
/// point every NaN maps to the largest key (NaN sorts last, as in NumPy) and
/// −0 to the key of +0 (they compare equal, so a stable sort keeps their
/// order).
protocol RadixSortable {
  associatedtype Key: FixedWidthInteger & UnsignedInteger
  static func sortKey(_ x: Self) -> Key
}

extension Double: RadixSortable {
  @inline(__always)
  static func sortKey(_ x: Double) -> UInt64 {
    let b = (x + 0).bitPattern
    let key = b >> 63 == 1 ? ~b : b | (1 << 63)
    return x.isNaN ? .max : key
  }
}

extension Float: RadixSortable {
  @inline(__always)
  static func sortKey(_ x: Float) -> UInt32 {
    let b = (x + 0).bitPattern
    let key = b >> 31 == 1 ? ~b : b | (1 << 31)
    return x.isNaN ? .max : key
  }
}

extension Float16: RadixSortable {
  @inline(__always)
  static func sortKey(_ x: Float16) -> UInt16 {
    let b = (x + 0).bitPattern
    let key = b >> 15 == 1 ? ~b : b | (1 << 15)
    return x.isNaN ? .max : key
  }
}

extension Int8: RadixSortable {
  @inline(__always) static func sortKey(_ x: Int8) -> UInt8 { UInt8(bitPattern: x) ^ 0x80 }
}
extension Int16: RadixSortable {
  @inline(__always) static func sortKey(_ x: Int16) -> UInt16 { UInt16(bitPattern: x) ^ 0x8000 }
}
extension Int32: RadixSortable {
  @inline(__always) static func sortKey(_ x: Int32) -> UInt32 { UInt32(bitPattern: x) ^ 0x8000_0000 }
}
extension Int64: RadixSortable {
  @inline(__always) static func sortKey(_ x: Int64) -> UInt64 { UInt64(bitPattern: x) ^ 0x8000_0000_0000_0000 }
}
extension UInt8: RadixSortable {
  @inline(__always) static func sortKey(_ x: UInt8) -> UInt8 { x }
}
extension UInt16: RadixSortable {
  @inline(__always) static func sortKey(_ x: UInt16) -> UInt16 { x }
}
extension UInt32: RadixSortable {
  @inline(__always) static func sortKey(_ x: UInt32) -> UInt32 { x }
}
extension UInt64: RadixSortable {
  @inline(__always) static func sortKey(_ x: UInt64) -> UInt64 { x }
}

/// `Bool` data read as bytes: any non-zero byte is `true`.
extension BoolByte: RadixSortable {
  @inline(__always) static func sortKey(_ x: BoolByte) -> UInt8 { x.byte == 0 ? 0 : 1 }
}

/// Sorting, selection and binary search on contiguous buffers, for the
/// lanes that ``NDArray`` hands over (one lane per call, so lanes can run
/// on several threads).
///
/// The sorts are least-significant-digit radix sorts on the keys above:
/// stable, O(*n*) passes of 8 bits that are skipped when every key shares
/// the digit, with insertion sort below 64 elements. Radix sorting wins
/// over comparison sorts from a few hundred elements on, and stability
/// makes the results NumPy's `kind="stable"` results exactly.
enum Sorting {
  static let insertionLimit = 64

  /// Sorts `data[0..<n]` by `key`, stably; `scratch` holds `n` elements.
  @inline(__always)
  static func sort<T, K: FixedWidthInteger & UnsignedInteger>(
    _ data: UnsafeMutablePointer<T>, _ n: Int, scratch: UnsafeMutablePointer<T>, key: (T) -> K
  ) {
    if n <= insertionLimit {
      insertionSort(data, n, key: key)
      return
    }
    let passes = K.bitWidth / 8
    let counts = UnsafeMutablePointer<Int>.allocate(capacity: passes * 256)
    defer { counts.deallocate() }
    counts.initialize(repeating: 0, count: passes * 256)
    for i in 0..<n {
      let k = key(data[i])
      for p in 0..<passes { counts[p * 256 + Int(truncatingIfNeeded: (k >> (8 * p)) & 0xff)] += 1 }
    }
    var source = data
    var destination = scratch
    let firstKey = key(data[0])
    for p in 0..<passes {
      let table = counts + p * 256
      let shift = K(8 * p)
      if table[Int(truncatingIfNeeded: (firstKey >> shift) & 0xff)] == n { continue }
      var offset = 0
      for d in 0..<256 {
        let c = table[d]
        table[d] = offset
        offset += c
      }
      for i in 0..<n {
        let value = source[i]
        let d = Int(truncatingIfNeeded: (key(value) >> shift) & 0xff)
        destination[table[d]] = value
        table[d] += 1
      }
      swap(&source, &destination)
    }
    if source != data { data.update(from: source, count: n) }
  }

  @inline(__always)
  static func insertionSort<T, K: Comparable>(_ data: UnsafeMutablePointer<T>, _ n: Int, key: (T) -> K) {
    guard n > 1 else { return }
    for i in 1..<n {
      let value = data[i]
      let k = key(value)
      var j = i
      while j > 0 && key(data[j - 1]) > k {
        data[j] = data[j - 1]
        j -= 1
      }
      data[j] = value
    }
  }

  /// Sorts `indices[0..<n]` by `keys[indices[i]]` stably, where `keys`
  /// holds each element's key in element order; `indices` starts as any
  /// permutation (the identity for a plain argsort).
  static func argsort<K: FixedWidthInteger & UnsignedInteger, I: FixedWidthInteger>(
    keys: UnsafePointer<K>, indices: UnsafeMutablePointer<I>, _ n: Int
  ) {
    if n <= insertionLimit {
      insertionSort(indices, n) { keys[Int(truncatingIfNeeded: $0)] }
      return
    }
    // Radix on (key, index) pairs gathered once, so that the passes stream.
    let pairs = UnsafeMutablePointer<(K, I)>.allocate(capacity: 2 * n)
    defer { pairs.deallocate() }
    for i in 0..<n { pairs[i] = (keys[Int(truncatingIfNeeded: indices[i])], indices[i]) }
    sort(pairs, n, scratch: pairs + n) { $0.0 }
    for i in 0..<n { indices[i] = pairs[i].1 }
  }

  /// Rearranges `data[0..<n]` so that `data[k]` holds the element a sort
  /// would put there, nothing after it sorts before it and nothing before
  /// it after it (NumPy's `partition`). Floyd and Rivest's selection: on
  /// long ranges it first selects within a sample around the expected
  /// position, so that the partition that follows discards almost
  /// everything at once.
  static func select<T, K: Comparable>(_ data: UnsafeMutablePointer<T>, _ n: Int, _ k: Int, key: (T) -> K) {
    guard n > 1 else { return }
    floydRivest(data, 0, n - 1, k, key: key)
  }

  @inline(__always)
  static func exchange<T>(_ a: UnsafeMutablePointer<T>, _ i: Int, _ j: Int) {
    let t = a[i]
    a[i] = a[j]
    a[j] = t
  }

  static func floydRivest<T, K: Comparable>(
    _ a: UnsafeMutablePointer<T>, _ left: Int, _ right: Int, _ k: Int, key: (T) -> K
  ) {
    var left = left
    var right = right
    while right > left {
      if right - left > 600 {
        let n = Double(right - left + 1)
        let i = Double(k - left + 1)
        let z = log(n)
        let s = 0.5 * exp(2 * z / 3)
        let sd = 0.5 * (z * s * (n - s) / n).squareRoot() * (i - n / 2 < 0 ? -1 : 1)
        let newLeft = Swift.max(left, Int(Double(k) - i * s / n + sd))
        let newRight = Swift.min(right, Int(Double(k) + (n - i) * s / n + sd))
        floydRivest(a, newLeft, newRight, k, key: key)
      }
      let t = key(a[k])
      var i = left
      var j = right
      exchange(a, left, k)
      if key(a[right]) > t { exchange(a, right, left) }
      while i < j {
        exchange(a, i, j)
        i += 1
        j -= 1
        while key(a[i]) < t { i += 1 }
        while key(a[j]) > t { j -= 1 }
      }
      if key(a[left]) == t {
        exchange(a, left, j)
      } else {
        j += 1
        exchange(a, j, right)
      }
      if j <= k { left = j + 1 }
      if k <= j { right = j - 1 }
    }
  }

  /// For each query, the number of `sorted` keys below it (`right` false,
  /// NumPy's `side="left"`) or not above it (`right` true). Branch-free and
  /// sixteen queries in step, so that their memory reads overlap.
  @inline(__always)
  static func searchSorted<K: Comparable>(
    _ count: Int, key: (Int) -> K, queries: Int, query: (Int) -> K, right: Bool, into out: UnsafeMutablePointer<Int>
  ) {
    let group = 16
    withUnsafeTemporaryAllocation(of: Int.self, capacity: group) { base in
      withUnsafeTemporaryAllocation(of: K.self, capacity: group) { q in
        var q0 = 0
        while q0 < queries {
          let m = Swift.min(group, queries - q0)
          for j in 0..<m {
            base[j] = 0
            q[j] = query(q0 + j)
          }
          var length = count
          while length > 1 {
            let half = length / 2
            for j in 0..<m {
              let probe = key(base[j] + half)
              let step = right ? !(q[j] < probe) : probe < q[j]
              base[j] = step ? base[j] + half : base[j]
            }
            length -= half
          }
          for j in 0..<m {
            var position = base[j]
            if count > 0 {
              let probe = key(position)
              if right ? !(q[j] < probe) : probe < q[j] { position += 1 }
            }
            out[q0 + j] = position
          }
          q0 += m
        }
      }
    }
  }
}
