import ComplexModule
import Foundation
import Testing

import Strided

@Suite("EMath against numpy.emath")
struct EMathTests {
  /// Every input holds a negative number, so NumPy takes its complex path,
  /// which is what EMath always computes.
  @Test("sqrt, log and power match np.emath's complex results")
  func matchNumPy() throws {
    var check = OracleCheck<Double>(tolerance: 4e-16)
    let values: [Double] = [-4, -2, -1e-300, -0.5, 0, 0.25, 1, 2, 9, 1e300, -1e300, .infinity, -.infinity]
    for layout in OperandLayout.allCases {
      let x = layout.make(values + [-3], shape: [2, 7])
      check.add("sqrt \(layout)", "emath_sqrt", [x], result: EMath.sqrt(x))
      check.add("log \(layout)", "emath_log", [x], result: EMath.log(x))
    }
    try check.verify()
    var powers = OracleCheck<Double>(tolerance: 1e-14)
    let bases = NDArray<Double>([-8, -2, 2, 4, 0.5, -0.5])
    for p in [2.0, 0.5, 1.0 / 3, -1, 3] {
      powers.add("power \(p)", "emath_power", [bases], result: EMath.power(bases, p), keywords: ["p": p])
    }
    try powers.verify()
  }

  @Test("documented values")
  func values() {
    let r = EMath.sqrt(NDArray<Double>([-4, 9]))
    #expect(r.elements == [Complex(0, 2), Complex(3, 0)])
    let l = EMath.log(NDArray<Double>([-1]))
    #expect(l[item: 0].real == 0 && l[item: 0].imaginary == Double.pi)
    #expect(EMath.sqrt(NDArray<Int>([-1])).elements == [Complex(0, 1)])
    #expect(EMath.sqrt(NDArray<Float>([-4])).elements == [Complex<Float>(0, 2)])
    #expect(EMath.sqrt(NDArray<Double>.zeros([0, 3])).shape == [0, 3])
  }
}
