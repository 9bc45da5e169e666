// The `strided` CPython extension module: Strided views as Python buffers
// (PEP 3118's bf_getbuffer and bf_releasebuffer), and any Python buffer as
// a Strided view, without copies. The views themselves live in Swift,
// behind the C functions of PythonBridge.h.
//
// No argument aborts the interpreter: every failure raises the exception
// NumPy raises for it (MemoryError, ValueError, IndexError, AxisError,
// TypeError, OverflowError, BufferError, OSError).
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "PythonBridge.h"

// strided.AxisError: an axis out of range, both a ValueError and an
// IndexError, as NumPy's AxisError is.
static PyObject *AxisError;

// Raises the exception of the Swift side's last failure, with `message`.
static PyObject *raise_error(const char *message) {
  PyObject *type;
  switch (strided_py_error_kind()) {
    case STRIDED_PY_TYPE_ERROR: type = PyExc_TypeError; break;
    case STRIDED_PY_INDEX_ERROR: type = PyExc_IndexError; break;
    case STRIDED_PY_AXIS_ERROR: type = AxisError; break;
    case STRIDED_PY_MEMORY_ERROR: type = PyExc_MemoryError; break;
    case STRIDED_PY_BUFFER_ERROR: type = PyExc_BufferError; break;
    case STRIDED_PY_OS_ERROR: type = PyExc_OSError; break;
    default: type = PyExc_ValueError; break;
  }
  PyErr_Format(type, "strided: %s", message);
  return NULL;
}

typedef struct {
  PyObject_HEAD
  void *handle;
  Py_ssize_t exports;  // buffers handed out and not yet released
} ViewObject;

static PyTypeObject ViewType;

// A View object owning `handle`, or NULL with the Swift side's exception
// raised with `error`.
static PyObject *wrap(void *handle, const char *error) {
  if (handle == NULL) return raise_error(error);
  ViewObject *view = PyObject_New(ViewObject, &ViewType);
  if (view == NULL) {
    strided_py_release(handle);
    return NULL;
  }
  view->handle = handle;
  view->exports = 0;
  return (PyObject *)view;
}

// A Strided view of `object`'s buffer (Swift's NDView(pythonBuffer:)),
// writable when the exporter allows.
static PyObject *import_buffer(PyObject *object) {
  if (PyObject_TypeCheck(object, &ViewType)) {
    Py_INCREF(object);
    return object;
  }
  int python_error = 0;
  char error[512] = "";
  void *handle = strided_py_import(object, &python_error, error, sizeof error);
  if (handle == NULL) {
    if (!python_error) return raise_error(error);
    // An exporter that failed without saying why.
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_BufferError, "strided: the exporter refused without an exception");
    return NULL;
  }
  return wrap(handle, error);
}

// MARK: The buffer protocol

static int buffer_error(const char *message) {
  PyErr_Format(PyExc_BufferError, "strided: %s", message);
  return -1;
}

static int View_getbuffer(ViewObject *self, Py_buffer *view, int flags) {
  strided_py_info info;
  strided_py_info_of(self->handle, &info);
  if ((flags & PyBUF_WRITABLE) == PyBUF_WRITABLE && info.readonly) return buffer_error("the view is read-only");
  if ((flags & PyBUF_C_CONTIGUOUS) == PyBUF_C_CONTIGUOUS && !info.c_contiguous)
    return buffer_error("the view is not C-contiguous");
  if ((flags & PyBUF_F_CONTIGUOUS) == PyBUF_F_CONTIGUOUS && !info.f_contiguous)
    return buffer_error("the view is not Fortran-contiguous");
  if ((flags & PyBUF_ANY_CONTIGUOUS) == PyBUF_ANY_CONTIGUOUS && !info.c_contiguous && !info.f_contiguous)
    return buffer_error("the view is not contiguous");
  int strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES;
  int shape = (flags & PyBUF_ND) == PyBUF_ND;
  // A consumer that takes no strides reads C order.
  if (!strides && !info.c_contiguous) return buffer_error("the view is not C-contiguous and the consumer takes no strides");
  view->buf = info.buf;
  view->obj = (PyObject *)self;
  Py_INCREF(self);
  view->len = info.len;
  view->readonly = info.readonly;
  view->itemsize = info.itemsize;
  view->format = (flags & PyBUF_FORMAT) ? (char *)info.format : NULL;
  view->ndim = shape ? info.ndim : 1;
  view->shape = shape ? (Py_ssize_t *)info.shape : NULL;
  view->strides = strides ? (Py_ssize_t *)info.strides : NULL;
  view->suboffsets = NULL;
  view->internal = NULL;
  self->exports++;
  return 0;
}

