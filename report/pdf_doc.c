/*
 * pdf_doc.c - libharu primitives for the reports: pages, text, tables, charts.
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
#include "labels.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN_L 62.0
#define MARGIN_R 62.0
#define MARGIN_T 76.0
#define MARGIN_B 66.0
#define CONTENT_W (PAGE_W - MARGIN_L - MARGIN_R)
#define MAX_LINES 64
#define LINE_BYTES 512

struct pdf_doc {
    HPDF_Doc pdf;
    HPDF_Font regular, bold;
    HPDF_Page page;
    HPDF_Page *pages;
    unsigned char *cover; /* per page: no running header */
    size_t n_pages, cap_pages;
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

static double text_width(HPDF_Font font, double size, const char *s)
{
    if (!s || !*s)
        return 0;
    HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s, (HPDF_UINT)strlen(s));
    return tw.width * size / 1000.0;
}

static void text_at(pdf_doc *d, HPDF_Font font, double size, double x, double y, const char *s, rgb c)
{
    if (!s || !*s)
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
    stroke(d, c);
    HPDF_Page_SetLineWidth(d->page, (HPDF_REAL)width);
    HPDF_Page_MoveTo(d->page, (HPDF_REAL)x1, (HPDF_REAL)y1);
    HPDF_Page_LineTo(d->page, (HPDF_REAL)x2, (HPDF_REAL)y2);
    HPDF_Page_Stroke(d->page);
}

static void rect_fill(pdf_doc *d, double x, double y, double w, double h, rgb c)
{
    fill(d, c);
    HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Fill(d->page);
}

/* Length in bytes of the UTF-8 sequence starting with byte c. */
static size_t utf8_len(unsigned char c)
{
    return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
}

/*
 * Breaks text into lines no wider than width; a word wider than a line is
 * cut between characters. Returns the number of lines (at most MAX_LINES).
 */
static size_t wrap(HPDF_Font font, double size, const char *text, double width,
                   char lines[][LINE_BYTES])
{
    size_t n = 0;
    char cur[LINE_BYTES] = "";
    const char *p = text ? text : "";
    while (*p && n < MAX_LINES) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\n')
            e++;
        /* "48,1 %" and "12,00 €" never break before their sign */
        while (*e == ' ' && (e[1] == '%' || strncmp(e + 1, "\xe2\x82\xac", 3) == 0)) {
            e++;
            while (*e && *e != ' ' && *e != '\n')
                e++;
        }
        char word[LINE_BYTES];
        snprintf(word, sizeof word, "%.*s", (int)(e - p), p);
        char trial[LINE_BYTES * 2];
        snprintf(trial, sizeof trial, "%s%s%s", cur, cur[0] ? " " : "", word);
        if (text_width(font, size, trial) <= width && strlen(trial) < LINE_BYTES) {
            memcpy(cur, trial, strlen(trial) + 1); /* fits: checked just above */
        } else if (cur[0]) {
            snprintf(lines[n++], LINE_BYTES, "%s", cur);
            cur[0] = '\0';
            continue; /* retry the word on an empty line */
        } else {
            /* a word longer than the line: cut it between characters */
            size_t k = 0, fit = 0;
            while (word[k]) {
                size_t step = utf8_len((unsigned char)word[k]);
                char part[LINE_BYTES];
                snprintf(part, sizeof part, "%.*s", (int)(k + step), word);
                if (text_width(font, size, part) > width && fit > 0)
                    break;
                k += step;
                fit = k;
            }
            snprintf(lines[n++], LINE_BYTES, "%.*s", (int)fit, word);
            p += fit;
            continue;
        }
        p = e;
        if (*p == '\n') {
            snprintf(lines[n++], LINE_BYTES, "%s", cur);
            cur[0] = '\0';
            p++;
        }
    }
    if (cur[0] && n < MAX_LINES)
        snprintf(lines[n++], LINE_BYTES, "%s", cur);
    return n;
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
        diag_error(NULL, 0, NULL, "out of memory");
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
            diag_error(fonts[i], 0, NULL, "cannot read font: %s (install fonts-dejavu-core%s)", strerror(errno),
                       dir == env ? ", or correct DURCHBLICK_FONT_DIR" : "");
            goto fail;
        }
        if (!truetype_plausible(fonts[i])) {
            diag_error(fonts[i], 0, NULL, "cannot load font: not a usable truetype font");
            goto fail;
        }
    }
    d->pdf = HPDF_New(on_error, d);
    if (!d->pdf || !d->header || !d->footer) {
        diag_error(NULL, 0, NULL, "out of memory");
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
                   "cannot load font: not a usable truetype font (libharu error 0x%04x)", (unsigned)d->error);
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
    free(d->header);
    free(d->footer);
    free(d);
}

