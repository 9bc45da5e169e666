import Foundation
import Strided
import Testing

/// Every Strided line of docs/from-numpy.md, compiled and run as written
/// (with `a` an `NDArray<Double>` of shape `[3, 4]`), so the page cannot
/// drift from the API.
@Suite("docs/from-numpy.md: the forty lines")
struct FromNumPyTests {
  @Test func theFortyLinesRun() throws {
    let a = try NDArray<Double>.arange(to: 12).reshaped(to: [3, 4]) - 5
    let b = a * 2
    let m: NDArray<Double> = [[2, 1], [1, 3]]
    let y: NDArray<Double> = [1, 2]
    _ = (NDArray<Double>.zeros([3, 4]), NDArray<Double>.ones([3, 4]), NDArray<Double>.full([3, 4], 7))
    _ = (NDArray<Double>.linspace(from: 0, to: 1, count: 5), NDArray<Double>.eye(3))
    #expect(a.shape == [3, 4] && a.ndim == 2 && a.count == 12)
    _ = a.converted(to: Float.self)
    a[item: 1, 2] = 5
    #expect(a[item: 1, 2] == 5 && a[1, 2].ndim == 0)
    _ = (a[1], a[-1], a[.all, 1..<3], a[.slice(by: 2), .slice(by: -1)])
    _ = (a[.slice(to: -1)], a[.slice(from: -2)], a[.ellipsis, .newAxis])
    _ = a[a .> 0]
    _ = a[[2, 0]]
    _ = (a.transposed(), a.permuted([1, 0]), a.flattened())
    _ = (a + b, a * 2, a ** 2, a.matmul(b.transposed()), a.dot(b.transposed()))
    _ = (a .> 0, a .== b, a == b)
    _ = NDArray.where(a .> 0, a, 0)
    _ = (exp(a), sqrt(abs(a)), abs(a), a.clipped(min: 0, max: 1))
    _ = (a.sum(), a.mean(), a.standardDeviation())
    _ = (a.sum(axis: 0), a.mean(axis: 1, keepingDimensions: true))
    _ = a.variance(axes: [0, 1], degreesOfFreedom: 1)
    _ = (try a.min(), try a.max(axis: 0), try a.argmax())
    _ = (try a.median(axis: 0), try a.quantile(0.9)[])
    _ = (a.sorted(), a.argsort(), a.unique())
    _ = (try NDArray.concatenate([a, b], axis: 1), try NDArray.stack([a, b]))
    _ = try allclose(a, b)
    _ = (try m.solve(y), try m.inverse())
    let (w, v) = try m.eigh()
    let (u, s, vt) = try m.svd()
    _ = (w, v, u, s, vt)
    var rng = Generator(seed: 42)
    _ = rng.random([2, 3])
    _ = try rng.normal(mean: 0, standardDeviation: 1, shape: [2, 3])
    _ = try rng.integers(in: 0..<10, shape: [5])
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("strided-from-numpy-\(UUID().uuidString).npy")
    defer { try? FileManager.default.removeItem(at: url) }
    try a.writeNPY(to: url)
    #expect(try NDArray<Double>(contentsOfNPY: url) == a)
    a[a .< 0] = 0
    #expect(try a.min() == 0)
    withPrintOptions(precision: 3) { _ = a.description }
  }

  /// The snippet of getting-started.md's section on sets, interpolation
  /// and sliding windows, with the values its comments state.
  @Test func setsInterpolationAndWindows() throws {
    let seen: NDArray<Int> = [3, 1, 4, 1, 5, 9, 2, 6]
    let wanted: NDArray<Int> = [1, 2, 3]
    #expect(seen.isIn(wanted).elements == [true, true, false, true, false, false, true, false])
    #expect(seen.intersection(wanted).elements == [1, 2, 3])
    #expect(seen.union(wanted).elements == [1, 2, 3, 4, 5, 6, 9])
    #expect(seen.subtracting(wanted).elements == [4, 5, 6, 9])
    let xp: NDArray<Double> = [0, 1, 2]
    let fp: NDArray<Double> = [0, 10, 0]
    #expect(try interp([0.5, 1.5, 3], xp, fp).elements == [5, 5, 0])
    let signal = NDArray<Double>.arange(to: 10)
    let windows = try signal.slidingWindowView(4)
    #expect(windows.shape == [7, 4] && windows.isReadOnly)
    #expect(windows.mean(axis: -1).elements == [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5])
  }
}
