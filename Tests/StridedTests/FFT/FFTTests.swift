import ComplexModule
import Foundation
import Testing

@testable import Strided

/// Runs NumPy on `.npy` files (`Fixtures/npy_oracle.py`): for transforms of
/// up to 10⁶ points, where JSON would be too slow.
struct NPYOracle {
  struct Case {
    var label: String
    var op: String
    var inputs: [NDView]
    var keywords: [String: Any]
    /// Strided's result, compared with NumPy's.
    var check: (NDView) -> String?
  }

  var cases: [Case] = []

  mutating func add(_ label: String, _ op: String, _ inputs: [NDView], _ keywords: [String: Any] = [:],
                    check: @escaping (NDView) -> String?) {
    cases.append(Case(label: label, op: op, inputs: inputs, keywords: keywords, check: check))
  }

  /// Writes the inputs, runs NumPy, and records a failure for every case
  /// whose check fails. Does nothing without python3 and NumPy.
  func verify(sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard Python.hasNumPy, !cases.isEmpty else { return }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strided-npy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var json: [[String: Any]] = []
    for (i, c) in cases.enumerated() {
      var paths: [String] = []
      for (j, input) in c.inputs.enumerated() {
        let url = directory.appendingPathComponent("in-\(i)-\(j).npy")
        try input.writeNPY(to: url)
        paths.append(url.path)
      }
      json.append(["op": c.op, "inputs": paths, "kw": c.keywords, "output": directory.appendingPathComponent("out-\(i).npy").path])
    }
    let file = directory.appendingPathComponent("cases.json")
    try JSONSerialization.data(withJSONObject: json).write(to: file)
    _ = try Python.run([Fixtures.directory.appendingPathComponent("npy_oracle.py").path, file.path])
    for (i, c) in cases.enumerated() {
      let expected = try NDView(contentsOfNPY: directory.appendingPathComponent("out-\(i).npy"))
      if let problem = c.check(expected) { Issue.record("\(c.label): \(problem)", sourceLocation: sourceLocation) }
    }
  }
}

/// The largest difference from NumPy's result, relative to its largest
/// magnitude, or a description of a shape mismatch.
func spectrumError<R: NDComplexComponent>(_ mine: NDArray<Complex<R>>, _ numpy: NDView) -> (Double, String?) {
  let theirs: [Complex<Double>]
  if let d = try? NDArray<Complex<Double>>(numpy) {
    theirs = d.elements
  } else if let f = try? NDArray<Complex<Float>>(numpy) {
    theirs = f.elements.map { Complex(Double($0.rawStorage.x), Double($0.rawStorage.y)) }
  } else {
    return (.infinity, "NumPy's result is \(numpy.format)")
  }
  guard mine.shape == numpy.shape else { return (.infinity, "shape \(mine.shape), NumPy \(numpy.shape)") }
  let ours = mine.elements.map { Complex(Double($0.rawStorage.x), Double($0.rawStorage.y)) }
  var scale = 0.0
  var worst = 0.0
  for (a, b) in zip(ours, theirs) {
    scale = Swift.max(scale, b.length.isFinite ? b.length : 0)
    let d = (a - b).length
    worst = Swift.max(worst, d.isNaN ? (a.isFinite == b.isFinite ? 0 : .infinity) : d)
  }
  return (scale == 0 ? worst : worst / scale, nil)
}

func realError<R: NDComplexComponent>(_ mine: NDArray<R>, _ numpy: NDView) -> (Double, String?) {
  spectrumError(mine.mapElements { Complex($0, 0) }, numpy.realAsComplex())
}

extension NDView {
  /// A real result as complex numbers, for one comparison routine.
  func realAsComplex() -> NDView {
    if let d = try? NDArray<Double>(self) { return d.mapElements { Complex($0, 0) }.view }
    if let f = try? NDArray<Float>(self) { return f.mapElements { Complex($0, 0) }.view }
    return self
  }
}

@Suite("Fourier transforms against NumPy")
struct FFTTests {
  static let norms: [(FFTNormalization, String)] = [(.backward, "backward"), (.ortho, "ortho"), (.forward, "forward")]

