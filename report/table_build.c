/*
 * table_build.c - the table blocks both report builders fill alike.
 */
#include "table_build.h"

#include <stdlib.h>

#include "common_build.h"

int tbuild_start(tbuild *tb, const config *cfg, const report_data *data, report_lang lang,
                 label_id title, label_id subtitle)
{
    *tb = (tbuild){cfg, data, lang, rdoc_new(lang), 0};
    if (tb->doc && build_head(tb->doc, cfg, data, title, subtitle) == 0)
        return 0;
    rdoc_free(tb->doc);
    tb->doc = NULL;
    return -1;
}

void tbuild_put(tbuild *tb, rtable *t, size_t row, size_t col, rcell_kind kind,
                const report_figure *f, rfig_part part)
{
    rtable_set_kind(t, row, col, kind);
    rtable_set_figure(t, row, col, f, part, &tb->withheld);
}

void tbuild_put_or_blank(tbuild *tb, rtable *t, size_t row, size_t col, rcell_kind kind,
                         const report_figure *f, rfig_part part)
{
    rtable_set_kind(t, row, col, kind);
    if (f)
        rtable_set_figure(t, row, col, f, part, &tb->withheld);
    else
        rtable_set_state(t, row, col, RCELL_BLANK);
}

void tbuild_put_estimate(tbuild *tb, rtable *t, size_t row, size_t col, rcell_kind kind,
                         const report_figure *f)
{
    tbuild_put(tb, t, row, col, kind, f, FIG_WERT);
    tbuild_put(tb, t, row, col + 1, kind, f, FIG_CI_UNTEN);
    tbuild_put(tb, t, row, col + 2, kind, f, FIG_CI_OBEN);
}

void tbuild_put_rate(tbuild *tb, rtable *t, size_t row, size_t col, const report_figure *f)
{
    tbuild_put(tb, t, row, col, RCELL_COUNT, f, FIG_NENNER);
    tbuild_put(tb, t, row, col + 1, RCELL_COUNT, f, FIG_ZAEHLER);
    tbuild_put_estimate(tb, t, row, col + 2, RCELL_SHARE, f);
}

void tbuild_put_value(tbuild *tb, rtable *t, size_t row, size_t col, rcell_kind kind,
                      tbuild_value v)
{
    rtable_set_kind(t, row, col, kind);
    if (v.state == RCELL_SHOWN)
        rtable_set_value(t, row, col, v.value);
    else
        rtable_set_state(t, row, col, v.state);
    if (v.state == RCELL_WITHHELD)
        tb->withheld = 1;
}

void tbuild_put_change(tbuild *tb, rtable *t, size_t row, size_t col, const report_figure *cur,
                       const report_figure *prev, rcell_kind kind)
{
    tbuild_value v = {RCELL_UNDEFINED, 0};
    if ((cur && cur->gesperrt) || (prev && prev->gesperrt))
        v.state = RCELL_WITHHELD;
    else if (cur && prev && (cur->has & FIGURE_WERT) && (prev->has & FIGURE_WERT))
        v = (tbuild_value){RCELL_SHOWN, kind == RCELL_SHARE ? (cur->wert - prev->wert) * 100.0
                                                            : cur->wert - prev->wert};
    tbuild_put_value(tb, t, row, col, kind == RCELL_SHARE ? RCELL_CHANGE_POINTS : RCELL_CHANGE, v);
}

long tbuild_add_row(tbuild *tb, rtable *t, const char *dimension, const char *code, unsigned flags)
{
    char name[256];
    long r = rtable_add_row(t, flags);
    if (r < 0 ||
        rtable_set_text(t, (size_t)r, 0, label_category(name, sizeof name, tb->cfg, tb->lang, dimension, code)) != 0)
        return -1;
    return r;
}

long tbuild_add_total(tbuild *tb, rtable *t)
{
    long r = rtable_add_row(t, RROW_TOTAL);
    if (r < 0 || rtable_set_text(t, (size_t)r, 0, label_cfg(tb->cfg, tb->lang, L_TOTAL)) != 0)
        return -1;
    return r;
}

int tbuild_set_estimate_columns(tbuild *tb, rtable *t, size_t col, const char *header, rcell_kind kind,
                                double width, double ci_width)
{
    if (rtable_set_column(t, col, header, kind, width) != 0 ||
        rtable_set_column(t, col + 1, label_cfg(tb->cfg, tb->lang, L_COL_CI_LO), RCELL_SHARE, ci_width) != 0 ||
        rtable_set_column(t, col + 2, label_cfg(tb->cfg, tb->lang, L_COL_CI_HI), RCELL_SHARE, ci_width) != 0)
        return -1;
    return 0;
}

rchart *tbuild_add_share_chart(rsection *sec, rchart_kind kind, const rtable *t, const char *title,
                               const char *x_title, const char *y_title, size_t col, int with_ci)
{
    rchart *ch = rsection_add_chart(sec, kind, t, title, x_title, y_title);
    if (!ch)
        return NULL;
    ch->cat_col = 0;
    ch->val_cols[0] = col;
    ch->n_vals = 1;
    if (with_ci) {
        ch->lo_col = (int)col + 1;
        ch->hi_col = (int)col + 2;
    }
    ch->percent = 1;
    return ch;
}

int tbuild_add_rows(tbuild *tb, rtable *t, const char *kennzahl, const char *dimension, tbuild_row_fn fill,
                    void *ctx)
{
    size_t n;
    const report_figure *figs = report_data_range(tb->data, kennzahl, dimension, &n);
    if (n == 0)
        return 0;
    size_t *idx = malloc(n * sizeof *idx);
    if (!idx)
        return -1;
    build_order(tb->cfg, dimension, figs, n, idx);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const report_figure *f = &figs[idx[i]];
        long r = tbuild_add_row(tb, t, dimension, f->kategorie, 0);
        rc = r < 0 || fill(tb, t, (size_t)r, f, ctx) != 0 ? -1 : 0;
    }
    free(idx);
    return rc;
}

int tbuild_add_legend(tbuild *tb, rsection *sec)
{
    tb->doc->any_withheld = tb->withheld;
    return build_legend(sec, tb->cfg, tb->lang, tb->withheld);
}
