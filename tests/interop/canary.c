/* Register canaries (canary.sox), both directions.
 * (a) Sox -> C: clobber_int / clobber_double return 2x+1 / 2x after overwriting every caller-saved register the
 *     ABI lets a callee overwrite (x86-64: RAX RCX RDX RSI RDI R8-R11 and XMM0-15; arm64: X0-X17 (not the platform
 *     register X18), V0-V7 and V16-V31 whole, and the upper 64 bits of V8-V15, of which only the low halves are
 *     callee-saved). Sox code keeping values live across the call must get them back intact.
 * (b) C -> Sox: canary_call sets every callee-saved register to a distinct canary (x86-64: RBX R12-R15, and RBP
 *     stays the frame pointer; arm64: X19-X28, D8-D15, X29 the frame pointer), calls the export sx_canary_work,
 *     then returns a mask of the registers that did not survive (bit order: canary_names()).
 * win-x64: (a) RAX RCX RDX R8-R11 and XMM0-5; (b) RBX RSI RDI R12-R15 and all 128 bits of XMM6-15, RBP the frame pointer. */
#include <stdint.h>

#include "sox_runtime.h"
#include "interop_asm.h"

#if defined(__x86_64__) && defined(_WIN32)
/* Microsoft x64: the volatile registers are RAX RCX RDX R8-R11 and XMM0-5; RBX RSI RDI R12-R15 RBP and all 128 bits
 * of XMM6-15 are nonvolatile. canary_call's frame has the shape of a Sox prologue on win-x64 (save area allocated,
 * then RBP set to its top, saves below RBP), described by .seh directives. */
#define GARBAGE_GPRS                                                                  \
    "    movabs $0x4242424242424242, %rcx\n"                                          \
    "    mov %rcx, %rdx\n    mov %rcx, %r8\n    mov %rcx, %r9\n"                      \
    "    mov %rcx, %r10\n    mov %rcx, %r11\n"
#define GARBAGE_XMMS                                                                  \
    "    movabs $0x4141414141414141, %r11\n"                                          \
    "    movq %r11, %xmm0\n    punpcklqdq %xmm0, %xmm0\n"                             \
    "    movdqa %xmm0, %xmm1\n    movdqa %xmm0, %xmm2\n    movdqa %xmm0, %xmm3\n"     \
    "    movdqa %xmm0, %xmm4\n    movdqa %xmm0, %xmm5\n"
/* XMMn = {low 0xD0D0D0D0D0D0D0hh, high 0xE0E0E0E0E0E0E0hh}: both halves are checked. */
#define X_CANARY(n, hh)                                                               \
    "    movabs $0xD0D0D0D0D0D0D0" hh ", %rax\n    movq %rax, %xmm" #n "\n"             \
    "    movabs $0xE0E0E0E0E0E0E0" hh ", %rax\n    movq %rax, %xmm0\n"                  \
    "    punpcklqdq %xmm0, %xmm" #n "\n"
#define SETNE_BIT(bit) "    setne %cl\n    movzbl %cl, %ecx\n    shl $" #bit ", %rcx\n    or %rcx, %rax\n"
#define CHECK(reg, value, bit) "    movabs $" value ", %rdx\n    cmp %rdx, " reg "\n" SETNE_BIT(bit)
#define CHECK_X(n, hh, bit)                                                           \
    "    movq %xmm" #n ", %rdx\n    movabs $0xD0D0D0D0D0D0D0" hh ", %rcx\n    cmp %rcx, %rdx\n" SETNE_BIT(bit) \
    "    pshufd $0xEE, %xmm" #n ", %xmm0\n    movq %xmm0, %rdx\n"                     \
    "    movabs $0xE0E0E0E0E0E0E0" hh ", %rcx\n    cmp %rcx, %rdx\n" SETNE_BIT(bit)
