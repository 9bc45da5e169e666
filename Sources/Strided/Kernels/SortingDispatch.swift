import CStrided
import ComplexModule

/// A lane computation for one element type, picked once from the scalar
/// kind: ``visit(_:)`` for the types ``RadixSortable`` covers (Bool data as
/// ``BoolByte``), ``visitComplex(_:)`` for complex numbers, which sort by
/// real part and then imaginary part (NumPy's lexicographic order, NaN
/// parts last).
protocol SortingVisitor {
  associatedtype Result
  func visit<T: RadixSortable>(_: T.Type) -> Result
  func visitComplex<R: NDComplexComponent & RadixSortable>(_: R.Type) -> Result
}

/// A visitor that handles every element type through one comparable key:
/// the element's sort key, or for complex numbers the keys of both parts.
protocol KeyedSortingVisitor: SortingVisitor where Result == Void {
  func run<T, K: Comparable>(_: T.Type, key: (T) -> K)
}

extension KeyedSortingVisitor {
  func visit<T: RadixSortable>(_: T.Type) {
    run(T.self) { T.sortKey($0) }
  }

  func visitComplex<R: NDComplexComponent & RadixSortable>(_: R.Type) {
    run(Complex<R>.self) { Sorting.complexKey($0) }
  }
}

/// The key of a complex number, in NumPy's order: numbers without NaN
/// first (by real part, then imaginary), then `R + nan·j`, then `nan + R·j`,
/// then `nan + nan·j`, each group by its non-NaN part.
struct ComplexKey<K: FixedWidthInteger & UnsignedInteger>: Comparable {
  /// 0 without NaN, 1 for a NaN imaginary part, 2 for a NaN real part, 3
  /// for both.
  var group: UInt8
  var real: K
  var imaginary: K
  static func < (a: ComplexKey, b: ComplexKey) -> Bool {
    if a.group != b.group { return a.group < b.group }
    return a.real != b.real ? a.real < b.real : a.imaginary < b.imaginary
  }
}

extension Sorting {
  static func dispatch<V: SortingVisitor>(_ kind: ScalarKind, _ operation: StaticString, _ visitor: V) -> V.Result {
    switch kind {
    case .bool: visitor.visit(BoolByte.self)
    case .int8: visitor.visit(Int8.self)
    case .uint8, .char: visitor.visit(UInt8.self)
    case .int16: visitor.visit(Int16.self)
    case .uint16: visitor.visit(UInt16.self)
    case .int32: visitor.visit(Int32.self)
    case .uint32: visitor.visit(UInt32.self)
    case .int64: visitor.visit(Int64.self)
    case .uint64: visitor.visit(UInt64.self)
    case .float16: visitor.visit(Float16.self)
    case .float32: visitor.visit(Float.self)
    case .float64: visitor.visit(Double.self)
    case .complex64: visitor.visitComplex(Float.self)
    case .complex128: visitor.visitComplex(Double.self)
    case .pointer: preconditionFailure("\(operation): pointers have no order")
    }
  }

  /// The key of a complex number stored as two reals.
  @inline(__always)
  static func complexKey<R: NDComplexComponent & RadixSortable>(_ z: Complex<R>) -> ComplexKey<R.Key> {
    ComplexKey(group: nanGroup(z), real: R.sortKey(z.rawStorage.x), imaginary: R.sortKey(z.rawStorage.y))
  }

  /// Where a complex number goes in NumPy's order: 0 without NaN, 1 for a
  /// NaN imaginary part, 2 for a NaN real part, 3 for both.
  @inline(__always)
  static func nanGroup<R: BinaryFloatingPoint>(_ z: Complex<R>) -> UInt8 {
    (z.rawStorage.x.isNaN ? 2 : 0) + (z.rawStorage.y.isNaN ? 1 : 0)
  }

