// sox_inlined_super_fill (runtime-abi.md "Instances, shapes and inline caches", inlined-method caches at super
// sites): the cache a -O2 `super.m()` site keeps for a superclass method it runs in place names the superclass (its
// id) besides the receiver's shape; an empty cache takes the first superclass at once, another superclass takes a
// full cache over only on its 16th call, and then the shape part is filled afresh for the new method.
#include "sox_test_support.h"

DECLARE_FN(get_a, 1, 0, 0, "get", SOX_FN_METHOD);
SOX_CODE static SoxValue get_a(ARGS1) {
    (void)self;
    return a0;
}

DECLARE_FN(get_b, 1, 0, 0, "get", SOX_FN_METHOD);
SOX_CODE static SoxValue get_b(ARGS1) {
    (void)self;
    return a0;
}
SOX_CODE_END()

STATIC_STRING(sA, "A");
STATIC_STRING(sB, "B");
STATIC_STRING(sGet, "get");
STATIC_STRING(sX, "x");

/* A cache naming x, as the compiler lays it out: the 48-byte header, one name, one offset. */
static uint64_t storage[6 + 2];
#define cache (*(SoxInlinedMethodCache*)storage)

static uint64_t id_of(SoxValue klass) { return ((SoxClass*)SOX_AS_OBJ(klass))->id; }

static void report(const char* what, SoxValue instance, SoxValue klass, SoxValue method) {
    int shape = cache.shapeId == ((SoxInstance*)SOX_AS_OBJ(instance))->shape->id;
    printf("%s: class %s, method %s, shape %s\n", what, cache.classId == id_of(klass) ? "cached" : "not cached",
           cache.method == (SoxClosure*)SOX_AS_OBJ(method) ? "cached" : "not cached", shape ? "filled" : "not filled");
    if (shape) {
        uint64_t* offsets = (uint64_t*)&cache.slots[cache.count];
        printf("  x=%g\n", sox_as_number(*(SoxValue*)((char*)SOX_AS_OBJ(instance) + offsets[0])));
    }
    fflush(stdout);
}

void sox_program_entry(void) {
    STATIC_STRING_INIT(sA);
    STATIC_STRING_INIT(sB);
    STATIC_STRING_INIT(sGet);
    STATIC_STRING_INIT(sX);
    static SoxValue roots[6];
    sox_gc_add_roots(roots, 6);
    SoxValue a = roots[0] = sox_class_new(SVAL(sA));
    SoxValue b = roots[1] = sox_class_new(SVAL(sB));
    SoxValue ma = roots[2] = CLOSURE(get_a);
    SoxValue mb = roots[3] = CLOSURE(get_b);
    sox_class_add_method(a, SVAL(sGet), ma);
    sox_class_add_method(b, SVAL(sGet), mb);
    cache.count = 1;
    cache.slots[0] = (const SoxString*)&sX;
    printf("ids differ: %s\n", id_of(a) != id_of(b) && id_of(a) != 0 && id_of(b) != 0 ? "yes" : "no");

    /* `this` of the site: an instance with x */
    SoxValue self = roots[4] = sox_call(a, 0, NULL);
    sox_set_property(self, SVAL(sX), NUM(7));

    /* an empty cache takes A at once */
    sox_inlined_super_fill(self, id_of(a), (SoxClosure*)SOX_AS_OBJ(ma), &cache);
    report("A", self, a, ma);

    /* B reaches the same site: the cache stays A's for 15 calls, B takes it over on the 16th */
    int calls = 0;
    while (cache.classId != id_of(b) && calls < 100) {
        sox_inlined_super_fill(self, id_of(b), (SoxClosure*)SOX_AS_OBJ(mb), &cache);
        calls++;
    }
    printf("taken over after %d calls\n", calls);
    report("B", self, b, mb);

    /* A's calls again are refused at first (nothing of A's is left in the cache meanwhile) */
    sox_inlined_super_fill(self, id_of(a), (SoxClosure*)SOX_AS_OBJ(ma), &cache);
    report("A again", self, b, mb);

    /* an instance lacking x: B stays, the shape is refused */
    SoxValue bare = roots[5] = sox_call(b, 0, NULL);
    for (int i = 0; i < 40; i++) sox_inlined_super_fill(bare, id_of(b), (SoxClosure*)SOX_AS_OBJ(mb), &cache);
    printf("shape lacking x refused: %s\n", cache.failedId == ((SoxInstance*)SOX_AS_OBJ(bare))->shape->id ? "yes" : "no");
    report("B kept", self, b, mb);
}
