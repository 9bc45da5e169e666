/// A date or duration element: ``DateTime64`` or ``TimeDelta64`` of any
/// unit. Its bytes are one `Int64` count with `Int64.min` as NaT, and its
/// arrays compare, sort and test for NaT as NumPy's `datetime64` and
/// `timedelta64` arrays do.
public protocol NDTimeElement: NDElement, Comparable, CustomStringConvertible {
  /// The count of units; `Int64.min` is NaT.
  var count: Int64 { get }
  /// The element of a count of units.
  init(count: Int64)
  /// The unit of the count.
  static var unit: DateUnit { get }
  /// Whether the element is a duration (`timedelta64`) rather than a
  /// point in time (`datetime64`).
  static var isDuration: Bool { get }
}

extension DateTime64: NDTimeElement {
  /// `false`: a point in time.
  public static var isDuration: Bool { false }
}

extension TimeDelta64: NDTimeElement {
  /// `true`: a duration.
  public static var isDuration: Bool { true }
}

extension NDArray where Element: NDTimeElement {
  /// The counts, as `Int64`s: the same storage, no copy (NumPy's
  /// `a.view("i8")`). NaT reads as `Int64.min`.
  public var counts: NDArray<Int64> { NDArray<Int64>(unchecked: view) }

  /// The array of these counts (shared, not copied) as elements of this
  /// type: NumPy's `a.view("M8[s]")`.
  public init(counts: NDArray<Int64>) { self.init(unchecked: counts.view) }

  /// Which elements are NaT: NumPy's `np.isnat(a)`.
  ///
  /// - Complexity: O(*n*).
  public func isNaT() -> NDArray<Bool> {
    NDArray<Bool>(unchecked: DateKernels.unary(view, format: .bool, "isNaT") { (x: Int64) -> Bool in x == .min })
  }

  /// Element-wise `==`, false where either is NaT: NumPy's `a == b`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .== (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    compare(lhs, rhs, ".==") { (x: Int64, y: Int64) -> Bool in x == y && x != .min }
  }

  /// Element-wise `!=`, true where either is NaT: NumPy's `a != b`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .!= (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    compare(lhs, rhs, ".!=") { (x: Int64, y: Int64) -> Bool in x != y || x == .min }
  }

  /// Element-wise `<`, false where either is NaT: NumPy's `a < b`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .< (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    compare(lhs, rhs, ".<") { (x: Int64, y: Int64) -> Bool in x < y && x != .min }
  }

  /// Element-wise `<=`, false where either is NaT: NumPy's `a <= b`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .<= (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    compare(lhs, rhs, ".<=") { (x: Int64, y: Int64) -> Bool in x <= y && x != .min && y != .min }
  }

  /// Element-wise `>`, false where either is NaT: NumPy's `a > b`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .> (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    compare(lhs, rhs, ".>") { (x: Int64, y: Int64) -> Bool in x > y && y != .min }
  }

  /// Element-wise `>=`, false where either is NaT: NumPy's `a >= b`.
  ///
  /// - Precondition: The shapes broadcast.
  public static func .>= (lhs: NDArray, rhs: NDArray) -> NDArray<Bool> {
    compare(lhs, rhs, ".>=") { (x: Int64, y: Int64) -> Bool in x >= y && x != .min && y != .min }
  }

  /// `lhs .== [rhs]`, with NumPy's NaT rule.
  public static func .== (lhs: NDArray, rhs: Element) -> NDArray<Bool> { lhs .== NDArray(scalar: rhs) }
  /// `lhs .!= [rhs]`, with NumPy's NaT rule.
  public static func .!= (lhs: NDArray, rhs: Element) -> NDArray<Bool> { lhs .!= NDArray(scalar: rhs) }
  /// `lhs .< [rhs]`, with NumPy's NaT rule.
  public static func .< (lhs: NDArray, rhs: Element) -> NDArray<Bool> { lhs .< NDArray(scalar: rhs) }
  /// `lhs .<= [rhs]`, with NumPy's NaT rule.
  public static func .<= (lhs: NDArray, rhs: Element) -> NDArray<Bool> { lhs .<= NDArray(scalar: rhs) }
  /// `lhs .> [rhs]`, with NumPy's NaT rule.
  public static func .> (lhs: NDArray, rhs: Element) -> NDArray<Bool> { lhs .> NDArray(scalar: rhs) }
  /// `lhs .>= [rhs]`, with NumPy's NaT rule.
  public static func .>= (lhs: NDArray, rhs: Element) -> NDArray<Bool> { lhs .>= NDArray(scalar: rhs) }

  static func compare(
    _ lhs: NDArray, _ rhs: NDArray, _ operation: StaticString, _ op: (Int64, Int64) -> Bool
  ) -> NDArray<Bool> {
    NDArray<Bool>(unchecked: DateKernels.binary(lhs.view, rhs.view, format: .bool, operation, op))
  }

  /// The elements sorted along `axis` (flattened first when `nil`), NaT
  /// last, as NumPy sorts dates and durations.
  ///
  /// NumPy: `np.sort(a, axis=axis)`.
  ///
  /// - Precondition: `axis` is in range; a 0-d array needs `axis: nil`.
  /// - Complexity: O(*n* log *n*): the `Int64` sort, between two passes
  ///   that move NaT from the smallest count to the largest and back.
  public func sorted(axis: Int? = -1, stable: Bool = false) -> NDArray {
    // x - 1 (wrapping) keeps the order of every count but NaT, which
    // becomes Int64.max.
    let shifted = DateKernels.unary(view, format: .int64, "NDArray.sorted") { (x: Int64) -> Int64 in x &- 1 }
    let sorted = NDArray<Int64>(unchecked: shifted).sorted(axis: axis, stable: stable)
    return NDArray(unchecked: DateKernels.unary(sorted.view, format: .int64, "NDArray.sorted") { (x: Int64) -> Int64 in x &+ 1 })
  }

  /// Sorts the elements along `axis` in place, NaT last.
  ///
  /// NumPy: `a.sort(axis=axis)`.
  ///
  /// - Precondition: `axis` is in range, and the array is writable.
  public func sort(axis: Int = -1, stable: Bool = false) {
    precondition(!isReadOnly, "NDArray.sort: the array is read-only")
    sorted(axis: axis, stable: stable).copy(into: self)
  }
}

