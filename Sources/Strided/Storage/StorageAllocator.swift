#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Synchronization

/// Allocates the memory behind ``ByteStorage``.
///
/// - Small blocks come from `malloc`, 48 bytes over, and start at the
///   first 64-byte boundary inside: `posix_memalign` took 54–90 ns a
///   block and `malloc` 9 ns, which is most of the cost of a small result.
/// - Blocks of ``mappedThreshold`` bytes or more are mapped. From
///   ``largeThreshold`` bytes they are placed on 2 MiB boundaries and advised
///   to use transparent huge pages, so first touch faults once per 2 MiB
///   instead of once per 4 KiB.
/// - The most recently freed mapped blocks are kept for reuse (up to
///   ``cacheSlots`` of them and ``cacheCapacity`` bytes in all; the oldest
///   are unmapped to make room), because a fresh mapping costs its page
///   faults again and array code often frees and allocates the same sizes
///   in a loop. (Left to `malloc`, a 512 KiB result freed in a short
///   program is returned to the system and faulted in again on every call:
///   it made a 256 × 256 product half again slower than the BLAS call.)
enum StorageAllocator {
  static let alignment = 64
  static let pageSize = 4096
  static let hugePage = 2 << 20
  static let mappedThreshold = 256 << 10
  static let largeThreshold = 4 << 20

  struct Block: @unchecked Sendable {
    /// The address handed out.
    let base: UnsafeMutableRawPointer
    /// For mapped blocks: the mapping's start and length; for small
    /// blocks, what `malloc` returned.
    let mapping: UnsafeMutableRawPointer?
    let mappedLength: Int
  }

  /// A block of `byteCount` bytes, or `nil` when the system has no memory
  /// for it (or it is larger than the address space).
  static func allocate(byteCount: Int, zeroed: Bool) -> Block? {
    if byteCount >= mappedThreshold {
      return allocateMapped(byteCount: byteCount, zeroed: zeroed)
    }
    // malloc aligns to 16 bytes: 48 more reach a 64-byte boundary.
    guard let start = malloc(max(byteCount, 1) + alignment - 16) else { return nil }
    let base = UnsafeMutableRawPointer(bitPattern: (UInt(bitPattern: start) + UInt(alignment - 1)) & ~UInt(alignment - 1))!
    if zeroed { memset(base, 0, byteCount) }
    return Block(base: base, mapping: start, mappedLength: 0)
  }

  static func release(_ block: Block) {
    guard block.mappedLength > 0 else {
      free(block.mapping)
      return
    }
    // Unmapped outside the lock: the blocks the cache let go, or this one.
    for evicted in cache.withLock({ $0.insert(block) }) {
      munmap(evicted.mapping, evicted.mappedLength)
    }
  }

  /// The length of the mapping for a block of `byteCount` bytes: whole
  /// pages, or for a large block whole huge pages plus one, so that the
  /// block can start on a 2 MiB boundary.
  static func mappedLength(for byteCount: Int) -> Int {
    if byteCount < largeThreshold { return (byteCount + pageSize - 1) / pageSize * pageSize }
    return (byteCount + hugePage - 1) / hugePage * hugePage + hugePage
  }

  private static func allocateMapped(byteCount: Int, zeroed: Bool) -> Block? {
    // More than the address space holds.
    guard byteCount <= Int.max / 2 else { return nil }
    let length = mappedLength(for: byteCount)
    if let reused = cache.withLock({ $0.take(mappedLength: length) }) {
      if zeroed { memset(reused.base, 0, byteCount) }
      return reused
    }
    guard let mapping = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
      mapping != MAP_FAILED
    else { return nil }
    var base = mapping
    if byteCount >= largeThreshold {
      let address = UInt(bitPattern: mapping)
      let aligned = (address + UInt(hugePage) - 1) / UInt(hugePage) * UInt(hugePage)
      base = UnsafeMutableRawPointer(bitPattern: aligned)!
      #if os(Linux)
        _ = madvise(base, length - hugePage, Int32(MADV_HUGEPAGE))
      #endif
    }
    // A fresh anonymous mapping is already zero-filled.
    return Block(base: base, mapping: mapping, mappedLength: length)
  }

  // MARK: Reuse of mapped blocks

  /// The most bytes of freed mapped blocks kept for reuse.
  static let cacheCapacity = 512 << 20
  /// The most freed mapped blocks kept for reuse.
  static let cacheSlots = 8

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

    /// A kept block of exactly this mapping length, the most recently freed.
    mutating func take(mappedLength: Int) -> Block? {
      guard let index = blocks.lastIndex(where: { $0.mappedLength == mappedLength }) else { return nil }
      bytes -= mappedLength
      return blocks.remove(at: index)
    }
  }

  static let cache = Mutex(Cache())
}
