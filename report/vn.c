/*
 * vn.c - builds the Verwendungsnachweis model from kennzahlen.
 */
#include "vn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "common_build.h"
#include "kennzahl.h"
#include "labels.h"
#include "table_build.h"

#define TIMES "\xc3\x97"

typedef struct {
    tbuild tb;
    int n_years;
    int years[16]; /* the years with funds, ascending */
} vbuilder;

#define L(id) label(b->tb.lang, (id))

/* The figure of kennzahl for (year, baustein): jahr×baustein, else baustein for a one-year period. */
static const report_figure *cell_fig(vbuilder *b, const char *k, int year, int bst)
{
    char cat[32];
    snprintf(cat, sizeof cat, "%d" TIMES "%d", year, bst);
    const report_figure *f = report_data_find(b->tb.data, k, "jahr" TIMES "baustein", cat);
    if (!f && b->n_years == 1) {
        snprintf(cat, sizeof cat, "%d", bst);
        f = report_data_find(b->tb.data, k, "baustein", cat);
    }
    return f;
}

/* The year's total of kennzahl: jahr, else gesamt for one year, else NULL. */
static const report_figure *total_fig(vbuilder *b, const char *k, int year)
{
    char cat[16];
    snprintf(cat, sizeof cat, "%d", year);
    const report_figure *f = report_data_find(b->tb.data, k, "jahr", cat);
    if (!f && b->n_years == 1)
        f = report_data_find(b->tb.data, k, "gesamt", "gesamt");
    return f;
}

/* Sum of part over Baustein 1..6; withheld if any is withheld, undefined if none is there. */
static tbuild_value sum_of(vbuilder *b, const char *k, int year, rfig_part part)
{
    tbuild_value t = {RCELL_UNDEFINED, 0};
    unsigned bit = part == FIG_WERT ? FIGURE_WERT : FIGURE_ZAEHLER;
    for (int bst = 1; bst <= CODEBOOK_BAUSTEINE; bst++) {
        const report_figure *f = cell_fig(b, k, year, bst);
        if (!f)
            continue;
        if (f->gesperrt)
            return (tbuild_value){RCELL_WITHHELD, 0};
        if (f->has & bit) {
            t.state = RCELL_SHOWN;
            t.value += part == FIG_WERT ? f->wert : f->zaehler;
        }
    }
    return t;
}

/* The total: the transform's own row where there is one, else the sum. */
static tbuild_value total_of(vbuilder *b, const char *k, int year, rfig_part part)
{
    const report_figure *f = total_fig(b, k, year);
    if (f) {
        unsigned bit = part == FIG_WERT ? FIGURE_WERT : FIGURE_ZAEHLER;
        if (f->gesperrt)
            return (tbuild_value){RCELL_WITHHELD, 0};
        if (f->has & bit)
            return (tbuild_value){RCELL_SHOWN, part == FIG_WERT ? f->wert : f->zaehler};
        return (tbuild_value){RCELL_UNDEFINED, 0};
    }
    return sum_of(b, k, year, part);
}

/* A count of a figure: zaehler, or wert when only that is given. */
static rfig_part count_part(const report_figure *f)
{
    return f && !(f->has & FIGURE_ZAEHLER) && (f->has & FIGURE_WERT) ? FIG_WERT : FIG_ZAEHLER;
}

static tbuild_value ratio(tbuild_value a, tbuild_value c)
{
    if (a.state == RCELL_WITHHELD || c.state == RCELL_WITHHELD)
        return (tbuild_value){RCELL_WITHHELD, 0};
    if (a.state != RCELL_SHOWN || c.state != RCELL_SHOWN || c.value == 0)
        return (tbuild_value){RCELL_UNDEFINED, 0};
    return (tbuild_value){RCELL_SHOWN, a.value / c.value};
}

/*
 * Funding evidence adds up to the cent: each row's Eigenanteil is what its
 * Landesanteil leaves of the amount spent (both in cents), and the totals of
 * the money columns are the sums of the rows shown (where none is withheld).
 * The totals in words then say the same as the table.
 */
