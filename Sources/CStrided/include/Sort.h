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

/// The element types of the steps below.
enum strided_sort_type {
  STRIDED_SORT_F64, STRIDED_SORT_F32, STRIDED_SORT_I64, STRIDED_SORT_U64, STRIDED_SORT_I32, STRIDED_SORT_U32
};

/// The same sort in steps, for a caller that spreads one long array over
/// threads: strided_sort_begin turns the elements into keys in place (0,
/// and nothing done, where the sorts above would return 0; it may be called
/// on parts of the array, in any order, from any thread); strided_sort_split
/// partitions the keys once and returns m, every key of x[0..<m) at most
/// every key of x[m..<n) (0 when nothing was split off); strided_sort_keys
/// sorts keys (each side, on a thread of its own); strided_sort_end turns
/// keys back into elements (by parts, as begin). The result is the sort
/// above's.
int strided_sort_begin(int type, void *x, size_t n);
size_t strided_sort_split(int type, void *x, size_t n);
void strided_sort_keys(int type, void *x, size_t n);
void strided_sort_end(int type, void *x, size_t n);

#ifdef __cplusplus
}
#endif

#endif
