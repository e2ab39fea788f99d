// exit: 70
// skip-arm64: arm64's integer division by zero gives 0 instead of trapping, so there is no fault to report
// §10.4: a hardware arithmetic fault (an integer division by zero, as C code called through an `extern fn` could
// make; here in the Sox function itself, whose line the faulting pc gives) is reported as "Arithmetic fault."
// with the trace, exit 70 (SIGFPE on POSIX, EXCEPTION_INT_DIVIDE_BY_ZERO on Windows).
#include "sox_test_support.h"

static volatile int zero;

DECLARE_FN(script, 0, 0, 0, NULL, SOX_FN_SCRIPT);
SOX_CODE static SoxValue script(ARGS0) {
    PROLOGUE();
    (void)self;
    sox_print(S("dividing"));
    int divisor = zero;
    sox_print(NUM(7 / divisor));
    sox_print(S("not reached"));
    return NIL;
}
SOX_CODE_END()

void sox_program_entry(void) {
    TestLine lines[] = {{(void*)script, NULL, 3}};
    register_lines(lines, 1, (void*)sox_code_end, "divide.sox");
    script((SoxClosure*)SOX_AS_OBJ(CLOSURE(script)));
}
