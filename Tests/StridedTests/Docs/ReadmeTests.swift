import Foundation
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

  @Test func numericTour() throws {
    let a = NDArray<Double>([1, 2, 3, 4, 5, 6], shape: [2, 3])
    let centred = a - a.mean(axis: 0, keepingDimensions: true)
    #expect(centred == [[-1.5, -1.5, -1.5], [1.5, 1.5, 1.5]])
    let total = (a * a).sum()
    #expect(total == 91.0)
    let gram = a.transposed().matmul(a)
    #expect(gram.shape == [3, 3] && gram[0, 0] == 17)
    let (product, copies) = BLAS.countingPackedOperands { a[.all, 0..<2].matmul(a[.all, 1...].transposed()) }
    #expect(copies == 0 && product == [[8, 17], [23, 50]])
    let x = try NDArray<Double>([4, 1, 1, 3], shape: [2, 2]).solve([1, 2])
    #expect(Swift.abs(x[0] - 1.0 / 11) < 1e-15 && Swift.abs(x[1] - 7.0 / 11) < 1e-15)
    let mask = exp(a) .> 10
    #expect(mask == [[false, false, true], [true, true, true]])
  }

  @Test func interchangeTour() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strided-readme-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let a = NDArray<Double>([1, 2, 3, 4, 5, 6], shape: [2, 3])
    let url = directory.appendingPathComponent("m.npy")
    try a.writeNPY(to: url)
    let mapped = try NDView(mappingNPY: url, mode: .readOnly)
    #expect(try NDArray<Double>(mapped) == a && mapped.isReadOnly)
    let archive = directory.appendingPathComponent("data.npz")
    try NPZ.write(["a": a.view], to: archive)
    let arrays = try NPZ.arrays(contentsOf: archive)
    #expect(arrays.keys.sorted() == ["a"])
  }
}
