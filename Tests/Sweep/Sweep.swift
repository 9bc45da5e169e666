import CStrided
import ComplexModule
import Foundation
import RealModule
import Strided

// The kernel sweep: every element-wise function, comparison, reduction,
// cumulative operation and conversion, walked over the places where
// hand-vectorised loops and thread blocks go wrong, against scalar
// references written here, independently of the kernels. The test suite
// runs it in a debug build (`make test`), and the `kernel-sweep` program
// in a release build (`make test-release`): the two builds have disagreed
// before. Public API only, so that the release build needs no testing
// flags.

/// The sweeps: each returns a description of every mismatch it found.
public enum Sweep {
  /// The vector extension levels below the processor's: the hand-vectorized
  /// C kernels (libmvec loops, conversions, sorts, fused-expression steps)
  /// have a path for each
  /// level, and the sweeps above took the processor's own.
  public static var lowerIsaLevels: [Int32] {
    Array(0..<strided_isa_processor_level())
  }

  /// The sweeps that reach hand-vectorized C kernels, again at every level
  /// below the processor's (``lowerIsaLevels``): AVX2 on a processor with
  /// AVX-512, then the portable loops.
  public static func lowerIsaVariants() -> [String] {
    defer { strided_isa_limit(Int32(STRIDED_ISA_AVX512.rawValue)) }
    var failures: [String] = []
    for level in lowerIsaLevels.reversed() {
      strided_isa_limit(level)
      let name = String(cString: strided_isa_name(level))
      failures += (floatingUnary(Double.self) + floatingUnary(Float.self) + floatingBinary(Double.self)
        + floatingBinary(Float.self) + conversions() + sorts() + matrices() + blockEdges()
        + fused(threadCounts: [1, 3])).map { "\(name): \($0)" }
    }
    return failures
  }
  static let lengths = 0...70
  static let offsets = 0...7

  /// Where an operand's items lie in its storage.
  enum Placement: CaseIterable {
    case contiguous, stepped, reversed, broadcast, unaligned
  }

  /// The placements two operands are walked in: each alone against a
  /// contiguous partner, and both the same.
  static let pairs: [(Placement, Placement)] = Placement.allCases.flatMap { p in
    Placement.allCases.compactMap { q in p == q || p == .contiguous || q == .contiguous ? (p, q) : nil }
  }

  /// The placements and start offsets walked at length `n`: contiguous
  /// and unaligned runs (where vector loops and their tails are chosen by
  /// address) at every offset 0…7, the others at offset `n % 8`, so that
  /// the lengths still walk every offset.
  static func placements(_ n: Int) -> [(Placement, Int)] {
    offsets.flatMap { [(Placement.contiguous, $0), (.unaligned, $0)] }
      + [Placement.stepped, .reversed, .broadcast].map { ($0, n % 8) }
  }

  /// The same for two operands: both contiguous at every offset, every
  /// other pair at offset `n % 8`.
  static func placementPairs(_ n: Int) -> [(Placement, Placement, Int)] {
    offsets.map { (Placement.contiguous, Placement.contiguous, $0) }
      + pairs.filter { $0 != (.contiguous, .contiguous) }.map { ($0.0, $0.1, n % 8) }
  }

  /// An operand of `values.count` items placed `offset` items into fresh
  /// storage, and the values it holds (a broadcast operand holds the first
  /// value everywhere).
  static func operand<T: NDElement>(_ values: [T], _ placement: Placement, offset: Int) -> (NDArray<T>, [T]) {
    let n = values.count
    let e = MemoryLayout<T>.stride
    var held = values
    let storage: ByteStorage
    let strides: Int
    var start = offset * e
    var slots: [Int]  // the storage slot of each item
    switch placement {
    case .contiguous:
      storage = ByteStorage(count: (offset + n + 1) * e)
      strides = e
      slots = (0..<n).map { offset + $0 }
    case .stepped:
      storage = ByteStorage(count: (offset + 3 * n + 1) * e)
      strides = 3 * e
      slots = (0..<n).map { offset + 3 * $0 }
    case .reversed:
      storage = ByteStorage(count: (offset + n + 1) * e)
      strides = -e
      start = (offset + Swift.max(n - 1, 0)) * e
      slots = (0..<n).map { offset + n - 1 - $0 }
    case .broadcast:
      storage = ByteStorage(count: (offset + 2) * e)
      strides = 0
      if n > 0 { held = Array(repeating: values[0], count: n) }
      slots = n > 0 ? [offset] : []
    case .unaligned:
      // One byte past an item boundary (two for one-byte items would
      // still be aligned, so those stay aligned).
      storage = ByteStorage(count: (offset + n + 2) * e)
      strides = e
      start = offset * e + (e > 1 ? 1 : 0)
      slots = []
    }
    storage.withUnsafeMutableBytes { raw in
      for i in 0..<raw.count { raw[i] = 0xA5 }
      if placement == .unaligned {
        for (i, v) in values.enumerated() { raw.storeBytes(of: v, toByteOffset: start + i * e, as: T.self) }
      } else {
        for (i, slot) in slots.enumerated() where placement != .broadcast || i == 0 {
          raw.storeBytes(of: held[i], toByteOffset: slot * e, as: T.self)
        }
      }
    }
    let view = try! NDView(storage: storage, format: T.format, shape: [n], strides: [strides], byteOffset: start)
    return (try! NDArray<T>(view), held)
  }

  // MARK: Values

  /// A value for position `i` that differs from its neighbours' (so a
  /// shifted or swapped result shows), in about -4…4, with NaN, ±∞ and ±0
  /// sprinkled in when `specials` is set.
  static func value(_ i: Int, salt: Double, specials: Bool = true) -> Double {
    if specials {
      switch (i &* 7 &+ Int(salt)) % 23 {
      case 3: return .nan
      case 8: return .infinity
      case 13: return -.infinity
      case 17: return 0
      case 20: return -0.0
      default: break
      }
    }
    let t = Foundation.sin(Double(i) * 12.9898 + salt * 78.233) * 43758.5453
    return (t - t.rounded(.down)) * 8 - 4
  }

  static func reals<T: BinaryFloatingPoint>(_: T.Type, _ n: Int, salt: Double, specials: Bool = true) -> [T] {
    (0..<n).map { T(value($0, salt: salt, specials: specials)) }
  }

  static func integers<T: FixedWidthInteger>(_: T.Type, _ n: Int, salt: Double) -> [T] {
    (0..<n).map { i in
      switch (i &* 5 &+ Int(salt)) % 19 {
      case 2: return T.max
      case 7: return T.min
      case 11: return 0
      default:
        let v = Int64(value(i, salt: salt, specials: false) * 1e6)
        return T(truncatingIfNeeded: v)
      }
    }
  }

  // MARK: Comparison of results

  /// Equal values (NaN equal to NaN, -0 equal to 0).
  static func same<T: Equatable>(_ a: T, _ b: T) -> Bool {
    if a == b { return true }
    return (a as? any FloatingPoint)?.isNaN == true && (b as? any FloatingPoint)?.isNaN == true
  }

  /// Within `ulps` units in the last place of the reference (NaN equal to
  /// NaN, infinities equal only to themselves).
  public static func close<T: BinaryFloatingPoint>(_ got: T, _ expected: T, ulps: T) -> Bool {
    if got.isNaN || expected.isNaN { return got.isNaN && expected.isNaN }
    if got.isInfinite || expected.isInfinite { return got == expected }
    let unit = Swift.max(expected.ulp, T.leastNormalMagnitude)
    return (got - expected).magnitude <= ulps * unit
  }

  static func closeComplex<R: BinaryFloatingPoint>(_ got: Complex<R>, _ expected: Complex<R>, ulps: R) -> Bool {
    close(got.rawStorage.x, expected.rawStorage.x, ulps: ulps) && close(got.rawStorage.y, expected.rawStorage.y, ulps: ulps)
  }

