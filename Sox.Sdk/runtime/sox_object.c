/* sox_object.c — closures, cells, classes, instances, bound methods; calls and property access (§5, §3). */
#include "sox_internal.h"

#include <string.h>

/* ---- the object types of this file, for the collector ---- */
static void closure_trace(SoxObj* o) {
    SoxClosure* c = (SoxClosure*)o;
    for (uint32_t i = 0; i < c->function->captureCount; i++)
        if (c->cells[i]) sox_gc_mark(&c->cells[i]->obj);
}

static size_t closure_size(const SoxObj* o) {
    return sizeof(SoxClosure) + (size_t)((const SoxClosure*)o)->function->captureCount * sizeof(SoxCell*);
}

static void cell_trace(SoxObj* o) { sox_gc_mark_value(((SoxCell*)o)->value); }
static size_t cell_size(const SoxObj* o) { (void)o; return sizeof(SoxCell); }

static void class_trace(SoxObj* o) {
    SoxClass* k = (SoxClass*)o;
    sox_gc_mark(&k->name->obj);
    if (k->init) sox_gc_mark(&k->init->obj);
    sox_tabledata_mark(&k->methods);
    sox_shapes_mark_names(k->roots); /* field names may be heap strings */
}

static void class_free(SoxObj* o) {
    sox_tabledata_free(&((SoxClass*)o)->methods);
    sox_shapes_free((SoxClass*)o);
}

static size_t class_size(const SoxObj* o) { (void)o; return sizeof(SoxClass); }

static void bound_method_trace(SoxObj* o) {
    SoxBoundMethod* b = (SoxBoundMethod*)o;
    sox_gc_mark_value(b->receiver);
    sox_gc_mark(&b->method->obj);
}

static size_t bound_method_size(const SoxObj* o) { (void)o; return sizeof(SoxBoundMethod); }
static size_t native_size(const SoxObj* o) { (void)o; return sizeof(SoxNative); }

void sox_object_register_types(void) {
    static const SoxTypeInfo closure = {"closure", closure_trace, NULL, closure_size, false};
    static const SoxTypeInfo cell = {"cell", cell_trace, NULL, cell_size, false};
    static const SoxTypeInfo klass = {"class", class_trace, class_free, class_size, false};
    static const SoxTypeInfo bound = {"bound method", bound_method_trace, NULL, bound_method_size, false};
    static const SoxTypeInfo native = {"native", NULL, NULL, native_size, false}; /* static objects only */
    sox_gc_register_type(SOX_OBJ_CLOSURE, &closure);
    sox_gc_register_type(SOX_OBJ_CELL, &cell);
    sox_gc_register_type(SOX_OBJ_CLASS, &klass);
    sox_gc_register_type(SOX_OBJ_BOUND_METHOD, &bound);
    sox_gc_register_type(SOX_OBJ_NATIVE, &native);
}

/* ---- closures and cells ---- */
SoxValue sox_closure_new(const SoxFunction* function) {
    SoxClosure* c = sox_gc_alloc(sizeof(SoxClosure) + (size_t)function->captureCount * sizeof(SoxCell*),
                                 SOX_OBJ_CLOSURE);
    c->obj.aux = function->arity;
    c->code = function->code;
    c->function = function;
    return SOX_OBJ_VAL(c);
}

SoxCell* sox_cell_new(SoxValue value) {
    SoxCell* cell = sox_gc_alloc(sizeof(SoxCell), SOX_OBJ_CELL);
    cell->value = value;
    return cell;
}

/* ---- classes ---- */
/* Generated code reads these (ValueBits.ClassInitOffset, ClassIdOffset). */
_Static_assert(offsetof(SoxClass, init) == 16, "SoxClass.init");
_Static_assert(offsetof(SoxClass, id) == 72, "SoxClass.id");

/* Class ids start at 1 (a zeroed super cache never matches) and are never reused, unlike addresses. */
static uint64_t nextClassId = 1;

SoxValue sox_class_new(SoxValue name) {
    SoxClass* k = sox_gc_alloc(sizeof(SoxClass), SOX_OBJ_CLASS);
    k->name = SOX_AS_STRING(name);
    k->id = nextClassId++;
    return SOX_OBJ_VAL(k);
}

