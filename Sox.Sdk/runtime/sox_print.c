/* sox_print.c — print forms of values (§2 "How values print") and the buffered stdout. */
#include "sox_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- byte buffer ---- */
void sox_buffer_init(SoxBuffer* b) {
    b->data = b->inline_space;
    b->length = 0;
    b->capacity = sizeof b->inline_space;
}

void sox_buffer_free(SoxBuffer* b) {
    if (b->data != b->inline_space) free(b->data);
    sox_buffer_init(b);
}

void sox_buffer_append(SoxBuffer* b, const char* bytes, size_t n) {
    if (b->length + n > b->capacity) {
        size_t cap = b->capacity * 2;
        while (cap < b->length + n) cap *= 2;
        if (b->data == b->inline_space) {
            char* d = sox_xmalloc(cap);
            memcpy(d, b->data, b->length);
            b->data = d;
        } else {
            b->data = sox_xrealloc(b->data, cap);
        }
        b->capacity = cap;
    }
    memcpy(b->data + b->length, bytes, n);
    b->length += n;
}

static void append_cstr(SoxBuffer* b, const char* s) { sox_buffer_append(b, s, strlen(s)); }

SoxValue sox_buffer_to_string(SoxBuffer* b) { return sox_string_new(b->data, b->length); }

/* ---- numbers ---- */
static size_t format_uint(uint64_t u, char* out) {
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    for (size_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    return n;
}

/* §2: integral values below 1e21 print as integers, everything else as the shortest decimal that reads back
 * to the same double, laid out like ECMAScript Number::toString (which also covers the integral case: with
 * n <= 21 digits before the point the shortest digits are padded with zeros, e.g. 123456789012345680000). */
size_t sox_format_number(double d, char* out) {
    if (d != d) { memcpy(out, "nan", 4); return 3; }
    if (isinf(d)) {
        if (d < 0) { memcpy(out, "-inf", 5); return 4; }
        memcpy(out, "inf", 4); return 3;
    }
    size_t len = 0;
    if (signbit(d)) { out[len++] = '-'; d = -d; }
    if (d == 0) { out[len++] = '0'; out[len] = 0; return len; } /* -0 prints as -0 (§2) */
    if (d < 9007199254740992.0 && d == floor(d)) {
        len += format_uint((uint64_t)d, out + len);
        out[len] = 0;
        return len;
    }
    char digits[20];
    int n;                                   /* the value is 0.d1d2...dk * 10^n */
    int k = sox_shortest_digits(d, digits, &n);
    if (k <= n && n <= 21) {
        memcpy(out + len, digits, (size_t)k); len += (size_t)k;
        for (int i = k; i < n; i++) out[len++] = '0';
    } else if (0 < n && n <= 21) {
        memcpy(out + len, digits, (size_t)n); len += (size_t)n;
        out[len++] = '.';
        memcpy(out + len, digits + n, (size_t)(k - n)); len += (size_t)(k - n);
    } else if (-6 < n && n <= 0) {
        out[len++] = '0'; out[len++] = '.';
        for (int i = 0; i < -n; i++) out[len++] = '0';
        memcpy(out + len, digits, (size_t)k); len += (size_t)k;
    } else {
        out[len++] = digits[0];
        if (k > 1) {
            out[len++] = '.';
            memcpy(out + len, digits + 1, (size_t)(k - 1)); len += (size_t)(k - 1);
        }
        out[len++] = 'e';
        out[len++] = n - 1 >= 0 ? '+' : '-';
        len += format_uint((uint64_t)abs(n - 1), out + len);
    }
    out[len] = 0;
    return len;
}

/* ---- values ---- */
/* Containers being printed, to print a container met again as [...] / {...} (§2). */
static SoxObj** printing;
static size_t printingCount, printingCapacity;

void sox_print_reset(void) { printingCount = 0; }

static bool being_printed(SoxObj* o) {
    for (size_t i = 0; i < printingCount; i++)
        if (printing[i] == o) return true;
    return false;
}

static void push_printing(SoxObj* o) {
    if (printingCount == printingCapacity) {
        printingCapacity = printingCapacity ? printingCapacity * 2 : 16;
        printing = sox_xrealloc(printing, printingCapacity * sizeof(SoxObj*));
    }
    printing[printingCount++] = o;
}

static void append_function_name(SoxBuffer* b, const SoxClosure* c) {
    const SoxFunction* f = c->function;
    if (f->kind == SOX_FN_SCRIPT) { append_cstr(b, "<script>"); return; }
    if (f->name == NULL || f->kind == SOX_FN_LAMBDA) { append_cstr(b, "<fn>"); return; }
    append_cstr(b, "<fn ");
    append_cstr(b, f->name);
    append_cstr(b, ">");
}

static void append_value(SoxBuffer* b, SoxValue v, bool quoteStrings) {
    if (SOX_IS_NUMBER(v)) {
        char tmp[40];
        sox_buffer_append(b, tmp, sox_format_number(sox_as_number(v), tmp));
        return;
    }
    if (v == SOX_NIL || v == SOX_UNDEFINED) { append_cstr(b, "nil"); return; }
    if (v == SOX_TRUE) { append_cstr(b, "true"); return; }
    if (v == SOX_FALSE) { append_cstr(b, "false"); return; }
    SoxObj* o = SOX_AS_OBJ(v);
    switch ((SoxObjType)o->type) {
    case SOX_OBJ_STRING: {
        SoxString* s = (SoxString*)o;
        if (quoteStrings) sox_buffer_append(b, "\"", 1);
        sox_buffer_append(b, s->chars, s->length);
        if (quoteStrings) sox_buffer_append(b, "\"", 1);
        return;
    }
    case SOX_OBJ_CLOSURE: append_function_name(b, (SoxClosure*)o); return;
    case SOX_OBJ_BOUND_METHOD: append_function_name(b, ((SoxBoundMethod*)o)->method); return;
    case SOX_OBJ_NATIVE: append_cstr(b, "<native fn>"); return;
    case SOX_OBJ_CLASS: {
        SoxString* name = ((SoxClass*)o)->name;
        sox_buffer_append(b, name->chars, name->length);
        return;
    }
    case SOX_OBJ_INSTANCE: {
        SoxString* name = ((SoxInstance*)o)->klass->name;
        sox_buffer_append(b, name->chars, name->length);
        append_cstr(b, " instance");
        return;
    }
    case SOX_OBJ_POINTER: append_cstr(b, "<pointer>"); return;
    case SOX_OBJ_CELL: append_cstr(b, "<cell>"); return;
    case SOX_OBJ_ARRAY:
    case SOX_OBJ_TABLE: break;
    }
    bool isArray = o->type == SOX_OBJ_ARRAY;
    if (being_printed(o)) { append_cstr(b, isArray ? "[...]" : "{...}"); return; }
    /* Nesting is bounded by the data; deep nesting must end as "Stack overflow.", not a fault. */
    if ((uintptr_t)__builtin_frame_address(0) < sox_stack_limit) sox_stack_overflow();
    push_printing(o);
    if (isArray) {
        SoxArray* a = (SoxArray*)o;
        sox_buffer_append(b, "[", 1);
        for (uint32_t i = 0; i < a->count; i++) {
            if (i) sox_buffer_append(b, ",", 1);
            append_value(b, a->items[i], false);
        }
        sox_buffer_append(b, "]", 1);
    } else {
        SoxTableData* t = &((SoxTable*)o)->data;
        sox_buffer_append(b, "{", 1);
        for (uint32_t i = 0; i < t->count; i++) {
            if (i) sox_buffer_append(b, ", ", 2);
            sox_buffer_append(b, "\"", 1);
            sox_buffer_append(b, t->entries[i].key->chars, t->entries[i].key->length);
            sox_buffer_append(b, "\": ", 3);
            append_value(b, t->entries[i].value, true); /* only a table's own string values are quoted */
        }
        sox_buffer_append(b, "}", 1);
    }
    printingCount--;
}

void sox_buffer_append_value(SoxBuffer* b, SoxValue v) { append_value(b, v, false); }

SoxValue sox_to_string(SoxValue v) {
    if (SOX_IS_STRING(v)) return v;
    SoxBuffer b;
    sox_buffer_init(&b);
    append_value(&b, v, false);
    SoxValue s = sox_buffer_to_string(&b);
    sox_buffer_free(&b);
    return s;
}

/* ---- print and assert ---- */
void sox_print(SoxValue v) {
    if (SOX_IS_STRING(v)) {
        SoxString* s = SOX_AS_STRING(v);
        fwrite(s->chars, 1, s->length, stdout);
        fputc('\n', stdout);
        return;
    }
    SoxBuffer b;
    sox_buffer_init(&b);
    append_value(&b, v, false);
    sox_buffer_append(&b, "\n", 1);
    fwrite(b.data, 1, b.length, stdout);
    sox_buffer_free(&b);
}

_Noreturn void sox_assert_fail(SoxValue message) {
    SoxBuffer b;
    sox_buffer_init(&b);
    sox_buffer_append(&b, "Assertion failed: ", 18);
    append_value(&b, message, false);
    sox_buffer_append(&b, "", 1);
    sox_runtime_error("%s", b.data);
}
