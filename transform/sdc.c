/*
 * sdc.c - cells, figures and relations; primary and secondary suppression;
 * the audit by linear and integer programming (GLPK).
 *
 * Secondary suppression works like GaussSuppression's singleton handling
 * and tau-Argus's audit loop together: a fast pass over every line (a total
 * and its parts) withholds the smallest shown part where the withheld parts
 * of a line would otherwise be pinned or proven small; then the audit bounds
 * every unknown cell over all relations at once, and each cell that fails
 * takes a partner from its relations, until nothing fails.
 */
#include "sdc.h"

#include <glpk.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "strmap.h"

typedef struct lvec {
    long *v;
    size_t n, cap;
} lvec;

typedef struct cell {
    char *key;
    long long value;
    unsigned flags;
    sdc_state state;
    int published;  /* a shown figure prints it */
    int total;      /* the total of some line */
    lvec rels;      /* relations it is in */
    lvec figs;      /* figures that print it */
    lvec numer_of;  /* shares it is the numerator of */
    int zero_rule;  /* 0 in a share of a small group: must not be provable */
    int weight;     /* how much a reader would miss it (sdc_weight) */
    int audited;    /* its checks passed (or fail only structurally): withholding more only
                     * widens the bounds, so they stay passed */
    int deep_checked; /* structural() has looked at all relations that reach it */
} cell;

typedef struct relation {
    sdc_relation_type type;
    int line;      /* cells[0] is the total, the rest its parts */
    size_t n;
    long *cells;
    int *coef;
} relation;

typedef struct figure {
    size_t n;
    long *cells;
    int withheld;
} figure;

typedef struct share {
    long z, n, comp;
} share;

struct sdc_model {
    int min_fallzahl;
    cell *cells;
    size_t n_cells, cap_cells;
    relation *rels;
    size_t n_rels, cap_rels;
    figure *figs;
    size_t n_figs, cap_figs;
    share *shares;
    size_t n_shares, cap_shares;
    strmap *keys;      /* key -> cell index */
    strmap *passed;    /* component signatures the audit passed */
    sdc_stats stats;
};

/* ---- small vectors ---- */

static int lvec_push(lvec *a, long x)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 4;
        long *v = realloc(a->v, cap * sizeof *v);
        if (!v)
            return -1;
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = x;
    return 0;
}

/* Grows *p (of *cap elements of size sz) to hold one more; returns 0 or -1. */
static int grow(void **p, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 64;
    void *q = realloc(*p, c * sz);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

/* ---- building ---- */

sdc_model *sdc_new(int min_fallzahl)
{
    sdc_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->min_fallzahl = min_fallzahl < 1 ? 1 : min_fallzahl;
    if (!(m->keys = strmap_new()) || !(m->passed = strmap_new())) {
        sdc_free(m);
        return NULL;
    }
    return m;
}

void sdc_free(sdc_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_cells; i++) {
        free(m->cells[i].key);
        free(m->cells[i].rels.v);
        free(m->cells[i].figs.v);
        free(m->cells[i].numer_of.v);
    }
    for (size_t i = 0; i < m->n_rels; i++) {
        free(m->rels[i].cells);
        free(m->rels[i].coef);
    }
    for (size_t i = 0; i < m->n_figs; i++)
        free(m->figs[i].cells);
    free(m->cells);
    free(m->rels);
    free(m->figs);
    free(m->shares);
    strmap_free(m->keys);
    strmap_free(m->passed);
    free(m);
}

long sdc_find(const sdc_model *m, const char *key)
{
    const char *v = strmap_get(m->keys, key);
    return v ? strtol(v, NULL, 10) : -1;
}

long sdc_cell(sdc_model *m, const char *key, long long value, unsigned flags)
{
    long c = sdc_find(m, key);
    char num[24];
    if (c >= 0) {
        if (m->cells[c].value != value) {
            diag_error(NULL, 0, NULL, _("internal error: count %s is %lld in one place and %lld in another"),
                       key, m->cells[c].value, value);
            return -2;
        }
        m->cells[c].flags &= flags; /* latent only if latent everywhere */
        return c;
    }
    if (grow((void **)&m->cells, &m->cap_cells, m->n_cells, sizeof *m->cells) != 0)
        return -1;
    cell *x = &m->cells[m->n_cells];
    memset(x, 0, sizeof *x);
    if (!(x->key = strdup(key)))
        return -1;
    x->value = value;
    x->flags = flags;
    snprintf(num, sizeof num, "%zu", m->n_cells);
    if (strmap_set(m->keys, key, num, NULL) != 0) {
        free(x->key);
        return -1;
    }
    return (long)m->n_cells++;
}

void sdc_weight(sdc_model *m, long c, int weight)
{
    if (weight > m->cells[c].weight)
        m->cells[c].weight = weight;
}

long long sdc_value(const sdc_model *m, long c)
{
    return m->cells[c].value;
}

const char *sdc_key(const sdc_model *m, long c)
{
    return m->cells[c].key;
}

