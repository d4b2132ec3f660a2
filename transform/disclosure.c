/*
 * disclosure.c - the figures of a run as one disclosure problem.
 *
 * Every protected count becomes a cell named by what it counts, over which
 * days, in which group: "austritte|2022-01-01..2022-12-31|baustein=3". The
 * same count shown in two places (the Verwendungsnachweis and section 4.1,
 * the numerator of a rate and the count of placements) is then one cell,
 * withheld everywhere or nowhere. Relations are added for every line of a
 * table, the quarters of a period, stock and flow, and the identities
 * between indicators (docs/disclosure.md lists them).
 */
#include "disclosure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "cohort.h"
#include "diag.h"
#include "i18n.h"
#include "kennzahl.h"
#include "strmap.h"

#define MAX_PARTS 4
#define KEY_MAX 768          /* a filter */
#define CELL_KEY_MAX 1200    /* measure|from..to|filter */

/* Copies src into dst of cap bytes, cut at a byte boundary if longer. */
static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = strnlen(src, cap - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

int disclosure_field_baustein(const char *feld)
{
    if (strcmp(feld, "abschluss_erreicht") == 0)
        return 3;
    if (strcmp(feld, "pruefung") == 0)
        return 4;
    return 0;
}

/* A group of cells that add up to a total: a line of a table. */
typedef struct line_group {
    char *total;   /* key of the total cell */
    int persons;   /* counts persons: the parts may add up to more than the total */
    long *parts;
    size_t n, cap;
} line_group;

typedef struct builder {
    sdc_model *m;
    const config *cfg;
    strmap *group_index; /* group key -> index */
    strmap *alias_index; /* key of a count that is another's cell (alias_of) -> that cell */
    line_group *groups;
    size_t n_groups, cap_groups;
    strmap *filters;     /* window|filter -> 1: the groups a set has teilnahmen for */
} builder;

/* One parsed row: the days it counts over and the group it counts. */
typedef struct row_scope {
    char from[11], to[11];
    int quarter;              /* counted over a quarter of the period (or a date of one) */
    int stock;                /* a stock at one date (bestand) */
    char filter[KEY_MAX];     /* "gesamt" or "baustein=3" or "baustein=3×kommune=Enger" */
    int n_parts;
    char dims[MAX_PARTS][64], cats[MAX_PARTS][256];
    char special[256];        /* the category of a dimension that names the measure (verbleib, feld) */
} row_scope;

static int split(const char *s, char out[][256], size_t width, int max)
{
    int n = 0;
    size_t cross = strlen(KZ_CROSS);
    while (n < max) {
        const char *x = strstr(s, KZ_CROSS);
        size_t len = x ? (size_t)(x - s) : strlen(s);
        if (len >= width)
            len = width - 1;
        memcpy(out[n], s, len);
        out[n][len] = '\0';
        n++;
        if (!x)
            break;
        s = x + cross;
    }
    return n;
}

/* Writes the filter of parts except skip into buf ("gesamt" when none is left). */
static void filter_of(const row_scope *r, int skip, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < r->n_parts; i++) {
        if (i == skip)
            continue;
        int w = snprintf(buf + len, cap - len, "%s%s=%s", len ? KZ_CROSS : "", r->dims[i],
                         r->cats[i]);
        if (w < 0 || (size_t)w >= cap - len)
            break;
        len += (size_t)w;
    }
    if (!buf[0])
        snprintf(buf, cap, "gesamt");
}

/* Parses a row's dimension and category into its window and filter; returns 0, or -1 if unreadable. */
static int scope_of(const kz_row *row, const period *p, row_scope *r)
{
    char dims[MAX_PARTS][256], cats[MAX_PARTS][256];
    memset(r, 0, sizeof *r);
    memcpy(r->from, p->from, sizeof r->from);
    memcpy(r->to, p->to, sizeof r->to);
    if (strcmp(row->dimension, "gesamt") == 0) {
        snprintf(r->filter, sizeof r->filter, "gesamt");
        return 0;
    }
    int nd = split(row->dimension, dims, sizeof dims[0], MAX_PARTS);
    int nc = split(row->kategorie, cats, sizeof cats[0], MAX_PARTS);
    if (nd != nc)
        return -1;
    for (int i = 0; i < nd; i++) {
        if (strcmp(dims[i], "jahr") == 0) {
            int y = atoi(cats[i]);
            if (y < 1000 || y > 9999)
                return -1;
            snprintf(r->from, sizeof r->from, "%04d-01-01", y);
            snprintf(r->to, sizeof r->to, "%04d-12-31", y);
        } else if (strcmp(dims[i], "quartal") == 0) {
            int y, q;
            char tmp[11];
            if (sscanf(cats[i], "%d-Q%d", &y, &q) != 2 || q < 1 || q > 4)
                return -1;
            long qi = (long)y * 4 + q - 1, start, end = period_quarter_end(qi);
            start = period_quarter_end(qi - 1) + 1;
            if (start < p->from_day)
                start = p->from_day;
            if (end > p->to_day)
                end = p->to_day;
            period_format_date(start, tmp);
            memcpy(r->from, tmp, sizeof r->from);
            period_format_date(end, tmp);
            memcpy(r->to, tmp, sizeof r->to);
            r->quarter = 1;
        } else if (strcmp(dims[i], "verbleib") == 0 || strcmp(dims[i], "feld") == 0 ||
                   strcmp(dims[i], "grund") == 0) {
            copy_str(r->special, sizeof r->special, cats[i]);
        } else {
            if (r->n_parts == MAX_PARTS)
                return -1;
            copy_str(r->dims[r->n_parts], sizeof r->dims[0], dims[i]);
            copy_str(r->cats[r->n_parts], sizeof r->cats[0], cats[i]);
            r->n_parts++;
        }
    }
    if (strcmp(row->kennzahl, "bestand") == 0) {
        memcpy(r->from, r->to, sizeof r->from); /* the stock at the quarter's last day */
        r->stock = 1;
    }
    filter_of(r, -1, r->filter, sizeof r->filter);
    return 0;
}

