/*
 * durchblick - the porcelain: "durchblick run" runs ingest, transform and report
 * for one config, stopping at the first stage that fails with that stage's
 * message and exit status. The stages are the plumbing next to this program.
 *
 * Before any stage starts, every option, path and input is checked, so that a
 * mistake found late (a forgotten --out value, a missing file) never leaves the
 * database changed or an empty database behind.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "error.h"
#include "interrupt.h"
#include "options.h"
#include "paths.h"
#include "period.h"
#include "rejects_file.h"
#include "i18n.h"

static const char usage_text[] = N_(
    "usage: durchblick run --config FILE --db FILE --out DIR [--strict] [--rejects FILE.csv]\n"
    "                      [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
    "                      [--dataset teilnahmen|angebote|mittel|auto] CSV|XLSX...\n"
    "\n"
    "Runs the whole pipeline for one region, as an analyst needs it:\n"
    "  1. durchblick-ingest     loads each CSV or .xlsx workbook (the config's [input]\n"
    "                           file name patterns decide teilnahmen, angebote or\n"
    "                           mittel; --dataset NAME\n"
    "                           before files sets it for the files after it, auto\n"
    "                           returns to the patterns)\n"
    "  2. durchblick-transform  computes every indicator for --from/--to, else the\n"
    "                           config's [period], else all data\n"
    "  3. durchblick-report     writes the Sitzungsbericht and the Verwendungsnachweis\n"
    "                           as PDF and XLSX into DIR and prints their paths\n"
    "Every option, path and file is checked before the first stage starts. It stops at\n"
    "the first stage that fails, with that stage's exit status.\n"
    "\n"
    "  --strict          ingest loads nothing of a file that has any rejected row\n"
    "  --rejects FILE    ingest writes the rejected rows of all files to FILE as CSV\n"
    "\n"
    "Exit status: 0 done, 1 input or database could not be processed, 2 usage or config error;\n"
    "Ctrl-C: 130, after the stage running has rolled back.\n");

enum {
    OPT_CONFIG = 1, OPT_DB, OPT_OUT, OPT_STRICT, OPT_REJECTS, OPT_FROM, OPT_TO, OPT_DATASET,
    OPT_HELP, OPT_VERSION
};

typedef struct run_args {
    const char *config, *db, *out, *rejects, *from, *to;
    int strict;
    char **ingest_items; /* --dataset NAME and files, in order, for ingest */
    size_t n_items;
    char **files;
    size_t n_files;
    int dataset_pending;
} run_args;

static char stage_dir[PATH_MAX];

/* Finds the directory of this executable: the stages are installed beside it. */
static void find_stage_dir(const char *argv0)
{
    if (path_exe_dir(stage_dir, sizeof stage_dir) == 0)
        return;
    snprintf(stage_dir, sizeof stage_dir, "%s", argv0);
    char *slash = strrchr(stage_dir, '/');
    if (slash)
        *slash = '\0';
    else
        strcpy(stage_dir, ".");
}

/* Runs stage with args (NULL-terminated); returns its exit status, 1 if it could not run. */
static int run_stage(const char *stage, char **args)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", stage_dir, stage);
    args[0] = path;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, _("durchblick: cannot start %s: %s\n"), stage, strerror(errno));
        return EXIT_INPUT;
    }
    if (pid == 0) {
        execv(path, args);
        fprintf(stderr, _("durchblick: cannot run %s: %s\n"), path, strerror(errno));
        _exit(EXIT_INPUT);
    }
    /* Ctrl-C reaches the stage from the terminal; a signal sent to run alone is passed on.
     * Either way run waits for the stage to roll back and end, then stops. */
    interrupt_forward(pid);
    if (interrupt_pending())
        kill(pid, interrupt_pending());
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            interrupt_forward(0);
            return EXIT_INPUT;
        }
    }
    interrupt_forward(0);
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
            fprintf(stderr, _("durchblick: %s was interrupted: stopped, no later stage runs\n"), stage);
            signal(sig, SIG_DFL);
            raise(sig);
        }
        fprintf(stderr, _("durchblick: %s was killed by signal %d\n"), stage, sig);
        return EXIT_INPUT;
    }
    if (interrupt_pending()) {
        fprintf(stderr, _("durchblick: interrupted: stopped after %s, no later stage runs\n"), stage);
        interrupt_exit();
    }
    return WEXITSTATUS(status);
}

static int take(void *ctx, int id, const char *value)
{
    static const char *const datasets[] = {"teilnahmen", "angebote", "mittel", "auto", NULL};
    run_args *a = ctx;
    long day;
    switch (id) {
    case OPTION_OPERAND:
        a->files[a->n_files++] = (char *)value;
        a->ingest_items[a->n_items++] = (char *)value;
        a->dataset_pending = 0;
        return 0;
    case OPT_STRICT: a->strict = 1; return 0;
    case OPT_FROM:
    case OPT_TO:
        if (period_parse_date(value, &day) != 0)
            return options_usage_error(_("--%s '%s' is not a date YYYY-MM-DD"), id == OPT_FROM ? "from" : "to", value);
        *(id == OPT_FROM ? &a->from : &a->to) = value;
        return 0;
    case OPT_DATASET:
        if (options_choice("dataset", value, datasets) < 0)
            return EXIT_USAGE;
        a->ingest_items[a->n_items++] = "--dataset";
        a->ingest_items[a->n_items++] = (char *)value;
        a->dataset_pending = 1;
        return 0;
    case OPT_HELP: fputs(_(usage_text), stdout); return OPTIONS_DONE;
    default: printf("durchblick %s\n", DURCHBLICK_VERSION); return OPTIONS_DONE;
    }
}

