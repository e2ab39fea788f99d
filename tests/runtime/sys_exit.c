// exit: 3
// §8 sysOnExit / sysExit: sysExit runs the registered handlers last-first, flushes output and exits with the
// code; a handler that calls sysExit again does not rerun the handlers already run.
#include "sox_test_support.h"

DECLARE_FN(handler, 0, 0, 1, NULL, SOX_FN_LAMBDA);
DECLARE_FN(exiting_handler, 0, 0, 0, NULL, SOX_FN_LAMBDA);
SOX_CODE static SoxValue handler(ARGS0) {
    sox_print(self->cells[0]->value);
    return NIL;
}
SOX_CODE static SoxValue exiting_handler(ARGS0) {
    (void)self;
    sox_print(S("handler calls sysExit(3)"));
    SoxValue code = NUM(3);
    return sox_call(BUILTIN(sysExit), 1, &code);
}
SOX_CODE_END()

static SoxValue make(const char* text) {
    SoxValue c = CLOSURE(handler);
    ((SoxClosure*)SOX_AS_OBJ(c))->cells[0] = sox_cell_new(S(text));
    return c;
}

void sox_program_entry(void) {
    call1(BUILTIN(sysOnExit), make("registered first, runs last"));
    call1(BUILTIN(sysOnExit), CLOSURE(exiting_handler));
    call1(BUILTIN(sysOnExit), make("registered third, runs first"));
    sox_print(S("calling sysExit(5)"));
    call1(BUILTIN(sysExit), NUM(5));
    sox_print(S("not reached"));
}