size_t sdc_cell_count(const sdc_model *m)
{
    return m->n_cells;
}

static int relation_add(sdc_model *m, sdc_relation_type type, int line, size_t n, const long *cells,
                        const int *coef)
{
    if (n == 0)
        return 0;
    if (grow((void **)&m->rels, &m->cap_rels, m->n_rels, sizeof *m->rels) != 0)
        return -1;
    relation *r = &m->rels[m->n_rels];
    memset(r, 0, sizeof *r);
    r->type = type;
    r->line = line;
    r->n = n;
    r->cells = malloc(n * sizeof *r->cells);
    r->coef = malloc(n * sizeof *r->coef);
    if (!r->cells || !r->coef) {
        free(r->cells);
        free(r->coef);
        return -1;
    }
    memcpy(r->cells, cells, n * sizeof *cells);
    memcpy(r->coef, coef, n * sizeof *coef);
    for (size_t i = 0; i < n; i++) {
        lvec *rv = &m->cells[cells[i]].rels;
        if (rv->n && rv->v[rv->n - 1] == (long)m->n_rels)
            continue; /* a cell twice in one relation */
        if (lvec_push(rv, (long)m->n_rels) != 0)
            return -1;
    }
    if (line)
        m->cells[cells[0]].total = 1;
    m->n_rels++;
    return 0;
}

int sdc_relate(sdc_model *m, sdc_relation_type type, size_t n, const long *cells, const int *coef)
{
    return relation_add(m, type, 0, n, cells, coef);
}

int sdc_line(sdc_model *m, long total, size_t n, const long *parts)
{
    long *cells = malloc((n + 1) * sizeof *cells);
    int *coef = malloc((n + 1) * sizeof *coef);
    int rc = -1;
    if (cells && coef) {
        cells[0] = total;
        coef[0] = 1;
        for (size_t i = 0; i < n; i++) {
            cells[i + 1] = parts[i];
            coef[i + 1] = -1;
        }
        rc = relation_add(m, SDC_EQ, 1, n + 1, cells, coef);
    }
    free(cells);
    free(coef);
    return rc;
}

long sdc_share(sdc_model *m, long z, long n, long comp)
{
    char key[1024];
    for (size_t i = 0; i < m->n_shares; i++)
        if (m->shares[i].z == z && m->shares[i].n == n)
            return m->shares[i].comp;
    if (comp >= 0 && m->cells[comp].value != m->cells[n].value - m->cells[z].value) {
        diag_error(NULL, 0, NULL, _("internal error: %s is not %s minus %s"), m->cells[comp].key,
                   m->cells[n].key, m->cells[z].key);
        return -2;
    }
    if (comp < 0) {
        snprintf(key, sizeof key, "%s\x1fohne\x1f%s", m->cells[n].key, m->cells[z].key);
        comp = sdc_cell(m, key, m->cells[n].value - m->cells[z].value, SDC_DERIVED);
        if (comp < 0)
            return comp;
    }
    long cs[3] = {comp, z, n};
    int co[3] = {1, 1, -1};
    if (sdc_relate(m, SDC_EQ, 3, cs, co) != 0 ||
        grow((void **)&m->shares, &m->cap_shares, m->n_shares, sizeof *m->shares) != 0 ||
        lvec_push(&m->cells[z].numer_of, (long)m->n_shares) != 0)
        return -1;
    m->shares[m->n_shares++] = (share){z, n, comp};
    return comp;
}

long sdc_figure(sdc_model *m, size_t n, const long *cells)
{
    if (grow((void **)&m->figs, &m->cap_figs, m->n_figs, sizeof *m->figs) != 0)
        return -1;
    figure *f = &m->figs[m->n_figs];
    memset(f, 0, sizeof *f);
    f->n = n;
    if (n && !(f->cells = malloc(n * sizeof *f->cells)))
        return -1;
    if (n)
        memcpy(f->cells, cells, n * sizeof *cells);
    for (size_t i = 0; i < n; i++) {
        cell *x = &m->cells[cells[i]];
        x->flags &= ~(unsigned)SDC_LATENT; /* printed: not latent */
        if (lvec_push(&x->figs, (long)m->n_figs) != 0)
            return -1;
    }
    return (long)m->n_figs++;
}

size_t sdc_check_relations(const sdc_model *m)
{
    size_t bad = 0;
    for (size_t i = 0; i < m->n_rels; i++) {
        const relation *r = &m->rels[i];
        long long s = 0;
        for (size_t j = 0; j < r->n; j++)
            s += r->coef[j] * m->cells[r->cells[j]].value;
        if ((r->type == SDC_EQ && s != 0) || (r->type == SDC_GE && s < 0)) {
            bad++;
            fprintf(stderr, "sdc: relation %zu does not hold (%lld):", i, s);
            for (size_t j = 0; j < r->n && j < 12; j++)
                fprintf(stderr, " %+d*[%s=%lld]", r->coef[j], m->cells[r->cells[j]].key,
                        m->cells[r->cells[j]].value);
            fputc('\n', stderr);
        }
    }
    return bad;
}

