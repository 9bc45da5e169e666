import CStrided
import Foundation
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
    #expect(int8[item: 0] == -100)
    #expect(int8[item: 199] == 99)
    let down = NDArray<Int8>.arange(from: 127, to: -128, by: .min)
    #expect(down.elements == [127, -1])
    let unsigned = NDArray<UInt64>.arange(from: .max - 3, to: .max)
    let top = UInt64.max
    #expect(unsigned.elements == [top - 3, top - 2, top - 1])
    let half = NDArray<Float16>.arange(from: -40000, to: 40000, by: 1000)
    #expect(half.count == 80)
    #expect(half[item: 0] == -40000)
  }
}

/// Cases a review of the numeric and linear-algebra code found.
@Suite("Numeric review cases")
struct NumericReviewTests {
  @Test func inPlaceWritesThroughASelfOverlappingViewStayOnOneThread() throws {
    // Every element of w is the same double: each is computed from the
    // value before the operation, as NumPy computes it (one addition), on
    // one thread or two.
    var w = try NDArray<Double>.zeros([1]).asStrided(shape: [1 << 21], strides: [0])
    w += 1
    #expect(w[item: 0] == 1)
  }

  @Test func dotWithAnEmptySummedAxis() {
    let r = NDArray<Double>.zeros([2, 0]).dot(NDArray<Double>.zeros([3, 0, 4]))
    #expect(r.shape == [2, 3, 4] && r == NDArray.zeros([2, 3, 4]))
  }

  @Test func float16MeansAndSumsAccumulateInFloat() {
    let ones = NDArray<Float16>.ones([70_000])
    #expect(ones.mean() == 1)
    #expect(ones.sum() == .infinity)  // 70000 does not fit in Float16
    #expect(NDArray<Float16>.ones([3000, 2]).mean(axis: 0) == [1, 1])
    #expect(NDArray<Float16>(repeating: 0.1, shape: [4096]).sum() == Float16(Float(0.1 as Float16) * 4096))
  }

  @Test func negationFlipsTheSignOfZero() {
    let negated = -NDArray<Double>([0.0, 1.5])
    #expect(negated[item: 0].sign == .minus && negated[item: 1] == -1.5)
    #expect((-NDArray<Float>([0])).elements[0].sign == .minus)
  }

  @Test func clipWithANaNBoundIsNaN() {
    let clipped = NDArray<Double>([1, 5]).clipped(min: NDArray(scalar: .nan))
    #expect(clipped[item: 0].isNaN && clipped[item: 1].isNaN)
  }

  @Test func gemvIgnoresNaNInAnOutputItOverwrites() {
    let y = NDArray<Double>([.nan, .nan])
    NDArray<Double>([1, 2, 3, 4], shape: [2, 2]).gemv(NDArray<Double>([1, 1]), into: y)
    #expect(y == [3, 7])
  }
}

/// Cases a review of the interchange code found.
@Suite("Interchange review cases")
struct InterchangeReviewTests {
  static func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("strided-\(UUID().uuidString)-\(name)")
  }

  @Test func writingOverAMappedFileLeavesTheMappingIntact() throws {
    let url = Self.temporaryURL("mapped.npy")
    defer { try? FileManager.default.removeItem(at: url) }
    try NDArray<Double>([1, 2, 3]).writeNPY(to: url)
    let mapped = try NDView(mappingNPY: url)
    try mapped.writeNPY(to: url)  // reads the mapping while replacing the file
    #expect(try NDArray<Double>(mapped) == [1, 2, 3])
    #expect(try NDArray<Double>(contentsOfNPY: url) == [1, 2, 3])
    try NDArray<Double>([4, 5]).writeNPY(to: url)
    #expect(try NDArray<Double>(mapped) == [1, 2, 3])  // the old bytes stay
  }

  @Test func readOnlyViewsAreNotExported() throws {
    #expect(throws: DLPackError.readOnly) { try NDArray<Double>([1]).asReadOnly().exportDLPack() }
  }

  @Test func hostileDLPackTensorsAreRefused() throws {
    var shape: [Int64] = [1 << 61]
    var strides: [Int64] = [0]
    var value = 1.0
    withUnsafeMutablePointer(to: &value) { data in
      shape.withUnsafeMutableBufferPointer { shape in
        strides.withUnsafeMutableBufferPointer { strides in
          var tensor = DLManagedTensor(
            dl_tensor: DLTensor(
              data: data, device: DLDevice(device_type: kDLCPU, device_id: 0), ndim: 1,
              dtype: DLDataType(code: UInt8(kDLFloat.rawValue), bits: 64, lanes: 1), shape: shape.baseAddress,
              strides: strides.baseAddress, byte_offset: 0),
            manager_ctx: nil, deleter: nil)
          // 2⁶¹ elements of 8 bytes: the byte count overflows.
          #expect(throws: DLPackError.self) { try NDView(dlpack: &tensor) }
          shape[0] = 1
          tensor.dl_tensor.byte_offset = 1 << 63
          #expect(throws: DLPackError.self) { try NDView(dlpack: &tensor) }
          // An empty tensor may have no data at all.
          tensor.dl_tensor.byte_offset = 0
          shape[0] = 0
          tensor.dl_tensor.data = nil
          do { #expect(try NDView(dlpack: &tensor).count == 0) } catch { Issue.record("\(error)") }
        }
      }
    }
  }

  @Test func zeroSizedItemsAreRefused() throws {
    let header = DamagedNPYTests.header("{'descr': '|S0', 'fortran_order': False, 'shape': (4611686018427387904,), }")
    #expect(throws: NPYError.self) { try NDView(npyData: Data(header)) }
  }

  @Test func paddingOnlyRecordsAndEscapedNamesRoundTrip() throws {
    let void = try NDView(format: "16x", shape: [2])
    let text = String(decoding: try void.npyData().prefix(100), as: UTF8.self)
    #expect(text.contains("'descr': '|V16'"))
    #expect(try NDView(npyData: void.npyData()).itemSize == 16)
    let escaped = DamagedNPYTests.header("{'descr': [('\\x41\\u00e9', '<f8')], 'fortran_order': False, 'shape': (1,), }")
      + [UInt8](repeating: 0, count: 8)
    let view = try NDView(npyData: Data(escaped))
    #expect(view.format.fields.first?.name == "Aé")
  }

  @Test func headersOverTheLimitAreNotWritten() throws {
    let fields = (0..<800).map { "d:field\($0):" }.joined()
    let wide = try NDView(format: Format(parsing: "T{\(fields)}"), shape: [1])
    do {
      _ = try wide.npyData()
      Issue.record("an unreadable header was written")
    } catch {
      guard case .unsupportedFormat = error.reason else { Issue.record("\(error)"); return }
    }
  }
}
