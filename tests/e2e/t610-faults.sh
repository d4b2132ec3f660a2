#!/bin/sh
# Faults of the machine, not of the input: a full disk (ulimit -f, and a tiny
# tmpfs where mounting is allowed), a read-only database, file or folder, a
# missing or broken font, an unwritable output folder. Each gives exit 1 and
# a clear message on stderr ("prog: ...", lower case), and never a damaged
# database or a partial file: the database file alone (no journal beside it)
# holds the data from before, a report folder the previous complete files.
# The next run, with the fault gone, succeeds.
# (Locked, not-SQLite and newer-schema databases: t200.)
. "$(dirname "$0")/lib.sh"
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH

# Mounts made here are undone before the scratch folder is removed.
cleanup() {
    for m in "$TRASH/rofs" "$TRASH/fs"; do
        while umount "$m" 2>/dev/null; do :; done
    done
    chmod -R u+w "$TRASH" 2>/dev/null
    rm -rf "$TRASH"
}
trap cleanup EXIT

test_skip() {
    test_count=$((test_count + 1))
    echo "ok $test_count # skip $1 ($2)"
}

# Runs a command with a file size limit of $1 blocks of 512 bytes (ulimit -f).
with_fsize() {
    n=$1
    shift
    (ulimit -f "$n" && exec "$@")
}

# Runs a command that must exit 1, its stderr into the file err (shown if not).
fails() {
    "$@" 2>err
    got=$?
    [ "$got" -eq 1 ] && return 0
    sed "s/^/stderr: /" err >&2
    echo "expected exit 1, got $got: $*" >&2
    return 1
}
# stderr ($2) holds only messages of program $1, lower case, and one matching $3.
clear_message() {
    test -s "$2" && ! grep -v "^$1: " "$2" && ! grep "^$1: [A-Z]" "$2" && grep -i -q -- "$3" "$2" ||
        { sed "s/^/stderr: /" "$2" >&2; echo "not the message wanted: $3" >&2; return 1; }
}

# Everything ingest writes, times excepted.
ingest_dump() {
    canonical_rows "$1" &&
    sqlite3 -separator '|' "$1" "SELECT id, datei, sha256, datensatz, zeilen_gelesen, zeilen_geladen,
        zeilen_abgewiesen FROM lieferungen ORDER BY id" &&
    sqlite3 -separator '|' "$1" "SELECT lieferung, zeile, feld, wert, grund FROM abweisungen
        ORDER BY lieferung, zeile"
}
# Everything transform writes.
kz_dump() {
    sqlite3 -separator '|' "$1" "SELECT * FROM laeufe ORDER BY id" &&
    sqlite3 -separator '|' "$1" "SELECT * FROM kennzahlen ORDER BY kennzahl, dimension, kategorie, periode_von"
}
# The database file alone (copied without any journal beside it) passes
# integrity_check and dumps ($3) as the dump file $2.
alone_as() {
    rm -rf alone && mkdir alone && cp "$1" alone/db || return 1
    check=$(sqlite3 alone/db "PRAGMA integrity_check" 2>&1)
    test "$check" = ok || { echo "$1 alone: integrity_check: $check" | head -5 >&2; return 1; }
    $3 alone/db >alone/dump 2>&1 && cmp alone/dump "$2" ||
        { echo "$1 alone: not the data from before" >&2; return 1; }
}
# Folder $1 holds exactly the files of folder $2, byte for byte, and no hidden ones.
same_folder() {
    (cd "$1" && ls -A) >got.ls && (cd "$2" && ls -A) >want.ls && cmp got.ls want.ls &&
    for f in $(cat want.ls); do cmp "$1/$f" "$2/$f" || return 1; done
}

# Who can be refused a write: root ignores file modes, so a root run uses an
# unprivileged user for the read-only tests.
AS=
AS_WHY=
if [ "$(id -u)" -eq 0 ]; then
    NOBODY_GID=$(id -g nobody 2>/dev/null)
    AS_WHY="running as root and cannot run a command as user nobody (setpriv or runuser)"
    chmod 711 "$TRASH"
    for try in "setpriv --reuid=nobody --regid=$NOBODY_GID --clear-groups" "runuser -u nobody --"; do
        # nobody must reach the programs, the config and the scratch folder
        if [ -n "$NOBODY_GID" ] && $try durchblick-ingest --version >/dev/null 2>&1 &&
            $try cat "$CONFIG" >/dev/null 2>&1 && $try test -x "$TRASH"; then
            AS=$try
            AS_WHY=
            break
        fi
    done
