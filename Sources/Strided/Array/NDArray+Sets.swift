// NumPy's set routines: membership (`isin`) and the sorted set operations
// of two arrays (`intersect1d`, `union1d`, `setdiff1d`, `setxor1d`).
// Both arrays are flattened; the results are 1-D, sorted and distinct
// (except `subtracting(_:assumingUnique: true)`, which keeps the order of
// its input, as NumPy's does). Each operand is sorted once, by the radix
// sorts behind `unique()`, and the two sorted runs are merged in one pass
// (`Kernels/SetOperations.swift`); `union` is `unique()` of both arrays
// joined, as NumPy defines it; membership sorts the test elements and
// binary-searches them.
//
// Names: the operations are Swift's `SetAlgebra` names (`union`,
// `intersection`, `subtracting`, `symmetricDifference`), which Swift users
// know from `Set` and which read as English at the call site
// (`a.union(b)`); NumPy's own names end in `1d` and would read as
// `a.setxor1d(b)`. `subtracting` rather than `difference` also keeps
// `np.setdiff1d` apart from `differences(order:)` (`np.diff`). Membership
// keeps NumPy's name in Swift's case, as `searchSorted` and `argsort` do:
// `a.isIn(b)`. NumPy's spellings are declared below as unavailable, so the
// compiler offers these names as fix-its.
//
// Equality is NumPy's `==`: −0.0 equals 0.0, and NaN (or a complex number
// with a NaN part) equals nothing, so `isIn` never finds NaN and
// `intersection` never holds it. Within one array, NaNs count as one value
// (NumPy 2's `unique`, `equal_nan=True`): `union` holds at most one NaN,
// `symmetricDifference` one from each array.

/// The values two arrays share and where each first occurs: NumPy's
/// `np.intersect1d(a, b, return_indices=True)`.
public struct SetIntersection<Element: NDElement>: Sendable {
  /// The common values, sorted, as the first array holds them (its −0.0
  /// where the other holds 0.0).
  public var values: NDArray<Element>
  /// For each common value, the flat (C-order) index of its first
  /// occurrence in the array the method was called on (NumPy's `comm1`).
  public var indices: NDArray<Int>
  /// For each common value, the flat index of its first occurrence in the
  /// other array (NumPy's `comm2`).
  public var otherIndices: NDArray<Int>
}

extension NDArray {
  /// Whether each element equals one of `testElements` (of any shape), in
  /// this array's shape; with `inverted`, whether it equals none of them.
  /// −0.0 equals 0.0; NaN equals nothing, so it is never found, even among
  /// NaNs.
  ///
  /// ```swift
  /// let a: NDArray<Int> = [[0, 2], [4, 6]]
  /// a.isIn([1, 2, 4, 8])                  // [[false, true], [true, false]]
  /// a[a.isIn([1, 2, 4, 8], inverted: true)]  // [0, 6]
  /// ```
  ///
  /// NumPy: `np.isin(a, test_elements, invert=inverted)`.
  ///
  /// - Complexity: For integers whose test values span at most six times
  ///   the *n* + *m* elements (NumPy's `kind="table"` rule), O(*n* + *m*)
  ///   through a table of that span; otherwise O(*m* log *m*) to sort the
  ///   *m* test elements, then O(*n* log *m*) for the *n* elements.
  public func isIn(_ testElements: NDArray, inverted: Bool = false) -> NDArray<Bool> {
    let result = NDArray<Bool>.uninitialized(shape, "NDArray.isIn")
    guard count > 0 else { return result }
    if tableMembership(testElements.contiguousAligned, inverted: inverted, into: result) { return result }
    let tests = testElements.unique().contiguousAligned
    let queries = contiguousAligned
    Sorting.dispatch(
      Element.scalarKind, "NDArray.isIn",
      Membership(
        sorted: tests.contiguousBase, count: tests.count, queries: queries.contiguousBase, queryCount: count,
        inverted: inverted, out: result.contiguousBase))
    return result
  }