void sox_class_inherit(SoxValue subclass, SoxValue superclass) {
    if (!SOX_IS_CLASS(superclass)) sox_runtime_error("Superclass must be a class.");
    /* clox copy-down inheritance: the subclass starts with its superclass's methods; its own methods, added
     * afterwards, replace them. */
    SoxClass* sub = SOX_AS_CLASS(subclass);
    SoxClass* super = SOX_AS_CLASS(superclass);
    sox_tabledata_copy(&sub->methods, &super->methods);
    sub->init = super->init;
    /* The superclass's methods add their fields to the subclass's instances too. */
    if (super->fieldHint > sub->fieldHint) sub->fieldHint = super->fieldHint;
    if (super->hintKnown) sub->hintKnown = 1;
}

static bool is_init(const SoxString* name) { return name->length == 4 && memcmp(name->chars, "init", 4) == 0; }

void sox_class_add_method(SoxValue klass, SoxValue name, SoxValue closure) {
    SoxClass* k = SOX_AS_CLASS(klass);
    sox_tabledata_set(&k->methods, SOX_AS_STRING(name), closure);
    if (is_init(SOX_AS_STRING(name))) k->init = SOX_AS_CLOSURE(closure);
}

/* ---- calls ---- */
static _Noreturn void arity_error(uint32_t expected, uint32_t got) {
    sox_runtime_error("Expected %u arguments but got %u.", expected, got);
}

SoxValue sox_call_closure(SoxClosure* c, uint32_t argc, const SoxValue* args) {
    if (c->obj.aux != argc) arity_error(c->obj.aux, argc);
    return c->function->invoke(c, args);
}

/** Calls a method closure with `receiver` prepended (runtime-abi.md: a method's arity excludes `this`). */
SoxValue sox_call_method(SoxClosure* method, SoxValue receiver, uint32_t argc, const SoxValue* args) {
    if (method->obj.aux != argc) arity_error(method->obj.aux, argc);
    SoxValue withThis[256 + 1]; /* arity <= 255 (§5) */
    withThis[0] = receiver;
    if (argc) memcpy(withThis + 1, args, (size_t)argc * sizeof(SoxValue));
    return method->function->invoke(method, withThis);
}

static SoxValue bind(SoxValue receiver, SoxClosure* method) {
    SoxBoundMethod* b = sox_gc_alloc(sizeof(SoxBoundMethod), SOX_OBJ_BOUND_METHOD);
    b->receiver = receiver;
    b->method = method;
    return SOX_OBJ_VAL(b);
}

SoxValue sox_call(SoxValue callee, uint32_t argc, const SoxValue* args) {
    if (SOX_IS_OBJ(callee)) {
        SoxObj* o = SOX_AS_OBJ(callee);
        switch ((SoxObjType)o->type) {
        case SOX_OBJ_CLOSURE: return sox_call_closure((SoxClosure*)o, argc, args);
        case SOX_OBJ_NATIVE: {
            SoxNative* n = (SoxNative*)o;
            if (argc < n->minArity) arity_error(n->minArity, argc);
            if (argc > n->maxArity) arity_error(n->maxArity, argc);
            return n->fn(argc, args);
        }
        case SOX_OBJ_CLASS: {
            SoxClass* k = (SoxClass*)o;
            SoxInstance* instance = sox_instance_new(k);
            SoxValue self = SOX_OBJ_VAL(instance);
            if (k->init) sox_call_method(k->init, self, argc, args); /* §5: init always yields this */
            else if (argc != 0) arity_error(0, argc);
            sox_instance_initialized(instance);
            return self;
        }
        case SOX_OBJ_BOUND_METHOD: {
            SoxBoundMethod* b = (SoxBoundMethod*)o;
            return sox_call_method(b->method, b->receiver, argc, args);
        }
        default: break;
        }
    }
    sox_runtime_error("Can only call functions and classes.");
}

SoxValue sox_instance_alloc(SoxValue klass) { return SOX_OBJ_VAL(sox_instance_new(SOX_AS_CLASS(klass))); }

void sox_instance_finish(SoxValue instance) { sox_instance_initialized(SOX_AS_INSTANCE(instance)); }

static _Noreturn void undefined_property(SoxValue name) {
    SoxString* s = SOX_AS_STRING(name);
    sox_runtime_error("Undefined property '%.*s'.", (int)s->length, s->chars);
}

