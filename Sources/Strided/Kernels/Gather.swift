import ComplexModule
/// NumPy's advanced indexing: index arrays and masks resolved against a
/// view, then gathered into a new C-ordered view or scattered from values.
///
/// Resolution follows NumPy's rules:
/// - basic entries (slices, ranges, new axes, an ellipsis) apply as views;
/// - a mask covering *k* axes becomes *k* integer arrays (its `nonzero`);
/// - with any index array present, an integer entry is an index array of
///   shape `[]` too;
/// - the index arrays broadcast together to a shape *B*; the result has *B*
///   in place of the indexed axes when those were adjacent in the subscript,
///   and first otherwise.
///
/// Every index is checked before anything is read or written.
struct AdvancedSelection {
  /// One indexed axis of the source.
  struct Component {
    var indices: NDArray<Int>
    var axis: Int
    var size: Int
    var stride: Int
  }

  /// The source, with the basic entries' offset applied.
  var source: NDView
  /// Basic axes of the result before *B* (sizes and source strides).
  var outer: [(size: Int, stride: Int)] = []
  /// Basic axes of the result after *B*.
  var inner: [(size: Int, stride: Int)] = []
  /// The broadcast shape of the index arrays.
  var broadcastShape: [Int] = []
  /// For each position of *B*, in C order, the byte offset the index arrays
  /// add to the source's first element.
  var offsets: [Int] = []

  /// The result's shape: outer, *B*, inner.
  var shape: [Int] { outer.map(\.size) + broadcastShape + inner.map(\.size) }

