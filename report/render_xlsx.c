/*
 * render_xlsx.c - walks a report model and writes it with libxlsxwriter.
 *
 * Every text is written with worksheet_write_string (never as a formula);
 * every figure as a number with a number format; withheld cells as the
 * string "*", undefined ones as "x". Charts are native Excel charts.
 */
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "diag.h"
#include "labels.h"
#include "zip_check.h"

#define MAX_COLS 32
#define CHART_ROWS 18

typedef struct {
    lxw_workbook *wb;
    report_lang lang;
    lxw_format *title, *subtitle, *head, *head_num, *text, *text_wrap, *bold, *note, *sign, *sign_bold;
    lxw_format *num[RCELL_KINDS][2]; /* [rcell_kind][total] */
    lxw_format *daten_share, *daten_date;
    lxw_error error;
} xlsx_ctx;

typedef struct {
    lxw_worksheet *ws;
    const char *name;
    lxw_row_t row;
    double width[MAX_COLS];
    int header_row;          /* first table's header row, -1 none */
    size_t header_cols;
    lxw_row_t first_table_end;
} sheet_state;

static lxw_format *new_format(xlsx_ctx *x, int bold, const char *num, int right)
{
    lxw_format *f = workbook_add_format(x->wb);
    format_set_font_name(f, "Calibri");
    format_set_font_size(f, 10);
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
    x->note = new_format(x, 0, NULL, 0);
    format_set_font_size(x->note, 8);
    format_set_font_color(x->note, 0x555555);
    format_set_text_wrap(x->note);
    x->sign = new_format(x, 0, NULL, 1);
    x->sign_bold = new_format(x, 1, NULL, 1);
    x->daten_share = new_format(x, 0, "0.000000", 1);
    x->daten_date = new_format(x, 0, de ? "dd.mm.yyyy" : "yyyy-mm-dd", 1);
}

static void note_width(sheet_state *s, size_t col, const char *text, double extra)
{
    if (col >= MAX_COLS || !text)
        return;
    /* characters, not bytes */
    double n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    n += extra;
    if (n > s->width[col])
        s->width[col] = n;
}

static void check(xlsx_ctx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->error == LXW_NO_ERROR)
        x->error = e;
}

static void write_text(xlsx_ctx *x, sheet_state *s, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f)
{
    if (!text || !*text)
        return;
    check(x, worksheet_write_string(s->ws, r, c, text, f));
}

/* A paragraph: merged over the width of the sheet's tables, wrapped. */
static void write_paragraph(xlsx_ctx *x, sheet_state *s, const char *text, lxw_format *f)
{
    size_t len = strlen(text);
    unsigned lines = (unsigned)(len / 95 + 1);
    check(x, worksheet_merge_range(s->ws, s->row, 0, s->row, 7, "", f));
    check(x, worksheet_write_string(s->ws, s->row, 0, text, f));
    worksheet_set_row(s->ws, s->row, 13.5 * lines + 2, NULL);
    s->row++;
}

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
        write_text(x, s, r, c, cell->text, total ? x->bold : x->text);
        note_width(s, c, cell->text, 1);
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
        note_width(s, c, "31.12.2022", 2);
        return;
    }
    check(x, worksheet_write_number(s->ws, r, c, cell->value, x->num[cell->kind][total]));
    note_width(s, c, rcell_format(cell, buf, sizeof buf, x->lang), 2);
}

typedef struct {
    const rtable *t;
    lxw_row_t head, first, last; /* header row, first and last data rows (no totals) */
    int has_rows;
} placed_table;

static placed_table write_table(xlsx_ctx *x, sheet_state *s, const rtable *t)
{
    placed_table p = {t, 0, 0, 0, 0};
    if (t->caption) {
        write_text(x, s, s->row, 0, t->caption, x->bold);
        s->row++;
    }
    p.head = s->row;
    for (size_t c = 0; c < t->n_cols && c < MAX_COLS; c++) {
        int num = t->cols[c].kind != RCELL_TEXT;
        write_text(x, s, s->row, (lxw_col_t)c, t->cols[c].header, num ? x->head_num : x->head);
        /* a long head wraps: count its longest word */
        const char *h = t->cols[c].header;
        size_t best = 0, cur = 0;
        for (const char *q = h; q && *q; q++) {
            if (*q == ' ') {
                cur = 0;
                continue;
            }
            if ((*q & 0xC0) != 0x80 && ++cur > best)
                best = cur;
        }
        if (best + 2 > s->width[c])
            s->width[c] = (double)best + 2;
    }
    worksheet_set_row(s->ws, s->row, 27, NULL);
    if (s->header_row < 0) {
        s->header_row = (int)s->row;
        s->header_cols = t->n_cols;
    }
    s->row++;
    p.first = s->row;
    int withheld = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        int total = t->flags[r] & RROW_TOTAL;
        for (size_t c = 0; c < t->n_cols && c < MAX_COLS; c++) {
            const rcell *cell = &t->cells[r * t->n_cols + c];
            if (cell->state == RCELL_WITHHELD)
                withheld = 1;
            write_cell(x, s, s->row, (lxw_col_t)c, cell, total);
        }
        if (!total) {
            p.last = s->row;
            p.has_rows = 1;
        }
        s->row++;
    }
    if (s->header_row == (int)p.head)
        s->first_table_end = s->row - 1;
    if (withheld) {
        char note[256];
        snprintf(note, sizeof note, "%s %s", FORMAT_SIGN_WITHHELD, label(x->lang, L_SIGN_WITHHELD));
        write_text(x, s, s->row, 0, note, x->note);
        s->row++;
    }
    s->row++;
    return p;
}

