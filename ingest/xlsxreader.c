/*
 * xlsxreader.c - workbook structure ([Content_Types].xml, relationships,
 * workbook.xml, styles.xml) and the sheet's rows as records.
 */
#include "xlsxreader.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "xlsxpackage.h"
#include "xlsxsst.h"
#include "xlsxvalue.h"

#define DEFAULT_MAX_FIELD (16u * 1024 * 1024)
#define DEFAULT_KEEP 1024
#define MAX_SHEETS 4096
#define MAX_RELS 20000
#define MAX_XF 65536
#define MAX_NUMFMT 65536
#define HEADER_LABEL 60      /* bytes of a header kept for messages */
#define SHEETS_LISTED 20

typedef struct sheet_entry {
    char *name;
    char *rid;
    int hidden;
} sheet_entry;

typedef struct rel_entry {
    char *id;
    char *type;      /* the last segment of the relationship type: worksheet, styles, ... */
    char *target;    /* the part name it points to */
} rel_entry;

typedef struct numfmt_entry {
    unsigned long id;
    xlsx_format fmt;
} numfmt_entry;

struct xlsx_reader {
    char *path, *name, *sheet;
    xlsx_package *pkg;
    xlsx_sst *sst;
    xlsx_format *xf;
    size_t n_xf;
    int date1904;
    xlsx_part *part;
    size_t max_field, keep;

    /* the row being assembled: cells by column, valid where stamp[c] == serial */
    char *arena;
    size_t arena_len, arena_cap;
    size_t *offs, *lens, *out_lens;
    uint32_t *stamp, *err_stamp;
    char **ptrs;
    size_t cap_cols;
    size_t n_cols;           /* last column with a value + 1 */
    uint32_t serial;
    long row, prev_row, last_col;
    size_t too_long, n_err;
    int has_value;

    char **headers;          /* the header row, cut to HEADER_LABEL bytes, for messages */
    size_t n_headers;
    long records;
    int finished, failed, in_data, in_row;
    long formulas_missing;
    char first_formula[24];

    /* the sheet's element and attribute names as interned by the parser: compared by pointer */
    const xmlChar *a_row, *a_c, *a_v, *a_f, *a_is, *a_t, *a_rph, *a_data, *a_r, *a_s;

    char *text;              /* a cell's text as read */
    size_t text_len, text_cap;
    int text_cut;
};

static int is_name(xmlTextReaderPtr x, const char *name)
{
    const xmlChar *n = xmlTextReaderConstLocalName(x);
    return n && strcmp((const char *)n, name) == 0;
}

/* n is the name atom (the parser interns names; the string compare is for a parser that would not). */
static int same(const xmlChar *n, const xmlChar *atom)
{
    return n == atom || (n && atom && n[0] == atom[0] && strcmp((const char *)n, (const char *)atom) == 0);
}

static const char *attr_value(xmlTextReaderPtr x) { return (const char *)xmlTextReaderConstValue(x); }

/* Digits only, at most max; returns 0 or -1. */
static int parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
    unsigned long v = 0;
    if (!s || !*s)
        return -1;
    while (*s == ' ')
        s++;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (max - (unsigned long)(*s - '0')) / 10)
            return -1;
        v = v * 10 + (unsigned long)(*s - '0');
    }
    while (*s == ' ')
        s++;
    if (*s)
        return -1;
    *out = v;
    return 0;
}

/* Copies s into out (capacity cap), cut to fit: attribute values of a cell, read per cell. */
static void copy_short(char *out, size_t cap, const char *s)
{
    size_t n = strnlen(s, cap - 1);
    memcpy(out, s, n);
    out[n] = '\0';
}

/* A copy of s cut to at most max bytes (at a UTF-8 boundary); NULL on no memory. */
static char *copy_cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    return strndup(s, n);
}

/*
 * Resolves a relationship target against the directory of its source part
 * ("xl/"): "worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml",
 * "/xl/styles.xml" -> "xl/styles.xml", "../x.xml" climbs. NULL on no memory.
 */
static char *resolve_target(const char *base_dir, const char *target)
{
    size_t cap = strlen(base_dir) + strlen(target) + 2;
    char *joined = malloc(cap), *out = malloc(cap);
    if (!joined || !out) {
        free(joined);
        free(out);
        return NULL;
    }
    if (target[0] == '/')
        snprintf(joined, cap, "%s", target + 1);
    else
        snprintf(joined, cap, "%s%s", base_dir, target);
    size_t n = 0;
    char *save = NULL;
    for (char *seg = strtok_r(joined, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
        if (strcmp(seg, ".") == 0)
            continue;
        if (strcmp(seg, "..") == 0) {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--;
            continue;
        }
        if (n > 0)
            out[n++] = '/';
        size_t l = strlen(seg);
        memcpy(out + n, seg, l);
        n += l;
    }
    out[n] = '\0';
    free(joined);
    return out;
}

/* "xl/workbook.xml" -> "xl/" (kept in dir, capacity cap). */
static void dir_of(const char *part, char *dir, size_t cap)
{
    const char *slash = strrchr(part, '/');
    size_t n = slash ? (size_t)(slash - part + 1) : 0;
    if (n >= cap)
        n = 0;
    memcpy(dir, part, n);
    dir[n] = '\0';
}

static void rels_free(rel_entry *rels, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rels[i].id);
        free(rels[i].type);
        free(rels[i].target);
    }
    free(rels);
}

