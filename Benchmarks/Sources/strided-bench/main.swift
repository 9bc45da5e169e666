// Strided's side of the shared benchmark workloads.
//
// Usage: strided-bench [NAME_PREFIX ...]   (no argument: every workload)
// Prints one JSON object a line: {"name": ..., "median_ns": ..., "impl": "strided"}.
#if canImport(Glibc)
  import Glibc
#endif
import COpenBLAS
import Foundation
import ComplexModule
import Strided

/// The inputs of fused_kmeans_dist_f64_1e5x8x16: 10⁵ points and 8 centres
/// of 16 features.
func kmeansInputs() -> (NDArray<Double>, NDArray<Double>) {
  (NDArray(normals(100_000 * 16, seed: 110), shape: [100_000, 16]), NDArray(normals(8 * 16, seed: 111), shape: [8, 16]))
}

// `--peak-memory fused|eager`: the memory one k-means distance call adds
// above its inputs, in a fresh process (see Harness.memory).
if CommandLine.arguments.count == 3 && CommandLine.arguments[1] == "--peak-memory" {
  let (x, centres) = kmeansInputs()
  let (x3, c3) = (x[.all, .newAxis, .all], centres[.newAxis, .all, .all])
  let fused = CommandLine.arguments[2] == "fused"
  let bytes = Harness.peakAbove {
    consume(fused ? ((x3.fused - c3.fused) ** 2).sum(axis: 2) : ((x3 - c3) ** 2).sum(axis: 2))
  }
  print(bytes ?? -1)
  exit(0)
}

let harness = Harness(prefixes: Array(CommandLine.arguments.dropFirst()))

/// Standard-normal values from a fixed seed (Box–Muller over a SplitMix64 stream).
func normals(_ count: Int, seed: UInt64 = 0) -> [Double] {
  var state = seed &+ 0x9E37_79B9_7F4A_7C15
  func next() -> Double {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return (Double(z >> 11) + 0.5) / Double(1 << 53)
  }
  var values: [Double] = []
  values.reserveCapacity(count)
  while values.count < count {
    let (u, v) = (next(), next())
    let r = (-2 * log(u)).squareRoot()
    values.append(r * cos(2 * .pi * v))
    if values.count < count { values.append(r * sin(2 * .pi * v)) }
  }
  return values
}

func big() -> NDArray<Double> {
  NDArray(normals(4096 * 4096), shape: [4096, 4096])
}

// MARK: Views: O(1), no copy, no allocation up to 4 dimensions

if harness.wantsGroup("view") {
  let m = big()
  harness.run("view_slice_2d", reportAllocations: true) {
    consume(m[.slice(from: 1, to: -1, by: 2), .slice(by: 3)])
  }
  harness.run("view_transpose_2d", reportAllocations: true) {
    consume(m.transposed())
  }
  harness.run("view_reshape_3d", reportAllocations: true) {
    consume(try! m.reshaped(to: [64, 64, 4096]))
  }
}

// MARK: Copies into fresh C-contiguous memory

if harness.wantsGroup("copy") {
  let m = big()
  harness.runScaling("copy_c_f64_4096") { consume(m.copy()) }
  harness.runScaling("copy_transposed_f64_4096") { consume(m.transposed().copy()) }
  harness.runScaling("copy_strided_f64_4096") { consume(m[.slice(by: 2), .slice(by: 2)].copy()) }
}

// MARK: Element-wise arithmetic, math functions and reductions

if harness.wantsGroup("add") || harness.wantsGroup("mul") || harness.wantsGroup("exp") {
  let x = NDArray(normals(10_000_000, seed: 20))
  let y = NDArray(normals(10_000_000, seed: 21))
  harness.runScaling("add_f64_1e7") { consume(x + y) }
  var z = x.copy()
  harness.run("add_inplace_f64_1e7") { z += y }
  if harness.wantsGroup("add_transposed") || harness.wantsGroup("add_broadcast") {
    let m = big()
    harness.runScaling("add_transposed_f64_4096") { consume(m.transposed() + m) }
    let r = NDArray(normals(4096, seed: 22))
    harness.runScaling("add_broadcast_row_f64_4096") { consume(m + r) }
  }
  let f = x.converted(to: Float.self)
  harness.runScaling("mul_scalar_f32_1e7") { consume(f * 2.5) }
  let small = NDArray(normals(1_000_000, seed: 23))
  harness.runScaling("exp_f64_1e6") { consume(exp(small)) }
}

