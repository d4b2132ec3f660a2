/*
 * common_build.h - pieces both report builders share: the document head
 * (title, period, data status, cover table), category order and the
 * legend of signs.
 */
#ifndef DURCHBLICK_REPORT_COMMON_BUILD_H
#define DURCHBLICK_REPORT_COMMON_BUILD_H

#include <stddef.h>

#include "config.h"
#include "data.h"
#include "labels.h"
#include "model.h"

/*
 * Fills doc's title, subtitle, region, period, running header and footer,
 * status date and the cover table. Returns 0, or -1 on no memory.
 */
int build_head(rdoc *doc, const config *cfg, const report_data *data, label_id title,
               label_id subtitle);

/*
 * The rank of category code of dimension in reading order (Baustein number,
 * the config's municipalities, the codebook's codes; a merged group such as
 * "uebrige" and "ohne_angabe" after the others). Ties are for the caller.
 */
long build_category_rank(const config *cfg, const char *dimension, const char *code);

/*
 * Sorts the n figures at figs (a report_data_range of one dimension) into
 * reading order and writes their indices to idx: Baustein 1..6, the config's
 * municipalities in its order, codes in codebook order, quarters and years
 * ascending, "ohne_angabe" last.
 */
void build_order(const config *cfg, const char *dimension, const report_figure *figs, size_t n,
                 size_t *idx);

/* Adds the legend of signs (a small table) and, if any_withheld, the footnote. Returns 0 or -1. */
int build_legend(rsection *sec, const config *cfg, report_lang lang, int any_withheld);

/*
 * Adds the sheet `Daten` (XLSX only) to doc: the whole kennzahlen table of
 * data (and of its previous period) as one model table, a row per figure
 * (kennzahl, dimension, kategorie, zaehler, nenner, wert, ci_unten, ci_oben,
 * gesperrt, periode_von, periode_bis, bezug, geheimhaltung), the numbers of a
 * withheld figure as withheld cells. Returns 0 or -1 on no memory.
 */
int build_data_section(rdoc *doc, const report_data *data);

/* The period as the report names it: "2022" for a calendar year, else "01.01.2022 – 30.06.2022". */
void build_period_text(char *buf, size_t size, const report_data *data, report_lang lang);

#endif