  /// Whether ``vectorSort(_:_:)`` sorts `T` on this processor (at the
  /// vector extension level chosen, see Isa.h).
  static func hasVectorSort<T>(_: T.Type) -> Bool {
    vectorSortType(T.self) != nil && strided_isa_level() >= Int32(STRIDED_ISA_AVX2.rawValue)
  }

  /// The element code of Sort.h for `T`, or `nil` for a type the
  /// vectorized quicksort does not serve.
  static func vectorSortType<T>(_: T.Type) -> Int32? {
    let type: strided_sort_type
    if T.self == Double.self {
      type = STRIDED_SORT_F64
    } else if T.self == Float.self {
      type = STRIDED_SORT_F32
    } else if T.self == Int64.self {
      type = STRIDED_SORT_I64
    } else if T.self == UInt64.self {
      type = STRIDED_SORT_U64
    } else if T.self == Int32.self {
      type = STRIDED_SORT_I32
    } else if T.self == UInt32.self {
      type = STRIDED_SORT_U32
    } else {
      return nil
    }
    return Int32(type.rawValue)
  }

  /// Sorts `data[0..<n]` in place with the vectorized quicksort of
  /// Sort.c, in NumPy's order (NaN last, −0.0 before 0.0), every bit
  /// pattern kept; `false` (and nothing done) where ``hasVectorSort(_:)``
  /// is `false`. `data` is aligned for `T`.
  static func vectorSort<T>(_ data: UnsafeMutablePointer<T>, _ n: Int) -> Bool {
    guard let type = vectorSortType(T.self), strided_sort_begin(type, data, n) != 0 else { return false }
    strided_sort_keys(type, data, n)
    strided_sort_end(type, data, n)
    return true
  }

  /// The length from which one lane is sorted on two threads.
  static let parallelLength = 1 << 16

  /// ``vectorSort(_:_:)`` of one long lane on two threads: the keys made
  /// by halves, one partition around a sampled pivot, each side sorted on
  /// a thread of its own, the keys turned back by halves. The result is
  /// the one-thread sort's.
  static func vectorSortOnTwoThreads(_ data: UnsafeMutableRawPointer, _ n: Int, type: Int32, itemSize: Int) {
    let half = n / 2
    func halves(_ step: (Int32, UnsafeMutableRawPointer, Int) -> Void) {
      WorkPool.shared.run(2) { i in step(type, data + (i == 0 ? 0 : half * itemSize), i == 0 ? half : n - half) }
    }
    halves { _ = strided_sort_begin($0, $1, $2) }
    let m = strided_sort_split(type, data, n)
    if m == 0 {
      strided_sort_keys(type, data, n)
    } else {
      WorkPool.shared.run(2) { i in
        strided_sort_keys(type, data + (i == 0 ? 0 : m * itemSize), i == 0 ? m : n - m)
      }
    }
    halves { strided_sort_end($0, $1, $2) }
  }

  /// The stable argsort of one long lane on two threads: each half sorted
  /// as (key, index) pairs by radix on a thread of its own, then merged,
  /// each thread writing one half of the output (the merge path: the first
  /// `k` outputs take the `i` first pairs of the left half and `k − i` of
  /// the right, `i` found by bisection). Equal keys take the left half
  /// first, so the result is the one-thread sort's.
  static func argsortOnTwoThreads<T, K: FixedWidthInteger & UnsignedInteger>(
    _ data: UnsafePointer<T>, _ n: Int, into out: UnsafeMutablePointer<Int>, key: (T) -> K
  ) {
    let pairs = UnsafeMutablePointer<(K, UInt32)>.allocate(capacity: 2 * n)
    defer { pairs.deallocate() }
    let half = n / 2
    WorkPool.shared.run(2) { part in
      let (start, count) = part == 0 ? (0, half) : (half, n - half)
      for i in start..<(start + count) { pairs[i] = (key(data[i]), UInt32(truncatingIfNeeded: i)) }
      sort(pairs + start, count, scratch: pairs + n + start) { $0.0 }
    }
    let left = pairs
    let right = pairs + half
    let rightCount = n - half
    /// How many of the first `k` outputs come from the left half.
    func leftShare(_ k: Int) -> Int {
      var (low, high) = (Swift.max(0, k - rightCount), Swift.min(half, k))
      while low < high {
        let i = (low + high) / 2
        // Left pair i goes before right pair k − i − 1 (ties: left first).
        if left[i].0 <= right[k - i - 1].0 { low = i + 1 } else { high = i }
      }
      return low
    }
    WorkPool.shared.run(2) { part in
      let (first, last) = part == 0 ? (0, half) : (half, n)
      var i = leftShare(first)
      var j = first - i
      for k in first..<last {
        if j >= rightCount || (i < half && left[i].0 <= right[j].0) {
          out[k] = Int(left[i].1)
          i += 1
        } else {
          out[k] = Int(right[j].1)
          j += 1
        }
      }
    }
  }

