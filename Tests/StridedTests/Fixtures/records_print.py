"""Random record (structured) arrays and how NumPy prints them.

Usage: records_print.py DIRECTORY SEED COUNT. Writes DIRECTORY/case-K.npy for
each case and prints a JSON list of {file, layout, options, expected}: the
array in the file, the layout applied to it ("" none, "T" transposed, "F"
axis 0 reversed, "S" every second item along axis 0), NumPy's print options
and NumPy's str of the laid-out array under them.
"""

import json
import os
import sys

import numpy as np

rng = np.random.default_rng(int(sys.argv[2]))
directory = sys.argv[1]
count = int(sys.argv[3])

SCALARS = ["?", "i1", "u1", "<i2", ">i4", "<u8", "<i8", "<f2", "<f4", ">f8", "<f8", "<c8", "<c16", "S3", "<U2"]


def field_type(depth):
    r = rng.random()
    if depth < 1 and r < 0.1:
        return record_type(depth + 1)
    base = SCALARS[rng.integers(len(SCALARS))]
    if r < 0.25:
        shape = tuple(int(x) for x in rng.integers(1, 4, size=rng.integers(1, 3)))
        return (base, shape)
    return base


def record_type(depth=0):
    fields = []
    for k in range(int(rng.integers(1, 5))):
        t = field_type(depth)
        if isinstance(t, tuple):
            fields.append((f"f{k}", t[0], t[1]))
        else:
            fields.append((f"f{k}", t))
    return np.dtype(fields)


def fill(a):
    """Random values for every scalar leaf of a structured array."""
    if a.dtype.names:
        for name in a.dtype.names:
            fill(a[name])
        return
    kind = a.dtype.kind
    n = a.size
    if kind == "b":
        v = rng.random(n) < 0.5
    elif kind in "iu":
        info = np.iinfo(a.dtype)
        pick = rng.random(n)
        v = rng.integers(-50 if kind == "i" else 0, 1000, size=n).astype(a.dtype)
        v[pick < 0.1] = info.max
        v[(pick > 0.9)] = info.min
    elif kind in "fc":
        scale = 10.0 ** rng.integers(-6, 7)
        v = (rng.standard_normal(n) * scale).astype(a.dtype)
        if kind == "c":
            v = v + 1j * (rng.standard_normal(n) * scale).astype(a.dtype)
        special = rng.random(n)
        v[special < 0.05] = np.nan
        v[(special > 0.95)] = np.inf
        v[(special > 0.9) & (special <= 0.95)] = 0
        if rng.random() < 0.3:
            v = np.round(v)
    elif kind == "S":
        letters = [b"", b"a", b"ab", b"x'y", b"\xff\x00z", b"abc"]
        v = np.array([letters[i] for i in rng.integers(len(letters), size=n)], dtype=a.dtype)
    else:
        letters = ["", "a", "\u00e9", "q'", 'x"', "\t"]
        v = np.array([letters[i] for i in rng.integers(len(letters), size=n)], dtype=a.dtype)
    a[...] = v.reshape(a.shape)


cases = []
for k in range(count):
    dtype = record_type()
    r = rng.random()
    if r < 0.15:
        shape = ()
    elif r < 0.2:
        shape = (0,) if rng.random() < 0.5 else (2, 0)
    elif r < 0.3:
        shape = (int(rng.integers(1001, 1500)),)
    else:
        shape = tuple(int(x) for x in rng.integers(1, 6, size=rng.integers(1, 4)))
    a = np.zeros(shape, dtype=dtype)
    fill(a)
    path = os.path.join(directory, f"case-{k}.npy")
    np.save(path, a)
    layout = "" if a.ndim == 0 or a.size == 0 else ["", "T", "F", "S"][rng.integers(4)]
    b = {"": lambda: a, "T": lambda: a.T, "F": lambda: a[::-1], "S": lambda: a[::2]}[layout]()
    options = {
        "precision": int(rng.choice([8, 8, 3, 0])),
        "threshold": int(rng.choice([1000, 1000, 5])),
        "edgeitems": int(rng.choice([3, 3, 1])),
        "linewidth": int(rng.choice([75, 75, 40, 120])),
        "suppress": bool(rng.random() < 0.2),
    }
    with np.printoptions(**options):
        expected = str(b)
    cases.append({"file": path, "layout": layout, "options": options, "expected": expected})
json.dump(cases, sys.stdout)
