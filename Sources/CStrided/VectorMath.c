#include "VectorMath.h"

#if defined(__x86_64__) && defined(__linux__)

#include <immintrin.h>
#include <string.h>

#define AVX2 __attribute__((target("avx2")))
#define AVX512 __attribute__((target("avx512f")))

int strided_vector_math_available(void) {
  // __builtin_cpu_supports reads data the runtime initializes before
  // main: safe from any thread.
  return __builtin_cpu_supports("avx2") ? 1 : 0;
}

static _Atomic int limited_to_avx2 = 0;

void strided_vector_math_limit_to_avx2(int limit) { limited_to_avx2 = limit != 0; }

static int has_avx512(void) { return !limited_to_avx2 && __builtin_cpu_supports("avx512f"); }

// libmvec's AVX2 and AVX-512 entry points (the x86-64 vector function ABI).
#define DECLARE_DOUBLE(F)                \
  AVX2 __m256d _ZGVdN4v_##F(__m256d);    \
  AVX512 __m512d _ZGVeN8v_##F(__m512d);
#define DECLARE_FLOAT(F)                 \
  AVX2 __m256 _ZGVdN8v_##F##f(__m256);   \
  AVX512 __m512 _ZGVeN16v_##F##f(__m512);
DECLARE_DOUBLE(exp) DECLARE_FLOAT(exp)
DECLARE_DOUBLE(log) DECLARE_FLOAT(log)
DECLARE_DOUBLE(sin) DECLARE_FLOAT(sin)
DECLARE_DOUBLE(cos) DECLARE_FLOAT(cos)
DECLARE_DOUBLE(tanh) DECLARE_FLOAT(tanh)
DECLARE_DOUBLE(log2) DECLARE_FLOAT(log2)
DECLARE_DOUBLE(log10) DECLARE_FLOAT(log10)
DECLARE_DOUBLE(exp2) DECLARE_FLOAT(exp2)
DECLARE_DOUBLE(expm1) DECLARE_FLOAT(expm1)
DECLARE_DOUBLE(log1p) DECLARE_FLOAT(log1p)
DECLARE_DOUBLE(cbrt) DECLARE_FLOAT(cbrt)
DECLARE_DOUBLE(tan) DECLARE_FLOAT(tan)
DECLARE_DOUBLE(asin) DECLARE_FLOAT(asin)
DECLARE_DOUBLE(acos) DECLARE_FLOAT(acos)
DECLARE_DOUBLE(atan) DECLARE_FLOAT(atan)
DECLARE_DOUBLE(sinh) DECLARE_FLOAT(sinh)
DECLARE_DOUBLE(cosh) DECLARE_FLOAT(cosh)
DECLARE_DOUBLE(asinh) DECLARE_FLOAT(asinh)
DECLARE_DOUBLE(acosh) DECLARE_FLOAT(acosh)
DECLARE_DOUBLE(atanh) DECLARE_FLOAT(atanh)
// Two-argument functions.
#define DECLARE_DOUBLE2(F)                         \
  AVX2 __m256d _ZGVdN4vv_##F(__m256d, __m256d);    \
  AVX512 __m512d _ZGVeN8vv_##F(__m512d, __m512d);
#define DECLARE_FLOAT2(F)                          \
  AVX2 __m256 _ZGVdN8vv_##F##f(__m256, __m256);    \
  AVX512 __m512 _ZGVeN16vv_##F##f(__m512, __m512);
DECLARE_DOUBLE2(atan2) DECLARE_FLOAT2(atan2) DECLARE_DOUBLE2(hypot) DECLARE_FLOAT2(hypot)

// Whole vectors, then the tail through a padded vector (padding with 0,
// which every function accepts). One loop per element type and width.
#define LOOP(NAME, T, WIDTH, TARGET, VT, LOAD, STORE, VF)                  \
  TARGET static void NAME(const T *x, T *y, size_t n) {                    \
    size_t i = 0;                                                          \
    for (; i + WIDTH <= n; i += WIDTH) STORE(y + i, VF(LOAD(x + i)));      \
    if (i < n) {                                                           \
      T in[WIDTH] = {0}, out[WIDTH];                                       \
      memcpy(in, x + i, (n - i) * sizeof(T));                              \
      STORE(out, VF(LOAD(in)));                                            \
      memcpy(y + i, out, (n - i) * sizeof(T));                             \
    }                                                                      \
  }

