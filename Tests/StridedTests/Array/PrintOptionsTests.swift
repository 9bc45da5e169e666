import ComplexModule
import Dispatch
import Foundation
import Testing

@testable import Strided

/// The print options: scoped, process-wide (in child processes, so that
/// the other tests keep NumPy's defaults), their traps, and the digits
/// behind them. The strings themselves are checked against NumPy's in
/// `NDArrayTests.descriptions` (Fixtures/printing.json).
@Suite("Print options")
struct PrintOptionsTests {
  @Test("the defaults are NumPy's")
  func defaults() {
    let options = PrintOptions()
    #expect(options.precision == 8 && options.threshold == 1000 && options.edgeItems == 3)
    #expect(options.lineWidth == 75 && !options.suppressSmall)
    #expect(PrintOptions.current == options)
  }

  @Test("withPrintOptions holds for its closure, nests, and restores the options")
  func scoped() {
    let a = NDArray<Double>([1.0 / 3, 2])
    #expect(a.description == "[0.33333333 2.        ]")
    withPrintOptions(precision: 3) {
      #expect(PrintOptions.current.precision == 3 && PrintOptions.current.threshold == 1000)
      #expect(a.description == "[0.333 2.   ]")
      withPrintOptions(PrintOptions(precision: 1)) { #expect(a.description == "[0.3 2. ]") }
      #expect(a.description == "[0.333 2.   ]")
    }
    #expect(a.description == "[0.33333333 2.        ]")
    #expect(withPrintOptions(threshold: 5, edgeItems: 1) { NDArray<Int>.arange(to: 10).description } == "[0 ... 9]")
    #expect(PrintOptions.current == PrintOptions())
  }

  @Test("withPrintOptions restores the options when its closure throws")
  func scopedThrowing() {
    struct Failure: Error {}
    #expect(throws: Failure.self) {
      try withPrintOptions(precision: 2) { () throws -> Int in
        #expect(PrintOptions.current.precision == 2)
        throw Failure()
      }
    }
    #expect(PrintOptions.current.precision == 8)
  }

  @Test("scoped options reach the tasks started in the scope, not detached ones")
  func scopedOptionsAreTaskLocal() async {
    let inherited = withPrintOptions(precision: 2) { Task { PrintOptions.current.precision } }
    let detached = withPrintOptions(precision: 2) { Task.detached { PrintOptions.current.precision } }
    #expect(await inherited.value == 2)
    #expect(await detached.value == 8)
  }

  @Test("description(options:) is np.array2string; a 0-d array prints at full precision")
  func explicitOptions() {
    let a = NDArray<Double>([1.0 / 3, 1e-9, 2])
    #expect(a.description == "[3.33333333e-01 1.00000000e-09 2.00000000e+00]")
    #expect(a.description(options: PrintOptions(precision: 3, suppressSmall: true)) == "[0.333 0.    2.   ]")
    let third = NDArray<Double>(scalar: 1.0 / 3)
    #expect(third.description(options: PrintOptions(precision: 2)) == "0.3333333333333333")
    // Edge counts beyond any axis, and a threshold nothing passes.
    let ten = NDArray<Double>.arange(to: 10)
    #expect(ten.description(options: PrintOptions(threshold: 0, edgeItems: .max)) == "[0. 1. 2. 3. 4. 5. 6. 7. 8. 9.]")
    let long = NDArray<Int>.arange(to: 2000).description(options: PrintOptions(threshold: .max))
    #expect(!long.contains("...") && long.hasSuffix(" 1999]"))
    // Edge items 0: NumPy keeps the last element of a summarised axis.
    #expect(ten.description(options: PrintOptions(threshold: 5, edgeItems: 0)) == "[... 9.]")
  }

  @Test("every element type prints as NumPy's str")
  func elementTypes() {
    #expect(NDArray<Bool>([true, false]).description == "[ True False]")
    #expect(NDArray<Bool>(scalar: false).description == "False")
    #expect(NDArray<Float>([0.1, 1.2345678]).description == "[0.1       1.2345678]")
    #expect(NDArray<Float16>([0.1]).description == "[0.1]")
    #expect(NDArray<Float16>(scalar: 1000).description == "1e+03")
    #expect(NDArray<Int8>([-128, 5]).description == "[-128    5]")
    #expect(NDArray<UInt64>([.max, 0]).description == "[18446744073709551615                    0]")
    #expect(NDArray<Complex<Double>>([Complex(1, 2), Complex(3, 0)]).description == "[1.+2.j 3.+0.j]")
    #expect(NDArray<Complex<Double>>(scalar: Complex(0, -1)).description == "-1j")
    #expect(NDArray<Complex<Float>>(scalar: Complex(1.1, 2.2)).description == "(1.1+2.2j)")
    #expect(NDArray<Double>(scalar: 0.1 + 0.2).description == "0.30000000000000004")
    #expect(NDArray<Double>(scalar: 1e16).description == "1e+16")
    #expect(NDArray<Double>(scalar: -0.0).description == "-0.0")
  }

