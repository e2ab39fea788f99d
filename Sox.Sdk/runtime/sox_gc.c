/* sox_gc.c — allocator and mark-sweep collector (architecture.md D4, runtime-abi.md "Globals and roots").
 *
 * The collector knows objects only through the per-type table the object files register (sox_gc_register_type):
 * how to trace an object's references, how to free what it owns outside the heap, and its size. It calls into
 * no other runtime file except through that table; memory comes from the platform layer, and with it the pool
 * of freed blocks kept for reuse, which is part of the collector's state below.
 *
 * Heap layout: every object lives in a 64 KiB-aligned block that starts with a PageHeader.
 *  - Small objects (<= SOX_SMALL_MAX bytes) share a 64 KiB page of one size class; the slot number is kept in
 *    the object header's `reserved` field so marking needs no division; per-page `alloc` and `mark` bitmaps.
 *  - Large objects get a block of their own (a multiple of 64 KiB) and carry SOX_GC_FLAG_LARGE in `flags`.
 * A two-level page map (address >> 16 -> header) answers "does this word point into a live heap object?" in O(1)
 * for the conservative scan of the native stack; interior pointers count too, which keeps objects alive while
 * optimised C code holds only a pointer into them (e.g. to a string's bytes).
 * The heap is traced precisely; static objects (SOX_OBJ_STATIC, emitted in .data) are never freed and never
 * traced: the ABI allows only reference-free static objects (strings, natives, capture-free closures). */
#include "sox_internal.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#define SOX_PAGE_SHIFT 16
#define SOX_PAGE_SIZE ((size_t)1 << SOX_PAGE_SHIFT)
#define SOX_SMALL_MAX 8192
#define SOX_GC_FLAG_LARGE 0x02
#define SOX_MIN_THRESHOLD ((size_t)4 << 20)

typedef struct PageHeader {
    uint32_t large;       /* 0 small page, 1 large block */
    uint32_t objSize;     /* slot size (small) or object size (large) */
    uint32_t slotCount;
    uint32_t firstOffset; /* offset of slot 0 from the header */
    uint32_t sizeClass;
    uint32_t liveSlots;
    uint32_t finalizable; /* some object here may own a side buffer (array, table, instance, class) */
    size_t blockSize;
    struct PageHeader* next;
    uint64_t alloc[64];   /* 4096 slots at most: (64 KiB - header) / 16 */
    uint64_t mark[64];
} PageHeader;

static const uint32_t classSizes[] = {
    16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768, 896, 1024,
    1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096, 5120, 6144, 7168, 8192};
#define SOX_CLASS_COUNT ((int)(sizeof classSizes / sizeof classSizes[0]))

/* Allocation finds a clear bit in the pages' `alloc` bitmaps (64 slots per word, from a cursor that only moves
 * forward between collections), so sweeping is `alloc &= mark` per word: no free list is threaded through dead
 * slots, and only pages that hold objects with side buffers look at their dead objects at all. */
typedef struct SizeClass {
    PageHeader* pages;
    PageHeader* cursor;   /* page being allocated from; NULL: every page is full until the next sweep */
    uint32_t cursorWord;  /* first alloc word of `cursor` that may have a clear bit */
    bool cursorFresh;     /* cursor is a page added since the sweep: the pages after it are full */
    uint64_t free;        /* clear bits of cursor->alloc[cursorWord] not yet handed out (a subset of them);
                           * 0 whenever the cursor moves, so sox_gc_alloc's fast path never looks at a stale page */
} SizeClass;

typedef struct RootRange {
    SoxValue* slots;
    size_t count;
} RootRange;

/* Freed blocks are kept in a pool (bounded: SOX_POOL_MIN or a quarter of the heap) so a program that allocates
 * garbage in a loop does not pay an mmap/munmap pair per page, while its memory stays bounded. */
#define SOX_POOL_MIN ((size_t)16 << 20)

