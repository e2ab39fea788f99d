/* sox_dtoa.c — the shortest decimal digits that read back as a given double (§2 "How values print").
 *
 * Algorithm: Steele & White's free-format printing ("How to Print Floating-Point Numbers Accurately", PLDI 1990)
 * in the exact-integer form of Burger & Dybvig ("Printing Floating-Point Numbers Quickly and Accurately",
 * PLDI 1996), with every quantity an exact big integer, so nothing is approximated:
 *   v = r / s, and the rounding interval of v (the reals that read back as v) is [v - m- / s, v + m+ / s], its
 *   end points included when v's significand is even (a correctly rounded strtod breaks the tie to even) and
 *   excluded otherwise. m- is half of m+ when v is a power of two above the smallest normal (the gap below it
 *   is half the gap above).
 *   Scaling by 10^k (the smallest k with the interval's upper end below 10^k, or at it when excluded) makes
 *   r / s the fraction 0.d1 d2 d3 ... Each step multiplies r, m+ and m- by 10 and takes the next digit
 *   d = floor(r / s), r = r mod s. The digits so far (prefix d) lie inside the interval once r < m- (or <=), and
 *   the prefix with its last digit raised by one does once r + m+ > s (or >=). The first step where either holds
 *   gives the shortest length: any decimal of that length inside the interval has one of those two at least as
 *   close to v, since they are the neighbours of v at that length. When both are inside, the closer one wins
 *   (2r against s), a tie goes to the even digit — what ECMAScript's Number::toString and .NET's "R" choose.
 *   (The former method, "the correctly rounded p-digit form for the smallest p that reads back", misses the case
 *   where that rounded form lies just outside an asymmetric interval while another p-digit decimal lies inside:
 *   2^-24 printed as 5.9604644775390625e-8 instead of 5.960464477539063e-8.)
 *
 * The big integers are fixed arrays of 32-bit limbs. With the power of two that r, s, m+ and m- share taken out,
 * the largest value met stays below 2^800 (s = 2^752 for the smallest subnormals, 5^309 for the largest doubles,
 * times 10 and a shift of at most 31 bits), so 40 limbs are ample. Powers of
 * ten are computed exactly (5^k by multiplying by 5^13; 2^k is a shift), so there is no table to generate.
 * Tested against .NET's round-trip formatting on every power of two, the subnormal and normal boundaries and
 * millions of random doubles (tests/Sox.Toolchain.Tests/Runtime/NumberFormatTests.cs). */
#include "sox_internal.h"

#include <math.h>
#include <string.h>

#define BIG_LIMBS 40

typedef struct Big {
    int n;                  /* limbs in use; w[n - 1] != 0 unless n == 0 (the value 0) */
    uint32_t w[BIG_LIMBS];  /* least significant first */
} Big;

static void big_set(Big* a, uint64_t v) {
    a->n = 0;
    while (v) {
        a->w[a->n++] = (uint32_t)v;
        v >>= 32;
    }
}

static void big_mul_small(Big* a, uint32_t m) {
    if (m == 0) {
        a->n = 0;
        return;
    }
    uint64_t carry = 0;
    for (int i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->w[i] * m + carry;
        a->w[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry) a->w[a->n++] = (uint32_t)carry;
}

static void big_shift_left(Big* a, int bits) {
    if (a->n <= 0 || bits <= 0) return;
    int words = bits / 32, rest = bits % 32;
    if (rest) {
        uint32_t top = a->w[a->n - 1] >> (32 - rest);
        for (int i = a->n - 1; i > 0; i--) a->w[i] = (a->w[i] << rest) | (a->w[i - 1] >> (32 - rest));
        a->w[0] <<= rest;
        if (top) a->w[a->n++] = top;
    }
    if (words) {
        memmove(a->w + words, a->w, (size_t)a->n * sizeof(uint32_t));
        memset(a->w, 0, (size_t)words * sizeof(uint32_t));
        a->n += words;
    }
}

/* a *= 5^k (k >= 0), in steps of 5^13 (the largest power of 5 below 2^32). */
static void big_mul_pow5(Big* a, int k) {
    static const uint32_t pow5[14] = {1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625,
                                      48828125, 244140625, 1220703125};
    int left = k;
    for (; left >= 13; left -= 13) big_mul_small(a, pow5[13]);
    if (left) big_mul_small(a, pow5[left]);
}

static int big_compare(const Big* a, const Big* b) {
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->w[i] != b->w[i]) return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

/* sum = a + b */
static void big_add(Big* sum, const Big* a, const Big* b) {
    const Big* big = a->n >= b->n ? a : b;
    const Big* small = a->n >= b->n ? b : a;
    uint64_t carry = 0;
    int i = 0;
    for (; i < small->n; i++) {
        uint64_t t = (uint64_t)big->w[i] + small->w[i] + carry;
        sum->w[i] = (uint32_t)t;
        carry = t >> 32;
    }
    for (; i < big->n; i++) {
        uint64_t t = (uint64_t)big->w[i] + carry;
        sum->w[i] = (uint32_t)t;
        carry = t >> 32;
    }
    sum->n = big->n;
    if (carry) sum->w[sum->n++] = (uint32_t)carry;
}

/* a -= b * q, where the result is known to be >= 0. */
static void big_sub_mul(Big* a, const Big* b, uint32_t q) {
    uint64_t mulCarry = 0;
    int64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        uint64_t p = i < b->n ? (uint64_t)b->w[i] * q + mulCarry : mulCarry;
        mulCarry = p >> 32;
        int64_t t = (int64_t)a->w[i] - (int64_t)(uint32_t)p + borrow;
        a->w[i] = (uint32_t)t;
        borrow = t < 0 ? -1 : 0; /* t >= -2^32, so the borrow is at most one */
    }
    while (a->n > 0 && a->w[a->n - 1] == 0) a->n--;
}