  /// Checks a result against the reference, element by element.
  static func check<R>(
    _ name: String, _ context: @autoclosure () -> String, _ result: NDArray<R>, _ expected: [R],
    _ agrees: (R, R) -> Bool, into failures: inout [String]
  ) {
    guard result.shape == [expected.count] || (expected.isEmpty && result.count == 0) else {
      failures.append("\(name) \(context()): shape \(result.shape), expected [\(expected.count)]")
      return
    }
    // The result's bytes in C order, read as items: quicker than its
    // elements one by one in a debug build.
    result.view.bytes().withUnsafeBytes { raw in
      for i in 0..<expected.count {
        let got = raw.loadUnaligned(fromByteOffset: i * MemoryLayout<R>.stride, as: R.self)
        if !agrees(got, expected[i]) {
          failures.append("\(name) \(context()): element \(i) is \(got), expected \(expected[i])")
          return
        }
      }
    }
  }

  // MARK: Walks

  /// `op` on every length, offset and placement, against `reference` per element.
  static func walk<T: NDElement, R: NDElement>(
    _ name: String, _ values: (Int) -> [T], _ op: (NDArray<T>) -> NDArray<R>, _ reference: (T) -> R,
    _ agrees: (R, R) -> Bool = same, into failures: inout [String]
  ) {
    for n in lengths {
      let all = values(n)
      for (placement, offset) in placements(n) {
          let (a, held) = operand(all, placement, offset: offset)
          check(name, "n \(n), offset \(offset), \(placement) \(T.self)", op(a), held.map(reference), agrees, into: &failures)
      }
    }
  }

  /// `op` on every length, offset and pair of placements.
  static func walk<T: NDElement, U: NDElement, R: NDElement>(
    _ name: String, _ values: (Int) -> ([T], [U]), _ op: (NDArray<T>, NDArray<U>) -> NDArray<R>, _ reference: (T, U) -> R,
    _ agrees: (R, R) -> Bool = same, into failures: inout [String]
  ) {
    for n in lengths {
      let (first, second) = values(n)
      for (p, q, offset) in placementPairs(n) {
          let (a, x) = operand(first, p, offset: offset)
          let (b, y) = operand(second, q, offset: (offset + 3) % 8)
          let expected = (0..<n).map { reference(x[$0], y[$0]) }
          check(name, "n \(n), offset \(offset), \(p)/\(q) \(T.self)", op(a, b), expected, agrees, into: &failures)
      }
    }
  }

  // MARK: Floating point

  /// The C library's scalar function for `Double` or `Float`.
  static func libm<T: BinaryFloatingPoint>(_ x: T, _ double: (Double) -> Double, _ float: (Float) -> Float) -> T {
    if T.self == Float.self { return T(float(Float(x))) }
    if T.self == Float16.self { return T(float(Float(x))) }
    return T(double(Double(x)))
  }

  static func libm2<T: BinaryFloatingPoint>(_ x: T, _ y: T, _ double: (Double, Double) -> Double, _ float: (Float, Float) -> Float) -> T {
    if T.self == Double.self { return T(double(Double(x), Double(y))) }
    return T(float(Float(x), Float(y)))
  }

  typealias Unary<T: NDElement> = (name: String, op: (NDArray<T>) -> NDArray<T>, reference: (T) -> T, ulps: T)

  /// The one-argument functions of floating-point arrays, with their C
  /// library references and the tolerance each is documented to (libmvec:
  /// 4 ulp; exact operations: 0).
  static func unaryTable<T: NDElement & BinaryFloatingPoint & ElementaryFunctions & Comparable>(_: T.Type) -> [Unary<T>] {
    func f(_ name: String, _ op: @escaping (NDArray<T>) -> NDArray<T>, _ d: @escaping (Double) -> Double, _ s: @escaping (Float) -> Float) -> Unary<T> {
      (name, op, { libm($0, d, s) }, T(8))
    }
    func exact(_ name: String, _ op: @escaping (NDArray<T>) -> NDArray<T>, _ r: @escaping (T) -> T) -> Unary<T> { (name, op, r, 0) }
    var table: [Unary<T>] = []
    table += [f("exp", { exp($0) }, Foundation.exp, Foundation.exp), f("expMinusOne", { expMinusOne($0) }, Foundation.expm1, Foundation.expm1)]
    table += [f("log", { log($0) }, Foundation.log, Foundation.log), f("log(onePlus:)", { log(onePlus: $0) }, Foundation.log1p, Foundation.log1p)]
    table += [f("log2", { log2($0) }, Foundation.log2, Foundation.log2), f("log10", { log10($0) }, Foundation.log10, Foundation.log10)]
    table += [f("exp2", { exp2($0) }, Foundation.exp2, Foundation.exp2), f("cbrt", { cbrt($0) }, Foundation.cbrt, Foundation.cbrt)]
    table += [f("sin", { sin($0) }, Foundation.sin, Foundation.sin), f("cos", { cos($0) }, Foundation.cos, Foundation.cos)]
    table += [f("tan", { tan($0) }, Foundation.tan, Foundation.tan), f("asin", { asin($0) }, Foundation.asin, Foundation.asin)]
    table += [f("acos", { acos($0) }, Foundation.acos, Foundation.acos), f("atan", { atan($0) }, Foundation.atan, Foundation.atan)]
    table += [f("sinh", { sinh($0) }, Foundation.sinh, Foundation.sinh), f("cosh", { cosh($0) }, Foundation.cosh, Foundation.cosh)]
    table += [f("tanh", { tanh($0) }, Foundation.tanh, Foundation.tanh), f("asinh", { asinh($0) }, Foundation.asinh, Foundation.asinh)]
    table += [f("acosh", { acosh($0) }, Foundation.acosh, Foundation.acosh), f("atanh", { atanh($0) }, Foundation.atanh, Foundation.atanh)]
    table += [f("sqrt", { sqrt($0) }, Foundation.sqrt, Foundation.sqrt)]
    table += [f("pow(x, 3)", { pow($0, 3) }, { Foundation.pow($0, 3) }, { Foundation.pow($0, 3) })]
    table += [f("pow(x, 2.5)", { pow($0, NDArray(scalar: 2.5)) }, { Foundation.pow($0, 2.5) }, { Foundation.pow($0, 2.5) })]
    // The exponents NumPy computes another way, exactly as NumPy does.
    table += [exact("pow(x, 2)", { pow($0, 2) }, { $0 * $0 }), exact("pow(x, 1)", { pow($0, 1) }, { $0 })]
    table += [exact("pow(x, 0)", { pow($0, 0) }, { _ in 1 }), exact("pow(x, -1)", { pow($0, -1) }, { 1 / $0 })]
    table += [exact("pow(x, ½)", { pow($0, NDArray(scalar: 0.5)) }, { $0.squareRoot() })]
    table += [exact("floor", { floor($0) }, { $0.rounded(.down) }), exact("ceil", { ceil($0) }, { $0.rounded(.up) })]
    table += [exact("trunc", { trunc($0) }, { $0.rounded(.towardZero) })]
    table += [exact("rounded()", { $0.rounded() }, { $0.rounded(.toNearestOrEven) })]
    table += [exact("abs", { abs($0) }, { $0.magnitude }), exact("negation", { -$0 }, { -$0 })]
    table += [exact("sign", { sign($0) }, { $0.isNaN ? $0 : ($0 > 0 ? 1 : ($0 < 0 ? -1 : 0)) })]
    table += [exact("square", { square($0) }, { $0 * $0 })]
    table += [exact("clipped", { $0.clipped(min: -1, max: 2) }, { $0.isNaN ? $0 : Swift.min(Swift.max($0, -1), 2) })]
    return table
  }

  public static func floatingUnary<T: NDElement & BinaryFloatingPoint & ElementaryFunctions & Comparable>(_: T.Type) -> [String] {
    var failures: [String] = []
    for entry in unaryTable(T.self) {
      walk(entry.name, { reals(T.self, $0, salt: 1) }, entry.op, entry.reference, { close($0, $1, ulps: entry.ulps) }, into: &failures)
    }
    walk("isnan", { reals(T.self, $0, salt: 2) }, { isnan($0) }, { $0.isNaN }, into: &failures)
    walk("isinf", { reals(T.self, $0, salt: 3) }, { isinf($0) }, { $0.isInfinite }, into: &failures)
    walk("isfinite", { reals(T.self, $0, salt: 4) }, { isfinite($0) }, { $0.isFinite }, into: &failures)
    return failures
  }

