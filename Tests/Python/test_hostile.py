"""Hostile input to every function and method of the `strided` module.

Shapes and strides that overflow (as_strided's 2**62 strides, huge
products, zero strides over huge shapes), sizes no memory holds, arguments
of every wrong type, and exporters that hand over any Py_buffer at all (a
type built with ctypes whose bf_getbuffer fills in whatever it is told:
negative or huge ndim, NULL shape, negative sizes, item sizes of 0, a len
that disagrees with the shape, strides past the address space, NULL or
garbage formats) must raise the exception NumPy raises, never abort the
interpreter, and leave no buffer exported.

Calls that could abort run in a child interpreter, a group of cases to a
child, so that a crash fails one test and names the case it died in. The
child caps its address space at 4 GiB above what it maps when it starts,
so that MemoryError is real and nothing large is ever touched.

Run by `make test` with the `strided` extension module on PYTHONPATH:
    PYTHONPATH=<module folder> python3 -m unittest discover -s Tests/Python
"""
import array
import ctypes
import gc
import json
import mmap
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

import strided

HERE = os.path.dirname(os.path.abspath(__file__))
GiB = 1 << 30
A = np.lib.stride_tricks.as_strided
LINUX = sys.platform.startswith("linux")

# PEP 3118 request flags (Include/pybuffer.h).
PyBUF_WRITABLE = 0x0001
PyBUF_ND = 0x0008
PyBUF_STRIDES = 0x0010 | PyBUF_ND
PyBUF_C_CONTIGUOUS = 0x0020 | PyBUF_STRIDES


# MARK: An exporter of any Py_buffer

class Py_buffer(ctypes.Structure):
    """CPython's Py_buffer, every pointer as a plain address."""
    _fields_ = [("buf", ctypes.c_void_p), ("obj", ctypes.c_void_p), ("len", ctypes.c_ssize_t),
                ("itemsize", ctypes.c_ssize_t), ("readonly", ctypes.c_int), ("ndim", ctypes.c_int),
                ("format", ctypes.c_void_p), ("shape", ctypes.c_void_p), ("strides", ctypes.c_void_p),
                ("suboffsets", ctypes.c_void_p), ("internal", ctypes.c_void_p)]


class PyType_Slot(ctypes.Structure):
    _fields_ = [("slot", ctypes.c_int), ("pfunc", ctypes.c_void_p)]


class PyType_Spec(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("basicsize", ctypes.c_int), ("itemsize", ctypes.c_int),
                ("flags", ctypes.c_uint), ("slots", ctypes.POINTER(PyType_Slot))]


# CPython's API with this file's own argument types (ctypes.pythonapi's
# functions are shared with other tests, which declare their own).
_api = ctypes.PyDLL(None)
_GetBuffer = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(Py_buffer), ctypes.c_int)
_ReleaseBuffer = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(Py_buffer))
_IncRef = _api.Py_IncRef
_IncRef.argtypes = [ctypes.c_void_p]
_FromSpec = _api.PyType_FromSpec
_FromSpec.restype = ctypes.py_object
_FromSpec.argtypes = [ctypes.POINTER(PyType_Spec)]

# Buffers handed out by Exporter objects and not yet released.
outstanding = [0]


@_GetBuffer
def _get_buffer(address, view, flags):
    exporter = ctypes.cast(address, ctypes.py_object).value
    if exporter.refuse == "always" or (exporter.refuse == "writable" and flags & PyBUF_WRITABLE):
        return -1  # without an exception: a callback cannot leave one set
    ctypes.memset(view, 0, ctypes.sizeof(Py_buffer))
    for name, value in exporter.fields.items():
        setattr(view.contents, name, value)
    _IncRef(address)
    view.contents.obj = address
    outstanding[0] += 1
    return 0


@_ReleaseBuffer
def _release_buffer(address, view):
    outstanding[0] -= 1


_slots = (PyType_Slot * 3)(PyType_Slot(1, ctypes.cast(_get_buffer, ctypes.c_void_p)),  # Py_bf_getbuffer
                           PyType_Slot(2, ctypes.cast(_release_buffer, ctypes.c_void_p)),  # Py_bf_releasebuffer
                           PyType_Slot(0, None))
_spec = PyType_Spec(b"test_hostile.RawExporter", 0, 0, 1 << 10, _slots)  # Py_TPFLAGS_BASETYPE
_RawExporter = _FromSpec(ctypes.byref(_spec))


class Exporter(_RawExporter):
    """An object whose buffer is a Py_buffer with exactly the given fields.

    `buf` defaults to 64 zero bytes the exporter owns; shape, strides and
    suboffsets are lists (or addresses), format is bytes (or an address).
    `refuse="writable"` refuses writable requests, `refuse="always"` every
    request, in both cases without setting an exception (NumPy's refusal
    of a writable request, with ValueError, is tested on NumPy's arrays).
    """

    def __init__(self, refuse=None, **fields):
        self.memory = ctypes.create_string_buffer(64)
        self.kept = []
        self.refuse = refuse
        self.fields = {"buf": ctypes.addressof(self.memory)}
        for name, value in fields.items():
            if name in ("shape", "strides", "suboffsets") and isinstance(value, (list, tuple)):
                value = self.keep((ctypes.c_ssize_t * max(len(value), 1))(*value))
            elif name == "format" and isinstance(value, bytes):
                value = self.keep(ctypes.create_string_buffer(value))
            self.fields[name] = value

    def keep(self, data):
        self.kept.append(data)
        return ctypes.addressof(data)