// MARK: - Dates

extension NDArray {
  /// Parses each string as an ISO 8601 date (see
  /// ``DateTime64/init(parsing:)``): NumPy's
  /// `np.array(texts, dtype="datetime64[unit]")`.
  ///
  /// - Throws: ``DateTimeError`` for the first string that does not parse,
  ///   naming it and the position where parsing stopped.
  /// - Complexity: O(total length of the strings).
  public init<U: TimeUnit>(parsing texts: [String]) throws(DateTimeError) where Element == DateTime64<U> {
    var elements: [DateTime64<U>] = []
    elements.reserveCapacity(texts.count)
    for text in texts { elements.append(try DateTime64<U>(parsing: text)) }
    self.init(elements)
  }

  /// The same times in another unit: NumPy's `a.astype("datetime64[unit]")`.
  /// A coarser unit rounds toward the past; NaT stays NaT.
  ///
  /// - Throws: ``DateTimeError/conversionOverflow(from:to:)`` when the
  ///   factor between the units does not fit in `Int64`.
  /// - Complexity: O(*n*); a new array even when the units are the same.
  public func converted<U: TimeUnit, T: TimeUnit>(
    to _: T.Type
  ) throws(DateTimeError) -> NDArray<DateTime64<T>> where Element == DateTime64<U> {
    let cast = try DateCast(from: U.unit, to: T.unit, isDateTime: true)
    return NDArray<DateTime64<T>>(
      unchecked: DateKernels.unary(view, format: .int64, "NDArray.converted") { (x: Int64) -> Int64 in cast.apply(x) })
  }

  /// The times from `start` up to, not including, `stop`, `step` apart (down
  /// to `stop` for a negative step): NumPy's
  /// `np.arange(start, stop, step, dtype="datetime64[unit]")`.
  ///
  /// - Throws: ``DateTimeError/notATime(operation:)`` when a bound or the
  ///   step is NaT, ``DateTimeError/invalidRange(_:)`` for a zero step.
  /// - Complexity: O(*n*).
  public static func arange<U: TimeUnit>(
    from start: DateTime64<U>, to stop: DateTime64<U>, by step: TimeDelta64<U> = TimeDelta64(count: 1)
  ) throws(DateTimeError) -> NDArray where Element == DateTime64<U> {
    guard !start.isNaT && !stop.isNaT && !step.isNaT else { throw .notATime(operation: "arange") }
    guard step.count != 0 else { throw .invalidRange("the step cannot be zero") }
    let counts = NDArray<Int64>.arange(from: start.count, to: stop.count, by: step.count)
    return NDArray(unchecked: counts.view)
  }
}

