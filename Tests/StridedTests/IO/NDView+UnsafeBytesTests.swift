import Foundation
import Testing

import Strided

@Suite("Spans and foreign memory")
struct SpanTests {
  @Test func spansSeeContiguousElementsInMemoryOrder() {
    let a = NDArray<Int32>([1, 2, 3, 4, 5, 6], shape: [2, 3])
    #expect(a.withSpan { span in (0..<span.count).map { span[$0] } } == [1, 2, 3, 4, 5, 6])
    // A transposed view is F-contiguous: memory order is the same bytes.
    #expect(a.transposed().withSpan { $0.count } == 6)
    #expect(a.view.withRawSpan { $0.byteCount } == 24)
    a[1, .all].withMutableSpan { span in
      for i in 0..<span.count { span[i] *= 10 }
    }
    #expect(a == [[1, 2, 3], [40, 50, 60]])
    let empty = NDArray<Double>.zeros([0, 4])
    #expect(empty.withSpan { $0.isEmpty })
  }

  @Test func foreignMemoryIsAdoptedAndKeptAlive() throws {
    final class Owner: @unchecked Sendable {
      let buffer: UnsafeMutableRawBufferPointer
      init(count: Int) { buffer = .allocate(byteCount: count, alignment: 8) }
      deinit { buffer.deallocate() }
    }
    var owner: Owner? = Owner(count: 32)
    let values: [Double] = [1, 2, 3, 4]
    values.withUnsafeBytes { owner!.buffer.copyMemory(from: $0) }
    let storage = ByteStorage(unsafeAdopting: owner!.buffer, owner: owner!)
    let array = try NDArray<Double>(NDView(storage: storage, format: "d", shape: [2, 2]))
    owner = nil  // the storage keeps it alive
    #expect(array.transposed() == [[1, 3], [2, 4]])
    let fromData = try NDView(storage: ByteStorage(copying: Data([1, 0, 2, 0])), format: "<H", shape: [2])
    #expect(try NDArray<UInt16>(fromData) == [1, 2])
    let bytes: [UInt8] = [3, 0, 4, 0]
    let fromBytes = try NDView(storage: ByteStorage(copyingBytesOf: bytes, readOnly: true), format: "<H", shape: [2])
    #expect(try NDArray<UInt16>(fromBytes) == [3, 4] && fromBytes.isReadOnly)
  }

  @Test func nonContiguousViewsTrap() async {
    await #expect(processExitsWith: .failure) {
      _ = NDArray<Double>.zeros([4, 4])[.all, .slice(by: 2)].withSpan { $0.count }
    }
    await #expect(processExitsWith: .failure) {
      NDArray<Double>.zeros([4]).asReadOnly().withMutableSpan { _ in }
    }
  }
}