/* XMMn saved at RBP - k, which is frame base (RSP when RBP was set) + 224 - k. */
#define SAVE_X(n, k, base) "    movaps %xmm" #n ", -" #k "(%rbp)\n.seh_savexmm %xmm" #n ", " #base "\n"
#define RESTORE_X(n, k) "    movaps -" #k "(%rbp), %xmm" #n "\n"
__asm__(".text\n"
        /* int64 clobber_int(int64 x): 2x + 1 */
        ASM_FUNCTION(clobber_int) ASM_FUNCTION(clobber_int_v)
        "    mov %rcx, %rax\n" GARBAGE_XMMS GARBAGE_GPRS
        "    lea 1(%rax,%rax), %rax\n"
        "    ret\n"
        /* double clobber_double(double x): 2x */
        ASM_FUNCTION(clobber_double) ASM_FUNCTION(clobber_double_v)
        "    movq %xmm0, %rax\n" GARBAGE_XMMS GARBAGE_GPRS
        "    movq %rax, %xmm0\n"
        "    addsd %xmm0, %xmm0\n"
        "    movabs $0x4242424242424242, %rax\n"
        "    ret\n"
        /* int64 canary_call(void) */
        ASM_FUNCTION(canary_call_v) ASM_FUNCTION(canary_call)
        ".seh_proc canary_call\n"
        "    push %rbp\n.seh_pushreg %rbp\n"
        "    sub $224, %rsp\n.seh_stackalloc 224\n"
        "    lea 224(%rsp), %rbp\n.seh_setframe %rbp, 224\n"
        "    mov %rbx, -8(%rbp)\n.seh_savereg %rbx, 216\n"
        "    mov %rsi, -16(%rbp)\n.seh_savereg %rsi, 208\n"
        "    mov %rdi, -24(%rbp)\n.seh_savereg %rdi, 200\n"
        "    mov %r12, -32(%rbp)\n.seh_savereg %r12, 192\n"
        "    mov %r13, -40(%rbp)\n.seh_savereg %r13, 184\n"
        "    mov %r14, -48(%rbp)\n.seh_savereg %r14, 176\n"
        "    mov %r15, -56(%rbp)\n.seh_savereg %r15, 168\n"
        SAVE_X(6, 80, 144) SAVE_X(7, 96, 128) SAVE_X(8, 112, 112) SAVE_X(9, 128, 96) SAVE_X(10, 144, 80)
        SAVE_X(11, 160, 64) SAVE_X(12, 176, 48) SAVE_X(13, 192, 32) SAVE_X(14, 208, 16) SAVE_X(15, 224, 0)
        "    sub $32, %rsp\n.seh_stackalloc 32\n"
        ".seh_endprologue\n"
        "    movabs $0x0B0B0B0B0B0B0B0B, %rbx\n"
        "    movabs $0x0606060606060606, %rsi\n"
        "    movabs $0x0707070707070707, %rdi\n"
        "    movabs $0x1212121212121212, %r12\n"
        "    movabs $0x1313131313131313, %r13\n"
        "    movabs $0x1414141414141414, %r14\n"
        "    movabs $0x1515151515151515, %r15\n"
        X_CANARY(6, "06") X_CANARY(7, "07") X_CANARY(8, "08") X_CANARY(9, "09") X_CANARY(10, "10")
        X_CANARY(11, "11") X_CANARY(12, "12") X_CANARY(13, "13") X_CANARY(14, "14") X_CANARY(15, "15")
        ASM_CALL(sx_canary_work)
        "    xor %eax, %eax\n"
        CHECK("%rbx", "0x0B0B0B0B0B0B0B0B", 0)
        CHECK("%rsi", "0x0606060606060606", 1)
        CHECK("%rdi", "0x0707070707070707", 2)
        CHECK("%r12", "0x1212121212121212", 3)
        CHECK("%r13", "0x1313131313131313", 4)
        CHECK("%r14", "0x1414141414141414", 5)
        CHECK("%r15", "0x1515151515151515", 6)
        CHECK_X(6, "06", 7) CHECK_X(7, "07", 8) CHECK_X(8, "08", 9) CHECK_X(9, "09", 10) CHECK_X(10, "10", 11)
        CHECK_X(11, "11", 12) CHECK_X(12, "12", 13) CHECK_X(13, "13", 14) CHECK_X(14, "14", 15) CHECK_X(15, "15", 16)
        /* RBP must still be this frame's: 256 bytes above RSP. */
        "    lea 256(%rsp), %rdx\n    cmp %rdx, %rbp\n" SETNE_BIT(17)
        RESTORE_X(6, 80) RESTORE_X(7, 96) RESTORE_X(8, 112) RESTORE_X(9, 128) RESTORE_X(10, 144)
        RESTORE_X(11, 160) RESTORE_X(12, 176) RESTORE_X(13, 192) RESTORE_X(14, 208) RESTORE_X(15, 224)
        "    mov -8(%rbp), %rbx\n    mov -16(%rbp), %rsi\n    mov -24(%rbp), %rdi\n    mov -32(%rbp), %r12\n"
        "    mov -40(%rbp), %r13\n    mov -48(%rbp), %r14\n    mov -56(%rbp), %r15\n"
        "    mov %rbp, %rsp\n"
        "    pop %rbp\n"
        "    ret\n"
        ".seh_endproc\n");
