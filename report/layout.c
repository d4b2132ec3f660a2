/*
 * layout.c - line breaking, column widths, table breaks and chart axes.
 */
#include "layout.h"

#include <math.h>
#include <string.h>

double layout_chars(void *ctx, const char *s, size_t len)
{
    (void)ctx;
    double n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* A letter or digit: ASCII, or any byte of a multi-byte UTF-8 character (ä, ß, ...). */
static int word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* A space that must not break: the one before the "%" or "€" of a figure. */
static int binding_space(const char *t, size_t i)
{
    return t[i] == ' ' && (t[i + 1] == '%' || strncmp(t + i + 1, "\xe2\x82\xac", 3) == 0);
}

/*
 * The piece of text starting at i: returns where it ends (no trailing
 * space), sets *next to where the following piece starts and *hard when a
 * '\n' ends the piece.
 */
static size_t piece_end(const char *t, size_t i, size_t *next, int *hard)
{
    size_t j = i;
    *hard = 0;
    for (;;) {
        char c = t[j];
        if (c == '\0') {
            *next = j;
            return j;
        }
        if (c == '\n') {
            *next = j + 1;
            *hard = 1;
            return j;
        }
        if (c == ' ' && !binding_space(t, j)) {
            size_t k = j;
            while (t[k] == ' ')
                k++;
            *next = k;
            return j;
        }
        if (c == '-' && j > i && word_byte((unsigned char)t[j - 1]) && word_byte((unsigned char)t[j + 1])) {
            *next = j + 1;
            return j + 1;
        }
        j++;
    }
}

size_t layout_wrap(const char *text, double width, layout_measure_fn measure, void *ctx,
                   layout_line *lines, size_t max)
{
    size_t n = 0, i = 0;
    if (!text)
        return 0;
    while (text[i] == ' ')
        i++;
    while (text[i]) {
        size_t start = i, end = i, next = i, j = i;
        int have = 0, hard = 0;
        for (;;) {
            size_t pnext;
            int phard;
            size_t pend = piece_end(text, j, &pnext, &phard);
            if (have && measure(ctx, text + start, pend - start) > width)
                break;
            /* the first piece always goes on the line, even when too wide */
            end = pend;
            next = pnext;
            hard = phard;
            have = 1;
            if (phard || text[pnext] == '\0')
                break;
            j = pnext;
        }
        if (n < max && lines) {
            lines[n].start = start;
            lines[n].len = end - start;
        }
        n++;
        i = next;
        if (!hard)
            while (text[i] == ' ')
                i++;
    }
    return n;
}

double layout_longest_piece(const char *text, layout_measure_fn measure, void *ctx)
{
    double most = 0;
    size_t i = 0;
    if (!text)
        return 0;
    while (text[i] == ' ')
        i++;
    while (text[i]) {
        size_t next;
        int hard;
        size_t end = piece_end(text, i, &next, &hard);
        double w = measure(ctx, text + i, end - i);
        if (w > most)
            most = w;
        i = next;
    }
    return most;
}

int layout_columns(const layout_col *cols, size_t n, double avail, double *w)
{
    double sum_min = 0, need = 0, sum_weight = 0;
    for (size_t c = 0; c < n; c++) {
        w[c] = cols[c].min;
        sum_min += cols[c].min;
        if (cols[c].pref > cols[c].min)
            need += cols[c].pref - cols[c].min;
        sum_weight += cols[c].weight > 0 ? cols[c].weight : 0;
    }
    if (sum_min > avail + 1e-9)
        return -1;
    double room = avail - sum_min;
    if (need >= room) {
        for (size_t c = 0; c < n; c++)
            if (cols[c].pref > cols[c].min)
                w[c] += (cols[c].pref - cols[c].min) * room / need;
        return 0;
    }
    room -= need;
    for (size_t c = 0; c < n; c++) {
        if (cols[c].pref > cols[c].min)
            w[c] = cols[c].pref;
        double share = sum_weight > 0 ? (cols[c].weight > 0 ? cols[c].weight : 0) / sum_weight : 1.0 / (double)n;
        w[c] += room * share;
    }
    return 0;
}

size_t layout_rows_here(const double *heights, size_t start, size_t n, double avail, double tail,
                        int fresh)
{
    if (start >= n)
        return 0;
    size_t rest = n - start, fit = 0;
    double sum = 0;
    for (size_t r = start; r < n; r++)
        sum += heights[r];
    if (sum + tail <= avail)
        return rest;
    sum = 0;
    while (fit < rest && sum + heights[start + fit] <= avail)
        sum += heights[start + fit++];
    size_t k = 0;
    if (n >= 2 * LAYOUT_MIN_ROWS && rest > LAYOUT_MIN_ROWS) {
        k = fit < rest - LAYOUT_MIN_ROWS ? fit : rest - LAYOUT_MIN_ROWS;
        if (k < LAYOUT_MIN_ROWS)
            k = 0;
    }
    if (k == 0 && fresh) /* nothing gained by moving on: place what fits, at least one row */
        k = fit > 0 ? fit : 1;
    return k;
}

double layout_rows_start_height(const double *heights, size_t n, double tail)
{
    double sum = 0;
    size_t upto = n < 2 * LAYOUT_MIN_ROWS ? n : LAYOUT_MIN_ROWS;
    for (size_t r = 0; r < upto; r++)
        sum += heights[r];
    return upto == n ? sum + tail : sum;
}

void layout_axis(double max, int percent, double *top, double *step)
{
    if (!(max > 0) || !isfinite(max)) {
        *top = 1.0;
        *step = 0.2;
        return;
    }
    double raw = max / 5.0, mag = pow(10.0, floor(log10(raw))), f = raw / mag;
    double s = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 2.5 + 1e-9 ? 2.5 : f <= 5 + 1e-9 ? 5 : 10;
    *step = s * mag;
    *top = ceil(max / *step - 1e-9) * *step;
    if (percent && max <= 1.0 && *top > 1.0)
        *top = 1.0;
}

int layout_axis_decimals(double step, int percent)
{
    double v = percent ? step * 100.0 : step;
    for (int d = 0; d < 4; d++) {
        if (fabs(v - round(v)) < 1e-6 * (fabs(v) > 1 ? fabs(v) : 1))
            return d;
        v *= 10.0;
    }
    return 4;
}
