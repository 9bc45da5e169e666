#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One ziggurat's tables as raw pointers, made once and never freed, so
/// that the draw loops index them without bounds checks or lazy-global
/// checks.
struct ZigguratLayers<Threshold: FixedWidthInteger, Value: BinaryFloatingPoint>: @unchecked Sendable {
  let k: UnsafePointer<Threshold>
  let w: UnsafePointer<Value>
  let f: UnsafePointer<Value>

  init<Bits: FixedWidthInteger>(k: [Threshold], w: [Bits], f: [Bits], _ value: (Bits) -> Value) {
    precondition(k.count == 256 && w.count == 256 && f.count == 256)
    func table<T>(_ values: [T]) -> UnsafePointer<T> {
      let pointer = UnsafeMutablePointer<T>.allocate(capacity: values.count)
      pointer.initialize(from: values, count: values.count)
      return UnsafePointer(pointer)
    }
    self.k = table(k)
    self.w = table(w.map(value))
    self.f = table(f.map(value))
  }
}

/// The four ziggurats, built on first use.
enum ZigguratTables {
  static let normal = ZigguratLayers<UInt64, Double>(
    k: Ziggurat.normalK, w: Ziggurat.normalW, f: Ziggurat.normalF, Double.init(bitPattern:))
  static let normalFloat = ZigguratLayers<UInt32, Float>(
    k: Ziggurat.normalKFloat, w: Ziggurat.normalWFloat, f: Ziggurat.normalFFloat, Float.init(bitPattern:))
  static let exponential = ZigguratLayers<UInt64, Double>(
    k: Ziggurat.exponentialK, w: Ziggurat.exponentialW, f: Ziggurat.exponentialF, Double.init(bitPattern:))
  static let exponentialFloat = ZigguratLayers<UInt32, Float>(
    k: Ziggurat.exponentialKFloat, w: Ziggurat.exponentialWFloat, f: Ziggurat.exponentialFFloat,
    Float.init(bitPattern:))
}

// MARK: - The draws, as NumPy makes them

extension PCG64 {
  /// One standard normal double: NumPy's 256-layer ziggurat on one 64-bit
  /// draw (8 bits of layer, a sign bit, 52 bits of mantissa).
  @inline(__always)
  mutating func standardNormal(_ t: ZigguratLayers<UInt64, Double>) -> Double {
    while true {
      let bits = next()
      let layer = Int(truncatingIfNeeded: bits & 0xff)
      let negative = (bits >> 8) & 1 != 0
      let mantissa = (bits >> 9) & 0x000f_ffff_ffff_ffff
      let magnitude = Double(mantissa) * t.w[layer]
      let x = negative ? -magnitude : magnitude
      if mantissa < t.k[layer] { return x }
      if let y = normalEdge(layer, mantissa, x, t) { return y }
    }
  }

  /// The rare part of the double ziggurat: the tail beyond r (layer 0) or
  /// the wedge between two layers; `nil` means draw again.
  @inline(never)
  mutating func normalEdge(_ layer: Int, _ mantissa: UInt64, _ x: Double, _ t: ZigguratLayers<UInt64, Double>)
    -> Double?
  {
    if layer == 0 {
      while true {
        let xx = -Ziggurat.normalInverseR * log1p(-nextDouble())
        let yy = -log1p(-nextDouble())
        if yy + yy > xx * xx {
          return (mantissa >> 8) & 1 != 0 ? -(Ziggurat.normalR + xx) : Ziggurat.normalR + xx
        }
      }
    }
    let u = nextDouble()
    return (t.f[layer - 1] - t.f[layer]) * u + t.f[layer] < exp(-0.5 * x * x) ? x : nil
  }

