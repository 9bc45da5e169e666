#if canImport(Glibc)
  import Glibc
#endif

// The gamma family and Poisson counts, drawn as NumPy's Generator draws
// them, so that the same seed gives the same values bit for bit: gamma by
// Marsaglia and Tsang's method on ziggurat normals (shape > 1) or by
// rejection on exponentials (shape < 1); beta by Jöhnk's method when both
// parameters are at most 1, else as a ratio of gammas; Poisson by
// multiplying uniforms (λ < 10) or by Hörmann's transformed rejection
// (PTRS, λ ≥ 10).

extension PCG64 {
  /// One standard gamma double of shape `k` (NaN for NaN).
  mutating func standardGamma(_ k: Double) -> Double {
    if k == 1 { return standardExponential(ZigguratTables.exponential) }
    if k == 0 { return 0 }
    if k < 1 {
      while true {
        let u = nextDouble()
        let v = standardExponential(ZigguratTables.exponential)
        if u <= 1 - k {
          let x = pow(u, 1 / k)
          if x <= v { return x }
        } else {
          let y = -log((1 - u) / k)
          let x = pow(1 - k + k * y, 1 / k)
          if x <= v + y { return x }
        }
      }
    }
    let b = k - 1.0 / 3.0
    let c = 1 / (9 * b).squareRoot()
    while true {
      var x = 0.0
      var v = 0.0
      repeat {
        x = standardNormal(ZigguratTables.normal)
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = nextDouble()
      if u < 1 - 0.0331 * (x * x) * (x * x) { return b * v }
      if log(u) < 0.5 * x * x + b * (1 - v + log(v)) { return b * v }
    }
  }

  /// One beta double.
  mutating func beta(_ a: Double, _ b: Double) -> Double {
    guard a <= 1 && b <= 1 else {
      let ga = standardGamma(a)
      let gb = standardGamma(b)
      return ga / (ga + gb)
    }
    while true {
      let u = nextDouble()
      let v = nextDouble()
      let x = pow(u, 1 / a)
      let y = pow(v, 1 / b)
      let sum = x + y
      // Both powers can underflow to 0 (u and v tiny): reject only when
      // both are exactly 0, and take the ratio in logarithms otherwise.
      guard sum <= 1 && sum > 0 else { continue }
      if x + y > 0 { return x / sum }
      var logX = log(u) / a
      var logY = log(v) / b
      let largest = Swift.max(logX, logY)
      logX -= largest
      logY -= largest
      return exp(logX - log(exp(logX) + exp(logY)))
    }
  }

  /// One Poisson count of mean `lambda` (0 ≤ λ ≤ ``Generator/poissonLimit``).
  mutating func poisson(_ lambda: Double) -> Int {
    if lambda >= 10 { return poissonRejection(lambda) }
    if lambda == 0 { return 0 }
    // Count uniforms until their product falls to e^−λ.
    let limit = exp(-lambda)
    var count = 0
    var product = 1.0
    while true {
      product *= nextDouble()
      if product > limit { count += 1 } else { return count }
    }
  }

  /// PTRS: a transformed-rejection draw with its squeeze (Hörmann 1993).
  private mutating func poissonRejection(_ lambda: Double) -> Int {
    let root = lambda.squareRoot()
    let logLambda = log(lambda)
    let b = 0.931 + 2.53 * root
    let a = -0.059 + 0.02483 * b
    let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
    let acceptance = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = nextDouble() - 0.5
      let v = nextDouble()
      let us = 0.5 - abs(u)
      // A value beyond Int's range (us near 0) is a rejection, as the
      // conversion's out-of-range result is in NumPy's C.
      let value = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
      let k = value >= -0x1p63 && value < 0x1p63 ? Int(value) : Int.min
      if us >= 0.07 && v <= acceptance { return k }
      if k < 0 || (us < 0.013 && v > us) { continue }
      if log(v) + log(inverseAlpha) - log(a / (us * us) + b) <= -lambda + Double(k) * logLambda - logGamma(Double(k) + 1) {
        return k
      }
    }
  }
}

/// log Γ(x) for x > 0, by the asymptotic series with the recurrence below
/// 7 (Zhang and Jin's method, as NumPy's generator computes it, so that
/// Poisson draws agree to the bit).
func logGamma(_ x: Double) -> Double {
  let coefficients = [
    8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04,
    8.417508417508418e-04, -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02,
    1.796443723688307e-01, -1.39243221690590e+00,
  ]
  if x == 1 || x == 2 { return 0 }
  var shifted = x
  var steps = 0
  if x <= 7 {
    steps = Int(7 - x)
    shifted = x + Double(steps)
  }
  let inverseSquare = 1 / (shifted * shifted)
  var series = coefficients[9]
  for i in stride(from: 8, through: 0, by: -1) {
    series *= inverseSquare
    series += coefficients[i]
  }
  var result = series / shifted + 0.5 * log(2 * Double.pi) + (shifted - 0.5) * log(shifted) - shifted
  if x <= 7 {
    for _ in 0..<steps {
      result -= log(shifted - 1)
      shifted -= 1
    }
  }
  return result
}

extension Generator {
  /// The largest Poisson mean NumPy accepts: 2⁶³ − 1 − 10·√(2⁶³ − 1).
  public static let poissonLimit = Double(Int64.max) - Double(Int64.max).squareRoot() * 10

  /// Throws ``RandomError/invalidParameter(_:)`` with NumPy's `message`
  /// unless `condition` holds.
  static func check(_ condition: Bool, _ message: String) throws(RandomError) {
    if !condition { throw .invalidParameter(message) }
  }

