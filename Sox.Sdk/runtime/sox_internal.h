/* sox_internal.h — declarations shared between the runtime's files; not part of the ABI (that is sox_runtime.h).
 *
 * The runtime is layered; a file calls only into its own layer and the layers below it, never up. One section
 * below per file, in layer order, declares what that file offers the others.
 *
 *   5 program     sox_entry.c (main), sox_main.c (start, exit, arguments), sox_export.c (entry from C),
 *                 sox_natives.c (§8 built-ins), sox_test.c (sox test / bench), sox_ffi.c, sox_ffi_invoke.c (§9),
 *                 sox_debug.c (the layouts, for debugger pretty printers; calls nothing)
 *   4 values      sox_value.c (operators, equality, type names), sox_print.c (print forms, str, print, assert),
 *                 sox_dtoa.c (shortest digits of a double; calls nothing)
 *   3 objects     sox_string.c, sox_table.c, sox_array.c, sox_shape.c (instances and shapes), sox_object.c
 *                 (closures, cells, classes, bound methods, natives; calls and properties), sox_cache.c (inline
 *                 caches). Each registers its object types with the collector; they may call one another.
 *   2 memory      sox_gc.c: allocator, collector, the pool of freed blocks, sox_xmalloc. It knows objects only
 *                 through the per-type table (trace, free, size) that the object files register.
 *   1 errors      sox_error.c: runtime errors, code tables, stack traces.
 *   0 platform    sox_platform.c (shared: the stack bounds, defined once; standard output) and one OS file,
 *                 sox_platform_posix.c (Linux, macOS) or sox_platform_win32.c (Windows x64); each compiles to
 *                 nothing on the other's systems. Every OS call is here: pages, signals or exceptions, stack
 *                 bounds, walking the stack, clocks, sleep, the environment, the terminal, exit. It calls
 *                 nothing above it (fault reports go to the handler that main passes in).
 *
 * The only calls that go up are through function pointers handed down: the collector's type table, the fault
 * handler, sox_error_hook (sox test), natives and closures called by sox_call. RuntimeSourceTests reads the
 * layers from this comment and checks the compiled objects' references against them. */
#ifndef SOX_INTERNAL_H
#define SOX_INTERNAL_H

#include "sox_runtime.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

/* clang defines __GNUC__ for every target but x86_64-pc-windows-msvc, where it still has these builtins and
 * attributes (the MSVC-style Windows toolchain compiles the runtime with clang, never with cl.exe). */
#if defined(__GNUC__) || defined(__clang__)
#define SOX_LIKELY(x) __builtin_expect(!!(x), 1)
#define SOX_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define SOX_NOINLINE __attribute__((noinline))
#else
#define SOX_LIKELY(x) (x)
#define SOX_UNLIKELY(x) (x)
#define SOX_NOINLINE
#endif

/* ==== 0 platform ============================================================================================ */

/* ---- sox_platform.c: the shared part ---- */
/** The Sox thread's stack [sox_stack_bottom, sox_stack_top), scanned by the collector and walked by traces
 *  (sox_stack_limit, the prologues' bound, is in sox_runtime.h). Written only by the platform layer. */
extern uintptr_t sox_stack_top;
extern uintptr_t sox_stack_bottom;
/** Library mode: bounds the Sox part of the host thread's stack above by the outermost export's frame;
 *  exportFrame is sox_export_enter's own frame address (its caller is the export's generated entry). */
void sox_platform_use_host_stack(uintptr_t exportFrame);
/** Buffers stdout: blocks, or lines on a terminal. */
void sox_platform_init_stdout(void);
/** Writes bytes to the buffered stdout (sox_flush, in sox_runtime.h, flushes it). */
void sox_out_write(const char* bytes, size_t n);

/* ---- sox_platform_posix.c, sox_platform_win32.c: the OS ---- */
/** Reports a fault (message, the faulting frame's fp and pc); does not return. */
typedef void (*SoxFaultHandler)(const char* message, uintptr_t fp, uintptr_t pc);
/** Runs body on a new thread whose stack is `size` bytes, reserved lazily, with a guard below it, and sets the
 *  stack bounds; faults on it go to onFault. Returns after body finishes. */