def exporter(**fields):
    """An Exporter of 2 doubles, with `fields` replaced."""
    base = dict(len=16, itemsize=8, ndim=1, format=b"d", shape=[2], strides=[8])
    base.update(fields)
    return Exporter(**base)


# MARK: Cases in a child interpreter

def _limit_memory():
    """Caps the address space at 4 GiB above what the interpreter maps now."""
    import resource
    try:
        with open("/proc/self/status") as status:
            size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    except (OSError, StopIteration):
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + 4 * GiB
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def npy(shape, data=b"", descr="<f8"):
    """The path of a new .npy file (in a folder removed at exit) with this
    header's shape and dtype, followed by `data`."""
    import atexit
    import shutil
    folder = tempfile.mkdtemp()
    atexit.register(shutil.rmtree, folder, True)
    header = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}".encode()
    header += b" " * (63 - (10 + len(header)) % 64) + b"\n"
    path = os.path.join(folder, "a.npy")
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header + data)
    return path


def child_main():
    """Runs in the child: the cases (code strings, JSON on stdin) one by one,
    printing a line before each and one with its outcome (the exception's
    name, or "ok") and the exports it left behind."""
    _limit_memory()
    cases = json.load(sys.stdin)
    names = {"np": np, "strided": strided, "A": A, "exporter": exporter, "Exporter": Exporter, "GiB": GiB,
             "ctypes": ctypes, "array": array, "mmap": mmap, "os": os, "tempfile": tempfile, "gc": gc, "npy": npy}
    for index, code in enumerate(cases):
        print(json.dumps(["start", index]), flush=True)
        before = outstanding[0]
        namespace = dict(names)
        try:
            exec(code, namespace)
            outcome = "ok"
        except BaseException as error:
            outcome = type(error).__name__
        del namespace
        gc.collect()
        print(json.dumps(["done", index, outcome, outstanding[0] - before]), flush=True)


_CHILD_ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(
    [HERE, os.path.dirname(os.path.abspath(strided.__file__)), os.environ.get("PYTHONPATH", "")]))


@unittest.skipUnless(LINUX, "the children's memory limit reads /proc/self/status")
class ChildCases(unittest.TestCase):
    def run_cases(self, cases):
        """Runs `cases`, pairs of code and the outcome expected ("ok", an
        exception's name, or a tuple of those), in one child interpreter:
        each case is a subtest; a child that dies fails the test, naming
        the case it was running."""
        process = subprocess.run(
            [sys.executable, "-c", "import test_hostile; test_hostile.child_main()"],
            input=json.dumps([code for code, _ in cases]), capture_output=True, text=True, env=_CHILD_ENV,
            timeout=120)
        outcomes = {}
        running = None
        for line in process.stdout.splitlines():
            record = json.loads(line)
            if record[0] == "start":
                running = cases[record[1]][0]
            else:
                outcomes[record[1]] = (record[2], record[3])
                running = None
        for index, (code, expected) in enumerate(cases):
            with self.subTest(code):
                self.assertIn(index, outcomes, "not reached")
                outcome, leaked = outcomes[index]
                self.assertIn(outcome, expected if isinstance(expected, tuple) else (expected,))
                self.assertEqual(leaked, 0, "buffers left exported")
        self.assertEqual(process.returncode, 0,
                         f"the child died (status {process.returncode}) running {running!r}:\n"
                         + process.stderr[-3000:])


