// The Swift side of Strided's CPython extension module: views as opaque
// handles behind the C functions of PythonBridge.h. The module itself
// (Python/stridedmodule.c) implements the buffer protocol on top of them.

import CStrided
import Foundation
import Strided

/// A view and the C data the buffer protocol reads, kept alive together.
final class PythonView {
  let view: NDView
  let format: UnsafeMutablePointer<CChar>
  let shape: UnsafeMutablePointer<Int>
  let strides: UnsafeMutablePointer<Int>

  init(_ view: NDView) {
    self.view = view
    let text = Array(view.format.description.utf8CString)
    format = .allocate(capacity: text.count)
    format.initialize(from: text, count: text.count)
    shape = .allocate(capacity: Swift.max(view.ndim, 1))
    strides = .allocate(capacity: Swift.max(view.ndim, 1))
    for axis in 0..<view.ndim {
      shape[axis] = view.shape[axis]
      strides[axis] = view.strides[axis]
    }
    // A contiguous view is exported with its order's own strides, as NumPy
    // exports them: the strides of axes of length 1, or of an empty view,
    // are never used, and consumers (memoryview among them) judge
    // contiguity from the strides alone.
    if view.isCContiguous || view.isFContiguous {
      var step = view.itemSize
      let axes = view.isCContiguous ? Array((0..<view.ndim).reversed()) : Array(0..<view.ndim)
      for axis in axes {
        strides[axis] = step
        step *= Swift.max(view.shape[axis], 1)
      }
    }
  }

  deinit {
    format.deallocate()
    shape.deallocate()
    strides.deallocate()
  }

  var handle: UnsafeMutableRawPointer { Unmanaged.passRetained(self).toOpaque() }

  static func from(_ handle: UnsafeMutableRawPointer?) -> PythonView {
    Unmanaged<PythonView>.fromOpaque(handle!).takeUnretainedValue()
  }
}

/// Writes `text` into a C buffer of `capacity` bytes, cut to fit.
func report(_ text: String, _ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int) {
  guard let buffer, capacity > 0 else { return }
  let bytes = Array(text.utf8.prefix(capacity - 1))
  for (i, b) in bytes.enumerated() { buffer[i] = CChar(bitPattern: b) }
  buffer[bytes.count] = 0
}

/// Runs `body`, giving its view a handle, or reporting its error into
/// `buffer` and returning NULL.
func makeHandle(
  _ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int, _ body: () throws -> NDView
) -> UnsafeMutableRawPointer? {
  do {
    return PythonView(try body()).handle
  } catch {
    report("\(error)", buffer, capacity)
    return nil
  }
}

/// A C array of `count` axis lengths (or strides) as dimensions.
func dimensions(_ count: Int32, _ values: UnsafePointer<Int>?) -> Dimensions {
  Dimensions((0..<Int(count)).map { values![$0] })
}

/// Whether an imported buffer was adopted: its release runs only then.
final class Adoption: @unchecked Sendable {
  var adopted = false
}

/// A view of an exporter's buffer, without copying it. On success the view
/// owns the buffer: `release` runs once, when its last view dies. On
/// failure (a format Strided cannot read, an item size smaller than the
/// format's, strides that leave the buffer) it throws, and the buffer stays
/// the caller's.
func view(of b: strided_py_buffer, release: @escaping @Sendable () -> Void) throws -> NDView {
  let text = b.format.map { String(cString: $0) } ?? "B"
  let (parsed, _) = try Format.parse(text, exporterItemSize: b.itemsize)
  let rank = Int(b.ndim)
  let dims = dimensions(b.ndim, b.shape)
  // No strides: C order.
  var steps: Dimensions
  if let strides = b.strides {
    steps = dimensions(b.ndim, strides)
  } else {
    steps = Dimensions(repeating: 0, count: rank)
    var step = b.itemsize
    for axis in stride(from: rank - 1, through: 0, by: -1) {
      steps[axis] = step
      step *= dims[axis]
    }
  }
  // The bytes the items reach, from the lowest to past the highest.
  var low = 0
  var high = b.itemsize
  if dims.contains(0) {
    high = 0
  } else {
    for axis in 0..<rank where dims[axis] > 1 {
      let reach = (dims[axis] - 1) * steps[axis]
      if reach < 0 { low += reach } else { high += reach }
    }
  }
  let adoption = Adoption()
  let start = (b.buf ?? UnsafeMutableRawPointer(bitPattern: 64)!) + low
  let bytes = UnsafeMutableRawBufferPointer(start: start, count: high - low)
  let storage = ByteStorage(unsafeAdopting: bytes, readOnly: b.readonly != 0) { _ in
    if adoption.adopted { release() }
  }
  let view = try NDView(
    storage: storage, format: parsed, shape: dims, strides: steps, byteOffset: -low, itemSize: b.itemsize)
  adoption.adopted = true
  return view
}