extension NDArray {
  /// The same durations in another unit: NumPy's
  /// `a.astype("timedelta64[unit]")` under the `same_kind` rule. A coarser
  /// unit rounds toward negative infinity; NaT stays NaT.
  ///
  /// - Throws: ``DateTimeError/ambiguousUnitCast(from:to:)`` between years
  ///   or months and the fixed units, and
  ///   ``DateTimeError/conversionOverflow(from:to:)`` when the factor
  ///   between the units does not fit in `Int64`.
  /// - Complexity: O(*n*).
  public func converted<U: TimeUnit, T: TimeUnit>(
    to _: T.Type
  ) throws(DateTimeError) -> NDArray<TimeDelta64<T>> where Element == TimeDelta64<U> {
    let cast = try DateCast(from: U.unit, to: T.unit, isDateTime: false)
    return NDArray<TimeDelta64<T>>(
      unchecked: DateKernels.unary(view, format: .int64, "NDArray.converted") { (x: Int64) -> Int64 in cast.apply(x) })
  }
}

// MARK: - Arithmetic

/// The durations between two arrays of times, element-wise: NumPy's `b - a`
/// of two `datetime64` arrays, a `timedelta64` array. NaT where either is
/// NaT; counts wrap on overflow, as in NumPy.
///
/// - Precondition: The shapes broadcast.
/// - Complexity: O(*n*), one pass.
public func - <U: TimeUnit>(lhs: NDArray<DateTime64<U>>, rhs: NDArray<DateTime64<U>>) -> NDArray<TimeDelta64<U>> {
  NDArray(unchecked: DateKernels.binary(lhs.view, rhs.view, "-") { (x: Int64, y: Int64) -> Int64 in DateArithmetic.subtract(x, y) })
}

/// The times `rhs` after `lhs`: NumPy's `datetime64 + timedelta64`.
///
/// - Precondition: The shapes broadcast.
public func + <U: TimeUnit>(lhs: NDArray<DateTime64<U>>, rhs: NDArray<TimeDelta64<U>>) -> NDArray<DateTime64<U>> {
  NDArray(unchecked: DateKernels.binary(lhs.view, rhs.view, "+") { (x: Int64, y: Int64) -> Int64 in DateArithmetic.add(x, y) })
}

/// The times `lhs` after `rhs`: NumPy's `timedelta64 + datetime64`.
///
/// - Precondition: The shapes broadcast.
public func + <U: TimeUnit>(lhs: NDArray<TimeDelta64<U>>, rhs: NDArray<DateTime64<U>>) -> NDArray<DateTime64<U>> {
  NDArray(unchecked: DateKernels.binary(lhs.view, rhs.view, "+") { (x: Int64, y: Int64) -> Int64 in DateArithmetic.add(x, y) })
}

/// The times `rhs` before `lhs`: NumPy's `datetime64 - timedelta64`.
///
/// - Precondition: The shapes broadcast.
public func - <U: TimeUnit>(lhs: NDArray<DateTime64<U>>, rhs: NDArray<TimeDelta64<U>>) -> NDArray<DateTime64<U>> {
  NDArray(unchecked: DateKernels.binary(lhs.view, rhs.view, "-") { (x: Int64, y: Int64) -> Int64 in DateArithmetic.subtract(x, y) })
}

/// The durations from `rhs` to each time: `lhs - [rhs]`.
public func - <U: TimeUnit>(lhs: NDArray<DateTime64<U>>, rhs: DateTime64<U>) -> NDArray<TimeDelta64<U>> {
  lhs - NDArray<DateTime64<U>>(scalar: rhs)
}

/// Each time moved `rhs` later: `lhs + [rhs]`.
public func + <U: TimeUnit>(lhs: NDArray<DateTime64<U>>, rhs: TimeDelta64<U>) -> NDArray<DateTime64<U>> {
  lhs + NDArray<TimeDelta64<U>>(scalar: rhs)
}

/// `rhs` moved by each duration: `[lhs] + rhs`, NumPy's
/// `np.datetime64(…) + deltas`.
public func + <U: TimeUnit>(lhs: DateTime64<U>, rhs: NDArray<TimeDelta64<U>>) -> NDArray<DateTime64<U>> {
  rhs + NDArray<DateTime64<U>>(scalar: lhs)
}

