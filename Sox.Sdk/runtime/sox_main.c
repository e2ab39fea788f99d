/* sox_main.c — the runtime owns main (runtime-abi.md "Entry points"): heap, big-stack thread, the compiled
 * program's arguments, sysOnExit handlers, flushing, the exit code. `main` itself is in sox_entry.c, so a shared
 * library (which has no main) links without it. */
#include "sox_internal.h"


int sox_exit_code;
int sox_argc;
char** sox_argv;
SoxValue sox_runtime_roots[SOX_ROOT_COUNT];

void sox_onexit_register(SoxValue fn) {
    if (sox_runtime_roots[SOX_ROOT_ONEXIT] == SOX_NIL) sox_runtime_roots[SOX_ROOT_ONEXIT] = sox_array_new(0, NULL);
    sox_array_push(sox_runtime_roots[SOX_ROOT_ONEXIT], fn);
}

/* §8 sysExit / normal termination: handlers run last registered first, each once, then output is flushed. */
_Noreturn void sox_exit_program(int code) {
    SoxValue handlers = sox_runtime_roots[SOX_ROOT_ONEXIT];
    if (handlers != SOX_NIL) {
        SoxArray* a = SOX_AS_ARRAY(handlers);
        while (a->count > 0) {
            SoxValue fn = a->items[--a->count];
            sox_call(fn, 0, NULL);
        }
    }
    sox_flush();
    fflush(stderr);
    sox_platform_exit(code);
}

static SoxValue args_array(void) {
    if (sox_runtime_roots[SOX_ROOT_ARGS] == SOX_NIL) {
        SoxValue a = sox_array_new(0, NULL);
        sox_runtime_roots[SOX_ROOT_ARGS] = a;
        for (int i = 0; i < sox_argc; i++) sox_array_push(a, sox_string_from_cstr(sox_argv[i]));
    }
    return sox_runtime_roots[SOX_ROOT_ARGS];
}

SoxValue sox_args_value(void) {
    SoxValue args = args_array();
    return sox_array_copy_range(args, 0, SOX_AS_ARRAY(args)->count);
}

/* §5: main(argc, argv) or main(); a number result becomes the exit code (truncated toward zero). */
void sox_run_main(SoxValue mainFn) {
    SoxValue result;
    if (SOX_IS_CLOSURE(mainFn) && SOX_AS_OBJ(mainFn)->aux == 0) {
        result = sox_call(mainFn, 0, NULL);
    } else {
        SoxValue args[2] = {sox_number((double)sox_argc), sox_args_value()};
        result = sox_call(mainFn, 2, args);
    }
    if (SOX_IS_NUMBER(result)) {
        double d = sox_as_number(result);
        sox_exit_code = d != d ? 0 : d > 2147483647.0 ? 2147483647 : d < -2147483648.0 ? (-2147483647 - 1) : (int)d;
    }
}

/* Everything a program needs before its first Sox code runs; `main` (sox_entry.c) and the first call of an
 * export (sox_export.c) both come here, once. */
bool sox_runtime_initialized;

void sox_runtime_init(void) {
    if (sox_runtime_initialized) return;
    sox_runtime_initialized = true;
    /* A read the compiler must keep: it links the debuggers' layout descriptor (sox_debug.c), which nothing else
     * references, out of the runtime archive into every program and shared library. */
    (void)*(const volatile uint32_t*)(const void*)&sox_debug_layout;
    for (int i = 0; i < SOX_ROOT_COUNT; i++) sox_runtime_roots[i] = SOX_NIL;
    sox_gc_init();
    sox_string_register_types();
    sox_table_register_types();
    sox_array_register_types();
    sox_shape_register_types();
    sox_object_register_types();
    sox_ffi_register_types();
    sox_gc_add_roots(sox_runtime_roots, SOX_ROOT_COUNT);
    sox_natives_init();
}
