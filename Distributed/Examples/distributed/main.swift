// Solves a linear system and multiplies two matrices distributed over MPI
// processes with ScaLAPACK, checks the residual, and prints the times next
// to the single-process Strided calls on process 0.
//
//   make demo-distributed                      # 4 processes, n = 4096
//   swift build -c release --package-path Distributed --product distributed
//   mpirun -np 4 Distributed/.build/release/distributed 2048
//
// Each process generates only its own blocks of the matrices: no process
// holds a whole distributed matrix. Process 0 also builds the whole
// matrices for the single-process comparison (while the others wait).
import Foundation
import Strided
import StridedMPI

MPI.initialize()
let n = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 4096 : 4096
let rank = MPI.rank
let grid = try! ProcessGrid()

/// A reproducible pseudo-random value in [−0.5, 0.5) for element (i, j) of
/// matrix `seed`, the same on every process: a 64-bit mix of the indices.
func value(_ seed: UInt64, _ i: Int, _ j: Int) -> Double {
  var x = seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(i) &* 0xBF58_476D_1CE4_E5B9 ^ UInt64(j) &* 0x94D0_49BB_1331_11EB
  x ^= x >> 31
  x = x &* 0xD6E8_FEB8_6659_FD93
  x ^= x >> 32
  return Double(x >> 11) * 0x1p-53 - 0.5
}
// Diagonally dominant, so the system is well conditioned.
func a(_ i: Int, _ j: Int) -> Double { value(1, i, j) + (i == j ? Double(n) / 4 : 0) }
func b(_ i: Int, _ j: Int) -> Double { value(2, i, j) }

func seconds(_ body: () throws -> Void) rethrows -> Double {
  MPI.barrier()
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  MPI.barrier()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let block = 128
let da = try! DistributedMatrix(rows: n, columns: n, rowBlock: block, columnBlock: block, grid: grid, a)
let db = try! DistributedMatrix(rows: n, columns: n, rowBlock: block, columnBlock: block, grid: grid, b)
let rhs = try! DistributedMatrix(rows: n, columns: 1, rowBlock: block, columnBlock: block, grid: grid, b)

var product: DistributedMatrix<Double>!
var solution: DistributedMatrix<Double>!
let matmulTime = try! seconds { product = try da.matmul(db) }
let solveTime = try! seconds { solution = try da.solve(rhs) }

// Residual ‖a·x − b‖ / (‖a‖ ‖x‖), computed distributed.
let residual = try! (da.matmul(solution) - rhs).norm() / (da.norm() * solution.norm())
let gatheredProduct = product.gathered(to: 0)
let gatheredSolution = solution.gathered(to: 0)

/// max |x − y| / max |y|.
func difference(_ x: NDArray<Double>, _ y: NDArray<Double>) -> Double {
  (try! abs(x - y).max()) / (try! abs(y).max())
}

var localMatmul = 0.0
var localSolve = 0.0
var worst = 0.0
if rank == 0 {
  let la = NDArray<Double>.zeros([n, n])
  let lb = NDArray<Double>.zeros([n, n])
  for i in 0..<n {
    for j in 0..<n {
      la[item: i, j] = a(i, j)
      lb[item: i, j] = b(i, j)
    }
  }
  let lr = lb[0..., 0..<1].copy()
  // The single-process calls get every processor this process may use (the
  // processes run with one BLAS thread each; the others wait meanwhile).
  let threads = Parallelism.threadCount
  Parallelism.threadCount = Parallelism.availableProcessors
  defer { Parallelism.threadCount = threads }
  var start = DispatchTime.now().uptimeNanoseconds
  let lc = la.matmul(lb)
  localMatmul = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  start = DispatchTime.now().uptimeNanoseconds
  let lx = try! la.solve(lr)
  localSolve = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  worst = max(difference(gatheredProduct!, lc), difference(gatheredSolution!, lx))
  print("n = \(n), \(MPI.size) processes on a \(grid.rows) × \(grid.columns) grid, \(block) × \(block) blocks")
  print(String(format: "matmul: %7.3f s distributed, %7.3f s single-process Strided", matmulTime, localMatmul))
  print(String(format: "solve:  %7.3f s distributed, %7.3f s single-process Strided", solveTime, localSolve))
  print(String(format: "residual ‖a·x − b‖ / (‖a‖ ‖x‖) = %.2e", residual))
  print(String(format: "largest relative difference from the single-process results: %.2e", worst))
}
MPI.finalize()
exit(residual < 1e-14 && worst < 1e-10 ? 0 : 1)
