/* format_doubles.c — prints doubles in the runtime's number format, one per line as "<16 hex digits of the bits>
 * <print form>", for NumberFormatTests, which checks every line's digits and exponent against .NET's round-trip
 * formatting. It is not one of the tests/runtime programs (it lives in a subfolder and has its own main).
 *
 * Usage: format_doubles RANDOM SEED
 * Prints, in this order: every power of two 2^-1074 ... 2^1023 with its two neighbours; the boundaries (the
 * smallest subnormals, the largest subnormal, the smallest normal, the largest double, each with neighbours);
 * then RANDOM values from SplitMix64(SEED): three in four are random finite bit patterns, one in four is a random
 * decimal of 1 to 17 digits read by strtod (short digit strings, as programs mostly print). Then "end N". */
#include "sox_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint64_t next_random(void) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t printed;

static void emit_bits(uint64_t bits) {
    double d;
    memcpy(&d, &bits, sizeof d);
    if (isnan(d) || isinf(d)) return;
    char text[40];
    sox_format_number(d, text);
    printf("%016llx %s\n", (unsigned long long)bits, text);
    printed++;
}

static void emit_with_neighbours(uint64_t bits) {
    if ((bits & 0x7fffffffffffffffULL) != 0) emit_bits(bits - 1);
    emit_bits(bits);
    emit_bits(bits + 1);
}

int main(int argc, char** argv) {
    static char buffer[1 << 16];
    setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
    long random = argc > 1 ? atol(argv[1]) : 1000;
    state = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    for (int e = -1074; e <= 1023; e++) {
        double p = ldexp(1.0, e);
        uint64_t bits;
        memcpy(&bits, &p, sizeof bits);
        emit_with_neighbours(bits);
    }
    static const uint64_t boundaries[] = {
        0x0000000000000001ULL, 0x0000000000000002ULL, 0x0000000000000003ULL, 0x000fffffffffffffULL,
        0x0010000000000000ULL, 0x0010000000000001ULL, 0x001fffffffffffffULL, 0x7fefffffffffffffULL,
        0x8000000000000001ULL, 0x800fffffffffffffULL, 0x8010000000000000ULL, 0xffefffffffffffffULL,
    };
    for (size_t i = 0; i < sizeof boundaries / sizeof boundaries[0]; i++) emit_with_neighbours(boundaries[i]);
    for (long i = 0; i < random; i++) {
        uint64_t r = next_random();
        if (i % 4 != 3) {
            uint64_t bits = r;
            while (((bits >> 52) & 0x7ff) == 0x7ff) bits = next_random(); /* finite only */
            emit_bits(bits);
            continue;
        }
        char text[48];
        int digits = 1 + (int)(r % 17);
        int exponent = (int)((r >> 8) % 641) - 330;
        uint64_t m = next_random() % 100000000000000000ULL;
        snprintf(text, sizeof text, "%017llu", (unsigned long long)m);
        text[digits] = 0; /* the first `digits` of 17 random digits */
        char decimal[64];
        snprintf(decimal, sizeof decimal, "%s%se%d", r >> 63 ? "-" : "", text, exponent);
        double d = strtod(decimal, NULL);
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        emit_bits(bits);
    }
    printf("end %llu\n", (unsigned long long)printed);
    return 0;
}
