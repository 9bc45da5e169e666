import Testing

import Strided

/// The README's tour, as written there, with its claims checked.
@Suite("README")
struct ReadmeTests {
  @Test func tour() throws {
    let m = try NDArray<Double>.arange(to: 12).reshaped(to: [3, 4])  // a 3×4 matrix
    #expect(m[1, 2] == 6.0)
    let t = m.transposed()
    #expect(t.strides == [8, 32])
    let evens = m[.all, .slice(by: 2)]
    #expect(evens.elements == [0, 2, 4, 6, 8, 10])
    let rows = m[1..., .slice(by: -1)]
    #expect(rows.elements == [7, 6, 5, 4, 11, 10, 9, 8])
    #expect(try evens.reshaped(to: [6]).storage === m.storage)
    t[0, 1] = 100
    #expect(m[1, 0] == 100)

    let points = try NDView(format: "T{d:x:d:y:}", shape: [3])
    let xs = try NDArray<Double>(points.field("x"))
    #expect(xs.strides == [16])
    let bytes = try NDView(
      storage: ByteStorage(copying: [UInt8](repeating: 1, count: 8)), format: "B", shape: [8]
    ).cast(to: "<H")
    #expect(try NDArray<UInt16>(bytes).elements == [257, 257, 257, 257])
  }
}
