#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random numbers that are NumPy's, number for number.
///
/// NumPy: `np.random.default_rng(seed)`, a `Generator` over `PCG64`.
/// Seeded with the same integer, every method gives the values NumPy 2
/// gives, in the same order, and consumes the same bits, so a NumPy program
/// ported to Swift can be checked result by result. Arrays are filled in C
/// order, as NumPy fills them.
///
/// ```swift
/// var rng = Generator(seed: 42)
/// let x = rng.random([3])                       // rng.random(3)
/// let z = rng.standardNormal([2, 2])            // rng.standard_normal((2, 2))
/// let k = try rng.integers(in: 0..<10, shape: [5])  // rng.integers(0, 10, 5)
/// let p = rng.permutation(10)                   // rng.permutation(10)
/// ```
///
/// A `Generator` is a value: copying it copies its state, and it can be
/// kept in a `let`, a `var`, a global or an actor and sent between tasks.
/// For parallel work, give each task its own stream with
/// ``spawn(_:)`` or ``jumped(_:)`` rather than sharing one.
///
/// It is also a `RandomNumberGenerator`, so Swift's own
/// `Int.random(in:using:)` and `shuffled(using:)` accept it (those follow
/// Swift's algorithms, not NumPy's).
public struct Generator: RandomNumberGenerator, Sendable {
  /// The bit generator every draw comes from.
  public var bitGenerator: PCG64
  /// The seed sequence ``spawn(_:)`` makes children from; `nil` for a
  /// generator made from a bit generator alone.
  public private(set) var seedSequence: SeedSequence?

  /// A generator seeded as NumPy's `default_rng(seed)`.
  ///
  /// - Precondition: `seed >= 0`, as NumPy requires.
  public init(seed: some BinaryInteger) {
    self.init(SeedSequence(seed))
  }

  /// A generator seeded from a seed sequence.
  ///
  /// NumPy: `np.random.default_rng(seed_sequence)`.
  public init(_ seeds: SeedSequence) {
    bitGenerator = PCG64(seeds)
    seedSequence = seeds
  }

  /// A generator over the given bit generator.
  ///
  /// NumPy: `np.random.Generator(bit_generator)`.
  public init(_ bitGenerator: PCG64) {
    self.bitGenerator = bitGenerator
    seedSequence = nil
  }

  /// A generator seeded with 128 bits from the operating system.
  ///
  /// NumPy: `np.random.default_rng()`.
  public init() {
    var system = SystemRandomNumberGenerator()
    self.init(SeedSequence(words: (0..<4).map { _ in system.next() }))
  }

  /// The next 64 random bits.
  ///
  /// NumPy: `rng.bit_generator.random_raw()`.
  @inlinable
  public mutating func next() -> UInt64 { bitGenerator.next() }

  /// A generator whose stream starts `jumps` × 2¹²⁷·(√5 − 1) draws ahead:
  /// an independent stream for parallel work.
  ///
  /// NumPy: `np.random.Generator(rng.bit_generator.jumped(jumps))`.
  public func jumped(_ jumps: UInt128 = 1) -> Generator {
    Generator(bitGenerator.jumped(jumps))
  }

  /// `count` generators with independent streams, seeded from children of
  /// this generator's seed sequence; later calls make new children.
  ///
  /// NumPy: `rng.spawn(count)`.
  ///
  /// - Precondition: The generator was seeded (not made from a bare
  ///   ``PCG64``), and `count >= 0`.
  public mutating func spawn(_ count: Int) -> [Generator] {
    guard seedSequence != nil else {
      preconditionFailure("Generator.spawn: this generator has no seed sequence to spawn from")
    }
    return seedSequence!.spawn(count).map { Generator($0) }
  }
}

// MARK: - Filling new arrays

extension Generator {
  /// A new C-ordered array whose `count` elements `body` writes in order.
  ///
  /// - Throws: ``RandomError/invalidShape(_:)`` for a negative size or
  ///   too many axes, ``RandomError/sizeOverflow(operation:)`` or
  ///   ``RandomError/outOfMemory(byteCount:)``, before any draw.
  static func filled<T: NDElement>(
    _ shape: Dimensions, _ operation: StaticString, _ body: (UnsafeMutablePointer<T>, Int) -> Void
  ) throws(RandomError) -> NDArray<T> {
    let view: NDView
    do {
      view = try NDView.uninitialized(shape: shape, format: T.format, order: .c)
    } catch {
      switch error {
      case .outOfMemory(let byteCount): throw .outOfMemory(byteCount: byteCount)
      case .sizeOverflow: throw .sizeOverflow(operation: "\(operation)")
      default: throw .invalidShape(shape.array)
      }
    }
    let count = view.count
    body(view.storage.base.bindMemory(to: T.self, capacity: count), count)
    return NDArray(unchecked: view)
  }

  /// The result of a throwing fill, for the methods that cannot throw: an
  /// error traps with a message naming the throwing spelling.
  static func trapping<T>(
    _ operation: StaticString, _ alternative: StaticString, _ body: () throws(RandomError) -> T
  ) -> T {
    do {
      return try body()
    } catch {
      preconditionFailure("\(operation): \(error) (\(alternative) throws instead)")
    }
  }

