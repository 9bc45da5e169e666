// Joining, splitting, repeating, padding and rolling: NumPy's array
// manipulation routines. Inputs of any layout are read in place by the
// strided copy; each output is allocated once and written once (padding
// writes its border from its own center).

extension NDArray {
  /// A new C-ordered array whose elements the caller writes.
  static func uninitialized(_ shape: Dimensions, order: MemoryOrder = .c, _ operation: StaticString) -> NDArray {
    do {
      return NDArray(unchecked: try NDView.uninitialized(shape: shape, format: Element.format, order: order))
    } catch {
      preconditionFailure("\(operation): \(error) (try NDView(format:shape:) throws instead)")
    }
  }

  /// `axis` counted from the front, or an error when it is out of range.
  static func normalizedAxis(_ axis: Int, rank: Int) throws(ShapeError) -> Int {
    guard axis >= -rank && axis < rank else { throw .axisOutOfRange(axis: axis, rank: rank) }
    return axis < 0 ? axis + rank : axis
  }

  /// The entries that select `range` along `axis` and everything else.
  static func entries(_ range: Range<Int>, axis: Int, rank: Int) -> [NDIndex] {
    var entries = [NDIndex](repeating: .all, count: rank)
    entries[axis] = .slice(from: range.lowerBound, to: range.upperBound)
    return entries
  }

  /// The elements in `range` along `axis`: a view.
  func slice(_ range: Range<Int>, axis: Int) -> NDArray {
    self[entries: Self.entries(range, axis: axis, rank: ndim)]
  }
}

// MARK: - Joining

extension NDArray {
  /// The arrays joined along an existing axis.
  ///
  /// NumPy: `np.concatenate(arrays, axis=axis)`; with `axis: nil`, the
  /// arrays are flattened first (`axis=None`).
  ///
  /// - Throws: ``ShapeError`` when there are no arrays, an array is 0-d,
  ///   the ranks differ, the axis is out of range, or a size off the axis
  ///   differs (naming the array and the axis);
  ///   ``ShapeError/sizeOverflow(operation:)`` or
  ///   ``ShapeError/outOfMemory(byteCount:)`` when the result is too large.
  /// - Complexity: O(*n*) for *n* elements in all.
  public static func concatenate(_ arrays: [NDArray], axis: Int? = 0) throws(ShapeError) -> NDArray {
    guard let first = arrays.first else { throw .noArrays(operation: "concatenate") }
    guard let axis else {
      let total: Int = try ShapeError.checkedTotal(arrays.lazy.map(\.count), "concatenate")
      let result = try allocated([total], "concatenate", ShapeError.self)
      var start = 0
      for a in arrays {
        // A C-order reshape of the destination run receives the array as it is.
        let part = result.slice(start..<start + a.count, axis: 0)
        a.copy(into: try! part.reshaped(to: a.shape))
        start += a.count
      }
      return result
    }
    guard first.ndim > 0 else { throw .zeroDimensional(operation: "concatenate") }
    let a = try normalizedAxis(axis, rank: first.ndim)
    var shape = first.shape
    for (i, other) in arrays.enumerated().dropFirst() {
      guard other.ndim == first.ndim else { throw .rankMismatch(operand: i, rank: other.ndim, expected: first.ndim) }
      for d in 0..<first.ndim where d != a && other.shape[d] != first.shape[d] {
        throw .sizeMismatch(operand: i, axis: d, size: other.shape[d], expected: first.shape[d])
      }
      shape[a] = try ShapeError.checkedSum(shape[a], other.shape[a], "concatenate")
    }
    let result = try allocated(shape, "concatenate", ShapeError.self)
    var start = 0
    for other in arrays {
      let size = other.shape[a]
      other.copy(into: result.slice(start..<start + size, axis: a))
      start += size
    }
    return result
  }

