// Vectorized in-place quicksort for 32- and 64-bit keys (AVX-512 and AVX2).
//
// Design (after the ideas of x86-simd-sort and Highway's vqsort; the code is
// our own):
//  * Every element type is sorted as signed integers: floats are mapped in
//    place by an order-preserving bijection (NaNs rotated to the top, signed
//    zeros and NaN payloads preserved), unsigned integers by flipping the
//    sign bit. One kernel per (ISA, key width) therefore serves all types.
//  * Quicksort with a median-of-16..32 pivot, recursing into the smaller
//    side; past 2*log2(n) levels it switches to heapsort, so the worst case
//    stays O(n log n) with O(log n) stack.
//  * Partitioning is in place and vectorized: blocks from both ends (and
//    one read ahead) are held in registers, which leaves room to store every
//    vector whole at both write cursors (see partition below). The lanes
//    are ordered with a table-driven permute (AVX2; AVX-512 64-bit) or
//    compress (AVX-512 32-bit).
//  * Partitions of at most 16 or 32 vectors are sorted by a bitonic network
//    held entirely in registers, padded with the largest key. Columns are
//    sorted first with plain min/max between registers, which leaves only
//    log2(W) merge stages that need in-register shuffles (sort_columns).
//
// The kernel (everything generic over ISA and key width) is SortKernel.h,
// included once per instantiation with the parameters (KT, KV, KW, ...)
// defined.


#include "Sort.h"

#include "Isa.h"

#if defined(__x86_64__)

#include <immintrin.h>
#include <limits.h>


#define AVX2_TARGET __attribute__((target("avx2,popcnt")))
#define AVX512_TARGET \
  __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,popcnt")))
#define AVX2_INLINE static inline __attribute__((always_inline)) AVX2_TARGET
#define AVX512_INLINE static inline __attribute__((always_inline)) AVX512_TARGET
#define UNROLL _Pragma("GCC unroll 32")

// Quicksort levels allowed per halving of n before heapsort takes over
// (tests set 0 to exercise the heapsort path).
#ifndef STRIDED_SORT_DEPTH_PER_LEVEL
#define STRIDED_SORT_DEPTH_PER_LEVEL 2
#endif

// Keys are accessed through may_alias types, because the buffers really
// hold doubles, floats or unsigned integers.
typedef int64_t __attribute__((may_alias)) key64;
typedef int32_t __attribute__((may_alias)) key32;

// Bitmask of the lanes i that hold the larger element of the pair
// (i, i ^ x) in an in-register compare-exchange step.
static inline __attribute__((always_inline)) unsigned upper_lanes(int x,
                                                                  int lanes) {
  unsigned m = 0;
  for (int i = 0; i < lanes; i++)
    if ((i ^ x) < i) m |= 1u << i;
  return m;
}

