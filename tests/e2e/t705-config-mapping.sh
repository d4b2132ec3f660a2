#!/bin/sh
# Issue 10: what the config can say about real exports (docs/config.md): ignore a
# column, a value as no answer, per-option words, sections bound to a file name,
# headers by pattern and position, conflicts named with both lines; and the
# built-in readings of tool exports that need no line.
. "$(dirname "$0")/lib.sh"

# The shipped config with extra lines appended.
cfg_with() {
    { cat "$CONFIG"; printf '%s\n' "$@"; } >"$TRASH/x.ini"
    echo "$TRASH/x.ini"
}

test_expect_success '"- " ignores a column without a warning; a value mapped to - is no answer' '
    printf "fall_id,kommune,geburtsjahr,aufenthaltsstatus,baustein,eintritt,Bemerkung,geschlecht\nP1,Herford,2000,duldung,1,2022-01-10,frei,k. A.\nP2,Herford,2000,duldung,1,2022-01-11,,unbekannt\n" >a.csv &&
    c=$(cfg_with "[columns.teilnahmen]" "Bemerkung = -" "[values.geschlecht]" "unbekannt = -") &&
    durchblick-ingest --config "$c" --db a.db a.csv 2>err &&
    ! grep -q Bemerkung err &&
    test "$(sqlite3 a.db "select fall_id || \":\" || coalesce(geschlecht, \"NULL\") from teilnahmen order by 1")" = "P1:x
P2:NULL" &&
    durchblick-ingest --config "$CONFIG" --db a2.db a.csv 2>err2 && grep -q "column 7 .Bemerkung. is not in the codebook" err2
'

test_expect_success 'a required value mapped to - rejects its row as empty' '
    printf "fall_id,kommune,geburtsjahr,aufenthaltsstatus,baustein,eintritt\nP1,Herford,2000,offen,1,2022-01-10\nP2,Herford,2000,duldung,1,2022-01-10\n" >r.csv &&
    c=$(cfg_with "[values.aufenthaltsstatus]" "offen = -") &&
    durchblick-ingest --config "$c" --db r.db r.csv 2>/dev/null &&
    test "$(sqlite3 r.db "select feld || \": \" || grund from abweisungen")" = "aufenthaltsstatus: Pflichtfeld ist leer"
'

test_expect_success 'a value mapped two ways is an error naming both lines' '
    c=$(cfg_with "[values.geschlecht]" "Frau = m") &&
    line=$(grep -n "^Frau = w" "$c" | cut -d: -f1) && last=$(wc -l <"$c") &&
    test_exit_code 2 durchblick-ingest --config "$c" --db c.db r.csv 2>err &&
    grep -q "x.ini:$last: value .Frau. of geschlecht is mapped onto .m. here and onto .w. in line $line: keep one" err
'

test_expect_success 'sections bound to a file name: two providers code 1 differently, one config, one run' '
    printf "fall_id,kommune,geburtsjahr,aufenthaltsstatus,baustein,eintritt\nA1,Herford,2000,1,1,2022-01-10\n" >awo-2022.csv &&
    printf "fall_id,kommune,geburtsjahr,aufenthaltsstatus,baustein,eintritt\nC1,Herford,2000,1,1,2022-01-10\n" >caritas-2022.csv &&
    c=$(cfg_with "[values.aufenthaltsstatus @ awo-*.csv]" "1 = duldung" "[values.aufenthaltsstatus @ Caritas-*]" "1 = gestattung") &&
    durchblick-ingest --config "$c" --db p.db awo-2022.csv caritas-2022.csv 2>/dev/null &&
    test "$(sqlite3 p.db "select group_concat(fall_id || \"=\" || aufenthaltsstatus, \" \") from (select * from teilnahmen order by 1)")" = "A1=duldung C1=gestattung" &&
    printf "fall_id,kommune,geburtsjahr,aufenthaltsstatus,baustein,eintritt\nD1,Herford,2000,1,1,2022-01-10\nD2,Herford,2000,duldung,1,2022-01-10\n" >diakonie.csv &&
    durchblick-ingest --config "$c" --db p.db diakonie.csv 2>/dev/null &&
    test "$(sqlite3 p.db "select grund from abweisungen")" = "unbekannter Wert (weder Code des Codebuchs noch in der Konfiguration zugeordnet)"
