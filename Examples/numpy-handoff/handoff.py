#!/usr/bin/env python3
"""Hands memory between Strided and NumPy through DLPack, without copies.

Usage: handoff.py PATH/TO/libStridedDLPack.so
       handoff.py --addresses EXAMPLE SUM SCALE

The first form loads Strided's C interface from the shared library. The
second is how `swift run numpy-handoff` runs this script, inside its own
process: it passes the addresses of the same three C functions, linked into
the program, so NumPy and Strided share one address space without a library.

1. Strided makes a matrix and exports a transposed view; NumPy reads it with
   numpy.from_dlpack and checks its values, its strides, and that its data
   pointer is Strided's (no copy).
2. NumPy exports an array; Strided views it, sums it, and scales it in
   place, and NumPy sees the change (the same memory).
"""
import ctypes
import sys

import numpy as np


class DLDevice(ctypes.Structure):
    _fields_ = [("device_type", ctypes.c_int), ("device_id", ctypes.c_int32)]


class DLDataType(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint8), ("bits", ctypes.c_uint8), ("lanes", ctypes.c_uint16)]


class DLTensor(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("device", DLDevice), ("ndim", ctypes.c_int32),
                ("dtype", DLDataType), ("shape", ctypes.POINTER(ctypes.c_int64)),
                ("strides", ctypes.POINTER(ctypes.c_int64)), ("byte_offset", ctypes.c_uint64)]


class DLManagedTensor(ctypes.Structure):
    _fields_ = [("dl_tensor", DLTensor), ("manager_ctx", ctypes.c_void_p), ("deleter", ctypes.c_void_p)]


capsule_new = ctypes.pythonapi.PyCapsule_New
capsule_new.restype = ctypes.py_object
capsule_new.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]
capsule_pointer = ctypes.pythonapi.PyCapsule_GetPointer
capsule_pointer.restype = ctypes.c_void_p
capsule_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
capsule_rename = ctypes.pythonapi.PyCapsule_SetName
capsule_rename.argtypes = [ctypes.py_object, ctypes.c_char_p]


class StridedTensor:
    """A producer object in the shape numpy.from_dlpack expects."""

    def __init__(self, pointer):
        self.pointer = pointer

    def __dlpack__(self, stream=None, max_version=None, dl_device=None, copy=None):
        return capsule_new(self.pointer, b"dltensor", None)

    def __dlpack_device__(self):
        return (1, 0)  # kDLCPU


class Functions:
    """Strided's three C entry points, from their addresses."""

    def __init__(self, example, total, scale):
        self.strided_dlpack_example = ctypes.CFUNCTYPE(ctypes.c_void_p)(example)
        self.strided_dlpack_sum = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_void_p)(total)
        self.strided_dlpack_scale = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_double)(scale)


def load(arguments):
    if arguments[0] == "--addresses":
        return Functions(*(int(a) for a in arguments[1:4]))
    strided = ctypes.CDLL(arguments[0])
    strided.strided_dlpack_example.restype = ctypes.c_void_p
    strided.strided_dlpack_sum.restype = ctypes.c_double
    strided.strided_dlpack_sum.argtypes = [ctypes.c_void_p]
    strided.strided_dlpack_scale.restype = ctypes.c_int32
    strided.strided_dlpack_scale.argtypes = [ctypes.c_void_p, ctypes.c_double]
    return strided


def main(strided):

    # Strided → NumPy
    pointer = strided.strided_dlpack_example()
    tensor = DLManagedTensor.from_address(pointer).dl_tensor
    address = tensor.data + tensor.byte_offset
    a = np.from_dlpack(StridedTensor(pointer))
    assert a.shape == (4, 3) and a.strides == (8, 32), (a.shape, a.strides)
    assert (a == np.arange(12.0).reshape(3, 4).T).all(), a
    assert a.ctypes.data == address, "NumPy copied the data"
    print(f"NumPy reads Strided's view {a.shape} with strides {a.strides} at the same address: no copy", flush=True)
    del a  # NumPy calls Strided's deleter

    # NumPy → Strided
    x = np.arange(10.0)
    def hand_over(array):
        capsule = array.__dlpack__()
        pointer = capsule_pointer(capsule, b"dltensor")
        capsule_rename(capsule, b"used_dltensor")  # Strided owns it now
        return pointer
    total = strided.strided_dlpack_sum(hand_over(x))
    assert total == 45.0, total
    assert strided.strided_dlpack_scale(hand_over(x[::-2]), 10.0) == 0
    assert (x == [0, 10, 2, 30, 4, 50, 6, 70, 8, 90]).all(), x
    print(f"Strided sums NumPy's array to {total} and scales x[::-2] in place: {x.tolist()}", flush=True)


if __name__ == "__main__":
    main(load(sys.argv[1:]))
