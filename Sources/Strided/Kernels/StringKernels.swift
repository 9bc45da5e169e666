/// Loops over fixed-width strings held as contiguous items: byte strings
/// (`Ns`, 1-byte units) and UCS-4 strings (`Nw`, 4-byte units in the
/// machine's order). Items are `width` units long; a shorter string ends in
/// NUL units, so comparing two items unit by unit, the shorter padded with
/// NULs, is NumPy's order.
enum StringKernels {
  /// The items' bytes in C order with every unit in the machine's order, and
  /// the number of bytes per item in that copy (the view's item size).
  static func nativeBytes(of view: NDView) -> [UInt8] {
    let native = ByteSwap.targets(of: view.format).isEmpty ? view : view.nativeByteOrderCopy()
    return native.bytes()
  }

  /// Three-way comparison of two items of `widthA` and `widthB` units.
  @inline(__always)
  static func compare(
    _ a: UnsafeRawPointer, _ widthA: Int, _ b: UnsafeRawPointer, _ widthB: Int, unit: Int
  ) -> Int {
    let common = Swift.min(widthA, widthB)
    if unit == 1 {
      for i in 0..<common {
        let x = a.load(fromByteOffset: i, as: UInt8.self)
        let y = b.load(fromByteOffset: i, as: UInt8.self)
        if x != y { return x < y ? -1 : 1 }
      }
      // The longer one is greater when anything but NULs follows.
      for i in common..<widthA where a.load(fromByteOffset: i, as: UInt8.self) != 0 { return 1 }
      for i in common..<widthB where b.load(fromByteOffset: i, as: UInt8.self) != 0 { return -1 }
      return 0
    }
    for i in 0..<common {
      let x = a.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
      let y = b.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
      if x != y { return x < y ? -1 : 1 }
    }
    for i in common..<widthA where a.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self) != 0 { return 1 }
    for i in common..<widthB where b.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self) != 0 { return -1 }
    return 0
  }

  /// Compares items of two C-ordered buffers already broadcast to one
  /// shape: item `k` of the result compares `a`'s item `indexA[k]` with
  /// `b`'s item `indexB[k]`, and `keep` maps the three-way result to the answer.
  static func compare(
    _ a: [UInt8], itemSizeA: Int, widthA: Int, _ b: [UInt8], itemSizeB: Int, widthB: Int, unit: Int,
    pairs: [(Int, Int)], keep: (Int) -> Bool
  ) -> [Bool] {
    a.withUnsafeBytes { (ra: UnsafeRawBufferPointer) -> [Bool] in
      b.withUnsafeBytes { (rb: UnsafeRawBufferPointer) -> [Bool] in
        guard let pa = ra.baseAddress, let pb = rb.baseAddress else {
          // An item of no bytes: every string is empty, so all are equal.
          return pairs.map { _ in keep(0) }
        }
        return pairs.map { (pair: (Int, Int)) -> Bool in
          let order = compare(pa + pair.0 * itemSizeA, widthA, pb + pair.1 * itemSizeB, widthB, unit: unit)
          return keep(order)
        }
      }
    }
  }

  /// Sorts each run of `lineLength` consecutive items in place, stably:
  /// equal strings keep their order.
  ///
  /// Each item is first given a 64-bit key of its leading units (eight
  /// when every unit of the buffer fits in a byte, four in 16 bits, else
  /// two), whose unsigned order is the strings' order on those units; only
  /// items with equal keys compare the rest of their units.
  /// - Complexity: O(*n* log *m* · *w*) for *n* items in lines of *m*, each
  ///   of *w* units; O(*n* log *m*) when the keys differ.
  static func sortLines(_ bytes: inout [UInt8], itemSize: Int, width: Int, unit: Int, lineLength: Int) {
    guard lineLength > 1, itemSize > 0, width > 0, !bytes.isEmpty else { return }
    let lines = bytes.count / (itemSize * lineLength)
    let source = bytes
    source.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      guard let base = raw.baseAddress else { return }
      let perKey = unitsPerKey(base, items: bytes.count / itemSize, itemSize: itemSize, width: width, unit: unit)
      let keyed = Swift.min(width, perKey)
      let rest = width - keyed
      bytes.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) in
        guard let target = out.baseAddress else { return }
        var order: [(key: UInt64, index: Int)] = []
        order.reserveCapacity(lineLength)
        for line in 0..<lines {
          let start = base + line * lineLength * itemSize
          order.removeAll(keepingCapacity: true)
          for i in 0..<lineLength {
            order.append((key(start + i * itemSize, width: width, unit: unit, perKey: perKey), i))
          }
          order.sort { (a: (key: UInt64, index: Int), b: (key: UInt64, index: Int)) -> Bool in
            if a.key != b.key { return a.key < b.key }
            if rest > 0 {
              let c = compare(
                start + a.index * itemSize + keyed * unit, rest, start + b.index * itemSize + keyed * unit, rest,
                unit: unit)
              if c != 0 { return c < 0 }
            }
            return a.index < b.index
          }
          let destination = target + line * lineLength * itemSize
          for (k, entry) in order.enumerated() {
            (destination + k * itemSize).copyMemory(from: start + entry.index * itemSize, byteCount: itemSize)
          }
        }
      }
    }
  }

  /// How many leading units a 64-bit key holds for every item: 8 when
  /// every unit fits in a byte (always, for byte strings), 4 in 16 bits,
  /// else 2.
  static func unitsPerKey(_ base: UnsafeRawPointer, items: Int, itemSize: Int, width: Int, unit: Int) -> Int {
    if unit == 1 { return 8 }
    var largest: UInt32 = 0
    for i in 0..<items {
      let item = base + i * itemSize
      for k in 0..<width { largest |= item.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self) }
    }
    return largest < 1 << 8 ? 8 : largest < 1 << 16 ? 4 : 2
  }

  /// The key of an item: its first `perKey` units (NULs past its width),
  /// each in `64 / perKey` bits, the first in the highest.
  @inline(__always)
  static func key(_ item: UnsafeRawPointer, width: Int, unit: Int, perKey: Int) -> UInt64 {
    let bits = UInt64(64 / perKey)
    var key: UInt64 = 0
    for i in 0..<perKey {
      var value: UInt64 = 0
      if i < width {
        value =
          unit == 1
          ? UInt64(item.load(fromByteOffset: i, as: UInt8.self))
          : UInt64(item.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
      }
      key = key << bits | value
    }
    return key
  }

  /// The distinct items of a sorted buffer, each once, in order.
  static func distinctSorted(_ bytes: [UInt8], itemSize: Int, width: Int, unit: Int) -> [UInt8] {
    guard itemSize > 0, !bytes.isEmpty else { return bytes }
    let count = bytes.count / itemSize
    var result: [UInt8] = []
    bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      guard let base = raw.baseAddress else { return }
      for i in 0..<count {
        let item = base + i * itemSize
        if i > 0, compare(item - itemSize, width, item, width, unit: unit) == 0 { continue }
        result.append(contentsOf: UnsafeRawBufferPointer(start: item, count: itemSize))
      }
    }
    return result
  }
}