void sox_platform_run_on_big_stack(void (*body)(void), size_t size, SoxFaultHandler onFault);
/** The calling thread's stack bounds [lo, hi). */
void sox_platform_thread_stack(uintptr_t* lo, uintptr_t* hi);
double sox_platform_clock(void);
void sox_platform_sleep(double seconds);
const char* sox_platform_name(void);
void* sox_platform_alloc_pages(size_t size); /* 64 KiB-aligned, zeroed; NULL when out of memory */
void sox_platform_free_pages(void* p, size_t size);
uint64_t sox_platform_peak_rss_kib(void);
/** An environment variable in UTF-8, or NULL; valid until the same name is asked for again. */
const char* sox_platform_getenv(const char* name);
/** Replaces main's arguments with their UTF-8 form where the OS gives main another encoding (Windows). */
void sox_platform_args(int* argc, char*** argv);
/** Ends the process (C exit: atexit work and stdio flushing) / at once (from a fault handler). */
_Noreturn void sox_platform_exit(int code);
_Noreturn void sox_platform_exit_now(int code);
bool sox_platform_stdout_is_terminal(void);
/** Bits that differ from run to run (the default random seed). */
uint64_t sox_platform_entropy(void);
/** Sets up the standard streams before the first output (Windows: binary mode, the UTF-8 console). */
void sox_platform_init_console(void);
/** The top of the export's frame for library mode, from sox_export_enter's frame (hi: the thread's stack top). */
uintptr_t sox_platform_export_top(uintptr_t ownFrame, uintptr_t hi);
/** Called with each frame's return address, innermost first; returns false to stop the walk. */
typedef bool (*SoxReturnVisitor)(void* state, uintptr_t returnAddress);
/** Walks the Sox thread's stack [sox_stack_bottom, sox_stack_top) outwards from the frame whose frame pointer is
 *  fp (its own return address first). POSIX follows the frame-pointer chain; Windows x64, whose compilers do not
 *  keep rbp at the frame record, unwinds with the images' unwind data from the current point (the frames below
 *  fp are the runtime's, in no code table) or, while a fault is reported, from the faulting context. */
void sox_platform_walk_stack(uintptr_t fp, SoxReturnVisitor visit, void* state);

/* ==== 1 errors ============================================================================================== */

/* ---- sox_error.c ---- */
/** A failure handler for `sox test`: when set, runtime errors record and longjmp instead of exiting. */
typedef void (*SoxErrorHook)(const char* message, uint32_t line, const char* file);
extern SoxErrorHook sox_error_hook;
/** The innermost Sox frame's line/file (the site of the current call into the runtime); false if none. */
bool sox_current_sox_frame(uint32_t* line, const char** file);
void sox_print_trace(FILE* to, uintptr_t fp);
/** Prints message + trace (the faulting pc's function first, then the chain from fp) and exits 70; the fault
 *  handler. */
_Noreturn void sox_fatal_from_frame(const char* message, uintptr_t fp, uintptr_t pc);

/* ==== 2 memory ============================================================================================== */

/* ---- sox_gc.c ---- */
#define SOX_OBJ_TYPE_LIMIT 16 /* above every SoxObjType */
/** What the collector knows of an object type; each object file registers its types at start-up. */
typedef struct SoxTypeInfo {
    const char* name;
    /** Marks every object o references (sox_gc_mark, sox_gc_mark_value); NULL: o references none. */
    void (*trace)(SoxObj* o);
    /** Frees what a dead o owns outside the heap (side buffers, and accounts them); NULL: it owns nothing. */
    void (*free)(SoxObj* o);
    /** The bytes o takes in the heap: what it was allocated with (checked against its slot under stress). */
    size_t (*size)(const SoxObj* o);
    /** free runs only for objects passed to sox_gc_needs_finalize, not for every object of the type. */
    bool freeOnRequest;
} SoxTypeInfo;
void sox_gc_register_type(SoxObjType type, const SoxTypeInfo* info);
void sox_gc_init(void);
/** Allocates a zeroed object of `size` bytes with its header's type set; may collect first. */
void* sox_gc_alloc(size_t size, SoxObjType type);
/** Marks o (NULL and static objects are ignored); for the types' trace functions. */
void sox_gc_mark(SoxObj* o);
static inline void sox_gc_mark_value(SoxValue v) {
    if (SOX_IS_OBJ(v)) sox_gc_mark(SOX_AS_OBJ(v));
}
/** Marks count values in a row (one call for an array's items). */
void sox_gc_mark_values(const SoxValue* values, size_t count);
/** Tells the collector that o now owns a side buffer, so its type's free must run when it dies (for types
 *  registered with freeOnRequest). */
void sox_gc_needs_finalize(SoxObj* o);
/** Accounts bytes of malloc'd side buffers (arrays, tables) so they count towards the next collection. */
void sox_gc_account(ptrdiff_t delta);
/** malloc and realloc that fail with the runtime error "Out of memory." instead of returning NULL. */
void* sox_xmalloc(size_t size);
void* sox_xrealloc(void* p, size_t size);

/* ==== 3 objects ============================================================================================= */

/* ---- sox_string.c ---- */
void sox_string_register_types(void);
SoxString* sox_string_alloc(uint32_t length); /* chars uninitialised except the NUL; hash set by sox_string_seal */
void sox_string_seal(SoxString* s);
/* Inline: equality (sox_equal), shape lookups and table probes compare strings constantly. The length and the
 * hash every string carries from birth tell most different strings apart before any byte is read. */
