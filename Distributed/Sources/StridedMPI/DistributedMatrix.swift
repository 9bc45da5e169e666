import CMPI
import Strided

/// A matrix distributed over a ``ProcessGrid`` in ScaLAPACK's 2-D
/// block-cyclic layout: `rowBlock × columnBlock` blocks dealt to the
/// process rows and columns in turn, starting at process (0, 0).
///
/// Each process holds its blocks in ``local``, an `NDArray` in Fortran
/// order (its leading dimension is its row count, from ScaLAPACK's
/// `numroc`), so every local Strided operation works on it, and the same
/// memory goes to ScaLAPACK without a copy.
///
/// Every operation is collective unless its documentation says local:
/// every process of the grid calls it, with the same arguments, in the same
/// order. Distribution mismatches are found from what every process knows
/// alike and thrown everywhere before any communication.
public struct DistributedMatrix<Element: DistributedElement>: Sendable {
  /// The grid the matrix is distributed over.
  public let grid: ProcessGrid
  /// The global number of rows.
  public let rows: Int
  /// The global number of columns.
  public let columns: Int
  /// Rows per block.
  public let rowBlock: Int
  /// Columns per block.
  public let columnBlock: Int
  /// This process's blocks: ``localRows`` × ``localColumns``, Fortran
  /// order. Writing to it changes the distributed matrix.
  public let local: NDArray<Element>

  /// The global shape, `[rows, columns]`.
  public var shape: [Int] { [rows, columns] }
  /// The rows held by this process.
  public var localRows: Int { local.shape[0] }
  /// The columns held by this process.
  public var localColumns: Int { local.shape[1] }

  /// A matrix of zeros. Local; no communication.
  ///
  /// - Parameters:
  ///   - rowBlock, columnBlock: The block size (64 × 64 by default, a
  ///     common choice for ScaLAPACK). Factorizations need square blocks.
  /// - Throws: ``DistributedError/invalidShape(_:)`` for a negative size,
  ///   ``DistributedError/invalidBlockSize(_:)`` for a block under 1 or
  ///   local blocks beyond ScaLAPACK's 32-bit indices.
  public init(
    rows: Int, columns: Int, rowBlock: Int = 64, columnBlock: Int = 64, grid: ProcessGrid
  ) throws(DistributedError) {
    guard rows >= 0, columns >= 0 else { throw .invalidShape("\(rows) × \(columns)") }
    guard rowBlock >= 1, columnBlock >= 1, rowBlock < Int(Int32.max), columnBlock < Int(Int32.max) else {
      throw .invalidBlockSize("\(rowBlock) × \(columnBlock)")
    }
    guard rows < Int(Int32.max), columns < Int(Int32.max) else {
      throw .invalidShape("\(rows) × \(columns) is beyond ScaLAPACK's 32-bit indices")
    }
    // Process (0, 0) holds the most: checked for it, every process agrees.
    let largest = (
      ScaLAPACK.numroc(rows, rowBlock, 0, grid.rows), ScaLAPACK.numroc(columns, columnBlock, 0, grid.columns)
    )
    let (elements, overflow) = Swift.max(1, largest.0).multipliedReportingOverflow(by: largest.1)
    guard !overflow, elements < Int(Int32.max) else {
      throw .invalidShape("local blocks of \(largest.0) × \(largest.1) are beyond ScaLAPACK's 32-bit indices")
    }
    let localRows = ScaLAPACK.numroc(rows, rowBlock, grid.row, grid.rows)
    let localColumns = ScaLAPACK.numroc(columns, columnBlock, grid.column, grid.columns)
    self.init(
      grid: grid, rows: rows, columns: columns, rowBlock: rowBlock, columnBlock: columnBlock,
      local: .zeros([localRows, localColumns], order: .fortran))
  }

  /// A matrix whose element (*i*, *j*) is `element(i, j)`, each process
  /// computing only its own elements. Local; no communication.
  ///
  /// - Throws: As ``init(rows:columns:rowBlock:columnBlock:grid:)``.
  public init(
    rows: Int, columns: Int, rowBlock: Int = 64, columnBlock: Int = 64, grid: ProcessGrid,
    _ element: (_ row: Int, _ column: Int) -> Element
  ) throws(DistributedError) {
    try self.init(rows: rows, columns: columns, rowBlock: rowBlock, columnBlock: columnBlock, grid: grid)
    let local = self.local
    forEachLocalBlock { global, part in
      for j in 0..<part.columns.count {
        for i in 0..<part.rows.count {
          local[item: part.rows.lowerBound + i, part.columns.lowerBound + j] =
            element(global.rows.lowerBound + i, global.columns.lowerBound + j)
        }
      }
    }
  }

