/// Which triangle of a square matrix a routine reads: NumPy's `UPLO`
/// (`"L"` or `"U"`), LAPACK's `uplo`.
///
/// The routines that take one (``NDArray/eigh(uplo:)``) treat the matrix as
/// symmetric or Hermitian and never read the other triangle.
public enum Triangle: Sendable, Hashable, CaseIterable {
  /// The diagonal and the elements below it (NumPy's `"L"`).
  case lower
  /// The diagonal and the elements above it (NumPy's `"U"`).
  case upper
}

extension Triangle {
  /// LAPACK's `uplo` character.
  var lapackCode: CChar { CChar(UInt8(ascii: self == .lower ? "L" : "U")) }
}
