// The C surface of OpenBLAS that Strided uses.
//
// Debian's OpenBLAS ships CBLAS (`cblas.h`) and the LAPACK Fortran symbols,
// but no LAPACKE; the Fortran prototypes that Strided calls are declared here.
// Fortran passes every argument by address. Each CHARACTER argument has a
// hidden length, passed by value after the declared arguments.
// Complex arrays are passed as `void *` (interleaved real, imaginary).
#ifndef STRIDED_COPENBLAS_SHIM_H
#define STRIDED_COPENBLAS_SHIM_H

#include <stddef.h>
#include <cblas.h>

#define STRIDED_LAPACK_REAL(P, T)                                                          \
  void P##gesv_(const blasint *n, const blasint *nrhs, T *a, const blasint *lda,          \
                blasint *ipiv, T *b, const blasint *ldb, blasint *info);                  \
  void P##getrf_(const blasint *m, const blasint *n, T *a, const blasint *lda,            \
                 blasint *ipiv, blasint *info);                                           \
  void P##getrs_(const char *trans, const blasint *n, const blasint *nrhs, const T *a,    \
                 const blasint *lda, const blasint *ipiv, T *b, const blasint *ldb,       \
                 blasint *info, size_t trans_len);                                        \
  void P##gelsd_(const blasint *m, const blasint *n, const blasint *nrhs, T *a,           \
                 const blasint *lda, T *b, const blasint *ldb, T *s, const T *rcond,      \
                 blasint *rank, T *work, const blasint *lwork, blasint *iwork,            \
                 blasint *info);                                                          \
  void P##potrf_(const char *uplo, const blasint *n, T *a, const blasint *lda,            \
                 blasint *info, size_t uplo_len);                                         \
  void P##geqrf_(const blasint *m, const blasint *n, T *a, const blasint *lda, T *tau,    \
                 T *work, const blasint *lwork, blasint *info);                           \
  void P##orgqr_(const blasint *m, const blasint *n, const blasint *k, T *a,              \
                 const blasint *lda, const T *tau, T *work, const blasint *lwork,         \
                 blasint *info);                                                          \
  void P##gesdd_(const char *jobz, const blasint *m, const blasint *n, T *a,              \
                 const blasint *lda, T *s, T *u, const blasint *ldu, T *vt,               \
                 const blasint *ldvt, T *work, const blasint *lwork, blasint *iwork,      \
                 blasint *info, size_t jobz_len);                                         \
  void P##syevd_(const char *jobz, const char *uplo, const blasint *n, T *a,              \
                 const blasint *lda, T *w, T *work, const blasint *lwork, blasint *iwork, \
                 const blasint *liwork, blasint *info, size_t jobz_len, size_t uplo_len); \
  void P##geev_(const char *jobvl, const char *jobvr, const blasint *n, T *a,             \
                const blasint *lda, T *wr, T *wi, T *vl, const blasint *ldvl, T *vr,      \
                const blasint *ldvr, T *work, const blasint *lwork, blasint *info,        \
                size_t jobvl_len, size_t jobvr_len);

// R is the real type of the complex one.
#define STRIDED_LAPACK_COMPLEX(P, R)                                                       \
  void P##gesv_(const blasint *n, const blasint *nrhs, void *a, const blasint *lda,       \
                blasint *ipiv, void *b, const blasint *ldb, blasint *info);               \
  void P##getrf_(const blasint *m, const blasint *n, void *a, const blasint *lda,         \
                 blasint *ipiv, blasint *info);                                           \
  void P##getrs_(const char *trans, const blasint *n, const blasint *nrhs, const void *a, \
                 const blasint *lda, const blasint *ipiv, void *b, const blasint *ldb,    \
                 blasint *info, size_t trans_len);                                        \
  void P##gelsd_(const blasint *m, const blasint *n, const blasint *nrhs, void *a,        \
                 const blasint *lda, void *b, const blasint *ldb, R *s, const R *rcond,   \
                 blasint *rank, void *work, const blasint *lwork, R *rwork,               \
                 blasint *iwork, blasint *info);                                          \
  void P##potrf_(const char *uplo, const blasint *n, void *a, const blasint *lda,         \
                 blasint *info, size_t uplo_len);                                         \
  void P##geqrf_(const blasint *m, const blasint *n, void *a, const blasint *lda,         \
                 void *tau, void *work, const blasint *lwork, blasint *info);             \
  void P##ungqr_(const blasint *m, const blasint *n, const blasint *k, void *a,           \
                 const blasint *lda, const void *tau, void *work, const blasint *lwork,   \
                 blasint *info);                                                          \
  void P##gesdd_(const char *jobz, const blasint *m, const blasint *n, void *a,           \
                 const blasint *lda, R *s, void *u, const blasint *ldu, void *vt,         \
                 const blasint *ldvt, void *work, const blasint *lwork, R *rwork,         \
                 blasint *iwork, blasint *info, size_t jobz_len);                         \
  void P##heevd_(const char *jobz, const char *uplo, const blasint *n, void *a,           \
                 const blasint *lda, R *w, void *work, const blasint *lwork, R *rwork,    \
                 const blasint *lrwork, blasint *iwork, const blasint *liwork,            \
                 blasint *info, size_t jobz_len, size_t uplo_len);                        \
  void P##geev_(const char *jobvl, const char *jobvr, const blasint *n, void *a,          \
                const blasint *lda, void *w, void *vl, const blasint *ldvl, void *vr,     \
                const blasint *ldvr, void *work, const blasint *lwork, R *rwork,          \
                blasint *info, size_t jobvl_len, size_t jobvr_len);

STRIDED_LAPACK_REAL(s, float)
STRIDED_LAPACK_REAL(d, double)
STRIDED_LAPACK_COMPLEX(c, float)
STRIDED_LAPACK_COMPLEX(z, double)

#undef STRIDED_LAPACK_REAL
#undef STRIDED_LAPACK_COMPLEX

#endif
