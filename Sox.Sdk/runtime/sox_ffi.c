/* sox_ffi.c — §9 conversions between Sox values and C types, and the dynamic call path for variadic C functions
 * (docs/calling-conventions.md). Calls with a fixed signature are compiled: the compiler converts each argument
 * with the sox_c_arg_* functions and places it in the register or stack slot the platform ABI gives its C type.
 * A variadic argument's C type depends on its Sox value at run time (numbers pass as double, strings as char*,
 * booleans as int), so on System V and Linux AAPCS64 — where it decides between an integer and a vector
 * register — and on Microsoft x64 — where a double goes in both registers of its position — the placement is done
 * here and sox_ffi_invoke (sox_ffi_invoke.c) loads the registers and calls. */
#include "sox_internal.h"

#include <string.h>

/* ---- Sox → C ---------------------------------------------------------------------------------------------- */

static const char* ctype_name(uint32_t ctype) {
    switch (ctype) {
    case SOX_CTYPE_INT: return "int";
    case SOX_CTYPE_INT32: return "int32";
    case SOX_CTYPE_UINT8: return "uint8";
    case SOX_CTYPE_DOUBLE: return "double";
    case SOX_CTYPE_FLOAT: return "float";
    case SOX_CTYPE_BOOL: return "bool";
    case SOX_CTYPE_CSTRING: return "cstring";
    case SOX_CTYPE_POINTER: return "pointer";
    default: return "void";
    }
}

/* "Argument 2 of 'scale'" or, for an export's result (index 0), "The result of 'area'". */
static _Noreturn void conversion_error(uint32_t index, const char* fn, const char* problem) {
    if (index == 0) sox_runtime_error("The result of '%s' %s.", fn, problem);
    sox_runtime_error("Argument %u of '%s' %s.", index, fn, problem);
}

int64_t sox_c_arg_int(SoxValue v, uint32_t ctype, uint32_t index, const char* fn) {
    if (ctype == SOX_CTYPE_BOOL) {
        if (!SOX_IS_BOOL(v)) conversion_error(index, fn, "must be true or false");
        return v == SOX_TRUE;
    }
    if (!SOX_IS_NUMBER(v)) conversion_error(index, fn, "must be a number");
    double d = sox_as_number(v);
    /* §9: truncation toward zero with a range check; the bounds are exclusive so that every double strictly
     * between them truncates into the type (NaN fails every comparison). */
    bool inRange;
    switch (ctype) {
    case SOX_CTYPE_INT32: inRange = d > -2147483649.0 && d < 2147483648.0; break;
    case SOX_CTYPE_UINT8: inRange = d > -1.0 && d < 256.0; break;
    default: inRange = d >= -9223372036854775808.0 && d < 9223372036854775808.0; break;
    }
    if (!inRange) {
        char problem[64];
        snprintf(problem, sizeof problem, "is out of range for %s", ctype_name(ctype));
        conversion_error(index, fn, problem);
    }
    return (int64_t)d;
}

double sox_c_arg_double(SoxValue v, uint32_t index, const char* fn) {
    if (!SOX_IS_NUMBER(v)) conversion_error(index, fn, "must be a number");
    return sox_as_number(v);
}

uintptr_t sox_c_arg_address(SoxValue v, uint32_t ctype, uint32_t index, const char* fn) {
    if (v == SOX_NIL) return 0;
    if (ctype == SOX_CTYPE_CSTRING) {
        if (!SOX_IS_STRING(v)) conversion_error(index, fn, "must be a string or nil");
        return (uintptr_t)SOX_AS_STRING(v)->chars; /* kept alive by the conservative stack scan (interior pointer) */
    }
    if (!SOX_IS_TYPE(v, SOX_OBJ_POINTER)) conversion_error(index, fn, "must be a pointer or nil");
    return (uintptr_t)((SoxPointer*)SOX_AS_OBJ(v))->pointer;
}

/* ---- C → Sox ---------------------------------------------------------------------------------------------- */

SoxValue sox_c_from_double(double d) { return sox_number(d); }