static void cents_and_totals(rtable *t, size_t total, tbuild_value *bew, tbuild_value *ver, tbuild_value *land, tbuild_value *eigen)
{
    tbuild_value *sums[5] = {NULL, bew, ver, land, eigen};
    for (size_t r = 0; r < total; r++) {
        rcell *v = rtable_cell(t, r, 2), *l = rtable_cell(t, r, 3), *e = rtable_cell(t, r, 4);
        if (v->state == RCELL_SHOWN && l->state == RCELL_SHOWN && e->state == RCELL_SHOWN)
            rtable_set_value(t, r, 4, v->value - l->value);
    }
    for (size_t c = 1; c <= 4; c++) {
        if (rtable_set_total_sum(t, total, c) == 0)
            *sums[c] = (tbuild_value){RCELL_SHOWN, rtable_cell(t, total, c)->value};
    }
}

static int year_tables(vbuilder *b, rsection *sec, int year)
{
    tbuild *tb = &b->tb;
    char nr[16], y[16];
    snprintf(y, sizeof y, "%d", year);
    if (rsection_add_textf(sec, RBLOCK_HEADING, L(L_VN_YEAR), y) != 0)
        return -1;
    /* money */
    char cap[160];
    snprintf(cap, sizeof cap, "%s %d", L(L_VN_FUNDS), year);
    rtable *t = rsection_add_table(sec, cap, 6);
    if (!t || rtable_set_column(t, 0, label_dimension(b->tb.lang, "baustein"), RCELL_TEXT, 2.3) != 0 ||
        rtable_set_column(t, 1, L(L_COL_BEWILLIGT), RCELL_EURO, 1.35) != 0 ||
        rtable_set_column(t, 2, L(L_COL_VERAUSGABT), RCELL_EURO, 1.35) != 0 ||
        rtable_set_column(t, 3, L(L_COL_LANDESANTEIL), RCELL_EURO, 1.35) != 0 ||
        rtable_set_column(t, 4, L(L_COL_EIGENANTEIL), RCELL_EURO, 1.3) != 0 ||
        rtable_set_column(t, 5, L(L_COL_AUSSCHOEPFUNG), RCELL_SHARE, 1.4) != 0)
        return -1;
    for (int bst = 1; bst <= CODEBOOK_BAUSTEINE; bst++) {
        snprintf(nr, sizeof nr, "%d", bst);
        long r = tbuild_add_row(tb, t, "baustein", nr, 0);
        if (r < 0)
            return -1;
        tbuild_put_or_blank(tb, t, (size_t)r, 1, RCELL_EURO, cell_fig(b, "mittel_bewilligt", year, bst), FIG_WERT);
        tbuild_put_or_blank(tb, t, (size_t)r, 2, RCELL_EURO, cell_fig(b, "mittel_verausgabt", year, bst), FIG_WERT);
        tbuild_put_or_blank(tb, t, (size_t)r, 3, RCELL_EURO, cell_fig(b, "landesanteil", year, bst), FIG_WERT);
        tbuild_put_or_blank(tb, t, (size_t)r, 4, RCELL_EURO, cell_fig(b, "eigenanteil", year, bst), FIG_WERT);
        tbuild_put_or_blank(tb, t, (size_t)r, 5, RCELL_SHARE, cell_fig(b, "ausschoepfung", year, bst), FIG_WERT);
    }
    tbuild_value bew = total_of(b, "mittel_bewilligt", year, FIG_WERT);
    tbuild_value ver = total_of(b, "mittel_verausgabt", year, FIG_WERT);
    tbuild_value land = total_of(b, "landesanteil", year, FIG_WERT);
    tbuild_value eigen = total_of(b, "eigenanteil", year, FIG_WERT);
    long r = tbuild_add_total(tb, t);
    if (r < 0)
        return -1;
    tbuild_put_value(tb, t, (size_t)r, 1, RCELL_EURO, bew);
    tbuild_put_value(tb, t, (size_t)r, 2, RCELL_EURO, ver);
    tbuild_put_value(tb, t, (size_t)r, 3, RCELL_EURO, land);
    tbuild_put_value(tb, t, (size_t)r, 4, RCELL_EURO, eigen);
    cents_and_totals(t, (size_t)r, &bew, &ver, &land, &eigen);
    const report_figure *af = total_fig(b, "ausschoepfung", year);
    if (af)
        tbuild_put_or_blank(tb, t, (size_t)r, 5, RCELL_SHARE, af, FIG_WERT);
    else
        tbuild_put_value(tb, t, (size_t)r, 5, RCELL_SHARE, ratio(ver, bew));

    /* the 80/20 split in words */
    if (ver.state == RCELL_SHOWN && land.state == RCELL_SHOWN && eigen.state == RCELL_SHOWN) {
        char v1[48], v2[48], v3[48], rate[32];
        format_percent(rate, sizeof rate, b->tb.cfg->funding_rate, 0, b->tb.lang);
        if (rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(L_VN_SPLIT), format_euro(v1, sizeof v1, ver.value, b->tb.lang),
                               format_euro(v2, sizeof v2, land.value, b->tb.lang), rate,
                               format_euro(v3, sizeof v3, eigen.value, b->tb.lang)) != 0)
            return -1;
    }

    /* participations and results */
    snprintf(cap, sizeof cap, "%s %d", L(L_VN_RESULTS), year);
    t = rsection_add_table(sec, cap, 6);
    if (!t || rtable_set_column(t, 0, label_dimension(b->tb.lang, "baustein"), RCELL_TEXT, 2.4) != 0 ||
        rtable_set_column(t, 1, L(L_COL_TEILNAHMEN), RCELL_COUNT, 1.15) != 0 ||
        rtable_set_column(t, 2, kennzahl_label("austritte", b->tb.lang == REPORT_LANG_DE), RCELL_COUNT, 1.0) != 0 ||
        rtable_set_column(t, 3, L(L_COL_VERMITTLUNGEN), RCELL_COUNT, 1.45) != 0 ||
        rtable_set_column(t, 4, L(L_COL_KOSTEN_TN), RCELL_EURO, 1.3) != 0 ||
        rtable_set_column(t, 5, L(L_COL_KOSTEN_VM), RCELL_EURO, 1.3) != 0)
        return -1;
    for (int bst = 1; bst <= CODEBOOK_BAUSTEINE; bst++) {
        snprintf(nr, sizeof nr, "%d", bst);
        r = tbuild_add_row(tb, t, "baustein", nr, 0);
        if (r < 0)
            return -1;
        const report_figure *tn = cell_fig(b, "teilnahmen", year, bst);
        const report_figure *au = cell_fig(b, "austritte", year, bst);
        tbuild_put_or_blank(tb, t, (size_t)r, 1, RCELL_COUNT, tn, count_part(tn));
        tbuild_put_or_blank(tb, t, (size_t)r, 2, RCELL_COUNT, au, count_part(au));
        const report_figure *vm = cell_fig(b, "vermittlungen", year, bst);
        if (vm)
            tbuild_put_or_blank(tb, t, (size_t)r, 3, RCELL_COUNT, vm, count_part(vm));
        else
            tbuild_put_or_blank(tb, t, (size_t)r, 3, RCELL_COUNT, cell_fig(b, "vermittlungsquote", year, bst), FIG_ZAEHLER);
        tbuild_put_or_blank(tb, t, (size_t)r, 4, RCELL_EURO, cell_fig(b, "kosten_je_teilnahme", year, bst), FIG_WERT);
        tbuild_put_or_blank(tb, t, (size_t)r, 5, RCELL_EURO, cell_fig(b, "kosten_je_vermittlung", year, bst), FIG_WERT);
    }
    r = tbuild_add_total(tb, t);
    if (r < 0)
        return -1;
    tbuild_value tn = total_of(b, "teilnahmen", year, FIG_ZAEHLER);
    tbuild_value vm = total_fig(b, "vermittlungen", year) || cell_fig(b, "vermittlungen", year, 1)
                    ? total_of(b, "vermittlungen", year, FIG_ZAEHLER)
                    : total_of(b, "vermittlungsquote", year, FIG_ZAEHLER);
    tbuild_put_value(tb, t, (size_t)r, 1, RCELL_COUNT, tn);
    tbuild_put_value(tb, t, (size_t)r, 2, RCELL_COUNT, total_of(b, "austritte", year, FIG_ZAEHLER));
    tbuild_put_value(tb, t, (size_t)r, 3, RCELL_COUNT, vm);
    const report_figure *kt = total_fig(b, "kosten_je_teilnahme", year);
    const report_figure *kv = total_fig(b, "kosten_je_vermittlung", year);
    if (kt)
        tbuild_put_or_blank(tb, t, (size_t)r, 4, RCELL_EURO, kt, FIG_WERT);
    else
        tbuild_put_value(tb, t, (size_t)r, 4, RCELL_EURO, ratio(ver, tn));
    if (kv)
        tbuild_put_or_blank(tb, t, (size_t)r, 5, RCELL_EURO, kv, FIG_WERT);
    else
        tbuild_put_value(tb, t, (size_t)r, 5, RCELL_EURO, ratio(ver, vm));
    return 0;
}

