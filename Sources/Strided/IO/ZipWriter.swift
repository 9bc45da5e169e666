#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import CStrided

/// Writes a zip archive member by member into a ``ReplacingFile``, as
/// NumPy's `savez` does: every local header carries a zip64 field with the
/// sizes, the central directory carries zip64 fields only where a size or
/// offset needs them, and a zip64 end record follows when the directory
/// does.
struct ZipWriter {
  struct Member {
    var name: [UInt8]
    var flags: UInt16
    var method: UInt16
    var crc: UInt32
    var compressedSize: Int
    var size: Int
    var offset: Int
  }

  let file: ReplacingFile
  let time: UInt16
  let date: UInt16
  var offset = 0
  var members: [Member] = []

  init(file: ReplacingFile) {
    self.file = file
    (time, date) = Self.dosNow()
  }

  /// Adds a member whose bytes are `parts`, one after another; `deflate`
  /// compresses them with zlib's default level, as `savez_compressed` does.
  mutating func add(name: String, parts: [UnsafeRawBufferPointer], deflate: Bool) throws(NPYError) {
    let nameBytes = Array(name.utf8)
    let size = parts.reduce(0) { $0 + $1.count }
    var member = Member(
      name: nameBytes, flags: nameBytes.allSatisfy { $0 < 0x80 } ? 0 : 0x800, method: deflate ? 8 : 0, crc: 0,
      compressedSize: deflate ? 0 : size, size: size, offset: offset)
    var header = Bytes()
    header.append32(0x0403_4b50)
    header.append16(45)  // version needed: zip64
    header.append16(member.flags)
    header.append16(member.method)
    header.append16(time)
    header.append16(date)
    header.append32(0)  // CRC-32, patched below
    header.append32(0xFFFF_FFFF)
    header.append32(0xFFFF_FFFF)
    header.append16(UInt16(nameBytes.count))
    header.append16(20)
    header.bytes += nameBytes
    header.append16(0x0001)
    header.append16(16)
    header.append64(UInt64(size))
    header.append64(UInt64(member.compressedSize))  // patched below when deflated
    try write(header.bytes)

    if deflate {
      guard let deflater = strided_deflater_create(-1) else {
        throw NPYError(file: file.path, reason: .outOfMemory(byteCount: 1 << 18))
      }
      defer { strided_zstream_destroy(deflater) }
      var output = [UInt8](repeating: 0, count: 1 << 20)
      var compressed = 0
      for (index, part) in parts.enumerated() {
        member.crc = strided_crc32(member.crc, part.baseAddress, part.count)
        let last = index == parts.count - 1
        var at = 0
        while true {
          var consumed = 0
          var produced = 0
          let status = output.withUnsafeMutableBytes { out in
            strided_deflate(
              deflater, part.baseAddress.map { $0 + at }, part.count - at, &consumed, out.baseAddress!, out.count,
              &produced, last ? 1 : 0)
          }
          at += consumed
          try output.withBytes { out throws(NPYError) in
            try write(UnsafeRawBufferPointer(rebasing: out[..<produced]))
          }
          compressed += produced
          guard status >= 0 else { throw NPYError(file: file.path, reason: .archive("zlib failed to compress \(name)")) }
          if status == Int32(STRIDED_Z_END) || (!last && at == part.count && produced < output.count) { break }
        }
      }
      member.compressedSize = compressed
    } else {
      for part in parts {
        member.crc = strided_crc32(member.crc, part.baseAddress, part.count)
        try write(part)
      }
    }
    var crc = Bytes()
    crc.append32(member.crc)
    try patch(crc.bytes, at: member.offset + 14)
    if deflate {
      var sizes = Bytes()
      sizes.append64(UInt64(member.compressedSize))
      try patch(sizes.bytes, at: member.offset + 30 + nameBytes.count + 12)
    }
    members.append(member)
  }