// Partition permutations for 8 lanes. Entry m lists, one nibble per output
// lane (lowest nibble first), the source lanes: first the lanes whose bit is
// set in m (keys below the pivot, in order), then the others. Used by
// AVX2 32-bit (vpermd) and AVX-512 64-bit (vpermq) keys; both permutes
// ignore the index bits above the third, so a variable shift extracts them.
static const uint32_t perm8_table[256] = {
    0x76543210, 0x76543210, 0x76543201, 0x76543210, 0x76543102, 0x76543120, 0x76543021, 0x76543210,
    0x76542103, 0x76542130, 0x76542031, 0x76542310, 0x76541032, 0x76541320, 0x76540321, 0x76543210,
    0x76532104, 0x76532140, 0x76532041, 0x76532410, 0x76531042, 0x76531420, 0x76530421, 0x76534210,
    0x76521043, 0x76521430, 0x76520431, 0x76524310, 0x76510432, 0x76514320, 0x76504321, 0x76543210,
    0x76432105, 0x76432150, 0x76432051, 0x76432510, 0x76431052, 0x76431520, 0x76430521, 0x76435210,
    0x76421053, 0x76421530, 0x76420531, 0x76425310, 0x76410532, 0x76415320, 0x76405321, 0x76453210,
    0x76321054, 0x76321540, 0x76320541, 0x76325410, 0x76310542, 0x76315420, 0x76305421, 0x76354210,
    0x76210543, 0x76215430, 0x76205431, 0x76254310, 0x76105432, 0x76154320, 0x76054321, 0x76543210,
    0x75432106, 0x75432160, 0x75432061, 0x75432610, 0x75431062, 0x75431620, 0x75430621, 0x75436210,
    0x75421063, 0x75421630, 0x75420631, 0x75426310, 0x75410632, 0x75416320, 0x75406321, 0x75463210,
    0x75321064, 0x75321640, 0x75320641, 0x75326410, 0x75310642, 0x75316420, 0x75306421, 0x75364210,
    0x75210643, 0x75216430, 0x75206431, 0x75264310, 0x75106432, 0x75164320, 0x75064321, 0x75643210,
    0x74321065, 0x74321650, 0x74320651, 0x74326510, 0x74310652, 0x74316520, 0x74306521, 0x74365210,
    0x74210653, 0x74216530, 0x74206531, 0x74265310, 0x74106532, 0x74165320, 0x74065321, 0x74653210,
    0x73210654, 0x73216540, 0x73206541, 0x73265410, 0x73106542, 0x73165420, 0x73065421, 0x73654210,
    0x72106543, 0x72165430, 0x72065431, 0x72654310, 0x71065432, 0x71654320, 0x70654321, 0x76543210,
    0x65432107, 0x65432170, 0x65432071, 0x65432710, 0x65431072, 0x65431720, 0x65430721, 0x65437210,
    0x65421073, 0x65421730, 0x65420731, 0x65427310, 0x65410732, 0x65417320, 0x65407321, 0x65473210,
    0x65321074, 0x65321740, 0x65320741, 0x65327410, 0x65310742, 0x65317420, 0x65307421, 0x65374210,
    0x65210743, 0x65217430, 0x65207431, 0x65274310, 0x65107432, 0x65174320, 0x65074321, 0x65743210,
    0x64321075, 0x64321750, 0x64320751, 0x64327510, 0x64310752, 0x64317520, 0x64307521, 0x64375210,
    0x64210753, 0x64217530, 0x64207531, 0x64275310, 0x64107532, 0x64175320, 0x64075321, 0x64753210,
    0x63210754, 0x63217540, 0x63207541, 0x63275410, 0x63107542, 0x63175420, 0x63075421, 0x63754210,
    0x62107543, 0x62175430, 0x62075431, 0x62754310, 0x61075432, 0x61754320, 0x60754321, 0x67543210,
    0x54321076, 0x54321760, 0x54320761, 0x54327610, 0x54310762, 0x54317620, 0x54307621, 0x54376210,
    0x54210763, 0x54217630, 0x54207631, 0x54276310, 0x54107632, 0x54176320, 0x54076321, 0x54763210,
    0x53210764, 0x53217640, 0x53207641, 0x53276410, 0x53107642, 0x53176420, 0x53076421, 0x53764210,
    0x52107643, 0x52176430, 0x52076431, 0x52764310, 0x51076432, 0x51764320, 0x50764321, 0x57643210,
    0x43210765, 0x43217650, 0x43207651, 0x43276510, 0x43107652, 0x43176520, 0x43076521, 0x43765210,
    0x42107653, 0x42176530, 0x42076531, 0x42765310, 0x41076532, 0x41765320, 0x40765321, 0x47653210,
    0x32107654, 0x32176540, 0x32076541, 0x32765410, 0x31076542, 0x31765420, 0x30765421, 0x37654210,
    0x21076543, 0x21765430, 0x20765431, 0x27654310, 0x10765432, 0x17654320, 0x07654321, 0x76543210,
};