  init(grid: ProcessGrid, rows: Int, columns: Int, rowBlock: Int, columnBlock: Int, local: NDArray<Element>) {
    self.grid = grid
    self.rows = rows
    self.columns = columns
    self.rowBlock = rowBlock
    self.columnBlock = columnBlock
    self.local = local
  }

  /// A matrix of the same distribution with other local blocks.
  func with(local: NDArray<Element>) -> DistributedMatrix {
    DistributedMatrix(
      grid: grid, rows: rows, columns: columns, rowBlock: rowBlock, columnBlock: columnBlock, local: local)
  }

  /// A zero matrix of the same distribution and another shape.
  func zeros(rows: Int, columns: Int) throws(DistributedError) -> DistributedMatrix {
    try DistributedMatrix(rows: rows, columns: columns, rowBlock: rowBlock, columnBlock: columnBlock, grid: grid)
  }

  /// ScaLAPACK's descriptor of the matrix.
  var descriptor: Descriptor {
    [
      1, grid.context, Int32(rows), Int32(columns), Int32(rowBlock), Int32(columnBlock), 0, 0,
      Int32(Swift.max(1, localRows)),
    ]
  }

  /// Whether `other` is distributed as `self`: the same grid, shape and
  /// blocks.
  public func hasSameDistribution<Other>(as other: DistributedMatrix<Other>) -> Bool {
    grid === other.grid && rows == other.rows && columns == other.columns && rowBlock == other.rowBlock
      && columnBlock == other.columnBlock
  }

  /// Calls `body` for each block this process holds: its global rows and
  /// columns, and where they lie in ``local``.
  func forEachLocalBlock(_ body: (_ global: (rows: Range<Int>, columns: Range<Int>), _ local: (rows: Range<Int>, columns: Range<Int>)) -> Void) {
    let rowBlocks = rows == 0 ? 0 : (rows - 1) / rowBlock + 1
    let columnBlocks = columns == 0 ? 0 : (columns - 1) / columnBlock + 1
    for bj in stride(from: grid.column, to: columnBlocks, by: grid.columns) {
      let globalColumns = bj * columnBlock..<Swift.min(columns, (bj + 1) * columnBlock)
      let localColumn = (bj / grid.columns) * columnBlock
      for bi in stride(from: grid.row, to: rowBlocks, by: grid.rows) {
        let globalRows = bi * rowBlock..<Swift.min(rows, (bi + 1) * rowBlock)
        let localRow = (bi / grid.rows) * rowBlock
        body(
          (globalRows, globalColumns),
          (localRow..<localRow + globalRows.count, localColumn..<localColumn + globalColumns.count))
      }
    }
  }

  /// The address of the local blocks' first element.
  func withLocal<R>(_ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
    if local.count == 0 {
      var dummy = (0.0, 0.0)
      return try withUnsafeMutableBytes(of: &dummy) { try body($0.baseAddress!) }
    }
    return try local.view.withUnsafeMutableBytes { try body($0.baseAddress!) }
  }
}

// MARK: - Moving whole matrices

extension DistributedMatrix {
  /// Distributes `matrix`, held by the process `root`, over `grid`
  /// (ScaLAPACK's `p?gemr2d`, from a one-process context to the grid).
  ///
  /// NumPy has no counterpart; this is what `MPI_Scatterv` of blocks would
  /// do, without hand-written sends. Other processes pass `nil` (what they
  /// pass is ignored); the root's shape is broadcast first.
  ///
  /// - Throws: On every process: ``DistributedError/invalidInput(_:)``
  ///   when `root` is out of range or the root's `matrix` is missing or not
  ///   2-D; the errors of
  ///   ``init(rows:columns:rowBlock:columnBlock:grid:)``.
  /// - Complexity: O(*mn*) data moved; the root copies its matrix once
  ///   when it is not Fortran-ordered.
  public init(
    scattering matrix: NDArray<Element>?, from root: Int = 0, rowBlock: Int = 64, columnBlock: Int = 64,
    grid: ProcessGrid
  ) throws(DistributedError) {
    guard (0..<grid.count).contains(root) else { throw .invalidInput("root \(root) is not a process of the grid") }
    let isRoot = MPI.rank == root
    var header: [Int64] = [0, 0, 0]
    if isRoot, let matrix, matrix.ndim == 2 { header = [1, Int64(matrix.shape[0]), Int64(matrix.shape[1])] }
    header = MPI.broadcast(header, count: 3, from: root)
    guard header[0] == 1 else { throw .invalidInput("the root's matrix is missing or not 2-D") }
    try self.init(
      rows: Int(header[1]), columns: Int(header[2]), rowBlock: rowBlock, columnBlock: columnBlock, grid: grid)
    guard rows > 0 && columns > 0 else { return }
    let whole = isRoot ? matrix!.isFContiguous && !matrix!.isReadOnly ? matrix! : matrix!.copy(order: .fortran) : nil
    exchange(whole: whole, on: root, scattering: true)
  }

