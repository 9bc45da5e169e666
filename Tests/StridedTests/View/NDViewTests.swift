import Testing

@testable import Strided

/// A C-ordered view of `count` doubles 0, 1, 2, … in fresh storage.
func aranged(_ shape: Dimensions) -> NDView {
  let count = shape.product
  let storage = ByteStorage(copying: (0..<count).map(Double.init))
  return try! NDView(storage: storage, format: .float64, shape: shape)
}

func doubles(_ view: NDView) throws -> [Double] {
  try NDArray<Double>(view).elements
}

@Suite("NDView: making and checking views")
struct NDViewTests {
  @Test func defaultsAndDerivedProperties() throws {
    let view = try NDView(format: .float64, shape: [2, 3])
    #expect(view.strides == [24, 8])
    #expect(view.ndim == 2)
    #expect(view.count == 6)
    #expect(view.nbytes == 48)
    #expect(view.itemSize == 8)
    #expect(view.byteOffset == 0)
    #expect(view.isCContiguous && !view.isFContiguous && view.isContiguous)
    let fortran = try NDView(format: .int32, shape: [2, 3], order: .fortran)
    #expect(fortran.strides == [4, 8])
    #expect(fortran.isFContiguous && !fortran.isCContiguous)
    let scalar = try NDView(format: .int16, shape: [])
    #expect(scalar.count == 1 && scalar.ndim == 0 && scalar.nbytes == 2)
    #expect(scalar.isCContiguous && scalar.isFContiguous)
    #expect(view.description == "NDView(format: d, shape: [2, 3], strides: [24, 8], byteOffset: 0)")
  }

  @Test("contiguity follows CPython: axes of length 1 are ignored, empty views are contiguous")
  func contiguity() throws {
    let storage = ByteStorage(count: 64)
    let column = try NDView(storage: storage, format: .float64, shape: [4, 1], strides: [8, 999 * 8 % 64])
    #expect(column.isCContiguous && column.isFContiguous)
    let empty = try NDView(storage: storage, format: .float64, shape: [0, 3], strides: [-8, 1000])
    #expect(empty.isCContiguous && empty.isFContiguous)
    let gaps = try NDView(storage: storage, format: .float64, shape: [2, 2], strides: [32, 16])
    #expect(!gaps.isContiguous)
    let reversed = aranged([3]).flipped(axis: 0)
    #expect(!reversed.isContiguous)
  }

  @Test func alignment() throws {
    let storage = ByteStorage(count: 64)
    #expect(try NDView(storage: storage, format: .float64, shape: [4]).isAligned)
    #expect(try !NDView(storage: storage, format: .float64, shape: [4], byteOffset: 1).isAligned)
    #expect(try !NDView(storage: storage, format: .float64, shape: [3], strides: [12]).isAligned)
    // A stride on an axis of length 1 does not matter.
    #expect(try NDView(storage: storage, format: .float64, shape: [1, 2], strides: [3, 8]).isAligned)
    #expect(try NDView(storage: storage, format: .uint8, shape: [3], strides: [7], byteOffset: 1).isAligned)
  }

