#!/bin/sh
# Issue 9: the attacker on every generated data-set size (80, 150, 300, 1,000 participations),
# both regions (Kreis Herford, Stadt Wuppertal with its Stadtbezirke) and three seeds: 24
# data sets. docs/disclosure.md ("Figures before and after") compares the code before the
# new disclosure control.
. "$(dirname "$0")/../e2e/lib.sh"
. "$REPO/tests/attack/lib.sh"

attack_sweep 'attack 24 generated data sets' --jobs 2 --sizes 80,150,300,1000 \
    --regions kreis-herford,stadt-wuppertal --seeds 1,2,3

test_done
