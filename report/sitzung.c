/*
 * sitzung.c - builds the Sitzungsbericht model from kennzahlen.
 */
#include "sitzung.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "common_build.h"
#include "kennzahl.h"
#include "labels.h"
#include "table_build.h"

typedef tbuild builder;

#define L(id) label_cfg(b->cfg, b->lang, (id))
/* An indicator's name, from the registry of indicators. */
#define K(name) kennzahl_label((name), b->lang == REPORT_LANG_DE)
#define TRY(x)                                                                                     \
    do {                                                                                           \
        if ((x) != 0)                                                                              \
            return -1;                                                                             \
    } while (0)
#define TRYP(p)                                                                                    \
    do {                                                                                           \
        if (!(p))                                                                                  \
            return -1;                                                                             \
    } while (0)

static const report_figure *fig(builder *b, const char *k, const char *d, const char *c)
{
    return report_data_find(b->data, k, d, c);
}

/* The figure of the previous period the report compares with, or NULL. */
static const report_figure *pfig(builder *b, const char *k, const char *d, const char *c)
{
    return b->data->prev ? report_data_find(b->data->prev, k, d, c) : NULL;
}

/* Is there a previous period with participations to compare with? */
static int comparing(builder *b)
{
    const report_figure *t = pfig(b, "teilnahmen", "gesamt", "gesamt");
    return t && (t->gesperrt || ((t->has & FIGURE_ZAEHLER) && t->zaehler > 0));
}

/* The previous period's name ("2021"). */
static void prev_period_text(builder *b, char *buf, size_t size)
{
    if (b->data->prev)
        build_period_text(buf, size, b->data->prev, b->lang);
    else
        snprintf(buf, size, "%s", "");
}

/* One row of the key figures table; with compare, the previous period and the change in columns 5, 6. */
static int key_row(builder *b, rtable *t, const char *text, const char *kennzahl, rcell_kind kind,
                   int compare)
{
    const report_figure *f = fig(b, kennzahl, "gesamt", "gesamt");
    long r = rtable_add_row(t, 0);
    TRY(r < 0);
    TRY(rtable_set_text(t, (size_t)r, 0, text));
    if (kind == RCELL_COUNT) {
        /* a count is in zaehler; wert may repeat it */
        tbuild_put(b, t, (size_t)r, 1, kind, f, f && (f->has & FIGURE_WERT) ? FIG_WERT : FIG_ZAEHLER);
    } else {
        tbuild_put_estimate(b, t, (size_t)r, 1, kind, f);
        tbuild_put(b, t, (size_t)r, 4, RCELL_COUNT, f, FIG_NENNER);
    }
    if (compare) {
        const report_figure *pf = pfig(b, kennzahl, "gesamt", "gesamt");
        tbuild_put(b, t, (size_t)r, 5, kind, pf, FIG_WERT);
        tbuild_put_change(b, t, (size_t)r, 6, f, pf, kind);
    }
    return 0;
}

static int section_key(builder *b)
{
    char text[160], lo[16], hi[16];
    rsection *sec = rdoc_add_section(b->doc, L(L_SEC_KEY), L(L_SHEET_KEY), 1);
    TRYP(sec);
    if (b->data->n_figures == 0)
        return rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_NO_DATA));
    const report_figure *n = report_data_find(b->data, "teilnahmen", "gesamt", "gesamt");
    if (n && (n->has & FIGURE_WERT) && n->wert == 0) /* said plainly, before any empty table */
        TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_NO_PARTICIPATIONS)));
    TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_KEY_INTRO)));
    char now[96], before[96];
    int compare = comparing(b);
    build_period_text(now, sizeof now, b->data, b->lang);
    prev_period_text(b, before, sizeof before);
    if (b->data->prev)
        TRY(rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(compare ? L_TXT_COMPARE : L_TXT_NO_COMPARE),
                               before));
    rtable *t = rsection_add_table(sec, NULL, compare ? 7 : 5);
    TRYP(t);
    TRY(rtable_set_column(t, 0, L(L_COL_INDICATOR), RCELL_TEXT, 3.2));
    TRY(tbuild_set_estimate_columns(b, t, 1, compare ? now : L(L_COL_VALUE), RCELL_COUNT, 1.0, 1.1));
    TRY(rtable_set_column(t, 4, L(L_COL_BASE), RCELL_COUNT, 1.0));
    if (compare) {
        TRY(rtable_set_column(t, 5, before, RCELL_COUNT, 1.0));
        TRY(rtable_set_column(t, 6, L(L_COL_CHANGE), RCELL_CHANGE, 1.25));
    }
    TRY(key_row(b, t, K("personen"), "personen", RCELL_COUNT, compare));
    TRY(key_row(b, t, K("teilnahmen"), "teilnahmen", RCELL_COUNT, compare));
    TRY(key_row(b, t, K("eintritte"), "eintritte", RCELL_COUNT, compare));
    TRY(key_row(b, t, K("austritte"), "austritte", RCELL_COUNT, compare));
    TRY(key_row(b, t, K("vermittlungsquote"), "vermittlungsquote", RCELL_SHARE, compare));
    TRY(key_row(b, t, K("abbruchquote"), "abbruchquote", RCELL_SHARE, compare));
    TRY(key_row(b, t, K("dauer_bis_vermittlung"), "dauer_bis_vermittlung", RCELL_DAYS, compare));
    snprintf(lo, sizeof lo, "%d", b->cfg->age_min);
    snprintf(hi, sizeof hi, "%d", b->cfg->age_max);
    snprintf(text, sizeof text, L(L_K_ZIELGRUPPE), lo, hi);
    TRY(key_row(b, t, text, "zielgruppe_anteil", RCELL_SHARE, compare));
    const report_figure *d = fig(b, "dauer_bis_vermittlung", "gesamt", "gesamt");
    if (d && !d->gesperrt && !(d->has & FIGURE_WERT))
        TRY(rsection_add_text(sec, RBLOCK_NOTE, L(L_TXT_MEDIAN_UNDEF)));
    return 0;
}

