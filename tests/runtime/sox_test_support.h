/* sox_test_support.h — lets a C program play the compiler's part against the runtime (docs/runtime-abi.md):
 * Sox functions with the ABI signature, their SoxFunction descriptors and invoke thunks, static strings, line
 * tables, the prologue's stack check.
 *
 * Sox functions live in their own section (.text.sox_code) in source order (the programs are built with
 * -fno-toplevel-reorder -fno-reorder-blocks-and-partition), so each one's size is the distance to the next;
 * SOX_CODE_END() marks the end. Thunks and helpers stay in .text and therefore, like the runtime's frames and
 * the compiler's thunks, are in no line table. Every function below gets one line number, given at its
 * definition. Header comments of a program tell the runner: `// exit: N`, `// env: K=V`, `// args: a b`,
 * `// stdout: regex` (each .out line is a regular expression). */
#ifndef SOX_TEST_SUPPORT_H
#define SOX_TEST_SUPPORT_H

#include "sox_runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SOX_CODE __attribute__((section(".text.sox_code"), noinline, used))

#define PROLOGUE()                                                                                             \
    do {                                                                                                       \
        if ((uintptr_t)__builtin_frame_address(0) < sox_stack_limit) sox_stack_overflow();                    \
    } while (0)

/* ---- values ---- */
#define NUM(d) sox_number(d)
#define AS_NUM(v) sox_as_number(v)
#define NIL SOX_NIL
#define TRUE_ SOX_TRUE
#define FALSE_ SOX_FALSE

/* A heap string from a C literal. */
static inline SoxValue S(const char* s) { return sox_string_new(s, strlen(s)); }

/* Static strings as the compiler emits them (SOX_OBJ_STATIC, in writable data); the hash is filled in by
 * STATIC_STRING_INIT with this file's own FNV-1a so the runtime's hash function is checked, not trusted. */
#define STATIC_STRING(var, text)                                                                               \
    static struct {                                                                                            \
        SoxObj obj;                                                                                            \
        uint32_t length;                                                                                       \
        uint32_t hash;                                                                                         \
        char chars[sizeof(text)];                                                                              \
    } __attribute__((aligned(8))) var = {{SOX_OBJ_STRING, SOX_OBJ_STATIC, 0, 0}, sizeof(text) - 1, 0, text}

static inline uint32_t test_fnv1a(const char* s, uint32_t n) {
    uint32_t h = 0x811c9dc5u;
    for (uint32_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 0x01000193u;
    return h;
}
#define STATIC_STRING_INIT(var) ((var).hash = test_fnv1a((var).chars, (var).length))
#define SVAL(var) SOX_OBJ_VAL(&(var))

/* ---- functions: descriptor + invoke thunk for native arities 0..4, 9, 10 and 12 ---- */
#define A(i) , SoxValue a##i
#define ARGS0 SoxClosure* self
#define ARGS1 ARGS0 A(0)
#define ARGS2 ARGS1 A(1)
#define ARGS3 ARGS2 A(2)
#define ARGS4 ARGS3 A(3)
#define ARGS9 ARGS4 A(4) A(5) A(6) A(7) A(8)
#define ARGS10 ARGS9 A(9)
#define ARGS12 ARGS10 A(10) A(11)
#define PASS0 self
#define PASS1 PASS0, a[0]
#define PASS2 PASS1, a[1]
#define PASS3 PASS2, a[2]
#define PASS4 PASS3, a[3]
#define PASS9 PASS4, a[4], a[5], a[6], a[7], a[8]
#define PASS10 PASS9, a[9]
#define PASS12 PASS10, a[10], a[11]

/* DECLARE_FN(name, N, arity, captures, "name" or NULL, kind): N is the native parameter count (arity, plus 1
 * for methods, whose first parameter is `this`). Then define `SOX_CODE static SoxValue name(ARGS##N) {...}`. */
#define DECLARE_FN(fname, N, arity, captures, display, kind)                                                   \
    static SoxValue fname(ARGS##N);                                                                            \
    static SoxValue fname##_invoke(SoxClosure* self, const SoxValue* a) {                                      \
        (void)a;                                                                                               \
        return fname(PASS##N);                                                                                 \
    }                                                                                                          \
    static const SoxFunction fname##_fn = {(void*)fname, fname##_invoke, arity, captures, display, kind, 0}

#define CLOSURE(fname) sox_closure_new(&fname##_fn)

/* ---- line tables ---- */
typedef struct TestLine {
    const void* start;
    const char* name;
    uint32_t line;
} TestLine;

static int test_line_compare(const void* x, const void* y) {
    const TestLine* a = x;
    const TestLine* b = y;
    return (uintptr_t)a->start < (uintptr_t)b->start ? -1 : (uintptr_t)a->start > (uintptr_t)b->start;
}

/* Registers one SoxCodeTable for the program: sizes are the gaps between consecutive functions of the
 * .text.sox_code section, the last one ending at `end`. */
static inline void register_lines(TestLine* lines, uint32_t count, const void* end, const char* file) {
    static SoxFunctionLines functions[64];
    static SoxLineEntry entries[64];
    static SoxCodeTable table;
    qsort(lines, count, sizeof(TestLine), test_line_compare);
    for (uint32_t i = 0; i < count; i++) {
        uintptr_t next = i + 1 < count ? (uintptr_t)lines[i + 1].start : (uintptr_t)end;
        entries[i].offset = 0;
        entries[i].line = lines[i].line;
        functions[i].start = lines[i].start;
        functions[i].size = (uint32_t)(next - (uintptr_t)lines[i].start);
        functions[i].lineCount = 1;
        functions[i].name = lines[i].name;
        functions[i].lines = &entries[i];
    }
    table.count = count;
    table.functions = functions;
    table.file = file;
    sox_register_code(&table);
}

#define SOX_CODE_END()                                                                                         \
    SOX_CODE void sox_code_end(void) { __asm__ volatile(""); }

/* A check that prints its verdict (the .out file holds the expected verdicts). */
#define CHECK(cond)                                                                                            \
    do {                                                                                                       \
        if (!(cond)) printf("CHECK FAILED line %d: %s\n", __LINE__, #cond);                                    \
    } while (0)

/* Prints the print form of v without a newline, via str(). */
static inline void show(SoxValue v) {
    SoxValue s = sox_to_string(v);
    fwrite(((SoxString*)SOX_AS_OBJ(s))->chars, 1, ((SoxString*)SOX_AS_OBJ(s))->length, stdout);
}

/* Calls a built-in by name through sox_call, as generated code does with its value. */
#define BUILTIN(name) SOX_OBJ_VAL(&sox_builtin_##name)
static inline SoxValue call0(SoxValue f) { return sox_call(f, 0, NULL); }
static inline SoxValue call1(SoxValue f, SoxValue x) { return sox_call(f, 1, &x); }
static inline SoxValue call2(SoxValue f, SoxValue x, SoxValue y) {
    SoxValue a[2] = {x, y};
    return sox_call(f, 2, a);
}
static inline SoxValue call3(SoxValue f, SoxValue x, SoxValue y, SoxValue z) {
    SoxValue a[3] = {x, y, z};
    return sox_call(f, 3, a);
}

#endif