extension StringKernels {
  /// Each item's units (bytes, or UCS-4 code units in the machine's order)
  /// with the trailing NULs removed, as NumPy reads an element.
  static func units(_ bytes: [UInt8], itemSize: Int, width: Int, unit: Int) -> [[UInt32]] {
    guard itemSize > 0 else { return [] }
    let count = bytes.count / itemSize
    return bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [[UInt32]] in
      guard let base = raw.baseAddress else { return [[UInt32]](repeating: [], count: count) }
      return (0..<count).map { itemUnits(base + $0 * itemSize, width: width, unit: unit) }
    }
  }

  /// The units of the one item at `item` (`width` units of `unit` bytes,
  /// in the machine's order), trailing NULs removed.
  static func itemUnits(_ item: UnsafeRawPointer, width: Int, unit: Int) -> [UInt32] {
    @inline(__always) func load(_ k: Int) -> UInt32 {
      unit == 1 ? UInt32(item.load(fromByteOffset: k, as: UInt8.self)) : item.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)
    }
    var length = width
    while length > 0 && load(length - 1) == 0 { length -= 1 }
    return (0..<length).map(load)
  }

  /// Items of `width` units holding `strings`, padded with NULs, in the
  /// machine's order. Every string fits (the caller checked).
  static func items(_ strings: [[UInt32]], width: Int, unit: Int) -> [UInt8] {
    let itemSize = width * unit
    var bytes = [UInt8](repeating: 0, count: strings.count * itemSize)
    bytes.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) in
      guard let base = out.baseAddress else { return }
      for (i, string) in strings.enumerated() {
        let item = base + i * itemSize
        for (k, value) in string.enumerated() {
          if unit == 1 {
            item.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: k, as: UInt8.self)
          } else {
            item.storeBytes(of: value, toByteOffset: 4 * k, as: UInt32.self)
          }
        }
      }
    }
    return bytes
  }
}
