#!/bin/sh
# Injection: header names, values, file names and config strings reach SQL only
# as bound parameters (the schema survives, the strings are stored as they
# are), reach the reports only as text (PDF text, XLSX string cells, never a
# formula), and never lead a report file out of --out.
# (t400 checks one =HYPERLINK figure; this goes through the whole pipeline.)
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
export PY

# The config: SQL and spreadsheet payloads in every free string. (inih takes
# ';' as a comment only after a space, so none of these is cut.)
INI="inj'; DROP TABLE laeufe; --.ini"
cat >"$TRASH/$INI" <<'INI'
[region]
name = Kreis O'Brien "Test"; DROP TABLE teilnahmen; --
kommunen = Herford, O'Hara, Bad "Quote", =1+2, +SUM(1), -Minus, @Spenge, x'); DROP TABLE teilnahmen; --

[period]
from = 2022-01-01
to = 2022-12-31

[disclosure]
; the hostile names must reach the reports, not "übrige Kommunen"
kommunen_zusammenfassen = nein

[report]
title = Bericht '); DROP TABLE kennzahlen; -- "T"
office = =HYPERLINK("http://evil.example/")

[bausteine]
1 = -Coaching'); DELETE FROM mittel; --
2 = =1+1

[values.kommune]
Little Bobby'); DROP TABLE teilnahmen; -- = O'Hara

[values.geschlecht]
"w"; DROP TABLE teilnahmen; -- = w

[columns.teilnahmen]
Träger'); DROP TABLE teilnahmen; -- = traeger
INI

# Header: a payload mapped by the config (-> traeger), payloads not in the
# codebook (ignored with a warning), and two without letters (skipped as
# Excel's empty columns). Line 5: a pseudonym that is a payload; lines 6 and 7:
# kommunen that are not in the region, one over two lines.
CSV="t'; DROP TABLE lieferungen; --.csv"
cat >"$TRASH/$CSV" <<'CSV'
fall_id,kommune,geburtsjahr,geschlecht,aufenthaltsstatus,baustein,eintritt,austritt,verbleib,"Träger'); DROP TABLE teilnahmen; --","x""; DROP TABLE lieferungen; --","'",--,"; DELETE FROM abweisungen; --"
P001,Herford,2000,w,duldung,1,2022-01-10,2022-06-30,ausbildung,"O'Reilly ""GmbH""; DROP TABLE teilnahmen; --",a,b,c,d
P002,Little Bobby'); DROP TABLE teilnahmen; --,1999,"""w""; DROP TABLE teilnahmen; --",duldung,1,2022-02-10,2022-07-30,arbeit,=HYPERLINK(1),a,b,c,d
P003,=1+2,1999,m,duldung,2,2022-02-10,,,@SUM(A1),a,b,c,d
"P'); DROP TABLE teilnahmen; --",Herford,2000,w,duldung,1,2022-01-10,,,x,a,b,c,d
P004,"Robert'); DROP TABLE teilnahmen;--",2000,w,duldung,1,2022-01-10,,,x,a,b,c,d
P005,"Bobby
'); DROP TABLE abweisungen; --",2000,w,duldung,1,2022-01-10,,,x,a,b,c,d
CSV
export INI CSV

