/// A point in time counted in `Unit`s from 1970-01-01T00:00 (UTC, no leap
/// seconds): NumPy's `datetime64[unit]`, as an ``NDArray`` element.
///
/// ```swift
/// let a = try DateTime64<Seconds>(parsing: "2020-01-01T12:00:00")
/// let b = try DateTime64<Seconds>(parsing: "2020-01-02")   // midnight
/// b - a                          // 43200 seconds (a TimeDelta64<Seconds>)
/// a.description                  // "2020-01-01T12:00:00"
/// DateTime64<Days>.notATime      // NaT
/// ```
///
/// The unit is part of the type, so `NDArray<DateTime64<Seconds>>` is
/// `datetime64[s]`; change it with ``converted(to:)``. The bytes are one
/// `Int64` count, NumPy's, with `Int64.min` as NaT (not a time). NaT
/// propagates through arithmetic and compares false with everything,
/// itself included, except by `!=`, as in NumPy. Arithmetic wraps on
/// overflow, as NumPy's does.
public struct DateTime64<Unit: TimeUnit>: Sendable {
  /// The number of `Unit`s since 1970-01-01T00:00; `Int64.min` is NaT.
  public var count: Int64

  /// The time `count` units after 1970-01-01T00:00 (before it when
  /// negative): NumPy's `np.datetime64(count, unit)`.
  @inlinable
  public init(count: Int64) { self.count = count }

  /// NaT, "not a time": NumPy's `np.datetime64("NaT", unit)`.
  @inlinable
  public static var notATime: DateTime64 { DateTime64(count: .min) }

  /// Whether this is NaT: NumPy's `np.isnat`.
  @inlinable
  public var isNaT: Bool { count == .min }

  /// The unit of the count.
  @inlinable
  public static var unit: DateUnit { Unit.unit }

  /// The same time in another unit: NumPy's `astype("datetime64[unit]")`.
  /// A coarser unit rounds toward the past (2020-03-15T13 in days is
  /// 2020-03-15, and 1969-12-31T13 is 1969-12-31); NaT stays NaT.
  ///
  /// - Throws: ``DateTimeError/conversionOverflow(from:to:)`` when the
  ///   factor between the units does not fit in `Int64` (days to
  ///   picoseconds).
  public func converted<Target: TimeUnit>(to _: Target.Type) throws(DateTimeError) -> DateTime64<Target> {
    let cast = try DateCast(from: Unit.unit, to: Target.unit, isDateTime: true)
    return DateTime64<Target>(count: cast.apply(count))
  }
}

extension DateTime64: NDElement {
  /// The bytes are an `Int64`: `q` in a format, `<M8[unit]` in a `.npy` file.
  @inlinable public static var scalarKind: ScalarKind { .int64 }
  /// The epoch, 1970-01-01T00:00.
  @inlinable public static var additiveIdentity: DateTime64 { DateTime64(count: 0) }
  /// One unit after the epoch (required by ``NDElement``; it has no
  /// arithmetic meaning for dates).
  @inlinable public static var multiplicativeIdentity: DateTime64 { DateTime64(count: 1) }
}

extension DateTime64: Comparable {
  /// Whether two times are the same; false when either is NaT, as in NumPy.
  @inlinable
  public static func == (a: DateTime64, b: DateTime64) -> Bool {
    a.count == b.count && a.count != .min
  }

  /// Whether `a` is earlier than `b`; false when either is NaT.
  @inlinable
  public static func < (a: DateTime64, b: DateTime64) -> Bool {
    a.count < b.count && a.count != .min
  }

  @inlinable
  public static func <= (a: DateTime64, b: DateTime64) -> Bool {
    a.count <= b.count && a.count != .min && b.count != .min
  }

  @inlinable
  public static func > (a: DateTime64, b: DateTime64) -> Bool { b < a }

  @inlinable
  public static func >= (a: DateTime64, b: DateTime64) -> Bool { b <= a }
}

// MARK: - Arithmetic

extension DateTime64 {
  /// The duration from `b` to `a`: NumPy's `a - b` of two `datetime64`s.
  /// NaT when either is NaT.
  @inlinable
  public static func - (a: DateTime64, b: DateTime64) -> TimeDelta64<Unit> {
    TimeDelta64(count: DateArithmetic.subtract(a.count, b.count))
  }

  /// The time `d` after `a`: NumPy's `datetime64 + timedelta64`. NaT when
  /// either is NaT.
  @inlinable
  public static func + (a: DateTime64, d: TimeDelta64<Unit>) -> DateTime64 {
    DateTime64(count: DateArithmetic.add(a.count, d.count))
  }

  /// The time `d` after `a`: NumPy's `timedelta64 + datetime64`.
  @inlinable
  public static func + (d: TimeDelta64<Unit>, a: DateTime64) -> DateTime64 {
    DateTime64(count: DateArithmetic.add(a.count, d.count))
  }

  /// The time `d` before `a`: NumPy's `datetime64 - timedelta64`.
  @inlinable
  public static func - (a: DateTime64, d: TimeDelta64<Unit>) -> DateTime64 {
    DateTime64(count: DateArithmetic.subtract(a.count, d.count))
  }
}

/// The NaT-propagating `Int64` arithmetic behind dates and durations, one
/// definition for the scalar operators and the array kernels.
@usableFromInline
enum DateArithmetic {
  /// `a + b`, wrapping; NaT (`Int64.min`) when either is NaT.
  @inlinable @inline(__always)
  static func add(_ a: Int64, _ b: Int64) -> Int64 {
    a == .min || b == .min ? .min : a &+ b
  }

  /// `a - b`, wrapping; NaT when either is NaT.
  @inlinable @inline(__always)
  static func subtract(_ a: Int64, _ b: Int64) -> Int64 {
    a == .min || b == .min ? .min : a &- b
  }

  /// `a * b`, wrapping; NaT when `a` is NaT.
  @inlinable @inline(__always)
  static func multiply(_ a: Int64, _ b: Int64) -> Int64 {
    a == .min ? .min : a &* b
  }

  /// `a / b` rounded toward zero, as NumPy's `timedelta64 / int` and
  /// `// int`; NaT when `a` is NaT or `b` is 0.
  @inlinable @inline(__always)
  static func divide(_ a: Int64, _ b: Int64) -> Int64 {
    a == .min || b == 0 ? .min : (b == -1 ? 0 &- a : a / b)
  }

  /// `a / b` of two durations as a `Double`: NaN when either is NaT; ±inf
  /// or NaN for a zero divisor, as NumPy's.
  @inlinable @inline(__always)
  static func ratio(_ a: Int64, _ b: Int64) -> Double {
    a == .min || b == .min ? .nan : Double(a) / Double(b)
  }
}
