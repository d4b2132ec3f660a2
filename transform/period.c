/*
 * period.c - reporting period and calendar arithmetic.
 */
#include "period.h"

#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "database.h"
#include "diag.h"
#include "i18n.h"

int period_parse_date(const char *s, long *day)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1000 || m < 1 || m > 12 || d < 1)
        return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] + (m == 2 && leap))
        return -1;
    *day = calendar_days_from_civil(y, m, d);
    return 0;
}

void period_format_date(long day, char out[11])
{
    long y;
    int m, d;
    calendar_civil_from_days(day, &y, &m, &d);
    char buf[32];
    snprintf(buf, sizeof buf, "%04ld-%02d-%02d", y, m, d);
    memcpy(out, buf, 10);
    out[10] = '\0';
}

void period_previous(const period *p, period *out)
{
    long y0, y1;
    int m0, d0, m1, d1;
    calendar_civil_from_days(p->from_day, &y0, &m0, &d0);
    calendar_civil_from_days(p->to_day + 1, &y1, &m1, &d1);
    if (d0 == 1 && d1 == 1) {
        /* whole months: the same number of months before */
        long months = (y1 * 12 + m1 - 1) - (y0 * 12 + m0 - 1);
        long start = y0 * 12 + m0 - 1 - months;
        out->from_day = calendar_days_from_civil(start / 12, (int)(start % 12) + 1, 1);
    } else {
        out->from_day = p->from_day - (p->to_day - p->from_day + 1);
    }
    out->to_day = p->from_day - 1;
    period_format_date(out->from_day, out->from);
    period_format_date(out->to_day, out->to);
}

int period_year_of(long day)
{
    long y;
    int m, d;
    calendar_civil_from_days(day, &y, &m, &d);
    return (int)y;
}

long period_quarter_of(long day)
{
    long y;
    int m, d;
    calendar_civil_from_days(day, &y, &m, &d);
    return y * 4 + (m - 1) / 3;
}

long period_quarter_end(long q)
{
    long y = q / 4;
    int first_month_next = (int)(q % 4) * 3 + 4; /* 4, 7, 10, 13 */
    if (first_month_next == 13)
        return calendar_days_from_civil(y + 1, 1, 1) - 1;
    return calendar_days_from_civil(y, first_month_next, 1) - 1;
}

void period_quarter_code(long q, char out[8])
{
    char buf[32];
    snprintf(buf, sizeof buf, "%04ld-Q%d", q / 4, (int)(q % 4) + 1);
    memcpy(out, buf, 7);
    out[7] = '\0';
}

/* Reads the data's first and last dates; the bounds stay PERIOD_NO_DAY without data. */
static dbk_error period_from_data(sqlite3 *db, const char *path, long *from_day, long *to_day)
{
    static const char sql[] =
        "SELECT min(eintritt), max(max(eintritt), coalesce(max(austritt), ''),"
        " coalesce(max(verbleib_datum), '')) FROM teilnahmen;"
        "SELECT min(jahr) || '-01-01', max(jahr) || '-12-31' FROM mittel;";
    const char *tail = sql;
    *from_day = *to_day = PERIOD_NO_DAY;
    for (int q = 0; q < 2 && *from_day == PERIOD_NO_DAY; q++) {
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(db, tail, -1, &st, &tail);
        if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *a = (const char *)sqlite3_column_text(st, 0);
            const char *b = (const char *)sqlite3_column_text(st, 1);
            long da, dbn;
            if (a && b && period_parse_date(a, &da) == 0 && period_parse_date(b, &dbn) == 0) {
                *from_day = da;
                *to_day = dbn;
            }
            rc = SQLITE_OK;
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_OK) {
            diag_error(path, 0, NULL, _("cannot read the data's dates: %s"), sqlite3_errmsg(db));
            return database_error_from(rc);
        }
    }
    return DBK_OK;
}

dbk_error period_resolve(sqlite3 *db, const char *path, const config *cfg, const char *from,
                         const char *to, period *out)
{
    const char *bound[2] = {from, to};
    const char *cfg_bound[2] = {cfg->period_from, cfg->period_to};
    const char *opt[2] = {"--from", "--to"};
    long day[2] = {PERIOD_NO_DAY, PERIOD_NO_DAY};
    dbk_error err = DBK_OK;

    for (int i = 0; i < 2; i++) {
        const char *s = bound[i] && *bound[i] ? bound[i] : cfg_bound[i][0] ? cfg_bound[i] : NULL;
        if (s && period_parse_date(s, &day[i]) != 0) {
            diag_error(bound[i] && *bound[i] ? NULL : cfg->path, 0, NULL,
                       _("%s: not a date (YYYY-MM-DD): %s"), bound[i] && *bound[i] ? opt[i] : "period", s);
            return DBK_ERR_USAGE;
        }
    }
    if (day[0] == PERIOD_NO_DAY || day[1] == PERIOD_NO_DAY) {
        long data_from, data_to;
        if ((err = period_from_data(db, path, &data_from, &data_to)) != DBK_OK)
            return err;
        if (data_from == PERIOD_NO_DAY) {
            diag_error(path, 0, NULL,
                       _("the database holds no teilnahmen or mittel to take the period from: "
                         "give --from and --to"));
            return DBK_ERR_DB;
        }
        if (day[0] == PERIOD_NO_DAY)
            day[0] = data_from;
        if (day[1] == PERIOD_NO_DAY)
            day[1] = data_to > day[0] ? data_to : day[0];
    }
    if (day[0] > day[1]) {
        char a[11], b[11];
        period_format_date(day[0], a);
        period_format_date(day[1], b);
        diag_error(NULL, 0, NULL, _("period starts after it ends: %s to %s"), a, b);
        return DBK_ERR_USAGE;
    }
    out->from_day = day[0];
    out->to_day = day[1];
    period_format_date(day[0], out->from);
    period_format_date(day[1], out->to);
    return DBK_OK;
}