/*
 * Chart values: a line chart would plot the "*" of a withheld cell as zero,
 * so it reads a small block of its own where such cells stay empty.
 */
static void write_chart(xlsx_ctx *x, sheet_state *s, const rchart *c, const placed_table *p, lxw_row_t anchor)
{
    if (!p->has_rows)
        return;
    const rtable *t = c->table;
    lxw_row_t first = p->first, last = p->last;
    lxw_col_t cat_col = (lxw_col_t)c->cat_col, val_col[3];
    for (size_t i = 0; i < c->n_vals; i++)
        val_col[i] = (lxw_col_t)c->val_cols[i];
    if (c->kind == RCHART_LINE) {
        write_text(x, s, s->row, 0, label(x->lang, L_TXT_CHART_DATA), x->note);
        s->row++;
        lxw_row_t head = s->row;
        write_text(x, s, head, 0, t->cols[c->cat_col].header, x->head);
        for (size_t i = 0; i < c->n_vals; i++)
            write_text(x, s, head, (lxw_col_t)(i + 1), t->cols[c->val_cols[i]].header, x->head_num);
        s->row++;
        first = s->row;
        for (size_t r = 0; r < t->n_rows; r++) {
            if (t->flags[r] & RROW_TOTAL)
                continue;
            write_cell(x, s, s->row, 0, &t->cells[r * t->n_cols + c->cat_col], 0);
            for (size_t i = 0; i < c->n_vals; i++) {
                const rcell *cell = &t->cells[r * t->n_cols + c->val_cols[i]];
                if (cell->state == RCELL_SHOWN)
                    write_cell(x, s, s->row, (lxw_col_t)(i + 1), cell, 0);
            }
            last = s->row++;
        }
        s->row++;
        cat_col = 0;
        for (size_t i = 0; i < c->n_vals; i++)
            val_col[i] = (lxw_col_t)(i + 1);
    }
    lxw_chart *ch = workbook_add_chart(x->wb, c->kind == RCHART_LINE ? LXW_CHART_LINE : LXW_CHART_BAR);
    if (!ch) {
        check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    for (size_t i = 0; i < c->n_vals; i++) {
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(se, s->name, first, cat_col, last, cat_col);
        chart_series_set_values(se, s->name, first, val_col[i], last, val_col[i]);
        chart_series_set_name(se, t->cols[c->val_cols[i]].header);
        if (c->kind == RCHART_LINE)
            chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
    }
    chart_title_set_name(ch, c->title);
    lxw_chart_font tf = {.size = 10, .bold = LXW_EXPLICIT_FALSE};
    chart_title_set_name_font(ch, &tf);
    /* in a bar chart the value axis is the horizontal x axis */
    lxw_chart_axis *value_axis = c->kind == RCHART_BAR ? ch->x_axis : ch->y_axis;
    lxw_chart_axis *cat_axis = c->kind == RCHART_BAR ? ch->y_axis : ch->x_axis;
    if (c->kind == RCHART_BAR) {
        chart_axis_set_reverse(cat_axis); /* first category on top, as in the table */
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
        chart_set_series_gap(ch, 60);
    } else {
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
    }
    if (c->x_title)
        chart_axis_set_name(c->kind == RCHART_BAR ? value_axis : cat_axis, c->x_title);
    if (c->y_title)
        chart_axis_set_name(c->kind == RCHART_BAR ? cat_axis : value_axis, c->y_title);
    if (c->percent) {
        chart_axis_set_num_format(value_axis, x->lang == REPORT_LANG_DE ? "0 %" : "0%");
        chart_axis_set_min(value_axis, 0);
    }
    lxw_chart_options opt = {.x_offset = 10, .y_offset = 4, .x_scale = 1.0, .y_scale = 1.0};
    lxw_col_t col = (lxw_col_t)(t->n_cols + 1);
    check(x, worksheet_insert_chart_opt(s->ws, anchor, col, ch, &opt));
}

static void finish_sheet(xlsx_ctx *x, sheet_state *s)
{
    for (size_t c = 0; c < MAX_COLS; c++) {
        if (s->width[c] <= 0)
            continue;
        double w = s->width[c] < 8 ? 8 : s->width[c] > 60 ? 60 : s->width[c];
        worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w * 1.1, NULL);
    }
    if (s->header_row >= 0) {
        worksheet_freeze_panes(s->ws, (lxw_row_t)(s->header_row + 1), 0);
        check(x, worksheet_autofilter(s->ws, (lxw_row_t)s->header_row, 0, s->first_table_end,
                                      (lxw_col_t)(s->header_cols - 1)));
    }
    worksheet_set_paper(s->ws, 9); /* A4 */
    worksheet_fit_to_pages(s->ws, 1, 0);
}

