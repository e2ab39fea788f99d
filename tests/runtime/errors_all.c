// exit: 1
// Every runtime error message of §10 (and the runtime's own, docs/language.md §10.3), each raised inside a
// `sox test` test so one program can check them all: the runner records the message with the line of the
// innermost Sox frame and goes on with the next test.
#include "sox_test_support.h"

static SoxValue instance, klass, array, table, two;

DECLARE_FN(two_params, 2, 2, 0, "two", SOX_FN_FUNCTION);
DECLARE_FN(method, 2, 1, 0, "m", SOX_FN_METHOD);
DECLARE_FN(recurse, 1, 1, 0, "recurse", SOX_FN_FUNCTION);
SOX_CODE static SoxValue two_params(ARGS2) { (void)self; return sox_add(a0, a1); }
SOX_CODE static SoxValue method(ARGS2) { (void)self; (void)a0; return a1; }
SOX_CODE static SoxValue recurse(ARGS1) {
    PROLOGUE();
    return sox_add(recurse(self, sox_add(a0, NUM(1))), NUM(1));
}

#define ERR_TEST(n, expr)                                                                                      \
    DECLARE_FN(e##n, 1, 1, 0, "e" #n, SOX_FN_FUNCTION);                                                        \
    SOX_CODE static SoxValue e##n(ARGS1) {                                                                     \
        PROLOGUE();                                                                                            \
        (void)self, (void)a0;                                                                                  \
        expr;                                                                                                  \
        return NIL;                                                                                            \
    }

ERR_TEST(1, sox_sub(S("a"), NUM(1)))
ERR_TEST(2, sox_negate(S("a")))
ERR_TEST(3, sox_add(NIL, NUM(1)))
ERR_TEST(4, sox_undefined_variable(S("x")))
ERR_TEST(5, sox_get_property(instance, S("nope")))
ERR_TEST(6, sox_call(NUM(1), 0, NULL))
ERR_TEST(7, sox_call(two, 1, &a0))
ERR_TEST(8, sox_get_property(NUM(1), S("x")))
ERR_TEST(9, sox_set_property(S("s"), S("x"), NUM(1)))
ERR_TEST(10, sox_class_inherit(sox_class_new(S("Sub")), NUM(1)))
ERR_TEST(11, recurse((SoxClosure*)SOX_AS_OBJ(CLOSURE(recurse)), NUM(0)))
ERR_TEST(12, sox_get_index(array, NUM(3)))
ERR_TEST(13, sox_get_index(table, NUM(1)))
ERR_TEST(14, sox_assert_fail(S("x should be 2")))
ERR_TEST(15, sox_call(sox_class_new(S("Empty")), 2, (SoxValue[]){NUM(1), NUM(2)}))
ERR_TEST(16, sox_call(BUILTIN(len), 0, NULL))
ERR_TEST(17, sox_invoke(instance, S("missing"), 0, NULL))
ERR_TEST(18, sox_invoke(NUM(1), S("m"), 0, NULL))
ERR_TEST(19, sox_foreach_count(NUM(1)))
ERR_TEST(20, sox_less(S("a"), S("b")))
ERR_TEST(21, sox_get_index(S("abc"), NUM(3)))
ERR_TEST(22, sox_get_index(array, NUM(1.5)))
ERR_TEST(23, sox_set_index(array, NUM(-1), NIL))
ERR_TEST(24, sox_set_index(table, TRUE_, NIL))
ERR_TEST(25, sox_call(BUILTIN(stringUpper), 1, &a0))
ERR_TEST(26, sox_slice(NUM(1), NIL, NIL))
ERR_TEST(27, sox_call(sox_get_property(instance, S("m")), 0, NULL))
ERR_TEST(28, sox_call(BUILTIN(stringSubstring), 4, (SoxValue[]){S("a"), NUM(0), NUM(1), NUM(2)}))
ERR_TEST(29, sox_assert_fail(NUM(42)))
ERR_TEST(30, sox_invoke(table, S("notThere"), 0, NULL))
ERR_TEST(31, sox_mod(TRUE_, NUM(2)))
ERR_TEST(32, sox_get_index(NIL, NUM(0)))
ERR_TEST(33, sox_set_index(S("abc"), NUM(0), S("x")))
ERR_TEST(34, sox_get_super(sox_class_new(S("Base")), instance, S("zap")))
SOX_CODE_END()

void sox_program_entry(void) {
    static SoxValue roots[5];
    sox_gc_add_roots(roots, 5);
    roots[0] = klass = sox_class_new(S("Thing"));
    sox_class_add_method(klass, S("m"), CLOSURE(method));
    roots[1] = instance = sox_call(klass, 0, NULL);
    SoxValue xs[] = {NUM(1), NUM(2), NUM(3)};
    roots[2] = array = sox_array_new(3, xs);
    roots[3] = table = sox_table_new();
    roots[4] = two = CLOSURE(two_params);

    static TestLine lines[40];
    static SoxTestCase tests[34];
    SoxValue closures[] = {CLOSURE(e1), CLOSURE(e2), CLOSURE(e3), CLOSURE(e4), CLOSURE(e5), CLOSURE(e6),
                           CLOSURE(e7), CLOSURE(e8), CLOSURE(e9), CLOSURE(e10), CLOSURE(e11), CLOSURE(e12),
                           CLOSURE(e13), CLOSURE(e14), CLOSURE(e15), CLOSURE(e16), CLOSURE(e17), CLOSURE(e18),
                           CLOSURE(e19), CLOSURE(e20), CLOSURE(e21), CLOSURE(e22), CLOSURE(e23), CLOSURE(e24),
                           CLOSURE(e25), CLOSURE(e26), CLOSURE(e27), CLOSURE(e28), CLOSURE(e29), CLOSURE(e30),
                           CLOSURE(e31), CLOSURE(e32), CLOSURE(e33), CLOSURE(e34)};
    static SoxValue keep[34];
    sox_gc_add_roots(keep, 34);
    static char names[34][16];
    for (int i = 0; i < 34; i++) {
        keep[i] = closures[i];
        SoxClosure* c = (SoxClosure*)SOX_AS_OBJ(closures[i]);
        snprintf(names[i], sizeof names[i], "TestE%d", i + 1);
        lines[i].start = c->code;
        lines[i].name = c->function->name;
        lines[i].line = (uint32_t)(100 + i + 1);
        tests[i].name = names[i];
        tests[i].closure = closures[i];
        tests[i].file = "errors.sox";
        tests[i].line = 1;
    }
    lines[34] = (TestLine){(void*)two_params, "two", 50};
    lines[35] = (TestLine){(void*)method, "m", 51};
    lines[36] = (TestLine){(void*)recurse, "recurse", 52};
    register_lines(lines, 37, (void*)sox_code_end, "errors.sox");
    sox_test_run(tests, 34);
}
