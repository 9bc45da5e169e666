import Foundation
import Testing

import Strided

@Suite("Sliding windows against NumPy")
struct SlidingWindowTests {
  @Test("windows of every layout, axis list and size match NumPy's sliding_window_view")
  func windowsMatchNumPy() throws {
    var check = SetOracleCheck()
    let cases: [([Int], [Int], [Int]?)] = [
      ([7], [3], nil), ([7], [7], nil), ([7], [0], nil), ([7], [1], [0]), ([0], [0], nil),
      ([3, 4], [2, 2], nil), ([3, 4], [2], [1]), ([3, 4], [2], [-2]), ([3, 4], [2, 3], [1, 1]),
      ([2, 3, 5], [4, 2], [2, 0]), ([4, 0], [2], [0]), ([], [], nil),
    ]
    for (shape, window, axes) in cases {
      for layout in OperandLayout.allCases {
        let a = layout.make(sampleValues(Double.self, count: shape.reduce(1, *), seed: 4), shape: Dimensions(shape))
        let w = try a.slidingWindowView(windowShape: window, axes: axes)
        #expect(w.isReadOnly)
        var keywords: [String: Any] = ["window_shape": window]
        if let axes { keywords["axes"] = axes }
        check.add("\(shape) \(layout) \(window) \(axes ?? [])", "sliding_window_view", [a], result: w, keywords: keywords)
      }
    }
    let ints = OperandLayout.negative.make((0..<12).map { Int8($0 - 6) }, shape: [3, 4])
    check.add("int8", "sliding_window_view", [ints], result: try ints.slidingWindowView(2, axis: 1),
              keywords: ["window_shape": [2], "axes": [1]])
    try check.verify()
  }

  @Test("the window view shares the array's bytes")
  func noCopy() throws {
    let x = NDArray<Double>([1, 2, 3, 4, 5])
    let w = try x.slidingWindowView(3)
    #expect(w.shape == [3, 3])
    #expect(w.strides == [8, 8])
    #expect(w.storage === x.storage)
    x[item: 2] = 30
    #expect(w[item: 0, 2] == 30 && w[item: 1, 1] == 30 && w[item: 2, 0] == 30)
    let r = try x[.slice(by: -1)].slidingWindowView(2)
    #expect(r.strides == [-8, -8])
    #expect(r.elements == [5, 4, 4, 30, 30, 2, 2, 1])
  }

  @Test("bad windows and axes throw ShapeError, as NumPy raises")
  func errors() {
    let m = NDArray<Double>.zeros([3, 4])
    #expect(throws: ShapeError.negativeWindow(-1)) { try m.slidingWindowView(windowShape: [-1], axes: [0]) }
    #expect(throws: ShapeError.windowTooLarge(axis: 0, window: 4, size: 3)) { try m.slidingWindowView(4, axis: 0) }
    #expect(throws: ShapeError.windowTooLarge(axis: 1, window: 3, size: 2)) {
      try m.slidingWindowView(windowShape: [3, 3], axes: [1, 1])
    }
    #expect(throws: ShapeError.axisOutOfRange(axis: 2, rank: 2)) { try m.slidingWindowView(2, axis: 2) }
    #expect(throws: ShapeError.axisOutOfRange(axis: -3, rank: 2)) { try m.slidingWindowView(2, axis: -3) }
    #expect(throws: ShapeError.windowCountMismatch(windows: 1, axes: 2)) { try m.slidingWindowView(2) }
    #expect(throws: ShapeError.windowCountMismatch(windows: 2, axes: 1)) {
      try m.slidingWindowView(windowShape: [1, 1], axes: [0])
    }
    #expect(throws: ShapeError.windowTooLarge(axis: 0, window: Int.max, size: 3)) { try m.slidingWindowView(.max, axis: 0) }
    #expect(throws: ShapeError.negativeWindow(Int.min)) { try m.slidingWindowView(.min, axis: 0) }
    let deep = NDArray<Double>.zeros(Dimensions(repeating: 1, count: 40))
    #expect(throws: ShapeError.tooManyDimensions(operation: "slidingWindowView", rank: 80)) {
      try deep.slidingWindowView(windowShape: Array(repeating: 1, count: 40))
    }
  }

  /// NumPy sums each window of the workload pairwise (eight accumulators
  /// for 8…128 items, a plain loop below 8, halves above 128): the means
  /// must be NumPy's bit for bit.
  @Test("moving means equal NumPy's bit for bit, for windows below, at and above each pairwise block")
  func movingMeans() throws {
    var check = SetOracleCheck()
    var rng = Generator(seed: 26)
    let x = rng.standardNormal([3000])
    for window in [1, 3, 7, 8, 9, 16, 64, 127, 128, 129, 300, 1000] {
      check.add("mean w\(window)", "sliding_mean", [x], result: try x.slidingWindowView(window).mean(axis: -1),
                keywords: ["window": window])
    }
    let stepped = x[.slice(by: -3)]
    check.add("mean stepped", "sliding_mean", [stepped], result: try stepped.slidingWindowView(64).mean(axis: -1),
              keywords: ["window": 64])
    try check.verify()
  }
}
