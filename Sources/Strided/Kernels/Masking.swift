/// Selection by a mask of the array's own shape: the common `x[x > 0]` and
/// `x[x < 0] = 0`, without going through index arrays.
enum Masking {
  /// The number of `true` bytes of a mask.
  static func count(_ mask: NDArray<Bool>) -> Int { mask.sum() }

  /// The elements of `view` where `mask` is `true`, in C order, as a new
  /// one-dimensional view.
  ///
  /// - Precondition: `mask` has `view`'s shape.
  static func select(_ view: NDView, mask: NDArray<Bool>, kind: ScalarKind) -> NDView {
    let total = count(mask)
    let itemSize = view.itemSize
    // One spare item: the compaction loop stores every element, then moves
    // on only past the selected ones.
    guard let storage = ByteStorage(tryingUninitializedCount: (total + 1) * itemSize) else {
      preconditionFailure("mask selection: \(OutOfMemory(byteCount: (total + 1) * itemSize))")
    }
    let result = NDView(
      unchecked: storage, format: view.format, itemSize: itemSize, byteOffset: 0,
      layout: Layout(shape: [total], strides: [itemSize]), isReadOnly: false)
    guard total > 0 else { return result }
    let source = UnsafeRawPointer(view.storage.base + view.byteOffset)
    let flags = UnsafeRawPointer(mask.view.storage.base + mask.view.byteOffset)
    if view.isCContiguous && mask.isCContiguous && view.strides == Layout.cStrides(for: view.shape, itemSize: itemSize) {
      let n = view.count
      switch itemSize {
      case 8: compact(UInt64.self, source, flags, storage.base, n)
      case 4: compact(UInt32.self, source, flags, storage.base, n)
      case 2: compact(UInt16.self, source, flags, storage.base, n)
      case 1: compact(UInt8.self, source, flags, storage.base, n)
      case 16: compact(SIMD2<UInt64>.self, source, flags, storage.base, n)
      default: general(view, mask, storage.base)
      }
    } else {
      general(view, mask, storage.base)
    }
    withExtendedLifetime((view, mask, storage)) {}
    return result
  }

  /// The rows of a C-contiguous `view` where a mask of its leading axes is
  /// `true`: NumPy's `x[mask]` for a mask of `x.shape[:k]`, a new view of
  /// shape `[count] + x.shape[k...]`. Each row (the trailing axes) moves
  /// as one item: rows of 1 to 32 bytes in the branch-free compaction,
  /// longer ones by `memcpy`.
  ///
  /// - Precondition: `view` has C strides, `mask` is C-contiguous, and
  ///   its shape is `view`'s leading axes.
  static func selectRows(_ view: NDView, mask: NDArray<Bool>) -> NDView {
    let total = count(mask)
    let rows = mask.count
    let trailing = Array(view.shape.dropFirst(mask.ndim))
    let rowBytes = trailing.reduce(view.itemSize, *)
    // One spare row: the compaction stores every row, then moves on only
    // past the selected ones.
    let bytes = (total + 1) * rowBytes
    guard let storage = ByteStorage(tryingUninitializedCount: bytes) else {
      preconditionFailure("mask selection: \(OutOfMemory(byteCount: bytes))")
    }
    let shape = Dimensions([total] + trailing)
    let result = NDView(
      unchecked: storage, format: view.format, itemSize: view.itemSize, byteOffset: 0,
      layout: Layout(shape: shape, strides: Layout.cStrides(for: shape, itemSize: view.itemSize)), isReadOnly: false)
    guard total > 0, rowBytes > 0 else { return result }
    let source = UnsafeRawPointer(view.storage.base + view.byteOffset)
    let flags = UnsafeRawPointer(mask.view.storage.base + mask.view.byteOffset)
    switch rowBytes {
    case 8: compact(UInt64.self, source, flags, storage.base, rows)
    case 16: compact(SIMD2<UInt64>.self, source, flags, storage.base, rows)
    case 4: compact(UInt32.self, source, flags, storage.base, rows)
    case 32: compact(SIMD4<UInt64>.self, source, flags, storage.base, rows)
    case 2: compact(UInt16.self, source, flags, storage.base, rows)
    case 1: compact(UInt8.self, source, flags, storage.base, rows)
    default:
      var out = storage.base
      for i in 0..<rows where flags.load(fromByteOffset: i, as: UInt8.self) != 0 {
        out.copyMemory(from: source + i &* rowBytes, byteCount: rowBytes)
        out += rowBytes
      }
    }
    withExtendedLifetime((view, mask, storage)) {}
    return result
  }

