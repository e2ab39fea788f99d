/* sox_ffi_invoke.c — uint64_t sox_ffi_invoke(void* fn, SoxCallFrame* frame): loads the argument registers from
 * the frame sox_c_call_variadic filled, copies its stack image to the bottom of a 16-byte aligned outgoing area,
 * calls fn, stores the vector result in frame->fret and returns the integer result. Written in assembly because
 * C cannot set registers or AL; one body per calling convention (docs/calling-conventions.md): System V x86-64,
 * Microsoft x64 (Windows), AAPCS64.
 * SoxCallFrame: gpr[8] +0, fpr[8] +64, stack +128, stackWords +136, floatCount +144, fret +152. */
#include "sox_internal.h"

_Static_assert(offsetof(SoxCallFrame, fpr) == 64, "SoxCallFrame.fpr");
_Static_assert(offsetof(SoxCallFrame, stack) == 128, "SoxCallFrame.stack");
_Static_assert(offsetof(SoxCallFrame, stackWords) == 136, "SoxCallFrame.stackWords");
_Static_assert(offsetof(SoxCallFrame, floatCount) == 144, "SoxCallFrame.floatCount");
_Static_assert(offsetof(SoxCallFrame, fret) == 152, "SoxCallFrame.fret");

#define SOX_STR2(x) #x
#define SOX_STR(x) SOX_STR2(x)
#if defined(_WIN32)
#define SOX_ASM_NAME(name) #name /* x64 COFF: no leading underscore */
#define SOX_ASM_TYPE(name) ".def " #name "; .scl 2; .type 32; .endef\n"
#define SOX_ASM_SIZE(name) ""
#define SOX_ASM_HIDDEN(name) ""
#elif defined(__APPLE__)
#define SOX_ASM_NAME(name) "_" #name
#define SOX_ASM_TYPE(name) ""
#define SOX_ASM_SIZE(name) ""
#define SOX_ASM_HIDDEN(name) ".private_extern " SOX_ASM_NAME(name) "\n"
#else
#define SOX_ASM_NAME(name) #name
#define SOX_ASM_TYPE(name) ".type " #name ", @function\n"
#define SOX_ASM_SIZE(name) ".size " #name ", . - " #name "\n"
#define SOX_ASM_HIDDEN(name) ".hidden " #name "\n"
#endif

#if defined(__x86_64__) && defined(_WIN32)
/* Microsoft x64 ("x64 calling convention", learn.microsoft.com/cpp/build/x64-calling-convention): the first four
 * arguments go by position in RCX, RDX, R8, R9 or, for floating-point ones, XMM0–XMM3; a variadic (or
 * unprototyped) callee reads a floating-point argument from the integer register of its position, so
 * sox_c_call_variadic fills both (gpr[i] and fpr[i]) and both are loaded here. The caller reserves a 32-byte home
 * ("shadow") area for the four registers just above the return address; the fifth and later arguments follow it
 * at [rsp+32], [rsp+40]…, 8 bytes each; RSP is 16-byte aligned at the call ("x64 stack usage"); AL means nothing.
 * RBX, RBP, R12 are nonvolatile, so they survive the call. The .seh_ directives give the function unwind data
 * (.pdata/.xdata), so the OS's unwinder, stack traces and longjmp can step over it.
 * SoxCallFrame on entry: fn in RCX, frame in RDX. */