#undef CHECK
const char* canary_names(void) { return "rbx rsi rdi r12 r13 r14 r15 xmm6 xmm7 xmm8 xmm9 xmm10 xmm11 xmm12 xmm13 xmm14 xmm15 rbp"; }
#elif defined(__x86_64__)
#define GARBAGE_GPRS                                                                  \
    "    movabs $0x4242424242424242, %rcx\n"                                          \
    "    mov %rcx, %rdx\n    mov %rcx, %rsi\n    mov %rcx, %rdi\n"                    \
    "    mov %rcx, %r8\n    mov %rcx, %r9\n    mov %rcx, %r10\n    mov %rcx, %r11\n"
#define GARBAGE_XMMS                                                                  \
    "    movabs $0x4141414141414141, %r11\n"                                          \
    "    movq %r11, %xmm0\n    punpcklqdq %xmm0, %xmm0\n"                             \
    "    movdqa %xmm0, %xmm1\n    movdqa %xmm0, %xmm2\n    movdqa %xmm0, %xmm3\n"     \
    "    movdqa %xmm0, %xmm4\n    movdqa %xmm0, %xmm5\n    movdqa %xmm0, %xmm6\n"     \
    "    movdqa %xmm0, %xmm7\n    movdqa %xmm0, %xmm8\n    movdqa %xmm0, %xmm9\n"     \
    "    movdqa %xmm0, %xmm10\n    movdqa %xmm0, %xmm11\n    movdqa %xmm0, %xmm12\n"  \
    "    movdqa %xmm0, %xmm13\n    movdqa %xmm0, %xmm14\n    movdqa %xmm0, %xmm15\n"
__asm__(".text\n"
        /* int64 clobber_int(int64 x): 2x + 1 */
        ASM_FUNCTION(clobber_int) ASM_FUNCTION(clobber_int_v)
        "    mov %rdi, %rax\n" GARBAGE_XMMS GARBAGE_GPRS
        "    lea 1(%rax,%rax), %rax\n"
        "    ret\n"
        /* double clobber_double(double x): 2x */
        ASM_FUNCTION(clobber_double) ASM_FUNCTION(clobber_double_v)
        "    movq %xmm0, %rax\n" GARBAGE_XMMS GARBAGE_GPRS
        "    movq %rax, %xmm0\n"
        "    addsd %xmm0, %xmm0\n"
        "    movabs $0x4242424242424242, %rax\n"
        "    ret\n"
        /* int64 canary_call(void) */
        ASM_FUNCTION(canary_call) ASM_FUNCTION(canary_call_v)
        "    push %rbp\n"
        "    mov %rsp, %rbp\n"
        "    push %rbx\n    push %r12\n    push %r13\n    push %r14\n    push %r15\n"
        "    sub $8, %rsp\n"
        "    movabs $0x0B0B0B0B0B0B0B0B, %rbx\n"
        "    movabs $0x1212121212121212, %r12\n"
        "    movabs $0x1313131313131313, %r13\n"
        "    movabs $0x1414141414141414, %r14\n"
        "    movabs $0x1515151515151515, %r15\n"
        ASM_CALL(sx_canary_work)
        "    xor %eax, %eax\n"
#define CHECK(reg, value, bit)                                                        \
        "    movabs $" value ", %rdx\n    cmp %rdx, " reg "\n    setne %cl\n"          \
        "    movzbl %cl, %ecx\n    shl $" #bit ", %rcx\n    or %rcx, %rax\n"
        CHECK("%rbx", "0x0B0B0B0B0B0B0B0B", 0)
        CHECK("%r12", "0x1212121212121212", 1)
        CHECK("%r13", "0x1313131313131313", 2)
        CHECK("%r14", "0x1414141414141414", 3)
        CHECK("%r15", "0x1515151515151515", 4)
        /* RBP must still be this frame's: 6 words above RSP (saved RBX..R15 and the padding word). */
        "    lea 48(%rsp), %rdx\n    cmp %rdx, %rbp\n    setne %cl\n"
        "    movzbl %cl, %ecx\n    shl $5, %rcx\n    or %rcx, %rax\n"
        "    add $8, %rsp\n"
        "    pop %r15\n    pop %r14\n    pop %r13\n    pop %r12\n    pop %rbx\n"
        "    pop %rbp\n"
        "    ret\n");
