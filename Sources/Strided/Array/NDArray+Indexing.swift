// NumPy's advanced indexing on NDArray: index arrays and masks in
// subscripts (traps on bad indices, as integer subscripts do), and the
// throwing forms for indices that come from data.

extension NDArray {
  /// The elements an index array or a mask selects, as a new C-ordered
  /// array; assigning writes into them.
  ///
  /// NumPy's advanced indexing: an entry may be an integer array
  /// (`NDArray<Int>`, `[Int]`, any integer type), a `Bool` mask of the
  /// shape of the axes it covers, or any basic entry (an integer, a range,
  /// a slice, ``NDIndex/newAxis``, ``NDIndex/ellipsis``):
  ///
  /// ```swift
  /// x[[0, 2]]                  // rows 0 and 2
  /// x[[0, 1], [2, 0]]          // the elements (0, 2) and (1, 0)
  /// x[x .> 0]                  // the positive elements, in C order
  /// x[labels .== 1, .all]      // the rows whose label is 1
  /// x[x .< 0] = 0              // clip at zero, in place
  /// x[[1, 1, 3]] += 1          // rows 1 and 3 gain 1 (once each, as in NumPy)
  /// ```
  ///
  /// Index arrays broadcast together; the result has their broadcast shape
  /// in place of the axes they index when those are adjacent, and first
  /// otherwise. With an index array present, an integer entry counts as an
  /// index array of shape `[]`. The result is always a copy; assignment
  /// writes the values (broadcast to the selection's shape) in the
  /// selection's C order, so where an element is selected twice the later
  /// value stays.
  ///
  /// NumPy: `a[idx]`, `a[mask]`, `a[idx] = v`.
  ///
  /// - Precondition: Every index is within its axis, masks match the axes
  ///   they cover, index arrays broadcast together, the values broadcast to
  ///   the selection, and the array is writable for assignment; otherwise
  ///   the subscript traps with the ``IndexError`` message, before anything
  ///   is written. For indices that come from data, use the throwing forms
  ///   ``selecting(_:)-(NDAdvancedIndexConvertible...)`` and ``assign(_:at:)-(_,NDAdvancedIndexConvertible...)``.
  /// - Complexity: O(*n*) for *n* selected elements (a mask is read once
  ///   more to count).
  public subscript<A: NDAdvancedIndexConvertible>(_ a: A) -> NDArray {
    get { advancedGet([a.advancedIndex]) }
    nonmutating set { advancedSet(newValue, [a.advancedIndex]) }
  }

  /// Elements selected by two entries, at least one an index array or mask.
  public subscript<A: NDAdvancedIndexConvertible, B: NDAdvancedIndexConvertible>(_ a: A, _ b: B) -> NDArray {
    get { advancedGet([a.advancedIndex, b.advancedIndex]) }
    nonmutating set { advancedSet(newValue, [a.advancedIndex, b.advancedIndex]) }
  }

  /// Elements selected by three entries, at least one an index array or mask.
  public subscript<A: NDAdvancedIndexConvertible, B: NDAdvancedIndexConvertible, C: NDAdvancedIndexConvertible>(
    _ a: A, _ b: B, _ c: C
  ) -> NDArray {
    get { advancedGet([a.advancedIndex, b.advancedIndex, c.advancedIndex]) }
    nonmutating set { advancedSet(newValue, [a.advancedIndex, b.advancedIndex, c.advancedIndex]) }
  }

  /// Elements selected by four entries, at least one an index array or mask.
  public subscript<
    A: NDAdvancedIndexConvertible, B: NDAdvancedIndexConvertible, C: NDAdvancedIndexConvertible,
    D: NDAdvancedIndexConvertible
  >(_ a: A, _ b: B, _ c: C, _ d: D) -> NDArray {
    get { advancedGet([a.advancedIndex, b.advancedIndex, c.advancedIndex, d.advancedIndex]) }
    nonmutating set { advancedSet(newValue, [a.advancedIndex, b.advancedIndex, c.advancedIndex, d.advancedIndex]) }
  }

  /// Elements selected by any number of entries.
  public subscript(advanced entries: [NDAdvancedIndex]) -> NDArray {
    get { advancedGet(entries) }
    nonmutating set { advancedSet(newValue, entries) }
  }

  func advancedGet(_ entries: [NDAdvancedIndex]) -> NDArray {
    do { return try selecting(entries) } catch {
      preconditionFailure("NDArray subscript: \(error) (the throwing spelling is `try a.selecting(_:)`)")
    }
  }

