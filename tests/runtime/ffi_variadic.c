// §9 variadic C calls through the runtime's dynamic path (sox_c_call_variadic → sox_ffi_invoke), as a compiled
// call of a variadic `extern fn` makes them: numbers pass as double, strings as char*, booleans as int. Covers
// more doubles and integers than there are argument registers (System V: 6 + 8; Microsoft x64: 4 slots by
// position, a double in both its XMM and its integer register, then the stack after the 32-byte home area), a
// double result, fixed double/float/int parameters in every position, and the C library's own snprintf.
#include "sox_test_support.h"

#include <stdarg.h>

/* kinds: one letter per variadic argument, d = double, i = int, s = string; returns the sum of the numbers and
 * the lengths of the strings, and prints every argument as it arrives. */
static double mix(const char* kinds, ...) {
    va_list ap;
    va_start(ap, kinds);
    double sum = 0;
    for (const char* k = kinds; *k; k++) {
        if (*k == 'd') {
            double d = va_arg(ap, double);
            printf(" d%.3f", d);
            sum += d;
        } else if (*k == 'i') {
            int i = va_arg(ap, int);
            printf(" i%d", i);
            sum += i;
        } else {
            const char* s = va_arg(ap, const char*);
            printf(" s%s", s);
            sum += (double)strlen(s);
        }
    }
    va_end(ap);
    printf("\n");
    return sum;
}

/* Fixed parameters of every class in every position, then variadic doubles. */
static double fixed_then_var(double a, int64_t b, float c, int32_t d, double e, uint8_t f, int n, ...) {
    va_list ap;
    va_start(ap, n);
    double sum = a + (double)b + (double)c + (double)d + e + (double)f;
    printf("fixed %.2f %lld %.2f %d %.2f %u;", a, (long long)b, (double)c, d, e, (unsigned)f);
    for (int i = 0; i < n; i++) {
        double x = va_arg(ap, double);
        printf(" %.2f", x);
        sum += x;
    }
    va_end(ap);
    printf("\n");
    return sum;
}

static int64_t count_args(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int64_t total = 0;
    for (int i = 0; i < n; i++) total += va_arg(ap, int);
    va_end(ap);
    return total;
}

static const uint8_t mixTypes[] = {SOX_CTYPE_CSTRING};
static const SoxExternDesc mixDesc = {(void*)mix, "mix", 1, SOX_CTYPE_DOUBLE, mixTypes};
static const uint8_t fixedTypes[] = {SOX_CTYPE_DOUBLE, SOX_CTYPE_INT, SOX_CTYPE_FLOAT, SOX_CTYPE_INT32,
                                     SOX_CTYPE_DOUBLE, SOX_CTYPE_UINT8, SOX_CTYPE_INT32};
static const SoxExternDesc fixedDesc = {(void*)fixed_then_var, "fixed_then_var", 7, SOX_CTYPE_DOUBLE, fixedTypes};
static const uint8_t countTypes[] = {SOX_CTYPE_INT32};
static const SoxExternDesc countDesc = {(void*)count_args, "count_args", 1, SOX_CTYPE_INT, countTypes};

static int call_snprintf(char* buffer, size_t size, const char* format, ...) {
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(buffer, size, format, ap);
    va_end(ap);
    return n;
}
static const uint8_t snprintfTypes[] = {SOX_CTYPE_POINTER, SOX_CTYPE_INT, SOX_CTYPE_CSTRING};
static const SoxExternDesc snprintfDesc = {(void*)call_snprintf, "snprintf", 3, SOX_CTYPE_INT32, snprintfTypes};

static void show_line(SoxValue v) {
    show(v);
    printf("\n");
}

void sox_program_entry(void) {
    /* one double: in the first register slot */
    SoxValue a1[] = {S("d"), NUM(1.5)};
    show_line(sox_c_call_variadic(&mixDesc, 2, a1));
    /* nine doubles: past XMM0–3 (Windows) and XMM0–7 (System V), onto the stack */
    SoxValue a2[] = {S("ddddddddd"), NUM(1), NUM(2), NUM(3), NUM(4), NUM(5), NUM(6), NUM(7), NUM(8), NUM(9.25)};
    show_line(sox_c_call_variadic(&mixDesc, 10, a2));
    /* doubles, ints and strings interleaved, twelve of them */
    SoxValue a3[] = {S("dididsdsidid"), NUM(0.5), TRUE_, NUM(-2.25), FALSE_, NUM(1e3), S("abc"),
                     NUM(3.125), S("hello"), TRUE_, NUM(-7), TRUE_, NUM(0.001)};
    show_line(sox_c_call_variadic(&mixDesc, 13, a3));
    /* fixed parameters first, then six variadic doubles */
    SoxValue a4[] = {NUM(1.25), NUM(-3), NUM(0.5), NUM(70000), NUM(2.75), NUM(255), NUM(6),
                     NUM(1), NUM(2), NUM(3), NUM(4), NUM(5), NUM(6.5)};
    show_line(sox_c_call_variadic(&fixedDesc, 13, a4));
    /* booleans as int */
    SoxValue a5[] = {NUM(6), TRUE_, FALSE_, TRUE_, TRUE_, FALSE_, TRUE_};
    show_line(sox_c_call_variadic(&countDesc, 7, a5));
    /* the C library's formatting of doubles passed through the variadic path */
    char buffer[200];
    SoxValue a6[] = {sox_c_from_pointer(buffer), NUM(sizeof buffer), S("%.2f %.1f %s %.3f %d %.0f %s %.4f|"),
                     NUM(3.14159), NUM(-0.3), S("mid"), NUM(2.0 / 3.0), TRUE_, NUM(1e6), S("end"), NUM(0.5)};
    SoxValue n = sox_c_call_variadic(&snprintfDesc, 12, a6);
    printf("%s %d\n", buffer, (int)AS_NUM(n));
}
