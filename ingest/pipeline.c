/*
 * pipeline.c - a reader thread and two batches handed back and forth.
 */
#include "pipeline.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "textfold.h"

#define BATCH_ROWS 2048
#define BATCHES 2

struct pipeline {
    csv_reader *reader;
    const row_context *ctx;
    pthread_t thread;
    int started;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    pipeline_batch batches[BATCHES];
    int full[BATCHES];         /* filled, not yet taken */
    int taken[BATCHES];        /* taken by the caller, not yet released */
    int next_fill, next_take;
    int stop;                  /* the caller gave up */
    int done;                  /* the last batch was handed over */
    row_values values;
};

/* Copies len bytes and a NUL into the batch's arena; returns the offset or UINT32_MAX. */
static uint32_t arena_put(pipeline_batch *b, const char *s, size_t len)
{
    if (b->arena_len + len + 1 > b->arena_cap) {
        size_t cap = b->arena_cap ? b->arena_cap : 65536;
        while (cap < b->arena_len + len + 1)
            cap *= 2;
        char *grown = realloc(b->arena, cap);
        if (!grown)
            return UINT32_MAX;
        b->arena = grown;
        b->arena_cap = cap;
    }
    uint32_t off = (uint32_t)b->arena_len;
    memcpy(b->arena + off, s, len);
    b->arena[off + len] = '\0';
    b->arena_len += len + 1;
    return off;
}

/* Waits for a free batch; returns it cleared, or NULL if the caller stopped. */
static pipeline_batch *claim(pipeline *p, int *index)
{
    pthread_mutex_lock(&p->lock);
    int i = p->next_fill;
    while (!p->stop && (p->full[i] || p->taken[i]))
        pthread_cond_wait(&p->changed, &p->lock);
    int stop = p->stop;
    pthread_mutex_unlock(&p->lock);
    if (stop)
        return NULL;
    pipeline_batch *b = &p->batches[i];
    b->n = 0;
    b->arena_len = 0;
    b->blank = 0;
    b->totals = 0;
    b->last = b->failed = 0;
    *index = i;
    return b;
}

