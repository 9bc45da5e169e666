// Loops that call glibc's vector math functions (libmvec) through the x86-64
// vector function ABI: arguments in ymm0/ymm1 (AVX2 variants) or zmm0/zmm1
// (AVX-512 variants), the result in ymm0/zmm0.
//
// Why assembly: a C compiler passes a 256- or 512-bit vector argument in
// registers only when the whole translation unit is compiled with AVX. A
// `target("avx2")` attribute on the caller is not enough for clang, which
// then passes the vectors on the stack while libmvec reads ymm0/ymm1: the
// function computes on whatever those registers held (arguments swapped at
// -O0, stale lanes in padded tails at -O2). SwiftPM compiles C targets
// without AVX flags, so the calls are made here, where the registers are
// named.
//
// Each loop takes the function's address, input and output pointers and a
// count of whole vectors (32 bytes for ymm, 64 for zmm; unaligned access).
// The pointers live in callee-saved registers across the calls; five pushes
// keep the stack 16-byte aligned at each call, as the ABI requires.
#if defined(__x86_64__) && defined(__linux__)

        .text

// One loop: NAME(f, x, [y,] out, vectors), for INPUTS of 1 or 2 vector
// arguments in registers REG (ymm or zmm) of BYTES bytes.
.macro VECTOR_LOOP name, inputs, reg, bytes
        .globl  \name
        .hidden \name
        .type   \name,@function
        .p2align 4
\name:
        .cfi_startproc
        pushq   %rbx
        .cfi_adjust_cfa_offset 8
        .cfi_offset %rbx, -16
        pushq   %r12
        .cfi_adjust_cfa_offset 8
        .cfi_offset %r12, -24
        pushq   %r13
        .cfi_adjust_cfa_offset 8
        .cfi_offset %r13, -32
        pushq   %r14
        .cfi_adjust_cfa_offset 8
        .cfi_offset %r14, -40
        pushq   %r15
        .cfi_adjust_cfa_offset 8
        .cfi_offset %r15, -48
        movq    %rdi, %rbx
        movq    %rsi, %r12
        movq    %rdx, %r13
        movq    %rcx, %r14
.if \inputs == 2
        movq    %r8, %r15
.else
        movq    %rcx, %r15
.endif
        testq   %r15, %r15
        jz      2f
1:      vmovupd (%r12), %\reg\()0
.if \inputs == 2
        vmovupd (%r13), %\reg\()1
        call    *%rbx
        vmovupd %\reg\()0, (%r14)
        addq    $\bytes, %r14
.else
        call    *%rbx
        vmovupd %\reg\()0, (%r13)
.endif
        addq    $\bytes, %r12
        addq    $\bytes, %r13
        decq    %r15
        jnz     1b
2:      vzeroupper
        popq    %r15
        .cfi_adjust_cfa_offset -8
        popq    %r14
        .cfi_adjust_cfa_offset -8
        popq    %r13
        .cfi_adjust_cfa_offset -8
        popq    %r12
        .cfi_adjust_cfa_offset -8
        popq    %rbx
        .cfi_adjust_cfa_offset -8
        ret
        .cfi_endproc
        .size   \name, .-\name
.endm

// void strided_mvec_loop1_ymm(void (*f)(void), const void *x, void *y, size_t vectors)
        VECTOR_LOOP strided_mvec_loop1_ymm, 1, ymm, 32
// void strided_mvec_loop2_ymm(void (*f)(void), const void *x, const void *y, void *z, size_t vectors)
        VECTOR_LOOP strided_mvec_loop2_ymm, 2, ymm, 32
// void strided_mvec_loop1_zmm(void (*f)(void), const void *x, void *y, size_t vectors)
        VECTOR_LOOP strided_mvec_loop1_zmm, 1, zmm, 64
// void strided_mvec_loop2_zmm(void (*f)(void), const void *x, const void *y, void *z, size_t vectors)
        VECTOR_LOOP strided_mvec_loop2_zmm, 2, zmm, 64

#endif

#if defined(__ELF__)
        .section .note.GNU-stack,"",@progbits
#endif
