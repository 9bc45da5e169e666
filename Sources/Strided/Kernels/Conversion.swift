import CStrided
import ComplexModule

/// A scalar's value in the widest type of its family, the common ground of
/// every element-type conversion.
enum ScalarValue {
  case bool(Bool)
  case signed(Int64)
  case unsigned(UInt64)
  case real(Double)
  case complex(Double, Double)
}

/// A scalar type that converts through ``ScalarValue``. Conversions are
/// specialized per pair of types, so the enum folds away.
protocol ScalarConvertible {
  var scalarValue: ScalarValue { get }
  init(_ value: ScalarValue)
}

/// A `Bool` element read as its byte: non-zero is `true`.
struct BoolByte: ScalarConvertible {
  var byte: UInt8
  var scalarValue: ScalarValue { .bool(byte != 0) }
  init(_ value: ScalarValue) { byte = Bool(value) ? 1 : 0 }
}

extension Bool: ScalarConvertible {
  var scalarValue: ScalarValue { .bool(self) }

  /// Non-zero (NaN included) is `true`, as in NumPy.
  init(_ value: ScalarValue) {
    switch value {
    case .bool(let v): self = v
    case .signed(let v): self = v != 0
    case .unsigned(let v): self = v != 0
    case .real(let v): self = v != 0
    case .complex(let re, let im): self = re != 0 || im != 0
    }
  }
}

extension ScalarConvertible where Self: FixedWidthInteger {
  var scalarValue: ScalarValue { Self.isSigned ? .signed(Int64(truncatingIfNeeded: self)) : .unsigned(UInt64(truncatingIfNeeded: self)) }

  /// Integers wrap modulo 2ⁿ (as NumPy's casts). Floating-point values are
  /// truncated toward zero and saturate at the type's bounds; NaN is 0.
  /// A complex number gives its real part.
  init(_ value: ScalarValue) {
    switch value {
    case .bool(let v): self = v ? 1 : 0
    case .signed(let v): self.init(truncatingIfNeeded: v)
    case .unsigned(let v): self.init(truncatingIfNeeded: v)
    case .real(let v), .complex(let v, _):
      if v.isNaN {
        self = 0
      } else if v <= Double(Self.min) {
        self = .min
      } else if v >= Double(Self.max) {
        self = .max
      } else {
        self.init(v)
      }
    }
  }
}

extension Int8: ScalarConvertible {}
extension UInt8: ScalarConvertible {}
extension Int16: ScalarConvertible {}
extension UInt16: ScalarConvertible {}
extension Int32: ScalarConvertible {}
extension UInt32: ScalarConvertible {}
extension Int64: ScalarConvertible {}
extension UInt64: ScalarConvertible {}

extension ScalarConvertible where Self: BinaryFloatingPoint {
  var scalarValue: ScalarValue { .real(Double(self)) }

  /// Rounded to nearest; a complex number gives its real part.
  init(_ value: ScalarValue) {
    switch value {
    case .bool(let v): self = v ? 1 : 0
    case .signed(let v): self.init(v)
    case .unsigned(let v): self.init(v)
    case .real(let v), .complex(let v, _): self.init(v)
    }
  }
}

extension Float16: ScalarConvertible {}
extension Float: ScalarConvertible {}
extension Double: ScalarConvertible {}

extension Complex: ScalarConvertible where RealType: ScalarConvertible & BinaryFloatingPoint {
  var scalarValue: ScalarValue { .complex(Double(rawStorage.x), Double(rawStorage.y)) }

  init(_ value: ScalarValue) {
    switch value {
    case .complex(let re, let im): self.init(RealType(re), RealType(im))
    default: self.init(RealType(value), 0)
    }
  }
}

/// Element-type conversion of whole views.
enum Conversion {
  /// `source`'s elements converted to the scalar kind of `out`.
  ///
  /// - Precondition: Both are numeric scalar kinds in native byte order.
  static func convert(_ source: NDView, from kind: ScalarKind, into out: NDView, as target: ScalarKind) {
    // Integers and floats (not Float16, complex or Bool) through the
    // vectorized C loops, run by run.
    if let s = code(kind), let t = code(target), let kernel = strided_conversion_kernel(s, t) {
      Elementwise.unaryRuns(source, into: out) { x, y, n in kernel(x, y, n) }
      return
    }
    switch kind {
    case .bool: from(BoolByte.self, source, out, target)
    case .int8: from(Int8.self, source, out, target)
    case .uint8, .char: from(UInt8.self, source, out, target)
    case .int16: from(Int16.self, source, out, target)
    case .uint16: from(UInt16.self, source, out, target)
    case .int32: from(Int32.self, source, out, target)
    case .uint32: from(UInt32.self, source, out, target)
    case .int64: from(Int64.self, source, out, target)
    case .uint64: from(UInt64.self, source, out, target)
    case .float16: from(Float16.self, source, out, target)
    case .float32: from(Float.self, source, out, target)
    case .float64: from(Double.self, source, out, target)
    case .complex64: from(Complex<Float>.self, source, out, target)
    case .complex128: from(Complex<Double>.self, source, out, target)
    case .pointer: preconditionFailure("converted(to:): pointers are not numbers")
    }
  }

  /// The C kernels' code for a kind, or `nil` for the kinds they leave to
  /// the generic loop.
  static func code(_ kind: ScalarKind) -> Int32? {
    let code: strided_numeric_type
    switch kind {
    case .int8: code = STRIDED_I8
    case .uint8, .char: code = STRIDED_U8
    case .int16: code = STRIDED_I16
    case .uint16: code = STRIDED_U16
    case .int32: code = STRIDED_I32
    case .uint32: code = STRIDED_U32
    case .int64: code = STRIDED_I64
    case .uint64: code = STRIDED_U64
    case .float32: code = STRIDED_F32
    case .float64: code = STRIDED_F64
    default: return nil
    }
    return Int32(code.rawValue)
  }

  static func from<S: ScalarConvertible>(_: S.Type, _ source: NDView, _ out: NDView, _ target: ScalarKind) {
    switch target {
    case .bool: run(S.self, Bool.self, source, out)
    case .int8: run(S.self, Int8.self, source, out)
    case .uint8, .char: run(S.self, UInt8.self, source, out)
    case .int16: run(S.self, Int16.self, source, out)
    case .uint16: run(S.self, UInt16.self, source, out)
    case .int32: run(S.self, Int32.self, source, out)
    case .uint32: run(S.self, UInt32.self, source, out)
    case .int64: run(S.self, Int64.self, source, out)
    case .uint64: run(S.self, UInt64.self, source, out)
    case .float16: run(S.self, Float16.self, source, out)
    case .float32: run(S.self, Float.self, source, out)
    case .float64: run(S.self, Double.self, source, out)
    case .complex64: run(S.self, Complex<Float>.self, source, out)
    case .complex128: run(S.self, Complex<Double>.self, source, out)
    case .pointer: preconditionFailure("converted(to:): pointers are not numbers")
    }
  }

  static func run<S: ScalarConvertible, T: ScalarConvertible>(_: S.Type, _: T.Type, _ source: NDView, _ out: NDView) {
    Elementwise.unary(source, into: out) { (x: S) in T(x.scalarValue) }
  }
}
