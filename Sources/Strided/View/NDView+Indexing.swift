extension NDView {
  /// A view selected by one subscript entry per leading axis; the axes not
  /// named are kept whole. Integers remove their axis, ranges and slices keep
  /// it, ``NDIndex/newAxis`` inserts one of length 1 and
  /// ``NDIndex/ellipsis`` stands for as many whole axes as needed.
  ///
  /// NumPy: `a[i]`, `a[i, j]`, `a[1:3, ::-1]`, `a[None, ..., 0]`.
  ///
  /// - Precondition: Integers are in range (negative ones count from the
  ///   end), Swift ranges lie within their axis, slice steps are not zero,
  ///   there are no more entries than axes and at most one ellipsis.
  /// - Complexity: O(*rank*); no copy.
  @inlinable
  public subscript<A: NDIndexConvertible>(_ a: A) -> NDView {
    let x = a.ndIndex
    guard x.selectsAxis && ndim >= 1 else { return indexed(NDIndexList(x, count: 1)) }
    var result = Layout()
    var offset = byteOffset
    result.appendSelection(x, of: layout, axis: 0, offset: &offset)
    result.appendAxes(of: layout, from: 1)
    return derived(layout: result, byteOffset: offset)
  }

  /// A view selected by two subscript entries; see ``subscript(_:)-(A)``.
  @inlinable
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible>(_ a: A, _ b: B) -> NDView {
    let (x, y) = (a.ndIndex, b.ndIndex)
    guard x.selectsAxis && y.selectsAxis && ndim >= 2 else { return indexed(NDIndexList(x, y, count: 2)) }
    var result = Layout()
    var offset = byteOffset
    result.appendSelection(x, of: layout, axis: 0, offset: &offset)
    result.appendSelection(y, of: layout, axis: 1, offset: &offset)
    result.appendAxes(of: layout, from: 2)
    return derived(layout: result, byteOffset: offset)
  }

  /// A view selected by three subscript entries.
  @inlinable
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible, C: NDIndexConvertible>(
    _ a: A, _ b: B, _ c: C
  ) -> NDView {
    let (x, y, z) = (a.ndIndex, b.ndIndex, c.ndIndex)
    guard x.selectsAxis && y.selectsAxis && z.selectsAxis && ndim >= 3 else {
      return indexed(NDIndexList(x, y, z, count: 3))
    }
    var result = Layout()
    var offset = byteOffset
    result.appendSelection(x, of: layout, axis: 0, offset: &offset)
    result.appendSelection(y, of: layout, axis: 1, offset: &offset)
    result.appendSelection(z, of: layout, axis: 2, offset: &offset)
    result.appendAxes(of: layout, from: 3)
    return derived(layout: result, byteOffset: offset)
  }

  /// A view selected by four subscript entries.
  @inlinable
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible, C: NDIndexConvertible, D: NDIndexConvertible>(
    _ a: A, _ b: B, _ c: C, _ d: D
  ) -> NDView {
    indexed(NDIndexList(a.ndIndex, b.ndIndex, c.ndIndex, d.ndIndex, count: 4))
  }

  /// A view selected by any number of subscript entries.
  @inlinable
  public subscript(_ entries: [NDIndex]) -> NDView {
    indexed(NDIndexList(entries))
  }

  /// The whole view: `a[...]` in Swift and in NumPy.
  @inlinable
  public subscript(_: UnboundedRange) -> NDView { self }

  @usableFromInline
  func indexed(_ entries: NDIndexList) -> NDView {
    var offset = byteOffset
    let layout = layout.indexed(entries, byteOffset: &offset)
    return derived(layout: layout, byteOffset: offset)
  }
}

extension NDIndex {
  /// Whether the entry selects along one axis: an integer, a range or a slice.
  @inlinable
  var selectsAxis: Bool {
    switch storage {
    case .newAxis, .ellipsis: false
    default: true
    }
  }
}

extension Layout {
  /// Applies an entry that selects along `axis` of `source` (an integer, a
  /// range or a slice), appending the axis it keeps, if any, to this layout
  /// and moving `offset` to the first selected element.
  @inlinable @inline(__always)
  mutating func appendSelection(_ entry: NDIndex, of source: Layout, axis: Int, offset: inout Int) {
    let length = source.size(axis)
    let step = source.stride(axis)
    switch entry.storage {
    case .position(let position):
      let index = position < 0 ? position &+ length : position
      precondition(
        index >= 0 && index < length,
        "NDView subscript: index \(position) is out of range for axis \(axis) of size \(length)")
      offset &+= index &* step
    case .bounds(let lower, let upper):
      let upper = upper ?? length
      precondition(
        lower >= 0 && lower <= upper && upper <= length,
        "NDView subscript: range \(lower)..<\(upper) is out of bounds for axis \(axis) of size \(length)")
      append(size: upper &- lower, stride: step)
      if upper > lower { offset &+= lower &* step }
    case .slice(let start, let stop, let by):
      precondition(by != 0, "NDView subscript: slice step cannot be zero")
      let (first, count) = Self.resolveSlice(start: start, stop: stop, step: by, length: length)
      let (stepped, overflow) = step.multipliedReportingOverflow(by: by)
      append(size: count, stride: overflow ? step : stepped)
      if count > 0 { offset &+= first &* step }
    case .newAxis, .ellipsis:
      preconditionFailure("NDView subscript: not an axis selection")
    }
  }

  /// Appends the axes of `source` from `axis` on, unchanged.
  @inlinable @inline(__always)
  mutating func appendAxes(of source: Layout, from axis: Int) {
    var axis = axis
    while axis < source.rank {
      append(size: source.size(axis), stride: source.stride(axis))
      axis &+= 1
    }
  }

  /// Applies subscript entries to a layout; the pure part of indexing.
  @usableFromInline
  func indexed(_ entries: NDIndexList, byteOffset offset: inout Int) -> Layout {
    let operation: StaticString = "NDView subscript"
    var consumed = 0
    var ellipses = 0
    for i in 0..<entries.count {
      switch entries[i].storage {
      case .newAxis: break
      case .ellipsis: ellipses += 1
      default: consumed += 1
      }
    }
    precondition(ellipses <= 1, "\(operation): an index can have only one ellipsis")
    precondition(
      consumed <= rank,
      "\(operation): too many indices: the view has \(rank) dimensions but \(consumed) were given")

    var result = Layout()
    var axis = 0
    for i in 0..<entries.count {
      let entry = entries[i]
      switch entry.storage {
      case .position, .bounds, .slice:
        precondition(axis < rank, "\(operation): too many indices")
        result.appendSelection(entry, of: self, axis: axis, offset: &offset)
        axis += 1
      case .newAxis:
        result.append(size: 1, stride: 0)
      case .ellipsis:
        for _ in 0..<(rank - consumed) {
          result.append(size: size(axis), stride: stride(axis))
          axis += 1
        }
      }
    }
    while axis < rank {
      result.append(size: size(axis), stride: stride(axis))
      axis += 1
    }
    precondition(
      result.rank <= NDView.maximumRank,
      "\(operation): the result would have \(result.rank) dimensions, more than \(NDView.maximumRank)")
    return result
  }
}