  /// Every function of the unary table gives a value the same bits
  /// whatever contiguous array holds it: alone in a 0-d array, and at every
  /// position of arrays of every length (the vector loops take runs of any
  /// length, one item included, so no shape falls back to the C library's
  /// scalar function).
  public static func shapeIndependence<T: NDElement & BinaryFloatingPoint & ElementaryFunctions & Comparable>(
    _: T.Type
  ) -> [String] {
    var failures: [String] = []
    let values = reals(T.self, lengths.upperBound, salt: 5)
    for entry in unaryTable(T.self) {
      let alone: [T] = values.map { entry.op(NDArray(scalar: $0))[] }
      for n in lengths where n > 0 {
        let whole = entry.op(NDArray(Array(values[..<n]))).elements
        if let i = whole.indices.first(where: { !identical(whole[$0], alone[$0]) }) {
          failures.append("\(entry.name) \(T.self): item \(i) of \(n) is \(whole[i]), alone \(alone[i])")
          break
        }
      }
    }
    return failures
  }

  /// The same value: equal with the same sign, or both NaN.
  static func identical<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> Bool {
    (a == b && a.sign == b.sign) || (a.isNaN && b.isNaN)
  }

  /// Reductions of arrays with no elements along every axis, in C and
  /// Fortran order and transposed: every result of items holds the
  /// identity, and nothing is written past a result of none (the plan
  /// drops the empty axis; the axes left must not be walked).
  public static func emptyReductions() -> [String] {
    var failures: [String] = []
    let shapes: [Dimensions] = [[0], [3, 0], [0, 3], [3, 0, 4], [0, 3, 4], [3, 4, 0], [2, 0, 0], [1, 0, 5], [6, 0, 2]]
    for shape in shapes {
      let c = NDArray<Double>.zeros(shape)
      let f = NDArray<Double>.zeros(shape, order: .fortran)
      for a in [c, f, c.transposed(), f.transposed()] {
        for axis in 0..<a.ndim {
          var kept = a.shape.array
          kept.remove(at: axis)
          let what = "shape \(a.shape.array), strides \(a.strides.array), axis \(axis)"
          func expect(_ name: String, _ shape: [Int], _ holds: Bool) {
            if shape != kept || !holds { failures.append("\(name) of \(what): shape \(shape)") }
          }
          let sum = a.sum(axis: axis)
          expect("sum", sum.shape.array, sum.elements.allSatisfy { $0 == 0 })
          let product = a.product(axis: axis)
          expect("product", product.shape.array, product.elements.allSatisfy { $0 == 1 })
          let floats = a.converted(to: Float.self).sum(axis: axis)
          expect("Float sum", floats.shape.array, floats.elements.allSatisfy { $0 == 0 })
          let integers = a.converted(to: Int32.self).sum(axis: axis)
          expect("Int32 sum", integers.shape.array, integers.elements.allSatisfy { $0 == 0 })
          let all = (a .== 0).allTrue(axis: axis)
          expect("allTrue", all.shape.array, all.elements.allSatisfy { $0 })
          let any = (a .== 0).anyTrue(axis: axis)
          expect("anyTrue", any.shape.array, any.elements.allSatisfy { !$0 })
          let nanSum = a.nanSum(axis: axis)
          expect("nanSum", nanSum.shape.array, nanSum.elements.allSatisfy { $0 == 0 })
        }
        if a.sum() != 0 || a.product() != 1 { failures.append("sum or product of all of \(a.shape.array)") }
      }
    }
    return failures
  }

  /// `Float16` is computed in `Float` and rounded, as NumPy's half loops do.
  public static func halfUnary() -> [String] {
    var failures: [String] = []
    typealias H = Float16
    let table: [(String, (NDArray<H>) -> NDArray<H>, (Float) -> Float)] = [
      ("exp", { exp($0) }, Foundation.exp), ("log", { log($0) }, Foundation.log), ("sin", { sin($0) }, Foundation.sin),
      ("tanh", { tanh($0) }, Foundation.tanh), ("sqrt", { sqrt($0) }, Foundation.sqrt), ("atan", { atan($0) }, Foundation.atan),
    ]
    for (name, op, reference) in table {
      walk(name, { reals(H.self, $0, salt: 5) }, op, { H(reference(Float($0))) }, { close($0, $1, ulps: 1) }, into: &failures)
    }
    walk("floor", { reals(H.self, $0, salt: 6) }, { floor($0) }, { $0.rounded(.down) }, into: &failures)
    walk("negation", { reals(H.self, $0, salt: 6) }, { -$0 }, { -$0 }, into: &failures)
    walk("isnan", { reals(H.self, $0, salt: 6) }, { isnan($0) }, { $0.isNaN }, into: &failures)
    return failures
  }

  typealias Binary<T: NDElement> = (name: String, op: (NDArray<T>, NDArray<T>) -> NDArray<T>, reference: (T, T) -> T, ulps: T)

  static func binaryTable<T: NDElement & BinaryFloatingPoint & ElementaryFunctions & Comparable>(_: T.Type) -> [Binary<T>] {
    func exact(_ name: String, _ op: @escaping (NDArray<T>, NDArray<T>) -> NDArray<T>, _ r: @escaping (T, T) -> T) -> Binary<T> {
      (name, op, r, 0)
    }
    var table: [Binary<T>] = []
    table += [
      exact("+", { $0 + $1 }, { $0 + $1 }), exact("-", { $0 - $1 }, { $0 - $1 }),
      exact("*", { $0 * $1 }, { $0 * $1 }), exact("/", { $0 / $1 }, { $0 / $1 }),
      exact("maximum", { maximum($0, $1) }, { x, y in x.isNaN || y.isNaN ? .nan : Swift.max(x, y) }),
      exact("minimum", { minimum($0, $1) }, { x, y in x.isNaN || y.isNaN ? .nan : Swift.min(x, y) }),
      exact("fmax", { fmax($0, $1) }, { x, y in x.isNaN ? y : (y.isNaN ? x : Swift.max(x, y)) }),
      exact("fmin", { fmin($0, $1) }, { x, y in x.isNaN ? y : (y.isNaN ? x : Swift.min(x, y)) }),
      exact("fmod", { fmod($0, $1) }, { libm2($0, $1, Foundation.fmod, Foundation.fmod) }),
      exact("copysign", { copysign($0, $1) }, { T(signOf: $1, magnitudeOf: $0) }),
      ("atan2", { atan2(y: $0, x: $1) }, { libm2($0, $1, Foundation.atan2, Foundation.atan2) }, 8),
      ("hypot", { hypot($0, $1) }, { libm2($0, $1, Foundation.hypot, Foundation.hypot) }, 8),
      ("pow", { pow($0, $1) }, { libm2($0, $1, Foundation.pow, Foundation.pow) }, 8),
      (
        "remainder", { remainder($0, $1) },
        { x, y in
          // Python's modulo: the sign of the divisor.
          if y == 0 || x.isNaN || y.isNaN || x.isInfinite { return .nan }
          let r = libm2(x, y, Foundation.fmod, Foundation.fmod)
          if r == 0 { return T(signOf: y, magnitudeOf: 0) }
          return (r < 0) != (y < 0) ? r + y : r
        }, 0
      ),
    ]
    return table
  }

  public static func floatingBinary<T: NDElement & BinaryFloatingPoint & ElementaryFunctions & Comparable>(_: T.Type) -> [String] {
    var failures: [String] = []
    let values: (Int) -> ([T], [T]) = { (reals(T.self, $0, salt: 7), reals(T.self, $0, salt: 8)) }
    for entry in binaryTable(T.self) {
      walk(entry.name, values, entry.op, entry.reference, { close($0, $1, ulps: entry.ulps) }, into: &failures)
    }
    walk(".==", values, { $0 .== $1 }, { $0 == $1 }, into: &failures)
    walk(".!=", values, { $0 .!= $1 }, { $0 != $1 }, into: &failures)
    walk(".<", values, { $0 .< $1 }, { $0 < $1 }, into: &failures)
    walk(".<=", values, { $0 .<= $1 }, { $0 <= $1 }, into: &failures)
    walk(".>", values, { $0 .> $1 }, { $0 > $1 }, into: &failures)
    walk(".>=", values, { $0 .>= $1 }, { $0 >= $1 }, into: &failures)
    // Three operands: where(condition, a, b), and einsum's fused product.
    walk("where", values, { NDArray.where($0 .> $1, $0, $1) }, { $0 > $1 ? $0 : $1 }, into: &failures)
    walk("einsum i,i,i->i", values, { try! NDArray.einsum("i,i,i->i", $0, $1, $0) }, { $0 * $1 * $0 }, into: &failures)
    return failures
  }