class HostileImports(ChildCases):
    def test_strides_and_shapes_that_overflow(self):
        self.run_cases([
            ("strided.View(A(np.zeros(1), shape=(3,), strides=(2**62,)))", "BufferError"),
            ("strided.View(A(np.zeros(1), shape=(3,), strides=(-2**62,)))", "BufferError"),
            ("strided.View(A(np.zeros(1), shape=(3, 3), strides=(2**62, 2**62)))", "BufferError"),
            ("strided.View(A(np.zeros(1), shape=(3, 3), strides=(-2**62, 2**62)))", "BufferError"),
            ("strided.View(A(np.zeros(1), shape=(2, 2), strides=(2**62, 8)))", "BufferError"),
            ("strided.View(A(np.zeros(1), shape=(2**31, 2), strides=(2**32, 8)))", "BufferError"),
            ("strided.sum(A(np.zeros(1), shape=(3,), strides=(2**62,)))", "BufferError"),
            ("strided.matmul(A(np.zeros(1), (3, 3), (2**62, 0)), np.zeros((3, 3)))", "BufferError"),
            # Zero strides over huge shapes: a view, whose size only the
            # operations that need memory refuse.
            ("v = strided.View(A(np.zeros(1), (2**30, 2**29), (0, 0)))\n"
             "assert v.shape == (2**30, 2**29) and v.strides == (0, 0) and v.readonly is False", "ok"),
            ("m = memoryview(strided.View(A(np.zeros(1), (2**30, 2**29), (0, 0))))\n"
             "assert m.nbytes == 2**62; m.release()", "ok"),
            ("strided.View(A(np.zeros(1), (2**30, 2**29), (0, 0))).tobytes()", "MemoryError"),
            ("strided.View(A(np.zeros(1), (2**30, 2**29), (0, 0))).reshape([2**59])", "ok"),
            ("strided.View(A(np.zeros(1), (2**30, 2**29), (0, 0))).reshape([-1, 2**30])", "ok"),
            ("strided.View(A(np.zeros((2, 2)), (2, 2), (8, 16))).reshape([4])", "ValueError"),
        ])

    def test_hostile_exporters(self):
        self.run_cases([
            ("v = strided.View(exporter()); assert v.shape == (2,) and v.tobytes() == bytes(16)", "ok"),
            ("strided.View(exporter(ndim=-1))", "BufferError"),
            ("strided.View(exporter(ndim=-2**31))", "BufferError"),
            ("strided.View(exporter(ndim=65, shape=[1] * 65, strides=[8] * 65, len=8))", "BufferError"),
            ("strided.View(exporter(ndim=2**31 - 1))", "BufferError"),
            ("strided.View(exporter(ndim=100, suboffsets=[-1] * 100))", "BufferError"),
            ("strided.View(exporter(ndim=2, shape=None, strides=None))", "BufferError"),
            ("assert strided.View(exporter(shape=None, strides=None)).shape == (2,)", "ok"),
            ("strided.View(exporter(shape=None, strides=None, len=15))", "BufferError"),
            ("strided.View(exporter(shape=[-2]))", "BufferError"),
            ("strided.View(exporter(ndim=2, shape=[-2, -2], strides=[8, 8], len=32))", "BufferError"),
            ("strided.View(exporter(itemsize=0))", "BufferError"),
            ("strided.View(exporter(itemsize=-8))", "BufferError"),
            ("strided.View(exporter(itemsize=-2**63))", "BufferError"),
            ("strided.View(exporter(len=17))", "BufferError"),
            ("strided.View(exporter(len=8))", "BufferError"),
            ("strided.View(exporter(len=-1))", "BufferError"),
            ("strided.View(exporter(len=2**63 - 1))", "BufferError"),
            ("strided.View(exporter(ndim=2, shape=[2**62, 4], strides=[0, 0], len=0))", "BufferError"),
            ("strided.View(exporter(ndim=2, shape=[2**32, 2**32], strides=[0, 0], len=0))", "BufferError"),
            ("strided.View(exporter(ndim=2, shape=[2**62, 0], strides=[8, 8], len=0))", "BufferError"),
            ("v = strided.View(exporter(ndim=2, shape=[2**40, 0], strides=[8, 8], len=0)); assert v.shape == (2**40, 0)",
             "ok"),
            ("strided.View(exporter(strides=[2**62]))", "BufferError"),
            ("strided.View(exporter(strides=[-2**62]))", "BufferError"),
            ("strided.View(exporter(strides=[-2**63]))", "BufferError"),
            ("strided.View(exporter(strides=[2**63 - 1]))", "BufferError"),
            ("strided.View(exporter(ndim=2, shape=[2, 2], strides=[2**61, 2**61], len=32))", "BufferError"),
            ("v = strided.View(exporter(strides=[0])); assert v.strides == (0,)", "ok"),
            ("v = strided.View(exporter(strides=[-8])); assert v.strides == (-8,)", "ok"),
            ("strided.View(exporter(buf=None))", "BufferError"),
            ("assert strided.View(exporter(buf=None, shape=[0], len=0)).shape == (0,)", "ok"),
            ("strided.View(exporter(buf=2**64 - 8))", "BufferError"),
            ("strided.View(exporter(buf=2**63 + 8))", "BufferError"),
            ("strided.View(exporter(buf=8, strides=[-8]))", "BufferError"),
            ("strided.View(exporter(buf=2**63 - 8))", "BufferError"),
            ("assert strided.View(exporter(format=None)).format == 'B'", ("ok", "AssertionError")),
            ("strided.View(exporter(format=b'\\xff\\xfe{'))", "BufferError"),
            ("strided.View(exporter(format=b'T{d:x:'))", "BufferError"),
            ("strided.View(exporter(format=b'O'))", "BufferError"),
            ("strided.View(exporter(format=b'(4611686018427387904)d'))", "BufferError"),
            ("strided.View(exporter(format=b'T{' * 100000))", "BufferError"),
            ("strided.View(exporter(format=b'99999999999999999999d'))", "BufferError"),
            ("strided.View(exporter(format=b'2d'))", "BufferError"),
            ("strided.View(exporter(format=b''))", ("ok", "BufferError")),
            ("strided.View(exporter(suboffsets=[0]))", "BufferError"),
            ("assert strided.View(exporter(suboffsets=[-1])).shape == (2,)", "ok"),
            ("assert strided.View(exporter(readonly=1)).readonly", "ok"),
            # Refusals without an exception: of writable requests only (the
            # read-only one that follows is taken), and of every request.
            ("assert strided.View(exporter(refuse='writable', readonly=1)).readonly", "ok"),
            ("strided.View(exporter(refuse='always'))", "BufferError"),
            ("strided.sum(exporter(refuse='always'))", "BufferError"),
            ("strided.sum(exporter(ndim=-1))", "BufferError"),
            ("strided.matmul(exporter(ndim=-1), exporter())", "BufferError"),
            ("strided.matmul(exporter(), exporter(ndim=-1))", "BufferError"),
            ("assert strided.sum(exporter(ndim=0, shape=None, strides=None, len=8)) == 0", "ok"),
        ])

    def test_python_exporters(self):
        self.run_cases([
            ("strided.View(None)", "TypeError"),
            ("strided.View(5)", "TypeError"),
            ("strided.View(2**100)", "TypeError"),
            ("strided.View(1.5)", "TypeError"),
            ("strided.View('abc')", "TypeError"),
            ("strided.View([1, 2])", "TypeError"),
            ("strided.View()", "TypeError"),
            ("strided.View(b'', 1)", "TypeError"),
            ("strided.View.__new__(int, b'')", "TypeError"),
            ("object.__new__(strided.View)", "TypeError"),
            ("type('Sub', (strided.View,), {})", "TypeError"),
            ("import copy; copy.copy(strided.View(b'x'))", "TypeError"),
            ("import pickle; pickle.dumps(strided.View(b'x'))", "TypeError"),
            ("assert strided.View(object=b'').shape == (0,)", "ok"),
            ("assert strided.View(memoryview(b'12345678').cast('d', ())).shape == ()", "ok"),
            ("assert strided.View(memoryview(bytearray(24)).cast('B', (2, 3, 4))).shape == (2, 3, 4)", "ok"),
            ("assert strided.View(memoryview(bytearray(24)).cast('B', (2, 3, 4))[::-1]).strides == (-12, 4, 1)",
             ("ok", "NotImplementedError")),
            ("assert strided.View(memoryview(bytearray(16)).cast('c')).format == 'c'", "ok"),
            ("assert strided.View(memoryview(bytearray(16)).cast('?')).format == '?'", "ok"),
            ("assert strided.View(memoryview(b'abcdef')[::-2]).strides == (-2,)", "ok"),
            ("assert strided.View(memoryview(b'')).shape == (0,)", "ok"),
            ("assert strided.View((ctypes.c_double * 0)()).shape == (0,)", "ok"),
            ("assert strided.View(ctypes.c_int(5)).shape == ()", "ok"),
            ("strided.View((ctypes.POINTER(ctypes.c_int) * 2)())", "BufferError"),
            ("class U(ctypes.Union): _fields_ = [('a', ctypes.c_int), ('b', ctypes.c_double)]\n"
             "assert strided.View((U * 2)()).itemsize == 8", "ok"),
            ("assert strided.View(array.array('u', 'ab')).itemsize == 4", "ok"),
            ("assert strided.View(array.array('d')).shape == (0,)", "ok"),
            ("assert strided.View(mmap.mmap(-1, 4096)).shape == (4096,)", "ok"),
            ("m = mmap.mmap(-1, 16); m.close(); strided.View(m)", "ValueError"),
            ("assert strided.View(bytearray()).shape == (0,)", "ok"),
            # NumPy arrays of odd dtypes.
            ("assert strided.View(np.zeros((), '>i8')).shape == ()", "ok"),
            ("assert strided.View(np.zeros((0, 3, 0))).shape == (0, 3, 0)", "ok"),
            ("strided.View(np.zeros(3, 'V0'))", ("BufferError", "TypeError", "ValueError")),
            ("assert strided.View(np.zeros(3, 'V5')).itemsize == 5", "ok"),
            ("assert strided.View(np.zeros(3, 'S0')).itemsize == 1", "ok"),
            ("assert strided.View(np.zeros(3, 'U3')).itemsize == 12", "ok"),
            ("strided.View(np.zeros(3, 'M8[s]'))", "ValueError"),
            ("strided.View(np.array([None, 1]))", ("BufferError", "ValueError")),
            ("assert strided.View(np.zeros(3, '<c8')).format == 'Zf'", "ok"),
            ("assert strided.View(np.zeros(2, [('a', '>f8'), ('b', [('c', '<i2', (2, 3))])])).itemsize == 20", "ok"),
            ("assert strided.View(np.zeros((2, 3), order='F')[::-1, ::2]).strides == (-8, 32)", "ok"),
            ("assert strided.View(np.zeros(4)[::-1]).readonly is False", "ok"),
        ])


