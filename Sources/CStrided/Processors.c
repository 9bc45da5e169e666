#define _GNU_SOURCE
#include "Processors.h"

#include <stdlib.h>

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

__attribute__((constructor)) static void strided_apply_thread_count(void) {
  const char *text = getenv("STRIDED_NUM_THREADS");
  if (text == NULL) return;
  char *end;
  long count = strtol(text, &end, 10);
  while (*end == ' ' || *end == '\t') end++;
  if (end == text || *end != '\0' || count < 1) return;
  openblas_set_num_threads(count > 1 << 30 ? 1 << 30 : (int)count);
}
