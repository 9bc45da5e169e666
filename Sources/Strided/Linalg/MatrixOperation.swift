import COpenBLAS

/// How an operand enters a matrix product, as BLAS's `trans` argument.
public enum MatrixOperation: Sendable, Hashable {
  /// The matrix as it is.
  case identity
  /// Its transpose.
  case transpose
  /// Its conjugate transpose (the transpose, for real types).
  case adjoint
}

extension MatrixOperation {
  func cblas(flipped: Bool) -> CBLAS_TRANSPOSE {
    switch self {
    case .identity: flipped ? CblasTrans : CblasNoTrans
    case .transpose: flipped ? CblasNoTrans : CblasTrans
    case .adjoint: CblasConjTrans
    }
  }
}
