import CStrided

/// The central directory of a zip archive, and its members read one at a
/// time with every size and checksum checked (PKWARE's APPNOTE, with the
/// zip64 extensions NumPy's `savez` writes).
///
/// Nothing is trusted: the directory must lie inside the file and is read
/// to its end (an end record's 16-bit count wraps past 65,535 members when
/// a writer leaves out the zip64 records: the count must agree modulo
/// 2¹⁶), members must not overlap, every member's data must lie before the
/// directory, its local header must carry the directory's name (as
/// Python's `zipfile` checks), a member is inflated only up to the size it
/// declares, and its CRC-32 must match.
struct ZipReader: Sendable {
  struct Entry: Sendable {
    /// The member's path in the archive.
    var name: String
    /// The path's bytes as the directory holds them.
    var nameBytes: [UInt8]
    var flags: UInt16
    /// 0: stored; 8: deflated.
    var method: UInt16
    var crc: UInt32
    var compressedSize: Int
    var size: Int
    var localHeaderOffset: Int
  }

  let file: OpenFile
  /// The members, in the order the directory lists them.
  let entries: [Entry]
  /// Where the central directory starts: every member's data ends before.
  let directoryOffset: Int

  typealias Failure = NPYError.Reason

  init(file: OpenFile) throws(NPYError) {
    self.file = file
    do throws(Failure) {
      (entries, directoryOffset) = try Self.readDirectory(file)
    } catch {
      throw NPYError(file: file.path, reason: error)
    }
  }

  // MARK: The central directory