/* A row of the Verbleib table: the count, the share and its interval. */
static int verbleib_row(builder *b, rtable *t, size_t r, const report_figure *f, void *ctx)
{
    tbuild_put(b, t, r, 1, RCELL_COUNT, f, FIG_ZAEHLER);
    tbuild_put_estimate(b, t, r, 2, RCELL_SHARE, f);
    return 0;
}

static int section_verbleib(builder *b)
{
    size_t n;
    char count[32];
    rsection *sec = rdoc_add_section(b->doc, L(L_SEC_VERBLEIB), L(L_SHEET_VERBLEIB), 1);
    TRYP(sec);
    report_data_range(b->data, "verbleib_anteil", "verbleib", &n);
    if (n == 0)
        return rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_NO_FIGURES));
    const report_figure *aus = fig(b, "austritte", "gesamt", "gesamt");
    if (aus && !aus->gesperrt && (aus->has & FIGURE_ZAEHLER))
        TRY(rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(L_TXT_VERBLEIB_BASE),
                               format_count(count, sizeof count, aus->zaehler, b->lang)));
    rtable *t = rsection_add_table(sec, NULL, 5);
    TRYP(t);
    TRY(rtable_set_column(t, 0, label_dimension_cfg(b->cfg, b->lang, "verbleib"), RCELL_TEXT, 3.0));
    TRY(rtable_set_column(t, 1, L(L_COL_COUNT), RCELL_COUNT, 1.0));
    TRY(tbuild_set_estimate_columns(b, t, 2, L(L_COL_SHARE), RCELL_SHARE, 1.0, 1.1));
    TRY(tbuild_add_rows(b, t, "verbleib_anteil", "verbleib", verbleib_row, NULL));
    TRYP(tbuild_add_share_chart(sec, RCHART_BAR, t, L(L_CH_VERBLEIB), L(L_CH_SHARE_AUSTRITTE), NULL, 2, 1));
    return 0;
}

/* Names the groups a test combined: those whose placement rate is withheld. */
static int merged_groups(builder *b, rsection *sec, const char *dimension)
{
    size_t n, len = 0;
    char names[1024] = "", name[256];
    const report_figure *figs = report_data_range(b->data, "vermittlungsquote", dimension, &n);
    for (size_t i = 0; i < n; i++) {
        if (!figs[i].gesperrt)
            continue;
        label_category(name, sizeof name, b->cfg, b->lang, dimension, figs[i].kategorie);
        int w = snprintf(names + len, sizeof names - len, "%s%s", len ? ", " : "", name);
        if (w < 0 || (size_t)w >= sizeof names - len)
            break;
        len += (size_t)w;
    }
    return rsection_add_textf(sec, RBLOCK_NOTE, L(L_TXT_TEST_MERGED), names);
}

/* The chi-squared or Fisher result for dimension in words. */
static int test_sentence(builder *b, rsection *sec, const char *dimension)
{
    char by[96], x[32], df[32], p[40];
    snprintf(by, sizeof by, "%s", label_dimension_cfg(b->cfg, b->lang, dimension));
    const report_figure *chi = fig(b, "test_vermittlung", dimension, "chi2");
    const report_figure *fis = fig(b, "test_vermittlung", dimension, "fisher");
    const report_figure *t = fis ? fis : chi;
    if (!t)
        return rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(L_TXT_TEST_NONE), by);
    if (t->gesperrt) {
        b->withheld = 1;
        return rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(L_TXT_TEST_WITHHELD), by);
    }
    if (!(t->has & FIGURE_WERT))
        return rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(L_TXT_TEST_NONE), by);
    if (t->geheimhaltung == FIGURE_GH_ZUSAMMENGEFASST && merged_groups(b, sec, dimension) != 0)
        return -1;
    int sig = t->wert < 0.05;
    format_pvalue(x, sizeof x, t->wert, b->lang);
    snprintf(p, sizeof p, x[0] == '<' ? "p %s" : "p = %s", x);
    if (t == fis)
        return rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(sig ? L_TXT_FISHER_SIG : L_TXT_FISHER_NS), by, p);
    format_number(x, sizeof x, t->zaehler, 2, b->lang);
    format_number(df, sizeof df, t->nenner, 0, b->lang);
    return rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(sig ? L_TXT_CHI2_SIG : L_TXT_CHI2_NS), by, x, df, p);
}

/* The cells of a row of placements from the rate f; with compare, the previous period's and the change. */
static void placement_cells(builder *b, rtable *t, size_t r, const report_figure *f, int compare)
{
    tbuild_put_rate(b, t, r, 1, f);
    if (compare) {
        const report_figure *pf = pfig(b, "vermittlungsquote", f->dimension, f->kategorie);
        tbuild_put(b, t, r, 6, RCELL_SHARE, pf, FIG_WERT);
        tbuild_put_change(b, t, r, 7, f, pf, RCELL_SHARE);
    }
}

/* A category's row; ctx points to compare. */
static int placement_row(builder *b, rtable *t, size_t r, const report_figure *f, void *ctx)
{
    placement_cells(b, t, r, f, *(const int *)ctx);
    /* n: the rate's denominator, or the exit count when only the rate is withheld */
    const report_figure *cnt = f->gesperrt ? fig(b, "austritte", f->dimension, f->kategorie) : NULL;
    if (cnt)
        tbuild_put(b, t, r, 1, RCELL_COUNT, cnt, FIG_ZAEHLER);
    return 0;
}

