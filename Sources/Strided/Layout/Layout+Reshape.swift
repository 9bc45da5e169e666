extension Layout {
  /// Resolves one `-1` in a requested shape against an element count.
  static func resolveShape(_ requested: Dimensions, count: Int) throws(ViewError) -> Dimensions {
    guard requested.count <= NDView.maximumRank else { throw .tooManyDimensions(requested.count) }
    var shape = requested
    var unknown: Int?
    var known = 1
    var overflow = false
    for axis in 0..<requested.count {
      let size = requested[axis]
      if size == -1 {
        guard unknown == nil else { throw .invalidReshape(shape: requested.array) }
        unknown = axis
      } else if size < 0 {
        throw .invalidReshape(shape: requested.array)
      } else {
        let (product, o) = known.multipliedReportingOverflow(by: size)
        overflow = overflow || o
        known = product
      }
    }
    if requested.contains(0) { known = 0; overflow = false }
    if overflow { throw .reshapeCountMismatch(count: count, shape: requested.array) }
    if let unknown {
      guard known != 0, count % known == 0 else {
        throw known == 0 && count == 0
          ? .invalidReshape(shape: requested.array)
          : .reshapeCountMismatch(count: count, shape: requested.array)
      }
      shape[unknown] = count / known
    } else if known != count {
      throw .reshapeCountMismatch(count: count, shape: requested.array)
    }
    return shape
  }

  /// The layout that views the same elements under a new shape (with at
  /// most one `-1`), read and placed in `order`.
  ///
  /// - Throws: ``ViewError`` when the shape does not fit or a copy is needed.
  @usableFromInline
  func reshaped(to requested: Dimensions, itemSize: Int, order: MemoryOrder) throws(ViewError) -> Layout {
    let newShape = try Self.resolveShape(requested, count: count)
    guard let strides = reshapedStrides(to: newShape, itemSize: itemSize, order: order) else {
      throw .reshapeRequiresCopy(shape: shape.array, strides: strides.array, newShape: newShape.array)
    }
    return Layout(shape: newShape, strides: strides)
  }

  /// The common case, in plain local values: a contiguous layout of at
  /// most four axes (given as its ``axes`` and rank) reshaped to at most four
  /// axes whose sizes (and one `-1`) fit. `nil` sends the caller to the
  /// general path, which also reports errors.
  ///
  /// Scalars and constant lane numbers only: reading a lane picked at run
  /// time makes the compiler store the whole vector each time.
  @inlinable @inline(__always)
  static func contiguousReshape(
    _ values: SIMD8<Int>, rank: Int, to requested: Dimensions, itemSize e: Int, order: MemoryOrder
  ) -> (axes: SIMD8<Int>, rank: Int)? {
    guard case .inline(let n, let wanted) = requested._storage else { return nil }
    // Unused axes count as length 1, which never breaks contiguity.
    let s0 = values[0], t0 = values[4]
    let s1 = rank > 1 ? values[1] : 1, t1 = values[5]
    let s2 = rank > 2 ? values[2] : 1, t2 = values[6]
    let s3 = rank > 3 ? values[3] : 1, t3 = values[7]
    let total = rank == 0 ? 1 : s0 &* s1 &* s2 &* s3
    if total != 0 {
      if order == .c {
        let e2 = e &* s3, e1 = e2 &* s2, e0 = e1 &* s1
        if rank > 0 && s0 != 1 && t0 != e0 { return nil }
        if s1 != 1 && t1 != e1 { return nil }
        if s2 != 1 && t2 != e2 { return nil }
        if s3 != 1 && t3 != e { return nil }
      } else {
        let e1 = e &* s0, e2 = e1 &* s1, e3 = e2 &* s2
        if rank > 0 && s0 != 1 && t0 != e { return nil }
        if s1 != 1 && t1 != e1 { return nil }
        if s2 != 1 && t2 != e2 { return nil }
        if s3 != 1 && t3 != e3 { return nil }
      }
    }
    // The requested sizes: non-negative but for at most one -1.
    var known = 1
    var unknown = -1
    for axis in 0..<n {
      let size = axis == 0 ? wanted[0] : axis == 1 ? wanted[1] : axis == 2 ? wanted[2] : wanted[3]
      if size >= 0 {
        let (product, overflow) = known.multipliedReportingOverflow(by: size)
        if overflow { return nil }
        known = product
      } else if size == -1 && unknown < 0 {
        unknown = axis
      } else {
        return nil
      }
    }
    var sizes = wanted
    if unknown >= 0 {
      guard known > 0, total % known == 0 else { return nil }
      sizes.replace(with: total / known, where: SIMD4(0, 1, 2, 3) .== SIMD4(repeating: unknown))
    } else if known != total {
      return nil
    }
    return (contiguousAxes(rank: n, sizes: sizes, itemSize: e, order: order), n)
  }

  /// The strides that view the same elements, in `order`, under `newShape`,
  /// or `nil` when no strides can (a copy would be needed).
  ///
  /// This is NumPy's no-copy rule: a contiguous layout always reshapes, and a
  /// non-contiguous one does when each group of old axes that merges into new
  /// ones is itself evenly chained. Axes of length 1 do not matter.
  ///
  /// - Precondition: `newShape` has the same element count as the layout.
  func reshapedStrides(to newShape: Dimensions, itemSize: Int, order: MemoryOrder) -> Dimensions? {
    let isFortran = order == .fortran
    if isFortran ? isFContiguous(itemSize: itemSize) : isCContiguous(itemSize: itemSize) {
      return isFortran
        ? Self.fStrides(for: newShape, itemSize: itemSize)
        : Self.cStrides(for: newShape, itemSize: itemSize)
    }
    // Drop axes of length 1: their strides do not matter.
    var oldShape = Dimensions()
    var oldStrides = Dimensions()
    for axis in 0..<rank where size(axis) != 1 {
      oldShape.append(size(axis))
      oldStrides.append(stride(axis))
    }
    let oldRank = oldShape.count
    let newRank = newShape.count
    var newStrides = Dimensions(repeating: 0, count: newRank)

    var oi = 0, oj = 1, ni = 0, nj = 1
    while ni < newRank && oi < oldRank {
      var np = newShape[ni]
      var op = oldShape[oi]
      while np != op {
        if np < op {
          np *= newShape[nj]
          nj += 1
        } else {
          op *= oldShape[oj]
          oj += 1
        }
      }
      // The old axes oi..<oj must chain evenly to merge.
      for ok in oi..<(oj - 1) {
        if isFortran {
          if oldStrides[ok + 1] != oldShape[ok] * oldStrides[ok] { return nil }
        } else {
          if oldStrides[ok] != oldShape[ok + 1] * oldStrides[ok + 1] { return nil }
        }
      }
      if isFortran {
        newStrides[ni] = oldStrides[oi]
        for nk in (ni + 1)..<nj { newStrides[nk] = newStrides[nk - 1] * newShape[nk - 1] }
      } else {
        newStrides[nj - 1] = oldStrides[oj - 1]
        var nk = nj - 1
        while nk > ni {
          newStrides[nk - 1] = newStrides[nk] * newShape[nk]
          nk -= 1
        }
      }
      ni = nj
      nj += 1
      oi = oj
      oj += 1
    }
    // Trailing axes of length 1 in the new shape.
    var last = ni >= 1 ? newStrides[ni - 1] : itemSize
    if isFortran && ni >= 1 { last *= newShape[ni - 1] }
    for nk in ni..<newRank { newStrides[nk] = last }
    return newStrides
  }
}
