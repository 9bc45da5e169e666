// Where Strided's small-matrix kernel beats a BLAS call, shape by shape:
// the median time of strided_small_dgemm and of cblas_dgemm (OpenBLAS, one
// thread) for C-ordered Double products m × k · k × n, in cache.
//
//   make bench-crossover
//
// Strided routes each product to the faster of the two
// (Sources/Strided/Linalg/Products.swift); docs/performance.md records the
// figures this prints.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "SmallProduct.h"

void cblas_dgemm(int order, int transa, int transb, int m, int n, int k, double alpha, const double *a, int lda,
                 const double *b, int ldb, double beta, double *c, int ldc);

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int compare(const void *x, const void *y) {
  double d = *(const double *)x - *(const double *)y;
  return d < 0 ? -1 : d > 0;
}

int main(void) {
  static const int shapes[][3] = {
      {2, 2, 2},    {3, 3, 3},    {4, 4, 4},    {4, 8, 4},    {8, 8, 8},    {8, 8, 32},   {32, 8, 32},
      {6, 16, 6},   {12, 16, 12}, {16, 16, 16}, {16, 32, 8},  {8, 24, 8},   {20, 20, 20}, {24, 24, 24},
      {28, 28, 28}, {30, 32, 30}, {32, 30, 32}, {32, 32, 4},  {24, 32, 24}, {32, 32, 32},
  };
  enum { count = sizeof shapes / sizeof shapes[0], samples = 101 };
  double *a = aligned_alloc(64, 32 * 32 * 8), *b = aligned_alloc(64, 32 * 32 * 8), *c = aligned_alloc(64, 32 * 32 * 8);
  for (int i = 0; i < 32 * 32; i++) {
    a[i] = rand() / (double)RAND_MAX;
    b[i] = rand() / (double)RAND_MAX;
  }
  printf("| m × n × k | small kernel | cblas_dgemm | kernel ÷ BLAS |\n|---|---:|---:|---:|\n");
  for (int s = 0; s < count; s++) {
    int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
    int repetitions = 2000000 / (m * n * k) + 10;
    double kernel[samples], blas[samples];
    for (int r = 0; r < samples; r++) {
      double t0 = now();
      for (int q = 0; q < repetitions; q++) strided_small_dgemm(m, n, k, a, k, 1, b, n, c, n);
      kernel[r] = (now() - t0) / repetitions;
      t0 = now();
      for (int q = 0; q < repetitions; q++) cblas_dgemm(101, 111, 111, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
      blas[r] = (now() - t0) / repetitions;
    }
    qsort(kernel, samples, sizeof(double), compare);
    qsort(blas, samples, sizeof(double), compare);
    printf("| %d × %d × %d | %.0f ns | %.0f ns | %.2f |\n", m, n, k, kernel[samples / 2] * 1e9, blas[samples / 2] * 1e9,
           kernel[samples / 2] / blas[samples / 2]);
  }
  return 0;
}
