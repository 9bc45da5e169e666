"""The buffer protocol between Strided and CPython, both ways.

Run by `make test` with the `strided` extension module on PYTHONPATH:
    PYTHONPATH=<module folder> python3 -m unittest discover -s Tests/Python
"""
import array
import ctypes
import gc
import mmap
import os
import random
import struct
import sys
import tempfile
import unittest

import numpy as np

try:
    import _testbuffer  # CPython's test exporter: the one that gives suboffsets
except ImportError:
    _testbuffer = None

import strided

FORMATS = [
    "b", "B", "h", "<H", ">i", "=I", "q", "<Q", ">q", "e", "f", ">f", "d", "<d", ">d", "?", "Zf", "Zd", ">Zd", "3s",
    "(2)h", "(2,3)f", "T{d:x:d:y:}", "T{<h:a:>q:b:}", "T{b:a:xxxi:b:}", "T{T{d:x:d:y:}:pos:>i:id:}",
    "T{(3)>H:v:e:w:}", "T{=d:a:T{>h:b:?:c:}:n:}",
]

# PEP 3118 request flags (Include/pybuffer.h).
PyBUF_WRITABLE = 0x0001
PyBUF_FORMAT = 0x0004
PyBUF_ND = 0x0008
PyBUF_STRIDES = 0x0010 | PyBUF_ND
PyBUF_C_CONTIGUOUS = 0x0020 | PyBUF_STRIDES
PyBUF_F_CONTIGUOUS = 0x0040 | PyBUF_STRIDES
PyBUF_ANY_CONTIGUOUS = 0x0080 | PyBUF_STRIDES


class Py_buffer(ctypes.Structure):
    _fields_ = [("buf", ctypes.c_void_p), ("obj", ctypes.py_object), ("len", ctypes.c_ssize_t),
                ("itemsize", ctypes.c_ssize_t), ("readonly", ctypes.c_int), ("ndim", ctypes.c_int),
                ("format", ctypes.c_char_p), ("shape", ctypes.POINTER(ctypes.c_ssize_t)),
                ("strides", ctypes.POINTER(ctypes.c_ssize_t)), ("suboffsets", ctypes.POINTER(ctypes.c_ssize_t)),
                ("internal", ctypes.c_void_p)]


GetBuffer = ctypes.pythonapi.PyObject_GetBuffer
GetBuffer.argtypes = [ctypes.py_object, ctypes.POINTER(Py_buffer), ctypes.c_int]
ReleaseBuffer = ctypes.pythonapi.PyBuffer_Release
ReleaseBuffer.argtypes = [ctypes.POINTER(Py_buffer)]


def request(obj, flags):
    """PyObject_GetBuffer with exactly `flags`; returns the filled Py_buffer (release it)."""
    view = Py_buffer()
    GetBuffer(obj, ctypes.byref(view), flags)
    return view


def random_view(rng):
    """A random Strided view and the chain of operations that made it."""
    fmt = rng.choice(FORMATS)
    shape = [rng.randint(0 if rng.random() < 0.1 else 1, 5) for _ in range(rng.randint(0, 4))]
    v = strided.zeros(fmt, shape, "F" if rng.random() < 0.4 else "C")
    steps = [f"zeros({fmt!r}, {shape})"]
    for _ in range(rng.randint(0, 3)):
        if v.ndim == 0:
            break
        kind = rng.random()
        axis = rng.randrange(v.ndim)
        if kind < 0.4:
            step = rng.choice([1, 2, -1, -2, 3])
            start = rng.choice([None, 0, 1, -1])
            stop = rng.choice([None, 3, -1, 0])
            v = v.slice(axis, start, stop, step)
            steps.append(f"slice({axis}, {start}, {stop}, {step})")
        elif kind < 0.6:
            v = v.transpose()
            steps.append("transpose()")
        elif kind < 0.8 and v.shape[axis] > 0:
            index = rng.randrange(v.shape[axis])
            v = v.at(axis, index)
            steps.append(f"at({axis}, {index})")
        else:
            target = [rng.randint(1, 3)] + list(v.shape)
            v = v.broadcast_to(target)
            steps.append(f"broadcast_to({target})")
    return v, " → ".join(steps)


class Balanced(unittest.TestCase):
    """A test case whose watched objects end as they began.

    `watch(obj)` records an object's reference count (call it as
    `x = self.watch(make())`, so one name holds it). After the test, with
    its names gone, each watched object has that count again (no leak, no
    early release), a watched Strided view has no exports left, and a
    watched bytearray resizes (no buffer still held).
    """

    def setUp(self):
        self._watched = []

    def watch(self, obj):
        self._watched.append((obj, sys.getrefcount(obj)))
        return obj

    def tearDown(self):
        gc.collect()
        for obj, count in self._watched:
            self.assertEqual(sys.getrefcount(obj), count, f"reference count of a {type(obj).__name__}")
            if isinstance(obj, strided.View):
                self.assertEqual(obj.exports, 0)
            if isinstance(obj, bytearray):
                obj.append(0)
                obj.pop()
        self._watched.clear()


