/*
 * common_build.c - document head, category order and legend for both reports.
 */
#include "common_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "codebook.h"

void build_period_text(char *buf, size_t size, const report_data *data, report_lang lang)
{
    char a[32], b[32];
    if (!data->period_from[0]) {
        snprintf(buf, size, "%s", label(lang, L_NO_PERIOD));
        return;
    }
    if (strncmp(data->period_from, data->period_to, 4) == 0 &&
        strcmp(data->period_from + 4, "-01-01") == 0 && strcmp(data->period_to + 4, "-12-31") == 0) {
        snprintf(buf, size, "%.4s", data->period_from);
        return;
    }
    snprintf(buf, size, "%s \xe2\x80\x93 %s", format_date(a, sizeof a, data->period_from, lang),
             format_date(b, sizeof b, data->period_to, lang));
}

static int cover_row(rtable *t, report_lang lang, label_id key, const char *text, double count,
                     int is_count)
{
    long r = rtable_add_row(t, 0);
    if (r < 0 || rtable_set_text(t, (size_t)r, 0, label(lang, key)) != 0)
        return -1;
    if (is_count) {
        rtable_set_kind(t, (size_t)r, 1, RCELL_COUNT);
        rtable_set_value(t, (size_t)r, 1, count);
        return 0;
    }
    return rtable_set_text(t, (size_t)r, 1, text);
}

int build_head(rdoc *doc, const config *cfg, const report_data *data, label_id title,
               label_id subtitle)
{
    report_lang lang = doc->lang;
    char period[96], buf[512], date[32], status[16];
    const char *region = cfg->region_name ? cfg->region_name : "";

    build_period_text(period, sizeof period, data, lang);
    /* The data status is the report's date: the same data give the same file. */
    long long t = report_data_status_time(data);
    if (t > 0) {
        time_t tt = (time_t)t;
        struct tm tm;
        gmtime_r(&tt, &tm);
        strftime(status, sizeof status, "%Y-%m-%d", &tm);
    } else if (data->period_to[0]) {
        snprintf(status, sizeof status, "%s", data->period_to);
    } else {
        snprintf(status, sizeof status, "2000-01-01");
    }
    doc->created = t > 0 ? t : 946684800LL;
    doc->status_date = strdup(status);
    doc->title = strdup(label(lang, title));
    doc->programme = strdup(cfg->report_title ? cfg->report_title : label(lang, L_PROGRAMME));
    doc->subtitle = strdup(label(lang, subtitle));
    doc->region = strdup(region);
    doc->period = strdup(period);
    snprintf(buf, sizeof buf, "%s \xc2\xb7 %s \xc2\xb7 %s", label(lang, title), region, period);
    doc->header = strdup(buf);
    /* the footer names the date the data describe where it is known, else when they were loaded */
    snprintf(buf, sizeof buf, "%s %s", label(lang, L_DATA_STATUS),
             format_date(date, sizeof date, data->data_date[0] ? data->data_date : status, lang));
    doc->footer = strdup(buf);
    if (!doc->status_date || !doc->title || !doc->programme || !doc->subtitle || !doc->region || !doc->period ||
        !doc->header || !doc->footer)
        return -1;

    rtable *c = doc->cover = rtable_new(NULL, 2);
    if (!c || rtable_set_column(c, 0, label(lang, L_ITEM), RCELL_TEXT, 1.2) != 0 ||
        rtable_set_column(c, 1, label(lang, L_COL_VALUE), RCELL_TEXT, 2.0) != 0)
        return -1;
    if (cover_row(c, lang, L_PERIOD, period, 0, 0) != 0 ||
        cover_row(c, lang, L_REPORT_DATE, format_date(date, sizeof date, status, lang), 0, 0) != 0)
        return -1;
    /* Datenstand: the newest date in the data, and beside it when they were loaded */
    if (data->data_date[0] || data->data_status[0]) {
        char when[160] = "", loaded[64] = "";
        if (data->data_status[0]) {
            snprintf(loaded, sizeof loaded, "%s", format_date(date, sizeof date, data->data_status, lang));
            if (strlen(data->data_status) >= 16)
                snprintf(loaded + strlen(loaded), sizeof loaded - strlen(loaded), ", %.5s",
                         data->data_status + 11);
        }
        if (data->data_date[0] && loaded[0])
            snprintf(when, sizeof when, label(lang, L_DATA_DATE_LOADED),
                     format_date(date, sizeof date, data->data_date, lang), loaded);
        else if (data->data_date[0])
            snprintf(when, sizeof when, "%s", format_date(date, sizeof date, data->data_date, lang));
        else
            snprintf(when, sizeof when, label(lang, L_DATA_LOADED_ONLY), loaded);
        if (cover_row(c, lang, L_DATA_STATUS, when, 0, 0) != 0)
            return -1;
    }
    if (cover_row(c, lang, L_BATCHES, NULL, (double)data->n_batches, 1) != 0 ||
        cover_row(c, lang, L_FILES, NULL, (double)data->n_files, 1) != 0 ||
        cover_row(c, lang, L_ROWS_READ, NULL, (double)data->rows_read, 1) != 0 ||
        cover_row(c, lang, L_ROWS_LOADED, NULL, (double)data->rows_loaded, 1) != 0 ||
        cover_row(c, lang, L_ROWS_REJECTED, NULL, (double)data->rows_rejected, 1) != 0)
        return -1;
    if (data->rows_read > 0) {
        /* the share of rows rejected: a reader sees at once how much the figures leave out */
        long r = rtable_add_row(c, 0);
        if (r < 0 || rtable_set_text(c, (size_t)r, 0, label(lang, L_SHARE_REJECTED)) != 0)
            return -1;
        rtable_set_kind(c, (size_t)r, 1, RCELL_SHARE);
        rtable_set_value(c, (size_t)r, 1, (double)data->rows_rejected / (double)data->rows_read);
    }
    if (data->lauf_id) {
        snprintf(buf, sizeof buf, "%ld (%s)", data->lauf_id,
                 format_date(date, sizeof date, data->lauf_zeitpunkt, lang));
        if (cover_row(c, lang, L_RUN, buf, 0, 0) != 0)
            return -1;
    }
    return 0;
}

