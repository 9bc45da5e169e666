// How many threads Strided splits its work over, and a sum that comes out
// the same, bit for bit, with any number of them.
//
//   swift run threads
//   STRIDED_NUM_THREADS=1 swift run threads     # the setting from the environment
//   taskset -c 0 swift run threads              # the processors this process may use
import Strided

// OpenBLAS has STRIDED_NUM_THREADS's count from the start, before the
// first parallel call.
print("BLAS threads at start: \(BLAS.threadCount)")
print("available processors: \(Parallelism.availableProcessors)")
print("threads: \(Parallelism.threadCount)")

var rng = Generator(seed: 1)
let x = rng.standardNormal([4_000_000])
let total = x.sum()
print("sum of 4,000,000 standard normals: \(total)")

// The same sum on the calling thread alone.
let threads = Parallelism.threadCount
Parallelism.threadCount = 1
let alone = x.sum()
Parallelism.threadCount = threads
print(alone.bitPattern == total.bitPattern ? "the same bits with 1 thread" : "DIFFERENT with 1 thread: \(alone)")
