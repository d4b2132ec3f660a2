/*
 * vn.h - the Verwendungsnachweis (annual funding evidence) as a report model:
 * per jahr and Baustein the money and the results, totals, the 80/20 split,
 * a factual Sachbericht per Baustein and a signature block.
 */
#ifndef DURCHBLICK_REPORT_VN_H
#define DURCHBLICK_REPORT_VN_H

#include "config.h"
#include "data.h"
#include "error.h"
#include "model.h"

/*
 * Builds the Verwendungsnachweis for data. On success *out is owned by the
 * caller (rdoc_free). Without `mittel` figures the report says so plainly.
 * Returns DBK_ERR_NOMEM (and *out NULL) when memory runs out.
 */
dbk_error vn_build(const config *cfg, const report_data *data, report_lang lang, rdoc **out);

#endif