@_cdecl("strided_py_zeros")
public func zeros(
  _ format: UnsafePointer<CChar>, _ ndim: Int32, _ shape: UnsafePointer<Int>?, _ fortran: Int32,
  _ message: UnsafeMutablePointer<CChar>?, _ capacity: Int
) -> UnsafeMutableRawPointer? {
  makeHandle(message, capacity) {
    let parsed = try Format(parsing: String(cString: format))
    let dims = dimensions(ndim, shape)
    return try NDView(format: parsed, shape: dims, order: fortran != 0 ? .fortran : .c)
  }
}

@_cdecl("strided_py_arange")
public func arange(_ n: Int) -> UnsafeMutableRawPointer? {
  PythonView(NDArray<Double>.arange(from: 0, to: Double(Swift.max(n, 0)), by: 1).view).handle
}

@_cdecl("strided_py_load_npy")
public func loadNPY(
  _ path: UnsafePointer<CChar>, _ map: Int32, _ message: UnsafeMutablePointer<CChar>?, _ capacity: Int
) -> UnsafeMutableRawPointer? {
  makeHandle(message, capacity) {
    let url = URL(fileURLWithPath: String(cString: path))
    return map != 0 ? try NDView(mappingNPY: url, mode: .readOnly) : try NDView(contentsOfNPY: url)
  }
}

/// An axis of `view`, counted from the end when negative, or an error.
func checkedAxis(_ axis: Int32, _ view: NDView) throws(BridgeError) -> Int {
  let a = Int(axis) < 0 ? Int(axis) + view.ndim : Int(axis)
  guard a >= 0 && a < view.ndim else { throw .message("axis \(axis) is out of range for \(view.ndim) dimensions") }
  return a
}

enum BridgeError: Error, CustomStringConvertible {
  case message(String)
  var description: String {
    switch self {
    case .message(let text): text
    }
  }
}

@_cdecl("strided_py_slice")
public func slice(
  _ handle: UnsafeMutableRawPointer?, _ axis: Int32, _ start: Int, _ stop: Int, _ step: Int,
  _ message: UnsafeMutablePointer<CChar>?, _ capacity: Int
) -> UnsafeMutableRawPointer? {
  let view = PythonView.from(handle).view
  return makeHandle(message, capacity) {
    let a = try checkedAxis(axis, view)
    guard step != 0 else { throw BridgeError.message("slice step cannot be zero") }
    var entries = [NDIndex](repeating: .all, count: view.ndim)
    entries[a] = .slice(from: start == Int.min ? nil : start, to: stop == Int.min ? nil : stop, by: step)
    return view[entries: entries]
  }
}

@_cdecl("strided_py_at")
public func at(
  _ handle: UnsafeMutableRawPointer?, _ axis: Int32, _ index: Int, _ message: UnsafeMutablePointer<CChar>?,
  _ capacity: Int
) -> UnsafeMutableRawPointer? {
  let view = PythonView.from(handle).view
  return makeHandle(message, capacity) {
    let a = try checkedAxis(axis, view)
    let size = view.shape[a]
    guard index >= -size && index < size else {
      throw BridgeError.message("index \(index) is out of bounds for axis \(a) with size \(size)")
    }
    var entries = [NDIndex](repeating: .all, count: view.ndim)
    entries[a] = .at(index)
    return view[entries: entries]
  }
}

@_cdecl("strided_py_transpose")
public func transpose(_ handle: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
  PythonView(PythonView.from(handle).view.transposed()).handle
}