/* --out: a folder, or a new one in a folder that exists. Returns 0 or a usage error. */
static int check_out(const char *out)
{
    struct stat st;
    char parent[PATH_MAX];
    if (stat(out, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        return options_usage_error(_("--out '%s' is a file, not a folder (was the folder after --out forgotten?)"),
                                   out);
    }
    if (path_parent_is_folder(out, parent, sizeof parent))
        return 0;
    return options_usage_error(_("--out '%s': the folder %s does not exist (report makes one new folder only)"), out,
                               parent);
}

/* --db: an existing file, or a new one in a folder that exists. Returns 0 or an exit status. */
static int check_db(const char *db)
{
    struct stat st;
    char parent[PATH_MAX];
    if (stat(db, &st) == 0) {
        if (S_ISREG(st.st_mode))
            return 0;
        diag_error(db, 0, NULL, _("database is not a regular file"));
        return EXIT_INPUT;
    }
    if (path_parent_is_folder(db, parent, sizeof parent))
        return 0;
    diag_error(db, 0, NULL, _("cannot create the database: the folder %s does not exist"), parent);
    return EXIT_INPUT;
}

/* Every check that can be made before a stage runs. Returns 0 or the exit status. */
static int check_all(const run_args *a)
{
    int st;
    if (!a->config || !a->db || !a->out)
        return options_usage_error(_("run needs --config, --db and --out"));
    if (a->n_files == 0)
        return options_usage_error(_("run needs at least one CSV file"));
    if (a->dataset_pending)
        return options_usage_error(_("--dataset comes after the last file: put it before the files it is for"));
    if (a->from && a->to && strcmp(a->from, a->to) > 0)
        return options_usage_error(_("--from %s is after --to %s"), a->from, a->to);
    config *cfg = NULL;
    if (config_load(a->config, &cfg) != DBK_OK)
        return EXIT_USAGE;
    i18n_config_language(cfg->report_language); /* and, through LANGUAGE, for the stages */
    config_free(cfg);
    for (size_t i = 0; i < a->n_files; i++) {
        if (path_same_file(a->files[i], a->db) || path_same_file(a->files[i], a->config))
            return options_usage_error(_("'%s' is the %s, not a file to load"), a->files[i],
                                       path_same_file(a->files[i], a->db) ? _("database") : _("config"));
    }
    if ((st = check_out(a->out)) != 0)
        return st;
    if (a->rejects && rejects_file_check(a->rejects, a->db, a->config, a->files, a->n_files) != DBK_OK)
        return EXIT_USAGE;
    if (paths_check_inputs(a->files, a->n_files) > 0) {
        diag_error(NULL, 0, NULL, _("nothing was run: check the file names"));
        return EXIT_INPUT;
    }
    return check_db(a->db);
}

int main(int argc, char **argv)
{
    run_args a = {0};
    const option_spec specs[] = {
        {"config", OPT_CONFIG, 1, &a.config}, {"db", OPT_DB, 1, &a.db},
        {"out", OPT_OUT, 1, &a.out},          {"strict", OPT_STRICT, 0, NULL},
        {"rejects", OPT_REJECTS, 1, &a.rejects}, {"from", OPT_FROM, 1, NULL},
        {"to", OPT_TO, 1, NULL},              {"dataset", OPT_DATASET, 1, NULL},
        {"help", OPT_HELP, 0, NULL},          {"version", OPT_VERSION, 0, NULL},
        {NULL, 0, 0, NULL}};
    char **args = NULL;
    int status;

    diag_set_program("durchblick");
    i18n_init();
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0)) {
        fputs(_(usage_text), stdout);
        return EXIT_DONE;
    }
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("durchblick %s\n", DURCHBLICK_VERSION);
        return EXIT_DONE;
    }
    if (argc < 2 || strcmp(argv[1], "run") != 0)
        return options_usage_error(_("expected the command 'run'"));
    a.files = calloc((size_t)argc + 1, sizeof *a.files);
    a.ingest_items = calloc((size_t)argc + 1, sizeof *a.ingest_items);
    args = calloc((size_t)argc + 16, sizeof *args);
    if (!a.files || !a.ingest_items || !args) {
        status = EXIT_INPUT;
        goto done;
    }
    if ((status = options_parse(argc, argv, 2, specs, take, &a)) != 0) {
        status = options_exit_status(status);
        goto done;
    }
    if ((status = check_all(&a)) != 0)
        goto done;
    find_stage_dir(argv[0]);
    interrupt_install();

    size_t k = 1;
    args[k++] = "--config";
    args[k++] = (char *)a.config;
    args[k++] = "--db";
    args[k++] = (char *)a.db;
    size_t common = k;
    if (a.strict)
        args[k++] = "--strict";
    if (a.rejects) {
        args[k++] = "--rejects";
        args[k++] = (char *)a.rejects;
    }
    for (size_t i = 0; i < a.n_items; i++)
        args[k++] = a.ingest_items[i];
    args[k] = NULL;
    status = run_stage("durchblick-ingest", args);
    if (status == EXIT_DONE) {
        k = common;
        if (a.from) {
            args[k++] = "--from";
            args[k++] = (char *)a.from;
        }
        if (a.to) {
            args[k++] = "--to";
            args[k++] = (char *)a.to;
        }
        args[k] = NULL;
        status = run_stage("durchblick-transform", args);
    }
    if (status == EXIT_DONE) {
        k = common;
        args[k++] = "--out";
        args[k++] = (char *)a.out;
        args[k] = NULL;
        status = run_stage("durchblick-report", args);
    }
done:
    free(args);
    free(a.files);
    free(a.ingest_items);
    return status;
}
