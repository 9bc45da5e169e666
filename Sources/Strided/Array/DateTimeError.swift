/// Why a date or duration cannot be parsed, converted or counted: NumPy's
/// `ValueError`s, `TypeError`s and `OverflowError`s of `datetime64` and
/// `timedelta64`, as a typed error.
public enum DateTimeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Text that is not an ISO 8601 date: the character `position` (counted
  /// from 0, in Unicode scalars) is where parsing stopped (NumPy: "Error
  /// parsing datetime string … at position …").
  case malformed(text: String, position: Int)
  /// A field out of its range, such as month 13 or February 30: `field` is
  /// `"Month"`, `"Day"`, `"Hours"`, `"Minutes"` or `"Seconds"` (NumPy:
  /// "Month out of range in datetime string …").
  case fieldOutOfRange(text: String, field: String)
  /// Durations in calendar units (years, months) converted to or from fixed
  /// units (weeks and finer), whose length a month does not fix (NumPy:
  /// "Cannot cast … from metadata [M] to [D] according to the rule
  /// 'same_kind'").
  case ambiguousUnitCast(from: DateUnit, to: DateUnit)
  /// A conversion factor between two units that overflows `Int64` (NumPy:
  /// "Integer overflow while computing the conversion factor between NumPy
  /// datetime units W and as").
  case conversionOverflow(from: DateUnit, to: DateUnit)
  /// NaT where a real time is needed, as a bound of `arange` (NumPy:
  /// "arange: cannot use NaT (not-a-time) datetime values").
  case notATime(operation: String)
  /// A step of zero, or more elements than memory holds, in `arange`.
  case invalidRange(String)

  public var description: String {
    switch self {
    case .malformed(let text, let position):
      "Error parsing datetime string \"\(text)\" at position \(position)"
    case .fieldOutOfRange(let text, let field):
      "\(field) out of range in datetime string \"\(text)\""
    case .ambiguousUnitCast(let from, let to):
      "Cannot convert durations from [\(from.code)] to [\(to.code)]: the length of a year or month is not fixed"
    case .conversionOverflow(let from, let to):
      "Integer overflow while computing the conversion factor between datetime units \(from.code) and \(to.code)"
    case .notATime(let operation):
      "\(operation): cannot use NaT (not-a-time) values"
    case .invalidRange(let reason):
      "arange: \(reason)"
    }
  }
}
