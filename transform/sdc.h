/*
 * sdc.h - statistical disclosure control as one problem over everything
 * published (docs/disclosure.md).
 *
 * The model: cells are counts of persons or participations, each with its
 * exact value; figures are what the reports print, each showing some cells;
 * relations are the linear equalities and inequalities between cells that a
 * reader can know (line sums, the same count in two tables, identities
 * between indicators, stock and flow). Suppression chooses cells to
 * withhold: a figure is shown only if none of its cells is withheld, and a
 * cell is known to the reader only if a shown figure prints it.
 *
 * The guarantee, checked by an audit that bounds every unknown cell by
 * integer programming over all relations (GLPK): no withheld count can be
 * worked out exactly, and no count from 1 to min_fallzahl - 1 (nor the
 * complement n - z of a share) can be proven to be below min_fallzahl.
 */
#ifndef DURCHBLICK_TRANSFORM_SDC_H
#define DURCHBLICK_TRANSFORM_SDC_H

#include <stddef.h>

#include "error.h"

typedef struct sdc_model sdc_model;

/* Cell flags. */
enum {
    SDC_LATENT = 1u << 0,  /* never printed: exists to state relations (e.g. entries by quarter and Baustein) */
    SDC_DERIVED = 1u << 1  /* never printed: the complement n - z of a share */
};

/* How a cell ended up. */
typedef enum {
    SDC_SHOWN = 0,
    SDC_PRIMARY,   /* a count from 1 to min_fallzahl - 1, or the numerator of a share whose complement or denominator is one */
    SDC_SECONDARY  /* withheld to protect another */
} sdc_state;

typedef enum {
    SDC_EQ = 0, /* sum of coef * cell = 0 */
    SDC_GE      /* sum of coef * cell >= 0 */
} sdc_relation_type;

/* What the protection cost and found (for the Methodik section and tests). */
typedef struct sdc_stats {
    size_t cells, figures, relations;
    size_t primary, secondary;        /* cells withheld */
    size_t figures_withheld;
    size_t audits, lp_solves, mip_solves, rounds;
    size_t unresolved;                /* checks the audit could not make pass (0 = guarantee holds) */
    size_t structural;                /* checks only published zeros fail (0 exits: 0 placements) */
} sdc_stats;

/* Returns a new empty model for threshold min_fallzahl (>= 1), owned by the caller; NULL on no memory. */
sdc_model *sdc_new(int min_fallzahl);

/* Frees a model; NULL is a no-op. */
void sdc_free(sdc_model *m);

/*
 * Returns the index of the cell called key, adding it with value and flags
 * when new (key copied). A second call with the same key must give the same
 * value: a cell is one count, however many tables show it; a different value
 * is a programming error, reported on stderr, and returns -2. Returns -1 on
 * no memory.
 */
long sdc_cell(sdc_model *m, const char *key, long long value, unsigned flags);

/*
 * Raises the weight of cell c to weight (0..): how much a reader would miss
 * it. Secondary suppression takes lighter partners first (a cell of a table
 * only the Daten sheet holds before one of the tables by Baustein, and those
 * before a total), then smaller ones.
 */
void sdc_weight(sdc_model *m, long c, int weight);

/* Returns the index of the cell called key, or -1. */
long sdc_find(const sdc_model *m, const char *key);

/* Returns the value of cell c. */
long long sdc_value(const sdc_model *m, long c);

/* Returns the key of cell c (owned by the model). */
const char *sdc_key(const sdc_model *m, long c);

/* Returns the number of cells. */
size_t sdc_cell_count(const sdc_model *m);

/*
 * Adds a relation sum(coef[i] * cells[i]) = 0 (or >= 0) over n cells.
 * Returns 0, or -1 on no memory. A relation must hold for the true values:
 * sdc_check_relations tests that.
 */
int sdc_relate(sdc_model *m, sdc_relation_type type, size_t n, const long *cells, const int *coef);

/*
 * Adds a line: total = sum of the n parts, all counts >= 0 (a table's
 * categories and their total). Returns 0 or -1 on no memory.
 */
int sdc_line(sdc_model *m, long total, size_t n, const long *parts);

/*
 * Declares a share z / n of cells z and n: the cell n - z (the persons who
 * lack the characteristic) is protected like a count, and the pair is
 * remembered for the rules on 0 % and 100 %. comp is the cell that already
 * counts n - z (the group "ohne_angabe" for the completeness of a field), or
 * -1 to add a derived cell for it. Returns the complement's index, -1 on no
 * memory, -2 when comp's value is not n - z (a programming error, reported).
 */
long sdc_share(sdc_model *m, long z, long n, long comp);

/*
 * Adds a printed figure that shows the n cells (a count shows one; a share
 * its numerator and denominator). Returns the figure's index, or -1 on no
 * memory.
 */
long sdc_figure(sdc_model *m, size_t n, const long *cells);

/*
 * Chooses the cells to withhold: primary suppression, then secondary
 * suppression until the audit passes for every cell. Fills *stats (may be
 * NULL). Returns DBK_OK, or DBK_ERR_NOMEM. A check that cannot be made to
 * pass is counted in stats->unresolved and reported on stderr.
 */
dbk_error sdc_protect(sdc_model *m, sdc_stats *stats);

/* Returns the state of cell c after sdc_protect. */
sdc_state sdc_cell_state(const sdc_model *m, long c);

/* Returns 1 if a shown figure prints cell c after sdc_protect (the reader knows it), else 0. */
int sdc_cell_published(const sdc_model *m, long c);

/* Returns 1 if figure f is withheld after sdc_protect (one of its cells is), else 0. */
int sdc_figure_withheld(const sdc_model *m, long f);

/* Returns SDC_PRIMARY if one of figure f's cells is primary, SDC_SECONDARY if one is secondary, else SDC_SHOWN. */
sdc_state sdc_figure_state(const sdc_model *m, long f);

/*
 * Checks every relation against the cells' true values; returns the number
 * that fail and prints each on stderr (a programming error in the model).
 */
size_t sdc_check_relations(const sdc_model *m);

/*
 * Audit bounds of cell c after sdc_protect, as a reader with every published
 * figure can prove them: *lo and *hi (hi = -1 for no upper bound). For a
 * shown cell both are its value. Returns 0, or -1 on no memory.
 */
int sdc_bounds(sdc_model *m, long c, long long *lo, long long *hi);

#endif
