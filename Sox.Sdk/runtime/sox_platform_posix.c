/* sox_platform_posix.c — the platform layer on POSIX systems, Linux (x86-64, arm64) and macOS: every OS call the
 * runtime makes — the big program stack and its guard, fault signals, the calling thread's stack bounds, clocks,
 * sleeping, page memory, resource usage, the environment, terminal detection, process exit, the stack walk.
 * sox_platform_win32.c sits beside it (each compiles to nothing on the other's systems); nothing else in the runtime includes a header
 * beyond C11's. It calls nothing above the platform layer: fault reports go to the handler its caller passes. */
#if !defined(_WIN32)
#if defined(__linux__)
#define _GNU_SOURCE
#endif
#if defined(__APPLE__)
#define _DARWIN_C_SOURCE
#endif

#include "sox_internal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#if defined(__APPLE__)
/* macOS's <ucontext.h> is an #error unless _XOPEN_SOURCE is defined (it only declares the deprecated
 * getcontext family); ucontext_t and mcontext_t, all fault_registers reads, come from <sys/ucontext.h>. */
#include <sys/ucontext.h>
#else
#include <ucontext.h>
#endif

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif
#ifndef MAP_STACK
#define MAP_STACK 0
#endif
#ifndef MAP_ANONYMOUS
#define MAP_ANONYMOUS MAP_ANON
#endif

/* Runtime C code (printing a trace, formatting, the collector's own frames) runs below the Sox prologue check;
 * this margin is what it may use before the guard page. */
#define SOX_STACK_GUARD ((size_t)64 << 10)
#define SOX_STACK_MARGIN ((size_t)1 << 20)
#define SOX_ALT_STACK ((size_t)256 << 10)

static uintptr_t guardLow, guardHigh;
static SoxFaultHandler faultHandler;

/* The faulting frame's frame pointer and program counter, from the signal context. */
static void fault_registers(void* context, uintptr_t* fp, uintptr_t* pc) {
    ucontext_t* uc = context;
#if defined(__linux__) && defined(__x86_64__)
    *fp = (uintptr_t)uc->uc_mcontext.gregs[REG_RBP];
    *pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__linux__) && defined(__aarch64__)
    *fp = (uintptr_t)uc->uc_mcontext.regs[29];
    *pc = (uintptr_t)uc->uc_mcontext.pc;
#elif defined(__APPLE__) && defined(__x86_64__)
    *fp = (uintptr_t)uc->uc_mcontext->__ss.__rbp;
    *pc = (uintptr_t)uc->uc_mcontext->__ss.__rip;
#elif defined(__APPLE__) && defined(__aarch64__)
    *fp = (uintptr_t)uc->uc_mcontext->__ss.__fp;
    *pc = (uintptr_t)uc->uc_mcontext->__ss.__pc;
#else
    (void)uc;
    *fp = 0;
    *pc = 0;
#endif
}

/* §10: a compiled program never dies by a signal. A fault that hits the stack's guard zone is a stack overflow
 * (runtime C code recursing past the margin); anything else is reported as an invalid memory access. */
static void on_fault(int sig, siginfo_t* info, void* context) {
    uintptr_t addr = (uintptr_t)info->si_addr;
    const char* message = "Invalid memory access.";
    if (sig == SIGFPE) message = "Arithmetic fault.";
    else if (sig == SIGILL) message = "Illegal instruction.";
    else if (sox_stack_top != 0 && addr >= guardLow && addr < guardHigh) message = "Stack overflow.";
    uintptr_t fp, pc;
    fault_registers(context, &fp, &pc);
    faultHandler(message, fp, pc);
}

static void install_fault_handlers(void) {
    stack_t ss;
    ss.ss_sp = malloc(SOX_ALT_STACK);
    ss.ss_size = SOX_ALT_STACK;
    ss.ss_flags = 0;
    if (ss.ss_sp == NULL || sigaltstack(&ss, NULL) != 0) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    signal(SIGPIPE, SIG_IGN); /* a closed stdout makes writes fail instead of killing the program */
}

typedef struct ThreadStart {
    void (*body)(void);
} ThreadStart;

static void* thread_main(void* arg) {
    install_fault_handlers();
    ((ThreadStart*)arg)->body();
    return NULL;
}

void sox_platform_run_on_big_stack(void (*body)(void), size_t size, SoxFaultHandler onFault) {
    faultHandler = onFault;
    install_fault_handlers();
    /* Reserve the whole stack now; the OS commits pages only as they are touched (MAP_NORESERVE). */
    void* base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                      -1, 0);
    if (base == MAP_FAILED) {
        fprintf(stderr, "Cannot reserve the program stack: %s\n", strerror(errno));
        sox_platform_exit(70);
    }
    mprotect(base, SOX_STACK_GUARD, PROT_NONE);
    guardLow = (uintptr_t)base;
    guardHigh = (uintptr_t)base + SOX_STACK_GUARD;
    sox_stack_bottom = (uintptr_t)base;
    sox_stack_top = (uintptr_t)base + size;
    sox_stack_limit = (uintptr_t)base + SOX_STACK_GUARD + SOX_STACK_MARGIN;
    guardHigh = sox_stack_limit; /* a fault anywhere below the limit came from running out of stack */
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    ThreadStart start = {body};
    pthread_t thread;
    int rc = pthread_attr_setstack(&attr, base, size);
    if (rc == 0) rc = pthread_create(&thread, &attr, thread_main, &start);
    if (rc != 0) {
        fprintf(stderr, "Cannot start the program thread: %s\n", strerror(rc));
        sox_platform_exit(70);
    }
    pthread_join(thread, NULL);
    pthread_attr_destroy(&attr);
}

