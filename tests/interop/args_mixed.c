/* Integer and floating-point arguments interleaved: the two register files are counted independently, and once
 * one of them is full its arguments go on the stack in argument order while the other still uses registers.
 * Each function returns sum over k of (k+1) * a_k (in double; every value here is exact). */
#include <stdint.h>

typedef int64_t i64;

/* 6 + 6, all in registers on both targets. */
double m12(i64 a, double b, i64 c, double d, i64 e, double f, i64 g, double h, i64 i, double j, i64 k, double l) {
    return 1.0 * a + 2 * b + 3.0 * c + 4 * d + 5.0 * e + 6 * f + 7.0 * g + 8 * h + 9.0 * i + 10 * j + 11.0 * k + 12 * l;
}
/* 9 integers, 3 doubles: the integer file overflows (x86-64 after 6, arm64 after 8), the vector one does not. */
double ints9_doubles3(i64 a, i64 b, double c, i64 d, i64 e, i64 f, double g, i64 h, i64 i, i64 j, double k, i64 l) {
    return 1.0 * a + 2.0 * b + 3 * c + 4.0 * d + 5.0 * e + 6.0 * f + 7 * g + 8.0 * h + 9.0 * i + 10.0 * j + 11 * k + 12.0 * l;
}
/* 3 integers, 9 doubles: the vector file overflows after 8. */
double ints3_doubles9(double a, double b, i64 c, double d, double e, double f, i64 g, double h, double i, double j, i64 k, double l) {
    return 1 * a + 2 * b + 3.0 * c + 4 * d + 5 * e + 6 * f + 7.0 * g + 8 * h + 9 * i + 10 * j + 11.0 * k + 12 * l;
}
/* 10 + 10 interleaved: both files overflow, and the stack holds integers and doubles alternately. */
double m20(i64 a, double b, i64 c, double d, i64 e, double f, i64 g, double h, i64 i, double j, i64 k, double l, i64 m,
           double n, i64 o, double p, i64 q, double r, i64 s, double t) {
    return m12(a, b, c, d, e, f, g, h, i, j, k, l) + 13.0 * m + 14 * n + 15.0 * o + 16 * p + 17.0 * q + 18 * r + 19.0 * s + 20 * t;
}
/* Narrow kinds on the stack after both files are full: int32, uint8, bool and float stack arguments. */
double narrow_stack(i64 a, i64 b, i64 c, i64 d, i64 e, i64 f, i64 g, i64 h, double da, double db, double dc, double dd,
                    double de, double df, double dg, double dh, int32_t s1, uint8_t s2, _Bool s3, float s4, int32_t s5,
                    uint8_t s6, _Bool s7, float s8) {
    double regs = 1.0 * a + 2.0 * b + 3.0 * c + 4.0 * d + 5.0 * e + 6.0 * f + 7.0 * g + 8.0 * h + 9 * da + 10 * db + 11 * dc +
                  12 * dd + 13 * de + 14 * df + 15 * dg + 16 * dh;
    return regs + 17.0 * s1 + 18.0 * s2 + 19.0 * s3 + 20.0 * s4 + 21.0 * s5 + 22.0 * s6 + 23.0 * s7 + 24.0 * s8;
}
/* The same narrow kinds in registers, interleaved with doubles. */
double narrow_regs(int32_t a, float b, uint8_t c, double d, _Bool e, float f, int32_t g, double h) {
    return 1.0 * a + 2.0 * b + 3.0 * c + 4 * d + 5.0 * e + 6.0 * f + 7.0 * g + 8 * h;
}
