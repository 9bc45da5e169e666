import COpenBLAS
import PropertyBased
import Testing

@testable import Strided

/// The layout maths, checked on random layouts against plain references
/// that enumerate every element's byte offset (``ReferenceView``).
@Suite("Layout properties")
struct LayoutPropertyTests {
  /// The byte offset of every element of a layout, in C order.
  static func offsets(shape: [Int], strides: [Int], byteOffset: Int) -> [Int] {
    ReferenceView.indices(shape).map { index in
      byteOffset + zip(index, strides).reduce(0) { $0 + $1.0 * $1.1 }
    }
  }

  static let shapes = Gen.int(in: 0...4).array(of: 0...4)
  static let strides = Gen.int(in: -24...24).array(of: 4)

  @Test("a view can be made exactly when every byte it reaches is inside the storage")
  func reachBounds() async {
    await propertyCheck(
      count: 500, input: Self.shapes, Self.strides, Gen.int(in: -4...100), Gen.int(in: 1...9), Gen.int(in: 0...96)
    ) { shape, strideChoices, byteOffset, itemSize, storageCount in
      let strides = Array(strideChoices.prefix(shape.count))
      let offsets = Self.offsets(shape: shape, strides: strides, byteOffset: byteOffset)
      let inside =
        offsets.isEmpty
        ? byteOffset >= 0 && byteOffset <= storageCount
        : offsets.min()! >= 0 && offsets.max()! + itemSize <= storageCount
      let view = try? NDView(
        storage: ByteStorage(count: storageCount), format: "B", shape: Dimensions(shape),
        strides: Dimensions(strides), byteOffset: byteOffset, itemSize: itemSize)
      #expect((view != nil) == inside, "shape \(shape), strides \(strides), offset \(byteOffset), item \(itemSize)")
    }
  }

  @Test("contiguity follows CPython's rule: element k in order lies k items after the first")
  func contiguity() async {
    await propertyCheck(count: 500, input: Self.shapes, Gen.int(in: 0...5).array(of: 4), Gen.int(in: 1...8)) {
      shape, strideChoices, itemSize in
      // Strides near the contiguous ones, so both answers come up often.
      let c = Layout.cStrides(for: Dimensions(shape), itemSize: itemSize).array
      let f = Layout.fStrides(for: Dimensions(shape), itemSize: itemSize).array
      let strides = zip(strideChoices, zip(c, f)).map { choice, pair in
        switch choice {
        case 0, 1: pair.0
        case 2, 3: pair.1
        case 4: 0
        default: -pair.0
        }
      }
      let layout = Layout(shape: Dimensions(shape), strides: Dimensions(strides))
      let reference = ReferenceView(
        shape: shape, offsets: Self.offsets(shape: shape, strides: strides, byteOffset: 0), itemSize: itemSize,
        bytes: [])
      #expect(layout.isCContiguous(itemSize: itemSize) == reference.isContiguous(fortran: false), "\(shape) \(strides)")
      #expect(layout.isFContiguous(itemSize: itemSize) == reference.isContiguous(fortran: true), "\(shape) \(strides)")
    }
  }

  @Test("a reshape is a view exactly when some strides express it, and then reads the same elements")
  func reshapeAsView() async {
    await propertyCheck(
      count: 400, input: Gen.int(in: 1...4).array(of: 0...4), Gen.int(in: 0...8).array(of: 4),
      Gen.int(in: 0...3).map { [1, 2, -1, -2][$0] }.array(of: 4), Gen.int(in: 0...8).array(of: 0...3), Gen.int(in: 0...1)
    ) { shape, permutation, steps, choices, fortran in
      let source = ReshapePropertyTests.view(shape: shape, permutation: permutation, steps: steps)
      let target = ReshapePropertyTests.shape(for: source.count, choices: choices).array
      let order: MemoryOrder = fortran == 1 ? .fortran : .c
      // The reference: the source's element offsets, read in `order` and
      // placed in `order` under the new shape.
      let offsets = Self.offsets(shape: source.shape.array, strides: source.strides.array, byteOffset: source.byteOffset)
      let read = order == .fortran ? ReferenceView.fortranPositions(source.shape.array) : Array(offsets.indices)
      let place = order == .fortran ? ReferenceView.fortranPositions(target) : Array(offsets.indices)
      var placed = [Int](repeating: 0, count: offsets.count)
      for (k, p) in place.enumerated() { placed[p] = offsets[read[k]] }
      let reference = ReferenceView(shape: target, offsets: placed, itemSize: source.itemSize, bytes: [])
      let expressible = reference.strides() != nil
      let view = try? source.reshaped(to: Dimensions(target), order: order)
      #expect((view != nil) == expressible, "\(source) → \(target) in \(order)")
      if let view {
        #expect(Self.offsets(shape: target, strides: view.strides.array, byteOffset: view.byteOffset) == placed)
      }
    }
  }

