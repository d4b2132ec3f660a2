/*
 * model.h - a report as a list of sections, each a list of blocks (headings,
 * paragraphs, tables, charts), rendered alike by the PDF and the XLSX writer.
 *
 * A table cell holds a typed figure or a text. A withheld figure is stored as
 * the state RCELL_WITHHELD with no value at all (value stays 0): what is not
 * in the model cannot be printed, charted or hidden by any renderer.
 * Everything a model holds is owned by it and freed by rdoc_free.
 */
#ifndef DURCHBLICK_REPORT_MODEL_H
#define DURCHBLICK_REPORT_MODEL_H

#include <stddef.h>

#include "data.h"
#include "format.h"

typedef enum {
    RCELL_TEXT = 0, /* text from the input or the labels: always written as a string */
    RCELL_COUNT,    /* integer count; 0 shows as "–" */
    RCELL_SHARE,    /* 0..1, shown as percent */
    RCELL_EURO,     /* euros; 0 shows as "–" */
    RCELL_DAYS,     /* days, no decimals */
    RCELL_DECIMAL,  /* a statistic with two decimals (chi-squared) */
    RCELL_PVALUE,   /* a p-value, three decimals */
    RCELL_DATE,     /* ISO date in text */
    RCELL_CHANGE,   /* a signed change of a count or of days: +5, â3, Â±0 */
    RCELL_CHANGE_POINTS, /* a signed change of a share in percentage points (value in points) */
    RCELL_NUMBER    /* a figure as stored (the Daten sheet): integral, or up to six decimals */
} rcell_kind;

#define RCELL_KINDS 11 /* number of rcell_kind values */

typedef enum {
    RCELL_SHOWN = 0,
    RCELL_WITHHELD,  /* "*" */
    RCELL_UNDEFINED, /* "x": not meaningful (n = 0, median not reached) */
    RCELL_BLANK,     /* nothing at all (a column that does not apply) */
    RCELL_NOT_REACHED /* "n. e.": a median or interval bound the survival curve never reaches */
} rcell_state;

/*
 * A cell of kind RCELL_EURO holds its amount rounded to the cent (as
 * format_round_cents): what a funding statement shows is what it sums.
 */
typedef struct rcell {
    rcell_kind kind;
    rcell_state state;
    double value;
    char *text; /* RCELL_TEXT and RCELL_DATE */
} rcell;

typedef struct rcolumn {
    char *header;
    rcell_kind kind;
    double width; /* relative width in the PDF; the XLSX fits columns to content */
} rcolumn;

enum { RROW_TOTAL = 1 };

typedef struct rtable {
    char *caption;
    size_t n_cols, n_rows, cap_rows;
    rcolumn *cols;
    rcell *cells;          /* n_rows * n_cols */
    unsigned char *flags;  /* per row: RROW_TOTAL */
} rtable;

typedef enum { RCHART_BAR = 0, RCHART_LINE } rchart_kind;

typedef struct rchart {
    rchart_kind kind;
    char *title, *x_title, *y_title;
    const rtable *table;   /* the table the chart draws: always shown beside it */
    size_t cat_col;
    size_t val_cols[3], n_vals;
    int lo_col, hi_col;    /* CI columns for whiskers of val_cols[0], or -1 */
    int percent;           /* values are shares */
} rchart;

typedef enum {
    RBLOCK_HEADING = 0, /* sub-heading inside a section */
    RBLOCK_PARAGRAPH,
    RBLOCK_NOTE,        /* small print: footnotes, sources */
    RBLOCK_TABLE,
    RBLOCK_CHART,
    RBLOCK_SIGNATURE,   /* place, date and signature lines */
    RBLOCK_PAGEBREAK    /* PDF only */
} rblock_kind;

typedef struct rblock {
    rblock_kind kind;
    char *text;
    rtable *table;
    rchart *chart;
} rblock;

typedef struct rsection {
    char *title;      /* numbered heading in the PDF */
    char *sheet;      /* XLSX sheet name (<= 31 chars), NULL: PDF only */
    int new_page;     /* start the section on a new page */
    int xlsx_only;    /* a sheet without a place in the PDF (the Daten table) */
    rblock *blocks;
    size_t n_blocks, cap_blocks;
} rsection;

typedef struct rdoc {
    report_lang lang;
    char *title;        /* "Sitzungsbericht" */
    char *subtitle;     /* "für die Bündniskerngruppe" */
    char *programme;    /* the config's report title, else the programme's name */
    char *region;
    char *period;       /* "01.01.2022 – 31.12.2022" or "2022" */
    char *header;       /* running header */
    char *footer;       /* running footer (left part) */
    char *status_date;  /* ISO, from the data status: PDF info dates, XLSX created */
    long long created;  /* the same as seconds since the epoch (UTC) */
    rtable *cover;      /* key-value table on the cover */
    rsection *sections;
    size_t n_sections, cap_sections;
    int any_withheld;
    int cover_page;     /* the PDF opens with a cover page (section numbers start at 2) */
} rdoc;

