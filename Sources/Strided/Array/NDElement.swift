// Re-exported, so that `import Strided` alone brings swift-numerics'
// `Complex`, the element type of complex arrays (`Complex<Double>(1, 2)`,
// `z.real`, `z.imaginary`). Generic code over `Real` still imports
// `RealModule` (or `Numerics`).
@_exported import ComplexModule
import RealModule

/// A type that can be the element of an ``NDArray``: a fixed-size value
/// with a PEP 3118 scalar code.
///
/// Strided provides the conformances: `Bool`, `Int8` to `Int64`, `UInt8` to
/// `UInt64`, `Int`, `UInt`, `Float16`, `Float`, `Double`, `Complex<Float>`
/// and `Complex<Double>`. Elements are read and written as raw bytes, so a
/// conforming type must be trivial (no references) with the size of its
/// scalar kind.
public protocol NDElement: Sendable, Equatable {
  /// The type of a sum or product of these elements, by NumPy's rule:
  /// integers narrower than 64 bits widen to `Int` (signed) or `UInt`
  /// (unsigned), `Bool` counts in `Int`, and every other type sums in
  /// itself. A sum of 256 × 256 × 3 `UInt8` 200s is 39,321,600, not 0.
  associatedtype Sum: NDElement = Self

  /// The scalar kind whose bytes hold this type.
  static var scalarKind: ScalarKind { get }
  /// The value that is "nothing": 0, or `false`.
  static var additiveIdentity: Self { get }
  /// The value that is "one": 1, or `true`.
  static var multiplicativeIdentity: Self { get }
}

extension NDElement {
  /// The format of one element in the machine's byte order.
  @inlinable
  public static var format: Format { Format(scalarKind) }

  /// Whether a scalar kind holds this type: the kinds match, or the type is
  /// `UInt8` and the kind is a character (`c`).
  @inlinable
  static func accepts(_ kind: ScalarKind) -> Bool {
    kind == scalarKind || (scalarKind == .uint8 && kind == .char)
  }
}

extension NDElement where Self: Numeric {
  @inlinable public static var additiveIdentity: Self { 0 }
  @inlinable public static var multiplicativeIdentity: Self { 1 }
}

extension Bool: NDElement {
  public typealias Sum = Int
  @inlinable public static var scalarKind: ScalarKind { .bool }
  @inlinable public static var additiveIdentity: Bool { false }
  @inlinable public static var multiplicativeIdentity: Bool { true }
}

extension Int8: NDElement {
  public typealias Sum = Int
  @inlinable public static var scalarKind: ScalarKind { .int8 }
}

extension Int16: NDElement {
  public typealias Sum = Int
  @inlinable public static var scalarKind: ScalarKind { .int16 }
}

extension Int32: NDElement {
  public typealias Sum = Int
  @inlinable public static var scalarKind: ScalarKind { .int32 }
}

extension Int64: NDElement {
  @inlinable public static var scalarKind: ScalarKind { .int64 }
}

extension Int: NDElement {
  @inlinable public static var scalarKind: ScalarKind { MemoryLayout<Int>.size == 8 ? .int64 : .int32 }
}

extension UInt8: NDElement {
  public typealias Sum = UInt
  @inlinable public static var scalarKind: ScalarKind { .uint8 }
}

extension UInt16: NDElement {
  public typealias Sum = UInt
  @inlinable public static var scalarKind: ScalarKind { .uint16 }
}

extension UInt32: NDElement {
  public typealias Sum = UInt
  @inlinable public static var scalarKind: ScalarKind { .uint32 }
}

extension UInt64: NDElement {
  @inlinable public static var scalarKind: ScalarKind { .uint64 }
}

extension UInt: NDElement {
  @inlinable public static var scalarKind: ScalarKind { MemoryLayout<UInt>.size == 8 ? .uint64 : .uint32 }
}

extension Float16: NDElement {
  @inlinable public static var scalarKind: ScalarKind { .float16 }
}

extension Float: NDElement {
  @inlinable public static var scalarKind: ScalarKind { .float32 }
}

extension Double: NDElement {
  @inlinable public static var scalarKind: ScalarKind { .float64 }
}

/// A real type whose complex numbers are ``NDElement``s: `Float` and `Double`.
public protocol NDComplexComponent: Real, BinaryFloatingPoint, NDElement {
  /// The scalar kind of `Complex<Self>`.
  static var complexKind: ScalarKind { get }
}

extension Float: NDComplexComponent {
  @inlinable public static var complexKind: ScalarKind { .complex64 }
}

extension Double: NDComplexComponent {
  @inlinable public static var complexKind: ScalarKind { .complex128 }
}

extension Complex: NDElement where RealType: NDComplexComponent {
  @inlinable public static var scalarKind: ScalarKind { RealType.complexKind }
}
