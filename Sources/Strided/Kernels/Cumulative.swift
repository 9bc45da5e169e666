import ComplexModule

/// Running sums and products along contiguous lanes, in place: each
/// element becomes the sum (product) of itself and every element before it
/// in its lane, accumulated one at a time from the first, as NumPy's
/// `add.accumulate` does (so rounding matches NumPy's, step for step).
enum Cumulative {
  enum Operation { case sum, product }

  static func apply(_ op: Operation, _ base: UnsafeMutableRawPointer, lanes: Int, length: Int, kind: ScalarKind) {
    guard length > 1 else { return }
    switch kind {
    case .int8: scan(Int8.self, op, base, lanes, length)
    case .uint8, .char: scan(UInt8.self, op, base, lanes, length)
    case .int16: scan(Int16.self, op, base, lanes, length)
    case .uint16: scan(UInt16.self, op, base, lanes, length)
    case .int32: scan(Int32.self, op, base, lanes, length)
    case .uint32: scan(UInt32.self, op, base, lanes, length)
    case .int64: scan(Int64.self, op, base, lanes, length)
    case .uint64: scan(UInt64.self, op, base, lanes, length)
    case .float16: floatingScan(Float16.self, op, base, lanes, length)
    case .float32: floatingScan(Float.self, op, base, lanes, length)
    case .float64: floatingScan(Double.self, op, base, lanes, length)
    case .complex64: complexScan(Float.self, op, base, lanes, length)
    case .complex128: complexScan(Double.self, op, base, lanes, length)
    case .bool, .pointer: preconditionFailure("cumulative \(op): not defined for \(kind) elements")
    }
  }

  /// Integers wrap on overflow, as NumPy's do.
  static func scan<T: FixedWidthInteger>(_: T.Type, _ op: Operation, _ base: UnsafeMutableRawPointer, _ lanes: Int, _ n: Int) {
    let p = base.assumingMemoryBound(to: T.self)
    Sorting.forEachLanes(lanes, length: n) { range in
      for lane in range {
        let x = p + lane * n
        switch op {
        case .sum: for i in 1..<n { x[i] = x[i - 1] &+ x[i] }
        case .product: for i in 1..<n { x[i] = x[i - 1] &* x[i] }
        }
      }
    }
  }

  static func floatingScan<T: BinaryFloatingPoint>(
    _: T.Type, _ op: Operation, _ base: UnsafeMutableRawPointer, _ lanes: Int, _ n: Int
  ) {
    let p = base.assumingMemoryBound(to: T.self)
    Sorting.forEachLanes(lanes, length: n) { range in
      for lane in range {
        let x = p + lane * n
        switch op {
        case .sum:
          var running = x[0]
          for i in 1..<n {
            running += x[i]
            x[i] = running
          }
        case .product:
          var running = x[0]
          for i in 1..<n {
            running *= x[i]
            x[i] = running
          }
        }
      }
    }
  }

  static func complexScan<R: NDComplexComponent>(
    _: R.Type, _ op: Operation, _ base: UnsafeMutableRawPointer, _ lanes: Int, _ n: Int
  ) {
    let p = base.assumingMemoryBound(to: Complex<R>.self)
    Sorting.forEachLanes(lanes, length: n) { range in
      for lane in range {
        let x = p + lane * n
        for i in 1..<n {
          switch op {
          case .sum:
            let (a, b) = (x[i - 1].rawStorage, x[i].rawStorage)
            x[i] = Complex(a.x + b.x, a.y + b.y)
          case .product: x[i] = ComplexMath.multiply(x[i - 1], x[i])
          }
        }
      }
    }
  }
}
