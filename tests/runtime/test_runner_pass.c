// exit: 0
// §7: when every test passes the runner prints only the totals and the program exits 0.
#include "sox_test_support.h"

DECLARE_FN(test_a, 1, 1, 0, "TestA", SOX_FN_FUNCTION);
SOX_CODE static SoxValue test_a(ARGS1) {
    (void)self;
    SoxValue xs[] = {NUM(1)};
    SoxValue arr = sox_array_new(1, xs);
    if (SOX_IS_FALSEY(sox_equal(sox_call(BUILTIN(len), 1, &arr), NUM(1)))) {
        SoxValue m = S("len is wrong");
        sox_invoke(a0, S("Error"), 1, &m);
    }
    return NIL;
}
SOX_CODE_END()

void sox_program_entry(void) {
    TestLine lines[] = {{(void*)test_a, "TestA", 3}};
    register_lines(lines, 1, (void*)sox_code_end, "a_test.sox");
    static SoxValue root;
    sox_gc_add_roots(&root, 1);
    root = CLOSURE(test_a);
    SoxTestCase tests[] = {{"TestA", root, "a_test.sox", 3, 0}, {"TestB", root, "a_test.sox", 3, 0}};
    sox_test_run(tests, 2);
}