'

test_expect_success 'a bound line that contradicts an unbound one is an error for a file it applies to, naming both lines' '
    c=$(cfg_with "[values.aufenthaltsstatus @ awo-*]" "geduldet = gestattung") &&
    test_exit_code 2 durchblick-ingest --config "$c" --db b.db awo-2022.csv 2>err &&
    grep -q "value .geduldet. of aufenthaltsstatus is mapped onto .gestattung. here and onto .duldung. in line [0-9]*: keep one (for awo-2022.csv)" err &&
    printf "fall_id,kommune,geburtsjahr,aufenthaltsstatus,baustein,eintritt\nC2,Herford,2000,geduldet,1,2022-01-10\n" >caritas-2023.csv &&
    durchblick-ingest --config "$c" --db b.db caritas-2023.csv 2>/dev/null &&
    test "$(sqlite3 b.db "select aufenthaltsstatus from teilnahmen")" = duldung
'

test_expect_success 'headers by position (duplicate headers) and by pattern (a question longer than a config line)' '
    long="Bitte geben Sie an, in welchem Förderbaustein des Landesprogramms die teilnehmende Person gefördert wird, und zwar so, wie es im Bewilligungsbescheid des Trägers für das laufende Jahr festgehalten ist (Pflichtangabe)" &&
    test ${#long} -gt 198 &&
    printf "fall_id,kommune,geburtsjahr,aufenthaltsstatus,\"%s\",Datum,Datum\nP1,Herford,2000,duldung,3,2022-01-10,2022-05-01\n" "$long" >d.csv &&
    c=$(cfg_with "[columns.teilnahmen]" "Bitte geben Sie an, in welchem Förderbaustein* = baustein" "Spalte 6 = eintritt" "Spalte 7 = -") &&
    durchblick-ingest --config "$c" --db d.db d.csv 2>err &&
    test "$(sqlite3 d.db "select baustein || \" \" || eintritt from teilnahmen")" = "3 2022-01-10" &&
    ! grep -q "Datum" err &&
    c2=$(cfg_with "[columns.teilnahmen]" "Datum = eintritt") &&
    test_exit_code 1 durchblick-ingest --config "$c2" --db d2.db d.csv 2>err;
    grep -q "columns 6 .Datum. and 7 .Datum. both map onto this field: keep one (in the config, .Datum = -. ignores a column, .Spalte N = eintritt. picks one by its position)" err
'

test_expect_success 'per-option columns: [values.auswahl] words, 1/2, Y/empty; summary and options disagreeing rejects the row' '
    printf "fall_id,kommune,geburtsjahr,aufenthaltsstatus,baustein,eintritt,bedarfe,bedarfe/sprache,bedarfe/arbeit\nP1,Herford,2000,duldung,1,2022-01-10,sprache,gewählt,nicht gewählt\nP2,Herford,2000,duldung,1,2022-01-11,sprache arbeit,gewählt,nicht gewählt\nP3,Herford,2000,duldung,1,2022-01-12,,2,1\n" >o.csv &&
    c=$(cfg_with "[values.auswahl]" "gewählt = 1" "nicht gewählt = 0") &&
    durchblick-ingest --config "$c" --db o.db o.csv 2>/dev/null &&
    test "$(sqlite3 o.db "select group_concat(fall_id || \"=\" || bedarfe, \" \") from (select * from teilnahmen order by 1)")" = "P1=sprache P3=arbeit" &&
    test "$(sqlite3 o.db "select zeile || \" \" || feld || \": \" || grund from abweisungen")" = "3 bedarfe: Auswahl-Spalte und Einzelspalten je Option widersprechen sich (die Einzelspalten gelten; bitte im Export prüfen)"
