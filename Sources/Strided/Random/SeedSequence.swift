/// Turns a seed into well-mixed state words, as NumPy's `SeedSequence` does.
///
/// NumPy: `np.random.SeedSequence(entropy, spawn_key=…)`. The same entropy
/// gives the same words as NumPy, so a ``PCG64`` or ``Generator`` seeded
/// with it reproduces NumPy's streams. Children made with ``spawn(_:)``
/// give independent streams for parallel work.
///
/// ```swift
/// var seeds = SeedSequence(42)
/// seeds.generateState(4)            // NumPy: SeedSequence(42).generate_state(4)
/// let workers = seeds.spawn(8)      // eight independent children
/// ```
public struct SeedSequence: Sendable, Hashable {
  /// The seed's 32-bit words, least significant first.
  public let entropy: [UInt32]
  /// The path from the root sequence to this child (empty for a root).
  public let spawnKey: [Int]
  /// How many children ``spawn(_:)`` has made so far.
  public private(set) var childrenSpawned: Int

  /// The four mixed words every output is drawn from.
  let pool: (UInt32, UInt32, UInt32, UInt32)

  /// A sequence seeded with a non-negative integer of any size.
  ///
  /// NumPy: `SeedSequence(seed)`, and the seed of `np.random.default_rng(seed)`.
  ///
  /// - Precondition: `seed >= 0`, as NumPy requires.
  public init(_ seed: some BinaryInteger) {
    precondition(seed >= 0, "SeedSequence: the seed \(seed) is negative; seeds are non-negative integers")
    self.init(words: Self.words(of: seed))
  }

  /// A sequence seeded with several integers, each taking as many 32-bit
  /// words as it needs, in order.
  ///
  /// NumPy: `SeedSequence([a, b, …])`.
  ///
  /// - Precondition: Every seed is non-negative.
  public init<S: Sequence>(_ seeds: S) where S.Element: BinaryInteger {
    var words: [UInt32] = []
    for seed in seeds {
      precondition(seed >= 0, "SeedSequence: the seed \(seed) is negative; seeds are non-negative integers")
      words += Self.words(of: seed)
    }
    self.init(words: words)
  }

  /// A sequence seeded with 32-bit entropy words, least significant first,
  /// and an optional spawn key.
  ///
  /// NumPy: `SeedSequence(np.array(words, dtype=np.uint32), spawn_key=…)`.
  ///
  /// - Precondition: Every entry of `spawnKey` is non-negative.
  public init(words: [UInt32], spawnKey: [Int] = []) {
    entropy = words
    self.spawnKey = spawnKey
    childrenSpawned = 0
    var assembled = words
    if !spawnKey.isEmpty {
      if assembled.count < 4 { assembled += repeatElement(0, count: 4 - assembled.count) }
      for key in spawnKey {
        precondition(key >= 0, "SeedSequence: the spawn key \(spawnKey) has a negative entry")
        assembled += Self.words(of: key)
      }
    }
    pool = Self.mixPool(assembled)
  }

  /// The base-2³² digits of a non-negative integer, least significant
  /// first; zero is one word.
  static func words(of seed: some BinaryInteger) -> [UInt32] {
    var words: [UInt32] = []
    var rest = seed.magnitude
    repeat {
      words.append(UInt32(truncatingIfNeeded: rest))
      rest >>= 32
    } while rest != 0
    return words
  }

  // NumPy's hash constants.
  static let initA: UInt32 = 0x43b0_d7e5
  static let multiplierA: UInt32 = 0x931e_8875
  static let initB: UInt32 = 0x8b51_f9dd
  static let multiplierB: UInt32 = 0x58f3_8ded
  static let mixLeft: UInt32 = 0xca01_f9dd
  static let mixRight: UInt32 = 0x4973_f715

  static func mixPool(_ entropy: [UInt32]) -> (UInt32, UInt32, UInt32, UInt32) {
    var multiplier = initA
    func hash(_ value: UInt32) -> UInt32 {
      var value = value ^ multiplier
      multiplier = multiplier &* multiplierA
      value = value &* multiplier
      return value ^ (value >> 16)
    }
    func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
      let r = mixLeft &* x &- mixRight &* y
      return r ^ (r >> 16)
    }
    var pool: [UInt32] = (0..<4).map { _ in 0 }
    for i in 0..<4 { pool[i] = hash(i < entropy.count ? entropy[i] : 0) }
    for source in 0..<4 {
      for destination in 0..<4 where destination != source {
        pool[destination] = mix(pool[destination], hash(pool[source]))
      }
    }
    if entropy.count > 4 {
      for source in 4..<entropy.count {
        for destination in 0..<4 {
          pool[destination] = mix(pool[destination], hash(entropy[source]))
        }
      }
    }
    return (pool[0], pool[1], pool[2], pool[3])
  }

  /// `count` 32-bit state words.
  ///
  /// NumPy: `seq.generate_state(count, np.uint32)`.
  ///
  /// - Precondition: `count >= 0`.
  public func generateState(_ count: Int) -> [UInt32] {
    precondition(count >= 0, "SeedSequence.generateState: negative count \(count)")
    let pool = [self.pool.0, self.pool.1, self.pool.2, self.pool.3]
    var multiplier = Self.initB
    return (0..<count).map { i in
      var value = pool[i % 4] ^ multiplier
      multiplier = multiplier &* Self.multiplierB
      value = value &* multiplier
      return value ^ (value >> 16)
    }
  }

  /// `count` 64-bit state words, each made of two 32-bit words, low first.
  ///
  /// NumPy: `seq.generate_state(count, np.uint64)`.
  ///
  /// - Precondition: `count >= 0`.
  public func generateState64(_ count: Int) -> [UInt64] {
    precondition(count >= 0, "SeedSequence.generateState64: negative count \(count)")
    let words = generateState(2 * count)
    return (0..<count).map { UInt64(words[2 * $0]) | UInt64(words[2 * $0 + 1]) << 32 }
  }

  /// `count` new child sequences, independent of this one and of each
  /// other; later calls continue the numbering.
  ///
  /// NumPy: `seq.spawn(count)`.
  ///
  /// - Precondition: `count >= 0`.
  public mutating func spawn(_ count: Int) -> [SeedSequence] {
    precondition(count >= 0, "SeedSequence.spawn: negative count \(count)")
    let first = childrenSpawned
    childrenSpawned += count
    return (first..<first + count).map { SeedSequence(words: entropy, spawnKey: spawnKey + [$0]) }
  }

  public static func == (a: SeedSequence, b: SeedSequence) -> Bool {
    a.entropy == b.entropy && a.spawnKey == b.spawnKey && a.childrenSpawned == b.childrenSpawned
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(entropy)
    hasher.combine(spawnKey)
    hasher.combine(childrenSpawned)
  }
}
