/* sox_shape.c — instance field storage: shapes (hidden classes) and inline field slots.
 *
 * Why: a per-instance hash table cost two malloc'd buffers per instance and a hash probe per field access. Here
 * instances whose fields were added in the same order share one SoxShape, which maps names to slot numbers, and
 * the values sit in the instance itself. That makes an instance one GC slot (binary trees: 48 bytes per node)
 * and lets a per-site inline cache turn `obj.name` into a shape-id compare and a load (runtime-abi.md "Instances,
 * shapes and inline caches").
 *
 * Shapes of a class form a tree: roots (no fields) one per inline capacity, each child adds one field name.
 * Inline capacity is learned per class (slack tracking): an instance starts with room for the most fields any
 * instance of its class has had after init or ever (fieldHint, capped), or a default room before any init has
 * finished; fields beyond it go to a malloc'd overflow array.
 * Shapes are malloc'd, owned by their class and freed with it; a shape is reachable only while its class is. */
#include "sox_internal.h"

#include <stdlib.h>
#include <string.h>

/* Inline room is capped so one large class cannot make every later instance huge. */
#define SOX_MAX_INLINE_FIELDS 64u
/* Inline room of the instances made before the first one has finished init (so a class with one instance, a
 * common singleton, still gets inline fields and cached access). */
#define SOX_DEFAULT_INLINE_FIELDS 8u
/* Shapes with more fields than this get a hash index instead of a walk up the parent chain. */
#define SOX_SHAPE_LINEAR_MAX 8u

static uint64_t nextShapeId = 1;

static SoxShape* shape_new(SoxClass* klass, SoxShape* parent, SoxString* name, uint32_t inlineCapacity) {
    SoxShape* s = sox_xmalloc(sizeof(SoxShape));
    memset(s, 0, sizeof *s);
    s->id = nextShapeId++;
    s->klass = klass;
    s->parent = parent;
    s->name = name;
    s->count = parent ? parent->count + 1 : 0;
    s->inlineCapacity = inlineCapacity;
    sox_gc_account((ptrdiff_t)sizeof(SoxShape));
    return s;
}

static SoxShape* root_shape(SoxClass* klass, uint32_t inlineCapacity) {
    for (SoxShape* r = klass->roots; r; r = r->sibling)
        if (r->inlineCapacity == inlineCapacity) return r;
    SoxShape* r = shape_new(klass, NULL, NULL, inlineCapacity);
    r->sibling = klass->roots;
    klass->roots = r;
    return r;
}

SoxShape* sox_shape_add(SoxShape* shape, SoxString* name) {
    for (SoxShape* c = shape->children; c; c = c->sibling)
        if (sox_strings_equal(c->name, name)) return c;
    SoxShape* c = shape_new(shape->klass, shape, name, shape->inlineCapacity);
    c->sibling = shape->children;
    shape->children = c;
    return c;
}

int32_t sox_shape_find(SoxShape* shape, const SoxString* name) {
    if (shape->count <= SOX_SHAPE_LINEAR_MAX) {
        for (SoxShape* s = shape; s->parent; s = s->parent)
            if (sox_strings_equal(s->name, name)) return (int32_t)s->count - 1;
        return -1;
    }
    if (shape->index == NULL) {
        shape->index = sox_xmalloc(sizeof(SoxTableData));
        sox_tabledata_init(shape->index);
        for (SoxShape* s = shape; s->parent; s = s->parent)
            sox_tabledata_set(shape->index, s->name, sox_number((double)(s->count - 1)));
    }
    SoxTableEntry* e = sox_tabledata_find(shape->index, name);
    return e ? (int32_t)sox_as_number(e->value) : -1;
}

static void free_tree(SoxShape* s) {
    while (s) {
        SoxShape* next = s->sibling;
        free_tree(s->children);
        if (s->index) {
            sox_tabledata_free(s->index);
            free(s->index);
        }
        sox_gc_account(-(ptrdiff_t)sizeof(SoxShape));
        free(s);
        s = next;
    }
}

void sox_shapes_free(SoxClass* klass) {
    free_tree(klass->roots);
    klass->roots = NULL;
}

void sox_shapes_mark_names(SoxShape* s) {
    for (; s; s = s->sibling) {
        if (s->name) sox_gc_mark(&s->name->obj);
        sox_shapes_mark_names(s->children);
    }
}

