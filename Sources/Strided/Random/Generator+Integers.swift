/// NumPy's bounded integer draws: Lemire's multiply-and-reject on draws of
/// the type's width (32 bits for spans below 2³² − 1 even in 64-bit
/// types), with 8- and 16-bit draws cut from one 32-bit draw per call.
struct BoundedDraws {
  /// Draws of 8 or 16 bits cut from 32-bit draws, low bits first; lives
  /// for one call, as in NumPy.
  var buffer: UInt32 = 0
  var remaining = 0

  /// The next `width` bits (16, 8 or 1) of the current 32-bit draw, low
  /// bits first, in the low bits of the result.
  @inline(__always)
  mutating func nextChunk(_ width: UInt32, _ bits: inout PCG64) -> UInt32 {
    if remaining == 0 {
      buffer = bits.next32()
      remaining = Int(32 / width) - 1
    } else {
      buffer >>= width
      remaining -= 1
    }
    return buffer
  }

  @inline(__always)
  mutating func next16(_ bits: inout PCG64) -> UInt16 { UInt16(truncatingIfNeeded: nextChunk(16, &bits)) }

  @inline(__always)
  mutating func next8(_ bits: inout PCG64) -> UInt8 { UInt8(truncatingIfNeeded: nextChunk(8, &bits)) }

  @inline(__always)
  mutating func nextBit(_ bits: inout PCG64) -> Bool { nextChunk(1, &bits) & 1 != 0 }

  /// A value in [0, `span`] for `span` < 2⁶⁴ − 1, by Lemire's method on
  /// 64-bit draws.
  @inline(__always)
  static func lemire64(_ span: UInt64, _ bits: inout PCG64) -> UInt64 {
    let exclusive = span &+ 1
    var product = bits.next().multipliedFullWidth(by: exclusive)
    if product.low < exclusive {
      let threshold = (0 &- exclusive) % exclusive
      while product.low < threshold { product = bits.next().multipliedFullWidth(by: exclusive) }
    }
    return product.high
  }

  /// A value in [0, `span`] for `span` < 2³² − 1, by Lemire's method on
  /// 32-bit draws.
  @inline(__always)
  static func lemire32(_ span: UInt32, _ bits: inout PCG64) -> UInt32 {
    let exclusive = span &+ 1
    var product = bits.next32().multipliedFullWidth(by: exclusive)
    if product.low < exclusive {
      let threshold = (0 &- exclusive) % exclusive
      while product.low < threshold { product = bits.next32().multipliedFullWidth(by: exclusive) }
    }
    return product.high
  }

  @inline(__always)
  mutating func lemire16(_ span: UInt16, _ bits: inout PCG64) -> UInt16 {
    let exclusive = UInt32(span) + 1
    var product = UInt32(next16(&bits)) * exclusive
    if UInt16(truncatingIfNeeded: product) < exclusive {
      let threshold = UInt16(truncatingIfNeeded: (0x1_0000 - exclusive) % exclusive)
      while UInt16(truncatingIfNeeded: product) < threshold { product = UInt32(next16(&bits)) * exclusive }
    }
    return UInt16(truncatingIfNeeded: product >> 16)
  }

  @inline(__always)
  mutating func lemire8(_ span: UInt8, _ bits: inout PCG64) -> UInt8 {
    let exclusive = UInt16(span) + 1
    var product = UInt16(next8(&bits)) * exclusive
    if UInt8(truncatingIfNeeded: product) < exclusive {
      let threshold = UInt8(truncatingIfNeeded: (0x100 - exclusive) % exclusive)
      while UInt8(truncatingIfNeeded: product) < threshold { product = UInt16(next8(&bits)) * exclusive }
    }
    return UInt8(truncatingIfNeeded: product >> 8)
  }

  /// A value in [0, `span`] drawn as NumPy's `random_bounded_uint64` with
  /// Lemire: the width of the draw follows the span.
  @inline(__always)
  static func bounded64(_ span: UInt64, _ bits: inout PCG64) -> UInt64 {
    if span == 0 { return 0 }
    if span < 0xffff_ffff { return UInt64(lemire32(UInt32(truncatingIfNeeded: span), &bits)) }
    if span == 0xffff_ffff { return UInt64(bits.next32()) }
    if span == .max { return bits.next() }
    return lemire64(span, &bits)
  }

