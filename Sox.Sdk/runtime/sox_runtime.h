/* sox_runtime.h — the C form of docs/runtime-abi.md: every type whose layout generated code touches and every
 * function generated code calls. Generated code and the runtime meet only here; change the doc first. */
#ifndef SOX_RUNTIME_H
#define SOX_RUNTIME_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------------------------
 * Values (runtime-abi.md "Values"): NaN-boxed 64-bit words.
 * ------------------------------------------------------------------------------------------------------------- */
typedef uint64_t SoxValue;

#define SOX_QNAN ((uint64_t)0x7ffc000000000000ULL)
#define SOX_SIGN ((uint64_t)0x8000000000000000ULL)
#define SOX_NIL ((SoxValue)(SOX_QNAN | 1))
#define SOX_FALSE ((SoxValue)(SOX_QNAN | 2))
#define SOX_TRUE ((SoxValue)(SOX_QNAN | 3))
#define SOX_UNDEFINED ((SoxValue)(SOX_QNAN | 4))
#define SOX_CANONICAL_NAN ((uint64_t)0x7ff8000000000000ULL)

#define SOX_IS_NUMBER(v) (((v) & SOX_QNAN) != SOX_QNAN)
#define SOX_IS_OBJ(v) (((v) & (SOX_QNAN | SOX_SIGN)) == (SOX_QNAN | SOX_SIGN))
#define SOX_IS_NIL(v) ((v) == SOX_NIL)
#define SOX_IS_BOOL(v) (((v) | 1) == SOX_TRUE)
#define SOX_IS_FALSEY(v) ((uint64_t)((v) - SOX_NIL) <= 1)
#define SOX_AS_OBJ(v) ((SoxObj*)(uintptr_t)((v) & ~(SOX_SIGN | SOX_QNAN)))
#define SOX_OBJ_VAL(p) ((SoxValue)(SOX_SIGN | SOX_QNAN | (uint64_t)(uintptr_t)(p)))
#define SOX_BOOL_VAL(b) ((b) ? SOX_TRUE : SOX_FALSE)

