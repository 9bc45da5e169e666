#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A complex number as two stored parts, laid out as `Complex<R>` is
/// (real part first), for the transforms' inner loops.
struct FFTComplex<R: BinaryFloatingPoint> {
  var re: R
  var im: R

  @inline(__always) init(_ re: R, _ im: R) {
    self.re = re
    self.im = im
  }

  @inline(__always) static func + (a: FFTComplex, b: FFTComplex) -> FFTComplex { FFTComplex(a.re + b.re, a.im + b.im) }
  @inline(__always) static func - (a: FFTComplex, b: FFTComplex) -> FFTComplex { FFTComplex(a.re - b.re, a.im - b.im) }
  @inline(__always) static func * (a: FFTComplex, b: FFTComplex) -> FFTComplex {
    FFTComplex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
  }
  @inline(__always) func scaled(_ s: R) -> FFTComplex { FFTComplex(re * s, im * s) }
  @inline(__always) var conjugate: FFTComplex { FFTComplex(re, -im) }
  /// `self` times `sign`·i.
  @inline(__always) func timesI(_ sign: R) -> FFTComplex { FFTComplex(-sign * im, sign * re) }
}

/// exp(−2πi·k/n) as (cos, sin) of the angle −2πk/n, the angle first
/// reduced exactly, in integers, to at most π/4 (so its rounding error is
/// at most π/4·ε).
func unitRoot(_ k: Int, _ n: Int) -> (cos: Double, sin: Double) {
  // θ = 2πk/n = (π/2)·j/n; fold j into [0, n/2] (an angle of at most π/4)
  // by the circle's symmetries, so `cos` and `sin` see small arguments.
  var j = 4 * (((k % n) + n) % n)
  var sinSign = -1.0  // exp(−iθ)
  var cosSign = 1.0
  if j > 2 * n {
    j = 4 * n - j
    sinSign = -sinSign
  }
  if j > n {
    j = 2 * n - j
    cosSign = -1
  }
  let swapped = 2 * j > n
  if swapped { j = n - j }
  let angle = Double.pi * Double(j) / Double(2 * n)
  let (c, s) = swapped ? (sin(angle), cos(angle)) : (cos(angle), sin(angle))
  return (cosSign * c, sinSign * s)
}

/// One stage of a Stockham transform: a radix and its twiddles.
struct FFTStage {
  let radix: Int
  /// The length this stage splits (the product of this and later radices).
  let length: Int
  /// exp(−2πi·p·u/length) for p < length/radix, u in 1..<radix, p-major.
  let twiddles: [Double]
}

/// A planned complex transform of one length: mixed-radix Stockham stages
/// (radices 4, 2, 3, 5 and any other factor up to 31), Rader's algorithm
/// for a prime length whose predecessor is smooth, or Bluestein's
/// algorithm (a convolution of a smooth length) for the rest. Plans are
/// immutable and shared across threads through ``FFTPlans``.
final class FFTPlan: Sendable {
  enum Method {
    case stockham([FFTStage])
    case rader(root: Int, inverseRoot: Int, inner: FFTPlan, kernel: [Double])
    case bluestein(inner: FFTPlan, chirp: [Double], kernel: [Double])
  }

  let n: Int
  let method: Method

  /// Elements of scratch a transform needs beside its data.
  var workCount: Int {
    switch method {
    case .stockham: n
    case .rader(_, _, let inner, _): 2 * (n - 1) + inner.workCount
    case .bluestein(let inner, _, _): 2 * inner.n + inner.workCount
    }
  }

  /// The memory the plan holds, in bytes, for the cache's bound.
  var byteCount: Int {
    switch method {
    case .stockham(let stages): stages.reduce(0) { $0 + $1.twiddles.count * 8 }
    case .rader(_, _, let inner, let kernel): inner.byteCount + kernel.count * 8
    case .bluestein(let inner, let chirp, let kernel): inner.byteCount + (chirp.count + kernel.count) * 8
    }
  }

  static let largestRadix = 31