  /// Resolves `entries` against `view`.
  ///
  /// - Throws: ``IndexError`` for an index out of range, a mask of the wrong
  ///   shape, index arrays that do not broadcast, too many indices or a
  ///   second ellipsis.
  init(_ entries: [NDAdvancedIndex], of view: NDView) throws(IndexError) {
    let rank = view.ndim
    var consumed = 0
    var ellipses = 0
    for entry in entries {
      switch entry.storage {
      case .basic(let index):
        switch index.storage {
        case .newAxis: break
        case .ellipsis: ellipses += 1
        default: consumed += 1
        }
      case .integers: consumed += 1
      case .mask(let mask): consumed += mask.ndim
      }
    }
    guard ellipses <= 1 else { throw .multipleEllipses }
    guard consumed <= rank else { throw .tooManyIndices(given: consumed, rank: rank) }

    // Walk the entries: basic ones become result axes or offsets, advanced
    // ones components. `pieces` records the order, to tell adjacency.
    // An ellipsis that stands for no axes still separates index arrays, as
    // in NumPy: `a[m, ..., 0]` on a 2-D array puts the selection first.
    enum Piece { case basic(Int, Int), advanced, separator }
    var pieces: [Piece] = []
    var components: [Component] = []
    var offset = view.byteOffset
    var axis = 0
    let layout = view.layout
    for entry in entries {
      switch entry.storage {
      case .basic(let index):
        switch index.storage {
        case .position(let position):
          let size = layout.size(axis)
          let resolved = position < 0 ? position &+ size : position
          guard resolved >= 0 && resolved < size else { throw .outOfRange(index: position, axis: axis, size: size) }
          components.append(Component(indices: NDArray(scalar: resolved), axis: axis, size: size, stride: layout.stride(axis)))
          pieces.append(.advanced)
          axis += 1
        case .bounds(let lower, let upper):
          let size = layout.size(axis)
          let upper = upper ?? size
          guard lower >= 0 && lower <= upper && upper <= size else {
            throw .outOfRange(index: lower < 0 || lower > size ? lower : upper, axis: axis, size: size)
          }
          if let kept = Layout.select(index, size: size, stride: layout.stride(axis), axis: axis, offset: &offset) {
            pieces.append(.basic(kept.size, kept.stride))
          }
          axis += 1
        case .slice:
          if let kept = Layout.select(index, size: layout.size(axis), stride: layout.stride(axis), axis: axis, offset: &offset) {
            pieces.append(.basic(kept.size, kept.stride))
          }
          axis += 1
        case .newAxis:
          pieces.append(.basic(1, 0))
        case .ellipsis:
          if rank == consumed { pieces.append(.separator) }
          for _ in 0..<(rank - consumed) {
            pieces.append(.basic(layout.size(axis), layout.stride(axis)))
            axis += 1
          }
        }
      case .integers(let indices):
        // A 0-d index is checked even where the selection is empty, as in
        // NumPy; arrays are checked for the positions they select.
        if indices.ndim == 0 {
          let size = layout.size(axis)
          let position = indices[]
          guard position >= -size && position < size else { throw .outOfRange(index: position, axis: axis, size: size) }
        }
        components.append(Component(indices: indices, axis: axis, size: layout.size(axis), stride: layout.stride(axis)))
        pieces.append(.advanced)
        axis += 1
      case .mask(let mask) where mask.ndim == 0:
        // A 0-d mask adds an axis of length 1 (true) or 0 (false), as an
        // index array would.
        let selected: NDArray<Int> = mask[] ? [0] : NDArray<Int>.zeros([0])
        components.append(Component(indices: selected, axis: -1, size: 1, stride: 0))
        pieces.append(.advanced)
      case .mask(let mask):
        let covered = (0..<mask.ndim).map { layout.size(axis + $0) }
        guard Array(mask.shape) == covered else {
          throw .maskShapeMismatch(mask: Array(mask.shape), axes: covered, axis: axis)
        }
        for (k, positions) in Gather.nonzero(mask).enumerated() {
          components.append(Component(indices: positions, axis: axis + k, size: covered[k], stride: layout.stride(axis + k)))
          pieces.append(.advanced)
        }
        axis += mask.ndim
      }
    }
    while axis < rank {
      pieces.append(.basic(layout.size(axis), layout.stride(axis)))
      axis += 1
    }

    // Broadcast the index arrays together.
    var shape = Dimensions()
    for component in components {
      do { shape = try Layout.broadcastShape(shape, component.indices.shape) } catch {
        throw .indicesNotBroadcastable(components.map { Array($0.indices.shape) })
      }
    }
    broadcastShape = Array(shape)

    // Adjacent index arrays keep their place; separated ones go first.
    let positions = pieces.indices.filter { if case .advanced = pieces[$0] { true } else { false } }
    let adjacent = positions.isEmpty || positions.last! - positions.first! + 1 == positions.count
    let split = adjacent ? (positions.first ?? pieces.count) : 0
    for (i, piece) in pieces.enumerated() {
      guard case .basic(let size, let stride) = piece else { continue }
      if i < split { outer.append((size, stride)) } else { inner.append((size, stride)) }
    }
    source = NDView(
      unchecked: view.storage, format: view.format, itemSize: view.itemSize, byteOffset: offset,
      layout: Layout(), isReadOnly: view.isReadOnly)
    // The result's size and the offsets' (one Int per position of the
    // broadcast indices), checked before either is made.
    let resultCount = try IndexError.checkedCount(self.shape, "advanced indexing")
    _ = try IndexError.checkedProduct(resultCount, view.itemSize, "advanced indexing")
    let offsetCount = try IndexError.checkedCount(shape, "advanced indexing")
    try IndexError.reserve(IndexError.checkedByteCount(offsetCount, of: Int.self, "advanced indexing"))
    offsets = try Gather.offsets(components, shape: shape)
  }
}

