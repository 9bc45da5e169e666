// Includes the loop header named by LOOPS once per vector extension level
// (AVX-512, AVX2, the baseline), with LEVEL (a suffix for the names) and
// TARGET (the functions' target attribute, or nothing) defined for it;
// the loop header undefines both at its end. Isa.h's level picks among
// the three at run time.
#define LEVEL avx512
#define TARGET __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")))
#include LOOPS
#define LEVEL avx2
#define TARGET __attribute__((target("avx2,fma")))
#include LOOPS
#define LEVEL baseline
#define TARGET
#include LOOPS
#undef LOOPS
