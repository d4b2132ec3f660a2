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

/* ---- Words of codes and fields: built-in readings, --suggest, the templates ---- */

static const codebook_label geschlecht_labels[] = {
    {"w", "weiblich", "female", "w"},       {"m", "männlich", "male", "m"},
    {"d", "divers", "diverse", "d"},         {"x", "keine Angabe", "not stated", "x"},
};
static const codebook_label aufenthaltsstatus_labels[] = {
    {"gestattung", "Aufenthaltsgestattung", "permission to stay (asylum procedure)", "gest"},
    {"duldung", "Duldung", "toleration (Duldung)", "dul"},
    {"aufenthaltserlaubnis", "Aufenthaltserlaubnis", "residence permit", "ae"},
    {"niederlassungserlaubnis", "Niederlassungserlaubnis", "settlement permit", "ne"},
    {"sonstige", "sonstiger Status", "other status", "sonst"},
    {"unbekannt", "unbekannt", "unknown", "unbek"},
};
static const codebook_label leistungsbezug_labels[] = {
    {"asylblg", "Asylbewerberleistungsgesetz (AsylbLG)", "asylum seekers' benefits (AsylbLG)", "asyl"},
    {"sgb2", "Bürgergeld (SGB II)", "citizen's income (SGB II)", "sgb2"},
    {"sgb12", "Sozialhilfe (SGB XII)", "social assistance (SGB XII)", "sgb12"},
    {"keiner", "keine Leistungen", "no benefits", "kein"},
    {"unbekannt", "unbekannt", "unknown", "unbek"},
};
static const codebook_label cefr_labels[] = {
    {"ohne", "keine Deutschkenntnisse", "no German", "ohne"},
    {"A1", "A1", "A1", "A1"}, {"A2", "A2", "A2", "A2"}, {"B1", "B1", "B1", "B1"},
    {"B2", "B2", "B2", "B2"}, {"C1", "C1", "C1", "C1"}, {"C2", "C2", "C2", "C2"},
};
static const codebook_label schulabschluss_labels[] = {
    {"kein", "kein Schulabschluss", "no school-leaving certificate", "kein"},
    {"hsa9", "Hauptschulabschluss nach Klasse 9", "lower secondary certificate (year 9)", "hsa9"},
    {"hsa10", "Hauptschulabschluss nach Klasse 10", "lower secondary certificate (year 10)", "hsa10"},
    {"fos", "Fachoberschulreife", "intermediate certificate (Fachoberschulreife)", "fos"},
    {"hzb", "Hochschulzugangsberechtigung", "university entrance qualification", "hzb"},
    {"ausland_anerkannt", "ausländischer Abschluss (anerkannt)", "foreign certificate (recognised)", "ausla"},
    {"ausland_nicht_anerkannt", "ausländischer Abschluss (nicht anerkannt)",
     "foreign certificate (not recognised)", "ausln"},
};
static const codebook_label bedarfe_labels[] = {
    {"sprache", "Sprache", "language", "sprac"},
    {"schulabschluss", "Schulabschluss", "school-leaving certificate", "schul"},
    {"ausbildung", "Ausbildung", "vocational training", "ausbi"},
    {"arbeit", "Arbeit", "work", "arbei"},
    {"qualifizierung", "Qualifizierung", "qualification", "quali"},
    {"aufenthalt", "Aufenthaltssicherung", "securing residence", "aufen"},
    {"wohnen", "Wohnen", "housing", "wohne"},
    {"gesundheit", "Gesundheit", "health", "gesun"},
    {"kinderbetreuung", "Kinderbetreuung", "childcare", "kinde"},
    {"sonstiges", "Sonstiges", "other", "sonst"},
};
static const codebook_label verbleib_labels[] = {
    {"ausbildung", "Ausbildung", "vocational training", "ausb"},
    {"arbeit", "sozialversicherungspflichtige Arbeit", "employment subject to social insurance", "arb"},
    {"arbeit_sonstige", "geringfügige oder sonstige Arbeit", "marginal or other work", "arbso"},
    {"qualifizierung", "Qualifizierung oder Sprachkurs", "further measure or language course", "quali"},
    {"schule", "Schule", "school", "schul"},
    {"abbruch", "Abbruch", "dropped out", "abbr"},
    {"wegzug", "Wegzug", "moved away", "wegz"},
    {"ausreise", "Ausreise oder Abschiebung", "left the country or deported", "ausre"},
    {"sonstiges", "Sonstiges", "other", "sonst"},
    {"unbekannt", "unbekannt", "unknown", "unbek"},
};
static const codebook_label pruefung_labels[] = {
    {"bestanden", "bestanden", "passed", "best"},
    {"nicht_bestanden", "nicht bestanden", "failed", "nbest"},
    {"nicht_teilgenommen", "nicht teilgenommen", "did not sit", "nteil"},
};

