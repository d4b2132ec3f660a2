/*
 * generate.c - durchblick-templates: survey templates made from the codebook.
 *
 * For a region's config it writes into --out:
 *   durchblick-DATASET.xlsx  an XLSForm (KoboToolbox, ODK Central) per dataset;
 *   durchblick-teilnahmen.lss a LimeSurvey survey structure (LimeSurvey 5/6, DBVersion 477).
 * Question names are the codebook's field names (LimeSurvey: without "_", as
 * its question codes take only letters and digits), choice names the codes
 * (LimeSurvey: their short codes, as its answer codes take five characters),
 * labels the codebook's German words (common/codebook.c). Everything comes from
 * the codebook and the config, so the templates cannot drift from what ingest
 * reads: an export of a survey made from them loads with no config line.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

#include "codebook.h"
#include "config.h"
#include "diag.h"
#include "error.h"
#include "textfold.h"

#define PROGRAM "durchblick-templates"

/* The codes of a coded field, and the list name its choices go under. */
static const char *const *field_codes(const codebook_field *fd)
{
    return fd->codes;
}

/* XLSForm choice list of a field: its name, or "zugang" shares aufenthaltsstatus' codes. */
static const char *list_name(const codebook_field *fd)
{
    if (fd->type == FIELD_KOMMUNE)
        return "kommune";
    if (fd->type == FIELD_BAUSTEIN)
        return "baustein";
    if (fd->type == FIELD_BOOL)
        return "ja_nein";
    if (fd->type == FIELD_CEFR)
        return "sprachniveau";
    return fd->name;
}

/* XLSForm relevance of a field (shown only when it applies), or "". */
static const char *xlsform_relevant(dataset_kind kind, const char *name)
{
    if (kind != DATASET_TEILNAHMEN)
        return "";
    if (strcmp(name, "verbleib") == 0 || strcmp(name, "verbleib_datum") == 0 ||
        strcmp(name, "deutsch_austritt") == 0)
        return "${austritt} != ''";
    if (strcmp(name, "abschluss_erreicht") == 0)
        return "${baustein} = '3'";
    if (strcmp(name, "pruefung") == 0)
        return "${baustein} = '4'";
    return "";
}

/* XLSForm choice name of municipality i: its key (letters and digits), e.g. "buende". */
static void kommune_choice(const config *cfg, size_t i, char *out, size_t cap)
{
    textfold_key(cfg->kommunen[i], strlen(cfg->kommunen[i]), out, cap);
}

