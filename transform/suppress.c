/*
 * suppress.c - primary and secondary suppression.
 */
#include "suppress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

enum { P_ZAEHLER = 1, P_NENNER = 2 };
enum { SIZE_NONE = 0, SIZE_ZAEHLER, SIZE_NENNER };

typedef struct sup_spec {
    const char *kennzahl;
    unsigned primary; /* which of zaehler, nenner are counts of persons */
    int size;         /* the cell's size in a line, SIZE_NONE: not in lines */
    const char *link; /* withheld with this count of the same cell */
    int link_total;   /* ... of its gesamt row instead */
} sup_spec;

static const sup_spec specs[] = {
    {"personen", P_ZAEHLER, SIZE_ZAEHLER, NULL, 0},
    {"teilnahmen", P_ZAEHLER, SIZE_ZAEHLER, NULL, 0},
    {"eintritte", P_ZAEHLER, SIZE_ZAEHLER, NULL, 0},
    {"austritte", P_ZAEHLER, SIZE_ZAEHLER, NULL, 0},
    {"bestand", P_ZAEHLER, SIZE_ZAEHLER, NULL, 0},
    {"vermittlungen", P_ZAEHLER, SIZE_ZAEHLER, NULL, 0},
    {"personen_ausserhalb_zielgruppe", P_ZAEHLER, SIZE_ZAEHLER, NULL, 0},
    {"bedarf_personen", P_ZAEHLER, SIZE_ZAEHLER, NULL, 0},
    {"vermittlungsquote", P_ZAEHLER | P_NENNER, SIZE_NENNER, "austritte", 0},
    {"abbruchquote", P_ZAEHLER | P_NENNER, SIZE_NENNER, "austritte", 0},
    {"verbleib_anteil", P_ZAEHLER | P_NENNER, SIZE_ZAEHLER, "austritte", 1},
    {"deutsch_b1_quote", P_ZAEHLER | P_NENNER, SIZE_NENNER, NULL, 0},
    {"pruefung_bestanden_quote", P_ZAEHLER | P_NENNER, SIZE_NENNER, NULL, 0},
    {"abschluss_quote", P_ZAEHLER | P_NENNER, SIZE_NENNER, NULL, 0},
    {"zielgruppe_anteil", P_ZAEHLER | P_NENNER, SIZE_NENNER, "personen", 0},
    {"dauer_bis_vermittlung", P_ZAEHLER | P_NENNER, SIZE_NONE, "teilnahmen", 0},
    {"deckungsgrad", P_NENNER, SIZE_NONE, "bedarf_personen", 0},
    {"angebotsluecke", P_ZAEHLER, SIZE_NONE, "bedarf_personen", 0},
    {"kosten_je_teilnahme", 0, SIZE_NONE, "teilnahmen", 0},
    {"kosten_je_vermittlung", 0, SIZE_NONE, "vermittlungen", 0},
};

#define N_SPECS (sizeof specs / sizeof specs[0])
#define MAX_PARTS 4

static const sup_spec *spec_of(const char *kennzahl)
{
    for (size_t i = 0; i < N_SPECS; i++)
        if (strcmp(specs[i].kennzahl, kennzahl) == 0)
            return &specs[i];
    return NULL;
}

/* Splits s at KZ_CROSS into at most MAX_PARTS parts copied into buf; returns the count. */
static int split_parts(const char *s, char parts[MAX_PARTS][256])
{
    int n = 0;
    size_t cross = strlen(KZ_CROSS);
    while (n < MAX_PARTS) {
        const char *x = strstr(s, KZ_CROSS);
        size_t len = x ? (size_t)(x - s) : strlen(s);
        if (len > 255)
            len = 255;
        memcpy(parts[n], s, len);
        parts[n][len] = '\0';
        n++;
        if (!x)
            break;
        s = x + cross;
    }
    return n;
}

/* Joins parts except skip with KZ_CROSS into out; "gesamt" when nothing is left. */
static void join_parts(char parts[MAX_PARTS][256], int n, int skip, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (i == skip)
            continue;
        int w = snprintf(out + len, cap - len, "%s%s", len ? KZ_CROSS : "", parts[i]);
        if (w < 0 || (size_t)w >= cap - len)
            break;
        len += (size_t)w;
    }
    if (!out[0])
        snprintf(out, cap, "gesamt");
}

typedef struct sup_line {
    long total; /* row number of the total */
    size_t *cells;
    size_t n, cap;
} sup_line;

typedef struct sup_lines {
    sup_line *v;
    size_t n, cap;
    strmap *keys; /* line key -> number */
} sup_lines;

static long cell_size(const kz_row *r, const sup_spec *s)
{
    const kz_value *v = s->size == SIZE_NENNER ? &r->nenner : &r->zaehler;
    return v->kind == KZ_NULL ? 0 : (long)v->v;
}

static int is_small(kz_value v, int min_fallzahl)
{
    return v.kind != KZ_NULL && v.v > 0 && v.v < min_fallzahl;
}