static int placement_by(builder *b, rsection *sec, const char *dimension)
{
    size_t n;
    char title[160], by[128];
    snprintf(by, sizeof by, L(L_TXT_BY), label_dimension_cfg(b->cfg, b->lang, dimension));
    TRY(rsection_add_textf(sec, RBLOCK_HEADING, "%s %s", K("vermittlungsquote"), by));
    report_data_range(b->data, "vermittlungsquote", dimension, &n);
    if (n == 0)
        return rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_NO_FIGURES));
    /* the tables by Baustein and Kommune compare with the previous period */
    int compare = comparing(b) && (strcmp(dimension, "baustein") == 0 || strcmp(dimension, "kommune") == 0);
    char before[96], head[128];
    prev_period_text(b, before, sizeof before);
    snprintf(head, sizeof head, L(L_COL_RATE_PREV), before);
    rtable *t = rsection_add_table(sec, NULL, compare ? 8 : 6);
    TRYP(t);
    TRY(rtable_set_column(t, 0, label_dimension_cfg(b->cfg, b->lang, dimension), RCELL_TEXT, 3.2));
    TRY(rtable_set_column(t, 1, L(L_COL_AUSTRITTE), RCELL_COUNT, 1.0));
    TRY(rtable_set_column(t, 2, L(L_COL_PLACED), RCELL_COUNT, 1.0));
    TRY(tbuild_set_estimate_columns(b, t, 3, L(L_COL_RATE), RCELL_SHARE, 0.9, 1.05));
    if (compare) {
        TRY(rtable_set_column(t, 6, head, RCELL_SHARE, 1.0));
        TRY(rtable_set_column(t, 7, L(L_COL_CHANGE), RCELL_CHANGE_POINTS, 1.2));
    }
    TRY(tbuild_add_rows(b, t, "vermittlungsquote", dimension, placement_row, &compare));
    const report_figure *g = fig(b, "vermittlungsquote", "gesamt", "gesamt");
    if (g) {
        long r = tbuild_add_total(b, t);
        TRY(r < 0);
        placement_cells(b, t, (size_t)r, g, compare);
    }
    snprintf(title, sizeof title, L(L_CH_QUOTE_BY), label_dimension_cfg(b->cfg, b->lang, dimension));
    TRYP(tbuild_add_share_chart(sec, RCHART_BAR, t, title, L(L_CH_QUOTE), NULL, 3, 1));
    return test_sentence(b, sec, dimension);
}

static int section_placement(builder *b)
{
    static const char *const dims[] = {"baustein", "kommune", "aufenthaltsstatus", "geschlecht",
                                       "altersgruppe"};
    rsection *sec = rdoc_add_section(b->doc, L(L_SEC_PLACEMENT), L(L_SHEET_PLACEMENT), 1);
    TRYP(sec);
    TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_PLACEMENT_INTRO)));
    for (size_t i = 0; i < sizeof dims / sizeof dims[0]; i++)
        TRY(placement_by(b, sec, dims[i]));
    return 0;
}

static int section_trend(builder *b)
{
    /* quarters: the union of categories of the four series, ascending */
    static const char *const series[] = {"eintritte", "austritte", "bestand", "vermittlungsquote"};
    char quarters[64][16];
    size_t nq = 0;
    rsection *sec = rdoc_add_section(b->doc, L(L_SEC_TREND), L(L_SHEET_TREND), 1);
    TRYP(sec);
    /* every quarter with data: the previous period's and the period's */
    for (int per = 0; per < 2; per++) {
        const report_data *d = per == 0 ? b->data->prev : b->data;
        if (!d || (per == 0 && !comparing(b)))
            continue;
        for (size_t s = 0; s < 4; s++) {
            size_t n;
            const report_figure *figs = report_data_range(d, series[s], "quartal", &n);
            for (size_t i = 0; i < n; i++) {
                size_t j = 0;
                while (j < nq && strcmp(quarters[j], figs[i].kategorie) != 0)
                    j++;
                if (j == nq && nq < 64)
                    snprintf(quarters[nq++], sizeof quarters[0], "%s", figs[i].kategorie);
            }
        }
    }
    if (nq == 0)
        return rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_NO_FIGURES));
    qsort(quarters, nq, sizeof quarters[0], (int (*)(const void *, const void *))strcmp);
    TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_TREND_INTRO)));
    rtable *t = rsection_add_table(sec, NULL, 7);
    TRYP(t);
    TRY(rtable_set_column(t, 0, L(L_CH_QUARTER), RCELL_TEXT, 1.2));
    TRY(rtable_set_column(t, 1, L(L_COL_EINTRITTE), RCELL_COUNT, 1.0));
    TRY(rtable_set_column(t, 2, L(L_COL_AUSTRITTE), RCELL_COUNT, 1.1));
    TRY(rtable_set_column(t, 3, L(L_COL_BESTAND), RCELL_COUNT, 1.0));
    TRY(tbuild_set_estimate_columns(b, t, 4, K("vermittlungsquote"), RCELL_SHARE, 1.5, 1.1));
    for (size_t q = 0; q < nq; q++) {
        long r = rtable_add_row(t, 0);
        TRY(r < 0);
        TRY(rtable_set_text(t, (size_t)r, 0, quarters[q]));
        /* a quarter of the previous period is read from its figures */
        const report_data *d = fig(b, "austritte", "quartal", quarters[q]) ? b->data : b->data->prev;
        const report_figure *e = report_data_find(d, "eintritte", "quartal", quarters[q]);
        const report_figure *a = report_data_find(d, "austritte", "quartal", quarters[q]);
        const report_figure *s = report_data_find(d, "bestand", "quartal", quarters[q]);
        const report_figure *v = report_data_find(d, "vermittlungsquote", "quartal", quarters[q]);
        tbuild_put(b, t, (size_t)r, 1, RCELL_COUNT, e, FIG_ZAEHLER);
        tbuild_put(b, t, (size_t)r, 2, RCELL_COUNT, a, FIG_ZAEHLER);
        tbuild_put(b, t, (size_t)r, 3, RCELL_COUNT, s, FIG_ZAEHLER);
        tbuild_put_estimate(b, t, (size_t)r, 4, RCELL_SHARE, v);
    }
    rchart *ch = rsection_add_chart(sec, RCHART_LINE, t, L(L_CH_TREND_COUNTS), L(L_CH_QUARTER), L(L_CH_NUMBER));
    TRYP(ch);
    ch->cat_col = 0;
    ch->val_cols[0] = 1;
    ch->val_cols[1] = 2;
    ch->val_cols[2] = 3;
    ch->n_vals = 3;
    TRYP(tbuild_add_share_chart(sec, RCHART_LINE, t, L(L_CH_TREND_QUOTE), L(L_CH_QUARTER), K("vermittlungsquote"),
                                4, 1));
    return 0;
}

