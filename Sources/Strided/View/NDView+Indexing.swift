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
    guard x.selectsAxis, case .small(let rank, let values) = layout.storage, rank >= 1 else {
      return indexed(NDIndexList(x, count: 1))
    }
    var offset = byteOffset
    var result = Layout.SmallBuilder()
    result.append(Layout.select(x, size: values[0], stride: values[4], axis: 0, offset: &offset))
    result.appendAxes(values, from: 1, to: rank)
    return derived(layout: result.layout, byteOffset: offset)
  }

  /// A view selected by two subscript entries; see ``subscript(_:)-(A)``.
  @inlinable
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible>(_ a: A, _ b: B) -> NDView {
    let (x, y) = (a.ndIndex, b.ndIndex)
    guard x.selectsAxis, y.selectsAxis, case .small(let rank, let values) = layout.storage, rank >= 2 else {
      return indexed(NDIndexList(x, y, count: 2))
    }
    var offset = byteOffset
    var result = Layout.SmallBuilder()
    result.append(Layout.select(x, size: values[0], stride: values[4], axis: 0, offset: &offset))
    result.append(Layout.select(y, size: values[1], stride: values[5], axis: 1, offset: &offset))
    result.appendAxes(values, from: 2, to: rank)
    return derived(layout: result.layout, byteOffset: offset)
  }

  /// A view selected by three subscript entries.
  @inlinable
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible, C: NDIndexConvertible>(
    _ a: A, _ b: B, _ c: C
  ) -> NDView {
    let (x, y, z) = (a.ndIndex, b.ndIndex, c.ndIndex)
    guard x.selectsAxis, y.selectsAxis, z.selectsAxis, case .small(let rank, let values) = layout.storage,
      rank >= 3
    else {
      return indexed(NDIndexList(x, y, z, count: 3))
    }
    var offset = byteOffset
    var result = Layout.SmallBuilder()
    result.append(Layout.select(x, size: values[0], stride: values[4], axis: 0, offset: &offset))
    result.append(Layout.select(y, size: values[1], stride: values[5], axis: 1, offset: &offset))
    result.append(Layout.select(z, size: values[2], stride: values[6], axis: 2, offset: &offset))
    result.appendAxes(values, from: 3, to: rank)
    return derived(layout: result.layout, byteOffset: offset)
  }

  /// A view selected by four subscript entries.
  @inlinable
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible, C: NDIndexConvertible, D: NDIndexConvertible>(
    _ a: A, _ b: B, _ c: C, _ d: D
  ) -> NDView {
    let (x, y, z, w) = (a.ndIndex, b.ndIndex, c.ndIndex, d.ndIndex)
    guard x.selectsAxis, y.selectsAxis, z.selectsAxis, w.selectsAxis,
      case .small(let rank, let values) = layout.storage, rank == 4
    else {
      return indexed(NDIndexList(x, y, z, w, count: 4))
    }
    var offset = byteOffset
    var result = Layout.SmallBuilder()
    result.append(Layout.select(x, size: values[0], stride: values[4], axis: 0, offset: &offset))
    result.append(Layout.select(y, size: values[1], stride: values[5], axis: 1, offset: &offset))
    result.append(Layout.select(z, size: values[2], stride: values[6], axis: 2, offset: &offset))
    result.append(Layout.select(w, size: values[3], stride: values[7], axis: 3, offset: &offset))
    return derived(layout: result.layout, byteOffset: offset)
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
  /// Applies an entry that selects along one axis of `size` elements
  /// `stride` bytes apart (an integer, a range or a slice): moves `offset` to
  /// the first selected element and returns the axis it keeps, if any.
  @inlinable @inline(__always)
  static func select(_ entry: NDIndex, size length: Int, stride step: Int, axis: Int, offset: inout Int)
    -> (size: Int, stride: Int)?
  {
    switch entry.storage {
    case .position(let position):
      let index = position < 0 ? position &+ length : position
      precondition(
        index >= 0 && index < length,
        "NDView subscript: index \(position) is out of range for axis \(axis) of size \(length)")
      offset &+= index &* step
      return nil
    case .bounds(let lower, let upper):
      let upper = upper ?? length
      precondition(
        lower >= 0 && lower <= upper && upper <= length,
        "NDView subscript: range \(lower)..<\(upper) is out of bounds for axis \(axis) of size \(length)")
      if upper > lower { offset &+= lower &* step }
      return (upper &- lower, step)
    case .slice(let start, let stop, let by):
      precondition(by != 0, "NDView subscript: slice step cannot be zero")
      let (first, count) = resolveSlice(start: start, stop: stop, step: by, length: length)
      let (stepped, overflow) = step.multipliedReportingOverflow(by: by)
      if count > 0 { offset &+= first &* step }
      return (count, overflow ? step : stepped)
    case .newAxis, .ellipsis:
      preconditionFailure("NDView subscript: not an axis selection")
    }
  }

  /// Builds a layout of at most four axes in plain local values.
  @usableFromInline
  struct SmallBuilder {
    @usableFromInline var rank = 0
    @usableFromInline var values = InlineArray<8, Int>(repeating: 0)

    @inlinable init() {}

    /// Adds the axis a selection kept, if any.
    @inlinable @inline(__always)
    mutating func append(_ kept: (size: Int, stride: Int)?) {
      guard let kept else { return }
      values[rank] = kept.size
      values[4 &+ rank] = kept.stride
      rank &+= 1
    }

    /// Adds axes `from..<to` of a small layout's values unchanged.
    @inlinable @inline(__always)
    mutating func appendAxes(_ source: InlineArray<8, Int>, from: Int, to: Int) {
      var axis = from
      while axis < to {
        append((source[axis], source[4 &+ axis]))
        axis &+= 1
      }
    }

    @inlinable
    var layout: Layout { Layout(storage: .small(rank: rank, values: values)) }
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
        if let kept = Self.select(entry, size: size(axis), stride: stride(axis), axis: axis, offset: &offset) {
          result.append(size: kept.size, stride: kept.stride)
        }
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
