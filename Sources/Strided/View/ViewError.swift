/// Why a view could not be made.
///
/// Every initializer and layout-changing operation on ``NDView`` and
/// ``NDArray`` that depends on data (shapes, strides, formats read from
/// outside) throws this error instead of trapping, so a damaged description
/// never crashes and never reaches memory it does not own.
public enum ViewError: Error, Hashable, Sendable, CustomStringConvertible {
  /// More dimensions than ``NDView/maximumRank``.
  case tooManyDimensions(Int)
  /// The shape and the strides have different lengths.
  case rankMismatch(shape: Int, strides: Int)
  /// A dimension is negative.
  case negativeDimension(axis: Int, size: Int)
  /// The element count, a byte extent or an offset overflows `Int`.
  case sizeOverflow(shape: [Int])
  /// The item size is not positive, or is smaller than the format's size.
  case invalidItemSize(Int, formatSize: Int)
  /// A reachable byte lies outside the storage: the view would reach bytes
  /// `low..<high` of a storage of `storageCount` bytes.
  case outOfBounds(low: Int, high: Int, storageCount: Int)
  /// A writable view was asked of read-only storage.
  case readOnlyStorage
  /// A reshape to a shape with a different number of elements.
  case reshapeCountMismatch(count: Int, shape: [Int])
  /// A reshape with more than one `-1`, a negative size other than `-1`, or a
  /// `-1` that cannot be inferred.
  case invalidReshape(shape: [Int])
  /// The view's strides cannot express the new shape without copying.
  case reshapeRequiresCopy(shape: [Int], strides: [Int], newShape: [Int])
  /// Two shapes that cannot broadcast together, or a view that cannot
  /// broadcast to a shape.
  case notBroadcastable([Int], [Int])
  /// A reinterpretation that the rules do not allow, with the reason.
  case invalidCast(String)
  /// No field has this name or path.
  case noSuchField(String, format: String)
  /// The view's format or item size does not hold the requested element type.
  case elementTypeMismatch(expected: String, format: String, itemSize: Int)
  /// The source and destination of a copy have different formats or item sizes.
  case formatMismatch(source: String, destination: String)
  /// The operation needs a contiguous view.
  case notContiguous(String)
  /// The system could not provide the memory for new storage.
  case outOfMemory(byteCount: Int)

  public var description: String {
    switch self {
    case .tooManyDimensions(let n):
      "\(n) dimensions is more than the maximum of \(NDView.maximumRank)"
    case .rankMismatch(let shape, let strides):
      "shape has \(shape) dimensions but strides has \(strides)"
    case .negativeDimension(let axis, let size):
      "negative size \(size) for axis \(axis)"
    case .sizeOverflow(let shape):
      "shape \(shape) is too large: its size in bytes overflows"
    case .invalidItemSize(let size, let formatSize):
      "item size \(size) is invalid for a format of \(formatSize) bytes"
    case .outOfBounds(let low, let high, let count):
      "view reaches bytes \(low)..<\(high), outside the storage of \(count) bytes"
    case .readOnlyStorage:
      "cannot make a writable view of read-only storage"
    case .reshapeCountMismatch(let count, let shape):
      "cannot reshape \(count) elements into shape \(shape)"
    case .invalidReshape(let shape):
      "invalid new shape \(shape): at most one -1, and no other negative size"
    case .reshapeRequiresCopy(let shape, let strides, let newShape):
      "cannot reshape a view of shape \(shape) and strides \(strides) to \(newShape) without copying; use reshapedCopy(to:)"
    case .notBroadcastable(let a, let b):
      "shapes \(a) and \(b) cannot be broadcast together"
    case .invalidCast(let reason):
      "invalid cast: \(reason)"
    case .noSuchField(let name, let format):
      "no field '\(name)' in format \(format)"
    case .elementTypeMismatch(let expected, let format, let itemSize):
      "a view of format \(format) and item size \(itemSize) does not hold \(expected)"
    case .formatMismatch(let source, let destination):
      "cannot copy items of format \(source) into items of format \(destination)"
    case .notContiguous(let operation):
      "\(operation) needs a contiguous view"
    case .outOfMemory(let byteCount):
      OutOfMemory(byteCount: byteCount).description
    }
  }
}
