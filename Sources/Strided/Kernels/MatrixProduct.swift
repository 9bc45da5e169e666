import ComplexModule
import RealModule

/// Strided's own matrix-product kernel, for the element types BLAS does not
/// have: integers (wrapping on overflow, as NumPy does), `Bool` (or of
/// ands) and `Float16` (accumulated in `Float`).
///
/// It walks the output in tiles of 32 rows × 256 columns held in an
/// accumulator; each row of `b` is widened once per tile and reused for
/// all 32 rows, so `b` streams through the cache once per row tile.
enum MatrixProduct {
  static let tileRows = 32
  static let tileColumns = 256

  /// `c = a · b` for 2-D views of one element type; `c` is overwritten.
  ///
  /// - Precondition: The shapes agree, `c` is writable and shares no bytes
  ///   with `a` or `b`, and the kind is a numeric scalar kind.
  static func multiply(_ a: NDView, _ b: NDView, into c: NDView, kind: ScalarKind) {
    switch kind {
    case .bool: run(a, b, c, UInt8.self, zero: false, widen: { $0 != 0 }, multiplyAdd: { $0 || ($1 && $2) }, narrow: { $0 ? 1 : 0 })
    case .int8: integer(a, b, c, Int8.self)
    case .uint8, .char: integer(a, b, c, UInt8.self)
    case .int16: integer(a, b, c, Int16.self)
    case .uint16: integer(a, b, c, UInt16.self)
    case .int32: integer(a, b, c, Int32.self)
    case .uint32: integer(a, b, c, UInt32.self)
    case .int64: integer(a, b, c, Int64.self)
    case .uint64: integer(a, b, c, UInt64.self)
    case .float16: run(a, b, c, Float16.self, zero: Float(0), widen: { Float($0) }, multiplyAdd: { $0 + $1 * $2 }, narrow: { Float16($0) })
    case .float32: floating(a, b, c, Float.self)
    case .float64: floating(a, b, c, Double.self)
    case .complex64: floating(a, b, c, Complex<Float>.self)
    case .complex128: floating(a, b, c, Complex<Double>.self)
    default: preconditionFailure("matmul: \(kind) is not a numeric type")
    }
  }

  static func integer<T: FixedWidthInteger>(_ a: NDView, _ b: NDView, _ c: NDView, _: T.Type) {
    run(a, b, c, T.self, zero: T.zero, widen: { $0 }, multiplyAdd: { $0 &+ $1 &* $2 }, narrow: { $0 })
  }

  static func floating<T: AlgebraicField>(_ a: NDView, _ b: NDView, _ c: NDView, _: T.Type) {
    run(a, b, c, T.self, zero: T.zero, widen: { $0 }, multiplyAdd: { $0 + $1 * $2 }, narrow: { $0 })
  }

  @inline(__always)
  static func run<T, A>(
    _ a: NDView, _ b: NDView, _ c: NDView, _: T.Type, zero: A,
    widen: (T) -> A, multiplyAdd: (A, A, A) -> A, narrow: (A) -> T
  ) {
    let (m, n, k) = (c.layout.size(0), c.layout.size(1), a.layout.size(1))
    if m == 0 || n == 0 { return }
    let (as0, as1) = (a.layout.stride(0), a.layout.stride(1))
    let (bs0, bs1) = (b.layout.stride(0), b.layout.stride(1))
    let (cs0, cs1) = (c.layout.stride(0), c.layout.stride(1))
    let pa = UnsafeRawPointer(a.storage.base + a.byteOffset)
    let pb = UnsafeRawPointer(b.storage.base + b.byteOffset)
    let pc = c.storage.base + c.byteOffset
    withUnsafeTemporaryAllocation(of: A.self, capacity: tileRows * tileColumns + tileColumns) { buffer in
      let accumulators = buffer.baseAddress!
      let row = accumulators + tileRows * tileColumns
      var i0 = 0
      while i0 < m {
        let rows = Swift.min(tileRows, m - i0)
        var j0 = 0
        while j0 < n {
          let columns = Swift.min(tileColumns, n - j0)
          (accumulators).initialize(repeating: zero, count: rows * columns)
          for p in 0..<k {
            let bRow = pb + p * bs0 + j0 * bs1
            for j in 0..<columns { row[j] = widen(bRow.loadUnaligned(fromByteOffset: j * bs1, as: T.self)) }
            for i in 0..<rows {
              let x = widen(pa.loadUnaligned(fromByteOffset: (i0 + i) * as0 + p * as1, as: T.self))
              let acc = accumulators + i * columns
              for j in 0..<columns { acc[j] = multiplyAdd(acc[j], x, row[j]) }
            }
          }
          for i in 0..<rows {
            let cRow = pc + (i0 + i) * cs0 + j0 * cs1
            for j in 0..<columns {
              cRow.storeBytes(of: narrow(accumulators[i * columns + j]), toByteOffset: j * cs1, as: T.self)
            }
          }
          j0 += columns
        }
        i0 += rows
      }
    }
    withExtendedLifetime((a, b, c)) {}
  }
}
