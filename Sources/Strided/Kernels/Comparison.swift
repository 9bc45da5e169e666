import ComplexModule

/// Element-wise comparisons, logic, selection and clamping, dispatched once
/// on the element type. `Bool` elements are read as bytes (non-zero is
/// `true`), so foreign bytes other than 0 and 1 read as `true`.
enum Comparison {
  enum Operation {
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual

    var name: StaticString {
      switch self {
      case .equal: ".=="
      case .notEqual: ".!="
      case .less: ".<"
      case .lessOrEqual: ".<="
      case .greater: ".>"
      case .greaterOrEqual: ".>="
      }
    }

    @inline(__always)
    func callAsFunction<T: Comparable>(_ x: T, _ y: T) -> Bool {
      switch self {
      case .equal: x == y
      case .notEqual: x != y
      case .less: x < y
      case .lessOrEqual: x <= y
      case .greater: x > y
      case .greaterOrEqual: x >= y
      }
    }
  }

  static let boolFormat = Bool.format

  /// `a op b` as a new `Bool` array.
  static func compare(_ op: Operation, _ a: NDView, _ b: NDView, kind: ScalarKind) -> NDView {
    let shape = Operands.broadcastShape([a.shape, b.shape], op.name)
    let out = Operands.result(shape: shape, format: boolFormat, like: [a, b], op.name)
    switch kind {
    case .bool: ordered(UInt8.self, op, a, b, out) { $0 != 0 ? 1 : 0 }
    case .int8: ordered(Int8.self, op, a, b, out)
    case .uint8, .char: ordered(UInt8.self, op, a, b, out)
    case .int16: ordered(Int16.self, op, a, b, out)
    case .uint16: ordered(UInt16.self, op, a, b, out)
    case .int32: ordered(Int32.self, op, a, b, out)
    case .uint32: ordered(UInt32.self, op, a, b, out)
    case .int64: ordered(Int64.self, op, a, b, out)
    case .uint64: ordered(UInt64.self, op, a, b, out)
    case .float16: ordered(Float16.self, op, a, b, out)
    case .float32: ordered(Float.self, op, a, b, out)
    case .float64: ordered(Double.self, op, a, b, out)
    case .complex64: complexEquality(Float.self, op, a, b, out)
    case .complex128: complexEquality(Double.self, op, a, b, out)
    default: preconditionFailure("\(op.name): \(kind) elements cannot be compared")
    }
    return out
  }

  /// `true` where an element is not zero (for complex numbers: where some
  /// part is not zero; NaN is not zero), as a new `Bool` array.
  static func nonzero(_ a: NDView, kind: ScalarKind) -> NDView {
    let zero = NDView(
      unchecked: ByteStorage(count: a.itemSize), format: a.format, itemSize: a.itemSize, byteOffset: 0,
      layout: Layout(), isReadOnly: true)
    return compare(.notEqual, a, zero, kind: kind)
  }

