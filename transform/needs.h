/*
 * needs.h - needs versus offers (Bedarfs- und Angebotsanalyse): persons
 * naming a need, offer places open to them, Deckungsgrad and gaps.
 */
#ifndef DURCHBLICK_TRANSFORM_NEEDS_H
#define DURCHBLICK_TRANSFORM_NEEDS_H

#include <sqlite3.h>

#include "cohort.h"
#include "config.h"
#include "error.h"
#include "kennzahlen_writer.h"

/*
 * Adds bedarf_personen (always) and, when table angebote holds any offer,
 * plaetze_zugaenglich, plaetze_verschlossen, deckungsgrad and angebotsluecke
 * (docs/kennzahlen.md) for cohort c and the offers running in its period.
 * Offer municipalities unknown to c are added to its kommune dimension.
 * Returns DBK_OK; on error prints a message naming path (database errors)
 * and returns it; t may then hold part of the rows.
 */
dbk_error needs_compute(sqlite3 *db, const char *path, cohort *c, const config *cfg,
                        kz_table *t);

#endif
