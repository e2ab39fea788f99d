/* sox_cache.c — the slow paths of property inline caches (runtime-abi.md "Instances, shapes and inline caches").
 *
 * Generated code keeps one SoxPropertyCache per `obj.name` and `obj.name = v` site. Its fast path compares the
 * receiver's shape id with entry 0's and then loads/stores at its offset; everything else comes here, which
 * probes entries 1-3, then does the full lookup and fills an entry (remember_field). Each `obj.name(x)`
 * site has a SoxInvokeCache of four (shape id, method) entries that generated code compares in turn; on a miss
 * it asks sox_invoke_lookup for the method, which probes a global (shape, name) cache first.
 *
 * Why ids and not shape addresses: a dead class's shapes are freed, and a new shape could reuse the address;
 * ids are never reused. When the id matches, the receiver (alive) has that shape, so the shape, its class and
 * the class's method closures are all alive: the cached closure pointer and transition target are valid. Class
 * method tables never change after the class declaration has run, so a method entry cannot go stale. */
#include "sox_internal.h"

#define FIELD_OFFSET(slot) ((uint64_t)offsetof(SoxInstance, fields) + (uint64_t)(slot) * sizeof(SoxValue))

/* Empty entries are filled first; once all are full, every 16th miss replaces one (in turn), so a site that sees
 * more shapes than entries keeps hitting on four of them and a site whose early shapes died comes to cache the
 * current ones. The same policy as the invoke caches' remember(). */
static void remember_field(SoxPropertyCache* cache, uint64_t shapeId, uint32_t slot) {
    uint32_t i = 0;
    while (i < SOX_PROPERTY_CACHE_ENTRIES && cache->entries[i].shapeId != 0) i++;
    if (i == SOX_PROPERTY_CACHE_ENTRIES) {
        uint64_t misses = cache->misses++;
        if (misses % 16 != 15) return;
        i = (uint32_t)(misses / 16 % SOX_PROPERTY_CACHE_ENTRIES);
    }
    /* single-threaded: nothing reads the entry between these two stores */
    cache->entries[i].offset = FIELD_OFFSET(slot);
    cache->entries[i].shapeId = shapeId;
}

/* The entry of `cache` for shape id `id`, or NULL. Generated code probed entry 0 already; probing it again costs
 * one compare and keeps this correct for any caller. */
static inline SoxValue* cached_field(SoxInstance* in, uint64_t id, SoxPropertyCache* cache) {
    for (uint32_t i = 0; i < SOX_PROPERTY_CACHE_ENTRIES; i++)
        if (cache->entries[i].shapeId == id) return (SoxValue*)((char*)in + cache->entries[i].offset);
    return NULL;
}

SoxValue sox_get_property_cached(SoxValue obj, SoxValue name, SoxPropertyCache* cache) {
    if (SOX_IS_INSTANCE(obj)) {
        SoxInstance* in = SOX_AS_INSTANCE(obj);
        SoxValue* field = cached_field(in, in->shape->id, cache);
        if (field) return *field;
        int32_t slot = sox_shape_find(in->shape, SOX_AS_STRING(name));
        if (slot >= 0 && (uint32_t)slot < in->shape->inlineCapacity) {
            remember_field(cache, in->shape->id, (uint32_t)slot);
            return in->fields[slot];
        }
    }
    return sox_get_property(obj, name);
}

