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
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Whether the vector functions below are usable: the processor has AVX2
/// and FMA and STRIDED_ISA does not ask for the baseline (see Isa.h, which
/// also picks between the AVX-512 and AVX2 variants).
int strided_vector_math_available(void);

/// y[i] = 1 when x[i] is NaN (`which` 0), infinite (1) or finite (2), else
/// 0; returns 0 and does nothing without AVX2.
int strided_classify_f64(int which, const double *x, uint8_t *y, size_t n);
int strided_classify_f32(int which, const float *x, uint8_t *y, size_t n);

int strided_exp_f64(const double *x, double *y, size_t n);
int strided_exp_f32(const float *x, float *y, size_t n);
int strided_log_f64(const double *x, double *y, size_t n);
int strided_log_f32(const float *x, float *y, size_t n);
int strided_sin_f64(const double *x, double *y, size_t n);
int strided_sin_f32(const float *x, float *y, size_t n);
int strided_cos_f64(const double *x, double *y, size_t n);
int strided_cos_f32(const float *x, float *y, size_t n);
int strided_tanh_f64(const double *x, double *y, size_t n);
int strided_tanh_f32(const float *x, float *y, size_t n);
int strided_log2_f64(const double *x, double *y, size_t n);
int strided_log2_f32(const float *x, float *y, size_t n);
int strided_log10_f64(const double *x, double *y, size_t n);
int strided_log10_f32(const float *x, float *y, size_t n);
int strided_exp2_f64(const double *x, double *y, size_t n);
int strided_exp2_f32(const float *x, float *y, size_t n);
int strided_expm1_f64(const double *x, double *y, size_t n);
int strided_expm1_f32(const float *x, float *y, size_t n);
int strided_log1p_f64(const double *x, double *y, size_t n);
int strided_log1p_f32(const float *x, float *y, size_t n);
int strided_cbrt_f64(const double *x, double *y, size_t n);
int strided_cbrt_f32(const float *x, float *y, size_t n);
int strided_tan_f64(const double *x, double *y, size_t n);
int strided_tan_f32(const float *x, float *y, size_t n);
int strided_asin_f64(const double *x, double *y, size_t n);
int strided_asin_f32(const float *x, float *y, size_t n);
int strided_acos_f64(const double *x, double *y, size_t n);
int strided_acos_f32(const float *x, float *y, size_t n);
int strided_atan_f64(const double *x, double *y, size_t n);
int strided_atan_f32(const float *x, float *y, size_t n);
int strided_sinh_f64(const double *x, double *y, size_t n);
int strided_sinh_f32(const float *x, float *y, size_t n);
int strided_cosh_f64(const double *x, double *y, size_t n);
int strided_cosh_f32(const float *x, float *y, size_t n);
int strided_asinh_f64(const double *x, double *y, size_t n);
int strided_asinh_f32(const float *x, float *y, size_t n);
int strided_acosh_f64(const double *x, double *y, size_t n);
int strided_acosh_f32(const float *x, float *y, size_t n);
int strided_atanh_f64(const double *x, double *y, size_t n);
int strided_atanh_f32(const float *x, float *y, size_t n);

/// z[i] = f(x[i], y[i]) for the two-argument functions.
int strided_atan2_f64(const double *x, const double *y, double *z, size_t n);
int strided_atan2_f32(const float *x, const float *y, float *z, size_t n);
int strided_hypot_f64(const double *x, const double *y, double *z, size_t n);
int strided_hypot_f32(const float *x, const float *y, float *z, size_t n);
int strided_pow_f64(const double *x, const double *y, double *z, size_t n);
int strided_pow_f32(const float *x, const float *y, float *z, size_t n);
/// z[i] = pow(x[i], e) for one exponent.
int strided_pow_scalar_f64(const double *x, double e, double *z, size_t n);
int strided_pow_scalar_f32(const float *x, float e, float *z, size_t n);

#ifdef __cplusplus
}
#endif

#endif
