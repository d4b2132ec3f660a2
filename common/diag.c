/*
 * diag.c - the "prog: file:line: field: message" diagnostics.
 */
#include "diag.h"

#include <stdarg.h>

static const char *program_name = "durchblick";
static int quiet_mode;

void diag_set_program(const char *name) { program_name = name; }
const char *diag_program(void) { return program_name; }
void diag_set_quiet(int quiet) { quiet_mode = quiet; }

static void diag_vprint(const char *kind, const char *file, long line, const char *field,
                        const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: ", program_name);
    if (file) {
        fputs(file, stderr);
        if (line > 0)
            fprintf(stderr, ":%ld", line);
        fputs(": ", stderr);
    }
    if (field)
        fprintf(stderr, "%s: ", field);
    if (kind)
        fputs(kind, stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void diag_error(const char *file, long line, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vprint(NULL, file, line, field, fmt, ap);
    va_end(ap);
}

void diag_warn(const char *file, long line, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vprint("warning: ", file, line, field, fmt, ap);
    va_end(ap);
}

void diag_info(const char *fmt, ...)
{
    va_list ap;
    if (quiet_mode)
        return;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", program_name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
