import Testing

@testable import Strided

@Suite("Generator: errors, parameters and value semantics")
struct GeneratorBehaviourTests {
  /// Runs `body`, which must throw `expected`, and checks that the
  /// generator drew nothing.
  func expectNoDraw(
    _ expected: RandomError, _ body: (inout Generator) throws(RandomError) -> Void,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    var g = Generator(seed: 5)
    _ = g.random(as: Float.self)  // leaves a pending 32-bit half
    let before = g.bitGenerator
    #expect(throws: expected, sourceLocation: sourceLocation) { try body(&g) }
    #expect(g.bitGenerator == before, "a failed call drew numbers", sourceLocation: sourceLocation)
  }

  @Test("integers: empty ranges throw before drawing; an empty shape returns empty, as in NumPy")
  func integerErrors() throws {
    expectNoDraw(.emptyRange("3..<3")) { g throws(RandomError) in _ = try g.integers(in: 3..<3) }
    expectNoDraw(.emptyRange("0..<0")) { g throws(RandomError) in _ = try g.integers(in: 0..<0, shape: [4]) }
    expectNoDraw(.emptyRange("5..<2")) { g throws(RandomError) in
      _ = try g.integers(low: NDArray([0, 5]), high: NDArray([3, 2]))
    }
    var g = Generator(seed: 7)
    let empty = try g.integers(in: 5..<5, shape: [0, 3])
    #expect(empty.shape == [0, 3])
    #expect(g.bitGenerator == Generator(seed: 7).bitGenerator)
    // rng.integers(5, size=()), then rng.integers(0, 1, size=3)
    #expect(try g.integers(in: 0..<5, shape: []).elements == [4])
    #expect(try g.integers(in: 0..<1, shape: [3]).elements == [0, 0, 0])
    #expect(g.integers(in: Int8.max...Int8.max) == 127)
  }

  @Test("uniform: high − low must be finite and not negative (−0 included); equal bounds give low")
  func uniformBounds() throws {
    for (low, high) in [(0.0, -0.0), (0, -1), (0, .infinity), (-Double.greatestFiniteMagnitude, .greatestFiniteMagnitude)] {
      expectNoDraw(.invalidBounds(low: low, high: high)) { g throws(RandomError) in _ = try g.uniform(low: low, high: high) }
    }
    var g = Generator(seed: 7)
    #expect(throws: RandomError.self) { try g.uniform(low: .nan, high: 1) }
    #expect(g.bitGenerator == Generator(seed: 7).bitGenerator)
    #expect(try g.uniform(low: 5, high: 5, shape: [2]).elements == [5, 5])
    expectNoDraw(.invalidBounds(low: 1, high: 0)) { g throws(RandomError) in
      _ = try g.uniform(low: NDArray([0, 1]), high: NDArray([1, 0]))
    }
    expectNoDraw(.shapeMismatch(parameters: [[2], [3]], shape: [])) { g throws(RandomError) in
      _ = try g.uniform(low: NDArray([0, 1]), high: NDArray([1, 2, 3]))
    }
    expectNoDraw(.shapeMismatch(parameters: [[2], [2]], shape: [3])) { g throws(RandomError) in
      _ = try g.uniform(low: NDArray([0, 1]), high: NDArray([1, 2]), shape: [3])
    }
  }

  @Test("normal and exponential: a negative or −0 scale throws; NaN passes and gives NaN")
  func scales() throws {
    for scale in [-1.0, -0.0, -.infinity] {
      expectNoDraw(.negativeScale(scale)) { g throws(RandomError) in _ = try g.normal(standardDeviation: scale) }
      expectNoDraw(.negativeScale(scale)) { g throws(RandomError) in _ = try g.exponential(scale: scale, shape: [3]) }
    }
    expectNoDraw(.negativeScale(-2)) { g throws(RandomError) in
      _ = try g.normal(mean: NDArray([0, 0]), standardDeviation: NDArray([1, -2]))
    }
    var g = Generator(seed: 7)
    #expect(try g.normal(standardDeviation: .nan, shape: [2]).elements.allSatisfy(\.isNaN))
    #expect(try g.normal(mean: 4, standardDeviation: 0) == 4)
  }

