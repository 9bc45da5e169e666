/// Lays a fused expression over its result's shape and hands it to
/// ``FusedEvaluation``: the logical order of the walk, the strides of the
/// output and of every leaf in that order.
enum Fusion {
  /// The order the eager operators would give the result: Fortran when
  /// every leaf with more than one item is Fortran-contiguous, not
  /// C-contiguous, and of the full shape (``Operands/result(shape:format:like:_:)``).
  static func eagerOrder(_ program: FusedProgram, shape: Dimensions) -> MemoryOrder {
    let large = program.leaves.filter { $0.count > 1 }
    let fortran = !large.isEmpty && large.allSatisfy { $0.isFContiguous && !$0.isCContiguous && $0.shape == shape }
    return fortran ? .fortran : .c
  }

  /// The walk over `shape` in the order `axes` (original axis numbers,
  /// outermost first), with `outputStrides` for operand 0.
  static func walk(
    _ program: FusedProgram, shape: Dimensions, axes: [Int], output: Int, outputStrides: [Int], keepLast: Bool
  ) -> FusedGeometry {
    var strides: [[Int]] = [axes.map { outputStrides[$0] }]
    var bases = [output]
    for leaf in program.leaves {
      let broadcast = try! leaf.layout.broadcast(to: shape, itemSize: leaf.itemSize).strides
      strides.append(axes.map { broadcast[$0] })
      bases.append(Elementwise.address(leaf))
    }
    return FusedGeometry(shape: axes.map { shape[$0] }, strides: strides, bases: bases, keepLast: keepLast)
  }

  /// A new array of `shape` holding the expression's values as items of
  /// kind `output`.
  static func evaluate(_ node: FusedNode, shape: Dimensions, output: FusedItem) -> NDView {
    let program = FusedProgram(node)
    let out = Operands.result(shape: shape, format: output.format, like: program.leaves, "evaluated")
    run(program, into: out, output: output)
    withExtendedLifetime(program) {}
    return out
  }

  /// `expression` written into `out` as items of kind `output`, after the
  /// checks of the public `assign`: writable, and the expression
  /// broadcasts to its shape; nothing is written when one fails.
  static func assign(_ expression: NDExpression, into out: NDView, output: FusedItem) throws(IndexError) {
    if out.isReadOnly { throw .readOnly }
    if expression.shape != out.shape {
      guard let merged = try? Layout.broadcastShape(out.shape, expression.shape), merged == out.shape else {
        throw .valueShapeMismatch(value: expression.shape.array, selection: out.shape.array)
      }
    }
    assign(expression.node, into: out, output: output)
  }

  /// The expression's values written into `out` (checked by the caller).
  /// Leaves that share memory with `out` in another layout are copied
  /// first.
  static func assign(_ node: FusedNode, into out: NDView, output: FusedItem) {
    var program = FusedProgram(node)
    for i in program.leaves.indices {
      program.leaves[i] = Operands.staged(program.leaves[i], for: out)
    }
    run(program, into: out, output: output)
    withExtendedLifetime(program) {}
  }

  static func run(_ program: FusedProgram, into out: NDView, output: FusedItem) {
    let rank = out.shape.count
    let fortran = out.isFContiguous && !out.isCContiguous
    let axes = fortran ? Array((0..<rank).reversed()) : Array(0..<rank)
    let geometry = walk(
      program, shape: out.shape, axes: axes, output: Elementwise.address(out), outputStrides: out.strides.array,
      keepLast: false)
    FusedEvaluation.assign(program, geometry, output: output, parallel: !out.mayOverlapItself)
    withExtendedLifetime(out) {}
  }

  /// The reduction of every item.
  static func reduceAll(_ reduction: FusedReduction, _ node: FusedNode, shape: Dimensions) -> Double {
    let program = FusedProgram(node)
    let rank = shape.count
    let axes = eagerOrder(program, shape: shape) == .fortran ? Array((0..<rank).reversed()) : Array(0..<rank)
    let geometry = walk(
      program, shape: shape, axes: axes, output: 0, outputStrides: [Int](repeating: 0, count: rank), keepLast: false)
    let value = FusedEvaluation.reduceAll(reduction, program, geometry)
    withExtendedLifetime(program) {}
    return value
  }

  /// The reduction along `axis` into a new C-order array of the other
  /// axes: `Double` items, or `Bool` items when `bool`.
  ///
  /// - Precondition: `axis` is in range (negative counts from the end).
  static func reduce(
    _ reduction: FusedReduction, _ node: FusedNode, shape: Dimensions, axis: Int, bool: Bool,
    _ operation: StaticString
  ) -> NDView {
    let rank = shape.count
    let reduced = Reduction.normalize([axis], rank: rank, operation)[0]
    let resultShape = Reduction.resultShape(shape, reducing: [reduced], keepDimensions: false)
    let length = shape[reduced]
    if length == 0 {
      let identity = FusedEvaluation.identity(reduction)
      return bool ? NDArray<Bool>.full(resultShape, identity != 0).view : NDArray<Double>.full(resultShape, identity).view
    }
    let format = bool ? Bool.format : Double.format
    let out = Operands.result(shape: resultShape, format: format, order: .c, operation)
    let program = FusedProgram(node)
    // The output's strides in the expression's axes: 0 along the reduced one.
    let keptShape = Reduction.resultShape(shape, reducing: [reduced], keepDimensions: true)
    var outputStrides = Layout.cStrides(for: keptShape, itemSize: out.itemSize).array
    outputStrides[reduced] = 0
    // The eager reduction of the eager result: pairwise along the reduced
    // axis when it is the innermost of that result (every later axis has
    // length 1), else in order of the reduced index.
    var axes = eagerOrder(program, shape: shape) == .fortran ? Array((0..<rank).reversed()) : Array(0..<rank)
    let position = axes.firstIndex(of: reduced)!
    let pairwise = axes[(position + 1)...].allSatisfy { shape[$0] == 1 }
    axes.remove(at: position)
    axes.append(reduced)
    let geometry = walk(
      program, shape: shape, axes: axes, output: Elementwise.address(out), outputStrides: outputStrides, keepLast: true)
    FusedEvaluation.reduceLines(reduction, program, geometry, pairwise: pairwise, bool: bool)
    withExtendedLifetime((program, out)) {}
    return out
  }
}

