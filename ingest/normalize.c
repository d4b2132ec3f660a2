/*
 * normalize.c - the value normalisers.
 */
#include "normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "textfold.h"

#define KEY_MAX 256

static const char *code_by_key(const char *const *codes, const char *key);

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

/* Reads 1..max digits at s[*i]; returns the number or -1. */
static int read_number(const char *s, size_t len, size_t *i, int max_digits, int *ndigits)
{
    int v = 0, n = 0;
    while (*i < len && is_digit(s[*i]) && n < max_digits) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        n++;
    }
    *ndigits = n;
    return n ? v : -1;
}

static int is_alpha_ci(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    if (len < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c != word[i])
            return 0;
    }
    return 1;
}

/* A zone offset "+01:00", "-0500", "+1" at s[*i]; returns 1 and advances, or 0. */
static int read_offset(const char *s, size_t len, size_t *i)
{
    size_t j = *i;
    int nd;
    if (j >= len || (s[j] != '+' && s[j] != '-'))
        return 0;
    j++;
    if (read_number(s, len, &j, 4, &nd) < 0)
        return 0;
    if (nd <= 2 && j < len && s[j] == ':') {
        j++;
        if (read_number(s, len, &j, 2, &nd) < 0 || nd != 2)
            return 0;
    }
    *i = j;
    return 1;
}

/*
 * A time after a date is allowed and ignored: "31.12.2022 00:00",
 * "2022-12-31T10:10:09.123+01:00" (Kobo, ODK), "2022-12-31T09:10:09Z",
 * "2026/06/14 10:10:09 AM GMT+1" (Google Forms), "3/12/2022 10:15 PM".
 */
static int is_time_tail(const char *s, size_t len)
{
    size_t i = 0;
    if (len == 0)
        return 1;
    if (s[0] != ' ' && s[0] != 'T')
        return 0;
    i = 1;
    while (i < len && s[i] == ' ')
        i++;
    size_t digits = 0;
    while (i < len && (is_digit(s[i]) || s[i] == ':' || s[i] == '.' || s[i] == ',')) {
        digits += is_digit(s[i]);
        i++;
    }
    if (!digits)
        return 0;
    while (i < len && s[i] == ' ')
        i++;
    if (is_alpha_ci(s + i, len - i, "AM") || is_alpha_ci(s + i, len - i, "PM")) {
        i += 2;
        while (i < len && s[i] == ' ')
            i++;
    }
    if (i < len && s[i] == 'Z') {
        i++;
    } else if (read_offset(s, len, &i)) {
        /* +01:00 */
    } else {
        static const char *const zones[] = {"GMT", "UTC", "MESZ", "MEZ", "CEST", "CET", NULL};
        for (int z = 0; zones[z]; z++) {
            if (is_alpha_ci(s + i, len - i, zones[z])) {
                i += strlen(zones[z]);
                read_offset(s, len, &i);
                break;
            }
        }
    }
    while (i < len && s[i] == ' ')
        i++;
    return i == len;
}

norm_result normalize_date_in(const char *s, size_t len, int this_year, char out[11], const char **reason)
{
    return normalize_date_ordered(s, len, DATE_ORDER_AUTO, this_year, out, reason);
}

