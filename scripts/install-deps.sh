#!/bin/sh
# Installs the Debian packages durchblick needs to build, test and run its demo
# (with the argument "fuzz": also those `make fuzz` needs).
# As root it runs apt-get; with sudo it uses sudo; otherwise it prints the exact
# command and stops, so nothing happens behind the user's back.
set -eu

PACKAGES="gcc make pkg-config libcsv-dev libsqlite3-dev sqlite3 libgsl-dev libhpdf-dev
libxlsxwriter-dev libinih-dev libjson-c-dev nettle-dev zlib1g-dev iso-codes fonts-dejavu-core
libcmocka-dev qpdf poppler-utils python3 python3-openpyxl time valgrind
libglpk-dev libxml2-dev libzip-dev gettext python3-scipy python3-xlsxwriter libreoffice-calc-nogui
fonts-crosextra-carlito"
# `make fuzz` (scripts/install-deps.sh fuzz) also needs clang and its libFuzzer runtime.
if [ "${1:-}" = fuzz ]; then
    PACKAGES="$PACKAGES clang libclang-rt-14-dev"
fi

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
# npm fetches the csv-spectrum test suite. A machine may have Node.js from elsewhere
# (Debian's npm would then conflict with it): ask for Debian's only if there is none.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
else
    echo "durchblick: missing Debian packages. Please run as root:" >&2
    echo "  apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
echo "durchblick: installing Debian packages:$missing" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
