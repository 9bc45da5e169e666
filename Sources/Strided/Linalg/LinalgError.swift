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

  public var description: String {
    switch self {
    case .singularMatrix(let info):
      "singular matrix: U[\(info - 1), \(info - 1)] is exactly zero in its LU factorization (info = \(info))"
    case .notPositiveDefinite(let info):
      "the matrix is not positive definite: the leading minor of order \(info) is not (info = \(info))"
    case .didNotConverge(let routine, let info):
      "\(routine) did not converge (info = \(info))"
    case .invalidNorm(let reason):
      "invalid norm: \(reason)"
    }
  }
}