/// The gather and scatter loops of advanced indexing, and `nonzero`.
enum Gather {
  /// For each position of `shape` in C order, the sum over components of
  /// `index × stride`, each index checked against its axis.
  static func offsets(_ components: [AdvancedSelection.Component], shape: Dimensions) throws(IndexError) -> [Int] {
    let count = shape.reduce(1, *)
    var offsets = [Int](repeating: 0, count: count)
    guard count > 0 else { return offsets }
    for component in components {
      let strides = try! component.indices.view.layout.broadcast(to: shape, itemSize: 8).strides
      let view = component.indices.view
      var failure: IndexError?
      offsets.withUnsafeMutableBufferPointer { out in
        var position = 0
        Elementwise.walk(shape: shape, strides: strides, base: view.storage.base + view.byteOffset) { pointer in
          var index = pointer.loadUnaligned(as: Int.self)
          if index < 0 { index &+= component.size }
          if index < 0 || index >= component.size {
            if failure == nil {
              failure = .outOfRange(index: pointer.loadUnaligned(as: Int.self), axis: component.axis, size: component.size)
            }
            index = 0
          }
          out[position] &+= index &* component.stride
          position += 1
        }
      }
      withExtendedLifetime(view) {}
      if let failure { throw failure }
    }
    return offsets
  }

  /// The positions of the `true` elements of a mask, one integer array per
  /// axis, in C order: NumPy's `nonzero`.
  static func nonzero(_ mask: NDArray<Bool>) -> [NDArray<Int>] {
    let rank = mask.ndim
    let shape = mask.shape
    let view = mask.view
    // Count first, so each result is allocated once.
    var total = 0
    Elementwise.walk(shape: shape, strides: mask.strides, base: view.storage.base + view.byteOffset) { p in
      if p.load(as: UInt8.self) != 0 { total += 1 }
    }
    if rank == 0 { return [] }
    let results = (0..<rank).map { _ in NDArray<Int>.filled(shape: [total], order: .c, in: "nonzero") { _ in 0 } }
    var columns = results.map { UnsafeMutablePointer<Int>(bitPattern: Int(bitPattern: $0.view.storage.base))! }
    var index = [Int](repeating: 0, count: rank)
    var k = 0
    Elementwise.walk(shape: shape, strides: mask.strides, base: view.storage.base + view.byteOffset) { p in
      if p.load(as: UInt8.self) != 0 {
        for axis in 0..<rank { columns[axis][k] = index[axis] }
        k += 1
      }
      var axis = rank - 1
      while axis >= 0 {
        index[axis] += 1
        if index[axis] < shape[axis] { break }
        index[axis] = 0
        axis -= 1
      }
    }
    columns.removeAll()
    withExtendedLifetime((view, results)) {}
    return results
  }

  /// Copies one item of `size` bytes.
  @inline(__always)
  static func move(_ size: Int, from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer) {
    switch size {
    case 8: target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
    case 4: target.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
    case 16: target.storeBytes(of: source.loadUnaligned(as: SIMD2<UInt64>.self), as: SIMD2<UInt64>.self)
    case 2: target.storeBytes(of: source.loadUnaligned(as: UInt16.self), as: UInt16.self)
    case 1: target.storeBytes(of: source.load(as: UInt8.self), as: UInt8.self)
    default: target.copyMemory(from: source, byteCount: size)
    }
  }

  /// The selection as a new C-ordered view.
  static func gather(_ selection: AdvancedSelection) throws(IndexError) -> NDView {
    let source = selection.source
    let itemSize = source.itemSize
    let result = try newResult(Dimensions(selection.shape), like: source)
    let base = UnsafeRawPointer(source.storage.base + source.byteOffset)
    var out = result.storage.base
    let innerShape = Dimensions(selection.inner.map(\.size))
    let innerStrides = Dimensions(selection.inner.map(\.stride))
    let innerCount = innerShape.reduce(1, *)
    let outerShape = Dimensions(selection.outer.map(\.size))
    let outerStrides = Dimensions(selection.outer.map(\.stride))
    if result.count > 0 {
      let innerTarget = Layout.cStrides(for: innerShape, itemSize: itemSize)
      selection.offsets.withUnsafeBufferPointer { offsets in
        Elementwise.walk(shape: outerShape, strides: outerStrides, base: base) { start in
          if innerShape.isEmpty {
            for offset in offsets {
              move(itemSize, from: start + offset, to: out)
              out += itemSize
            }
          } else {
            for offset in offsets {
              StridedCopy.copy(shape: innerShape, itemSize: itemSize, from: start + offset, strides: innerStrides, to: out, strides: innerTarget)
              out += innerCount * itemSize
            }
          }
        }
      }
    }
    withExtendedLifetime(source) {}
    return result
  }