// The same for 4 lanes of 64 bits, as whole vpermd index vectors (source
// lane s becomes the dword pair 2s, 2s + 1): one load instead of a
// broadcast and a shift.
static const int32_t perm4_table[16][8] __attribute__((aligned(32))) = {
    {0, 1, 2, 3, 4, 5, 6, 7},
    {0, 1, 2, 3, 4, 5, 6, 7},
    {2, 3, 0, 1, 4, 5, 6, 7},
    {0, 1, 2, 3, 4, 5, 6, 7},
    {4, 5, 0, 1, 2, 3, 6, 7},
    {0, 1, 4, 5, 2, 3, 6, 7},
    {2, 3, 4, 5, 0, 1, 6, 7},
    {0, 1, 2, 3, 4, 5, 6, 7},
    {6, 7, 0, 1, 2, 3, 4, 5},
    {0, 1, 6, 7, 2, 3, 4, 5},
    {2, 3, 6, 7, 0, 1, 4, 5},
    {0, 1, 2, 3, 6, 7, 4, 5},
    {4, 5, 6, 7, 0, 1, 2, 3},
    {0, 1, 4, 5, 6, 7, 2, 3},
    {2, 3, 4, 5, 6, 7, 0, 1},
    {0, 1, 2, 3, 4, 5, 6, 7},
};

// ---------------------------------------------------------------------------
// Per-ISA primitives. Each kernel instantiation needs, with prefix p:
//   p_load, p_store            whole-vector unaligned access
//   p_load_pad(a, n)           the first n < W keys, other lanes = max key
//   p_store_part(a, v, n)      store the first n < W lanes
//   p_set1, p_minmax(&a, &b)   broadcast; lane-wise a = min, b = max
//   p_reverse(v)               lanes in reverse order
//   p_xstep(v, x)              compare-exchange lanes i and i ^ x, the
//                              smaller key going to the lower lane
//   p_partition_store(a, &wl, &wr, v, pivot)
//                              keys < pivot to a[wl...], the others to
//                              a[...wr), moving both cursors inward
// ---------------------------------------------------------------------------

// AVX2, 4 x int64. AVX2 has no 64-bit min/max: compare and blend instead.
AVX2_INLINE __m256i a2q_load(const key64 *a) { return _mm256_loadu_si256((const __m256i *)a); }
AVX2_INLINE void a2q_store(key64 *a, __m256i v) { _mm256_storeu_si256((__m256i *)a, v); }
AVX2_INLINE __m256i a2q_set1(int64_t x) { return _mm256_set1_epi64x(x); }
AVX2_INLINE __m256i a2q_first(size_t n) {
  return _mm256_cmpgt_epi64(_mm256_set1_epi64x((int64_t)n), _mm256_setr_epi64x(0, 1, 2, 3));
}
AVX2_INLINE __m256i a2q_load_pad(const key64 *a, size_t n) {
  __m256i m = a2q_first(n);
  return _mm256_blendv_epi8(_mm256_set1_epi64x(INT64_MAX),
                            _mm256_maskload_epi64((const long long *)a, m), m);
}
AVX2_INLINE void a2q_store_part(key64 *a, __m256i v, size_t n) {
  _mm256_maskstore_epi64((long long *)a, a2q_first(n), v);
}
AVX2_INLINE void a2q_minmax(__m256i *a, __m256i *b) {
  __m256i gt = _mm256_cmpgt_epi64(*a, *b);
  __m256i lo = _mm256_blendv_epi8(*a, *b, gt);
  *b = _mm256_blendv_epi8(*b, *a, gt);
  *a = lo;
}
// Lane i <- lane i ^ x, as a dword permute (folded into vpermq/vpshufd).
AVX2_INLINE __m256i a2q_swizzle(__m256i v, int x) {
  __m256i idx = _mm256_setr_epi32(2 * (0 ^ x), 2 * (0 ^ x) + 1, 2 * (1 ^ x), 2 * (1 ^ x) + 1,
                                  2 * (2 ^ x), 2 * (2 ^ x) + 1, 2 * (3 ^ x), 2 * (3 ^ x) + 1);
  return _mm256_permutevar8x32_epi32(v, idx);
}
AVX2_INLINE __m256i a2q_reverse(__m256i v) { return a2q_swizzle(v, 3); }
AVX2_INLINE __m256i a2q_blend(__m256i a, __m256i b, unsigned m) {
  return _mm256_blendv_epi8(a, b, _mm256_setr_epi64x(-(int64_t)(m & 1), -(int64_t)(m >> 1 & 1),
                                                     -(int64_t)(m >> 2 & 1), -(int64_t)(m >> 3 & 1)));
}
AVX2_INLINE __m256i a2q_xstep(__m256i v, int x) {
  // Take the partner where it is smaller (lower lanes) or not smaller
  // (upper lanes): one compare, an xor with the upper-lane mask, one blend.
  __m256i s = a2q_swizzle(v, x);
  unsigned u = upper_lanes(x, 4);
  __m256i upper = _mm256_setr_epi64x(-(int64_t)(u & 1), -(int64_t)(u >> 1 & 1),
                                     -(int64_t)(u >> 2 & 1), -(int64_t)(u >> 3 & 1));
  return _mm256_blendv_epi8(v, s, _mm256_xor_si256(_mm256_cmpgt_epi64(v, s), upper));
}
AVX2_INLINE void a2q_partition_store(key64 *a, size_t *wl, size_t *wr, __m256i v,
                                     __m256i pivot) {
  // Permute the keys below the pivot to the front, the rest to the back,
  // and store the whole vector at both cursors: each side keeps its part.
  unsigned m = (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(pivot, v)));
  __m256i idx = _mm256_load_si256((const __m256i *)perm4_table[m]);
  __m256i p = _mm256_permutevar8x32_epi32(v, idx);
  a2q_store(a + *wl, p);
  a2q_store(a + *wr - 4, p);
  size_t below = (size_t)__builtin_popcount(m);
  *wl += below;
  *wr = *wr + below - 4;
}