double sox_platform_clock(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void sox_platform_sleep(double seconds) {
    if (!(seconds > 0)) return;
    struct timespec ts;
    ts.tv_sec = (time_t)seconds;
    ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

const char* sox_platform_name(void) {
#if defined(__APPLE__)
    return "darwin";
#elif defined(_WIN32)
    return "windows";
#else
    return "linux";
#endif
}

/* Heap blocks come straight from mmap, over-mapped by the alignment and trimmed: posix_memalign(64 KiB) from
 * the C heap wasted up to a block per block in padding and kept freed blocks in malloc's arenas, which made
 * allocation-heavy programs fault in fresh memory over and over. munmap really gives a block back. */
void* sox_platform_alloc_pages(size_t size) {
    const size_t align = (size_t)1 << 16;
    char* raw = mmap(NULL, size + align, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return NULL;
    char* start = (char*)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
    size_t head = (size_t)(start - raw), tail = align - head;
    if (head) munmap(raw, head);
    if (tail) munmap(start + size, tail);
    return start;
}

void sox_platform_free_pages(void* p, size_t size) { munmap(p, size); }

uint64_t sox_platform_peak_rss_kib(void) {
#if defined(__linux__)
    /* VmHWM belongs to this address space. getrusage's ru_maxrss survives execve, so a program started by a
     * large parent (a .NET test host) would report the parent's peak from before the exec. */
    FILE* status = fopen("/proc/self/status", "r");
    if (status) {
        char line[256];
        unsigned long long kib = 0;
        while (fgets(line, sizeof line, status)) {
            if (sscanf(line, "VmHWM: %llu kB", &kib) == 1) break;
        }
        fclose(status);
        if (kib > 0) return (uint64_t)kib;
    }
#endif
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0) return 0;
#if defined(__APPLE__)
    return (uint64_t)ru.ru_maxrss / 1024; /* bytes on macOS */
#else
    return (uint64_t)ru.ru_maxrss; /* KiB on Linux */
#endif
}

/* The calling thread's stack [lo, hi): for a shared library the first export runs on the host's thread, whose
 * stack bounds the conservative scan and the prologue's overflow check (sox_export.c). */
void sox_platform_thread_stack(uintptr_t* lo, uintptr_t* hi) {
#if defined(__APPLE__)
    uintptr_t top = (uintptr_t)pthread_get_stackaddr_np(pthread_self());
    *hi = top;
    *lo = top - (uintptr_t)pthread_get_stacksize_np(pthread_self());
#else
    pthread_attr_t attr;
    void* addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
    }
    *lo = (uintptr_t)addr;
    *hi = (uintptr_t)addr + size;
#endif
}

/* The frame-pointer chain from fp: each frame record is {caller's fp, return address} (x64 [rbp], [rbp+8];
 * arm64 [x29], [x29+8]); the walk stays inside the Sox thread's stack and only ever moves towards its top. */
void sox_platform_walk_stack(uintptr_t fp, SoxReturnVisitor visit, void* state) {
    uintptr_t lo = sox_stack_bottom, hi = sox_stack_top;
    if (hi == 0) return;
    for (int guard = 0; guard < 100000000; guard++) {
        if (fp < lo || fp + 2 * sizeof(uintptr_t) > hi || (fp & (sizeof(uintptr_t) - 1))) return;
        const uintptr_t* record = (const uintptr_t*)fp;
        if (!visit(state, record[1])) return;
        uintptr_t next = record[0];
        if (next <= fp) return; /* the chain only grows towards the stack top */
        fp = next;
    }
}

/* Library mode: ownFrame is sox_export_enter's frame record, whose first word is the export entry's frame. */
uintptr_t sox_platform_export_top(uintptr_t ownFrame, uintptr_t hi) {
    (void)hi;
    return *(const uintptr_t*)ownFrame + 2 * sizeof(uintptr_t);
}

void sox_platform_init_console(void) {}

const char* sox_platform_getenv(const char* name) { return getenv(name); }

_Noreturn void sox_platform_exit(int code) { exit(code); }

_Noreturn void sox_platform_exit_now(int code) { _Exit(code); }

bool sox_platform_stdout_is_terminal(void) { return isatty(1) != 0; }

uint64_t sox_platform_entropy(void) { return (uint64_t)time(NULL) ^ (uint64_t)(sox_platform_clock() * 1e9); }

#else
typedef int SoxPlatformPosixUnused; /* ISO C wants a declaration in every file */
#endif /* !_WIN32 */
