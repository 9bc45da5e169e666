import Foundation
import Testing

import Strided

@Suite("axis: for one axis, axes: for several: integer statistics, flip, squeeze, expand_dims, roll, fftshift")
struct AxisLabelsTests {
  static func same<T: NDElement>(_ x: NDArray<T>, _ y: NDArray<T>, _ label: String) {
    #expect(x.shape == y.shape && arrayEqual(x, y, equalNaN: true), "\(label)")
  }

  @Test("each integer axis: form gives its axes: form's result, in every layout")
  func integerAxisEqualsAxes() throws {
    for layout in OperandLayout.allCases {
      let a: NDArray<Int> = layout.make(sampleValues(Int.self, count: 24, seed: 4), shape: [2, 3, 4])
      for axis in [0, 1, 2, -1] {
        for keep in [false, true] {
          let label = "\(layout) axis \(axis) keep \(keep)"
          Self.same(
            try a.median(axis: axis, keepingDimensions: keep), try a.median(axes: [axis], keepingDimensions: keep),
            label)
          Self.same(
            try a.quantile(0.3, axis: axis, method: .nearest, keepingDimensions: keep),
            try a.quantile(0.3, axes: [axis], method: .nearest, keepingDimensions: keep), label)
          Self.same(try a.quantiles([0.1, 0.9], axis: axis), try a.quantiles([0.1, 0.9], axes: [axis]), label)
          Self.same(try a.percentile(40, axis: axis), try a.percentile(40, axes: [axis]), label)
          Self.same(try a.percentiles([5, 95], axis: axis), try a.percentiles([5, 95], axes: [axis]), label)
          Self.same(
            a.nanSum(axis: axis, keepingDimensions: keep), a.nanSum(axes: [axis], keepingDimensions: keep), label)
          let d = axis < 0 ? axis + 3 : axis
          let w = NDArray<Double>((0..<a.shape[d]).map { Double($0 + 1) })
          Self.same(
            try a.average(weights: w, axis: axis, keepingDimensions: keep),
            try a.average(weights: w, axes: [axis], keepingDimensions: keep), label)
          let pair = try a.averageAndSumOfWeights(weights: w, axis: axis)
          let pairAxes = try a.averageAndSumOfWeights(weights: w, axes: [axis])
          Self.same(pair.average, pairAxes.average, label)
          Self.same(pair.sumOfWeights, pairAxes.sumOfWeights, label)
          Self.same(
            try a.quantile(0.5, axis: axis, method: .invertedCDF, weights: w),
            try a.quantile(0.5, axes: [axis], method: .invertedCDF, weights: w), label)
          Self.same(
            try a.quantiles([0.2, 0.7], axis: axis, method: .invertedCDF, weights: w),
            try a.quantiles([0.2, 0.7], axes: [axis], method: .invertedCDF, weights: w), label)
          Self.same(
            try a.percentile(30, axis: axis, method: .invertedCDF, weights: w),
            try a.percentile(30, axes: [axis], method: .invertedCDF, weights: w), label)
          Self.same(
            try a.percentiles([30, 60], axis: axis, method: .invertedCDF, weights: w),
            try a.percentiles([30, 60], axes: [axis], method: .invertedCDF, weights: w), label)
        }
      }
    }
  }

  @Test("integer axis: forms against values NumPy gives")
  func integerValues() throws {
    let a = try NDArray<Int>.arange(to: 24).reshaped(to: [2, 3, 4])
    // np.median(a, axis=1)
    Self.same(try a.median(axis: 1), NDArray<Double>([[4, 5, 6, 7], [16, 17, 18, 19]]), "median")
    // np.average(a, axis=2, weights=[1, 2, 3, 4])
    Self.same(
      try a.average(weights: NDArray<Double>([1, 2, 3, 4]), axis: 2), NDArray<Double>([[2, 6, 10], [14, 18, 22]]),
      "average")
    // np.nansum(a, axis=0)
    Self.same(a.nanSum(axis: 0), NDArray<Int>([[12, 14, 16, 18], [20, 22, 24, 26], [28, 30, 32, 34]]), "nansum")
    // np.quantile(a, 0.3, axis=-1)
    let q = try a.quantile(0.3, axis: -1)
    let expected = NDArray<Double>([[0.9, 4.9, 8.9], [12.9, 16.9, 20.9]])
    #expect(q.shape == expected.shape)
    #expect(zip(q.elements, expected.elements).allSatisfy { abs($0 - $1) < 1e-12 })
    // Empty lanes throw, as the axes: form.
    let empty = NDArray<Int>([], shape: [2, 0])
    #expect(throws: StatisticsError.self) { try empty.median(axis: 1) }
  }

