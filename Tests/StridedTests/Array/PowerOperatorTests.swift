import ComplexModule
import Foundation
import Testing

import Strided

/// `**` is one generic operator per operand family; each exponent kind must
/// reach the `pow` it stood for when `**` was an overload per kind.
@Suite("The ** operator")
struct PowerOperatorTests {
  static let doubles = NDArray<Double>(specialValues(Double.self))

  @Test("floating-point arrays: every exponent kind gives pow's bits", arguments: -3...9)
  func floatingIntegerExponents(n: Int) {
    let a = Self.doubles
    #expect((a ** n).elements.map(\.bitPattern) == pow(a, n).elements.map(\.bitPattern))
    #expect((a ** Int32(n)).elements.map(\.bitPattern) == pow(a, n).elements.map(\.bitPattern))
    let f = a.converted(to: Float.self)
    #expect((f ** n).elements.map(\.bitPattern) == pow(f, n).elements.map(\.bitPattern))
    let h = a.converted(to: Float16.self)
    #expect((h ** n).elements.map(\.bitPattern) == pow(h, n).elements.map(\.bitPattern))
  }

  @Test("real exponents: a literal, a Double, a Float, an array", arguments: [0.5, 2.5, -1.5, 2.0, 0.0, -1.0, .nan])
  func realExponents(e: Double) {
    let a = Self.doubles
    let expected = pow(a, NDArray(scalar: e)).elements.map(\.bitPattern)
    #expect((a ** e).elements.map(\.bitPattern) == expected)
    #expect((a ** NDArray(scalar: e)).elements.map(\.bitPattern) == expected)
    // A full array of exponents goes through pow element by element, as
    // NumPy's does (no square root for ½).
    let full = NDArray(repeating: e, shape: a.shape)
    #expect((a ** full).elements.map(\.bitPattern) == pow(a, full).elements.map(\.bitPattern))
    // A Float array takes a Double exponent rounded to Float, as NumPy's
    // float32 array ** Python float does.
    let f = a.converted(to: Float.self)
    let expectedFloat = pow(f, NDArray(scalar: Float(e))).elements.map(\.bitPattern)
    #expect((f ** e).elements.map(\.bitPattern) == expectedFloat)
    #expect((f ** Float(e)).elements.map(\.bitPattern) == expectedFloat)
    #expect((a ** Float(e)).elements.map(\.bitPattern) == pow(a, NDArray(scalar: Double(Float(e)))).elements.map(\.bitPattern))
  }

  @Test func literalsPickTheIntegerOrTheRealPath() {
    let a = NDArray<Double>([-2, -0.0, 0.25, 3])
    #expect((a ** 2).elements == [4, 0, 0.0625, 9])
    #expect((a ** 0.5).elements.map(\.bitPattern) == pow(a, NDArray(scalar: 0.5)).elements.map(\.bitPattern))
    #expect((a ** -1).elements == [-0.5, -.infinity, 4, 1.0 / 3])
    // Above multiplication: 2 * a ** 2 is 2 * (a ** 2).
    #expect((2 * a ** 2).elements == [8, 0, 0.125, 18])
  }

  @Test func complexArrays() {
    let z = NDArray<Complex<Double>>([Complex(1, 2), Complex(-0.5, 0), Complex(0, 0)])
    #expect((z ** 2).elements == pow(z, 2).elements)
    #expect((z ** 0.5).elements == pow(z, NDArray(scalar: Complex(0.5))).elements)
    #expect((z ** Complex(1, 1)).elements == pow(z, NDArray(scalar: Complex(1, 1))).elements)
    #expect((z ** z).elements == pow(z, z).elements)
  }

  @Test func integerArrays() {
    let a = NDArray<Int>([-3, -1, 0, 1, 2, 7])
    #expect((a ** 3).elements == [-27, -1, 0, 1, 8, 343])
    #expect((a ** a).elements == pow(a, a).elements)
    #expect((a ** Int8(2)).elements == [9, 1, 0, 1, 4, 49])
    let bytes = NDArray<UInt8>([2, 3, 16])
    #expect((bytes ** 2).elements == [4, 9, 0])  // wraps, as NumPy's uint8
    #expect((bytes ** UInt8(3)).elements == [8, 27, 0])
    let small = NDArray<Int8>([2, -2])
    #expect((small ** 7).elements == [-128, -128])
    // Negative exponents: the truncated quotient (NumPy raises).
    #expect((a ** -1).elements == pow(a, -1).elements)
  }

