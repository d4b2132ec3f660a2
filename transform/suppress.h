/*
 * suppress.h - disclosure control (statistische Geheimhaltung) over the
 * figures of a run, as outputs.md and docs/kennzahlen.md define it.
 */
#ifndef DURCHBLICK_TRANSFORM_SUPPRESS_H
#define DURCHBLICK_TRANSFORM_SUPPRESS_H

#include "error.h"
#include "kennzahlen_writer.h"

/*
 * Sets gesperrt on the rows of t that disclosure control withholds:
 * primary (a count of persons or participations from 1 to min_fallzahl - 1,
 * and every rate, median or cost built on one), then secondary until
 * nothing changes: in every line of a printed table (a dimension's
 * categories with the gesamt row; in a table of two or three dimensions each
 * row and column with the one-dimension figure as its total), a single
 * withheld cell takes the next smallest shown non-zero cell with it, or the
 * total where there is none. Values are never changed. Returns DBK_OK or
 * DBK_ERR_NOMEM (t's marks may then be partial).
 */
dbk_error suppress_apply(kz_table *t, int min_fallzahl);

#endif
