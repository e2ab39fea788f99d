/* sox_platform_win32.c — the platform layer on Windows (x64), the counterpart of sox_platform_posix.c: every OS
 * call the runtime makes there — the big program stack, faults (a vectored exception handler instead of signals),
 * the calling thread's stack bounds, walking the stack, clocks, sleeping, page memory, resource usage, the
 * environment, the console, process exit. It compiles to nothing unless _WIN32. It uses only Win32 and the C
 * runtime functions that both the MSVC (UCRT) and MinGW (msvcrt/UCRT) C libraries have, so the same file builds
 * for x86_64-pc-windows-msvc and x86_64-w64-windows-gnu (docs/runtime-abi.md "Windows").
 *
 * Decisions (docs/runtime-abi.md "Windows"):
 * - Output: stdout and stderr are switched to binary mode, so `print` writes "\n" exactly as on Linux (the
 *   output is byte-identical apart from nothing at all); consoles of Windows 10 and later show a bare LF as a
 *   line break. A console gets the UTF-8 code page, so the runtime's UTF-8 bytes show as the characters.
 * - Stack: the program runs on a thread whose stack is the requested size reserved (committed page by page by
 *   the OS); the prologues' bound sox_stack_limit lies SOX_STACK_GUARD + SOX_STACK_MARGIN above the reservation's
 *   low end, as on POSIX.
 * - Faults: hardware exceptions (access violation, stack overflow, illegal instruction, integer division by
 *   zero…) go to a vectored exception handler, which reports them through the same fault handler the POSIX
 *   signals use ("Stack overflow." when the fault is below the stack limit, else "Invalid memory access." etc.)
 *   and exits 70; an unhandled-exception filter catches whatever else would end the process, and the error mode
 *   forbids every crash or critical-error dialog.
 * - Traces: Win64 compilers do not keep the frame pointer at the frame record ({saved rbp, return address}) —
 *   clang and gcc set rbp = rsp + an offset of up to 240 bytes so unwind codes stay short — so the walk uses the
 *   OS's unwinder (RtlLookupFunctionEntry / RtlVirtualUnwind over the images' .pdata), falling back to the frame
 *   record for code without unwind data (generated code that has only `push rbp; mov rbp, rsp`). */
#if defined(_WIN32)
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#if !defined(_WIN32_WINNT) || _WIN32_WINNT < 0x0602
#undef _WIN32_WINNT
#define _WIN32_WINNT 0x0602 /* Windows 8: GetCurrentThreadStackLimits */
#endif

#include "sox_internal.h"

#include <windows.h>
#include <fcntl.h>
#include <io.h>
#include <psapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if !defined(_M_X64) && !defined(__x86_64__)
#error "sox_platform_win32.c: only x64 Windows is supported (stack walking, the fault context)"
#endif

/* Runtime C code (printing a trace, formatting, the collector's own frames) runs below the Sox prologue check;
 * this margin is what it may use before the bottom of the reservation (the same sizes as on POSIX). */
#define SOX_STACK_GUARD ((size_t)64 << 10)
#define SOX_STACK_MARGIN ((size_t)1 << 20)
/* What the OS keeps free for the vectored handler once the guard page is gone (SetThreadStackGuarantee); the
 * handler itself only copies the context, the report runs on SOX_FAULT_STACK (redirect_to_report). */
#define SOX_OVERFLOW_GUARANTEE ((ULONG)16 << 10)
#define SOX_FAULT_STACK ((size_t)256 << 10)

static uintptr_t guardLow, guardHigh;
static SoxFaultHandler faultHandler;
/* The context of the fault being reported: the stack walk starts from it (the fault handler never returns). */
static CONTEXT faultContext;
static volatile LONG faultReported;
static bool haveFaultContext;

/* ---- stack walking ------------------------------------------------------------------------------------------ */

/* The last functions found, so a deep recursion (millions of frames of a few functions) costs one lookup per
 * function instead of one per frame. */
#define SOX_UNWIND_CACHE 8
typedef struct UnwindEntry {
    DWORD64 begin, end, imageBase;
    PRUNTIME_FUNCTION function;
} UnwindEntry;

