/*
 * pipeline.h - reading and validating on a second thread, while the caller writes to SQLite.
 *
 * Parsing and validation take about half of a load, SQLite the other half; on
 * two cores they overlap. The reader thread fills batches of validated rows and
 * rejections; the caller takes them in file order. Two batches are in flight at
 * most, so memory stays bounded whatever the file's size.
 */
#ifndef DURCHBLICK_PIPELINE_H
#define DURCHBLICK_PIPELINE_H

#include <stdint.h>

#include "row.h"

typedef enum { ITEM_ROW, ITEM_REJECT } pipeline_item_kind;

typedef struct pipeline_item {
    pipeline_item_kind kind;
    long line;
    /* ITEM_ROW */
    int zielgruppe;
    uint32_t present;                     /* bit f: field f has a value */
    long long num[HEADER_MAX_FIELDS];
    uint32_t text[HEADER_MAX_FIELDS];     /* offset of the NUL-terminated text in the arena */
    /* ITEM_REJECT */
    const char *field;                    /* static or owned by the header map */
    uint32_t raw, raw_len;                /* raw value in the arena; raw_len 0 and raw UINT32_MAX: none */
    const char *reason;
} pipeline_item;

typedef struct pipeline_batch {
    pipeline_item *items;
    size_t n;
    char *arena;
    size_t arena_len, arena_cap;
    long blank;                /* entirely empty lines skipped in this batch */
    long totals;               /* totals rows ("Summe") skipped in this batch */
    unsigned long long bytes;  /* bytes read when the batch was handed over */
    int last;                  /* no batch follows */
    int failed;                /* the file ended in a read or parse error (reported) */
} pipeline_batch;

typedef struct pipeline pipeline;

/*
 * Starts the reader thread over reader (after its header line) with ctx.
 * reader and ctx must outlive the pipeline. Returns NULL on no memory or if
 * no thread can be started (reported).
 */
pipeline *pipeline_start(csv_reader *reader, const row_context *ctx);

/* Waits for the next batch, in file order. Returns NULL when the last was taken. */
pipeline_batch *pipeline_next(pipeline *p);

/* Hands a batch taken with pipeline_next back for reuse. */
void pipeline_release(pipeline *p, pipeline_batch *b);

/* Stops the reader thread (if still running), joins it and frees everything; NULL is a no-op. */
void pipeline_free(pipeline *p);

#endif
