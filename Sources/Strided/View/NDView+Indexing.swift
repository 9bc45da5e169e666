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
    let entries: InlineArray<1, NDIndex> = [a.ndIndex]
    return indexed(entries.span)
  }

  /// A view selected by two subscript entries; see ``subscript(_:)-(A)``.
  @inlinable
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible>(_ a: A, _ b: B) -> NDView {
    let entries: InlineArray<2, NDIndex> = [a.ndIndex, b.ndIndex]
    return indexed(entries.span)
  }

  /// A view selected by three subscript entries.
  @inlinable
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible, C: NDIndexConvertible>(
    _ a: A, _ b: B, _ c: C
  ) -> NDView {
    let entries: InlineArray<3, NDIndex> = [a.ndIndex, b.ndIndex, c.ndIndex]
    return indexed(entries.span)
  }

  /// A view selected by four subscript entries.
  @inlinable
  public subscript<A: NDIndexConvertible, B: NDIndexConvertible, C: NDIndexConvertible, D: NDIndexConvertible>(
    _ a: A, _ b: B, _ c: C, _ d: D
  ) -> NDView {
    let entries: InlineArray<4, NDIndex> = [a.ndIndex, b.ndIndex, c.ndIndex, d.ndIndex]
    return indexed(entries.span)
  }

  /// A view selected by any number of subscript entries.
  @inlinable
  public subscript(_ entries: [NDIndex]) -> NDView {
    indexed(entries.span)
  }

  /// The whole view: `a[...]` in Swift and in NumPy.
  @inlinable
  public subscript(_: UnboundedRange) -> NDView { self }

  @usableFromInline
  func indexed(_ entries: Span<NDIndex>) -> NDView {
    let (layout, offset) = layout.indexed(entries, byteOffset: byteOffset, in: "NDView subscript")
    return derived(layout: layout, byteOffset: offset)
  }
}

extension Layout {
  /// Applies subscript entries to a layout; the pure part of indexing.
  func indexed(_ entries: Span<NDIndex>, byteOffset: Int, in operation: StaticString)
    -> (Layout, Int)
  {
    var consumed = 0
    var ellipses = 0
    for i in entries.indices {
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

    var shape = Dimensions()
    var strides = Dimensions()
    var offset = byteOffset
    var axis = 0
    for i in entries.indices {
      switch entries[i].storage {
      case .position(let position):
        let size = self.shape[axis]
        let index = position < 0 ? position &+ size : position
        precondition(
          index >= 0 && index < size,
          "\(operation): index \(position) is out of range for axis \(axis) of size \(size)")
        offset &+= index &* self.strides[axis]
        axis += 1
      case .bounds(let lower, let upper):
        let size = self.shape[axis]
        let upper = upper ?? size
        precondition(
          lower >= 0 && lower <= upper && upper <= size,
          "\(operation): range \(lower)..<\(upper) is out of bounds for axis \(axis) of size \(size)")
        shape.append(upper - lower)
        strides.append(self.strides[axis])
        if upper > lower { offset &+= lower &* self.strides[axis] }
        axis += 1
      case .slice(let start, let stop, let step):
        precondition(step != 0, "\(operation): slice step cannot be zero")
        let stride = self.strides[axis]
        let (first, count) = Self.resolveSlice(start: start, stop: stop, step: step, length: self.shape[axis])
        let (stepped, overflow) = stride.multipliedReportingOverflow(by: step)
        shape.append(count)
        strides.append(overflow ? stride : stepped)
        if count > 0 { offset &+= first &* stride }
        axis += 1
      case .newAxis:
        shape.append(1)
        strides.append(0)
      case .ellipsis:
        for _ in 0..<(rank - consumed) {
          shape.append(self.shape[axis])
          strides.append(self.strides[axis])
          axis += 1
        }
      }
    }
    while axis < rank {
      shape.append(self.shape[axis])
      strides.append(self.strides[axis])
      axis += 1
    }
    precondition(
      shape.count <= NDView.maximumRank,
      "\(operation): the result would have \(shape.count) dimensions, more than \(NDView.maximumRank)")
    return (Layout(shape: shape, strides: strides), offset)
  }
}
