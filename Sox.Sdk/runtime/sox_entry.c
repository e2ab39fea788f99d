/* sox_entry.c — the C `main` of a Sox executable (runtime-abi.md "Entry points"): the big-stack thread runs the
 * compiled program's entry, then the exit handlers. A separate file so that shared libraries, which are entered
 * through exports (sox_export.c), never link a `main`. */
#include "sox_internal.h"

#define SOX_PROGRAM_STACK ((size_t)256 << 20)

static void program_thread(void) {
    sox_program_entry();
    sox_exit_program(sox_exit_code);
}

int main(int argc, char** argv) {
    sox_platform_args(&argc, &argv);
    sox_argc = argc;
    sox_argv = argv;
    sox_platform_init_stdout();
    sox_runtime_init();
    sox_platform_run_on_big_stack(program_thread, SOX_PROGRAM_STACK, sox_fatal_from_frame);
    return sox_exit_code;
}