@_cdecl("strided_py_reshape")
public func reshape(
  _ handle: UnsafeMutableRawPointer?, _ ndim: Int32, _ shape: UnsafePointer<Int>?,
  _ message: UnsafeMutablePointer<CChar>?, _ capacity: Int
) -> UnsafeMutableRawPointer? {
  let view = PythonView.from(handle).view
  return makeHandle(message, capacity) {
    try view.reshaped(to: dimensions(ndim, shape))
  }
}

@_cdecl("strided_py_broadcast")
public func broadcast(
  _ handle: UnsafeMutableRawPointer?, _ ndim: Int32, _ shape: UnsafePointer<Int>?,
  _ message: UnsafeMutablePointer<CChar>?, _ capacity: Int
) -> UnsafeMutableRawPointer? {
  let view = PythonView.from(handle).view
  return makeHandle(message, capacity) {
    try view.broadcast(to: dimensions(ndim, shape))
  }
}

@_cdecl("strided_py_field")
public func field(
  _ handle: UnsafeMutableRawPointer?, _ name: UnsafePointer<CChar>, _ message: UnsafeMutablePointer<CChar>?,
  _ capacity: Int
) -> UnsafeMutableRawPointer? {
  let view = PythonView.from(handle).view
  return makeHandle(message, capacity) { try view.field(String(cString: name)) }
}

@_cdecl("strided_py_matmul")
public func matmul(
  _ a: UnsafeMutableRawPointer?, _ b: UnsafeMutableRawPointer?, _ message: UnsafeMutablePointer<CChar>?,
  _ capacity: Int
) -> UnsafeMutableRawPointer? {
  let (x, y) = (PythonView.from(a).view, PythonView.from(b).view)
  return makeHandle(message, capacity) {
    // NumPy's shape rules, checked here: `matmul` traps on them.
    guard x.ndim > 0, y.ndim > 0 else { throw BridgeError.message("matmul: an operand is 0-d") }
    let inner = y.ndim == 1 ? y.shape[0] : y.shape[y.ndim - 2]
    guard x.shape[x.ndim - 1] == inner else {
      throw BridgeError.message("matmul: shapes \(x.shape) and \(y.shape) do not align: \(x.shape[x.ndim - 1]) ≠ \(inner)")
    }
    let (xb, yb) = (Array(x.shape.dropLast(2)), Array(y.shape.dropLast(2)))
    for (p, q) in zip(xb.reversed(), yb.reversed()) where p != q && p != 1 && q != 1 {
      throw BridgeError.message("matmul: batch shapes \(xb) and \(yb) do not broadcast")
    }
    return try x.matmul(y)
  }
}

@_cdecl("strided_py_sum")
public func sum(
  _ handle: UnsafeMutableRawPointer?, _ result: UnsafeMutablePointer<Double>, _ message: UnsafeMutablePointer<CChar>?,
  _ capacity: Int
) -> Int32 {
  let view = PythonView.from(handle).view
  do {
    guard let kind = view.format.scalarKind else {
      throw BridgeError.message("sum: format \"\(view.format)\" is not one number")
    }
    func total<T: NDElement>(_: T.Type, _ convert: (T.Sum) -> Double) throws -> Double where T.Sum: Numeric {
      // Byte-swapped data is read through a native copy.
      if let array = try? NDArray<T>(view) { return convert(array.sum()) }
      return convert(try NDArray<T>(view.nativeByteOrderCopy()).sum())
    }
    switch kind {
    case .bool: result.pointee = try total(Bool.self) { Double($0) }
    case .int8: result.pointee = try total(Int8.self) { Double($0) }
    case .uint8, .char: result.pointee = try total(UInt8.self) { Double($0) }
    case .int16: result.pointee = try total(Int16.self) { Double($0) }
    case .uint16: result.pointee = try total(UInt16.self) { Double($0) }
    case .int32: result.pointee = try total(Int32.self) { Double($0) }
    case .uint32: result.pointee = try total(UInt32.self) { Double($0) }
    case .int64: result.pointee = try total(Int64.self) { Double($0) }
    case .uint64: result.pointee = try total(UInt64.self) { Double($0) }
    case .float16: result.pointee = try total(Float16.self) { Double($0) }
    case .float32: result.pointee = try total(Float.self) { Double($0) }
    case .float64: result.pointee = try total(Double.self) { $0 }
    default: throw BridgeError.message("sum: \(kind) elements are not real numbers")
    }
    return 0
  } catch {
    report("\(error)", message, capacity)
    return -1
  }
}

