/*
 * render_pdf.c - walks a report model and draws it with pdf_doc.
 */
#include "render.h"

#include <stdio.h>

#include "pdf_doc.h"

dbk_error render_pdf(const rdoc *doc, const char *path, const char *display_path)
{
    dbk_error err = DBK_OK;
    pdf_doc *d = pdf_doc_new(doc);
    if (!d)
        return DBK_ERR_IO;
    int number = doc->cover_page ? 2 : 1;
    if (doc->cover_page) {
        pdf_doc_add_page(d, 1);
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
        if (sec->new_page && s > 0)
            pdf_doc_add_page(d, 0);
        else if (sec->new_page)
            pdf_doc_need(d, 1e6);
        snprintf(title, sizeof title, "%d  %s", number, sec->title ? sec->title : "");
        pdf_doc_heading(d, title, 1);
        for (size_t i = 0; i < sec->n_blocks; i++) {
            const rblock *b = &sec->blocks[i];
            switch (b->kind) {
            case RBLOCK_HEADING:
                snprintf(title, sizeof title, "%d.%d  %s", number, ++sub, b->text);
                pdf_doc_heading(d, title, 2);
                break;
            case RBLOCK_PARAGRAPH:
                pdf_doc_paragraph(d, b->text, 0);
                break;
            case RBLOCK_NOTE:
                pdf_doc_paragraph(d, b->text, 1);
                break;
            case RBLOCK_TABLE:
                pdf_doc_table(d, b->table);
                break;
            case RBLOCK_CHART:
                pdf_doc_chart(d, b->chart);
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
    err = pdf_doc_save(d, path, display_path);
    pdf_doc_free(d);
    return err;
}
