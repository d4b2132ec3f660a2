/*
 * kennzahl.h - the registry of indicators: every `kennzahl` durchblick
 * publishes, with its kind, unit, disclosure class, the protected counts its
 * numerator and denominator are, and its labels.
 *
 * Transform refuses to compute a figure that is not registered, disclosure
 * control decides from the registry what a figure reveals, and the report
 * takes names and formats from it: an indicator is named in one place only.
 */
#ifndef DURCHBLICK_KENNZAHL_H
#define DURCHBLICK_KENNZAHL_H

#include <stddef.h>

typedef enum {
    KENNZAHL_COUNT = 0,       /* an exact count: zaehler = wert, nenner NULL */
    KENNZAHL_SHARE,           /* zaehler / nenner in 0..1, with a confidence interval */
    KENNZAHL_MEDIAN,          /* Kaplan-Meier median days: zaehler events, nenner observations */
    KENNZAHL_MONEY,           /* euros in wert */
    KENNZAHL_RATIO,           /* zaehler / nenner, may exceed 1 (no interval) */
    KENNZAHL_MONEY_PER_COUNT, /* euros per count: zaehler euros, nenner the count */
    KENNZAHL_DIFFERENCE,      /* zaehler - nenner (persons minus places) */
    KENNZAHL_TEST             /* test statistic (zaehler), df (nenner), p-value (wert) */
} kennzahl_kind;

typedef enum {
    KENNZAHL_UNIT_COUNT = 0, /* persons, participations, places, rows */
    KENNZAHL_UNIT_SHARE,     /* 0..1, printed as percent */
    KENNZAHL_UNIT_DAYS,
    KENNZAHL_UNIT_EURO,
    KENNZAHL_UNIT_PVALUE
} kennzahl_unit;

/*
 * What disclosure control does with a figure (see docs/disclosure.md).
 * PROTECTED: its counts of persons or participations are cells of the
 * disclosure problem; the figure is withheld when one of them is.
 * FREE: describes money, places or the data delivery, never persons: never
 * withheld. TEST: computed only on figures that are shown (transform/tests.c).
 */
typedef enum {
    KENNZAHL_PROTECTED = 0,
    KENNZAHL_FREE,
    KENNZAHL_TESTED
} kennzahl_disclosure;

typedef struct kennzahl_info {
    const char *name;           /* the kennzahl as stored, e.g. "vermittlungsquote" */
    kennzahl_kind kind;
    kennzahl_unit unit;         /* the unit of wert */
    kennzahl_disclosure disclosure;
    const char *zaehler_count;  /* the protected count zaehler is ("vermittlungen"), or NULL */
    const char *nenner_count;   /* the protected count nenner is ("austritte"), or NULL */
    const char *label_de;       /* what a reader calls it */
    const char *label_en;
} kennzahl_info;

/* Returns the registered indicator called name, or NULL. */
const kennzahl_info *kennzahl_find(const char *name);

/* Returns the number of registered indicators; kennzahl_at(i) for i below it. */
size_t kennzahl_count(void);

/* Returns registered indicator i (0 <= i < kennzahl_count()). */
const kennzahl_info *kennzahl_at(size_t i);

/* Returns the label of indicator name in German (de != 0) or English; name itself if unknown. */
const char *kennzahl_label(const char *name, int de);

#endif
