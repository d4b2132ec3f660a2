/*
 * xlsxvalue.c - cell references, serial dates, number text and formats.
 *
 * Numbers are handled as decimal text, never through strtod/printf, so that no
 * locale (a German LC_NUMERIC) and no binary rounding changes a digit.
 */
#include "xlsxvalue.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"

#define SIG_DIGITS 15   /* Excel keeps and shows 15 significant digits */
#define POINT_MAX 330   /* |decimal exponent| beyond any double */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

int xlsx_ref_parse(const char *s, size_t len, long *col, long *row)
{
    size_t i = 0;
    long c = 0, r = 0;
    while (i < len && i < 4) {
        char ch = s[i];
        if (ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 'a' + 'A');
        if (ch < 'A' || ch > 'Z')
            break;
        c = c * 26 + (ch - 'A' + 1);
        i++;
    }
    if (i == 0 || i > 3 || c > XLSX_MAX_COLS)
        return -1;
    size_t start = i;
    if (i >= len || s[i] == '0')
        return -1;
    while (i < len && is_digit(s[i]) && i - start < 8) {
        r = r * 10 + (s[i] - '0');
        i++;
    }
    if (i != len || r < 1 || r > XLSX_MAX_ROWS)
        return -1;
    *col = c - 1;
    *row = r;
    return 0;
}

void xlsx_col_name(long col, char out[4])
{
    char rev[4];
    int n = 0;
    long c = col + 1;
    while (c > 0 && n < 3) {
        rev[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
}

xlsx_format xlsx_format_builtin(unsigned long id)
{
    xlsx_format f = {XLSX_SHOW_NUMBER, 0};
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
        id == 57 || id == 58)
        f.show = XLSX_SHOW_DATE;
    else if (id == 22)
        f.show = XLSX_SHOW_DATETIME;
    else if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || id == 45 || id == 47 || id == 55 ||
             id == 56)
        f.show = XLSX_SHOW_TIME;
    else if (id == 46)
        f.show = XLSX_SHOW_DURATION;
    return f;
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

xlsx_format xlsx_format_classify(const char *code)
{
    xlsx_format f = {XLSX_SHOW_NUMBER, 0};
    int y = 0, d = 0, m = 0, h = 0, s = 0, elapsed = 0, zeros = 0, other = 0;
    for (const char *p = code; *p && *p != ';'; p++) {
        char c = lower(*p);
        if (c == '"') {
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
            other = 1;
        } else if (c == '\\' || c == '_' || c == '*') {
            if (p[1])
                p++;
            other = 1;
        } else if (c == '[') {
            const char *end = strchr(p, ']');
            if (!end)
                break;
            size_t n = (size_t)(end - p - 1);
            int all_same = n > 0;
            for (size_t i = 1; i < n; i++)
                all_same &= lower(p[1 + i]) == lower(p[1]);
            char k = lower(p[1]);
            if (all_same && (k == 'h' || k == 'm' || k == 's')) {
                elapsed = 1;
                h |= k == 'h';
                s |= k == 's';
                m |= k == 'm';
            }
            p = end;
        } else if (c == 'g' && strncasecmp(p, "general", 7) == 0) {
            p += 6;
            other = 1;
        } else if (c == 'a' && (strncasecmp(p, "am/pm", 5) == 0 || strncasecmp(p, "a/p", 3) == 0)) {
            p += strncasecmp(p, "am/pm", 5) == 0 ? 4 : 2;
            h = 1;
        } else if (c == 'e' && (p[1] == '+' || p[1] == '-')) {
            p++; /* scientific 0.00E+00 */
            other = 1;
        } else if (c == 'y' || c == 'e') {
            y = 1;
        } else if (c == 'd') {
            d = 1;
        } else if (c == 'm') {
            m = 1;
        } else if (c == 'h') {
            h = 1;
        } else if (c == 's') {
            s = 1;
        } else if (c == '0') {
            zeros++;
        } else {
            other = 1;
        }
    }
    int date = y || d || (m && !h && !s);
    int time = h || s || (m && elapsed);
    if (y && !d && !m && !h && !s)
        f.show = XLSX_SHOW_YEAR;
    else if (date && time)
        f.show = XLSX_SHOW_DATETIME;
    else if (date)
        f.show = XLSX_SHOW_DATE;
    else if (time)
        f.show = elapsed ? XLSX_SHOW_DURATION : XLSX_SHOW_TIME;
    else if (zeros && !other && zeros <= 30)
        f.pad = (unsigned char)zeros;
    return f;
}

/* A number as its significant digits: value = 0.dig x 10^point, sign apart. */
typedef struct decimal {
    int neg;
    char dig[SIG_DIGITS + 2];
    int n;       /* digits kept (after rounding: at most SIG_DIGITS, no trailing zero) */
    long point;  /* digits before the decimal point; <= 0 for 0.00x */
} decimal;

static int decimal_parse(const char *s, size_t len, decimal *dec)
{
    size_t i = 0;
    int seen_point = 0, seen_sig = 0, mant_digits = 0;
    long int_sig = 0, lead_zeros = 0;
    memset(dec, 0, sizeof *dec);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        dec->neg = s[i++] == '-';
    for (; i < len; i++) {
        char c = s[i];
        if (c == '.' && !seen_point) {
            seen_point = 1;
            continue;
        }
        if (!is_digit(c))
            break;
        mant_digits++;
        if (!seen_sig && c == '0') {
            if (seen_point)
                lead_zeros++;
            continue;
        }
        seen_sig = 1;
        if (dec->n <= SIG_DIGITS)
            dec->dig[dec->n++] = c; /* one digit more than kept: it rounds */
        if (!seen_point)
            int_sig++;
    }
    if (mant_digits == 0)
        return -1;
    long exp = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        int eneg = 0, edigits = 0;
        i++;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            eneg = s[i++] == '-';
        for (; i < len && is_digit(s[i]); i++, edigits++)
            if (exp < 100000)
                exp = exp * 10 + (s[i] - '0');
        if (edigits == 0)
            return -1;
        if (eneg)
            exp = -exp;
    }
    if (i != len)
        return -1;
    dec->point = (int_sig ? int_sig : -lead_zeros) + exp;
    if (dec->n > SIG_DIGITS) {
        int up = dec->dig[SIG_DIGITS] >= '5';
        dec->n = SIG_DIGITS;
        for (int k = SIG_DIGITS - 1; up && k >= 0; k--) {
            if (dec->dig[k] == '9') {
                dec->dig[k] = '0';
            } else {
                dec->dig[k]++;
                up = 0;
            }
        }
        if (up) { /* 999... rounded up to 1000... */
            dec->dig[0] = '1';
            dec->n = 1;
            dec->point++;
        }
    }
    while (dec->n > 0 && dec->dig[dec->n - 1] == '0')
        dec->n--;
    if (dec->n == 0) {
        dec->neg = 0; /* -0 is 0 */
        dec->point = 0;
    }
    if (dec->point > POINT_MAX || dec->point < -POINT_MAX)
        return -1;
    return 0;
}