  /// Comparisons of values as they are: one specialized loop per operation.
  static func ordered<T: Comparable>(_: T.Type, _ op: Operation, _ a: NDView, _ b: NDView, _ out: NDView) {
    switch op {
    case .equal: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x == y }
    case .notEqual: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x != y }
    case .less: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x < y }
    case .lessOrEqual: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x <= y }
    case .greater: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x > y }
    case .greaterOrEqual: Elementwise.binary(a, b, into: out) { (x: T, y: T) in x >= y }
    }
  }

  /// Comparisons of values mapped by `key` first (`Bool` bytes to 0 or 1).
  @inline(__always)
  static func ordered<T: Comparable>(
    _: T.Type, _ op: Operation, _ a: NDView, _ b: NDView, _ out: NDView, _ key: (T) -> T
  ) {
    switch op {
    case .equal: Elementwise.binary(a, b, into: out) { (x: T, y: T) in key(x) == key(y) }
    case .notEqual: Elementwise.binary(a, b, into: out) { (x: T, y: T) in key(x) != key(y) }
    case .less: Elementwise.binary(a, b, into: out) { (x: T, y: T) in key(x) < key(y) }
    case .lessOrEqual: Elementwise.binary(a, b, into: out) { (x: T, y: T) in key(x) <= key(y) }
    case .greater: Elementwise.binary(a, b, into: out) { (x: T, y: T) in key(x) > key(y) }
    case .greaterOrEqual: Elementwise.binary(a, b, into: out) { (x: T, y: T) in key(x) >= key(y) }
    }
  }

  /// IEEE equality of both parts (NaN equals nothing), and NumPy's
  /// lexicographic order: by real part, then imaginary part, where a NaN
  /// imaginary part makes a real-part comparison false.
  static func complexEquality<R: NDComplexComponent>(_: R.Type, _ op: Operation, _ a: NDView, _ b: NDView, _ out: NDView) {
    typealias T = Complex<R>
    @inline(__always) func less(_ x: T, _ y: T, orEqual: Bool) -> Bool {
      let ((xr, xi), (yr, yi)) = (x.rawStorage, y.rawStorage)
      return (xr < yr && !xi.isNaN && !yi.isNaN) || (xr == yr && (orEqual ? xi <= yi : xi < yi))
    }
    switch op {
    case .equal: Elementwise.binary(a, b, into: out) { (x: T, y: T) in ComplexMath.equal(x, y) }
    case .notEqual: Elementwise.binary(a, b, into: out) { (x: T, y: T) in !ComplexMath.equal(x, y) }
    case .less: Elementwise.binary(a, b, into: out) { (x: T, y: T) in less(x, y, orEqual: false) }
    case .lessOrEqual: Elementwise.binary(a, b, into: out) { (x: T, y: T) in less(x, y, orEqual: true) }
    case .greater: Elementwise.binary(a, b, into: out) { (x: T, y: T) in less(y, x, orEqual: false) }
    case .greaterOrEqual: Elementwise.binary(a, b, into: out) { (x: T, y: T) in less(y, x, orEqual: true) }
    }
  }

  enum Logic { case and, or, exclusiveOr }

  /// A logical operation on `Bool` views, as a new `Bool` array.
  static func logic(_ op: Logic, _ a: NDView, _ b: NDView) -> NDView {
    let name: StaticString = op == .and ? ".&" : op == .or ? ".|" : ".^"
    let shape = Operands.broadcastShape([a.shape, b.shape], name)
    let out = Operands.result(shape: shape, format: boolFormat, like: [a, b], name)
    switch op {
    case .and: Elementwise.binary(a, b, into: out) { (x: UInt8, y: UInt8) in x != 0 && y != 0 }
    case .or: Elementwise.binary(a, b, into: out) { (x: UInt8, y: UInt8) in x != 0 || y != 0 }
    case .exclusiveOr: Elementwise.binary(a, b, into: out) { (x: UInt8, y: UInt8) in (x != 0) != (y != 0) }
    }
    return out
  }

  /// `!a` for a `Bool` view.
  static func not(_ a: NDView) -> NDView {
    let out = Operands.result(shape: a.shape, format: boolFormat, like: [a], ".!")
    Elementwise.unary(a, into: out) { (x: UInt8) in x == 0 }
    return out
  }

  /// `condition ? a : b`, element by element, broadcasting all three.
  static func select(_ condition: NDView, _ a: NDView, _ b: NDView) -> NDView {
    let shape = Operands.broadcastShape([condition.shape, a.shape, b.shape], "where")
    let out = Operands.result(shape: shape, format: a.format, like: [a, b], "where")
    switch a.itemSize {
    case 1: choose(UInt8.self, condition, a, b, out)
    case 2: choose(UInt16.self, condition, a, b, out)
    case 4: choose(UInt32.self, condition, a, b, out)
    case 8: choose(UInt64.self, condition, a, b, out)
    default: choose(SIMD2<UInt64>.self, condition, a, b, out)
    }
    return out
  }

  static func choose<T>(_: T.Type, _ c: NDView, _ a: NDView, _ b: NDView, _ out: NDView) {
    Elementwise.ternary(c, a, b, into: out) { (c: UInt8, x: T, y: T) in c != 0 ? x : y }
  }

  /// Every element limited to `[low, high]`; a NaN element or bound gives
  /// NaN, as in NumPy.
  static func clip(_ a: NDView, low: NDView?, high: NDView?, kind: ScalarKind) -> NDView {
    var shapes = [a.shape]
    if let low { shapes.append(low.shape) }
    if let high { shapes.append(high.shape) }
    let shape = Operands.broadcastShape(shapes, "clipped")
    let out = Operands.result(shape: shape, format: a.format, like: [a], "clipped")
    try! a.copy(into: out)
    if let low { clamp(out, low, kind: kind, below: true) }
    if let high { clamp(out, high, kind: kind, below: false) }
    return out
  }

  static func clamp(_ out: NDView, _ bound: NDView, kind: ScalarKind, below: Bool) {
    switch kind {
    case .int8: bounded(Int8.self, out, bound, below)
    case .uint8, .char: bounded(UInt8.self, out, bound, below)
    case .int16: bounded(Int16.self, out, bound, below)
    case .uint16: bounded(UInt16.self, out, bound, below)
    case .int32: bounded(Int32.self, out, bound, below)
    case .uint32: bounded(UInt32.self, out, bound, below)
    case .int64: bounded(Int64.self, out, bound, below)
    case .uint64: bounded(UInt64.self, out, bound, below)
    case .float16: bounded(Float16.self, out, bound, below)
    case .float32: bounded(Float.self, out, bound, below)
    case .float64: bounded(Double.self, out, bound, below)
    default: preconditionFailure("clipped: \(kind) elements are not ordered")
    }
  }

  static func bounded<T: Comparable>(_: T.Type, _ out: NDView, _ bound: NDView, _ below: Bool) {
    if below {
      Elementwise.binary(out, bound, into: out) { (x: T, b: T) in b != b || x < b ? b : x }
    } else {
      Elementwise.binary(out, bound, into: out) { (x: T, b: T) in b != b || x > b ? b : x }
    }
  }
}
