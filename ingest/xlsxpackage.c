/*
 * xlsxpackage.c - zip container, XML part streams with limits, OLE sniffing.
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include "xlsxpackage.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "diag.h"
#include "i18n.h"

#define EOCD_SCAN (65535 + 22)       /* the end record and the longest zip comment */
#define CD_MAX (16u * 1024 * 1024)   /* central directory bytes */
#define OLE_MAX_DIR_SECTORS 64
/* Sheets of real exports compress 5- to 30-fold; deflate allows about 1000. Past RATIO_FREE bytes a part
 * that expands more than RATIO_MAX-fold is a bomb: it would cost minutes of parsing, never memory. */
#define RATIO_MAX 200
#define RATIO_FREE (64ULL << 20)

struct xlsx_package {
    zip_t *zip;
    const char *name;
};

/* Where the prolog scan of a part is: looking for a DTD before the root element. */
typedef enum { PRO_TEXT, PRO_LT, PRO_BANG, PRO_BANG_DASH, PRO_COMMENT, PRO_PI, PRO_DONE } prolog_state;

struct xlsx_part {
    xlsx_package *pkg;
    char *name;
    zip_file_t *file;
    xmlTextReaderPtr xml;
    unsigned long long cap, bytes;
    unsigned long long declared;  /* the size the zip's directory gives, or ULLONG_MAX */
    unsigned long long packed;    /* its compressed size, or 0 if unknown */
    prolog_state prolog;
    int prolog_dashes;          /* '-' seen in a row (comment end) or '?' (PI end) */
    unsigned long long prolog_bytes;
    char io_error[160];         /* why reading stopped, said instead of libxml2's I/O message */
    char xml_error[200];        /* the parser's first error */
    int xml_line;
    int failed;
};

static uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t le64(const unsigned char *p) { return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32; }

xlsx_sniff_kind xlsx_sniff(const unsigned char *head, size_t len)
{
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (len >= 4 && head[0] == 'P' && head[1] == 'K' &&
        ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8)))
        return XLSX_SNIFF_ZIP;
    if (len >= 8 && memcmp(head, ole, 8) == 0)
        return XLSX_SNIFF_OLE;
    return XLSX_SNIFF_OTHER;
}

int xlsx_pread_all(int fd, void *buf, size_t len, long long at)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = pread(fd, (char *)buf + done, len - done, (off_t)(at + (long long)done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        done += (size_t)n;
    }
    return 0;
}

int xlsx_write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = ENOSPC;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/*
 * Walks the directory of an OLE compound file ([MS-CFB] 2.2, 2.6) and sets
 * bits for the stream names that tell what it holds. Returns -1 if the file
 * cannot be read as one (a pipe, damage).
 */
enum { OLE_ENCRYPTED = 1, OLE_WORKBOOK = 2 };
static int ole_directory_names(int fd, unsigned *found)
{
    unsigned char hdr[512], *sector = NULL, *fat = NULL;
    int ret = -1;
    *found = 0;
    if (xlsx_pread_all(fd, hdr, sizeof hdr, 0) != 0)
        return -1;
    unsigned shift = le16(hdr + 0x1E);
    if (shift != 9 && shift != 12)
        return -1;
    size_t ssize = (size_t)1 << shift;
    uint32_t n_fat = le32(hdr + 0x2C), dir = le32(hdr + 0x30);
    if (!(sector = malloc(ssize)) || !(fat = malloc(ssize)))
        goto done;
    for (int count = 0; dir < 0xFFFFFFFAu && count < OLE_MAX_DIR_SECTORS; count++) {
        if (xlsx_pread_all(fd, sector, ssize, (long long)(((uint64_t)dir + 1) << shift)) != 0)
            goto done;
        for (size_t e = 0; e + 128 <= ssize; e += 128) {
            unsigned char *ent = sector + e;
            size_t name_bytes = le16(ent + 0x40);
            char name[33];
            size_t n = 0;
            if (name_bytes > 64)
                name_bytes = 64;
            for (size_t i = 0; i + 1 < name_bytes && n < 32 && (ent[i] || ent[i + 1]); i += 2)
                name[n++] = ent[i + 1] == 0 && ent[i] >= 0x20 && ent[i] < 0x7F ? (char)ent[i] : '?';
            name[n] = '\0';
            if (strcmp(name, "EncryptedPackage") == 0 || strcmp(name, "EncryptionInfo") == 0)
                *found |= OLE_ENCRYPTED;
            else if (strcmp(name, "Workbook") == 0 || strcmp(name, "Book") == 0)
                *found |= OLE_WORKBOOK;
        }
        /* The next directory sector: the FAT entry of this one (first 109 FAT sectors only). */
        uint32_t per = (uint32_t)(ssize / 4), idx = dir / per;
        if (idx >= n_fat || idx >= 109)
            break;
        uint32_t fat_sector = le32(hdr + 0x4C + 4 * idx);
        if (xlsx_pread_all(fd, fat, ssize, (long long)(((uint64_t)fat_sector + 1) << shift)) != 0)
            goto done;
        dir = le32(fat + 4 * (dir % per));
    }
    ret = 0;
done:
    free(sector);
    free(fat);
    return ret;
}

