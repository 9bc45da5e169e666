// The BLACS and ScaLAPACK routines Strided calls. Debian's ScaLAPACK ships
// no C header, so these prototypes are declared from the routines'
// documentation. Every Fortran argument is passed by address; complex
// numbers are pairs of reals (void * here); each character argument of a
// Fortran routine has a hidden length after the listed arguments, as
// gfortran passes them (PBLAS and the redistribution routines are written
// in C and ignore the extra arguments).
#ifndef STRIDED_SCALAPACK_H
#define STRIDED_SCALAPACK_H

#include <stddef.h>

// BLACS: process grids.
void Cblacs_pinfo(int *rank, int *count);
void Cblacs_get(int context, int what, int *value);
void Cblacs_gridinit(int *context, const char *order, int rows, int columns);
void Cblacs_gridmap(int *context, int *map, int ldmap, int rows, int columns);
void Cblacs_gridinfo(int context, int *rows, int *columns, int *row, int *column);
void Cblacs_gridexit(int context);
void Cblacs_barrier(int context, const char *scope);
void Cblacs_exit(int keepMPI);

// Tools.
int numroc_(const int *n, const int *nb, const int *iproc, const int *isrcproc, const int *nprocs);
void descinit_(int *desc, const int *m, const int *n, const int *mb, const int *nb, const int *irsrc,
               const int *icsrc, const int *ictxt, const int *lld, int *info);

// Redistribution between descriptors (any grids within `context`).
#define STRIDED_GEMR2D(p, T) \
  void p##gemr2d_(const int *m, const int *n, const T *a, const int *ia, const int *ja, const int *desca, \
                  T *b, const int *ib, const int *jb, const int *descb, const int *context);
STRIDED_GEMR2D(ps, float)
STRIDED_GEMR2D(pd, double)
STRIDED_GEMR2D(pc, void)
STRIDED_GEMR2D(pz, void)

// PBLAS: C = alpha op(A) op(B) + beta C.
#define STRIDED_GEMM(p, T) \
  void p##gemm_(const char *transa, const char *transb, const int *m, const int *n, const int *k, \
                const T *alpha, const T *a, const int *ia, const int *ja, const int *desca, \
                const T *b, const int *ib, const int *jb, const int *descb, const T *beta, \
                T *c, const int *ic, const int *jc, const int *descc, size_t, size_t);
STRIDED_GEMM(ps, float)
STRIDED_GEMM(pd, double)
STRIDED_GEMM(pc, void)
STRIDED_GEMM(pz, void)

// Norms: 'M' max |a|, '1', 'I', 'F'. Single precision returns float.
float pslange_(const char *norm, const int *m, const int *n, const float *a, const int *ia, const int *ja,
               const int *desca, float *work, size_t);
double pdlange_(const char *norm, const int *m, const int *n, const double *a, const int *ia, const int *ja,
                const int *desca, double *work, size_t);
float pclange_(const char *norm, const int *m, const int *n, const void *a, const int *ia, const int *ja,
               const int *desca, float *work, size_t);
double pzlange_(const char *norm, const int *m, const int *n, const void *a, const int *ia, const int *ja,
                const int *desca, double *work, size_t);

// LU solve.
#define STRIDED_GESV(p, T) \
  void p##gesv_(const int *n, const int *nrhs, T *a, const int *ia, const int *ja, const int *desca, int *ipiv, \
                T *b, const int *ib, const int *jb, const int *descb, int *info);
STRIDED_GESV(ps, float)
STRIDED_GESV(pd, double)
STRIDED_GESV(pc, void)
STRIDED_GESV(pz, void)

// Cholesky.
#define STRIDED_POTRF(p, T) \
  void p##potrf_(const char *uplo, const int *n, T *a, const int *ia, const int *ja, const int *desca, int *info, \
                 size_t);
STRIDED_POTRF(ps, float)
STRIDED_POTRF(pd, double)
STRIDED_POTRF(pc, void)
STRIDED_POTRF(pz, void)

// Least squares by QR or LQ.
#define STRIDED_GELS(p, T) \
  void p##gels_(const char *trans, const int *m, const int *n, const int *nrhs, T *a, const int *ia, const int *ja, \
                const int *desca, T *b, const int *ib, const int *jb, const int *descb, T *work, const int *lwork, \
                int *info, size_t);
STRIDED_GELS(ps, float)
STRIDED_GELS(pd, double)
STRIDED_GELS(pc, void)
STRIDED_GELS(pz, void)

// Symmetric and Hermitian eigenproblems, divide and conquer.
void pssyevd_(const char *jobz, const char *uplo, const int *n, float *a, const int *ia, const int *ja,
              const int *desca, float *w, float *z, const int *iz, const int *jz, const int *descz, float *work,
              const int *lwork, int *iwork, const int *liwork, int *info, size_t, size_t);
void pdsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *ia, const int *ja,
              const int *desca, double *w, double *z, const int *iz, const int *jz, const int *descz,
              double *work, const int *lwork, int *iwork, const int *liwork, int *info, size_t, size_t);
void pcheevd_(const char *jobz, const char *uplo, const int *n, void *a, const int *ia, const int *ja,
              const int *desca, float *w, void *z, const int *iz, const int *jz, const int *descz, void *work,
              const int *lwork, float *rwork, const int *lrwork, int *iwork, const int *liwork, int *info, size_t,
              size_t);
void pzheevd_(const char *jobz, const char *uplo, const int *n, void *a, const int *ia, const int *ja,
              const int *desca, double *w, void *z, const int *iz, const int *jz, const int *descz, void *work,
              const int *lwork, double *rwork, const int *lrwork, int *iwork, const int *liwork, int *info,
              size_t, size_t);

// Singular value decomposition.
void psgesvd_(const char *jobu, const char *jobvt, const int *m, const int *n, float *a, const int *ia,
              const int *ja, const int *desca, float *s, float *u, const int *iu, const int *ju, const int *descu,
              float *vt, const int *ivt, const int *jvt, const int *descvt, float *work, const int *lwork,
              int *info, size_t, size_t);
void pdgesvd_(const char *jobu, const char *jobvt, const int *m, const int *n, double *a, const int *ia,
              const int *ja, const int *desca, double *s, double *u, const int *iu, const int *ju,
              const int *descu, double *vt, const int *ivt, const int *jvt, const int *descvt, double *work,
              const int *lwork, int *info, size_t, size_t);
void pcgesvd_(const char *jobu, const char *jobvt, const int *m, const int *n, void *a, const int *ia,
              const int *ja, const int *desca, float *s, void *u, const int *iu, const int *ju, const int *descu,
              void *vt, const int *ivt, const int *jvt, const int *descvt, void *work, const int *lwork,
              float *rwork, int *info, size_t, size_t);
void pzgesvd_(const char *jobu, const char *jobvt, const int *m, const int *n, void *a, const int *ia,
              const int *ja, const int *desca, double *s, void *u, const int *iu, const int *ju, const int *descu,
              void *vt, const int *ivt, const int *jvt, const int *descvt, void *work, const int *lwork,
              double *rwork, int *info, size_t, size_t);

#endif
