/// One entry of a multi-axis subscript: an index, a range, a NumPy-style
/// slice, a new axis or an ellipsis.
///
/// Subscripts accept any ``NDIndexConvertible`` value in each position, so
/// integers, every Swift range form and these entries mix freely:
///
/// ```swift
/// m[0, 2...]                              // m[0, 2:]
/// m[.all, .slice(by: -1)]                 // m[:, ::-1]
/// m[.slice(from: 5, to: 1, by: -2)]       // m[5:1:-2]
/// m[.newAxis, .ellipsis, 0]               // m[None, ..., 0]
/// ```
///
/// Integer indices and Swift ranges use Swift's rules: a negative integer
/// counts from the end, but a range must lie within the axis, or the
/// subscript traps. ``slice(from:to:by:)`` uses NumPy's rules: negative
/// bounds count from the end, and bounds beyond the axis are clipped.
public struct NDIndex: Sendable, Hashable {
  @usableFromInline
  enum Storage: Sendable, Hashable {
    case position(Int)
    case bounds(lower: Int, upper: Int?)
    case slice(start: Int?, stop: Int?, step: Int)
    case newAxis
    case ellipsis
  }

  @usableFromInline let storage: Storage

  @inlinable init(_ storage: Storage) { self.storage = storage }

  /// The element at `position` along an axis; negative positions count
  /// from the end. The axis is removed from the result.
  @inlinable
  public static func at(_ position: Int) -> NDIndex { NDIndex(.position(position)) }

  /// NumPy's `start:stop:step`. Negative bounds count from the end, bounds
  /// beyond the axis are clipped, and a negative step walks backwards, with
  /// `nil` bounds meaning "from the first element met" and "to the last".
  ///
  /// - Precondition: `step != 0` (checked when the subscript runs).
  @inlinable
  public static func slice(from start: Int? = nil, to stop: Int? = nil, by step: Int = 1) -> NDIndex {
    NDIndex(.slice(start: start, stop: stop, step: step))
  }

  /// The whole axis: NumPy's `:`.
  @inlinable
  public static var all: NDIndex { NDIndex(.slice(start: nil, stop: nil, step: 1)) }

  /// A new axis of length 1: NumPy's `None` or `np.newaxis`.
  @inlinable
  public static var newAxis: NDIndex { NDIndex(.newAxis) }

  /// As many whole axes as needed to index every axis: NumPy's `...`.
  @inlinable
  public static var ellipsis: NDIndex { NDIndex(.ellipsis) }
}

/// A value that can stand in one position of a multi-axis subscript.
public protocol NDIndexConvertible: NDAdvancedIndexConvertible {
  /// This value as a subscript entry.
  var ndIndex: NDIndex { get }
}

extension NDIndexConvertible {
  /// This value as a basic entry of an advanced subscript.
  @inlinable public var advancedIndex: NDAdvancedIndex { NDAdvancedIndex(.basic(ndIndex)) }
}

extension NDIndex: NDIndexConvertible, ExpressibleByIntegerLiteral {
  @inlinable public var ndIndex: NDIndex { self }

  @inlinable
  public init(integerLiteral value: Int) { self.init(.position(value)) }
}

extension NDIndexConvertible where Self == NDIndex {
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

extension Int: NDIndexConvertible {
  @inlinable public var ndIndex: NDIndex { NDIndex(.position(self)) }
}

extension Range: NDAdvancedIndexConvertible where Bound == Int {}

extension Range: NDIndexConvertible where Bound == Int {
  @inlinable public var ndIndex: NDIndex { NDIndex(.bounds(lower: lowerBound, upper: upperBound)) }
}

extension ClosedRange: NDAdvancedIndexConvertible where Bound == Int {}

extension ClosedRange: NDIndexConvertible where Bound == Int {
  @inlinable public var ndIndex: NDIndex { NDIndex(.bounds(lower: lowerBound, upper: upperBound &+ 1)) }
}

extension PartialRangeFrom: NDAdvancedIndexConvertible where Bound == Int {}

extension PartialRangeFrom: NDIndexConvertible where Bound == Int {
  @inlinable public var ndIndex: NDIndex { NDIndex(.bounds(lower: lowerBound, upper: nil)) }
}

extension PartialRangeUpTo: NDAdvancedIndexConvertible where Bound == Int {}

extension PartialRangeUpTo: NDIndexConvertible where Bound == Int {
  @inlinable public var ndIndex: NDIndex { NDIndex(.bounds(lower: 0, upper: upperBound)) }
}

extension PartialRangeThrough: NDAdvancedIndexConvertible where Bound == Int {}

extension PartialRangeThrough: NDIndexConvertible where Bound == Int {
  @inlinable public var ndIndex: NDIndex { NDIndex(.bounds(lower: 0, upper: upperBound &+ 1)) }
}

/// The entries of one subscript, stored inline for up to four.
@usableFromInline
struct NDIndexList {
  @usableFromInline var count: Int
  @usableFromInline var e0: NDIndex
  @usableFromInline var e1: NDIndex
  @usableFromInline var e2: NDIndex
  @usableFromInline var e3: NDIndex
  /// Every entry, when there are more than four.
  @usableFromInline var more: [NDIndex]?

  @inlinable
  init(_ a: NDIndex, _ b: NDIndex = .all, _ c: NDIndex = .all, _ d: NDIndex = .all, count: Int) {
    (self.count, e0, e1, e2, e3, more) = (count, a, b, c, d, nil)
  }

  @inlinable
  init(_ entries: [NDIndex]) {
    (count, e0, e1, e2, e3, more) = (entries.count, .all, .all, .all, .all, entries)
  }

  @inlinable
  subscript(i: Int) -> NDIndex {
    if let more { return more[i] }
    switch i {
    case 0: return e0
    case 1: return e1
    case 2: return e2
    default: return e3
    }
  }
}