static int write_xlsform(const config *cfg, dataset_kind kind, const char *path)
{
    const codebook_dataset *ds = codebook_dataset_get(kind);
    lxw_workbook_options wopt = {0};
    lxw_workbook *wb = workbook_new_opt(path, &wopt);
    if (!wb)
        return -1;
    lxw_doc_properties props = {0};
    props.title = "durchblick";
    props.created = 1700000000; /* fixed: the same codebook gives the same file */
    workbook_set_properties(wb, &props);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_worksheet *survey = workbook_add_worksheet(wb, "survey");
    lxw_worksheet *choices = workbook_add_worksheet(wb, "choices");
    lxw_worksheet *settings = workbook_add_worksheet(wb, "settings");
    static const char *const scols[] = {"type", "name", "label::Deutsch (de)", "hint::Deutsch (de)",
                                        "required", "relevant", "constraint",
                                        "constraint_message::Deutsch (de)"};
    for (int c = 0; c < 8; c++)
        worksheet_write_string(survey, 0, (lxw_col_t)c, scols[c], bold);
    static const char *const ccols[] = {"list_name", "name", "label::Deutsch (de)"};
    for (int c = 0; c < 3; c++)
        worksheet_write_string(choices, 0, (lxw_col_t)c, ccols[c], bold);
    lxw_row_t row = 1, crow = 1;
    char type[96], buf[256];
    /* Which choice lists are written already (a list serves several fields). */
    const char *written[32];
    size_t n_written = 0;
    worksheet_write_string(survey, row, 0, "start", NULL);
    worksheet_write_string(survey, row++, 1, "start", NULL);
    worksheet_write_string(survey, row, 0, "end", NULL);
    worksheet_write_string(survey, row++, 1, "end", NULL);
    for (size_t f = 0; f < ds->n_fields; f++) {
        const codebook_field *fd = &ds->fields[f];
        const codebook_field_words *w = codebook_field_words_get(kind, f);
        const char *hint = "", *constraint = "", *message = "";
        switch (fd->type) {
        case FIELD_PSEUDONYM:
            snprintf(type, sizeof type, "text");
            constraint = "regex(., '^[A-Za-z0-9._-]{1,40}$')";
            message = "1 bis 40 Zeichen: Buchstaben, Ziffern, . _ -";
            hint = "Pseudonym, kein Name";
            break;
        case FIELD_TEXT:
        case FIELD_COUNTRY:
            snprintf(type, sizeof type, "text");
            if (fd->type == FIELD_COUNTRY)
                hint = "Staat (z. B. Syrien) oder ISO-Code (SYR)";
            break;
        case FIELD_YEAR:
            snprintf(type, sizeof type, "integer");
            constraint = ". >= 1900 and . <= 2100";
            message = "vierstellige Jahreszahl";
            break;
        case FIELD_INT:
            snprintf(type, sizeof type, "integer");
            constraint = ". >= 0";
            break;
        case FIELD_MONEY:
            snprintf(type, sizeof type, "decimal");
            constraint = ". >= 0";
            hint = "Euro";
            break;
        case FIELD_DATE:
            snprintf(type, sizeof type, "date");
            break;
        case FIELD_SET:
            snprintf(type, sizeof type, "select_multiple %s", list_name(fd));
            break;
        default:
            snprintf(type, sizeof type, "select_one %s", list_name(fd));
        }
        worksheet_write_string(survey, row, 0, type, NULL);
        worksheet_write_string(survey, row, 1, fd->name, NULL);
        worksheet_write_string(survey, row, 2, w->de, NULL);
        if (*hint)
            worksheet_write_string(survey, row, 3, hint, NULL);
        if (fd->required == REQUIRED_YES)
            worksheet_write_string(survey, row, 4, "yes", NULL);
        if (*xlsform_relevant(kind, fd->name))
            worksheet_write_string(survey, row, 5, xlsform_relevant(kind, fd->name), NULL);
        if (*constraint)
            worksheet_write_string(survey, row, 6, constraint, NULL);
        if (*message)
            worksheet_write_string(survey, row, 7, message, NULL);
        row++;

        /* The choices of this field's list, once. */
        const char *ln = list_name(fd);
        int seen = strncmp(type, "select_", 7) != 0;
        for (size_t i = 0; i < n_written && !seen; i++)
            seen = strcmp(written[i], ln) == 0;
        if (seen)
            continue;
        written[n_written++] = ln;
        if (fd->type == FIELD_KOMMUNE) {
            for (size_t i = 0; i < cfg->n_kommunen; i++) {
                kommune_choice(cfg, i, buf, sizeof buf);
                worksheet_write_string(choices, crow, 0, ln, NULL);
                worksheet_write_string(choices, crow, 1, buf, NULL);
                worksheet_write_string(choices, crow++, 2, cfg->kommunen[i], NULL);
            }
        } else if (fd->type == FIELD_BAUSTEIN) {
            for (int nr = 1; nr <= CODEBOOK_BAUSTEINE; nr++) {
                char name[16];
                snprintf(name, sizeof name, "%d", nr);
                snprintf(buf, sizeof buf, "Baustein %d: %s", nr, config_baustein_name(cfg, nr));
                worksheet_write_string(choices, crow, 0, ln, NULL);
                worksheet_write_string(choices, crow, 1, name, NULL);
                worksheet_write_string(choices, crow++, 2, buf, NULL);
            }
        } else if (fd->type == FIELD_BOOL) {
            worksheet_write_string(choices, crow, 0, ln, NULL);
            worksheet_write_string(choices, crow, 1, "ja", NULL);
            worksheet_write_string(choices, crow++, 2, "Ja", NULL);
            worksheet_write_string(choices, crow, 0, ln, NULL);
            worksheet_write_string(choices, crow, 1, "nein", NULL);
            worksheet_write_string(choices, crow++, 2, "Nein", NULL);
        } else {
            const char *const *codes = field_codes(fd);
            for (int i = 0; codes[i]; i++) {
                const codebook_label *l = codebook_label_of(codes, i);
                worksheet_write_string(choices, crow, 0, ln, NULL);
                worksheet_write_string(choices, crow, 1, codes[i], NULL);
                worksheet_write_string(choices, crow++, 2, l ? l->de : codes[i], NULL);
            }
        }
    }
    static const char *const setcols[] = {"form_title", "form_id", "version", "default_language"};
    for (int c = 0; c < 4; c++)
        worksheet_write_string(settings, 0, (lxw_col_t)c, setcols[c], bold);
    snprintf(buf, sizeof buf, "durchblick %s – %s", ds->name, cfg->region_name);
    worksheet_write_string(settings, 1, 0, buf, NULL);
    snprintf(buf, sizeof buf, "durchblick_%s", ds->name);
    worksheet_write_string(settings, 1, 1, buf, NULL);
    worksheet_write_string(settings, 1, 2, CONFIG_READINGS_VERSION, NULL);
    worksheet_write_string(settings, 1, 3, "Deutsch (de)", NULL);
    worksheet_set_column(survey, 0, 2, 28, NULL);
    worksheet_set_column(choices, 0, 2, 28, NULL);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

/* ---- LimeSurvey survey structure (.lss) ---- */

/* Writes text as CDATA (a "]]>" in it is split across two sections). */
static void cdata(FILE *out, const char *tag, const char *text)
{
    fprintf(out, "    <%s><![CDATA[", tag);
    for (const char *c = text; *c; c++) {
        if (strncmp(c, "]]>", 3) == 0) {
            fputs("]]]]><![CDATA[>", out);
            c += 2;
        } else {
            fputc(*c, out);
        }
    }
    fprintf(out, "]]></%s>\n", tag);
}

static void cdata_int(FILE *out, const char *tag, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    cdata(out, tag, buf);
}

/* LimeSurvey question code of a field: letters and digits only (fall_id -> fallid). */
static void lss_code(const char *name, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *c = name; *c && n + 1 < cap; c++)
        if (*c != '_')
            out[n++] = *c;
    out[n] = '\0';
}