  @Test("every initializer validates before the view exists")
  func validation() throws {
    let storage = ByteStorage(count: 48)
    #expect(throws: ViewError.negativeDimension(axis: 1, size: -1)) {
      try NDView(storage: storage, format: .float64, shape: [2, -1])
    }
    #expect(throws: ViewError.sizeOverflow(shape: [Int.max, Int.max])) {
      try NDView(storage: storage, format: .float64, shape: [Int.max, Int.max], strides: [0, 0])
    }
    #expect(throws: ViewError.sizeOverflow(shape: [Int.max / 4])) {
      try NDView(format: .float64, shape: [Int.max / 4])
    }
    #expect(throws: ViewError.rankMismatch(shape: 2, strides: 1)) {
      try NDView(storage: storage, format: .float64, shape: [2, 3], strides: [8])
    }
    #expect(throws: ViewError.outOfBounds(low: 0, high: 56, storageCount: 48)) {
      try NDView(storage: storage, format: .float64, shape: [7])
    }
    // A negative stride reaches below the first element.
    #expect(throws: ViewError.outOfBounds(low: -8, high: 16, storageCount: 48)) {
      try NDView(storage: storage, format: .float64, shape: [3], strides: [-8], byteOffset: 8)
    }
    #expect(throws: ViewError.outOfBounds(low: -8, high: 0, storageCount: 48)) {
      try NDView(storage: storage, format: .float64, shape: [1], byteOffset: -8)
    }
    #expect(throws: ViewError.sizeOverflow(shape: [2])) {
      try NDView(storage: storage, format: .float64, shape: [2], strides: [Int.max])
    }
    #expect(throws: ViewError.invalidItemSize(4, formatSize: 8)) {
      try NDView(storage: storage, format: .float64, shape: [2], itemSize: 4)
    }
    #expect(throws: ViewError.tooManyDimensions(65)) {
      try NDView(storage: storage, format: .uint8, shape: Dimensions(repeating: 1, count: 65))
    }
    #expect(throws: ViewError.outOfBounds(low: 49, high: 49, storageCount: 48)) {
      try NDView(storage: storage, format: .float64, shape: [0], byteOffset: 49)
    }
    // Reaching exactly to the end, zero strides and negative strides are fine.
    let last = try NDView(storage: storage, format: .float64, shape: [3], strides: [-8], byteOffset: 40)
    #expect(try doubles(last).count == 3)
    let repeated = try NDView(storage: storage, format: .float64, shape: [1000], strides: [0], byteOffset: 40)
    #expect(repeated.count == 1000)
    let padded = try NDView(storage: storage, format: .float64, shape: [3], itemSize: 16)
    #expect(padded.strides == [16] && padded.itemSize == 16)
  }

  @Test func asStridedIsCheckedAgainstTheStorage() throws {
    let view = aranged([4, 4])
    let windows = try view.asStrided(shape: [3, 2], strides: [8, 8], byteOffset: 8)
    #expect(try doubles(windows) == [1, 2, 2, 3, 3, 4])
    #expect(throws: ViewError.outOfBounds(low: 0, high: 136, storageCount: 128)) {
      try view.asStrided(shape: [2], strides: [128])
    }
    #expect(throws: ViewError.rankMismatch(shape: 1, strides: 2)) {
      try view.asStrided(shape: [2], strides: [8, 8])
    }
  }

  @Test func indexingMixesEveryEntryKind() throws {
    let m = aranged([4, 5])
    #expect(try doubles(m[1, 2]) == [7])
    #expect(m[1, 2].ndim == 0)
    #expect(try doubles(m[-1]) == [15, 16, 17, 18, 19])
    #expect(try doubles(m[1..<3, 0]) == [5, 10])
    #expect(try doubles(m[...1, 4]) == [4, 9])
    #expect(try doubles(m[..<1, 3...]) == [3, 4])
    #expect(try doubles(m[2..., .all]) == [10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
    #expect(try doubles(m[0, .slice(by: -2)]) == [4, 2, 0])
    #expect(try doubles(m[.slice(from: 3, to: 0, by: -2), 0]) == [15, 5])
    #expect(try doubles(m[.slice(from: -2), .slice(from: 10)]) == [])
    #expect(m[.newAxis, .ellipsis, .newAxis].shape == [1, 4, 5, 1])
    #expect(m[.ellipsis, 0].shape == [4])
    #expect(try doubles(m[.ellipsis, 0]) == [0, 5, 10, 15])
    #expect(m[entries: [.at(1), .all]].shape == [5])
    #expect(m[...].shape == [4, 5])
    let five = aranged([2, 1, 2, 1, 2])
    #expect(try doubles(five[entries: [1, 0, .slice(by: -1), 0, 1]]) == [7, 5])
  }

  @Test("fixed-arity subscripts agree with the general path")
  func subscriptPathsAgree() throws {
    let v = aranged([3, 4, 2, 5])
    let entries: [NDIndex] = [
      .at(1), .at(-1), .all, .slice(by: -1), .slice(from: 1, to: -1, by: 2), .slice(from: 5, to: 0, by: -2),
      (0..<2).ndIndex, (1...).ndIndex, (..<1).ndIndex,
    ]
    for a in entries {
      #expect(try doubles(v[a]) == doubles(v[entries: [a]]))
      for b in entries {
        #expect(try doubles(v[a, b]) == doubles(v[entries: [a, b]]))
        for c in entries.prefix(5) {
          #expect(try doubles(v[a, b, c]) == doubles(v[entries: [a, b, c]]))
          for d in entries.prefix(4) {
            let fast = v[a, b, c, d]
            let general = v[entries: [a, b, c, d]]
            #expect(fast.shape == general.shape && fast.strides == general.strides)
            #expect(fast.byteOffset == general.byteOffset)
          }
        }
      }
    }
  }

  @Test func axisOperations() throws {
    let t = aranged([2, 3, 4])
    #expect(t.transposed().shape == [4, 3, 2])
    #expect(t.transposed().strides == [8, 32, 96])
    #expect(t.permuted([1, 0, 2]).strides == [32, 96, 8])
    #expect(t.permuted([-1, 0, 1]).shape == [4, 2, 3])
    #expect(t.swappingAxes(0, -1).shape == [4, 3, 2])
    #expect(t.movingAxis(from: 0, to: 2).shape == [3, 4, 2])
    #expect(t.movingAxis(from: -1, to: 0).strides == [8, 96, 32])
    #expect(try doubles(aranged([3]).flipped(axis: 0)) == [2, 1, 0])
    #expect(try doubles(aranged([2, 2]).flipped()) == [3, 2, 1, 0])
    #expect(aranged([0, 2]).flipped().count == 0)
  }

  @Test func shapeHelpers() throws {
    let v = aranged([3])
    let b = try v.broadcast(to: [2, 3])
    #expect(b.strides == [0, 8] && b.isReadOnly)
    #expect(try doubles(b) == [0, 1, 2, 0, 1, 2])
    #expect(throws: ViewError.notBroadcastable([3], [4])) { try v.broadcast(to: [4]) }
    #expect(throws: ViewError.notBroadcastable([3], [])) { try v.broadcast(to: []) }
    let s = aranged([1, 3, 1])
    #expect(s.squeezed().shape == [3])
    #expect(s.squeezed(axis: -1).shape == [1, 3])
    #expect(v.expandingDimensions(at: 0).shape == [1, 3])
    #expect(v.expandingDimensions(at: -1).shape == [3, 1])
    let m = aranged([3, 4])
    #expect(try doubles(m.diagonal()) == [0, 5, 10])
    #expect(try doubles(m.diagonal(offset: 1)) == [1, 6, 11])
    #expect(try doubles(m.diagonal(offset: -2)) == [8])
    #expect(m.diagonal(offset: 9).count == 0)
    #expect(try doubles(aranged([2, 2, 2]).diagonal(axis1: 1, axis2: 2)) == [0, 3, 4, 7])
    #expect(m.asReadOnly().isReadOnly && !m.isReadOnly)
  }

  @Test func reshapes() throws {
    let m = aranged([3, 4])
    #expect(try m.reshaped(to: [2, -1]).shape == [2, 6])
    #expect(throws: ViewError.reshapeRequiresCopy(shape: [3, 4], strides: [32, 8], newShape: [4, 3])) {
      try m.reshaped(to: [4, 3], order: .fortran)
    }
    // A strided but evenly chained view reshapes without a copy.
    let everyOther = m[.all, .slice(by: 2)]
    let flat = try everyOther.reshaped(to: [6])
    #expect(flat.strides == [16])
    #expect(try doubles(flat) == [0, 2, 4, 6, 8, 10])
    // The transpose cannot be flattened in C order without a copy.
    #expect(throws: ViewError.reshapeRequiresCopy(shape: [4, 3], strides: [8, 32], newShape: [12])) {
      try m.transposed().reshaped(to: [12])
    }
    // ...but it can in Fortran order, and an explicit copy always can.
    #expect(try doubles(m.transposed().reshaped(to: [12], order: .fortran)) == (0..<12).map(Double.init))
    let copied = try m.transposed().reshapedCopy(to: [12])
    #expect(try doubles(copied) == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
    #expect(throws: ViewError.reshapeCountMismatch(count: 12, shape: [5])) { try m.reshaped(to: [5]) }
  }

  @Test func viewsShareTheirBytes() throws {
    let m = aranged([2, 3])
    let t = try NDArray<Double>(m.transposed())
    t[item: 2, 1] = 99
    #expect(try doubles(m) == [0, 1, 2, 3, 4, 99])
  }
}