  /// Writes `values` (broadcast to the selection's shape) into the selected
  /// elements, in the selection's C order: where an element is selected
  /// twice, the later value stays, as in NumPy.
  ///
  /// - Throws: ``IndexError/valueShapeMismatch(value:selection:)`` when the
  ///   values do not broadcast; nothing is written then.
  static func scatter(_ values: NDView, into selection: AdvancedSelection) throws(IndexError) {
    let target = selection.source
    let shape = Dimensions(selection.shape)
    guard let broadcast = try? values.layout.broadcast(to: shape, itemSize: values.itemSize) else {
      throw .valueShapeMismatch(value: Array(values.shape), selection: Array(shape))
    }
    guard shape.reduce(1, *) > 0 else { return }
    // Values that share bytes with the target are read as they were.
    let shares = values.overlaps(target.storage.base, count: target.storage.count)
    let staged = shares ? values.copy() : values
    let valueStrides = shares ? try! staged.layout.broadcast(to: shape, itemSize: values.itemSize).strides : broadcast.strides
    let itemSize = target.itemSize
    let base = target.storage.base + target.byteOffset
    let outerCount = selection.outer.count
    let bCount = selection.broadcastShape.count
    let outerShape = Dimensions(selection.outer.map(\.size))
    let outerStrides = Dimensions(selection.outer.map(\.stride))
    let innerShape = Dimensions(selection.inner.map(\.size))
    let innerStrides = Dimensions(selection.inner.map(\.stride))
    let valueOuter = Dimensions(Array(valueStrides)[..<outerCount])
    let valueB = Dimensions(Array(valueStrides)[outerCount..<(outerCount + bCount)])
    let valueInner = Dimensions(Array(valueStrides)[(outerCount + bCount)...])
    let bShape = Dimensions(selection.broadcastShape)
    let valueBase = UnsafeRawPointer(staged.storage.base + staged.byteOffset)
    selection.offsets.withUnsafeBufferPointer { offsets in
      walkPairs(outerShape, outerStrides, valueOuter, UnsafeRawPointer(base), valueBase) { targetStart, valueStart in
        var position = 0
        Elementwise.walk(shape: bShape, strides: valueB, base: valueStart) { value in
          let destination = UnsafeMutableRawPointer(mutating: targetStart + offsets[position])
          if innerShape.isEmpty {
            move(itemSize, from: value, to: destination)
          } else {
            StridedCopy.copy(shape: innerShape, itemSize: itemSize, from: value, strides: valueInner, to: destination, strides: innerStrides)
          }
          position += 1
        }
      }
    }
    withExtendedLifetime((staged, target)) {}
  }

  /// Walks two operands over one shape with their own strides.
  @inline(__always)
  static func walkPairs(
    _ shape: Dimensions, _ a: Dimensions, _ b: Dimensions, _ baseA: UnsafeRawPointer, _ baseB: UnsafeRawPointer,
    _ body: (UnsafeRawPointer, UnsafeRawPointer) -> Void
  ) {
    let rank = shape.count
    if rank == 0 {
      body(baseA, baseB)
      return
    }
    if shape.contains(0) { return }
    var index = [Int](repeating: 0, count: rank)
    var (pa, pb) = (baseA, baseB)
    outer: while true {
      body(pa, pb)
      var axis = rank - 1
      while true {
        index[axis] += 1
        pa += a[axis]
        pb += b[axis]
        if index[axis] < shape[axis] { continue outer }
        pa -= a[axis] * shape[axis]
        pb -= b[axis] * shape[axis]
        index[axis] = 0
        if axis == 0 { break outer }
        axis -= 1
      }
    }
  }
}