static int bit_length32(uint32_t x) {
    int n = 0;
    while (x) {
        n++;
        x >>= 1;
    }
    return n;
}

int sox_shortest_digits(double v, char* digits, int* point) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int biased = (int)((bits >> 52) & 0x7ff);
    uint64_t f = bits & (((uint64_t)1 << 52) - 1);
    int e;
    if (biased == 0) {
        e = -1074; /* subnormal */
    } else {
        f |= (uint64_t)1 << 52;
        e = biased - 1075;
    }
    bool even = (f & 1) == 0;
    bool lowerCloser = f == (uint64_t)1 << 52 && biased > 1; /* the gap below v is half the gap above */

    int lc = lowerCloser ? 1 : 0;

    /* k: the estimate ceil((e + bitlength(f) - 1) * log10(2)) is never too large and at most one too small. */
    int flen = 64 - __builtin_clzll(f);
    int k = (int)ceil((e + flen - 1) * 0.30102999566398120 - 1e-10);

    /* r = f 5^p5 2^rb, s = 5^s5 2^sb, m+ = 5^p5 2^pb, m- = 5^p5 2^mb: the start values (e >= 0: r = 2f 2^e,
     * s = 2, m+ = m- = 2^e; e < 0: r = 2f, s = 2^(1-e), m+ = m- = 1; all doubled again with m+ when the gap below
     * is half) scaled by 10^-k on the r side or 10^k on the s side, less the power of two they all share. */
    int p5 = k < 0 ? -k : 0, s5 = k > 0 ? k : 0;
    int rb, sb, pb, mb;
    if (e >= 0) {
        rb = e + 1 + lc, sb = 1 + lc, pb = e + lc, mb = e;
    } else {
        rb = 1 + lc, sb = 1 + lc - e, pb = lc, mb = 0;
    }
    if (k >= 0) {
        sb += k;
    } else {
        rb -= k, pb -= k, mb -= k;
    }
    int common = sb < mb ? sb : mb;
    rb -= common, sb -= common, pb -= common, mb -= common;

    Big r, s, mPlus, mMinus;
    Big* mLow = lowerCloser ? &mMinus : &mPlus; /* m- is m+ unless the gaps differ */
    big_set(&mPlus, 1);
    big_mul_pow5(&mPlus, p5);
    if (lowerCloser) {
        mMinus = mPlus;
        big_shift_left(&mMinus, mb);
    }
    r = mPlus;
    big_mul_small(&r, (uint32_t)f);
    Big upper = mPlus;
    big_mul_small(&upper, (uint32_t)(f >> 32));
    big_shift_left(&upper, 32);
    big_add(&r, &r, &upper);
    big_shift_left(&r, rb);
    big_shift_left(&mPlus, pb);
    big_set(&s, 1);
    big_mul_pow5(&s, s5);
    big_shift_left(&s, sb);

    Big high;
    big_add(&high, &r, &mPlus);
    int c = big_compare(&high, &s);
    if (even ? c >= 0 : c > 0) {
        big_mul_small(&s, 10);
        k++;
    }

    /* Normalise: s's top limb in [2^27, 2^28), so 10 r (< 10 s) still fits s's limbs and the quotient estimate
     * from the top limbs is exact or one short. Shifting every quantity alike changes no comparison. */
    int shift = (28 - bit_length32(s.w[s.n - 1]) + 32) % 32;
    big_shift_left(&s, shift);
    big_shift_left(&r, shift);
    big_shift_left(&mPlus, shift);
    if (lowerCloser) big_shift_left(&mMinus, shift);
    int top = s.n - 1;

    int count = 0;
    for (;;) {
        big_mul_small(&r, 10);
        big_mul_small(&mPlus, 10);
        if (lowerCloser) big_mul_small(&mMinus, 10);
        uint32_t q = (r.n > top ? r.w[top] : 0) / (s.w[top] + 1);
        if (q) big_sub_mul(&r, &s, q);
        if (big_compare(&r, &s) >= 0) {
            big_sub_mul(&r, &s, 1);
            q++;
        }
        int cl = big_compare(&r, mLow);
        bool low = even ? cl <= 0 : cl < 0;
        big_add(&high, &r, &mPlus);
        int ch = big_compare(&high, &s);
        bool up = even ? ch >= 0 : ch > 0;
        if (!low && !up) {
            digits[count++] = (char)('0' + q);
            continue;
        }
        if (low && up) { /* both neighbours read back: the closer one, a tie to the even digit */
            Big twice = r;
            big_shift_left(&twice, 1);
            int half = big_compare(&twice, &s);
            low = half < 0 || (half == 0 && (q & 1) == 0);
        }
        digits[count++] = (char)('0' + (low ? q : q + 1));
        break;
    }
    while (count > 1 && digits[count - 1] == '0') count--;
    *point = k;
    return count;
}
