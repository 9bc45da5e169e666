import Testing

@testable import Strided

/// The bytes of each element of `view`, read one at a time in logical order
/// through the view's offset arithmetic: the reference the kernel must match.
func referenceBytes(_ view: NDView) -> [UInt8] {
  let all = view.storage.withUnsafeBytes { Array($0) }
  var result: [UInt8] = []
  var index = Dimensions(repeating: 0, count: view.ndim)
  guard view.count > 0 else { return [] }
  while true {
    let start = view.byteOffset + view.layout.offset(of: index)
    result += all[start..<(start + view.itemSize)]
    var axis = view.ndim - 1
    while axis >= 0 {
      index[axis] += 1
      if index[axis] < view.shape[axis] { break }
      index[axis] = 0
      axis -= 1
    }
    if axis < 0 { break }
  }
  return result
}

/// Storage holding distinct bytes 0, 1, 2, … (mod 251).
func patterned(_ count: Int) -> ByteStorage {
  ByteStorage(copying: (0..<count).map { UInt8($0 % 251) })
}

@Suite("The strided copy kernel")
struct StridedCopyTests {
  static let itemSizes = [1, 2, 3, 4, 8, 12, 16, 24]

  /// A random view of `itemSize`-byte items over fresh patterned storage:
  /// sliced with steps, flipped, transposed or broadcast.
  static func randomView(_ rng: inout Xoshiro, itemSize: Int) -> NDView {
    let rank = Int.random(in: 0...4, using: &rng)
    var shape = Dimensions()
    for _ in 0..<rank { shape.append(Int.random(in: 0...5, using: &rng)) }
    let count = shape.product
    let format = try! Format(parsing: "\(itemSize)x")
    var view = try! NDView(
      storage: patterned(max(count, 1) * itemSize * 3), format: format, shape: shape,
      strides: Layout.cStrides(for: shape, itemSize: itemSize * 3), readOnly: false)
    if rank > 0 {
      for _ in 0..<Int.random(in: 0...3, using: &rng) {
        switch Int.random(in: 0...3, using: &rng) {
        case 0: view = view.transposed()
        case 1: view = view.flipped(axis: Int.random(in: 0..<rank, using: &rng))
        case 2:
          let axis = Int.random(in: 0..<rank, using: &rng)
          var entries = [NDIndex](repeating: .all, count: rank)
          entries[axis] = .slice(by: [-2, -1, 2, 3].randomElement(using: &rng)!)
          view = view[entries: entries]
        default:
          let axis = Int.random(in: 0..<rank, using: &rng)
          if view.shape[axis] == 1 {
            var target = view.shape
            target[axis] = 3
            view = try! view.broadcast(to: target)
          }
        }
      }
    }
    return view
  }

  @Test("copies of random layouts match element-by-element reads", arguments: itemSizes)
  func randomLayouts(_ itemSize: Int) {
    var rng = Xoshiro(seed: UInt64(itemSize) &* 7919)
    for _ in 0..<150 {
      let source = Self.randomView(&rng, itemSize: itemSize)
      let expected = referenceBytes(source)
      #expect(source.copy(order: .c).bytes() == expected)
      #expect(source.bytes(order: .c) == expected)
      let fortran = source.copy(order: .fortran)
      #expect(fortran.isFContiguous)
      #expect(referenceBytes(fortran) == expected)
      // Into a strided destination: every other element of a bigger buffer, reversed.
      let target = try! NDView(
        storage: ByteStorage(count: max(source.count, 1) * itemSize * 2), format: source.format,
        shape: [source.count * 2]
      )[.slice(by: -2)].reshaped(to: source.shape)
      try! source.copy(into: target)
      #expect(referenceBytes(target) == expected)
    }
  }

  @Test("transposes large enough to tile", arguments: [(8, 37, 41), (8, 64, 64), (4, 33, 70), (16, 20, 17), (3, 18, 19), (1, 40, 23)])
  func tiledTransposes(_ itemSize: Int, _ rows: Int, _ columns: Int) throws {
    let format = try Format(parsing: "\(itemSize)x")
    let source = try NDView(storage: patterned(rows * columns * itemSize), format: format, shape: [rows, columns])
    for view in [source.transposed(), source.transposed()[.slice(by: -1), .all], source[.slice(by: 2), .all].transposed()] {
      #expect(view.copy().bytes() == referenceBytes(view))
    }
  }

