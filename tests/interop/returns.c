/* Results of every C type (returns.sox). The *_dirty functions are written in assembly so that the bits above a
 * narrow result are garbage, as the ABIs allow (psABI §3.2.3, AAPCS64 §6.8.2 C.9: the caller extends int32,
 * uint8 and bool results): the caller must extend from the C width, not trust the whole register. Each assembly
 * body has two names, one declared with a fixed signature (the compiled wrapper) and one declared variadic (the
 * runtime's sox_c_call_variadic path). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "interop_asm.h"

int64_t ret_int_big(void) { return ((int64_t)1 << 40) + 3; }
int64_t ret_int_negative(void) { return -((int64_t)1 << 50) - 1; }
int32_t ret_int32_negative(void) { return -123456; }
uint8_t ret_uint8_max(void) { return 255; }
_Bool ret_bool(int64_t x) { return x > 0; }
double ret_double(void) { return 3.25; }
double ret_double_tiny(void) { return 5e-324; }
float ret_float(void) { return 0.1f; }
const char* ret_cstring(void) { return "hello from C"; }
const char* ret_null_cstring(void) { return NULL; }
static int64_t cells[4] = {10, 20, 30, 40};
void* ret_pointer(void) { return cells; }
void* ret_pointer_at(int64_t i) { return &cells[i]; }
int64_t pointer_read(void* p) { return *(int64_t*)p; }
int64_t pointer_diff(void* a, void* b) { return (int64_t)((char*)a - (char*)b); }
void* ret_null_pointer(void) { return NULL; }
static int64_t voidCalls;
void ret_void(void) { voidCalls++; }
int64_t void_calls(void) { return voidCalls; }
/* A result in a static buffer that the next call overwrites: Sox must have copied the first one. */
const char* ret_temp(const char* s) {
    static char buffer[64];
    strncpy(buffer, s, sizeof buffer - 1);
    return buffer;
}
/* UTF-8 passes through unchanged. */
const char* ret_utf8(void) { return "gr\xc3\xbc\xc3\x9f \xe2\x82\xac"; }

#if defined(__x86_64__)
#define DIRTY(name, body) ASM_FUNCTION(name) ASM_FUNCTION(name##_v) body "    ret\n"
__asm__(".text\n"
        /* uint8 171 (0xAB) under garbage */
        DIRTY(ret_uint8_dirty, "    movabs $0xDEADBEEFCAFE12AB, %rax\n")
        /* int32 -10 under garbage */
        DIRTY(ret_int32_dirty, "    movabs $0x12345678FFFFFFF6, %rax\n")
        /* int32 2147483647 under a set sign bit above it */
        DIRTY(ret_int32_dirty_max, "    movabs $0xFFFFFFFF7FFFFFFF, %rax\n")
        /* bool false: low byte 0, everything above set */
        DIRTY(ret_bool_dirty_false, "    movabs $0xFFFFFFFFFFFFFF00, %rax\n")
        /* bool true: low byte 1, garbage above */
        DIRTY(ret_bool_dirty_true, "    movabs $0x5A5A5A5A5A5A5A01, %rax\n")
        /* float 1.5 (0x3FC00000) with garbage in bits 32-127 of XMM0 */
        DIRTY(ret_float_dirty, "    movabs $0xDEADBEEF3FC00000, %rax\n    movq %rax, %xmm0\n    punpcklqdq %xmm0, %xmm0\n"));
#else
#define DIRTY(name, body) ASM_FUNCTION(name) ASM_FUNCTION(name##_v) body "    ret\n"
__asm__(".text\n"
        DIRTY(ret_uint8_dirty, MOV64("x0", "0xDEAD", "0xBEEF", "0xCAFE", "0x12AB"))
        DIRTY(ret_int32_dirty, MOV64("x0", "0x1234", "0x5678", "0xFFFF", "0xFFF6"))
        DIRTY(ret_int32_dirty_max, MOV64("x0", "0xFFFF", "0xFFFF", "0x7FFF", "0xFFFF"))
        DIRTY(ret_bool_dirty_false, MOV64("x0", "0xFFFF", "0xFFFF", "0xFFFF", "0xFF00"))
        DIRTY(ret_bool_dirty_true, MOV64("x0", "0x5A5A", "0x5A5A", "0x5A5A", "0x5A01"))
        DIRTY(ret_float_dirty, MOV64("x9", "0xDEAD", "0xBEEF", "0x3FC0", "0x0000") "    fmov d0, x9\n    mov v0.d[1], x9\n"));
#endif
