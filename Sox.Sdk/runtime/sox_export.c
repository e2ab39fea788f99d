/* sox_export.c — entering Sox from C (§9 `export fn`; docs/calling-conventions.md "Exports"). Every export's
 * generated C entry calls sox_export_enter, converts its C arguments, runs its module's initialiser (once) and
 * the Sox body, converts the result and calls sox_export_leave.
 * - In an executable the runtime is already running (main came first) and a C callback into Sox is a nested
 *   call on the program stack: nothing to set up.
 * - In a shared library the first entry initialises the runtime ("library mode"). The host's thread stack then
 *   bounds the conservative scan and the prologue's overflow check, and the outermost export's frame record is
 *   the top of the Sox part of that stack, so traces and scans never walk into the host's frames. Output is
 *   flushed when the outermost export returns, so a host that writes to the same stdout sees it in order.
 * A runtime error inside an export prints its message and trace to stderr and exits the process with 70, as
 * in a Sox program; library mode installs no signal handlers (the host owns them). One thread at a time. */
#include "sox_internal.h"

static uint32_t exportDepth;
static bool libraryMode;

void sox_export_enter(void) {
    /* The caller is the export's generated entry: the platform finds the top of its frame from ours. */
    uintptr_t exportFrame = (uintptr_t)__builtin_frame_address(0);
    if (!sox_runtime_initialized) {
        libraryMode = true;
        sox_runtime_init();
    }
    if (libraryMode && exportDepth == 0) sox_platform_use_host_stack(exportFrame);
    exportDepth++;
}

void sox_export_leave(void) {
    if (--exportDepth == 0 && libraryMode) sox_flush();
}
