import ComplexModule
import Foundation
import Strided

/// An element type the NumPy oracle can exchange: JSON values in
/// `Fixtures/oracle.py`'s encoding, and a tolerance-aware comparison.
protocol OracleScalar: NDElement {
  static var dtype: String { get }
  var json: Any { get }
  init(json: Any)
  /// Whether two values agree within `tolerance` (relative, for floating
  /// point); NaN agrees with NaN.
  func agrees(with other: Self, tolerance: Double) -> Bool
}

extension OracleScalar where Self: FixedWidthInteger {
  var json: Any { Self.isSigned ? Int64(self) as Any : UInt64(self) as Any }
  init(json: Any) { self = Self(truncatingIfNeeded: (json as! NSNumber).int64Value) }
  func agrees(with other: Self, tolerance: Double) -> Bool { self == other }
}

extension Int8: OracleScalar { static var dtype: String { "int8" } }
extension Int16: OracleScalar { static var dtype: String { "int16" } }
extension Int32: OracleScalar { static var dtype: String { "int32" } }
extension Int64: OracleScalar { static var dtype: String { "int64" } }
extension Int: OracleScalar { static var dtype: String { "int64" } }
extension UInt8: OracleScalar { static var dtype: String { "uint8" } }
extension UInt16: OracleScalar { static var dtype: String { "uint16" } }
extension UInt32: OracleScalar { static var dtype: String { "uint32" } }
extension UInt64: OracleScalar {
  static var dtype: String { "uint64" }
  init(json: Any) { self = (json as! NSNumber).uint64Value }
}
extension UInt: OracleScalar {
  static var dtype: String { "uint64" }
  init(json: Any) { self = UInt((json as! NSNumber).uint64Value) }
}

extension Bool: OracleScalar {
  static var dtype: String { "bool" }
  var json: Any { self }
  init(json: Any) { self = (json as! NSNumber).boolValue }
  func agrees(with other: Bool, tolerance: Double) -> Bool { self == other }
}

func encodeReal(_ x: Double) -> Any {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x > 0 ? "inf" : "-inf" }
  if x == 0 && x.sign == .minus { return "-0.0" }  // JSON's -0 reads back as the integer 0
  return x
}
func decodeReal(_ value: Any) -> Double {
  if let text = value as? String { return Double(text)! }
  return (value as! NSNumber).doubleValue
}
func realsAgree(_ x: Double, _ y: Double, _ tolerance: Double) -> Bool {
  if x.isNaN || y.isNaN { return x.isNaN && y.isNaN }
  if x.isInfinite || y.isInfinite { return x == y }
  return Swift.abs(x - y) <= tolerance * Swift.max(1, Swift.abs(y))
}

extension OracleScalar where Self: BinaryFloatingPoint {
  var json: Any { encodeReal(Double(self)) }
  init(json: Any) { self.init(decodeReal(json)) }
  func agrees(with other: Self, tolerance: Double) -> Bool { realsAgree(Double(self), Double(other), tolerance) }
}

extension Float16: OracleScalar { static var dtype: String { "float16" } }
extension Float: OracleScalar { static var dtype: String { "float32" } }
extension Double: OracleScalar { static var dtype: String { "float64" } }

extension Complex: OracleScalar where RealType: OracleScalar & BinaryFloatingPoint & NDComplexComponent {
  static var dtype: String { RealType.self == Float.self ? "complex64" : "complex128" }
  // The raw parts: swift-numerics reads NaN for any part of a number with
  // a non-finite part.
  var json: Any { [encodeReal(Double(rawStorage.x)), encodeReal(Double(rawStorage.y))] }
  init(json: Any) {
    let parts = json as! [Any]
    self.init(RealType(decodeReal(parts[0])), RealType(decodeReal(parts[1])))
  }
  func agrees(with other: Complex, tolerance: Double) -> Bool {
    realsAgree(Double(rawStorage.x), Double(other.rawStorage.x), tolerance)
      && realsAgree(Double(rawStorage.y), Double(other.rawStorage.y), tolerance)
  }
}

