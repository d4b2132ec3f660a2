/*
 * diag.c - the "prog: file:line: field: message" diagnostics.
 */
#include "diag.h"

#include <stdarg.h>

#include "i18n.h"

static const char *program_name = "durchblick";
static int quiet_mode;
static FILE *diag_stream; /* NULL: stderr (not a constant initialiser) */

void diag_set_program(const char *name) { program_name = name; }
const char *diag_program(void) { return program_name; }
void diag_set_quiet(int quiet) { quiet_mode = quiet; }
void diag_set_stream(FILE *stream) { diag_stream = stream; }

/*
 * Prints the formatted message and a line break. Messages quote file content
 * (a header, a value): control characters become '?', so an escape sequence in
 * an export cannot drive the analyst's terminal. Long messages are cut.
 */
static void print_text(FILE *out, const char *fmt, va_list ap)
{
    char buf[2048];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (n < 0)
        n = 0;
    size_t len = (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
            buf[i] = '?';
    fwrite(buf, 1, len, out);
    if ((size_t)n >= sizeof buf)
        fputs("...", out);
    fputc('\n', out);
}

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
    print_text(out, fmt, ap);
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
    diag_vprint(_("warning: "), file, line, field, fmt, ap);
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
    print_text(out, fmt, ap);
    va_end(ap);
}
