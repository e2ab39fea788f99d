// Strings (§2, §3): concatenation with print-form conversion, equality by content (static and heap strings),
// the FNV-1a hash every string carries, indexing, inclusive slices, and 2 million concatenations plus 4 million
// comparisons (the runner's timeout catches quadratic behaviour).
#include "sox_test_support.h"

STATIC_STRING(sHello, "hello");
STATIC_STRING(sEmpty, "");

void sox_program_entry(void) {
    STATIC_STRING_INIT(sHello);
    STATIC_STRING_INIT(sEmpty);
    SoxValue hello = S("hello");
    CHECK(SOX_AS_OBJ(hello) != SOX_AS_OBJ(SVAL(sHello)));
    sox_print(sox_equal(hello, SVAL(sHello)));
    sox_print(sox_equal(S(""), SVAL(sEmpty)));
    sox_print(sox_not_equal(hello, S("hellO")));
    sox_print(sox_equal(hello, NUM(1)));
    SoxString* h = (SoxString*)SOX_AS_OBJ(hello);
    CHECK(h->hash == test_fnv1a("hello", 5));
    CHECK(h->length == 5 && h->chars[5] == 0);
    SoxValue joined = sox_add(S("hel"), S("lo"));
    CHECK(((SoxString*)SOX_AS_OBJ(joined))->hash == test_fnv1a("hello", 5));
    sox_print(sox_equal(joined, SVAL(sHello)));
    sox_print(sox_add(S("n"), NUM(42)));
    sox_print(sox_add(NUM(1.5), S("x")));
    sox_print(sox_add(S("b"), FALSE_));
    sox_print(sox_add(NIL, S("!")));
    sox_print(sox_add(SVAL(sHello), SVAL(sEmpty)));
    /* indexing and slicing (§3: end inclusive, nil for an omitted bound, bounds clamp) */
    sox_print(sox_get_index(hello, NUM(1)));
    sox_print(sox_slice(hello, NUM(1), NUM(3)));
    sox_print(sox_slice(hello, NUM(2), NIL));
    sox_print(sox_slice(hello, NIL, NUM(1)));
    sox_print(sox_slice(hello, NIL, NIL));
    sox_print(sox_slice(hello, NUM(3), NUM(1)));
    sox_print(sox_slice(hello, NUM(-4), NUM(99)));
    SoxValue xs[] = {NUM(0), NUM(1), NUM(2)};
    SoxValue arr = sox_array_new(3, xs);
    sox_print(sox_slice(arr, NUM(0), NUM(1)));
    sox_print(sox_slice(arr, NUM(1), NIL));
    sox_print(sox_slice(arr, NUM(5), NIL));
    SoxValue copy = sox_slice(arr, NIL, NIL);
    sox_set_index(copy, NUM(0), NUM(9)); /* slices copy */
    sox_print(arr);
    sox_print(copy);
    /* comparisons of numbers */
    sox_print(sox_less(NUM(1), NUM(2)));
    sox_print(sox_greater_equal(NUM(1), NUM(2)));
    sox_print(sox_equal(NUM(0), NUM(-0.0)));
    sox_print(sox_equal(sox_div(NUM(0), NUM(0)), sox_div(NUM(0), NUM(0))));
    sox_print(sox_mod(NUM(7), NUM(-3)));
    sox_print(sox_div(NUM(1), NUM(0)));
    sox_print(sox_not(NUM(0)));
    sox_print(sox_not(NIL));

    /* 2 million small concatenations; the result of each is kept only briefly */
    SoxValue part = S("ab");
    double total = 0;
    SoxValue piece = NIL;
    for (int i = 0; i < 2000000; i++) {
        piece = sox_add(part, NUM(i % 10));
        total += ((SoxString*)SOX_AS_OBJ(piece))->length;
    }
    sox_print(NUM(total));
    sox_print(piece);
    /* 4 million comparisons of equal-content, distinct strings of 64 bytes */
    SoxValue long1 = S("0123456789012345678901234567890123456789012345678901234567890123");
    SoxValue long2 = sox_add(S("0123456789012345678901234567890123456789012345678901234567890"), S("123"));
    SoxValue long3 = sox_add(S("0123456789012345678901234567890123456789012345678901234567890"), S("124"));
    int equal = 0;
    for (int i = 0; i < 2000000; i++) {
        equal += sox_equal(long1, long2) == SOX_TRUE;
        equal += sox_equal(long1, long3) == SOX_TRUE;
    }
    sox_print(NUM(equal));
    /* a growing string: each step copies, so keep it modest but it must not be quadratic in the GC */
    SoxValue grow = S("");
    for (int i = 0; i < 20000; i++) grow = sox_add(grow, S("x"));
    sox_print(sox_call(BUILTIN(len), 1, &grow));
}
