import CScaLAPACK

/// A BLACS process grid: the job's processes arranged in `rows × columns`,
/// row-major by rank, as ScaLAPACK distributes matrices over them.
///
/// A grid covers every process of the job. Creating one is a collective
/// call: every process creates the same grid, in the same order as its
/// other collective calls.
public final class ProcessGrid: Sendable {
  /// The number of process rows, *p*.
  public let rows: Int
  /// The number of process columns, *q*.
  public let columns: Int
  /// This process's row in the grid, 0 ..< ``rows``.
  public let row: Int
  /// This process's column in the grid, 0 ..< ``columns``.
  public let column: Int
  /// The BLACS context.
  let context: Int32

  /// A grid of `rows × columns` processes.
  ///
  /// - Throws: ``DistributedError/notInitialized``, or
  ///   ``DistributedError/gridDoesNotMatchProcesses(rows:columns:processes:)``
  ///   when `rows × columns` is not the job's process count (on every
  ///   process alike, before any collective call).
  public init(rows: Int, columns: Int) throws(DistributedError) {
    guard MPI.isRunning else { throw .notInitialized }
    let processes = MPI.size
    guard rows >= 1, columns >= 1, rows.multipliedReportingOverflow(by: columns) == (processes, false) else {
      throw .gridDoesNotMatchProcesses(rows: rows, columns: columns, processes: processes)
    }
    var context: Int32 = 0
    Cblacs_get(0, 0, &context)
    Cblacs_gridinit(&context, "Row", Int32(rows), Int32(columns))
    var (p, q, r, c): (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
    Cblacs_gridinfo(context, &p, &q, &r, &c)
    self.rows = rows
    self.columns = columns
    self.row = Int(r)
    self.column = Int(c)
    self.context = context
  }

  /// A grid of every process of the job, as square as the count allows
  /// (*p* ≤ *q*, *p* the largest divisor of the count not above its square
  /// root): 4 processes give 2 × 2, 6 give 2 × 3, 7 give 1 × 7.
  ///
  /// - Throws: ``DistributedError/notInitialized``.
  public convenience init() throws(DistributedError) {
    guard MPI.isRunning else { throw .notInitialized }
    let processes = MPI.size
    var p = Int(Double(processes).squareRoot())
    while p > 1 && processes % p != 0 { p -= 1 }
    try self.init(rows: p, columns: processes / p)
  }

  deinit {
    if MPI.isRunning { Cblacs_gridexit(context) }
  }

  /// The number of processes, *p × q*.
  public var count: Int { rows * columns }
}

/// A BLACS context of one process, `rank`, for a whole matrix held there.
/// Collective: every process calls it; the others get no context.
final class SingleProcessContext {
  let context: Int32
  let isMember: Bool

  init(rank: Int) {
    var context: Int32 = 0
    Cblacs_get(0, 0, &context)
    var map = [Int32(rank)]
    Cblacs_gridmap(&context, &map, 1, 1, 1)
    self.context = context
    self.isMember = MPI.rank == rank
  }

  deinit {
    if isMember && MPI.isRunning { Cblacs_gridexit(context) }
  }
}
