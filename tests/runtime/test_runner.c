// exit: 1
// §7 `sox test`: t.Error records and continues, t.Fatal records and stops the test, a failing assert or a runtime
// error fails the test; failing tests are listed with file:line: message, then "N passed, M failed", exit 1.
#include "sox_test_support.h"

DECLARE_FN(test_pass, 1, 1, 0, "TestPass", SOX_FN_FUNCTION);
DECLARE_FN(test_error, 1, 1, 0, "TestError", SOX_FN_FUNCTION);
DECLARE_FN(test_fatal, 1, 1, 0, "TestFatal", SOX_FN_FUNCTION);
DECLARE_FN(helper, 1, 1, 0, "helper", SOX_FN_FUNCTION);
DECLARE_FN(test_assert, 1, 1, 0, "TestAssert", SOX_FN_FUNCTION);
DECLARE_FN(test_pass2, 1, 1, 0, "TestPassToo", SOX_FN_FUNCTION);
DECLARE_FN(test_bn, 1, 1, 0, "TestNField", SOX_FN_FUNCTION);

SOX_CODE static SoxValue test_pass(ARGS1) {
    (void)self;
    CHECK(sox_values_equal(sox_call(BUILTIN(type), 1, &a0), S("table")));
    sox_print(S("pass runs"));
    return NIL;
}
SOX_CODE static SoxValue test_error(ARGS1) {
    (void)self;
    SoxValue m1 = S("first problem"), m2 = NUM(2);
    sox_invoke(a0, S("Error"), 1, &m1);
    sox_invoke(a0, S("Error"), 1, &m2);
    sox_print(S("error continues"));
    return NIL;
}
SOX_CODE static SoxValue test_fatal(ARGS1) {
    (void)self;
    SoxValue m = S("cannot go on");
    SoxValue fatal = sox_get_property(a0, S("Fatal")); // t.Fatal read as a property, then called
    sox_call(fatal, 1, &m);
    sox_print(S("not reached"));
    return NIL;
}
SOX_CODE static SoxValue helper(ARGS1) {
    (void)self;
    if (SOX_IS_FALSEY(sox_equal(a0, NUM(2)))) sox_assert_fail(S("x should be 2"));
    return NIL;
}
SOX_CODE static SoxValue test_assert(ARGS1) {
    (void)a0;
    SoxValue one = NUM(1);
    sox_call(CLOSURE(helper), 1, &one);
    sox_print(S("not reached either"));
    (void)self;
    return NIL;
}
SOX_CODE static SoxValue test_pass2(ARGS1) { (void)self; (void)a0; return NIL; }
SOX_CODE static SoxValue test_bn(ARGS1) {
    (void)self;
    sox_get_property(a0, S("n")); // a missing table key reads as nil: no failure
    SoxValue bad = sox_add(S("x"), NUM(1));
    sox_sub(bad, NUM(1));
    return NIL;
}
SOX_CODE_END()

void sox_program_entry(void) {
    TestLine lines[] = {{(void*)test_pass, "TestPass", 10}, {(void*)test_error, "TestError", 20},
                        {(void*)test_fatal, "TestFatal", 30}, {(void*)helper, "helper", 40},
                        {(void*)test_assert, "TestAssert", 45}, {(void*)test_pass2, "TestPassToo", 50},
                        {(void*)test_bn, "TestNField", 60}};
    register_lines(lines, 7, (void*)sox_code_end, "lib/t_test.sox");
    static SoxValue roots[7];
    sox_gc_add_roots(roots, 7);
    roots[0] = CLOSURE(test_pass);
    roots[1] = CLOSURE(test_error);
    roots[2] = CLOSURE(test_fatal);
    roots[3] = CLOSURE(test_assert);
    roots[4] = CLOSURE(test_pass2);
    roots[5] = CLOSURE(test_bn);
    SoxTestCase tests[] = {{"TestPass", roots[0], "lib/t_test.sox", 10, 0},
                           {"TestError", roots[1], "lib/t_test.sox", 20, 0},
                           {"TestFatal", roots[2], "lib/t_test.sox", 30, 0},
                           {"TestAssert", roots[3], "lib/t_test.sox", 45, 0},
                           {"TestPassToo", roots[4], "lib/t_test.sox", 50, 0},
                           {"TestNField", roots[5], "lib/t_test.sox", 60, 0}};
    uint32_t failed = sox_test_run(tests, 6);
    CHECK(failed == 4);
}
