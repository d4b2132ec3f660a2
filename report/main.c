/*
 * main.c - durchblick-report: options in, report_run out.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic_file.h"
#include "config.h"
#include "diag.h"
#include "error.h"
#include "options.h"
#include "report.h"
#include "i18n.h"

#define PROG "durchblick-report"

static const char usage_text[] = N_(
    "usage: durchblick-report --config FILE --db FILE --out DIR\n"
    "                         [--report sitzung|verwendungsnachweis|all] [--format pdf|xlsx|all]\n"
    "\n"
    "Renders the Sitzungsbericht and the Verwendungsnachweis as PDF and XLSX from\n"
    "the kennzahlen table of the database (run durchblick-transform first).\n"
    "Files are named after report, region and period, e.g.\n"
    "sitzungsbericht-kreis-herford-2022.pdf, and written atomically into DIR.\n"
    "Prints the path of each file written.\n"
    "\n"
    "  --config FILE   the region's INI file\n"
    "  --db FILE       the durchblick database\n"
    "  --out DIR       directory for the reports (must exist)\n"
    "  --report WHICH  sitzung, verwendungsnachweis or all (default all)\n"
    "  --format FMT    pdf, xlsx or all (default all)\n"
    "  --help          show this help\n"
    "  --version       show the version\n"
    "\n"
    "The PDF font is DejaVu Sans from /usr/share/fonts/truetype/dejavu, or from the\n"
    "folder named by the environment variable DURCHBLICK_FONT_DIR.\n"
    "\n"
    "Exit status: 0 done, 1 the database or an output could not be processed,\n"
    "2 usage or config error.\n");

static void on_signal(int sig)
{
    atomic_file_cleanup_on_signal();
    signal(sig, SIG_DFL);
    raise(sig);
}

enum { OPT_CONFIG = 1, OPT_DB, OPT_OUT, OPT_REPORT, OPT_FORMAT, OPT_HELP, OPT_VERSION };

typedef struct report_args {
    const char *config_path, *db_path, *out_dir;
    unsigned reports, formats;
} report_args;

static int take(void *ctx, int id, const char *value)
{
    static const char *const report_names[] = {"sitzung", "verwendungsnachweis", "all", NULL};
    static const char *const format_names[] = {"pdf", "xlsx", "all", NULL};
    static const unsigned report_bits[] = {REPORT_SITZUNG, REPORT_VN, REPORT_SITZUNG | REPORT_VN};
    static const unsigned format_bits[] = {REPORT_FORMAT_PDF, REPORT_FORMAT_XLSX,
                                           REPORT_FORMAT_PDF | REPORT_FORMAT_XLSX};
    report_args *a = ctx;
    int i;
    switch (id) {
    case OPTION_OPERAND: return options_usage_error(_("unexpected argument '%s'"), value);
    case OPT_REPORT:
        if ((i = options_choice("report", value, report_names)) < 0)
            return EXIT_USAGE;
        a->reports = report_bits[i];
        return 0;
    case OPT_FORMAT:
        if ((i = options_choice("format", value, format_names)) < 0)
            return EXIT_USAGE;
        a->formats = format_bits[i];
        return 0;
    case OPT_HELP: fputs(_(usage_text), stdout); return OPTIONS_DONE;
    default: printf(PROG " %s\n", DURCHBLICK_VERSION); return OPTIONS_DONE;
    }
}

int main(int argc, char **argv)
{
    report_args a = {NULL, NULL, NULL, REPORT_SITZUNG | REPORT_VN, REPORT_FORMAT_PDF | REPORT_FORMAT_XLSX};
    const option_spec specs[] = {{"config", OPT_CONFIG, 1, &a.config_path}, {"db", OPT_DB, 1, &a.db_path},
                                 {"out", OPT_OUT, 1, &a.out_dir},          {"report", OPT_REPORT, 1, NULL},
                                 {"format", OPT_FORMAT, 1, NULL},          {"help", OPT_HELP, 0, NULL},
                                 {"version", OPT_VERSION, 0, NULL},        {NULL, 0, 0, NULL}};
    int status;

    diag_set_program(PROG);
    i18n_init();
    if ((status = options_parse(argc, argv, 1, specs, take, &a)) != 0)
        return options_exit_status(status);
    static const char *const required[] = {"config", "db", "out", NULL};
    if ((status = options_require(specs, required)) != 0)
        return status;

    config *cfg = NULL;
    dbk_error err = config_load(a.config_path, &cfg);
    if (err != DBK_OK)
        return dbk_exit_status(err);
    i18n_config_language(cfg->report_language);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    /* Past a file size limit (ulimit -f) a write must fail with EFBIG and be
     * reported (the temporary file removed), not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    err = report_run(cfg, a.db_path, a.out_dir, a.reports, a.formats, stdout);
    config_free(cfg);
    if (fflush(stdout) != 0)
        err = err ? err : DBK_ERR_IO;
    return dbk_exit_status(err);
}
