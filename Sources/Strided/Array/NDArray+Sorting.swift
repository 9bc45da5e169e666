import ComplexModule

// Sorting, partitioning and searching along an axis. Each lane is copied
// into contiguous scratch (the lanes of a C-ordered copy with the axis
// moved last), worked on there, and the result moved back: any layout is
// read once, and the sorts see contiguous memory.

extension NDArray {
  /// A C-ordered copy with `axis` moved last, so that its lanes along the
  /// last axis are contiguous: the lanes of `axis`.
  func laneCopy(axis: Int) -> NDArray {
    movingAxis(from: axis, to: ndim - 1).copy(order: .c)
  }

  /// The address of a C-ordered array's first element.
  var contiguousBase: UnsafeMutableRawPointer { storage.base + view.byteOffset }

  func normalizedSortAxis(_ axis: Int, _ operation: StaticString) -> Int {
    precondition(axis >= -ndim && axis < ndim, "\(operation): axis \(axis) is out of range for \(ndim) dimensions")
    return axis < 0 ? axis + ndim : axis
  }

  /// A copy sorted along `axis` (NumPy's default is the last axis), or,
  /// with `axis: nil`, the flattened elements sorted. NaN sorts last;
  /// complex numbers sort by real part, then imaginary part.
  ///
  /// Equal elements are indistinguishable but for −0.0 and 0.0 and NaN
  /// payloads. The default sort (NumPy's default `kind="quicksort"`, also
  /// unstable) puts −0.0 before 0.0 and orders NaNs by their bits; with
  /// `stable: true` (NumPy's `kind="stable"`) equal elements keep their
  /// order.
  ///
  /// NumPy: `np.sort(a, axis=axis)`, `np.sort(a, axis=axis, kind="stable")`.
  ///
  /// - Precondition: `axis` is in range; a 0-d array needs `axis: nil`.
  /// - Complexity: O(*n* log *n*) for *n* elements by a vectorized
  ///   quicksort (`Float`, `Double` and the 32- and 64-bit integers on a
  ///   processor with AVX2; O(*n*) radix passes otherwise and when
  ///   `stable`, O(*n*²) by insertion for lanes under 64 elements).
  public func sorted(axis: Int? = -1, stable: Bool = false) -> NDArray {
    guard let axis else { return flattened().sorted(axis: 0, stable: stable) }
    let a = normalizedSortAxis(axis, "NDArray.sorted")
    let lanes = laneCopy(axis: a)
    let length = shape[a]
    if length > 1 {
      Sorting.dispatch(
        Element.scalarKind, "NDArray.sorted",
        SortLanes(base: lanes.contiguousBase, length: length, lanes: lanes.count / length, stable: stable))
    }
    return lanes.movingAxis(from: ndim - 1, to: a)
  }

  /// Sorts the elements along `axis` in place, writing through the view.
  ///
  /// NumPy: `a.sort(axis=axis)`, `a.sort(axis=axis, kind="stable")`.
  ///
  /// - Precondition: `axis` is in range, and the array is writable.
  /// - Complexity: As ``sorted(axis:stable:)``.
  public func sort(axis: Int = -1, stable: Bool = false) {
    precondition(!isReadOnly, "NDArray.sort: the array is read-only")
    sorted(axis: axis, stable: stable).copy(into: self)
  }

  /// The indices that sort each lane along `axis` (stably), or with
  /// `axis: nil` the flattened array.
  ///
  /// NumPy: `np.argsort(a, axis=axis, kind="stable")`.
  ///
  /// - Precondition: `axis` is in range.
  /// - Complexity: As ``sorted(axis:)``.
  public func argsort(axis: Int? = -1) -> NDArray<Int> {
    guard let axis else { return flattened().argsort(axis: 0) }
    let a = normalizedSortAxis(axis, "NDArray.argsort")
    let lanes = laneCopy(axis: a)
    let result = NDArray<Int>.uninitialized(lanes.shape, "NDArray.argsort")
    let length = shape[a]
    if length > 0 {
      Sorting.dispatch(
        Element.scalarKind, "NDArray.argsort",
        ArgsortLanes(
          base: lanes.contiguousBase, length: length, lanes: lanes.count / length,
          out: result.contiguousBase.assumingMemoryBound(to: Int.self)))
    }
    return result.movingAxis(from: ndim - 1, to: a)
  }

