/// Why a ``Generator`` cannot draw what was asked.
///
/// Every check happens before the first draw, so a throwing call leaves
/// the generator's state as it was.
public enum RandomError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `integers` with a range holding no values.
  case emptyRange(String)
  /// `uniform` bounds whose difference is negative, infinite or NaN.
  case invalidBounds(low: Double, high: Double)
  /// A scale (standard deviation) that is negative or −0.
  case negativeScale(Double)
  /// Weights whose count differs from the population's.
  case probabilityCountMismatch(count: Int, population: Int)
  /// Weights holding NaN.
  case probabilitiesContainNaN
  /// A negative weight.
  case negativeProbability(index: Int, value: Double)
  /// Weights whose sum is farther from 1 than √ε.
  case probabilitiesDoNotSumToOne(sum: Double)
  /// Sampling without replacement asked for more samples than there are
  /// non-zero weights.
  case tooFewNonzeroProbabilities(nonzero: Int, count: Int)
  /// Sampling without replacement asked for more samples than the
  /// population holds.
  case sampleLargerThanPopulation(count: Int, population: Int)
  /// Samples asked of an empty population.
  case emptyPopulation
  /// `shuffle` of a read-only array.
  case readOnly
  /// An axis outside the array's axes.
  case axisOutOfRange(axis: Int, rank: Int)
  /// Parameter arrays whose shapes do not broadcast to the output's shape.
  case shapeMismatch(parameters: [[Int]], shape: [Int])
  /// A distribution's parameter outside its domain, in NumPy's words
  /// (`"shape < 0"`, `"a <= 0"`, `"lam value too large"`, …).
  case invalidParameter(String)

  /// The result's element count or byte size overflows `Int` (NumPy's
  /// `ValueError`, "array is too big").
  case sizeOverflow(operation: String)
  /// A shape with a negative size or more than ``NDView/maximumRank`` axes
  /// (NumPy's `ValueError`, "negative dimensions are not allowed").
  case invalidShape([Int])
  /// The system could not provide the memory for the result (NumPy's
  /// `MemoryError`).
  case outOfMemory(byteCount: Int)

  public var description: String {
    switch self {
    case .sizeOverflow(let operation): CheckedSizeText.overflow(operation)
    case .invalidShape(let shape):
      "invalid shape \(shape): negative dimensions are not allowed, and at most \(NDView.maximumRank) axes"
    case .outOfMemory(let byteCount): CheckedSizeText.outOfMemory(byteCount)
    case .emptyRange(let range):
      "the range \(range) holds no values"
    case .invalidBounds(let low, let high):
      high - low < 0 || (high - low).sign == .minus
        ? "high - low < 0 for low \(low) and high \(high)"
        : "high - low is not finite for low \(low) and high \(high)"
    case .negativeScale(let scale):
      "scale < 0: \(scale)"
    case .probabilityCountMismatch(let count, let population):
      "\(count) probabilities for a population of \(population)"
    case .probabilitiesContainNaN:
      "probabilities contain NaN"
    case .negativeProbability(let index, let value):
      "probability \(index) is negative: \(value)"
    case .probabilitiesDoNotSumToOne(let sum):
      "probabilities sum to \(sum), not 1"
    case .tooFewNonzeroProbabilities(let nonzero, let count):
      "\(count) samples without replacement, but only \(nonzero) probabilities are non-zero"
    case .sampleLargerThanPopulation(let count, let population):
      "cannot take \(count) samples without replacement from a population of \(population)"
    case .emptyPopulation:
      "cannot sample from an empty population"
    case .readOnly:
      "cannot shuffle a read-only array"
    case .axisOutOfRange(let axis, let rank):
      "axis \(axis) is out of range for \(rank) dimensions"
    case .invalidParameter(let message):
      message
    case .shapeMismatch(let parameters, let shape):
      "parameters of shapes \(parameters.map(\.description).joined(separator: ", ")) do not broadcast to \(shape)"
    }
  }
}
