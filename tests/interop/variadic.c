/* Variadic functions (variadic.sox). vdesc walks its variadic arguments with va_arg by a kinds string, so every
 * argument's placement is checked independently of printf's formatting: 'd' double, 'i' int (a Sox bool), 's'
 * string (or NULL), 'p' a pointer to an int64 (or NULL). Its result is a static buffer (copied by Sox). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static char description[4096];

static void describe(const char* kinds, va_list ap) {
    size_t n = 0;
    description[0] = 0;
    for (const char* k = kinds; *k; k++) {
        if (n > 0) n += (size_t)snprintf(description + n, sizeof description - n, " ");
        switch (*k) {
        case 'd': n += (size_t)snprintf(description + n, sizeof description - n, "%g", va_arg(ap, double)); break;
        case 'i': n += (size_t)snprintf(description + n, sizeof description - n, "%d", va_arg(ap, int)); break;
        case 's': {
            const char* s = va_arg(ap, const char*);
            n += (size_t)snprintf(description + n, sizeof description - n, "%s", s ? s : "NULL");
            break;
        }
        case 'p': {
            int64_t* p = va_arg(ap, int64_t*);
            if (p) n += (size_t)snprintf(description + n, sizeof description - n, "*%lld", (long long)*p);
            else n += (size_t)snprintf(description + n, sizeof description - n, "NULL");
            break;
        }
        }
    }
}

const char* vdesc(const char* kinds, ...) {
    va_list ap;
    va_start(ap, kinds);
    describe(kinds, ap);
    va_end(ap);
    return description;
}

/* Fixed parameters of every kind before the variadic ones (the runtime places them by their declared types). */
const char* vfixed(int32_t a, double b, uint8_t c, float d, _Bool e, int64_t f, const char* kinds, ...) {
    char head[256];
    snprintf(head, sizeof head, "%d %g %u %g %d %lld |", a, b, c, (double)d, e, (long long)f);
    va_list ap;
    va_start(ap, kinds);
    describe(kinds, ap);
    va_end(ap);
    char tail[4096];
    snprintf(tail, sizeof tail, "%s %s", head, description);
    strcpy(description, tail);
    return description;
}

/* Nine fixed integer and nine fixed double parameters fill both register files before the variadic part. */
const char* vfull(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g, int64_t h, int64_t i, double da,
                  double db, double dc, double dd, double de, double df, double dg, double dh, double di, const char* kinds, ...) {
    char head[512];
    snprintf(head, sizeof head, "%lld %lld %lld %lld %lld %lld %lld %lld %lld %g %g %g %g %g %g %g %g %g |", (long long)a,
             (long long)b, (long long)c, (long long)d, (long long)e, (long long)f, (long long)g, (long long)h, (long long)i,
             da, db, dc, dd, de, df, dg, dh, di);
    va_list ap;
    va_start(ap, kinds);
    describe(kinds, ap);
    va_end(ap);
    char tail[4096];
    snprintf(tail, sizeof tail, "%s %s", head, description);
    strcpy(description, tail);
    return description;
}

/* A variadic sum in double of n doubles: the result type double on the variadic path. */
double vsum(int32_t n, ...) {
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int32_t i = 0; i < n; i++) s += (i + 1) * va_arg(ap, double);
    va_end(ap);
    return s;
}

static int64_t cell = 77;
void* cell_pointer(void) { return &cell; }
const char* buffer_text(void* p) { return (const char*)p; }
