/// A linear-algebra routine could not produce its result; the LAPACK cases
/// carry LAPACK's `info`.
public enum LinalgError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The matrix is singular: in its LU factorization, `U[info-1, info-1]`
  /// is exactly zero.
  case singularMatrix(info: Int)
  /// The matrix is not positive definite: the leading minor of order
  /// `info` is not.
  case notPositiveDefinite(info: Int)
  /// An iterative routine (an SVD or an eigensolver) did not converge;
  /// `info` is the routine's count of what failed.
  case didNotConverge(routine: String, info: Int)
  /// A norm order that the shape does not have, or too many axes.
  case invalidNorm(String)
  /// The operation needs square matrices (the last two axes of equal
  /// length); NumPy raises `LinAlgError` here.
  case notSquare(operation: String, shape: [Int])
  /// The operation needs at least `expected` axes, or at most that many
  /// when `atMost` is set.
  case wrongRank(operation: String, shape: [Int], expected: Int, atMost: Bool)
  /// The operands' shapes do not align (a right-hand side whose rows are
  /// not the matrix's), or their stacks do not broadcast; NumPy raises
  /// `ValueError` here.
  case shapeMismatch(operation: String, shapes: [[Int]])
  /// Axes out of range, or named twice (`tensordot`).
  case invalidAxes(operation: String, axes: [Int], rank: Int)

  /// The result's element count or byte size overflows `Int` (NumPy's
  /// `ValueError`, "array is too big").
  case sizeOverflow(operation: String)
  /// The system could not provide the memory for the result (NumPy's
  /// `MemoryError`).
  case outOfMemory(byteCount: Int)

  public var description: String {
    switch self {
    case .sizeOverflow(let operation): CheckedSizeText.overflow(operation)
    case .outOfMemory(let byteCount): CheckedSizeText.outOfMemory(byteCount)
    case .singularMatrix(let info):
      "singular matrix: U[\(info - 1), \(info - 1)] is exactly zero in its LU factorization (info = \(info))"
    case .notPositiveDefinite(let info):
      "the matrix is not positive definite: the leading minor of order \(info) is not (info = \(info))"
    case .didNotConverge(let routine, let info):
      "\(routine) did not converge (info = \(info))"
    case .invalidNorm(let reason):
      "invalid norm: \(reason)"
    case .notSquare(let operation, let shape):
      "\(operation): the last two axes must have equal lengths (square matrices); got shape \(shape)"
    case .wrongRank(let operation, let shape, let expected, let atMost):
      "\(operation): expected \(atMost ? "at most" : "at least") \(expected) axes; got shape \(shape)"
    case .invalidAxes(let operation, let axes, let rank):
      "\(operation): axes \(axes) are out of range or repeated for \(rank) dimensions"
    case .shapeMismatch(let operation, let shapes):
      "\(operation): shapes \(shapes.map(\.description).joined(separator: " and ")) do not align"
    }
  }
}
