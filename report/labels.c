/*
 * labels.c - the one table of report texts, German and English.
 */
#include "labels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"

typedef struct {
    const char *de, *en;
} label_pair;

static const label_pair labels[L_COUNT] = {
    [L_SITZUNG_TITLE] = {"Sitzungsbericht", "Meeting report"},
    [L_SITZUNG_FILE] = {"sitzungsbericht", "meeting-report"},
    [L_VN_TITLE] = {"Verwendungsnachweis", "Statement of expenditure (Verwendungsnachweis)"},
    [L_VN_FILE] = {"verwendungsnachweis", "funding-evidence"},
    [L_PROGRAMME] = {"Landesprogramm \xe2\x80\x9e" "Durchstarten in Ausbildung und Arbeit\xe2\x80\x9c",
                     "State programme \xe2\x80\x9c" "Durchstarten in Ausbildung und Arbeit\xe2\x80\x9d"},
    [L_FOR_GROUP] = {"f\xc3\xbcr die B\xc3\xbcndniskerngruppe", "for the alliance steering group (B\xc3\xbcndniskerngruppe)"},
    [L_FOR_FUNDING] = {"Zahlenm\xc3\xa4\xc3\x9figer Nachweis und Sachbericht", "Financial statement and activity report"},
    [L_PERIOD] = {"Berichtszeitraum", "Reporting period"},
    [L_REPORT_DATE] = {"Berichtsstand", "Report date"},
    [L_DATA_STATUS] = {"Datenstand", "Data status"},
    [L_DATA_DATE_LOADED] = {"%s (j\xc3\xbcngstes Datum in den Daten; geladen am %s)",
                            "%s (newest date in the data; loaded on %s)"},
    [L_DATA_LOADED_ONLY] = {"geladen am %s", "loaded on %s"},
    [L_BATCHES] = {"Lieferungen", "Batches"},
    [L_FILES] = {"Dateien", "Files"},
    [L_ROWS_READ] = {"Zeilen gelesen", "Rows read"},
    [L_ROWS_LOADED] = {"Zeilen geladen", "Rows loaded"},
    [L_ROWS_REJECTED] = {"Zeilen abgewiesen", "Rows rejected"},
    [L_SHARE_REJECTED] = {"Anteil abgewiesener Zeilen", "Share of rows rejected"},
    [L_NO_PARTICIPATIONS] = {"Im Berichtszeitraum liegen keine Teilnahmen vor: alle Kennzahlen dieses "
                             "Berichts sind leer. Bitte den Berichtszeitraum (--from und --to oder [period] "
                             "der Konfiguration) und die geladenen Daten pr\xc3\xbc" "fen.",
                             "The reporting period holds no participations: every figure of this report is "
                             "empty. Please check the period (--from and --to, or the config's [period]) "
                             "and the data loaded."},
    [L_RUN] = {"Auswertungslauf", "Transform run"},
    [L_CONFIG_SHA] = {"Konfiguration (SHA-256)", "Configuration (SHA-256)"},
    [L_PAGE_OF] = {"Seite %s von %s", "Page %s of %s"},
    [L_NO_DATA] = {"F\xc3\xbcr diesen Berichtszeitraum liegen keine ausgewerteten Daten vor. "
                   "Die Tabellen dieses Berichts bleiben deshalb leer; sie zeigen keine Nullen, "
                   "die als Befund missverstanden werden k\xc3\xb6nnten. Bitte zuerst "
                   "durchblick-ingest und durchblick-transform f\xc3\xbcr den Zeitraum ausf\xc3\xbchren.",
                   "There are no evaluated data for this reporting period. The tables of this report "
                   "are therefore empty; they show no zeros that could be taken for findings. Run "
                   "durchblick-ingest and durchblick-transform for the period first."},
    [L_NO_PERIOD] = {"ohne Zeitraum", "no period"},
    [L_ITEM] = {"Merkmal", "Item"},
    [L_TOTAL] = {"Insgesamt", "Total"},
    [L_ALL] = {"alle", "all"},

    [L_SEC_COVER] = {"Deckblatt", "Cover"},
    [L_SHEET_COVER] = {"Deckblatt", "Cover"},
    [L_SEC_KEY] = {"Kennzahlen im \xc3\x9c" "berblick", "Key figures at a glance"},
    [L_SHEET_KEY] = {"\xc3\x9c" "berblick", "Key figures"},
    [L_SEC_VERBLEIB] = {"Verbleib nach dem Austritt", "Destination after exit"},
    [L_SHEET_VERBLEIB] = {"Verbleib", "Destination"},
    [L_SEC_PLACEMENT] = {"Vermittlung nach Merkmalen", "Placement by characteristics"},
    [L_SHEET_PLACEMENT] = {"Vermittlung", "Placement"},
    [L_SEC_TREND] = {"Entwicklung nach Quartalen", "Trend by quarter"},
    [L_SHEET_TREND] = {"Trend", "Trend"},
    [L_SEC_NEEDS] = {"Bedarfe und Angebote", "Needs and offers"},
    [L_SHEET_NEEDS] = {"Bedarfe und Angebote", "Needs and offers"},
    [L_SEC_LANGUAGE] = {"Sprache und Abschl\xc3\xbcsse", "Language and certificates"},
    [L_SHEET_LANGUAGE] = {"Sprache und Abschl\xc3\xbcsse", "Language and certificates"},
    [L_SEC_QUALITY] = {"Datenqualit\xc3\xa4t", "Data quality"},
    [L_SHEET_QUALITY] = {"Datenqualit\xc3\xa4t", "Data quality"},
    [L_SEC_METHOD] = {"Methodik", "Method"},
    [L_SHEET_METHOD] = {"Methodik", "Methodik"},
    [L_SHEET_DATA] = {"Daten", "Daten"},
    [L_SEC_LEGEND] = {"Zeichenerkl\xc3\xa4rung", "Signs"},

    [L_COL_INDICATOR] = {"Kennzahl", "Indicator"},
    [L_COL_VALUE] = {"Wert", "Value"},
    [L_COL_CI_LO] = {"95-%-KI von", "95% CI from"},
    [L_COL_CI_HI] = {"95-%-KI bis", "95% CI to"},
    [L_COL_BASE] = {"Basis (n)", "Base (n)"},
    [L_COL_COUNT] = {"Anzahl", "Number"},
    [L_COL_SHARE] = {"Anteil", "Share"},
    [L_COL_AUSTRITTE] = {"Austritte (n)", "Exits (n)"},
    [L_COL_PLACED] = {"Vermittelt", "Placed"},
    [L_COL_RATE] = {"Quote", "Rate"},
    [L_COL_EINTRITTE] = {"Eintritte", "Entries"},
    [L_COL_BESTAND] = {"Bestand", "Stock"},
    [L_COL_PERSONS_NEED] = {"Personen mit Bedarf", "Persons in need"},
    [L_COL_PLACES] = {"Zug\xc3\xa4ngliche Pl\xc3\xa4tze", "Accessible places"},
    [L_COL_COVERAGE] = {"Deckungsgrad", "Coverage"},
    [L_COL_OPEN_PLACES] = {"offene Pl\xc3\xa4tze", "open places"},
    [L_COL_GAP] = {"Fehlende Pl\xc3\xa4tze", "Missing places"},
    [L_COL_RANK] = {"Rang", "Rank"},
    [L_COL_WITH_VALUE] = {"Mit Angabe", "With value"},
    [L_COL_ROWS] = {"Zeilen", "Rows"},
    [L_COL_REACHED] = {"Erreicht", "Reached"},
    [L_COL_TEILNAHMEN] = {"Teilnahmen", "Participations"},
    [L_COL_TOLERATED] = {"Geduldete", "Tolerated"},
    [L_COL_PERMITTED] = {"Gestattete", "Permitted"},
    [L_COL_BEWILLIGT] = {"Bewilligt", "Granted"},
    [L_COL_VERAUSGABT] = {"Verausgabt", "Spent"},
    [L_COL_LANDESANTEIL] = {"Landesanteil", "State share"},
    [L_COL_EIGENANTEIL] = {"Eigenanteil", "Own share"},
    [L_COL_AUSSCHOEPFUNG] = {"Aussch\xc3\xb6pfung", "Utilisation"},
    [L_COL_VERMITTLUNGEN] = {"Vermittlungen", "Placements"},
    [L_COL_KOSTEN_TN] = {"Kosten je Teilnahme", "Cost per participation"},
    [L_COL_KOSTEN_VM] = {"Kosten je Vermittlung", "Cost per placement"},
    [L_COL_DIMENSION] = {"dimension", "dimension"},
    [L_COL_CATEGORY] = {"kategorie", "kategorie"},
    [L_COL_KENNZAHL] = {"kennzahl", "kennzahl"},
    [L_COL_ZAEHLER] = {"zaehler", "zaehler"},
    [L_COL_NENNER] = {"nenner", "nenner"},
    [L_COL_WERT] = {"wert", "wert"},
    [L_COL_GESPERRT] = {"gesperrt", "gesperrt"},
    [L_COL_VON] = {"periode_von", "periode_von"},
    [L_COL_BIS] = {"periode_bis", "periode_bis"},
    [L_COL_SIGN] = {"Zeichen", "Sign"},
    [L_COL_MEANING] = {"Bedeutung", "Meaning"},

    [L_K_ZIELGRUPPE] = {"Anteil der Zielgruppe (Alter %s\xe2\x80\x93%s)", "Share in target group (age %s\xe2\x80\x93%s)"},

    [L_CH_VERBLEIB] = {"Verbleib der Austritte", "Destination of exits"},
    [L_CH_SHARE_AUSTRITTE] = {"Anteil an den Austritten", "Share of exits"},
    [L_CH_QUOTE_BY] = {"Vermittlungsquote nach %s", "Placement rate by %s"},
    [L_CH_QUOTE] = {"Vermittlungsquote", "Placement rate"},
    [L_CH_TREND_COUNTS] = {"Eintritte, Austritte und Bestand je Quartal", "Entries, exits and stock by quarter"},
    [L_CH_TREND_QUOTE] = {"Vermittlungsquote je Quartal des Austritts", "Placement rate by quarter of exit"},
    [L_CH_NUMBER] = {"Anzahl", "Number"},
    [L_CH_COVERAGE] = {"Deckungsgrad nach Bedarf", "Coverage by need"},
    [L_CH_QUARTER] = {"Quartal", "Quarter"},

    [L_TXT_KEY_INTRO] = {"Die wichtigsten Kennzahlen des Berichtszeitraums. Quoten mit 95-%-Konfidenzintervall; "
                         "die Basis ist die Zahl der F\xc3\xa4lle, auf die sich eine Quote bezieht.",
                         "The main figures of the reporting period. Rates with 95% confidence interval; the base "
                         "is the number of cases a rate refers to."},
    [L_TXT_VERBLEIB_BASE] = {"Verbleib der %s Austritte im Berichtszeitraum.", "Destination of the %s exits in the reporting period."},
    [L_TXT_PLACEMENT_INTRO] = {"Vermittlungsquote: Anteil der Austritte mit Verbleib in Ausbildung, Arbeit, "
                               "Qualifizierung oder Schule. Die Diagramme zeigen zu jeder Quote ihr 95-%-Konfidenzintervall.",
                               "Placement rate: share of exits into training, work, further qualification or school. "
                               "The charts show each rate with its 95% confidence interval."},
    [L_TXT_BY] = {"nach %s", "by %s"},
    [L_TXT_CHI2_SIG] = {"Die Vermittlungsquote unterscheidet sich nach %s statistisch signifikant "
                        "(Chi-Quadrat-Test: \xcf\x87\xc2\xb2 = %s, Freiheitsgrade %s, %s).",
                        "The placement rate differs significantly by %s (chi-squared test: "
                        "\xcf\x87\xc2\xb2 = %s, df = %s, %s)."},
    [L_TXT_CHI2_NS] = {"Ein statistisch signifikanter Unterschied der Vermittlungsquote nach %s ist nicht "
                       "nachweisbar (Chi-Quadrat-Test: \xcf\x87\xc2\xb2 = %s, Freiheitsgrade %s, %s).",
                       "There is no significant difference in the placement rate by %s (chi-squared test: "
                       "\xcf\x87\xc2\xb2 = %s, df = %s, %s)."},
    [L_TXT_FISHER_SIG] = {"Die Vermittlungsquote unterscheidet sich nach %s statistisch signifikant "
                          "(exakter Test nach Fisher, weil eine erwartete H\xc3\xa4ufigkeit unter 5 liegt: %s).",
                          "The placement rate differs significantly by %s (Fisher's exact test, as an expected "
                          "count is below 5: %s)."},
    [L_TXT_FISHER_NS] = {"Ein statistisch signifikanter Unterschied der Vermittlungsquote nach %s ist nicht "
                         "nachweisbar (exakter Test nach Fisher, weil eine erwartete H\xc3\xa4ufigkeit unter 5 liegt: %s).",
                         "There is no significant difference in the placement rate by %s (Fisher's exact test, "
                         "as an expected count is below 5: %s)."},
    [L_TXT_TEST_WITHHELD] = {"Das Testergebnis nach %s ist aus Gr\xc3\xbcnden der Geheimhaltung gesperrt (*).",
                             "The test result by %s is withheld for confidentiality (*)."},
    [L_TXT_TEST_MERGED] = {"F\xc3\xbcr den Test wurden die Gruppen mit gesperrten Werten (%s) zu einer Gruppe "
                           "zusammengefasst; so verr\xc3\xa4t er keinen gesperrten Wert.",
                           "For the test the groups with withheld values (%s) were combined into one; so it "
                           "reveals no withheld value."},
    [L_TXT_TEST_NONE] = {"F\xc3\xbcr %s liegt kein Testergebnis vor (zu wenige besetzte Gruppen).",
                         "There is no test result by %s (too few groups with cases)."},
    [L_TXT_TREND_INTRO] = {"Eintritte und Bestand nach dem Quartal des Eintritts bzw. dem Quartalsende, Austritte und "
                           "Vermittlungsquote nach dem Quartal des Austritts.",
                           "Entries and stock by quarter of entry and quarter end, exits and placement rate by "
                           "quarter of exit."},
    [L_TXT_NEEDS_INTRO] = {"Personen, die einen Bedarf nennen, und die Pl\xc3\xa4tze der Angebote f\xc3\xbcr diesen Bedarf. "
                           "Zug\xc3\xa4nglich hei\xc3\x9ft in diesem Bericht \xc3\xbc" "berall: der Platz steht Geduldeten "
                           "und Gestatteten offen, dem Kern der Zielgruppe. Deckungsgrad = zug\xc3\xa4ngliche Pl\xc3\xa4tze je "
                           "Person mit dem Bedarf; unter 100 % fehlen Pl\xc3\xa4tze.",
                           "Persons naming a need, and the places of offers serving that need. Accessible means "
                           "throughout this report: the place is open to tolerated and to permitted persons, the core "
                           "of the target group. Coverage = accessible places per person with the need; below 100 % "
                           "places are missing."},
    [L_TXT_NEEDS_KOMMUNE] = {"Bedarfe und Pl\xc3\xa4tze nach Kommune", "Needs and places by municipality"},
    [L_TXT_GAPS] = {"Die zehn gr\xc3\xb6\xc3\x9f" "ten Angebotsl\xc3\xbc" "cken", "The ten largest gaps in provision"},
    [L_TXT_GAPS_NONE] = {"Es gibt keine Angebotsl\xc3\xbc" "cke mit ver\xc3\xb6" "ffentlichbaren Zahlen.",
                         "There is no gap in provision with figures that may be published."},
    [L_TXT_STATUS_TABLE] = {"Pl\xc3\xa4tze f\xc3\xbcr Geduldete und Gestattete", "Places for tolerated and permitted persons"},
    [L_TXT_STATUS_CLOSED] = {"%s: %s Pl\xc3\xa4tze insgesamt, davon %s zug\xc3\xa4nglich (f\xc3\xbcr Geduldete und "
                             "Gestattete); Geduldeten stehen %s offen, Gestatteten %s.",
                             "%s: %s places in all, %s of them accessible (to tolerated and permitted persons); %s "
                             "are open to tolerated, %s to permitted persons."},
    [L_TXT_STATUS_OPEN] = {"Alle ausgewiesenen Pl\xc3\xa4tze stehen Geduldeten und Gestatteten offen.",
                           "All places shown are open to tolerated and permitted persons."},
    [L_TXT_LANGUAGE_INTRO] = {"Sprachstand und Abschl\xc3\xbcsse unter den Austritten des Berichtszeitraums.",
                              "Language level and certificates among the exits of the reporting period."},
    [L_TXT_COMPLETENESS] = {"Vollst\xc3\xa4ndigkeit der Angaben je Feld", "Completeness by field"},
    [L_TXT_COMPLETENESS_BASE] = {"Anteil mit einer Angabe unter den Teilnahmen des Berichtszeitraums (ein Feld, das "
                                 "nur einen Baustein betrifft, unter dessen Teilnahmen), den im Zeitraum laufenden "
                                 "Angeboten und den Mitteln seiner Jahre.",
                                 "Share with a value among the participations of the reporting period (a field that "
                                 "concerns one module only among that module's), the offers running in the period "
                                 "and the funds of its years."},
    [L_TXT_REJECTS] = {"Abgewiesene Zeilen nach Grund", "Rejected rows by reason"},
    [L_TXT_REJECTS_NONE] = {"Es wurden keine Zeilen abgewiesen.", "No rows were rejected."},
    [L_TXT_OUTSIDE] = {"Personen au\xc3\x9f" "erhalb der Zielgruppe (Alter beim Eintritt nicht %s\xe2\x80\x93%s): %s.",
                       "Persons outside the target group (age at entry not %s\xe2\x80\x93%s): %s."},
    [L_TXT_WITHHELD_NOTE] = {"* Wert gesperrt: Fallzahlen unter %s und Werte, aus denen sie sich errechnen lie\xc3\x9f" "en, "
                             "werden nicht ver\xc3\xb6" "ffentlicht (statistische Geheimhaltung).",
                             "* Value withheld: counts below %s and figures they could be worked back from are "
                             "not published (statistical confidentiality)."},
    [L_TXT_MEDIAN_UNDEF] = {"n. e. bei der Dauer: der Median ist im Berichtszeitraum nicht erreicht (weniger als die H\xc3\xa4lfte vermittelt).",
                            "n. r. for the duration: the median is not reached in the period (fewer than half placed)."},
    [L_TXT_NO_FIGURES] = {"F\xc3\xbcr diesen Abschnitt liegen im Berichtszeitraum keine Zahlen vor.",
                          "There are no figures for this section in the reporting period."},
    [L_TXT_SECTION_EMPTY] = {"Keine Angaben.", "No data."},
    [L_TXT_CHART_WITHHELD] = {"gesperrt", "withheld"},
    [L_TXT_CHART_DATA] = {"Werte f\xc3\xbcr das Diagramm (gesperrte und nicht sinnvolle Werte bleiben leer)",
                          "Values for the chart (withheld and undefined values left empty)"},

    [L_M_SOURCE] = {"Quelle: anonymisierte Monitoring- und Erhebungsdaten der Tr\xc3\xa4ger und Kommunen, "
                    "zusammengef\xc3\xbchrt und ausgewertet mit durchblick %s.",
                    "Source: anonymised monitoring and survey data of providers and municipalities, "
                    "merged and evaluated with durchblick %s."},
    [L_M_DEFINITIONS] = {"Personen: verschiedene Fall-IDs mit einer im Zeitraum aktiven Teilnahme. Teilnahmen, Eintritte, "
                         "Austritte: im Zeitraum aktive, beginnende bzw. endende Teilnahmen (Grenzen eingeschlossen).",
                         "Persons: distinct case ids with a participation active in the period. Participations, entries, "
                         "exits: participations active in, starting in or ending in the period (bounds inclusive)."},
    [L_M_QUOTE] = {"Vermittlungsquote: Austritte mit Verbleib in %s, geteilt durch alle Austritte. Abbruchquote: "
                   "Austritte mit Verbleib Abbruch, geteilt durch alle Austritte.",
                   "Placement rate: exits into %s divided by all exits. Drop-out rate: exits with outcome "
                   "drop-out divided by all exits."},
    [L_M_DAUER] = {"Dauer bis zur Vermittlung: Median nach Kaplan\xe2\x80\x93Meier \xc3\xbc" "ber die im Zeitraum aktiven Teilnahmen; "
                   "noch laufende oder ohne Vermittlung beendete Teilnahmen gehen zensiert ein.",
                   "Days to placement: Kaplan\xe2\x80\x93Meier median over the participations active in the period; "
                   "running participations and exits without placement are censored."},
    [L_M_ZIELGRUPPE] = {"Zielgruppe: Alter beim Eintritt (Eintrittsjahr minus Geburtsjahr) von %s bis %s Jahren.",
                        "Target group: age at entry (year of entry minus year of birth) from %s to %s."},
    [L_M_DECKUNG] = {"Deckungsgrad: zug\xc3\xa4ngliche Pl\xc3\xa4tze geteilt durch die Zahl der Personen mit dem Bedarf. "
                     "Zug\xc3\xa4nglich ist ein Platz in einem Angebot, das den Bedarf in der Kommune bedient, im "
                     "Berichtszeitraum l\xc3\xa4uft und Geduldeten wie Gestatteten offensteht; in der Tabelle nach "
                     "Aufenthaltsstatus z\xc3\xa4hlen die Pl\xc3\xa4tze, die dem jeweiligen Status offenstehen.",
                     "Coverage: accessible places divided by the number of persons with the need. A place is "
                     "accessible in an offer that serves the need in the municipality, runs in the period and is open "
                     "to tolerated and permitted persons alike; in the table by residence status the places open to "
                     "that status count."},
    [L_M_CI_WILSON] = {"Konfidenzintervalle: %s-%%-Intervall nach Wilson (Score-Intervall ohne Stetigkeitskorrektur, "
                       "wie R prop.test).",
                       "Confidence intervals: %s%% Wilson score interval without continuity correction (as R prop.test)."},
    [L_M_CI_CP] = {"Konfidenzintervalle: exaktes %s-%%-Intervall nach Clopper\xe2\x80\x93Pearson (wie R binom.test).",
                   "Confidence intervals: exact %s%% Clopper\xe2\x80\x93Pearson interval (as R binom.test)."},
    [L_M_TESTS] = {"Unterschiede der Vermittlungsquote zwischen Gruppen: Chi-Quadrat-Test auf Unabh\xc3\xa4ngigkeit; bei "
                   "einer 2\xc3\x97" "2-Tafel mit einer erwarteten H\xc3\xa4ufigkeit unter 5 der exakte Test nach Fisher. "
                   "Signifikant hei\xc3\x9ft p < 0,05.",
                   "Differences of the placement rate between groups: chi-squared test of independence; for a "
                   "2\xc3\x97" "2 table with an expected count below 5, Fisher's exact test. Significant means p < 0.05."},
    [L_M_DISCLOSURE] = {"Geheimhaltung (\xc2\xa7 16 BStatG, \xc2\xa7 281 SGB III): Der Bericht zeigt keine Zahl, aus der "
                        "sich eine Gruppe von weniger als %s Personen erkennen l\xc3\xa4sst. Solche Fallzahlen werden "
                        "gesperrt (*), ebenso Quoten, bei denen weniger als %s Personen der Gruppe das Merkmal haben "
                        "oder nicht haben. Weitere Werte werden gesperrt, wo sich ein gesperrter Wert sonst aus "
                        "anderen ver\xc3\xb6" "ffentlichten Zahlen zur\xc3\xbc" "ckrechnen lie\xc3\x9f" "e: aus Summen, "
                        "aus derselben Zahl an anderer Stelle (auch im Verwendungsnachweis und im Vorjahresvergleich), "
                        "aus Beziehungen zwischen Kennzahlen (etwa Bestand, Eintritte und Austritte) oder aus "
                        "Testergebnissen. Eine Zahl steht in jedem Bericht gleich da: gezeigt oder gesperrt. Ein "
                        "gesperrter Wert ist mindestens 1, au\xc3\x9f" "er beim Z\xc3\xa4hler einer gesperrten Quote: "
                        "er kann auch 0 sein. Kleine Gruppen (divers und keine Angabe, seltene "
                        "Staatsangeh\xc3\xb6rigkeiten, kleine Kommunen) werden zusammengefasst gezeigt, statt sie zu "
                        "sperren. Ob das h\xc3\xa4lt, pr\xc3\xbc" "ft durchblick bei jeder Auswertung: f\xc3\xbcr "
                        "jeden gesperrten Wert wird berechnet, welche Werte alle ver\xc3\xb6" "ffentlichten Zahlen "
                        "zusammen noch zulassen (lineare Optimierung); keiner l\xc3\xa4sst sich so genau bestimmen. "
                        "Die Datenbank enth\xc3\xa4lt die genauen Werte f\xc3\xbcr die Analyse; kein Bericht zeigt sie.",
                        "Confidentiality (\xc2\xa7 16 BStatG, \xc2\xa7 281 SGB III): the report shows no figure from "
                        "which a group of fewer than %s persons can be recognised. Such counts are withheld (*), as are "
                        "rates where fewer than %s persons of the group have or lack the characteristic. Further values "
                        "are withheld where a withheld value could otherwise be worked back from other published "
                        "figures: from totals, from the same count elsewhere (also in the funding evidence and the "
                        "comparison with the previous period), from relations between indicators (such as stock, "
                        "entries and exits) or from test results. A figure reads the same in every report: shown or "
                        "withheld. A withheld value is at least 1, except the numerator of a withheld rate: it may "
                        "also be 0. Small groups (diverse and not stated, rare nationalities, small municipalities) "
                        "are shown together instead of being withheld. durchblick checks this in every run: for each "
                        "withheld value it computes which values all published figures together still allow (linear "
                        "programming); none can be determined that way. The database keeps the exact figures for "
                        "analysis; no report shows them."},
    [L_M_DISCLOSURE_LOSS] = {"Was die Geheimhaltung in diesem Bericht kostet: gesperrte Werte je Tabelle.",
                             "What confidentiality costs in this report: withheld values per table."},
    [L_M_NONE_WITHHELD] = {"In diesem Bericht musste kein Wert gesperrt werden.",
                           "No value had to be withheld in this report."},
    [L_COL_TABLE] = {"Tabelle", "Table"},
    [L_COL_CHANGE] = {"Ver\xc3\xa4nderung", "Change"},
    [L_COL_RATE_PREV] = {"Quote %s", "Rate %s"},
    [L_TXT_COMPARE] = {"Zum Vergleich steht daneben der gleich lange Zeitraum davor (%s) und die Ver\xc3\xa4nderung: "
                       "bei Anzahlen die Differenz, bei Quoten in Prozentpunkten (Pp.).",
                       "Beside them the period of the same length before (%s) and the change: for counts the "
                       "difference, for rates in percentage points (pp)."},
    [L_TXT_NO_COMPARE] = {"F\xc3\xbcr den gleich langen Zeitraum davor (%s) liegen keine Teilnahmen vor; ein Vergleich "
                          "entf\xc3\xa4llt.",
                          "There are no participations in the period of the same length before (%s): no comparison."},
    [L_COL_FIGURES] = {"Werte", "Values"},
    [L_COL_WITHHELD] = {"davon gesperrt", "withheld"},
    [L_M_LOSS_SPLIT] = {"Insgesamt sind %s der Werte gesperrt: %s, weil sie selbst auf einer kleinen Fallzahl "
                        "beruhen (prim\xc3\xa4r), und %s zum Schutz anderer (sekund\xc3\xa4r). Wie viele davon in "
                        "welcher Tabelle prim\xc3\xa4r sind, nennt der Bericht nicht: das verriete, wo die kleinen "
                        "Fallzahlen stehen.",
                        "In all %s of the values are withheld: %s because they rest on a small count themselves "
                        "(primary), and %s to protect others (secondary). How many of them are primary in which "
                        "table the report does not say: that would tell where the small counts are."},
    [L_M_ROUNDING] = {"Zahlen werden erst f\xc3\xbcr die Darstellung gerundet; Summen k\xc3\xb6nnen daher von der Summe "
                      "gerundeter Werte abweichen.",
                      "Figures are rounded only for display; totals may differ from the sum of rounded values."},
    [L_M_RUN] = {"Auswertungslauf %s vom %s, Konfiguration %s (SHA-256 %s).",
                 "Transform run %s of %s, configuration %s (SHA-256 %s)."},

    [L_SIGN_WITHHELD] = {"Wert gesperrt (statistische Geheimhaltung)", "value withheld (statistical confidentiality)"},
    [L_SIGN_ZERO] = {"nichts vorhanden (genau null)", "nothing (exactly zero)"},
    [L_SIGN_UNDEFINED] = {"Wert nicht sinnvoll (keine F\xc3\xa4lle)", "not meaningful (no cases)"},
    [L_SIGN_NOT_REACHED] = {"nicht erreicht: weniger als die H\xc3\xa4lfte ist vermittelt, so dass der Median "
                            "(oder die Grenze seines Konfidenzintervalls) im Berichtszeitraum nicht erreicht ist",
                            "not reached: fewer than half are placed, so the median (or a bound of its "
                            "confidence interval) is not reached in the period"},

    [L_VN_NUMBERS] = {"Zahlenm\xc3\xa4\xc3\x9figer Nachweis", "Financial statement"},
    [L_VN_FUNDS] = {"Mittel nach Baustein", "Funds by module"},
    [L_VN_RESULTS] = {"Teilnahmen und Ergebnisse nach Baustein", "Participations and results by module"},
    [L_VN_SPLIT] = {"Verausgabt wurden insgesamt %s. Davon tr\xc3\xa4gt das Land %s (F\xc3\xb6rdersatz %s), der "
                    "Eigenanteil betr\xc3\xa4gt %s.",
                    "In total %s were spent. The state bears %s (funding rate %s), the own share is %s."},
    [L_VN_SACHBERICHT] = {"Sachbericht", "Activity report"},
    [L_VN_SB_REACH] = {"Im Jahr %s wurden %s Teilnahmen gef\xc3\xb6rdert.", "In %s, %s participations were funded."},
    [L_VN_SB_EXITS] = {"%s Teilnahmen endeten; %s davon m\xc3\xbcndeten in Ausbildung, Arbeit, Qualifizierung oder Schule "
                       "(Vermittlungsquote %s).",
                       "%s participations ended; %s of them led to training, work, qualification or school "
                       "(placement rate %s)."},
    [L_VN_SB_PLACED] = {"%s Teilnahmen endeten; die Zahl der Vermittlungen ist gesperrt (*).",
                        "%s participations ended; the number of placements is withheld (*)."},
    [L_VN_SB_EXITS_WITHHELD] = {"Die Zahlen der beendeten Teilnahmen und der Vermittlungen sind gesperrt (*).",
                                "The numbers of participations ended and of placements are withheld (*)."},
    [L_VN_SB_ENDED] = {"%s Teilnahmen endeten.", "%s participations ended."},
    [L_VN_SB_FUNDS] = {"Von %s bewilligten Mitteln wurden %s verausgabt (Aussch\xc3\xb6pfung %s).",
                       "Of %s granted, %s were spent (utilisation %s)."},
    [L_VN_SB_NONE] = {"In diesem Baustein wurden im Jahr %s keine Mittel bewilligt und keine Teilnahmen gemeldet.",
                      "No funds were granted and no participations reported in this module in %s."},
    [L_VN_SB_WITHHELD] = {"Die Zahl der Teilnahmen ist gesperrt (*).", "The number of participations is withheld (*)."},
    [L_VN_NO_MITTEL] = {"F\xc3\xbcr den Berichtszeitraum liegen keine Angaben zu F\xc3\xb6rdermitteln vor (der Datensatz "
                        "\xe2\x80\x9emittel\xe2\x80\x9c wurde nicht geliefert oder nicht ausgewertet). Ein zahlenm\xc3\xa4\xc3\x9figer "
                        "Nachweis kann daher nicht erstellt werden.",
                        "There are no funding data for the reporting period (the dataset \xe2\x80\x9cmittel\xe2\x80\x9d was not "
                        "delivered or not evaluated). A financial statement cannot be produced."},
    [L_VN_YEAR] = {"Haushaltsjahr %s", "Budget year %s"},
    [L_VN_SIGNATURE] = {"Best\xc3\xa4tigung", "Confirmation"},
    [L_VN_PLACE_DATE] = {"Ort, Datum", "Place, date"},
    [L_VN_SIGN_LINE] = {"Rechtsverbindliche Unterschrift", "Authorised signature"},
    [L_VN_CONFIRM] = {"Es wird best\xc3\xa4tigt, dass die Mittel wirtschaftlich und sparsam verwendet wurden und die "
                      "Angaben mit den B\xc3\xbc" "chern und Belegen \xc3\xbc" "bereinstimmen.",
                      "It is confirmed that the funds were used economically and that the figures agree with "
                      "the books and records."},
    [L_VN_OFFICE] = {"Gesch\xc3\xa4" "ftsf\xc3\xbchrende Stelle", "Managing office"},
    [L_VN_NOTE_FUNDS] = {"Landesanteil und Eigenanteil nach dem F\xc3\xb6rdersatz der Konfiguration (%s Land, %s Eigenanteil).",
                         "State and own share by the configured funding rate (%s state, %s own share)."},

    [L_CONTINUED] = {"Fortsetzung", "continued"},
    [L_CH_CI_LEGEND] = {"95-%-Konfidenzintervall", "95% confidence interval"},
    [L_CH_CI_BOX] = {"95-%-Konfidenzintervall (Strich und Zahl: Wert)", "95% confidence interval (line and figure: value)"},
    [L_CH_GAP_NOTE] = {"Eine L\xc3\xbc" "cke in der Linie: Wert gesperrt (*) oder nicht sinnvoll (x), siehe Tabelle.",
                       "A gap in a line: value withheld (*) or not meaningful (x), see the table."},
};

