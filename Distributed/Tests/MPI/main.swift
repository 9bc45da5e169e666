// The distributed tests: run under `mpirun -np 1`, `-np 2` and `-np 4` by
// `make test`. Every process computes the single-process Strided result
// from the same seeded inputs and compares the distributed result with it,
// on every grid the process count allows (1 × 4, 2 × 2 and 4 × 1 for 4),
// with sizes that the blocks do not divide. Exits non-zero when any check
// fails on any process.
import ComplexModule
import Foundation
import Strided
import StridedMPI

MPI.initialize()
if CommandLine.arguments.dropFirst().first == "--rank-dies" {
  // A process that dies while the others wait in a collective: MPI's
  // default error handling must end the job with an error, not hang it.
  if MPI.rank == 1 { exit(9) }
  MPI.barrier()
  print("the barrier completed without process 1")
  MPI.finalize()
  exit(0)
}
let rank = MPI.rank
let processes = MPI.size
nonisolated(unsafe) var checks = 0
nonisolated(unsafe) var failures = 0

func check(_ condition: Bool, _ what: @autoclosure () -> String) {
  checks += 1
  if !condition {
    failures += 1
    print("[process \(rank)] FAILED: \(what())")
  }
}

/// max |a − b| ≤ tolerance · max(1, max |b|), shapes equal.
func close<E: BLASElement>(_ a: NDArray<E>, _ b: NDArray<E>, _ tolerance: Double) -> Bool {
  guard a.shape == b.shape else { return false }
  let x = a.elements
  let y = b.elements
  var scale = 1.0
  var worst = 0.0
  for (u, v) in zip(x, y) {
    scale = max(scale, Double(v.magnitude))
    worst = max(worst, Double((u - v).magnitude))
  }
  return worst <= tolerance * scale
}

func random(_ rows: Int, _ columns: Int, seed: Int) -> NDArray<Double> {
  var generator = Generator(seed: seed)
  return generator.standardNormal([rows, columns])
}

/// Runs `body`, expecting it to throw an error whose description contains
/// `expected` (the same on every process).
func expectError(_ expected: String, _ what: String, _ body: () throws -> Void) {
  do {
    try body()
    check(false, "\(what): no error")
  } catch {
    check("\(error)".contains(expected), "\(what): \(error) does not contain \(expected)")
  }
}

func grids() -> [ProcessGrid] {
  (1...processes).filter { processes % $0 == 0 }.map { try! ProcessGrid(rows: $0, columns: processes / $0) }
}

func testMovingMatrices(_ grid: ProcessGrid) throws {
  let a = random(37, 29, seed: 1)
  for (rowBlock, columnBlock) in [(5, 5), (4, 7), (64, 64), (1, 3)] {
    for root in processes == 1 ? [0] : [0, processes - 1] {
      let d = try DistributedMatrix(
        scattering: rank == root ? a : nil, from: root, rowBlock: rowBlock, columnBlock: columnBlock, grid: grid)
      check(d.allGathered().elements == a.elements, "scatter/allGathered \(rowBlock)×\(columnBlock) root \(root)")
      let g = d.gathered(to: root)
      check((g?.elements == a.elements) == (rank == root) && (g == nil) == (rank != root), "gathered(to: \(root))")
    }
  }
  // Generated in place, element by element.
  let g = try DistributedMatrix<Double>(rows: 37, columns: 29, rowBlock: 6, columnBlock: 4, grid: grid) { a[item: $0, $1] }
  check(g.allGathered().elements == a.elements, "init(rows:columns:…) { a[i, j] }")
  // Local blocks: the Fortran layout numroc gives.
  check(g.local.isFContiguous && g.localRows <= 37 && g.localColumns <= 29, "local blocks are Fortran-ordered")
  check(MPI.sum(g.local.count) == 37 * 29, "the local blocks hold every element once")
  // Another block size, another grid.
  let r = try g.redistributed(rowBlock: 3, columnBlock: 8)
  check(r.allGathered().elements == a.elements && r.rowBlock == 3, "redistributed(rowBlock: 3, columnBlock: 8)")
  for other in grids() {
    let moved = try g.redistributed(grid: other)
    check(moved.allGathered().elements == a.elements, "redistributed to a \(other.rows) × \(other.columns) grid")
  }
  // Empty matrices.
  let empty = try DistributedMatrix<Double>(
    scattering: rank == 0 ? NDArray<Double>.zeros([0, 5]) : nil, rowBlock: 2, columnBlock: 2, grid: grid)
  check(empty.allGathered().shape == [0, 5] && empty.sum() == 0, "an empty matrix")
}

