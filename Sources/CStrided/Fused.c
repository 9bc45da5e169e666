// The fused-expression loops: see Fused.h. FusedLoops.h is compiled three
// times (AVX-512, AVX2, baseline); each entry point picks the level
// Isa.h chooses, per call.
#include "Fused.h"

#include "Isa.h"

#include <unistd.h>

#pragma clang fp contract(off)

// 64 bytes of doubles, and one double, at any byte address: the operands'
// rows need not be aligned.
typedef double strided_run64 __attribute__((vector_size(64), aligned(1)));
typedef double strided_item __attribute__((aligned(1)));
// One cache line of doubles, at a 64-byte boundary.
typedef double strided_line64 __attribute__((vector_size(64), aligned(64)));
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

void strided_fused_stream(const double *values, double *o, ptrdiff_t n) {
  DISPATCH(, stream, values, o, n)
}

void strided_fused_fence(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_sfence();
#else
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

static long default_streaming_bytes(void) {
  long cache = 0;
#if defined(_SC_LEVEL3_CACHE_SIZE) && defined(_SC_LEVEL2_CACHE_SIZE)
  cache = sysconf(_SC_LEVEL3_CACHE_SIZE);
  if (cache <= 0) cache = sysconf(_SC_LEVEL2_CACHE_SIZE);
#endif
  return cache > 0 ? cache / 4 * 3 : 32L << 20;
}

// -1 until first asked for; read and written atomically, so that the
// first callers on several threads compute the same figure harmlessly.
static long streaming_bytes = -1;

long strided_fused_streaming_bytes(void) {
  long bytes = __atomic_load_n(&streaming_bytes, __ATOMIC_RELAXED);
  if (bytes < 0) {
    bytes = default_streaming_bytes();
    __atomic_store_n(&streaming_bytes, bytes, __ATOMIC_RELAXED);
  }
  return bytes;
}

void strided_fused_set_streaming_bytes(long bytes) {
  __atomic_store_n(&streaming_bytes, bytes < 0 ? default_streaming_bytes() : bytes, __ATOMIC_RELAXED);
}
