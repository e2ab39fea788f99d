/* sox_error.c — runtime errors and stack traces (§10; runtime-abi.md "Frames, traces and stack overflow").
 * A trace walks the stack from the error site (the platform layer's sox_platform_walk_stack: the frame-pointer
 * chain on POSIX, the OS's unwinder on Windows). Return addresses inside registered code tables are Sox frames;
 * the runtime's own frames are in no table and so are skipped. The walk stays inside the Sox thread's stack. */
#include "sox_internal.h"

#include <stdlib.h>
#include <string.h>

SoxErrorHook sox_error_hook;

static SoxCodeTable* codeTables;

void sox_register_code(SoxCodeTable* table) {
    for (SoxCodeTable* t = codeTables; t; t = t->next)
        if (t == table) return;
    table->next = codeTables;
    codeTables = table;
}

bool sox_code_lookup(const void* returnAddress, uint32_t* line, const char** name, const char** file) {
    /* Strip a pointer-authentication signature or tag in the top bits (arm64); user addresses use 48 bits. */
    uintptr_t ra = (uintptr_t)returnAddress & (((uintptr_t)1 << 48) - 1);
    for (const SoxCodeTable* t = codeTables; t; t = t->next) {
        for (uint32_t i = 0; i < t->count; i++) {
            const SoxFunctionLines* f = &t->functions[i];
            uintptr_t start = (uintptr_t)f->start;
            if (!(start < ra && ra <= start + f->size)) continue;
            /* ra - 1 lies inside the call instruction, so the line is that of the call. */
            uint32_t offset = (uint32_t)(ra - 1 - start);
            uint32_t found = f->lineCount ? f->lines[0].line : 0;
            for (uint32_t k = 0; k < f->lineCount && f->lines[k].offset <= offset; k++) found = f->lines[k].line;
            if (line) *line = found;
            if (name) *name = f->name;
            if (file) *file = t->file;
            return true;
        }
    }
    return false;
}

typedef bool (*FrameVisitor)(void* state, uint32_t line, const char* name, const char* file);

typedef struct SoxFrameFilter {
    FrameVisitor visit;
    void* state;
} SoxFrameFilter;

/* Return addresses inside registered code tables are Sox frames; every other frame is skipped. */
static bool visit_return_address(void* state, uintptr_t returnAddress) {
    SoxFrameFilter* f = state;
    uint32_t line;
    const char* name;
    const char* file;
    return !sox_code_lookup((const void*)returnAddress, &line, &name, &file) || f->visit(f->state, line, name, file);
}

/* The frames from fp outwards; the platform layer walks the stack (a frame-pointer chain, or the OS's unwinder
 * where frame pointers do not chain, as on Windows x64). */
static void walk_frames(uintptr_t fp, FrameVisitor visit, void* state) {
    SoxFrameFilter filter = {visit, state};
    sox_platform_walk_stack(fp, visit_return_address, &filter);
}

/* A stack overflow can leave millions of frames; like CPython's "[Previous line repeated]" the trace keeps the
 * innermost SOX_TRACE_HEAD and the outermost SOX_TRACE_TAIL frames and counts the rest in one line. */
#define SOX_TRACE_HEAD 32
#define SOX_TRACE_TAIL 8

typedef struct TracePrinter {
    FILE* to;
    uint64_t index;
    uint64_t total;
} TracePrinter;

static bool count_frame(void* state, uint32_t line, const char* name, const char* file) {
    (void)line, (void)name, (void)file;
    ((TracePrinter*)state)->total++;
    return true;
}

static bool print_frame(void* state, uint32_t line, const char* name, const char* file) {
    (void)file;
    TracePrinter* p = state;
    uint64_t i = p->index++;
    if (p->total > SOX_TRACE_HEAD + SOX_TRACE_TAIL && i >= SOX_TRACE_HEAD && i < p->total - SOX_TRACE_TAIL) {
        if (i == SOX_TRACE_HEAD)
            fprintf(p->to, "[... %llu more frames ...]\n",
                    (unsigned long long)(p->total - SOX_TRACE_HEAD - SOX_TRACE_TAIL));
        return true;
    }
    if (name) fprintf(p->to, "[line %u] in %s()\n", line, name);
    else fprintf(p->to, "[line %u] in script\n", line);
    return true;
}

void sox_print_trace(FILE* to, uintptr_t fp) {
    TracePrinter p = {to, 0, 0};
    walk_frames(fp, count_frame, &p);
    walk_frames(fp, print_frame, &p);
}

typedef struct FirstFrame {
    bool found;
    uint32_t line;
    const char* file;
} FirstFrame;

static bool take_first(void* state, uint32_t line, const char* name, const char* file) {
    (void)name;
    FirstFrame* f = state;
    f->found = true;
    f->line = line;
    f->file = file;
    return false;
}

bool sox_current_sox_frame(uint32_t* line, const char** file) {
    FirstFrame f = {false, 0, NULL};
    walk_frames((uintptr_t)__builtin_frame_address(0), take_first, &f);
    *line = f.line;
    *file = f.file;
    return f.found;
}

static _Noreturn void report(const char* message, uintptr_t fp, uintptr_t pc) {
    if (sox_error_hook) {
        FirstFrame f = {false, 0, NULL};
        walk_frames(fp, take_first, &f);
        sox_error_hook(message, f.line, f.file); /* does not return: back to the test runner */
    }
    sox_flush(); /* §10 ordering: everything printed before the error appears first */
    fputs(message, stderr);
    fputc('\n', stderr);
    uint32_t line;
    const char* name;
    /* a fault inside a Sox function: its own line comes from the pc (pc + 1 so it maps like a return address) */
    if (pc && sox_code_lookup((const void*)(pc + 1), &line, &name, NULL)) {
        if (name) fprintf(stderr, "[line %u] in %s()\n", line, name);
        else fprintf(stderr, "[line %u] in script\n", line);
    }
    sox_print_trace(stderr, fp);
    fflush(stderr);
    if (pc) sox_platform_exit_now(70); /* from a signal handler: no atexit work in a possibly broken process */
    sox_platform_exit(70);
}

_Noreturn void sox_fatal_from_frame(const char* message, uintptr_t fp, uintptr_t pc) {
    sox_error_hook = NULL;
    report(message, fp, pc);
}

_Noreturn void sox_runtime_error(const char* format, ...) {
    char small[256];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(small, sizeof small, format, args);
    va_end(args);
    const char* message = small;
    char* big = NULL;
    if (n >= (int)sizeof small) {
        big = malloc((size_t)n + 1);
        if (big) {
            va_start(args, format);
            vsnprintf(big, (size_t)n + 1, format, args);
            va_end(args);
            message = big;
        }
    }
    report(message, (uintptr_t)__builtin_frame_address(0), 0);
}

_Noreturn void sox_undefined_variable(SoxValue name) {
    SoxString* s = SOX_AS_STRING(name);
    sox_runtime_error("Undefined variable '%.*s'.", (int)s->length, s->chars);
}

_Noreturn void sox_stack_overflow(void) { sox_runtime_error("Stack overflow."); }