/* Files row i of t into every line it is a cell of. */
static int lines_add_row(sup_lines *ls, const kz_table *t, size_t i)
{
    const kz_row *r = &t->rows[i];
    char dparts[MAX_PARTS][256], cparts[MAX_PARTS][256], tdim[512], tcat[512], key[1536];
    if (strcmp(r->dimension, "gesamt") == 0)
        return 0;
    int nd = split_parts(r->dimension, dparts), nc = split_parts(r->kategorie, cparts);
    if (nd != nc)
        return 0;
    for (int j = 0; j < nd; j++) {
        if (strcmp(dparts[j], "jahr") == 0)
            continue; /* years do not add up to a shown total */
        join_parts(dparts, nd, j, tdim, sizeof tdim);
        join_parts(cparts, nc, j, tcat, sizeof tcat);
        kz_row *total = kz_table_find(t, r->kennzahl, tdim, tcat);
        if (!total)
            continue;
        snprintf(key, sizeof key, "%s\x1f%s\x1f%d\x1f%s", r->kennzahl, r->dimension, j, tcat);
        const char *num = strmap_get(ls->keys, key);
        size_t li;
        if (num) {
            li = strtoul(num, NULL, 10);
        } else {
            char buf[24];
            if (ls->n == ls->cap) {
                size_t cap = ls->cap ? ls->cap * 2 : 64;
                sup_line *v = realloc(ls->v, cap * sizeof *v);
                if (!v)
                    return -1;
                ls->v = v;
                ls->cap = cap;
            }
            li = ls->n++;
            memset(&ls->v[li], 0, sizeof ls->v[li]);
            ls->v[li].total = total - t->rows;
            snprintf(buf, sizeof buf, "%zu", li);
            if (strmap_set(ls->keys, key, buf, NULL) != 0)
                return -1;
        }
        sup_line *l = &ls->v[li];
        if (l->n == l->cap) {
            size_t cap = l->cap ? l->cap * 2 : 8;
            size_t *cells = realloc(l->cells, cap * sizeof *cells);
            if (!cells)
                return -1;
            l->cells = cells;
            l->cap = cap;
        }
        l->cells[l->n++] = i;
    }
    return 0;
}

/* Applies the secondary rule once to line l; returns 1 if it withheld something. */
static int line_secondary(kz_table *t, const sup_line *l, const sup_spec *s)
{
    kz_row *total = &t->rows[l->total];
    size_t withheld = 0, best = (size_t)-1;
    long best_size = 0;
    if (total->gesperrt)
        return 0;
    for (size_t i = 0; i < l->n; i++) {
        const kz_row *r = &t->rows[l->cells[i]];
        long size = cell_size(r, s);
        if (r->gesperrt)
            withheld++;
        else if (size > 0 && (best == (size_t)-1 || size < best_size)) {
            best = l->cells[i];
            best_size = size;
        }
    }
    if (withheld != 1)
        return 0;
    if (best != (size_t)-1)
        t->rows[best].gesperrt = 1;
    else
        total->gesperrt = 1;
    return 1;
}

dbk_error suppress_apply(kz_table *t, int min_fallzahl)
{
    sup_lines ls = {0};
    dbk_error err = DBK_ERR_NOMEM;
    const sup_spec **spec = calloc(t->n + 1, sizeof *spec);
    long *link = malloc((t->n + 1) * sizeof *link);
    int changed;

    if (!spec || !link || !(ls.keys = strmap_new()))
        goto done;
    for (size_t i = 0; i < t->n; i++) {
        kz_row *r = &t->rows[i];
        spec[i] = spec_of(r->kennzahl);
        link[i] = -1;
        if (!spec[i])
            continue;
        if (((spec[i]->primary & P_ZAEHLER) && is_small(r->zaehler, min_fallzahl)) ||
            ((spec[i]->primary & P_NENNER) && is_small(r->nenner, min_fallzahl)))
            r->gesperrt = 1;
        if (spec[i]->link) {
            kz_row *to = spec[i]->link_total
                             ? kz_table_find(t, spec[i]->link, "gesamt", "gesamt")
                             : kz_table_find(t, spec[i]->link, r->dimension, r->kategorie);
            if (to)
                link[i] = to - t->rows;
        }
        if (spec[i]->size != SIZE_NONE && lines_add_row(&ls, t, i) != 0)
            goto done;
    }
    do {
        changed = 0;
        for (size_t li = 0; li < ls.n; li++)
            changed |= line_secondary(t, &ls.v[li], spec[ls.v[li].cells[0]]);
        for (size_t i = 0; i < t->n; i++) {
            if (link[i] >= 0 && t->rows[link[i]].gesperrt && !t->rows[i].gesperrt) {
                t->rows[i].gesperrt = 1;
                changed = 1;
            }
        }
    } while (changed);
    err = DBK_OK;
done:
    for (size_t li = 0; li < ls.n; li++)
        free(ls.v[li].cells);
    free(ls.v);
    strmap_free(ls.keys);
    free(spec);
    free(link);
    return err;
}
