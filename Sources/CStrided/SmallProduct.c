#include "SmallProduct.h"

#if defined(__x86_64__)

#include <immintrin.h>

#define AVX2FMA __attribute__((target("avx2,fma")))

AVX2FMA static void small_dgemm(int m, int n, int k, const double *a, long ars, long acs, const double *b, long brs,
                                double *c, long crs) {
  for (int i = 0; i < m; i++) {
    const double *arow = a + i * ars;
    double *crow = c + i * crs;
    int j = 0;
    for (; j + 16 <= n; j += 16) {
      __m256d c0 = _mm256_setzero_pd(), c1 = c0, c2 = c0, c3 = c0;
      for (int p = 0; p < k; p++) {
        __m256d x = _mm256_broadcast_sd(arow + p * acs);
        const double *brow = b + p * brs + j;
        c0 = _mm256_fmadd_pd(x, _mm256_loadu_pd(brow), c0);
        c1 = _mm256_fmadd_pd(x, _mm256_loadu_pd(brow + 4), c1);
        c2 = _mm256_fmadd_pd(x, _mm256_loadu_pd(brow + 8), c2);
        c3 = _mm256_fmadd_pd(x, _mm256_loadu_pd(brow + 12), c3);
      }
      _mm256_storeu_pd(crow + j, c0);
      _mm256_storeu_pd(crow + j + 4, c1);
      _mm256_storeu_pd(crow + j + 8, c2);
      _mm256_storeu_pd(crow + j + 12, c3);
    }
    for (; j + 4 <= n; j += 4) {
      __m256d c0 = _mm256_setzero_pd();
      for (int p = 0; p < k; p++) {
        c0 = _mm256_fmadd_pd(_mm256_broadcast_sd(arow + p * acs), _mm256_loadu_pd(b + p * brs + j), c0);
      }
      _mm256_storeu_pd(crow + j, c0);
    }
    for (; j < n; j++) {
      double s = 0;
      for (int p = 0; p < k; p++) s = __builtin_fma(arow[p * acs], b[p * brs + j], s);
      crow[j] = s;
    }
  }
}

int strided_small_dgemm(int m, int n, int k, const double *a, long ars, long acs, const double *b, long brs,
                        double *c, long crs) {
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) return 0;
  small_dgemm(m, n, k, a, ars, acs, b, brs, c, crs);
  return 1;
}

#else

int strided_small_dgemm(int m, int n, int k, const double *a, long ars, long acs, const double *b, long brs,
                        double *c, long crs) {
  (void)m; (void)n; (void)k; (void)a; (void)ars; (void)acs; (void)b; (void)brs; (void)c; (void)crs;
  return 0;
}

#endif