  public static func halfBinary() -> [String] {
    var failures: [String] = []
    typealias H = Float16
    let values: (Int) -> ([H], [H]) = { (reals(H.self, $0, salt: 9), reals(H.self, $0, salt: 10)) }
    walk("+", values, { $0 + $1 }, { H(Float($0) + Float($1)) }, into: &failures)
    walk("*", values, { $0 * $1 }, { H(Float($0) * Float($1)) }, into: &failures)
    walk("atan2", values, { atan2(y: $0, x: $1) }, { H(Foundation.atan2(Float($0), Float($1))) }, into: &failures)
    walk("hypot", values, { hypot($0, $1) }, { H(Foundation.hypot(Float($0), Float($1))) }, into: &failures)
    walk(".<", values, { $0 .< $1 }, { $0 < $1 }, into: &failures)
    return failures
  }

  // MARK: Integers

  public static func integer<T: NDElement & FixedWidthInteger>(_: T.Type) -> [String] {
    var failures: [String] = []
    let values: (Int) -> ([T], [T]) = { (integers(T.self, $0, salt: 11), integers(T.self, $0, salt: 12)) }
    walk("+", values, { $0 + $1 }, { $0 &+ $1 }, into: &failures)
    walk("-", values, { $0 - $1 }, { $0 &- $1 }, into: &failures)
    walk("*", values, { $0 * $1 }, { $0 &* $1 }, into: &failures)
    walk("maximum", values, { maximum($0, $1) }, { Swift.max($0, $1) }, into: &failures)
    walk("minimum", values, { minimum($0, $1) }, { Swift.min($0, $1) }, into: &failures)
    walk(
      "remainder", values, { remainder($0, $1) },
      { x, y in
        if y == 0 { return 0 }
        let r = x.remainderReportingOverflow(dividingBy: y).partialValue
        return r != 0 && (r < 0) != (y < 0) ? r &+ y : r
      }, into: &failures)
    walk(
      "floorDivide", values, { floorDivide($0, $1) },
      { x, y in
        if y == 0 { return 0 }
        let (q, overflow) = x.dividedReportingOverflow(by: y)
        if overflow { return q }
        return q &* y != x && (x < 0) != (y < 0) ? q &- 1 : q
      }, into: &failures)
    walk("&", values, { $0 & $1 }, { $0 & $1 }, into: &failures)
    walk("|", values, { $0 | $1 }, { $0 | $1 }, into: &failures)
    walk("^", values, { $0 ^ $1 }, { $0 ^ $1 }, into: &failures)
    walk(".<", values, { $0 .< $1 }, { $0 < $1 }, into: &failures)
    walk(".==", values, { $0 .== $1 }, { $0 == $1 }, into: &failures)
    let one: (Int) -> [T] = { integers(T.self, $0, salt: 13) }
    walk("negation", one, { NDArray<T>(scalar: 0) - $0 }, { 0 &- $0 }, into: &failures)
    walk("~", one, { ~$0 }, { ~$0 }, into: &failures)
    walk("abs", one, { abs($0) }, { $0 < 0 ? 0 &- $0 : $0 }, into: &failures)
    walk("sign", one, { sign($0) }, { $0 > 0 ? 1 : ($0 < 0 ? 0 &- 1 : 0) }, into: &failures)
    return failures
  }

  // MARK: Complex and Bool

  public static func complex<R: NDComplexComponent & BinaryFloatingPoint>(_: R.Type) -> [String] where Complex<R>: NDElement {
    var failures: [String] = []
    typealias C = Complex<R>
    func numbers(_ n: Int, _ salt: Double) -> [C] {
      (0..<n).map { C(R(value($0, salt: salt, specials: false)), R(value($0, salt: salt + 0.5, specials: false))) }
    }
    let values: (Int) -> ([C], [C]) = { (numbers($0, 14), numbers($0, 15)) }
    let agree: (C, C) -> Bool = { closeComplex($0, $1, ulps: 4) }
    walk("+", values, { $0 + $1 }, { $0 + $1 }, agree, into: &failures)
    walk("-", values, { $0 - $1 }, { $0 - $1 }, agree, into: &failures)
    walk(
      "*", values, { $0 * $1 },
      { x, y in
        let (a, b, c, d) = (x.rawStorage.x, x.rawStorage.y, y.rawStorage.x, y.rawStorage.y)
        return C(a * c - b * d, a * d + b * c)
      }, agree, into: &failures)
    walk(".==", values, { $0 .== $1 }, { $0 == $1 }, into: &failures)
    walk("abs", { numbers($0, 16) }, { abs($0) }, { R.hypot($0.rawStorage.x, $0.rawStorage.y) }, { close($0, $1, ulps: 1) }, into: &failures)
    walk("negation", { numbers($0, 16) }, { -$0 }, { C(-$0.rawStorage.x, -$0.rawStorage.y) }, agree, into: &failures)
    return failures
  }

  public static func logical() -> [String] {
    var failures: [String] = []
    func truths(_ n: Int, _ salt: Double) -> [Bool] { (0..<n).map { value($0, salt: salt, specials: false) > 0 } }
    let values: (Int) -> ([Bool], [Bool]) = { (truths($0, 17), truths($0, 18)) }
    walk(".&", values, { $0 .& $1 }, { $0 && $1 }, into: &failures)
    walk(".|", values, { $0 .| $1 }, { $0 || $1 }, into: &failures)
    walk(".^", values, { $0 .^ $1 }, { $0 != $1 }, into: &failures)
    walk(".!", { truths($0, 19) }, { .!$0 }, { !$0 }, into: &failures)
    return failures
  }

  // MARK: Reductions