typedef struct {
    char bedarf[64], kommune[128];
    double persons, places, coverage, gap;
} need_gap;

static int cmp_gap(const void *x, const void *y)
{
    const need_gap *a = x, *c = y;
    if (a->gap != c->gap)
        return a->gap > c->gap ? -1 : 1;
    /* ties as docs/kennzahlen.md orders angebotsluecke: by kategorie */
    int r = strcmp(a->bedarf, c->bedarf);
    return r ? r : strcmp(a->kommune, c->kommune);
}

static int needs_table_kommune(builder *b, rsection *sec)
{
    size_t n;
    char name[256];
    const report_figure *figs = report_data_range(b->data, "bedarf_personen", "bedarf\xc3\x97kommune", &n);
    TRY(rsection_add_text(sec, RBLOCK_HEADING, L(L_TXT_NEEDS_KOMMUNE)));
    if (n == 0)
        return rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_NO_FIGURES));
    rtable *t = rsection_add_table(sec, NULL, 5);
    TRYP(t);
    TRY(rtable_set_column(t, 0, label_dimension_cfg(b->cfg, b->lang, "bedarf"), RCELL_TEXT, 1.6));
    TRY(rtable_set_column(t, 1, label_dimension_cfg(b->cfg, b->lang, "kommune"), RCELL_TEXT, 1.8));
    TRY(rtable_set_column(t, 2, L(L_COL_PERSONS_NEED), RCELL_COUNT, 1.2));
    TRY(rtable_set_column(t, 3, L(L_COL_PLACES), RCELL_COUNT, 1.2));
    TRY(rtable_set_column(t, 4, L(L_COL_COVERAGE), RCELL_SHARE, 1.1));
    need_gap *gaps = calloc(n, sizeof *gaps);
    size_t ng = 0;
    TRYP(gaps);
    /* reading order: need (codebook), then municipality (config) */
    size_t *idx = malloc(n * sizeof *idx);
    if (!idx) {
        free(gaps);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    for (size_t i = 1; i < n; i++) { /* insertion sort by (need rank, kommune rank) */
        size_t v = idx[i], j = i;
        while (j > 0) {
            const char *ka = figs[idx[j - 1]].kategorie, *kb = figs[v].kategorie;
            char na[64], nb[64];
            const char *xa = strstr(ka, "\xc3\x97"), *xb = strstr(kb, "\xc3\x97");
            snprintf(na, sizeof na, "%.*s", xa ? (int)(xa - ka) : 63, ka);
            snprintf(nb, sizeof nb, "%.*s", xb ? (int)(xb - kb) : 63, kb);
            long ra = build_category_rank(b->cfg, "bedarf", na), rb = build_category_rank(b->cfg, "bedarf", nb);
            long ka2 = xa ? build_category_rank(b->cfg, "kommune", xa + 2) : 0;
            long kb2 = xb ? build_category_rank(b->cfg, "kommune", xb + 2) : 0;
            if (ra < rb || (ra == rb && ka2 <= kb2))
                break;
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const report_figure *f = &figs[idx[i]];
        const char *x = strstr(f->kategorie, "\xc3\x97");
        char need[64], kname[160];
        snprintf(need, sizeof need, "%.*s", x ? (int)(x - f->kategorie) : 63, f->kategorie);
        const char *kommune = x ? x + 2 : "";
        const report_figure *pl = fig(b, "plaetze_zugaenglich", "bedarf\xc3\x97kommune", f->kategorie);
        const report_figure *dg = fig(b, "deckungsgrad", "bedarf\xc3\x97kommune", f->kategorie);
        long r = rtable_add_row(t, 0);
        if (r < 0 || rtable_set_text(t, (size_t)r, 0, label_category(name, sizeof name, b->cfg, b->lang, "bedarf", need)) != 0 ||
            rtable_set_text(t, (size_t)r, 1, label_category(kname, sizeof kname, b->cfg, b->lang, "kommune", kommune)) != 0) {
            rc = -1;
            break;
        }
        tbuild_put(b, t, (size_t)r, 2, RCELL_COUNT, f, FIG_ZAEHLER);
        tbuild_put(b, t, (size_t)r, 3, RCELL_COUNT, pl, FIG_ZAEHLER);
        tbuild_put(b, t, (size_t)r, 4, RCELL_SHARE, dg, FIG_WERT);
        /* a gap is ranked only on figures that may be shown: a withheld one never orders anything */
        if (!f->gesperrt && pl && !pl->gesperrt && dg && !dg->gesperrt && (f->has & FIGURE_ZAEHLER) &&
            (pl->has & FIGURE_ZAEHLER) && (dg->has & FIGURE_WERT) && f->zaehler > pl->zaehler) {
            need_gap *g = &gaps[ng++];
            snprintf(g->bedarf, sizeof g->bedarf, "%s", need);
            snprintf(g->kommune, sizeof g->kommune, "%s", kommune);
            g->persons = f->zaehler;
            g->places = pl->zaehler;
            g->coverage = dg->wert;
            g->gap = f->zaehler - pl->zaehler;
        }
    }
    free(idx);
    if (rc == 0) {
        TRY(rsection_add_text(sec, RBLOCK_HEADING, L(L_TXT_GAPS)));
        if (ng == 0) {
            rc = rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_GAPS_NONE));
        } else {
            qsort(gaps, ng, sizeof *gaps, cmp_gap);
            rtable *g = rsection_add_table(sec, NULL, 7);
            if (!g || rtable_set_column(g, 0, L(L_COL_RANK), RCELL_COUNT, 0.6) != 0 ||
                rtable_set_column(g, 1, label_dimension_cfg(b->cfg, b->lang, "bedarf"), RCELL_TEXT, 1.5) != 0 ||
                rtable_set_column(g, 2, label_dimension_cfg(b->cfg, b->lang, "kommune"), RCELL_TEXT, 1.7) != 0 ||
                rtable_set_column(g, 3, L(L_COL_PERSONS_NEED), RCELL_COUNT, 1.2) != 0 ||
                rtable_set_column(g, 4, L(L_COL_PLACES), RCELL_COUNT, 1.2) != 0 ||
                rtable_set_column(g, 5, L(L_COL_GAP), RCELL_COUNT, 1.1) != 0 ||
                rtable_set_column(g, 6, L(L_COL_COVERAGE), RCELL_SHARE, 1.35) != 0)
                rc = -1;
            for (size_t i = 0; i < ng && i < 10 && rc == 0; i++) {
                char kname[160];
                long r = rtable_add_row(g, 0);
                if (r < 0 || rtable_set_text(g, (size_t)r, 1, label_category(name, sizeof name, b->cfg, b->lang, "bedarf", gaps[i].bedarf)) != 0 ||
                    rtable_set_text(g, (size_t)r, 2, label_category(kname, sizeof kname, b->cfg, b->lang, "kommune", gaps[i].kommune)) != 0) {
                    rc = -1;
                    break;
                }
                rtable_set_value(g, (size_t)r, 0, (double)(i + 1));
                rtable_set_value(g, (size_t)r, 3, gaps[i].persons);
                rtable_set_value(g, (size_t)r, 4, gaps[i].places);
                rtable_set_value(g, (size_t)r, 5, gaps[i].gap);
                rtable_set_kind(g, (size_t)r, 6, RCELL_SHARE);
                rtable_set_value(g, (size_t)r, 6, gaps[i].coverage);
            }
        }
    }
    free(gaps);
    return rc;
}