  func advancedSet(_ values: NDArray, _ entries: [NDAdvancedIndex]) {
    do { try assign(values, at: entries) } catch {
      preconditionFailure("NDArray subscript: \(error) (the throwing spelling is `try a.assign(_:at:)`)")
    }
  }

  // MARK: Throwing forms

  /// The elements the entries select, with NumPy's rules (see
  /// the subscripts): a view when every entry is basic, a new
  /// C-ordered array otherwise.
  ///
  /// NumPy: `a[entries]`.
  ///
  /// - Throws: ``IndexError`` naming the axis, the bad index and the size,
  ///   a mask of the wrong shape, index arrays that do not broadcast, or too
  ///   many entries.
  public func selecting(_ entries: any NDAdvancedIndexConvertible...) throws(IndexError) -> NDArray {
    try selecting(entries.map(\.advancedIndex))
  }

  /// The elements the entries select; see ``selecting(_:)-(NDAdvancedIndexConvertible...)``.
  public func selecting(_ entries: [NDAdvancedIndex]) throws(IndexError) -> NDArray {
    if let basic = try basicView(entries) { return NDArray(unchecked: basic) }
    if entries.count == 1, case .mask(let mask) = entries[0].storage, mask.ndim > 0 {
      if mask.shape == shape {
        return NDArray(unchecked: Masking.select(view, mask: mask, kind: Element.scalarKind))
      }
      // A mask of the leading axes of C-ordered rows: whole rows at a time.
      if mask.ndim < ndim, mask.isCContiguous, Array(mask.shape) == Array(shape.prefix(mask.ndim)),
        view.strides == Layout.cStrides(for: shape, itemSize: view.itemSize)
      {
        return NDArray(unchecked: Masking.selectRows(view, mask: mask))
      }
    }
    if entries.count == 1, case .integers(let indices) = entries[0].storage, ndim > 0 {
      return NDArray(unchecked: try Gather.takeFirstAxis(view, indices))
    }
    return NDArray(unchecked: try Gather.gather(AdvancedSelection(entries, of: view)))
  }

  /// Writes `values`, broadcast to the selection's shape, into the elements
  /// the entries select. Nothing is written unless every index is valid and
  /// the values broadcast.
  ///
  /// NumPy: `a[entries] = values`.
  ///
  /// - Throws: ``IndexError`` as ``selecting(_:)-(NDAdvancedIndexConvertible...)``,
  ///   ``IndexError/valueShapeMismatch(value:selection:)`` when the values do
  ///   not broadcast, and ``IndexError/readOnly``.
  public func assign(_ values: NDArray, at entries: any NDAdvancedIndexConvertible...) throws(IndexError) {
    try assign(values, at: entries.map(\.advancedIndex))
  }

  /// Writes values into the selected elements; see ``assign(_:at:)-(_,NDAdvancedIndexConvertible...)``.
  public func assign(_ values: NDArray, at entries: [NDAdvancedIndex]) throws(IndexError) {
    guard !isReadOnly else { throw .readOnly }
    if let basic = try basicView(entries) {
      do { try values.view.copy(into: basic) } catch {
        throw .valueShapeMismatch(value: Array(values.shape), selection: Array(basic.shape))
      }
      return
    }
    if entries.count == 1, case .mask(let mask) = entries[0].storage, mask.shape == shape, mask.ndim > 0, values.count == 1 {
      Masking.fill(view, mask: mask, with: values.view, kind: Element.scalarKind)
      return
    }
    if entries.count == 1, case .integers(let indices) = entries[0].storage, ndim > 0 {
      return try Gather.putFirstAxis(view, indices, values.view)
    }
    try Gather.scatter(values.view, into: AdvancedSelection(entries, of: view))
  }

  /// The view that basic entries select, `nil` when some entry is an index
  /// array or a mask.
  func basicView(_ entries: [NDAdvancedIndex]) throws(IndexError) -> NDView? {
    var basic: [NDIndex] = []
    basic.reserveCapacity(entries.count)
    for entry in entries {
      guard case .basic(let index) = entry.storage else { return nil }
      basic.append(index)
    }
    try Self.checkBasic(basic, shape: shape)
    return view[entries: basic]
  }

