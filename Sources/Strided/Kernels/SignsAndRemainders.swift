import RealModule

/// NumPy's `divmod`: the floor quotient and the remainder with the
/// divisor's sign, computed together and written in one pass over both
/// operands. Each element is the pair that `floorDivide` and `remainder`
/// give separately (`MathFunction.divmod` for floating point, the same
/// integer rules), so the two results agree with those functions bit for
/// bit.
enum DivisionWithRemainder {
  /// `(a // b, a % b)` broadcast into two new arrays of `a`'s format.
  ///
  /// - Precondition: The shapes broadcast; `kind` is an integer or real
  ///   floating-point kind.
  static func apply(_ a: NDView, _ b: NDView, kind: ScalarKind) -> (quotient: NDView, remainder: NDView) {
    let shape = Operands.broadcastShape([a.shape, b.shape], "divmod")
    let q = Operands.result(shape: shape, format: a.format, like: [a, b], "divmod")
    let r = Operands.result(shape: shape, format: a.format, like: [a, b], "divmod")
    switch kind {
    case .int8: pairs(a, b, q, r) { (x: Int8, y: Int8) in integer(x, y) }
    case .uint8, .char: pairs(a, b, q, r) { (x: UInt8, y: UInt8) in integer(x, y) }
    case .int16: pairs(a, b, q, r) { (x: Int16, y: Int16) in integer(x, y) }
    case .uint16: pairs(a, b, q, r) { (x: UInt16, y: UInt16) in integer(x, y) }
    case .int32: pairs(a, b, q, r) { (x: Int32, y: Int32) in integer(x, y) }
    case .uint32: pairs(a, b, q, r) { (x: UInt32, y: UInt32) in integer(x, y) }
    case .int64: pairs(a, b, q, r) { (x: Int64, y: Int64) in integer(x, y) }
    case .uint64: pairs(a, b, q, r) { (x: UInt64, y: UInt64) in integer(x, y) }
    case .float16:
      // Computed in Float and rounded, as NumPy's half loops do.
      pairs(a, b, q, r) { (x: Float16, y: Float16) -> (Float16, Float16) in
        let d = MathFunction.divmod(Float(x), Float(y))
        return (Float16(d.quotient), Float16(d.modulo))
      }
    case .float32:
      pairs(a, b, q, r) { (x: Float, y: Float) -> (Float, Float) in
        let d = MathFunction.divmod(x, y)
        return (d.quotient, d.modulo)
      }
    case .float64:
      pairs(a, b, q, r) { (x: Double, y: Double) -> (Double, Double) in
        let d = MathFunction.divmod(x, y)
        return (d.quotient, d.modulo)
      }
    default: preconditionFailure("divmod: not defined for \(kind) elements")
    }
    return (q, r)
  }

  /// NumPy's `divmod` of integers, with one division: rounded down, the
  /// remainder with the divisor's sign; `(0, 0)` for a zero divisor; the
  /// minimum divided by -1 wraps to the minimum, remainder 0.
  @inline(__always)
  static func integer<T: FixedWidthInteger>(_ x: T, _ y: T) -> (T, T) {
    if y == 0 { return (0, 0) }
    let (q, overflow) = x.dividedReportingOverflow(by: y)
    if overflow { return (q, 0) }
    let r = x &- q &* y
    return r != 0 && (r < 0) != (y < 0) ? (q &- 1, r &+ y) : (q, r)
  }

