extension NDView {
  /// A copy of the elements in new, writable storage, laid out
  /// contiguously in `order`. The format and item size are kept.
  ///
  /// NumPy: `a.copy(order=…)`, `np.ascontiguousarray(a)`.
  ///
  /// - Precondition: The system has the memory for the copy; running out
  ///   traps with a message naming the size.
  /// - Complexity: O(*n*), through the cache-blocked strided copy kernel.
  public func copy(order: MemoryOrder = .c) -> NDView {
    // Every view's size in bytes was checked when it was made: only the
    // allocation can fail.
    let result: NDView
    do { result = try NDView.uninitialized(shape: shape, format: format, itemSize: itemSize, order: order) } catch {
      preconditionFailure("copy: \(error)")
    }
    // Already laid out as the copy will be, and small enough for one
    // thread: one block of bytes.
    if count &* itemSize < StridedCopy.parallelBytes, order == .c ? isCContiguous : isFContiguous {
      result.storage.base.copyMemory(from: storage.base + byteOffset, byteCount: count &* itemSize)
      _fixLifetime(self)
      return result
    }
    StridedCopy.copy(
      shape: shape, itemSize: itemSize,
      from: storage.base + byteOffset, strides: strides,
      to: result.storage.base, strides: result.strides)
    _fixLifetime(self)
    return result
  }

  /// Copies the elements into an existing view of the same format,
  /// broadcasting this view to the destination's shape. When the two share
  /// bytes, the copy is staged through a temporary so the result is what a
  /// copy from separate memory would give.
  ///
  /// NumPy: `np.copyto(destination, a)`, `destination[...] = a`.
  ///
  /// - Throws: ``ViewError/formatMismatch(source:destination:)`` when the
  ///   formats or item sizes differ, and ``ViewError/notBroadcastable(_:_:)``
  ///   when this view does not broadcast to the destination's shape.
  /// - Precondition: The destination is writable.
  /// - Complexity: O(*n*).
  public func copy(into destination: NDView) throws(ViewError) {
    precondition(!destination.isReadOnly, "NDView.copy(into:): the destination is read-only")
    guard format == destination.format, itemSize == destination.itemSize else {
      throw .formatMismatch(source: format.description, destination: destination.format.description)
    }
    let layout = try self.layout.broadcast(to: destination.shape, itemSize: itemSize)
    let source = NDView(
      unchecked: storage, format: format, itemSize: itemSize, byteOffset: byteOffset,
      layout: layout, isReadOnly: true)
    if source.overlaps(destination) == true {
      if source.storage.address &+ source.byteOffset == destination.storage.address &+ destination.byteOffset
        && source.strides == destination.strides
      {
        return  // the very same elements
      }
      source.copy().copyElements(into: destination)
    } else {
      source.copyElements(into: destination)
    }
  }

  /// Copies into a destination of the same shape, format and item size that
  /// shares no bytes with this view.
  func copyElements(into destination: NDView) {
    StridedCopy.copy(
      shape: shape, itemSize: itemSize,
      from: storage.base + byteOffset, strides: strides,
      to: destination.storage.base + destination.byteOffset, strides: destination.strides)
    _fixLifetime(self)
    _fixLifetime(destination)
  }

  /// Whether some two of the view's elements may share bytes, as views made
  /// by `asStrided` with a zero or small stride can: sorted by stride
  /// magnitude, an axis must step past everything the smaller ones reach.
  /// Conservative: `true` may also mean interleaved axes that never meet.
  var mayOverlapItself: Bool {
    if isCContiguous || isFContiguous { return false }
    var axes: [(size: Int, stride: Int)] = []
    for axis in 0..<ndim where layout.size(axis) > 1 { axes.append((layout.size(axis), Swift.abs(layout.stride(axis)))) }
    axes.sort { $0.stride < $1.stride }
    var reach = itemSize
    for axis in axes {
      guard axis.stride >= reach else { return true }
      reach += axis.stride * (axis.size - 1)
    }
    return false
  }

  /// Whether the byte ranges the two views reach intersect; `nil` when
  /// either view is empty.
  func overlaps(_ other: NDView) -> Bool? {
    guard let a = try? layout.reach(itemSize: itemSize),
      let b = try? other.layout.reach(itemSize: other.itemSize)
    else { return nil }
    let startA = storage.address &+ byteOffset &+ a.low
    let endA = storage.address &+ byteOffset &+ a.high
    let startB = other.storage.address &+ other.byteOffset &+ b.low
    let endB = other.storage.address &+ other.byteOffset &+ b.high
    return startA < endB && startB < endA
  }

  /// A copy, laid out in `order`, whose format has every scalar in the
  /// machine's byte order, with the bytes swapped where they were not.
  ///
  /// NumPy: `a.astype(a.dtype.newbyteorder("="))`.
  ///
  /// - Complexity: O(*n*).
  public func nativeByteOrderCopy(order: MemoryOrder = .c) -> NDView {
    let targets = ByteSwap.targets(of: format)
    let result = copy(order: order)
    ByteSwap.swap(targets, in: result.storage.base, count: result.count, itemSize: itemSize)
    return result.with(format: format.withNativeByteOrder, itemSize: itemSize)
  }

  /// The elements' bytes, read in `order`, as an array.
  ///
  /// NumPy: `a.tobytes(order=…)`; memoryview: `m.tobytes()`.
  ///
  /// - Complexity: O(*n*).
  public func bytes(order: MemoryOrder = .c) -> [UInt8] {
    let total = nbytes
    // An empty array without `unsafeUninitializedCapacity`: with capacity 0
    // that initializer writes the count of the shared empty array, which
    // the thread sanitizer reports as a race between concurrent calls.
    guard total > 0 else { return [] }
    let strides =
      order == .c
      ? Layout.cStrides(for: shape, itemSize: itemSize) : Layout.fStrides(for: shape, itemSize: itemSize)
    return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
      if let address = buffer.baseAddress {
        StridedCopy.copy(
          shape: shape, itemSize: itemSize,
          from: storage.base + byteOffset, strides: self.strides,
          to: UnsafeMutableRawPointer(address), strides: strides)
      }
      initialized = total
    }
  }
}
