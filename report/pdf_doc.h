/*
 * pdf_doc.h - page, text, table and chart primitives on libharu: A4 pages
 * with a running header and page numbers, wrapped paragraphs, tables that
 * break across pages repeating their header, horizontal bar charts with
 * confidence whiskers and line charts, all vector.
 *
 * Text is UTF-8 in an embedded DejaVu Sans (regular and bold). A pdf_doc
 * keeps the layout cursor; drawing below the bottom margin opens a new page.
 * libharu errors are recorded, not fatal: pdf_doc_save reports them.
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

/* Starts a new page (cover: no running header). */
void pdf_doc_add_page(pdf_doc *d, int cover);

/* Opens a new page unless height points fit above the bottom margin. */
void pdf_doc_need(pdf_doc *d, double height);

/* Moves the cursor down by points. */
void pdf_doc_skip(pdf_doc *d, double points);

/* Draws the cover of model on the current page. */
void pdf_doc_cover(pdf_doc *d, const rdoc *model);

/* The title block at the top of a report without a cover page. */
void pdf_doc_title_block(pdf_doc *d, const rdoc *model);

/* A section heading (level 1) or sub-heading (level 2), kept with what follows. */
void pdf_doc_heading(pdf_doc *d, const char *text, int level);

/* A wrapped paragraph; small = 1 for notes. */
void pdf_doc_paragraph(pdf_doc *d, const char *text, int small);

/* A table; breaks across pages repeating its header. */
void pdf_doc_table(pdf_doc *d, const rtable *t);

/* A chart of its table's shown cells; withheld cells are marked "*", never drawn. */
void pdf_doc_chart(pdf_doc *d, const rchart *c);

/* Place, date and signature lines for office. */
void pdf_doc_signature(pdf_doc *d, const char *office);

/*
 * Draws running headers and "page i of n" footers on every page and writes
 * the PDF to path. Returns DBK_OK, or DBK_ERR_IO after printing
 * "prog: path: message" when libharu failed at any point.
 */
dbk_error pdf_doc_save(pdf_doc *d, const char *path, const char *display_path);

#endif