if harness.wantsGroup("sum") || harness.wantsGroup("max") {
  let x = NDArray(normals(10_000_000, seed: 24))
  harness.runScaling("sum_f64_1e7") { consume(x.sum()) }
  harness.runScaling("max_f64_1e7") { consume(try! x.max()) }
  let m = big()
  harness.runScaling("sum_axis0_f64_4096") { consume(m.sum(axis: 0)) }
  harness.runScaling("sum_axis1_f64_4096") { consume(m.sum(axis: 1)) }
}

// MARK: BLAS and LAPACK

func square(_ n: Int, seed: UInt64 = 0) -> NDArray<Double> {
  NDArray(normals(n * n, seed: seed), shape: [n, n])
}

// Each BLAS-bound workload is also timed as the raw BLAS or LAPACK call it
// comes down to (impl "cblas", the same name): plain pointers into
// preallocated memory, the floor Strided's path to the library is held to.

/// Runs `body` as the raw call of workload `name`, on `count` doubles of
/// preallocated output.
func raw(_ name: String, output count: Int, _ body: (UnsafeMutablePointer<Double>) -> Void) {
  var z = [Double](repeating: 0, count: Swift.max(count, 1))
  harness.run(name, impl: "cblas") {
    z.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    consume(z[0])
  }
}

if harness.wantsGroup("matmul_f64_n") {
  for n in [4, 16, 64, 256, 1024] where harness.wants("matmul_f64_n\(n)") {
    let a = square(n, seed: 1)
    let b = square(n, seed: 2)
    harness.run("matmul_f64_n\(n)") { consume(a.matmul(b)) }
    let (x, y) = (normals(n * n, seed: 1), normals(n * n, seed: 2))
    let n32 = Int32(n)
    raw("matmul_f64_n\(n)", output: n * n) {
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n32, n32, n32, 1, x, n32, y, n32, 0, $0, n32)
    }
  }
}

if harness.wantsGroup("matmul_f32") || harness.wantsGroup("matmul_c") || harness.wantsGroup("matmul_f64_at")
  || harness.wantsGroup("matmul_f64_sliced") || harness.wantsGroup("matmul_f64_batched")
{
  let floats = normals(1024 * 1024, seed: 3).map { Float($0) }
  let f = NDArray<Float>(floats, shape: [1024, 1024])
  let g = f.copy()
  harness.run("matmul_f32_n1024") { consume(f.matmul(g)) }
  raw("matmul_f32_n1024", output: 1024 * 1024 / 2) {
    $0.withMemoryRebound(to: Float.self, capacity: 1024 * 1024) {
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 1024, 1024, 1024, 1, floats, 1024, floats, 1024, 0, $0, 1024)
    }
  }
  let (re, im) = (normals(256 * 256, seed: 4), normals(256 * 256, seed: 5))
  let c = NDArray<Complex<Double>>((0..<(256 * 256)).map { Complex(re[$0], im[$0]) }, shape: [256, 256])
  harness.run("matmul_c128_n256") { consume(c.matmul(c)) }
  var interleaved = [Double](repeating: 0, count: 2 * 256 * 256)
  for i in 0..<(256 * 256) { (interleaved[2 * i], interleaved[2 * i + 1]) = (re[i], im[i]) }
  var (one, zero): ([Double], [Double]) = ([1, 0], [0, 0])
  raw("matmul_c128_n256", output: 2 * 256 * 256) {
    cblas_zgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 256, 256, 256, &one, interleaved, 256, interleaved, 256, &zero, $0, 256)
  }
  let a512 = square(512, seed: 6)
  let b512 = square(512, seed: 7)
  let (x512, y512) = (normals(512 * 512, seed: 6), normals(512 * 512, seed: 7))
  harness.run("matmul_f64_at_b_512") { consume(a512.transposed().matmul(b512)) }
  raw("matmul_f64_at_b_512", output: 512 * 512) {
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, 512, 512, 512, 1, x512, 512, y512, 512, 0, $0, 512)
  }
  harness.run("matmul_f64_sliced_512") { consume(a512[.all, 0..<257].matmul(b512[0..<257])) }
  raw("matmul_f64_sliced_512", output: 512 * 512) {
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 512, 512, 257, 1, x512, 512, y512, 512, 0, $0, 512)
  }
  let batchA = NDArray(normals(64 * 32 * 32, seed: 8), shape: [64, 32, 32])
  let batchB = NDArray(normals(64 * 32 * 32, seed: 9), shape: [64, 32, 32])
  harness.runScaling("matmul_f64_batched_64x32") { consume(batchA.matmul(batchB)) }
  let (xb, yb) = (normals(64 * 32 * 32, seed: 8), normals(64 * 32 * 32, seed: 9))
  raw("matmul_f64_batched_64x32", output: 64 * 32 * 32) { out in
    for i in 0..<64 {
      cblas_dgemm(
        CblasRowMajor, CblasNoTrans, CblasNoTrans, 32, 32, 32, 1, xb.withUnsafeBufferPointer { $0.baseAddress! + i * 1024 },
        32, yb.withUnsafeBufferPointer { $0.baseAddress! + i * 1024 }, 32, 0, out + i * 1024, 32)
    }
  }
}

