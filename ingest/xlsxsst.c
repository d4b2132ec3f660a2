/*
 * xlsxsst.c - the shared string table: memory first, temporary files past spill_at.
 */
#include "xlsxsst.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "xlsxvalue.h"

#define WRITE_BUF (64 * 1024)
#define PAGE_ENTRIES 512        /* offsets per cached page (4 KiB) */
#define PAGE_SLOTS 64
#define STRING_SLOTS 8192
#define SLOT_BYTES 120          /* strings up to this length are cached */
#define CUT_FLAG (1ULL << 63)   /* in an end offset: the string was cut at max_field */

/* Bytes appended in memory, or to a temporary file once there are more than a limit. */
typedef struct spill {
    char *mem;
    size_t len, cap;
    int fd;                     /* -1 while in memory */
    unsigned long long size;    /* bytes appended */
    char *wbuf;
    size_t wlen;
} spill;

typedef struct string_slot {
    size_t index1;              /* string number + 1; 0: empty */
    unsigned len;
    int cut;
    char text[SLOT_BYTES + 1];
} string_slot;

typedef struct page_slot {
    size_t page1;               /* page number + 1; 0: empty */
    uint64_t ends[PAGE_ENTRIES];
} page_slot;

struct xlsx_sst {
    spill data, index;          /* the strings; their end offsets (uint64, CUT_FLAG) */
    size_t count;
    size_t spill_at;
    string_slot *strings;
    page_slot *pages;
    char *scratch;              /* a long string looked up */
    size_t scratch_cap;
};

static void spill_init(spill *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->fd = -1;
}

/* Returns 0, -1 on no memory (errno ENOMEM) or a write error (errno). */
static int spill_append(spill *sp, const void *data, size_t n, size_t limit)
{
    if (sp->fd < 0 && sp->len + n <= limit) {
        if (sp->len + n > sp->cap) {
            size_t cap = sp->cap ? sp->cap : 4096;
            while (cap < sp->len + n)
                cap *= 2;
            char *grown = realloc(sp->mem, cap);
            if (!grown) {
                errno = ENOMEM;
                return -1;
            }
            sp->mem = grown;
            sp->cap = cap;
        }
        memcpy(sp->mem + sp->len, data, n);
        sp->len += n;
        sp->size += n;
        return 0;
    }
    if (sp->fd < 0) {
        if ((sp->fd = xlsx_temp_file()) < 0)
            return -1;
        if (!(sp->wbuf = malloc(WRITE_BUF))) {
            errno = ENOMEM;
            return -1;
        }
        if (xlsx_write_all(sp->fd, sp->mem, sp->len) != 0)
            return -1;
        free(sp->mem);
        sp->mem = NULL;
        sp->len = sp->cap = 0;
    }
    if (sp->wlen + n > WRITE_BUF) {
        if (xlsx_write_all(sp->fd, sp->wbuf, sp->wlen) != 0)
            return -1;
        sp->wlen = 0;
    }
    if (n > WRITE_BUF) {
        if (xlsx_write_all(sp->fd, data, n) != 0)
            return -1;
    } else {
        memcpy(sp->wbuf + sp->wlen, data, n);
        sp->wlen += n;
    }
    sp->size += n;
    return 0;
}

static int spill_finish(spill *sp)
{
    if (sp->fd >= 0 && sp->wlen) {
        if (xlsx_write_all(sp->fd, sp->wbuf, sp->wlen) != 0)
            return -1;
        sp->wlen = 0;
    }
    free(sp->wbuf);
    sp->wbuf = NULL;
    return 0;
}

static int spill_read(const spill *sp, unsigned long long off, void *buf, size_t n)
{
    if (off + n > sp->size)
        return -1;
    if (sp->fd < 0) {
        memcpy(buf, sp->mem + off, n);
        return 0;
    }
    return xlsx_pread_all(sp->fd, buf, n, (long long)off);
}

static void spill_free(spill *sp)
{
    free(sp->mem);
    free(sp->wbuf);
    if (sp->fd >= 0)
        close(sp->fd);
}

static int push_string(xlsx_sst *t, char *s, size_t len, int cut, size_t keep)
{
    if (cut && len > keep)
        len = keep;
    len = xlsx_unescape(s, len);
    s[len] = '\0'; /* kept with the string: in memory, a lookup is a pointer */
    uint64_t end = (uint64_t)t->data.size + len + 1;
    if (cut)
        end |= CUT_FLAG;
    if (spill_append(&t->data, s, len + 1, t->spill_at) != 0 ||
        spill_append(&t->index, &end, sizeof end, t->spill_at) != 0)
        return -1;
    t->count++;
    return 0;
}

static int is_name(xmlTextReaderPtr x, const char *name)
{
    const xmlChar *n = xmlTextReaderConstLocalName(x);
    return n && strcmp((const char *)n, name) == 0;
}