extension Elementwise {
  /// Calls `body` with the address of every element of a strided operand,
  /// in C order (last axis fastest).
  @inline(__always)
  static func walk(shape: Dimensions, strides: Dimensions, base: UnsafeRawPointer, _ body: (UnsafeRawPointer) -> Void) {
    Gather.walkPairs(shape, strides, strides, base, base) { p, _ in body(p) }
  }
}

extension NDView {
  /// Whether the view's reach intersects `count` bytes at `base`.
  func overlaps(_ base: UnsafeMutableRawPointer, count: Int) -> Bool {
    guard let reach = try? layout.reach(itemSize: itemSize) else { return false }
    let start = storage.address &+ byteOffset &+ reach.low
    let end = storage.address &+ byteOffset &+ reach.high
    let other = Int(bitPattern: base)
    return start < other &+ count && other < end
  }
}

// MARK: One index array along the first axis: `x[idx]`, `x[idx] = v`, `np.add.at(x, idx, v)`

extension Gather {
  /// Checks every index against `size` in one pass (their minimum and
  /// maximum), then finds the first bad one for the message.
  static func check(_ indices: UnsafeBufferPointer<Int>, size: Int, axis: Int) throws(IndexError) {
    var low = Int.max
    var high = Int.min
    for k in indices {
      low = Swift.min(low, k)
      high = Swift.max(high, k)
    }
    guard indices.isEmpty || (low >= -size && high < size) else {
      let bad = indices.first { $0 < -size || $0 >= size }!
      throw .outOfRange(index: bad, axis: axis, size: size)
    }
  }

  /// New C-ordered storage for a selection of `shape` from `view`.
  static func newResult(_ shape: Dimensions, like view: NDView) throws(IndexError) -> NDView {
    do {
      return try NDView.uninitialized(shape: shape, format: view.format, itemSize: view.itemSize, order: .c)
    } catch {
      if case .outOfMemory(let byteCount) = error { throw .outOfMemory(byteCount: byteCount) }
      throw .sizeOverflow(operation: "advanced indexing")
    }
  }

  /// The indices as a contiguous buffer of `Int`s, copied when they are not.
  static func contiguous(_ indices: NDArray<Int>) -> NDArray<Int> {
    indices.isCContiguous && indices.view.byteOffset % 8 == 0 ? indices : indices.copy()
  }

