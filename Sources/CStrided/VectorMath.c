#include "VectorMath.h"

#include "Isa.h"

#if defined(__x86_64__) && defined(__linux__)

#include <immintrin.h>
#include <string.h>

#define AVX2 __attribute__((target("avx2")))

int strided_vector_math_available(void) { return strided_isa_level() >= STRIDED_ISA_AVX2; }

static int has_avx512(void) { return strided_isa_level() >= STRIDED_ISA_AVX512; }

// libmvec's AVX2 and AVX-512 entry points (the x86-64 vector function
// ABI). They are declared without a prototype and only their addresses
// are taken: the calls are made by the loops of VectorCall.S, which put the
// arguments in the vector registers themselves (see that file for why C
// cannot).
typedef void (*mvec_function)(void);
void strided_mvec_loop1_ymm(mvec_function f, const void *x, void *y, size_t vectors);
void strided_mvec_loop2_ymm(mvec_function f, const void *x, const void *y, void *z, size_t vectors);
void strided_mvec_loop1_zmm(mvec_function f, const void *x, void *y, size_t vectors);
void strided_mvec_loop2_zmm(mvec_function f, const void *x, const void *y, void *z, size_t vectors);

#define DECLARE(F)                                                   \
  void _ZGVdN4v_##F(void); void _ZGVeN8v_##F(void);                  \
  void _ZGVdN8v_##F##f(void); void _ZGVeN16v_##F##f(void);
#define DECLARE2(F)                                                  \
  void _ZGVdN4vv_##F(void); void _ZGVeN8vv_##F(void);                \
  void _ZGVdN8vv_##F##f(void); void _ZGVeN16vv_##F##f(void);
DECLARE(exp) DECLARE(log) DECLARE(sin) DECLARE(cos) DECLARE(tanh) DECLARE(log2) DECLARE(log10) DECLARE(exp2) DECLARE(expm1) DECLARE(log1p)
DECLARE(cbrt) DECLARE(tan) DECLARE(asin) DECLARE(acos) DECLARE(atan) DECLARE(sinh) DECLARE(cosh) DECLARE(asinh) DECLARE(acosh) DECLARE(atanh)
DECLARE2(atan2) DECLARE2(hypot) DECLARE2(pow)

// Pads a tail of `rest` items of `size` bytes into a whole vector of
// `bytes` bytes, filling the lanes past the tail with `pad` (a value every
// function accepts).
static void pad_lanes(unsigned char *lanes, const void *tail, size_t rest, size_t size, size_t bytes, double pad) {
  for (size_t k = 0; k < bytes; k += size) {
    if (size == 8) memcpy(lanes + k, &pad, 8);
    else { float p = (float)pad; memcpy(lanes + k, &p, 4); }
  }
  memcpy(lanes, tail, rest * size);
}

// y = f(x) over n items of `size` bytes: whole vectors, then the tail
// through one padded vector (padding with 0).
static void vector_loop1(mvec_function avx2, mvec_function avx512, size_t size, const void *x, void *y, size_t n) {
  int wide = has_avx512();
  size_t bytes = wide ? 64 : 32, lanes = bytes / size, whole = n / lanes, rest = n - whole * lanes;
  if (wide) strided_mvec_loop1_zmm(avx512, x, y, whole); else strided_mvec_loop1_ymm(avx2, x, y, whole);
  if (rest == 0) return;
  unsigned char in[64], out[64];
  pad_lanes(in, (const unsigned char *)x + whole * bytes, rest, size, bytes, 0);
  if (wide) strided_mvec_loop1_zmm(avx512, in, out, 1); else strided_mvec_loop1_ymm(avx2, in, out, 1);
  memcpy((unsigned char *)y + whole * bytes, out, rest * size);
}

// z = f(x, y): the same, the tail padded with 1s.
static void vector_loop2(mvec_function avx2, mvec_function avx512, size_t size, const void *x, const void *y, void *z,
                         size_t n) {
  int wide = has_avx512();
  size_t bytes = wide ? 64 : 32, lanes = bytes / size, whole = n / lanes, rest = n - whole * lanes;
  if (wide) strided_mvec_loop2_zmm(avx512, x, y, z, whole); else strided_mvec_loop2_ymm(avx2, x, y, z, whole);
  if (rest == 0) return;
  unsigned char a[64], b[64], out[64];
  pad_lanes(a, (const unsigned char *)x + whole * bytes, rest, size, bytes, 1);
  pad_lanes(b, (const unsigned char *)y + whole * bytes, rest, size, bytes, 1);
  if (wide) strided_mvec_loop2_zmm(avx512, a, b, out, 1); else strided_mvec_loop2_ymm(avx2, a, b, out, 1);
  memcpy((unsigned char *)z + whole * bytes, out, rest * size);
}

