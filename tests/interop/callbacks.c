/* C calling exported Sox functions (callbacks.sox). The exports are declared here as ordinary C functions; the
 * C compiler places every argument, so narrow C kinds reach Sox with whatever the C compiler leaves above them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interop_asm.h"

int64_t sx_int(int64_t a, int64_t b);
int32_t sx_int32(int32_t a);
uint8_t sx_uint8(uint8_t a);
double sx_double(double a, double b);
float sx_float(float a);
_Bool sx_bool(_Bool a);
const char* sx_cstring(const char* s);
void* sx_pointer(void* p);
void sx_void(int64_t n);
double sx_mix12(int64_t a, double b, int32_t c, float d, uint8_t e, _Bool f, int64_t g, double h, const char* i, void* j, int64_t k,
                double l);
double sx_both20(int64_t a, double b, int64_t c, double d, int64_t e, double f, int64_t g, double h, int64_t i, double j, int64_t k,
                 double l, int64_t m, double n, int64_t o, double p, int64_t q, double r, int64_t s, double t);
int64_t sx_narrow_stack(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g, int64_t h, int32_t s1,
                        uint8_t s2, _Bool s3, float s4, int32_t s5);
int64_t sx_outer(int64_t depth);
int64_t sx_countdown(int64_t n);

/* Calls each typed export and prints what came back, in C. */
void call_each_type(void) {
    printf("C: int %lld\n", (long long)sx_int(5000000000LL, -3));
    printf("C: int32 %d\n", sx_int32(-2147483647));
    printf("C: uint8 %u\n", sx_uint8(200));
    printf("C: double %g\n", sx_double(1.5, -0.25));
    printf("C: float %g\n", (double)sx_float(0.1f));
    {
        /* In order: C leaves the evaluation order of printf's arguments open (MinGW gcc goes right to left). */
        _Bool t = sx_bool(1), f = sx_bool(0);
        printf("C: bool %d %d\n", t, f);
    }
    const char* s = sx_cstring("caf\xc3\xa9");
    printf("C: cstring %s\n", s ? s : "NULL");
    s = sx_cstring(NULL);
    printf("C: cstring %s\n", s ? s : "NULL");
    static int64_t cell = 99;
    void* p = sx_pointer(&cell);
    printf("C: pointer %s %lld\n", p == &cell ? "same" : "different", p ? (long long)*(int64_t*)p : -1LL);
    p = sx_pointer(NULL);
    printf("C: pointer %s\n", p ? "non-null" : "NULL");
    sx_void(3);
    printf("C: void returned\n");
}

double sx_floats10(float a, float b, float c, float d, float e, float f, float g, float h, float i, float j);

void call_many(void) {
    static int64_t cell = 1234;
    printf("C: mix12 %.17g\n", sx_mix12(-9000000000LL, 0.5, -7, 2.5f, 250, 1, 11, -0.125, "text", &cell, 13, 1000.5));
    printf("C: both20 %g\n", sx_both20(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20));
    printf("C: narrow %lld\n", (long long)sx_narrow_stack(1, 2, 3, 4, 5, 6, 7, 8, -9, 255, 1, 0.5f, 2147483647));
    printf("C: floats10 %.17g\n", sx_floats10(0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f, 8.5f, 0.1f));
}

/* Sox -> C -> Sox export -> C -> Sox export: sx_outer calls c_inner, which calls sx_inner. */
int64_t sx_inner(int64_t x);
int64_t c_inner(int64_t x) {
    printf("C: c_inner(%lld)\n", (long long)x);
    int64_t r = sx_inner(x * 10);
    printf("C: c_inner got %lld\n", (long long)r);
    return r + 1;
}
int64_t c_outer(int64_t depth) {
    printf("C: c_outer(%lld)\n", (long long)depth);
    return sx_outer(depth) * 2;
}
/* Mutual recursion through C: each level is an export entry and a C frame. */
int64_t c_countdown(int64_t n) { return sx_countdown(n); }

/* An export that calls back into C with a string it got from C. */
const char* sx_echo(const char* s);
const char* c_echo(const char* s) {
    const char* r = sx_echo(s);
    static char copy[128];
    snprintf(copy, sizeof copy, "[%s]", r ? r : "NULL");
    return copy;
}

/* call_dirty calls sx_dirty(a: int32, b: uint8, c: bool, d: float, e..i: int, j: int32, k: uint8, l: bool) with
 * garbage above every narrow argument, in registers and on the stack (x86-64: h..l on the stack; arm64: j..l),
 * and returns its double result: the export must extend each argument from its C width.
 * a = -7, b = 200, c = true, d = 2.5, e = 2^40, f = -3, g = 5, h = 11, i = -13, j = 100000, k = 9, l = false. */
