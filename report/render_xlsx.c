/*
 * render_xlsx.c - walks a report model and writes it with libxlsxwriter.
 *
 * Every text is written with worksheet_write_string (never as a formula);
 * every figure as a number with a number format; withheld cells as the
 * string "*", undefined ones as "x". Money cells hold their amount rounded
 * to the cent (the model does that).
 *
 * Charts are native Excel charts, placed below their table. They read a
 * block of values of their own in hidden columns at the right of the sheet
 * (the chart shows hidden data): there a withheld or undefined value is an
 * empty cell, so no chart caches it as a number, and its category reads
 * "name (*)". A confidence interval is drawn as a floating bar (a stacked bar
 * whose first part is invisible: lower bound to value, value to upper bound,
 * the value at the line between, its figure beside it), or as two dashed
 * lines in a line chart. The value axis runs from 0 to a round value above
 * the data (layout_axis), every category is labelled.
 *
 * A frozen header belongs to the one table of its sheet; sheets with several
 * tables or a chart freeze nothing. Printing: A4, portrait or landscape by
 * the sheet's width, scaled so that the smallest text is at least 8 pt, with
 * the header row repeated on every page of a one-table sheet.
 */
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "diag.h"
#include "i18n.h"
#include "labels.h"
#include "layout.h"
#include "zip_check.h"

#define MAX_COLS 32
#define MAX_CHARTS 16
#define MAX_PARAS 64
#define MAX_GROUPS 256
#define HELPER_COL 40      /* first hidden column of the charts' values ("AO") */
#define HELPER_WIDTH 6     /* columns per chart's block of values */
#define TEXT_COL_MAX 42.0  /* a wider text column wraps */
#define DATA_TEXT_COL_MAX 15.0
#define FONT_PT 10.0       /* every cell text; the smallest printed text is FONT_PT × scale */
#define MIN_PRINT_PT 8.0
#define ROW_PX 20.0        /* a default row (15 pt) */
#define PORTRAIT_PT 494.0  /* A4 width less Excel's default margins (0.7 in each side) */
#define LANDSCAPE_PT 741.0
#define PAGE_LONG_PT 690.0 /* A4 height less the default margins, header and footer */
#define PAGE_SHORT_PT 445.0

typedef struct {
    lxw_workbook *wb;
    report_lang lang;
    lxw_format *title, *subtitle, *head, *head_num, *text, *text_wrap, *bold, *bold_wrap, *note, *para, *sign,
        *sign_bold, *sign_line;
    lxw_format *num[RCELL_KINDS][2]; /* [rcell_kind][total] */
    lxw_format *daten_int, *daten_frac, *helper_num;
    lxw_error error;
} xlsx_ctx;

typedef struct {
    lxw_chart *chart;
    lxw_row_t row;     /* anchor */
    double height_px;
} pending_chart;

typedef struct {
    lxw_row_t row;
    char *text;
    lxw_format *format;
} pending_para;

typedef struct {
    lxw_worksheet *ws;
    char name[64];
    lxw_row_t row;
    double width[MAX_COLS]; /* characters */
    int wrap[MAX_COLS];     /* a text column that wraps */
    size_t used_cols;       /* columns the tables use */
    size_t n_tables;
    lxw_row_t head_row, data_last; /* the first table's header and last data row */
    size_t head_cols;
    int has_data_rows;
    pending_chart charts[MAX_CHARTS];
    size_t n_charts;
    pending_para paras[MAX_PARAS];
    size_t n_paras;
    lxw_col_t helper;       /* next free helper column */
    double *row_pt;         /* heights set (points), 0 = default */
    size_t cap_rows;
    lxw_row_t groups[MAX_GROUPS]; /* first rows of what a printed page keeps together */
    size_t n_groups;
} sheet_state;

/* Sets row's height in points (and remembers it for the page breaks). */
static void row_height(sheet_state *s, lxw_row_t row, double pt)
{
    if (row >= s->cap_rows) {
        size_t ncap = (size_t)row + 256;
        double *n = realloc(s->row_pt, ncap * sizeof *n);
        if (n) {
            memset(n + s->cap_rows, 0, (ncap - s->cap_rows) * sizeof *n);
            s->row_pt = n;
            s->cap_rows = ncap;
        }
    }
    if (row < s->cap_rows)
        s->row_pt[row] = pt;
    worksheet_set_row(s->ws, row, pt, NULL);
}

/* What follows from the current row on is kept on one printed page where it fits. */
static void group_begin(sheet_state *s)
{
    if (s->n_groups < MAX_GROUPS && (s->n_groups == 0 || s->groups[s->n_groups - 1] < s->row))
        s->groups[s->n_groups++] = s->row;
}

/* --- formats --- */

