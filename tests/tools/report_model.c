/*
 * report_model.c - prints the model of a report, for the layout tests:
 * what the PDF and the XLSX must show, block by block, as the renderers get it.
 *
 *   report_model CONFIG DB sitzung|verwendungsnachweis
 *
 * One record a line, fields separated by tabs (a tab or newline inside a
 * text is written as a space):
 *   doc      cover_page  title
 *   cover    key  value                   (the cover's data status)
 *   section  number  new_page  xlsx_only  sheet  title
 *   heading  text
 *   paragraph text / note text / signature text / pagebreak
 *   table    id  rows  cols  signs  caption
 *   column   id  col  numeric  header
 *   row      id  row  total  cell...      (cells as the report prints them)
 *   chart    kind  table-id  lo  hi  value-col  percent  title  x-title  y-title  drawable  value-cols
 * Exit 0, or 1 when the report cannot be built.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "data.h"
#include "database.h"
#include "model.h"
#include "report.h"

static void field(const char *s)
{
    putchar('\t');
    for (; s && *s; s++)
        putchar(*s == '\t' || *s == '\n' ? ' ' : *s);
}

static int table_id(const rdoc *doc, const rtable *t)
{
    int id = 0;
    for (size_t s = 0; s < doc->n_sections; s++)
        for (size_t b = 0; b < doc->sections[s].n_blocks; b++)
            if (doc->sections[s].blocks[b].table) {
                if (doc->sections[s].blocks[b].table == t)
                    return id;
                id++;
            }
    return -1;
}

static void print_doc(const rdoc *doc)
{
    char buf[1024];
    int number = doc->cover_page ? 2 : 1, id = 0;
    printf("doc\t%d", doc->cover_page);
    field(doc->title);
    putchar('\n');
    for (size_t r = 0; doc->cover && r < doc->cover->n_rows; r++) {
        fputs("cover", stdout);
        for (size_t c = 0; c < doc->cover->n_cols; c++)
            field(rcell_format(&doc->cover->cells[r * doc->cover->n_cols + c], buf, sizeof buf, doc->lang));
        putchar('\n');
    }
    for (size_t s = 0; s < doc->n_sections; s++) {
        const rsection *sec = &doc->sections[s];
        printf("section\t%d\t%d\t%d", sec->xlsx_only ? 0 : number, sec->new_page, sec->xlsx_only);
        field(sec->sheet);
        field(sec->title);
        putchar('\n');
        if (!sec->xlsx_only)
            number++;
        for (size_t i = 0; i < sec->n_blocks; i++) {
            const rblock *b = &sec->blocks[i];
            switch (b->kind) {
            case RBLOCK_HEADING:
            case RBLOCK_PARAGRAPH:
            case RBLOCK_NOTE:
            case RBLOCK_SIGNATURE:
                fputs(b->kind == RBLOCK_HEADING     ? "heading"
                      : b->kind == RBLOCK_PARAGRAPH ? "paragraph"
                      : b->kind == RBLOCK_NOTE      ? "note"
                                                    : "signature",
                      stdout);
                field(b->text);
                putchar('\n');
                break;
            case RBLOCK_PAGEBREAK:
                puts("pagebreak");
                break;
            case RBLOCK_TABLE: {
                const rtable *t = b->table;
                printf("table\t%d\t%zu\t%zu\t%u", id, t->n_rows, t->n_cols, rtable_signs(t));
                field(t->caption);
                putchar('\n');
                for (size_t c = 0; c < t->n_cols; c++) {
                    printf("column\t%d\t%zu\t%d", id, c, t->cols[c].kind != RCELL_TEXT && t->cols[c].kind != RCELL_DATE);
                    field(t->cols[c].header);
                    putchar('\n');
                }
                for (size_t r = 0; r < t->n_rows; r++) {
                    printf("row\t%d\t%zu\t%d", id, r, t->flags[r] & RROW_TOTAL ? 1 : 0);
                    for (size_t c = 0; c < t->n_cols; c++)
                        field(rcell_format(&t->cells[r * t->n_cols + c], buf, sizeof buf, doc->lang));
                    putchar('\n');
                }
                id++;
                break;
            }
            case RBLOCK_CHART: {
                const rchart *c = b->chart;
                printf("chart\t%s\t%d\t%d\t%d\t%zu\t%d", c->kind == RCHART_LINE ? "line" : "bar",
                       table_id(doc, c->table), c->lo_col, c->hi_col, c->val_cols[0], c->percent);
                field(c->title);
                field(c->x_title);
                field(c->y_title);
                printf("\t%d\t", rchart_drawable(c));
                for (size_t k = 0; k < c->n_vals; k++)
                    printf("%s%zu", k ? "," : "", c->val_cols[k]);
                putchar('\n');
                break;
            }
            }
        }
    }
}

int main(int argc, char **argv)
{
    config *cfg = NULL;
    sqlite3 *db = NULL;
    report_data *data = NULL;
    rdoc *doc = NULL;
    int rc = 1;
    if (argc != 4 || (strcmp(argv[3], "sitzung") != 0 && strcmp(argv[3], "verwendungsnachweis") != 0)) {
        fprintf(stderr, "usage: report_model CONFIG DB sitzung|verwendungsnachweis\n");
        return 2;
    }
    if (config_load(argv[1], &cfg) != DBK_OK)
        return 2;
    if (database_open(argv[2], DATABASE_OPEN_EXISTING, &db) != DBK_OK ||
        report_data_load(db, argv[2], cfg->period_from, cfg->period_to, &data) != DBK_OK)
        goto done;
    if (report_build_model(cfg, data, report_language(cfg), strcmp(argv[3], "sitzung") == 0 ? REPORT_SITZUNG : REPORT_VN,
                           &doc) != DBK_OK)
        goto done;
    print_doc(doc);
    rc = fflush(stdout) == 0 ? 0 : 1;
done:
    rdoc_free(doc);
    report_data_free(data);
    database_close(db);
    config_free(cfg);
    return rc;
}