// AVX2, 8 x int32.
AVX2_INLINE __m256i a2d_load(const key32 *a) { return _mm256_loadu_si256((const __m256i *)a); }
AVX2_INLINE void a2d_store(key32 *a, __m256i v) { _mm256_storeu_si256((__m256i *)a, v); }
AVX2_INLINE __m256i a2d_set1(int32_t x) { return _mm256_set1_epi32(x); }
AVX2_INLINE __m256i a2d_first(size_t n) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32((int32_t)n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
AVX2_INLINE __m256i a2d_load_pad(const key32 *a, size_t n) {
  __m256i m = a2d_first(n);
  return _mm256_blendv_epi8(_mm256_set1_epi32(INT32_MAX), _mm256_maskload_epi32((const int *)a, m), m);
}
AVX2_INLINE void a2d_store_part(key32 *a, __m256i v, size_t n) {
  _mm256_maskstore_epi32((int *)a, a2d_first(n), v);
}
AVX2_INLINE void a2d_minmax(__m256i *a, __m256i *b) {
  __m256i lo = _mm256_min_epi32(*a, *b);
  *b = _mm256_max_epi32(*a, *b);
  *a = lo;
}
AVX2_INLINE __m256i a2d_swizzle(__m256i v, int x) {
  __m256i idx = _mm256_setr_epi32(0 ^ x, 1 ^ x, 2 ^ x, 3 ^ x, 4 ^ x, 5 ^ x, 6 ^ x, 7 ^ x);
  return _mm256_permutevar8x32_epi32(v, idx);
}
AVX2_INLINE __m256i a2d_reverse(__m256i v) { return a2d_swizzle(v, 7); }
AVX2_INLINE __m256i a2d_blend(__m256i a, __m256i b, unsigned m) {
  return _mm256_blendv_epi8(a, b, _mm256_setr_epi32(-(int)(m & 1), -(int)(m >> 1 & 1), -(int)(m >> 2 & 1),
                                                    -(int)(m >> 3 & 1), -(int)(m >> 4 & 1), -(int)(m >> 5 & 1),
                                                    -(int)(m >> 6 & 1), -(int)(m >> 7 & 1)));
}
AVX2_INLINE __m256i a2d_xstep(__m256i v, int x) {
  __m256i s = a2d_swizzle(v, x);
  unsigned u = upper_lanes(x, 8);
  __m256i upper = _mm256_setr_epi32(-(int)(u & 1), -(int)(u >> 1 & 1), -(int)(u >> 2 & 1),
                                    -(int)(u >> 3 & 1), -(int)(u >> 4 & 1), -(int)(u >> 5 & 1),
                                    -(int)(u >> 6 & 1), -(int)(u >> 7 & 1));
  return _mm256_blendv_epi8(_mm256_min_epi32(v, s), _mm256_max_epi32(v, s), upper);
}
AVX2_INLINE void a2d_partition_store(key32 *a, size_t *wl, size_t *wr, __m256i v,
                                     __m256i pivot) {
  unsigned m = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(pivot, v)));
  __m256i idx = _mm256_srlv_epi32(_mm256_set1_epi32((int)perm8_table[m]),
                                  _mm256_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28));
  __m256i p = _mm256_permutevar8x32_epi32(v, idx);
  a2d_store(a + *wl, p);
  a2d_store(a + *wr - 8, p);
  size_t below = (size_t)__builtin_popcount(m);
  *wl += below;
  *wr = *wr + below - 8;
}

