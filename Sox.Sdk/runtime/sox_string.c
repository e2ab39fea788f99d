/* sox_string.c — immutable UTF-8 byte strings (runtime-abi.md "Objects": header, +8 length, +12 hash, +16 bytes).
 * Every string carries its FNV-1a hash from birth, so equality rejects most mismatches without touching the
 * bytes and tables never rehash keys. */
#include "sox_internal.h"

#include <string.h>

uint32_t sox_hash_bytes(const char* bytes, size_t length) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < length; i++) {
        h ^= (uint8_t)bytes[i];
        h *= 16777619u;
    }
    return h;
}

static size_t string_size(const SoxObj* o) { return sizeof(SoxString) + (size_t)((const SoxString*)o)->length + 1; }

void sox_string_register_types(void) {
    static const SoxTypeInfo string = {"string", NULL, NULL, string_size, false};
    sox_gc_register_type(SOX_OBJ_STRING, &string);
}

SoxString* sox_string_alloc(uint32_t length) {
    SoxString* s = sox_gc_alloc(sizeof(SoxString) + (size_t)length + 1, SOX_OBJ_STRING);
    s->length = length;
    s->chars[length] = 0;
    return s;
}

void sox_string_seal(SoxString* s) { s->hash = sox_hash_bytes(s->chars, s->length); }

SoxValue sox_string_new(const char* bytes, size_t length) {
    if (length > UINT32_MAX - 64) sox_runtime_error("String too long.");
    SoxString* s = sox_string_alloc((uint32_t)length);
    memcpy(s->chars, bytes, length);
    sox_string_seal(s);
    return SOX_OBJ_VAL(s);
}

SoxValue sox_string_from_cstr(const char* s) { return s ? sox_string_new(s, strlen(s)) : SOX_NIL; }

/* The concatenation of two strings. FNV-1a continues from x's bytes: its state after x *is* x->hash, so only
 * y's bytes are hashed, and they are copied in the same loop (the hash reads each byte anyway; a memcpy call cost
 * more than the stores for the short strings programs build most). */
SoxValue sox_string_concat(SoxValue a, SoxValue b) {
    SoxString* x = SOX_AS_STRING(a);
    SoxString* y = SOX_AS_STRING(b);
    size_t length = (size_t)x->length + y->length;
    if (length > UINT32_MAX - 64) sox_runtime_error("String too long.");
    SoxString* s = sox_string_alloc((uint32_t)length);
    /* x and y stay reachable: a and b are live in this frame until the copies are done */
    memcpy(s->chars, x->chars, x->length);
    char* to = s->chars + x->length;
    uint32_t h = x->hash;
    for (uint32_t i = 0; i < y->length; i++) {
        char c = y->chars[i];
        to[i] = c;
        h ^= (uint8_t)c;
        h *= 16777619u;
    }
    s->hash = h;
    return SOX_OBJ_VAL(s);
}

/* One-byte strings are shared: indexing and foreach over strings allocate nothing. */
static SoxValue singleBytes[256];

SoxValue sox_string_char_at(SoxString* s, uint32_t i) {
    uint8_t c = (uint8_t)s->chars[i];
    if (singleBytes[c] == 0) {
        static bool registered;
        if (!registered) {
            registered = true;
            for (int k = 0; k < 256; k++) singleBytes[k] = SOX_NIL;
            sox_gc_add_roots(singleBytes, 256);
        }
    }
    if (singleBytes[c] == SOX_NIL) {
        char ch = (char)c;
        singleBytes[c] = sox_string_new(&ch, 1);
    }
    return singleBytes[c];
}

SoxValue sox_string_range(SoxString* s, uint32_t start, uint32_t end) {
    if (end <= start) return sox_string_new("", 0);
    if (end - start == 1) return sox_string_char_at(s, start);
    return sox_string_new(s->chars + start, end - start);
}