  /// A whole-array reduction as a one-element result, for ``walk``.
  public static func reductions<T: NDElement & BinaryFloatingPoint & Comparable>(_: T.Type) -> [String] where T.Sum == T {
    var failures: [String] = []
    for n in lengths {
      // Finite values: sums in another order differ by rounding only.
      let all = reals(T.self, n, salt: 20, specials: false)
      for (placement, offset) in placements(n) {
        do {
          let (a, held) = operand(all, placement, offset: offset)
          let context = "n \(n), offset \(offset), \(placement) \(T.self)"
          let exactSum = held.reduce(0.0) { $0 + Double($1) }
          let scale = held.reduce(0.0) { $0 + Double($1).magnitude }
          let tolerance = Double(T.ulpOfOne) * (scale + 1) * 4
          if (Double(a.sum()) - exactSum).magnitude > tolerance {
            failures.append("sum \(context): \(a.sum()), expected \(exactSum)")
          }
          let product = held.reduce(T(1)) { $0 * ($1.magnitude < 1 ? $1 + 1 : $1) }
          let shifted = a.mapElements { $0.magnitude < 1 ? $0 + 1 : $0 }
          if !close(shifted.product(), product, ulps: T(4 * n + 4)) {
            failures.append("product \(context): \(shifted.product()), expected \(product)")
          }
          if n > 0 {
            if (try? a.min()) != held.min() { failures.append("min \(context): \(String(describing: try? a.min()))") }
            if (try? a.max()) != held.max() { failures.append("max \(context): \(String(describing: try? a.max()))") }
            if (try? a.argmin()) != held.firstIndex(of: held.min()!) { failures.append("argmin \(context)") }
            if (try? a.argmax()) != held.firstIndex(of: held.max()!) { failures.append("argmax \(context)") }
            let mean = exactSum / Double(n)
            if (Double(a.mean()) - mean).magnitude > tolerance / Double(n) + Double(T.ulpOfOne) * 4 {
              failures.append("mean \(context): \(a.mean()), expected \(mean)")
            }
          } else {
            if (try? a.min()) != nil { failures.append("min of nothing \(context) did not throw") }
          }
          let nonzero = held.map { $0 != 0 }
          if (a .!= 0).allTrue() != nonzero.allSatisfy({ $0 }) { failures.append("allTrue \(context)") }
          if (a .> 1).anyTrue() != held.contains(where: { $0 > 1 }) { failures.append("anyTrue \(context)") }
          // Cumulative sums, each prefix within rounding of the exact one.
          let cumulative = a.cumulativeSum().elements
          var running = 0.0
          var runningScale = 0.0
          for i in 0..<n {
            running += Double(held[i])
            runningScale += Double(held[i]).magnitude
            if (Double(cumulative[i]) - running).magnitude > Double(T.ulpOfOne) * (runningScale + 1) * 4 {
              failures.append("cumulativeSum \(context): element \(i) is \(cumulative[i]), expected \(running)")
              break
            }
          }
          if cumulative.count != n { failures.append("cumulativeSum \(context): \(cumulative.count) elements") }
        }
      }
    }
    // NaN: min and max propagate it wherever it is.
    for n in 1...40 {
      for at in [0, n / 2, n - 1] {
        var values = reals(T.self, n, salt: 21, specials: false)
        values[at] = .nan
        for placement in Placement.allCases where placement != .broadcast {
          let (a, _) = operand(values, placement, offset: n % 8)
          if !((try? a.max())?.isNaN ?? false) || !((try? a.min())?.isNaN ?? false) {
            failures.append("min/max with NaN at \(at) of \(n), \(placement) \(T.self)")
          }
          if (try? a.argmax()) != at { failures.append("argmax with NaN at \(at) of \(n), \(placement) \(T.self)") }
        }
      }
    }
    return failures
  }

  public static func integerReductions() -> [String] {
    var failures: [String] = []
    for n in lengths {
      let all = integers(Int32.self, n, salt: 22)
      let bytes = integers(UInt8.self, n, salt: 23)
      for (placement, offset) in placements(n) {
        do {
          let (a, held) = operand(all, placement, offset: offset)
          let (b, heldBytes) = operand(bytes, placement, offset: offset)
          let context = "n \(n), offset \(offset), \(placement)"
          if a.sum() != held.reduce(0, { $0 &+ Int($1) }) { failures.append("Int32 sum \(context)") }
          if b.sum() != heldBytes.reduce(UInt(0), { $0 &+ UInt($1) }) { failures.append("UInt8 sum \(context)") }
          if n > 0 && (try? a.max()) != held.max() { failures.append("Int32 max \(context)") }
          if n > 0 && (try? b.argmin()) != heldBytes.firstIndex(of: heldBytes.min()!) { failures.append("UInt8 argmin \(context)") }
          var running = 0
          let cumulative = a.cumulativeSum().elements
          for i in 0..<n {
            running &+= Int(held[i])
            if cumulative[i] != running {
              failures.append("Int32 cumulativeSum \(context): element \(i)")
              break
            }
          }
        }
      }
    }
    return failures
  }

  // MARK: Column sums

  /// `sum(axis: 0)` of narrow matrices (2…10 columns, every row count in
  /// ``lengths``), whole and cut out of wider rows, against each column
  /// added in row order, as NumPy adds them: the loop that keeps the
  /// columns in registers must give the same bits as the one that walks
  /// the rows. (One column is a strided 1-D sum, pairwise as NumPy's.)
  public static func columnSums() -> [String] {
    var failures: [String] = []
    func walk<T: NDElement & BinaryFloatingPoint>(_: T.Type) where T.Sum == T {
      for rows in lengths {
        for width in 2...10 {
          let stride = width + 3
          let values = reals(T.self, rows * stride, salt: 41)
          let wide = NDArray(values, shape: [rows, stride])
          for (name, first, matrix) in [
            ("cut out of wider rows", 1, wide[.all, 1..<(width + 1)]), ("whole", 0, wide[.all, 0..<width].copy()),
          ] {
            let got = matrix.sum(axis: 0).elements
            for j in 0..<width {
              var expected: T = 0
              for r in 0..<rows { expected += values[r * stride + first + j] }
              if !same(got[j], expected) {
                failures.append("sum(axis: 0) \(T.self) \(rows) × \(width), \(name): column \(j) is \(got[j]), expected \(expected)")
                break
              }
            }
          }
        }
      }
    }
    walk(Double.self)
    walk(Float.self)
    return failures
  }

  // MARK: Sorts

  /// The lengths a sort is walked at beyond 0…70: around the sizes where
  /// sorting networks, partitions and radix passes take over.
  static let sortLengths = Array(lengths) + [
    100, 127, 128, 129, 255, 256, 257, 511, 512, 513, 1000, 1023, 1024, 1025, 4097, 70_000,
  ]

  /// `sorted()` and `sorted(stable: true)` of every type with a vectorized
  /// sort (and `argsort()` from 1000 elements, where long lanes take two
  /// threads), on every length,
  /// placement and three kinds of values (specials with NaN, ±0 and ±∞ or
  /// integer bounds; few distinct values; descending runs), against the
  /// order NumPy defines (NaN last, -0 equal to 0) and the same bit
  /// patterns as the input.
  public static func sorts() -> [String] {
    var failures: [String] = []
    func walkSort<T: NDElement>(_: T.Type, _ make: (Double) -> T, bits: (T) -> UInt64, before: (T, T) -> Bool) {
      for n in sortLengths {
        let patterns: [(String, [T])] = [
          ("specials", (0..<n).map { make(value($0, salt: 40)) }),
          ("few values", (0..<n).map { make(Double(($0 &* 37) % 5) - 2) }),
          ("descending", (0..<n).map { make(Double(n - $0) / 4) }),
        ]
        for (pattern, values) in patterns {
          for (placement, offset) in n > 1000 ? [(.contiguous, 0), (.reversed, 1)] : placements(n) {
            let (a, held) = operand(values, placement, offset: offset)
            for stable in [false, true] {
            let result = a.sorted(stable: stable).view.bytes().withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
            let context = "\(T.self) n \(n), \(pattern), offset \(offset), \(placement)\(stable ? ", stable" : "")"
            if result.count != n {
              failures.append("sort \(context): \(result.count) elements")
            } else if let i = (1..<Swift.max(n, 1)).first(where: { before(result[$0], result[$0 - 1]) }) {
              failures.append("sort \(context): element \(i), \(result[i]), is before \(result[i - 1])")
            } else if result.map(bits).sorted() != held.map(bits).sorted() {
              failures.append("sort \(context): the result does not hold the input's bit patterns")
            }
            }
            // The stable argsort, where a long lane runs on two threads.
            if n >= 1000 {
              let expected = (0..<n).sorted { i, j in
                before(held[i], held[j]) || (!before(held[j], held[i]) && i < j)
              }
              if a.argsort().elements != expected { failures.append("argsort \(T.self) n \(n), \(pattern), \(placement)") }
            }
          }
        }
      }
    }
    // NumPy's order for floats: NaN after everything, -0 equal to 0.
    func floatBefore<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> Bool { b.isNaN ? !a.isNaN : a < b }
    walkSort(Double.self, { $0 }, bits: { $0.bitPattern }, before: floatBefore)
    walkSort(Float.self, { Float($0) }, bits: { UInt64($0.bitPattern) }, before: floatBefore)
    func integer<T: NDElement & FixedWidthInteger>(_: T.Type) -> (Double) -> T {
      { v in v.isNaN ? T.max : v.isInfinite ? (v > 0 ? T.max : T.min) : T(truncatingIfNeeded: Int64(v * 1e6)) }
    }
    walkSort(Int64.self, integer(Int64.self), bits: { UInt64(bitPattern: $0) }, before: <)
    walkSort(UInt64.self, integer(UInt64.self), bits: { $0 }, before: <)
    walkSort(Int32.self, integer(Int32.self), bits: { UInt64(UInt32(bitPattern: $0)) }, before: <)
    walkSort(UInt32.self, integer(UInt32.self), bits: { UInt64($0) }, before: <)
    return failures
  }

