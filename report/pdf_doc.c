/*
 * pdf_doc.c - libharu primitives for the reports: pages, text, tables, charts.
 *
 * Every measurement goes through the rules of layout.c; the drawing helpers
 * do nothing in a dry (measuring) run, which otherwise lays out the same.
 */
#include "pdf_doc.h"

#include <errno.h>
#include <fcntl.h>
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "labels.h"
#include "layout.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN_L 62.0
#define MARGIN_R 62.0
#define MARGIN_T 76.0
#define MARGIN_B 66.0
#define CONTENT_W (PAGE_W - MARGIN_L - MARGIN_R)
#define CONTENT_H (PAGE_H - MARGIN_T - MARGIN_B)
#define TOP (PAGE_H - MARGIN_T)
#define MAX_LINES 64
#define LINE_BYTES 1024

struct pdf_doc {
    HPDF_Doc pdf;
    HPDF_Font regular, bold;
    HPDF_Page page;
    HPDF_Page *pages;     /* the real run's pages */
    unsigned char *cover; /* per real page: no running header */
    size_t n_real, cap_real;
    int dry;              /* measuring run: nothing is drawn */
    size_t n_pages;       /* pages begun in this run */
    double *fill;         /* per page of this run: lowest cursor position */
    size_t cap_fill;
    double *raise;        /* per page: extra bottom margin, kept across runs */
    size_t cap_raise;
    double y;             /* cursor, PDF units from the bottom */
    report_lang lang;
    char *header, *footer;
    HPDF_STATUS error;
    HPDF_STATUS detail;
};

typedef struct {
    double r, g, b;
} rgb;

static const rgb INK = {0.13, 0.13, 0.15};
static const rgb MUTED = {0.38, 0.38, 0.42};
static const rgb RULE = {0.25, 0.25, 0.28};
static const rgb HAIR = {0.82, 0.82, 0.84};
static const rgb HEAD_FILL = {0.93, 0.94, 0.95};
static const rgb ACCENT = {0.16, 0.33, 0.52};
static const rgb SERIES[3] = {{0.16, 0.33, 0.52}, {0.85, 0.47, 0.13}, {0.33, 0.58, 0.40}};

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    pdf_doc *d = user;
    if (!d->error) {
        d->error = error_no;
        d->detail = detail_no;
    }
}

static void fill(pdf_doc *d, rgb c) { HPDF_Page_SetRGBFill(d->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b); }
static void stroke(pdf_doc *d, rgb c) { HPDF_Page_SetRGBStroke(d->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b); }

/* --- measuring --- */

typedef struct {
    HPDF_Font font;
    double size;
} measure_ctx;

static double measure(void *ctx, const char *s, size_t len)
{
    const measure_ctx *m = ctx;
    if (len == 0)
        return 0;
    HPDF_TextWidth tw = HPDF_Font_TextWidth(m->font, (const HPDF_BYTE *)s, (HPDF_UINT)len);
    return tw.width * m->size / 1000.0;
}

static double text_width(HPDF_Font font, double size, const char *s)
{
    measure_ctx m = {font, size};
    return s ? measure(&m, s, strlen(s)) : 0;
}

/* Wraps text to width in font and size; returns the number of lines (at most MAX_LINES kept). */
static size_t wrap(HPDF_Font font, double size, const char *text, double width, layout_line *lines)
{
    measure_ctx m = {font, size};
    size_t n = layout_wrap(text, width, measure, &m, lines, MAX_LINES);
    return n < MAX_LINES ? n : MAX_LINES;
}

/* The widest word (piece that never breaks) of text. */
static double longest_piece(HPDF_Font font, double size, const char *text)
{
    measure_ctx m = {font, size};
    return layout_longest_piece(text, measure, &m);
}

/* Line i of a wrapped text, copied into buf. */
static const char *line_text(const char *text, const layout_line *l, char *buf)
{
    size_t len = l->len < LINE_BYTES - 1 ? l->len : LINE_BYTES - 1;
    memcpy(buf, text + l->start, len);
    buf[len] = '\0';
    return buf;
}

/* --- drawing (nothing in a dry run) --- */

static void text_at(pdf_doc *d, HPDF_Font font, double size, double x, double y, const char *s, rgb c)
{
    if (d->dry || !d->page || !s || !*s)
        return;
    fill(d, c);
    HPDF_Page_BeginText(d->page);
    HPDF_Page_SetFontAndSize(d->page, font, (HPDF_REAL)size);
    HPDF_Page_TextOut(d->page, (HPDF_REAL)x, (HPDF_REAL)y, s);
    HPDF_Page_EndText(d->page);
}

/* align: 0 left of x, 1 right-aligned to x, 2 centred on x */
static void text_aligned(pdf_doc *d, HPDF_Font font, double size, double x, double y, const char *s,
                         int align, rgb c)
{
    double w = text_width(font, size, s);
    text_at(d, font, size, align == 1 ? x - w : align == 2 ? x - w / 2 : x, y, s, c);
}

static void line(pdf_doc *d, double x1, double y1, double x2, double y2, double width, rgb c)
{
    if (d->dry || !d->page)
        return;
    stroke(d, c);
    HPDF_Page_SetLineWidth(d->page, (HPDF_REAL)width);
    HPDF_Page_MoveTo(d->page, (HPDF_REAL)x1, (HPDF_REAL)y1);
    HPDF_Page_LineTo(d->page, (HPDF_REAL)x2, (HPDF_REAL)y2);
    HPDF_Page_Stroke(d->page);
}

static void rect_fill(pdf_doc *d, double x, double y, double w, double h, rgb c)
{
    if (d->dry || !d->page)
        return;
    fill(d, c);
    HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Fill(d->page);
}

static void dot(pdf_doc *d, double x, double y, double r, rgb c)
{
    if (d->dry || !d->page)
        return;
    fill(d, c);
    HPDF_Page_Circle(d->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)r);
    HPDF_Page_Fill(d->page);
}

/*
 * 1 if path starts like a TrueType font whose table directory lies inside the
 * file. libharu 2.3 reads past the end of a short or foreign file (and
 * crashes) instead of reporting an error.
 */