  func complexSignal(_ n: Int, _ r: inout RandomOperands) -> NDArray<Complex<Double>> {
    let re = r.doubles(n, specials: false)
    let im = r.doubles(n, specials: false)
    return NDArray(zip(re, im).map { Complex($0, $1) })
  }

  /// The error bound for a transform of length `n`: a few ulp times log n.
  func bound(_ n: Int, _ epsilon: Double = Double.ulpOfOne) -> Double {
    8 * epsilon * Swift.max(1, log2(Double(n)))
  }

  @Test("every length from 1 to 64, every normalization, all transforms")
  func smallLengths() throws {
    var r = RandomOperands(seed: 19)
    var oracle = NPYOracle()
    for n in 1...64 {
      let (norm, name) = Self.norms[n % 3]
      let x = complexSignal(n, &r)
      let real = r.array([n], specials: false)
      let tolerance = bound(n)
      func spectrum(_ mine: NDArray<Complex<Double>>) -> (NDView) -> String? {
        within(tolerance) { spectrumError(mine, $0) }
      }
      func signal(_ mine: NDArray<Double>) -> (NDView) -> String? { within(tolerance) { realError(mine, $0) } }
      oracle.add("fft \(n) \(name)", "fft", [x.view], ["norm": name], check: spectrum(try FFT.fft(x, norm: norm)))
      oracle.add("ifft \(n) \(name)", "ifft", [x.view], ["norm": name], check: spectrum(try FFT.ifft(x, norm: norm)))
      oracle.add("rfft \(n) \(name)", "rfft", [real.view], ["norm": name], check: spectrum(try FFT.rfft(real, norm: norm)))
      let half = try FFT.rfft(real)
      oracle.add("irfft \(n) \(name)", "irfft", [half.view], ["n": n, "norm": name],
                 check: signal(try FFT.irfft(half, n: n, norm: norm)))
      if n % 5 == 0 {
        oracle.add("hfft \(n)", "hfft", [x.view], ["norm": name], check: signal(try FFT.hfft(x, norm: norm)))
        oracle.add("ihfft \(n)", "ihfft", [real.view], ["norm": name], check: spectrum(try FFT.ihfft(real, norm: norm)))
      }
      // irfft(rfft(x)) ≈ x
      let back = try FFT.irfft(try FFT.rfft(real), n: n)
      #expect(zip(back.elements, real.elements).allSatisfy { Swift.abs($0 - $1) <= 1e-12 * 10 }, "round trip \(n)")
    }
    #expect(oracle.cases.count >= 256)
    try oracle.verify()
  }

  @Test("large and awkward lengths: primes (Rader and Bluestein), products of large primes, powers, 10⁶")
  func largeLengths() throws {
    var r = RandomOperands(seed: 20)
    var oracle = NPYOracle()
    // Rader (65537: 65536 is smooth), Bluestein (1019: 1018 = 2·509; 999983;
    // 10403 = 101·103; 2368 = 64·37), and smooth lengths.
    for n in [1009, 1019, 2368, 4096, 10403, 65537, 999_983, 3 * 5 * 7 * 11 * 13 * 4] {
      let x = complexSignal(n, &r)
      let tolerance = bound(n)
      let mine = try FFT.fft(x)
      oracle.add("fft \(n)", "fft", [x.view]) { numpy in
        let (e, problem) = spectrumError(mine, numpy)
        return problem ?? (e <= tolerance ? nil : "relative error \(e) above \(tolerance)")
      }
      if n < 100_000 {
        let real = r.array([n], specials: false)
        let spectrum = try FFT.rfft(real)
        oracle.add("rfft \(n)", "rfft", [real.view]) { numpy in
          let (e, problem) = spectrumError(spectrum, numpy)
          return problem ?? (e <= tolerance ? nil : "relative error \(e) above \(tolerance)")
        }
        let back = try FFT.irfft(spectrum, n: n)
        #expect(zip(back.elements, real.elements).allSatisfy { Swift.abs($0 - $1) <= 1e-10 }, "round trip \(n)")
      }
    }
    try oracle.verify()
  }

