/*
 * strmap.h - a small open-addressing hash map from strings to strings.
 *
 * Used for the config's header and value maps, which are looked up for every
 * field of every row: a linear search would dominate ingest time.
 */
#ifndef DURCHBLICK_STRMAP_H
#define DURCHBLICK_STRMAP_H

#include <stddef.h>

typedef struct strmap strmap;

/* Returns a new empty map owned by the caller (free with strmap_free), NULL on no memory. */
strmap *strmap_new(void);

/* Frees the map and its copies of keys and values; NULL is a no-op. */
void strmap_free(strmap *map);

/*
 * Sets key to value; both are copied. If key is present its value is replaced
 * and, when old is not NULL, *old receives 1. Returns 0, or -1 on no memory.
 */
int strmap_set(strmap *map, const char *key, const char *value, int *old);

/* Returns the value stored for key (owned by the map) or NULL. */
const char *strmap_get(const strmap *map, const char *key);

/* Number of keys. */
size_t strmap_count(const strmap *map);

/* Calls fn for each entry in unspecified order. */
void strmap_each(const strmap *map, void (*fn)(const char *key, const char *value, void *ctx),
                 void *ctx);

#endif
