// The C interface between Strided and its CPython extension module
// (Python/stridedmodule.c): views as opaque handles, described in the terms
// of the buffer protocol. Nothing here needs Python's headers.
#ifndef STRIDED_PYTHON_BRIDGE_H
#define STRIDED_PYTHON_BRIDGE_H

#ifdef __cplusplus
extern "C" {
#endif

/// What a consumer of the buffer protocol needs of a view; valid while the
/// handle is.
typedef struct {
  void *buf;             // the first element
  long len;              // bytes covered by the items: the element count × itemsize
  long itemsize;
  const char *format;    // PEP 3118, as Strided describes it
  int ndim;
  const long *shape;
  const long *strides;   // bytes; negative and zero allowed
  int readonly;
  int c_contiguous;
  int f_contiguous;
} strided_py_info;

/// CPython's `Py_buffer`, field for field (its layout is part of CPython's
/// stable ABI), so that Swift can take buffers without Python's headers.
typedef struct {
  void *buf;
  void *obj;
  long len;
  long itemsize;
  int readonly;
  int ndim;
  char *format;
  long *shape;
  long *strides;
  long *suboffsets;
  void *internal;
} strided_py_buffer;

/// A view of a Python object's buffer, through `NDView(pythonBuffer:)`;
/// called with the GIL held. NULL on failure: `*python_error` is 1 when
/// the exporter refused and its Python exception is set, else 0 with the
/// reason in `error`.
void *strided_py_import(void *object, int *python_error, char *error, long error_capacity);

/// A zero-filled view of `format` and `shape`, in C (`fortran` 0) or
/// Fortran order.
void *strided_py_zeros(const char *format, int ndim, const long *shape, int fortran, char *error, long error_capacity);

/// The doubles 0, 1, …, n − 1 (none for a negative n), or NULL when their
/// byte size overflows or the memory cannot be had (the error kind says
/// which).
void *strided_py_arange(long n);

/// The exception the last failed call of the Swift side raises: one of the
/// kinds below (Swift's PythonException), its reason in that call's `error`
/// buffer. Called with the GIL held, as every function of the bridge is.
int strided_py_error_kind(void);

enum {
  STRIDED_PY_VALUE_ERROR = 1,
  STRIDED_PY_TYPE_ERROR = 2,
  STRIDED_PY_INDEX_ERROR = 3,
  STRIDED_PY_AXIS_ERROR = 4,
  STRIDED_PY_MEMORY_ERROR = 5,
  STRIDED_PY_BUFFER_ERROR = 6,
  STRIDED_PY_OS_ERROR = 7,
};

/// A `.npy` file, read (`map` 0) or memory-mapped read-only (`map` 1).
void *strided_py_load_npy(const char *path, int map, char *error, long error_capacity);

/// New views of a view, or NULL with the reason in `error`. A slice bound
/// of LONG_MIN is omitted (Python's None).
void *strided_py_slice(void *view, int axis, long start, long stop, long step, char *error, long error_capacity);
void *strided_py_at(void *view, int axis, long index, char *error, long error_capacity);
void *strided_py_transpose(void *view);
void *strided_py_reshape(void *view, int ndim, const long *shape, char *error, long error_capacity);
void *strided_py_broadcast(void *view, int ndim, const long *shape, char *error, long error_capacity);
void *strided_py_field(void *view, const char *name, char *error, long error_capacity);

/// Strided's `matmul` of two numeric views (a new array), and the sum of
/// one's elements as a double.
void *strided_py_matmul(void *a, void *b, char *error, long error_capacity);
int strided_py_sum(void *view, double *result, char *error, long error_capacity);

/// The view's items in C order, copied into `out` (`capacity` bytes);
/// returns the byte count, or -1 when `out` is too small.
long strided_py_copy_bytes(void *view, void *out, long capacity);

/// Describes a view for the buffer protocol.
void strided_py_info_of(void *view, strided_py_info *info);

/// Lets go of a view handle.
void strided_py_release(void *view);

#ifdef __cplusplus
}
#endif

#endif