@_cdecl("strided_py_copy_bytes")
public func copyBytes(_ handle: UnsafeMutableRawPointer?, _ out: UnsafeMutableRawPointer?, _ capacity: Int) -> Int {
  let bytes = PythonView.from(handle).view.bytes()
  guard bytes.count <= capacity else { return -1 }
  if let out, !bytes.isEmpty { bytes.withUnsafeBytes { out.copyMemory(from: $0.baseAddress!, byteCount: $0.count) } }
  return bytes.count
}

@_cdecl("strided_py_info_of")
public func infoOf(_ handle: UnsafeMutableRawPointer?, _ info: UnsafeMutablePointer<strided_py_info>) {
  let exported = PythonView.from(handle)
  let view = exported.view
  // Storage never moves, and the handle keeps it alive: the address stays
  // valid for as long as the export.
  let base = view.storage.withUnsafeBytes { UnsafeMutableRawPointer(mutating: $0.baseAddress) }
  info.pointee.buf = base.map { $0 + view.byteOffset }
  info.pointee.len = view.count * view.itemSize
  info.pointee.itemsize = view.itemSize
  info.pointee.format = UnsafePointer(exported.format)
  info.pointee.ndim = Int32(view.ndim)
  info.pointee.shape = UnsafePointer(exported.shape)
  info.pointee.strides = UnsafePointer(exported.strides)
  info.pointee.readonly = view.isReadOnly ? 1 : 0
  info.pointee.c_contiguous = view.isCContiguous ? 1 : 0
  info.pointee.f_contiguous = view.isFContiguous ? 1 : 0
}

@_cdecl("strided_py_release")
public func release(_ handle: UnsafeMutableRawPointer?) {
  guard let handle else { return }
  Unmanaged<PythonView>.fromOpaque(handle).release()
}

// MARK: Python buffers as views

/// Why ``NDView/init(pythonBuffer:)`` could not view an object.
public enum PythonBufferError: Error, Hashable, Sendable, CustomStringConvertible {
  /// No CPython runs in this process (its C API cannot be found).
  case noInterpreter
  /// The object refused to export a buffer (it is not a buffer, or cannot
  /// give what was asked); its Python exception is set, as the C API
  /// leaves it.
  case refused
  /// The exporter gave an indirect buffer (suboffsets, as PIL-style
  /// exporters do), which a strided view cannot describe.
  case indirect
  /// Strided cannot view the buffer as given: its format, item size or
  /// strides.
  case unreadable(String)

  public var description: String {
    switch self {
    case .noInterpreter: "no Python interpreter runs in this process"
    case .refused: "the object did not export a buffer (see the Python exception)"
    case .indirect: "indirect buffers (suboffsets, as PIL-style exporters give) cannot be viewed"
    case .unreadable(let reason): reason
    }
  }
}

/// The few functions of CPython's C API that importing a buffer needs,
/// found in the running process.
struct PythonAPI: @unchecked Sendable {
  typealias GetBuffer = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<strided_py_buffer>?, Int32) -> Int32
  typealias ReleaseBuffer = @convention(c) (UnsafeMutablePointer<strided_py_buffer>?) -> Void
  typealias ExceptionMatches = @convention(c) (UnsafeMutableRawPointer?) -> Int32
  typealias Clear = @convention(c) () -> Void
  typealias Ensure = @convention(c) () -> Int32
  typealias GILRelease = @convention(c) (Int32) -> Void

  let getBuffer: GetBuffer
  let releaseBuffer: ReleaseBuffer
  let exceptionMatches: ExceptionMatches
  let clear: Clear
  let ensure: Ensure
  let gilRelease: GILRelease
  let bufferError: UnsafeMutableRawPointer?

  static let shared: PythonAPI? = {
    func symbol(_ name: String) -> UnsafeMutableRawPointer? { dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) }
    guard let get = symbol("PyObject_GetBuffer"), let release = symbol("PyBuffer_Release"),
      let matches = symbol("PyErr_ExceptionMatches"), let clear = symbol("PyErr_Clear"),
      let ensure = symbol("PyGILState_Ensure"), let gilRelease = symbol("PyGILState_Release"),
      let bufferError = symbol("PyExc_BufferError")
    else { return nil }
    return PythonAPI(
      getBuffer: unsafeBitCast(get, to: GetBuffer.self), releaseBuffer: unsafeBitCast(release, to: ReleaseBuffer.self),
      exceptionMatches: unsafeBitCast(matches, to: ExceptionMatches.self), clear: unsafeBitCast(clear, to: Clear.self),
      ensure: unsafeBitCast(ensure, to: Ensure.self), gilRelease: unsafeBitCast(gilRelease, to: GILRelease.self),
      bufferError: bufferError.load(as: UnsafeMutableRawPointer?.self))
  }()

  // PEP 3118 request flags (CPython's pybuffer.h).
  static let full: Int32 = 0x011D  // PyBUF_FULL: indirect, format, writable
  static let fullReadOnly: Int32 = 0x011C  // PyBUF_FULL_RO
}