void pdf_doc_add_page(pdf_doc *d, int cover)
{
    if (d->n_pages == d->cap_pages) {
        size_t ncap = d->cap_pages ? d->cap_pages * 2 : 16;
        HPDF_Page *np = realloc(d->pages, ncap * sizeof *np);
        unsigned char *nc = np ? realloc(d->cover, ncap) : NULL;
        if (np)
            d->pages = np;
        if (!np || !nc) {
            d->error = HPDF_FAILD_TO_ALLOC_MEM;
            return;
        }
        d->cover = nc;
        d->cap_pages = ncap;
    }
    d->page = HPDF_AddPage(d->pdf);
    if (!d->page)
        return;
    HPDF_Page_SetSize(d->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    d->pages[d->n_pages] = d->page;
    d->cover[d->n_pages] = (unsigned char)cover;
    d->n_pages++;
    d->y = PAGE_H - MARGIN_T;
}

void pdf_doc_need(pdf_doc *d, double height)
{
    if (!d->page || d->y - height < MARGIN_B)
        pdf_doc_add_page(d, 0);
}

void pdf_doc_skip(pdf_doc *d, double points)
{
    d->y -= points;
}

void pdf_doc_heading(pdf_doc *d, const char *text, int level)
{
    char lines[MAX_LINES][LINE_BYTES];
    double size = level == 1 ? 15.0 : 10.5, lead = size * 1.3;
    size_t n = wrap(d->bold, size, text, CONTENT_W, lines);
    /* keep the heading with at least some of what follows */
    pdf_doc_need(d, n * lead + (level == 1 ? 120 : 90));
    if (d->y < PAGE_H - MARGIN_T - 1)
        d->y -= level == 1 ? 14 : 8;
    for (size_t i = 0; i < n; i++) {
        d->y -= lead;
        text_at(d, d->bold, size, MARGIN_L, d->y + 3, lines[i], level == 1 ? ACCENT : INK);
    }
    if (level == 1) {
        line(d, MARGIN_L, d->y - 3, PAGE_W - MARGIN_R, d->y - 3, 0.6, ACCENT);
        d->y -= 10;
    } else {
        d->y -= 3;
    }
}

void pdf_doc_paragraph(pdf_doc *d, const char *text, int small)
{
    char lines[MAX_LINES][LINE_BYTES];
    double size = small ? 7.5 : 9.5, lead = size * 1.4;
    size_t n = wrap(d->regular, size, text, CONTENT_W, lines);
    for (size_t i = 0; i < n; i++) {
        pdf_doc_need(d, lead);
        d->y -= lead;
        text_at(d, d->regular, size, MARGIN_L, d->y + 2, lines[i], small ? MUTED : INK);
    }
    d->y -= small ? 4 : 6;
}

/* --- tables --- */

#define T_SIZE 8.2
#define T_HEAD_SIZE 7.6
#define T_LEAD (T_SIZE * 1.28)
#define T_PADX 3.5
#define T_PADY 3.0

static int is_numeric(rcell_kind k) { return k != RCELL_TEXT && k != RCELL_DATE; }

/*
 * Column positions: widths by the table's weights, except that a numeric column
 * is never narrower than its widest figure (a figure must not wrap); the text
 * columns give up the room for that, in proportion to their weights.
 */
static void column_x(pdf_doc *d, const rtable *t, double *x, double *w)
{
    double sum = 0, need[32] = {0}, text_sum = 0, extra = 0;
    char buf[LINE_BYTES];
    for (size_t c = 0; c < t->n_cols; c++)
        sum += t->cols[c].width;
    for (size_t c = 0; c < t->n_cols; c++) {
        w[c] = CONTENT_W * t->cols[c].width / sum;
        if (!is_numeric(t->cols[c].kind)) {
            text_sum += t->cols[c].width;
            continue;
        }
        for (size_t r = 0; r < t->n_rows; r++) {
            const rcell *cell = &t->cells[r * t->n_cols + c];
            rcell_format(cell, buf, sizeof buf, d->lang);
            HPDF_Font font = (t->flags[r] & RROW_TOTAL) ? d->bold : d->regular;
            double tw = text_width(font, T_SIZE, buf) + 2 * T_PADX + 1;
            if (tw > need[c])
                need[c] = tw;
        }
        if (need[c] > w[c]) {
            extra += need[c] - w[c];
            w[c] = need[c];
        }
    }
    for (size_t c = 0; c < t->n_cols && text_sum > 0; c++)
        if (!is_numeric(t->cols[c].kind))
            w[c] -= extra * t->cols[c].width / text_sum;
    double at = MARGIN_L;
    for (size_t c = 0; c < t->n_cols; c++) {
        x[c] = at;
        at += w[c];
    }
}

static double header_height(pdf_doc *d, const rtable *t, const double *w)
{
    char lines[MAX_LINES][LINE_BYTES];
    size_t most = 1;
    for (size_t c = 0; c < t->n_cols; c++) {
        size_t n = wrap(d->bold, T_HEAD_SIZE, t->cols[c].header, w[c] - 2 * T_PADX, lines);
        if (n > most)
            most = n;
    }
    return most * T_HEAD_SIZE * 1.25 + 2 * T_PADY + 1;
}

static void draw_header(pdf_doc *d, const rtable *t, const double *x, const double *w, double h)
{
    char lines[MAX_LINES][LINE_BYTES];
    rect_fill(d, MARGIN_L, d->y - h, CONTENT_W, h, HEAD_FILL);
    line(d, MARGIN_L, d->y, PAGE_W - MARGIN_R, d->y, 0.9, RULE);
    for (size_t c = 0; c < t->n_cols; c++) {
        size_t n = wrap(d->bold, T_HEAD_SIZE, t->cols[c].header, w[c] - 2 * T_PADX, lines);
        /* heads sit on the rule below them, like the figures they head */
        double base = d->y - h + T_PADY + 1.5 + (n - 1) * T_HEAD_SIZE * 1.25;
        for (size_t i = 0; i < n; i++) {
            int right = is_numeric(t->cols[c].kind);
            text_aligned(d, d->bold, T_HEAD_SIZE, right ? x[c] + w[c] - T_PADX : x[c] + T_PADX,
                         base - i * T_HEAD_SIZE * 1.25, lines[i], right, INK);
        }
    }
    d->y -= h;
    line(d, MARGIN_L, d->y, PAGE_W - MARGIN_R, d->y, 0.5, RULE);
}

static int table_has_withheld(const rtable *t)
{
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
        if (t->cells[i].state == RCELL_WITHHELD)
            return 1;
    return 0;
}

void pdf_doc_table(pdf_doc *d, const rtable *t)
{
    double x[32], w[32];
    char lines[MAX_LINES][LINE_BYTES], text[LINE_BYTES];
    if (t->n_cols == 0 || t->n_cols > 32)
        return;
    column_x(d, t, x, w);
    double hh = header_height(d, t, w);
    double cap_h = t->caption ? 9.0 * 1.5 : 0;
    pdf_doc_need(d, cap_h + hh + 3 * (T_LEAD + 2 * T_PADY));
    if (t->caption) {
        d->y -= cap_h;
        text_at(d, d->bold, 9.0, MARGIN_L, d->y + 3, t->caption, INK);
    }
    d->y -= 2;
    draw_header(d, t, x, w, hh);
    for (size_t r = 0; r < t->n_rows; r++) {
        int total = t->flags[r] & RROW_TOTAL;
        HPDF_Font font = total ? d->bold : d->regular;
        size_t most = 1;
        for (size_t c = 0; c < t->n_cols; c++) {
            const rcell *cell = &t->cells[r * t->n_cols + c];
            rcell_format(cell, text, sizeof text, d->lang);
            size_t n = wrap(font, T_SIZE, text, w[c] - 2 * T_PADX, lines);
            if (n > most)
                most = n;
        }
        double rh = most * T_LEAD + 2 * T_PADY;
        if (d->y - rh < MARGIN_B) {
            line(d, MARGIN_L, d->y, PAGE_W - MARGIN_R, d->y, 0.9, RULE);
            pdf_doc_add_page(d, 0);
            if (t->caption) {
                char cont[LINE_BYTES];
                snprintf(cont, sizeof cont, "%s (%s)", t->caption, d->lang == REPORT_LANG_DE ? "Fortsetzung" : "continued");
                d->y -= cap_h;
                text_at(d, d->bold, 9.0, MARGIN_L, d->y + 3, cont, INK);
            }
            d->y -= 2;
            draw_header(d, t, x, w, hh);
        }
        if (total)
            line(d, MARGIN_L, d->y, PAGE_W - MARGIN_R, d->y, 0.5, RULE);
        for (size_t c = 0; c < t->n_cols; c++) {
            const rcell *cell = &t->cells[r * t->n_cols + c];
            rcell_format(cell, text, sizeof text, d->lang);
            size_t n = wrap(font, T_SIZE, text, w[c] - 2 * T_PADX, lines);
            int right = is_numeric(cell->kind) || (cell->kind == RCELL_TEXT && is_numeric(t->cols[c].kind));
            for (size_t i = 0; i < n; i++)
                text_aligned(d, font, T_SIZE, right ? x[c] + w[c] - T_PADX : x[c] + T_PADX,
                             d->y - T_PADY - (i + 1) * T_LEAD + 2.2, lines[i], right, INK);
        }
        d->y -= rh;
        if (r + 1 < t->n_rows && !(t->flags[r + 1] & RROW_TOTAL))
            line(d, MARGIN_L, d->y, PAGE_W - MARGIN_R, d->y, 0.25, HAIR);
    }
    line(d, MARGIN_L, d->y, PAGE_W - MARGIN_R, d->y, 0.9, RULE);
    d->y -= 4;
    if (table_has_withheld(t)) {
        d->y -= 8;
        char note[LINE_BYTES];
        snprintf(note, sizeof note, "%s %s", FORMAT_SIGN_WITHHELD, label(d->lang, L_SIGN_WITHHELD));
        text_at(d, d->regular, 7.0, MARGIN_L, d->y, note, MUTED);
    }
    d->y -= 10;
}

/* --- charts --- */

/* A round axis maximum and step for values up to max (five or so steps). */
static void nice_axis(double max, int percent, double *top, double *step)
{
    if (percent && max <= 1.0) {
        *top = 1.0;
        *step = 0.2;
        return;
    }
    if (max <= 0)
        max = 1;
    double raw = max / 5.0, mag = pow(10.0, floor(log10(raw))), f = raw / mag;
    double s = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    *step = s * mag;
    *top = ceil(max / *step - 1e-9) * *step;
}

static void axis_label(pdf_doc *d, double v, int percent, char *buf, size_t size)
{
    if (percent)
        format_percent(buf, size, v, 0, d->lang);
    else
        format_number(buf, size, v, v == floor(v) ? 0 : 1, d->lang);
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

static void bar_chart(pdf_doc *d, const rchart *c)
{
    const rtable *t = c->table;
    char lines[MAX_LINES][LINE_BYTES], buf[64];
    size_t rows[256], n = 0;
    for (size_t r = 0; r < t->n_rows && n < 256; r++)
        if (!(t->flags[r] & RROW_TOTAL))
            rows[n++] = r;
    if (n == 0)
        return;
    double label_w = 0;
    for (size_t i = 0; i < n; i++) {
        const rcell *cell = chart_cell(t, rows[i], (long)c->cat_col);
        double w = text_width(d->regular, 7.8, cell->text ? cell->text : "");
        if (w > label_w)
            label_w = w;
    }
    label_w = fmin(label_w + 8, CONTENT_W * 0.36);
    double row_h[256], total_h = 0;
    for (size_t i = 0; i < n; i++) {
        const rcell *cell = chart_cell(t, rows[i], (long)c->cat_col);
        size_t k = wrap(d->regular, 7.8, cell->text, label_w - 6, lines);
        row_h[i] = fmax(15.0, k * 9.2 + 5);
        total_h += row_h[i];
    }
    double max = 0;
    for (size_t i = 0; i < n; i++) {
        const rcell *v = chart_cell(t, rows[i], (long)c->val_cols[0]);
        const rcell *hi = chart_cell(t, rows[i], c->hi_col);
        if (v->state == RCELL_SHOWN)
            max = fmax(max, v->value);
        if (hi && hi->state == RCELL_SHOWN)
            max = fmax(max, hi->value);
    }
    double top, step;
    nice_axis(max, c->percent, &top, &step);
    pdf_doc_need(d, total_h + 70);
    chart_title(d, c);
    double x0 = MARGIN_L + label_w, pw = CONTENT_W - label_w - 52, y_top = d->y - 4;
    double y_bottom = y_top - total_h;
    /* grid and axis */
    for (double v = 0; v <= top + step * 1e-6; v += step) {
        double x = x0 + pw * v / top;
        line(d, x, y_top, x, y_bottom, 0.3, HAIR);
        axis_label(d, v, c->percent, buf, sizeof buf);
        text_aligned(d, d->regular, 7.0, x, y_bottom - 9, buf, 2, MUTED);
    }
    line(d, x0, y_top, x0, y_bottom, 0.6, RULE);
    double y = y_top;
    for (size_t i = 0; i < n; i++) {
        const rcell *cat = chart_cell(t, rows[i], (long)c->cat_col);
        const rcell *v = chart_cell(t, rows[i], (long)c->val_cols[0]);
        const rcell *lo = chart_cell(t, rows[i], c->lo_col), *hi = chart_cell(t, rows[i], c->hi_col);
        double mid = y - row_h[i] / 2;
        size_t k = wrap(d->regular, 7.8, cat->text, label_w - 6, lines);
        for (size_t j = 0; j < k; j++)
            text_aligned(d, d->regular, 7.8, x0 - 5, mid + (k - 1) * 4.6 - j * 9.2 - 2.7, lines[j], 1, INK);
        double end = x0;
        if (v->state == RCELL_SHOWN) {
            double bw = pw * fmin(v->value, top) / top;
            rect_fill(d, x0, mid - 4.2, bw, 8.4, ACCENT);
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
        y -= row_h[i];
    }
    d->y = y_bottom - 12;
    if (c->x_title) {
        d->y -= 9;
        text_aligned(d, d->regular, 7.4, x0 + pw / 2, d->y, c->x_title, 2, MUTED);
    }
    d->y -= 14;
}

static void line_chart(pdf_doc *d, const rchart *c)
{
    const rtable *t = c->table;
    char buf[64];
    size_t n = t->n_rows;
    if (n == 0)
        return;
    double max = 0;
    for (size_t r = 0; r < n; r++) {
        for (size_t s = 0; s < c->n_vals; s++) {
            const rcell *v = chart_cell(t, r, (long)c->val_cols[s]);
            if (v->state == RCELL_SHOWN)
                max = fmax(max, v->value);
        }
        const rcell *hi = chart_cell(t, r, c->hi_col);
        if (hi && hi->state == RCELL_SHOWN)
            max = fmax(max, hi->value);
    }
    double top, step;
    nice_axis(max, c->percent, &top, &step);
    const double plot_h = 150;
    pdf_doc_need(d, plot_h + 80);
    chart_title(d, c);
    double x0 = MARGIN_L + 40, pw = CONTENT_W - 48, y_top = d->y - 14, y0 = y_top - plot_h;
    if (c->y_title)
        text_at(d, d->regular, 7.2, MARGIN_L, y_top + 9, c->y_title, MUTED);
    for (double v = 0; v <= top + step * 1e-6; v += step) {
        double yy = y0 + plot_h * v / top;
        line(d, x0, yy, x0 + pw, yy, 0.3, HAIR);
        axis_label(d, v, c->percent, buf, sizeof buf);
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
                text_aligned(d, d->bold, 7.5, x, y0 + 3 + 8 * s, v->state == RCELL_WITHHELD ? FORMAT_SIGN_WITHHELD : FORMAT_SIGN_UNDEFINED, 2, col);
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
            fill(d, col);
            HPDF_Page_Circle(d->page, (HPDF_REAL)x, (HPDF_REAL)yy, 2.4f);
            HPDF_Page_Fill(d->page);
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
    if (c->lo_col >= 0) {
        line(d, lx + 6, y - 1, lx + 6, y + 6, 0.7, MUTED);
        text_at(d, d->regular, 7.4, lx + 12, y, d->lang == REPORT_LANG_DE ? "95-%-Konfidenzintervall" : "95% confidence interval", INK);
    }
    d->y = y - 16;
}

void pdf_doc_chart(pdf_doc *d, const rchart *c)
{
    if (c->kind == RCHART_LINE)
        line_chart(d, c);
    else
        bar_chart(d, c);
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
        for (size_t r = 0; r < t->n_rows; r++) {
            /* two columns of key-value pairs */
            double x = r % 2 ? MARGIN_L + CONTENT_W / 2 : MARGIN_L;
            if (r % 2 == 0)
                d->y -= 12;
            text_at(d, d->regular, 7.8, x, d->y, t->cells[r * 2].text, MUTED);
            rcell_format(&t->cells[r * 2 + 1], text, sizeof text, m->lang);
            text_at(d, d->regular, 7.8, x + 105, d->y, text, INK);
        }
    }
    d->y -= 8;
    line(d, MARGIN_L, d->y, PAGE_W - MARGIN_R, d->y, 0.6, ACCENT);
    d->y -= 4;
}

void pdf_doc_signature(pdf_doc *d, const char *office)
{
    pdf_doc_need(d, 130);
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
}

dbk_error pdf_doc_save(pdf_doc *d, const char *path, const char *display_path)
{
    char total[24], num[24], text[160];
    snprintf(total, sizeof total, "%zu", d->n_pages);
    for (size_t i = 0; i < d->n_pages; i++) {
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
        diag_error(display_path, 0, NULL, "cannot make the pdf (libharu error 0x%04x, detail %u)",
                   (unsigned)d->error, (unsigned)d->detail);
        return DBK_ERR_IO;
    }
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) {
        diag_error(display_path, 0, NULL, "cannot write: %s", strerror(errno));
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
        diag_error(display_path, 0, NULL, "cannot write: %s", strerror(failed));
        return DBK_ERR_IO;
    }
    return DBK_OK;
}
