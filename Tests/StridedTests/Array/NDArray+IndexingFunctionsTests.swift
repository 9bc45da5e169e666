import Foundation
import Testing

import Strided

extension IndexMode {
  /// NumPy's name for the mode.
  var numpyName: String {
    switch self {
    case .raise: "raise"
    case .wrap: "wrap"
    case .clip: "clip"
    }
  }
}

@Suite("Index functions: take and put with modes, unravelIndex, ravelMultiIndex, indices, diag")
struct IndexingFunctionsTests {
  // MARK: take and put

  @Test("take with each mode, as NumPy's")
  func takeModes() throws {
    let a: NDArray<Double> = [10, 20, 30]
    #expect(try a.take([-1, 3, 5], mode: .wrap).elements == [30, 10, 30])
    #expect(try a.take([-1, 3, 5], mode: .clip).elements == [10, 30, 30])
    #expect(try a.take([-1, 2], mode: .raise).elements == [30, 30])
    #expect(throws: IndexError.outOfRange(index: 3, axis: 0, size: 3)) { try a.take([-1, 3], mode: .raise) }
    // The extremes of Int: −2⁶³ mod 3 is 1, as is 2⁶³ − 1.
    #expect(try a.take(NDArray<Int>([.min, .max]), mode: .wrap).elements == [20, 20])
    #expect(try a.take(NDArray<Int>([.min, .max]), mode: .clip).elements == [10, 30])

    let m = try NDArray<Double>.arange(to: 6).reshaped(to: [2, 3])
    #expect(try m.take([-1, 7, 2], mode: .clip).elements == [0, 5, 2])
    #expect(try m.take([-1, 7, 2], mode: .wrap).elements == [5, 1, 2])
    let columns = try m.take([-1, 7, 2], axis: 1, mode: .wrap)
    #expect(columns.shape == [2, 3] && columns.elements == [2, 1, 2, 5, 4, 5])
    let rows = try m.take([-3, 4], axis: -2, mode: .clip)
    #expect(rows.shape == [2, 3] && rows.elements == [0, 1, 2, 3, 4, 5])
    // The indices' shape replaces the axis.
    let picked = try m.take([[0, 4], [-8, 9]] as NDArray<Int>, mode: .wrap)
    #expect(picked.shape == [2, 2] && picked.elements == [0, 4, 4, 3])
    // Through views: transposed, reversed, stepped indices.
    let t = m.transposed()  // [[0, 3], [1, 4], [2, 5]]
    #expect(try t.take([5, -4], axis: 0, mode: .clip).elements == [2, 5, 0, 3])
    let reversed = NDArray<Int>([9, -1, 4]).flipped()  // [4, -1, 9]
    #expect(try t.take(reversed, mode: .wrap).elements == [2, 5, 4])
    // A 0-d array is one element when flattened.
    #expect(try NDArray(scalar: 5.0).take([3, -2], mode: .wrap).elements == [5, 5])
    #expect(throws: IndexError.axisOutOfRange(axis: 0, rank: 0)) { try NDArray(scalar: 5.0).take([0], axis: 0, mode: .clip) }
    #expect(throws: IndexError.axisOutOfRange(axis: 2, rank: 2)) { try m.take([0], axis: 2, mode: .clip) }
  }

  @Test("take from an empty axis: no mode can bring an index into it")
  func takeFromEmpty() throws {
    let empty = NDArray<Double>.zeros([0, 3])
    #expect(throws: IndexError.emptyAxis(axis: 0)) { try empty.take([0], axis: 0, mode: .wrap) }
    #expect(throws: IndexError.emptyAxis(axis: 0)) { try empty.take([0], axis: 0, mode: .clip) }
    #expect(throws: IndexError.emptyAxis(axis: 0)) { try empty.take([1], mode: .clip) }
    #expect(throws: IndexError.outOfRange(index: 0, axis: 0, size: 0)) { try empty.take([0], axis: 0, mode: .raise) }
    #expect(try empty.take(NDArray<Int>([]), axis: 0, mode: .clip).shape == [0, 3])
    #expect(try empty.take([4, -1], axis: 1, mode: .wrap).shape == [0, 2])
    #expect(try NDArray<Double>([1, 2]).take(NDArray<Int>([]), mode: .wrap).shape == [0])
  }