static void View_releasebuffer(ViewObject *self, Py_buffer *view) {
  (void)view;
  self->exports--;
}

static PyBufferProcs View_as_buffer = {
    .bf_getbuffer = (getbufferproc)View_getbuffer,
    .bf_releasebuffer = (releasebufferproc)View_releasebuffer,
};

// MARK: The View type

static PyObject *View_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
  (void)type;
  static char *keywords[] = {"object", NULL};
  PyObject *object;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O:View", keywords, &object)) return NULL;
  return import_buffer(object);
}

static void View_dealloc(ViewObject *self) {
  strided_py_release(self->handle);
  PyObject_Free(self);
}

static PyObject *tuple_of(const long *values, int count) {
  PyObject *tuple = PyTuple_New(count);
  if (tuple == NULL) return NULL;
  for (int i = 0; i < count; i++) {
    PyObject *value = PyLong_FromLong(values[i]);
    if (value == NULL) {
      Py_DECREF(tuple);
      return NULL;
    }
    PyTuple_SET_ITEM(tuple, i, value);
  }
  return tuple;
}

static PyObject *View_get_format(ViewObject *self, void *closure) {
  (void)closure;
  strided_py_info info;
  strided_py_info_of(self->handle, &info);
  return PyUnicode_FromString(info.format);
}

#define INFO_GETTER(name, expression)                               \
  static PyObject *View_get_##name(ViewObject *self, void *closure) { \
    (void)closure;                                                  \
    strided_py_info info;                                           \
    strided_py_info_of(self->handle, &info);                        \
    return expression;                                              \
  }

INFO_GETTER(itemsize, PyLong_FromLong(info.itemsize))
INFO_GETTER(ndim, PyLong_FromLong(info.ndim))
INFO_GETTER(shape, tuple_of(info.shape, info.ndim))
INFO_GETTER(strides, tuple_of(info.strides, info.ndim))
INFO_GETTER(readonly, PyBool_FromLong(info.readonly))
INFO_GETTER(c_contiguous, PyBool_FromLong(info.c_contiguous))
INFO_GETTER(f_contiguous, PyBool_FromLong(info.f_contiguous))
INFO_GETTER(address, PyLong_FromVoidPtr(info.buf))

static PyObject *View_get_exports(ViewObject *self, void *closure) {
  (void)closure;
  return PyLong_FromSsize_t(self->exports);
}

static PyGetSetDef View_getset[] = {
    {"format", (getter)View_get_format, NULL, "Strided's PEP 3118 format string", NULL},
    {"itemsize", (getter)View_get_itemsize, NULL, "bytes per item", NULL},
    {"ndim", (getter)View_get_ndim, NULL, "number of axes", NULL},
    {"shape", (getter)View_get_shape, NULL, "size of each axis", NULL},
    {"strides", (getter)View_get_strides, NULL, "byte step of each axis", NULL},
    {"readonly", (getter)View_get_readonly, NULL, "whether the view is read-only", NULL},
    {"c_contiguous", (getter)View_get_c_contiguous, NULL, "C order without gaps", NULL},
    {"f_contiguous", (getter)View_get_f_contiguous, NULL, "Fortran order without gaps", NULL},
    {"address", (getter)View_get_address, NULL, "address of the first item", NULL},
    {"exports", (getter)View_get_exports, NULL, "buffers handed out and not yet released", NULL},
    {NULL},
};

// Reads one size of a shape: an integer (or an object with __index__); one
// too large for a C long is NumPy's ValueError.
static int read_size(PyObject *object, long *out) {
  int overflow;
  *out = PyLong_AsLongAndOverflow(object, &overflow);
  if (*out == -1 && PyErr_Occurred()) return -1;
  if (overflow) {
    PyErr_SetString(PyExc_ValueError, "strided: maximum allowed dimension exceeded");
    return -1;
  }
  return 0;
}

// Reads a shape into `out` (at most 64 sizes): a sequence of integers, or
// one integer for one axis, as NumPy takes them (a NumPy array is a
// sequence, though it has __index__). Negative sizes pass, for Strided to
// judge (reshape's -1).
static int read_shape(PyObject *shape, long *out, int *count) {
  if (!PySequence_Check(shape) && PyIndex_Check(shape)) {
    *count = 1;
    return read_size(shape, &out[0]);
  }
  PyObject *fast = PySequence_Fast(shape, "strided: a shape is a sequence of integers");
  if (fast == NULL) return -1;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
  if (n > 64) {
    Py_DECREF(fast);
    PyErr_Format(PyExc_ValueError, "strided: maximum supported dimension is 64, found %zd", n);
    return -1;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    if (read_size(PySequence_Fast_GET_ITEM(fast, i), &out[i]) < 0) {
      Py_DECREF(fast);
      return -1;
    }
  }
  *count = (int)n;
  Py_DECREF(fast);
  return 0;
}

