/*
 * loader.c - one prepared upsert inside one transaction, as sqlite3's .import;
 * rejected rows are counted, stored and reported, and loading goes on.
 */
#include "loader.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "database.h"
#include "diag.h"
#include "header.h"
#include "interrupt.h"
#include "pipeline.h"
#include "reject_summary.h"
#include "row.h"
#include "i18n.h"

#define SQL_MAX 2048

typedef struct loader {
    sqlite3 *db;
    const char *db_path;
    const char *path;
    const loader_options *opt;
    sqlite3_stmt *upsert;
    sqlite3_stmt *reject;
    long lieferung;
} loader;

/* INSERT ... ON CONFLICT DO UPDATE over the dataset's key, refusing a second copy of a key in one file. */
static void build_upsert_sql(dataset_kind kind, char *sql, size_t cap)
{
    const codebook_dataset *ds = codebook_dataset_get(kind);
    static const char *const keys[DATASET_COUNT] = {"fall_id, baustein, eintritt", "angebot_id",
                                                    "jahr, baustein"};
    size_t n = (size_t)snprintf(sql, cap, "INSERT INTO %s(", ds->name);
    for (size_t f = 0; f < ds->n_fields; f++)
        n += (size_t)snprintf(sql + n, cap - n, "%s, ", ds->fields[f].name);
    n += (size_t)snprintf(sql + n, cap - n, "%slieferung, zeile) VALUES(",
                          kind == DATASET_TEILNAHMEN ? "zielgruppe, " : "");
    size_t params = ds->n_fields + 2 + (kind == DATASET_TEILNAHMEN);
    for (size_t i = 0; i < params; i++)
        n += (size_t)snprintf(sql + n, cap - n, "%s?", i ? ", " : "");
    n += (size_t)snprintf(sql + n, cap - n, ") ON CONFLICT(%s) DO UPDATE SET ", keys[kind]);
    for (size_t f = 0; f < ds->n_fields; f++)
        n += (size_t)snprintf(sql + n, cap - n, "%s = excluded.%s, ", ds->fields[f].name,
                              ds->fields[f].name);
    if (kind == DATASET_TEILNAHMEN)
        n += (size_t)snprintf(sql + n, cap - n, "zielgruppe = excluded.zielgruppe, ");
    snprintf(sql + n, cap - n,
             "lieferung = excluded.lieferung, zeile = excluded.zeile WHERE %s.lieferung <> excluded.lieferung",
             ds->name);
}

static void bind_item(loader *ld, const pipeline_batch *b, const pipeline_item *it)
{
    const codebook_dataset *ds = codebook_dataset_get(ld->opt->kind);
    sqlite3_stmt *st = ld->upsert;
    int p = 1;
    for (size_t f = 0; f < ds->n_fields; f++, p++) {
        if (!(it->present & (1u << f))) {
            sqlite3_bind_null(st, p);
            continue;
        }
        switch (ds->fields[f].type) {
        case FIELD_YEAR:
        case FIELD_BAUSTEIN:
        case FIELD_INT:
        case FIELD_BOOL:
            sqlite3_bind_int64(st, p, it->num[f]);
            break;
        case FIELD_MONEY:
            sqlite3_bind_double(st, p, (double)it->num[f] / 100.0);
            break;
        default:
            sqlite3_bind_text(st, p, b->arena + it->text[f], -1, SQLITE_STATIC);
        }
    }
    if (ld->opt->kind == DATASET_TEILNAHMEN)
        sqlite3_bind_int(st, p++, it->zielgruppe);
    sqlite3_bind_int64(st, p++, ld->lieferung);
    sqlite3_bind_int64(st, p, it->line);
}

/* At most 1000 bytes of a raw value, cut at a character boundary: a 30 MB field is not worth keeping whole. */
static size_t raw_keep_len(const char *raw, size_t len)
{
    if (len <= 1000)
        return len;
    len = 1000;
    while (len > 0 && ((unsigned char)raw[len] & 0xC0) == 0x80)
        len--;
    return len;
}

/*
 * Writes one cell of the rejects CSV. A value starting with = + - @, tab or CR
 * gets a leading apostrophe, so that a spreadsheet shows it as text instead of
 * running it as a formula (the database keeps the exact value).
 */
static void rejects_write_cell(FILE *out, const char *s, size_t len)
{
    char *quoted = NULL;
    if (len > 0 && memchr("=+-@\t\r", s[0], 6) && (quoted = malloc(len + 1))) {
        quoted[0] = '\'';
        memcpy(quoted + 1, s, len);
        s = quoted;
        len++;
    }
    csv_fwrite(out, s, len);
    free(quoted);
}