// The public entry: AVX-512 where the processor has it, else AVX2.
#define FUNCTION(F, T, W2, W5, V2, V5, LOAD2, STORE2, LOAD5, STORE5, VF2, VF5) \
  LOOP(F##_avx2, T, W2, AVX2, V2, LOAD2, STORE2, VF2)                      \
  LOOP(F##_avx512, T, W5, AVX512, V5, LOAD5, STORE5, VF5)                  \
  int F(const T *x, T *y, size_t n) {                                      \
    if (!strided_vector_math_available()) return 0;                        \
    if (has_avx512()) F##_avx512(x, y, n); else F##_avx2(x, y, n);         \
    return 1;                                                              \
  }

#define DOUBLE_FUNCTION(NAME, F)                                                       \
  FUNCTION(NAME, double, 4, 8, __m256d, __m512d, _mm256_loadu_pd, _mm256_storeu_pd, \
           _mm512_loadu_pd, _mm512_storeu_pd, _ZGVdN4v_##F, _ZGVeN8v_##F)
#define FLOAT_FUNCTION(NAME, F)                                                        \
  FUNCTION(NAME, float, 8, 16, __m256, __m512, _mm256_loadu_ps, _mm256_storeu_ps,   \
           _mm512_loadu_ps, _mm512_storeu_ps, _ZGVdN8v_##F##f, _ZGVeN16v_##F##f)

DOUBLE_FUNCTION(strided_exp_f64, exp)
FLOAT_FUNCTION(strided_exp_f32, exp)
DOUBLE_FUNCTION(strided_log_f64, log)
FLOAT_FUNCTION(strided_log_f32, log)
DOUBLE_FUNCTION(strided_sin_f64, sin)
FLOAT_FUNCTION(strided_sin_f32, sin)
DOUBLE_FUNCTION(strided_cos_f64, cos)
FLOAT_FUNCTION(strided_cos_f32, cos)
DOUBLE_FUNCTION(strided_tanh_f64, tanh)
FLOAT_FUNCTION(strided_tanh_f32, tanh)
DOUBLE_FUNCTION(strided_log2_f64, log2)
FLOAT_FUNCTION(strided_log2_f32, log2)
DOUBLE_FUNCTION(strided_log10_f64, log10)
FLOAT_FUNCTION(strided_log10_f32, log10)
DOUBLE_FUNCTION(strided_exp2_f64, exp2)
FLOAT_FUNCTION(strided_exp2_f32, exp2)
DOUBLE_FUNCTION(strided_expm1_f64, expm1)
FLOAT_FUNCTION(strided_expm1_f32, expm1)
DOUBLE_FUNCTION(strided_log1p_f64, log1p)
FLOAT_FUNCTION(strided_log1p_f32, log1p)
DOUBLE_FUNCTION(strided_cbrt_f64, cbrt)
FLOAT_FUNCTION(strided_cbrt_f32, cbrt)
DOUBLE_FUNCTION(strided_tan_f64, tan)
FLOAT_FUNCTION(strided_tan_f32, tan)
DOUBLE_FUNCTION(strided_asin_f64, asin)
FLOAT_FUNCTION(strided_asin_f32, asin)
DOUBLE_FUNCTION(strided_acos_f64, acos)
FLOAT_FUNCTION(strided_acos_f32, acos)
DOUBLE_FUNCTION(strided_atan_f64, atan)
FLOAT_FUNCTION(strided_atan_f32, atan)
DOUBLE_FUNCTION(strided_sinh_f64, sinh)
FLOAT_FUNCTION(strided_sinh_f32, sinh)
DOUBLE_FUNCTION(strided_cosh_f64, cosh)
FLOAT_FUNCTION(strided_cosh_f32, cosh)
DOUBLE_FUNCTION(strided_asinh_f64, asinh)
FLOAT_FUNCTION(strided_asinh_f32, asinh)
DOUBLE_FUNCTION(strided_acosh_f64, acosh)
FLOAT_FUNCTION(strided_acosh_f32, acosh)
DOUBLE_FUNCTION(strided_atanh_f64, atanh)
FLOAT_FUNCTION(strided_atanh_f32, atanh)

// Two inputs, one output: the same loop shape, the tail padded with 1s.
#define LOOP2(NAME, T, WIDTH, TARGET, VT, LOAD, STORE, VF)                 \
  TARGET static void NAME(const T *x, const T *y, T *z, size_t n) {         \
    size_t i = 0;                                                          \
    for (; i + WIDTH <= n; i += WIDTH) STORE(z + i, VF(LOAD(x + i), LOAD(y + i))); \
    if (i < n) {                                                           \
      T a[WIDTH], b[WIDTH], out[WIDTH];                                    \
      for (size_t k = 0; k < WIDTH; k++) { a[k] = 1; b[k] = 1; }           \
      memcpy(a, x + i, (n - i) * sizeof(T));                               \
      memcpy(b, y + i, (n - i) * sizeof(T));                               \
      STORE(out, VF(LOAD(a), LOAD(b)));                                    \
      memcpy(z + i, out, (n - i) * sizeof(T));                             \
    }                                                                      \
  }
#define FUNCTION2(F, T, W2, W5, V2, V5, LOAD2, STORE2, LOAD5, STORE5, VF2, VF5) \
  LOOP2(F##_avx2, T, W2, AVX2, V2, LOAD2, STORE2, VF2)                     \
  LOOP2(F##_avx512, T, W5, AVX512, V5, LOAD5, STORE5, VF5)                 \
  int F(const T *x, const T *y, T *z, size_t n) {                          \
    if (!strided_vector_math_available()) return 0;                        \
    if (has_avx512()) F##_avx512(x, y, z, n); else F##_avx2(x, y, z, n);   \
    return 1;                                                              \
  }
#define DOUBLE_FUNCTION2(NAME, F)                                                      \
  FUNCTION2(NAME, double, 4, 8, __m256d, __m512d, _mm256_loadu_pd, _mm256_storeu_pd, \
            _mm512_loadu_pd, _mm512_storeu_pd, _ZGVdN4vv_##F, _ZGVeN8vv_##F)
#define FLOAT_FUNCTION2(NAME, F)                                                       \
  FUNCTION2(NAME, float, 8, 16, __m256, __m512, _mm256_loadu_ps, _mm256_storeu_ps,   \
            _mm512_loadu_ps, _mm512_storeu_ps, _ZGVdN8vv_##F##f, _ZGVeN16vv_##F##f)
DOUBLE_FUNCTION2(strided_atan2_f64, atan2)
FLOAT_FUNCTION2(strided_atan2_f32, atan2)
DOUBLE_FUNCTION2(strided_hypot_f64, hypot)
FLOAT_FUNCTION2(strided_hypot_f32, hypot)


// Floating-point classification into bytes (NumPy's isnan, isinf,
// isfinite): AVX2 compares, a movemask, and a table that turns four mask
// bits into four 0/1 bytes.
static const uint32_t nibble_bytes[16] = {
  0x00000000, 0x00000001, 0x00000100, 0x00000101, 0x00010000, 0x00010001, 0x00010100, 0x00010101,
  0x01000000, 0x01000001, 0x01000100, 0x01000101, 0x01010000, 0x01010001, 0x01010100, 0x01010101,
};

#define CLASSIFY_PREDICATE(which, magnitude, value, infinity)                 \
  ((which) == 0 ? (value) != (value) : (which) == 1 ? (magnitude) == (infinity) \
                                                    : (magnitude) < (infinity))

static uint8_t classify_scalar_f64(int which, double v) {
  double m = __builtin_fabs(v);
  return (uint8_t)CLASSIFY_PREDICATE(which, m, v, __builtin_inf());
}

static uint8_t classify_scalar_f32(int which, float v) {
  float m = __builtin_fabsf(v);
  return (uint8_t)CLASSIFY_PREDICATE(which, m, v, __builtin_inff());
}

AVX2 static void classify_f64_avx2(int which, const double *x, uint8_t *y, size_t n) {
  const __m256d absolute = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL));
  const __m256d inf = _mm256_set1_pd(__builtin_inf());
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256d a = _mm256_loadu_pd(x + i), b = _mm256_loadu_pd(x + i + 4);
    __m256d ma, mb;
    if (which == 0) {
      ma = _mm256_cmp_pd(a, a, _CMP_UNORD_Q);
      mb = _mm256_cmp_pd(b, b, _CMP_UNORD_Q);
    } else if (which == 1) {
      ma = _mm256_cmp_pd(_mm256_and_pd(a, absolute), inf, _CMP_EQ_OQ);
      mb = _mm256_cmp_pd(_mm256_and_pd(b, absolute), inf, _CMP_EQ_OQ);
    } else {
      ma = _mm256_cmp_pd(_mm256_and_pd(a, absolute), inf, _CMP_LT_OQ);
      mb = _mm256_cmp_pd(_mm256_and_pd(b, absolute), inf, _CMP_LT_OQ);
    }
    uint32_t words[2] = {nibble_bytes[_mm256_movemask_pd(ma)], nibble_bytes[_mm256_movemask_pd(mb)]};
    memcpy(y + i, words, 8);
  }
  for (; i < n; i++) y[i] = classify_scalar_f64(which, x[i]);
}

AVX2 static void classify_f32_avx2(int which, const float *x, uint8_t *y, size_t n) {
  const __m256 absolute = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
  const __m256 inf = _mm256_set1_ps(__builtin_inff());
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256 a = _mm256_loadu_ps(x + i);
    __m256 m;
    if (which == 0) m = _mm256_cmp_ps(a, a, _CMP_UNORD_Q);
    else if (which == 1) m = _mm256_cmp_ps(_mm256_and_ps(a, absolute), inf, _CMP_EQ_OQ);
    else m = _mm256_cmp_ps(_mm256_and_ps(a, absolute), inf, _CMP_LT_OQ);
    int bits = _mm256_movemask_ps(m);
    uint32_t words[2] = {nibble_bytes[bits & 15], nibble_bytes[bits >> 4]};
    memcpy(y + i, words, 8);
  }
  for (; i < n; i++) y[i] = classify_scalar_f32(which, x[i]);
}

int strided_classify_f64(int which, const double *x, uint8_t *y, size_t n) {
  if (!strided_vector_math_available()) return 0;
  classify_f64_avx2(which, x, y, n);
  return 1;
}

int strided_classify_f32(int which, const float *x, uint8_t *y, size_t n) {
  if (!strided_vector_math_available()) return 0;
  classify_f32_avx2(which, x, y, n);
  return 1;
}

#else

// No libmvec here: every function declines, and callers use scalar code.
int strided_vector_math_available(void) { return 0; }
void strided_vector_math_limit_to_avx2(int limit) { (void)limit; }
#define DECLINE(NAME, T) \
  int NAME(const T *x, T *y, size_t n) { (void)x; (void)y; (void)n; return 0; }
DECLINE(strided_exp_f64, double)
DECLINE(strided_exp_f32, float)
DECLINE(strided_log_f64, double)
DECLINE(strided_log_f32, float)
DECLINE(strided_sin_f64, double)
DECLINE(strided_sin_f32, float)
DECLINE(strided_cos_f64, double)
DECLINE(strided_cos_f32, float)
DECLINE(strided_tanh_f64, double)
DECLINE(strided_tanh_f32, float)
DECLINE(strided_log2_f64, double)
DECLINE(strided_log2_f32, float)
DECLINE(strided_log10_f64, double)
DECLINE(strided_log10_f32, float)
DECLINE(strided_exp2_f64, double)
DECLINE(strided_exp2_f32, float)
DECLINE(strided_expm1_f64, double)
DECLINE(strided_expm1_f32, float)
DECLINE(strided_log1p_f64, double)
DECLINE(strided_log1p_f32, float)
DECLINE(strided_cbrt_f64, double)
DECLINE(strided_cbrt_f32, float)
DECLINE(strided_tan_f64, double)
DECLINE(strided_tan_f32, float)
DECLINE(strided_asin_f64, double)
DECLINE(strided_asin_f32, float)
DECLINE(strided_acos_f64, double)
DECLINE(strided_acos_f32, float)
DECLINE(strided_atan_f64, double)
DECLINE(strided_atan_f32, float)
DECLINE(strided_sinh_f64, double)
DECLINE(strided_sinh_f32, float)
DECLINE(strided_cosh_f64, double)
DECLINE(strided_cosh_f32, float)
DECLINE(strided_asinh_f64, double)
DECLINE(strided_asinh_f32, float)
DECLINE(strided_acosh_f64, double)
DECLINE(strided_acosh_f32, float)
DECLINE(strided_atanh_f64, double)
DECLINE(strided_atanh_f32, float)
#define DECLINE2(NAME, T) \
  int NAME(const T *x, const T *y, T *z, size_t n) { (void)x; (void)y; (void)z; (void)n; return 0; }
DECLINE2(strided_atan2_f64, double)
DECLINE2(strided_atan2_f32, float)
DECLINE2(strided_hypot_f64, double)
DECLINE2(strided_hypot_f32, float)

int strided_classify_f64(int which, const double *x, uint8_t *y, size_t n) {
  (void)which; (void)x; (void)y; (void)n;
  return 0;
}
int strided_classify_f32(int which, const float *x, uint8_t *y, size_t n) {
  (void)which; (void)x; (void)y; (void)n;
  return 0;
}

#endif