  /// `x[indices]` along the first axis: the result has the indices' shape,
  /// then `x`'s other axes.
  static func takeFirstAxis(_ view: NDView, _ indices: NDArray<Int>) throws(IndexError) -> NDView {
    let size = view.ndim > 0 ? view.layout.size(0) : 0
    let stride = view.ndim > 0 ? view.layout.stride(0) : 0
    let rest = NDView(
      unchecked: view.storage, format: view.format, itemSize: view.itemSize, byteOffset: view.byteOffset,
      layout: view.layout.removing(0), isReadOnly: view.isReadOnly)
    let itemSize = view.itemSize
    // The result first: a broadcast index array is copied only when the
    // result it makes can be had.
    let result = try newResult(Dimensions(Array(indices.shape) + Array(rest.shape)), like: view)
    let idx = contiguous(indices)
    try idx.withIndices { buffer throws(IndexError) in
      try check(buffer, size: size, axis: 0)
      let source = UnsafeRawPointer(view.storage.base + view.byteOffset)
      let out = result.storage.base
      if rest.ndim == 0 {
        switch itemSize {
        case 8: gatherItems(UInt64.self, buffer, source, stride, size, out)
        case 4: gatherItems(UInt32.self, buffer, source, stride, size, out)
        case 16: gatherItems(SIMD2<UInt64>.self, buffer, source, stride, size, out)
        case 2: gatherItems(UInt16.self, buffer, source, stride, size, out)
        case 1: gatherItems(UInt8.self, buffer, source, stride, size, out)
        default:
          for (i, k) in buffer.enumerated() {
            move(itemSize, from: source + (k < 0 ? k &+ size : k) &* stride, to: out + i &* itemSize)
          }
        }
      } else if rest.strides == Layout.cStrides(for: rest.shape, itemSize: itemSize) {
        // C-ordered rows: each row moves as one item of its size.
        let block = rest.count * itemSize
        switch block {
        case 16: gatherItems(SIMD2<UInt64>.self, buffer, source, stride, size, out)
        case 8: gatherItems(UInt64.self, buffer, source, stride, size, out)
        case 32: gatherItems(SIMD4<UInt64>.self, buffer, source, stride, size, out)
        case 4: gatherItems(UInt32.self, buffer, source, stride, size, out)
        default:
          for (i, k) in buffer.enumerated() {
            (out + i &* block).copyMemory(from: source + (k < 0 ? k &+ size : k) &* stride, byteCount: block)
          }
        }
      } else {
        let block = rest.count * itemSize
        let targetStrides = Layout.cStrides(for: rest.shape, itemSize: itemSize)
        for (i, k) in buffer.enumerated() {
          StridedCopy.copy(
            shape: rest.shape, itemSize: itemSize, from: source + (k < 0 ? k &+ size : k) &* stride, strides: rest.strides,
            to: out + i &* block, strides: targetStrides)
        }
      }
    }
    withExtendedLifetime(view) {}
    return result
  }

  /// `out[i] = source[indices[i]]` for checked indices, in blocks on the
  /// pool for many indices: each load is a cache miss when the source is
  /// large, and the threads' misses overlap. Every item is written by one
  /// block, so the result does not depend on the thread count.
  @inline(__always)
  static func gatherItems<T>(
    _: T.Type, _ indices: UnsafeBufferPointer<Int>, _ source: UnsafeRawPointer, _ stride: Int, _ size: Int,
    _ out: UnsafeMutableRawPointer
  ) {
    let o = out.assumingMemoryBound(to: T.self)
    IterationPlan.forEachBlock(indices.count, cost: 1) { range in
      for i in range {
        let k = indices[i]
        o[i] = source.loadUnaligned(fromByteOffset: (k < 0 ? k &+ size : k) &* stride, as: T.self)
      }
    }
  }

  /// `x[indices] = values` along the first axis; the values broadcast to the
  /// indices' shape then `x`'s other axes. Checks everything first.
  static func putFirstAxis(_ view: NDView, _ indices: NDArray<Int>, _ values: NDView) throws(IndexError) {
    let size = view.ndim > 0 ? view.layout.size(0) : 0
    let stride = view.ndim > 0 ? view.layout.stride(0) : 0
    let rest = view.layout.removing(0)
    let idx = contiguous(indices)
    let shape = Dimensions(Array(idx.shape) + Array(rest.shape))
    guard let broadcast = try? values.layout.broadcast(to: shape, itemSize: values.itemSize) else {
      throw .valueShapeMismatch(value: Array(values.shape), selection: Array(shape))
    }
    let itemSize = view.itemSize
    let shares = values.overlaps(view.storage.base, count: view.storage.count)
    let staged = shares ? values.copy() : values
    let valueStrides = shares ? try! staged.layout.broadcast(to: shape, itemSize: itemSize).strides : broadcast.strides
    try idx.withIndices { buffer throws(IndexError) in
      try check(buffer, size: size, axis: 0)
      let target = view.storage.base + view.byteOffset
      let source = UnsafeRawPointer(staged.storage.base + staged.byteOffset)
      let leading = idx.ndim
      if rest.rank == 0 && leading <= 1 {
        let valueStride = leading == 1 ? valueStrides[0] : 0
        switch itemSize {
        case 8: scatterItems(UInt64.self, buffer, source, valueStride, target, stride, size)
        case 4: scatterItems(UInt32.self, buffer, source, valueStride, target, stride, size)
        case 16: scatterItems(SIMD2<UInt64>.self, buffer, source, valueStride, target, stride, size)
        case 2: scatterItems(UInt16.self, buffer, source, valueStride, target, stride, size)
        case 1: scatterItems(UInt8.self, buffer, source, valueStride, target, stride, size)
        default:
          for (i, k) in buffer.enumerated() {
            move(itemSize, from: source + i &* valueStride, to: target + (k < 0 ? k &+ size : k) &* stride)
          }
        }
        return
      }
      // Walk the indices' shape with the values' strides for those axes.
      let indexShape = Dimensions(Array(idx.shape))
      let valueLeading = Dimensions(Array(valueStrides)[..<leading])
      let valueRest = Dimensions(Array(valueStrides)[leading...])
      var i = 0
      Elementwise.walk(shape: indexShape, strides: valueLeading, base: source) { value in
        let k = buffer[i]
        StridedCopy.copy(
          shape: rest.shape, itemSize: itemSize, from: value, strides: valueRest,
          to: target + (k < 0 ? k &+ size : k) &* stride, strides: rest.strides)
        i += 1
      }
    }
    withExtendedLifetime((view, staged)) {}
  }