norm_result normalize_date_ordered(const char *s, size_t len, config_date_order order, int this_year,
                                   char out[11], const char **reason)
{
    size_t i = 0;
    int y, m, d, nd;
    if (len == 0)
        return NORM_EMPTY;
    int first = read_number(s, len, &i, 4, &nd);
    if (first < 0)
        goto bad;
    if (nd == 4 && i < len && (s[i] == '-' || s[i] == '/')) {
        /* 2022-12-31, and Google Forms' 2026/06/14 */
        char sep = s[i];
        y = first;
        i++;
        if ((m = read_number(s, len, &i, 2, &nd)) < 0 || i >= len || s[i] != sep)
            goto bad;
        i++;
        if ((d = read_number(s, len, &i, 2, &nd)) < 0)
            goto bad;
    } else if (nd <= 2 && i < len && (s[i] == '.' || s[i] == '/')) {
        char sep = s[i];
        int second, third;
        i++;
        if ((second = read_number(s, len, &i, 2, &nd)) < 0 || i >= len || s[i] != sep)
            goto bad;
        i++;
        if ((third = read_number(s, len, &i, 4, &nd)) < 0 || (nd != 2 && nd != 4))
            goto bad;
        if (sep == '/' && order == DATE_ORDER_AUTO) {
            *reason = "Datum mit Schrägstrichen ist mehrdeutig (03/12/2022: 3. Dezember oder 12. März?): "
                      "in der Konfiguration [input] date_order = mdy (US-Export) oder dmy setzen";
            return NORM_INVALID;
        }
        if (sep == '/' && order == DATE_ORDER_YMD) {
            y = first + (2000 + first <= this_year ? 2000 : 1900); /* into the past */
            m = second;
            d = third;
            if (nd != 2)
                goto bad;
        } else {
            d = sep == '/' && order == DATE_ORDER_MDY ? second : first;
            m = sep == '/' && order == DATE_ORDER_MDY ? first : second;
            y = third;
            if (nd == 2)
                y += 2000 + y <= this_year ? 2000 : 1900; /* into the past: 01.03.69 is 1969 */
        }
    } else {
        goto bad;
    }
    if (!is_time_tail(s + i, len - i))
        goto bad;
    if (y < 1900) {
        *reason = "Datum vor 1900";
        return NORM_INVALID;
    }
    if (y > 2100 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
        *reason = "Datum existiert nicht";
        return NORM_INVALID;
    }
    /* Written by hand: the ranges are checked, and snprintf can't see that. */
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return NORM_OK;
bad:
    *reason = "kein Datum (erwartet 31.12.2022 oder 2022-12-31)";
    return NORM_INVALID;
}

norm_result normalize_date(const char *s, size_t len, char out[11], const char **reason)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return normalize_date_in(s, len, tm.tm_year + 1900, out, reason);
}

int normalize_is_no_answer(const char *s, size_t len)
{
    char buf[8];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == ' ')
            continue;
        if (n + 1 >= sizeof buf)
            return 0;
        buf[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    buf[n] = '\0';
    return strcmp(buf, "n/a") == 0 || strcmp(buf, "k.a.") == 0 || strcmp(buf, "k.a") == 0 ||
           strcmp(buf, "n.a.") == 0;
}

norm_result normalize_year(const char *s, size_t len, int max_year, int *year, const char **reason)
{
    if (len == 0)
        return NORM_EMPTY;
    if (len != 4 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3])) {
        *reason = "kein Jahr (erwartet vier Ziffern)";
        return NORM_INVALID;
    }
    int y = atoi(s);
    if (y < 1900) {
        *reason = "Jahr vor 1900";
        return NORM_INVALID;
    }
    if (y > max_year) {
        *reason = "Jahr liegt in der Zukunft";
        return NORM_INVALID;
    }
    *year = y;
    return NORM_OK;
}

norm_result normalize_bool(const char *s, size_t len, int *value, const char **reason)
{
    static const char *const yes[] = {"ja", "j", "1", "x", "true", "wahr", "yes", "y", NULL};
    static const char *const no[] = {"nein", "n", "0", "false", "falsch", "no", NULL};
    char key[KEY_MAX];
    if (len == 0)
        return NORM_EMPTY;
    textfold_key(s, len, key, sizeof key);
    if (codebook_code_index(yes, key) >= 0 || (len == 3 && memcmp(s, "\xe2\x9c\x93", 3) == 0)) { /* ✓ */
        *value = 1;
        return NORM_OK;
    }
    if (codebook_code_index(no, key) >= 0) {
        *value = 0;
        return NORM_OK;
    }
    *reason = "kein Ja/Nein-Wert (erwartet ja/nein, 1/0 oder x)";
    return NORM_INVALID;
}

/*
 * Reads a number with optional grouping into whole euros and fraction; dec is the
 * decimal mark (or none). Thousands separators ('.', ',' or an apostrophe, one
 * kind, not the decimal mark) must stand between groups of three digits, the
 * first group one to three digits. Returns 0, -1 for no number, -2 for a
 * grouping that is not by three, -3 for more than NORMALIZE_MONEY_MAX_EUROS.
 */