  @Test func broadcasting() {
    let column = NDArray<Double>([1, 2, 3], shape: [3, 1])
    let row = NDArray<Double>([0, 1, 2, 3])
    #expect((column ** row).shape == [3, 4])
    #expect((column ** row).elements == pow(column, row).elements)
  }

  @Test("fused expressions: numbers, expressions and Double or Float arrays as exponents")
  func fusedExponents() {
    let a = NDArray<Double>([0.5, 1.5, 2, 3])
    let b = NDArray<Double>([2, 0.5, -1, 3])
    let x = a.fused
    #expect((x ** b).evaluated().elements.map(\.bitPattern) == (a ** b).elements.map(\.bitPattern))
    #expect((x ** b.fused).evaluated().elements.map(\.bitPattern) == (a ** b).elements.map(\.bitPattern))
    let f = b.converted(to: Float.self)
    #expect((x ** f).evaluated().elements.map(\.bitPattern) == (a ** f.converted(to: Double.self)).elements.map(\.bitPattern))
    #expect((x ** 2).evaluated().elements == (a ** 2).elements)
    #expect((x ** 0.5).evaluated().elements.map(\.bitPattern) == (a ** 0.5).elements.map(\.bitPattern))
    #expect((x ** Float(0.5)).evaluated().elements.map(\.bitPattern) == (a ** 0.5).elements.map(\.bitPattern))
    #expect((x ** Int32(-1)).evaluated().elements == (a ** -1).elements)
  }

  @Test("SIMD vectors: lane-wise, with NumPy's results for negative bases, zeros and NaN")
  func simdVectors() {
    let v = SIMD4<Double>(1, 2, 3, 4) ** SIMD4(2, 2, 0.5, -1)
    #expect(v == SIMD4(1, 4, 3.0.squareRoot(), 0.25))
    #expect(SIMD2<Float>(2, 3) ** SIMD2(3, 2) == SIMD2(8, 9))
    // np.power([-2, 0, nan, -8], [2, 0, 0, 1/3]) is [4, 1, 1, nan].
    let w = SIMD4<Double>(-2, 0, .nan, -8) ** SIMD4(2, 0, 0, 1.0 / 3)
    #expect(w[0] == 4 && w[1] == 1 && w[2] == 1 && w[3].isNaN)
    let f = SIMD2<Float>(-3, 0) ** SIMD2(3, -1)
    #expect(f[0] == -27 && f[1] == .infinity)
  }

  static func standardError(_ result: ExitTest.Result?) -> String {
    result.map { String(decoding: $0.standardErrorContent, as: UTF8.self) } ?? ""
  }

  @Test("exponents a base does not take trap with a message naming the fix")
  func mismatchesTrap() async {
    var result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<Int>([1, 2]) ** 0.5
    }
    #expect(Self.standardError(result).contains("write a.asDouble ** 0.5"))
    result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<Double>([1, 2]) ** NDArray<Float>([1, 2])
    }
    #expect(Self.standardError(result).contains("convert one with converted(to:)"))
    result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<UInt8>([1, 2]) ** 300
    }
    #expect(Self.standardError(result).contains("out of range for UInt8"))
    result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<Double>([1, 2]) ** NDArray<Double>([1, 2]).fused
    }
    #expect(Self.standardError(result).contains("write a.fused ** e"))
    result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = NDArray<Double>([1, 2]).fused ** NDArray<Int>([1, 2])
    }
    #expect(Self.standardError(result).contains("convert one with converted(to:)"))
  }

  @Test("shapes that do not broadcast trap, as for the other operators")
  func broadcastTraps() async {
    await #expect(processExitsWith: .failure) { _ = NDArray<Double>([1, 2]) ** NDArray<Double>([1, 2, 3]) }
  }
}