/* ---- the instance object ---- */
static void instance_trace(SoxObj* o) {
    SoxInstance* in = (SoxInstance*)o;
    sox_gc_mark(&in->klass->obj);
    uint32_t count = in->shape->count, room = in->shape->inlineCapacity;
    sox_gc_mark_values(in->fields, count < room ? count : room);
    if (count > room) sox_gc_mark_values(in->overflow, count - room);
}

/* Frees the overflow array. Sweeping may free a dead class's shapes before its dead instances, so this must not
 * look at the shape: the overflow capacity is in the header's aux. */
static void instance_free(SoxObj* o) {
    SoxInstance* in = (SoxInstance*)o;
    sox_gc_account(-(ptrdiff_t)in->obj.aux * (ptrdiff_t)sizeof(SoxValue));
    free(in->overflow);
    in->overflow = NULL;
    in->obj.aux = 0;
}

/* Only while the instance is alive (its shape is then alive too). */
static size_t instance_size(const SoxObj* o) {
    const SoxInstance* in = (const SoxInstance*)o;
    return sizeof(SoxInstance) + (size_t)in->shape->inlineCapacity * sizeof(SoxValue);
}

void sox_shape_register_types(void) {
    /* freeOnRequest: only instances that got an overflow array (sox_gc_needs_finalize) own anything */
    static const SoxTypeInfo instance = {"instance", instance_trace, instance_free, instance_size, true};
    sox_gc_register_type(SOX_OBJ_INSTANCE, &instance);
}

SoxInstance* sox_instance_new(SoxClass* klass) {
    uint32_t hint = klass->hintKnown ? klass->fieldHint : SOX_DEFAULT_INLINE_FIELDS;
    uint32_t room = hint < SOX_MAX_INLINE_FIELDS ? hint : SOX_MAX_INLINE_FIELDS;
    SoxShape* root = root_shape(klass, room);
    SoxInstance* in = sox_gc_alloc(sizeof(SoxInstance) + (size_t)room * sizeof(SoxValue), SOX_OBJ_INSTANCE);
    in->klass = klass;
    in->shape = root;
    return in;
}

SoxValue* sox_instance_slot(SoxInstance* in, uint32_t slot) {
    uint32_t room = in->shape->inlineCapacity;
    return slot < room ? &in->fields[slot] : &in->overflow[slot - room];
}

uint32_t sox_instance_add_field(SoxInstance* in, SoxString* name, SoxValue value) {
    SoxShape* next = sox_shape_add(in->shape, name);
    uint32_t slot = next->count - 1, room = next->inlineCapacity;
    if (slot >= room) {
        /* The overflow capacity lives in the header's aux, not in the shape: sweeping may free a dead class's
         * shapes before its dead instances, so finalising must not look at the shape. */
        uint32_t had = in->obj.aux, need = slot - room + 1;
        if (need > had) {
            uint32_t cap = had ? had * 2 : 4;
            in->overflow = sox_xrealloc(in->overflow, (size_t)cap * sizeof(SoxValue));
            sox_gc_account((ptrdiff_t)(cap - had) * (ptrdiff_t)sizeof(SoxValue));
            in->obj.aux = cap;
            if (had == 0) sox_gc_needs_finalize(&in->obj);
        }
        if (next->count > in->klass->fieldHint) in->klass->fieldHint = next->count;
    }
    in->shape = next;
    *sox_instance_slot(in, slot) = value;
    return slot;
}

void sox_class_reserve_fields(SoxValue klass, uint32_t fields) {
    /* Without this the first instance gets the default room, and a singleton whose init sets more fields keeps
     * the rest in its overflow array for good, where no inline cache reaches them. */
    SoxClass* k = SOX_AS_CLASS(klass);
    /* The compiler calls this after sox_class_inherit, which set the hint to the superclass's: a subclass's
     * instances get its own `this.` fields on top of those its superclass's methods add (method_call: an
     * NthToggle has Toggle's `state` and its own `countMax` and `count`). A name assigned in both counts twice;
     * too much room only costs memory. */
    uint64_t total = (uint64_t)k->fieldHint + fields;
    k->fieldHint = total < SOX_MAX_INLINE_FIELDS ? (uint32_t)total : SOX_MAX_INLINE_FIELDS;
    k->hintKnown = 1;
}

void sox_instance_initialized(SoxInstance* in) {
    SoxClass* k = in->klass;
    if (in->shape->count > k->fieldHint) k->fieldHint = in->shape->count;
    k->hintKnown = 1;
}
