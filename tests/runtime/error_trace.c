// exit: 70
// §10: a runtime error prints its message, then one line per active Sox frame from the innermost outwards,
// after everything printed before it; the runtime's own frames (sox_sub, the thunks) do not appear.
#include "sox_test_support.h"

DECLARE_FN(inner, 1, 1, 0, "inner", SOX_FN_FUNCTION);
DECLARE_FN(outer, 0, 0, 0, "outer", SOX_FN_FUNCTION);
DECLARE_FN(script, 0, 0, 0, NULL, SOX_FN_SCRIPT);

SOX_CODE static SoxValue inner(ARGS1) {
    PROLOGUE();
    (void)self;
    return sox_sub(a0, NUM(1)); // a string: "Operands must be numbers."
}

SOX_CODE static SoxValue outer(ARGS0) {
    PROLOGUE();
    (void)self;
    SoxValue x = S("text");
    SoxValue r = sox_call(CLOSURE(inner), 1, &x); // through the runtime: the frames in between are skipped
    return r;
}

SOX_CODE static SoxValue script(ARGS0) {
    PROLOGUE();
    (void)self;
    sox_print(S("before the error"));
    SoxValue r = outer(self);
    sox_print(S("not reached"));
    return r;
}
SOX_CODE_END()

void sox_program_entry(void) {
    TestLine lines[] = {{(void*)inner, "inner", 3}, {(void*)outer, "outer", 7}, {(void*)script, NULL, 12}};
    register_lines(lines, 3, (void*)sox_code_end, "error_trace.sox");
    script((SoxClosure*)SOX_AS_OBJ(CLOSURE(script)));
}
