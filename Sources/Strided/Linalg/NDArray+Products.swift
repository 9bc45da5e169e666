import ComplexModule

extension NDArray {
  /// The matrix product, with NumPy's `matmul` rules (`a @ b`).
  ///
  /// - 2-D × 2-D: the matrix product.
  /// - 1-D operands: a 1-D left operand is a row, a 1-D right operand a
  ///   column, and that axis is removed from the result (1-D × 1-D is the
  ///   0-d dot product).
  /// - N-D: a stack of matrices in the last two axes; the other axes
  ///   broadcast.
  ///
  /// `Float`, `Double` and complex elements go to BLAS. Operands in C
  /// order, F order, transposed, or sliced with unit stride along one
  /// axis are passed as they are; others are packed once (see
  /// ``BLAS/packedOperandCount``). Other element types use Strided's
  /// cache-blocked kernel; integers wrap on overflow, as in NumPy.
  ///
  /// ```swift
  /// let a: NDArray<Double> = [[1, 2], [3, 4]]
  /// a.matmul(a.transposed())   // [[ 5. 11.]
  ///                            //  [11. 25.]]
  /// ```
  ///
  /// - Precondition: Neither operand is 0-d; the last axis of `self` and
  ///   the second-to-last of `other` (its only axis, if 1-D) have the same
  ///   length; the batch axes broadcast; the result fits in memory. The
  ///   message names both shapes; ``matmul(_:_:)`` throws instead.
  ///   For BLAS element types, each matrix dimension fits in 32 bits
  ///   (BLAS's index type).
  /// - Complexity: O(*m·n·k*) per matrix, plus O(size) for any packing.
  public func matmul(_ other: NDArray) -> NDArray {
    do {
      return NDArray(unchecked: try Products.matmul(view, other.view, kind: Element.scalarKind))
    } catch {
      preconditionFailure("\(error) (try NDArray.matmul(a, b) throws instead)")
    }
  }

  /// The matrix product `a @ b`, as ``matmul(_:)``, throwing where it traps.
  ///
  /// NumPy: `np.matmul(a, b)`.
  ///
  /// - Throws: ``LinalgError/wrongRank(operation:shape:expected:atMost:)``
  ///   for a 0-d operand; ``LinalgError/shapeMismatch(operation:shapes:)``
  ///   when the inner sizes differ or the batch axes do not broadcast;
  ///   ``LinalgError/sizeOverflow(operation:)`` or
  ///   ``LinalgError/outOfMemory(byteCount:)`` when the result is too large.
  /// - Precondition: For BLAS element types, each matrix dimension fits in
  ///   32 bits.
  /// - Complexity: As ``matmul(_:)``.
  public static func matmul(_ a: NDArray, _ b: NDArray) throws(LinalgError) -> NDArray {
    NDArray(unchecked: try Products.matmul(a.view, b.view, kind: Element.scalarKind))
  }

  /// The dot product with NumPy's `dot` rules.
  ///
  /// For 1-D and 2-D operands it is ``matmul(_:)``. For an N-D left
  /// operand and a 1-D right operand, it sums over their last axes. For
  /// N-D operands it sums over the last axis of `self` and the
  /// second-to-last of `other`: the result's shape is `self.shape` without
  /// its last axis followed by `other.shape` without its second-to-last.
  ///
  /// - Precondition: Neither operand is 0-d, the summed axes have the
  ///   same length, and (for BLAS element types) dimensions fit in 32 bits.
  /// - Complexity: O(*m·n·k*); N-D operands that are not contiguous are
  ///   copied first, as NumPy does.
  public func dot(_ other: NDArray) -> NDArray {
    precondition(
      ndim >= 1 && other.ndim >= 1,
      "dot: operands need at least one dimension; got shapes \(shape) and \(other.shape)")
    if other.ndim == 1 || (ndim <= 2 && other.ndim == 2) { return matmul(other) }
    let k = shape[ndim - 1]
    precondition(
      k == other.shape[other.ndim - 2],
      "dot: shapes \(shape) and \(other.shape) do not align: \(k) ≠ \(other.shape[other.ndim - 2])")
    // Explicit sizes: with k = 0, a -1 could not be inferred.
    let rows = shape.prefix(ndim - 1).reduce(1, *)
    let columns = other.shape.prefix(other.ndim - 2).reduce(1, *) * other.shape[other.ndim - 1]
    let left = flattened(self, to: [rows, k])
    let right = flattened(other.movingAxis(from: other.ndim - 2, to: 0), to: [k, columns])
    var resultShape = Dimensions(shape.prefix(ndim - 1))
    resultShape.append(contentsOf: other.shape.prefix(other.ndim - 2))
    resultShape.append(other.shape[other.ndim - 1])
    return try! left.matmul(right).reshaped(to: resultShape)
  }