static int truetype_plausible(const char *path)
{
    unsigned char head[12], entry[16];
    int ok = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        rewind(f);
        if (size >= 12 && fread(head, 1, 12, f) == 12 &&
            (memcmp(head, "\0\1\0\0", 4) == 0 || memcmp(head, "true", 4) == 0)) {
            unsigned tables = (unsigned)head[4] << 8 | head[5];
            ok = tables > 0 && 12 + 16L * tables <= size;
            for (unsigned i = 0; ok && i < tables; i++) {
                if (fread(entry, 1, 16, f) != 16) {
                    ok = 0;
                    break;
                }
                unsigned long off = (unsigned long)entry[8] << 24 | (unsigned long)entry[9] << 16 |
                                    (unsigned long)entry[10] << 8 | entry[11];
                unsigned long len = (unsigned long)entry[12] << 24 | (unsigned long)entry[13] << 16 |
                                    (unsigned long)entry[14] << 8 | entry[15];
                ok = off <= (unsigned long)size && len <= (unsigned long)size - off;
            }
        }
    }
    fclose(f);
    return ok;
}

pdf_doc *pdf_doc_new(const rdoc *model)
{
    pdf_doc *d = calloc(1, sizeof *d);
    if (!d) {
        diag_error(NULL, 0, NULL, _("out of memory"));
        return NULL;
    }
    d->lang = model->lang;
    d->header = strdup(model->header ? model->header : "");
    d->footer = strdup(model->footer ? model->footer : "");
    const char *env = getenv("DURCHBLICK_FONT_DIR");
    const char *dir = env && *env ? env : PDF_FONT_DIR;
    char fonts[2][4096];
    snprintf(fonts[0], sizeof fonts[0], "%s/%s", dir, PDF_FONT_REGULAR);
    snprintf(fonts[1], sizeof fonts[1], "%s/%s", dir, PDF_FONT_BOLD);
    for (int i = 0; i < 2; i++) {
        if (access(fonts[i], R_OK) != 0) {
            diag_error(fonts[i], 0, NULL, _("cannot read font: %s (install fonts-dejavu-core%s)"),
                       strerror(errno), dir == env ? _(", or correct DURCHBLICK_FONT_DIR") : "");
            goto fail;
        }
        if (!truetype_plausible(fonts[i])) {
            diag_error(fonts[i], 0, NULL, _("cannot load font: not a usable truetype font"));
            goto fail;
        }
    }
    d->pdf = HPDF_New(on_error, d);
    if (!d->pdf || !d->header || !d->footer) {
        diag_error(NULL, 0, NULL, _("out of memory"));
        goto fail;
    }
    HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(d->pdf);
    HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
    const char *r = HPDF_LoadTTFontFromFile(d->pdf, fonts[0], HPDF_TRUE);
    const char *b = HPDF_LoadTTFontFromFile(d->pdf, fonts[1], HPDF_TRUE);
    if (r)
        d->regular = HPDF_GetFont(d->pdf, r, "UTF-8");
    if (b)
        d->bold = HPDF_GetFont(d->pdf, b, "UTF-8");
    if (!d->regular || !d->bold || d->error) {
        diag_error(!d->regular ? fonts[0] : fonts[1], 0, NULL,
                   _("cannot load font: not a usable truetype font (libharu error 0x%04x)"),
                   (unsigned)d->error);
        goto fail;
    }
    /* Dates from the data status, never the clock: the same data give the same bytes. */
    time_t t = (time_t)model->created;
    struct tm tm;
    gmtime_r(&t, &tm);
    HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0};
    HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, date);
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, "durchblick " DURCHBLICK_VERSION);
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, model->title ? model->title : "");
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_SUBJECT, model->region ? model->region : "");
    return d;
fail:
    pdf_doc_free(d);
    return NULL;
}


void pdf_doc_free(pdf_doc *d)
{
    if (!d)
        return;
    if (d->pdf)
        HPDF_Free(d->pdf);
    free(d->pages);
    free(d->cover);
    free(d->fill);
    free(d->raise);
    free(d->header);
    free(d->footer);
    free(d);
}

/* --- pages and runs --- */

void pdf_doc_begin(pdf_doc *d, int dry)
{
    d->dry = dry;
    d->n_pages = 0;
    d->page = NULL;
    d->y = TOP;
}

size_t pdf_doc_pages(const pdf_doc *d)
{
    return d->n_pages;
}

double pdf_doc_page_height(const pdf_doc *d)
{
    (void)d;
    return CONTENT_H;
}

double pdf_doc_page_fill(const pdf_doc *d, size_t i)
{
    if (i >= d->n_pages || !d->fill)
        return 0;
    double used = (TOP - d->fill[i]) / CONTENT_H;
    return used < 0 ? 0 : used > 1 ? 1 : used;
}

double pdf_doc_raise(const pdf_doc *d, size_t i)
{
    return i < d->cap_raise ? d->raise[i] : 0;
}

void pdf_doc_set_raise(pdf_doc *d, size_t i, double points)
{
    if (i >= d->cap_raise) {
        size_t ncap = i + 16;
        double *nr = realloc(d->raise, ncap * sizeof *nr);
        if (!nr) {
            d->error = HPDF_FAILD_TO_ALLOC_MEM;
            return;
        }
        for (size_t k = d->cap_raise; k < ncap; k++)
            nr[k] = 0;
        d->raise = nr;
        d->cap_raise = ncap;
    }
    d->raise[i] = points;
}

/* The lowest the cursor may go on the current page. */
static double bottom(const pdf_doc *d)
{
    return MARGIN_B + (d->n_pages ? pdf_doc_raise(d, d->n_pages - 1) : 0);
}

/* 1 if nothing has been placed on the current page yet. */
static int at_top(const pdf_doc *d)
{
    return d->n_pages > 0 && d->y >= TOP - 0.5;
}

/* Notes how far down the current page is filled. */
static void mark_fill(pdf_doc *d)
{
    if (d->n_pages && d->fill && d->y < d->fill[d->n_pages - 1])
        d->fill[d->n_pages - 1] = d->y;
}

