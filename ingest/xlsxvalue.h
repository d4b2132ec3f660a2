/*
 * xlsxvalue.h - the values of a workbook's cells as text: cell references,
 * serial dates (1900 and 1904 systems), numbers, number formats and the
 * _xHHHH_ escapes of strings (ECMA-376 Part 1, 18.3.1.4, 18.8.30, 18.17.4, 22.9.2.19).
 *
 * Pure functions without I/O, so that each rule is unit-tested directly.
 */
#ifndef DURCHBLICK_XLSXVALUE_H
#define DURCHBLICK_XLSXVALUE_H

#include <stddef.h>

#define XLSX_MAX_COLS 16384L    /* A..XFD */
#define XLSX_MAX_ROWS 1048576L
#define XLSX_TEXT_MAX 400       /* longest text xlsx_number_text or xlsx_serial_text writes */

/*
 * Parses a cell reference such as "C5" or "XFD1048576" in s[0..len): letters
 * A..XFD, then a row 1..1048576 without leading zero. Sets *col (0-based) and
 * *row (1-based). Returns 0, or -1 if s is no reference or out of range.
 */
int xlsx_ref_parse(const char *s, size_t len, long *col, long *row);

/* Writes the letters of column col (0-based, < XLSX_MAX_COLS) into out, NUL-terminated. */
void xlsx_col_name(long col, char out[4]);

/* What a number format shows of a cell's number. */
typedef enum {
    XLSX_SHOW_NUMBER = 0, /* the number itself */
    XLSX_SHOW_DATE,       /* a date: YYYY-MM-DD */
    XLSX_SHOW_DATETIME,   /* YYYY-MM-DD HH:MM:SS */
    XLSX_SHOW_TIME,       /* HH:MM:SS of the day */
    XLSX_SHOW_DURATION,   /* [h]:mm:ss: hours counting on past 24 */
    XLSX_SHOW_YEAR        /* a date format showing the year alone: YYYY */
} xlsx_show;

typedef struct xlsx_format {
    unsigned char show;   /* xlsx_show */
    unsigned char pad;    /* a number format of zeros only ("00000"): whole numbers padded to it */
} xlsx_format;

/* The format of a built-in number format id (0-163): 14-22, 27-36, 45-47, 50-58 are dates or times. */
xlsx_format xlsx_format_builtin(unsigned long id);

/*
 * Classifies a custom format code (numFmt formatCode) by its first section:
 * quoted text, escapes, colours and locales ignored; d, y, m (month unless
 * next to h or s), h, s, e and [h] [m] [s] decide. "General" is a number.
 */
xlsx_format xlsx_format_classify(const char *code);

/*
 * Writes the number text v[0..len) (as stored in <v>: "1234.5", "1E-3",
 * "0.30000000000000004") as German Excel writes it in a CSV file: rounded to
 * 15 significant digits (Excel's precision), decimal comma, no exponent, no
 * thousands separator ("1234,5", "0,001", "0,3"); whole numbers of a format
 * with fmt.pad zeros are padded to that width. Returns the length, or -1 if v
 * is not a number (the caller keeps the text as it is).
 */
int xlsx_number_text(const char *v, size_t len, xlsx_format fmt, char *out, size_t cap);

/*
 * Converts a serial day number to a calendar day and the seconds of the day
 * (rounded to the second). 1900 system: 1 is 1900-01-01, 59 is 1900-02-28, 60
 * is Excel's fictitious 1900-02-29 and 61 is 1900-03-01. 1904 system (the
 * workbook's date1904): 0 is 1904-01-01. Returns 0; 1 for the fictitious
 * 1900-02-29 and for day 0 of the 1900 system ("1900-01-00"), with *y *m *d set
 * as Excel shows them; -1 outside 0 .. 9999-12-31.
 */
int xlsx_serial_to_date(double serial, int date1904, int *y, int *m, int *d, long *secs);

/*
 * Writes the number text v[0..len) shown in a date or time format: per
 * fmt.show YYYY-MM-DD, YYYY-MM-DD HH:MM:SS, HH:MM:SS (hours past 24 for
 * a duration) or YYYY. A serial that
 * is no real day (Excel's 1900-02-29, day 0) is written as Excel shows it, so
 * the row is rejected with the value an analyst sees; one outside Excel's
 * range is written as a number. Returns the length, or -1 if v is no number.
 */
int xlsx_serial_text(const char *v, size_t len, int date1904, xlsx_format fmt, char *out, size_t cap);

/*
 * Decodes the _xHHHH_ escapes of a string value in place (Excel writes a
 * carriage return as _x000D_ and a literal "_x" as _x005F_x): returns the new
 * length. _x0000_ and surrogates stay as they are.
 */
size_t xlsx_unescape(char *s, size_t len);

#endif
