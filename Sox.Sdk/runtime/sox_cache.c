/* sox_cache.c — the slow paths of property inline caches (runtime-abi.md "Instances, shapes and inline caches").
 *
 * Generated code keeps one SoxPropertyCache per `obj.name` site. Its fast path compares the receiver's shape id
 * with cache->shapeId and then loads/stores at the cached offset or calls the cached method; everything else
 * comes here, which does the full lookup and refills the cache (monomorphic: the last shape wins).
 *
 * Why ids and not shape addresses: a dead class's shapes are freed, and a new shape could reuse the address;
 * ids are never reused. When the id matches, the receiver (alive) has that shape, so the shape, its class and
 * the class's method closures are all alive: the cached closure pointer and transition target are valid. Class
 * method tables never change after the class declaration has run, so a method entry cannot go stale. */
#include "sox_internal.h"

#define FIELD_OFFSET(slot) ((uint64_t)offsetof(SoxInstance, fields) + (uint64_t)(slot) * sizeof(SoxValue))

SoxValue sox_get_property_cached(SoxValue obj, SoxValue name, SoxPropertyCache* cache) {
    if (SOX_IS_INSTANCE(obj)) {
        SoxInstance* in = SOX_AS_INSTANCE(obj);
        int32_t slot = sox_shape_find(in->shape, SOX_AS_STRING(name));
        if (slot >= 0 && (uint32_t)slot < in->shape->inlineCapacity) {
            cache->shapeId = in->shape->id;
            cache->payload = FIELD_OFFSET(slot);
            return in->fields[slot];
        }
    }
    return sox_get_property(obj, name);
}

SoxValue sox_set_property_cached(SoxValue obj, SoxValue name, SoxValue value, SoxPropertyCache* cache) {
    if (!SOX_IS_INSTANCE(obj)) return sox_set_property(obj, name, value);
    SoxInstance* in = SOX_AS_INSTANCE(obj);
    SoxShape* shape = in->shape;
    if (cache->fromId == shape->id) { /* the transition seen last time: no lookup at all */
        in->shape = cache->to;
        *(SoxValue*)((char*)in + cache->toOffset) = value;
        return value;
    }
    int32_t slot = sox_shape_find(shape, SOX_AS_STRING(name));
    if (slot >= 0) {
        *sox_instance_slot(in, (uint32_t)slot) = value;
        if ((uint32_t)slot < shape->inlineCapacity) {
            cache->shapeId = shape->id;
            cache->payload = FIELD_OFFSET(slot);
        }
        return value;
    }
    uint32_t added = sox_instance_add_field(in, SOX_AS_STRING(name), value);
    if (added < shape->inlineCapacity) {
        cache->fromId = shape->id;
        cache->to = in->shape;
        cache->toOffset = FIELD_OFFSET(added);
    }
    return value;
}

SoxValue sox_invoke_cached(SoxValue receiver, SoxValue name, uint32_t argc, const SoxValue* args,
                           SoxPropertyCache* cache) {
    if (SOX_IS_INSTANCE(receiver)) {
        SoxInstance* in = SOX_AS_INSTANCE(receiver);
        if (sox_shape_find(in->shape, SOX_AS_STRING(name)) < 0) {
            SoxTableEntry* method = sox_tabledata_find(&in->klass->methods, SOX_AS_STRING(name));
            if (method) {
                SoxClosure* closure = SOX_AS_CLOSURE(method->value);
                if (closure->obj.aux == argc) {
                    cache->shapeId = in->shape->id;
                    cache->payload = (uint64_t)(uintptr_t)closure;
                }
                return sox_call_method(closure, receiver, argc, args);
            }
        }
    }
    return sox_invoke(receiver, name, argc, args);
}
