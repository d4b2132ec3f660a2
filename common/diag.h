/*
 * diag.h - diagnostics in one shape: "prog: file:line: field: message" on stderr.
 */
#ifndef DURCHBLICK_DIAG_H
#define DURCHBLICK_DIAG_H

#include <stdio.h>

/* Sets the program name that prefixes every message (not copied: pass a literal). */
void diag_set_program(const char *name);

/* Returns the program name set by diag_set_program(), "durchblick" before. */
const char *diag_program(void);

/*
 * Prints "prog: file:line: field: message\n" to stderr. file may be NULL,
 * line <= 0 omits the line, field NULL omits the field. Messages are lower case.
 */
void diag_error(const char *file, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* As diag_error, with "warning: " before the message. */
void diag_warn(const char *file, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Prints "prog: message\n" to stderr unless quiet mode is on: progress and summaries. */
void diag_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sends every message to stream instead of stderr (NULL: back to stderr); for fuzzers and tests. */
void diag_set_stream(FILE *stream);

/* Silences diag_info (errors and warnings still print). */
void diag_set_quiet(int quiet);

#endif