/* Appends c to out if there is room (one byte is kept for the NUL). */
static void put(char *out, size_t cap, size_t *n, char c)
{
    if (*n + 1 < cap)
        out[*n] = c;
    (*n)++;
}

int xlsx_number_text(const char *v, size_t len, xlsx_format fmt, char *out, size_t cap)
{
    decimal dec;
    size_t n = 0;
    if (cap == 0 || decimal_parse(v, len, &dec) != 0)
        return -1;
    if (dec.neg)
        put(out, cap, &n, '-');
    long int_len = dec.point > 0 ? dec.point : 1;
    if (!dec.neg && dec.n <= dec.point) /* a whole number (or 0): padded to a "00000" format */
        for (long k = int_len; k < fmt.pad; k++)
            put(out, cap, &n, '0');
    if (dec.point <= 0) {
        put(out, cap, &n, '0');
    } else {
        for (long k = 0; k < dec.point; k++)
            put(out, cap, &n, k < dec.n ? dec.dig[k] : '0');
    }
    if (dec.n > dec.point) {
        put(out, cap, &n, ',');
        for (long k = dec.point; k < 0; k++)
            put(out, cap, &n, '0');
        for (long k = dec.point > 0 ? dec.point : 0; k < dec.n; k++)
            put(out, cap, &n, dec.dig[k]);
    }
    if (n >= cap)
        return -1;
    out[n] = '\0';
    return (int)n;
}