/*
 * Reads the relationships of source part (its _rels/NAME.rels). A package
 * without that part has none. Returns 0 or -1 (printed).
 */
static int read_rels(xlsx_reader *x, const char *source, rel_entry **out, size_t *n_out)
{
    char dir[512], rels_part[1024];
    rel_entry *rels = NULL;
    size_t n = 0;
    int r, ret = -1;
    xlsx_part *p = NULL;

    *out = NULL;
    *n_out = 0;
    dir_of(source, dir, sizeof dir);
    snprintf(rels_part, sizeof rels_part, "%s_rels/%s.rels", dir, source + strlen(dir));
    if (!xlsx_package_has(x->pkg, rels_part))
        return 0;
    if (!(p = xlsx_part_open(x->pkg, rels_part, XLSX_CAP_META)))
        return -1;
    xmlTextReaderPtr xr = xlsx_part_xml(p);
    while ((r = xlsx_part_read(p)) == 1) {
        if (xmlTextReaderNodeType(xr) != XML_READER_TYPE_ELEMENT || !is_name(xr, "Relationship"))
            continue;
        char *id = NULL, *type = NULL, *target = NULL;
        int external = 0;
        while (xmlTextReaderMoveToNextAttribute(xr) == 1) {
            const char *v = attr_value(xr);
            if (!v)
                continue;
            if (is_name(xr, "Id"))
                id = id ? id : strdup(v);
            else if (is_name(xr, "Type"))
                type = type ? type : strdup(strrchr(v, '/') ? strrchr(v, '/') + 1 : v);
            else if (is_name(xr, "Target"))
                target = target ? target : strdup(v);
            else if (is_name(xr, "TargetMode"))
                external = strcmp(v, "External") == 0;
        }
        xmlTextReaderMoveToElement(xr);
        if (!id || !type || !target || external || n >= MAX_RELS) {
            free(id);
            free(type);
            free(target);
            if (n >= MAX_RELS)
                break;
            continue;
        }
        rel_entry *grown = realloc(rels, (n + 1) * sizeof *rels);
        char *resolved = resolve_target(dir, target);
        free(target);
        if (!grown || !resolved) {
            free(id);
            free(type);
            free(resolved);
            if (grown)
                rels = grown;
            diag_error(x->path, 0, NULL, _("out of memory"));
            goto done;
        }
        rels = grown;
        rels[n++] = (rel_entry){id, type, resolved};
    }
    if (r < 0)
        goto done;
    ret = 0;
done:
    xlsx_part_close(p);
    if (ret == 0) {
        *out = rels;
        *n_out = n;
    } else {
        rels_free(rels, n);
    }
    return ret;
}

static const rel_entry *rel_by_type(const rel_entry *rels, size_t n, const char *type)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(rels[i].type, type) == 0)
            return &rels[i];
    return NULL;
}

/*
 * Finds the workbook part through [Content_Types].xml (the package's own
 * statement of what it is), else the package's officeDocument relationship.
 * Says what the file is when it is no workbook. Returns the part name
 * (caller frees) or NULL (printed).
 */
static char *find_workbook(xlsx_reader *x)
{
    static const char *const workbook_types[] = {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
        "application/vnd.ms-excel.template.macroEnabled.main+xml", NULL};
    char *workbook = NULL;
    int xlsb = 0, word = 0, powerpoint = 0, r;

    if (!xlsx_package_has(x->pkg, "[Content_Types].xml")) {
        char mimetype[128];
        if (xlsx_package_read_small(x->pkg, "mimetype", mimetype, sizeof mimetype) > 0 &&
            strncmp(mimetype, "application/vnd.oasis.opendocument.spreadsheet", 46) == 0)
            diag_error(x->path, 0, NULL,
                       _("an OpenDocument spreadsheet (.ods): durchblick reads .xlsx and CSV; in LibreOffice "
                         "use File > Save As > \"Excel 2007-365 (.xlsx)\" or \"Text CSV\" and load that"));
        else if (xlsx_package_read_small(x->pkg, "mimetype", mimetype, sizeof mimetype) > 0 &&
                 strncmp(mimetype, "application/vnd.oasis.opendocument.", 35) == 0)
            diag_error(x->path, 0, NULL,
                       _("an OpenDocument file (%.60s), not a workbook: save the table as .xlsx "
                         "or CSV"),
                       mimetype);
        else
            diag_error(x->path, 0, NULL,
                       _("a zip archive that is not an Excel workbook (it has no [Content_Types].xml): if it "
                         "holds exports, unpack it and load the files in it"));
        return NULL;
    }
    xlsx_part *p = xlsx_part_open(x->pkg, "[Content_Types].xml", XLSX_CAP_META);
    if (!p)
        return NULL;
    xmlTextReaderPtr xr = xlsx_part_xml(p);
    while ((r = xlsx_part_read(p)) == 1) {
        if (xmlTextReaderNodeType(xr) != XML_READER_TYPE_ELEMENT || !is_name(xr, "Override"))
            continue;
        char *part = NULL, *type = NULL;
        while (xmlTextReaderMoveToNextAttribute(xr) == 1) {
            const char *v = attr_value(xr);
            if (v && is_name(xr, "PartName") && !part)
                part = strdup(v);
            else if (v && is_name(xr, "ContentType") && !type)
                type = strdup(v);
        }
        xmlTextReaderMoveToElement(xr);
        if (part && type) {
            for (int i = 0; workbook_types[i] && !workbook; i++)
                if (strcmp(type, workbook_types[i]) == 0)
                    workbook = strdup(part[0] == '/' ? part + 1 : part);
            xlsb |= strstr(type, "ms-excel.sheet.binary") != NULL;
            word |= strstr(type, "wordprocessingml.document.main") != NULL;
            powerpoint |= strstr(type, "presentationml.presentation.main") != NULL;
        }
        free(part);
        free(type);
    }
    xlsx_part_close(p);
    if (r < 0) {
        free(workbook);
        return NULL;
    }
    if (!workbook && !xlsb && !word && !powerpoint) {
        /* No content type says "workbook": the package's own relationship may. */
        rel_entry *rels;
        size_t n;
        if (read_rels(x, "", &rels, &n) != 0)
            return NULL;
        const rel_entry *doc = rel_by_type(rels, n, "officeDocument");
        if (doc && xlsx_package_has(x->pkg, doc->target) && strstr(doc->target, "xl/"))
            workbook = strdup(doc->target);
        rels_free(rels, n);
    }
    if (workbook)
        return workbook;
    if (xlsb)
        diag_error(x->path, 0, NULL,
                   _("an Excel binary workbook (.xlsb): save it as \"Excel Workbook (*.xlsx)\" "
                     "or as CSV and load that"));
    else if (word)
        diag_error(x->path, 0, NULL, _("a Word document, not a survey export"));
    else if (powerpoint)
        diag_error(x->path, 0, NULL, _("a PowerPoint presentation, not a survey export"));
    else
        diag_error(x->path, 0, NULL, _("an Office file that is not an Excel workbook (no workbook part)"));
    return NULL;
}

