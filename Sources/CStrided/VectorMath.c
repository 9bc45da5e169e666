#include "VectorMath.h"

#if defined(__x86_64__) && defined(__linux__)

#include <immintrin.h>
#include <string.h>

#define AVX2 __attribute__((target("avx2")))

int strided_vector_math_available(void) {
  // __builtin_cpu_supports reads data the runtime initializes before
  // main: safe from any thread.
  return __builtin_cpu_supports("avx2") ? 1 : 0;
}

// libmvec's AVX2 entry points (the x86-64 vector function ABI).
AVX2 __m256d _ZGVdN4v_exp(__m256d);
AVX2 __m256d _ZGVdN4v_log(__m256d);
AVX2 __m256d _ZGVdN4v_sin(__m256d);
AVX2 __m256d _ZGVdN4v_cos(__m256d);
AVX2 __m256d _ZGVdN4v_tanh(__m256d);
AVX2 __m256 _ZGVdN8v_expf(__m256);
AVX2 __m256 _ZGVdN8v_logf(__m256);
AVX2 __m256 _ZGVdN8v_sinf(__m256);
AVX2 __m256 _ZGVdN8v_cosf(__m256);
AVX2 __m256 _ZGVdN8v_tanhf(__m256);

// Whole vectors, then the tail through a padded vector (padding with 0,
// which every function accepts).
#define DOUBLE_LOOP(NAME, VF)                                              \
  AVX2 static void NAME##_avx2(const double *x, double *y, size_t n) {     \
    size_t i = 0;                                                          \
    for (; i + 4 <= n; i += 4) {                                           \
      _mm256_storeu_pd(y + i, VF(_mm256_loadu_pd(x + i)));                 \
    }                                                                      \
    if (i < n) {                                                           \
      double in[4] = {0, 0, 0, 0}, out[4];                                 \
      memcpy(in, x + i, (n - i) * sizeof(double));                         \
      _mm256_storeu_pd(out, VF(_mm256_loadu_pd(in)));                      \
      memcpy(y + i, out, (n - i) * sizeof(double));                        \
    }                                                                      \
  }                                                                        \
  int NAME(const double *x, double *y, size_t n) {                         \
    if (!strided_vector_math_available()) return 0;                        \
    NAME##_avx2(x, y, n);                                                  \
    return 1;                                                              \
  }

#define FLOAT_LOOP(NAME, VF)                                               \
  AVX2 static void NAME##_avx2(const float *x, float *y, size_t n) {       \
    size_t i = 0;                                                          \
    for (; i + 8 <= n; i += 8) {                                           \
      _mm256_storeu_ps(y + i, VF(_mm256_loadu_ps(x + i)));                 \
    }                                                                      \
    if (i < n) {                                                           \
      float in[8] = {0, 0, 0, 0, 0, 0, 0, 0}, out[8];                      \
      memcpy(in, x + i, (n - i) * sizeof(float));                          \
      _mm256_storeu_ps(out, VF(_mm256_loadu_ps(in)));                      \
      memcpy(y + i, out, (n - i) * sizeof(float));                         \
    }                                                                      \
  }                                                                        \
  int NAME(const float *x, float *y, size_t n) {                           \
    if (!strided_vector_math_available()) return 0;                        \
    NAME##_avx2(x, y, n);                                                  \
    return 1;                                                              \
  }

DOUBLE_LOOP(strided_exp_f64, _ZGVdN4v_exp)
DOUBLE_LOOP(strided_log_f64, _ZGVdN4v_log)
DOUBLE_LOOP(strided_sin_f64, _ZGVdN4v_sin)
DOUBLE_LOOP(strided_cos_f64, _ZGVdN4v_cos)
DOUBLE_LOOP(strided_tanh_f64, _ZGVdN4v_tanh)
FLOAT_LOOP(strided_exp_f32, _ZGVdN8v_expf)
FLOAT_LOOP(strided_log_f32, _ZGVdN8v_logf)
FLOAT_LOOP(strided_sin_f32, _ZGVdN8v_sinf)
FLOAT_LOOP(strided_cos_f32, _ZGVdN8v_cosf)
FLOAT_LOOP(strided_tanh_f32, _ZGVdN8v_tanhf)

#else

// No libmvec here: every function declines, and callers use scalar code.
int strided_vector_math_available(void) { return 0; }
#define DECLINE(NAME, T) \
  int NAME(const T *x, T *y, size_t n) { (void)x; (void)y; (void)n; return 0; }
DECLINE(strided_exp_f64, double)
DECLINE(strided_log_f64, double)
DECLINE(strided_sin_f64, double)
DECLINE(strided_cos_f64, double)
DECLINE(strided_tanh_f64, double)
DECLINE(strided_exp_f32, float)
DECLINE(strided_log_f32, float)
DECLINE(strided_sin_f32, float)
DECLINE(strided_cos_f32, float)
DECLINE(strided_tanh_f32, float)

#endif