typedef struct {
    rsection *sec;
    int closed; /* a sentence says that places are closed to some */
} status_ctx;

/* A need's row by status; below the table, a sentence where its places are closed to tolerated or permitted persons. */
static int status_row(builder *b, rtable *t, size_t r, const report_figure *f, void *ctx)
{
    static const char *const st[2] = {"duldung", "gestattung"};
    status_ctx *sc = ctx;
    const char *need = f->kategorie;
    char name[256];
    const report_figure *pl[2];
    for (int s = 0; s < 2; s++) {
        char cat[128];
        snprintf(cat, sizeof cat, "%s\xc3\x97%s", need, st[s]);
        pl[s] = fig(b, "plaetze_zugaenglich", "bedarf\xc3\x97" "aufenthaltsstatus", cat);
        tbuild_put(b, t, r, 1 + 3 * (size_t)s, RCELL_COUNT, fig(b, "bedarf_personen", "bedarf\xc3\x97" "aufenthaltsstatus", cat), FIG_ZAEHLER);
        tbuild_put(b, t, r, 2 + 3 * (size_t)s, RCELL_COUNT, pl[s], FIG_ZAEHLER);
        tbuild_put(b, t, r, 3 + 3 * (size_t)s, RCELL_SHARE, fig(b, "deckungsgrad", "bedarf\xc3\x97" "aufenthaltsstatus", cat), FIG_WERT);
    }
    /* point out places closed to tolerated or permitted persons */
    /* all places serving the need: open to both statuses plus those closed to one */
    const report_figure *all = fig(b, "plaetze_zugaenglich", "bedarf", need);
    const report_figure *shut = fig(b, "plaetze_verschlossen", "bedarf", need);
    if (shut && (shut->gesperrt || !(shut->has & FIGURE_ZAEHLER)))
        all = NULL;
    if (all && !all->gesperrt && (all->has & FIGURE_ZAEHLER) && all->zaehler + (shut ? shut->zaehler : 0) > 0) {
        char v[3][32], open_both[32];
        int shown = 1, fewer = 0;
        double places = all->zaehler + (shut ? shut->zaehler : 0);
        format_count(v[0], sizeof v[0], places, b->lang);
        format_count(open_both, sizeof open_both, all->zaehler, b->lang);
        for (int s = 0; s < 2; s++) {
            if (!pl[s] || pl[s]->gesperrt || !(pl[s]->has & FIGURE_ZAEHLER)) {
                snprintf(v[1 + s], sizeof v[1 + s], "%s", pl[s] && pl[s]->gesperrt ? FORMAT_SIGN_WITHHELD : FORMAT_SIGN_UNDEFINED);
                shown = 0;
            } else {
                if (pl[s]->zaehler == 0)
                    snprintf(v[1 + s], sizeof v[1 + s], "%s", b->lang == REPORT_LANG_DE ? "keine" : "none");
                else
                    format_count(v[1 + s], sizeof v[1 + s], pl[s]->zaehler, b->lang);
                if (pl[s]->zaehler < places)
                    fewer = 1;
            }
        }
        if (fewer || !shown) {
            sc->closed = 1;
            return rsection_add_textf(sc->sec, RBLOCK_PARAGRAPH, L(L_TXT_STATUS_CLOSED),
                                      label_category(name, sizeof name, b->cfg, b->lang, "bedarf", need),
                                      v[0], open_both, v[1], v[2]);
        }
    }
    return 0;
}