  @inline(__always)
  static func scatterItems<T>(
    _: T.Type, _ indices: UnsafeBufferPointer<Int>, _ source: UnsafeRawPointer, _ valueStride: Int,
    _ target: UnsafeMutableRawPointer, _ stride: Int, _ size: Int
  ) {
    var v = source
    for k in indices {
      target.storeBytes(of: v.loadUnaligned(as: T.self), toByteOffset: (k < 0 ? k &+ size : k) &* stride, as: T.self)
      v += valueStride
    }
  }
}

extension NDArray where Element == Int {
  /// Calls `body` with the elements of a C-contiguous array of `Int`s.
  func withIndices<R, E: Error>(_ body: (UnsafeBufferPointer<Int>) throws(E) -> R) throws(E) -> R {
    let base = UnsafeRawPointer(view.storage.base + view.byteOffset).assumingMemoryBound(to: Int.self)
    defer { withExtendedLifetime(view) {} }
    return try body(UnsafeBufferPointer(start: base, count: count))
  }
}

extension Gather {
  /// `np.add.at(x, indices, values)` for a one-dimensional `x`: every
  /// repeat of an index adds its value. Checks everything first; `false`
  /// when the values do not have the indices' shape or one element (the
  /// general path handles those).
  static func accumulateVector(
    _ view: NDView, _ indices: NDArray<Int>, _ values: NDView, kind: ScalarKind, _ op: ScatterOperation = .add
  ) throws(IndexError) -> Bool {
    guard view.ndim == 1, values.count == 1 || values.shape == indices.shape else { return false }
    let idx = contiguous(indices)
    let flatValues = values.count == 1 || values.isCContiguous ? values : values.copy()
    let shares = flatValues.overlaps(view.storage.base, count: view.storage.count)
    let staged = shares ? flatValues.copy() : flatValues
    let step = staged.count == 1 ? 0 : staged.itemSize
    try idx.withIndices { buffer throws(IndexError) in
      let size = view.layout.size(0)
      try check(buffer, size: size, axis: 0)
      let target = view.storage.base + view.byteOffset
      let stride = view.layout.stride(0)
      let source = UnsafeRawPointer(staged.storage.base + staged.byteOffset)
      struct Scatter: CombiningVisitor {
        let indices: UnsafeBufferPointer<Int>
        let source: UnsafeRawPointer
        let step: Int
        let target: UnsafeMutableRawPointer
        let stride: Int
        let size: Int
        func visit<T>(_: T.Type, _ combine: (T, T) -> T) {
          Gather.addItems(T.self, indices, source, step, target, stride, size, combine)
        }
      }
      op.dispatch(kind, Scatter(indices: buffer, source: source, step: step, target: target, stride: stride, size: size))
    }
    withExtendedLifetime((view, staged)) {}
    return true
  }