// A slice bound, as Python reads one: None (omitted, crossing as
// LONG_MIN), or an integer clamped to the range of a C long, the lowest
// taken as LONG_MIN + 1 (which clips alike) so it is not read as omitted.
// Strided resolves bounds as NumPy does.
static int read_bound(PyObject *object, long *out) {
  if (object == Py_None) {
    *out = LONG_MIN;
    return 0;
  }
  Py_ssize_t value = PyNumber_AsSsize_t(object, NULL);
  if (value == -1 && PyErr_Occurred()) return -1;
  *out = value == LONG_MIN ? LONG_MIN + 1 : value;
  return 0;
}

static PyObject *View_slice(ViewObject *self, PyObject *args) {
  int axis;
  long start, stop, step = 1;
  PyObject *start_object = Py_None, *stop_object = Py_None, *step_object = Py_None;
  if (!PyArg_ParseTuple(args, "i|OOO:slice", &axis, &start_object, &stop_object, &step_object)) return NULL;
  if (read_bound(start_object, &start) < 0 || read_bound(stop_object, &stop) < 0) return NULL;
  // A step of None is 1; the lowest is -LONG_MAX, as Python clamps it.
  if (step_object != Py_None && read_bound(step_object, &step) < 0) return NULL;
  char error[512] = "";
  return wrap(strided_py_slice(self->handle, axis, start, stop, step, error, sizeof error), error);
}

static PyObject *View_at(ViewObject *self, PyObject *args) {
  int axis;
  long index;
  if (!PyArg_ParseTuple(args, "il:at", &axis, &index)) return NULL;
  char error[512] = "";
  return wrap(strided_py_at(self->handle, axis, index, error, sizeof error), error);
}

static PyObject *View_transpose(ViewObject *self, PyObject *unused) {
  (void)unused;
  return wrap(strided_py_transpose(self->handle), "");
}

static PyObject *View_reshape(ViewObject *self, PyObject *shape) {
  long dims[64];
  int count;
  if (read_shape(shape, dims, &count) < 0) return NULL;
  char error[512] = "";
  return wrap(strided_py_reshape(self->handle, count, dims, error, sizeof error), error);
}

static PyObject *View_broadcast_to(ViewObject *self, PyObject *shape) {
  long dims[64];
  int count;
  if (read_shape(shape, dims, &count) < 0) return NULL;
  char error[512] = "";
  return wrap(strided_py_broadcast(self->handle, count, dims, error, sizeof error), error);
}

static PyObject *View_field(ViewObject *self, PyObject *name) {
  if (!PyUnicode_Check(name)) {
    PyErr_Format(PyExc_TypeError, "strided: a field name is a str, not %.200s", Py_TYPE(name)->tp_name);
    return NULL;
  }
  Py_ssize_t size;
  const char *text = PyUnicode_AsUTF8AndSize(name, &size);
  if (text == NULL) return NULL;
  // The name crosses as a C string: a NUL inside would cut it short.
  if ((size_t)size != strlen(text)) {
    PyErr_SetString(PyExc_ValueError, "strided: embedded null character in a field name");
    return NULL;
  }
  char error[512] = "";
  return wrap(strided_py_field(self->handle, text, error, sizeof error), error);
}

static PyObject *View_tobytes(ViewObject *self, PyObject *unused) {
  (void)unused;
  strided_py_info info;
  strided_py_info_of(self->handle, &info);
  // MemoryError (as NumPy's tobytes raises) when the bytes cannot be had.
  PyObject *bytes = PyBytes_FromStringAndSize(NULL, info.len);
  if (bytes == NULL) return NULL;
  if (strided_py_copy_bytes(self->handle, PyBytes_AS_STRING(bytes), info.len) != info.len) {
    Py_DECREF(bytes);
    PyErr_SetString(PyExc_SystemError, "strided: the view's bytes could not be copied");
    return NULL;
  }
  return bytes;
}

static PyObject *sum_of(void *handle) {
  double result;
  char error[512] = "";
  if (strided_py_sum(handle, &result, error, sizeof error) < 0) return raise_error(error);
  return PyFloat_FromDouble(result);
}