  /// The arrays, all of one shape, stacked along a new axis.
  ///
  /// NumPy: `np.stack(arrays, axis=axis)`.
  ///
  /// - Throws: ``ShapeError`` when there are no arrays, the shapes differ,
  ///   `axis` is outside `-(ndim + 1)...ndim`, or the result is too large.
  /// - Complexity: O(*n*).
  public static func stack(_ arrays: [NDArray], axis: Int = 0) throws(ShapeError) -> NDArray {
    guard let first = arrays.first else { throw .noArrays(operation: "stack") }
    let a = try normalizedAxis(axis, rank: first.ndim + 1)
    for (i, other) in arrays.enumerated().dropFirst() {
      guard other.ndim == first.ndim else { throw .rankMismatch(operand: i, rank: other.ndim, expected: first.ndim) }
      for d in 0..<first.ndim where other.shape[d] != first.shape[d] {
        throw .sizeMismatch(operand: i, axis: d, size: other.shape[d], expected: first.shape[d])
      }
    }
    return try concatenate(arrays.map { $0.expandingDimensions(at: a) }, axis: a)
  }

  /// The arrays stacked as rows: 1-D arrays become rows, then the arrays
  /// are joined along axis 0.
  ///
  /// NumPy: `np.vstack(arrays)`.
  ///
  /// - Throws: As ``concatenate(_:axis:)``.
  public static func vstack(_ arrays: [NDArray]) throws(ShapeError) -> NDArray {
    try concatenate(arrays.map { $0.atLeast2D() }, axis: 0)
  }

  /// The arrays joined along their second axis (their first, for 1-D
  /// arrays).
  ///
  /// NumPy: `np.hstack(arrays)`.
  ///
  /// - Throws: As ``concatenate(_:axis:)``.
  public static func hstack(_ arrays: [NDArray]) throws(ShapeError) -> NDArray {
    let lifted = arrays.map { $0.ndim == 0 ? $0.expandingDimensions(at: 0) : $0 }
    return try concatenate(lifted, axis: lifted.first?.ndim == 1 ? 0 : 1)
  }

  /// The arrays joined along a third axis: `(n)` becomes `(1, n, 1)` and
  /// `(m, n)` becomes `(m, n, 1)` first.
  ///
  /// NumPy: `np.dstack(arrays)`.
  ///
  /// - Throws: As ``concatenate(_:axis:)``.
  public static func dstack(_ arrays: [NDArray]) throws(ShapeError) -> NDArray {
    try concatenate(arrays.map { $0.atLeast3D() }, axis: 2)
  }

  /// The array with at least two axes, as NumPy's `atleast_2d`: `(n)`
  /// becomes `(1, n)`. A view.
  public func atLeast2D() -> NDArray {
    switch ndim {
    case 0: expandingDimensions(at: 0).expandingDimensions(at: 0)
    case 1: expandingDimensions(at: 0)
    default: self
    }
  }

  /// The array with at least three axes, as NumPy's `atleast_3d`: `(n)`
  /// becomes `(1, n, 1)`, `(m, n)` becomes `(m, n, 1)`. A view.
  public func atLeast3D() -> NDArray {
    switch ndim {
    case 0: expandingDimensions(at: 0).expandingDimensions(at: 0).expandingDimensions(at: 0)
    case 1: expandingDimensions(at: 0).expandingDimensions(at: 2)
    case 2: expandingDimensions(at: 2)
    default: self
    }
  }
}

// MARK: - Splitting

extension NDArray {
  /// `sections` equal parts along `axis`, as views.
  ///
  /// NumPy: `np.split(a, sections, axis=axis)`.
  ///
  /// - Throws: ``ShapeError/unequalSplit(size:sections:axis:)`` when the
  ///   axis does not divide; ``ShapeError/invalidSectionCount(_:)``;
  ///   ``ShapeError/axisOutOfRange(axis:rank:)``.
  /// - Complexity: O(`sections`): no element is copied.
  public func split(into sections: Int, axis: Int = 0) throws(ShapeError) -> [NDArray] {
    let a = try Self.normalizedAxis(axis, rank: ndim)
    guard sections >= 1 else { throw .invalidSectionCount(sections) }
    guard shape[a] % sections == 0 else { throw .unequalSplit(size: shape[a], sections: sections, axis: a) }
    return try arraySplit(into: sections, axis: a)
  }

