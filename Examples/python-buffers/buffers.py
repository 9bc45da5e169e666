"""Python buffers and Strided views, both ways, without copies.

    make python-module
    PYTHONPATH=.build/python python3 Examples/python-buffers/buffers.py

Every step prints the address of the first byte on both sides: equal
addresses are the same memory, not a copy.
"""
import ctypes

import numpy as np

import strided

# The primer's byte buffer: ten bytes filled through ctypes, viewed by
# Strided as they are, then written through Strided and read back by ctypes.
raw = ctypes.create_string_buffer(b"abcdefghij", 10)
v = strided.View(raw)
print(f"ctypes buffer:    {v.shape} items of {v.itemsize} byte, format {v.format!r}; "
      f"same memory: {v.address == ctypes.addressof(raw)}")
memoryview(v).cast("B")[0] = ord("A")  # through Strided's export of the same bytes
print(f"written through Strided, read by ctypes: {raw.raw.decode()}")


# An array of C structures: each field is a strided view into it.
class Reading(ctypes.Structure):
    _fields_ = [("station", ctypes.c_char * 3), ("celsius", ctypes.c_double), ("count", ctypes.c_int32)]


readings = (Reading * 4)(Reading(b"OSL", -3.5, 2), Reading(b"BER", 4.0, 5), Reading(b"ROM", 12.5, 1),
                         Reading(b"LIS", 15.0, 3))
records = strided.View(readings)
celsius = records.field("celsius")
print(f"ctypes structures: item size {records.itemsize}, format {records.format!r}")
print(f"  celsius: strides {celsius.strides}, sum {celsius.sum()}; "
      f"same memory: {celsius.address == ctypes.addressof(readings) + Reading.celsius.offset}")

# A NumPy record array's fields, summed by Strided in place.
table = np.zeros(5, dtype=[("id", "<i4"), ("mass", ">f8"), ("flag", "?")])
table["mass"] = [1.5, 2.5, 3.0, 4.0, 5.0]
table["id"] = np.arange(5)
mass = strided.View(table).field("mass")
print(f"NumPy records: mass is big-endian, strides {mass.strides}; "
      f"sum {strided.sum(table['mass'])} by Strided, {table['mass'].sum()} by NumPy")

# A Strided matrix, handed to NumPy (and matplotlib, when installed).
m = strided.arange(12).reshape([3, 4]).transpose()
a = np.asarray(m)
print(f"Strided matrix as NumPy: shape {a.shape}, strides {a.strides}, "
      f"same memory: {a.__array_interface__['data'][0] == m.address}")
try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.imshow(a)  # matplotlib reads Strided's memory through NumPy
    plt.close()
    print("matplotlib drew the matrix from the same memory")
except ImportError:
    print("matplotlib is not installed: no drawing")