static int needs_status(builder *b, rsection *sec)
{
    size_t n;
    status_ctx sc = {sec, 0};
    report_data_range(b->data, "bedarf_personen", "bedarf", &n);
    TRY(rsection_add_text(sec, RBLOCK_HEADING, L(L_TXT_STATUS_TABLE)));
    rtable *t = rsection_add_table(sec, NULL, 7);
    TRYP(t);
    TRY(rtable_set_column(t, 0, label_dimension_cfg(b->cfg, b->lang, "bedarf"), RCELL_TEXT, 1.5));
    for (int s = 0; s < 2; s++) {
        char head[160];
        const char *sl = L(s == 0 ? L_COL_TOLERATED : L_COL_PERMITTED);
        snprintf(head, sizeof head, "%s: %s", sl, L(L_COL_PERSONS_NEED));
        TRY(rtable_set_column(t, 1 + 3 * (size_t)s, head, RCELL_COUNT, 1.25));
        snprintf(head, sizeof head, "%s: %s", sl, L(L_COL_OPEN_PLACES));
        TRY(rtable_set_column(t, 2 + 3 * (size_t)s, head, RCELL_COUNT, 1.25));
        snprintf(head, sizeof head, "%s: %s", sl, L(L_COL_COVERAGE));
        TRY(rtable_set_column(t, 3 + 3 * (size_t)s, head, RCELL_SHARE, 1.25));
    }
    TRY(tbuild_add_rows(b, t, "bedarf_personen", "bedarf", status_row, &sc));
    if (!sc.closed && n > 0)
        return rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_STATUS_OPEN));
    return 0;
}

/* A need's row: persons, accessible places, coverage. */
static int needs_row(builder *b, rtable *t, size_t r, const report_figure *f, void *ctx)
{
    tbuild_put(b, t, r, 1, RCELL_COUNT, f, FIG_ZAEHLER);
    tbuild_put(b, t, r, 2, RCELL_COUNT, fig(b, "plaetze_zugaenglich", "bedarf", f->kategorie), FIG_ZAEHLER);
    tbuild_put(b, t, r, 3, RCELL_SHARE, fig(b, "deckungsgrad", "bedarf", f->kategorie), FIG_WERT);
    return 0;
}

static int section_needs(builder *b)
{
    size_t n;
    rsection *sec = rdoc_add_section(b->doc, L(L_SEC_NEEDS), L(L_SHEET_NEEDS), 1);
    TRYP(sec);
    report_data_range(b->data, "bedarf_personen", "bedarf", &n);
    if (n == 0)
        return rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_NO_FIGURES));
    TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_NEEDS_INTRO)));
    rtable *t = rsection_add_table(sec, NULL, 4);
    TRYP(t);
    TRY(rtable_set_column(t, 0, label_dimension_cfg(b->cfg, b->lang, "bedarf"), RCELL_TEXT, 2.0));
    TRY(rtable_set_column(t, 1, L(L_COL_PERSONS_NEED), RCELL_COUNT, 1.3));
    TRY(rtable_set_column(t, 2, L(L_COL_PLACES), RCELL_COUNT, 1.3));
    TRY(rtable_set_column(t, 3, L(L_COL_COVERAGE), RCELL_SHARE, 1.2));
    TRY(tbuild_add_rows(b, t, "bedarf_personen", "bedarf", needs_row, NULL));
    TRYP(tbuild_add_share_chart(sec, RCHART_BAR, t, L(L_CH_COVERAGE), L(L_COL_COVERAGE), NULL, 3, 0));
    TRY(needs_table_kommune(b, sec));
    return needs_status(b, sec);
}

static int language_row(builder *b, rtable *t, const char *kennzahl)
{
    const report_figure *f = fig(b, kennzahl, "gesamt", "gesamt");
    long r = rtable_add_row(t, 0);
    TRY(r < 0);
    TRY(rtable_set_text(t, (size_t)r, 0, K(kennzahl)));
    tbuild_put_rate(b, t, (size_t)r, 1, f);
    return 0;
}

static int section_language(builder *b)
{
    rsection *sec = rdoc_add_section(b->doc, L(L_SEC_LANGUAGE), L(L_SHEET_LANGUAGE), 1);
    TRYP(sec);
    if (b->data->n_figures == 0)
        return rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_NO_FIGURES));
    TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_LANGUAGE_INTRO)));
    rtable *t = rsection_add_table(sec, NULL, 6);
    TRYP(t);
    TRY(rtable_set_column(t, 0, L(L_COL_INDICATOR), RCELL_TEXT, 3.3));
    TRY(rtable_set_column(t, 1, L(L_COL_BASE), RCELL_COUNT, 0.9));
    TRY(rtable_set_column(t, 2, L(L_COL_REACHED), RCELL_COUNT, 0.9));
    TRY(tbuild_set_estimate_columns(b, t, 3, L(L_COL_RATE), RCELL_SHARE, 0.9, 1.05));
    TRY(language_row(b, t, "deutsch_b1_quote"));
    TRY(language_row(b, t, "pruefung_bestanden_quote"));
    TRY(language_row(b, t, "abschluss_quote"));
    TRYP(tbuild_add_share_chart(sec, RCHART_BAR, t, L(L_SEC_LANGUAGE), L(L_COL_RATE), NULL, 3, 1));
    return 0;
}

