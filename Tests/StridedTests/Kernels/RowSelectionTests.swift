import ComplexModule
import Testing

@testable import Strided

/// Whole rows selected by a mask of the leading axes or by an index array
/// along the first axis (`x[mask]`, `x[rows]`, `take(axis: 0)`): rows of
/// every byte size move as one item, and must give what a row-by-row
/// reference gives, for every row count, row shape and element type.
@Suite("Row selection")
struct RowSelectionTests {
  static let trailingShapes: [[Int]] = [[1], [2], [3], [4], [5], [8], [2, 2], [3, 4], [0], [2, 3, 1]]

  /// The rows of `x` (C order, `rowLength` elements each) that `keep`
  /// keeps, written out element by element.
  static func rows<T>(_ elements: [T], rowLength: Int, _ keep: [Int]) -> [T] {
    keep.flatMap { r in elements[(r * rowLength)..<((r + 1) * rowLength)] }
  }

  func walk<T: NDElement & Equatable>(_: T.Type, _ make: (Int) -> T) {
    var rng = Generator(seed: 40)
    for trailing in Self.trailingShapes {
      let rowLength = trailing.reduce(1, *)
      for count in 0...40 {
        let shape = Dimensions([count] + trailing)
        let elements = (0..<(count * rowLength)).map(make)
        let x = NDArray<T>(elements, shape: shape)
        // Masks: random, all false, all true.
        for pattern in 0..<3 {
          let flags = (0..<count).map { _ in pattern == 0 ? rng.random() < 0.4 : pattern == 2 }
          let mask = NDArray<Bool>(flags)
          let kept = flags.indices.filter { flags[$0] }
          let selected = x[mask]
          #expect(Array(selected.shape) == [kept.count] + trailing, "\(T.self) \(shape) mask \(pattern)")
          #expect(selected.elements == Self.rows(elements, rowLength: rowLength, kept), "\(T.self) \(shape) mask \(pattern)")
        }
        // Index arrays, with repeats and negative indices.
        if count > 0 {
          let picks = (0..<(count % 7 + 3)).map { _ in Int(rng.next() % UInt64(2 * count)) - count }
          let resolved = picks.map { $0 < 0 ? $0 + count : $0 }
          let taken = x[NDArray<Int>(picks)]
          #expect(Array(taken.shape) == [picks.count] + trailing)
          #expect(taken.elements == Self.rows(elements, rowLength: rowLength, resolved), "\(T.self) \(shape) take")
          let takenAlong = try? x.take(NDArray<Int>(picks), axis: 0)
          #expect(takenAlong?.elements == Self.rows(elements, rowLength: rowLength, resolved))
        }
      }
    }
  }

  @Test func everyRowSizeAndElementType() {
    walk(UInt8.self) { UInt8(truncatingIfNeeded: $0 &* 7) }
    walk(Int16.self) { Int16(truncatingIfNeeded: $0 &* 31 - 500) }
    walk(Float.self) { Float($0) * 0.5 }
    walk(Double.self) { Double($0) - 0.25 }
    walk(Complex<Double>.self) { Complex(Double($0), -Double($0)) }
  }

  @Test("a mask of the two leading axes selects rows of the rest")
  func twoLeadingAxes() {
    let x = NDArray<Double>.arange(to: 24).reshaped(orTrap: [2, 3, 4])
    let mask: NDArray<Bool> = [[true, false, true], [false, true, false]]
    let selected = x[mask]
    #expect(Array(selected.shape) == [3, 4])
    let expected: [Double] = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19]
    #expect(selected.elements == expected)
  }

  @Test("rows of a strided source take the general path and agree")
  func stridedSource() {
    let x = NDArray<Double>.arange(to: 40).reshaped(orTrap: [10, 4])[.all, .slice(by: 2)]
    let mask = NDArray<Bool>((0..<10).map { $0 % 3 == 0 })
    #expect(x[mask].elements == [0, 2, 12, 14, 24, 26, 36, 38])
    #expect(x[NDArray<Int>([9, 0])].elements == [36, 38, 0, 2])
  }
}

extension NDArray {
  fileprivate func reshaped(orTrap shape: Dimensions) -> NDArray { try! reshaped(to: shape) }
}