static void cell_key(char *buf, size_t cap, const char *measure, const char *from, const char *to,
                     const char *filter)
{
    snprintf(buf, cap, "%s|%s..%s|%s", measure, from, to, filter);
}

static int is_persons(const char *measure)
{
    return strcmp(measure, "personen") == 0 || strcmp(measure, "personen_zielgruppe") == 0 ||
           strcmp(measure, "bedarf_personen") == 0 ||
           strcmp(measure, "personen_ausserhalb_zielgruppe") == 0;
}

/* Files cell c (measure over r) into the lines it is a part of. */
static int group_add(builder *b, const char *measure, const row_scope *r, long c, const period *p)
{
    char gkey[CELL_KEY_MAX + 64], total[CELL_KEY_MAX], rest[KEY_MAX];
    for (int j = -1; j < r->n_parts; j++) {
        const char *over;
        if (j < 0) {
            /* the quarters of a period add up to it (flows only) */
            if (!r->quarter || r->stock)
                continue;
            over = "quartal";
            copy_str(rest, sizeof rest, r->filter);
            cell_key(total, sizeof total, measure, p->from, p->to, rest);
        } else {
            if (strcmp(r->dims[j], "bedarf") == 0)
                continue; /* a person names several needs: no line over needs */
            over = r->dims[j];
            filter_of(r, j, rest, sizeof rest);
            cell_key(total, sizeof total, measure, r->from, r->to, rest);
        }
        snprintf(gkey, sizeof gkey, "%s\x1f%s", total, over);
        const char *num = strmap_get(b->group_index, gkey);
        size_t gi;
        if (num) {
            gi = strtoul(num, NULL, 10);
        } else {
            char buf[24];
            if (b->n_groups == b->cap_groups) {
                size_t cap = b->cap_groups ? b->cap_groups * 2 : 256;
                line_group *g = realloc(b->groups, cap * sizeof *g);
                if (!g)
                    return -1;
                b->groups = g;
                b->cap_groups = cap;
            }
            gi = b->n_groups++;
            memset(&b->groups[gi], 0, sizeof b->groups[gi]);
            if (!(b->groups[gi].total = strdup(total)))
                return -1;
            b->groups[gi].persons = is_persons(measure);
            snprintf(buf, sizeof buf, "%zu", gi);
            if (strmap_set(b->group_index, gkey, buf, NULL) != 0)
                return -1;
        }
        line_group *g = &b->groups[gi];
        if (g->n == g->cap) {
            size_t cap = g->cap ? g->cap * 2 : 8;
            long *v = realloc(g->parts, cap * sizeof *v);
            if (!v)
                return -1;
            g->parts = v;
            g->cap = cap;
        }
        g->parts[g->n++] = c;
    }
    return 0;
}

/*
 * Near-identities: a count that, where the values agree, a reader takes for
 * another one. Where they agree they are one cell, withheld together; where
 * they do not, the relations of identities() bound them.
 */
