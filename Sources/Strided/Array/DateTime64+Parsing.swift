// ISO 8601 text to and from `datetime64` counts, as NumPy reads and writes it.

extension DateTime64 {
  /// Parses an ISO 8601 date as NumPy does: `"2020"`, `"2020-02"`,
  /// `"2020-02-03"`, then `T` (or a space) and `"04"`, `"04:05"`,
  /// `"04:05:06"`, `"04:05:06.789"` with up to 18 fraction digits, an
  /// optional `Z`; leading spaces, a sign before the year, and `"NaT"` (any
  /// case) or the empty string for NaT. The time is then counted in
  /// `Unit`, rounding toward the past when the text is finer
  /// (`"2020-02-03T04"` as days is 2020-02-03), as
  /// `np.datetime64(text, unit)` does.
  ///
  /// NumPy: `np.datetime64(text, unit)`.
  ///
  /// - Throws: ``DateTimeError/malformed(text:position:)`` naming the
  ///   character where parsing stopped, and
  ///   ``DateTimeError/fieldOutOfRange(text:field:)`` for a month, day,
  ///   hour, minute or second out of range (February 30). Time-zone offsets
  ///   (`+01:00`, deprecated in NumPy) are malformed here.
  /// - Complexity: O(*n*) in the length of the text.
  public init(parsing text: String) throws(DateTimeError) {
    guard let parsed = try DateText.parse(text) else {
      self = .notATime
      return
    }
    self.init(count: DateText.count(of: parsed, in: Unit.unit))
  }
}

extension DateTime64: CustomStringConvertible {
  /// The time as NumPy prints it, to the precision of `Unit`:
  /// `"2020-02-03"` for days and weeks, `"2020-02-03T04:05:06.789"` for
  /// milliseconds, `"NaT"`; years before 1 as `"-001"`, after 9999 with
  /// more digits.
  public var description: String { DateText.format(count, unit: Unit.unit) }
}

extension TimeDelta64: CustomStringConvertible {
  /// The duration as NumPy's `str` prints it: `"90 seconds"`, `"NaT"`.
  public var description: String {
    isNaT ? "NaT" : "\(count) \(Unit.unit.word)"
  }
}

/// The fields of a parsed date and the finest unit its text gave.
struct ParsedDate {
  var year: Int64 = 1970
  var month: Int64 = 1
  var day: Int64 = 1
  var hour: Int64 = 0
  var minute: Int64 = 0
  var second: Int64 = 0
  /// The fraction of a second as an integer of `fractionDigits` digits.
  var fraction: Int64 = 0
  var fractionDigits = 0
}

enum DateText {
  /// The fields of an ISO 8601 date, or `nil` for NaT.
  static func parse(_ text: String) throws(DateTimeError) -> ParsedDate? {
    let chars = Array(text.unicodeScalars)
    var i = 0
    while i < chars.count && chars[i] == " " { i += 1 }
    if i == chars.count { return nil }
    let lowered: [UInt32] = chars[i...].map { $0.value | 0x20 }
    if lowered == [110, 97, 116] { return nil }  // "nat", any case
    var result = ParsedDate()

    func digit(_ at: Int) -> Int64? {
      guard at < chars.count else { return nil }
      let value = chars[at].value
      guard value >= 48 && value <= 57 else { return nil }
      return Int64(value) - 48
    }
    /// Two digits at `i`, advancing past them.
    func twoDigits() throws(DateTimeError) -> Int64 {
      guard let high = digit(i), let low = digit(i + 1) else { throw .malformed(text: text, position: i) }
      i += 2
      return high * 10 + low
    }
    func atEnd() -> Bool { i == chars.count }

    // Year: a sign, then any number of digits.
    var negative = false
    if chars[i] == "-" || chars[i] == "+" {
      negative = chars[i] == "-"
      i += 1
    }
    guard digit(i) != nil else { throw .malformed(text: text, position: i) }
    var year: Int64 = 0
    while let d = digit(i) {
      let (times, overflow1) = year.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(d)
      guard !overflow1 && !overflow2 && sum < Int64(1) << 50 else { throw .malformed(text: text, position: i) }
      year = sum
      i += 1
    }
    result.year = negative ? -year : year
    if atEnd() { return result }
    guard chars[i] == "-" else { throw .malformed(text: text, position: i) }
    i += 1
    result.month = try twoDigits()
    guard (1...12).contains(result.month) else { throw .fieldOutOfRange(text: text, field: "Month") }
    if atEnd() { return result }
    guard chars[i] == "-" else { throw .malformed(text: text, position: i) }
    i += 1
    result.day = try twoDigits()
    guard result.day >= 1 && result.day <= DateCalendar.daysIn(month: result.month, year: result.year) else {
      throw .fieldOutOfRange(text: text, field: "Day")
    }
    if atEnd() { return result }
    guard chars[i] == "T" || chars[i] == " " else { throw .malformed(text: text, position: i) }
    i += 1
    result.hour = try twoDigits()
    guard result.hour < 24 else { throw .fieldOutOfRange(text: text, field: "Hours") }
    if !atEnd() && chars[i] == ":" {
      i += 1
      result.minute = try twoDigits()
      guard result.minute < 60 else { throw .fieldOutOfRange(text: text, field: "Minutes") }
      if !atEnd() && chars[i] == ":" {
        i += 1
        result.second = try twoDigits()
        guard result.second < 60 else { throw .fieldOutOfRange(text: text, field: "Seconds") }
        if !atEnd() && chars[i] == "." {
          i += 1
          while let d = digit(i) {
            guard result.fractionDigits < 18 else { throw .malformed(text: text, position: i) }
            result.fraction = result.fraction * 10 + d
            result.fractionDigits += 1
            i += 1
          }
        }
      }
    }
    if !atEnd() && chars[i] == "Z" { i += 1 }
    guard atEnd() else { throw .malformed(text: text, position: i) }
    return result
  }