  init(_ n: Int) {
    precondition(n >= 1)
    self.n = n
    let factors = Self.factors(n)
    if factors.allSatisfy({ $0 <= Self.largestRadix }) {
      method = .stockham(Self.stages(n, factors))
    } else if factors.count == 1, Self.factors(n - 1).allSatisfy({ $0 <= Self.largestRadix }) {
      method = Self.rader(n)
    } else {
      method = Self.bluestein(n)
    }
  }

  /// The prime factors, with pairs of 2s merged into 4s, in the order the
  /// stages run.
  static func factors(_ n: Int) -> [Int] {
    var rest = n
    var result: [Int] = []
    while rest % 4 == 0 {
      result.append(4)
      rest /= 4
    }
    if rest % 2 == 0 {
      result.append(2)
      rest /= 2
    }
    var p = 3
    while p * p <= rest {
      while rest % p == 0 {
        result.append(p)
        rest /= p
      }
      p += 2
    }
    if rest > 1 { result.append(rest) }
    return result
  }

  static func stages(_ n: Int, _ factors: [Int]) -> [FFTStage] {
    var length = n
    return factors.map { radix in
      let m = length / radix
      var twiddles = [Double](repeating: 0, count: 2 * m * (radix - 1))
      for p in 0..<m {
        for u in 1..<radix {
          let (c, s) = unitRoot(p * u, length)
          twiddles[2 * (p * (radix - 1) + u - 1)] = c
          twiddles[2 * (p * (radix - 1) + u - 1) + 1] = s
        }
      }
      defer { length = m }
      return FFTStage(radix: radix, length: length, twiddles: twiddles)
    }
  }

  /// The smallest 2^a·3^b·5^c at least `n`.
  static func smoothLength(atLeast n: Int) -> Int {
    var best = Int.max
    var p2 = 1
    while p2 < 2 * n {
      var p3 = p2
      while p3 < 2 * n {
        var p5 = p3
        while p5 < n { p5 *= 5 }
        best = Swift.min(best, p5)
        p3 *= 3
      }
      p2 *= 2
    }
    return best
  }

  static func bluestein(_ n: Int) -> Method {
    let m = smoothLength(atLeast: 2 * n - 1)
    let inner = FFTPlans.plan(m)
    // chirp_k = exp(−πi·k²/n), from k² mod 2n.
    var chirp = [Double](repeating: 0, count: 2 * n)
    for k in 0..<n {
      let (c, s) = unitRoot((k * k) % (2 * n), 2 * n)
      chirp[2 * k] = c
      chirp[2 * k + 1] = s
    }
    // The kernel: conj(chirp) at ±k, transformed and divided by m.
    var b = [FFTComplex<Double>](repeating: FFTComplex(0, 0), count: m)
    for k in 0..<n {
      let w = FFTComplex(chirp[2 * k], -chirp[2 * k + 1])
      b[k] = w
      if k > 0 { b[m - k] = w }
    }
    inner.transform(&b, forward: true)
    var kernel = [Double](repeating: 0, count: 2 * m)
    for k in 0..<m {
      kernel[2 * k] = b[k].re / Double(m)
      kernel[2 * k + 1] = b[k].im / Double(m)
    }
    return .bluestein(inner: inner, chirp: chirp, kernel: kernel)
  }

  static func rader(_ n: Int) -> Method {
    let root = primitiveRoot(n)
    let inverseRoot = power(root, n - 2, n)
    let inner = FFTPlans.plan(n - 1)
    // b_q = exp(−2πi·g^(−q)/n), transformed and divided by n − 1.
    var b = [FFTComplex<Double>](repeating: FFTComplex(0, 0), count: n - 1)
    var exponent = 1
    for q in 0..<(n - 1) {
      let (c, s) = unitRoot(exponent, n)
      b[q] = FFTComplex(c, s)
      exponent = exponent * inverseRoot % n
    }
    inner.transform(&b, forward: true)
    var kernel = [Double](repeating: 0, count: 2 * (n - 1))
    for q in 0..<(n - 1) {
      kernel[2 * q] = b[q].re / Double(n - 1)
      kernel[2 * q + 1] = b[q].im / Double(n - 1)
    }
    return .rader(root: root, inverseRoot: inverseRoot, inner: inner, kernel: kernel)
  }