  /// Runs `body` on ranges of `lanes` lanes, spread over the pool's
  /// threads when the work (`lanes` × `length` elements) is large enough;
  /// `body` must be safe to run concurrently on disjoint lanes.
  static func forEachLanes(_ lanes: Int, length: Int, _ body: (Range<Int>) -> Void) {
    IterationPlan.forEachBlock(lanes, cost: length, body)
  }
}

/// Sorts contiguous lanes in place: by the vectorized quicksort where it
/// serves the type and `stable` is not asked for, else stably by radix.
struct SortLanes: SortingVisitor {
  let base: UnsafeMutableRawPointer
  let length: Int
  let lanes: Int
  let stable: Bool

  func visit<T: RadixSortable>(_: T.Type) {
    let n = length
    if !stable && Sorting.hasVectorSort(T.self) {
      if lanes == 1 && n >= Sorting.parallelLength && WorkPool.shared.canSplit, let type = Sorting.vectorSortType(T.self) {
        Sorting.vectorSortOnTwoThreads(base, n, type: type, itemSize: MemoryLayout<T>.stride)
        return
      }
      Sorting.forEachLanes(lanes, length: n) { range in
        for lane in range {
          _ = Sorting.vectorSort((base + lane * n * MemoryLayout<T>.stride).assumingMemoryBound(to: T.self), n)
        }
      }
      return
    }
    Sorting.forEachLanes(lanes, length: n) { range in
      let scratch = UnsafeMutablePointer<T>.allocate(capacity: n)
      defer { scratch.deallocate() }
      for lane in range {
        let data = (base + lane * n * MemoryLayout<T>.stride).assumingMemoryBound(to: T.self)
        Sorting.sort(data, n, scratch: scratch) { T.sortKey($0) }
      }
    }
  }

  func visitComplex<R: NDComplexComponent & RadixSortable>(_: R.Type) {
    let n = length
    Sorting.forEachLanes(lanes, length: n) { range in
      let scratch = UnsafeMutablePointer<Complex<R>>.allocate(capacity: n)
      defer { scratch.deallocate() }
      for lane in range {
        let data = (base + lane * n * MemoryLayout<Complex<R>>.stride).assumingMemoryBound(to: Complex<R>.self)
        // Least significant key first: a stable sort by the real part keeps
        // the imaginary order within equal real parts.
        Sorting.sort(data, n, scratch: scratch) { R.sortKey($0.rawStorage.y) }
        Sorting.sort(data, n, scratch: scratch) { R.sortKey($0.rawStorage.x) }
        // NumPy's order puts every number with a NaN part after the others
        // (see ``ComplexKey``): one more pass, when there is a NaN.
        if (0..<n).contains(where: { Sorting.nanGroup(data[$0]) != 0 }) {
          Sorting.sort(data, n, scratch: scratch) { Sorting.nanGroup($0) }
        }
      }
    }
  }
}

/// Writes, for each contiguous lane, the indices that sort it (stably).
struct ArgsortLanes: SortingVisitor {
  let base: UnsafeRawPointer
  let length: Int
  let lanes: Int
  let out: UnsafeMutablePointer<Int>

