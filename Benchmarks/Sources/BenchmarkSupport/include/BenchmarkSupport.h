#ifndef STRIDED_BENCHMARK_SUPPORT_H
#define STRIDED_BENCHMARK_SUPPORT_H

/// The number of heap allocations (malloc, calloc, realloc, posix_memalign,
/// aligned_alloc, memalign) made by the process so far.
long strided_allocation_count(void);



/// Does nothing with `value`, opaquely, so the optimizer must produce it.
void strided_black_hole(const void *value);
#endif