  /// `sections` nearly equal parts along `axis`, as views: the first
  /// `size % sections` parts have one element more.
  ///
  /// NumPy: `np.array_split(a, sections, axis=axis)`.
  ///
  /// - Throws: ``ShapeError/invalidSectionCount(_:)``,
  ///   ``ShapeError/axisOutOfRange(axis:rank:)``;
  ///   ``ShapeError/outOfMemory(byteCount:)`` when the parts themselves do
  ///   not fit in memory.
  public func arraySplit(into sections: Int, axis: Int = 0) throws(ShapeError) -> [NDArray] {
    let a = try Self.normalizedAxis(axis, rank: ndim)
    guard sections >= 1 else { throw .invalidSectionCount(sections) }
    try ShapeError.reserve(ShapeError.checkedByteCount(sections, of: NDArray.self, "arraySplit"))
    let (base, extra) = shape[a].quotientAndRemainder(dividingBy: sections)
    var start = 0
    return (0..<sections).map { i in
      let size = base + (i < extra ? 1 : 0)
      defer { start += size }
      return slice(start..<start + size, axis: a)
    }
  }

  /// The parts between the given indices along `axis`, as views:
  /// `[2, 5]` gives `a[..<2]`, `a[2..<5]` and `a[5...]`. Indices past the
  /// end give empty parts.
  ///
  /// NumPy: `np.split(a, indices, axis=axis)` (NumPy also accepts indices
  /// out of order and gives empty parts for them; Strided throws).
  ///
  /// - Throws: ``ShapeError/splitIndicesOutOfOrder(_:)`` for negative or
  ///   decreasing indices; ``ShapeError/axisOutOfRange(axis:rank:)``.
  public func split(at indices: [Int], axis: Int = 0) throws(ShapeError) -> [NDArray] {
    let a = try Self.normalizedAxis(axis, rank: ndim)
    guard indices.allSatisfy({ $0 >= 0 }), zip(indices, indices.dropFirst()).allSatisfy({ $0 <= $1 }) else {
      throw .splitIndicesOutOfOrder(indices)
    }
    let size = shape[a]
    let bounds = [0] + indices.map { Swift.min($0, size) } + [size]
    return zip(bounds, bounds.dropFirst()).map { slice($0..<$1, axis: a) }
  }
}

// MARK: - Repeating

extension NDArray {
  /// The array repeated `repetitions[i]` times along each axis. Fewer
  /// repetitions than axes repeat the trailing axes; more add leading
  /// axes.
  ///
  /// NumPy: `np.tile(a, reps)`.
  ///
  /// - Throws: ``ShapeError/negativeCount(_:)``;
  ///   ``ShapeError/sizeOverflow(operation:)`` or
  ///   ``ShapeError/outOfMemory(byteCount:)`` when the result is too large.
  /// - Complexity: O(*n*) for *n* elements of the result.
  public func tiled(_ repetitions: [Int]) throws(ShapeError) -> NDArray {
    if let bad = repetitions.first(where: { $0 < 0 }) { throw .negativeCount(bad) }
    let rank = Swift.max(ndim, repetitions.count)
    let reps = [Int](repeating: 1, count: rank - repetitions.count) + repetitions
    var lifted = self
    while lifted.ndim < rank { lifted = lifted.expandingDimensions(at: 0) }
    // (s0, s1, …) viewed as (1, s0, 1, s1, …), broadcast to (r0, s0, r1, s1, …).
    var interleaved = lifted
    for d in 0..<rank { interleaved = interleaved.expandingDimensions(at: 2 * d) }
    var target: [Int] = []
    var merged: [Int] = []
    for d in 0..<rank {
      target += [reps[d], lifted.shape[d]]
      merged.append(try ShapeError.checkedProduct(reps[d], lifted.shape[d], "tiled"))
    }
    _ = try ShapeError.checkedCount(merged, "tiled")
    let spread = try! interleaved.broadcast(to: Dimensions(target))
    let result: NDArray = try Self.allocated(Dimensions(target), "tiled", ShapeError.self)
    spread.copy(into: result)
    return try! result.reshaped(to: Dimensions(merged))
  }

