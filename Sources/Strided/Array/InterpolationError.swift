/// Why ``interp(_:_:_:left:right:period:)`` cannot interpolate: NumPy's
/// `ValueError`s of `np.interp`, as a typed error.
///
/// Everything is checked before anything is computed.
public enum InterpolationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// No sample points: `xp` is empty (NumPy: "array of sample points is
  /// empty").
  case noSamplePoints
  /// Sample points and values of different lengths (NumPy: "fp and xp are
  /// not of the same length").
  case lengthMismatch(points: Int, values: Int)
  /// Sample points (`"xp"`) or values (`"fp"`) that are not 1-D.
  case notOneDimensional(argument: String, rank: Int)
  /// A period of zero (NumPy: "period must be a non-zero value").
  case zeroPeriod

  public var description: String {
    switch self {
    case .noSamplePoints:
      "interp: the array of sample points is empty"
    case .lengthMismatch(let points, let values):
      "interp: \(points) sample points but \(values) values; they must be of the same length"
    case .notOneDimensional(let argument, let rank):
      "interp: \(argument) must be 1-D, not \(rank)-D"
    case .zeroPeriod:
      "interp: the period must not be zero"
    }
  }
}