  /// `(q[i], r[i]) = op(a[i], b[i])`, with `a` and `b` broadcast to the
  /// outputs' shape; `q` and `r` are new arrays laid out alike.
  ///
  /// - Precondition: The element types match the formats.
  @inline(__always)
  static func pairs<T>(_ a: NDView, _ b: NDView, _ q: NDView, _ r: NDView, _ op: (T, T) -> (T, T)) {
    Elementwise.checkTypes(T.self, q, T.self, a, T.self, b)
    Elementwise.checkTypes(T.self, r, T.self, r)
    let sa = try! a.layout.broadcast(to: q.shape, itemSize: a.itemSize).strides
    let sb = try! b.layout.broadcast(to: q.shape, itemSize: b.itemSize).strides
    let plan = IterationPlan(shape: q.shape, strides: [q.strides, r.strides, sa, sb])
    let e = MemoryLayout<T>.stride
    let alignment = MemoryLayout<T>.alignment
    let base = IterationPlan.Strides(
      Elementwise.address(q), Elementwise.address(r), Elementwise.address(a), Elementwise.address(b))
    plan.forEachRun(base, parallel: true, outputItemSize: q.itemSize) { n, p, s in
      let pq = UnsafeMutablePointer<T>(bitPattern: p[0])!
      let pr = UnsafeMutablePointer<T>(bitPattern: p[1])!
      let pa = UnsafePointer<T>(bitPattern: p[2])!
      let pb = UnsafePointer<T>(bitPattern: p[3])!
      let aligned = p[0] % alignment == 0 && p[1] % alignment == 0 && p[2] % alignment == 0 && p[3] % alignment == 0
      if aligned && s[0] == e && s[1] == e && s[2] == e && s[3] == e {
        for i in 0..<n {
          let (d, m) = op(pa[i], pb[i])
          pq[i] = d
          pr[i] = m
        }
      } else if aligned && s[0] == e && s[1] == e && s[2] == e && s[3] == 0 {
        // A scalar divisor, hoisted.
        let y = pb[0]
        for i in 0..<n {
          let (d, m) = op(pa[i], y)
          pq[i] = d
          pr[i] = m
        }
      } else {
        var (oq, om) = (UnsafeMutableRawPointer(pq), UnsafeMutableRawPointer(pr))
        var (x, y) = (UnsafeRawPointer(pa), UnsafeRawPointer(pb))
        for _ in 0..<n {
          let (d, m) = op(x.loadUnaligned(as: T.self), y.loadUnaligned(as: T.self))
          oq.storeBytes(of: d, as: T.self)
          om.storeBytes(of: m, as: T.self)
          oq += s[0]
          om += s[1]
          x += s[2]
          y += s[3]
        }
      }
    }
    withExtendedLifetime((a, b, q, r)) {}
  }
}

/// NumPy's `signbit`: whether each element's sign bit is set.
enum SignBit {
  /// A new `Bool` array: the sign bit of floating-point elements (so -0.0,
  /// -∞ and NaNs with the bit set count), `x < 0` for integers.
  ///
  /// - Precondition: `kind` is an integer or real floating-point kind.
  static func apply(_ a: NDView, kind: ScalarKind) -> NDView {
    let out = Operands.result(shape: a.shape, format: Bool.format, like: [a], "signbit")
    switch kind {
    case .float16: Elementwise.unary(a, into: out) { (x: Float16) in x.sign == .minus }
    case .float32: Elementwise.unary(a, into: out) { (x: Float) in x.sign == .minus }
    case .float64: Elementwise.unary(a, into: out) { (x: Double) in x.sign == .minus }
    case .int8: Elementwise.unary(a, into: out) { (x: Int8) in x < 0 }
    case .int16: Elementwise.unary(a, into: out) { (x: Int16) in x < 0 }
    case .int32: Elementwise.unary(a, into: out) { (x: Int32) in x < 0 }
    case .int64: Elementwise.unary(a, into: out) { (x: Int64) in x < 0 }
    case .uint8, .char: Elementwise.unary(a, into: out) { (_: UInt8) in false }
    case .uint16: Elementwise.unary(a, into: out) { (_: UInt16) in false }
    case .uint32: Elementwise.unary(a, into: out) { (_: UInt32) in false }
    case .uint64: Elementwise.unary(a, into: out) { (_: UInt64) in false }
    default: preconditionFailure("signbit: not defined for \(kind) elements")
    }
    return out
  }
}