static long alias_of(builder *b, const char *measure, const row_scope *r, long long value)
{
    char key[CELL_KEY_MAX];
    if (strcmp(measure, "km_ereignisse") == 0) /* the placements of the median are the placements */
        cell_key(key, sizeof key, "vermittlungen", r->from, r->to, r->filter);
    else if (strcmp(measure, "abschluss_basis") == 0 && strcmp(r->filter, "gesamt") == 0)
        cell_key(key, sizeof key, "austritte", r->from, r->to, "baustein=3");
    else if (strcmp(measure, "abschluss_basis") == 0) {
        /* by Kommune: the exits of Baustein 3 there (the Baustein×Kommune cell) */
        char f[CELL_KEY_MAX - 64];
        snprintf(f, sizeof f, "baustein=3%s%.*s", KZ_CROSS, (int)sizeof r->filter - 80, r->filter);
        cell_key(key, sizeof key, "austritte", r->from, r->to, f);
    }
    else if (strcmp(measure, "personen_ausserhalb_zielgruppe") == 0)
        cell_key(key, sizeof key, "personen", r->from, r->to, "altersgruppe=ausserhalb");
    else if (strcmp(measure, "mit_angabe:verbleib") == 0)
        cell_key(key, sizeof key, "mit_angabe:austritt", r->from, r->to, r->filter);
    else
        return -1;
    long c = sdc_find(b->m, key);
    return c >= 0 && sdc_value(b->m, c) == value ? c : -1;
}

/* 1 if a count of row may be another's cell (alias_of), else 0. */
static int may_be_alias(const kz_row *row)
{
    static const char *const sources[] = {"km_ereignisse", "abschluss_basis", "personen_ausserhalb_zielgruppe",
                                          NULL};
    const kennzahl_info *k = kennzahl_find(row->kennzahl);
    if (!k)
        return 0;
    if (strcmp(k->name, "vollstaendigkeit") == 0)
        return 1; /* mit_angabe:verbleib */
    for (size_t i = 0; sources[i]; i++)
        if ((k->zaehler_count && strcmp(k->zaehler_count, sources[i]) == 0) ||
            (k->nenner_count && strcmp(k->nenner_count, sources[i]) == 0))
            return 1;
    return 0;
}

/* Adds (or finds) the cell of measure over scope r with value; files it into its lines. */
static long add_cell(builder *b, const char *measure, const row_scope *r, double value,
                     unsigned flags, const period *p)
{
    char key[CELL_KEY_MAX];
    long alias = alias_of(b, measure, r, (long long)value);
    cell_key(key, sizeof key, measure, r->from, r->to, r->filter);
    if (alias >= 0) {
        /* one cell, but still a part (or the total) of its own measure's lines: the events
         * of the median by category add up to their total whichever of them are placements */
        if (!strmap_get(b->alias_index, key)) {
            char num[24];
            snprintf(num, sizeof num, "%ld", alias);
            if (strmap_set(b->alias_index, key, num, NULL) != 0 || group_add(b, measure, r, alias, p) != 0)
                return -1;
        }
        return alias;
    }
    long found = sdc_find(b->m, key);
    long c = sdc_cell(b->m, key, (long long)value, flags);
    if (c >= 0 && found < 0 && group_add(b, measure, r, c, p) != 0)
        return -1;
    return c;
}

/* The measure of zaehler (z = 1) or nenner of a row, per the registry and the special rows. */
static const char *measure_of(const kennzahl_info *k, const row_scope *r, int z, char *buf,
                              size_t cap)
{
    if (strcmp(k->name, "verbleib_anteil") == 0 && z) {
        if (strcmp(r->special, "abbruch") == 0)
            return "abbrueche"; /* the numerator of abbruchquote: one count */
        snprintf(buf, cap, "verbleib:%s", r->special);
        return buf;
    }
    if (strcmp(k->name, "vollstaendigkeit") == 0 && z) {
        snprintf(buf, cap, "mit_angabe:%s", r->special);
        return buf;
    }
    return z ? k->zaehler_count : k->nenner_count;
}

/*
 * How much a reader would miss a figure of this dimension: the key figures
 * most, then the tables by Baustein and Kommune (and the Verwendungsnachweis),
 * then the other tables of the report, then what only the Daten sheet holds.
 */
static int weight_of(const char *dimension)
{
    static const char *const report_dims[] = {"aufenthaltsstatus", "geschlecht", "altersgruppe",
                                              "quartal", "bedarf", "verbleib", NULL};
    if (strcmp(dimension, "gesamt") == 0 || strcmp(dimension, "jahr") == 0)
        return 4;
    if (strcmp(dimension, "baustein") == 0 || strcmp(dimension, "kommune") == 0 ||
        strcmp(dimension, "jahr" KZ_CROSS "baustein") == 0)
        return 3;
    for (size_t i = 0; report_dims[i]; i++)
        if (strcmp(dimension, report_dims[i]) == 0)
            return 2;
    return 1;
}

static long find(builder *b, const char *measure, const char *from, const char *to,
                 const char *filter);

/*
 * Adds the cells and the figure of one row; *fig receives the figure (-1 for
 * none), cell[0] and cell[1] the cells of its zaehler and nenner (-1 where
 * that part is not a protected count).
 */
