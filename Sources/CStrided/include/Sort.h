#ifndef STRIDED_SORT_H
#define STRIDED_SORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// In-place ascending sorts of contiguous buffers with an AVX-512 or AVX2
/// vectorized quicksort.
///
/// Each returns 1 when it sorted `x`, and 0 (leaving `x` untouched) when the
/// processor lacks AVX2 or the target is not x86-64; the caller then sorts
/// with its own fallback. Floats order like NumPy: -inf < ... < -0.0 == +0.0
/// < ... < +inf < NaN, with every bit pattern (NaN payloads, signed zeros)
/// preserved; -0.0 ends up just before +0.0.
///
/// The vector extension is the level Isa.h chooses, read at each call.
int strided_sort_f64(double *x, size_t n);
int strided_sort_f32(float *x, size_t n);
int strided_sort_i64(int64_t *x, size_t n);
int strided_sort_u64(uint64_t *x, size_t n);
int strided_sort_i32(int32_t *x, size_t n);
int strided_sort_u32(uint32_t *x, size_t n);

#ifdef __cplusplus
}
#endif

#endif
