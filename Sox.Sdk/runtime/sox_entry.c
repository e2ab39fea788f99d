/* sox_entry.c — the C `main` of a Sox executable (runtime-abi.md "Entry points"): the big-stack thread runs the
 * compiled program's entry, then the exit handlers. A separate file so that shared libraries, which are entered
 * through exports (sox_export.c), never link a `main`. */
#include "sox_internal.h"

#include <unistd.h>

#define SOX_PROGRAM_STACK ((size_t)256 << 20)

static void program_thread(void) {
    sox_program_entry();
    sox_exit_program(sox_exit_code);
}

int main(int argc, char** argv) {
    sox_argc = argc;
    sox_argv = argv;
    /* stdout is block-buffered (§2 print is buffered); line-buffered on a terminal so prompts appear. */
    setvbuf(stdout, NULL, isatty(1) ? _IOLBF : _IOFBF, (size_t)1 << 16);
    sox_runtime_init();
    sox_platform_run_on_big_stack(program_thread, SOX_PROGRAM_STACK);
    return sox_exit_code;
}
