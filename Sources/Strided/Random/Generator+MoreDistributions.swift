#if canImport(Glibc)
  import Glibc
#endif

// More of NumPy's Generator distributions, drawn as it draws them (the same
// bits consumed, the same values): binomial (inversion for n·p ≤ 30, else
// Kachitvichyanukul and Schmeiser's BTPE), geometric, negative binomial,
// and the transformations of uniforms, exponentials, normals and gammas.

extension PCG64 {
  /// One binomial count: `n` trials of probability `p` (0 ≤ p ≤ 1).
  mutating func binomial(_ n: Int, _ p: Double) -> Int {
    if n == 0 || p == 0 { return 0 }
    if p <= 0.5 {
      return Double(n) * p <= 30 ? binomialInversion(n, p) : binomialBTPE(n, p)
    }
    let q = 1 - p
    return n - (Double(n) * q <= 30 ? binomialInversion(n, q) : binomialBTPE(n, q))
  }

  /// Inversion: walk the probabilities from 0 until the uniform is spent,
  /// restarting beyond a bound of ten standard deviations.
  private mutating func binomialInversion(_ n: Int, _ p: Double) -> Int {
    let q = 1 - p
    let qn = exp(Double(n) * log(q))
    let np = Double(n) * p
    let bound = Swift.min(Double(n), np + 10 * (np * q + 1).squareRoot())
    var x = 0
    var px = qn
    var u = nextDouble()
    while u > px {
      x += 1
      if Double(x) > bound {
        x = 0
        px = qn
        u = nextDouble()
      } else {
        u -= px
        px = (Double(n - x + 1) * p * px) / (Double(x) * q)
      }
    }
    return x
  }

