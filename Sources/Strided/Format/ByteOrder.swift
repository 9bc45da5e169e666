/// The order in which the bytes of a multi-byte scalar are stored.
///
/// PEP 3118 spells these `<` (little), `>` and `!` (big); `@`, `^` and `=`
/// mean the machine's own order, which Strided resolves when it parses, so a
/// parsed ``Format`` always records a concrete order.
public enum ByteOrder: Sendable, Hashable, CustomStringConvertible {
  /// Least significant byte first (x86-64, ARM64).
  case little
  /// Most significant byte first (network order).
  case big

  /// The order of the machine running this code.
  @inlinable
  public static var native: ByteOrder {
    #if _endian(little)
      return .little
    #else
      return .big
    #endif
  }

  /// Whether this is the machine's own order.
  @inlinable
  public var isNative: Bool { self == .native }

  /// The PEP 3118 prefix for this order: `<` or `>`.
  public var description: String { self == .little ? "<" : ">" }
}