  @inline(__always)
  static func addItems<T>(
    _: T.Type, _ indices: UnsafeBufferPointer<Int>, _ source: UnsafeRawPointer, _ step: Int,
    _ target: UnsafeMutableRawPointer, _ stride: Int, _ size: Int, _ plus: (T, T) -> T
  ) {
    var v = source
    for k in indices {
      let p = target + (k < 0 ? k &+ size : k) &* stride
      p.storeBytes(of: plus(p.loadUnaligned(as: T.self), v.loadUnaligned(as: T.self)), as: T.self)
      v += step
    }
  }
}

/// A computation for one element type and its combining function, picked
/// once by ``ScatterOperation/dispatch(_:_:)``.
protocol CombiningVisitor {
  func visit<T>(_: T.Type, _ combine: (T, T) -> T)
}

/// How a scatter combines a selected element with its value (NumPy's
/// `ufunc.at` for `add`, `subtract`, `multiply`, `maximum`, `minimum`):
/// integers wrap, floating-point `maximum` and `minimum` propagate NaN, as
/// NumPy's.
enum ScatterOperation {
  case add, subtract, multiply, maximum, minimum

  var name: StaticString {
    switch self {
    case .add: "add(_:at:)"
    case .subtract: "subtract(_:at:)"
    case .multiply: "multiply(_:at:)"
    case .maximum: "maximum(_:at:)"
    case .minimum: "minimum(_:at:)"
    }
  }

  func dispatch<V: CombiningVisitor>(_ kind: ScalarKind, _ visitor: V) {
    func wrapping<T: FixedWidthInteger>(_: T.Type) {
      switch self {
      case .add: visitor.visit(T.self) { $0 &+ $1 }
      case .subtract: visitor.visit(T.self) { $0 &- $1 }
      case .multiply: visitor.visit(T.self) { $0 &* $1 }
      case .maximum: visitor.visit(T.self) { Swift.max($0, $1) }
      case .minimum: visitor.visit(T.self) { Swift.min($0, $1) }
      }
    }
    func floating<T: BinaryFloatingPoint>(_: T.Type) {
      switch self {
      case .add: visitor.visit(T.self) { $0 + $1 }
      case .subtract: visitor.visit(T.self) { $0 - $1 }
      case .multiply: visitor.visit(T.self) { $0 * $1 }
      case .maximum: visitor.visit(T.self) { x, y in x > y || x.isNaN ? x : y }
      case .minimum: visitor.visit(T.self) { x, y in x < y || x.isNaN ? x : y }
      }
    }
    func complex<R: NDComplexComponent>(_: R.Type) {
      switch self {
      case .add: visitor.visit(Complex<R>.self) { $0 + $1 }
      case .subtract: visitor.visit(Complex<R>.self) { $0 - $1 }
      case .multiply: visitor.visit(Complex<R>.self) { ComplexMath.multiply($0, $1) }
      case .maximum, .minimum: preconditionFailure("\(name): complex numbers are not ordered")
      }
    }
    switch kind {
    case .int8: wrapping(Int8.self)
    case .uint8: wrapping(UInt8.self)
    case .int16: wrapping(Int16.self)
    case .uint16: wrapping(UInt16.self)
    case .int32: wrapping(Int32.self)
    case .uint32: wrapping(UInt32.self)
    case .int64: wrapping(Int64.self)
    case .uint64: wrapping(UInt64.self)
    case .float16: floating(Float16.self)
    case .float32: floating(Float.self)
    case .float64: floating(Double.self)
    case .complex64: complex(Float.self)
    case .complex128: complex(Double.self)
    default: preconditionFailure("\(name): \(kind) elements have no arithmetic")
    }
  }
}
