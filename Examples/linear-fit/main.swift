// Least squares on noisy data: fit y = c₀ + c₁·x + c₂·x² to 200 points
// with LAPACK's gelsd, then check the answer against the normal equations.
//
//   swift run linear-fit
#if canImport(Glibc)
  import Glibc
#endif
import Strided

/// Standard-normal noise from a fixed seed, so every run prints the same fit.
struct Noise {
  var state: UInt64 = 2024
  mutating func uniform() -> Double {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return (Double((z ^ (z >> 31)) >> 11) + 0.5) / Double(1 << 53)
  }
  mutating func normal() -> Double {
    (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform())
  }
}

/// `value` with `digits` decimals, for printing.
func rounded(_ value: Double, _ digits: Int = 4) -> String {
  let scale = (0..<digits).reduce(1.0) { acc, _ in acc * 10 }
  var text = "\((value * scale).rounded() / scale)"
  if let dot = text.firstIndex(of: ".") {
    let decimals = text.distance(from: dot, to: text.endIndex) - 1
    text += String(repeating: "0", count: max(0, digits - decimals))
  }
  return text
}

// The data: y = 1.5 − 2x + 0.5x² plus noise of standard deviation 0.3.
let truth: [Double] = [1.5, -2.0, 0.5]
let n = 200
let x = NDArray<Double>.linspace(from: -3, to: 3, count: n)
var noise = Noise()
let y = truth[0] + truth[1] * x + truth[2] * x * x + NDArray((0..<n).map { _ in 0.3 * noise.normal() })

// The design matrix, one column per term, written through column views of
// a Fortran-ordered matrix (the layout LAPACK reads without a copy).
let design = NDArray<Double>.zeros([n, 3], order: .fortran)
NDArray<Double>.ones([n]).copy(into: design[.all, 0])
x.copy(into: design[.all, 1])
(x * x).copy(into: design[.all, 2])
print("design matrix: shape \(design.shape), strides \(design.strides) (Fortran order)")

// The fit.
let fit = try design.leastSquares(y)
let c = fit.solution
print("fitted:  c0 = \(rounded(c[item: 0])), c1 = \(rounded(c[item: 1])), c2 = \(rounded(c[item: 2]))")
print("true:    c0 = \(rounded(truth[0])), c1 = \(rounded(truth[1])), c2 = \(rounded(truth[2]))")
let residual = fit.residuals[item: 0]
print("residual sum of squares: \(rounded(residual)); RMS error: \(rounded((residual / Double(n)).squareRoot()))")
let s = fit.singularValues
print("rank \(fit.rank); condition number \(rounded(s[item: 0] / s[item: s.count - 1], 2))")

// The same coefficients from the normal equations (XᵀX)c = Xᵀy, where Xᵀ
// is a transposed view handed to BLAS as it is.
let normal = try design.transposed().matmul(design).solve(design.transposed().matmul(y))
let difference = try abs(normal - c).max()
print("normal equations agree to within \(difference < 1e-9 ? "1e-9" : rounded(difference, 12))")

// The residuals of the fit, recomputed: y − X·c.
let recomputed = ((y - design.matmul(c)) * (y - design.matmul(c))).sum()
print("recomputed residual: \(rounded(recomputed))")
