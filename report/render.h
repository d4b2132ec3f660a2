/*
 * render.h - writes a report model as PDF (libharu) or XLSX (libxlsxwriter).
 *
 * Both write to path (a temporary file the caller renames into place) and
 * name display_path in messages. Neither reads the database: the model is
 * all they know, so a withheld figure (which the model holds without value)
 * cannot reach a file.
 */
#ifndef DURCHBLICK_REPORT_RENDER_H
#define DURCHBLICK_REPORT_RENDER_H

#include "error.h"
#include "model.h"

/* Writes doc as an A4 PDF. Returns DBK_OK or an error after printing it. */
dbk_error render_pdf(const rdoc *doc, const char *path, const char *display_path);

/*
 * Writes doc as an XLSX workbook: the cover, then a sheet per section that
 * has one (the `Daten` table among them), withheld figures as "*". Returns
 * DBK_OK or an error after printing it.
 */
dbk_error render_xlsx(const rdoc *doc, const char *path, const char *display_path);

#endif
