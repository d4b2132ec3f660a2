/*
 * labels.h - every text the reports print, German and English, from one
 * table (labels.c): titles, headings, column heads, sentences and the names
 * of codes. Nothing else in report/ spells out a word the reader sees.
 *
 * Returned strings are static (or owned by the config) and never NULL.
 * Sentences marked "fmt" are printf formats taking only %s arguments.
 */
#ifndef DURCHBLICK_REPORT_LABELS_H
#define DURCHBLICK_REPORT_LABELS_H

#include <stddef.h>

#include "config.h"
#include "format.h"

typedef enum {
    L_SITZUNG_TITLE, L_SITZUNG_FILE, L_VN_TITLE, L_VN_FILE, L_PROGRAMME, L_FOR_GROUP,
    L_FOR_FUNDING, L_PERIOD, L_REPORT_DATE, L_DATA_STATUS, L_DATA_DATE_LOADED, L_DATA_LOADED_ONLY, L_BATCHES, L_FILES, L_ROWS_READ,
    L_ROWS_LOADED, L_ROWS_REJECTED, L_RUN, L_CONFIG_SHA, L_PAGE_OF, L_NO_DATA, L_NO_PERIOD,
    L_ITEM, L_TOTAL, L_ALL,
    /* sections and sheets */
    L_SEC_COVER, L_SHEET_COVER, L_SEC_KEY, L_SHEET_KEY, L_SEC_VERBLEIB, L_SHEET_VERBLEIB,
    L_SEC_PLACEMENT, L_SHEET_PLACEMENT, L_SEC_TREND, L_SHEET_TREND, L_SEC_NEEDS, L_SHEET_NEEDS,
    L_SEC_LANGUAGE, L_SHEET_LANGUAGE, L_SEC_QUALITY, L_SHEET_QUALITY, L_SEC_METHOD,
    L_SHEET_METHOD, L_SHEET_DATA, L_SEC_LEGEND,
    /* column heads */
    L_COL_INDICATOR, L_COL_VALUE, L_COL_CI_LO, L_COL_CI_HI, L_COL_BASE, L_COL_COUNT,
    L_COL_SHARE, L_COL_AUSTRITTE, L_COL_PLACED, L_COL_RATE, L_COL_EINTRITTE, L_COL_BESTAND,
    L_TXT_COMPLETENESS_BASE, L_COL_PERSONS_NEED, L_COL_PLACES, L_COL_OPEN_PLACES, L_COL_COVERAGE, L_COL_GAP, L_COL_RANK, L_COL_WITH_VALUE,
    L_COL_ROWS, L_COL_REACHED, L_COL_TEILNAHMEN, L_COL_TOLERATED, L_COL_PERMITTED,
    L_COL_BEWILLIGT, L_COL_VERAUSGABT, L_COL_LANDESANTEIL, L_COL_EIGENANTEIL, L_COL_AUSSCHOEPFUNG,
    L_COL_VERMITTLUNGEN, L_COL_KOSTEN_TN, L_COL_KOSTEN_VM,
    L_COL_DIMENSION, L_COL_CATEGORY, L_COL_KENNZAHL, L_COL_ZAEHLER, L_COL_NENNER, L_COL_WERT,
    L_COL_GESPERRT, L_COL_VON, L_COL_BIS, L_COL_SIGN, L_COL_MEANING,
    /* key figures */
    L_K_ZIELGRUPPE,
    /* charts */
    L_CH_VERBLEIB, L_CH_SHARE_AUSTRITTE, L_CH_QUOTE_BY, L_CH_QUOTE, L_CH_TREND_COUNTS,
    L_CH_TREND_QUOTE, L_CH_NUMBER, L_CH_COVERAGE, L_CH_QUARTER,
    /* sentences */
    L_TXT_KEY_INTRO, L_TXT_VERBLEIB_BASE, L_TXT_PLACEMENT_INTRO, L_TXT_BY, L_TXT_CHI2_SIG,
    L_TXT_CHI2_NS, L_TXT_FISHER_SIG, L_TXT_FISHER_NS, L_TXT_TEST_WITHHELD, L_TXT_TEST_NONE,
    L_TXT_TEST_MERGED,
    L_TXT_TREND_INTRO, L_TXT_NEEDS_INTRO, L_TXT_NEEDS_KOMMUNE, L_TXT_GAPS, L_TXT_GAPS_NONE,
    L_TXT_STATUS_TABLE, L_TXT_STATUS_CLOSED, L_TXT_STATUS_OPEN, L_TXT_LANGUAGE_INTRO,
    L_TXT_COMPLETENESS, L_TXT_REJECTS, L_TXT_REJECTS_NONE, L_TXT_OUTSIDE, L_TXT_WITHHELD_NOTE,
    L_TXT_MEDIAN_UNDEF, L_TXT_NO_FIGURES, L_TXT_SECTION_EMPTY, L_TXT_CHART_WITHHELD,
    L_TXT_CHART_DATA,
    /* method */
    L_M_SOURCE, L_M_DEFINITIONS, L_M_QUOTE, L_M_DAUER, L_M_ZIELGRUPPE, L_M_DECKUNG,
    L_M_CI_WILSON, L_M_CI_CP, L_M_TESTS, L_M_DISCLOSURE, L_M_ROUNDING, L_M_RUN,
    L_M_DISCLOSURE_LOSS, L_COL_CHANGE, L_TXT_COMPARE, L_TXT_NO_COMPARE, L_COL_RATE_PREV,
    L_COL_TABLE, L_COL_FIGURES, L_COL_WITHHELD, L_M_LOSS_SPLIT, L_M_NONE_WITHHELD,
    /* legend */
    L_SIGN_WITHHELD, L_SIGN_ZERO, L_SIGN_UNDEFINED, L_SIGN_NOT_REACHED,
    /* Verwendungsnachweis */
    L_VN_NUMBERS, L_VN_FUNDS, L_VN_RESULTS, L_VN_SPLIT, L_VN_SACHBERICHT, L_VN_SB_REACH,
    L_VN_SB_EXITS, L_VN_SB_PLACED, L_VN_SB_FUNDS, L_VN_SB_NONE, L_VN_NO_MITTEL, L_VN_YEAR,
    L_VN_SIGNATURE, L_VN_PLACE_DATE, L_VN_SIGN_LINE, L_VN_CONFIRM, L_VN_OFFICE, L_VN_NOTE_FUNDS,
    L_VN_SB_WITHHELD, L_VN_SB_ENDED, L_VN_SB_EXITS_WITHHELD,
    L_SHARE_REJECTED,
    L_NO_PARTICIPATIONS,
    /* layout: renderers' own words */
    L_CONTINUED, L_CH_CI_LEGEND, L_CH_CI_BOX, L_CH_GAP_NOTE,
    L_COUNT
} label_id;

