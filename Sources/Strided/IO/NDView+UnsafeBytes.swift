extension NDView {
  /// Calls `body` with the bytes of a contiguous view, in memory order
  /// (C or Fortran, as the view is laid out), without copying them.
  ///
  /// The buffer must not escape `body`.
  ///
  /// - Precondition: ``isContiguous`` is true.
  public func withUnsafeBytes<Result, Failure: Error>(
    _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    precondition(isContiguous, "NDView.withUnsafeBytes: the view is not contiguous; copy() it first")
    defer { _fixLifetime(self) }
    return try body(UnsafeRawBufferPointer(start: storage.base + byteOffset, count: nbytes))
  }

  /// Calls `body` with the bytes of a contiguous, writable view, in memory
  /// order, without copying them.
  ///
  /// The buffer must not escape `body`.
  ///
  /// - Precondition: ``isContiguous`` is true and the view is not read-only.
  public func withUnsafeMutableBytes<Result, Failure: Error>(
    _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    precondition(!isReadOnly, "NDView.withUnsafeMutableBytes: the view is read-only")
    precondition(isContiguous, "NDView.withUnsafeMutableBytes: the view is not contiguous; copy() it first")
    defer { _fixLifetime(self) }
    return try body(UnsafeMutableRawBufferPointer(start: storage.base + byteOffset, count: nbytes))
  }

}
