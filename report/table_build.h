/*
 * table_build.h - the table blocks both report builders (sitzung.c, vn.c)
 * fill alike: a cell from a figure, an estimate with its interval, a rate
 * with its counts, a computed cell (a total, a change), a row named after its
 * category, the total row, a chart of shares and the legend of signs.
 *
 * A tbuild is the state a report's builder carries while it fills one
 * document: what it reads (config, figures, language), what it writes (the
 * document) and whether any cell or sentence shows a withheld figure.
 * Nothing here decides what a report shows; it only writes it the one way.
 */
#ifndef DURCHBLICK_REPORT_TABLE_BUILD_H
#define DURCHBLICK_REPORT_TABLE_BUILD_H

#include <stddef.h>

#include "config.h"
#include "data.h"
#include "labels.h"
#include "model.h"

typedef struct tbuild {
    const config *cfg;
    const report_data *data;
    report_lang lang;
    rdoc *doc;    /* the document being built: owned by whoever called tbuild_start */
    int withheld; /* set once a cell or a sentence shows a withheld figure */
} tbuild;

/*
 * A number the builder computes rather than reads (a total, a change, a
 * ratio): shown with its value, or a state without one (withheld, undefined).
 */
typedef struct tbuild_value {
    rcell_state state;
    double value;
} tbuild_value;

/*
 * Starts a document: sets tb's fields, creates tb->doc and fills its head
 * (build_head: title, period, data status, cover table). On success tb->doc
 * is owned by the caller (rdoc_free, also after a later error) and 0 is
 * returned; on no memory tb->doc is NULL and -1 is returned.
 */
int tbuild_start(tbuild *tb, const config *cfg, const report_data *data, report_lang lang,
                 label_id title, label_id subtitle);

/*
 * Sets cell (row, col) of t to part of figure f, as a cell of kind: withheld
 * ("*") when f is withheld and the part is not a count published elsewhere
 * (then tb->withheld is set), undefined ("x") when f is NULL or lacks the
 * number, the number otherwise (rtable_set_figure). Cannot fail.
 */
void tbuild_put(tbuild *tb, rtable *t, size_t row, size_t col, rcell_kind kind,
                const report_figure *f, rfig_part part);

/*
 * tbuild_put for a column that may not apply: a NULL figure leaves the cell
 * blank instead of "x". Cannot fail.
 */
void tbuild_put_or_blank(tbuild *tb, rtable *t, size_t row, size_t col, rcell_kind kind,
                         const report_figure *f, rfig_part part);

/*
 * An estimate with its interval: wert, ci_unten and ci_oben of f in
 * columns col, col + 1 and col + 2 of row, as cells of kind (tbuild_put).
 * Cannot fail.
 */
void tbuild_put_estimate(tbuild *tb, rtable *t, size_t row, size_t col, rcell_kind kind,
                         const report_figure *f);

/*
 * A rate with the counts it rests on: nenner and zaehler of f as counts in
 * columns col and col + 1, then the rate as a share with its interval in
 * col + 2 .. col + 4 (tbuild_put_estimate). Cannot fail.
 */
void tbuild_put_rate(tbuild *tb, rtable *t, size_t row, size_t col, const report_figure *f);

/*
 * Sets cell (row, col) to a computed number v as a cell of kind: its value
 * when shown, else its state alone (tb->withheld is set when withheld).
 * Cannot fail.
 */
void tbuild_put_value(tbuild *tb, rtable *t, size_t row, size_t col, rcell_kind kind,
                      tbuild_value v);

/*
 * Sets cell (row, col) to the change from prev to cur in a column of kind:
 * the difference of their wert as RCELL_CHANGE (for kind RCELL_SHARE in
 * percentage points, RCELL_CHANGE_POINTS); withheld when either is withheld
 * (tb->withheld is set), undefined ("x") when either is NULL or has no wert.
 * A change is only ever computed from two shown figures. Cannot fail.
 */
void tbuild_put_change(tbuild *tb, rtable *t, size_t row, size_t col, const report_figure *cur,
                       const report_figure *prev, rcell_kind kind);

/*
 * Appends a row (flags as rtable_add_row) whose column 0 names category
 * code of dimension as the report prints it (label_category: "1 Coaching",
 * "Duldung", the config's Stadtbezirk). Returns the row's index, or -1 on no
 * memory (the table keeps whatever row was added).
 */
long tbuild_add_row(tbuild *tb, rtable *t, const char *dimension, const char *code, unsigned flags);

/* Appends a total row (RROW_TOTAL) named "Insgesamt" in column 0; returns its index or -1 on no memory. */
long tbuild_add_total(tbuild *tb, rtable *t);

/*
 * Sets the three columns of an estimate at col: its own (header, kind,
 * width) and the interval's bounds ("95-%-KI von", "bis": shares of
 * ci_width each). Returns 0, or -1 on no memory.
 */
int tbuild_set_estimate_columns(tbuild *tb, rtable *t, size_t col, const char *header, rcell_kind kind,
                                double width, double ci_width);

/*
 * Adds to sec a chart of kind of the shares in column col of t by the
 * categories in column 0, with the interval in col + 1 and col + 2 when
 * with_ci. Titles are copied; y_title may be NULL. Returns the chart (owned
 * by sec) or NULL on no memory.
 */
rchart *tbuild_add_share_chart(rsection *sec, rchart_kind kind, const rtable *t, const char *title,
                               const char *x_title, const char *y_title, size_t col, int with_ci);

/* Fills the cells of row beyond column 0 from f; returns 0, or -1 to stop (no memory). */
typedef int (*tbuild_row_fn)(tbuild *tb, rtable *t, size_t row, const report_figure *f, void *ctx);

/*
 * Appends a row for each figure of kennzahl by dimension in tb->data, in
 * reading order (build_order: Baustein 1..6, the config's municipalities,
 * codebook order, "ohne_angabe" last), names its category in column 0
 * (tbuild_add_row) and calls fill(tb, t, row, figure, ctx) for the rest.
 * Returns 0 (also when there is no such figure: no row), or -1 on no memory
 * or when fill returned nonzero (the rows added so far stay).
 */
int tbuild_add_rows(tbuild *tb, rtable *t, const char *kennzahl, const char *dimension, tbuild_row_fn fill,
                    void *ctx);

/*
 * Closes the document's cells: sets tb->doc->any_withheld from tb->withheld
 * and adds the legend of signs to sec, with the note on withheld figures
 * when any is shown (build_legend). Returns 0, or -1 on no memory.
 */
int tbuild_add_legend(tbuild *tb, rsection *sec);

#endif
