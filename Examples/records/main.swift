// Records: a structured .npy file that NumPy wrote (aligned, with a nested
// record and a sub-array field), read with its PEP 3118 `T{…}` format and
// taken apart with field views. No field is copied out.
//
//   swift run records
import Foundation
import Strided

// stations.npy lies beside this file; make-stations.py wrote it with NumPy.
let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("stations.npy")
let stations = try NDView(contentsOfNPY: url)
print("records: shape \(stations.shape), item size \(stations.itemSize) bytes")
print("format:  \(stations.format)")
for field in stations.format.fields {
  print("  field \(field.name ?? "?") at byte \(field.offset): \(field.format)")
}

// Field views keep the records' stride and move the offset to the field.
let names = try stations.field("name")
let latitude = try NDArray<Double>(stations.field("position.lat"))
let longitude = try NDArray<Double>(stations.field("position.lon"))
let elevation = try NDArray<Int16>(stations.field("elevation"))
let temperatures = try NDArray<Float>(stations.field("temps"))
print("position.lat: strides \(latitude.strides), byte offset \(latitude.view.byteOffset), same storage: \(latitude.storage === stations.storage)")
print("temps:        shape \(temperatures.shape), strides \(temperatures.strides)")

// Read row by row through the views. A name is a fixed 6-byte string,
// padded with zero bytes.
let means = temperatures.mean(axis: 1)
for i in 0..<stations.count {
  let bytes = names[i].bytes().prefix { $0 != 0 }
  let name = String(decoding: bytes, as: UTF8.self)
  let mean = (Double(means[item: i]) * 10).rounded() / 10
  print("\(name.padding(toLength: 6, withPad: " ", startingAt: 0)) lat \(latitude[item: i]), lon \(longitude[item: i]), \(elevation[item: i]) m, mean \(mean) °C")
}

// Writing through a field view changes the record in place.
elevation[item: 1] += 1
print("Quito's elevation through a fresh view of the records: \(try NDArray<Int16>(stations.field("elevation"))[item: 1]) m")
print("highest station: \(try elevation.argmax()), warmest on average: \(try means.argmax())")