static const char *const age_groups[] = {"18-20", "21-23", "24-27", "ausserhalb", NULL};

long build_category_rank(const config *cfg, const char *dimension, const char *code)
{
    const char *const *codes = NULL;
    if (strcmp(code, "ohne_angabe") == 0)
        return 100000;
    if (strcmp(dimension, "baustein") == 0)
        return strtol(code, NULL, 10);
    if (strcmp(dimension, "kommune") == 0) {
        for (size_t i = 0; cfg && i < cfg->n_kommunen; i++)
            if (strcmp(cfg->kommunen[i], code) == 0)
                return (long)i;
        return 50000;
    }
    if (strcmp(dimension, "aufenthaltsstatus") == 0)
        codes = codebook_aufenthaltsstatus;
    else if (strcmp(dimension, "geschlecht") == 0)
        codes = codebook_geschlecht;
    else if (strcmp(dimension, "leistungsbezug") == 0)
        codes = codebook_leistungsbezug;
    else if (strcmp(dimension, "verbleib") == 0)
        codes = codebook_verbleib;
    else if (strcmp(dimension, "bedarf") == 0)
        codes = codebook_bedarfe;
    else if (strcmp(dimension, "altersgruppe") == 0)
        codes = age_groups;
    if (codes) {
        int i = codebook_code_index(codes, code);
        return i >= 0 ? i : 50000;
    }
    return 0;
}

static const config *order_cfg;
static const char *order_dim;
static const report_figure *order_figs;

static int cmp_order(const void *a, const void *b)
{
    const report_figure *fa = &order_figs[*(const size_t *)a], *fb = &order_figs[*(const size_t *)b];
    long ra = build_category_rank(order_cfg, order_dim, fa->kategorie);
    long rb = build_category_rank(order_cfg, order_dim, fb->kategorie);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    return strcmp(fa->kategorie, fb->kategorie);
}

void build_order(const config *cfg, const char *dimension, const report_figure *figs, size_t n,
                 size_t *idx)
{
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    order_cfg = cfg;
    order_dim = dimension;
    order_figs = figs;
    qsort(idx, n, sizeof *idx, cmp_order);
}

int build_legend(rsection *sec, const config *cfg, report_lang lang, int any_withheld)
{
    const char *const signs[4] = {FORMAT_SIGN_WITHHELD, FORMAT_SIGN_ZERO, FORMAT_SIGN_UNDEFINED,
                                  lang == REPORT_LANG_DE ? FORMAT_SIGN_NOT_REACHED_DE
                                                         : FORMAT_SIGN_NOT_REACHED_EN};
    static const label_id meaning[4] = {L_SIGN_WITHHELD, L_SIGN_ZERO, L_SIGN_UNDEFINED,
                                        L_SIGN_NOT_REACHED};
    rtable *t = rsection_add_table(sec, label(lang, L_SEC_LEGEND), 2);
    if (!t || rtable_set_column(t, 0, label(lang, L_COL_SIGN), RCELL_TEXT, 0.6) != 0 ||
        rtable_set_column(t, 1, label(lang, L_COL_MEANING), RCELL_TEXT, 5.0) != 0)
        return -1;
    for (int i = 0; i < 4; i++) {
        long r = rtable_add_row(t, 0);
        if (r < 0 || rtable_set_text(t, (size_t)r, 0, signs[i]) != 0 ||
            rtable_set_text(t, (size_t)r, 1, label(lang, meaning[i])) != 0)
            return -1;
    }
    if (any_withheld) {
        char n[16];
        snprintf(n, sizeof n, "%d", cfg->min_fallzahl);
        return rsection_add_textf(sec, RBLOCK_NOTE, label(lang, L_TXT_WITHHELD_NOTE), n);
    }
    return 0;
}