SoxValue sox_c_from_cstring(const char* s) { return s ? sox_string_from_cstr(s) : SOX_NIL; }

static size_t pointer_size(const SoxObj* o) { (void)o; return sizeof(SoxPointer); }

void sox_ffi_register_types(void) {
    static const SoxTypeInfo pointer = {"pointer", NULL, NULL, pointer_size, false};
    sox_gc_register_type(SOX_OBJ_POINTER, &pointer);
}

SoxValue sox_c_from_pointer(void* p) {
    if (p == NULL) return SOX_NIL;
    SoxPointer* o = sox_gc_alloc(sizeof(SoxPointer), SOX_OBJ_POINTER);
    o->pointer = p;
    return SOX_OBJ_VAL(o);
}

/* ---- variadic calls ------------------------------------------------------------------------------------------ */

#if defined(__x86_64__) && defined(_WIN32)
/* Microsoft x64 ("x64 calling convention"): four register slots by position, RCX/XMM0 … R9/XMM3; an argument
 * takes the slot of its position whatever its class, and a floating-point one goes in both registers (a variadic
 * callee reads the integer one); the rest go on the stack, 8 bytes each, after the 32-byte home area that
 * sox_ffi_invoke reserves. */
#define FFI_WIN64 1
#define FFI_GPR_ARGS 4
#elif defined(__x86_64__)
#define FFI_GPR_ARGS 6 /* psABI §3.2.3: RDI, RSI, RDX, RCX, R8, R9 */
#else
#define FFI_GPR_ARGS 8 /* AAPCS64 §6.8.2: X0–X7 */
#endif
#define FFI_FPR_ARGS 8 /* XMM0–7 / V0–V7 */
#ifndef FFI_WIN64
#define FFI_WIN64 0
#endif
#if defined(__APPLE__) && defined(__aarch64__)
#define FFI_APPLE_ARM64 1 /* fixed stack arguments packed by size; variadic arguments all on the stack */
#else
#define FFI_APPLE_ARM64 0
#endif

typedef struct Placement {
    SoxCallFrame* frame;
    unsigned char* stack; /* the outgoing stack image */
    size_t stackBytes;
    uint32_t gprs, fprs;
} Placement;

static size_t align_up(size_t n, size_t a) { return (n + a - 1) / a * a; }

static void place_on_stack(Placement* p, uint64_t bits, size_t width) {
    p->stackBytes = align_up(p->stackBytes, width);
    memcpy(p->stack + p->stackBytes, &bits, width); /* little-endian: the low bytes are the value */
    p->stackBytes += width;
}

static void place(Placement* p, uint64_t bits, bool isFloat, size_t width, bool variadic) {
    if (FFI_WIN64) {
        if (p->gprs < FFI_GPR_ARGS) {
            if (isFloat) p->frame->fpr[p->gprs] = bits;
            p->frame->gpr[p->gprs++] = bits; /* a float too: its integer twin, for variadic callees */
        } else {
            place_on_stack(p, bits, 8);
        }
    } else if (FFI_APPLE_ARM64 && variadic) {
        place_on_stack(p, bits, 8);
    } else if (!isFloat && p->gprs < FFI_GPR_ARGS) {
        p->frame->gpr[p->gprs++] = bits;
    } else if (isFloat && p->fprs < FFI_FPR_ARGS) {
        p->frame->fpr[p->fprs++] = bits;
    } else {
        place_on_stack(p, bits, FFI_APPLE_ARM64 ? width : 8);
    }
}

static size_t ctype_width(uint32_t ctype) {
    switch (ctype) {
    case SOX_CTYPE_INT32: case SOX_CTYPE_FLOAT: return 4;
    case SOX_CTYPE_UINT8: case SOX_CTYPE_BOOL: return 1;
    default: return 8;
    }
}