  /// The sorted, distinct values that are in both arrays (both are
  /// flattened). NaN is never in the result; where one array holds −0.0
  /// and the other 0.0, the result holds this array's.
  ///
  /// NumPy: `np.intersect1d(a, b, assume_unique=assumingUnique)`.
  ///
  /// - Parameter assumingUnique: Whether each array is already free of
  ///   repeated values, which skips finding its distinct values. With
  ///   repeats, a value in both arrays appears as often as in the one that
  ///   holds it fewer times.
  /// - Complexity: O(*n* + *m*) radix passes and one merge.
  public func intersection(_ other: NDArray, assumingUnique: Bool = false) -> NDArray {
    let x = assumingUnique ? sorted(axis: nil).contiguousAligned : unique().contiguousAligned
    let y = assumingUnique ? other.sorted(axis: nil).contiguousAligned : other.unique().contiguousAligned
    return Self.setMerge(x, y, .intersection, "NDArray.intersection").values
  }

  /// The sorted, distinct values that are in both arrays, with the flat
  /// index of each one's first occurrence in either array.
  ///
  /// ```swift
  /// let x: NDArray<Int> = [1, 1, 2, 3, 4], y: NDArray<Int> = [2, 1, 4, 6]
  /// let common = x.intersectionWithIndices(y)
  /// common.values        // [1, 2, 4]
  /// common.indices       // [0, 2, 4]
  /// common.otherIndices  // [1, 0, 2]
  /// ```
  ///
  /// NumPy: `np.intersect1d(a, b, assume_unique=assumingUnique,
  /// return_indices=True)`.
  ///
  /// - Parameter assumingUnique: As in ``intersection(_:assumingUnique:)``;
  ///   the indices are then the positions of the values.
  /// - Complexity: O(*n* + *m*) radix passes and one merge.
  public func intersectionWithIndices(_ other: NDArray, assumingUnique: Bool = false) -> SetIntersection<Element> {
    let (x, xIndices) = sortedWithIndices(distinct: !assumingUnique)
    let (y, yIndices) = other.sortedWithIndices(distinct: !assumingUnique)
    let (values, picks) = Self.setMerge(x, y, .intersection, "NDArray.intersectionWithIndices")
    return SetIntersection(
      values: values, indices: NDArray<Int>(picks.positions.map { xIndices[$0] }),
      otherIndices: NDArray<Int>(picks.partners.map { yIndices[$0] }))
  }

  /// The sorted, distinct values that are in either array (both are
  /// flattened). NaNs count as one value; of −0.0 and 0.0, the first in
  /// this array followed by `other` is kept.
  ///
  /// NumPy: `np.union1d(a, b)`.
  ///
  /// - Complexity: O(*n* + *m*) radix passes.
  public func union(_ other: NDArray) -> NDArray {
    let joined: NDArray
    do {
      joined = try Self.concatenate([self, other], axis: nil)
    } catch {
      preconditionFailure("NDArray.union: \(error)")
    }
    return joined.unique()
  }

  /// The sorted, distinct values of this array that are not in `other`
  /// (both are flattened). NaN is never in `other`, so a NaN of this array
  /// is kept (once).
  ///
  /// NumPy: `np.setdiff1d(a, b, assume_unique=assumingUnique)`.
  ///
  /// - Parameter assumingUnique: Whether this array is already free of
  ///   repeated values. The result is then this array's elements that are
  ///   not in `other`, flattened, in their own order (sorted only when the
  ///   array is), as NumPy's is.
  /// - Complexity: O(*n* + *m*) radix passes and one merge; with
  ///   `assumingUnique`, O(*m*) radix passes and O(*n* log *m*).
  public func subtracting(_ other: NDArray, assumingUnique: Bool = false) -> NDArray {
    if assumingUnique {
      let flat = flattened()
      let keep: [NDAdvancedIndex] = [.mask(flat.isIn(other, inverted: true))]
      return try! flat.selecting(keep)
    }
    let x = unique().contiguousAligned
    let y = other.unique().contiguousAligned
    return Self.setMerge(x, y, .difference, "NDArray.subtracting").values
  }

