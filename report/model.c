/*
 * model.c - the report model: sections, blocks, tables and charts.
 */
#include "model.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "labels.h"

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

rdoc *rdoc_new(report_lang lang)
{
    rdoc *doc = calloc(1, sizeof *doc);
    if (doc)
        doc->lang = lang;
    return doc;
}

void rtable_free(rtable *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
        free(t->cells[i].text);
    for (size_t c = 0; c < t->n_cols; c++)
        free(t->cols[c].header);
    free(t->cells);
    free(t->cols);
    free(t->flags);
    free(t->caption);
    free(t);
}

static void rchart_free(rchart *ch)
{
    if (!ch)
        return;
    free(ch->title);
    free(ch->x_title);
    free(ch->y_title);
    free(ch);
}

void rdoc_free(rdoc *doc)
{
    if (!doc)
        return;
    for (size_t s = 0; s < doc->n_sections; s++) {
        rsection *sec = &doc->sections[s];
        for (size_t b = 0; b < sec->n_blocks; b++) {
            free(sec->blocks[b].text);
            rtable_free(sec->blocks[b].table);
            rchart_free(sec->blocks[b].chart);
        }
        free(sec->blocks);
        free(sec->title);
        free(sec->sheet);
    }
    free(doc->sections);
    rtable_free(doc->cover);
    free(doc->title);
    free(doc->subtitle);
    free(doc->programme);
    free(doc->region);
    free(doc->period);
    free(doc->header);
    free(doc->footer);
    free(doc->status_date);
    free(doc);
}

rsection *rdoc_add_section(rdoc *doc, const char *title, const char *sheet, int new_page)
{
    if (doc->n_sections == doc->cap_sections) {
        size_t ncap = doc->cap_sections ? doc->cap_sections * 2 : 16;
        rsection *ns = realloc(doc->sections, ncap * sizeof *ns);
        if (!ns)
            return NULL;
        doc->sections = ns;
        doc->cap_sections = ncap;
    }
    rsection *sec = &doc->sections[doc->n_sections];
    memset(sec, 0, sizeof *sec);
    sec->title = dup_or_null(title);
    sec->sheet = dup_or_null(sheet);
    sec->new_page = new_page;
    if ((title && !sec->title) || (sheet && !sec->sheet)) {
        free(sec->title);
        free(sec->sheet);
        return NULL;
    }
    doc->n_sections++;
    return sec;
}

