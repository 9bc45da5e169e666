extension NDArray {
  /// An array of the given shape with every element equal to `value`.
  ///
  /// NumPy: `np.full(shape, value)`.
  ///
  /// - Precondition: The sizes are non-negative and the total size fits in
  ///   memory addresses; ``NDView/init(format:shape:order:)`` throws instead.
  /// - Complexity: O(*n*).
  @inlinable
  public init(repeating value: Element, shape: Dimensions, order: MemoryOrder = .c) {
    self = .filled(shape: shape, order: order, in: "NDArray(repeating:shape:)") { _ in value }
  }

  /// An array of zeros (`false` for `Bool`).
  ///
  /// NumPy: `np.zeros(shape)`.
  ///
  /// - Precondition: The shape is valid, as for ``init(repeating:shape:order:)``.
  /// - Complexity: O(*n*).
  public static func zeros(_ shape: Dimensions, order: MemoryOrder = .c) -> NDArray {
    do {
      return NDArray(unchecked: try NDView(format: Element.format, shape: shape, order: order))
    } catch {
      preconditionFailure("NDArray.zeros: \(error) (try NDView(format:shape:) throws instead)")
    }
  }

  /// An array of ones (`true` for `Bool`).
  ///
  /// NumPy: `np.ones(shape)`.
  ///
  /// - Precondition: The shape is valid, as for ``init(repeating:shape:order:)``.
  /// - Complexity: O(*n*).
  @inlinable
  public static func ones(_ shape: Dimensions, order: MemoryOrder = .c) -> NDArray {
    NDArray(repeating: .multiplicativeIdentity, shape: shape, order: order)
  }

  /// A C-ordered array of the given shape holding `elements` in order.
  ///
  /// NumPy: `np.array(elements).reshape(shape)`.
  ///
  /// - Precondition: `elements.count` is the product of the shape.
  /// - Complexity: O(*n*).
  @inlinable
  public init(_ elements: [Element], shape: Dimensions) {
    let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
    precondition(
      shape.allSatisfy { $0 >= 0 } && count == elements.count,
      "NDArray(_:shape:): \(elements.count) elements do not fill shape \(shape)")
    self = .filled(shape: shape, order: .c, in: "NDArray(_:shape:)") { elements[$0] }
  }

  /// A one-dimensional array of the given elements.
  ///
  /// - Complexity: O(*n*).
  @inlinable
  public init(_ elements: [Element]) {
    self = .filled(shape: [elements.count], order: .c, in: "NDArray(_:)") { elements[$0] }
  }

  /// A matrix from nested arrays, one per row: NumPy's `np.array(rows)`.
  ///
  /// ```swift
  /// let m = NDArray<Int>([[0, 1], [1, 0]])  // shape [2, 2]
  /// let t = NDArray(rows)                   // rows: [[Double]]
  /// ```
  ///
  /// `[[]]` is a 1 × 0 matrix and `[]` (as `[Element]`) a vector of none,
  /// as in NumPy.
  ///
  /// - Precondition: Every row has as many elements as the first (NumPy
  ///   raises `ValueError` for ragged rows).
  /// - Complexity: O(*n*).
  @_disfavoredOverload
  public init(_ rows: [[Element]]) {
    let columns = rows.first?.count ?? 0
    for (i, row) in rows.enumerated() {
      precondition(
        row.count == columns, "NDArray(_:): row \(i) has \(row.count) elements, but row 0 has \(columns) (ragged nesting)")
    }
    self.init(rows.flatMap { $0 }, shape: [rows.count, columns])
  }

  /// A 0-d array holding one element.
  @inlinable
  public init(scalar value: Element) {
    self = .filled(shape: [], order: .c, in: "NDArray(scalar:)") { _ in value }
  }

  /// The `n`×`n` identity matrix.
  ///
  /// NumPy: `np.identity(n)`, `np.eye(n)`.
  ///
  /// - Precondition: `n >= 0`.
  /// - Complexity: O(*n*²).
  @inlinable
  public static func identity(_ n: Int) -> NDArray {
    precondition(n >= 0, "NDArray.identity: negative size \(n)")
    return .filled(shape: [n, n], order: .c, in: "NDArray.identity") {
      $0 % (n + 1) == 0 ? .multiplicativeIdentity : .additiveIdentity
    }
  }
}

extension NDArray where Element: BinaryInteger {
  /// The integers from `start` up to, not including, `stop`, `step` apart
  /// (down to `stop` for a negative step).
  ///
  /// NumPy: `np.arange(start, stop, step)`.
  ///
  /// - Precondition: `step != 0`, and the count fits in memory.
  /// - Complexity: O(*n*).
  @inlinable
  public static func arange(from start: Element = 0, to stop: Element, by step: Element = 1) -> NDArray {
    precondition(step != 0, "NDArray.arange: step cannot be zero")
    // Count in a wider type, so no difference of two elements can overflow.
    let (first, last, by) = (Int128(start), Int128(stop), Int128(step))
    var count: Int128 = 0
    if by > 0, last > first {
      count = (last - first - 1) / by + 1
    } else if by < 0, last < first {
      count = (first - last - 1) / -by + 1
    }
    precondition(count <= Int128(Int.max), "NDArray.arange: \(count) elements are too many")
    return .filled(shape: [Int(count)], order: .c, in: "NDArray.arange") {
      Element(truncatingIfNeeded: first + Int128($0) * by)
    }
  }
}

extension NDArray where Element: BinaryFloatingPoint {
  /// The values `start + i * step` below `stop` (above it for a negative
  /// step): `ceil((stop - start) / step)` of them.
  ///
  /// NumPy: `np.arange(start, stop, step)`.
  ///
  /// - Precondition: `step` is finite and not zero, the bounds are finite,
  ///   and the count fits in memory.
  /// - Complexity: O(*n*).
  @inlinable
  public static func arange(from start: Element = 0, to stop: Element, by step: Element = 1) -> NDArray {
    precondition(step != 0 && step.isFinite, "NDArray.arange: step must be finite and not zero")
    precondition(start.isFinite && stop.isFinite, "NDArray.arange: bounds must be finite")
    // Count in Double, where the span of two finite values of any element type is finite.
    let (first, by) = (Double(start), Double(step))
    let steps = ((Double(stop) - first) / by).rounded(.up)
    precondition(steps < Double(Int.max), "NDArray.arange: \(steps) elements are too many")
    let count = steps > 0 ? Int(steps) : 0
    return .filled(shape: [count], order: .c, in: "NDArray.arange") { Element(first + Double($0) * by) }
  }

  /// `count` values evenly spaced from `start` to `stop`, both included
  /// (or `stop` excluded when `includingEnd` is false).
  ///
  /// NumPy: `np.linspace(start, stop, count, endpoint=…)`.
  ///
  /// - Precondition: `count >= 0`.
  /// - Complexity: O(*n*).
  @inlinable
  public static func linspace(from start: Element, to stop: Element, count: Int, includingEnd: Bool = true)
    -> NDArray
  {
    precondition(count >= 0, "NDArray.linspace: negative count \(count)")
    let divisions = includingEnd ? count - 1 : count
    let step = divisions > 0 ? (stop - start) / Element(divisions) : 0
    return .filled(shape: [count], order: .c, in: "NDArray.linspace") { i in
      includingEnd && i == count - 1 && count > 1 ? stop : start + Element(i) * step
    }
  }
}