static void sheets_free(sheet_entry *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(s[i].name);
        free(s[i].rid);
    }
    free(s);
}

/* Reads workbook.xml: the date system and the sheets in tab order. Returns 0 or -1 (printed). */
static int read_workbook(xlsx_reader *x, const char *part, sheet_entry **out, size_t *n_out)
{
    sheet_entry *sheets = NULL;
    size_t n = 0;
    int r, ret = -1;
    xlsx_part *p = xlsx_part_open(x->pkg, part, XLSX_CAP_META);
    if (!p)
        return -1;
    xmlTextReaderPtr xr = xlsx_part_xml(p);
    while ((r = xlsx_part_read(p)) == 1) {
        if (xmlTextReaderNodeType(xr) != XML_READER_TYPE_ELEMENT)
            continue;
        if (is_name(xr, "workbookPr")) {
            while (xmlTextReaderMoveToNextAttribute(xr) == 1)
                if (is_name(xr, "date1904") && attr_value(xr))
                    x->date1904 = strcmp(attr_value(xr), "1") == 0 || strcmp(attr_value(xr), "true") == 0;
            xmlTextReaderMoveToElement(xr);
        } else if (is_name(xr, "sheet") && n < MAX_SHEETS) {
            sheet_entry s = {NULL, NULL, 0};
            while (xmlTextReaderMoveToNextAttribute(xr) == 1) {
                const char *v = attr_value(xr);
                const xmlChar *ns = xmlTextReaderConstNamespaceUri(xr);
                if (!v)
                    continue;
                if (is_name(xr, "name") && !ns && !s.name)
                    s.name = copy_cut(v, 255);
                else if (is_name(xr, "state") && !ns)
                    s.hidden = strcmp(v, "visible") != 0;
                else if (is_name(xr, "id") && ns && strstr((const char *)ns, "relationships") && !s.rid)
                    s.rid = strdup(v);
            }
            xmlTextReaderMoveToElement(xr);
            sheet_entry *grown = s.name && s.rid ? realloc(sheets, (n + 1) * sizeof *sheets) : NULL;
            if (!grown) {
                free(s.name);
                free(s.rid);
                continue;
            }
            sheets = grown;
            sheets[n++] = s;
        }
    }
    if (r == 0)
        ret = 0;
    xlsx_part_close(p);
    if (ret == 0) {
        *out = sheets;
        *n_out = n;
    } else {
        sheets_free(sheets, n);
    }
    return ret;
}

static int numfmt_cmp(const void *a, const void *b)
{
    unsigned long x = ((const numfmt_entry *)a)->id, y = ((const numfmt_entry *)b)->id;
    return x < y ? -1 : x > y;
}

/*
 * Reads styles.xml: what each cell format (cellXfs, the "s" of a cell) shows
 * of a number, from its numFmtId and the custom formats. Returns 0 or -1.
 */