  /// Checks and sorts partition positions for an axis of `size`.
  static func partitionPositions(_ kth: [Int], size: Int, axis: Int) throws(IndexError) -> [Int] {
    var positions: [Int] = []
    for k in kth {
      guard k >= -size && k < size else { throw .outOfRange(index: k, axis: axis, size: size) }
      positions.append(k < 0 ? k + size : k)
    }
    return Array(Set(positions)).sorted()
  }

  /// A copy in which, along `axis`, each position in `kth` holds the
  /// element a sort would put there, with nothing larger before it and
  /// nothing smaller after it; the order within the parts is unspecified.
  ///
  /// NumPy: `np.partition(a, kth, axis=axis)`.
  ///
  /// - Throws: ``IndexError/outOfRange(index:axis:size:)`` for a position
  ///   outside the axis.
  /// - Precondition: `axis` is in range.
  /// - Complexity: O(*n*) expected per position.
  public func partitioned(at kth: [Int], axis: Int = -1) throws(IndexError) -> NDArray {
    let a = normalizedSortAxis(axis, "NDArray.partitioned")
    let positions = try Self.partitionPositions(kth, size: shape[a], axis: a)
    let lanes = laneCopy(axis: a)
    let length = shape[a]
    if length > 1 && !positions.isEmpty {
      Sorting.dispatch(
        Element.scalarKind, "NDArray.partitioned",
        PartitionLanes(base: lanes.contiguousBase, length: length, lanes: lanes.count / length, kth: positions))
    }
    return lanes.movingAxis(from: ndim - 1, to: a)
  }

  /// The indices that would partition each lane as ``partitioned(at:axis:)``.
  ///
  /// NumPy: `np.argpartition(a, kth, axis=axis)`.
  ///
  /// - Throws: ``IndexError/outOfRange(index:axis:size:)``.
  /// - Precondition: `axis` is in range.
  public func argpartition(at kth: [Int], axis: Int = -1) throws(IndexError) -> NDArray<Int> {
    let a = normalizedSortAxis(axis, "NDArray.argpartition")
    let positions = try Self.partitionPositions(kth, size: shape[a], axis: a)
    let lanes = laneCopy(axis: a)
    let result = NDArray<Int>.uninitialized(lanes.shape, "NDArray.argpartition")
    let length = shape[a]
    if length > 0 {
      Sorting.dispatch(
        Element.scalarKind, "NDArray.argpartition",
        ArgpartitionLanes(
          base: lanes.contiguousBase, length: length, lanes: lanes.count / length, kth: positions,
          out: result.contiguousBase.assumingMemoryBound(to: Int.self)))
    }
    return result.movingAxis(from: ndim - 1, to: a)
  }
}

// MARK: - Searching

/// Which of equal elements a search lands beside (NumPy's `side`).
public enum SearchSide: Sendable, Hashable {
  /// Before the first equal element (`"left"`).
  case left
  /// After the last equal element (`"right"`).
  case right
}

/// Finds positions in a sorted array.
struct SearchLanes: KeyedSortingVisitor {
  let sorted: UnsafeRawPointer
  let count: Int
  let sorter: UnsafePointer<Int>?
  let queries: UnsafeRawPointer
  let queryCount: Int
  let right: Bool
  let out: UnsafeMutablePointer<Int>

  func run<T, K: Comparable>(_: T.Type, key: (T) -> K) {
    let a = sorted.assumingMemoryBound(to: T.self)
    let q = queries.assumingMemoryBound(to: T.self)
    Sorting.forEachLanes(2, length: queryCount) { halves in
      let lower = halves.lowerBound * queryCount / 2
      let upper = halves.upperBound * queryCount / 2
      if let sorter {
        Sorting.searchSorted(
          count, key: { key(a[sorter[$0]]) }, queries: upper - lower, query: { key(q[lower + $0]) }, right: right,
          into: out + lower)
      } else {
        Sorting.searchSorted(
          count, key: { key(a[$0]) }, queries: upper - lower, query: { key(q[lower + $0]) }, right: right,
          into: out + lower)
      }
    }
  }
}

