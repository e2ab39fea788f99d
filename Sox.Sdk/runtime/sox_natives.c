/* sox_natives.c — the built-in functions of §8. Each is a static native object `sox_builtin_NAME`; sox_call
 * checks the argument count against [minArity, maxArity] before calling, so natives only check types. A wrong
 * type is the runtime error "Argument K of NAME must be a TYPE." (docs/language-decisions.md). */
#include "sox_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static _Noreturn void bad_argument(const char* fn, int k, const char* what) {
    sox_runtime_error("Argument %d of %s must be %s.", k, fn, what);
}

static double arg_number(const char* fn, const SoxValue* args, int k) {
    if (!SOX_IS_NUMBER(args[k - 1])) bad_argument(fn, k, "a number");
    return sox_as_number(args[k - 1]);
}

static SoxString* arg_string(const char* fn, const SoxValue* args, int k) {
    if (!SOX_IS_STRING(args[k - 1])) bad_argument(fn, k, "a string");
    return SOX_AS_STRING(args[k - 1]);
}

static SoxArray* arg_array(const char* fn, const SoxValue* args, int k) {
    if (!SOX_IS_ARRAY(args[k - 1])) bad_argument(fn, k, "an array");
    return SOX_AS_ARRAY(args[k - 1]);
}

/** Clamps a truncated number into [0, limit] (substring and slice bounds; docs/language-decisions.md). */
static uint32_t clamp_index(double d, uint32_t limit) {
    if (d != d || d <= 0) return 0;
    if (d >= (double)limit) return limit;
    return (uint32_t)d;
}

#define NATIVE(NAME) static SoxValue native_##NAME(uint32_t argc, const SoxValue* args)
#define UNUSED_ARGS (void)argc, (void)args

/* ---- time ---- */
NATIVE(clock) { UNUSED_ARGS; return sox_number(sox_platform_clock()); }
NATIVE(usleep) { (void)argc; sox_platform_sleep(arg_number("usleep", args, 1) / 1e6); return SOX_NIL; }
NATIVE(sysSleep) { (void)argc; sox_platform_sleep(arg_number("sysSleep", args, 1)); return SOX_NIL; }

/* ---- general ---- */
NATIVE(len) {
    (void)argc;
    SoxValue v = args[0];
    if (SOX_IS_STRING(v)) return sox_number(SOX_AS_STRING(v)->length);
    if (SOX_IS_ARRAY(v)) return sox_number(SOX_AS_ARRAY(v)->count);
    if (SOX_IS_TABLE(v)) return sox_number(SOX_AS_TABLE(v)->data.count);
    bad_argument("len", 1, "a string, array or table");
}

NATIVE(push) {
    (void)argc;
    sox_array_append(arg_array("push", args, 1), args[1]);
    return args[0];
}

NATIVE(pop) {
    (void)argc;
    SoxArray* a = arg_array("pop", args, 1);
    return a->count ? a->items[--a->count] : SOX_NIL;
}

NATIVE(type) { (void)argc; return sox_string_from_cstr(sox_type_name(args[0])); }
NATIVE(Table) { UNUSED_ARGS; return sox_table_new(); }
NATIVE(str) { (void)argc; return sox_to_string(args[0]); }

/* num(s): optional surrounding whitespace, an optional sign, digits with an optional fraction and exponent.
 * Anything else (including "", "inf", "nan", hex) is not a number and gives nil. Numbers pass through. */
NATIVE(num) {
    (void)argc;
    if (SOX_IS_NUMBER(args[0])) return args[0];
    if (!SOX_IS_STRING(args[0])) return SOX_NIL;
    const char* s = SOX_AS_STRING(args[0])->chars;
    const char* end = s + SOX_AS_STRING(args[0])->length;
    const char* p = s;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    const char* start = p;
    if (p < end && (*p == '+' || *p == '-')) p++;
    int digits = 0;
    while (p < end && *p >= '0' && *p <= '9') p++, digits++;
    if (p < end && *p == '.') {
        p++;
        while (p < end && *p >= '0' && *p <= '9') p++, digits++;
    }
    if (digits == 0) return SOX_NIL;
    if (p < end && (*p == 'e' || *p == 'E')) {
        const char* q = p + 1;
        if (q < end && (*q == '+' || *q == '-')) q++;
        if (q < end && *q >= '0' && *q <= '9') {
            while (q < end && *q >= '0' && *q <= '9') q++;
            p = q;
        }
    }
    const char* numberEnd = p;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    if (p != end) return SOX_NIL;
    size_t n = (size_t)(numberEnd - start);
    char small[64];
    char* copy = n < sizeof small ? small : sox_xmalloc(n + 1);
    memcpy(copy, start, n);
    copy[n] = 0;
    double d = strtod(copy, NULL);
    if (copy != small) free(copy);
    return sox_number(d);
}

