#!/bin/sh
# Issue 9: the attacker on generated data sets (a fast subset; every size, both regions and
# several seeds run in tests/full/f710-attack-sweep.sh). Each data set is generated with
# durchblick-samples, run through `durchblick run`, and attacked on its published outputs;
# the database is read only afterwards, to check the attacker against the exact figures.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/attack/lib.sh"

# Wuppertal 150 seed 2 leaked through the median's events (an aliased count outside its own
# lines), Wuppertal 1,000 seed 1 through abschluss_quote by Stadtbezirk (its basis is the exits
# of Baustein 3 there, which the model knew only when those rows came first). Wuppertal 80
# seed 1 and Herford 150 seed 2 leaked through the exam sitters by Kommune: they are exits of
# Baustein 4 in that Kommune, which the model bounded only by all exits there (the withheld
# Baustein-4 exits of one Kommune, and the exam sitters by quarter, were proven below 3).
attack_sweep 'attack five generated data sets (Kreis Herford 80 and 150, Stadt Wuppertal 80, 150 and 1,000)' \
    --sets kreis-herford:80:1,kreis-herford:150:2,stadt-wuppertal:80:1,stadt-wuppertal:150:2,stadt-wuppertal:1000:1

test_done
