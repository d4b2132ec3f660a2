/*
 * diag.c - the "prog: file:line: field: message" diagnostics.
 */
#include "diag.h"

#include <stdarg.h>

static const char *program_name = "durchblick";
static int quiet_mode;
static FILE *diag_stream; /* NULL: stderr (not a constant initialiser) */

void diag_set_program(const char *name) { program_name = name; }
const char *diag_program(void) { return program_name; }
void diag_set_quiet(int quiet) { quiet_mode = quiet; }
void diag_set_stream(FILE *stream) { diag_stream = stream; }

static void diag_vprint(const char *kind, const char *file, long line, const char *field,
                        const char *fmt, va_list ap)
{
    FILE *out = diag_stream ? diag_stream : stderr;
    fprintf(out, "%s: ", program_name);
    if (file) {
        fputs(file, out);
        if (line > 0)
            fprintf(out, ":%ld", line);
        fputs(": ", out);
    }
    if (field)
        fprintf(out, "%s: ", field);
    if (kind)
        fputs(kind, out);
    vfprintf(out, fmt, ap);
    fputc('\n', out);
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
    FILE *out = diag_stream ? diag_stream : stderr;
    va_start(ap, fmt);
    fprintf(out, "%s: ", program_name);
    vfprintf(out, fmt, ap);
    fputc('\n', out);
    va_end(ap);
}