/// Runs `Fixtures/oracle.py` on a batch of cases.
enum NumPyOracle {
  struct Case {
    var op: String
    var dtype: String
    var arguments: [(values: [Any], shape: [Int])]
    var keywords: [String: Any] = [:]
    /// Arguments before this index are `Bool` (a condition).
    var typedFrom = 0
  }

  struct Result {
    var dtype: String
    var shape: [Int]
    var values: [Any]

    func elements<T: OracleScalar>(_: T.Type) -> [T] { values.map { T(json: $0) } }
  }

  /// The results, or `nil` when `python3` with NumPy is missing.
  static func evaluate(_ cases: [Case]) throws -> [Result]? {
    guard Python.hasNumPy else { return nil }
    let json: [[String: Any]] = cases.map { c in
      ["op": c.op, "dtype": c.dtype, "typed_from": c.typedFrom, "kw": c.keywords,
       "args": c.arguments.map { [$0.values, $0.shape] as [Any] }]
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("strided-oracle-\(UUID().uuidString).json")
    try JSONSerialization.data(withJSONObject: json).write(to: file)
    let output: Data
    do {
      output = try Python.run([Fixtures.directory.appendingPathComponent("oracle.py").path, file.path])
    } catch {
      // Kept for running oracle.py on it by hand.
      throw Python.Failure(status: -1, message: "\(error) (cases kept in \(file.path))")
    }
    try? FileManager.default.removeItem(at: file)
    let decoded = try JSONSerialization.jsonObject(with: output) as! [[String: Any]]
    return decoded.map { Result(dtype: $0["dtype"] as! String, shape: $0["shape"] as! [Int], values: $0["values"] as! [Any]) }
  }
}

/// Ways to lay out the same logical values in memory.
enum OperandLayout: String, CaseIterable, CustomStringConvertible {
  case c, fortran, transposed, negative, stepped

  var description: String { rawValue }

  /// An array with these C-order values and shape, laid out this way.
  func make<T: NDElement>(_ values: [T], shape: Dimensions) -> NDArray<T> {
    let plain = NDArray(values, shape: shape)
    switch self {
    case .c: return plain
    case .fortran: return plain.copy(order: .fortran)
    case .transposed: return plain.transposed().copy().transposed()
    case .negative: return plain.flipped().copy().flipped()
    case .stepped:
      guard shape.count > 0 else { return plain }
      var wide = shape
      wide[shape.count - 1] *= 2
      let big = NDArray<T>.zeros(wide)
      var entries = [NDIndex](repeating: .all, count: shape.count)
      entries[shape.count - 1] = .slice(by: 2)
      let view = big[entries: entries]
      plain.copy(into: view)
      return view
    }
  }
}

/// Deterministic test values for a type: small integers (some zero, some
/// negative, some wrapping), and for floating point a few specials.
func sampleValues<T: OracleScalar>(_: T.Type, count: Int, seed: Int, specials: Bool = true) -> [T] {
  (0..<count).map { i in
    let k = (i * 37 + seed * 11) % 23
    switch T.self {
    case is Bool.Type: return T(json: NSNumber(value: k % 3 == 0))
    case is UInt8.Type, is UInt16.Type, is UInt32.Type, is UInt64.Type, is UInt.Type: return T(json: NSNumber(value: k * 13))
    case is Int8.Type, is Int16.Type, is Int32.Type, is Int64.Type, is Int.Type: return T(json: NSNumber(value: k * 9 - 100))
    default:
      let isComplex = T.self is Complex<Float>.Type || T.self is Complex<Double>.Type
      if specials && i % 17 == 5 {
        let special = ["nan", "inf", "-inf"][i % 3]
        return T(json: isComplex ? [special, 0.5] as [Any] : special as Any)
      }
      if isComplex {
        return T(json: [Double(k - 11) / 4, Double((k * 7) % 13 - 6) / 3])
      }
      return T(json: NSNumber(value: Double(k - 11) / 4))
    }
  }
}
