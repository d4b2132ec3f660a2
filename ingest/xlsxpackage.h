/*
 * xlsxpackage.h - the containers an office file comes in: the zip package of
 * a workbook (libzip), its XML parts as streams (libxml2's xmlTextReader), and
 * the OLE compound file of an .xls or a password-protected workbook, which is
 * only recognised and refused.
 *
 * What a hostile file meets here: the zip's central directory is checked
 * before libzip reads it (at most XLSX_MAX_ENTRIES entries); each part is read
 * as a stream and stops at a cap on its uncompressed bytes (a zip bomb costs
 * time up to the cap, never memory); an XML part with a DTD (the only way to
 * declare entities) is refused before libxml2 parses it; no network access;
 * libxml2's default limits on text nodes and names stay on (no XML_PARSE_HUGE).
 */
#ifndef DURCHBLICK_XLSXPACKAGE_H
#define DURCHBLICK_XLSXPACKAGE_H

#include <libxml/xmlreader.h>
#include <stddef.h>

#include "error.h"

#define XLSX_MAX_ENTRIES 10000                 /* a workbook has a few dozen */
#define XLSX_CAP_SHEET (4ULL << 30)            /* uncompressed bytes of a worksheet */
#define XLSX_CAP_STRINGS (2ULL << 30)          /* of the shared strings */
#define XLSX_CAP_META (64ULL << 20)            /* of [Content_Types].xml, rels, workbook, styles */

typedef struct xlsx_package xlsx_package;
typedef struct xlsx_part xlsx_part;

/* What the first bytes of a file say it is. */
typedef enum { XLSX_SNIFF_OTHER = 0, XLSX_SNIFF_ZIP, XLSX_SNIFF_OLE } xlsx_sniff_kind;

/* Looks at the first len bytes of a file: a zip archive, an OLE compound file, or other. */
xlsx_sniff_kind xlsx_sniff(const unsigned char *head, size_t len);

/*
 * Prints why the OLE compound file open at fd (path: for the message) is
 * refused: a password-protected workbook, an Excel 97-2003 .xls, or another
 * old Office file, told apart by the names in its directory (read with pread,
 * at most 64 sectors; a pipe gives the general message).
 */
void xlsx_refuse_ole(const char *path, int fd);

/* Reads len bytes at offset at of fd (EINTR retried); returns 0, or -1 on an error or a short file. */
int xlsx_pread_all(int fd, void *buf, size_t len, long long at);

/* Writes len bytes to fd (EINTR retried); returns 0, or -1 with errno set (ENOSPC for a write of 0). */
int xlsx_write_all(int fd, const void *buf, size_t len);

/* The directory of temporary files: $TMPDIR, else /tmp. */
const char *xlsx_temp_dir(void);

/*
 * Opens an unnamed temporary file (read and write, mode 0600) in
 * xlsx_temp_dir(): removed when closed. Returns the descriptor, or -1 with
 * errno set.
 */
int xlsx_temp_file(void);

/*
 * Opens the zip archive in fd, which must be seekable; the package owns fd
 * from now on, also when opening fails. name is used in messages (not
 * copied: it must outlive the package). On error prints why and returns
 * DBK_ERR_NOT_CSV (no zip, damaged, too many entries) or DBK_ERR_NOMEM; *out
 * is NULL.
 */
dbk_error xlsx_package_open(int fd, const char *name, xlsx_package **out);

/* The name given to xlsx_package_open, for messages. */
const char *xlsx_package_name(const xlsx_package *pkg);

/* Names the package differently in later messages (not copied: it must outlive the package). */
void xlsx_package_set_name(xlsx_package *pkg, const char *name);

/* Returns 1 if the package holds part (a leading '/' and ASCII case ignored), else 0. */
int xlsx_package_has(const xlsx_package *pkg, const char *part);

/*
 * Reads at most cap - 1 bytes of part into buf, NUL-terminated (for the
 * "mimetype" of an OpenDocument file). Returns the bytes read or -1.
 */
long xlsx_package_read_small(xlsx_package *pkg, const char *part, char *buf, size_t cap);

/* Frees the package and closes its file; NULL is a no-op. */
void xlsx_package_free(xlsx_package *pkg);

/*
 * Opens part of pkg as an XML stream that stops with an error past cap
 * uncompressed bytes. Returns NULL after printing why (missing part, an
 * encrypted or unsupported zip entry, a part larger than cap). The part must
 * be closed before the package is freed.
 */
xlsx_part *xlsx_part_open(xlsx_package *pkg, const char *part, unsigned long long cap);

/* The xmlTextReader of an open part (owned by the part). */
xmlTextReaderPtr xlsx_part_xml(xlsx_part *p);

/*
 * Moves to the next node. Returns 1, 0 at the end of the part, or -1 after
 * printing what is wrong ("file: part: not well-formed xml (line N: ...)",
 * the cap, a DTD, a decompression error). An error of the XML parser ends
 * the part even where libxml2 would recover.
 */
int xlsx_part_read(xlsx_part *p);

/* Uncompressed bytes read so far. */
unsigned long long xlsx_part_bytes(const xlsx_part *p);

/* The part's name as opened. */
const char *xlsx_part_name(const xlsx_part *p);

/*
 * Appends the text of the current node (a text, CDATA or whitespace node) to
 * buf[*len..], keeping at most keep bytes in all (*cut set when more came).
 * buf grows by realloc to at most keep + 1 bytes. Returns 0, or -1 on no memory.
 */
int xlsx_part_append_text(xlsx_part *p, char **buf, size_t *len, size_t *cap, size_t keep, int *cut);

/* Closes a part; NULL is a no-op. */
void xlsx_part_close(xlsx_part *p);

#endif
