/// Why an index array or a mask cannot select from an array.
///
/// Index arrays and masks are data, so the throwing forms (``NDArray/selecting(_:)-(NDAdvancedIndexConvertible...)``,
/// ``NDArray/assign(_:at:)-(_,NDAdvancedIndexConvertible...)``, ``NDArray/take(_:axis:)``, …) report every
/// problem with this error before anything is read or written; the
/// subscripts trap with the same message.
public enum IndexError: Error, Hashable, Sendable, CustomStringConvertible {
  /// An entry of an index array is outside its axis.
  case outOfRange(index: Int, axis: Int, size: Int)
  /// A mask's shape differs from the axes it covers, starting at `axis`.
  case maskShapeMismatch(mask: [Int], axes: [Int], axis: Int)
  /// Index arrays whose shapes do not broadcast together.
  case indicesNotBroadcastable([[Int]])
  /// More indexed axes than the array has.
  case tooManyIndices(given: Int, rank: Int)
  /// More than one ellipsis.
  case multipleEllipses
  /// Assigned values whose shape does not broadcast to the selection's.
  case valueShapeMismatch(value: [Int], selection: [Int])
  /// An axis argument outside the array's axes.
  case axisOutOfRange(axis: Int, rank: Int)
  /// Index arrays whose shape does not fit the operation (`takeAlongAxis`).
  case shapeMismatch(String)
  /// The array is read-only.
  case readOnly
  /// The array is empty where an element is needed (`take` from an empty axis).
  case emptyAxis(axis: Int)

  /// The result's element count or byte size overflows `Int` (NumPy's
  /// `ValueError`, "array is too big").
  case sizeOverflow(operation: String)
  /// The system could not provide the memory for the result (NumPy's
  /// `MemoryError`).
  case outOfMemory(byteCount: Int)

  public var description: String {
    switch self {
    case .sizeOverflow(let operation): CheckedSizeText.overflow(operation)
    case .outOfMemory(let byteCount): CheckedSizeText.outOfMemory(byteCount)
    case .outOfRange(let index, let axis, let size):
      "index \(index) is out of range for axis \(axis) of size \(size)"
    case .maskShapeMismatch(let mask, let axes, let axis):
      "a mask of shape \(mask) does not match the array's axes \(axes) from axis \(axis)"
    case .indicesNotBroadcastable(let shapes):
      "index arrays of shapes \(shapes.map(\.description).joined(separator: ", ")) do not broadcast together"
    case .tooManyIndices(let given, let rank):
      "too many indices: \(given) for an array of \(rank) dimensions"
    case .multipleEllipses:
      "an index can have only one ellipsis"
    case .valueShapeMismatch(let value, let selection):
      "values of shape \(value) do not broadcast to the selection's shape \(selection)"
    case .axisOutOfRange(let axis, let rank):
      "axis \(axis) is out of range for \(rank) dimensions"
    case .shapeMismatch(let message):
      message
    case .readOnly:
      "cannot assign through a read-only array"
    case .emptyAxis(let axis):
      "cannot take from axis \(axis): it is empty"
    }
  }
}
