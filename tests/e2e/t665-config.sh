#!/bin/sh
# A strict config: a key or section given twice is an error naming both lines
# (the last one used to win silently: a second min_fallzahl = 1 switched
# disclosure control off); an indented line continues a list (it used to
# replace it); nan, inf and empty lists are errors; and every problem is
# printed at its own line with its own message.
. "$(dirname "$0")/lib.sh"

# cfg SED-SCRIPT: writes t.ini, the shipped config edited
cfg() { sed "$1" "$CONFIG" >t.ini; }
# lineof REGEX: the number of the first line of t.ini matching REGEX (after the edit)
lineof() { grep -n -m1 -- "$1" t.ini | cut -d: -f1; }
# config_error: the config is refused with exit 2 before the database is touched
config_error() { test_exit_code 2 durchblick-transform --config t.ini --db none.db 2>err && ! test -e none.db; }

test_expect_success 'a key set twice: exit 2, naming both lines' '
	cfg "s/^min_fallzahl = 3/min_fallzahl = 3\nmin_fallzahl = 1/" && config_error &&
	a=$(lineof "^min_fallzahl = 3") && b=$(lineof "^min_fallzahl = 1") &&
	grep -q "^durchblick-transform: t.ini:$b: min_fallzahl is set twice in \[disclosure\], first at line $a" err
'

test_expect_success 'a section given twice: exit 2, naming both lines' '
	cfg "s/^\[funding\]/[disclosure]\nmin_fallzahl = 1\n[funding]/" && config_error &&
	a=$(lineof "^\[disclosure\]") && b=$(grep -n "^\[disclosure\]" t.ini | sed -n 2p | cut -d: -f1) &&
	grep -q "t.ini:$b: section \[disclosure\] appears twice, first at line $a" err
'

test_expect_success 'a header or value mapped twice (also spelt differently) names both lines' '
	cfg "s/^Fall-Nr = fall_id/Fall-Nr = fall_id\nFall Nr = kommune/" && config_error &&
	grep -q "t.ini:$(lineof "^Fall Nr = ")\: header .Fall Nr. is mapped onto .kommune. here and onto .fall_id. in line $(lineof "^Fall-Nr = "): keep one" err
'

test_expect_success 'kommunen continued on indented lines: every line counts, rows of each load' '
	cfg "s/^kommunen = .*/kommunen = Bünde, Enger,\n    Herford, Hiddenhausen, Kirchlengern,\n    Löhne, Rödinghausen, Spenge, Vlotho/" &&
	write_good_csv good.csv &&
	durchblick-ingest --config t.ini --db k.db good.csv 2>err &&
	test "$(sqlite3 k.db "select group_concat(kommune, \",\") from (select kommune from teilnahmen order by kommune)")" = "Bünde,Herford,Löhne"
'

test_expect_success 'placement continued on an indented line: both lines count as placements' '
	cfg "s/^placement = .*/placement = ausbildung\n   arbeit/; s/^min_fallzahl = 3/min_fallzahl = 1/" &&
	cat >exits.csv <<-CSV &&
	$HEADER
	E001,Herford,2000,w,SYR,duldung,,1,2022-01-10,2022-06-30,ausbildung
	E002,Herford,2000,w,SYR,duldung,,1,2022-01-10,2022-06-30,arbeit
	E003,Herford,2000,w,SYR,duldung,,1,2022-01-10,2022-06-30,abbruch
	CSV
	durchblick-ingest --config t.ini --db p.db exits.csv 2>err && durchblick-transform --config t.ini --db p.db 2>err &&
	test "$(sqlite3 p.db "select zaehler || \"/\" || nenner from kennzahlen where kennzahl = \"vermittlungsquote\" and dimension = \"gesamt\" and bezug = \"periode\"")" = 2/3
'

test_expect_success 'an indented line below a key that takes one value is an error, not a new value' '
	cfg "s/^min_fallzahl = 3/min_fallzahl = 3\n   1/" && config_error &&
	grep -q "t.ini:$(lineof "^   1"): indented line continues min_fallzahl from line $(lineof "^min_fallzahl"), which takes one value" err
'

test_expect_success 'an indented mapping line is an entry of its own' '
	cfg "s/^Frau = w/   Frau = w/" && write_good_csv good.csv &&
	sed "s/,w,SYR/,Frau,SYR/" good.csv >frau.csv &&
	durchblick-ingest --config t.ini --db m.db frau.csv 2>err &&
	test "$(sqlite3 m.db "select geschlecht from teilnahmen where fall_id = \"P001\"")" = w
'

test_expect_success 'nan, inf, exponents and empty lists are errors at their line' '
	for edit in "s/^confidence = 0.95/confidence = nan/" "s/^rate = 0.80/rate = inf/" \
		"s/^rate = 0.80/rate = 8e-1/" "s/^confidence = 0.95/confidence = NaN/"; do
		cfg "$edit" && config_error && n=$(lineof "^confidence\|^rate") &&
		grep -q "t.ini:.*: \(confidence\|rate\) .* must be a number" err || return 1
	done &&
	cfg "s/^placement = .*/placement =/" && config_error &&
	grep -q "t.ini:$(lineof "^placement"): placement lists no verbleib code" err &&
	cfg "s/^kommunen = .*/kommunen = , ,/" && config_error &&
	grep -q "t.ini:$(lineof "^kommunen"): kommunen lists no municipality" err &&
	cfg "s/^title = .*/title =/" && config_error &&
	grep -q "t.ini:$(lineof "^title"): title has no value" err
'

test_expect_success 'two errors: each printed at its own line with its own message' '
	cfg "s/^confidence = 0.95/confidence = 7/; s/^min_fallzahl = 3/min_fallzahl = 0/" && config_error &&
	grep -q "t.ini:$(lineof "^confidence"): confidence .7. must be a number in 0.5..0.999" err &&
	grep -q "t.ini:$(lineof "^min_fallzahl"): min_fallzahl .0. must be a whole number 1..100" err
'

test_expect_success 'a municipality listed twice is reported as listed twice, nothing else' '
	cfg "s/^kommunen = Bünde, /kommunen = Bünde, Bünde, /" && config_error &&
	grep -q "t.ini:$(lineof "^kommunen"): municipality .Bünde. is listed twice in kommunen" err &&
	test "$(wc -l <err)" = 1
'

test_expect_success 'a [values.kommune] entry before [region] is checked against the whole list' '
	{ printf "[values.kommune]\nHansestadt Herford = Herford\n\n"; grep -v "^\[values.kommune\]\|^Hansestadt Herford\|^Stadt Löhne" "$CONFIG"; } >t.ini &&
	write_good_csv good.csv && sed "s/,Herford,/,Hansestadt Herford,/" good.csv >hh.csv &&
	durchblick-ingest --config t.ini --db v.db hh.csv 2>err &&
	test "$(sqlite3 v.db "select kommune from teilnahmen where fall_id = \"P001\"")" = Herford
'

test_expect_success 'a syntax error and an unknown section are named at their lines, each once' '
	cfg "s/^\[funding\]/[fundng]\nrate = 0.5\nthis line is wrong/" && config_error &&
	grep -q "t.ini:$(lineof "^\[fundng\]"): unknown section \[fundng\]" err &&
	grep -q "t.ini:$(lineof "^this line"): not a valid line" err && test "$(wc -l <err)" = 2
'

test_done
