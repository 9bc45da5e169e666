import Foundation
import Testing

@testable import Strided

/// NumPy's `default_rng` streams as `generate.py random` records them.
struct RandomFixture: Decodable, Sendable {
  struct Stream: Decodable, Sendable, CustomTestStringConvertible {
    let seed: String
    let name: String
    let count: Int
    let sha256: String
    let head: [String]
    let state: String
    let inc: String
    let hasUint32: Bool
    let uinteger: UInt32
    var testDescription: String { "\(name) seed \(seed)" }
  }

  struct Seed: Decodable, Sendable, CustomTestStringConvertible {
    let entropy: [String]
    let isList: Bool
    let state32: [String]
    let state64: [String]
    let child: [String]
    let grandchild: [String]
    let pcgState: String
    let pcgInc: String
    let raw: [String]
    let jumped3: String
    let advanced: String
    var testDescription: String { "entropy \(entropy)" }
  }

  let streams: [Stream]
  let seeds: [Seed]
}

/// A 128-bit integer from `0x…` or decimal text.
func uint128(_ text: String) -> UInt128 {
  text.hasPrefix("0x") ? UInt128(text.dropFirst(2), radix: 16)! : UInt128(text)!
}

/// The seed of a fixture: an integer of any size, as a seed sequence.
func seedSequence(_ entropy: [String], isList: Bool) -> SeedSequence {
  let values = entropy.map { BigSeed($0) }
  return isList ? SeedSequence(words: values.flatMap(\.words)) : SeedSequence(words: values[0].words)
}

/// A decimal integer too large for `UInt128`, as its 32-bit words.
struct BigSeed {
  var words: [UInt32]
  init(_ decimal: String) {
    var words: [UInt32] = [0]
    for digit in decimal.utf8 {
      var carry = UInt64(digit - 48)
      for i in words.indices {
        let value = UInt64(words[i]) * 10 + carry
        words[i] = UInt32(truncatingIfNeeded: value)
        carry = value >> 32
      }
      if carry != 0 { words.append(UInt32(carry)) }
    }
    self.words = words
  }
}

/// The bytes of a C-contiguous array and its first values as NumPy's
/// fixture writes them (floats as bit patterns).
func streamBytes<T: NDElement>(_ a: NDArray<T>, _ head: (T) -> String) -> (digest: String, head: [String]) {
  let c = a.isCContiguous ? a : a.copy()
  let raw = UnsafeRawBufferPointer(start: c.storage.base + c.view.byteOffset, count: c.count * MemoryLayout<T>.stride)
  return (SHA256.hex(raw), c.flat.prefix(5).map(head))
}

