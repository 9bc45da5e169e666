import CStrided
import Foundation
import Strided

/// Builds zip archives byte by byte, so tests can make the damaged and
/// hostile archives no honest writer makes: sizes and CRCs that lie,
/// members that inflate past their declared size, zip64 records with small
/// values.
struct TestZip {
  struct Member {
    var name: String
    /// The member's real bytes, stored or deflated.
    var data: [UInt8]
    var deflate = false
    /// The uncompressed size the headers declare (default: the truth).
    var declaredSize: Int?
    /// The CRC-32 the headers declare (default: the truth).
    var declaredCRC: UInt32?
  }

  var members: [Member]
  /// Write every size and offset of the central directory as zip64 fields,
  /// with a zip64 end record.
  var zip64 = false

  static func crc(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { strided_crc32(0, $0.baseAddress, $0.count) }
  }

  static func deflated(_ bytes: [UInt8]) -> [UInt8] {
    let stream = strided_deflater_create(-1)!
    defer { strided_zstream_destroy(stream) }
    var output = [UInt8](repeating: 0, count: bytes.count + bytes.count / 100 + 1024)
    var consumed = 0
    var produced = 0
    let status = bytes.withUnsafeBytes { input in
      output.withUnsafeMutableBytes { out in
        strided_deflate(stream, input.baseAddress, input.count, &consumed, out.baseAddress!, out.count, &produced, 1)
      }
    }
    precondition(status == Int32(STRIDED_Z_END))
    return Array(output[..<produced])
  }

  var bytes: [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    func le(_ value: UInt64, _ count: Int, into bytes: inout [UInt8]) {
      for i in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }
    for member in members {
      let offset = out.count
      let payload = member.deflate ? Self.deflated(member.data) : member.data
      let size = member.declaredSize ?? member.data.count
      let crc = member.declaredCRC ?? Self.crc(member.data)
      let name = Array(member.name.utf8)
      le(0x0403_4b50, 4, into: &out)
      le(20, 2, into: &out)
      le(0, 2, into: &out)
      le(member.deflate ? 8 : 0, 2, into: &out)
      le(0, 4, into: &out)  // time and date
      le(UInt64(crc), 4, into: &out)
      le(UInt64(payload.count), 4, into: &out)
      le(UInt64(size), 4, into: &out)
      le(UInt64(name.count), 2, into: &out)
      le(0, 2, into: &out)
      out += name + payload

      le(0x0201_4b50, 4, into: &central)
      le(20, 2, into: &central)
      le(zip64 ? 45 : 20, 2, into: &central)
      le(0, 2, into: &central)
      le(member.deflate ? 8 : 0, 2, into: &central)
      le(0, 4, into: &central)
      le(UInt64(crc), 4, into: &central)
      le(zip64 ? 0xFFFF_FFFF : UInt64(payload.count), 4, into: &central)
      le(zip64 ? 0xFFFF_FFFF : UInt64(size), 4, into: &central)
      le(UInt64(name.count), 2, into: &central)
      le(zip64 ? 28 : 0, 2, into: &central)
      le(0, 2, into: &central)
      le(0, 2, into: &central)
      le(0, 2, into: &central)
      le(0, 4, into: &central)
      le(zip64 ? 0xFFFF_FFFF : UInt64(offset), 4, into: &central)
      central += name
      if zip64 {
        le(1, 2, into: &central)
        le(24, 2, into: &central)
        le(UInt64(size), 8, into: &central)
        le(UInt64(payload.count), 8, into: &central)
        le(UInt64(offset), 8, into: &central)
      }
    }
    let directoryOffset = out.count
    out += central
    if zip64 {
      let recordOffset = out.count
      le(0x0606_4b50, 4, into: &out)
      le(44, 8, into: &out)
      le(45, 2, into: &out)
      le(45, 2, into: &out)
      le(0, 8, into: &out)
      le(UInt64(members.count), 8, into: &out)
      le(UInt64(members.count), 8, into: &out)
      le(UInt64(central.count), 8, into: &out)
      le(UInt64(directoryOffset), 8, into: &out)
      le(0x0706_4b50, 4, into: &out)
      le(0, 4, into: &out)
      le(UInt64(recordOffset), 8, into: &out)
      le(1, 4, into: &out)
    }
    le(0x0605_4b50, 4, into: &out)
    le(0, 4, into: &out)
    le(zip64 ? 0xFFFF : UInt64(members.count), 2, into: &out)
    le(zip64 ? 0xFFFF : UInt64(members.count), 2, into: &out)
    le(zip64 ? 0xFFFF_FFFF : UInt64(central.count), 4, into: &out)
    le(zip64 ? 0xFFFF_FFFF : UInt64(directoryOffset), 4, into: &out)
    le(0, 2, into: &out)
    return out
  }

  /// The bytes of a `.npy` file of `count` doubles 0, 1, 2, …
  static func npy(count: Int) throws -> [UInt8] {
    [UInt8](try NDArray<Double>.arange(to: Double(count)).view.npyData())
  }
}

/// A temporary folder, removed by the caller.
func temporaryFolder(_ name: String) throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("strided-\(name)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
