/* sox_platform.c — the platform layer's shared part, the same on every OS (no OS headers): the bounds of the
 * stack Sox code runs on, defined here once and written only by the platform layer, and the standard output
 * every other layer writes through. The OS-specific part is sox_platform_posix.c or sox_platform_win32.c.
 *
 * The stack bounds: [sox_stack_bottom, sox_stack_top) is what the collector scans conservatively and traces walk;
 * sox_stack_limit (runtime-abi.md) is the lowest address Sox code may use, checked by every prologue. An
 * executable sets them when it starts its big-stack thread (sox_platform_run_on_big_stack); a shared library
 * sets them on the first export call from the host's thread (sox_platform_use_host_stack). */
#include "sox_internal.h"

uintptr_t sox_stack_limit;
uintptr_t sox_stack_top;
uintptr_t sox_stack_bottom;

/* The margin left below the limit for the runtime's own C code on a host thread's stack (at most 1/8 of it). */
#define SOX_LIBRARY_STACK_MARGIN ((uintptr_t)256 << 10)

void sox_platform_use_host_stack(uintptr_t exportFrame) {
    uintptr_t lo, hi;
    sox_platform_thread_stack(&lo, &hi);
    uintptr_t margin = (hi - lo) / 8 < SOX_LIBRARY_STACK_MARGIN ? (hi - lo) / 8 : SOX_LIBRARY_STACK_MARGIN;
    sox_stack_bottom = lo;
    sox_stack_top = sox_platform_export_top(exportFrame, hi);
    sox_stack_limit = lo + margin;
}

/* ---- standard output: buffered (§2), flushed before any error output (§10) and at exit ---- */
void sox_out_write(const char* bytes, size_t n) { fwrite(bytes, 1, n, stdout); }

void sox_flush(void) { fflush(stdout); }

void sox_platform_init_stdout(void) {
    sox_platform_init_console();
    /* block-buffered; line-buffered on a terminal so prompts appear */
    setvbuf(stdout, NULL, sox_platform_stdout_is_terminal() ? _IOLBF : _IOFBF, (size_t)1 << 16);
}
