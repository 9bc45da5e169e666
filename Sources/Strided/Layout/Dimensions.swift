/// A short list of integers, one per axis: the sizes of a shape, or its
/// byte strides.
///
/// Up to four values are stored inline, so the shapes and strides of views
/// with up to four dimensions are read without allocating. It
/// reads like `[Int]` and compares equal to array literals: `view.shape == [2, 3]`.
public struct Dimensions: Sendable, Hashable, RandomAccessCollection, MutableCollection,
  RangeReplaceableCollection, ExpressibleByArrayLiteral, CustomStringConvertible
{
  /// The number of values stored without allocating.
  public static let inlineCapacity = 4

  @usableFromInline
  enum Storage: Sendable {
    /// Up to four values, the unused slots zero; no reference counting.
    case inline(count: Int, values: SIMD4<Int>)
    /// More than four values.
    case heap([Int])
  }

  @usableFromInline var _storage: Storage

  @inlinable
  init(_storage: Storage) { self._storage = _storage }

  /// The leading `count` lanes of `values`; the others must be zero.
  @inlinable @inline(__always)
  init(inline values: SIMD4<Int>, count: Int) { self._storage = .inline(count: count, values: values) }

  /// An empty list.
  @inlinable
  public init() {
    _storage = .inline(count: 0, values: .zero)
  }

  /// A list of `count` copies of `value`.
  ///
  /// - Precondition: `count >= 0`.
  @inlinable
  public init(repeating value: Int, count: Int) {
    precondition(count >= 0, "Dimensions: negative count \(count)")
    if count <= Self.inlineCapacity {
      var values = SIMD4<Int>.zero
      for i in 0..<count { values[i] = value }
      _storage = .inline(count: count, values: values)
    } else {
      _storage = .heap(Array(repeating: value, count: count))
    }
  }

  /// A list holding the values of a sequence.
  @inlinable
  public init<S: Sequence<Int>>(_ values: S) {
    self.init()
    for value in values { append(value) }
  }

  @inlinable @inline(__always)
  public init(arrayLiteral values: Int...) {
    self.init(array: values)
  }

  /// A list holding the values of an array.
  @inlinable @inline(__always)
  public init(array values: [Int]) {
    let count = values.count
    guard count <= Self.inlineCapacity else {
      _storage = .heap(values)
      return
    }
    var inline = SIMD4<Int>.zero
    for i in 0..<count { inline[i] = values[i] }
    _storage = .inline(count: count, values: inline)
  }

  @inlinable public var startIndex: Int { 0 }

  @inlinable public var endIndex: Int { count }

  @inlinable
  public var count: Int {
    switch _storage {
    case .inline(let count, _): count
    case .heap(let values): values.count
    }
  }

  /// - Precondition: `0 <= position < count`.
  @inlinable
  public subscript(position: Int) -> Int {
    get {
      switch _storage {
      case .inline(let count, let values):
        precondition(position >= 0 && position < count, "Dimensions: index \(position) out of range 0..<\(count)")
        return values[position]
      case .heap(let values):
        return values[position]
      }
    }
    set {
      switch _storage {
      case .inline(let count, let values):
        precondition(position >= 0 && position < count, "Dimensions: index \(position) out of range 0..<\(count)")
        var values = values
        values[position] = newValue
        _storage = .inline(count: count, values: values)
      case .heap(var values):
        _storage = .inline(count: 0, values: .zero)  // keep the array unique
        values[position] = newValue
        _storage = .heap(values)
      }
    }
  }

  /// Adds a value at the end.
  @inlinable
  public mutating func append(_ value: Int) {
    switch _storage {
    case .inline(let count, let values):
      if count < Self.inlineCapacity {
        var values = values
        values[count] = value
        _storage = .inline(count: count + 1, values: values)
      } else {
        _storage = .heap([values[0], values[1], values[2], values[3], value])
      }
    case .heap(var values):
      _storage = .inline(count: 0, values: .zero)
      values.append(value)
      _storage = .heap(values)
    }
  }

  /// The values in reverse order.
  ///
  /// - Complexity: O(*n*); no allocation for up to ``inlineCapacity`` values.
  @inlinable
  public func reversedValues() -> Dimensions {
    switch _storage {
    case .inline(let count, let v):
      var r = v
      for i in 0..<count { r[i] = v[count - 1 - i] }
      return Dimensions(_storage: .inline(count: count, values: r))
    case .heap(let values):
      return Dimensions(_storage: .heap(values.reversed()))
    }
  }

  /// Replaces a range of values with others.
  ///
  /// - Complexity: O(*n*).
  public mutating func replaceSubrange<C: Collection<Int>>(_ subrange: Range<Int>, with newElements: C) {
    var values = Array(self)
    values.replaceSubrange(subrange, with: newElements)
    self = Dimensions(values)
  }

  /// Inserts a value before the value at `index`.
  ///
  /// - Precondition: `0 <= index <= count`.
  /// - Complexity: O(*n*).
  public mutating func insert(_ value: Int, at index: Int) {
    precondition(index >= 0 && index <= count, "Dimensions: insertion index \(index) out of range 0...\(count)")
    var values = Array(self)
    values.insert(value, at: index)
    self = Dimensions(values)
  }

  /// Removes and returns the value at `index`.
  ///
  /// - Precondition: `0 <= index < count`.
  /// - Complexity: O(*n*).
  @discardableResult
  public mutating func remove(at index: Int) -> Int {
    precondition(index >= 0 && index < count, "Dimensions: index \(index) out of range 0..<\(count)")
    var values = Array(self)
    let removed = values.remove(at: index)
    self = Dimensions(values)
    return removed
  }

  /// The product of the values, 1 for an empty list.
  ///
  /// - Precondition: The product does not overflow; it cannot for the shape
  ///   of a view, which was checked when the view was made.
  @inlinable
  public var product: Int {
    switch _storage {
    case .inline(let count, let v):
      var product = 1
      for i in 0..<count { product *= v[i] }
      return product
    case .heap(let values):
      return values.reduce(1, *)
    }
  }

  /// Whether the list holds `value`.
  ///
  /// - Complexity: O(*n*).
  @inlinable
  public func contains(_ value: Int) -> Bool {
    switch _storage {
    case .inline(let count, let v):
      for i in 0..<count where v[i] == value { return true }
      return false
    case .heap(let values):
      return values.contains(value)
    }
  }

  /// The values as an array.
  public var array: [Int] { Array(self) }

  public var description: String { "[" + map(String.init).joined(separator: ", ") + "]" }

  @inlinable
  public static func == (a: Dimensions, b: Dimensions) -> Bool {
    if case .inline(let n, let x) = a._storage, case .inline(let m, let y) = b._storage {
      guard n == m else { return false }
      for i in 0..<n where x[i] != y[i] { return false }
      return true
    }
    return a.elementsEqual(b)
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
    hasher.combine(count)
    for value in self { hasher.combine(value) }
  }
}
