// sox_inlined_method_fill (runtime-abi.md "Instances, shapes and inline caches", inlined-method caches): the cache
// an -O2 invoke site keeps for a method it runs in place gets the offsets of the named fields for the receiver's
// shape; a shape lacking a field (or holding something that is not an instance) is refused and remembered; a full
// cache is replaced only on every 16th call of another shape.
#include "sox_test_support.h"

DECLARE_FN(get_m, 1, 0, 0, "get", SOX_FN_METHOD);
SOX_CODE static SoxValue get_m(ARGS1) {
    (void)self;
    return a0;
}
SOX_CODE_END()

STATIC_STRING(sK, "K");
STATIC_STRING(sGet, "get");
STATIC_STRING(sX, "x");
STATIC_STRING(sY, "y");

/* A cache naming x then y, as the compiler lays it out: the 48-byte header, two names, two offsets. */
static uint64_t storage[6 + 4];
#define cache (*(SoxInlinedMethodCache*)storage)

static SoxValue field_at(SoxValue instance, int i) {
    uint64_t* offsets = (uint64_t*)&cache.slots[cache.count];
    return *(SoxValue*)((char*)((SoxInstance*)SOX_AS_OBJ(instance)) + offsets[i]);
}

static void report(const char* what, SoxValue instance) {
    int filled = cache.shapeId == ((SoxInstance*)SOX_AS_OBJ(instance))->shape->id;
    printf("%s: %s", what, filled ? "filled" : "not filled");
    if (filled) printf(", x=%g y=%g", sox_as_number(field_at(instance, 0)), sox_as_number(field_at(instance, 1)));
    printf("\n");
    fflush(stdout);
}

void sox_program_entry(void) {
    STATIC_STRING_INIT(sK);
    STATIC_STRING_INIT(sGet);
    STATIC_STRING_INIT(sX);
    STATIC_STRING_INIT(sY);
    static SoxValue roots[5];
    sox_gc_add_roots(roots, 5);
    SoxValue k = roots[0] = sox_class_new(SVAL(sK));
    SoxValue method = roots[1] = CLOSURE(get_m);
    sox_class_add_method(k, SVAL(sGet), method);
    sox_class_reserve_fields(k, 2); /* as the compiler does: room for x and y inline */
    cache.count = 2;
    cache.slots[0] = (const SoxString*)&sX;
    cache.slots[1] = (const SoxString*)&sY;

    /* only x, while the cache is empty: refused and remembered */
    SoxValue onlyX = roots[3] = sox_call(k, 0, NULL);
    sox_set_property(onlyX, SVAL(sX), NUM(3));
    sox_inlined_method_fill(onlyX, ((SoxClosure*)SOX_AS_OBJ(method)), &cache);
    report("only x", onlyX);
    printf("failure remembered: %s\n", cache.failedId == ((SoxInstance*)SOX_AS_OBJ(onlyX))->shape->id ? "yes" : "no");

    /* y first, then x: filled; the offsets follow the shape, not the order of the names */
    SoxValue yx = roots[2] = sox_call(k, 0, NULL);
    sox_set_property(yx, SVAL(sY), NUM(1));
    sox_set_property(yx, SVAL(sX), NUM(2));
    sox_inlined_method_fill(yx, ((SoxClosure*)SOX_AS_OBJ(method)), &cache);
    report("y then x", yx);
    printf("method cached: %s\n", cache.method == ((SoxClosure*)SOX_AS_OBJ(method)) ? "yes" : "no");

    /* not an instance: nothing happens */
    sox_inlined_method_fill(NUM(1), ((SoxClosure*)SOX_AS_OBJ(method)), &cache);
    report("after a number", yx);

    /* x then y: another complete shape; the full cache is replaced on the 16th such call */
    SoxValue xy = roots[4] = sox_call(k, 0, NULL);
    sox_set_property(xy, SVAL(sX), NUM(5));
    sox_set_property(xy, SVAL(sY), NUM(6));
    int calls = 0;
    while (cache.shapeId != ((SoxInstance*)SOX_AS_OBJ(xy))->shape->id && calls < 100) {
        sox_inlined_method_fill(xy, ((SoxClosure*)SOX_AS_OBJ(method)), &cache);
        calls++;
    }
    printf("replaced after %d calls\n", calls);
    report("x then y", xy);
    report("y then x now", yx);
}
