import ComplexModule
import Foundation
import Testing

import Strided

@Suite("Ufunc outer and reduceat against NumPy")
struct OuterTests {
  @Test("outer(_:_:) matches np.<ufunc>.outer for N-D operands of every layout")
  func outerMatchesNumPy() throws {
    var check = SetOracleCheck()
    let shapes: [([Int], [Int])] = [([3], [4]), ([2, 3], [4]), ([3], [2, 2]), ([], [3]), ([0], [3]), ([2, 0], [])]
    for (sa, sb) in shapes {
      for layout in OperandLayout.allCases {
        let a = layout.make(sampleValues(Double.self, count: sa.reduce(1, *), seed: 1), shape: Dimensions(sa))
        let b = OperandLayout.negative.make(sampleValues(Double.self, count: sb.reduce(1, *), seed: 2), shape: Dimensions(sb))
        let label = "\(sa) \(layout) \(sb)"
        check.add("\(label) add", "ufunc_outer", [a, b], result: a.outer(b, +), keywords: ["ufunc": "add"])
        check.add("\(label) subtract", "ufunc_outer", [a, b], result: a.outer(b, -), keywords: ["ufunc": "subtract"])
        check.add("\(label) multiply", "ufunc_outer", [a, b], result: a.outer(b, *), keywords: ["ufunc": "multiply"])
        check.add("\(label) less", "ufunc_outer", [a, b], result: a.outer(b, .<), keywords: ["ufunc": "less"])
        check.add("\(label) maximum", "ufunc_outer", [a, b], result: a.outer(b, maximum), keywords: ["ufunc": "maximum"])
      }
    }
    let i = NDArray<Int8>([100, -100, 7])
    check.add("int8 add wraps", "ufunc_outer", [i, i], result: i.outer(i, +), keywords: ["ufunc": "add"])
    try check.verify()
    #expect(NDArray<Int>([1, 2, 3]).outer(NDArray<Int>([10, 20]), +) == [[11, 21], [12, 22], [13, 23]])
  }

  @Test("addReduceAt matches np.add.reduceat bit for bit, on every axis and layout")
  func reduceAtMatchesNumPy() throws {
    var check = SetOracleCheck()
    var rng = Generator(seed: 5)
    let long = rng.standardNormal([300]) * 1000
    for indices in [[0, 37, 37, 40, 299], [5, 1, 200, 0], [0], [299], [], [0, 150]] {
      check.add("1-D \(indices)", "add_reduceat", [long], result: try long.addReduceAt(indices),
                keywords: ["indices": indices])
    }
    let m = rng.standardNormal([40, 6])
    for layout in OperandLayout.allCases {
      let a = layout.make(m.elements, shape: [40, 6])
      check.add("\(layout) axis 0", "add_reduceat", [a], result: try a.addReduceAt([0, 20, 5, 39], axis: 0),
                keywords: ["indices": [0, 20, 5, 39], "axis": 0])
      check.add("\(layout) axis 1", "add_reduceat", [a], result: try a.addReduceAt([0, 3, 3, 1], axis: -1),
                keywords: ["indices": [0, 3, 3, 1], "axis": -1])
    }
    let narrow = NDArray<Int8>([100, 100, -7, 3])
    check.add("int8 widens", "add_reduceat", [narrow], result: try narrow.addReduceAt([0, 2]), keywords: ["indices": [0, 2]])
    let bools = NDArray<Bool>([true, false, true, true])
    check.add("bool counts", "add_reduceat", [bools], result: try bools.addReduceAt([0, 1]), keywords: ["indices": [0, 1]])
    let z = NDArray<Complex<Double>>([Complex(1, 2), Complex(-1, 0.5), Complex(3, 3)])
    check.add("complex", "add_reduceat", [z], result: try z.addReduceAt([0, 2, 1]), keywords: ["indices": [0, 2, 1]])
    try check.verify()
    #expect(try NDArray<Int>.arange(to: 8).addReduceAt([0, 4, 1, 5, 2, 6, 3, 7]) == [6, 4, 10, 5, 14, 6, 18, 7])
  }

  @Test("addReduceAt throws IndexError as NumPy raises it")
  func reduceAtErrors() {
    let x = NDArray<Double>([1, 2, 3])
    #expect(throws: IndexError.outOfRange(index: 3, axis: 0, size: 3)) { try x.addReduceAt([0, 3]) }
    #expect(throws: IndexError.outOfRange(index: -1, axis: 0, size: 3)) { try x.addReduceAt([-1]) }
    #expect(throws: IndexError.outOfRange(index: Int.max, axis: 0, size: 3)) { try x.addReduceAt([.max]) }
    #expect(throws: IndexError.axisOutOfRange(axis: 1, rank: 1)) { try x.addReduceAt([0], axis: 1) }
    #expect(throws: IndexError.axisOutOfRange(axis: 0, rank: 0)) { try NDArray(scalar: 1.0).addReduceAt([0]) }
    #expect(throws: IndexError.outOfRange(index: 0, axis: 0, size: 0)) { try NDArray<Double>.zeros([0]).addReduceAt([0]) }
    #expect((try? NDArray<Double>.zeros([0]).addReduceAt([]))?.shape == [0])
  }
}
