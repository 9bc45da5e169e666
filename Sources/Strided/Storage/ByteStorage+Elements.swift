extension ByteStorage {
  /// Reads a value of a trivial type at a byte offset; no alignment needed.
  ///
  /// A `Bool` is read as a byte that is `true` when non-zero, so foreign
  /// bytes other than 0 and 1 cannot make an invalid `Bool`.
  ///
  /// - Precondition: The caller checked that `offset ..< offset + size` lies
  ///   in the storage (views do so when they are made).
  @inlinable
  func load<T>(_: T.Type, at offset: Int) -> T {
    if T.self == Bool.self {
      return unsafeBitCast(base.load(fromByteOffset: offset, as: UInt8.self) != 0, to: T.self)
    }
    return base.loadUnaligned(fromByteOffset: offset, as: T.self)
  }

  /// Writes a value of a trivial type at a byte offset; no alignment needed.
  ///
  /// - Precondition: The caller checked the range and that the storage may
  ///   be written.
  @inlinable
  func store<T>(_ value: T, at offset: Int) {
    base.storeBytes(of: value, toByteOffset: offset, as: T.self)
  }
}
