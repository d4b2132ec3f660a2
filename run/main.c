/*
 * durchblick - the porcelain: "durchblick run" runs ingest, transform and report
 * for one config, stopping at the first stage that fails with that stage's
 * message and exit status. The stages are the plumbing next to this program.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "interrupt.h"

static const char usage_text[] =
    "usage: durchblick run --config FILE --db FILE --out DIR [--strict] CSV...\n"
    "\n"
    "Runs the whole pipeline for one region, as an analyst needs it:\n"
    "  1. durchblick-ingest     loads each CSV (the config's [input] file name patterns\n"
    "                           decide teilnahmen, angebote or mittel)\n"
    "  2. durchblick-transform  computes every indicator for the config's [period]\n"
    "  3. durchblick-report     writes the Sitzungsbericht and the Verwendungsnachweis\n"
    "                           as PDF and XLSX into DIR and prints their paths\n"
    "It stops at the first stage that fails, with that stage's exit status.\n"
    "\n"
    "Exit status: 0 done, 1 input or database could not be processed, 2 usage or config error.\n";

static char stage_dir[PATH_MAX];

/* Finds the directory of this executable: the stages are installed beside it. */
static void find_stage_dir(const char *argv0)
{
    ssize_t n = readlink("/proc/self/exe", stage_dir, sizeof stage_dir - 1);
    if (n <= 0) {
        snprintf(stage_dir, sizeof stage_dir, "%s", argv0);
        n = (ssize_t)strlen(stage_dir);
    }
    stage_dir[n] = '\0';
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
        fprintf(stderr, "durchblick: cannot start %s: %s\n", stage, strerror(errno));
        return EXIT_INPUT;
    }
    if (pid == 0) {
        execv(path, args);
        fprintf(stderr, "durchblick: cannot run %s: %s\n", path, strerror(errno));
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
            fprintf(stderr, "durchblick: %s was interrupted: stopped, no later stage runs\n", stage);
            signal(sig, SIG_DFL);
            raise(sig);
        }
        fprintf(stderr, "durchblick: %s was killed by signal %d\n", stage, sig);
        return EXIT_INPUT;
    }
    if (interrupt_pending()) {
        fprintf(stderr, "durchblick: interrupted: stopped after %s, no later stage runs\n", stage);
        interrupt_exit();
    }
    return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
    const char *config = NULL, *db = NULL, *out = NULL;
    int strict = 0, first_csv = 0;

    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0)) {
        fputs(usage_text, stdout);
        return EXIT_DONE;
    }
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("durchblick %s\n", DURCHBLICK_VERSION);
        return EXIT_DONE;
    }
    if (argc < 2 || strcmp(argv[1], "run") != 0) {
        fprintf(stderr, "durchblick: expected the command 'run'\ntry 'durchblick --help'\n");
        return EXIT_USAGE;
    }
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if ((strcmp(a, "--config") == 0 || strcmp(a, "--db") == 0 || strcmp(a, "--out") == 0) && i + 1 < argc) {
            const char **dst = a[2] == 'c' ? &config : a[2] == 'd' ? &db : &out;
            *dst = argv[++i];
        } else if (strcmp(a, "--strict") == 0) {
            strict = 1;
        } else if (strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return EXIT_DONE;
        } else if (a[0] == '-' && a[1] == '-' && a[2] == '\0') {
            first_csv = i + 1;
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "durchblick: unknown or incomplete option '%s'\ntry 'durchblick --help'\n", a);
            return EXIT_USAGE;
        } else {
            first_csv = i;
            break;
        }
    }
    if (!config || !db || !out) {
        fprintf(stderr, "durchblick: run needs --config, --db and --out\ntry 'durchblick --help'\n");
        return EXIT_USAGE;
    }
    if (!first_csv || first_csv >= argc) {
        fprintf(stderr, "durchblick: run needs at least one CSV file\ntry 'durchblick --help'\n");
        return EXIT_USAGE;
    }
    find_stage_dir(argv[0]);
    interrupt_install();

    int n_csv = argc - first_csv;
    char **args = calloc((size_t)n_csv + 16, sizeof *args);
    if (!args)
        return EXIT_INPUT;
    int k = 1;
    args[k++] = "--config";
    args[k++] = (char *)config;
    args[k++] = "--db";
    args[k++] = (char *)db;
    if (strict)
        args[k++] = "--strict";
    for (int i = 0; i < n_csv; i++)
        args[k++] = argv[first_csv + i];
    args[k] = NULL;
    int status = run_stage("durchblick-ingest", args);
    if (status == EXIT_DONE) {
        args[5] = NULL;
        status = run_stage("durchblick-transform", args);
    }
    if (status == EXIT_DONE) {
        args[5] = "--out";
        args[6] = (char *)out;
        args[7] = NULL;
        status = run_stage("durchblick-report", args);
    }
    free(args);
    return status;
}