// AVX-512, 8 x int64.
AVX512_INLINE __m512i a5q_load(const key64 *a) { return _mm512_loadu_si512(a); }
AVX512_INLINE void a5q_store(key64 *a, __m512i v) { _mm512_storeu_si512(a, v); }
AVX512_INLINE __m512i a5q_set1(int64_t x) { return _mm512_set1_epi64(x); }
AVX512_INLINE __m512i a5q_load_pad(const key64 *a, size_t n) {
  return _mm512_mask_loadu_epi64(_mm512_set1_epi64(INT64_MAX), (__mmask8)((1u << n) - 1), a);
}
AVX512_INLINE void a5q_store_part(key64 *a, __m512i v, size_t n) {
  _mm512_mask_storeu_epi64(a, (__mmask8)((1u << n) - 1), v);
}
AVX512_INLINE void a5q_minmax(__m512i *a, __m512i *b) {
  __m512i lo = _mm512_min_epi64(*a, *b);
  *b = _mm512_max_epi64(*a, *b);
  *a = lo;
}
AVX512_INLINE __m512i a5q_swizzle(__m512i v, int x) {
  __m512i idx = _mm512_setr_epi64(0 ^ x, 1 ^ x, 2 ^ x, 3 ^ x, 4 ^ x, 5 ^ x, 6 ^ x, 7 ^ x);
  return _mm512_permutexvar_epi64(idx, v);
}
AVX512_INLINE __m512i a5q_reverse(__m512i v) { return a5q_swizzle(v, 7); }
AVX512_INLINE __m512i a5q_blend(__m512i a, __m512i b, unsigned m) {
  return _mm512_mask_mov_epi64(a, (__mmask8)m, b);
}
AVX512_INLINE __m512i a5q_xstep(__m512i v, int x) {
  __m512i s = a5q_swizzle(v, x);
  return _mm512_mask_max_epi64(_mm512_min_epi64(v, s), (__mmask8)upper_lanes(x, 8), v, s);
}
AVX512_INLINE void a5q_partition_store(key64 *a, size_t *wl, size_t *wr, __m512i v,
                                       __m512i pivot) {
  unsigned m = _mm512_cmplt_epi64_mask(v, pivot);
  // The broadcast goes through memory as dwords; each qword lane then holds
  // the entry in its low half, which is all the shifts look at.
  __m512i idx = _mm512_srlv_epi64(_mm512_set1_epi32((int)perm8_table[m]),
                                  _mm512_setr_epi64(0, 4, 8, 12, 16, 20, 24, 28));
  __m512i p = _mm512_permutexvar_epi64(idx, v);
  a5q_store(a + *wl, p);
  a5q_store(a + *wr - 8, p);
  size_t below = (size_t)__builtin_popcount(m);
  *wl += below;
  *wr = *wr + below - 8;
}

