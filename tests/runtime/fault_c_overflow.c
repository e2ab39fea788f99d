// exit: 70
// §10.4: C code that recurses past the prologues' margin (runtime code, or a C library called through an
// `extern fn`) runs into the bottom of the program stack; that fault too is reported as "Stack overflow." with
// the trace of the Sox frames above it, exit 70, never a crash. POSIX: the SIGSEGV handler on its alternate
// stack; Windows: the vectored exception handler, which reports on a stack of its own.
#include "sox_test_support.h"

static volatile int sink;
__attribute__((noinline)) static int c_recurse(int n) {
    volatile char pad[256];
    pad[n & 255] = (char)n;
    sink = pad[(n * 7) & 255];
    return c_recurse(n + 1) + pad[0];
}

DECLARE_FN(dive, 1, 1, 0, "dive", SOX_FN_FUNCTION);
DECLARE_FN(script, 0, 0, 0, NULL, SOX_FN_SCRIPT);
SOX_CODE static SoxValue dive(ARGS1) {
    PROLOGUE();
    (void)self;
    return NUM(c_recurse((int)AS_NUM(a0)));
}
SOX_CODE static SoxValue script(ARGS0) {
    PROLOGUE();
    sox_print(S("diving"));
    SoxValue r = dive(self, NUM(1));
    sox_print(S("not reached"));
    return r;
}
SOX_CODE_END()

void sox_program_entry(void) {
    TestLine lines[] = {{(void*)dive, "dive", 4}, {(void*)script, NULL, 8}};
    register_lines(lines, 2, (void*)sox_code_end, "c_overflow.sox");
    script((SoxClosure*)SOX_AS_OBJ(CLOSURE(script)));
}
