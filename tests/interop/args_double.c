/* Floating-point arguments (double and float): each function returns sum over k of (k+1) * a_k. Both targets
 * pass the first eight in XMM0-7 / V0-V7 and the rest on the stack. */
double d0(void) { return 0.5; }
double d1(double a) { return 1 * a; }
double d2(double a, double b) { return 1 * a + 2 * b; }
double d6(double a, double b, double c, double d, double e, double f) { return 1 * a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f; }
double d7(double a, double b, double c, double d, double e, double f, double g) { return d6(a, b, c, d, e, f) + 7 * g; }
double d8(double a, double b, double c, double d, double e, double f, double g, double h) { return d7(a, b, c, d, e, f, g) + 8 * h; }
double d9(double a, double b, double c, double d, double e, double f, double g, double h, double i) {
    return d8(a, b, c, d, e, f, g, h) + 9 * i;
}
double d12(double a, double b, double c, double d, double e, double f, double g, double h, double i, double j, double k, double l) {
    return d9(a, b, c, d, e, f, g, h, i) + 10 * j + 11 * k + 12 * l;
}
/* float: each value is narrowed to single precision by the caller; the sum is done in double. */
double f9(float a, float b, float c, float d, float e, float f, float g, float h, float i) {
    return 1.0 * a + 2.0 * b + 3.0 * c + 4.0 * d + 5.0 * e + 6.0 * f + 7.0 * g + 8.0 * h + 9.0 * i;
}
float f12(float a, float b, float c, float d, float e, float f, float g, float h, float i, float j, float k, float l) {
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j + 11 * k + 12 * l;
}
/* double and float interleaved: one register file, both widths. */
double df12(double a, float b, double c, float d, double e, float f, double g, float h, double i, float j, double k, float l) {
    return 1 * a + 2.0 * b + 3 * c + 4.0 * d + 5 * e + 6.0 * f + 7 * g + 8.0 * h + 9 * i + 10.0 * j + 11 * k + 12.0 * l;
}
