/*
 * zip_check.h - reads a written XLSX back and checks it is whole.
 *
 * libxlsxwriter 1.1.4 assembles each part of a workbook in a temporary file
 * and does not notice when writing that file fails (disk full, ulimit -f):
 * the part is then cut short inside a well-formed zip and workbook_close
 * reports success. Reading the file back finds it.
 */
#ifndef DURCHBLICK_REPORT_ZIP_CHECK_H
#define DURCHBLICK_REPORT_ZIP_CHECK_H

#include "error.h"

/*
 * Checks that path is a complete zip whose entries inflate to their recorded
 * size and CRC, and whose XML parts (.xml, .rels) end with the closing tag of
 * their root element. Returns DBK_OK, or prints "prog: display_path: message"
 * and returns DBK_ERR_IO (DBK_ERR_NOMEM).
 */
dbk_error zip_check_xml_parts(const char *path, const char *display_path);

#endif
