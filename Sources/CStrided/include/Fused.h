// The inner loops of Strided's fused expressions (NDExpression): one step
// of a compiled expression over a block of doubles held in cache, the
// gathers that fill a block from the operands' rows, the scatters that
// write it back, and the sums of a block's rows.
//
// Every loop performs the same IEEE operations, in the same order, as the
// eager operators (no contraction into fused multiply-adds), so fused
// results are bit for bit the eager ones. The loops are compiled for
// AVX-512, AVX2 and the baseline; Isa.h's level picks one per call.
//
// A block's rows are described by a segment table: `count` rows of
// `width` integers each, `[position, length, address₀, address₁, …]`:
// where the row starts in the block, how many items it has, and the
// address of its first item in every operand (operand 0 is the output).
#ifndef STRIDED_FUSED_H
#define STRIDED_FUSED_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Two-operand steps; comparisons, `and` and `or` give 1 or 0.
enum strided_fused_binary_op {
  STRIDED_FUSED_ADD, STRIDED_FUSED_SUBTRACT, STRIDED_FUSED_MULTIPLY, STRIDED_FUSED_DIVIDE,
  STRIDED_FUSED_LESS, STRIDED_FUSED_LESS_EQUAL, STRIDED_FUSED_GREATER, STRIDED_FUSED_GREATER_EQUAL,
  STRIDED_FUSED_EQUAL, STRIDED_FUSED_NOT_EQUAL, STRIDED_FUSED_AND, STRIDED_FUSED_OR,
  /// NaN propagates (from either side); when equal, the second operand.
  STRIDED_FUSED_MAXIMUM, STRIDED_FUSED_MINIMUM,
  /// A NaN is ignored unless both are NaN.
  STRIDED_FUSED_FMAX, STRIDED_FUSED_FMIN,
  /// The magnitude of x with the sign of y.
  STRIDED_FUSED_COPYSIGN,
};

/// One-operand steps. `FILL` ignores `x` and writes `parameter`;
/// `POWER_K` is `x` multiplied by itself `parameter - 1` times, in order.
enum strided_fused_unary_op {
  STRIDED_FUSED_NEGATE, STRIDED_FUSED_ABS, STRIDED_FUSED_SQRT, STRIDED_FUSED_NOT,
  STRIDED_FUSED_COPY, STRIDED_FUSED_ONE, STRIDED_FUSED_RECIPROCAL, STRIDED_FUSED_SQUARE,
  STRIDED_FUSED_CUBE, STRIDED_FUSED_FOURTH, STRIDED_FUSED_POWER_K, STRIDED_FUSED_FILL,
  /// Rounding down, up, toward zero, and to nearest with ties to even.
  STRIDED_FUSED_FLOOR, STRIDED_FUSED_CEIL, STRIDED_FUSED_TRUNC, STRIDED_FUSED_ROUND_EVEN,
  /// -1, 0 or 1 (+0.0 for ±0.0), NaN for NaN.
  STRIDED_FUSED_SIGN,
  /// 1 or 0.
  STRIDED_FUSED_IS_NAN, STRIDED_FUSED_IS_INFINITE, STRIDED_FUSED_IS_FINITE,
};

/// `o[j] = x[j] op y[j]` for j < n; a NULL `x` (or `y`) stands for the
/// scalar `xs` (or `ys`) in every item. Returns 0 for an unknown op.
int strided_fused_binary(int op, const double *x, double xs, const double *y, double ys, double *o, ptrdiff_t n);

/// `o[j] = op(x[j])` for j < n. Returns 0 for an unknown op.
int strided_fused_unary(int op, double parameter, const double *x, double *o, ptrdiff_t n);

/// How an operand's items are stored: doubles, floats (read as doubles,
/// written rounded to nearest), or `Bool` bytes (read as 1 and 0, written
/// as nonzero is true).
enum strided_fused_item { STRIDED_FUSED_F64, STRIDED_FUSED_F32, STRIDED_FUSED_BOOL };

/// `o[j] = c[j] != 0 ? x[j] : y[j]`, with NULL `x` or `y` standing for the
/// scalars `xs` and `ys`.
void strided_fused_select(const double *c, const double *x, double xs, const double *y, double ys, double *o,
                          ptrdiff_t n);

/// Fills `target` from operand `operand` of each row of the segment table:
/// items of kind `item` (strided_fused_item) `stride` bytes apart.
void strided_fused_gather(double *target, const intptr_t *segments, ptrdiff_t count, ptrdiff_t width,
                          ptrdiff_t operand, ptrdiff_t stride, int item);

/// Writes `values` to operand `operand` of each row of the segment table:
/// items of kind `item` (strided_fused_item) `stride` bytes apart.
void strided_fused_scatter(const double *values, const intptr_t *segments, ptrdiff_t count, ptrdiff_t width,
                           ptrdiff_t operand, ptrdiff_t stride, int item);

/// Stores the sum of each row's values at its operand-0 address: NumPy's
/// pairwise sum (the eager sum's order: eight accumulators in blocks of at
/// most 128 items, halves above) when `pairwise`, else in order from 0.
void strided_fused_row_sums(const double *values, const intptr_t *segments, ptrdiff_t count, ptrdiff_t width,
                            int pairwise);

/// Copies `n` doubles from `values` to `o`, the aligned cache lines of `o`
/// with non-temporal stores: for results far larger than the caches, whose
/// lines would otherwise be read before being written and would evict the
/// operands. Call strided_fused_fence before another thread reads `o`.
void strided_fused_stream(const double *values, double *o, ptrdiff_t n);

/// The bytes an assignment reads and writes above which its contiguous
/// Double results go through strided_fused_stream: three quarters of the
/// largest cache the system reports, 32 MiB where it reports none. Above
/// it, the results would not stay in cache for their next reader anyway.
long strided_fused_streaming_bytes(void);

/// Sets the figure strided_fused_streaming_bytes returns; a negative
/// `bytes` restores the default. For tests, which walk the streaming path
/// at small sizes with 0.
void strided_fused_set_streaming_bytes(long bytes);

/// Orders the calling thread's non-temporal stores before its later
/// stores (`sfence` on x86).
void strided_fused_fence(void);

#ifdef __cplusplus
}
#endif

#endif