void xlsx_refuse_ole(const char *path, int fd)
{
    unsigned found = 0;
    if (ole_directory_names(fd, &found) == 0 && (found & OLE_ENCRYPTED))
        diag_error(path, 0, NULL,
                   _("password-protected (encrypted) workbook: durchblick cannot read it; open it in Excel, "
                     "remove the password (File > Info > Protect Workbook > Encrypt with Password) and save "
                     "it again, or save it as CSV"));
    else if (found & OLE_WORKBOOK)
        diag_error(path, 0, NULL,
                   _("an Excel 97-2003 workbook (.xls): durchblick reads .xlsx and CSV; save it as "
                     "\"Excel Workbook (*.xlsx)\" or as CSV and load that"));
    else
        diag_error(path, 0, NULL,
                   _("an old Microsoft Office file (OLE compound document), not a csv export or an .xlsx "
                     "workbook: save it as .xlsx or CSV"));
}

const char *xlsx_temp_dir(void)
{
    const char *d = getenv("TMPDIR");
    return d && *d ? d : "/tmp";
}

int xlsx_temp_file(void)
{
    const char *d = xlsx_temp_dir();
    int fd = open(d, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
    char path[4096];
    snprintf(path, sizeof path, "%s/durchblick-XXXXXX", d);
    fd = mkstemp(path);
    if (fd >= 0)
        unlink(path);
    return fd;
}

/*
 * Reads the zip's end of central directory record (and the zip64 one) and
 * refuses an archive with more entries or a larger directory than a
 * workbook has, before libzip allocates for them. Returns 0 or -1 (printed).
 */
static int check_central_directory(int fd, const char *name)
{
    struct stat st;
    unsigned char *tail = NULL;
    int ret = -1;
    if (fstat(fd, &st) != 0 || st.st_size < 22) {
        diag_error(name, 0, NULL, _("a damaged zip archive (too short): not a workbook that can be read"));
        return -1;
    }
    size_t n = st.st_size < EOCD_SCAN ? (size_t)st.st_size : EOCD_SCAN;
    off_t base = st.st_size - (off_t)n;
    if (!(tail = malloc(n)) || xlsx_pread_all(fd, tail, n, (long long)base) != 0) {
        diag_error(name, 0, NULL, _("read error: %s"), strerror(errno));
        goto done;
    }
    size_t at = n - 22 + 1;
    while (at-- > 0)
        if (memcmp(tail + at, "PK\5\6", 4) == 0)
            break;
    if (at == (size_t)-1) {
        diag_error(name, 0, NULL,
                   _("a damaged zip archive (no central directory: cut off while copying?), not a workbook "
                     "that can be read"));
        goto done;
    }
    uint64_t entries = le16(tail + at + 10), cd_size = le32(tail + at + 12);
    if ((entries == 0xFFFF || cd_size == 0xFFFFFFFF) && at >= 20 && memcmp(tail + at - 20, "PK\6\7", 4) == 0) {
        unsigned char z64[56];
        if (xlsx_pread_all(fd, z64, sizeof z64, (long long)le64(tail + at - 20 + 8)) == 0 &&
            memcmp(z64, "PK\6\6", 4) == 0) {
            entries = le64(z64 + 32);
            cd_size = le64(z64 + 40);
        }
    }
    if (entries > XLSX_MAX_ENTRIES || cd_size > CD_MAX) {
        diag_error(
            name, 0, NULL,
            _("a zip archive of %llu entries (%llu bytes of directory): not a workbook (a workbook has "
              "a few dozen), refused"),
            (unsigned long long)entries, (unsigned long long)cd_size);
        goto done;
    }
    ret = 0;
done:
    free(tail);
    return ret;
}

dbk_error xlsx_package_open(int fd, const char *name, xlsx_package **out)
{
    *out = NULL;
    if (check_central_directory(fd, name) != 0) {
        close(fd);
        return DBK_ERR_NOT_CSV;
    }
    xlsx_package *pkg = calloc(1, sizeof *pkg);
    if (!pkg) {
        close(fd);
        diag_error(name, 0, NULL, _("out of memory"));
        return DBK_ERR_NOMEM;
    }
    int zerr = 0;
    pkg->name = name;
    if (!(pkg->zip = zip_fdopen(fd, 0, &zerr))) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        diag_error(name, 0, NULL, _("a damaged zip archive (%s): not a workbook that can be read"),
                   zip_error_strerror(&ze));
        zip_error_fini(&ze);
        close(fd);
        free(pkg);
        return zerr == ZIP_ER_MEMORY ? DBK_ERR_NOMEM : DBK_ERR_NOT_CSV;
    }
    *out = pkg;
    return DBK_OK;
}

