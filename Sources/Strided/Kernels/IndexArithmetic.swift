/// The arithmetic of index functions on `Int` index arrays: indices brought
/// into an axis by a rule (``IndexMode``), flat indices split into one
/// index per axis and joined back. Loops over arrays of any layout run on
/// the element-wise engine; loops over contiguous copies run in blocks on
/// the pool's threads.
enum IndexArithmetic {
  /// `indices` brought into `0..<size` by `mode`: wrapped (`i mod size`) or
  /// clipped; `.raise` returns them unchanged. The result has the indices'
  /// shape.
  ///
  /// - Throws: ``IndexError/emptyAxis(axis:)`` (naming `axis`) when there
  ///   are indices and `size` is 0, as NumPy raises "cannot do a non-empty
  ///   take from an empty axes".
  static func inRange(_ indices: NDArray<Int>, size: Int, mode: IndexMode, axis: Int) throws(IndexError) -> NDArray<Int> {
    guard indices.count > 0, mode != .raise else { return indices }
    guard size > 0 else { throw .emptyAxis(axis: axis) }
    let out = Operands.result(shape: indices.shape, format: Int.format, like: [indices.view], "take")
    switch mode {
    case .wrap:
      Elementwise.unary(indices.view, into: out) { (i: Int) -> Int in
        let r = i % size
        return r < 0 ? r &+ size : r
      }
    case .clip:
      Elementwise.unary(indices.view, into: out) { (i: Int) -> Int in i < 0 ? 0 : (i >= size ? size &- 1 : i) }
    case .raise:
      return indices
    }
    return NDArray<Int>(unchecked: out)
  }

  /// The element count of `shape`.
  ///
  /// - Throws: ``IndexError/shapeMismatch(_:)`` for a negative size,
  ///   ``IndexError/sizeOverflow(operation:)`` when the count overflows
  ///   `Int` (NumPy's "dimensions are too large" `ValueError`).
  static func checkedTotal(_ shape: Dimensions, _ operation: String) throws(IndexError) -> Int {
    if shape.contains(where: { $0 < 0 }) {
      throw .shapeMismatch("\(operation): negative dimensions are not allowed: \(shape)")
    }
    return try IndexError.checkedCount(shape, operation)
  }

  /// Throws for the first element (in C order) outside `0..<size`.
  ///
  /// - Precondition: `indices` is C-contiguous and aligned.
  static func checkInside(_ indices: NDArray<Int>, size: Int, axis: Int) throws(IndexError) {
    let n = indices.count
    guard n > 0 else { return }
    let p = UnsafePointer(indices.contiguousBase.assumingMemoryBound(to: Int.self))
    // One unsigned comparison: negative indices are huge.
    let bound = UInt(bitPattern: size)
    var bad: Int? = nil
    for i in 0..<n where UInt(bitPattern: p[i]) >= bound {
      bad = p[i]
      break
    }
    withExtendedLifetime(indices) {}
    if let bad { throw .outOfRange(index: bad, axis: axis, size: size) }
  }

  /// Writes, for each flat index, its index along every axis of `shape`
  /// into `parts[axis]` (C-ordered, of the flat indices' shape): the last
  /// axis varies fastest for `.c`, the first for `.fortran`.
  ///
  /// - Precondition: `flat` is C-contiguous and aligned, every element is
  ///   in `0..<shape.product`, and there is one part per axis.
  static func unravel(_ flat: NDArray<Int>, shape: Dimensions, order: MemoryOrder, into parts: [NDArray<Int>]) {
    let n = flat.count
    let rank = shape.count
    guard n > 0, rank > 0 else { return }
    let source = UnsafePointer(flat.contiguousBase.assumingMemoryBound(to: Int.self))
    let outputs = parts.map { $0.contiguousBase.assumingMemoryBound(to: Int.self) }
    let sizes = Array(shape)
    // The axes in the order their indices are peeled off, fastest first.
    let axes: [Int] = order == .c ? Array((0..<rank).reversed()) : Array(0..<rank)
    IterationPlan.forEachBlock(n, cost: rank) { range in
      for i in range {
        var rest = source[i]
        for d in axes {
          let size = sizes[d]
          outputs[d][i] = rest % size
          rest /= size
        }
      }
    }
    withExtendedLifetime((flat, parts)) {}
  }

  /// The element step of each axis of `shape` in a flat index: C order's
  /// (the last axis 1) or Fortran order's (the first axis 1).
  ///
  /// - Precondition: The product of the sizes does not overflow.
  static func steps(_ shape: Dimensions, order: MemoryOrder) -> [Int] {
    var steps = [Int](repeating: 1, count: shape.count)
    var running = 1
    let axes: [Int] = order == .c ? Array((0..<shape.count).reversed()) : Array(0..<shape.count)
    for d in axes {
      steps[d] = running
      running &*= shape[d]
    }
    return steps
  }

  /// `total[i] += step × j[i]` for each index `j` of one axis of `size`,
  /// brought into the axis by `mode` first; `index` broadcasts to
  /// `total`'s shape.
  ///
  /// - Precondition: With `.raise`, every index is already in `0..<size`;
  ///   `size > 0`; `total` is a new, writable array.
  static func accumulate(_ index: NDArray<Int>, size: Int, step: Int, mode: IndexMode, into total: NDArray<Int>) {
    let out = total.view
    switch mode {
    case .raise:
      Elementwise.binary(out, index.view, into: out) { (sum: Int, j: Int) -> Int in sum &+ j &* step }
    case .wrap:
      Elementwise.binary(out, index.view, into: out) { (sum: Int, j: Int) -> Int in
        let r = j % size
        return sum &+ (r < 0 ? r &+ size : r) &* step
      }
    case .clip:
      Elementwise.binary(out, index.view, into: out) { (sum: Int, j: Int) -> Int in
        sum &+ (j < 0 ? 0 : (j >= size ? size &- 1 : j)) &* step
      }
    }
  }
}
