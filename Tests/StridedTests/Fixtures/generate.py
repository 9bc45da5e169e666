#!/usr/bin/env python3
"""Writes the test fixtures that Strided's tests compare against.

Every expected value here comes from CPython's `struct` module or from NumPy,
so the Swift tests check Strided against them rather than against itself.

Usage:
  generate.py all                      rewrite every fixture file beside this script
  generate.py views --seed S --count N print N random view cases as JSON (for live tests)
  generate.py exports --seed S --count N  the same for exporters' formats and item sizes
  generate.py indexing --seed S --count N  the same for NumPy index expressions
  generate.py random [--seeds A,B] [--count N]  default_rng streams (SHA-256 of each method's first N values)
"""
import json, os, random, struct, sys

import numpy as np
from numpy._core._internal import _dtype_from_pep3118

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- struct formats

STRUCT_CODES = "xcbB?hHiIlLqQnNefdspP"
NATIVE_ONLY = "nNP"


def random_struct_format(rng):
    prefix = rng.choice(["", "", "@", "=", "<", ">", "!"])
    items = []
    for _ in range(rng.randint(0, 6)):
        code = rng.choice(STRUCT_CODES)
        if code in NATIVE_ONLY and prefix not in ("", "@"):
            code = "q"
        count = rng.choice(["", "", "", "0", "1", "2", "3", "5", "12"])
        items.append((count, code))
    sep = rng.choice(["", "", " ", "\t"])
    text = prefix + sep.join(count + code for count, code in items)
    return text, prefix, items


def item_offsets(prefix, items):
    """Offsets of each non-padding item, as CPython's struct places them."""
    offsets = []
    for k, (count, code) in enumerate(items):
        if code == "x":
            continue
        head = prefix + "".join(c + d for c, d in items[:k])
        offsets.append(struct.calcsize(head + "0" + code))
    return offsets


def struct_table(rng, n):
    rows = []
    fixed = ["", "d", "di", "id", "c0i", "0s", "i0s", "llh0l", "xi", "3x", "?", "e", "bP", "@P", "=lL",
             "<q", ">Q", "!hHiI", "5s3p", "d i", "ci", "cd", "hd", "3e", "bNn", "@bd", "=bd", "12s", "0d"]
    texts = set()
    for text in fixed:
        prefix = text[0] if text[:1] in "@=<>!" and text else ""
        body = text[len(prefix):]
        items = []
        i = 0
        while i < len(body):
            if body[i].isspace():
                i += 1
                continue
            j = i
            while body[j].isdigit():
                j += 1
            items.append((body[i:j], body[j]))
            i = j + 1
        rows.append({"format": text, "size": struct.calcsize(text), "offsets": item_offsets(prefix, items)})
        texts.add(text)
    while len(rows) < n:
        text, prefix, items = random_struct_format(rng)
        if text in texts:
            continue
        texts.add(text)
        rows.append({"format": text, "size": struct.calcsize(text), "offsets": item_offsets(prefix, items)})
    return rows

# ---------------------------------------------------------------- NumPy structured dtypes

