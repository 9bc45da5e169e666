import Testing

@testable import Strided

@Suite("NDView: reinterpretation and fields")
struct NDViewReinterpretTests {
  func bytes(_ values: [UInt8]) -> NDView {
    try! NDView(storage: ByteStorage(copying: values), format: .char, shape: [Dimensions.Element(values.count)])
  }

  @Test("cast follows memoryview's rules")
  func casts() throws {
    let text = bytes(Array("abcdefghij".utf8))
    let unsigned = try text.cast(to: .uint8)
    #expect(unsigned.shape == [10])
    #expect(try NDArray<UInt8>(unsigned).elements == Array("abcdefghij".utf8))
    let shorts = try text.cast(to: "<H")
    #expect(shorts.shape == [5])
    #expect(try NDArray<UInt16>(shorts).elements == [0x6261, 0x6463, 0x6665, 0x6867, 0x6A69])
    let grid = try text.cast(to: .char, shape: [2, 5])
    #expect(grid.shape == [2, 5] && grid.strides == [5, 1])
    // And back to one dimension.
    #expect(try grid.cast(to: .uint8).shape == [10])
    let big = try text.cast(to: ">H")
    #expect(try NDArray<UInt16>(big.nativeByteOrderCopy()).elements.first == 0x6162)

    #expect(throws: ViewError.self) { try text.cast(to: .int32) }  // 10 is not a multiple of 4
    #expect(throws: ViewError.self) { try text.cast(to: .char, shape: [3, 3]) }
    #expect(throws: ViewError.self) { try text.cast(to: .char, shape: [0, 10]) }
    #expect(throws: ViewError.self) { try grid.cast(to: .char, shape: [5, 2]) }  // N-D to N-D
    #expect(throws: ViewError.self) { try shorts.cast(to: .float32, shape: [2]) }  // neither is a byte format
    #expect(throws: ViewError.self) { try text[.slice(by: 2)].cast(to: .uint8) }  // not contiguous
    #expect(throws: ViewError.self) { try text.cast(to: "T{B:a:B:b:}") }
    let zeroD = try text.cast(to: .int16, shape: [5]).cast(to: .uint8)
    #expect(zeroD.count == 10)
  }

  @Test("a different item size reshapes the last axis, as NumPy's view(dtype)")
  func reinterpretations() throws {
    let m = aranged([2, 3])
    let raw = try m.reinterpreted(as: .uint8)
    #expect(raw.shape == [2, 24] && raw.strides == [24, 1])
    #expect(try m.reinterpreted(as: .int32).shape == [2, 6])
    let back = try raw.reinterpreted(as: .float64)
    #expect(try doubles(back) == [0, 1, 2, 3, 4, 5])
    // Same size: any layout.
    #expect(try m.transposed().reinterpreted(as: .int64).strides == [8, 24])
    #expect(throws: ViewError.self) { try m.transposed().reinterpreted(as: .int32) }
    #expect(throws: ViewError.self) { try m[0, 0].reinterpreted(as: .int32) }
    #expect(throws: ViewError.self) { try m.reinterpreted(as: "5s") }
    #expect(throws: ViewError.self) { try m.reinterpreted(as: "T{d:a:d:b:d:c:d:d:}") }
    // Rows of 24 bytes become one 24-byte record each.
    let records = try m.reinterpreted(as: "T{d:x:d:y:d:z:}")
    #expect(records.shape == [2, 1])
    #expect(try doubles(records.field("y")) == [1, 4])
  }

  @Test("field views of NumPy structured arrays read NumPy's bytes", arguments: FormatFixtures.shared.numpy.filter(\.consistent))
  func fieldsMatchNumPy(_ row: FormatFixtures.NumPyRow) throws {
    let storage = ByteStorage(copying: [UInt8](hex: row.data))
    let format = try Format(parsing: row.format)
    let array = try NDView(storage: storage, format: format, shape: Dimensions(row.shape), itemSize: row.itemsize)
    for expected in row.views {
      let field = try array.field(expected.path)
      #expect(field.shape == expected.shape, "\(expected.path)")
      #expect(field.byteOffset == expected.offset, "\(expected.path)")
      if field.count > 0 {
        for axis in 0..<field.ndim where field.shape[axis] > 1 {
          #expect(field.strides[axis] == expected.strides[axis], "\(expected.path) axis \(axis)")
        }
      }
      #expect(field.bytes().hex == expected.bytes, "\(expected.path)")
    }
    // Converting to native byte order gives NumPy's field values (NumPy also
    // zeroes the padding, which Strided copies as it is).
    let native = array.nativeByteOrderCopy()
    #expect(native.format.isNativeByteOrder)
    let numpyNative = try NDView(
      storage: ByteStorage(copying: [UInt8](hex: row.native)), format: format.withNativeByteOrder,
      shape: Dimensions(row.shape), itemSize: row.itemsize)
    for expected in row.views {
      #expect(try native.field(expected.path).bytes() == numpyNative.field(expected.path).bytes(), "\(expected.path)")
    }
  }

  @Test func missingFields() throws {
    let view = try NDView(format: "T{d:x:T{i:a:}:inner:}", shape: [2])
    #expect(throws: ViewError.noSuchField("y", format: view.format.description)) { try view.field("y") }
    #expect(throws: ViewError.self) { try view.field("inner.b") }
    #expect(try view.field("inner.a").byteOffset == 8)
    let array = try NDArray<Int32>(view.field("inner.a"))
    array[item: 1] = 7
    #expect(try NDArray<Int32>(view.field("inner.a")).elements == [0, 7])
  }

  @Test func subArrayFieldsAddAxes() throws {
    let view = try NDView(format: "T{(2,3)f:m:B:tag:}", shape: [4])
    let m = try view.field("m")
    #expect(m.shape == [4, 2, 3])
    #expect(m.strides == [view.itemSize, 12, 4])
    #expect(m.format == .float32)
  }
}
