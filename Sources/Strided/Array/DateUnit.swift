/// The unit of a NumPy `datetime64` or `timedelta64` count: one of NumPy's
/// codes `Y M W D h m s ms us ns ps fs as`.
///
/// Years and months are calendar units; the rest are fixed lengths of time.
/// A ``DateTime64`` or ``TimeDelta64`` names its unit at compile time with
/// one of the ``TimeUnit`` types (``Seconds``, ``Days``, …); this value is
/// that unit at run time.
public enum DateUnit: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// `Y`: calendar years.
  case years
  /// `M`: calendar months.
  case months
  /// `W`: weeks of 7 days.
  case weeks
  /// `D`: days of 86,400 seconds.
  case days
  /// `h`: hours.
  case hours
  /// `m`: minutes.
  case minutes
  /// `s`: seconds.
  case seconds
  /// `ms`: milliseconds.
  case milliseconds
  /// `us`: microseconds.
  case microseconds
  /// `ns`: nanoseconds.
  case nanoseconds
  /// `ps`: picoseconds.
  case picoseconds
  /// `fs`: femtoseconds.
  case femtoseconds
  /// `as`: attoseconds.
  case attoseconds

  /// NumPy's code for the unit, as in `datetime64[s]`.
  public var code: String {
    switch self {
    case .years: "Y"
    case .months: "M"
    case .weeks: "W"
    case .days: "D"
    case .hours: "h"
    case .minutes: "m"
    case .seconds: "s"
    case .milliseconds: "ms"
    case .microseconds: "us"
    case .nanoseconds: "ns"
    case .picoseconds: "ps"
    case .femtoseconds: "fs"
    case .attoseconds: "as"
    }
  }

  /// The unit with NumPy's code `code` (`"s"`, `"D"`, `"us"`; `"μs"` too),
  /// or `nil`.
  public init?(code: String) {
    if code == "μs" {
      self = .microseconds
      return
    }
    guard let unit = DateUnit.allCases.first(where: { $0.code == code }) else { return nil }
    self = unit
  }

  /// Whether the unit is a calendar unit (years or months), whose length in
  /// days varies.
  public var isCalendar: Bool { self == .years || self == .months }

  /// The word NumPy prints after a duration's count: `"seconds"`.
  var word: String {
    switch self {
    case .years: "years"
    case .months: "months"
    case .weeks: "weeks"
    case .days: "days"
    case .hours: "hours"
    case .minutes: "minutes"
    case .seconds: "seconds"
    case .milliseconds: "milliseconds"
    case .microseconds: "microseconds"
    case .nanoseconds: "nanoseconds"
    case .picoseconds: "picoseconds"
    case .femtoseconds: "femtoseconds"
    case .attoseconds: "attoseconds"
    }
  }

  public var description: String { code }

  /// How many of the next finer fixed unit make one of this unit: 7 days
  /// a week, 24 hours a day, …, 1000 attoseconds a femtosecond. Defined
  /// for the fixed units from weeks to femtoseconds.
  private var step: Int64 {
    switch self {
    case .weeks: 7
    case .days: 24
    case .hours, .minutes: 60
    default: 1000
    }
  }

  /// The number of `finer` in one of `self`, both fixed units and `finer`
  /// no coarser than `self`; `nil` when it overflows `Int64`.
  func factor(to finer: DateUnit) -> Int64? {
    var factor: Int64 = 1
    var unit = self
    while unit != finer {
      let (product, overflow) = factor.multipliedReportingOverflow(by: unit.step)
      // NumPy's limit: a factor with any of its top 8 bits set is an
      // overflow (days to picoseconds, 8.64 × 10¹⁶, already is).
      if overflow || product & Int64(bitPattern: 0xff00_0000_0000_0000) != 0 { return nil }
      factor = product
      unit = DateUnit(rawValue: unit.rawValue + 1)!
    }
    return factor
  }
}

/// A compile-time date unit: the type parameter of ``DateTime64`` and
/// ``TimeDelta64`` (`DateTime64<Seconds>` is NumPy's `datetime64[s]`).
public protocol TimeUnit: Sendable {
  /// The unit this type names.
  static var unit: DateUnit { get }
}

/// `Y`: calendar years, as in `DateTime64<Years>` (`datetime64[Y]`).
public enum Years: TimeUnit { public static var unit: DateUnit { .years } }
/// `M`: calendar months (`datetime64[M]`).
public enum Months: TimeUnit { public static var unit: DateUnit { .months } }
/// `W`: weeks (`datetime64[W]`).
public enum Weeks: TimeUnit { public static var unit: DateUnit { .weeks } }
/// `D`: days (`datetime64[D]`).
public enum Days: TimeUnit { public static var unit: DateUnit { .days } }
/// `h`: hours (`datetime64[h]`).
public enum Hours: TimeUnit { public static var unit: DateUnit { .hours } }
/// `m`: minutes (`datetime64[m]`).
public enum Minutes: TimeUnit { public static var unit: DateUnit { .minutes } }
/// `s`: seconds (`datetime64[s]`).
public enum Seconds: TimeUnit { public static var unit: DateUnit { .seconds } }
/// `ms`: milliseconds (`datetime64[ms]`).
public enum Milliseconds: TimeUnit { public static var unit: DateUnit { .milliseconds } }
/// `us`: microseconds (`datetime64[us]`).
public enum Microseconds: TimeUnit { public static var unit: DateUnit { .microseconds } }
/// `ns`: nanoseconds (`datetime64[ns]`).
public enum Nanoseconds: TimeUnit { public static var unit: DateUnit { .nanoseconds } }
/// `ps`: picoseconds (`datetime64[ps]`).
public enum Picoseconds: TimeUnit { public static var unit: DateUnit { .picoseconds } }
/// `fs`: femtoseconds (`datetime64[fs]`).
public enum Femtoseconds: TimeUnit { public static var unit: DateUnit { .femtoseconds } }
/// `as`: attoseconds (`datetime64[as]`).
public enum Attoseconds: TimeUnit { public static var unit: DateUnit { .attoseconds } }
