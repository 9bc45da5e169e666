// Element-type conversions of contiguous runs: see Convert.h. Written as
// plain loops with selects (no branches), which the compiler vectorizes;
// each is compiled three times (AVX-512, AVX2, baseline) into three tables,
// and the level Isa.h chooses picks the table.
#include "Convert.h"

#include "Isa.h"

#include <stdint.h>

// The tables of one level: ConvertLoops.h, included once per level with
// LEVEL (the names' suffix) and TARGET (the functions' attribute) set.
#define LEVEL avx512
#define TARGET __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")))
#include "ConvertLoops.h"
#define LEVEL avx2
#define TARGET __attribute__((target("avx2,fma")))
#include "ConvertLoops.h"
#define LEVEL baseline
#define TARGET
#include "ConvertLoops.h"

strided_conversion strided_conversion_kernel(int source, int target) {
  if (source < 0 || source >= STRIDED_NUMERIC_TYPES || target < 0 || target >= STRIDED_NUMERIC_TYPES) return NULL;
  if (source == target) return NULL;
  switch (strided_isa_level()) {
  case STRIDED_ISA_AVX512: return kernels_avx512[source][target];
  case STRIDED_ISA_AVX2: return kernels_avx2[source][target];
  default: return kernels_baseline[source][target];
  }
}