void pdf_doc_add_page(pdf_doc *d, int cover)
{
    mark_fill(d);
    if (d->n_pages == d->cap_fill) {
        size_t ncap = d->cap_fill ? d->cap_fill * 2 : 16;
        double *nf = realloc(d->fill, ncap * sizeof *nf);
        if (!nf) {
            d->error = HPDF_FAILD_TO_ALLOC_MEM;
            return;
        }
        d->fill = nf;
        d->cap_fill = ncap;
    }
    d->fill[d->n_pages++] = TOP;
    d->y = TOP;
    if (d->dry) {
        d->page = NULL;
        return;
    }
    if (d->n_real == d->cap_real) {
        size_t ncap = d->cap_real ? d->cap_real * 2 : 16;
        HPDF_Page *np = realloc(d->pages, ncap * sizeof *np);
        unsigned char *nc = np ? realloc(d->cover, ncap) : NULL;
        if (np)
            d->pages = np;
        if (!np || !nc) {
            d->error = HPDF_FAILD_TO_ALLOC_MEM;
            return;
        }
        d->cover = nc;
        d->cap_real = ncap;
    }
    d->page = HPDF_AddPage(d->pdf);
    if (!d->page)
        return;
    HPDF_Page_SetSize(d->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    d->pages[d->n_real] = d->page;
    d->cover[d->n_real] = (unsigned char)cover;
    d->n_real++;
}

void pdf_doc_need(pdf_doc *d, double height)
{
    if (d->n_pages == 0 || (!at_top(d) && d->y - height < bottom(d)))
        pdf_doc_add_page(d, 0);
}

void pdf_doc_skip(pdf_doc *d, double points)
{
    d->y -= points;
    mark_fill(d);
}

/* --- headings and paragraphs --- */

#define H1_SIZE 15.0
#define H2_SIZE 10.5
#define P_SIZE 9.5
#define NOTE_SIZE 7.5

static double heading_gap(int level) { return level == 1 ? 14 : 8; }

double pdf_doc_heading_height(pdf_doc *d, const char *text, int level)
{
    layout_line lines[MAX_LINES];
    double size = level == 1 ? H1_SIZE : H2_SIZE;
    size_t n = wrap(d->bold, size, text, CONTENT_W, lines);
    return heading_gap(level) + n * size * 1.3 + (level == 1 ? 13 : 3);
}

void pdf_doc_heading(pdf_doc *d, const char *text, int level, double keep)
{
    layout_line lines[MAX_LINES];
    char buf[LINE_BYTES];
    double size = level == 1 ? H1_SIZE : H2_SIZE, lead = size * 1.3;
    size_t n = wrap(d->bold, size, text, CONTENT_W, lines);
    double h = pdf_doc_heading_height(d, text, level);
    /* a heading stays with what it heads: keep, as far as a page can hold it */
    if (keep > CONTENT_H - h)
        keep = CONTENT_H - h;
    pdf_doc_need(d, h + keep);
    if (!at_top(d))
        d->y -= heading_gap(level);
    for (size_t i = 0; i < n; i++) {
        d->y -= lead;
        text_at(d, d->bold, size, MARGIN_L, d->y + 3, line_text(text, &lines[i], buf), level == 1 ? ACCENT : INK);
    }
    if (level == 1) {
        line(d, MARGIN_L, d->y - 3, PAGE_W - MARGIN_R, d->y - 3, 0.6, ACCENT);
        d->y -= 10;
    } else {
        d->y -= 3;
    }
    mark_fill(d);
}

double pdf_doc_paragraph_height(pdf_doc *d, const char *text, int small, size_t max_lines)
{
    layout_line lines[MAX_LINES];
    double size = small ? NOTE_SIZE : P_SIZE;
    size_t n = wrap(d->regular, size, text, CONTENT_W, lines);
    if (n > max_lines)
        return max_lines * size * 1.4;
    return n * size * 1.4 + (small ? 4 : 6);
}

void pdf_doc_paragraph(pdf_doc *d, const char *text, int small)
{
    layout_line lines[MAX_LINES];
    char buf[LINE_BYTES];
    double size = small ? NOTE_SIZE : P_SIZE, lead = size * 1.4;
    size_t n = wrap(d->regular, size, text, CONTENT_W, lines);
    size_t i = 0;
    while (i < n) {
        size_t rest = n - i, fit = d->y - bottom(d) > 0 ? (size_t)((d->y - bottom(d)) / lead) : 0;
        size_t k = rest;
        if (fit < rest) {
            /* two lines at least on each side of a page break; three or fewer move whole */
            k = rest <= 3 ? 0 : fit < rest - 2 ? fit : rest - 2;
            if (k < 2)
                k = 0;
            if (k == 0 && at_top(d))
                k = fit > 0 ? (fit < rest ? fit : rest) : 1;
        }
        if (k == 0 || d->n_pages == 0) {
            pdf_doc_add_page(d, 0);
            continue;
        }
        for (size_t j = 0; j < k; j++, i++) {
            d->y -= lead;
            text_at(d, d->regular, size, MARGIN_L, d->y + 2, line_text(text, &lines[i], buf), small ? MUTED : INK);
        }
        mark_fill(d);
        if (i < n)
            pdf_doc_add_page(d, 0);
    }
    d->y -= small ? 4 : 6;
}

/* --- tables --- */

#define T_SIZE 8.2      /* the table font, smaller only where the columns would not fit */
#define T_SIZE_MIN 6.2
#define T_PADX 3.5
#define T_PADY 3.0
#define T_NOTE_SIZE 7.0
#define T_MAX_COLS 32
#define T_MAX_LINES 3   /* a cell's text takes three lines at most (else the table's font gets smaller) */

static int is_numeric(rcell_kind k) { return k != RCELL_TEXT && k != RCELL_DATE; }

/* Everything the layout of one table needs, computed once. */
typedef struct {
    double size, head_size, lead, head_lead;
    double x[T_MAX_COLS], w[T_MAX_COLS];
    double cap_h, head_h, note_h;
    double *row_h;
    char note[LINE_BYTES]; /* the signs the cells use, explained */
} table_geom;

static HPDF_Font row_font(const pdf_doc *d, const rtable *t, size_t r)
{
    return (t->flags[r] & RROW_TOTAL) ? d->bold : d->regular;
}

/* The smallest width (from lo up) at which text wraps to at most k lines. */
static double k_line_width(HPDF_Font font, double size, const char *text, double lo, size_t k)
{
    layout_line lines[MAX_LINES];
    double hi = text_width(font, size, text);
    if (hi <= lo || wrap(font, size, text, lo, lines) <= k)
        return hi < lo ? hi : lo;
    for (int i = 0; i < 14; i++) {
        double mid = (lo + hi) / 2;
        if (wrap(font, size, text, mid, lines) <= k)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

/*
 * Column widths in font size: every column at least its longest word and as
 * wide as its texts need to take three lines at most (text), or its widest
 * figure (numbers, which never wrap); then as wide as its texts without
 * wrapping where there is room. Returns -1 if the minima do not fit.
 */
static int column_widths(pdf_doc *d, const rtable *t, double size, double *w)
{
    layout_col cols[T_MAX_COLS];
    char buf[LINE_BYTES];
    double head = size * (7.6 / 8.2), pad = 2 * T_PADX + 1;
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *h = t->cols[c].header;
        double hmin = longest_piece(d->bold, head, h);
        double hpref = k_line_width(d->bold, head, h, hmin, 2);
        double cmin = 0, cpref = 0;
        for (size_t r = 0; r < t->n_rows; r++) {
            const rcell *cell = &t->cells[r * t->n_cols + c];
            rcell_format(cell, buf, sizeof buf, d->lang);
            HPDF_Font f = row_font(d, t, r);
            double full = text_width(f, size, buf);
            /* a figure never wraps; a text wraps between its words, to three lines at most */
            double piece = is_numeric(cell->kind) || (cell->kind == RCELL_TEXT && is_numeric(t->cols[c].kind))
                               ? full
                               : k_line_width(f, size, buf, longest_piece(f, size, buf), T_MAX_LINES);
            if (piece > cmin)
                cmin = piece;
            if (full > cpref)
                cpref = full;
        }
        cols[c].min = (hmin > cmin ? hmin : cmin) + pad;
        cols[c].pref = (hpref > cpref ? hpref : cpref) + pad;
        if (cols[c].pref < cols[c].min)
            cols[c].pref = cols[c].min;
        cols[c].weight = t->cols[c].width;
    }
    return layout_columns(cols, t->n_cols, CONTENT_W, w);
}

static void table_geom_free(table_geom *g)
{
    free(g->row_h);
    g->row_h = NULL;
}

/* Lays out t: font size, columns, row heights and the note of signs. Returns 0 or -1 (no memory). */
static int table_geom_make(pdf_doc *d, const rtable *t, table_geom *g)
{
    layout_line lines[MAX_LINES];
    char buf[LINE_BYTES];
    memset(g, 0, sizeof *g);
    g->size = T_SIZE;
    while (column_widths(d, t, g->size, g->w) != 0 && g->size > T_SIZE_MIN + 1e-9)
        g->size -= 0.4;
    g->head_size = g->size * (7.6 / 8.2);
    g->lead = g->size * 1.28;
    g->head_lead = g->head_size * 1.25;
    double at = MARGIN_L;
    for (size_t c = 0; c < t->n_cols; c++) {
        g->x[c] = at;
        at += g->w[c];
    }
    g->cap_h = t->caption ? 9.0 * 1.5 : 0;
    size_t most = 1;
    for (size_t c = 0; c < t->n_cols; c++) {
        size_t n = wrap(d->bold, g->head_size, t->cols[c].header, g->w[c] - 2 * T_PADX, lines);
        if (n > most)
            most = n;
    }
    g->head_h = most * g->head_lead + 2 * T_PADY + 1;
    g->row_h = malloc((t->n_rows ? t->n_rows : 1) * sizeof *g->row_h);
    if (!g->row_h)
        return -1;
    for (size_t r = 0; r < t->n_rows; r++) {
        size_t rows = 1;
        for (size_t c = 0; c < t->n_cols; c++) {
            rcell_format(&t->cells[r * t->n_cols + c], buf, sizeof buf, d->lang);
            size_t n = wrap(row_font(d, t, r), g->size, buf, g->w[c] - 2 * T_PADX, lines);
            if (n > rows)
                rows = n;
        }
        g->row_h[r] = rows * g->lead + 2 * T_PADY;
    }
    rsigns_legend(rtable_signs(t), d->lang, g->note, sizeof g->note);
    g->note_h = 4;
    if (g->note[0])
        g->note_h += wrap(d->regular, T_NOTE_SIZE, g->note, CONTENT_W, lines) * T_NOTE_SIZE * 1.3 + 4;
    g->note_h += 10;
    return 0;
}

double pdf_doc_table_start_height(pdf_doc *d, const rtable *t, double tail)
{
    table_geom g;
    if (t->n_cols == 0 || t->n_cols > T_MAX_COLS || table_geom_make(d, t, &g) != 0)
        return 0;
    double h = g.cap_h + 2 + g.head_h + layout_rows_start_height(g.row_h, t->n_rows, g.note_h + tail);
    table_geom_free(&g);
    return h;
}

static void draw_header(pdf_doc *d, const rtable *t, const table_geom *g)
{
    layout_line lines[MAX_LINES];
    char buf[LINE_BYTES];
    double h = g->head_h;
    rect_fill(d, MARGIN_L, d->y - h, CONTENT_W, h, HEAD_FILL);
    line(d, MARGIN_L, d->y, PAGE_W - MARGIN_R, d->y, 0.9, RULE);
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *text = t->cols[c].header;
        size_t n = wrap(d->bold, g->head_size, text, g->w[c] - 2 * T_PADX, lines);
        /* heads sit on the rule below them, like the figures they head */
        double base = d->y - h + T_PADY + 1.5 + (n - 1) * g->head_lead;
        int right = is_numeric(t->cols[c].kind);
        for (size_t i = 0; i < n; i++)
            text_aligned(d, d->bold, g->head_size, right ? g->x[c] + g->w[c] - T_PADX : g->x[c] + T_PADX,
                         base - i * g->head_lead, line_text(text, &lines[i], buf), right, INK);
    }
    d->y -= h;
    line(d, MARGIN_L, d->y, PAGE_W - MARGIN_R, d->y, 0.5, RULE);
}

static void draw_caption(pdf_doc *d, const rtable *t, const table_geom *g, int continued)
{
    char cont[LINE_BYTES];
    if (t->caption) {
        if (continued)
            snprintf(cont, sizeof cont, "%s (%s)", t->caption, label(d->lang, L_CONTINUED));
        d->y -= g->cap_h;
        text_at(d, d->bold, 9.0, MARGIN_L, d->y + 3, continued ? cont : t->caption, INK);
    }
    d->y -= 2;
}

static void draw_row(pdf_doc *d, const rtable *t, const table_geom *g, size_t r)
{
    layout_line lines[MAX_LINES];
    char text[LINE_BYTES], buf[LINE_BYTES];
    HPDF_Font font = row_font(d, t, r);
    if (t->flags[r] & RROW_TOTAL)
        line(d, MARGIN_L, d->y, PAGE_W - MARGIN_R, d->y, 0.5, RULE);
    for (size_t c = 0; c < t->n_cols; c++) {
        const rcell *cell = &t->cells[r * t->n_cols + c];
        rcell_format(cell, text, sizeof text, d->lang);
        size_t n = wrap(font, g->size, text, g->w[c] - 2 * T_PADX, lines);
        int right = is_numeric(cell->kind) || (cell->kind == RCELL_TEXT && is_numeric(t->cols[c].kind));
        for (size_t i = 0; i < n; i++)
            text_aligned(d, font, g->size, right ? g->x[c] + g->w[c] - T_PADX : g->x[c] + T_PADX,
                         d->y - T_PADY - (i + 1) * g->lead + 2.2, line_text(text, &lines[i], buf), right, INK);
    }
    d->y -= g->row_h[r];
    if (r + 1 < t->n_rows && !(t->flags[r + 1] & RROW_TOTAL))
        line(d, MARGIN_L, d->y, PAGE_W - MARGIN_R, d->y, 0.25, HAIR);
}

void pdf_doc_table(pdf_doc *d, const rtable *t, double tail)
{
    layout_line lines[MAX_LINES];
    char buf[LINE_BYTES];
    table_geom g;
    if (t->n_cols == 0 || t->n_cols > T_MAX_COLS)
        return;
    if (table_geom_make(d, t, &g) != 0) {
        d->error = HPDF_FAILD_TO_ALLOC_MEM;
        return;
    }
    double keep = g.cap_h + 2 + g.head_h + layout_rows_start_height(g.row_h, t->n_rows, g.note_h + tail);
    pdf_doc_need(d, keep > CONTENT_H ? CONTENT_H : keep);
    size_t r = 0;
    int continued = 0;
    do {
        double avail = d->y - bottom(d) - g.cap_h - 2 - g.head_h;
        size_t k = t->n_rows ? layout_rows_here(g.row_h, r, t->n_rows, avail, g.note_h + tail, at_top(d)) : 0;
        if (t->n_rows && k == 0) {
            pdf_doc_add_page(d, 0);
            continue;
        }
        draw_caption(d, t, &g, continued);
        draw_header(d, t, &g);
        for (size_t i = 0; i < k; i++)
            draw_row(d, t, &g, r++);
        line(d, MARGIN_L, d->y, PAGE_W - MARGIN_R, d->y, 0.9, RULE);
        mark_fill(d);
        if (r < t->n_rows) {
            pdf_doc_add_page(d, 0);
            continued = 1;
        }
    } while (r < t->n_rows);
    d->y -= 4;
    if (g.note[0]) {
        size_t n = wrap(d->regular, T_NOTE_SIZE, g.note, CONTENT_W, lines);
        d->y -= 4;
        for (size_t i = 0; i < n; i++) {
            d->y -= T_NOTE_SIZE * 1.3;
            text_at(d, d->regular, T_NOTE_SIZE, MARGIN_L, d->y + 2, line_text(g.note, &lines[i], buf), MUTED);
        }
        mark_fill(d);
    }
    d->y -= 10;
    table_geom_free(&g);
}

/* --- charts --- */

#define C_LABEL_SIZE 7.8
#define C_MAX_ROWS 256

static void axis_label(pdf_doc *d, double v, int percent, int decimals, char *buf, size_t size)
{
    if (percent)
        format_percent(buf, size, v, decimals, d->lang);
    else
        format_number(buf, size, v, decimals, d->lang);
}

static const rcell *chart_cell(const rtable *t, size_t r, long col)
{
    return col < 0 ? NULL : &t->cells[r * t->n_cols + (size_t)col];
}

static void chart_title(pdf_doc *d, const rchart *c)
{
    d->y -= 14;
    text_at(d, d->bold, 9.0, MARGIN_L, d->y, c->title, INK);
    d->y -= 6;
}

/* The largest value or bound a chart draws. */
static double chart_max(const rchart *c)
{
    const rtable *t = c->table;
    double max = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        if (c->kind == RCHART_BAR && (t->flags[r] & RROW_TOTAL))
            continue;
        for (size_t s = 0; s < c->n_vals; s++) {
            const rcell *v = chart_cell(t, r, (long)c->val_cols[s]);
            if (v->state == RCELL_SHOWN && v->value > max)
                max = v->value;
        }
        const rcell *hi = chart_cell(t, r, c->hi_col);
        const rcell *v = chart_cell(t, r, (long)c->val_cols[0]);
        /* a whisker is drawn only beside a shown value */
        if (hi && hi->state == RCELL_SHOWN && v->state == RCELL_SHOWN && hi->value > max)
            max = hi->value;
    }
    return max;
}