/* Returns a new empty document (owned by the caller, free with rdoc_free), NULL on no memory. */
rdoc *rdoc_new(report_lang lang);

/* Frees a document and everything in it; NULL is a no-op. */
void rdoc_free(rdoc *doc);

/* Adds a section (title copied); returns it (owned by doc) or NULL on no memory. */
rsection *rdoc_add_section(rdoc *doc, const char *title, const char *sheet, int new_page);

/* Adds a text block of kind to sec (text copied); returns 0 or -1 on no memory. */
int rsection_add_text(rsection *sec, rblock_kind kind, const char *text);

/* printf-style rsection_add_text. */
int rsection_add_textf(rsection *sec, rblock_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Adds a new table with n_cols columns to sec; returns it (owned by sec) or
 * NULL on no memory. Set the columns with rtable_set_column.
 */
rtable *rsection_add_table(rsection *sec, const char *caption, size_t n_cols);

/* Creates a table not attached to any section (owned by the caller: rtable_free). */
rtable *rtable_new(const char *caption, size_t n_cols);

/* Frees a table created with rtable_new; NULL is a no-op. */
void rtable_free(rtable *t);

/* Sets column c's header (copied), kind and relative PDF width; returns 0 or -1. */
int rtable_set_column(rtable *t, size_t c, const char *header, rcell_kind kind, double width);

/* Appends an empty row (cells RCELL_BLANK of the column's kind); returns its index or -1. */
long rtable_add_row(rtable *t, unsigned flags);

/* Returns cell (row, col) of t. */
rcell *rtable_cell(rtable *t, size_t row, size_t col);

/* Sets a text cell (copied; NULL gives a blank cell); returns 0 or -1 on no memory. */
int rtable_set_text(rtable *t, size_t row, size_t col, const char *text);

/* Sets a shown number of the column's kind. */
void rtable_set_value(rtable *t, size_t row, size_t col, double value);

/* Sets the kind of one cell (a column may mix counts and shares). */
void rtable_set_kind(rtable *t, size_t row, size_t col, rcell_kind kind);

/* Sets a cell to a state without value (withheld, undefined, blank). */
void rtable_set_state(rtable *t, size_t row, size_t col, rcell_state state);

/* Which number of a figure a cell shows. */
typedef enum { FIG_WERT = 0, FIG_ZAEHLER, FIG_NENNER, FIG_CI_UNTEN, FIG_CI_OBEN } rfig_part;

/*
 * Sets a cell from part of figure f: withheld when f is withheld, undefined
 * when f is NULL or the number is NULL (blank_if_missing: blank instead).
 * Sets doc->any_withheld through *withheld (may be NULL).
 */
void rtable_set_figure(rtable *t, size_t row, size_t col, const report_figure *f,
                       rfig_part part, int *withheld);

/* Adds a chart of table t to sec; returns it (owned by sec) or NULL on no memory. */
rchart *rsection_add_chart(rsection *sec, rchart_kind kind, const rtable *t, const char *title,
                           const char *x_title, const char *y_title);

/*
 * 1 if chart c has anything to draw: a shown value in one of its value
 * columns (a bar chart's total row aside). A chart of withheld values only
 * is left out; its table says what there is.
 */
int rchart_drawable(const rchart *c);

/*
 * Formats cell c for print: the sign for withheld, zero and undefined cells,
 * the German or English number otherwise. Returns buf.
 */
char *rcell_format(const rcell *c, char *buf, size_t size, report_lang lang);

/* The signs a cell can show instead of a figure (bits of rtable_signs). */
enum { RSIGN_WITHHELD = 1u << 0, RSIGN_ZERO = 1u << 1, RSIGN_UNDEFINED = 1u << 2, RSIGN_NOT_REACHED = 1u << 3 };

/* The sign cell c shows (an RSIGN_ bit), or 0 when it shows a figure, a text or nothing. */
unsigned rcell_sign(const rcell *c);

/* The signs the cells of t show: RSIGN_ bits, 0 for none. */
unsigned rtable_signs(const rtable *t);

/* The signs the cells of rows of t in column col show (a chart's values). */
unsigned rtable_column_signs(const rtable *t, size_t col);

/*
 * Writes the explanation of the signs (RSIGN_ bits) into buf, each sign with
 * its meaning in lang ("* Wert gesperrt (…) · – nichts vorhanden (…)"), in
 * the order *, –, x, n. e.; "" when signs is 0. Returns buf.
 */
char *rsigns_legend(unsigned signs, report_lang lang, char *buf, size_t size);

/*
 * Sets cell (row, col), where row is a total row, to the sum of the rows
 * above it back to the previous total row, when every one of them shows a
 * figure (a blank cell counts as nothing). Returns 0 when set, -1 when a row
 * is withheld or undefined (the cell is then left as it was).
 */
int rtable_set_total_sum(rtable *t, size_t row, size_t col);

#endif
