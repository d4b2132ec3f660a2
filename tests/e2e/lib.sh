# Helpers for end-to-end tests, after git's t/test-lib.sh:
#   test_expect_success 'description' 'commands'
#   test_must_fail cmd...      (exit status 1 expected; a crash or 0 is a failure)
#   test_exit_code N cmd...    (exactly N expected)
#   test_done                  (prints the plan and exits non-zero if a test failed)
# Each script gets a fresh scratch directory in $TRASH and the binaries in $BIN.
set -u
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${DURCHBLICK_BIN:-$REPO/bin}
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/durchblick-test.XXXXXX")
trap 'rm -rf "$TRASH"' EXIT
CONFIG=$REPO/config/kreis-herford.ini
PATH=$BIN:$PATH
export PATH
# Messages are German when the locale or the config's [report] language is German
# (the shipped configs say de); LANGUAGE alone decides when it is set. The tests
# read the English messages; t695-language.sh pins German where it checks them.
LANGUAGE=en
export LANGUAGE
test_count=0
test_failed=0

test_expect_success() {
    test_count=$((test_count + 1))
    if (cd "$TRASH" && eval "$2") >"$TRASH/.out" 2>&1; then
        echo "ok $test_count - $1"
    else
        echo "not ok $test_count - $1"
        sed 's/^/#   /' "$TRASH/.out" | tail -n 30
        test_failed=$((test_failed + 1))
    fi
}

test_exit_code() {
    want=$1
    shift
    "$@"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "expected exit $want, got $got: $*" >&2
        return 1
    fi
    return 0
}

test_must_fail() {
    test_exit_code 1 "$@"
}

test_done() {
    echo "# $test_count tests, $test_failed failed"
    [ "$test_failed" -eq 0 ]
}

# The canonical header of the small exports the tests write, and three good rows under it.
HEADER='fall_id,kommune,geburtsjahr,geschlecht,staatsangehoerigkeit,aufenthaltsstatus,bedarfe,baustein,eintritt,austritt,verbleib'
write_good_csv() {
    cat >"$1" <<CSV
$HEADER
P001,Herford,2000,w,SYR,duldung,sprache|arbeit,1,2022-01-10,2022-06-30,ausbildung
P002,Löhne,1998,m,AFG,gestattung,,1,2022-02-01,,
P003,Bünde,1990,m,IRQ,duldung,,2,2022-03-01,,
CSV
}

# Loads file(s) with the shipped Kreis Herford config into db.
ingest() {
    db=$1
    shift
    durchblick-ingest --config "$CONFIG" --db "$db" "$@"
}

# The canonical rows of a database, without batch and line columns.
canonical_rows() {
    sqlite3 -separator '|' "$1" "SELECT fall_id, kommune, geburtsjahr, geschlecht, staatsangehoerigkeit,
        aufenthaltsstatus, leistungsbezug, deutsch_eintritt, deutsch_austritt, schulabschluss, bedarfe,
        baustein, traeger, eintritt, austritt, verbleib, verbleib_datum, abschluss_erreicht, pruefung,
        zielgruppe FROM teilnahmen ORDER BY fall_id, baustein, eintritt"
}

# The rows of a dataset of a database, without batch and line columns: dataset_rows DB DATASET
dataset_rows() {
    case $2 in
    teilnahmen) canonical_rows "$1" ;;
    angebote) sqlite3 -separator '|' "$1" "SELECT angebot_id, baustein, titel, traeger, kommune, bedarfe, zugang,
        plaetze, beginn, ende FROM angebote ORDER BY angebot_id" ;;
    mittel) sqlite3 -separator '|' "$1" "SELECT jahr, baustein, bewilligt, verausgabt FROM mittel ORDER BY jahr, baustein" ;;
    esac
}

# report_data_set DIR CONFIG ROWS: generated exports of the config's region (ROWS participations
# over several years), run through the whole pipeline: DIR/d.db and the four reports in DIR/out.
report_data_set() {
    mkdir -p "$1" &&
    durchblick-samples --config "$REPO/config/$2" --rows "$3" --out "$1/teilnahmen.csv" &&
    durchblick-samples --config "$REPO/config/$2" --dataset angebote --out "$1/angebote.csv" &&
    durchblick-samples --config "$REPO/config/$2" --dataset mittel --out "$1/mittel.csv" &&
    durchblick run --config "$REPO/config/$2" --db "$1/d.db" --out "$1/out" \
        "$1/teilnahmen.csv" "$1/angebote.csv" "$1/mittel.csv" >/dev/null 2>"$1/run.err"
}

# The config $1 with the docs block $2 added as a user would: lines of a settings section the
# config has ([input]) go into that section (a settings section given twice is an error).
config_with_block() {
    if head -n 1 "$2" | grep -q '^\[input\]$'; then
        sed 1d "$2" >block.body && sed '/^\[input\]$/r block.body' "$1"
    else
        cat "$1" "$2"
    fi
}