/* The rows of one period of data (bezug: "periode" or "vorperiode") in the Daten table t. */
static int data_rows(rtable *t, const report_data *data, const char *bezug)
{
    static const rfig_part parts[5] = {FIG_ZAEHLER, FIG_NENNER, FIG_WERT, FIG_CI_UNTEN, FIG_CI_OBEN};
    static const char *const gh[] = {NULL, "primaer", "sekundaer", "zusammengefasst"};
    for (size_t i = 0; i < data->n_figures; i++) {
        const report_figure *f = &data->figures[i];
        long r = rtable_add_row(t, 0);
        if (r < 0 || rtable_set_text(t, (size_t)r, 0, f->kennzahl) != 0 ||
            rtable_set_text(t, (size_t)r, 1, f->dimension) != 0 || rtable_set_text(t, (size_t)r, 2, f->kategorie) != 0)
            return -1;
        for (size_t c = 0; c < 5; c++) {
            rtable_set_figure(t, (size_t)r, 3 + c, f, parts[c], NULL);
            /* a number the table does not hold (NULL) stays empty, as in kennzahlen */
            rcell_state st = rtable_cell(t, (size_t)r, 3 + c)->state;
            if (st == RCELL_UNDEFINED || st == RCELL_NOT_REACHED)
                rtable_set_state(t, (size_t)r, 3 + c, RCELL_BLANK);
        }
        rtable_set_value(t, (size_t)r, 8, f->gesperrt ? 1 : 0);
        if ((data->period_from[0] && rtable_set_text(t, (size_t)r, 9, data->period_from) != 0) ||
            (data->period_to[0] && rtable_set_text(t, (size_t)r, 10, data->period_to) != 0) ||
            rtable_set_text(t, (size_t)r, 11, bezug) != 0)
            return -1;
        /* Whether a withheld figure is primary or secondary is not published: "primaer" would
         * prove its count below min_fallzahl. Only a test on combined groups says so. */
        if (f->geheimhaltung == FIGURE_GH_ZUSAMMENGEFASST && rtable_set_text(t, (size_t)r, 12, gh[f->geheimhaltung]) != 0)
            return -1;
    }
    return 0;
}

int build_data_section(rdoc *doc, const report_data *data)
{
    static const label_id heads[11] = {L_COL_KENNZAHL, L_COL_DIMENSION, L_COL_CATEGORY, L_COL_ZAEHLER,
                                       L_COL_NENNER, L_COL_WERT, L_COL_CI_LO, L_COL_CI_HI,
                                       L_COL_GESPERRT, L_COL_VON, L_COL_BIS};
    static const rcell_kind kinds[13] = {RCELL_TEXT, RCELL_TEXT, RCELL_TEXT, RCELL_NUMBER, RCELL_NUMBER,
                                         RCELL_NUMBER, RCELL_NUMBER, RCELL_NUMBER, RCELL_NUMBER,
                                         RCELL_DATE, RCELL_DATE, RCELL_TEXT, RCELL_TEXT};
    report_lang lang = doc->lang;
    const char *name = label(lang, L_SHEET_DATA);
    rsection *sec = rdoc_add_section(doc, name, name, 0);
    if (!sec)
        return -1;
    sec->xlsx_only = 1;
    rtable *t = rsection_add_table(sec, NULL, 13);
    if (!t)
        return -1;
    for (size_t c = 0; c < 13; c++) {
        /* the table's own column names: "ci_unten", not the report's "95-%-KI von" */
        const char *h = c == 11 ? "bezug" : c == 12 ? "geheimhaltung"
                        : heads[c] == L_COL_CI_LO ? "ci_unten" : heads[c] == L_COL_CI_HI ? "ci_oben"
                        : label(lang, heads[c]);
        if (rtable_set_column(t, c, h, kinds[c], 1.0) != 0)
            return -1;
    }
    if (data_rows(t, data, "periode") != 0)
        return -1;
    return data->prev ? data_rows(t, data->prev, "vorperiode") : 0;
}