static int section_quality(builder *b)
{
    size_t n;
    char lo[16], hi[16], count[32];
    rsection *sec = rdoc_add_section(b->doc, L(L_SEC_QUALITY), L(L_SHEET_QUALITY), 1);
    TRYP(sec);
    const report_figure *figs = report_data_range(b->data, "vollstaendigkeit", "feld", &n);
    TRY(rsection_add_text(sec, RBLOCK_HEADING, L(L_TXT_COMPLETENESS)));
    if (n > 0)
        TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_COMPLETENESS_BASE)));
    if (n == 0) {
        TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_TXT_NO_FIGURES)));
    } else {
        rtable *t = rsection_add_table(sec, NULL, 4);
        TRYP(t);
        TRY(rtable_set_column(t, 0, label_dimension_cfg(b->cfg, b->lang, "feld"), RCELL_TEXT, 2.6));
        TRY(rtable_set_column(t, 1, L(L_COL_WITH_VALUE), RCELL_COUNT, 1.0));
        TRY(rtable_set_column(t, 2, L(L_COL_ROWS), RCELL_COUNT, 1.0));
        TRY(rtable_set_column(t, 3, L(L_COL_SHARE), RCELL_SHARE, 1.0));
        for (size_t i = 0; i < n; i++) {
            long r = tbuild_add_row(b, t, "feld", figs[i].kategorie, 0);
            TRY(r < 0);
            tbuild_put(b, t, (size_t)r, 1, RCELL_COUNT, &figs[i], FIG_ZAEHLER);
            tbuild_put(b, t, (size_t)r, 2, RCELL_COUNT, &figs[i], FIG_NENNER);
            tbuild_put(b, t, (size_t)r, 3, RCELL_SHARE, &figs[i], FIG_WERT);
        }
    }
    figs = report_data_range(b->data, "abgewiesen", "grund", &n);
    TRY(rsection_add_text(sec, RBLOCK_HEADING, L(L_TXT_REJECTS)));
    if (n == 0) {
        TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, b->data->n_figures ? L(L_TXT_REJECTS_NONE) : L(L_TXT_NO_FIGURES)));
    } else {
        rtable *t = rsection_add_table(sec, NULL, 2);
        TRYP(t);
        TRY(rtable_set_column(t, 0, label_dimension_cfg(b->cfg, b->lang, "grund"), RCELL_TEXT, 4.0));
        TRY(rtable_set_column(t, 1, L(L_COL_ROWS), RCELL_COUNT, 1.0));
        for (size_t i = 0; i < n; i++) {
            long r = rtable_add_row(t, 0);
            TRY(r < 0);
            TRY(rtable_set_text(t, (size_t)r, 0, figs[i].kategorie));
            tbuild_put(b, t, (size_t)r, 1, RCELL_COUNT, &figs[i], FIG_ZAEHLER);
        }
    }
    const report_figure *out = fig(b, "personen_ausserhalb_zielgruppe", "gesamt", "gesamt");
    if (!out)
        out = fig(b, "personen", "altersgruppe", "ausserhalb");
    if (out) {
        snprintf(lo, sizeof lo, "%d", b->cfg->age_min);
        snprintf(hi, sizeof hi, "%d", b->cfg->age_max);
        if (out->gesperrt) {
            b->withheld = 1;
            snprintf(count, sizeof count, "%s", FORMAT_SIGN_WITHHELD);
        } else if (!(out->has & FIGURE_ZAEHLER)) {
            snprintf(count, sizeof count, "%s", FORMAT_SIGN_UNDEFINED);
        } else if (out->zaehler == 0) {
            snprintf(count, sizeof count, "%s", FORMAT_SIGN_ZERO);
        } else {
            format_count(count, sizeof count, out->zaehler, b->lang);
        }
        TRY(rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(L_TXT_OUTSIDE), lo, hi, count));
    }
    return 0;
}

/*
 * Information loss: figures and withheld ones per table (dimension); the split into primary
 * and secondary only for the whole report (per table it would say how many counts are small).
 */
