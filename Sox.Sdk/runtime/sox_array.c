/* sox_array.c — growable 0-based arrays (§2), indexing and slices (§3), foreach (§4), defers (§4). */
#include "sox_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void array_trace(SoxObj* o) {
    SoxArray* a = (SoxArray*)o;
    sox_gc_mark_values(a->items, a->count);
}

static void array_free(SoxObj* o) {
    SoxArray* a = (SoxArray*)o;
    sox_gc_account(-(ptrdiff_t)(a->capacity * sizeof(SoxValue)));
    free(a->items);
}

static size_t array_size(const SoxObj* o) { (void)o; return sizeof(SoxArray); }

void sox_array_register_types(void) {
    static const SoxTypeInfo array = {"array", array_trace, array_free, array_size, false};
    sox_gc_register_type(SOX_OBJ_ARRAY, &array);
}

SoxArray* sox_array_alloc(uint32_t capacity) {
    SoxArray* a = sox_gc_alloc(sizeof(SoxArray), SOX_OBJ_ARRAY);
    if (capacity) {
        a->items = sox_xmalloc((size_t)capacity * sizeof(SoxValue));
        a->capacity = capacity;
        sox_gc_account((ptrdiff_t)capacity * (ptrdiff_t)sizeof(SoxValue));
    }
    return a;
}

void sox_array_append(SoxArray* a, SoxValue v) {
    if (a->count == a->capacity) {
        if (a->capacity >= UINT32_MAX / 2) sox_runtime_error("Array too large.");
        uint32_t cap = a->capacity ? a->capacity * 2 : 8;
        a->items = sox_xrealloc(a->items, (size_t)cap * sizeof(SoxValue));
        sox_gc_account((ptrdiff_t)(cap - a->capacity) * (ptrdiff_t)sizeof(SoxValue));
        a->capacity = cap;
    }
    a->items[a->count++] = v;
}

SoxValue sox_array_new(uint32_t count, const SoxValue* elems) {
    SoxArray* a = sox_array_alloc(count);
    if (count) memcpy(a->items, elems, (size_t)count * sizeof(SoxValue));
    a->count = count;
    return SOX_OBJ_VAL(a);
}

/* A copy of count elements of `source` from `from` on. The new array is allocated before the elements are read:
 * a collection during that allocation must still see `source` (used after it, so it stays in this frame), whereas
 * a pointer into its separately allocated items would not keep it alive (found under SOX_GC_STRESS on arm64). */
SoxValue sox_array_copy_range(SoxValue source, uint32_t from, uint32_t count) {
    SoxArray* a = sox_array_alloc(count);
    SoxArray* s = SOX_AS_ARRAY(source);
    if (count) memcpy(a->items, s->items + from, (size_t)count * sizeof(SoxValue));
    a->count = count;
    return SOX_OBJ_VAL(a);
}

void sox_array_push(SoxValue array, SoxValue v) { sox_array_append(SOX_AS_ARRAY(array), v); }

/* ---- indexing ---- */
/** An index is usable when it is an integral number in [0, count). */
static bool index_in_range(SoxValue index, uint32_t count, uint32_t* out) {
    if (!SOX_IS_NUMBER(index)) return false;
    double d = sox_as_number(index);
    if (!(d >= 0 && d < (double)count) || d != floor(d)) return false;
    *out = (uint32_t)d;
    return true;
}

SoxValue sox_get_index(SoxValue obj, SoxValue index) {
    uint32_t i;
    if (SOX_IS_OBJ(obj)) {
        switch (SOX_OBJ_TYPE(obj)) {
        case SOX_OBJ_ARRAY: {
            SoxArray* a = SOX_AS_ARRAY(obj);
            if (!index_in_range(index, a->count, &i)) sox_runtime_error("Array index out of bounds.");
            return a->items[i];
        }
        case SOX_OBJ_TABLE: {
            SoxValue v = sox_table_get(obj, index);
            return v == SOX_UNDEFINED ? SOX_NIL : v;
        }
        case SOX_OBJ_STRING: {
            SoxString* s = SOX_AS_STRING(obj);
            if (!index_in_range(index, s->length, &i)) sox_runtime_error("String index out of bounds.");
            return sox_string_char_at(s, i);
        }
        default: break;
        }
    }
    sox_runtime_error("Only arrays, tables and strings can be indexed.");
}

