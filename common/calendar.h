/*
 * calendar.h - days and calendar dates of the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil and civil_from_days), for the reporting
 * period (transform/period.c) and a workbook's serial dates (ingest/xlsxvalue.c).
 */
#ifndef DURCHBLICK_CALENDAR_H
#define DURCHBLICK_CALENDAR_H

/* Days from 1970-01-01 to y-m-d (negative before); any y, m 1..12, d as given. */
long calendar_days_from_civil(long y, int m, int d);

/* The date of day z (days from 1970-01-01) into *y, *m (1..12), *d (1..31). */
void calendar_civil_from_days(long z, long *y, int *m, int *d);

#endif
