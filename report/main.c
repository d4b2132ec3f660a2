/*
 * main.c - durchblick-report: options in, report_run out.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic_file.h"
#include "config.h"
#include "diag.h"
#include "error.h"
#include "report.h"

#define PROG "durchblick-report"

static const char usage_text[] =
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
    "2 usage or config error.\n";

static void on_signal(int sig)
{
    atomic_file_cleanup_on_signal();
    signal(sig, SIG_DFL);
    raise(sig);
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, PROG ": ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\ntry '" PROG " --help'\n");
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        {"config", required_argument, NULL, 'c'}, {"db", required_argument, NULL, 'd'},
        {"out", required_argument, NULL, 'o'},    {"report", required_argument, NULL, 'r'},
        {"format", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},      {NULL, 0, NULL, 0}};
    const char *config_path = NULL, *db_path = NULL, *out_dir = NULL;
    unsigned reports = REPORT_SITZUNG | REPORT_VN, formats = REPORT_FORMAT_PDF | REPORT_FORMAT_XLSX;
    int opt;

    diag_set_program(PROG);
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (opt) {
        case 'c':
            config_path = optarg;
            break;
        case 'd':
            db_path = optarg;
            break;
        case 'o':
            out_dir = optarg;
            break;
        case 'r':
            if (strcmp(optarg, "sitzung") == 0)
                reports = REPORT_SITZUNG;
            else if (strcmp(optarg, "verwendungsnachweis") == 0)
                reports = REPORT_VN;
            else if (strcmp(optarg, "all") == 0)
                reports = REPORT_SITZUNG | REPORT_VN;
            else
                return usage_error("unknown report '%s' (sitzung, verwendungsnachweis or all)", optarg);
            break;
        case 'f':
            if (strcmp(optarg, "pdf") == 0)
                formats = REPORT_FORMAT_PDF;
            else if (strcmp(optarg, "xlsx") == 0)
                formats = REPORT_FORMAT_XLSX;
            else if (strcmp(optarg, "all") == 0)
                formats = REPORT_FORMAT_PDF | REPORT_FORMAT_XLSX;
            else
                return usage_error("unknown format '%s' (pdf, xlsx or all)", optarg);
            break;
        case 'h':
            fputs(usage_text, stdout);
            return EXIT_DONE;
        case 'V':
            printf("durchblick-report %s\n", DURCHBLICK_VERSION);
            return EXIT_DONE;
        case ':':
            return usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return usage_error("unexpected argument '%s'", argv[optind]);
    if (!config_path)
        return usage_error("%s", "missing --config FILE");
    if (!db_path)
        return usage_error("%s", "missing --db FILE");
    if (!out_dir)
        return usage_error("%s", "missing --out DIR");

    config *cfg = NULL;
    dbk_error err = config_load(config_path, &cfg);
    if (err != DBK_OK)
        return dbk_exit_status(err);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    /* Past a file size limit (ulimit -f) a write must fail with EFBIG and be
     * reported (the temporary file removed), not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    err = report_run(cfg, db_path, out_dir, reports, formats, stdout);
    config_free(cfg);
    if (fflush(stdout) != 0)
        err = err ? err : DBK_ERR_IO;
    return dbk_exit_status(err);
}
