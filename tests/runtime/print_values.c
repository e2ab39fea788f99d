// Printing of every kind of value (§2 "How values print"): numbers at the integer/shortest-form boundaries,
// nan/inf, strings, nested arrays, tables with quoting, cycles, functions, classes, instances, natives.
#include "sox_test_support.h"

#include <math.h>

DECLARE_FN(fib, 1, 1, 0, "fib", SOX_FN_FUNCTION);
DECLARE_FN(lambda, 0, 0, 0, NULL, SOX_FN_LAMBDA);
DECLARE_FN(script, 0, 0, 0, NULL, SOX_FN_SCRIPT);
DECLARE_FN(area, 1, 0, 0, "area", SOX_FN_METHOD);

SOX_CODE static SoxValue fib(ARGS1) { (void)self; return a0; }
SOX_CODE static SoxValue lambda(ARGS0) { (void)self; return NIL; }
SOX_CODE static SoxValue script(ARGS0) { (void)self; return NIL; }
SOX_CODE static SoxValue area(ARGS1) { (void)self; return a0; }
SOX_CODE_END()

static void p(SoxValue v) { sox_print(v); }

STATIC_STRING(sName, "Point");
STATIC_STRING(sArea, "area");

void sox_program_entry(void) {
    STATIC_STRING_INIT(sName);
    STATIC_STRING_INIT(sArea);
    double numbers[] = {0, -0.0, 1, -5, 3, 2178309, 3.14, 0.1 + 0.2, 1e21, 1e-7, 1.5e-10, 123456789012345678901.0,
                        1e20, 9007199254740992.0, 9007199254740994.0, 1e300, 5e-324, 1.7976931348623157e308,
                        0.000001, 123.456, -0.5, 1.0 / 3, 100.0 / 3, 999999999999999999999.0, 1e-6 * 1.5, 4.35,
                        0.1, -1e21, 2.5e25, 1234.5e-10, 4294967296.0, -9007199254740993.0};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) p(NUM(numbers[i]));
    p(NUM(NAN));
    p(NUM(-NAN));
    p(NUM(INFINITY));
    p(NUM(-INFINITY));
    p(NUM(0.0 / 0.0 * 0));
    p(NIL);
    p(TRUE_);
    p(FALSE_);
    p(S("hello, world"));
    p(S(""));
    p(SVAL(sName));

    SoxValue xs[] = {NUM(0), NUM(1), NUM(2)};
    SoxValue arr = sox_array_new(3, xs);
    p(arr);
    p(sox_array_new(0, NULL));
    SoxValue files[] = {S("sox"), S("a.sox")};
    p(sox_array_new(2, files));
    SoxValue inner[] = {NUM(2)};
    SoxValue mid[] = {NUM(1), sox_array_new(1, inner)};
    SoxValue outer[] = {sox_array_new(2, mid), S("x"), NIL, TRUE_, NUM(-0.0)};
    p(sox_array_new(5, outer));

    SoxValue t = sox_table_new();
    sox_table_set(t, S("k"), NUM(1));
    sox_table_set(t, S("k2"), S("v"));
    sox_table_set(t, S("k 3"), NIL);
    sox_table_set(t, S("k"), NUM(10)); // replacing keeps the first insertion position
    p(t);
    p(sox_table_new());
    SoxValue withArray = sox_table_new();
    SoxValue ax[] = {NUM(1), S("x")};
    sox_table_set(withArray, S("a"), sox_array_new(2, ax));
    p(withArray);
    SoxValue quoted = sox_table_new();
    sox_table_set(quoted, S("a"), S("x"));
    SoxValue holder[] = {quoted, S("y")};
    p(sox_array_new(2, holder));
    SoxValue nested = sox_table_new();
    sox_table_set(nested, S("t"), quoted);
    p(nested);

    // cycles
    SoxValue self_arr = sox_array_new(1, xs);
    sox_array_push(self_arr, self_arr);
    p(self_arr);
    SoxValue self_tab = sox_table_new();
    sox_table_set(self_tab, S("n"), NUM(1));
    sox_table_set(self_tab, S("self"), self_tab);
    p(self_tab);
    SoxValue a2 = sox_array_new(0, NULL);
    SoxValue t2 = sox_table_new();
    sox_table_set(t2, S("arr"), a2);
    sox_array_push(a2, t2);
    sox_array_push(a2, t2); // seen twice but not nested in itself: printed fully both times
    p(a2);
    SoxValue shared = sox_array_new(3, xs);
    SoxValue twice[] = {shared, shared};
    p(sox_array_new(2, twice));

    // functions, classes, instances
    p(CLOSURE(fib));
    p(CLOSURE(lambda));
    p(CLOSURE(script));
    p(BUILTIN(clock));
    SoxValue k = sox_class_new(SVAL(sName));
    sox_class_add_method(k, SVAL(sArea), CLOSURE(area));
    p(k);
    SoxValue inst = sox_call(k, 0, NULL);
    p(inst);
    p(sox_get_property(inst, SVAL(sArea)));
    SoxValue mixed[] = {CLOSURE(fib), k, inst, BUILTIN(len)};
    p(sox_array_new(4, mixed));

    // print form through str() and concatenation
    p(sox_add(S("n="), NUM(0.5)));
    p(sox_add(arr, S("!")));
    p(sox_add(S("t="), t));
    p(sox_add(NIL, S("")));
    p(sox_add(S(""), TRUE_));
}
