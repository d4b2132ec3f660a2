/*
 * error.c - message table and exit status for dbk_error.
 */
#include "error.h"

static const char *const error_strings[DBK_ERR_MAX] = {
    [DBK_OK] = "no error",
    [DBK_ERR_NOMEM] = "out of memory",
    [DBK_ERR_IO] = "input/output error",
    [DBK_ERR_USAGE] = "usage error",
    [DBK_ERR_CONFIG] = "config error",
    [DBK_ERR_NOT_CSV] = "not a csv file",
    [DBK_ERR_IDENTIFYING] = "file carries direct identifiers",
    [DBK_ERR_MISSING_COLUMN] = "required column missing",
    [DBK_ERR_REJECTED] = "rows rejected in strict mode",
    [DBK_ERR_DB] = "database error",
    [DBK_ERR_DB_LOCKED] = "database is locked",
    [DBK_ERR_DB_NOT_SQLITE] = "not a sqlite database",
    [DBK_ERR_DB_NEWER] = "database has a newer schema version",
    [DBK_ERR_INTERRUPTED] = "interrupted",
    [DBK_ERR_NOTHING_LOADED] = "no row of the file could be loaded",
};

const char *dbk_strerror(dbk_error err)
{
    if ((unsigned)err >= DBK_ERR_MAX || !error_strings[err])
        return "unknown error";
    return error_strings[err];
}

int dbk_exit_status(dbk_error err)
{
    switch (err) {
    case DBK_OK:
        return EXIT_DONE;
    case DBK_ERR_USAGE:
    case DBK_ERR_CONFIG:
        return EXIT_USAGE;
    default:
        return EXIT_INPUT;
    }
}