/* The count text of a figure: number, "*" or NULL when absent. */
static const char *count_text(vbuilder *b, const report_figure *f, char *buf, size_t size)
{
    if (!f)
        return NULL;
    if (f->gesperrt) {
        b->tb.withheld = 1;
        return FORMAT_SIGN_WITHHELD;
    }
    rfig_part p = count_part(f);
    if (!(f->has & (p == FIG_WERT ? FIGURE_WERT : FIGURE_ZAEHLER)))
        return NULL;
    return format_count(buf, size, p == FIG_WERT ? f->wert : f->zaehler, b->tb.lang);
}

static int sachbericht(vbuilder *b, rsection *sec, int year)
{
    char name[256], y[16], text[2048];
    snprintf(y, sizeof y, "%d", year);
    for (int bst = 1; bst <= CODEBOOK_BAUSTEINE; bst++) {
        char nr[16], c1[32], c2[32], c3[32], e1[48], e2[48], pc[32];
        snprintf(nr, sizeof nr, "%d", bst);
        if (rsection_add_textf(sec, RBLOCK_HEADING, "%s %s (%d)", label_dimension(b->tb.lang, "baustein"),
                               label_category(name, sizeof name, b->tb.cfg, b->tb.lang, "baustein", nr), year) != 0)
            return -1;
        const report_figure *tn = cell_fig(b, "teilnahmen", year, bst);
        const report_figure *au = cell_fig(b, "austritte", year, bst);
        const report_figure *vq = cell_fig(b, "vermittlungsquote", year, bst);
        const report_figure *bew = cell_fig(b, "mittel_bewilligt", year, bst);
        const report_figure *ver = cell_fig(b, "mittel_verausgabt", year, bst);
        const report_figure *aus = cell_fig(b, "ausschoepfung", year, bst);
        size_t o = 0;
        text[0] = '\0';
        const char *ctn = count_text(b, tn, c1, sizeof c1);
        int no_money = (!bew || (!bew->gesperrt && bew->wert == 0)) && (!ver || (!ver->gesperrt && ver->wert == 0));
        int no_people = !ctn || (tn && !tn->gesperrt && strcmp(ctn, "0") == 0);
        if (no_money && no_people) {
            if (rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(L_VN_SB_NONE), y) != 0)
                return -1;
            continue;
        }
        if (ctn && strcmp(ctn, FORMAT_SIGN_WITHHELD) == 0)
            o += (size_t)snprintf(text + o, sizeof text - o, "%s ", L(L_VN_SB_WITHHELD));
        else if (ctn)
            o += (size_t)snprintf(text + o, sizeof text - o, L(L_VN_SB_REACH), y, ctn), o += (size_t)snprintf(text + o, sizeof text - o, " ");
        const char *cau = count_text(b, au, c2, sizeof c2);
        if (cau && vq && !vq->gesperrt && (vq->has & FIGURE_ZAEHLER) && (vq->has & FIGURE_WERT)) {
            format_count(c3, sizeof c3, vq->zaehler, b->tb.lang);
            format_percent(pc, sizeof pc, vq->wert, 1, b->tb.lang);
            o += (size_t)snprintf(text + o, sizeof text - o, L(L_VN_SB_EXITS), cau, c3, pc);
            o += (size_t)snprintf(text + o, sizeof text - o, " ");
        } else if (cau && (!vq || !vq->gesperrt)) {
            /* no exits, or no rate (n = 0): nothing is withheld, there is nothing to place */
            o += (size_t)snprintf(text + o, sizeof text - o, L(L_VN_SB_ENDED), cau);
            o += (size_t)snprintf(text + o, sizeof text - o, " ");
        } else if (cau && strcmp(cau, FORMAT_SIGN_WITHHELD) == 0) {
            b->tb.withheld = 1; /* a sentence does not begin with "*" */
            o += (size_t)snprintf(text + o, sizeof text - o, "%s ", L(L_VN_SB_EXITS_WITHHELD));
        } else if (cau) {
            b->tb.withheld = 1;
            o += (size_t)snprintf(text + o, sizeof text - o, L(L_VN_SB_PLACED), cau);
            o += (size_t)snprintf(text + o, sizeof text - o, " ");
        }
        if (bew && ver && !bew->gesperrt && !ver->gesperrt && (bew->has & FIGURE_WERT) && (ver->has & FIGURE_WERT)) {
            if (aus && !aus->gesperrt && (aus->has & FIGURE_WERT))
                format_percent(pc, sizeof pc, aus->wert, 1, b->tb.lang);
            else if (bew->wert > 0)
                format_percent(pc, sizeof pc, ver->wert / bew->wert, 1, b->tb.lang);
            else
                snprintf(pc, sizeof pc, "%s", FORMAT_SIGN_UNDEFINED);
            o += (size_t)snprintf(text + o, sizeof text - o, L(L_VN_SB_FUNDS), format_euro(e1, sizeof e1, bew->wert, b->tb.lang),
                                  format_euro(e2, sizeof e2, ver->wert, b->tb.lang), pc);
        }
        if (o >= sizeof text)
            text[sizeof text - 1] = '\0';
        if (rsection_add_text(sec, RBLOCK_PARAGRAPH, text) != 0)
            return -1;
    }
    return 0;
}