  /// Checks basic entries against a shape, as the view subscript would trap.
  static func checkBasic(_ entries: [NDIndex], shape: Dimensions) throws(IndexError) {
    var consumed = 0
    var ellipses = 0
    for entry in entries {
      switch entry.storage {
      case .newAxis: break
      case .ellipsis: ellipses += 1
      default: consumed += 1
      }
    }
    guard ellipses <= 1 else { throw .multipleEllipses }
    guard consumed <= shape.count else { throw .tooManyIndices(given: consumed, rank: shape.count) }
    var axis = 0
    for entry in entries {
      switch entry.storage {
      case .position(let position):
        let size = shape[axis]
        guard (position < 0 ? position &+ size : position) >= 0 && (position < 0 ? position &+ size : position) < size else {
          throw .outOfRange(index: position, axis: axis, size: size)
        }
        axis += 1
      case .bounds(let lower, let upper):
        let size = shape[axis]
        let upper = upper ?? size
        guard lower >= 0 && lower <= upper && upper <= size else {
          throw .outOfRange(index: lower < 0 || lower > size ? lower : upper, axis: axis, size: size)
        }
        axis += 1
      case .slice(_, _, let step):
        guard step != 0 else { throw .shapeMismatch("slice step cannot be zero") }
        axis += 1
      case .newAxis: break
      case .ellipsis: axis += shape.count - consumed
      }
    }
  }

  // MARK: NumPy's index functions

  /// The elements at `indices` along `axis`, or of the flattened array
  /// (in C order) when `axis` is `nil`.
  ///
  /// NumPy: `np.take(a, indices, axis=…)`.
  ///
  /// - Throws: ``IndexError`` for an index outside the axis (negative ones
  ///   count from the end) or an axis out of range.
  public func take(_ indices: NDArray<Int>, axis: Int? = nil) throws(IndexError) -> NDArray {
    guard let axis else {
      return try NDArray(unchecked: flattened().view).selecting([.indices(indices)])
    }
    let a = try Self.normalize(axis, rank: ndim)
    var entries = [NDAdvancedIndex](repeating: NDAdvancedIndex(.basic(.all)), count: a)
    entries.append(.indices(indices))
    return try selecting(entries)
  }

  /// Writes `values` at the flat (C-order) positions `indices`, repeating
  /// the values cyclically when there are fewer of them than indices.
  ///
  /// NumPy: `np.put(a, indices, values)` (mode `"raise"`).
  ///
  /// - Throws: ``IndexError`` for an index outside the array (nothing is
  ///   written), or ``IndexError/readOnly``.
  public func put(_ values: NDArray, at indices: NDArray<Int>) throws(IndexError) {
    guard !isReadOnly else { throw .readOnly }
    guard indices.count > 0 else { return }
    guard values.count > 0 else { throw .valueShapeMismatch(value: Array(values.shape), selection: Array(indices.shape)) }
    let flatIndices = indices.flattened()
    let flatValues = values.flattened()
    let repeated: NDArray =
      flatValues.count >= flatIndices.count
      ? flatValues[.slice(to: flatIndices.count)] : Self.cycled(flatValues, count: flatIndices.count)
    var entries: [NDAdvancedIndex] = []
    var remaining = flatIndices.elements
    let total = count
    for (k, value) in remaining.enumerated() {
      guard value >= -total && value < total else { throw .outOfRange(index: value, axis: 0, size: total) }
      remaining[k] = value < 0 ? value + total : value
    }
    // Flat positions become one index array per axis.
    var perAxis = [[Int]](repeating: [], count: ndim)
    for var position in remaining {
      for axis in stride(from: ndim - 1, through: 0, by: -1) {
        perAxis[axis].append(position % shape[axis])
        position /= shape[axis]
      }
    }
    for axis in 0..<ndim { entries.append(.indices(NDArray<Int>(perAxis[axis]))) }
    if ndim == 0 { return try assign(try! repeated[.slice(from: -1)].reshapedCopy(to: []), at: entries) }
    try assign(repeated, at: entries)
  }

  static func cycled(_ values: NDArray, count: Int) -> NDArray {
    let source = values.elements
    return NDArray((0..<count).map { source[$0 % source.count] })
  }

