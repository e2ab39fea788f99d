/* C functions for the error programs (error_*.sox): they take each C type and never fail themselves. */
#include <stdint.h>
#include <stdio.h>

int32_t take_int32(int32_t x) { return x; }
uint8_t take_uint8(uint8_t x) { return x; }
int64_t take_int(int64_t x) { return x; }
double take_double(double x) { return x; }
_Bool take_bool(_Bool x) { return x; }
const char* take_cstring(const char* s) { return s; }
void* take_pointer(void* p) { return p; }
/* Twelve arguments: the error names the tenth. */
int64_t take12(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g, int64_t h, int64_t i, int32_t j, int64_t k,
               int64_t l) {
    return a + b + c + d + e + f + g + h + i + j + k + l;
}

/* Calls into exports, which fail. Each program defines only the export it uses, so the others are weak
 * references (left unresolved, and never called). */
#define WEAK __attribute__((weak))
WEAK int32_t sx_bad_int32(void);
WEAK int32_t sx_bad_string(void);
WEAK uint8_t sx_bad_uint8(int64_t x);
WEAK int64_t sx_fails(int64_t x);
WEAK int64_t sx_late(void);
void call_bad_int32(void) { printf("C got %d\n", sx_bad_int32()); }
void call_bad_string(void) { printf("C got %d\n", sx_bad_string()); }
void call_bad_uint8(int64_t x) { printf("C got %u\n", sx_bad_uint8(x)); }
int64_t call_fails(int64_t x) { return sx_fails(x) + 1; }
int64_t call_late(void) { return sx_late(); }

/* Unbounded recursion through C: Sox -> C -> export -> C -> … */
WEAK int64_t sx_recurse(int64_t n);
int64_t c_recurse(int64_t n) { return sx_recurse(n + 1) + 1; }