static int add_row(builder *b, const kz_row *row, const period *p, long *fig, long cell[2])
{
    const kennzahl_info *k = kennzahl_find(row->kennzahl);
    row_scope r;
    char zb[300], nb[300];
    long cells[2];
    size_t nc = 0;

    *fig = -1;
    cell[0] = cell[1] = -1;
    if (!k || k->disclosure != KENNZAHL_PROTECTED)
        return 0;
    if (scope_of(row, p, &r) != 0)
        return 0;
    if (strcmp(k->name, "vollstaendigkeit") == 0) {
        if (strchr(r.special, '.'))
            return 0; /* angebote.*, mittel.*: about offers and money, not persons */
        int bst = disclosure_field_baustein(r.special);
        if (bst)
            snprintf(r.filter, sizeof r.filter, "baustein=%d", bst);
    }
    unsigned flags = row->intern ? SDC_LATENT : 0;
    const char *zm = measure_of(k, &r, 1, zb, sizeof zb);
    const char *nm = measure_of(k, &r, 0, nb, sizeof nb);
    long z = -1, n = -1;
    /* vollstaendigkeit's parts are not a line over fields */
    row_scope flat = r;
    if (strcmp(k->name, "vollstaendigkeit") == 0) {
        flat.n_parts = 0;
        flat.quarter = 0;
    }
    if (zm && row->zaehler.kind != KZ_NULL) {
        if ((z = add_cell(b, zm, &flat, row->zaehler.v, flags, p)) < 0)
            return (int)z;
        cells[nc++] = cell[0] = z;
    }
    if (nm && row->nenner.kind != KZ_NULL) {
        if ((n = add_cell(b, nm, &r, row->nenner.v, flags, p)) < 0)
            return (int)n;
        cells[nc++] = cell[1] = n;
    }
    if ((k->kind == KENNZAHL_SHARE || k->kind == KENNZAHL_MEDIAN) && z >= 0 && n >= 0) {
        /* a field's missing values are the group ohne_angabe of its tables */
        long comp = -1;
        if (strcmp(k->name, "vollstaendigkeit") == 0) {
            char f[KEY_MAX];
            snprintf(f, sizeof f, "%s=" COHORT_NO_VALUE, r.special);
            comp = find(b, "teilnahmen", r.from, r.to, f);
        }
        long rc = sdc_share(b->m, z, n, comp);
        if (rc < 0)
            return (int)rc;
    }
    if (row->intern || nc == 0)
        return 0;
    for (size_t i = 0; i < nc; i++)
        sdc_weight(b->m, cells[i], weight_of(row->dimension));
    *fig = sdc_figure(b->m, nc, cells);
    return *fig < 0 ? -1 : 0;
}

/* ---- relations ---- */

/* The cell of measure over the days and group, or the cell it is one with (alias_of); -1 if none. */
static long find(builder *b, const char *measure, const char *from, const char *to, const char *filter)
{
    char key[CELL_KEY_MAX];
    cell_key(key, sizeof key, measure, from, to, filter);
    long c = sdc_find(b->m, key);
    if (c < 0) {
        const char *num = strmap_get(b->alias_index, key);
        c = num ? strtol(num, NULL, 10) : -1;
    }
    return c;
}

/* a - b >= 0, and a - b = 0 when the values say so (a near-identity a reader may assume). */
static int at_least(builder *b, long a, long c, int equal_if_so)
{
    if (a < 0 || c < 0 || a == c)
        return 0;
    long cells[2] = {a, c};
    int coef[2] = {1, -1};
    int eq = equal_if_so && sdc_value(b->m, a) == sdc_value(b->m, c);
    if (sdc_value(b->m, a) < sdc_value(b->m, c))
        return 0; /* does not hold: a reader cannot use it either */
    return sdc_relate(b->m, eq ? SDC_EQ : SDC_GE, 2, cells, coef);
}

/* The lines collected while adding cells: equal where they add up, at least for persons. */
static int add_lines(builder *b)
{
    for (size_t i = 0; i < b->n_groups; i++) {
        const line_group *g = &b->groups[i];
        long total = sdc_find(b->m, g->total);
        if (total < 0) {
            const char *num = strmap_get(b->alias_index, g->total);
            total = num ? strtol(num, NULL, 10) : -1;
        }
        if (total < 0 || g->n == 0)
            continue;
        long long sum = 0;
        for (size_t j = 0; j < g->n; j++)
            sum += sdc_value(b->m, g->parts[j]);
        long long t = sdc_value(b->m, total);
        if (sum == t) {
            if (sdc_line(b->m, total, g->n, g->parts) != 0)
                return -1;
        } else if (g->persons && sum > t) {
            long *cells = malloc((g->n + 1) * sizeof *cells);
            int *coef = malloc((g->n + 1) * sizeof *coef);
            int rc = -1;
            if (cells && coef) {
                cells[0] = total;
                coef[0] = -1;
                for (size_t j = 0; j < g->n; j++) {
                    cells[j + 1] = g->parts[j];
                    coef[j + 1] = 1;
                }
                rc = sdc_relate(b->m, SDC_GE, g->n + 1, cells, coef);
            }
            free(cells);
            free(coef);
            if (rc != 0)
                return -1;
        }
        /* a line of counts that does not add up lacks categories: not a relation */
    }
    return 0;
}

