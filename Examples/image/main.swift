// An image as a strided buffer: a height × width × 3 array of UInt8, then a
// crop, a flip, one channel, and the channels-first transpose, all views of
// the same bytes, and the mean grey level computed at the end.
//
//   swift run image
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