static struct {
    SoxTypeInfo types[SOX_OBJ_TYPE_LIMIT]; /* registered by the object files */
    SizeClass classes[SOX_CLASS_COUNT];
    uint8_t classOfSmall[SOX_SMALL_MAX / 16 + 1]; /* (size + 15) / 16 -> class index */
    PageHeader* largePages;
    size_t bytesAllocated;   /* since the last collection, objects and side buffers */
    size_t nextCollection;
    size_t objectBytesLive;  /* bytes of live slots after the last collection */
    size_t sideBytes;        /* bytes currently held by side buffers */
    size_t heapBytes;        /* bytes of blocks held */
    uint64_t collections;
    uint64_t totalAllocated;
    bool stress;
    bool collecting;
    RootRange* roots;
    size_t rootCount, rootCapacity;
    SoxObj** gray;
    size_t grayCount, grayCapacity;
    PageHeader* pooledPages;  /* freed 64 KiB blocks */
    PageHeader* pooledLarge;  /* freed larger blocks, any size */
    size_t pooledBytes;
    /* page map: two levels over 48-bit addresses, 64 KiB granules; index addr >> 32, then (addr >> 16) & 0xffff */
    PageHeader** pageMap[1u << 16];
} gc;

void sox_gc_register_type(SoxObjType type, const SoxTypeInfo* info) {
    if ((unsigned)type >= SOX_OBJ_TYPE_LIMIT || info->size == NULL) sox_runtime_error("Bad object type %d.", (int)type);
    gc.types[type] = *info;
}

/* ---- page map ---- */
static void map_block(PageHeader* p, size_t size, bool add) {
    for (uintptr_t a = (uintptr_t)p; a < (uintptr_t)p + size; a += SOX_PAGE_SIZE) {
        PageHeader*** l1 = &gc.pageMap[(a >> 32) & 0xffff];
        if (*l1 == NULL) {
            if (!add) continue;
            *l1 = calloc((size_t)1 << 16, sizeof(PageHeader*));
            if (*l1 == NULL) sox_runtime_error("Out of memory.");
        }
        (*l1)[(a >> 16) & 0xffff] = add ? p : NULL;
    }
}

static inline PageHeader* page_for_address(uintptr_t a) {
    if (a >> 48) return NULL;
    PageHeader** l2 = gc.pageMap[a >> 32];
    return l2 ? l2[(a >> 16) & 0xffff] : NULL;
}

/* ---- helpers ---- */
void* sox_xmalloc(size_t size) {
    void* p = malloc(size ? size : 1);
    if (p == NULL) sox_runtime_error("Out of memory.");
    return p;
}

void* sox_xrealloc(void* p, size_t size) {
    void* q = realloc(p, size ? size : 1);
    if (q == NULL) sox_runtime_error("Out of memory.");
    return q;
}

void sox_gc_account(ptrdiff_t delta) {
    gc.sideBytes += (size_t)delta;
    if (delta > 0) gc.bytesAllocated += (size_t)delta;
}

void sox_gc_init(void) {
    for (uint32_t i = 0, c = 0; i <= SOX_SMALL_MAX / 16; i++) {
        while (classSizes[c] < i * 16) c++;
        gc.classOfSmall[i] = (uint8_t)c;
    }
    gc.nextCollection = SOX_MIN_THRESHOLD;
    const char* stress = sox_platform_getenv("SOX_GC_STRESS");
    gc.stress = stress != NULL && stress[0] != '\0' && strcmp(stress, "0") != 0;
}

void sox_gc_add_roots(SoxValue* slots, size_t count) {
    if (gc.rootCount == gc.rootCapacity) {
        gc.rootCapacity = gc.rootCapacity ? gc.rootCapacity * 2 : 16;
        gc.roots = sox_xrealloc(gc.roots, gc.rootCapacity * sizeof(RootRange));
    }
    gc.roots[gc.rootCount].slots = slots;
    gc.roots[gc.rootCount].count = count;
    gc.rootCount++;
}

