/*
 * report.c - the report stage: figures in, PDF and XLSX files out.
 */
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic_file.h"
#include "common_build.h"
#include "data.h"
#include "database.h"
#include "diag.h"
#include "labels.h"
#include "render.h"
#include "sitzung.h"
#include "vn.h"
#include "i18n.h"

char *report_file_name(char *buf, size_t size, const char *report, const char *region_slug,
                       const char *from, const char *to, const char *ext)
{
    char period[48] = "";
    if (from && to && from[0] && to[0]) {
        if (strncmp(from, to, 4) == 0 && strcmp(from + 4, "-01-01") == 0 && strcmp(to + 4, "-12-31") == 0)
            snprintf(period, sizeof period, "-%.4s", from);
        else
            snprintf(period, sizeof period, "-%.10s-%.10s", from, to);
    }
    snprintf(buf, size, "%s%s%s%s.%s", report, region_slug && *region_slug ? "-" : "",
             region_slug ? region_slug : "", period, ext);
    return buf;
}

/* "YYYY-MM-DD" or "": the period goes into file names, so nothing else may. */
static int period_bound_ok(const char *s)
{
    if (!s[0])
        return 1;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
            return 0;
    return s[10] == '\0';
}

dbk_error report_build_model(const config *cfg, const report_data *data, report_lang lang,
                             unsigned which, rdoc **out)
{
    dbk_error err = which == REPORT_SITZUNG ? sitzung_build(cfg, data, lang, out) : vn_build(cfg, data, lang, out);
    if (err == DBK_OK && build_data_section(*out, data) != 0) {
        rdoc_free(*out);
        *out = NULL;
        err = DBK_ERR_NOMEM;
    }
    return err;
}

report_lang report_language(const config *cfg)
{
    return cfg->report_language && strcmp(cfg->report_language, "en") == 0 ? REPORT_LANG_EN : REPORT_LANG_DE;
}

static dbk_error write_one(const rdoc *doc, const char *out_dir, const char *name, int xlsx, FILE *listing)
{
    atomic_file f;
    dbk_error err = atomic_file_open(&f, out_dir, name);
    if (err != DBK_OK)
        return err;
    err = xlsx ? render_xlsx(doc, f.temp_path, f.final_path)
               : render_pdf(doc, f.temp_path, f.final_path);
    if (err != DBK_OK) {
        atomic_file_abort(&f);
        return err;
    }
    char *shown = strdup(f.final_path);
    err = atomic_file_commit(&f);
    if (err == DBK_OK && shown)
        fprintf(listing, "%s\n", shown);
    free(shown);
    return err;
}

dbk_error report_run(const config *cfg, const char *db_path, const char *out_dir, unsigned reports,
                     unsigned formats, FILE *listing)
{
    sqlite3 *db = NULL;
    report_data *data = NULL;
    rdoc *doc = NULL;
    struct stat st;
    dbk_error err;
    report_lang lang = report_language(cfg);

    /* A new folder is made (one level, as mkdir would); anything else there is an error. */
    if (stat(out_dir, &st) != 0 && mkdir(out_dir, 0755) != 0) {
        diag_error(out_dir, 0, NULL, _("cannot create the output directory: %s"), strerror(errno));
        return DBK_ERR_IO;
    }
    if (stat(out_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_error(out_dir, 0, NULL, _("output path exists and is not a directory"));
        return DBK_ERR_IO;
    }
    if ((err = database_open(db_path, DATABASE_OPEN_EXISTING, &db)) != DBK_OK)
        goto cleanup;
    /* The figures of the last transform run: what transform computed last is what is
     * reported, and which period that is is said (the config's [period] may differ). */
    if ((err = report_data_load(db, db_path, "", "", &data)) != DBK_OK)
        goto cleanup;
    database_close(db);
    db = NULL;
    if (!data->lauf_id) {
        diag_error(db_path, 0, NULL,
                   _("no transform run in the database yet: run durchblick-transform first (it computes "
                     "the figures a report shows)"));
        err = DBK_ERR_DB;
        goto cleanup;
    }
    /* Without [period] it comes from laeufe: a database edited by hand must not name files. */
    if (!period_bound_ok(data->period_from) || !period_bound_ok(data->period_to)) {
        diag_error(db_path, 0, NULL,
                   _("laeufe: period '%s' to '%s' is not made of dates YYYY-MM-DD: "
                     "run durchblick-transform again"),
                   data->period_from, data->period_to);
        err = DBK_ERR_DB;
        goto cleanup;
    }
    diag_info(_("%s: figures of transform run %ld (%s) for the period %s to %s"), db_path, data->lauf_id,
              data->lauf_zeitpunkt, data->period_from, data->period_to);
    if (cfg->period_from[0] && cfg->period_to[0] &&
        (strcmp(cfg->period_from, data->period_from) != 0 || strcmp(cfg->period_to, data->period_to) != 0))
        diag_warn(cfg->path, 0, NULL,
                  _("[period] is %s to %s, but the last transform run was for %s to %s: the reports show "
                    "that run (run durchblick-transform for the config's period first)"),
                  cfg->period_from, cfg->period_to, data->period_from, data->period_to);
    const report_figure *n = report_data_find(data, "teilnahmen", "gesamt", "gesamt");
    if (n && (n->has & FIGURE_WERT) && n->wert == 0)
        diag_warn(db_path, 0, NULL, _("the period %s to %s holds no participation: the reports say so, their "
                                      "tables stay empty"), data->period_from, data->period_to);
    for (int r = 0; r < 2 && err == DBK_OK; r++) {
        unsigned which = r == 0 ? REPORT_SITZUNG : REPORT_VN;
        if (!(reports & which))
            continue;
        err = report_build_model(cfg, data, lang, which, &doc);
        if (err != DBK_OK) {
            diag_error(db_path, 0, NULL, _("cannot build report: %s"), dbk_strerror(err));
            goto cleanup;
        }
        const char *stem = label(lang, which == REPORT_SITZUNG ? L_SITZUNG_FILE : L_VN_FILE);
        for (int x = 0; x < 2 && err == DBK_OK; x++) {
            if (!(formats & (x == 0 ? REPORT_FORMAT_PDF : REPORT_FORMAT_XLSX)))
                continue;
            char name[512];
            report_file_name(name, sizeof name, stem, cfg->region_slug, data->period_from, data->period_to,
                             x == 0 ? "pdf" : "xlsx");
            err = write_one(doc, out_dir, name, x, listing);
        }
        rdoc_free(doc);
        doc = NULL;
    }
cleanup:
    rdoc_free(doc);
    report_data_free(data);
    database_close(db);
    return err;
}
