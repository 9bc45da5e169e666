import CMPI
import CScaLAPACK

/// The processes of an MPI job (`MPI_COMM_WORLD`): starting and ending MPI,
/// this process's rank, and the few collectives Strided's distributed
/// types use.
///
/// Start the program with `mpirun -np N program`; call ``initialize()``
/// before anything else distributed and ``finalize()`` at the end. MPI's
/// default error handler stays in place: an MPI call that fails, or a
/// process of the job that dies, ends every process with an error instead
/// of leaving the others waiting.
public enum MPI {
  /// Starts MPI if it has not been started (`MPI_Init_thread`, with the
  /// calling thread the only one that makes MPI calls). Idempotent.
  public static func initialize() {
    var started: Int32 = 0
    MPI_Initialized(&started)
    if started != 0 { return }
    var provided: Int32 = 0
    MPI_Init_thread(nil, nil, strided_mpi_thread_funneled(), &provided)
    MPI_Comm_set_errhandler(strided_mpi_comm_world(), strided_mpi_errors_are_fatal())
  }

  /// Ends BLACS and MPI (`MPI_Finalize`), once every process has reached
  /// this call.
  /// Distributed matrices and grids must not be used afterwards.
  public static func finalize() {
    var ended: Int32 = 0
    MPI_Finalized(&ended)
    if ended == 0 {
      Cblacs_exit(1)  // BLACS's contexts and buffers; MPI is ended next
      MPI_Finalize()
    }
  }

  /// Whether ``initialize()`` has run (and ``finalize()`` has not).
  public static var isRunning: Bool {
    var started: Int32 = 0
    var ended: Int32 = 0
    MPI_Initialized(&started)
    MPI_Finalized(&ended)
    return started != 0 && ended == 0
  }

  /// This process's number, 0 ..< ``size``.
  ///
  /// - Precondition: MPI is running.
  public static var rank: Int {
    if !isRunning { fatalError("MPI.rank: call MPI.initialize() first") }
    var rank: Int32 = 0
    MPI_Comm_rank(strided_mpi_comm_world(), &rank)
    return Int(rank)
  }

  /// The number of processes in the job.
  ///
  /// - Precondition: MPI is running.
  public static var size: Int {
    if !isRunning { fatalError("MPI.size: call MPI.initialize() first") }
    var size: Int32 = 0
    MPI_Comm_size(strided_mpi_comm_world(), &size)
    return Int(size)
  }

  /// Waits until every process has called it (`MPI_Barrier`).
  public static func barrier() {
    MPI_Barrier(strided_mpi_comm_world())
  }

  /// Ends every process of the job with `code` (`MPI_Abort`).
  public static func abort(code: Int32 = 1) -> Never {
    MPI_Abort(strided_mpi_comm_world(), code)
    fatalError("MPI_Abort returned")
  }

  /// Whether `condition` holds on every process (a logical AND over the
  /// job). Every process must call it; it is how distributed calls agree
  /// before a collective, so that a failure on one process is an error on
  /// all instead of a wait that never ends.
  public static func everyone(_ condition: Bool) -> Bool {
    reduced(condition ? 1 : 0, strided_mpi_min()) == 1
  }

  /// The sum of `value` over every process, on every process
  /// (`MPI_Allreduce` with `MPI_SUM`).
  public static func sum(_ value: Int) -> Int { reduced(value, strided_mpi_sum()) }

  /// `value` reduced with `op` (sum, min, max) over every process, on every
  /// process.
  static func reduced(_ value: Int, _ op: MPI_Op?) -> Int {
    var value = Int64(value)
    allReduce(&value, count: 1, type: strided_mpi_int64(), op: op)
    return Int(value)
  }

  /// `MPI_Allreduce` in place on `count` values at `buffer`.
  static func allReduce(_ buffer: UnsafeMutableRawPointer, count: Int, type: MPI_Datatype?, op: MPI_Op?) {
    MPI_Allreduce(strided_mpi_in_place(), buffer, Int32(count), type, op, strided_mpi_comm_world())
  }

  /// `MPI_Bcast` of `byteCount` bytes at `buffer` from `root`.
  static func broadcast(_ buffer: UnsafeMutableRawPointer, byteCount: Int, from root: Int) {
    var offset = 0
    while offset < byteCount {
      let chunk = min(byteCount - offset, Int(Int32.max))
      MPI_Bcast(buffer + offset, Int32(chunk), strided_mpi_byte(), Int32(root), strided_mpi_comm_world())
      offset += chunk
    }
  }

  /// `value` as the process `root` holds it, on every process
  /// (`MPI_Bcast`).
  public static func broadcast(_ value: Int, from root: Int) -> Int {
    Int(broadcast([Int64(value)], count: 1, from: root)[0])
  }

  /// `values` as `root` holds them, on every process.
  static func broadcast(_ values: [Int64], count: Int, from root: Int) -> [Int64] {
    var values = values.count == count ? values : [Int64](repeating: 0, count: count)
    values.withUnsafeMutableBytes { broadcast($0.baseAddress!, byteCount: $0.count, from: root) }
    return values
  }
}

extension MPI {
  /// Agrees on whether any process failed: `nil` when none did, else the
  /// failure of the lowest-ranked process that did, as it describes it, on
  /// every process. Collective.
  static func firstFailure(_ failure: String?) -> String? {
    let root = reduced(failure == nil ? size : rank, strided_mpi_min())
    guard root < size else { return nil }
    let bytes = Array((failure ?? "").utf8)
    let count = Int(broadcast([Int64(bytes.count)], count: 1, from: root)[0])
    var message = rank == root ? bytes : [UInt8](repeating: 0, count: count)
    if count > 0 { message.withUnsafeMutableBytes { broadcast($0.baseAddress!, byteCount: count, from: root) } }
    return String(decoding: message, as: UTF8.self) + (size > 1 ? " (process \(root))" : "")
  }
}
