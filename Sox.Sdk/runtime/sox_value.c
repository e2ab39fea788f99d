/* sox_value.c — arithmetic, comparison and equality slow paths (§3). Generated code inlines the number cases;
 * these functions handle every case so they can also be called unconditionally. */
#include "sox_internal.h"

#include <math.h>
#include <string.h>

#define BOTH_NUMBERS(a, b) (SOX_IS_NUMBER(a) && SOX_IS_NUMBER(b))

SoxValue sox_add(SoxValue a, SoxValue b) {
    if (BOTH_NUMBERS(a, b)) return sox_number(sox_as_number(a) + sox_as_number(b));
    /* Two strings (the usual case here): concatenated as they are, without sox_to_string's checks. */
    if (SOX_IS_OBJ(a) && SOX_IS_OBJ(b) && SOX_OBJ_TYPE(a) == SOX_OBJ_STRING && SOX_OBJ_TYPE(b) == SOX_OBJ_STRING)
        return sox_string_concat(a, b);
    /* §3: if either side is a string the other is converted to its print form. */
    if (SOX_IS_STRING(a) || SOX_IS_STRING(b)) {
        SoxValue sa = sox_to_string(a);
        SoxValue sb = sox_to_string(b);
        return sox_string_concat(sa, sb);
    }
    sox_runtime_error("Operands must be two numbers or two strings.");
}

static _Noreturn void operands_must_be_numbers(void) { sox_runtime_error("Operands must be numbers."); }

#define NUMERIC_OP(NAME, EXPR)                                                                                 \
    SoxValue NAME(SoxValue a, SoxValue b) {                                                                    \
        if (!BOTH_NUMBERS(a, b)) operands_must_be_numbers();                                                   \
        double x = sox_as_number(a), y = sox_as_number(b);                                                     \
        return EXPR;                                                                                           \
    }

NUMERIC_OP(sox_sub, sox_number(x - y))
NUMERIC_OP(sox_mul, sox_number(x * y))
NUMERIC_OP(sox_div, sox_number(x / y))
NUMERIC_OP(sox_mod, sox_number(fmod(x, y)))
NUMERIC_OP(sox_less, SOX_BOOL_VAL(x < y))
NUMERIC_OP(sox_less_equal, SOX_BOOL_VAL(x <= y))
NUMERIC_OP(sox_greater, SOX_BOOL_VAL(x > y))
NUMERIC_OP(sox_greater_equal, SOX_BOOL_VAL(x >= y))

SoxValue sox_negate(SoxValue a) {
    if (!SOX_IS_NUMBER(a)) sox_runtime_error("Operand must be a number.");
    return sox_number(-sox_as_number(a));
}

SoxValue sox_not(SoxValue a) { return SOX_BOOL_VAL(SOX_IS_FALSEY(a)); }

bool sox_values_equal(SoxValue a, SoxValue b) {
    if (BOTH_NUMBERS(a, b)) return sox_as_number(a) == sox_as_number(b); /* NaN != NaN, 0 == -0 */
    if (a == b) return true;
    if (SOX_IS_STRING(a) && SOX_IS_STRING(b)) return sox_strings_equal(SOX_AS_STRING(a), SOX_AS_STRING(b));
    /* §9: C pointers compare by address. Each pointer a C function returns is boxed in a fresh object, so two
     * objects may hold the same address (tests/interop/returns.sox). */
    if (SOX_IS_TYPE(a, SOX_OBJ_POINTER) && SOX_IS_TYPE(b, SOX_OBJ_POINTER))
        return ((SoxPointer*)SOX_AS_OBJ(a))->pointer == ((SoxPointer*)SOX_AS_OBJ(b))->pointer;
    return false;
}

/* Generated code tests two numbers (and identical non-number bits) inline, so what reaches here is mostly two
 * objects, usually two strings: test for those first. */
SoxValue sox_equal(SoxValue a, SoxValue b) {
    if (SOX_IS_OBJ(a) && SOX_IS_OBJ(b)) {
        const SoxObj* x = SOX_AS_OBJ(a);
        const SoxObj* y = SOX_AS_OBJ(b);
        if (x->type == SOX_OBJ_STRING && y->type == SOX_OBJ_STRING)
            return SOX_BOOL_VAL(sox_strings_equal((const SoxString*)x, (const SoxString*)y));
    }
    return SOX_BOOL_VAL(sox_values_equal(a, b));
}
SoxValue sox_not_equal(SoxValue a, SoxValue b) { return SOX_BOOL_VAL(!sox_values_equal(a, b)); }

const char* sox_type_name(SoxValue v) {
    if (SOX_IS_NUMBER(v)) return "number";
    if (v == SOX_NIL || v == SOX_UNDEFINED) return "nil";
    if (SOX_IS_BOOL(v)) return "bool";
    switch ((SoxObjType)SOX_OBJ_TYPE(v)) {
    case SOX_OBJ_STRING: return "string";
    case SOX_OBJ_CLOSURE:
    case SOX_OBJ_NATIVE:
    case SOX_OBJ_BOUND_METHOD: return "function";
    case SOX_OBJ_CLASS: return "class";
    case SOX_OBJ_INSTANCE: return "instance";
    case SOX_OBJ_ARRAY: return "array";
    case SOX_OBJ_TABLE: return "table";
    case SOX_OBJ_POINTER: return "pointer";
    case SOX_OBJ_CELL: return "cell";
    }
    return "unknown";
}