/* ---- strings ---- */
static SoxValue map_ascii(SoxString* s, bool upper) {
    SoxString* r = sox_string_alloc(s->length);
    for (uint32_t i = 0; i < s->length; i++) {
        char c = s->chars[i];
        if (upper && c >= 'a' && c <= 'z') c = (char)(c - 32);
        if (!upper && c >= 'A' && c <= 'Z') c = (char)(c + 32);
        r->chars[i] = c;
    }
    sox_string_seal(r);
    return SOX_OBJ_VAL(r);
}

NATIVE(stringUpper) { (void)argc; return map_ascii(arg_string("stringUpper", args, 1), true); }
NATIVE(stringLower) { (void)argc; return map_ascii(arg_string("stringLower", args, 1), false); }

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

NATIVE(stringTrim) {
    (void)argc;
    SoxString* s = arg_string("stringTrim", args, 1);
    uint32_t a = 0, b = s->length;
    while (a < b && is_space(s->chars[a])) a++;
    while (b > a && is_space(s->chars[b - 1])) b--;
    return sox_string_new(s->chars + a, b - a);
}

/** Byte offset of the first occurrence of needle at or after `from`, or -1. */
static int64_t find_bytes(const SoxString* s, const SoxString* needle, uint32_t from) {
    if (needle->length == 0) return from <= s->length ? (int64_t)from : -1;
    if (needle->length > s->length) return -1;
    for (uint32_t i = from; i + needle->length <= s->length; i++)
        if (s->chars[i] == needle->chars[0] && memcmp(s->chars + i, needle->chars, needle->length) == 0) return i;
    return -1;
}

NATIVE(stringIndexOf) {
    (void)argc;
    SoxString* s = arg_string("stringIndexOf", args, 1);
    SoxString* sub = arg_string("stringIndexOf", args, 2);
    return sox_number((double)find_bytes(s, sub, 0));
}

NATIVE(stringSubstring) {
    SoxString* s = arg_string("stringSubstring", args, 1);
    uint32_t start = clamp_index(trunc(arg_number("stringSubstring", args, 2)), s->length);
    uint32_t end = argc > 2 && args[2] != SOX_NIL ? clamp_index(trunc(arg_number("stringSubstring", args, 3)), s->length)
                                                  : s->length;
    return sox_string_range(s, start, end > start ? end : start);
}

NATIVE(stringReplace) {
    (void)argc;
    SoxString* s = arg_string("stringReplace", args, 1);
    SoxString* old = arg_string("stringReplace", args, 2);
    SoxString* with = arg_string("stringReplace", args, 3);
    int64_t at = find_bytes(s, old, 0);
    if (at < 0) return args[0];
    SoxBuffer b;
    sox_buffer_init(&b);
    sox_buffer_append(&b, s->chars, (size_t)at);
    sox_buffer_append(&b, with->chars, with->length);
    sox_buffer_append(&b, s->chars + at + old->length, s->length - (size_t)at - old->length);
    SoxValue r = sox_buffer_to_string(&b);
    sox_buffer_free(&b);
    return r;
}

NATIVE(stringStartsWith) {
    (void)argc;
    SoxString* s = arg_string("stringStartsWith", args, 1);
    SoxString* p = arg_string("stringStartsWith", args, 2);
    return SOX_BOOL_VAL(p->length <= s->length && memcmp(s->chars, p->chars, p->length) == 0);
}

NATIVE(stringEndsWith) {
    (void)argc;
    SoxString* s = arg_string("stringEndsWith", args, 1);
    SoxString* p = arg_string("stringEndsWith", args, 2);
    return SOX_BOOL_VAL(p->length <= s->length &&
                        memcmp(s->chars + s->length - p->length, p->chars, p->length) == 0);
}

/* Empty pieces are kept ("a,,b" -> [a,,b]); an empty separator splits into single bytes. */
NATIVE(stringSplit) {
    (void)argc;
    SoxString* s = arg_string("stringSplit", args, 1);
    SoxString* sep = arg_string("stringSplit", args, 2);
    SoxValue result = sox_array_new(0, NULL);
    if (sep->length == 0) {
        for (uint32_t i = 0; i < s->length; i++) sox_array_push(result, sox_string_char_at(s, i));
        return result;
    }
    uint32_t from = 0;
    for (;;) {
        int64_t at = find_bytes(s, sep, from);
        uint32_t end = at < 0 ? s->length : (uint32_t)at;
        sox_array_push(result, sox_string_new(s->chars + from, end - from));
        if (at < 0) break;
        from = end + sep->length;
    }
    return result;
}

