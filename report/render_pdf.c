/*
 * render_pdf.c - walks a report model and draws it with pdf_doc.
 *
 * Keeping together: a heading stays with what it heads (a paragraph that
 * introduces a table or chart, and the table's first rows, go with it); a
 * note after a table stays with the table's last rows; a sentence after a
 * chart keeps its first lines with the chart.
 *
 * Page balance: the document is first laid out without drawing. A page less
 * than a quarter full (the cover and the last page aside) takes content from
 * the page before it, where that page can give some without falling under a
 * quarter itself or adding a page; then the document is drawn.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_doc.h"

/* A page is full enough at a quarter; the layout aims a little higher (the cursor runs below the text). */
#define MIN_FILL 0.25
#define AIM_FILL 0.28
#define MAX_TRIALS 60

typedef struct {
    size_t n;
    unsigned char *cover;      /* per page: the cover */
    unsigned char *new_section; /* per page: starts with a section on a new page */
} page_info;

static void page_info_mark(page_info *pi, size_t page, int cover, int new_section)
{
    if (page >= pi->n) {
        size_t n = page + 16;
        unsigned char *c = realloc(pi->cover, n), *s = c ? realloc(pi->new_section, n) : NULL;
        if (c)
            pi->cover = c;
        if (!c || !s)
            return;
        pi->new_section = s;
        memset(pi->cover + pi->n, 0, n - pi->n);
        memset(pi->new_section + pi->n, 0, n - pi->n);
        pi->n = n;
    }
    pi->cover[page] |= (unsigned char)cover;
    pi->new_section[page] |= (unsigned char)new_section;
}

/*
 * Height of what stays with a table's last rows: the notes right after it,
 * and the first lines of a sentence that follows them (it speaks of the table).
 */
static double notes_after(pdf_doc *d, const rsection *sec, size_t i)
{
    double h = 0;
    size_t j = i + 1;
    for (; j < sec->n_blocks && sec->blocks[j].kind == RBLOCK_NOTE; j++)
        h += pdf_doc_paragraph_height(d, sec->blocks[j].text, 1, (size_t)-1);
    if (j < sec->n_blocks && sec->blocks[j].kind == RBLOCK_PARAGRAPH)
        h += pdf_doc_paragraph_height(d, sec->blocks[j].text, 0, 2);
    return h;
}

/*
 * 1 if paragraph i introduces the table, chart or signature after it: it
 * does unless a table or chart stands right before it (then it speaks of that one).
 */
static int introduces(const rsection *sec, size_t i)
{
    const rblock *next = i + 1 < sec->n_blocks ? &sec->blocks[i + 1] : NULL;
    const rblock *prev = i > 0 ? &sec->blocks[i - 1] : NULL;
    if (!next || (next->kind != RBLOCK_TABLE && next->kind != RBLOCK_CHART && next->kind != RBLOCK_SIGNATURE))
        return 0;
    return !prev || (prev->kind != RBLOCK_TABLE && prev->kind != RBLOCK_CHART);
}

/* Height of the first lines of a sentence right after block i (kept with a chart). */
static double sentence_after(pdf_doc *d, const rsection *sec, size_t i)
{
    if (i + 1 < sec->n_blocks && sec->blocks[i + 1].kind == RBLOCK_PARAGRAPH)
        return pdf_doc_paragraph_height(d, sec->blocks[i + 1].text, 0, 2);
    return 0;
}

/* The height of block i's start that must stand on the page of what comes before it. */
static double keep_height(pdf_doc *d, const rsection *sec, size_t i, int number, int sub)
{
    if (i >= sec->n_blocks)
        return 0;
    const rblock *b = &sec->blocks[i];
    char title[512];
    switch (b->kind) {
    case RBLOCK_HEADING:
        snprintf(title, sizeof title, "%d.%d  %s", number, sub + 1, b->text);
        return pdf_doc_heading_height(d, title, 2) + keep_height(d, sec, i + 1, number, sub + 1);
    case RBLOCK_PARAGRAPH:
    case RBLOCK_NOTE: {
        int small = b->kind == RBLOCK_NOTE;
        /* a paragraph that introduces a table or chart goes with its start */
        if (introduces(sec, i))
            return pdf_doc_paragraph_height(d, b->text, small, (size_t)-1) + keep_height(d, sec, i + 1, number, sub);
        /* else its first two lines (all of it when it has three or fewer) */
        double whole = pdf_doc_paragraph_height(d, b->text, small, (size_t)-1);
        double three = pdf_doc_paragraph_height(d, b->text, small, 3);
        return three < whole ? pdf_doc_paragraph_height(d, b->text, small, 2) : whole;
    }
    case RBLOCK_TABLE:
        return pdf_doc_table_start_height(d, b->table, notes_after(d, sec, i));
    case RBLOCK_CHART:
        return pdf_doc_chart_height(d, b->chart);
    case RBLOCK_SIGNATURE:
        return pdf_doc_signature_height(d);
    case RBLOCK_PAGEBREAK:
        return 0;
    }
    return 0;
}