static PyObject *View_sum(ViewObject *self, PyObject *unused) {
  (void)unused;
  return sum_of(self->handle);
}

static PyMethodDef View_methods[] = {
    {"slice", (PyCFunction)View_slice, METH_VARARGS, "slice(axis, start=None, stop=None, step=1): a view"},
    {"at", (PyCFunction)View_at, METH_VARARGS, "at(axis, index): the view with one axis fixed"},
    {"transpose", (PyCFunction)View_transpose, METH_NOARGS, "the axes reversed: a view"},
    {"reshape", (PyCFunction)View_reshape, METH_O, "reshape(shape): a view, or ValueError when a copy is needed"},
    {"broadcast_to", (PyCFunction)View_broadcast_to, METH_O, "broadcast_to(shape): a view with zero strides"},
    {"field", (PyCFunction)View_field, METH_O, "field(name): a record field (a.b for nested ones): a view"},
    {"tobytes", (PyCFunction)View_tobytes, METH_NOARGS, "the items' bytes in C order, as Strided reads them"},
    {"sum", (PyCFunction)View_sum, METH_NOARGS, "the sum of the elements (Strided's), as a float"},
    {NULL},
};

static PyTypeObject ViewType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "strided.View",
    .tp_basicsize = sizeof(ViewObject),
    .tp_dealloc = (destructor)View_dealloc,
    .tp_as_buffer = &View_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A Strided view: View(obj) views any object that exports a buffer, without copying it; "
              "memoryview(v) and np.asarray(v) view the view.",
    .tp_methods = View_methods,
    .tp_getset = View_getset,
    .tp_new = View_new,
};

// MARK: Module functions

// NumPy's order argument of zeros: 'C' or 'F', either case (None is C);
// 'A' and 'K' name no order for a new array.
static int read_order(PyObject *order, int *fortran) {
  *fortran = 0;
  if (order == Py_None) return 0;
  if (!PyUnicode_Check(order)) {
    PyErr_Format(PyExc_TypeError, "strided: order must be str, not %.200s", Py_TYPE(order)->tp_name);
    return -1;
  }
  if (PyUnicode_GetLength(order) == 1) {
    switch (PyUnicode_READ_CHAR(order, 0)) {
      case 'C': case 'c': return 0;
      case 'F': case 'f': *fortran = 1; return 0;
      case 'A': case 'a': case 'K': case 'k':
        PyErr_SetString(PyExc_ValueError, "strided: only 'C' or 'F' order is permitted");
        return -1;
    }
  }
  PyErr_Format(PyExc_ValueError, "strided: order must be one of 'C', 'F', 'A', or 'K' (got %R)", order);
  return -1;
}

static PyObject *module_zeros(PyObject *module, PyObject *args, PyObject *kwargs) {
  (void)module;
  static char *keywords[] = {"format", "shape", "order", NULL};
  const char *format;
  PyObject *shape, *order = Py_None;
  int fortran;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "sO|O:zeros", keywords, &format, &shape, &order)) return NULL;
  if (read_order(order, &fortran) < 0) return NULL;
  long dims[64];
  int count;
  if (read_shape(shape, dims, &count) < 0) return NULL;
  char error[512] = "";
  return wrap(strided_py_zeros(format, count, dims, fortran, error, sizeof error), error);
}

static PyObject *module_arange(PyObject *module, PyObject *arg) {
  (void)module;
  int overflow;
  long n = PyLong_AsLongAndOverflow(arg, &overflow);
  if (n == -1 && PyErr_Occurred()) return NULL;
  // Past a C long: NumPy's ValueError; far below, no numbers.
  if (overflow > 0) {
    PyErr_SetString(PyExc_ValueError, "strided: arange: maximum allowed size exceeded");
    return NULL;
  }
  if (overflow < 0 || n < 0) n = 0;
  void *handle = strided_py_arange(n);
  if (handle == NULL) {
    // Strided fails only where NumPy does: on a size in bytes that
    // overflows (ValueError), or memory the system cannot give.
    if (n > LONG_MAX / (long)sizeof(double))
      PyErr_Format(PyExc_ValueError, "strided: arange(%ld): the array is too big: its size in bytes overflows", n);
    else
      PyErr_Format(PyExc_MemoryError, "strided: arange(%ld): out of memory allocating %ld bytes", n,
                   n * (long)sizeof(double));
    return NULL;
  }
  return wrap(handle, "");
}