class ReadOnlyNumPyArrays(unittest.TestCase):
    """NumPy refuses a writable request of a read-only array with
    ValueError: the import asks again for reading only."""

    def check_read_only(self, a):
        v = strided.View(a)
        self.assertTrue(v.readonly)
        self.assertEqual(v.shape, a.shape)
        self.assertEqual(v.strides, a.strides)
        self.assertEqual(v.address, a.__array_interface__["data"][0])
        self.assertEqual(v.tobytes(), a.tobytes())
        self.assertEqual(v.sum(), float(a.sum()))
        self.assertEqual(strided.sum(a), float(a.sum()))
        back = np.asarray(v)
        self.assertFalse(back.flags.writeable)
        self.assertTrue(a.size == 0 or np.shares_memory(back, a))
        del back
        with self.assertRaises(BufferError):
            _request(v, PyBUF_WRITABLE)
        gc.collect()
        self.assertEqual(v.exports, 0)

    def test_frombuffer(self):
        self.check_read_only(np.frombuffer(b"\0" * 16))
        self.check_read_only(np.frombuffer(bytes(range(24)), dtype=">u2").reshape(3, 4))

    def test_writeable_false(self):
        a = np.arange(12.0).reshape(3, 4)[:, ::-2]
        a.flags.writeable = False
        self.check_read_only(a)

    def test_broadcast_to(self):
        a = np.broadcast_to(np.arange(3.0), (4, 3))
        self.check_read_only(a)
        self.assertEqual(strided.View(a).strides, (0, 8))
        self.assertEqual(np.asarray(strided.matmul(a, np.ones(3))).tolist(), [3.0] * 4)

    def test_mapped_npy_file(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "a.npy")
            np.save(path, np.arange(20, dtype="<i4").reshape(4, 5))
            a = np.load(path, mmap_mode="r")
            self.check_read_only(a)
            self.check_read_only(a[::2, 1:])
            del a
            gc.collect()

    def test_writable_arrays_stay_writable(self):
        a = np.zeros(4)
        v = strided.View(a)
        self.assertFalse(v.readonly)
        np.asarray(v)[1] = 5
        self.assertEqual(a[1], 5)