  /// One standard normal float: the float ziggurat on one 32-bit draw.
  @inline(__always)
  mutating func standardNormal(_ t: ZigguratLayers<UInt32, Float>) -> Float {
    while true {
      let bits = next32()
      let layer = Int(truncatingIfNeeded: bits & 0xff)
      let negative = (bits >> 8) & 1 != 0
      let mantissa = (bits >> 9) & 0x7f_ffff
      let magnitude = Float(mantissa) * t.w[layer]
      let x = negative ? -magnitude : magnitude
      if mantissa < t.k[layer] { return x }
      if let y = normalEdge(layer, mantissa, x, t) { return y }
    }
  }

  /// The tail and wedges of the float ziggurat. The wedge compares
  /// against the double `exp`, as NumPy does.
  @inline(never)
  mutating func normalEdge(_ layer: Int, _ mantissa: UInt32, _ x: Float, _ t: ZigguratLayers<UInt32, Float>)
    -> Float?
  {
    if layer == 0 {
      while true {
        let xx = -Ziggurat.normalInverseRFloat * log1pf(-nextFloat())
        let yy = -log1pf(-nextFloat())
        if yy + yy > xx * xx {
          return (mantissa >> 8) & 1 != 0 ? -(Ziggurat.normalRFloat + xx) : Ziggurat.normalRFloat + xx
        }
      }
    }
    let edge = (t.f[layer - 1] - t.f[layer]) * nextFloat() + t.f[layer]
    let wide = Double(x)
    return Double(edge) < exp(-0.5 * wide * wide) ? x : nil
  }

  /// One standard exponential double: the exponential ziggurat on the top
  /// 61 bits of one draw (8 bits of layer, 53 of mantissa).
  @inline(__always)
  mutating func standardExponential(_ t: ZigguratLayers<UInt64, Double>) -> Double {
    while true {
      let bits = next() >> 3
      let layer = Int(truncatingIfNeeded: bits & 0xff)
      let mantissa = bits >> 8
      let x = Double(mantissa) * t.w[layer]
      if mantissa < t.k[layer] { return x }
      if layer == 0 { return Ziggurat.exponentialR - log1p(-nextDouble()) }
      if (t.f[layer - 1] - t.f[layer]) * nextDouble() + t.f[layer] < exp(-x) { return x }
    }
  }

  /// One standard exponential float, with the wedge test in `Float`.
  @inline(__always)
  mutating func standardExponential(_ t: ZigguratLayers<UInt32, Float>) -> Float {
    while true {
      let bits = next32() >> 1
      let layer = Int(truncatingIfNeeded: bits & 0xff)
      let mantissa = bits >> 8
      let x = Float(mantissa) * t.w[layer]
      if mantissa < t.k[layer] { return x }
      if layer == 0 { return Ziggurat.exponentialRFloat - log1pf(-nextFloat()) }
      if (t.f[layer - 1] - t.f[layer]) * nextFloat() + t.f[layer] < expf(-x) { return x }
    }
  }
}

// MARK: - Normal

extension Generator {
  /// A standard normal double (mean 0, standard deviation 1).
  ///
  /// NumPy: `rng.standard_normal()`.
  public mutating func standardNormal() -> Double {
    bitGenerator.standardNormal(ZigguratTables.normal)
  }

  /// A standard normal `Float` (from the float ziggurat on a 32-bit
  /// draw) or `Double`.
  ///
  /// NumPy: `rng.standard_normal(dtype=np.float32)`.
  public mutating func standardNormal<T: NDComplexComponent>(as _: T.Type) -> T {
    T.self == Float.self
      ? T(bitGenerator.standardNormal(ZigguratTables.normalFloat))
      : T(bitGenerator.standardNormal(ZigguratTables.normal))
  }

  /// An array of standard normal doubles.
  ///
  /// NumPy: `rng.standard_normal(shape)`.
  ///
  /// - Precondition: No size in `shape` is negative.
  /// - Complexity: O(*n*).
  public mutating func standardNormal(_ shape: Dimensions) -> NDArray<Double> {
    standardNormal(shape, as: Double.self)
  }