/// Runs the Strided equivalent of one NumPy call from `generate.py`.
func runStream(_ name: String, _ g: inout Generator, _ n: Int) throws -> (digest: String, head: [String]) {
  func ints<T: FixedWidthInteger & NDElement>(_ a: NDArray<T>) -> (String, [String]) { streamBytes(a) { "\($0)" } }
  func doubles(_ a: NDArray<Double>) -> (String, [String]) { streamBytes(a) { "\($0.bitPattern)" } }
  func floats(_ a: NDArray<Float>) -> (String, [String]) { streamBytes(a) { "\($0.bitPattern)" } }
  switch name {
  case "random_f64": return doubles(g.random([n]))
  case "random_f32": return floats(g.random([n], as: Float.self))
  case "uniform": return doubles(try g.uniform(low: -3.5, high: 10.25, shape: [n]))
  case "integers_i64_0_1000": return ints(try g.integers(in: 0..<1000, shape: [n]))
  case "integers_i64_full": return ints(try g.integers(in: Int.min...Int.max, shape: [n]))
  case "integers_i64_2p32": return ints(try g.integers(in: -5..<(1 << 32) - 5, shape: [n]))
  case "integers_u64_big": return ints(try g.integers(in: UInt64(0)..<(1 << 63) + 5, shape: [n]))
  case "integers_i32": return ints(try g.integers(in: Int32(-100)..<Int32.max, shape: [n]))
  case "integers_u32_full": return ints(try g.integers(in: UInt32.min...UInt32.max, shape: [n]))
  case "integers_u16": return ints(try g.integers(in: UInt16(0)..<1000, shape: [n]))
  case "integers_i16_full": return ints(try g.integers(in: Int16.min...Int16.max, shape: [n]))
  case "integers_i8": return ints(try g.integers(in: Int8(-128)..<100, shape: [n]))
  case "integers_u8_full": return ints(try g.integers(in: UInt8.min...UInt8.max, shape: [n]))
  case "integers_u8_one": return ints(try g.integers(in: UInt8(7)..<8, shape: [n]))
  case "booleans": return streamBytes(try g.booleans([n])) { $0 ? "1" : "0" }
  case "standard_normal_f64": return doubles(g.standardNormal([n]))
  case "standard_normal_f32": return floats(g.standardNormal([n], as: Float.self))
  case "normal": return doubles(try g.normal(mean: 3, standardDeviation: 2.5, shape: [n]))
  case "standard_exponential_f64": return doubles(g.standardExponential([n]))
  case "standard_exponential_f32": return floats(g.standardExponential([n], as: Float.self))
  case "standard_exponential_inv_f64":
    return doubles(g.standardExponential([n], as: Double.self, method: .inversion))
  case "standard_exponential_inv_f32":
    return floats(g.standardExponential([n], as: Float.self, method: .inversion))
  case "exponential": return doubles(try g.exponential(scale: 2.5, shape: [n]))
  case "standard_gamma_small": return doubles(try g.standardGamma(0.35, shape: [n]))
  case "standard_gamma": return doubles(try g.standardGamma(2.5, shape: [n]))
  case "gamma": return doubles(try g.gamma(7.5, scale: 0.5, shape: [n]))
  case "gamma_one": return doubles(try g.gamma(1, scale: 2, shape: [n]))
  case "chisquare": return doubles(try g.chisquare(degreesOfFreedom: 3, shape: [n]))
  case "beta": return doubles(try g.beta(2, 3.5, shape: [n]))
  case "beta_small": return doubles(try g.beta(0.4, 0.7, shape: [n]))
  case "poisson_small": return ints(try g.poisson(3.5, shape: [n]))
  case "poisson": return ints(try g.poisson(250, shape: [n]))
  case "poisson_huge": return ints(try g.poisson(1e15, shape: [n]))
  case "binomial_small": return ints(try g.binomial(20, 0.3, shape: [n]))
  case "binomial": return ints(try g.binomial(1000, 0.4, shape: [n]))
  case "binomial_high_p": return ints(try g.binomial(500, 0.9, shape: [n]))
  case "binomial_huge": return ints(try g.binomial(1 << 40, 0.3, shape: [n]))
  case "geometric": return ints(try g.geometric(0.5, shape: [n]))
  case "geometric_small": return ints(try g.geometric(0.01, shape: [n]))
  case "negative_binomial": return ints(try g.negativeBinomial(5.5, 0.3, shape: [n]))
  case "lognormal": return doubles(try g.lognormal(mean: 0.5, sigma: 0.8, shape: [n]))
  case "laplace": return doubles(try g.laplace(location: 1, scale: 2, shape: [n]))
  case "logistic": return doubles(try g.logistic(location: 1, scale: 2, shape: [n]))
  case "gumbel": return doubles(try g.gumbel(location: 1, scale: 2, shape: [n]))
  case "rayleigh": return doubles(try g.rayleigh(scale: 2, shape: [n]))
  case "weibull": return doubles(try g.weibull(1.5, shape: [n]))
  case "pareto": return doubles(try g.pareto(3, shape: [n]))
  case "power": return doubles(try g.power(2.5, shape: [n]))
  case "standard_cauchy": return doubles(try g.standardCauchy([n]))
  case "standard_t": return doubles(try g.standardT(degreesOfFreedom: 4.5, shape: [n]))
  case "f": return doubles(try g.f(numerator: 3, denominator: 7, shape: [n]))
  case "triangular": return doubles(try g.triangular(left: -1, mode: 0.5, right: 4, shape: [n]))
  case "choice": return ints(try g.choice(from: 1000, shape: [n]))
  case "choice_p": return ints(try g.choice(from: 5, shape: [n], probabilities: [0.1, 0.2, 0, 0.3, 0.4]))
  case "choice_tail": return ints(try g.choice(from: 10 * n, shape: [n], replace: false))
  case "choice_floyd": return ints(try g.choice(from: 100 * n, shape: [n], replace: false))
  case "choice_floyd_unshuffled":
    return ints(try g.choice(from: 100 * n, shape: [n], replace: false, shuffle: false))
  case "choice_p_unique":
    // NumPy's weights: 1…2n with every 7th zero, divided by their (exact) sum.
    var weights = (1...(2 * n)).map(Double.init)
    for i in stride(from: 0, to: weights.count, by: 7) { weights[i] = 0 }
    let total = weights.reduce(0, +)
    weights = weights.map { $0 / total }
    return ints(try g.choice(from: 2 * n, shape: [n], replace: false, probabilities: weights))
  case "permutation": return ints(try g.permutation(n))
  case "shuffle_rows":
    let a = try NDArray<Int>.arange(to: n).reshaped(to: [n / 10, 10])
    try g.shuffle(a, axis: 0)
    return ints(a)
  case "permuted_lanes":
    return ints(try g.permuted(try NDArray<Int>.arange(to: n).reshaped(to: [100, n / 100]), axis: 1))
  case "permuted_fortran":
    let a = try NDArray<Int>.arange(to: n).reshaped(to: [100, n / 100]).copy(order: .fortran)
    return ints(try g.permuted(a))
  case "uniform_arrays":
    let low = try -NDArray<Double>.arange(to: 100).reshaped(to: [100, 1])
    let high = NDArray<Double>.arange(to: Double(n / 100)) * 0.5
    return doubles(try g.uniform(low: low, high: high))
  case "normal_arrays":
    let mean = NDArray<Double>.arange(to: Double(n / 100)) - 3
    let scale = try NDArray<Double>.arange(to: 100).reshaped(to: [100, 1]) / 10
    return doubles(try g.normal(mean: mean, standardDeviation: scale))
  case "integers_arrays":
    let low = try NDArray<Int>.arange(to: 100).reshaped(to: [100, 1]) - 50
    return ints(try g.integers(low: low, high: low + NDArray<Int>.arange(from: 1, to: n / 100 + 1)))
  case "integers_arrays_u16":
    let low = try NDArray<UInt16>.arange(to: 100).reshaped(to: [100, 1])
    return ints(try g.integers(low: low, high: low + NDArray<UInt16>.arange(from: 1, to: UInt16(n / 100 + 1))))
  case "scalars":
    var values: [Double] = []
    for _ in 0..<n / 10 {
      values.append(g.random())
      values.append(Double(try g.integers(in: 0..<10)))
      values.append(g.standardNormal())
      values.append(Double(try g.integers(in: UInt8(0)..<100)))
      values.append(Double(g.random(as: Float.self)))
      values.append(try g.uniform(low: 2, high: 3))
      values.append(try g.normal(mean: 1, standardDeviation: 2))
      values.append(try g.exponential(scale: 3))
      values.append(Double(try g.choice(from: 7, probabilities: [0.5, 0, 0, 0.25, 0, 0, 0.25])))
      values.append(Double(g.integers(in: Int.min...Int.max)))
    }
    return doubles(NDArray(values))
  default:
    Issue.record("no Strided call for \(name)")
    return ("", [])
  }
}