extension NDArray {
  /// For each of `values`, the position in this sorted 1-D array where it
  /// would be inserted to keep the order: before equal elements
  /// (`.left`) or after them (`.right`). With `sorter`, the array is
  /// read in the order `sorter` gives (the result of ``argsort(axis:)``).
  /// NaN is larger than every number, as in NumPy's sort order.
  ///
  /// NumPy: `np.searchsorted(a, values, side=…, sorter=…)`.
  ///
  /// - Throws: ``IndexError/outOfRange(index:axis:size:)`` for a sorter
  ///   entry outside the array; ``IndexError/shapeMismatch(_:)`` when
  ///   the sorter's length differs from the array's.
  /// - Precondition: The array is 1-D.
  /// - Complexity: O(*m* log *n*) for *m* values.
  public func searchSorted(_ values: NDArray, side: SearchSide = .left, sorter: NDArray<Int>? = nil)
    throws(IndexError) -> NDArray<Int>
  {
    precondition(ndim == 1, "NDArray.searchSorted: the sorted array must be 1-D, not \(ndim)-D")
    var order: [Int]? = nil
    if let sorter {
      guard sorter.shape == shape else {
        throw .shapeMismatch("a sorter of shape \(sorter.shape) for an array of shape \(shape)")
      }
      let entries = sorter.elements
      if let bad = entries.first(where: { $0 < 0 || $0 >= count }) {
        throw .outOfRange(index: bad, axis: 0, size: count)
      }
      order = entries
    }
    let a = copy()
    let q = values.copy()
    let result = NDArray<Int>.uninitialized(values.shape, "NDArray.searchSorted")
    order.withOptionalPointer { sorterPointer in
      Sorting.dispatch(
        Element.scalarKind, "NDArray.searchSorted",
        SearchLanes(
          sorted: a.contiguousBase, count: count, sorter: sorterPointer, queries: q.contiguousBase,
          queryCount: q.count, right: side == .right, out: result.contiguousBase.assumingMemoryBound(to: Int.self)))
    }
    return result
  }
}

extension Optional where Wrapped == [Int] {
  func withOptionalPointer<R>(_ body: (UnsafePointer<Int>?) -> R) -> R {
    switch self {
    case .some(let array): array.withUnsafeBufferPointer { body($0.baseAddress) }
    case .none: body(nil)
    }
  }
}

// MARK: - Unique values

/// The distinct values of an array and how they map to its elements
/// (NumPy's `np.unique` with every `return_*` flag).
public struct UniqueValues<Element: NDElement>: Sendable {
  /// The distinct values, sorted (NaN last, all NaNs as one).
  public var values: NDArray<Element>
  /// For each distinct value, the flat index of its first occurrence
  /// (`return_index`).
  public var firstIndices: NDArray<Int>
  /// For each element of the input, the index of its value in `values`,
  /// in the input's shape (`return_inverse`).
  public var inverse: NDArray<Int>
  /// How often each distinct value occurs (`return_counts`).
  public var counts: NDArray<Int>
}

/// Whether two neighbouring sorted elements differ.
struct DistinctRuns: SortingVisitor {
  let base: UnsafeRawPointer
  let order: UnsafePointer<Int>
  let count: Int

  func visit<T: RadixSortable>(_: T.Type) -> [Bool] {
    let a = base.assumingMemoryBound(to: T.self)
    return (0..<count).map { $0 == 0 || T.sortKey(a[order[$0]]) != T.sortKey(a[order[$0 - 1]]) }
  }

