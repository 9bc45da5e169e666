import CStrided
import ComplexModule
import Foundation
import Testing

import Strided

@Suite("DLPack")
struct DLPackTests {
  func roundTrip<T: NDElement>(_ array: NDArray<T>) throws -> NDArray<T> {
    try NDArray<T>(NDView(dlpack: array.exportDLPack()))
  }

  @Test func everyElementTypeAndLayoutRoundTripsWithoutACopy() throws {
    let m = try NDArray<Double>.arange(to: 24).reshaped(to: [2, 3, 4])
    for view in [m, m.transposed(), m[.all, .slice(by: -1), .slice(by: 2)], try m[0, 0].asStrided(shape: [3, 4], strides: [0, 8]),
                 NDArray(scalar: 5), NDArray.zeros([0, 3])] as [NDArray<Double>] {
      let back = try roundTrip(view)
      #expect(back == view && back.strides == view.strides)
      if view.count > 0 { #expect(back.storage.withUnsafeBytes { $0.baseAddress } != nil) }
    }
    #expect(try roundTrip(NDArray<Bool>([true, false])) == [true, false])
    #expect(try roundTrip(NDArray<Int8>([-1, 2])) == [-1, 2])
    #expect(try roundTrip(NDArray<UInt64>([.max])).elements == [.max])
    #expect(try roundTrip(NDArray<Float16>([1.5])) == [1.5])
    #expect(try roundTrip(NDArray<Complex<Float>>([Complex(1, -1)])).elements == [Complex(1, -1)])
    // The imported view writes into the exported memory.
    let shared = NDArray<Int32>([1, 2, 3])
    let imported = try roundTrip(shared.flipped())
    imported[item: 0] = 30
    #expect(shared == [1, 2, 30])
  }

  @Test func theDeleterRunsOnceWhenTheLastViewGoes() throws {
    weak var storage: ByteStorage?
    var imported: NDView?
    do {
      let array = NDArray<Double>([1, 2, 3])
      storage = array.storage
      imported = try NDView(dlpack: array.exportDLPack())
    }
    #expect(storage != nil && imported?.count == 3)  // the export keeps it alive
    imported = nil
    #expect(storage == nil)  // the deleter released it
    // A tensor exported and deleted without being imported.
    weak var other: ByteStorage?
    do {
      let array = NDArray<Float>([1])
      other = array.storage
      let tensor = try array.exportDLPack()
      strided_dlpack_delete(tensor.assumingMemoryBound(to: DLManagedTensor.self))
    }
    #expect(other == nil)
  }

  @Test func exportsGiveStridesInElements() throws {
    let m = try NDArray<Int16>.arange(to: 12).reshaped(to: [3, 4])[.all, .slice(by: -2)]
    let tensor = try m.exportDLPack().assumingMemoryBound(to: DLManagedTensor.self)
    defer { strided_dlpack_delete(tensor) }
    let t = tensor.pointee.dl_tensor
    #expect(t.ndim == 2 && t.shape[0] == 3 && t.shape[1] == 2)
    #expect(t.strides[0] == 4 && t.strides[1] == -2)
    #expect(t.dtype.code == UInt8(kDLInt.rawValue) && t.dtype.bits == 16 && t.dtype.lanes == 1)
    #expect(t.byte_offset == UInt64(m.view.byteOffset) && t.device.device_type == kDLCPU)
  }

  @Test func whatCannotCrossIsRefused() throws {
    #expect(throws: DLPackError.self) { try NDView(format: "T{i:x:d:y:}", shape: [2]).exportDLPack() }
    let big = try NDView(storage: ByteStorage(count: 8), format: ">i", shape: [2])
    #expect(throws: DLPackError.self) { try big.exportDLPack() }
    let odd = try NDView(storage: ByteStorage(count: 16), format: "h", shape: [3], strides: [3])
    #expect(throws: DLPackError.unalignedStride(3, itemSize: 2)) { try odd.exportDLPack() }

    // Tensors Strided cannot view leave ownership with the caller.
    var shape: [Int64] = [2]
    var data: [Float] = [1, 2]
    try shape.withUnsafeMutableBufferPointer { shape in
      try data.withUnsafeMutableBytes { data in
        var tensor = DLManagedTensor(
          dl_tensor: DLTensor(
            data: data.baseAddress, device: DLDevice(device_type: kDLCUDA, device_id: 0), ndim: 1,
            dtype: DLDataType(code: UInt8(kDLFloat.rawValue), bits: 32, lanes: 1), shape: shape.baseAddress,
            strides: nil, byte_offset: 0),
          manager_ctx: nil, deleter: nil)
        #expect(throws: DLPackError.unsupportedDevice(2)) { try NDView(dlpack: &tensor) }
        tensor.dl_tensor.device.device_type = kDLCPU
        tensor.dl_tensor.dtype.lanes = 4
        #expect(throws: DLPackError.self) { try NDView(dlpack: &tensor) }
        tensor.dl_tensor.dtype.lanes = 1
        shape[0] = -1
        #expect(throws: DLPackError.self) { try NDView(dlpack: &tensor) }
        shape[0] = 2
        let view = try NDView(dlpack: &tensor)  // no deleter: nothing to call
        #expect(try NDArray<Float>(view) == [1, 2])
      }
    }
  }

  static var library: URL { ExamplesTests.productsDirectory.appendingPathComponent("libStridedDLPack.so") }

  /// Python cannot load the library when it is built with a sanitizer
  /// (the sanitizer's runtime would have to be loaded first), so
  /// `make test-sanitize` leaves this one test out.
  @Test(
    .enabled(if: Python.hasNumPy && FileManager.default.fileExists(atPath: library.path)),
    .enabled(if: ProcessInfo.processInfo.environment["STRIDED_SANITIZER"] == nil))
  func numpyReadsAStridedViewWithoutACopy() throws {
    let script = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Examples/numpy-handoff/handoff.py")
    let output = String(decoding: try Python.run([script.path, Self.library.path]), as: UTF8.self)
    #expect(output.contains("at the same address: no copy"))
    #expect(output.contains("Strided sums NumPy's array to 45.0"))
  }
}
