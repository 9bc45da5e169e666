// The C surface of OpenBLAS that Strided uses.
//
// Debian's OpenBLAS ships CBLAS (`cblas.h`) and the LAPACK Fortran symbols,
// but no LAPACKE; the Fortran prototypes that Strided calls are declared here.
#ifndef STRIDED_COPENBLAS_SHIM_H
#define STRIDED_COPENBLAS_SHIM_H

#include <cblas.h>

#endif
