#define _GNU_SOURCE
#include "Processors.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifdef __linux__
#include <sched.h>

int strided_affinity_count(void) {
  // Machines with more than CPU_SETSIZE processors need a larger set.
  for (int size = CPU_SETSIZE; size <= (1 << 16); size *= 2) {
    cpu_set_t *set = CPU_ALLOC(size);
    if (set == NULL) return 0;
    size_t bytes = CPU_ALLOC_SIZE(size);
    CPU_ZERO_S(bytes, set);
    if (sched_getaffinity(0, bytes, set) == 0) {
      int count = CPU_COUNT_S(bytes, set);
      CPU_FREE(set);
      return count;
    }
    CPU_FREE(set);
  }
  return 0;
}
#else
int strided_affinity_count(void) { return 0; }
#endif

// STRIDED_NUM_THREADS, applied to OpenBLAS as the library is loaded: a
// program whose first parallel call is a BLAS product must not run it on
// every core. (Strided's work pool reads the same variable when it starts,
// and sets OpenBLAS's count again then; a value that is not a positive
// integer is ignored by both.)
extern void openblas_set_num_threads(int);

// OpenBLAS picks its kernels by the processor's model number, and a
// release older than the processor falls back to its slowest kernels
// ("Prescott", SSE3): Debian's 0.3.21 does so on recent Xeons, whose
// products then run four to five times slower. Where that happened, and
// the user did not choose a core with OPENBLAS_CORETYPE, OpenBLAS chooses
// again by the processor's features, as the library loads (before any BLAS
// call): SkylakeX kernels with AVX-512, Haswell kernels with AVX2 and FMA.
extern char *openblas_get_corename(void);
extern void gotoblas_dynamic_init(void) __attribute__((weak));
extern void gotoblas_dynamic_quit(void) __attribute__((weak));

__attribute__((constructor)) static void strided_correct_blas_core(void) {
#if defined(__x86_64__)
  if (gotoblas_dynamic_init == NULL || gotoblas_dynamic_quit == NULL) return;  // not a DYNAMIC_ARCH build
  if (getenv("OPENBLAS_CORETYPE") != NULL) return;
  const char *name = openblas_get_corename();
  if (name == NULL || strcasecmp(name, "prescott") != 0) return;
  __builtin_cpu_init();
  const char *core = NULL;
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl"))
    core = "SkylakeX";
  else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    core = "Haswell";
  if (core == NULL) return;
  setenv("OPENBLAS_CORETYPE", core, 1);
  gotoblas_dynamic_quit();
  gotoblas_dynamic_init();
  unsetenv("OPENBLAS_CORETYPE");
#endif
}

__attribute__((constructor)) static void strided_apply_thread_count(void) {
  const char *text = getenv("STRIDED_NUM_THREADS");
  if (text == NULL) return;
  char *end;
  long count = strtol(text, &end, 10);
  while (*end == ' ' || *end == '\t') end++;
  if (end == text || *end != '\0' || count < 1) return;
  openblas_set_num_threads(count > 1 << 30 ? 1 << 30 : (int)count);
}