  /// An array of standard normal `Float`s or `Double`s. Floats come from
  /// NumPy's float ziggurat on 32-bit draws, not from rounded doubles.
  ///
  /// NumPy: `rng.standard_normal(shape, dtype=np.float32)`.
  ///
  /// - Precondition: No size in `shape` is negative and the result fits
  ///   in memory; ``normal(mean:standardDeviation:shape:)`` (the same
  ///   values for the default parameters) throws instead.
  /// - Complexity: O(*n*).
  public mutating func standardNormal<T: NDComplexComponent>(_ shape: Dimensions, as _: T.Type) -> NDArray<T> {
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return Self.trapping("Generator.standardNormal", "normal(shape:)") { () throws(RandomError) in
      if T.self == Float.self {
        let t = ZigguratTables.normalFloat
        let result: NDArray<Float> = try Self.filled(shape, "Generator.standardNormal") { out, count in
          for i in 0..<count { out[i] = bits.standardNormal(t) }
        }
        return NDArray(unchecked: result.view)
      }
      let t = ZigguratTables.normal
      let result: NDArray<Double> = try Self.filled(shape, "Generator.standardNormal") { out, count in
        for i in 0..<count { out[i] = bits.standardNormal(t) }
      }
      return NDArray(unchecked: result.view)
    }
  }

  static func checkScale(_ scale: Double) throws(RandomError) {
    if isNegative(scale) { throw .negativeScale(scale) }
  }

  /// NumPy's test of a parameter that must not be negative: a set sign bit
  /// fails (−0 too); NaN passes.
  static func isNegative(_ value: Double) -> Bool { value.sign == .minus && !value.isNaN }

  /// A normal double: `mean + standardDeviation·z`.
  ///
  /// NumPy: `rng.normal(loc, scale)`.
  ///
  /// - Throws: ``RandomError/negativeScale(_:)`` when the standard
  ///   deviation is negative or −0.
  public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) throws(RandomError) -> Double {
    try Self.checkScale(standardDeviation)
    return mean + standardDeviation * standardNormal()
  }

  /// An array of normal doubles.
  ///
  /// NumPy: `rng.normal(loc, scale, shape)`.
  ///
  /// - Throws: ``RandomError/negativeScale(_:)``, before any draw.
  /// - Precondition: No size in `shape` is negative.
  /// - Complexity: O(*n*).
  public mutating func normal(mean: Double = 0, standardDeviation: Double = 1, shape: Dimensions)
    throws(RandomError) -> NDArray<Double>
  {
    try Self.checkScale(standardDeviation)
    var bits = bitGenerator
    defer { bitGenerator = bits }
    let t = ZigguratTables.normal
    return try Self.filled(shape, "Generator.normal") { out, count in
      for i in 0..<count { out[i] = mean + standardDeviation * bits.standardNormal(t) }
    }
  }

  /// Normal doubles with a mean and standard deviation per element; the
  /// parameters broadcast together (and to `shape`, when given).
  ///
  /// NumPy: `rng.normal(loc_array, scale_array, size)`.
  ///
  /// - Throws: ``RandomError/shapeMismatch(parameters:shape:)`` or
  ///   ``RandomError/negativeScale(_:)``, before any draw.
  /// - Complexity: O(*n*).
  public mutating func normal(mean: NDArray<Double>, standardDeviation: NDArray<Double>, shape: Dimensions? = nil)
    throws(RandomError) -> NDArray<Double>
  {
    let (target, values) = try Self.broadcastParameters([mean, standardDeviation], shape: shape)
    let means = values[0]
    let scales = values[1]
    for scale in scales { try Self.checkScale(scale) }
    var bits = bitGenerator
    defer { bitGenerator = bits }
    let t = ZigguratTables.normal
    return try Self.filled(target, "Generator.normal") { out, count in
      for i in 0..<count { out[i] = means[i] + scales[i] * bits.standardNormal(t) }
    }
  }
}

// MARK: - Exponential