// AVX-512, 16 x int32. A 16-lane permutation table would be too large, so
// the two sides are compressed separately; the upper side is stored with a
// mask so that it ends exactly at the right cursor.
AVX512_INLINE __m512i a5d_load(const key32 *a) { return _mm512_loadu_si512(a); }
AVX512_INLINE void a5d_store(key32 *a, __m512i v) { _mm512_storeu_si512(a, v); }
AVX512_INLINE __m512i a5d_set1(int32_t x) { return _mm512_set1_epi32(x); }
AVX512_INLINE __m512i a5d_load_pad(const key32 *a, size_t n) {
  return _mm512_mask_loadu_epi32(_mm512_set1_epi32(INT32_MAX), (__mmask16)((1u << n) - 1), a);
}
AVX512_INLINE void a5d_store_part(key32 *a, __m512i v, size_t n) {
  _mm512_mask_storeu_epi32(a, (__mmask16)((1u << n) - 1), v);
}
AVX512_INLINE void a5d_minmax(__m512i *a, __m512i *b) {
  __m512i lo = _mm512_min_epi32(*a, *b);
  *b = _mm512_max_epi32(*a, *b);
  *a = lo;
}
AVX512_INLINE __m512i a5d_swizzle(__m512i v, int x) {
  __m512i idx = _mm512_setr_epi32(0 ^ x, 1 ^ x, 2 ^ x, 3 ^ x, 4 ^ x, 5 ^ x, 6 ^ x, 7 ^ x,
                                  8 ^ x, 9 ^ x, 10 ^ x, 11 ^ x, 12 ^ x, 13 ^ x, 14 ^ x, 15 ^ x);
  return _mm512_permutexvar_epi32(idx, v);
}
AVX512_INLINE __m512i a5d_reverse(__m512i v) { return a5d_swizzle(v, 15); }
AVX512_INLINE __m512i a5d_blend(__m512i a, __m512i b, unsigned m) {
  return _mm512_mask_mov_epi32(a, (__mmask16)m, b);
}
AVX512_INLINE __m512i a5d_xstep(__m512i v, int x) {
  __m512i s = a5d_swizzle(v, x);
  return _mm512_mask_max_epi32(_mm512_min_epi32(v, s), (__mmask16)upper_lanes(x, 16), v, s);
}
AVX512_INLINE void a5d_partition_store(key32 *a, size_t *wl, size_t *wr, __m512i v,
                                       __m512i pivot) {
  __mmask16 m = _mm512_cmplt_epi32_mask(v, pivot);
  unsigned below = (unsigned)__builtin_popcount(m);
  a5d_store(a + *wl, _mm512_maskz_compress_epi32(m, v));
  *wl += below;
  *wr -= 16 - below;
  _mm512_mask_storeu_epi32(a + *wr, (__mmask16)((1u << (16 - below)) - 1),
                           _mm512_maskz_compress_epi32((__mmask16)~m, v));
}

// ---------------------------------------------------------------------------
// Kernel instantiations. KSMALL: registers in the largest sorting network
// (16 or 32); KUNROLL: vectors per partition block (3 * KUNROLL <= KSMALL,
// so that every partitioned range holds three blocks); KPIVOT: registers of
// pivot samples. Tuned on an AVX-512 Xeon; larger blocks shorten the
// latency chain from one block's counts to the next block's address.
// ---------------------------------------------------------------------------

#define KPFX a2q_
#define KT key64
#define KMAX INT64_MAX
#define KV __m256i
#define KW 4
#define KSMALL 32
#define KUNROLL 8
#define KPIVOT 4
#define KINLINE AVX2_INLINE
#define KENTRY static AVX2_TARGET
#include "SortKernel.h"

#define KPFX a2d_
#define KT key32
#define KMAX INT32_MAX
#define KV __m256i
#define KW 8
#define KSMALL 32
#define KUNROLL 8
#define KPIVOT 2
#define KINLINE AVX2_INLINE
#define KENTRY static AVX2_TARGET
#include "SortKernel.h"

#define KPFX a5q_
#define KT key64
#define KMAX INT64_MAX
#define KV __m512i
#define KW 8
#define KSMALL 32
#define KUNROLL 10
#define KPIVOT 2
#define KINLINE AVX512_INLINE
#define KENTRY static AVX512_TARGET
#include "SortKernel.h"