const codebook_label *codebook_label_of(const char *const *codes, int i)
{
    static const struct {
        const char *const *codes;
        const codebook_label *labels;
    } lists[] = {
        {codebook_geschlecht, geschlecht_labels},
        {codebook_aufenthaltsstatus, aufenthaltsstatus_labels},
        {codebook_leistungsbezug, leistungsbezug_labels},
        {codebook_cefr, cefr_labels},
        {codebook_schulabschluss, schulabschluss_labels},
        {codebook_bedarfe, bedarfe_labels},
        {codebook_verbleib, verbleib_labels},
        {codebook_pruefung, pruefung_labels},
    };
    if (i < 0)
        return NULL;
    for (size_t l = 0; l < COUNT(lists); l++)
        if (lists[l].codes == codes)
            return &lists[l].labels[i];
    return NULL;
}

#define V(...) ((const char *const[]){__VA_ARGS__, NULL})
static const codebook_field_words teilnahmen_words[] = {
    {"Fall-ID (Pseudonym)", "case ID (pseudonym)",
     V("Fall-ID", "Fallnummer", "Fall-Nr", "Pseudonym", "Teilnehmer-ID", "TN-ID", "Case ID", "Participant ID")},
    {"Kommune", "municipality", V("Wohnort", "Gemeinde", "Stadt", "Stadtbezirk", "Wohnort (Kommune)")},
    {"Geburtsjahr", "year of birth", V("Jahrgang", "Geb.-Jahr", "Birth year")},
    {"Geschlecht", "gender", V("Sex")},
    {"Staatsangehörigkeit", "nationality", V("Nationalität", "Herkunftsland", "Citizenship")},
    {"Aufenthaltsstatus", "residence status",
     V("Aufenthaltstitel", "Aufenthaltsrechtlicher Status", "Aufenthaltsrecht")},
    {"Leistungsbezug", "benefits received", V("Leistungen", "Benefits")},
    {"Deutschkenntnisse bei Eintritt", "German at entry", V("Sprachniveau Eintritt", "Deutsch Eintritt")},
    {"Deutschkenntnisse bei Austritt", "German at exit", V("Sprachniveau Austritt", "Deutsch Austritt")},
    {"Schulabschluss", "school-leaving certificate", V("Höchster Schulabschluss")},
    {"Bedarfe", "needs", V("Bedarf", "Unterstützungsbedarf", "Unterstützungsbedarfe")},
    {"Förderbaustein", "funding module", V("Baustein", "Modul", "Module")},
    {"Träger", "provider", V("Maßnahmeträger", "Anbieter")},
    {"Eintritt", "entry date", V("Eintrittsdatum", "Maßnahmebeginn", "Beginn", "Entry")},
    {"Austritt", "exit date", V("Austrittsdatum", "Maßnahmeende", "Ende", "Exit")},
    {"Verbleib", "outcome", V("Verbleib nach Austritt", "Anschluss")},
    {"Verbleib seit", "outcome date", V("Datum Verbleib", "Verbleibsdatum")},
    {"Schulabschluss erreicht", "certificate reached", V("Abschluss erreicht", "HSA erreicht")},
    {"Sprachprüfung", "language exam", V("Prüfung", "Prüfungsergebnis")},
};
static const codebook_field_words angebote_words[] = {
    {"Angebots-ID", "offer ID", V("Angebotsnummer", "Angebots-Nr", "Angebot-ID")},
    {"Förderbaustein", "funding module", V("Baustein", "Modul")},
    {"Titel des Angebots", "title", V("Titel", "Angebot", "Bezeichnung")},
    {"Träger", "provider", V("Anbieter", "Maßnahmeträger")},
    {"Kommune", "municipality", V("Ort", "Gemeinde", "Stadt", "Stadtbezirk")},
    {"Bedarfe", "needs served", V("Zielbedarfe", "Bedarf")},
    {"Zugang für", "open to", V("Offen für", "Zugang", "Zielgruppe Aufenthaltsstatus")},
    {"Plätze", "places", V("Anzahl Plätze", "Platzzahl")},
    {"Beginn", "start", V("Startdatum")},
    {"Ende", "end", V("Enddatum")},
};
static const codebook_field_words mittel_words[] = {
    {"Haushaltsjahr", "year", V("Jahr")},
    {"Förderbaustein", "funding module", V("Baustein", "Modul")},
    {"Bewilligt (EUR)", "granted (EUR)", V("Bewilligte Mittel", "Bewilligung")},
    {"Verausgabt (EUR)", "spent (EUR)", V("Verausgabte Mittel", "Ausgaben")},
};
#undef V
_Static_assert(COUNT(teilnahmen_words) == COUNT(teilnahmen_fields), "a word entry per field");
_Static_assert(COUNT(angebote_words) == COUNT(angebote_fields), "a word entry per field");
_Static_assert(COUNT(mittel_words) == COUNT(mittel_fields), "a word entry per field");

const codebook_field_words *codebook_field_words_get(dataset_kind kind, size_t f)
{
    static const codebook_field_words *const words[DATASET_COUNT] = {teilnahmen_words, angebote_words,
                                                                     mittel_words};
    return &words[kind][f];
}
