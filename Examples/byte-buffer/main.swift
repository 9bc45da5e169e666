// The buffer-protocol primer, in Swift: one block of bytes, several views.
//
//   swift run byte-buffer
import Strided

/// Reads a contiguous run of bytes front to back, in chunks, without copying
/// them: the stream-style reader of the classic `memoryview` example.
struct ByteReader {
  private let bytes: UnsafeRawBufferPointer
  private var position = 0

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  /// The next `count` bytes (fewer at the end), or `nil` when all were read.
  mutating func read(upTo count: Int) -> UnsafeRawBufferPointer.SubSequence? {
    guard position < bytes.count else { return nil }
    let end = min(position + count, bytes.count)
    defer { position = end }
    return bytes[position..<end]
  }
}

// Ten bytes of storage, filled with "abcdefghij".
let storage = ByteStorage(count: 10)
storage.withUnsafeMutableBytes { $0.copyBytes(from: "abcdefghij".utf8) }

// A one-dimensional view of them, format "c" (one character a byte).
let chars = try NDView(storage: storage, format: .char, shape: [10])
print("View: \(chars)")

// Read it as a stream, three bytes at a time, straight out of the storage.
let content = chars.withUnsafeBytes { bytes in
  var reader = ByteReader(bytes)
  var text = ""
  while let chunk = reader.read(upTo: 3) { text += String(decoding: chunk, as: UTF8.self) }
  return text
}
print("Content read from the buffer: \(content)")

// The same bytes under other formats and shapes: no copies, one storage.
let unsigned = try NDArray<UInt8>(chars.cast(to: .uint8))
print("As B:      \(unsigned)")
let shorts = try NDArray<UInt16>(chars.cast(to: "<H"))
print("As <H:     \(shorts)")
let grid = try chars.cast(to: .char, shape: [2, 5])
let rows = (0..<2).map { row in
  String(decoding: try! NDArray<UInt8>(grid[row]).elements, as: UTF8.self)
}
print("As (2,5)c: \(rows)")

// A write through one view is seen through every other.
unsigned[item: 0] = UInt8(ascii: "A")
let firstRow = String(decoding: try NDArray<UInt8>(grid[0]).elements, as: UTF8.self)
print("After writing \"A\" through the B view: <H[0] = \(shorts[item: 0]), grid row 0 = \(firstRow)")
