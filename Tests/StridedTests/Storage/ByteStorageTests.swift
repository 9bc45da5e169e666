import Foundation
import Synchronization
import Testing

@testable import Strided

/// Counts how many times foreign memory was released.
final class ReleaseCounter: Sendable {
  let count = Mutex(0)
  var value: Int { count.withLock { $0 } }
  func increment() { count.withLock { $0 += 1 } }
}

/// An owner object that records whether it is still alive.
final class Owner: Sendable {
  let alive: ReleaseCounter
  init(_ alive: ReleaseCounter) { self.alive = alive }
  deinit { alive.increment() }
}

@Suite("ByteStorage")
struct ByteStorageTests {
  @Test("new storage is zero-filled and 64-byte aligned", arguments: [0, 1, 63, 64, 1000, 5 << 20])
  func zeroFilled(_ count: Int) {
    let storage = ByteStorage(count: count)
    #expect(storage.count == count)
    #expect(!storage.isReadOnly)
    storage.withUnsafeBytes { bytes in
      #expect(Int(bitPattern: bytes.baseAddress) % 64 == 0)
      #expect(bytes.allSatisfy { $0 == 0 })
    }
  }

  @Test("large storage starts on a huge-page boundary and reused blocks are zeroed")
  func largeBlocks() {
    let size = 6 << 20
    do {
      let storage = ByteStorage(count: size)
      storage.withUnsafeMutableBytes { bytes in
        #expect(Int(bitPattern: bytes.baseAddress) % (2 << 20) == 0)
        bytes.initializeMemory(as: UInt8.self, repeating: 0xAB)
      }
    }
    // The freed block may come back from the reuse cache: it must be zeroed.
    let again = ByteStorage(count: size)
    again.withUnsafeBytes { bytes in
      #expect(bytes.allSatisfy { $0 == 0 })
    }
  }

  @Test func copiesOfBytesArraysAndData() {
    let values: [Int32] = [1, -2, 3]
    let fromArray = ByteStorage(copying: values)
    #expect(fromArray.count == 12)
    fromArray.withUnsafeBytes { bytes in
      #expect(Array(bytes.bindMemory(to: Int32.self)) == values)
    }
    let data = Data([9, 8, 7])
    let fromData = ByteStorage(copying: data, readOnly: true)
    #expect(fromData.isReadOnly)
    fromData.withUnsafeBytes { #expect(Array($0) == [9, 8, 7]) }
    let raw: [UInt8] = [1, 2, 3, 4]
    let fromBytes = raw.withUnsafeBytes { ByteStorage(copying: $0) }
    fromBytes.withUnsafeBytes { #expect(Array($0) == raw) }
    #expect(ByteStorage(copying: [UInt8]()).count == 0)
  }

  @Test("foreign memory keeps its owner alive and is released once, after the last view")
  func foreignMemory() throws {
    let released = ReleaseCounter()
    let ownerGone = ReleaseCounter()
    do {
      var view: NDView?
      do {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 16)
        buffer.storeBytes(of: 2.5, toByteOffset: 0, as: Double.self)
        buffer.storeBytes(of: -1.0, toByteOffset: 8, as: Double.self)
        let storage = ByteStorage(unsafeAdopting: buffer, owner: Owner(ownerGone)) { bytes in
          released.increment()
          bytes.deallocate()
        }
        view = try NDView(storage: storage, format: .float64, shape: [2])
      }
      // The storage variable is gone; the view keeps the bytes and the owner.
      #expect(released.value == 0)
      #expect(ownerGone.value == 0)
      let array = try NDArray<Double>(#require(view))
      view = nil
      #expect(array.elements == [2.5, -1.0])
      #expect(released.value == 0)
      withExtendedLifetime(array) {}
    }
    #expect(released.value == 1)
    #expect(ownerGone.value == 1)
  }

  @Test("the deallocator runs once when the last view goes away")
  func deallocatorRunsOnce() throws {
    let released = ReleaseCounter()
    func make() throws -> NDView {
      let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 8, alignment: 8)
      buffer.initializeMemory(as: UInt8.self, repeating: 7)
      let storage = ByteStorage(unsafeAdopting: buffer) { bytes in
        released.increment()
        bytes.deallocate()
      }
      return try NDView(storage: storage, format: .uint8, shape: [8])
    }
    do {
      let view = try make()
      let slice = view[2..<4]
      #expect(try NDArray<UInt8>(slice).elements == [7, 7])
      #expect(released.value == 0)
    }
    #expect(released.value == 1)
  }

  @Test func readOnlyForeignMemory() throws {
    let bytes: [UInt8] = [1, 2, 3]
    try bytes.withUnsafeBytes { raw in
      let storage = ByteStorage(unsafeAdopting: raw)
      #expect(storage.isReadOnly)
      let view = try NDView(storage: storage, format: .uint8, shape: [3])
      #expect(view.isReadOnly)
      #expect(throws: ViewError.readOnlyStorage) {
        try NDView(storage: storage, format: .uint8, shape: [3], readOnly: false)
      }
      #expect(try NDArray<UInt8>(view).elements == [1, 2, 3])
    }
  }

