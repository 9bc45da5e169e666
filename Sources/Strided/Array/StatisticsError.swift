/// Why a reduction, statistic, histogram or count cannot be computed.
///
/// Strided's rule for empty input: a reduction with an identity (`sum` 0,
/// `product` 1, `allTrue` true, `anyTrue` false, counts 0) returns it; one
/// without (`min`, `max`, `argmin`, `argmax`, `median`, quantiles, and
/// their NaN-ignoring forms) throws ``emptyInput(operation:)`` when any
/// result would be computed from no elements. This is NumPy's rule, with
/// NumPy's `ValueError` as a typed error. Means and variances of nothing
/// are NaN, as in NumPy (0/0).
public enum StatisticsError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A reduction without an identity over no elements.
  case emptyInput(operation: String)
  /// `nanArgmin`/`nanArgmax` of a lane holding only NaN.
  case allNaN(operation: String)
  /// A quantile outside [0, 1] (a percentile outside [0, 100]), or NaN.
  case quantileOutOfRange(Double)
  /// Histogram bin edges that do not increase.
  case binsNotIncreasing
  /// A bin count below 1.
  case invalidBinCount(Int)
  /// A histogram range whose lower end is above its upper end, or that is
  /// not finite.
  case invalidRange(lower: Double, upper: Double)
  /// A negative value where counts are taken (`bincount`).
  case negativeValue(Int)
  /// Weights whose shape differs from the data's.
  case weightsMismatch(weights: [Int], data: [Int])
  /// Weights that sum to zero where they divide.
  case zeroWeights
  /// Input that must be 1-D or 2-D and is not.
  case invalidRank(operation: String, rank: Int)
  /// Weights given to a quantile method other than
  /// ``QuantileMethod/invertedCDF``, the only one NumPy weights.
  case weightedMethod(QuantileMethod)
  /// A negative weight (quantile weights, and `cov`'s frequency and
  /// analytic weights).
  case negativeWeight(Double)
  /// Quantile weights whose sum is infinite or NaN, so that they cannot be
  /// normalized.
  case nonFiniteWeights
  /// A second set of variables (`cov`'s and `corrcoef`'s `y`) with another
  /// number of observations than the first.
  case observationCountMismatch(x: Int, y: Int)

  /// The result's element count or byte size overflows `Int` (NumPy's
  /// `ValueError`, "array is too big").
  case sizeOverflow(operation: String)
  /// The system could not provide the memory for the result (NumPy's
  /// `MemoryError`).
  case outOfMemory(byteCount: Int)

  public var description: String {
    switch self {
    case .sizeOverflow(let operation): CheckedSizeText.overflow(operation)
    case .outOfMemory(let byteCount): CheckedSizeText.outOfMemory(byteCount)
    case .emptyInput(let operation):
      "\(operation) of no elements: there is no identity to return"
    case .allNaN(let operation):
      "\(operation) of a lane holding only NaN"
    case .quantileOutOfRange(let q):
      "quantiles must be in [0, 1] (percentiles in [0, 100]): \(q)"
    case .binsNotIncreasing:
      "bin edges must increase monotonically"
    case .invalidBinCount(let count):
      "the number of bins must be at least 1, not \(count)"
    case .invalidRange(let lower, let upper):
      "the range (\(lower), \(upper)) is not a finite, ordered interval"
    case .negativeValue(let value):
      "counts are taken of non-negative integers, not \(value)"
    case .weightsMismatch(let weights, let data):
      "weights of shape \(weights) for data of shape \(data)"
    case .zeroWeights:
      "the weights sum to zero"
    case .invalidRank(let operation, let rank):
      "\(operation) takes 1-D or 2-D input, not \(rank)-D"
    case .weightedMethod(let method):
      "only the inverted-CDF method takes weights, not \(method)"
    case .negativeWeight(let weight):
      "weights must be non-negative, not \(weight)"
    case .nonFiniteWeights:
      "the weights sum to infinity or NaN"
    case .observationCountMismatch(let x, let y):
      "\(x) observations of the first variables and \(y) of the second"
    }
  }
}