class NoExportLeft(unittest.TestCase):
    """Failed imports and failed requests leave nothing exported."""

    def test_failed_imports_release_the_buffer(self):
        class Bits(ctypes.Structure):
            _fields_ = [("a", ctypes.c_int, 3), ("b", ctypes.c_int, 5)]

        ba = bytearray(8)
        bits = (Bits * 2).from_buffer(ba)
        with self.assertRaises(BufferError):
            strided.View(bits)
        with self.assertRaises(BufferError):
            strided.sum(bits)
        with self.assertRaises(BufferError):
            strided.matmul(bits, bits)
        del bits
        gc.collect()
        ba.extend(b"x")  # BufferError if an export were left

        ba = bytearray(16)
        with self.assertRaises(TypeError):
            strided.matmul(memoryview(ba).cast("d"), memoryview(ba)[:2].cast("B"))
        with self.assertRaises(ValueError):
            strided.matmul(memoryview(ba).cast("d"), memoryview(ba)[:8].cast("d"))
        gc.collect()
        ba.extend(b"x")

    def test_view_exports_return_to_zero(self):
        v = strided.zeros("d", [2, 3])
        _release(_request(v, PyBUF_WRITABLE | PyBUF_C_CONTIGUOUS))
        self.assertEqual(v.exports, 0)
        m = memoryview(v)
        self.assertEqual(v.exports, 1)
        m.release()
        a = np.asarray(v)
        self.assertEqual(v.exports, 1)
        del a
        gc.collect()
        self.assertEqual(v.exports, 0)
        t = v.transpose()
        for refused in [PyBUF_C_CONTIGUOUS, 0, PyBUF_ND]:  # a transposed view is not C-contiguous
            with self.assertRaises(BufferError):
                _request(t, refused)
        self.assertEqual(t.exports, 0)
        readonly = strided.View(b"\0" * 8)
        with self.assertRaises(BufferError):
            _request(readonly, PyBUF_WRITABLE)
        self.assertEqual(readonly.exports, 0)
        self.assertEqual(strided.sum(v), 0.0)
        self.assertEqual(strided.matmul(v, t).shape, (2, 2))
        self.assertIs(strided.View(v), v)
        self.assertEqual(v.exports, 0)