static void sheet_init(sheet_state *s, lxw_worksheet *ws, const char *name)
{
    memset(s, 0, sizeof *s);
    s->ws = ws;
    s->name = name;
    s->header_row = -1;
}

static void write_section(xlsx_ctx *x, const rsection *sec, const char *name)
{
    sheet_state st, *s = &st;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws) {
        check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    sheet_init(s, ws, name);
    write_text(x, s, 0, 0, sec->title, x->title);
    s->row = 2;
    placed_table last = {0};
    lxw_row_t chart_floor = 0; /* rows below the last chart */
    for (size_t i = 0; i < sec->n_blocks; i++) {
        const rblock *b = &sec->blocks[i];
        switch (b->kind) {
        case RBLOCK_HEADING:
            if (s->row < chart_floor)
                s->row = chart_floor;
            write_text(x, s, s->row, 0, b->text, x->bold);
            s->row++;
            break;
        case RBLOCK_PARAGRAPH:
        case RBLOCK_SIGNATURE:
            if (s->row < chart_floor)
                s->row = chart_floor;
            write_paragraph(x, s, b->text, x->text_wrap);
            break;
        case RBLOCK_NOTE:
            write_paragraph(x, s, b->text, x->note);
            break;
        case RBLOCK_TABLE:
            if (s->row < chart_floor)
                s->row = chart_floor;
            last = write_table(x, s, b->table);
            break;
        case RBLOCK_CHART: {
            placed_table p = last;
            if (p.t != b->chart->table)
                break;
            /* charts of one table stand side by side down the right, each its own band */
            lxw_row_t anchor = chart_floor > p.head ? chart_floor : p.head;
            write_chart(x, s, b->chart, &p, anchor);
            chart_floor = anchor + CHART_ROWS;
            break;
        }
        case RBLOCK_PAGEBREAK:
            break;
        }
    }
    finish_sheet(x, s);
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
        write_table(x, s, doc->cover);
    s->header_row = -1; /* no filter on a key-value list */
    finish_sheet(x, s);
    worksheet_set_column(ws, 0, 0, 30, NULL);
    worksheet_set_column(ws, 1, 1, 30, NULL);
}

