/*
 * generate.c - durchblick-samples: deterministic synthetic exports of a region.
 *
 * Records are drawn first and rendered afterwards, so one seed gives the same
 * records in every dialect (canonical, German Excel, survey tool). Three
 * independent PRNG streams keep that true: one for the records, one for the
 * way a dialect spells them (word variants, short dates), one for bad rows;
 * --errors therefore never shifts the valid rows either.
 *
 * Output is streamed row by row: memory does not grow with --rows.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "config.h"
#include "diag.h"
#include "error.h"
#include "options.h"
#include "strmap.h"
#include "textfold.h"
#include "i18n.h"

#ifndef DURCHBLICK_VERSION
#define DURCHBLICK_VERSION "0.0.0"
#endif

#define PROGRAM "durchblick-samples"

/* The snapshot date of every export: participations ending later still run. */
#define STICHTAG_Y 2023
#define STICHTAG_M 9
#define STICHTAG_D 30

#define MAX_CODES 12
#define MAX_WORDS 8
#define MAX_COLUMNS 48
#define N_PARTS_MAX 3

/* ------------------------------------------------------------------------- */
/* PRNG: xoshiro256** seeded by splitmix64, identical on every machine.      */
/* ------------------------------------------------------------------------- */

typedef struct rng {
    uint64_t s[4];
} rng;