  /// BTPE for p ≤ 1/2 and n·p > 30: a triangle, two parallelograms and two
  /// exponential tails over the distribution, with squeezes before the
  /// exact test (Stirling's series past 20 steps from the mode).
  private mutating func binomialBTPE(_ n: Int, _ p: Double) -> Int {
    let nd = Double(n)
    let r = Swift.min(p, 1 - p)
    let q = 1 - r
    let fm = nd * r + r
    let m = Int(fm.rounded(.down))
    let md = Double(m)
    let p1 = (2.195 * (nd * r * q).squareRoot() - 4.6 * q).rounded(.down) + 0.5
    let xm = md + 0.5
    let xl = xm - p1
    let xr = xm + p1
    let c = 0.134 + 20.5 / (15.3 + md)
    var a = (fm - xl) / (fm - xl * r)
    let laml = a * (1 + a / 2)
    a = (xr - fm) / (xr * q)
    let lamr = a * (1 + a / 2)
    let p2 = p1 * (1 + 2 * c)
    let p3 = p2 + c / laml
    let p4 = p3 + c / lamr
    let nrq = nd * r * q
    while true {
      let u = nextDouble() * p4
      var v = nextDouble()
      var y: Int
      if u <= p1 {
        // The triangle: accepted at once.
        y = Int((xm - p1 * v + u).rounded(.down))
        return p > 0.5 ? n - y : y
      } else if u <= p2 {
        let x = xl + (u - p1) / c
        v = v * c + 1 - abs(md - x + 0.5) / p1
        if v > 1 { continue }
        y = Int(x.rounded(.down))
      } else if u <= p3 {
        let value = (xl + log(v) / laml).rounded(.down)
        if value < 0 || v == 0 { continue }
        y = Int(value)
        v = v * (u - p2) * laml
      } else {
        let value = (xr - log(v) / lamr).rounded(.down)
        if value > nd || v == 0 { continue }
        y = Int(value)
        v = v * (u - p3) * lamr
      }
      let k = abs(y - m)
      if !(k > 20 && Double(k) < nrq / 2 - 1) {
        // Near the mode: the probability ratio by recurrence.
        let s = r / q
        let aa = s * (nd + 1)
        var f = 1.0
        if m < y {
          for i in (m + 1)...y { f *= aa / Double(i) - s }
        } else if m > y {
          for i in (y + 1)...m { f /= aa / Double(i) - s }
        }
        if v > f { continue }
        return p > 0.5 ? n - y : y
      }
      let kd = Double(k)
      let rho = (kd / nrq) * ((kd * (kd / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5)
      let t = -kd * kd / (2 * nrq)
      let logV = log(v)
      if logV < t - rho { return p > 0.5 ? n - y : y }
      if logV > t + rho { continue }
      let x1 = Double(y + 1)
      let f1 = md + 1
      let z = nd + 1 - md
      let w = nd - Double(y) + 1
      func stirling(_ v: Double) -> Double {
        let v2 = v * v
        return (13680 - (462 - (132 - (99 - 140 / v2) / v2) / v2) / v2) / v / 166320
      }
      let bound =
        xm * log(f1 / x1) + (nd - md + 0.5) * log(z / w) + Double(y - m) * log(w * r / (x1 * q))
        + stirling(f1) + stirling(z) + stirling(x1) + stirling(w)
      if logV > bound { continue }
      return p > 0.5 ? n - y : y
    }
  }

  /// One geometric count (trials to the first success), p in (0, 1].
  mutating func geometric(_ p: Double) -> Int {
    if p >= 0.333333333333333333333333 {
      // Search: add the probabilities until they pass a uniform.
      var x = 1
      var sum = p
      var product = p
      let q = 1 - p
      let u = nextDouble()
      while u > sum {
        product *= q
        sum += product
        x += 1
      }
      return x
    }
    let z = (-standardExponential(ZigguratTables.exponential) / log1p(-p)).rounded(.up)
    return z >= 0x1p63 ? Int.max : Int(z)
  }
}

extension Generator {
  /// An array of `shape` filled by `draw`, the generator's state carried
  /// through.
  mutating func drawn<T: NDElement>(
    _ shape: Dimensions, _ operation: StaticString, _ draw: (inout PCG64) -> T
  ) throws(RandomError) -> NDArray<T> {
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return try Self.filled(shape, operation) { out, count in
      for i in 0..<count { out[i] = draw(&bits) }
    }
  }

  static func checkBinomial(_ n: Int, _ p: Double) throws(RandomError) {
    try check(n >= 0, "n < 0")
    try check(p >= 0 && p <= 1, "p < 0, p > 1 or p is NaN")
  }

  /// A binomial count: successes in `n` trials of probability `p`.
  ///
  /// NumPy: `rng.binomial(n, p)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"n < 0"`, `"p < 0,
  ///   p > 1 or p is NaN"`).
  public mutating func binomial(_ n: Int, _ p: Double) throws(RandomError) -> Int {
    try Self.checkBinomial(n, p)
    return bitGenerator.binomial(n, p)
  }

  /// An array of binomial counts.
  ///
  /// NumPy: `rng.binomial(n, p, size)` (`int64`).
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)``, before any draw.
  /// - Complexity: O(*n*) expected per count below n·p = 30, O(1) above.
  public mutating func binomial(_ n: Int, _ p: Double, shape: Dimensions) throws(RandomError) -> NDArray<Int> {
    try Self.checkBinomial(n, p)
    return try drawn(shape, "Generator.binomial") { $0.binomial(n, p) }
  }

  /// A geometric count: the trials up to and including the first success.
  ///
  /// NumPy: `rng.geometric(p)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"p <= 0, p > 1 or p
  ///   contains NaNs"`).
  public mutating func geometric(_ p: Double) throws(RandomError) -> Int {
    try Self.check(p > 0 && p <= 1, "p <= 0, p > 1 or p contains NaNs")
    return bitGenerator.geometric(p)
  }

  /// An array of geometric counts.
  ///
  /// NumPy: `rng.geometric(p, size)` (`int64`).
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)``, before any draw.
  public mutating func geometric(_ p: Double, shape: Dimensions) throws(RandomError) -> NDArray<Int> {
    try Self.check(p > 0 && p <= 1, "p <= 0, p > 1 or p contains NaNs")
    return try drawn(shape, "Generator.geometric") { $0.geometric(p) }
  }

  static func checkNegativeBinomial(_ n: Double, _ p: Double) throws(RandomError) {
    try check(!n.isNaN, "n must not be NaN")
    try check(n > 0, "n <= 0")
    try check(p > 0 && p <= 1, "p <= 0, p > 1 or p contains NaNs")
    try check((1 - p) / p * (n + 10 * n.squareRoot()) <= poissonLimit, "n too large or p too small")
  }