  /// Each element repeated `count` times along `axis` (the flattened
  /// array when `axis` is `nil`).
  ///
  /// NumPy: `np.repeat(a, count, axis=axis)`.
  ///
  /// - Throws: ``ShapeError/negativeCount(_:)``,
  ///   ``ShapeError/axisOutOfRange(axis:rank:)``;
  ///   ``ShapeError/sizeOverflow(operation:)`` or
  ///   ``ShapeError/outOfMemory(byteCount:)`` when the result is too large.
  /// - Complexity: O(*n*) for *n* elements of the result.
  public func repeated(_ count: Int, axis: Int? = nil) throws(ShapeError) -> NDArray {
    guard count >= 0 else { throw .negativeCount(count) }
    guard let axis else { return try flattened().repeated(count, axis: 0) }
    let a = try Self.normalizedAxis(axis, rank: ndim)
    var target = shape
    target.insert(count, at: a + 1)
    var merged = shape
    merged[a] = try ShapeError.checkedProduct(merged[a], count, "repeated")
    _ = try ShapeError.checkedCount(merged, "repeated")
    let spread = try! expandingDimensions(at: a + 1).broadcast(to: target)
    let result: NDArray = try Self.allocated(target, "repeated", ShapeError.self)
    spread.copy(into: result)
    return try! result.reshaped(to: merged)
  }

  /// Element `i` along `axis` repeated `counts[i]` times (the flattened
  /// array when `axis` is `nil`). One count repeats every element that
  /// many times, as NumPy broadcasts it.
  ///
  /// NumPy: `np.repeat(a, counts, axis=axis)`.
  ///
  /// - Throws: ``ShapeError/repeatCountMismatch(counts:size:axis:)`` when
  ///   there is neither one count per element along the axis nor a single
  ///   count; ``ShapeError/negativeCount(_:)``; ``ShapeError/axisOutOfRange(axis:rank:)``;
  ///   ``ShapeError/sizeOverflow(operation:)`` or
  ///   ``ShapeError/outOfMemory(byteCount:)`` when the result is too large.
  /// - Complexity: O(*n*) for *n* elements of the result.
  public func repeated(_ counts: [Int], axis: Int? = nil) throws(ShapeError) -> NDArray {
    if let bad = counts.first(where: { $0 < 0 }) { throw .negativeCount(bad) }
    guard let axis else { return try flattened().repeated(counts, axis: 0) }
    let a = try Self.normalizedAxis(axis, rank: ndim)
    if counts.count == 1 && shape[a] != 1 { return try repeated(counts[0], axis: a) }
    guard counts.count == shape[a] else { throw .repeatCountMismatch(counts: counts.count, size: shape[a], axis: a) }
    let total: Int = try ShapeError.checkedTotal(counts, "repeated")
    var merged = shape
    merged[a] = total
    _ = try ShapeError.checkedByteCount(ShapeError.checkedCount(merged, "repeated"), of: Element.self, "repeated")
    let indices: NDArray<Int> = try .allocated(count: total, zeroed: false, "repeated", ShapeError.self) { out in
      var j = 0
      for (i, c) in counts.enumerated() {
        for _ in 0..<c { out[j] = i; j += 1 }
      }
    }
    do {
      return try take(indices, axis: a)
    } catch {
      switch error {
      case .outOfMemory(let byteCount): throw .outOfMemory(byteCount: byteCount)
      case .sizeOverflow: throw .sizeOverflow(operation: "repeated")
      default: preconditionFailure("NDArray.repeated: \(error)")
      }
    }
  }

