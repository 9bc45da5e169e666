// Contiguous elementary functions over glibc's vector math library
// (libmvec), for Strided's kernels.
//
// Each function computes y[i] = f(x[i]) for i < n. With AVX-512 present it
// runs eight doubles (sixteen floats) per call of libmvec's AVX-512 variant,
// with AVX2 four (eight); glibc documents both as at most 4 ulp. Without
// AVX2 it returns 0 and does nothing, and the caller falls back to scalar code.
#ifndef STRIDED_VECTOR_MATH_H
#define STRIDED_VECTOR_MATH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Whether the vector functions below are usable on this processor.
int strided_vector_math_available(void);

/// With a non-zero `limit`, the functions below use libmvec's AVX2 variants
/// even where AVX-512 is present; with 0, the best the processor has. For
/// tests that check both.
void strided_vector_math_limit_to_avx2(int limit);

int strided_exp_f64(const double *x, double *y, size_t n);
int strided_log_f64(const double *x, double *y, size_t n);
int strided_sin_f64(const double *x, double *y, size_t n);
int strided_cos_f64(const double *x, double *y, size_t n);
int strided_tanh_f64(const double *x, double *y, size_t n);
int strided_exp_f32(const float *x, float *y, size_t n);
int strided_log_f32(const float *x, float *y, size_t n);
int strided_sin_f32(const float *x, float *y, size_t n);
int strided_cos_f32(const float *x, float *y, size_t n);
int strided_tanh_f32(const float *x, float *y, size_t n);

#ifdef __cplusplus
}
#endif

#endif