# Every string cell of the workbooks (CR as libxlsxwriter writes it, _x000D_,
# turned back), failing on any formula cell; prints "ok".
cat >"$TRASH/cells.py" <<'PY'
import sys, openpyxl
want = [l.rstrip("\n").replace("\\t", "\t").replace("\\r", "\r") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
texts = set()
for path in sys.argv[2:]:
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", ("formula", path, ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert c.data_type == "s", (path, ws.title, c.coordinate, c.data_type)
                    texts.add(c.value.replace("_x000D_", "\r"))
missing = [w for w in want if not any(w == t or (len(w) > 8 and w in t) for t in texts)]
assert not missing, ("not found as a string cell", missing)
print("ok")
PY

test_expect_success 'reference schema from a database made with the shipped config' '
	echo "jahr,baustein,bewilligt,verausgabt" >mittel-leer.csv &&
	test_must_fail ingest ref.db --dataset mittel mittel-leer.csv 2>/dev/null &&
	sqlite3 ref.db .schema >schema-ref && test -s schema-ref
'

test_expect_success 'payloads in config, headers, values and file name load (exit 0)' '
	durchblick-ingest --config "$INI" --db i.db --rejects rej.csv "$CSV" 2>err &&
	grep -q "6 rows read, 3 loaded, 3 rejected" err
'

test_expect_success 'unknown payload headers: a warning that quotes them as they are, nothing else' '
	grep -F -q "column 11 '\''x\"; DROP TABLE lieferungen; --'\'' is not in the codebook or the config: ignored" err &&
	grep -F -q "column 14 '\''; DELETE FROM abweisungen; --'\'' is not in the codebook or the config: ignored" err &&
	test "$(grep -c "warning: column" err)" = 2 && ! grep -q "error" err &&
	test "$(grep -c "warning:" err)" = 3 && grep -q "warning: 3 of 6 rows (50 %) were rejected" err
'

test_expect_success 'after ingest the schema is intact and the database sound' '
	sqlite3 i.db .schema >schema-i && diff schema-ref schema-i &&
	test "$(sqlite3 i.db "pragma integrity_check")" = ok &&
	test "$(sqlite3 i.db "select count(*) from teilnahmen")" = 3 &&
	test "$(sqlite3 i.db "select count(*) from lieferungen")" = 1 &&
	test "$(sqlite3 i.db "select count(*) from abweisungen")" = 3
'

test_expect_success 'values, mapped payloads and the file name are stored verbatim' '
	test "$(sqlite3 i.db "select traeger from teilnahmen where fall_id = '\''P001'\''")" = "O'\''Reilly \"GmbH\"; DROP TABLE teilnahmen; --" &&
	test "$(sqlite3 i.db "select kommune || '\''|'\'' || geschlecht || '\''|'\'' || traeger from teilnahmen where fall_id = '\''P002'\''")" = "O'\''Hara|w|=HYPERLINK(1)" &&
	test "$(sqlite3 i.db "select kommune || '\''|'\'' || traeger from teilnahmen where fall_id = '\''P003'\''")" = "=1+2|@SUM(A1)" &&
	test "$(sqlite3 i.db "select datei from lieferungen")" = "$CSV"
'

test_expect_success 'rejected payloads are kept verbatim in abweisungen, with line and field' '
	sqlite3 i.db "select zeile || '\''|'\'' || feld || '\''|'\'' || grund from abweisungen order by zeile" >got &&
	cat >want <<-\WANT &&
	5|fall_id|Fall-ID mit unzulässigen Zeichen (erlaubt: A-Z a-z 0-9 . _ -)
	6|kommune|Kommune gehört nicht zur Region der Konfiguration
	7|kommune|Kommune gehört nicht zur Region der Konfiguration
	WANT
	diff want got &&
	test "$(sqlite3 i.db "select wert from abweisungen where zeile = 5")" = "P'\''); DROP TABLE teilnahmen; --" &&
	test "$(sqlite3 i.db "select wert from abweisungen where zeile = 6")" = "Robert'\''); DROP TABLE teilnahmen;--" &&
	test "$(sqlite3 i.db "select hex(wert) from abweisungen where zeile = 7")" = \
		"$(printf "Bobby\n'\''); DROP TABLE abweisungen; --" | od -An -tx1 | tr -d " \n" | tr a-f A-F)"
'

test_expect_success 'the rejects file quotes them so a CSV reader gets them back' '
	$PY - <<-\PYEOF
	import csv, os
	rows = list(csv.reader(open("rej.csv", encoding="utf-8", newline="")))
	assert rows[0] == ["datei", "zeile", "feld", "wert", "grund"], rows[0]
	got = [(r[0], r[1], r[2], r[3]) for r in rows[1:]]
	f = os.environ["CSV"]
	assert got == [(f, "5", "fall_id", "P'"'"'); DROP TABLE teilnahmen; --"),
	               (f, "6", "kommune", "Robert'"'"'); DROP TABLE teilnahmen;--"),
	               (f, "7", "kommune", "Bobby\n'"'"'); DROP TABLE abweisungen; --")], got
	PYEOF
'

test_expect_success 'a rejected value that starts a formula gets an apostrophe in the rejects file only' '
	printf "%s\n" "$HEADER" "=HYPERLINK(\"http://x\"),Herford,2000,w,SYR,duldung,,1,2022-01-10,," \
		"P9,@SUM(A1),2000,w,SYR,duldung,,1,2022-01-10,," "P8,Herford,2000,w,SYR,duldung,,1,2022-01-10,," >formula.csv &&
	umask 022 && ingest f.db --rejects frej.csv formula.csv 2>err &&
	test "$(stat -c %a frej.csv)" = 600 &&
	$PY - <<-\PYEOF &&
	import csv
	rows = list(csv.reader(open("frej.csv", encoding="utf-8", newline="")))
	got = [(r[1], r[2], r[3]) for r in rows[1:]]
	assert got == [("2", "fall_id", "\x27=HYPERLINK(\"http://x\")"), ("3", "kommune", "\x27@SUM(A1)")], got
	PYEOF
	test "$(sqlite3 f.db "select wert from abweisungen order by zeile")" = "=HYPERLINK(\"http://x\")
@SUM(A1)"
'

test_expect_success 'transform and report run with these strings' '
	durchblick-transform --config "$INI" --db i.db 2>err &&
	test "$(sqlite3 i.db "select config from laeufe")" = "$INI" &&
	durchblick-report --config "$INI" --db i.db --out out >list 2>err &&
	test "$(wc -l <list)" = 4 &&
	for f in $(cat list); do test -s "$f" || exit 1; done
'

test_expect_success 'after transform and report the schema is intact and nothing was dropped' '
	sqlite3 i.db .schema >schema-i2 && diff schema-ref schema-i2 &&
	test "$(sqlite3 i.db "pragma integrity_check")" = ok &&
	test "$(sqlite3 i.db "select count(*) from teilnahmen")" = 3 &&
	test "$(sqlite3 i.db "select count(*) from abweisungen")" = 3 &&
	test "$(sqlite3 i.db "select count(*) from laeufe")" = 1 &&
	test "$(sqlite3 i.db "select count(*) from kennzahlen where kategorie = '\''x'\'''\''); DROP TABLE teilnahmen; --'\''")" -gt 0 &&
	test "$(sqlite3 i.db "select count(*) from kennzahlen where kategorie = '\''=1+2'\''")" -gt 0
