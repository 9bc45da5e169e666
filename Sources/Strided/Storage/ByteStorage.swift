#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Shared bytes that views look into: the only owner of memory in Strided.
///
/// A storage is either memory Strided allocated (64-byte aligned, zero-filled
/// unless an operation fills it at once), a copy of existing bytes, or
/// foreign memory it adopts with an owner object that it keeps alive and an
/// optional deallocator. Every ``NDView`` holds its storage strongly, so no
/// view can outlive the bytes it reads.
///
/// ## Who may write, and when
///
/// Views are references into the storage, as NumPy arrays are: a write
/// through one view is seen through every other view of the same bytes.
/// - A read-only storage (``isReadOnly``) is never written by Strided; every
///   view of it is read-only, and asking for a writable one throws.
/// - Strided writes only through views whose ``NDView/isReadOnly`` is false,
///   and only inside the call that was asked to write.
/// - Operations whose source and destination overlap (``NDView/copy(into:)``)
///   detect it and stage through a temporary, so they give the answer a
///   non-overlapping call would.
///
/// ## What `Sendable` means here
///
/// A storage and its views may cross isolation domains, and reads may run
/// concurrently from any number of tasks. Writing the same bytes from two
/// tasks at once, or writing while another task reads them, is a data race
/// that Strided does not prevent: partition the work into views over
/// disjoint elements, or synchronize, as with any shared mutable buffer.
public final class ByteStorage: @unchecked Sendable {
  /// The first byte. Stable for the storage's lifetime.
  @usableFromInline let base: UnsafeMutableRawPointer
  /// The number of bytes.
  public let count: Int
  /// Whether the bytes must not be written through any view.
  public let isReadOnly: Bool
  private let release: Release

  enum Release {
    /// Memory from ``StorageAllocator``.
    case allocated(StorageAllocator.Block)
    /// Foreign memory: keep the owner alive, call the deallocator at the end
    /// with the buffer exactly as it was adopted.
    case foreign(
      buffer: UnsafeMutableRawBufferPointer, owner: (any AnyObject & Sendable)?,
      deallocator: (@Sendable (UnsafeMutableRawBufferPointer) -> Void)?)
  }

  private init(base: UnsafeMutableRawPointer, count: Int, isReadOnly: Bool, release: Release) {
    self.base = base
    self.count = count
    self.isReadOnly = isReadOnly
    self.release = release
  }

  /// Allocates `count` zero-filled bytes, aligned to 64 bytes.
  ///
  /// Large allocations are placed on 2 MiB boundaries and advised to use
  /// huge pages, which makes first touch several times cheaper.
  ///
  /// - Precondition: `count >= 0`, and the system has the memory; running
  ///   out traps with a message naming the size. ``init(zeroedCount:)``
  ///   throws instead.
  /// - Complexity: O(`count`).
  public convenience init(count: Int) {
    precondition(count >= 0, "ByteStorage(count:): negative count \(count)")
    self.init(block: Self.allocated(count, zeroed: true, "ByteStorage(count:)"), count: count)
  }

  /// Allocates `count` zero-filled bytes, aligned to 64 bytes, or throws
  /// when the system cannot provide them (NumPy's `MemoryError`).
  ///
  /// - Throws: ``OutOfMemory`` naming the size, when `count` is negative
  ///   or the memory cannot be had.
  /// - Complexity: O(`count`).
  public convenience init(zeroedCount count: Int) throws(OutOfMemory) {
    guard count >= 0, let block = StorageAllocator.allocate(byteCount: count, zeroed: true) else {
      throw OutOfMemory(byteCount: count)
    }
    self.init(block: block, count: count)
  }

  /// Allocates `count` bytes whose contents are undefined, for results that
  /// are written in full at once, or returns `nil` when the system has no
  /// memory for them.
  convenience init?(tryingUninitializedCount count: Int) {
    guard count >= 0, let block = StorageAllocator.allocate(byteCount: count, zeroed: false) else { return nil }
    self.init(block: block, count: count)
  }

  /// Allocates `count` bytes whose contents are undefined, for results that
  /// are written in full at once.
  ///
  /// - Precondition: The system has the memory; running out traps with a
  ///   message naming the size.
  convenience init(uninitializedCount count: Int) {
    precondition(count >= 0, "ByteStorage: negative count \(count)")
    self.init(block: Self.allocated(count, zeroed: false, "ByteStorage"), count: count)
  }

  private convenience init(block: StorageAllocator.Block, count: Int) {
    self.init(base: block.base, count: count, isReadOnly: false, release: .allocated(block))
  }

  /// A block of `count` bytes, or a trap naming the size and the API.
  private static func allocated(_ count: Int, zeroed: Bool, _ api: StaticString) -> StorageAllocator.Block {
    guard let block = StorageAllocator.allocate(byteCount: count, zeroed: zeroed) else {
      preconditionFailure("\(api): out of memory allocating \(count) bytes (\(OutOfMemory.size(count)))")
    }
    return block
  }

