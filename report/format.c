/*
 * format.c - German and English number and date formatting.
 */
#include "format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const month_en[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

char *format_number(char *buf, size_t size, double v, int decimals, report_lang lang)
{
    char digits[64], out[96];
    const char thousands = lang == REPORT_LANG_DE ? '.' : ',';
    const char point = lang == REPORT_LANG_DE ? ',' : '.';
    size_t o = 0;

    if (size == 0)
        return buf;
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", FORMAT_SIGN_UNDEFINED);
        return buf;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    double scale = pow(10.0, decimals);
    /* Half away from zero on the decimal value: 0.4815 shows as 48,2 %, not 48,1. */
    double scaled = floor(fabs(v) * scale + 0.5 + 1e-9);
    if (scaled >= 1e18) {
        snprintf(buf, size, "%.*e", decimals, v);
        return buf;
    }
    unsigned long long whole = (unsigned long long)scaled;
    unsigned long long p = (unsigned long long)scale;
    unsigned long long ip = whole / p, fp = whole % p;
    int negative = v < 0 && whole != 0;

    int n = snprintf(digits, sizeof digits, "%llu", ip);
    if (negative)
        out[o++] = '-';
    for (int i = 0; i < n; i++) {
        out[o++] = digits[i];
        int left = n - 1 - i;
        if (left > 0 && left % 3 == 0)
            out[o++] = thousands;
    }
    if (decimals > 0) {
        out[o++] = point;
        snprintf(out + o, sizeof out - o, "%0*llu", decimals, fp);
        o += (size_t)decimals;
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
    return buf;
}

double format_round_cents(double v)
{
    if (!isfinite(v))
        return v;
    double cents = floor(fabs(v) * 100.0 + 0.5 + 1e-9);
    if (cents == 0)
        return 0.0;
    return (v < 0 ? -cents : cents) / 100.0;
}

char *format_count(char *buf, size_t size, double v, report_lang lang)
{
    return format_number(buf, size, v, 0, lang);
}

char *format_percent(char *buf, size_t size, double share, int decimals, report_lang lang)
{
    char num[64];
    format_number(num, sizeof num, share * 100.0, decimals, lang);
    if (strcmp(num, FORMAT_SIGN_UNDEFINED) == 0)
        snprintf(buf, size, "%s", num);
    else
        snprintf(buf, size, lang == REPORT_LANG_DE ? "%s %%" : "%s%%", num);
    return buf;
}

char *format_euro(char *buf, size_t size, double v, report_lang lang)
{
    char num[64];
    format_number(num, sizeof num, v, 2, lang);
    if (lang == REPORT_LANG_DE)
        snprintf(buf, size, "%s \xe2\x82\xac", num);
    else if (num[0] == '-')
        snprintf(buf, size, "-\xe2\x82\xac%s", num + 1);
    else
        snprintf(buf, size, "\xe2\x82\xac%s", num);
    return buf;
}

static int parse_iso(const char *iso, int *y, int *m, int *d)
{
    if (!iso || strlen(iso) < 10 || iso[4] != '-' || iso[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
            return -1;
    if (sscanf(iso, "%4d-%2d-%2d", y, m, d) != 3 || *m < 1 || *m > 12 || *d < 1 || *d > 31)
        return -1;
    return 0;
}

char *format_date(char *buf, size_t size, const char *iso, report_lang lang)
{
    int y, m, d;
    if (parse_iso(iso, &y, &m, &d) != 0) {
        snprintf(buf, size, "%s", iso ? iso : "");
        return buf;
    }
    if (lang == REPORT_LANG_DE)
        snprintf(buf, size, "%02d.%02d.%04d", d, m, y);
    else
        snprintf(buf, size, "%d %s %04d", d, month_en[m - 1], y);
    return buf;
}

char *format_pvalue(char *buf, size_t size, double p, report_lang lang)
{
    char num[64];
    if (!isfinite(p)) {
        snprintf(buf, size, "%s", FORMAT_SIGN_UNDEFINED);
    } else if (p < 0.001) {
        format_number(num, sizeof num, 0.001, 3, lang);
        snprintf(buf, size, "< %s", num);
    } else {
        format_number(buf, size, p, 3, lang);
    }
    return buf;
}

char *format_ci_percent(char *buf, size_t size, double lo, double hi, int decimals,
                        report_lang lang)
{
    char a[64], b[64];
    format_number(a, sizeof a, lo * 100.0, decimals, lang);
    format_number(b, sizeof b, hi * 100.0, decimals, lang);
    snprintf(buf, size, lang == REPORT_LANG_DE ? "%s\xe2\x80\x93%s %%" : "%s\xe2\x80\x93%s%%", a, b);
    return buf;
}
