// File helpers for Strided's .npy writer.
#ifndef STRIDED_FILES_H
#define STRIDED_FILES_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Reserves `length` bytes of disk blocks for an open file without changing
/// its size (Linux's fallocate with FALLOC_FL_KEEP_SIZE), as NumPy does
/// before writing an array. Returns 0, or -1 where that is not possible.
int strided_reserve_file(int descriptor, long long length);

#ifdef __cplusplus
}
#endif

#endif