  // MARK: Conversions

  public static func conversions() -> [String] {
    var failures: [String] = []
    let doubles: (Int) -> [Double] = { reals(Double.self, $0, salt: 24) }
    let finite: (Int) -> [Double] = { n in (0..<n).map { value($0, salt: 25, specials: false) * 30 } }
    walk("Double → Float", doubles, { $0.converted(to: Float.self) }, { Float($0) }, into: &failures)
    walk("Float → Double", { reals(Float.self, $0, salt: 26) }, { $0.converted(to: Double.self) }, { Double($0) }, into: &failures)
    walk("Double → Float16", doubles, { $0.converted(to: Float16.self) }, { Float16($0) }, into: &failures)
    walk("Double → Int32", finite, { $0.converted(to: Int32.self) }, { Int32($0.rounded(.towardZero)) }, into: &failures)
    walk("Double → Int64", finite, { $0.converted(to: Int64.self) }, { Int64($0.rounded(.towardZero)) }, into: &failures)
    walk("Double → Int8", finite, { $0.converted(to: Int8.self) }, { Int8($0.rounded(.towardZero)) }, into: &failures)
    walk("Double → Bool", doubles, { $0.converted(to: Bool.self) }, { $0 != 0 }, into: &failures)
    walk("Int32 → Double", { integers(Int32.self, $0, salt: 27) }, { $0.converted(to: Double.self) }, { Double($0) }, into: &failures)
    walk("UInt8 → Float", { integers(UInt8.self, $0, salt: 28) }, { $0.converted(to: Float.self) }, { Float($0) }, into: &failures)
    walk("Int64 → Int16", { integers(Int64.self, $0, salt: 29) }, { $0.converted(to: Int16.self) }, { Int16(truncatingIfNeeded: $0) }, into: &failures)
    walk("UInt64 → Double", { integers(UInt64.self, $0, salt: 30) }, { $0.converted(to: Double.self) }, { Double($0) }, into: &failures)
    walk("Int16 → UInt8", { integers(Int16.self, $0, salt: 31) }, { $0.converted(to: UInt8.self) }, { UInt8(truncatingIfNeeded: $0) }, into: &failures)
    walk(
      "Double → Complex<Double>", doubles, { $0.converted(to: Complex<Double>.self) }, { Complex<Double>($0, 0) },
      { same($0.rawStorage.x, $1.rawStorage.x) && same($0.rawStorage.y, $1.rawStorage.y) }, into: &failures)
    conversionPairs(into: &failures)
    return failures
  }

  /// Values at and around every integer type's bounds, the specials, and
  /// ordinary values: what a float-to-integer conversion must saturate.
  static let edges: [Double] = [
    0, -0.0, 0.5, -0.5, 1, -1, 127, 127.5, 128, -128, -128.5, -129, 255, 255.5, 256, 32767, 32767.5, 32768,
    -32768, -32769, 65535, 65535.9, 65536, 2_147_483_647, 2_147_483_647.5, 2_147_483_648, -2_147_483_648,
    -2_147_483_649, 4_294_967_295, 4_294_967_296, 0x1p63 - 1024, 0x1p63, -0x1p63, 0x1p64 - 2048, 0x1p64, 1e30, -1e30,
    .infinity, -.infinity, .nan, 1e-300, 3.75, -3.75,
  ]

  /// Strided's rule for floats to integers, written out apart from the
  /// kernels: NaN is 0, values at or past a bound give the bound, others
  /// truncate toward zero.
  static func saturated<T: FixedWidthInteger>(_ v: Double, _: T.Type) -> T {
    if v.isNaN { return 0 }
    if v <= Double(T.min) { return T.min }
    if v >= Double(T.max) { return T.max }
    return T(v.rounded(.towardZero))
  }

  /// Every pair of the integer and float types (each conversion's own
  /// vectorized loop) against the rules: floats to integers saturate,
  /// integers wrap, anything to a float rounds to nearest.
  static func conversionPairs(into failures: inout [String]) {
    var found: [String] = []
    func fromFloat<S: NDElement & BinaryFloatingPoint>(_: S.Type) {
      let values: (Int) -> [S] = { n in (0..<n).map { i in S(i % 3 == 2 ? value(i, salt: 34) * 1e3 : edges[(i &* 7) % edges.count]) } }
      func toInteger<T: NDElement & FixedWidthInteger>(_: T.Type) {
        walk("\(S.self) → \(T.self)", values, { $0.converted(to: T.self) }, { saturated(Double($0), T.self) }, into: &found)
      }
      func toFloat<T: NDElement & BinaryFloatingPoint>(_: T.Type) {
        if S.self != T.self { walk("\(S.self) → \(T.self)", values, { $0.converted(to: T.self) }, { T($0) }, into: &found) }
      }
      toInteger(Int8.self); toInteger(UInt8.self); toInteger(Int16.self); toInteger(UInt16.self)
      toInteger(Int32.self); toInteger(UInt32.self); toInteger(Int64.self); toInteger(UInt64.self)
      toFloat(Float.self); toFloat(Double.self)
    }
    func fromInteger<S: NDElement & FixedWidthInteger>(_: S.Type) {
      let values: (Int) -> [S] = { integers(S.self, $0, salt: 35) }
      func toInteger<T: NDElement & FixedWidthInteger>(_: T.Type) {
        if S.self != T.self {
          walk("\(S.self) → \(T.self)", values, { $0.converted(to: T.self) }, { T(truncatingIfNeeded: $0) }, into: &found)
        }
      }
      func toFloat<T: NDElement & BinaryFloatingPoint>(_: T.Type) {
        walk("\(S.self) → \(T.self)", values, { $0.converted(to: T.self) }, { T($0) }, into: &found)
      }
      toInteger(Int8.self); toInteger(UInt8.self); toInteger(Int16.self); toInteger(UInt16.self)
      toInteger(Int32.self); toInteger(UInt32.self); toInteger(Int64.self); toInteger(UInt64.self)
      toFloat(Float.self); toFloat(Double.self)
    }
    fromFloat(Float.self); fromFloat(Double.self)
    fromInteger(Int8.self); fromInteger(UInt8.self); fromInteger(Int16.self); fromInteger(UInt16.self)
    fromInteger(Int32.self); fromInteger(UInt32.self); fromInteger(Int64.self); fromInteger(UInt64.self)
    failures += found
  }

  // MARK: 2-D

  /// Matrices whose operands disagree on their fastest axis (the kernels
  /// then walk tiles of 8 × 256 items, so runs end mid-row), transposed
  /// outputs, and rows broadcast against columns.
  public static func matrices() -> [String] {
    var failures: [String] = []
    for rows in [1, 2, 3, 9, 33] {
      for columns in [0, 1, 5, 31, 32, 33, 70, 255, 256, 257, 300] {
        let n = rows * columns
        let x = reals(Double.self, n, salt: 32)
        let y = reals(Double.self, n, salt: 33)
        let a = NDArray(x, shape: [rows, columns])
        // b's transpose holds y in F order: b.T[i, j] = y[i * columns + j].
        let b = NDArray(y, shape: [rows, columns]).transposed().copy().transposed()
        let expectedAt: (Int, Int) -> (Double, Double) = { (x[$0 * columns + $1], y[$0 * columns + $1]) }
        func expect(_ name: String, _ result: NDArray<Double>, _ f: (Double, Double) -> Double, ulps: Double) {
          guard result.shape == [rows, columns] else {
            failures.append("\(name) \(rows)×\(columns): shape \(result.shape)")
            return
          }
          for i in 0..<rows {
            for j in 0..<columns {
              let (u, v) = expectedAt(i, j)
              let got: Double = result[i, j][]
              if !close(got, f(u, v), ulps: ulps) {
                failures.append("\(name) \(rows)×\(columns): [\(i), \(j)] is \(got), expected \(f(u, v))")
                return
              }
            }
          }
        }
        expect("C + F", a + b, { $0 + $1 }, ulps: 0)
        expect("hypot C, F", hypot(a, b), { Foundation.hypot($0, $1) }, ulps: 8)
        expect("atan2 F, C", atan2(y: b, x: a), { Foundation.atan2($1, $0) }, ulps: 8)
        expect("exp of F", exp(b), { Foundation.exp($1) }, ulps: 8)
        expect("maximum F, C", maximum(b, a), { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }, ulps: 0)
        // A row broadcast down a column.
        if columns > 0 {
          let row = NDArray(Array(y.prefix(columns)), shape: [1, columns])
          let column = NDArray(Array(x.prefix(rows)), shape: [rows, 1])
          let sum = row + column
          let outer = atan2(y: column, x: row)
          for i in 0..<rows {
            for j in 0..<columns {
              if !same(sum[i, j][] as Double, y[j] + x[i]) {
                failures.append("row + column \(rows)×\(columns): [\(i), \(j)]")
                break
              }
              if !close(outer[i, j][] as Double, Foundation.atan2(x[i], y[j]), ulps: 8) {
                failures.append("atan2 column, row \(rows)×\(columns): [\(i), \(j)]")
                break
              }
            }
          }
        }
      }
    }
    return failures
  }

