import ComplexModule
import RealModule

/// Reductions over all elements or over chosen axes, on the same
/// ``IterationPlan`` as the element-wise kernels.
///
/// The output has stride 0 along each reduced axis, and the input leads the
/// plan, so the input is read in memory order. An inner run along a reduced
/// axis folds into one value (sums pairwise, as NumPy's); an inner run along
/// a kept axis combines into the output element by element (a loop the
/// compiler vectorizes).
enum Reduction {
  enum Operation {
    case sum, product, minimum, maximum, all, any

    var name: StaticString {
      switch self {
      case .sum: "sum"
      case .product: "product"
      case .minimum: "min"
      case .maximum: "max"
      case .all: "all"
      case .any: "any"
      }
    }
  }

  /// Sorted, distinct, in-range axes.
  ///
  /// - Precondition: Every axis is in `-rank..<rank`, and none repeats.
  static func normalize(_ axes: [Int], rank: Int, _ operation: StaticString) -> [Int] {
    let normalized = axes.map { axis in
      precondition(axis >= -rank && axis < rank, "\(operation): axis \(axis) is out of range for \(rank) dimensions")
      return axis < 0 ? axis + rank : axis
    }
    precondition(Set(normalized).count == normalized.count, "\(operation): axis repeated in \(axes)")
    return normalized.sorted()
  }

  /// The result's shape: the kept axes, with 1 for each reduced axis when
  /// `keepDimensions`.
  static func resultShape(_ shape: Dimensions, reducing axes: [Int], keepDimensions: Bool) -> Dimensions {
    var result = Dimensions()
    for axis in 0..<shape.count {
      if !axes.contains(axis) {
        result.append(shape[axis])
      } else if keepDimensions {
        result.append(1)
      }
    }
    return result
  }

  /// Reduces `a` over `axes` into new storage.
  static func reduce(
    _ op: Operation, _ a: NDView, axes: [Int], keepDimensions: Bool, kind: ScalarKind, format: Format
  ) -> NDView {
    let shape = resultShape(a.shape, reducing: axes, keepDimensions: keepDimensions)
    let out = try! NDView(format: format, shape: shape)
    // The output's strides in the input's axes: 0 along each reduced one.
    let keptShape = resultShape(a.shape, reducing: axes, keepDimensions: true)
    var strides = Layout.cStrides(for: keptShape, itemSize: out.itemSize)
    for axis in axes { strides[axis] = 0 }
    let target = NDView(
      unchecked: out.storage, format: out.format, itemSize: out.itemSize, byteOffset: 0,
      layout: Layout(shape: a.shape, strides: strides), isReadOnly: false)
    run(op, a, into: target, kind: kind)
    return out
  }

  static func run(_ op: Operation, _ a: NDView, into out: NDView, kind: ScalarKind) {
    switch kind {
    case .bool: logical(op, a, out)
    case .int8: integer(Int8.self, op, a, out)
    case .uint8, .char: integer(UInt8.self, op, a, out)
    case .int16: integer(Int16.self, op, a, out)
    case .uint16: integer(UInt16.self, op, a, out)
    case .int32: integer(Int32.self, op, a, out)
    case .uint32: integer(UInt32.self, op, a, out)
    case .int64: integer(Int64.self, op, a, out)
    case .uint64: integer(UInt64.self, op, a, out)
    case .float16: floating(Float16.self, op, a, out)
    case .float32: floating(Float.self, op, a, out)
    case .float64: floating(Double.self, op, a, out)
    case .complex64: complex(Complex<Float>.self, op, a, out)
    case .complex128: complex(Complex<Double>.self, op, a, out)
    case .pointer: preconditionFailure("\(op.name): pointers are not numbers")
    }
  }

  static func integer<T: FixedWidthInteger>(_: T.Type, _ op: Operation, _ a: NDView, _ out: NDView) {
    switch op {
    case .sum: fold(a, out, T.zero, pairwise: false) { $0 &+ $1 }
    case .product: fold(a, out, T(1), pairwise: false) { $0 &* $1 }
    case .minimum: fold(a, out, T.max, pairwise: false) { $1 < $0 ? $1 : $0 }
    case .maximum: fold(a, out, T.min, pairwise: false) { $1 > $0 ? $1 : $0 }
    default: preconditionFailure("\(op.name): integers are not truth values")
    }
  }