  @Test("flip, squeeze and expand_dims over several axes are views with NumPy's shapes and elements")
  func severalAxes() throws {
    for layout in OperandLayout.allCases {
      let a: NDArray<Double> = layout.make(sampleValues(Double.self, count: 6, seed: 2), shape: [2, 3])
      Self.same(a.flipped(axes: [0, 1]), a.flipped(), "\(layout) flip both")
      Self.same(a.flipped(axes: [-1]), a.flipped(axis: 1), "\(layout) flip last")
      Self.same(a.flipped(axes: []), a, "\(layout) flip none")
      let e = a.expandingDimensions(at: [0, -1])
      #expect(e.shape == [1, 2, 3, 1], "\(layout)")
      Self.same(try e.reshapedCopy(to: [2, 3]), a, "\(layout) expand elements")
      #expect(a.expandingDimensions(at: [1, 3]).shape == [2, 1, 3, 1], "\(layout)")
      let s = e.squeezed(axes: [3, 0])
      #expect(s.shape == [2, 3], "\(layout)")
      Self.same(s, a, "\(layout) squeeze elements")
      #expect(e.squeezed(axes: [-1]).shape == [1, 2, 3], "\(layout)")
      #expect(e.squeezed(axes: []).shape == [1, 2, 3, 1], "\(layout)")
    }
    // Views: writing through the result writes the original.
    let base = NDArray<Double>([[1, 2, 3], [4, 5, 6]])
    let flipped = base.flipped(axes: [0, 1])
    flipped[item: 0, 0] = 60
    #expect(base[item: 1, 2] == 60)
    // 0-d: expand_dims(x, (0, 1)) has shape (1, 1).
    #expect(NDArray<Double>(scalar: 7).expandingDimensions(at: [0, 1]).shape == [1, 1])
  }

  @Test("roll with one shift over several axes, and fftshift of one axis")
  func rollAndShift() throws {
    let a = try NDArray<Int>.arange(to: 6).reshaped(to: [2, 3])
    // np.roll(a, 1, axis=(0, 1))
    Self.same(try a.rolled(by: 1, axes: [0, 1]), NDArray<Int>([[5, 3, 4], [2, 0, 1]]), "roll")
    #expect(throws: ShapeError.self) { try a.rolled(by: 1, axes: [2]) }
    // np.fft.fftshift(a, axes=1)
    Self.same(try FFT.fftshift(a, axis: 1), NDArray<Int>([[2, 0, 1], [5, 3, 4]]), "fftshift")
    Self.same(try FFT.ifftshift(try FFT.fftshift(a, axis: 0), axis: 0), a, "ifftshift")
    #expect(throws: FFTError.self) { try FFT.fftshift(a, axis: 5) }
  }

  @Test("a repeated or out-of-range axis traps, as NumPy raises")
  func repeatedAxisTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = NDArray<Double>.zeros([2, 3]).flipped(axes: [0, -2])
    }
    await #expect(processExitsWith: .failure) {
      _ = NDArray<Double>.zeros([1, 3]).squeezed(axes: [1])
    }
    await #expect(processExitsWith: .failure) {
      _ = NDArray<Double>.zeros([2, 3]).expandingDimensions(at: [0, 0])
    }
    await #expect(processExitsWith: .failure) {
      _ = NDArray<Double>.zeros([2, 3]).expandingDimensions(at: [4])
    }
  }
}