  /// The elements along `axis` at `indices`, which has the array's rank and
  /// broadcasts against it on the other axes. With `axis: nil`, the
  /// elements of the flattened array (in C order) at the positions of a
  /// one-dimensional `indices`.
  ///
  /// NumPy: `np.take_along_axis(a, indices, axis=-1)`; `axis=None`.
  ///
  /// - Throws: ``IndexError`` for an index outside the axis (negative ones
  ///   count from the end), an axis out of range, indices of another rank,
  ///   or, with `axis: nil`, indices of more or fewer than one dimension
  ///   (NumPy's `ValueError`).
  public func takeAlongAxis(_ indices: NDArray<Int>, axis: Int? = -1) throws(IndexError) -> NDArray {
    guard let axis else {
      guard indices.ndim == 1 else {
        throw .shapeMismatch("indices of \(indices.ndim) dimensions with axis nil: they must have one")
      }
      return try flattened().selecting([.indices(indices)])
    }
    return try selecting(alongAxis(indices, axis: axis))
  }

  /// Writes `values` along `axis` at `indices`, which has the array's rank.
  ///
  /// NumPy: `np.put_along_axis(a, indices, values, axis)`.
  ///
  /// - Throws: ``IndexError`` as ``takeAlongAxis(_:axis:)``, or when the
  ///   values do not broadcast; nothing is written then.
  public func putAlongAxis(_ indices: NDArray<Int>, values: NDArray, axis: Int) throws(IndexError) {
    try assign(values, at: alongAxis(indices, axis: axis))
  }

  /// One index array per axis: `indices` on `axis`, and on every other
  /// axis its positions, shaped to broadcast.
  func alongAxis(_ indices: NDArray<Int>, axis: Int) throws(IndexError) -> [NDAdvancedIndex] {
    let a = try Self.normalize(axis, rank: ndim)
    guard indices.ndim == ndim else {
      throw .shapeMismatch("indices of \(indices.ndim) dimensions for an array of \(ndim): they must have the same number")
    }
    var entries: [NDAdvancedIndex] = []
    for d in 0..<ndim {
      if d == a {
        entries.append(.indices(indices))
      } else {
        var shape = Dimensions(repeating: 1, count: ndim)
        shape[d] = self.shape[d]
        entries.append(.indices(try! NDArray<Int>.arange(to: self.shape[d]).reshaped(to: shape)))
      }
    }
    return entries
  }

  static func normalize(_ axis: Int, rank: Int) throws(IndexError) -> Int {
    guard axis >= -rank && axis < rank else { throw .axisOutOfRange(axis: axis, rank: rank) }
    return axis < 0 ? axis + rank : axis
  }

  /// The array as one axis in C order: a view when the layout allows, a
  /// copy otherwise.
  ///
  /// NumPy: `a.ravel()`.
  ///
  /// - Complexity: O(1) for a view, O(*n*) for a copy.
  public func flattened() -> NDArray {
    (try? reshaped(to: [count])) ?? copy().reshapedUnchecked(to: [count])
  }

  func reshapedUnchecked(to shape: Dimensions) -> NDArray { try! reshaped(to: shape) }
}

extension NDArray where Element: Numeric {
  /// Adds `values` to the selected elements without buffering: an element
  /// selected *k* times gains all *k* values.
  ///
  /// NumPy: `np.add.at(a, indices, values)`.
  ///
  /// - Throws: ``IndexError`` as ``selecting(_:)-(NDAdvancedIndexConvertible...)``,
  ///   when the values do not broadcast to the selection, or when the array
  ///   is read-only; nothing is written then.
  public func add(_ values: NDArray, at entries: any NDAdvancedIndexConvertible...) throws(IndexError) {
    try scatter(.add, values, entries)
  }

  /// Subtracts `values` from the selected elements without buffering: an
  /// element selected *k* times loses all *k* values.
  ///
  /// NumPy: `np.subtract.at(a, indices, values)`.
  ///
  /// - Throws: As ``add(_:at:)``; nothing is written then.
  public func subtract(_ values: NDArray, at entries: any NDAdvancedIndexConvertible...) throws(IndexError) {
    try scatter(.subtract, values, entries)
  }

  /// Multiplies the selected elements by `values` without buffering: an
  /// element selected *k* times is multiplied by all *k* values.
  ///
  /// NumPy: `np.multiply.at(a, indices, values)`.
  ///
  /// - Throws: As ``add(_:at:)``; nothing is written then.
  public func multiply(_ values: NDArray, at entries: any NDAdvancedIndexConvertible...) throws(IndexError) {
    try scatter(.multiply, values, entries)
  }