static int read_styles(xlsx_reader *x, const char *part)
{
    numfmt_entry *fmts = NULL;
    unsigned long *xf_ids = NULL;
    size_t n_fmts = 0, n_ids = 0;
    int in_fmts = 0, in_xfs = 0, r, ret = -1;
    xlsx_part *p = xlsx_part_open(x->pkg, part, XLSX_CAP_META);
    if (!p)
        return -1;
    if (!(fmts = malloc(64 * sizeof *fmts)) || !(xf_ids = malloc(64 * sizeof *xf_ids)))
        goto nomem;
    size_t cap_fmts = 64, cap_ids = 64;
    xmlTextReaderPtr xr = xlsx_part_xml(p);
    while ((r = xlsx_part_read(p)) == 1) {
        int type = xmlTextReaderNodeType(xr);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (is_name(xr, "numFmts"))
                in_fmts = 0;
            else if (is_name(xr, "cellXfs"))
                in_xfs = 0;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        int empty = xmlTextReaderIsEmptyElement(xr);
        if (is_name(xr, "numFmts")) {
            in_fmts = !empty;
        } else if (is_name(xr, "cellXfs")) {
            in_xfs = !empty;
        } else if (in_fmts && is_name(xr, "numFmt") && n_fmts < MAX_NUMFMT) {
            unsigned long id = 0;
            int have_id = 0;
            xlsx_format f = {XLSX_SHOW_NUMBER, 0};
            while (xmlTextReaderMoveToNextAttribute(xr) == 1) {
                if (is_name(xr, "numFmtId"))
                    have_id = parse_ulong(attr_value(xr), 0xFFFFFFFFul, &id) == 0;
                else if (is_name(xr, "formatCode") && attr_value(xr))
                    f = xlsx_format_classify(attr_value(xr));
            }
            xmlTextReaderMoveToElement(xr);
            if (!have_id)
                continue;
            if (n_fmts == cap_fmts) {
                numfmt_entry *grown = realloc(fmts, 2 * cap_fmts * sizeof *fmts);
                if (!grown)
                    goto nomem;
                fmts = grown;
                cap_fmts *= 2;
            }
            fmts[n_fmts++] = (numfmt_entry){id, f};
        } else if (in_xfs && is_name(xr, "xf") && n_ids < MAX_XF) {
            unsigned long id = 0;
            while (xmlTextReaderMoveToNextAttribute(xr) == 1)
                if (is_name(xr, "numFmtId") && parse_ulong(attr_value(xr), 0xFFFFFFFFul, &id) != 0)
                    id = 0;
            xmlTextReaderMoveToElement(xr);
            if (n_ids == cap_ids) {
                unsigned long *grown = realloc(xf_ids, 2 * cap_ids * sizeof *xf_ids);
                if (!grown)
                    goto nomem;
                xf_ids = grown;
                cap_ids *= 2;
            }
            xf_ids[n_ids++] = id;
        }
    }
    if (r < 0)
        goto done;
    qsort(fmts, n_fmts, sizeof *fmts, numfmt_cmp);
    if (!(x->xf = calloc(n_ids + 1, sizeof *x->xf)))
        goto nomem;
    for (size_t i = 0; i < n_ids; i++) {
        numfmt_entry key = {xf_ids[i], {0, 0}};
        const numfmt_entry *found = bsearch(&key, fmts, n_fmts, sizeof *fmts, numfmt_cmp);
        x->xf[i] = found ? found->fmt : xlsx_format_builtin(xf_ids[i]);
    }
    x->n_xf = n_ids;
    ret = 0;
    goto done;
nomem:
    diag_error(x->path, 0, NULL, _("out of memory"));
done:
    xlsx_part_close(p);
    free(fmts);
    free(xf_ids);
    return ret;
}

/* The sheet named name: exactly, else ignoring ASCII case (Excel's sheet names are unique so). */
static const sheet_entry *find_sheet(const sheet_entry *sheets, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(sheets[i].name, name) == 0)
            return &sheets[i];
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(sheets[i].name, name) == 0)
            return &sheets[i];
    return NULL;
}

static void list_sheets(const sheet_entry *sheets, size_t n, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && i < SHEETS_LISTED && used < cap; i++)
        used += (size_t)snprintf(out + used, cap - used, "%s'%s'%s", i ? ", " : "", sheets[i].name,
                                 sheets[i].hidden ? _(" (hidden)") : "");
    if (n > SHEETS_LISTED && used < cap)
        snprintf(out + used, cap - used, _(" and %zu more"), n - SHEETS_LISTED);
}