/* ---- math ---- */
#define MATH1(NAME, EXPR)                                                                                      \
    NATIVE(NAME) {                                                                                             \
        (void)argc;                                                                                            \
        double x = arg_number(#NAME, args, 1);                                                                 \
        return sox_number(EXPR);                                                                               \
    }
MATH1(mathSqrt, sqrt(x))
MATH1(mathFloor, floor(x))
MATH1(mathCeil, ceil(x))
/* §8: halves away from zero, as C's round — computed here because MinGW-w64's round is floor(x + 0.5), which
 * rounds 0.49999999999999994 up to 1. x - trunc(x) is exact for every double. */
static double round_half_away(double x) {
    double t = trunc(x);
    return fabs(x - t) >= 0.5 ? t + copysign(1.0, x) : t;
}
MATH1(mathRound, round_half_away(x))
MATH1(mathSin, sin(x))
MATH1(mathCos, cos(x))
MATH1(mathTan, tan(x))
NATIVE(mathPow) { (void)argc; return sox_number(pow(arg_number("mathPow", args, 1), arg_number("mathPow", args, 2))); }

/* SplitMix64: tiny, fast, and the same sequence on every platform for a given mathSrand seed. */
static uint64_t randomState;
static bool randomSeeded;

static uint64_t next_random(void) {
    if (!randomSeeded) {
        randomSeeded = true;
        randomState = sox_platform_entropy();
    }
    uint64_t z = (randomState += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double random_unit(void) { return (double)(next_random() >> 11) * (1.0 / 9007199254740992.0); }

NATIVE(mathRandom) { UNUSED_ARGS; return sox_number(random_unit()); }

NATIVE(mathRandomInt) {
    (void)argc;
    double lo = ceil(arg_number("mathRandomInt", args, 1));
    double hi = floor(arg_number("mathRandomInt", args, 2));
    if (!(hi >= lo)) sox_runtime_error("Argument 2 of mathRandomInt must not be less than argument 1.");
    double r = lo + floor(random_unit() * (hi - lo + 1));
    return sox_number(r > hi ? hi : r);
}

NATIVE(mathSrand) {
    (void)argc;
    double seed = arg_number("mathSrand", args, 1);
    randomState = (uint64_t)(int64_t)seed;
    randomSeeded = true;
    return SOX_NIL;
}

/* ---- arrays ---- */
NATIVE(arraySlice) {
    SoxArray* a = arg_array("arraySlice", args, 1);
    uint32_t start = clamp_index(trunc(arg_number("arraySlice", args, 2)), a->count);
    uint32_t end = argc > 2 && args[2] != SOX_NIL ? clamp_index(trunc(arg_number("arraySlice", args, 3)), a->count)
                                                  : a->count;
    return sox_array_copy_range(args[0], start, end > start ? end - start : 0);
}

NATIVE(arrayReverse) {
    (void)argc;
    SoxArray* a = arg_array("arrayReverse", args, 1);
    SoxArray* r = sox_array_alloc(a->count);
    for (uint32_t i = 0; i < a->count; i++) r->items[i] = a->items[a->count - 1 - i];
    r->count = a->count;
    return SOX_OBJ_VAL(r);
}

static int64_t index_of(SoxArray* a, SoxValue v) {
    for (uint32_t i = 0; i < a->count; i++)
        if (sox_values_equal(a->items[i], v)) return i;
    return -1;
}

NATIVE(arrayIndexOf) { (void)argc; return sox_number((double)index_of(arg_array("arrayIndexOf", args, 1), args[1])); }
NATIVE(arrayContains) { (void)argc; return SOX_BOOL_VAL(index_of(arg_array("arrayContains", args, 1), args[1]) >= 0); }

NATIVE(arrayJoin) {
    (void)argc;
    SoxArray* a = arg_array("arrayJoin", args, 1);
    SoxString* sep = arg_string("arrayJoin", args, 2);
    SoxBuffer b;
    sox_buffer_init(&b);
    for (uint32_t i = 0; i < a->count; i++) {
        if (i) sox_buffer_append(&b, sep->chars, sep->length);
        sox_buffer_append_value(&b, a->items[i]);
    }
    SoxValue r = sox_buffer_to_string(&b);
    sox_buffer_free(&b);
    return r;
}

/* ---- system ---- */
NATIVE(sysArgs) { UNUSED_ARGS; return sox_args_value(); }

NATIVE(sysGetenv) {
    (void)argc;
    return sox_string_from_cstr(sox_platform_getenv(arg_string("sysGetenv", args, 1)->chars)); /* NULL -> nil */
}

NATIVE(sysOnExit) {
    (void)argc;
    sox_onexit_register(args[0]);
    return SOX_NIL;
}

NATIVE(sysExit) {
    (void)argc;
    double code = trunc(arg_number("sysExit", args, 1));
    sox_exit_program(code != code ? 0 : code > 2147483647.0 ? 2147483647 : code < -2147483648.0 ? (-2147483647 - 1) : (int)code);
}

NATIVE(sysPlatform) { UNUSED_ARGS; return sox_string_from_cstr(sox_platform_name()); }

#define DEFINE_BUILTIN(NAME, MIN, MAX)                                                                         \
    SoxNative sox_builtin_##NAME = {{SOX_OBJ_NATIVE, SOX_OBJ_STATIC, 0, 0}, native_##NAME, #NAME, MIN, MAX};
SOX_BUILTINS(DEFINE_BUILTIN)

void sox_natives_init(void) {}
