/*
 * csvreader.h - a pull reader of the records of an export, for files of any size.
 *
 * For CSV text (over libcsv) it detects the encoding (UTF-8 with or without
 * BOM, Windows-1252, or UTF-16 with a BOM as Excel's "Unicode-Text" writes
 * it; all converted to UTF-8 as the bytes stream in), honours Excel's "sep=;"
 * first line, detects the delimiter, hashes the raw bytes with SHA-256, and
 * tells for each record the line of the file where it starts. Memory is
 * bounded by the longest record, not the file.
 *
 * A file that is an .xlsx workbook by its content (a zip package) is read
 * through xlsxreader.h instead: the same records, one per row of a sheet,
 * with the sheet's row numbers as lines. An .xls, a password-protected
 * workbook or an .ods is refused, saying how to save it.
 */
#ifndef DURCHBLICK_CSVREADER_H
#define DURCHBLICK_CSVREADER_H

#include <stddef.h>

#include "config.h"
#include "error.h"

typedef struct csv_reader csv_reader;

typedef struct csv_record {
    char **fields;       /* UTF-8 (or, if invalid, the raw bytes), NUL-terminated; owned by the reader */
    size_t *lens;        /* byte lengths of fields */
    size_t n_fields;
    long line;           /* line in the file where the record starts (1-based) */
} csv_record;

typedef struct csv_reader_options {
    config_encoding encoding; /* ENCODING_AUTO detects */
    char delimiter;           /* 0 detects */
    size_t max_field;         /* longest field accepted; 0 = 16 MiB */
    const char *sheet;        /* a workbook's sheet to read; NULL: the first visible one */
} csv_reader_options;

/*
 * Opens path ("-" for standard input) for reading. On success *out owns a
 * reader (free with csv_reader_free). On error prints "prog: path: message"
 * and returns DBK_ERR_IO (cannot open, a directory) or DBK_ERR_NOT_CSV
 * (empty, binary, a workbook that cannot be read, with the reason), or
 * DBK_ERR_INTERRUPTED without a message when a signal (interrupt.h) stopped
 * the wait for bytes; *out is NULL.
 */
dbk_error csv_reader_open(const char *path, const csv_reader_options *opt, csv_reader **out);

/*
 * Opens path as csv_reader_open does and reads its header record into *header
 * (valid until the next csv_reader_next). On success *out owns the reader. On
 * error *out is NULL and it returns csv_reader_open's error, DBK_ERR_NOT_CSV
 * after printing "no header line" for a file without records, or DBK_ERR_IO
 * when reading the header failed (printed by csv_reader_next).
 */
dbk_error csv_reader_open_header(const char *path, const csv_reader_options *opt, csv_reader **out,
                                 csv_record *header);

/*
 * Reads the next record into *rec; its storage stays valid until the next call.
 * Returns 1 for a record, 0 at the end of the file, -1 on an error that ends
 * the file (read error, a header field too long, unterminated quote), after
 * printing it with its line, or without a message when a signal (interrupt.h)
 * stopped the wait for bytes. A field of a later record longer than max_field is
 * cut to its first bytes (memory stays bounded) and reported as a warning; see
 * csv_reader_too_long.
 */
int csv_reader_next(csv_reader *r, csv_record *rec);

/* 1-based column of a field of the last record that was cut at max_field, 0 if none. */
size_t csv_reader_too_long(const csv_reader *r);

/*
 * Number of fields of the last record that hold a spreadsheet's error value
 * (#DIV/0!, #N/A, ... in a workbook cell); always 0 for CSV text.
 */
size_t csv_reader_error_cells(const csv_reader *r);

/* 1 if the field in 1-based column col of the last record holds a spreadsheet error value. */
int csv_reader_cell_error(const csv_reader *r, size_t col);

/* The path as given to csv_reader_open. */
const char *csv_reader_path(const csv_reader *r);

/* How messages name the input: the path, or "path[sheet]" for a workbook. */
const char *csv_reader_name(const csv_reader *r);

/* The encoding in force: "utf-8", "utf-8-bom", "windows-1252", "utf-16le", "utf-16be" or "xlsx". */
const char *csv_reader_encoding(const csv_reader *r);

/* The delimiter in force; 0 for a workbook. */
char csv_reader_delimiter(const csv_reader *r);

/* Bytes read so far (for progress; of a workbook: of its sheet's XML). */
unsigned long long csv_reader_bytes(const csv_reader *r);

/* Lines read so far (of a workbook: the row number of the last record). */
long csv_reader_lines(const csv_reader *r);

/* Hex SHA-256 of every byte of the file (of a workbook: of the .xlsx file); valid once csv_reader_next returned 0. */
const char *csv_reader_sha256(const csv_reader *r);

/* Closes the file and frees the reader; NULL is a no-op. */
void csv_reader_free(csv_reader *r);

/* Converts Windows-1252 bytes in[0..len) to UTF-8 in out (capacity >= 3 * len); returns the length. */
size_t csv_cp1252_to_utf8(const unsigned char *in, size_t len, char *out);

/*
 * Picks the delimiter of a CSV text from its first record (outside quotes):
 * the most frequent of ';', ',' and tab; ';' on a tie, ',' when none occurs.
 */
char csv_detect_delimiter(const char *text, size_t len);

#endif