typedef struct {
    size_t rows[C_MAX_ROWS], n;
    double row_h[C_MAX_ROWS], total_h, label_w, label_size;
    int ci;
} bar_geom;

static void bar_geom_make(pdf_doc *d, const rchart *c, bar_geom *g)
{
    layout_line lines[MAX_LINES];
    const rtable *t = c->table;
    g->n = 0;
    for (size_t r = 0; r < t->n_rows && g->n < C_MAX_ROWS; r++)
        if (!(t->flags[r] & RROW_TOTAL))
            g->rows[g->n++] = r;
    g->label_size = C_LABEL_SIZE;
    double widest = 0, piece = 0;
    for (size_t i = 0; i < g->n; i++) {
        const char *s = chart_cell(t, g->rows[i], (long)c->cat_col)->text;
        double w = text_width(d->regular, g->label_size, s), p = longest_piece(d->regular, g->label_size, s);
        widest = w > widest ? w : widest;
        piece = p > piece ? p : piece;
    }
    /* as wide as the labels, at most 40 % of the width, never narrower than a word */
    double lw = widest < CONTENT_W * 0.4 ? widest : CONTENT_W * 0.4;
    g->label_w = (lw > piece ? lw : piece) + 8;
    g->total_h = 0;
    for (size_t i = 0; i < g->n; i++) {
        size_t k = wrap(d->regular, g->label_size, chart_cell(t, g->rows[i], (long)c->cat_col)->text,
                        g->label_w - 6, lines);
        g->row_h[i] = k * 9.2 + 5 > 15.0 ? k * 9.2 + 5 : 15.0;
        g->total_h += g->row_h[i];
    }
    /* a chart never runs past a page: rows get lower where it would */
    double room = CONTENT_H - 90;
    if (g->total_h > room)
        for (size_t i = 0; i < g->n; i++)
            g->row_h[i] *= room / g->total_h;
    if (g->total_h > room)
        g->total_h = room;
    g->ci = c->lo_col >= 0 && c->hi_col >= 0;
}

