import Foundation
import Testing

import Strided

@Suite("NDIndices and enumeratedElements: NumPy's ndindex and ndenumerate")
struct NDIndicesTests {
  /// Indices as the rows of an `n × rank` array, as the oracle returns them.
  static func rows(_ indices: [[Int]], rank: Int) -> NDArray<Int> {
    NDArray(indices.flatMap { $0 }, shape: [indices.count, rank])
  }

  @Test("against NumPy: every rank, 0-d, empty shapes, every layout and a broadcast view")
  func matchesNumPy() throws {
    var check = SetOracleCheck()
    let shapes: [[Int]] = [[], [1], [4], [2, 3], [3, 1, 2], [2, 0], [0], [0, 3], [2, 2, 2, 2], [1, 2, 1, 3, 2]]
    for (s, shape) in shapes.enumerated() {
      let indices = try Array(NDIndices(Dimensions(shape)))
      check.add("ndindex \(shape)", "ndindex", [NDArray<Int>](), result: Self.rows(indices, rank: shape.count),
                keywords: ["shape": shape])
      for layout in OperandLayout.allCases {
        let values = sampleValues(Double.self, count: shape.reduce(1, *), seed: s)
        let a = layout.make(values, shape: Dimensions(shape))
        let pairs = Array(a.enumeratedElements())
        check.add("ndenumerate indices \(shape) \(layout)", "ndenumerate_part", [a],
                  result: Self.rows(pairs.map { $0.index }, rank: shape.count), keywords: ["part": 0])
        check.add("ndenumerate elements \(shape) \(layout)", "ndenumerate_part", [a],
                  result: NDArray(pairs.map { $0.element }), keywords: ["part": 1])
      }
    }
    // Integers, and a view whose rows repeat (stride 0).
    let spread = try NDArray<Int64>([4, -5, 6]).broadcast(to: [2, 3])
    let pairs = Array(spread.enumeratedElements())
    check.add("ndenumerate broadcast indices", "ndenumerate_part", [spread], result: Self.rows(pairs.map { $0.index }, rank: 2),
              keywords: ["part": 0])
    check.add("ndenumerate broadcast elements", "ndenumerate_part", [spread], result: NDArray(pairs.map { $0.element }),
              keywords: ["part": 1])
    try check.verify()
  }

  @Test("by hand: C order, one empty index for 0-d, none for a zero size, lazy for huge shapes")
  func byHand() throws {
    #expect(try Array(NDIndices([2, 2])) == [[0, 0], [0, 1], [1, 0], [1, 1]])
    #expect(try Array(NDIndices([])) == [[]])
    #expect(try Array(NDIndices([3, 0, 2])).isEmpty)
    #expect(try NDIndices([3, 4]).underestimatedCount == 12)
    #expect(try NDIndices([Int.max, 4]).underestimatedCount == 0)
    #expect(try Array(NDIndices([1 << 40, 1 << 40]).prefix(3)) == [[0, 0], [0, 1], [0, 2]])
    // An index the caller keeps is its own: the next step does not change it.
    var iterator = try NDIndices([2, 3]).makeIterator()
    let first = iterator.next()
    let second = iterator.next()
    #expect(first == [0, 0] && second == [0, 1])
    let m: NDArray<Double> = [[1, 2], [3, 4]]
    let pairs = Array(m.transposed().enumeratedElements())
    #expect(pairs.map { $0.index } == [[0, 0], [0, 1], [1, 0], [1, 1]])
    #expect(pairs.map { $0.element } == [1, 3, 2, 4])
    let reversed = Array(NDArray<Int>([1, 2, 3])[.slice(by: -1)].enumeratedElements())
    #expect(reversed.map { $0.index } == [[0], [1], [2]] && reversed.map { $0.element } == [3, 2, 1])
    let scalar = Array(NDArray<Int>(scalar: 7).enumeratedElements())
    #expect(scalar.count == 1 && scalar.first?.index == [] && scalar.first?.element == 7)
    #expect(Array(NDArray<Int>.zeros([2, 0]).enumeratedElements()).isEmpty)
  }

  @Test("a negative size throws ShapeError, as NumPy raises ValueError")
  func negativeSizes() {
    #expect(throws: ShapeError.negativeDimension([2, -1])) { try NDIndices([2, -1]) }
    #expect(throws: ShapeError.negativeDimension([Int.min])) { try NDIndices([Int.min]) }
  }
}
