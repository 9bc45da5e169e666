import ComplexModule
import RealModule

/// The four arithmetic operations, dispatched once on the element type.
enum Arithmetic {
  enum Operation {
    case add, subtract, multiply, divide

    var name: StaticString {
      switch self {
      case .add: "+"
      case .subtract: "-"
      case .multiply: "*"
      case .divide: "/"
      }
    }
  }

  /// `a op b` into new storage.
  static func apply(_ op: Operation, _ a: NDView, _ b: NDView, kind: ScalarKind) -> NDView {
    let out: NDView
    if a.ndim == b.ndim && a.large == nil && a.axes.lanesEqual(b.axes)
      && a.axes.lanesEqual(Layout.contiguousAxes(rank: a.ndim, sizes: a.axes.lowHalf, itemSize: a.itemSize, order: .c))
    {
      // Two arrays of one shape, both in C order with C strides: the
      // result takes their layout, with no broadcasting to work out.
      out = Operands.result(like: a, op.name)
    } else {
      let shape = Operands.broadcastShape([a.shape, b.shape], op.name)
      out = Operands.result(shape: shape, format: a.format, like: [a, b], op.name)
    }
    run(op, a, b, into: out, kind: kind)
    return out
  }

  /// `target = target op b`, in place.
  static func applyInPlace(_ op: Operation, _ target: NDView, _ b: NDView, kind: ScalarKind) {
    Operands.checkInPlace(target, [b], op.name)
    run(op, Operands.staged(target, for: target), Operands.staged(b, for: target), into: target, kind: kind)
  }

  static func run(_ op: Operation, _ a: NDView, _ b: NDView, into out: NDView, kind: ScalarKind) {
    switch kind {
    case .int8: integer(Int8.self, op, a, b, out)
    case .uint8, .char: integer(UInt8.self, op, a, b, out)
    case .int16: integer(Int16.self, op, a, b, out)
    case .uint16: integer(UInt16.self, op, a, b, out)
    case .int32: integer(Int32.self, op, a, b, out)
    case .uint32: integer(UInt32.self, op, a, b, out)
    case .int64: integer(Int64.self, op, a, b, out)
    case .uint64: integer(UInt64.self, op, a, b, out)
    case .float16: floating(Float16.self, op, a, b, out)
    case .float32: floating(Float.self, op, a, b, out)
    case .float64: floating(Double.self, op, a, b, out)
    case .complex64: complex(Float.self, op, a, b, out)
    case .complex128: complex(Double.self, op, a, b, out)
    default: preconditionFailure("\(op.name): \(kind) elements have no arithmetic")
    }
  }