if harness.wantsGroup("gemv") {
  let m = big()
  let v = NDArray(normals(4096, seed: 10))
  harness.run("gemv_f64_4096") { consume(m.matmul(v)) }
  let (mm, vv) = (m.elements, v.elements)
  raw("gemv_f64_4096", output: 4096) {
    cblas_dgemv(CblasRowMajor, CblasNoTrans, 4096, 4096, 1, mm, 4096, vv, 1, 0, $0, 1)
  }
}

if harness.wantsGroup("dot") {
  let (xs, ys) = (normals(1_000_000, seed: 11), normals(1_000_000, seed: 12))
  let x = NDArray(xs)
  let y = NDArray(ys)
  harness.run("dot_f64_1e6") { consume(x.matmul(y)) }
  raw("dot_f64_1e6", output: 1) { $0[0] = cblas_ddot(1_000_000, xs, 1, ys, 1) }
}

if harness.wantsGroup("solve") {
  let a = square(512, seed: 13)
  for i in 0..<512 { a[item: i, i] += 512 }
  let b = NDArray(normals(512, seed: 14))
  harness.run("solve_f64_512") { consume(try! a.solve(b)) }
  // LAPACK overwrites its operands: the raw call copies them first, as
  // any caller that keeps its matrix must.
  let (values, rhs) = (a.elements, b.elements)
  var work = values
  var pivots = [Int32](repeating: 0, count: 512)
  raw("solve_f64_512", output: 512) { out in
    work.withUnsafeMutableBufferPointer { w in
      _ = values.withUnsafeBufferPointer { memcpy(w.baseAddress!, $0.baseAddress!, 512 * 512 * 8) }
      _ = rhs.withUnsafeBufferPointer { memcpy(out, $0.baseAddress!, 512 * 8) }
      var (n, nrhs, info) = (Int32(512), Int32(1), Int32(0))
      var (lda, ldb) = (n, n)
      dgesv_(&n, &nrhs, w.baseAddress!, &lda, &pivots, out, &ldb, &info)
    }
  }
}

if harness.wantsGroup("svd") {
  let a = square(256, seed: 15)
  harness.run("svd_f64_256") { consume(try! a.svd()) }
}

// MARK: .npy files (32 MiB of float64) in the temporary directory

if harness.wantsGroup("npy") {
  let m = square(2048, seed: 16)
  let directory = FileManager.default.temporaryDirectory
  let savePath = directory.appendingPathComponent("strided_bench_save.npy")
  harness.run("npy_save_f64_2048") { try! m.writeNPY(to: savePath) }
  let loadPath = directory.appendingPathComponent("strided_bench_load.npy")
  try! m.writeNPY(to: loadPath)
  harness.run("npy_load_f64_2048") { consume(try! NDView(contentsOfNPY: loadPath)) }
  harness.run("npy_mmap_f64_2048") { consume(try! NDView(mappingNPY: loadPath)) }
  for url in [savePath, loadPath] { try? FileManager.default.removeItem(at: url) }
}

// MARK: Indexing: masks, gathers, scatters, assignment through subscripts

/// Random integers in `0..<bound` from a fixed seed.
func positions(_ count: Int, below bound: Int, seed: UInt64) -> [Int] {
  var state = seed
  return (0..<count).map { _ in
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(bound))
  }
}