SoxValue sox_set_property_cached(SoxValue obj, SoxValue name, SoxValue value, SoxPropertyCache* cache) {
    if (!SOX_IS_INSTANCE(obj)) return sox_set_property(obj, name, value);
    SoxInstance* in = SOX_AS_INSTANCE(obj);
    SoxShape* shape = in->shape;
    SoxValue* field = cached_field(in, shape->id, cache);
    if (field) {
        *field = value;
        return value;
    }
    if (cache->fromId == shape->id) { /* the transition seen last time: no lookup at all */
        in->shape = cache->to;
        *(SoxValue*)((char*)in + cache->toOffset) = value;
        return value;
    }
    int32_t slot = sox_shape_find(shape, SOX_AS_STRING(name));
    if (slot >= 0) {
        *sox_instance_slot(in, (uint32_t)slot) = value;
        if ((uint32_t)slot < shape->inlineCapacity) remember_field(cache, shape->id, (uint32_t)slot);
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

/* ---- method calls: per-site polymorphic entries, then a global (shape, name) -> method cache ---- */

/* Direct-mapped; an entry is valid for as long as a live receiver has its shape (ids are never reused, and a live
 * shape keeps its class and the class's method closures alive). Names are compared by address, which is sound
 * because only static names (compile-time constants, never freed) are entered. 1024 entries of 24 bytes. */
#define SOX_METHOD_CACHE_BITS 10u
typedef struct {
    uint64_t shapeId;
    const SoxString* name;
    SoxClosure* method; /* NULL: a field of that shape hides the name, or the class has no such method */
} SoxMethodCacheEntry;
static SoxMethodCacheEntry methodCache[1u << SOX_METHOD_CACHE_BITS];

static SoxMethodCacheEntry* method_cache_slot(uint64_t shapeId, const SoxString* name) {
    uint64_t h = (shapeId ^ ((uint64_t)name->hash << 20)) * 0x9E3779B97F4A7C15ull; /* Fibonacci hashing */
    return &methodCache[h >> (64u - SOX_METHOD_CACHE_BITS)];
}

/* The class method a call of `name` on an instance of `shape` reaches, or NULL when a field hides it or there is
 * none (§5.3: a field hides a method of the same name); remembered in the global cache when `name` is static.
 * Out of line, so the hit path of sox_invoke_lookup stays a leaf that saves no registers. */
static SOX_NOINLINE SoxClosure* find_method(SoxShape* shape, const SoxString* name, SoxMethodCacheEntry* e) {
    SoxClosure* method = NULL;
    if (sox_shape_find(shape, name) < 0) {
        SoxTableEntry* found = sox_tabledata_find(&shape->klass->methods, name);
        if (found) method = SOX_AS_CLOSURE(found->value);
    }
    if (name->obj.flags & SOX_OBJ_STATIC) {
        e->shapeId = shape->id;
        e->name = name;
        e->method = method;
    }
    return method;
}

/* Empty entries are filled first. Once all are full the site is megamorphic: most misses leave the entries alone
 * (replacing them in turn would make a site that rotates through more shapes than entries miss every time), but
 * every 16th replaces one, so a site whose early shapes are gone still comes to cache the ones it sees now. */
static void remember(SoxInvokeCache* cache, uint64_t shapeId, SoxClosure* method) {
    uint32_t i = 0;
    while (i < SOX_INVOKE_CACHE_ENTRIES && cache->entries[i].shapeId != 0) i++;
    if (i == SOX_INVOKE_CACHE_ENTRIES) {
        uint64_t misses = cache->misses++;
        if (misses % 16 != 15) return;
        i = (uint32_t)(misses / 16 % SOX_INVOKE_CACHE_ENTRIES);
    }
    /* single-threaded: nothing reads the entry between these two stores */
    cache->entries[i].method = method;
    cache->entries[i].shapeId = shapeId;
}

SoxClosure* sox_invoke_lookup(SoxValue receiver, SoxValue name, uint32_t argc, SoxInvokeCache* cache) {
    if (!SOX_IS_INSTANCE(receiver)) return NULL;
    SoxShape* shape = SOX_AS_INSTANCE(receiver)->shape;
    const SoxString* n = SOX_AS_STRING(name);
    SoxMethodCacheEntry* e = method_cache_slot(shape->id, n);
    /* only static names are ever entered, so an equal address is that static name, not a reused one */
    SoxClosure* method = e->shapeId == shape->id && e->name == n ? e->method : find_method(shape, n, e);
    if (method == NULL || method->obj.aux != argc) return NULL;
    remember(cache, shape->id, method);
    return method;
}

SoxValue sox_invoke_cached(SoxValue receiver, SoxValue name, uint32_t argc, const SoxValue* args,
                           SoxInvokeCache* cache) {
    SoxClosure* method = sox_invoke_lookup(receiver, name, argc, cache);
    if (method) return sox_call_method(method, receiver, argc, args);
    return sox_invoke(receiver, name, argc, args);
}

/* ---- inlined methods: one guard per call (SoxInlinedMethodCache) ----
 *
 * Why one compare suffices: the cache's shape id matched, so the receiver is alive with that shape, and the offsets
 * were those of its fields when the cache was filled; a shape's layout never changes (adding a field gives a new
 * shape). The inlined body neither calls nor adds fields (runtime-abi.md), so the receiver keeps that shape to its
 * end. The method closure stays valid for as long as the shape does, as for the invoke cache. */
void sox_inlined_method_fill(SoxValue receiver, SoxClosure* method, SoxInlinedMethodCache* cache) {
    if (!SOX_IS_INSTANCE(receiver)) return;
    SoxShape* shape = SOX_AS_INSTANCE(receiver)->shape;
    if (cache->shapeId == shape->id || cache->failedId == shape->id) return;
    /* Full: another shape calls this method here too (a subclass's instances). As remember() does, replace the
     * entry only on every 16th such call, so one shape keeps running inline instead of both missing in turn. */
    if (cache->shapeId != 0 && cache->misses++ % 16 != 15) return;
    uint64_t count = cache->count;
    uint64_t* offsets = (uint64_t*)&cache->slots[count];
    for (uint64_t i = 0; i < count; i++) {
        int32_t slot = sox_shape_find(shape, cache->slots[i]);
        if (slot < 0 || (uint32_t)slot >= shape->inlineCapacity) {
            cache->failedId = shape->id;
            return;
        }
    }
    cache->shapeId = 0; /* single-threaded: nothing reads the cache while it is rewritten */
    for (uint64_t i = 0; i < count; i++) offsets[i] = FIELD_OFFSET(sox_shape_find(shape, cache->slots[i]));
    cache->method = method;
    cache->shapeId = shape->id;
}

/* A super site's target depends on the superclass, not on the receiver's shape (the same code can run with two
 * superclasses when its class declaration ran twice), so the cache also names the superclass it is for. Class ids
 * are never reused and a class's method table is fixed once its declaration has run, so an equal id means the same
 * method closure; the shape part is then filled exactly as for an invoke site. */
void sox_inlined_super_fill(SoxValue receiver, uint64_t classId, SoxClosure* method, SoxInlinedMethodCache* cache) {
    if (cache->classId != classId) {
        if (cache->classId != 0 && cache->misses++ % 16 != 15) return;
        cache->shapeId = 0; /* single-threaded: nothing reads the cache while it is rewritten */
        cache->failedId = 0;
        cache->misses = 0;
        cache->method = method;
        cache->classId = classId;
    }
    sox_inlined_method_fill(receiver, method, cache);
}

/* A method's own cache (the entry guard of its second copy): one shape, never replaced. Its offsets stay right for
 * the whole call even when the call adds fields to `this`: adding a field keeps every existing one in its slot. */
void sox_method_entry_fill(SoxValue receiver, SoxInlinedMethodCache* cache) {
    if (cache->shapeId != 0 || !SOX_IS_INSTANCE(receiver)) return;
    SoxShape* shape = SOX_AS_INSTANCE(receiver)->shape;
    uint64_t count = cache->count;
    uint64_t* offsets = (uint64_t*)&cache->slots[count];
    for (uint64_t i = 0; i < count; i++) {
        int32_t slot = sox_shape_find(shape, cache->slots[i]);
        if (slot < 0 || (uint32_t)slot >= shape->inlineCapacity) {
            if (++cache->misses == 16) cache->shapeId = UINT64_MAX;
            return;
        }
        offsets[i] = FIELD_OFFSET(slot);
    }
    cache->shapeId = shape->id;
}