/* ---- marking ---- */
static void gray_push(SoxObj* o) {
    if (gc.grayCount == gc.grayCapacity) {
        gc.grayCapacity = gc.grayCapacity ? gc.grayCapacity * 2 : 1024;
        gc.gray = sox_xrealloc(gc.gray, gc.grayCapacity * sizeof(SoxObj*));
    }
    gc.gray[gc.grayCount++] = o;
}

static inline PageHeader* page_of_object(SoxObj* o) {
    if (o->flags & SOX_GC_FLAG_LARGE) return (PageHeader*)((uintptr_t)o & ~(uintptr_t)(SOX_PAGE_SIZE - 1));
    return (PageHeader*)((uintptr_t)o & ~(uintptr_t)(SOX_PAGE_SIZE - 1));
}

/** Marks a heap object known to be the start of an allocated object (precise references). */
static inline void mark_object(SoxObj* o) {
    if (o == NULL || (o->flags & SOX_OBJ_STATIC)) return;
    PageHeader* p = page_of_object(o);
    uint32_t slot = o->reserved;
    uint64_t bit = (uint64_t)1 << (slot & 63);
    if (p->mark[slot >> 6] & bit) return;
    p->mark[slot >> 6] |= bit;
    if (gc.types[o->type].trace) gray_push(o); /* objects without references are done once marked */
}

static inline void mark_value(SoxValue v) {
    if (SOX_IS_OBJ(v)) mark_object(SOX_AS_OBJ(v));
}

void sox_gc_mark(SoxObj* o) { mark_object(o); }

void sox_gc_mark_values(const SoxValue* values, size_t count) {
    for (size_t i = 0; i < count; i++) mark_value(values[i]);
}

/* Under SOX_GC_STRESS every traced object is also checked against its slot: an object larger than the slot it
 * was given means a type's size and the size it was allocated with disagree (memory corruption). */
static void check_size(SoxObj* o) {
    size_t size = gc.types[o->type].size(o);
    PageHeader* p = page_of_object(o);
    if (size < sizeof(SoxObj) || size > p->objSize)
        sox_runtime_error("Heap check: a %s object of %llu bytes in a slot of %u.", gc.types[o->type].name,
                          (unsigned long long)size, p->objSize);
}

static void trace(SoxObj* o) {
    if (SOX_UNLIKELY(gc.stress)) check_size(o);
    gc.types[o->type].trace(o);
}

/** Conservative: w may be a boxed object, a raw pointer into a heap object, or anything else. */
static inline void mark_candidate(uintptr_t w) {
    uintptr_t a = SOX_IS_OBJ((uint64_t)w) ? (uintptr_t)((uint64_t)w & ~(SOX_SIGN | SOX_QNAN)) : w;
    PageHeader* p = page_for_address(a);
    if (p == NULL) return;
    uintptr_t first = (uintptr_t)p + p->firstOffset;
    if (a < first) return;
    uint32_t slot = p->large ? 0 : (uint32_t)((a - first) / p->objSize);
    if (slot >= p->slotCount || (p->large && a >= first + p->objSize)) return;
    if (!(p->alloc[slot >> 6] & ((uint64_t)1 << (slot & 63)))) return;
    mark_object((SoxObj*)(first + (uintptr_t)slot * p->objSize));
}

static SOX_NOINLINE void scan_stack(void) {
    volatile uintptr_t here = 0;
    uintptr_t lo = (uintptr_t)&here & ~(uintptr_t)7;
    if (sox_stack_top == 0 || lo < sox_stack_bottom || lo >= sox_stack_top) return; /* not on the Sox stack */
    for (uintptr_t a = lo; a + sizeof(uintptr_t) <= sox_stack_top; a += sizeof(uintptr_t))
        mark_candidate(*(uintptr_t*)a);
}

static SOX_NOINLINE void mark_roots(void) {
    for (size_t r = 0; r < gc.rootCount; r++)
        for (size_t i = 0; i < gc.roots[r].count; i++) mark_value(gc.roots[r].slots[i]);
    scan_stack();
    while (gc.grayCount > 0) trace(gc.gray[--gc.grayCount]);
}