/** Boxes a double; any NaN becomes the canonical NaN so no payload can look like a tagged value. */
static inline SoxValue sox_number(double d) {
    union { double d; uint64_t u; } c;
    c.d = d;
    if (d != d) c.u = SOX_CANONICAL_NAN;
    return c.u;
}
/** The double held by a number value. */
static inline double sox_as_number(SoxValue v) {
    union { double d; uint64_t u; } c;
    c.u = v;
    return c.d;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Objects (runtime-abi.md "Objects").
 * ------------------------------------------------------------------------------------------------------------- */
typedef enum SoxObjType {
    SOX_OBJ_STRING = 1, SOX_OBJ_CLOSURE = 2, SOX_OBJ_CELL = 3, SOX_OBJ_NATIVE = 4, SOX_OBJ_CLASS = 5,
    SOX_OBJ_INSTANCE = 6, SOX_OBJ_BOUND_METHOD = 7, SOX_OBJ_ARRAY = 8, SOX_OBJ_TABLE = 9, SOX_OBJ_POINTER = 10
} SoxObjType;

#define SOX_OBJ_STATIC 0x01

typedef struct SoxObj {
    uint8_t type;      /* SoxObjType */
    uint8_t flags;     /* bit 0: SOX_OBJ_STATIC */
    uint16_t reserved; /* runtime-private */
    uint32_t aux;      /* closures: arity */
} SoxObj;

typedef struct SoxString {
    SoxObj obj;
    uint32_t length;  /* bytes, without the trailing NUL */
    uint32_t hash;    /* FNV-1a 32 of the bytes, always valid */
    char chars[];     /* length bytes then a NUL */
} SoxString;

typedef struct SoxCell {
    SoxObj obj;
    SoxValue value;
} SoxCell;

struct SoxClosure;
typedef struct SoxFunction {
    void* code;                                                       /* +0  SoxValue f(SoxClosure*, SoxValue...) */
    SoxValue (*invoke)(struct SoxClosure* self, const SoxValue* args); /* +8  loads args[i] and calls code */
    uint32_t arity;                                                   /* +16 Sox parameters (methods: without this) */
    uint32_t captureCount;                                            /* +20 */
    const char* name;                                                 /* +24 NULL for a script */
    uint32_t kind;                                                    /* +32 SoxFunctionKind */
    uint32_t reserved;                                                /* +36 */
} SoxFunction;

typedef enum SoxFunctionKind {
    SOX_FN_FUNCTION = 0, SOX_FN_METHOD = 1, SOX_FN_INITIALIZER = 2, SOX_FN_SCRIPT = 3, SOX_FN_LAMBDA = 4
} SoxFunctionKind;

typedef struct SoxClosure {
    SoxObj obj;                  /* aux = arity */
    void* code;                  /* +8  */
    const SoxFunction* function; /* +16 */
    SoxCell* cells[];            /* +24 captureCount cells; NULL until generated code stores them */
} SoxClosure;

/** A native function: receives exactly the Sox arguments (argc within [minArity, maxArity], checked by sox_call). */
typedef SoxValue (*SoxNativeFn)(uint32_t argc, const SoxValue* args);

typedef struct SoxNative {
    SoxObj obj;
    SoxNativeFn fn;     /* +8  */
    const char* name;   /* +16 */
    uint32_t minArity;  /* +24 */
    uint32_t maxArity;  /* +28 */
} SoxNative;

typedef struct SoxArray {
    SoxObj obj;
    uint32_t count;   /* +8  */
    uint32_t capacity;/* +12 */
    SoxValue* items;  /* +16 malloc'd, owned by the array */
} SoxArray;

typedef struct SoxTableEntry {
    SoxString* key;
    SoxValue value;
} SoxTableEntry;

/** Insertion-ordered string-keyed map: entries in insertion order, open-addressed index of entry numbers. */
typedef struct SoxTableData {
    uint32_t count;
    uint32_t capacity;
    SoxTableEntry* entries;
    int32_t* index;      /* indexMask + 1 slots, -1 = empty */
    uint32_t indexMask;
    uint32_t reserved;
} SoxTableData;

typedef struct SoxTable {
    SoxObj obj;
    SoxTableData data;
} SoxTable;

struct SoxShape;

typedef struct SoxClass {
    SoxObj obj;
    SoxString* name;
    struct SoxClosure* init; /* cached methods["init"], NULL when absent */
    SoxTableData methods;    /* name -> closure value; fixed once the class declaration has run */
    struct SoxShape* roots;  /* root shapes (no fields), one per inline capacity, newest first (sox_shape.c) */
    uint32_t fieldHint;      /* most fields an instance of this class has had: the next instances' inline room */
    uint32_t hintKnown;      /* 0 until an instance has finished init (until then instances get a default room) */
    uint64_t id;             /* +72 unique for the program's lifetime (never reused): super caches compare it */
} SoxClass;

/** The field layout shared by instances whose fields were added in the same order (runtime-abi.md "Instances,
 *  shapes and inline caches"). Owned by its class, freed with it; `id` is never reused, so inline caches key
 *  on it instead of on the address. */
typedef struct SoxShape {
    uint64_t id;                 /* +0  unique for the program's lifetime; caches compare it */
    SoxClass* klass;             /* +8  */
    struct SoxShape* parent;     /* +16 NULL for a root */
    SoxString* name;             /* +24 the field this shape adds to its parent; NULL for a root */
    uint32_t count;              /* +32 fields */
    uint32_t inlineCapacity;     /* +36 field values stored in the instance itself */
    struct SoxShape* children;   /* shapes that add one field to this one */
    struct SoxShape* sibling;    /* next child of the same parent / next root of the same class */
    SoxTableData* index;         /* name -> slot, built on first lookup when count is large */
} SoxShape;

/** An instance: fields [0, shape->inlineCapacity) inline at +32, the rest in `overflow` (malloc'd; its
 *  capacity in obj.aux). */
typedef struct SoxInstance {
    SoxObj obj;
    SoxClass* klass;             /* +8  */
    SoxShape* shape;             /* +16 */
    SoxValue* overflow;          /* +24 fields from shape->inlineCapacity on */
    SoxValue fields[];           /* +32 */
} SoxInstance;

typedef struct SoxBoundMethod {
    SoxObj obj;
    SoxValue receiver;
    SoxClosure* method;
} SoxBoundMethod;

typedef struct SoxPointer {
    SoxObj obj;
    void* pointer;
} SoxPointer;

/* ---------------------------------------------------------------------------------------------------------------
 * Line tables (runtime-abi.md "Frames, traces and stack overflow").
 * ------------------------------------------------------------------------------------------------------------- */
typedef struct { uint32_t offset; uint32_t line; } SoxLineEntry;
typedef struct {
    const void* start;
    uint32_t size;
    uint32_t lineCount;
    const char* name;          /* NULL for a script */
    const SoxLineEntry* lines;
} SoxFunctionLines;
typedef struct SoxCodeTable {
    uint32_t count;
    uint32_t reserved;
    const SoxFunctionLines* functions;
    struct SoxCodeTable* next; /* written by sox_register_code */
    const char* file;          /* source path shown by `sox test` (file:line: message); may be NULL */
} SoxCodeTable;

/* ---------------------------------------------------------------------------------------------------------------
 * Tests and benchmarks (§7).
 * ------------------------------------------------------------------------------------------------------------- */
typedef struct SoxTestCase {
    const char* name;
    SoxValue closure;  /* fn (t) */
    const char* file;
    uint32_t line;
    uint32_t reserved;
} SoxTestCase;

typedef struct SoxBenchCase {
    const char* name;
    SoxValue closure;  /* fn (b) */
} SoxBenchCase;

/* ===============================================================================================================
 * Functions generated code calls. All values travel as SoxValue (uint64_t) in the C ABI. Functions marked
 * "error" print a §10 runtime error and exit 70 (or, inside `sox test`, fail the current test).
 * ============================================================================================================= */

/* --- Arithmetic and comparison slow paths (§3); each also handles two numbers. --- */
/** `a + b`: numbers add; a string on either side concatenates the other's print form; else error
 *  "Operands must be two numbers or two strings." */
SoxValue sox_add(SoxValue a, SoxValue b);
/** `a - b`, `a * b`, `a / b` (IEEE), `a % b` (C fmod); error "Operands must be numbers." */
SoxValue sox_sub(SoxValue a, SoxValue b);
SoxValue sox_mul(SoxValue a, SoxValue b);
SoxValue sox_div(SoxValue a, SoxValue b);
SoxValue sox_mod(SoxValue a, SoxValue b);
/** `-a`; error "Operand must be a number." */
SoxValue sox_negate(SoxValue a);
/** `<` `<=` `>` `>=` on numbers (false when either is NaN); error "Operands must be numbers." */
SoxValue sox_less(SoxValue a, SoxValue b);
SoxValue sox_less_equal(SoxValue a, SoxValue b);
SoxValue sox_greater(SoxValue a, SoxValue b);
SoxValue sox_greater_equal(SoxValue a, SoxValue b);
/** `==` / `!=`: numbers by value (NaN != NaN), strings by content, everything else by identity. */
SoxValue sox_equal(SoxValue a, SoxValue b);
SoxValue sox_not_equal(SoxValue a, SoxValue b);
/** `!a`: true for nil and false. */
SoxValue sox_not(SoxValue a);
/** C form of `==` for runtime and test code. */
bool sox_values_equal(SoxValue a, SoxValue b);

/* --- Printing (§2). --- */
/** `print v`: the print form and a newline, to the buffered stdout. */
void sox_print(SoxValue v);
/** The print form of v as a new string value (also `str(v)`). */
SoxValue sox_to_string(SoxValue v);
/** Flushes the buffered stdout (done at exit and before any error output). */
void sox_flush(void);

/* --- Strings. --- */
/** A new heap string holding a copy of the bytes. */
SoxValue sox_string_new(const char* bytes, size_t length);
/** A new heap string from a NUL-terminated C string (e.g. an `extern` returning cstring; NULL gives nil). */
SoxValue sox_string_from_cstr(const char* s);
/** FNV-1a 32 of the bytes, the hash every string object carries at +12. */
uint32_t sox_hash_bytes(const char* bytes, size_t length);

/* --- Calls (§5). args point at argc values; the callee never keeps the pointer. --- */
/** Calls any value: closures (arity check, then function->invoke), natives (arity range), classes (new instance,
 *  `init` with arity check or "Expected 0 arguments but got N."), bound methods (receiver prepended); else error
 *  "Can only call functions and classes." */
SoxValue sox_call(SoxValue callee, uint32_t argc, const SoxValue* args);
/** `receiver.name(args...)`: instance field first, then class method; table: the value at key `name`; others
 *  error "Only instances have properties."; missing instance property "Undefined property 'name'." */
SoxValue sox_invoke(SoxValue receiver, SoxValue name, uint32_t argc, const SoxValue* args);
/** `super.name` inside a method of a class whose superclass is `superclass`: the method bound to `receiver`. */
SoxValue sox_get_super(SoxValue superclass, SoxValue receiver, SoxValue name);
/** `super.name(args...)`. */
SoxValue sox_invoke_super(SoxValue superclass, SoxValue receiver, SoxValue name, uint32_t argc,
                          const SoxValue* args);
/** The per-site cache of a `super.name(args...)` call: 16 bytes, 8-aligned, zeroed, in writable data. Generated
 *  code compares the superclass's id with classId (ids start at 1, so an empty cache never matches) and then calls
 *  method's code directly. Sound because a class's id is never reused and its method table is fixed once its
 *  declaration has run: an equal id means this very class (alive, so its method closures are too). */
typedef struct SoxSuperCache {
    uint64_t classId;   /* +0 */
    SoxClosure* method; /* +8 */
} SoxSuperCache;
/** The method `super.name(...)` with argc arguments calls, when nothing else is involved: the superclass has
 *  that method and its arity is argc; remembered in `cache`. Else NULL (then call sox_invoke_super, which
 *  reports every error). Runs no Sox code. */
SoxClosure* sox_super_lookup(SoxValue superclass, SoxValue name, uint32_t argc, SoxSuperCache* cache);
/** Runs the entry module's `main` with (argc, argv) or () by its arity; a number result is the exit code. */
void sox_run_main(SoxValue mainFn);

/* --- Properties and indexing (§3). --- */
/** `obj.name`: tables obj["name"] (nil when missing); instances field, else bound method, else
 *  "Undefined property 'name'."; others "Only instances have properties." */
SoxValue sox_get_property(SoxValue obj, SoxValue name);
/** `obj.name = value` on instances and tables (returns value); others "Only instances have fields." */
SoxValue sox_set_property(SoxValue obj, SoxValue name, SoxValue value);
/** The number of (shape id, field offset) entries of a get or set site's cache. */
#define SOX_PROPERTY_CACHE_ENTRIES 4
/** A per-site polymorphic inline cache for `obj.name` and `obj.name = v` (runtime-abi.md "Instances, shapes and
 *  inline caches"): 96 bytes, 8-aligned, zeroed, in writable data, one per site. Generated code compares the
 *  receiver's shape id with each entry's and loads/stores at the entry's offset; the runtime fills empty entries,
 *  then (megamorphic) replaces one every 16 misses (`misses`), and keeps the last field-adding transition. */
typedef struct SoxPropertyCache {
    struct {
        uint64_t shapeId;  /* 0 = empty; else the id of the receiver shape the entry is for */
        uint64_t offset;   /* byte offset of an inline field from the instance */
    } entries[SOX_PROPERTY_CACHE_ENTRIES]; /* +0, 16 bytes each */
    uint64_t fromId;   /* +64 set only, runtime-private: adding the field to shape fromId ... */
    SoxShape* to;      /* +72 ... gives shape `to` ... */
    uint64_t toOffset; /* +80 ... and the value goes at this byte offset (inline) */
    uint64_t misses;   /* +88 runtime-private: misses since all entries were full */
} SoxPropertyCache;
/** sox_get_property, then remembers an inline field's offset for obj's shape in the cache. */
SoxValue sox_get_property_cached(SoxValue obj, SoxValue name, SoxPropertyCache* cache);
/** sox_set_property, remembering an existing inline field's offset, or the shape transition of adding it. */
SoxValue sox_set_property_cached(SoxValue obj, SoxValue name, SoxValue value, SoxPropertyCache* cache);
/** The number of (shape id, method) entries of an invoke site's cache. */
#define SOX_INVOKE_CACHE_ENTRIES 4
/** A per-site polymorphic cache for `obj.name(args)` (runtime-abi.md "Instances, shapes and inline caches"): 72
 *  bytes, 8-aligned, zeroed, in writable data, one per site. Generated code compares the receiver's shape id with
 *  each entry's and calls the entry's method closure directly; the runtime fills empty entries, then (megamorphic)
 *  replaces one every 16 misses (`misses`). Entries have SoxPropertyCache's entry layout. */
typedef struct SoxInvokeCache {
    struct {
        uint64_t shapeId;            /* 0 = empty; else the receiver shape this entry is for */
        SoxClosure* method;          /* a class method of that shape's class whose arity is the site's argc */
    } entries[SOX_INVOKE_CACHE_ENTRIES]; /* +0, 16 bytes each */
    uint64_t misses;                 /* +64 runtime-private: misses since all entries were full */
} SoxInvokeCache;
/** The class method `name` of `receiver` that `receiver.name(...)` with argc arguments would call, when that call
 *  needs nothing but the method: receiver is an instance, no field of that name hides the method, the method's
 *  arity is argc. Else NULL (then call sox_invoke_cached, which reports every error). Remembers the result in
 *  the site's cache and in a global (shape, name) cache, so a megamorphic site costs a probe, not a lookup.
 *  `name` must be a static string (a compile-time constant). */
SoxClosure* sox_invoke_lookup(SoxValue receiver, SoxValue name, uint32_t argc, SoxInvokeCache* cache);
/** sox_invoke, with sox_invoke_lookup's caching. Generated code calls it when sox_invoke_lookup gave NULL. */
SoxValue sox_invoke_cached(SoxValue receiver, SoxValue name, uint32_t argc, const SoxValue* args,
                           SoxInvokeCache* cache);
/** The cache of one method inlined at one `obj.name(args)` site (runtime-abi.md "Instances, shapes and inline
 *  caches"): the byte offsets, for one receiver shape, of every field of `this` the inlined body reads or writes.
 *  Generated code compares the receiver's shape id with `shapeId` once and then loads and stores the fields at
 *  the offsets in `slots[count + i]`, with no other guard; the method closure for that shape is at +8 (at a super site,
 *  for the superclass `classId`, compared first). 8-aligned, in writable
 *  data, one per (site, inlined method); the compiler fills `count` and `names`, the rest starts zero. */
typedef struct SoxInlinedMethodCache {
    uint64_t shapeId;       /* +0  0 = empty; else the receiver shape the offsets are for */
    SoxClosure* method;     /* +8  the method closure a receiver of that shape calls */
    uint64_t failedId;      /* +16 runtime-private: the last shape whose fields were not all inline */
    uint64_t misses;        /* +24 runtime-private: calls of another shape since the cache was filled */
    uint64_t classId;       /* +32 at a `super.name(args)` site: the superclass whose method `method` is; else 0 */
    uint64_t count;         /* +40 the fields the body touches */
    const SoxString* slots[]; /* +48 count field names, then count byte offsets (uint64_t, as pointer-sized words) */
} SoxInlinedMethodCache;
/** Called before an invoke site calls `method` (whose code is inlined there) on `receiver`, an instance: when every
 *  field the cache names is an inline field of the receiver's shape, stores their offsets, the method and the shape
 *  id (filling an empty cache, or replacing a full one on every 16th such call), so the next call on that shape runs
 *  the inlined body. Else leaves the cache (the call is the fallback; a field may be added later). Never fails. */
void sox_inlined_method_fill(SoxValue receiver, SoxClosure* method, SoxInlinedMethodCache* cache);
/** Called before a `super.name(args)` site calls `method` (whose code is inlined there), the method of the superclass
 *  whose id is classId, on `receiver` (`this`, an instance): as sox_inlined_method_fill, for that superclass. The
 *  generated guard compares the superclass's id with `classId` and the receiver's shape id with `shapeId`, so the
 *  cache belongs to one superclass at a time: another one (the class declaration holding the site ran again with
 *  another superclass) empties it and takes it over, at once when it is empty, else on every 16th such call. Never
 *  fails. */
void sox_inlined_super_fill(SoxValue receiver, uint64_t classId, SoxClosure* method, SoxInlinedMethodCache* cache);
/** Called on entry of a method that keeps a second copy of its body for one shape of `this` (an -O2 method reading
 *  or writing two or more fields of `this`; runtime-abi.md) while its cache is empty: when every field the cache
 *  names is an inline field of `receiver`'s shape, stores their offsets and then the shape id, so later calls on that
 *  shape run the copy. After 16 receivers lacking a field the cache is closed for good (shapeId UINT64_MAX, which no
 *  shape has), so a method that adds its fields stops calling here. `method` is left NULL. Never fails. */
void sox_method_entry_fill(SoxValue receiver, SoxInlinedMethodCache* cache);
/** `obj[index]`: arrays (integral index in range, else "Array index out of bounds."), tables (string keys, else
 *  "Table keys must be strings."; missing gives nil), strings (a 1-byte string). */
SoxValue sox_get_index(SoxValue obj, SoxValue index);
/** `obj[index] = value` on arrays (in range) and tables; returns value. */
SoxValue sox_set_index(SoxValue obj, SoxValue index, SoxValue value);
/** `obj[start:end]` with `end` inclusive; nil for an omitted bound; bounds clamp (docs/language.md §3.8). */
SoxValue sox_slice(SoxValue obj, SoxValue start, SoxValue end);

/* --- Closures, cells, classes. --- */
/** A closure over `function` with aux = arity and captureCount NULL cells for generated code to fill. */
SoxValue sox_closure_new(const SoxFunction* function);
/** A new cell holding `value`; returns the raw pointer generated code stores in closure->cells[i]. */
SoxCell* sox_cell_new(SoxValue value);
/** A class named by the string value `name` with no methods. */
SoxValue sox_class_new(SoxValue name);
/** `class Sub < super`: copies super's methods into sub (before sub's own); error "Superclass must be a class." */
void sox_class_inherit(SoxValue subclass, SoxValue superclass);
/** The class's methods assign `fields` distinct fields through `this` (the compiler counts them): instances start
 * with that much inline room (at least; slack tracking may raise it), so their fields can be cached. */
void sox_class_reserve_fields(SoxValue klass, uint32_t fields);
/** Adds (or replaces) method `name`; `init` is also cached as the initializer. */
void sox_class_add_method(SoxValue klass, SoxValue name, SoxValue closure);
/** `Foo(args)` of a class the compiler knows (§5): a fresh instance of the class value `klass` with no fields; the
 *  compiled code then calls the class's init directly (or none) and sox_instance_finish. Runs no Sox code. */
SoxValue sox_instance_alloc(SoxValue klass);
/** After a directly called init returned: the same field-room learning sox_call does (sox_instance_initialized). */
void sox_instance_finish(SoxValue instance);

/* --- Arrays and tables. --- */
/** `[e0, e1, ...]`: a new array holding a copy of the count values. */
SoxValue sox_array_new(uint32_t count, const SoxValue* elems);
/** Appends v (also `push`). */
void sox_array_push(SoxValue array, SoxValue v);
/** `{}` / `Table()`. */
SoxValue sox_table_new(void);
/** `{k: v}` literal entries and table stores; key must be a string ("Table keys must be strings."). */
void sox_table_set(SoxValue table, SoxValue key, SoxValue value);
/** Looks up a key; returns SOX_UNDEFINED when absent (never visible to programs). */
SoxValue sox_table_get(SoxValue table, SoxValue key);

/* --- foreach (§4): the compiler calls count once, then key/value for i in [0, count). --- */
/** Number of iterations: array elements, table entries, string bytes; other values error
 *  "Can only iterate over arrays, tables and strings." */
int64_t sox_foreach_count(SoxValue container);
/** Arrays and strings: the index i; tables: the i-th key in insertion order; nil past a shrunk end. */
SoxValue sox_foreach_key(SoxValue container, int64_t i);
/** Arrays: element i; tables: the i-th value; strings: the 1-byte string at i; nil past a shrunk end. */
SoxValue sox_foreach_value(SoxValue container, int64_t i);

/* --- defer (§4): a function's pending defers are a list value held in its frame, nil when empty. --- */
/** Registers closure and returns the (possibly new) list to keep. */
SoxValue sox_defer_push(SoxValue list, SoxValue closure);
/** Runs the registered closures last-first with no arguments. */
void sox_defer_run(SoxValue list);

/* --- assert and errors (§10). --- */
/** `assert(cond, msg)` failed: "Assertion failed: msg" (msg in print form). */
_Noreturn void sox_assert_fail(SoxValue message);
/** A global slot held `undefined`: "Undefined variable 'name'." */
_Noreturn void sox_undefined_variable(SoxValue name);
/** Called by a prologue whose stack pointer is below sox_stack_limit: "Stack overflow." */
_Noreturn void sox_stack_overflow(void);
/** Any other runtime error (printf-style message without the trailing newline). */
_Noreturn void sox_runtime_error(const char* format, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/** Lowest stack address Sox code may use; prologues compare the stack pointer with it. */
extern uintptr_t sox_stack_limit;

/* --- Modules, registration, GC. --- */
/** Registers a module's line table (once; later calls with the same table do nothing). */
void sox_register_code(SoxCodeTable* table);
/** Registers `count` value slots (a module's globals) as precise GC roots for the life of the program. */
void sox_gc_add_roots(SoxValue* slots, size_t count);
/** Runs a full collection now. */
void sox_gc_collect(void);

typedef struct SoxGcStats {
    uint64_t collections;
    uint64_t bytesLive;        /* after the last collection: objects + side buffers */
    uint64_t bytesAllocated;   /* since the last collection */
    uint64_t totalAllocated;   /* objects allocated since start */
    uint64_t heapBytes;        /* bytes of pages held */
} SoxGcStats;
void sox_gc_stats(SoxGcStats* out);

/** Maps a code address to its Sox function and line (for traces and tools); false when it is in no table. */
bool sox_code_lookup(const void* returnAddress, uint32_t* line, const char** name, const char** file);

/* --- Tests and benchmarks (§7). --- */
/** Runs each test with a fresh `t`; prints failing tests with `file:line: message` lines, then
 *  "N passed, M failed"; sets the exit code to 1 when any failed. Returns the number failed. */
uint32_t sox_test_run(const SoxTestCase* tests, uint32_t count);
/** Runs the benchmarks whose name contains `filter` (NULL: all), growing b.n until a run takes at least
 *  SOX_BENCHTIME seconds (default 1); prints name, n and ns/op. */
void sox_bench_run(const SoxBenchCase* benches, uint32_t count, const char* filter);

/* --- Built-ins of §8: the compiler uses SOX_OBJ_VAL(&sox_builtin_NAME) as the value of NAME. --- */
#define SOX_BUILTINS(X)                                                                                          \
    X(clock, 0, 0) X(usleep, 1, 1) X(len, 1, 1) X(push, 2, 2) X(pop, 1, 1) X(type, 1, 1) X(Table, 0, 0)         \
    X(str, 1, 1) X(num, 1, 1) X(stringUpper, 1, 1) X(stringLower, 1, 1) X(stringTrim, 1, 1)                     \
    X(stringIndexOf, 2, 2) X(stringSubstring, 2, 3) X(stringReplace, 3, 3) X(stringStartsWith, 2, 2)            \
    X(stringEndsWith, 2, 2) X(stringSplit, 2, 2) X(mathSqrt, 1, 1) X(mathPow, 2, 2) X(mathFloor, 1, 1)          \
    X(mathCeil, 1, 1) X(mathRound, 1, 1) X(mathSin, 1, 1) X(mathCos, 1, 1) X(mathTan, 1, 1)                    \
    X(mathRandom, 0, 0) X(mathRandomInt, 2, 2) X(mathSrand, 1, 1) X(arraySlice, 2, 3) X(arrayReverse, 1, 1)     \
    X(arrayIndexOf, 2, 2) X(arrayContains, 2, 2) X(arrayJoin, 2, 2) X(sysArgs, 0, 0) X(sysGetenv, 1, 1)         \
    X(sysOnExit, 1, 1) X(sysExit, 1, 1) X(sysPlatform, 0, 0) X(sysSleep, 1, 1)

#define SOX_DECLARE_BUILTIN(NAME, MIN, MAX) extern SoxNative sox_builtin_##NAME;
SOX_BUILTINS(SOX_DECLARE_BUILTIN)
#undef SOX_DECLARE_BUILTIN

/** Compiler-emitted: runs the entry module (its imports, top-level code and defers, then sox_run_main). */
extern void sox_program_entry(void);

/* ---------------------------------------------------------------------------------------------------------------
 * Calling C (§9; docs/calling-conventions.md). The C type codes follow the compiler's CType enum.
 * ------------------------------------------------------------------------------------------------------------- */
enum {
    SOX_CTYPE_INT = 0, SOX_CTYPE_INT32 = 1, SOX_CTYPE_UINT8 = 2, SOX_CTYPE_DOUBLE = 3, SOX_CTYPE_FLOAT = 4,
    SOX_CTYPE_BOOL = 5, SOX_CTYPE_CSTRING = 6, SOX_CTYPE_POINTER = 7, SOX_CTYPE_VOID = 8
};

/** Argument `index` (1-based; 0 = an export's result) of C function `fn` as an int/int32/uint8 (a number,
 *  truncated, range-checked) or bool (true/false only). Errors are runtime errors naming the argument. */
int64_t sox_c_arg_int(SoxValue v, uint32_t ctype, uint32_t index, const char* fn);
/** A number as a double (float arguments are narrowed by the caller). */
double sox_c_arg_double(SoxValue v, uint32_t index, const char* fn);
/** A string's bytes (cstring) or a pointer's address (pointer); nil is NULL. */
uintptr_t sox_c_arg_address(SoxValue v, uint32_t ctype, uint32_t index, const char* fn);
/** A variadic argument as its 8-byte slot: a number's double, a bool's int, a string's bytes, a pointer. */
uint64_t sox_c_vararg(SoxValue v, uint32_t index, const char* fn);
/** A C double as a Sox number (any NaN becomes the canonical NaN). */
SoxValue sox_c_from_double(double d);
/** A copy of a NUL-terminated C string as a Sox string; NULL is nil. */
SoxValue sox_c_from_cstring(const char* s);
/** An opaque pointer value (compares by address); NULL is nil. */
SoxValue sox_c_from_pointer(void* p);

/** A variadic extern, as the compiler emits it (read-only data): the dynamic call path's description. */
typedef struct SoxExternDesc {
    void* fn;                   /* +0  the C function */
    const char* name;           /* +8  its Sox name, for errors */
    uint32_t fixedCount;        /* +16 named parameters */
    uint32_t returnType;        /* +20 SOX_CTYPE_* */
    const uint8_t* fixedTypes;  /* +24 fixedCount SOX_CTYPE_* codes */
} SoxExternDesc;

/** Calls a variadic C function with Sox arguments: fixed ones by their declared types, the rest by their
 *  values (numbers as double, strings as char*, bools as int, pointers and nil as pointers). */
SoxValue sox_c_call_variadic(const SoxExternDesc* d, uint32_t argc, const SoxValue* args);

/** Compiler-emitted export entries call these around the Sox body (sox_export.c). */
void sox_export_enter(void);
void sox_export_leave(void);

#ifdef __cplusplus
}
#endif
#endif