/* ---- states ---- */

static int is_small(const sdc_model *m, long long v)
{
    return v >= 1 && v < m->min_fallzahl;
}

static int printable(const cell *x)
{
    return x->figs.n > 0;
}

/* Recomputes which figures are withheld and which cells a reader sees. */
static void update_published(sdc_model *m)
{
    for (size_t i = 0; i < m->n_cells; i++)
        m->cells[i].published = 0;
    m->stats.figures_withheld = 0;
    for (size_t f = 0; f < m->n_figs; f++) {
        figure *g = &m->figs[f];
        g->withheld = 0;
        for (size_t j = 0; j < g->n && !g->withheld; j++)
            g->withheld = m->cells[g->cells[j]].state != SDC_SHOWN;
        m->stats.figures_withheld += g->withheld != 0;
        if (!g->withheld)
            for (size_t j = 0; j < g->n; j++)
                m->cells[g->cells[j]].published = 1;
    }
}

/*
 * What a reader can infer about an unknown cell from below. A withheld count
 * is at least 1 (a true zero prints as "–"), and so is a count withheld only
 * because its figure is (the n of a withheld rate: a rate of 0 of 0 is not
 * withheld), except the numerator of a share whose denominator is unknown: it
 * is withheld even when it is 0, so that a withheld rate of a small group
 * cannot be read as 0 %.
 */
static long long lower_bound(const sdc_model *m, long c)
{
    const cell *x = &m->cells[c];
    if (!printable(x) || x->value == 0)
        return 0; /* latent flows and complements are never printed; a rule that does not
                   * hold for a cell is none a reader can use */
    for (size_t i = 0; i < x->numer_of.n; i++)
        if (!m->cells[m->shares[x->numer_of.v[i]].n].published)
            return 0;
    return 1;
}

static void hide(sdc_model *m, long c, sdc_state s)
{
    if (m->cells[c].state != SDC_SHOWN)
        return;
    m->cells[c].state = s;
    if (s == SDC_PRIMARY)
        m->stats.primary++;
    else
        m->stats.secondary++;
}

/* Primary suppression: small counts; numerators of shares with a small complement or denominator. */
static void primary(sdc_model *m)
{
    for (size_t i = 0; i < m->n_cells; i++)
        if (printable(&m->cells[i]) && is_small(m, m->cells[i].value))
            hide(m, (long)i, SDC_PRIMARY);
    for (size_t s = 0; s < m->n_shares; s++) {
        const share *sh = &m->shares[s];
        if (!printable(&m->cells[sh->z]))
            continue;
        if (is_small(m, m->cells[sh->comp].value) || is_small(m, m->cells[sh->n].value))
            hide(m, sh->z, SDC_PRIMARY);
    }
}

/* ---- partner choice ---- */

/* Is shown cell c a better partner than cell best (-1: none yet)? Lighter first, then inner cells before totals, then smaller. */
static int better_partner(const sdc_model *m, long c, long best)
{
    const cell *x = &m->cells[c];
    if (best < 0)
        return 1;
    const cell *y = &m->cells[best];
    if (x->weight != y->weight)
        return x->weight < y->weight;
    if (x->total != y->total)
        return !x->total;
    if (x->value != y->value)
        return x->value < y->value;
    return strcmp(x->key, y->key) < 0;
}

static int candidate(const sdc_model *m, long c)
{
    const cell *x = &m->cells[c];
    return x->state == SDC_SHOWN && x->published && printable(x) && x->value > 0;
}

/* ---- the line pass ---- */

/* One pass over the lines; returns the number of cells withheld. */
static size_t line_pass(sdc_model *m)
{
    size_t added = 0;
    for (size_t i = 0; i < m->n_rels; i++) {
        const relation *r = &m->rels[i];
        if (!r->line || !m->cells[r->cells[0]].published)
            continue;
        long long rest = m->cells[r->cells[0]].value, lbs = 0;
        size_t unknown = 0;
        long best = -1;
        for (size_t j = 1; j < r->n; j++) {
            long c = r->cells[j];
            if (m->cells[c].published) {
                rest -= m->cells[c].value;
                if (candidate(m, c) && better_partner(m, c, best))
                    best = c;
            } else {
                unknown++;
                lbs += lower_bound(m, c);
            }
        }
        if (unknown == 0)
            continue;
        int bad = 0;
        for (size_t j = 1; j < r->n && !bad; j++) {
            long c = r->cells[j];
            if (m->cells[c].published)
                continue;
            long long lb = lower_bound(m, c), max = rest - (lbs - lb);
            if (is_small(m, m->cells[c].value) && max < m->min_fallzahl)
                bad = 1;
            else if (printable(&m->cells[c]) && max <= lb)
                bad = 1; /* pinned */
        }
        if (!bad)
            continue;
        if (best < 0 && candidate(m, r->cells[0]))
            best = r->cells[0];
        if (best >= 0) {
            if (getenv("DURCHBLICK_SDC_DEBUG") && atoi(getenv("DURCHBLICK_SDC_DEBUG")) > 2)
                fprintf(stderr, "  line partner %s = %lld in line of %s\n", m->cells[best].key,
                        m->cells[best].value, m->cells[r->cells[0]].key);
            hide(m, best, SDC_SECONDARY);
            update_published(m);
            added++;
        }
    }
    return added;
}