static int parse_grouped(const char *s, size_t len, char dec, long long *intpart, int *frac,
                         int *frac_digits)
{
    long long v = 0;
    size_t i = 0;
    int digits = 0, group = 0, groups = 0, too_big = 0;
    char sep = 0;
    *frac = 0;
    *frac_digits = 0;
    for (; i < len && s[i] != dec; i++) {
        if (is_digit(s[i])) {
            v = v * 10 + (s[i] - '0');
            too_big |= v > NORMALIZE_MONEY_MAX_EUROS;
            if (too_big)
                v = NORMALIZE_MONEY_MAX_EUROS; /* keeps counting digits without overflow */
            digits++;
            group++;
        } else if (s[i] == '.' || s[i] == ',' || s[i] == '\'') {
            if ((sep && s[i] != sep) || group == 0 || group > 3 || (groups && group != 3))
                return digits ? -2 : -1;
            sep = s[i];
            groups++;
            group = 0;
        } else {
            return -1;
        }
    }
    if (!digits)
        return -1;
    if (groups && group != 3)
        return -2;
    if (i < len) {
        for (i++; i < len; i++) {
            if (!is_digit(s[i]))
                return -1;
            if (*frac_digits < 3)
                *frac = *frac * 10 + (s[i] - '0');
            (*frac_digits)++;
        }
    }
    if (too_big)
        return -3;
    *intpart = v;
    return 0;
}

/* 1.234.567 : dots every three digits. */
static int is_dot_grouped(const char *s, size_t len)
{
    size_t first = 0;
    while (first < len && is_digit(s[first]))
        first++;
    if (first == 0 || first > 3 || first == len)
        return 0;
    for (size_t i = first; i < len; i += 4)
        if (i + 4 > len || s[i] != '.' || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) || !is_digit(s[i + 3]))
            return 0;
    return 1;
}

norm_result normalize_money(const char *s, size_t len, long long *cents, const char **reason)
{
    char buf[64];
    size_t n = 0;
    if (len == 0)
        return NORM_EMPTY;
    /* Drop currency signs and spaces: "1.234,56 €", "EUR 1234". */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t')
            continue;
        if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x82 && (unsigned char)s[i + 2] == 0xAC) {
            i += 2; /* € */
            continue;
        }
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
            i += 1;
            continue;
        }
        if ((c == 'E' || c == 'e') && i + 2 < len && (s[i + 1] == 'U' || s[i + 1] == 'u') &&
            (s[i + 2] == 'R' || s[i + 2] == 'r')) {
            i += 2;
            continue;
        }
        if (n + 1 >= sizeof buf)
            goto bad;
        buf[n++] = (char)c;
    }
    buf[n] = '\0';
    if (n == 0)
        return NORM_EMPTY;
    /* Excel's accounting format writes zero as " -   € " (a dash alone). */
    if (strcmp(buf, "-") == 0 || strcmp(buf, "\xe2\x80\x93") == 0) {
        *cents = 0;
        return NORM_OK;
    }
    /* Negative: "-5", "(1.234,56 €)" (accounting, US), "1.234,56-" (SAP). */
    if (buf[0] == '-' || (buf[0] == '(' && buf[n - 1] == ')') || (n > 1 && buf[n - 1] == '-')) {
        *reason = "Betrag ist negativ";
        return NORM_INVALID;
    }
    const char *lastdot = strrchr(buf, '.'), *lastcomma = strrchr(buf, ',');
    char dec = 0;
    if (lastdot && lastcomma)
        dec = lastdot > lastcomma ? '.' : ',';
    else if (lastcomma)
        dec = ',';
    else if (lastdot)
        dec = is_dot_grouped(buf, n) ? 0 : '.';
    long long whole;
    int frac, frac_digits;
    switch (parse_grouped(buf, n, dec ? dec : '\x01', &whole, &frac, &frac_digits)) {
    case 0:
        break;
    case -2:
        *reason = "Tausendertrennzeichen nicht in Dreiergruppen (erwartet z. B. 1.234.567,89 €)";
        return NORM_INVALID;
    case -3:
        *reason = "Betrag über 999.999.999.999,99 € (Tippfehler?)";
        return NORM_INVALID;
    default:
        goto bad;
    }
    if (frac_digits > 2) {
        *reason = "Betrag mit mehr als zwei Nachkommastellen";
        return NORM_INVALID;
    }
    if (frac_digits == 1)
        frac *= 10;
    *cents = whole * 100 + frac;
    return NORM_OK;