/* One layout run over the whole document. */
static void layout(pdf_doc *d, const rdoc *doc, page_info *pi)
{
    int number = doc->cover_page ? 2 : 1;
    if (doc->cover_page) {
        pdf_doc_add_page(d, 1);
        page_info_mark(pi, 0, 1, 0);
        pdf_doc_cover(d, doc);
    } else {
        /* title block on the first page */
        pdf_doc_add_page(d, 0);
        pdf_doc_title_block(d, doc);
    }
    for (size_t s = 0; s < doc->n_sections; s++) {
        const rsection *sec = &doc->sections[s];
        char title[512];
        int sub = 0;
        if (sec->xlsx_only)
            continue;
        if (sec->new_page && (s > 0 || doc->cover_page)) {
            pdf_doc_add_page(d, 0);
            page_info_mark(pi, pdf_doc_pages(d) - 1, 0, 1);
        }
        snprintf(title, sizeof title, "%d  %s", number, sec->title ? sec->title : "");
        pdf_doc_heading(d, title, 1, keep_height(d, sec, 0, number, 0));
        for (size_t i = 0; i < sec->n_blocks; i++) {
            const rblock *b = &sec->blocks[i];
            switch (b->kind) {
            case RBLOCK_HEADING:
                snprintf(title, sizeof title, "%d.%d  %s", number, ++sub, b->text);
                pdf_doc_heading(d, title, 2, keep_height(d, sec, i + 1, number, sub));
                break;
            case RBLOCK_PARAGRAPH:
            case RBLOCK_NOTE:
                if (introduces(sec, i))
                    pdf_doc_need(d, keep_height(d, sec, i, number, sub));
                pdf_doc_paragraph(d, b->text, b->kind == RBLOCK_NOTE);
                break;
            case RBLOCK_TABLE:
                pdf_doc_table(d, b->table, notes_after(d, sec, i));
                break;
            case RBLOCK_CHART:
                pdf_doc_chart(d, b->chart, sentence_after(d, sec, i));
                break;
            case RBLOCK_SIGNATURE:
                pdf_doc_signature(d, b->text);
                break;
            case RBLOCK_PAGEBREAK:
                pdf_doc_add_page(d, 0);
                break;
            }
        }
        number++;
    }
}

/* How far the pages of the last run fall short of a quarter (cover and last page aside). */
static double shortfall(const pdf_doc *d, const page_info *pi)
{
    double sum = 0;
    size_t n = pdf_doc_pages(d);
    for (size_t p = 0; p + 1 < n; p++) {
        double f = pdf_doc_page_fill(d, p);
        if (!(p < pi->n && pi->cover[p]) && f < AIM_FILL)
            sum += AIM_FILL - f;
    }
    return sum;
}

static void measure_run(pdf_doc *d, const rdoc *doc, page_info *pi)
{
    if (pi->n) {
        memset(pi->cover, 0, pi->n);
        memset(pi->new_section, 0, pi->n);
    }
    pdf_doc_begin(d, 1);
    layout(d, doc, pi);
}

/*
 * Moves page breaks so that no page is less than a quarter full where the
 * page before it can give it content: raises that page's bottom margin and
 * keeps the change only if the pages fall short by less in all and the
 * document has no more pages.
 */
static void balance(pdf_doc *d, const rdoc *doc, page_info *pi)
{
    int trials = 0;
    measure_run(d, doc, pi);
    size_t pages = pdf_doc_pages(d);
    double bad = shortfall(d, pi);
    /* the last page may be short: it ends the document */
    for (size_t p = 1; p + 1 < pages && trials < MAX_TRIALS; p++) {
        int better = 1;
        while (better && trials < MAX_TRIALS) {
            double f = pdf_doc_page_fill(d, p);
            better = 0;
            if (f >= AIM_FILL || (p < pi->n && (pi->new_section[p] || pi->cover[p - 1])))
                break;
            double want = (AIM_FILL - f) * pdf_doc_page_height(d);
            double was = pdf_doc_raise(d, p - 1);
            /* rows and lines move in steps: try growing amounts */
            for (int step = 0; step < 4 && trials < MAX_TRIALS && !better; step++, trials++) {
                pdf_doc_set_raise(d, p - 1, was + want * (1.0 + step * 0.5) + 4);
                measure_run(d, doc, pi);
                double now = shortfall(d, pi);
                if (pdf_doc_pages(d) <= pages && now < bad - 1e-6) {
                    bad = now;
                    pages = pdf_doc_pages(d);
                    better = 1;
                }
            }
            if (!better) {
                pdf_doc_set_raise(d, p - 1, was);
                measure_run(d, doc, pi);
            }
        }
    }
}

dbk_error render_pdf(const rdoc *doc, const char *path, const char *display_path)
{
    page_info pi = {0, NULL, NULL};
    pdf_doc *d = pdf_doc_new(doc);
    if (!d)
        return DBK_ERR_IO;
    balance(d, doc, &pi);
    pdf_doc_begin(d, 0);
    layout(d, doc, &pi);
    dbk_error err = pdf_doc_save(d, path, display_path);
    pdf_doc_free(d);
    free(pi.cover);
    free(pi.new_section);
    return err;
}
