/*
 * rejects_file.h - the --rejects CSV: which file may be written as one, and
 * writing it atomically (a temporary file renamed into place at the end).
 *
 * A rejects file is recognised by its first line, REJECTS_FILE_HEADER: only
 * such a file (or an empty one) is ever replaced, so a mistyped or forgotten
 * file name after --rejects can never empty the database, an export or any
 * other file.
 */
#ifndef DURCHBLICK_REJECTS_FILE_H
#define DURCHBLICK_REJECTS_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "atomic_file.h"
#include "error.h"

/* The first line of every rejects file durchblick writes. */
#define REJECTS_FILE_HEADER "datei,zeile,feld,wert,grund\n"

typedef struct rejects_file {
    atomic_file temp; /* the temporary file, 0600 (it holds raw values) */
    FILE *out;        /* rows go here */
    char *path;       /* the final name */
} rejects_file;

/*
 * Checks that path may become the rejects file: it must not be the database
 * (db_path, also one not made yet), the config or one of the n inputs under
 * any name, and it must not exist, be empty, or be a rejects file (first line
 * REJECTS_FILE_HEADER). Returns DBK_OK, or prints the reason as
 * "prog: path: message" and returns DBK_ERR_USAGE.
 */
dbk_error rejects_file_check(const char *path, const char *db_path, const char *config_path,
                             char *const *inputs, size_t n);

/*
 * Starts writing the rejects file for path (checked with rejects_file_check):
 * a temporary file in its folder with the header line. On success fills *rf
 * (finish with rejects_file_finish). On error prints it and returns DBK_ERR_IO.
 */
dbk_error rejects_file_open(rejects_file *rf, const char *path);

/*
 * Finishes the rejects file: with keep, flushes it and renames it into place
 * (replacing the previous rejects file only now); without keep, or if a
 * write failed, removes the temporary file and leaves any previous one as it
 * was. Returns DBK_OK, or DBK_ERR_IO after printing that the file could not be
 * written. Frees what rf holds either way.
 */
dbk_error rejects_file_finish(rejects_file *rf, int keep);

#endif