#define KPFX a5d_
#define KT key32
#define KMAX INT32_MAX
#define KV __m512i
#define KW 16
#define KSMALL 16
#define KUNROLL 5
#define KPIVOT 2
#define KINLINE AVX512_INLINE
#define KENTRY static AVX512_TARGET
#include "SortKernel.h"


// ---------------------------------------------------------------------------
// Key mappings and public entry points.
// ---------------------------------------------------------------------------

// Floats become signed integers ordered like the floats: flipping all but
// the sign bit of negative values orders -NaN < -inf < ... < -0 < +0 < ...
// < +inf < +NaN. Subtracting the number of negative NaNs (2^52 - 1 for
// doubles) rotates them, with wrap-around, to the very top, so all NaNs sort
// last. Both steps are bijections on bit patterns, so nothing is lost.
#define NEG_NANS64 ((UINT64_C(1) << 52) - 1)
#define NEG_NANS32 ((UINT32_C(1) << 23) - 1)

static AVX2_TARGET void f64_to_keys(key64 *k, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint64_t b = (uint64_t)k[i] ^ ((uint64_t)(k[i] >> 63) >> 1);
    k[i] = (int64_t)(b - NEG_NANS64);
  }
}
static AVX2_TARGET void keys_to_f64(key64 *k, size_t n) {
  for (size_t i = 0; i < n; i++) {
    int64_t b = (int64_t)((uint64_t)k[i] + NEG_NANS64);
    k[i] = (int64_t)((uint64_t)b ^ ((uint64_t)(b >> 63) >> 1));
  }
}
static AVX2_TARGET void f32_to_keys(key32 *k, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint32_t b = (uint32_t)k[i] ^ ((uint32_t)(k[i] >> 31) >> 1);
    k[i] = (int32_t)(b - NEG_NANS32);
  }
}
static AVX2_TARGET void keys_to_f32(key32 *k, size_t n) {
  for (size_t i = 0; i < n; i++) {
    int32_t b = (int32_t)((uint32_t)k[i] + NEG_NANS32);
    k[i] = (int32_t)((uint32_t)b ^ ((uint32_t)(b >> 31) >> 1));
  }
}
// Unsigned <-> signed order: flip the sign bit (its own inverse).
static AVX2_TARGET void flip_sign64(key64 *k, size_t n) {
  for (size_t i = 0; i < n; i++) k[i] = (int64_t)((uint64_t)k[i] ^ (UINT64_C(1) << 63));
}
static AVX2_TARGET void flip_sign32(key32 *k, size_t n) {
  for (size_t i = 0; i < n; i++) k[i] = (int32_t)((uint32_t)k[i] ^ (UINT32_C(1) << 31));
}

enum { ISA_NONE = STRIDED_ISA_BASELINE, ISA_AVX2 = STRIDED_ISA_AVX2, ISA_AVX512 = STRIDED_ISA_AVX512 };

// The level Isa.h chose (the processor's, lowered by STRIDED_ISA).
static int sort_isa(void) { return strided_isa_level(); }

static void sort_keys64(int isa, key64 *k, size_t n) {
  if (isa == ISA_AVX512) a5q_sort(k, n);
  else a2q_sort(k, n);
}
static void sort_keys32(int isa, key32 *k, size_t n) {
  if (isa == ISA_AVX512) a5d_sort(k, n);
  else a2d_sort(k, n);
}