  /// The count of `unit`s since 1970-01-01T00:00 of a parsed date, rounded
  /// toward the past.
  static func count(of date: ParsedDate, in unit: DateUnit) -> Int64 {
    switch unit {
    case .years: return date.year &- 1970
    case .months: return (date.year &- 1970) &* 12 &+ (date.month - 1)
    default: break
    }
    let days = DateCalendar.days(year: date.year, month: date.month, day: date.day)
    if unit == .weeks { return DateCalendar.floorDivide(days, 7) }
    if unit == .days { return days }
    let timeOfDay = date.hour * 3600 + date.minute * 60 + date.second
    let seconds = days &* 86_400 &+ timeOfDay
    switch unit {
    case .hours: return DateCalendar.floorDivide(seconds, 3600)
    case .minutes: return DateCalendar.floorDivide(seconds, 60)
    case .seconds: return seconds
    default: break
    }
    let digits = (unit.rawValue - DateUnit.seconds.rawValue) * 3
    var fraction = date.fraction
    var n = date.fractionDigits
    while n < digits {
      fraction *= 10
      n += 1
    }
    while n > digits {
      fraction /= 10
      n -= 1
    }
    return seconds &* powerOfTen(digits) &+ fraction
  }

  /// 10^n for n in 0…18.
  static func powerOfTen(_ n: Int) -> Int64 {
    var result: Int64 = 1
    for _ in 0..<n { result *= 10 }
    return result
  }

  /// `value` in decimal, zero-padded to `width` digits.
  static func padded(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }

  /// A year as NumPy prints it: four digits at least, `-001` for -1.
  static func yearText(_ year: Int64) -> String {
    year < 0 ? "-" + padded(0 &- year, 3) : padded(year, 4)
  }

  /// A count of `unit`s since the epoch as NumPy prints a `datetime64`.
  static func format(_ count: Int64, unit: DateUnit) -> String {
    if count == .min { return "NaT" }
    switch unit {
    case .years: return yearText(1970 &+ count)
    case .months:
      let year = 1970 &+ DateCalendar.floorDivide(count, 12)
      let month = count &- DateCalendar.floorDivide(count, 12) &* 12 + 1
      return yearText(year) + "-" + padded(month, 2)
    case .weeks: return dayText(count &* 7)
    case .days: return dayText(count)
    default: break
    }
    // Split into days, the second of the day, and the fraction of a second.
    var fraction: Int64 = 0
    var digits = 0
    let totalSeconds: Int64
    switch unit {
    case .hours: totalSeconds = count &* 3600
    case .minutes: totalSeconds = count &* 60
    case .seconds: totalSeconds = count
    default:
      digits = (unit.rawValue - DateUnit.seconds.rawValue) * 3
      let perSecond = powerOfTen(digits)
      totalSeconds = DateCalendar.floorDivide(count, perSecond)
      fraction = count &- totalSeconds &* perSecond
    }
    let days = DateCalendar.floorDivide(totalSeconds, 86_400)
    let secondOfDay = totalSeconds &- days &* 86_400
    var text = dayText(days) + "T" + padded(secondOfDay / 3600, 2)
    if unit == .hours { return text }
    text += ":" + padded(secondOfDay / 60 % 60, 2)
    if unit == .minutes { return text }
    text += ":" + padded(secondOfDay % 60, 2)
    if digits > 0 { text += "." + padded(fraction, digits) }
    return text
  }

  /// `YYYY-MM-DD` of a count of days since 1970-01-01.
  static func dayText(_ days: Int64) -> String {
    let (year, month, day) = DateCalendar.civil(days: days)
    return yearText(year) + "-" + padded(month, 2) + "-" + padded(day, 2)
  }
}