  /// `low &+ draw` for a span of `T.bitWidth` bits, as NumPy draws one
  /// element of `integers` in its dtype.
  @inline(__always)
  mutating func draw<T: FixedWidthInteger>(_ low: T.Magnitude, _ span: T.Magnitude, _ bits: inout PCG64) -> T {
    switch T.bitWidth {
    case 64:
      let s = UInt64(truncatingIfNeeded: span)
      return T(truncatingIfNeeded: UInt64(truncatingIfNeeded: low) &+ Self.bounded64(s, &bits))
    case 32:
      let s = UInt32(truncatingIfNeeded: span)
      let d: UInt32 = s == 0 ? 0 : s == .max ? bits.next32() : Self.lemire32(s, &bits)
      return T(truncatingIfNeeded: UInt32(truncatingIfNeeded: low) &+ d)
    case 16:
      let s = UInt16(truncatingIfNeeded: span)
      let d: UInt16 = s == 0 ? 0 : s == .max ? next16(&bits) : lemire16(s, &bits)
      return T(truncatingIfNeeded: UInt16(truncatingIfNeeded: low) &+ d)
    case 8:
      let s = UInt8(truncatingIfNeeded: span)
      let d: UInt8 = s == 0 ? 0 : s == .max ? next8(&bits) : lemire8(s, &bits)
      return T(truncatingIfNeeded: UInt8(truncatingIfNeeded: low) &+ d)
    default:
      preconditionFailure("Generator.integers: \(T.self) is not an 8-, 16-, 32- or 64-bit integer")
    }
  }
}

extension Generator {
  /// The inclusive bounds of a half-open range, or an error when it is
  /// empty.
  static func closedBounds<T: FixedWidthInteger>(_ range: Range<T>) throws(RandomError) -> (T, T) {
    guard !range.isEmpty else { throw .emptyRange("\(range.lowerBound)..<\(range.upperBound)") }
    return (range.lowerBound, range.upperBound - 1)
  }

  /// Fills `count` elements with integers in [`low`, `high`]: the draws
  /// run on the unsigned type of `T`'s width, whatever `T` is, so that the
  /// loop is concrete code even when `T` is generic.
  static func fillIntegers<T: FixedWidthInteger>(
    _ low: T, _ high: T, _ out: UnsafeMutablePointer<T>, _ count: Int, _ bits: inout PCG64
  ) {
    let offset = UInt64(truncatingIfNeeded: T.Magnitude(truncatingIfNeeded: low))
    let span = UInt64(truncatingIfNeeded: T.Magnitude(truncatingIfNeeded: high) &- T.Magnitude(truncatingIfNeeded: low))
    let raw = UnsafeMutableRawPointer(out)
    switch T.bitWidth {
    case 64: fill64(offset, span, raw.assumingMemoryBound(to: UInt64.self), count, &bits)
    case 32: fill(UInt32(truncatingIfNeeded: offset), UInt32(truncatingIfNeeded: span), raw.assumingMemoryBound(to: UInt32.self), count, &bits)
    case 16: fill(UInt16(truncatingIfNeeded: offset), UInt16(truncatingIfNeeded: span), raw.assumingMemoryBound(to: UInt16.self), count, &bits)
    case 8: fill(UInt8(truncatingIfNeeded: offset), UInt8(truncatingIfNeeded: span), raw.assumingMemoryBound(to: UInt8.self), count, &bits)
    default: preconditionFailure("Generator.integers: \(T.self) is not an 8-, 16-, 32- or 64-bit integer")
    }
  }

  /// The 64-bit fill: one loop per kind of span.
  static func fill64(_ offset: UInt64, _ span: UInt64, _ out: UnsafeMutablePointer<UInt64>, _ count: Int, _ bits: inout PCG64) {
    if span == 0 {
      out.update(repeating: offset, count: count)
    } else if span < 0xffff_ffff {
      let span32 = UInt32(truncatingIfNeeded: span)
      for i in 0..<count { out[i] = offset &+ UInt64(BoundedDraws.lemire32(span32, &bits)) }
    } else if span == 0xffff_ffff {
      for i in 0..<count { out[i] = offset &+ UInt64(bits.next32()) }
    } else if span == .max {
      for i in 0..<count { out[i] = offset &+ bits.next() }
    } else {
      for i in 0..<count { out[i] = offset &+ BoundedDraws.lemire64(span, &bits) }
    }
  }

  /// The 32-, 16- and 8-bit fills.
  static func fill<U: FixedWidthInteger & UnsignedInteger>(
    _ offset: U, _ span: U, _ out: UnsafeMutablePointer<U>, _ count: Int, _ bits: inout PCG64
  ) where U.Magnitude == U {
    var draws = BoundedDraws()
    for i in 0..<count { out[i] = draws.draw(offset, span, &bits) }
  }

  /// An integer in the half-open range, drawn as NumPy draws it for the
  /// type's width.
  ///
  /// NumPy: `rng.integers(low, high, dtype=…)`.
  ///
  /// - Throws: ``RandomError/emptyRange(_:)`` when the range is empty.
  public mutating func integers<T: FixedWidthInteger & NDElement>(in range: Range<T>) throws(RandomError) -> T {
    let (low, high) = try Self.closedBounds(range)
    var draws = BoundedDraws()
    return draws.draw(T.Magnitude(truncatingIfNeeded: low),
                      T.Magnitude(truncatingIfNeeded: high) &- T.Magnitude(truncatingIfNeeded: low), &bitGenerator)
  }

