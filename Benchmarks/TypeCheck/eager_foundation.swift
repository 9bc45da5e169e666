// The same lines in a file that also imports Foundation, whose sin, exp,
// sqrt and abs for scalars join the overloads the checker meets.
import Foundation
import Strided
func eagerFoundationLines(_ a: NDArray<Double>, _ b: NDArray<Double>, _ c: NDArray<Double>) -> NDArray<Double> {
  let axpbyc = 2 * a + 3 * b * c  // typecheck: eager + Foundation 2*a + 3*b*c
  let twelve = 2 * a + 3 * b * c - sin(a) * 0.5 + exp(b) / 4 - sqrt(abs(c)) + a ** 3 - 1.5 * b + c * c * 0.25 + 7 - a / b  // typecheck: eager + Foundation, 12 terms with sin, exp, sqrt, abs, **
  let poly = 0.25 * a ** 3 + 0.75 * a ** 2 - 1.5 * a - 2 + 4 * b - 3 * c * c + 2.5 / (1 + a * a) - cos(c) * 3 + 1  // typecheck: eager + Foundation polynomial, 12 terms with ** and literals
  return axpbyc + twelve + poly
}
