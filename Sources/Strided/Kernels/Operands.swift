/// Shapes, result layouts and overlap staging shared by every element-wise
/// operation.
enum Operands {
  /// The shape operands broadcast to.
  ///
  /// - Precondition: They broadcast; the message names every shape.
  static func broadcastShape(_ shapes: [Dimensions], _ operation: StaticString) -> Dimensions {
    var result = shapes[0]
    for shape in shapes.dropFirst() {
      do { result = try Layout.broadcastShape(result, shape) } catch {
        preconditionFailure(
          "\(operation): shapes \(shapes.map(\.description).joined(separator: " and ")) do not broadcast together")
      }
    }
    return result
  }

  /// New storage for a result: Fortran order when every operand with more
  /// than one element is F-contiguous and not C-contiguous, as NumPy keeps
  /// them; C order otherwise.
  static func result(shape: Dimensions, format: Format, like operands: [NDView], _ operation: StaticString) -> NDView {
    let large = operands.filter { $0.count > 1 }
    let fortran = !large.isEmpty && large.allSatisfy { $0.isFContiguous && !$0.isCContiguous && $0.shape == shape }
    return result(shape: shape, format: format, order: fortran ? .fortran : .c, operation)
  }

  /// New storage for a result laid out as `view`, which has C strides:
  /// its layout is taken as it is, with nothing to compute or check.
  static func result(like view: NDView, _ operation: StaticString) -> NDView {
    let byteCount = view.count &* view.itemSize
    guard let storage = ByteStorage(tryingUninitializedCount: byteCount) else {
      preconditionFailure("\(operation): \(OutOfMemory(byteCount: byteCount))")
    }
    return NDView(
      unchecked: storage, format: view.format, itemSize: view.itemSize, byteOffset: 0, layout: view.layout,
      isReadOnly: false)
  }

  /// New storage for a result in the given order.
  ///
  /// - Precondition: The result's size in bytes fits in `Int` and memory.
  static func result(shape: Dimensions, format: Format, order: MemoryOrder, _ operation: StaticString) -> NDView {
    do {
      return try NDView.uninitialized(shape: shape, format: format, order: order)
    } catch {
      preconditionFailure("\(operation): a result of shape \(shape) is too large: \(error)")
    }
  }

  /// `input`, or a copy of it when writing `output` could change `input`'s
  /// elements before they are read: the two share bytes and are not the
  /// very same elements in the same order, or the output's own elements
  /// share bytes (a view made by `asStrided`), so that writing one changes
  /// another before it is read. Every output element is then computed from
  /// the inputs as they were, as NumPy's buffered loops compute it; where
  /// several elements write the same bytes, the last one written stays.
  static func staged(_ input: NDView, for output: NDView) -> NDView {
    guard input.overlaps(output) ?? true else { return input }
    if input.storage.address &+ input.byteOffset == output.storage.address &+ output.byteOffset
      && input.shape == output.shape && input.strides == output.strides && !output.mayOverlapItself
    {
      return input
    }
    return input.copy()
  }

  /// Checks that `output` can take an in-place result of `input`s.
  ///
  /// - Precondition: `output` is writable and the inputs broadcast to its
  ///   shape.
  static func checkInPlace(_ output: NDView, _ inputs: [NDView], _ operation: StaticString) {
    if let error = inPlaceError(output, inputs) {
      preconditionFailure("\(operation)=: \(error) (the throwing spelling is `try a.update(_:with:)`)")
    }
  }

  /// Why `output` cannot take the result of an in-place operation on
  /// `inputs`: it is read-only, or they do not broadcast to its shape.
  static func inPlaceError(_ output: NDView, _ inputs: [NDView]) -> IndexError? {
    if output.isReadOnly { return .readOnly }
    for input in inputs where input.shape != output.shape {
      guard let shape = try? Layout.broadcastShape(output.shape, input.shape), shape == output.shape else {
        return .valueShapeMismatch(value: input.shape.array, selection: output.shape.array)
      }
    }
    return nil
  }
}