  /// An integer in the closed range (every value of the type, for
  /// `T.min...T.max`).
  ///
  /// NumPy: `rng.integers(low, high, dtype=…, endpoint=True)`.
  public mutating func integers<T: FixedWidthInteger & NDElement>(in range: ClosedRange<T>) -> T {
    var draws = BoundedDraws()
    return draws.draw(T.Magnitude(truncatingIfNeeded: range.lowerBound),
                      T.Magnitude(truncatingIfNeeded: range.upperBound) &- T.Magnitude(truncatingIfNeeded: range.lowerBound),
                      &bitGenerator)
  }

  /// An array of integers in the half-open range.
  ///
  /// NumPy: `rng.integers(low, high, shape, dtype=…)`; NumPy's default
  /// dtype, int64, is `Int`. An empty shape draws nothing and gives an
  /// empty array whatever the range, as in NumPy.
  ///
  /// - Throws: ``RandomError/emptyRange(_:)`` when the range is empty and
  ///   the shape is not.
  /// - Precondition: `T` is an 8-, 16-, 32- or 64-bit integer, and no
  ///   size in `shape` is negative.
  /// - Complexity: O(*n*).
  public mutating func integers<T: FixedWidthInteger & NDElement>(in range: Range<T>, shape: Dimensions)
    throws(RandomError) -> NDArray<T>
  {
    // NumPy returns an empty array before it checks the bounds.
    if shape.contains(0) && !shape.contains(where: { $0 < 0 }) {
      return try Self.filled(shape, "Generator.integers") { _, _ in }
    }
    let (low, high) = try Self.closedBounds(range)
    return try integers(in: low...high, shape: shape)
  }

  /// An array of integers in the closed range.
  ///
  /// NumPy: `rng.integers(low, high, shape, dtype=…, endpoint=True)`.
  ///
  /// - Throws: ``RandomError/invalidShape(_:)`` for a negative size,
  ///   ``RandomError/sizeOverflow(operation:)`` or
  ///   ``RandomError/outOfMemory(byteCount:)``, before any draw.
  /// - Precondition: `T` is an 8-, 16-, 32- or 64-bit integer.
  /// - Complexity: O(*n*).
  public mutating func integers<T: FixedWidthInteger & NDElement>(in range: ClosedRange<T>, shape: Dimensions)
    throws(RandomError) -> NDArray<T>
  {
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return try Self.filled(shape, "Generator.integers") { out, count in
      Self.fillIntegers(range.lowerBound, range.upperBound, out, count, &bits)
    }
  }

  /// Integers between bounds given per element, half-open: the bounds
  /// broadcast together (and to `shape`, when given).
  ///
  /// NumPy: `rng.integers(low_array, high_array, size, dtype=…)`.
  ///
  /// - Throws: ``RandomError/shapeMismatch(parameters:shape:)``, or
  ///   ``RandomError/emptyRange(_:)`` for the first empty range, before
  ///   any draw.
  /// - Complexity: O(*n*).
  public mutating func integers<T: FixedWidthInteger & NDElement>(
    low: NDArray<T>, high: NDArray<T>, shape: Dimensions? = nil
  ) throws(RandomError) -> NDArray<T> {
    let (target, values) = try Self.broadcastParameters([low, high], shape: shape)
    var bounds: [(T.Magnitude, T.Magnitude)] = []
    bounds.reserveCapacity(values[0].count)
    for (l, h) in zip(values[0], values[1]) {
      guard l < h else { throw .emptyRange("\(l)..<\(h)") }
      let (low, high) = (l, h - 1)
      let offset = T.Magnitude(truncatingIfNeeded: low)
      bounds.append((offset, T.Magnitude(truncatingIfNeeded: high) &- offset))
    }
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return try Self.filled(target, "Generator.integers") { out, count in
      var draws = BoundedDraws()
      for i in 0..<count { out[i] = draws.draw(bounds[i].0, bounds[i].1, &bits) }
    }
  }

  /// An array of random booleans, each `true` with probability ½; 32 come
  /// from each 32-bit draw.
  ///
  /// NumPy: `rng.integers(0, 2, shape, dtype=bool)`.
  ///
  /// - Throws: ``RandomError/invalidShape(_:)`` for a negative size,
  ///   ``RandomError/sizeOverflow(operation:)`` or
  ///   ``RandomError/outOfMemory(byteCount:)``, before any draw.
  /// - Complexity: O(*n*).
  public mutating func booleans(_ shape: Dimensions) throws(RandomError) -> NDArray<Bool> {
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return try Self.filled(shape, "Generator.booleans") { out, count in
      var draws = BoundedDraws()
      for i in 0..<count { out[i] = draws.nextBit(&bits) }
    }
  }

  /// `count` random bytes: 32-bit draws, least significant byte first.
  ///
  /// NumPy: `rng.bytes(count)`.
  ///
  /// - Precondition: `count >= 0`.
  public mutating func bytes(_ count: Int) -> [UInt8] {
    precondition(count >= 0, "Generator.bytes: negative count \(count)")
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count + 3)
    for _ in 0..<(count + 3) / 4 {
      let word = bitGenerator.next32()
      for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> shift)) }
    }
    return Array(bytes.prefix(count))
  }
}
