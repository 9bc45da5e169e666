// The vector extensions Strided's C kernels use: the best the processor
// has, or fewer when the environment variable STRIDED_ISA asks for fewer
// ("avx2" or "baseline"), so that the AVX2 kernels can be measured and
// tested on a processor with AVX-512. The variable is read once, when the
// library is loaded; other values (and "avx512") leave the processor's
// choice.
#ifndef STRIDED_ISA_H
#define STRIDED_ISA_H

#ifdef __cplusplus
extern "C" {
#endif

/// The levels, in increasing order.
enum strided_isa_level {
  /// No hand-vectorized kernel: callers use their portable loops.
  STRIDED_ISA_BASELINE = 0,
  /// AVX2 and FMA.
  STRIDED_ISA_AVX2 = 1,
  /// AVX-512 (F, DQ, VL and BW) besides AVX2 and FMA.
  STRIDED_ISA_AVX512 = 2,
};

/// The level the kernels use now: the processor's, lowered by STRIDED_ISA
/// and by strided_isa_limit.
int strided_isa_level(void);

/// The level the processor itself offers.
int strided_isa_processor_level(void);

/// Lowers the level to at most `level` until called again (a higher value
/// than the processor's or STRIDED_ISA's changes nothing); for tests that
/// walk each level's kernels in one process. Not meant to race with work
/// in progress.
void strided_isa_limit(int level);

/// The level's name: "avx512", "avx2" or "baseline".
const char *strided_isa_name(int level);

#ifdef __cplusplus
}
#endif

#endif
