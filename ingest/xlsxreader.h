/*
 * xlsxreader.h - the rows of one worksheet of an .xlsx workbook as records,
 * streamed with bounded memory.
 *
 * The reader opens the package (xlsxpackage.h), finds the workbook, its
 * sheets, number formats (styles.xml) and shared strings (xlsxsst.h), then
 * streams the chosen sheet's XML row by row. A record holds the row's cells
 * by column letter: field 0 is column A, a missing cell is an empty field,
 * a row without any value is no record, and the record's line is the
 * sheet's row number. Cell values become the text a German Excel writes in
 * its CSV export, so that the codebook's parsing applies unchanged:
 *   - shared and inline strings as they are (_xHHHH_ escapes decoded);
 *   - numbers at 15 significant digits with a decimal comma ("1234,5");
 *   - numbers in a date or time format as ISO dates ("2022-12-31", with
 *     " HH:MM:SS" for date and time), in the workbook's 1900 or 1904 system;
 *   - booleans as TRUE / FALSE; formulas as their saved result;
 *   - error values (#DIV/0!, #N/A, ...) as their text, and marked
 *     (xlsx_reader_cell_error) so that a row using one is rejected.
 */
#ifndef DURCHBLICK_XLSXREADER_H
#define DURCHBLICK_XLSXREADER_H

#include <stddef.h>

#include "csvreader.h"
#include "error.h"

typedef struct xlsx_reader xlsx_reader;

typedef struct xlsx_reader_options {
    const char *sheet;        /* the sheet to read; NULL: the first visible worksheet */
    size_t max_field;         /* longest cell text kept; 0 = 16 MiB */
    size_t keep;              /* bytes kept of a longer one; 0 = 1 KiB */
    size_t spill_at;          /* shared strings in memory before temporary files; 0 = default */
} xlsx_reader_options;

/*
 * Opens the workbook in fd (seekable, positioned anywhere; the reader owns
 * it from now on, also on error); path names it in messages. On success *out
 * owns a reader (xlsx_reader_free). On error prints why, naming the file (and
 * the sheet where there is one), and returns DBK_ERR_NOT_CSV (not a
 * workbook: an OpenDocument file, .xlsb, a Word file, another zip; damaged;
 * the sheet does not exist, with the list of sheets), DBK_ERR_IO or
 * DBK_ERR_NOMEM; *out is NULL.
 */
dbk_error xlsx_reader_open(const char *path, int fd, const xlsx_reader_options *opt, xlsx_reader **out);

/*
 * Reads the next row that holds a value into *rec (storage valid until the
 * next call). Returns 1, 0 at the end of the sheet, -1 on an error that ends
 * the file (damaged XML, a row or cell out of Excel's range or out of order,
 * a shared string that does not exist, a header cell longer than max_field),
 * after printing it as "file[sheet]:row: column C 'header': ...".
 */
int xlsx_reader_next(xlsx_reader *x, csv_record *rec);

/* 1-based column of a cell of the last record cut at max_field, 0 if none. */
size_t xlsx_reader_too_long(const xlsx_reader *x);

/* Number of error-value cells (#DIV/0!, #N/A, ...) in the last record. */
size_t xlsx_reader_error_cells(const xlsx_reader *x);

/* 1 if the cell of the last record in 1-based column col holds an error value. */
int xlsx_reader_cell_error(const xlsx_reader *x, size_t col);

/* "path[sheet]": how messages name the sheet. */
const char *xlsx_reader_name(const xlsx_reader *x);

/* The sheet's name as the workbook gives it. */
const char *xlsx_reader_sheet(const xlsx_reader *x);

/* 1 if the workbook uses the 1904 date system. */
int xlsx_reader_date1904(const xlsx_reader *x);

/* Uncompressed bytes of the sheet's XML read so far (for progress). */
unsigned long long xlsx_reader_bytes(const xlsx_reader *x);

/* The row number of the last record. */
long xlsx_reader_row(const xlsx_reader *x);

/* Frees the reader, its temporary files and the file; NULL is a no-op. */
void xlsx_reader_free(xlsx_reader *x);

#endif