  /// A negative binomial count: failures before the `n`-th success, as a
  /// Poisson count whose mean is a gamma draw.
  ///
  /// NumPy: `rng.negative_binomial(n, p)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"n <= 0"`, `"p <= 0,
  ///   p > 1 or p contains NaNs"`, `"n too large or p too small"`).
  public mutating func negativeBinomial(_ n: Double, _ p: Double) throws(RandomError) -> Int {
    try Self.checkNegativeBinomial(n, p)
    return bitGenerator.poisson((1 - p) / p * bitGenerator.standardGamma(n))
  }

  /// An array of negative binomial counts.
  ///
  /// NumPy: `rng.negative_binomial(n, p, size)` (`int64`).
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)``, before any draw.
  public mutating func negativeBinomial(_ n: Double, _ p: Double, shape: Dimensions) throws(RandomError)
    -> NDArray<Int>
  {
    try Self.checkNegativeBinomial(n, p)
    return try drawn(shape, "Generator.negativeBinomial") { $0.poisson((1 - p) / p * $0.standardGamma(n)) }
  }

  /// An array of log-normal doubles: `exp(mean + sigma·z)`.
  ///
  /// NumPy: `rng.lognormal(mean, sigma, size)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"sigma < 0"`).
  public mutating func lognormal(mean: Double = 0, sigma: Double = 1, shape: Dimensions) throws(RandomError)
    -> NDArray<Double>
  {
    try Self.checkNonNegative(sigma, "sigma")
    return try drawn(shape, "Generator.lognormal") { exp(mean + sigma * $0.standardNormal(ZigguratTables.normal)) }
  }

  /// An array of `location + scale·x` for standard draws `x`; `standard`
  /// returns `nil` to reject a uniform and draw again.
  private mutating func locationScale(
    _ location: Double, _ scale: Double, _ shape: Dimensions, _ operation: StaticString,
    _ standard: (Double) -> Double?
  ) throws(RandomError) -> NDArray<Double> {
    try Self.checkNonNegative(scale, "scale")
    return try drawn(shape, operation) { bits in
      while true {
        if let x = standard(bits.nextDouble()) { return location + scale * x }
      }
    }
  }

  /// An array of Laplace (double exponential) doubles.
  ///
  /// NumPy: `rng.laplace(loc, scale, size)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"scale < 0"`).
  public mutating func laplace(location: Double = 0, scale: Double = 1, shape: Dimensions) throws(RandomError)
    -> NDArray<Double>
  {
    try locationScale(location, scale, shape, "Generator.laplace") { u in
      u >= 0.5 ? -log(2 - u - u) : u > 0 ? log(u + u) : nil
    }
  }

  /// An array of logistic doubles.
  ///
  /// NumPy: `rng.logistic(loc, scale, size)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"scale < 0"`).
  public mutating func logistic(location: Double = 0, scale: Double = 1, shape: Dimensions) throws(RandomError)
    -> NDArray<Double>
  {
    try locationScale(location, scale, shape, "Generator.logistic") { u in u > 0 ? log(u / (1 - u)) : nil }
  }

  /// An array of Gumbel doubles.
  ///
  /// NumPy: `rng.gumbel(loc, scale, size)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"scale < 0"`).
  public mutating func gumbel(location: Double = 0, scale: Double = 1, shape: Dimensions) throws(RandomError)
    -> NDArray<Double>
  {
    try locationScale(location, scale, shape, "Generator.gumbel") { u in
      1 - u < 1 ? -log(-log(1 - u)) : nil
    }
  }

  /// An array of Rayleigh doubles: `scale·√(2E)` for a standard
  /// exponential `E`.
  ///
  /// NumPy: `rng.rayleigh(scale, size)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"scale < 0"`).
  public mutating func rayleigh(scale: Double = 1, shape: Dimensions) throws(RandomError) -> NDArray<Double> {
    try Self.checkNonNegative(scale, "scale")
    return try drawn(shape, "Generator.rayleigh") { scale * (2 * $0.standardExponential(ZigguratTables.exponential)).squareRoot() }
  }

  /// An array of Weibull doubles of shape `a`: `E^(1/a)` for a standard
  /// exponential `E`; 0 when `a` is 0.
  ///
  /// NumPy: `rng.weibull(a, size)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"a < 0"`).
  public mutating func weibull(_ a: Double, shape: Dimensions) throws(RandomError) -> NDArray<Double> {
    try Self.checkNonNegative(a, "a")
    return try drawn(shape, "Generator.weibull") { a == 0 ? 0 : pow($0.standardExponential(ZigguratTables.exponential), 1 / a) }
  }

  /// An array of Pareto II (Lomax) doubles of shape `a`: `expm1(E / a)`.
  ///
  /// NumPy: `rng.pareto(a, size)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"a <= 0"`).
  public mutating func pareto(_ a: Double, shape: Dimensions) throws(RandomError) -> NDArray<Double> {
    try Self.checkPositive(a, "a")
    return try drawn(shape, "Generator.pareto") { expm1($0.standardExponential(ZigguratTables.exponential) / a) }
  }

  /// An array of power-distribution doubles in [0, 1] with exponent `a − 1`.
  ///
  /// NumPy: `rng.power(a, size)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"a <= 0"`).
  public mutating func power(_ a: Double, shape: Dimensions) throws(RandomError) -> NDArray<Double> {
    try Self.checkPositive(a, "a")
    return try drawn(shape, "Generator.power") { pow(-expm1(-$0.standardExponential(ZigguratTables.exponential)), 1 / a) }
  }

  /// An array of standard Cauchy doubles: a ratio of two standard normals.
  ///
  /// NumPy: `rng.standard_cauchy(size)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidShape(_:)`` for a negative size,
  ///   ``RandomError/sizeOverflow(operation:)`` or
  ///   ``RandomError/outOfMemory(byteCount:)``, before any draw.
  public mutating func standardCauchy(_ shape: Dimensions) throws(RandomError) -> NDArray<Double> {
    try drawn(shape, "Generator.standardCauchy") { bits in
      let numerator = bits.standardNormal(ZigguratTables.normal)
      return numerator / bits.standardNormal(ZigguratTables.normal)
    }
  }

  /// An array of Student's t doubles with `df` degrees of freedom.
  ///
  /// NumPy: `rng.standard_t(df, size)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"df <= 0"`).
  public mutating func standardT(degreesOfFreedom df: Double, shape: Dimensions) throws(RandomError) -> NDArray<Double> {
    try Self.checkPositive(df, "df")
    return try drawn(shape, "Generator.standardT") { bits in
      let numerator = bits.standardNormal(ZigguratTables.normal)
      let denominator = bits.standardGamma(df / 2)
      return (df / 2).squareRoot() * numerator / denominator.squareRoot()
    }
  }

  /// An array of F (Fisher–Snedecor) doubles.
  ///
  /// NumPy: `rng.f(dfnum, dfden, size)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"dfnum <= 0"`,
  ///   `"dfden <= 0"`).
  public mutating func f(numerator dfnum: Double, denominator dfden: Double, shape: Dimensions) throws(RandomError)
    -> NDArray<Double>
  {
    try Self.checkPositive(dfnum, "dfnum")
    try Self.checkPositive(dfden, "dfden")
    return try drawn(shape, "Generator.f") { bits in
      let top = 2 * bits.standardGamma(dfnum / 2) * dfden
      return top / (2 * bits.standardGamma(dfden / 2) * dfnum)
    }
  }

  /// An array of triangular doubles on [left, right] with the given mode.
  ///
  /// NumPy: `rng.triangular(left, mode, right, size)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"left > mode"`,
  ///   `"mode > right"`, `"left == right"`).
  public mutating func triangular(left: Double, mode: Double, right: Double, shape: Dimensions) throws(RandomError)
    -> NDArray<Double>
  {
    try Self.check(!(left > mode), "left > mode")
    try Self.check(!(mode > right), "mode > right")
    try Self.check(left != right, "left == right")
    let base = right - left
    let leftBase = mode - left
    let ratio = leftBase / base
    let leftProduct = leftBase * base
    let rightProduct = (right - mode) * base
    return try drawn(shape, "Generator.triangular") { bits in
      let u = bits.nextDouble()
      return u <= ratio ? left + (u * leftProduct).squareRoot() : right - ((1 - u) * rightProduct).squareRoot()
    }
  }
}