/* ---- the audit ---- */

typedef struct component {
    lvec vars;   /* cell indices, ascending */
    lvec rels;   /* relation indices touching them */
} component;

static long uf_find(long *parent, long x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static void uf_union(long *parent, long a, long b)
{
    a = uf_find(parent, a);
    b = uf_find(parent, b);
    if (a != b)
        parent[a < b ? b : a] = a < b ? a : b;
}

/*
 * Groups the unknown cells (not published) that share a relation into
 * components. Returns the number of components (written to *out, owned by
 * the caller: free each vars/rels and the array) or -1 on no memory.
 */
static long components_build(const sdc_model *m, component **out)
{
    long *parent = malloc((m->n_cells + 1) * sizeof *parent);
    long *comp_of = malloc((m->n_cells + 1) * sizeof *comp_of);
    component *cs = NULL;
    size_t n = 0, cap = 0;
    long rc = -1;
    *out = NULL;
    if (!parent || !comp_of)
        goto done;
    for (size_t i = 0; i < m->n_cells; i++) {
        parent[i] = (long)i;
        comp_of[i] = -1;
    }
    for (size_t r = 0; r < m->n_rels; r++) {
        const relation *rel = &m->rels[r];
        long first = -1;
        for (size_t j = 0; j < rel->n; j++) {
            long c = rel->cells[j];
            if (m->cells[c].published)
                continue;
            if (first < 0)
                first = c;
            else
                uf_union(parent, first, c);
        }
    }
    for (size_t i = 0; i < m->n_cells; i++) {
        if (m->cells[i].published)
            continue;
        long root = uf_find(parent, (long)i);
        if (comp_of[root] < 0) {
            if (grow((void **)&cs, &cap, n, sizeof *cs) != 0)
                goto done;
            memset(&cs[n], 0, sizeof cs[n]);
            comp_of[root] = (long)n++;
        }
        if (lvec_push(&cs[comp_of[root]].vars, (long)i) != 0)
            goto done;
    }
    for (size_t r = 0; r < m->n_rels; r++) {
        const relation *rel = &m->rels[r];
        for (size_t j = 0; j < rel->n; j++) {
            long c = rel->cells[j];
            if (m->cells[c].published)
                continue;
            if (lvec_push(&cs[comp_of[uf_find(parent, c)]].rels, (long)r) != 0)
                goto done;
            break;
        }
    }
    *out = cs;
    cs = NULL;
    rc = (long)n;
done:
    if (cs) {
        for (size_t i = 0; i < n; i++) {
            free(cs[i].vars.v);
            free(cs[i].rels.v);
        }
        free(cs);
    }
    free(parent);
    free(comp_of);
    return rc;
}

static void components_free(component *cs, long n)
{
    for (long i = 0; i < n; i++) {
        free(cs[i].vars.v);
        free(cs[i].rels.v);
    }
    free(cs);
}

/* A component as a GLPK problem: column j is cell vars[j]. */
typedef struct lp {
    glp_prob *P;
    const component *k;
    int last_obj; /* column with objective coefficient 1, or 0 */
    lvec binding; /* relations (model indices) binding at the last LP optimum */
} lp;

static long column_of(const component *k, long c)
{
    size_t lo = 0, hi = k->vars.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (k->vars.v[mid] < c)
            lo = mid + 1;
        else if (k->vars.v[mid] > c)
            hi = mid;
        else
            return (long)mid + 1;
    }
    return 0;
}

/*
 * Is cell c known in k's problem? Published cells are; with relax, only the
 * published zeros are (what no suppression could hide).
 */
static int known_in(const sdc_model *m, long c, int relax)
{
    return m->cells[c].published && (!relax || m->cells[c].value == 0);
}