static double bar_height(const bar_geom *g, const rchart *c)
{
    return 20 + 4 + g->total_h + 12 + (c->x_title ? 9 : 0) + (g->ci ? 12 : 0) + 14;
}

double pdf_doc_chart_height(pdf_doc *d, const rchart *c)
{
    if (!rchart_drawable(c))
        return 0;
    if (c->kind == RCHART_LINE)
        return 20 + 14 + 150 + 24 + (c->x_title ? 12 : 0) + 16;
    bar_geom g;
    bar_geom_make(d, c, &g);
    return g.n ? bar_height(&g, c) : 0;
}

/* The legend item of a whisker: |--| and its meaning. */
static void ci_legend(pdf_doc *d, double x, double y)
{
    line(d, x, y + 2.5, x + 12, y + 2.5, 0.7, INK);
    line(d, x, y - 0.5, x, y + 5.5, 0.7, INK);
    line(d, x + 12, y - 0.5, x + 12, y + 5.5, 0.7, INK);
    text_at(d, d->regular, 7.4, x + 17, y, label(d->lang, L_CH_CI_LEGEND), INK);
}

static void bar_chart(pdf_doc *d, const rchart *c, double tail)
{
    layout_line lines[MAX_LINES];
    char buf[LINE_BYTES];
    const rtable *t = c->table;
    bar_geom g;
    bar_geom_make(d, c, &g);
    if (g.n == 0)
        return;
    double top, step;
    layout_axis(chart_max(c), c->percent, &top, &step);
    int decimals = layout_axis_decimals(step, c->percent);
    double h = bar_height(&g, c);
    pdf_doc_need(d, h + tail > CONTENT_H ? h : h + tail);
    chart_title(d, c);
    double x0 = MARGIN_L + g.label_w, pw = CONTENT_W - g.label_w - 52, y_top = d->y - 4;
    double y_bottom = y_top - g.total_h;
    /* grid and axis */
    for (int i = 0; i * step <= top + step * 1e-6; i++) {
        double v = i * step, x = x0 + pw * v / top;
        line(d, x, y_top, x, y_bottom, 0.3, HAIR);
        axis_label(d, v, c->percent, decimals, buf, sizeof buf);
        text_aligned(d, d->regular, 7.0, x, y_bottom - 9, buf, 2, MUTED);
    }
    line(d, x0, y_top, x0, y_bottom, 0.6, RULE);
    double y = y_top;
    for (size_t i = 0; i < g.n; i++) {
        const rcell *cat = chart_cell(t, g.rows[i], (long)c->cat_col);
        const rcell *v = chart_cell(t, g.rows[i], (long)c->val_cols[0]);
        const rcell *lo = chart_cell(t, g.rows[i], c->lo_col), *hi = chart_cell(t, g.rows[i], c->hi_col);
        double mid = y - g.row_h[i] / 2;
        size_t k = wrap(d->regular, g.label_size, cat->text, g.label_w - 6, lines);
        for (size_t j = 0; j < k; j++)
            text_aligned(d, d->regular, g.label_size, x0 - 5, mid + (k - 1) * 4.6 - j * 9.2 - 2.7,
                         line_text(cat->text, &lines[j], buf), 1, INK);
        double end = x0;
        if (v->state == RCELL_SHOWN) {
            double bw = pw * fmin(v->value, top) / top;
            rect_fill(d, x0, mid - 4.2, bw, fmin(8.4, g.row_h[i] - 3), ACCENT);
            end = x0 + bw;
            if (lo && hi && lo->state == RCELL_SHOWN && hi->state == RCELL_SHOWN) {
                double xl = x0 + pw * fmin(lo->value, top) / top, xh = x0 + pw * fmin(hi->value, top) / top;
                line(d, xl, mid, xh, mid, 0.8, INK);
                line(d, xl, mid - 3, xl, mid + 3, 0.8, INK);
                line(d, xh, mid - 3, xh, mid + 3, 0.8, INK);
                end = fmax(end, xh);
            }
        }
        rcell_format(v, buf, sizeof buf, d->lang);
        text_at(d, v->state == RCELL_SHOWN ? d->regular : d->bold, 7.4, end + 4, mid - 2.6, buf, INK);
        y -= g.row_h[i];
    }
    d->y = y_bottom - 12;
    if (c->x_title) {
        d->y -= 9;
        text_aligned(d, d->regular, 7.4, x0 + pw / 2, d->y, c->x_title, 2, MUTED);
    }
    if (g.ci) {
        d->y -= 12;
        ci_legend(d, x0, d->y);
    }
    d->y -= 14;
    mark_fill(d);
}