/* LimeSurvey's question type of a field. */
static const char *lss_type(const codebook_field *fd)
{
    switch (fd->type) {
    case FIELD_PSEUDONYM:
    case FIELD_TEXT:
    case FIELD_COUNTRY:
        return "S"; /* short free text */
    case FIELD_YEAR:
    case FIELD_INT:
    case FIELD_MONEY:
        return "N"; /* numerical input */
    case FIELD_DATE:
        return "D";
    case FIELD_SET:
        return "M"; /* multiple choice */
    case FIELD_BOOL:
        return "Y"; /* yes/no */
    default:
        return "L"; /* list (radio) */
    }
}

static const char *lss_relevance(const char *name)
{
    if (strcmp(name, "verbleib") == 0 || strcmp(name, "verbleib_datum") == 0 ||
        strcmp(name, "deutsch_austritt") == 0)
        return "!is_empty(austritt.NAOK)";
    if (strcmp(name, "abschluss_erreicht") == 0)
        return "baustein.NAOK == \"3\"";
    if (strcmp(name, "pruefung") == 0)
        return "baustein.NAOK == \"4\"";
    return "1";
}

#define SID 424242

static void lss_fields(FILE *out, const char *const *names)
{
    fputs("  <fields>\n", out);
    for (int i = 0; names[i]; i++)
        fprintf(out, "   <fieldname>%s</fieldname>\n", names[i]);
    fputs("  </fields>\n", out);
}