  static func checkNonNegative(_ value: Double, _ name: String) throws(RandomError) {
    try check(!isNegative(value), "\(name) < 0")
  }

  static func checkPositive(_ value: Double, _ name: String) throws(RandomError) {
    try check(!(value <= 0), "\(name) <= 0")
  }

  static func checkPoisson(_ lambda: Double) throws(RandomError) {
    try check(lambda >= 0, "lam < 0 or lam is NaN")
    try check(lambda <= poissonLimit, "lam value too large")
  }

  /// A standard gamma double (scale 1) of shape `k`; NaN for NaN.
  ///
  /// NumPy: `rng.standard_gamma(shape)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"shape < 0"`) when
  ///   `k` is negative or −0.
  public mutating func standardGamma(_ k: Double) throws(RandomError) -> Double {
    try Self.checkNonNegative(k, "shape")
    return bitGenerator.standardGamma(k)
  }

  /// An array of standard gamma doubles of shape `k`.
  ///
  /// NumPy: `rng.standard_gamma(k, shape)`.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)``, before any draw.
  /// - Precondition: No size in `shape` is negative.
  /// - Complexity: O(*n*) expected.
  public mutating func standardGamma(_ k: Double, shape: Dimensions) throws(RandomError) -> NDArray<Double> {
    try gamma(k, scale: 1, shape: shape)
  }

  /// A gamma double of shape `k` and the given scale.
  ///
  /// NumPy: `rng.gamma(shape, scale)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"shape < 0"`,
  ///   `"scale < 0"`).
  public mutating func gamma(_ k: Double, scale: Double = 1) throws(RandomError) -> Double {
    try Self.checkNonNegative(k, "shape")
    try Self.checkNonNegative(scale, "scale")
    return scale * bitGenerator.standardGamma(k)
  }

  /// An array of gamma doubles.
  ///
  /// NumPy: `rng.gamma(shape, scale, size)`.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)``, before any draw.
  /// - Precondition: No size in `shape` is negative.
  /// - Complexity: O(*n*) expected.
  public mutating func gamma(_ k: Double, scale: Double = 1, shape: Dimensions) throws(RandomError) -> NDArray<Double> {
    try Self.checkNonNegative(k, "shape")
    try Self.checkNonNegative(scale, "scale")
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return try Self.filled(shape, "Generator.gamma") { out, count in
      for i in 0..<count { out[i] = scale == 1 ? bits.standardGamma(k) : scale * bits.standardGamma(k) }
    }
  }

  /// A chi-square double with `degreesOfFreedom`: twice a gamma of half
  /// that shape.
  ///
  /// NumPy: `rng.chisquare(df)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"df <= 0"`).
  public mutating func chisquare(degreesOfFreedom df: Double) throws(RandomError) -> Double {
    try Self.checkPositive(df, "df")
    return 2 * bitGenerator.standardGamma(df / 2)
  }

  /// An array of chi-square doubles.
  ///
  /// NumPy: `rng.chisquare(df, size)`.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)``, before any draw.
  /// - Complexity: O(*n*) expected.
  public mutating func chisquare(degreesOfFreedom df: Double, shape: Dimensions) throws(RandomError)
    -> NDArray<Double>
  {
    try Self.checkPositive(df, "df")
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return try Self.filled(shape, "Generator.chisquare") { out, count in
      for i in 0..<count { out[i] = 2 * bits.standardGamma(df / 2) }
    }
  }

  /// A beta double in [0, 1].
  ///
  /// NumPy: `rng.beta(a, b)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)`` (`"a <= 0"`,
  ///   `"b <= 0"`); NaN passes and gives NaN, as in NumPy.
  public mutating func beta(_ a: Double, _ b: Double) throws(RandomError) -> Double {
    try Self.checkPositive(a, "a")
    try Self.checkPositive(b, "b")
    return bitGenerator.beta(a, b)
  }

  /// An array of beta doubles.
  ///
  /// NumPy: `rng.beta(a, b, size)`.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)``, before any draw.
  /// - Complexity: O(*n*) expected.
  public mutating func beta(_ a: Double, _ b: Double, shape: Dimensions) throws(RandomError) -> NDArray<Double> {
    try Self.checkPositive(a, "a")
    try Self.checkPositive(b, "b")
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return try Self.filled(shape, "Generator.beta") { out, count in
      for i in 0..<count { out[i] = bits.beta(a, b) }
    }
  }

  /// A Poisson count with mean `lambda`.
  ///
  /// NumPy: `rng.poisson(lam)`, bit for bit.
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)``: `"lam < 0 or lam is
  ///   NaN"`, or `"lam value too large"` above ``poissonLimit``.
  public mutating func poisson(_ lambda: Double = 1) throws(RandomError) -> Int {
    try Self.checkPoisson(lambda)
    return bitGenerator.poisson(lambda)
  }

  /// An array of Poisson counts.
  ///
  /// NumPy: `rng.poisson(lam, size)` (`int64`).
  ///
  /// - Throws: ``RandomError/invalidParameter(_:)``, before any draw.
  /// - Complexity: O(*n*) expected; O(λ) per count below λ = 10.
  public mutating func poisson(_ lambda: Double = 1, shape: Dimensions) throws(RandomError) -> NDArray<Int> {
    try Self.checkPoisson(lambda)
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return try Self.filled(shape, "Generator.poisson") { out, count in
      for i in 0..<count { out[i] = bits.poisson(lambda) }
    }
  }
}