  static func power(_ base: Int, _ exponent: Int, _ modulus: Int) -> Int {
    var result = 1
    var b = base % modulus
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { result = result * b % modulus }
      b = b * b % modulus
      e >>= 1
    }
    return result
  }

  static func primitiveRoot(_ p: Int) -> Int {
    let factors = Set(Self.factors(p - 1).flatMap { $0 == 4 ? [2] : [$0] })
    var g = 2
    while factors.contains(where: { power(g, (p - 1) / $0, p) == 1 }) { g += 1 }
    return g
  }

  /// Transforms an array in place (for planning).
  func transform(_ values: inout [FFTComplex<Double>], forward: Bool) {
    let work = UnsafeMutablePointer<FFTComplex<Double>>.allocate(capacity: Swift.max(workCount, 1))
    defer { work.deallocate() }
    values.withUnsafeMutableBufferPointer { execute($0.baseAddress!, work, forward: forward) }
  }

  /// The unnormalized transform of `data[0..<n]`, in place; `work` holds
  /// ``workCount`` elements.
  func execute<R: BinaryFloatingPoint>(
    _ data: UnsafeMutablePointer<FFTComplex<R>>, _ work: UnsafeMutablePointer<FFTComplex<R>>, forward: Bool
  ) {
    if n == 1 { return }
    switch method {
    case .stockham(let stages):
      var x = data
      var y = work
      var stride = 1
      let sign: R = forward ? -1 : 1
      for stage in stages {
        stage.twiddles.withUnsafeBufferPointer { t in
          Self.pass(stage.radix, stage.length, stride, x, y, t.baseAddress!, sign)
        }
        stride *= stage.radix
        swap(&x, &y)
      }
      if x != data { data.update(from: x, count: n) }
    case .bluestein(let inner, let chirp, let kernel):
      if !forward { conjugate(data, n) }
      let m = inner.n
      let a = work
      let innerWork = work + m
      for k in 0..<n { a[k] = data[k] * FFTComplex(R(chirp[2 * k]), R(chirp[2 * k + 1])) }
      for k in n..<m { a[k] = FFTComplex(0, 0) }
      inner.execute(a, innerWork, forward: true)
      for k in 0..<m { a[k] = a[k] * FFTComplex(R(kernel[2 * k]), R(kernel[2 * k + 1])) }
      inner.execute(a, innerWork, forward: false)
      for k in 0..<n { data[k] = a[k] * FFTComplex(R(chirp[2 * k]), R(chirp[2 * k + 1])) }
      if !forward { conjugate(data, n) }
    case .rader(let root, let inverseRoot, let inner, let kernel):
      if !forward { conjugate(data, n) }
      let length = n - 1
      let a = work
      let innerWork = work + length
      var total = data[0]
      var index = 1
      for q in 0..<length {
        a[q] = data[index]
        total = total + data[index]
        index = index * root % n
      }
      inner.execute(a, innerWork, forward: true)
      for q in 0..<length { a[q] = a[q] * FFTComplex(R(kernel[2 * q]), R(kernel[2 * q + 1])) }
      inner.execute(a, innerWork, forward: false)
      let first = data[0]
      data[0] = total
      index = 1
      for p in 0..<length {
        data[index] = first + a[p]
        index = index * inverseRoot % n
      }
      if !forward { conjugate(data, n) }
    }
  }

  /// The unnormalized transform of `input[0..<n]` into `output`, which
  /// must not overlap it; `work` holds ``workCount`` elements. A Stockham
  /// plan reads the input in its first pass, so nothing is copied.
  func execute<R: BinaryFloatingPoint>(
    from input: UnsafePointer<FFTComplex<R>>, into output: UnsafeMutablePointer<FFTComplex<R>>,
    _ work: UnsafeMutablePointer<FFTComplex<R>>, forward: Bool
  ) {
    guard case .stockham(let stages) = method, !stages.isEmpty else {
      output.update(from: input, count: n)
      execute(output, work, forward: forward)
      return
    }
    // Passes alternate between `output` and `work`, starting so that the
    // last one writes `output`.
    var x = UnsafeMutablePointer(mutating: input)
    var y = stages.count % 2 == 1 ? output : work
    var stride = 1
    let sign: R = forward ? -1 : 1
    for stage in stages {
      stage.twiddles.withUnsafeBufferPointer { t in
        Self.pass(stage.radix, stage.length, stride, x, y, t.baseAddress!, sign)
      }
      stride *= stage.radix
      x = y
      y = y == output ? work : output
    }
  }

  @inline(__always)
  func conjugate<R: BinaryFloatingPoint>(_ data: UnsafeMutablePointer<FFTComplex<R>>, _ count: Int) {
    for k in 0..<count { data[k].im = -data[k].im }
  }

  /// One Stockham pass of radix `radix` over a length-`length` split at
  /// stride `stride`: from `x` into `y`.
  static func pass<R: BinaryFloatingPoint>(
    _ radix: Int, _ length: Int, _ stride: Int, _ x: UnsafeMutablePointer<FFTComplex<R>>,
    _ y: UnsafeMutablePointer<FFTComplex<R>>, _ twiddles: UnsafePointer<Double>, _ sign: R
  ) {
    switch radix {
    case 4: radix4(length, stride, x, y, twiddles, sign)
    case 2: radix2(length, stride, x, y, twiddles, sign)
    case 3: radix3(length, stride, x, y, twiddles, sign)
    case 5: radix5(length, stride, x, y, twiddles, sign)
    default: generic(radix, length, stride, x, y, twiddles, sign)
    }
  }

  /// The twiddle `u` (1-based) of position `p`, conjugated for the inverse.
  @inline(__always)
  static func twiddle<R: BinaryFloatingPoint>(_ t: UnsafePointer<Double>, _ p: Int, _ u: Int, _ radix: Int, _ sign: R)
    -> FFTComplex<R>
  {
    let i = 2 * (p * (radix - 1) + u - 1)
    return FFTComplex(R(t[i]), -sign * R(t[i + 1]))
  }

  static func radix2<R: BinaryFloatingPoint>(
    _ length: Int, _ s: Int, _ x: UnsafeMutablePointer<FFTComplex<R>>, _ y: UnsafeMutablePointer<FFTComplex<R>>,
    _ t: UnsafePointer<Double>, _ sign: R
  ) {
    let m = length / 2
    for p in 0..<m {
      let w1 = twiddle(t, p, 1, 2, sign)
      let xi = x + s * p
      let yo = y + s * 2 * p
      for q in 0..<s {
        let a0 = xi[q]
        let a1 = xi[q + s * m]
        yo[q] = a0 + a1
        yo[q + s] = (a0 - a1) * w1
      }
    }
  }

  static func radix4<R: BinaryFloatingPoint>(
    _ length: Int, _ s: Int, _ x: UnsafeMutablePointer<FFTComplex<R>>, _ y: UnsafeMutablePointer<FFTComplex<R>>,
    _ t: UnsafePointer<Double>, _ sign: R
  ) {
    let m = length / 4
    for p in 0..<m {
      let w1 = twiddle(t, p, 1, 4, sign)
      let w2 = twiddle(t, p, 2, 4, sign)
      let w3 = twiddle(t, p, 3, 4, sign)
      let xi = x + s * p
      let yo = y + s * 4 * p
      for q in 0..<s {
        let a0 = xi[q]
        let a1 = xi[q + s * m]
        let a2 = xi[q + 2 * s * m]
        let a3 = xi[q + 3 * s * m]
        let t0 = a0 + a2
        let t1 = a0 - a2
        let t2 = a1 + a3
        let t3 = (a1 - a3).timesI(sign)
        yo[q] = t0 + t2
        yo[q + s] = (t1 + t3) * w1
        yo[q + 2 * s] = (t0 - t2) * w2
        yo[q + 3 * s] = (t1 - t3) * w3
      }
    }
  }

  static func radix3<R: BinaryFloatingPoint>(
    _ length: Int, _ s: Int, _ x: UnsafeMutablePointer<FFTComplex<R>>, _ y: UnsafeMutablePointer<FFTComplex<R>>,
    _ t: UnsafePointer<Double>, _ sign: R
  ) {
    let m = length / 3
    let half = R(0.5)
    let root = R(0.866_025_403_784_438_646_763_723_170_752_936_183_471_402_626_905_190_314_027_903_5)
    for p in 0..<m {
      let w1 = twiddle(t, p, 1, 3, sign)
      let w2 = twiddle(t, p, 2, 3, sign)
      let xi = x + s * p
      let yo = y + s * 3 * p
      for q in 0..<s {
        let a0 = xi[q]
        let a1 = xi[q + s * m]
        let a2 = xi[q + 2 * s * m]
        let t1 = a1 + a2
        let t2 = a0 - t1.scaled(half)
        let t3 = (a1 - a2).scaled(root).timesI(sign)
        yo[q] = a0 + t1
        yo[q + s] = (t2 + t3) * w1
        yo[q + 2 * s] = (t2 - t3) * w2
      }
    }
  }

  static func radix5<R: BinaryFloatingPoint>(
    _ length: Int, _ s: Int, _ x: UnsafeMutablePointer<FFTComplex<R>>, _ y: UnsafeMutablePointer<FFTComplex<R>>,
    _ t: UnsafePointer<Double>, _ sign: R
  ) {
    let m = length / 5
    let c1 = R(0.309_016_994_374_947_424_102_293_417_182_819_058_860_154_589_902_881_431_067_724_3)
    let c2 = R(-0.809_016_994_374_947_424_102_293_417_182_819_058_860_154_589_902_881_431_067_724_3)
    let s1 = R(0.951_056_516_295_153_572_116_439_333_379_382_143_405_698_634_125_750_222_447_305_6)
    let s2 = R(0.587_785_252_292_473_129_168_705_954_639_072_768_597_652_437_643_145_991_072_272_5)
    for p in 0..<m {
      let w1 = twiddle(t, p, 1, 5, sign)
      let w2 = twiddle(t, p, 2, 5, sign)
      let w3 = twiddle(t, p, 3, 5, sign)
      let w4 = twiddle(t, p, 4, 5, sign)
      let xi = x + s * p
      let yo = y + s * 5 * p
      for q in 0..<s {
        let a0 = xi[q]
        let a1 = xi[q + s * m]
        let a2 = xi[q + 2 * s * m]
        let a3 = xi[q + 3 * s * m]
        let a4 = xi[q + 4 * s * m]
        let t1 = a1 + a4
        let t2 = a2 + a3
        let t3 = a1 - a4
        let t4 = a2 - a3
        let r1 = a0 + t1.scaled(c1) + t2.scaled(c2)
        let r2 = a0 + t1.scaled(c2) + t2.scaled(c1)
        let i1 = (t3.scaled(s1) + t4.scaled(s2)).timesI(sign)
        let i2 = (t3.scaled(s2) - t4.scaled(s1)).timesI(sign)
        yo[q] = a0 + t1 + t2
        yo[q + s] = (r1 + i1) * w1
        yo[q + 2 * s] = (r2 + i2) * w2
        yo[q + 3 * s] = (r2 - i2) * w3
        yo[q + 4 * s] = (r1 - i1) * w4
      }
    }
  }

  /// Any odd radix, as a direct DFT of `radix` points.
  static func generic<R: BinaryFloatingPoint>(
    _ radix: Int, _ length: Int, _ s: Int, _ x: UnsafeMutablePointer<FFTComplex<R>>,
    _ y: UnsafeMutablePointer<FFTComplex<R>>, _ t: UnsafePointer<Double>, _ sign: R
  ) {
    let m = length / radix
    var roots = [FFTComplex<R>](repeating: FFTComplex(0, 0), count: radix)
    for k in 0..<radix {
      let (c, sn) = unitRoot(k, radix)
      roots[k] = FFTComplex(R(c), -sign * R(sn))
    }
    var a = [FFTComplex<R>](repeating: FFTComplex(0, 0), count: radix)
    for p in 0..<m {
      let xi = x + s * p
      let yo = y + s * radix * p
      for q in 0..<s {
        for j in 0..<radix { a[j] = xi[q + j * s * m] }
        for u in 0..<radix {
          var sum = a[0]
          var k = 0
          for j in 1..<radix {
            k += u
            if k >= radix { k -= radix }
            sum = sum + a[j] * roots[k]
          }
          yo[q + u * s] = u == 0 ? sum : sum * twiddle(t, p, u, radix, sign)
        }
      }
    }
  }
}