bad:
    *reason = "kein Geldbetrag (erwartet z. B. 1.234,56 €)";
    return NORM_INVALID;
}

norm_result normalize_count(const char *s, size_t len, long long *value, const char **reason)
{
    long long v = 0;
    if (len == 0)
        return NORM_EMPTY;
    if (s[0] == '-') {
        *reason = "Zahl ist negativ";
        return NORM_INVALID;
    }
    int grouped = is_dot_grouped(s, len);
    for (size_t i = 0; i < len; i++) {
        if (grouped && s[i] == '.')
            continue;
        if (!is_digit(s[i]) || v > 1000000000000LL) {
            *reason = "keine ganze Zahl";
            return NORM_INVALID;
        }
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return NORM_OK;
}

norm_result normalize_baustein(const config *cfg, const char *s, size_t len, int *nr, const char **reason)
{
    static const char *const roman[] = {"i", "ii", "iii", "iv", "v", "vi", NULL};
    static const char *const prefixes[] = {"foerderbaustein", "baustein", "modul", "bs", NULL};
    char key[KEY_MAX];
    if (len == 0)
        return NORM_EMPTY;
    textfold_key(s, len, key, sizeof key);
    const char *mapped = config_value_lookup(cfg, "baustein", key);
    if (mapped && strcmp(mapped, CONFIG_NOTHING) == 0)
        return NORM_EMPTY;
    if (mapped) {
        *nr = mapped[0] - '0';
        return NORM_OK;
    }
    const char *k = key;
    for (int i = 0; prefixes[i]; i++) {
        size_t pl = strlen(prefixes[i]);
        if (strncmp(k, prefixes[i], pl) == 0 && k[pl]) {
            k += pl;
            break;
        }
    }
    int r = codebook_code_index(roman, k);
    if (r >= 0) {
        *nr = r + 1;
        return NORM_OK;
    }
    if (k[0] >= '1' && k[0] <= '9' && k[1] == '\0') {
        if (k[0] <= '6') {
            *nr = k[0] - '0';
            return NORM_OK;
        }
    }
    /* "Baustein 3: Hauptschulabschluss", "1 – Coaching": a number, then its name */
    if (k[0] >= '1' && k[0] <= '6' && k[1] >= 'a' && k[1] <= 'z') {
        *nr = k[0] - '0';
        return NORM_OK;
    }
    /* The module's name: the config's ([bausteine]) or the programme's */
    for (int b = 1; b <= CODEBOOK_BAUSTEINE; b++) {
        char nkey[KEY_MAX];
        const char *name = config_baustein_name(cfg, b);
        textfold_key(name, strlen(name), nkey, sizeof nkey);
        if (strcmp(nkey, key) == 0) {
            *nr = b;
            return NORM_OK;
        }
    }
    *reason = "kein Förderbaustein 1 bis 6";
    return NORM_INVALID;
}

norm_result normalize_cefr(const config *cfg, const char *field, const char *s, size_t len,
                           const char **code, const char **reason)
{
    static const char *const none[] = {"ohne", "keine", "kein", "0", "none", NULL};
    char key[KEY_MAX];
    if (len == 0)
        return NORM_EMPTY;
    textfold_key(s, len, key, sizeof key);
    const char *mapped = config_value_lookup(cfg, field, key);
    if (mapped && strcmp(mapped, CONFIG_NOTHING) == 0)
        return NORM_EMPTY;
    if (mapped) {
        *code = mapped;
        return NORM_OK;
    }
    if ((mapped = code_by_key(codebook_cefr, key)) != NULL) {
        *code = mapped; /* its label: "keine Deutschkenntnisse" */
        return NORM_OK;
    }
    if (codebook_code_index(none, key) >= 0) {
        *code = codebook_cefr[0];
        return NORM_OK;
    }
    /* "B1", "b1.2", "A2+": a level is a letter A-C and a digit 1-2, sub-levels round down. */
    const char *k = key;
    if (strncmp(k, "niveau", 6) == 0)
        k += 6;
    if ((k[0] == 'a' || k[0] == 'b' || k[0] == 'c') && (k[1] == '1' || k[1] == '2') &&
        (k[2] == '\0' || (is_digit(k[2]) && k[3] == '\0'))) {
        *code = codebook_cefr[1 + (k[0] - 'a') * 2 + (k[1] - '1')];
        return NORM_OK;
    }
    *reason = "kein Sprachniveau (erwartet ohne, A1 bis C2)";
    return NORM_INVALID;
}

/* 1 if key equals the key of code: codes are ASCII, so fold on the fly (A1 -> a1, arbeit_sonstige). */
static int code_matches(const char *code, const char *key)
{
    for (;; code++) {
        char c = *code;
        if (c == '_')
            continue;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != *key)
            return 0;
        if (!c)
            return 1;
        key++;
    }
}

