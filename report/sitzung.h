/*
 * sitzung.h - the Sitzungsbericht (meeting report) as a report model: the
 * nine sections of outputs.md in their order, built from kennzahlen alone.
 */
#ifndef DURCHBLICK_REPORT_SITZUNG_H
#define DURCHBLICK_REPORT_SITZUNG_H

#include "config.h"
#include "data.h"
#include "error.h"
#include "model.h"

/*
 * Builds the Sitzungsbericht for data. On success *out is owned by the
 * caller (rdoc_free). A period without figures gives a report that says so.
 * Returns DBK_ERR_NOMEM (and *out NULL) when memory runs out.
 */
dbk_error sitzung_build(const config *cfg, const report_data *data, report_lang lang, rdoc **out);

#endif
