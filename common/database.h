/*
 * database.h - the SQLite database every stage reads and writes.
 *
 * The schema (see database.c, docs/database.md) is the stable interface between
 * the stages and the analyst. It carries a version in PRAGMA user_version; an
 * older database is migrated on open, a newer one is refused.
 */
#ifndef DURCHBLICK_DATABASE_H
#define DURCHBLICK_DATABASE_H

#include <sqlite3.h>

#include "error.h"

/* Current schema version (PRAGMA user_version). */
#define DATABASE_SCHEMA_VERSION 4
/* PRAGMA application_id of a durchblick database ("DBLK"). */
#define DATABASE_APPLICATION_ID 0x44424c4b

typedef enum {
    DATABASE_OPEN_EXISTING = 0, /* the file must exist */
    DATABASE_OPEN_CREATE = 1    /* create it (mode 0600) if it does not exist */
} database_open_mode;

/*
 * Opens path, creating it with mode 0600 when mode allows, checks it is SQLite,
 * and creates or migrates the schema. On success *out owns the connection
 * (close with database_close). On error prints "prog: path: message" and
 * returns the error; *out is NULL and an existing file is unchanged.
 */
dbk_error database_open(const char *path, database_open_mode mode, sqlite3 **out);

/* Closes a connection; NULL is a no-op. */
void database_close(sqlite3 *db);

/* BEGIN IMMEDIATE: takes the write lock now, so a locked database fails early. */
dbk_error database_begin(sqlite3 *db, const char *path);

/* COMMIT; on failure rolls back and reports. */
dbk_error database_commit(sqlite3 *db, const char *path);

/* ROLLBACK if a transaction is open; never fails loudly. */
void database_rollback(sqlite3 *db);

/* Runs sql (no results) and reports a failure against path; returns DBK_OK or an error. */
dbk_error database_exec(sqlite3 *db, const char *path, const char *sql);

/*
 * Reports a failed statement as "prog: path: <what>: <sqlite's message>", what
 * formatted from fmt, and returns the dbk_error for rc (DBK_ERR_DB where rc
 * itself says success, so the caller always gets an error).
 */
dbk_error database_fail(sqlite3 *db, const char *path, int rc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * The message for the last error on db, in words a user can act on: sqlite's
 * message with the system's reason for an I/O error ("database or disk is full
 * (no space left on device)"), or what is read-only (the file or its folder).
 * Valid until the next call.
 */
const char *database_errmsg(sqlite3 *db);

/* Maps the sqlite result code rc to a dbk_error (busy/locked -> DBK_ERR_DB_LOCKED). */
dbk_error database_error_from(int rc);

#endif
