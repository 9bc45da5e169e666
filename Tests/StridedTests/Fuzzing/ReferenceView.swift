/// The plain reference the view fuzzer checks against: a view as the
/// explicit list of its elements' byte offsets, in C order, over its own
/// copy of the storage's bytes. Every operation recomputes each element's
/// offset from the source's list; none of Strided's layout code is used.
struct ReferenceView {
  var shape: [Int]
  /// The byte offset of each element, in C order.
  var offsets: [Int]
  var itemSize: Int
  /// The bytes of the storage, as the reference expects them.
  var bytes: [UInt8]

  var count: Int { offsets.count }
  var rank: Int { shape.count }

  /// The C-order position of a multi-index.
  func position(_ index: [Int]) -> Int {
    var position = 0
    for (i, size) in zip(index, shape) { position = position * size + i }
    return position
  }

  /// Every multi-index of a shape, in C order.
  static func indices(_ shape: [Int]) -> [[Int]] {
    let count = shape.reduce(1, *)
    guard count > 0 else { return [] }
    var result: [[Int]] = []
    result.reserveCapacity(count)
    var index = [Int](repeating: 0, count: shape.count)
    for _ in 0..<count {
      result.append(index)
      var axis = shape.count - 1
      while axis >= 0 {
        index[axis] += 1
        if index[axis] < shape[axis] { break }
        index[axis] = 0
        axis -= 1
      }
    }
    return result
  }

  /// A view of the same bytes whose element at each index of `shape` is
  /// this view's element `source(index)`, or the offset `offset(index)`.
  func remapped(to shape: [Int], itemSize: Int? = nil, offset: ([Int]) -> Int) -> ReferenceView {
    ReferenceView(
      shape: shape, offsets: Self.indices(shape).map(offset), itemSize: itemSize ?? self.itemSize, bytes: bytes)
  }

  func remapped(to shape: [Int], source: ([Int]) -> [Int]) -> ReferenceView {
    remapped(to: shape) { offsets[position(source($0))] }
  }

  /// The elements' bytes in C or Fortran order.
  func gathered(fortran: Bool = false) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(count * itemSize)
    let order = fortran ? Self.fortranPositions(shape) : Array(0..<count)
    for p in order { result += bytes[offsets[p]..<(offsets[p] + itemSize)] }
    return result
  }

  /// The C-order positions of a shape's elements, listed in Fortran order.
  static func fortranPositions(_ shape: [Int]) -> [Int] {
    let reversed = Array(shape.reversed())
    return indices(reversed).map { index in
      var position = 0
      for (i, size) in zip(index.reversed(), shape) { position = position * size + i }
      return position
    }
  }

  /// NumPy's and Python's slice rule, by enumeration: the indices
  /// `start:stop:step` selects on an axis of `length`.
  static func sliceIndices(start: Int?, stop: Int?, step: Int, length: Int) -> [Int] {
    if step > 0 {
      var lo = start ?? 0
      var hi = stop ?? length
      if lo < 0 { lo = max(lo + length, 0) }
      if hi < 0 { hi = max(hi + length, 0) }
      lo = min(lo, length)
      hi = min(hi, length)
      return Array(stride(from: lo, to: hi, by: step))
    }
    var lo = start ?? (length - 1)
    var hi = stop ?? -1
    if start != nil && lo < 0 { lo = lo + length < 0 ? -1 : lo + length }
    if stop != nil && hi < 0 { hi = hi + length < 0 ? -1 : hi + length }
    lo = min(lo, length - 1)
    hi = min(hi, length - 1)
    return Array(stride(from: lo, to: hi, by: step))
  }

  /// Whether element `k` in C (or Fortran) order is `k` items after the first.
  func isContiguous(fortran: Bool) -> Bool {
    guard let first = offsets.first else { return true }
    let order = fortran ? Self.fortranPositions(shape) : Array(0..<count)
    for (k, p) in order.enumerated() where offsets[p] != first + k * itemSize { return false }
    return true
  }

  /// Whether some strides express these offsets over `shape`, and which.
  func strides() -> [Int]? {
    guard let first = offsets.first else { return [Int](repeating: itemSize, count: rank) }
    var strides: [Int] = []
    for axis in 0..<rank {
      var unit = [Int](repeating: 0, count: rank)
      unit[axis] = shape[axis] > 1 ? 1 : 0
      strides.append(offsets[position(unit)] - first)
    }
    for (p, index) in Self.indices(shape).enumerated() {
      let expected = first + zip(index, strides).reduce(0) { $0 + $1.0 * $1.1 }
      if offsets[p] != expected { return nil }
    }
    return strides
  }
}