static void line_chart(pdf_doc *d, const rchart *c, double tail)
{
    char buf[LINE_BYTES];
    const rtable *t = c->table;
    size_t n = t->n_rows;
    if (n == 0)
        return;
    double top, step;
    layout_axis(chart_max(c), c->percent, &top, &step);
    int decimals = layout_axis_decimals(step, c->percent);
    const double plot_h = 150;
    double h = pdf_doc_chart_height(d, c);
    pdf_doc_need(d, h + tail > CONTENT_H ? h : h + tail);
    chart_title(d, c);
    double x0 = MARGIN_L + 40, pw = CONTENT_W - 48, y_top = d->y - 14, y0 = y_top - plot_h;
    if (c->y_title)
        text_at(d, d->regular, 7.2, MARGIN_L, y_top + 9, c->y_title, MUTED);
    for (int i = 0; i * step <= top + step * 1e-6; i++) {
        double v = i * step, yy = y0 + plot_h * v / top;
        line(d, x0, yy, x0 + pw, yy, 0.3, HAIR);
        axis_label(d, v, c->percent, decimals, buf, sizeof buf);
        text_aligned(d, d->regular, 7.0, x0 - 4, yy - 2.5, buf, 1, MUTED);
    }
    line(d, x0, y0, x0 + pw, y0, 0.6, RULE);
    size_t every = n > 12 ? (n + 11) / 12 : 1;
    for (size_t r = 0; r < n; r++) {
        double x = x0 + pw * (r + 0.5) / n;
        line(d, x, y0, x, y0 - 3, 0.5, RULE);
        if (r % every == 0)
            text_aligned(d, d->regular, 7.0, x, y0 - 11, chart_cell(t, r, (long)c->cat_col)->text, 2, INK);
    }
    for (size_t s = 0; s < c->n_vals; s++) {
        rgb col = SERIES[s % 3];
        int have_prev = 0;
        double px = 0, py = 0;
        for (size_t r = 0; r < n; r++) {
            const rcell *v = chart_cell(t, r, (long)c->val_cols[s]);
            double x = x0 + pw * (r + 0.5) / n;
            if (v->state != RCELL_SHOWN) {
                /* a withheld or undefined point is a gap, marked on the axis */
                text_aligned(d, d->bold, 7.5, x, y0 + 3 + 8 * s,
                             v->state == RCELL_WITHHELD ? FORMAT_SIGN_WITHHELD : FORMAT_SIGN_UNDEFINED, 2, col);
                have_prev = 0;
                continue;
            }
            double yy = y0 + plot_h * fmin(v->value, top) / top;
            if (s == 0 && c->lo_col >= 0) {
                const rcell *lo = chart_cell(t, r, c->lo_col), *hi = chart_cell(t, r, c->hi_col);
                if (lo->state == RCELL_SHOWN && hi->state == RCELL_SHOWN) {
                    double yl = y0 + plot_h * lo->value / top, yh = y0 + plot_h * fmin(hi->value, top) / top;
                    line(d, x, yl, x, yh, 0.7, MUTED);
                    line(d, x - 2.5, yl, x + 2.5, yl, 0.7, MUTED);
                    line(d, x - 2.5, yh, x + 2.5, yh, 0.7, MUTED);
                }
            }
            if (have_prev)
                line(d, px, py, x, yy, 1.4, col);
            dot(d, x, yy, 2.4, col);
            px = x;
            py = yy;
            have_prev = 1;
        }
    }
    double y = y0 - 24;
    if (c->x_title) {
        text_aligned(d, d->regular, 7.4, x0 + pw / 2, y, c->x_title, 2, MUTED);
        y -= 12;
    }
    /* legend */
    double lx = x0;
    for (size_t s = 0; s < c->n_vals; s++) {
        const char *name = t->cols[c->val_cols[s]].header;
        line(d, lx, y + 2.5, lx + 14, y + 2.5, 1.6, SERIES[s % 3]);
        text_at(d, d->regular, 7.4, lx + 18, y, name, INK);
        lx += 30 + text_width(d->regular, 7.4, name);
    }
    if (c->lo_col >= 0)
        ci_legend(d, lx + 6, y);
    d->y = y - 16;
    mark_fill(d);
}

