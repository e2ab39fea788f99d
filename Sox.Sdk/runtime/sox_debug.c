/* sox_debug.c — the layout descriptor the debuggers' pretty printers read (Sox.Sdk/debugger/sox_gdb.py,
 * sox_lldb.py, sox_values.py; docs/debugging.md "Pretty printers"). Nothing here is called.
 *
 * The runtime is compiled without debug information, so a printer cannot learn from DWARF where a string keeps its
 * length. It finds `sox_debug_layout` by its symbol instead, reads it once per program and then decodes values with
 * plain memory reads. Format, in the target's byte order:
 *
 *   +0  magic          SOX_DEBUG_LAYOUT_MAGIC ("SOXD" in little-endian memory; tells the byte order)
 *   +4  version        major << 16 | minor; a printer refuses a major version it does not know
 *   +8  size           of the whole descriptor
 *   +12 entryCount     uint32_t entries ...
 *   +16 entriesOffset  ... at this offset from the descriptor's start
 *   +24 entryNames     the entries' names in order, each followed by a space
 *   +32 qnan, sign, nil, false, true, undefined: the NaN-boxing constants of sox_runtime.h (uint64_t each)
 *
 * The header keeps these offsets in every version. Printers find entries by name, so an entry may be added
 * anywhere (a new minor version); removing or changing the meaning of one is a new major version. Each entry is an
 * offsetof, a sizeof or an enum value of sox_runtime.h, and the one list below makes the struct, the names and the
 * values, so the descriptor follows every layout change without being edited. */
#include "sox_internal.h"

#include <stddef.h>

#define SOX_DEBUG_LAYOUT_MAGIC 0x44584f53u
#define SOX_DEBUG_LAYOUT_VERSION 0x00010000u /* 1.0 */

/* X(name, value): what a printer reads. */
#define SOX_DEBUG_LAYOUT_ENTRIES(X)                                                                              \
    X(valueSize, sizeof(SoxValue))                                                                             \
    X(pointerSize, sizeof(void*))                                                                              \
    /* the object header and the kinds of object */                                                            \
    X(objSize, sizeof(SoxObj))                                                                                 \
    X(objType, offsetof(SoxObj, type))                                                                         \
    X(objFlags, offsetof(SoxObj, flags))                                                                       \
    X(objAux, offsetof(SoxObj, aux))                                                                           \
    X(typeString, SOX_OBJ_STRING)                                                                              \
    X(typeClosure, SOX_OBJ_CLOSURE)                                                                            \
    X(typeCell, SOX_OBJ_CELL)                                                                                  \
    X(typeNative, SOX_OBJ_NATIVE)                                                                              \
    X(typeClass, SOX_OBJ_CLASS)                                                                                \
    X(typeInstance, SOX_OBJ_INSTANCE)                                                                          \
    X(typeBoundMethod, SOX_OBJ_BOUND_METHOD)                                                                   \
    X(typeArray, SOX_OBJ_ARRAY)                                                                                \
    X(typeTable, SOX_OBJ_TABLE)                                                                                \
    X(typePointer, SOX_OBJ_POINTER)                                                                            \
    /* strings: length bytes at chars, then a NUL */                                                           \
    X(stringLength, offsetof(SoxString, length))                                                               \
    X(stringChars, offsetof(SoxString, chars))                                                                 \
    /* arrays and tables (entries in insertion order) */                                                      \
    X(arrayCount, offsetof(SoxArray, count))                                                                   \
    X(arrayCapacity, offsetof(SoxArray, capacity))                                                             \
    X(arrayItems, offsetof(SoxArray, items))                                                                   \
    X(tableData, offsetof(SoxTable, data))                                                                     \
    X(tableDataCount, offsetof(SoxTableData, count))                                                           \
    X(tableDataCapacity, offsetof(SoxTableData, capacity))                                                     \
    X(tableDataEntries, offsetof(SoxTableData, entries))                                                       \
    X(entrySize, sizeof(SoxTableEntry))                                                                        \
    X(entryKey, offsetof(SoxTableEntry, key))                                                                  \
    X(entryValue, offsetof(SoxTableEntry, value))                                                              \
    /* instances: field slot i is inline below the shape's inlineCapacity, else overflow[i - inlineCapacity]; */ \
    /* the shape with n fields names field n - 1, its parent the ones before (sox_shape.c) */                  \
    X(instanceClass, offsetof(SoxInstance, klass))                                                             \
    X(instanceShape, offsetof(SoxInstance, shape))                                                             \
    X(instanceOverflow, offsetof(SoxInstance, overflow))                                                       \
    X(instanceFields, offsetof(SoxInstance, fields))                                                           \
    X(shapeClass, offsetof(SoxShape, klass))                                                                   \
    X(shapeParent, offsetof(SoxShape, parent))                                                                 \
    X(shapeName, offsetof(SoxShape, name))                                                                     \
    X(shapeCount, offsetof(SoxShape, count))                                                                   \
    X(shapeInlineCapacity, offsetof(SoxShape, inlineCapacity))                                                 \
    /* classes, functions and the rest */                                                                      \
    X(className, offsetof(SoxClass, name))                                                                     \
    X(closureFunction, offsetof(SoxClosure, function))                                                         \
    X(closureCells, offsetof(SoxClosure, cells))                                                               \
    X(functionName, offsetof(SoxFunction, name))                                                               \
    X(functionKind, offsetof(SoxFunction, kind))                                                               \
    X(functionKindScript, SOX_FN_SCRIPT)                                                                       \
    X(functionKindLambda, SOX_FN_LAMBDA)                                                                       \
    X(nativeName, offsetof(SoxNative, name))                                                                   \
    X(boundMethodReceiver, offsetof(SoxBoundMethod, receiver))                                                 \
    X(boundMethodMethod, offsetof(SoxBoundMethod, method))                                                     \
    X(cellValue, offsetof(SoxCell, value))                                                                     \
    X(pointerPointer, offsetof(SoxPointer, pointer))

#define SOX_DEBUG_FIELD(NAME, VALUE) uint32_t NAME;
#define SOX_DEBUG_NAME(NAME, VALUE) #NAME " "
#define SOX_DEBUG_VALUE(NAME, VALUE) (uint32_t)(VALUE),

typedef struct SoxDebugEntries {
    SOX_DEBUG_LAYOUT_ENTRIES(SOX_DEBUG_FIELD)
} SoxDebugEntries;

struct SoxDebugLayout {
    uint32_t magic;
    uint32_t version;
    uint32_t size;
    uint32_t entryCount;
    uint32_t entriesOffset;
    uint32_t reserved;
    const char* entryNames;
    uint64_t qnan, sign, nilValue, falseValue, trueValue, undefinedValue;
    SoxDebugEntries entries;
};

static const char entryNames[] = SOX_DEBUG_LAYOUT_ENTRIES(SOX_DEBUG_NAME);

const struct SoxDebugLayout sox_debug_layout = {
    SOX_DEBUG_LAYOUT_MAGIC,
    SOX_DEBUG_LAYOUT_VERSION,
    (uint32_t)sizeof(struct SoxDebugLayout),
    (uint32_t)(sizeof(SoxDebugEntries) / sizeof(uint32_t)),
    (uint32_t)offsetof(struct SoxDebugLayout, entries),
    0,
    entryNames,
    SOX_QNAN, SOX_SIGN, SOX_NIL, SOX_FALSE, SOX_TRUE, SOX_UNDEFINED,
    {SOX_DEBUG_LAYOUT_ENTRIES(SOX_DEBUG_VALUE)},
};