  @Test("every axis of 1- to 4-D arrays in every layout, n shorter and longer, several axes")
  func axesAndLayouts() throws {
    var r = RandomOperands(seed: 21)
    var oracle = NPYOracle()
    for round in 0..<36 {
      let rank = 1 + round % 4
      let shape = (0..<rank).map { _ in r.rng.integers(in: 1...7) }
      let layout = OperandLayout.allCases[round % OperandLayout.allCases.count]
      let re = layout.make(r.doubles(shape.reduce(1, *), specials: false), shape: Dimensions(shape))
      let x = re.zipElements(with: re.flipped()) { Complex($0, $1) }
      let axis = r.axis(rank)
      let size = shape[(axis + rank) % rank]
      let n = [nil, Swift.max(1, size - 2), size + 3][round % 3]
      let (norm, name) = Self.norms[round % 3]
      let tolerance = bound(64)
      func spectrum(_ mine: NDArray<Complex<Double>>) -> (NDView) -> String? {
        within(tolerance) { spectrumError(mine, $0) }
      }
      func signal(_ mine: NDArray<Double>) -> (NDView) -> String? { within(tolerance) { realError(mine, $0) } }
      var keywords: [String: Any] = ["axis": axis, "norm": name]
      if let n { keywords["n"] = n }
      oracle.add("fft \(shape) \(layout) axis \(axis) n \(String(describing: n))", "fft", [x.view], keywords,
                 check: spectrum(try FFT.fft(x, n: n, axis: axis, norm: norm)))
      oracle.add("ifft \(shape) \(layout)", "ifft", [x.view], keywords, check: spectrum(try FFT.ifft(x, n: n, axis: axis, norm: norm)))
      oracle.add("rfft \(shape) \(layout)", "rfft", [re.view], keywords, check: spectrum(try FFT.rfft(re, n: n, axis: axis, norm: norm)))
      if n != nil || size > 1 {  // the default length 2·(1 − 1) is an error, in NumPy too
        oracle.add("irfft \(shape) \(layout)", "irfft", [x.view], keywords, check: signal(try FFT.irfft(x, n: n, axis: axis, norm: norm)))
      }
      oracle.add("fftn \(shape) \(layout)", "fftn", [x.view], ["norm": name], check: spectrum(try FFT.fftn(x, norm: norm)))
      oracle.add("ifftn \(shape) \(layout)", "ifftn", [x.view], ["norm": name], check: spectrum(try FFT.ifftn(x, norm: norm)))
      oracle.add("rfftn \(shape) \(layout)", "rfftn", [re.view], ["norm": name], check: spectrum(try FFT.rfftn(re, norm: norm)))
      let s = shape.map { $0 + 1 }
      oracle.add("irfftn \(shape) s \(s)", "irfftn", [x.view], ["s": s, "norm": name], check: signal(try FFT.irfftn(x, s: s, norm: norm)))
      if rank >= 2 {
        oracle.add("fft2 \(shape)", "fft2", [x.view], ["norm": name], check: spectrum(try FFT.fft2(x, norm: norm)))
        oracle.add("ifft2 \(shape)", "ifft2", [x.view], ["s": [3, 4], "norm": name],
                   check: spectrum(try FFT.ifft2(x, s: [3, 4], norm: norm)))
        oracle.add("rfft2 \(shape)", "rfft2", [re.view], ["norm": name], check: spectrum(try FFT.rfft2(re, norm: norm)))
        if shape[rank - 1] > 1 {
          oracle.add("irfft2 \(shape)", "irfft2", [x.view], ["norm": name], check: signal(try FFT.irfft2(x, norm: norm)))
        }
        oracle.add("fftn axes (0,-1)", "fftn", [x.view], ["axes": [0, -1]], check: spectrum(try FFT.fftn(x, axes: [0, -1])))
      }
    }
    // Single precision stays single.
    let f = NDArray<Float>((0..<48).map { Float($0 % 7) - 3 })
    let fSpectrum = try FFT.rfft(f)
    oracle.add("rfft float32", "rfft", [f.view]) { numpy in
      guard numpy.format.description.contains("Zf") else { return "NumPy's result is \(numpy.format)" }
      let (e, problem) = spectrumError(fSpectrum, numpy)
      return problem ?? (e <= 1e-6 ? nil : "relative error \(e)")
    }
    // Frequencies and shifts, exactly.
    for n in [1, 2, 7, 8] {
      let freqs = try FFT.fftfreq(n, d: 0.1)
      oracle.add("fftfreq \(n)", "fftfreq", [], ["n": n, "d": 0.1]) { numpy in
        (try? NDArray<Double>(numpy))?.elements == freqs.elements ? nil : "\(freqs.elements)"
      }
      let rfreqs = try FFT.rfftfreq(n, d: 0.1)
      oracle.add("rfftfreq \(n)", "rfftfreq", [], ["n": n, "d": 0.1]) { numpy in
        (try? NDArray<Double>(numpy))?.elements == rfreqs.elements ? nil : "\(rfreqs.elements)"
      }
    }
    let grid = try NDArray<Double>.arange(to: 35).reshaped(to: [5, 7])
    let shifted = try FFT.fftshift(grid)
    let unshifted = try FFT.ifftshift(grid, axes: [1])
    oracle.add("fftshift", "fftshift", [grid.view]) { numpy in (try? NDArray<Double>(numpy)) == shifted ? nil : "differs" }
    oracle.add("ifftshift", "ifftshift", [grid.view], ["axes": [1]]) { numpy in
      (try? NDArray<Double>(numpy)) == unshifted ? nil : "differs"
    }
    try oracle.verify()
  }