extension NDExpression {
  /// The number of items in the result.
  var itemCount: Int { shape.reduce(1) { $0 * $1 } }

  /// The sum of every item, fused with the expression: NumPy's
  /// `((a - b)**2).sum()`, numexpr's `sum((a - b)**2)`.
  ///
  /// Bit for bit the eager `(…).sum()` of the evaluated array: the same
  /// pairwise sums over the same run (C order, or Fortran order where the
  /// eager result would be), in the same ``Reduction/reductionBlock``
  /// parts; 0 for an empty expression.
  ///
  /// - Complexity: O(*n*), with no temporary; on the thread pool from 2²⁰
  ///   items.
  public func sum() -> Double { Fusion.reduceAll(.sum, node, shape: shape) }

  /// The sums along `axis`, fused: NumPy's `(…).sum(axis=axis)`, numexpr's
  /// `sum(…, axis=axis)`. Bit for bit the eager `sum(axis:)` of the
  /// evaluated array: pairwise when `axis` is the innermost axis of the
  /// eager result (all later axes of length 1), else added in order.
  ///
  /// - Precondition: `axis` is in range (negative counts from the end).
  public func sum(axis: Int) -> NDArray<Double> {
    NDArray(unchecked: Fusion.reduce(.sum, node, shape: shape, axis: axis, bool: false, "sum"))
  }

  /// The mean of every item: ``sum()`` divided by the count, as the eager
  /// `mean()`; NaN for an empty expression. NumPy: `(…).mean()`.
  public func mean() -> Double { sum() / Double(itemCount) }

  /// The means along `axis`: ``sum(axis:)`` divided by its length.
  /// NumPy: `(…).mean(axis=axis)`.
  ///
  /// - Precondition: `axis` is in range.
  public func mean(axis: Int) -> NDArray<Double> {
    let reduced = Reduction.normalize([axis], rank: shape.count, "mean")[0]
    return sum(axis: axis) / Double(shape[reduced])
  }

  /// The smallest item; NaN anywhere gives NaN. The same value as the
  /// eager `min()` (when the extreme is a zero, its sign may differ).
  /// NumPy: `(…).min()`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` when empty.
  public func min() throws(StatisticsError) -> Double {
    if itemCount == 0 { throw .emptyInput(operation: "min") }
    return Fusion.reduceAll(.minimum, node, shape: shape)
  }

  /// The largest item; NaN anywhere gives NaN. See ``min()``.
  /// NumPy: `(…).max()`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` when empty.
  public func max() throws(StatisticsError) -> Double {
    if itemCount == 0 { throw .emptyInput(operation: "max") }
    return Fusion.reduceAll(.maximum, node, shape: shape)
  }

  /// The minima along `axis`. NumPy: `(…).min(axis=axis)`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` when the axis
  ///   has length 0 and the result would not be empty.
  /// - Precondition: `axis` is in range.
  public func min(axis: Int) throws(StatisticsError) -> NDArray<Double> {
    try checkReducible(axis, "min")
    return NDArray(unchecked: Fusion.reduce(.minimum, node, shape: shape, axis: axis, bool: false, "min"))
  }

  /// The maxima along `axis`. NumPy: `(…).max(axis=axis)`.
  ///
  /// - Throws: ``StatisticsError/emptyInput(operation:)`` as ``min(axis:)``.
  /// - Precondition: `axis` is in range.
  public func max(axis: Int) throws(StatisticsError) -> NDArray<Double> {
    try checkReducible(axis, "max")
    return NDArray(unchecked: Fusion.reduce(.maximum, node, shape: shape, axis: axis, bool: false, "max"))
  }

  func checkReducible(_ axis: Int, _ operation: StaticString) throws(StatisticsError) {
    let reduced = Reduction.normalize([axis], rank: shape.count, operation)[0]
    if shape[reduced] == 0 && itemCount == 0 {
      let kept = (0..<shape.count).filter { $0 != reduced }.reduce(1) { $0 * shape[$1] }
      if kept > 0 { throw .emptyInput(operation: "\(operation)") }
    }
  }
}

extension NDPredicate {
  /// Whether every item is true (true when empty). NumPy: `np.all(a > 0)`.
  public func allTrue() -> Bool { Fusion.reduceAll(.all, node, shape: shape) != 0 }

  /// Whether some item is true (false when empty). NumPy: `np.any(a > 0)`.
  public func anyTrue() -> Bool { Fusion.reduceAll(.any, node, shape: shape) != 0 }

  /// Whether every item along `axis` is true. NumPy: `np.all(…, axis=axis)`.
  ///
  /// - Precondition: `axis` is in range.
  public func allTrue(axis: Int) -> NDArray<Bool> {
    NDArray(unchecked: Fusion.reduce(.all, node, shape: shape, axis: axis, bool: true, "allTrue"))
  }

  /// Whether some item along `axis` is true. NumPy: `np.any(…, axis=axis)`.
  ///
  /// - Precondition: `axis` is in range.
  public func anyTrue(axis: Int) -> NDArray<Bool> {
    NDArray(unchecked: Fusion.reduce(.any, node, shape: shape, axis: axis, bool: true, "anyTrue"))
  }
}