'

cat >"$TRASH/config-strings" <<'TXT'
Kreis O'Brien "Test"; DROP TABLE teilnahmen; --
Bericht '); DROP TABLE kennzahlen; -- "T"
O'Hara
Bad "Quote"
=1+2
+SUM(1)
-Minus
@Spenge
x'); DROP TABLE teilnahmen; --
-Coaching'); DELETE FROM mittel; --
2 =1+1
TXT

test_expect_success 'the PDFs show the config strings as text' '
	pdftotext -layout out/sitzungsbericht-*.pdf s.txt 2>/dev/null &&
	pdftotext -layout out/verwendungsnachweis-*.pdf v.txt 2>/dev/null &&
	while IFS= read -r want; do
		grep -F -q -e "$want" s.txt || { echo "not in the pdf: $want"; exit 1; }
	done <config-strings &&
	grep -F -q "=HYPERLINK(\"http://evil.example/\")" v.txt &&
	grep -F -q "Kreis O'\''Brien \"Test\"; DROP TABLE teilnahmen; --" v.txt
'

test_expect_success 'the XLSX files hold them as string cells, no formula anywhere' '
	$PY cells.py config-strings out/*.xlsx &&
	! unzip -p out/sitzungsbericht-*.xlsx "xl/worksheets/*.xml" | grep -q "<f>" &&
	! unzip -p out/verwendungsnachweis-*.xlsx "xl/worksheets/*.xml" | grep -q "<f>"
'

# OWASP's CSV-injection list: = + - @ and tab or CR before them. inih trims a
# config value and kommunen are matched, so these can only come from a
# database edited by hand: put them into kennzahlen as reject reasons.
printf '\\t=1+1\n\\r=2+2\n+3+3\n-4-4\n@SUM(5)\n\\t@x\n=cmd|'"'"' /C calc'"'"'!A0\n=HYPERLINK("http://evil.example/","klick")\n' >"$TRASH/figure-strings"

test_expect_success 'figure labels starting with = + - @ tab CR stay text in both formats' '
	cp i.db f.db &&
	sqlite3 f.db "insert into kennzahlen(kennzahl, dimension, kategorie, zaehler, nenner, wert, ci_unten, ci_oben,
		gesperrt, periode_von, periode_bis, lauf) select kennzahl, dimension, v.k, 3, null, 3, null, null, 0, periode_von, periode_bis, lauf
		from (select * from kennzahlen where kennzahl = '\''abgewiesen'\'' and dimension = '\''grund'\'' limit 1),
		(select char(9) || '\''=1+1'\'' as k union all select char(13) || '\''=2+2'\''
		union all select '\''+3+3'\'' union all select '\''-4-4'\'' union all select '\''@SUM(5)'\''
		union all select char(9) || '\''@x'\'' union all select '\''=cmd|'\'''\'' /C calc'\'''\''!A0'\''
		union all select '\''=HYPERLINK(\"http://evil.example/\",\"klick\")'\'') v" &&
	test "$(sqlite3 f.db "select count(*) from kennzahlen where kennzahl = '\''abgewiesen'\'' and dimension = '\''grund'\''")" = 10 &&
	durchblick-report --config "$INI" --db f.db --out fout >/dev/null 2>err &&
	$PY cells.py figure-strings fout/*.xlsx &&
	! unzip -p fout/sitzungsbericht-*.xlsx "xl/worksheets/*.xml" | grep -q "<f>" &&
	pdftotext -layout fout/sitzungsbericht-*.pdf f.txt 2>/dev/null &&
	for want in "=1+1" "=2+2" "+3+3" "-4-4" "@SUM(5)" "@x" "=cmd|'\'' /C calc'\''!A0" "=HYPERLINK(\"http://evil.example/\",\"klick\")"; do
		grep -F -q -e "$want" f.txt || { echo "not in the pdf: $want"; exit 1; }
	done
'

# Report file names: report, region slug, period. The slug is checked in the
# config (a-z 0-9 -); derived from the name it keeps only letters and digits.
test_expect_success 'a region name with ../ and / gives files inside --out only' '
	mkdir -p a/b/c && sed "s|^name = .*|name = ../../etc/x/../y|" "$INI" >a/b/c/up.ini &&
	(cd a/b/c && durchblick-report --config up.ini --db ../../../i.db --out pout >list 2>err) &&
	cat >want <<-\WANT &&
	pout/sitzungsbericht-etcxy-2022.pdf
	pout/sitzungsbericht-etcxy-2022.xlsx
	pout/verwendungsnachweis-etcxy-2022.pdf
	pout/verwendungsnachweis-etcxy-2022.xlsx
	WANT
	diff want a/b/c/list &&
	test "$(find . \( -name "*.pdf" -o -name "*.xlsx" \) -path "*etcxy*" | grep -v "^./a/b/c/pout/" | wc -l)" = 0 &&
	! test -e a/etc && ! test -e etc
'

test_expect_success 'a region name without letters or digits and no slug is a config error' '
	sed "s|^name = .*|name = ../..|" "$INI" >dots.ini &&
	test_exit_code 2 durchblick-report --config dots.ini --db i.db --out dout 2>err &&
	grep -q "dots.ini:2: \[region\] name gives no file-name slug: set \[region\] slug" err && ! test -e dout
'

for slug in "../x" "a/b" ".." "." "x/../../y" "/etc/passwd" "Kreis-Herford" "kreis herford" "kreis.herford" "ü"; do
test_expect_success "slug '$slug' is a config error (exit 2) naming the line, no file written" "
	sed 's|^name = .*|&\nslug = $slug|' \"\$INI\" >slug.ini &&
	test_exit_code 2 durchblick-report --config slug.ini --db i.db --out sout 2>err &&
	grep -F -q \"slug.ini:3: slug '$slug' may hold only a-z, 0-9 and '-'\" err &&
	! test -e sout
"
done

test_expect_success 'an empty slug is a config error too' '
	sed "s|^name = .*|&\nslug =|" "$INI" >slug.ini &&
	test_exit_code 2 durchblick-report --config slug.ini --db i.db --out sout 2>err &&
	grep -q "slug.ini:3: slug has no value" err && ! test -e sout
'

test_expect_success 'a line too long for the INI reader is a config error naming that line' '
	sed "s|^name = .*|&\nslug = $(printf "%0250d" 0)|" "$INI" >long.ini &&
	test_exit_code 2 durchblick-report --config long.ini --db i.db --out lout 2>err &&
	grep -q "long.ini:3: line is longer than 198 bytes" err && ! test -e lout
'

test_expect_success 'a long kommunen list goes on in indented lines instead' '
	sed "s/^kommunen = .*/kommunen = Bünde, Enger, Herford,\n    Hiddenhausen, Kirchlengern, Löhne\n    Rödinghausen, Spenge, Vlotho/" "$CONFIG" >cont.ini &&
	printf "fall_id,kommune,geburtsjahr,aufenthaltsstatus,baustein,eintritt\nC1,Bünde,2000,duldung,1,2022-01-10\nC2,Löhne,2000,duldung,1,2022-01-10\nC3,Vlotho,2000,duldung,1,2022-01-10\n" >cont.csv &&
	durchblick-ingest --config cont.ini --db cont.db cont.csv 2>err &&
	test "$(sqlite3 cont.db "select group_concat(kommune) from (select kommune from teilnahmen order by fall_id)")" = "Bünde,Löhne,Vlotho"
'

test_expect_success 'a run period edited into a path in the database names no file (exit 1)' '
	cp i.db p.db && sqlite3 p.db "update laeufe set periode_von = '\''../../../x'\'', periode_bis = '\''a/b'\''" &&
	sed "/^from = /d; /^to = /d" "$INI" >noperiod.ini &&
	test_must_fail durchblick-report --config noperiod.ini --db p.db --out pp 2>err &&
	grep -q "p.db: laeufe: period .../../../x. to .a/b. is not made of dates YYYY-MM-DD" err &&
	test -z "$(ls -A pp)" && ! test -e x
'

test_done
