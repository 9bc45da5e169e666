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

extension NDView {
  /// Calls `body` with a `RawSpan` over the bytes of a contiguous view, in
  /// memory order, without copying them. The span cannot escape `body`.
  ///
  /// - Precondition: ``isContiguous`` is true.
  public func withRawSpan<Result, Failure: Error>(
    _ body: (RawSpan) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try withUnsafeBytes { (bytes) throws(Failure) in try body(bytes.bytes) }
  }
}

extension NDArray {
  /// Calls `body` with a `Span` over the elements of a contiguous array,
  /// in memory order (C or Fortran, as the array is laid out), without
  /// copying them. The span cannot escape `body`.
  ///
  /// - Precondition: The array is contiguous and its first element is
  ///   aligned for `Element`.
  public func withSpan<Result, Failure: Error>(
    _ body: (Span<Element>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try view.withUnsafeBytes { (bytes) throws(Failure) in
      precondition(
        Int(bitPattern: bytes.baseAddress) % MemoryLayout<Element>.alignment == 0,
        "NDArray.withSpan: the elements are not aligned for \(Element.self)")
      return try body(bytes.assumingMemoryBound(to: Element.self).span)
    }
  }

  /// Calls `body` with a `MutableSpan` over the elements of a contiguous,
  /// writable array, in memory order. The span cannot escape `body`.
  ///
  /// - Precondition: The array is contiguous, writable, and aligned for
  ///   `Element`.
  public func withMutableSpan<Result, Failure: Error>(
    _ body: (inout MutableSpan<Element>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try view.withUnsafeMutableBytes { (bytes) throws(Failure) in
      precondition(
        Int(bitPattern: bytes.baseAddress) % MemoryLayout<Element>.alignment == 0,
        "NDArray.withMutableSpan: the elements are not aligned for \(Element.self)")
      var span = bytes.assumingMemoryBound(to: Element.self).mutableSpan
      return try body(&span)
    }
  }
}
