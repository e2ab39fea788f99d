// exit: 70
// stderr: regex
// §10: unbounded recursion ends with "Stack overflow." from the prologue check and exit code 70, never a crash;
// the trace keeps the innermost 32 and outermost 8 frames and counts the rest.
#include "sox_test_support.h"

DECLARE_FN(down, 1, 1, 0, "down", SOX_FN_FUNCTION);
DECLARE_FN(script, 0, 0, 0, NULL, SOX_FN_SCRIPT);
SOX_CODE static SoxValue down(ARGS1) {
    PROLOGUE();
    return sox_add(down(self, sox_add(a0, NUM(1))), NUM(1));
}
SOX_CODE static SoxValue script(ARGS0) {
    PROLOGUE();
    sox_print(S("start"));
    SoxValue zero = NUM(0);
    return sox_call(CLOSURE(down), 1, &zero);
}
SOX_CODE_END()

void sox_program_entry(void) {
    TestLine lines[] = {{(void*)down, "down", 5}, {(void*)script, NULL, 9}};
    register_lines(lines, 2, (void*)sox_code_end, "overflow.sox");
    script((SoxClosure*)SOX_AS_OBJ(CLOSURE(script)));
}