static inline bool sox_strings_equal(const SoxString* a, const SoxString* b) {
    return a == b || (a->length == b->length && a->hash == b->hash && memcmp(a->chars, b->chars, a->length) == 0);
}
/** The concatenation of two string values. */
SoxValue sox_string_concat(SoxValue a, SoxValue b);
SoxValue sox_string_char_at(SoxString* s, uint32_t i);
SoxValue sox_string_range(SoxString* s, uint32_t start, uint32_t end); /* [start, end) */

/* ---- sox_table.c ---- */
void sox_table_register_types(void);
void sox_tabledata_init(SoxTableData* t);
void sox_tabledata_free(SoxTableData* t);
/** Returns the entry for key or NULL. */
SoxTableEntry* sox_tabledata_find(const SoxTableData* t, const SoxString* key);
void sox_tabledata_set(SoxTableData* t, SoxString* key, SoxValue value);
void sox_tabledata_copy(SoxTableData* to, const SoxTableData* from);
/** Marks every key and value (tracing an object that holds a table). */
void sox_tabledata_mark(const SoxTableData* t);

/* ---- sox_array.c ---- */
void sox_array_register_types(void);
SoxArray* sox_array_alloc(uint32_t capacity);
void sox_array_append(SoxArray* a, SoxValue v);
/** A new array holding elements [from, from + count) of the array `source` (allocates before reading). */
SoxValue sox_array_copy_range(SoxValue source, uint32_t from, uint32_t count);

/* ---- sox_shape.c ---- */
void sox_shape_register_types(void);
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
/** Frees every shape of a class (when the class dies). */
void sox_shapes_free(SoxClass* klass);
/** Marks the field name of every shape in the list and below it (tracing a class). */
void sox_shapes_mark_names(SoxShape* shapes);

/* ---- sox_object.c ---- */
void sox_object_register_types(void);
SoxValue sox_call_closure(SoxClosure* c, uint32_t argc, const SoxValue* args);
/** Calls a method closure with `receiver` prepended to args (arity checked against argc). */
SoxValue sox_call_method(SoxClosure* method, SoxValue receiver, uint32_t argc, const SoxValue* args);

/* ---- sox_cache.c: only the inline-cache entry points of sox_runtime.h ---- */

/* ==== 4 values ============================================================================================== */

/* ---- sox_dtoa.c ---- */
/** The shortest decimal digits that read back as v (finite, > 0), the closest to v among them (ties: even):
 *  writes them to digits (at most 17, no trailing zeros) and returns how many; v ~ 0.d1d2...dk * 10^point. */
int sox_shortest_digits(double v, char* digits, int* point);

/* ---- sox_print.c ---- */
/** A growable byte buffer with inline room for short texts. */
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
/** Writes the print form of a number (§2) into out (at least 32 bytes); returns its length. */
size_t sox_format_number(double d, char* out);
SoxValue sox_buffer_to_string(SoxBuffer* b);
/** Forgets the containers being printed (after a runtime error left a print unfinished). */
void sox_print_reset(void);

/* ---- sox_value.c ---- */
/** The name type() gives v. */
const char* sox_type_name(SoxValue v);

/* ==== 5 program ============================================================================================= */

/* ---- sox_natives.c ---- */
void sox_natives_init(void);

/* ---- sox_ffi.c ---- */
void sox_ffi_register_types(void);

/* ---- sox_ffi_invoke.c: the dynamic C call ---- */
typedef struct SoxCallFrame {
    uint64_t gpr[8];     /* +0   integer argument registers (RDI… / X0…) */
    uint64_t fpr[8];     /* +64  vector argument registers (XMM0… / V0…) */
    uint64_t* stack;     /* +128 the outgoing stack image */
    uint64_t stackWords; /* +136 */
    uint64_t floatCount; /* +144 vector registers used (AL on x86-64) */
    uint64_t fret;       /* +152 XMM0 / D0 after the call */
} SoxCallFrame;
uint64_t sox_ffi_invoke(void* fn, SoxCallFrame* frame);

/* ---- sox_test.c: only the runners of sox_runtime.h ---- */

/* ---- sox_main.c ---- */
extern bool sox_runtime_initialized;
/** Everything before the first Sox code runs (idempotent): heap, object types, roots, natives. */
void sox_runtime_init(void);
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

/* ---- sox_export.c: only sox_export_enter and sox_export_leave of sox_runtime.h ---- */

/* ---- sox_entry.c: only main ---- */

/* ---- sox_debug.c: what debuggers' pretty printers read (Sox.Sdk/debugger, docs/debugging.md) ---- */
/** The object layouts, for printers that find them by this symbol (the format is described in sox_debug.c).
 *  sox_runtime_init reads its first word once, which links it into every program and shared library. */
extern const struct SoxDebugLayout sox_debug_layout;

#endif