__asm__(
    ".text\n"
    ".p2align 4\n"
    ".globl " SOX_ASM_NAME(sox_ffi_invoke) "\n"
    SOX_ASM_TYPE(sox_ffi_invoke)
    SOX_ASM_NAME(sox_ffi_invoke) ":\n"
    ".seh_proc " SOX_ASM_NAME(sox_ffi_invoke) "\n"
    "    push %rbp\n"
    ".seh_pushreg %rbp\n"
    "    push %rbx\n"
    ".seh_pushreg %rbx\n"
    "    push %r12\n"                   /* rsp is 16-byte aligned again here */
    ".seh_pushreg %r12\n"
    "    mov %rsp, %rbp\n"
    ".seh_setframe %rbp, 0\n"
    ".seh_endprologue\n"
    "    mov %rdx, %rbx\n"              /* frame */
    "    mov %rcx, %r12\n"              /* fn */
    "    mov 136(%rbx), %rcx\n"         /* stackWords */
    "    lea 47(,%rcx,8), %rax\n"       /* the home area + the stack words, rounded up to 16 */
    "    and $-16, %rax\n"
    "    sub %rax, %rsp\n"
    "    mov 128(%rbx), %r8\n"
    "    xor %edx, %edx\n"
    "1:  cmp %rcx, %rdx\n"
    "    jae 2f\n"
    "    mov (%r8,%rdx,8), %rax\n"
    "    mov %rax, 32(%rsp,%rdx,8)\n"   /* after the home area */
    "    inc %rdx\n"
    "    jmp 1b\n"
    "2:  movsd 64(%rbx), %xmm0\n"
    "    movsd 72(%rbx), %xmm1\n"
    "    movsd 80(%rbx), %xmm2\n"
    "    movsd 88(%rbx), %xmm3\n"
    "    mov 0(%rbx), %rcx\n"
    "    mov 8(%rbx), %rdx\n"
    "    mov 16(%rbx), %r8\n"
    "    mov 24(%rbx), %r9\n"
    "    call *%r12\n"
    "    movsd %xmm0, 152(%rbx)\n"
    "    lea 0(%rbp), %rsp\n"
    "    pop %r12\n"
    "    pop %rbx\n"
    "    pop %rbp\n"
    "    ret\n"
    ".seh_endproc\n");
#elif defined(__x86_64__)
/* System V AMD64 psABI §3.2.3: RDI RSI RDX RCX R8 R9, XMM0–7, the rest at [rsp] upwards at the call, RSP 16-byte
 * aligned; AL = vector registers used (§3.5.7). RBX and R12 are callee-saved, so they survive the call. The .cfi_
 * directives give it call frame information (.eh_frame, as the C around it has), so debuggers, perf and libgcc's
 * unwinder step over it at any instruction — a backtrace from inside a C function Sox called goes on to the Sox
 * frames. */
__asm__(
    ".text\n"
    ".p2align 4\n"
    ".globl " SOX_ASM_NAME(sox_ffi_invoke) "\n"
    SOX_ASM_HIDDEN(sox_ffi_invoke)
    SOX_ASM_TYPE(sox_ffi_invoke)
    SOX_ASM_NAME(sox_ffi_invoke) ":\n"
    ".cfi_startproc\n"
    "    push %rbp\n"
    ".cfi_def_cfa_offset 16\n"
    ".cfi_offset %rbp, -16\n"
    "    mov %rsp, %rbp\n"
    ".cfi_def_cfa_register %rbp\n"
    "    push %rbx\n"
    ".cfi_offset %rbx, -24\n"
    "    push %r12\n"                   /* rsp is 16-byte aligned again here */
    ".cfi_offset %r12, -32\n"
    "    mov %rsi, %rbx\n"              /* frame */
    "    mov %rdi, %r12\n"              /* fn */
    "    mov 136(%rbx), %rcx\n"         /* stackWords */
    "    lea 15(,%rcx,8), %rax\n"
    "    and $-16, %rax\n"
    "    sub %rax, %rsp\n"
    "    mov 128(%rbx), %rsi\n"
    "    xor %edx, %edx\n"
    "1:  cmp %rcx, %rdx\n"
    "    jae 2f\n"
    "    mov (%rsi,%rdx,8), %rax\n"
    "    mov %rax, (%rsp,%rdx,8)\n"
    "    inc %rdx\n"
    "    jmp 1b\n"
    "2:  movsd 64(%rbx), %xmm0\n"
    "    movsd 72(%rbx), %xmm1\n"
    "    movsd 80(%rbx), %xmm2\n"
    "    movsd 88(%rbx), %xmm3\n"
    "    movsd 96(%rbx), %xmm4\n"
    "    movsd 104(%rbx), %xmm5\n"
    "    movsd 112(%rbx), %xmm6\n"
    "    movsd 120(%rbx), %xmm7\n"
    "    mov 0(%rbx), %rdi\n"
    "    mov 8(%rbx), %rsi\n"
    "    mov 16(%rbx), %rdx\n"
    "    mov 24(%rbx), %rcx\n"
    "    mov 32(%rbx), %r8\n"
    "    mov 40(%rbx), %r9\n"
    "    mov 144(%rbx), %rax\n"         /* al = floatCount */
    "    call *%r12\n"
    "    movsd %xmm0, 152(%rbx)\n"
    "    lea -16(%rbp), %rsp\n"
    "    pop %r12\n"
    ".cfi_restore %r12\n"
    "    pop %rbx\n"
    ".cfi_restore %rbx\n"
    "    pop %rbp\n"
    ".cfi_def_cfa %rsp, 8\n"
    ".cfi_restore %rbp\n"
    "    ret\n"
    ".cfi_endproc\n"
    SOX_ASM_SIZE(sox_ffi_invoke));