func testElementwise(_ grid: ProcessGrid) throws {
  let a = random(23, 31, seed: 2)
  let b = random(23, 31, seed: 3)
  let da = try DistributedMatrix(scattering: a, rowBlock: 4, columnBlock: 6, grid: grid)
  let db = try DistributedMatrix(scattering: b, rowBlock: 4, columnBlock: 6, grid: grid)
  check(try (da + db).allGathered().elements == (a + b).copy(order: .fortran).elements, "a + b")
  check(try (da - db).allGathered().elements == (a - b).copy(order: .fortran).elements, "a - b")
  check(try (da * db).allGathered().elements == (a * b).copy(order: .fortran).elements, "a * b")
  check(try (da / db).allGathered().elements == (a / b).copy(order: .fortran).elements, "a / b")
  check((2.5 * da - 1).allGathered().elements == (2.5 * a - 1).copy(order: .fortran).elements, "2.5 a - 1")
  check((1 / da).allGathered().elements == (1 / a).copy(order: .fortran).elements, "1 / a")
  check(da.map { exp($0) }.allGathered().elements == exp(a).copy(order: .fortran).elements, "exp(a)")
  // Reductions skip nothing and count nothing twice.
  check(abs(da.sum() - a.sum()) <= 1e-12 * a.elements.map(abs).reduce(0, +), "sum")
  check(abs(da.mean() - a.mean()) <= 1e-13, "mean")
  check(try da.min() == a.min() && da.max() == a.max(), "min, max")
  check(abs(da.norm() - (try a.norm())[]) <= 1e-12 * (try a.norm())[], "Frobenius norm")
  check(abs(da.norm(.one) - (try a.norm(.order(1)))[]) <= 1e-12 * 50, "1-norm")
  check(abs(da.norm(.infinity) - (try a.norm(.order(.infinity)))[]) <= 1e-12 * 50, "∞-norm")
  check(da.norm(.maxAbsolute) == (try abs(a).max()), "max |a|")
  // NaN wins min and max, as NumPy's.
  let withNaN = da.map { x in
    let y = x.copy(order: .fortran)
    if rank == processes - 1 && y.count > 0 { y[item: 0, 0] = .nan }
    return y
  }
  let nanSomewhere = MPI.sum(rank == processes - 1 && withNaN.local.count > 0 ? 1 : 0) > 0
  check(try withNaN.min().isNaN == nanSomewhere && withNaN.max().isNaN == nanSomewhere, "NaN in min/max")
}

func testProducts(_ grid: ProcessGrid) throws {
  let a = random(37, 29, seed: 4)
  let b = random(29, 23, seed: 5)
  let c = random(37, 19, seed: 6)
  for blocks in [(5, 5), (3, 7)] {
    let da = try DistributedMatrix(scattering: a, rowBlock: blocks.0, columnBlock: blocks.1, grid: grid)
    let db = try DistributedMatrix(scattering: b, rowBlock: blocks.1, columnBlock: blocks.0, grid: grid)
    let dc = try DistributedMatrix(scattering: c, rowBlock: blocks.0, columnBlock: blocks.1, grid: grid)
    check(close(try da.matmul(db).allGathered(), a.matmul(b), 1e-10), "a @ b, blocks \(blocks)")
    check(
      close(try da.matmul(dc, transposingSelf: .transpose).allGathered(), a.transposed().matmul(c), 1e-10),
      "a.T @ c, blocks \(blocks)")
    check(
      close(try da.matmul(da, transposingOther: .transpose).allGathered(), a.matmul(a.transposed()), 1e-10),
      "a @ a.T, blocks \(blocks)")
  }
  // Inner blocks that differ between the operands.
  let dx = try DistributedMatrix(scattering: a, rowBlock: 6, columnBlock: 4, grid: grid)
  let dy = try DistributedMatrix(scattering: b, rowBlock: 7, columnBlock: 5, grid: grid)
  check(close(try dx.matmul(dy).allGathered(), a.matmul(b), 1e-10), "a @ b, inner blocks 4 and 7")
}