  func visitComplex<R: NDComplexComponent & RadixSortable>(_: R.Type) -> [Bool] {
    let a = base.assumingMemoryBound(to: Complex<R>.self)
    // Every number with a NaN part is one value, as NumPy 2's unique
    // (`equal_nan=True`) merges them; they sort last, together.
    return (0..<count).map { i in
      guard i > 0 else { return true }
      let (x, y) = (Sorting.complexKey(a[order[i]]), Sorting.complexKey(a[order[i - 1]]))
      return x.group != 0 && y.group != 0 ? false : x != y
    }
  }
}

extension NDArray {
  /// The distinct elements, sorted, as a 1-D array. NaNs count as one
  /// value, and so do −0.0 and 0.0 (NumPy 2's `equal_nan=True`).
  ///
  /// Of −0.0 and 0.0 the one first in the array is kept, as NumPy keeps
  /// it on arrays its sort orders stably.
  ///
  /// NumPy: `np.unique(a)`.
  ///
  /// - Complexity: As ``sorted(axis:stable:)``: stable for floating point,
  ///   the vectorized quicksort for integers.
  public func unique() -> NDArray {
    let kind = Element.scalarKind
    let sortedValues = sorted(axis: nil, stable: kind.isFloatingPoint || kind.isComplex)
    let n = sortedValues.count
    guard n > 1 else { return sortedValues }
    let identity = Array(0..<n)
    let starts = identity.withUnsafeBufferPointer { order in
      Sorting.dispatch(
        Element.scalarKind, "NDArray.unique",
        DistinctRuns(base: sortedValues.contiguousBase, order: order.baseAddress!, count: n))
    }
    let kept = starts.indices.filter { starts[$0] }
    return try! sortedValues.take(NDArray<Int>(kept))
  }

  /// The distinct elements with their first indices, the inverse mapping
  /// and their counts.
  ///
  /// NumPy: `np.unique(a, return_index=True, return_inverse=True,
  /// return_counts=True)` (the inverse in the input's shape, as NumPy 2
  /// gives it).
  ///
  /// - Complexity: O(*n*) radix passes.
  public func uniqueValues() -> UniqueValues<Element> {
    let flat = flattened().copy()
    let order = flat.argsort(axis: 0).elements
    let n = order.count
    let starts = order.withUnsafeBufferPointer { o in
      Sorting.dispatch(
        Element.scalarKind, "NDArray.uniqueValues",
        DistinctRuns(base: flat.contiguousBase, order: o.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: n))
    }
    var first: [Int] = []
    var counts: [Int] = []
    var inverse = [Int](repeating: 0, count: n)
    for i in 0..<n {
      if starts[i] {
        first.append(order[i])
        counts.append(0)
      }
      counts[counts.count - 1] += 1
      inverse[order[i]] = first.count - 1
    }
    let firstIndices = NDArray<Int>(first)
    return UniqueValues(
      values: try! flat.take(firstIndices), firstIndices: firstIndices,
      inverse: NDArray<Int>(inverse, shape: shape), counts: NDArray<Int>(counts))
  }

  /// The indices that sort by several keys: the last key first, ties
  /// broken by the one before it, and so on (stably).
  ///
  /// NumPy: `np.lexsort(keys)`.
  ///
  /// - Throws: ``ShapeError/noArrays(operation:)`` for no keys, and
  ///   ``ShapeError/sizeMismatch(operand:axis:size:expected:)`` for keys
  ///   of different lengths.
  /// - Precondition: Every key is 1-D.
  /// - Complexity: O(*k*·*n*) radix passes for *k* keys.
  public static func lexsort(_ keys: [NDArray]) throws(ShapeError) -> NDArray<Int> {
    guard let first = keys.first else { throw .noArrays(operation: "lexsort") }
    for (i, key) in keys.enumerated() {
      precondition(key.ndim == 1, "NDArray.lexsort: key \(i) is \(key.ndim)-D, not 1-D")
      guard key.count == first.count else {
        throw .sizeMismatch(operand: i, axis: 0, size: key.count, expected: first.count)
      }
    }
    var order = NDArray<Int>.arange(to: first.count)
    for key in keys {
      // A stable sort of the key read in the current order, composed with it.
      let reordered = try! key.take(order)
      order = try! order.take(reordered.argsort(axis: 0))
    }
    return order
  }
}