static const char *const question_fields[] = {"qid", "parent_qid", "sid", "gid", "type", "title", "preg",
                                              "other", "mandatory", "encrypted", "question_order",
                                              "scale_id", "same_default", "relevance",
                                              "question_theme_name", "modulename", NULL};

static void lss_question(FILE *out, long qid, long parent, const char *type, const char *title, int mandatory,
                         long order, const char *relevance, const char *theme)
{
    fputs("   <row>\n", out);
    cdata_int(out, "qid", qid);
    cdata_int(out, "parent_qid", parent);
    cdata_int(out, "sid", SID);
    cdata_int(out, "gid", 1);
    cdata(out, "type", type);
    cdata(out, "title", title);
    cdata(out, "other", "N");
    cdata(out, "mandatory", mandatory ? "Y" : "N");
    cdata(out, "encrypted", "N");
    cdata_int(out, "question_order", order);
    cdata_int(out, "scale_id", 0);
    cdata_int(out, "same_default", 0);
    cdata(out, "relevance", relevance);
    cdata(out, "question_theme_name", theme);
    fputs("   </row>\n", out);
}

static const char *lss_theme(const char *type)
{
    switch (type[0]) {
    case 'S': return "shortfreetext";
    case 'N': return "numerical";
    case 'D': return "date";
    case 'M': return "multiplechoice";
    case 'Y': return "yesno";
    default: return "listradio";
    }
}

static void write_answer(FILE *out, long qid, long *aid, int order, const char *code, const char *label,
                         int l10n)
{
    fputs("   <row>\n", out);
    if (l10n) {
        cdata_int(out, "id", *aid);
        cdata_int(out, "aid", *aid);
        cdata(out, "answer", label);
        cdata(out, "language", "de");
    } else {
        cdata_int(out, "aid", *aid);
        cdata_int(out, "qid", qid);
        cdata(out, "code", code);
        cdata_int(out, "sortorder", order);
        cdata_int(out, "assessment_value", 0);
        cdata_int(out, "scale_id", 0);
    }
    fputs("   </row>\n", out);
    (*aid)++;
}

static void lss_answers(FILE *out, const config *cfg, const codebook_dataset *ds, int l10n)
{
    long aid = 1;
    char code[32], label[256];
    for (size_t f = 0; f < ds->n_fields; f++) {
        const codebook_field *fd = &ds->fields[f];
        long qid = 10 + (long)f;
        if (strcmp(lss_type(fd), "L") != 0)
            continue;
        if (fd->type == FIELD_KOMMUNE) {
            for (size_t i = 0; i < cfg->n_kommunen; i++) {
                snprintf(code, sizeof code, "K%02u", (unsigned)(i + 1) % 100u);
                write_answer(out, qid, &aid, (int)i + 1, code, cfg->kommunen[i], l10n);
            }
        } else if (fd->type == FIELD_BAUSTEIN) {
            for (int nr = 1; nr <= CODEBOOK_BAUSTEINE; nr++) {
                snprintf(code, sizeof code, "%d", nr);
                snprintf(label, sizeof label, "Baustein %d: %s", nr, config_baustein_name(cfg, nr));
                write_answer(out, qid, &aid, nr, code, label, l10n);
            }
        } else {
            for (int i = 0; fd->codes[i]; i++) {
                const codebook_label *l = codebook_label_of(fd->codes, i);
                write_answer(out, qid, &aid, i + 1, l->kurz, l->de, l10n);
            }
        }
    }
}