  /// Copies bytes into new storage.
  ///
  /// - Precondition: The system has the memory; running out traps with a
  ///   message naming the size.
  /// - Complexity: O(*n*).
  public convenience init(copying bytes: UnsafeRawBufferPointer, readOnly: Bool = false) {
    let block = Self.allocated(bytes.count, zeroed: false, "ByteStorage(copying:)")
    if let source = bytes.baseAddress, bytes.count > 0 {
      block.base.copyMemory(from: source, byteCount: bytes.count)
    }
    self.init(base: block.base, count: bytes.count, isReadOnly: readOnly, release: .allocated(block))
  }

  /// Copies the elements of an array, as raw bytes, into new storage.
  ///
  /// - Precondition: `Element` is a trivial type (no references), such as a
  ///   number, `Complex`, or a struct of numbers.
  /// - Complexity: O(*n*).
  public convenience init<Element>(copying elements: [Element], readOnly: Bool = false) {
    precondition(_isPOD(Element.self), "ByteStorage(copying:): \(Element.self) is not a trivial type")
    let byteCount = elements.count * MemoryLayout<Element>.stride
    let block = Self.allocated(byteCount, zeroed: false, "ByteStorage(copying:)")
    elements.withUnsafeBytes { source in
      if let address = source.baseAddress, byteCount > 0 {
        block.base.copyMemory(from: address, byteCount: byteCount)
      }
    }
    self.init(base: block.base, count: byteCount, isReadOnly: readOnly, release: .allocated(block))
  }

  /// Copies the bytes of `data` into new storage.
  ///
  /// - Complexity: O(*n*).
  public convenience init(copying data: Data, readOnly: Bool = false) {
    self.init(copyingBytesOf: data, readOnly: readOnly)
  }

  /// Copies the bytes of any contiguous byte container (`Data`, `[UInt8]`,
  /// a buffer) into new storage.
  ///
  /// - Complexity: O(*n*).
  public convenience init(copyingBytesOf bytes: some ContiguousBytes, readOnly: Bool = false) {
    let (block, count) = bytes.withUnsafeBytes { source in
      let block = Self.allocated(source.count, zeroed: false, "ByteStorage(copyingBytesOf:)")
      if let address = source.baseAddress, source.count > 0 {
        block.base.copyMemory(from: address, byteCount: source.count)
      }
      return (block, source.count)
    }
    self.init(base: block.base, count: count, isReadOnly: readOnly, release: .allocated(block))
  }

  /// Adopts writable foreign memory without copying it.
  ///
  /// The storage keeps `owner` alive for as long as any view of it exists,
  /// then calls `deallocator` once with the same buffer. Both may run on
  /// whichever thread drops the last view, so they must be `Sendable`.
  ///
  /// - Important: The caller guarantees that the memory stays valid and is
  ///   not freed by anyone else until the deallocator runs (or, without one,
  ///   for as long as `owner` is alive); that nothing else writes it while a
  ///   view reads it, unless the caller synchronizes; and, when `readOnly` is
  ///   false, that writing it is allowed.
  public init(
    unsafeAdopting bytes: UnsafeMutableRawBufferPointer,
    owner: (any AnyObject & Sendable)? = nil,
    readOnly: Bool = false,
    deallocator: (@Sendable (UnsafeMutableRawBufferPointer) -> Void)? = nil
  ) {
    self.base = bytes.baseAddress ?? UnsafeMutableRawPointer(bitPattern: StorageAllocator.alignment)!
    self.count = bytes.count
    self.isReadOnly = readOnly
    self.release = .foreign(buffer: bytes, owner: owner, deallocator: deallocator)
  }

  /// Adopts read-only foreign memory without copying it.
  ///
  /// - Important: The caller guarantees that the memory stays valid until
  ///   the deallocator runs (or, without one, for as long as `owner` is
  ///   alive), and that nothing writes it while a view reads it.
  public convenience init(
    unsafeAdopting bytes: UnsafeRawBufferPointer,
    owner: (any AnyObject & Sendable)? = nil,
    deallocator: (@Sendable (UnsafeMutableRawBufferPointer) -> Void)? = nil
  ) {
    self.init(
      unsafeAdopting: UnsafeMutableRawBufferPointer(mutating: bytes), owner: owner, readOnly: true,
      deallocator: deallocator)
  }

  deinit {
    switch release {
    case .allocated(let block):
      StorageAllocator.release(block)
    case .foreign(let buffer, _, let deallocator):
      deallocator?(buffer)
    }
  }

  /// The address of the first byte, as an integer, for alignment checks.
  var address: Int { Int(bitPattern: base) }

  /// Calls `body` with the storage's bytes.
  ///
  /// The buffer must not escape `body`.
  public func withUnsafeBytes<Result, Failure: Error>(
    _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    defer { _fixLifetime(self) }
    return try body(UnsafeRawBufferPointer(start: base, count: count))
  }

  /// Calls `body` with the storage's bytes, for writing.
  ///
  /// The buffer must not escape `body`.
  ///
  /// - Precondition: The storage is not read-only.
  public func withUnsafeMutableBytes<Result, Failure: Error>(
    _ body: (UnsafeMutableRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    precondition(!isReadOnly, "ByteStorage.withUnsafeMutableBytes: the storage is read-only")
    defer { _fixLifetime(self) }
    return try body(UnsafeMutableRawBufferPointer(start: base, count: count))
  }
}

extension ByteStorage: CustomStringConvertible {
  public var description: String {
    "ByteStorage(\(count) bytes\(isReadOnly ? ", read-only" : ""))"
  }
}