/* Returns the text of id in lang. */
const char *label(report_lang lang, label_id id);

/* Returns the heading word of a dimension ("Baustein", "Kommune", ...), or the code itself. */
const char *label_dimension(report_lang lang, const char *dimension);

/*
 * label(lang, id) in the words of the region's config: where [region]
 * einheit = Stadtbezirk, the texts that name the region's units say
 * "Stadtbezirk" instead of "Kommune". cfg may be NULL.
 */
const char *label_cfg(const config *cfg, report_lang lang, label_id id);

/* label_dimension in the words of the region's config ("Stadtbezirk"); cfg may be NULL. */
const char *label_dimension_cfg(const config *cfg, report_lang lang, const char *dimension);

/*
 * Writes the display name of category code of dimension into buf (size
 * bytes) and returns buf: "1 Coaching" for Baustein 1 (the config's name),
 * "Duldung" for aufenthaltsstatus duldung, "2022-Q1" unchanged; a code with
 * no name is copied as it is. "×"-joined pairs are named part by part.
 * cfg may be NULL.
 */
char *label_category(char *buf, size_t size, const config *cfg, report_lang lang,
                     const char *dimension, const char *code);

/* Returns Baustein nr's name (1..6): the config's, else the codebook's; "" if out of range. */
const char *label_baustein(const config *cfg, int nr);

#endif
