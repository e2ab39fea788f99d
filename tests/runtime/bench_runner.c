// env: SOX_BENCHTIME=0.05
// stdout: regex
// §7 benchmarks: b is a table whose "n" the runner grows until one run lasts SOX_BENCHTIME seconds (1 by
// default); each benchmark prints its name, n and ns/op; the filter selects by substring.
#include "sox_test_support.h"

DECLARE_FN(bench_loop, 1, 1, 0, "BenchmarkLoop", SOX_FN_FUNCTION);
DECLARE_FN(bench_other, 1, 1, 0, "BenchmarkOther", SOX_FN_FUNCTION);
static double calls, maxN;
SOX_CODE static SoxValue bench_loop(ARGS1) {
    (void)self;
    SoxValue n = sox_get_property(a0, S("n")); /* b.n, as §7 allows besides b["n"] */
    CHECK(sox_values_equal(n, sox_get_index(a0, S("n"))));
    SoxValue acc = NUM(0);
    for (double i = 0; i < AS_NUM(n); i++) acc = sox_add(acc, sox_mul(NUM(i), NUM(2)));
    calls++;
    if (AS_NUM(n) > maxN) maxN = AS_NUM(n);
    return acc;
}
SOX_CODE static SoxValue bench_other(ARGS1) {
    (void)self;
    (void)a0;
    sox_print(S("filtered out, never runs"));
    return NIL;
}
SOX_CODE_END()

void sox_program_entry(void) {
    static SoxValue roots[2];
    sox_gc_add_roots(roots, 2);
    roots[0] = CLOSURE(bench_loop);
    roots[1] = CLOSURE(bench_other);
    SoxBenchCase benches[] = {{"BenchmarkLoop", roots[0]}, {"BenchmarkOther", roots[1]}};
    sox_bench_run(benches, 2, "Loop");
    printf("runs %s, n grew %s\n", calls >= 2 ? "several" : "once", maxN > 1000 ? "large" : "small");
}