  @Test("an empty foreign buffer works, and its deallocator gets it back unchanged")
  func emptyForeignBuffer() throws {
    let released = ReleaseCounter()
    do {
      let storage = ByteStorage(unsafeAdopting: UnsafeMutableRawBufferPointer(start: nil, count: 0)) { buffer in
        #expect(buffer.baseAddress == nil && buffer.count == 0)
        released.increment()
      }
      let view = try NDView(storage: storage, format: .float64, shape: [0, 3])
      #expect(view.count == 0)
      #expect(view.bytes().isEmpty)
    }
    #expect(released.value == 1)
  }

  @Test func writingReadOnlyStorageTraps() async {
    await #expect(processExitsWith: .failure) {
      let storage = ByteStorage(copying: [UInt8(1)], readOnly: true)
      storage.withUnsafeMutableBytes { $0[0] = 2 }
    }
  }

  @Test func copyingNonTrivialElementsTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = ByteStorage(copying: ["not", "trivial"])
    }
  }

  @Test func midSizedBlocksAreMappedAndReusedZeroed() {
    let size = 300 << 10
    #expect(StorageAllocator.mappedLength(for: size) == (300 << 10))
    #expect(StorageAllocator.mappedLength(for: (4 << 20) + 1) == 8 << 20)
    do {
      let storage = ByteStorage(count: size)
      _ = storage.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0xCD) }
    }
    let again = ByteStorage(count: size)
    again.withUnsafeBytes { bytes in
      #expect(Int(bitPattern: bytes.baseAddress) % 4096 == 0)
      #expect(bytes.allSatisfy { $0 == 0 })
    }
  }

  @Test func theReuseCacheKeepsTheMostRecentlyFreedBlocks() {
    func block(_ megabytes: Int) -> StorageAllocator.Block {
      let address = UnsafeMutableRawPointer(bitPattern: 0x10_0000 * megabytes)!
      return StorageAllocator.Block(base: address, mapping: address, mappedLength: megabytes << 20)
    }
    var cache = StorageAllocator.Cache()
    for size in [4, 8, 16, 32, 1, 2, 3, 5] { #expect(cache.insert(block(size)).isEmpty) }
    // A ninth block lets the oldest go, not itself.
    #expect(cache.insert(block(64)).map(\.mappedLength) == [4 << 20])
    #expect(cache.take(mappedLength: 64 << 20)?.mappedLength == 64 << 20)
    #expect(cache.take(mappedLength: 4 << 20) == nil)
    for size in [1, 2, 3, 5] { #expect(cache.take(mappedLength: size << 20) != nil) }
    // Past the byte capacity, the oldest go until the new block fits.
    // (8 + 16 + 32 + 500 MiB is more than the 512 MiB kept.)
    #expect(cache.insert(block(500)).map(\.mappedLength) == [8 << 20, 16 << 20, 32 << 20])
    #expect(cache.bytes == 500 << 20)
    // A block larger than the whole capacity is not kept.
    #expect(cache.insert(block(600)).map(\.mappedLength) == [600 << 20])
  }
}
