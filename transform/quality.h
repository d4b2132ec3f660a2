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

/*
 * Adds vollstaendigkeit (dimension feld: every codebook field of teilnahmen,
 * and of angebote and mittel where they hold rows, as "angebote.titel") over
 * all loaded rows, and abgewiesen (gesamt, and dimension grund) over all
 * rejected rows. Returns DBK_OK; on error prints a message naming path and
 * returns it.
 */
dbk_error quality_compute(sqlite3 *db, const char *path, const config *cfg, kz_table *t);

#endif
