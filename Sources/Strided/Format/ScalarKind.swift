import ComplexModule

/// The kind of value a single PEP 3118 type code stores, with its Swift type.
///
/// A code maps to a kind according to the size mode in force: native `l` is
/// ``int64`` (as C's `long` is on 64-bit Linux), while `=l`, `<l` and `>l` use
/// the standard size and are ``int32``.
public enum ScalarKind: Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// `?`: a one-byte boolean (`Bool`).
  case bool
  /// `b`: `Int8`.
  case int8
  /// `B`: `UInt8`.
  case uint8
  /// `h`: `Int16`.
  case int16
  /// `H`: `UInt16`.
  case uint16
  /// `i`, and `l` in a standard size mode: `Int32`.
  case int32
  /// `I`, and `L` in a standard size mode: `UInt32`.
  case uint32
  /// `q`, `n`, and `l` in a native size mode: `Int64`.
  case int64
  /// `Q`, `N`, and `L` in a native size mode: `UInt64`.
  case uint64
  /// `e`: IEEE half precision, `Float16`.
  case float16
  /// `f`: `Float`.
  case float32
  /// `d`: `Double`.
  case float64
  /// `Zf`: `Complex<Float>`, real part first.
  case complex64
  /// `Zd`: `Complex<Double>`, real part first.
  case complex128
  /// `c`: a single byte of character data, read as `UInt8`.
  case char
  /// `P`: a native pointer (`UnsafeRawPointer?`); native size modes only.
  case pointer

  /// The size of one value in bytes.
  @inlinable
  public var size: Int {
    switch self {
    case .bool, .int8, .uint8, .char: 1
    case .int16, .uint16, .float16: 2
    case .int32, .uint32, .float32: 4
    case .int64, .uint64, .float64, .complex64, .pointer: 8
    case .complex128: 16
    }
  }

  /// The natural alignment of one value in bytes: its size, except for the
  /// complex kinds, which align like their real parts.
  public var alignment: Int {
    switch self {
    case .complex64: 4
    case .complex128: 8
    default: size
    }
  }

  /// The Swift type that holds one value of this kind.
  public var swiftType: Any.Type {
    switch self {
    case .bool: Bool.self
    case .int8: Int8.self
    case .uint8, .char: UInt8.self
    case .int16: Int16.self
    case .uint16: UInt16.self
    case .int32: Int32.self
    case .uint32: UInt32.self
    case .int64: Int64.self
    case .uint64: UInt64.self
    case .float16: Float16.self
    case .float32: Float.self
    case .float64: Double.self
    case .complex64: Complex<Float>.self
    case .complex128: Complex<Double>.self
    case .pointer: UnsafeRawPointer?.self
    }
  }

  /// The canonical type code: the one Strided writes in a description.
  public var code: String {
    switch self {
    case .bool: "?"
    case .int8: "b"
    case .uint8: "B"
    case .int16: "h"
    case .uint16: "H"
    case .int32: "i"
    case .uint32: "I"
    case .int64: "q"
    case .uint64: "Q"
    case .float16: "e"
    case .float32: "f"
    case .float64: "d"
    case .complex64: "Zf"
    case .complex128: "Zd"
    case .char: "c"
    case .pointer: "P"
    }
  }

  /// The number of bytes swapped as one unit when the byte order changes:
  /// the size, or half of it for complex values, whose parts swap separately.
  var swapUnit: Int {
    switch self {
    case .complex64, .complex128: size / 2
    default: size
    }
  }

  /// Whether the byte order of a value matters.
  @inlinable
  var hasByteOrder: Bool { size > 1 }

  public var description: String { "\(swiftType)" }
}