  // MARK: Block edges

  /// Sizes just below, at and above the work each kernel family splits
  /// (element-wise loops from 2²⁰ items, libmvec loops from 2¹⁶, whole
  /// reductions in blocks of 2¹⁸), each at 1, 2, 3 and 8 threads, with the
  /// whole result compared: a block that starts mid-vector or ends one item
  /// short shows as a wrong element.
  public static func blockEdges() -> [String] {
    var failures: [String] = []
    let saved = Parallelism.threadCount
    defer { Parallelism.threadCount = saved }
    // Each case computes its result and compares it with a reference
    // computed once, before the thread counts are walked.
    var cases: [(String, () -> [String])] = []
    func add<R: NDElement>(_ name: String, _ compute: @escaping () -> NDArray<R>, _ expected: [R], _ agrees: @escaping (R, R) -> Bool) {
      cases.append((name, {
        var found: [String] = []
        check(name, "", compute(), expected, agrees, into: &found)
        return found
      }))
    }
    let vector: (Double, Double) -> Bool = { close($0, $1, ulps: 8) }
    for n in [(1 << 16) - 1, 1 << 16, (1 << 16) + 1, 3 * (1 << 16) + 5] {
      let x = reals(Double.self, n, salt: 34)
      let y = reals(Double.self, n, salt: 35)
      let xs = x.map(Float.init)
      let (a, b, c) = (NDArray(x), NDArray(y), NDArray(xs))
      add("hypot n \(n)", { hypot(a, b) }, (0..<n).map { Foundation.hypot(x[$0], y[$0]) }, vector)
      add("atan2 n \(n)", { atan2(y: a, x: b) }, (0..<n).map { Foundation.atan2(x[$0], y[$0]) }, vector)
      add("exp n \(n)", { exp(a) }, x.map { Foundation.exp($0) }, vector)
      add("sin Float n \(n)", { sin(c) }, xs.map { Foundation.sin($0) }, { close($0, $1, ulps: 8) })
      // Offset by one item, so that blocks start unaligned to the vectors.
      add("log shifted n \(n)", { log(a[1...]) }, x.dropFirst().map { Foundation.log($0) }, vector)
    }
    for n in [(1 << 20) - 1, 1 << 20, (1 << 20) + 13] {
      let x = reals(Double.self, n, salt: 36)
      let y = reals(Double.self, n, salt: 37)
      let (a, b) = (NDArray(x), NDArray(y))
      add("+ n \(n)", { a + b }, (0..<n).map { x[$0] + y[$0] }, same)
      add("floor n \(n)", { floor(a) }, x.map { $0.rounded(.down) }, same)
      add(".< n \(n)", { a .< b }, (0..<n).map { x[$0] < y[$0] }, same)
      add("→ Float n \(n)", { a.converted(to: Float.self) }, x.map(Float.init), same)
      add("shifted * 2 n \(n)", { a[3...] * 2 }, x.dropFirst(3).map { $0 * 2 }, same)
    }
    // Gathers by an index array (`x[idx]`), split from 2¹⁵ indices: items
    // of 1, 8 and 16 bytes, and rows, with negative indices.
    for n in [(1 << 15) - 1, 1 << 15, (1 << 15) + 1, (1 << 16) + 3] {
      let x = reals(Double.self, 1000, salt: 40, specials: false)
      let positions = (0..<n).map { ($0 &* 7919) % 2000 - 1000 }
      let idx = NDArray(positions)
      let picked = positions.map { x[$0 < 0 ? $0 + 1000 : $0] }
      let octets = x.map { UInt8(truncatingIfNeeded: Int($0 * 1000)) }
      let (a, bytes) = (NDArray(x), NDArray(octets))
      add("x[idx] Double n \(n)", { a[idx] }, picked, same)
      add("x[idx] UInt8 n \(n)", { bytes[idx] }, positions.map { octets[$0 < 0 ? $0 + 1000 : $0] }, same)
      // Complex<Double>: 16-byte items; the imaginary parts are x reversed.
      let complex = NDArray(zip(x, x.reversed()).map { Complex($0, $1) })
      add("x[idx] Complex n \(n)", { complex[idx].imaginary }, picked.indices.map { x[999 - (positions[$0] < 0 ? positions[$0] + 1000 : positions[$0])] }, same)
      let rows = try! a.reshaped(to: [500, 2])
      let halves = NDArray(positions.map { $0 / 2 })
      add(
        "rows[idx] n \(n)", { try! rows[halves].reshaped(to: [-1]) },
        positions.flatMap { (k: Int) -> [Double] in let r = (k / 2 + 500) % 500; return [x[2 * r], x[2 * r + 1]] }, same)
    }
    for n in [(1 << 18) - 1, 2 * (1 << 18) + 1, 5 * (1 << 18) + 3] {
      let x = reals(Double.self, n, salt: 38, specials: false)
      let a = NDArray(x)
      let exact = x.reduce(0, +)
      let scale = x.reduce(0) { $0 + $1.magnitude }
      let (largest, first) = (x.max()!, x.firstIndex(of: x.min()!)!)
      let integers = NDArray(integers(Int32.self, n, salt: 39))
      let integerSum = integers.elements.reduce(0, { $0 &+ Int($1) })
      cases.append(("reductions n \(n)", {
        var found: [String] = []
        if (a.sum() - exact).magnitude > 1e-12 * scale { found.append("sum n \(n): \(a.sum()) vs \(exact)") }
        if (try? a.max()) != largest { found.append("max n \(n)") }
        if (try? a.argmin()) != first { found.append("argmin n \(n)") }
        if integers.sum() != integerSum { found.append("Int32 sum n \(n)") }
        return found
      }))
    }
    for threads in [1, 2, 3, 8] {
      Parallelism.threadCount = threads
      for (name, run) in cases {
        failures += run().map { "\($0) (\(name), \(threads) threads)" }
      }
    }
    return failures
  }

  // MARK: Fused expressions