  @Test("put with each mode, as NumPy's")
  func putModes() throws {
    let clipped = try NDArray<Double>.arange(to: 6).reshaped(to: [2, 3])
    try clipped.put([10, 20, 30], at: [-1, 9, 100], mode: .clip)
    #expect(clipped.elements == [10, 1, 2, 3, 4, 30])
    let wrapped = try NDArray<Double>.arange(to: 6).reshaped(to: [2, 3])
    try wrapped.put([10, 20, 30], at: [-1, 9, -100], mode: .wrap)
    #expect(wrapped.elements == [0, 1, 30, 20, 4, 10])
    // Values repeat; the last write wins.
    let cycled = NDArray<Int>.zeros([4])
    try cycled.put([7, 8], at: [0, 5, 6, 13], mode: .wrap)
    #expect(cycled.elements == [7, 8, 7, 0])
    // Positions are the C order of the view's own elements.
    let base = NDArray<Int>.zeros([2, 3])
    try base.transposed().put([1, 2], at: [1, 5], mode: .clip)  // (0, 1) and (2, 1) of the transpose
    #expect(base.elements == [0, 0, 0, 1, 0, 2])
    let scalar = NDArray<Double>(scalar: 0)
    try scalar.put([3], at: [5], mode: .clip)
    #expect(scalar[] == 3)
    // Errors: nothing is written.
    let target = NDArray<Double>.zeros([3])
    #expect(throws: IndexError.readOnly) { try target.asReadOnly().put([1], at: [0], mode: .wrap) }
    #expect(throws: IndexError.emptyAxis(axis: 0)) { try NDArray<Double>.zeros([0]).put([1], at: [0], mode: .wrap) }
    try NDArray<Double>.zeros([0]).put([1], at: NDArray<Int>([]), mode: .clip)
    #expect(throws: IndexError.outOfRange(index: 3, axis: 0, size: 3)) { try target.put([1, 2], at: [0, 3], mode: .raise) }
    #expect(target.elements == [0, 0, 0])
  }

  // MARK: unravelIndex and ravelMultiIndex

  @Test("unravelIndex: NumPy's examples, both orders, any layout, 0-d and empty")
  func unravel() throws {
    let parts = try NDArray<Int>.unravelIndex([22, 41, 37], shape: [7, 6])
    #expect(parts.count == 2 && parts[0].elements == [3, 6, 6] && parts[1].elements == [4, 5, 1])
    let fortran = try NDArray<Int>.unravelIndex([31, 41, 13], shape: [7, 6], order: .fortran)
    #expect(fortran[0].elements == [3, 6, 6] && fortran[1].elements == [4, 5, 1])
    let one = try NDArray<Int>.unravelIndex(NDArray(scalar: 1621), shape: [6, 7, 8, 9])
    #expect(one.map { $0[] } == [3, 1, 4, 1] && one.allSatisfy { $0.shape == [] })
    let grid = ([[1, 2], [3, 4]] as NDArray<Int>).transposed()  // [[1, 3], [2, 4]]
    let split = try NDArray<Int>.unravelIndex(grid, shape: [2, 3])
    #expect(split[0].shape == [2, 2] && split[0].elements == [0, 1, 0, 1] && split[1].elements == [1, 0, 2, 1])
    let empty = try NDArray<Int>.unravelIndex(NDArray<Int>([]), shape: [0])
    #expect(empty.count == 1 && empty[0].shape == [0])
    #expect(try NDArray<Int>.unravelIndex(NDArray(scalar: 0), shape: []).isEmpty)
    // The largest index of a shape whose count is near Int's limit.
    let big = try NDArray<Int>.unravelIndex(NDArray<Int>([(1 << 62) - 1]), shape: [1 << 31, 1 << 31])
    #expect(big[0].elements == [(1 << 31) - 1] && big[1].elements == [(1 << 31) - 1])
  }