fi
CAN_MOUNT=
mkdir "$TRASH/fs" "$TRASH/rofs"
if mount -t tmpfs -o size=1m tmpfs "$TRASH/fs" 2>/dev/null; then
    umount "$TRASH/fs" && CAN_MOUNT=yes
fi

test_expect_success 'setup: exports, databases and reports of an earlier and a later state' '
    durchblick-samples --config "$CONFIG" --dataset teilnahmen --dialect canonical --rows 20000 \
        --seed 610 --out big.csv 2>/dev/null &&
    printf "%s\n" "ZZ-1,Berlin,2000,w,SYR,duldung,,,,,,1,,2022-01-10,,,,," >>big.csv &&
    head -n 1001 big.csv >small.csv &&
    ingest base.db small.csv 2>/dev/null && ingest_dump base.db >base.dump &&
    cp base.db ref.db && ingest ref.db big.csv 2>/dev/null && ingest_dump ref.db >ref.dump &&
    test "$(sqlite3 ref.db "SELECT count(*) FROM abweisungen")" = 1 &&
    cp ref.db tstart.db && kz_dump tstart.db >tstart.kz &&
    cp tstart.db kref.db && durchblick-transform --config "$CONFIG" --db kref.db 2>/dev/null &&
    kz_dump kref.db >kref.kz && test "$(sqlite3 kref.db "SELECT count(*) FROM kennzahlen")" -gt 100 &&
    cp base.db kbase.db && durchblick-transform --config "$CONFIG" --db kbase.db 2>/dev/null &&
    durchblick-report --config "$CONFIG" --db kbase.db --out prev >/dev/null 2>&1 &&
    durchblick-report --config "$CONFIG" --db kref.db --out new >/dev/null 2>&1 &&
    test "$(ls new | wc -l)" = 4 &&
    for f in $(ls new); do ! cmp -s prev/$f new/$f || exit 1; done
'

# ---- full disk, simulated with a file size limit (ulimit -f) ----

test_expect_success 'ingest past the file size limit: exit 1 (not killed by SIGXFSZ), clear message, database as before' '
    cp base.db fsize-ingest.db &&
    fails with_fsize $(($(stat -c %s fsize-ingest.db) / 512 + 128)) durchblick-ingest --config "$CONFIG" --db fsize-ingest.db big.csv &&
    clear_message durchblick-ingest err "file too large" &&
    grep -q "^durchblick-ingest: big.csv: nothing of this file was loaded" err &&
    alone_as fsize-ingest.db base.dump ingest_dump &&
    ingest fsize-ingest.db big.csv 2>/dev/null && ingest_dump fsize-ingest.db | cmp - ref.dump
'

test_expect_success 'transform past the file size limit: exit 1, clear message, kennzahlen and laeufe as before' '
    cp tstart.db fsize-transform.db &&
    fails with_fsize $(($(stat -c %s fsize-transform.db) / 512)) durchblick-transform --config "$CONFIG" --db fsize-transform.db &&
    clear_message durchblick-transform err "file too large" &&
    grep -q "nothing was changed" err &&
    alone_as fsize-transform.db tstart.kz kz_dump &&
    durchblick-transform --config "$CONFIG" --db fsize-transform.db 2>/dev/null && kz_dump fsize-transform.db | cmp - kref.kz
'

test_expect_success 'report past the file size limit: exit 1, clear message, the previous files untouched' '
    rm -rf out && cp -rp prev out &&
    fails with_fsize 100 durchblick-report --config "$CONFIG" --db kref.db --out out >list &&
    clear_message durchblick-report err "file too large" && ! test -s list &&
    same_folder out prev &&
    durchblick-report --config "$CONFIG" --db kref.db --out out >/dev/null 2>&1 && same_folder out new
'

test_expect_success 'report: a pdf whose last bytes do not fit is not renamed into place' '
    name=sitzungsbericht-kreis-herford-2022.pdf &&
    size=$(stat -c %s new/$name) && test $((size % 512)) -ne 0 &&
    rm -rf out && cp -rp prev out &&
    fails with_fsize $((size / 512)) durchblick-report --config "$CONFIG" --db kref.db --out out \
        --report sitzung --format pdf >list &&
    clear_message durchblick-report err "file too large" && ! test -s list &&
    same_folder out prev
'