void pdf_doc_chart(pdf_doc *d, const rchart *c, double tail)
{
    if (!rchart_drawable(c))
        return; /* withheld values only: the table above says so */
    if (c->kind == RCHART_LINE)
        line_chart(d, c, tail);
    else
        bar_chart(d, c, tail);
}

void pdf_doc_cover(pdf_doc *d, const rdoc *m)
{
    double y = PAGE_H - 96;
    rect_fill(d, 0, PAGE_H - 18, PAGE_W, 18, ACCENT);
    text_at(d, d->regular, 10, MARGIN_L, y, m->programme, MUTED);
    y -= 86;
    text_at(d, d->bold, 30, MARGIN_L, y, m->title, ACCENT);
    y -= 24;
    text_at(d, d->regular, 12, MARGIN_L, y, m->subtitle, INK);
    y -= 46;
    text_at(d, d->bold, 18, MARGIN_L, y, m->region, INK);
    y -= 24;
    text_at(d, d->regular, 14, MARGIN_L, y, m->period, INK);
    y -= 40;
    line(d, MARGIN_L, y, PAGE_W - MARGIN_R, y, 0.6, ACCENT);
    d->y = y - 14;
    if (m->cover) {
        text_at(d, d->bold, 9.5, MARGIN_L, d->y, label(m->lang, L_DATA_STATUS), INK);
        d->y -= 6;
        /* a narrow key-value table, left aligned */
        const rtable *t = m->cover;
        char text[LINE_BYTES];
        for (size_t r = 0; r < t->n_rows; r++) {
            d->y -= 15;
            text_at(d, d->regular, 9, MARGIN_L, d->y, t->cells[r * 2].text, MUTED);
            rcell_format(&t->cells[r * 2 + 1], text, sizeof text, m->lang);
            int num = t->cells[r * 2 + 1].kind != RCELL_TEXT;
            text_aligned(d, d->regular, 9, num ? MARGIN_L + 250 : MARGIN_L + 150, d->y, text, num, INK);
        }
    }
    mark_fill(d);
}