  func visit<T: RadixSortable>(_: T.Type) {
    let n = length
    if lanes == 1 && n >= Sorting.parallelLength && n <= Int(UInt32.max) && WorkPool.shared.canSplit {
      Sorting.argsortOnTwoThreads(base.assumingMemoryBound(to: T.self), n, into: out) { T.sortKey($0) }
      return
    }
    Sorting.forEachLanes(lanes, length: n) { range in
      let keys = UnsafeMutablePointer<T.Key>.allocate(capacity: n)
      let indices = UnsafeMutablePointer<UInt32>.allocate(capacity: n)
      defer {
        keys.deallocate()
        indices.deallocate()
      }
      for lane in range {
        let data = (base + lane * n * MemoryLayout<T>.stride).assumingMemoryBound(to: T.self)
        for i in 0..<n {
          keys[i] = T.sortKey(data[i])
          indices[i] = UInt32(truncatingIfNeeded: i)
        }
        if n <= Int(UInt32.max) {
          Sorting.argsort(keys: keys, indices: indices, n)
          let o = out + lane * n
          for i in 0..<n { o[i] = Int(indices[i]) }
        } else {
          let o = out + lane * n
          for i in 0..<n { o[i] = i }
          Sorting.argsort(keys: keys, indices: o, n)
        }
      }
    }
  }

  func visitComplex<R: NDComplexComponent & RadixSortable>(_: R.Type) {
    let n = length
    Sorting.forEachLanes(lanes, length: n) { range in
      let keys = UnsafeMutablePointer<R.Key>.allocate(capacity: n)
      defer { keys.deallocate() }
      for lane in range {
        let data = (base + lane * n * MemoryLayout<Complex<R>>.stride).assumingMemoryBound(to: Complex<R>.self)
        let o = out + lane * n
        for i in 0..<n { o[i] = i }
        for i in 0..<n { keys[i] = R.sortKey(data[i].rawStorage.y) }
        Sorting.argsort(keys: keys, indices: o, n)
        for i in 0..<n { keys[i] = R.sortKey(data[i].rawStorage.x) }
        Sorting.argsort(keys: keys, indices: o, n)
        if (0..<n).contains(where: { Sorting.nanGroup(data[$0]) != 0 }) {
          for i in 0..<n { keys[i] = R.Key(Sorting.nanGroup(data[i])) }
          Sorting.argsort(keys: keys, indices: o, n)
        }
      }
    }
  }
}

/// Partitions contiguous lanes in place around each of the `kth`
/// positions (ascending): with one position, quickselect; with several,
/// one selection per range between them.
struct PartitionLanes: KeyedSortingVisitor {
  let base: UnsafeMutableRawPointer
  let length: Int
  let lanes: Int
  let kth: [Int]

  func run<T, K: Comparable>(_: T.Type, key: (T) -> K) {
    let n = length
    Sorting.forEachLanes(lanes, length: n) { range in
      for lane in range {
        let data = (base + lane * n * MemoryLayout<T>.stride).assumingMemoryBound(to: T.self)
        var start = 0
        for k in kth {
          Sorting.select(data + start, n - start, k - start, key: key)
          start = k + 1
        }
      }
    }
  }
}

/// Partitions the index lanes of contiguous value lanes.
struct ArgpartitionLanes: KeyedSortingVisitor {
  let base: UnsafeRawPointer
  let length: Int
  let lanes: Int
  let kth: [Int]
  let out: UnsafeMutablePointer<Int>

  func run<T, K: Comparable>(_: T.Type, key: (T) -> K) {
    let n = length
    Sorting.forEachLanes(lanes, length: n) { range in
      for lane in range {
        let data = (base + lane * n * MemoryLayout<T>.stride).assumingMemoryBound(to: T.self)
        let o = out + lane * n
        for i in 0..<n { o[i] = i }
        var start = 0
        for k in kth {
          Sorting.select(o + start, n - start, k - start) { key(data[$0]) }
          start = k + 1
        }
      }
    }
  }
}
