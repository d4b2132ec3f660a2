#!/bin/sh
# durchblick-transform: options, exit codes and messages (product.md).
. "$(dirname "$0")/lib.sh"

test_expect_success '--help prints usage on stdout and exits 0' '
    durchblick-transform --help >out 2>err &&
    grep -q "^usage: durchblick-transform --config FILE --db FILE" out && ! test -s err
'
test_expect_success '--version names the program' '
    durchblick-transform --version | grep -q "^durchblick-transform "
'
test_expect_success 'an unknown option is a usage error (2) pointing to --help' '
    test_exit_code 2 durchblick-transform --bogus 2>err &&
    grep -q "^durchblick-transform: unknown option .--bogus." err && grep -q "^try .durchblick-transform --help." err
'
test_expect_success 'a bad --from is a usage error' '
    test_exit_code 2 durchblick-transform --config "$CONFIG" --db x.db --from 2022-13-01 2>err &&
    grep -q "not a date" err
'
test_expect_success 'a missing database is exit 1 naming the file' '
    test_must_fail durchblick-transform --config "$CONFIG" --db missing.db 2>err &&
    grep -q "^durchblick-transform: missing.db: " err && ! test -e missing.db
'
test_expect_success 'a file that is not a durchblick database is exit 1 and left alone' '
    echo "not a database" >junk.db && cp junk.db junk.orig &&
    test_must_fail durchblick-transform --config "$CONFIG" --db junk.db 2>err &&
    cmp junk.db junk.orig
'
test_expect_success 'a missing config is a config error (2)' '
    test_exit_code 2 durchblick-transform --config nope.ini --db x.db
'
test_done
