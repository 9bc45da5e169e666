// The fused-expression loops of one vector extension level: included by
// Fused.c once per level, with LEVEL (a suffix for the names) and TARGET
// (the functions' target attribute, or nothing) defined; both are
// undefined again at the end. Each loop is one IEEE operation per item,
// which the compiler vectorizes without changing a bit.

#define PASTE2(A, B) A##_##B
#define EXPAND2(A, B) PASTE2(A, B)
#define NAME(F) EXPAND2(F, LEVEL)

// The four operand shapes of a two-operand step.
#define BINARY_CASE(CODE, EXPR)                                              \
  case CODE:                                                                 \
    if (x && y) {                                                            \
      for (ptrdiff_t j = 0; j < n; j++) { double a = x[j], b = y[j]; o[j] = (EXPR); } \
    } else if (x) {                                                          \
      double b = ys;                                                         \
      for (ptrdiff_t j = 0; j < n; j++) { double a = x[j]; o[j] = (EXPR); }   \
    } else if (y) {                                                          \
      double a = xs;                                                         \
      for (ptrdiff_t j = 0; j < n; j++) { double b = y[j]; o[j] = (EXPR); }   \
    } else {                                                                 \
      double a = xs, b = ys, v = (EXPR);                                     \
      for (ptrdiff_t j = 0; j < n; j++) o[j] = v;                            \
    }                                                                        \
    return 1;

TARGET static int NAME(binary)(int op, const double *x, double xs, const double *y, double ys,
                               double *o, ptrdiff_t n) {
  switch (op) {
    BINARY_CASE(STRIDED_FUSED_ADD, a + b)
    BINARY_CASE(STRIDED_FUSED_SUBTRACT, a - b)
    BINARY_CASE(STRIDED_FUSED_MULTIPLY, a * b)
    BINARY_CASE(STRIDED_FUSED_DIVIDE, a / b)
    BINARY_CASE(STRIDED_FUSED_LESS, a < b ? 1.0 : 0.0)
    BINARY_CASE(STRIDED_FUSED_LESS_EQUAL, a <= b ? 1.0 : 0.0)
    BINARY_CASE(STRIDED_FUSED_GREATER, a > b ? 1.0 : 0.0)
    BINARY_CASE(STRIDED_FUSED_GREATER_EQUAL, a >= b ? 1.0 : 0.0)
    BINARY_CASE(STRIDED_FUSED_EQUAL, a == b ? 1.0 : 0.0)
    BINARY_CASE(STRIDED_FUSED_NOT_EQUAL, a != b ? 1.0 : 0.0)
    BINARY_CASE(STRIDED_FUSED_AND, ((a != 0) & (b != 0)) ? 1.0 : 0.0)
    BINARY_CASE(STRIDED_FUSED_OR, ((a != 0) | (b != 0)) ? 1.0 : 0.0)
    BINARY_CASE(STRIDED_FUSED_MAXIMUM, a != a ? a : (a > b ? a : b))
    BINARY_CASE(STRIDED_FUSED_MINIMUM, a != a ? a : (a < b ? a : b))
    BINARY_CASE(STRIDED_FUSED_FMAX, b != b ? a : (a > b ? a : b))
    BINARY_CASE(STRIDED_FUSED_FMIN, b != b ? a : (a < b ? a : b))
    BINARY_CASE(STRIDED_FUSED_COPYSIGN, __builtin_elementwise_copysign(a, b))
  }
  return 0;
}

#define UNARY_CASE(CODE, EXPR)                                               \
  case CODE:                                                                 \
    for (ptrdiff_t j = 0; j < n; j++) { double a = x[j]; o[j] = (EXPR); }     \
    return 1;