  /// Each element along `axis` repeated by the counts in an array (the
  /// flattened array when `axis` is `nil`): a 0-d or one-element `counts`
  /// repeats every element that many times, a 1-D one gives one count per
  /// element, as the `[Int]` form does.
  ///
  /// NumPy: `np.repeat(a, repeats, axis=axis)` with an array of repeats.
  ///
  /// - Throws: As the `[Int]` form, and
  ///   ``ShapeError/notBroadcastable(_:)`` for `counts` of two or more
  ///   dimensions (NumPy's `ValueError`).
  /// - Complexity: O(*n*) for *n* elements of the result.
  public func repeated(_ counts: NDArray<Int>, axis: Int? = nil) throws(ShapeError) -> NDArray {
    switch counts.ndim {
    case 0: return try repeated(counts[], axis: axis)
    case 1: return try repeated(counts.elements, axis: axis)
    default:
      var length = count
      if let axis { length = shape[try Self.normalizedAxis(axis, rank: ndim)] }
      throw .notBroadcastable([counts.shape.array, [length]])
    }
  }
}

// MARK: - Padding

/// How ``NDArray/padded(_:mode:)-(Int,_)`` fills the border (NumPy's `mode`).
public enum PadMode<Element: NDElement>: Sendable {
  /// One value everywhere (`"constant"`, with `constant_values`).
  case constant(Element)
  /// The nearest edge element (`"edge"`).
  case edge
  /// The mirror image without repeating the edge (`"reflect"`): `a b c`
  /// padded by 2 is `c b a b c b a`.
  case reflect
  /// The mirror image repeating the edge (`"symmetric"`): `b a a b c c b`.
  case symmetric
  /// The array continued periodically (`"wrap"`): `b c a b c a b`.
  case wrap
  /// The mirror image without repeating the edge, turned about the edge
  /// value (`"reflect"` with `reflect_type="odd"`): each padded element is
  /// `2 * edge - mirrored`, so `1 2 4` padded by 2 is `-2 0 1 2 4 6 7`.
  /// Past one reflection, the padded part is reflected again about its
  /// own outer edge, as NumPy does. Integers wrap; for `Bool`, NumPy's
  /// integer result read back as `Bool` is `edge || mirrored`.
  case oddReflect
  /// The mirror image repeating the edge, turned about the edge value
  /// (`"symmetric"` with `reflect_type="odd"`): `1 2 4` padded by 2 is
  /// `0 1 1 2 4 4 6`.
  case oddSymmetric
}

extension NDArray {
  /// The array with `widths[d].before` elements added before and
  /// `widths[d].after` after along each axis `d`, filled by `mode`. One
  /// pair pads every axis alike.
  ///
  /// NumPy: `np.pad(a, pad_width, mode=…)`; `reflect_type="odd"` is
  /// ``PadMode/oddReflect`` and ``PadMode/oddSymmetric``. An axis of one
  /// element is padded with that element in every mode but `.constant`,
  /// as NumPy pads it.
  ///
  /// - Throws: ``ShapeError/negativeWidth(axis:before:after:)``,
  ///   ``ShapeError/widthCountMismatch(widths:rank:)``, and
  ///   ``ShapeError/emptyAxis(axis:operation:)`` when a mode other than
  ///   `.constant` must extend an empty axis;
  ///   ``ShapeError/sizeOverflow(operation:)`` or
  ///   ``ShapeError/outOfMemory(byteCount:)`` when the result is too large.
  /// - Complexity: O(*n*) for *n* elements of the result.
  public func padded(_ widths: [(before: Int, after: Int)], mode: PadMode<Element>) throws(ShapeError) -> NDArray {
    let all: [(before: Int, after: Int)]
    if widths.count == 1 {
      all = Array(repeating: widths[0], count: ndim)
    } else {
      guard widths.count == ndim else { throw .widthCountMismatch(widths: widths.count, rank: ndim) }
      all = widths
    }
    for (d, w) in all.enumerated() where w.before < 0 || w.after < 0 {
      throw .negativeWidth(axis: d, before: w.before, after: w.after)
    }
    if case .constant = mode {} else {
      for (d, w) in all.enumerated() where shape[d] == 0 && (w.before > 0 || w.after > 0) {
        throw .emptyAxis(axis: d, operation: "padded")
      }
    }
    var target = shape
    for d in 0..<ndim {
      target[d] = try ShapeError.checkedSum(ShapeError.checkedSum(shape[d], all[d].before, "padded"), all[d].after, "padded")
    }
    let result: NDArray
    if case .constant(let value) = mode {
      result = try Self.allocated(target, repeating: value, "padded", ShapeError.self)
    } else {
      result = try Self.allocated(target, "padded", ShapeError.self)
    }
    // The array into the center, then each axis's border from the
    // region already filled: every axis before `d` in full, the center of
    // the axes after it.
    var center = (0..<ndim).map { NDIndex.slice(from: all[$0].before, to: all[$0].before + shape[$0]) }
    copy(into: result[entries: center])
    if case .constant = mode { return result }
    for d in 0..<ndim {
      let (before, n) = (all[d].before, shape[d])
      var region = center
      if n > 1, let includingEdge = mode.oddIncludesEdge {
        region[d] = .all
        result[entries: region].padOdd(axis: d, before: before, after: all[d].after, period: n, includingEdge: includingEdge)
        center[d] = .all
        continue
      }
      for p in 0..<target[d] where p < before || p >= before + n {
        let source = before + Self.padSource(p - before, n, mode)
        region[d] = .at(source)
        let from = result[entries: region]
        region[d] = .at(p)
        from.copy(into: result[entries: region])
      }
      center[d] = .all
    }
    return result
  }

