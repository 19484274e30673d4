/* idmap.c: identifier string -> index (see idmap.h). */
#include "idmap.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* 32 bytes: a lookup touches one cache line. Keys up to 16 bytes (every
 * id a real system writes) sit in the slot; longer ones in the arena. */
#define INLINE_KEY 16
typedef struct slot {
    uint64_t hash;    /* 0 = empty (a real hash of 0 is stored as 1) */
    uint32_t len;
    int32_t value;
    union {
        char bytes[INLINE_KEY];
        uint32_t off; /* arena offset when len > INLINE_KEY */
    } key;
} slot;

static const char *slot_key(const idmap *m, const slot *s);

struct idmap {
    slot *slots;
    size_t cap, count;
    char *arena;
    size_t used, arena_cap;
};

/* 8 bytes at a time, each mixed with a multiply and shifts: ids are short
 * ASCII strings that differ in their last digits, so every byte counts. */
static uint64_t hash_key(const char *s, size_t len) {
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (len * 0xff51afd7ed558ccdULL);
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
        h ^= h >> 29;
        s += 8;
        len -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, len);
    h = (h ^ w) * 0xff51afd7ed558ccdULL;
    h ^= h >> 32;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 29;
    return h ? h : 1;
}

idmap *idmap_new(void) {
    idmap *m = xcalloc(1, sizeof *m);
    m->cap = 1024;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    return m;
}

void idmap_free(idmap *m) {
    if (!m) return;
    free(m->slots);
    free(m->arena);
    free(m);
}

void idmap_clear(idmap *m) {
    memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->count = 0;
    m->used = 0;
}

size_t idmap_count(const idmap *m) { return m->count; }

static slot *probe(const idmap *m, uint64_t h, const char *key, size_t len) {
    size_t mask = m->cap - 1, i = (size_t)h & mask;
    for (;;) {
        slot *s = &m->slots[i];
        if (!s->hash) return s;
        if (s->hash == h && s->len == len && memcmp(slot_key(m, s), key, len) == 0) return s;
        i = (i + 1) & mask;
    }
}

int32_t idmap_find(const idmap *m, const char *key, size_t len) {
    const slot *s = probe(m, hash_key(key, len), key, len);
    return s->hash ? s->value : -1;
}

static void grow(idmap *m) {
    slot *old = m->slots;
    size_t old_cap = m->cap;
    m->cap *= 2;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    for (size_t i = 0; i < old_cap; i++) {
        if (!old[i].hash) continue;
        size_t j = (size_t)old[i].hash & (m->cap - 1);
        while (m->slots[j].hash) j = (j + 1) & (m->cap - 1);
        m->slots[j] = old[i];
    }
    free(old);
}

int32_t idmap_put(idmap *m, const char *key, size_t len, int32_t value) {
    if ((m->count + 1) * 2 > m->cap) grow(m);
    uint64_t h = hash_key(key, len);
    slot *s = probe(m, h, key, len);
    if (s->hash) return s->value;
    if (len <= INLINE_KEY) {
        memcpy(s->key.bytes, key, len);
    } else {
        if (m->used + len > m->arena_cap) {
            while (m->used + len > m->arena_cap) m->arena_cap = m->arena_cap ? m->arena_cap * 2 : 65536;
            m->arena = xrealloc(m->arena, m->arena_cap);
        }
        memcpy(m->arena + m->used, key, len);
        s->key.off = (uint32_t)m->used;
        m->used += len;
    }
    s->hash = h;
    s->len = (uint32_t)len;
    s->value = value;
    m->count++;
    return value;
}

static const char *slot_key(const idmap *m, const slot *s) {
    return s->len <= INLINE_KEY ? s->key.bytes : m->arena + s->key.off;
}