dbk_error xlsx_reader_open(const char *path, int fd, const xlsx_reader_options *opt, xlsx_reader **out)
{
    xlsx_reader *x = calloc(1, sizeof *x);
    sheet_entry *sheets = NULL;
    rel_entry *rels = NULL;
    size_t n_sheets = 0, n_rels = 0;
    char *workbook = NULL;
    dbk_error err = DBK_ERR_NOT_CSV;

    *out = NULL;
    if (!x || !(x->path = strdup(path)) || !(x->name = strdup(path))) {
        if (fd >= 0)
            close(fd);
        diag_error(path, 0, NULL, _("out of memory"));
        free(x ? x->path : NULL);
        free(x);
        return DBK_ERR_NOMEM;
    }
    x->max_field = opt && opt->max_field ? opt->max_field : DEFAULT_MAX_FIELD;
    x->keep = opt && opt->keep ? opt->keep : DEFAULT_KEEP;
    if (x->keep > x->max_field)
        x->keep = x->max_field;
    x->row = x->prev_row = 0;
    xmlInitParser();
    if ((err = xlsx_package_open(fd, x->path, &x->pkg)) != DBK_OK)
        goto fail;
    err = DBK_ERR_NOT_CSV;
    if (!(workbook = find_workbook(x)) || read_workbook(x, workbook, &sheets, &n_sheets) != 0 ||
        read_rels(x, workbook, &rels, &n_rels) != 0)
        goto fail;

    /* The sheet: the one the config names, else the first visible worksheet. */
    const sheet_entry *chosen = NULL;
    const rel_entry *rel = NULL;
    char listed[1024];
    list_sheets(sheets, n_sheets, listed, sizeof listed);
    if (opt && opt->sheet) {
        if (!(chosen = find_sheet(sheets, n_sheets, opt->sheet))) {
            diag_error(x->path, 0, NULL,
                       _("the workbook has no sheet '%s' (the config's [input] sheet); its "
                         "sheets: %s"),
                       opt->sheet, n_sheets ? listed : _("none"));
            goto fail;
        }
        for (size_t i = 0; i < n_rels && !rel; i++)
            if (strcmp(rels[i].id, chosen->rid) == 0)
                rel = &rels[i];
    } else {
        for (size_t s = 0; s < n_sheets && !chosen; s++) {
            if (sheets[s].hidden)
                continue;
            for (size_t i = 0; i < n_rels; i++)
                if (strcmp(rels[i].id, sheets[s].rid) == 0 && strcmp(rels[i].type, "worksheet") == 0) {
                    chosen = &sheets[s];
                    rel = &rels[i];
                    break;
                }
        }
        if (!chosen) {
            diag_error(x->path, 0, NULL, _("the workbook has no visible worksheet to read (its sheets: %s)"),
                       n_sheets ? listed : _("none"));
            goto fail;
        }
    }
    if (!rel || !xlsx_package_has(x->pkg, rel->target)) {
        diag_error(x->path, 0, NULL, _("sheet '%s' has no data in the file: the workbook is damaged"),
                   chosen->name);
        goto fail;
    }
    if (strcmp(rel->type, "worksheet") != 0) {
        diag_error(x->path, 0, NULL, _("sheet '%s' is a %s, not a table of rows; the workbook's sheets: %s"),
                   chosen->name, strcmp(rel->type, "chartsheet") == 0 ? _("chart sheet") : rel->type, listed);
        goto fail;
    }
    size_t name_len = strlen(x->path) + strlen(chosen->name) + 3;
    char *name = malloc(name_len);
    if (!name || !(x->sheet = strdup(chosen->name))) {
        free(name);
        err = DBK_ERR_NOMEM;
        diag_error(x->path, 0, NULL, _("out of memory"));
        goto fail;
    }
    snprintf(name, name_len, "%s[%s]", x->path, chosen->name);
    free(x->name);
    x->name = name;
    xlsx_package_set_name(x->pkg, x->name);

    const rel_entry *styles = rel_by_type(rels, n_rels, "styles");
    if (styles && xlsx_package_has(x->pkg, styles->target) && read_styles(x, styles->target) != 0)
        goto fail;
    const rel_entry *strings = rel_by_type(rels, n_rels, "sharedStrings");
    if ((err = xlsx_sst_load(x->pkg, strings && xlsx_package_has(x->pkg, strings->target) ? strings->target : NULL,
                             x->max_field, x->keep, opt ? opt->spill_at : 0, &x->sst)) != DBK_OK)
        goto fail;
    err = DBK_ERR_NOT_CSV;
    if (!(x->part = xlsx_part_open(x->pkg, rel->target, XLSX_CAP_SHEET)))
        goto fail;
    xmlTextReaderPtr xr = xlsx_part_xml(x->part);
    x->a_row = xmlTextReaderConstString(xr, BAD_CAST "row");
    x->a_c = xmlTextReaderConstString(xr, BAD_CAST "c");
    x->a_v = xmlTextReaderConstString(xr, BAD_CAST "v");
    x->a_f = xmlTextReaderConstString(xr, BAD_CAST "f");
    x->a_is = xmlTextReaderConstString(xr, BAD_CAST "is");
    x->a_t = xmlTextReaderConstString(xr, BAD_CAST "t");
    x->a_rph = xmlTextReaderConstString(xr, BAD_CAST "rPh");
    x->a_data = xmlTextReaderConstString(xr, BAD_CAST "sheetData");
    x->a_r = xmlTextReaderConstString(xr, BAD_CAST "r");
    x->a_s = xmlTextReaderConstString(xr, BAD_CAST "s");
    sheets_free(sheets, n_sheets);
    rels_free(rels, n_rels);
    free(workbook);
    x->arena_cap = 4096;
    if (!(x->arena = malloc(x->arena_cap))) {
        xlsx_reader_free(x);
        diag_error(path, 0, NULL, _("out of memory"));
        return DBK_ERR_NOMEM;
    }
    *out = x;
    return DBK_OK;
fail:
    sheets_free(sheets, n_sheets);
    rels_free(rels, n_rels);
    free(workbook);
    xlsx_reader_free(x);
    return err;
}

/* "column C 'Eintritt'" for messages. */
static void column_label(const xlsx_reader *x, long col, char *out, size_t cap)
{
    char letters[4];
    xlsx_col_name(col, letters);
    if ((size_t)col < x->n_headers && x->headers[col] && x->headers[col][0])
        snprintf(out, cap, _("column %s '%s'"), letters, x->headers[col]);
    else
        snprintf(out, cap, _("column %s"), letters);
}

