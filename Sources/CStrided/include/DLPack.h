// The DLPack C ABI (unversioned managed tensors), as the DLPack
// specification defines it: the struct layouts every producer and consumer
// agree on, so a tensor can cross library boundaries without a copy.
#ifndef STRIDED_DLPACK_H
#define STRIDED_DLPACK_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Where a tensor's memory lives. Strided produces and consumes CPU memory.
typedef enum {
  kDLCPU = 1,
  kDLCUDA = 2,
  kDLCUDAHost = 3,
} DLDeviceType;

typedef struct {
  DLDeviceType device_type;
  int32_t device_id;
} DLDevice;

/// The kind of an element; `bits` gives its size and `lanes` its vector width.
typedef enum {
  kDLInt = 0,
  kDLUInt = 1,
  kDLFloat = 2,
  kDLOpaqueHandle = 3,
  kDLBfloat = 4,
  kDLComplex = 5,
  kDLBool = 6,
} DLDataTypeCode;

typedef struct {
  uint8_t code;
  uint8_t bits;
  uint16_t lanes;
} DLDataType;

/// A strided tensor. `strides` count elements, not bytes; a NULL `strides`
/// means compact row-major. The first element is at `data + byte_offset`.
typedef struct {
  void *data;
  DLDevice device;
  int32_t ndim;
  DLDataType dtype;
  int64_t *shape;
  int64_t *strides;
  uint64_t byte_offset;
} DLTensor;

/// A tensor with its owner: the consumer calls `deleter` once when done.
typedef struct DLManagedTensor {
  DLTensor dl_tensor;
  void *manager_ctx;
  void (*deleter)(struct DLManagedTensor *self);
} DLManagedTensor;

/// Calls a managed tensor's deleter, if it has one.
static inline void strided_dlpack_delete(DLManagedTensor *tensor) {
  if (tensor != 0 && tensor->deleter != 0) tensor->deleter(tensor);
}

#ifdef __cplusplus
}
#endif

#endif