func testFactorizations(_ grid: ProcessGrid) throws {
  let n = 41
  let a = random(n, n, seed: 7) + NDArray<Double>.identity(n) * 8
  let b = random(n, 3, seed: 8)
  let da = try DistributedMatrix(scattering: a, rowBlock: 6, columnBlock: 6, grid: grid)
  let db = try DistributedMatrix(scattering: b, rowBlock: 6, columnBlock: 2, grid: grid)
  check(close(try da.solve(db).allGathered(), try a.solve(b), 1e-10), "solve")
  // Singular: the same typed error as the local solve, on every process.
  let singular = a.copy()
  for j in 0..<n { singular[item: 4, j] = 0 }
  let ds = try DistributedMatrix(scattering: singular, rowBlock: 6, columnBlock: 6, grid: grid)
  do {
    _ = try ds.solve(db)
    check(false, "a singular solve did not throw")
  } catch let error as LinalgError {
    if case .singularMatrix = error { check(true, "") } else { check(false, "singular solve threw \(error)") }
  }
  // Cholesky of a symmetric positive definite matrix.
  let spd = a.matmul(a.transposed()) + NDArray<Double>.identity(n) * Double(n)
  let dspd = try DistributedMatrix(scattering: spd, rowBlock: 6, columnBlock: 6, grid: grid)
  check(close(try dspd.cholesky().allGathered(), try spd.cholesky(), 1e-10), "cholesky")
  let notPD = try DistributedMatrix(scattering: -spd, rowBlock: 6, columnBlock: 6, grid: grid)
  expectError("matrix is not positive definite", "cholesky of −spd") { _ = try notPD.cholesky() }
  // Least squares, more rows than columns and more columns than rows.
  // Blocks that are not square, and b's unlike a's.
  for (m, k) in [(45, 20), (17, 30)] {
    let t = random(m, k, seed: m)
    let y = random(m, 2, seed: k)
    for (blocks, yBlocks) in [((5, 5), (5, 3)), ((4, 7), (3, 2))] {
      let dt = try DistributedMatrix(scattering: t, rowBlock: blocks.0, columnBlock: blocks.1, grid: grid)
      let dy = try DistributedMatrix(scattering: y, rowBlock: yBlocks.0, columnBlock: yBlocks.1, grid: grid)
      check(
        close(try dt.leastSquares(dy).allGathered(), try t.leastSquares(y).solution, 1e-10),
        "lstsq \(m)×\(k), blocks \(blocks) and \(yBlocks)")
    }
  }
  // Symmetric eigenproblem: eigenvalues, and a·v = v·Λ.
  let s = spd
  let (w, v) = try dspd.eigh()
  check(close(w, try s.eigh().eigenvalues, 1e-10), "eigh eigenvalues")
  let vectors = v.allGathered()
  let residual = s.matmul(vectors) - vectors * (try w.reshaped(to: [1, n]))
  check(close(residual, NDArray<Double>.zeros([n, n]), 1e-9 * (try s.norm())[]), "eigh: a·v = v·Λ")
  // Thin SVD: singular values, and u·diag(s)·vt = a.
  let r = random(37, 29, seed: 9)
  let dr = try DistributedMatrix(scattering: r, rowBlock: 5, columnBlock: 5, grid: grid)
  let (u, sv, vt) = try dr.svd()
  check(close(sv, try r.svd(fullMatrices: false).s, 1e-10), "svd singular values")
  let rebuilt = (u.allGathered() * (try sv.reshaped(to: [1, 29]))).matmul(vt.allGathered())
  check(close(rebuilt, r, 1e-10), "svd: u·diag(s)·vt = a")
}

func testOtherTypes(_ grid: ProcessGrid) throws {
  let a = random(19, 19, seed: 10) + NDArray<Double>.identity(19) * 6
  let b = random(19, 4, seed: 11)
  let fa = a.converted(to: Float.self)
  let fb = b.converted(to: Float.self)
  let dfa = try DistributedMatrix(scattering: fa, rowBlock: 4, columnBlock: 4, grid: grid)
  let dfb = try DistributedMatrix(scattering: fb, rowBlock: 4, columnBlock: 3, grid: grid)
  check(close(try dfa.matmul(dfb).allGathered(), fa.matmul(fb), 1e-5), "Float matmul")
  check(close(try dfa.solve(dfb).allGathered(), try fa.solve(fb), 1e-4), "Float solve")
  typealias Z = Complex<Double>
  let za = NDArray<Z>(zip(a.elements, random(19, 19, seed: 12).elements).map { Z($0, $1) }, shape: [19, 19])
  let zb = NDArray<Z>(zip(b.elements, random(19, 4, seed: 13).elements).map { Z($0, $1) }, shape: [19, 4])
  let dza = try DistributedMatrix(scattering: za, rowBlock: 4, columnBlock: 4, grid: grid)
  let dzb = try DistributedMatrix(scattering: zb, rowBlock: 4, columnBlock: 3, grid: grid)
  check(close(try dza.matmul(dzb).allGathered(), za.matmul(zb), 1e-10), "Complex<Double> matmul")
  check(close(try dza.solve(dzb).allGathered(), try za.solve(zb), 1e-10), "Complex<Double> solve")
  check(
    close(try dza.matmul(dza, transposingOther: .adjoint).allGathered(), za.matmul(za.conjugated().transposed()), 1e-10),
    "Complex<Double> a @ a.conj().T")
  let h = za.matmul(za.conjugated().transposed())
  let dh = try DistributedMatrix(scattering: h, rowBlock: 4, columnBlock: 4, grid: grid)
  check(close(try dh.eigh().eigenvalues, try h.eigh().eigenvalues, 1e-10), "Hermitian eigh")
  let cf = za.converted(to: Complex<Float>.self)
  let dcf = try DistributedMatrix(scattering: cf, rowBlock: 5, columnBlock: 5, grid: grid)
  check(close(try dcf.matmul(dcf).allGathered(), cf.matmul(cf), 1e-4), "Complex<Float> matmul")
}