static int write_lss(const config *cfg, dataset_kind kind, const char *path)
{
    const codebook_dataset *ds = codebook_dataset_get(kind);
    FILE *out = fopen(path, "w");
    char code[32];
    if (!out)
        return -1;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document>\n"
          " <LimeSurveyDocType>Survey</LimeSurveyDocType>\n <DBVersion>477</DBVersion>\n"
          " <languages>\n  <language>de</language>\n </languages>\n",
          out);
    /* answers and their texts */
    static const char *const answer_fields[] = {"aid", "qid", "code", "sortorder", "assessment_value",
                                                "scale_id", NULL};
    static const char *const answer_l10n_fields[] = {"id", "aid", "answer", "language", NULL};
    fputs(" <answers>\n", out);
    lss_fields(out, answer_fields);
    fputs("  <rows>\n", out);
    lss_answers(out, cfg, ds, 0);
    fputs("  </rows>\n </answers>\n <answer_l10ns>\n", out);
    lss_fields(out, answer_l10n_fields);
    fputs("  <rows>\n", out);
    lss_answers(out, cfg, ds, 1);
    fputs("  </rows>\n </answer_l10ns>\n", out);
    /* one group */
    static const char *const group_fields[] = {"gid", "sid", "group_order", "randomization_group",
                                               "grelevance", NULL};
    static const char *const group_l10n_fields[] = {"id", "gid", "group_name", "description", "language",
                                                    NULL};
    fputs(" <groups>\n", out);
    lss_fields(out, group_fields);
    fputs("  <rows>\n   <row>\n", out);
    cdata_int(out, "gid", 1);
    cdata_int(out, "sid", SID);
    cdata_int(out, "group_order", 1);
    cdata(out, "grelevance", "1");
    fputs("   </row>\n  </rows>\n </groups>\n <group_l10ns>\n", out);
    lss_fields(out, group_l10n_fields);
    fputs("  <rows>\n   <row>\n", out);
    cdata_int(out, "id", 1);
    cdata_int(out, "gid", 1);
    cdata(out, "group_name", ds->name);
    cdata(out, "language", "de");
    fputs("   </row>\n  </rows>\n </group_l10ns>\n", out);
    /* questions, then subquestions (the members of a set) */
    fputs(" <questions>\n", out);
    lss_fields(out, question_fields);
    fputs("  <rows>\n", out);
    for (size_t f = 0; f < ds->n_fields; f++) {
        const codebook_field *fd = &ds->fields[f];
        lss_code(fd->name, code, sizeof code);
        lss_question(out, 10 + (long)f, 0, lss_type(fd), code, fd->required == REQUIRED_YES, (long)f + 1,
                     lss_relevance(fd->name), lss_theme(lss_type(fd)));
    }
    fputs("  </rows>\n </questions>\n <subquestions>\n", out);
    lss_fields(out, question_fields);
    fputs("  <rows>\n", out);
    long sqid = 1000;
    for (size_t f = 0; f < ds->n_fields; f++) {
        const codebook_field *fd = &ds->fields[f];
        if (fd->type != FIELD_SET)
            continue;
        for (int i = 0; fd->codes[i]; i++)
            lss_question(out, sqid++, 10 + (long)f, "T", fd->codes[i], 0, i + 1, "1", "");
    }
    fputs("  </rows>\n </subquestions>\n <question_l10ns>\n", out);
    static const char *const ql10n_fields[] = {"id", "qid", "question", "help", "script", "language", NULL};
    lss_fields(out, ql10n_fields);
    fputs("  <rows>\n", out);
    long id = 1;
    for (size_t f = 0; f < ds->n_fields; f++) {
        fputs("   <row>\n", out);
        cdata_int(out, "id", id++);
        cdata_int(out, "qid", 10 + (long)f);
        cdata(out, "question", codebook_field_words_get(kind, f)->de);
        cdata(out, "language", "de");
        fputs("   </row>\n", out);
    }
    sqid = 1000;
    for (size_t f = 0; f < ds->n_fields; f++) {
        const codebook_field *fd = &ds->fields[f];
        if (fd->type != FIELD_SET)
            continue;
        for (int i = 0; fd->codes[i]; i++) {
            fputs("   <row>\n", out);
            cdata_int(out, "id", id++);
            cdata_int(out, "qid", sqid++);
            cdata(out, "question", codebook_label_of(fd->codes, i)->de);
            cdata(out, "language", "de");
            fputs("   </row>\n", out);
        }
    }
    fputs("  </rows>\n </question_l10ns>\n", out);
    /* the survey: anonymised, German, no IP, no referrer, no tokens */
    static const char *const survey_fields[] = {"sid", "gsid", "admin", "anonymized", "format", "language",
                                                "additional_languages", "datestamp", "ipaddr", "refurl",
                                                "usetokens", NULL};
    fputs(" <surveys>\n", out);
    lss_fields(out, survey_fields);
    fputs("  <rows>\n   <row>\n", out);
    cdata_int(out, "sid", SID);
    cdata_int(out, "gsid", 1);
    cdata(out, "admin", "inherit");
    cdata(out, "anonymized", "Y");
    cdata(out, "format", "G");
    cdata(out, "language", "de");
    cdata(out, "datestamp", "Y");
    cdata(out, "ipaddr", "N");
    cdata(out, "refurl", "N");
    cdata(out, "usetokens", "N");
    fputs("   </row>\n  </rows>\n </surveys>\n <surveys_languagesettings>\n", out);
    static const char *const ls_fields[] = {"surveyls_survey_id", "surveyls_language", "surveyls_title",
                                            "surveyls_description", "surveyls_dateformat", NULL};
    lss_fields(out, ls_fields);
    fputs("  <rows>\n   <row>\n", out);
    cdata_int(out, "surveyls_survey_id", SID);
    cdata(out, "surveyls_language", "de");
    char title[256];
    snprintf(title, sizeof title, "durchblick %s – %s", ds->name, cfg->region_name);
    cdata(out, "surveyls_title", title);
    cdata(out, "surveyls_description",
          "Vorlage aus dem Codebuch von durchblick: Fragecodes und Antworten nicht ändern, dann lädt "
          "der Export (Antworten: vollständig) ohne weitere Konfiguration.");
    cdata_int(out, "surveyls_dateformat", 1); /* dd.mm.yyyy */
    fputs("   </row>\n  </rows>\n </surveys_languagesettings>\n</document>\n", out);
    int bad = ferror(out);
    return fclose(out) != 0 || bad ? -1 : 0;
}