#if defined(__x86_64__) && defined(_WIN32)
/* Microsoft x64: a..c in RCX, RDX, R8, d in XMM3 (by position), e..l on the stack above the 32-byte home area. */
__asm__(".text\n" ASM_FUNCTION(call_dirty)
        ".seh_proc call_dirty\n"
        "    push %rbp\n.seh_pushreg %rbp\n"
        "    mov %rsp, %rbp\n.seh_setframe %rbp, 0\n"
        "    sub $96, %rsp\n.seh_stackalloc 96\n"
        ".seh_endprologue\n"
        "    movabs $0x0000010000000000, %rax\n    mov %rax, 32(%rsp)\n"
        "    movq $-3, 40(%rsp)\n"
        "    movq $5, 48(%rsp)\n"
        "    movq $11, 56(%rsp)\n"
        "    movq $-13, 64(%rsp)\n"
        "    movabs $0xABCDEF01000186A0, %rax\n    mov %rax, 72(%rsp)\n"
        "    movabs $0xFFFFFFFFFFFFFF09, %rax\n    mov %rax, 80(%rsp)\n"
        "    movabs $0x0000000100000100, %rax\n    mov %rax, 88(%rsp)\n"
        "    movabs $0xDEADBEEFFFFFFFF9, %rcx\n"
        "    movabs $0x123456789ABCDEC8, %rdx\n"
        "    movabs $0xFFFFFFFFFFFFFF01, %r8\n"
        "    movabs $0x7FF1234540200000, %rax\n    movq %rax, %xmm3\n    punpcklqdq %xmm3, %xmm3\n"
        "    movabs $0x5555555555555555, %r9\n" /* position 3 is a float: R9 holds garbage */
        ASM_CALL(sx_dirty)
        "    mov %rbp, %rsp\n"
        "    pop %rbp\n"
        "    ret\n"
        ".seh_endproc\n");
#elif defined(__x86_64__)
__asm__(".text\n" ASM_FUNCTION(call_dirty)
        "    push %rbp\n"
        "    mov %rsp, %rbp\n"
        "    sub $48, %rsp\n"
        "    movq $11, (%rsp)\n"
        "    movq $-13, 8(%rsp)\n"
        "    movabs $0xABCDEF01000186A0, %rax\n    mov %rax, 16(%rsp)\n"
        "    movabs $0xFFFFFFFFFFFFFF09, %rax\n    mov %rax, 24(%rsp)\n"
        "    movabs $0x0000000100000100, %rax\n    mov %rax, 32(%rsp)\n"
        "    movabs $0xDEADBEEFFFFFFFF9, %rdi\n"
        "    movabs $0x123456789ABCDEC8, %rsi\n"
        "    movabs $0xFFFFFFFFFFFFFF01, %rdx\n"
        "    movabs $0x7FF1234540200000, %rax\n    movq %rax, %xmm0\n    punpcklqdq %xmm0, %xmm0\n"
        "    movabs $0x0000010000000000, %rcx\n"
        "    mov $-3, %r8\n"
        "    mov $5, %r9\n"
        "    mov $0x55, %eax\n" /* AL is only meaningful for variadic callees; garbage here */
        ASM_CALL(sx_dirty)
        "    leave\n"
        "    ret\n");
#else
__asm__(".text\n" ASM_FUNCTION(call_dirty)
        "    stp x29, x30, [sp, #-16]!\n"
        "    mov x29, sp\n"
        "    sub sp, sp, #32\n"
        MOV64("x9", "0xABCD", "0xEF01", "0x0001", "0x86A0") "    str x9, [sp]\n"
        MOV64("x9", "0xFFFF", "0xFFFF", "0xFFFF", "0xFF09") "    str x9, [sp, #8]\n"
        MOV64("x9", "0x0000", "0x0001", "0x0000", "0x0100") "    str x9, [sp, #16]\n"
        MOV64("x0", "0xDEAD", "0xBEEF", "0xFFFF", "0xFFF9")
        MOV64("x1", "0x1234", "0x5678", "0x9ABC", "0xDEC8")
        MOV64("x2", "0xFFFF", "0xFFFF", "0xFFFF", "0xFF01")
        MOV64("x9", "0x7FF1", "0x2345", "0x4020", "0x0000") "    fmov d0, x9\n    mov v0.d[1], x9\n"
        MOV64("x3", "0x0000", "0x0100", "0x0000", "0x0000")
        "    mov x4, #-3\n"
        "    mov x5, #5\n"
        "    mov x6, #11\n"
        "    mov x7, #-13\n"
        ASM_CALL(sx_dirty)
        "    mov sp, x29\n"
        "    ldp x29, x30, [sp], #16\n"
        "    ret\n");
#endif