int strided_sort_f64(double *x, size_t n) {
  int isa = sort_isa();
  if (isa == ISA_NONE) return 0;
  f64_to_keys((key64 *)x, n);
  sort_keys64(isa, (key64 *)x, n);
  keys_to_f64((key64 *)x, n);
  return 1;
}
int strided_sort_f32(float *x, size_t n) {
  int isa = sort_isa();
  if (isa == ISA_NONE) return 0;
  f32_to_keys((key32 *)x, n);
  sort_keys32(isa, (key32 *)x, n);
  keys_to_f32((key32 *)x, n);
  return 1;
}
int strided_sort_i64(int64_t *x, size_t n) {
  int isa = sort_isa();
  if (isa == ISA_NONE) return 0;
  sort_keys64(isa, x, n);
  return 1;
}
int strided_sort_u64(uint64_t *x, size_t n) {
  int isa = sort_isa();
  if (isa == ISA_NONE) return 0;
  flip_sign64((key64 *)x, n);
  sort_keys64(isa, (key64 *)x, n);
  flip_sign64((key64 *)x, n);
  return 1;
}
int strided_sort_i32(int32_t *x, size_t n) {
  int isa = sort_isa();
  if (isa == ISA_NONE) return 0;
  sort_keys32(isa, x, n);
  return 1;
}
int strided_sort_u32(uint32_t *x, size_t n) {
  int isa = sort_isa();
  if (isa == ISA_NONE) return 0;
  flip_sign32((key32 *)x, n);
  sort_keys32(isa, (key32 *)x, n);
  flip_sign32((key32 *)x, n);
  return 1;
}

// The steps of one sort, for a caller that spreads a long array over
// threads: the keys made in place (by parts, in any order), one split, the
// two sides sorted (at once, on two threads), the keys turned back.
int strided_sort_begin(int type, void *x, size_t n) {
  if (sort_isa() == ISA_NONE) return 0;
  switch (type) {
  case STRIDED_SORT_F64: f64_to_keys((key64 *)x, n); break;
  case STRIDED_SORT_F32: f32_to_keys((key32 *)x, n); break;
  case STRIDED_SORT_U64: flip_sign64((key64 *)x, n); break;
  case STRIDED_SORT_U32: flip_sign32((key32 *)x, n); break;
  default: break;
  }
  return 1;
}

size_t strided_sort_split(int type, void *x, size_t n) {
  int wide = type == STRIDED_SORT_F64 || type == STRIDED_SORT_I64 || type == STRIDED_SORT_U64;
  if (sort_isa() == ISA_AVX512) return wide ? a5q_split((key64 *)x, n) : a5d_split((key32 *)x, n);
  return wide ? a2q_split((key64 *)x, n) : a2d_split((key32 *)x, n);
}

void strided_sort_keys(int type, void *x, size_t n) {
  int wide = type == STRIDED_SORT_F64 || type == STRIDED_SORT_I64 || type == STRIDED_SORT_U64;
  if (wide) sort_keys64(sort_isa(), (key64 *)x, n);
  else sort_keys32(sort_isa(), (key32 *)x, n);
}

void strided_sort_end(int type, void *x, size_t n) {
  switch (type) {
  case STRIDED_SORT_F64: keys_to_f64((key64 *)x, n); break;
  case STRIDED_SORT_F32: keys_to_f32((key32 *)x, n); break;
  case STRIDED_SORT_U64: flip_sign64((key64 *)x, n); break;
  case STRIDED_SORT_U32: flip_sign32((key32 *)x, n); break;
  default: break;
  }
}

#else  // not x86-64: no vectorized sort, callers use their fallback.

int strided_sort_f64(double *x, size_t n) { (void)x; (void)n; return 0; }
int strided_sort_f32(float *x, size_t n) { (void)x; (void)n; return 0; }
int strided_sort_i64(int64_t *x, size_t n) { (void)x; (void)n; return 0; }
int strided_sort_u64(uint64_t *x, size_t n) { (void)x; (void)n; return 0; }
int strided_sort_i32(int32_t *x, size_t n) { (void)x; (void)n; return 0; }
int strided_sort_u32(uint32_t *x, size_t n) { (void)x; (void)n; return 0; }
int strided_sort_begin(int type, void *x, size_t n) { (void)type; (void)x; (void)n; return 0; }
size_t strided_sort_split(int type, void *x, size_t n) { (void)type; (void)x; (void)n; return 0; }
void strided_sort_keys(int type, void *x, size_t n) { (void)type; (void)x; (void)n; }
void strided_sort_end(int type, void *x, size_t n) { (void)type; (void)x; (void)n; }

#endif  // __x86_64__
