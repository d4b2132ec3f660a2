/*
 * layout.h - the layout rules of the reports, apart from any drawing library:
 * line breaking (at spaces and after hyphens, never inside a word), table
 * column widths (never narrower than a column's longest word or widest
 * figure), how many table rows go on a page (no row alone), and chart axes
 * scaled to the data.
 *
 * Text widths come from a caller's measure function, so pdf_doc.c uses the
 * embedded font and the unit tests a fixed-width stand-in. Nothing here
 * allocates.
 */
#ifndef DURCHBLICK_REPORT_LAYOUT_H
#define DURCHBLICK_REPORT_LAYOUT_H

#include <stddef.h>

/* Width of the len bytes of UTF-8 at s, in the caller's units. */
typedef double (*layout_measure_fn)(void *ctx, const char *s, size_t len);

/* A measure function counting characters (UTF-8 sequences), as a spreadsheet's column widths do. */
double layout_chars(void *ctx, const char *s, size_t len);

/* One line of wrapped text: bytes [start, start + len) of the text. */
typedef struct layout_line {
    size_t start, len;
} layout_line;

/*
 * Breaks text into lines no wider than width. Lines break at spaces and
 * after a hyphen between two letters or digits ("Uellendahl-" / "Katernberg"),
 * and at '\n'; never inside a word, and never before the " %" or " €" of a
 * figure. A piece wider than width stands alone on its line and overflows it
 * (size the column with layout_longest_piece so that it never happens).
 * Writes at most max lines and returns the number of lines the text needs
 * (0 for an empty or blank text).
 */
size_t layout_wrap(const char *text, double width, layout_measure_fn measure, void *ctx,
                   layout_line *lines, size_t max);

/* Width of the widest piece of text that layout_wrap never breaks. */
double layout_longest_piece(const char *text, layout_measure_fn measure, void *ctx);

/* One table column for layout_columns: every width in the caller's units. */
typedef struct layout_col {
    double min;    /* never narrower: the longest word or the widest figure */
    double pref;   /* as wide as this would spare the column any wrapping it can avoid */
    double weight; /* share of any room left once every column has its pref */
} layout_col;

/*
 * Sets the n widths w so that they sum to avail: each at least its min; the
 * room above the mins goes first to the columns short of their pref (in
 * proportion to what they lack), then by weight. Returns 0, or -1 when the
 * mins alone exceed avail (w are then the mins: the caller should use a
 * smaller font).
 */
int layout_columns(const layout_col *cols, size_t n, double avail, double *w);

/* Table rows that must stay together at a page break, on either side. */
#define LAYOUT_MIN_ROWS 3

/*
 * How many of the table rows heights[start .. n) go on the current page,
 * which has room for avail; tail is the height that must follow the last
 * row (the table's notes). fresh says the page is empty, so moving the
 * table on gains nothing. Returns:
 *   n - start when the rest fits;
 *   0 when the table should move to the next page: fewer than
 *     LAYOUT_MIN_ROWS rows would stand here (or a table of fewer than
 *     2 × LAYOUT_MIN_ROWS rows would be split at all);
 *   else a count k that leaves at least LAYOUT_MIN_ROWS rows here and at
 *     least LAYOUT_MIN_ROWS rows (the total row among them) for the next page.
 * On a fresh page it never returns 0: at least one row, so layout always ends.
 */
size_t layout_rows_here(const double *heights, size_t start, size_t n, double avail, double tail,
                        int fresh);

/*
 * The height the start of a table needs on its page so that the break rule
 * holds: all of it when the table cannot be split (fewer than
 * 2 × LAYOUT_MIN_ROWS rows, tail included), else its first LAYOUT_MIN_ROWS rows.
 */
double layout_rows_start_height(const double *heights, size_t n, double tail);

/*
 * A chart axis from 0 to a round value *top at or above max (the largest
 * value or confidence bound), in four to six steps of 1, 2, 2.5 or 5 times a
 * power of ten (*step). Shares (percent) never run past 100 % unless the
 * data do. max <= 0 (nothing shown) gives 0 to 1 (100 % for shares).
 */
void layout_axis(double max, int percent, double *top, double *step);

/* Decimals the axis labels need so that every step shows (in percent for shares). */
int layout_axis_decimals(double step, int percent);

#endif
