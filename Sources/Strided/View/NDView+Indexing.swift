extension NDView {
  /// A view selected by one subscript entry per leading axis; the axes not
  /// named are kept whole. Integers remove their axis, ranges and slices keep
  /// it, ``NDIndex/newAxis`` inserts one of length 1 and
  /// ``NDIndex/ellipsis`` stands for as many whole axes as needed.
  ///
  /// Assigning copies a view of the same format and item size into the
  /// selection, broadcasting it and reading it as it was when the two share
  /// bytes: `v[0, .all] = row`.
  ///
  /// NumPy: `a[i]`, `a[i, j]`, `a[1:3, ::-1]`, `a[None, ..., 0]`, and
  /// `a[1:3] = b`.
  ///
  /// - Precondition: Integers are in range (negative ones count from the
  ///   end), Swift ranges lie within their axis, slice steps are not zero,
  ///   there are no more entries than axes and at most one ellipsis; for
  ///   assignment, the view is writable, the formats match and the value
  ///   broadcasts to the selection.
  /// - Complexity: O(*rank*); no copy. Assignment is O(*n*).
  @inlinable @inline(__always)
  public subscript<A: NDIndexConvertible>(_ a: A) -> NDView {
    get {
      let x = a.ndIndex
      var offset = byteOffset
      var result = Layout.SmallBuilder()
      var large: Layout.Large? = nil
      if self.large == nil && ndim >= 1 && x.selectsAxis {
        result.select(x, axis: 0, of: axes, offset: &offset)
        result.appendAxes(axes, from: 1, to: ndim)
      } else {
        large = indexed(NDIndexList(x, count: 1), into: &result, offset: &offset)
      }
      return derived(axes: result.axes, rank: result.rank, large: large, byteOffset: offset)
    }
    nonmutating set { assign(newValue, to: self[a]) }
  }

  /// A view selected by two subscript entries; see ``subscript(_:)-(A)``.
  @inlinable @inline(__always)
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible>(_ a: A, _ b: B) -> NDView {
    get {
      let (x, y) = (a.ndIndex, b.ndIndex)
      var offset = byteOffset
      var result = Layout.SmallBuilder()
      var large: Layout.Large? = nil
      if self.large == nil && ndim >= 2 && x.selectsAxis && y.selectsAxis {
        result.select(x, axis: 0, of: axes, offset: &offset)
        result.select(y, axis: 1, of: axes, offset: &offset)
        result.appendAxes(axes, from: 2, to: ndim)
      } else {
        large = indexed(NDIndexList(x, y, count: 2), into: &result, offset: &offset)
      }
      return derived(axes: result.axes, rank: result.rank, large: large, byteOffset: offset)
    }
    nonmutating set { assign(newValue, to: self[a, b]) }
  }

  /// A view selected by three subscript entries.
  @inlinable @inline(__always)
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible, C: NDIndexConvertible>(
    _ a: A, _ b: B, _ c: C
  ) -> NDView {
    get {
      let (x, y, z) = (a.ndIndex, b.ndIndex, c.ndIndex)
      var offset = byteOffset
      var result = Layout.SmallBuilder()
      var large: Layout.Large? = nil
      if self.large == nil && ndim >= 3 && x.selectsAxis && y.selectsAxis && z.selectsAxis {
        result.select(x, axis: 0, of: axes, offset: &offset)
        result.select(y, axis: 1, of: axes, offset: &offset)
        result.select(z, axis: 2, of: axes, offset: &offset)
        result.appendAxes(axes, from: 3, to: ndim)
      } else {
        large = indexed(NDIndexList(x, y, z, count: 3), into: &result, offset: &offset)
      }
      return derived(axes: result.axes, rank: result.rank, large: large, byteOffset: offset)
    }
    nonmutating set { assign(newValue, to: self[a, b, c]) }
  }

  /// A view selected by four subscript entries.
  @inlinable @inline(__always)
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible, C: NDIndexConvertible, D: NDIndexConvertible>(
    _ a: A, _ b: B, _ c: C, _ d: D
  ) -> NDView {
    get {
      let (x, y, z, w) = (a.ndIndex, b.ndIndex, c.ndIndex, d.ndIndex)
      var offset = byteOffset
      var result = Layout.SmallBuilder()
      var large: Layout.Large? = nil
      if self.large == nil && ndim == 4 && x.selectsAxis && y.selectsAxis && z.selectsAxis && w.selectsAxis {
        result.select(x, axis: 0, of: axes, offset: &offset)
        result.select(y, axis: 1, of: axes, offset: &offset)
        result.select(z, axis: 2, of: axes, offset: &offset)
        result.select(w, axis: 3, of: axes, offset: &offset)
      } else {
        large = indexed(NDIndexList(x, y, z, w, count: 4), into: &result, offset: &offset)
      }
      return derived(axes: result.axes, rank: result.rank, large: large, byteOffset: offset)
    }
    nonmutating set { assign(newValue, to: self[a, b, c, d]) }
  }

  /// A view selected by any number of subscript entries.
  @inlinable
  public subscript(entries entries: [NDIndex]) -> NDView {
    get { indexed(NDIndexList(entries)) }
    nonmutating set { assign(newValue, to: indexed(NDIndexList(entries))) }
  }

  /// Copies `value` into `selection` (a view of this view), broadcasting
  /// and overlap-safe: the setter of every subscript.
  @usableFromInline
  func assign(_ value: NDView, to selection: NDView) {
    do { try value.copy(into: selection) } catch {
      preconditionFailure("NDView subscript assignment: \(error)")
    }
  }

  /// The whole view: `a[...]` in Swift and in NumPy.
  @inlinable
  public subscript(_: UnboundedRange) -> NDView { self }

  /// The general path of the subscripts: applies `entries` to the layout,
  /// moving `offset`, and returns the result's parts.
  @usableFromInline
  func indexed(_ entries: NDIndexList, into result: inout Layout.SmallBuilder, offset: inout Int) -> Layout.Large? {
    let layout = layout.indexed(entries, byteOffset: &offset)
    result = Layout.SmallBuilder(rank: layout.rank, axes: layout.axes)
    return layout.large
  }

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
      if index < 0 || index >= length { indexOutOfRange(position, axis: axis, size: length) }
      offset &+= index &* step
      return nil
    case .bounds(let lower, let given):
      let upper = given ?? length
      if lower < 0 || lower > upper || upper > length {
        rangeOutOfBounds(lower, given, axis: axis, size: length)
      }
      if upper > lower { offset &+= lower &* step }
      return (upper &- lower, step)
    case .slice(let start, let stop, let by):
      if by == 0 { zeroSliceStep() }
      let (first, count) = resolveSlice(start: start, stop: stop, step: by, length: length)
      let (stepped, overflow) = step.multipliedReportingOverflow(by: by)
      if count > 0 { offset &+= first &* step }
      return (count, overflow ? step : stepped)
    case .newAxis, .ellipsis:
      preconditionFailure("NDView subscript: not an axis selection")
    }
  }

  // The traps of `select`, kept out of line so that the subscripts stay small.

  @usableFromInline @inline(never)
  static func indexOutOfRange(_ position: Int, axis: Int, size: Int) -> Never {
    preconditionFailure("NDView subscript: index \(position) is out of range for axis \(axis) of size \(size)")
  }

  /// A range outside its axis (`upper` is `nil` for `lower...`). Swift
  /// ranges do not count from the end, so for a negative bound the message
  /// names the slice that does, as NumPy's negative bounds do:
  /// `a[..<(-1)]` is NumPy's `a[:-1]`, `.slice(to: -1)`.
  @usableFromInline @inline(never)
  static func rangeOutOfBounds(_ lower: Int, _ upper: Int?, axis: Int, size: Int) -> Never {
    var message = "NDView subscript: range \(lower)..<\(upper ?? size) is out of bounds for axis \(axis) of size \(size)"
    if lower < 0 || (upper ?? 0) < 0 {
      var bounds: [String] = []
      if lower != 0 { bounds.append("from: \(lower)") }
      // A closed range ending at -1 (`(-3)...(-1)`) arrives as an end of 0:
      // to the end of the axis.
      if let upper, !(upper == 0 && lower < 0) { bounds.append("to: \(upper)") }
      message += "; Swift ranges do not count from the end: for NumPy's negative bounds write .slice(\(bounds.joined(separator: ", ")))"
    }
    preconditionFailure(message)
  }

  @usableFromInline @inline(never)
  static func zeroSliceStep() -> Never {
    preconditionFailure("NDView subscript: slice step cannot be zero")
  }

  /// Builds a layout of at most four axes in plain local values.
  @usableFromInline
  struct SmallBuilder {
    // Scalars rather than a vector: storing to a lane picked at run time and
    // reading the vector back stalls the processor.
    @usableFromInline var rank: Int
    @usableFromInline var s0 = 0, s1 = 0, s2 = 0, s3 = 0
    @usableFromInline var t0 = 0, t1 = 0, t2 = 0, t3 = 0

    @inlinable init() { rank = 0 }

    @inlinable init(rank: Int, axes v: SIMD8<Int>) {
      self.rank = rank
      (s0, s1, s2, s3, t0, t1, t2, t3) = (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
    }

    /// The sizes and strides, as ``Layout/axes`` holds them.
    @inlinable var axes: SIMD8<Int> { SIMD8(s0, s1, s2, s3, t0, t1, t2, t3) }

    /// Adds the axis a selection kept, if any.
    @inlinable @inline(__always)
    mutating func append(_ kept: (size: Int, stride: Int)?) {
      guard let (size, stride) = kept else { return }
      switch rank {
      case 0: (s0, t0) = (size, stride)
      case 1: (s1, t1) = (size, stride)
      case 2: (s2, t2) = (size, stride)
      default: (s3, t3) = (size, stride)
      }
      rank &+= 1
    }

    /// Applies an entry that selects along `axis` of a small layout's values.
    // Transparent, not just `@inline(__always)`: measured, the optimizer
    // left the second of two calls out of line, which tripled the cost of
    // `m[a, b]`.
    @usableFromInline @_transparent
    mutating func select(_ entry: NDIndex, axis: Int, of source: SIMD8<Int>, offset: inout Int) {
      append(Layout.select(entry, size: source[axis], stride: source[4 &+ axis], axis: axis, offset: &offset))
    }

    /// Adds axes `from..<to` of a small layout's values unchanged.
    @inlinable @inline(__always)
    mutating func appendAxes(_ source: SIMD8<Int>, from: Int, to: Int) {
      var axis = from
      while axis < to {
        append((source[axis], source[4 &+ axis]))
        axis &+= 1
      }
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
