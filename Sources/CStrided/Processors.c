#define _GNU_SOURCE
#include "Processors.h"

#ifdef __linux__
#include <sched.h>
#include <stdlib.h>

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
