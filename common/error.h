/*
 * error.h - the one error enum of durchblick and its message table.
 */
#ifndef DURCHBLICK_ERROR_H
#define DURCHBLICK_ERROR_H

/* Exit status of every stage, as product.md promises. */
enum {
    EXIT_DONE = 0,   /* done; rejected rows are a normal outcome */
    EXIT_INPUT = 1,  /* input or database could not be processed */
    EXIT_USAGE = 2   /* usage or config error */
};

typedef enum {
    DBK_OK = 0,
    DBK_ERR_NOMEM,
    DBK_ERR_IO,
    DBK_ERR_USAGE,
    DBK_ERR_CONFIG,
    DBK_ERR_NOT_CSV,
    DBK_ERR_IDENTIFYING,
    DBK_ERR_MISSING_COLUMN,
    DBK_ERR_REJECTED,      /* --strict and at least one rejected row */
    DBK_ERR_DB,
    DBK_ERR_DB_LOCKED,
    DBK_ERR_DB_NOT_SQLITE,
    DBK_ERR_DB_NEWER,
    DBK_ERR_INTERRUPTED,
    DBK_ERR_NOTHING_LOADED, /* a file of which no row loads: a failed input */
    DBK_ERR_MAX
} dbk_error;

/* Returns a static, lower-case description of err; never NULL. */
const char *dbk_strerror(dbk_error err);

/* Maps an error to the exit status product.md gives for it. */
int dbk_exit_status(dbk_error err);

#endif