// The public entries: AVX-512 where the processor has it, else AVX2.
#define FUNCTION(NAME, F)                                                              \
  int NAME##_f64(const double *x, double *y, size_t n) {                               \
    if (!strided_vector_math_available()) return 0;                                    \
    vector_loop1(_ZGVdN4v_##F, _ZGVeN8v_##F, 8, x, y, n);                              \
    return 1;                                                                          \
  }                                                                                    \
  int NAME##_f32(const float *x, float *y, size_t n) {                                 \
    if (!strided_vector_math_available()) return 0;                                    \
    vector_loop1(_ZGVdN8v_##F##f, _ZGVeN16v_##F##f, 4, x, y, n);                       \
    return 1;                                                                          \
  }
#define FUNCTION2(NAME, F)                                                             \
  int NAME##_f64(const double *x, const double *y, double *z, size_t n) {              \
    if (!strided_vector_math_available()) return 0;                                    \
    vector_loop2(_ZGVdN4vv_##F, _ZGVeN8vv_##F, 8, x, y, z, n);                         \
    return 1;                                                                          \
  }                                                                                    \
  int NAME##_f32(const float *x, const float *y, float *z, size_t n) {                 \
    if (!strided_vector_math_available()) return 0;                                    \
    vector_loop2(_ZGVdN8vv_##F##f, _ZGVeN16vv_##F##f, 4, x, y, z, n);                  \
    return 1;                                                                          \
  }

FUNCTION(strided_exp, exp)
FUNCTION(strided_log, log)
FUNCTION(strided_sin, sin)
FUNCTION(strided_cos, cos)
FUNCTION(strided_tanh, tanh)
FUNCTION(strided_log2, log2)
FUNCTION(strided_log10, log10)
FUNCTION(strided_exp2, exp2)
FUNCTION(strided_expm1, expm1)
FUNCTION(strided_log1p, log1p)
FUNCTION(strided_cbrt, cbrt)
FUNCTION(strided_tan, tan)
FUNCTION(strided_asin, asin)
FUNCTION(strided_acos, acos)
FUNCTION(strided_atan, atan)
FUNCTION(strided_sinh, sinh)
FUNCTION(strided_cosh, cosh)
FUNCTION(strided_asinh, asinh)
FUNCTION(strided_acosh, acosh)
FUNCTION(strided_atanh, atanh)
FUNCTION2(strided_atan2, atan2)
FUNCTION2(strided_hypot, hypot)
FUNCTION2(strided_pow, pow)

// z = pow(x, e) for one exponent: the exponent repeated in a block that
// whole vectors divide, the base taken a block at a time.
#define POWER_SCALAR(NAME, T, SIZE, AVX2, AVX512)                     \
  int NAME(const T *x, T e, T *z, size_t n) {                        \
    if (!strided_vector_math_available()) return 0;                  \
    T exponents[512];                                                \
    for (size_t i = 0; i < 512; i++) exponents[i] = e;               \
    for (size_t i = 0; i < n; i += 512) {                            \
      size_t m = n - i < 512 ? n - i : 512;                          \
      vector_loop2(AVX2, AVX512, SIZE, x + i, exponents, z + i, m);  \
    }                                                                \
    return 1;                                                        \
  }
POWER_SCALAR(strided_pow_scalar_f64, double, 8, _ZGVdN4vv_pow, _ZGVeN8vv_pow)
POWER_SCALAR(strided_pow_scalar_f32, float, 4, _ZGVdN8vv_powf, _ZGVeN16vv_powf)

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
DECLINE2(strided_pow_f64, double)
DECLINE2(strided_pow_f32, float)
int strided_pow_scalar_f64(const double *x, double e, double *z, size_t n) { (void)x; (void)e; (void)z; (void)n; return 0; }
int strided_pow_scalar_f32(const float *x, float e, float *z, size_t n) { (void)x; (void)e; (void)z; (void)n; return 0; }

int strided_classify_f64(int which, const double *x, uint8_t *y, size_t n) {
  (void)which; (void)x; (void)y; (void)n;
  return 0;
}
int strided_classify_f32(int which, const float *x, uint8_t *y, size_t n) {
  (void)which; (void)x; (void)y; (void)n;
  return 0;
}

#endif