  /// The same padding on every axis.
  ///
  /// NumPy: `np.pad(a, width, mode=…)`.
  public func padded(_ width: Int, mode: PadMode<Element>) throws(ShapeError) -> NDArray {
    try padded([(width, width)], mode: mode)
  }

  /// The position in `0..<n` that position `j` of the padded axis (counted
  /// from the first original element, so negative before it) copies.
  /// The odd modes use it only for an axis of one element.
  static func padSource(_ j: Int, _ n: Int, _ mode: PadMode<Element>) -> Int {
    func modulo(_ x: Int, _ m: Int) -> Int { ((x % m) + m) % m }
    switch mode {
    case .constant: return 0
    case .edge, .oddReflect, .oddSymmetric: return Swift.min(Swift.max(j, 0), n - 1)
    case .wrap: return modulo(j, n)
    case .symmetric:
      let k = modulo(j, 2 * n)
      return k < n ? k : 2 * n - 1 - k
    case .reflect:
      guard n > 1 else { return 0 }
      let k = modulo(j, 2 * n - 2)
      return k < n ? k : 2 * n - 2 - k
    }
  }

  /// Fills the `before` and `after` border of `axis` (of a region whose
  /// center, `period` elements long, is filled) by odd reflection, in
  /// NumPy's steps: each step mirrors at most the part filled so far
  /// (kept to whole periods, so every mirror lies on an edge of a period)
  /// on both sides, `2 * edge - mirrored` for the current outer edge, so
  /// the results are NumPy's to the last bit.
  func padOdd(axis: Int, before: Int, after: Int, period n: Int, includingEdge: Bool) {
    let total = shape[axis]
    var (left, right) = (before, after)
    while left > 0 || right > 0 {
      let filled = total - left - right
      // The chunk limit: whole periods of what is filled, less the edge
      // element when the edge is not repeated.
      let limit = includingEdge ? filled / n * n : (filled - 1) / (n - 1) * (n - 1)
      let skip = includingEdge ? 0 : 1
      if left > 0 {
        let chunk = Swift.min(limit, left)
        let mirrored = slice(left + skip..<left + skip + chunk, axis: axis).flipped(axis: axis)
        let edge = slice(left..<left + 1, axis: axis)
        Self.oddReflection(mirrored, about: edge).copy(into: slice(left - chunk..<left, axis: axis))
        left -= chunk
      }
      if right > 0 {
        let chunk = Swift.min(limit, right)
        let end = total - right
        let mirrored = slice(end - skip - chunk..<end - skip, axis: axis).flipped(axis: axis)
        let edge = slice(end - 1..<end, axis: axis)
        Self.oddReflection(mirrored, about: edge).copy(into: slice(end..<end + chunk, axis: axis))
        right -= chunk
      }
    }
  }

