/*
 * fuzz_config.c - libFuzzer harness for the config parser (common/config.c over libinih).
 *
 * The input is a whole INI file. Besides "no crash, no leak" it checks what
 * the other stages rely on from a config that loaded: a region slug that is
 * safe in a file name (a-z, 0-9, '-', no "..", no '/'), the target ages in
 * order, a confidence level in (0, 1), a funding rate in [0, 1] (not nan), at
 * least one placement outcome, and lookups that answer.
 */
#include "fuzz_util.h"

#include <math.h>
#include <string.h>

#include "codebook.h"
#include "config.h"

FUZZ_QUIET_INITIALIZE

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_memfile(data, size, path);
    config *cfg = NULL;
    dbk_error err = config_load(path, &cfg);
    close(fd);
    if (err != DBK_OK) {
        FUZZ_ASSERT(cfg == NULL);
        FUZZ_ASSERT(err == DBK_ERR_CONFIG);
        return 0;
    }
    FUZZ_ASSERT(cfg);
    FUZZ_ASSERT(strlen(cfg->sha256) == 64);
    if (cfg->region_slug) {
        const char *slug = cfg->region_slug;
        FUZZ_ASSERT(slug[0] != '\0');
        FUZZ_ASSERT(strspn(slug, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(slug));
    }
    FUZZ_ASSERT(cfg->age_min <= cfg->age_max);
    FUZZ_ASSERT(cfg->confidence > 0 && cfg->confidence < 1);
    FUZZ_ASSERT(isfinite(cfg->funding_rate) && cfg->funding_rate >= 0 && cfg->funding_rate <= 1);
    FUZZ_ASSERT(cfg->placement_mask != 0);
    FUZZ_ASSERT(cfg->min_fallzahl >= 0);
    for (size_t i = 0; i < cfg->n_kommunen; i++)
        FUZZ_ASSERT(cfg->kommunen[i] && cfg->kommunen[i][0]);
    for (int nr = 1; nr <= CODEBOOK_BAUSTEINE; nr++)
        FUZZ_ASSERT(config_baustein_name(cfg, nr) != NULL);
    (void)config_value_lookup(cfg, "verbleib", "arbeit");
    (void)config_kommune_lookup(cfg, "herford");
    (void)config_is_placement(cfg, "ausbildung");
    dataset_kind kind;
    (void)config_dataset_for_file(cfg, "/x/teilnahmen-2024.csv", &kind);
    config_free(cfg);
    return 0;
}
