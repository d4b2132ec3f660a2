/*
 * main.c - durchblick-transform: parses options and runs the transform stage.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "database.h"
#include "diag.h"
#include "error.h"
#include "options.h"
#include "period.h"
#include "transform.h"
#include "i18n.h"

static const char usage_text[] = N_(
    "usage: durchblick-transform --config FILE --db FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
    "\n"
    "Computes every indicator for the reporting period into the table kennzahlen,\n"
    "with confidence intervals, tests and disclosure control.\n"
    "\n"
    "  --config FILE   the region's config (INI)\n"
    "  --db FILE       the durchblick database (made by durchblick-ingest)\n"
    "  --from DATE     first day of the period (default: config [period], else the data)\n"
    "  --to DATE       last day of the period (default: config [period], else the data)\n"
    "  --help          show this help\n"
    "  --version       show the version\n"
    "\n"
    "Exit status: 0 done, 1 the database could not be processed, 2 usage or config error.\n");

enum { OPT_CONFIG = 1, OPT_DB, OPT_FROM, OPT_TO, OPT_HELP, OPT_VERSION };

typedef struct transform_args {
    const char *config_path, *db_path, *from, *to;
} transform_args;

static int take(void *ctx, int id, const char *value)
{
    transform_args *a = ctx;
    long day;
    switch (id) {
    case OPTION_OPERAND: return options_usage_error(_("unexpected argument '%s'"), value);
    case OPT_FROM:
    case OPT_TO:
        if (period_parse_date(value, &day) != 0)
            return options_usage_error(_("--%s '%s' is not a date YYYY-MM-DD"), id == OPT_FROM ? "from" : "to", value);
        *(id == OPT_FROM ? &a->from : &a->to) = value;
        return 0;
    case OPT_HELP: fputs(_(usage_text), stdout); return OPTIONS_DONE;
    default: printf("durchblick-transform %s\n", DURCHBLICK_VERSION); return OPTIONS_DONE;
    }
}

int main(int argc, char **argv)
{
    transform_args a = {0};
    const option_spec specs[] = {{"config", OPT_CONFIG, 1, &a.config_path}, {"db", OPT_DB, 1, &a.db_path},
                                 {"from", OPT_FROM, 1, NULL},              {"to", OPT_TO, 1, NULL},
                                 {"help", OPT_HELP, 0, NULL},              {"version", OPT_VERSION, 0, NULL},
                                 {NULL, 0, 0, NULL}};
    config *cfg = NULL;
    sqlite3 *db = NULL;
    dbk_error err;
    int status;

    diag_set_program("durchblick-transform");
    i18n_init();
    /* Past a file size limit (ulimit -f) a write must fail with EFBIG and be
     * reported, not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    if ((status = options_parse(argc, argv, 1, specs, take, &a)) != 0)
        return options_exit_status(status);
    static const char *const required[] = {"config", "db", NULL};
    if ((status = options_require(specs, required)) != 0)
        return status;

    if (config_load(a.config_path, &cfg) != DBK_OK)
        return EXIT_USAGE;
    i18n_config_language(cfg->report_language);
    if ((err = database_open(a.db_path, DATABASE_OPEN_EXISTING, &db)) != DBK_OK) {
        status = dbk_exit_status(err);
        goto done;
    }
    err = transform_run(db, a.db_path, cfg, a.from, a.to);
    status = dbk_exit_status(err);
done:
    database_close(db);
    config_free(cfg);
    return status;
}
