// The Swift side of Strided's CPython extension module: views as opaque
// handles behind the C functions of PythonBridge.h. The module itself
// (Module/stridedmodule.c) implements the buffer protocol on top of them.
//
// Nothing that Python hands over may trap here: every failure becomes the
// exception NumPy raises for it (``PythonException``), every number of a
// foreign buffer is checked before it is used, and where a Strided call
// would trap on memory it cannot have, the memory is reserved first.

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
    // contiguity from the strides alone. Only an empty view's product can
    // overflow (its other sizes may be huge); its later strides stay.
    if view.isCContiguous || view.isFContiguous {
      var step = view.itemSize
      let axes = view.isCContiguous ? Array((0..<view.ndim).reversed()) : Array(0..<view.ndim)
      for axis in axes {
        strides[axis] = step
        let (next, overflow) = step.multipliedReportingOverflow(by: Swift.max(view.shape[axis], 1))
        if overflow { break }
        step = next
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

// MARK: Errors as Python exceptions

/// The Python exception a failure raises: the one NumPy raises for the same
/// failure. The raw values are the C module's (`strided_py_error_kind`).
enum PythonException: Int32 {
  case valueError = 1
  case typeError = 2
  case indexError = 3
  /// NumPy's `AxisError`, both a `ValueError` and an `IndexError`.
  case axisError = 4
  case memoryError = 5
  case bufferError = 6
  /// An `OSError`; the module picks its subclass from the file's `errno`.
  case osError = 7

  /// The exception for a Swift error: MemoryError for memory the system
  /// could not give, TypeError for elements of the wrong type, OSError for
  /// a file the system refused, BufferError for a buffer that cannot be
  /// viewed, and ValueError for the rest (shapes, sizes that overflow,
  /// formats), as NumPy raises them.
  init(for error: any Error) {
    switch error {
    case let error as BridgeError: self = error.exception
    case is OutOfMemory: self = .memoryError
    case let error as ViewError:
      switch error {
      case .outOfMemory: self = .memoryError
      case .elementTypeMismatch, .formatMismatch: self = .typeError
      default: self = .valueError
      }
    case let error as NPYError:
      switch error.reason {
      case .outOfMemory: self = .memoryError
      case .system, .notRegularFile: self = .osError
      default: self = .valueError
      }
    case is PythonBufferError: self = .bufferError
    default: self = .valueError
    }
  }
}

/// A failure the bridge finds itself, with the exception it raises.
struct BridgeError: Error, CustomStringConvertible {
  let exception: PythonException
  let description: String

  init(_ exception: PythonException, _ description: String) {
    self.exception = exception
    self.description = description
  }
}

/// The exception of the last failure reported to the C module. Every call
/// of this interface holds the GIL, so one at a time reads and writes it.
nonisolated(unsafe) var lastException = PythonException.valueError

/// The exception the last failed call raises (a ``PythonException`` raw
/// value); the reason is in that call's `error` buffer.
@_cdecl("strided_py_error_kind")
public func errorKind() -> Int32 {
  lastException.rawValue
}

/// Reports `error` to the C module: its exception, and its description in a
/// C buffer of `capacity` bytes, cut to fit at a character boundary.
func report(_ error: any Error, _ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int) {
  lastException = PythonException(for: error)
  guard let buffer, capacity > 0 else { return }
  var bytes = Array("\(error)".utf8)
  if bytes.count >= capacity {
    // The first byte left out: back to the start of its character.
    var cut = capacity - 1
    while cut > 0 && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
    bytes.removeSubrange(cut...)
  }
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
    report(error, buffer, capacity)
    return nil
  }
}

/// Throws MemoryError unless `byteCount` bytes can be had now: allocated and
/// given back at once, before a Strided call that allocates them unchecked
/// and would trap where the allocation fails.
func reserve(_ byteCount: Int) throws(BridgeError) {
  guard byteCount > 0 else { return }
  guard let block = malloc(byteCount) else {
    throw BridgeError(.memoryError, OutOfMemory(byteCount: byteCount).description)
  }
  free(block)
}

/// A C array of `count` axis lengths (or strides) as dimensions.
func dimensions(_ count: Int32, _ values: UnsafePointer<Int>?) -> Dimensions {
  Dimensions((0..<Int(count)).map { values![$0] })
}

// MARK: Foreign buffers

/// Whether an imported buffer was adopted: its release runs only then.
final class Adoption: @unchecked Sendable {
  var adopted = false
}

/// A view of an exporter's buffer, without copying it. On success the view
/// owns the buffer: `release` runs once, when its last view dies. On
/// failure it throws, and the buffer stays the caller's.
///
/// A hostile exporter can hand any `Py_buffer`, so every number in it is
/// checked, in overflow-checked arithmetic, before it is used: the rank
/// (0 through 64), the item size (positive), the shape (no negative size;
/// absent only for 0-d, or for 1-D, read as `len / itemsize` items as
/// CPython reads it), `len` (the item count times the item size, as PEP 3118
/// defines it), the strides (no size times its stride, nor their sum,
/// overflows), the address range the items reach (inside the address
/// space; NULL only when there are no items), and the format (one Strided
/// parses, no larger than the item size).
func view(of b: strided_py_buffer, release: @escaping @Sendable () -> Void) throws -> NDView {
  func refuse(_ reason: String) -> BridgeError { BridgeError(.bufferError, reason) }
  let rank = Int(b.ndim)
  guard rank >= 0 && rank <= NDView.maximumRank else {
    throw refuse("\(rank) dimensions: a buffer has 0 through \(NDView.maximumRank)")
  }
  let itemSize = b.itemsize
  guard itemSize > 0 else { throw refuse("item size \(itemSize) is not positive") }
  let text = b.format.map { String(cString: $0) } ?? "B"
  let (parsed, _) = try Format.parse(text, exporterItemSize: itemSize)

  let dims: Dimensions
  if let shape = b.shape {
    dims = Dimensions((0..<rank).map { shape[$0] })
  } else if rank == 0 {
    dims = Dimensions()
  } else if rank == 1 && b.len >= 0 && b.len % itemSize == 0 {
    dims = [b.len / itemSize]
  } else {
    throw refuse("no shape for \(rank) dimensions")
  }
  var count = 1
  var countOverflows = false
  for axis in 0..<rank {
    guard dims[axis] >= 0 else { throw refuse("negative size \(dims[axis]) for axis \(axis)") }
    let (product, overflow) = count.multipliedReportingOverflow(by: dims[axis])
    count = product
    countOverflows = countOverflows || overflow
  }
  if dims.contains(0) {
    count = 0
  } else if countOverflows {
    throw refuse("shape \(dims) is too large: its item count overflows")
  }
  let (byteCount, bytesOverflow) = count.multipliedReportingOverflow(by: itemSize)
  guard !bytesOverflow else { throw refuse("shape \(dims) is too large: its size in bytes overflows") }
  guard b.len == byteCount else {
    throw refuse("length \(b.len) is not the \(count) items of \(itemSize) bytes the shape \(dims) holds")
  }

  // No strides: C order. Past an axis of length 0 no stride is used.
  var steps = Dimensions(repeating: 0, count: rank)
  if let strides = b.strides {
    for axis in 0..<rank { steps[axis] = strides[axis] }
  } else {
    var step = itemSize
    for axis in stride(from: rank - 1, through: 0, by: -1) {
      steps[axis] = step
      let (next, overflow) = step.multipliedReportingOverflow(by: Swift.max(dims[axis], 1))
      if !overflow { step = next }
    }
  }
  // Every size times its stride, and their sum with an item, fit in `Int`:
  // then nothing Strided computes from the layout overflows.
  var extent = itemSize
  for axis in 0..<rank {
    guard steps[axis] != .min else { throw refuse("stride \(steps[axis]) of axis \(axis) overflows") }
    let (span, o1) = dims[axis].multipliedReportingOverflow(by: Swift.abs(steps[axis]))
    let (sum, o2) = extent.addingReportingOverflow(span)
    guard !o1, !o2 else { throw refuse("strides \(steps) with shape \(dims) overflow") }
    extent = sum
  }
  // The bytes the items reach, from the lowest to past the highest,
  // relative to the first item; both within `extent` of it.
  var low = 0
  var high = count == 0 ? 0 : itemSize
  if count > 0 {
    for axis in 0..<rank {
      let reach = (dims[axis] - 1) * steps[axis]
      if reach < 0 { low += reach } else { high += reach }
    }
  }
  let start: UnsafeMutableRawPointer
  if let buf = b.buf {
    let address = Int(bitPattern: buf)
    let (first, o1) = address.addingReportingOverflow(low)
    let (_, o2) = address.addingReportingOverflow(high)
    guard address > 0, !o1, !o2, first > 0 else {
      throw refuse("the items reach outside the address space")
    }
    start = UnsafeMutableRawPointer(bitPattern: first)!
  } else {
    guard count == 0 else { throw refuse("a NULL buffer with \(count) items") }
    start = UnsafeMutableRawPointer(bitPattern: 64)!
  }

  let adoption = Adoption()
  let bytes = UnsafeMutableRawBufferPointer(start: start, count: high - low)
  let storage = ByteStorage(unsafeAdopting: bytes, readOnly: b.readonly != 0) { _ in
    if adoption.adopted { release() }
  }
  let view = try NDView(
    storage: storage, format: parsed, shape: dims, strides: steps, byteOffset: -low, itemSize: itemSize)
  adoption.adopted = true
  return view
}

// MARK: New views

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

/// The doubles 0, 1, …, n − 1 (none for n ≤ 0), or NULL when their size in
/// bytes overflows or the memory cannot be had: the only failures, so the
/// module tells them apart by the size.
@_cdecl("strided_py_arange")
public func arange(_ n: Int) -> UnsafeMutableRawPointer? {
  guard let view = try? NDView(format: Double.format, shape: [Swift.max(n, 0)]) else { return nil }
  view.storage.withUnsafeMutableBytes { bytes in
    let values = bytes.bindMemory(to: Double.self)
    for i in values.indices { values[i] = Double(i) }
  }
  return PythonView(view).handle
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

/// An axis of `view`, counted from the end when negative, or NumPy's
/// AxisError.
func checkedAxis(_ axis: Int32, _ view: NDView) throws(BridgeError) -> Int {
  let a = Int(axis) < 0 ? Int(axis) + view.ndim : Int(axis)
  guard a >= 0 && a < view.ndim else {
    throw BridgeError(.axisError, "axis \(axis) is out of bounds for array of dimension \(view.ndim)")
  }
  return a
}

@_cdecl("strided_py_slice")
public func slice(
  _ handle: UnsafeMutableRawPointer?, _ axis: Int32, _ start: Int, _ stop: Int, _ step: Int,
  _ message: UnsafeMutablePointer<CChar>?, _ capacity: Int
) -> UnsafeMutableRawPointer? {
  let view = PythonView.from(handle).view
  return makeHandle(message, capacity) {
    let a = try checkedAxis(axis, view)
    guard step != 0 else { throw BridgeError(.valueError, "slice step cannot be zero") }
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
      throw BridgeError(.indexError, "index \(index) is out of bounds for axis \(a) with size \(size)")
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

// MARK: Computations

/// Whether BLAS reads an operand's matrix (its last two axes; a vector's
/// one) in place: aligned, with one axis of unit stride and the other a
/// positive whole number of items within 32 bits. Strided copies any other
/// operand first (``BLASOperand``'s rule, read conservatively).
func blasReadsInPlace(_ v: NDView) -> Bool {
  let e = v.itemSize
  let base = v.storage.withUnsafeBytes { $0.baseAddress }
  guard let base, (Int(bitPattern: base) &+ v.byteOffset) % v.format.alignment == 0 else { return false }
  if v.ndim == 1 {
    let step = v.shape[0] <= 1 ? e : v.strides[0]
    return step != 0 && step % e == 0 && Int32(exactly: step / e) != nil
  }
  func rowMajor(rows: Int, columns: Int, rowStride: Int, columnStride: Int) -> Bool {
    guard columns <= 1 || columnStride == e else { return false }
    if rows <= 1 { return true }
    return rowStride % e == 0 && rowStride / e >= Swift.max(1, columns) && Int32(exactly: rowStride / e) != nil
  }
  let (r, c) = (v.shape[v.ndim - 2], v.shape[v.ndim - 1])
  let (rs, cs) = (v.strides[v.ndim - 2], v.strides[v.ndim - 1])
  return rowMajor(rows: r, columns: c, rowStride: rs, columnStride: cs)
    || rowMajor(rows: c, columns: r, rowStride: cs, columnStride: rs)
}

/// Checks, before `NDView.matmul(_:)` runs, what it would trap on: matrix
/// sizes past BLAS's 32-bit indices (ValueError), and memory it allocates
/// unchecked beside its result (MemoryError): a contiguous copy of each
/// operand matrix BLAS cannot read in place, and the list of the batch's
/// offsets (24 bytes a product, growing by doubling).
func checkMatmul(_ x: NDView, _ y: NDView, m: Int, k: Int, n: Int, batch: Int?) throws(BridgeError) {
  // No product to compute (an empty result), or one Strided refuses
  // itself: a result too large, mismatched or non-numeric formats.
  guard m > 0, n > 0, let batch, batch > 0, x.format == y.format, x.itemSize == y.itemSize,
    let kind = x.format.scalarKind
  else { return }
  var bytes = 0
  func add(_ factors: Int...) throws(BridgeError) {
    var product = 1
    var overflow = false
    for factor in factors {
      let (next, o) = product.multipliedReportingOverflow(by: factor)
      product = next
      overflow = overflow || o
    }
    let (sum, o) = bytes.addingReportingOverflow(product)
    guard !overflow, !o else { throw BridgeError(.valueError, "matmul: the memory it needs overflows") }
    bytes = sum
  }
  switch kind {
  case .float32, .float64, .complex64, .complex128:
    for size in [m, k, n] where size > Int(Int32.max) {
      throw BridgeError(.valueError, "matmul: size \(size) is beyond BLAS's 32-bit indices")
    }
    if !blasReadsInPlace(x) { try add(m, k, x.itemSize) }
    if !blasReadsInPlace(y) { try add(k, n, y.itemSize) }
  default:
    break
  }
  try add(batch, 48)
  try reserve(bytes)
}

@_cdecl("strided_py_matmul")
public func matmul(
  _ a: UnsafeMutableRawPointer?, _ b: UnsafeMutableRawPointer?, _ message: UnsafeMutablePointer<CChar>?,
  _ capacity: Int
) -> UnsafeMutableRawPointer? {
  let (x, y) = (PythonView.from(a).view, PythonView.from(b).view)
  return makeHandle(message, capacity) {
    // NumPy's shape rules, checked here for NumPy's messages.
    guard x.ndim > 0, y.ndim > 0 else { throw BridgeError(.valueError, "matmul: an operand is 0-d") }
    let (m, k) = (x.ndim == 1 ? 1 : x.shape[x.ndim - 2], x.shape[x.ndim - 1])
    let (inner, n) = y.ndim == 1 ? (y.shape[0], 1) : (y.shape[y.ndim - 2], y.shape[y.ndim - 1])
    guard k == inner else {
      throw BridgeError(.valueError, "matmul: shapes \(x.shape) and \(y.shape) do not align: \(k) ≠ \(inner)")
    }
    let (xb, yb) = (Array(x.shape.dropLast(2)), Array(y.shape.dropLast(2)))
    var batch: Int? = 1
    for i in 0..<Swift.max(xb.count, yb.count) {
      let p = i < xb.count ? xb[xb.count - 1 - i] : 1
      let q = i < yb.count ? yb[yb.count - 1 - i] : 1
      guard p == q || p == 1 || q == 1 else {
        throw BridgeError(.valueError, "matmul: batch shapes \(xb) and \(yb) do not broadcast")
      }
      let size = p == 1 ? q : p
      if let count = batch {
        let (product, overflow) = count.multipliedReportingOverflow(by: size)
        batch = overflow ? nil : product
      }
    }
    if xb.contains(0) || yb.contains(0) { batch = 0 }
    try checkMatmul(x, y, m: m, k: k, n: n, batch: batch)
    return try x.matmul(y)
  }
}

/// Checks, before `NDArray.sum()` runs, what it would trap on: memory it
/// allocates unchecked beside its input (MemoryError), and a count whose
/// block arithmetic overflows (ValueError). The memory: a native-byte-order
/// copy of the view (`copying`), a `Float` copy of `Float16` elements
/// (`widening`), and the pairwise sum's partial results, one per block of
/// 2¹⁸ elements (at least 2), of at most 8 bytes each. The blocks' bounds
/// are the element count times a block index.
func checkSum(_ view: NDView, copying: Bool, widening: Bool) throws(BridgeError) {
  let count = view.count
  // Only a broadcast view holds more: adding its items one by one would
  // take hours (NumPy's sum would run on; the module refuses).
  guard count <= maximumSumCount else {
    throw BridgeError(.valueError, "sum: \(count) elements are more than the \(maximumSumCount) a sum adds")
  }
  let (widened, o1) = count.multipliedReportingOverflow(by: widening ? 4 : 0)
  let (bytes, o2) = (copying ? view.nbytes : 0).addingReportingOverflow(widened)
  guard !o1, !o2 else {
    throw BridgeError(.valueError, "sum: \(count) elements are too many: the memory to sum them overflows")
  }
  try reserve(bytes)
}

/// The most elements `strided.sum` adds: 2⁴⁰ (8 TiB of doubles).
let maximumSumCount = 1 << 40

@_cdecl("strided_py_sum")
public func sum(
  _ handle: UnsafeMutableRawPointer?, _ result: UnsafeMutablePointer<Double>, _ message: UnsafeMutablePointer<CChar>?,
  _ capacity: Int
) -> Int32 {
  let view = PythonView.from(handle).view
  do {
    guard let kind = view.format.scalarKind else {
      throw BridgeError(.typeError, "sum: format \"\(view.format)\" is not one number")
    }
    func total<T: NDElement>(_: T.Type, _ convert: (T.Sum) -> Double) throws -> Double where T.Sum: Numeric {
      // Byte-swapped data is read through a native copy.
      let native = try? NDArray<T>(view)
      try checkSum(view, copying: native == nil, widening: T.self == Float16.self)
      if let native { return convert(native.sum()) }
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
    default: throw BridgeError(.typeError, "sum: \(kind) elements are not real numbers")
    }
    return 0
  } catch {
    report(error, message, capacity)
    return -1
  }
}

/// The view's items in C order, copied straight into `out` through a view
/// of it (no staging copy the size of the view); the byte count, or -1
/// when `out` is too small.
@_cdecl("strided_py_copy_bytes")
public func copyBytes(_ handle: UnsafeMutableRawPointer?, _ out: UnsafeMutableRawPointer?, _ capacity: Int) -> Int {
  let view = PythonView.from(handle).view
  let count = view.nbytes
  guard count <= capacity else { return -1 }
  guard let out, count > 0 else { return count }
  let target = ByteStorage(unsafeAdopting: UnsafeMutableRawBufferPointer(start: out, count: count))
  do {
    try view.copy(into: NDView(storage: target, format: view.format, shape: view.shape, itemSize: view.itemSize))
  } catch {
    return -1
  }
  return count
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
  /// Strided cannot view the buffer as given: its rank, shape, length,
  /// format, item size, strides or address.
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
  typealias Clear = @convention(c) () -> Void
  typealias Fetch = @convention(c) (
    UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
    UnsafeMutablePointer<UnsafeMutableRawPointer?>?
  ) -> Void
  typealias Restore = @convention(c) (
    UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?
  ) -> Void
  typealias Ensure = @convention(c) () -> Int32
  typealias GILRelease = @convention(c) (Int32) -> Void

  let getBuffer: GetBuffer
  let releaseBuffer: ReleaseBuffer
  let clear: Clear
  let fetch: Fetch
  let restore: Restore
  let ensure: Ensure
  let gilRelease: GILRelease

  static let shared: PythonAPI? = {
    func symbol(_ name: String) -> UnsafeMutableRawPointer? { dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) }
    guard let get = symbol("PyObject_GetBuffer"), let release = symbol("PyBuffer_Release"),
      let clear = symbol("PyErr_Clear"), let fetch = symbol("PyErr_Fetch"), let restore = symbol("PyErr_Restore"),
      let ensure = symbol("PyGILState_Ensure"), let gilRelease = symbol("PyGILState_Release")
    else { return nil }
    return PythonAPI(
      getBuffer: unsafeBitCast(get, to: GetBuffer.self), releaseBuffer: unsafeBitCast(release, to: ReleaseBuffer.self),
      clear: unsafeBitCast(clear, to: Clear.self), fetch: unsafeBitCast(fetch, to: Fetch.self),
      restore: unsafeBitCast(restore, to: Restore.self), ensure: unsafeBitCast(ensure, to: Ensure.self),
      gilRelease: unsafeBitCast(gilRelease, to: GILRelease.self))
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

  /// Gives the buffer back. The last view often dies while an exception
  /// propagates, and the exporter's release may run Python code: the
  /// exception is set aside meanwhile, and whatever the release leaves set
  /// is dropped (a deallocator raises nothing).
  func release() {
    let state = api.ensure()
    var exception: UnsafeMutableRawPointer? = nil
    var value: UnsafeMutableRawPointer? = nil
    var traceback: UnsafeMutableRawPointer? = nil
    api.fetch(&exception, &value, &traceback)
    api.releaseBuffer(buffer)
    api.restore(exception, value, traceback)
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
  /// Every field of the buffer is checked before it is used (a rank of 0
  /// through 64, a shape and length that agree, strides and an address
  /// range that do not overflow), so no exporter can make it trap.
  /// Call it holding the GIL, in a process where CPython runs: inside an
  /// extension module (the `strided` module does) or an embedded
  /// interpreter.
  ///
  /// - Parameter object: The Python object (a `PyObject *`).
  /// - Throws: ``PythonBufferError``: no interpreter; the exporter refused
  ///   (its exception is left set); an indirect buffer; a buffer Strided
  ///   cannot view.
  public init(pythonBuffer object: UnsafeMutableRawPointer) throws(PythonBufferError) {
    guard let api = PythonAPI.shared else { throw .noInterpreter }
    let buffer = UnsafeMutablePointer<strided_py_buffer>.allocate(capacity: 1)
    if api.getBuffer(object, buffer, PythonAPI.full) != 0 {
      // Refused: ask again for reading only, whatever the exception (NumPy
      // refuses a writable request of a read-only array with ValueError,
      // others with BufferError); the second answer stands.
      api.clear()
      guard api.getBuffer(object, buffer, PythonAPI.fullReadOnly) == 0 else {
        buffer.deallocate()
        throw .refused
      }
    }
    let b = buffer.pointee
    // Suboffsets are read only for a rank `view(of:)` accepts.
    if let suboffsets = b.suboffsets, b.ndim > 0, Int(b.ndim) <= NDView.maximumRank,
      (0..<Int(b.ndim)).contains(where: { suboffsets[$0] >= 0 })
    {
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
    report(error, message, capacity)
  }
  return nil
}
