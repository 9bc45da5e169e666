// A register-blocked product for small double matrices, where a library
// call's fixed cost outweighs the arithmetic.
#ifndef STRIDED_SMALL_PRODUCT_H
#define STRIDED_SMALL_PRODUCT_H

#ifdef __cplusplus
extern "C" {
#endif

/// c = a · b for an m × k matrix `a` with element strides (a_rows,
/// a_columns), a k × n matrix `b` whose rows are contiguous and
/// `b_rows` elements apart, into the contiguous rows of `c`, `c_rows`
/// elements apart. Uses AVX-512 where the processor has it and the matrix
/// has 8 rows and 16 columns, AVX2 and FMA otherwise; returns 0 without
/// AVX2 and FMA (and does nothing), 1 when done.
int strided_small_dgemm(int m, int n, int k, const double *a, long a_rows, long a_columns, const double *b,
                        long b_rows, double *c, long c_rows);

#ifdef __cplusplus
}
#endif

#endif
