/*
 * codebook.c - the field tables of data.md.
 */
#include "codebook.h"

#include <string.h>

const char *const codebook_geschlecht[] = {"w", "m", "d", "x", NULL};
const char *const codebook_aufenthaltsstatus[] = {
    "gestattung", "duldung", "aufenthaltserlaubnis", "niederlassungserlaubnis",
    "sonstige", "unbekannt", NULL};
const char *const codebook_leistungsbezug[] = {"asylblg", "sgb2", "sgb12", "keiner",
                                               "unbekannt", NULL};
const char *const codebook_cefr[] = {"ohne", "A1", "A2", "B1", "B2", "C1", "C2", NULL};
const char *const codebook_schulabschluss[] = {
    "kein", "hsa9", "hsa10", "fos", "hzb", "ausland_anerkannt", "ausland_nicht_anerkannt",
    NULL};
const char *const codebook_bedarfe[] = {
    "sprache", "schulabschluss", "ausbildung", "arbeit", "qualifizierung",
    "aufenthalt", "wohnen", "gesundheit", "kinderbetreuung", "sonstiges", NULL};
const char *const codebook_verbleib[] = {
    "ausbildung", "arbeit", "arbeit_sonstige", "qualifizierung", "schule", "abbruch",
    "wegzug", "ausreise", "sonstiges", "unbekannt", NULL};
const char *const codebook_pruefung[] = {"bestanden", "nicht_bestanden",
                                         "nicht_teilgenommen", NULL};

const char *const codebook_baustein_names[CODEBOOK_BAUSTEINE + 1] = {
    NULL,
    "Coaching",
    "Berufsbegleitende Qualifizierung und/oder Sprachförderung",
    "Nachträglicher Erwerb des Hauptschulabschlusses",
    "Schul-, ausbildungs- und berufsvorbereitende Kurse / Jugendintegrationskurse",
    "Innovationsfonds",
    "Teilhabemanagement",
};

static const codebook_field teilnahmen_fields[] = {
    {"fall_id", FIELD_PSEUDONYM, REQUIRED_YES, NULL},
    {"kommune", FIELD_KOMMUNE, REQUIRED_YES, NULL},
    {"geburtsjahr", FIELD_YEAR, REQUIRED_YES, NULL},
    {"geschlecht", FIELD_CODE, REQUIRED_NO, codebook_geschlecht},
    {"staatsangehoerigkeit", FIELD_COUNTRY, REQUIRED_NO, NULL},
    {"aufenthaltsstatus", FIELD_CODE, REQUIRED_YES, codebook_aufenthaltsstatus},
    {"leistungsbezug", FIELD_CODE, REQUIRED_NO, codebook_leistungsbezug},
    {"deutsch_eintritt", FIELD_CEFR, REQUIRED_NO, codebook_cefr},
    {"deutsch_austritt", FIELD_CEFR, REQUIRED_NO, codebook_cefr},
    {"schulabschluss", FIELD_CODE, REQUIRED_NO, codebook_schulabschluss},
    {"bedarfe", FIELD_SET, REQUIRED_NO, codebook_bedarfe},
    {"baustein", FIELD_BAUSTEIN, REQUIRED_YES, NULL},
    {"traeger", FIELD_TEXT, REQUIRED_NO, NULL},
    {"eintritt", FIELD_DATE, REQUIRED_YES, NULL},
    {"austritt", FIELD_DATE, REQUIRED_NO, NULL},
    {"verbleib", FIELD_CODE, REQUIRED_WITH_AUSTRITT, codebook_verbleib},
    {"verbleib_datum", FIELD_DATE, REQUIRED_NO, NULL},
    {"abschluss_erreicht", FIELD_BOOL, REQUIRED_NO, NULL},
    {"pruefung", FIELD_CODE, REQUIRED_NO, codebook_pruefung},
};

static const codebook_field angebote_fields[] = {
    {"angebot_id", FIELD_TEXT, REQUIRED_YES, NULL},
    {"baustein", FIELD_BAUSTEIN, REQUIRED_NO, NULL},
    {"titel", FIELD_TEXT, REQUIRED_YES, NULL},
    {"traeger", FIELD_TEXT, REQUIRED_NO, NULL},
    {"kommune", FIELD_KOMMUNE, REQUIRED_YES, NULL},
    {"bedarfe", FIELD_SET, REQUIRED_YES, codebook_bedarfe},
    {"zugang", FIELD_SET, REQUIRED_YES, codebook_aufenthaltsstatus},
    {"plaetze", FIELD_INT, REQUIRED_YES, NULL},
    {"beginn", FIELD_DATE, REQUIRED_NO, NULL},
    {"ende", FIELD_DATE, REQUIRED_NO, NULL},
};

static const codebook_field mittel_fields[] = {
    {"jahr", FIELD_YEAR, REQUIRED_YES, NULL},
    {"baustein", FIELD_BAUSTEIN, REQUIRED_YES, NULL},
    {"bewilligt", FIELD_MONEY, REQUIRED_YES, NULL},
    {"verausgabt", FIELD_MONEY, REQUIRED_YES, NULL},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const codebook_dataset datasets[DATASET_COUNT] = {
    {"teilnahmen", teilnahmen_fields, COUNT(teilnahmen_fields)},
    {"angebote", angebote_fields, COUNT(angebote_fields)},
    {"mittel", mittel_fields, COUNT(mittel_fields)},
};

const codebook_dataset *codebook_dataset_get(dataset_kind kind)
{
    return &datasets[kind];
}

int codebook_dataset_find(const char *name, dataset_kind *kind)
{
    for (int i = 0; i < DATASET_COUNT; i++) {
        if (strcmp(datasets[i].name, name) == 0) {
            *kind = (dataset_kind)i;
            return 0;
        }
    }
    return -1;
}

int codebook_field_index(const codebook_dataset *ds, const char *name)
{
    for (size_t i = 0; i < ds->n_fields; i++)
        if (strcmp(ds->fields[i].name, name) == 0)
            return (int)i;
    return -1;
}

int codebook_code_index(const char *const *codes, const char *code)
{
    for (int i = 0; codes && codes[i]; i++)
        if (strcmp(codes[i], code) == 0)
            return i;
    return -1;
}