static rblock *add_block(rsection *sec, rblock_kind kind)
{
    if (sec->n_blocks == sec->cap_blocks) {
        size_t ncap = sec->cap_blocks ? sec->cap_blocks * 2 : 8;
        rblock *nb = realloc(sec->blocks, ncap * sizeof *nb);
        if (!nb)
            return NULL;
        sec->blocks = nb;
        sec->cap_blocks = ncap;
    }
    rblock *b = &sec->blocks[sec->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

int rsection_add_text(rsection *sec, rblock_kind kind, const char *text)
{
    char *copy = dup_or_null(text ? text : "");
    if (!copy)
        return -1;
    rblock *b = add_block(sec, kind);
    if (!b) {
        free(copy);
        return -1;
    }
    b->text = copy;
    return 0;
}

int rsection_add_textf(rsection *sec, rblock_kind kind, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return rsection_add_text(sec, kind, buf);
}

rtable *rtable_new(const char *caption, size_t n_cols)
{
    rtable *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->n_cols = n_cols;
    t->cols = calloc(n_cols ? n_cols : 1, sizeof *t->cols);
    t->caption = dup_or_null(caption);
    if (!t->cols || (caption && !t->caption)) {
        rtable_free(t);
        return NULL;
    }
    for (size_t c = 0; c < n_cols; c++)
        t->cols[c].width = 1.0;
    return t;
}

rtable *rsection_add_table(rsection *sec, const char *caption, size_t n_cols)
{
    rtable *t = rtable_new(caption, n_cols);
    if (!t)
        return NULL;
    rblock *b = add_block(sec, RBLOCK_TABLE);
    if (!b) {
        rtable_free(t);
        return NULL;
    }
    b->table = t;
    return t;
}

int rtable_set_column(rtable *t, size_t c, const char *header, rcell_kind kind, double width)
{
    char *h = dup_or_null(header ? header : "");
    if (!h)
        return -1;
    free(t->cols[c].header);
    t->cols[c].header = h;
    t->cols[c].kind = kind;
    t->cols[c].width = width > 0 ? width : 1.0;
    return 0;
}

long rtable_add_row(rtable *t, unsigned flags)
{
    if (t->n_rows == t->cap_rows) {
        size_t ncap = t->cap_rows ? t->cap_rows * 2 : 16;
        rcell *nc = realloc(t->cells, ncap * t->n_cols * sizeof *nc);
        if (!nc)
            return -1;
        t->cells = nc;
        unsigned char *nf = realloc(t->flags, ncap);
        if (!nf)
            return -1;
        t->flags = nf;
        t->cap_rows = ncap;
    }
    size_t r = t->n_rows++;
    for (size_t c = 0; c < t->n_cols; c++) {
        rcell *cell = &t->cells[r * t->n_cols + c];
        memset(cell, 0, sizeof *cell);
        cell->kind = t->cols[c].kind;
        cell->state = RCELL_BLANK;
    }
    t->flags[r] = (unsigned char)flags;
    return (long)r;
}

rcell *rtable_cell(rtable *t, size_t row, size_t col)
{
    return &t->cells[row * t->n_cols + col];
}

int rtable_set_text(rtable *t, size_t row, size_t col, const char *text)
{
    rcell *c = rtable_cell(t, row, col);
    free(c->text);
    c->text = NULL;
    c->value = 0;
    if (!text) {
        c->state = RCELL_BLANK;
        return 0;
    }
    c->text = strdup(text);
    if (!c->text)
        return -1;
    if (c->kind != RCELL_DATE)
        c->kind = RCELL_TEXT;
    c->state = RCELL_SHOWN;
    return 0;
}

void rtable_set_value(rtable *t, size_t row, size_t col, double value)
{
    rcell *c = rtable_cell(t, row, col);
    if (c->kind == RCELL_TEXT || c->kind == RCELL_DATE)
        c->kind = RCELL_COUNT;
    c->state = RCELL_SHOWN;
    c->value = c->kind == RCELL_EURO ? format_round_cents(value) : value;
}

void rtable_set_state(rtable *t, size_t row, size_t col, rcell_state state)
{
    rcell *c = rtable_cell(t, row, col);
    c->state = state;
    c->value = 0;
}

void rtable_set_figure(rtable *t, size_t row, size_t col, const report_figure *f,
                       rfig_part part, int *withheld)
{
    if (!f) {
        rtable_set_state(t, row, col, RCELL_UNDEFINED);
        return;
    }
    /* a count of a withheld figure that is published elsewhere is loaded and shown */
    if (f->gesperrt && !((part == FIG_ZAEHLER && (f->has & FIGURE_ZAEHLER)) ||
                         (part == FIG_NENNER && (f->has & FIGURE_NENNER)))) {
        rtable_set_state(t, row, col, RCELL_WITHHELD);
        if (withheld)
            *withheld = 1;
        return;
    }
    unsigned bit = part == FIG_WERT ? FIGURE_WERT
                   : part == FIG_ZAEHLER ? FIGURE_ZAEHLER
                   : part == FIG_NENNER ? FIGURE_NENNER
                   : part == FIG_CI_UNTEN ? FIGURE_CI_UNTEN
                                          : FIGURE_CI_OBEN;
    if (!(f->has & bit)) {
        /* a Kaplan-Meier median or bound of a group with cases is not reached, not meaningless */
        int km = strcmp(f->kennzahl, "dauer_bis_vermittlung") == 0 && (f->has & FIGURE_NENNER) &&
                 f->nenner > 0 && (part == FIG_WERT || part == FIG_CI_UNTEN || part == FIG_CI_OBEN);
        rtable_set_state(t, row, col, km ? RCELL_NOT_REACHED : RCELL_UNDEFINED);
        return;
    }
    double v = part == FIG_WERT ? f->wert
               : part == FIG_ZAEHLER ? f->zaehler
               : part == FIG_NENNER ? f->nenner
               : part == FIG_CI_UNTEN ? f->ci_unten
                                      : f->ci_oben;
    rcell *c = rtable_cell(t, row, col);
    c->state = RCELL_SHOWN;
    c->value = c->kind == RCELL_EURO ? format_round_cents(v) : v;
}

rchart *rsection_add_chart(rsection *sec, rchart_kind kind, const rtable *t, const char *title,
                           const char *x_title, const char *y_title)
{
    rchart *ch = calloc(1, sizeof *ch);
    if (!ch)
        return NULL;
    ch->kind = kind;
    ch->table = t;
    ch->lo_col = ch->hi_col = -1;
    ch->title = dup_or_null(title);
    ch->x_title = dup_or_null(x_title);
    ch->y_title = dup_or_null(y_title);
    rblock *b = add_block(sec, RBLOCK_CHART);
    if (!b || (title && !ch->title) || (x_title && !ch->x_title) || (y_title && !ch->y_title)) {
        rchart_free(ch);
        return NULL;
    }
    b->chart = ch;
    return ch;
}

char *rcell_format(const rcell *c, char *buf, size_t size, report_lang lang)
{
    switch (c->state) {
    case RCELL_WITHHELD:
        snprintf(buf, size, "%s", FORMAT_SIGN_WITHHELD);
        return buf;
    case RCELL_UNDEFINED:
        snprintf(buf, size, "%s", FORMAT_SIGN_UNDEFINED);
        return buf;
    case RCELL_BLANK:
        snprintf(buf, size, "%s", "");
        return buf;
    case RCELL_NOT_REACHED:
        snprintf(buf, size, "%s",
                 lang == REPORT_LANG_DE ? FORMAT_SIGN_NOT_REACHED_DE : FORMAT_SIGN_NOT_REACHED_EN);
        return buf;
    case RCELL_SHOWN:
        break;
    }
    switch (c->kind) {
    case RCELL_TEXT:
        snprintf(buf, size, "%s", c->text ? c->text : "");
        break;
    case RCELL_DATE:
        format_date(buf, size, c->text, lang);
        break;
    case RCELL_COUNT:
        if (c->value == 0)
            snprintf(buf, size, "%s", FORMAT_SIGN_ZERO);
        else
            format_count(buf, size, c->value, lang);
        break;
    case RCELL_SHARE:
        format_percent(buf, size, c->value, 1, lang);
        break;
    case RCELL_EURO:
        if (c->value == 0)
            snprintf(buf, size, "%s", FORMAT_SIGN_ZERO);
        else
            format_euro(buf, size, c->value, lang);
        break;
    case RCELL_DAYS:
        format_number(buf, size, c->value, 0, lang);
        break;
    case RCELL_DECIMAL:
        format_number(buf, size, c->value, 2, lang);
        break;
    case RCELL_PVALUE:
        format_pvalue(buf, size, c->value, lang);
        break;
    case RCELL_CHANGE:
    case RCELL_CHANGE_POINTS: {
        char num[48];
        int points = c->kind == RCELL_CHANGE_POINTS;
        double v = c->value < 0 ? -c->value : c->value;
        if (points)
            format_number(num, sizeof num, v, 1, lang);
        else
            format_count(num, sizeof num, v, lang);
        /* a change that rounds to nothing is "±0" */
        int zero = points ? v < 0.05 : v < 0.5;
        snprintf(buf, size, "%s%s%s", zero ? "\xc2\xb1" : c->value > 0 ? "+" : "\xe2\x88\x92", num,
                 points ? (lang == REPORT_LANG_DE ? " Pp." : " pp") : "");
        break;
    }
    case RCELL_NUMBER: {
        /* as stored, to six decimals without trailing zeros (the XLSX's "0.0#####") */
        char six[64];
        int d = 6;
        snprintf(six, sizeof six, "%.6f", c->value);
        for (size_t n = strlen(six); d > 0 && n > 0 && six[n - 1] == '0'; n--)
            d--;
        format_number(buf, size, c->value, d, lang);
        break;
    }
    }
    return buf;
}

void rtable_set_kind(rtable *t, size_t row, size_t col, rcell_kind kind)
{
    rcell *c = rtable_cell(t, row, col);
    c->kind = kind;
    if (kind == RCELL_EURO && c->state == RCELL_SHOWN)
        c->value = format_round_cents(c->value);
}

unsigned rcell_sign(const rcell *c)
{
    switch (c->state) {
    case RCELL_WITHHELD:
        return RSIGN_WITHHELD;
    case RCELL_UNDEFINED:
        return RSIGN_UNDEFINED;
    case RCELL_NOT_REACHED:
        return RSIGN_NOT_REACHED;
    case RCELL_BLANK:
        return 0;
    case RCELL_SHOWN:
        break;
    }
    /* exactly the cells rcell_format prints as the zero sign */
    return (c->kind == RCELL_COUNT || c->kind == RCELL_EURO) && c->value == 0 ? RSIGN_ZERO : 0;
}

unsigned rtable_signs(const rtable *t)
{
    unsigned signs = 0;
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
        signs |= rcell_sign(&t->cells[i]);
    return signs;
}

unsigned rtable_column_signs(const rtable *t, size_t col)
{
    unsigned signs = 0;
    for (size_t r = 0; col < t->n_cols && r < t->n_rows; r++)
        signs |= rcell_sign(&t->cells[r * t->n_cols + col]);
    return signs;
}

char *rsigns_legend(unsigned signs, report_lang lang, char *buf, size_t size)
{
    static const unsigned bit[4] = {RSIGN_WITHHELD, RSIGN_ZERO, RSIGN_UNDEFINED, RSIGN_NOT_REACHED};
    const char *const sign[4] = {FORMAT_SIGN_WITHHELD, FORMAT_SIGN_ZERO, FORMAT_SIGN_UNDEFINED,
                                 lang == REPORT_LANG_DE ? FORMAT_SIGN_NOT_REACHED_DE : FORMAT_SIGN_NOT_REACHED_EN};
    static const label_id meaning[4] = {L_SIGN_WITHHELD, L_SIGN_ZERO, L_SIGN_UNDEFINED, L_SIGN_NOT_REACHED};
    size_t o = 0;
    if (size == 0)
        return buf;
    buf[0] = '\0';
    for (int i = 0; i < 4; i++) {
        if (!(signs & bit[i]))
            continue;
        int n = snprintf(buf + o, size - o, "%s%s %s", o ? " \xc2\xb7 " : "", sign[i], label(lang, meaning[i]));
        if (n < 0 || (size_t)n >= size - o)
            break;
        o += (size_t)n;
    }
    return buf;
}

int rtable_set_total_sum(rtable *t, size_t row, size_t col)
{
    double sum = 0;
    int any = 0;
    if (row >= t->n_rows || col >= t->n_cols)
        return -1;
    for (size_t r = row; r-- > 0 && !(t->flags[r] & RROW_TOTAL);) {
        const rcell *c = rtable_cell(t, r, col);
        if (c->state == RCELL_BLANK)
            continue;
        if (c->state != RCELL_SHOWN)
            return -1;
        sum += c->value;
        any = 1;
    }
    if (!any)
        return -1;
    rcell *c = rtable_cell(t, row, col);
    if (c->kind == RCELL_TEXT || c->kind == RCELL_DATE)
        c->kind = t->cols[col].kind;
    rtable_set_value(t, row, col, c->kind == RCELL_EURO ? format_round_cents(sum) : sum);
    return 0;
}

int rchart_drawable(const rchart *c)
{
    const rtable *t = c->table;
    for (size_t r = 0; t && r < t->n_rows; r++) {
        if (c->kind == RCHART_BAR && (t->flags[r] & RROW_TOTAL))
            continue;
        for (size_t k = 0; k < c->n_vals; k++)
            if (c->val_cols[k] < t->n_cols && t->cells[r * t->n_cols + c->val_cols[k]].state == RCELL_SHOWN)
                return 1;
    }
    return 0;
}
