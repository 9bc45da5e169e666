/// Why a distributed call could not run. Every process of the job throws
/// the same error: the conditions are checked, and agreed on where they
/// could differ between processes, before any collective call, so no
/// process is left waiting.
public enum DistributedError: Error, Equatable, Sendable, CustomStringConvertible {
  /// MPI has not been started (``MPI/initialize()``).
  case notInitialized
  /// A grid of `rows × columns` processes does not match the job's
  /// `processes` (a grid covers every process of the job).
  case gridDoesNotMatchProcesses(rows: Int, columns: Int, processes: Int)
  /// A block size ScaLAPACK rejects (each is at least 1; factorizations
  /// need square blocks).
  case invalidBlockSize(String)
  /// A negative size.
  case invalidShape(String)
  /// Two matrices whose shapes, block sizes or grids do not fit the
  /// operation.
  case mismatchedDistributions(String)
  /// The root process's input is not a matrix, or a rank is out of range.
  case invalidInput(String)
  /// A `.npy` file that cannot be read or written as this matrix: its
  /// shape or dtype does not match, or a process could not open or map it
  /// (`message` names the file and the first process's reason).
  case file(String)
  /// A ScaLAPACK routine rejected an argument (`info` < 0).
  case rejectedArgument(routine: String, info: Int)

  public var description: String {
    switch self {
    case .notInitialized: "MPI is not running: call MPI.initialize() first"
    case .gridDoesNotMatchProcesses(let rows, let columns, let processes):
      "a \(rows) × \(columns) process grid does not match the job's \(processes) processes"
    case .invalidBlockSize(let message): "invalid block size: \(message)"
    case .invalidShape(let message): "invalid shape: \(message)"
    case .mismatchedDistributions(let message): "mismatched distributions: \(message)"
    case .invalidInput(let message): message
    case .file(let message): message
    case .rejectedArgument(let routine, let info): "\(routine) rejected argument \(-info)"
    }
  }
}
