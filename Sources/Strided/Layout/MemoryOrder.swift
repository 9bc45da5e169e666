/// The order in which the elements of a multi-dimensional array are laid out.
public enum MemoryOrder: Sendable, Hashable {
  /// Row-major: the last axis varies fastest (C, NumPy's default, `'C'`).
  case c
  /// Column-major: the first axis varies fastest (Fortran, BLAS, `'F'`).
  case fortran
}
