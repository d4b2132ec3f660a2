/*
 * quality.h - data quality: completeness per codebook field and rejected
 * rows per reason.
 */
#ifndef DURCHBLICK_TRANSFORM_QUALITY_H
#define DURCHBLICK_TRANSFORM_QUALITY_H

#include <sqlite3.h>

#include "config.h"
#include "error.h"
#include "kennzahlen_writer.h"
#include "period.h"

/*
 * Adds vollstaendigkeit (dimension feld: every codebook field of teilnahmen,
 * and of angebote and mittel where they hold rows, as "angebote.titel") over
 * the rows of period p: the participations active in it (a field that
 * concerns one Baustein, disclosure_field_baustein, over that Baustein's),
 * the offers running in it, the funding of its years; and abgewiesen
 * (gesamt, and dimension grund) over all rejected rows. Returns DBK_OK; on
 * error prints a message naming path and returns it.
 */
dbk_error quality_compute(sqlite3 *db, const char *path, const config *cfg, const period *p,
                          kz_table *t);

#endif