/// The twiddles that untangle a real transform of even length `n` from
/// the complex transform of half its length.
final class FFTRealPlan: Sendable {
  /// The complex plan of length `n / 2`.
  let half: FFTPlan
  /// exp(−2πi·k/n) for k < n/2, as interleaved (cos, sin) pairs.
  let roots: [Double]

  init(_ n: Int) {
    half = FFTPlans.plan(n / 2)
    var roots = [Double](repeating: 0, count: n / 2 * 2)
    for k in 0..<(n / 2) {
      (roots[2 * k], roots[2 * k + 1]) = unitRoot(k, n)
    }
    self.roots = roots
  }

  @inline(__always) func root<R: BinaryFloatingPoint>(_ k: Int, _: R.Type) -> FFTComplex<R> {
    FFTComplex(R(roots[2 * k]), R(roots[2 * k + 1]))
  }
}

/// The plans made so far, shared by every thread, bounded in memory: when
/// they hold more than 64 MiB the least recently used are dropped. Complex
/// plans are kept under their length, real ones under its complement.
enum FFTPlans {
  /// A complex or a real plan. A struct of optionals, not an enum with
  /// two class payloads: such an enum keeps its case in the pointer's
  /// spare bits, and leak checkers then no longer see the pointer.
  struct Entry: Sendable {
    var complex: FFTPlan?
    var real: FFTRealPlan?