  /// `2 * edge - mirrored`, broadcast, in the element type, as NumPy
  /// computes it (integers wrap; complex numbers multiply by `2 + 0i`);
  /// for `Bool`, NumPy's integer result read back as `Bool`, which is
  /// `edge || mirrored`.
  static func oddReflection(_ mirrored: NDArray, about edge: NDArray) -> NDArray {
    if Element.self == Bool.self {
      return NDArray(unchecked: Comparison.logic(.or, edge.view, mirrored.view))
    }
    let kind = Element.scalarKind
    let two = NDArray<Int>(scalar: 2).converted(to: Element.self)
    let doubled = Arithmetic.apply(.multiply, two.view, edge.view, kind: kind)
    return NDArray(unchecked: Arithmetic.apply(.subtract, doubled, mirrored.view, kind: kind))
  }
}

extension PadMode {
  /// For the odd modes, whether the edge element is mirrored too
  /// (`oddSymmetric`); `nil` for the others.
  var oddIncludesEdge: Bool? {
    switch self {
    case .oddReflect: false
    case .oddSymmetric: true
    default: nil
    }
  }
}

// MARK: - Rolling

extension NDArray {
  /// The elements shifted by `shift` positions along `axis`, those pushed
  /// off one end coming back at the other (the flattened array when
  /// `axis` is `nil`).
  ///
  /// NumPy: `np.roll(a, shift, axis=axis)`.
  ///
  /// - Throws: ``ShapeError/axisOutOfRange(axis:rank:)``.
  /// - Complexity: O(*n*).
  public func rolled(by shift: Int, axis: Int? = nil) throws(ShapeError) -> NDArray {
    guard let axis else {
      return try! flattened().rolled(by: shift, axis: 0).reshaped(to: shape)
    }
    return try rolled(by: [shift], axes: [axis])
  }

  /// The elements shifted along several axes at once.
  ///
  /// NumPy: `np.roll(a, shifts, axis=axes)`.
  ///
  /// - Throws: ``ShapeError/axisOutOfRange(axis:rank:)``, and
  ///   ``ShapeError/repeatCountMismatch(counts:size:axis:)`` when the
  ///   numbers of shifts and axes differ and neither is one. As in NumPy,
  ///   one shift applies to every axis given, and several shifts of one
  ///   axis add up.
  public func rolled(by shifts: [Int], axes: [Int]) throws(ShapeError) -> NDArray {
    let pairs: [(Int, Int)]
    if shifts.count == axes.count {
      pairs = Array(zip(shifts, axes))
    } else if shifts.count == 1 {
      pairs = axes.map { (shifts[0], $0) }
    } else if axes.count == 1 {
      pairs = shifts.map { ($0, axes[0]) }
    } else {
      throw .repeatCountMismatch(counts: shifts.count, size: axes.count, axis: 0)
    }
    var total = [Int](repeating: 0, count: ndim)
    for (s, axis) in pairs {
      let d = try Self.normalizedAxis(axis, rank: ndim)
      total[d] = (total[d] + s % Swift.max(shape[d], 1)) % Swift.max(shape[d], 1)
    }
    let result = Self.uninitialized(shape, "NDArray.rolled")
    // Every combination of the two pieces along each shifted axis.
    var pieces: [([NDIndex], [NDIndex])] = [([], [])]
    for d in 0..<ndim {
      let n = shape[d]
      let k = n == 0 ? 0 : ((total[d] % n) + n) % n
      var next: [([NDIndex], [NDIndex])] = []
      for (source, destination) in pieces {
        if k == 0 {
          next.append((source + [.all], destination + [.all]))
        } else {
          next.append((source + [.slice(from: n - k, to: n)], destination + [.slice(from: 0, to: k)]))
          next.append((source + [.slice(from: 0, to: n - k)], destination + [.slice(from: k, to: n)]))
        }
      }
      pieces = next
    }
    for (source, destination) in pieces { self[entries: source].copy(into: result[entries: destination]) }
    return result
  }
}

// MARK: - Grids and constructors

/// How ``NDArray/meshgrid(_:indexing:sparse:copy:)`` orders the first two axes.
public enum MeshIndexing: Sendable, Hashable {
  /// Cartesian: the first array varies along the second axis (`"xy"`).
  case xy
  /// Matrix: array `i` varies along axis `i` (`"ij"`).
  case ij
}

