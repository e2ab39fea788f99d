// env: SOX_GC_STRESS=1
// SOX_GC_STRESS=1 collects before every allocation: every runtime path that allocates several objects in a row
// (concatenation of converted values, construction with init, bound methods, table and array growth, split,
// join, slices, str of containers) must keep its intermediate objects reachable.
#include "sox_test_support.h"

DECLARE_FN(init, 3, 2, 0, "init", SOX_FN_INITIALIZER);
DECLARE_FN(describe, 1, 0, 0, "describe", SOX_FN_METHOD);
DECLARE_FN(adder, 1, 1, 1, NULL, SOX_FN_LAMBDA);
SOX_CODE static SoxValue init(ARGS3) {
    (void)self;
    sox_set_property(a0, S("a"), a1);
    sox_set_property(a0, S("b"), sox_add(a2, S("!")));
    return a0;
}
SOX_CODE static SoxValue describe(ARGS1) {
    (void)self;
    return sox_add(sox_add(sox_get_property(a0, S("a")), S("/")), sox_get_property(a0, S("b")));
}
SOX_CODE static SoxValue adder(ARGS1) { return sox_add(self->cells[0]->value, a0); }
SOX_CODE_END()

static SoxValue roots[2];

void sox_program_entry(void) {
    sox_gc_add_roots(roots, 2);
    roots[0] = sox_class_new(S("Pair"));
    sox_class_add_method(roots[0], S("init"), CLOSURE(init));
    sox_class_add_method(roots[0], S("describe"), CLOSURE(describe));
    roots[1] = sox_array_new(0, NULL);
    SoxValue table = sox_table_new();
    for (int i = 0; i < 300; i++) {
        SoxValue p = call2(roots[0], NUM(i), sox_add(S("n"), NUM(i)));
        SoxValue bound = sox_get_property(p, S("describe"));
        SoxValue text = sox_call(bound, 0, NULL);
        sox_array_push(roots[1], text);
        sox_table_set(table, sox_add(S("k"), NUM(i)), p);
        SoxValue add = CLOSURE(adder);
        ((SoxClosure*)SOX_AS_OBJ(add))->cells[0] = sox_cell_new(sox_add(S("x"), NUM(i)));
        SoxValue r = sox_call(add, 1, &text);
        CHECK(((SoxString*)SOX_AS_OBJ(r))->length > 3);
    }
    sox_print(sox_get_index(roots[1], NUM(0)));
    sox_print(sox_get_index(roots[1], NUM(299)));
    sox_print(sox_invoke(sox_get_index(table, S("k150")), S("describe"), 0, NULL));
    SoxValue joined = call2(BUILTIN(arrayJoin), sox_slice(roots[1], NUM(0), NUM(3)), S(" "));
    sox_print(joined);
    SoxValue parts = call2(BUILTIN(stringSplit), joined, S(" "));
    sox_print(parts);
    SoxValue small = sox_table_new();
    sox_table_set(small, S("list"), parts);
    sox_table_set(small, S("n"), NUM(1.5));
    sox_print(sox_add(S("t="), small));
    int64_t n = sox_foreach_count(S("abc"));
    SoxValue acc = S("");
    for (int64_t i = 0; i < n; i++) acc = sox_add(acc, sox_add(sox_foreach_key(S("abc"), i), sox_foreach_value(S("abc"), i)));
    sox_print(acc);
    SoxValue list = NIL;
    for (int i = 0; i < 3; i++) list = sox_defer_push(list, CLOSURE(describe));
    sox_print(call1(BUILTIN(len), list));
    SoxGcStats st;
    sox_gc_stats(&st);
    sox_print(SOX_BOOL_VAL(st.collections > 5000));
}