SCALARS = ["?", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8", "c8", "c16"]
KINDS = {"b1": "bool", "i1": "int8", "u1": "uint8", "i2": "int16", "u2": "uint16", "i4": "int32",
         "u4": "uint32", "i8": "int64", "u8": "uint64", "f2": "float16", "f4": "float32",
         "f8": "float64", "c8": "complex64", "c16": "complex128"}


def random_field_type(rng, depth):
    r = rng.random()
    if r < 0.12 and depth < 2:
        return random_struct(rng, depth + 1)
    if r < 0.2:
        return "S%d" % rng.randint(1, 7)
    base = rng.choice(SCALARS)
    order = rng.choice(["<", ">", "="]) if base not in ("?", "i1", "u1") else ""
    t = np.dtype(order + base)
    if rng.random() < 0.15:
        shape = tuple(rng.randint(1, 3) for _ in range(rng.randint(1, 2)))
        return (t, shape)
    return t


def random_struct(rng, depth=0):
    n = rng.randint(1, 4)
    names = rng.sample(["a", "b", "c", "x", "y", "z", "pos", "val", "w2", "id"], n)
    fields = [(name, random_field_type(rng, depth)) for name in names]
    style = rng.random()
    if style < 0.4:
        return np.dtype(fields, align=True)
    if style < 0.8:
        return np.dtype(fields)
    # explicit offsets with gaps and a larger item size
    offsets, offset = [], 0
    formats = []
    for _, t in fields:
        t = np.dtype(t)
        offset += rng.randint(0, 5)
        offsets.append(offset)
        formats.append(t)
        offset += t.itemsize
    return np.dtype({"names": names, "formats": formats, "offsets": offsets,
                     "itemsize": offset + rng.randint(0, 6)})


def leaves(dt, prefix="", base=0):
    out = []
    for name in dt.names:
        t, offset = dt.fields[name][:2]
        path = prefix + name
        sub = ()
        if t.subdtype is not None:
            t, sub = t.subdtype
        if t.names is not None:
            if sub:
                continue
            out += leaves(t, path + ".", base + offset)
            continue
        if t.char == "S":
            kind = "bytes%d" % t.itemsize
        elif t.char == "V":
            kind = "padding%d" % t.itemsize
        else:
            kind = KINDS[t.str[1:]]
        order = "none" if t.itemsize == 1 or t.char in "SV" else ("big" if t.str[0] == ">" else "little")
        out.append({"path": path, "offset": base + offset, "kind": kind, "order": order, "shape": list(sub)})
    return out


def numpy_struct_table(rng, n):
    rows = []
    while len(rows) < n:
        dt = random_struct(rng)
        shape = rng.choice([(3,), (2, 3), (4,), ()])
        try:
            a = np.zeros(shape, dtype=dt)
            fmt = memoryview(a).format
        except Exception:
            continue
        raw = bytes(rng.getrandbits(8) for _ in range(a.nbytes))
        a = np.frombuffer(raw, dtype=dt).reshape(shape)
        views = []
        for leaf in leaves(dt):
            v = a
            for part in leaf["path"].split("."):
                v = v[part]
            views.append({"path": leaf["path"], "shape": list(v.shape), "strides": list(v.strides),
                          "offset": v.__array_interface__["data"][0] - a.__array_interface__["data"][0],
                          "bytes": v.tobytes().hex()})
        # NumPy's own PEP 3118 reader, which Strided follows. NumPy's exporter
        # marks fields of packed records nested at odd offsets '@' by their
        # absolute alignment, which its reader (measuring from each record's
        # start) places differently; "consistent" says whether the two agree.
        reader = _dtype_from_pep3118(fmt)
        by_path = {leaf["path"]: leaf["offset"] for leaf in leaves(reader)}
        fields = leaves(dt)
        for leaf in fields:
            leaf["reader_offset"] = by_path.get(leaf["path"])
        consistent = all(leaf["reader_offset"] == leaf["offset"] for leaf in fields)
        rows.append({"format": fmt, "itemsize": dt.itemsize, "reader_itemsize": reader.itemsize,
                     "consistent": consistent, "numpy": str(dt), "fields": fields,
                     "shape": list(shape), "data": raw.hex(), "views": views,
                     "native": a.astype(dt.newbyteorder("=")).tobytes().hex()})
    return rows

# ---------------------------------------------------------------- exporters' item sizes

EXPORT_SCALARS = ["?", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8", "c8", "c16", "S3"]


def random_export_dtype(rng, depth=0):
    """A packed or aligned record, nested up to three deep, with byte-order changes."""
    names, formats = [], []
    for i in range(rng.randint(1, 4)):
        names.append("f%d" % i)
        if rng.random() < 0.25 and depth < 3:
            formats.append(random_export_dtype(rng, depth + 1))
            continue
        t = rng.choice(EXPORT_SCALARS)
        if t[0] in "iufc" and t not in ("i1", "u1") and rng.random() < 0.4:
            t = rng.choice("<>") + t
        formats.append((t, (rng.randint(1, 3),)) if rng.random() < 0.15 else t)
    return np.dtype({"names": names, "formats": formats}, align=rng.random() < 0.5)


def export_paths(fields_of, base=0, prefix=""):
    out = []
    for name, offset, sub in fields_of:
        out.append([prefix + name, base + offset])
        out += export_paths(sub, base + offset, prefix + name + ".")
    return out


def numpy_fields(dt):
    return [(name, dt.fields[name][1], numpy_fields(dt.fields[name][0]) if dt.fields[name][0].names else [])
            for name in dt.names]


CTYPES = ["c_int8", "c_uint8", "c_int16", "c_uint16", "c_int32", "c_int64", "c_float", "c_double"]


def random_ctypes_struct(rng, base, depth=0):
    import ctypes
    fields = []
    for i in range(rng.randint(1, 4)):
        t = random_ctypes_struct(rng, base, depth + 1) if rng.random() < 0.25 and depth < 2 else getattr(ctypes, rng.choice(CTYPES))
        fields.append(("f%d" % i, t * rng.randint(1, 3) if rng.random() < 0.15 else t))
    return type("S%d" % depth, (base,), {"_fields_": fields})


def ctypes_fields(t):
    return [(name, getattr(t, name).offset, ctypes_fields(sub) if hasattr(sub, "_fields_") else [])
            for name, sub in t._fields_]


def export_cases(seed, count):
    """Formats and item sizes as exporters hand them to a consumer, with the
    true field offsets: NumPy's dtype.fields for NumPy arrays, and the field
    descriptors' offsets for ctypes structures (whose formats write standard
    sizes but lay fields out as a C compiler does)."""
    import ctypes
    rng = random.Random(seed)
    rows = []
    while len(rows) < count:
        if rng.random() < 0.8:
            dt = random_export_dtype(rng)
            try:
                view = memoryview(np.zeros(2, dt))
            except Exception:
                continue
            rows.append({"source": "numpy", "format": view.format, "itemsize": view.itemsize,
                         "numpy": str(dt), "fields": export_paths(numpy_fields(dt))})
        else:
            t = random_ctypes_struct(rng, rng.choice([ctypes.Structure, ctypes.BigEndianStructure,
                                                      ctypes.LittleEndianStructure]))
            view = memoryview((t * 2)())
            rows.append({"source": "ctypes", "format": view.format, "itemsize": view.itemsize,
                         "numpy": "ctypes", "fields": export_paths(ctypes_fields(t))})
    return rows

# ---------------------------------------------------------------- advanced indexing

LAYOUTS = ["c", "fortran", "transposed", "negative", "stepped", "broadcast"]


def random_entry(rng, a, axis, allow_ellipsis):
    """One subscript entry for axis `axis` of `a` (or None past the end)."""
    size = a.shape[axis] if axis < a.ndim else 0
    r = rng.random()
    if axis >= a.ndim:
        return ("none", None) if r < 0.7 else ("int", 0)
    if r < 0.18:
        k = rng.randint(-size, size - 1) if size > 0 else 0
        if rng.random() < 0.08:
            k = size + rng.randint(0, 2)
        return ("int", k)
    if r < 0.38:
        start = rng.choice([None, rng.randint(-size - 1, size + 1)])
        stop = rng.choice([None, rng.randint(-size - 1, size + 1)])
        step = rng.choice([None, 1, 2, -1, -2, 3])
        return ("slice", (start, stop, step))
    if r < 0.44:
        return ("none", None)
    if r < 0.48 and allow_ellipsis:
        return ("ellipsis", None)
    if r < 0.78:
        shape = rng.choice([(), (1,), (2,), (3,), (2, 1), (1, 2), (2, 2), (0,)])
        count = int(np.prod(shape)) if shape else 1
        low, high = (-size, size - 1) if size > 0 else (0, 0)
        values = [rng.randint(low, high) for _ in range(count)]
        if size == 0 and count > 0 and rng.random() < 0.7:
            shape, values = (0,), []
        if rng.random() < 0.06 and values:
            values[rng.randrange(len(values))] = size + rng.randint(0, 3)
        return ("ints", (values, list(shape)))
    covered = rng.choice([1, 1, 2]) if a.ndim - axis >= 2 else 1
    shape = list(a.shape[axis:axis + covered])
    if rng.random() < 0.05 and shape:
        shape[0] += 1
    count = int(np.prod(shape)) if shape else 1
    return ("bools", ([rng.random() < 0.5 for _ in range(count)], shape))


def build_index(entries):
    out = []
    for kind, value in entries:
        if kind == "int":
            out.append(value)
        elif kind == "slice":
            out.append(slice(*value))
        elif kind == "none":
            out.append(None)
        elif kind == "ellipsis":
            out.append(Ellipsis)
        elif kind == "ints":
            out.append(np.array(value[0], dtype=np.int64).reshape(value[1]))
        else:
            out.append(np.array(value[0], dtype=bool).reshape(value[1]))
    return tuple(out)


def encode_entries(entries):
    out = []
    for kind, value in entries:
        if kind == "slice":
            out.append({"kind": kind, "start": value[0], "stop": value[1], "step": value[2]})
        elif kind in ("ints", "bools"):
            out.append({"kind": kind, "values": value[0], "shape": value[1]})
        elif kind == "int":
            out.append({"kind": kind, "value": value})
        else:
            out.append({"kind": kind})
    return out


def indexing_cases(seed, count):
    """Random NumPy index expressions, read and assigned, with NumPy's results."""
    rng = random.Random(seed)
    cases = []
    while len(cases) < count:
        rank = rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4])
        shape = [rng.choice([0, 1, 2, 3, 4, 5]) if rng.random() < 0.15 else rng.randint(1, 5) for _ in range(rank)]
        values = list(range(int(np.prod(shape)) if shape else 1))
        rng.shuffle(values)
        a = np.array(values, dtype=np.int64).reshape(shape)
        layout = rng.choice(LAYOUTS)
        entries, axis, ellipsis = [], 0, False
        for _ in range(rng.randint(1, rank + 1)):
            entry = random_entry(rng, a, axis, not ellipsis)
            entries.append(entry)
            if entry[0] == "ellipsis":
                ellipsis = True
                axis = a.ndim
            elif entry[0] == "bools":
                axis += len(entry[1][1])
            elif entry[0] != "none":
                axis += 1
        if not any(e[0] in ("ints", "bools") for e in entries) and rng.random() < 0.5:
            continue  # keep most cases advanced
        index = build_index(entries)
        op = "get" if layout == "broadcast" else rng.choice(["get", "get", "set", "iadd"])
        case = {"shape": shape, "layout": layout, "values": values, "entries": encode_entries(entries), "op": op}
        try:
            selected = a[index]
        except (IndexError, ValueError, TypeError):
            case["error"] = True
            if op != "get":
                case["value"] = {"values": [7], "shape": []}
            cases.append(case)
            continue
        advanced = any(e[0] in ("ints", "bools") for e in entries)
        case["view"] = not advanced
        case["result"] = {"shape": list(selected.shape), "values": selected.reshape(-1).tolist()}
        if op != "get":
            sel_shape = list(selected.shape)
            vshape = sel_shape[rng.randint(0, len(sel_shape)):] if sel_shape else []
            vshape = [1 if (d > 0 and rng.random() < 0.3) else d for d in vshape]
            n = int(np.prod(vshape)) if vshape else 1
            value = np.array([rng.randint(100, 999) for _ in range(n)], dtype=np.int64).reshape(vshape)
            if rng.random() < 0.03 and sel_shape:
                value = np.zeros([d + 1 for d in sel_shape] or [2], dtype=np.int64)
            case["value"] = {"values": value.reshape(-1).tolist(), "shape": list(value.shape)}
            target = a.copy()
            try:
                if op == "set":
                    target[index] = value
                else:
                    target[index] += value
                case["after"] = target.reshape(-1).tolist()
            except (IndexError, ValueError):
                case["error"] = True
        cases.append(case)
    return cases

