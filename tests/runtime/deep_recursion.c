// §10: at least 100,000 nested Sox calls must work. Every second level goes through sox_call (and so through
// the runtime's frames and an invoke thunk); at the deepest point a collection scans the whole stack and must
// keep the values held by every level.
#include "sox_test_support.h"

DECLARE_FN(down, 2, 2, 0, "down", SOX_FN_FUNCTION);
SOX_CODE static SoxValue down(ARGS2) {
    PROLOGUE();
    double n = AS_NUM(a0);
    if (n == 0) {
        sox_gc_collect();
        return a1;
    }
    /* a fresh string per level, held only in this frame while deeper levels run */
    SoxValue mine = sox_add(S("level "), a0);
    SoxValue next[2] = {NUM(n - 1), sox_add(a1, NUM(1))};
    SoxValue r = ((long)n % 2) ? sox_call(SOX_OBJ_VAL(self), 2, next) : down(self, next[0], next[1]);
    SoxString* s = (SoxString*)SOX_AS_OBJ(mine);
    if (s->obj.type != SOX_OBJ_STRING || s->chars[0] != 'l') sox_print(S("a live string was collected"));
    return r;
}
SOX_CODE_END()

void sox_program_entry(void) {
    SoxValue args[2] = {NUM(100000), NUM(0)};
    sox_print(sox_call(CLOSURE(down), 2, args));
    args[0] = NUM(300000);
    sox_print(sox_call(CLOSURE(down), 2, args));
}
