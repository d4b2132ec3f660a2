/*
 * durchblick-ingest - streams CSV exports into the database (plumbing).
 *
 * Only options here; the work is in csvreader, header, row, normalize and loader.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "country.h"
#include "database.h"
#include "diag.h"
#include "interrupt.h"
#include "loader.h"
#include "rejects_file.h"

static const char usage_text[] =
    "usage: durchblick-ingest --config FILE --db FILE [--dataset teilnahmen|angebote|mittel]\n"
    "                         [--strict] [--rejects FILE.csv] [--quiet] CSV...\n"
    "\n"
    "Loads anonymised CSV exports into the durchblick database. Each file is one batch\n"
    "(table lieferungen) loaded in one transaction; rows that break a rule of the codebook\n"
    "are kept in table abweisungen with line, field, value and reason, and the rest loads.\n"
    "\n"
    "  --config FILE     the region's config (config/*.ini): mapping of headers and values\n"
    "  --db FILE         the SQLite database; created (mode 0600) if it does not exist\n"
    "  --dataset NAME    teilnahmen (default), angebote or mittel; without it a file name\n"
    "                    pattern of the config's [input] section decides, else teilnahmen\n"
    "  --strict          load nothing of a file that has any rejected row\n"
    "  --rejects FILE    also write the rejected rows of all files to FILE as CSV\n"
    "  --quiet           no summary, only errors and warnings\n"
    "  --help            this text;  --version  the version\n"
    "\n"
    "Exit status: 0 done (rejected rows are a normal outcome), 1 a file or the database\n"
    "could not be processed (or --strict with rejected rows), 2 usage or config error.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "durchblick-ingest: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\ntry 'durchblick-ingest --help'\n");
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'}, {"db", required_argument, NULL, 'd'},
        {"dataset", required_argument, NULL, 's'}, {"strict", no_argument, NULL, 'S'},
        {"rejects", required_argument, NULL, 'r'}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},          {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    const char *config_path = NULL, *db_path = NULL, *dataset = NULL, *rejects_path = NULL;
    int strict = 0, opt;

    diag_set_program("durchblick-ingest");
    /* Past a file size limit (ulimit -f) a write must fail with EFBIG and be
     * reported, not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case 'c': config_path = optarg; break;
        case 'd': db_path = optarg; break;
        case 's': dataset = optarg; break;
        case 'S': strict = 1; break;
        case 'r': rejects_path = optarg; break;
        case 'q': diag_set_quiet(1); break;
        case 'h': fputs(usage_text, stdout); return EXIT_DONE;
        case 'V': printf("durchblick-ingest %s\n", DURCHBLICK_VERSION); return EXIT_DONE;
        default:
            return usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (!config_path || !db_path)
        return usage_error("%s", "--config and --db are required");
    if (optind >= argc)
        return usage_error("%s", "no CSV file given");
    dataset_kind forced = DATASET_TEILNAHMEN;
    if (dataset && codebook_dataset_find(dataset, &forced) != 0)
        return usage_error("--dataset '%s': use teilnahmen, angebote or mittel", dataset);

    config *cfg = NULL;
    sqlite3 *db = NULL;
    country_table *countries = NULL;
    rejects_file rejects = {0};
    int status = EXIT_DONE;
    dbk_error err;
    if (rejects_path &&
        rejects_file_check(rejects_path, db_path, config_path, argv + optind, (size_t)(argc - optind)) != DBK_OK)
        return EXIT_USAGE;
    if ((err = config_load(config_path, &cfg)) != DBK_OK)
        return dbk_exit_status(err);
    if (rejects_path && rejects_file_open(&rejects, rejects_path) != DBK_OK) {
        status = EXIT_INPUT;
        goto done;
    }
    if ((err = database_open(db_path, DATABASE_OPEN_CREATE, &db)) != DBK_OK) {
        status = dbk_exit_status(err);
        goto done;
    }
    /* Ctrl-C stops the whole command: the file being loaded is rolled back, no later one starts. */
    interrupt_install();
    for (int i = optind; i < argc; i++) {
        const char *path = argv[i];
        if (interrupt_pending()) {
            diag_error(NULL, 0, NULL, "interrupted: %d file%s not loaded, from %s on", argc - i,
                       argc - i == 1 ? "" : "s", path);
            break;
        }
        dataset_kind kind = forced;
        if (!dataset && config_dataset_for_file(cfg, path, &kind) != 0) {
            kind = DATASET_TEILNAHMEN;
            if (cfg->file_pattern[DATASET_TEILNAHMEN] || cfg->file_pattern[DATASET_ANGEBOTE] ||
                cfg->file_pattern[DATASET_MITTEL])
                diag_warn(path, 0, NULL,
                          "the file name matches none of the config's [input] patterns (teilnahmen = %s, "
                          "angebote = %s, mittel = %s): read as teilnahmen; say --dataset if it is another",
                          cfg->file_pattern[0] ? cfg->file_pattern[0] : "-",
                          cfg->file_pattern[1] ? cfg->file_pattern[1] : "-",
                          cfg->file_pattern[2] ? cfg->file_pattern[2] : "-");
        }
        if (kind == DATASET_TEILNAHMEN && !countries && !(countries = country_table_load())) {
            status = EXIT_INPUT;
            goto done;
        }
        loader_options lopt = {kind, strict, isatty(STDERR_FILENO), rejects.out};
        loader_summary sum;
        err = loader_load_file(db, db_path, cfg, countries, path, &lopt, &sum);
        if (err != DBK_OK && dbk_exit_status(err) > status)
            status = dbk_exit_status(err);
    }
done:
    if (rejects_file_finish(&rejects, !interrupt_pending()) != DBK_OK)
        status = EXIT_INPUT;
    country_table_free(countries);
    database_close(db);
    config_free(cfg);
    interrupt_exit(); /* ends by the signal, if there was one */
    return status;
}