/* The stock at a date of group filter: the cell, or a latent one with its value. */
static long stock_cell(builder *b, long day, const char *filter, long long value)
{
    char d[11], key[CELL_KEY_MAX];
    period_format_date(day, d);
    cell_key(key, sizeof key, "bestand", d, d, filter);
    long c = sdc_find(b->m, key);
    if (c >= 0)
        return c;
    return sdc_cell(b->m, key, value, SDC_LATENT);
}

/* sum coef*cells = 0 over 3 or 4 cells, all present. */
static int relate4(builder *b, long c0, int k0, long c1, int k1, long c2, int k2, long c3, int k3)
{
    long cells[4] = {c0, c1, c2, c3};
    int coef[4] = {k0, k1, k2, k3};
    size_t n = c3 < 0 ? 3 : 4;
    for (size_t i = 0; i < n; i++)
        if (cells[i] < 0)
            return 0;
    return sdc_relate(b->m, SDC_EQ, n, cells, coef);
}

typedef struct flow_ctx {
    builder *b;
    const period *p;
    int rc;
} flow_ctx;

/*
 * Stock and flow for one group of a period: teilnahmen - eintritte is the
 * stock the day before the period, teilnahmen - austritte the stock at its
 * end (docs/kennzahlen.md: a participation is in the stock at S when it began
 * by S and ended after S). The stock the day before is the previous period's
 * stock at its end: the two periods are linked through it.
 */
static void flow_group(const char *key, const char *value, void *ctx)
{
    flow_ctx *f = ctx;
    builder *b = f->b;
    const period *p = f->p;
    const char *filter = key;
    (void)value;
    if (f->rc != 0)
        return;
    long t = find(b, "teilnahmen", p->from, p->to, filter);
    long e = find(b, "eintritte", p->from, p->to, filter);
    long a = find(b, "austritte", p->from, p->to, filter);
    if (t < 0 || e < 0 || a < 0)
        return;
    long long tv = sdc_value(b->m, t), ev = sdc_value(b->m, e), av = sdc_value(b->m, a);
    long s0 = stock_cell(b, p->from_day - 1, filter, tv - ev);
    long s1 = stock_cell(b, p->to_day, filter, tv - av);
    if (s0 < 0 || s1 < 0 || relate4(b, t, 1, e, -1, s0, -1, -1, 0) != 0 ||
        relate4(b, t, 1, a, -1, s1, -1, -1, 0) != 0)
        f->rc = -1;
}

/* The stock from quarter to quarter: S_i - S_(i-1) = entries - exits of quarter i. */
static int quarter_chain(builder *b, const period *p, const char *filter)
{
    long first = period_quarter_of(p->from_day), last = period_quarter_of(p->to_day);
    long prev_day = p->from_day - 1;
    for (long q = first; q <= last; q++) {
        long start = period_quarter_end(q - 1) + 1, end = period_quarter_end(q);
        char s[11], e[11], pd[11];
        if (start < p->from_day)
            start = p->from_day;
        if (end > p->to_day)
            end = p->to_day;
        period_format_date(start, s);
        period_format_date(end, e);
        period_format_date(prev_day, pd);
        long in = find(b, "eintritte", s, e, filter), out = find(b, "austritte", s, e, filter);
        long now = find(b, "bestand", e, e, filter), before = find(b, "bestand", pd, pd, filter);
        if (relate4(b, now, 1, before, -1, in, -1, out, 1) != 0)
            return -1;
        prev_day = end;
    }
    return 0;
}

