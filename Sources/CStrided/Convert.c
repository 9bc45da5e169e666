// Element-type conversions of contiguous runs: see Convert.h. Written as
// plain loops with selects (no branches), which the compiler vectorizes;
// each is compiled three times (AVX-512, AVX2, baseline) into three tables,
// and the level Isa.h chooses picks the table.
#include "Convert.h"

#include "Isa.h"

#include <stdint.h>

// The tables of each level: ConvertLoops.h, included once per level.
#define LOOPS "ConvertLoops.h"
#include "Levels.h"

// Floats to 8- and 16-bit integers with AVX2's saturating packs, used at
// the AVX2 and AVX-512 levels (measured, as fast as the AVX-512 loops).
//
// The compiler narrows the clamped 32-bit integers by shuffling bytes
// (it cannot know they are in range); after the clamp they are, so the
// saturating packs narrow them exactly in a third of the instructions.
// NaN gives 0: for unsigned targets `max(x, 0)` returns its second operand
// when x is NaN; for signed ones NaN lanes are zeroed first. The last
// elements, fewer than a block, go through the table's plain loop.
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma")))

// 16 doubles to 16 int32 (four quarters), clamped to [lo, hi].
AVX2 static inline void clamp16_f64(const double *x, __m256d lo, __m256d hi, int zero_nan, __m128i q[4]) {
  for (int k = 0; k < 4; k++) {
    __m256d v = _mm256_loadu_pd(x + 4 * k);
    if (zero_nan) v = _mm256_and_pd(v, _mm256_cmp_pd(v, v, _CMP_ORD_Q));
    q[k] = _mm256_cvttpd_epi32(_mm256_min_pd(_mm256_max_pd(v, lo), hi));
  }
}

// 16 floats to 16 int32 (four quarters), clamped to [lo, hi].
AVX2 static inline void clamp16_f32(const float *x, __m256 lo, __m256 hi, int zero_nan, __m128i q[4]) {
  for (int k = 0; k < 2; k++) {
    __m256 v = _mm256_loadu_ps(x + 8 * k);
    if (zero_nan) v = _mm256_and_ps(v, _mm256_cmp_ps(v, v, _CMP_ORD_Q));
    __m256i w = _mm256_cvttps_epi32(_mm256_min_ps(_mm256_max_ps(v, lo), hi));
    q[2 * k] = _mm256_castsi256_si128(w);
    q[2 * k + 1] = _mm256_extracti128_si256(w, 1);
  }
}

#define NARROW_U8(q, y) \
  _mm_storeu_si128((__m128i *)(y), _mm_packus_epi16(_mm_packs_epi32(q[0], q[1]), _mm_packs_epi32(q[2], q[3])))
#define NARROW_I8(q, y) \
  _mm_storeu_si128((__m128i *)(y), _mm_packs_epi16(_mm_packs_epi32(q[0], q[1]), _mm_packs_epi32(q[2], q[3])))
#define NARROW_I16(q, y)                                                    \
  (_mm_storeu_si128((__m128i *)(y), _mm_packs_epi32(q[0], q[1])),          \
   _mm_storeu_si128((__m128i *)(y) + 1, _mm_packs_epi32(q[2], q[3])))
#define NARROW_U16(q, y)                                                    \
  (_mm_storeu_si128((__m128i *)(y), _mm_packus_epi32(q[0], q[1])),         \
   _mm_storeu_si128((__m128i *)(y) + 1, _mm_packus_epi32(q[2], q[3])))

#define PACKED(S, SN, VS, SET1, T, TN, MIN, MAX, NARROW)                               \
  AVX2 static void convert_avx2_packed_##SN##_##TN(const void *xs, void *ys, size_t n) { \
    const S *x = xs;                                                                   \
    T *y = ys;                                                                         \
    const VS lo = SET1((S)(MIN)), hi = SET1((S)(MAX));                                 \
    size_t i = 0;                                                                      \
    __m128i q[4];                                                                      \
    for (; i + 16 <= n; i += 16) {                                                     \
      clamp16_##SN(x + i, lo, hi, (MIN) < 0, q);                                       \
      NARROW(q, y + i);                                                                \
    }                                                                                  \
    convert_avx2_##SN##_##TN(x + i, y + i, n - i);                                     \
  }

PACKED(double, f64, __m256d, _mm256_set1_pd, uint8_t, u8, 0, UINT8_MAX, NARROW_U8)
PACKED(double, f64, __m256d, _mm256_set1_pd, int8_t, i8, INT8_MIN, INT8_MAX, NARROW_I8)
PACKED(double, f64, __m256d, _mm256_set1_pd, uint16_t, u16, 0, UINT16_MAX, NARROW_U16)
PACKED(double, f64, __m256d, _mm256_set1_pd, int16_t, i16, INT16_MIN, INT16_MAX, NARROW_I16)
PACKED(float, f32, __m256, _mm256_set1_ps, uint8_t, u8, 0, UINT8_MAX, NARROW_U8)
PACKED(float, f32, __m256, _mm256_set1_ps, int8_t, i8, INT8_MIN, INT8_MAX, NARROW_I8)
PACKED(float, f32, __m256, _mm256_set1_ps, uint16_t, u16, 0, UINT16_MAX, NARROW_U16)
PACKED(float, f32, __m256, _mm256_set1_ps, int16_t, i16, INT16_MIN, INT16_MAX, NARROW_I16)

// The packed loops by target, for a float source; NULL where the table's
// loop serves.
static strided_conversion packed_kernel(int source, int target) {
  if (source == STRIDED_F64) {
    switch (target) {
    case STRIDED_U8: return convert_avx2_packed_f64_u8;
    case STRIDED_I8: return convert_avx2_packed_f64_i8;
    case STRIDED_U16: return convert_avx2_packed_f64_u16;
    case STRIDED_I16: return convert_avx2_packed_f64_i16;
    }
  } else if (source == STRIDED_F32) {
    switch (target) {
    case STRIDED_U8: return convert_avx2_packed_f32_u8;
    case STRIDED_I8: return convert_avx2_packed_f32_i8;
    case STRIDED_U16: return convert_avx2_packed_f32_u16;
    case STRIDED_I16: return convert_avx2_packed_f32_i16;
    }
  }
  return NULL;
}

strided_conversion strided_conversion_kernel(int source, int target) {
  if (source < 0 || source >= STRIDED_NUMERIC_TYPES || target < 0 || target >= STRIDED_NUMERIC_TYPES) return NULL;
  if (source == target) return NULL;
  int level = strided_isa_level();
  strided_conversion packed = level >= STRIDED_ISA_AVX2 ? packed_kernel(source, target) : NULL;
  if (packed) return packed;
  switch (level) {
  case STRIDED_ISA_AVX512: return kernels_avx512[source][target];
  case STRIDED_ISA_AVX2: return kernels_avx2[source][target];
  default: return kernels_baseline[source][target];
  }
}
