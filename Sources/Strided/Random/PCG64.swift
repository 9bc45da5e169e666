/// NumPy's default bit generator: a 128-bit linear congruential generator
/// with the XSL-RR output function (PCG XSL RR 128/64).
///
/// NumPy: `np.random.PCG64`. Seeded with the same ``SeedSequence`` it
/// gives NumPy's raw stream, including the 32-bit half kept for the next
/// 32-bit draw. ``jumped(_:)`` and ``advance(by:)`` move the state far
/// ahead in O(log n) steps for independent parallel streams.
///
/// A value type: copying it copies the state, and two copies then give
/// the same numbers.
public struct PCG64: RandomNumberGenerator, Sendable, Hashable {
  /// The 128-bit multiplier of the LCG.
  @usableFromInline static let multiplier: UInt128 = 0x2360_ed05_1fc6_5da4_4385_df64_9fcc_f645

  /// The LCG's state.
  public var state: UInt128 { current }
  @usableFromInline var current: UInt128
  /// The LCG's odd increment: which of the 2¹²⁷ streams this is.
  public let increment: UInt128
  /// The upper half of the last 64-bit output, waiting to be the next
  /// 32-bit draw.
  @usableFromInline var pendingHalf: UInt32?

  /// A generator seeded as NumPy seeds `PCG64(seed)`.
  ///
  /// - Precondition: `seed >= 0`.
  public init(seed: some BinaryInteger) {
    self.init(SeedSequence(seed))
  }

  /// A generator seeded from four 64-bit words of the sequence.
  ///
  /// NumPy: `PCG64(seed_sequence)`.
  public init(_ seeds: SeedSequence) {
    let words = seeds.generateState64(4)
    let initialState = UInt128(words[0]) << 64 | UInt128(words[1])
    let sequence = UInt128(words[2]) << 64 | UInt128(words[3])
    increment = sequence << 1 | 1
    current = 0
    pendingHalf = nil
    step()
    current &+= initialState
    step()
  }

  /// A generator in the given state, as NumPy's
  /// `bit_generator.state = {"state": {"state": …, "inc": …}}` sets it.
  public init(state: UInt128, increment: UInt128) {
    current = state
    self.increment = increment
    pendingHalf = nil
  }

  @inlinable @inline(__always)
  mutating func step() {
    current = current &* Self.multiplier &+ increment
  }

  /// The next 64 random bits.
  ///
  /// NumPy: `bit_generator.random_raw()`.
  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    step()
    let high = UInt64(truncatingIfNeeded: current >> 64)
    let mixed = high ^ UInt64(truncatingIfNeeded: current)
    let rotation = high >> 58
    return mixed &>> rotation | mixed &<< (64 &- rotation)
  }

  /// The next 32 random bits: the low half of a new 64-bit output, or the
  /// high half of the previous one, as NumPy draws them.
  @inlinable @inline(__always)
  public mutating func next32() -> UInt32 {
    if let half = pendingHalf {
      pendingHalf = nil
      return half
    }
    let bits = next()
    pendingHalf = UInt32(truncatingIfNeeded: bits >> 32)
    return UInt32(truncatingIfNeeded: bits)
  }

  /// A double in [0, 1) from the top 53 bits of one 64-bit output.
  @inlinable @inline(__always)
  mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A float in [0, 1) from the top 24 bits of one 32-bit draw.
  @inlinable @inline(__always)
  mutating func nextFloat() -> Float {
    Float(next32() >> 8) * 0x1p-24
  }

  /// Moves the state `delta` steps ahead (modulo 2¹²⁸), as `delta` calls
  /// of ``next()`` would, and drops the pending 32-bit half.
  ///
  /// NumPy: `PCG64.advance(delta)`.
  ///
  /// - Complexity: O(log `delta`).
  public mutating func advance(by delta: UInt128) {
    var accumulatedMultiplier: UInt128 = 1
    var accumulatedIncrement: UInt128 = 0
    var multiplier = Self.multiplier
    var increment = self.increment
    var delta = delta
    while delta > 0 {
      if delta & 1 == 1 {
        accumulatedMultiplier &*= multiplier
        accumulatedIncrement = accumulatedIncrement &* multiplier &+ increment
      }
      increment = (multiplier &+ 1) &* increment
      multiplier &*= multiplier
      delta >>= 1
    }
    current = accumulatedMultiplier &* current &+ accumulatedIncrement
    pendingHalf = nil
  }

  /// ⌊(φ − 1)·2¹²⁸⌋: the distance of one jump.
  static let jumpDistance: UInt128 = 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835

  /// A copy whose state is `jumps` × ⌊(φ − 1)·2¹²⁸⌋ steps ahead: a
  /// stream that does not overlap this one in any practical run.
  ///
  /// NumPy: `PCG64.jumped(jumps)`.
  public func jumped(_ jumps: UInt128 = 1) -> PCG64 {
    var copy = self
    copy.advance(by: jumps &* Self.jumpDistance)
    return copy
  }
}