  /// The C-ordered elements of each parameter array broadcast to one
  /// shape: `shape` when given, else the parameters' common shape.
  static func broadcastParameters<T: NDElement>(_ parameters: [NDArray<T>], shape: Dimensions?)
    throws(RandomError) -> (shape: Dimensions, values: [[T]])
  {
    let shapes = parameters.map(\.shape)
    let mismatch = RandomError.shapeMismatch(parameters: shapes.map(Array.init), shape: (shape ?? []).map { $0 })
    var target: Dimensions = []
    for s in shapes {
      do { target = try NDView.broadcastShape(target, s) } catch { throw mismatch }
    }
    if let shape {
      guard (try? NDView.broadcastShape(target, shape)) == shape else { throw mismatch }
      target = shape
    }
    var values: [[T]] = []
    for parameter in parameters {
      do { values.append(try parameter.broadcast(to: target).elements) } catch { throw mismatch }
    }
    return (target, values)
  }
}

// MARK: - Uniform

extension Generator {
  /// A `Double` in [0, 1), from the top 53 bits of one 64-bit draw.
  ///
  /// NumPy: `rng.random()`.
  public mutating func random() -> Double { bitGenerator.nextDouble() }

  /// A `Float` or `Double` in [0, 1). A `Float` takes 24 bits of a 32-bit
  /// draw, so two floats use one 64-bit draw, as in NumPy.
  ///
  /// NumPy: `rng.random(dtype=np.float32)`.
  public mutating func random<T: NDComplexComponent>(as _: T.Type) -> T {
    T.self == Float.self ? T(bitGenerator.nextFloat()) : T(bitGenerator.nextDouble())
  }

  /// An array of doubles in [0, 1).
  ///
  /// NumPy: `rng.random(shape)`.
  ///
  /// - Precondition: No size in `shape` is negative.
  /// - Complexity: O(*n*).
  public mutating func random(_ shape: Dimensions) -> NDArray<Double> {
    random(shape, as: Double.self)
  }

  /// An array of `Float`s or `Double`s in [0, 1).
  ///
  /// NumPy: `rng.random(shape, dtype=np.float32)`.
  ///
  /// - Precondition: No size in `shape` is negative and the result fits
  ///   in memory; ``uniform(low:high:shape:)`` (the same values for the
  ///   default bounds) throws instead.
  /// - Complexity: O(*n*).
  public mutating func random<T: NDComplexComponent>(_ shape: Dimensions, as _: T.Type) -> NDArray<T> {
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return Self.trapping("Generator.random", "uniform(shape:)") { () throws(RandomError) in
      if T.self == Float.self {
        let result: NDArray<Float> = try Self.filled(shape, "Generator.random") { out, count in
          for i in 0..<count { out[i] = bits.nextFloat() }
        }
        return NDArray(unchecked: result.view)
      }
      let result: NDArray<Double> = try Self.filled(shape, "Generator.random") { out, count in
        for i in 0..<count { out[i] = bits.nextDouble() }
      }
      return NDArray(unchecked: result.view)
    }
  }

  /// Checks NumPy's rule for `uniform`'s bounds: `high - low` finite and
  /// not negative (−0 included).
  static func uniformSpan(_ low: Double, _ high: Double) throws(RandomError) -> Double {
    let span = high - low
    guard span.isFinite, span.sign == .plus else { throw .invalidBounds(low: low, high: high) }
    return span
  }

  /// A `Double` uniform in [`low`, `high`): `low + (high - low)·u`.
  ///
  /// NumPy: `rng.uniform(low, high)`. `low == high` gives `low` (and
  /// still uses a draw).
  ///
  /// - Throws: ``RandomError/invalidBounds(low:high:)`` when `high - low`
  ///   is negative, −0, infinite or NaN.
  public mutating func uniform(low: Double = 0, high: Double = 1) throws(RandomError) -> Double {
    let span = try Self.uniformSpan(low, high)
    return low + span * bitGenerator.nextDouble()
  }

  /// An array of doubles uniform in [`low`, `high`).
  ///
  /// NumPy: `rng.uniform(low, high, shape)`.
  ///
  /// - Throws: ``RandomError/invalidBounds(low:high:)`` as the scalar
  ///   form does, before any draw.
  /// - Precondition: No size in `shape` is negative.
  /// - Complexity: O(*n*).
  public mutating func uniform(low: Double = 0, high: Double = 1, shape: Dimensions) throws(RandomError)
    -> NDArray<Double>
  {
    let span = try Self.uniformSpan(low, high)
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return try Self.filled(shape, "Generator.uniform") { out, count in
      for i in 0..<count { out[i] = low + span * bits.nextDouble() }
    }
  }

  /// Doubles uniform between bounds given per element: the bounds
  /// broadcast together (and to `shape`, when given).
  ///
  /// NumPy: `rng.uniform(low_array, high_array, size)`.
  ///
  /// - Throws: ``RandomError/shapeMismatch(parameters:shape:)`` or
  ///   ``RandomError/invalidBounds(low:high:)`` for the first bad pair,
  ///   before any draw.
  /// - Complexity: O(*n*).
  public mutating func uniform(low: NDArray<Double>, high: NDArray<Double>, shape: Dimensions? = nil)
    throws(RandomError) -> NDArray<Double>
  {
    let (target, values) = try Self.broadcastParameters([low, high], shape: shape)
    let lows = values[0]
    let spans = try zip(lows, values[1]).map { (pair) throws(RandomError) in try Self.uniformSpan(pair.0, pair.1) }
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return try Self.filled(target, "Generator.uniform") { out, count in
      for i in 0..<count { out[i] = lows[i] + spans[i] * bits.nextDouble() }
    }
  }
}
