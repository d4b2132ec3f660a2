/*
 * report.h - runs the report stage: reads the figures, builds each requested
 * report, renders each requested format and puts the files into place.
 */
#ifndef DURCHBLICK_REPORT_REPORT_H
#define DURCHBLICK_REPORT_REPORT_H

#include <stdio.h>

#include "config.h"
#include "data.h"
#include "error.h"
#include "model.h"

enum { REPORT_SITZUNG = 1, REPORT_VN = 2 };
enum { REPORT_FORMAT_PDF = 1, REPORT_FORMAT_XLSX = 2 };

/*
 * Writes the reports (REPORT_* bits) in the formats (REPORT_FORMAT_* bits)
 * for cfg from the database at db_path into out_dir, printing the path of
 * each file written to listing (one per line). Returns DBK_OK, or the first
 * error after printing it; files already written stay, no file is ever half
 * written.
 */
dbk_error report_run(const config *cfg, const char *db_path, const char *out_dir, unsigned reports,
                     unsigned formats, FILE *listing);

/*
 * Builds the model of one report (REPORT_SITZUNG or REPORT_VN) from data,
 * the `Daten` sheet included: what every renderer draws, and all it reads.
 * On success *out is owned by the caller (rdoc_free); else *out is NULL.
 */
dbk_error report_build_model(const config *cfg, const report_data *data, report_lang lang,
                             unsigned which, rdoc **out);

/* The report language the config asks for. */
report_lang report_language(const config *cfg);

/*
 * Writes the file name for a report into buf: "<report>-<region>-<period>.<ext>",
 * period "2022" for a calendar year, else "2022-01-01-2022-06-30"; none when
 * there is no period. Returns buf.
 */
char *report_file_name(char *buf, size_t size, const char *report, const char *region_slug,
                       const char *from, const char *to, const char *ext);

#endif
