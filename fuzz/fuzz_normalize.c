/*
 * fuzz_normalize.c - libFuzzer harness for the value normalisers (ingest/normalize.c).
 *
 * The first byte picks the normaliser, the rest is the raw value. Besides
 * "no crash" it checks each normaliser's promise: a result is NORM_OK,
 * NORM_EMPTY or NORM_INVALID with a reason, and what NORM_OK writes has the
 * canonical shape (an ISO date, a code of the list, cents >= 0, ...).
 */
#include "fuzz_util.h"

#include <ctype.h>
#include <string.h>

#include "codebook.h"
#include "config.h"
#include "country.h"
#include "normalize.h"

static config *cfg;
static country_table *countries;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet_diagnostics();
    fuzz_load_region(&cfg, &countries);
    return 0;
}

static void check_result(norm_result res, const char *reason)
{
    FUZZ_ASSERT(res == NORM_OK || res == NORM_EMPTY || res == NORM_INVALID);
    if (res == NORM_INVALID)
        FUZZ_ASSERT(reason && reason[0]);
}

static void check_date(const char *d)
{
    FUZZ_ASSERT(strlen(d) == 10 && d[4] == '-' && d[7] == '-');
    int y = atoi(d), m = atoi(d + 5), day = atoi(d + 8);
    FUZZ_ASSERT(y >= 1 && m >= 1 && m <= 12 && day >= 1 && day <= 31);
}

static void check_set(const char *const *codes, const char *set)
{
    char copy[512];
    FUZZ_ASSERT(strlen(set) < sizeof copy);
    strcpy(copy, set);
    char *save = NULL;
    for (char *tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
        FUZZ_ASSERT(codebook_code_index(codes, tok) >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    /* The normalisers get the trimmed field as the reader gives it: NUL-terminated. */
    size_t len = size - 1;
    char *s = malloc(len + 1);
    FUZZ_ASSERT(s);
    memcpy(s, data + 1, len);
    s[len] = '\0';
    const char *reason = NULL, *code = NULL;
    norm_result res;
    switch (data[0] % 13) {
    case 0: {
        char out[11] = "";
        res = normalize_date(s, len, out, &reason);
        if (res == NORM_OK)
            check_date(out);
        break;
    }
    case 1: {
        int year = 0;
        res = normalize_year(s, len, 2026, &year, &reason);
        if (res == NORM_OK)
            FUZZ_ASSERT(year >= 1900 && year <= 2026);
        break;
    }
    case 2: {
        int v = -1;
        res = normalize_bool(s, len, &v, &reason);
        if (res == NORM_OK)
            FUZZ_ASSERT(v == 0 || v == 1);
        break;
    }
    case 3: {
        long long cents = -1;
        res = normalize_money(s, len, &cents, &reason);
        if (res == NORM_OK)
            FUZZ_ASSERT(cents >= 0);
        break;
    }
    case 4: {
        long long v = -1;
        res = normalize_count(s, len, &v, &reason);
        if (res == NORM_OK)
            FUZZ_ASSERT(v >= 0);
        break;
    }
    case 5: {
        int nr = 0;
        res = normalize_baustein(cfg, s, len, &nr, &reason);
        if (res == NORM_OK)
            FUZZ_ASSERT(nr >= 1 && nr <= CODEBOOK_BAUSTEINE);
        break;
    }
    case 6:
        res = normalize_cefr(cfg, "deutsch_eintritt", s, len, &code, &reason);
        if (res == NORM_OK)
            FUZZ_ASSERT(codebook_code_index(codebook_cefr, code) >= 0);
        break;
    case 7:
        res = normalize_code(cfg, "verbleib", NULL, codebook_verbleib, s, len, &code, &reason);
        if (res == NORM_OK)
            FUZZ_ASSERT(codebook_code_index(codebook_verbleib, code) >= 0);
        break;
    case 8:
        res = normalize_code(cfg, "aufenthaltsstatus", NULL, codebook_aufenthaltsstatus, s, len,
                             &code, &reason);
        if (res == NORM_OK)
            FUZZ_ASSERT(codebook_code_index(codebook_aufenthaltsstatus, code) >= 0);
        break;
    case 9: {
        char out[160] = "";
        res = normalize_set(cfg, "bedarfe", NULL, codebook_bedarfe, s, len, out, sizeof out, &reason);
        if (res == NORM_OK)
            check_set(codebook_bedarfe, out);
        break;
    }
    case 10: {
        char out[4] = "";
        res = normalize_country(cfg, countries, s, len, out, &reason);
        if (res == NORM_OK)
            FUZZ_ASSERT(strlen(out) == 3 && isupper((unsigned char)out[0]));
        break;
    }
    case 11: {
        const char *name = NULL;
        res = normalize_kommune(cfg, s, len, &name, &reason);
        if (res == NORM_OK) {
            int known = 0;
            for (size_t i = 0; i < cfg->n_kommunen; i++)
                known |= strcmp(name, cfg->kommunen[i]) == 0;
            FUZZ_ASSERT(known);
        }
        break;
    }
    default:
        res = normalize_pseudonym(s, len, &reason);
        if (res == NORM_OK)
            FUZZ_ASSERT(len >= 1 && len <= 40 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == len);
        break;
    }
    check_result(res, reason);
    free(s);
    return 0;
}