/* Writes the figures of one period of data from row r on (bezug: "periode" or "vorperiode"); returns the next row. */
static lxw_row_t write_daten_rows(xlsx_ctx *x, sheet_state *s, const report_data *data, lxw_row_t r,
                                  const char *bezug)
{
    static const char *const gh[] = {"", "primaer", "sekundaer", "zusammengefasst"};
    lxw_worksheet *ws = s->ws;
    int y, m, d;
    lxw_datetime von = {0}, bis = {0};
    if (sscanf(data->period_from, "%4d-%2d-%2d", &y, &m, &d) == 3)
        von = (lxw_datetime){y, m, d, 0, 0, 0};
    if (sscanf(data->period_to, "%4d-%2d-%2d", &y, &m, &d) == 3)
        bis = (lxw_datetime){y, m, d, 0, 0, 0};
    for (size_t i = 0; i < data->n_figures; i++, r++) {
        const report_figure *f = &data->figures[i];
        write_text(x, s, r, 0, f->kennzahl, x->text);
        write_text(x, s, r, 1, f->dimension, x->text);
        write_text(x, s, r, 2, f->kategorie, x->text);
        note_width(s, 0, f->kennzahl, 1);
        note_width(s, 1, f->dimension, 1);
        note_width(s, 2, f->kategorie, 1);
        const unsigned bits[5] = {FIGURE_ZAEHLER, FIGURE_NENNER, FIGURE_WERT, FIGURE_CI_UNTEN,
                                  FIGURE_CI_OBEN};
        const double vals[5] = {f->zaehler, f->nenner, f->wert, f->ci_unten, f->ci_oben};
        for (int c = 0; c < 5; c++) {
            lxw_col_t col = (lxw_col_t)(3 + c);
            if (f->gesperrt && !(c < 2 && (f->has & bits[c]))) {
                check(x, worksheet_write_string(ws, r, col, FORMAT_SIGN_WITHHELD, x->sign));
            } else if (f->has & bits[c]) {
                double v = vals[c];
                int integral = v == (double)(long long)v;
                check(x, worksheet_write_number(ws, r, col, v, integral ? x->num[RCELL_COUNT][0] : x->daten_share));
            }
        }
        check(x, worksheet_write_number(ws, r, 8, f->gesperrt, x->num[RCELL_DAYS][0]));
        if (von.year)
            check(x, worksheet_write_datetime(ws, r, 9, &von, x->daten_date));
        if (bis.year)
            check(x, worksheet_write_datetime(ws, r, 10, &bis, x->daten_date));
        write_text(x, s, r, 11, bezug, x->text);
        /* Whether a withheld figure is primary or secondary is not published: "primaer" would
         * prove its count below min_fallzahl. Only a test on combined groups says so. */
        if (f->geheimhaltung == FIGURE_GH_ZUSAMMENGEFASST)
            write_text(x, s, r, 12, gh[f->geheimhaltung], x->text);
    }
    return r;
}

static void write_daten(xlsx_ctx *x, const report_data *data)
{
    sheet_state st, *s = &st;
    const char *name = label(x->lang, L_SHEET_DATA);
    static const label_id heads[11] = {L_COL_KENNZAHL, L_COL_DIMENSION, L_COL_CATEGORY, L_COL_ZAEHLER,
                                       L_COL_NENNER, L_COL_WERT, L_COL_CI_LO, L_COL_CI_HI,
                                       L_COL_GESPERRT, L_COL_VON, L_COL_BIS};
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws) {
        check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    sheet_init(s, ws, name);
    for (int c = 0; c < 13; c++) {
        const char *h = c == 11 ? "bezug" : c == 12 ? "geheimhaltung"
                        : heads[c] == L_COL_CI_LO ? "ci_unten" : heads[c] == L_COL_CI_HI ? "ci_oben"
                        : label(x->lang, heads[c]);
        write_text(x, s, 0, (lxw_col_t)c, h, c >= 3 && c < 11 ? x->head_num : x->head);
        note_width(s, (size_t)c, h, 2);
    }
    lxw_row_t r = write_daten_rows(x, s, data, 1, "periode");
    if (data->prev)
        r = write_daten_rows(x, s, data->prev, r, "vorperiode");
    for (int c = 3; c < 11; c++)
        note_width(s, (size_t)c, "31.12.2022", 3);
    s->header_row = 0;
    s->header_cols = 13;
    s->first_table_end = r > 1 ? r - 1 : 1;
    finish_sheet(x, s);
}

dbk_error render_xlsx(const rdoc *doc, const report_data *data, const char *path, const char *display_path)
{
    xlsx_ctx ctx, *x = &ctx;
    memset(x, 0, sizeof *x);
    x->lang = doc->lang;
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    x->wb = workbook_new_opt(path, &opt);
    if (!x->wb) {
        diag_error(display_path, 0, NULL, "cannot create xlsx file");
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
    for (size_t i = 0; i < doc->n_sections; i++) {
        const rsection *sec = &doc->sections[i];
        char name[64];
        if (!sec->sheet)
            continue;
        /* sheet names: at most 31 characters, none of []:*?/\ */
        snprintf(name, sizeof name, "%s", sec->sheet);
        for (char *p = name; *p; p++)
            if (strchr("[]:*?/\\", *p))
                *p = ' ';
        size_t chars = 0, cut = 0;
        for (char *p = name; *p; p++)
            if ((*p & 0xC0) != 0x80 && ++chars <= 31)
                cut = (size_t)(p - name) + 1;
        if (chars > 31) {
            while ((name[cut] & 0xC0) == 0x80)
                cut++;
            name[cut] = '\0';
        }
        write_section(x, sec, name);
    }
    write_daten(x, data);
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
            diag_error(display_path, 0, NULL, "cannot write xlsx: %s", strerror(why));
        else
            diag_error(display_path, 0, NULL, "cannot write xlsx: %s", lxw_strerror(x->error));
        return DBK_ERR_IO;
    }
    /* libxlsxwriter misses a failed write of its temporary files: read it back. */
    return zip_check_xml_parts(path, display_path);
}