  @Test("broadcasting follows NumPy's rule, and a broadcast view repeats the right elements")
  func broadcasting() async {
    await propertyCheck(count: 500, input: Gen.int(in: 0...3).array(of: 0...4), Gen.int(in: 0...3).array(of: 0...4)) {
      a, b in
      // The reference rule, axis by axis from the end.
      let rank = max(a.count, b.count)
      var expected: [Int]? = []
      for axis in 0..<rank {
        let x = axis < rank - a.count ? 1 : a[axis - (rank - a.count)]
        let y = axis < rank - b.count ? 1 : b[axis - (rank - b.count)]
        if x == y || y == 1 { expected?.append(x) } else if x == 1 { expected?.append(y) } else { expected = nil }
      }
      let shape = try? NDView.broadcastShape(Dimensions(a), Dimensions(b))
      #expect(shape?.array == expected, "\(a) with \(b)")
      guard let expected else { return }
      // Stretching `a` to the common shape reads element `index` from the
      // index with new axes dropped and stretched axes at 0.
      let source = aranged(Dimensions(a))
      let stretched = try! source.broadcast(to: Dimensions(expected))
      let values = try! doubles(source)
      let reference = ReferenceView.indices(expected).map { index -> Double in
        let own = zip(index.suffix(a.count), a).map { $1 == 1 ? 0 : $0 }
        var position = 0
        for (i, size) in zip(own, a) { position = position * size + i }
        return values[position]
      }
      #expect(try! doubles(stretched) == reference)
      #expect(stretched.isReadOnly)
    }
  }

  @Test("BLAS takes a matrix as it is exactly when it reads every element where the view has it")
  func blasOperandClassification() async {
    await propertyCheck(
      count: 500, input: Gen.int(in: 1...4), Gen.int(in: 1...4), Gen.int(in: -6...12), Gen.int(in: -6...12),
      Gen.int(in: 0...1)
    ) { rows, columns, rowItems, columnItems, column in
      // Only non-empty matrices: an empty product never reaches BLAS, and
      // every layout would "read" its no elements.
      let e = 8
      let (rs, cs) = (rowItems * e, columnItems * e)
      let offsets = Self.offsets(shape: [rows, columns], strides: [rs, cs], byteOffset: 0)
      let low = offsets.min() ?? 0
      let order = column == 1 ? CblasColMajor : CblasRowMajor
      guard
        let view = try? NDView(
          storage: ByteStorage(count: 1024), format: "d", shape: [rows, columns], strides: [rs, cs],
          byteOffset: 400 - low)
      else { return }
      // BLAS reads element (i, j) of a rows × columns matrix in `order`
      // at i * ld + j (row-major) or i + j * ld (column-major), with ld at
      // least the length of a stored line; `flipped` stores the transpose.
      func reads(flipped: Bool, ld: Int) -> Bool {
        let rowMajor = (order == CblasRowMajor) != flipped
        guard ld >= max(1, rowMajor ? columns : rows) else { return false }
        for (p, index) in ReferenceView.indices([rows, columns]).enumerated() {
          let (i, j) = (index[0], index[1])
          if offsets[p] != (rowMajor ? i * ld + j : i + j * ld) * e { return false }
        }
        return true
      }
      let candidates = [rs / e, cs / e, max(1, columns), max(1, rows)]
      let direct = candidates.first { reads(flipped: false, ld: $0) }
      let flipped = candidates.first { reads(flipped: true, ld: $0) }
      let classified = BLASOperand.matrix(view, order: order)
      if direct != nil {
        #expect(classified?.flipped == false, "\(rows)×\(columns) strides \(rs), \(cs)")
      } else if flipped != nil {
        #expect(classified?.flipped == true, "\(rows)×\(columns) strides \(rs), \(cs)")
      } else {
        #expect(classified == nil, "\(rows)×\(columns) strides \(rs), \(cs)")
      }
      if let classified {
        #expect(reads(flipped: classified.flipped, ld: Int(classified.ld)), "\(rows)×\(columns) strides \(rs), \(cs)")
      }
    }
  }
}
