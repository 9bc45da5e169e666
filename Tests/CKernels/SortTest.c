// The vectorized sort (Sources/CStrided/Sort.c) against qsort: every n in
// 0...300 and some larger sizes, many input patterns, all six types, the
// AVX-512 path (where the processor has it), the AVX2 path, and the refusal
// without either. `make test` runs it twice: as is, and built with
// STRIDED_SORT_DEPTH_PER_LEVEL=0, where every sort takes the heapsort
// fallback that bounds the worst case.
// Floats: the output must be a permutation of the input's bit patterns
// (NaN payloads, -0.0 kept) and equal, position by position, to qsort's
// result under NumPy's order (NaN last, -0.0 == +0.0). Guard elements on
// both sides catch stray writes.
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "Sort.h"
#include "Isa.h"

enum { F64, F32, I64, U64, I32, U32, NTYPES };
static const char *type_name[] = {"f64", "f32", "i64", "u64", "i32", "u32"};
static const size_t type_size[] = {8, 4, 8, 8, 4, 4};

enum { NPATTERNS = 11 };
static const char *pattern_name[] = {"random-bits", "random",     "few-distinct", "all-equal",
                                     "sorted",      "reversed",   "organ-pipe",   "sawtooth",
                                     "specials",    "one-differs", "nearly-sorted"};