int xlsx_serial_to_date(double serial, int date1904, int *y, int *m, int *d, long *secs)
{
    if (!(serial >= 0.0) || serial >= 2958466.0) /* also NaN; 2958465 is 9999-12-31 */
        return -1;
    long day = (long)floor(serial);
    *secs = lround((serial - (double)day) * 86400.0);
    if (*secs >= 86400) {
        day++;
        *secs -= 86400;
    }
    long yy = 0;
    if (date1904) {
        calendar_civil_from_days(calendar_days_from_civil(1904, 1, 1) + day, &yy, m, d);
    } else if (day == 0 || day == 60) {
        /* Excel's day 0 ("1900-01-00") and its 1900-02-29, kept from Lotus 1-2-3 */
        *y = 1900;
        *m = day ? 2 : 1;
        *d = day ? 29 : 0;
        return 1;
    } else {
        calendar_civil_from_days(calendar_days_from_civil(1899, 12, day < 60 ? 31 : 30) + day, &yy, m, d);
    }
    *y = (int)yy;
    return yy > 9999 ? -1 : 0;
}

int xlsx_serial_text(const char *v, size_t len, int date1904, xlsx_format fmt, char *out, size_t cap)
{
    decimal dec;
    int y, m, d;
    long secs;
    if (decimal_parse(v, len, &dec) != 0)
        return -1;
    double serial = 0.0;
    for (int k = 0; k < dec.n; k++)
        serial = serial * 10.0 + (dec.dig[k] - '0');
    serial *= pow(10.0, (double)(dec.point - dec.n));
    if (dec.neg)
        serial = -serial;
    int r = xlsx_serial_to_date(serial, date1904, &y, &m, &d, &secs);
    if (r < 0)
        return xlsx_number_text(v, len, (xlsx_format){XLSX_SHOW_NUMBER, 0}, out, cap);
    long hh = secs / 3600, mm = secs / 60 % 60, ss = secs % 60;
    int n;
    switch (fmt.show) {
    case XLSX_SHOW_YEAR:
        n = snprintf(out, cap, "%04d", y);
        break;
    case XLSX_SHOW_DATETIME:
        n = snprintf(out, cap, "%04d-%02d-%02d %02ld:%02ld:%02ld", y, m, d, hh, mm, ss);
        break;
    case XLSX_SHOW_TIME:
        n = snprintf(out, cap, "%02ld:%02ld:%02ld", hh, mm, ss);
        break;
    case XLSX_SHOW_DURATION:
        n = snprintf(out, cap, "%02ld:%02ld:%02ld", (long)floor(serial) * 24 + hh, mm, ss);
        break;
    default:
        n = snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
    }
    return n < 0 || (size_t)n >= cap ? -1 : n;
}

static int hex_value(char c)
{
    if (is_digit(c))
        return c - '0';
    c = lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

size_t xlsx_unescape(char *s, size_t len)
{
    size_t w = 0;
    for (size_t r = 0; r < len;) {
        if (r + 7 <= len && s[r] == '_' && (s[r + 1] == 'x' || s[r + 1] == 'X') && s[r + 6] == '_') {
            int h0 = hex_value(s[r + 2]), h1 = hex_value(s[r + 3]), h2 = hex_value(s[r + 4]),
                h3 = hex_value(s[r + 5]);
            if (h0 >= 0 && h1 >= 0 && h2 >= 0 && h3 >= 0) {
                unsigned cp = (unsigned)(h0 << 12 | h1 << 8 | h2 << 4 | h3);
                if (cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
                    if (cp < 0x80) {
                        s[w++] = (char)cp;
                    } else if (cp < 0x800) {
                        s[w++] = (char)(0xC0 | cp >> 6);
                        s[w++] = (char)(0x80 | (cp & 0x3F));
                    } else {
                        s[w++] = (char)(0xE0 | cp >> 12);
                        s[w++] = (char)(0x80 | (cp >> 6 & 0x3F));
                        s[w++] = (char)(0x80 | (cp & 0x3F));
                    }
                    r += 7;
                    continue;
                }
            }
        }
        s[w++] = s[r++];
    }
    return w;
}