/* Finds a code of codes[] by its key, its German or English label, or its short code; the code or NULL. */
static const char *code_by_key(const char *const *codes, const char *key)
{
    char lkey[KEY_MAX];
    for (int i = 0; codes[i]; i++)
        if (code_matches(codes[i], key))
            return codes[i];
    for (int i = 0; codes[i]; i++) {
        const codebook_label *l = codebook_label_of(codes, i);
        if (!l)
            break;
        const char *words[3] = {l->de, l->en, l->kurz};
        for (int w = 0; w < 3; w++) {
            textfold_key(words[w], strlen(words[w]), lkey, sizeof lkey);
            if (strcmp(lkey, key) == 0)
                return codes[i];
        }
    }
    return NULL;
}

/*
 * The code of a value key: the config's map of field (then of fallback_field)
 * first, then the codes and their words. CONFIG_NOTHING when the config reads
 * it as no answer; NULL if unknown.
 */
static const char *lookup_code(const config *cfg, const char *field, const char *fallback_field,
                               const char *const *codes, const char *key)
{
    const char *mapped = config_value_lookup(cfg, field, key);
    if (!mapped && fallback_field)
        mapped = config_value_lookup(cfg, fallback_field, key);
    if (mapped && (strcmp(mapped, CONFIG_NOTHING) == 0 || codebook_code_index(codes, mapped) >= 0))
        return mapped;
    return code_by_key(codes, key);
}

norm_result normalize_code(const config *cfg, const char *field, const char *fallback_field,
                           const char *const *codes, const char *s, size_t len, const char **code,
                           const char **reason)
{
    char key[KEY_MAX];
    if (len == 0)
        return NORM_EMPTY;
    textfold_key(s, len, key, sizeof key);
    if (!key[0])
        return NORM_EMPTY; /* "-", "?" and the like: no answer */
    *code = lookup_code(cfg, field, fallback_field, codes, key);
    if (*code)
        return strcmp(*code, CONFIG_NOTHING) == 0 ? NORM_EMPTY : NORM_OK;
    *reason = "unbekannter Wert (weder Code des Codebuchs noch in der Konfiguration zugeordnet)";
    return NORM_INVALID;
}

void normalize_set_join(const char *const *codes, unsigned mask, char *out, size_t cap)
{
    size_t n = 0, count = 0;
    const char *sorted[32];
    for (int i = 0; codes[i] && i < 32; i++)
        if (mask & (1u << i))
            sorted[count++] = codes[i];
    /* Insertion sort: at most ten members. */
    for (size_t i = 1; i < count; i++) {
        const char *x = sorted[i];
        size_t j = i;
        for (; j > 0 && strcmp(sorted[j - 1], x) > 0; j--)
            sorted[j] = sorted[j - 1];
        sorted[j] = x;
    }
    out[0] = '\0';
    for (size_t i = 0; i < count; i++)
        n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s", i ? "|" : "", sorted[i]);
}

/* Words that only join members: "Duldung und Gestattung", "alle außer X und Y". */
static int is_joining_word(const char *key)
{
    return strcmp(key, "und") == 0 || strcmp(key, "and") == 0 || strcmp(key, "sowie") == 0 ||
           strcmp(key, "oder") == 0 || strcmp(key, "or") == 0;
}