  /// The sorted values that are in exactly one of the arrays (both are
  /// flattened). NaN equals nothing, so each array's NaN is kept: the
  /// result ends in two NaNs when both arrays hold one.
  ///
  /// NumPy: `np.setxor1d(a, b, assume_unique=assumingUnique)`.
  ///
  /// - Parameter assumingUnique: Whether each array is already free of
  ///   repeated values. With repeats, an element is kept when it equals
  ///   neither of its neighbours in the sorted elements of both arrays, as
  ///   NumPy keeps it.
  /// - Complexity: O(*n* + *m*) radix passes and one merge.
  public func symmetricDifference(_ other: NDArray, assumingUnique: Bool = false) -> NDArray {
    let x = assumingUnique ? sorted(axis: nil).contiguousAligned : unique().contiguousAligned
    let y = assumingUnique ? other.sorted(axis: nil).contiguousAligned : other.unique().contiguousAligned
    return Self.setMerge(x, y, .symmetricDifference, "NDArray.symmetricDifference").values
  }
}

// MARK: - Helpers

extension NDArray {
  /// The array itself when its elements lie in C order at aligned
  /// addresses, as the kernels read them through `contiguousBase`; a
  /// C-ordered copy otherwise.
  var contiguousAligned: NDArray { isCContiguous && view.isAligned ? self : copy() }

  /// ``isIn(_:inverted:)`` of integers through ``TableMembership``;
  /// `false` (and nothing written) where it declines.
  private func tableMembership(_ tests: NDArray, inverted: Bool, into result: NDArray<Bool>) -> Bool {
    guard tests.count > 0 else { return false }
    let queries = contiguousAligned
    defer { withExtendedLifetime((tests, queries)) {} }
    return TableMembership.run(
      Element.scalarKind, tests: tests.contiguousBase, count: tests.count, queries: queries.contiguousBase,
      queryCount: count, inverted: inverted, out: result.contiguousBase.assumingMemoryBound(to: Bool.self))
  }

  /// The flattened elements sorted, with each one's flat index: every
  /// element (a stable sort), or with `distinct` the first occurrence of
  /// each distinct value (NumPy's `unique(a, return_index=True)`).
  func sortedWithIndices(distinct: Bool) -> (values: NDArray, indices: [Int]) {
    if distinct {
      let u = uniqueValues()
      return (u.values.contiguousAligned, u.firstIndices.elements)
    }
    let order = argsort(axis: nil)
    return (try! flattened().take(order).contiguousAligned, order.elements)
  }

  /// Merges two sorted, C-ordered 1-D arrays and gathers what the merge
  /// keeps into a new array.
  static func setMerge(_ x: NDArray, _ y: NDArray, _ kind: SetMergeKind, _ operation: StaticString)
    -> (values: NDArray, picks: MergePicks)
  {
    let picks = Sorting.dispatch(
      Element.scalarKind, operation,
      SortedMerge(
        first: x.contiguousBase, firstCount: x.count, second: y.contiguousBase, secondCount: y.count, kind: kind))
    let result = uninitialized([picks.positions.count], operation)
    if !picks.positions.isEmpty {
      SortedMerge.gather(
        Element.self, first: x.contiguousBase, firstCount: x.count, second: y.contiguousBase,
        positions: picks.positions, into: result.contiguousBase)
    }
    return (result, picks)
  }
}

// MARK: - NumPy's spellings

extension NDArray {
  @available(*, unavailable, renamed: "isIn(_:inverted:)")
  public func isin(_ testElements: NDArray, invert: Bool = false) -> NDArray<Bool> { fatalError("unavailable") }

  @available(*, unavailable, renamed: "intersection(_:assumingUnique:)")
  public func intersect1d(_ other: NDArray, assume_unique: Bool = false) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "union(_:)")
  public func union1d(_ other: NDArray) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "subtracting(_:assumingUnique:)")
  public func setdiff1d(_ other: NDArray, assume_unique: Bool = false) -> NDArray { fatalError("unavailable") }

  @available(*, unavailable, renamed: "symmetricDifference(_:assumingUnique:)")
  public func setxor1d(_ other: NDArray, assume_unique: Bool = false) -> NDArray { fatalError("unavailable") }
}