func testFiles(_ grid: ProcessGrid, folder: URL) throws {
  let a = random(26, 17, seed: 14)
  let path = folder.appendingPathComponent("a-\(grid.rows)x\(grid.columns).npy")
  let da = try DistributedMatrix(scattering: a, rowBlock: 4, columnBlock: 3, grid: grid)
  // An old file at the path is replaced whole.
  if rank == 0 { try NDArray<Double>.zeros([2]).writeNPY(to: path) }
  MPI.barrier()
  try da.writeNPY(to: path)
  let back = try NDArray<Double>(contentsOfNPY: path)
  check(back.elements == a.elements, "writeNPY, read by one process")
  // Through a symbolic link: the file it names is replaced, its mode kept.
  let link = folder.appendingPathComponent("link-\(grid.rows)x\(grid.columns).npy")
  if rank == 0 {
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: path)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path.path)
  }
  MPI.barrier()
  try (da * 2).writeNPY(to: link)
  let linked = try FileManager.default.destinationOfSymbolicLink(atPath: link.path)
  let mode = try FileManager.default.attributesOfItem(atPath: path.path)[.posixPermissions] as? Int
  check(linked == path.path && mode == 0o640, "a link is written through (\(linked), mode \(String(mode ?? 0, radix: 8)))")
  check(try NDArray<Double>(contentsOfNPY: path).elements == (a * 2).elements, "the linked file has the new matrix")
  MPI.barrier()
  if rank == 0 { try a.writeNPY(to: path) }
  MPI.barrier()
  let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("partial") }
  check(leftovers.isEmpty, "no partial files left: \(leftovers)")
  MPI.barrier()
  // Read back, in another distribution; and files written by one process
  // in C order, Fortran order and big-endian.
  let read = try DistributedMatrix<Double>(readingNPY: path, rowBlock: 5, columnBlock: 2, grid: grid)
  check(read.allGathered().elements == a.elements, "readingNPY (Fortran order, written distributed)")
  let cPath = folder.appendingPathComponent("c.npy")
  let bigPath = folder.appendingPathComponent("big.npy")
  if rank == 0 {
    try a.writeNPY(to: cPath)
    let big = try NDView(creatingNPY: bigPath, format: Format(.float64, byteOrder: .big), shape: [26, 17])
    big.withUnsafeMutableBytes { bytes in
      for (i, x) in a.elements.enumerated() { bytes.storeBytes(of: x.bitPattern.bigEndian, toByteOffset: 8 * i, as: UInt64.self) }
    }
  }
  MPI.barrier()
  for file in [cPath, bigPath] {
    let d = try DistributedMatrix<Double>(readingNPY: file, rowBlock: 3, columnBlock: 4, grid: grid)
    check(d.allGathered().elements == a.elements, "readingNPY \(file.lastPathComponent)")
  }
  // Bad files: the same typed error on every process.
  let cube = folder.appendingPathComponent("cube.npy")
  if rank == 0 { try NDArray<Double>.zeros([2, 2, 2]).writeNPY(to: cube) }
  MPI.barrier()
  expectError("\(cube.path): a 3-D array", "a 3-D file") {
    _ = try DistributedMatrix<Double>(readingNPY: cube, grid: grid)
  }
  expectError("\(cPath.path): dtype", "a file of another dtype") {
    _ = try DistributedMatrix<Float>(readingNPY: cPath, grid: grid)
  }
  expectError(folder.appendingPathComponent("missing.npy").path, "a missing file") {
    _ = try DistributedMatrix<Double>(readingNPY: folder.appendingPathComponent("missing.npy"), grid: grid)
  }
  if processes > 1 {
    // Process 0 reads a file, the others a path that is missing: all throw.
    expectError("cannot open", "a file only process 0 can read") {
      _ = try DistributedMatrix<Double>(readingNPY: rank == 0 ? cPath : cPath.appendingPathExtension("gone"), grid: grid)
    }
  }
  MPI.barrier()
  expectError("file", "writing into a folder that does not exist") {
    try da.writeNPY(to: folder.appendingPathComponent("no/such/folder/a.npy"))
  }
}