static void collect_years(vbuilder *b)
{
    static const char *const ks[] = {"mittel_bewilligt", "mittel_verausgabt"};
    for (size_t k = 0; k < 2; k++) {
        size_t n;
        const report_figure *f = report_data_range(b->tb.data, ks[k], "jahr" TIMES "baustein", &n);
        for (size_t i = 0; i < n; i++) {
            int y = atoi(f[i].kategorie), j = 0;
            while (j < b->n_years && b->years[j] != y)
                j++;
            if (j == b->n_years && b->n_years < 16 && y > 0)
                b->years[b->n_years++] = y;
        }
    }
    for (int i = 1; i < b->n_years; i++) /* ascending */
        for (int j = i; j > 0 && b->years[j - 1] > b->years[j]; j--) {
            int t = b->years[j];
            b->years[j] = b->years[j - 1];
            b->years[j - 1] = t;
        }
}

dbk_error vn_build(const config *cfg, const report_data *data, report_lang lang, rdoc **out)
{
    vbuilder bb, *b = &bb;
    memset(b, 0, sizeof *b);
    *out = NULL;
    if (tbuild_start(&b->tb, cfg, data, lang, L_VN_TITLE, L_FOR_FUNDING) != 0)
        goto fail;
    collect_years(b);

    rsection *sec = rdoc_add_section(b->tb.doc, L(L_VN_NUMBERS), L(L_VN_NUMBERS), 0);
    if (!sec)
        goto fail;
    if (b->n_years == 0) {
        if (rsection_add_text(sec, RBLOCK_PARAGRAPH, L(data->n_figures ? L_VN_NO_MITTEL : L_NO_DATA)) != 0)
            goto fail;
    } else {
        char a[16], c[16];
        format_percent(a, sizeof a, cfg->funding_rate, 0, lang);
        format_percent(c, sizeof c, 1.0 - cfg->funding_rate, 0, lang);
        /* The rate goes first: as a closing note it could end up alone on a page. */
        if (rsection_add_textf(sec, RBLOCK_PARAGRAPH, L(L_VN_NOTE_FUNDS), a, c) != 0)
            goto fail;
        for (int i = 0; i < b->n_years; i++)
            if (year_tables(b, sec, b->years[i]) != 0)
                goto fail;
    }
    sec = rdoc_add_section(b->tb.doc, L(L_VN_SACHBERICHT), L(L_VN_SACHBERICHT), 1);
    if (!sec)
        goto fail;
    if (b->n_years == 0) {
        if (rsection_add_text(sec, RBLOCK_PARAGRAPH, L(data->n_figures ? L_VN_NO_MITTEL : L_NO_DATA)) != 0)
            goto fail;
    }
    for (int i = 0; i < b->n_years; i++)
        if (sachbericht(b, sec, b->years[i]) != 0)
            goto fail;
    if (tbuild_add_legend(&b->tb, sec) != 0)
        goto fail;
    sec = rdoc_add_section(b->tb.doc, L(L_VN_SIGNATURE), L(L_VN_SIGNATURE), 0);
    if (!sec || rsection_add_text(sec, RBLOCK_PARAGRAPH, L(L_VN_CONFIRM)) != 0 ||
        rsection_add_text(sec, RBLOCK_SIGNATURE, cfg->report_office ? cfg->report_office : cfg->region_name) != 0)
        goto fail;
    *out = b->tb.doc;
    return DBK_OK;
fail:
    rdoc_free(b->tb.doc);
    return DBK_ERR_NOMEM;
}
