/*
 * atomic_file.h - write a file under a temporary name in its directory, then
 * rename it into place: a crash never leaves half a file under the final name.
 */
#ifndef DURCHBLICK_REPORT_ATOMIC_FILE_H
#define DURCHBLICK_REPORT_ATOMIC_FILE_H

#include "error.h"

typedef struct atomic_file {
    char *final_path; /* dir/name */
    char *temp_path;  /* dir/.name.XXXXXX, created empty (mode 0644) */
    int fd;
} atomic_file;

/*
 * Creates the temporary file for dir/name, first removing temporary files of
 * dir/name that a killed run left (their flock is free; the live writer holds
 * its own). On success fills *f (release with
 * atomic_file_commit or atomic_file_abort). On error prints
 * "prog: dir/name: message" and returns DBK_ERR_IO (or DBK_ERR_NOMEM).
 */
dbk_error atomic_file_open(atomic_file *f, const char *dir, const char *name);

/*
 * Flushes the temporary file to disk and renames it to the final path.
 * Returns DBK_OK; on error prints the message, removes the temporary file
 * and returns DBK_ERR_IO. Frees what f holds either way.
 */
dbk_error atomic_file_commit(atomic_file *f);

/* Removes the temporary file and frees what f holds; never fails loudly. */
void atomic_file_abort(atomic_file *f);

/* Removes a temporary file still open (for a signal handler: async-signal-safe). */
void atomic_file_cleanup_on_signal(void);

#endif