if harness.wantsGroup("mask") || harness.wantsGroup("take") || harness.wantsGroup("put")
  || harness.wantsGroup("setitem") || harness.wantsGroup("add_at") || harness.wantsGroup("element")
{
  if harness.wants("mask_select_f64_1e7") {
    let x = NDArray(normals(10_000_000, seed: 30))
    harness.run("mask_select_f64_1e7") { consume(x[x .> 0]) }
  }
  if harness.wants("take_f64_1e7") || harness.wants("put_f64_1e7") {
    let x = NDArray(normals(10_000_000, seed: 31))
    let idx = NDArray(positions(1_000_000, below: 10_000_000, seed: 32))
    harness.run("take_f64_1e7") { consume(x[idx]) }
    let v = NDArray(normals(1_000_000, seed: 33))
    harness.run("put_f64_1e7") { x[idx] = v }
  }
  if harness.wants("setitem_slice_f64_4096") {
    let m = big()
    harness.run("setitem_slice_f64_4096") { m[.slice(by: 2), .slice(by: 2)] = 1.0 }
  }
  if harness.wants("add_at_f64_1e6") {
    let x = NDArray<Double>.zeros([100_000])
    let idx = NDArray(positions(1_000_000, below: 100_000, seed: 34))
    let one = NDArray<Double>(scalar: 1)
    harness.run("add_at_f64_1e6") { try! x.add(one, at: idx) }
  }
  if harness.wants("element_read_f64_1e6") {
    // 10⁴ element reads of a 1000² matrix, as the NumPy side does with item().
    let m = NDArray(normals(1_000_000, seed: 35), shape: [1000, 1000])
    harness.run("element_read_f64_1e6") {
      var s = 0.0
      for i in stride(from: 0, to: 1000, by: 10) {
        for j in stride(from: 0, to: 1000, by: 10) { s += m[item: i, j] }
      }
      consume(s)
    }
  }
}

// Element-wise functions and integer-to-float paths.
if harness.wantsGroup("floor") || harness.wantsGroup("maximum") || harness.wantsGroup("isnan")
  || harness.wantsGroup("atan2") || harness.wantsGroup("mean")
{
  if harness.wants("floor_f64_1e7") {
    let x = NDArray(normals(10_000_000, seed: 40)) * 100
    harness.runScaling("floor_f64_1e7") { consume(floor(x)) }
  }
  if harness.wants("maximum_f64_1e7") {
    let x = NDArray(normals(10_000_000, seed: 41))
    let y = NDArray(normals(10_000_000, seed: 42))
    harness.runScaling("maximum_f64_1e7") { consume(maximum(x, y)) }
  }
  if harness.wants("isnan_f64_1e7") {
    var values = normals(10_000_000, seed: 43)
    for i in stride(from: 0, to: values.count, by: 7) { values[i] = .nan }
    let x = NDArray(values)
    harness.runScaling("isnan_f64_1e7") { consume(isnan(x)) }
  }
  if harness.wants("atan2_f64_1e6") {
    let x = NDArray(normals(1_000_000, seed: 44))
    let y = NDArray(normals(1_000_000, seed: 45))
    harness.runScaling("atan2_f64_1e6") { consume(atan2(y: y, x: x)) }
  }
  if harness.wants("mean_i32_1e7") {
    var g = Generator(seed: 46)
    let x = try! g.integers(in: Int32(-1000)..<1000, shape: [10_000_000])
    harness.run("mean_i32_1e7") { consume(x.mean()) }
  }
}

// Random numbers: each call draws new values from one generator.
if harness.wantsGroup("random") {
  var g = Generator(seed: 1)
  harness.run("random_f64_1e7") { consume(g.random([10_000_000])) }
  harness.run("random_normal_f64_1e7") { consume(g.standardNormal([10_000_000])) }
  harness.run("random_integers_i64_1e7") { consume(try! g.integers(in: 0..<1000, shape: [10_000_000])) }
}