static lxw_format *new_format(xlsx_ctx *x, int bold, const char *num, int right)
{
    lxw_format *f = workbook_add_format(x->wb);
    format_set_font_name(f, "Calibri");
    format_set_font_size(f, FONT_PT);
    if (bold)
        format_set_bold(f);
    if (num)
        format_set_num_format(f, num);
    if (right)
        format_set_align(f, LXW_ALIGN_RIGHT);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

static void make_formats(xlsx_ctx *x)
{
    int de = x->lang == REPORT_LANG_DE;
    /* Codes are Excel's (en-US); Excel shows them with the reader's separators. */
    const char *fmt[RCELL_KINDS] = {
        [RCELL_TEXT] = NULL,
        [RCELL_COUNT] = "#,##0;-#,##0;\"\xe2\x80\x93\"",
        [RCELL_SHARE] = de ? "0.0 %" : "0.0%",
        [RCELL_EURO] = de ? "#,##0.00 \"\xe2\x82\xac\";-#,##0.00 \"\xe2\x82\xac\";\"\xe2\x80\x93\""
                          : "\"\xe2\x82\xac\"#,##0.00;-\"\xe2\x82\xac\"#,##0.00;\"\xe2\x80\x93\"",
        [RCELL_DAYS] = "#,##0",
        [RCELL_DECIMAL] = "#,##0.00",
        [RCELL_PVALUE] = "0.000",
        [RCELL_DATE] = de ? "dd.mm.yyyy" : "yyyy-mm-dd",
        [RCELL_CHANGE] = "+#,##0;\xe2\x88\x92#,##0;\xc2\xb1" "0",
        [RCELL_CHANGE_POINTS] = de ? "+0.0 \"Pp.\";\xe2\x88\x92" "0.0 \"Pp.\";\xc2\xb1" "0.0 \"Pp.\""
                                   : "+0.0 \"pp\";\xe2\x88\x92" "0.0 \"pp\";\xc2\xb1" "0.0 \"pp\"",
        [RCELL_NUMBER] = "#,##0",
    };
    for (int k = 0; k < RCELL_KINDS; k++)
        for (int b = 0; b < 2; b++)
            x->num[k][b] = new_format(x, b, fmt[k], k != RCELL_TEXT);
    x->title = new_format(x, 1, NULL, 0);
    format_set_font_size(x->title, 14);
    format_set_font_color(x->title, 0x29547F);
    x->subtitle = new_format(x, 0, NULL, 0);
    format_set_font_color(x->subtitle, 0x555555);
    x->head = new_format(x, 1, NULL, 0);
    x->head_num = new_format(x, 1, NULL, 1);
    lxw_format *hs[2] = {x->head, x->head_num};
    for (int i = 0; i < 2; i++) {
        format_set_bg_color(hs[i], 0xEDEFF2);
        format_set_bottom(hs[i], LXW_BORDER_THIN);
        format_set_top(hs[i], LXW_BORDER_MEDIUM);
        format_set_text_wrap(hs[i]);
        format_set_align(hs[i], LXW_ALIGN_VERTICAL_BOTTOM);
    }
    x->text = x->num[RCELL_TEXT][0];
    x->bold = x->num[RCELL_TEXT][1];
    x->text_wrap = new_format(x, 0, NULL, 0);
    format_set_text_wrap(x->text_wrap);
    x->bold_wrap = new_format(x, 1, NULL, 0);
    format_set_text_wrap(x->bold_wrap);
    x->para = new_format(x, 0, NULL, 0);
    format_set_text_wrap(x->para);
    x->note = new_format(x, 0, NULL, 0);
    format_set_font_color(x->note, 0x555555);
    format_set_italic(x->note);
    format_set_text_wrap(x->note);
    x->sign = new_format(x, 0, NULL, 1);
    x->sign_bold = new_format(x, 1, NULL, 1);
    x->sign_line = new_format(x, 0, NULL, 0);
    format_set_bottom(x->sign_line, LXW_BORDER_THIN);
    x->daten_int = new_format(x, 0, "0", 1);
    x->daten_frac = new_format(x, 0, "0.0#####", 1);
    x->helper_num = new_format(x, 0, "0.000000", 1);
}

/* --- cells --- */

static void check(xlsx_ctx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->error == LXW_NO_ERROR)
        x->error = e;
}

