/// An arithmetic operation applied in place by ``NDArray/update(_:with:)``
/// and ``NDArray/update(_:with:at:)-(_,_,NDAdvancedIndexConvertible...)``:
/// the throwing spellings of `+=`, `-=`, `*=` and `/=`.
public enum InPlaceOperation: Sendable, Hashable {
  /// `a += b`; NumPy: `np.add(a, b, out=a)`.
  case add
  /// `a -= b`; NumPy: `np.subtract(a, b, out=a)`.
  case subtract
  /// `a *= b`; NumPy: `np.multiply(a, b, out=a)`.
  case multiply
  /// `a /= b`; NumPy: `np.divide(a, b, out=a)` (integers: as Strided's `/`).
  case divide

  var arithmetic: Arithmetic.Operation {
    switch self {
    case .add: .add
    case .subtract: .subtract
    case .multiply: .multiply
    case .divide: .divide
    }
  }
}

extension NDArray where Element: Numeric {
  /// Applies `operation` with `values` (broadcast) to every element, in
  /// place: the throwing spelling of `a += values` and its siblings, which
  /// trap where this throws.
  ///
  /// ```swift
  /// try a.update(.add, with: b)                // a += b
  /// try a.update(.multiply, with: NDArray(scalar: 2))
  /// ```
  ///
  /// NumPy: `np.add(a, values, out=a)` (`a += values`).
  ///
  /// - Throws: ``IndexError/readOnly`` for a read-only array and
  ///   ``IndexError/valueShapeMismatch(value:selection:)`` when `values` do
  ///   not broadcast to its shape (NumPy's `ValueError`); nothing is
  ///   written then.
  /// - Complexity: O(*n*).
  public func update(_ operation: InPlaceOperation, with values: NDArray) throws(IndexError) {
    if let error = Operands.inPlaceError(view, [values.view]) { throw error }
    Arithmetic.applyInPlace(operation.arithmetic, view, values.view, kind: Element.scalarKind)
  }

  /// Applies `operation` with `values` to the elements the entries select:
  /// the throwing spelling of `a[entries] += values` (NumPy's buffered
  /// `a[idx] += v`: an element selected twice gains the value once, as
  /// NumPy's; ``add(_:at:)`` is the unbuffered `np.add.at`).
  ///
  /// ```swift
  /// try a.update(.add, with: 1, at: [0, 2])        // a[[0, 2]] += 1 (a literal is a 0-d array)
  /// try a.update(.divide, with: 2, at: a .> 10)     // a[a > 10] /= 2
  /// ```
  ///
  /// - Throws: ``IndexError`` as ``selecting(_:)-(NDAdvancedIndexConvertible...)``,
  ///   ``IndexError/readOnly``, and ``IndexError/valueShapeMismatch(value:selection:)``
  ///   when `values` do not broadcast to the selection; nothing is written
  ///   then.
  /// - Complexity: O(*n*) for *n* selected elements.
  public func update(_ operation: InPlaceOperation, with values: NDArray, at entries: any NDAdvancedIndexConvertible...)
    throws(IndexError)
  {
    try update(operation, with: values, at: entries.map(\.advancedIndex))
  }

  /// Applies `operation` to the elements selected by any number of entries.
  public func update(_ operation: InPlaceOperation, with values: NDArray, at entries: [NDAdvancedIndex]) throws(IndexError) {
    guard !isReadOnly else { throw .readOnly }
    // A view for basic entries (updated in place), a copy for index
    // arrays and masks (updated, then written back).
    if let basic = try basicView(entries) {
      try NDArray(unchecked: basic).update(operation, with: values)
      return
    }
    let selected = try selecting(entries)
    try selected.update(operation, with: values)
    try assign(selected, at: entries)
  }
}