/* Advances a splitmix64 state and returns its next output (seeding only). */
static uint64_t splitmix64_next(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Seeds stream number `stream` of seed: distinct streams are independent. */
static void rng_seed(rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64_next(&x);
}

/* Rotates x left by k bits. */
static uint64_t rotl64(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* Returns the next 64 random bits (xoshiro256**). */
static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl64(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl64(s[3], 45);
    return result;
}

/* Returns a number in [0, n) (n >= 1); integer-only so it is exact everywhere. */
static uint32_t rng_below(rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Returns a number in [lo, hi]. */
static int rng_range(rng *r, int lo, int hi)
{
    return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

/* Returns 1 with probability permille / 1000. */
static int rng_chance(rng *r, unsigned permille)
{
    return rng_below(r, 1000) < permille;
}

/* Returns index i with probability w[i] / sum(w). */
static int rng_weighted(rng *r, const unsigned *w, int n)
{
    unsigned total = 0;
    for (int i = 0; i < n; i++)
        total += w[i];
    unsigned x = rng_below(r, total);
    for (int i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

/* ------------------------------------------------------------------------- */
/* Dates as day numbers (days since 1970-01-01), Howard Hinnant's algorithms. */
/* ------------------------------------------------------------------------- */

#define DATE_NONE INT_MIN
/* A bad row's impossible date "30 February of year y": rendered, never computed with. */
#define DATE_FEB30(y) (-1000000 - (y))
#define DATE_IS_FEB30(d) ((d) != DATE_NONE && (d) <= -1000000)

/* Returns the day number of y-m-d. */
static int date_days(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153u * (unsigned)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (unsigned)d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int)doe - 719468;
}

/* Splits day number z into year, month and day. */
static void date_civil(int z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)yoe + era * 400 + (*m <= 2);
}

/* Returns the year of day number z. */
static int date_year(int z)
{
    int y, m, d;
    date_civil(z, &y, &m, &d);
    return y;
}

/* ------------------------------------------------------------------------- */
/* Output: a buffered CSV writer that quotes and re-encodes as it goes.      */
/* ------------------------------------------------------------------------- */

#define WRITER_CAP (1u << 20)

typedef struct writer {
    FILE *fp;
    char *buf;
    size_t len;
    char delim;
    const char *eol;
    int cp1252;    /* re-encode UTF-8 text as Windows-1252 */
    int quote_all; /* survey tools quote every cell */
    int col;       /* cells written in the current row */
    int failed;
} writer;

/* Writes the buffer out; remembers a short write for the exit status. */
static void writer_flush(writer *w)
{
    if (w->len && fwrite(w->buf, 1, w->len, w->fp) != w->len)
        w->failed = 1;
    w->len = 0;
}

/* Makes room for n more bytes. */
static void writer_reserve(writer *w, size_t n)
{
    if (w->len + n > WRITER_CAP)
        writer_flush(w);
}

/* Appends bytes without quoting or re-encoding (BOM, "sep=;", line ends). */
static void writer_raw(writer *w, const char *s, size_t n)
{
    writer_reserve(w, n);
    if (n > WRITER_CAP) {
        if (fwrite(s, 1, n, w->fp) != n)
            w->failed = 1;
        return;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

/* Returns the Windows-1252 byte of code point cp, '?' where there is none. */
static unsigned char cp1252_byte(unsigned cp)
{
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
        return (unsigned char)cp;
    static const struct {
        unsigned short cp;
        unsigned char b;
    } table[] = {
        {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85},
        {0x2020, 0x86}, {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A},
        {0x2039, 0x8B}, {0x0152, 0x8C}, {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92},
        {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97},
        {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B}, {0x0153, 0x9C},
        {0x017E, 0x9E}, {0x0178, 0x9F},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].cp == cp)
            return table[i].b;
    return '?';
}

/* Writes one cell of UTF-8 text s[0..n): delimiter before, quotes where CSV needs them. */
static void writer_cell_n(writer *w, const char *s, size_t n)
{
    if (w->col++)
        writer_raw(w, &w->delim, 1);
    int quote = w->quote_all;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == w->delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    writer_reserve(w, 2 * n + 2);
    char *o = w->buf + w->len;
    if (quote)
        *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"') {
            *o++ = '"';
            *o++ = '"';
        } else if (c < 0x80 || !w->cp1252) {
            *o++ = (char)c;
        } else {
            /* Our texts are valid UTF-8 of at most three bytes per character. */
            unsigned cp;
            if ((c & 0xE0) == 0xC0 && i + 1 < n) {
                cp = ((c & 0x1Fu) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
                i += 1;
            } else if ((c & 0xF0) == 0xE0 && i + 2 < n) {
                cp = ((c & 0x0Fu) << 12) | (((unsigned char)s[i + 1] & 0x3Fu) << 6) |
                     ((unsigned char)s[i + 2] & 0x3Fu);
                i += 2;
            } else {
                cp = '?';
            }
            *o++ = (char)cp1252_byte(cp);
        }
    }
    if (quote)
        *o++ = '"';
    w->len = (size_t)(o - w->buf);
}

/* Writes one cell of NUL-terminated UTF-8 text. */
static void writer_cell(writer *w, const char *s)
{
    writer_cell_n(w, s, strlen(s));
}

/* Ends the row. */
static void writer_end_row(writer *w)
{
    writer_raw(w, w->eol, strlen(w->eol));
    w->col = 0;
}

/* Formats v in decimal into out (capacity >= 24); returns the length. */
static size_t format_int(char *out, long long v)
{
    char tmp[24];
    size_t n = 0, len = 0;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        out[len++] = '-';
    while (n)
        out[len++] = tmp[--n];
    out[len] = '\0';
    return len;
}

/* Writes an integer cell. */
static void writer_int(writer *w, long long v)
{
    char buf[24];
    writer_cell_n(w, buf, format_int(buf, v));
}

/* ------------------------------------------------------------------------- */
/* Vocabulary: the words of German exports, kept only where the config maps  */
/* them, so every word we write resolves under the region's config.          */
/* ------------------------------------------------------------------------- */

typedef enum {
    LEX_GESCHLECHT,
    LEX_STATUS,
    LEX_LEISTUNG,
    LEX_DE_EIN,
    LEX_DE_AUS,
    LEX_SCHULE,
    LEX_BEDARFE,
    LEX_VERBLEIB,
    LEX_PRUEFUNG,
    LEX_BAUSTEIN,
    LEX_ZUGANG,
    LEX_COUNT
} lex_id;

typedef const char *const word_row[MAX_WORDS];

/* Candidate words per code, in codebook order; the first is the one a survey tool writes. */
static word_row cand_geschlecht[] = {
    {"weiblich", "Frau", "w"}, {"männlich", "Mann", "m"}, {"divers", "d"},
    {"keine Angabe", "k. A.", "ohne Angabe"}};
static word_row cand_status[] = {
    {"Aufenthaltsgestattung", "gestattet", "Gestattung nach § 55 AsylG", "Gestattung"},
    {"Duldung", "geduldet", "§ 60a AufenthG", "Ausbildungsduldung", "Beschäftigungsduldung",
     "§ 60c AufenthG"},
    {"Aufenthaltserlaubnis", "AE", "Aufenthaltserlaubnis § 25 Abs. 5",
     "Aufenthaltserlaubnis § 25a", "Aufenthaltserlaubnis § 25 Abs. 2", "§ 104c AufenthG",
     "Chancen-Aufenthaltsrecht"},
    {"Niederlassungserlaubnis", "NE"},
    {"Sonstiger Status", "sonstige"},
    {"ungeklärt", "unbekannt", "k. A."}};
static word_row cand_leistung[] = {
    {"AsylbLG", "Asylbewerberleistungsgesetz"},
    {"SGB II", "Bürgergeld", "ALG II"},
    {"SGB XII"},
    {"keine Leistungen", "kein Leistungsbezug", "keine"},
    {"k. A.", "unbekannt"}};
static word_row cand_cefr[] = {{"keine Deutschkenntnisse", "keine", "ohne"},
                               {"A1"}, {"A2"}, {"B1"}, {"B2"}, {"C1"}, {"C2"}};
static word_row cand_schule[] = {
    {"ohne Abschluss", "kein Abschluss"},
    {"Hauptschulabschluss Klasse 9", "HSA 9", "Hauptschulabschluss nach Klasse 9"},
    {"Hauptschulabschluss Klasse 10", "HSA 10", "Hauptschulabschluss nach Klasse 10"},
    {"Fachoberschulreife", "Mittlerer Schulabschluss", "FOR"},
    {"Hochschulzugangsberechtigung", "Abitur", "Fachhochschulreife"},
    {"ausländischer Abschluss (anerkannt)"},
    {"ausländischer Abschluss (nicht anerkannt)"}};
static word_row cand_bedarfe[] = {
    {"Sprache", "Deutsch", "Sprachförderung"}, {"Schulabschluss"}, {"Ausbildung"},
    {"Arbeit", "Arbeitsaufnahme"}, {"Qualifizierung"},
    {"Aufenthaltsrecht", "Aufenthaltssicherung"}, {"Wohnen", "Wohnung"}, {"Gesundheit"},
    {"Kinderbetreuung"}, {"Sonstiges"}};
static word_row cand_verbleib[] = {
    {"Ausbildung", "Berufsausbildung"},
    {"sozialversicherungspflichtige Beschäftigung", "Arbeit",
     "sozialversicherungspflichtige Arbeit"},
    {"geringfügige Beschäftigung", "Minijob", "sonstige Arbeit"},
    {"Qualifizierung/Sprachkurs", "Sprachkurs", "weitere Maßnahme", "Qualifizierung"},
    {"Schule", "Schulbesuch"},
    {"Abbruch", "vorzeitig beendet"},
    {"Wegzug", "verzogen"},
    {"Ausreise/Abschiebung", "Ausreise", "Abschiebung"},
    {"Sonstiges"},
    {"unbekannt", "nicht bekannt"}};
static word_row cand_pruefung[] = {{"bestanden"},
                                   {"nicht bestanden", "durchgefallen"},
                                   {"nicht teilgenommen", "nicht angetreten"}};
static word_row cand_baustein[] = {
    {"1", "Coaching"},
    {"2", "Berufsbegleitende Qualifizierung", "Sprachförderung"},
    {"3", "Hauptschulabschluss", "Nachträglicher Erwerb des Hauptschulabschlusses"},
    {"4", "Jugendintegrationskurs", "Berufsvorbereitende Kurse"},
    {"5", "Innovationsfonds"},
    {"6", "Teilhabemanagement"}};
static word_row cand_zugang[] = {
    {"Aufenthaltsgestattung", "gestattet"}, {"Duldung", "geduldet"},
    {"Aufenthaltserlaubnis", "AE"},         {"Niederlassungserlaubnis", "NE"},
    {"Sonstige", "alle"},                   {"unbekannt"}};

static const char *const baustein_codes[] = {"1", "2", "3", "4", "5", "6", NULL};

/* A code list with the words the config maps onto each code (the code itself if none). */
typedef struct lexicon {
    const char *field; /* [values.FIELD] section */
    const char *const *codes;
    int n;
    const char *words[MAX_CODES][MAX_WORDS];
    int n_words[MAX_CODES];
} lexicon;

/* Writes the textfold key of s into key (capacity cap). */
static void key_of(const char *s, char *key, size_t cap)
{
    textfold_key(s, strlen(s), key, cap);
}

/* Returns 1 if the config reads word as code of field. */
static int word_maps(const config *cfg, const char *field, const char *word, const char *code)
{
    char key[256], ckey[256];
    key_of(word, key, sizeof key);
    key_of(code, ckey, sizeof ckey);
    const char *v = config_value_lookup(cfg, field, key);
    if (v)
        return strcmp(v, code) == 0;
    return strcmp(key, ckey) == 0; /* codes are always recognised */
}

/* Fills lex with the candidates of field that resolve under cfg. */
static void lexicon_build(lexicon *lex, const config *cfg, const char *field,
                          const char *const *codes, word_row *cand)
{
    lex->field = field;
    lex->codes = codes;
    lex->n = 0;
    while (codes[lex->n])
        lex->n++;
    for (int c = 0; c < lex->n; c++) {
        int k = 0;
        for (int j = 0; j < MAX_WORDS && cand[c][j]; j++)
            if (word_maps(cfg, field, cand[c][j], codes[c]))
                lex->words[c][k++] = cand[c][j];
        if (k == 0)
            lex->words[c][k++] = codes[c];
        lex->n_words[c] = k;
    }
}

/* Nationalities of the target group: alpha-3, alpha-2, German name as iso-codes has it. */
typedef struct nation {
    const char *alpha3, *alpha2, *german;
    unsigned weight; /* per mille */
} nation;

static const nation nations[] = {
    {"SYR", "SY", "Syrien", 230},   {"AFG", "AF", "Afghanistan", 200},
    {"IRQ", "IQ", "Irak", 120},     {"GIN", "GN", "Guinea", 95},
    {"ERI", "ER", "Eritrea", 60},   {"IRN", "IR", "Iran", 60},
    {"SOM", "SO", "Somalia", 50},   {"TUR", "TR", "Türkei", 50},
    {"NGA", "NG", "Nigeria", 50},   {"ETH", "ET", "Äthiopien", 20},
    {"PAK", "PK", "Pakistan", 20},  {"GMB", "GM", "Gambia", 15},
    {"ALB", "AL", "Albanien", 10},
};
#define N_NATIONS ((int)(sizeof nations / sizeof nations[0]))

/* Inhabitants (thousands) of the shipped regions' municipalities: bigger towns get more cases. */
static const struct {
    const char *name;
    unsigned thousands;
} populations[] = {
    {"Bünde", 45}, {"Enger", 20}, {"Herford", 67}, {"Hiddenhausen", 19},
    {"Kirchlengern", 16}, {"Löhne", 40}, {"Rödinghausen", 10}, {"Spenge", 15},
    {"Vlotho", 18}, {"Breckerfeld", 9}, {"Ennepetal", 30}, {"Gevelsberg", 31},
    {"Hattingen", 54}, {"Herdecke", 22}, {"Schwelm", 28}, {"Sprockhövel", 25},
    {"Wetter (Ruhr)", 27}, {"Witten", 96}, {"Erkelenz", 44}, {"Gangelt", 12},
    {"Geilenkirchen", 27}, {"Heinsberg", 42}, {"Hückelhoven", 40}, {"Selfkant", 10},
    {"Übach-Palenberg", 24}, {"Waldfeucht", 9}, {"Wassenberg", 18}, {"Wegberg", 28},
    {"Dormagen", 64}, {"Grevenbroich", 64}, {"Jüchen", 23}, {"Kaarst", 43},
    {"Korschenbroich", 33}, {"Meerbusch", 56}, {"Neuss", 153}, {"Rommerskirchen", 13},
    {"Barmen", 60}, {"Cronenberg", 21}, {"Elberfeld", 67}, {"Elberfeld-West", 27},
    {"Heckinghausen", 21}, {"Langerfeld-Beyenburg", 25}, {"Oberbarmen", 45},
    {"Ronsdorf", 23}, {"Uellendahl-Katernberg", 38}, {"Vohwinkel", 32},
};

/* Providers; %s = "im Kreis Herford", %K = the largest municipality. Some need CSV quotes. */
static const char *const provider_templates[] = {
    "Diakonisches Werk %s e.V.",                              /* 0 */
    "Caritasverband %s e.V.",                                 /* 1 */
    "AWO Bildungswerk %s gGmbH",                              /* 2 */
    "Volkshochschule %s",                                     /* 3 */
    "Berufskolleg %K",                                        /* 4 */
    "Bildungszentrum \"Brücke\" gGmbH",                       /* 5 */
    "Jugendwerkstatt %K; Verbund Arbeit und Ausbildung",      /* 6 */
    "IN VIA, Katholischer Verband für Mädchen- und Frauensozialarbeit", /* 7 */
    "DRK-Kreisverband %s e.V.",                               /* 8 */
    "Kommunales Integrationszentrum %s",                      /* 9 */
    "Agentur für Arbeit %K",                                  /* 10 */
    "Jugendmigrationsdienst %K – Internationaler Bund",       /* 11 */
};
#define N_PROVIDERS ((int)(sizeof provider_templates / sizeof provider_templates[0]))

/* Which providers run each Baustein, and how often. */
static const unsigned provider_weights[7][N_PROVIDERS] = {
    {0},
    {60, 40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
    {0, 0, 50, 35, 0, 0, 15, 0, 0, 0, 0, 0},
    {0, 0, 0, 30, 70, 0, 0, 0, 0, 0, 0, 0},
    {0, 0, 35, 40, 0, 25, 0, 0, 0, 0, 0, 0},
    {0, 0, 0, 0, 0, 50, 50, 0, 0, 0, 0, 0},
    {0, 0, 0, 0, 0, 0, 0, 25, 25, 50, 0, 0},
};

/* ------------------------------------------------------------------------- */
/* Records                                                                   */
/* ------------------------------------------------------------------------- */

/* Field positions as in codebook.c (checked at start-up). */
enum {
    T_FALL_ID, T_KOMMUNE, T_GEBURTSJAHR, T_GESCHLECHT, T_STAAT, T_STATUS, T_LEISTUNG,
    T_DE_EIN, T_DE_AUS, T_SCHULE, T_BEDARFE, T_BAUSTEIN, T_TRAEGER, T_EINTRITT,
    T_AUSTRITT, T_VERBLEIB, T_VERBLEIB_DATUM, T_ABSCHLUSS, T_PRUEFUNG, T_COUNT
};
enum { A_ID, A_BAUSTEIN, A_TITEL, A_TRAEGER, A_KOMMUNE, A_BEDARFE, A_ZUGANG, A_PLAETZE,
       A_BEGINN, A_ENDE, A_COUNT };
enum { M_JAHR, M_BAUSTEIN, M_BEWILLIGT, M_VERAUSGABT, M_COUNT };

static const int field_counts[DATASET_COUNT] = {T_COUNT, A_COUNT, M_COUNT};

/* Code positions used by the generator's rules. */
enum { G_W, G_M, G_D, G_X };
enum { S_GESTATTUNG, S_DULDUNG, S_AE, S_NE, S_SONSTIGE, S_UNBEKANNT };
enum { L_ASYLBLG, L_SGB2, L_SGB12, L_KEINER, L_UNBEKANNT };
enum { C_OHNE, C_A1, C_A2, C_B1, C_B2, C_C1, C_C2 };
enum { SA_KEIN, SA_HSA9, SA_HSA10, SA_FOS, SA_HZB, SA_AUSL_ANERKANNT, SA_AUSL_NICHT };
enum { B_SPRACHE, B_SCHULABSCHLUSS, B_AUSBILDUNG, B_ARBEIT, B_QUALIFIZIERUNG, B_AUFENTHALT,
       B_WOHNEN, B_GESUNDHEIT, B_KINDERBETREUUNG, B_SONSTIGES, B_COUNT };
enum { V_AUSBILDUNG, V_ARBEIT, V_ARBEIT_SONSTIGE, V_QUALIFIZIERUNG, V_SCHULE, V_ABBRUCH,
       V_WEGZUG, V_AUSREISE, V_SONSTIGES, V_UNBEKANNT, V_COUNT };
enum { P_BESTANDEN, P_NICHT_BESTANDEN, P_NICHT_TEILGENOMMEN };

#define BIT(i) (1u << (i))

/* One participation; codes are positions in the codebook lists, -1 = empty. */
typedef struct teilnahme {
    char fall_id[48];
    int kommune;
    int geburtsjahr;
    int geschlecht, staat, status, leistung, de_ein, de_aus, schule;
    unsigned bedarfe;
    int baustein;
    int traeger;
    int eintritt, austritt, verbleib_datum;
    int verbleib, abschluss, pruefung;
    int raw_field;        /* a bad row's field written as raw_text, or -1 */
    const char *raw_text;
} teilnahme;

typedef struct angebot {
    char id[32];
    int baustein; /* 0 = outside the programme */
    int titel;    /* offer template */
    int titel_kommune;
    int traeger;
    int kommune;
    unsigned bedarfe, zugang;
    long long plaetze;
    int beginn, ende;
    int raw_field;
    const char *raw_text;
} angebot;

typedef struct mittel {
    int jahr, baustein;
    long long bewilligt, verausgabt; /* cents */
    int raw_field;
    const char *raw_text;
} mittel;

/* Offer templates of a region's inventory (Angebotsanalyse). */
typedef struct offer_template {
    const char *titel;
    int baustein;
    unsigned bedarfe, zugang;
    int plaetze_lo, plaetze_hi;
    int provider[3]; /* -1 ends */
    unsigned weight;
    int with_kommune; /* title names the place */
} offer_template;

#define Z_GDA (BIT(S_GESTATTUNG) | BIT(S_DULDUNG) | BIT(S_AE))
#define Z_ALL (Z_GDA | BIT(S_NE))

static const offer_template offer_templates[] = {
    {"Einzelcoaching Ausbildung und Arbeit", 1,
     BIT(B_AUSBILDUNG) | BIT(B_ARBEIT) | BIT(B_SPRACHE), Z_GDA, 15, 40, {0, 1, -1}, 8, 1},
    {"Coaching für junge Geflüchtete", 1,
     BIT(B_AUSBILDUNG) | BIT(B_ARBEIT) | BIT(B_QUALIFIZIERUNG), Z_ALL, 10, 30, {1, 0, -1}, 5, 0},
    {"Berufsbegleitender Deutschkurs B1/B2", 2, BIT(B_SPRACHE) | BIT(B_ARBEIT), Z_GDA, 12, 20,
     {3, 2, -1}, 6, 1},
    {"Qualifizierung Lager und Logistik", 2, BIT(B_QUALIFIZIERUNG) | BIT(B_ARBEIT), Z_GDA, 8,
     16, {2, 6, -1}, 3, 0},
    {"Hauptschulabschluss-Kurs (HSA 10)", 3, BIT(B_SCHULABSCHLUSS) | BIT(B_SPRACHE), Z_GDA, 15,
     25, {4, 3, -1}, 4, 0},
    {"Berufsvorbereitender Kurs „Fit für die Ausbildung“", 4,
     BIT(B_AUSBILDUNG) | BIT(B_SPRACHE), Z_GDA, 10, 20, {2, 5, 3}, 5, 1},
    {"Werkstattprojekt „Zukunft Handwerk“", 5,
     BIT(B_AUSBILDUNG) | BIT(B_QUALIFIZIERUNG) | BIT(B_SPRACHE), Z_GDA, 8, 12, {6, 5, -1}, 2, 0},
    {"Café International – Sprachtreff", 5, BIT(B_SPRACHE) | BIT(B_SONSTIGES),
     Z_ALL | BIT(S_SONSTIGE), 15, 40, {5, 6, -1}, 2, 1},
    {"Teilhabemanagement", 6,
     BIT(B_AUFENTHALT) | BIT(B_WOHNEN) | BIT(B_GESUNDHEIT) | BIT(B_ARBEIT) | BIT(B_SONSTIGES),
     Z_GDA, 20, 40, {9, 8, 7}, 6, 1},
    /* Outside the programme: federal and local offers, some closed to Duldung or Gestattung. */
    {"Integrationskurs", 0, BIT(B_SPRACHE), BIT(S_GESTATTUNG) | BIT(S_AE) | BIT(S_NE), 15, 25,
     {3, 2, -1}, 5, 1},
    {"Berufssprachkurs (DeuFöV)", 0, BIT(B_SPRACHE) | BIT(B_ARBEIT), Z_ALL, 15, 25, {3, 2, -1},
     4, 0},
    {"Migrationsberatung für Erwachsene (MBE)", 0,
     BIT(B_AUFENTHALT) | BIT(B_WOHNEN) | BIT(B_SONSTIGES), BIT(S_AE) | BIT(S_NE), 20, 40,
     {1, 0, 8}, 3, 1},
    {"Jugendmigrationsdienst", 0,
     BIT(B_AUSBILDUNG) | BIT(B_SCHULABSCHLUSS) | BIT(B_SPRACHE), Z_ALL, 20, 40, {11, -1, -1}, 2,
     0},
    {"Einstiegsqualifizierung (EQ)", 0, BIT(B_AUSBILDUNG), BIT(S_DULDUNG) | BIT(S_AE) | BIT(S_NE),
     5, 15, {10, -1, -1}, 3, 0},
    {"Assistierte Ausbildung (AsA flex)", 0, BIT(B_AUSBILDUNG) | BIT(B_SPRACHE),
     BIT(S_DULDUNG) | BIT(S_AE) | BIT(S_NE), 5, 20, {10, 2, -1}, 2, 0},
    {"Bleiberechtsberatung", 0, BIT(B_AUFENTHALT), BIT(S_GESTATTUNG) | BIT(S_DULDUNG), 10, 30,
     {0, 1, -1}, 2, 0},
    {"Psychosoziale Beratung für Geflüchtete", 0, BIT(B_GESUNDHEIT), Z_ALL | BIT(S_SONSTIGE), 5,
     20, {0, 1, -1}, 2, 0},
    {"Wohnraumlotsen", 0, BIT(B_WOHNEN), Z_ALL, 10, 30, {8, 9, -1}, 2, 1},
    {"Kinderbetreuung während des Sprachkurses", 0, BIT(B_KINDERBETREUUNG) | BIT(B_SPRACHE),
     Z_ALL, 5, 12, {3, 2, -1}, 2, 0},
    {"Bewerbungswerkstatt", 0, BIT(B_ARBEIT) | BIT(B_AUSBILDUNG), Z_ALL, 8, 15, {11, 6, 2}, 3,
     1},
};
#define N_OFFERS ((int)(sizeof offer_templates / sizeof offer_templates[0]))

/* ------------------------------------------------------------------------- */
/* Bad rows: one broken rule each, the classes of data.md.                    */
/* ------------------------------------------------------------------------- */

static const char *const bad_teilnahmen[] = {
    "invalid date (eintritt 30.02.)", "austritt before eintritt", "unknown code (aufenthaltsstatus)",
    "missing required field (kommune)", "geburtsjahr in the future", "fall_id with bad characters",
    "baustein 7", "kommune not in the region", "verbleib missing although austritt",
    "verbleib_datum before eintritt", NULL};
static const char *const bad_angebote[] = {
    "invalid date (beginn 30.02.)", "ende before beginn", "missing required field (titel)",
    "baustein 7", "negative plaetze", "kommune not in the region", "plaetze not a number", NULL};
static const char *const bad_mittel[] = {
    "jahr not a year", "baustein 7", "negative verausgabt", "missing required field (bewilligt)",
    "bewilligt not an amount", NULL};
static const char *const *const bad_classes[DATASET_COUNT] = {bad_teilnahmen, bad_angebote,
                                                              bad_mittel};

/* ------------------------------------------------------------------------- */
/* The generator                                                             */
/* ------------------------------------------------------------------------- */

typedef enum { DIALECT_CANONICAL, DIALECT_EXCEL, DIALECT_SURVEY } dialect;

/* One output column: a field, or one member of a set field (survey), or Excel's empty one. */
typedef struct column {
    int field;  /* -1: Excel's trailing empty column */
    int member; /* set member code index, or -1 */
    char header[128];
} column;

typedef struct gen {
    const config *cfg;
    dataset_kind kind;
    dialect dialect;
    writer w;
    rng rec;  /* records */
    rng look; /* how a dialect spells them */
    rng bad;  /* bad rows */
    lexicon lex[LEX_COUNT];
    unsigned *kommune_weight;
    char **kommune_plain; /* umlauts written out (Loehne), or NULL if none */
    char providers[N_PROVIDERS][160];
    char prefix[16];      /* fall_id prefix from the region slug: KH */
    column cols[MAX_COLUMNS];
    int n_cols;
    int short_dates; /* this Excel row writes DD.MM.YY */
    int stichtag;
} gen;

/* Returns the field name of dataset kind's field i. */
static const char *field_name(dataset_kind kind, int i)
{
    return codebook_dataset_get(kind)->fields[i].name;
}

/* Returns 1 if the config reads header as field of the dataset. */
static int header_maps(const gen *g, const char *header, const char *field)
{
    char key[256], fkey[256];
    key_of(header, key, sizeof key);
    key_of(field, fkey, sizeof fkey);
    const char *v = strmap_get(g->cfg->columns[g->kind], key);
    if (v)
        return strcmp(v, field) == 0;
    return strcmp(key, fkey) == 0; /* codebook names are always recognised */
}

/* Adds a column for field with the first candidate header the config maps (else the field name). */
static void columns_add(gen *g, int field, const char *const *cand)
{
    const char *name = field_name(g->kind, field);
    const char *pick = name;
    for (int i = 0; cand && cand[i]; i++) {
        if (header_maps(g, cand[i], name)) {
            pick = cand[i];
            break;
        }
    }
    column *c = &g->cols[g->n_cols++];
    c->field = field;
    c->member = -1;
    snprintf(c->header, sizeof c->header, "%s", pick);
}

/* Adds one 0/1 column per member of set field: "Bedarfe [Sprache]". */
static void columns_add_members(gen *g, int field, const char *prefix, lex_id lex,
                                unsigned members)
{
    const lexicon *l = &g->lex[lex];
    const char *name = field_name(g->kind, field);
    if (!header_maps(g, prefix, name))
        prefix = name;
    for (int m = 0; m < l->n; m++) {
        if (!(members & BIT(m)))
            continue;
        column *c = &g->cols[g->n_cols++];
        c->field = field;
        c->member = m;
        snprintf(c->header, sizeof c->header, "%s [%s]", prefix, l->words[m][0]);
    }
}

/* A NULL-terminated list of candidate headers, first choice first (see [columns.*]). */
#define H(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Lays out the columns of the dataset in the dialect. */
static void columns_build(gen *g)
{
    g->n_cols = 0;
    if (g->dialect == DIALECT_CANONICAL) {
        for (int f = 0; f < field_counts[g->kind]; f++)
            columns_add(g, f, NULL);
        return;
    }
    int excel = g->dialect == DIALECT_EXCEL;
    switch (g->kind) {
    case DATASET_TEILNAHMEN:
        if (excel) {
            /* An Excel list puts the case and the measure first, the person after. */
            columns_add(g, T_FALL_ID, H("Fallnummer", "Fall-Nr"));
            columns_add(g, T_BAUSTEIN, H("Förderbaustein", "Modul"));
            columns_add(g, T_TRAEGER, H("Träger", "Maßnahmeträger"));
            columns_add(g, T_EINTRITT, H("Eintrittsdatum", "Maßnahmebeginn"));
            columns_add(g, T_AUSTRITT, H("Austrittsdatum", "Maßnahmeende"));
            columns_add(g, T_KOMMUNE, H("Wohnort", "Gemeinde"));
            columns_add(g, T_GEBURTSJAHR, H("Geburtsjahr", "Jahrgang"));
            columns_add(g, T_GESCHLECHT, H("Geschlecht"));
            columns_add(g, T_STAAT, H("Staatsangehörigkeit", "Nationalität"));
            columns_add(g, T_STATUS, H("Aufenthaltsstatus", "Aufenthaltstitel"));
            columns_add(g, T_LEISTUNG, H("Leistungsbezug", "Leistungen"));
            columns_add(g, T_DE_EIN, H("Deutschkenntnisse bei Eintritt", "Deutsch Eintritt"));
            columns_add(g, T_DE_AUS, H("Deutschkenntnisse bei Austritt", "Deutsch Austritt"));
            columns_add(g, T_SCHULE, H("Schulabschluss", "Höchster Schulabschluss"));
            columns_add(g, T_BEDARFE, H("Bedarfe", "Bedarf"));
            columns_add(g, T_VERBLEIB, H("Verbleib", "Verbleib nach Austritt"));
            columns_add(g, T_VERBLEIB_DATUM, H("Verbleib seit", "Datum Verbleib"));
            columns_add(g, T_ABSCHLUSS, H("Schulabschluss erreicht", "Abschluss erreicht"));
            columns_add(g, T_PRUEFUNG, H("Sprachprüfung", "Prüfung"));
        } else {
            columns_add(g, T_FALL_ID, H("TN-ID", "Teilnehmer-ID"));
            columns_add(g, T_KOMMUNE, H("Gemeinde", "Wohnort (Kommune)"));
            columns_add(g, T_GEBURTSJAHR, H("Jahrgang", "Geb.-Jahr"));
            columns_add(g, T_GESCHLECHT, H("Geschlecht"));
            columns_add(g, T_STAAT, H("Herkunftsland", "Nationalität"));
            columns_add(g, T_STATUS, H("Aufenthaltsrechtlicher Status", "Aufenthaltstitel"));
            columns_add(g, T_LEISTUNG, H("Leistungen", "Leistungsbezug"));
            columns_add(g, T_DE_EIN, H("Sprachniveau Eintritt", "Deutsch Eintritt"));
            columns_add(g, T_DE_AUS, H("Sprachniveau Austritt", "Deutsch Austritt"));
            columns_add(g, T_SCHULE, H("Höchster Schulabschluss", "Schulabschluss"));
            columns_add_members(g, T_BEDARFE, "Bedarfe", LEX_BEDARFE, 0x3FFu);
            columns_add(g, T_BAUSTEIN, H("Modul", "Förderbaustein"));
            columns_add(g, T_TRAEGER, H("Anbieter", "Träger"));
            columns_add(g, T_EINTRITT, H("Maßnahmebeginn", "Eintrittsdatum"));
            columns_add(g, T_AUSTRITT, H("Maßnahmeende", "Austrittsdatum"));
            columns_add(g, T_VERBLEIB, H("Anschluss", "Verbleib nach Austritt"));
            columns_add(g, T_VERBLEIB_DATUM, H("Datum Verbleib", "Verbleib seit"));
            columns_add(g, T_ABSCHLUSS, H("HSA erreicht", "Abschluss erreicht"));
            columns_add(g, T_PRUEFUNG, H("Prüfungsergebnis", "Prüfung"));
        }
        break;
    case DATASET_ANGEBOTE:
        if (excel) {
            columns_add(g, A_ID, H("Angebotsnummer", "Angebots-Nr"));
            columns_add(g, A_TITEL, H("Titel des Angebots", "Angebot"));
            columns_add(g, A_BAUSTEIN, H("Förderbaustein"));
            columns_add(g, A_TRAEGER, H("Träger", "Anbieter"));
            columns_add(g, A_KOMMUNE, H("Ort", "Gemeinde"));
            columns_add(g, A_BEDARFE, H("Zielbedarfe", "Bedarf"));
            columns_add(g, A_ZUGANG, H("Zugang für", "Offen für"));
            columns_add(g, A_PLAETZE, H("Plätze", "Anzahl Plätze"));
            columns_add(g, A_BEGINN, H("Beginn"));
            columns_add(g, A_ENDE, H("Ende"));
        } else {
            columns_add(g, A_ID, H("Angebot-ID", "Angebotsnummer"));
            columns_add(g, A_BAUSTEIN, H("Förderbaustein"));
            columns_add(g, A_TITEL, H("Bezeichnung", "Titel des Angebots"));
            columns_add(g, A_TRAEGER, H("Anbieter", "Träger"));
            columns_add(g, A_KOMMUNE, H("Gemeinde", "Ort"));
            columns_add_members(g, A_BEDARFE, "Bedarfe", LEX_BEDARFE, 0x3FFu);
            /* A survey offers the statuses, not "unbekannt". */
            columns_add_members(g, A_ZUGANG, "Zugang", LEX_ZUGANG, 0x1Fu);
            columns_add(g, A_PLAETZE, H("Anzahl Plätze", "Plätze"));
            columns_add(g, A_BEGINN, H("Beginn"));
            columns_add(g, A_ENDE, H("Ende"));
        }
        break;
    case DATASET_MITTEL:
    default:
        columns_add(g, M_JAHR, H("Haushaltsjahr"));
        columns_add(g, M_BAUSTEIN, H("Förderbaustein"));
        if (excel) {
            columns_add(g, M_BEWILLIGT, H("Bewilligt (EUR)", "Bewilligte Mittel"));
            columns_add(g, M_VERAUSGABT, H("Verausgabt (EUR)", "Verausgabte Mittel"));
        } else {
            columns_add(g, M_BEWILLIGT, H("Bewilligte Mittel", "Bewilligt (EUR)"));
            columns_add(g, M_VERAUSGABT, H("Verausgabte Mittel", "Verausgabt (EUR)"));
        }
        break;
    }
    if (excel) {
        /* Excel's CSV often carries an empty last column. */
        column *c = &g->cols[g->n_cols++];
        c->field = -1;
        c->member = -1;
        c->header[0] = '\0';
    }
}

/* Writes the header row (and the survey tool's BOM and "sep=;" line). */
static void gen_write_header(gen *g)
{
    if (g->dialect == DIALECT_SURVEY) {
        writer_raw(&g->w, "\xEF\xBB\xBF", 3);
        writer_raw(&g->w, "sep=;", 5);
        writer_raw(&g->w, g->w.eol, strlen(g->w.eol));
    }
    for (int i = 0; i < g->n_cols; i++)
        writer_cell(&g->w, g->cols[i].header);
    writer_end_row(&g->w);
}

/* Writes the blank rows Excel leaves at the end of a sheet. */
static void gen_write_trailer(gen *g)
{
    if (g->dialect != DIALECT_EXCEL)
        return;
    for (int r = 0; r < 3; r++) {
        for (int i = 0; i < g->n_cols; i++)
            writer_cell(&g->w, "");
        writer_end_row(&g->w);
    }
}

/* ------------------------------------------------------------------------- */
/* Rendering of single values                                                */
/* ------------------------------------------------------------------------- */

/* Returns the spelling of code of lexicon lex in the dialect (Excel varies it). */
static const char *word_pick(gen *g, lex_id lex, int code)
{
    const lexicon *l = &g->lex[lex];
    if (g->dialect == DIALECT_CANONICAL)
        return l->codes[code];
    int n = l->n_words[code];
    if (g->dialect == DIALECT_SURVEY || n == 1 || rng_below(&g->look, 100) < 70)
        return l->words[code][0];
    return l->words[code][1 + rng_below(&g->look, (uint32_t)(n - 1))];
}

/* Writes a code cell (empty for -1). */
static void put_code(gen *g, lex_id lex, int code)
{
    writer_cell(&g->w, code < 0 ? "" : word_pick(g, lex, code));
}

/* Writes a date cell: ISO, DD.MM.YYYY, or DD.MM.YY on some Excel rows. */
static void put_date(gen *g, int days)
{
    if (days == DATE_NONE) {
        writer_cell(&g->w, "");
        return;
    }
    int y, m, d;
    if (DATE_IS_FEB30(days)) {
        y = -1000000 - days;
        m = 2;
        d = 30;
    } else {
        date_civil(days, &y, &m, &d);
    }
    char b[16];
    size_t n;
    if (g->dialect == DIALECT_CANONICAL) {
        b[0] = (char)('0' + y / 1000 % 10);
        b[1] = (char)('0' + y / 100 % 10);
        b[2] = (char)('0' + y / 10 % 10);
        b[3] = (char)('0' + y % 10);
        b[4] = '-';
        b[5] = (char)('0' + m / 10);
        b[6] = (char)('0' + m % 10);
        b[7] = '-';
        b[8] = (char)('0' + d / 10);
        b[9] = (char)('0' + d % 10);
        n = 10;
    } else {
        b[0] = (char)('0' + d / 10);
        b[1] = (char)('0' + d % 10);
        b[2] = '.';
        b[3] = (char)('0' + m / 10);
        b[4] = (char)('0' + m % 10);
        b[5] = '.';
        if (g->short_dates) {
            b[6] = (char)('0' + y / 10 % 10);
            b[7] = (char)('0' + y % 10);
            n = 8;
        } else {
            b[6] = (char)('0' + y / 1000 % 10);
            b[7] = (char)('0' + y / 100 % 10);
            b[8] = (char)('0' + y / 10 % 10);
            b[9] = (char)('0' + y % 10);
            n = 10;
        }
    }
    writer_cell_n(&g->w, b, n);
}

/* Writes a boolean cell: 1/0, ja/nein, Ja/Nein; empty for -1. */
static void put_bool(gen *g, int v)
{
    static const char *const words[3][2] = {{"0", "1"}, {"nein", "ja"}, {"Nein", "Ja"}};
    writer_cell(&g->w, v < 0 ? "" : words[g->dialect][v != 0]);
}

/* Writes an amount of cents: 12345.67, "12.345,67 €" (Excel) or 12345,67 (survey). */
static void put_money(gen *g, long long cents)
{
    char b[48], digits[24];
    size_t n = 0;
    unsigned long long u = cents < 0 ? 0ull - (unsigned long long)cents
                                     : (unsigned long long)cents;
    size_t nd = format_int(digits, (long long)(u / 100));
    if (cents < 0)
        b[n++] = '-';
    for (size_t i = 0; i < nd; i++) {
        /* German Excel groups thousands with '.' */
        if (g->dialect == DIALECT_EXCEL && i > 0 && (nd - i) % 3 == 0)
            b[n++] = '.';
        b[n++] = digits[i];
    }
    b[n++] = g->dialect == DIALECT_CANONICAL ? '.' : ',';
    b[n++] = (char)('0' + u % 100 / 10);
    b[n++] = (char)('0' + u % 10);
    if (g->dialect == DIALECT_EXCEL) {
        memcpy(b + n, " \xE2\x82\xAC", 4); /* " €" */
        n += 4;
    }
    writer_cell_n(&g->w, b, n);
}

/* Writes a set field as one cell: "sprache|arbeit" or "Sprache; Arbeit". */
static void put_set(gen *g, lex_id lex, unsigned mask)
{
    char b[512];
    size_t n = 0;
    const char *sep = g->dialect == DIALECT_CANONICAL ? "|" : "; ";
    for (int i = 0; i < g->lex[lex].n; i++) {
        if (!(mask & BIT(i)))
            continue;
        const char *word = word_pick(g, lex, i);
        size_t wl = strlen(word), sl = n ? strlen(sep) : 0;
        if (n + sl + wl >= sizeof b)
            break;
        memcpy(b + n, sep, sl);
        memcpy(b + n + sl, word, wl);
        n += sl + wl;
    }
    writer_cell_n(&g->w, b, n);
}

/* Writes a municipality: Excel sometimes spells out umlauts or leaves a trailing space. */
static void put_kommune(gen *g, int k)
{
    const char *name = g->cfg->kommunen[k];
    if (g->dialect == DIALECT_EXCEL) {
        uint32_t x = rng_below(&g->look, 100);
        if (x < 8 && g->kommune_plain[k]) {
            writer_cell(&g->w, g->kommune_plain[k]);
            return;
        }
        if (x >= 97) {
            char b[256];
            snprintf(b, sizeof b, "%s ", name);
            writer_cell(&g->w, b);
            return;
        }
    }
    writer_cell(&g->w, name);
}

/* Writes a Baustein number; Excel sometimes names it ("Coaching"). Bad ones stay digits. */
static void put_baustein(gen *g, int b)
{
    if (b < 1)
        writer_cell(&g->w, "");
    else if (b > CODEBOOK_BAUSTEINE || g->dialect != DIALECT_EXCEL ||
             g->lex[LEX_BAUSTEIN].n_words[b - 1] < 2 || rng_below(&g->look, 100) >= 10)
        writer_int(&g->w, b);
    else
        writer_cell(&g->w, g->lex[LEX_BAUSTEIN].words[b - 1][1 + rng_below(
                               &g->look, (uint32_t)(g->lex[LEX_BAUSTEIN].n_words[b - 1] - 1))]);
}

/* Starts a data row: Excel rows draw whether they use two-digit years. */
static void row_begin(gen *g)
{
    g->short_dates = g->dialect == DIALECT_EXCEL && rng_below(&g->look, 100) < 8;
}

/* ------------------------------------------------------------------------- */
/* teilnahmen                                                                */
/* ------------------------------------------------------------------------- */

/* Returns a municipality index, weighted by inhabitants. */
static int pick_kommune(gen *g, rng *r)
{
    return rng_weighted(r, g->kommune_weight, (int)g->cfg->n_kommunen);
}

/* Returns a provider for Baustein b, or -1 (the field is left empty now and then). */
static int pick_provider(rng *r, int b)
{
    if (rng_chance(r, 30))
        return -1;
    return rng_weighted(r, provider_weights[b], N_PROVIDERS);
}

/* Draws a code from weights whose last entry means "empty"; returns -1 for that. */
static int pick_or_empty(rng *r, const unsigned *w, int n_codes)
{
    int i = rng_weighted(r, w, n_codes + 1);
    return i == n_codes ? -1 : i;
}

/* Draws the person: fields shared by all of a person's participations. */
static void person_draw(gen *g, rng *r, teilnahme *p, int first_year)
{
    static const unsigned ages[] = {3, 18, 24, 26, 26, 24, 22, 18, 14, 12, 9, 3, 2, 1}; /* 17..30 */
    static const unsigned sex[] = {270, 710, 5, 15};
    static const unsigned status[] = {40, 38, 17, 1, 2, 2};
    static const unsigned leistung[][6] = {
        {84, 2, 1, 9, 3, 1},   /* gestattung */
        {84, 2, 1, 9, 3, 1},   /* duldung */
        {10, 55, 3, 25, 4, 3}, /* aufenthaltserlaubnis */
        {0, 40, 0, 55, 5, 0},  /* niederlassungserlaubnis */
        {50, 10, 0, 20, 20, 0},
        {50, 10, 0, 20, 20, 0},
    };
    static const unsigned deutsch[] = {120, 370, 310, 140, 40, 0, 0, 20};
    static const unsigned schule[] = {300, 80, 50, 30, 25, 60, 285, 170};
    unsigned nat_w[N_NATIONS + 1];

    p->kommune = pick_kommune(g, r);
    p->geburtsjahr = first_year - (17 + rng_weighted(r, ages, 14));
    p->geschlecht = rng_weighted(r, sex, 4);
    for (int i = 0; i < N_NATIONS; i++)
        nat_w[i] = nations[i].weight;
    nat_w[N_NATIONS] = 20;
    p->staat = pick_or_empty(r, nat_w, N_NATIONS);
    p->status = rng_weighted(r, status, 6);
    p->leistung = pick_or_empty(r, leistung[p->status], 5);
    p->de_ein = pick_or_empty(r, deutsch, 7);
    p->schule = pick_or_empty(r, schule, 7);

    /* Needs follow the person: no certificate -> Schulabschluss, Duldung -> Aufenthalt. */
    unsigned need[B_COUNT] = {850, 300, 450, 450, 250, 80, 200, 100, 30, 50};
    if (p->de_ein >= C_B1)
        need[B_SPRACHE] = 450;
    if (p->schule < 0 || p->schule == SA_KEIN || p->schule == SA_AUSL_NICHT)
        need[B_SCHULABSCHLUSS] = 450;
    if (p->status == S_DULDUNG)
        need[B_AUFENTHALT] = 450;
    else if (p->status == S_GESTATTUNG)
        need[B_AUFENTHALT] = 250;
    if (p->geschlecht == G_W)
        need[B_KINDERBETREUUNG] = 150;
    p->bedarfe = 0;
    for (int i = 0; i < B_COUNT; i++)
        if (rng_chance(r, need[i]))
            p->bedarfe |= BIT(i);
    /* Always at least one need: an all-0 survey row and an empty cell must not differ. */
    if (!p->bedarfe)
        p->bedarfe = BIT(B_SPRACHE);
}

/* Draws the course of one participation that began at t->eintritt in t->baustein. */
static void participation_draw(gen *g, rng *r, teilnahme *t, int force_exit)
{
    static const int dur[7][2] = {{0, 0}, {90, 600}, {60, 300}, {180, 330},
                                  {90, 300}, {30, 270}, {120, 720}};
    static const unsigned verbleib[V_COUNT] = {15, 14, 6, 14, 7, 15, 7, 5, 5, 12};
    static const unsigned verbleib_hsa[V_COUNT] = {18, 8, 4, 12, 14, 14, 7, 5, 5, 13};
    static const unsigned shift[] = {35, 52, 13};
    static const unsigned pruefung[] = {58, 20, 22};

    int b = t->baustein;
    t->traeger = pick_provider(r, b);
    int days = rng_range(r, dur[b][0], dur[b][1]);
    int v = rng_weighted(r, b == 3 ? verbleib_hsa : verbleib, V_COUNT);
    if (v == V_ABBRUCH)
        days = days * rng_range(r, 20, 70) / 100 + 7;
    int aus = t->eintritt + days;
    if (force_exit && aus > g->stichtag) {
        aus = g->stichtag - rng_range(r, 0, 30);
        if (aus < t->eintritt)
            aus = t->eintritt;
    }
    t->austritt = DATE_NONE;
    t->verbleib = t->abschluss = t->pruefung = t->de_aus = -1;
    t->verbleib_datum = DATE_NONE;
    if (aus > g->stichtag)
        return; /* still running on the export date */

    t->austritt = aus;
    t->verbleib = v;
    int vd = DATE_NONE;
    switch (v) {
    case V_AUSBILDUNG: {
        /* Apprenticeships start on 1 August or 1 September. */
        int y, m, d;
        date_civil(aus, &y, &m, &d);
        if (m >= 4 && m <= 8 && rng_chance(r, 700))
            vd = date_days(y, rng_chance(r, 500) ? 8 : 9, 1);
        else if (rng_chance(r, 850))
            vd = aus + rng_range(r, 1, 42);
        if (vd != DATE_NONE && vd < aus)
            vd = aus + rng_range(r, 1, 14);
        break;
    }
    case V_ARBEIT:
    case V_ARBEIT_SONSTIGE:
    case V_QUALIFIZIERUNG:
    case V_SCHULE:
        if (rng_chance(r, 850))
            vd = aus + rng_range(r, 1, 42);
        break;
    case V_WEGZUG:
    case V_AUSREISE:
        if (rng_chance(r, 700))
            vd = aus + rng_range(r, 0, 21);
        break;
    default:
        if (rng_chance(r, 250))
            vd = aus;
        break;
    }
    t->verbleib_datum = vd != DATE_NONE && vd <= g->stichtag ? vd : DATE_NONE;

    if (t->de_ein >= 0 && rng_chance(r, 850)) {
        int up = v == V_ABBRUCH && rng_chance(r, 700) ? 0 : rng_weighted(r, shift, 3);
        t->de_aus = t->de_ein + up > C_C2 ? C_C2 : t->de_ein + up;
    }
    if (b == 3 && rng_chance(r, 900))
        t->abschluss = v == V_ABBRUCH ? rng_chance(r, 50) : rng_chance(r, 550);
    if (b == 4 && rng_chance(r, 900))
        t->pruefung = v == V_ABBRUCH && rng_chance(r, 800) ? P_NICHT_TEILGENOMMEN
                                                           : rng_weighted(r, pruefung, 3);
}

/*
 * Draws a person and up to max participations (consecutive rows of one fall_id,
 * each in another Baustein); returns how many. seq numbers the person; bad rows
 * pass force_exit so their exit fields exist to be broken.
 */
static int person_generate(gen *g, rng *r, const char *seq, int force_exit, teilnahme *parts,
                           int max)
{
    static const unsigned year_w[] = {17, 26, 30, 27}; /* 2020..2023 */
    static const unsigned first_b[7] = {0, 33, 12, 6, 12, 5, 32};
    static const unsigned next_b[7] = {0, 20, 25, 15, 25, 5, 20};
    static const unsigned n_parts[] = {80, 17, 3};

    int year = 2020 + rng_weighted(r, year_w, force_exit ? 3 : 4);
    int lo = date_days(year, year == 2020 ? 2 : 1, 1);
    int hi = year == 2023 ? g->stichtag - 14 : date_days(year, 12, 31);
    teilnahme p;
    p.eintritt = rng_range(r, lo, hi);
    person_draw(g, r, &p, year);
    snprintf(p.fall_id, sizeof p.fall_id, "%s-%d-%s", g->prefix, year, seq);
    p.raw_field = -1;
    p.raw_text = NULL;

    int k = force_exit ? 1 : 1 + rng_weighted(r, n_parts, 3);
    if (k > max)
        k = max;
    unsigned used = 0;
    int n = 0;
    for (int i = 0; i < k; i++) {
        teilnahme *t = &parts[n];
        *t = p;
        unsigned w[7];
        for (int b = 0; b < 7; b++)
            w[b] = (used & BIT(b)) ? 0 : (i == 0 ? first_b[b] : next_b[b]);
        t->baustein = rng_weighted(r, w, 7);
        used |= BIT(t->baustein);
        if (i > 0) {
            const teilnahme *prev = &parts[n - 1];
            t->eintritt = prev->eintritt + rng_range(r, 14, 300);
            t->de_ein = prev->de_aus >= 0 ? prev->de_aus : prev->de_ein;
            if (t->eintritt > g->stichtag - 7)
                break; /* the next step has not begun yet */
        }
        participation_draw(g, r, t, force_exit);
        n++;
    }
    return n;
}

/* Breaks one rule of data.md in an exited participation (bad row class cls). */
static void teilnahme_break(gen *g, rng *r, teilnahme *t, int cls)
{
    switch (cls) {
    case 0:
        t->eintritt = DATE_FEB30(date_year(t->eintritt));
        break;
    case 1:
        t->austritt = t->eintritt - rng_range(r, 5, 60);
        t->verbleib_datum = DATE_NONE;
        break;
    case 2:
        t->raw_field = T_STATUS;
        t->raw_text = "Fiktionsbescheinigung";
        break;
    case 3:
        t->raw_field = T_KOMMUNE;
        t->raw_text = "";
        break;
    case 4:
        t->geburtsjahr = 2102; /* a typo of 2002 */
        break;
    case 5: {
        /* "KH 2021/F00006": a space and a slash, as when typed by hand. */
        int dashes = 0;
        for (char *c = t->fall_id; *c; c++)
            if (*c == '-')
                *c = dashes++ ? '/' : ' ';
        break;
    }
    case 6:
        t->baustein = 7;
        break;
    case 7:
        t->raw_field = T_KOMMUNE;
        t->raw_text = "Bielefeld";
        break;
    case 8:
        t->verbleib = -1;
        t->verbleib_datum = DATE_NONE;
        break;
    default:
        t->verbleib_datum = t->eintritt - rng_range(r, 10, 100);
        break;
    }
    (void)g;
}

/* Writes one participation in the dialect. */
static void teilnahme_write(gen *g, const teilnahme *t)
{
    row_begin(g);
    writer *w = &g->w;
    for (int i = 0; i < g->n_cols; i++) {
        const column *c = &g->cols[i];
        if (c->field < 0) {
            writer_cell(w, "");
            continue;
        }
        if (c->field == t->raw_field) {
            writer_cell(w, t->raw_text);
            continue;
        }
        switch (c->field) {
        case T_FALL_ID: writer_cell(w, t->fall_id); break;
        case T_KOMMUNE: put_kommune(g, t->kommune); break;
        case T_GEBURTSJAHR: writer_int(w, t->geburtsjahr); break;
        case T_GESCHLECHT: put_code(g, LEX_GESCHLECHT, t->geschlecht); break;
        case T_STAAT:
            if (t->staat < 0)
                writer_cell(w, "");
            else if (g->dialect == DIALECT_CANONICAL)
                writer_cell(w, nations[t->staat].alpha3);
            else if (g->dialect == DIALECT_EXCEL && rng_below(&g->look, 100) < 8)
                writer_cell(w, nations[t->staat].alpha2);
            else
                writer_cell(w, nations[t->staat].german);
            break;
        case T_STATUS: put_code(g, LEX_STATUS, t->status); break;
        case T_LEISTUNG: put_code(g, LEX_LEISTUNG, t->leistung); break;
        case T_DE_EIN: put_code(g, LEX_DE_EIN, t->de_ein); break;
        case T_DE_AUS: put_code(g, LEX_DE_AUS, t->de_aus); break;
        case T_SCHULE: put_code(g, LEX_SCHULE, t->schule); break;
        case T_BEDARFE:
            if (c->member >= 0)
                writer_cell(w, (t->bedarfe & BIT(c->member)) ? "1" : "0");
            else
                put_set(g, LEX_BEDARFE, t->bedarfe);
            break;
        case T_BAUSTEIN: put_baustein(g, t->baustein); break;
        case T_TRAEGER: writer_cell(w, t->traeger < 0 ? "" : g->providers[t->traeger]); break;
        case T_EINTRITT: put_date(g, t->eintritt); break;
        case T_AUSTRITT: put_date(g, t->austritt); break;
        case T_VERBLEIB: put_code(g, LEX_VERBLEIB, t->verbleib); break;
        case T_VERBLEIB_DATUM: put_date(g, t->verbleib_datum); break;
        case T_ABSCHLUSS: put_bool(g, t->abschluss); break;
        case T_PRUEFUNG: put_code(g, LEX_PRUEFUNG, t->pruefung); break;
        default: writer_cell(w, ""); break;
        }
    }
    writer_end_row(w);
}

/* Returns after how many valid rows bad row i of total goes: spread evenly. */
static uint64_t bad_position(uint64_t i, uint64_t total, uint64_t rows)
{
    return (i + 1) * rows / (total + 1);
}

/* Writes the teilnahmen export: rows valid participations and the bad rows among them. */
static void teilnahmen_run(gen *g, uint64_t rows, uint64_t bad_total, int n_classes)
{
    teilnahme parts[N_PARTS_MAX];
    char seq[32];
    uint64_t done = 0, person = 0, bad = 0;
    while (done < rows || bad < bad_total) {
        /* Bad rows go between persons, never inside one person's run of rows. */
        while (bad < bad_total && (bad_position(bad, bad_total, rows) <= done || done >= rows)) {
            snprintf(seq, sizeof seq, "F%05llu", (unsigned long long)bad + 1);
            person_generate(g, &g->bad, seq, 1, parts, 1);
            teilnahme_break(g, &g->bad, &parts[0], (int)(bad % (uint64_t)n_classes));
            teilnahme_write(g, &parts[0]);
            bad++;
        }
        if (done >= rows)
            break;
        uint64_t left = rows - done;
        snprintf(seq, sizeof seq, "%06llu", (unsigned long long)++person);
        int k = person_generate(g, &g->rec, seq, 0, parts,
                                left < N_PARTS_MAX ? (int)left : N_PARTS_MAX);
        for (int i = 0; i < k; i++)
            teilnahme_write(g, &parts[i]);
        done += (uint64_t)k;
    }
}

/* ------------------------------------------------------------------------- */
/* angebote                                                                  */
/* ------------------------------------------------------------------------- */

/* Draws offer number seq of the region's inventory. */
static void angebot_generate(gen *g, rng *r, const char *seq, angebot *a)
{
    unsigned w[N_OFFERS];
    for (int i = 0; i < N_OFFERS; i++)
        w[i] = offer_templates[i].weight;
    int t = rng_weighted(r, w, N_OFFERS);
    const offer_template *o = &offer_templates[t];
    snprintf(a->id, sizeof a->id, "%s-ANG-%s", g->prefix, seq);
    a->titel = t;
    a->baustein = o->baustein;
    a->kommune = pick_kommune(g, r);
    a->titel_kommune = o->with_kommune && rng_chance(r, 600);
    int np = 0;
    while (np < 3 && o->provider[np] >= 0)
        np++;
    a->traeger = rng_chance(r, 50) ? -1 : o->provider[rng_below(r, (uint32_t)np)];
    a->bedarfe = o->bedarfe;
    if (rng_chance(r, 200))
        a->bedarfe |= BIT(rng_below(r, B_COUNT));
    a->zugang = o->zugang;
    /* Some providers' funding rules shut out tolerated persons. */
    if (a->baustein == 0 && (a->zugang & BIT(S_GESTATTUNG)) && rng_chance(r, 150))
        a->zugang &= ~BIT(S_DULDUNG);
    a->plaetze = rng_range(r, o->plaetze_lo, o->plaetze_hi);
    a->beginn = a->ende = DATE_NONE;
    if (a->baustein > 0 || rng_chance(r, 500)) {
        a->beginn = rng_range(r, date_days(2020, 1, 1), date_days(2022, 12, 31));
        if (rng_chance(r, 850)) {
            int y, m, d;
            date_civil(a->beginn + rng_range(r, 180, 730), &y, &m, &d);
            /* Offers end at a month's end. */
            a->ende = date_days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
        }
    }
    a->raw_field = -1;
    a->raw_text = NULL;
}

/* Breaks one rule in a dated offer (bad row class cls). */
static void angebot_break(angebot *a, rng *r, int cls)
{
    if (a->beginn == DATE_NONE)
        a->beginn = date_days(2021, 3, 1);
    if (a->ende == DATE_NONE)
        a->ende = date_days(2022, 2, 28);
    switch (cls) {
    case 0: a->beginn = DATE_FEB30(date_year(a->beginn)); break;
    case 1: a->ende = a->beginn - rng_range(r, 1, 200); break;
    case 2: a->raw_field = A_TITEL; a->raw_text = ""; break;
    case 3: a->baustein = 7; break;
    case 4: a->plaetze = -rng_range(r, 1, 20); break;
    case 5: a->raw_field = A_KOMMUNE; a->raw_text = "Bielefeld"; break;
    default: a->raw_field = A_PLAETZE; a->raw_text = "ca. 20"; break;
    }
}

/* Writes one offer in the dialect. */
static void angebot_write(gen *g, const angebot *a)
{
    row_begin(g);
    writer *w = &g->w;
    char titel[256];
    for (int i = 0; i < g->n_cols; i++) {
        const column *c = &g->cols[i];
        if (c->field < 0) {
            writer_cell(w, "");
            continue;
        }
        if (c->field == a->raw_field) {
            writer_cell(w, a->raw_text);
            continue;
        }
        switch (c->field) {
        case A_ID: writer_cell(w, a->id); break;
        case A_BAUSTEIN: put_baustein(g, a->baustein); break;
        case A_TITEL:
            if (a->titel_kommune)
                snprintf(titel, sizeof titel, "%s in %s", offer_templates[a->titel].titel,
                         g->cfg->kommunen[a->kommune]);
            else
                snprintf(titel, sizeof titel, "%s", offer_templates[a->titel].titel);
            writer_cell(w, titel);
            break;
        case A_TRAEGER: writer_cell(w, a->traeger < 0 ? "" : g->providers[a->traeger]); break;
        case A_KOMMUNE: put_kommune(g, a->kommune); break;
        case A_BEDARFE:
            if (c->member >= 0)
                writer_cell(w, (a->bedarfe & BIT(c->member)) ? "1" : "0");
            else
                put_set(g, LEX_BEDARFE, a->bedarfe);
            break;
        case A_ZUGANG:
            if (c->member >= 0)
                writer_cell(w, (a->zugang & BIT(c->member)) ? "1" : "0");
            else
                put_set(g, LEX_ZUGANG, a->zugang);
            break;
        case A_PLAETZE: writer_int(w, a->plaetze); break;
        case A_BEGINN: put_date(g, a->beginn); break;
        case A_ENDE: put_date(g, a->ende); break;
        default: writer_cell(w, ""); break;
        }
    }
    writer_end_row(w);
}

/* Writes the angebote export. */
static void angebote_run(gen *g, uint64_t rows, uint64_t bad_total, int n_classes)
{
    angebot a;
    char seq[32];
    uint64_t bad = 0;
    for (uint64_t i = 0; i <= rows; i++) {
        while (bad < bad_total && (bad_position(bad, bad_total, rows) <= i || i == rows)) {
            snprintf(seq, sizeof seq, "F%03llu", (unsigned long long)bad + 1);
            angebot_generate(g, &g->bad, seq, &a);
            angebot_break(&a, &g->bad, (int)(bad % (uint64_t)n_classes));
            angebot_write(g, &a);
            bad++;
        }
        if (i == rows)
            break;
        snprintf(seq, sizeof seq, "%03llu", (unsigned long long)i + 1);
        angebot_generate(g, &g->rec, seq, &a);
        angebot_write(g, &a);
    }
}

/* ------------------------------------------------------------------------- */
/* mittel                                                                    */
/* ------------------------------------------------------------------------- */

/* Draws row i: year 2020 + i / 6, Baustein 1 + i % 6. */
static void mittel_generate(rng *r, uint64_t i, mittel *m)
{
    static const int granted[7][2] = {{0, 0}, {150000, 400000}, {60000, 200000},
                                      {40000, 150000}, {60000, 220000}, {20000, 80000},
                                      {120000, 350000}};
    m->jahr = 2020 + (int)(i / CODEBOOK_BAUSTEINE);
    m->baustein = 1 + (int)(i % CODEBOOK_BAUSTEINE);
    /* Grants come in hundreds of euros; 2020 (the pandemic start) spent less of them. */
    long long euros = 100LL * rng_range(r, granted[m->baustein][0] / 100,
                                        granted[m->baustein][1] / 100);
    m->bewilligt = euros * 100;
    int share = m->jahr == 2020 ? rng_range(r, 700, 850) : rng_range(r, 780, 1000);
    m->verausgabt = m->bewilligt * share / 1000 - (share < 1000 ? rng_range(r, 0, 99) : 0);
    m->raw_field = -1;
    m->raw_text = NULL;
}

/* Breaks one rule of a funding row (bad row class cls). */
static void mittel_break(mittel *m, int cls)
{
    switch (cls) {
    case 0: m->raw_field = M_JAHR; m->raw_text = "2O22"; break;
    case 1: m->baustein = 7; break;
    case 2: m->verausgabt = -m->verausgabt; break;
    case 3: m->raw_field = M_BEWILLIGT; m->raw_text = ""; break;
    default: m->raw_field = M_BEWILLIGT; m->raw_text = "ca. 10.000"; break;
    }
}

/* Writes one funding row in the dialect. */
static void mittel_write(gen *g, const mittel *m)
{
    row_begin(g);
    for (int i = 0; i < g->n_cols; i++) {
        const column *c = &g->cols[i];
        if (c->field < 0)
            writer_cell(&g->w, "");
        else if (c->field == m->raw_field)
            writer_cell(&g->w, m->raw_text);
        else if (c->field == M_JAHR)
            writer_int(&g->w, m->jahr);
        else if (c->field == M_BAUSTEIN)
            put_baustein(g, m->baustein);
        else
            put_money(g, c->field == M_BEWILLIGT ? m->bewilligt : m->verausgabt);
    }
    writer_end_row(&g->w);
}

/* Writes the mittel export. */
static void mittel_run(gen *g, uint64_t rows, uint64_t bad_total, int n_classes)
{
    mittel m;
    uint64_t bad = 0;
    for (uint64_t i = 0; i <= rows; i++) {
        while (bad < bad_total && (bad_position(bad, bad_total, rows) <= i || i == rows)) {
            mittel_generate(&g->bad, rng_below(&g->bad, 24), &m);
            mittel_break(&m, (int)(bad % (uint64_t)n_classes));
            mittel_write(g, &m);
            bad++;
        }
        if (i == rows)
            break;
        mittel_generate(&g->rec, i, &m);
        mittel_write(g, &m);
    }
}

/* ------------------------------------------------------------------------- */
/* Set-up                                                                    */
/* ------------------------------------------------------------------------- */

/* Returns name with ä/ö/ü/ß written out, or NULL if it has none (caller frees). */
static char *plain_spelling(const char *name)
{
    static const struct {
        const char *from, *to;
    } map[] = {{"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"Ä", "Ae"},
               {"Ö", "Oe"}, {"Ü", "Ue"}, {"ß", "ss"}};
    size_t n = strlen(name);
    char *out = malloc(2 * n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int changed = 0;
    for (size_t i = 0; i < n;) {
        size_t j;
        for (j = 0; j < sizeof map / sizeof map[0]; j++)
            if (strncmp(name + i, map[j].from, 2) == 0)
                break;
        if (j < sizeof map / sizeof map[0]) {
            memcpy(out + o, map[j].to, 2);
            o += 2;
            i += 2;
            changed = 1;
        } else {
            out[o++] = name[i++];
        }
    }
    out[o] = '\0';
    if (!changed) {
        free(out);
        return NULL;
    }
    return out;
}

/* Returns the "im Kreis Herford" / "in der Stadt Wuppertal" form of the region's name. */
static void region_phrase(const char *region, char *out, size_t cap)
{
    if (strncmp(region, "Stadt ", 6) == 0)
        snprintf(out, cap, "in der %s", region);
    else
        snprintf(out, cap, "im %s", region);
}

/* Expands the provider templates for the region. */
static void providers_build(gen *g)
{
    char phrase[200];
    region_phrase(g->cfg->region_name, phrase, sizeof phrase);
    size_t big = 0;
    for (size_t i = 1; i < g->cfg->n_kommunen; i++)
        if (g->kommune_weight[i] > g->kommune_weight[big])
            big = i;
    for (int p = 0; p < N_PROVIDERS; p++) {
        char *o = g->providers[p];
        size_t cap = sizeof g->providers[p], n = 0;
        for (const char *s = provider_templates[p]; *s && n + 1 < cap; s++) {
            const char *ins = NULL;
            if (s[0] == '%' && s[1] == 's')
                ins = phrase;
            else if (s[0] == '%' && s[1] == 'K')
                ins = g->cfg->kommunen[big];
            if (ins) {
                size_t l = strlen(ins);
                if (n + l + 1 > cap)
                    l = cap - n - 1;
                memcpy(o + n, ins, l);
                n += l;
                s++;
            } else {
                o[n++] = *s;
            }
        }
        o[n] = '\0';
    }
}

/* Derives the fall_id prefix from the slug's initials: kreis-herford -> KH. */
static void prefix_build(gen *g)
{
    const char *slug = g->cfg->region_slug ? g->cfg->region_slug : g->cfg->region_name;
    size_t n = 0;
    int start = 1;
    for (const char *s = slug; *s && n + 1 < sizeof g->prefix; s++) {
        int alnum = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                    (*s >= '0' && *s <= '9');
        if (alnum && start)
            g->prefix[n++] = (char)(*s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s);
        start = !alnum;
    }
    if (!n)
        g->prefix[n++] = 'X';
    g->prefix[n] = '\0';
}

/* Checks that our field positions match codebook.c; returns 0 or -1. */
static int fields_check(void)
{
    for (int d = 0; d < DATASET_COUNT; d++)
        if (codebook_dataset_get((dataset_kind)d)->n_fields != (size_t)field_counts[d])
            return -1;
    const codebook_dataset *t = codebook_dataset_get(DATASET_TEILNAHMEN);
    if (codebook_field_index(t, "bedarfe") != T_BEDARFE ||
        codebook_field_index(t, "pruefung") != T_PRUEFUNG ||
        codebook_field_index(t, "eintritt") != T_EINTRITT ||
        codebook_field_index(codebook_dataset_get(DATASET_ANGEBOTE), "zugang") != A_ZUGANG ||
        codebook_field_index(codebook_dataset_get(DATASET_MITTEL), "verausgabt") != M_VERAUSGABT)
        return -1;
    return 0;
}

/* Prepares everything that depends on the config; returns 0 or -1 (no memory). */
static int gen_init(gen *g, const config *cfg, dataset_kind kind, dialect d, uint64_t seed,
                    FILE *fp)
{
    memset(g, 0, sizeof *g);
    g->cfg = cfg;
    g->kind = kind;
    g->dialect = d;
    g->stichtag = date_days(STICHTAG_Y, STICHTAG_M, STICHTAG_D);
    rng_seed(&g->rec, seed, 1);
    rng_seed(&g->look, seed, 2);
    rng_seed(&g->bad, seed, 3);

    g->w.fp = fp;
    g->w.buf = malloc(WRITER_CAP);
    g->w.delim = d == DIALECT_CANONICAL ? ',' : ';';
    g->w.eol = d == DIALECT_EXCEL ? "\r\n" : "\n";
    g->w.cp1252 = d == DIALECT_EXCEL;
    g->w.quote_all = d == DIALECT_SURVEY;

    lexicon_build(&g->lex[LEX_GESCHLECHT], cfg, "geschlecht", codebook_geschlecht, cand_geschlecht);
    lexicon_build(&g->lex[LEX_STATUS], cfg, "aufenthaltsstatus", codebook_aufenthaltsstatus,
                  cand_status);
    lexicon_build(&g->lex[LEX_LEISTUNG], cfg, "leistungsbezug", codebook_leistungsbezug,
                  cand_leistung);
    lexicon_build(&g->lex[LEX_DE_EIN], cfg, "deutsch_eintritt", codebook_cefr, cand_cefr);
    lexicon_build(&g->lex[LEX_DE_AUS], cfg, "deutsch_austritt", codebook_cefr, cand_cefr);
    lexicon_build(&g->lex[LEX_SCHULE], cfg, "schulabschluss", codebook_schulabschluss,
                  cand_schule);
    lexicon_build(&g->lex[LEX_BEDARFE], cfg, "bedarfe", codebook_bedarfe, cand_bedarfe);
    lexicon_build(&g->lex[LEX_VERBLEIB], cfg, "verbleib", codebook_verbleib, cand_verbleib);
    lexicon_build(&g->lex[LEX_PRUEFUNG], cfg, "pruefung", codebook_pruefung, cand_pruefung);
    lexicon_build(&g->lex[LEX_BAUSTEIN], cfg, "baustein", baustein_codes, cand_baustein);
    lexicon_build(&g->lex[LEX_ZUGANG], cfg, "zugang", codebook_aufenthaltsstatus, cand_zugang);

    size_t nk = cfg->n_kommunen;
    g->kommune_weight = calloc(nk, sizeof *g->kommune_weight);
    g->kommune_plain = calloc(nk, sizeof *g->kommune_plain);
    if (!g->w.buf || !g->kommune_weight || !g->kommune_plain)
        return -1;
    for (size_t i = 0; i < nk; i++) {
        g->kommune_weight[i] = 20; /* an average small town */
        for (size_t j = 0; j < sizeof populations / sizeof populations[0]; j++)
            if (strcmp(populations[j].name, cfg->kommunen[i]) == 0)
                g->kommune_weight[i] = populations[j].thousands;
        g->kommune_plain[i] = plain_spelling(cfg->kommunen[i]);
    }
    providers_build(g);
    prefix_build(g);
    columns_build(g);
    return 0;
}

/* Releases what gen_init allocated. */
static void gen_free(gen *g)
{
    if (g->kommune_plain)
        for (size_t i = 0; i < g->cfg->n_kommunen; i++)
            free(g->kommune_plain[i]);
    free(g->kommune_plain);
    free(g->kommune_weight);
    free(g->w.buf);
}

/* ------------------------------------------------------------------------- */
/* Command line                                                              */
/* ------------------------------------------------------------------------- */

/* Prints the help text to fp. */
static void usage_print(FILE *fp)
{
    fprintf(fp,
            _("usage: durchblick-samples --config FILE [--dataset teilnahmen|angebote|mittel]\n"
            "       [--dialect canonical|excel|survey] [--rows N] [--seed S] [--errors N]\n"
            "       [--out FILE]\n"
            "\n"
            "Writes a synthetic, realistic export of the config's region: deterministic by\n"
            "seed, the same records in every dialect, always valid input unless --errors.\n"
            "The data are invented; no real person is described.\n"
            "\n"
            "  --config FILE  region config: [region] kommunen, [columns.*], [values.*]\n"
            "  --dataset D    teilnahmen (default), angebote or mittel\n"
            "  --dialect D    canonical (default): UTF-8, ',', LF, codebook names and codes\n"
            "                 excel: Windows-1252, ';', CRLF, German headers and words,\n"
            "                        DD.MM.YYYY, \"1.234,56 €\", ja/nein, empty rows at the end\n"
            "                 survey: UTF-8 with BOM, 'sep=;', ';', every cell quoted,\n"
            "                         one 0/1 column per set member (\"Bedarfe [Sprache]\")\n"
            "  --rows N       valid rows (default: teilnahmen 500, angebote 40, mittel 24;\n"
            "                 mittel row i is year 2020 + i/6, Baustein 1 + i%%6)\n"
            "  --seed S       0 .. 2^64-1 (default 1)\n"
            "  --errors N     also mix in N bad rows of each class, each breaking one rule:\n"));
    for (int d = 0; d < DATASET_COUNT; d++) {
        int n = 0;
        while (bad_classes[d][n])
            n++;
        fprintf(fp, _("                 %s (%d classes):\n"), codebook_dataset_get((dataset_kind)d)->name, n);
        for (int i = 0; i < n; i++)
            fprintf(fp, "                   %s\n", bad_classes[d][i]);
    }
    fprintf(fp,
            _("  --out FILE     write to FILE instead of standard output\n"
            "  --help         this text\n"
            "  --version      the version\n"
            "\n"
            "Exit status: 0 written, 1 the output could not be written, 2 usage or config error.\n"));
}

/* Parses a non-negative decimal number; returns 0 or -1. */
static int parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s || *s == '-' || *s == '+')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

enum { OPT_CONFIG = 1, OPT_DATASET, OPT_DIALECT, OPT_ROWS, OPT_SEED, OPT_ERRORS, OPT_OUT, OPT_HELP, OPT_VERSION };

typedef struct samples_args {
    const char *config_path, *out_path, *dialect_name;
    dataset_kind kind;
    uint64_t rows, seed, errors;
    int have_rows;
} samples_args;

static int take(void *ctx, int id, const char *value)
{
    static const char *const datasets[] = {"teilnahmen", "angebote", "mittel", NULL};
    samples_args *a = ctx;
    int i;
    switch (id) {
    case OPTION_OPERAND: return options_usage_error(_("unexpected argument '%s'"), value);
    case OPT_DATASET:
        if ((i = options_choice("dataset", value, datasets)) < 0)
            return EXIT_USAGE;
        a->kind = (dataset_kind)i;
        return 0;
    case OPT_ROWS:
        if (parse_u64(value, &a->rows) != 0)
            return options_usage_error(_("--rows '%s' is not a number >= 0"), value);
        a->have_rows = 1;
        return 0;
    case OPT_SEED:
        if (parse_u64(value, &a->seed) != 0)
            return options_usage_error(_("--seed '%s' is not a number in 0..2^64-1"), value);
        return 0;
    case OPT_ERRORS:
        if (parse_u64(value, &a->errors) != 0 || a->errors > 1000000)
            return options_usage_error(_("--errors '%s' is not a number in 0..1000000"), value);
        return 0;
    case OPT_HELP: usage_print(stdout); return OPTIONS_DONE;
    default: printf(PROGRAM " " DURCHBLICK_VERSION "\n"); return OPTIONS_DONE;
    }
}

/* Parses the options, loads the config and streams the export. */
int main(int argc, char **argv)
{
    samples_args a = {NULL, NULL, "canonical", DATASET_TEILNAHMEN, 0, 1, 0, 0};
    const option_spec specs[] = {
        {"config", OPT_CONFIG, 1, &a.config_path}, {"dataset", OPT_DATASET, 1, NULL},
        {"dialect", OPT_DIALECT, 1, &a.dialect_name}, {"rows", OPT_ROWS, 1, NULL},
        {"seed", OPT_SEED, 1, NULL},              {"errors", OPT_ERRORS, 1, NULL},
        {"out", OPT_OUT, 1, &a.out_path},          {"help", OPT_HELP, 0, NULL},
        {"version", OPT_VERSION, 0, NULL},         {NULL, 0, 0, NULL}};

    diag_set_program(PROGRAM);
    i18n_init();
    int st = options_parse(argc, argv, 1, specs, take, &a);
    if (st != 0)
        return options_exit_status(st);
    if (!a.config_path)
        return options_usage_error(_("--config FILE is required"));
    const char *config_path = a.config_path, *out_path = a.out_path, *dialect_name = a.dialect_name;
    dataset_kind kind = a.kind;
    uint64_t rows = a.rows, seed = a.seed, errors = a.errors;
    int have_rows = a.have_rows;

    dialect d;
    if (strcmp(dialect_name, "canonical") == 0)
        d = DIALECT_CANONICAL;
    else if (strcmp(dialect_name, "excel") == 0)
        d = DIALECT_EXCEL;
    else if (strcmp(dialect_name, "survey") == 0)
        d = DIALECT_SURVEY;
    else
        return options_usage_error(_("--dialect '%s': use canonical, excel or survey"), dialect_name);

    if (!have_rows)
        rows = kind == DATASET_TEILNAHMEN ? 500 : kind == DATASET_ANGEBOTE ? 40 : 24;
    if (kind == DATASET_MITTEL && rows > (uint64_t)(9999 - 2020 + 1) * CODEBOOK_BAUSTEINE)
        return options_usage_error(_("--rows for mittel: at most 47880 (years 2020..9999)"));
    if (fields_check() != 0) {
        fprintf(stderr, PROGRAM ": codebook.c changed: samples/generate.c needs updating\n");
        return EXIT_INPUT;
    }

    config *cfg = NULL;
    if (config_load(config_path, &cfg) != DBK_OK)
        return EXIT_USAGE;
    i18n_config_language(cfg->report_language);

    FILE *fp = stdout;
    if (out_path && !(fp = fopen(out_path, "wb"))) {
        fprintf(stderr, PROGRAM ": %s: cannot write: %s\n", out_path, strerror(errno));
        config_free(cfg);
        return EXIT_INPUT;
    }

    gen *g = malloc(sizeof *g);
    int status = EXIT_DONE;
    if (!g || gen_init(g, cfg, kind, d, seed, fp) != 0) {
        fprintf(stderr, PROGRAM ": out of memory\n");
        status = EXIT_INPUT;
    } else {
        int n_classes = 0;
        while (bad_classes[kind][n_classes])
            n_classes++;
        uint64_t bad_total = errors * (uint64_t)n_classes;
        gen_write_header(g);
        if (kind == DATASET_TEILNAHMEN)
            teilnahmen_run(g, rows, bad_total, n_classes);
        else if (kind == DATASET_ANGEBOTE)
            angebote_run(g, rows, bad_total, n_classes);
        else
            mittel_run(g, rows, bad_total, n_classes);
        gen_write_trailer(g);
        writer_flush(&g->w);
        if (fflush(fp) != 0 || ferror(fp) || g->w.failed) {
            fprintf(stderr, PROGRAM ": %s: write failed: %s\n", out_path ? out_path : "stdout",
                    strerror(errno));
            status = EXIT_INPUT;
        }
    }
    if (g)
        gen_free(g);
    free(g);
    if (out_path && fclose(fp) != 0 && status == EXIT_DONE) {
        fprintf(stderr, PROGRAM ": %s: write failed: %s\n", out_path, strerror(errno));
        status = EXIT_INPUT;
    }
    config_free(cfg);
    return status;
}