  @Test("real transforms of strided inputs, read a block of lanes at a time, equal those of contiguous copies")
  func laneBlocks() throws {
    var rng = Generator(seed: 31)
    // 5000 × 3 lanes of 40 along axis 0: several 4 MiB blocks.
    let x = rng.standardNormal([40, 5000, 3])
    for axis in [0, 1] {
      let strided = try FFT.rfft(x, axis: axis)
      let contiguous = try FFT.rfft(x.movingAxis(from: axis, to: 2).copy(order: .c), axis: 2)
      #expect(strided.movingAxis(from: axis, to: 2).copy(order: .c).elements == contiguous.elements)
      let back = try FFT.irfft(strided, n: x.shape[axis], axis: axis)
      #expect(try abs(back - x).max() < 1e-12)
    }
    let padded = try FFT.rfft(x[.slice(by: -1)], n: 64, axis: 0)
    let reference = try FFT.rfft(x[.slice(by: -1)].copy(order: .c).transposed().copy(order: .c), n: 64, axis: 2)
    #expect(padded.transposed().copy(order: .c).elements == reference.elements)
  }

  @Test("NaN and infinities propagate; bad lengths and axes throw")
  func badInput() throws {
    let x = NDArray<Double>([1, .nan, 3, 4])
    #expect(try FFT.rfft(x).elements.allSatisfy { $0.rawStorage.x.isNaN || $0.rawStorage.y.isNaN })
    #expect(throws: FFTError.invalidLength(0)) { try FFT.fft(x, n: 0) }
    #expect(throws: FFTError.invalidLength(0)) { try FFT.irfft(NDArray<Complex<Double>>([Complex(1, 0)])) }
    #expect(throws: FFTError.axisOutOfRange(axis: 1, rank: 1)) { try FFT.fft(x, axis: 1) }
    #expect(throws: FFTError.repeatedAxes([0, 0])) { try FFT.fftn(x.mapElements { Complex($0, 0) }, axes: [0, 0]) }
    #expect(throws: FFTError.lengthsMismatch(lengths: 2, axes: 1)) {
      try FFT.fftn(x.mapElements { Complex($0, 0) }, s: [2, 2], axes: [0])
    }
  }
}

/// A check of NumPy's result: `error` gives the relative error of ours
/// against it (or a problem), which must be at most `tolerance`.
func within(_ tolerance: Double, _ error: @escaping (NDView) -> (Double, String?)) -> (NDView) -> String? {
  { numpy in
    let (e, problem) = error(numpy)
    return problem ?? (e <= tolerance ? nil : "relative error \(e) above \(tolerance)")
  }
}