TARGET static int NAME(unary)(int op, double parameter, const double *x, double *o, ptrdiff_t n) {
  switch (op) {
    UNARY_CASE(STRIDED_FUSED_NEGATE, -a)
    UNARY_CASE(STRIDED_FUSED_ABS, __builtin_fabs(a))
    UNARY_CASE(STRIDED_FUSED_SQRT, __builtin_elementwise_sqrt(a))
    UNARY_CASE(STRIDED_FUSED_NOT, a != 0 ? 0.0 : 1.0)
    UNARY_CASE(STRIDED_FUSED_COPY, a)
    UNARY_CASE(STRIDED_FUSED_RECIPROCAL, 1.0 / a)
    UNARY_CASE(STRIDED_FUSED_SQUARE, a * a)
    UNARY_CASE(STRIDED_FUSED_CUBE, a * a * a)
    UNARY_CASE(STRIDED_FUSED_FLOOR, __builtin_elementwise_floor(a))
    UNARY_CASE(STRIDED_FUSED_CEIL, __builtin_elementwise_ceil(a))
    UNARY_CASE(STRIDED_FUSED_TRUNC, __builtin_elementwise_trunc(a))
    UNARY_CASE(STRIDED_FUSED_ROUND_EVEN, __builtin_elementwise_roundeven(a))
    UNARY_CASE(STRIDED_FUSED_SIGN, a > 0 ? 1.0 : a < 0 ? -1.0 : a == 0 ? 0.0 : a)
    UNARY_CASE(STRIDED_FUSED_IS_NAN, a != a ? 1.0 : 0.0)
    UNARY_CASE(STRIDED_FUSED_IS_INFINITE, __builtin_fabs(a) == __builtin_inf() ? 1.0 : 0.0)
    UNARY_CASE(STRIDED_FUSED_IS_FINITE, __builtin_fabs(a) < __builtin_inf() ? 1.0 : 0.0)
  case STRIDED_FUSED_FOURTH:
    for (ptrdiff_t j = 0; j < n; j++) {
      double s = x[j] * x[j];
      o[j] = s * s;
    }
    return 1;
  case STRIDED_FUSED_POWER_K: {
    long k = (long)parameter;
    for (ptrdiff_t j = 0; j < n; j++) {
      double a = x[j], r = a;
      for (long i = 1; i < k; i++) r *= a;
      o[j] = r;
    }
    return 1;
  }
  case STRIDED_FUSED_ONE:
    for (ptrdiff_t j = 0; j < n; j++) o[j] = 1.0;
    return 1;
  case STRIDED_FUSED_FILL:
    for (ptrdiff_t j = 0; j < n; j++) o[j] = parameter;
    return 1;
  }
  return 0;
}

TARGET static void NAME(select)(const double *c, const double *x, double xs,
                                const double *y, double ys, double *o, ptrdiff_t n) {
  // Both sides are read before the choice, so that the compiler may load
  // them whole and blend (reading only the chosen side becomes a masked
  // load, which AVX2 has no fast form of).
  if (x && y) {
    for (ptrdiff_t j = 0; j < n; j++) {
      double a = x[j], b = y[j];
      o[j] = c[j] != 0 ? a : b;
    }
  } else if (x) {
    for (ptrdiff_t j = 0; j < n; j++) {
      double a = x[j];
      o[j] = c[j] != 0 ? a : ys;
    }
  } else if (y) {
    for (ptrdiff_t j = 0; j < n; j++) {
      double b = y[j];
      o[j] = c[j] != 0 ? xs : b;
    }
  } else {
    for (ptrdiff_t j = 0; j < n; j++) o[j] = c[j] != 0 ? xs : ys;
  }
}

// A contiguous run of doubles at any byte address: whole 64-byte pieces
// as vector moves, then the rest. Kept from becoming a call to memcpy, which costs more than the
// copy on the short rows the fused loops see.
TARGET NO_MEMCPY static inline void NAME(copy_run)(double *restrict t, const double *s, ptrdiff_t n) {
  ptrdiff_t j = 0;
  for (; j + 8 <= n; j += 8) *(strided_run64 *)(t + j) = *(const strided_run64 *)(s + j);
  for (; j < n; j++) *(strided_item *)(t + j) = *(const strided_item *)(s + j);
}

// `n` doubles to `o`: plain stores up to the first 64-byte boundary, then
// whole cache lines with non-temporal stores, which write around the caches
// (no read of the line first, no eviction of the operands), then the rest.
TARGET NO_MEMCPY static void NAME(stream)(const double *values, double *o, ptrdiff_t n) {
  ptrdiff_t j = 0;
  for (; j < n && ((uintptr_t)(o + j) & 63) != 0; j++) o[j] = values[j];
  for (; j + 8 <= n; j += 8) {
    __builtin_nontemporal_store(*(const strided_run64 *)(values + j), (strided_line64 *)(o + j));
  }
  for (; j < n; j++) o[j] = values[j];
}

