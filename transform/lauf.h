/*
 * lauf.h - the run record in table `laeufe`: which config and which batches
 * the figures of a transform run came from.
 */
#ifndef DURCHBLICK_TRANSFORM_LAUF_H
#define DURCHBLICK_TRANSFORM_LAUF_H

#include <sqlite3.h>

#include "config.h"
#include "error.h"
#include "period.h"

/*
 * Inserts a row into laeufe: zeitpunkt (UTC, ISO 8601; SOURCE_DATE_EPOCH
 * when set, for reproducible runs), the period and the previous period it is
 * compared with, the data status (the newest date in the data, "" for none),
 * cfg->path (or "" without one) and cfg->sha256, and the ids of the batches
 * (lieferungen) whose rows are in teilnahmen, angebote, mittel or
 * abweisungen, ascending, joined by ','. Sets *id to the new row's id and
 * returns DBK_OK; on error prints a message naming path and returns the
 * error (nothing is inserted).
 */
dbk_error lauf_record(sqlite3 *db, const char *path, const config *cfg, const period *p,
                      const period *prev, const char *datenstand, long long *id);

#endif
