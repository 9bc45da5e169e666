// NumPy's truthiness for arrays of numbers: `a.all()` and `a.any()` ask
// whether the elements are non-zero (NaN counts as non-zero, -0.0 as zero),
// through the same mask as `countNonzero` and the `Bool` reductions; and
// `allclose` of integer arrays.

extension NDArray where Element == Bool {
  /// Whether every element along one axis is `true`. See
  /// ``allTrue(axes:keepingDimensions:)``.
  ///
  /// NumPy: `a.all(axis=axis, keepdims=…)`.
  ///
  /// - Precondition: `axis` is in range (negative counts from the end).
  public func allTrue(axis: Int, keepingDimensions: Bool = false) -> NDArray {
    allTrue(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// Whether some element along one axis is `true`. See
  /// ``anyTrue(axes:keepingDimensions:)``.
  ///
  /// NumPy: `a.any(axis=axis, keepdims=…)`.
  ///
  /// - Precondition: `axis` is in range (negative counts from the end).
  public func anyTrue(axis: Int, keepingDimensions: Bool = false) -> NDArray {
    anyTrue(axes: [axis], keepingDimensions: keepingDimensions)
  }
}

extension NDArray where Element: Numeric {
  /// Whether every element is non-zero (NaN is non-zero, −0.0 is zero);
  /// `true` for an empty array.
  ///
  /// NumPy: `a.all()` of a numeric array.
  ///
  /// - Complexity: O(*n*).
  public func allTrue() -> Bool { nonzeroMask().allTrue() }

  /// Whether some element is non-zero; `false` for an empty array.
  ///
  /// NumPy: `a.any()` of a numeric array.
  ///
  /// - Complexity: O(*n*).
  public func anyTrue() -> Bool { nonzeroMask().anyTrue() }

  /// Whether every element along `axes` is non-zero. With
  /// `keepingDimensions`, each reduced axis stays with length 1.
  ///
  /// NumPy: `a.all(axis=axes, keepdims=…)`.
  ///
  /// - Precondition: The axes are in range and distinct.
  public func allTrue(axes: [Int], keepingDimensions: Bool = false) -> NDArray<Bool> {
    nonzeroMask().allTrue(axes: axes, keepingDimensions: keepingDimensions)
  }

  /// Whether some element along `axes` is non-zero.
  ///
  /// NumPy: `a.any(axis=axes, keepdims=…)`.
  ///
  /// - Precondition: The axes are in range and distinct.
  public func anyTrue(axes: [Int], keepingDimensions: Bool = false) -> NDArray<Bool> {
    nonzeroMask().anyTrue(axes: axes, keepingDimensions: keepingDimensions)
  }

  /// Whether every element along one axis is non-zero.
  ///
  /// NumPy: `a.all(axis=axis, keepdims=…)`.
  ///
  /// - Precondition: `axis` is in range.
  public func allTrue(axis: Int, keepingDimensions: Bool = false) -> NDArray<Bool> {
    allTrue(axes: [axis], keepingDimensions: keepingDimensions)
  }

  /// Whether some element along one axis is non-zero.
  ///
  /// NumPy: `a.any(axis=axis, keepdims=…)`.
  ///
  /// - Precondition: `axis` is in range.
  public func anyTrue(axis: Int, keepingDimensions: Bool = false) -> NDArray<Bool> {
    anyTrue(axes: [axis], keepingDimensions: keepingDimensions)
  }
}

/// Whether every pair of integers is close, compared as `Double`s by
/// ``isclose(_:_:relativeTolerance:absoluteTolerance:)``.
///
/// NumPy: `np.allclose(a, b, rtol=1e-05, atol=1e-08)` of integer arrays.
///
/// - Throws: ``ShapeError/notBroadcastable(_:)`` when the shapes do not
///   broadcast (NumPy's `ValueError`).
public func allclose<E: NDElement & BinaryInteger>(
  _ a: NDArray<E>, _ b: NDArray<E>, relativeTolerance: Double = 1e-5, absoluteTolerance: Double = 1e-8
) throws(ShapeError) -> Bool {
  try isclose(a, b, relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance).allTrue()
}
