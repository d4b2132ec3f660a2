#!/bin/sh
# Issue 9: the attacker on generated data sets (a fast subset; every size, both regions and
# several seeds run in tests/full/f710-attack-sweep.sh). Each data set is generated with
# durchblick-samples, run through `durchblick run`, and attacked on its published outputs;
# the database is read only afterwards, to check the attacker against the exact figures.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/attack/lib.sh"

attack_sweep 'attack two generated data sets (Kreis Herford 80, Stadt Wuppertal 150)' \
    --sets kreis-herford:80:1,stadt-wuppertal:150:2

test_done
