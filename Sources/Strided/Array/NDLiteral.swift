/// One level of a nested array literal: an element, or a list of nested
/// literals. It lets `NDArray` be written as nested Swift array literals.
///
/// ```swift
/// let m: NDArray<Double> = [[1, 2.5], [3, 4]]   // shape [2, 2]
/// let z: NDArray<Complex<Double>> = [.element(Complex(1, 2)), 0]
/// ```
public enum NDLiteral<Element: NDElement> {
  /// One element.
  case element(Element)
  /// A list, one level deeper.
  case list([NDLiteral])
}

extension NDLiteral: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: NDLiteral...) {
    self = .list(elements)
  }
}

extension NDLiteral: ExpressibleByIntegerLiteral where Element: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Element.IntegerLiteralType) {
    self = .element(Element(integerLiteral: value))
  }
}

extension NDLiteral: ExpressibleByFloatLiteral where Element: ExpressibleByFloatLiteral {
  public init(floatLiteral value: Element.FloatLiteralType) {
    self = .element(Element(floatLiteral: value))
  }
}

extension NDLiteral where Element: FloatingPoint {
  /// Not a number, for literals such as `[1, .nan]` (NumPy's `np.nan`).
  public static var nan: NDLiteral { .element(.nan) }
  /// Positive infinity, for literals such as `[1, .infinity]` (`np.inf`).
  public static var infinity: NDLiteral { .element(.infinity) }
}

extension NDLiteral: ExpressibleByBooleanLiteral where Element == Bool {
  public init(booleanLiteral value: Bool) {
    self = .element(value)
  }
}

extension NDArray: ExpressibleByArrayLiteral {
  /// An array from nested array literals; the nesting gives the shape.
  ///
  /// - Precondition: The literal is not ragged: every list at one depth has
  ///   the same length, and elements appear only at the deepest level.
  public init(arrayLiteral elements: NDLiteral<Element>...) {
    var shape = Dimensions()
    var level = NDLiteral<Element>.list(elements)
    while case .list(let items) = level {
      shape.append(items.count)
      guard let first = items.first else { break }
      level = first
    }
    var flat: [Element] = []
    flat.reserveCapacity(shape.product)
    func gather(_ literal: NDLiteral<Element>, depth: Int) {
      switch literal {
      case .element(let value):
        precondition(depth == shape.count, "NDArray literal: ragged nesting, an element at depth \(depth) of \(shape.count)")
        flat.append(value)
      case .list(let items):
        precondition(
          depth < shape.count && items.count == shape[depth],
          "NDArray literal: ragged nesting, a list of \(items.count) where the shape is \(shape)")
        for item in items { gather(item, depth: depth + 1) }
      }
    }
    gather(.list(elements), depth: 0)
    self.init(flat, shape: shape)
  }
}

extension NDArray: ExpressibleByIntegerLiteral where Element: ExpressibleByIntegerLiteral {
  /// A 0-d array of one value, so that a literal can stand where an array
  /// is expected: `a[0, .all] = 5` fills a row.
  public init(integerLiteral value: Element.IntegerLiteralType) {
    self.init(scalar: Element(integerLiteral: value))
  }
}

extension NDArray: ExpressibleByFloatLiteral where Element: ExpressibleByFloatLiteral {
  /// A 0-d array of one value: `a[mask] = 0.5`.
  public init(floatLiteral value: Element.FloatLiteralType) {
    self.init(scalar: Element(floatLiteral: value))
  }
}

extension NDArray: ExpressibleByBooleanLiteral where Element == Bool {
  /// A 0-d `Bool` array: `flags[2...] = true`.
  public init(booleanLiteral value: Bool) {
    self.init(scalar: value)
  }
}

