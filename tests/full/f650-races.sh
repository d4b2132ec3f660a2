#!/bin/sh
# make check-full: the races of t650 with 50 trials each; zero losses allowed.
. "$(dirname "$0")/../e2e/lib.sh"
. "$(dirname "$0")/../e2e/races.sh"
TRIALS=${RACE_TRIALS:-50}

test_expect_success "two ingests at once on a new database: both load, $TRIALS trials" '
	race_trials ingest $TRIALS
'

test_expect_success "two durchblick run at once on a new database: both load, $TRIALS trials" '
	race_trials run $TRIALS
'

test_done