/*
 * Reads the members in s[0..len): the whole text, else its space-separated
 * words, each run of words as long as it maps (Kobo writes codes, or labels,
 * joined by spaces). Sets their bits in *mask; 0, or -1 if a word maps to nothing.
 */
static int read_members(const config *cfg, const char *field, const char *fallback_field,
                        const char *const *codes, const char *s, size_t len, unsigned *mask)
{
    char key[KEY_MAX];
    const char *words[64];
    size_t wlen[64], n = 0;
    textfold_key(s, len, key, sizeof key);
    if (!key[0])
        return 0;
    const char *code = lookup_code(cfg, field, fallback_field, codes, key);
    if (code) {
        if (strcmp(code, CONFIG_NOTHING) != 0)
            *mask |= 1u << codebook_code_index(codes, code);
        return 0;
    }
    for (size_t i = 0; i < len && n < 64;) {
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t b = i;
        while (i < len && s[i] != ' ' && s[i] != '\t')
            i++;
        if (i > b) {
            words[n] = s + b;
            wlen[n++] = i - b;
        }
    }
    if (n < 2)
        return -1;
    for (size_t i = 0; i < n;) {
        size_t j = n;
        for (; j > i; j--) {
            textfold_key(words[i], (size_t)(words[j - 1] + wlen[j - 1] - words[i]), key, sizeof key);
            if (!key[0] || (j == i + 1 && is_joining_word(key)))
                break;
            if ((code = lookup_code(cfg, field, fallback_field, codes, key)) != NULL) {
                if (strcmp(code, CONFIG_NOTHING) != 0)
                    *mask |= 1u << codebook_code_index(codes, code);
                break;
            }
        }
        if (j == i)
            return -1;
        i = j > i ? j : i + 1;
    }
    return 0;
}

norm_result normalize_set(const config *cfg, const char *field, const char *fallback_field,
                          const char *const *codes, const char *s, size_t len, char *out, size_t cap,
                          const char **reason)
{
    unsigned mask = 0, all = 0, except = 0;
    int excluding = 0;
    size_t start = 0;
    char key[KEY_MAX];
    if (len == 0)
        return NORM_EMPTY;
    for (int c = 0; codes[c]; c++)
        all |= 1u << c;
    /* The whole value as the config maps it ("Gestattung/Duldung = ..." is not needed, but allowed). */
    textfold_key(s, len, key, sizeof key);
    const char *whole = key[0] ? config_value_lookup(cfg, field, key) : NULL;
    if (!whole && fallback_field && key[0])
        whole = config_value_lookup(cfg, fallback_field, key);
    if (whole && strcmp(whole, CONFIG_NOTHING) == 0)
        return NORM_EMPTY;
    if (whole && codebook_code_index(codes, whole) >= 0) {
        normalize_set_join(codes, 1u << codebook_code_index(codes, whole), out, cap);
        return NORM_OK;
    }
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != ';' && s[i] != ',' && s[i] != '|' && s[i] != '/' && s[i] != '\n' &&
            s[i] != '\r')
            continue;
        const char *item = s + start;
        size_t ilen = i - start;
        start = i + 1;
        textfold_key(item, ilen, key, sizeof key);
        if (!key[0])
            continue;
        if (strcmp(key, "alle") == 0 || strcmp(key, "all") == 0) {
            mask |= all;
            continue;
        }
        /* "alle außer Duldung", "all except duldung": every member but those named. */
        static const char *const but[] = {"alleausser", "alleauser", "allexcept", "allebisauf", "alleohne",
                                          "allbut", NULL};
        for (int b = 0; but[b]; b++) {
            size_t bl = strlen(but[b]);
            if (strncmp(key, but[b], bl) == 0) {
                /* skip the words "alle" and "außer"/"except"/"bis auf"/"ohne" of the raw text */
                size_t words = strcmp(but[b], "allebisauf") == 0 ? 3 : 2, w = 0, k = 0;
                while (k < ilen && w < words) {
                    while (k < ilen && item[k] == ' ')
                        k++;
                    while (k < ilen && item[k] != ' ')
                        k++;
                    w++;
                }
                item += k;
                ilen -= k;
                mask |= all;
                excluding = 1;
                break;
            }
        }
        unsigned got = 0;
        if (read_members(cfg, field, fallback_field, codes, item, ilen, &got) != 0) {
            *reason = "unbekanntes Element der Auswahl (weder Code noch in der Konfiguration zugeordnet)";
            return NORM_INVALID;
        }
        if (excluding)
            except |= got;
        else
            mask |= got;
    }
    mask &= ~except;
    if (!mask)
        return NORM_EMPTY;
    normalize_set_join(codes, mask, out, cap);
    return NORM_OK;
}