/* Characters (not bytes) of a UTF-8 text. */
static double chars(const char *text)
{
    double n = 0;
    for (const unsigned char *p = (const unsigned char *)text; p && *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

static void note_width(sheet_state *s, size_t col, double n)
{
    if (col < MAX_COLS && n > s->width[col])
        s->width[col] = n;
}

static void write_text(xlsx_ctx *x, sheet_state *s, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f)
{
    if (!text || !*text)
        return;
    check(x, worksheet_write_string(s->ws, r, c, text, f));
}

/* A paragraph, note or heading text: merged over the sheet's width at finish_sheet, wrapped. */
static void add_para(xlsx_ctx *x, sheet_state *s, const char *text, lxw_format *f)
{
    if (s->n_paras == MAX_PARAS) { /* more than a sheet ever holds: an unmerged cell */
        write_text(x, s, s->row++, 0, text, f);
        return;
    }
    pending_para *p = &s->paras[s->n_paras];
    p->text = strdup(text ? text : "");
    if (!p->text) {
        check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    p->row = s->row++;
    p->format = f;
    s->n_paras++;
}

static int is_numeric(rcell_kind k) { return k != RCELL_TEXT && k != RCELL_DATE; }

static void write_cell(xlsx_ctx *x, sheet_state *s, lxw_row_t r, lxw_col_t c, const rcell *cell, int total)
{
    char buf[256];
    switch (cell->state) {
    case RCELL_BLANK:
        return;
    case RCELL_WITHHELD:
    case RCELL_UNDEFINED:
    case RCELL_NOT_REACHED:
        /* never a number: the model holds none */
        check(x, worksheet_write_string(s->ws, r, c, rcell_format(cell, buf, sizeof buf, x->lang),
                                        total ? x->sign_bold : x->sign));
        return;
    case RCELL_SHOWN:
        break;
    }
    if (cell->kind == RCELL_TEXT) {
        int wrap = c < MAX_COLS && s->wrap[c];
        write_text(x, s, r, c, cell->text, total ? (wrap ? x->bold_wrap : x->bold) : (wrap ? x->text_wrap : x->text));
        return;
    }
    if (cell->kind == RCELL_DATE) {
        int y, m, d;
        if (cell->text && sscanf(cell->text, "%4d-%2d-%2d", &y, &m, &d) == 3) {
            lxw_datetime dt = {y, m, d, 0, 0, 0};
            check(x, worksheet_write_datetime(s->ws, r, c, &dt, x->num[RCELL_DATE][total]));
        } else {
            write_text(x, s, r, c, cell->text, x->text);
        }
        return;
    }
    if (cell->kind == RCELL_NUMBER) {
        int integral = cell->value == floor(cell->value) && fabs(cell->value) < 1e15;
        check(x, worksheet_write_number(s->ws, r, c, cell->value, integral ? x->daten_int : x->daten_frac));
        return;
    }
    check(x, worksheet_write_number(s->ws, r, c, cell->value, x->num[cell->kind][total]));
}

/* The width a cell needs, in characters. */
static double cell_chars(const xlsx_ctx *x, const rcell *cell)
{
    char buf[256];
    if (cell->state == RCELL_BLANK)
        return 0;
    if (cell->state == RCELL_SHOWN && cell->kind == RCELL_DATE)
        return 11;
    if (cell->state == RCELL_SHOWN && cell->kind == RCELL_NUMBER) {
        /* as the sheet shows it: "0" or "0.000000", no thousands separators */
        int integral = cell->value == floor(cell->value) && fabs(cell->value) < 1e15;
        int n = snprintf(buf, sizeof buf, integral ? "%.0f" : "%.6f", cell->value);
        while (!integral && n > 0 && buf[n - 1] == '0') /* "0.0#####": no trailing zeros */
            n--;
        return (double)n + 2;
    }
    return chars(rcell_format(cell, buf, sizeof buf, x->lang)) + (is_numeric(cell->kind) ? 2 : 1);
}

/* The longest word of a text, in characters. */
static double longest_word(const char *text)
{
    double best = 0, cur = 0;
    for (const unsigned char *q = (const unsigned char *)text; q && *q; q++) {
        if (*q == ' ' || *q == '\n') {
            cur = 0;
            continue;
        }
        if ((*q & 0xC0) != 0x80 && ++cur > best)
            best = cur;
    }
    return best;
}

/* Lines a text needs in a cell width characters wide (spreadsheets wrap between words, as layout_wrap). */
static size_t text_lines(const char *text, double width)
{
    size_t n = layout_wrap(text, width > 2 ? width : 2, layout_chars, NULL, NULL, 0);
    return n ? n : 1;
}

/*
 * Writes text into buf broken into lines of at most width characters (at
 * spaces and after hyphens); returns the number of lines.
 */
static size_t break_lines(const char *text, double width, char *buf, size_t size)
{
    layout_line lines[16];
    size_t n = layout_wrap(text, width, layout_chars, NULL, lines, 16), o = 0;
    if (n > 16)
        n = 16;
    buf[0] = '\0';
    for (size_t i = 0; i < n && o + lines[i].len + 2 < size; i++) {
        if (i)
            buf[o++] = '\n';
        memcpy(buf + o, text + lines[i].start, lines[i].len);
        o += lines[i].len;
        buf[o] = '\0';
    }
    return n ? n : 1;
}

#define LINE_PT 13.0 /* a line of FONT_PT text in a row */

/* --- tables --- */

typedef struct {
    const rtable *t;
    lxw_row_t head, first, last; /* header row, first and last data rows (no totals) */
    int has_rows;
} placed_table;

/*
 * Writes table t at the sheet's row. A text column wider than text_max
 * characters wraps between words (data = 1: anywhere, as a data sheet's
 * codes have no spaces); each row is as high as its wrapped text.
 */
static placed_table write_table(xlsx_ctx *x, sheet_state *s, const rtable *t, double text_max, int data)
{
    placed_table p = {t, 0, 0, 0, 0};
    char note[1024];
    size_t ncols = t->n_cols < MAX_COLS ? t->n_cols : MAX_COLS;
    /* widths first: a text column wider than TEXT_COL_MAX wraps, never within a word */
    for (size_t c = 0; c < ncols; c++) {
        double most = 0;
        for (size_t r = 0; r < t->n_rows; r++) {
            double n = cell_chars(x, &t->cells[r * t->n_cols + c]);
            if (n > most)
                most = n;
        }
        if (!is_numeric(t->cols[c].kind) && most > text_max) {
            double word = 0;
            for (size_t r = 0; r < t->n_rows; r++) {
                const rcell *cell = &t->cells[r * t->n_cols + c];
                double w = cell->kind == RCELL_TEXT ? longest_word(cell->text) + 1 : 0;
                word = w > word ? w : word;
            }
            most = word > text_max && !data ? word : text_max;
            s->wrap[c] = data ? 2 : 1;
        }
        note_width(s, c, most);
        /* a head wraps between its words */
        note_width(s, c, longest_word(t->cols[c].header) + 2);
    }
    if (ncols > s->used_cols)
        s->used_cols = ncols;
    if (t->caption)
        write_text(x, s, s->row++, 0, t->caption, x->bold);
    p.head = s->row;
    size_t head_lines = 1;
    for (size_t c = 0; c < ncols; c++) {
        const char *h = t->cols[c].header ? t->cols[c].header : "";
        check(x, worksheet_write_string(s->ws, s->row, (lxw_col_t)c, h, is_numeric(t->cols[c].kind) ? x->head_num : x->head));
        size_t n = text_lines(h, (s->width[c] - 1) * 1.15); /* bold, a little wider than the average text */
        head_lines = n > head_lines ? n : head_lines;
    }
    /* rows are as high as their wrapped text: not every spreadsheet fits them on opening */
    row_height(s, s->row, LINE_PT * (double)head_lines + 4);
    s->row++;
    p.first = s->row;
    for (size_t r = 0; r < t->n_rows; r++) {
        int total = t->flags[r] & RROW_TOTAL;
        size_t lines = 1;
        for (size_t c = 0; c < ncols; c++) {
            const rcell *cell = &t->cells[r * t->n_cols + c];
            write_cell(x, s, s->row, (lxw_col_t)c, cell, total);
            if (s->wrap[c] && cell->state == RCELL_SHOWN && cell->kind == RCELL_TEXT) {
                double w = (s->width[c] - 1) * (total ? 0.92 : 1.0);
                size_t n = s->wrap[c] == 2 ? (size_t)ceil(chars(cell->text) / (w > 1 ? w : 1)) : text_lines(cell->text, w * 1.25);
                lines = n > lines ? n : lines;
            }
        }
        if (lines > 1)
            row_height(s, s->row, LINE_PT * (double)lines + 3);
        if (!total) {
            p.last = s->row;
            p.has_rows = 1;
        }
        s->row++;
    }
    if (s->n_tables++ == 0) {
        s->head_row = p.head;
        s->head_cols = ncols;
        s->data_last = p.has_rows ? p.last : p.head;
        s->has_data_rows = p.has_rows;
    }
    /* the signs this table uses, explained under it */
    rsigns_legend(rtable_signs(t), x->lang, note, sizeof note);
    if (note[0])
        add_para(x, s, note, x->note);
    s->row++;
    return p;
}

/* --- charts --- */

/* Writes the block of values chart c reads; returns its first column, or -1 when nothing to draw. */
typedef struct {
    lxw_col_t col;
    lxw_row_t first, last;
    size_t n, lines;   /* categories, and the most lines of a label */
    double max;        /* largest value or bound drawn */
} chart_block;

#define CHART_LABEL_CHARS 34 /* a bar chart's category label breaks into lines of this many characters */
#define CHART_MAX_PX 520.0   /* a bar chart fits a landscape page at full size */

/* A bar chart's height in pixels: every category as high as the longest label (lines), or a
 * spreadsheet skips labels that would overlap. */
static double chart_height(size_t categories, size_t lines)
{
    return 150 + (double)categories * (18.0 * (double)lines + 12);
}

static const rcell *tcell(const rtable *t, size_t r, long c)
{
    return c < 0 ? NULL : &t->cells[r * t->n_cols + (size_t)c];
}

/* The category name of row i in chart c: a value not drawn says why, "name (*)". */
static void category_name(const rchart *c, size_t i, char *name, size_t size)
{
    const rtable *t = c->table;
    const rcell *cat = tcell(t, i, (long)c->cat_col);
    unsigned sg = 0;
    for (size_t k = 0; k < c->n_vals; k++)
        sg |= rcell_sign(tcell(t, i, (long)c->val_cols[k])) & (RSIGN_WITHHELD | RSIGN_UNDEFINED);
    snprintf(name, size, "%s%s%s%s", cat->text ? cat->text : "", c->n_vals == 1 && sg ? " (" : "",
             c->n_vals == 1 && sg ? (sg & RSIGN_WITHHELD ? FORMAT_SIGN_WITHHELD : FORMAT_SIGN_UNDEFINED) : "",
             c->n_vals == 1 && sg ? ")" : "");
}

/*
 * The characters a bar chart's category labels break at: the narrowest that
 * keeps the chart within CHART_MAX_PX with every label in full (the widest
 * when none does).
 */
static double label_width(const rchart *c)
{
    static const double widths[] = {CHART_LABEL_CHARS, 42, 50, 60};
    const rtable *t = c->table;
    char name[512], broken[600];
    size_t n = 0;
    for (size_t i = 0; i < t->n_rows; i++)
        n += !(t->flags[i] & RROW_TOTAL);
    for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
        size_t most = 1;
        for (size_t i = 0; i < t->n_rows; i++) {
            if (t->flags[i] & RROW_TOTAL)
                continue;
            category_name(c, i, name, sizeof name);
            size_t lines = break_lines(name, widths[k], broken, sizeof broken);
            most = lines > most ? lines : most;
        }
        if (chart_height(n, most) <= CHART_MAX_PX)
            return widths[k];
    }
    return widths[sizeof widths / sizeof widths[0] - 1];
}

static int write_chart_block(xlsx_ctx *x, sheet_state *s, const rchart *c, lxw_row_t at, chart_block *b)
{
    const rtable *t = c->table;
    char name[512];
    double label_chars = c->kind == RCHART_BAR ? label_width(c) : CHART_LABEL_CHARS;
    int ci = c->lo_col >= 0 && c->hi_col >= 0;
    size_t width = c->kind == RCHART_BAR && ci ? 5 : 1 + c->n_vals + (ci ? 2 : 0);
    if ((size_t)s->helper + width >= HELPER_COL + MAX_CHARTS * HELPER_WIDTH)
        return -1;
    b->col = s->helper;
    b->first = at;
    b->n = 0;
    b->lines = 0;
    b->max = 0;
    s->helper = (lxw_col_t)(s->helper + HELPER_WIDTH);
    lxw_row_t r = at;
    for (size_t i = 0; i < t->n_rows; i++) {
        if (c->kind == RCHART_BAR && (t->flags[i] & RROW_TOTAL))
            continue;
        const rcell *cat = tcell(t, i, (long)c->cat_col), *v = tcell(t, i, (long)c->val_cols[0]);
        /* a value not drawn says why at its category: "name (*)" */
        (void)cat;
        category_name(c, i, name, sizeof name);
        /* long names in lines of their own: a spreadsheet that cannot fit a label skips it */
        char broken[600];
        size_t lines = c->kind == RCHART_BAR ? break_lines(name, label_chars, broken, sizeof broken) : 1;
        check(x, worksheet_write_string(s->ws, r, b->col, c->kind == RCHART_BAR ? broken : name, NULL));
        b->lines = lines > b->lines ? lines : b->lines;
        if (c->kind == RCHART_BAR && ci) {
            const rcell *lo = tcell(t, i, c->lo_col), *hi = tcell(t, i, c->hi_col);
            if (v->state == RCELL_SHOWN && lo->state == RCELL_SHOWN && hi->state == RCELL_SHOWN) {
                double parts[4] = {lo->value, v->value - lo->value, hi->value - v->value, v->value};
                for (int k = 0; k < 4; k++)
                    check(x, worksheet_write_number(s->ws, r, (lxw_col_t)(b->col + 1 + k), parts[k], x->helper_num));
                b->max = fmax(b->max, hi->value);
            } else if (v->state == RCELL_SHOWN) {
                /* a value without its interval: a line at the value, no box */
                double parts[4] = {v->value, 0, 0, v->value};
                for (int k = 0; k < 4; k++)
                    check(x, worksheet_write_number(s->ws, r, (lxw_col_t)(b->col + 1 + k), parts[k], x->helper_num));
                b->max = fmax(b->max, v->value);
            }
        } else {
            for (size_t k = 0; k < c->n_vals; k++) {
                const rcell *cell = tcell(t, i, (long)c->val_cols[k]);
                if (cell->state != RCELL_SHOWN)
                    continue; /* left empty: a gap, never a 0 */
                check(x, worksheet_write_number(s->ws, r, (lxw_col_t)(b->col + 1 + k), cell->value, x->helper_num));
                b->max = fmax(b->max, cell->value);
            }
            if (ci) {
                const rcell *lo = tcell(t, i, c->lo_col), *hi = tcell(t, i, c->hi_col);
                if (v->state == RCELL_SHOWN && lo->state == RCELL_SHOWN && hi->state == RCELL_SHOWN) {
                    check(x, worksheet_write_number(s->ws, r, (lxw_col_t)(b->col + 1 + c->n_vals), lo->value, x->helper_num));
                    check(x, worksheet_write_number(s->ws, r, (lxw_col_t)(b->col + 2 + c->n_vals), hi->value, x->helper_num));
                    b->max = fmax(b->max, hi->value);
                }
            }
        }
        b->n++;
        r++;
    }
    b->last = r ? r - 1 : r;
    return b->n ? 0 : -1;
}

static void style_axes(xlsx_ctx *x, lxw_chart *ch, const rchart *c, double max)
{
    double top, step;
    char fmt[32];
    layout_axis(max, c->percent, &top, &step);
    int dec = layout_axis_decimals(step, c->percent);
    lxw_chart_axis *value_axis = c->kind == RCHART_BAR ? ch->x_axis : ch->y_axis;
    lxw_chart_axis *cat_axis = c->kind == RCHART_BAR ? ch->y_axis : ch->x_axis;
    chart_axis_set_min(value_axis, 0);
    chart_axis_set_max(value_axis, top);
    chart_axis_set_major_unit(value_axis, step);
    if (c->percent)
        snprintf(fmt, sizeof fmt, "0%s%.*s%s", dec ? "." : "", dec, "0000", x->lang == REPORT_LANG_DE ? " %" : "%");
    else
        snprintf(fmt, sizeof fmt, "#,##0%s%.*s", dec ? "." : "", dec, "0000");
    chart_axis_set_num_format(value_axis, fmt);
    /* every category labelled (LibreOffice skips some unless told) */
    chart_axis_set_interval_unit(cat_axis, 1);
    lxw_chart_font f = {.size = 10, .bold = LXW_EXPLICIT_FALSE};
    chart_axis_set_num_font(cat_axis, &f);
    chart_axis_set_num_font(value_axis, &f);
    lxw_chart_font tf = {.size = 10, .bold = LXW_EXPLICIT_FALSE};
    if (c->x_title) {
        chart_axis_set_name(c->kind == RCHART_BAR ? value_axis : cat_axis, c->x_title);
        chart_axis_set_name_font(c->kind == RCHART_BAR ? value_axis : cat_axis, &tf);
    }
    if (c->y_title) {
        chart_axis_set_name(c->kind == RCHART_BAR ? cat_axis : value_axis, c->y_title);
        chart_axis_set_name_font(c->kind == RCHART_BAR ? cat_axis : value_axis, &tf);
    }
}

static void add_chart(xlsx_ctx *x, sheet_state *s, const rchart *c)
{
    chart_block b;
    char label_text[64][32];
    lxw_chart_data_label labels[64], *label_ptrs[65];
    const rtable *t = c->table;
    int ci = c->lo_col >= 0 && c->hi_col >= 0;
    if (s->n_charts == MAX_CHARTS || !rchart_drawable(c) || write_chart_block(x, s, c, s->row, &b) != 0)
        return;
    int crossbar = c->kind == RCHART_BAR && ci;
    lxw_chart *ch = workbook_add_chart(x->wb, c->kind == RCHART_LINE ? LXW_CHART_LINE
                                               : crossbar             ? LXW_CHART_BAR_STACKED
                                                                      : LXW_CHART_BAR);
    if (!ch) {
        check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    const char *sheet = s->name;
    lxw_row_t first = b.first, last = b.last;
    lxw_col_t cat = b.col;
    if (crossbar) {
        /* lower bound (invisible), lower bound to value, value to upper bound */
        lxw_chart_fill none = {.none = 1};
        lxw_chart_line no_line = {.none = 1};
        lxw_chart_fill box = {.color = 0xB9CCE0};
        lxw_chart_line edge = {.color = 0x29547F, .width = 1.0};
        for (int k = 0; k < 3; k++) {
            lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
            chart_series_set_categories(se, sheet, first, cat, last, cat);
            chart_series_set_values(se, sheet, first, (lxw_col_t)(cat + 1 + k), last, (lxw_col_t)(cat + 1 + k));
            chart_series_set_name(se, k == 1 ? label(x->lang, L_CH_CI_BOX) : t->cols[c->val_cols[0]].header);
            if (k == 0) {
                chart_series_set_fill(se, &none);
                chart_series_set_line(se, &no_line);
                continue;
            }
            chart_series_set_fill(se, &box);
            chart_series_set_line(se, &edge);
            if (k == 1) {
                /* the value's figure at the line between the two parts */
                size_t n = 0;
                for (size_t i = 0; i < t->n_rows && n < 64; i++) {
                    if (t->flags[i] & RROW_TOTAL)
                        continue;
                    const rcell *v = tcell(t, i, (long)c->val_cols[0]);
                    memset(&labels[n], 0, sizeof labels[n]);
                    if (v->state == RCELL_SHOWN) {
                        rcell_format(v, label_text[n], sizeof label_text[n], x->lang);
                        labels[n].value = label_text[n];
                    } else {
                        labels[n].hide = 1;
                    }
                    label_ptrs[n] = &labels[n];
                    n++;
                }
                label_ptrs[n] = NULL;
                check(x, chart_series_set_labels_custom(se, label_ptrs));
                chart_series_set_labels_position(se, LXW_CHART_LABEL_POSITION_INSIDE_END);
                lxw_chart_font lf = {.size = 10, .bold = LXW_EXPLICIT_FALSE};
                chart_series_set_labels_font(se, &lf);
            }
        }
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        check(x, chart_legend_delete_series(ch, (int16_t[]){0, 2, -1}));
        chart_set_series_gap(ch, 60);
    } else {
        static const lxw_color_t colours[3] = {0x29547F, 0xD97821, 0x549466};
        for (size_t k = 0; k < c->n_vals; k++) {
            lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
            chart_series_set_categories(se, sheet, first, cat, last, cat);
            chart_series_set_values(se, sheet, first, (lxw_col_t)(cat + 1 + k), last, (lxw_col_t)(cat + 1 + k));
            chart_series_set_name(se, t->cols[c->val_cols[k]].header);
            if (c->kind == RCHART_LINE) {
                lxw_chart_line l = {.color = colours[k % 3], .width = 2.0};
                chart_series_set_line(se, &l);
                chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
                lxw_chart_fill mf = {.color = colours[k % 3]};
                chart_series_set_marker_fill(se, &mf);
            } else {
                lxw_chart_fill f = {.color = colours[0]};
                chart_series_set_fill(se, &f);
                chart_series_set_labels(se);
                chart_series_set_labels_num_format(se, c->percent ? (x->lang == REPORT_LANG_DE ? "0.0 %" : "0.0%") : "#,##0");
                lxw_chart_font lf = {.size = 10, .bold = LXW_EXPLICIT_FALSE};
                chart_series_set_labels_font(se, &lf);
            }
        }
        if (ci) {
            /* the interval as two dashed lines beside the values */
            for (int k = 0; k < 2; k++) {
                lxw_col_t col = (lxw_col_t)(cat + 1 + c->n_vals + k);
                lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
                chart_series_set_categories(se, sheet, first, cat, last, cat);
                chart_series_set_values(se, sheet, first, col, last, col);
                chart_series_set_name(se, t->cols[k == 0 ? c->lo_col : c->hi_col].header);
                lxw_chart_line l = {.color = 0x7F8FA6, .width = 1.0, .dash_type = LXW_CHART_LINE_DASH_DASH};
                chart_series_set_line(se, &l);
                chart_series_set_marker_type(se, LXW_CHART_MARKER_NONE);
            }
        }
        if (c->kind == RCHART_BAR) {
            chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
            chart_set_series_gap(ch, 60);
        } else {
            chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        }
    }
    chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
    chart_show_hidden_data(ch);
    if (c->kind == RCHART_BAR)
        chart_axis_set_reverse(ch->y_axis); /* first category on top, as in the table */
    chart_title_set_name(ch, c->title);
    lxw_chart_font tf = {.size = 11, .bold = 1};
    chart_title_set_name_font(ch, &tf);
    lxw_chart_font legend_font = {.size = 10, .bold = LXW_EXPLICIT_FALSE};
    chart_legend_set_font(ch, &legend_font);
    style_axes(x, ch, c, b.max);
    /* every category as high as the longest label's lines: a spreadsheet skips labels that would overlap */
    double h = c->kind == RCHART_BAR ? chart_height(b.n, b.lines) : 300;
    pending_chart *pc = &s->charts[s->n_charts++];
    pc->chart = ch;
    pc->row = s->row;
    pc->height_px = h;
    s->row = (lxw_row_t)(s->row + (lxw_row_t)ceil(h / ROW_PX) + 1);
    /* a gap in a line chart is explained under it */
    unsigned sg = 0;
    for (size_t k = 0; k < c->n_vals; k++)
        sg |= rtable_column_signs(t, c->val_cols[k]) & (RSIGN_WITHHELD | RSIGN_UNDEFINED);
    if (c->kind == RCHART_LINE && sg)
        add_para(x, s, label(x->lang, L_CH_GAP_NOTE), x->note);
    s->row++;
}

/* --- sheets --- */

static void sheet_init(sheet_state *s, lxw_worksheet *ws, const char *name)
{
    memset(s, 0, sizeof *s);
    s->ws = ws;
    snprintf(s->name, sizeof s->name, "%s", name);
    s->helper = HELPER_COL;
}

/* Width of columns [0, n) in pixels, as Excel draws them (Calibri 11: 7 px a character, 5 px padding). */
static double columns_px(const sheet_state *s, size_t n)
{
    double px = 0;
    for (size_t c = 0; c < n; c++) {
        double w = s->width[c] > 0 ? s->width[c] : 8.43;
        px += floor(w * 7 + 5);
    }
    return px;
}

/* Height of row r in points. */
static double row_pt(const sheet_state *s, lxw_row_t r)
{
    return r < s->cap_rows && s->row_pt[r] > 0 ? s->row_pt[r] : 15.0;
}

/*
 * Breaks the printed pages (page_pt high, in sheet points) before a group
 * (heading with its table, a chart, ...) that would run over a page end but
 * fits a page of its own; anything longer than a page breaks where it must.
 */
static void page_breaks(sheet_state *s, double page_pt)
{
    lxw_row_t breaks[MAX_GROUPS + 1];
    size_t nb = 0;
    double y = 0;
    lxw_row_t r = 0, end = s->row;
    for (size_t g = 0; g <= s->n_groups; g++) {
        lxw_row_t first = g < s->n_groups ? s->groups[g] : end;
        lxw_row_t last = g + 1 < s->n_groups ? s->groups[g + 1] : end;
        for (; r < first; r++) { /* rows outside any group */
            y += row_pt(s, r);
            if (y > page_pt)
                y = row_pt(s, r);
        }
        if (g == s->n_groups)
            break;
        double h = 0;
        for (lxw_row_t q = first; q < last; q++)
            h += row_pt(s, q);
        if (y > 0 && y + h > page_pt && h <= page_pt && first > 0 && nb < MAX_GROUPS) {
            breaks[nb++] = first;
            y = 0;
        }
        for (; r < last; r++) {
            y += row_pt(s, r);
            if (y > page_pt)
                y = row_pt(s, r);
        }
    }
    breaks[nb] = 0;
    if (nb)
        worksheet_set_h_pagebreaks(s->ws, breaks);
}

static void finish_sheet(xlsx_ctx *x, sheet_state *s, int freeze)
{
    size_t cols = s->used_cols ? s->used_cols : 2;
    for (size_t c = 0; c < MAX_COLS; c++) {
        if (s->width[c] <= 0)
            continue;
        double w = s->width[c] < 8 ? 8 : s->width[c];
        s->width[c] = w;
        worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
    }
    double content_px = columns_px(s, cols);
    /* paragraphs and notes: merged over the tables' width (at least 80 characters), rows high enough */
    if (content_px < 80 * 7 + 5) {
        /* widen the last column rather than let a paragraph run out of the sheet */
        double extra = (80 * 7 + 5 - content_px) / 7;
        size_t last = cols - 1;
        s->width[last] = (s->width[last] > 0 ? s->width[last] : 8.43) + extra;
        worksheet_set_column(s->ws, (lxw_col_t)last, (lxw_col_t)last, s->width[last], NULL);
        content_px = columns_px(s, cols);
    }
    double line_chars = (content_px - 5) / 7.0 * 1.12; /* text runs narrower than the digits a width counts */
    for (size_t i = 0; i < s->n_paras; i++) {
        pending_para *p = &s->paras[i];
        double lines = ceil(chars(p->text) / line_chars);
        for (const char *q = p->text; *q; q++)
            lines += *q == '\n';
        if (lines < 1)
            lines = 1;
        if (cols > 1)
            check(x, worksheet_merge_range(s->ws, p->row, 0, p->row, (lxw_col_t)(cols - 1), "", p->format));
        check(x, worksheet_write_string(s->ws, p->row, 0, p->text, p->format));
        row_height(s, p->row, LINE_PT * lines + 3);
        free(p->text);
        p->text = NULL;
    }
    /* charts below their tables, as wide as the tables (within reason) */
    double chart_px = content_px - 12 < 480 ? 480 : content_px - 12 > 860 ? 860 : content_px - 12;
    for (size_t i = 0; i < s->n_charts; i++) {
        lxw_chart_options opt = {.x_offset = 2, .y_offset = 2, .x_scale = chart_px / 480.0,
                                 .y_scale = s->charts[i].height_px / 288.0};
        check(x, worksheet_insert_chart_opt(s->ws, s->charts[i].row, 0, s->charts[i].chart, &opt));
    }
    if (s->helper > HELPER_COL) {
        lxw_row_col_options hidden = {.hidden = 1};
        check(x, worksheet_set_column_opt(s->ws, HELPER_COL, (lxw_col_t)(s->helper - 1), 12, NULL, &hidden));
    }
    /* a frozen header belongs to the one table of the sheet, just below the title */
    if (s->n_tables > 0 && s->has_data_rows)
        check(x, worksheet_autofilter(s->ws, s->head_row, 0, s->data_last, (lxw_col_t)(s->head_cols - 1)));
    if (freeze && s->n_tables == 1 && s->n_charts == 0 && s->head_row <= 6 && s->has_data_rows) {
        worksheet_freeze_panes(s->ws, (lxw_row_t)(s->head_row + 1), 0);
        check(x, worksheet_repeat_rows(s->ws, s->head_row, s->head_row));
    }
    /* A4, at a scale that keeps FONT_PT at MIN_PRINT_PT or more; a little room to spare,
     * as spreadsheets measure a column a few points differently */
    double width_pt = (content_px > chart_px || s->n_charts == 0 ? content_px : chart_px) * 0.75 * 1.08;
    worksheet_set_paper(s->ws, 9);
    double printable = PORTRAIT_PT, page_pt = PAGE_LONG_PT;
    if (width_pt > PORTRAIT_PT) {
        worksheet_set_landscape(s->ws);
        printable = LANDSCAPE_PT;
        page_pt = PAGE_SHORT_PT;
    }
    double scale = floor(printable / width_pt * 100.0);
    double least = ceil(MIN_PRINT_PT / FONT_PT * 100.0);
    scale = scale > 100 ? 100 : scale < least ? least : scale;
    worksheet_set_print_scale(s->ws, (uint16_t)scale);
    page_breaks(s, page_pt * 100.0 / scale * 0.97);
    worksheet_set_footer(s->ws, "&L&A&R&P / &N");
    free(s->row_pt);
    s->row_pt = NULL;
}

/* A sheet name: at most 31 characters, none of []:*?/\ */
static void sheet_name(char *name, size_t size, const char *from)
{
    snprintf(name, size, "%s", from);
    for (char *p = name; *p; p++)
        if (strchr("[]:*?/\\", *p))
            *p = ' ';
    size_t n = 0, cut = 0;
    for (char *p = name; *p; p++)
        if ((*p & 0xC0) != 0x80 && ++n <= 31)
            cut = (size_t)(p - name) + 1;
    if (n > 31) {
        while ((name[cut] & 0xC0) == 0x80)
            cut++;
        name[cut] = '\0';
    }
}

static void write_signature(xlsx_ctx *x, sheet_state *s, const char *office)
{
    s->row++;
    if (office && *office) {
        write_text(x, s, s->row++, 0, label(x->lang, L_VN_OFFICE), x->subtitle);
        write_text(x, s, s->row++, 0, office, x->bold);
    }
    s->row += 2;
    /* two lines to write on: place and date, signature */
    row_height(s, s->row, 36);
    check(x, worksheet_merge_range(s->ws, s->row, 0, s->row, 1, "", x->sign_line));
    check(x, worksheet_merge_range(s->ws, s->row, 3, s->row, 5, "", x->sign_line));
    s->row++;
    write_text(x, s, s->row, 0, label(x->lang, L_VN_PLACE_DATE), x->subtitle);
    write_text(x, s, s->row, 3, label(x->lang, L_VN_SIGN_LINE), x->subtitle);
    s->row += 2;
    if (s->used_cols < 6)
        s->used_cols = 6;
    for (size_t c = 0; c < 6; c++)
        note_width(s, c, c == 2 ? 4 : 14);
}

static void write_section(xlsx_ctx *x, const rsection *sec)
{
    sheet_state st, *s = &st;
    char name[64];
    sheet_name(name, sizeof name, sec->sheet);
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws) {
        check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    sheet_init(s, ws, name);
    /* a data sheet is a plain table from its first row, as tools read it */
    if (!sec->xlsx_only) {
        write_text(x, s, 0, 0, sec->title, x->title);
        s->row = 2;
    }
    const rtable *last = NULL;
    for (size_t i = 0; i < sec->n_blocks; i++) {
        const rblock *b = &sec->blocks[i];
        rblock_kind prev = i > 0 ? sec->blocks[i - 1].kind : RBLOCK_PAGEBREAK;
        switch (b->kind) {
        case RBLOCK_HEADING:
            if (i > 0)
                s->row++;
            group_begin(s);
            write_text(x, s, s->row++, 0, b->text, x->bold);
            break;
        case RBLOCK_PARAGRAPH:
            if (prev != RBLOCK_HEADING)
                group_begin(s);
            add_para(x, s, b->text, x->para);
            break;
        case RBLOCK_NOTE:
            add_para(x, s, b->text, x->note);
            break;
        case RBLOCK_SIGNATURE:
            if (prev != RBLOCK_PARAGRAPH)
                group_begin(s);
            write_signature(x, s, b->text);
            break;
        case RBLOCK_TABLE:
            if (prev != RBLOCK_HEADING && prev != RBLOCK_PARAGRAPH)
                group_begin(s);
            /* the data sheet's many columns fit a landscape page */
            write_table(x, s, b->table, sec->xlsx_only ? DATA_TEXT_COL_MAX : TEXT_COL_MAX, sec->xlsx_only);
            last = b->table;
            break;
        case RBLOCK_CHART:
            group_begin(s);
            if (b->chart->table == last)
                add_chart(x, s, b->chart);
            break;
        case RBLOCK_PAGEBREAK:
            break;
        }
    }
    finish_sheet(x, s, 1);
}

static void write_cover(xlsx_ctx *x, const rdoc *doc)
{
    sheet_state st, *s = &st;
    const char *name = label(doc->lang, L_SHEET_COVER);
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws) {
        check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    sheet_init(s, ws, name);
    write_text(x, s, 0, 0, doc->title, x->title);
    write_text(x, s, 1, 0, doc->programme, x->subtitle);
    write_text(x, s, 2, 0, doc->subtitle, x->subtitle);
    write_text(x, s, 3, 0, doc->region, x->bold);
    s->row = 5;
    if (doc->cover)
        write_table(x, s, doc->cover, TEXT_COL_MAX, 0);
    s->n_tables = 0; /* no filter or frozen header on a key-value list */
    note_width(s, 0, 30);
    note_width(s, 1, 30);
    finish_sheet(x, s, 0);
}

dbk_error render_xlsx(const rdoc *doc, const char *path, const char *display_path)
{
    xlsx_ctx ctx, *x = &ctx;
    memset(x, 0, sizeof *x);
    x->lang = doc->lang;
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    x->wb = workbook_new_opt(path, &opt);
    if (!x->wb) {
        diag_error(display_path, 0, NULL, _("cannot create xlsx file"));
        return DBK_ERR_IO;
    }
    make_formats(x);
    /* the data status, not the clock: the same data give the same bytes */
    lxw_doc_properties props = {
        .title = doc->title,
        .subject = doc->region,
        .author = "durchblick",
        .company = doc->region,
        .comments = doc->header,
        .created = (time_t)doc->created,
    };
    check(x, workbook_set_properties(x->wb, &props));
    write_cover(x, doc);
    for (size_t i = 0; i < doc->n_sections; i++)
        if (doc->sections[i].sheet)
            write_section(x, &doc->sections[i]);
    /* On a failed write libxlsxwriter prints "[ERROR] ..." lines of its own,
     * naming the temporary file; the one message below says what happened. */
    fflush(stderr);
    int saved_stderr = dup(STDERR_FILENO), null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved_stderr >= 0 && null_fd >= 0)
        dup2(null_fd, STDERR_FILENO);
    errno = 0;
    lxw_error e = workbook_close(x->wb);
    int why = errno;
    if (saved_stderr >= 0 && null_fd >= 0)
        dup2(saved_stderr, STDERR_FILENO);
    if (saved_stderr >= 0)
        close(saved_stderr);
    if (null_fd >= 0)
        close(null_fd);
    if (x->error == LXW_NO_ERROR)
        x->error = e;
    if (x->error != LXW_NO_ERROR) {
        if ((x->error == LXW_ERROR_ZIP_FILE_OPERATION || x->error == LXW_ERROR_CREATING_TMPFILE) && why)
            diag_error(display_path, 0, NULL, _("cannot write xlsx: %s"), strerror(why));
        else
            diag_error(display_path, 0, NULL, _("cannot write xlsx: %s"), lxw_strerror(x->error));
        return DBK_ERR_IO;
    }
    /* libxlsxwriter misses a failed write of its temporary files: read it back. */
    return zip_check_xml_parts(path, display_path);
}
