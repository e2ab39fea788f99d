// sox_method_entry_fill (runtime-abi.md "Instances, shapes and inline caches", a method's own cache): an empty cache
// takes the first receiver whose shape has every named field inline, and keeps it; receivers lacking a field leave it
// empty, and after 16 of them it is closed for good (shape id UINT64_MAX, which no shape has).
#include "sox_test_support.h"

STATIC_STRING(sK, "K");
STATIC_STRING(sX, "x");
STATIC_STRING(sY, "y");

/* A cache naming x then y, as the compiler lays it out: the 48-byte header, two names, two offsets. */
static uint64_t storage[6 + 4];
#define cache (*(SoxInlinedMethodCache*)storage)

static uint64_t shape_of(SoxValue v) { return ((SoxInstance*)SOX_AS_OBJ(v))->shape->id; }

void sox_program_entry(void) {
    STATIC_STRING_INIT(sK);
    STATIC_STRING_INIT(sX);
    STATIC_STRING_INIT(sY);
    static SoxValue roots[4];
    sox_gc_add_roots(roots, 4);
    SoxValue k = roots[0] = sox_class_new(SVAL(sK));
    sox_class_reserve_fields(k, 2);
    cache.count = 2;
    cache.slots[0] = (const SoxString*)&sX;
    cache.slots[1] = (const SoxString*)&sY;

    SoxValue onlyX = roots[1] = sox_call(k, 0, NULL);
    sox_set_property(onlyX, SVAL(sX), NUM(1));
    sox_method_entry_fill(onlyX, &cache);
    printf("lacking y: %s\n", cache.shapeId == 0 ? "empty" : "filled");

    SoxValue yx = roots[2] = sox_call(k, 0, NULL);
    sox_set_property(yx, SVAL(sY), NUM(2));
    sox_set_property(yx, SVAL(sX), NUM(3));
    sox_method_entry_fill(yx, &cache);
    uint64_t* offsets = (uint64_t*)&cache.slots[cache.count];
    printf("y then x: %s, x=%g y=%g\n", cache.shapeId == shape_of(yx) ? "filled" : "not filled",
           sox_as_number(*(SoxValue*)((char*)SOX_AS_OBJ(yx) + offsets[0])),
           sox_as_number(*(SoxValue*)((char*)SOX_AS_OBJ(yx) + offsets[1])));

    /* full: another complete shape does not replace it */
    SoxValue xy = roots[3] = sox_call(k, 0, NULL);
    sox_set_property(xy, SVAL(sX), NUM(4));
    sox_set_property(xy, SVAL(sY), NUM(5));
    for (int i = 0; i < 40; i++) sox_method_entry_fill(xy, &cache);
    printf("x then y: %s\n", cache.shapeId == shape_of(yx) ? "kept y then x" : "replaced");

    /* a field added later keeps the others where they were (the copy's offsets stay right within a call) */
    uint64_t before = offsets[0];
    sox_set_property(yx, SVAL(sK), NUM(6));
    printf("x after adding a field: %s\n", *(SoxValue*)((char*)SOX_AS_OBJ(yx) + before) == NUM(3) ? "same slot" : "moved");

    /* an empty cache that only sees receivers lacking a field is closed after 16 of them */
    cache.shapeId = 0;
    cache.misses = 0;
    int calls = 0;
    while (cache.shapeId == 0 && calls < 100) {
        sox_method_entry_fill(onlyX, &cache);
        calls++;
    }
    printf("closed after %d calls: %s\n", calls, cache.shapeId == UINT64_MAX ? "yes" : "no");
}