#elif defined(__aarch64__)
/* AAPCS64 §6.8.2: X0–X7, V0–V7, the rest at [sp] upwards, SP always 16-byte aligned (§6.2.2). X19/X20 are
 * callee-saved; the frame record keeps the X29 chain whole for traces, the .cfi_ directives describe it for
 * unwinders that read .eh_frame (as on x86-64). */
__asm__(
    ".text\n"
    ".p2align 2\n"
    ".globl " SOX_ASM_NAME(sox_ffi_invoke) "\n"
    SOX_ASM_HIDDEN(sox_ffi_invoke)
    SOX_ASM_TYPE(sox_ffi_invoke)
    SOX_ASM_NAME(sox_ffi_invoke) ":\n"
    ".cfi_startproc\n"
    "    stp x29, x30, [sp, #-32]!\n"
    ".cfi_def_cfa_offset 32\n"
    ".cfi_offset x29, -32\n"
    ".cfi_offset x30, -24\n"
    "    mov x29, sp\n"
    ".cfi_def_cfa_register x29\n"
    "    stp x19, x20, [sp, #16]\n"
    ".cfi_offset x19, -16\n"
    ".cfi_offset x20, -8\n"
    "    mov x19, x1\n"                 /* frame */
    "    mov x20, x0\n"                 /* fn */
    "    ldr x9, [x19, #136]\n"         /* stackWords */
    "    lsl x10, x9, #3\n"
    "    add x10, x10, #15\n"
    "    and x10, x10, #-16\n"
    "    sub sp, sp, x10\n"
    "    ldr x11, [x19, #128]\n"
    "    mov x12, #0\n"
    "1:  cmp x12, x9\n"
    "    b.hs 2f\n"
    "    ldr x13, [x11, x12, lsl #3]\n"
    "    str x13, [sp, x12, lsl #3]\n"
    "    add x12, x12, #1\n"
    "    b 1b\n"
    "2:  ldp d0, d1, [x19, #64]\n"
    "    ldp d2, d3, [x19, #80]\n"
    "    ldp d4, d5, [x19, #96]\n"
    "    ldp d6, d7, [x19, #112]\n"
    "    ldp x0, x1, [x19, #0]\n"
    "    ldp x2, x3, [x19, #16]\n"
    "    ldp x4, x5, [x19, #32]\n"
    "    ldp x6, x7, [x19, #48]\n"
    "    blr x20\n"
    "    str d0, [x19, #152]\n"
    "    mov sp, x29\n"
    "    ldp x19, x20, [sp, #16]\n"
    ".cfi_restore x19\n"
    ".cfi_restore x20\n"
    "    ldp x29, x30, [sp], #32\n"
    ".cfi_def_cfa sp, 0\n"
    ".cfi_restore x29\n"
    ".cfi_restore x30\n"
    "    ret\n"
    ".cfi_endproc\n"
    SOX_ASM_SIZE(sox_ffi_invoke));
#else
#error "sox_ffi_invoke: no calling-convention body for this architecture"
#endif