  @Test("the gamma family, binomials, Poisson and the rest: NumPy's parameter checks and messages, before any draw")
  func distributionParameters() throws {
    for k in [-1.0, -0.0, -.infinity] {
      expectNoDraw(.invalidParameter("shape < 0")) { g throws(RandomError) in _ = try g.standardGamma(k) }
      expectNoDraw(.invalidParameter("shape < 0")) { g throws(RandomError) in _ = try g.gamma(k, shape: [3]) }
      expectNoDraw(.invalidParameter("scale < 0")) { g throws(RandomError) in _ = try g.gamma(2, scale: k) }
    }
    for value in [0.0, -1.0] {
      expectNoDraw(.invalidParameter("df <= 0")) { g throws(RandomError) in _ = try g.chisquare(degreesOfFreedom: value) }
      expectNoDraw(.invalidParameter("a <= 0")) { g throws(RandomError) in _ = try g.beta(value, 1, shape: [2]) }
      expectNoDraw(.invalidParameter("b <= 0")) { g throws(RandomError) in _ = try g.beta(1, value) }
    }
    for lambda in [-1.0, .nan] {
      expectNoDraw(.invalidParameter("lam < 0 or lam is NaN")) { g throws(RandomError) in _ = try g.poisson(lambda) }
    }
    expectNoDraw(.invalidParameter("lam value too large")) { g throws(RandomError) in
      _ = try g.poisson(1e19, shape: [2])
    }
    expectNoDraw(.invalidParameter("n < 0")) { g throws(RandomError) in _ = try g.binomial(-1, 0.5) }
    for p in [-0.1, 1.5, .nan] {
      expectNoDraw(.invalidParameter("p < 0, p > 1 or p is NaN")) { g throws(RandomError) in
        _ = try g.binomial(5, p, shape: [2])
      }
    }
    for p in [0.0, 1.5, .nan] {
      expectNoDraw(.invalidParameter("p <= 0, p > 1 or p contains NaNs")) { g throws(RandomError) in
        _ = try g.geometric(p)
      }
      expectNoDraw(.invalidParameter("p <= 0, p > 1 or p contains NaNs")) { g throws(RandomError) in
        _ = try g.negativeBinomial(2, p)
      }
    }
    expectNoDraw(.invalidParameter("n <= 0")) { g throws(RandomError) in _ = try g.negativeBinomial(0, 0.5) }
    expectNoDraw(.invalidParameter("n must not be NaN")) { g throws(RandomError) in _ = try g.negativeBinomial(.nan, 0.5) }
    expectNoDraw(.invalidParameter("n too large or p too small")) { g throws(RandomError) in
      _ = try g.negativeBinomial(1e18, 1e-10)
    }
    expectNoDraw(.invalidParameter("sigma < 0")) { g throws(RandomError) in _ = try g.lognormal(sigma: -1, shape: [2]) }
    for name in ["laplace", "logistic", "gumbel", "rayleigh"] {
      expectNoDraw(.invalidParameter("scale < 0")) { g throws(RandomError) in
        switch name {
        case "laplace": _ = try g.laplace(scale: -0.0, shape: [2])
        case "logistic": _ = try g.logistic(scale: -1, shape: [2])
        case "gumbel": _ = try g.gumbel(scale: -1, shape: [2])
        default: _ = try g.rayleigh(scale: -1, shape: [2])
        }
      }
    }
    expectNoDraw(.invalidParameter("a < 0")) { g throws(RandomError) in _ = try g.weibull(-1, shape: [2]) }
    expectNoDraw(.invalidParameter("a <= 0")) { g throws(RandomError) in _ = try g.pareto(0, shape: [2]) }
    expectNoDraw(.invalidParameter("a <= 0")) { g throws(RandomError) in _ = try g.power(0, shape: [2]) }
    expectNoDraw(.invalidParameter("df <= 0")) { g throws(RandomError) in _ = try g.standardT(degreesOfFreedom: 0, shape: [2]) }
    expectNoDraw(.invalidParameter("dfnum <= 0")) { g throws(RandomError) in _ = try g.f(numerator: 0, denominator: 1, shape: [2]) }
    expectNoDraw(.invalidParameter("dfden <= 0")) { g throws(RandomError) in _ = try g.f(numerator: 1, denominator: 0, shape: [2]) }
    expectNoDraw(.invalidParameter("left > mode")) { g throws(RandomError) in
      _ = try g.triangular(left: 2, mode: 1, right: 3, shape: [2])
    }
    expectNoDraw(.invalidParameter("mode > right")) { g throws(RandomError) in
      _ = try g.triangular(left: 0, mode: 4, right: 3, shape: [2])
    }
    expectNoDraw(.invalidParameter("left == right")) { g throws(RandomError) in
      _ = try g.triangular(left: 1, mode: 1, right: 1, shape: [2])
    }
    // As NumPy: NaN shapes and parameters give NaN; zero shapes and means give 0.
    var g = Generator(seed: 3)
    #expect(try g.standardGamma(.nan).isNaN && g.beta(1, .nan).isNaN && g.chisquare(degreesOfFreedom: .nan).isNaN)
    #expect(try g.gamma(0, shape: [4]).elements == [0, 0, 0, 0] && g.poisson(0, shape: [3]).elements == [0, 0, 0])
    #expect(try g.poisson(-0.0) == 0)
    #expect(try g.poisson(Generator.poissonLimit) > 0)
    #expect(try g.binomial(0, 0.5) == 0 && g.binomial(7, 0) == 0 && g.binomial(7, 1) == 7)
    #expect(try g.geometric(1) == 1 && g.weibull(0, shape: [2]).elements == [0, 0])
    #expect(try g.binomial(1 << 62, 0.3) > 0)
  }

