import Strided
import Testing

/// Compound assignment writes through shared storage on a constant, as
/// subscript assignment does; a variable and a subscript keep the `inout`
/// forms, so a gathered selection is still written back.
@Suite("Compound assignment on constants")
struct SharedWritesTests {
  @Test func constantsWriteThroughTheirStorage() {
    let b = NDArray<Double>.zeros([3])
    let alias = b
    b += NDArray<Double>([1, 2, 3])
    b *= 2
    b -= 1
    b /= NDArray<Double>([1, 3, 5])
    #expect(alias.elements == [1, 1, 1])
    let n = NDArray<Int>([5, 7, 9])
    n %= NDArray<Int>([2, 4, 5])
    #expect(n.elements == [1, 3, 4])
    let flags = NDArray<Bool>([true, false, false])
    flags += NDArray<Bool>([false, false, true])
    flags *= NDArray<Bool>([true, true, false])
    #expect(flags.elements == [true, false, false])
  }

  @Test func variablesAndSubscriptsKeepTheirSetters() {
    var a = NDArray<Double>([1, 2, 3, 4])
    a += 1
    #expect(a.elements == [2, 3, 4, 5])
    // A mask selection is a gathered copy: only the subscript's setter
    // writes it back, so `+=` must go through get, add, set.
    a[a .> 3] += 10
    #expect(a.elements == [2, 3, 14, 15])
    let c = NDArray<Double>([1, 2, 3, 4])
    c[c .< 3] *= 100
    #expect(c.elements == [100, 200, 3, 4])
    c[1..<3] -= 1
    #expect(c.elements == [100, 199, 2, 4])
  }
}