  /// Sums are pairwise, as NumPy's; minimum and maximum propagate NaN.
  static func floating<T: BinaryFloatingPoint>(_: T.Type, _ op: Operation, _ a: NDView, _ out: NDView) {
    switch op {
    case .sum: fold(a, out, T.zero, pairwise: true) { $0 + $1 }
    case .product: fold(a, out, T(1), pairwise: false) { $0 * $1 }
    case .minimum: fold(a, out, T.infinity, pairwise: false) { $1 < $0 || $1.isNaN ? $1 : $0 }
    case .maximum: fold(a, out, -T.infinity, pairwise: false) { $1 > $0 || $1.isNaN ? $1 : $0 }
    default: preconditionFailure("\(op.name): floating-point values are not truth values")
    }
  }

  static func complex<T: AlgebraicField>(_: T.Type, _ op: Operation, _ a: NDView, _ out: NDView) {
    switch op {
    case .sum: fold(a, out, T.zero, pairwise: true) { $0 + $1 }
    case .product: fold(a, out, T(exactly: 1)!, pairwise: false) { $0 * $1 }
    default: preconditionFailure("\(op.name): complex numbers are not ordered")
    }
  }

  static func logical(_ op: Operation, _ a: NDView, _ out: NDView) {
    switch op {
    case .all: fold(a, out, UInt8(1), pairwise: false) { $0 != 0 && $1 != 0 ? 1 : 0 }
    case .any: fold(a, out, UInt8(0), pairwise: false) { $0 != 0 || $1 != 0 ? 1 : 0 }
    case .sum: preconditionFailure("sum: Bool elements are not numbers; count them with converted(to:)")
    default: preconditionFailure("\(op.name): Bool elements are not ordered")
    }
  }

  /// Fills `out` with `identity`, then combines every element of `a` into
  /// the output element it maps to.
  @inline(__always)
  static func fold<T>(_ a: NDView, _ out: NDView, _ identity: T, pairwise: Bool, _ combine: (T, T) -> T) {
    let e = MemoryLayout<T>.stride
    let base = UnsafeMutableRawPointer(bitPattern: Elementwise.address(out))!
    // `out` spans the input's shape with zero strides; its own elements are
    // the storage's first `count` items.
    let count = out.storage.count / e
    for i in 0..<count { (base + i * e).storeBytes(of: identity, as: T.self) }
    let plan = IterationPlan(shape: a.shape, strides: [out.strides, a.strides], leader: 1)
    plan.forEachRun(IterationPlan.Strides(Elementwise.address(out), Elementwise.address(a), 0, 0)) { n, p, s in
      let o = UnsafeMutableRawPointer(bitPattern: p[0])!
      let x = UnsafeRawPointer(bitPattern: p[1])!
      if s[0] == 0 {
        let value = pairwise ? sumPairwise(x, n, s[1], identity, combine) : fold8(x, n, s[1], identity, combine)
        o.storeBytes(of: combine(o.load(as: T.self), value), as: T.self)
      } else if s[0] == e && s[1] == e && p[0] % MemoryLayout<T>.alignment == 0 && p[1] % MemoryLayout<T>.alignment == 0 {
        let po = o.assumingMemoryBound(to: T.self)
        let px = x.assumingMemoryBound(to: T.self)
        for i in 0..<n { po[i] = combine(po[i], px[i]) }
      } else {
        var (po, px) = (o, x)
        for _ in 0..<n {
          po.storeBytes(of: combine(po.loadUnaligned(as: T.self), px.loadUnaligned(as: T.self)), as: T.self)
          po += s[0]
          px += s[1]
        }
      }
    }
    withExtendedLifetime((a, out)) {}
  }