static zip_int64_t locate(const xlsx_package *pkg, const char *part)
{
    while (*part == '/')
        part++;
    return zip_name_locate(pkg->zip, part, ZIP_FL_NOCASE);
}

const char *xlsx_package_name(const xlsx_package *pkg) { return pkg->name; }

void xlsx_package_set_name(xlsx_package *pkg, const char *name) { pkg->name = name; }

int xlsx_package_has(const xlsx_package *pkg, const char *part) { return locate(pkg, part) >= 0; }

long xlsx_package_read_small(xlsx_package *pkg, const char *part, char *buf, size_t cap)
{
    zip_int64_t idx = locate(pkg, part);
    if (idx < 0 || cap == 0)
        return -1;
    zip_file_t *f = zip_fopen_index(pkg->zip, (zip_uint64_t)idx, 0);
    if (!f)
        return -1;
    zip_int64_t got = zip_fread(f, buf, cap - 1);
    zip_fclose(f);
    if (got < 0)
        return -1;
    buf[got] = '\0';
    return (long)got;
}

void xlsx_package_free(xlsx_package *pkg)
{
    if (!pkg)
        return;
    if (pkg->zip)
        zip_discard(pkg->zip);
    free(pkg);
}

/*
 * Watches the bytes before the root element: a DTD ("<!DOCTYPE", the only
 * place entities can be declared) or any "<!" but a comment refuses the
 * part; so does UTF-16 (no spreadsheet writes it, and the watch reads bytes).
 */
static int scan_prolog(xlsx_part *p, const char *buf, size_t len)
{
    for (size_t i = 0; i < len && p->prolog != PRO_DONE; i++, p->prolog_bytes++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == 0 || (p->prolog_bytes == 0 && (c == 0xFE || c == 0xFF))) {
            snprintf(p->io_error, sizeof p->io_error,
                     _("xml in UTF-16 or with NUL bytes: not written by a "
                       "spreadsheet program"));
            return -1;
        }
        switch (p->prolog) {
        case PRO_TEXT:
            if (c == '<')
                p->prolog = PRO_LT;
            break;
        case PRO_LT:
            p->prolog = c == '?' ? PRO_PI : c == '!' ? PRO_BANG : PRO_DONE;
            p->prolog_dashes = 0;
            break;
        case PRO_BANG:
        case PRO_BANG_DASH:
            if (c != '-') {
                snprintf(p->io_error, sizeof p->io_error,
                         _("xml with a document type declaration (DTD, entities): not written by a "
                           "spreadsheet program, refused"));
                return -1;
            }
            p->prolog = p->prolog == PRO_BANG ? PRO_BANG_DASH : PRO_COMMENT;
            break;
        case PRO_COMMENT:
            if (c == '>' && p->prolog_dashes >= 2)
                p->prolog = PRO_TEXT;
            p->prolog_dashes = c == '-' ? p->prolog_dashes + 1 : 0;
            break;
        case PRO_PI:
            if (c == '>' && p->prolog_dashes)
                p->prolog = PRO_TEXT;
            p->prolog_dashes = c == '?';
            break;
        default:
            break;
        }
    }
    return 0;
}