  /// The outer product of the elements of `self` and `other`, each read
  /// in C order: `result[i, j] = self[i] · other[j]`.
  ///
  /// NumPy: `np.outer(a, b)`.
  ///
  /// - Complexity: O(*m·n*).
  public func outer(_ other: NDArray) -> NDArray {
    flattened(self, to: [-1, 1]).matmul(flattened(other, to: [1, -1]))
  }

  /// `array` reshaped without a copy when its layout allows, else copied.
  private func flattened(_ array: NDArray, to shape: Dimensions) -> NDArray {
    (try? array.reshaped(to: shape)) ?? (try! array.reshapedCopy(to: shape))
  }
}

extension NDArray where Element: BLASElement {
  /// Computes `result = alpha · op(self) · op(other) + beta · result` with
  /// one call to BLAS's `gemm`, writing into an existing view.
  ///
  /// `result` may be any writable view: C or F order, transposed, or a
  /// slice of a larger matrix go to BLAS as they are; an output BLAS
  /// cannot address, or one that shares bytes with an operand, is staged
  /// through a temporary. When `beta` is 0, `result` is not read (NaN in it
  /// does not propagate).
  ///
  /// ```swift
  /// let c = NDArray<Double>.zeros([4, 4], order: .fortran)
  /// a.gemm(b, alpha: 2, beta: 1, into: c[0..<2, 0..<3])
  /// ```
  ///
  /// - Parameters:
  ///   - other: The right operand, `b`.
  ///   - alpha: The factor of the product.
  ///   - beta: The factor of `result`'s current elements.
  ///   - result: The output `c`, written in place.
  ///   - operations: How each operand enters the product: as it is,
  ///     transposed, or conjugate-transposed (``MatrixOperation``).
  /// - Precondition: All three are 2-D; `op(self)` is *m × k*, `op(other)`
  ///   is *k × n*, `result` is *m × n*; `result` is writable; *m*, *n* and
  ///   *k* fit in 32 bits (BLAS's index type).
  /// - Complexity: O(*m·n·k*).
  public func gemm(
    _ other: NDArray, alpha: Element = 1, beta: Element = 0, into result: NDArray,
    operations: (MatrixOperation, MatrixOperation) = (.identity, .identity)
  ) {
    precondition(
      ndim == 2 && other.ndim == 2 && result.ndim == 2,
      "gemm: expected matrices; got shapes \(shape), \(other.shape) and \(result.shape)")
    precondition(!result.isReadOnly, "gemm: the result is read-only")
    let (m, k) = operations.0 == .identity ? (shape[0], shape[1]) : (shape[1], shape[0])
    let (k2, n) = operations.1 == .identity ? (other.shape[0], other.shape[1]) : (other.shape[1], other.shape[0])
    precondition(
      k == k2 && result.shape[0] == m && result.shape[1] == n,
      "gemm: shapes \(shape) and \(other.shape) (operations \(operations.0), \(operations.1)) do not give result shape \(result.shape)"
    )
    BLASProducts.gemm(
      Element.self, view, operations.0, other.view, operations.1, alpha: alpha, beta: beta, into: result.view)
  }

