import Testing

@testable import Strided

/// Inputs at the edges of what the types allow: each must throw a typed
/// error or give the right answer, never crash.
@Suite("Edge cases")
struct EdgeCaseTests {
  @Test func broadcastingPastTheAddressSpaceThrows() throws {
    let one = try NDView(format: .float64, shape: [1])
    #expect(throws: ViewError.sizeOverflow(shape: [1 << 61])) { try one.broadcast(to: [1 << 61]) }
    let fine = try one.broadcast(to: [1 << 59])
    #expect(fine.count == 1 << 59)
    #expect(fine.nbytes == 1 << 62)
  }

  @Test func reinterpretingAHugeEmptyViewThrows() throws {
    let empty = try NDView(storage: ByteStorage(count: 0), format: .float64, shape: [0, 1 << 62])
    #expect(throws: ViewError.sizeOverflow(shape: [0, 1 << 62])) { try empty.reinterpreted(as: "2d") }
  }

  @Test("huge sub-arrays of empty items are cheap to inspect and to convert")
  func hugeEmptySubArrays() throws {
    let format = try Format(parsing: "(4294967296,4294967296)0s")
    #expect(format.itemSize == 0)
    #expect(format.byteOrder == nil)
    #expect(format.isNativeByteOrder)
    #expect(try Format(parsing: "(1000000000000)T{}").byteOrder == nil)
    let record = try Format(parsing: "T{>d:a:(4294967296,4294967296)0s:b:}")
    #expect(record.itemSize == 8)
    let view = try NDView(storage: ByteStorage(copying: [Double(2.5).bitPattern.bigEndian]), format: record, shape: [1])
    let native = view.nativeByteOrderCopy()
    #expect(try NDArray<Double>(native.field("a")).elements == [2.5])
    #expect(throws: ViewError.self) { try native.field("b") }
  }

  @Test func zeroSizedSubArraysParseInAnyOrder() throws {
    #expect(try Format(parsing: "(0,9223372036854775807,2)d").itemSize == 0)
    #expect(try Format(parsing: "(9223372036854775807,2,0)d").itemSize == 0)
    let view = try NDView(format: "T{(0)d:x:i:y:}", shape: [3])
    #expect(try view.field("x").shape == [3, 0])
    #expect(throws: ViewError.self) { try NDView(format: "T{0s:x:i:y:}", shape: [3]).field("x") }
  }

  @Test func descriptionsRoundTripAtTheEdges() throws {
    for text in ["2T{di^}", "(3)T{=bd}", "(2,2)T{d:x:i:y:}", "T{(2)T{i^b}:a:}", "^P", "2T{}", "T{x}"] {
      let format = try Format(parsing: text)
      #expect(try Format(parsing: format.description) == format, "\(text) → \(format.description)")
    }
    let pointer = Format(.pointer, byteOrder: .big)
    #expect(pointer.byteOrder == .native)
    #expect(try Format(parsing: pointer.description) == pointer)
  }

  @Test func negativeSizesDoNotBroadcast() {
    #expect(throws: ViewError.negativeDimension(axis: 0, size: -1)) { try NDView.broadcastShape([-1], [1]) }
  }

  @Test func arangeNeverOverflowsItsArithmetic() {
    let int8 = NDArray<Int8>.arange(from: -100, to: 100)
    #expect(int8.count == 200)
    #expect(int8[0] == -100)
    #expect(int8[199] == 99)
    let down = NDArray<Int8>.arange(from: 127, to: -128, by: .min)
    #expect(down.elements == [127, -1])
    let unsigned = NDArray<UInt64>.arange(from: .max - 3, to: .max)
    let top = UInt64.max
    #expect(unsigned.elements == [top - 3, top - 2, top - 1])
    let half = NDArray<Float16>.arange(from: -40000, to: 40000, by: 1000)
    #expect(half.count == 80)
    #expect(half[0] == -40000)
  }
}