/* The identities between indicators of one period (docs/disclosure.md). */
static int identities(builder *b, const period *p)
{
    const char *f = p->from, *t = p->to;
    char filter[KEY_MAX];
    /* außerhalb = Personen - Zielgruppe */
    long out = find(b, "personen_ausserhalb_zielgruppe", f, t, "gesamt");
    long pers = find(b, "personen", f, t, "gesamt");
    long ziel = find(b, "personen_zielgruppe", f, t, "gesamt");
    if (relate4(b, out, 1, pers, -1, ziel, 1, -1, 0) != 0)
        return -1;
    /* persons with a participation outside the target ages: at least those with no other */
    if (at_least(b, find(b, "personen", f, t, "altersgruppe=ausserhalb"), out, 1) != 0)
        return -1;
    /* the age groups 18-20, 21-23, 24-27 within the target ages hold persons of the target
     * group; with the target ages within them, the target group is in those age groups */
    long ages[3];
    long long asum = 0;
    static const char *const target_groups[] = {"altersgruppe=18-20", "altersgruppe=21-23",
                                                "altersgruppe=24-27"};
    for (size_t i = 0; i < 3; i++) {
        ages[i] = find(b, "personen", f, t, target_groups[i]);
        asum += ages[i] >= 0 ? sdc_value(b->m, ages[i]) : 0;
        if (b->cfg->age_min <= 18 && b->cfg->age_max >= 27 && at_least(b, ziel, ages[i], 0) != 0)
            return -1;
    }
    if (b->cfg->age_min >= 18 && b->cfg->age_max <= 27 && ziel >= 0 && asum >= sdc_value(b->m, ziel)) {
        long cells[4] = {ziel};
        int coef[4] = {-1};
        size_t nc = 1;
        for (size_t i = 0; i < 3; i++)
            if (ages[i] >= 0) {
                cells[nc] = ages[i];
                coef[nc++] = 1;
            }
        if (sdc_relate(b->m, SDC_GE, nc, cells, coef) != 0)
            return -1;
    }
    /* the Verbleib codes add up to the exits; the placement codes to the placements */
    long aus = find(b, "austritte", f, t, "gesamt"), verm = find(b, "vermittlungen", f, t, "gesamt");
    long codes[16], placed[16];
    size_t nc = 0, np = 0;
    long long sum = 0, psum = 0;
    for (int v = 0; codebook_verbleib[v] && nc < 16; v++) {
        char m[128];
        if (strcmp(codebook_verbleib[v], "abbruch") == 0)
            snprintf(m, sizeof m, "abbrueche");
        else
            snprintf(m, sizeof m, "verbleib:%s", codebook_verbleib[v]);
        long c = find(b, m, f, t, "gesamt");
        if (c < 0)
            continue;
        codes[nc++] = c;
        sum += sdc_value(b->m, c);
        if (b->cfg->placement_mask >> v & 1u) {
            placed[np++] = c;
            psum += sdc_value(b->m, c);
        }
    }
    if (aus >= 0 && nc > 0 && sum == sdc_value(b->m, aus) && sdc_line(b->m, aus, nc, codes) != 0)
        return -1;
    if (verm >= 0 && np > 0 && psum == sdc_value(b->m, verm) &&
        sdc_line(b->m, verm, np, placed) != 0)
        return -1;
    /* the Baustein-3 exits are the base of abschluss_quote */
    long ab = find(b, "abschluss_basis", f, t, "gesamt");
    if (at_least(b, find(b, "austritte", f, t, "baustein=3"), ab, 1) != 0 ||
        at_least(b, find(b, "austritte", f, t, "baustein=4"),
                 find(b, "pruefung_basis", f, t, "gesamt"), 1) != 0)
        return -1;
    /* per group: events of the median are placements; persons are at most participations */
    static const char *const dims[] = {"baustein", "kommune", "aufenthaltsstatus",
                                       "leistungsbezug", "geschlecht", "altersgruppe",
                                       "staatsangehoerigkeit", NULL};
    for (size_t i = 0; i < sdc_cell_count(b->m); i++) {
        const char *key = sdc_key(b->m, (long)i);
        char prefix[64];
        snprintf(prefix, sizeof prefix, "teilnahmen|%s..%s|", f, t);
        if (strncmp(key, prefix, strlen(prefix)) != 0)
            continue;
        copy_str(filter, sizeof filter, key + strlen(prefix));
        int one_dim = strcmp(filter, "gesamt") == 0;
        for (size_t d = 0; dims[d] && !one_dim; d++) {
            size_t len = strlen(dims[d]);
            one_dim = strncmp(filter, dims[d], len) == 0 && filter[len] == '=' &&
                      !strstr(filter, KZ_CROSS);
        }
        if (!one_dim)
            continue;
        long tn = (long)i;
        if (strncmp(filter, "kommune=", 8) == 0 || strncmp(filter, "aufenthaltsstatus=", 18) == 0 ||
            strcmp(filter, "gesamt") == 0) {
            /* persons naming a need are persons of the group */
            long pg = find(b, "personen", f, t, filter);
            for (int n = 0; codebook_bedarfe[n]; n++) {
                char bf[KEY_MAX + 64];
                if (strcmp(filter, "gesamt") == 0)
                    snprintf(bf, sizeof bf, "bedarf=%s", codebook_bedarfe[n]);
                else
                    snprintf(bf, sizeof bf, "bedarf=%s" KZ_CROSS "%s", codebook_bedarfe[n], filter);
                if (at_least(b, pg, find(b, "bedarf_personen", f, t, bf), 0) != 0)
                    return -1;
            }
        }
        /* completeness: the participations without a value are the group "ohne_angabe" */
        static const char *const fields[] = {"geschlecht", "staatsangehoerigkeit", "leistungsbezug", NULL};
        for (size_t q = 0; fields[q] && strcmp(filter, "gesamt") == 0; q++) {
            char m[128], of[128];
            snprintf(m, sizeof m, "mit_angabe:%s", fields[q]);
            snprintf(of, sizeof of, "%s=%s", fields[q], "ohne_angabe");
            long with = find(b, m, f, t, "gesamt"), none = find(b, "teilnahmen", f, t, of);
            if (with >= 0 && none >= 0 &&
                relate4(b, tn, 1, with, -1, none, -1, -1, 0) != 0)
                return -1;
        }
    }
    /* exits have an austritt and a verbleib */
    long wa = find(b, "mit_angabe:austritt", f, t, "gesamt"), wv = find(b, "mit_angabe:verbleib", f, t, "gesamt");
    if (at_least(b, wa, aus, 0) != 0 || at_least(b, wa, wv, 1) != 0)
        return -1;
    return 0;
}

