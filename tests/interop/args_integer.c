/* Integer arguments: each function returns sum over k of (k+1) * a_k, so a swapped, dropped or truncated
 * argument changes the result. On x86-64 the 7th integer argument and later travel on the stack; on arm64
 * the 9th and later. */
#include <stdint.h>

typedef int64_t i64;

i64 i0(void) { return 42; }
i64 i1(i64 a) { return 1 * a; }
i64 i2(i64 a, i64 b) { return 1 * a + 2 * b; }
i64 i6(i64 a, i64 b, i64 c, i64 d, i64 e, i64 f) { return 1 * a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f; }
i64 i7(i64 a, i64 b, i64 c, i64 d, i64 e, i64 f, i64 g) { return i6(a, b, c, d, e, f) + 7 * g; }
i64 i8(i64 a, i64 b, i64 c, i64 d, i64 e, i64 f, i64 g, i64 h) { return i7(a, b, c, d, e, f, g) + 8 * h; }
i64 i9(i64 a, i64 b, i64 c, i64 d, i64 e, i64 f, i64 g, i64 h, i64 i) { return i8(a, b, c, d, e, f, g, h) + 9 * i; }
i64 i12(i64 a, i64 b, i64 c, i64 d, i64 e, i64 f, i64 g, i64 h, i64 i, i64 j, i64 k, i64 l) {
    return i9(a, b, c, d, e, f, g, h, i) + 10 * j + 11 * k + 12 * l;
}

/* int32: sign matters; the result keeps every argument's position. */
i64 n32_9(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e, int32_t f, int32_t g, int32_t h, int32_t i) {
    return 1 * (i64)a + 2 * (i64)b + 3 * (i64)c + 4 * (i64)d + 5 * (i64)e + 6 * (i64)f + 7 * (i64)g + 8 * (i64)h + 9 * (i64)i;
}
/* int32 result from 12 int32 arguments (it fits). */
int32_t n32_12(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e, int32_t f, int32_t g, int32_t h, int32_t i, int32_t j,
               int32_t k, int32_t l) {
    return a - b + c - d + e - f + g - h + i - j + k - l + 100 * l;
}
/* uint8: the digits of a base-256 number would overflow; a weighted sum does. */
i64 u8_12(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint8_t e, uint8_t f, uint8_t g, uint8_t h, uint8_t i, uint8_t j,
          uint8_t k, uint8_t l) {
    return 1 * a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j + 11 * k + 12 * l;
}
/* bool: bit k set when argument k is true. */
i64 b12(_Bool a, _Bool b, _Bool c, _Bool d, _Bool e, _Bool f, _Bool g, _Bool h, _Bool i, _Bool j, _Bool k, _Bool l) {
    return (i64)a | (i64)b << 1 | (i64)c << 2 | (i64)d << 3 | (i64)e << 4 | (i64)f << 5 | (i64)g << 6 | (i64)h << 7 |
           (i64)i << 8 | (i64)j << 9 | (i64)k << 10 | (i64)l << 11;
}
/* Every integer kind mixed, 12 arguments: the last ones (int32, uint8, bool) are on the stack on both targets
 * once the first eight are taken. */
i64 kinds12(i64 a, int32_t b, uint8_t c, _Bool d, i64 e, int32_t f, uint8_t g, _Bool h, i64 i, int32_t j, uint8_t k, _Bool l) {
    return 1 * a + 2 * (i64)b + 3 * c + 4 * d + 5 * e + 6 * (i64)f + 7 * g + 8 * h + 9 * i + 10 * (i64)j + 11 * k + 12 * l;
}