const char *label(report_lang lang, label_id id)
{
    if ((unsigned)id >= L_COUNT)
        return "";
    const char *s = lang == REPORT_LANG_EN ? labels[id].en : labels[id].de;
    return s ? s : "";
}

typedef struct {
    const char *dimension, *code, *de, *en;
} code_label;

static const code_label code_labels[] = {
    {"dimension", "gesamt", "Insgesamt", "Total"},
    {"dimension", "baustein", "Baustein", "module"},
    {"dimension", "kommune", "Kommune", "municipality"},
    {"dimension", "aufenthaltsstatus", "Aufenthaltsstatus", "residence status"},
    {"dimension", "leistungsbezug", "Leistungsbezug", "benefits"},
    {"dimension", "geschlecht", "Geschlecht", "gender"},
    {"dimension", "altersgruppe", "Altersgruppe", "age group"},
    {"dimension", "staatsangehoerigkeit", "Staatsangeh\xc3\xb6rigkeit", "nationality"},
    {"dimension", "quartal", "Quartal", "quarter"},
    {"dimension", "verbleib", "Verbleib", "destination"},
    {"dimension", "bedarf", "Bedarf", "need"},
    {"dimension", "feld", "Feld", "field"},
    {"dimension", "jahr", "Jahr", "year"},
    {"dimension", "grund", "Grund", "reason"},
    {"gesamt", "gesamt", "Insgesamt", "Total"},
    {"geschlecht", "w", "weiblich", "female"},
    {"geschlecht", "m", "m\xc3\xa4nnlich", "male"},
    {"geschlecht", "d", "divers", "diverse"},
    {"geschlecht", "x", "keine Angabe", "not stated"},
    {"geschlecht", "d_x", "divers oder keine Angabe", "diverse or not stated"},
    {"staatsangehoerigkeit", "uebrige", "\xc3\xbc" "brige Staatsangeh\xc3\xb6rigkeiten", "other nationalities"},
    {"kommune", "uebrige", "\xc3\xbc" "brige Kommunen", "other municipalities"},
    {"aufenthaltsstatus", "gestattung", "Aufenthaltsgestattung", "permission to reside (Gestattung)"},
    {"aufenthaltsstatus", "duldung", "Duldung", "toleration (Duldung)"},
    {"aufenthaltsstatus", "aufenthaltserlaubnis", "Aufenthaltserlaubnis", "residence permit"},
    {"aufenthaltsstatus", "niederlassungserlaubnis", "Niederlassungserlaubnis", "settlement permit"},
    {"aufenthaltsstatus", "sonstige", "sonstiger Status", "other status"},
    {"aufenthaltsstatus", "unbekannt", "unbekannt", "unknown"},
    {"leistungsbezug", "asylblg", "AsylbLG", "AsylbLG"},
    {"leistungsbezug", "sgb2", "SGB II", "SGB II"},
    {"leistungsbezug", "sgb12", "SGB XII", "SGB XII"},
    {"leistungsbezug", "keiner", "kein Leistungsbezug", "no benefits"},
    {"leistungsbezug", "unbekannt", "unbekannt", "unknown"},
    {"altersgruppe", "18-20", "18 bis 20 Jahre", "18 to 20"},
    {"altersgruppe", "21-23", "21 bis 23 Jahre", "21 to 23"},
    {"altersgruppe", "24-27", "24 bis 27 Jahre", "24 to 27"},
    {"altersgruppe", "ausserhalb", "au\xc3\x9f" "erhalb der Zielgruppe", "outside target group"},
    {"verbleib", "ausbildung", "Ausbildung", "vocational training"},
    {"verbleib", "arbeit", "Arbeit (sozialversicherungspflichtig)", "work (insured)"},
    {"verbleib", "arbeit_sonstige", "sonstige Arbeit", "other work"},
    {"verbleib", "qualifizierung", "Qualifizierung", "further qualification"},
    {"verbleib", "schule", "Schule", "school"},
    {"verbleib", "abbruch", "Abbruch", "drop-out"},
    {"verbleib", "wegzug", "Wegzug", "moved away"},
    {"verbleib", "ausreise", "Ausreise", "left the country"},
    {"verbleib", "sonstiges", "Sonstiges", "other"},
    {"verbleib", "unbekannt", "unbekannt", "unknown"},
    {"bedarf", "sprache", "Sprache", "language"},
    {"bedarf", "schulabschluss", "Schulabschluss", "school certificate"},
    {"bedarf", "ausbildung", "Ausbildung", "vocational training"},
    {"bedarf", "arbeit", "Arbeit", "work"},
    {"bedarf", "qualifizierung", "Qualifizierung", "qualification"},
    {"bedarf", "aufenthalt", "Aufenthalt", "residence"},
    {"bedarf", "wohnen", "Wohnen", "housing"},
    {"bedarf", "gesundheit", "Gesundheit", "health"},
    {"bedarf", "kinderbetreuung", "Kinderbetreuung", "childcare"},
    {"bedarf", "sonstiges", "Sonstiges", "other"},
    {"feld", "fall_id", "Fall-ID", "case ID"},
    {"feld", "kommune", "Kommune", "municipality"},
    {"feld", "geburtsjahr", "Geburtsjahr", "year of birth"},
    {"feld", "geschlecht", "Geschlecht", "gender"},
    {"feld", "staatsangehoerigkeit", "Staatsangeh\xc3\xb6rigkeit", "nationality"},
    {"feld", "aufenthaltsstatus", "Aufenthaltsstatus", "residence status"},
    {"feld", "leistungsbezug", "Leistungsbezug", "benefits"},
    {"feld", "deutsch_eintritt", "Deutschkenntnisse bei Eintritt", "German at entry"},
    {"feld", "deutsch_austritt", "Deutschkenntnisse bei Austritt", "German at exit"},
    {"feld", "schulabschluss", "Schulabschluss", "school certificate"},
    {"feld", "bedarfe", "Bedarfe", "needs"},
    {"feld", "baustein", "Baustein", "module"},
    {"feld", "traeger", "Tr\xc3\xa4ger", "provider"},
    {"feld", "eintritt", "Eintrittsdatum", "entry date"},
    {"feld", "austritt", "Austrittsdatum", "exit date"},
    {"feld", "verbleib", "Verbleib", "destination"},
    {"feld", "verbleib_datum", "Beginn des Verbleibs", "start of destination"},
    {"feld", "abschluss_erreicht", "Hauptschulabschluss erreicht (nur Baustein 3)", "certificate reached (module 3 only)"},
    {"feld", "pruefung", "Sprachpr\xc3\xbc" "fung (nur Baustein 4)", "language exam (module 4 only)"},
    {"feld", "angebote.angebot_id", "Angebote: Angebots-Nr.", "offers: offer ID"},
    {"feld", "angebote.baustein", "Angebote: Baustein", "offers: module"},
    {"feld", "angebote.titel", "Angebote: Titel", "offers: title"},
    {"feld", "angebote.traeger", "Angebote: Tr\xc3\xa4ger", "offers: provider"},
    {"feld", "angebote.kommune", "Angebote: Kommune", "offers: municipality"},
    {"feld", "angebote.bedarfe", "Angebote: Bedarfe", "offers: needs"},
    {"feld", "angebote.zugang", "Angebote: Zugang", "offers: access"},
    {"feld", "angebote.plaetze", "Angebote: Pl\xc3\xa4tze", "offers: places"},
    {"feld", "angebote.beginn", "Angebote: Beginn", "offers: start"},
    {"feld", "angebote.ende", "Angebote: Ende", "offers: end"},
    {"feld", "mittel.jahr", "Mittel: Jahr", "funds: year"},
    {"feld", "mittel.baustein", "Mittel: Baustein", "funds: module"},
    {"feld", "mittel.bewilligt", "Mittel: bewilligt", "funds: granted"},
    {"feld", "mittel.verausgabt", "Mittel: verausgabt", "funds: spent"},
    {"*", "ohne_angabe", "ohne Angabe", "not stated"},
};

