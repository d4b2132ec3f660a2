/*
 * country.c - reads iso-codes' JSON with json-c and its German .mo catalogue.
 */
#include "country.h"

#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "strmap.h"
#include "textfold.h"

struct country_table {
    strmap *keys; /* textfold key -> alpha-3 */
};

/* A gettext .mo file in memory: msgid -> msgstr. */
typedef struct mo_file {
    unsigned char *data;
    size_t size;
    uint32_t n, orig, trans;
} mo_file;

static uint32_t mo_u32(const mo_file *mo, size_t off)
{
    uint32_t v;
    memcpy(&v, mo->data + off, 4);
    return v;
}

static int mo_load(const char *path, mo_file *mo)
{
    FILE *f = fopen(path, "rb");
    memset(mo, 0, sizeof *mo);
    if (!f)
        return -1;
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        if (size > 28 && fseek(f, 0, SEEK_SET) == 0 && (mo->data = malloc((size_t)size)) &&
            fread(mo->data, 1, (size_t)size, f) == (size_t)size)
            mo->size = (size_t)size;
    }
    fclose(f);
    /* Only the little-endian magic: Debian builds catalogues on the host's order. */
    if (!mo->size || mo_u32(mo, 0) != 0x950412de) {
        free(mo->data);
        memset(mo, 0, sizeof *mo);
        return -1;
    }
    mo->n = mo_u32(mo, 8);
    mo->orig = mo_u32(mo, 12);
    mo->trans = mo_u32(mo, 16);
    if ((size_t)mo->orig + 8ull * mo->n > mo->size || (size_t)mo->trans + 8ull * mo->n > mo->size) {
        free(mo->data);
        memset(mo, 0, sizeof *mo);
        return -1;
    }
    return 0;
}

/* Binary search: the original strings of a .mo file are sorted. Returns NULL if absent. */
static const char *mo_translate(const mo_file *mo, const char *msgid)
{
    uint32_t lo = 0, hi = mo->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t len = mo_u32(mo, mo->orig + 8 * mid), off = mo_u32(mo, mo->orig + 8 * mid + 4);
        if ((size_t)off + len >= mo->size)
            return NULL;
        int c = strcmp(msgid, (const char *)mo->data + off);
        if (c == 0) {
            uint32_t tlen = mo_u32(mo, mo->trans + 8 * mid), toff = mo_u32(mo, mo->trans + 8 * mid + 4);
            if ((size_t)toff + tlen >= mo->size || tlen == 0)
                return NULL;
            return (const char *)mo->data + toff;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* Adds the key of name (and of its part before a comma) unless it is taken. */
static void add_name(country_table *t, const char *name, const char *alpha3)
{
    char key[256];
    if (!name)
        return;
    textfold_key(name, strlen(name), key, sizeof key);
    if (key[0] && !strmap_get(t->keys, key))
        strmap_set(t->keys, key, alpha3, NULL);
    const char *comma = strchr(name, ',');
    if (comma) {
        textfold_key(name, (size_t)(comma - name), key, sizeof key);
        if (key[0] && !strmap_get(t->keys, key))
            strmap_set(t->keys, key, alpha3, NULL);
    }
}

static const char *json_string_of(json_object *obj, const char *name)
{
    json_object *v;
    return json_object_object_get_ex(obj, name, &v) ? json_object_get_string(v) : NULL;
}

country_table *country_table_load(void)
{
    const char *dir = getenv("DURCHBLICK_ISO_CODES_DIR");
    char json_path[512], mo_path[512];
    snprintf(json_path, sizeof json_path, "%s/share/iso-codes/json/iso_3166-1.json", dir ? dir : "/usr");
    snprintf(mo_path, sizeof mo_path, "%s/share/locale/de/LC_MESSAGES/iso_3166-1.mo", dir ? dir : "/usr");

    country_table *t = calloc(1, sizeof *t);
    json_object *root = json_object_from_file(json_path);
    json_object *list = NULL;
    mo_file mo;
    int have_mo = mo_load(mo_path, &mo) == 0;
    if (!t || !(t->keys = strmap_new()) || !root ||
        !json_object_object_get_ex(root, "3166-1", &list)) {
        diag_error(json_path, 0, NULL, _("cannot read country codes (is Debian's iso-codes installed?)"));
        json_object_put(root);
        if (have_mo)
            free(mo.data);
        country_table_free(t);
        return NULL;
    }
    static const char *const name_keys[] = {"name", "common_name", "official_name"};
    /* Codes first, then English, then German names: earlier keys win a clash. */
    size_t n = json_object_array_length(list);
    for (int pass = 0; pass < 3; pass++) {
        for (size_t i = 0; i < n; i++) {
            json_object *c = json_object_array_get_idx(list, i);
            const char *a3 = json_string_of(c, "alpha_3");
            if (!a3)
                continue;
            if (pass == 0) {
                add_name(t, a3, a3);
                add_name(t, json_string_of(c, "alpha_2"), a3);
                continue;
            }
            for (size_t k = 0; k < 3; k++) {
                const char *name = json_string_of(c, name_keys[k]);
                if (pass == 1)
                    add_name(t, name, a3);
                else if (have_mo && name)
                    add_name(t, mo_translate(&mo, name), a3);
            }
        }
    }
    json_object_put(root);
    if (have_mo)
        free(mo.data);
    return t;
}

void country_table_free(country_table *t)
{
    if (!t)
        return;
    strmap_free(t->keys);
    free(t);
}

const char *country_lookup(const country_table *t, const char *key)
{
    return strmap_get(t->keys, key);
}