  @Test("overlapping copies give the answer a separate source would")
  func overlap() throws {
    let v = aranged([10])
    try v[1...].copy(into: v[..<9])
    #expect(try doubles(v) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 9])
    let w = aranged([10])
    try w[..<9].copy(into: w[1...])
    #expect(try doubles(w) == [0, 0, 1, 2, 3, 4, 5, 6, 7, 8])
    let m = aranged([3, 3])
    try m.transposed().copy(into: m)
    #expect(try doubles(m) == [0, 3, 6, 1, 4, 7, 2, 5, 8])
    let r = aranged([5])
    try r.flipped(axis: 0).copy(into: r)
    #expect(try doubles(r) == [4, 3, 2, 1, 0])
    // The same elements: nothing to do.
    try r.copy(into: r)
    #expect(try doubles(r) == [4, 3, 2, 1, 0])
  }

  @Test func copyIntoBroadcastsAndChecks() throws {
    let row = aranged([3])
    let m = aranged([2, 3])
    try row.copy(into: m)
    #expect(try doubles(m) == [0, 1, 2, 0, 1, 2])
    #expect(throws: ViewError.notBroadcastable([2, 3], [3])) { try m.copy(into: row) }
    let ints = try NDView(format: .int64, shape: [3])
    #expect(throws: ViewError.formatMismatch(source: "d", destination: "q")) { try row.copy(into: ints) }
  }

  @Test func copyIntoReadOnlyTraps() async {
    await #expect(processExitsWith: .failure) {
      try? aranged([3]).copy(into: aranged([3]).asReadOnly())
    }
  }

  @Test func emptyAndZeroDimensional() throws {
    let empty = aranged([0, 4])
    #expect(empty.copy().count == 0)
    #expect(empty.bytes(order: .fortran) == [])
    let scalar = aranged([3])[2]
    #expect(try doubles(scalar.copy()) == [2])
    #expect(scalar.bytes() == [UInt8](unsafeUninitializedCapacity: 8) { b, n in
      withUnsafeBytes(of: 2.0) { for i in 0..<8 { b[i] = $0[i] } }
      n = 8
    })
  }

  @Test func byteSwappingCopies() throws {
    let values: [UInt32] = [0x0102_0304, 0xA0B0_C0D0]
    let big = try NDView(storage: ByteStorage(copying: values.map(\.bigEndian)), format: ">I", shape: [2])
    #expect(throws: ViewError.self) { try NDArray<UInt32>(big) }
    let native = big.nativeByteOrderCopy()
    #expect(native.format == .uint32)
    #expect(try NDArray<UInt32>(native).elements == values)
    let complex = try NDView(
      storage: ByteStorage(copying: [1.5, -2.0].map { $0.bitPattern.bigEndian }), format: ">Zd", shape: [])
    let z = try NDArray<Double>(complex.nativeByteOrderCopy().reshaped(to: [1]).reinterpreted(as: .float64))
    #expect(z.elements == [1.5, -2.0])
  }

  @Test("copying a view keeps its format and padded item size")
  func paddedItems() throws {
    let padded = try NDView(storage: patterned(48), format: .float64, shape: [3], itemSize: 16)
    let copy = padded.copy()
    #expect(copy.itemSize == 16 && copy.format == .float64)
    #expect(copy.bytes() == referenceBytes(padded))
  }
}

/// A small seeded generator, so failures reproduce.
struct Xoshiro: RandomNumberGenerator {
  var state: (UInt64, UInt64, UInt64, UInt64)

  init(seed: UInt64) {
    var s = seed
    func next() -> UInt64 {
      s &+= 0x9E37_79B9_7F4A_7C15
      var z = s
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    state = (next(), next(), next(), next())
  }

  mutating func next() -> UInt64 {
    let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = state.3 << 45 | state.3 >> 19
    return result
  }
}