  /// Computes `result = alpha · op(self) · vector + beta · result` with one
  /// call to BLAS's `gemv`, writing into an existing 1-D view.
  ///
  /// The vectors may have any stride, negative included. Matrix layouts
  /// are handled as in ``gemm(_:alpha:beta:into:operations:)``.
  ///
  /// - Precondition: `self` is 2-D, `vector` and `result` 1-D; `op(self)`
  ///   is *m × n*, `vector` has *n* elements and `result` *m*; `result` is
  ///   writable; *m* and *n* fit in 32 bits.
  /// - Complexity: O(*m·n*).
  public func gemv(
    _ vector: NDArray, alpha: Element = 1, beta: Element = 0, into result: NDArray,
    operation: MatrixOperation = .identity
  ) {
    precondition(
      ndim == 2 && vector.ndim == 1 && result.ndim == 1,
      "gemv: expected a matrix and two vectors; got shapes \(shape), \(vector.shape) and \(result.shape)")
    precondition(!result.isReadOnly, "gemv: the result is read-only")
    let (m, n) = operation == .identity ? (shape[0], shape[1]) : (shape[1], shape[0])
    precondition(
      vector.shape[0] == n && result.shape[0] == m,
      "gemv: shapes \(shape) (operation \(operation)) and \(vector.shape) do not give result shape \(result.shape)")
    BLASProducts.gemv(Element.self, view, operation, vector.view, alpha: alpha, beta: beta, into: result.view)
  }
}

extension NDArray {
  /// A copy with every element conjugated, in C order.
  ///
  /// NumPy: `np.conj(a)`.
  ///
  /// - Complexity: O(*n*).
  public func conjugated<R: NDComplexComponent>() -> NDArray where Element == Complex<R> {
    let result = copy()
    let base = result.storage.base
    for i in 0..<result.count {
      let offset = i * MemoryLayout<Element>.stride
      base.storeBytes(of: base.load(fromByteOffset: offset, as: Element.self).conjugate, toByteOffset: offset, as: Element.self)
    }
    return result
  }

  /// The conjugate transpose of a matrix: a transposed view of
  /// ``conjugated()``. In a product, prefer
  /// ``gemm(_:alpha:beta:into:operations:)`` with ``MatrixOperation/adjoint``,
  /// which conjugates inside BLAS without a copy.
  ///
  /// NumPy: `a.conj().T`.
  ///
  /// - Complexity: O(*n*).
  public func adjoint<R: NDComplexComponent>() -> NDArray where Element == Complex<R> {
    conjugated().transposed()
  }
}

extension NDView {
  /// The matrix product with NumPy's `matmul` rules, for views of any
  /// numeric format in the machine's byte order. See ``NDArray/matmul(_:)``.
  ///
  /// - Throws: ``ViewError/formatMismatch(source:destination:)`` when the
  ///   formats differ, and ``ViewError/elementTypeMismatch(expected:format:itemSize:)``
  ///   when the format is not a numeric scalar in the machine's byte order;
  ///   ``ViewError/notBroadcastable(_:_:)`` when the shapes do not agree (as
  ///   for ``NDArray/matmul(_:)``) or an operand is 0-d;
  ///   ``ViewError/sizeOverflow(shape:)`` or ``ViewError/outOfMemory(byteCount:)``
  ///   when the result is too large.
  public func matmul(_ other: NDView) throws(ViewError) -> NDView {
    guard format == other.format, itemSize == other.itemSize else {
      throw .formatMismatch(source: format.description, destination: other.format.description)
    }
    guard case .scalar(let kind, let order) = format.kind, order.isNative || !kind.hasByteOrder,
      kind != .pointer, itemSize == kind.size
    else {
      throw .elementTypeMismatch(expected: "a numeric scalar in native byte order", format: format.description, itemSize: itemSize)
    }
    do {
      return try Products.matmul(self, other, kind: kind)
    } catch {
      switch error {
      case .outOfMemory(let byteCount): throw .outOfMemory(byteCount: byteCount)
      case .sizeOverflow: throw .sizeOverflow(shape: shape.array + other.shape.array)
      default: throw .notBroadcastable(shape.array, other.shape.array)
      }
    }
  }
}
