// Matrix products on views: C = A·B, a transposed and a sliced operand that
// go to BLAS without a copy, a batched product, and a timing against a raw
// cblas_dgemm call on the same data.
//
//   swift run matmul        (what `make demo` runs)
#if canImport(Glibc)
  import Glibc
#endif
import COpenBLAS  // only for the raw cblas_dgemm of the timing line
import Strided

// C = A·B. (Double products this small, up to 32 × 32 × 32, run in
// Strided's own register-blocked kernel: a BLAS call would cost more.)
let a: NDArray<Double> = [[1, 2, 3], [4, 5, 6]]
let b: NDArray<Double> = [[7, 8], [9, 10], [11, 12]]
print("A =\n\(a)")
print("B =\n\(b)")
print("C = A·B =\n\(a.matmul(b))")

/// Whether `product` is, to rounding, the product of contiguous copies of
/// the operands (BLAS may sum in another order for another layout).
func agrees(_ product: NDArray<Double>, _ x: NDArray<Double>, _ y: NDArray<Double>) -> Bool {
  let expected = x.copy().matmul(y.copy())
  // Neither array is empty here; an empty one would throw.
  guard let error = try? abs(product - expected).max(), let size = try? abs(expected).max() else { return false }
  return error <= 1e-12 * size
}

// A transposed operand: a view with the strides swapped, which BLAS reads
// as the same memory with its "transpose" flag.
let p = try NDArray<Double>.arange(to: 64 * 48).reshaped(to: [64, 48]) / 1000
let pT = p.transposed()
let (gram, transposedCopies) = BLAS.countingPackedOperands { pT.matmul(p) }
print("\nPᵀ is a view: shape \(pT.shape), strides \(pT.strides), same storage as P: \(pT.storage === p.storage)")
print("Pᵀ·P: shape \(gram.shape), agrees with the product of copies: \(agrees(gram, pT, p))")
print("operands copied for BLAS: \(transposedCopies)")

// A sliced operand: a block inside a larger matrix, which BLAS reads in
// place through its leading dimension.
let big = try NDArray<Double>.arange(to: 96 * 96).reshaped(to: [96, 96]) / 10000
let block = big[8..<56, 16..<64]
let (blockSquared, slicedCopies) = BLAS.countingPackedOperands { block.matmul(block) }
print("\nblock = big[8:56, 16:64]: strides \(block.strides), same storage as big: \(block.storage === big.storage)")
print("block·block: shape \(blockSquared.shape), agrees with the product of copies: \(agrees(blockSquared, block, block))")
print("operands copied for BLAS: \(slicedCopies)")

// Every other column has two non-unit strides: BLAS cannot address it, so
// it is packed once into contiguous memory, and the count says so.
let everyOther = big[.all, .slice(by: 2)]
let (_, stridedCopies) = BLAS.countingPackedOperands { everyOther.transposed().matmul(everyOther) }
print("\nbig[:, ::2] has strides \(everyOther.strides): operands copied for BLAS: \(stridedCopies)")

// A batched product: four 2×3 matrices times one 3×2, broadcast as NumPy's
// matmul broadcasts.
let stack = try NDArray<Double>.arange(to: 24).reshaped(to: [4, 2, 3])
let batched = stack.matmul(b)
print("\nbatched: \(stack.shape) @ \(b.shape) -> \(batched.shape)")
print("batch 3 =\n\(batched[.at(3)])")

// Timing: matmul against cblas_dgemm on plain pointers, same 256×256 data.
func nanoseconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) * 1e9 + Double(t.tv_nsec)
}

/// The median time of `body` over repeated runs, after a warm-up.
func median(_ body: () -> Void) -> Double {
  body()
  var samples: [Double] = []
  for _ in 0..<25 {
    let start = nanoseconds()
    body()
    samples.append(nanoseconds() - start)
  }
  return samples.sorted()[samples.count / 2]
}

let n = 256
let x = NDArray<Double>.linspace(from: -1, to: 1, count: n * n)
let u = try x.reshaped(to: [n, n])
let v = u.transposed().copy()
let rawU = u.elements
let rawV = v.elements
var rawC = [Double](repeating: 0, count: n * n)
let stridedTime = median { _ = u.matmul(v) }
let rawTime = median {
  rawC.withUnsafeMutableBufferPointer { c in
    cblas_dgemm(
      CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, rawU, Int32(n), rawV,
      Int32(n), 0, c.baseAddress, Int32(n))
  }
}
let agree = u.matmul(v).elements == rawC
print(
  "\n\(n)×\(n) matmul: \(Int(stridedTime / 1000)) µs; raw cblas_dgemm: \(Int(rawTime / 1000)) µs;"
    + " ratio \((stridedTime / rawTime * 100).rounded() / 100); same result: \(agree)")
#if DEBUG
  print("(a debug build: `swift run -c release matmul`, as `make demo` runs it, times the optimized code)")
#endif