  /// The whole matrix on the process `root`, `nil` on the others
  /// (`p?gemr2d` to a one-process context). Fortran order.
  ///
  /// - Precondition: `root` is a process of the grid.
  public func gathered(to root: Int = 0) -> NDArray<Element>? {
    if !(0..<grid.count).contains(root) { fatalError("gathered(to:): root \(root) is not a process of the grid") }
    let isRoot = MPI.rank == root
    let whole = isRoot ? NDArray<Element>.zeros([rows, columns], order: .fortran) : nil
    guard rows > 0 && columns > 0 else { return whole }
    exchange(whole: whole, on: root, scattering: false)
    return whole
  }

  /// The whole matrix on every process: gathered to process 0, then
  /// broadcast. Fortran order.
  public func allGathered() -> NDArray<Element> {
    let whole = gathered(to: 0) ?? NDArray<Element>.zeros([rows, columns], order: .fortran)
    if whole.count > 0 {
      whole.view.withUnsafeMutableBytes { MPI.broadcast($0.baseAddress!, byteCount: $0.count, from: 0) }
    }
    return whole
  }

  /// The same matrix with other blocks or on another grid (`p?gemr2d`).
  ///
  /// - Throws: ``DistributedError/invalidBlockSize(_:)``.
  public func redistributed(rowBlock: Int? = nil, columnBlock: Int? = nil, grid: ProcessGrid? = nil)
    throws(DistributedError) -> DistributedMatrix
  {
    let target = try DistributedMatrix(
      rows: rows, columns: columns, rowBlock: rowBlock ?? self.rowBlock, columnBlock: columnBlock ?? self.columnBlock,
      grid: grid ?? self.grid)
    guard rows > 0 && columns > 0 else { return target }
    withLocal { source in
      target.withLocal { destination in
        ScaLAPACK.gemr2d(
          Element.self, m: rows, n: columns, a: source, descriptor, b: destination, target.descriptor,
          context: self.grid.context)
      }
    }
    return target
  }

  /// Moves the elements between the local blocks and `whole`, the whole
  /// matrix (Fortran order) held by `root` (`nil` elsewhere): into the
  /// blocks when `scattering`, else out of them (`p?gemr2d` between a
  /// one-process context and the grid).
  private func exchange(whole: NDArray<Element>?, on root: Int, scattering: Bool) {
    let single = SingleProcessContext(rank: root)
    let wholeDescriptor = Self.wholeDescriptor(rows: rows, columns: columns, single: single)
    func move(_ address: UnsafeMutableRawPointer?) {
      withLocal { blocks in
        if scattering {
          ScaLAPACK.gemr2d(
            Element.self, m: rows, n: columns, a: address, wholeDescriptor, b: blocks, descriptor,
            context: grid.context)
        } else {
          ScaLAPACK.gemr2d(
            Element.self, m: rows, n: columns, a: blocks, descriptor, b: address, wholeDescriptor,
            context: grid.context)
        }
      }
    }
    withExtendedLifetime(single) {
      if let whole { whole.view.withUnsafeMutableBytes { move($0.baseAddress) } } else { move(nil) }
    }
  }

  /// The descriptor of a whole matrix held by one process (a context of
  /// −1 on the others, as ScaLAPACK expects).
  static func wholeDescriptor(rows: Int, columns: Int, single: SingleProcessContext) -> Descriptor {
    [
      1, single.isMember ? single.context : -1, Int32(rows), Int32(columns), Int32(Swift.max(1, rows)),
      Int32(Swift.max(1, columns)), 0, 0, Int32(Swift.max(1, rows)),
    ]
  }
}
