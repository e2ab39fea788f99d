// exit: 70
// §10: a compiled program never dies by a signal: a memory fault (here a store through a bad pointer, as a
// broken `extern` could cause) is reported with a trace that starts at the faulting Sox function.
#include "sox_test_support.h"

DECLARE_FN(poke, 1, 1, 0, "poke", SOX_FN_FUNCTION);
DECLARE_FN(script, 0, 0, 0, NULL, SOX_FN_SCRIPT);
SOX_CODE static SoxValue poke(ARGS1) {
    PROLOGUE();
    (void)self;
    volatile SoxValue* p = (volatile SoxValue*)(uintptr_t)(16 + (uint64_t)AS_NUM(a0));
    *p = a0;
    return NIL;
}
SOX_CODE static SoxValue script(ARGS0) {
    PROLOGUE();
    sox_print(S("poking"));
    SoxValue r = poke(self, NUM(8));
    sox_print(S("not reached"));
    return r;
}
SOX_CODE_END()

void sox_program_entry(void) {
    TestLine lines[] = {{(void*)poke, "poke", 4}, {(void*)script, NULL, 8}};
    register_lines(lines, 2, (void*)sox_code_end, "fault.sox");
    script((SoxClosure*)SOX_AS_OBJ(CLOSURE(script)));
}
