/*
 * format.h - numbers and dates as a German (or English) reader expects them:
 * "1.234", "48,1 %", "12.345,67 €", "31.12.2022" (en: "1,234", "48.1%",
 * "€12,345.67", "31 Dec 2022").
 *
 * Every function writes a NUL-terminated string into the caller's buffer
 * (truncated to size, never overflowing) and returns buf. Rounding is half
 * away from zero on the decimal value; a result that rounds to zero never
 * carries a minus sign. Nothing here allocates.
 */
#ifndef DURCHBLICK_REPORT_FORMAT_H
#define DURCHBLICK_REPORT_FORMAT_H

#include <stddef.h>

typedef enum { REPORT_LANG_DE = 0, REPORT_LANG_EN = 1 } report_lang;

/* Signs of the tables (Destatis / BA): withheld, nothing, not meaningful. */
#define FORMAT_SIGN_WITHHELD "*"
#define FORMAT_SIGN_ZERO "\xe2\x80\x93" /* – en dash */
#define FORMAT_SIGN_UNDEFINED "x"
/* A Kaplan-Meier median or bound the curve never reaches: "n. e." (nicht erreicht), "n. r." */
#define FORMAT_SIGN_NOT_REACHED_DE "n. e."
#define FORMAT_SIGN_NOT_REACHED_EN "n. r."

/* A number with thousands separators and the given decimals (0..6): "12.345,7". */
char *format_number(char *buf, size_t size, double v, int decimals, report_lang lang);

/* A count: "1.234". */
char *format_count(char *buf, size_t size, double v, report_lang lang);

/* A share 0..1 as a percentage with decimals: 0.481 -> "48,1 %" (en "48.1%"). */
char *format_percent(char *buf, size_t size, double share, int decimals, report_lang lang);

/* Euros with cents: "12.345,67 €" (en "€12,345.67"). */
char *format_euro(char *buf, size_t size, double v, report_lang lang);

/*
 * An ISO date "YYYY-MM-DD" (anything after the tenth character is ignored) as
 * "31.12.2022" (en "31 Dec 2022"). A string that is not an ISO date is copied.
 */
char *format_date(char *buf, size_t size, const char *iso, report_lang lang);

/*
 * v rounded to the cent as format_euro shows it (half away from zero on the
 * decimal value): the amount a funding statement holds, not just prints.
 */
double format_round_cents(double v);

/* A p-value: "0,032", below 0.001 "< 0,001". */
char *format_pvalue(char *buf, size_t size, double p, report_lang lang);

/* A confidence interval of shares: "45,2–51,0 %" (en "45.2–51.0%"). */
char *format_ci_percent(char *buf, size_t size, double lo, double hi, int decimals,
                        report_lang lang);

#endif
