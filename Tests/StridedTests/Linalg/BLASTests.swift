import Testing

import Strided

@Suite("BLAS")
struct BLASTests {
  @Test func threadCountCanBeReadAndSet() {
    let original = BLAS.threadCount
    #expect(original >= 1)
    BLAS.threadCount = 1
    #expect(BLAS.threadCount == 1)
    BLAS.threadCount = original
    #expect(BLAS.threadCount == original)
    #expect(BLAS.configuration.contains("OpenBLAS"))
  }
}