static const char usage_text[] =
    "usage: durchblick-templates --config FILE --out DIR\n"
    "\n"
    "Writes survey templates made from the codebook and the region's municipalities:\n"
    "an XLSForm per dataset (durchblick-DATASET.xlsx, for KoboToolbox and ODK Central)\n"
    "and a LimeSurvey survey structure for teilnahmen (durchblick-teilnahmen.lss).\n"
    "A survey started from them exports files that load with no further config line.\n";

int main(int argc, char **argv)
{
    static const struct option longopts[] = {{"config", required_argument, NULL, 'c'},
                                             {"out", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    const char *config_path = NULL, *dir = NULL;
    int opt;
    diag_set_program(PROGRAM);
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case 'c': config_path = optarg; break;
        case 'o': dir = optarg; break;
        case 'h': fputs(usage_text, stdout); return EXIT_DONE;
        default:
            fprintf(stderr, "%s: unknown option '%s'\n%s", PROGRAM, argv[optind - 1], usage_text);
            return EXIT_USAGE;
        }
    }
    if (!config_path || !dir) {
        fprintf(stderr, "%s: --config and --out are required\n%s", PROGRAM, usage_text);
        return EXIT_USAGE;
    }
    config *cfg = NULL;
    if (config_load(config_path, &cfg) != DBK_OK)
        return EXIT_USAGE;
    mkdir(dir, 0755);
    char path[4096];
    int status = EXIT_DONE;
    for (int d = 0; d < DATASET_COUNT; d++) {
        snprintf(path, sizeof path, "%s/durchblick-%s.xlsx", dir, codebook_dataset_get((dataset_kind)d)->name);
        if (write_xlsform(cfg, (dataset_kind)d, path) != 0) {
            diag_error(path, 0, NULL, "cannot write the XLSForm");
            status = EXIT_INPUT;
        }
    }
    snprintf(path, sizeof path, "%s/durchblick-teilnahmen.lss", dir);
    if (write_lss(cfg, DATASET_TEILNAHMEN, path) != 0) {
        diag_error(path, 0, NULL, "cannot write the LimeSurvey structure");
        status = EXIT_INPUT;
    }
    config_free(cfg);
    return status;
}
