// Strided's side of the shared benchmark workloads.
//
// Usage: strided-bench [NAME_PREFIX ...]   (no argument: every workload)
// Prints one JSON object a line: {"name": ..., "median_ns": ..., "impl": "strided"}.
#if canImport(Glibc)
  import Glibc
#endif
import Strided

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
  harness.run("copy_c_f64_4096") { consume(m.copy()) }
  harness.run("copy_transposed_f64_4096") { consume(m.transposed().copy()) }
  harness.run("copy_strided_f64_4096") { consume(m[.slice(by: 2), .slice(by: 2)].copy()) }
}
