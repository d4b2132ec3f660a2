/*
 * durchblick-ingest - streams CSV exports and .xlsx workbooks into the
 * database (plumbing); with --suggest, proposes config lines instead.
 *
 * Only options here; the work is in csvreader, header, row, normalize and loader.
 */
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
#include "options.h"
#include "paths.h"
#include "rejects_file.h"
#include "suggest.h"
#include "i18n.h"

static const char usage_text[] = N_(
    "usage: durchblick-ingest --config FILE --db FILE [--strict] [--rejects FILE.csv] [--quiet]\n"
    "                         [--dataset teilnahmen|angebote|mittel|auto] CSV|XLSX...\n"
    "       durchblick-ingest --config FILE --suggest NEW.ini [--dataset NAME] CSV|XLSX...\n"
    "\n"
    "Loads anonymised exports into the durchblick database: CSV (UTF-8, Windows-1252 or\n"
    "Excel's Unicode-Text) or an .xlsx workbook (its first sheet, or [input] sheet of the\n"
    "config). Each file is one batch (table lieferungen) loaded in one transaction; rows\n"
    "that break a rule of the codebook are kept in table abweisungen with line, field,\n"
    "value and reason, and the rest loads. A file of which no row loads is refused.\n"
    "Every file is checked to exist first.\n"
    "\n"
    "  --config FILE     the region's config (config/*.ini): mapping of headers and values\n"
    "  --db FILE         the SQLite database; created (mode 0600) if it does not exist\n"
    "  --dataset NAME    teilnahmen, angebote or mittel for the files after it; auto (the\n"
    "                    default) takes the config's [input] file name patterns, else\n"
    "                    teilnahmen: --dataset angebote a.csv --dataset mittel m.csv\n"
    "  --strict          load nothing of a file that has any rejected row\n"
    "  --rejects FILE    also write the rejected rows of all files to FILE as CSV (never\n"
    "                    an existing file that is not such a rejects file)\n"
    "  --quiet           no summary, only errors and warnings\n"
    "  --suggest NEW.ini load nothing: write the config with a proposed line for each\n"
    "                    header and value it does not map yet (each with a comment)\n"
    "  --help            this text;  --version  the version\n"
    "\n"
    "Exit status: 0 done (rejected rows are a normal outcome), 1 a file or the database\n"
    "could not be processed (or --strict with rejected rows), 2 usage or config error;\n"
    "Ctrl-C: 130, after rolling back the file being loaded.\n");

enum {
    OPT_CONFIG = 1, OPT_DB, OPT_DATASET, OPT_STRICT, OPT_REJECTS, OPT_QUIET, OPT_SUGGEST, OPT_HELP, OPT_VERSION
};

typedef struct ingest_args {
    const char *config_path, *db_path, *rejects_path, *suggest_path;
    int strict;
    int dataset;         /* for the next files: a dataset_kind, or -1 for the config's patterns */
    int dataset_pending; /* a --dataset with no file after it yet */
    char **files;
    int *kinds;          /* per file: a dataset_kind or -1 */
    size_t n_files;
} ingest_args;

static int take(void *ctx, int id, const char *value)
{
    static const char *const datasets[] = {"teilnahmen", "angebote", "mittel", "auto", NULL};
    ingest_args *a = ctx;
    int i;
    switch (id) {
    case OPTION_OPERAND:
        a->files[a->n_files] = (char *)value;
        a->kinds[a->n_files++] = a->dataset;
        a->dataset_pending = 0;
        return 0;
    case OPT_DATASET:
        if ((i = options_choice("dataset", value, datasets)) < 0)
            return EXIT_USAGE;
        a->dataset = i == 3 ? -1 : i; /* codebook order: teilnahmen, angebote, mittel */
        a->dataset_pending = 1;
        return 0;
    case OPT_STRICT: a->strict = 1; return 0;
    case OPT_QUIET: diag_set_quiet(1); return 0;
    case OPT_HELP: fputs(_(usage_text), stdout); return OPTIONS_DONE;
    default: printf("durchblick-ingest %s\n", DURCHBLICK_VERSION); return OPTIONS_DONE;
    }
}

/* The dataset of file i: --dataset before it, else the config's pattern (said when none matches). */
static dataset_kind dataset_of(const config *cfg, const ingest_args *a, size_t i)
{
    dataset_kind kind = DATASET_TEILNAHMEN;
    const char *path = a->files[i];
    if (a->kinds[i] >= 0)
        return (dataset_kind)a->kinds[i];
    if (config_dataset_for_file(cfg, path, &kind) == 0)
        return kind;
    if (cfg->file_pattern[DATASET_TEILNAHMEN] || cfg->file_pattern[DATASET_ANGEBOTE] ||
        cfg->file_pattern[DATASET_MITTEL])
        diag_warn(path, 0, NULL,
                  _("the file name matches none of the config's [input] patterns (teilnahmen = %s, "
                  "angebote = %s, mittel = %s): read as teilnahmen; say --dataset if it is another"),
                  cfg->file_pattern[0] ? cfg->file_pattern[0] : "-", cfg->file_pattern[1] ? cfg->file_pattern[1] : "-",
                  cfg->file_pattern[2] ? cfg->file_pattern[2] : "-");
    return DATASET_TEILNAHMEN;
}

