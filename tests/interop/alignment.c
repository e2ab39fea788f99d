/* Stack alignment at C call sites (alignment.sox). align_probe is assembly that reads the stack pointer on entry:
 * at a call, x86-64 requires RSP + 8 (the stack before the call pushed the return address) and arm64 requires SP
 * to be a multiple of 16 (psABI §3.2.2, AAPCS64 §6.2.2). A misaligned entry is counted, never fatal, so one run
 * reports every bad call site. The probe ignores its arguments, so it is declared from Sox with several
 * signatures (stack arguments, variadic); each is a separate label on the same body. */
#include <stdint.h>

#include "interop_asm.h"

int64_t align_bad_count;
int64_t align_calls;

#if defined(__x86_64__)
#define PROBE_BODY                                   \
    "    lea 8(%rsp), %rax\n"                        \
    "    and $15, %eax\n"                            \
    "    incq align_calls(%rip)\n"                   \
    "    test %rax, %rax\n"                          \
    "    jz 1f\n"                                    \
    "    incq align_bad_count(%rip)\n"               \
    "1:  ret\n"
#else
#define PROBE_BODY                                   \
    "    mov x9, sp\n"                               \
    "    and x0, x9, #15\n"                          \
    "    adrp x10, align_calls\n"                    \
    "    add x10, x10, :lo12:align_calls\n"          \
    "    ldr x11, [x10]\n"                           \
    "    add x11, x11, #1\n"                         \
    "    str x11, [x10]\n"                           \
    "    cbz x0, 1f\n"                               \
    "    adrp x10, align_bad_count\n"                \
    "    add x10, x10, :lo12:align_bad_count\n"      \
    "    ldr x11, [x10]\n"                           \
    "    add x11, x11, #1\n"                         \
    "    str x11, [x10]\n"                           \
    "1:  ret\n"
#endif

/* Returns the misalignment seen on entry (0 when aligned). */
__asm__(".text\n" ASM_FUNCTION(align_probe) ASM_FUNCTION(align_probe7) ASM_FUNCTION(align_probe9)
        ASM_FUNCTION(align_probe_d10) ASM_FUNCTION(align_probe_v) PROBE_BODY);

int64_t align_bad(void) { return align_bad_count; }
int64_t align_total(void) { return align_calls; }

/* C calling an export that probes (the export's own C calls must be aligned too). */
int64_t sx_probe_from_export(int64_t depth);
int64_t call_export_probe(int64_t depth) { return sx_probe_from_export(depth); }
/* The same through a C frame with an odd amount of locals. */
int64_t call_export_probe_odd(int64_t depth) {
    volatile char pad[24];
    pad[0] = (char)depth;
    return sx_probe_from_export(depth + pad[0] - (char)depth);
}