extension Generator {
  /// How ``standardExponential(_:as:method:)`` turns bits into a value.
  public enum ExponentialMethod: Sendable, Hashable {
    /// NumPy's ziggurat (`method="zig"`, the default).
    case ziggurat
    /// The inverse of the distribution function, `−log1p(−u)`
    /// (`method="inv"`).
    case inversion
  }

  /// A standard exponential double (rate 1).
  ///
  /// NumPy: `rng.standard_exponential()`.
  public mutating func standardExponential() -> Double {
    bitGenerator.standardExponential(ZigguratTables.exponential)
  }

  /// A standard exponential `Float` (from the float ziggurat on a 32-bit
  /// draw) or `Double`.
  ///
  /// NumPy: `rng.standard_exponential(dtype=np.float32)`.
  public mutating func standardExponential<T: NDComplexComponent>(as _: T.Type) -> T {
    T.self == Float.self
      ? T(bitGenerator.standardExponential(ZigguratTables.exponentialFloat))
      : T(bitGenerator.standardExponential(ZigguratTables.exponential))
  }

  /// An array of standard exponential doubles.
  ///
  /// NumPy: `rng.standard_exponential(shape)`.
  ///
  /// - Precondition: No size in `shape` is negative.
  /// - Complexity: O(*n*).
  public mutating func standardExponential(_ shape: Dimensions) -> NDArray<Double> {
    standardExponential(shape, as: Double.self)
  }

  /// An array of standard exponential `Float`s or `Double`s.
  ///
  /// NumPy: `rng.standard_exponential(shape, dtype=…, method=…)`.
  ///
  /// - Precondition: No size in `shape` is negative and the result fits
  ///   in memory; ``exponential(scale:shape:)`` (the same values for the
  ///   default scale) throws instead.
  /// - Complexity: O(*n*).
  public mutating func standardExponential<T: NDComplexComponent>(
    _ shape: Dimensions, as _: T.Type, method: ExponentialMethod = .ziggurat
  ) -> NDArray<T> {
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return Self.trapping("Generator.standardExponential", "exponential(shape:)") { () throws(RandomError) in
    if T.self == Float.self {
      let t = ZigguratTables.exponentialFloat
      let result: NDArray<Float> = try Self.filled(shape, "Generator.standardExponential") { out, count in
        switch method {
        case .ziggurat: for i in 0..<count { out[i] = bits.standardExponential(t) }
        case .inversion: for i in 0..<count { out[i] = Float(-log1p(-Double(bits.nextFloat()))) }
        }
      }
      return NDArray(unchecked: result.view)
    }
    let t = ZigguratTables.exponential
    let result: NDArray<Double> = try Self.filled(shape, "Generator.standardExponential") { out, count in
      switch method {
      case .ziggurat: for i in 0..<count { out[i] = bits.standardExponential(t) }
      case .inversion: for i in 0..<count { out[i] = -log1p(-bits.nextDouble()) }
      }
    }
    return NDArray(unchecked: result.view)
    }
  }

  /// An exponential double with the given scale (the mean, 1/rate).
  ///
  /// NumPy: `rng.exponential(scale)`.
  ///
  /// - Throws: ``RandomError/negativeScale(_:)`` when `scale` is negative
  ///   or −0.
  public mutating func exponential(scale: Double = 1) throws(RandomError) -> Double {
    try Self.checkScale(scale)
    return scale * standardExponential()
  }

  /// An array of exponential doubles with the given scale.
  ///
  /// NumPy: `rng.exponential(scale, shape)`.
  ///
  /// - Throws: ``RandomError/negativeScale(_:)``, before any draw.
  /// - Precondition: No size in `shape` is negative.
  /// - Complexity: O(*n*).
  public mutating func exponential(scale: Double = 1, shape: Dimensions) throws(RandomError) -> NDArray<Double> {
    try Self.checkScale(scale)
    var bits = bitGenerator
    defer { bitGenerator = bits }
    let t = ZigguratTables.exponential
    return try Self.filled(shape, "Generator.exponential") { out, count in
      for i in 0..<count { out[i] = scale * bits.standardExponential(t) }
    }
  }
}
