// C99 complex functions (Annex G: infinities, NaN and signed zeros as the
// standard specifies, as NumPy computes them), for Strided's complex
// kernels. Swift does not import C's complex types, so values cross as
// pairs of reals.
#ifndef STRIDED_COMPLEX_MATH_H
#define STRIDED_COMPLEX_MATH_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct { double re, im; } strided_complex128;
typedef struct { float re, im; } strided_complex64;

strided_complex128 strided_cexp(strided_complex128 z);
strided_complex64 strided_cexpf(strided_complex64 z);

strided_complex128 strided_clog(strided_complex128 z);
strided_complex64 strided_clogf(strided_complex64 z);

strided_complex128 strided_csqrt(strided_complex128 z);
strided_complex64 strided_csqrtf(strided_complex64 z);

strided_complex128 strided_csin(strided_complex128 z);
strided_complex64 strided_csinf(strided_complex64 z);

strided_complex128 strided_ccos(strided_complex128 z);
strided_complex64 strided_ccosf(strided_complex64 z);

strided_complex128 strided_ctan(strided_complex128 z);
strided_complex64 strided_ctanf(strided_complex64 z);

strided_complex128 strided_csinh(strided_complex128 z);
strided_complex64 strided_csinhf(strided_complex64 z);

strided_complex128 strided_ccosh(strided_complex128 z);
strided_complex64 strided_ccoshf(strided_complex64 z);

strided_complex128 strided_ctanh(strided_complex128 z);
strided_complex64 strided_ctanhf(strided_complex64 z);

strided_complex128 strided_casin(strided_complex128 z);
strided_complex64 strided_casinf(strided_complex64 z);

strided_complex128 strided_cacos(strided_complex128 z);
strided_complex64 strided_cacosf(strided_complex64 z);

strided_complex128 strided_catan(strided_complex128 z);
strided_complex64 strided_catanf(strided_complex64 z);

strided_complex128 strided_casinh(strided_complex128 z);
strided_complex64 strided_casinhf(strided_complex64 z);

strided_complex128 strided_cacosh(strided_complex128 z);
strided_complex64 strided_cacoshf(strided_complex64 z);

strided_complex128 strided_catanh(strided_complex128 z);
strided_complex64 strided_catanhf(strided_complex64 z);

strided_complex128 strided_cpow(strided_complex128 z, strided_complex128 w);
strided_complex64 strided_cpowf(strided_complex64 z, strided_complex64 w);

#ifdef __cplusplus
}
#endif

#endif
