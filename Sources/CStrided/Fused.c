// The fused-expression loops: see Fused.h. FusedLoops.h is compiled three
// times (AVX-512, AVX2, baseline); each entry point picks the level
// Isa.h chooses, per call.
#include "Fused.h"

#include "Isa.h"

#pragma clang fp contract(off)

// 64 bytes of doubles, and one double, at any byte address: the operands'
// rows need not be aligned.
typedef double strided_run64 __attribute__((vector_size(64), aligned(1)));
typedef double strided_item __attribute__((aligned(1)));
// Loops the compiler must not turn into calls to memcpy.
#define NO_MEMCPY __attribute__((no_builtin("memcpy", "memmove")))

#define LOOPS "FusedLoops.h"
#include "Levels.h"

// The call of the level's F, its value (if any) in `result`.
#define DISPATCH(result, F, ...)                                     \
  switch (strided_isa_level()) {                                     \
  case STRIDED_ISA_AVX512: result F##_avx512(__VA_ARGS__); break;    \
  case STRIDED_ISA_AVX2: result F##_avx2(__VA_ARGS__); break;        \
  default: result F##_baseline(__VA_ARGS__); break;                  \
  }

int strided_fused_binary(int op, const double *x, double xs, const double *y, double ys, double *o, ptrdiff_t n) {
  int done;
  DISPATCH(done =, binary, op, x, xs, y, ys, o, n)
  return done;
}

int strided_fused_unary(int op, double parameter, const double *x, double *o, ptrdiff_t n) {
  int done;
  DISPATCH(done =, unary, op, parameter, x, o, n)
  return done;
}

void strided_fused_select(const double *c, const double *x, double xs, const double *y, double ys, double *o,
                          ptrdiff_t n) {
  DISPATCH(, select, c, x, xs, y, ys, o, n)
}

void strided_fused_gather(double *target, const intptr_t *segments, ptrdiff_t count, ptrdiff_t width,
                          ptrdiff_t operand, ptrdiff_t stride, int item) {
  DISPATCH(, gather, target, segments, count, width, operand, stride, item)
}

void strided_fused_scatter(const double *values, const intptr_t *segments, ptrdiff_t count, ptrdiff_t width,
                           ptrdiff_t operand, ptrdiff_t stride, int item) {
  DISPATCH(, scatter, values, segments, count, width, operand, stride, item)
}

void strided_fused_row_sums(const double *values, const intptr_t *segments, ptrdiff_t count, ptrdiff_t width,
                            int pairwise) {
  DISPATCH(, row_sums, values, segments, count, width, pairwise)
}
