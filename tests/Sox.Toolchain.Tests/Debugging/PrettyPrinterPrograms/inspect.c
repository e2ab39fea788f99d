/* The C side of values.sox for PrettyPrinterTests, compiled with -g so the debugger knows the type SoxValue (the
 * runtime itself has no debug information). The debugger copies each value it inspects into `inspected`; the
 * arrays hold known-bad values that must print as <invalid SoxValue ...> without an error. */
#include "sox_runtime.h"

SoxValue inspected;

/* An object header whose kind is no kind, a string whose length runs past its NUL, an array whose count is above
 * its capacity. */
static const unsigned char bad_kind[16] = {0x77};
static const unsigned char bad_string[24] = {SOX_OBJ_STRING, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f};
static const unsigned char bad_array[24] = {SOX_OBJ_ARRAY, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 2};

SoxValue corrupted[6];

void inspect_ready(void) {
    corrupted[0] = (SoxValue)0xfffc000000001234ULL;  /* an object pointer into unmapped memory */
    corrupted[1] = (SoxValue)(SOX_QNAN | 9);          /* a tag that is no value */
    corrupted[2] = SOX_OBJ_VAL(bad_kind);
    corrupted[3] = SOX_OBJ_VAL(bad_string);
    corrupted[4] = SOX_OBJ_VAL(bad_array);
    corrupted[5] = SOX_OBJ_VAL(0);                    /* a NULL object */
    inspected = SOX_NIL;
}
