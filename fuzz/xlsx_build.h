/*
 * xlsx_build.h - a small .xlsx package in memory, for the xlsx unit tests and
 * the fuzz harness: the parts a workbook needs ([Content_Types].xml, the
 * relationships, workbook.xml, styles.xml, sharedStrings.xml, one sheet),
 * each replaceable, zipped with libzip into an anonymous in-memory file.
 */
#ifndef DURCHBLICK_XLSX_BUILD_H
#define DURCHBLICK_XLSX_BUILD_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memfd_create */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zip.h>

#define XB_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define XB_RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define XB_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* The parts of a workbook; NULL leaves a part out, XB_DEFAULT takes the default. */
typedef struct xb_parts {
    const char *content_types, *workbook, *workbook_rels, *styles, *strings, *sheet;
    const char *extra_name, *extra;  /* one more part, e.g. a second sheet */
} xb_parts;

#define XB_DEFAULT ((const char *)1)

static const char xb_content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "</Types>";
static const char xb_root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" XB_REL "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char xb_workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " XB_NS " " XB_RNS "><workbookPr/>"
    "<sheets><sheet name=\"Daten\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char xb_workbook_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" XB_REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" XB_REL "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" XB_REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" XB_REL "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
    "</Relationships>";
/* cellXfs: 0 General, 1 built-in date (14), 2 custom dd.mm.yyyy (164), 3 datetime (165), 4 "00000" (166) */
static const char xb_styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet " XB_NS ">"
    "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"dd\\.mm\\.yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"yyyy\\-mm\\-dd\\ hh:mm\"/><numFmt numFmtId=\"166\" formatCode=\"00000\"/>"
    "</numFmts><cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"164\"><alignment/></xf><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/></cellXfs></styleSheet>";
static const char xb_strings[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst " XB_NS " count=\"3\" uniqueCount=\"3\">"
    "<si><t>fall_id</t></si><si><t>kommune</t></si><si><t>Herford</t></si></sst>";

static const char *xb_pick(const char *given, const char *fallback)
{
    return given == XB_DEFAULT ? fallback : given;
}

/*
 * Zips the parts into an anonymous in-memory file; puts its path
 * ("/proc/self/fd/N") into path and returns the descriptor (the caller closes
 * it), or -1.
 */
static int xb_write(const xb_parts *p, char path[64])
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *buf = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = buf ? zip_open_from_source(buf, ZIP_TRUNCATE, &ze) : NULL;
    if (!za)
        return -1;
    zip_source_keep(buf);
    const char *names[] = {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                           "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
                           p->extra_name};
    const char *data[] = {xb_pick(p->content_types, xb_content_types), xb_root_rels,
                          xb_pick(p->workbook, xb_workbook), xb_pick(p->workbook_rels, xb_workbook_rels),
                          xb_pick(p->styles, xb_styles), xb_pick(p->strings, xb_strings), p->sheet,
                          p->extra};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!names[i] || !data[i])
            continue;
        zip_source_t *s = zip_source_buffer(za, data[i], strlen(data[i]), 0);
        zip_int64_t idx = s ? zip_file_add(za, names[i], s, ZIP_FL_OVERWRITE) : -1;
        /* stored, not deflated: the XML is what is tested, and deflate would cost the fuzzer most of its time */
        if (idx < 0 || zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0) != 0) {
            if (idx < 0)
                zip_source_free(s);
            zip_discard(za);
            return -1;
        }
    }
    if (zip_close(za) != 0) {
        zip_discard(za);
        return -1;
    }
    zip_stat_t st;
    if (zip_source_stat(buf, &st) != 0 || zip_source_open(buf) != 0) {
        zip_source_free(buf);
        return -1;
    }
    char *bytes = malloc(st.size ? st.size : 1);
    zip_int64_t got = bytes ? zip_source_read(buf, bytes, st.size) : -1;
    zip_source_close(buf);
    zip_source_free(buf);
    int fd = memfd_create("xlsx", 0);
    if (got < 0 || fd < 0 || write(fd, bytes, (size_t)got) != got || lseek(fd, 0, SEEK_SET) != 0) {
        free(bytes);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    free(bytes);
    snprintf(path, 64, "/proc/self/fd/%d", fd);
    return fd;
}

#endif
