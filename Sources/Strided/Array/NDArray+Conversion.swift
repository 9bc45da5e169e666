extension NDArray {
  /// A copy with every element converted to another element type, in C
  /// order (Fortran order when `self` is F-contiguous).
  ///
  /// NumPy: `a.astype(T)`. The rules:
  /// - integers to integers wrap modulo 2ⁿ, as NumPy's casts do;
  /// - floating-point values to integers truncate toward zero and saturate
  ///   at the target's bounds; NaN becomes 0 (NumPy leaves those cases
  ///   undefined);
  /// - to floating point, values round to nearest;
  /// - complex numbers to real types keep the real part;
  /// - to `Bool`, non-zero (NaN included) is `true`.
  ///
  /// - Precondition: Neither type is a date or a duration unless both are
  ///   the same type (a date's count means nothing in another unit: use
  ///   `converted(to: Days.self)` to change units, and `counts` for the
  ///   counts).
  /// - Complexity: O(*n*).
  public func converted<T: NDElement>(to _: T.Type) -> NDArray<T> {
    precondition(
      T.self == Element.self || (!(Element.self is any NDTimeElement.Type) && !(T.self is any NDTimeElement.Type)),
      "converted(to: \(T.self).self) of \(Element.self) elements: change a date's unit with converted(to: Days.self) (the unit type), read its counts with counts")
    return NDArray<T>(unchecked: view.convertedUnchecked(from: Element.scalarKind, to: T.self))
  }
}

extension NDView {
  /// A copy with every element converted to `T`, with the rules of
  /// ``NDArray/converted(to:)``. Elements in the other byte order are
  /// swapped first.
  ///
  /// - Throws: ``ViewError/elementTypeMismatch(expected:format:itemSize:)``
  ///   when the format is not a numeric scalar.
  /// - Complexity: O(*n*).
  public func converted<T: NDElement>(to _: T.Type) throws(ViewError) -> NDArray<T> {
    guard case .scalar(let kind, let order) = format.kind, kind != .pointer, itemSize == kind.size else {
      throw .elementTypeMismatch(expected: "a numeric scalar", format: format.description, itemSize: itemSize)
    }
    let source = order.isNative || !kind.hasByteOrder ? self : nativeByteOrderCopy()
    return NDArray<T>(unchecked: source.convertedUnchecked(from: kind, to: T.self))
  }

  func convertedUnchecked<T: NDElement>(from kind: ScalarKind, to _: T.Type) -> NDView {
    let out = Operands.result(shape: shape, format: T.format, like: [self], "converted(to:)")
    Conversion.convert(self, from: kind, into: out, as: T.scalarKind)
    return out
  }
}
