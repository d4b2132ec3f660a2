/*
 * kennzahl.c - the registry of indicators (see kennzahl.h and docs/kennzahlen.md).
 */
#include "kennzahl.h"

#include <string.h>

#define P KENNZAHL_PROTECTED
#define F KENNZAHL_FREE

static const kennzahl_info registry[] = {
    /* counts of persons and participations */
    {"personen", KENNZAHL_COUNT, KENNZAHL_UNIT_COUNT, P, "personen", NULL, "Personen", "Persons"},
    {"teilnahmen", KENNZAHL_COUNT, KENNZAHL_UNIT_COUNT, P, "teilnahmen", NULL, "Teilnahmen",
     "Participations"},
    {"eintritte", KENNZAHL_COUNT, KENNZAHL_UNIT_COUNT, P, "eintritte", NULL, "Eintritte", "Entries"},
    {"austritte", KENNZAHL_COUNT, KENNZAHL_UNIT_COUNT, P, "austritte", NULL, "Austritte", "Exits"},
    {"bestand", KENNZAHL_COUNT, KENNZAHL_UNIT_COUNT, P, "bestand", NULL, "Bestand am Quartalsende",
     "Participations running at quarter end"},
    {"vermittlungen", KENNZAHL_COUNT, KENNZAHL_UNIT_COUNT, P, "vermittlungen", NULL, "Vermittlungen",
     "Placements"},
    {"personen_ausserhalb_zielgruppe", KENNZAHL_COUNT, KENNZAHL_UNIT_COUNT, P,
     "personen_ausserhalb_zielgruppe", NULL, "Personen außerhalb der Zielgruppe",
     "Persons outside the target group"},
    {"bedarf_personen", KENNZAHL_COUNT, KENNZAHL_UNIT_COUNT, P, "bedarf_personen", NULL,
     "Personen mit Bedarf", "Persons with the need"},
    /* shares of protected counts */
    {"vermittlungsquote", KENNZAHL_SHARE, KENNZAHL_UNIT_SHARE, P, "vermittlungen", "austritte",
     "Vermittlungsquote", "Placement rate"},
    {"abbruchquote", KENNZAHL_SHARE, KENNZAHL_UNIT_SHARE, P, "abbrueche", "austritte",
     "Abbruchquote", "Drop-out rate"},
    {"verbleib_anteil", KENNZAHL_SHARE, KENNZAHL_UNIT_SHARE, P, "verbleib", "austritte",
     "Anteil an den Austritten", "Share of exits"},
    {"deutsch_b1_quote", KENNZAHL_SHARE, KENNZAHL_UNIT_SHARE, P, "b1_erreicht", "b1_basis",
     "Deutsch: B1 oder h\xc3\xb6her erreicht", "German: reached B1 or higher"},
    {"pruefung_bestanden_quote", KENNZAHL_SHARE, KENNZAHL_UNIT_SHARE, P, "pruefung_bestanden",
     "pruefung_basis", "Sprachpr\xc3\xbc" "fung bestanden (Baustein 4)", "Language exam passed (module 4)"},
    {"abschluss_quote", KENNZAHL_SHARE, KENNZAHL_UNIT_SHARE, P, "abschluss_erreicht",
     "abschluss_basis", "Hauptschulabschluss erreicht (Baustein 3)",
     "School-leaving certificate (module 3)"},
    {"zielgruppe_anteil", KENNZAHL_SHARE, KENNZAHL_UNIT_SHARE, P, "personen_zielgruppe", "personen",
     "Anteil der Zielgruppe", "Share in the target group"},
    {"vollstaendigkeit", KENNZAHL_SHARE, KENNZAHL_UNIT_SHARE, P, "mit_angabe", "teilnahmen",
     "Vollständigkeit", "Completeness"},
    {"dauer_bis_vermittlung", KENNZAHL_MEDIAN, KENNZAHL_UNIT_DAYS, P, "km_ereignisse", "teilnahmen",
     "Dauer bis zur Vermittlung (Median, Tage)", "Days to placement (median)"},
    /* needs and offers */
    {"plaetze_zugaenglich", KENNZAHL_COUNT, KENNZAHL_UNIT_COUNT, F, NULL, NULL, "Zugängliche Plätze",
     "Accessible places"},
    {"plaetze_verschlossen", KENNZAHL_COUNT, KENNZAHL_UNIT_COUNT, F, NULL, NULL,
     "Plätze, die Geduldeten oder Gestatteten verschlossen sind",
     "Places closed to tolerated or permitted persons"},
    {"deckungsgrad", KENNZAHL_RATIO, KENNZAHL_UNIT_SHARE, P, NULL, "bedarf_personen", "Deckungsgrad",
     "Coverage"},
    {"angebotsluecke", KENNZAHL_DIFFERENCE, KENNZAHL_UNIT_COUNT, P, "bedarf_personen", NULL,
     "Angebotslücke", "Gap"},
    /* funding */
    {"mittel_bewilligt", KENNZAHL_MONEY, KENNZAHL_UNIT_EURO, F, NULL, NULL, "Bewilligt", "Granted"},
    {"mittel_verausgabt", KENNZAHL_MONEY, KENNZAHL_UNIT_EURO, F, NULL, NULL, "Verausgabt", "Spent"},
    {"landesanteil", KENNZAHL_MONEY, KENNZAHL_UNIT_EURO, F, NULL, NULL, "Landesanteil",
     "State share"},
    {"eigenanteil", KENNZAHL_MONEY, KENNZAHL_UNIT_EURO, F, NULL, NULL, "Eigenanteil", "Own share"},
    {"ausschoepfung", KENNZAHL_RATIO, KENNZAHL_UNIT_SHARE, F, NULL, NULL, "Ausschöpfung",
     "Utilisation"},
    {"kosten_je_teilnahme", KENNZAHL_MONEY_PER_COUNT, KENNZAHL_UNIT_EURO, P, NULL, "teilnahmen",
     "Kosten je Teilnahme", "Cost per participation"},
    {"kosten_je_vermittlung", KENNZAHL_MONEY_PER_COUNT, KENNZAHL_UNIT_EURO, P, NULL,
     "vermittlungen", "Kosten je Vermittlung", "Cost per placement"},
    /* data quality and tests */
    {"abgewiesen", KENNZAHL_COUNT, KENNZAHL_UNIT_COUNT, F, NULL, NULL, "Abgewiesene Zeilen",
     "Rejected rows"},
    {"test_vermittlung", KENNZAHL_TEST, KENNZAHL_UNIT_PVALUE, KENNZAHL_TESTED, NULL, NULL,
     "Test auf Unterschiede der Vermittlung", "Test of differences in placement"},
};

#define N_REGISTRY (sizeof registry / sizeof registry[0])

const kennzahl_info *kennzahl_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < N_REGISTRY; i++)
        if (strcmp(registry[i].name, name) == 0)
            return &registry[i];
    return NULL;
}

size_t kennzahl_count(void)
{
    return N_REGISTRY;
}

const kennzahl_info *kennzahl_at(size_t i)
{
    return i < N_REGISTRY ? &registry[i] : NULL;
}

const char *kennzahl_label(const char *name, int de)
{
    const kennzahl_info *k = kennzahl_find(name);
    if (!k)
        return name;
    return de ? k->label_de : k->label_en;
}
