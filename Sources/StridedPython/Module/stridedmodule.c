// The `strided` CPython extension module: Strided views as Python buffers
// (PEP 3118's bf_getbuffer and bf_releasebuffer), and any Python buffer as
// a Strided view, without copies. The views themselves live in Swift,
// behind the C functions of PythonBridge.h.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "PythonBridge.h"

typedef struct {
  PyObject_HEAD
  void *handle;
  Py_ssize_t exports;  // buffers handed out and not yet released
} ViewObject;

static PyTypeObject ViewType;

// A View object owning `handle`, or NULL with `error` raised as ValueError.
static PyObject *wrap(void *handle, const char *error) {
  if (handle == NULL) {
    PyErr_Format(PyExc_ValueError, "strided: %s", error);
    return NULL;
  }
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
    if (!python_error) PyErr_Format(PyExc_BufferError, "strided: %s", error);
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
  for (int i = 0; i < count; i++) PyTuple_SET_ITEM(tuple, i, PyLong_FromLong(values[i]));
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

// Reads a sequence of integers into `out` (at most 64).
static int read_shape(PyObject *sequence, long *out, int *count) {
  PyObject *fast = PySequence_Fast(sequence, "strided: a shape is a sequence of integers");
  if (fast == NULL) return -1;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
  if (n > 64) {
    Py_DECREF(fast);
    PyErr_SetString(PyExc_ValueError, "strided: at most 64 axes");
    return -1;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    out[i] = PyLong_AsLong(PySequence_Fast_GET_ITEM(fast, i));
    if (out[i] == -1 && PyErr_Occurred()) {
      Py_DECREF(fast);
      return -1;
    }
  }
  *count = (int)n;
  Py_DECREF(fast);
  return 0;
}

// An omitted bound (None) crosses as LONG_MIN; Strided resolves bounds
// as NumPy does.
static int read_bound(PyObject *object, long *out) {
  if (object == Py_None) {
    *out = LONG_MIN;
    return 0;
  }
  *out = PyLong_AsLong(object);
  return (*out == -1 && PyErr_Occurred()) ? -1 : 0;
}

static PyObject *View_slice(ViewObject *self, PyObject *args) {
  int axis;
  long start, stop, step = 1;
  PyObject *start_object = Py_None, *stop_object = Py_None;
  if (!PyArg_ParseTuple(args, "i|OOl:slice", &axis, &start_object, &stop_object, &step)) return NULL;
  if (read_bound(start_object, &start) < 0 || read_bound(stop_object, &stop) < 0) return NULL;
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
  const char *text = PyUnicode_AsUTF8(name);
  if (text == NULL) return NULL;
  char error[512] = "";
  return wrap(strided_py_field(self->handle, text, error, sizeof error), error);
}

static PyObject *View_tobytes(ViewObject *self, PyObject *unused) {
  (void)unused;
  strided_py_info info;
  strided_py_info_of(self->handle, &info);
  PyObject *bytes = PyBytes_FromStringAndSize(NULL, info.len);
  if (bytes == NULL) return NULL;
  strided_py_copy_bytes(self->handle, PyBytes_AS_STRING(bytes), info.len);
  return bytes;
}

static PyObject *sum_of(void *handle) {
  double result;
  char error[512] = "";
  if (strided_py_sum(handle, &result, error, sizeof error) < 0) {
    PyErr_Format(PyExc_TypeError, "strided: %s", error);
    return NULL;
  }
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

static PyObject *module_zeros(PyObject *module, PyObject *args, PyObject *kwargs) {
  (void)module;
  static char *keywords[] = {"format", "shape", "order", NULL};
  const char *format, *order = "C";
  PyObject *shape;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "sO|s:zeros", keywords, &format, &shape, &order)) return NULL;
  long dims[64];
  int count;
  if (read_shape(shape, dims, &count) < 0) return NULL;
  char error[512] = "";
  return wrap(strided_py_zeros(format, count, dims, order[0] == 'F', error, sizeof error), error);
}

static PyObject *module_arange(PyObject *module, PyObject *arg) {
  (void)module;
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred()) return NULL;
  return wrap(strided_py_arange(n), "");
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
  PyObject *module = PyModule_Create(&module_definition);
  if (module == NULL) return NULL;
  Py_INCREF(&ViewType);
  if (PyModule_AddObject(module, "View", (PyObject *)&ViewType) < 0) {
    Py_DECREF(&ViewType);
    Py_DECREF(module);
    return NULL;
  }
  return module;
}
