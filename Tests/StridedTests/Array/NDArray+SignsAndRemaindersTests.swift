import Foundation
import Testing

import Strided

@Suite("divmod and signbit")
struct SignsAndRemaindersTests {
  @Test("divmod: NumPy's examples and rules")
  func documented() {
    let (q, r) = divmod([7, -7, 7, -7] as NDArray<Int>, [2, 2, -2, -2])
    #expect(q.elements == [3, -4, -4, 3] && r.elements == [1, 1, -1, -1])
    let (fq, fr) = divmod(NDArray<Double>([7.5, -0.0, 7, 1, 0, .infinity, -7]), NDArray<Double>([2, 3, -2, 0, 0, 2, .infinity]))
    #expect(sameBits(fq.elements, [3, -0.0, -4, .infinity, .nan, .nan, -1]))
    #expect(sameBits(fr.elements, [1.5, 0, -1, .nan, .nan, .nan, .infinity]))
    // Integer limits: a zero divisor gives 0 and 0; min / -1 wraps.
    let (iq, ir) = divmod(NDArray<Int8>([.min, .max, 5, -128, 0]), NDArray<Int8>([-1, 0, 0, 127, -3]))
    #expect(iq.elements == [.min, 0, 0, -2, 0] && ir.elements == [0, 0, 0, 126, 0])
    let (uq, ur) = divmod(NDArray<UInt8>([1, 2, 255]), NDArray<UInt8>([0, 3, 16]))
    #expect(uq.elements == [0, 0, 15] && ur.elements == [0, 2, 15])
    let (lq, lr) = divmod(NDArray<Int64>([.min, .min, .max]), NDArray<Int64>([-1, .max, .min]))
    #expect(lq.elements == [.min, -2, -1] && lr.elements == [0, .max - 1, -1])
  }

  /// `divmod` equals `floorDivide` and `remainder`, bit for bit, on every
  /// pair of shapes and layouts.
  func checkAgainstSeparateFunctions<T: OracleScalar & Numeric & Comparable>(_: T.Type) {
    for (label, a, b) in operandPairs(T.self) {
      let (q, r) = divmod(a, b)
      #expect(q.shape == floorDivide(a, b).shape && q.view.bytes() == floorDivide(a, b).view.bytes(), "\(label) quotient")
      #expect(r.view.bytes() == remainder(a, b).view.bytes(), "\(label) remainder")
    }
  }

  @Test("divmod is (floorDivide, remainder) for every type, shape pair and layout")
  func equalsSeparateFunctions() {
    checkAgainstSeparateFunctions(Int8.self)
    checkAgainstSeparateFunctions(UInt8.self)
    checkAgainstSeparateFunctions(Int16.self)
    checkAgainstSeparateFunctions(UInt16.self)
    checkAgainstSeparateFunctions(Int32.self)
    checkAgainstSeparateFunctions(UInt32.self)
    checkAgainstSeparateFunctions(Int64.self)
    checkAgainstSeparateFunctions(UInt64.self)
    checkAgainstSeparateFunctions(Int.self)
    checkAgainstSeparateFunctions(Float16.self)
    checkAgainstSeparateFunctions(Float.self)
    checkAgainstSeparateFunctions(Double.self)
    // Every pair of special values.
    let specials = specialValues(Double.self)
    let x = try! NDArray(specials).reshaped(to: [specials.count, 1])
    let y = NDArray(specials)
    let (q, r) = divmod(x, y)
    #expect(q.view.bytes() == floorDivide(x, y).view.bytes() && r.view.bytes() == remainder(x, y).view.bytes())
    let integers = integerValues(Int32.self)
    let (iq, ir) = divmod(try! NDArray(integers).reshaped(to: [integers.count, 1]), NDArray(integers))
    #expect(iq.elements == floorDivide(try! NDArray(integers).reshaped(to: [integers.count, 1]), NDArray(integers)).elements)
    #expect(ir.elements == remainder(try! NDArray(integers).reshaped(to: [integers.count, 1]), NDArray(integers)).elements)
  }

  @Test("divmod: empty, 0-d, scalar operands and long runs with every tail")
  func shapes() {
    let (eq, er) = divmod(NDArray<Double>.zeros([0, 3]), NDArray<Double>([1, 2, 3]))
    #expect(eq.shape == [0, 3] && er.shape == [0, 3])
    let (sq, sr) = divmod(NDArray(scalar: -7.0), NDArray(scalar: 2.0))
    #expect(sq.shape == [] && sq[] == -4 && sr[] == 1)
    let values = (0..<70).map { Double($0) * 1.75 - 60 }
    for n in 0...70 {
      let a = NDArray(Array(values[..<n]))
      let (q, r) = divmod(a, NDArray(scalar: -3.5))
      #expect(q.elements == floorDivide(a, NDArray(scalar: -3.5)).elements, "\(n)")
      #expect(r.elements == remainder(a, NDArray(scalar: -3.5)).elements, "\(n)")
      let (q2, r2) = divmod(NDArray(scalar: 100.0), a)
      #expect(sameBits(q2.elements, floorDivide(NDArray(scalar: 100.0), a).elements), "\(n)")
      #expect(sameBits(r2.elements, remainder(NDArray(scalar: 100.0), a).elements), "\(n)")
    }
    // The results are new arrays laid out alike; a Fortran-ordered operand pair keeps its order, as NumPy's.
    let f = NDArray<Double>([1, 2, 3, 4, 5, 6], shape: [2, 3]).copy(order: .fortran)
    let (fq, fr) = divmod(f, f)
    #expect(fq.isFContiguous && fr.isFContiguous && fq.elements == [1, 1, 1, 1, 1, 1] && fr.elements == [0, 0, 0, 0, 0, 0])
  }

