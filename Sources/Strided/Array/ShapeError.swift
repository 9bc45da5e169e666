/// Why arrays cannot be joined, split, padded, repeated or rearranged as
/// asked.
///
/// Every check happens before anything is allocated or written.
public enum ShapeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A join of no arrays.
  case noArrays(operation: String)
  /// An axis outside the arrays' axes.
  case axisOutOfRange(axis: Int, rank: Int)
  /// 0-d arrays where the operation needs an axis.
  case zeroDimensional(operation: String)
  /// An operand with a different number of dimensions than the first.
  case rankMismatch(operand: Int, rank: Int, expected: Int)
  /// An operand whose size along `axis` differs from the first operand's.
  case sizeMismatch(operand: Int, axis: Int, size: Int, expected: Int)
  /// An equal split that does not divide the axis.
  case unequalSplit(size: Int, sections: Int, axis: Int)
  /// A section count below 1.
  case invalidSectionCount(Int)
  /// Split indices that are negative or decrease.
  case splitIndicesOutOfOrder([Int])
  /// A negative pad width.
  case negativeWidth(axis: Int, before: Int, after: Int)
  /// Pad widths given for a different number of axes than the array has.
  case widthCountMismatch(widths: Int, rank: Int)
  /// A pad mode that reads the array, on an empty axis that is padded.
  case emptyAxis(axis: Int, operation: String)
  /// Per-element repeat counts whose number differs from the axis size.
  case repeatCountMismatch(counts: Int, size: Int, axis: Int)
  /// A negative count or repetition.
  case negativeCount(Int)
  /// A shape with a negative size.
  case negativeDimension([Int])
  /// Shapes that do not broadcast together.
  case notBroadcastable([[Int]])
  /// An array with fewer axes than the operation needs.
  case tooFewDimensions(operation: String, rank: Int, needed: Int)
  /// Two axes that must differ name the same one.
  case repeatedAxis(operation: String, axis: Int)
  /// A negative window size (`slidingWindowView`).
  case negativeWindow(Int)
  /// Window sizes given for a different number of axes than named.
  case windowCountMismatch(windows: Int, axes: Int)
  /// A window longer than what is left of its axis.
  case windowTooLarge(axis: Int, window: Int, size: Int)
  /// A result with more than `NDView.maximumRank` axes.
  case tooManyDimensions(operation: String, rank: Int)

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
    case .noArrays(let operation):
      "\(operation) needs at least one array"
    case .axisOutOfRange(let axis, let rank):
      "axis \(axis) is out of range for \(rank) dimensions"
    case .zeroDimensional(let operation):
      "\(operation): 0-d arrays have no axis to work along"
    case .rankMismatch(let operand, let rank, let expected):
      "array \(operand) has \(rank) dimensions, but array 0 has \(expected)"
    case .sizeMismatch(let operand, let axis, let size, let expected):
      "array \(operand) has size \(size) along axis \(axis), but array 0 has \(expected)"
    case .unequalSplit(let size, let sections, let axis):
      "axis \(axis) of size \(size) does not split into \(sections) equal sections"
    case .invalidSectionCount(let count):
      "the number of sections must be at least 1, not \(count)"
    case .splitIndicesOutOfOrder(let indices):
      "split indices must be non-negative and increasing: \(indices)"
    case .negativeWidth(let axis, let before, let after):
      "pad widths (\(before), \(after)) for axis \(axis) are negative"
    case .widthCountMismatch(let widths, let rank):
      "\(widths) pad widths for an array of \(rank) dimensions"
    case .emptyAxis(let axis, let operation):
      "\(operation): axis \(axis) is empty, so there is nothing to extend it with"
    case .repeatCountMismatch(let counts, let size, let axis):
      "\(counts) repeat counts for axis \(axis) of size \(size)"
    case .negativeCount(let count):
      "counts must not be negative: \(count)"
    case .negativeDimension(let shape):
      "negative dimensions are not allowed: \(shape)"
    case .notBroadcastable(let shapes):
      "shapes \(shapes.map(\.description).joined(separator: ", ")) do not broadcast together"
    case .tooFewDimensions(let operation, let rank, let needed):
      "\(operation) needs an array of at least \(needed) dimensions; this one has \(rank)"
    case .repeatedAxis(let operation, let axis):
      "\(operation): both axes are axis \(axis)"
    case .negativeWindow(let size): "window sizes cannot be negative: \(size)"
    case .windowCountMismatch(let windows, let axes): "\(windows) window sizes for \(axes) axes"
    case .windowTooLarge(let axis, let window, let size): "a window of \(window) is larger than axis \(axis) of size \(size)"
    case .tooManyDimensions(let operation, let rank):
      "\(operation): \(rank) dimensions is more than the maximum of \(NDView.maximumRank)"
    }
  }
}
