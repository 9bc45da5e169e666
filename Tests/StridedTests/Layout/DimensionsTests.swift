import Testing

@testable import Strided

@Suite("Dimensions and layout arithmetic")
struct DimensionsTests {
  @Test("inline and heap storage behave the same")
  func growAndShrink() {
    var d: Dimensions = []
    for i in 1...7 { d.append(i * 10) }
    #expect(d == [10, 20, 30, 40, 50, 60, 70])
    #expect(d.count == 7)
    #expect(d.product == 10 * 20 * 30 * 40 * 50 * 60 * 70)
    d.remove(at: 0)
    d.remove(at: 0)
    d.remove(at: 0)
    #expect(d == [40, 50, 60, 70])
    d.insert(5, at: 2)
    #expect(d == [40, 50, 5, 60, 70])
    d[4] = -1
    #expect(d == [40, 50, 5, 60, -1])
    #expect(d.contains(5) && !d.contains(6))
    #expect(d.reversedValues() == [-1, 60, 5, 50, 40])
    #expect(Dimensions([40, 50, 5, 60]).reversedValues() == [60, 5, 50, 40])
    #expect(Dimensions().product == 1)
    #expect(Dimensions(repeating: 3, count: 6) == [3, 3, 3, 3, 3, 3])
    #expect(Dimensions(repeating: 3, count: 2) == [3, 3])
    #expect(d.description == "[40, 50, 5, 60, -1]")
    // Equal values hash equally whichever storage they came through.
    var shrunk: Dimensions = [1, 2, 3, 4, 5]
    shrunk.remove(at: 4)
    #expect(shrunk == Dimensions([1, 2, 3, 4]))
    #expect(shrunk.hashValue == Dimensions([1, 2, 3, 4]).hashValue)
  }

  @Test func layoutsOfMoreThanFourAxes() {
    var layout = Layout()
    for axis in 0..<6 { layout.append(size: axis + 1, stride: 100 * (axis + 1)) }
    #expect(layout.rank == 6)
    #expect(layout.shape == [1, 2, 3, 4, 5, 6])
    #expect(layout.count == 720)
    let view = NDView(unchecked: ByteStorage(count: 8), format: "B", itemSize: 1, byteOffset: 0, layout: layout, isReadOnly: true)
    #expect(view.transposed().strides == [600, 500, 400, 300, 200, 100])
    #expect(layout.removing(0).inserting(size: 9, stride: 9, at: 5).shape == [2, 3, 4, 5, 6, 9])
    layout.set(5, size: 1, stride: 0)
    #expect(layout.size(5) == 1 && layout.stride(5) == 0)
  }

  @Test("slices resolve as Python's slice.indices", arguments: FormatFixtures.shared.slices)
  func slices(_ row: FormatFixtures.SliceRow) {
    let (first, count) = Layout.resolveSlice(start: row.start, stop: row.stop, step: row.step, length: row.length)
    #expect(count == row.count)
    if count > 0 { #expect(first == row.first) }
  }

  @Test func extremeSliceSteps() {
    let backwards = Layout.resolveSlice(start: nil, stop: nil, step: Int.min, length: 5)
    #expect(backwards.first == 4 && backwards.count == 1)
    let forwards = Layout.resolveSlice(start: nil, stop: nil, step: Int.max, length: 5)
    #expect(forwards.first == 0 && forwards.count == 1)
    let clipped = Layout.resolveSlice(start: Int.min, stop: Int.max, step: 1, length: 5)
    #expect(clipped.first == 0 && clipped.count == 5)
    let empty = Layout.resolveSlice(start: Int.max, stop: Int.min, step: -1, length: 0)
    #expect(empty.count == 0)
  }

  @Test func checkedCounts() throws {
    #expect(try Layout.checkedCount([2, 3, 4]) == 24)
    #expect(try Layout.checkedCount([]) == 1)
    #expect(try Layout.checkedCount([Int.max, 2, 0]) == 0)
    #expect(throws: ViewError.negativeDimension(axis: 1, size: -2)) { try Layout.checkedCount([3, -2]) }
    #expect(throws: ViewError.sizeOverflow(shape: [Int.max, 2])) { try Layout.checkedCount([Int.max, 2]) }
    #expect(throws: ViewError.tooManyDimensions(65)) {
      try Layout.checkedCount(Dimensions(repeating: 1, count: 65))
    }
  }

  @Test func broadcastShapes() throws {
    #expect(try NDView.broadcastShape([2, 1], [3]) == [2, 3])
    #expect(try NDView.broadcastShape([], [4]) == [4])
    #expect(try NDView.broadcastShape([5, 1, 4], [3, 1]) == [5, 3, 4])
    #expect(try NDView.broadcastShape([0], [1]) == [0])
    #expect(throws: ViewError.notBroadcastable([2], [3])) { try NDView.broadcastShape([2], [3]) }
    #expect(throws: ViewError.notBroadcastable([0], [3])) { try NDView.broadcastShape([0], [3]) }
  }

  @Test func reshapeShapes() throws {
    #expect(try Layout.resolveShape([-1, 4], count: 12) == [3, 4])
    #expect(try Layout.resolveShape([2, -1, 2], count: 12) == [2, 3, 2])
    #expect(throws: ViewError.invalidReshape(shape: [0, -1])) { try Layout.resolveShape([0, -1], count: 0) }
    #expect(try Layout.resolveShape([0, 5], count: 0) == [0, 5])
    #expect(throws: ViewError.invalidReshape(shape: [-1, -1])) { try Layout.resolveShape([-1, -1], count: 4) }
    #expect(throws: ViewError.invalidReshape(shape: [-2, 2])) { try Layout.resolveShape([-2, 2], count: 4) }
    #expect(throws: ViewError.reshapeCountMismatch(count: 12, shape: [5, -1])) {
      try Layout.resolveShape([5, -1], count: 12)
    }
    #expect(throws: ViewError.reshapeCountMismatch(count: 12, shape: [5, 2])) {
      try Layout.resolveShape([5, 2], count: 12)
    }
    #expect(throws: ViewError.reshapeCountMismatch(count: 4, shape: [Int.max, 2])) {
      try Layout.resolveShape([Int.max, 2], count: 4)
    }
  }
}
