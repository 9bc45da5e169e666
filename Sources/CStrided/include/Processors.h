// The processors this process may run on, for Strided's thread pool.
#ifndef STRIDED_PROCESSORS_H
#define STRIDED_PROCESSORS_H

#ifdef __cplusplus
extern "C" {
#endif

/// The number of processors in the calling thread's affinity mask
/// (`sched_getaffinity`), or 0 when it cannot be read.
int strided_affinity_count(void);

#ifdef __cplusplus
}
#endif

#endif