/* ---- sweeping ---- */
/* An object that may own memory outside the heap has died: its type gives that memory back. */
static void finalize(SoxObj* o) {
    void (*release)(SoxObj*) = gc.types[o->type].free;
    if (release) release(o);
}

/* Returns a block of at least `size` bytes whose blockSize field holds its real size. */
static void release_block(PageHeader* p) {
    map_block(p, p->blockSize, false);
    gc.heapBytes -= p->blockSize;
    size_t limit = gc.heapBytes / 4 > SOX_POOL_MIN ? gc.heapBytes / 4 : SOX_POOL_MIN;
    if (gc.pooledBytes + p->blockSize <= limit) {
        PageHeader** list = p->blockSize == SOX_PAGE_SIZE ? &gc.pooledPages : &gc.pooledLarge;
        p->next = *list;
        *list = p;
        gc.pooledBytes += p->blockSize;
        return;
    }
    sox_platform_free_pages(p, p->blockSize);
}

static PageHeader* acquire_block(size_t size) {
    PageHeader** link = size == SOX_PAGE_SIZE ? &gc.pooledPages : &gc.pooledLarge;
    PageHeader** best = NULL;
    for (; *link; link = &(*link)->next) {
        size_t have = (*link)->blockSize;
        if (have >= size && have <= size * 2 && (best == NULL || have < (*best)->blockSize)) best = link;
        if (have == size) break;
    }
    if (best) { /* a pooled block at most twice the size: reuse it whole, keeping its own blockSize */
        PageHeader* p = *best;
        *best = p->next;
        gc.pooledBytes -= p->blockSize;
        return p;
    }
    PageHeader* p = sox_platform_alloc_pages(size);
    if (p == NULL) sox_runtime_error("Out of memory.");
    p->blockSize = size;
    return p;
}

static void sweep(void) {
    size_t live = 0;
    for (int c = 0; c < SOX_CLASS_COUNT; c++) {
        SizeClass* sc = &gc.classes[c];
        PageHeader** link = &sc->pages;
        while (*link) {
            PageHeader* p = *link;
            uintptr_t first = (uintptr_t)p + p->firstOffset;
            uint32_t liveSlots = 0;
            for (uint32_t w = 0; w * 64 < p->slotCount; w++) {
                uint64_t dead = p->alloc[w] & ~p->mark[w];
                while (dead && p->finalizable) {
                    uint32_t slot = w * 64 + (uint32_t)__builtin_ctzll(dead);
                    finalize((SoxObj*)(first + (uintptr_t)slot * p->objSize));
                    dead &= dead - 1;
                }
                p->alloc[w] &= p->mark[w];
                p->mark[w] = 0;
                liveSlots += (uint32_t)__builtin_popcountll(p->alloc[w]);
            }
            if (liveSlots == 0) { /* give empty pages back so garbage loops run in bounded memory */
                *link = p->next;
                release_block(p);
                continue;
            }
            p->liveSlots = liveSlots;
            live += (size_t)liveSlots * p->objSize;
            link = &p->next;
        }
    }
    PageHeader** link = &gc.largePages;
    while (*link) {
        PageHeader* p = *link;
        if (!(p->mark[0] & 1)) {
            *link = p->next;
            finalize((SoxObj*)((uintptr_t)p + p->firstOffset));
            release_block(p);
            continue;
        }
        p->mark[0] = 0;
        live += p->objSize;
        link = &p->next;
    }
    gc.objectBytesLive = live;
    for (int c = 0; c < SOX_CLASS_COUNT; c++) {
        gc.classes[c].cursor = gc.classes[c].pages;
        gc.classes[c].cursorWord = 0;
        gc.classes[c].cursorFresh = false;
        gc.classes[c].free = 0; /* the sweep may have released the cursor's page */
    }
}

static SOX_NOINLINE void collect_with_registers_spilled(void) {
    mark_roots();
    sweep();
}