TARGET NO_MEMCPY static void NAME(gather)(double *target, const intptr_t *segments, ptrdiff_t count, ptrdiff_t width,
                                ptrdiff_t operand, ptrdiff_t stride, int item) {
  for (ptrdiff_t s = 0; s < count; s++) {
    const intptr_t *row = segments + s * width;
    double *t = target + row[0];
    ptrdiff_t n = row[1];
    const char *source = (const char *)row[2 + operand];
    if (item == STRIDED_FUSED_BOOL) {
      for (ptrdiff_t j = 0; j < n; j++) t[j] = source[j * stride] != 0 ? 1.0 : 0.0;
    } else if (item == STRIDED_FUSED_F32) {
      if (stride == 4) {
        for (ptrdiff_t j = 0; j < n; j++) {
          float v;
          __builtin_memcpy(&v, source + 4 * j, 4);
          t[j] = v;
        }
      } else {
        for (ptrdiff_t j = 0; j < n; j++) {
          float v;
          __builtin_memcpy(&v, source + j * stride, 4);
          t[j] = v;
        }
      }
    } else if (stride == 0) {
      double v;
      __builtin_memcpy(&v, source, 8);
      for (ptrdiff_t j = 0; j < n; j++) t[j] = v;
    } else if (stride == 8) {
      NAME(copy_run)(t, (const double *)source, n);
    } else {
      for (ptrdiff_t j = 0; j < n; j++) __builtin_memcpy(t + j, source + j * stride, 8);
    }
  }
}

TARGET NO_MEMCPY static void NAME(scatter)(const double *values, const intptr_t *segments, ptrdiff_t count, ptrdiff_t width,
                                 ptrdiff_t operand, ptrdiff_t stride, int item) {
  for (ptrdiff_t s = 0; s < count; s++) {
    const intptr_t *row = segments + s * width;
    const double *v = values + row[0];
    ptrdiff_t n = row[1];
    char *target = (char *)row[2 + operand];
    if (item == STRIDED_FUSED_BOOL) {
      for (ptrdiff_t j = 0; j < n; j++) target[j * stride] = v[j] != 0;
    } else if (item == STRIDED_FUSED_F32) {
      for (ptrdiff_t j = 0; j < n; j++) {
        float f = (float)v[j];
        __builtin_memcpy(target + j * stride, &f, 4);
      }
    } else if (stride == 8) {
      NAME(copy_run)((double *)target, v, n);
    } else {
      for (ptrdiff_t j = 0; j < n; j++) __builtin_memcpy(target + j * stride, v + j, 8);
    }
  }
}

// The eager sum's order (Reduction.sumSIMD): below 8 items in order from
// 0; up to 128, eight lanes added block by block, folded as
// ((0+1)+(2+3))+((4+5)+(6+7)), then the rest in order; above, two halves
// (the first a multiple of 8 items).
TARGET static double NAME(pairwise_sum)(const double *p, ptrdiff_t n) {
  if (n < 8) {
    double r = 0;
    for (ptrdiff_t i = 0; i < n; i++) r += p[i];
    return r;
  }
  if (n <= 128) {
    double a[8];
    for (int k = 0; k < 8; k++) a[k] = p[k];
    ptrdiff_t i = 8;
    for (; i + 8 <= n; i += 8)
      for (int k = 0; k < 8; k++) a[k] += p[i + k];
    double r = ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
    for (; i < n; i++) r += p[i];
    return r;
  }
  ptrdiff_t half = n / 2;
  half -= half % 8;
  return NAME(pairwise_sum)(p, half) + NAME(pairwise_sum)(p + half, n - half);
}

TARGET static void NAME(row_sums)(const double *values, const intptr_t *segments, ptrdiff_t count, ptrdiff_t width,
                                  int pairwise) {
  for (ptrdiff_t s = 0; s < count; s++) {
    const intptr_t *row = segments + s * width;
    const double *v = values + row[0];
    ptrdiff_t n = row[1];
    double r;
    if (pairwise) {
      // As the eager sum, added to the identity: −0.0 items give +0.0.
      r = 0.0 + NAME(pairwise_sum)(v, n);
    } else {
      r = 0;
      for (ptrdiff_t j = 0; j < n; j++) r += v[j];
    }
    __builtin_memcpy((void *)row[2], &r, 8);
  }
}

#undef BINARY_CASE
#undef UNARY_CASE
#undef NAME
#undef EXPAND2
#undef PASTE2
#undef LEVEL
#undef TARGET