// Joining, padding, sorting, searching, cumulative sums, statistics, einsum.
if harness.wantsGroup("concatenate") || harness.wantsGroup("pad") || harness.wantsGroup("sort")
  || harness.wantsGroup("argsort") || harness.wantsGroup("unique") || harness.wantsGroup("searchsorted")
  || harness.wantsGroup("cumsum") || harness.wantsGroup("median") || harness.wantsGroup("einsum")
{
  if harness.wants("concatenate_f64_4096") {
    let a = NDArray(normals(4096 * 2048, seed: 50), shape: [4096, 2048])
    let b = NDArray(normals(4096 * 2048, seed: 51), shape: [4096, 2048])
    harness.run("concatenate_f64_4096") { consume(try! NDArray.concatenate([a, b], axis: 1)) }
  }
  if harness.wants("pad_edge_f64_2048") {
    let m = NDArray(normals(2048 * 2048, seed: 52), shape: [2048, 2048])
    harness.run("pad_edge_f64_2048") { consume(try! m.padded(1, mode: .edge)) }
  }
  if harness.wants("sort_f64_1e6") || harness.wants("argsort_f64_1e6") {
    let x = NDArray(normals(1_000_000, seed: 53))
    harness.runScaling("sort_f64_1e6") { consume(x.sorted()) }
    harness.run("argsort_f64_1e6") { consume(x.argsort()) }
  }
  if harness.wants("sort_rows_f64_1024") {
    let m = NDArray(normals(1024 * 1024, seed: 54), shape: [1024, 1024])
    harness.run("sort_rows_f64_1024") { consume(m.sorted(axis: 1)) }
  }
  if harness.wants("sort_str_u16_1e5") {
    // 10⁵ strings of 16 random lowercase letters, as `<U16`.
    let letters = positions(100_000 * 16, below: 26, seed: 57)
    let words: [String] = (0..<100_000).map { (i: Int) -> String in
      String(String.UnicodeScalarView(letters[(i * 16)..<(i * 16 + 16)].map { Unicode.Scalar(UInt8(97 + $0)) }))
    }
    let x = try! NDView(strings: words, length: 16)
    harness.run("sort_str_u16_1e5") { consume(try! x.sortedStrings()) }
  }
  if harness.wants("unique_i64_1e6") {
    let x = NDArray(positions(1_000_000, below: 100_000, seed: 55))
    harness.run("unique_i64_1e6") { consume(x.unique()) }
  }
  if harness.wants("searchsorted_f64_1e6") {
    let s = NDArray(normals(1_000_000, seed: 56)).sorted()
    let q = NDArray(normals(1_000_000, seed: 57))
    harness.run("searchsorted_f64_1e6") { consume(try! s.searchSorted(q)) }
  }
  if harness.wants("cumsum_f64_1e7") {
    let x = NDArray(normals(10_000_000, seed: 58))
    harness.runScaling("cumsum_f64_1e7") { consume(x.cumulativeSum()) }
  }
  if harness.wants("median_f64_1e6") {
    let x = NDArray(normals(1_000_000, seed: 59))
    harness.run("median_f64_1e6") { consume(try! x.median()) }
  }
  if harness.wants("einsum_bmm_f64_64x128") {
    let a = NDArray(normals(64 * 128 * 128, seed: 60), shape: [64, 128, 128])
    let b = NDArray(normals(64 * 128 * 128, seed: 61), shape: [64, 128, 128])
    harness.run("einsum_bmm_f64_64x128") { consume(try! NDArray.einsum("bij,bjk->bik", a, b)) }
  }
  if harness.wants("einsum_elementwise_f64_1e6") {
    let x = NDArray(normals(1_000_000, seed: 62))
    harness.run("einsum_elementwise_f64_1e6") { consume(try! NDArray.einsum("i,i,i->i", x, x, x)) }
  }
}

// Fourier transforms.
if harness.wantsGroup("fft") || harness.wantsGroup("rfft") {
  func complexSignal(_ count: Int, seed: UInt64) -> NDArray<Complex<Double>> {
    let re = normals(count, seed: seed)
    let im = normals(count, seed: seed + 1)
    return NDArray(zip(re, im).map { Complex($0, $1) })
  }
  if harness.wants("fft_c128_2e20") {
    let x = complexSignal(1 << 20, seed: 70)
    harness.run("fft_c128_2e20") { consume(try! FFT.fft(x)) }
  }
  if harness.wants("rfft_f64_1e6") {
    let x = NDArray(normals(1_000_000, seed: 72))
    harness.run("rfft_f64_1e6") { consume(try! FFT.rfft(x)) }
  }
  if harness.wants("fft_prime_c128_65537") {
    let x = complexSignal(65537, seed: 73)
    harness.run("fft_prime_c128_65537") { consume(try! FFT.fft(x)) }
  }
  if harness.wants("fft2_c128_1024") {
    let x = try! complexSignal(1024 * 1024, seed: 75).reshaped(to: [1024, 1024])
    harness.runScaling("fft2_c128_1024") { consume(try! FFT.fft2(x)) }
  }
}