  @Test("divmod: results do not depend on the thread count")
  func threadCounts() throws {
    var rng = Generator(seed: 61)
    let x = rng.standardNormal([(1 << 20) + 3]) * 100
    let y = rng.standardNormal([(1 << 20) + 3]) + 3
    let row = try x[.slice(by: 2)].reshapedCopy(to: [(1 << 19) + 2, 1]).transposed()
    let column = try y[.slice(to: 3)].reshapedCopy(to: [3, 1])
    let saved = Parallelism.threadCount
    defer { Parallelism.threadCount = saved }
    func run() -> [UInt8] {
      let (q, r) = divmod(x, y)
      let (tq, tr) = divmod(row, column)
      return q.view.bytes() + r.view.bytes() + tq.view.bytes() + tr.view.bytes()
    }
    Parallelism.threadCount = 1
    let single = run()
    for count in [2, 3, 8] {
      Parallelism.threadCount = count
      #expect(run() == single, "\(count) threads")
    }
    let (q, r) = divmod(x, y)
    #expect(q.view.bytes() == floorDivide(x, y).view.bytes() && r.view.bytes() == remainder(x, y).view.bytes())
  }

  @Test("divmod traps on shapes that do not broadcast")
  func divmodTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = divmod(NDArray<Double>.zeros([3]), NDArray<Double>.zeros([4]))
    }
  }

  @Test("signbit: the sign bit of floating point, x < 0 for integers")
  func signBits() {
    let doubles = NDArray<Double>([-0.0, 0, -.infinity, .infinity, -.nan, .nan, -1, 1, -.leastNonzeroMagnitude])
    #expect(signbit(doubles).elements == [true, false, true, false, true, false, true, false, true])
    let floats = NDArray<Float>([-0.0, 0, -.infinity, .infinity, -.nan, .nan, -1, 1, -.leastNonzeroMagnitude])
    #expect(signbit(floats).elements == signbit(doubles).elements)
    let halves = NDArray<Float16>([-0.0, 0, -.infinity, .infinity, -.nan, .nan, -1, 1, -.leastNonzeroMagnitude])
    #expect(signbit(halves).elements == signbit(doubles).elements)
    // `.< 0` misses -0.0 and -NaN.
    #expect((doubles .< 0).elements != signbit(doubles).elements)
    #expect(signbit(NDArray<Int8>([.min, -1, 0, 1, .max])).elements == [true, true, false, false, false])
    #expect(signbit(NDArray<Int>([.min, -1, 0, .max])).elements == [true, true, false, false])
    #expect(signbit(NDArray<UInt8>([0, 128, 255])).elements == [false, false, false])
    #expect(signbit(NDArray<UInt64>([0, .max])).elements == [false, false])
    // Shapes and layouts.
    #expect(signbit(NDArray(scalar: -0.0))[] == true)
    #expect(signbit(NDArray<Double>.zeros([2, 0])).shape == [2, 0])
    for layout in OperandLayout.allCases {
      let a = layout.make([-0.0, 1, -2, .nan, -.nan, 3] as [Double], shape: [2, 3])
      #expect(signbit(a).shape == [2, 3] && signbit(a).elements == [true, false, true, false, true, false], "\(layout)")
    }
    let long = NDArray((0..<1003).map { $0 % 3 == 0 ? -Double($0) : Double($0) })
    #expect(signbit(long).elements == (0..<1003).map { $0 % 3 == 0 })
  }

  @Test("divmod and signbit against NumPy, every type, shape pair and layout")
  func matchesNumPy() throws {
    var check = SetOracleCheck()
    func add<T: OracleScalar & Numeric & Comparable>(_: T.Type) {
      for (label, a, b) in operandPairs(T.self) {
        let (q, r) = divmod(a, b)
        check.add("\(label) divmod quotient", "divmod_part", [a, b], result: q, keywords: ["part": 0])
        check.add("\(label) divmod remainder", "divmod_part", [a, b], result: r, keywords: ["part": 1])
        check.add("\(label) signbit", "signbit", [a], result: signbit(a))
      }
    }
    add(Int8.self)
    add(UInt8.self)
    add(Int32.self)
    add(Int64.self)
    add(UInt64.self)
    add(Float.self)
    add(Double.self)
    // Zero divisors and the limits.
    let limits = integerValues(Int64.self)
    let x = try NDArray(limits).reshaped(to: [limits.count, 1])
    let (lq, lr) = divmod(x, NDArray(limits))
    check.add("int64 limits quotient", "divmod_part", [x, NDArray(limits)], result: lq, keywords: ["part": 0])
    check.add("int64 limits remainder", "divmod_part", [x, NDArray(limits)], result: lr, keywords: ["part": 1])
    let specials = specialValues(Double.self)
    let s = try NDArray(specials).reshaped(to: [specials.count, 1])
    let (sq, sr) = divmod(s, NDArray(specials))
    check.add("float64 specials quotient", "divmod_part", [s, NDArray(specials)], result: sq, keywords: ["part": 0])
    check.add("float64 specials remainder", "divmod_part", [s, NDArray(specials)], result: sr, keywords: ["part": 1])
    check.add("float64 specials signbit", "signbit", [NDArray(specials)], result: signbit(NDArray(specials)))
    try check.verify()
  }
}
