// An image as a strided buffer: a height × width × 3 array of UInt8, then a
// crop, a flip, one channel, and the channels-first transpose, all views of
// the same bytes, and the mean grey level computed at the end. Then a 3 × 3
// box filter of a 256 × 256 image as a NumPy user writes it (shifted
// windows of a padded copy summed in place), timed beside NumPy's time for
// the same program (image.py), when python3 with NumPy is there.
//
//   swift run -c release image
import Foundation
import Strided

// A 48 × 64 image: red rises to the right, green downwards, blue is flat.
let (height, width) = (48, 64)
var pixels: [UInt8] = []
for row in 0..<height {
  for column in 0..<width {
    pixels += [UInt8(column * 4), UInt8(row * 5), 96]
  }
}
let image = NDArray(pixels, shape: [height, width, 3])
print("image:          shape \(image.shape), strides \(image.strides)")

/// Whether a view shares the image's bytes (no copy was made).
func shared<T>(_ view: NDArray<T>) -> String { view.storage === image.storage ? "view" : "COPY" }

// Crop: rows 8..<40, columns 16..<48. The offset moves; the strides stay.
let crop = image[8..<40, 16..<48]
print("crop:           shape \(crop.shape), strides \(crop.strides), \(shared(crop))")

// Flip left to right: the column stride turns negative.
let mirrored = crop.flipped(axis: 1)
print("mirrored:       shape \(mirrored.shape), strides \(mirrored.strides), \(shared(mirrored))")

// One channel: the green plane, every third byte.
let green = mirrored[.all, .all, 1]
print("green channel:  shape \(green.shape), strides \(green.strides), \(shared(green))")

// Channels first, as many frameworks want: axes (2, 0, 1).
let planes = mirrored.permuted([2, 0, 1])
print("channels first: shape \(planes.shape), strides \(planes.strides), \(shared(planes))")

// Reading through the views: the top-left pixel of the mirrored crop is
// the image's pixel at row 8, column 47.
print("mirrored[0, 0] = \(mirrored[0, 0, .all].elements), image[8, 47] = \(image[8, 47, .all].elements)")

// The mean grey level (ITU-R 601 weights) of the mirrored crop, reduced
// at the end: channel means first, read straight through the view.
let channelMeans = planes.converted(to: Double.self).mean(axes: [1, 2])
let weights: NDArray<Double> = [0.299, 0.587, 0.114]
let grey = (channelMeans * weights).sum()
print("channel means:  \(channelMeans.elements.map { ($0 * 100).rounded() / 100 })")
print("mean grey level: \((grey * 100).rounded() / 100)")

// A 3 × 3 box filter of a 256 × 256 colour image: the image padded by its
// edge pixels, in Float, the nine shifted windows summed in place, divided
// by 9 and converted back to bytes.
let size = 256
var photo = Generator(seed: 3)
let noisy = try! photo.integers(in: UInt8(0)..<UInt8(255), shape: [size, size, 3])

func boxFilter(_ image: NDArray<UInt8>) -> NDArray<UInt8> {
  let padded = try! image.converted(to: Float.self).padded([(1, 1), (1, 1), (0, 0)], mode: .edge)
  var sum = NDArray<Float>.zeros([size, size, 3])
  for dy in 0..<3 {
    for dx in 0..<3 { sum += padded[dy..<(dy + size), dx..<(dx + size)] }
  }
  return (sum / 9).converted(to: UInt8.self)
}

let filtered = boxFilter(noisy)
print("box filter:     mean \((filtered.converted(to: Double.self).mean() * 100).rounded() / 100) (the image's \((noisy.converted(to: Double.self).mean() * 100).rounded() / 100))")

// The time of one filter: the median of 7 runs of 20.
let clock = ContinuousClock()
var samples: [Double] = []
for _ in 0..<7 {
  let start = clock.now
  for _ in 0..<20 { _ = boxFilter(noisy) }
  samples.append(Double((clock.now - start) / .microseconds(1)) / 20)
}
let strided = samples.sorted()[3]
print("one filter, Strided: \(Int(strided.rounded())) µs")

// NumPy's time for the same filter, from image.py beside this file.
let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("image.py")
let python = Process()
python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
python.arguments = ["python3", script.path]
let pipe = Pipe()
python.standardOutput = pipe
python.standardError = FileHandle.nullDevice
let output = (try? python.run()).map { String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
python.waitUntilExit()
if python.terminationStatus == 0, let numpy = output.flatMap({ Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
  print("one filter, NumPy:   \(Int(numpy.rounded())) µs (Strided takes \((strided / numpy * 100).rounded() / 100)×)")
} else {
  print("one filter, NumPy:   not measured (python3 with NumPy is needed)")
}