static const code_label *find_code(const char *dimension, const char *code)
{
    for (size_t i = 0; i < sizeof code_labels / sizeof code_labels[0]; i++) {
        const code_label *c = &code_labels[i];
        if ((strcmp(c->dimension, dimension) == 0 || strcmp(c->dimension, "*") == 0) &&
            strcmp(c->code, code) == 0)
            return c;
    }
    return NULL;
}

const char *label_dimension(report_lang lang, const char *dimension)
{
    const code_label *c = find_code("dimension", dimension);
    if (!c)
        return dimension;
    return lang == REPORT_LANG_EN ? c->en : c->de;
}

/*
 * A text that names the region's units, as a city with Stadtbezirke says it:
 * the longer phrases first, so that the grammar holds ("in der Kommune" is
 * "im Stadtbezirk"). Writes into buf and returns it.
 */
static const char *const district_words[][2] = {
    {"der Tr\xc3\xa4ger und Kommunen", "der Tr\xc3\xa4ger und der Stadt"},
    {"providers and municipalities", "providers and the city"},
    {"in der Kommune", "im Stadtbezirk"},
    {"Kommunen", "Stadtbezirke"},
    {"Kommune", "Stadtbezirk"},
    {"the municipality", "the city district"},
    {"municipalities", "city districts"},
    {"municipality", "city district"},
};