/*
 * Subsets within one group over the same days, for every group and window a
 * cell exists for (the quarters and Baustein x Kommune too): a group's
 * participations hold its persons, its entries and its exits; its exits hold
 * its placements and its Abbrüche (different Verbleib codes), the base of
 * the B1 quote, and the bases of the Abschluss and Prüfung quotes are exits of
 * Baustein 3 and 4 of the group; the events of the median are placements.
 */
static int subsets(builder *b)
{
    int abbruch = codebook_code_index(codebook_verbleib, "abbruch");
    int disjoint = abbruch >= 0 && !(b->cfg->placement_mask >> abbruch & 1u);
    static const char *const bases[] = {"abschluss_basis", "pruefung_basis", NULL};
    static const char *const felder[] = {"abschluss_erreicht", "pruefung", NULL};
    size_t n = sdc_cell_count(b->m); /* cells added below are not groups of their own */
    for (size_t i = 0; i < n; i++) {
        const char *key = sdc_key(b->m, (long)i);
        char measure[64], from[11], to[11], filter[KEY_MAX];
        const char *bar = strchr(key, '|');
        if (!bar || strchr(key, '\x1f') || (size_t)(bar - key) >= sizeof measure || strlen(bar) < 24 ||
            bar[11] != '.' || bar[23] != '|')
            continue; /* complements (n - z) are no group's count */
        memcpy(measure, key, (size_t)(bar - key));
        measure[bar - key] = '\0';
        memcpy(from, bar + 1, 10);
        from[10] = '\0';
        memcpy(to, bar + 13, 10);
        to[10] = '\0';
        copy_str(filter, sizeof filter, bar + 24);
        long c = (long)i;
        if (strcmp(measure, "teilnahmen") == 0) {
            if (at_least(b, c, find(b, "personen", from, to, filter), 0) != 0 ||
                at_least(b, c, find(b, "eintritte", from, to, filter), 0) != 0 ||
                at_least(b, c, find(b, "austritte", from, to, filter), 0) != 0)
                return -1;
        } else if (strcmp(measure, "austritte") == 0) {
            long v = find(b, "vermittlungen", from, to, filter);
            long a = find(b, "abbrueche", from, to, filter);
            if (at_least(b, c, find(b, "b1_basis", from, to, filter), 0) != 0)
                return -1;
            if (disjoint && v >= 0 && a >= 0 &&
                sdc_value(b->m, c) >= sdc_value(b->m, v) + sdc_value(b->m, a)) {
                long cells[3] = {c, v, a};
                int coef[3] = {1, -1, -1};
                if (sdc_relate(b->m, SDC_GE, 3, cells, coef) != 0)
                    return -1;
            } else if (at_least(b, c, v, 0) != 0 || at_least(b, c, a, 0) != 0) {
                return -1;
            }
        } else if (strcmp(measure, "vermittlungen") == 0) {
            if (at_least(b, c, find(b, "km_ereignisse", from, to, filter), 1) != 0)
                return -1;
        } else {
            for (size_t k = 0; bases[k]; k++) {
                if (strcmp(measure, bases[k]) != 0)
                    continue;
                char f[KEY_MAX + 32];
                int bst = disclosure_field_baustein(felder[k]);
                if (strcmp(filter, "gesamt") == 0)
                    snprintf(f, sizeof f, "baustein=%d", bst);
                else if (strstr(filter, "baustein="))
                    copy_str(f, sizeof f, filter);
                else
                    snprintf(f, sizeof f, "baustein=%d" KZ_CROSS "%s", bst, filter);
                if (at_least(b, find(b, "austritte", from, to, f), c, 0) != 0 ||
                    at_least(b, find(b, "austritte", from, to, filter), c, 0) != 0)
                    return -1;
            }
        }
    }
    return 0;
}

/* Collects the groups (filters) that have teilnahmen in the period of set s. */
static int collect_filters(builder *b, const period *p, strmap *out)
{
    char prefix[64];
    snprintf(prefix, sizeof prefix, "teilnahmen|%s..%s|", p->from, p->to);
    for (size_t i = 0; i < sdc_cell_count(b->m); i++) {
        const char *key = sdc_key(b->m, (long)i);
        if (strncmp(key, prefix, strlen(prefix)) == 0 &&
            strmap_set(out, key + strlen(prefix), "1", NULL) != 0)
            return -1;
    }
    return 0;
}