func testBadInput(_ grid: ProcessGrid) throws {
  let a = random(10, 10, seed: 15)
  let d1 = try DistributedMatrix(scattering: a, rowBlock: 2, columnBlock: 2, grid: grid)
  let d2 = try DistributedMatrix(scattering: a, rowBlock: 3, columnBlock: 3, grid: grid)
  expectError("mismatched distributions", "a + b with other blocks") { _ = try d1 + d2 }
  expectError("mismatched distributions", "a solve with a non-square matrix") {
    _ = try DistributedMatrix(scattering: random(10, 4, seed: 1), rowBlock: 2, columnBlock: 2, grid: grid).solve(d1)
  }
  let rectangular = try DistributedMatrix(scattering: a, rowBlock: 2, columnBlock: 3, grid: grid)
  expectError("invalid block size", "cholesky with non-square blocks") { _ = try rectangular.cholesky() }
  expectError("invalid block size", "solve with b's row blocks unlike a's") { _ = try d1.solve(d2) }
  expectError("mismatched distributions", "matmul with inner sizes that differ") {
    _ = try d1.matmul(try DistributedMatrix(scattering: random(7, 3, seed: 1), rowBlock: 2, columnBlock: 2, grid: grid))
  }
  expectError("invalid block size", "a block of 0 rows") {
    _ = try DistributedMatrix<Double>(rows: 4, columns: 4, rowBlock: 0, columnBlock: 2, grid: grid)
  }
  expectError("invalid shape", "a negative size") {
    _ = try DistributedMatrix<Double>(rows: -1, columns: 4, grid: grid)
  }
  expectError("the root's matrix is missing", "a root without a matrix") {
    _ = try DistributedMatrix<Double>(scattering: rank == 0 ? nil : a, grid: grid)
  }
  expectError("the root's matrix is missing", "a root with a vector") {
    _ = try DistributedMatrix<Double>(scattering: NDArray<Double>.zeros([3]), grid: grid)
  }
  expectError("root \(processes)", "a root outside the grid") {
    _ = try DistributedMatrix<Double>(scattering: a, from: processes, grid: grid)
  }
  expectError("invalid shape: min of an empty", "min of an empty matrix") {
    _ = try DistributedMatrix<Double>(rows: 0, columns: 3, grid: grid).min()
  }
}

let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
  "strided-mpi-\(MPI.broadcast(Int.random(in: 0...Int.max), from: 0))")
if rank == 0 { try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
MPI.barrier()

for grid in grids() {
  for (name, test) in [
    ("moving", testMovingMatrices), ("element-wise", testElementwise), ("products", testProducts),
    ("factorizations", testFactorizations), ("other types", testOtherTypes),
    ("files", { try testFiles($0, folder: folder) }), ("bad input", testBadInput),
  ] as [(String, (ProcessGrid) throws -> Void)] {
    do {
      try test(grid)
    } catch {
      check(false, "\(name) on a \(grid.rows) × \(grid.columns) grid threw \(error)")
    }
  }
}
expectError("a \(processes + 1) × 1 process grid does not match", "a grid larger than the job") {
  _ = try ProcessGrid(rows: processes + 1, columns: 1)
}
let automatic = try! ProcessGrid()
check(automatic.count == processes && automatic.rows <= automatic.columns, "the automatic grid")

MPI.barrier()
if rank == 0 { try? FileManager.default.removeItem(at: folder) }
let totalChecks = MPI.sum(checks)
let totalFailures = MPI.sum(failures)
if rank == 0 {
  print("Distributed tests on \(processes) process\(processes == 1 ? "" : "es"): \(totalChecks) checks, \(totalFailures) failed")
}
MPI.finalize()
exit(totalFailures == 0 ? 0 : 1)