// MARK: Small arrays and whole programs: where a call's fixed cost counts

if harness.wantsGroup("rows") || harness.wantsGroup("kmeans") {
  let x = NDArray(normals(3000, seed: 90), shape: [1500, 2])
  let labels = NDArray(positions(1500, below: 3, seed: 91))
  let rows = NDArray(positions(500, below: 1500, seed: 92))
  harness.run("rows_mask_f64_1500x2") { consume(x[labels .== 1]) }
  harness.run("rows_take_f64_1500x2") { consume(x[rows]) }
  // One k-means step: squared distances by broadcasting, the nearest
  // centre, the inertia, and the three means by mask.
  let centres = x[.slice(to: 3)].copy()
  harness.run("kmeans_iter_f64_1500x2x3") {
    let d2 = square(x.expandingDimensions(at: 1) - centres.expandingDimensions(at: 0)).sum(axis: 2)
    let nearest = try! d2.argmin(axis: 1)
    let inertia = try! d2.min(axes: [1]).sum()
    let means = (0..<3).map { j in x[nearest .== j].mean(axis: 0) }
    consume(try! NDArray.stack(means))
    consume(inertia)
  }
}
if harness.wants("astype_f64_u8_196608") {
  let image = NDArray(normals(256 * 256 * 3, seed: 93).map { Swift.min(Swift.max(128 + 60 * $0, 0), 255).rounded() },
    shape: [256, 256, 3])
  harness.run("astype_f64_u8_196608") { consume(image.converted(to: UInt8.self)) }
}
if harness.wantsGroup("pow") {
  let x = NDArray(normals(1_000_000, seed: 94))
  let magnitudes = abs(x)
  harness.run("pow2_f64_1e6") { consume(pow(x, 2)) }
  harness.run("pow_frac_f64_1e6") { consume(pow(magnitudes, 2.5)) }
}
if harness.wants("iadd_slice_f32_256x256x3") {
  let p = NDArray(normals(258 * 258 * 3, seed: 95), shape: [258, 258, 3]).converted(to: Float.self)
  var b = NDArray<Float>.zeros([256, 256, 3])
  let window = p[.slice(from: 1, to: 257), .slice(from: 0, to: 256)]
  harness.run("iadd_slice_f32_256x256x3") { b += window }
}
if harness.wants("add_f64_16") {
  let a = NDArray(normals(16, seed: 96))
  let b = NDArray(normals(16, seed: 97))
  harness.run("add_f64_16") { consume(a + b) }
}
if harness.wants("sum_axis0_f64_1000x6") {
  let x = NDArray(normals(6000, seed: 98), shape: [1000, 6])
  harness.run("sum_axis0_f64_1000x6") { consume(x.sum(axis: 0)) }
}
if harness.wants("isin_i64_1e6") {
  var g = Generator(seed: 104)
  let x = try! g.integers(in: 0..<1_000_000, shape: [1_000_000])
  let t = try! g.integers(in: 0..<1_000_000, shape: [10_000])
  harness.run("isin_i64_1e6") { consume(x.isIn(t)) }
}
if harness.wants("interp_f64_1e6") {
  let xp = NDArray(normals(10_000, seed: 99)).sorted()
  let fp = NDArray(normals(10_000, seed: 100))
  let x = NDArray(normals(1_000_000, seed: 101))
  harness.runScaling("interp_f64_1e6") { consume(try! interp(x, xp, fp)) }
}
if harness.wants("divmod_f64_1e7") {
  let x = NDArray(normals(10_000_000, seed: 102)) * 100
  let y = NDArray(normals(10_000_000, seed: 103)) + 3
  harness.runScaling("divmod_f64_1e7") { consume(divmod(x, y)) }
}
if harness.wants("sliding_mean_f64_1e6_w64") {
  let x = NDArray(normals(1_000_000, seed: 105))
  harness.runScaling("sliding_mean_f64_1e6_w64") { consume(try! x.slidingWindowView(64).mean(axis: -1)) }
}
if harness.wants("unique_rows_f64_1e5x4") {
  var g = Generator(seed: 106)
  let x = try! g.integers(in: 0..<10, shape: [100_000, 4]).converted(to: Double.self)
  harness.run("unique_rows_f64_1e5x4") { consume(try! x.unique(axis: 0)) }
}

