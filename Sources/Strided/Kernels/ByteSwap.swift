/// Reverses the bytes of scalars in place, for conversion between byte orders.
enum ByteSwap {
  /// One scalar to swap within each item: its offset and its unit size.
  struct Target {
    var offset: Int
    var unit: Int
  }

  /// The scalars of `format` that are not in the machine's order; a
  /// complex value contributes its two parts separately.
  static func targets(of format: Format) -> [Target] {
    var targets: [Target] = []
    format.forEachScalar(at: 0) { offset, kind, order in
      guard kind.hasByteOrder, !order.isNative else { return }
      let unit = kind.swapUnit
      for part in stride(from: 0, to: kind.size, by: unit) {
        targets.append(Target(offset: offset + part, unit: unit))
      }
    }
    return targets
  }

  /// Swaps the targets in each of `count` items laid out `itemSize` apart.
  static func swap(_ targets: [Target], in base: UnsafeMutableRawPointer, count: Int, itemSize: Int) {
    guard !targets.isEmpty, count > 0 else { return }
    // One scalar filling the item: a flat run of one unit size.
    if targets.count == 1, targets[0].offset == 0, targets[0].unit == itemSize {
      switch itemSize {
      case 2: swapRun(UInt16.self, base, count)
      case 4: swapRun(UInt32.self, base, count)
      case 8: swapRun(UInt64.self, base, count)
      default: break
      }
      if [2, 4, 8].contains(itemSize) { return }
    }
    var item = base
    for _ in 0..<count {
      for target in targets {
        let p = item + target.offset
        switch target.unit {
        case 2: p.storeBytes(of: p.loadUnaligned(as: UInt16.self).byteSwapped, as: UInt16.self)
        case 4: p.storeBytes(of: p.loadUnaligned(as: UInt32.self).byteSwapped, as: UInt32.self)
        case 8: p.storeBytes(of: p.loadUnaligned(as: UInt64.self).byteSwapped, as: UInt64.self)
        default: break
        }
      }
      item += itemSize
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
