/*
 * main.c - durchblick-transform: parses options and runs the transform stage.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "database.h"
#include "diag.h"
#include "error.h"
#include "period.h"
#include "transform.h"

static const char usage_text[] =
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
    "Exit status: 0 done, 1 the database could not be processed, 2 usage or config error.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", diag_program());
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fputs(usage_text, stderr);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        {"config", required_argument, NULL, 'c'}, {"db", required_argument, NULL, 'd'},
        {"from", required_argument, NULL, 'f'},   {"to", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},         {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    const char *config_path = NULL, *db_path = NULL, *from = NULL, *to = NULL;
    config *cfg = NULL;
    sqlite3 *db = NULL;
    dbk_error err;
    int opt, status;
    long day;

    diag_set_program("durchblick-transform");
    /* Past a file size limit (ulimit -f) a write must fail with EFBIG and be
     * reported, not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
        switch (opt) {
        case 'c':
            config_path = optarg;
            break;
        case 'd':
            db_path = optarg;
            break;
        case 'f':
            from = optarg;
            break;
        case 't':
            to = optarg;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return EXIT_DONE;
        case 'V':
            printf("durchblick-transform %s\n", DURCHBLICK_VERSION);
            return EXIT_DONE;
        case ':':
            return usage_error("option needs a value: %s", argv[optind - 1]);
        default:
            return usage_error("unknown option: %s", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return usage_error("unexpected argument: %s", argv[optind]);
    if (!config_path)
        return usage_error("%s", "missing --config FILE");
    if (!db_path)
        return usage_error("%s", "missing --db FILE");
    if (from && period_parse_date(from, &day) != 0)
        return usage_error("--from: not a date (YYYY-MM-DD): %s", from);
    if (to && period_parse_date(to, &day) != 0)
        return usage_error("--to: not a date (YYYY-MM-DD): %s", to);

    if (config_load(config_path, &cfg) != DBK_OK)
        return EXIT_USAGE;
    if ((err = database_open(db_path, DATABASE_OPEN_EXISTING, &db)) != DBK_OK) {
        status = dbk_exit_status(err);
        goto done;
    }
    err = transform_run(db, db_path, cfg, from, to);
    status = dbk_exit_status(err);
done:
    database_close(db);
    config_free(cfg);
    return status;
}
