import Foundation
import Testing

import Strided

/// The snippets of docs/getting-started.md, as written there, with their
/// claims checked.
@Suite("Getting started guide")
struct GettingStartedTests {
  @Test func arrays() throws {
    let a: NDArray<Double> = [[1, 2, 3], [4, 5, 6]]
    let z = NDArray<Float>.zeros([3, 4])
    let r = try NDArray<Double>.arange(to: 12).reshaped(to: [3, 4])
    let x = NDArray<Double>.linspace(from: 0, to: 1, count: 5)
    #expect(a.shape == [2, 3] && z.shape == [3, 4] && x.elements == [0, 0.25, 0.5, 0.75, 1])
    #expect(r.description == "[[ 0.  1.  2.  3.]\n [ 4.  5.  6.  7.]\n [ 8.  9. 10. 11.]]")
    #expect(r[item: 1, 2] == 6.0)
    r[item: 1, 2] = 60
    #expect(r.elements[6] == 60)
  }

  /// `Complex` comes with `import Strided` alone: this file imports
  /// nothing else.
  @Test func elementTypesAndPrinting() {
    let z: NDArray<Complex<Double>> = [.element(Complex(1, 2)), 3]
    #expect(z.description == "[1.+2.j 3.+0.j]")
    let m = NDArray<Int>([[0, 1], [1, 0]])
    #expect(m.shape == [2, 2] && m.description == "[[0 1]\n [1 0]]")
    let third = NDArray<Double>([1.0 / 3])
    #expect(withPrintOptions(precision: 3) { third.description } == "[0.333]")
    #expect(third.description == "[0.33333333]")
  }

