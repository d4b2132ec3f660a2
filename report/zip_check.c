/*
 * zip_check.c - central directory, inflate, CRC and the root element's end tag.
 */
#include "zip_check.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "diag.h"
#include "i18n.h"

static unsigned long rd16(const unsigned char *p) { return (unsigned long)p[0] | (unsigned long)p[1] << 8; }
static unsigned long rd32(const unsigned char *p) { return rd16(p) | rd16(p + 2) << 16; }

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* 1 if the XML text ends with its root element's end tag (or is one empty root element). */
static int xml_whole(const char *s, size_t n)
{
    size_t i = 0;
    for (;;) {
        while (i < n && is_space(s[i]))
            i++;
        if (i + 1 < n && s[i] == '<' && s[i + 1] == '?') {
            const char *close = NULL;
            for (size_t k = i + 2; k + 1 < n && !close; k++)
                if (s[k] == '?' && s[k + 1] == '>')
                    close = s + k;
            if (!close)
                return 0;
            i = (size_t)(close - s) + 2;
            continue;
        }
        break;
    }
    if (i >= n || s[i] != '<')
        return 0;
    size_t name = i + 1, len = 0;
    while (name + len < n && !strchr(" \t\r\n/>", s[name + len]))
        len++;
    size_t end = n;
    while (end > name && is_space(s[end - 1]))
        end--;
    if (len == 0 || end < name + len)
        return 0;
    if (s[end - 1] == '>' && s[end - 2] == '/' && !memchr(s + name, '<', end - name))
        return 1;
    return end >= name + 2 * len + 3 && memcmp(s + end - len - 3, "</", 2) == 0 &&
           memcmp(s + end - len - 1, s + name, len) == 0 && s[end - 1] == '>';
}

static int has_suffix(const char *name, size_t len, const char *suffix)
{
    size_t k = strlen(suffix);
    return len >= k && memcmp(name + len - k, suffix, k) == 0;
}

/* Checks one entry; returns NULL or what is wrong with it. */
static const char *check_entry(const unsigned char *buf, size_t size, const unsigned char *cd, int *nomem)
{
    unsigned long method = rd16(cd + 10), crc = rd32(cd + 16), csize = rd32(cd + 20), usize = rd32(cd + 24);
    unsigned long nlen = rd16(cd + 28), loff = rd32(cd + 42);
    const char *name = (const char *)cd + 46;
    if (loff > size || size - loff < 30 || rd32(buf + loff) != 0x04034b50UL)
        return _("an entry has no local header");
    unsigned long data = loff + 30 + rd16(buf + loff + 26) + rd16(buf + loff + 28);
    if (data > size || size - data < csize)
        return _("an entry runs past the end of the file");
    unsigned char *out = malloc(usize + 1);
    if (!out) {
        *nomem = 1;
        return _("out of memory");
    }
    const char *bad = NULL;
    if (method == 0) {
        if (csize != usize)
            bad = _("a stored entry has the wrong size");
        else
            memcpy(out, buf + data, usize);
    } else if (method == 8) {
        z_stream zs;
        memset(&zs, 0, sizeof zs);
        if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) {
            free(out);
            *nomem = 1;
            return _("out of memory");
        }
        zs.next_in = (Bytef *)(buf + data);
        zs.avail_in = (uInt)csize;
        zs.next_out = out;
        zs.avail_out = (uInt)usize + 1;
        int rc = inflate(&zs, Z_FINISH);
        if (rc != Z_STREAM_END || zs.total_out != usize)
            bad = _("an entry does not inflate to its size");
        inflateEnd(&zs);
    } else {
        bad = _("an entry has an unknown compression method");
    }
    if (!bad && crc32(0L, out, (uInt)usize) != crc)
        bad = _("an entry has the wrong checksum");
    if (!bad && (has_suffix(name, nlen, ".xml") || has_suffix(name, nlen, ".rels")) &&
        !xml_whole((const char *)out, usize))
        bad = _("a part is cut short (disk full or file size limit while writing?)");
    free(out);
    return bad;
}

dbk_error zip_check_xml_parts(const char *path, const char *display_path)
{
    unsigned char *buf = NULL;
    const char *bad = NULL;
    int nomem = 0;
    long len = -1;
    FILE *f = fopen(path, "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        diag_error(display_path, 0, NULL, _("cannot read back the xlsx: %s"), strerror(errno));
        if (f)
            fclose(f);
        return DBK_ERR_IO;
    }
    size_t size = (size_t)len;
    if (!(buf = malloc(size + 1))) {
        fclose(f);
        diag_error(display_path, 0, NULL, _("out of memory"));
        return DBK_ERR_NOMEM;
    }
    if (fread(buf, 1, size, f) != size) {
        bad = _("cannot read it back");
        goto done;
    }
    /* End of central directory: 22 bytes and a comment of at most 65535. */
    const unsigned char *eocd = NULL;
    for (size_t back = 22; back <= size && back <= 22 + 65535 && !eocd; back++)
        if (rd32(buf + size - back) == 0x06054b50UL)
            eocd = buf + size - back;
    if (!eocd) {
        bad = _("no zip directory at its end (cut short?)");
        goto done;
    }
    unsigned long entries = rd16(eocd + 10), cd_size = rd32(eocd + 12), cd_off = rd32(eocd + 16);
    if (cd_off > (size_t)(eocd - buf) || cd_size > (size_t)(eocd - buf) - cd_off || entries == 0) {
        bad = _("a broken zip directory");
        goto done;
    }
    const unsigned char *cd = buf + cd_off, *cd_end = buf + cd_off + cd_size;
    for (unsigned long e = 0; e < entries && !bad; e++) {
        if (cd_end - cd < 46 || rd32(cd) != 0x02014b50UL) {
            bad = _("a broken zip directory");
            break;
        }
        size_t entry_len = 46 + rd16(cd + 28) + rd16(cd + 30) + rd16(cd + 32);
        if ((size_t)(cd_end - cd) < entry_len) {
            bad = _("a broken zip directory");
            break;
        }
        bad = check_entry(buf, size, cd, &nomem);
        cd += entry_len;
    }
done:
    free(buf);
    fclose(f);
    if (bad) {
        diag_error(display_path, 0, NULL, _("cannot write xlsx: the written file is not whole: %s"), bad);
        return nomem ? DBK_ERR_NOMEM : DBK_ERR_IO;
    }
    return DBK_OK;
}