# ---------------------------------------------------------------- slices


def slice_table(rng, n):
    rows = []
    for _ in range(n):
        length = rng.randint(0, 9)
        pick = lambda: rng.choice([None, rng.randint(-12, 12)])
        step = rng.choice([None, 1, 2, 3, -1, -2, -3, 7, -7])
        s = slice(pick(), pick(), step)
        start, stop, st = s.indices(length)
        r = range(start, stop, st)
        rows.append({"start": s.start, "stop": s.stop, "step": step if step is not None else 1,
                     "length": length, "first": r[0] if len(r) else None, "count": len(r)})
    return rows

# ---------------------------------------------------------------- views


def random_shape(rng, rank, limit=120):
    while True:
        shape = [rng.randint(0 if rng.random() < 0.05 else 1, 6) for _ in range(rank)]
        if int(np.prod(shape)) <= limit:
            return shape


def random_index(rng, a):
    items, used, ellipsis = [], 0, False
    for axis in range(a.ndim):
        r = rng.random()
        n = a.shape[axis]
        if r < 0.2 and n > 0:
            items.append({"int": rng.randint(-n, n - 1)})
        elif r < 0.35:
            lo = rng.randint(0, n)
            hi = rng.randint(lo, n)
            items.append({"range": [lo, hi]})
        elif r < 0.8:
            pick = lambda: rng.choice([None, rng.randint(-n - 2, n + 2)])
            items.append({"slice": [pick(), pick(), rng.choice([1, 2, 3, -1, -2, -3])]})
        else:
            items.append({"slice": [None, None, 1]})
        if rng.random() < 0.1:
            items.append({"newaxis": True})
    if items and rng.random() < 0.2:
        k = rng.randint(0, len(items) - 1)
        items = items[:k] + [{"ellipsis": True}] + items[k + 2:]
    if rng.random() < 0.1:
        items = [{"newaxis": True}] + items
    return items