// An OSError for a .npy file Strided could not read: of the subclass the
// file's errno names when it cannot be opened or is a directory
// (FileNotFoundError, PermissionError, IsADirectoryError, as NumPy's open
// raises them), else with Strided's message.
static PyObject *raise_os_error(PyObject *path, const char *message) {
  int code = 0;
  // Without blocking: the path may name a FIFO.
  int fd = open(PyBytes_AS_STRING(path), O_RDONLY | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    code = errno;
  } else {
    struct stat status;
    if (fstat(fd, &status) == 0 && S_ISDIR(status.st_mode)) code = EISDIR;
    close(fd);
  }
  if (code == 0) {
    PyErr_Format(PyExc_OSError, "strided: %s", message);
    return NULL;
  }
  PyObject *name = PyUnicode_DecodeFSDefault(PyBytes_AS_STRING(path));
  if (name == NULL) return NULL;
  errno = code;
  PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, name);
  Py_DECREF(name);
  return NULL;
}

static PyObject *module_load_npy(PyObject *module, PyObject *args, PyObject *kwargs) {
  (void)module;
  static char *keywords[] = {"path", "mmap", NULL};
  PyObject *path;
  int map = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O&|p:load_npy", keywords, PyUnicode_FSConverter, &path, &map))
    return NULL;
  char error[512] = "";
  void *handle = strided_py_load_npy(PyBytes_AS_STRING(path), map, error, sizeof error);
  if (handle == NULL && strided_py_error_kind() == STRIDED_PY_OS_ERROR) {
    raise_os_error(path, error);
    Py_DECREF(path);
    return NULL;
  }
  Py_DECREF(path);
  return wrap(handle, error);
}

static PyObject *module_matmul(PyObject *module, PyObject *args) {
  (void)module;
  PyObject *a, *b;
  if (!PyArg_ParseTuple(args, "OO:matmul", &a, &b)) return NULL;
  PyObject *x = import_buffer(a);
  if (x == NULL) return NULL;
  PyObject *y = import_buffer(b);
  if (y == NULL) {
    Py_DECREF(x);
    return NULL;
  }
  char error[512] = "";
  PyObject *result =
      wrap(strided_py_matmul(((ViewObject *)x)->handle, ((ViewObject *)y)->handle, error, sizeof error), error);
  Py_DECREF(x);
  Py_DECREF(y);
  return result;
}

static PyObject *module_sum(PyObject *module, PyObject *a) {
  (void)module;
  PyObject *x = import_buffer(a);
  if (x == NULL) return NULL;
  PyObject *result = sum_of(((ViewObject *)x)->handle);
  Py_DECREF(x);
  return result;
}

static PyMethodDef module_methods[] = {
    {"zeros", (PyCFunction)(void (*)(void))module_zeros, METH_VARARGS | METH_KEYWORDS,
     "zeros(format, shape, order='C'): a zero-filled view of any PEP 3118 format"},
    {"arange", (PyCFunction)module_arange, METH_O, "arange(n): the doubles 0 … n − 1"},
    {"load_npy", (PyCFunction)(void (*)(void))module_load_npy, METH_VARARGS | METH_KEYWORDS,
     "load_npy(path, mmap=False): a .npy file, read or memory-mapped read-only"},
    {"matmul", (PyCFunction)module_matmul, METH_VARARGS,
     "matmul(a, b): Strided's matrix product of two buffers, read in place"},
    {"sum", (PyCFunction)module_sum, METH_O, "sum(a): Strided's sum of a buffer's elements, read in place"},
    {NULL},
};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT,
    .m_name = "strided",
    .m_doc = "Strided's N-dimensional views, through the buffer protocol.",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC PyInit_strided(void) {
  if (PyType_Ready(&ViewType) < 0) return NULL;
  if (AxisError == NULL) {
    PyObject *bases = PyTuple_Pack(2, PyExc_ValueError, PyExc_IndexError);
    if (bases == NULL) return NULL;
    AxisError = PyErr_NewExceptionWithDoc("strided.AxisError", "An axis out of range (NumPy's AxisError).", bases,
                                          NULL);
    Py_DECREF(bases);
    if (AxisError == NULL) return NULL;
  }
  PyObject *module = PyModule_Create(&module_definition);
  if (module == NULL) return NULL;
  Py_INCREF(&ViewType);
  if (PyModule_AddObject(module, "View", (PyObject *)&ViewType) < 0) {
    Py_DECREF(&ViewType);
    Py_DECREF(module);
    return NULL;
  }
  Py_INCREF(AxisError);
  if (PyModule_AddObject(module, "AxisError", AxisError) < 0) {
    Py_DECREF(AxisError);
    Py_DECREF(module);
    return NULL;
  }
  return module;
}
