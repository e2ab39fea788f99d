/* sox_test.c — the `sox test` and `sox bench` runners (§7).
 * Each test gets a fresh table `t` whose "Error" and "Fatal" entries are natives (t.Error(msg) is
 * sox_invoke on a table, which calls the stored function without a receiver). A failed assert or any runtime
 * error inside a test is caught through sox_error_hook and a longjmp back to the runner; the test's pending
 * defers do not run (§4: defers do not run after a runtime error).
 *
 * Machine mode (docs/sdk.md "Testing with dotnet test"): the SDK's .NET test host starts the program with
 * `--sox-test-list` (one `test` event per test, in order: name, file, line; runs none) or `--sox-test-run` (runs the
 * tests whose indexes in that order are on stdin, one a line, read to EOF first so that a test reading stdin gets EOF;
 * indexes, not names, because two test files may declare the same name): `start` INDEX, `message` FILE LINE TEXT per
 * t.Error/t.Fatal/assert/runtime error, `end` INDEX pass|fail MICROSECONDS, and `done` after the last. Events go to
 * stdout, the stream the tests' own output goes to, so that the host can tell which test printed what: each event is
 * ASCII RS (0x1E), fields separated by TAB, then LF, written after a flush; text between a test's `start` and `end` is
 * that test's output. Fields are escaped (\\, \t, \n, \r). The human output of `sox test` is unchanged. */
#include "sox_internal.h"

#include <setjmp.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

typedef struct TestMessage {
    char* text;
    const char* file;
    uint32_t line;
} TestMessage;

static struct {
    jmp_buf escape;
    TestMessage* messages;
    uint32_t count, capacity;
} current;

static void record(const char* text, uint32_t line, const char* file) {
    if (current.count == current.capacity) {
        current.capacity = current.capacity ? current.capacity * 2 : 8;
        current.messages = sox_xrealloc(current.messages, current.capacity * sizeof(TestMessage));
    }
    size_t n = strlen(text);
    char* copy = sox_xmalloc(n + 1);
    memcpy(copy, text, n + 1);
    current.messages[current.count].text = copy;
    current.messages[current.count].line = line;
    current.messages[current.count].file = file;
    current.count++;
}

/** Records msg (print form) at the line of the innermost Sox frame: the t.Error / t.Fatal call. */
static void record_value(SoxValue msg) {
    SoxValue s = sox_to_string(msg);
    uint32_t line = 0;
    const char* file = NULL;
    sox_current_sox_frame(&line, &file);
    record(SOX_AS_STRING(s)->chars, line, file);
}

static SoxValue test_error(uint32_t argc, const SoxValue* args) {
    (void)argc;
    record_value(args[0]);
    return SOX_NIL;
}

static SoxValue test_fatal(uint32_t argc, const SoxValue* args) {
    (void)argc;
    record_value(args[0]);
    longjmp(current.escape, 1);
}

static SoxNative testErrorNative = {{SOX_OBJ_NATIVE, SOX_OBJ_STATIC, 0, 0}, test_error, "Error", 1, 1};
static SoxNative testFatalNative = {{SOX_OBJ_NATIVE, SOX_OBJ_STATIC, 0, 0}, test_fatal, "Fatal", 1, 1};

static _Noreturn void on_test_error(const char* message, uint32_t line, const char* file) {
    record(message, line, file);
    longjmp(current.escape, 1);
}

/** Runs one test; true when it recorded no failure. Kept separate so setjmp's frame holds no loop state. */
static SOX_NOINLINE bool run_one(const SoxTestCase* test) {
    current.count = 0;
    sox_error_hook = on_test_error;
    if (setjmp(current.escape) == 0) sox_call(test->closure, 1, &sox_runtime_roots[SOX_ROOT_TEST]);
    sox_error_hook = NULL;
    sox_print_reset();
    return current.count == 0;
}

/* ---- machine mode ---- */

static void put_field(const char* text) {
    for (const char* c = text ? text : ""; *c; c++) {
        switch (*c) {
        case '\\': fputs("\\\\", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        default: putchar(*c); break;
        }
    }
}

/** Starts an event: flushes what the test printed so far, so that the event follows it on stdout. */
static void event_begin(const char* kind) {
    sox_flush();
    fputs("\x1esox-test\t", stdout);
    fputs(kind, stdout);
}

static void event_field(const char* text) {
    putchar('\t');
    put_field(text);
}

static void event_number(unsigned long long n) { printf("\t%llu", n); }

static void event_end(void) {
    putchar('\n');
    fflush(stdout); /* the host times tests out: it must see `start` while the test runs */
}

static void machine_list(const SoxTestCase* tests, uint32_t count) {
    for (uint32_t i = 0; i < count; i++) {
        event_begin("test");
        event_field(tests[i].name);
        event_field(tests[i].file);
        event_number(tests[i].line);
        event_end();
    }
    event_begin("done");
    event_end();
}

/** Which tests to run: the indexes (in list order) read from stdin, one a line, until EOF. */
static bool* read_selection(uint32_t count) {
    bool* run = sox_xmalloc(count ? count : 1);
    memset(run, 0, count ? count : 1);
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        char* end;
        unsigned long index = strtoul(line, &end, 10);
        if (end != line && index < count) run[index] = true;
    }
    return run;
}

