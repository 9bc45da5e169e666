import CMPI
import Strided

// Element-wise work is local: each process computes on its own blocks, and
// nothing is communicated.

extension DistributedMatrix {
  /// The matrix with `transform` applied to the local blocks: an
  /// element-wise Strided function (`exp`, `abs`, `clip`, …). Local.
  ///
  /// - Precondition: `transform` keeps the local blocks' shape.
  public func map(_ transform: (NDArray<Element>) throws -> NDArray<Element>) rethrows -> DistributedMatrix {
    with(local: fortranOrdered(try transform(local), "map"))
  }

  /// The matrix combining `self` and `other` element by element with
  /// `transform` (a Strided function of two arrays). Local.
  ///
  /// - Throws: ``DistributedError/mismatchedDistributions(_:)`` unless both
  ///   have the same grid, shape and blocks.
  /// - Precondition: `transform` keeps the local blocks' shape.
  public func combined(
    with other: DistributedMatrix, _ transform: (NDArray<Element>, NDArray<Element>) -> NDArray<Element>
  ) throws(DistributedError) -> DistributedMatrix {
    try checkSameDistribution(other, "element-wise operation")
    return with(local: fortranOrdered(transform(local, other.local), "combined(with:)"))
  }

  /// Throws unless `other` has the same grid, shape and blocks.
  func checkSameDistribution<Other>(_ other: DistributedMatrix<Other>, _ operation: String) throws(DistributedError) {
    guard hasSameDistribution(as: other) else {
      throw .mismatchedDistributions(
        "\(operation): \(rows) × \(columns) in \(rowBlock) × \(columnBlock) blocks on a \(grid.rows) × "
          + "\(grid.columns) grid, and \(other.rows) × \(other.columns) in \(other.rowBlock) × "
          + "\(other.columnBlock) blocks on a \(other.grid.rows) × \(other.grid.columns) grid"
          + (grid === other.grid ? "" : " (another grid object)"))
    }
  }

  /// `result` in Fortran order, as local blocks must be.
  func fortranOrdered(_ result: NDArray<Element>, _ what: String) -> NDArray<Element> {
    if result.shape != local.shape {
      fatalError("DistributedMatrix.\(what): the local result has shape \(result.shape), not the blocks' \(local.shape)")
    }
    return result.isFContiguous && !result.isReadOnly ? result : result.copy(order: .fortran)
  }

  /// Element-wise sum. Local. NumPy: `a + b`.
  ///
  /// - Throws: ``DistributedError/mismatchedDistributions(_:)``.
  public static func + (a: DistributedMatrix, b: DistributedMatrix) throws(DistributedError) -> DistributedMatrix {
    try a.combined(with: b, +)
  }
  /// Element-wise difference. Local. NumPy: `a - b`.
  ///
  /// - Throws: ``DistributedError/mismatchedDistributions(_:)``.
  public static func - (a: DistributedMatrix, b: DistributedMatrix) throws(DistributedError) -> DistributedMatrix {
    try a.combined(with: b, -)
  }
  /// Element-wise product. Local. NumPy: `a * b`.
  ///
  /// - Throws: ``DistributedError/mismatchedDistributions(_:)``.
  public static func * (a: DistributedMatrix, b: DistributedMatrix) throws(DistributedError) -> DistributedMatrix {
    try a.combined(with: b, *)
  }
  /// Element-wise quotient. Local. NumPy: `a / b`.
  ///
  /// - Throws: ``DistributedError/mismatchedDistributions(_:)``.
  public static func / (a: DistributedMatrix, b: DistributedMatrix) throws(DistributedError) -> DistributedMatrix {
    try a.combined(with: b, /)
  }

  /// Adds a scalar to every element. Local.
  public static func + (a: DistributedMatrix, b: Element) -> DistributedMatrix { a.map { $0 + b } }
  /// Adds a scalar to every element. Local.
  public static func + (a: Element, b: DistributedMatrix) -> DistributedMatrix { b.map { a + $0 } }
  /// Subtracts a scalar from every element. Local.
  public static func - (a: DistributedMatrix, b: Element) -> DistributedMatrix { a.map { $0 - b } }
  /// A scalar minus every element. Local.
  public static func - (a: Element, b: DistributedMatrix) -> DistributedMatrix { b.map { a - $0 } }
  /// Multiplies every element by a scalar. Local.
  public static func * (a: DistributedMatrix, b: Element) -> DistributedMatrix { a.map { $0 * b } }
  /// Multiplies every element by a scalar. Local.
  public static func * (a: Element, b: DistributedMatrix) -> DistributedMatrix { b.map { a * $0 } }
  /// Divides every element by a scalar. Local.
  public static func / (a: DistributedMatrix, b: Element) -> DistributedMatrix { a.map { $0 / b } }
  /// A scalar divided by every element. Local.
  public static func / (a: Element, b: DistributedMatrix) -> DistributedMatrix { b.map { a / $0 } }
}