SoxValue sox_set_index(SoxValue obj, SoxValue index, SoxValue value) {
    uint32_t i;
    if (SOX_IS_ARRAY(obj)) {
        SoxArray* a = SOX_AS_ARRAY(obj);
        if (!index_in_range(index, a->count, &i)) sox_runtime_error("Array index out of bounds.");
        a->items[i] = value;
        return value;
    }
    if (SOX_IS_TABLE(obj)) {
        sox_table_set(obj, index, value);
        return value;
    }
    if (SOX_IS_STRING(obj)) sox_runtime_error("Strings are immutable.");
    sox_runtime_error("Only arrays and tables can be assigned by index.");
}

/* ---- slices (§3: `a[i:j]` includes j; copies) ---- */
/** A slice bound: nil means the default; numbers are truncated and clamped into [-1, count]. */
static int64_t slice_bound(SoxValue v, int64_t dflt, int64_t count) {
    if (v == SOX_NIL) return dflt;
    if (!SOX_IS_NUMBER(v)) sox_runtime_error("Slice bounds must be numbers.");
    double d = trunc(sox_as_number(v));
    if (d != d) sox_runtime_error("Slice bounds must be numbers.");
    if (d < -1) return -1;
    if (d > (double)count) return count;
    return (int64_t)d;
}

SoxValue sox_slice(SoxValue obj, SoxValue start, SoxValue end) {
    int64_t count;
    if (SOX_IS_ARRAY(obj)) count = SOX_AS_ARRAY(obj)->count;
    else if (SOX_IS_STRING(obj)) count = SOX_AS_STRING(obj)->length;
    else sox_runtime_error("Only arrays and strings can be sliced.");
    int64_t from = slice_bound(start, 0, count);
    int64_t through = slice_bound(end, count - 1, count); /* inclusive */
    if (from < 0) from = 0;
    if (through > count - 1) through = count - 1;
    int64_t n = through >= from ? through - from + 1 : 0;
    if (SOX_IS_STRING(obj)) return sox_string_range(SOX_AS_STRING(obj), (uint32_t)from, (uint32_t)(from + n));
    return sox_array_copy_range(obj, (uint32_t)from, (uint32_t)n);
}

/* ---- foreach ---- */
int64_t sox_foreach_count(SoxValue c) {
    if (SOX_IS_OBJ(c)) {
        switch (SOX_OBJ_TYPE(c)) {
        case SOX_OBJ_ARRAY: return SOX_AS_ARRAY(c)->count;
        case SOX_OBJ_TABLE: return SOX_AS_TABLE(c)->data.count;
        case SOX_OBJ_STRING: return SOX_AS_STRING(c)->length;
        default: break;
        }
    }
    sox_runtime_error("Can only iterate over arrays, tables and strings.");
}

SoxValue sox_foreach_key(SoxValue c, int64_t i) {
    if (SOX_IS_TABLE(c)) {
        SoxTable* t = SOX_AS_TABLE(c);
        return i >= 0 && i < t->data.count ? SOX_OBJ_VAL(t->data.entries[i].key) : SOX_NIL;
    }
    if (i < 0 || i >= sox_foreach_count(c)) return SOX_NIL;
    return sox_number((double)i);
}

SoxValue sox_foreach_value(SoxValue c, int64_t i) {
    if (SOX_IS_ARRAY(c)) {
        SoxArray* a = SOX_AS_ARRAY(c);
        return i >= 0 && i < a->count ? a->items[i] : SOX_NIL;
    }
    if (SOX_IS_TABLE(c)) {
        SoxTable* t = SOX_AS_TABLE(c);
        return i >= 0 && i < t->data.count ? t->data.entries[i].value : SOX_NIL;
    }
    if (SOX_IS_STRING(c)) {
        SoxString* s = SOX_AS_STRING(c);
        return i >= 0 && i < s->length ? sox_string_char_at(s, (uint32_t)i) : SOX_NIL;
    }
    sox_foreach_count(c); /* reports the error */
    return SOX_NIL;
}

/* ---- defer: the list is an array of closures kept in the function's frame ---- */
SoxValue sox_defer_push(SoxValue list, SoxValue closure) {
    if (list == SOX_NIL) list = sox_array_new(0, NULL);
    sox_array_append(SOX_AS_ARRAY(list), closure);
    return list;
}

void sox_defer_run(SoxValue list) {
    if (!SOX_IS_ARRAY(list)) return;
    SoxArray* a = SOX_AS_ARRAY(list);
    while (a->count > 0) {
        SoxValue fn = a->items[--a->count];
        sox_call(fn, 0, NULL);
    }
}
