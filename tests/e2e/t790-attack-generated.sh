#!/bin/sh
# Issue 9: the attacker on generated data sets (a fast subset; every size, both regions and
# several seeds run in tests/full/f710-attack-sweep.sh). Each data set is generated with
# durchblick-samples, run through `durchblick run`, and attacked on its published outputs;
# the database is read only afterwards, to check the attacker against the exact figures.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/attack/lib.sh"

# Wuppertal 150 seed 2 leaked through the median's events (an aliased count outside its own
# lines), Wuppertal 1,000 seed 1 through abschluss_quote by Stadtbezirk (its basis is the exits
# of Baustein 3 there, which the model knew only when those rows came first).
attack_sweep 'attack three generated data sets (Kreis Herford 80, Stadt Wuppertal 150 and 1,000)' \
    --sets kreis-herford:80:1,stadt-wuppertal:150:2,stadt-wuppertal:1000:1

test_done