@Suite("Generator: NumPy's streams")
struct GeneratorStreamTests {
  static let fixture = try! Fixtures.load("random.json", as: RandomFixture.self)

  @Test("the first 10⁵ values of every method for seeds 0, 1, 42 and 2⁶⁴−1", arguments: fixture.streams)
  func stream(_ case_: RandomFixture.Stream) throws {
    var g = Generator(seedSequence([case_.seed], isList: false))
    let (digest, head) = try runStream(case_.name, &g, case_.count)
    #expect(head == case_.head)
    #expect(digest == case_.sha256)
    #expect(g.bitGenerator.state == uint128(case_.state))
    #expect(g.bitGenerator.increment == uint128(case_.inc))
    #expect(g.bitGenerator.pendingHalf == (case_.hasUint32 ? case_.uinteger : nil))
  }

  @Test("SeedSequence, spawned children, PCG64 seeding, raw output, jumps and advances", arguments: fixture.seeds)
  func seeding(_ case_: RandomFixture.Seed) {
    var seeds = seedSequence(case_.entropy, isList: case_.isList)
    #expect(seeds.generateState(9).map(String.init) == case_.state32)
    #expect(seeds.generateState64(5).map(String.init) == case_.state64)
    var child = seeds.spawn(3)[2]
    #expect(child.generateState(4).map(String.init) == case_.child)
    #expect(child.spawn(2)[1].generateState(4).map(String.init) == case_.grandchild)
    var bits = PCG64(seedSequence(case_.entropy, isList: case_.isList))
    #expect(bits.state == uint128(case_.pcgState))
    #expect(bits.increment == uint128(case_.pcgInc))
    #expect(bits.jumped(3).state == uint128(case_.jumped3))
    #expect((0..<6).map { _ in String(bits.next()) } == case_.raw)
    bits = PCG64(seedSequence(case_.entropy, isList: case_.isList))
    for _ in 0..<5 { _ = bits.next() }
    bits.advance(by: (1 << 64) + 12345)
    #expect(bits.state == uint128(case_.advanced))
  }

  @Test("NumPy run live: every method on two random seeds")
  func live() throws {
    var system = SystemRandomNumberGenerator()
    let seeds = [UInt64.random(in: 0...UInt64.max, using: &system), UInt64.random(in: 0..<1000, using: &system)]
    guard
      let fixture = try Fixtures.live(
        ["random", "--seeds", seeds.map(String.init).joined(separator: ","), "--count", "3000"],
        as: RandomFixture.self)
    else { return }
    for case_ in fixture.streams {
      var g = Generator(seed: UInt64(case_.seed)!)
      let (digest, head) = try runStream(case_.name, &g, case_.count)
      #expect(head == case_.head, "\(case_.testDescription)")
      #expect(digest == case_.sha256, "\(case_.testDescription)")
      #expect(g.bitGenerator.state == uint128(case_.state), "\(case_.testDescription)")
    }
  }
}