static dbk_error store_reject(loader *ld, long line, const row_rejection *rej)
{
    sqlite3_stmt *st = ld->reject;
    sqlite3_bind_int64(st, 1, ld->lieferung);
    sqlite3_bind_int64(st, 2, line);
    if (rej->field)
        sqlite3_bind_text(st, 3, rej->field, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 3);
    size_t raw_len = rej->raw ? raw_keep_len(rej->raw, rej->raw_len) : 0;
    if (rej->raw)
        sqlite3_bind_text(st, 4, rej->raw, (int)raw_len, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 4);
    sqlite3_bind_text(st, 5, rej->reason, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        diag_error(ld->db_path, 0, NULL, _("cannot store a rejected row: %s"), database_errmsg(ld->db));
        return database_error_from(rc);
    }
    if (ld->opt->rejects) {
        FILE *out = ld->opt->rejects;
        char num[32];
        rejects_write_cell(out, ld->path, strlen(ld->path));
        snprintf(num, sizeof num, ",%ld,", line);
        fputs(num, out);
        if (rej->field)
            rejects_write_cell(out, rej->field, strlen(rej->field));
        fputc(',', out);
        if (rej->raw)
            rejects_write_cell(out, rej->raw, raw_len);
        fputc(',', out);
        rejects_write_cell(out, rej->reason, strlen(rej->reason));
        fputc('\n', out);
    }
    return DBK_OK;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Returns the id of an earlier batch with the same bytes and dataset, read
 * under the same mapping (same_mapping = 1) or under any (0); or 0.
 */
static long find_duplicate(loader *ld, const char *sha, const char *mapping, int same_mapping)
{
    sqlite3_stmt *st = NULL;
    long id = 0;
    if (sqlite3_prepare_v2(ld->db,
                           "SELECT id FROM lieferungen WHERE sha256 = ? AND datensatz = ? AND id <> ? "
                           "AND (? = 0 OR zuordnung = ?) ORDER BY id DESC LIMIT 1",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, codebook_dataset_get(ld->opt->kind)->name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, ld->lieferung);
        sqlite3_bind_int(st, 4, same_mapping);
        sqlite3_bind_text(st, 5, mapping, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            id = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return id;
}

static dbk_error finish_batch(loader *ld, csv_reader *r, const loader_summary *sum)
{
    sqlite3_stmt *st = NULL;
    char when[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char delim[3] = {csv_reader_delimiter(r), 0, 0};
    if (delim[0] == '\t')
        strcpy(delim, "\\t");
    int rc = sqlite3_prepare_v2(ld->db,
                                "UPDATE lieferungen SET sha256 = ?, kodierung = ?, trennzeichen = ?, "
                                "zeilen_gelesen = ?, zeilen_geladen = ?, zeilen_abgewiesen = ?, zeitpunkt = ? "
                                "WHERE id = ?",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, csv_reader_sha256(r), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, csv_reader_encoding(r), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, delim, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, sum->rows);
        sqlite3_bind_int64(st, 5, sum->loaded);
        sqlite3_bind_int64(st, 6, sum->rejected);
        sqlite3_bind_text(st, 7, when, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 8, ld->lieferung);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        diag_error(ld->db_path, 0, NULL, _("cannot record the batch: %s"), database_errmsg(ld->db));
        return database_error_from(rc);
    }
    return DBK_OK;
}

/*
 * Marks the rejected rows of the earlier batches of the same file and dataset
 * (loaded under another mapping) as superseded by this batch, and those batches
 * too; nothing is deleted. Returns DBK_OK and sets *count to the rows marked.
 */
static dbk_error supersede_earlier(loader *ld, const char *sha, long *count)
{
    static const char *const sql[2] = {
        "UPDATE abweisungen SET ersetzt_durch = ?1 WHERE ersetzt_durch IS NULL AND lieferung IN "
        "(SELECT id FROM lieferungen WHERE sha256 = ?2 AND datensatz = ?3 AND id <> ?1)",
        "UPDATE lieferungen SET ersetzt_durch = ?1 WHERE ersetzt_durch IS NULL AND sha256 = ?2 "
        "AND datensatz = ?3 AND id <> ?1"};
    *count = 0;
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(ld->db, sql[i], -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, ld->lieferung);
            sqlite3_bind_text(st, 2, sha, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, codebook_dataset_get(ld->opt->kind)->name, -1, SQLITE_STATIC);
            rc = sqlite3_step(st);
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return database_fail(ld->db, ld->db_path, rc, _("cannot mark the earlier batches of %s"),
                                 ld->path);
        if (i == 0)
            *count = sqlite3_changes(ld->db);
    }
    return DBK_OK;
}

dbk_error loader_load_file(sqlite3 *db, const char *db_path, const config *base_cfg,
                           const country_table *countries, const char *path,
                           const loader_options *opt, loader_summary *sum)
{
    loader ld = {db, db_path, path, opt, NULL, NULL, 0};
    config *cfg = NULL; /* the config as it applies to this file */
    char mapping[65];
    csv_reader *reader = NULL;
    header_map *map = NULL;
    csv_record rec;
    pipeline *pipe = NULL;
    row_rejection rej;
    dbk_error err;
    char sql[SQL_MAX];
    int in_tx = 0;
    const codebook_dataset *ds = codebook_dataset_get(opt->kind);
    double started = now_seconds(), last_progress = started;

    memset(sum, 0, sizeof *sum);
    if ((err = config_for_file(base_cfg, path, &cfg)) != DBK_OK)
        return err;
    config_mapping_sha256(cfg, opt->kind, mapping);
    csv_reader_options ropt = {cfg->encoding, cfg->delimiter, 0, config_sheet_for(cfg, opt->kind)};
    if ((err = csv_reader_open_header(path, &ropt, &reader, &rec)) != DBK_OK)
        goto done;
    /* Messages about lines name a workbook's sheet too: "file.xlsx[Tabelle1]:7". */
    const char *where = csv_reader_name(reader);
    if ((err = header_map_build(cfg, opt->kind, &rec, where, &map)) != DBK_OK)
        goto done;

    if ((err = database_begin(db, db_path)) != DBK_OK)
        goto done;
    in_tx = 1;
    sqlite3_stmt *ins = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "INSERT INTO lieferungen(datei, sha256, datensatz, kodierung, trennzeichen, "
                                "zeilen_gelesen, zeilen_geladen, zeilen_abgewiesen, zeitpunkt, zuordnung) "
                                "VALUES(?, '', ?, '', '', 0, 0, 0, '', ?)",
                                -1, &ins, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(ins, 1, path, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, ds->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, mapping, -1, SQLITE_STATIC);
        rc = sqlite3_step(ins);
    }
    sqlite3_finalize(ins);
    build_upsert_sql(opt->kind, sql, sizeof sql);
    if (rc != SQLITE_DONE || sqlite3_prepare_v2(db, sql, -1, &ld.upsert, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO abweisungen(lieferung, zeile, feld, wert, grund) VALUES(?, ?, ?, ?, ?)",
                           -1, &ld.reject, NULL) != SQLITE_OK) {
        diag_error(db_path, 0, NULL, _("cannot write to the database: %s"), database_errmsg(db));
        err = database_error_from(sqlite3_errcode(db));
        goto done;
    }
    ld.lieferung = (long)sqlite3_last_insert_rowid(db);

    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    row_context ctx = {cfg, countries, map, tm.tm_year + 1900, ""};
    strftime(ctx.today, sizeof ctx.today, "%Y-%m-%d", &tm);

    pipe = pipeline_start(reader, &ctx);
    if (!pipe) {
        err = DBK_ERR_NOMEM;
        goto done;
    }
    pipeline_batch *batch;
    int failed = 0;
    while (err == DBK_OK && (batch = pipeline_next(pipe)) != NULL) {
        sum->blank += batch->blank;
        sum->totals += batch->totals;
        failed = batch->failed;
        for (size_t i = 0; i < batch->n && err == DBK_OK; i++) {
            const pipeline_item *it = &batch->items[i];
            sum->rows++;
            if (it->kind == ITEM_REJECT) {
                sum->rejected++;
                rej = (row_rejection){it->field, it->raw != UINT32_MAX ? batch->arena + it->raw : NULL,
                                      it->raw_len, it->reason};
                err = store_reject(&ld, it->line, &rej);
                continue;
            }
            bind_item(&ld, batch, it);
            rc = sqlite3_step(ld.upsert);
            sqlite3_reset(ld.upsert);
            if (rc != SQLITE_DONE) {
                diag_error(db_path, 0, NULL, _("%s:%ld: cannot store the row: %s"), where, it->line,
                           database_errmsg(db));
                err = database_error_from(rc);
                break;
            }
            if (sqlite3_changes(db) == 0) {
                /* The key was already written by this very file. */
                sum->rejected++;
                rej = (row_rejection){NULL, NULL, 0,
                                      "Schlüssel doppelt in derselben Datei (dieselbe Teilnahme zweimal)"};
                err = store_reject(&ld, it->line, &rej);
                continue;
            }
            sum->loaded++;
            if (opt->kind == DATASET_TEILNAHMEN && !it->zielgruppe)
                sum->outside_target++;
        }
        unsigned long long bytes = batch->bytes;
        int last = batch->last;
        pipeline_release(pipe, batch);
        if (interrupt_pending() && err == DBK_OK)
            err = DBK_ERR_INTERRUPTED;
        if (opt->progress) {
            double t = now_seconds();
            if (t - last_progress >= 0.5 && t - started >= 1.0) {
                fputc('\r', stderr);
                fprintf(stderr, _("%s: %s: %ld rows, %.0f rows/s, %.1f MB "), diag_program(), path, sum->rows,
                        (double)sum->rows / (t - started), (double)bytes / 1e6);
                last_progress = t;
            }
        }
        if (last)
            break;
    }
    pipeline_free(pipe);
    pipe = NULL;
    int got = failed ? -1 : 0;
    if (opt->progress && last_progress > started)
        fputc('\n', stderr);
    if (interrupt_pending())
        err = DBK_ERR_INTERRUPTED; /* a read stopped by the signal ends the file like a failure */
    if (err != DBK_OK)
        goto done;
    if (got < 0) {
        err = DBK_ERR_NOT_CSV;
        diag_error(path, 0, NULL, _("file refused: nothing of it was loaded"));
        goto done;
    }

    const char *sha = csv_reader_sha256(reader);
    long earlier = find_duplicate(&ld, sha, mapping, 1);
    if (earlier) {
        sum->duplicate = 1;
        sum->lieferung = earlier;
        database_rollback(db);
        in_tx = 0;
        diag_info(_("%s: already loaded as lieferung %ld (same SHA-256, same mapping): nothing changed"),
                  path, earlier);
        goto done;
    }
    /* The same file under a changed mapping: read again, its earlier rejects give way to these. */
    long before = find_duplicate(&ld, sha, mapping, 0);
    if (before && (err = supersede_earlier(&ld, sha, &sum->superseded)) != DBK_OK)
        goto done;
    sum->lieferung = ld.lieferung;
    if ((err = finish_batch(&ld, reader, sum)) != DBK_OK)
        goto done;
    double secs = now_seconds() - started;
    char kept[48];
    snprintf(kept, sizeof kept, "%s", _("not kept"));
    if (sum->loaded > 0 && !(opt->strict && sum->rejected))
        snprintf(kept, sizeof kept, _("lieferung %ld"), ld.lieferung);
    diag_info(_("%s: %s, %s, %ld rows read, %ld loaded, %ld rejected%s (%s, %.1f s)"), where, ds->name,
              csv_reader_encoding(reader), sum->rows, sum->loaded, sum->rejected,
              sum->blank ? _(", empty lines skipped") : "", kept, secs);
    if (before)
        diag_info(
            _("  read again: the config's mapping changed since lieferung %ld; its %ld rejected rows are "
              "superseded by this batch (kept in abweisungen, ersetzt_durch = %ld)"),
            before, sum->superseded, ld.lieferung);
    if (sum->totals)
        diag_info(_("  %ld totals rows (Summe, Gesamt) skipped: they are no records"), sum->totals);
    if (sum->outside_target)
        diag_info(_("  %ld participations outside the target ages %d-%d: loaded, counted apart"),
                  sum->outside_target, cfg->age_min, cfg->age_max);
    if (sum->rejected)
        reject_summary_print(db, ld.lieferung);
    if (sum->rows == 0) {
        diag_error(path, 0, NULL, _("no data rows: the file holds only its header line; nothing was loaded"));
        err = DBK_ERR_NOTHING_LOADED;
        goto done;
    }
    reject_summary_alarm(db, ld.lieferung, cfg, path, sum->rows, sum->rejected);
    if (sum->loaded == 0) {
        err = DBK_ERR_NOTHING_LOADED; /* said so just above */
        goto done;
    }
    if (opt->strict && sum->rejected) {
        diag_error(path, 0, NULL, _("--strict: %ld rows rejected, nothing of this file was loaded"),
                   sum->rejected);
        err = DBK_ERR_REJECTED;
        goto done;
    }
    sqlite3_finalize(ld.upsert);
    sqlite3_finalize(ld.reject);
    ld.upsert = ld.reject = NULL;
    err = database_commit(db, db_path);
    if (err == DBK_OK)
        in_tx = 0; /* a failed commit has rolled back: below it only says so */
done:
    pipeline_free(pipe);
    sqlite3_finalize(ld.upsert);
    sqlite3_finalize(ld.reject);
    if (interrupt_pending() && (err == DBK_ERR_INTERRUPTED || err == DBK_ERR_IO)) {
        err = DBK_ERR_INTERRUPTED;
        diag_error(path, 0, NULL, _("interrupted: nothing of this file was loaded"));
    }
    if (in_tx) {
        database_rollback(db);
        /* interrupted, --strict and a refused file say so themselves */
        if (err != DBK_ERR_INTERRUPTED && err != DBK_ERR_REJECTED && err != DBK_ERR_NOT_CSV &&
            err != DBK_ERR_NOTHING_LOADED)
            diag_error(path, 0, NULL, _("nothing of this file was loaded"));
    }
    header_map_free(map);
    csv_reader_free(reader);
    config_free(cfg);
    return err;
}