static void new_test_context(void) {
    SoxValue t = sox_table_new();
    sox_runtime_roots[SOX_ROOT_TEST] = t;
    SoxValue key = sox_string_from_cstr("Error");
    sox_table_set(t, key, SOX_OBJ_VAL(&testErrorNative));
    key = sox_string_from_cstr("Fatal");
    sox_table_set(t, key, SOX_OBJ_VAL(&testFatalNative));
}

static void machine_run(const SoxTestCase* tests, uint32_t count) {
    bool* run = read_selection(count);
    uint32_t failed = 0;
    for (uint32_t i = 0; i < count; i++) {
        const SoxTestCase* test = &tests[i];
        if (!run[i]) continue;
        new_test_context();
        event_begin("start");
        event_number(i);
        event_end();
        double start = sox_platform_clock();
        bool passed = run_one(test);
        double elapsed = sox_platform_clock() - start;
        for (uint32_t m = 0; m < current.count; m++) {
            TestMessage* msg = &current.messages[m];
            event_begin("message");
            event_field(msg->file ? msg->file : test->file);
            event_number(msg->line ? msg->line : test->line);
            event_field(msg->text);
            event_end();
            free(msg->text);
        }
        event_begin("end");
        event_number(i);
        event_field(passed ? "pass" : "fail");
        event_number((unsigned long long)(elapsed * 1e6)); /* microseconds */
        event_end();
        if (!passed) failed++;
    }
    sox_runtime_roots[SOX_ROOT_TEST] = SOX_NIL;
    free(run);
    event_begin("done");
    event_end();
    sox_exit_code = failed ? 1 : 0;
}

uint32_t sox_test_run(const SoxTestCase* tests, uint32_t count) {
    if (sox_argc >= 2 && strcmp(sox_argv[1], "--sox-test-list") == 0) {
        machine_list(tests, count);
        return 0;
    }
    if (sox_argc >= 2 && strcmp(sox_argv[1], "--sox-test-run") == 0) {
        machine_run(tests, count);
        return 0;
    }
    uint32_t passed = 0, failed = 0;
    for (uint32_t i = 0; i < count; i++) {
        const SoxTestCase* test = &tests[i];
        new_test_context();
        if (run_one(test)) {
            passed++;
            continue;
        }
        failed++;
        sox_flush();
        printf("--- FAIL: %s\n", test->name);
        for (uint32_t m = 0; m < current.count; m++) {
            TestMessage* msg = &current.messages[m];
            const char* file = msg->file ? msg->file : test->file ? test->file : "?";
            uint32_t line = msg->line ? msg->line : test->line;
            printf("    %s:%u: %s\n", file, line, msg->text);
            free(msg->text);
        }
    }
    sox_runtime_roots[SOX_ROOT_TEST] = SOX_NIL;
    printf("%u passed, %u failed\n", passed, failed);
    sox_exit_code = failed ? 1 : 0;
    return failed;
}

/* Benchmarks grow b.n like Go's testing package: predict the n that fills the target time from the last run,
 * at most 100x the previous n, until a run lasts at least SOX_BENCHTIME seconds (default 1). */
void sox_bench_run(const SoxBenchCase* benches, uint32_t count, const char* filter) {
    double target = 1.0;
    /* `sox bench --filter S` passes S through the environment; generated code passes NULL. */
    if (!filter) filter = sox_platform_getenv("SOX_BENCH_FILTER");
    const char* env = sox_platform_getenv("SOX_BENCHTIME");
    if (env && atof(env) > 0) target = atof(env);
    for (uint32_t i = 0; i < count; i++) {
        if (filter && !strstr(benches[i].name, filter)) continue;
        SoxValue b = sox_table_new();
        sox_runtime_roots[SOX_ROOT_BENCH] = b;
        SoxValue nKey = sox_string_from_cstr("n");
        sox_runtime_roots[SOX_ROOT_TEST] = nKey;
        double n = 1, elapsed = 0;
        for (;;) {
            sox_table_set(b, nKey, sox_number(n));
            double start = sox_platform_clock();
            sox_call(benches[i].closure, 1, &sox_runtime_roots[SOX_ROOT_BENCH]);
            elapsed = sox_platform_clock() - start;
            if (elapsed >= target || n >= 1e9) break;
            double next = elapsed > 0 ? n * target * 1.2 / elapsed : n * 100;
            if (next > n * 100) next = n * 100;
            if (next < n + 1) next = n + 1;
            n = floor(next);
        }
        printf("%-32s %12.0f %14.1f ns/op\n", benches[i].name, n, elapsed * 1e9 / n);
        sox_flush();
    }
    sox_runtime_roots[SOX_ROOT_BENCH] = SOX_NIL;
    sox_runtime_roots[SOX_ROOT_TEST] = SOX_NIL;
}
