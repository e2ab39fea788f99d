/* sox_internal.h — declarations shared between the runtime's files; not part of the ABI. */
#ifndef SOX_INTERNAL_H
#define SOX_INTERNAL_H

#include "sox_runtime.h"
#include <stdarg.h>
#include <stdio.h>

#define SOX_OBJ_TYPE(v) (SOX_AS_OBJ(v)->type)
#define SOX_IS_TYPE(v, t) (SOX_IS_OBJ(v) && SOX_AS_OBJ(v)->type == (t))
#define SOX_IS_STRING(v) SOX_IS_TYPE(v, SOX_OBJ_STRING)
#define SOX_IS_ARRAY(v) SOX_IS_TYPE(v, SOX_OBJ_ARRAY)
#define SOX_IS_TABLE(v) SOX_IS_TYPE(v, SOX_OBJ_TABLE)
#define SOX_IS_CLASS(v) SOX_IS_TYPE(v, SOX_OBJ_CLASS)
#define SOX_IS_INSTANCE(v) SOX_IS_TYPE(v, SOX_OBJ_INSTANCE)
#define SOX_IS_CLOSURE(v) SOX_IS_TYPE(v, SOX_OBJ_CLOSURE)
#define SOX_AS_STRING(v) ((SoxString*)SOX_AS_OBJ(v))
#define SOX_AS_ARRAY(v) ((SoxArray*)SOX_AS_OBJ(v))
#define SOX_AS_TABLE(v) ((SoxTable*)SOX_AS_OBJ(v))
#define SOX_AS_CLASS(v) ((SoxClass*)SOX_AS_OBJ(v))
#define SOX_AS_INSTANCE(v) ((SoxInstance*)SOX_AS_OBJ(v))
#define SOX_AS_CLOSURE(v) ((SoxClosure*)SOX_AS_OBJ(v))

#if defined(__GNUC__)
#define SOX_LIKELY(x) __builtin_expect(!!(x), 1)
#define SOX_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define SOX_NOINLINE __attribute__((noinline))
#else
#define SOX_LIKELY(x) (x)
#define SOX_UNLIKELY(x) (x)
#define SOX_NOINLINE
#endif

/* ---- gc (sox_gc.c) ---- */
void sox_gc_init(void);
/** Allocates a zeroed object of `size` bytes with its header's type set; may collect first. */
void* sox_gc_alloc(size_t size, SoxObjType type);
/** Tells the collector that o now owns a side buffer, so sweeping must finalize it (instances with an overflow
 *  array; arrays, tables and classes are known from their type). */
void sox_gc_needs_finalize(SoxObj* o);
/** Accounts bytes of malloc'd side buffers (arrays, tables) so they count towards the next collection. */
void sox_gc_account(ptrdiff_t delta);
/** Raw stack bounds of the Sox thread for conservative scanning and frame walks. */
extern uintptr_t sox_stack_top;
extern uintptr_t sox_stack_bottom;

/* ---- memory helpers that fail with a message instead of returning NULL ---- */
void* sox_xmalloc(size_t size);
void* sox_xrealloc(void* p, size_t size);

/* ---- strings (sox_string.c) ---- */
SoxString* sox_string_alloc(uint32_t length); /* chars uninitialised except the NUL; hash set by sox_string_seal */
void sox_string_seal(SoxString* s);
bool sox_strings_equal(const SoxString* a, const SoxString* b);
SoxValue sox_string_concat(SoxValue a, SoxValue b);
SoxValue sox_string_char_at(SoxString* s, uint32_t i);
SoxValue sox_string_range(SoxString* s, uint32_t start, uint32_t end); /* [start, end) */

/* ---- growable byte buffer (sox_print.c) ---- */
typedef struct SoxBuffer {
    char* data;
    size_t length;
    size_t capacity;
    char inline_space[256];
} SoxBuffer;
void sox_buffer_init(SoxBuffer* b);
void sox_buffer_free(SoxBuffer* b);
void sox_buffer_append(SoxBuffer* b, const char* bytes, size_t n);
/** Appends the print form of v (§2). */
void sox_buffer_append_value(SoxBuffer* b, SoxValue v);
/** Writes the shortest print form of a number (§2) into out (at least 32 bytes); returns its length. */
size_t sox_format_number(double d, char* out);
SoxValue sox_buffer_to_string(SoxBuffer* b);
/** The shortest decimal digits that read back as v (finite, > 0), the closest to v among them (ties: even):
 *  writes them to digits (at most 17, no trailing zeros) and returns how many; v ~ 0.d1d2...dk * 10^point. */
int sox_shortest_digits(double v, char* digits, int* point);
void sox_print_reset(void);
/** Writes bytes to the buffered stdout. */
void sox_out_write(const char* bytes, size_t n);

/* ---- tables (sox_table.c) ---- */
void sox_tabledata_init(SoxTableData* t);
void sox_tabledata_free(SoxTableData* t);
/** Returns the entry for key or NULL. */
SoxTableEntry* sox_tabledata_find(const SoxTableData* t, const SoxString* key);
void sox_tabledata_set(SoxTableData* t, SoxString* key, SoxValue value);
void sox_tabledata_copy(SoxTableData* to, const SoxTableData* from);

