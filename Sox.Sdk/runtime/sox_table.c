/* sox_table.c — string-keyed, insertion-ordered maps (§2 tables; also instance fields and class methods).
 * Entries sit in an array in insertion order; an open-addressed index (linear probing, load <= 1/2) maps a
 * key's cached hash to its entry number. The language has no key deletion, so there are no tombstones. */
#include "sox_internal.h"

#include <stdlib.h>
#include <string.h>

void sox_tabledata_init(SoxTableData* t) { memset(t, 0, sizeof *t); }

void sox_tabledata_free(SoxTableData* t) {
    size_t bytes = (size_t)t->capacity * sizeof(SoxTableEntry) + (t->index ? (size_t)(t->indexMask + 1) * 4 : 0);
    sox_gc_account(-(ptrdiff_t)bytes);
    free(t->entries);
    free(t->index);
    sox_tabledata_init(t);
}

SoxTableEntry* sox_tabledata_find(const SoxTableData* t, const SoxString* key) {
    if (t->count == 0) return NULL;
    uint32_t mask = t->indexMask;
    for (uint32_t i = key->hash & mask;; i = (i + 1) & mask) {
        int32_t e = t->index[i];
        if (e < 0) return NULL;
        SoxTableEntry* entry = &t->entries[e];
        if (sox_strings_equal(entry->key, key)) return entry;
    }
}

static void reindex(SoxTableData* t, uint32_t slots) {
    sox_gc_account((ptrdiff_t)slots * 4 - (t->index ? (ptrdiff_t)(t->indexMask + 1) * 4 : 0));
    free(t->index);
    t->index = sox_xmalloc((size_t)slots * sizeof(int32_t));
    memset(t->index, 0xff, (size_t)slots * sizeof(int32_t));
    t->indexMask = slots - 1;
    for (uint32_t e = 0; e < t->count; e++) {
        uint32_t i = t->entries[e].key->hash & t->indexMask;
        while (t->index[i] >= 0) i = (i + 1) & t->indexMask;
        t->index[i] = (int32_t)e;
    }
}

void sox_tabledata_set(SoxTableData* t, SoxString* key, SoxValue value) {
    SoxTableEntry* existing = sox_tabledata_find(t, key);
    if (existing) {
        existing->value = value;
        return;
    }
    if (t->count == t->capacity) {
        uint32_t cap = t->capacity ? t->capacity * 2 : 4;
        sox_gc_account((ptrdiff_t)(cap - t->capacity) * (ptrdiff_t)sizeof(SoxTableEntry));
        t->entries = sox_xrealloc(t->entries, (size_t)cap * sizeof(SoxTableEntry));
        t->capacity = cap;
    }
    t->entries[t->count].key = key;
    t->entries[t->count].value = value;
    t->count++;
    uint32_t slots = t->index ? t->indexMask + 1 : 0;
    if (t->count * 2 > slots) {
        reindex(t, slots ? slots * 2 : 8);
    } else {
        uint32_t i = key->hash & t->indexMask;
        while (t->index[i] >= 0) i = (i + 1) & t->indexMask;
        t->index[i] = (int32_t)(t->count - 1);
    }
}

void sox_tabledata_copy(SoxTableData* to, const SoxTableData* from) {
    for (uint32_t i = 0; i < from->count; i++) sox_tabledata_set(to, from->entries[i].key, from->entries[i].value);
}

void sox_tabledata_mark(const SoxTableData* t) {
    for (uint32_t i = 0; i < t->count; i++) {
        sox_gc_mark(&t->entries[i].key->obj);
        sox_gc_mark_value(t->entries[i].value);
    }
}

/* ---- the table object ---- */
static void table_trace(SoxObj* o) { sox_tabledata_mark(&((SoxTable*)o)->data); }
static void table_free(SoxObj* o) { sox_tabledata_free(&((SoxTable*)o)->data); }
static size_t table_size(const SoxObj* o) { (void)o; return sizeof(SoxTable); }

void sox_table_register_types(void) {
    static const SoxTypeInfo table = {"table", table_trace, table_free, table_size, false};
    sox_gc_register_type(SOX_OBJ_TABLE, &table);
}

SoxValue sox_table_new(void) {
    SoxTable* t = sox_gc_alloc(sizeof(SoxTable), SOX_OBJ_TABLE);
    return SOX_OBJ_VAL(t);
}

static SoxString* key_of(SoxValue key) {
    if (!SOX_IS_STRING(key)) sox_runtime_error("Table keys must be strings.");
    return SOX_AS_STRING(key);
}

void sox_table_set(SoxValue table, SoxValue key, SoxValue value) {
    sox_tabledata_set(&SOX_AS_TABLE(table)->data, key_of(key), value);
}

SoxValue sox_table_get(SoxValue table, SoxValue key) {
    SoxTableEntry* e = sox_tabledata_find(&SOX_AS_TABLE(table)->data, key_of(key));
    return e ? e->value : SOX_UNDEFINED;
}
