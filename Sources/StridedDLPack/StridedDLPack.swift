// A C interface to Strided's DLPack support, built as a shared library
// (libStridedDLPack.so) so that programs in other languages (Python through
// ctypes, for one) can exchange tensors with Strided without copies.
//
// Every function takes or returns `DLManagedTensor *`.

import CStrided
import Strided

/// Makes a 3 × 4 matrix of 0, 1, …, 11 in Strided and exports its
/// transposed view (4 × 3, element strides 1 and 4): the caller owns the
/// returned tensor and calls its deleter when done. Returns NULL on failure.
@_cdecl("strided_dlpack_example")
public func stridedDLPackExample() -> UnsafeMutableRawPointer? {
  let m = try! NDArray<Double>.arange(to: 12).reshaped(to: [3, 4])
  return try? m.transposed().exportDLPack()
}

/// Views a tensor of `double`s without copying it and returns the sum of
/// its elements. Takes ownership of the tensor (its deleter runs before
/// this returns). Returns NaN for a tensor that is not `double`s.
@_cdecl("strided_dlpack_sum")
public func stridedDLPackSum(_ tensor: UnsafeMutableRawPointer?) -> Double {
  guard let view = adopt(tensor) else { return .nan }
  guard let array = try? NDArray<Double>(view) else { return .nan }
  return array.sum()
}

/// Multiplies every element of a tensor of `double`s by `factor`, in
/// place, through a Strided view of the same memory. Takes ownership of the
/// tensor. Returns 0, or -1 for a tensor that is not `double`s.
@_cdecl("strided_dlpack_scale")
public func stridedDLPackScale(_ tensor: UnsafeMutableRawPointer?, _ factor: Double) -> Int32 {
  guard let view = adopt(tensor) else { return -1 }
  guard var array = try? NDArray<Double>(view) else { return -1 }
  array *= factor
  return 0
}

/// A view that owns `tensor`; when Strided cannot view it, the tensor is
/// deleted here, since the caller handed over its ownership.
private func adopt(_ tensor: UnsafeMutableRawPointer?) -> NDView? {
  guard let tensor else { return nil }
  do {
    return try NDView(dlpack: tensor)
  } catch {
    strided_dlpack_delete(tensor.assumingMemoryBound(to: DLManagedTensor.self))
    return nil
  }
}