static PRUNTIME_FUNCTION lookup_function(UnwindEntry* cache, unsigned* next, DWORD64 pc, DWORD64* imageBase) {
    for (unsigned i = 0; i < SOX_UNWIND_CACHE; i++) {
        if (cache[i].function && pc >= cache[i].begin && pc < cache[i].end) {
            *imageBase = cache[i].imageBase;
            return cache[i].function;
        }
    }
    PRUNTIME_FUNCTION f = RtlLookupFunctionEntry(pc, imageBase, NULL);
    if (f) {
        UnwindEntry* e = &cache[*next % SOX_UNWIND_CACHE];
        (*next)++;
        e->begin = *imageBase + f->BeginAddress;
        e->end = *imageBase + f->EndAddress;
        e->imageBase = *imageBase;
        e->function = f;
    }
    return f;
}

void sox_platform_walk_stack(uintptr_t fp, SoxReturnVisitor visit, void* state) {
    (void)fp; /* Win64 frame pointers do not chain: unwind from here, or from the fault being reported */
    uintptr_t lo = sox_stack_bottom, hi = sox_stack_top;
    if (hi == 0) return;
    CONTEXT context;
    if (haveFaultContext) context = faultContext;
    else RtlCaptureContext(&context);
    UnwindEntry cache[SOX_UNWIND_CACHE];
    memset(cache, 0, sizeof cache);
    unsigned next = 0;
    for (int guard = 0; guard < 100000000; guard++) {
        DWORD64 sp = context.Rsp, imageBase = 0;
        PRUNTIME_FUNCTION f = lookup_function(cache, &next, context.Rip, &imageBase);
        if (f) {
            void* handlerData = NULL;
            DWORD64 establisher = 0;
            RtlVirtualUnwind(UNW_FLAG_NHANDLER, imageBase, context.Rip, f, &context, &handlerData, &establisher,
                             NULL);
        } else {
            /* No unwind data: generated code with a frame record {caller's rbp, return address} at rbp. */
            uintptr_t rbp = (uintptr_t)context.Rbp;
            if (rbp < lo || rbp + 2 * sizeof(uintptr_t) > hi || (rbp & 7)) return;
            const uintptr_t* record = (const uintptr_t*)rbp;
            context.Rip = record[1];
            context.Rsp = rbp + 2 * sizeof(uintptr_t);
            context.Rbp = record[0];
        }
        if (context.Rip == 0 || context.Rsp <= sp || context.Rsp < lo || context.Rsp > hi) return;
        if (!visit(state, (uintptr_t)context.Rip)) return;
    }
}

/* ---- faults --------------------------------------------------------------------------------------------------- */

static const char* fault_message(const EXCEPTION_RECORD* r) {
    switch (r->ExceptionCode) {
    case EXCEPTION_STACK_OVERFLOW: return "Stack overflow.";
    case EXCEPTION_ACCESS_VIOLATION:
    case EXCEPTION_IN_PAGE_ERROR: {
        uintptr_t addr = r->NumberParameters >= 2 ? (uintptr_t)r->ExceptionInformation[1] : 0;
        if (sox_stack_top != 0 && addr >= guardLow && addr < guardHigh) return "Stack overflow.";
        return "Invalid memory access.";
    }
    case EXCEPTION_DATATYPE_MISALIGNMENT:
    case EXCEPTION_ARRAY_BOUNDS_EXCEEDED:
    case EXCEPTION_GUARD_PAGE: return "Invalid memory access.";
    case EXCEPTION_ILLEGAL_INSTRUCTION:
    case EXCEPTION_PRIV_INSTRUCTION: return "Illegal instruction.";
    case EXCEPTION_INT_DIVIDE_BY_ZERO:
    case EXCEPTION_INT_OVERFLOW:
    case EXCEPTION_FLT_DIVIDE_BY_ZERO:
    case EXCEPTION_FLT_INVALID_OPERATION:
    case EXCEPTION_FLT_OVERFLOW:
    case EXCEPTION_FLT_UNDERFLOW:
    case EXCEPTION_FLT_INEXACT_RESULT:
    case EXCEPTION_FLT_DENORMAL_OPERAND:
    case EXCEPTION_FLT_STACK_CHECK: return "Arithmetic fault.";
    default: return NULL; /* not a fault: C++ exceptions, debugger notifications, … */
    }
}

