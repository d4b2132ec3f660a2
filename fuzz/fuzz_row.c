/*
 * fuzz_row.c - libFuzzer harness for the row validator (ingest/row.c) and,
 * through it, every normaliser and the survey member columns.
 *
 * The first byte picks a header line taken from the shipped samples (three
 * dialects of teilnahmen, angebote, mittel); the rest is rows, one per '\n',
 * fields split at '\t' (no quoting: the reader's job is fuzzed elsewhere).
 * Besides "no crash" it checks that a valid row holds canonical values only
 * and that a rejection names a reason.
 */
#include "fuzz_util.h"

#include <string.h>

#include "codebook.h"
#include "config.h"
#include "country.h"
#include "csvreader.h"
#include "header.h"
#include "row.h"

static const char *const header_files[] = {
    "samples/data/dialects/teilnahmen-canonical.csv", "samples/data/dialects/teilnahmen-survey.csv",
    "samples/data/dialects/teilnahmen-excel.csv",     "samples/data/angebote-kreis-herford.csv",
    "samples/data/mittel-kreis-herford.csv",
};
static const dataset_kind header_kinds[] = {DATASET_TEILNAHMEN, DATASET_TEILNAHMEN, DATASET_TEILNAHMEN,
                                            DATASET_ANGEBOTE, DATASET_MITTEL};
#define N_HEADERS (sizeof header_files / sizeof header_files[0])

static config *cfg;
static country_table *countries;
static header_map *maps[N_HEADERS];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet_diagnostics();
    fuzz_load_region(&cfg, &countries);
    for (size_t i = 0; i < N_HEADERS; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", FUZZ_REPO, header_files[i]);
        csv_reader_options opt = {ENCODING_AUTO, 0, 0, NULL};
        csv_reader *r = NULL;
        csv_record hdr;
        if (csv_reader_open(path, &opt, &r) != DBK_OK || csv_reader_next(r, &hdr) != 1 ||
            header_map_build(cfg, header_kinds[i], &hdr, path, &maps[i]) != DBK_OK)
            abort();
        csv_reader_free(r);
    }
    return 0;
}

static void check_valid(const header_map *map, const row_values *v)
{
    const codebook_dataset *ds = codebook_dataset_get(map->kind);
    for (size_t f = 0; f < ds->n_fields; f++) {
        const codebook_field *fd = &ds->fields[f];
        if (!v->present[f]) {
            FUZZ_ASSERT(fd->required != REQUIRED_YES);
            continue;
        }
        switch (fd->type) {
        case FIELD_CODE:
        case FIELD_CEFR:
            FUZZ_ASSERT(codebook_code_index(fd->codes, v->text[f]) >= 0);
            break;
        case FIELD_SET: {
            char copy[160], *save = NULL;
            FUZZ_ASSERT(strlen(v->text[f]) < sizeof copy);
            strcpy(copy, v->text[f]);
            for (char *t = strtok_r(copy, "|", &save); t; t = strtok_r(NULL, "|", &save))
                FUZZ_ASSERT(codebook_code_index(fd->codes, t) >= 0);
            break;
        }
        case FIELD_DATE:
            FUZZ_ASSERT(strlen(v->text[f]) == 10 && v->text[f][4] == '-' && v->text[f][7] == '-');
            break;
        case FIELD_BAUSTEIN:
            FUZZ_ASSERT(v->num[f] >= 1 && v->num[f] <= CODEBOOK_BAUSTEINE);
            break;
        case FIELD_INT:
        case FIELD_MONEY:
            FUZZ_ASSERT(v->num[f] >= 0);
            break;
        case FIELD_BOOL:
            FUZZ_ASSERT(v->num[f] == 0 || v->num[f] == 1);
            break;
        case FIELD_COUNTRY:
            FUZZ_ASSERT(strlen(v->text[f]) == 3);
            break;
        default:
            break;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const header_map *map = maps[data[0] % N_HEADERS];
    row_context ctx = {cfg, countries, map, 2026, ""};
    const uint8_t *p = data + 1, *end = data + size;
    long line = 2;
    while (p < end) {
        const uint8_t *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        size_t n_fields = 1;
        for (const uint8_t *q = p; q < eol; q++)
            n_fields += *q == '\t';
        char *buf = malloc((size_t)(eol - p) + 1);
        char **fields = malloc(n_fields * sizeof *fields);
        size_t *lens = malloc(n_fields * sizeof *lens);
        FUZZ_ASSERT(buf && fields && lens);
        memcpy(buf, p, (size_t)(eol - p));
        buf[eol - p] = '\0';
        size_t k = 0;
        char *start = buf;
        for (char *q = buf;; q++) {
            if (q == buf + (eol - p) || *q == '\t') {
                fields[k] = start;
                lens[k] = (size_t)(q - start);
                k++;
                if (q == buf + (eol - p))
                    break;
                *q = '\0';
                start = q + 1;
            }
        }
        FUZZ_ASSERT(k == n_fields);
        csv_record rec = {fields, lens, n_fields, line++};
        row_values *v = malloc(sizeof *v);
        FUZZ_ASSERT(v);
        row_rejection rej = {0};
        row_status st = row_validate(&ctx, &rec, v, &rej);
        FUZZ_ASSERT(st == ROW_VALID || st == ROW_REJECTED || st == ROW_BLANK);
        if (st == ROW_REJECTED)
            FUZZ_ASSERT(rej.reason && rej.reason[0]);
        else if (st == ROW_VALID)
            check_valid(map, v);
        free(v);
        free(lens);
        free(fields);
        free(buf);
        p = eol + 1;
    }
    return 0;
}