static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint64_t rnd(void) {  // splitmix64
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

static const uint64_t special_f64[] = {
    0x0000000000000000, 0x8000000000000000, 0x7ff0000000000000, 0xfff0000000000000,
    0x7ff8000000000000, 0x7ff0000000000001, 0xfff8000000000000, 0xffffffffffffffff,
    0x7fffffffffffffff, 0x0000000000000001, 0x8000000000000001, 0x000fffffffffffff,
    0x7fefffffffffffff, 0xffefffffffffffff, 0x3ff0000000000000, 0xbff0000000000000};
static const uint32_t special_f32[] = {0x00000000, 0x80000000, 0x7f800000, 0xff800000,
                                       0x7fc00000, 0x7f800001, 0xffc00000, 0xffffffff,
                                       0x7fffffff, 0x00000001, 0x80000001, 0x007fffff,
                                       0x7f7fffff, 0xff7fffff, 0x3f800000, 0xbf800000};
static const int64_t special_int[] = {INT64_MIN, INT64_MAX, 0, -1, 1, INT32_MIN, INT32_MAX,
                                      (int64_t)UINT32_MAX};

// Stores value v (an integer pattern value, centred around 0) as type t.
static void put(int t, void *x, size_t i, int64_t v, size_t n) {
  switch (t) {
    case F64: ((double *)x)[i] = (double)v * 0.5; break;
    case F32: ((float *)x)[i] = (float)v * 0.5f; break;
    case I64: ((int64_t *)x)[i] = v; break;
    case U64: ((uint64_t *)x)[i] = (uint64_t)v + (UINT64_C(1) << 63) - n / 2; break;
    case I32: ((int32_t *)x)[i] = (int32_t)v; break;
    case U32: ((uint32_t *)x)[i] = (uint32_t)v + (UINT32_C(1) << 31) - (uint32_t)(n / 2); break;
  }
}

static void put_bits(int t, void *x, size_t i, uint64_t bits) {
  if (type_size[t] == 8) memcpy((char *)x + 8 * i, &bits, 8);
  else {
    uint32_t b = (uint32_t)bits;
    memcpy((char *)x + 4 * i, &b, 4);
  }
}

static void generate(int t, int p, void *x, size_t n) {
  int64_t h = (int64_t)(n / 2);
  size_t pos = n ? rnd() % n : 0;
  for (size_t i = 0; i < n; i++) {
    int64_t k = (int64_t)i;
    switch (p) {
      case 0: put_bits(t, x, i, rnd()); break;
      case 1:
        if (t == F64) ((double *)x)[i] = (double)(rnd() >> 11) * 0x1p-53;
        else if (t == F32) ((float *)x)[i] = (float)(rnd() >> 40) * 0x1p-24f;
        else put(t, x, i, (int64_t)(rnd() % 2000000) - 1000000, n);
        break;
      case 2: put(t, x, i, (int64_t)(rnd() % 4), n); break;
      case 3: put(t, x, i, 7, n); break;
      case 4: put(t, x, i, k - h, n); break;
      case 5: put(t, x, i, h - k, n); break;
      case 6: put(t, x, i, k < h ? k : (int64_t)n - k, n); break;
      case 7: put(t, x, i, k % 17, n); break;
      case 8: {  // specials mixed with random values
        uint64_t r = rnd();
        if (r % 3) put(t, x, i, (int64_t)(r >> 40) - (1 << 23), n);
        else if (t == F64) put_bits(t, x, i, special_f64[(r >> 8) % 16]);
        else if (t == F32) put_bits(t, x, i, special_f32[(r >> 8) % 16]);
        else put_bits(t, x, i, (uint64_t)special_int[(r >> 8) % 8]);
        break;
      }
      case 9: put(t, x, i, i == pos ? 1 : 0, n); break;
      case 10: put(t, x, i, rnd() % 100 == 0 ? (int64_t)(rnd() % (n + 1)) - h : k - h, n); break;
    }
  }
}

// NumPy order: NaN after everything; -0.0 == +0.0.
static int cmp_f64(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  if (isnan(x) || isnan(y)) return isnan(x) - isnan(y);
  return (x > y) - (x < y);
}
static int cmp_f32(const void *a, const void *b) {
  float x = *(const float *)a, y = *(const float *)b;
  if (isnan(x) || isnan(y)) return isnan(x) - isnan(y);
  return (x > y) - (x < y);
}
#define CMP(name, T) \
  static int name(const void *a, const void *b) { \
    T x = *(const T *)a, y = *(const T *)b;       \
    return (x > y) - (x < y);                     \
  }
CMP(cmp_i64, int64_t)
CMP(cmp_u64, uint64_t)
CMP(cmp_i32, int32_t)
CMP(cmp_u32, uint32_t)
static int (*const cmp[])(const void *, const void *) = {cmp_f64, cmp_f32, cmp_i64,
                                                         cmp_u64, cmp_i32, cmp_u32};

static int run_sort(int t, void *x, size_t n) {
  switch (t) {
    case F64: return strided_sort_f64(x, n);
    case F32: return strided_sort_f32(x, n);
    case I64: return strided_sort_i64(x, n);
    case U64: return strided_sort_u64(x, n);
    case I32: return strided_sort_i32(x, n);
    default: return strided_sort_u32(x, n);
  }
}

enum { GUARD = 64 };
static long failures, checks;

static void fail(const char *what, int t, int p, size_t n, const char *isa) {
  if (++failures <= 20 || getenv("ALLFAIL"))
    printf("FAIL %s: %s %s n=%zu isa=%s\n", what, type_name[t], pattern_name[p], n, isa);
}

// in: input; ref: qsort result; bits_in: input bit patterns sorted as unsigned.
static void check_one(int t, int p, size_t n, const void *in, const void *ref,
                      const void *bits_in, char *buf, char *scratch, const char *isa) {
  size_t es = type_size[t], off = GUARD + (n % 3);  // also vary alignment
  memset(buf, 0xa5, (n + 2 * GUARD + 3) * es);
  memcpy(buf + off * es, in, n * es);
  char *x = buf + off * es;
  checks++;
  if (!run_sort(t, x, n)) return fail("returned 0", t, p, n, isa);
  for (size_t i = 0; i < off * es; i++)
    if ((unsigned char)buf[i] != 0xa5) return fail("wrote before the array", t, p, n, isa);
  for (size_t i = (off + n) * es; i < (n + 2 * GUARD + 3) * es; i++)
    if ((unsigned char)buf[i] != 0xa5) return fail("wrote after the array", t, p, n, isa);
  if (t == F64 || t == F32) {
    for (size_t i = 0; i < n; i++)
      if (cmp[t](x + i * es, (const char *)ref + i * es) != 0)
        return fail("order differs from qsort", t, p, n, isa);
    memcpy(scratch, x, n * es);
    qsort(scratch, n, es, es == 8 ? cmp_u64 : cmp_u32);
    if (memcmp(scratch, bits_in, n * es)) return fail("bit patterns changed", t, p, n, isa);
  } else if (memcmp(x, ref, n * es)) {
    return fail("differs from qsort", t, p, n, isa);
  }
}

static void check(int t, int p, size_t n) {
  size_t es = type_size[t];
  char *in = malloc(n * es + 8), *ref = malloc(n * es + 8), *bits = malloc(n * es + 8);
  char *buf = malloc((n + 2 * GUARD + 3) * es), *scratch = malloc(n * es + 8);
  generate(t, p, in, n);
  memcpy(ref, in, n * es);
  qsort(ref, n, es, cmp[t]);
  memcpy(bits, in, n * es);
  qsort(bits, n, es, es == 8 ? cmp_u64 : cmp_u32);
  strided_isa_limit(2);
  check_one(t, p, n, in, ref, bits, buf, scratch, "avx512");
  strided_isa_limit(1);
  check_one(t, p, n, in, ref, bits, buf, scratch, "avx2");
  // Without AVX2 the sort must refuse and leave the data alone.
  strided_isa_limit(0);
  memcpy(buf, in, n * es);
  if (run_sort(t, buf, n) || memcmp(buf, in, n * es)) fail("isa=none", t, p, n, "none");
  free(in), free(ref), free(bits), free(buf), free(scratch);
}

int main(void) {
  static const size_t large[] = {1000, 4096, 65537, 1000000};
  for (int t = 0; t < NTYPES; t++)
    for (int p = 0; p < NPATTERNS; p++) {
      for (size_t n = 0; n <= 300; n++) check(t, p, n);
      for (size_t i = 0; i < sizeof large / sizeof *large; i++) check(t, p, large[i]);
    }
  printf("%ld sorts checked, %ld failures\n", checks, failures);
  return failures != 0;
}
