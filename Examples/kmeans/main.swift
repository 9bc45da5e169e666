// k-means on 1,500 points in the plane, as a NumPy user writes it: squared
// distances by broadcasting, the nearest centre, the inertia, and each
// centre moved to the mean of its points (rows selected by a mask). The
// distances are one fused expression (`.fused`): summed line by line as
// they are computed, with no points × centres × features temporary. Then
// the time of one step beside NumPy's for the same program (kmeans.py),
// when python3 with NumPy is there.
//
//   swift run -c release kmeans
import Foundation
import Strided

// Three clusters of 500 points around (0, 0), (5, 5) and (0, 5).
var rng = Generator(seed: 9)
let centresTrue: NDArray<Double> = [[0, 0], [5, 5], [0, 5]]
let points = try! NDArray.concatenate((0..<3).map { j in rng.standardNormal([500, 2]) + centresTrue[j] })

/// One k-means step: the new centres and the inertia (the sum of squared
/// distances to the nearest centre).
func step(_ x: NDArray<Double>, _ centres: NDArray<Double>) -> (centres: NDArray<Double>, inertia: Double) {
  let distances = ((x.expandingDimensions(at: 1).fused - centres.expandingDimensions(at: 0).fused) ** 2).sum(axis: 2)
  let nearest = try! distances.argmin(axis: 1)
  let inertia = try! distances.min(axes: [1]).sum()
  let means = (0..<centres.shape[0]).map { j in x[nearest .== j].mean(axis: 0) }
  return (try! NDArray.stack(means), inertia)
}

var centres = points[NDArray<Int>([0, 500, 1000])]
for iteration in 1...8 {
  let (moved, inertia) = step(points, centres)
  centres = moved
  print("step \(iteration): inertia \((inertia * 100).rounded() / 100)")
}
print("centres: \(centres.elements.map { ($0 * 100).rounded() / 100 })")

// The time of one step: the median of 7 runs of 30 steps.
let clock = ContinuousClock()
var samples: [Double] = []
for _ in 0..<7 {
  let start = clock.now
  for _ in 0..<30 { _ = step(points, centres) }
  let elapsed = clock.now - start
  samples.append(Double(elapsed.components.attoseconds) / 1e12 / 30 + Double(elapsed.components.seconds) * 1e6 / 30)
}
let strided = samples.sorted()[3]
print("one step, Strided: \(Int(strided.rounded())) µs")

// NumPy's time for the same step, from kmeans.py beside this file.
let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("kmeans.py")
let python = Process()
python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
python.arguments = ["python3", script.path]
let pipe = Pipe()
python.standardOutput = pipe
python.standardError = FileHandle.nullDevice
if (try? python.run()) != nil {
  let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  python.waitUntilExit()
  if python.terminationStatus == 0, let numpy = Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) {
    print("one step, NumPy:   \(Int(numpy.rounded())) µs (Strided takes \((strided / numpy * 100).rounded() / 100)×)")
  } else {
    print("one step, NumPy:   not measured (python3 with NumPy is needed)")
  }
}