  /// One value combined into each selected element, in C order, as an
  /// unbuffered NumPy `ufunc.at`.
  func scatter(_ op: ScatterOperation, _ values: NDArray, _ entries: [any NDAdvancedIndexConvertible]) throws(IndexError) {
    guard !isReadOnly else { throw .readOnly }
    let index = entries.map(\.advancedIndex)
    if index.count == 1, case .integers(let indices) = index[0].storage,
      try Gather.accumulateVector(view, indices, values.view, kind: Element.scalarKind, op)
    {
      return
    }
    let selection = try AdvancedSelection(index, of: view)
    try Gather.accumulate(values.view, into: selection, kind: Element.scalarKind, op)
  }
}

extension NDArray where Element: Numeric & Comparable {
  /// Sets each selected element to the greater of itself and its value,
  /// without buffering (an element selected *k* times takes the greatest
  /// of all *k*); NaN propagates, as in NumPy.
  ///
  /// NumPy: `np.maximum.at(a, indices, values)`.
  ///
  /// - Throws: As ``add(_:at:)``; nothing is written then.
  public func maximum(_ values: NDArray, at entries: any NDAdvancedIndexConvertible...) throws(IndexError) {
    try scatter(.maximum, values, entries)
  }

  /// Sets each selected element to the lesser of itself and its value,
  /// without buffering; NaN propagates, as in NumPy.
  ///
  /// NumPy: `np.minimum.at(a, indices, values)`.
  ///
  /// - Throws: As ``add(_:at:)``; nothing is written then.
  public func minimum(_ values: NDArray, at entries: any NDAdvancedIndexConvertible...) throws(IndexError) {
    try scatter(.minimum, values, entries)
  }
}

extension NDArray {
  /// The positions of the non-zero (or `true`) elements: one integer array
  /// per axis, in C order.
  ///
  /// NumPy: `np.nonzero(a)`, and `np.where(condition)` with one argument.
  ///
  /// - Throws: ``ShapeError/zeroDimensional(operation:)`` for a 0-d array,
  ///   as NumPy 2 raises `ValueError` (view it as one element first:
  ///   `a.reshaped(to: [1])`).
  /// - Complexity: O(*n*).
  public func nonzero() throws(ShapeError) -> [NDArray<Int>] {
    guard ndim > 0 else { throw .zeroDimensional(operation: "nonzero") }
    return Gather.nonzero(nonzeroMask())
  }

  /// The positions of the non-zero elements as rows of an `n × ndim` array;
  /// for a 0-d array `1 × 0` when it is non-zero and `0 × 0` otherwise, as
  /// NumPy's.
  ///
  /// NumPy: `np.argwhere(a)`.
  public func argwhere() -> NDArray<Int> {
    let columns = ndim == 0 ? [] : Gather.nonzero(nonzeroMask())
    let n = columns.first?.count ?? (ndim == 0 && nonzeroMask()[] ? 1 : 0)
    let result = NDArray<Int>.zeros([n, columns.count])
    for (axis, column) in columns.enumerated() { column.copy(into: result[.all, .at(axis)]) }
    return result
  }

  /// The number of non-zero (or `true`) elements.
  ///
  /// NumPy: `np.count_nonzero(a)`.
  public func countNonzero() -> Int { nonzeroMask().sum() }

  /// The number of non-zero elements along `axes`.
  ///
  /// NumPy: `np.count_nonzero(a, axis=axes, keepdims=…)`.
  ///
  /// - Precondition: The axes are in range and distinct.
  public func countNonzero(axes: [Int], keepingDimensions: Bool = false) -> NDArray<Int> {
    nonzeroMask().sum(axes: axes, keepingDimensions: keepingDimensions)
  }

  /// `true` where an element is not zero (or is `true`).
  func nonzeroMask() -> NDArray<Bool> {
    if Element.self == Bool.self { return NDArray<Bool>(unchecked: view) }
    return NDArray<Bool>(unchecked: Comparison.nonzero(view, kind: Element.scalarKind))
  }
}

extension NDArray where Element == Bool {
  /// The positions of the `true` elements, one integer array per axis:
  /// NumPy's `np.where(condition)` with one argument.
  ///
  /// - Throws: ``ShapeError/zeroDimensional(operation:)`` for a 0-d
  ///   condition, as ``NDArray/nonzero()``.
  public static func `where`(_ condition: NDArray<Bool>) throws(ShapeError) -> [NDArray<Int>] { try condition.nonzero() }
}