int main(int argc, char **argv)
{
    ingest_args a = {0};
    const option_spec specs[] = {
        {"config", OPT_CONFIG, 1, &a.config_path}, {"db", OPT_DB, 1, &a.db_path},
        {"dataset", OPT_DATASET, 1, NULL},         {"strict", OPT_STRICT, 0, NULL},
        {"rejects", OPT_REJECTS, 1, &a.rejects_path}, {"quiet", OPT_QUIET, 0, NULL},
        {"suggest", OPT_SUGGEST, 1, &a.suggest_path},
        {"help", OPT_HELP, 0, NULL},               {"version", OPT_VERSION, 0, NULL},
        {NULL, 0, 0, NULL}};
    config *cfg = NULL;
    sqlite3 *db = NULL;
    country_table *countries = NULL;
    rejects_file rejects = {0};
    int status = EXIT_DONE;
    dbk_error err;

    diag_set_program("durchblick-ingest");
    i18n_init();
    /* Past a file size limit (ulimit -f) a write must fail with EFBIG and be
     * reported, not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    a.dataset = -1;
    a.files = calloc((size_t)argc + 1, sizeof *a.files);
    a.kinds = calloc((size_t)argc + 1, sizeof *a.kinds);
    if (!a.files || !a.kinds) {
        status = EXIT_INPUT;
        goto done;
    }
    if ((status = options_parse(argc, argv, 1, specs, take, &a)) != 0) {
        status = options_exit_status(status);
        goto done;
    }
    static const char *const required[] = {"config", "db", NULL};
    static const char *const required_suggest[] = {"config", NULL};
    if (a.suggest_path && (a.db_path || a.strict || a.rejects_path)) {
        status = options_usage_error(_("--suggest loads nothing: it takes no --db, --strict or --rejects"));
        goto done;
    }
    if ((status = options_require(specs, a.suggest_path ? required_suggest : required)) != 0)
        goto done;
    if (a.n_files == 0)
        status = options_usage_error(_("no CSV or XLSX file given"));
    else if (a.dataset_pending)
        status = options_usage_error(_("--dataset comes after the last file: put it before the files it is for"));
    else if (a.rejects_path && rejects_file_check(a.rejects_path, a.db_path, a.config_path, a.files, a.n_files) != DBK_OK)
        status = EXIT_USAGE;
    if (status != EXIT_DONE)
        goto done;
    if ((err = config_load(a.config_path, &cfg)) != DBK_OK) {
        status = dbk_exit_status(err);
        goto done;
    }
    i18n_config_language(cfg->report_language);
    if (a.suggest_path) {
        if (!(countries = country_table_load())) {
            status = EXIT_INPUT;
            goto done;
        }
        /* the proposal reads every file as one dataset: the first --dataset, else the patterns */
        suggest_options sopt = {a.config_path, a.suggest_path, a.kinds[0] >= 0,
                                a.kinds[0] >= 0 ? (dataset_kind)a.kinds[0] : DATASET_TEILNAHMEN,
                                isatty(STDOUT_FILENO) ? stdout : NULL};
        status = dbk_exit_status(suggest_run(cfg, countries, &sopt, a.files, a.n_files));
        goto done;
    }
    /* Every file is there before the database is made or changed: a mistyped name must
     * not leave an empty database, nor load half of what was meant. */
    if (paths_check_inputs(a.files, a.n_files) > 0) {
        diag_error(NULL, 0, NULL, _("nothing was loaded: check the file names"));
        status = EXIT_INPUT;
        goto done;
    }
    if (a.rejects_path && rejects_file_open(&rejects, a.rejects_path) != DBK_OK) {
        status = EXIT_INPUT;
        goto done;
    }
    if ((err = database_open(a.db_path, DATABASE_OPEN_CREATE, &db)) != DBK_OK) {
        status = dbk_exit_status(err);
        goto done;
    }
    /* Ctrl-C stops the whole command: the file being loaded is rolled back, no later one starts. */
    interrupt_install();
    for (size_t i = 0; i < a.n_files; i++) {
        const char *path = a.files[i];
        if (interrupt_pending()) {
            diag_error(NULL, 0, NULL,
                       P_("interrupted: %zu file not loaded, from %s on",
                          "interrupted: %zu files not loaded, from %s on", a.n_files - i),
                       a.n_files - i, path);
            break;
        }
        dataset_kind kind = dataset_of(cfg, &a, i);
        if (kind == DATASET_TEILNAHMEN && !countries && !(countries = country_table_load())) {
            status = EXIT_INPUT;
            goto done;
        }
        loader_options lopt = {kind, a.strict, isatty(STDERR_FILENO), rejects.out};
        loader_summary sum;
        err = loader_load_file(db, a.db_path, cfg, countries, path, &lopt, &sum);
        if (err != DBK_OK && dbk_exit_status(err) > status)
            status = dbk_exit_status(err);
    }
done:
    if (rejects_file_finish(&rejects, !interrupt_pending()) != DBK_OK)
        status = EXIT_INPUT;
    country_table_free(countries);
    database_close(db);
    config_free(cfg);
    free(a.files);
    free(a.kinds);
    interrupt_exit(); /* ends by the signal, if there was one */
    return status;
}
