#!/bin/sh
# Dates and amounts that load silently wrong figures: a participation's date
# after the day of loading (or before 1900) is rejected with its reason; a
# two-digit year is read into the past (01.03.69 is 1969, not 2069); money
# grouped other than by three (1.23.456,00) or above 999.999.999.999,99 EUR is
# rejected (a double holds cents exactly only up to about 9e13 EUR).
. "$(dirname "$0")/lib.sh"

reason_of() { sqlite3 "$1" "select feld || ': ' || wert || ': ' || grund from abweisungen where zeile = $2"; }

test_expect_success 'a participation dated after the day of loading is rejected with its reason; today loads' '
	today=$(date +%d.%m.%Y) && tomorrow=$(date -d tomorrow +%d.%m.%Y) && iso_today=$(date +%Y-%m-%d) &&
	cat >future-teilnahmen.csv <<-CSV &&
	$HEADER
	F001,Herford,2000,w,SYR,duldung,,1,$today,,
	F002,Herford,2000,w,SYR,duldung,,1,$tomorrow,,
	F003,Herford,2000,w,SYR,duldung,,1,2100-01-01,,
	F004,Herford,2000,w,SYR,duldung,,1,2022-01-10,$tomorrow,ausbildung
	F005,Herford,1890,w,SYR,duldung,,1,01.01.1899,,
	CSV
	ingest f.db future-teilnahmen.csv 2>err &&
	test "$(sqlite3 f.db "select fall_id || \" \" || eintritt from teilnahmen")" = "F001 $iso_today" &&
	test "$(reason_of f.db 3)" = "eintritt: $tomorrow: Datum liegt nach dem Tag des Ladens (in der Zukunft)" &&
	test "$(reason_of f.db 4)" = "eintritt: 2100-01-01: Datum liegt nach dem Tag des Ladens (in der Zukunft)" &&
	test "$(reason_of f.db 5)" = "austritt: $tomorrow: Datum liegt nach dem Tag des Ladens (in der Zukunft)" &&
	test "$(sqlite3 f.db "select count(*) from abweisungen where zeile = 6")" = 1
'

test_expect_success 'two-digit years are read into the past: 01.03.69 is 1969; this year stays this year' '
	yy=$(date +%y) && y=$(date +%Y) &&
	cat >short-teilnahmen.csv <<-CSV &&
	$HEADER
	S001,Herford,1950,w,SYR,duldung,,1,01.03.69,,
	S002,Herford,2000,w,SYR,duldung,,1,01.01.$yy,,
	S003,Herford,2000,w,SYR,duldung,,1,31.12.22,,
	CSV
	ingest s.db short-teilnahmen.csv 2>err &&
	test "$(sqlite3 s.db "select group_concat(eintritt, \" \") from (select eintritt from teilnahmen order by fall_id)")" = "1969-03-01 $y-01-01 2022-12-31"
'

test_expect_success 'an offer may end after the day of loading (a running or planned offer)' '
	cat >plan-angebote.csv <<-CSV &&
	angebot_id,titel,kommune,bedarfe,zugang,plaetze,beginn,ende
	A1,Deutschkurs,Herford,sprache,duldung,10,01.01.2022,31.12.2099
	CSV
	ingest a.db --dataset angebote plan-angebote.csv 2>err &&
	test "$(sqlite3 a.db "select ende from angebote")" = 2099-12-31
'

test_expect_success 'money grouped other than by three is rejected with its reason; proper groups load' '
	cat >money-mittel.csv <<-CSV &&
	jahr;baustein;bewilligt;verausgabt
	2022;1;1.23.456,00;100,00
	2022;2;1.234.567,89;12.34,00
	2022;3;1.234.567,89;1.000,50
	2022;4;999.999.999.999,99;0
	2022;5;95.000.000.000.000,01;0
	CSV
	ingest m.db --dataset mittel money-mittel.csv 2>err &&
	test "$(reason_of m.db 2)" = "bewilligt: 1.23.456,00: Tausendertrennzeichen nicht in Dreiergruppen (erwartet z. B. 1.234.567,89 €)" &&
	test "$(reason_of m.db 3)" = "verausgabt: 12.34,00: Tausendertrennzeichen nicht in Dreiergruppen (erwartet z. B. 1.234.567,89 €)" &&
	test "$(sqlite3 m.db "select printf(\"%.2f %.2f\", bewilligt, verausgabt) from mittel where baustein = 3")" = "1234567.89 1000.50" &&
	test "$(sqlite3 m.db "select printf(\"%.2f\", bewilligt) from mittel where baustein = 4")" = 999999999999.99 &&
	test "$(reason_of m.db 6)" = "bewilligt: 95.000.000.000.000,01: Betrag über 999.999.999.999,99 € (Tippfehler?)"
'

test_done