static const char *districts(const char *text, char *buf, size_t size)
{
    size_t o = 0;
    const char *p = text;
    while (*p && o + 1 < size) {
        size_t k = 0, n = sizeof district_words / sizeof district_words[0];
        while (k < n && strncmp(p, district_words[k][0], strlen(district_words[k][0])) != 0)
            k++;
        if (k < n) {
            int w = snprintf(buf + o, size - o, "%s", district_words[k][1]);
            o += w > 0 ? (size_t)w : 0;
            if (o >= size)
                o = size - 1;
            p += strlen(district_words[k][0]);
        } else {
            buf[o++] = *p++;
        }
    }
    buf[o] = '\0';
    return buf;
}

/* The district wording of each label, made once (labels are static for the program's life). */
static char *district_labels[L_COUNT][2];

const char *label_cfg(const config *cfg, report_lang lang, label_id id)
{
    const char *text = label(lang, id);
    if (!cfg || cfg->region_unit != REGION_UNIT_STADTBEZIRK || (unsigned)id >= L_COUNT ||
        (!strstr(text, "Kommun") && !strstr(text, "municipal")))
        return text;
    int l = lang == REPORT_LANG_EN;
    if (!district_labels[id][l]) {
        char buf[4096];
        district_labels[id][l] = strdup(districts(text, buf, sizeof buf));
        if (!district_labels[id][l])
            return text;
    }
    return district_labels[id][l];
}

