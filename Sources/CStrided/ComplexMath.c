#include "ComplexMath.h"

#include <complex.h>
#include <math.h>

static inline strided_complex128 out128(double complex z) { return (strided_complex128){creal(z), cimag(z)}; }
static inline strided_complex64 out64(float complex z) { return (strided_complex64){crealf(z), cimagf(z)}; }
// C99 gives a complex number the layout of an array of its two parts, which
// keeps infinite and NaN parts intact (x + y·I would not).
static inline double complex in128(strided_complex128 z) {
  double complex r;
  ((double *)&r)[0] = z.re;
  ((double *)&r)[1] = z.im;
  return r;
}
static inline float complex in64(strided_complex64 z) {
  float complex r;
  ((float *)&r)[0] = z.re;
  ((float *)&r)[1] = z.im;
  return r;
}

strided_complex128 strided_cexp(strided_complex128 z) { return out128(cexp(in128(z))); }
strided_complex64 strided_cexpf(strided_complex64 z) { return out64(cexpf(in64(z))); }

strided_complex128 strided_clog(strided_complex128 z) { return out128(clog(in128(z))); }
strided_complex64 strided_clogf(strided_complex64 z) { return out64(clogf(in64(z))); }

strided_complex128 strided_csqrt(strided_complex128 z) { return out128(csqrt(in128(z))); }
strided_complex64 strided_csqrtf(strided_complex64 z) { return out64(csqrtf(in64(z))); }

strided_complex128 strided_csin(strided_complex128 z) { return out128(csin(in128(z))); }
strided_complex64 strided_csinf(strided_complex64 z) { return out64(csinf(in64(z))); }

strided_complex128 strided_ccos(strided_complex128 z) { return out128(ccos(in128(z))); }
strided_complex64 strided_ccosf(strided_complex64 z) { return out64(ccosf(in64(z))); }

strided_complex128 strided_ctan(strided_complex128 z) { return out128(ctan(in128(z))); }
strided_complex64 strided_ctanf(strided_complex64 z) { return out64(ctanf(in64(z))); }

strided_complex128 strided_csinh(strided_complex128 z) { return out128(csinh(in128(z))); }
strided_complex64 strided_csinhf(strided_complex64 z) { return out64(csinhf(in64(z))); }

strided_complex128 strided_ccosh(strided_complex128 z) { return out128(ccosh(in128(z))); }
strided_complex64 strided_ccoshf(strided_complex64 z) { return out64(ccoshf(in64(z))); }

strided_complex128 strided_ctanh(strided_complex128 z) { return out128(ctanh(in128(z))); }
strided_complex64 strided_ctanhf(strided_complex64 z) { return out64(ctanhf(in64(z))); }

strided_complex128 strided_casin(strided_complex128 z) { return out128(casin(in128(z))); }
strided_complex64 strided_casinf(strided_complex64 z) { return out64(casinf(in64(z))); }

strided_complex128 strided_cacos(strided_complex128 z) { return out128(cacos(in128(z))); }
strided_complex64 strided_cacosf(strided_complex64 z) { return out64(cacosf(in64(z))); }

strided_complex128 strided_catan(strided_complex128 z) { return out128(catan(in128(z))); }
strided_complex64 strided_catanf(strided_complex64 z) { return out64(catanf(in64(z))); }

strided_complex128 strided_casinh(strided_complex128 z) { return out128(casinh(in128(z))); }
strided_complex64 strided_casinhf(strided_complex64 z) { return out64(casinhf(in64(z))); }

strided_complex128 strided_cacosh(strided_complex128 z) { return out128(cacosh(in128(z))); }
strided_complex64 strided_cacoshf(strided_complex64 z) { return out64(cacoshf(in64(z))); }

strided_complex128 strided_catanh(strided_complex128 z) { return out128(catanh(in128(z))); }
strided_complex64 strided_catanhf(strided_complex64 z) { return out64(catanhf(in64(z))); }

strided_complex128 strided_cpow(strided_complex128 z, strided_complex128 w) { return out128(cpow(in128(z), in128(w))); }
strided_complex64 strided_cpowf(strided_complex64 z, strided_complex64 w) { return out64(cpowf(in64(z), in64(w))); }