dbk_error disclosure_apply(disclosure_set *sets, size_t n, const config *cfg, sdc_stats *stats)
{
    builder bb, *b = &bb;
    dbk_error err = DBK_ERR_NOMEM;
    long **figs = calloc(n + 1, sizeof *figs);
    long **parts = calloc(n + 1, sizeof *parts); /* per row: its zaehler and nenner cells */
    strmap *filters = NULL;

    memset(b, 0, sizeof *b);
    b->cfg = cfg;
    if (!figs || !parts || !(b->m = sdc_new(cfg->min_fallzahl)) || !(b->group_index = strmap_new()) ||
        !(b->alias_index = strmap_new()))
        goto done;
    for (size_t s = 0; s < n; s++) {
        kz_table *t = sets[s].t;
        if (!(figs[s] = malloc((t->n + 1) * sizeof *figs[s])) ||
            !(parts[s] = malloc((t->n + 1) * 2 * sizeof *parts[s])))
            goto done;
    }
    /* Rows whose counts may be another's cell come second, so that cell exists whatever the
     * order of the rows (abschluss_quote's basis is the exits of Baustein 3, added later). */
    for (int pass = 0; pass < 2; pass++)
        for (size_t s = 0; s < n; s++) {
            kz_table *t = sets[s].t;
            for (size_t i = 0; i < t->n; i++) {
                if (may_be_alias(&t->rows[i]) != pass)
                    continue;
                int rc = add_row(b, &t->rows[i], sets[s].p, &figs[s][i], &parts[s][2 * i]);
                if (rc == -2) {
                    diag_error(NULL, 0, NULL, _("internal error in disclosure control: nothing written"));
                    err = DBK_ERR_DB;
                    goto done;
                }
                if (rc != 0)
                    goto done;
            }
        }
    if (add_lines(b) != 0)
        goto done;
    for (size_t s = 0; s < n; s++) {
        flow_ctx fc = {b, sets[s].p, 0};
        if (!(filters = strmap_new()) || collect_filters(b, sets[s].p, filters) != 0)
            goto done;
        strmap_each(filters, flow_group, &fc);
        strmap_free(filters);
        filters = NULL;
        if (fc.rc != 0 || identities(b, sets[s].p) != 0 ||
            quarter_chain(b, sets[s].p, "gesamt") != 0)
            goto done;
        for (int bst = 1; bst <= CODEBOOK_BAUSTEINE; bst++) {
            char f[32];
            snprintf(f, sizeof f, "baustein=%d", bst);
            if (quarter_chain(b, sets[s].p, f) != 0)
                goto done;
        }
    }
    if (subsets(b) != 0)
        goto done;
    if (sdc_check_relations(b->m) != 0)
        diag_warn(NULL, 0, NULL, _("internal: disclosure control was given a relation that does not hold"));
    if ((err = sdc_protect(b->m, stats)) != DBK_OK)
        goto done;
    for (size_t s = 0; s < n; s++) {
        kz_table *t = sets[s].t;
        for (size_t i = 0; i < t->n; i++) {
            kz_row *r = &t->rows[i];
            long f = figs[s][i];
            r->gesperrt = 0;
            r->geheimhaltung = KZ_GH_NONE;
            if (f < 0)
                continue;
            r->gesperrt = sdc_figure_withheld(b->m, f);
            r->gesperrt_teile = 0;
            if (!r->gesperrt)
                continue;
            r->geheimhaltung = sdc_figure_state(b->m, f) == SDC_PRIMARY ? KZ_GH_PRIMAER
                                                                        : KZ_GH_SEKUNDAER;
            /* a count the figure shows that a reader sees elsewhere stays visible in it too:
             * one figure is one figure */
            long zc = parts[s][2 * i], nc = parts[s][2 * i + 1];
            if (zc >= 0 && !sdc_cell_published(b->m, zc))
                r->gesperrt_teile |= KZ_TEIL_ZAEHLER;
            if (nc >= 0 && !sdc_cell_published(b->m, nc))
                r->gesperrt_teile |= KZ_TEIL_NENNER;
        }
    }
    err = DBK_OK;
done:
    if (figs)
        for (size_t s = 0; s < n; s++)
            free(figs[s]);
    if (parts)
        for (size_t s = 0; s < n; s++)
            free(parts[s]);
    free(figs);
    free(parts);
    strmap_free(filters);
    for (size_t i = 0; i < b->n_groups; i++) {
        free(b->groups[i].total);
        free(b->groups[i].parts);
    }
    free(b->groups);
    strmap_free(b->group_index);
    strmap_free(b->alias_index);
    sdc_free(b->m);
    return err;
}
