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
DECLARE_DOUBLE(exp) DECLARE_DOUBLE(log) DECLARE_DOUBLE(sin) DECLARE_DOUBLE(cos) DECLARE_DOUBLE(tanh)
DECLARE_FLOAT(exp) DECLARE_FLOAT(log) DECLARE_FLOAT(sin) DECLARE_FLOAT(cos) DECLARE_FLOAT(tanh)

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
DOUBLE_FUNCTION(strided_log_f64, log)
DOUBLE_FUNCTION(strided_sin_f64, sin)
DOUBLE_FUNCTION(strided_cos_f64, cos)
DOUBLE_FUNCTION(strided_tanh_f64, tanh)
FLOAT_FUNCTION(strided_exp_f32, exp)
FLOAT_FUNCTION(strided_log_f32, log)
FLOAT_FUNCTION(strided_sin_f32, sin)
FLOAT_FUNCTION(strided_cos_f32, cos)
FLOAT_FUNCTION(strided_tanh_f32, tanh)

#else

// No libmvec here: every function declines, and callers use scalar code.
int strided_vector_math_available(void) { return 0; }
void strided_vector_math_limit_to_avx2(int limit) { (void)limit; }
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
