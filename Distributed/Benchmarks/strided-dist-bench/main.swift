// The distributed workloads: dist_matmul_f64_2048 and dist_solve_f64_2048.
//
//   strided-dist-bench --local             the single-process Strided calls
//   mpirun -np P strided-dist-bench        the same on P processes
//
// Prints one line per workload, `NAME median_ns`, NAME suffixed `_local` or
// `_npP`. Each process generates its own blocks; the timing is the median
// of the repetitions, each between barriers.
import Foundation
import Strided
import StridedMPI

let n = 2048
let repetitions = 5
let block = 128

func value(_ seed: UInt64, _ i: Int, _ j: Int) -> Double {
  var x = seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(i) &* 0xBF58_476D_1CE4_E5B9 ^ UInt64(j) &* 0x94D0_49BB_1331_11EB
  x ^= x >> 31
  x = x &* 0xD6E8_FEB8_6659_FD93
  x ^= x >> 32
  return Double(x >> 11) * 0x1p-53 - 0.5 + (seed == 1 && i == j ? Double(n) / 4 : 0)
}

func median(_ body: () throws -> Void, between: () -> Void = {}) rethrows -> Double {
  var times: [Double] = []
  try body()  // warm-up
  for _ in 0..<repetitions {
    between()
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    between()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start))
  }
  return times.sorted()[repetitions / 2]
}

if CommandLine.arguments.dropFirst().first == "--local" {
  let a = NDArray<Double>.zeros([n, n])
  let b = NDArray<Double>.zeros([n, n])
  for i in 0..<n {
    for j in 0..<n {
      a[item: i, j] = value(1, i, j)
      b[item: i, j] = value(2, i, j)
    }
  }
  let rhs = b[0..., 0..<1].copy()
  print("dist_matmul_f64_\(n)_local \(Int(median { _ = a.matmul(b) }))")
  print("dist_solve_f64_\(n)_local \(Int(try median { _ = try a.solve(rhs) }))")
} else {
  MPI.initialize()
  let grid = try ProcessGrid()
  let a = try DistributedMatrix(rows: n, columns: n, rowBlock: block, columnBlock: block, grid: grid) { value(1, $0, $1) }
  let b = try DistributedMatrix(rows: n, columns: n, rowBlock: block, columnBlock: block, grid: grid) { value(2, $0, $1) }
  let rhs = try DistributedMatrix(rows: n, columns: 1, rowBlock: block, columnBlock: block, grid: grid) { value(2, $0, $1) }
  let matmul = try median({ _ = try a.matmul(b) }, between: MPI.barrier)
  let solve = try median({ _ = try a.solve(rhs) }, between: MPI.barrier)
  if MPI.rank == 0 {
    print("dist_matmul_f64_\(n)_np\(MPI.size) \(Int(matmul))")
    print("dist_solve_f64_\(n)_np\(MPI.size) \(Int(solve))")
  }
  MPI.finalize()
}
