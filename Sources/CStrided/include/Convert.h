// Element-type conversions of contiguous runs, for Strided's converted(to:).
//
// Each kernel converts n elements from x to y with Strided's rules: floats
// to integers truncate toward zero and saturate at the target's bounds
// (NaN gives 0); integers to integers wrap modulo 2ⁿ; anything to a float
// rounds to nearest. The loops are compiled for AVX-512, AVX2 and the
// baseline, and the processor picks at load time.
#ifndef STRIDED_CONVERT_H
#define STRIDED_CONVERT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The element types, as the codes below take them.
enum strided_numeric_type {
  STRIDED_I8, STRIDED_U8, STRIDED_I16, STRIDED_U16, STRIDED_I32, STRIDED_U32, STRIDED_I64, STRIDED_U64,
  STRIDED_F32, STRIDED_F64, STRIDED_NUMERIC_TYPES
};

typedef void (*strided_conversion)(const void *x, void *y, size_t n);

/// The kernel from `source` to `target` (codes of strided_numeric_type), or
/// NULL when they are the same type or a code is out of range.
strided_conversion strided_conversion_kernel(int source, int target);

#ifdef __cplusplus
}
#endif

#endif