test_expect_success 'report: an xlsx whose temporary parts are cut short is refused, not renamed into place' '
    name=sitzungsbericht-kreis-herford-2022.xlsx &&
    limit=$(($(stat -c %s new/$name) / 512 + 8)) &&
    largest=$(unzip -l new/$name | awk "\$4 ~ /\\.xml\$/ && \$1 > m { m = \$1 } END { print m }") &&
    test "$largest" -gt $((limit * 512)) &&
    rm -rf out && cp -rp prev out &&
    fails with_fsize $limit durchblick-report --config "$CONFIG" --db kref.db --out out \
        --report sitzung --format xlsx >list &&
    clear_message durchblick-report err "xlsx" && ! test -s list &&
    same_folder out prev
'

# ---- full disk: a real, tiny file system ----

if [ -n "$CAN_MOUNT" ]; then
test_expect_success 'ingest onto a full file system: exit 1, clear message, database as before; with space it loads' '
    mount -t tmpfs -o size=2m tmpfs fs && cp base.db fs/x.db &&
    fails ingest fs/x.db big.csv &&
    clear_message durchblick-ingest err "disk is full" &&
    grep -q "nothing of this file was loaded" err &&
    alone_as fs/x.db base.dump ingest_dump &&
    mount -o remount,size=64m fs && ingest fs/x.db big.csv 2>/dev/null && ingest_dump fs/x.db | cmp - ref.dump &&
    umount fs
'

test_expect_success 'transform on a full file system: exit 1, clear message, nothing changed; with space it runs' '
    mount -t tmpfs -o size=16m tmpfs fs && cp tstart.db fs/x.db &&
    { dd if=/dev/zero of=fs/fill bs=16k 2>/dev/null; test "$(df -k fs | awk "NR == 2 { print \$4 }")" = 0; } &&
    fails durchblick-transform --config "$CONFIG" --db fs/x.db &&
    clear_message durchblick-transform err "disk is full" &&
    alone_as fs/x.db tstart.kz kz_dump &&
    rm fs/fill && durchblick-transform --config "$CONFIG" --db fs/x.db 2>/dev/null && kz_dump fs/x.db | cmp - kref.kz &&
    umount fs
'

test_expect_success 'report onto a full file system: exit 1, clear message, the previous files untouched' '
    mount -t tmpfs -o size=4m tmpfs fs && cp -rp prev fs/out &&
    { dd if=/dev/zero of=fs/fill bs=4k 2>/dev/null; :; } &&
    for fmt in pdf xlsx; do
        fails durchblick-report --config "$CONFIG" --db kref.db --out fs/out --format $fmt >list &&
        clear_message durchblick-report err "no space left on device" && ! test -s list &&
        same_folder fs/out prev || exit 1
    done &&
    rm fs/fill && durchblick-report --config "$CONFIG" --db kref.db --out fs/out >/dev/null 2>&1 &&
    same_folder fs/out new && umount fs
'

test_expect_success 'a rejects file on a full file system: exit 1, clear message, no partial rejects file' '
    mount -t tmpfs -o size=1m tmpfs fs && { dd if=/dev/zero of=fs/fill bs=4k 2>/dev/null; :; } &&
    cp base.db r.db &&
    fails ingest r.db --rejects fs/rej.csv big.csv &&
    clear_message durchblick-ingest err "cannot write the rejects file.*no space left on device" &&
    ! test -e fs/rej.csv &&
    test "$(sqlite3 r.db "PRAGMA integrity_check")" = ok &&
    ingest_dump r.db | cmp - ref.dump &&
    umount fs
'
else
    for t in "ingest onto a full file system" "transform on a full file system" \
        "report onto a full file system" "a rejects file on a full file system"; do
        test_skip "$t" "mounting a tmpfs is not permitted here"
    done
fi

# ---- read-only database, file and folder ----

if [ -z "$AS_WHY" ]; then
test_expect_success 'a read-only database file: ingest and transform exit 1, say so, change nothing' '
    mkdir rof && cp ref.db rof/x.db && cp small.csv rof/ && cp rof/x.db x.orig &&
    if [ -n "$AS" ]; then chown nobody rof && chmod 644 rof/x.db; else chmod 444 rof/x.db; fi &&
    fails $AS durchblick-ingest --config "$CONFIG" --db rof/x.db --dataset teilnahmen big.csv &&
    clear_message durchblick-ingest err "rof/x.db: .*database is read-only" &&
    fails $AS durchblick-transform --config "$CONFIG" --db rof/x.db &&
    clear_message durchblick-transform err "rof/x.db: .*database is read-only" &&
    cmp rof/x.db x.orig && ! test -e rof/x.db-journal
