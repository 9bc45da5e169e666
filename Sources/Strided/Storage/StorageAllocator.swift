#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Synchronization

/// Allocates the memory behind ``ByteStorage``.
///
/// - Small blocks come from `posix_memalign`, aligned to 64 bytes.
/// - Blocks of ``largeThreshold`` bytes or more are mapped on 2 MiB
///   boundaries and advised to use transparent huge pages, so first touch
///   faults once per 2 MiB instead of once per 4 KiB.
/// - The most recently freed large blocks are kept for reuse (up to
///   ``cacheSlots`` of them and ``cacheCapacity`` bytes in all; the oldest
///   are unmapped to make room), because a fresh mapping costs its page
///   faults again and array code often frees and allocates the same sizes
///   in a loop.
enum StorageAllocator {
  static let alignment = 64
  static let hugePage = 2 << 20
  static let largeThreshold = 4 << 20

  struct Block: @unchecked Sendable {
    /// The address handed out.
    let base: UnsafeMutableRawPointer
    /// For mapped blocks: the mapping's start and length.
    let mapping: UnsafeMutableRawPointer?
    let mappedLength: Int
  }

  static func allocate(byteCount: Int, zeroed: Bool) -> Block {
    if byteCount >= largeThreshold {
      return allocateLarge(byteCount: byteCount, zeroed: zeroed)
    }
    var pointer: UnsafeMutableRawPointer?
    let result = posix_memalign(&pointer, alignment, max(byteCount, 1))
    guard result == 0, let pointer else {
      fatalError("ByteStorage: out of memory allocating \(byteCount) bytes")
    }
    if zeroed { memset(pointer, 0, byteCount) }
    return Block(base: pointer, mapping: nil, mappedLength: 0)
  }

  static func release(_ block: Block) {
    guard let mapping = block.mapping else {
      free(block.base)
      return
    }
    // Unmapped outside the lock: the blocks the cache let go, or this one.
    for evicted in cache.withLock({ $0.insert(block) }) {
      munmap(evicted.mapping, evicted.mappedLength)
    }
  }

  private static func allocateLarge(byteCount: Int, zeroed: Bool) -> Block {
    // The mapping is the count rounded up to huge pages, plus one for alignment.
    precondition(
      !byteCount.addingReportingOverflow(2 * hugePage).overflow,
      "ByteStorage: \(byteCount) bytes is more than the address space holds")
    let usable = (byteCount + hugePage - 1) / hugePage * hugePage
    if let reused = cache.withLock({ $0.take(usableLength: usable) }) {
      if zeroed { memset(reused.base, 0, byteCount) }
      return reused
    }
    // Map one extra huge page so the block can start on a 2 MiB boundary.
    let length = usable + hugePage
    guard let mapping = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
      mapping != MAP_FAILED
    else {
      fatalError("ByteStorage: out of memory mapping \(byteCount) bytes")
    }
    let address = UInt(bitPattern: mapping)
    let aligned = (address + UInt(hugePage) - 1) / UInt(hugePage) * UInt(hugePage)
    let base = UnsafeMutableRawPointer(bitPattern: aligned)!
    #if os(Linux)
      _ = madvise(base, usable, Int32(MADV_HUGEPAGE))
    #endif
    // A fresh anonymous mapping is already zero-filled.
    return Block(base: base, mapping: mapping, mappedLength: length)
  }

  // MARK: Reuse of large blocks

  /// The most bytes of freed large blocks kept for reuse.
  static let cacheCapacity = 512 << 20
  /// The most freed large blocks kept for reuse.
  static let cacheSlots = 4

  struct Cache: ~Copyable {
    var blocks: [Block] = []
    var bytes = 0

    /// Keeps `block`, letting the oldest blocks go to make room; returns the
    /// blocks to unmap (`block` itself when it alone exceeds the capacity).
    mutating func insert(_ block: Block) -> [Block] {
      guard block.mappedLength <= StorageAllocator.cacheCapacity else { return [block] }
      var evicted: [Block] = []
      while blocks.count >= StorageAllocator.cacheSlots
        || bytes + block.mappedLength > StorageAllocator.cacheCapacity
      {
        let oldest = blocks.removeFirst()
        bytes -= oldest.mappedLength
        evicted.append(oldest)
      }
      blocks.append(block)
      bytes += block.mappedLength
      return evicted
    }

    mutating func take(usableLength: Int) -> Block? {
      let wanted = usableLength + StorageAllocator.hugePage
      guard let index = blocks.firstIndex(where: { $0.mappedLength == wanted }) else { return nil }
      bytes -= wanted
      return blocks.remove(at: index)
    }
  }

  static let cache = Mutex(Cache())
}