  /// Fused expressions against the same arithmetic done element by element
  /// (bit for bit, as the eager operators give it): every length 0…70 and
  /// the fused engine's block edges (1024 items, 2¹⁵ for threads) in every
  /// placement pair; then fused sums along the last axis of broadcast 3-D
  /// operands (the k-means distance shape: rows one segment long, lines
  /// shorter and longer than the vector width) against the eager sum. At
  /// 1, 2, 3 and 8 threads.
  public static func fused(threadCounts: [Int] = [1, 2, 3, 8]) -> [String] {
    var failures: [String] = []
    let saved = Parallelism.threadCount
    defer { Parallelism.threadCount = saved }
    for threads in threadCounts {
      Parallelism.threadCount = threads
      for n in Array(lengths) + [1023, 1024, 1025, (1 << 15) - 1, 1 << 15, (1 << 15) + 1] {
        let x = reals(Double.self, n, salt: 40)
        let y = reals(Double.self, n, salt: 41)
        for (p, q, offset) in placementPairs(n) {
          let (a, xa) = operand(x, p, offset: offset)
          let (b, yb) = operand(y, q, offset: offset)
          let (fa, fb) = (a.fused, b.fused)
          let expression: NDExpression = 2 * fa + fb * fb - fa
          let expected = (0..<n).map { (i: Int) -> Double in 2 * xa[i] + yb[i] * yb[i] - xa[i] }
          check(
            "fused 2a + b·b − a", "n \(n) \(p)/\(q) offset \(offset), \(threads) threads", expression.evaluated(),
            expected, identical, into: &failures)
          // Every other step of the compiled program: division, select,
          // negation, magnitude, square root, the multiplied powers and
          // the reciprocal.
          let steps: NDExpression =
            NDExpression.where(fa .> fb, fa / fb, -abs(fb)) + sqrt(abs(fa)) + fa ** 3 - fb ** 4 + fa ** 5 + fa ** -1
          let expectedSteps = (0..<n).map { (i: Int) -> Double in
            let (u, v) = (xa[i], yb[i])
            let picked = u > v ? u / v : -Swift.abs(v)
            let s = v * v
            return picked + Swift.abs(u).squareRoot() + u * u * u - s * s + u * u * u * u * u + 1 / u
          }
          check(
            "fused where/÷/−/abs/sqrt/powers", "n \(n) \(p)/\(q) offset \(offset), \(threads) threads",
            steps.evaluated(), expectedSteps, identical, into: &failures)
          // Rounding, sign, the four extremes and copysign.
          let rounding: NDExpression =
            floor(fa) + ceil(fb) - trunc(fa) + fa.rounded() + sign(fb) + maximum(fa, fb) - minimum(fa, fb)
            + fmax(fa, fb) - fmin(fb, fa) + copysign(fa, fb)
          let expectedRounding = (0..<n).map { (i: Int) -> Double in
            let (u, v) = (xa[i], yb[i])
            let signV: Double = v > 0 ? 1 : v < 0 ? -1 : v == 0 ? 0 : v
            let largest = u.isNaN ? u : (u > v ? u : v)
            let smallest = u.isNaN ? u : (u < v ? u : v)
            let largestNumber = v.isNaN ? u : (u > v ? u : v)
            let smallestNumber = u.isNaN ? v : (v < u ? v : u)
            return u.rounded(.down) + v.rounded(.up) - u.rounded(.towardZero) + u.rounded(.toNearestOrEven) + signV
              + largest - smallest + largestNumber - smallestNumber + Double(signOf: v, magnitudeOf: u)
          }
          check(
            "fused floor/ceil/trunc/rounded/sign/extremes/copysign",
            "n \(n) \(p)/\(q) offset \(offset), \(threads) threads", rounding.evaluated(), expectedRounding, identical,
            into: &failures)
          let classes = isnan(fa) | isinf(fb) | !isfinite(fa)
          check(
            "fused isnan/isinf/isfinite", "n \(n) \(p)/\(q) offset \(offset), \(threads) threads",
            classes.evaluated(), (0..<n).map { xa[$0].isNaN || yb[$0].isInfinite || !xa[$0].isFinite }, same,
            into: &failures)
          // Comparisons, and, or and not, into Bool items, with a Bool
          // array (a mask leaf) placed as the first operand.
          let (m, mb) = operand(x.map { $0 > 0 }, p, offset: offset)
          let predicate =
            ((fa .< fb) & (fa .!= 0.5)) | !(fb .>= fa) | ((fa .<= fb) & (fb .== fa)) | (m.fused & (fb .> 0))
          let expectedPredicate = (0..<n).map { (i: Int) -> Bool in
            let (u, v) = (xa[i], yb[i])
            return (u < v && u != 0.5) || !(v >= u) || (u <= v && v == u) || (mb[i] && v > 0)
          }
          check(
            "fused comparisons/and/or/not", "n \(n) \(p)/\(q) offset \(offset), \(threads) threads",
            predicate.evaluated(), expectedPredicate, same, into: &failures)
          // A Float leaf placed as the first operand, read as Double, and
          // the result rounded once to Float.
          let (f, fx) = operand(x.map { Float($0) }, p, offset: offset)
          let expectedMixed = (0..<n).map { (i: Int) -> Float in Float(Double(fx[i]) * yb[i] + 1) }
          check(
            "fused Float·b + 1 as Float", "n \(n) \(p)/\(q) offset \(offset), \(threads) threads",
            (f.fused * fb + 1).evaluated(as: Float.self), expectedMixed, identical, into: &failures)
        }
      }
      for rows in [1, 3, 64, 65, 1500] {
        for centres in [1, 3, 8] {
          for width in [1, 2, 7, 8, 9, 16, 17, 70] {
            let x = NDArray(reals(Double.self, rows * width, salt: 42), shape: [rows, width])
            let c = NDArray(reals(Double.self, centres * width, salt: 43), shape: [centres, width])
            let (x3, c3) = (x[.all, .newAxis, .all], c[.newAxis, .all, .all])
            let eager = ((x3 - c3) ** 2).sum(axis: 2)
            let fusedSum = ((x3.fused - c3.fused) ** 2).sum(axis: 2)
            let agree = eager.shape == fusedSum.shape
              && zip(eager.elements, fusedSum.elements).allSatisfy { identical($0, $1) }
            if !agree {
              failures.append("fused sum(axis: 2) of (X − C)² \(rows) × \(centres) × \(width), \(threads) threads")
            }
          }
        }
      }
      // Line sums at the pairwise sum's edges (8 and 128 items) and the
      // block's (1024), of the distances and of lines of −0.0 (the eager
      // sum adds them to +0.0).
      for width in [7, 8, 9, 127, 128, 129, 1023, 1024, 1025] {
        let x = NDArray(reals(Double.self, 3 * width, salt: 44), shape: [3, width])
        let c = NDArray(reals(Double.self, 2 * width, salt: 45), shape: [2, width])
        let (x3, c3) = (x[.all, .newAxis, .all], c[.newAxis, .all, .all])
        let pairs = [
          (((x3 - c3) ** 2).sum(axis: 2), ((x3.fused - c3.fused) ** 2).sum(axis: 2)),
          ((-(x3 - x3)).sum(axis: 2), (-(x3.fused - x3.fused)).sum(axis: 2)),
        ]
        for (eager, fusedSum) in pairs
        where eager.shape != fusedSum.shape || !zip(eager.elements, fusedSum.elements).allSatisfy({ identical($0, $1) }) {
          failures.append("fused line sums of width \(width), \(threads) threads")
        }
      }
      failures += fusedStreaming(threads)
    }
    return failures
  }

  /// Assignments whose results are written around the caches
  /// (`strided_fused_stream`): taken only above a size near the largest
  /// cache's, so forced here, at every length and every start offset of
  /// the output, with the items on both sides checked untouched.
  static func fusedStreaming(_ threads: Int) -> [String] {
    var failures: [String] = []
    strided_fused_set_streaming_bytes(0)
    defer { strided_fused_set_streaming_bytes(-1) }
    for n in Array(lengths) + [1023, 1024, 1025, (1 << 15) - 1, 1 << 15, (1 << 15) + 1] {
      let x = reals(Double.self, n, salt: 46)
      let y = reals(Double.self, n, salt: 47)
      let (a, b) = (NDArray(x, shape: [n]).fused, NDArray(y, shape: [n]).fused)
      let expression = 2 * a + b * b - a
      let expected = (0..<n).map { (i: Int) -> Double in 2 * x[i] + y[i] * y[i] - x[i] }
      check(
        "streamed 2a + b·b − a", "n \(n), \(threads) threads", expression.evaluated(), expected, identical,
        into: &failures)
      for offset in offsets {
        let target = NDArray<Double>(repeating: -7, shape: [offset + n + 1])
        do {
          try target[offset..<(offset + n)].assign(expression)
        } catch {
          failures.append("streamed assignment n \(n) at offset \(offset): \(error)")
          continue
        }
        let guarded = Array(repeating: -7.0, count: offset) + expected + [-7]
        check(
          "streamed assignment", "n \(n) at offset \(offset), \(threads) threads", target, guarded, identical,
          into: &failures)
      }
    }
    return failures
  }
}