#undef CHECK
const char* canary_names(void) { return "rbx r12 r13 r14 r15 rbp"; }
#else
#define GARBAGE_GPRS(from)                                                            \
    MOV64("x" #from, "0x4242", "0x4242", "0x4242", "0x4242")                          \
    "    mov x2, x" #from "\n    mov x3, x" #from "\n    mov x4, x" #from "\n"         \
    "    mov x5, x" #from "\n    mov x6, x" #from "\n    mov x7, x" #from "\n"         \
    "    mov x8, x" #from "\n    mov x9, x" #from "\n    mov x10, x" #from "\n"        \
    "    mov x11, x" #from "\n    mov x12, x" #from "\n    mov x13, x" #from "\n"      \
    "    mov x14, x" #from "\n    mov x15, x" #from "\n    mov x16, x" #from "\n"      \
    "    mov x17, x" #from "\n    mov x1, x" #from "\n"
#define GARBAGE_VECTORS                                                               \
    MOV64("x9", "0x4141", "0x4141", "0x4141", "0x4141")                               \
    "    dup v0.2d, x9\n    dup v1.2d, x9\n    dup v2.2d, x9\n    dup v3.2d, x9\n"    \
    "    dup v4.2d, x9\n    dup v5.2d, x9\n    dup v6.2d, x9\n    dup v7.2d, x9\n"    \
    "    dup v16.2d, x9\n    dup v17.2d, x9\n    dup v18.2d, x9\n    dup v19.2d, x9\n" \
    "    dup v20.2d, x9\n    dup v21.2d, x9\n    dup v22.2d, x9\n    dup v23.2d, x9\n" \
    "    dup v24.2d, x9\n    dup v25.2d, x9\n    dup v26.2d, x9\n    dup v27.2d, x9\n" \
    "    dup v28.2d, x9\n    dup v29.2d, x9\n    dup v30.2d, x9\n    dup v31.2d, x9\n" \
    "    mov v8.d[1], x9\n    mov v9.d[1], x9\n    mov v10.d[1], x9\n    mov v11.d[1], x9\n" \
    "    mov v12.d[1], x9\n    mov v13.d[1], x9\n    mov v14.d[1], x9\n    mov v15.d[1], x9\n"
__asm__(".text\n"
        ASM_FUNCTION(clobber_int) ASM_FUNCTION(clobber_int_v)
        "    lsl x0, x0, #1\n"
        "    add x0, x0, #1\n"
        GARBAGE_VECTORS
        GARBAGE_GPRS(1)
        "    ret\n"
        ASM_FUNCTION(clobber_double) ASM_FUNCTION(clobber_double_v)
        "    fadd d0, d0, d0\n"
        "    fmov x0, d0\n"
        GARBAGE_VECTORS
        GARBAGE_GPRS(1)
        "    fmov d0, x0\n"
        MOV64("x0", "0x4242", "0x4242", "0x4242", "0x4242")
        "    ret\n"
        ASM_FUNCTION(canary_call) ASM_FUNCTION(canary_call_v)
        "    stp x29, x30, [sp, #-160]!\n"
        "    mov x29, sp\n"
        "    stp x19, x20, [sp, #16]\n    stp x21, x22, [sp, #32]\n    stp x23, x24, [sp, #48]\n"
        "    stp x25, x26, [sp, #64]\n    stp x27, x28, [sp, #80]\n"
        "    stp d8, d9, [sp, #96]\n    stp d10, d11, [sp, #112]\n    stp d12, d13, [sp, #128]\n    stp d14, d15, [sp, #144]\n"
#define X_CANARY(n) MOV64("x" #n, "0x" #n #n, "0x" #n #n, "0x" #n #n, "0x" #n #n)
#define D_CANARY(n) MOV64("x9", "0xD0" #n, "0xD0" #n, "0xD0" #n, "0xD0" #n)
        X_CANARY(19) X_CANARY(20) X_CANARY(21) X_CANARY(22) X_CANARY(23)
        X_CANARY(24) X_CANARY(25) X_CANARY(26) X_CANARY(27) X_CANARY(28)
        D_CANARY(8) "    fmov d8, x9\n" D_CANARY(9) "    fmov d9, x9\n"
        "    movz x9, #0xD010\n    fmov d10, x9\n    movz x9, #0xD011\n    fmov d11, x9\n"
        "    movz x9, #0xD012\n    fmov d12, x9\n    movz x9, #0xD013\n    fmov d13, x9\n"
        "    movz x9, #0xD014\n    fmov d14, x9\n    movz x9, #0xD015\n    fmov d15, x9\n"
        ASM_CALL(sx_canary_work)
        "    mov x0, #0\n"
#define CHECK_X(n, bit) X_CANARY_INTO9(n) "    cmp x" #n ", x9\n    cset x10, ne\n    orr x0, x0, x10, lsl #" #bit "\n"
#define X_CANARY_INTO9(n) MOV64("x9", "0x" #n #n, "0x" #n #n, "0x" #n #n, "0x" #n #n)
#define CHECK_D(n, bit) "    fmov x11, d" #n "\n    cmp x11, x9\n    cset x10, ne\n    orr x0, x0, x10, lsl #" #bit "\n"
        CHECK_X(19, 0) CHECK_X(20, 1) CHECK_X(21, 2) CHECK_X(22, 3) CHECK_X(23, 4)
        CHECK_X(24, 5) CHECK_X(25, 6) CHECK_X(26, 7) CHECK_X(27, 8) CHECK_X(28, 9)
        D_CANARY(8) CHECK_D(8, 10) D_CANARY(9) CHECK_D(9, 11)
        "    movz x9, #0xD010\n" CHECK_D(10, 12) "    movz x9, #0xD011\n" CHECK_D(11, 13)
        "    movz x9, #0xD012\n" CHECK_D(12, 14) "    movz x9, #0xD013\n" CHECK_D(13, 15)
        "    movz x9, #0xD014\n" CHECK_D(14, 16) "    movz x9, #0xD015\n" CHECK_D(15, 17)
        /* X29 must still be this frame's (SP is back where it was after the prologue). */
        "    mov x11, sp\n    cmp x29, x11\n    cset x10, ne\n    orr x0, x0, x10, lsl #18\n"
        "    ldp x19, x20, [sp, #16]\n    ldp x21, x22, [sp, #32]\n    ldp x23, x24, [sp, #48]\n"
        "    ldp x25, x26, [sp, #64]\n    ldp x27, x28, [sp, #80]\n"
        "    ldp d8, d9, [sp, #96]\n    ldp d10, d11, [sp, #112]\n    ldp d12, d13, [sp, #128]\n    ldp d14, d15, [sp, #144]\n"
        "    ldp x29, x30, [sp], #160\n"
        "    ret\n");
const char* canary_names(void) { return "x19 x20 x21 x22 x23 x24 x25 x26 x27 x28 d8 d9 d10 d11 d12 d13 d14 d15 x29"; }
#endif

/* A C function whose result is a weighted sum of 12 mixed arguments, returned through clobber_int so that every
 * caller-saved register is garbage when control returns to Sox. */
int64_t clobber_int(int64_t x);
int64_t clobber12(int64_t a, double b, int64_t c, double d, int64_t e, double f, int64_t g, double h, int64_t i, double j, int64_t k,
                  double l) {
    double s = 1.0 * a + 2 * b + 3.0 * c + 4 * d + 5.0 * e + 6 * f + 7.0 * g + 8 * h + 9.0 * i + 10 * j + 11.0 * k + 12 * l;
    return clobber_int((int64_t)s);
}

/* Twelve doubles summed: from Sox its wrapper keeps eleven converted doubles live across conversion calls,
 * which puts them in callee-saved vector registers on arm64. */
double dsum12(double a, double b, double c, double d, double e, double f, double g, double h, double i, double j, double k, double l) {
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j + 11 * k + 12 * l;
}

void gc_now(void) { sox_gc_collect(); }
int64_t gc_count(void) {
    SoxGcStats stats;
    sox_gc_stats(&stats);
    return (int64_t)stats.collections;
}