norm_result normalize_member(const config *cfg, const char *field, const char *const *codes, int member,
                             const char *s, size_t len, int *chosen, const char **reason)
{
    static const char *const yes[] = {"gewaehlt", "ausgewaehlt", "selected", "chosen", "checked", NULL};
    static const char *const no[] = {"2", "nichtgewaehlt", "nichtausgewaehlt", "notselected", "notchosen",
                                     "unchecked", NULL};
    char key[KEY_MAX];
    if (len == 0)
        return NORM_EMPTY;
    textfold_key(s, len, key, sizeof key);
    const char *mapped = config_value_lookup(cfg, "auswahl", key);
    if (mapped) {
        if (strcmp(mapped, CONFIG_NOTHING) == 0)
            return NORM_EMPTY;
        *chosen = mapped[0] == '1';
        return NORM_OK;
    }
    if (normalize_is_no_answer(s, len))
        return NORM_EMPTY;
    if (normalize_bool(s, len, chosen, reason) == NORM_OK)
        return NORM_OK;
    if (codebook_code_index(yes, key) >= 0 || codebook_code_index(no, key) >= 0) {
        *chosen = codebook_code_index(yes, key) >= 0;
        return NORM_OK;
    }
    /* A column that holds its option's name when chosen: "Bedarf [Sprache]" = "Sprache". */
    const char *code = lookup_code(cfg, field, NULL, codes, key);
    if (code && codebook_code_index(codes, code) == member) {
        *chosen = 1;
        return NORM_OK;
    }
    *reason = "kein Ja/Nein-Wert einer Auswahlspalte (erwartet 1/0, ja/nein, Y/leer, WAHR/FALSCH)";
    return NORM_INVALID;
}

norm_result normalize_country(const config *cfg, const country_table *countries, const char *s,
                              size_t len, char out[4], const char **reason)
{
    char key[KEY_MAX];
    if (len == 0)
        return NORM_EMPTY;
    textfold_key(s, len, key, sizeof key);
    if (!key[0])
        return NORM_EMPTY;
    const char *code = config_value_lookup(cfg, "staatsangehoerigkeit", key);
    if (code && strcmp(code, CONFIG_NOTHING) == 0)
        return NORM_EMPTY;
    if (!code && countries)
        code = country_lookup(countries, key);
    if (!code || strlen(code) != 3) {
        *reason = "unbekannter Staat (erwartet ISO-Code oder deutscher/englischer Name)";
        return NORM_INVALID;
    }
    for (int i = 0; i < 3; i++)
        out[i] = (char)(code[i] >= 'a' && code[i] <= 'z' ? code[i] - 'a' + 'A' : code[i]);
    out[3] = '\0';
    return NORM_OK;
}

norm_result normalize_kommune(const config *cfg, const char *s, size_t len, const char **name,
                              const char **reason)
{
    char key[KEY_MAX];
    if (len == 0)
        return NORM_EMPTY;
    textfold_key(s, len, key, sizeof key);
    *name = config_kommune_lookup(cfg, key);
    if (*name)
        return NORM_OK;
    *reason = "Kommune gehört nicht zur Region der Konfiguration";
    return NORM_INVALID;
}

norm_result normalize_pseudonym(const char *s, size_t len, const char **reason)
{
    if (len == 0)
        return NORM_EMPTY;
    if (len > 40) {
        *reason = "Fall-ID länger als 40 Zeichen";
        return NORM_INVALID;
    }
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '.' ||
              c == '_' || c == '-')) {
            *reason = "Fall-ID mit unzulässigen Zeichen (erlaubt: A-Z a-z 0-9 . _ -)";
            return NORM_INVALID;
        }
    }
    return NORM_OK;
}