  @Test("unravelIndex errors: indices outside the array, negative and overflowing shapes")
  func unravelErrors() {
    #expect(throws: IndexError.outOfRange(index: -1, axis: 0, size: 6)) { try NDArray<Int>.unravelIndex([5, -1], shape: [2, 3]) }
    #expect(throws: IndexError.outOfRange(index: 6, axis: 0, size: 6)) { try NDArray<Int>.unravelIndex([6], shape: [2, 3]) }
    #expect(throws: IndexError.outOfRange(index: 1, axis: 0, size: 1)) { try NDArray<Int>.unravelIndex([1], shape: []) }
    #expect(throws: IndexError.outOfRange(index: 0, axis: 0, size: 0)) { try NDArray<Int>.unravelIndex([0], shape: [0]) }
    #expect(throws: IndexError.outOfRange(index: .min, axis: 0, size: 4)) { try NDArray<Int>.unravelIndex(NDArray<Int>([.min]), shape: [4]) }
    #expect(throws: IndexError.self) { try NDArray<Int>.unravelIndex([0], shape: [2, -3]) }
    #expect(throws: IndexError.sizeOverflow(operation: "unravelIndex")) {
      try NDArray<Int>.unravelIndex([0], shape: [1 << 32, 1 << 32])
    }
  }

  @Test("ravelMultiIndex: NumPy's examples, modes, orders, broadcasting")
  func ravel() throws {
    let rows: NDArray<Int> = [3, 6, 6]
    let columns: NDArray<Int> = [4, 5, 1]
    #expect(try NDArray<Int>.ravelMultiIndex([rows, columns], shape: [7, 6]).elements == [22, 41, 37])
    #expect(try NDArray<Int>.ravelMultiIndex([rows, columns], shape: [7, 6], order: .fortran).elements == [31, 41, 13])
    #expect(try NDArray<Int>.ravelMultiIndex([rows, columns], shape: [4, 6], mode: .clip).elements == [22, 23, 19])
    #expect(try NDArray<Int>.ravelMultiIndex([rows, columns], shape: [4, 6], mode: .wrap).elements == [22, 17, 13])
    #expect(try NDArray<Int>.ravelMultiIndex([[3, 1, 4, 1]], shape: [6]).elements == [3, 1, 4, 1])
    #expect(try NDArray<Int>.ravelMultiIndex([NDArray(scalar: 3), NDArray(scalar: 1), NDArray(scalar: 4), NDArray(scalar: 1)],
                                              shape: [6, 7, 8, 9])[] == 1621)
    // Negative indices: only wrap and clip accept them.
    #expect(try NDArray<Int>.ravelMultiIndex([[0], [-4]], shape: [2, 3], mode: .wrap).elements == [2])
    #expect(try NDArray<Int>.ravelMultiIndex([[1, -1], [2, 5]], shape: [2, 3], mode: .clip).elements == [5, 2])
    // The index arrays broadcast together; views are read as they are.
    let pair = try NDArray<Int>.ravelMultiIndex([[0, 1], [1]], shape: [2, 3])
    #expect(pair.shape == [2] && pair.elements == [1, 4])
    let columnVector = try NDArray<Int>([0, 1]).reshaped(to: [2, 1])
    let table = try NDArray<Int>.ravelMultiIndex([columnVector, NDArray<Int>([2, 1, 0]).flipped()], shape: [2, 3])
    #expect(table.shape == [2, 3] && table.elements == [0, 1, 2, 3, 4, 5])
    // No axes: one 0-d index, 0.
    let none = try NDArray<Int>.ravelMultiIndex([], shape: [])
    #expect(none.shape == [] && none[] == 0)
    #expect(try NDArray<Int>.ravelMultiIndex([NDArray<Int>([]), NDArray<Int>([])], shape: [0, 3]).shape == [0])
  }

  @Test("ravelMultiIndex errors")
  func ravelErrors() {
    #expect(throws: IndexError.outOfRange(index: -1, axis: 0, size: 2)) {
      try NDArray<Int>.ravelMultiIndex([[1, -1], [2, 1]], shape: [2, 3])
    }
    #expect(throws: IndexError.outOfRange(index: 5, axis: 1, size: 3)) {
      try NDArray<Int>.ravelMultiIndex([[1, 0], [2, 5]], shape: [2, 3])
    }
    #expect(throws: IndexError.self) { try NDArray<Int>.ravelMultiIndex([[0]], shape: [2, 3]) }
    #expect(throws: IndexError.self) { try NDArray<Int>.ravelMultiIndex([[0], [0]], shape: [2, -3]) }
    #expect(throws: IndexError.emptyAxis(axis: 0)) { try NDArray<Int>.ravelMultiIndex([[0], [0]], shape: [0, 3], mode: .clip) }
    #expect(throws: IndexError.sizeOverflow(operation: "ravelMultiIndex")) {
      try NDArray<Int>.ravelMultiIndex([[0], [1]], shape: [1 << 40, 1 << 40])
    }
    #expect(throws: IndexError.indicesNotBroadcastable([[2], [3]])) {
      try NDArray<Int>.ravelMultiIndex([[0, 1], [0, 1, 2]], shape: [2, 3])
    }
  }

  @Test("unravelIndex and ravelMultiIndex are inverses, in both orders, for random shapes")
  func roundTrips() throws {
    var rng = Generator(seed: 51)
    for round in 0..<200 {
      let rank = rng.integers(in: 1...5)
      let shape = Dimensions((0..<rank).map { _ in rng.integers(in: 1...7) })
      let total = shape.product
      let length = rng.integers(in: 0...30)
      let flat = try rng.integers(in: 0..<total, shape: [length])
      let order: MemoryOrder = round % 2 == 0 ? .c : .fortran
      let parts = try NDArray<Int>.unravelIndex(flat, shape: shape, order: order)
      #expect(parts.count == rank)
      for (axis, part) in parts.enumerated() {
        #expect(part.elements.allSatisfy { $0 >= 0 && $0 < shape[axis] }, "round \(round)")
      }
      #expect(try NDArray<Int>.ravelMultiIndex(parts, shape: shape, order: order).elements == flat.elements, "round \(round)")
      // Wrapped and clipped coordinates against a plain reference.
      let shifted = parts.enumerated().map { axis, part -> NDArray<Int> in
        let shift = (axis % 2 == 0 ? 3 : -2) * shape[axis] + axis
        return part.mapElements { $0 + shift }
      }
      let wrapped = try NDArray<Int>.ravelMultiIndex(shifted, shape: shape, mode: .wrap, order: order)
      let clipped = try NDArray<Int>.ravelMultiIndex(shifted, shape: shape, mode: .clip, order: order)
      let steps: [Int] = order == .c
        ? (0..<rank).map { shape[($0 + 1)...].reduce(1, *) } : (0..<rank).map { shape[..<$0].reduce(1, *) }
      for i in 0..<flat.count {
        var w = 0
        var c = 0
        for axis in 0..<rank {
          let j = shifted[axis][item: i]
          let size = shape[axis]
          w += (((j % size) + size) % size) * steps[axis]
          c += Swift.min(Swift.max(j, 0), size - 1) * steps[axis]
        }
        #expect(wrapped[item: i] == w && clipped[item: i] == c, "round \(round), element \(i)")
      }
    }
  }

  // MARK: indices and diag

  @Test("indices(shape:): NumPy's grid")
  func indexGrid() throws {
    let grid = try NDArray<Int>.indices(shape: [2, 3])
    #expect(grid.shape == [2, 2, 3])
    #expect(grid.elements == [0, 0, 0, 1, 1, 1, 0, 1, 2, 0, 1, 2])
    #expect(grid.isCContiguous)
    let cube = try NDArray<Int>.indices(shape: [2, 1, 3])
    #expect(cube[entries: [.at(2)]].elements == [0, 1, 2, 0, 1, 2])
    #expect(try NDArray<Int>.indices(shape: [4]).elements == [0, 1, 2, 3])
    #expect(try NDArray<Int>.indices(shape: []).shape == [0])
    #expect(try NDArray<Int>.indices(shape: [2, 0]).shape == [2, 2, 0])
    #expect(throws: ShapeError.negativeDimension([2, -1])) { try NDArray<Int>.indices(shape: [2, -1]) }
    #expect(throws: ShapeError.sizeOverflow(operation: "indices")) { try NDArray<Int>.indices(shape: [1 << 40, 1 << 40]) }
  }

  @Test("diag builds a matrix from a vector and copies a diagonal out of a matrix")
  func diagonalMatrices() throws {
    let v: NDArray<Int> = [1, 2]
    let below = try NDArray.diag(v, offset: -1)
    #expect(below.shape == [3, 3] && below.elements == [0, 0, 0, 1, 0, 0, 0, 2, 0])
    #expect(try NDArray.diag(v).elements == [1, 0, 0, 2])
    #expect(try NDArray.diag(v, offset: 2).elements == [0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0])
    #expect(try NDArray.diag(NDArray<Int>([])).shape == [0, 0])
    #expect(try NDArray.diag(NDArray<Int>([]), offset: -2).elements == [0, 0, 0, 0])
    #expect(try NDArray.diag(NDArray<Bool>([true, true])).elements == [true, false, false, true])
    // A reversed, stepped vector.
    let stepped = NDArray<Double>([1, 9, 2, 9, 3])[.slice(by: -2)]  // [3, 2, 1]
    #expect(try NDArray.diag(stepped, offset: 1).elements == [0, 3, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0])

    let m = try NDArray<Int>.arange(to: 12).reshaped(to: [3, 4])
    #expect(try NDArray.diag(m).elements == [0, 5, 10])
    #expect(try NDArray.diag(m, offset: 1).elements == [1, 6, 11])
    #expect(try NDArray.diag(m, offset: -2).elements == [8])
    #expect(try NDArray.diag(m, offset: 4).shape == [0])
    #expect(try NDArray.diag(m, offset: .min).shape == [0])
    #expect(try NDArray.diag(m.transposed(), offset: -1).elements == [1, 6, 11])
    // The copy is new storage.
    let copied = try NDArray.diag(m)
    copied[item: 0] = 100
    #expect(m[item: 0, 0] == 0)
    // Sizes that cannot be had throw.
    #expect(throws: ShapeError.sizeOverflow(operation: "diag")) { try NDArray.diag(v, offset: .max) }
    #expect(throws: ShapeError.sizeOverflow(operation: "diag")) { try NDArray.diag(v, offset: .min) }
    #expect(throws: ShapeError.sizeOverflow(operation: "diag")) { try NDArray.diag(v, offset: 1 << 33) }
  }

  @Test("diag traps for input that is not 1-D or 2-D")
  func diagRank() async {
    await #expect(processExitsWith: .failure) {
      _ = try? NDArray.diag(NDArray<Double>.zeros([2, 2, 2]))
    }
    await #expect(processExitsWith: .failure) {
      _ = try? NDArray.diag(NDArray<Double>(scalar: 1))
    }
  }

  // MARK: Against NumPy

  @Test("take, put, unravelIndex, ravelMultiIndex, indices and diag against NumPy")
  func matchesNumPy() throws {
    var check = SetOracleCheck()
    var rng = Generator(seed: 52)
    let modes: [IndexMode] = [.raise, .wrap, .clip]
    for round in 0..<150 {
      let layout = OperandLayout.allCases[round % OperandLayout.allCases.count]
      let shapes: [Dimensions] = [[3, 4], [5], [2, 3, 2], [1, 6]]
      let shape = shapes[round % 4]
      let doubles = layout.make(sampleValues(Double.self, count: shape.product, seed: round), shape: shape)
      let bytes = layout.make(sampleValues(Int8.self, count: shape.product, seed: round), shape: shape)
      let mode = modes[round % 3]
      let axis: Int? = round % 5 == 0 ? nil : rng.integers(in: -shape.count...(shape.count - 1))
      let size = axis.map { shape[$0 < 0 ? $0 + shape.count : $0] } ?? shape.product
      let spread = mode == .raise ? size : 3 * size
      let count = rng.integers(in: 0...8)
      let indexShape: Dimensions = count % 2 == 0 && count > 0 ? [2, count / 2] : [count]
      let indices = NDArray(
        (0..<count).map { _ in rng.integers(in: -spread...(spread - 1)) }, shape: indexShape)
      var keywords: [String: Any] = ["indices": indices.elements, "ishape": indices.shape.array, "mode": mode.numpyName]
      if let axis { keywords["axis"] = axis }
      let label = "round \(round): \(shape) \(layout) axis \(String(describing: axis)) \(mode)"
      check.add("\(label) take", "take", [doubles], result: try doubles.take(indices, axis: axis, mode: mode),
                keywords: keywords)
      check.add("\(label) take int8", "take", [bytes], result: try bytes.take(indices, axis: axis, mode: mode),
                keywords: keywords)

      // put: flat positions, values cycled.
      let bound = mode == .raise ? shape.product : 3 * shape.product
      let positions = NDArray((0..<count).map { _ in rng.integers(in: -bound...(bound - 1)) })
      if count > 0 {
        let values = NDArray((0..<rng.integers(in: 1...4)).map { _ in Double(rng.integers(in: -50...50)) })
        let before = doubles.copy()
        let target = layout.make(before.elements, shape: shape)
        try target.put(values, at: positions, mode: mode)
        check.add("\(label) put", "put", [before, values], result: target,
                  keywords: ["indices": positions.elements, "mode": mode.numpyName])
      }

      // unravel and ravel.
      let dims = Dimensions((0..<rng.integers(in: 1...4)).map { _ in rng.integers(in: 1...5) })
      let flat = layout.make((0..<6).map { _ in rng.integers(in: 0...(dims.product - 1)) }, shape: [2, 3])
      let order: MemoryOrder = round % 2 == 0 ? .c : .fortran
      let orderName = order == .c ? "C" : "F"
      let parts = try NDArray<Int>.unravelIndex(flat, shape: dims, order: order)
      for (part, array) in parts.enumerated() {
        check.add("\(label) unravel \(dims) part \(part)", "unravel_index_part", [flat], result: array,
                  keywords: ["shape": dims.array, "part": part, "order": orderName])
      }
      var coordinates = parts
      if mode != .raise {
        for axis in 0..<dims.count {
          // Off the axis by whole turns and a little, both ways.
          let turns: Int = (axis % 2 == 0 ? 1 : -1) * rng.integers(in: 0...2)
          let shift = turns * dims[axis] + axis
          coordinates[axis] = parts[axis].mapElements { $0 + shift }
        }
      }
      check.add("\(label) ravel \(dims)", "ravel_multi_index", coordinates,
                result: try NDArray<Int>.ravelMultiIndex(coordinates, shape: dims, mode: mode, order: order),
                keywords: ["shape": dims.array, "mode": mode.numpyName, "order": orderName])

      // indices and diag.
      check.add("\(label) indices \(dims)", "indices", [] as [NDArray<Int>], result: try NDArray<Int>.indices(shape: dims),
                keywords: ["shape": dims.array])
      let offset = rng.integers(in: -4...4)
      let vector = layout.make(sampleValues(Double.self, count: round % 6, seed: round), shape: [round % 6])
      check.add("\(label) diag 1-D \(offset)", "diag", [vector], result: try NDArray.diag(vector, offset: offset),
                keywords: ["k": offset])
      if shape.count == 2 {
        check.add("\(label) diag 2-D \(offset)", "diag", [doubles], result: try NDArray.diag(doubles, offset: offset),
                  keywords: ["k": offset])
      }
    }
    try check.verify()
  }
}