  /// Branch-free compaction of contiguous items.
  @inline(__always)
  static func compact<T>(_: T.Type, _ source: UnsafeRawPointer, _ flags: UnsafeRawPointer, _ out: UnsafeMutableRawPointer, _ n: Int) {
    let x = source.assumingMemoryBound(to: T.self)
    let m = flags.assumingMemoryBound(to: UInt8.self)
    let o = out.assumingMemoryBound(to: T.self)
    var k = 0
    // (f | -f) >> 7 is 1 for any non-zero byte: arithmetic, so the
    // compiler keeps the loop free of branches (a branch mispredicts at
    // every other element of a random mask).
    if Int(bitPattern: source) % MemoryLayout<T>.alignment == 0 {
      for i in 0..<n {
        o[k] = x[i]
        let f = m[i]
        k &+= Int((f | (0 &- f)) >> 7)
      }
    } else {
      for i in 0..<n {
        o[k] = source.loadUnaligned(fromByteOffset: i &* MemoryLayout<T>.stride, as: T.self)
        let f = m[i]
        k &+= Int((f | (0 &- f)) >> 7)
      }
    }
  }

  /// Any layouts: both walked in C order.
  static func general(_ view: NDView, _ mask: NDArray<Bool>, _ out: UnsafeMutableRawPointer) {
    let itemSize = view.itemSize
    var o = out
    Gather.walkPairs(
      view.shape, view.strides, mask.strides, UnsafeRawPointer(view.storage.base + view.byteOffset),
      UnsafeRawPointer(mask.view.storage.base + mask.view.byteOffset)
    ) { x, flag in
      if flag.load(as: UInt8.self) != 0 {
        Gather.move(itemSize, from: x, to: o)
        o += itemSize
      }
    }
  }

  /// Writes the one element of `value` wherever `mask` is `true`.
  ///
  /// - Precondition: `mask` has `view`'s shape, `value` holds one element
  ///   of `view`'s format, and `view` is writable.
  static func fill(_ view: NDView, mask: NDArray<Bool>, with value: NDView, kind: ScalarKind) {
    let itemSize = view.itemSize
    var item = [UInt8](repeating: 0, count: itemSize)
    item.withUnsafeMutableBytes { bytes in
      Gather.move(itemSize, from: value.storage.base + value.byteOffset, to: bytes.baseAddress!)
    }
    item.withUnsafeBytes { bytes in
      let source = bytes.baseAddress!
      Gather.walkPairs(
        view.shape, view.strides, mask.strides, UnsafeRawPointer(view.storage.base + view.byteOffset),
        UnsafeRawPointer(mask.view.storage.base + mask.view.byteOffset)
      ) { x, flag in
        if flag.load(as: UInt8.self) != 0 { Gather.move(itemSize, from: source, to: UnsafeMutableRawPointer(mutating: x)) }
      }
    }
    withExtendedLifetime((view, mask, value)) {}
  }
}

extension Gather {
  /// Combines `values` (broadcast to the selection) into the selected
  /// elements one by one, so repeated positions take every value: NumPy's
  /// `np.add.at`, `np.subtract.at`, `np.multiply.at`, `np.maximum.at`
  /// and `np.minimum.at`.
  static func accumulate(
    _ values: NDView, into selection: AdvancedSelection, kind: ScalarKind, _ op: ScatterOperation = .add
  ) throws(IndexError) {
    let shape = Dimensions(selection.shape)
    guard (try? values.layout.broadcast(to: shape, itemSize: values.itemSize)) != nil else {
      throw .valueShapeMismatch(value: Array(values.shape), selection: Array(shape))
    }
    // Each selected element, in C order, combines its value with the
    // target as it stands.
    let staged = values.overlaps(selection.source.storage.base, count: selection.source.storage.count) ? values.copy() : values
    struct Scatter: CombiningVisitor {
      let values: NDView
      let selection: AdvancedSelection
      func visit<T>(_: T.Type, _ combine: (T, T) -> T) { Gather.add(T.self, values, selection, combine) }
    }
    op.dispatch(kind, Scatter(values: staged, selection: selection))
  }

  static func add<T>(_: T.Type, _ values: NDView, _ selection: AdvancedSelection, _ plus: (T, T) -> T) {
    let shape = Dimensions(selection.shape)
    let valueStrides = try! values.layout.broadcast(to: shape, itemSize: values.itemSize).strides
    let target = selection.source
    let base = UnsafeRawPointer(target.storage.base + target.byteOffset)
    // Every selected element's target address, in C order.
    let outerShape = Dimensions(selection.outer.map(\.size))
    let outerStrides = Dimensions(selection.outer.map(\.stride))
    let innerShape = Dimensions(selection.inner.map(\.size))
    let innerStrides = Dimensions(selection.inner.map(\.stride))
    var addresses: [UnsafeRawPointer] = []
    addresses.reserveCapacity(shape.reduce(1, *))
    selection.offsets.withUnsafeBufferPointer { offsets in
      Elementwise.walk(shape: outerShape, strides: outerStrides, base: base) { start in
        for offset in offsets {
          Elementwise.walk(shape: innerShape, strides: innerStrides, base: start + offset) { addresses.append($0) }
        }
      }
    }
    var k = 0
    Elementwise.walk(shape: shape, strides: valueStrides, base: UnsafeRawPointer(values.storage.base + values.byteOffset)) { value in
      let target = UnsafeMutableRawPointer(mutating: addresses[k])
      target.storeBytes(of: plus(target.loadUnaligned(as: T.self), value.loadUnaligned(as: T.self)), as: T.self)
      k += 1
    }
    withExtendedLifetime((values, selection.source)) {}
  }
}