class ExportTests(Balanced):
    def test_memoryview_reports_strided_exactly(self):
        rng = random.Random(2024)
        taken_by_numpy = 0
        for case in range(300):
            v, what = random_view(rng)
            references = sys.getrefcount(v)
            m = memoryview(v)
            with self.subTest(case=case, view=what):
                self.assertEqual(m.format, v.format)
                self.assertEqual(m.itemsize, v.itemsize)
                self.assertEqual(m.ndim, v.ndim)
                self.assertEqual(m.shape, v.shape)
                self.assertEqual(m.strides, v.strides)
                self.assertEqual(m.readonly, v.readonly)
                self.assertEqual(m.c_contiguous, v.c_contiguous)
                self.assertEqual(m.f_contiguous, v.f_contiguous)
                self.assertEqual(m.nbytes, v.itemsize * int(np.prod(v.shape, dtype=np.int64)))
                self.assertEqual(v.exports, 1)
                try:
                    a = np.asarray(v)
                except (ValueError, TypeError, NotImplementedError):
                    a = None
                if a is not None:
                    taken_by_numpy += 1
                    # NumPy turns a sub-array item ("(2,3)f") into trailing axes.
                    self.assertEqual(a.shape[:v.ndim], v.shape)
                    self.assertEqual(a.strides[:v.ndim], v.strides)
                    self.assertEqual(a.__array_interface__["data"][0], v.address)
                    if a.size > 0:
                        self.assertTrue(np.shares_memory(a, np.asarray(memoryview(v))))
                    del a
                m.release()
                gc.collect()
                self.assertEqual(v.exports, 0)
                self.assertEqual(sys.getrefcount(v), references)
        self.assertGreaterEqual(taken_by_numpy, 200)

    def test_writes_show_both_ways(self):
        v = self.watch(strided.zeros("d", [3, 4]))
        a = np.asarray(v)
        a[1, :] = 2.5
        self.assertEqual(v.sum(), 10.0)
        t = v.transpose()
        b = np.asarray(t)
        self.assertTrue(np.shares_memory(a, b))
        b[0, 0] = 100
        self.assertEqual(a[0, 0], 100)
        self.assertEqual(struct.unpack_from("d", v, 0)[0], 100.0)
        self.assertEqual(bytes(v)[:8], struct.pack("d", 100.0))
        self.assertEqual(memoryview(v).cast("B").nbytes, 96)
        floats = array.array("d")
        floats.frombytes(memoryview(v).cast("B"))
        self.assertEqual(floats[0], 100.0)
        # frombytes wants items of one byte, as for NumPy's arrays: the
        # item size stays 8 when no format is asked for (PEP 3118).
        with self.assertRaisesRegex(TypeError, "bytes-like"):
            floats.frombytes(v)

    def test_requests_are_honoured(self):
        v = self.watch(strided.arange(12).reshape([3, 4]))
        t = self.watch(v.transpose())
        # A transposed view is F- but not C-contiguous; a stepped one neither.
        view = request(t, PyBUF_F_CONTIGUOUS | PyBUF_FORMAT)
        self.assertEqual(view.format, b"d")
        ReleaseBuffer(ctypes.byref(view))
        for flags in [PyBUF_C_CONTIGUOUS, PyBUF_ND, 0]:
            with self.assertRaises(BufferError):
                request(t, flags)
        stepped = v.slice(1, None, None, 2)
        with self.assertRaises(BufferError):
            request(stepped, PyBUF_ANY_CONTIGUOUS)
        # No format asked: NULL; no shape asked: one axis of bytes.
        view = request(v, 0)
        self.assertIsNone(view.format)
        self.assertFalse(bool(view.shape))
        self.assertEqual((view.len, view.itemsize), (96, 8))
        ReleaseBuffer(ctypes.byref(view))
        self.assertEqual(v.exports, 0)
        # A read-only view refuses a writable request.
        readonly = strided.View(b"\x00" * 16)
        with self.assertRaises(BufferError):
            request(readonly, PyBUF_WRITABLE)
        self.assertTrue(memoryview(readonly).readonly)

    def test_exports_keep_the_view_alive(self):
        v = strided.arange(5)
        before = sys.getrefcount(v)
        m = memoryview(v)
        self.assertEqual(sys.getrefcount(v), before + 1)
        self.assertEqual(v.exports, 1)
        del v
        gc.collect()
        self.assertEqual(m.tolist(), [0.0, 1.0, 2.0, 3.0, 4.0])
        m.release()


