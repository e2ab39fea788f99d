// skip-arm64: about 8 s of CPU under qemu; gc_stress, deep_recursion and the other programs cover the collector on arm64
// Garbage collection under load (design.md §4): millions of short-lived strings, arrays, tables, instances,
// closures and cells while a live structure (reachable from a global root array and from C locals on the stack)
// keeps changing; the live data must stay intact, collections must happen, and peak RSS must stay bounded.
// Then binary trees to depth 14 (allocation speed). 
// SOX_GC_REPORT=1 prints measurements to stderr.
#include "sox_test_support.h"
#include "sox_internal.h"

#include <time.h>

DECLARE_FN(getter, 0, 0, 1, "getter", SOX_FN_FUNCTION);
SOX_CODE static SoxValue getter(ARGS0) { return self->cells[0]->value; }
SOX_CODE_END()

static SoxValue globals[2]; /* [0] live structure, [1] the class */

static SoxValue make_item(SoxValue klass, int i) {
    SoxValue inst = sox_call(klass, 0, NULL);
    sox_set_property(inst, S("id"), NUM(i));
    sox_set_property(inst, S("name"), sox_add(S("item-"), NUM(i)));
    SoxValue parts[] = {NUM(i), sox_add(NUM(i), S("")), sox_table_new()};
    SoxValue arr = sox_array_new(3, parts);
    sox_table_set(parts[2], S("back"), inst);
    sox_set_property(inst, S("parts"), arr);
    SoxValue c = CLOSURE(getter);
    ((SoxClosure*)SOX_AS_OBJ(c))->cells[0] = sox_cell_new(NUM(i * 2));
    sox_set_property(inst, S("get"), c);
    return inst;
}

static bool check_item(SoxValue inst, int i) {
    if (!SOX_IS_OBJ(inst)) return false;
    if (AS_NUM(sox_get_property(inst, S("id"))) != i) return false;
    if (!sox_values_equal(sox_get_property(inst, S("name")), sox_add(S("item-"), NUM(i)))) return false;
    SoxValue arr = sox_get_property(inst, S("parts"));
    if (AS_NUM(sox_get_index(arr, NUM(0))) != i) return false;
    if (!sox_values_equal(sox_get_index(arr, NUM(1)), sox_to_string(NUM(i)))) return false;
    if (sox_get_index(sox_get_index(arr, NUM(2)), S("back")) != inst) return false;
    return AS_NUM(sox_invoke(inst, S("get"), 0, NULL)) == i * 2;
}

static SoxValue tree(SoxValue node_class, int depth) {
    SoxValue n = sox_call(node_class, 0, NULL);
    if (depth > 0) {
        sox_set_property(n, S("l"), tree(node_class, depth - 1));
        sox_set_property(n, S("r"), tree(node_class, depth - 1));
    }
    return n;
}

static double check_tree(SoxValue n) {
    /* a leaf has no fields: reading a missing field is an error, so look at the instance's shape directly */
    SoxInstance* in = (SoxInstance*)SOX_AS_OBJ(n);
    if (in->shape->count == 0) return 1;
    return 1 + check_tree(sox_get_property(n, S("l"))) + check_tree(sox_get_property(n, S("r")));
}

void sox_program_entry(void) {
    bool report = getenv("SOX_GC_REPORT") != NULL;
    sox_gc_add_roots(globals, 2);
    globals[1] = sox_class_new(S("Item"));
    const int live = 2000;
    globals[0] = sox_array_new(0, NULL);
    for (int i = 0; i < live; i++) sox_array_push(globals[0], make_item(globals[1], i));
    SoxValue localOnly = make_item(globals[1], -1); /* referenced only from this frame */

    double t0 = (double)clock() / CLOCKS_PER_SEC;
    SoxGcStats before;
    sox_gc_stats(&before);
    const int rounds = 1000000;
    double checksum = 0;
    for (int r = 0; r < rounds; r++) {
        SoxValue s = sox_add(S("garbage "), NUM(r));                 /* 2 strings */
        SoxValue pair[] = {s, NUM(r)};
        SoxValue a = sox_array_new(2, pair);                          /* array + buffer */
        SoxValue t = sox_table_new();
        sox_table_set(t, S("a"), a);                                  /* table + buffers */
        checksum += ((SoxString*)SOX_AS_OBJ(s))->length + AS_NUM(sox_get_index(a, NUM(1))) * 0;
        if (r % 50 == 0) { /* replace a live item: the old one becomes garbage */
            int k = (r / 50) % live;
            sox_set_index(globals[0], NUM(k), make_item(globals[1], k));
        }
        (void)t;
    }
    SoxGcStats after;
    sox_gc_stats(&after);
    bool ok = true;
    for (int i = 0; i < live; i++) ok = ok && check_item(sox_get_index(globals[0], NUM(i)), i);
    ok = ok && check_item(localOnly, -1);
    sox_print(ok ? S("live structure intact") : S("live structure damaged"));
    sox_print(SOX_BOOL_VAL(after.collections > before.collections));
    sox_print(SOX_BOOL_VAL(checksum > 0));
    double t1 = (double)clock() / CLOCKS_PER_SEC;

    /* binary trees, depth 14 (the benchmarks game's shape: stretch, long-lived, iterations) */
    SoxValue Node = sox_class_new(S("Node"));
    const int maxDepth = 14;
    sox_print(NUM(check_tree(tree(Node, maxDepth + 1))));
    SoxValue longLived = tree(Node, maxDepth);
    for (int d = 4; d <= maxDepth; d += 2) {
        int iterations = 1 << (maxDepth - d + 4);
        double sum = 0;
        for (int i = 0; i < iterations; i++) sum += check_tree(tree(Node, d));
        sox_print(sox_add(sox_add(NUM(iterations), S(" trees of depth ")), sox_add(NUM(d), sox_add(S(" check "), NUM(sum)))));
    }
    sox_print(NUM(check_tree(longLived)));
    double t2 = (double)clock() / CLOCKS_PER_SEC;

    long peakMiB = (long)(sox_platform_peak_rss_kib() / 1024);
    /* the live set is a few MiB; with the 2x growth policy the heap must stay far below this */
    sox_print(SOX_BOOL_VAL(peakMiB < 160));
    if (report) {
        SoxGcStats end;
        sox_gc_stats(&end);
        fprintf(stderr, "torture: %d rounds in %.3f s, %.1f MB allocated, %.1f MB/s, %llu collections\n", rounds,
                t1 - t0, (after.totalAllocated - before.totalAllocated) / 1e6,
                (after.totalAllocated - before.totalAllocated) / 1e6 / (t1 - t0),
                (unsigned long long)(after.collections - before.collections));
        fprintf(stderr, "binary trees depth %d: %.3f s; total collections %llu; peak RSS %ld MiB\n", maxDepth, t2 - t1,
                (unsigned long long)end.collections, peakMiB);
    }
}
