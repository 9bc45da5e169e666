// The processors this process may run on, for Strided's thread pool.
#ifndef STRIDED_PROCESSORS_H
#define STRIDED_PROCESSORS_H

#ifdef __cplusplus
extern "C" {
#endif

/// The number of processors in the calling thread's affinity mask
/// (`sched_getaffinity`), or 0 when it cannot be read.
int strided_affinity_count(void);

/// A hint to the processor that the calling thread is polling (`pause` on
/// x86, `yield` on ARM): it saves power and lets a sibling thread run.
static inline void strided_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

#ifdef __cplusplus
}
#endif

#endif