// MARK: Dates (NumPy's datetime64)

if harness.wants("datetime_diff_1e6") {
  // Two datetime64[s] arrays: 2020-01-01 and 2021-01-01 plus 10⁶ random
  // offsets in 0..<10⁸ seconds each.
  var g = Generator(seed: 0)
  let offsetsA = try! g.integers(in: Int64(0)..<100_000_000, shape: [1_000_000])
  let offsetsB = try! g.integers(in: Int64(0)..<100_000_000, shape: [1_000_000])
  let a = try! DateTime64<Seconds>(parsing: "2020-01-01T00:00:00") + NDArray<TimeDelta64<Seconds>>(counts: offsetsA)
  let b = try! DateTime64<Seconds>(parsing: "2021-01-01T00:00:00") + NDArray<TimeDelta64<Seconds>>(counts: offsetsB)
  harness.runScaling("datetime_diff_1e6") { consume(b - a) }
}

// MARK: Fused evaluation (whole expressions in one pass; see NDExpression)

if harness.wantsGroup("fused") {
  let a = NDArray(normals(10_000_000, seed: 107))
  let b = NDArray(normals(10_000_000, seed: 108))
  let c = NDArray(normals(10_000_000, seed: 109))
  if harness.wants("fused_axpbyc_f64_1e7") {
    harness.runScaling("fused_axpbyc_f64_1e7") { consume(NDArray.evaluate(a, b, c) { a, b, c in 2 * a + 3 * b * c }) }
  }
  if harness.wants("fused_poly_f64_1e7") {
    let x = a.fused
    harness.runScaling("fused_poly_f64_1e7") { consume((0.25 * x ** 3 + 0.75 * x ** 2 - 1.5 * x - 2).evaluated()) }
  }
  if harness.wants("fused_sincos_f64_1e6") {
    let a6 = a[.slice(to: 1_000_000)].copy()
    let b6 = b[.slice(to: 1_000_000)].copy()
    harness.runScaling("fused_sincos_f64_1e6") { consume((sin(a6.fused) ** 2 + cos(b6.fused) ** 2).evaluated()) }
  }
  if harness.wants("fused_where_f64_1e7") {
    let x = a.fused
    harness.runScaling("fused_where_f64_1e7") { consume(NDExpression.where(x .> 0, x, 0.1 * x).evaluated()) }
  }
  if harness.wants("fused_sumsq_f64_1e7") {
    harness.runScaling("fused_sumsq_f64_1e7") { consume(((a.fused - b.fused) ** 2).sum()) }
  }
}
if harness.wants("fused_kmeans_dist_f64_1e5x8x16") {
  let (x, centres) = kmeansInputs()
  let x3 = x[.all, .newAxis, .all].fused
  let c3 = centres[.newAxis, .all, .all].fused
  harness.memory("fused_kmeans_dist_f64_1e5x8x16", outputBytes: 100_000 * 8 * 8)
  harness.runScaling("fused_kmeans_dist_f64_1e5x8x16") { consume(((x3 - c3) ** 2).sum(axis: 2)) }
}

// MARK: Text files (NumPy's loadtxt and savetxt)

if harness.wantsGroup("loadtxt") || harness.wantsGroup("savetxt") {
  let directory = FileManager.default.temporaryDirectory
  let csvPath = directory.appendingPathComponent("strided_bench_loadtxt.csv")
  // 10⁶ × 4 values written with %.17g and "," (WORKLOADS.md: seed 5 in NumPy;
  // the values differ here, their text has the same form and length).
  let table = NDArray(normals(4_000_000, seed: 5), shape: [1_000_000, 4])
  try! table.saveText(to: csvPath, format: "%.17g", delimiter: ",")
  harness.run("loadtxt_f64_1e6x4") { consume(try! NDArray<Double>.loadText(from: csvPath, delimiter: ",")) }
  let small = NDArray(normals(400_000), shape: [100_000, 4])
  let savePath = directory.appendingPathComponent("strided_bench_savetxt.csv")
  harness.run("savetxt_f64_1e5x4") { try! small.saveText(to: savePath, delimiter: ",") }
  for url in [csvPath, savePath] { try? FileManager.default.removeItem(at: url) }
}