  /// Folds `n` items `stride` bytes apart with eight independent
  /// accumulators (lane *k* takes items *k*, *k* + 8, …), combined as
  /// `((r0 r1)(r2 r3))((r4 r5)(r6 r7))`: NumPy's inner block.
  @inline(__always)
  static func fold8<T>(_ x: UnsafeRawPointer, _ n: Int, _ stride: Int, _ identity: T, _ combine: (T, T) -> T) -> T {
    if n < 8 {
      var r = identity
      for i in 0..<n { r = combine(r, x.loadUnaligned(fromByteOffset: i * stride, as: T.self)) }
      return r
    }
    var (r0, r1, r2, r3) = (identity, identity, identity, identity)
    var (r4, r5, r6, r7) = (identity, identity, identity, identity)
    var i = 0
    if stride == MemoryLayout<T>.stride && Int(bitPattern: x) % MemoryLayout<T>.alignment == 0 {
      let p = x.assumingMemoryBound(to: T.self)
      while i + 8 <= n {
        r0 = combine(r0, p[i])
        r1 = combine(r1, p[i + 1])
        r2 = combine(r2, p[i + 2])
        r3 = combine(r3, p[i + 3])
        r4 = combine(r4, p[i + 4])
        r5 = combine(r5, p[i + 5])
        r6 = combine(r6, p[i + 6])
        r7 = combine(r7, p[i + 7])
        i += 8
      }
    } else {
      while i + 8 <= n {
        let q = x + i * stride
        r0 = combine(r0, q.loadUnaligned(as: T.self))
        r1 = combine(r1, q.loadUnaligned(fromByteOffset: stride, as: T.self))
        r2 = combine(r2, q.loadUnaligned(fromByteOffset: 2 * stride, as: T.self))
        r3 = combine(r3, q.loadUnaligned(fromByteOffset: 3 * stride, as: T.self))
        r4 = combine(r4, q.loadUnaligned(fromByteOffset: 4 * stride, as: T.self))
        r5 = combine(r5, q.loadUnaligned(fromByteOffset: 5 * stride, as: T.self))
        r6 = combine(r6, q.loadUnaligned(fromByteOffset: 6 * stride, as: T.self))
        r7 = combine(r7, q.loadUnaligned(fromByteOffset: 7 * stride, as: T.self))
        i += 8
      }
    }
    var r = combine(combine(combine(r0, r1), combine(r2, r3)), combine(combine(r4, r5), combine(r6, r7)))
    while i < n {
      r = combine(r, x.loadUnaligned(fromByteOffset: i * stride, as: T.self))
      i += 1
    }
    return r
  }

  /// NumPy's pairwise summation: blocks of at most 128 items folded by
  /// ``fold8(_:_:_:_:_:)``, halves above that. The rounding error grows as
  /// O(log n) rather than O(n).
  static func sumPairwise<T>(_ x: UnsafeRawPointer, _ n: Int, _ stride: Int, _ identity: T, _ combine: (T, T) -> T) -> T {
    if n <= 128 { return fold8(x, n, stride, identity, combine) }
    var half = n / 2
    half -= half % 8
    return combine(
      sumPairwise(x, half, stride, identity, combine),
      sumPairwise(x + half * stride, n - half, stride, identity, combine))
  }
}

extension Reduction {
  /// The index of the first minimum (or maximum) of each row of a
  /// C-contiguous view's last axis; the first NaN wins, as in NumPy.
  static func argExtreme(_ a: NDView, kind: ScalarKind, maximum: Bool) -> [Int] {
    switch kind {
    case .int8: scan(Int8.self, a, maximum, { _ in false })
    case .uint8, .char: scan(UInt8.self, a, maximum, { _ in false })
    case .int16: scan(Int16.self, a, maximum, { _ in false })
    case .uint16: scan(UInt16.self, a, maximum, { _ in false })
    case .int32: scan(Int32.self, a, maximum, { _ in false })
    case .uint32: scan(UInt32.self, a, maximum, { _ in false })
    case .int64: scan(Int64.self, a, maximum, { _ in false })
    case .uint64: scan(UInt64.self, a, maximum, { _ in false })
    case .float16: scan(Float16.self, a, maximum, { $0.isNaN })
    case .float32: scan(Float.self, a, maximum, { $0.isNaN })
    case .float64: scan(Double.self, a, maximum, { $0.isNaN })
    default: preconditionFailure("argmin/argmax: \(kind) elements are not ordered")
    }
  }

  static func scan<T: Comparable>(_: T.Type, _ a: NDView, _ maximum: Bool, _ isNaN: (T) -> Bool) -> [Int] {
    let n = a.ndim == 0 ? 1 : a.layout.size(a.ndim - 1)
    let rows = n == 0 ? 0 : a.count / n
    let base = UnsafeRawPointer(bitPattern: Elementwise.address(a))!
    let e = MemoryLayout<T>.stride
    var result: [Int] = []
    result.reserveCapacity(rows)
    for r in 0..<rows {
      let row = base + r * n * e
      var best = 0
      var value = row.loadUnaligned(as: T.self)
      if !isNaN(value) {
        for i in 1..<Swift.max(1, n) {
          let x = row.loadUnaligned(fromByteOffset: i * e, as: T.self)
          if isNaN(x) {
            best = i
            break
          }
          if maximum ? x > value : x < value {
            value = x
            best = i
          }
        }
      }
      result.append(best)
    }
    withExtendedLifetime(a) {}
    return result
  }
}