/* ---- instances and shapes (sox_shape.c) ---- */
/** A new instance of klass with no fields, with inline room for the fields its class's instances usually get. */
SoxInstance* sox_instance_new(SoxClass* klass);
/** The slot number of field `name` in `shape`, or -1. */
int32_t sox_shape_find(SoxShape* shape, const SoxString* name);
/** The shape with `name` added after shape's fields (created on first use). */
SoxShape* sox_shape_add(SoxShape* shape, SoxString* name);
/** Where field number `slot` of `in` lives (inline or in the overflow array). */
SoxValue* sox_instance_slot(SoxInstance* in, uint32_t slot);
/** Adds a field that `in` does not have yet; returns its slot. */
uint32_t sox_instance_add_field(SoxInstance* in, SoxString* name, SoxValue value);
/** Records how many fields an instance has when its class's init has returned (learns the inline room). */
void sox_instance_initialized(SoxInstance* in);
/** Frees an instance's side buffer (sweep). */
void sox_instance_free(SoxInstance* in);
/** Frees every shape of a class (sweep). */
void sox_shapes_free(SoxClass* klass);
/** Calls mark on the field name of every shape in the list and below it (tracing a class). */
void sox_shapes_mark_names(SoxShape* shapes, void (*mark)(SoxObj*));

/* ---- arrays (sox_array.c) ---- */
SoxArray* sox_array_alloc(uint32_t capacity);
void sox_array_append(SoxArray* a, SoxValue v);

/* ---- objects & calls (sox_object.c) ---- */
const char* sox_type_name(SoxValue v);
SoxValue sox_call_closure(SoxClosure* c, uint32_t argc, const SoxValue* args);
/** Calls a method closure with `receiver` prepended to args (arity checked against argc). */
SoxValue sox_call_method(SoxClosure* method, SoxValue receiver, uint32_t argc, const SoxValue* args);

/* ---- errors (sox_error.c) ---- */
/** A failure handler for `sox test`: when set, runtime errors record and longjmp instead of exiting. */
typedef void (*SoxErrorHook)(const char* message, uint32_t line, const char* file);
extern SoxErrorHook sox_error_hook;
/** The innermost Sox frame's line/file (the site of the current call into the runtime); false if none. */
bool sox_current_sox_frame(uint32_t* line, const char** file);
void sox_print_trace(FILE* to, uintptr_t fp);
/** Prints message + trace (the faulting pc's function first, then the chain from fp) and exits 70; for the
 *  fault handler. */
_Noreturn void sox_fatal_from_frame(const char* message, uintptr_t fp, uintptr_t pc);

/* ---- platform (sox_platform.c): everything OS-specific ---- */
/** Runs body on a new thread whose stack is `size` bytes, reserved lazily; returns after it finishes. */
void sox_platform_run_on_big_stack(void (*body)(void), size_t size);
double sox_platform_clock(void);
void sox_platform_sleep(double seconds);
const char* sox_platform_name(void);
void* sox_platform_alloc_pages(size_t size);  /* 64 KiB-aligned, zeroed */
void sox_platform_free_pages(void* p, size_t size);
uint64_t sox_platform_peak_rss_kib(void);
/** The calling thread's stack bounds [lo, hi). */
void sox_platform_thread_stack(uintptr_t* lo, uintptr_t* hi);

/* ---- runtime start (sox_main.c) ---- */
extern bool sox_runtime_initialized;
void sox_runtime_init(void); /* idempotent: heap, roots, natives */

/* ---- the dynamic C call (sox_ffi.c, sox_ffi_invoke.c) ---- */
typedef struct SoxCallFrame {
    uint64_t gpr[8];     /* +0   integer argument registers (RDI… / X0…) */
    uint64_t fpr[8];     /* +64  vector argument registers (XMM0… / V0…) */
    uint64_t* stack;     /* +128 the outgoing stack image */
    uint64_t stackWords; /* +136 */
    uint64_t floatCount; /* +144 vector registers used (AL on x86-64) */
    uint64_t fret;       /* +152 XMM0 / D0 after the call */
} SoxCallFrame;
uint64_t sox_ffi_invoke(void* fn, SoxCallFrame* frame);

/* ---- main (sox_main.c) ---- */
extern int sox_exit_code;
extern int sox_argc;
extern char** sox_argv;
_Noreturn void sox_exit_program(int code); /* runs sysOnExit handlers, flushes, exits */
void sox_onexit_register(SoxValue fn);
/** A fresh array of the program's arguments as strings (sysArgs, main's argv). */
SoxValue sox_args_value(void);
/** Runtime-owned GC roots: slots the runtime itself keeps values in. */
enum { SOX_ROOT_ONEXIT, SOX_ROOT_ARGS, SOX_ROOT_TEST, SOX_ROOT_BENCH, SOX_ROOT_COUNT };
extern SoxValue sox_runtime_roots[SOX_ROOT_COUNT];

/* ---- natives (sox_natives.c) ---- */
void sox_natives_init(void);

/** A new array holding elements [from, from + count) of the array `source` (allocates before reading). */
SoxValue sox_array_copy_range(SoxValue source, uint32_t from, uint32_t count);

#endif
