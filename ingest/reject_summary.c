/*
 * reject_summary.c - reasons, values and the likely cause of rejected rows.
 */
#include "reject_summary.h"

#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"

#define SHOWN_REASONS 10
#define SHOWN_VALUES 3
#define VALUE_CHARS 40

/* Appends 'value' (at most VALUE_CHARS bytes, cut at a character) to buf. */
static void append_value(char *buf, size_t cap, const char *value)
{
    size_t n = strlen(value), used = strlen(buf);
    int cut = n > VALUE_CHARS;
    if (cut) {
        n = VALUE_CHARS;
        while (n > 0 && ((unsigned char)value[n] & 0xC0) == 0x80)
            n--;
    }
    snprintf(buf + used, cap - used, "%s'%.*s%s'", used ? ", " : "", (int)n, value, cut ? "..." : "");
}

/* The first distinct non-empty values of one reason of a batch, quoted and joined, into buf. */
static void first_values(sqlite3 *db, long lieferung, const char *feld, const char *grund, char *buf, size_t cap)
{
    sqlite3_stmt *st = NULL;
    buf[0] = '\0';
    if (sqlite3_prepare_v2(db,
                           "SELECT wert FROM abweisungen WHERE lieferung = ?1 AND grund = ?3 "
                           "AND coalesce(feld, '') = ?2 AND wert IS NOT NULL AND wert <> '' "
                           "GROUP BY wert ORDER BY min(zeile) LIMIT " "3",
                           -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(st, 1, lieferung);
    sqlite3_bind_text(st, 2, feld, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, grund, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW)
        append_value(buf, cap, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

void reject_summary_print(sqlite3 *db, long lieferung)
{
    sqlite3_stmt *st = NULL;
    const char *sql =
        "SELECT coalesce(feld, ''), grund, count(*), "
        "  (SELECT group_concat(zeile, ', ') FROM (SELECT zeile FROM abweisungen b "
        "     WHERE b.lieferung = a.lieferung AND b.grund = a.grund AND coalesce(b.feld, '') = coalesce(a.feld, '') "
        "     ORDER BY zeile LIMIT 5)) "
        "FROM abweisungen a WHERE lieferung = ? GROUP BY feld, grund ORDER BY count(*) DESC, min(zeile)";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(st, 1, lieferung);
    int shown = 0;
    long more = 0, more_rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *feld = (const char *)sqlite3_column_text(st, 0);
        const char *grund = (const char *)sqlite3_column_text(st, 1);
        int count = sqlite3_column_int(st, 2);
        if (shown == SHOWN_REASONS) {
            more++;
            more_rows += count;
            continue;
        }
        char values[SHOWN_VALUES * (VALUE_CHARS + 8) + 8];
        first_values(db, lieferung, feld, grund, values, sizeof values);
        diag_info(P_("  %7d x %s%s%s (line %s%s%s%s)", "  %7d x %s%s%s (lines %s%s%s%s)", count), count, feld,
                  feld[0] ? ": " : "", grund, (const char *)sqlite3_column_text(st, 3), count > 5 ? ", ..." : "",
                  values[0] ? "; " : "", values);
        shown++;
    }
    sqlite3_finalize(st);
    if (more)
        diag_info(_("  %7ld rows for %ld more reasons: see table abweisungen"), more_rows, more);
}

/* Counts the rejections of a batch that match a condition (an SQL expression on feld, wert, grund). */
static long count_where(sqlite3 *db, long lieferung, const char *cond)
{
    char sql[512];
    sqlite3_stmt *st = NULL;
    long n = 0;
    /* cond is one of the constants below, never input */
    snprintf(sql, sizeof sql, "SELECT count(*) FROM abweisungen WHERE lieferung = ?1 AND (%s)", cond);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, lieferung);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return n;
}

void reject_summary_cause(sqlite3 *db, long lieferung, const config *cfg)
{
    static const char *const kinds[] = {
        /* delimiter */
        "grund = '" REJECT_REASON_MIXED_DELIMITER "' OR grund LIKE 'mehr Felder als Spalten%'",
        /* region */
        "feld = 'kommune' AND grund = 'Kommune gehört nicht zur Region der Konfiguration'",
        /* encoding: invalid UTF-8, or UTF-8 read as Windows-1252 ("Ã¼"), or U+FFFD */
        "grund LIKE 'ungültige Zeichenkodierung%' OR wert LIKE '%Ã%' OR wert LIKE '%' || char(65533) || '%'",
        /* values the config does not map */
        "grund LIKE 'unbekannte%'",
    };
    long total = count_where(db, lieferung, "1"), best = 0;
    int kind = -1;
    for (int k = 0; k < 4; k++) {
        long n = count_where(db, lieferung, kinds[k]);
        if (n > best) {
            best = n;
            kind = k;
        }
    }
    if (kind < 0 || best * 2 < total) {
        diag_error(NULL, 0, NULL, _("  the reasons differ: see them above (or in table abweisungen)"));
        return;
    }
    char values[SHOWN_VALUES * (VALUE_CHARS + 8) + 8];
    switch (kind) {
    case 0:
        diag_error(NULL, 0, NULL,
                   _("  likely cause: the delimiter: rows are not split like the header line (a file with "
                     "both ';' and ','?); save it again with one delimiter, or set [input] delimiter in %s"),
                   cfg->path ? cfg->path : _("the config"));
        break;
    case 1:
        first_values(db, lieferung, "kommune", "Kommune gehört nicht zur Region der Konfiguration", values,
                     sizeof values);
        diag_error(
            NULL, 0, NULL,
            _("  likely cause: another region: the municipalities of the file (%s) are not among the %zu "
              "of %s in %s; is it the right config?"),
            values, cfg->n_kommunen, cfg->region_name ? cfg->region_name : _("the region"),
            cfg->path ? cfg->path : _("the config"));
        break;
    case 2:
        diag_error(NULL, 0, NULL,
                   _("  likely cause: the encoding: set [input] encoding = windows-1252 (or utf-8) in %s"),
                   cfg->path ? cfg->path : _("the config"));
        break;
    default:
        diag_error(NULL, 0, NULL,
                   _("  likely cause: values the config does not map: add them to [values.FIELD] in %s"),
                   cfg->path ? cfg->path : _("the config"));
    }
}

/* Prints "  most often: field: reason (N rows; 'value', ...)" for the top reason of a batch. */
static void print_top_reason(sqlite3 *db, long lieferung)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT coalesce(feld, ''), grund, count(*) FROM abweisungen WHERE lieferung = ?1 "
                           "GROUP BY feld, grund ORDER BY count(*) DESC, min(zeile) LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(st, 1, lieferung);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *feld = (const char *)sqlite3_column_text(st, 0);
        const char *grund = (const char *)sqlite3_column_text(st, 1);
        char values[SHOWN_VALUES * (VALUE_CHARS + 8) + 8];
        first_values(db, lieferung, feld, grund, values, sizeof values);
        int n = sqlite3_column_int(st, 2);
        diag_error(NULL, 0, NULL, P_("  most often: %s%s%s (%d row%s%s)", "  most often: %s%s%s (%d rows%s%s)", n),
                   feld, feld[0] ? ": " : "", grund, n, values[0] ? "; " : "", values);
    }
    sqlite3_finalize(st);
}

int reject_summary_alarm(sqlite3 *db, long lieferung, const config *cfg, const char *path, long rows,
                         long rejected)
{
    if (rows > 0 && rejected == rows) {
        diag_error(path, 0, NULL, _("no row of this file could be loaded (all %ld rejected): the file is refused, "
                   "nothing of it was loaded"), rows);
    } else if (rows > 0 && rejected * 100 > rows * REJECT_WARN_PERCENT) {
        diag_warn(path, 0, NULL,
                  _("%ld of %ld rows (%ld %%) were rejected, more than %d %%: the figures leave them out"),
                  rejected, rows, (rejected * 100 + rows / 2) / rows, REJECT_WARN_PERCENT);
    } else {
        return 0;
    }
    print_top_reason(db, lieferung);
    reject_summary_cause(db, lieferung, cfg);
    return 1;
}