def numpy_cases():
    rng = np.random.default_rng(5)
    values = rng.standard_normal((4, 5)) * 100
    cases = {}
    for dtype in ["i1", "u1", "<i2", ">i2", "<u2", "<i4", ">u4", "<i8", ">i8", "u8", "<f2", "<f4", ">f4", "<f8",
                  ">f8", "<c8", ">c16", "?"]:
        cases[dtype] = values.astype(dtype)
    cases["fortran"] = np.asfortranarray(values)
    cases["negative"] = values[::-1, ::-2]
    cases["structured"] = np.zeros(4, dtype=[("a", "<f8"), ("b", ">i4"), ("c", "S3")])
    cases["structured"]["a"] = [1, 2, 3, 4]
    cases["aligned"] = np.zeros(3, dtype=np.dtype([("x", "u1"), ("y", "<f8")], align=True))
    cases["0-d"] = np.array(3.5)
    cases["empty"] = np.zeros((0, 3))
    return cases


class ImportTests(Balanced):
    def check_same(self, obj):
        m = memoryview(obj)
        v = strided.View(obj)
        self.assertEqual(v.shape, m.shape)
        self.assertEqual(v.strides, m.strides)
        self.assertEqual(v.itemsize, m.itemsize)
        self.assertEqual(v.readonly, m.readonly)
        self.assertEqual(v.tobytes(), m.tobytes())
        self.assertEqual(v.address, _address(obj))
        return v

    def test_python_buffers(self):
        ba = self.watch(bytearray(range(20)))
        with tempfile.TemporaryFile() as f:
            f.write(bytes(range(64)))
            f.flush()
            mapped = self.watch(mmap.mmap(f.fileno(), 64))
            for obj in [b"abcdef", ba, array.array("d", [1.5, 2.5, -3.0]), array.array("h", [1, -2, 3]),
                        mapped, memoryview(ba)[::-2], memoryview(ba)[3:17:3], (ctypes.c_double * 4)(1, 2, 3, 4)]:
                with self.subTest(obj=type(obj).__name__):
                    v = self.check_same(obj)
                    del v
                    gc.collect()
            mapped.close()

    def test_ctypes_structures(self):
        class Point(ctypes.Structure):
            _fields_ = [("tag", ctypes.c_char), ("x", ctypes.c_double), ("n", ctypes.c_int16)]

        points = self.watch((Point * 3)(Point(b"a", 1.5, 7), Point(b"b", -2.0, 8), Point(b"c", 4.0, 9)))
        v = self.check_same(points)
        self.assertEqual(v.field("x").sum(), 3.5)
        self.assertEqual(v.field("n").sum(), 24.0)
        self.assertEqual(v.field("x").strides, (ctypes.sizeof(Point),))

    def test_numpy_arrays_of_every_dtype(self):
        cases = numpy_cases()
        for name in list(cases):
            a = self.watch(cases.pop(name))
            with self.subTest(dtype=name):
                v = self.check_same(a)
                if a.dtype.kind in "iub":
                    # Both sum integers in 64 bits, wrapping alike.
                    self.assertEqual(v.sum(), float(a.sum()))
                elif a.dtype.kind == "f":
                    scale = float(np.abs(a.astype(np.float64)).sum())
                    self.assertAlmostEqual(v.sum(), float(a.astype(np.float64).sum()),
                                           delta=4 * float(np.finfo(a.dtype).eps) * (1 + scale))
                back = np.asarray(v)
                self.assertTrue(a.size == 0 or np.shares_memory(a, back))
                self.assertEqual(back.dtype, a.dtype)
                np.testing.assert_array_equal(back, a)
        s = numpy_cases()["structured"]
        self.assertEqual(strided.View(s).field("a").sum(), 10.0)

    def test_matmul_and_sum_read_in_place(self):
        rng = np.random.default_rng(9)
        a = self.watch(rng.standard_normal((30, 20)))
        b = self.watch(rng.standard_normal((40, 20)))
        product = np.asarray(strided.matmul(a, b.T))
        np.testing.assert_allclose(product, a @ b.T, rtol=1e-12, atol=1e-12)
        with self.assertRaisesRegex(ValueError, "do not align"):
            strided.matmul(a, b)
        self.assertAlmostEqual(strided.sum(a[::2, ::-3]), a[::2, ::-3].sum(), places=9)

    def test_exporters_stay_pinned_while_viewed(self):
        ba = self.watch(bytearray(16))
        before = sys.getrefcount(ba)
        v = strided.View(ba)
        self.assertGreater(sys.getrefcount(ba), before)
        with self.assertRaisesRegex(BufferError, "Existing exports"):
            ba.extend(b"x")
        sub = v.slice(0, 2, 10, 2)
        del v
        gc.collect()
        with self.assertRaisesRegex(BufferError, "Existing exports"):
            ba.extend(b"x")
        del sub
        gc.collect()
        ba.extend(b"x")
        self.assertEqual(len(ba), 17)
        self.assertEqual(sys.getrefcount(ba), before)

    def test_writes_through_imported_buffers(self):
        a = self.watch(np.zeros(6))
        v = strided.View(a)
        np.asarray(v)[2] = 7
        self.assertEqual(a[2], 7)
        self.assertFalse(v.readonly)
        self.assertTrue(strided.View(b"xyz").readonly)

    def test_bad_input(self):
        with self.assertRaises(TypeError):
            strided.View(5)
        with self.assertRaises(ValueError):
            strided.zeros("T{d:x:", [2])
        with self.assertRaises(ValueError):
            strided.arange(6).reshape([4])
        # NumPy's exception types: an index out of bounds, an axis out of range.
        with self.assertRaises(IndexError):
            strided.arange(6).at(0, 6)
        with self.assertRaises(strided.AxisError):
            strided.arange(6).at(1, 0)
        with self.assertRaises(TypeError):
            strided.sum(strided.zeros("T{d:x:}", [2]))
        # Exporters' formats Strided cannot read: a typed BufferError, and
        # the exporter's buffer is given back.
        pointers = self.watch((ctypes.POINTER(ctypes.c_int) * 2)())
        with self.assertRaisesRegex(BufferError, "pointers to formats are not supported"):
            strided.View(pointers)

        class Bits(ctypes.Structure):
            _fields_ = [("a", ctypes.c_int, 3), ("b", ctypes.c_int, 5)]

        with self.assertRaisesRegex(BufferError, "item size 4 is invalid"):
            strided.View((Bits * 2)())
        ba = self.watch(bytearray(8))
        with self.assertRaises(ValueError):
            strided.View(ba).reshape([3])
        gc.collect()
        ba.extend(b"x")  # no export left behind by the failures

    @unittest.skipUnless(_testbuffer, "CPython's _testbuffer module is not built")
    def test_indirect_buffers_are_refused(self):
        # A PIL-style exporter: rows reached through pointers (suboffsets).
        indirect = self.watch(_testbuffer.ndarray(list(range(12)), shape=[3, 4], format="i",
                                                  flags=_testbuffer.ND_PIL))
        self.assertEqual(indirect.suboffsets, (0, -1))
        with self.assertRaisesRegex(BufferError, "indirect buffers"):
            strided.View(indirect)
        with self.assertRaisesRegex(BufferError, "indirect buffers"):
            strided.sum(indirect)
        # The same exporter without suboffsets is read.
        direct = self.watch(_testbuffer.ndarray(list(range(12)), shape=[3, 4], format="i"))
        self.assertEqual(strided.View(direct).sum(), 66.0)

    def test_npy_files(self):
        a = self.watch(np.arange(12, dtype=">i4").reshape(3, 4))
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "a.npy")
            np.save(path, a)
            for mapped in [False, True]:
                v = strided.load_npy(path, mmap=mapped)
                np.testing.assert_array_equal(np.asarray(v), a)
                self.assertEqual(v.sum(), 66.0)
                del v
                gc.collect()


class ExampleTests(unittest.TestCase):
    def test_python_buffers_example(self):
        import subprocess
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        script = os.path.join(root, "Examples", "python-buffers", "buffers.py")
        output = subprocess.run([sys.executable, script], capture_output=True, text=True, check=True).stdout
        lines = output.splitlines()
        self.assertIn("ctypes buffer:    (10,) items of 1 byte, format 'c'; same memory: True", lines)
        self.assertIn("written through Strided, read by ctypes: Abcdefghij", lines)
        self.assertIn("  celsius: strides (24,), sum 28.0; same memory: True", lines)
        self.assertIn("NumPy records: mass is big-endian, strides (13,); sum 16.0 by Strided, 16.0 by NumPy", lines)
        self.assertIn("Strided matrix as NumPy: shape (4, 3), strides (8, 32), same memory: True", lines)


def _address(obj):
    """The address of an exporter's first item, as the exporter reports it."""
    view = request(obj, PyBUF_STRIDES | PyBUF_FORMAT)
    try:
        return view.buf or 0
    finally:
        ReleaseBuffer(ctypes.byref(view))


if __name__ == "__main__":
    unittest.main()
