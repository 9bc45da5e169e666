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

// C = A·B.
let a: NDArray<Double> = [[1, 2, 3], [4, 5, 6]]
let b: NDArray<Double> = [[7, 8], [9, 10], [11, 12]]
print("A =\n\(a)")
print("B =\n\(b)")
print("C = A·B =\n\(a.matmul(b))")

// A transposed operand: a view with the strides swapped, which BLAS reads
// as the same memory with its "transpose" flag.
let aT = a.transposed()
let (gram, transposedCopies) = BLAS.countingPackedOperands { aT.matmul(a) }
print("\nAᵀ is a view: shape \(aT.shape), strides \(aT.strides), same storage as A: \(aT.storage === a.storage)")
print("Aᵀ·A =\n\(gram)")
print("operands copied for BLAS: \(transposedCopies)")

// A sliced operand: a block inside a larger matrix, which BLAS reads in
// place through its leading dimension.
let big = try NDArray<Double>.arange(to: 36).reshaped(to: [6, 6])
let block = big[1..<4, 2..<5]
let (blockSquared, slicedCopies) = BLAS.countingPackedOperands { block.matmul(block) }
print("\nblock = big[1:4, 2:5]: strides \(block.strides), same storage as big: \(block.storage === big.storage)")
print("block·block =\n\(blockSquared)")
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
let p = try x.reshaped(to: [n, n])
let q = p.transposed().copy()
let rawP = p.elements
let rawQ = q.elements
var rawC = [Double](repeating: 0, count: n * n)
let stridedTime = median { _ = p.matmul(q) }
let rawTime = median {
  rawC.withUnsafeMutableBufferPointer { c in
    cblas_dgemm(
      CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, rawP, Int32(n), rawQ,
      Int32(n), 0, c.baseAddress, Int32(n))
  }
}
let agree = p.matmul(q).elements == rawC
print(
  "\n\(n)×\(n) matmul: \(Int(stridedTime / 1000)) µs; raw cblas_dgemm: \(Int(rawTime / 1000)) µs;"
    + " ratio \((stridedTime / rawTime * 100).rounded() / 100); same result: \(agree)")
#if DEBUG
  print("(a debug build: `swift run -c release matmul`, as `make demo` runs it, times the optimized code)")
#endif