static int cell_fail(xlsx_reader *x, long col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int cell_fail(xlsx_reader *x, long col, const char *fmt, ...)
{
    char msg[512], label[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (col >= 0) {
        column_label(x, col, label, sizeof label);
        diag_error(x->name, x->row, label, "%s", msg);
    } else {
        diag_error(x->name, x->row, NULL, "%s", msg);
    }
    x->failed = 1;
    return -1;
}

static int ensure_cols(xlsx_reader *x, size_t need)
{
    if (need <= x->cap_cols)
        return 0;
    size_t cap = x->cap_cols ? x->cap_cols : 64;
    while (cap < need)
        cap *= 2;
#define GROW(field, n)                                      \
    do {                                                    \
        void *grown_ = realloc((field), (n) * sizeof *(field)); \
        if (!grown_)                                        \
            return -1;                                      \
        (field) = grown_;                                   \
    } while (0)
    GROW(x->offs, cap);
    GROW(x->lens, cap);
    GROW(x->out_lens, cap);
    GROW(x->stamp, cap);
    GROW(x->err_stamp, cap);
    GROW(x->ptrs, cap + 1);
#undef GROW
    memset(x->stamp + x->cap_cols, 0, (cap - x->cap_cols) * sizeof *x->stamp);
    memset(x->err_stamp + x->cap_cols, 0, (cap - x->cap_cols) * sizeof *x->err_stamp);
    x->cap_cols = cap;
    return 0;
}

/* Puts the value of column col into the row; len 0 is no value. */
static int store_cell(xlsx_reader *x, long col, const char *s, size_t len, int cut)
{
    if (ensure_cols(x, (size_t)col + 1) != 0)
        return cell_fail(x, col, _("out of memory"));
    if (x->stamp[col] == x->serial)
        return cell_fail(x, col, _("the cell appears twice in row %ld: the file is damaged"), x->row);
    x->stamp[col] = x->serial;
    x->offs[col] = 0;
    x->lens[col] = 0;
    /* A cell, or the whole row, past max_field keeps its first bytes: the row is rejected. */
    if (cut || len > x->max_field || x->arena_len + len > x->max_field) {
        if (len > x->keep)
            len = x->keep;
        if (!x->too_long)
            x->too_long = (size_t)col + 1;
    }
    if (len == 0)
        return 0;
    if (x->arena_len + len + 1 > x->arena_cap) {
        size_t cap = x->arena_cap;
        while (cap < x->arena_len + len + 1)
            cap *= 2;
        char *grown = realloc(x->arena, cap);
        if (!grown)
            return cell_fail(x, col, _("out of memory"));
        x->arena = grown;
        x->arena_cap = cap;
    }
    memcpy(x->arena + x->arena_len, s, len);
    x->offs[col] = x->arena_len;
    x->lens[col] = len;
    x->arena_len += len;
    x->arena[x->arena_len++] = '\0';
    if ((size_t)col + 1 > x->n_cols)
        x->n_cols = (size_t)col + 1;
    x->has_value = 1;
    return 0;
}

/* The value of a cell from its type, style and text (x->text). */
static int cell_value(xlsx_reader *x, long col, const char *type, unsigned long style)
{
    char buf[XLSX_TEXT_MAX];
    char *s = x->text ? x->text : buf;
    size_t len = x->text_len;
    if (!x->text)
        buf[0] = '\0';
    if (strcmp(type, "s") == 0) {
        unsigned long index;
        const char *str;
        int cut;
        if (len == 0)
            return 0;
        if (parse_ulong(s, (unsigned long)-1, &index) != 0)
            return cell_fail(x, col, _("shared string number '%.40s' is no number: the file is damaged"), s);
        if (xlsx_sst_get(x->sst, index, &str, &len, &cut) != 0) {
            if (index >= xlsx_sst_count(x->sst))
                return cell_fail(x, col,
                                 _("shared string %lu does not exist (the workbook has %zu): the "
                                   "file is damaged"),
                                 index, xlsx_sst_count(x->sst));
            return cell_fail(x, col, _("cannot read the temporary table of shared strings"));
        }
        return store_cell(x, col, str, len, cut);
    }
    if (strcmp(type, "inlineStr") == 0 || strcmp(type, "str") == 0) {
        if (!x->text_cut)
            len = xlsx_unescape(s, len);
        return store_cell(x, col, s, len, x->text_cut);
    }
    if (strcmp(type, "b") == 0) {
        if (len == 1 && (s[0] == '1' || s[0] == '0'))
            return store_cell(x, col, s[0] == '1' ? "TRUE" : "FALSE", s[0] == '1' ? 4 : 5, 0);
        return store_cell(x, col, s, len, x->text_cut);
    }
    if (strcmp(type, "e") == 0) {
        if (store_cell(x, col, s, len, x->text_cut) != 0)
            return -1;
        if (len > 0) {
            x->err_stamp[col] = x->serial;
            x->n_err++;
        }
        return 0;
    }
    if (strcmp(type, "n") == 0 && len > 0 && !x->text_cut) {
        xlsx_format fmt = style < x->n_xf ? x->xf[style] : (xlsx_format){XLSX_SHOW_NUMBER, 0};
        int n = fmt.show != XLSX_SHOW_NUMBER ? xlsx_serial_text(s, len, x->date1904, fmt, buf, sizeof buf)
                                             : xlsx_number_text(s, len, fmt, buf, sizeof buf);
        if (n >= 0)
            return store_cell(x, col, buf, (size_t)n, 0);
    }
    /* "d" (an ISO 8601 date as text), an unknown type, or a number that is none: the text as it is. */
    return store_cell(x, col, s, len, x->text_cut);
}

/* Reads one <c> element and its children. Returns 0 or -1 (printed). */
static int read_cell(xlsx_reader *x)
{
    xmlTextReaderPtr xr = xlsx_part_xml(x->part);
    int depth = xmlTextReaderDepth(xr), empty = xmlTextReaderIsEmptyElement(xr);
    char ref[24] = "", type[16] = "n";
    unsigned long style = 0;
    long col = x->last_col + 1, row = x->row;

    while (xmlTextReaderMoveToNextAttribute(xr) == 1) {
        const char *v = attr_value(xr);
        const xmlChar *n = xmlTextReaderConstLocalName(xr);
        if (!v)
            continue;
        if (same(n, x->a_r))
            copy_short(ref, sizeof ref, v);
        else if (same(n, x->a_t))
            copy_short(type, sizeof type, v);
        else if (same(n, x->a_s) && parse_ulong(v, 0xFFFFFFFFul, &style) != 0)
            style = 0;
    }
    xmlTextReaderMoveToElement(xr);
    if (ref[0] && xlsx_ref_parse(ref, strlen(ref), &col, &row) != 0)
        return cell_fail(x, -1,
                         _("cell reference '%s' is no cell of a sheet (A1 to XFD1048576): the file is "
                           "damaged"),
                         ref);
    if (row != x->row)
        return cell_fail(x, -1, _("cell %s is inside row %ld: the file is damaged"), ref, x->row);
    if (col >= XLSX_MAX_COLS)
        return cell_fail(x, -1, _("more than %ld cells in row %ld: the file is damaged"), XLSX_MAX_COLS,
                         x->row);
    x->last_col = col;
    if (empty)
        return 0;

    int in_v = 0, in_t = 0, in_is = 0, rph = 0, have_v = 0, formula = 0, r;
    x->text_len = 0;
    x->text_cut = 0;
    if (x->text)
        x->text[0] = '\0';
    while ((r = xlsx_part_read(x->part)) == 1) {
        int t = xmlTextReaderNodeType(xr);
        if (t == XML_READER_TYPE_ELEMENT) {
            int e = xmlTextReaderIsEmptyElement(xr);
            const xmlChar *n = xmlTextReaderConstLocalName(xr);
            if (same(n, x->a_v)) {
                in_v = !e;
                have_v = 1;
            } else if (same(n, x->a_f)) {
                formula = 1;
            } else if (same(n, x->a_is)) {
                in_is = !e;
                have_v = 1;
            } else if (in_is && same(n, x->a_rph)) {
                rph = !e;
            } else if (in_is && !rph && same(n, x->a_t)) {
                in_t = !e;
            }
        } else if (t == XML_READER_TYPE_END_ELEMENT) {
            const xmlChar *n = xmlTextReaderConstLocalName(xr);
            if (same(n, x->a_c) && xmlTextReaderDepth(xr) == depth)
                break;
            if (same(n, x->a_v))
                in_v = 0;
            else if (same(n, x->a_t))
                in_t = 0;
            else if (same(n, x->a_rph))
                rph = 0;
            else if (same(n, x->a_is))
                in_is = 0;
        } else if ((in_v || in_t) && (t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
                                      t == XML_READER_TYPE_WHITESPACE ||
                                      t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
            if (xlsx_part_append_text(x->part, &x->text, &x->text_len, &x->text_cap, x->max_field,
                                      &x->text_cut) != 0)
                return cell_fail(x, col, _("out of memory"));
        }
    }
    if (r != 1) {
        x->failed = 1;
        if (r == 0)
            return cell_fail(x, col, _("the sheet ends inside a cell: the file is damaged"));
        return -1;
    }
    /* No saved result: no <v>, or an empty one where only a text result may be empty (openpyxl writes
     * <f>..</f><v></v>; Excel writes t="str" and an empty <v> for a formula that gives ""). */
    if (formula && (!have_v || (x->text_len == 0 && strcmp(type, "str") != 0))) {
        if (x->formulas_missing++ == 0) {
            char letters[4];
            xlsx_col_name(col, letters);
            snprintf(x->first_formula, sizeof x->first_formula, "%s%ld", letters, x->row);
        }
        return 0;
    }
    return cell_value(x, col, type, style);
}

static int start_row(xlsx_reader *x)
{
    xmlTextReaderPtr xr = xlsx_part_xml(x->part);
    long row = x->prev_row + 1;
    while (xmlTextReaderMoveToNextAttribute(xr) == 1) {
        if (same(xmlTextReaderConstLocalName(xr), x->a_r)) {
            unsigned long r;
            if (parse_ulong(attr_value(xr), 0xFFFFFFFFul, &r) != 0 || r < 1 || r > (unsigned long)XLSX_MAX_ROWS)
                return cell_fail(x, -1,
                                 _("row number '%.20s' is no row of a sheet (1 to %ld): the file is damaged"),
                                 attr_value(xr) ? attr_value(xr) : "", XLSX_MAX_ROWS);
            row = (long)r;
        }
    }
    xmlTextReaderMoveToElement(xr);
    if (row <= x->prev_row) {
        x->row = row;
        return cell_fail(x, -1, _("row %ld comes after row %ld (rows out of order): the file is damaged"),
                         row, x->prev_row);
    }
    if (row > XLSX_MAX_ROWS) {
        x->row = row;
        return cell_fail(x, -1, _("more than %ld rows: the file is damaged"), XLSX_MAX_ROWS);
    }
    x->row = x->prev_row = row;
    x->serial++;
    x->n_cols = 0;
    x->arena_len = 1;
    x->arena[0] = '\0';
    x->has_value = 0;
    x->too_long = 0;
    x->n_err = 0;
    x->last_col = -1;
    return 0;
}

/*
 * Excel's delimiter hint "sep=;" as the first row: LibreOffice keeps it when it
 * opens such a CSV ("sep=" in A1, the ';' taken as a delimiter), and the
 * workbook saved from it has it above the header. Skipped as the CSV reader
 * skips the line.
 */
static int is_sep_row(const xlsx_reader *x)
{
    if (x->n_cols > 2 || x->stamp[0] != x->serial || (x->n_cols == 2 && x->stamp[1] == x->serial && x->lens[1]))
        return 0;
    const char *s = x->arena + x->offs[0];
    size_t n = x->lens[0];
    return (n == 4 || n == 5) && strncasecmp(s, "sep=", 4) == 0;
}

/* Hands the assembled row out as a record. */
static int emit_row(xlsx_reader *x, csv_record *rec)
{
    for (size_t c = 0; c < x->n_cols; c++) {
        int set = x->stamp[c] == x->serial && x->lens[c] > 0;
        x->ptrs[c] = set ? x->arena + x->offs[c] : x->arena;
        x->out_lens[c] = set ? x->lens[c] : 0;
    }
    rec->fields = x->ptrs;
    rec->lens = x->out_lens;
    rec->n_fields = x->n_cols;
    rec->line = x->row;
    if (x->records == 0) {
        if (x->too_long) {
            char label[128];
            column_label(x, (long)x->too_long - 1, label, sizeof label);
            diag_error(x->name, x->row, NULL,
                       _("%s of the header row is longer than %zu bytes: not a survey export"), label,
                       x->max_field);
            x->failed = 1;
            return -1;
        }
        if (!(x->headers = calloc(x->n_cols + 1, sizeof *x->headers)))
            return cell_fail(x, -1, _("out of memory"));
        x->n_headers = x->n_cols;
        for (size_t c = 0; c < x->n_cols; c++)
            if (!(x->headers[c] = copy_cut(x->ptrs[c], HEADER_LABEL)))
                return cell_fail(x, -1, _("out of memory"));
    } else if (x->too_long) {
        char label[128];
        column_label(x, (long)x->too_long - 1, label, sizeof label);
        diag_warn(
            x->name, x->row, NULL,
            _("%s is longer than %zu bytes (in all the row may hold %zu): only its first %zu bytes are kept, "
              "the row is rejected"),
            label, x->max_field, x->max_field, x->keep);
    }
    x->records++;
    return 1;
}

/* The end of the sheet: says what was left empty. */
static int finish(xlsx_reader *x)
{
    x->finished = 1;
    if (x->formulas_missing)
        diag_warn(x->name, 0, NULL,
                  _("%ld formula cells have no saved result (first %s): they read as empty; the workbook was "
                    "written by a program and never calculated: open it in Excel or LibreOffice and save it"),
                  x->formulas_missing, x->first_formula);
    if (x->records == 0) {
        diag_error(x->name, 0, NULL, _("the sheet is empty: no header row"));
        x->failed = 1;
        return -1;
    }
    return 0;
}

int xlsx_reader_next(xlsx_reader *x, csv_record *rec)
{
    if (x->failed)
        return -1;
    if (x->finished)
        return 0;
    xmlTextReaderPtr xr = xlsx_part_xml(x->part);
    int r;
    while ((r = xlsx_part_read(x->part)) == 1) {
        int type = xmlTextReaderNodeType(xr);
        if (type == XML_READER_TYPE_ELEMENT) {
            const xmlChar *n = xmlTextReaderConstLocalName(xr);
            if (x->in_row && same(n, x->a_c)) {
                if (read_cell(x) != 0)
                    return -1;
            } else if (x->in_data && same(n, x->a_row)) {
                int empty = xmlTextReaderIsEmptyElement(xr);
                if (start_row(x) != 0)
                    return -1;
                x->in_row = !empty;
            } else if (same(n, x->a_data)) {
                x->in_data = !xmlTextReaderIsEmptyElement(xr);
                if (!x->in_data)
                    return finish(x);
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            const xmlChar *n = xmlTextReaderConstLocalName(xr);
            if (x->in_row && same(n, x->a_row)) {
                x->in_row = 0;
                if (x->has_value && !(x->records == 0 && is_sep_row(x)))
                    return emit_row(x, rec);
            }
            if (same(n, x->a_data))
                return finish(x); /* what follows (merged cells, print settings) is not read */
        }
    }
    if (r < 0) {
        x->failed = 1;
        return -1;
    }
    return finish(x);
}

size_t xlsx_reader_too_long(const xlsx_reader *x) { return x->too_long; }
size_t xlsx_reader_error_cells(const xlsx_reader *x) { return x->n_err; }
int xlsx_reader_cell_error(const xlsx_reader *x, size_t col)
{
    return col >= 1 && col <= x->n_cols && x->err_stamp[col - 1] == x->serial;
}
const char *xlsx_reader_name(const xlsx_reader *x) { return x->name; }
const char *xlsx_reader_sheet(const xlsx_reader *x) { return x->sheet; }
int xlsx_reader_date1904(const xlsx_reader *x) { return x->date1904; }
unsigned long long xlsx_reader_bytes(const xlsx_reader *x) { return x->part ? xlsx_part_bytes(x->part) : 0; }
long xlsx_reader_row(const xlsx_reader *x) { return x->row; }

void xlsx_reader_free(xlsx_reader *x)
{
    if (!x)
        return;
    xlsx_part_close(x->part);
    xlsx_sst_free(x->sst);
    xlsx_package_free(x->pkg);
    for (size_t c = 0; x->headers && c < x->n_headers; c++)
        free(x->headers[c]);
    free(x->headers);
    free(x->xf);
    free(x->arena);
    free(x->offs);
    free(x->lens);
    free(x->out_lens);
    free(x->stamp);
    free(x->err_stamp);
    free(x->ptrs);
    free(x->text);
    free(x->path);
    free(x->name);
    free(x->sheet);
    free(x);
}