SoxValue sox_invoke(SoxValue receiver, SoxValue name, uint32_t argc, const SoxValue* args) {
    if (SOX_IS_INSTANCE(receiver)) {
        SoxInstance* in = SOX_AS_INSTANCE(receiver);
        int32_t field = sox_shape_find(in->shape, SOX_AS_STRING(name));
        if (field >= 0) return sox_call(*sox_instance_slot(in, (uint32_t)field), argc, args);
        SoxTableEntry* method = sox_tabledata_find(&in->klass->methods, SOX_AS_STRING(name));
        if (method) return sox_call_method(SOX_AS_CLOSURE(method->value), receiver, argc, args);
        undefined_property(name);
    }
    if (SOX_IS_TABLE(receiver)) {
        /* §3: a.b on a table means a["b"], so t.f(x) calls the function stored under "f" (no receiver). */
        SoxTableEntry* e = sox_tabledata_find(&SOX_AS_TABLE(receiver)->data, SOX_AS_STRING(name));
        return sox_call(e ? e->value : SOX_NIL, argc, args);
    }
    sox_runtime_error("Only instances have properties.");
}

SoxValue sox_get_super(SoxValue superclass, SoxValue receiver, SoxValue name) {
    SoxTableEntry* method = sox_tabledata_find(&SOX_AS_CLASS(superclass)->methods, SOX_AS_STRING(name));
    if (!method) undefined_property(name);
    return bind(receiver, SOX_AS_CLOSURE(method->value));
}

SoxValue sox_invoke_super(SoxValue superclass, SoxValue receiver, SoxValue name, uint32_t argc,
                          const SoxValue* args) {
    SoxTableEntry* method = sox_tabledata_find(&SOX_AS_CLASS(superclass)->methods, SOX_AS_STRING(name));
    if (!method) undefined_property(name);
    return sox_call_method(SOX_AS_CLOSURE(method->value), receiver, argc, args);
}

SoxClosure* sox_super_lookup(SoxValue superclass, SoxValue name, uint32_t argc, SoxSuperCache* cache) {
    SoxClass* k = SOX_AS_CLASS(superclass);
    SoxTableEntry* found = sox_tabledata_find(&k->methods, SOX_AS_STRING(name));
    if (!found) return NULL;
    SoxClosure* method = SOX_AS_CLOSURE(found->value);
    if (method->obj.aux != argc) return NULL;
    /* single-threaded: nothing reads the cache between these two stores */
    cache->method = method;
    cache->classId = k->id;
    return method;
}

/* ---- properties ---- */
SoxValue sox_get_property(SoxValue obj, SoxValue name) {
    if (SOX_IS_TABLE(obj)) {
        SoxTableEntry* e = sox_tabledata_find(&SOX_AS_TABLE(obj)->data, SOX_AS_STRING(name));
        return e ? e->value : SOX_NIL; /* §3: a missing table key reads as nil */
    }
    if (SOX_IS_INSTANCE(obj)) {
        SoxInstance* in = SOX_AS_INSTANCE(obj);
        int32_t field = sox_shape_find(in->shape, SOX_AS_STRING(name));
        if (field >= 0) return *sox_instance_slot(in, (uint32_t)field);
        SoxTableEntry* method = sox_tabledata_find(&in->klass->methods, SOX_AS_STRING(name));
        if (method) return bind(obj, SOX_AS_CLOSURE(method->value));
        undefined_property(name);
    }
    sox_runtime_error("Only instances have properties.");
}

SoxValue sox_set_property(SoxValue obj, SoxValue name, SoxValue value) {
    if (SOX_IS_INSTANCE(obj)) {
        SoxInstance* in = SOX_AS_INSTANCE(obj);
        int32_t field = sox_shape_find(in->shape, SOX_AS_STRING(name));
        if (field >= 0) *sox_instance_slot(in, (uint32_t)field) = value;
        else sox_instance_add_field(in, SOX_AS_STRING(name), value);
    } else if (SOX_IS_TABLE(obj)) sox_tabledata_set(&SOX_AS_TABLE(obj)->data, SOX_AS_STRING(name), value);
    else sox_runtime_error("Only instances have fields.");
    return value;
}