/// Each time moved `rhs` earlier: `lhs - [rhs]`.
public func - <U: TimeUnit>(lhs: NDArray<DateTime64<U>>, rhs: TimeDelta64<U>) -> NDArray<DateTime64<U>> {
  lhs - NDArray<TimeDelta64<U>>(scalar: rhs)
}

/// The sums of two arrays of durations; NaT where either is NaT.
///
/// - Precondition: The shapes broadcast.
public func + <U: TimeUnit>(lhs: NDArray<TimeDelta64<U>>, rhs: NDArray<TimeDelta64<U>>) -> NDArray<TimeDelta64<U>> {
  NDArray(unchecked: DateKernels.binary(lhs.view, rhs.view, "+") { (x: Int64, y: Int64) -> Int64 in DateArithmetic.add(x, y) })
}

/// The differences of two arrays of durations; NaT where either is NaT.
///
/// - Precondition: The shapes broadcast.
public func - <U: TimeUnit>(lhs: NDArray<TimeDelta64<U>>, rhs: NDArray<TimeDelta64<U>>) -> NDArray<TimeDelta64<U>> {
  NDArray(unchecked: DateKernels.binary(lhs.view, rhs.view, "-") { (x: Int64, y: Int64) -> Int64 in DateArithmetic.subtract(x, y) })
}

/// The durations times integers: NumPy's `timedelta64 * int64`; NaT stays
/// NaT.
///
/// - Precondition: The shapes broadcast.
@_disfavoredOverload
public func * <U: TimeUnit>(lhs: NDArray<TimeDelta64<U>>, rhs: NDArray<Int64>) -> NDArray<TimeDelta64<U>> {
  NDArray(unchecked: DateKernels.binary(lhs.view, rhs.view, "*") { (x: Int64, y: Int64) -> Int64 in DateArithmetic.multiply(x, y) })
}

/// The durations times `rhs`.
public func * <U: TimeUnit>(lhs: NDArray<TimeDelta64<U>>, rhs: Int64) -> NDArray<TimeDelta64<U>> {
  lhs * NDArray<Int64>(scalar: rhs)
}

/// The durations times `lhs`.
public func * <U: TimeUnit>(lhs: Int64, rhs: NDArray<TimeDelta64<U>>) -> NDArray<TimeDelta64<U>> {
  rhs * NDArray<Int64>(scalar: lhs)
}

/// The durations divided by integers, rounded toward zero: NumPy's
/// `timedelta64 / int64` and `// int64`. NaT where the divisor is 0 or the
/// duration NaT.
///
/// - Precondition: The shapes broadcast.
@_disfavoredOverload
public func / <U: TimeUnit>(lhs: NDArray<TimeDelta64<U>>, rhs: NDArray<Int64>) -> NDArray<TimeDelta64<U>> {
  NDArray(unchecked: DateKernels.binary(lhs.view, rhs.view, "/") { (x: Int64, y: Int64) -> Int64 in DateArithmetic.divide(x, y) })
}

/// The durations divided by `rhs`, rounded toward zero.
public func / <U: TimeUnit>(lhs: NDArray<TimeDelta64<U>>, rhs: Int64) -> NDArray<TimeDelta64<U>> {
  lhs / NDArray<Int64>(scalar: rhs)
}

/// The ratios of two arrays of durations: NumPy's `timedelta64 /
/// timedelta64`, float64. NaN where either is NaT.
///
/// - Precondition: The shapes broadcast.
public func / <U: TimeUnit>(lhs: NDArray<TimeDelta64<U>>, rhs: NDArray<TimeDelta64<U>>) -> NDArray<Double> {
  NDArray(unchecked: DateKernels.binary(lhs.view, rhs.view, format: .float64, "/") { (x: Int64, y: Int64) -> Double in DateArithmetic.ratio(x, y) })
}

/// The negated durations: NumPy's `-a`; NaT stays NaT.
public prefix func - <U: TimeUnit>(operand: NDArray<TimeDelta64<U>>) -> NDArray<TimeDelta64<U>> {
  NDArray(unchecked: DateKernels.unary(operand.view, format: .int64, "-") { (x: Int64) -> Int64 in DateArithmetic.subtract(0, x) })
}
