#!/bin/sh
# Two programs at once on a database that does not exist yet: the file is
# created with its schema in one step, the second waits for the first, and
# nothing either of them loaded is lost. Ten trials each here; the 50-trial
# runs are tests/full/f650-races.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/races.sh"
TRIALS=${RACE_TRIALS:-10}

test_expect_success "two ingests at once on a new database: both load, $TRIALS trials" '
	race_trials ingest $TRIALS
'

test_expect_success "two durchblick run at once on a new database: both load, $TRIALS trials" '
	race_trials run $TRIALS
'

test_done