def apply_index(a, items):
    key = []
    for it in items:
        if "int" in it:
            key.append(it["int"])
        elif "range" in it:
            key.append(slice(it["range"][0], it["range"][1]))
        elif "slice" in it:
            key.append(slice(*it["slice"]))
        elif "newaxis" in it:
            key.append(None)
        else:
            key.append(Ellipsis)
    return a[tuple(key)]


def random_op(rng, a):
    nd = a.ndim
    choices = ["index", "transpose", "flip", "copy", "reshape", "broadcast", "expand"]
    if nd >= 2:
        choices += ["permute", "swapaxes", "moveaxis", "diagonal", "index"]
    if 1 in a.shape:
        choices.append("squeeze")
    kind = rng.choice(choices)
    if kind == "index":
        items = random_index(rng, a)
        return {"op": "index", "items": items}, apply_index(a, items)
    if kind == "transpose":
        return {"op": "transpose"}, a.T
    if kind == "permute":
        axes = list(range(nd))
        rng.shuffle(axes)
        return {"op": "permute", "axes": axes}, a.transpose(axes)
    if kind == "swapaxes":
        i, j = rng.randint(-nd, nd - 1), rng.randint(-nd, nd - 1)
        return {"op": "swapaxes", "a": i, "b": j}, np.swapaxes(a, i, j)
    if kind == "moveaxis":
        i, j = rng.randint(-nd, nd - 1), rng.randint(-nd, nd - 1)
        return {"op": "moveaxis", "from": i, "to": j}, np.moveaxis(a, i, j)
    if kind == "flip":
        if nd and rng.random() < 0.7:
            axis = rng.randint(-nd, nd - 1)
            return {"op": "flip", "axis": axis}, np.flip(a, axis)
        return {"op": "flip", "axis": None}, np.flip(a)
    if kind == "copy":
        order = rng.choice(["C", "F"])
        return {"op": "copy", "order": order}, a.copy(order=order)
    if kind == "reshape":
        order = rng.choice(["C", "C", "F"])
        size = a.size
        divisors = [d for d in range(1, size + 1) if size % d == 0] or [1]
        shape, left = [], size
        for _ in range(rng.randint(1, 4)):
            ds = [d for d in divisors if left % d == 0]
            d = rng.choice(ds)
            shape.append(d)
            left //= d
        shape.append(left)
        if size == 0:
            shape = rng.choice([[0], [2, 0], [0, 5]])
        if rng.random() < 0.1:
            rng.shuffle(shape)
        if rng.random() < 0.3 and size > 0:
            shape[rng.randint(0, len(shape) - 1)] = -1
        try:
            r = np.reshape(a, shape, order=order, copy=False)
        except ValueError as e:
            msg = str(e)
            expected = "copy" if "copy" in msg else "invalid"
            return {"op": "reshape", "shape": shape, "order": order, "error": expected}, None
        return {"op": "reshape", "shape": shape, "order": order}, r
    if kind == "broadcast":
        shape = [rng.randint(1, 3) for _ in range(rng.randint(0, 2))]
        tail = [n if rng.random() < 0.8 else rng.randint(1, 3) for n in a.shape]
        target = shape + tail
        try:
            return {"op": "broadcast", "shape": target}, np.broadcast_to(a, target)
        except ValueError:
            return {"op": "broadcast", "shape": target, "error": "broadcast"}, None
    if kind == "expand":
        axis = rng.randint(-nd - 1, nd)
        return {"op": "expand", "axis": axis}, np.expand_dims(a, axis)
    if kind == "squeeze":
        if rng.random() < 0.5:
            return {"op": "squeeze", "axis": None}, np.squeeze(a)
        axis = rng.choice([i for i, n in enumerate(a.shape) if n == 1])
        return {"op": "squeeze", "axis": axis}, np.squeeze(a, axis)
    if kind == "diagonal":
        i, j = rng.sample(range(nd), 2)
        offset = rng.randint(-3, 3)
        return {"op": "diagonal", "offset": offset, "axis1": i, "axis2": j}, np.diagonal(a, offset, i, j)
    raise AssertionError(kind)


