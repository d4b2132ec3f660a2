/*
 * pdf_doc.h - page, text, table and chart primitives on libharu: A4 pages
 * with a running header and page numbers, wrapped paragraphs, tables that
 * break across pages repeating their header, horizontal bar charts with
 * confidence whiskers and line charts, all vector.
 *
 * The rules of layout.h hold for every element: lines break at spaces and
 * after hyphens only, every table column is as wide as its longest word or
 * widest figure, a table breaks only where at least LAYOUT_MIN_ROWS rows stay
 * on each side, and chart axes run from 0 to a round value above the data.
 *
 * Text is UTF-8 in an embedded DejaVu Sans (regular and bold). A pdf_doc
 * keeps the layout cursor; drawing below the bottom margin opens a new page.
 * A run may be a measuring one (pdf_doc_begin with dry = 1): it lays out
 * exactly as a real run but draws nothing, so the caller can see how full
 * each page would be and move page breaks (pdf_doc_set_raise) before the
 * real run. libharu errors are recorded, not fatal: pdf_doc_save reports them.
 */
#ifndef DURCHBLICK_REPORT_PDF_DOC_H
#define DURCHBLICK_REPORT_PDF_DOC_H

#include <stddef.h>

#include "error.h"
#include "model.h"

/* Where fonts-dejavu-core puts the fonts; the environment variable
 * DURCHBLICK_FONT_DIR names another folder holding the same two files. */
#define PDF_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#define PDF_FONT_REGULAR "DejaVuSans.ttf"
#define PDF_FONT_BOLD "DejaVuSans-Bold.ttf"

typedef struct pdf_doc pdf_doc;

/*
 * Creates a document with the fonts loaded, info dates set to created (UTC
 * seconds) and no page yet. Returns it (owned by the caller: pdf_doc_free)
 * or NULL after printing "prog: file: message" (missing font, no memory).
 */
pdf_doc *pdf_doc_new(const rdoc *model);

/* Frees the document; NULL is a no-op. */
void pdf_doc_free(pdf_doc *d);

/*
 * Starts a layout run with no page: dry = 1 measures only (nothing is drawn,
 * no page is added to the PDF), dry = 0 draws. A real run may follow any
 * number of dry ones, and must be the last.
 */
void pdf_doc_begin(pdf_doc *d, int dry);

/* Pages begun in this run. */
size_t pdf_doc_pages(const pdf_doc *d);

/* How full page i of this run is: the share of the area between the margins used, 0..1. */
double pdf_doc_page_fill(const pdf_doc *d, size_t i);

/* Raises the bottom margin of page i by points in every later run (0 undoes it). */
void pdf_doc_set_raise(pdf_doc *d, size_t i, double points);

/* The raise of page i (0 unless set). */
double pdf_doc_raise(const pdf_doc *d, size_t i);

/* The height between the margins of an empty page. */
double pdf_doc_page_height(const pdf_doc *d);

/* Starts a new page (cover: no running header). */
void pdf_doc_add_page(pdf_doc *d, int cover);

/* Opens a new page unless height points fit above the bottom margin (or the page is empty). */
void pdf_doc_need(pdf_doc *d, double height);

/* Moves the cursor down by points. */
void pdf_doc_skip(pdf_doc *d, double points);

/* Draws the cover of model on the current page. */
void pdf_doc_cover(pdf_doc *d, const rdoc *model);

/* The title block at the top of a report without a cover page. */
void pdf_doc_title_block(pdf_doc *d, const rdoc *model);

/* Height of a section heading (level 1) or sub-heading (level 2), with its spacing. */
double pdf_doc_heading_height(pdf_doc *d, const char *text, int level);

/* A heading, on a new page unless keep points (what it heads) fit below it. */
void pdf_doc_heading(pdf_doc *d, const char *text, int level, double keep);

/* Height of a wrapped paragraph (small = 1 for notes); lines: at most that many lines. */
double pdf_doc_paragraph_height(pdf_doc *d, const char *text, int small, size_t lines);

/*
 * A wrapped paragraph; small = 1 for notes. It breaks across pages only
 * where two lines stay on each side; a paragraph of three lines or fewer
 * moves whole.
 */
void pdf_doc_paragraph(pdf_doc *d, const char *text, int small);

/*
 * The height the start of table t needs on its page (caption, header and the
 * rows that may not be parted; all of it with tail when the table cannot be
 * split).
 */
double pdf_doc_table_start_height(pdf_doc *d, const rtable *t, double tail);

/*
 * A table: it breaks across pages (repeating caption and header) only where
 * at least LAYOUT_MIN_ROWS rows stand on each side, and moves to the next
 * page otherwise. Under it, the signs its cells use are explained. tail is
 * the height of what must stay with its last rows (the notes that follow).
 */
void pdf_doc_table(pdf_doc *d, const rtable *t, double tail);

/* Height of a chart, whole (charts do not break). */
double pdf_doc_chart_height(pdf_doc *d, const rchart *c);

/*
 * A chart of its table's shown cells, with tail points (what must follow it)
 * on the same page; withheld cells are marked "*", never drawn. The value
 * axis runs from 0 to a round value above the largest value or bound.
 */
void pdf_doc_chart(pdf_doc *d, const rchart *c, double tail);

/* Height of the signature block. */
double pdf_doc_signature_height(const pdf_doc *d);

/* Place, date and signature lines for office. */
void pdf_doc_signature(pdf_doc *d, const char *office);

/*
 * Draws running headers and "page i of n" footers on every page and writes
 * the PDF to path. Returns DBK_OK, or DBK_ERR_IO after printing
 * "prog: path: message" when libharu failed at any point.
 */
dbk_error pdf_doc_save(pdf_doc *d, const char *path, const char *display_path);

#endif