  @Test("setPrintOptions and PrintOptions.current change the process-wide options")
  func processWide() async {
    await #expect(processExitsWith: .success) {
      let a = NDArray<Double>([1.0 / 3, 1e-9, 2])
      setPrintOptions(precision: 3, suppressSmall: true)
      precondition(a.description == "[0.333 0.    2.   ]")
      setPrintOptions(threshold: 10, edgeItems: 2)
      precondition(PrintOptions.current == PrintOptions(precision: 3, threshold: 10, edgeItems: 2, suppressSmall: true))
      precondition(NDArray<Int>.arange(to: 100).description == "[ 0  1 ... 98 99]")
      // A scope wins over the process-wide options, and ends.
      precondition(withPrintOptions(PrintOptions()) { a.description } == "[3.33333333e-01 1.00000000e-09 2.00000000e+00]")
      precondition(a.description == "[0.333 0.    2.   ]")
      PrintOptions.current = PrintOptions(lineWidth: 20)
      precondition(NDArray<Double>.arange(to: 8).description == "[0. 1. 2. 3. 4. 5.\n 6. 7.]")
      // Set from many threads at once.
      DispatchQueue.concurrentPerform(iterations: 64) { i in
        setPrintOptions(precision: i % 10)
        _ = NDArray<Double>([1.0 / 3]).description
      }
      precondition((0..<10).contains(PrintOptions.current.precision))
    }
  }

  @Test("negative precision and edge counts trap, as NumPy raises")
  func traps() async {
    await #expect(processExitsWith: .failure) { setPrintOptions(precision: -1) }
    await #expect(processExitsWith: .failure) { _ = PrintOptions(edgeItems: -1) }
    await #expect(processExitsWith: .failure) {
      var options = PrintOptions()
      options.precision = -2
      _ = withPrintOptions(options) { 0 }
    }
    await #expect(processExitsWith: .failure) {
      var options = PrintOptions()
      options.edgeItems = -1
      PrintOptions.current = options
    }
  }

  @Test("exact decimal expansions of binary fractions")
  func exactDigits() {
    let tenth = ArrayPrinter.exactDigits(0.1)
    #expect(ArrayPrinter.text(tenth.digits) == "1000000000000000055511151231257827021181583404541015625" && tenth.exponent == 0)
    let tiny = ArrayPrinter.exactDigits(Double.leastNonzeroMagnitude)
    #expect(ArrayPrinter.text(tiny.digits.prefix(18)) == "494065645841246544" && tiny.exponent == -323)
    #expect(tiny.digits.count == 751)
    let big = ArrayPrinter.exactDigits(1e23)
    #expect(ArrayPrinter.text(big.digits) == "99999999999999991611392" && big.exponent == 23)
    let float = ArrayPrinter.exactDigits(Double(Float(0.1)))
    #expect(ArrayPrinter.text(float.digits) == "100000001490116119384765625" && float.exponent == 0)
    #expect(ArrayPrinter.exactDigits(0).digits.isEmpty)
  }

  @Test("rounding is by the exact value, halves to even")
  func rounding() {
    func fixed(_ x: Double, _ places: Int) -> String {
      let parts = ArrayPrinter.fixedParts(ArrayPrinter.fixedDigits(x, fractionDigits: places))
      return parts.integer + "." + parts.fraction
    }
    #expect(fixed(2.675, 2) == "2.67")  // 2.67499999999999982236…
    #expect(fixed(2.665, 2) == "2.67")  // 2.66500000000000003552…
    #expect(fixed(0.125, 2) == "0.12")  // an exact tie: to even
    #expect(fixed(0.375, 2) == "0.38")
    #expect(fixed(9.9999, 2) == "10.")
    #expect(fixed(0.006, 2) == "0.01")
    #expect(fixed(0.004, 2) == "0.")
    #expect(fixed(123.5, 0) == "124.")
    let shortest = ArrayPrinter.shortestDigits(Float(0.1))
    #expect(shortest.digits == [1] && shortest.exponent == 0)
  }
}
