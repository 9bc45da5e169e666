/// Reverses the bytes of scalars in place, for conversion between byte orders.
enum ByteSwap {
  /// A run of scalars to swap within each item: `unit` bytes at `offset`,
  /// repeated by each `(count, stride)` of `repeats`, outermost first (the
  /// elements of sub-arrays).
  struct Target {
    var offset: Int
    var unit: Int
    var repeats: [(count: Int, stride: Int)] = []
  }

  /// The scalars of `format` that are not in the machine's order; a complex
  /// value contributes its two parts separately. A sub-array contributes its
  /// element's targets once, with a repeat, so the list stays as short as the
  /// format string.
  static func targets(of format: Format) -> [Target] {
    switch format.kind {
    case .scalar(let kind, let order):
      guard kind.hasByteOrder, !order.isNative else { return [] }
      let unit = kind.swapUnit
      return stride(from: 0, to: kind.size, by: unit).map { Target(offset: $0, unit: unit) }
    case .unicode(let count, let order):
      // One 4-byte unit per code point.
      guard !order.isNative, count > 0 else { return [] }
      return [Target(offset: 0, unit: 4, repeats: [(count: count, stride: 4)])]
    case .bytes, .pascalString, .padding:
      return []
    case .array(let shape, let element):
      let inner = targets(of: element)
      // An element with targets has bytes, so the count fits: count × size ≤ item size.
      guard !inner.isEmpty, element.itemSize > 0 else { return [] }
      let count = shape.reduce(1, &*)
      guard count > 0 else { return [] }
      return inner.map { target in
        var repeated = target
        repeated.repeats.insert((count, element.itemSize), at: 0)
        return repeated
      }
    case .record(let fields):
      return fields.flatMap { field in
        targets(of: field.format).map { target in
          var moved = target
          moved.offset += field.offset
          return moved
        }
      }
    }
  }

  /// Swaps the targets in each of `count` items laid out `itemSize` apart.
  static func swap(_ targets: [Target], in base: UnsafeMutableRawPointer, count: Int, itemSize: Int) {
    guard !targets.isEmpty, count > 0 else { return }
    IterationPlan.forEachBlock(count, cost: itemSize, threshold: StridedCopy.parallelBytes) { items in
      swapItems(targets, in: base + items.lowerBound * itemSize, count: items.count, itemSize: itemSize)
    }
  }

  /// ``swap(_:in:count:itemSize:)`` on the calling thread.
  static func swapItems(_ targets: [Target], in base: UnsafeMutableRawPointer, count: Int, itemSize: Int) {
    // One scalar filling the item: a flat run of one unit size.
    if targets.count == 1, targets[0].offset == 0, targets[0].unit == itemSize, targets[0].repeats.isEmpty {
      switch itemSize {
      case 2: return swapRun(UInt16.self, base, count)
      case 4: return swapRun(UInt32.self, base, count)
      case 8: return swapRun(UInt64.self, base, count)
      default: break
      }
    }
    var item = base
    for _ in 0..<count {
      for target in targets {
        swap(target.unit, at: item + target.offset, repeats: target.repeats[...])
      }
      item += itemSize
    }
  }

  /// Swaps one unit at `address`, or a run of them when repeats remain.
  static func swap(_ unit: Int, at address: UnsafeMutableRawPointer, repeats: ArraySlice<(count: Int, stride: Int)>) {
    guard let (count, stride) = repeats.first else {
      switch unit {
      case 2: address.storeBytes(of: address.loadUnaligned(as: UInt16.self).byteSwapped, as: UInt16.self)
      case 4: address.storeBytes(of: address.loadUnaligned(as: UInt32.self).byteSwapped, as: UInt32.self)
      case 8: address.storeBytes(of: address.loadUnaligned(as: UInt64.self).byteSwapped, as: UInt64.self)
      default: break
      }
      return
    }
    var p = address
    for _ in 0..<count {
      swap(unit, at: p, repeats: repeats.dropFirst())
      p += stride
    }
  }

  @inline(__always)
  static func swapRun<T: FixedWidthInteger>(_: T.Type, _ base: UnsafeMutableRawPointer, _ count: Int) {
    var p = base
    for _ in 0..<count {
      p.storeBytes(of: p.loadUnaligned(as: T.self).byteSwapped, as: T.self)
      p += MemoryLayout<T>.size
    }
  }
}