/* The report runs on a stack of its own: a vectored handler runs on the faulting thread's stack, and after a stack
 * overflow that has only what is left below the guard page (Windows keeps SetThreadStackGuarantee's amount, Wine
 * about 2 KiB) — not enough to format a message and unwind a CONTEXT per frame. So the handler only saves the
 * fault and redirects the thread to report_on_fault_stack on faultStack; the OS resumes it there. */
static const char* faultMessage;
static char* faultStack;

static void report_on_fault_stack(void) {
    faultHandler(faultMessage, (uintptr_t)faultContext.Rbp, (uintptr_t)faultContext.Rip); /* does not return */
    sox_platform_exit_now(70);
}

static LONG redirect_to_report(const char* message, CONTEXT* context) {
    /* A second fault while reporting (a broken heap, say) must not loop: end at once, still with 70. */
    if (InterlockedExchange(&faultReported, 1) != 0 || faultStack == NULL) sox_platform_exit_now(70);
    faultContext = *context;
    haveFaultContext = true;
    faultMessage = message;
    /* as if called: rsp + 8 16-byte aligned at the entry ("x64 stack usage"), a zero return address */
    uintptr_t top = ((uintptr_t)faultStack + SOX_FAULT_STACK) & ~(uintptr_t)15;
    top -= 8;
    *(uintptr_t*)top = 0;
    context->Rsp = top;
    context->Rbp = 0;
    context->Rip = (DWORD64)(uintptr_t)report_on_fault_stack;
    return EXCEPTION_CONTINUE_EXECUTION;
}

/* First chance, before any frame-based handler: §10 wants the report of the faulting program, whatever C code it
 * ran through. */
static LONG WINAPI on_exception(EXCEPTION_POINTERS* e) {
    const char* message = fault_message(e->ExceptionRecord);
    if (message == NULL || faultHandler == NULL) return EXCEPTION_CONTINUE_SEARCH;
    return redirect_to_report(message, e->ContextRecord);
}

/* Last chance: anything else that nobody handled (a software exception from C code) still exits 70 with a
 * message instead of Windows's error report. */
static LONG WINAPI on_unhandled(EXCEPTION_POINTERS* e) {
    const char* message = fault_message(e->ExceptionRecord);
    if (faultHandler == NULL) return EXCEPTION_CONTINUE_SEARCH;
    return redirect_to_report(message ? message : "Invalid memory access.", e->ContextRecord);
}