  @Test func views() throws {
    let m = try NDArray<Double>.arange(to: 12).reshaped(to: [3, 4])
    let row = m[.at(1)]
    let column = m[.all, 2]
    let everyOther = m[.all, .slice(by: 2)]
    let reversed = m[.slice(by: -1)]
    let t = m.transposed()
    t[item: 0, 1] = 100
    let b = try NDArray<Double>([1, 2, 3, 4]).broadcast(to: [3, 4])
    #expect(row.elements == [100, 5, 6, 7] && column.elements == [2, 6, 10])
    #expect(everyOther.shape == [3, 2] && reversed[item: 0, 0] == 8 && m[item: 1, 0] == 100)
    #expect(b.isReadOnly && b.strides == [0, 8])
    #expect {
      _ = try m.transposed().reshaped(to: [12])
    } throws: { error in
      "\(error)".contains("copy")
    }
    let flat = try m.transposed().reshapedCopy(to: [12])
    #expect(flat.elements.prefix(3) == [0, 100, 8])
  }

  @Test func indexArraysAndMasks() throws {
    let x: NDArray<Double> = [[-2, 3, -1], [4, 0, 5]]
    let positive = x[x .> 0]
    let rows = x[[1, 0]]
    let corners = x[[0, 1], [0, 2]]
    x[x .< 0] = 0
    x[0, .all] += 1
    let labels: NDArray<Int> = [1, 0]
    let first = x[labels .== 1]
    let picked = try x.take([2, 0], axis: 1)
    #expect(positive.elements == [3, 4, 5] && rows.elements == [4, 0, 5, -2, 3, -1] && corners.elements == [-2, 5])
    #expect(x.elements == [1, 4, 1, 4, 0, 5] && first.elements == [1, 4, 1] && picked.elements == [1, 1, 5, 4])
  }

  @Test func arithmetic() throws {
    let a: NDArray<Double> = [[1, 2, 3], [4, 5, 6]]
    let centred = a - a.mean(axis: 0, keepingDimensions: true)
    let scaled = 2 * a + 1
    let total = (a * a).sum()
    let columnMax = try a.max(axis: 0)
    let mask = exp(a) .> 10
    let clipped = a.clipped(min: 2, max: 5)
    #expect(centred.elements == [-1.5, -1.5, -1.5, 1.5, 1.5, 1.5] && scaled[item: 1, 2] == 13)
    #expect(total == 91 && columnMax.elements == [4, 5, 6])
    #expect(mask.elements == [false, false, true, true, true, true] && clipped.elements == [2, 2, 3, 4, 5, 5])
  }

  @Test func functions() {
    let v: NDArray<Double> = [-2.5, -0.5, 0.5, 1.5, .nan]
    #expect(arrayEqual(floor(v), [-3, -1, 0, 1, .nan], equalNaN: true))
    #expect(arrayEqual(v.rounded(), [-2, -0.0, 0, 2, .nan], equalNaN: true))
    #expect(arrayEqual(maximum(v, NDArray(scalar: 0)), [0, 0, 0.5, 1.5, .nan], equalNaN: true))
    #expect(fmax(v, NDArray(scalar: 0)).elements == [0, 0, 0.5, 1.5, 0])
    #expect(isnan(v).elements == [false, false, false, false, true])
    let k: NDArray<Int> = [-7, 7]
    #expect((k % 3).elements == [2, 1] && k.mean() == 0)
    #expect((k.asDouble * 0.5).elements == [-3.5, 3.5])
  }

  @Test func fusedExpressions() throws {
    let a = NDArray<Double>.linspace(from: 0, to: 1, count: 1_000)
    let b = NDArray<Double>.ones([1_000])
    let y = (2 * a.fused + 3 * b.fused * b.fused).evaluated()
    #expect(y.elements.map(\.bitPattern) == (2 * a + 3 * b * b).elements.map(\.bitPattern))
    try y.assign(NDExpression.where(a.fused .> 0.5, a.fused, 0))
    #expect(y.elements == NDArray.where(a .> 0.5, a, NDArray(scalar: 0)).elements)
    let ss = ((a.fused - b.fused) ** 2).sum()
    #expect(ss.bitPattern == ((a - b) ** 2).sum().bitPattern)
    let points = NDArray<Double>.ones([1_000, 16])
    let centres = NDArray<Double>.zeros([8, 16])
    let d2 = ((points[.all, .newAxis, .all].fused - centres[.newAxis, .all, .all].fused) ** 2)
      .sum(axis: 2)
    #expect(d2.shape == [1000, 8] && d2.elements.allSatisfy { $0 == 16 })
    let half = (a.converted(to: Float.self).fused * 0.5).evaluated(as: Float.self)
    #expect(half.elements == a.elements.map { Float(Double(Float($0)) * 0.5) })
  }

  @Test func joiningSortingStatistics() throws {
    let a: NDArray<Double> = [[3, 1, 2], [9, 7, 8]]
    let both = try NDArray.concatenate([a, a], axis: 1)
    let halves = try a.split(into: 3, axis: 1)
    let framed = try a.padded(1, mode: .edge)
    let rows = a.sorted()
    let order = a.argsort(axis: 0)
    let q = try a.quantile(0.25, axes: [1])
    let m = try a.median()
    let totals = a.cumulativeSum(axis: 1)
    let product = try NDArray.einsum("ij,kj->ik", a, a)
    #expect(both.shape == [2, 6] && halves.count == 3 && framed.shape == [4, 5] && framed[item: 0, 0] == 3)
    #expect(rows.elements == [1, 2, 3, 7, 8, 9] && order.elements == [0, 0, 0, 1, 1, 1])
    #expect(q.elements == [1.5, 7.5] && m == 5 && totals.elements == [3, 4, 6, 9, 16, 24])
    #expect(product.elements == [14, 50, 50, 194])
  }

  @Test func random() throws {
    var rng = Generator(seed: 42)
    let u = rng.random([3])
    let z = rng.standardNormal([2, 2])
    let k = try rng.integers(in: 0..<10, shape: [5])
    let w = try rng.choice(from: 5, shape: [3], replace: false)
    let p = try rng.permutation(10)
    let workers = rng.spawn(4)
    // The values NumPy gives for the same calls on default_rng(42).
    #expect(u.elements == [0x1.8c43f79a2db24p-1, 0x1.c16959869e47ep-2, 0x1.b79a2584ddb42p-1])
    #expect(z.elements == [0.9405647163912139, -1.9510351886538364, -1.302179506862318, 0.12784040316728537])
    #expect(k.elements == [7, 7, 5, 1, 8] && w.elements == [4, 2, 1] && p.elements == [8, 0, 7, 4, 2, 3, 5, 9, 1, 6])
    #expect(workers.count == 4)
  }

  @Test func fourier() throws {
    let x: NDArray<Double> = [1, 2, 3, 4, 0, 0, 0, 0]
    let spectrum = try FFT.rfft(x)
    let back = try FFT.irfft(spectrum, n: 8)
    let f = try FFT.rfftfreq(8, d: 0.5)
    let image = NDArray<Double>.ones([4, 6])
    let planes = try FFT.rfft2(image[.all, .slice(by: -2)])  // any view: every other column, reversed
    #expect(spectrum.count == 5 && spectrum[item: 0].real == 10 && spectrum[item: 0].imaginary == 0)
    #expect(try abs(back - x).max() < 1e-12)
    #expect(f.elements == [0, 0.25, 0.5, 0.75, 1])
    // Only the constant term of a constant image is nonzero: 4 × 3 ones.
    #expect(planes.shape == [4, 2] && planes[item: 0, 0].real == 12)
    #expect(abs(planes).sum() - 12 < 1e-12)
  }

  /// Reads the setting only: the parallelism suite changes it, and tests
  /// run at the same time.
  @Test func threads() {
    #expect(Parallelism.threadCount >= 1 && Parallelism.availableProcessors >= 1)
  }

  @Test func products() throws {
    let a = NDArray<Double>([4, 1, 2, 3], shape: [2, 2])
    let b: NDArray<Double> = [1, 2]
    let product = a.matmul(a.transposed())
    let x = try a.solve(b)
    let (u, s, vt) = try a.svd()
    let big = NDArray<Double>.ones([64, 64])
    let (_, copies) = BLAS.countingPackedOperands { big[.all, 0..<40].matmul(big[0..<40, .all]) }
    #expect(product == [[17, 11], [11, 13]] && copies == 0)
    #expect(try abs(a.matmul(x) - b).max() < 1e-12)
    #expect(try abs(u.matmul(NDArray.identity(2) * s).matmul(vt) - a).max() < 1e-12)
  }

  @Test func formats() throws {
    let points = try NDView(format: "T{d:x:d:y:}", shape: [100])
    let xs = try NDArray<Double>(points.field("x"))
    let raw = try NDView(
      storage: ByteStorage(copying: [UInt8](repeating: 1, count: 8)), format: "B", shape: [8])
    let shorts = try raw.cast(to: "<H")
    #expect(xs.strides == [16] && shorts.shape == [4])
  }

  @Test func files() throws {
    let a = NDArray<Double>([4, 1, 2, 3], shape: [2, 2])
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strided-guide-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("matrix.npy")
    try a.writeNPY(to: url)
    let loaded = try NDArray<Double>(NDView(contentsOfNPY: url))
    let mapped = try NDView(mappingNPY: url, mode: .readOnly)
    try NPZ.write(["a": a.view], to: directory.appendingPathComponent("data.npz"))
    let archive = try NPZ.arrays(contentsOf: directory.appendingPathComponent("data.npz"))
    #expect(loaded == a && mapped.isReadOnly && archive["a"]?.shape == [2, 2])
  }
}