static void place_fixed(Placement* p, SoxValue v, uint32_t ctype, uint32_t index, const char* fn) {
    switch (ctype) {
    case SOX_CTYPE_DOUBLE: {
        double d = sox_c_arg_double(v, index, fn);
        uint64_t bits;
        memcpy(&bits, &d, 8);
        place(p, bits, true, 8, false);
        return;
    }
    case SOX_CTYPE_FLOAT: {
        float f = (float)sox_c_arg_double(v, index, fn);
        uint32_t bits;
        memcpy(&bits, &f, 4);
        place(p, bits, true, 4, false);
        return;
    }
    case SOX_CTYPE_CSTRING: case SOX_CTYPE_POINTER:
        place(p, sox_c_arg_address(v, ctype, index, fn), false, 8, false);
        return;
    default:
        place(p, (uint64_t)sox_c_arg_int(v, ctype, index, fn), false, ctype_width(ctype), false);
        return;
    }
}

/* Apple arm64 compiles variadic calls in place: each variadic argument as the 8 bytes of its stack slot. */
uint64_t sox_c_vararg(SoxValue v, uint32_t index, const char* fn) {
    if (SOX_IS_NUMBER(v)) return v;
    if (SOX_IS_BOOL(v)) return v == SOX_TRUE;
    if (v == SOX_NIL || SOX_IS_STRING(v) || SOX_IS_TYPE(v, SOX_OBJ_POINTER))
        return sox_c_arg_address(v, SOX_IS_STRING(v) ? SOX_CTYPE_CSTRING : SOX_CTYPE_POINTER, index, fn);
    conversion_error(index, fn, "can't be passed to a variadic C function (use a number, string, bool, pointer or nil)");
}

/* §9: numbers pass as double (a number's bits are its double), strings as char*, booleans as int, nil and
 * pointers as pointers; only numbers take a vector register. */
static void place_variadic(Placement* p, SoxValue v, uint32_t index, const char* fn) {
    place(p, sox_c_vararg(v, index, fn), SOX_IS_NUMBER(v), 8, true);
}

static SoxValue convert_result(const SoxExternDesc* d, uint64_t r, uint64_t fret) {
    switch (d->returnType) {
    case SOX_CTYPE_INT: return sox_number((double)(int64_t)r);
    case SOX_CTYPE_INT32: return sox_number((double)(int32_t)(uint32_t)r);
    case SOX_CTYPE_UINT8: return sox_number((double)(uint8_t)r);
    case SOX_CTYPE_BOOL: return SOX_BOOL_VAL((uint8_t)r != 0);
    case SOX_CTYPE_DOUBLE: {
        double x;
        memcpy(&x, &fret, 8);
        return sox_number(x);
    }
    case SOX_CTYPE_FLOAT: {
        float x;
        uint32_t low = (uint32_t)fret;
        memcpy(&x, &low, 4);
        return sox_number((double)x);
    }
    case SOX_CTYPE_CSTRING: return sox_c_from_cstring((const char*)(uintptr_t)r);
    case SOX_CTYPE_POINTER: return sox_c_from_pointer((void*)(uintptr_t)r);
    default: return SOX_NIL;
    }
}

SoxValue sox_c_call_variadic(const SoxExternDesc* d, uint32_t argc, const SoxValue* args) {
    if (argc < d->fixedCount)
        sox_runtime_error("Expected at least %u arguments but got %u.", d->fixedCount, argc);
    SoxCallFrame frame;
    memset(&frame, 0, sizeof frame);
    uint64_t stack[256 + 1]; /* every argument takes at most one 8-byte slot; arity <= 255 (§5) */
    Placement p = {&frame, (unsigned char*)stack, 0, 0, 0};
    for (uint32_t i = 0; i < argc; i++) {
        if (i < d->fixedCount) place_fixed(&p, args[i], d->fixedTypes[i], i + 1, d->name);
        else place_variadic(&p, args[i], i + 1, d->name);
    }
    frame.stack = stack;
    frame.stackWords = align_up(p.stackBytes, 8) / 8;
    frame.floatCount = p.fprs; /* psABI §3.5.7: AL = the number of vector registers used */
    uint64_t r = sox_ffi_invoke(d->fn, &frame);
    return convert_result(d, r, frame.fret);
}