  /// Writes the central directory and the end records.
  mutating func finish() throws(NPYError) {
    let directoryOffset = offset
    for member in members {
      let needs64 = member.size >= 0xFFFF_FFFF || member.compressedSize >= 0xFFFF_FFFF || member.offset >= 0xFFFF_FFFF
      var extra = Bytes()
      if needs64 {
        extra.append16(0x0001)
        var fields = Bytes()
        if member.size >= 0xFFFF_FFFF { fields.append64(UInt64(member.size)) }
        if member.compressedSize >= 0xFFFF_FFFF { fields.append64(UInt64(member.compressedSize)) }
        if member.offset >= 0xFFFF_FFFF { fields.append64(UInt64(member.offset)) }
        extra.append16(UInt16(fields.bytes.count))
        extra.bytes += fields.bytes
      }
      var entry = Bytes()
      entry.append32(0x0201_4b50)
      entry.append16(3 << 8 | 45)  // made by: Unix, zip 4.5
      entry.append16(needs64 ? 45 : member.method == 8 ? 20 : 10)
      entry.append16(member.flags)
      entry.append16(member.method)
      entry.append16(time)
      entry.append16(date)
      entry.append32(member.crc)
      entry.append32(UInt32(Swift.min(member.compressedSize, 0xFFFF_FFFF)))
      entry.append32(UInt32(Swift.min(member.size, 0xFFFF_FFFF)))
      entry.append16(UInt16(member.name.count))
      entry.append16(UInt16(extra.bytes.count))
      entry.append16(0)  // comment
      entry.append16(0)  // disk
      entry.append16(0)  // internal attributes
      entry.append32(0o100644 << 16)  // a regular file, rw-r--r--
      entry.append32(UInt32(Swift.min(member.offset, 0xFFFF_FFFF)))
      entry.bytes += member.name + extra.bytes
      try write(entry.bytes)
    }
    let directorySize = offset - directoryOffset
    let count = members.count
    var end = Bytes()
    if count >= 0xFFFF || directorySize >= 0xFFFF_FFFF || directoryOffset >= 0xFFFF_FFFF {
      let recordOffset = offset
      end.append32(0x0606_4b50)
      end.append64(44)
      end.append16(3 << 8 | 45)
      end.append16(45)
      end.append32(0)
      end.append32(0)
      end.append64(UInt64(count))
      end.append64(UInt64(count))
      end.append64(UInt64(directorySize))
      end.append64(UInt64(directoryOffset))
      end.append32(0x0706_4b50)
      end.append32(0)
      end.append64(UInt64(recordOffset))
      end.append32(1)
    }
    end.append32(0x0605_4b50)
    end.append16(0)
    end.append16(0)
    end.append16(UInt16(Swift.min(count, 0xFFFF)))
    end.append16(UInt16(Swift.min(count, 0xFFFF)))
    end.append32(UInt32(Swift.min(directorySize, 0xFFFF_FFFF)))
    end.append32(UInt32(Swift.min(directoryOffset, 0xFFFF_FFFF)))
    end.append16(0)
    try write(end.bytes)
  }

  mutating func write(_ bytes: [UInt8]) throws(NPYError) {
    try file.write(bytes)
    offset += bytes.count
  }

  mutating func write(_ bytes: UnsafeRawBufferPointer) throws(NPYError) {
    try file.write(bytes)
    offset += bytes.count
  }

  func patch(_ bytes: [UInt8], at position: Int) throws(NPYError) {
    try bytes.withBytes { buffer throws(NPYError) in try file.write(buffer, at: position) }
  }

  /// The local time as MS-DOS packs it into zip headers.
  static func dosNow() -> (time: UInt16, date: UInt16) {
    var now = Glibc.time(nil)
    var parts = tm()
    localtime_r(&now, &parts)
    let year = Swift.max(0, Swift.min(127, Int(parts.tm_year) + 1900 - 1980))
    let date = UInt16(year << 9 | (Int(parts.tm_mon) + 1) << 5 | Int(parts.tm_mday))
    let time = UInt16(Int(parts.tm_hour) << 11 | Int(parts.tm_min) << 5 | Int(parts.tm_sec) / 2)
    return (time, date)
  }

  /// Little-endian bytes, appended.
  struct Bytes {
    var bytes: [UInt8] = []
    mutating func append16(_ value: UInt16) { bytes += [UInt8(value & 0xFF), UInt8(value >> 8)] }
    mutating func append32(_ value: UInt32) {
      append16(UInt16(value & 0xFFFF))
      append16(UInt16(value >> 16))
    }
    mutating func append64(_ value: UInt64) {
      append32(UInt32(value & 0xFFFF_FFFF))
      append32(UInt32(value >> 32))
    }
  }
}
