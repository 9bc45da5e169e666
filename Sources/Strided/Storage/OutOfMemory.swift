/// The system could not provide the memory an allocation asked for:
/// NumPy's `MemoryError`.
///
/// Strided's throwing initializers report it inside their own error types
/// (``ViewError/outOfMemory(byteCount:)``,
/// ``NPYError/Reason/outOfMemory(byteCount:)``); APIs that cannot throw trap
/// with a message naming the size instead.
public struct OutOfMemory: Error, Hashable, Sendable, CustomStringConvertible {
  /// The number of bytes asked for.
  public let byteCount: Int

  /// Makes the error for an allocation of `byteCount` bytes.
  public init(byteCount: Int) {
    self.byteCount = byteCount
  }

  public var description: String { "out of memory allocating \(byteCount) bytes (\(Self.size(byteCount)))" }

  /// A byte count in the largest binary unit that keeps it at least 1.
  static func size(_ byteCount: Int) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = Double(byteCount)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(byteCount) bytes" : "\((value * 10).rounded() / 10) \(units[unit])"
  }
}