class HostileArguments(ChildCases):
    def test_zeros(self):
        self.run_cases([
            ("assert strided.zeros('d', [2, 3]).shape == (2, 3)", "ok"),
            ("assert strided.zeros('d', 5).shape == (5,)", "ok"),
            ("assert strided.zeros('d', []).shape == ()", "ok"),
            ("assert strided.zeros('d', [1] * 64).ndim == 64", "ok"),
            ("assert strided.zeros('d', [0, 2**62, 2**62]).shape == (0, 2**62, 2**62)", "ok"),
            ("strided.zeros('d', [3] * 65)", "ValueError"),
            ("strided.zeros('d', [2**62])", "ValueError"),
            ("strided.zeros('d', [2**40, 2**40])", "ValueError"),
            ("strided.zeros('d', [2**63])", "ValueError"),
            ("strided.zeros('d', [-2**63])", "ValueError"),
            ("strided.zeros('d', [2**100])", "ValueError"),
            ("strided.zeros('d', [-1])", "ValueError"),
            ("strided.zeros('d', [10**12])", "MemoryError"),
            ("strided.zeros('d', [10**5, 10**5])", "MemoryError"),
            ("strided.zeros('1099511627776s', [3])", "MemoryError"),
            ("strided.zeros('4611686018427387903s', [3])", "ValueError"),
            ("strided.zeros('(4611686018427387904)d', [3])", "ValueError"),
            ("strided.zeros('99999999999999999999d', [3])", "ValueError"),
            ("strided.zeros('T{d:x:', [2])", "ValueError"),
            ("strided.zeros('', [3])", "ValueError"),
            ("strided.zeros('d\\x00x', [3])", "ValueError"),
            ("strided.zeros('\\ud800', [3])", "UnicodeEncodeError"),
            ("strided.zeros(None, [3])", "TypeError"),
            ("strided.zeros(5, [3])", "TypeError"),
            ("strided.zeros('d', None)", "TypeError"),
            ("strided.zeros('d', 'ab')", "TypeError"),
            ("strided.zeros('d', [1.5])", "TypeError"),
            ("strided.zeros('d', [None])", "TypeError"),
            ("strided.zeros('d', 2.0)", "TypeError"),
            ("strided.zeros('d')", "TypeError"),
            ("strided.zeros('d', [3], 'Q')", "ValueError"),
            ("strided.zeros('d', [3], '')", "ValueError"),
            ("strided.zeros('d', [3], 'CF')", "ValueError"),
            ("strided.zeros('d', [3], 'A')", "ValueError"),
            ("strided.zeros('d', [3], 'K')", "ValueError"),
            ("strided.zeros('d', [3], 5)", "TypeError"),
            ("assert strided.zeros('d', [2, 3], None).c_contiguous", "ok"),
            ("assert strided.zeros('d', [2, 3], 'f').f_contiguous", "ok"),
            ("assert strided.zeros('d', [2, 3], order='F').strides == (8, 16)", "ok"),
            ("strided.zeros('d', [3], 'C', 1)", "TypeError"),
        ])

    def test_arange(self):
        self.run_cases([
            ("assert np.asarray(strided.arange(5)).tolist() == [0, 1, 2, 3, 4]", "ok"),
            ("assert strided.arange(0).shape == (0,)", "ok"),
            ("assert strided.arange(-1).shape == (0,)", "ok"),
            ("assert strided.arange(-10**30).shape == (0,)", "ok"),
            ("assert strided.arange(True).shape == (1,)", "ok"),
            ("assert strided.arange(np.int64(3)).shape == (3,)", "ok"),
            ("strided.arange(10**13)", "MemoryError"),
            ("strided.arange(2**40)", "MemoryError"),
            ("strided.arange(2**62)", "ValueError"),
            ("strided.arange(2**63 - 1)", "ValueError"),
            ("strided.arange(2**63)", "ValueError"),
            ("strided.arange(10**30)", "ValueError"),
            ("strided.arange(2.5)", "TypeError"),
            ("strided.arange(None)", "TypeError"),
            ("strided.arange('3')", "TypeError"),
            ("strided.arange()", "TypeError"),
        ])

    def test_view_methods(self):
        v = "v = strided.arange(6).reshape([2, 3]); "
        self.run_cases([
            (v + "assert v.slice(1, 2**70).shape == (2, 0)", "ok"),
            (v + "assert v.slice(1, -2**70).shape == (2, 3)", "ok"),
            (v + "assert v.slice(1, None, -2**70).shape == (2, 0)", "ok"),
            (v + "assert v.slice(1, -2**63).shape == (2, 3)", "ok"),
            (v + "assert v.slice(1, -2**63, None, -1).shape == (2, 0)", "ok"),
            (v + "assert v.slice(1, None, -2**63, -1).shape == (2, 3)", "ok"),
            (v + "assert v.slice(1, None, None, -2**63).shape == (2, 1)", "ok"),
            (v + "assert v.slice(1, None, None, 2**100).shape == (2, 1)", "ok"),
            (v + "assert v.slice(1, None, None, None).shape == (2, 3)", "ok"),
            (v + "v.slice(1, None, None, 0)", "ValueError"),
            (v + "v.slice(2)", "AxisError"),
            (v + "v.slice(-3)", "AxisError"),
            (v + "v.slice(2**31)", "OverflowError"),
            (v + "v.slice(0, 1.5)", "TypeError"),
            (v + "v.slice('a')", "TypeError"),
            (v + "v.slice()", "TypeError"),
            (v + "v.at(0, 2)", "IndexError"),
            (v + "v.at(1, -4)", "IndexError"),
            (v + "v.at(1, 2**62)", "IndexError"),
            (v + "v.at(1, -2**63)", "IndexError"),
            (v + "v.at(1, 2**63)", "OverflowError"),
            (v + "v.at(2, 0)", "AxisError"),
            (v + "v.at(-3, 0)", "AxisError"),
            (v + "v.at(None, 0)", "TypeError"),
            (v + "v.at(0, 1.0)", "TypeError"),
            (v + "assert v.at(-1, -1).shape == (2,)", "ok"),
            (v + "strided.zeros('d', []).at(0, 0)", "AxisError"),
            (v + "assert v.reshape([-1]).shape == (6,)", "ok"),
            (v + "assert v.reshape(6).shape == (6,)", "ok"),
            (v + "v.reshape([-1, -1])", "ValueError"),
            (v + "v.reshape([4])", "ValueError"),
            (v + "v.reshape([-2, 3])", "ValueError"),
            (v + "v.reshape([2**62, 2**62])", "ValueError"),
            (v + "v.reshape([2**63])", "ValueError"),
            (v + "v.reshape([1] * 65)", "ValueError"),
            (v + "v.reshape(None)", "TypeError"),
            (v + "v.reshape('ab')", "TypeError"),
            (v + "v.reshape([1.0, 6])", "TypeError"),
            (v + "v.transpose().reshape([6])", "ValueError"),
            ("e = strided.zeros('d', [0]).reshape([2**62, 2**62, 0]); m = memoryview(e)\n"
             "assert e.shape == m.shape == (2**62, 2**62, 0) and e.c_contiguous and m.nbytes == 0", "ok"),
            ("strided.zeros('d', [0]).reshape([-1, 0])", "ValueError"),
            (v + "assert v.broadcast_to([4, 2, 3]).strides == (0, 24, 8)", "ok"),
            (v + "v.broadcast_to([2**62, 2**62, 2, 3])", "ValueError"),
            (v + "v.broadcast_to([-1, 2, 3])", "ValueError"),
            (v + "v.broadcast_to([3])", "ValueError"),
            (v + "v.broadcast_to([2**63, 2, 3])", "ValueError"),
            (v + "v.broadcast_to(None)", "TypeError"),
            (v + "assert v.broadcast_to([2**40, 2, 3]).shape == (2**40, 2, 3)", "ok"),
            (v + "v.broadcast_to([2**40, 2, 3]).tobytes()", "MemoryError"),
            (v + "v.transpose(1)", "TypeError"),
            (v + "assert v.transpose().transpose().strides == v.strides", "ok"),
            (v + "v.tobytes(1)", "TypeError"),
            (v + "v.sum(1)", "TypeError"),
            (v + "v.field('a')", "ValueError"),
            (v + "v.field('')", "ValueError"),
            (v + "v.field(None)", "TypeError"),
            (v + "v.field(5)", "TypeError"),
            (v + "v.field(b'a')", "TypeError"),
            (v + "v.field('\\ud800')", "UnicodeEncodeError"),
            ("r = strided.View(np.zeros(3, [('a', '<f8'), ('b', '>i2')]))\n"
             "assert r.field('a').strides == (10,) and r.field('b').format == '>h'", "ok"),
            ("strided.View(np.zeros(3, [('a', '<f8')])).field('a\\x00zz')", "ValueError"),
            ("strided.View(np.zeros(3, [('a', '<f8')])).field('a.b')", "ValueError"),
            ("strided.View(np.zeros(3, [('a', '<f8')])).field('b')", "ValueError"),
            (v + "v.nope", "AttributeError"),
            (v + "v.shape = (6,)", "AttributeError"),
        ])

    def test_sum(self):
        self.run_cases([
            ("assert strided.sum(np.arange(10.0)) == 45.0", "ok"),
            ("assert strided.sum(np.zeros(0)) == 0.0", "ok"),
            # More than 2**40 elements (only a broadcast view has them): refused.
            ("strided.sum(A(np.zeros(1), (2**30, 2**29), (0, 0)))", "ValueError"),
            ("strided.View(A(np.zeros(1), (2**30, 2**29), (0, 0))).sum()", "ValueError"),
            ("strided.sum(A(np.zeros(1), (2**42,), (0,)))", "ValueError"),
            ("strided.sum(A(np.zeros(1, '>f8'), (2**40,), (0,)))", "MemoryError"),
            ("strided.sum(A(np.zeros(1, 'e'), (2**34,), (0,)))", "MemoryError"),
            ("strided.sum(A(np.zeros(1, 'i1'), (2**30, 2**30), (0, 0)))", "ValueError"),
            ("strided.arange(6).reshape([2, 3]).broadcast_to([2**40, 2, 3]).sum()", "ValueError"),
            ("strided.sum(np.zeros(3, 'S3'))", "TypeError"),
            ("strided.sum(np.zeros(3, 'c16'))", "TypeError"),
            ("strided.sum(np.zeros(3, [('a', 'f8')]))", "TypeError"),
            ("strided.sum(None)", "TypeError"),
            ("strided.sum(5)", "TypeError"),
            ("strided.sum()", "TypeError"),
            ("strided.sum(np.zeros(3), np.zeros(3))", "TypeError"),
        ])

    def test_matmul(self):
        self.run_cases([
            ("assert strided.matmul(np.ones((2, 3)), np.ones(3)).shape == (2,)", "ok"),
            ("strided.matmul(A(np.zeros(1), (2**20, 2**20), (0, 0)), A(np.zeros(1), (2**20, 2**20), (0, 0)))",
             "MemoryError"),
            # A small result from operands that BLAS reads only as copies.
            ("strided.matmul(A(np.zeros(1), (2, 2**30), (0, 0)), A(np.zeros(1), (2**30, 2), (0, 0)))", "MemoryError"),
            ("strided.matmul(A(np.zeros(1), (2, 2**31), (0, 0)), A(np.zeros(1), (2**31, 2), (0, 0)))", "ValueError"),
            ("strided.matmul(A(np.zeros(1), (2**32, 1), (0, 0)), A(np.zeros(1), (1, 2**32), (0, 0)))", "ValueError"),
            ("strided.matmul(A(np.zeros(1, 'i1'), (2**20, 2**20), (0, 0)), A(np.zeros(1, 'i1'), (2**20, 2**20), (0, 0)))",
             "MemoryError"),
            # A batch of tiny products whose offsets list would not fit.
            ("x = strided.zeros('d', [1, 1]).broadcast_to([2**28, 1, 1]); strided.matmul(x, x)", "MemoryError"),
            ("assert strided.matmul(A(np.zeros(1), (0, 2**40), (0, 0)), A(np.zeros(1), (2**40, 3), (0, 0))).shape == (0, 3)",
             "ok"),
            ("strided.matmul(np.zeros((2, 2)), np.zeros(3))", "ValueError"),
            ("strided.matmul(np.zeros(()), np.zeros(3))", "ValueError"),
            ("strided.matmul(np.zeros((2, 2, 2)), np.zeros((3, 2, 2)))", "ValueError"),
            ("strided.matmul(np.zeros(3, 'c16'), np.zeros(3))", "TypeError"),
            ("strided.matmul(np.zeros(3, 'S1'), np.zeros(3, 'S1'))", "TypeError"),
            ("strided.matmul(np.zeros(3, '>f8'), np.zeros(3, '>f8'))", "TypeError"),
            ("strided.matmul(np.zeros(3, [('a', 'f8')]), np.zeros(3, [('a', 'f8')]))", "TypeError"),
            ("strided.matmul(None, np.zeros(3))", "TypeError"),
            ("strided.matmul(np.zeros(3), 'ab')", "TypeError"),
            ("strided.matmul(np.zeros(3))", "TypeError"),
        ])

    def test_load_npy(self):
        self.run_cases([
            ("strided.load_npy('/nonexistent/a.npy')", "FileNotFoundError"),
            ("strided.load_npy('/nonexistent/a.npy', mmap=True)", "FileNotFoundError"),
            ("strided.load_npy(tempfile.gettempdir())", "IsADirectoryError"),
            ("with tempfile.TemporaryDirectory() as d:\n"
             "    p = os.path.join(d, 'fifo'); os.mkfifo(p); strided.load_npy(p)", "OSError"),
            ("with tempfile.NamedTemporaryFile(suffix='.npy') as f:\n"
             "    f.write(b'garbage'); f.flush(); strided.load_npy(f.name)", "ValueError"),
            ("with tempfile.NamedTemporaryFile(suffix='.npy') as f:\n"
             "    np.save(f, np.zeros(4)); f.truncate(100); f.flush(); strided.load_npy(f.name, mmap=True)",
             "ValueError"),
            # Headers that promise more than the file holds, or than memory can.
            ("strided.load_npy(npy('(10000000000000,)'))", ("ValueError", "MemoryError")),
            ("strided.load_npy(npy('(10000000000000,)'), mmap=True)", "ValueError"),
            ("strided.load_npy(npy('(4611686018427387904,)'))", "ValueError"),
            ("strided.load_npy(npy('(4611686018427387904,)'), mmap=True)", "ValueError"),
            ("strided.load_npy(npy('(-1,)'))", "ValueError"),
            ("strided.load_npy(npy('(2, 3)', b'\\0' * 48, descr='<V0'))", ("ok", "ValueError")),
            ("strided.load_npy(None)", "TypeError"),
            ("strided.load_npy(5)", "TypeError"),
            ("strided.load_npy('a\\x00b')", "ValueError"),
            ("strided.load_npy()", "TypeError"),
        ])


def _request(obj, flags):
    """PyObject_GetBuffer with exactly `flags`; returns the filled Py_buffer (release it)."""
    view = Py_buffer()
    if _GetBufferAPI(ctypes.py_object(obj), ctypes.byref(view), flags) != 0:
        raise AssertionError("unreachable: ctypes raises the exporter's exception")
    return view


def _release(view):
    _ReleaseBufferAPI(ctypes.byref(view))


_GetBufferAPI = _api.PyObject_GetBuffer
_GetBufferAPI.argtypes = [ctypes.py_object, ctypes.POINTER(Py_buffer), ctypes.c_int]
_ReleaseBufferAPI = _api.PyBuffer_Release
_ReleaseBufferAPI.argtypes = [ctypes.POINTER(Py_buffer)]


if __name__ == "__main__":
    unittest.main()