void sox_gc_collect(void) {
    if (gc.collecting) return;
    gc.collecting = true;
    /* Callee-saved registers may hold the only reference to an object: spill them into this frame, which
     * lies inside the scanned range (scan_stack starts below it). */
    jmp_buf registers;
#if defined(__GNUC__) || defined(__clang__)
    __builtin_unwind_init();
#endif
    setjmp(registers);
    collect_with_registers_spilled();
    gc.collections++;
    gc.bytesAllocated = 0;
    size_t live = gc.objectBytesLive + gc.sideBytes;
    gc.nextCollection = live * 2 > SOX_MIN_THRESHOLD ? live * 2 : SOX_MIN_THRESHOLD;
    gc.collecting = false;
    (void)registers;
}

/* ---- allocation ---- */
void sox_gc_needs_finalize(SoxObj* o) {
    if (!(o->flags & SOX_GC_FLAG_LARGE)) page_of_object(o)->finalizable = 1; /* large blocks always are */
}

/* A new page for class c, made the allocation cursor. */
static SOX_NOINLINE void refill(int c) {
    SizeClass* sc = &gc.classes[c];
    PageHeader* p = acquire_block(SOX_PAGE_SIZE);
    memset(p, 0, sizeof(PageHeader));
    p->objSize = classSizes[c];
    p->sizeClass = (uint32_t)c;
    p->firstOffset = (uint32_t)((sizeof(PageHeader) + 15) & ~(size_t)15);
    p->slotCount = (uint32_t)((SOX_PAGE_SIZE - p->firstOffset) / p->objSize);
    p->blockSize = SOX_PAGE_SIZE;
    p->next = sc->pages;
    sc->pages = p;
    map_block(p, SOX_PAGE_SIZE, true);
    gc.heapBytes += SOX_PAGE_SIZE;
    sc->cursor = p;
    sc->cursorWord = 0;
    sc->cursorFresh = true;
    sc->free = 0;
}

/* The first free slot at or after the cursor, moving the cursor; -1 when the class's pages are full. */
static inline int32_t next_free_slot(SizeClass* sc) {
    for (PageHeader* p = sc->cursor; p;) {
        uint32_t words = (p->slotCount + 63) >> 6;
        for (uint32_t w = sc->cursorWord; w < words; w++) {
            uint64_t valid = (w + 1) * 64 <= p->slotCount ? ~(uint64_t)0 : ((uint64_t)1 << (p->slotCount & 63)) - 1;
            uint64_t free = ~p->alloc[w] & valid;
            if (free) {
                sc->cursorWord = w;
                return (int32_t)(w * 64 + (uint32_t)__builtin_ctzll(free));
            }
        }
        p = sc->cursorFresh ? NULL : p->next; /* pages after a fresh page were full already */
        sc->cursor = p;
        sc->cursorWord = 0;
    }
    return -1;
}

static SOX_NOINLINE void* alloc_large(size_t size, SoxObjType type) {
    size_t first = (sizeof(PageHeader) + 15) & ~(size_t)15;
    size_t block = (first + size + SOX_PAGE_SIZE - 1) & ~(SOX_PAGE_SIZE - 1);
    PageHeader* p = acquire_block(block);
    block = p->blockSize; /* a reused pooled block may be larger */
    memset(p, 0, first + size);
    p->large = 1;
    p->objSize = (uint32_t)size;
    p->slotCount = 1;
    p->firstOffset = (uint32_t)first;
    p->blockSize = block;
    p->alloc[0] = 1;
    p->next = gc.largePages;
    gc.largePages = p;
    map_block(p, block, true);
    gc.heapBytes += block;
    SoxObj* o = (SoxObj*)((uintptr_t)p + first);
    o->type = (uint8_t)type;
    o->flags = SOX_GC_FLAG_LARGE;
    return o;
}

/* Most objects are 16-64 bytes; straight-line stores beat a call to memset for those (memset was the largest
 * single cost of allocation-heavy programs). Slot sizes are multiples of 16. */
