// A noisy signal's spectrum, and a convolution done through the real FFT,
// checked against the direct sum.
//
//   swift run spectrum
#if canImport(Glibc)
  import Glibc
#endif
import Strided

/// `value` with `digits` decimals, for printing.
func rounded(_ value: Double, _ digits: Int = 2) -> String {
  let scale = (0..<digits).reduce(1.0) { acc, _ in acc * 10 }
  var text = "\((value * scale).rounded() / scale)"
  if let dot = text.firstIndex(of: ".") {
    let decimals = text.distance(from: dot, to: text.endIndex) - 1
    text += String(repeating: "0", count: max(0, digits - decimals))
  }
  return text
}

// Two seconds at 1 kHz: tones of 50 Hz (amplitude 1) and 120 Hz (0.5)
// under Gaussian noise of standard deviation 0.8, from NumPy's generator
// (np.random.default_rng(7) gives the same noise).
let rate = 1000.0
let n = 2000
let t = NDArray<Double>.arange(from: 0, to: Double(n), by: 1) / rate
var rng = Generator(seed: 7)
let signal = sin(2 * Double.pi * 50 * t) + 0.5 * sin(2 * Double.pi * 120 * t)
let noisy = signal + 0.8 * rng.standardNormal([n])

// The one-sided amplitude spectrum: |rfft(x)|·2/n, at rfftfreq(n, 1/rate).
let coefficients = try FFT.rfft(noisy)
let amplitude = abs(coefficients) * (2 / Double(n))
let frequencies = try FFT.rfftfreq(n, d: 1 / rate)
print("samples: \(n) at \(rounded(rate, 0)) Hz; \(coefficients.count) coefficients, \(rounded(frequencies[item: 1])) Hz apart")

let order = amplitude.argsort().elements
for index in order.suffix(2).reversed() {
  print("peak at \(rounded(frequencies[item: index], 1)) Hz, amplitude \(rounded(amplitude[item: index]))")
}
let floor = try amplitude.median()
print("noise floor (median amplitude): \(rounded(floor, 3))")

// Parseval: the signal's energy equals its spectrum's, divided by n.
let energy = (noisy * noisy).sum()
let full = try FFT.fft(noisy)
let spectralEnergy = (abs(full) * abs(full)).sum() / Double(n)
let parseval = abs(energy - spectralEnergy) / energy
print("Parseval: relative difference \(parseval < 1e-12 ? "below 1e-12" : "\(parseval)")")

// Smoothing by convolution with a 51-tap Gaussian kernel: zero-pad both to
// the full output length, multiply the spectra, transform back.
let taps = 51
let offsets = NDArray<Double>.arange(from: -25, to: 26, by: 1)
var kernel = exp(-0.5 * (offsets / 8) * (offsets / 8))
kernel = kernel / kernel.sum()
let length = n + taps - 1
let product = try FFT.rfft(noisy, n: length) * FFT.rfft(kernel, n: length)
let smoothed = try FFT.irfft(product, n: length)

// The direct sum, Σ x[j]·k[i − j], for comparison.
let x = noisy.elements
let k = kernel.elements
var direct = [Double](repeating: 0, count: length)
for i in 0..<length {
  var total = 0.0
  for j in max(0, i - taps + 1)...min(i, n - 1) { total += x[j] * k[i - j] }
  direct[i] = total
}
let difference = try abs(smoothed - NDArray(direct)).max()
print("convolution: \(length) outputs; through rfft and directly agree to \(difference < 1e-12 ? "within 1e-12" : "\(difference)")")

// Smoothing is a low-pass filter: the share of the power above 100 Hz
// (noise, and the 120 Hz tone) falls, the 50 Hz tone stays.
func shareAbove(_ hertz: Double, _ x: NDArray<Double>) throws -> Double {
  let power = abs(try FFT.rfft(x))
  let squared = power * power
  return squared[try FFT.rfftfreq(x.count, d: 1 / rate) .> hertz].sum() / squared.sum()
}
let aligned = smoothed[25..<(25 + n)]
print("power above 100 Hz: \(rounded(100 * (try shareAbove(100, noisy)), 1))% before smoothing, \(rounded(100 * (try shareAbove(100, aligned)), 1))% after")
