import CStrided
import Synchronization

/// A view that cannot cross the DLPack boundary, or a DLPack tensor that
/// Strided cannot view.
public enum DLPackError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The format has no DLPack type (records, strings, non-native byte
  /// order, pointers).
  case unsupportedFormat(String)
  /// A stride that is not a whole number of elements: DLPack counts strides
  /// in elements.
  case unalignedStride(Int, itemSize: Int)
  /// A tensor on a device other than the CPU.
  case unsupportedDevice(Int)
  /// A DLPack type code, bit width or lane count that Strided has no format
  /// for.
  case unsupportedType(code: Int, bits: Int, lanes: Int)
  /// A tensor whose dimension count, shape or strides are invalid.
  case invalidTensor(String)
  /// A read-only view: an unversioned DLPack tensor has no way to say so,
  /// and a consumer may write to it.
  case readOnly

  public var description: String {
    switch self {
    case .unsupportedFormat(let format): "the format \(format) has no DLPack type"
    case .unalignedStride(let stride, let itemSize): "the stride \(stride) is not a multiple of the item size \(itemSize)"
    case .unsupportedDevice(let device): "device type \(device) is not the CPU"
    case .unsupportedType(let code, let bits, let lanes): "DLPack type code \(code), \(bits) bits, \(lanes) lanes"
    case .invalidTensor(let reason): "invalid tensor: \(reason)"
    case .readOnly: "the view is read-only; a DLPack consumer could write to it (copy() it first)"
    }
  }
}

/// What an exported tensor keeps alive: the view (and so its storage), and
/// the shape and strides arrays the tensor points into.
final class DLPackExport {
  let view: NDView
  let shape: UnsafeMutablePointer<Int64>
  let strides: UnsafeMutablePointer<Int64>

  init(view: NDView, shape: [Int64], strides: [Int64]) {
    self.view = view
    self.shape = .allocate(capacity: Swift.max(1, shape.count))
    self.strides = .allocate(capacity: Swift.max(1, strides.count))
    self.shape.initialize(from: shape, count: shape.count)
    self.strides.initialize(from: strides, count: strides.count)
  }

  deinit {
    shape.deallocate()
    strides.deallocate()
  }
}

extension NDView {
  /// Exports the view as a DLPack managed tensor (`DLManagedTensor *`) that
  /// shares its bytes: a NumPy program reads it with `numpy.from_dlpack`
  /// without a copy. The tensor keeps the storage alive until the consumer
  /// calls its deleter, exactly once.
  ///
  /// Strides are converted to elements; negative and zero strides are kept.
  ///
  /// - Returns: A `DLManagedTensor *` the consumer owns.
  /// - Throws: ``DLPackError/readOnly`` for a read-only view (NumPy refuses
  ///   those too), ``DLPackError/unsupportedFormat(_:)`` for formats DLPack
  ///   has no type for (records, strings, non-native byte order), and
  ///   ``DLPackError/unalignedStride(_:itemSize:)`` for a stride that is not
  ///   a whole number of elements.
  public func exportDLPack() throws(DLPackError) -> UnsafeMutableRawPointer {
    guard !isReadOnly else { throw .readOnly }
    let dtype = try DLPackType.dtype(of: self)
    var elementStrides: [Int64] = []
    for stride in strides {
      guard stride % itemSize == 0 else { throw .unalignedStride(stride, itemSize: itemSize) }
      elementStrides.append(Int64(stride / itemSize))
    }
    let context = DLPackExport(view: self, shape: shape.map { Int64($0) }, strides: elementStrides)
    let tensor = UnsafeMutablePointer<DLManagedTensor>.allocate(capacity: 1)
    tensor.initialize(
      to: DLManagedTensor(
        dl_tensor: DLTensor(
          data: storage.base, device: DLDevice(device_type: kDLCPU, device_id: 0), ndim: Int32(ndim),
          dtype: dtype, shape: context.shape, strides: context.strides, byte_offset: UInt64(byteOffset)),
        manager_ctx: Unmanaged.passRetained(context).toOpaque(),
        deleter: { tensor in
          guard let tensor else { return }
          Unmanaged<DLPackExport>.fromOpaque(tensor.pointee.manager_ctx).release()
          tensor.deinitialize(count: 1)
          tensor.deallocate()
        }))
    return UnsafeMutableRawPointer(tensor)
  }

