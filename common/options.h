/*
 * options.h - the one command-line parser of all durchblick programs.
 *
 * Long options only, written out in full: --name, --name VALUE, --name=VALUE;
 * "--" ends the options. Options and operands (files) are handed to the caller
 * in the order given, so that an option may apply to the operands after it
 * (durchblick-ingest --dataset). Every mistake is a usage error (exit 2)
 * printed as "prog: message" and "try 'prog --help'": an unknown option, a
 * missing value, a value given to a flag, and a value that is itself an
 * option ("--out --strict": the folder after --out was forgotten).
 */
#ifndef DURCHBLICK_OPTIONS_H
#define DURCHBLICK_OPTIONS_H

typedef struct option_spec {
    const char *name;   /* "config" for --config; NULL ends the table */
    int id;             /* > 0, handed to the callback */
    int takes_value;    /* 1: --name VALUE or --name=VALUE */
    const char **store; /* if not NULL: the value is stored here, the callback is not called */
} option_spec;

/* The id the callback gets for an operand (a word that is no option). */
#define OPTION_OPERAND 0

/* A callback's answer that stops parsing with exit status 0 (--help, --version printed). */
#define OPTIONS_DONE 1000

/*
 * Parses argv[first..argc) against specs, calling take(ctx, id, value) for
 * each option (value NULL for a flag) and each operand (OPTION_OPERAND, the
 * word), in order. take returns 0 to go on, or a status that stops parsing
 * (an exit status, or OPTIONS_DONE). Returns 0 when everything was taken, the
 * status take returned, or EXIT_USAGE after printing a usage error.
 */
int options_parse(int argc, char **argv, int first, const option_spec *specs,
                  int (*take)(void *ctx, int id, const char *value), void *ctx);

/*
 * Checks that each option of names (NULL-terminated; each with a store in
 * specs) was given. Returns 0, or EXIT_USAGE after printing "missing --name"
 * for the first that was not.
 */
int options_require(const option_spec *specs, const char *const *names);

/* Prints "prog: <message>" and "try 'prog --help'" to stderr; returns EXIT_USAGE. */
int options_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Finds value in the NULL-terminated list choices; returns its index, or -1
 * after printing "--option 'value': use a, b or c" as a usage error.
 */
int options_choice(const char *option, const char *value, const char *const *choices);

/* The exit status for what options_parse or a check returned: OPTIONS_DONE is 0. */
int options_exit_status(int status);

#endif