const char *label_dimension_cfg(const config *cfg, report_lang lang, const char *dimension)
{
    if (cfg && cfg->region_unit == REGION_UNIT_STADTBEZIRK && strcmp(dimension, "kommune") == 0)
        return lang == REPORT_LANG_EN ? "city district" : "Stadtbezirk";
    return label_dimension(lang, dimension);
}

const char *label_baustein(const config *cfg, int nr)
{
    if (nr < 1 || nr > CODEBOOK_BAUSTEINE)
        return "";
    if (cfg && cfg->baustein_names[nr])
        return cfg->baustein_names[nr];
    return codebook_baustein_names[nr];
}

#define TIMES "\xc3\x97"

char *label_category(char *buf, size_t size, const config *cfg, report_lang lang,
                     const char *dimension, const char *code)
{
    const char *dx = strstr(dimension, TIMES), *cx = strstr(code, TIMES);
    if (dx && cx) {
        char d1[64], c1[128], a[256], b[256];
        snprintf(d1, sizeof d1, "%.*s", (int)(dx - dimension), dimension);
        snprintf(c1, sizeof c1, "%.*s", (int)(cx - code), code);
        label_category(a, sizeof a, cfg, lang, d1, c1);
        label_category(b, sizeof b, cfg, lang, dx + strlen(TIMES), cx + strlen(TIMES));
        snprintf(buf, size, "%s \xc2\xb7 %s", a, b);
        return buf;
    }
    if (strcmp(dimension, "baustein") == 0) {
        char *end;
        long nr = strtol(code, &end, 10);
        if (*end == '\0' && nr >= 1 && nr <= CODEBOOK_BAUSTEINE) {
            snprintf(buf, size, "%ld %s", nr, label_baustein(cfg, (int)nr));
            return buf;
        }
    }
    const code_label *c = find_code(dimension, code);
    const char *name = c ? (lang == REPORT_LANG_EN ? c->en : c->de) : code;
    if (c && cfg && cfg->region_unit == REGION_UNIT_STADTBEZIRK) {
        char tmp[512];
        snprintf(buf, size, "%s", districts(name, tmp, sizeof tmp));
        return buf;
    }
    snprintf(buf, size, "%s", name);
    return buf;
}