  /// A view of a DLPack managed tensor's memory, without a copy. The view's
  /// storage owns the tensor: when the last view of it goes, the tensor's
  /// deleter runs, once.
  ///
  /// - Parameter tensor: A `DLManagedTensor *` on the CPU. On success the
  ///   view owns it; on failure the caller still does.
  /// - Throws: ``DLPackError`` for a non-CPU device, a type Strided has no
  ///   format for (lanes other than 1, bfloat16), or an invalid shape.
  public init(dlpack tensor: UnsafeMutableRawPointer) throws(DLPackError) {
    let managed = tensor.assumingMemoryBound(to: DLManagedTensor.self)
    let t = managed.pointee.dl_tensor
    guard t.device.device_type == kDLCPU || t.device.device_type == kDLCUDAHost else {
      throw .unsupportedDevice(Int(t.device.device_type.rawValue))
    }
    let kind = try DLPackType.kind(of: t.dtype)
    let itemSize = kind.size
    guard t.ndim >= 0, Int(t.ndim) <= NDView.maximumRank else { throw .invalidTensor("\(t.ndim) dimensions") }
    let rank = Int(t.ndim)
    guard rank == 0 || t.shape != nil else { throw .invalidTensor("no shape") }
    var shape = Dimensions()
    for i in 0..<rank {
      guard let size = Int(exactly: t.shape[i]), size >= 0 else { throw .invalidTensor("size \(t.shape[i]) at axis \(i)") }
      shape.append(size)
    }
    var strides: Dimensions
    if let given = t.strides {
      strides = Dimensions()
      for i in 0..<rank {
        let (bytes, overflow) = Int(given[i]).multipliedReportingOverflow(by: itemSize)
        guard !overflow else { throw .invalidTensor("stride \(given[i]) overflows") }
        strides.append(bytes)
      }
    } else {
      strides = Layout.cStrides(for: shape, itemSize: itemSize)
    }
    let layout = Layout(shape: shape, strides: strides)
    let reach: (low: Int, high: Int)?
    do { reach = try layout.reach(itemSize: itemSize) } catch { throw .invalidTensor("\(error)") }
    let (low, high) = reach ?? (0, 0)
    guard let offset = Int(exactly: t.byte_offset) else { throw .invalidTensor("byte offset \(t.byte_offset)") }
    // A tensor with no elements may have no data (as the specification
    // recommends); its storage is then empty.
    let first: UnsafeMutableRawPointer
    if let data = t.data {
      guard !Int(bitPattern: data).addingReportingOverflow(offset &+ low).overflow else {
        throw .invalidTensor("byte offset \(offset) overflows")
      }
      first = data + offset
    } else {
      guard reach == nil else { throw .invalidTensor("no data") }
      first = UnsafeMutableRawPointer(bitPattern: MemoryLayout<Double>.alignment)!
    }
    // The checks every view passes: counts and byte extents fit in Int.
    do { try layout.validate(itemSize: itemSize, byteOffset: -low, storageCount: high - low) } catch {
      throw .invalidTensor("\(error)")
    }
    let owner = UncheckedSendable(managed)
    let storage = ByteStorage(
      unsafeAdopting: UnsafeMutableRawBufferPointer(start: first + low, count: high - low),
      owner: nil, readOnly: false, deallocator: { _ in strided_dlpack_delete(owner.value) })
    self.init(
      unchecked: storage, format: Format(kind), itemSize: itemSize, byteOffset: -low, layout: layout,
      isReadOnly: false)
  }
}

extension NDArray {
  /// Exports the array as a DLPack managed tensor. See
  /// ``NDView/exportDLPack()``.
  public func exportDLPack() throws(DLPackError) -> UnsafeMutableRawPointer { try view.exportDLPack() }
}

/// DLPack types and Strided's scalar kinds.
enum DLPackType {
  static func dtype(of view: NDView) throws(DLPackError) -> DLDataType {
    guard case .scalar(let kind, let order) = view.format.kind, order.isNative || !kind.hasByteOrder,
      view.itemSize == kind.size
    else { throw .unsupportedFormat(view.format.description) }
    let code: DLDataTypeCode
    switch kind {
    case .bool: code = kDLBool
    case .int8, .int16, .int32, .int64: code = kDLInt
    case .uint8, .uint16, .uint32, .uint64, .char: code = kDLUInt
    case .float16, .float32, .float64: code = kDLFloat
    case .complex64, .complex128: code = kDLComplex
    case .pointer: throw .unsupportedFormat(view.format.description)
    }
    return DLDataType(code: UInt8(code.rawValue), bits: UInt8(kind.size * 8), lanes: 1)
  }

  static func kind(of dtype: DLDataType) throws(DLPackError) -> ScalarKind {
    let unsupported = DLPackError.unsupportedType(code: Int(dtype.code), bits: Int(dtype.bits), lanes: Int(dtype.lanes))
    guard dtype.lanes == 1 else { throw unsupported }
    switch (UInt32(dtype.code), dtype.bits) {
    case (kDLBool.rawValue, 8): return .bool
    case (kDLInt.rawValue, 8): return .int8
    case (kDLInt.rawValue, 16): return .int16
    case (kDLInt.rawValue, 32): return .int32
    case (kDLInt.rawValue, 64): return .int64
    case (kDLUInt.rawValue, 8): return .uint8
    case (kDLUInt.rawValue, 16): return .uint16
    case (kDLUInt.rawValue, 32): return .uint32
    case (kDLUInt.rawValue, 64): return .uint64
    case (kDLFloat.rawValue, 16): return .float16
    case (kDLFloat.rawValue, 32): return .float32
    case (kDLFloat.rawValue, 64): return .float64
    case (kDLComplex.rawValue, 64): return .complex64
    case (kDLComplex.rawValue, 128): return .complex128
    default: throw unsupported
    }
  }
}