extension NDArray {
  /// Coordinate arrays for a grid: array `i` holds `vectors[i]` (flattened)
  /// along its own axis and is constant along the others.
  ///
  /// With `sparse`, each array keeps size 1 on every axis but its own
  /// (`[1, n, 1]` rather than `[m, n, p]`), ready to broadcast. Without
  /// `copy`, the results are views: sparse ones share the vectors'
  /// elements (a vector that is not contiguous is flattened into a copy
  /// first, as NumPy's reshape copies it), and full ones are read-only
  /// broadcast views of the vectors, as ``broadcast(to:)`` makes them
  /// (NumPy's are writable with a warning).
  ///
  /// NumPy: `np.meshgrid(*vectors, indexing=…, sparse=…, copy=…)`.
  ///
  /// - Complexity: O(*k*·*n*) for *k* arrays of *n* elements when copying;
  ///   O(*k*) for views of one-dimensional vectors.
  public static func meshgrid(
    _ vectors: [NDArray], indexing: MeshIndexing = .xy, sparse: Bool = false, copy: Bool = true
  ) -> [NDArray] {
    let flat = vectors.map { $0.ndim == 1 ? $0 : $0.flattened() }
    var shape = flat.map(\.count)
    let swap = indexing == .xy && flat.count >= 2
    if swap { shape.swapAt(0, 1) }
    return flat.enumerated().map { i, v in
      var axis = i
      if swap && i < 2 { axis = 1 - i }
      var view = v
      for d in 0..<shape.count where d != axis { view = view.expandingDimensions(at: d) }
      if sparse { return copy ? view.copy() : view }
      let spread = try! view.broadcast(to: Dimensions(shape))
      guard copy else { return spread }
      let result = uninitialized(Dimensions(shape), "NDArray.meshgrid")
      spread.copy(into: result)
      return result
    }
  }

  /// A `rows`×`columns` matrix with ones (`true` for `Bool`) on diagonal
  /// `diagonal` (positive above the main one) and zeros elsewhere.
  ///
  /// NumPy: `np.eye(rows, columns, k=diagonal)`, with any `dtype`.
  ///
  /// - Precondition: `rows >= 0` and `columns >= 0`.
  /// - Complexity: O(`rows`·`columns`).
  public static func eye(_ rows: Int, _ columns: Int? = nil, diagonal: Int = 0) -> NDArray {
    let columns = columns ?? rows
    precondition(rows >= 0 && columns >= 0, "NDArray.eye: negative size \(rows)×\(columns)")
    return .filled(shape: [rows, columns], order: .c, in: "NDArray.eye") { i in
      i % columns - i / columns == diagonal ? .multiplicativeIdentity : .additiveIdentity
    }
  }

  /// An array of the given shape with every element `value`.
  ///
  /// NumPy: `np.full(shape, value)`.
  public static func full(_ shape: Dimensions, _ value: Element, order: MemoryOrder = .c) -> NDArray {
    NDArray(repeating: value, shape: shape, order: order)
  }

  /// An array whose element at each index is `body(index)`.
  ///
  /// NumPy: `np.fromfunction(f, shape)` (which passes index arrays; here
  /// `body` runs once per element, in C order).
  ///
  /// - Precondition: No size in `shape` is negative.
  /// - Complexity: O(*n*) calls of `body`.
  public static func fromFunction(_ shape: Dimensions, _ body: ([Int]) throws -> Element) rethrows -> NDArray {
    precondition(!shape.contains(where: { $0 < 0 }), "NDArray.fromFunction: negative dimensions in \(shape)")
    var elements: [Element] = []
    elements.reserveCapacity(shape.product)
    var index = [Int](repeating: 0, count: shape.count)
    for _ in 0..<shape.product {
      elements.append(try body(index))
      var d = shape.count - 1
      while d >= 0 {
        index[d] += 1
        if index[d] < shape[d] { break }
        index[d] = 0
        d -= 1
      }
    }
    return NDArray(elements, shape: shape)
  }
}
