#include "SmallProduct.h"

#include "Isa.h"

#if defined(__x86_64__)

#include <immintrin.h>

#define AVX2FMA __attribute__((target("avx2,fma")))

// One row of c from column j on: 16, then 4 columns at a time, then single.
AVX2FMA static void row_from(int i, int j, int n, int k, const double *a, long ars, long acs, const double *b, long brs,
                             double *c, long crs) {
  const double *arow = a + i * ars;
  double *crow = c + i * crs;
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

// Blocks of 4 rows × 8 columns keep eight independent accumulators in
// registers, enough to hide the multiply-add latency; leftover rows and
// columns go row by row.
AVX2FMA static void small_dgemm(int m, int n, int k, const double *a, long ars, long acs, const double *b, long brs,
                                double *c, long crs) {
  int i = 0;
  for (; i + 4 <= m; i += 4) {
    int j = 0;
    for (; j + 8 <= n; j += 8) {
      __m256d c00 = _mm256_setzero_pd(), c01 = c00, c10 = c00, c11 = c00;
      __m256d c20 = c00, c21 = c00, c30 = c00, c31 = c00;
      for (int p = 0; p < k; p++) {
        const double *brow = b + p * brs + j;
        __m256d b0 = _mm256_loadu_pd(brow), b1 = _mm256_loadu_pd(brow + 4);
        const double *acol = a + i * ars + p * acs;
        __m256d x0 = _mm256_broadcast_sd(acol);
        __m256d x1 = _mm256_broadcast_sd(acol + ars);
        __m256d x2 = _mm256_broadcast_sd(acol + 2 * ars);
        __m256d x3 = _mm256_broadcast_sd(acol + 3 * ars);
        c00 = _mm256_fmadd_pd(x0, b0, c00);
        c01 = _mm256_fmadd_pd(x0, b1, c01);
        c10 = _mm256_fmadd_pd(x1, b0, c10);
        c11 = _mm256_fmadd_pd(x1, b1, c11);
        c20 = _mm256_fmadd_pd(x2, b0, c20);
        c21 = _mm256_fmadd_pd(x2, b1, c21);
        c30 = _mm256_fmadd_pd(x3, b0, c30);
        c31 = _mm256_fmadd_pd(x3, b1, c31);
      }
      double *crow = c + i * crs + j;
      _mm256_storeu_pd(crow, c00);
      _mm256_storeu_pd(crow + 4, c01);
      _mm256_storeu_pd(crow + crs, c10);
      _mm256_storeu_pd(crow + crs + 4, c11);
      _mm256_storeu_pd(crow + 2 * crs, c20);
      _mm256_storeu_pd(crow + 2 * crs + 4, c21);
      _mm256_storeu_pd(crow + 3 * crs, c30);
      _mm256_storeu_pd(crow + 3 * crs + 4, c31);
    }
    if (j < n) {
      for (int r = 0; r < 4; r++) row_from(i + r, j, n, k, a, ars, acs, b, brs, c, crs);
    }
  }
  for (; i < m; i++) row_from(i, 0, n, k, a, ars, acs, b, brs, c, crs);
}

#define AVX512 __attribute__((target("avx512f,avx2,fma")))

// The same with AVX-512: blocks of 8 rows × 16 columns, sixteen 8-wide
// accumulators (half the register file), eight broadcasts and two loads
// of b per step of k. Leftover columns and rows go through the AVX2 code.
AVX512 static void small_dgemm512(int m, int n, int k, const double *a, long ars, long acs, const double *b,
                                  long brs, double *c, long crs) {
  int i = 0;
  for (; i + 8 <= m; i += 8) {
    int j = 0;
    for (; j + 16 <= n; j += 16) {
      __m512d c00 = _mm512_setzero_pd(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
              c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
      const double *acol = a + i * ars;
      for (int p = 0; p < k; p++) {
        const double *brow = b + p * brs + j;
        __m512d b0 = _mm512_loadu_pd(brow), b1 = _mm512_loadu_pd(brow + 8);
        const double *x = acol + p * acs;
#define STRIDED_ROW(r, lo, hi)                      \
  {                                                 \
    __m512d xr = _mm512_set1_pd(x[(r) * ars]);      \
    lo = _mm512_fmadd_pd(xr, b0, lo);               \
    hi = _mm512_fmadd_pd(xr, b1, hi);               \
  }
        STRIDED_ROW(0, c00, c01)
        STRIDED_ROW(1, c10, c11)
        STRIDED_ROW(2, c20, c21)
        STRIDED_ROW(3, c30, c31)
        STRIDED_ROW(4, c40, c41)
        STRIDED_ROW(5, c50, c51)
        STRIDED_ROW(6, c60, c61)
        STRIDED_ROW(7, c70, c71)
#undef STRIDED_ROW
      }
      double *crow = c + i * crs + j;
      _mm512_storeu_pd(crow, c00);
      _mm512_storeu_pd(crow + 8, c01);
      _mm512_storeu_pd(crow + crs, c10);
      _mm512_storeu_pd(crow + crs + 8, c11);
      _mm512_storeu_pd(crow + 2 * crs, c20);
      _mm512_storeu_pd(crow + 2 * crs + 8, c21);
      _mm512_storeu_pd(crow + 3 * crs, c30);
      _mm512_storeu_pd(crow + 3 * crs + 8, c31);
      _mm512_storeu_pd(crow + 4 * crs, c40);
      _mm512_storeu_pd(crow + 4 * crs + 8, c41);
      _mm512_storeu_pd(crow + 5 * crs, c50);
      _mm512_storeu_pd(crow + 5 * crs + 8, c51);
      _mm512_storeu_pd(crow + 6 * crs, c60);
      _mm512_storeu_pd(crow + 6 * crs + 8, c61);
      _mm512_storeu_pd(crow + 7 * crs, c70);
      _mm512_storeu_pd(crow + 7 * crs + 8, c71);
    }
    if (j < n) {
      for (int r = 0; r < 8; r++) row_from(i + r, j, n, k, a, ars, acs, b, brs, c, crs);
    }
  }
  if (i < m) small_dgemm(m - i, n, k, a + i * ars, ars, acs, b, brs, c + i * crs, crs);
}

int strided_small_dgemm(int m, int n, int k, const double *a, long ars, long acs, const double *b, long brs,
                        double *c, long crs) {
  int level = strided_isa_level();
  if (level < STRIDED_ISA_AVX2) return 0;
  // Without 8 rows and 16 columns the AVX-512 blocks would not be used.
  if (m >= 8 && n >= 16 && level >= STRIDED_ISA_AVX512) {
    small_dgemm512(m, n, k, a, ars, acs, b, brs, c, crs);
  } else {
    small_dgemm(m, n, k, a, ars, acs, b, brs, c, crs);
  }
  return 1;
}

#else

int strided_small_dgemm(int m, int n, int k, const double *a, long ars, long acs, const double *b, long brs,
                        double *c, long crs) {
  (void)m; (void)n; (void)k; (void)a; (void)ars; (void)acs; (void)b; (void)brs; (void)c; (void)crs;
  return 0;
}

#endif
