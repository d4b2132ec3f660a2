/*
 * xlsxsst.h - a workbook's shared string table (sharedStrings.xml), with
 * memory bounded whatever its size.
 *
 * Cells of type "s" refer to strings by number, and the table comes whole
 * before any row can be read. It is read once as a stream; up to spill_at
 * bytes of strings (and of their offsets) stay in memory, beyond that both go
 * to unlinked temporary files in $TMPDIR (or /tmp), read back with pread
 * through two small caches: the offsets by page, short strings by number.
 * A sheet with 1,000,000 distinct strings then costs disk, not memory.
 */
#ifndef DURCHBLICK_XLSXSST_H
#define DURCHBLICK_XLSXSST_H

#include <stddef.h>

#include "error.h"
#include "xlsxpackage.h"

#define XLSX_SST_SPILL_AT (4u * 1024 * 1024)

typedef struct xlsx_sst xlsx_sst;

/*
 * Reads the shared strings part of pkg (NULL: an empty table). A string
 * longer than max_field keeps its first keep bytes and is marked as cut.
 * spill_at 0 means XLSX_SST_SPILL_AT. On success *out owns the table
 * (xlsx_sst_free). On error prints why (the part's XML, the cap, a temporary
 * file that cannot be written) and returns DBK_ERR_NOT_CSV, DBK_ERR_IO or
 * DBK_ERR_NOMEM; *out is NULL.
 */
dbk_error xlsx_sst_load(xlsx_package *pkg, const char *part, size_t max_field, size_t keep,
                        size_t spill_at, xlsx_sst **out);

/* Number of strings in the table. */
size_t xlsx_sst_count(const xlsx_sst *t);

/* 1 if the table went to temporary files. */
int xlsx_sst_spilled(const xlsx_sst *t);

/*
 * Looks up string i: *s (NUL-terminated, *len bytes) stays valid until the
 * next call on t; *cut is 1 if the string was cut at max_field. Returns 0, or
 * -1 if i is out of range or the temporary file cannot be read (errno set).
 */
int xlsx_sst_get(xlsx_sst *t, size_t i, const char **s, size_t *len, int *cut);

/* Frees the table and removes its temporary files; NULL is a no-op. */
void xlsx_sst_free(xlsx_sst *t);

#endif
