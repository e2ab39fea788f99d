// foreach (§4: arrays index/value, tables key/value in insertion order, strings index/1-byte string) and defer
// (§4: LIFO when the function returns), as generated code drives them.
#include "sox_test_support.h"

DECLARE_FN(say, 0, 0, 1, NULL, SOX_FN_LAMBDA);
SOX_CODE static SoxValue say(ARGS0) {
    sox_print(self->cells[0]->value);
    return NIL;
}
SOX_CODE_END()

static void each(SoxValue c) {
    int64_t n = sox_foreach_count(c);
    for (int64_t i = 0; i < n; i++) {
        SoxValue k = sox_foreach_key(c, i), v = sox_foreach_value(c, i);
        sox_print(sox_add(sox_add(k, S(" => ")), v));
    }
}

static SoxValue deferred(const char* text) {
    SoxValue c = CLOSURE(say);
    ((SoxClosure*)SOX_AS_OBJ(c))->cells[0] = sox_cell_new(S(text));
    return c;
}

void sox_program_entry(void) {
    SoxValue xs[] = {S("a"), NUM(2), NIL};
    each(sox_array_new(3, xs));
    SoxValue t = sox_table_new();
    sox_table_set(t, S("z"), NUM(1));
    sox_table_set(t, S("a"), NUM(2));
    sox_table_set(t, S("m"), NUM(3));
    sox_table_set(t, S("z"), NUM(4));
    each(t);
    each(S("hé"));
    each(sox_array_new(0, NULL));
    each(sox_table_new());
    /* a container that shrinks while iterated yields nil past its end */
    SoxValue arr = sox_array_new(3, xs);
    int64_t n = sox_foreach_count(arr);
    sox_call(BUILTIN(pop), 1, &arr);
    sox_print(sox_foreach_value(arr, n - 1));
    sox_print(sox_foreach_key(arr, n - 1));
    /* many table entries keep their order and lookups through the index */
    SoxValue big = sox_table_new();
    for (int i = 0; i < 1000; i++) sox_table_set(big, sox_add(S("k"), NUM(i)), NUM(i));
    double sum = 0;
    for (int64_t i = 0; i < sox_foreach_count(big); i++) {
        CHECK(AS_NUM(sox_foreach_value(big, i)) == (double)i);
        sum += AS_NUM(sox_get_index(big, sox_foreach_key(big, i)));
    }
    sox_print(NUM(sum));
    sox_print(sox_foreach_key(big, 999));

    /* defers: registered in order, run last-first */
    SoxValue list = NIL;
    list = sox_defer_push(list, deferred("first registered"));
    list = sox_defer_push(list, deferred("second registered"));
    list = sox_defer_push(list, deferred("third registered"));
    sox_print(S("body done"));
    sox_defer_run(list);
    sox_defer_run(NIL); /* a function that registered nothing */
    sox_print(S("end"));
}