def view_cases(seed, count):
    rng = random.Random(seed)
    cases = []
    while len(cases) < count:
        rank = rng.choice([0, 1, 2, 2, 3, 3, 4, 5, 6])
        shape = random_shape(rng, rank)
        dtype = rng.choice(["f8", "f8", "i4", "u1", "i2", "c16"])
        base = np.arange(int(np.prod(shape)), dtype=np.float64).astype(dtype).reshape(shape)
        ops, a = [], base
        detached = False  # a copy, or a NumPy scalar: no longer a view of base
        diagonal = False  # NumPy makes diagonals read-only; Strided does not
        for _ in range(rng.randint(1, 4)):
            op, r = random_op(rng, a)
            ops.append(op)
            if r is None:
                break
            a = r
            detached = detached or op["op"] == "copy" or isinstance(a, np.generic)
            diagonal = diagonal or op["op"] == "diagonal"
        last = ops[-1]
        case = {"dtype": dtype, "shape": shape, "ops": ops}
        if "error" not in last:
            a = np.asarray(a)
            case["expect"] = {
                "shape": list(a.shape), "strides": list(a.strides),
                "offset": None if detached else
                a.__array_interface__["data"][0] - base.__array_interface__["data"][0],
                "c_contiguous": bool(a.flags.c_contiguous), "f_contiguous": bool(a.flags.f_contiguous),
                "writeable": None if detached or diagonal else bool(a.flags.writeable),
                "bytes": a.tobytes().hex(), "f_bytes": a.tobytes(order="F").hex(),
            }
        cases.append(case)
    return cases

# ---------------------------------------------------------------- printing


def printing_cases():
    np.set_printoptions()
    arrays = [
        np.arange(6).reshape(2, 3), np.arange(24).reshape(2, 3, 4), np.array([-5, 10, 300]),
        np.arange(5.0), np.array([0.1, 0.25, 1.0]), np.array([1e-5, 1.0]), np.array([1e10, 1.0]),
        np.array([-1.5, 2.25, -3.0]), np.array([[1.0, -2.5], [np.nan, np.inf]]),
        np.array([1.0 / 3, 2.0 / 3]), np.arange(2000.0), np.arange(3000).reshape(30, 100),
        np.array(3.5), np.array(7), np.zeros((0,)), np.zeros((2, 0)),
        np.array([0.5, 123456.789]), np.array([1.23456789e-3, 5.0e-3]), np.array([100.0, 0.001]),
        np.arange(1100).reshape(11, 10, 10), np.linspace(0, 1, 7),
        np.array([1.5 + 2j, -3j]), np.array([0.25 - 1j, 2 + 0.5j]),
    ]
    out = []
    for a in arrays:
        kind = "complex" if a.dtype.kind == "c" else ("float" if a.dtype.kind == "f" else "int")
        flat = a.ravel().tolist()
        if kind == "complex":
            values = [[z.real, z.imag] for z in flat]
        else:
            values = [v if v == v and abs(v) != float("inf") else str(v) for v in flat]
        out.append({"kind": kind, "shape": list(a.shape), "values": values, "str": str(a)})
    return out + printing_option_cases()


def _print_value(v):
    """A JSON value for one element: bools as booleans, integers as decimal
    strings (exact beyond 2**53), non-finite floats as "nan", "inf", "-inf",
    complex numbers as [real, imaginary]."""
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (complex, np.complexfloating)):
        return [_print_value(float(v.real)), _print_value(float(v.imag))]
    v = float(v)
    return v if np.isfinite(v) else str(v)


