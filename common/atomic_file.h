/*
 * atomic_file.h - write a file under a temporary name in its directory, then
 * rename it into place: a crash never leaves half a file under the final name.
 */
#ifndef DURCHBLICK_ATOMIC_FILE_H
#define DURCHBLICK_ATOMIC_FILE_H

#include "error.h"

typedef struct atomic_file {
    char *final_path; /* dir/name */
    char *temp_path;  /* dir/.name.XXXXXX, created empty */
    int fd;
} atomic_file;

/*
 * Creates the temporary file for dir/name with mode 0666 minus the umask (a
 * report), first removing temporary files of dir/name that a killed run left
 * (their flock is free; the live writer holds its own, and a file SQLite
 * journalled loses its "-journal" with it). On success fills *f (release with
 * atomic_file_commit, atomic_file_commit_new or atomic_file_abort). On error
 * prints "prog: dir/name: message" and returns DBK_ERR_IO (or DBK_ERR_NOMEM).
 */
dbk_error atomic_file_open(atomic_file *f, const char *dir, const char *name);

/* As atomic_file_open, with mode 0600 whatever the umask: raw data (a database, rejected rows). */
dbk_error atomic_file_open_private(atomic_file *f, const char *dir, const char *name);

/*
 * Flushes the temporary file to disk and renames it to the final path.
 * Returns DBK_OK; on error prints the message, removes the temporary file
 * and returns DBK_ERR_IO. Frees what f holds either way.
 */
dbk_error atomic_file_commit(atomic_file *f);

/*
 * Flushes the temporary file and gives it the final name only if no file has
 * that name: a file another program made there meanwhile is never replaced.
 * Returns DBK_OK and sets *made to 1 (ours is in place) or 0 (another file
 * was there first; ours is removed). On error prints the message, removes
 * the temporary file and returns DBK_ERR_IO. Frees what f holds either way.
 */
dbk_error atomic_file_commit_new(atomic_file *f, int *made);

/* Removes the temporary file and frees what f holds; never fails loudly. */
void atomic_file_abort(atomic_file *f);

/* Removes a temporary file still open (for a signal handler: async-signal-safe). */
void atomic_file_cleanup_on_signal(void);

#endif
