/* sox_debug.c — the layout descriptor the debuggers' pretty printers read (Sox.Sdk/debugger/sox_gdb.py,
 * sox_lldb.py; docs/debugging.md "Pretty printers"). The runtime is compiled without debug information, so the
 * printers cannot learn a struct layout from DWARF: they find `sox_debug_layout` by its symbol and read the
 * offsets here. Each entry comes from offsetof, sizeof or an enum of sox_runtime.h, so it follows every change of
 * a layout without being edited; sox_internal.h describes the format. Nothing here is called. */
#include "sox_internal.h"

#include <stddef.h>

#define SOX_DEBUG_NAME(NAME) #NAME " "

/* The entries' names in order, each followed by a space. */
static const char entryNames[] = SOX_DEBUG_LAYOUT_ENTRIES(SOX_DEBUG_NAME);

const SoxDebugLayout sox_debug_layout = {
    .magic = SOX_DEBUG_LAYOUT_MAGIC,
    .version = SOX_DEBUG_LAYOUT_VERSION,
    .size = (uint32_t)sizeof(SoxDebugLayout),
    .entryCount = (uint32_t)(sizeof(SoxDebugLayoutEntries) / sizeof(uint32_t)),
    .entriesOffset = (uint32_t)offsetof(SoxDebugLayout, entries),
    .reserved = 0,
    .entryNames = entryNames,
    .qnan = SOX_QNAN,
    .sign = SOX_SIGN,
    .nilValue = SOX_NIL,
    .falseValue = SOX_FALSE,
    .trueValue = SOX_TRUE,
    .undefinedValue = SOX_UNDEFINED,
    .entries = {
        .valueSize = (uint32_t)sizeof(SoxValue),
        .pointerSize = (uint32_t)sizeof(void*),
        .objSize = (uint32_t)sizeof(SoxObj),
        .objType = (uint32_t)offsetof(SoxObj, type),
        .objFlags = (uint32_t)offsetof(SoxObj, flags),
        .objAux = (uint32_t)offsetof(SoxObj, aux),
        .typeString = SOX_OBJ_STRING,
        .typeClosure = SOX_OBJ_CLOSURE,
        .typeCell = SOX_OBJ_CELL,
        .typeNative = SOX_OBJ_NATIVE,
        .typeClass = SOX_OBJ_CLASS,
        .typeInstance = SOX_OBJ_INSTANCE,
        .typeBoundMethod = SOX_OBJ_BOUND_METHOD,
        .typeArray = SOX_OBJ_ARRAY,
        .typeTable = SOX_OBJ_TABLE,
        .typePointer = SOX_OBJ_POINTER,
        .stringLength = (uint32_t)offsetof(SoxString, length),
        .stringChars = (uint32_t)offsetof(SoxString, chars),
        .arrayCount = (uint32_t)offsetof(SoxArray, count),
        .arrayCapacity = (uint32_t)offsetof(SoxArray, capacity),
        .arrayItems = (uint32_t)offsetof(SoxArray, items),
        .tableData = (uint32_t)offsetof(SoxTable, data),
        .tableDataCount = (uint32_t)offsetof(SoxTableData, count),
        .tableDataCapacity = (uint32_t)offsetof(SoxTableData, capacity),
        .tableDataEntries = (uint32_t)offsetof(SoxTableData, entries),
        .entrySize = (uint32_t)sizeof(SoxTableEntry),
        .entryKey = (uint32_t)offsetof(SoxTableEntry, key),
        .entryValue = (uint32_t)offsetof(SoxTableEntry, value),
        .instanceClass = (uint32_t)offsetof(SoxInstance, klass),
        .instanceShape = (uint32_t)offsetof(SoxInstance, shape),
        .instanceOverflow = (uint32_t)offsetof(SoxInstance, overflow),
        .instanceFields = (uint32_t)offsetof(SoxInstance, fields),
        .shapeClass = (uint32_t)offsetof(SoxShape, klass),
        .shapeParent = (uint32_t)offsetof(SoxShape, parent),
        .shapeName = (uint32_t)offsetof(SoxShape, name),
        .shapeCount = (uint32_t)offsetof(SoxShape, count),
        .shapeInlineCapacity = (uint32_t)offsetof(SoxShape, inlineCapacity),
        .className = (uint32_t)offsetof(SoxClass, name),
        .closureFunction = (uint32_t)offsetof(SoxClosure, function),
        .closureCells = (uint32_t)offsetof(SoxClosure, cells),
        .functionName = (uint32_t)offsetof(SoxFunction, name),
        .functionKind = (uint32_t)offsetof(SoxFunction, kind),
        .functionKindScript = SOX_FN_SCRIPT,
        .functionKindLambda = SOX_FN_LAMBDA,
        .nativeName = (uint32_t)offsetof(SoxNative, name),
        .boundMethodReceiver = (uint32_t)offsetof(SoxBoundMethod, receiver),
        .boundMethodMethod = (uint32_t)offsetof(SoxBoundMethod, method),
        .cellValue = (uint32_t)offsetof(SoxCell, value),
        .pointerPointer = (uint32_t)offsetof(SoxPointer, pointer),
    },
};