// MARK: - Reductions

extension DistributedMatrix {
  /// The sum of every element: each process sums its blocks (Strided's
  /// pairwise sum), then `MPI_Allreduce` adds the partial sums. Every
  /// process gets the result; 0 for an empty matrix. The local blocks hold
  /// no padding, so nothing outside the matrix is counted.
  ///
  /// NumPy: `a.sum()`. The rounding differs from one process's sum by the
  /// order of the partial sums.
  public func sum() -> Element {
    var total = local.sum()
    withUnsafeMutableBytes(of: &total) {
      MPI.allReduce($0.baseAddress!, count: 1, type: ScaLAPACKType.of(Element.self).mpiType, op: strided_mpi_sum())
    }
    return total
  }

  /// The norm `kind` of the matrix, on every process (ScaLAPACK's
  /// `p?lange`).
  ///
  /// NumPy: `np.linalg.norm(a, ord)` with `ord` `"fro"` (the default),
  /// `1`, `np.inf`; `.maxAbsolute` is `np.abs(a).max()`. 0 for an empty
  /// matrix.
  public func norm(_ kind: DistributedNorm = .frobenius) -> Double {
    guard rows > 0 && columns > 0 else { return 0 }
    let code: UInt8 =
      switch kind {
      case .frobenius: UInt8(ascii: "F")
      case .one: UInt8(ascii: "1")
      case .infinity: UInt8(ascii: "I")
      case .maxAbsolute: UInt8(ascii: "M")
      }
    return withLocal { a in
      ScaLAPACK.lange(
        Element.self, code, m: rows, n: columns, a: a, descriptor, localRows: localRows, localColumns: localColumns)
    }
  }
}

extension DistributedMatrix where Element: BinaryFloatingPoint {
  /// The mean of every element, on every process; NaN for an empty matrix.
  ///
  /// NumPy: `a.mean()`.
  public func mean() -> Element { sum() / Element(rows * columns) }

  /// The smallest element, on every process (`MPI_Allreduce` of the local
  /// minima). NaN when any element is NaN, as NumPy's `min`.
  ///
  /// NumPy: `a.min()`.
  ///
  /// - Throws: ``DistributedError/invalidShape(_:)`` for an empty matrix
  ///   (NumPy raises `ValueError`).
  public func min() throws(DistributedError) -> Element {
    try extreme(strided_mpi_min(), "min") { try $0.min() }
  }

  /// The largest element, on every process. NaN when any element is NaN.
  ///
  /// NumPy: `a.max()`.
  ///
  /// - Throws: ``DistributedError/invalidShape(_:)`` for an empty matrix.
  public func max() throws(DistributedError) -> Element {
    try extreme(strided_mpi_max(), "max") { try $0.max() }
  }

  private func extreme(
    _ op: MPI_Op?, _ name: String, _ reduce: (NDArray<Element>) throws -> Element
  ) throws(DistributedError) -> Element {
    guard rows > 0 && columns > 0 else { throw .invalidShape("\(name) of an empty \(rows) × \(columns) matrix") }
    // Processes without blocks contribute the identity; MPI's MIN and MAX
    // drop NaN, so whether any process saw one is reduced separately.
    var value: Element = local.count > 0 ? ((try? reduce(local)) ?? .nan) : (op == strided_mpi_min() ? .infinity : -.infinity)
    let sawNaN = !MPI.everyone(!value.isNaN)
    var wide = Double(value)
    MPI.allReduce(&wide, count: 1, type: strided_mpi_double(), op: op)
    value = Element(wide)
    return sawNaN ? .nan : value
  }
}

/// The matrix norms of ``DistributedMatrix/norm(_:)``.
public enum DistributedNorm: Sendable, Hashable {
  /// √(Σ|aᵢⱼ|²). NumPy: `ord="fro"`.
  case frobenius
  /// The largest column sum of |aᵢⱼ|. NumPy: `ord=1`.
  case one
  /// The largest row sum of |aᵢⱼ|. NumPy: `ord=np.inf`.
  case infinity
  /// The largest |aᵢⱼ|. NumPy: `np.abs(a).max()`.
  case maxAbsolute
}
