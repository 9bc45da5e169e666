extension ScalarKind {
  /// Whether the kind is a signed or unsigned integer (`c`, a character
  /// byte, counts as `UInt8`).
  var isInteger: Bool {
    switch self {
    case .int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64, .char: true
    default: false
    }
  }

  /// Whether the kind is a real floating-point type.
  var isFloatingPoint: Bool { self == .float16 || self == .float32 || self == .float64 }

  /// Whether the kind is a complex type.
  var isComplex: Bool { self == .complex64 || self == .complex128 }
}
