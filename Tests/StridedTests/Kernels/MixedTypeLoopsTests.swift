import Testing

@testable import Strided

/// Element-wise loops whose operands have elements of different sizes: a
/// fast path for operands laid out alike must not take equal byte strides
/// for equal layouts when the items differ in size.
@Suite("Mixed element sizes")
struct MixedTypeLoopsTests {
  @Test("a stepped Float view zipped with Doubles reads every other Float")
  func steppedNarrowOperand() {
    let floats = NDArray<Float>((0..<8).map(Float.init))
    let stepped = floats[.slice(by: 2)]  // stride 8 bytes, as a Double's
    let doubles = NDArray<Double>([0, 0, 0, 0])
    #expect(stepped.zipElements(with: doubles) { Double($0) + $1 }.elements == [0, 2, 4, 6])
    #expect(doubles.zipElements(with: stepped) { $0 + Double($1) }.elements == [0, 2, 4, 6])
    let ints = NDArray<Int32>((0..<8).map(Int32.init))[.slice(by: 2)]
    #expect(ints.zipElements(with: NDArray<Int64>([1, 1, 1, 1])) { Int64($0) + $1 }.elements == [1, 3, 5, 7])
    #expect(ints.mapElements { Int64($0) }.elements == [0, 2, 4, 6])
  }

  @Test("conversions of stepped, reversed, broadcast and byte-unaligned views")
  func conversionsOfAnyLayout() throws {
    let x = NDArray<Double>([1.5, -2.5, 300, -1, 7.9, 255.5])
    #expect(x[.slice(by: 2)].converted(to: UInt8.self).elements == [1, 255, 7])
    #expect(x[.slice(by: -1)].converted(to: Int16.self).elements == [255, 7, -1, 300, -2, 1])
    #expect(NDArray<Double>(scalar: 3.9).broadcast(orTrap: [5]).converted(to: Int8.self).elements == [3, 3, 3, 3, 3])
    // Doubles at an odd byte offset: items misaligned for the C loop.
    let bytes = ByteStorage(count: 8 * 6 + 1)
    let misaligned = try NDArray<Double>(NDView(storage: bytes, format: .float64, shape: [6], byteOffset: 1))
    x.copy(into: misaligned)
    #expect(misaligned.converted(to: Int32.self).elements == [1, -2, 300, -1, 7, 255])
    #expect(misaligned.converted(to: Float.self).elements == [1.5, -2.5, 300, -1, 7.9, 255.5])
  }
}
