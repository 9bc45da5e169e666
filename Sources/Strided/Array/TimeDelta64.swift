/// A duration counted in `Unit`s: NumPy's `timedelta64[unit]`, as an
/// ``NDArray`` element.
///
/// ```swift
/// let d = TimeDelta64<Seconds>(count: 90)
/// d * 2                          // 180 seconds
/// d / 4                          // 22 seconds (rounded toward zero)
/// d.description                  // "90 seconds"
/// try d.converted(to: Minutes.self)  // 1 minutes (rounded toward -∞)
/// ```
///
/// The bytes are one `Int64` count, with `Int64.min` as NaT. Durations in
/// years or months do not convert to weeks or finer units (nor back): a
/// month has no fixed length, and ``converted(to:)`` throws, where NumPy's
/// `astype` would guess with an average month.
public struct TimeDelta64<Unit: TimeUnit>: Sendable {
  /// The number of `Unit`s; `Int64.min` is NaT.
  public var count: Int64

  /// A duration of `count` units: NumPy's `np.timedelta64(count, unit)`.
  @inlinable
  public init(count: Int64) { self.count = count }

  /// NaT, "not a time": NumPy's `np.timedelta64("NaT", unit)`.
  @inlinable
  public static var notATime: TimeDelta64 { TimeDelta64(count: .min) }

  /// Whether this is NaT: NumPy's `np.isnat`.
  @inlinable
  public var isNaT: Bool { count == .min }

  /// The unit of the count.
  @inlinable
  public static var unit: DateUnit { Unit.unit }

  /// The same duration in another unit: NumPy's
  /// `astype("timedelta64[unit]")` under the `same_kind` rule. A coarser
  /// unit rounds toward negative infinity (-5 hours is -1 days); NaT stays
  /// NaT.
  ///
  /// - Throws: ``DateTimeError/ambiguousUnitCast(from:to:)`` between years
  ///   or months and the fixed units (weeks to attoseconds), and
  ///   ``DateTimeError/conversionOverflow(from:to:)`` when the factor
  ///   between the units does not fit in `Int64`.
  public func converted<Target: TimeUnit>(to _: Target.Type) throws(DateTimeError) -> TimeDelta64<Target> {
    let cast = try DateCast(from: Unit.unit, to: Target.unit, isDateTime: false)
    return TimeDelta64<Target>(count: cast.apply(count))
  }
}

extension TimeDelta64: NDElement {
  /// The bytes are an `Int64`: `q` in a format, `<m8[unit]` in a `.npy` file.
  @inlinable public static var scalarKind: ScalarKind { .int64 }
  /// The zero duration.
  @inlinable public static var additiveIdentity: TimeDelta64 { TimeDelta64(count: 0) }
  /// One unit.
  @inlinable public static var multiplicativeIdentity: TimeDelta64 { TimeDelta64(count: 1) }
}

extension TimeDelta64: Comparable {
  /// Whether two durations are equal; false when either is NaT, as in NumPy.
  @inlinable
  public static func == (a: TimeDelta64, b: TimeDelta64) -> Bool {
    a.count == b.count && a.count != .min
  }

  /// Whether `a` is shorter than `b`; false when either is NaT.
  @inlinable
  public static func < (a: TimeDelta64, b: TimeDelta64) -> Bool {
    a.count < b.count && a.count != .min
  }

  @inlinable
  public static func <= (a: TimeDelta64, b: TimeDelta64) -> Bool {
    a.count <= b.count && a.count != .min && b.count != .min
  }

  @inlinable
  public static func > (a: TimeDelta64, b: TimeDelta64) -> Bool { b < a }

  @inlinable
  public static func >= (a: TimeDelta64, b: TimeDelta64) -> Bool { b <= a }
}

// MARK: - Arithmetic

extension TimeDelta64 {
  /// The sum of two durations; NaT when either is NaT.
  @inlinable
  public static func + (a: TimeDelta64, b: TimeDelta64) -> TimeDelta64 {
    TimeDelta64(count: DateArithmetic.add(a.count, b.count))
  }

  /// The difference of two durations; NaT when either is NaT.
  @inlinable
  public static func - (a: TimeDelta64, b: TimeDelta64) -> TimeDelta64 {
    TimeDelta64(count: DateArithmetic.subtract(a.count, b.count))
  }

  /// The negated duration; NaT stays NaT.
  @inlinable
  public static prefix func - (a: TimeDelta64) -> TimeDelta64 {
    TimeDelta64(count: DateArithmetic.subtract(0, a.count))
  }

  /// `n` times the duration: NumPy's `timedelta64 * int`.
  @inlinable
  public static func * (a: TimeDelta64, n: Int64) -> TimeDelta64 {
    TimeDelta64(count: DateArithmetic.multiply(a.count, n))
  }

  /// `n` times the duration: NumPy's `int * timedelta64`.
  @inlinable
  public static func * (n: Int64, a: TimeDelta64) -> TimeDelta64 {
    TimeDelta64(count: DateArithmetic.multiply(a.count, n))
  }

  /// The duration divided by `n`, rounded toward zero: NumPy's
  /// `timedelta64 / int` and `timedelta64 // int`. NaT when `n` is 0.
  @inlinable
  public static func / (a: TimeDelta64, n: Int64) -> TimeDelta64 {
    TimeDelta64(count: DateArithmetic.divide(a.count, n))
  }

  /// The ratio of two durations: NumPy's `timedelta64 / timedelta64`, a
  /// float64. NaN when either is NaT.
  @inlinable
  public static func / (a: TimeDelta64, b: TimeDelta64) -> Double {
    DateArithmetic.ratio(a.count, b.count)
  }
}
