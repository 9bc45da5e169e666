// Fused expressions as a user writes them; make bench reports how long
// each marked line takes to type-check against the release module.
import Strided

func fusedLines(_ a: NDArray<Double>, _ b: NDArray<Double>, _ c: NDArray<Double>) -> NDExpression {
  let (x, y, z) = (a.fused, b.fused, c.fused)
  let axpbyc = 2 * x + 3 * y * z  // typecheck: fused 2*a + 3*b*c
  let twelve = 2 * x + 3 * y * z - sin(x) * 0.5 + exp(y) / 4 - sqrt(abs(z)) + x ** 3 - 1.5 * y + z * z * 0.25 + 7 - x / y  // typecheck: fused, 12 terms with sin, exp, sqrt, abs, **
  let poly = 0.25 * x ** 3 + 0.75 * x ** 2 - 1.5 * x - 2 + 4 * y - 3 * z * z + 2.5 / (1 + x * x) - cos(z) * 3 + 1  // typecheck: fused polynomial, 12 terms with ** and literals
  let select = NDExpression.where(x .> 0, x * 2 + 1, 0.1 * x - 3 * y)  // typecheck: fused where
  return axpbyc + twelve + poly + select
}
