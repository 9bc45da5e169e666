// The conversion loops of one vector extension level, and their table:
// included by Convert.c once per level, with LEVEL (a suffix for the names)
// and TARGET (the functions' target attribute, or nothing) defined; both
// are undefined again at the end.

// convert_LEVEL_SN_TN, and the table kernels_LEVEL.
#define PASTE4(A, B, C, D) A##_##B##_##C##_##D
#define EXPAND4(A, B, C, D) PASTE4(A, B, C, D)
#define NAME(SN, TN) EXPAND4(convert, LEVEL, SN, TN)
#define PASTE2(A, B) A##_##B
#define EXPAND2(A, B) PASTE2(A, B)
#define TABLE EXPAND2(kernels, LEVEL)

// Floats to integers: NaN gives 0, values at or below the minimum give the
// minimum, values at or above the maximum give the maximum, others
// truncate toward zero. Computed in double (which holds every float and
// every 8-, 16- and 32-bit bound exactly) as two clamps, which compile to
// vector min and max, then one conversion through a 32-bit integer (or the
// unsigned 32-bit conversion): measured, this is twice as fast as the
// same rule written as a chain of selects.
#define CLAMPED(S, SN, T, TN, MIN, MAX, CONVERT)                                \
  TARGET static void NAME(SN, TN)(const void *xs, void *ys, size_t n) { \
    const S *x = xs;                                                            \
    T *y = ys;                                                                  \
    for (size_t i = 0; i < n; i++) {                                            \
      double v = (double)x[i];                                                  \
      v = v == v ? v : 0;                                                       \
      v = v > (double)(MIN) ? v : (double)(MIN);                                \
      v = v < (double)(MAX) ? v : (double)(MAX);                                \
      y[i] = (T)(CONVERT)v;                                                     \
    }                                                                           \
  }

// 64-bit targets, whose maximum a double does not hold: at or above LIMIT
// (the maximum plus one, a power of two) gives the maximum.
#define SATURATING(S, SN, T, TN, MIN, MAX, LIMIT)                                         \
  TARGET static void NAME(SN, TN)(const void *xs, void *ys, size_t n) {           \
    const S *x = xs;                                                                      \
    T *y = ys;                                                                            \
    for (size_t i = 0; i < n; i++) {                                                      \
      S v = x[i];                                                                         \
      y[i] = v != v ? 0 : v <= (S)(MIN) ? (T)(MIN) : v >= (S)(LIMIT) ? (T)(MAX) : (T)v; \
    }                                                                                     \
  }

// Anything to a float, and integers to integers (C's conversion wraps
// modulo 2ⁿ for the integer types here, as Swift's truncatingIfNeeded).
#define PLAIN(S, SN, T, TN)                                                     \
  TARGET static void NAME(SN, TN)(const void *xs, void *ys, size_t n) { \
    const S *x = xs;                                                            \
    T *y = ys;                                                                  \
    for (size_t i = 0; i < n; i++) y[i] = (T)x[i];                              \
  }

#define FROM_FLOAT(S, SN)                                            \
  CLAMPED(S, SN, int8_t, i8, INT8_MIN, INT8_MAX, int32_t)            \
  CLAMPED(S, SN, uint8_t, u8, 0, UINT8_MAX, int32_t)                 \
  CLAMPED(S, SN, int16_t, i16, INT16_MIN, INT16_MAX, int32_t)        \
  CLAMPED(S, SN, uint16_t, u16, 0, UINT16_MAX, int32_t)              \
  CLAMPED(S, SN, int32_t, i32, INT32_MIN, INT32_MAX, int32_t)        \
  CLAMPED(S, SN, uint32_t, u32, 0, UINT32_MAX, uint32_t)             \
  SATURATING(S, SN, int64_t, i64, INT64_MIN, INT64_MAX, 0x1p63)      \
  SATURATING(S, SN, uint64_t, u64, 0, UINT64_MAX, 0x1p64)

FROM_FLOAT(float, f32)
FROM_FLOAT(double, f64)
PLAIN(float, f32, double, f64)
PLAIN(double, f64, float, f32)
// The same type's entries are never used (the caller copies), but the
// tables hold a loop there too.
PLAIN(float, f32, float, f32)
PLAIN(double, f64, double, f64)

#define FROM_INTEGER(S, SN)          \
  PLAIN(S, SN, int8_t, i8)           \
  PLAIN(S, SN, uint8_t, u8)          \
  PLAIN(S, SN, int16_t, i16)         \
  PLAIN(S, SN, uint16_t, u16)        \
  PLAIN(S, SN, int32_t, i32)         \
  PLAIN(S, SN, uint32_t, u32)        \
  PLAIN(S, SN, int64_t, i64)         \
  PLAIN(S, SN, uint64_t, u64)        \
  PLAIN(S, SN, float, f32)           \
  PLAIN(S, SN, double, f64)

FROM_INTEGER(int8_t, i8)
FROM_INTEGER(uint8_t, u8)
FROM_INTEGER(int16_t, i16)
FROM_INTEGER(uint16_t, u16)
FROM_INTEGER(int32_t, i32)
FROM_INTEGER(uint32_t, u32)
FROM_INTEGER(int64_t, i64)
FROM_INTEGER(uint64_t, u64)

#define ROW(SN)                                                                              \
  {NAME(SN, i8), NAME(SN, u8), NAME(SN, i16), NAME(SN, u16), NAME(SN, i32), NAME(SN, u32), NAME(SN, i64), \
   NAME(SN, u64), NAME(SN, f32), NAME(SN, f64)}

static const strided_conversion TABLE[STRIDED_NUMERIC_TYPES][STRIDED_NUMERIC_TYPES] = {
    ROW(i8), ROW(u8), ROW(i16), ROW(u16), ROW(i32), ROW(u32), ROW(i64), ROW(u64), ROW(f32), ROW(f64),
};

#undef LEVEL
#undef TARGET