def printing_option_cases():
    """Arrays of every element type, printed by NumPy's str with print
    options (precision, threshold, edgeitems, linewidth, suppress), 0-d
    arrays among them."""
    f16, f32, c64 = np.float16, np.float32, np.complex64
    nan, inf = np.nan, np.inf
    cases = [
        # Options.
        (np.array([1.0 / 3, 1e-9, 2]), {}),
        (np.array([1.0 / 3, 1e-9, 2]), {"precision": 3, "suppress": True}),
        (np.arange(100), {"threshold": 10, "edgeitems": 2}),
        (np.arange(30.0).reshape(5, 6), {"threshold": 5, "edgeitems": 1}),
        (np.arange(60).reshape(3, 4, 5), {"threshold": 0}),
        (np.arange(20), {"threshold": 5, "edgeitems": 0}),
        (np.arange(24.0).reshape(4, 6), {"threshold": 5, "edgeitems": 0}),
        (np.arange(40.0) / 7, {"linewidth": 20}),
        (np.arange(40.0) / 7, {"linewidth": 120, "precision": 4}),
        (np.arange(12).reshape(3, 4) * 1000003, {"linewidth": 10}),
        (np.array([0.5, 1.5, 2.5, 2.675, -0.5]), {"precision": 0}),
        (np.array([2.675, 1.0, 0.125, 0.375]), {"precision": 2}),
        (np.array([1e-10, 1.0, -1e-10]), {"suppress": True}),
        (np.array([1e-10, 1.0, -1e-10]), {}),
        (np.linspace(0, 1, 7), {"precision": 3}),
        (np.array([1.0 / 3, 2.0 / 3]), {"precision": 12}),
        (np.array([1e9, 1.0]), {"suppress": True}),
        (np.array([1e-5, 1e100]), {}),
        (np.array([[1.0, -2.5], [nan, inf]]), {"precision": 2}),
        (np.array([nan, -inf]), {}),
        (np.array([nan, inf]), {}),
        (np.array([nan, nan]), {}),
        (np.array([0.0, -0.0, 1e-20]), {}),
        (np.array([5e-9, 1e-8, 4.9999999e-9]), {"suppress": True}),
        (np.array([9.9999999999, 0.5]), {"precision": 4}),
        (np.array([123456789.0, 0.5]), {"precision": 3}),
        # Float, Float16.
        (np.array([0.1, 1.0 / 3, 7.39], dtype=f32), {}),
        (np.array([1e-5, 3.14159, 7.39], dtype=f32), {}),
        (np.array([7.39, 1e7, -0.0], dtype=f32), {"precision": 7}),
        (np.array([1.2345678, 1e6], dtype=f32), {}),
        (np.array([1e-8, 178.926, -3e-5], dtype=f32), {"precision": 7, "suppress": True}),
        (np.array([0.1, 1000, 65504], dtype=f16), {}),
        (np.array([0.1, 0.2, 0.3], dtype=f16), {}),
        (np.array([-22.9, 75.06, 1e-3, 6e-8], dtype=f16), {}),
        (np.array([[1.5, -inf], [nan, 2.0]], dtype=f16), {}),
        # Complex numbers.
        (np.array([1.1 + 2.2j, -3j], dtype=c64), {}),
        (np.array([complex(nan, 1), complex(1, -inf), 0.5 - 0.25j]), {}),
        (np.array([1.5 + 2j, complex(nan, nan), complex(inf, -1)]), {"precision": 3}),
        (np.array([1e-9 + 1j, 1e5 - 1e-3j]), {}),
        (np.array([1e-9 + 1j, 1e5 - 1e-3j]), {"suppress": True, "precision": 4}),
        (np.arange(30).reshape(3, 10) * (1 + 0.5j), {"linewidth": 60}),
        # Bool and integer types.
        (np.array([True, False]), {}),
        (np.array([[True, False, True], [False, False, True]]), {}),
        (np.array([True] * 12), {"threshold": 4}),
        (np.array([-128, 0, 127], dtype=np.int8), {}),
        (np.array([0, 255, 7], dtype=np.uint8), {}),
        (np.array([2**64 - 1, 0], dtype=np.uint64), {}),
        (np.array([-2**63, 2**63 - 1], dtype=np.int64), {}),
        (np.array([-32768, 5], dtype=np.int16), {}),
        (np.array([4294967295, 1], dtype=np.uint32), {"linewidth": 5}),
        (np.array([-7, 12], dtype=np.int32), {}),
        # 0-d: a scalar at full precision, whatever the options.
        (np.array(0.1 + 0.2), {}),
        (np.array(0.1 + 0.2), {"precision": 3}),
        (np.array(1e16), {}), (np.array(1e15), {}), (np.array(1e-5), {}), (np.array(1e-4), {}),
        (np.array(-0.0), {}), (np.array(nan), {}), (np.array(-inf), {}), (np.array(1.5e300), {}),
        (np.array(100.0), {}), (np.array(5e-324), {}),
        (np.array(1e6, dtype=f32), {}), (np.array(123456.7, dtype=f32), {}), (np.array(1e-4, dtype=f32), {}),
        (np.array(16777216.0, dtype=f32), {}), (np.array(0.1, dtype=f32), {}),
        (np.array(1000, dtype=f16), {}), (np.array(999, dtype=f16), {}), (np.array(0.1, dtype=f16), {}),
        (np.array(6e-8, dtype=f16), {}),
        (np.array(1 + 2j), {}), (np.array(-1j), {}), (np.array(0j), {}), (np.array(complex(-0.0, 1)), {}),
        (np.array(1e20 + 1e-20j), {}), (np.array(complex(nan, 1)), {}), (np.array(complex(0, nan)), {}),
        (np.array(complex(1, -inf)), {}), (np.array(1.1 + 2.2j, dtype=c64), {}),
        (np.array(7), {}), (np.array(255, dtype=np.uint8), {}), (np.array(-128, dtype=np.int8), {}),
        (np.array(True), {}), (np.array(False), {}),
        # Empty arrays.
        (np.zeros((0,), dtype=f32), {}), (np.zeros((3, 0), dtype=bool), {}),
    ]
    # Random arrays of every floating type, magnitudes and options mixed.
    rng = np.random.default_rng(2718)
    for i in range(40):
        dtype = [np.float64, f32, f16, np.complex128, c64][i % 5]
        shape = tuple(int(n) for n in rng.integers(1, 7, size=int(rng.integers(1, 4))))
        count = int(np.prod(shape))
        scale = 10.0 ** rng.integers(-12, 12, size=count * 2)
        raw = rng.uniform(-1, 1, size=count * 2) * scale
        raw[rng.random(count * 2) < 0.1] = nan
        raw[rng.random(count * 2) < 0.05] = -inf
        whole = rng.random(count * 2) < 0.2
        raw[whole] = rng.integers(-100, 100, size=int(whole.sum()))
        with np.errstate(all="ignore"):
            if dtype in (np.complex128, c64):
                a = (raw[:count] + 1j * raw[count:]).astype(dtype).reshape(shape)
            else:
                a = raw[:count].astype(dtype).reshape(shape)
        options = {}
        if i % 3 == 0:
            options["precision"] = int(rng.integers(0, 12))
        if i % 4 == 1:
            options["suppress"] = True
        if i % 7 == 2:
            options["linewidth"] = int(rng.integers(20, 100))
        cases.append((a, options))
    out = []
    for a, options in cases:
        kind = {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex"}[a.dtype.kind]
        with np.printoptions(**options), np.errstate(all="ignore"):
            text = str(a)
        out.append({"kind": kind, "dtype": str(a.dtype), "shape": list(a.shape),
                    "values": [_print_value(v) for v in a.ravel().tolist()], "str": text, "options": options})
    return out


# --- Random streams -------------------------------------------------------
#
# Each case runs one Generator method on default_rng(seed) and records the
# SHA-256 of the result's bytes, its first values (as bit patterns) and the
# bit generator's state afterwards, so that a port must make the same values
# and consume the same bits.

RANDOM_SEEDS = [0, 1, 42, 2**64 - 1]


def random_methods(n):
    w = np.arange(1, 2 * n + 1, dtype=np.float64)
    w[::7] = 0
    w /= w.sum()
    return [
        ("random_f64", lambda g: g.random(n)),
        ("random_f32", lambda g: g.random(n, dtype=np.float32)),
        ("uniform", lambda g: g.uniform(-3.5, 10.25, n)),
        ("integers_i64_0_1000", lambda g: g.integers(0, 1000, n)),
        ("integers_i64_full", lambda g: g.integers(-2**63, 2**63, n)),
        ("integers_i64_2p32", lambda g: g.integers(-5, 2**32 - 5, n)),
        ("integers_u64_big", lambda g: g.integers(0, 2**63 + 5, n, dtype=np.uint64)),
        ("integers_i32", lambda g: g.integers(-100, 2**31 - 1, n, dtype=np.int32)),
        ("integers_u32_full", lambda g: g.integers(0, 2**32, n, dtype=np.uint32)),
        ("integers_u16", lambda g: g.integers(0, 1000, n, dtype=np.uint16)),
        ("integers_i16_full", lambda g: g.integers(-2**15, 2**15, n, dtype=np.int16)),
        ("integers_i8", lambda g: g.integers(-128, 100, n, dtype=np.int8)),
        ("integers_u8_full", lambda g: g.integers(0, 256, n, dtype=np.uint8)),
        ("integers_u8_one", lambda g: g.integers(7, 8, n, dtype=np.uint8)),
        ("booleans", lambda g: g.integers(0, 2, n, dtype=bool)),
        ("standard_normal_f64", lambda g: g.standard_normal(n)),
        ("standard_normal_f32", lambda g: g.standard_normal(n, dtype=np.float32)),
        ("normal", lambda g: g.normal(3, 2.5, n)),
        ("standard_exponential_f64", lambda g: g.standard_exponential(n)),
        ("standard_exponential_f32", lambda g: g.standard_exponential(n, dtype=np.float32)),
        ("standard_exponential_inv_f64", lambda g: g.standard_exponential(n, method="inv")),
        ("standard_exponential_inv_f32", lambda g: g.standard_exponential(n, dtype=np.float32, method="inv")),
        ("exponential", lambda g: g.exponential(2.5, n)),
        ("standard_gamma_small", lambda g: g.standard_gamma(0.35, n)),
        ("standard_gamma", lambda g: g.standard_gamma(2.5, n)),
        ("gamma", lambda g: g.gamma(7.5, 0.5, n)),
        ("gamma_one", lambda g: g.gamma(1.0, 2.0, n)),
        ("chisquare", lambda g: g.chisquare(3.0, n)),
        ("beta", lambda g: g.beta(2.0, 3.5, n)),
        ("beta_small", lambda g: g.beta(0.4, 0.7, n)),
        ("poisson_small", lambda g: g.poisson(3.5, n)),
        ("poisson", lambda g: g.poisson(250.0, n)),
        ("poisson_huge", lambda g: g.poisson(1e15, n)),
        ("binomial_small", lambda g: g.binomial(20, 0.3, n)),
        ("binomial", lambda g: g.binomial(1000, 0.4, n)),
        ("binomial_high_p", lambda g: g.binomial(500, 0.9, n)),
        ("binomial_huge", lambda g: g.binomial(2**40, 0.3, n)),
        ("geometric", lambda g: g.geometric(0.5, n)),
        ("geometric_small", lambda g: g.geometric(0.01, n)),
        ("negative_binomial", lambda g: g.negative_binomial(5.5, 0.3, n)),
        ("lognormal", lambda g: g.lognormal(0.5, 0.8, n)),
        ("laplace", lambda g: g.laplace(1.0, 2.0, n)),
        ("logistic", lambda g: g.logistic(1.0, 2.0, n)),
        ("gumbel", lambda g: g.gumbel(1.0, 2.0, n)),
        ("rayleigh", lambda g: g.rayleigh(2.0, n)),
        ("weibull", lambda g: g.weibull(1.5, n)),
        ("pareto", lambda g: g.pareto(3.0, n)),
        ("power", lambda g: g.power(2.5, n)),
        ("standard_cauchy", lambda g: g.standard_cauchy(n)),
        ("standard_t", lambda g: g.standard_t(4.5, n)),
        ("f", lambda g: g.f(3.0, 7.0, n)),
        ("triangular", lambda g: g.triangular(-1.0, 0.5, 4.0, n)),
        ("choice", lambda g: g.choice(1000, n)),
        ("choice_p", lambda g: g.choice(5, n, p=[0.1, 0.2, 0.0, 0.3, 0.4])),
        ("choice_tail", lambda g: g.choice(10 * n, n, replace=False)),
        ("choice_floyd", lambda g: g.choice(100 * n, n, replace=False)),
        ("choice_floyd_unshuffled", lambda g: g.choice(100 * n, n, replace=False, shuffle=False)),
        ("choice_p_unique", lambda g: g.choice(2 * n, n, replace=False, p=w)),
        ("permutation", lambda g: g.permutation(n)),
        ("shuffle_rows", lambda g: _shuffled(g, np.arange(n).reshape(-1, 10), 0)),
        ("permuted_lanes", lambda g: g.permuted(np.arange(n).reshape(100, -1), axis=1)),
        ("permuted_fortran", lambda g: g.permuted(np.asfortranarray(np.arange(n).reshape(100, -1)))),
        ("uniform_arrays", lambda g: g.uniform(-np.arange(100.0).reshape(100, 1), np.arange(n // 100) * 0.5)),
        ("normal_arrays", lambda g: g.normal(np.arange(n // 100) - 3.0, np.arange(100.0).reshape(100, 1) / 10)),
        ("integers_arrays", lambda g: g.integers(np.arange(100).reshape(100, 1) - 50,
                                                 np.arange(100).reshape(100, 1) - 50 + np.arange(1, n // 100 + 1))),
        ("integers_arrays_u16", lambda g: g.integers(np.arange(100, dtype=np.uint16).reshape(100, 1),
                                                     np.arange(100, dtype=np.uint16).reshape(100, 1)
                                                     + np.arange(1, n // 100 + 1, dtype=np.uint16),
                                                     dtype=np.uint16)),
        ("scalars", lambda g: np.array([v for _ in range(n // 10) for v in _scalar_round(g)])),
    ]


def _scalar_round(g):
    """One of each scalar call, in the order the Swift test makes them."""
    return [g.random(), float(g.integers(0, 10)), g.standard_normal(), float(g.integers(0, 100, dtype=np.uint8)),
            float(g.random(dtype=np.float32)), g.uniform(2, 3), g.normal(1, 2), g.exponential(3),
            float(g.choice(7, p=[0.5, 0, 0, 0.25, 0, 0, 0.25])), float(g.integers(-2**63, 2**63, endpoint=False))]


def _shuffled(g, a, axis):
    g.shuffle(a, axis=axis)
    return a


def random_cases(seeds, n):
    import hashlib
    out = []
    for seed in seeds:
        for name, method in random_methods(n):
            g = np.random.default_rng(seed)
            a = np.ascontiguousarray(method(g))
            if a.dtype == bool:
                head = [int(v) for v in a.ravel()[:5]]
            elif a.dtype.kind == "f":
                bits = a.view(np.uint64 if a.itemsize == 8 else np.uint32)
                head = [int(v) for v in bits.ravel()[:5]]
            else:
                head = [int(v) for v in a.ravel()[:5]]
            st = g.bit_generator.state
            out.append({"seed": str(seed), "name": name, "count": int(a.size),
                        "sha256": hashlib.sha256(a.tobytes()).hexdigest(),
                        "head": [str(v) for v in head],
                        "state": hex(st["state"]["state"]), "inc": hex(st["state"]["inc"]),
                        "hasUint32": bool(st["has_uint32"]), "uinteger": int(st["uinteger"])})
    return out


def seed_cases():
    out = []
    for entropy in [0, 1, 42, 2**32, 2**64 - 1, 2**128 + 12345, 2**1000 + 7, [1, 2, 3, 4, 5, 6], [2**64 - 1, 5]]:
        ss = np.random.SeedSequence(entropy)
        child = ss.spawn(3)[2]
        grandchild = child.spawn(2)[1]
        bg = np.random.PCG64(ss)
        st = bg.state["state"]
        jumped = bg.jumped(3).state["state"]
        adv = np.random.PCG64(np.random.SeedSequence(entropy))
        adv.random_raw(5)
        adv.advance(2**64 + 12345)
        out.append({
            "entropy": [str(v) for v in (entropy if isinstance(entropy, list) else [entropy])],
            "isList": isinstance(entropy, list),
            "state32": [str(v) for v in ss.generate_state(9)],
            "state64": [str(v) for v in ss.generate_state(5, np.uint64)],
            "child": [str(v) for v in child.generate_state(4)],
            "grandchild": [str(v) for v in grandchild.generate_state(4)],
            "pcgState": hex(st["state"]), "pcgInc": hex(st["inc"]),
            "raw": [str(v) for v in np.random.PCG64(np.random.SeedSequence(entropy)).random_raw(6)],
            "jumped3": hex(jumped["state"]),
            "advanced": hex(adv.state["state"]["state"]),
        })
    return out


def write(name, payload):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(payload, f, indent=None, separators=(",", ":"))
        f.write("\n")


def main(argv):
    if len(argv) >= 2 and argv[1] == "views":
        seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
        count = int(argv[argv.index("--count") + 1]) if "--count" in argv else 100
        json.dump(view_cases(seed, count), sys.stdout)
        return
    if len(argv) >= 2 and argv[1] == "indexing":
        seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
        count = int(argv[argv.index("--count") + 1]) if "--count" in argv else 100
        json.dump(indexing_cases(seed, count), sys.stdout)
        return
    if len(argv) >= 2 and argv[1] == "exports":
        seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
        count = int(argv[argv.index("--count") + 1]) if "--count" in argv else 100
        json.dump(export_cases(seed, count), sys.stdout)
        return
    if len(argv) >= 2 and argv[1] == "random":
        seeds = [int(v) for v in argv[argv.index("--seeds") + 1].split(",")] if "--seeds" in argv else RANDOM_SEEDS
        count = int(argv[argv.index("--count") + 1]) if "--count" in argv else 100_000
        json.dump({"streams": random_cases(seeds, count), "seeds": seed_cases()}, sys.stdout)
        return
    if len(argv) >= 2 and argv[1] == "all":
        rng = random.Random(3118)
        write("formats.json", {"struct": struct_table(rng, 320), "numpy": numpy_struct_table(rng, 120),
                               "slices": slice_table(rng, 400)})
        write("views.json", view_cases(2024, 400))
        write("printing.json", printing_cases())
        write("exports.json", export_cases(3118, 600))
        write("indexing.json", indexing_cases(13, 600))
        write("random.json", {"streams": random_cases(RANDOM_SEEDS, 100_000), "seeds": seed_cases()})
        return
    print(__doc__)
    sys.exit(2)


if __name__ == "__main__":
    main(sys.argv)
