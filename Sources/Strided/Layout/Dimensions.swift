/// A short list of integers, one per axis: the sizes of a shape, or its
/// byte strides.
///
/// Up to four values are stored inline, so the views of arrays with up to
/// four dimensions are made without allocating. It reads like `[Int]` and
/// compares equal to array literals: `view.shape == [2, 3]`.
public struct Dimensions: Sendable, Hashable, RandomAccessCollection, MutableCollection,
  ExpressibleByArrayLiteral, CustomStringConvertible
{
  /// The number of values stored without allocating.
  public static let inlineCapacity = 4

  @usableFromInline var _count: Int
  @usableFromInline var _inline: InlineArray<4, Int>
  /// Every value, when there are more than ``inlineCapacity``.
  @usableFromInline var _heap: [Int]?

  /// An empty list.
  @inlinable
  public init() {
    _count = 0
    _inline = InlineArray(repeating: 0)
    _heap = nil
  }

  /// A list of `count` copies of `value`.
  @inlinable
  public init(repeating value: Int, count: Int) {
    precondition(count >= 0, "Dimensions: negative count \(count)")
    _count = count
    if count <= Self.inlineCapacity {
      _inline = InlineArray(repeating: 0)
      for i in 0..<count { _inline[i] = value }
      _heap = nil
    } else {
      _inline = InlineArray(repeating: 0)
      _heap = Array(repeating: value, count: count)
    }
  }

  /// A list holding the values of a sequence.
  @inlinable
  public init<S: Sequence<Int>>(_ values: S) {
    self.init()
    for value in values { append(value) }
  }

  @inlinable
  public init(arrayLiteral values: Int...) {
    self.init(values)
  }

  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { _count }
  @inlinable public var count: Int { _count }

  @inlinable
  public subscript(position: Int) -> Int {
    get {
      precondition(position >= 0 && position < _count, "Dimensions: index \(position) out of range 0..<\(_count)")
      return _count <= Self.inlineCapacity ? _inline[position] : _heap.unsafelyUnwrapped[position]
    }
    set {
      precondition(position >= 0 && position < _count, "Dimensions: index \(position) out of range 0..<\(_count)")
      if _count <= Self.inlineCapacity {
        _inline[position] = newValue
      } else {
        _heap![position] = newValue
      }
    }
  }

  /// Adds a value at the end.
  @inlinable
  public mutating func append(_ value: Int) {
    if _count < Self.inlineCapacity {
      _inline[_count] = value
    } else if _count == Self.inlineCapacity {
      var all = [Int]()
      all.reserveCapacity(Self.inlineCapacity * 2)
      for i in 0..<_count { all.append(_inline[i]) }
      all.append(value)
      _heap = all
    } else {
      _heap!.append(value)
    }
    _count += 1
  }

  /// Inserts a value before the value at `index`.
  ///
  /// - Complexity: O(*n*).
  public mutating func insert(_ value: Int, at index: Int) {
    precondition(index >= 0 && index <= _count, "Dimensions: insertion index \(index) out of range 0...\(_count)")
    append(0)
    var i = _count - 1
    while i > index {
      self[i] = self[i - 1]
      i -= 1
    }
    self[index] = value
  }

  /// Removes and returns the value at `index`.
  ///
  /// - Complexity: O(*n*).
  @discardableResult
  public mutating func remove(at index: Int) -> Int {
    precondition(index >= 0 && index < _count, "Dimensions: index \(index) out of range 0..<\(_count)")
    let removed = self[index]
    for i in index..<(_count - 1) { self[i] = self[i + 1] }
    if _count == Self.inlineCapacity + 1 {
      let all = _heap!
      for i in 0..<Self.inlineCapacity { _inline[i] = all[i] }
      _heap = nil
    } else if _count > Self.inlineCapacity {
      _heap!.removeLast()
    }
    _count -= 1
    return removed
  }

  /// The product of the values, 1 for an empty list.
  ///
  /// - Precondition: The product does not overflow; it cannot for the shape
  ///   of a view, which was checked when the view was made.
  @inlinable
  public var product: Int {
    var result = 1
    for i in 0..<_count { result *= self[i] }
    return result
  }

  /// The values as an array.
  public var array: [Int] { Array(self) }

  public var description: String { "[" + map(String.init).joined(separator: ", ") + "]" }

  @inlinable
  public static func == (a: Dimensions, b: Dimensions) -> Bool {
    guard a._count == b._count else { return false }
    for i in 0..<a._count where a[i] != b[i] { return false }
    return true
  }

  /// Whether the list holds the same values as an array.
  @inlinable
  public static func == (a: Dimensions, b: [Int]) -> Bool {
    a.elementsEqual(b)
  }

  /// Whether the list holds the same values as an array.
  @inlinable
  public static func == (a: [Int], b: Dimensions) -> Bool {
    b.elementsEqual(a)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(_count)
    for value in self { hasher.combine(value) }
  }
}
