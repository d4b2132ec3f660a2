/*
 * options.c - long options in order, with their values and operands.
 */
#include "options.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "error.h"
#include "i18n.h"

int options_usage_error(const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(NULL, 0, NULL, "%s", msg);
    fprintf(stderr, _("try '%s --help'\n"), diag_program());
    return EXIT_USAGE;
}

int options_exit_status(int status) { return status == OPTIONS_DONE ? EXIT_DONE : status; }

int options_choice(const char *option, const char *value, const char *const *choices)
{
    char list[256] = "";
    size_t n = 0;
    for (int i = 0; choices[i]; i++) {
        if (strcmp(value, choices[i]) == 0)
            return i;
        n += (size_t)snprintf(list + n, n < sizeof list ? sizeof list - n : 0, "%s%s", i == 0 ? "" : !choices[i + 1] ? _(" or ") : ", ",
                              choices[i]);
    }
    options_usage_error(_("--%s '%s': use %s"), option, value, list);
    return -1;
}

/* The spec of --name (name_len bytes of it), or NULL. */
static const option_spec *find(const option_spec *specs, const char *name, size_t name_len)
{
    for (const option_spec *s = specs; s->name; s++)
        if (strlen(s->name) == name_len && strncmp(s->name, name, name_len) == 0)
            return s;
    return NULL;
}

int options_require(const option_spec *specs, const char *const *names)
{
    for (size_t i = 0; names[i]; i++) {
        const option_spec *s = find(specs, names[i], strlen(names[i]));
        if (s && s->store && !*s->store)
            return options_usage_error(_("missing --%s"), names[i]);
    }
    return 0;
}

int options_parse(int argc, char **argv, int first, const option_spec *specs,
                  int (*take)(void *ctx, int id, const char *value), void *ctx)
{
    int operands_only = 0, status;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (operands_only || a[0] != '-' || strcmp(a, "-") == 0) {
            if ((status = take(ctx, OPTION_OPERAND, a)) != 0)
                return status;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            operands_only = 1;
            continue;
        }
        if (a[1] != '-')
            return options_usage_error(_("unknown option '%s' (options are written --name)"), a);
        const char *eq = strchr(a + 2, '=');
        size_t len = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);
        const option_spec *s = find(specs, a + 2, len);
        if (!s)
            return options_usage_error(_("unknown option '%.*s'"), (int)(len + 2), a);
        const char *value = NULL;
        if (s->takes_value) {
            if (eq) {
                value = eq + 1;
            } else if (i + 1 >= argc) {
                return options_usage_error(_("option '--%s' needs a value"), s->name);
            } else if (strncmp(argv[i + 1], "--", 2) == 0 && argv[i + 1][2] != '\0') {
                return options_usage_error(_("option '--%s' needs a value, but '%s' follows it "
                                           "(was the value forgotten?)"),
                                           s->name, argv[i + 1]);
            } else {
                value = argv[++i];
            }
        } else if (eq) {
            return options_usage_error(_("option '--%s' takes no value"), s->name);
        }
        if (s->store)
            *s->store = value;
        else if ((status = take(ctx, s->id, value)) != 0)
            return status;
    }
    return 0;
}