void pdf_doc_title_block(pdf_doc *d, const rdoc *m)
{
    char buf[512];
    text_at(d, d->regular, 9, MARGIN_L, d->y, m->programme, MUTED);
    d->y -= 30;
    text_at(d, d->bold, 22, MARGIN_L, d->y, m->title, ACCENT);
    d->y -= 20;
    snprintf(buf, sizeof buf, "%s \xc2\xb7 %s", m->region, m->period);
    text_at(d, d->bold, 12, MARGIN_L, d->y, buf, INK);
    d->y -= 15;
    text_at(d, d->regular, 9.5, MARGIN_L, d->y, m->subtitle, MUTED);
    d->y -= 14;
    if (m->cover) {
        const rtable *t = m->cover;
        char text[LINE_BYTES];
        int column = 0; /* two columns of key-value pairs; a value too wide for its half takes the row */
        double key_w = 105; /* the values start after the longest key, with a gap */
        for (size_t r = 0; r < t->n_rows; r++) {
            double w = text_width(d->regular, 7.8, t->cells[r * 2].text) + 8;
            key_w = w > key_w ? w : key_w;
        }
        for (size_t r = 0; r < t->n_rows; r++) {
            rcell_format(&t->cells[r * 2 + 1], text, sizeof text, m->lang);
            int wide = key_w + text_width(d->regular, 7.8, text) > CONTENT_W / 2 - 8;
            if (column == 1 && wide)
                column = 0;
            double x = column ? MARGIN_L + CONTENT_W / 2 : MARGIN_L;
            if (column == 0)
                d->y -= 12;
            text_at(d, d->regular, 7.8, x, d->y, t->cells[r * 2].text, MUTED);
            text_at(d, d->regular, 7.8, x + key_w, d->y, text, INK);
            column = wide ? 0 : !column;
        }
    }
    d->y -= 8;
    line(d, MARGIN_L, d->y, PAGE_W - MARGIN_R, d->y, 0.6, ACCENT);
    d->y -= 4;
    mark_fill(d);
}

double pdf_doc_signature_height(const pdf_doc *d)
{
    (void)d;
    return 130;
}

void pdf_doc_signature(pdf_doc *d, const char *office)
{
    pdf_doc_need(d, pdf_doc_signature_height(d));
    d->y -= 20;
    if (office && *office) {
        text_at(d, d->regular, 9, MARGIN_L, d->y, label(d->lang, L_VN_OFFICE), MUTED);
        d->y -= 13;
        text_at(d, d->bold, 10, MARGIN_L, d->y, office, INK);
    }
    d->y -= 60;
    double w = (CONTENT_W - 30) / 2;
    line(d, MARGIN_L, d->y, MARGIN_L + w, d->y, 0.6, INK);
    line(d, MARGIN_L + w + 30, d->y, PAGE_W - MARGIN_R, d->y, 0.6, INK);
    text_at(d, d->regular, 8, MARGIN_L, d->y - 11, label(d->lang, L_VN_PLACE_DATE), MUTED);
    text_at(d, d->regular, 8, MARGIN_L + w + 30, d->y - 11, label(d->lang, L_VN_SIGN_LINE), MUTED);
    d->y -= 24;
    mark_fill(d);
}

dbk_error pdf_doc_save(pdf_doc *d, const char *path, const char *display_path)
{
    char total[24], num[24], text[160];
    snprintf(total, sizeof total, "%zu", d->n_real);
    d->dry = 0;
    for (size_t i = 0; i < d->n_real; i++) {
        d->page = d->pages[i];
        snprintf(num, sizeof num, "%zu", i + 1);
        snprintf(text, sizeof text, label(d->lang, L_PAGE_OF), num, total);
        if (!d->cover[i]) {
            text_at(d, d->regular, 7.5, MARGIN_L, PAGE_H - 44, d->header, MUTED);
            line(d, MARGIN_L, PAGE_H - 50, PAGE_W - MARGIN_R, PAGE_H - 50, 0.4, HAIR);
        }
        line(d, MARGIN_L, 44, PAGE_W - MARGIN_R, 44, 0.4, HAIR);
        text_at(d, d->regular, 7.5, MARGIN_L, 32, d->footer, MUTED);
        text_aligned(d, d->regular, 7.5, PAGE_W - MARGIN_R, 32, text, 1, MUTED);
    }
    /* Into memory first, then write(2) with every error checked: libharu's own
     * file writer does not see a failed final flush (disk full), and would
     * leave a truncated pdf that looks written. */
    if (!d->error)
        HPDF_SaveToStream(d->pdf);
    if (d->error) {
        diag_error(display_path, 0, NULL, _("cannot make the pdf (libharu error 0x%04x, detail %u)"),
                   (unsigned)d->error, (unsigned)d->detail);
        return DBK_ERR_IO;
    }
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) {
        diag_error(display_path, 0, NULL, _("cannot write: %s"), strerror(errno));
        return DBK_ERR_IO;
    }
    HPDF_ResetStream(d->pdf);
    HPDF_BYTE buf[65536];
    int failed = 0;
    for (;;) {
        HPDF_UINT32 n = sizeof buf;
        HPDF_STATUS st = HPDF_ReadFromStream(d->pdf, buf, &n);
        for (HPDF_UINT32 off = 0; off < n && !failed;) {
            ssize_t w = write(fd, buf + off, n - off);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                failed = errno ? errno : EIO;
            else
                off += (HPDF_UINT32)w;
        }
        if (failed || st == HPDF_STREAM_EOF)
            break;
        if (st != HPDF_OK) {
            failed = EIO;
            break;
        }
    }
    if (close(fd) != 0 && !failed)
        failed = errno;
    if (failed) {
        diag_error(display_path, 0, NULL, _("cannot write: %s"), strerror(failed));
        return DBK_ERR_IO;
    }
    return DBK_OK;
}
