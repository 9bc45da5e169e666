import Strided

/// The view fuzzer: reads random bytes as a random layout over a small
/// storage, then as a random sequence of view operations (indexing,
/// transposing, reshaping, broadcasting, casting, copying and writing), and
/// checks every result against ``ReferenceView``, which recomputes each
/// element's byte offset from the original layout.
///
/// Checked after each step: whether the view could be made at all (every
/// reachable byte inside the storage), its shape, item size and flags, the
/// address of every element, the bytes the copy kernel reads in both
/// orders, and, after a write, every byte of the storage.
enum ViewFuzzing {
  /// The most elements a fuzzed view may have, so the reference stays cheap.
  static let largestCount = 2048

  /// The formats views are made with. Parsed when picked: formats kept in
  /// a global until the process exits look leaked to LeakSanitizer, which
  /// cannot follow the tagged pointers inside `Format`.
  static let formatStrings = [
    "B", "b", "c", "?", "<h", ">H", "i", ">i", "f", "d", "<q", ">d", "Zf", "e", "3s",
    "T{b:a:h:b:}", "T{B:a:d:b:}", "(2)h", "T{i:x:(2)b:y:}",
  ]

  static func pickFormat(_ input: inout FuzzInput) -> Format {
    try! Format(parsing: input.pick(formatStrings))
  }

  /// Runs one input; returns how many operations it applied and checked.
  @discardableResult
  static func run(_ data: [UInt8]) throws(FuzzFailure) -> Int {
    var input = FuzzInput(data)
    if input.oneIn(8) {
      try probeLimits(&input)
      return 0
    }
    guard var (view, reference) = try makeView(&input) else { return 0 }
    var applied = 0
    for step in 0..<12 where !input.isExhausted {
      let before = view.description
      guard let next = try apply(&input, to: view, reference) else { continue }
      (view, reference) = next
      applied += 1
      do {
        try check(view, against: reference)
      } catch {
        throw FuzzFailure(description: "step \(step), from \(before): \(error)")
      }
    }
    return applied
  }

  // MARK: The first view