  static func readDirectory(_ file: OpenFile) throws(Failure) -> ([Entry], Int) {
    let size = try wrapped { () throws(NPYError) in try file.size() }
    // The end record is 22 bytes, plus a comment of at most 65,535.
    let tailCount = Swift.min(size, 22 + 0xFFFF)
    let tail = try read(file, count: tailCount, at: size - tailCount)
    guard let end = stride(from: tailCount - 22, through: 0, by: -1).first(where: { at in
      tail.uint32(at) == 0x0605_4b50 && at + 22 + Int(tail.uint16(at + 20)) <= tailCount
    }) else {
      throw .archive("not a zip archive (no end-of-directory record)")
    }
    let endOffset = size - tailCount + end
    var count = Int(tail.uint16(end + 10))
    var zip64 = false
    var directorySize = Int(tail.uint32(end + 12))
    var directoryOffset = Int(tail.uint32(end + 16))
    // Zip64: a locator just before the end record points at the zip64 end record.
    if endOffset >= 20 {
      let locator = try read(file, count: 20, at: endOffset - 20)
      if locator.uint32(0) == 0x0706_4b50 {
        let recordOffset = try checkedInt(locator.uint64(8), "zip64 end record offset")
        guard recordOffset <= endOffset - 20 - 56 else { throw .archive("the zip64 end record lies outside the file") }
        let record = try read(file, count: 56, at: recordOffset)
        guard record.uint32(0) == 0x0606_4b50 else { throw .archive("the zip64 end record is missing") }
        count = try checkedInt(record.uint64(32), "entry count")
        zip64 = true
        directorySize = try checkedInt(record.uint64(40), "central directory size")
        directoryOffset = try checkedInt(record.uint64(48), "central directory offset")
      }
    }
    guard directoryOffset <= endOffset, directorySize <= endOffset - directoryOffset else {
      throw .archive("the central directory (\(directorySize) bytes at \(directoryOffset)) lies outside the file")
    }
    // Each entry takes at least 46 bytes: the count cannot exceed that share.
    guard count <= directorySize / 46 else {
      throw .archive("\(count) entries cannot fit in a central directory of \(directorySize) bytes")
    }
    let directory = try read(file, count: directorySize, at: directoryOffset)
    var entries: [Entry] = []
    entries.reserveCapacity(count)
    var at = 0
    // The whole directory, whatever the count says (Python's zipfile reads
    // it by its size too); the count is checked after.
    while at < directory.count {
      let index = entries.count
      guard at + 46 <= directory.count, directory.uint32(at) == 0x0201_4b50 else {
        throw .archive("central directory entry \(index) is damaged")
      }
      let nameCount = Int(directory.uint16(at + 28))
      let extraCount = Int(directory.uint16(at + 30))
      let commentCount = Int(directory.uint16(at + 32))
      let next = at + 46 + nameCount + extraCount + commentCount
      guard next <= directory.count else { throw .archive("central directory entry \(index) runs past the directory") }
      let nameBytes = Array(directory[(at + 46)..<(at + 46 + nameCount)])
      var entry = Entry(
        name: String(decoding: nameBytes, as: UTF8.self), nameBytes: nameBytes,
        flags: directory.uint16(at + 8), method: directory.uint16(at + 10), crc: directory.uint32(at + 16),
        compressedSize: Int(directory.uint32(at + 20)), size: Int(directory.uint32(at + 24)),
        localHeaderOffset: Int(directory.uint32(at + 42)))
      // The zip64 extra field holds, in order, each field saturated above.
      var extra = at + 46 + nameCount
      let extraEnd = extra + extraCount
      while extra + 4 <= extraEnd {
        let id = directory.uint16(extra)
        let length = Int(directory.uint16(extra + 2))
        guard extra + 4 + length <= extraEnd else { break }
        if id == 0x0001 {
          var field = extra + 4
          func next64() throws(Failure) -> Int {
            guard field + 8 <= extra + 4 + length else { throw .archive("\(entry.name): its zip64 field is too short") }
            defer { field += 8 }
            return try checkedInt(directory.uint64(field), "zip64 size")
          }
          if entry.size == 0xFFFF_FFFF { entry.size = try next64() }
          if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next64() }
          if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try next64() }
        }
        extra += 4 + length
      }
      entries.append(entry)
      at = next
    }
    guard zip64 ? entries.count == count : entries.count % 0x1_0000 == count else {
      throw .archive("the central directory holds \(entries.count) entries, but its end record declares \(count)")
    }
    try checkDisjoint(entries)
    return (entries, directoryOffset)
  }

  /// Throws when two members' local headers and data share bytes (an
  /// archive whose directory points several names at one member, so that
  /// it inflates many times its size).
  static func checkDisjoint(_ entries: [Entry]) throws(Failure) {
    let ordered = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
    for (a, b) in zip(ordered, ordered.dropFirst()) {
      // The local header is at least 30 bytes and a's name; the subtractions
      // cannot overflow.
      let room = b.localHeaderOffset - a.localHeaderOffset - 30 - a.nameBytes.count
      guard room >= 0, a.compressedSize <= room else {
        throw .archive("members \(a.name.debugDescription) and \(b.name.debugDescription) overlap")
      }
    }
  }

  // MARK: Members

  /// Reads one member that holds a `.npy` file into new storage.
  ///
  /// The header is read before any data; its size must account for the
  /// member's declared size exactly, so nothing is allocated for data the
  /// member does not hold, and nothing is inflated past it.
  /// A member of dates or durations is read only when `time` names the
  /// element type it must hold (see ``NPYHeader/parse(_:time:)``).
  func npyView(_ entry: Entry, time: (any NDTimeElement.Type)? = nil) throws(Failure) -> NDView {
    var member = try Member(self, entry)
    let prefixCount = Swift.min(entry.size, 12 + NPYHeader.maximumLength)
    var prefix = [UInt8](repeating: 0, count: prefixCount)
    try prefix.withMutableBytes { buffer throws(Failure) in try member.read(into: buffer) }
    let (header, dataOffset) = try prefix.withUnsafeBytes { bytes in
      Result { () throws(Failure) in try NPYHeader.parse(bytes, time: time) }
    }.get()
    guard dataOffset + header.dataCount == entry.size else {
      throw .archive(
        "\(entry.name) holds \(entry.size) bytes, but its .npy header describes \(dataOffset + header.dataCount)")
    }
    guard let storage = ByteStorage(tryingUninitializedCount: header.dataCount) else {
      throw .outOfMemory(byteCount: header.dataCount)
    }
    let alreadyRead = prefixCount - dataOffset
    if alreadyRead > 0 {
      prefix.withUnsafeBytes { storage.base.copyMemory(from: $0.baseAddress! + dataOffset, byteCount: alreadyRead) }
    }
    try member.read(
      into: UnsafeMutableRawBufferPointer(start: storage.base + alreadyRead, count: header.dataCount - alreadyRead))
    try member.finish()
    return header.view(of: storage, byteOffset: 0, readOnly: false)
  }

  /// A member's bytes, read in order: straight from the file when stored,
  /// through zlib when deflated, with a running CRC-32.
  struct Member: ~Copyable {
    let reader: ZipReader
    let entry: Entry
    /// The next compressed byte to read, and the end of the member's data.
    var position: Int
    let end: Int
    var produced = 0
    var crc: UInt32 = 0
    let inflater: OpaquePointer?
    /// Compressed input read but not yet inflated.
    var input: [UInt8] = []
    var inputStart = 0

    init(_ reader: ZipReader, _ entry: Entry) throws(Failure) {
      self.reader = reader
      self.entry = entry
      guard entry.flags & 1 == 0 else { throw .archive("\(entry.name) is encrypted") }
      guard entry.method == 0 || entry.method == 8 else {
        throw .archive("\(entry.name) uses compression method \(entry.method); only stored (0) and deflated (8) are read")
      }
      let local = try ZipReader.read(reader.file, count: 30, at: entry.localHeaderOffset)
      guard local.uint32(0) == 0x0403_4b50 else { throw .archive("\(entry.name): its local header is missing") }
      let localName = try ZipReader.read(reader.file, count: Int(local.uint16(26)), at: entry.localHeaderOffset + 30)
      guard localName == entry.nameBytes else {
        throw .archive(
          "\(entry.name): its local header names \(String(decoding: localName, as: UTF8.self).debugDescription)")
      }
      let start = entry.localHeaderOffset + 30 + Int(local.uint16(26)) + Int(local.uint16(28))
      guard start <= reader.directoryOffset, entry.compressedSize <= reader.directoryOffset - start else {
        throw .archive("\(entry.name): its data runs past the central directory")
      }
      if entry.method == 0 {
        guard entry.compressedSize == entry.size else {
          throw .archive("\(entry.name) is stored, but its sizes differ (\(entry.compressedSize) and \(entry.size))")
        }
        inflater = nil
      } else {
        // Deflate cannot expand a byte into more than 1032.
        guard entry.size / 1032 <= entry.compressedSize + 1 else {
          throw .archive("\(entry.name) claims \(entry.size) bytes from \(entry.compressedSize) compressed ones")
        }
        guard let inflater = strided_inflater_create() else { throw .outOfMemory(byteCount: 1 << 16) }
        self.inflater = inflater
      }
      position = start
      end = start + entry.compressedSize
    }

    deinit { strided_zstream_destroy(inflater) }

    /// Fills `buffer` with the member's next bytes.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(Failure) {
      guard buffer.count > 0 else { return }
      guard buffer.count <= entry.size - produced else {
        throw .archive("\(entry.name): read past its declared size")
      }
      if inflater != nil {
        var done = 0
        while done < buffer.count {
          let (made, ended) = try inflate(into: buffer.baseAddress! + done, count: buffer.count - done)
          done += made
          if ended && done < buffer.count { throw truncated() }
        }
      } else {
        try wrapped { () throws(NPYError) in
          try reader.file.read(into: buffer.baseAddress!, count: buffer.count, at: position)
        }
        position += buffer.count
      }
      crc = strided_crc32(crc, buffer.baseAddress, buffer.count)
      produced += buffer.count
    }

    /// One step of inflation into `count` bytes at `output`, reading more
    /// compressed bytes when the last ones are used up: the bytes made, and
    /// whether the deflate stream ended.
    mutating func inflate(into output: UnsafeMutableRawPointer, count: Int) throws(Failure) -> (Int, Bool) {
      if inputStart == input.count && position < end {
        let next = Swift.min(end - position, 1 << 18)
        input = try ZipReader.read(reader.file, count: next, at: position)
        position += next
        inputStart = 0
      }
      var consumed = 0
      var made = 0
      let status = input.withUnsafeBytes { source in
        // zlib takes no input address when there is no input.
        strided_inflate(inflater, source.baseAddress.map { $0 + inputStart }, source.count - inputStart, &consumed, output, count, &made)
      }
      inputStart += consumed
      switch status {
      case Int32(STRIDED_Z_END): return (made, true)
      case Int32(STRIDED_Z_OK), Int32(STRIDED_Z_STALLED):
        // No progress with every compressed byte used: the stream is cut short.
        if consumed == 0 && made == 0 && position == end && inputStart == input.count { throw truncated() }
        return (made, false)
      case Int32(STRIDED_Z_MEMORY_ERROR): throw .outOfMemory(byteCount: 1 << 16)
      default: throw .archive("\(entry.name): its deflate data is damaged")
      }
    }

    func truncated() -> Failure {
      .archive("\(entry.name): its data ends before its declared \(entry.size) bytes")
    }

    /// Checks that the member ends where it declares and that its CRC-32
    /// matches.
    mutating func finish() throws(Failure) {
      if inflater != nil {
        // The deflate stream must end here, with no more output.
        var scratch: UInt8 = 0
        while true {
          let (made, ended) = try inflate(into: &scratch, count: 1)
          if made > 0 { throw .archive("\(entry.name) inflates to more than its declared \(entry.size) bytes") }
          if ended { break }
        }
      }
      guard crc == entry.crc else { throw .checksumMismatch(expected: entry.crc, actual: crc) }
    }
  }

  // MARK: Reading helpers

  static func read(_ file: OpenFile, count: Int, at offset: Int) throws(Failure) -> [UInt8] {
    try wrapped { () throws(NPYError) in try file.bytes(count: count, at: offset) }
  }

  /// Runs a file operation, keeping only the reason of its error (the
  /// caller names the archive and the member).
  static func wrapped<T>(_ body: () throws(NPYError) -> T) throws(Failure) -> T {
    do { return try body() } catch {
      if case .truncatedData = error.reason { throw .archive("the archive ends before the data its directory describes") }
      throw error.reason
    }
  }

  static func checkedInt(_ value: UInt64, _ what: String) throws(Failure) -> Int {
    guard value <= UInt64(Int.max) else { throw .archive("\(what) \(value) is too large") }
    return Int(value)
  }
}

extension [UInt8] {
  /// Little-endian integers at a byte offset.
  func uint16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
  func uint32(_ at: Int) -> UInt32 { UInt32(uint16(at)) | UInt32(uint16(at + 2)) << 16 }
  func uint64(_ at: Int) -> UInt64 { UInt64(uint32(at)) | UInt64(uint32(at + 4)) << 32 }
}