dbk_error xlsx_sst_load(xlsx_package *pkg, const char *part, size_t max_field, size_t keep,
                        size_t spill_at, xlsx_sst **out)
{
    xlsx_sst *t = calloc(1, sizeof *t);
    xlsx_part *p = NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int cut = 0, in_si = 0, in_t = 0, rph = 0, r;
    dbk_error err = DBK_ERR_NOMEM;
    static char empty_string[1];
    const char *name = pkg ? xlsx_package_name(pkg) : NULL;

    *out = NULL;
    if (!t)
        goto nomem;
    spill_init(&t->data);
    spill_init(&t->index);
    t->spill_at = spill_at ? spill_at : XLSX_SST_SPILL_AT;
    if (!part) {
        *out = t;
        return DBK_OK;
    }
    if (!(p = xlsx_part_open(pkg, part, XLSX_CAP_STRINGS))) {
        err = DBK_ERR_NOT_CSV;
        goto fail;
    }
    xmlTextReaderPtr x = xlsx_part_xml(p);
    while ((r = xlsx_part_read(p)) == 1) {
        int type = xmlTextReaderNodeType(x);
        if (type == XML_READER_TYPE_ELEMENT) {
            int empty = xmlTextReaderIsEmptyElement(x);
            if (is_name(x, "si")) {
                in_si = !empty;
                len = 0;
                cut = 0;
                rph = in_t = 0;
                if (empty && push_string(t, empty_string, 0, 0, keep) != 0)
                    goto write_error;
            } else if (in_si && is_name(x, "rPh")) {
                rph = !empty; /* phonetic reading of East Asian text: not part of the value */
            } else if (in_si && !rph && is_name(x, "t")) {
                in_t = !empty;
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (in_si && is_name(x, "si")) {
                if (push_string(t, buf ? buf : empty_string, len, cut, keep) != 0)
                    goto write_error;
                in_si = 0;
            } else if (is_name(x, "rPh")) {
                rph = 0;
            } else if (is_name(x, "t")) {
                in_t = 0;
            }
        } else if (in_t && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                            type == XML_READER_TYPE_WHITESPACE ||
                            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
            if (xlsx_part_append_text(p, &buf, &len, &cap, max_field, &cut) != 0)
                goto nomem;
        }
    }
    if (r < 0) {
        err = DBK_ERR_NOT_CSV;
        goto fail;
    }
    if (spill_finish(&t->data) != 0 || spill_finish(&t->index) != 0)
        goto write_error;
    /* The caches serve a table on disk only. */
    if (xlsx_sst_spilled(t) && (!(t->strings = calloc(STRING_SLOTS, sizeof *t->strings)) ||
                                !(t->pages = calloc(PAGE_SLOTS, sizeof *t->pages))))
        goto nomem;
    xlsx_part_close(p);
    free(buf);
    *out = t;
    return DBK_OK;
write_error:
    if (errno == ENOMEM)
        goto nomem;
    diag_error(name, 0, NULL,
               _("cannot write the temporary table of the workbook's shared strings in %s: %s"),
               xlsx_temp_dir(), strerror(errno));
    err = DBK_ERR_IO;
    goto fail;
nomem:
    diag_error(name, 0, NULL, _("out of memory"));
    err = DBK_ERR_NOMEM;
fail:
    xlsx_part_close(p);
    free(buf);
    xlsx_sst_free(t);
    return err;
}

size_t xlsx_sst_count(const xlsx_sst *t) { return t->count; }
int xlsx_sst_spilled(const xlsx_sst *t) { return t->data.fd >= 0 || t->index.fd >= 0; }

/* The end offset (with CUT_FLAG) of string i, through the page cache. */
static int end_of(xlsx_sst *t, size_t i, uint64_t *end)
{
    size_t page = i / PAGE_ENTRIES;
    page_slot *ps = &t->pages[page % PAGE_SLOTS];
    if (ps->page1 != page + 1) {
        size_t first = page * PAGE_ENTRIES;
        size_t n = t->count - first < PAGE_ENTRIES ? t->count - first : PAGE_ENTRIES;
        if (spill_read(&t->index, (unsigned long long)first * sizeof(uint64_t), ps->ends, n * sizeof(uint64_t)) != 0) {
            ps->page1 = 0;
            return -1;
        }
        ps->page1 = page + 1;
    }
    *end = ps->ends[i % PAGE_ENTRIES];
    return 0;
}

int xlsx_sst_get(xlsx_sst *t, size_t i, const char **s, size_t *len, int *cut)
{
    if (i >= t->count)
        return -1;
    if (!xlsx_sst_spilled(t)) {
        const uint64_t *ends = (const uint64_t *)(const void *)t->index.mem;
        uint64_t start = i ? ends[i - 1] & ~CUT_FLAG : 0, end = ends[i];
        *cut = (end & CUT_FLAG) != 0;
        *s = t->data.mem + start;
        *len = (size_t)((end & ~CUT_FLAG) - start - 1);
        return 0;
    }
    string_slot *slot = &t->strings[i % STRING_SLOTS];
    if (slot->index1 == i + 1) {
        *s = slot->text;
        *len = slot->len;
        *cut = slot->cut;
        return 0;
    }
    uint64_t start = 0, end;
    if ((i > 0 && end_of(t, i - 1, &start) != 0) || end_of(t, i, &end) != 0)
        return -1;
    *cut = (end & CUT_FLAG) != 0;
    start &= ~CUT_FLAG;
    end &= ~CUT_FLAG;
    if (end <= start)
        return -1;
    size_t n = (size_t)(end - start - 1); /* the string, then its NUL */
    char *dst;
    if (n <= SLOT_BYTES) {
        dst = slot->text;
        slot->index1 = 0;
    } else {
        if (n + 1 > t->scratch_cap) {
            char *grown = realloc(t->scratch, n + 1);
            if (!grown) {
                errno = ENOMEM;
                return -1;
            }
            t->scratch = grown;
            t->scratch_cap = n + 1;
        }
        dst = t->scratch;
    }
    if (spill_read(&t->data, start, dst, n + 1) != 0 || dst[n] != '\0')
        return -1;
    if (dst == slot->text) {
        slot->index1 = i + 1;
        slot->len = (unsigned)n;
        slot->cut = *cut;
    }
    *s = dst;
    *len = n;
    return 0;
}

void xlsx_sst_free(xlsx_sst *t)
{
    if (!t)
        return;
    spill_free(&t->data);
    spill_free(&t->index);
    free(t->strings);
    free(t->pages);
    free(t->scratch);
    free(t);
}
