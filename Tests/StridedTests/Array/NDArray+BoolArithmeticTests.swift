import Foundation
import Testing

import Strided

@Suite("Bool arithmetic as NumPy defines it: + is or, * is and, - does not compile")
struct BoolArithmeticTests {
  @Test("against NumPy: +, *, extrema and abs of Bool arrays, every shape pair and layout")
  func matchesNumPy() throws {
    var check = SetOracleCheck()
    for (label, a, b) in operandPairs(Bool.self) {
      check.add("\(label) +", "add", [a, b], result: a + b)
      check.add("\(label) *", "multiply", [a, b], result: a * b)
      check.add("\(label) maximum", "maximum", [a, b], result: maximum(a, b))
      check.add("\(label) minimum", "minimum", [a, b], result: minimum(a, b))
      check.add("\(label) fmax", "fmax", [a, b], result: fmax(a, b))
      check.add("\(label) fmin", "fmin", [a, b], result: fmin(a, b))
      check.add("\(label) abs", "abs", [a], result: abs(a))
      check.add("\(label) + true", "add", [a, NDArray(scalar: true)], result: a + true)
      check.add("\(label) false *", "multiply", [NDArray(scalar: false), b], result: false * b)
    }
    try check.verify()
  }

  @Test("against NumPy: means, variances and standard deviations of Bool arrays are Doubles")
  func statisticsMatchNumPy() throws {
    var exact = SetOracleCheck()
    var close = OracleCheck<Bool>(tolerance: 1e-15)
    for layout in OperandLayout.allCases {
      for shape in [[3, 4], [7], [2, 0], []] as [[Int]] {
        let a = layout.make(sampleValues(Bool.self, count: shape.reduce(1, *), seed: 4), shape: Dimensions(shape))
        let label = "\(shape) \(layout)"
        exact.add("mean \(label)", "mean_f64", [a], result: NDArray(scalar: a.mean()))
        close.add("var \(label)", "var_f64", [a], result: NDArray(scalar: a.variance()))
        close.add("std \(label)", "std_f64", [a], result: NDArray(scalar: a.standardDeviation()))
        guard shape.count == 2, shape[1] > 0 else { continue }
        exact.add("mean axis \(label)", "mean_f64", [a], result: a.mean(axis: 1), keywords: ["axis": 1])
        close.add("var axis ddof \(label)", "var_f64", [a], result: a.variance(axis: 0, degreesOfFreedom: 1),
                  keywords: ["axis": 0, "ddof": 1])
        close.add("var axes \(label)", "var_f64", [a], result: a.variance(axes: [0, 1], keepingDimensions: true),
                  keywords: ["axis": [0, 1], "keepdims": true])
        close.add("std axis \(label)", "std_f64", [a], result: a.standardDeviation(axis: -1), keywords: ["axis": -1])
        close.add("std axes ddof \(label)", "std_f64", [a], result: a.standardDeviation(axes: [1], degreesOfFreedom: 1),
                  keywords: ["axis": [1], "ddof": 1])
      }
    }
    try exact.verify()
    try close.verify()
  }

  @Test("by hand: or, and, in place, scalars, extrema, abs, statistics and eye")
  func byHand() {
    let a = NDArray<Bool>([true, false, true, false])
    let b = NDArray<Bool>([true, true, false, false])
    #expect((a + b).elements == [true, true, true, false])
    #expect((a * b).elements == [true, false, false, false])
    #expect((a + true).elements == [true, true, true, true] && (false * a).elements == [false, false, false, false])
    var sum = a.copy()
    sum += b
    #expect(sum.elements == [true, true, true, false])
    var product = a.copy()
    product *= NDArray(scalar: true)
    #expect(product.elements == a.elements)
    #expect(abs(a).elements == a.elements)
    #expect(maximum(a, b).elements == [true, true, true, false] && minimum(a, b).elements == [true, false, false, false])
    #expect(a.mean() == 0.5 && a.variance() == 0.25 && a.standardDeviation() == 0.5)
    #expect(Swift.abs(a.variance(degreesOfFreedom: 1) - 1.0 / 3) < 1e-15)
    #expect(NDArray<Bool>.zeros([0]).mean().isNaN)
    #expect(NDArray<Bool>.eye(2).elements == [true, false, false, true])
  }

  @Test("in-place or through a read-only view traps")
  func readOnlyTraps() async {
    await #expect(processExitsWith: .failure) {
      var frozen = try! NDArray<Bool>([true, false]).broadcast(to: [2, 2])
      frozen += NDArray<Bool>([true, true])
    }
  }

  @Test("- and unary - of Bool arrays do not compile; the messages name .^ and .!")
  func subtractionDoesNotCompile() throws {
    guard let build = NumPySpellingsTests.buildFolder else { return }
    let source = NumPySpellingsTests.prelude + """
      let b = NDArray<Bool>([true, false])
      _ = b - b
      _ = -b
      """
    let output = try NumPySpellingsTests.typecheck(source, in: build)
    #expect(output.contains("Bool arrays have no subtraction (NumPy raises TypeError): use .^ for exclusive or"), "\(output.prefix(2000))")
    #expect(output.contains("Bool arrays have no negation (NumPy raises TypeError): use .! for logical not"), "\(output.prefix(2000))")
  }
}
