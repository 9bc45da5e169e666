import ComplexModule
import Foundation
import Testing

import Strided

@Suite("tensordot and slogdet against NumPy")
struct TensordotTests {
  @Test("tensordot matches NumPy for counts, axis lists and layouts")
  func tensordotMatchesNumPy() throws {
    var check = OracleCheck<Double>(tolerance: 1e-13)
    let a = OperandLayout.negative.make(sampleValues(Double.self, count: 60, seed: 1, specials: false), shape: [3, 4, 5])
    let b = OperandLayout.transposed.make(sampleValues(Double.self, count: 24, seed: 2, specials: false), shape: [4, 3, 2])
    check.add("lists", "tensordot", [a, b], result: try a.tensordot(b, axes: ([1, 0], [0, 1])),
              keywords: ["axes": [[1, 0], [0, 1]]])
    check.add("negative axes", "tensordot", [a, b], result: try a.tensordot(b, axes: ([-2], [0])),
              keywords: ["axes": [[-2], [0]]])
    let m = OperandLayout.fortran.make(sampleValues(Double.self, count: 12, seed: 3, specials: false), shape: [3, 4])
    let n = OperandLayout.stepped.make(sampleValues(Double.self, count: 20, seed: 4, specials: false), shape: [4, 5])
    for count in [0, 1, -1] {
      check.add("count \(count)", "tensordot", [m, n], result: try m.tensordot(n, axes: count), keywords: ["axes": count])
    }
    check.add("full", "tensordot", [a, a], result: try a.tensordot(a, axes: 3), keywords: ["axes": 3])
    let scalar = NDArray(scalar: 2.5)
    check.add("0-d", "tensordot", [scalar, scalar], result: try scalar.tensordot(scalar, axes: 0), keywords: ["axes": 0])
    let empty = NDArray<Double>.zeros([3, 0])
    check.add("empty sum", "tensordot", [empty, empty], result: try empty.tensordot(empty, axes: ([1], [1])),
              keywords: ["axes": [[1], [1]]])
    try check.verify()
    var ints = OracleCheck<Int>()
    let i = NDArray<Int>([1, 2, 3, 4, 5, 6], shape: [2, 3])
    ints.add("int", "tensordot", [i, i], result: try i.tensordot(i, axes: ([1], [1])), keywords: ["axes": [[1], [1]]])
    try ints.verify()
  }

  @Test("tensordot errors")
  func tensordotErrors() {
    let a = NDArray<Double>.zeros([2, 3]), b = NDArray<Double>.zeros([3, 4])
    #expect(throws: LinalgError.invalidAxes(operation: "tensordot", axes: [-3, -2, -1], rank: 2)) {
      try a.tensordot(b, axes: 3)
    }
    #expect(throws: LinalgError.invalidAxes(operation: "tensordot", axes: [0, 0], rank: 2)) {
      try a.tensordot(b, axes: ([0, 0], [0, 1]))
    }
    #expect(throws: LinalgError.shapeMismatch(operation: "tensordot", shapes: [[2, 3], [3, 4]])) {
      try a.tensordot(b, axes: ([0], [0]))
    }
    #expect(throws: LinalgError.shapeMismatch(operation: "tensordot", shapes: [[2, 3], [3, 4]])) {
      try a.tensordot(b, axes: ([1], [0, 1]))
    }
  }

  @Test("signedLogDeterminant matches np.linalg.slogdet for real and complex matrices and stacks")
  func slogdetMatchesNumPy() throws {
    var check = OracleCheck<Double>(tolerance: 1e-13)
    var rng = Generator(seed: 8)
    for (k, shape) in [[1, 1], [3, 3], [6, 6], [2, 4, 4], [0, 0], [2, 0, 0]].enumerated() {
      for layout in [OperandLayout.c, .fortran, .negative] {
        let a = layout.make(rng.standardNormal(Dimensions(shape)).elements, shape: Dimensions(shape))
        let r = try a.signedLogDeterminants()
        check.add("\(k) \(layout) sign", "slogdet_part", [a], result: r.signs, keywords: ["part": 0])
        check.add("\(k) \(layout) log", "slogdet_part", [a], result: r.logAbsoluteValues, keywords: ["part": 1])
      }
    }
    let singular = NDArray<Double>([1, 2, 2, 4], shape: [2, 2])
    check.add("singular sign", "slogdet_part", [singular], result: try singular.signedLogDeterminants().signs, keywords: ["part": 0])
    check.add("singular log", "slogdet_part", [singular], result: try singular.signedLogDeterminants().logAbsoluteValues,
              keywords: ["part": 1])
    try check.verify()
    var complex = OracleCheck<Complex<Double>>(tolerance: 1e-13)
    let z = NDArray<Complex<Double>>((0..<9).map { Complex(Double($0 % 4) - 1.5, Double($0 * $0 % 5) - 2) }, shape: [3, 3])
    complex.add("complex sign", "slogdet_part", [z], result: try z.signedLogDeterminants().signs, keywords: ["part": 0])
    try complex.verify()
    let r = try NDArray<Double>([1, 2, 3, 4], shape: [2, 2]).signedLogDeterminant()
    #expect(r.sign == -1 && Swift.abs(r.logAbsoluteValue - Foundation.log(2.0)) < 1e-15)
    let s = try singular.signedLogDeterminant()
    #expect(s.sign == 0 && s.logAbsoluteValue == -.infinity)
    let e = try NDArray<Float>.zeros([0, 0]).signedLogDeterminant()
    #expect(e.sign == 1 && e.logAbsoluteValue == 0)
    #expect(throws: LinalgError.self) { try NDArray<Double>.zeros([2, 3]).signedLogDeterminant() }
    #expect(throws: LinalgError.self) { try NDArray<Double>.zeros([3]).signedLogDeterminant() }
    #expect(throws: LinalgError.self) { try NDArray<Double>.zeros([2, 2, 2]).signedLogDeterminant() }
  }
}