  /// Integers wrap on overflow, as NumPy's do. Division truncates toward
  /// zero, as Swift's `/`; a division by zero gives 0, as NumPy's `//`, and
  /// `min / -1` wraps to `min`.
  static func integer<T: FixedWidthInteger>(_: T.Type, _ op: Operation, _ a: NDView, _ b: NDView, _ out: NDView) {
    switch op {
    case .add: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x &+ y }
    case .subtract: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x &- y }
    case .multiply: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x &* y }
    case .divide:
      Elementwise.binary(a, b, into: out) { (x: T, y: T) in y == 0 ? 0 : x.dividedReportingOverflow(by: y).partialValue }
    }
  }

  /// Complex products and quotients as NumPy's loops compute them (see
  /// ``ComplexMath``): infinities and NaN come out as in NumPy.
  static func complex<R: NDComplexComponent>(_: R.Type, _ op: Operation, _ a: NDView, _ b: NDView, _ out: NDView) {
    typealias T = Complex<R>
    switch op {
    case .add: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x + y }
    case .subtract: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x - y }
    case .multiply: Elementwise.binary(a, b, into: out) { (x: T, y: T) in ComplexMath.multiply(x, y) }
    case .divide: Elementwise.binary(a, b, into: out) { (x: T, y: T) in ComplexMath.divide(x, y) }
    }
  }

  /// `(a · b) · c` element-wise, broadcast to one shape, in one pass and
  /// into one new array: the same values as `a * b * c`, without the
  /// temporary (einsum's element-wise products).
  static func product(_ a: NDView, _ b: NDView, _ c: NDView, kind: ScalarKind) -> NDView {
    let shape = Operands.broadcastShape([a.shape, b.shape, c.shape], "*")
    let out = Operands.result(shape: shape, format: a.format, like: [a, b, c], "*")
    func wrapping<T: FixedWidthInteger>(_: T.Type) {
      Elementwise.ternary(a, b, c, into: out) { (x: T, y: T, z: T) in x &* y &* z }
    }
    func field<T: AlgebraicField>(_: T.Type) {
      Elementwise.ternary(a, b, c, into: out) { (x: T, y: T, z: T) in x * y * z }
    }
    func complexProduct<R: NDComplexComponent>(_: R.Type) {
      typealias T = Complex<R>
      Elementwise.ternary(a, b, c, into: out) { (x: T, y: T, z: T) in ComplexMath.multiply(ComplexMath.multiply(x, y), z) }
    }
    switch kind {
    case .int8: wrapping(Int8.self)
    case .uint8, .char: wrapping(UInt8.self)
    case .int16: wrapping(Int16.self)
    case .uint16: wrapping(UInt16.self)
    case .int32: wrapping(Int32.self)
    case .uint32: wrapping(UInt32.self)
    case .int64: wrapping(Int64.self)
    case .uint64: wrapping(UInt64.self)
    case .float16: field(Float16.self)
    case .float32: field(Float.self)
    case .float64: field(Double.self)
    case .complex64: complexProduct(Float.self)
    case .complex128: complexProduct(Double.self)
    default: preconditionFailure("*: \(kind) elements have no arithmetic")
    }
    return out
  }

  /// Each operation in a function of its own: with the four loops inlined
  /// into one function, the optimizer stopped short of the later ones (a
  /// threaded `Float` product ran six times slower than a sum).
  static func floating<T: AlgebraicField>(_: T.Type, _ op: Operation, _ a: NDView, _ b: NDView, _ out: NDView) {
    switch op {
    case .add: floatingAdd(T.self, a, b, out)
    case .subtract: floatingSubtract(T.self, a, b, out)
    case .multiply: floatingMultiply(T.self, a, b, out)
    case .divide: floatingDivide(T.self, a, b, out)
    }
  }

  @inline(never)
  static func floatingAdd<T: AlgebraicField>(_: T.Type, _ a: NDView, _ b: NDView, _ out: NDView) {
    Elementwise.binary(a, b, into: out) { (x: T, y: T) in x + y }
  }

  @inline(never)
  static func floatingSubtract<T: AlgebraicField>(_: T.Type, _ a: NDView, _ b: NDView, _ out: NDView) {
    Elementwise.binary(a, b, into: out) { (x: T, y: T) in x - y }
  }

  @inline(never)
  static func floatingMultiply<T: AlgebraicField>(_: T.Type, _ a: NDView, _ b: NDView, _ out: NDView) {
    Elementwise.binary(a, b, into: out) { (x: T, y: T) in x * y }
  }

  @inline(never)
  static func floatingDivide<T: AlgebraicField>(_: T.Type, _ a: NDView, _ b: NDView, _ out: NDView) {
    Elementwise.binary(a, b, into: out) { (x: T, y: T) in x / y }
  }

  /// `-a`: integers wrap (`-min` is `min`; unsigned values wrap modulo
  /// 2ⁿ); floating point flips the sign bit, so `-0.0` and NaN signs are
  /// NumPy's.
  static func negate(_ a: NDView, kind: ScalarKind) -> NDView {
    let out = Operands.result(shape: a.shape, format: a.format, like: [a], "-")
    switch kind {
    case .int8: Elementwise.unary(a, into: out) { (x: Int8) in 0 &- x }
    case .uint8, .char: Elementwise.unary(a, into: out) { (x: UInt8) in 0 &- x }
    case .int16: Elementwise.unary(a, into: out) { (x: Int16) in 0 &- x }
    case .uint16: Elementwise.unary(a, into: out) { (x: UInt16) in 0 &- x }
    case .int32: Elementwise.unary(a, into: out) { (x: Int32) in 0 &- x }
    case .uint32: Elementwise.unary(a, into: out) { (x: UInt32) in 0 &- x }
    case .int64: Elementwise.unary(a, into: out) { (x: Int64) in 0 &- x }
    case .uint64: Elementwise.unary(a, into: out) { (x: UInt64) in 0 &- x }
    case .float16: Elementwise.unary(a, into: out) { (x: Float16) in -x }
    case .float32: Elementwise.unary(a, into: out) { (x: Float) in -x }
    case .float64: Elementwise.unary(a, into: out) { (x: Double) in -x }
    // Each part negated, so that zeros change sign as NumPy's do
    // (swift-numerics' `-` gives -(0 + 0i) as 0 + 0i).
    case .complex64: Elementwise.unary(a, into: out) { (x: Complex<Float>) in Complex(-x.rawStorage.x, -x.rawStorage.y) }
    case .complex128: Elementwise.unary(a, into: out) { (x: Complex<Double>) in Complex(-x.rawStorage.x, -x.rawStorage.y) }
    default: preconditionFailure("-: \(kind) elements have no arithmetic")
    }
    return out
  }
}


extension Arithmetic {
  /// `|a|` in the same type: integers wrap (`|min|` is `min`, as in NumPy),
  /// floating point clears the sign.
  static func magnitude(_ a: NDView, kind: ScalarKind) -> NDView {
    let out = Operands.result(shape: a.shape, format: a.format, like: [a], "abs")
    switch kind {
    case .int8: Elementwise.unary(a, into: out) { (x: Int8) in x < 0 ? 0 &- x : x }
    case .int16: Elementwise.unary(a, into: out) { (x: Int16) in x < 0 ? 0 &- x : x }
    case .int32: Elementwise.unary(a, into: out) { (x: Int32) in x < 0 ? 0 &- x : x }
    case .int64: Elementwise.unary(a, into: out) { (x: Int64) in x < 0 ? 0 &- x : x }
    case .uint8, .uint16, .uint32, .uint64, .char: try! a.copy(into: out)
    case .float16: Elementwise.unary(a, into: out) { (x: Float16) in Swift.abs(x) }
    case .float32: Elementwise.unary(a, into: out) { (x: Float) in Swift.abs(x) }
    case .float64: Elementwise.unary(a, into: out) { (x: Double) in Swift.abs(x) }
    default: preconditionFailure("abs: \(kind) elements have no magnitude of their own type")
    }
    return out
  }

  /// `|z|` of complex elements, as their real type: `hypot` of the parts
  /// (overflow-safe; NaN in a finite part gives NaN, as in NumPy).
  static func length<R: NDComplexComponent>(_ a: NDView, _: R.Type) -> NDView {
    let out = Operands.result(shape: a.shape, format: R.format, like: [a], "abs")
    Elementwise.unary(a, into: out) { (z: Complex<R>) in ComplexMath.magnitude(z) }
    return out
  }
}