static int lp_build_as(const sdc_model *m, const component *k, lp *out, int relax)
{
    glp_prob *P = glp_create_prob();
    int *ind = NULL;
    double *val = NULL;
    size_t width = 1;
    for (size_t i = 0; i < k->rels.n; i++)
        if (m->rels[k->rels.v[i]].n + 1 > width)
            width = m->rels[k->rels.v[i]].n + 1;
    ind = malloc((width + 1) * sizeof *ind);
    val = malloc((width + 1) * sizeof *val);
    if (!ind || !val) {
        free(ind);
        free(val);
        glp_delete_prob(P);
        return -1;
    }
    glp_add_cols(P, (int)k->vars.n);
    for (size_t j = 0; j < k->vars.n; j++) {
        glp_set_col_bnds(P, (int)j + 1, GLP_LO, relax ? 0.0 : (double)lower_bound(m, k->vars.v[j]),
                         0.0);
        glp_set_col_kind(P, (int)j + 1, GLP_IV);
    }
    glp_add_rows(P, (int)k->rels.n);
    for (size_t i = 0; i < k->rels.n; i++) {
        const relation *r = &m->rels[k->rels.v[i]];
        long long known = 0;
        int len = 0;
        for (size_t j = 0; j < r->n; j++) {
            long c = r->cells[j];
            if (known_in(m, c, relax)) {
                known += r->coef[j] * m->cells[c].value;
                continue;
            }
            long col = column_of(k, c);
            int dup = 0;
            for (int q = 1; q <= len; q++)
                if (ind[q] == col) {
                    val[q] += r->coef[j];
                    dup = 1;
                }
            if (!dup) {
                ind[++len] = (int)col;
                val[len] = r->coef[j];
            }
        }
        glp_set_mat_row(P, (int)i + 1, len, ind, val);
        /* sum(coef * var) + known (=|>=) 0 */
        glp_set_row_bnds(P, (int)i + 1, r->type == SDC_EQ ? GLP_FX : GLP_LO, (double)-known, 0.0);
    }
    free(ind);
    free(val);
    glp_std_basis(P);
    out->P = P;
    out->k = k;
    out->last_obj = 0;
    memset(&out->binding, 0, sizeof out->binding);
    return 0;
}

static int lp_build(const sdc_model *m, const component *k, lp *out)
{
    return lp_build_as(m, k, out, 0);
}

/* Frees what lp_build made. */
static void lp_free(lp *q)
{
    free(q->binding.v);
    glp_delete_prob(q->P);
}

typedef enum { BOUND_VALUE = 0, BOUND_UNBOUNDED, BOUND_FAILED } bound_status;

/*
 * Optimises column col (1-based) in direction dir. On BOUND_VALUE, *value
 * is the optimum of the LP relaxation (a bound no integer point beats) and
 * *witness the value of an integer solution found (integral LP vertex or
 * MIP incumbent), or NAN when none was found.
 */
static bound_status lp_bound(sdc_model *m, lp *q, int col, int dir, double *value, double *witness)
{
    glp_smcp sp;
    glp_iocp ip;
    *witness = NAN;
    if (q->last_obj)
        glp_set_obj_coef(q->P, q->last_obj, 0.0);
    glp_set_obj_coef(q->P, col, 1.0);
    q->last_obj = col;
    glp_set_obj_dir(q->P, dir);
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_OFF;
    m->stats.lp_solves++;
    if (glp_simplex(q->P, &sp) != 0) {
        glp_adv_basis(q->P, 0);
        if (glp_simplex(q->P, &sp) != 0)
            return BOUND_FAILED;
    }
    int st = glp_get_status(q->P);
    if (st == GLP_UNBND)
        return BOUND_UNBOUNDED;
    if (st != GLP_OPT)
        return BOUND_FAILED;
    *value = glp_get_obj_val(q->P);
    /* the relations that hold the optimum where it is: a partner there moves it */
    q->binding.n = 0;
    for (int i = 1; i <= glp_get_num_rows(q->P); i++)
        if (fabs(glp_get_row_dual(q->P, i)) > 1e-9 &&
            lvec_push(&q->binding, q->k->rels.v[i - 1]) != 0)
            return BOUND_FAILED;
    int integral = 1;
    for (int j = 1; j <= glp_get_num_cols(q->P) && integral; j++) {
        double x = glp_get_col_prim(q->P, j);
        integral = fabs(x - floor(x + 0.5)) < 1e-7;
    }
    if (integral) {
        *witness = floor(*value + 0.5);
        return BOUND_VALUE;
    }
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.tm_lim = 2000;
    m->stats.mip_solves++;
    if (glp_intopt(q->P, &ip) == 0 || glp_mip_status(q->P) == GLP_FEAS) {
        int ms = glp_mip_status(q->P);
        if (ms == GLP_OPT || ms == GLP_FEAS)
            *witness = floor(glp_mip_obj_val(q->P) + 0.5);
    }
    return BOUND_VALUE;
}

/* One failing check: the cell and what it needs. */
typedef struct failure {
    long cell;
} failure;

/* Signature of a component: its cells and their lower bounds. */
static void component_signature(const sdc_model *m, const component *k, char *buf, size_t cap)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < k->vars.n; i++) {
        uint64_t x = (uint64_t)k->vars.v[i] * 4 + (uint64_t)lower_bound(m, k->vars.v[i]);
        for (int b = 0; b < 8; b++) {
            h ^= (x >> (8 * b)) & 0xff;
            h *= 1099511628211u;
        }
    }
    snprintf(buf, cap, "%zu:%ld:%016llx", k->vars.n, k->vars.n ? k->vars.v[0] : -1L,
             (unsigned long long)h);
}

/* Does cell c of a component need checking, and how? */
enum { NEED_MAX = 1, NEED_PIN = 2 };