static int part_read_cb(void *ctx, char *buf, int len)
{
    xlsx_part *p = ctx;
    if (p->io_error[0])
        return -1;
    zip_int64_t got = zip_fread(p->file, buf, (zip_uint64_t)len);
    if (got < 0) {
        snprintf(p->io_error, sizeof p->io_error, _("cannot decompress (%s): the file is damaged"),
                 zip_file_strerror(p->file));
        return -1;
    }
    p->bytes += (unsigned long long)got;
    if (p->bytes > p->declared) {
        snprintf(
            p->io_error, sizeof p->io_error,
            _("holds more than the %llu bytes the zip archive says: damaged, or made to deceive, refused"),
            p->declared);
        return -1;
    }
    if (p->packed && p->bytes > RATIO_FREE && p->bytes / RATIO_MAX > p->packed) {
        snprintf(p->io_error, sizeof p->io_error,
                 _("expands more than %d-fold (%llu MiB so far from %llu KiB): no export compresses so well, "
                   "a zip bomb? refused"),
                 RATIO_MAX, p->bytes >> 20, p->packed >> 10);
        return -1;
    }
    if (p->bytes > p->cap) {
        snprintf(p->io_error, sizeof p->io_error,
                 _("expands to more than %llu MiB: not a survey export (a zip bomb?), refused"),
                 p->cap >> 20);
        return -1;
    }
    if (p->prolog != PRO_DONE && scan_prolog(p, buf, (size_t)got) != 0)
        return -1;
    return (int)got;
}

static int part_close_cb(void *ctx)
{
    (void)ctx;
    return 0;
}

static void part_error_cb(void *ctx, xmlErrorPtr e)
{
    xlsx_part *p = ctx;
    if (!e || e->level < XML_ERR_ERROR)
        return;
    p->failed = 1;
    if (p->xml_error[0])
        return;
    snprintf(p->xml_error, sizeof p->xml_error, "%s", e->message ? e->message : "error");
    size_t n = strlen(p->xml_error);
    while (n > 0 && (p->xml_error[n - 1] == '\n' || p->xml_error[n - 1] == ' '))
        p->xml_error[--n] = '\0';
    p->xml_line = e->line;
}

/* libxml2 reports some errors (encodings, I/O) outside the structured handler: not on the terminal. */
static void quiet_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