/// The exporter's buffer, given back under the GIL when the last view dies.
final class PythonBufferRelease: @unchecked Sendable {
  let api: PythonAPI
  let buffer: UnsafeMutablePointer<strided_py_buffer>

  init(_ api: PythonAPI, _ buffer: UnsafeMutablePointer<strided_py_buffer>) {
    self.api = api
    self.buffer = buffer
  }

  func release() {
    let state = api.ensure()
    api.releaseBuffer(buffer)
    api.gilRelease(state)
    buffer.deallocate()
  }
}

extension NDView {
  /// A view of a Python object's buffer, without copying it: CPython's
  /// `PyObject_GetBuffer`, writable when the exporter allows it, else
  /// read-only.
  ///
  /// The view keeps the exporter's buffer (and so the exporter) until its
  /// last view is gone, then releases it holding the GIL, on whatever
  /// thread that happens. The exporter's item size is the truth where the
  /// format could be read more than one way (``Format/parse(_:exporterItemSize:)``).
  /// Call it holding the GIL, in a process where CPython runs: inside an
  /// extension module (the `strided` module does) or an embedded
  /// interpreter.
  ///
  /// - Parameter object: The Python object (a `PyObject *`).
  /// - Throws: ``PythonBufferError``: no interpreter; the exporter refused
  ///   (its exception is left set); an indirect buffer; a format, item size
  ///   or strides Strided cannot view.
  public init(pythonBuffer object: UnsafeMutableRawPointer) throws(PythonBufferError) {
    guard let api = PythonAPI.shared else { throw .noInterpreter }
    let buffer = UnsafeMutablePointer<strided_py_buffer>.allocate(capacity: 1)
    if api.getBuffer(object, buffer, PythonAPI.full) != 0 {
      // Not writable: ask again for reading only.
      guard api.exceptionMatches(api.bufferError) != 0 else {
        buffer.deallocate()
        throw .refused
      }
      api.clear()
      guard api.getBuffer(object, buffer, PythonAPI.fullReadOnly) == 0 else {
        buffer.deallocate()
        throw .refused
      }
    }
    let b = buffer.pointee
    if let suboffsets = b.suboffsets, (0..<Int(b.ndim)).contains(where: { suboffsets[$0] >= 0 }) {
      api.releaseBuffer(buffer)
      buffer.deallocate()
      throw .indirect
    }
    let owner = PythonBufferRelease(api, buffer)
    do {
      self = try view(of: b) { owner.release() }
    } catch {
      api.releaseBuffer(buffer)
      buffer.deallocate()
      throw .unreadable("\(error)")
    }
  }
}

@_cdecl("strided_py_import")
public func importBuffer(
  _ object: UnsafeMutableRawPointer?, _ pythonError: UnsafeMutablePointer<Int32>?,
  _ message: UnsafeMutablePointer<CChar>?, _ capacity: Int
) -> UnsafeMutableRawPointer? {
  pythonError?.pointee = 0
  do {
    return PythonView(try NDView(pythonBuffer: object!)).handle
  } catch .refused {
    pythonError?.pointee = 1
  } catch {
    report("\(error)", message, capacity)
  }
  return nil
}
