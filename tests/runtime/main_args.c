// exit: 42
// args: alpha beta ünï
// §5: `fn main(argc, argv)` runs after the top level with argv an array of strings ([0] is the program); a
// number it returns is the exit code. Handlers registered with sysOnExit run at normal termination too.
// Arguments arrive as UTF-8 (on Windows from the UTF-16 command line).
#include "sox_test_support.h"

DECLARE_FN(main_fn, 2, 2, 0, "main", SOX_FN_FUNCTION);
DECLARE_FN(bye, 0, 0, 0, NULL, SOX_FN_LAMBDA);
SOX_CODE static SoxValue main_fn(ARGS2) {
    (void)self;
    sox_print(a0);
    sox_print(sox_slice(a1, NUM(1), NIL));
    sox_print(sox_call(BUILTIN(type), 1, &a1));
    return NUM(42.9);
}
SOX_CODE static SoxValue bye(ARGS0) {
    (void)self;
    sox_print(S("on exit"));
    return NIL;
}
SOX_CODE_END()

void sox_program_entry(void) {
    sox_print(S("top level"));
    call1(BUILTIN(sysOnExit), CLOSURE(bye));
    sox_run_main(CLOSURE(main_fn));
}