static int disclosure_loss(builder *b, rsection *sec)
{
    typedef struct {
        const char *dimension;
        long n, withheld;
    } loss;
    loss rows[64];
    size_t nr = 0;
    long tn = 0, tp = 0, ts = 0;
    for (size_t i = 0; i < b->data->n_figures; i++) {
        const report_figure *f = &b->data->figures[i];
        if (strcmp(f->kennzahl, "test_vermittlung") == 0)
            continue;
        size_t j = 0;
        while (j < nr && strcmp(rows[j].dimension, f->dimension) != 0)
            j++;
        if (j == nr) {
            if (nr == sizeof rows / sizeof rows[0])
                continue;
            rows[nr++] = (loss){f->dimension, 0, 0};
        }
        rows[j].n++;
        tn++;
        if (f->gesperrt) {
            rows[j].withheld++;
            if (f->geheimhaltung == FIGURE_GH_SEKUNDAER)
                ts++;
            else
                tp++;
        }
    }
    if (tp + ts == 0)
        return rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_M_NONE_WITHHELD));
    TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_M_DISCLOSURE_LOSS)));
    rtable *t = rsection_add_table(sec, NULL, 3);
    TRYP(t);
    TRY(rtable_set_column(t, 0, L(L_COL_TABLE), RCELL_TEXT, 3.0));
    TRY(rtable_set_column(t, 1, L(L_COL_FIGURES), RCELL_COUNT, 1.0));
    TRY(rtable_set_column(t, 2, L(L_COL_WITHHELD), RCELL_COUNT, 1.2));
    for (size_t j = 0; j < nr; j++) {
        char name[256], by[160];
        const char *d = rows[j].dimension;
        if (strcmp(d, "gesamt") == 0) {
            snprintf(name, sizeof name, "%s", L(L_SEC_KEY));
        } else {
            /* "nach Baustein × Kommune" */
            char dims[192] = "";
            const char *p = d;
            while (*p) {
                const char *x = strstr(p, "\xc3\x97");
                char one[64];
                snprintf(one, sizeof one, "%.*s", x ? (int)(x - p) : (int)strlen(p), p);
                snprintf(dims + strlen(dims), sizeof dims - strlen(dims), "%s%s",
                         dims[0] ? " \xc3\x97 " : "", label_dimension_cfg(b->cfg, b->lang, one));
                p = x ? x + 2 : p + strlen(p);
            }
            snprintf(by, sizeof by, L(L_TXT_BY), dims);
            snprintf(name, sizeof name, "%s", by);
        }
        long r = rtable_add_row(t, 0);
        TRY(r < 0);
        TRY(rtable_set_text(t, (size_t)r, 0, name));
        rtable_set_value(t, (size_t)r, 1, (double)rows[j].n);
        rtable_set_value(t, (size_t)r, 2, (double)rows[j].withheld);
    }
    long r = tbuild_add_total(b, t);
    TRY(r < 0);
    rtable_set_value(t, (size_t)r, 1, (double)tn);
    rtable_set_value(t, (size_t)r, 2, (double)(tp + ts));
    char a[32], c[32], w[32];
    format_count(a, sizeof a, (double)tp, b->lang);
    format_count(c, sizeof c, (double)ts, b->lang);
    format_percent(w, sizeof w, tn ? (double)(tp + ts) / (double)tn : 0, 1, b->lang);
    return rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(L_M_LOSS_SPLIT), w, a, c);
}

static int section_method(builder *b)
{
    char a[32], c[32], placements[512] = "";
    rsection *sec = rdoc_add_section(b->doc, L(L_SEC_METHOD), L(L_SHEET_METHOD), 1);
    TRYP(sec);
    TRY(rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(L_M_SOURCE), DURCHBLICK_VERSION));
    TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_M_DEFINITIONS)));
    for (int i = 0; codebook_verbleib[i]; i++) {
        if (!(b->cfg->placement_mask & (1u << i)))
            continue;
        char name[128];
        size_t len = strlen(placements);
        snprintf(placements + len, sizeof placements - len, "%s%s", len ? ", " : "",
                 label_category(name, sizeof name, b->cfg, b->lang, "verbleib", codebook_verbleib[i]));
    }
    TRY(rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(L_M_QUOTE), placements));
    TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_M_DAUER)));
    snprintf(a, sizeof a, "%d", b->cfg->age_min);
    snprintf(c, sizeof c, "%d", b->cfg->age_max);
    TRY(rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(L_M_ZIELGRUPPE), a, c));
    TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_M_DECKUNG)));
    format_number(a, sizeof a, b->cfg->confidence * 100.0, 0, b->lang);
    TRY(rsection_add_textf(sec, RBLOCK_PARAGRAPH,
                           L(b->cfg->ci_method == CI_CLOPPER_PEARSON ? L_M_CI_CP : L_M_CI_WILSON), a));
    TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_M_TESTS)));
    snprintf(a, sizeof a, "%d", b->cfg->min_fallzahl);
    TRY(rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(L_M_DISCLOSURE), a, a));
    TRY(disclosure_loss(b, sec));
    TRY(rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_M_ROUNDING)));
    if (b->data->lauf_id) {
        char id[32], date[32], sha[20];
        snprintf(id, sizeof id, "%ld", b->data->lauf_id);
        snprintf(sha, sizeof sha, "%.12s\xe2\x80\xa6", b->data->config_sha256);
        const char *cfgname = b->cfg->path ? strrchr(b->cfg->path, '/') : NULL;
        cfgname = cfgname ? cfgname + 1 : b->cfg->path ? b->cfg->path : "";
        TRY(rsection_add_textf(sec, RBLOCK_NOTE, L(L_M_RUN), id,
                               format_date(date, sizeof date, b->data->lauf_zeitpunkt, b->lang), cfgname, sha));
    }
    /* a figure withheld anywhere in the data is explained too: the Daten sheet lists them all */
    if (report_data_any_withheld(b->data))
        b->withheld = 1;
    return tbuild_add_legend(b, sec);
}

dbk_error sitzung_build(const config *cfg, const report_data *data, report_lang lang, rdoc **out)
{
    builder bb, *b = &bb;
    *out = NULL;
    if (tbuild_start(b, cfg, data, lang, L_SITZUNG_TITLE, L_FOR_GROUP) != 0)
        goto fail;
    b->doc->cover_page = 1;
    if (section_key(b) != 0 || section_verbleib(b) != 0 || section_placement(b) != 0 ||
        section_trend(b) != 0 || section_needs(b) != 0 || section_language(b) != 0 ||
        section_quality(b) != 0 || section_method(b) != 0)
        goto fail;
    *out = b->doc;
    return DBK_OK;
fail:
    rdoc_free(b->doc);
    return DBK_ERR_NOMEM;
}