xlsx_part *xlsx_part_open(xlsx_package *pkg, const char *part, unsigned long long cap)
{
    zip_stat_t st;
    xlsx_part *p = NULL;
    while (*part == '/')
        part++;
    zip_int64_t idx = locate(pkg, part);
    if (idx < 0) {
        diag_error(pkg->name, 0, NULL, _("the workbook has no part %s: the file is damaged"), part);
        return NULL;
    }
    zip_stat_init(&st);
    if (zip_stat_index(pkg->zip, (zip_uint64_t)idx, 0, &st) != 0) {
        diag_error(pkg->name, 0, NULL, "%s: %s", part, zip_strerror(pkg->zip));
        return NULL;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        diag_error(pkg->name, 0, NULL,
                   _("%s is encrypted inside the zip archive: not a workbook Excel or LibreOffice writes"),
                   part);
        return NULL;
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > cap) {
        diag_error(pkg->name, 0, NULL,
                   _("%s expands to %llu MiB, more than the %llu MiB durchblick reads of it: not a survey "
                     "export (a zip bomb?), refused"),
                   part, (unsigned long long)(st.size >> 20), cap >> 20);
        return NULL;
    }
    if (!(p = calloc(1, sizeof *p)) || !(p->name = strdup(part))) {
        diag_error(pkg->name, 0, NULL, _("out of memory"));
        goto fail;
    }
    p->pkg = pkg;
    p->cap = cap;
    p->declared = (st.valid & ZIP_STAT_SIZE) ? st.size : ULLONG_MAX;
    p->packed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    if (!(p->file = zip_fopen_index(pkg->zip, (zip_uint64_t)idx, 0))) {
        diag_error(pkg->name, 0, NULL,
                   _("%s cannot be read (%s): the file is damaged or uses a compression "
                     "durchblick does not know"),
                   part, zip_strerror(pkg->zip));
        goto fail;
    }
    xmlSetGenericErrorFunc(NULL, quiet_generic);
    /* No XML_PARSE_NOENT (no entity substitution), no DTD loading, no network, no XML_PARSE_HUGE. */
    p->xml = xmlReaderForIO(part_read_cb, part_close_cb, p, part, NULL, XML_PARSE_NONET | XML_PARSE_COMPACT);
    if (!p->xml) {
        diag_error(pkg->name, 0, NULL, _("%s: out of memory"), part);
        goto fail;
    }
    xmlTextReaderSetStructuredErrorHandler(p->xml, part_error_cb, p);
    return p;
fail:
    xlsx_part_close(p);
    return NULL;
}

xmlTextReaderPtr xlsx_part_xml(xlsx_part *p) { return p->xml; }
unsigned long long xlsx_part_bytes(const xlsx_part *p) { return p->bytes; }
const char *xlsx_part_name(const xlsx_part *p) { return p->name; }

int xlsx_part_read(xlsx_part *p)
{
    static _Thread_local int quiet;
    if (!quiet) {
        xmlSetGenericErrorFunc(NULL, quiet_generic); /* per thread in libxml2 */
        quiet = 1;
    }
    if (p->failed == 2)
        return -1; /* said already */
    int r = xmlTextReaderRead(p->xml);
    if (r == 1) {
        int type = xmlTextReaderNodeType(p->xml);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY ||
            type == XML_READER_TYPE_ENTITY_REFERENCE)
            snprintf(p->io_error, sizeof p->io_error,
                     _("xml with entities: not written by a spreadsheet program, refused"));
    }
    if (r >= 0 && !p->failed && !p->io_error[0])
        return r;
    if (p->io_error[0])
        diag_error(p->pkg->name, 0, NULL, "%s: %s", p->name, p->io_error);
    else if (p->xml_error[0])
        diag_error(p->pkg->name, 0, NULL, _("%s: not well-formed xml (line %d: %s): the file is damaged"),
                   p->name, p->xml_line, p->xml_error);
    else
        diag_error(p->pkg->name, 0, NULL, _("%s: not well-formed xml: the file is damaged"), p->name);
    p->failed = 2;
    return -1;
}

int xlsx_part_append_text(xlsx_part *p, char **buf, size_t *len, size_t *cap, size_t keep, int *cut)
{
    const xmlChar *v = xmlTextReaderConstValue(p->xml);
    if (!v)
        return 0;
    size_t n = strlen((const char *)v);
    if (*len + n > keep) {
        n = *len < keep ? keep - *len : 0;
        *cut = 1;
    }
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap : 256;
        while (c < *len + n + 1)
            c *= 2;
        if (c > keep + 1)
            c = keep + 1;
        char *grown = realloc(*buf, c);
        if (!grown)
            return -1;
        *buf = grown;
        *cap = c;
    }
    memcpy(*buf + *len, v, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 0;
}

void xlsx_part_close(xlsx_part *p)
{
    if (!p)
        return;
    if (p->xml)
        xmlFreeTextReader(p->xml);
    if (p->file)
        zip_fclose(p->file);
    free(p->name);
    free(p);
}