@Suite("NDView: programmer errors trap")
struct NDViewTrapTests {
  @Test func indexOutOfRange() async {
    await #expect(processExitsWith: .failure) { _ = aranged([2, 3])[0, 3] }
    await #expect(processExitsWith: .failure) { _ = aranged([2, 3])[-3] }
  }

  @Test func rangeOutOfBounds() async {
    await #expect(processExitsWith: .failure) { _ = aranged([4])[2..<6] }
    await #expect(processExitsWith: .failure) { _ = aranged([4])[(-1)...] }
  }

  @Test func tooManyIndices() async {
    await #expect(processExitsWith: .failure) { _ = aranged([4])[0, 0] }
  }

  @Test func twoEllipses() async {
    await #expect(processExitsWith: .failure) { _ = aranged([4, 4])[.ellipsis, .ellipsis] }
  }

  @Test func zeroStep() async {
    await #expect(processExitsWith: .failure) { _ = aranged([4])[.slice(by: 0)] }
  }

  @Test func badAxes() async {
    await #expect(processExitsWith: .failure) { _ = aranged([2, 2]).permuted([0, 0]) }
    await #expect(processExitsWith: .failure) { _ = aranged([2, 2]).swappingAxes(0, 2) }
    await #expect(processExitsWith: .failure) { _ = aranged([2, 2]).squeezed(axis: 0) }
    await #expect(processExitsWith: .failure) { _ = aranged([2]).diagonal() }
    await #expect(processExitsWith: .failure) { _ = aranged([2, 2]).flipped(axis: -3) }
  }
}
