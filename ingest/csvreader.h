/*
 * csvreader.h - a pull reader of CSV records over libcsv, for files of any size.
 *
 * It detects the encoding (UTF-8 with or without BOM, or Windows-1252, which
 * it converts to UTF-8), honours Excel's "sep=;" first line, detects the
 * delimiter, hashes the raw bytes with SHA-256, and tells for each record the
 * line of the file where it starts. Memory is bounded by the longest record,
 * not the file.
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
} csv_reader_options;

/*
 * Opens path ("-" for standard input) for reading. On success *out owns a
 * reader (free with csv_reader_free). On error prints "prog: path: message"
 * and returns DBK_ERR_IO (cannot open, a directory) or DBK_ERR_NOT_CSV
 * (empty, binary), or DBK_ERR_INTERRUPTED without a message when a signal
 * (interrupt.h) stopped the wait for bytes; *out is NULL.
 */
dbk_error csv_reader_open(const char *path, const csv_reader_options *opt, csv_reader **out);

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

/* The path as given to csv_reader_open. */
const char *csv_reader_path(const csv_reader *r);

/* The encoding in force: "utf-8", "utf-8-bom" or "windows-1252". */
const char *csv_reader_encoding(const csv_reader *r);

/* The delimiter in force. */
char csv_reader_delimiter(const csv_reader *r);

/* Bytes read so far (for progress). */
unsigned long long csv_reader_bytes(const csv_reader *r);

/* Lines read so far. */
long csv_reader_lines(const csv_reader *r);

/* Hex SHA-256 of every byte of the file; valid once csv_reader_next returned 0. */
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
