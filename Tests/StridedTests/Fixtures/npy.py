#!/usr/bin/env python3
"""Writes .npy and .npz files with NumPy for Strided's interchange tests, and
checks files Strided wrote.

Usage:
  npy.py write DIR    writes the files and DIR/manifest.json
  npy.py check DIR    loads DIR/<name>.strided.npy for every manifest entry
                      and prints a JSON list of the names that differ

Each manifest entry: {"name", "shape", "fortran", "native" (the C-order bytes
in the machine's byte order, as hex), "itemsize"}.
"""
import json
import os
import sys

import numpy as np

SCALARS = ["b1", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8", "c8", "c16"]


def values(dtype, shape):
    n = int(np.prod(shape))
    base = (np.arange(n) * 7 % 23 - 11)
    if dtype.kind == "b":
        return (base % 3 == 0).reshape(shape)
    if dtype.kind == "u":
        return (np.abs(base) * 5).astype(dtype).reshape(shape)
    if dtype.kind == "c":
        return (base / 4 + 1j * (base % 5)).astype(dtype).reshape(shape)
    return (base / 4 if dtype.kind == "f" else base).astype(dtype).reshape(shape)


def cases():
    for code in SCALARS:
        for endian in ("<", ">"):
            dtype = np.dtype(endian + code)
            if dtype.itemsize == 1 and endian == ">":
                continue
            a = values(dtype, (2, 3, 4))
            yield f"{code}_{'le' if endian == '<' else 'be'}_c", a, None
            yield f"{code}_{'le' if endian == '<' else 'be'}_f", np.asfortranarray(a), None
    yield "f8_0d", np.array(2.5), None
    yield "i4_empty", np.zeros((0, 3), dtype="<i4"), None
    yield "f8_empty_f", np.asfortranarray(np.zeros((2, 0), dtype="<f8")), None
    yield "bytes_S5", np.array([b"ab", b"hello", b""], dtype="S5"), None
    packed = np.dtype([("x", "<f8"), ("y", "<i4"), ("z", "u1", (2,))])
    yield "record_packed", np.array([(1.5, -2, (3, 4)), (0.25, 7, (5, 6))], dtype=packed), None
    aligned = np.dtype([("a", "u1"), ("b", "<f8")], align=True)
    yield "record_aligned", np.array([(1, 2.0), (3, 4.0)], dtype=aligned), None
    nested = np.dtype([("p", [("x", "<f4"), ("y", "<f4")]), ("id", "<i8")])
    yield "record_nested", np.array([((1, 2), 3), ((4, 5), 6)], dtype=nested), None
    yield "f8_v2", values(np.dtype("<f8"), (3, 2)), (2, 0)
    yield "record_v3", np.array([(1.0,), (2.0,)], dtype=[("\u03c0", "<f8")]), (3, 0)


def native_bytes(a):
    a = np.ascontiguousarray(a)
    if a.dtype.names is None and a.dtype.byteorder not in ("=", "|"):
        a = a.astype(a.dtype.newbyteorder("="))
    return a.tobytes().hex()


def write(directory):
    manifest = []
    for name, a, version in cases():
        path = os.path.join(directory, name + ".npy")
        if version is None:
            np.save(path, a)
        else:
            with open(path, "wb") as f:
                np.lib.format.write_array(f, a, version=version)
        manifest.append({"name": name, "shape": list(a.shape), "fortran": bool(a.flags.f_contiguous and not a.flags.c_contiguous),
                         "native": native_bytes(a), "itemsize": a.dtype.itemsize})
    # Files Strided must refuse.
    np.save(os.path.join(directory, "refused_unicode.npy"), np.array(["abc"]))
    np.save(os.path.join(directory, "refused_object.npy"), np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    # Archives, stored and deflated.
    arrays = {"x": values(np.dtype("<f8"), (4, 5)), "flags": values(np.dtype("b1"), (3,)), "m": np.asfortranarray(values(np.dtype(">i4"), (2, 3)))}
    np.savez(os.path.join(directory, "stored.npz"), **arrays)
    np.savez_compressed(os.path.join(directory, "deflated.npz"), **arrays)
    for key, a in arrays.items():
        manifest.append({"name": "npz:" + key, "shape": list(a.shape), "fortran": bool(a.flags.f_contiguous and not a.flags.c_contiguous),
                         "native": native_bytes(a), "itemsize": a.dtype.itemsize})
    with open(os.path.join(directory, "manifest.json"), "w") as f:
        json.dump(manifest, f)


def check(directory):
    differ = []
    # NumPy's own files are the reference: saving can drop flags such as
    # an aligned struct's, so compare with what NumPy reads back.
    originals = {name: np.load(os.path.join(directory, name + ".npy")) for name, _, _ in cases()}
    for name, a in originals.items():
        path = os.path.join(directory, name + ".strided.npy")
        if not os.path.exists(path):
            differ.append(name + " (missing)")
            continue
        b = np.load(path)
        same = a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == np.ascontiguousarray(b).astype(a.dtype).tobytes() \
            if a.dtype.names is None else (a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes())
        if not same or (a.flags.f_contiguous and not a.flags.c_contiguous) != (b.flags.f_contiguous and not b.flags.c_contiguous):
            differ.append(name)
    for archive in ("strided_stored.npz", "strided_deflated.npz"):
        path = os.path.join(directory, archive)
        if os.path.exists(path):
            with np.load(path) as z:
                if sorted(z.files) != ["f8_le_c", "i4_empty", "record_packed"]:
                    differ.append(archive)
                    continue
                for key in z.files:
                    if z[key].tobytes() != originals[key].tobytes() or z[key].dtype != originals[key].dtype:
                        differ.append(archive + ":" + key)
    json.dump(differ, sys.stdout)


if __name__ == "__main__":
    {"write": write, "check": check}[sys.argv[1]](sys.argv[2])
