#define _GNU_SOURCE 1
#include "Files.h"

#if defined(__linux__)
#include <fcntl.h>
#endif

int strided_reserve_file(int descriptor, long long length) {
#if defined(__linux__) && defined(FALLOC_FL_KEEP_SIZE)
  return fallocate(descriptor, FALLOC_FL_KEEP_SIZE, 0, (off_t)length);
#else
  (void)descriptor;
  (void)length;
  return -1;
#endif
}