'

test_expect_success 'a read-only folder (no room for the journal): ingest and transform exit 1, say so, change nothing' '
    mkdir rod && cp base.db rod/x.db && cp rod/x.db x.orig &&
    if [ -n "$AS" ]; then chown nobody rod/x.db && chmod 755 rod; else chmod 555 rod; fi &&
    fails $AS durchblick-ingest --config "$CONFIG" --db rod/x.db big.csv &&
    clear_message durchblick-ingest err "folder of the database is not writable" &&
    fails $AS durchblick-transform --config "$CONFIG" --db rod/x.db &&
    clear_message durchblick-transform err "folder of the database is not writable" &&
    cmp rod/x.db x.orig
'

test_expect_success 'an output folder report may not write to: exit 1, names it, leaves it empty' '
    mkdir rout && cp kref.db rout.db && chmod 644 rout.db &&
    if [ -z "$AS" ]; then chmod 555 rout; fi &&
    fails $AS durchblick-report --config "$CONFIG" --db rout.db --out rout >list &&
    clear_message durchblick-report err "rout.*permission denied" && ! test -s list &&
    test -z "$(ls -A rout)"
'
else
    for t in "a read-only database file" "a read-only folder" "an output folder report may not write to"; do
        test_skip "$t" "$AS_WHY"
    done
fi

if [ -n "$CAN_MOUNT" ]; then
test_expect_success 'a database on a read-only file system: ingest and transform refused, report reads it' '
    mount -t tmpfs -o size=16m tmpfs rofs && cp kref.db rofs/x.db && mkdir rofs/out &&
    mount -o remount,ro rofs &&
    fails ingest rofs/x.db big.csv && clear_message durchblick-ingest err "database is read-only" &&
    fails durchblick-transform --config "$CONFIG" --db rofs/x.db &&
    clear_message durchblick-transform err "database is read-only" &&
    cmp rofs/x.db kref.db &&
    rm -rf out && durchblick-report --config "$CONFIG" --db rofs/x.db --out out >/dev/null 2>&1 && same_folder out new &&
    fails durchblick-report --config "$CONFIG" --db kref.db --out rofs/out >list &&
    clear_message durchblick-report err "rofs/out.*read-only file system" && ! test -s list &&
    umount rofs
'
else
    test_skip "a database on a read-only file system" "mounting a tmpfs is not permitted here"
fi

# ---- the font of the pdf reports ----

test_expect_success 'a missing font: exit 1, names the file and what to do; no pdf, the previous one untouched' '
    rm -rf out && cp -rp prev out &&
    fails env DURCHBLICK_FONT_DIR="$TRASH/no-fonts" durchblick-report --config "$CONFIG" --db kref.db \
        --out out >list &&
    clear_message durchblick-report err "no-fonts/DejaVuSans.ttf: cannot read font: .*fonts-dejavu-core.*DURCHBLICK_FONT_DIR" &&
    ! test -s list && same_folder out prev &&
    env DURCHBLICK_FONT_DIR="$TRASH/no-fonts" durchblick-report --config "$CONFIG" --db kref.db --out out \
        --format xlsx >/dev/null 2>&1 &&
    for f in $(cd new && ls *.xlsx); do cmp out/$f new/$f || exit 1; done
'

test_expect_success 'a broken font: exit 1, clear message, no pdf; DURCHBLICK_FONT_DIR with the real fonts works' '
    mkdir broken && echo "not a font" >broken/DejaVuSans.ttf && cp broken/DejaVuSans.ttf broken/DejaVuSans-Bold.ttf &&
    rm -rf out && cp -rp prev out &&
    fails env DURCHBLICK_FONT_DIR="$TRASH/broken" durchblick-report --config "$CONFIG" --db kref.db \
        --out out --format pdf >list &&
    clear_message durchblick-report err "DejaVuSans.ttf: cannot load font: not a usable truetype font" &&
    ! test -s list && same_folder out prev &&
    mkdir fonts && cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf fonts/ &&
    env DURCHBLICK_FONT_DIR="$TRASH/fonts" durchblick-report --config "$CONFIG" --db kref.db --out out >/dev/null 2>&1 &&
    same_folder out new
'

test_done