'

test_expect_success 'a config line for a tool metadata column does not apply, with a warning naming it' '
    printf "\357\273\277\"id\",\"submitdate\",\"lastpage\",\"startlanguage\",\"seed\",\"tn\",\"kommune\",\"geburtsjahr\",\"aufenthaltsstatus\",\"baustein\",\"eintritt\"\r\n\"7\",\"2023-01-09 08:30:00\",\"3\",\"de\",\"1234\",\"KH-1\",\"Herford\",\"2000\",\"Duldung\",\"1\",\"2022-01-10 00:00:00\"\r\n" >ls.csv &&
    c=$(cfg_with "[columns.teilnahmen]" "ID = fall_id") &&
    test_must_fail durchblick-ingest --config "$c" --db ls.db ls.csv 2>err &&
    grep -q "column 1 .id. is LimeSurvey.s own column, never a codebook field: config line [0-9]* does not apply" err &&
    grep -q "fall_id: required column missing" err &&
    c2=$(cfg_with "[columns.teilnahmen]" "tn = fall_id") &&
    durchblick-ingest --config "$c2" --db ls2.db ls.csv 2>/dev/null &&
    test "$(sqlite3 ls2.db "select fall_id from teilnahmen")" = KH-1
'

test_expect_success 'timestamps with a zone, Google Forms timestamps, accounting negatives' '
    printf "fall_id,kommune,geburtsjahr,aufenthaltsstatus,baustein,eintritt,austritt,verbleib\nP1,Herford,2000,duldung,1,2022-03-01T10:10:09.123+01:00,2022-06-30T22:10:09Z,arbeit\nP2,Herford,2000,duldung,1,2022/03/02 10:10:09 AM GMT+1,,\n" >t.csv &&
    durchblick-ingest --config "$CONFIG" --db t.db t.csv 2>/dev/null &&
    test "$(sqlite3 t.db "select group_concat(eintritt || \"/\" || coalesce(austritt, \"\"), \" \") from (select * from teilnahmen order by 1)")" = "2022-03-01/2022-06-30 2022-03-02/" &&
    printf "jahr;baustein;bewilligt;verausgabt\n2022;1; 1.000,00 € ; (200,00 €)\n2022;2; 1.000,00 € ; -   € \nGesamt;;2.000,00 €;200,00 €\n" >m.csv &&
    durchblick-ingest --config "$CONFIG" --db m.db --dataset mittel m.csv 2>err &&
    test "$(sqlite3 m.db "select feld || \": \" || grund from abweisungen")" = "verausgabt: Betrag ist negativ" &&
    test "$(sqlite3 m.db "select baustein || \":\" || verausgabt from mittel")" = "2:0.0" &&
    grep -q "m.csv:4: warning: a totals row (.Gesamt.): skipped" err
'

test_expect_success 'the config stays strict: unknown sections, keys, fields and bad targets name the line' '
    for extra in "[values.nosuchfield]|x = y" "[columns.teilnahmen]|Status = nosuchfield" \
                 "[values.auswahl]|ja = vielleicht" "[values.eintritt]|offen = 2022-01-01" \
                 "[columns.teilnahmen @ ]|x = fall_id" "[input]|date_order = tmy" "[input]|no_such_key = 1"; do
        sec=${extra%%|*} line=${extra#*|} &&
        c=$(cfg_with "$sec" "$line") &&
        n=$(wc -l <"$c") &&
        { test_exit_code 2 durchblick-ingest --config "$c" --db s.db r.csv 2>err || return 1; } &&
        { grep -q "x.ini:$n: \|x.ini:$((n - 1)): " err || { cat err; return 1; }; }
    done
'

test_done