static inline void zero_slot(void* slot, uint32_t size) {
    if (size > 64) {
        memset(slot, 0, size);
        return;
    }
    uint64_t* w = slot;
    w[0] = 0;
    w[1] = 0;
    if (size > 16) { w[2] = 0; w[3] = 0; }
    if (size > 32) { w[4] = 0; w[5] = 0; }
    if (size > 48) { w[6] = 0; w[7] = 0; }
}

/* Hands out `slot` of the cursor page of class c: marks it allocated, zeroes it, writes the header. */
static inline void* place(SizeClass* sc, int c, uint32_t slot, SoxObjType type) {
    PageHeader* p = sc->cursor;
    void* f = (char*)p + p->firstOffset + (size_t)slot * p->objSize;
    p->alloc[slot >> 6] |= (uint64_t)1 << (slot & 63);
    if (gc.types[type].free && !gc.types[type].freeOnRequest) p->finalizable = 1;
    uint32_t objSize = classSizes[c];
    zero_slot(f, objSize);
    SoxObj* o = (SoxObj*)f;
    o->type = (uint8_t)type;
    o->reserved = (uint16_t)slot;
    gc.bytesAllocated += objSize;
    gc.totalAllocated += objSize;
    return o;
}

/* Everything but the common case: a collection first, large objects, and finding the next word with clear bits
 * (or a new page), whose other clear bits the fast path then hands out. */
static SOX_NOINLINE void* alloc_slow(size_t size, SoxObjType type) {
    if (SOX_UNLIKELY(gc.stress || gc.bytesAllocated >= gc.nextCollection)) sox_gc_collect();
    if (SOX_UNLIKELY(size > SOX_SMALL_MAX)) {
        if (size > UINT32_MAX) sox_runtime_error("Out of memory.");
        /* count the whole block: that is the memory the next collection can give back */
        size_t block = ((sizeof(PageHeader) + 15) & ~(size_t)15) + size;
        block = (block + SOX_PAGE_SIZE - 1) & ~(SOX_PAGE_SIZE - 1);
        gc.bytesAllocated += block;
        gc.totalAllocated += size;
        return alloc_large(size, type);
    }
    int c = gc.classOfSmall[(size + 15) >> 4];
    SizeClass* sc = &gc.classes[c];
    int32_t found = sc->free ? (int32_t)(sc->cursorWord * 64 + (uint32_t)__builtin_ctzll(sc->free)) : next_free_slot(sc);
    if (SOX_UNLIKELY(found < 0)) {
        refill(c);
        found = 0;
    }
    void* o = place(sc, c, (uint32_t)found, type);
    /* the rest of this word's clear bits, for the fast path (valid: only slots below slotCount) */
    PageHeader* p = sc->cursor;
    uint32_t w = (uint32_t)found >> 6;
    uint64_t valid = (w + 1) * 64 <= p->slotCount ? ~(uint64_t)0 : ((uint64_t)1 << (p->slotCount & 63)) - 1;
    sc->cursorWord = w;
    sc->free = ~p->alloc[w] & valid;
    return o;
}

/* The fast path: no collection due, a small object, and a clear bit left in the cursor's current alloc word. */
void* sox_gc_alloc(size_t size, SoxObjType type) {
    if (SOX_LIKELY(!gc.stress && gc.bytesAllocated < gc.nextCollection && size <= SOX_SMALL_MAX)) {
        int c = gc.classOfSmall[(size + 15) >> 4];
        SizeClass* sc = &gc.classes[c];
        uint64_t free = sc->free;
        if (SOX_LIKELY(free != 0)) {
            sc->free = free & (free - 1);
            return place(sc, c, sc->cursorWord * 64 + (uint32_t)__builtin_ctzll(free), type);
        }
    }
    return alloc_slow(size, type);
}

void sox_gc_stats(SoxGcStats* out) {
    out->collections = gc.collections;
    out->bytesLive = gc.objectBytesLive + gc.sideBytes;
    out->bytesAllocated = gc.bytesAllocated;
    out->totalAllocated = gc.totalAllocated;
    out->heapBytes = gc.heapBytes;
}