static void install_fault_handlers(void) {
    /* No "program has stopped working" box, no critical-error or missing-file dialogs: §10 reports instead. */
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    faultStack = VirtualAlloc(NULL, SOX_FAULT_STACK, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    AddVectoredExceptionHandler(1, on_exception);
    SetUnhandledExceptionFilter(on_unhandled);
}

/* ---- the big program stack ----------------------------------------------------------------------------------- */

typedef struct ThreadStart {
    void (*body)(void);
} ThreadStart;

static DWORD WINAPI thread_main(LPVOID arg) {
    ULONG guarantee = SOX_OVERFLOW_GUARANTEE;
    SetThreadStackGuarantee(&guarantee);
    ULONG_PTR lo = 0, hi = 0;
    GetCurrentThreadStackLimits(&lo, &hi); /* [the reservation's low end, the stack base) */
    guardLow = (uintptr_t)lo;
    sox_stack_bottom = (uintptr_t)lo;
    sox_stack_top = (uintptr_t)hi;
    sox_stack_limit = (uintptr_t)lo + SOX_STACK_GUARD + SOX_STACK_MARGIN;
    guardHigh = sox_stack_limit; /* a fault anywhere below the limit came from running out of stack */
    ((ThreadStart*)arg)->body();
    return 0;
}

void sox_platform_run_on_big_stack(void (*body)(void), size_t size, SoxFaultHandler onFault) {
    faultHandler = onFault;
    install_fault_handlers();
    ThreadStart start = {body};
    /* The size is a reservation: pages are committed as the stack grows into them (the guard-page mechanism). */
    HANDLE thread = CreateThread(NULL, size, thread_main, &start, STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
    if (thread == NULL) {
        fprintf(stderr, "Cannot start the program thread: error %lu\n", (unsigned long)GetLastError());
        sox_platform_exit(70);
    }
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
}

/* The calling thread's stack [lo, hi): for a shared library the first export runs on the host's thread. */
void sox_platform_thread_stack(uintptr_t* lo, uintptr_t* hi) {
    ULONG_PTR low = 0, high = 0;
    GetCurrentThreadStackLimits(&low, &high);
    *lo = (uintptr_t)low;
    *hi = (uintptr_t)high;
}

/* Library mode: Win64 frame pointers do not lead to the caller's frame record, so the Sox part of the host's
 * stack is bounded by the thread's stack base; the host's frames are in no code table, and the conservative scan
 * of a few more frames only keeps objects alive longer. */
uintptr_t sox_platform_export_top(uintptr_t exportFrame, uintptr_t hi) {
    (void)exportFrame;
    return hi;
}

/* ---- time ---------------------------------------------------------------------------------------------------- */

double sox_platform_clock(void) {
    static LARGE_INTEGER frequency;
    if (frequency.QuadPart == 0) QueryPerformanceFrequency(&frequency);
    LARGE_INTEGER now;
    QueryPerformanceCounter(&now);
    /* whole seconds and the remainder apart, so a large counter keeps its sub-microsecond digits */
    long long q = now.QuadPart / frequency.QuadPart, r = now.QuadPart % frequency.QuadPart;
    return (double)q + (double)r / (double)frequency.QuadPart;
}

void sox_platform_sleep(double seconds) {
    if (!(seconds > 0)) return;
    /* Sleep takes milliseconds: a waitable timer takes 100 ns units, so usleep(100) is not a whole 1 ms. */
    HANDLE timer = CreateWaitableTimerW(NULL, TRUE, NULL);
    if (timer != NULL) {
        LARGE_INTEGER due;
        double ticks = seconds * 1e7;
        due.QuadPart = -(ticks >= 9.2e18 ? (LONGLONG)9.2e18 : ticks < 1 ? 1 : (LONGLONG)ticks); /* relative */
        if (SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE)) {
            WaitForSingleObject(timer, INFINITE);
            CloseHandle(timer);
            return;
        }
        CloseHandle(timer);
    }
    double ms = seconds * 1e3;
    Sleep(ms >= 4294967294.0 ? 4294967294u : (DWORD)(ms + 0.5));
}

const char* sox_platform_name(void) { return "windows"; }

/* ---- memory ---------------------------------------------------------------------------------------------------- */

/* VirtualAlloc's reservations are 64 KiB-aligned (the allocation granularity), which is the alignment the heap's
 * blocks need; the pages come zeroed. */
void* sox_platform_alloc_pages(size_t size) { return VirtualAlloc(NULL, size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE); }

void sox_platform_free_pages(void* p, size_t size) {
    (void)size;
    VirtualFree(p, 0, MEM_RELEASE);
}

uint64_t sox_platform_peak_rss_kib(void) {
    PROCESS_MEMORY_COUNTERS counters;
    memset(&counters, 0, sizeof counters);
    counters.cb = sizeof counters;
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof counters)) return 0;
    return (uint64_t)counters.PeakWorkingSetSize / 1024;
}

/* ---- environment, output, exit --------------------------------------------------------------------------------- */

const char* sox_platform_getenv(const char* name) { return getenv(name); }

_Noreturn void sox_platform_exit(int code) { exit(code); }

/* From a fault handler on any thread: no atexit work; every thread ends with the process. */
_Noreturn void sox_platform_exit_now(int code) {
    TerminateProcess(GetCurrentProcess(), (UINT)code);
    _Exit(code);
}

bool sox_platform_stdout_is_terminal(void) { return _isatty(_fileno(stdout)) != 0; }

void sox_platform_init_console(void) {
    /* "\n" stays "\n": output is byte-identical to Linux (runtime-abi.md "Windows"). */
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    if (_isatty(_fileno(stdout)) || _isatty(_fileno(stderr))) SetConsoleOutputCP(CP_UTF8);
}

uint64_t sox_platform_entropy(void) {
    LARGE_INTEGER now;
    QueryPerformanceCounter(&now);
    return (uint64_t)now.QuadPart ^ ((uint64_t)GetCurrentProcessId() << 32) ^ (uint64_t)GetTickCount64();
}

#else
typedef int SoxPlatformWin32Unused; /* ISO C wants a declaration in every file */
#endif /* _WIN32 */
