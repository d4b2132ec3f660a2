/*
 * error.c - message table and exit status for dbk_error.
 */
#include "error.h"

#include "i18n.h"

static const char *const error_strings[DBK_ERR_MAX] = {
    [DBK_OK] = N_("no error"),
    [DBK_ERR_NOMEM] = N_("out of memory"),
    [DBK_ERR_IO] = N_("input/output error"),
    [DBK_ERR_USAGE] = N_("usage error"),
    [DBK_ERR_CONFIG] = N_("config error"),
    [DBK_ERR_NOT_CSV] = N_("not a csv file"),
    [DBK_ERR_IDENTIFYING] = N_("file carries direct identifiers"),
    [DBK_ERR_MISSING_COLUMN] = N_("required column missing"),
    [DBK_ERR_REJECTED] = N_("rows rejected in strict mode"),
    [DBK_ERR_DB] = N_("database error"),
    [DBK_ERR_DB_LOCKED] = N_("database is locked"),
    [DBK_ERR_DB_NOT_SQLITE] = N_("not a sqlite database"),
    [DBK_ERR_DB_NEWER] = N_("database has a newer schema version"),
    [DBK_ERR_INTERRUPTED] = N_("interrupted"),
    [DBK_ERR_NOTHING_LOADED] = N_("no row of the file could be loaded"),
};

const char *dbk_strerror(dbk_error err)
{
    if ((unsigned)err >= DBK_ERR_MAX || !error_strings[err])
        return _("unknown error");
    return _(error_strings[err]);
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