static void hand_over(pipeline *p, int i)
{
    pthread_mutex_lock(&p->lock);
    p->batches[i].bytes = csv_reader_bytes(p->reader);
    p->full[i] = 1;
    p->next_fill = (i + 1) % BATCHES;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

static int add_reject(pipeline_batch *b, long line, const row_rejection *rej)
{
    pipeline_item *it = &b->items[b->n];
    it->kind = ITEM_REJECT;
    it->line = line;
    it->field = rej->field;
    it->reason = rej->reason;
    it->raw = UINT32_MAX;
    it->raw_len = 0;
    if (rej->raw) {
        size_t len = rej->raw_len > 1000 ? 1000 : rej->raw_len; /* a 30 MB field is not kept whole */
        it->raw = arena_put(b, rej->raw, len);
        it->raw_len = (uint32_t)len;
        if (it->raw == UINT32_MAX)
            return -1;
    }
    b->n++;
    return 0;
}

static int add_row(pipeline_batch *b, long line, const codebook_dataset *ds, const row_values *v)
{
    pipeline_item *it = &b->items[b->n];
    it->kind = ITEM_ROW;
    it->line = line;
    it->zielgruppe = v->zielgruppe;
    it->present = 0;
    for (size_t f = 0; f < ds->n_fields; f++) {
        if (!v->present[f])
            continue;
        it->present |= 1u << f;
        it->num[f] = v->num[f];
        if (v->text[f]) {
            it->text[f] = arena_put(b, v->text[f], strlen(v->text[f]));
            if (it->text[f] == UINT32_MAX)
                return -1;
        }
    }
    b->n++;
    return 0;
}

/*
 * The first column the map reads (in codebook field order, then set-member
 * columns) whose cell holds a spreadsheet error value: sets *col (1-based)
 * and returns the codebook field (the export's header for a member column),
 * or NULL if none. An error value in a column no field uses costs nothing.
 */
static const char *error_field(const header_map *map, const csv_reader *reader, size_t *col)
{
    const codebook_dataset *ds = codebook_dataset_get(map->kind);
    for (size_t f = 0; f < ds->n_fields; f++) {
        *col = (size_t)map->field_column[f] + 1;
        if (map->field_column[f] >= 0 && csv_reader_cell_error(reader, *col))
            return ds->fields[f].name;
    }
    for (size_t m = 0; m < map->n_members; m++) {
        *col = map->members[m].column + 1;
        if (csv_reader_cell_error(reader, *col))
            return map->headers[*col - 1];
    }
    return NULL;
}

/* The first filled cell of a record, for a message (control characters shown as '?' by diag). */
static const char *first_cell(const csv_record *rec)
{
    for (size_t c = 0; c < rec->n_fields; c++) {
        char *v = rec->fields[c];
        size_t len = textfold_trim(&v, rec->lens[c]);
        if (len) {
            v[len] = '\0';
            return v;
        }
    }
    return "";
}

static void *reader_thread(void *arg)
{
    pipeline *p = arg;
    const codebook_dataset *ds = codebook_dataset_get(p->ctx->map->kind);
    csv_record rec;
    row_rejection rej;
    int idx = 0, got = 1;
    pipeline_batch *b = claim(p, &idx);

    while (b) {
        got = csv_reader_next(p->reader, &rec);
        if (got <= 0) {
            b->last = 1;
            b->failed = got < 0;
            hand_over(p, idx);
            break;
        }
        int bad = 0;
        size_t cut = csv_reader_too_long(p->reader), err_col = 0;
        const char *err_field;
        if (cut) {
            /* The reader kept only the start of the field and said so (a NUL: no text to keep). */
            const header_map *map = p->ctx->map;
            int text = !memchr(rec.fields[cut - 1], '\0', rec.lens[cut - 1]);
            rej = (row_rejection){cut <= map->n_columns ? map->headers[cut - 1] : NULL,
                                  text ? rec.fields[cut - 1] : NULL, text ? rec.lens[cut - 1] : 0,
                                  "Feld länger als 16 MiB: kein Wert eines Umfrageexports "
                                  "(Anführungszeichen nicht geschlossen?)"};
            bad = add_reject(b, rec.line, &rej);
        } else if (csv_reader_error_cells(p->reader) &&
                   (err_field = error_field(p->ctx->map, p->reader, &err_col))) {
            /* A workbook cell holding #DIV/0!, #N/A, ...: no value to load, and no value to guess. */
            rej = (row_rejection){err_field, rec.fields[err_col - 1], rec.lens[err_col - 1],
                                  "Fehlerwert der Tabellenkalkulation statt eines Werts (Formel in der "
                                  "Arbeitsmappe prüfen)"};
            bad = add_reject(b, rec.line, &rej);
        } else if (header_map_is_repeat(p->ctx->map, &rec)) {
            /* Exports joined into one file: the header again is no row, nothing is lost. */
            diag_warn(csv_reader_name(p->reader), rec.line, NULL,
                      _("the header line repeats here (exports joined into one file?): skipped"));
            continue;
        } else {
            switch (row_validate(p->ctx, &rec, &p->values, &rej)) {
            case ROW_BLANK:
                b->blank++;
                break;
            case ROW_TOTAL:
                /* A spreadsheet's sum under the data: no row of the export, nothing lost. */
                b->totals++;
                diag_warn(csv_reader_path(p->reader), rec.line, NULL,
                          _("a totals row ('%s'): skipped, it is no record"), first_cell(&rec));
                break;
            case ROW_REJECTED:
                bad = add_reject(b, rec.line, &rej);
                break;
            default:
                bad = add_row(b, rec.line, ds, &p->values);
            }
        }
        if (bad) {
            diag_error(NULL, 0, NULL, _("out of memory"));
            b->last = b->failed = 1;
            hand_over(p, idx);
            break;
        }
        if (b->n == BATCH_ROWS) {
            hand_over(p, idx);
            b = claim(p, &idx);
        }
    }
    pthread_mutex_lock(&p->lock);
    p->done = 1;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

pipeline *pipeline_start(csv_reader *reader, const row_context *ctx)
{
    pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->reader = reader;
    p->ctx = ctx;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    for (int i = 0; i < BATCHES; i++) {
        if (!(p->batches[i].items = malloc(BATCH_ROWS * sizeof *p->batches[i].items))) {
            pipeline_free(p);
            return NULL;
        }
    }
    if (pthread_create(&p->thread, NULL, reader_thread, p) != 0) {
        diag_error(NULL, 0, NULL, _("cannot start the reader thread"));
        pipeline_free(p);
        return NULL;
    }
    p->started = 1;
    return p;
}

pipeline_batch *pipeline_next(pipeline *p)
{
    pipeline_batch *b = NULL;
    pthread_mutex_lock(&p->lock);
    int i = p->next_take;
    while (!p->full[i] && !(p->done && !p->full[i]))
        pthread_cond_wait(&p->changed, &p->lock);
    if (p->full[i]) {
        p->full[i] = 0;
        p->taken[i] = 1;
        p->next_take = (i + 1) % BATCHES;
        b = &p->batches[i];
    }
    pthread_mutex_unlock(&p->lock);
    return b;
}

void pipeline_release(pipeline *p, pipeline_batch *b)
{
    pthread_mutex_lock(&p->lock);
    p->taken[b - p->batches] = 0;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

void pipeline_free(pipeline *p)
{
    if (!p)
        return;
    if (p->started) {
        pthread_mutex_lock(&p->lock);
        p->stop = 1;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
        pthread_join(p->thread, NULL);
    }
    for (int i = 0; i < BATCHES; i++) {
        free(p->batches[i].items);
        free(p->batches[i].arena);
    }
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->changed);
    free(p);
}
