// exit: 0
// §5: `fn main()` takes no arguments; a non-number result leaves the exit code 0.
#include "sox_test_support.h"

DECLARE_FN(main_fn, 0, 0, 0, "main", SOX_FN_FUNCTION);
SOX_CODE static SoxValue main_fn(ARGS0) {
    (void)self;
    sox_print(S("main()"));
    return S("not a number");
}
SOX_CODE_END()

void sox_program_entry(void) { sox_run_main(CLOSURE(main_fn)); }
