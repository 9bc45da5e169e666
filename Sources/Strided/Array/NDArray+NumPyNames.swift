// The names a NumPy user types first. Where Strided spells a thing
// differently, the NumPy name is declared unavailable, so the compiler's
// error carries a fix-it to Strided's name instead of "no member"; where
// the NumPy name reads well in Swift too, it is simply provided.

import RealModule

extension NDArray {
  /// The number of bytes the elements take: NumPy's `a.nbytes`.
  public var nbytes: Int { view.nbytes }

  /// The bytes of one element: NumPy's `a.itemsize`.
  public var itemSize: Int { view.itemSize }

  @available(*, unavailable, renamed: "transposed()")
  public var T: NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "transposed()")
  public func transpose() -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "converted(to:)")
  public func astype<Target: NDElement>(_ type: Target.Type) -> NDArray<Target> { fatalError("unavailable") }

  @available(*, unavailable, renamed: "reshaped(to:)")
  public func reshape(_ shape: Dimensions) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "flattened()")
  public func flatten() -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "flattened()")
  public func ravel() -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "squeezed()")
  public func squeeze() -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "swappingAxes(_:_:)")
  public func swapaxes(_ first: Int, _ second: Int) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "expandingDimensions(at:)")
  public func expand_dims(_ axis: Int) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "count")
  public var size: Int { fatalError("unavailable") }

  @available(*, unavailable, renamed: "itemSize")
  public var itemsize: Int { fatalError("unavailable") }

  @available(*, unavailable, renamed: "elements")
  public func tolist() -> [Element] { fatalError("unavailable") }

  @available(*, unavailable, renamed: "anyTrue()")
  public func any() -> Bool { fatalError("unavailable") }

  @available(*, unavailable, renamed: "allTrue()")
  public func all() -> Bool { fatalError("unavailable") }

  @available(*, unavailable, renamed: "cumulativeSum(axis:)")
  public func cumsum(axis: Int? = nil) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "cumulativeProduct(axis:)")
  public func cumprod(axis: Int? = nil) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "standardDeviation()")
  public func std() -> Double { fatalError("unavailable") }

  @available(*, unavailable, renamed: "variance()")
  public func `var`() -> Double { fatalError("unavailable") }

  @available(*, unavailable, renamed: "clipped(min:max:)")
  public func clip(_ minimum: Element, _ maximum: Element) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "arange(to:)")
  public static func arange(_ stop: Element) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "linspace(from:to:count:)")
  public static func linspace(_ start: Element, _ stop: Element, _ count: Int) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "zeros(like:)")
  public static func zeros_like(_ array: NDArray) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "ones(like:)")
  public static func ones_like(_ array: NDArray) -> NDArray { fatalError("unavailable") }
}

extension NDArray where Element: Numeric {
  /// An array of zeros of `array`'s shape: NumPy's `np.zeros_like(a)`
  /// (C order).
  ///
  /// - Complexity: O(*n*).
  public static func zeros(like array: NDArray) -> NDArray { zeros(array.shape) }

  /// An array of ones of `array`'s shape: NumPy's `np.ones_like(a)`.
  ///
  /// - Complexity: O(*n*).
  public static func ones(like array: NDArray) -> NDArray { ones(array.shape) }

  /// An array of `value` in `array`'s shape: NumPy's `np.full_like(a, value)`.
  ///
  /// - Complexity: O(*n*).
  public static func full(like array: NDArray, _ value: Element) -> NDArray { full(array.shape, value) }
}
