// The vector extension level of Strided's C kernels: see Isa.h.
#include "Isa.h"

#include <stdlib.h>
#include <string.h>

static int processor_level = STRIDED_ISA_BASELINE;
static int environment_level = STRIDED_ISA_AVX512;
static _Atomic int limited_level = STRIDED_ISA_AVX512;

// Read before main, while one thread runs: the kernels then read plain
// integers, with no lazy initialization to race on.
__attribute__((constructor)) static void strided_isa_choose(void) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    processor_level = STRIDED_ISA_AVX2;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw"))
      processor_level = STRIDED_ISA_AVX512;
  }
#endif
  const char *text = getenv("STRIDED_ISA");
  if (text == NULL) return;
  if (strcmp(text, "avx2") == 0) environment_level = STRIDED_ISA_AVX2;
  if (strcmp(text, "baseline") == 0) environment_level = STRIDED_ISA_BASELINE;
}

static int minimum(int a, int b) { return a < b ? a : b; }

int strided_isa_level(void) { return minimum(minimum(processor_level, environment_level), limited_level); }

int strided_isa_processor_level(void) { return processor_level; }

void strided_isa_limit(int level) { limited_level = level; }

const char *strided_isa_name(int level) {
  switch (level) {
  case STRIDED_ISA_AVX512: return "avx512";
  case STRIDED_ISA_AVX2: return "avx2";
  default: return "baseline";
  }
}
