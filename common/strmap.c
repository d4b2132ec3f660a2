/*
 * strmap.c - open addressing with linear probing, FNV-1a hashes, load <= 1/2.
 */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct strmap {
    char **keys;
    char **values;
    size_t cap;   /* power of two */
    size_t count;
};

static uint64_t hash_string(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

strmap *strmap_new(void)
{
    strmap *map = calloc(1, sizeof *map);
    if (!map)
        return NULL;
    map->cap = 16;
    map->keys = calloc(map->cap, sizeof *map->keys);
    map->values = calloc(map->cap, sizeof *map->values);
    if (!map->keys || !map->values) {
        strmap_free(map);
        return NULL;
    }
    return map;
}

void strmap_free(strmap *map)
{
    if (!map)
        return;
    for (size_t i = 0; map->keys && i < map->cap; i++) {
        free(map->keys[i]);
        free(map->values[i]);
    }
    free(map->keys);
    free(map->values);
    free(map);
}

static size_t find_slot(char *const *keys, size_t cap, const char *key)
{
    size_t i = (size_t)hash_string(key) & (cap - 1);
    while (keys[i] && strcmp(keys[i], key) != 0)
        i = (i + 1) & (cap - 1);
    return i;
}

static int grow(strmap *map)
{
    size_t cap = map->cap * 2;
    char **keys = calloc(cap, sizeof *keys);
    char **values = calloc(cap, sizeof *values);
    if (!keys || !values) {
        free(keys);
        free(values);
        return -1;
    }
    for (size_t i = 0; i < map->cap; i++) {
        if (map->keys[i]) {
            size_t j = find_slot(keys, cap, map->keys[i]);
            keys[j] = map->keys[i];
            values[j] = map->values[i];
        }
    }
    free(map->keys);
    free(map->values);
    map->keys = keys;
    map->values = values;
    map->cap = cap;
    return 0;
}

int strmap_set(strmap *map, const char *key, const char *value, int *old)
{
    if (old)
        *old = 0;
    if ((map->count + 1) * 2 > map->cap && grow(map) != 0)
        return -1;
    size_t i = find_slot(map->keys, map->cap, key);
    char *v = strdup(value);
    if (!v)
        return -1;
    if (map->keys[i]) {
        free(map->values[i]);
        map->values[i] = v;
        if (old)
            *old = 1;
        return 0;
    }
    map->keys[i] = strdup(key);
    if (!map->keys[i]) {
        free(v);
        return -1;
    }
    map->values[i] = v;
    map->count++;
    return 0;
}

const char *strmap_get(const strmap *map, const char *key)
{
    size_t i = find_slot(map->keys, map->cap, key);
    return map->keys[i] ? map->values[i] : NULL;
}

size_t strmap_count(const strmap *map) { return map->count; }

void strmap_each(const strmap *map, void (*fn)(const char *, const char *, void *), void *ctx)
{
    for (size_t i = 0; i < map->cap; i++)
        if (map->keys[i])
            fn(map->keys[i], map->values[i], ctx);
}