  /// A storage of up to 256 bytes filled with a pattern, and a view of it
  /// with a random format, item size, shape, strides and offset. Returns
  /// `nil` when the layout reaches outside the storage, after checking
  /// that `NDView` refused it too.
  static func makeView(_ input: inout FuzzInput) throws(FuzzFailure) -> (NDView, ReferenceView)? {
    let storageCount = input.int(in: 0...256)
    let bytes = (0..<storageCount).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ $0 >> 8 &+ 11) }
    let storage = ByteStorage(copying: bytes, readOnly: input.oneIn(8))
    let format = pickFormat(&input)
    let itemSize = format.itemSize + (input.oneIn(4) ? input.int(in: 1...3) : 0)
    let rank = input.int(in: 0...5)
    let shape = (0..<rank).map { _ in input.int(in: 0...5) }
    let strides = (0..<rank).map { _ in
      input.bool() ? input.int(in: -3...3) * itemSize : input.int(in: -40...40)
    }
    let byteOffset = input.int(in: -2...(storageCount + 2))

    // The reference: every element's offset, and whether all lie inside.
    let offsets = ReferenceView.indices(shape).map { index in
      byteOffset + zip(index, strides).reduce(0) { $0 + $1.0 * $1.1 }
    }
    let inside =
      offsets.isEmpty
      ? byteOffset >= 0 && byteOffset <= storageCount
      : offsets.min()! >= 0 && offsets.max()! + itemSize <= storageCount
    let view: NDView
    do {
      view = try NDView(
        storage: storage, format: format, shape: Dimensions(shape), strides: Dimensions(strides),
        byteOffset: byteOffset, itemSize: itemSize)
    } catch {
      try fuzzCheck(!inside, "NDView refuses shape \(shape), strides \(strides), offset \(byteOffset), item size \(itemSize) over \(storageCount) bytes: \(error)")
      return nil
    }
    try fuzzCheck(inside, "NDView accepts \(view), which reaches outside its \(storageCount) bytes")
    let reference = ReferenceView(shape: shape, offsets: offsets, itemSize: itemSize, bytes: bytes)
    try check(view, against: reference)
    return (view, reference)
  }

  // MARK: Operations

  /// Applies one random operation to the view and the reference; `nil`
  /// when the operation did not apply (and was checked to refuse rightly).
  static func apply(_ input: inout FuzzInput, to view: NDView, _ ref: ReferenceView) throws(FuzzFailure)
    -> (NDView, ReferenceView)?
  {
    let rank = ref.rank
    func axis() -> Int { input.int(in: 0...max(rank - 1, 0)) }
    /// The reference of a view whose axis `i` is this view's axis `order[i]`.
    func reordered(_ order: [Int]) -> ReferenceView {
      ref.remapped(to: order.map { ref.shape[$0] }) { index in
        var source = [Int](repeating: 0, count: rank)
        for (i, axis) in order.enumerated() { source[axis] = index[i] }
        return source
      }
    }
    switch input.int(in: 0...15) {
    case 0:
      return (view.transposed(), ref.remapped(to: ref.shape.reversed()) { Array($0.reversed()) })
    case 1 where rank > 0:
      var order = Array(0..<rank)
      for i in 0..<rank { order.swapAt(i, input.int(in: i...(rank - 1))) }
      return (view.permuted(Dimensions(order)), reordered(order))
    case 2 where rank > 0:
      let (i, j) = (axis(), axis())
      var shape = ref.shape
      shape.swapAt(i, j)
      return (view.swappingAxes(i - (input.bool() ? rank : 0), j), ref.remapped(to: shape) { index in
        var source = index
        source.swapAt(i, j)
        return source
      })
    case 3 where rank > 0:
      let (from, to) = (axis(), axis())
      var order = Array(0..<rank)
      order.insert(order.remove(at: from), at: to)
      return (view.movingAxis(from: from, to: to), reordered(order))
    case 4 where rank > 0:
      let a = axis()
      return (view.flipped(axis: a), ref.remapped(to: ref.shape) { index in
        var source = index
        source[a] = ref.shape[a] - 1 - index[a]
        return source
      })
    case 5:
      return try subscripted(&input, view, ref)
    case 6:
      return try reshaped(&input, view, ref)
    case 7:
      // Broadcast: a new leading axis, and axes of length 1 stretched.
      let lead = input.int(in: 0...2)
      var shape = (0..<lead).map { _ in input.int(in: 0...3) }
      shape += ref.shape.map { $0 == 1 && input.bool() ? input.int(in: 0...3) : $0 }
      guard shape.reduce(1, *) <= largestCount else { return nil }
      let result: NDView
      do { result = try view.broadcast(to: Dimensions(shape)) } catch {
        throw FuzzFailure(description: "\(view) does not broadcast to \(shape): \(error)")
      }
      try fuzzCheck(result.isReadOnly, "a broadcast view is writable")
      return (result, ref.remapped(to: shape) { index in
        zip(index.suffix(rank), ref.shape).map { $1 == 1 ? 0 : $0 }
      })
    case 8:
      switch input.int(in: 0...2) {
      case 0:
        return (view.squeezed(), ref.remapped(to: ref.shape.filter { $0 != 1 }) { index in
          var source: [Int] = []
          var i = 0
          for size in ref.shape {
            if size == 1 { source.append(0) } else { source.append(index[i]); i += 1 }
          }
          return source
        })
      case 1 where rank < 6:
        let at = input.int(in: 0...rank)
        var shape = ref.shape
        shape.insert(1, at: at)
        return (view.expandingDimensions(at: at), ref.remapped(to: shape) { index in
          var source = index
          source.remove(at: at)
          return source
        })
      default:
        return nil
      }
    case 9 where rank >= 2:
      let (a, b) = (axis(), axis())
      guard a != b else { return nil }
      let k = input.int(in: -4...4)
      let length = max(0, k >= 0 ? min(ref.shape[a], ref.shape[b] - k) : min(ref.shape[a] + k, ref.shape[b]))
      let rest = (0..<rank).filter { $0 != a && $0 != b }
      return (view.diagonal(offset: k, axis1: a, axis2: b), ref.remapped(to: rest.map { ref.shape[$0] } + [length]) { index in
        var source = [Int](repeating: 0, count: rank)
        for (i, axis) in rest.enumerated() { source[axis] = index[i] }
        let d = index[index.count - 1]
        source[a] = k >= 0 ? d : d - k
        source[b] = k >= 0 ? d + k : d
        return source
      })
    case 10:
      return try reinterpreted(&input, view, ref)
    case 11:
      return try asStrided(&input, view, ref)
    case 12:
      let fortran = input.bool()
      let copy = view.copy(order: fortran ? .fortran : .c)
      try fuzzCheck(copy.storage !== view.storage && !copy.isReadOnly, "copy() shares storage or is read-only")
      let bytes = ref.gathered(fortran: fortran)
      let positions = fortran ? ReferenceView.fortranPositions(ref.shape) : Array(0..<ref.count)
      var offsets = [Int](repeating: 0, count: ref.count)
      for (k, p) in positions.enumerated() { offsets[p] = k * ref.itemSize }
      return (copy, ReferenceView(shape: ref.shape, offsets: offsets, itemSize: ref.itemSize, bytes: bytes))
    case 13:
      return try copiedInto(&input, view, ref)
    case 14:
      guard view.format.isRecord, let field = view.format.fields.first(where: { $0.name != nil }) else { return nil }
      let result: NDView
      do { result = try view.field(field.name!) } catch {
        throw FuzzFailure(description: "field \(field) of \(view) throws \(error)")
      }
      // A sub-array field adds its axes at the end; the fuzzer's formats
      // have at most one such axis.
      var sub: [Int] = []
      if case .array(let shape, _) = field.format.kind { sub = shape }
      let subItem = sub.isEmpty ? field.format.itemSize : field.format.itemSize / sub.reduce(1, *)
      let reference = ref.remapped(to: ref.shape + sub, itemSize: subItem) { index in
        let element = ref.offsets[ref.position(Array(index.prefix(rank)))]
        var within = 0
        for (i, size) in zip(index.suffix(sub.count), sub) { within = within * size + i }
        return element + field.offset + within * subItem
      }
      return (result, reference)
    default:
      return (view.asReadOnly(), ref)
    }
  }

  /// A random subscript of integers, ranges, slices, new axes and at most
  /// one ellipsis, all in range.
  static func subscripted(_ input: inout FuzzInput, _ view: NDView, _ ref: ReferenceView) throws(FuzzFailure)
    -> (NDView, ReferenceView)?
  {
    enum Kind { case select, newAxis, ellipsis }
    let rank = ref.rank
    // The entries' kinds first: selections, up to two new axes, and maybe
    // an ellipsis, in a random order.
    var kinds = [Kind](repeating: .select, count: input.int(in: 0...rank))
    for _ in 0..<input.int(in: 0...2) { kinds.insert(.newAxis, at: input.int(in: 0...kinds.count)) }
    if input.bool() { kinds.insert(.ellipsis, at: input.int(in: 0...kinds.count)) }
    guard rank - kinds.filter({ $0 == .select }).count + kinds.count <= 8 else { return nil }

    // Then the axis each selection applies to: from the front before the
    // ellipsis, from the back after it.
    let selections = kinds.filter { $0 == .select }.count
    let ellipsis = kinds.firstIndex(of: .ellipsis)
    var entries: [NDIndex] = []
    // For each axis of the result: the source axis and the indices it
    // walks, or nil for a new axis.
    var resultAxes: [(axis: Int, indices: [Int])?] = []
    var fixed = [Int](repeating: 0, count: rank)
    var axis = 0
    for kind in kinds {
      switch kind {
      case .newAxis:
        entries.append(.newAxis)
        resultAxes.append(nil)
      case .ellipsis:
        entries.append(.ellipsis)
        for _ in 0..<(rank - selections) {
          resultAxes.append((axis, Array(0..<ref.shape[axis])))
          axis += 1
        }
      case .select:
        let length = ref.shape[axis]
        switch input.int(in: 0...2) {
        case 0 where length > 0:
          let i = input.int(in: 0...(length - 1))
          entries.append(.at(input.bool() ? i - length : i))
          fixed[axis] = i
        case 1:
          let lower = input.int(in: 0...length)
          let upper = input.int(in: lower...length)
          entries.append(NDIndex.slice(from: lower, to: upper))
          resultAxes.append((axis, Array(lower..<upper)))
        default:
          let start: Int? = input.bool() ? input.int(in: -(length + 2)...(length + 2)) : nil
          let stop: Int? = input.bool() ? input.int(in: -(length + 2)...(length + 2)) : nil
          let step = input.pick([1, 2, 3, -1, -2, -3])
          entries.append(.slice(from: start, to: stop, by: step))
          resultAxes.append((axis, ReferenceView.sliceIndices(start: start, stop: stop, step: step, length: length)))
        }
        axis += 1
      }
    }
    if ellipsis == nil {
      while axis < rank {
        resultAxes.append((axis, Array(0..<ref.shape[axis])))
        axis += 1
      }
    }
    let shape = resultAxes.map { $0?.indices.count ?? 1 }
    let result = view[entries: entries]
    return (result, ref.remapped(to: shape) { index in
      var source = fixed
      for (k, entry) in resultAxes.enumerated() {
        if let (axis, indices) = entry { source[axis] = indices[index[k]] }
      }
      return source
    })
  }

  /// A reshape to a random factoring of the element count, as a view when
  /// some strides express it, or as a copy.
  static func reshaped(_ input: inout FuzzInput, _ view: NDView, _ ref: ReferenceView) throws(FuzzFailure)
    -> (NDView, ReferenceView)?
  {
    var left = ref.count
    var shape: [Int] = []
    if left == 0 {
      shape = [0] + (0..<input.int(in: 0...2)).map { _ in input.int(in: 0...3) }
    } else {
      for _ in 0..<input.int(in: 0...4) {
        let divisors = (1...left).filter { left % $0 == 0 }
        let d = input.pick(divisors)
        shape.append(d)
        left /= d
      }
      shape.append(left)
      if input.oneIn(4) { shape[input.int(in: 0...(shape.count - 1))] = -1 }
    }
    let fortran = input.bool()
    let order: MemoryOrder = fortran ? .fortran : .c
    let resolved =
      shape.contains(-1) ? shape.map { $0 == -1 ? ref.count / max(1, shape.filter { $0 != -1 }.reduce(1, *)) : $0 } : shape
    // The elements, read in `order`, placed in `order` under the new shape.
    let readOrder = fortran ? ReferenceView.fortranPositions(ref.shape) : Array(0..<ref.count)
    let placeOrder = fortran ? ReferenceView.fortranPositions(resolved) : Array(0..<ref.count)
    var offsets = [Int](repeating: 0, count: ref.count)
    for (k, p) in placeOrder.enumerated() { offsets[p] = ref.offsets[readOrder[k]] }
    let target = ReferenceView(shape: resolved, offsets: offsets, itemSize: ref.itemSize, bytes: ref.bytes)
    if input.bool() {
      do {
        return (try view.reshaped(to: Dimensions(shape), order: order), target)
      } catch {
        if case .reshapeRequiresCopy = error {
          try fuzzCheck(
            target.strides() == nil || ref.count == 0,
            "\(view) does not reshape to \(shape) in \(order) as a view, but strides \(target.strides()!) would")
          return nil
        }
        throw FuzzFailure(description: "\(view) reshaped to \(shape) in \(order) throws \(error)")
      }
    }
    do {
      let copy = try view.reshapedCopy(to: Dimensions(shape), order: order)
      var offsetsOfCopy = [Int](repeating: 0, count: ref.count)
      for (k, p) in placeOrder.enumerated() { offsetsOfCopy[p] = k * ref.itemSize }
      return (copy, ReferenceView(shape: resolved, offsets: offsetsOfCopy, itemSize: ref.itemSize, bytes: target.gathered(fortran: fortran)))
    } catch {
      throw FuzzFailure(description: "\(view) copied to shape \(shape) in \(order) throws \(error)")
    }
  }

  /// A cast to bytes (memoryview's rules) or a change of item size along
  /// a contiguous last axis (NumPy's `view(dtype)`).
  static func reinterpreted(_ input: inout FuzzInput, _ view: NDView, _ ref: ReferenceView) throws(FuzzFailure)
    -> (NDView, ReferenceView)?
  {
    let target = pickFormat(&input)
    if input.bool() {
      // cast(to:) allows C-contiguous scalar views, one side a byte format.
      guard let result = try? view.cast(to: target) else { return nil }
      try fuzzCheck(ref.isContiguous(fortran: false), "cast(to:) accepts \(view), which is not C-contiguous")
      let first = ref.offsets.first ?? view.byteOffset
      let count = ref.count * ref.itemSize / target.itemSize
      return (result, ReferenceView(
        shape: [count], offsets: (0..<count).map { first + $0 * target.itemSize }, itemSize: target.itemSize,
        bytes: ref.bytes))
    }
    guard let result = try? view.reinterpreted(as: target) else { return nil }
    if target.itemSize == ref.itemSize || ref.rank == 0 {
      return (result, ReferenceView(shape: ref.shape, offsets: ref.offsets, itemSize: result.itemSize, bytes: ref.bytes))
    }
    // Each row of the last axis keeps its first byte and its byte count.
    let last = ref.rank - 1
    let rowBytes = ref.shape[last] * ref.itemSize
    var shape = ref.shape
    shape[last] = rowBytes / target.itemSize
    try fuzzCheck(rowBytes % target.itemSize == 0, "view(dtype) accepts rows of \(rowBytes) bytes for \(target)")
    return (result, ref.remapped(to: shape, itemSize: target.itemSize) { index in
      var row = index
      row[last] = 0
      let first = ref.shape[last] == 0 ? 0 : ref.offsets[ref.position(row)]
      return first + index[last] * target.itemSize
    })
  }

  /// Any shape, strides and offset over the same storage: accepted exactly
  /// when every reachable byte lies inside it.
  static func asStrided(_ input: inout FuzzInput, _ view: NDView, _ ref: ReferenceView) throws(FuzzFailure)
    -> (NDView, ReferenceView)?
  {
    let rank = input.int(in: 0...3)
    let shape = (0..<rank).map { _ in input.int(in: 0...4) }
    let strides = (0..<rank).map { _ in input.int(in: -24...24) }
    let offset = input.int(in: -2...(ref.bytes.count + 2))
    let offsets = ReferenceView.indices(shape).map { index in
      offset + zip(index, strides).reduce(0) { $0 + $1.0 * $1.1 }
    }
    let inside =
      offsets.isEmpty
      ? offset >= 0 && offset <= ref.bytes.count
      : offsets.min()! >= 0 && offsets.max()! + ref.itemSize <= ref.bytes.count
    do {
      let result = try view.asStrided(shape: Dimensions(shape), strides: Dimensions(strides), byteOffset: offset)
      try fuzzCheck(inside, "asStrided accepts \(result), which reaches outside \(ref.bytes.count) bytes")
      return (result, ReferenceView(shape: shape, offsets: offsets, itemSize: ref.itemSize, bytes: ref.bytes))
    } catch {
      try fuzzCheck(!inside, "asStrided refuses shape \(shape), strides \(strides), offset \(offset): \(error)")
      return nil
    }
  }

  /// Copies the view into another view of the same storage and shape (the
  /// view flipped, or an as-strided view): overlapping copies must act as
  /// if the source were read first, and no other byte may change.
  static func copiedInto(_ input: inout FuzzInput, _ view: NDView, _ ref: ReferenceView) throws(FuzzFailure)
    -> (NDView, ReferenceView)?
  {
    guard ref.rank > 0, !view.storage.isReadOnly else { return nil }
    let a = input.int(in: 0...(ref.rank - 1))
    let writable: NDView
    do {
      writable = try NDView(
        storage: view.storage, format: view.format, shape: view.shape, strides: view.strides,
        byteOffset: view.byteOffset, itemSize: view.itemSize)
    } catch {
      throw FuzzFailure(description: "\(view) cannot be remade writable: \(error)")
    }
    let destination = writable.flipped(axis: a)
    let target = ref.remapped(to: ref.shape) { index in
      var source = index
      source[a] = ref.shape[a] - 1 - index[a]
      return source
    }
    // Writing to elements that share bytes has no single answer.
    var written = Set<Int>()
    for offset in target.offsets {
      for byte in offset..<(offset + ref.itemSize) where !written.insert(byte).inserted { return nil }
    }
    do { try view.copy(into: destination) } catch {
      throw FuzzFailure(description: "\(view) cannot be copied into itself flipped: \(error)")
    }
    var expected = ref
    let source = ref.gathered()
    for (k, offset) in target.offsets.enumerated() {
      expected.bytes.replaceSubrange(offset..<(offset + ref.itemSize), with: source[(k * ref.itemSize)..<((k + 1) * ref.itemSize)])
    }
    let actual = view.storage.withUnsafeBytes { Array($0) }
    try fuzzCheck(actual == expected.bytes, "copying \(view) into itself flipped on axis \(a) wrote the wrong bytes")
    return (view, expected)
  }

  // MARK: Checks

  /// The view agrees with the reference: shape, item size, each element's
  /// address, the bytes read in both orders, and contiguity.
  static func check(_ view: NDView, against ref: ReferenceView) throws(FuzzFailure) {
    try fuzzCheck(view.shape == ref.shape, "\(view): shape should be \(ref.shape)")
    try fuzzCheck(view.itemSize == ref.itemSize, "\(view): item size should be \(ref.itemSize)")
    try fuzzCheck(view.storage.count == ref.bytes.count, "\(view): storage of \(view.storage.count) bytes, not \(ref.bytes.count)")
    let strides = view.strides
    for (p, index) in ReferenceView.indices(ref.shape).enumerated() {
      let address = view.byteOffset + zip(index, strides).reduce(0) { $0 + $1.0 * $1.1 }
      try fuzzCheck(address == ref.offsets[p], "\(view): element \(index) at \(address), not \(ref.offsets[p])")
    }
    try fuzzCheck(view.bytes(order: .c) == ref.gathered(), "\(view): bytes in C order differ")
    try fuzzCheck(view.bytes(order: .fortran) == ref.gathered(fortran: true), "\(view): bytes in Fortran order differ")
    try fuzzCheck(view.isCContiguous == ref.isContiguous(fortran: false), "\(view): isCContiguous is \(view.isCContiguous)")
    try fuzzCheck(view.isFContiguous == ref.isContiguous(fortran: true), "\(view): isFContiguous is \(view.isFContiguous)")
    try fuzzCheck(view.count == ref.count && view.nbytes == ref.count * ref.itemSize, "\(view): count \(view.count)")
  }

  // MARK: Limits

  /// Huge sizes and strides: `NDView` either refuses them with a typed
  /// error or makes a view whose reach, computed in 128-bit arithmetic,
  /// lies inside the storage.
  static func probeLimits(_ input: inout FuzzInput) throws(FuzzFailure) {
    let storageCount = input.int(in: 0...64)
    let storage = ByteStorage(count: storageCount)
    let itemSize = input.pick([1, 2, 8, 16])
    let huge = [0, 1, 2, 3, 1 << 20, 1 << 31, 1 << 32, 1 << 40, 1 << 62, Int.max / 2, Int.max, Int.min, -1, -(1 << 40)]
    let rank = input.int(in: 1...4)
    let shape = (0..<rank).map { _ in input.pick(huge) }
    let strides = (0..<rank).map { _ in input.pick(huge) }
    let offset = input.pick([0, 1, storageCount, Int.max, Int.min, -1])
    var low = Int128(offset)
    var high = Int128(offset) + Int128(itemSize)
    var count = Int128(1)
    var negative = false
    for (size, stride) in zip(shape, strides) {
      if size < 0 { negative = true }
      count *= Int128(max(size, 0))
      if count > Int128(Int.max) { count = Int128(Int.max) + 1 }
      let span = Int128(stride) * max(Int128(size) - 1, 0)
      // Each span is below 2¹²⁶ in size; clamping the sums keeps four of
      // them inside Int128 and changes no comparison with the storage.
      if span < 0 { low = max(low + span, -(1 << 100)) } else { high = min(high + span, 1 << 100) }
    }
    let fits = !negative && count * Int128(itemSize) <= Int128(Int.max)
    let inside = count == 0 ? offset >= 0 && offset <= storageCount : low >= 0 && high <= Int128(storageCount)
    do {
      let view = try NDView(
        storage: storage, format: Format(.uint8), shape: Dimensions(shape), strides: Dimensions(strides),
        byteOffset: offset, itemSize: itemSize)
      try fuzzCheck(fits && inside, "NDView accepts \(view) over \(storageCount) bytes")
    } catch {
      try fuzzCheck(!(fits && inside), "NDView refuses shape \(shape), strides \(strides), offset \(offset), item size \(itemSize) over \(storageCount) bytes: \(error)")
    }
  }
}

