import ComplexModule
import Strided

/// An element type the linear-algebra tests can make from small integers
/// and multiply by a reference kernel, with NumPy's arithmetic (integers
/// wrap, `Bool` is or-of-ands).
protocol TestScalar: NDElement {
  static func make(_ value: Int) -> Self
  /// The integer itself (a real number, for complex types).
  static func real(_ value: Int) -> Self
  static func multiplyAdd(_ accumulator: Self, _ x: Self, _ y: Self) -> Self
  /// The value as a complex double, for tolerances and reconstruction.
  var complex: Complex<Double> { get }
}

extension TestScalar {
  static func real(_ value: Int) -> Self { make(value) }
}

extension TestScalar where Self: FixedWidthInteger {
  static func make(_ value: Int) -> Self { Self(truncatingIfNeeded: value) }
  static func multiplyAdd(_ a: Self, _ x: Self, _ y: Self) -> Self { a &+ x &* y }
  var complex: Complex<Double> { Complex(Double(self), 0) }
}

extension Int8: TestScalar {}
extension Int32: TestScalar {}
extension Int64: TestScalar {}
extension UInt8: TestScalar {}
extension UInt64: TestScalar {}

extension Bool: TestScalar {
  static func make(_ value: Int) -> Bool { value % 2 != 0 }
  static func multiplyAdd(_ a: Bool, _ x: Bool, _ y: Bool) -> Bool { a || (x && y) }
  var complex: Complex<Double> { Complex(self ? 1 : 0, 0) }
}

extension Float16: TestScalar {
  static func make(_ value: Int) -> Float16 { Float16(value) }
  static func multiplyAdd(_ a: Float16, _ x: Float16, _ y: Float16) -> Float16 { a + x * y }
  var complex: Complex<Double> { Complex(Double(self), 0) }
}

extension Float: TestScalar {
  static func make(_ value: Int) -> Float { Float(value) }
  static func multiplyAdd(_ a: Float, _ x: Float, _ y: Float) -> Float { a + x * y }
  var complex: Complex<Double> { Complex(Double(self), 0) }
}

extension Double: TestScalar {
  static func make(_ value: Int) -> Double { Double(value) }
  static func multiplyAdd(_ a: Double, _ x: Double, _ y: Double) -> Double { a + x * y }
  var complex: Complex<Double> { Complex(self, 0) }
}

extension Complex: TestScalar where RealType: NDComplexComponent & TestScalar {
  static func make(_ value: Int) -> Complex { Complex(.make(value % 5 - 2), .make(value % 3 - 1)) }
  static func real(_ value: Int) -> Complex { Complex(.make(value), 0) }
  static func multiplyAdd(_ a: Complex, _ x: Complex, _ y: Complex) -> Complex { a + x * y }
  var complex: Complex<Double> { Complex<Double>(real.complex.real, imaginary.complex.real) }
}

/// The ways a logical matrix can be laid out in memory.
enum MatrixLayout: String, CaseIterable, CustomStringConvertible {
  case c, fortran, transposed, sliced, negative, stepped, broadcast

  var description: String { rawValue }

  /// Layouts BLAS addresses without a copy.
  var isDirect: Bool { [.c, .fortran, .transposed, .sliced].contains(self) }

  /// A rows × columns matrix with element `(i, j)` = `value(i, j)` (for
  /// `broadcast`, every row is row 0), laid out this way.
  func make<T: TestScalar>(
    _ rows: Int, _ columns: Int, _: T.Type = T.self, real: Bool = false, value: (Int, Int) -> Int
  ) -> NDArray<T> {
    func filled(_ r: Int, _ c: Int, _ f: (Int, Int) -> Int) -> NDArray<T> {
      var flat: [T] = []
      for i in 0..<r { for j in 0..<c { flat.append(real ? .real(f(i, j)) : .make(f(i, j))) } }
      return NDArray(flat, shape: [r, c])
    }
    switch self {
    case .c:
      return filled(rows, columns, value)
    case .fortran:
      return filled(rows, columns, value).copy(order: .fortran)
    case .transposed:
      return filled(columns, rows) { value($1, $0) }.transposed()
    case .sliced:
      let big = filled(rows + 3, columns + 4) { i, j in
        (1..<rows + 1).contains(i) && (2..<columns + 2).contains(j) ? value(i - 1, j - 2) : 99
      }
      return big[1..<rows + 1, 2..<columns + 2]
    case .negative:
      return filled(rows, columns) { value(rows - 1 - $0, columns - 1 - $1) }.flipped()
    case .stepped:
      let big = filled(2 * rows, 3 * columns) { i, j in
        i % 2 == 0 && j % 3 == 0 ? value(i / 2, j / 3) : 77
      }
      return big[.slice(by: 2), .slice(by: 3)]
    case .broadcast:
      return try! filled(1, columns) { value(0, $1) }.broadcast(to: [rows, columns])
    }
  }
}

/// `a · b` by the definition, reading elements through subscripts.
func referenceProduct<T: TestScalar>(_ a: NDArray<T>, _ b: NDArray<T>) -> [[T]] {
  let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
  return (0..<m).map { i in
    (0..<n).map { j in
      var sum = T.additiveIdentity
      for p in 0..<k { sum = T.multiplyAdd(sum, a[item: i, p], b[item: p, j]) }
      return sum
    }
  }
}

/// The elements of a 2-D array as rows.
func rows<T: NDElement>(_ a: NDArray<T>) -> [[T]] {
  (0..<a.shape[0]).map { i in (0..<a.shape[1]).map { j in a[item: i, j] } }
}

/// The largest distance between corresponding elements.
func maxDistance<T: TestScalar>(_ a: NDArray<T>, _ b: NDArray<T>) -> Double {
  precondition(a.shape == b.shape)
  return zip(a.flat, b.flat).map { ($0.complex - $1.complex).length }.max() ?? 0
}