static unsigned needs(const sdc_model *m, long c, long long *target)
{
    const cell *x = &m->cells[c];
    unsigned need = 0;
    *target = 0;
    /* counts a reader could print, and complements; not the latent flows, which are
     * differences of shown figures that no table prints */
    if (is_small(m, x->value) && !(x->flags & SDC_LATENT)) {
        need |= NEED_MAX;
        *target = m->min_fallzahl;
    }
    if (printable(x))
        need |= NEED_PIN;
    return need;
}

/* Marks the zeros of shares of a small group: neither 0 % nor 100 % may be provable. */
static void mark_zero_rule(sdc_model *m)
{
    for (size_t s = 0; s < m->n_shares; s++) {
        const share *sh = &m->shares[s];
        if (!is_small(m, m->cells[sh->n].value))
            continue;
        if (m->cells[sh->z].value == 0)
            m->cells[sh->z].zero_rule = 1;
        if (m->cells[sh->comp].value == 0)
            m->cells[sh->comp].zero_rule = 1;
    }
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/*
 * Would check (need, target) of cell c fail even with every nonzero count
 * withheld, over the relations within depth steps of c (1: its own, -1: all
 * that reach it through unknown cells)? Then only published zeros pin it (0
 * exits make 0 placements; no one outside the target group makes every
 * group's share of the target group 100 %, three steps away): no suppression
 * can change that, and zeros are published as facts ("–"). Fewer relations
 * only widen the bounds, so a failure over some is a failure over all.
 * Returns 1 for such a structural failure, 0 otherwise or on no memory.
 */
static int structural(sdc_model *m, long c, unsigned need, long long target, int depth)
{
    component k;
    lp q;
    int result = 0;
    if (m->cells[c].value != 0)
        return 0; /* with only zeros known the relations hold for every multiple of the true
                   * values: a count above 0 can grow without end and is pinned by nothing */
    unsigned char *seen_cell = calloc(m->n_cells + 1, 1), *seen_rel = calloc(m->n_rels + 1, 1);
    memset(&k, 0, sizeof k);
    if (!seen_cell || !seen_rel || lvec_push(&k.vars, c) != 0)
        goto done;
    seen_cell[c] = 1;
    for (size_t from = 0; depth-- != 0 && from < k.vars.n;) {
        size_t to = k.vars.n; /* the cells reached so far: their relations are the next step */
        for (size_t v = from; v < to; v++) {
            const cell *x = &m->cells[k.vars.v[v]];
            for (size_t i = 0; i < x->rels.n; i++) {
                long ri = x->rels.v[i];
                if (seen_rel[ri])
                    continue;
                seen_rel[ri] = 1;
                if (lvec_push(&k.rels, ri) != 0)
                    goto done;
                const relation *r = &m->rels[ri];
                for (size_t j = 0; j < r->n; j++) {
                    long d = r->cells[j];
                    if (seen_cell[d] || known_in(m, d, 1))
                        continue;
                    seen_cell[d] = 1;
                    if (lvec_push(&k.vars, d) != 0)
                        goto done;
                }
            }
        }
        from = to;
    }
    qsort(k.vars.v, k.vars.n, sizeof *k.vars.v, cmp_long);
    if (k.rels.n == 0 || lp_build_as(m, &k, &q, 1) != 0)
        goto done;
    int col = (int)column_of(&k, c);
    double hi = 0, lo = 0, w;
    bound_status sh = lp_bound(m, &q, col, GLP_MAX, &hi, &w);
    if (sh == BOUND_VALUE && (need & NEED_MAX) && hi < (double)target - 1e-7)
        result = 1;
    if (!result && sh == BOUND_VALUE && (need & NEED_PIN) &&
        lp_bound(m, &q, col, GLP_MIN, &lo, &w) == BOUND_VALUE && hi - lo < 1e-7)
        result = 1;
    lp_free(&q);
done:
    free(seen_cell);
    free(seen_rel);
    free(k.vars.v);
    free(k.rels.v);
    return result;
}

/* Is shown cell c a better partner than cell best (-1: none yet)? ... among the cells of relations rels. */
static long best_in_relations(const sdc_model *m, const long *rels, size_t n)
{
    long best = -1;
    for (size_t i = 0; i < n; i++) {
        const relation *r = &m->rels[rels[i]];
        for (size_t j = 0; j < r->n; j++)
            if (candidate(m, r->cells[j]) && better_partner(m, r->cells[j], best))
                best = r->cells[j];
    }
    return best;
}

/*
 * Audits one component; appends each failing cell to *fails, followed by
 * the partner that would relax the relations binding it (-1: none found
 * there). Returns 0, or -1 on no memory.
 */
static int audit_component(sdc_model *m, const component *k, lvec *fails)
{
    lp q;
    int rc = 0, todo = 0;
    if (k->rels.n == 0)
        return 0; /* in no relation: unbounded above, nothing pins it */
    for (size_t j = 0; j < k->vars.n && !todo; j++)
        todo = !m->cells[k->vars.v[j]].audited;
    if (!todo)
        return 0; /* every check passed before: withholding more only widens the bounds */
    if (lp_build(m, k, &q) != 0)
        return -1;
    for (size_t j = 0; j < k->vars.n && rc == 0; j++) {
        long c = k->vars.v[j];
        long long target;
        if (m->cells[c].audited)
            continue;
        unsigned need = needs(m, c, &target);
        if (m->cells[c].zero_rule) {
            need |= NEED_MAX;
            if (target < 1)
                target = 1;
        }
        if (!need)
            continue;
        double hi, hi_w, lo, lo_w;
        bound_status sh = lp_bound(m, &q, (int)j + 1, GLP_MAX, &hi, &hi_w);
        int fail = 0;
        if (sh == BOUND_FAILED)
            fail = 1;
        else if (sh == BOUND_VALUE && (need & NEED_MAX) &&
                 (isnan(hi_w) || hi_w < (double)target))
            fail = 1;
        /* the true values are a solution: an integer witness above the true value is a second
         * value, so the cell is not pinned and the minimum need not be sought */
        int above = sh == BOUND_UNBOUNDED ||
                    (sh == BOUND_VALUE && !isnan(hi_w) && hi_w > (double)m->cells[c].value);
        if (!fail && (need & NEED_PIN) && !above) {
            bound_status sl = lp_bound(m, &q, (int)j + 1, GLP_MIN, &lo, &lo_w);
            if (sl != BOUND_VALUE || isnan(lo_w))
                fail = 1;
            else if (sh == BOUND_VALUE && (isnan(hi_w) || hi_w <= lo_w))
                fail = 1;
        }
        if (!fail) {
            m->cells[c].audited = 1;
            continue;
        }
        /* its own relations first, then once all that reach it (with fewer zeros published
         * later it could only be less pinned) */
        if (structural(m, c, need, target, 1) ||
            (!m->cells[c].deep_checked++ && structural(m, c, need, target, -1))) {
            m->stats.structural++;
            m->cells[c].audited = 1;
            if (getenv("DURCHBLICK_SDC_DEBUG"))
                fprintf(stderr, "  structural (published zeros pin it): %s\n", m->cells[c].key);
            continue;
        }
        if (fail && getenv("DURCHBLICK_SDC_DEBUG") && atoi(getenv("DURCHBLICK_SDC_DEBUG")) > 3) {
            fprintf(stderr, "  audit %s: lp max %g (witness %g)\n", m->cells[c].key, hi, hi_w);
            for (size_t bi = 0; bi < q.binding.n; bi++) {
                const relation *br = &m->rels[q.binding.v[bi]];
                fprintf(stderr, "    binding:");
                for (size_t bj = 0; bj < br->n; bj++)
                    fprintf(stderr, " %+d*[%s=%lld%s]", br->coef[bj], m->cells[br->cells[bj]].key,
                            m->cells[br->cells[bj]].value,
                            m->cells[br->cells[bj]].published ? "" : " ?");
                fputc('\n', stderr);
            }
        }
        if (fail && (lvec_push(fails, c) != 0 ||
                     lvec_push(fails, best_in_relations(m, q.binding.v, q.binding.n)) != 0))
            rc = -1;
    }
    lp_free(&q);
    return rc;
}

/* Picks a shown partner for failing cell c of component k when the binding relations gave none, or -1. */
static long partner_for(const sdc_model *m, const component *k, long c)
{
    const cell *x = &m->cells[c];
    long best = best_in_relations(m, x->rels.v, x->rels.n);
    return best >= 0 ? best : best_in_relations(m, k->rels.v, k->rels.n);
}

/* Which component holds cell c (-1 none). */
static long component_of(const component *cs, long n, long c)
{
    for (long i = 0; i < n; i++)
        if (column_of(&cs[i], c))
            return i;
    return -1;
}

dbk_error sdc_protect(sdc_model *m, sdc_stats *stats)
{
    dbk_error err = DBK_ERR_NOMEM;
    lvec fails = {0};
    component *cs = NULL;
    long ncs = 0;

    glp_term_out(GLP_OFF);
    memset(&m->stats, 0, sizeof m->stats);
    m->stats.cells = m->n_cells;
    m->stats.figures = m->n_figs;
    m->stats.relations = m->n_rels;
    mark_zero_rule(m);
    primary(m);
    update_published(m);
    while (line_pass(m) > 0)
        ;
    for (;;) {
        m->stats.rounds++;
        components_free(cs, ncs);
        cs = NULL;
        if ((ncs = components_build(m, &cs)) < 0) {
            ncs = 0;
            goto done;
        }
        fails.n = 0;
        for (long i = 0; i < ncs; i++) {
            char sig[64];
            size_t before = fails.n;
            component_signature(m, &cs[i], sig, sizeof sig);
            if (strmap_get(m->passed, sig))
                continue;
            m->stats.audits++;
            if (audit_component(m, &cs[i], &fails) != 0)
                goto done;
            if (fails.n == before && strmap_set(m->passed, sig, "1", NULL) != 0)
                goto done;
        }
        if (getenv("DURCHBLICK_SDC_DEBUG")) {
            size_t big = 0, nv = 0;
            for (long i = 0; i < ncs; i++) {
                nv += cs[i].vars.n;
                if (cs[i].vars.n > big)
                    big = cs[i].vars.n;
            }
            fprintf(stderr, "sdc: round %zu: %ld components, %zu unknown cells, largest %zu;"
                    " %zu failing; primary %zu secondary %zu; lp %zu mip %zu\n",
                    m->stats.rounds, ncs, nv, big, fails.n, m->stats.primary,
                    m->stats.secondary, m->stats.lp_solves, m->stats.mip_solves);
        }
        if (getenv("DURCHBLICK_SDC_DEBUG") && atoi(getenv("DURCHBLICK_SDC_DEBUG")) > 1)
            for (size_t i = 0; i < fails.n; i += 2)
                fprintf(stderr, "  fail %s = %lld (%s)\n", m->cells[fails.v[i]].key,
                        m->cells[fails.v[i]].value,
                        m->cells[fails.v[i]].state == SDC_SHOWN ? "unpublished" : "withheld");
        if (fails.n == 0)
            break;
        /* a partner for each failure whose relations no partner of this round touched */
        size_t added = 0;
        unsigned char *covered = calloc(m->n_cells + 1, 1);
        if (!covered)
            goto done;
        for (size_t i = 0; i < fails.n; i += 2) {
            long c = fails.v[i], p = fails.v[i + 1];
            if (covered[c] || (p >= 0 && m->cells[p].state != SDC_SHOWN))
                continue;
            if (p < 0) {
                long k = component_of(cs, ncs, c);
                p = k >= 0 ? partner_for(m, &cs[k], c) : -1;
            }
            if (p < 0)
                continue;
            hide(m, p, SDC_SECONDARY);
            added++;
            if (getenv("DURCHBLICK_SDC_DEBUG") && atoi(getenv("DURCHBLICK_SDC_DEBUG")) > 2)
                fprintf(stderr, "  partner %s = %lld for %s\n", m->cells[p].key,
                        m->cells[p].value, m->cells[c].key);
            const cell *x = &m->cells[p];
            for (size_t r = 0; r < x->rels.n; r++) {
                const relation *rel = &m->rels[x->rels.v[r]];
                for (size_t j = 0; j < rel->n; j++)
                    covered[rel->cells[j]] = 1;
            }
        }
        free(covered);
        if (added == 0) {
            for (size_t i = 0; i < fails.n; i += 2)
                diag_error(NULL, 0, NULL, _("disclosure control: no partner left to protect %s"),
                           m->cells[fails.v[i]].key);
            m->stats.unresolved = fails.n / 2;
            break;
        }
        update_published(m);
        while (line_pass(m) > 0)
            ;
    }
    err = DBK_OK;
done:
    components_free(cs, ncs);
    free(fails.v);
    update_published(m);
    if (stats)
        *stats = m->stats;
    return err;
}

sdc_state sdc_cell_state(const sdc_model *m, long c)
{
    return m->cells[c].state;
}

int sdc_cell_published(const sdc_model *m, long c)
{
    return m->cells[c].published;
}

int sdc_figure_withheld(const sdc_model *m, long f)
{
    return m->figs[f].withheld;
}

sdc_state sdc_figure_state(const sdc_model *m, long f)
{
    sdc_state s = SDC_SHOWN;
    const figure *g = &m->figs[f];
    for (size_t j = 0; j < g->n; j++) {
        sdc_state t = m->cells[g->cells[j]].state;
        if (t == SDC_PRIMARY)
            return SDC_PRIMARY;
        if (t == SDC_SECONDARY)
            s = SDC_SECONDARY;
    }
    return s;
}

int sdc_bounds(sdc_model *m, long c, long long *lo, long long *hi)
{
    component *cs = NULL;
    long ncs, k;
    int rc = 0;
    if (m->cells[c].published) {
        *lo = *hi = m->cells[c].value;
        return 0;
    }
    if ((ncs = components_build(m, &cs)) < 0)
        return -1;
    *lo = 0;
    *hi = -1;
    if ((k = component_of(cs, ncs, c)) >= 0 && cs[k].rels.n > 0) {
        lp q;
        double v, w;
        if (lp_build(m, &cs[k], &q) != 0) {
            rc = -1;
        } else {
            int col = (int)column_of(&cs[k], c);
            if (lp_bound(m, &q, col, GLP_MIN, &v, &w) == BOUND_VALUE)
                *lo = (long long)ceil(v - 1e-7);
            bound_status s = lp_bound(m, &q, col, GLP_MAX, &v, &w);
            *hi = s == BOUND_VALUE ? (long long)floor(v + 1e-7) : -1;
            lp_free(&q);
        }
    }
    components_free(cs, ncs);
    return rc;
}
