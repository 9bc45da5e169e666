/// One entry of a subscript that may select by index arrays: a basic entry
/// (an integer, a range, a slice, a new axis, an ellipsis), an array of
/// integers (NumPy's integer-array indexing), or an array of `Bool`s (a
/// mask).
///
/// ```swift
/// let rows = x[[0, 2]]                 // x[[0, 2]]: rows 0 and 2, copied
/// let picked = x[[0, 1], [2, 0]]       // x[[0, 1], [2, 0]]: x[0, 2] and x[1, 0]
/// let positive = x[x .> 0]             // x[x > 0]: a new 1-D array
/// x[x .< 0] = 0                        // x[x < 0] = 0
/// ```
///
/// An index array selects a copy, never a view, as in NumPy; entries follow
/// NumPy's advanced-indexing rules (see ``NDArray``).
public struct NDAdvancedIndex: Sendable {
  @usableFromInline
  enum Storage: Sendable {
    case basic(NDIndex)
    /// Integers, in the machine's `Int`.
    case integers(NDArray<Int>)
    case mask(NDArray<Bool>)
  }

  @usableFromInline let storage: Storage

  @inlinable init(_ storage: Storage) { self.storage = storage }

  /// An array of integers: the positions to take along one axis (negative
  /// ones count from the end). Index arrays broadcast against each other.
  public static func indices<T: NDIndexElement & BinaryInteger>(_ array: NDArray<T>) -> NDAdvancedIndex {
    NDAdvancedIndex(.integers(T.scalarKind == Int.scalarKind ? NDArray<Int>(unchecked: array.view) : array.converted(to: Int.self)))
  }

  /// A mask: `true` where an element (or a line of elements, for a mask of
  /// the leading axes) is selected.
  public static func mask(_ array: NDArray<Bool>) -> NDAdvancedIndex { NDAdvancedIndex(.mask(array)) }

  /// Whether the entry is an index array or a mask.
  @inlinable var isAdvanced: Bool {
    if case .basic = storage { return false }
    return true
  }
}

/// A value that can stand in one position of a subscript that may select
/// by index arrays or masks.
///
/// Every ``NDIndexConvertible`` value conforms; so do arrays (`NDArray` and
/// Swift's `Array`) of integers or `Bool`.
public protocol NDAdvancedIndexConvertible {
  /// This value as a subscript entry.
  var advancedIndex: NDAdvancedIndex { get }
}

extension NDAdvancedIndex: NDAdvancedIndexConvertible {
  @inlinable public var advancedIndex: NDAdvancedIndex { self }
}

extension NDAdvancedIndexConvertible where Self == NDIndex {
  /// The element at `position` along an axis; see ``NDIndex/at(_:)``.
  @inlinable public static func at(_ position: Int) -> NDIndex { NDIndex(.position(position)) }
  /// The whole axis: NumPy's `:`.
  @inlinable public static var all: NDIndex { NDIndex(.slice(start: nil, stop: nil, step: 1)) }
  /// A new axis of length 1: NumPy's `None`.
  @inlinable public static var newAxis: NDIndex { NDIndex(.newAxis) }
  /// As many whole axes as needed: NumPy's `...`.
  @inlinable public static var ellipsis: NDIndex { NDIndex(.ellipsis) }

  /// NumPy's `start:stop:step`; see ``NDIndex/slice(from:to:by:)``.
  @inlinable
  public static func slice(from start: Int? = nil, to stop: Int? = nil, by step: Int = 1) -> NDIndex {
    NDIndex(.slice(start: start, stop: stop, step: step))
  }
}

/// An element type whose arrays can index: `Bool` (a mask) and every
/// integer type (positions, as NumPy accepts any integer dtype).
public protocol NDIndexElement: NDElement {
  /// An array of this type as a subscript entry.
  static func advancedIndex(_ array: NDArray<Self>) -> NDAdvancedIndex
}

extension NDIndexElement where Self: BinaryInteger {
  public static func advancedIndex(_ array: NDArray<Self>) -> NDAdvancedIndex { .indices(array) }
}

extension Bool: NDIndexElement {
  public static func advancedIndex(_ array: NDArray<Bool>) -> NDAdvancedIndex { .mask(array) }
}

extension Int: NDIndexElement {}
extension Int8: NDIndexElement {}
extension Int16: NDIndexElement {}
extension Int32: NDIndexElement {}
extension Int64: NDIndexElement {}
extension UInt: NDIndexElement {}
extension UInt8: NDIndexElement {}
extension UInt16: NDIndexElement {}
extension UInt32: NDIndexElement {}
extension UInt64: NDIndexElement {}

extension NDArray: NDAdvancedIndexConvertible where Element: NDIndexElement {
  /// The array as an index array (integers) or a mask (`Bool`).
  public var advancedIndex: NDAdvancedIndex { Element.advancedIndex(self) }
}

extension Array: NDAdvancedIndexConvertible where Element: NDIndexElement {
  /// The array as a one-dimensional index array or mask: `a[[0, 2]]` is
  /// NumPy's `a[[0, 2]]`.
  public var advancedIndex: NDAdvancedIndex { Element.advancedIndex(NDArray(self)) }
}