  @Test("choice: NumPy's checks on the population and the weights, all before any draw")
  func choiceErrors() {
    expectNoDraw(.emptyPopulation) { g throws(RandomError) in _ = try g.choice(from: 0, shape: [1]) }
    expectNoDraw(.emptyPopulation) { g throws(RandomError) in _ = try g.choice(from: -3) }
    expectNoDraw(.sampleLargerThanPopulation(count: 6, population: 5)) { g throws(RandomError) in
      _ = try g.choice(from: 5, shape: [2, 3], replace: false)
    }
    expectNoDraw(.probabilityCountMismatch(count: 2, population: 3)) { g throws(RandomError) in
      _ = try g.choice(from: 3, probabilities: [0.5, 0.5])
    }
    expectNoDraw(.probabilitiesContainNaN) { g throws(RandomError) in
      _ = try g.choice(from: 2, probabilities: [.nan, 1])
    }
    expectNoDraw(.negativeProbability(index: 1, value: -0.5)) { g throws(RandomError) in
      _ = try g.choice(from: 3, probabilities: [1, -0.5, 0.5])
    }
    expectNoDraw(.probabilitiesDoNotSumToOne(sum: 0)) { g throws(RandomError) in
      _ = try g.choice(from: 2, probabilities: [0, 0])
    }
    expectNoDraw(.probabilitiesDoNotSumToOne(sum: 1.001)) { g throws(RandomError) in
      _ = try g.choice(from: 2, probabilities: [0.5, 0.501])
    }
    expectNoDraw(.tooFewNonzeroProbabilities(nonzero: 1, count: 2)) { g throws(RandomError) in
      _ = try g.choice(from: 3, shape: [2], replace: false, probabilities: [0, 1, 0])
    }
  }

  @Test("choice, permutation and shuffle of arrays along an axis give NumPy's results")
  func arraysAlongAxes() throws {
    let a = try NDArray<Int>.arange(to: 12).reshaped(to: [3, 4])
    var g = Generator(seed: 7)
    // rng.choice(a, 5, axis=1)
    #expect(try g.choice(from: a, shape: [5], axis: 1) == [[3, 2, 2, 3, 2], [7, 6, 6, 7, 6], [11, 10, 10, 11, 10]])
    g = Generator(seed: 7)
    #expect(try g.choice(from: a, shape: [2], replace: false) == [[4, 5, 6, 7], [8, 9, 10, 11]])
    g = Generator(seed: 7)
    #expect(try g.permutation(of: a, axis: 1) == [[0, 2, 1, 3], [4, 6, 5, 7], [8, 10, 9, 11]])
    g = Generator(seed: 7)
    let b = a.copy()
    try g.shuffle(b, axis: -1)
    #expect(b == [[0, 2, 1, 3], [4, 6, 5, 7], [8, 10, 9, 11]])
    // rng.permuted(a.T[::-1]): NumPy shuffles in the order of the strides.
    g = Generator(seed: 7)
    #expect(try g.permuted(a.transposed().flipped(axis: 0)) == [[7, 2, 1], [5, 0, 6], [9, 11, 10], [3, 4, 8]])

    expectNoDraw(.readOnly) { g throws(RandomError) in try g.shuffle(a.asReadOnly()) }
    expectNoDraw(.axisOutOfRange(axis: 2, rank: 2)) { g throws(RandomError) in try g.shuffle(a, axis: 2) }
    expectNoDraw(.axisOutOfRange(axis: 0, rank: 0)) { g throws(RandomError) in
      _ = try g.permutation(of: NDArray(scalar: 1.0))
    }
    expectNoDraw(.axisOutOfRange(axis: -3, rank: 2)) { g throws(RandomError) in _ = try g.permuted(a, axis: -3) }
  }

  @Test("Independent streams: spawn and jumped match NumPy's")
  func streams() throws {
    var g = Generator(seed: 42)
    var children = g.spawn(2)
    // [c.random() for c in default_rng(42).spawn(2)]
    #expect(children[0].random() == 0x1.d55f7d7efeabap-1)
    #expect(children[1].random() == 0x1.deb5e72c4c7d0p-2)
    #expect(try children[0].integers(in: 0..<100) == 58)
    #expect(try children[1].integers(in: 0..<100) == 18)
    #expect(g.seedSequence?.childrenSpawned == 2)
    // Generator(PCG64(42).jumped()).random(), and jumped(3)
    var jumped = Generator(seed: 42).jumped()
    #expect(jumped.random() == 0x1.83278cba45229p-1)
    jumped = Generator(seed: 42).jumped(3)
    #expect(jumped.random() == 0x1.89cc9c116fa70p-1)
  }

  @Test("A value type: copies repeat each other; usable from tasks and as Swift's RandomNumberGenerator")
  func valueSemantics() async {
    var a = Generator(seed: 3)
    _ = a.random(as: Float.self)
    var b = a
    #expect(a.random([5]) == b.random([5]))
    #expect(a.standardNormal(as: Float.self) == b.standardNormal(as: Float.self))
    let sums = await withTaskGroup(of: Double.self) { group in
      for child in a.spawn(3) {
        group.addTask {
          var g = child
          return g.random([100]).sum()
        }
      }
      return await group.reduce(0, +)
    }
    #expect(sums > 0 && sums < 300)
    let k = Int.random(in: 0..<10, using: &b)
    #expect((0..<10).contains(k))
    #expect([1, 2, 3].shuffled(using: &b).sorted() == [1, 2, 3])
  }
}