    var byteCount: Int { (complex?.byteCount ?? 0) + (real.map { $0.roots.count * 8 } ?? 0) }
  }

  struct Cache: ~Copyable {
    var entries: [Int: Entry] = [:]
    var order: [Int] = []
    var bytes = 0
  }

  static let cache = Mutex(Cache())
  static let byteLimit = 64 << 20

  /// The complex plan of length `n`.
  static func plan(_ n: Int) -> FFTPlan {
    guard let plan = entry(n, { Entry(complex: FFTPlan(n)) }).complex else { fatalError("FFT plan cache: kinds mixed") }
    return plan
  }

  /// The real plan of even length `n`.
  static func realPlan(_ n: Int) -> FFTRealPlan {
    guard let plan = entry(~n, { Entry(real: FFTRealPlan(n)) }).real else { fatalError("FFT plan cache: kinds mixed") }
    return plan
  }

  static func entry(_ key: Int, _ make: () -> Entry) -> Entry {
    if let found = cache.withLock({ cache -> Entry? in
      guard let entry = cache.entries[key] else { return nil }
      if let i = cache.order.firstIndex(of: key) { cache.order.remove(at: i) }
      cache.order.append(key)
      return entry
    }) {
      return found
    }
    // Made outside the lock: plans of inner lengths are looked up in turn.
    let entry = make()
    cache.withLock { cache in
      if cache.entries[key] == nil {
        cache.entries[key] = entry
        cache.order.append(key)
        cache.bytes += entry.byteCount
      }
      while cache.bytes > byteLimit, cache.order.count > 1 {
        let oldest = cache.order.removeFirst()
        if let dropped = cache.entries.removeValue(forKey: oldest) { cache.bytes -= dropped.byteCount }
      }
    }
    return entry
  }
}
