/// The proleptic Gregorian calendar NumPy's `datetime64` counts in: days
/// since 1970-01-01 to and from year, month and day. Arithmetic wraps
/// rather than traps, so no count, however far from 1970, crashes.
enum DateCalendar {
  /// `a` divided by a positive `b`, rounded toward negative infinity.
  @inline(__always)
  static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && a < 0) ? q &- 1 : q
  }

  /// The days from 1970-01-01 to `year`-`month`-`day` (month 1…12).
  static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year &- 1 : year
    let era = floorDivide(y, 400)
    let yoe = y &- era &* 400
    let shifted = month > 2 ? month - 3 : month + 9
    let doy = (153 * shifted + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era &* 146_097 &+ doe &- 719_468
  }

  /// The year, month (1…12) and day (1…31) of a count of days since
  /// 1970-01-01.
  static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days &+ 719_468
    let era = floorDivide(z, 146_097)
    let doe = z &- era &* 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe &+ era &* 400 &+ (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  /// Whether `year` is a leap year.
  static func isLeap(_ year: Int64) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// The number of days in `month` (1…12) of `year`.
  static func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

/// One conversion of counts between two date units, planned once and
/// applied to every element: NumPy's `astype` between `datetime64` or
/// `timedelta64` units. Coarser units round toward negative infinity, as
/// NumPy's do; NaT stays NaT; counts that overflow wrap, as in NumPy.
struct DateCast: Sendable {
  enum Plan: Sendable {
    /// `floor(x * multiply / divide)`, one of them 1.
    case linear(multiply: Int64, divide: Int64)
    /// Years or months (`monthsPerCount` each) to a fixed unit: to weeks
    /// (`toWeeks`), or to days times `multiply`.
    case calendarToFixed(monthsPerCount: Int64, toWeeks: Bool, multiply: Int64)
    /// A fixed unit to days (`floor(x * multiply / divide)`), then to years
    /// or months.
    case fixedToCalendar(multiply: Int64, divide: Int64, toYears: Bool)
  }

  let plan: Plan

  /// Plans the conversion from `source` to `target` counts of a datetime
  /// (`isDateTime`) or a duration.
  ///
  /// - Throws: ``DateTimeError/ambiguousUnitCast(from:to:)`` for durations
  ///   between calendar and fixed units, and
  ///   ``DateTimeError/conversionOverflow(from:to:)`` when the factor
  ///   between the units overflows `Int64`.
  init(from source: DateUnit, to target: DateUnit, isDateTime: Bool) throws(DateTimeError) {
    if source == target {
      plan = .linear(multiply: 1, divide: 1)
      return
    }
    switch (source.isCalendar, target.isCalendar) {
    case (true, true):
      plan = source == .years ? .linear(multiply: 12, divide: 1) : .linear(multiply: 1, divide: 12)
    case (false, false):
      let coarse = source.rawValue < target.rawValue ? source : target
      let fine = source.rawValue < target.rawValue ? target : source
      guard let factor = coarse.factor(to: fine) else { throw .conversionOverflow(from: source, to: target) }
      plan = coarse == source ? .linear(multiply: factor, divide: 1) : .linear(multiply: 1, divide: factor)
    case (true, false):
      guard isDateTime else { throw .ambiguousUnitCast(from: source, to: target) }
      let months: Int64 = source == .years ? 12 : 1
      if target == .weeks {
        plan = .calendarToFixed(monthsPerCount: months, toWeeks: true, multiply: 1)
      } else {
        guard let factor = DateUnit.days.factor(to: target) else { throw .conversionOverflow(from: source, to: target) }
        plan = .calendarToFixed(monthsPerCount: months, toWeeks: false, multiply: factor)
      }
    case (false, true):
      guard isDateTime else { throw .ambiguousUnitCast(from: source, to: target) }
      if source == .weeks {
        plan = .fixedToCalendar(multiply: 7, divide: 1, toYears: target == .years)
      } else {
        guard let factor = DateUnit.days.factor(to: source) else { throw .conversionOverflow(from: source, to: target) }
        plan = .fixedToCalendar(multiply: 1, divide: factor, toYears: target == .years)
      }
    }
  }

  /// Whether the conversion leaves every count as it is.
  var isIdentity: Bool {
    if case .linear(multiply: 1, divide: 1) = plan { return true }
    return false
  }

  /// The count `x` in the target unit; NaT (`Int64.min`) stays NaT.
  @inline(__always)
  func apply(_ x: Int64) -> Int64 {
    if x == .min { return .min }
    switch plan {
    case .linear(let multiply, let divide):
      return divide == 1 ? x &* multiply : DateCalendar.floorDivide(x, divide)
    case .calendarToFixed(let monthsPerCount, let toWeeks, let multiply):
      let months = x &* monthsPerCount
      let year = 1970 &+ DateCalendar.floorDivide(months, 12)
      let month = months &- DateCalendar.floorDivide(months, 12) &* 12 + 1
      let days = DateCalendar.days(year: year, month: month, day: 1)
      return toWeeks ? DateCalendar.floorDivide(days, 7) : days &* multiply
    case .fixedToCalendar(let multiply, let divide, let toYears):
      let days = DateCalendar.floorDivide(x &* multiply, divide)
      let (year, month, _) = DateCalendar.civil(days: days)
      return toYears ? year &- 1970 : (year &- 1970) &* 12 &+ (month - 1)
    }
  }
}
